"""Saving from the window never loses a word: conflicts, unwritable places, newer files, backups.

Each fault is real: the test writes to the file behind the window's back, saves
into a path whose parent is a file or into an immutable folder, opens a file of a
newer version, and corrupts a file that has a backup. Questions are answered by
the scripted ``FakeDialogs``.
"""

from __future__ import annotations

import json

import pytest

from ssa_wizard import locking, storage
from ssa_wizard.model import Proposal


def _proposal(title: str) -> Proposal:
    proposal = Proposal.new()
    proposal.project.title = title
    proposal.project.acronym = "PLAN"
    return proposal


def _title_on_disk(path) -> str:
    return json.loads(path.read_text("utf-8"))["project"]["title"]


@pytest.fixture
def opened(main_window, session, tmp_path):
    """plan.ssa.json saved as "Original", opened in the window, then edited to "Mine"."""
    path = tmp_path / "plan.ssa.json"
    storage.save(_proposal("Original"), path)
    assert main_window.open_file(str(path))
    session.set_project_field("title", "Mine")
    assert session.dirty
    return path


def _someone_else_writes(path, title="Theirs"):
    storage.save(_proposal(title), path)  # another program, another person


def test_save_keeps_the_lock_drops_the_recovery_copy_and_updates_the_stamp(main_window, session,
                                                                            opened):
    assert main_window.files.autosave() is not None
    recovery_copy = main_window.files.recovery_path
    assert recovery_copy is not None and recovery_copy.exists()
    assert main_window.files.save()
    assert _title_on_disk(opened) == "Mine" and not session.dirty
    assert not recovery_copy.exists() and main_window.files.recovery_path is None
    assert main_window.files.lock is not None and main_window.files.lock.still_held()
    assert main_window.files.stamp == storage.file_stamp(opened)
    # A second save right after is no conflict: the stamp followed the save.
    session.set_project_field("title", "Mine, again")
    assert main_window.files.save()
    assert _title_on_disk(opened) == "Mine, again"
    assert json.loads(storage.backup_path(opened).read_text("utf-8"))["project"]["title"] == "Mine"


def test_changed_on_disk_overwrite(main_window, dialogs, session, opened):
    _someone_else_writes(opened)
    dialogs.script("choose", "overwrite")
    assert main_window.files.save()
    (_kind, title, text), = dialogs.asked("choose")
    assert title == "The file was changed"
    assert "plan.ssa.json was changed by another program or person" in text
    offered = dialogs.offered[0]
    assert offered["keys"] == ["overwrite", "copy", "cancel"]
    assert "plan.ssa.json.bak" in offered["detail"]  # where their version went
    assert _title_on_disk(opened) == "Mine" and not session.dirty
    # Nothing is lost: their version is the backup.
    assert _title_on_disk(storage.backup_path(opened)) == "Theirs"


def test_changed_on_disk_save_as_copy(main_window, dialogs, session, opened, tmp_path):
    _someone_else_writes(opened)
    copy = tmp_path / "mine.ssa.json"
    dialogs.script("choose", "copy").script("save_file", str(copy))
    assert main_window.files.save()
    assert _title_on_disk(opened) == "Theirs"
    assert _title_on_disk(copy) == "Mine"
    assert session.path == copy and not session.dirty
    # The window now edits (and locks) the copy; the original is free for its owner.
    assert locking.read_lock(copy) is not None
    assert locking.read_lock(opened) is None


def test_changed_on_disk_cancel(main_window, dialogs, session, opened):
    _someone_else_writes(opened)
    before = opened.read_bytes()
    dialogs.script("choose", "cancel")
    assert not main_window.files.save()
    assert opened.read_bytes() == before
    assert session.dirty and session.proposal.project.title == "Mine"
    # Asked again next time: cancelling did not make their change ours.
    dialogs.script("choose", "cancel")
    assert not main_window.files.save()
    assert len(dialogs.asked("choose")) == 2


