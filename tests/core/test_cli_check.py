"""`ssa-wizard check`: output, JSON shape, languages and exit codes (file-format.md)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ssa_wizard.cli import main
from ssa_wizard.resources import resource_path

ELIGIBLE = resource_path("examples", "digiretail.ssa.json")
DRAFT = resource_path("examples", "greenstay-draft.ssa.json")


def test_eligible_example_exits_0_and_says_so(capsys):
    assert main(["check", str(ELIGIBLE), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Eligible: yes. Complete: yes." in out
    assert "I-ASSOCIATED-NOT-COUNTED" in out


def test_draft_example_exits_1_with_its_findings(capsys):
    assert main(["check", str(DRAFT), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["file"] == str(DRAFT)
    assert data["rulebook"] == "ssa-2014"
    assert (data["eligible"], data["complete"]) == (False, False)
    rules = [f["rule"] for f in data["findings"]]
    # Greece (written EL in the file) lacks a VET provider and a regulator;
    # Switzerland, a partner country with a full partner, is involved too.
    trio = {f["country"]: f["params"]["missing"] for f in data["findings"]
            if f["rule"] == "E-COUNTRY-TRIO"}
    assert trio["GR"] == ["vet_provider", "regulatory_body"]
    assert trio["CH"] == ["vet_provider", "regulatory_body"]
    assert "C-PIC-FORMAT" in rules and "C-ACTIVITY-PERIOD" in rules
    assert "E-CORE-ACTIVITY" in rules
    first = data["findings"][0]
    assert set(first) == {"rule", "severity", "message", "partner", "activity", "country", "params"}
    groups = ["ECQI".index(r[0]) if r[0] != "I" else 2 for r in rules]
    assert groups == sorted(groups)


def test_json_messages_follow_lang(capsys):
    main(["check", str(DRAFT), "--json", "--lang", "en"])
    english = json.loads(capsys.readouterr().out)
    trio = next(f for f in english["findings"] if f["country"] == "GR")
    assert "Greece" in trio["message"]
    main(["check", str(DRAFT), "--json", "--lang", "nl"])
    dutch = json.loads(capsys.readouterr().out)
    trio = next(f for f in dutch["findings"] if f["country"] == "GR")
    assert "Griekenland" in trio["message"]


def test_the_file_is_never_written(tmp_path, capsys):
    path = tmp_path / "draft.ssa.json"
    shutil.copy(DRAFT, path)
    before = path.read_bytes(), path.stat().st_mtime_ns
    main(["check", str(path)])
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


@pytest.mark.parametrize("content, problem", [
    (b"", "empty"),
    (b"{not json", "not JSON"),
    (b"\xff\xfe\x00", "not UTF-8"),
    (b"[1, 2]", "no JSON object"),
    (b'{"version": 1}', '"format"'),
    (b'{"format": "ssa-proposal", "version": 99}', "newer version"),
    (b'{"format": "ssa-proposal", "version": 1, "partners": {"a": 1}}', "partners"),
])
def test_unreadable_files_exit_2_with_one_line(tmp_path, capsys, content, problem):
    path = tmp_path / "bad.ssa.json"
    path.write_bytes(content)
    assert main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "bad.ssa.json" in lines[0] and problem in lines[0]
    assert path.read_bytes() == content


def test_missing_file_exits_2(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nowhere.ssa.json")]) == 2
    assert "nowhere.ssa.json" in capsys.readouterr().err


def test_byte_order_mark_is_accepted(tmp_path, capsys):
    path = tmp_path / "bom.ssa.json"
    path.write_bytes(b"\xef\xbb\xbf" + ELIGIBLE.read_bytes())
    assert main(["check", str(path)]) == 0


def test_console_script_prints_no_traceback(tmp_path):
    path = tmp_path / "bad.ssa.json"
    path.write_text("nonsense", encoding="utf-8")
    exe = Path(sys.executable).with_name("ssa-wizard")
    result = subprocess.run([str(exe), "check", str(path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "bad.ssa.json" in result.stderr


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("ssa-wizard ")
