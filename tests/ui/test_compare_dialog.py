"""File ▸ Compare with…: the .bak first, the changes grouped, Go to, Print changes (issue #16)."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from ssa_wizard import storage
from ssa_wizard.compare import fingerprint
from ssa_wizard.resources import resource_path

EXAMPLE = resource_path("examples", "digiretail.ssa.json")


@pytest.fixture
def opened(tmp_path, main_window):
    """The example open in the window from a file of its own (in English)."""
    path = tmp_path / "digiretail.ssa.json"
    data = json.loads(Path(EXAMPLE).read_text(encoding="utf-8"))
    data["language"] = "en"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main_window.open_file(str(path))
    return path


def compare(qtbot, window, path: str | None = None):
    """Run File ▸ Compare with… and return the dialog it shows.

    The comparison runs on a pool thread and reports through a queued signal, so it
    cannot arrive before the wait below spins the event loop.
    """
    if path is None:
        window.compare_action.trigger()
    else:
        window.compare_with(path)
    with qtbot.waitSignal(window.comparer.shown, timeout=20000) as blocker:
        pass
    return blocker.args[0]


def test_compare_with_the_bak_after_an_edit_shows_that_edit(qtbot, main_window, dialogs,
                                                            opened):
    session = main_window.session
    old_print = fingerprint(session.proposal)
    session.set_project_field("title", "Digital skills for small shops")
    session.set_partner_field("p2", "country", "BE")
    assert main_window.files.save()  # the .bak now holds the version before the edit
    assert storage.existing_backup(opened) is not None
    dialogs.script("choose", "backup")
    dialog = compare(qtbot, main_window)
    offered = dialogs.offered[-1]
    assert offered["keys"][0] == "backup"  # the .bak is the first thing offered
    assert "digiretail.ssa.json.bak" in offered["labels"][0]
    texts = dialog.texts()
    assert "Title: “Digital skills for small retailers” → “Digital skills for small shops”" in texts
    assert "Country: Netherlands (NL) → Belgium (BE)" in texts
    assert texts.index("Project (1)") < texts.index("Members (1)")
    assert old_print in dialog.versions.text()
    assert fingerprint(session.proposal) in dialog.versions.text()
    # The verdict change on top: the Netherlands lost its sector body.
    assert dialog.verdict.text().startswith("Was eligible and complete, now not eligible: ")
    assert dialog.verdict.y() < dialog.tree.y()
    dialog.close()


def test_without_a_backup_the_file_chooser_opens_straight_away(qtbot, main_window, dialogs,
                                                               opened, tmp_path):
    other = tmp_path / "signed.ssa.json"
    shutil.copy(opened, other)
    main_window.session.set_plans_field("innovation", "Something new")
    dialogs.script("open_file", str(other))
    dialog = compare(qtbot, main_window)
    assert not dialogs.asked("choose")
    assert [call[0] for call in dialogs.calls] == ["open_file"]
    assert any(text.startswith("Innovation: ") and "Something new" in text
               for text in dialog.texts())
    dialog.close()


def test_go_to_lands_on_the_field(qtbot, main_window, dialogs, opened, tmp_path):
    signed = tmp_path / "signed.ssa.json"
    shutil.copy(opened, signed)
    session = main_window.session
    session.set_partner_field("p7", "contact_email", "new@example.org")
    session.set_activity_field("a2", "end_month", 22)
    dialog = compare(qtbot, main_window, str(signed))
    email = next(item for item in dialog.items() if item.text(0).startswith("E-mail address: "))
    dialog.tree.setCurrentItem(email)
    assert dialog.go_button.isEnabled()
    qtbot.mouseClick(dialog.go_button, Qt.MouseButton.LeftButton)
    assert main_window.current_key() == "partners"
    page = main_window.pages["partners"]
    assert page.current_id() == "p7"
    # The window comes to the front with the cursor in the field.
    qtbot.waitUntil(lambda: page.form.contact_email_edit.hasFocus(), timeout=5000)
    end = next(item for item in dialog.items() if item.text(0).startswith("End month: "))
    assert dialog.go_to(end)
    assert main_window.current_key() == "activities"
    activities = main_window.pages["activities"]
    assert activities.current_id() == "a2"
    assert main_window.focusWidget() in (activities.start_spin, activities.end_spin)
    dialog.close()


def test_what_no_longer_exists_has_no_go_to(qtbot, main_window, dialogs, opened, tmp_path):
    signed = tmp_path / "signed.ssa.json"
    shutil.copy(opened, signed)
    session = main_window.session
    session.set_partner_field("p3", "city", "Gent")
    session.remove_partners(["p9"])
    dialog = compare(qtbot, main_window, str(signed))
    removed = next(item for item in dialog.items() if item.text(0).startswith("Removed: "))
    dialog.tree.setCurrentItem(removed)
    assert not dialog.go_button.isEnabled()
    assert not dialog.go_to(removed)
    city = next(item for item in dialog.items() if item.text(0).startswith("City: "))
    dialog.tree.setCurrentItem(city)
    assert dialog.go_button.isEnabled()
    session.remove_partners(["p3"])  # removed after the comparison was made
    assert not dialog.go_button.isEnabled()
    assert not dialog.go_to(city)
    assert dialog.status.text() == "That is no longer in the proposal."
    dialog.close()


def test_printed_changes_pdf_has_both_fingerprints(qtbot, main_window, dialogs, opened,
                                                   tmp_path):
    signed = tmp_path / "signed.ssa.json"
    shutil.copy(opened, signed)
    session = main_window.session
    session.set_project_field("summary", "A new summary, R&D <b>bold</b> as typed.")
    dialog = compare(qtbot, main_window, str(signed))
    old_print, new_print = dialog.comparison.fingerprints
    assert old_print != new_print
    target = tmp_path / "changes"
    dialogs.script("save_file", str(target))
    with qtbot.waitSignal(dialog.printed, timeout=60000) as blocker:
        dialog.print_button.click()
        assert not dialog.print_button.isEnabled()  # the work runs off the GUI thread
    assert blocker.args == [str(target) + ".pdf"]
    text = " ".join(page.extract_text() for page in PdfReader(
        io.BytesIO(Path(str(target) + ".pdf").read_bytes())).pages)
    assert old_print in text and new_print in text
    assert "R&D <b>bold</b> as typed." in " ".join(text.split())
    assert dialog.print_button.isEnabled()
    dialog.close()


def test_print_changes_never_replaces_the_version_compared_with(qtbot, main_window, dialogs,
                                                                 opened, tmp_path):
    signed = tmp_path / "signed.pdf"  # a PDF name, but the version compared with
    shutil.copy(opened, signed)
    main_window.session.set_project_field("acronym", "DR")
    dialog = compare(qtbot, main_window, str(signed))
    dialogs.script("save_file", str(signed), None)
    dialog.print_changes()
    assert [call[1] for call in dialogs.asked("error")] == ["Print changes"]
    assert json.loads(signed.read_text(encoding="utf-8"))["format"] == "ssa-proposal"
    dialog.close()


def test_an_unreadable_version_is_told_in_one_line(qtbot, main_window, dialogs, opened,
                                                   tmp_path):
    bad = tmp_path / "bad.ssa.json"
    bad.write_text("{ not json", encoding="utf-8")
    main_window.compare_with(str(bad))
    with qtbot.waitSignal(main_window.comparer.failed, timeout=20000) as blocker:
        pass
    assert "bad.ssa.json" in blocker.args[0] and "not JSON" in blocker.args[0]
    assert [call[1] for call in dialogs.asked("error")] == ["Compare with…"]
    assert main_window.comparer.dialog is None


def test_the_dialog_speaks_dutch(qtbot, main_window, dialogs, opened, tmp_path):
    signed = tmp_path / "signed.ssa.json"
    shutil.copy(opened, signed)
    main_window.set_language("nl")
    main_window.session.set_partner_field("p2", "country", "BE")
    dialog = compare(qtbot, main_window, str(signed))
    assert "Land: Nederland (NL) → België (BE)" in dialog.texts()
    assert dialog.go_button.text() == "&Ga naar"
    assert dialog.verdict.text().startswith("Was subsidiabel en volledig, nu niet subsidiabel")
    assert main_window.compare_action.text() == "&Vergelijken met…"
    dialog.close()
    main_window.set_language("en")


def test_review_page_shows_the_fingerprint_and_follows_edits(qtbot, main_window, opened):
    session = main_window.session
    page = main_window.go_to("review")
    before = fingerprint(session.proposal)
    assert f"version {before} of the proposal" in page.fingerprint.text()
    session.set_project_field("acronym", "DIGI")
    session.check_now()
    after = fingerprint(session.proposal)
    assert after != before
    assert f"version {after} of the proposal" in page.fingerprint.text()
    # The same code as the file on disk once saved, and as ssa-wizard diff shows.
    assert main_window.files.save()
    assert fingerprint(storage.load(opened).proposal) == after


def test_opening_another_proposal_closes_the_changes_of_this_one(qtbot, main_window, dialogs,
                                                                 opened, tmp_path):
    signed = tmp_path / "signed.ssa.json"
    shutil.copy(opened, signed)
    main_window.session.set_partner_field("p3", "city", "Gent")
    dialog = compare(qtbot, main_window, str(signed))
    assert dialog.isVisible()
    dialogs.script("choose", "discard")  # the unsaved edit
    assert main_window.open_file(str(signed))
    assert not dialog.isVisible()
    # A comparison running while another proposal is opened is dropped, never shown.
    main_window.compare_with(str(opened))
    assert main_window.comparer.task is not None
    main_window.session.load(main_window.session.proposal.model_copy(deep=True))
    with qtbot.waitSignal(main_window.comparer.task.stopped, timeout=20000):
        pass
    assert main_window.comparer.dialog is dialog and not dialog.isVisible()
