"""Lock files: a second program learns who has the file open; stale locks can be taken over.

The other program is a real child process that takes the lock and waits; it is
killed with SIGKILL to leave a stale lock, as a crash would.
"""

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from ssa_wizard import locking

ROOT = Path(__file__).resolve().parents[2]

HOLDER = r"""
import sys
from ssa_wizard import locking
lock = locking.acquire_lock(sys.argv[1])
print("locked", flush=True)
sys.stdin.readline()  # hold it until told
lock.release()
print("released", flush=True)
"""


@pytest.fixture
def other_program(tmp_path):
    """Start a second program holding the lock of a proposal; yields (path, process)."""
    path = tmp_path / "shared.ssa.json"
    path.write_text("{}")
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], cwd=ROOT, text=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)},
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert child.stdout.readline() == "locked\n"
    yield path, child
    if child.poll() is None:
        child.kill()
    child.communicate()  # waits, and closes the pipes


def test_second_program_is_told_who_has_the_file(other_program):
    path, child = other_program
    with pytest.raises(locking.FileLocked) as info:
        locking.acquire_lock(path)
    owner = info.value.owner
    assert not info.value.stale
    assert owner.pid == child.pid
    assert owner.host == socket.gethostname()
    assert owner.user and owner.since is not None
    assert str(info.value).startswith("shared.ssa.json is open in another copy of SSA Wizard: ")
    assert owner.host in str(info.value)
    # Not stale: taking over needs the user's explicit say-so.
    with pytest.raises(locking.FileLocked):
        locking.take_over(path)
    assert locking.read_lock(path).pid == child.pid


def test_lock_is_free_again_after_the_other_program_releases_it(other_program):
    path, child = other_program
    child.stdin.write("\n")
    child.stdin.flush()
    assert child.stdout.readline() == "released\n"
    child.wait()
    assert not locking.lock_path(path).exists()
    with locking.acquire_lock(path) as lock:
        assert locking.read_lock(path).pid == os.getpid()
        assert lock.still_held()
    assert not locking.lock_path(path).exists()


def test_lock_of_a_killed_program_is_stale_and_can_be_taken_over(other_program):
    path, child = other_program
    child.send_signal(signal.SIGKILL)
    assert child.wait() == -signal.SIGKILL
    assert locking.lock_path(path).exists()  # the crash left it behind

    with pytest.raises(locking.FileLocked) as info:
        locking.acquire_lock(path)
    assert info.value.stale
    assert info.value.owner.pid == child.pid
    assert "no longer running" in str(info.value)

    lock = locking.take_over(path)
    assert locking.read_lock(path).pid == os.getpid()
    assert lock.still_held()
    lock.release()
    assert not locking.lock_path(path).exists()
    assert sorted(p.name for p in path.parent.iterdir()) == ["shared.ssa.json"]


def test_lock_of_another_machine_is_not_provably_stale(tmp_path):
    path = tmp_path / "p.ssa.json"
    locking.lock_path(path).write_text(json.dumps({
        "user": "anna", "host": "laptop-of-anna-elsewhere", "pid": 999999,
        "since": "2026-11-28T09:00:00+00:00", "token": "abc"}))
    with pytest.raises(locking.FileLocked) as info:
        locking.acquire_lock(path)
    assert not info.value.stale
    assert str(info.value) == ("p.ssa.json is open in another copy of SSA Wizard: "
                               "anna on laptop-of-anna-elsewhere since 2026-11-28 09:00 UTC.")
    with pytest.raises(locking.FileLocked):
        locking.take_over(path)
    with locking.take_over(path, force=True):  # the user knows Anna's laptop crashed
        assert locking.read_lock(path).pid == os.getpid()


def test_lock_from_before_a_restart_is_stale(tmp_path):
    if locking._boot_id() is None:
        pytest.fail("this test needs /proc/sys/kernel/random/boot_id (Linux)")
    path = tmp_path / "p.ssa.json"
    locking.lock_path(path).write_text(json.dumps({
        "user": "me", "host": socket.gethostname(), "pid": os.getpid(),  # a pid that runs now...
        "boot_id": "not-this-boot", "since": "2026-01-01T00:00:00+00:00", "token": "t"}))
    with pytest.raises(locking.FileLocked) as info:
        locking.acquire_lock(path)
    assert info.value.stale  # ...but was written before the machine restarted


def test_damaged_lock_is_stale(tmp_path):
    path = tmp_path / "p.ssa.json"
    locking.lock_path(path).write_bytes(b"\x00garbage")
    with pytest.raises(locking.FileLocked) as info:
        locking.acquire_lock(path)
    assert info.value.stale
    assert "someone on an unknown computer" in str(info.value)
    with locking.take_over(path):
        assert locking.read_lock(path).pid == os.getpid()


