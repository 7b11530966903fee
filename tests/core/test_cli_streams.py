"""What the command prints, and what happens when printing or the user stops it (issue #15).

Real pipes closed early (``import … | head``), real SIGINT to a child mid-write, a full
output device, escape sequences in partner names, values no reader expected, and bugs:
each time the work asked for is done (or undone cleanly), the exit status says what
happened, and at most one line reaches stderr, never a traceback.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ssa_wizard import cli, locking, storage
from ssa_wizard.cli import main, printable
from ssa_wizard.model import Partner, Proposal

ROOT = Path(__file__).resolve().parents[2]
COMMAND = [sys.executable, "-m", "ssa_wizard.cli"]


def _proposal(path: Path, partners: list[Partner] | None = None) -> Path:
    proposal = Proposal.new()
    proposal.partners.extend(partners or [Partner(id="p1", name="ROC Midden Nederland",
                                                  country="NL")])
    path.write_text(proposal.to_json(), "utf-8")
    return path


def _run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *args], cwd=ROOT, capture_output=True, text=True,
                          **kwargs)


# --- broken pipes -----------------------------------------------------------------------


def _head_one_line(*args: str) -> tuple[str, int, str]:
    """Run the command into a pipe whose reader leaves after one line, as ``| head -1``."""
    child = subprocess.Popen([*COMMAND, *args], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    with child:  # closes the pipes when done
        first = child.stdout.readline()
        child.stdout.close()  # the reader goes away while the child still has much to print
        err = child.stderr.read()
        return first, child.wait(timeout=120), err


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")
def test_import_into_a_closed_pipe_still_saves_and_exits_quietly(tmp_path):
    proposal = _proposal(tmp_path / "p.ssa.json")
    # 3,000 rows with an unknown country print far more than a pipe holds (64 KB), so
    # the child is still printing when the reader leaves.
    rows = [f"Bad {i};Atlantis" for i in range(3000)] + ["Handwerkskammer München;DE"]
    sheet = tmp_path / "partners.csv"
    sheet.write_text("Name;Country\r\n" + "\r\n".join(rows) + "\r\n", "utf-8")
    first, code, err = _head_one_line("import", str(proposal), str(sheet))
    assert first.startswith("partners.csv, row 2: the country “Atlantis” is not known")
    assert (code, err) == (1, "")  # rows were skipped; nothing about the pipe
    saved = storage.load(proposal).proposal
    assert [p.name for p in saved.partners] == ["ROC Midden Nederland", "Handwerkskammer München"]
    assert not locking.lock_path(proposal).exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")
@pytest.mark.parametrize("json_output", [False, True])
def test_check_into_a_closed_pipe_exits_quietly(tmp_path, json_output):
    members = [Partner(id=f"p{i}", name=f"Organisation {i}", country="DE", pic="123")
               for i in range(1, 2001)]
    proposal = _proposal(tmp_path / "big.ssa.json", members)
    first, code, err = _head_one_line("check", *(["--json"] if json_output else []),
                                      str(proposal))
    assert first == ("{\n" if json_output else f"{proposal} (rulebook ssa-2014)\n")
    assert (code, err) == (1, "")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_output_to_a_full_device_is_one_line_and_the_status_of_the_check(tmp_path):
    proposal = _proposal(tmp_path / "p.ssa.json")
    with open("/dev/full", "w") as full:
        result = subprocess.run([*COMMAND, "check", str(proposal)], cwd=ROOT, stdout=full,
                                stderr=subprocess.PIPE, text=True)
    assert result.returncode == 1
    assert result.stderr == "ssa-wizard: the output could not be written: the disk is full\n"


def test_a_console_that_cannot_show_a_name_gets_an_escape_not_a_traceback(tmp_path):
    proposal = _proposal(tmp_path / "p.ssa.json", [Partner(id="p1", name="Łódź Szkoła",
                                                           country="PL", pic="1")])
    result = _run("check", str(proposal), env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert result.returncode == 1 and result.stderr == ""
    assert "\\u0141\\xf3d\\u017a Szko\\u0142a" in result.stdout


# --- Ctrl+C -----------------------------------------------------------------------------

# Runs the command, and when its write reaches ``STEP`` says "ready" and waits, so that
# the parent's SIGINT arrives exactly in the middle of writing the file.
INTERRUPTED = r"""
import sys
from ssa_wizard import cli, fs, storage

step = sys.argv[1]

