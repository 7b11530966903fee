"""``ssa-wizard pdf FILE -o OUT.pdf``: exit codes, a valid PDF, and nothing half-written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from ssa_wizard.cli import EXIT_OK, EXIT_REFUSED, main
from ssa_wizard.resources import resource_path

DIGIRETAIL = str(resource_path("examples", "digiretail.ssa.json"))
GREENSTAY = str(resource_path("examples", "greenstay-draft.ssa.json"))


def test_writes_a_valid_pdf(tmp_path):
    out = tmp_path / "summary.pdf"
    assert main(["pdf", DIGIRETAIL, "-o", str(out), "--lang", "en"]) == EXIT_OK
    reader = PdfReader(out)
    assert len(reader.pages) >= 3
    assert "Digital skills for small retailers" in reader.pages[0].extract_text()
    assert os.listdir(tmp_path) == ["summary.pdf"]


def test_a_draft_is_written_too_and_marked(tmp_path):
    out = tmp_path / "draft.pdf"
    assert main(["pdf", GREENSTAY, "-o", str(out)]) == EXIT_OK
    assert "DRAFT" in PdfReader(out).pages[0].extract_text()


def test_language_defaults_to_the_proposals(tmp_path):
    # digiretail is written in Dutch ("language": "nl").
    out = tmp_path / "nl.pdf"
    assert main(["pdf", DIGIRETAIL, "-o", str(out)]) == EXIT_OK
    reader = PdfReader(out)
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert "Duitsland" in "".join(page.extract_text() for page in reader.pages)


def test_replaces_an_existing_pdf_or_an_empty_file(tmp_path):
    out = tmp_path / "summary.pdf"
    out.write_bytes(b"%PDF-1.4 an older summary")
    assert main(["pdf", DIGIRETAIL, "-o", str(out)]) == EXIT_OK
    assert out.read_bytes().startswith(b"%PDF-") and b"an older summary" not in out.read_bytes()
    empty = tmp_path / "empty.pdf"
    empty.touch()
    assert main(["pdf", DIGIRETAIL, "-o", str(empty)]) == EXIT_OK
    assert empty.read_bytes().startswith(b"%PDF-")


def test_unreadable_input_exits_2_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.ssa.json"
    bad.write_text("{not json", encoding="utf-8")
    out = tmp_path / "out.pdf"
    assert main(["pdf", str(bad), "-o", str(out)]) == EXIT_REFUSED
    assert not out.exists()
    err = capsys.readouterr().err
    assert "bad.ssa.json" in err and "not JSON" in err
    assert "Traceback" not in err


def test_missing_input_exits_2(tmp_path, capsys):
    assert main(["pdf", str(tmp_path / "nowhere.ssa.json"), "-o",
                 str(tmp_path / "out.pdf")]) == EXIT_REFUSED
    assert "no such file" in capsys.readouterr().err
    assert os.listdir(tmp_path) == []


def test_output_folder_missing_exits_2(tmp_path, capsys):
    out = tmp_path / "no" / "such" / "folder" / "out.pdf"
    assert main(["pdf", DIGIRETAIL, "-o", str(out)]) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert err == (f"ssa-wizard: cannot write {out}: the folder {out.parent} does not exist; "
                   "choose an output file in an existing folder with -o\n")
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_unwritable_output_leaves_no_partial_file(tmp_path):
    # A real write failure: the child may write files of at most 4 KB (RLIMIT_FSIZE;
    # Python ignores SIGXFSZ, so the write fails with EFBIG). The temporary file cannot
    # be finished, is removed, and the PDF already there stays as it was.
    import resource

    out = tmp_path / "out.pdf"
    out.write_bytes(b"%PDF-1.4 the summary printed yesterday")

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-m", "ssa_wizard.cli", "pdf", DIGIRETAIL, "-o",
                             str(out)], cwd=root, capture_output=True, text=True,
                            preexec_fn=small_files)
    assert result.returncode == EXIT_REFUSED
    assert result.stderr == (f"ssa-wizard: cannot write {out}: the file is too large for this "
                             "disk; choose another output file with -o\n")
    assert out.read_bytes() == b"%PDF-1.4 the summary printed yesterday"
    assert os.listdir(tmp_path) == ["out.pdf"]


def test_output_parent_is_a_file_exits_2(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["pdf", DIGIRETAIL, "-o", str(blocker / "out.pdf")]) == EXIT_REFUSED
    assert sorted(os.listdir(tmp_path)) == ["file"]


def test_the_command_in_its_own_process(tmp_path):
    out = tmp_path / "summary.pdf"
    command = [sys.executable, "-m", "ssa_wizard.cli"]
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([*command, "pdf", GREENSTAY, "-o", str(out)], cwd=root,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    result = subprocess.run([*command, "pdf", str(tmp_path / "missing.json"), "-o",
                             str(tmp_path / "x.pdf")], cwd=root, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith("ssa-wizard: ")
