"""``ssa-wizard pdf FILE -o OUT``: what may be at OUT (issue #15), each case made for real.

The proposal itself (also through a symlink or a hard link), a folder, a FIFO, a
socket, a device node, a read-only file and a file that is not a PDF are refused with
exit 2 and one line, and left exactly as they were; a symlink to a PDF is written
through and stays a link.
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ssa_wizard.cli import EXIT_OK, EXIT_REFUSED, main
from ssa_wizard.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def proposal(tmp_path) -> Path:
    path = tmp_path / "digiretail.ssa.json"
    shutil.copyfile(resource_path("examples", "digiretail.ssa.json"), path)
    return path


def _pdf(capsys, source: Path, output: str) -> tuple[int, str]:
    code = main(["pdf", str(source), "-o", output])
    captured = capsys.readouterr()
    assert captured.out == ""
    return code, captured.err


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_proposal_itself_is_refused_and_kept(tmp_path, proposal, capsys):
    before = proposal.read_bytes()
    code, err = _pdf(capsys, proposal, str(proposal))
    assert code == EXIT_REFUSED
    assert err == (f"ssa-wizard: {proposal} is the proposal itself; it is not replaced by its "
                   "PDF. Choose another output file with -o, for example -o summary.pdf\n")
    assert proposal.read_bytes() == before
    assert _listing(tmp_path) == ["digiretail.ssa.json"]


@pytest.mark.parametrize("kind", ["symlink", "hard link"])
def test_the_proposal_through_a_link_is_refused(tmp_path, proposal, capsys, kind):
    before = proposal.read_bytes()
    link = tmp_path / "summary.pdf"
    (os.symlink if kind == "symlink" else os.link)(proposal, link)
    code, err = _pdf(capsys, proposal, str(link))
    assert code == EXIT_REFUSED and "is the proposal itself" in err and err.count("\n") == 1
    assert proposal.read_bytes() == before
    assert link.is_symlink() == (kind == "symlink")
    assert _listing(tmp_path) == ["digiretail.ssa.json", "summary.pdf"]


@pytest.mark.parametrize("content", [
    b'{"format": "ssa-proposal", "version": 1, "partners": []}',
    b"Minutes of the meeting with the partners\n",
])
def test_an_existing_file_that_is_not_a_pdf_is_kept(tmp_path, proposal, capsys, content):
    other = tmp_path / "other.ssa.json"
    other.write_bytes(content)
    code, err = _pdf(capsys, proposal, str(other))
    assert code == EXIT_REFUSED
    assert err == (f"ssa-wizard: {other} exists and is not a PDF; it is not replaced. Choose "
                   "another output file with -o, or remove that file first\n")
    assert other.read_bytes() == content


def test_a_folder_is_refused_with_an_example(tmp_path, proposal, capsys):
    folder = tmp_path / "out"
    folder.mkdir()
    code, err = _pdf(capsys, proposal, str(folder))
    assert code == EXIT_REFUSED
    assert err == (f"ssa-wizard: {folder} is a folder; name a file in it with -o, for example "
                   f"-o {folder / 'summary.pdf'}\n")
    assert list(folder.iterdir()) == []


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> socket.socket:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    return server


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and Unix sockets are POSIX")
@pytest.mark.parametrize("kind, check", [("fifo", stat.S_ISFIFO), ("socket", stat.S_ISSOCK)])
def test_a_pipe_or_socket_is_refused_and_stays(tmp_path, proposal, capsys, kind, check):
    node = tmp_path / "out.pdf"
    keep = _fifo(node) if kind == "fifo" else _socket(node)
    try:
        code, err = _pdf(capsys, proposal, str(node))
    finally:
        if keep is not None:
            keep.close()
    assert code == EXIT_REFUSED
    assert err == (f"ssa-wizard: {node} is not a regular file (it is a device, pipe or socket); "
                   "choose an output file with -o\n")
    assert check(os.lstat(node).st_mode)
    assert _listing(tmp_path) == ["digiretail.ssa.json", "out.pdf"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="only root can make a device node (as root, os.replace replaced one)")
def test_a_device_node_is_refused_and_stays_a_device(tmp_path, proposal, capsys):
    # A /dev/full of our own, so that a failure cannot harm the machine's.
    device = tmp_path / "full"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    code, err = _pdf(capsys, proposal, str(device))
    assert code == EXIT_REFUSED and "is not a regular file" in err
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert os.lstat(device).st_rdev == os.makedev(1, 7)


def test_a_symlink_to_a_pdf_is_written_through_and_stays(tmp_path, proposal, capsys):
    real = tmp_path / "prints" / "summary-v1.pdf"
    real.parent.mkdir()
    real.write_bytes(b"%PDF-1.4 yesterday's summary")
    link = tmp_path / "latest.pdf"
    link.symlink_to(real)
    code, err = _pdf(capsys, proposal, str(link))
    assert (code, err) == (EXIT_OK, "")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes().startswith(b"%PDF-") and b"yesterday" not in real.read_bytes()
    assert _listing(real.parent) == ["summary-v1.pdf"]


def test_a_dangling_symlink_creates_its_target(tmp_path, proposal, capsys):
    real = tmp_path / "summary.pdf"
    link = tmp_path / "latest.pdf"
    link.symlink_to(real)
    assert _pdf(capsys, proposal, str(link)) == (EXIT_OK, "")
    assert link.is_symlink() and real.read_bytes().startswith(b"%PDF-")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_a_read_only_pdf_is_not_replaced_even_by_root(tmp_path, proposal, capsys):
    out = tmp_path / "signed.pdf"
    out.write_bytes(b"%PDF-1.4 the signed summary")
    out.chmod(0o444)
    code, err = _pdf(capsys, proposal, str(out))
    assert code == EXIT_REFUSED
    assert err == (f"ssa-wizard: {out} is read-only; it is not replaced. Choose another output "
                   "file with -o\n")
    assert out.read_bytes() == b"%PDF-1.4 the signed summary"
    assert stat.S_IMODE(out.stat().st_mode) == 0o444


@pytest.mark.parametrize("output", ["", "  "])
def test_an_empty_output_name_is_a_clear_message(tmp_path, proposal, capsys, output):
    code, err = _pdf(capsys, proposal, output)
    assert code == EXIT_REFUSED
    assert err == ("ssa-wizard: no output file given: name the PDF to write after -o, for "
                   "example -o summary.pdf\n")
    assert _listing(tmp_path) == ["digiretail.ssa.json"]


def test_in_its_own_process_the_proposal_is_safe(tmp_path, proposal):
    before = proposal.read_bytes()
    result = subprocess.run([sys.executable, "-m", "ssa_wizard.cli", "pdf", str(proposal),
                             "-o", str(proposal)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == EXIT_REFUSED
    assert result.stderr.count("\n") == 1 and "is the proposal itself" in result.stderr
    assert "Traceback" not in result.stderr
    result = subprocess.run([sys.executable, "-m", "ssa_wizard.cli", "pdf", str(proposal),
                             "-o", ""], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == EXIT_REFUSED and "no output file given" in result.stderr
    assert proposal.read_bytes() == before
    assert _listing(tmp_path) == ["digiretail.ssa.json"]
