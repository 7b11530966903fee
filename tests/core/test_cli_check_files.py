"""``ssa-wizard check`` and ``pdf`` refuse unreadable and newer files: exit 2, one line on stderr."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ssa_wizard import cli

ROOT = Path(__file__).resolve().parents[2]
GOOD = {"format": "ssa-proposal", "version": 1}

CASES = {
    "empty": (b"", "the file is empty"),
    "not json": (b"{oops", "not JSON"),
    "not utf-8": (b'{"format": "ssa-proposal", "x": "\xff"}', "not UTF-8 text"),
    "not an object": (b"42", "not a proposal (the file holds no JSON object)"),
    "no format": (b'{"version": 1}', 'not a proposal file (no "format" field)'),
    "wrong format": (json.dumps({**GOOD, "format": "ssa-budget"}).encode(), "not a proposal file"),
    "bad version": (json.dumps({**GOOD, "version": "one"}).encode(), '"version" must be a whole number'),
    "wrong types": (json.dumps({**GOOD, "partners": [{"id": "p1", "role": 3}]}).encode(),
                    "partners[0].role: must be one of"),
    "newer version": (json.dumps({**GOOD, "version": 99, "hologram": 1}).encode(),
                      "written by a newer version of SSA Wizard (file version 99"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_refuses_with_exit_2_and_one_line(tmp_path, capsys, case):
    content, problem = CASES[case]
    path = tmp_path / "input.ssa.json"
    path.write_bytes(content)
    assert cli.main(["check", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and err.endswith("\n")
    assert lines[0].startswith("ssa-wizard: input.ssa.json: ")
    assert problem in lines[0]
    assert "Traceback" not in err
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["input.ssa.json"]


def test_check_accepts_a_byte_order_mark(tmp_path, capsys):
    path = tmp_path / "bom.ssa.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD).encode())
    assert cli.main(["check", "--json", str(path)]) in (0, 1)
    assert json.loads(capsys.readouterr().out)["file"] == str(path)


def test_pdf_refuses_a_newer_version_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "future.ssa.json"
    path.write_bytes(CASES["newer version"][0])
    out = tmp_path / "out.pdf"
    assert cli.main(["pdf", str(path), "-o", str(out)]) == 2
    assert len(capsys.readouterr().err.splitlines()) == 1
    assert not out.exists()


def test_console_script_exits_2_for_a_missing_file(tmp_path):
    script = ROOT / ".venv" / "bin" / "ssa-wizard"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "ssa_wizard.cli"]
    result = subprocess.run([*command, "check", str(tmp_path / "missing.ssa.json")],
                            capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2
    assert result.stderr == "ssa-wizard: missing.ssa.json: no such file\n"
    assert result.stdout == ""
