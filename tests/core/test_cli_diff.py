"""`ssa-wizard diff OLD NEW`: exit statuses, the JSON shape of file-format.md, languages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ssa_wizard import storage
from ssa_wizard.cli import main
from ssa_wizard.compare import fingerprint
from ssa_wizard.resources import resource_path

from .factories import eligible_complete

ELIGIBLE = resource_path("examples", "digiretail.ssa.json")


@pytest.fixture
def versions(tmp_path):
    """A signed version and today's: one member moved country, an activity ends earlier."""
    signed = eligible_complete()
    today = signed.model_copy(deep=True)
    today.partner("p2").country = "BE"
    today.activities[1].end_month = 20
    today.partners.reverse()
    old, new = tmp_path / "signed.ssa.json", tmp_path / "today.ssa.json"
    storage.save(signed, old)
    storage.save(today, new)
    return old, new, signed, today


def test_same_content_exits_0(tmp_path, capsys):
    data = json.loads(Path(ELIGIBLE).read_text(encoding="utf-8"))
    data["partners"].reverse()
    data["language"] = "en"
    copy = tmp_path / "copy.ssa.json"
    copy.write_text(json.dumps(data), encoding="utf-8")
    assert main(["diff", str(ELIGIBLE), str(copy), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "No changes: the two versions have the same content." in out
    assert "Still eligible and complete." in out


def test_differences_exit_1_with_the_json_of_the_contract(versions, capsys):
    old, new, signed, today = versions
    assert main(["diff", str(old), str(new), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "old": str(old), "new": str(new), "same": False,
        "fingerprints": {"old": fingerprint(signed), "new": fingerprint(today)},
        "verdicts": {"old": {"eligible": True, "complete": True},
                     "new": {"eligible": False, "complete": False}},
        "changes": [
            {"what": "partner", "change": "changed", "id": "p2", "name": "Organisation p2",
             "fields": {"country": ["NL", "BE"]}},
            {"what": "activity", "change": "changed", "id": "a2", "name": "Design",
             "fields": {"end_month": [24, 20]}},
        ]}


def test_text_in_english_and_dutch(versions, capsys):
    old, new, _signed, _today = versions
    assert main(["diff", str(old), str(new), "--lang", "en"]) == 1
    english = capsys.readouterr().out.splitlines()
    assert "Members" in english and "Activities" in english and "Verdict" in english
    assert "    Country: Netherlands (NL) → Belgium (BE)" in english
    assert "    End month: month 24 → 20" in english
    assert main(["diff", str(old), str(new), "--lang", "nl"]) == 1
    dutch = capsys.readouterr().out.splitlines()
    assert "Leden" in dutch and "Activiteiten" in dutch and "Oordeel" in dutch
    assert "    Land: Nederland (NL) → België (BE)" in dutch
    assert dutch[1] == "2 wijzigingen."
    assert any(line.startswith("  Was subsidiabel en volledig, nu niet subsidiabel: ")
               for line in dutch)


def test_the_language_of_the_new_file_is_the_default(versions, capsys):
    old, new, _signed, today = versions
    today.language = "nl"
    storage.save(today, new, expected=storage.file_stamp(new))
    main(["diff", str(old), str(new)])
    assert "Oordeel" in capsys.readouterr().out


def test_control_characters_in_names_are_neutralised(versions, capsys):
    old, new, _signed, today = versions
    today.partner("p3").name = "Evil\x1b[2J\rCorp"
    storage.save(today, new, expected=storage.file_stamp(new))
    main(["diff", str(old), str(new), "--lang", "en"])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\r" not in out
    assert "Evil\\u001b[2J Corp" in out  # the escape shown; the line break a space
    main(["diff", str(old), str(new), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["changes"][0]["fields"]["name"][1] == "Evil\x1b[2J\rCorp"


@pytest.mark.parametrize("which", ["old", "new"])
@pytest.mark.parametrize("content, says", [
    (b"{not json", "not JSON"),
    (b'{"format": "ssa-proposal", "version": 99}', "newer version"),
    (None, "no such file"),
])
def test_an_unreadable_file_exits_2_in_one_line(versions, capsys, which, content, says):
    old, new, _signed, _today = versions
    bad = old if which == "old" else new
    if content is None:
        bad.unlink()
    else:
        bad.write_bytes(content)
    assert main(["diff", str(old), str(new)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and bad.name in lines[0] and says in lines[0]
    assert "Traceback" not in captured.err


def test_a_real_process_prints_no_traceback(tmp_path):
    bad = tmp_path / "bad.ssa.json"
    bad.write_bytes(b"\xff\xfe garbage")
    result = subprocess.run([sys.executable, "-m", "ssa_wizard.cli", "diff", str(ELIGIBLE),
                             str(bad)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    missing = subprocess.run([sys.executable, "-m", "ssa_wizard.cli", "diff", str(ELIGIBLE)],
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and "NEW" in missing.stderr  # argparse's usage error