def test_deleted_since_opening_can_be_saved_there_again(main_window, dialogs, session, opened):
    opened.unlink()
    dialogs.script("choose", "overwrite")
    assert main_window.files.save()
    (_kind, _title, text), = dialogs.asked("choose")
    assert "plan.ssa.json was deleted or moved since you opened it" in text
    assert dialogs.offered[0]["labels"][0] == "&Save it there again"
    assert _title_on_disk(opened) == "Mine"


def test_save_into_a_path_whose_parent_is_a_file(main_window, dialogs, session, tmp_path):
    session.set_project_field("title", "Nowhere to go")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("I am a file")
    good = tmp_path / "good.ssa.json"
    dialogs.script("save_file", str(blocker / "plan.ssa.json"))
    dialogs.script("choose", "save_as").script("save_file", str(good))
    assert main_window.files.save()
    (_kind, title, text), = dialogs.asked("choose")
    assert title == "The proposal was not saved"
    assert text.startswith("Could not save plan.ssa.json: part of the path is not a folder.")
    assert "Save As" in dialogs.offered[0]["detail"]  # the window's advice, not the core's
    assert dialogs.offered[0]["keys"] == ["save_as", "cancel"]
    assert "was not changed" in dialogs.offered[0]["detail"]
    assert blocker.read_text() == "I am a file"
    assert _title_on_disk(good) == "Nowhere to go"
    assert session.path == good and not session.dirty


def test_save_into_a_read_only_folder_leaves_the_file_untouched(main_window, dialogs, session,
                                                                read_only_folder, tmp_path):
    path = read_only_folder / "plan.ssa.json"
    before = path.read_bytes()
    assert main_window.open_file(str(path))  # no lock possible there: opens anyway
    assert main_window.files.lock is None
    assert "Others will not see that you have it open" in main_window.status_note.currentMessage()
    session.set_project_field("title", "Changed on the laptop")
    dialogs.script("choose", "cancel")
    assert not main_window.files.save()
    (_kind, _title, text), = dialogs.asked("choose")
    assert text.startswith("Could not save plan.ssa.json: ")
    assert "not allowed to write there" in text
    assert path.read_bytes() == before
    assert sorted(p.name for p in read_only_folder.iterdir()) == ["plan.ssa.json"]
    assert session.dirty and session.path == path
    # Save As to a writable place keeps the work.
    elsewhere = tmp_path / "plan.ssa.json"
    dialogs.script("save_file", str(elsewhere))
    assert main_window.files.save_as()
    assert _title_on_disk(elsewhere) == "Changed on the laptop"
    assert path.read_bytes() == before


def test_newer_version_save_disabled_and_save_as_drops_unknown_fields(
        main_window, dialogs, session, tmp_path):
    data = json.loads(_proposal("From the future").to_json())
    data["version"] = 7
    data["future_field"] = {"kept": True}
    data["project"]["future_detail"] = "x"
    newer = tmp_path / "newer.ssa.json"
    newer.write_text(json.dumps(data), "utf-8")
    original = newer.read_bytes()
    assert main_window.open_file(str(newer))
    assert session.read_only and not main_window.save_action.isEnabled()
    assert "newer version" in main_window.banner.text()
    assert not main_window.files.save()
    (_kind, title, _text), = dialogs.asked("error")
    assert title == "This file is read-only"
    # Save As warns first; cancelling writes nothing.
    dialogs.script("choose", "cancel")
    assert not main_window.files.save_as()
    assert dialogs.asked("choose")[-1][1] == "Save a copy in this version?"
    assert "left out" in dialogs.asked("choose")[-1][2]
    copy = tmp_path / "copy.ssa.json"
    dialogs.script("choose", "save").script("save_file", str(copy))
    assert main_window.files.save_as()
    written = json.loads(copy.read_text("utf-8"))
    assert written["version"] == 1 and written["project"]["title"] == "From the future"
    assert "future_field" not in written and "future_detail" not in written["project"]
    # The window now edits the copy in this version: no unknown fields ride along.
    assert session.proposal.model_extra == {} and session.proposal.version == 1
    assert not session.read_only and main_window.save_action.isEnabled()
    assert session.path == copy and not session.dirty
    assert newer.read_bytes() == original