def pause(at):
    if at == step:
        sys.__stdout__.write("ready\n")
        sys.__stdout__.flush()
        sys.stdin.readline()

fs._crash_point = pause
sys.exit(cli.main(sys.argv[2:]))
"""


def _interrupt(step: str, *args: str) -> tuple[int, str, str]:
    child = subprocess.Popen([sys.executable, "-c", INTERRUPTED, step, *args], cwd=ROOT,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert child.stdout.readline() == "ready\n"
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    return child.returncode, out, err


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX")
def test_ctrl_c_in_the_middle_of_an_import_exits_130_and_keeps_the_file(tmp_path):
    proposal = _proposal(tmp_path / "p.ssa.json")
    before = proposal.read_bytes()
    sheet = tmp_path / "partners.csv"
    sheet.write_text("Name;Country\r\nHandwerkskammer München;DE\r\n", "utf-8")
    code, out, err = _interrupt("file:temp-partial", "import", str(proposal), str(sheet))
    assert (code, err) == (130, "")
    assert "Traceback" not in out
    assert proposal.read_bytes() == before
    # No temporary file, no lock left behind (the backup of the old content may stay).
    assert sorted(p.name for p in tmp_path.iterdir()) in (
        ["p.ssa.json", "partners.csv"], ["p.ssa.json", "p.ssa.json.bak", "partners.csv"])


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX")
def test_ctrl_c_in_the_middle_of_a_pdf_exits_130_and_keeps_the_old_pdf(tmp_path):
    proposal = _proposal(tmp_path / "p.ssa.json")
    out_pdf = tmp_path / "summary.pdf"
    out_pdf.write_bytes(b"%PDF-1.4 yesterday")
    code, out, err = _interrupt("file:temp-partial", "pdf", str(proposal), "-o", str(out_pdf))
    assert (code, out, err) == (130, "", "")
    assert out_pdf.read_bytes() == b"%PDF-1.4 yesterday"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.ssa.json", "summary.pdf"]


# --- terminal injection -----------------------------------------------------------------

EVIL = "\x1b]0;owned\x07\x1b[2J\rEvil\x9b31m \u202eCorp\x08\x7f"
UNSAFE = ["\x1b", "\x07", "\r", "\x9b", "\u202e", "\x08", "\x7f"]


def test_printable_escapes_controls_and_bidi_and_keeps_the_rest():
    assert printable("Café\tLine\n\x1b[2J\u202e\u2066") == (
        "Café\tLine\n\\u001b[2J\\u202e\\u2066")
    assert printable("a\nb", keep_newlines=False) == "a\\u000ab"
    assert printable("Łódź, Αθήνα, مدرسة") == "Łódź, Αθήνα, مدرسة"


def test_check_prints_no_escape_sequence_from_a_partner_name(tmp_path):
    proposal = _proposal(tmp_path / "p.ssa.json", [
        Partner(id="p1", name=EVIL, country="DE", pic="12"),
        Partner(id="p2", name="Two\nlines", country="DE", pic="12")])
    result = _run("check", "--lang", "en", str(proposal))
    assert result.returncode == 1 and result.stderr == ""
    assert not any(ch in result.stdout for ch in UNSAFE)
    assert "\\u001b]0;owned\\u0007\\u001b[2J\\u000dEvil\\u009b31m \\u202eCorp" in result.stdout
    assert "Two\\u000alines" in result.stdout  # one finding, one line
    assert not any(line == "lines" or line.startswith("lines") for line in
                   result.stdout.splitlines())


def test_check_json_stays_valid_json_with_the_same_values(tmp_path):
    proposal = _proposal(tmp_path / "p.ssa.json", [Partner(id="p1", name=EVIL, country="DE",
                                                           pic="12")])
    result = _run("check", "--json", str(proposal))
    assert result.returncode == 1
    assert not any(ch in result.stdout for ch in UNSAFE)
    findings = json.loads(result.stdout)["findings"]
    assert any(EVIL in f["message"] for f in findings)  # escaped on screen, intact as data


def test_import_prints_cell_values_and_file_names_harmlessly(tmp_path):
    proposal = _proposal(tmp_path / "p.ssa.json")
    sheet = tmp_path / "partners\x1b[31m.csv"
    good = "".join(f"Organisation {i};DE\r\n" for i in range(100))  # text, not binary data
    sheet.write_text(f'Name;Country\r\n"Evil";"{EVIL}"\r\n{good}', "utf-8")
    result = _run("import", str(proposal), str(sheet))
    assert result.returncode == 1
    assert not any(ch in result.stdout + result.stderr for ch in UNSAFE)
    assert result.stdout.splitlines()[0].startswith(
        "partners\\u001b[31m.csv, row 2: the country “\\u001b]0;owned\\u0007")
    missing = _run("import", str(proposal), str(tmp_path / "nope\x1b[2J.csv"))
    assert missing.returncode == 2
    assert missing.stderr == "ssa-wizard: nope\\u001b[2J.csv: no such file\n"


# --- values no reader expected, and bugs ------------------------------------------------


def test_a_huge_integer_in_a_proposal_is_exit_2_in_one_line(tmp_path):
    path = tmp_path / "huge.ssa.json"
    path.write_text('{"format": "ssa-proposal", "version": 1, "project": {"duration_months": '
                    + "9" * 5000 + "}}", "utf-8")
    for command in (["check", str(path)], ["pdf", str(path), "-o", str(tmp_path / "o.pdf")],
                    ["import", str(path), str(path)]):
        result = _run(*command)
        assert result.returncode == 2, (command, result.stderr)
        assert result.stderr.startswith("ssa-wizard: huge.ssa.json: ")
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["huge.ssa.json"]


def test_a_huge_integer_in_a_card_is_exit_2_in_one_line(tmp_path):
    proposal = _proposal(tmp_path / "p.ssa.json")
    before = proposal.read_bytes()
    card = tmp_path / "bibb.ssa-partner.json"
    card.write_text('{"format": "ssa-partner", "version": 1, "partner": {"name": "BIBB", '
                    '"pic": ' + "1" * 5000 + "}}", "utf-8")
    result = _run("import", str(proposal), str(card))
    assert result.returncode == 2
    assert result.stderr.startswith("ssa-wizard: bibb.ssa-partner.json: ")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert proposal.read_bytes() == before


def test_an_unexpected_read_error_names_the_input(tmp_path, capsys, monkeypatch):
    from ssa_wizard.exchange import sources

    def broken(*args, **kwargs):
        raise LookupError("a reader bug")

    monkeypatch.setattr(sources, "read_sheet", broken)
    proposal = _proposal(tmp_path / "p.ssa.json")
    before = proposal.read_bytes()
    assert main(["import", str(proposal), str(tmp_path / "x.csv")]) == 2
    assert capsys.readouterr().err == (
        "ssa-wizard: x.csv: cannot be read (LookupError); if the file looks right, this is a "
        "bug in SSA Wizard: please report it\n")
    assert proposal.read_bytes() == before


def test_a_bug_is_one_line_and_exit_1_or_a_traceback_when_debugging(tmp_path, capsys,
                                                                    monkeypatch):
    import ssa_wizard.rules

    def broken(proposal):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(ssa_wizard.rules, "check", broken)
    proposal = _proposal(tmp_path / "p.ssa.json")
    monkeypatch.delenv(cli.DEBUG_VARIABLE, raising=False)
    assert main(["check", str(proposal)]) == cli.EXIT_BUG
    assert capsys.readouterr().err == (
        "ssa-wizard: unexpected error (ZeroDivisionError: division by zero); this is a bug in "
        "SSA Wizard, please report it with the command you ran (set SSA_WIZARD_DEBUG=1 to see "
        "where it happened)\n")
    monkeypatch.setenv(cli.DEBUG_VARIABLE, "1")
    with pytest.raises(ZeroDivisionError):
        main(["check", str(proposal)])


def test_repaired_text_is_named_on_stderr_and_the_check_goes_on(tmp_path, capsys):
    path = tmp_path / "broken-emoji.ssa.json"
    path.write_text('{"format": "ssa-proposal", "version": 1, "project": {"title": "Caf\\ud800"},'
                    ' "partners": [{"id": "p1", "name": "X\\udfff"}]}', encoding="utf-8")
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert all(line.startswith("ssa-wizard: broken-emoji.ssa.json: ") for line in err)
    assert "member 1, name" in err[1]


def test_pdf_names_the_characters_no_font_has(tmp_path, capsys):
    path = tmp_path / "p.ssa.json"
    path.write_text('{"format": "ssa-proposal", "version": 1, "partners": '
                    '[{"id": "p1", "name": "北京 Centre"}]}', encoding="utf-8")
    assert main(["pdf", str(path), "-o", str(tmp_path / "p.pdf")]) == 0
    err = capsys.readouterr().err
    assert err.startswith("ssa-wizard: ") and "北" in err and err.count("\n") == 1
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF-")
