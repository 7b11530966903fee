"""Recovery copies: a crash with unsaved changes is offered back at the next start."""

import datetime as dt
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ssa_wizard import locking, recovery, storage
from ssa_wizard.model import Partner, Proposal

ROOT = Path(__file__).resolve().parents[2]

EDITOR = r"""
import os, signal, sys
from ssa_wizard import locking, recovery, storage
folder, original, how = sys.argv[1], sys.argv[2], sys.argv[3]
loaded = storage.load(original)
proposal = loaded.proposal
proposal.project.title = "Unsaved: opleiding in de zorg – ĳ ŀ ő"
recovery.write_recovery(folder, proposal, original, original_stamp=loaded.stamp)
proposal.project.acronym = "LATEST"          # the next autosave, 30 s later
path = recovery.write_recovery(folder, proposal, original, original_stamp=loaded.stamp)
print(path, flush=True)
if how == "crash":
    os.kill(os.getpid(), signal.SIGKILL)
elif how == "wait":
    sys.stdin.readline()
elif how == "quit":
    recovery.discard_recovery(path)          # a clean quit
"""


def run_editor(folder, original, how, **kw):
    return subprocess.Popen([sys.executable, "-c", EDITOR, str(folder), str(original), how], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


@pytest.fixture
def original(tmp_path):
    path = tmp_path / "docs" / "care.ssa.json"
    path.parent.mkdir()
    p = Proposal.new()
    p.project.title = "Saved title"
    p.partners.append(Partner(id="p1", name="ROC"))
    storage.save(p, path)
    return path


def test_crash_with_unsaved_changes_is_offered_at_restart(tmp_path, original):
    folder = tmp_path / "appdata" / "recovery"
    saved_bytes = original.read_bytes()
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    child = run_editor(folder, original, "crash")
    written = Path(child.stdout.readline().strip())
    child.communicate()  # waits, and closes the pipes
    assert child.returncode == -signal.SIGKILL

    found = recovery.find_recoveries(folder)
    assert [r.path for r in found] == [written]
    item = found[0]
    assert item.proposal.project.title == "Unsaved: opleiding in de zorg – ĳ ŀ ő"
    assert item.proposal.project.acronym == "LATEST"
    assert item.proposal.partners[0].name == "ROC"
    assert item.original_path == original
    assert item.original_stamp == storage.file_stamp(original)
    assert before <= item.saved_at <= dt.datetime.now(dt.timezone.utc)
    assert item.owner.pid == child.pid and not item.read_only
    assert original.read_bytes() == saved_bytes  # restoring never touched the original
    assert sorted(p.name for p in folder.iterdir()) == [written.name]  # one file per session

    # The user restores and saves: the original is written, the copy discarded.
    storage.save(item.proposal, item.original_path, expected=item.original_stamp)
    recovery.discard_recovery(item)
    assert recovery.find_recoveries(folder) == []
    assert list(folder.iterdir()) == []
    assert storage.load(original).proposal.project.acronym == "LATEST"


def test_a_session_still_running_is_not_offered(tmp_path, original):
    folder = tmp_path / "recovery"
    child = run_editor(folder, original, "wait")
    try:
        path = Path(child.stdout.readline().strip())
        assert path.exists()
        assert recovery.find_recoveries(folder) == []  # the other window still has it
    finally:
        child.kill()
        child.communicate()  # waits, and closes the pipes
    assert [r.path for r in recovery.find_recoveries(folder)] == [path]


def test_clean_quit_leaves_no_recovery_file(tmp_path, original):
    folder = tmp_path / "recovery"
    child = run_editor(folder, original, "quit")
    out, err = child.communicate()
    assert child.returncode == 0, err
    assert Path(out.strip()).name.endswith(".ssa-recovery.json")
    assert list(folder.iterdir()) == []
    assert recovery.find_recoveries(folder) == []


def test_own_session_is_not_offered_and_rewrites_one_file(tmp_path):
    folder = tmp_path / "recovery"
    p = Proposal.new()
    first = recovery.write_recovery(folder, p)
    p.project.title = "more"
    second = recovery.write_recovery(folder, p)
    assert first == second == recovery.recovery_file(folder)
    assert json.loads(first.read_text("utf-8"))["proposal"]["project"]["title"] == "more"
    assert recovery.find_recoveries(folder) == []
    assert recovery.read_recovery(first).original_path is None
    recovery.discard_recovery(first)
    recovery.discard_recovery(first)  # twice is harmless
    assert list(folder.iterdir()) == []


def _dead_owner_record(saved_at: str, title: str) -> dict:
    return {"format": "ssa-recovery", "version": 1, "saved_at": saved_at, "original_path": None,
            "owner": {"host": "another-machine", "pid": 12, "user": "anna"},
            "proposal": {"format": "ssa-proposal", "version": 1, "project": {"title": title},
                         "future_field": {"kept": True}}}


def test_damaged_copies_are_ignored_and_the_rest_come_newest_first(tmp_path):
    folder = tmp_path / "recovery"
    folder.mkdir()
    (folder / "a.ssa-recovery.json").write_text(json.dumps(_dead_owner_record("2026-11-01T10:00:00+00:00", "older")))
    (folder / "b.ssa-recovery.json").write_text(json.dumps(_dead_owner_record("2026-11-02T10:00:00+00:00", "newer")))
    (folder / "c.ssa-recovery.json").write_bytes(b"")
    (folder / "d.ssa-recovery.json").write_bytes(b'{"format": "ssa-recovery", "saved_at": "x"}')
    (folder / "e.ssa-recovery.json").write_text(json.dumps(
        {**_dead_owner_record("2026-11-03T10:00:00+00:00", "bad"), "proposal": {"format": "ssa-proposal", "version": 1,
                                                                                 "partners": 5}}))
    (folder / "f.ssa-recovery.json").write_bytes(b"\xff\xfe")
    (folder / "unrelated.txt").write_text("hi")
    found = recovery.find_recoveries(folder)
    assert [r.proposal.project.title for r in found] == ["newer", "older"]
    assert found[0].proposal.model_extra == {"future_field": {"kept": True}}
    assert found[0].owner.host == "another-machine"
    assert len(list(folder.iterdir())) == 7  # nothing deleted behind the user's back


def test_missing_folder_has_no_recoveries(tmp_path):
    assert recovery.find_recoveries(tmp_path / "never-created") == []


def test_unwritable_recovery_folder_is_a_plain_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(recovery.RecoveryError) as info:
        recovery.write_recovery(blocker / "recovery", Proposal.new())
    assert str(info.value).startswith(f"Could not write the recovery copy in {blocker / 'recovery'}: ")
    assert "Save your work soon." in str(info.value)
    assert blocker.read_text() == "x"


# --- odd copies and odd text (issue #15) ----------------------------------------------


def test_a_copy_with_a_huge_pid_is_offered_not_a_crash(tmp_path):
    folder = tmp_path / "recovery"
    folder.mkdir()
    record = _dead_owner_record("2026-11-01T10:00:00+00:00", "kept")
    record["owner"] = {"host": locking.host_name(), "pid": 2**70, "user": "me"}  # this machine
    (folder / "a.ssa-recovery.json").write_text(json.dumps(record))
    found = recovery.find_recoveries(folder)  # os.kill(2**70, 0) raised OverflowError here
    assert [r.proposal.project.title for r in found] == ["kept"]
    assert found[0].owner.pid == 0 and not found[0].owner.known


def test_a_copy_with_a_huge_integer_or_number_is_ignored(tmp_path):
    folder = tmp_path / "recovery"
    folder.mkdir()
    (folder / "a.ssa-recovery.json").write_bytes(
        b'{"format": "ssa-recovery", "saved_at": "2026-11-01T10:00:00+00:00", "x": '
        + b"1" * 5000 + b"}")
    record = _dead_owner_record("2026-11-02T10:00:00+00:00", "kept")
    record["original_stamp"] = {"size": 1e400, "mtime_ns": 1, "sha256": "x"}  # infinite
    (folder / "b.ssa-recovery.json").write_text(json.dumps(record))
    found = recovery.find_recoveries(folder)
    assert [r.proposal.project.title for r in found] == ["kept"]
    assert found[0].original_stamp is None


def test_a_lone_surrogate_in_a_copy_is_repaired_and_named(tmp_path):
    folder = tmp_path / "recovery"
    folder.mkdir()
    record = _dead_owner_record("2026-11-01T10:00:00+00:00", "half \ud83d")
    (folder / "a.ssa-recovery.json").write_text(json.dumps(record))  # written as \ud83d
    found, = recovery.find_recoveries(folder)
    assert found.proposal.project.title == "half \ufffd"
    assert [r.place() for r in found.repairs] == ["project, title"]
    storage.save(found.proposal, tmp_path / "restored.ssa.json")  # and it can be saved


def test_a_lone_surrogate_typed_in_is_a_plain_recovery_error(tmp_path):
    folder = tmp_path / "recovery"
    p = Proposal.new()
    p.plans.innovation = "new \udfff"
    with pytest.raises(recovery.RecoveryError) as info:
        recovery.write_recovery(folder, p)
    assert info.value.reason == ("plans, innovation: an invalid character (part of a broken emoji "
                                 "or symbol) cannot be saved; type that text again")
    assert not folder.exists()  # nothing written, not even the folder


@pytest.mark.skipif(os.name == "nt" or sys.getfilesystemencoding() != "utf-8",
                    reason="POSIX file names are bytes, read as UTF-8 with surrogateescape")
def test_a_file_name_that_is_not_utf8_comes_back_as_it_was(tmp_path):
    original = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.ssa.json"))  # Latin-1 from an old stick
    assert "\udce9" in str(original)
    p = Proposal.new()
    storage.save(p, original)
    assert original.exists()
    path = recovery.write_recovery(tmp_path / "recovery", p, original,
                                   original_stamp=storage.file_stamp(original), session="gone-1-1")
    item = recovery.read_recovery(path)
    assert item.original_path == original
    assert item.original_stamp == storage.file_stamp(original)
    assert item.repairs == ()