@pytest.fixture
def broken_with_backup(tmp_path):
    """plan.ssa.json saved twice (so a backup exists), then damaged."""
    path = tmp_path / "plan.ssa.json"
    storage.save(_proposal("Yesterday"), path)
    storage.save(_proposal("Today"), path)
    assert storage.existing_backup(path) is not None
    path.write_bytes(b'{"format": "ssa-proposal", "version": 1, "project": {"tit')  # cut off
    return path


def test_unreadable_file_offers_its_backup_as_an_unsaved_copy(main_window, dialogs, session,
                                                              broken_with_backup):
    damaged = broken_with_backup.read_bytes()
    backup = storage.backup_path(broken_with_backup)
    backup_bytes = backup.read_bytes()
    dialogs.script("choose", "backup")
    assert main_window.open_file(str(broken_with_backup))
    (_kind, title, text), = dialogs.asked("choose")
    assert title == "Cannot open the file"
    assert text.startswith("plan.ssa.json: not JSON")
    detail = dialogs.offered[0]["detail"]
    assert "plan.ssa.json.bak" in detail and "nothing is overwritten" in detail
    assert session.proposal.project.title == "Yesterday"
    assert session.path is None and session.dirty  # a copy: Save asks for a name
    assert broken_with_backup.read_bytes() == damaged and backup.read_bytes() == backup_bytes
    assert locking.read_lock(broken_with_backup) is None


def test_unreadable_file_backup_declined_changes_nothing(main_window, dialogs, session,
                                                         broken_with_backup):
    session.set_project_field("title", "Current work")
    dialogs.script("choose", "discard")  # the unsaved-changes question
    dialogs.script("choose", "cancel")
    assert not main_window.open_file(str(broken_with_backup))
    assert session.proposal.project.title == "Current work"
    assert locking.read_lock(broken_with_backup) is None


def test_unreadable_file_without_backup_names_the_file_and_problem(main_window, dialogs, tmp_path):
    path = tmp_path / "empty.ssa.json"
    path.write_bytes(b"")
    assert not main_window.open_file(str(path))
    (_kind, title, text), = dialogs.asked("error")
    assert title == "Cannot open the file" and text == "empty.ssa.json: the file is empty"
    assert path.read_bytes() == b""
    assert locking.read_lock(path) is None


# --- issue #15: odd content, failed backups -------------------------------------------


def test_opening_a_file_with_lone_surrogates_says_once_which_fields(main_window, dialogs, session,
                                                                   tmp_path):
    path = tmp_path / "odd.ssa.json"
    path.write_text('{"format": "ssa-proposal", "version": 1, "project": {"title": "Zorg \\ud800"},'
                    ' "partners": [{"id": "p1", "name": "ROC \\udc00"}]}', encoding="utf-8")
    assert main_window.open_file(str(path))
    (_kind, title, text), = dialogs.asked("inform")
    assert title == "Some characters were replaced"
    assert text == ("Some text in odd.ssa.json held characters that no file can hold: parts of "
                    "broken emoji or symbols. Each was replaced by “\ufffd”, in: project, title; "
                    "member 1, name.")
    assert session.proposal.project.title == "Zorg \ufffd"
    # The repaired proposal can be saved; opened again, there is nothing more to say.
    session.set_project_field("title", "Zorg")
    assert main_window.files.save()
    assert _title_on_disk(path) == "Zorg"
    assert main_window.open_file(str(path))
    assert len(dialogs.asked("inform")) == 1


def test_opening_a_file_with_a_huge_integer_is_refused_plainly(main_window, dialogs, session,
                                                               tmp_path):
    path = tmp_path / "huge.ssa.json"
    path.write_bytes(b'{"format": "ssa-proposal", "version": 1, "x": ' + b"8" * 5000 + b"}")
    assert not main_window.open_file(str(path))  # was an unhandled ValueError
    (_kind, title, text), = dialogs.asked("error")
    assert title == "Cannot open the file"
    assert text == ("huge.ssa.json: a number in the file is longer than 4300 digits; no field "
                    "holds such a number")
    assert session.path is None


