"""Autosave and recovery in the window: unsaved work survives a crash or a killed process.

The crash is real: a child process builds the session and file controller, opens
a file, types, lets the autosave timer fire, and kills itself with SIGKILL. The
next "start" (a window in this test, with the same data folder) must offer the
work back with the right content, time and file name.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from ssa_wizard import locking, recovery, storage
from ssa_wizard.model import Proposal
from ui.files import describe_when

ROOT = Path(__file__).resolve().parents[2]

CRASHING_SESSION = r"""
import os, signal, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QCoreApplication, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
QCoreApplication.setOrganizationName("SSA Wizard Tests")
QCoreApplication.setApplicationName("SSA Wizard Tests")
QStandardPaths.setTestModeEnabled(True)
from ui.dialogs import Dialogs
from ui.files import FileController
from ui.session import Session
session = Session()
files = FileController(session, Dialogs(None))
if sys.argv[1] != "-":
    assert files.open(sys.argv[1], ask=False)
session.set_project_field("title", sys.argv[2])
files.autosave_timer.setInterval(20)  # the real timer, just sooner than 30 s

def crash():
    if files.recovery_path is not None:
        print("autosaved", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # no clean-up of any kind

files.autosave_timer.timeout.connect(crash)  # runs after the autosave slot
QTimer.singleShot(30000, lambda: sys.exit(3))  # never hang the suite
app.exec()
"""


def crash_after_typing(original: Path | None, typed: str) -> None:
    """Run a session that types ``typed`` into ``original``, autosaves, and is killed."""
    done = subprocess.run(
        [sys.executable, "-c", CRASHING_SESSION, str(original) if original else "-", typed],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        timeout=60)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert done.stdout == "autosaved\n"


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "plan.ssa.json"
    proposal = Proposal.new()
    proposal.project.title = "Saved before the crash"
    proposal.project.acronym = "PLAN"
    storage.save(proposal, path)
    return path


def test_crash_then_restart_offers_the_work_back(main_window, dialogs, session, plan,
                                                 recovery_folder):
    before = plan.read_bytes()
    crash_after_typing(plan, "Typed before the crash")
    assert locking.read_lock(plan) is not None  # the killed session's lock is still there
    left, = recovery.find_recoveries(recovery_folder)
    dialogs.script("choose", "restore")
    assert main_window.files.offer_recovery()

    (_kind, title, text), = dialogs.asked("choose")
    assert title == "Restore unsaved work?"
    assert f"Recovered work from {describe_when(left.saved_at)}, from plan.ssa.json." in text
    assert str(plan.parent) in dialogs.offered[0]["detail"]
    assert session.proposal.project.title == "Typed before the crash"
    assert session.path == plan and session.dirty and not session.read_only
    assert main_window.isWindowModified()
    assert main_window.status_note.currentMessage() == \
        "Your recovered work is open. Save it to keep it in plan.ssa.json."
    # Nothing was written to the original; its stale lock is ours now.
    assert plan.read_bytes() == before
    assert locking.read_lock(plan).pid == os.getpid()
    # This session's copy replaced the old one.
    assert not left.path.exists()
    mine = main_window.files.recovery_path
    assert mine is not None and mine != left.path
    assert json.loads(mine.read_text("utf-8"))["proposal"]["project"]["title"] == \
        "Typed before the crash"
    # Saving writes the original now, and cleans up.
    assert main_window.files.save()
    assert json.loads(plan.read_text("utf-8"))["project"]["title"] == "Typed before the crash"
    assert not list(recovery_folder.glob("*.ssa-recovery.json"))


def test_restored_work_still_notices_a_changed_original(main_window, dialogs, session, plan,
                                                       recovery_folder):
    crash_after_typing(plan, "My crashed work")
    changed = Proposal.new()
    changed.project.title = "A colleague saved this meanwhile"
    storage.save(changed, plan)
    theirs = plan.read_bytes()
    dialogs.script("choose", "restore")
    assert main_window.files.offer_recovery()
    dialogs.script("choose", "cancel")
    assert not main_window.files.save()
    assert dialogs.asked("choose")[-1][1] == "The file was changed"
    assert plan.read_bytes() == theirs
    assert session.dirty and session.proposal.project.title == "My crashed work"


def test_recovery_of_a_never_saved_proposal(main_window, dialogs, session, recovery_folder):
    crash_after_typing(None, "Brand new idea")
    dialogs.script("choose", "restore")
    assert main_window.files.offer_recovery()
    text = dialogs.asked("choose")[0][2]
    assert "from a new proposal that was never saved (Brand new idea)" in text
    assert session.path is None and session.dirty
    assert session.proposal.project.title == "Brand new idea"


def test_declining_asks_before_deleting(main_window, dialogs, session, plan, recovery_folder):
    crash_after_typing(plan, "Maybe later")
    left, = recovery.find_recoveries(recovery_folder)
    dialogs.script("choose", "decline", "keep")
    assert not main_window.files.offer_recovery()
    titles = [title for _kind, title, _text in dialogs.asked("choose")]
    assert titles == ["Restore unsaved work?", "Delete the recovered work?"]
    assert dialogs.offered[1]["keys"] == ["keep", "delete"]
    assert left.path.exists() and session.proposal.project.title == ""
    # Offered again at the next start; this time deleted.
    dialogs.script("choose", "decline", "delete")
    assert not main_window.files.offer_recovery()
    assert not left.path.exists()
    # Nothing left to offer: no question at all.
    assert not main_window.files.offer_recovery()
    assert len(dialogs.asked("choose")) == 4


def test_page_change_autosaves_and_clean_quit_removes_it(qtbot, main_window, dialogs, session,
                                                        recovery_folder):
    main_window.go_to("project")
    assert not list(recovery_folder.glob("*.ssa-recovery.json"))  # nothing unsaved yet
    qtbot.keyClicks(main_window.pages["project"].title_edit, "Typed on a page")
    main_window.go_to("sector")
    copy, = recovery_folder.glob("*.ssa-recovery.json")
    assert json.loads(copy.read_text("utf-8"))["proposal"]["project"]["title"] == "Typed on a page"
    dialogs.script("choose", "discard")
    assert main_window.close()
    assert not list(recovery_folder.glob("*.ssa-recovery.json"))


def test_autosave_timer_writes_while_dirty(qtbot, main_window, dialogs, session, tmp_path,
                                          recovery_folder):
    files = main_window.files
    assert files.autosave_timer.interval() == 30_000
    assert not files.autosave_timer.isActive()
    session.set_project_field("title", "Typed, then a pause")
    assert files.autosave_timer.isActive()
    files.autosave_timer.setInterval(10)
    qtbot.waitUntil(lambda: files.recovery_path is not None)
    data = json.loads(files.recovery_path.read_text("utf-8"))
    assert data["proposal"]["project"]["title"] == "Typed, then a pause"
    # A save removes the copy and stops the timer.
    copy = files.recovery_path
    dialogs.script("save_file", str(tmp_path / "paused.ssa.json"))
    assert files.save()
    assert not files.autosave_timer.isActive() and not copy.exists()


def test_failed_autosave_is_a_quiet_note(main_window, dialogs, session, recovery_folder):
    recovery_folder.parent.mkdir(parents=True, exist_ok=True)
    recovery_folder.write_text("a file where the folder should be")
    session.set_project_field("title", "Still typing")
    assert main_window.files.autosave() is None
    assert not dialogs.calls  # never a box while the user types
    note = main_window.status_note.currentMessage()
    assert note.startswith("Could not write the recovery copy in ") and "Save your work soon" in note
    assert session.proposal.project.title == "Still typing"


def test_save_removes_the_recovery_copy(main_window, dialogs, session, tmp_path, recovery_folder):
    session.set_project_field("title", "Soon saved")
    copy = main_window.files.autosave()
    assert copy is not None and copy.exists()
    dialogs.script("save_file", str(tmp_path / "soon.ssa.json"))
    assert main_window.files.save()
    assert not copy.exists()


def test_nothing_new_nothing_rewritten(main_window, session, recovery_folder):
    session.set_project_field("title", "Once")
    copy = main_window.files.autosave()
    os.utime(copy, ns=(1, 1))  # so a rewrite would show
    assert main_window.files.autosave() == copy
    assert copy.stat().st_mtime_ns == 1
    session.set_project_field("title", "Twice")
    assert main_window.files.autosave() == copy
    assert copy.stat().st_mtime_ns != 1
    assert json.loads(copy.read_text("utf-8"))["proposal"]["project"]["title"] == "Twice"


def test_describe_when_uses_plain_words_and_the_locale():
    now = dt.datetime(2026, 3, 13, 15, 0, tzinfo=dt.timezone.utc).astimezone()
    locale = QLocale()
    today = now.replace(hour=9, minute=5)
    assert describe_when(today, now).startswith("today ")
    assert describe_when(now - dt.timedelta(days=1), now).startswith("yesterday ")
    three = now - dt.timedelta(days=3)
    assert describe_when(three, now).startswith(locale.dayName(three.isoweekday()) + " ")
    old = describe_when(now - dt.timedelta(days=40), now)
    assert "2026" in old


# --- issue #15: odd recovery copies -------------------------------------------------------


def test_odd_copies_are_offered_and_repairs_named(main_window, dialogs, session, recovery_folder):
    recovery_folder.mkdir(parents=True, exist_ok=True)
    record = {"format": "ssa-recovery", "version": 1, "saved_at": "2026-11-02T10:00:00+00:00",
              "original_path": None,
              # A pid no process can have, on this machine: os.kill raised OverflowError.
              "owner": {"host": locking.host_name(), "pid": 2**70, "user": "me"},
              "proposal": {"format": "ssa-proposal", "version": 1,
                           "project": {"title": "Broken \ud83d", "acronym": "ODD"}}}
    (recovery_folder / "odd.ssa-recovery.json").write_text(json.dumps(record))
    dialogs.script("choose", "restore")
    assert main_window.files.offer_recovery()
    assert session.proposal.project.title == "Broken \ufffd" and session.dirty
    (_kind, title, text), = dialogs.asked("inform")
    assert title == "Some characters were replaced"
    assert text.startswith("Some text in your recovered work held characters")
    assert text.endswith("in: project, title.")
    # The restored work is safe again at once: this session's own copy could be written.
    assert main_window.files.recovery_path is not None
