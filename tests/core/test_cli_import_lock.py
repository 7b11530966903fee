"""``ssa-wizard import`` and the proposal's lock and permissions (issue #15), for real.

Two imports racing in two processes never lose a row: each either lands or is refused
with exit 2 naming who holds the file. A wizard (another process holding the lock)
keeps the import out; a lock left by a dead process is taken over. A read-only
proposal is never rewritten, also by root.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ssa_wizard import locking, storage
from ssa_wizard.cli import main
from ssa_wizard.model import Partner, Proposal

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 25


@pytest.fixture
def proposal_file(tmp_path) -> Path:
    proposal = Proposal.new()
    proposal.partners.append(Partner(id="p1", name="ROC Midden Nederland", country="NL"))
    path = tmp_path / "digiretail.ssa.json"
    path.write_text(proposal.to_json(), "utf-8")
    return path


def _sheet(path: Path, *names: str) -> Path:
    path.write_text("Name;Country\r\n" + "".join(f"{n};DE\r\n" for n in names), "utf-8")
    return path


# A child that imports one sheet per round, each round when the parent says "go", so
# that both children start their import at the same moment.
RACER = r"""
import contextlib, io, json, sys
from ssa_wizard.cli import main
proposal, folder, tag, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
print("ready", flush=True)
for n in range(rounds):
    sys.stdin.readline()
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["import", proposal, f"{folder}/{tag}-{n}.csv"])
    print(json.dumps({"round": n, "code": code, "err": err.getvalue()}), flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="the racers share a POSIX pipe protocol")
def test_two_imports_racing_never_lose_a_row(tmp_path, proposal_file):
    for tag in "ab":
        for n in range(ROUNDS):
            _sheet(tmp_path / f"{tag}-{n}.csv", f"Organisation {tag}{n}")
    racers = [subprocess.Popen([sys.executable, "-c", RACER, str(proposal_file), str(tmp_path),
                                tag, str(ROUNDS)], cwd=ROOT, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True) for tag in "ab"]
    try:
        for racer in racers:
            assert racer.stdout.readline() == "ready\n"
        results = {"a": [], "b": []}
        for _n in range(ROUNDS):
            for racer in racers:
                racer.stdin.write("go\n")
                racer.stdin.flush()
            for tag, racer in zip("ab", racers, strict=True):
                results[tag].append(json.loads(racer.stdout.readline()))
    finally:
        for racer in racers:
            racer.stdin.close()
            racer.wait(timeout=60)
            racer.stdout.close()
    names = {p.name for p in storage.load(proposal_file).proposal.partners}
    refused = 0
    for tag, rounds in results.items():
        for result in rounds:
            name = f"Organisation {tag}{result['round']}"
            assert result["code"] in (0, 2), result
            if result["code"] == 0:
                assert name in names, f"{name} was reported imported but is lost"
                assert result["err"] == ""
            else:
                refused += 1
                assert name not in names
                assert result["err"].count("\n") == 1
                assert result["err"].startswith(
                    "ssa-wizard: digiretail.ssa.json is open in SSA Wizard, or another import "
                    "is writing it (")
                assert socket.gethostname() in result["err"]
    assert len(names) == 1 + 2 * ROUNDS - refused
    assert not locking.lock_path(proposal_file).exists()


HOLDER = r"""
import sys
from ssa_wizard import locking
lock = locking.acquire_lock(sys.argv[1])
print("locked", flush=True)
sys.stdin.readline()
lock.release()
"""


def test_a_proposal_open_elsewhere_is_not_imported_into(tmp_path, proposal_file, capsys):
    before = proposal_file.read_bytes()
    sheet = _sheet(tmp_path / "new.csv", "Handwerkskammer München")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(proposal_file)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "locked\n"
        owner = locking.read_lock(proposal_file)
        assert main(["import", str(proposal_file), str(sheet)]) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert err == ("ssa-wizard: digiretail.ssa.json is open in SSA Wizard, or another "
                       f"import is writing it ({owner.describe()}); nothing was imported. Close "
                       "it there, or wait for that import to end, and try again\n")
        assert proposal_file.read_bytes() == before
        assert locking.read_lock(proposal_file).token == owner.token  # their lock is kept
    finally:
        holder.communicate("done\n", timeout=60)
    assert main(["import", str(proposal_file), str(sheet)]) == 0  # closed: now it goes in
    assert [p.name for p in storage.load(proposal_file).proposal.partners][-1] == (
        "Handwerkskammer München")


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path, proposal_file, capsys):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    owner = locking.Owner.current()
    stale = locking.Owner(user=owner.user, host=owner.host, pid=int(dead.stdout),
                          since=owner.since, boot_id=owner.boot_id, token="0123456789abcdef")
    locking.lock_path(proposal_file).write_text(json.dumps(stale.to_json()), "utf-8")
    sheet = _sheet(tmp_path / "new.csv", "Handwerkskammer München")
    assert main(["import", str(proposal_file), str(sheet)]) == 0
    assert capsys.readouterr().err == ""
    assert len(storage.load(proposal_file).proposal.partners) == 2
    assert not locking.lock_path(proposal_file).exists()


def test_the_lock_is_released_when_an_input_is_refused(tmp_path, proposal_file, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"")
    assert main(["import", str(proposal_file), str(bad)]) == 2
    assert "bad.csv: the file is empty" in capsys.readouterr().err
    assert not locking.lock_path(proposal_file).exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
@pytest.mark.parametrize("mode", [0o444, 0o400, 0o555])
def test_a_read_only_proposal_is_never_rewritten(tmp_path, proposal_file, capsys, mode):
    # CI runs as root, for whom os.access says every file is writable: the mode decides.
    proposal_file.chmod(mode)
    before = proposal_file.read_bytes()
    sheet = _sheet(tmp_path / "new.csv", "Handwerkskammer München")
    assert main(["import", str(proposal_file), str(sheet)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == ("ssa-wizard: digiretail.ssa.json is read-only; nothing was imported. Make it "
                   "writable first, or import into a copy of it\n")
    assert proposal_file.read_bytes() == before
    assert stat.S_IMODE(proposal_file.stat().st_mode) == mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["digiretail.ssa.json", "new.csv"]
    # A dry run only reads: it still shows what would happen.
    assert main(["import", str(proposal_file), str(sheet), "--dry-run"]) == 0
    assert capsys.readouterr().out.endswith("was not changed.\n")


def test_a_proposal_in_a_read_only_folder_says_why_in_cli_words(tmp_path, capsys,
                                                                make_read_only):
    folder = tmp_path / "stick"
    folder.mkdir()
    path = folder / "digiretail.ssa.json"
    path.write_text(Proposal.new().to_json(), "utf-8")
    before = path.read_bytes()
    sheet = _sheet(tmp_path / "new.csv", "Handwerkskammer München")
    make_read_only(folder)
    assert main(["import", str(path), str(sheet)]) == 2
    err = capsys.readouterr().err
    assert err == ("ssa-wizard: cannot save digiretail.ssa.json: you are not allowed to write "
                   "there, or the file is in use; nothing was imported\n")
    assert "Save As" not in err
    assert path.read_bytes() == before
    assert os.listdir(folder) == ["digiretail.ssa.json"]