def test_taken_over_lock_is_not_removed_by_its_former_owner(tmp_path):
    path = tmp_path / "p.ssa.json"
    mine = locking.acquire_lock(path)
    theirs = locking.take_over(path, force=True)  # someone forced it meanwhile
    assert not mine.still_held()
    mine.release()
    assert locking.lock_path(path).exists()
    assert theirs.still_held()
    theirs.release()
    assert not locking.lock_path(path).exists()


def test_no_lock_possible_in_a_folder_that_does_not_exist(tmp_path):
    with pytest.raises(locking.CannotLock) as info:
        locking.acquire_lock(tmp_path / "gone" / "p.ssa.json")
    assert str(info.value).startswith("Cannot mark p.ssa.json as open: the folder")


def test_two_processes_racing_for_one_lock_one_wins(tmp_path):
    path = tmp_path / "race.ssa.json"
    racer = r"""
import sys
from ssa_wizard import locking
try:
    locking.acquire_lock(sys.argv[1])
    print("won")
except locking.FileLocked:
    print("lost")
sys.stdin.readline()
"""
    children = [subprocess.Popen([sys.executable, "-c", racer, str(path)], cwd=ROOT, text=True,
                                 env={**os.environ, "PYTHONPATH": str(ROOT)},
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE) for _ in range(6)]
    try:
        outcomes = [c.stdout.readline().strip() for c in children]
    finally:
        for c in children:
            c.kill()
            c.communicate()  # waits, and closes the pipes
    assert sorted(outcomes) == ["lost"] * 5 + ["won"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_pid_alive():
    assert locking.pid_alive(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert not locking.pid_alive(child.pid)
    assert not locking.pid_alive(0)
    assert not locking.pid_alive(2**70)  # os.kill would raise OverflowError
    assert not locking.pid_alive(locking.MAX_PID + 1)


# --- odd lock files (issue #15) ---------------------------------------------------------


@pytest.mark.parametrize("pid", [2**70, 2**31, -5, 1.5, "123"])
def test_a_lock_with_an_impossible_pid_has_an_unknown_owner(tmp_path, pid):
    path = tmp_path / "p.ssa.json"
    locking.lock_path(path).write_text(json.dumps({
        "user": "anna", "host": socket.gethostname(), "pid": pid, "token": "t"}))
    owner = locking.read_lock(path)
    assert owner.pid == 0 and not owner.known
    with pytest.raises(locking.FileLocked) as info:
        locking.acquire_lock(path)
    assert info.value.stale  # a damaged record: no program of ours wrote it
    with locking.take_over(path):
        assert locking.read_lock(path).pid == os.getpid()


def test_a_lock_with_a_huge_integer_is_damaged_not_a_crash(tmp_path):
    path = tmp_path / "p.ssa.json"
    locking.lock_path(path).write_bytes(b'{"host": "x", "pid": ' + b"9" * 5000 + b"}")
    assert locking.read_lock(path) == locking.Owner()
    with pytest.raises(locking.FileLocked) as info:
        locking.acquire_lock(path)
    assert info.value.stale


def test_a_lone_surrogate_in_a_lock_is_repaired_for_messages(tmp_path):
    path = tmp_path / "p.ssa.json"
    locking.lock_path(path).write_text('{"user": "an\\ud800na", "host": "elsewhere", "pid": 5}')
    with pytest.raises(locking.FileLocked) as info:
        locking.acquire_lock(path)
    assert info.value.owner.user == "an\ufffdna"
    str(info.value).encode("utf-8")  # printable on any terminal


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_something_else_in_the_locks_place_is_named_never_taken_over(tmp_path, kind):
    path = tmp_path / "p.ssa.json"
    place = locking.lock_path(path)
    if kind == "folder":
        place.mkdir()
        (place / "inside.txt").write_text("mine")
        expected = "there is a folder called .~p.ssa.json.lock where its lock file belongs"
    else:
        os.mkfifo(place)  # read without a writer, it would block for ever
        expected = "there is a device, pipe or socket called .~p.ssa.json.lock where its lock file belongs"
    with pytest.raises(locking.CannotLock) as info:
        locking.acquire_lock(path)
    assert info.value.reason == expected
    assert str(info.value) == f"Cannot mark p.ssa.json as open: {expected}."
    with pytest.raises(locking.CannotLock):
        locking.take_over(path, force=True)
    assert locking.read_lock(path) == locking.Owner()  # and reading it does not block
    if kind == "folder":
        assert (place / "inside.txt").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == [place.name]