def test_text_no_file_can_hold_is_named_and_nothing_is_written(main_window, dialogs, session, opened,
                                                              recovery_folder):
    before = opened.read_bytes()
    session.set_project_field("summary", "Half an emoji: \ud83d")  # as a broken paste could give
    assert not main_window.files.save()
    (_kind, title, text), = dialogs.asked("error")
    assert title == "The proposal was not saved"
    assert text == ("Could not save plan.ssa.json: project, summary: an invalid character (part of "
                    "a broken emoji or symbol) cannot be saved; type that text again.")
    assert not dialogs.asked("choose")  # no Save As offered: it would fail the same way
    assert opened.read_bytes() == before and session.dirty
    # The recovery copy cannot hold it either: a quiet note, never a crash.
    assert main_window.files.autosave() is None
    assert main_window.status_note.currentMessage().startswith(
        "Could not write the recovery copy in ")
    assert "project, summary: an invalid character" in main_window.status_note.currentMessage()
    # The last-resort copy after an unexpected error keeps every word it can.
    copy = main_window.files.recovery_save()
    assert storage.load(copy).proposal.project.summary == "Half an emoji: \ufffd"
    # Typed again, it saves.
    session.set_project_field("summary", "Half an emoji: fixed")
    assert main_window.files.save()
    assert json.loads(opened.read_text("utf-8"))["project"]["summary"] == "Half an emoji: fixed"


def test_a_backup_that_could_not_be_kept_is_a_status_bar_note(main_window, dialogs, session, opened):
    folder = storage.backup_path(opened)
    folder.mkdir()  # the backup's place is taken by a folder
    assert main_window.files.save()
    assert _title_on_disk(opened) == "Mine" and not session.dirty
    assert main_window.status_note.currentMessage() == (
        "plan.ssa.json was saved, but no backup of the previous version could be kept: there is "
        "a folder called plan.ssa.json.bak.")
    assert folder.is_dir() and not dialogs.calls
    # A save whose backup works says only that it saved.
    folder.rmdir()
    session.set_project_field("title", "Mine again")
    assert main_window.files.save()
    assert main_window.status_note.currentMessage() == f"Saved to {opened}"
    assert json.loads(folder.read_text("utf-8"))["project"]["title"] == "Mine"


def test_many_repaired_places_are_summed_up(main_window, dialogs, tmp_path):
    path = tmp_path / "many.ssa.json"
    members = ", ".join(f'{{"id": "p{n}", "name": "N\\ud800"}}' for n in range(1, 12))
    path.write_text(f'{{"format": "ssa-proposal", "version": 1, "partners": [{members}]}}',
                    encoding="utf-8")
    assert main_window.open_file(str(path))
    (_kind, _title, text), = dialogs.asked("inform")
    assert text.endswith("in: member 1, name; member 2, name; member 3, name; member 4, name; "
                         "member 5, name; member 6, name; member 7, name; member 8, name and 3 more.")


def test_saving_with_an_impossible_date_on_screen_asks_first(qtbot, main_window, dialogs,
                                                            session, tmp_path):
    """A second new-user trial typed 31-02-2027 as the start date (shown in red, the
    proposal keeping the date before) and saved without knowing the file kept that."""
    from .pages import retype

    project = main_window.go_to("project")
    retype(qtbot, project.date_edit.line, "09-10-2027")
    retype(qtbot, project.date_edit.line, "31-02-2027")
    assert session.proposal.project.start_date == "2027-10-09"
    target = tmp_path / "groen.ssa.json"
    dialogs.script("save_file", str(target))
    dialogs.script("choose", "cancel")
    assert not main_window.files.save()
    (_kind, title, text), = dialogs.asked("choose")
    assert title == "Save without what is not understood?"
    assert "Start date: “31-02-2027”" in text
    assert not target.exists()
    dialogs.script("save_file", str(target))
    dialogs.script("choose", "save")
    assert main_window.files.save()
    assert json.loads(target.read_text("utf-8"))["project"]["start_date"] == "2027-10-09"
    # Corrected: nothing to ask.
    retype(qtbot, project.date_edit.line, "28-02-2027")
    assert main_window.files.save()
    assert len(dialogs.asked("choose")) == 2
