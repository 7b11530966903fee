"""Two copies of the program and one file: the window tells who has it and what can be done.

The other copy is a real child process that takes the lock and waits; killing it
with SIGKILL leaves a stale lock, as a crash would.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from ssa_wizard import locking, storage
from ssa_wizard.model import Proposal
from ui.files import describe_when

ROOT = Path(__file__).resolve().parents[2]

HOLDER = r"""
import sys
from ssa_wizard import locking
lock = locking.acquire_lock(sys.argv[1])
print("locked", flush=True)
sys.stdin.readline()  # hold it until told (or killed)
lock.release()
"""


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "plan.ssa.json"
    proposal = Proposal.new()
    proposal.project.title = "Shared plan"
    storage.save(proposal, path)
    return path


@pytest.fixture
def other_copy(plan):
    """A second program holding the lock of plan.ssa.json; yields the process."""
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(plan)], cwd=ROOT, text=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)},
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert child.stdout.readline() == "locked\n"
    yield child
    if child.poll() is None:
        child.kill()
    child.communicate()  # waits, and closes the pipes


def _offer(dialogs) -> dict:
    offered, = [o for o in dialogs.offered if o["title"] == "The file is open elsewhere"]
    return offered


def test_locked_file_question_names_the_owner(main_window, dialogs, session, plan, other_copy):
    dialogs.script("choose", "cancel")
    assert not main_window.open_file(str(plan))
    (_kind, title, text), = dialogs.asked("choose")
    owner = locking.read_lock(plan)
    assert owner.pid == other_copy.pid
    assert title == "The file is open elsewhere"
    assert text.startswith("plan.ssa.json is already open in SSA Wizard: ")
    assert f"{owner.user} on the computer {socket.gethostname()}" in text
    assert f"since {describe_when(owner.since)}." in text  # local time, in plain words
    offered = _offer(dialogs)
    assert offered["keys"] == ["read_only", "copy", "cancel"]  # not stale: no take-over
    assert "ask " in offered["detail"] and "to close it first" in offered["detail"]
    # Cancel: nothing opened, the other copy keeps its lock.
    assert session.path is None
    assert locking.read_lock(plan).pid == other_copy.pid


def test_locked_file_opens_read_only(main_window, dialogs, session, plan, other_copy):
    before = plan.read_bytes()
    dialogs.script("choose", "read_only")
    assert main_window.open_file(str(plan))
    assert session.read_only and session.path == plan
    assert session.proposal.project.title == "Shared plan"
    assert main_window.banner.isVisible()
    assert socket.gethostname() in main_window.banner.text()
    assert "has this file open" in main_window.banner.text()
    assert not main_window.save_action.isEnabled()
    assert "read-only" in main_window.windowTitle()
    assert main_window.files.lock is None
    session.set_project_field("title", "My notes")
    assert not main_window.files.save()
    (_kind, title, _text), = dialogs.asked("error")
    assert title == "This file is open elsewhere"
    # Save As onto the very file the other copy edits is refused, with the reason.
    dialogs.script("save_file", str(plan))
    assert not main_window.files.save_as()
    assert "is open in another copy of SSA Wizard" in dialogs.asked("error")[-1][2]
    assert plan.read_bytes() == before
    assert locking.read_lock(plan).pid == other_copy.pid


def test_locked_file_opens_as_a_copy(main_window, dialogs, session, plan, other_copy, tmp_path):
    before = plan.read_bytes()
    dialogs.script("choose", "copy")
    assert main_window.open_file(str(plan))
    assert session.proposal.project.title == "Shared plan"
    assert session.path is None and session.dirty and not session.read_only
    assert not main_window.banner.isVisible()
    mine = tmp_path / "mine.ssa.json"
    dialogs.script("save_file", str(mine))
    assert main_window.files.save()
    assert json.loads(mine.read_text("utf-8"))["project"]["title"] == "Shared plan"
    assert plan.read_bytes() == before
    assert locking.read_lock(plan).pid == other_copy.pid


def test_stale_lock_can_be_taken_over(main_window, dialogs, session, plan, other_copy):
    other_copy.send_signal(signal.SIGKILL)
    assert other_copy.wait() == -signal.SIGKILL
    assert locking.lock_path(plan).exists()  # the killed copy could not clean up
    dialogs.script("choose", "take_over")
    assert main_window.open_file(str(plan))
    (_kind, _title, text), = dialogs.asked("choose")
    assert "no longer running" in text and socket.gethostname() in text
    assert _offer(dialogs)["keys"] == ["take_over", "read_only", "copy", "cancel"]
    assert not session.read_only and session.path == plan
    assert locking.read_lock(plan).pid == os.getpid()
    assert main_window.files.lock.still_held()
    session.set_project_field("title", "Taken over")
    assert main_window.files.save()
    assert json.loads(plan.read_text("utf-8"))["project"]["title"] == "Taken over"


def test_lock_is_released_on_new_on_another_file_and_on_close(main_window, dialogs, plan,
                                                              tmp_path):
    other = tmp_path / "other.ssa.json"
    storage.save(Proposal.new(), other)
    assert main_window.open_file(str(plan))
    assert locking.read_lock(plan).pid == os.getpid()
    assert main_window.open_file(str(other))
    assert locking.read_lock(plan) is None and locking.read_lock(other).pid == os.getpid()
    main_window.new_action.trigger()
    assert locking.read_lock(other) is None
    assert main_window.open_file(str(plan))
    main_window.close()
    assert locking.read_lock(plan) is None


def test_reopening_our_own_file_keeps_our_lock(main_window, dialogs, session, plan):
    assert main_window.open_file(str(plan))
    lock = main_window.files.lock
    assert main_window.open_file(str(plan))  # no question: it is ours
    assert main_window.files.lock is lock and lock.still_held()
    assert not dialogs.asked("choose")


def test_read_only_stick_opens_without_a_lock(main_window, dialogs, session, read_only_folder):
    path = read_only_folder / "plan.ssa.json"
    assert main_window.open_file(str(path))
    assert session.proposal.project.title == "On the stick" and not session.read_only
    assert main_window.files.lock is None and not locking.lock_path(path).exists()
    note = main_window.status_note.currentMessage()
    assert note.startswith("Cannot mark plan.ssa.json as open: ")
    assert not dialogs.calls  # a quiet note, no box


# --- issue #15: odd lock files ----------------------------------------------------------


def test_a_folder_in_the_locks_place_opens_the_file_with_a_plain_note(main_window, dialogs, session,
                                                                      plan):
    place = locking.lock_path(plan)
    place.mkdir()  # was reported as a stale lock, and "take over" moved the folder away
    assert main_window.open_file(str(plan))
    assert not dialogs.calls  # no stale-lock question
    assert session.path == plan and not session.read_only
    assert main_window.files.lock is None
    assert main_window.status_note.currentMessage() == (
        "Cannot mark plan.ssa.json as open: there is a folder called .~plan.ssa.json.lock where "
        "its lock file belongs. Others will not see that you have it open.")
    assert place.is_dir()


def test_a_lock_with_an_impossible_pid_is_offered_for_take_over(main_window, dialogs, session, plan):
    locking.lock_path(plan).write_text(json.dumps({
        "user": "anna", "host": socket.gethostname(), "pid": 2**70, "token": "t"}))
    dialogs.script("choose", "take_over")
    assert main_window.open_file(str(plan))  # os.kill(2**70, 0) raised OverflowError here
    assert _offer(dialogs)["keys"][0] == "take_over"
    assert locking.read_lock(plan).pid == os.getpid()
    assert session.path == plan and not session.read_only
