"""Leaving and coming back: the title's star, Undo after a removal, where dialogs start,
and Qt's own dialogs in the UI language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLabel

from ssa_wizard import i18n
from ssa_wizard.model import Partner
from ui.file_choice import FOLDER_KEY, documents_folder, remember_folder, start_folder
from ui.language import install_qt_translator


def test_undo_back_to_the_saved_state_drops_the_star(qtbot, main_window, dialogs, session,
                                                     tmp_path):
    project = main_window.go_to("project")
    qtbot.keyClicks(project.title_edit, "Green")
    dialogs.script("save_file", str(tmp_path / "green.ssa.json"))
    assert main_window.files.save()
    assert not main_window.isWindowModified()
    qtbot.keyClicks(project.acronym_edit, "GR")
    assert main_window.isWindowModified() and session.dirty
    session.undo_stack.undo()
    assert session.proposal.project.acronym == ""
    assert not session.dirty and not main_window.isWindowModified()
    session.undo_stack.undo()  # before the save: changed again
    assert session.dirty and main_window.isWindowModified()
    session.undo_stack.redo()
    assert not session.dirty


def test_recovered_work_stays_unsaved_after_undo(session):
    from ssa_wizard.model import Proposal

    session.load(Proposal.new(), dirty=True)
    session.set_project_field("title", "x")
    session.undo_stack.undo()
    assert session.dirty  # nothing of it is on disk


def test_removing_a_member_says_undo_brings_it_back(qtbot, main_window, session):
    session.add_partner(Partner(id="p1", name="ROC Noord", country="NL"))
    partners = main_window.go_to("partners")
    partners.select_record("p1")
    partners.remove_records()
    assert session.proposal.partners == []
    message = main_window.status_note.currentMessage()
    assert message == "“ROC Noord” removed — Ctrl+Z brings it back"  # which one, by name
    session.undo_stack.undo()
    assert [p.name for p in session.proposal.partners] == ["ROC Noord"]
    # Then no longer true: not left standing (a second trial read it after the undo).
    assert main_window.status_note.currentMessage() == ""
    assert not main_window.status_note.isVisible()


def test_file_dialogs_start_in_documents_then_remember_the_folder(qtbot, main_window, dialogs,
                                                                 tmp_path, settings):
    documents = documents_folder()
    assert documents.is_absolute() and documents.is_dir()
    dialogs.script("open_file", None)
    main_window.open_file()
    assert dialogs.asked("open_file")[-1][2] == str(documents)
    # A sheet chosen in another folder: the next dialog starts there.
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    sheet = sheets / "partners.csv"
    sheet.write_text("name,country\nROC Noord,NL\n", encoding="utf-8")
    dialogs.script("open_file", str(sheet))
    dialog = main_window.partner_exchange.import_sheet()
    assert settings.value(FOLDER_KEY) == str(sheets)
    dialog.reject()
    qtbot.waitUntil(lambda: not main_window.partner_exchange.busy
                    if hasattr(main_window.partner_exchange, "busy") else True)
    dialogs.script("open_files", [])
    main_window.partner_exchange.add_cards()
    assert dialogs.asked("open_files")[-1][2] == str(sheets)


def test_start_folder_prefers_the_proposal_folder_for_save_as(tmp_path, settings):
    proposal_folder, other = tmp_path / "proposals", tmp_path / "other"
    proposal_folder.mkdir()
    other.mkdir()
    remember_folder(other / "x.csv", settings)
    assert start_folder(settings, first=proposal_folder) == proposal_folder
    assert start_folder(settings, then=proposal_folder) == other
    settings.setValue(FOLDER_KEY, str(tmp_path / "gone"))
    assert start_folder(settings, then=proposal_folder) == proposal_folder
    settings.setValue(FOLDER_KEY, "relative/folder")
    assert start_folder(settings) == documents_folder()  # never the program's own folder


def test_qt_file_dialog_speaks_dutch_including_what_qtbase_leaves_out(qtbot, dutch):
    dialog = QFileDialog(None, "x", str(Path.home()), "CSV (*.csv)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert "&Look in:" not in labels and "Files of &type:" not in labels
    assert i18n._("&Look in:") in labels
    assert i18n._("Files of &type:") in labels


def test_switching_back_to_english_restores_qt_texts(qtbot, dutch):
    i18n.set_language("en")
    install_qt_translator("en")
    dialog = QFileDialog(None, "x", str(Path.home()), "CSV (*.csv)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    assert "&Look in:" in {label.text() for label in dialog.findChildren(QLabel)}


def test_our_own_filters_are_translated(dutch):
    from ui.file_choice import sheet_filters

    assert "Spreadsheets" not in sheet_filters()


def test_file_dialogs_use_qt_s_own_when_the_ui_language_is_not_the_system_s(dutch, monkeypatch):
    from ui import dialogs as dialogs_module

    monkeypatch.setattr("ui.language.system_language", lambda system=None: "en")
    assert dialogs_module.Dialogs.file_dialog_options() == QFileDialog.Option.DontUseNativeDialog
    monkeypatch.setattr("ui.language.system_language", lambda system=None: "nl")
    assert dialogs_module.Dialogs.file_dialog_options() == QFileDialog.Option(0)


def test_removing_a_member_without_a_name_still_says_undo_brings_it_back(qtbot, main_window,
                                                                         session):
    session.add_partner(Partner(id="p1", name="", country="NL"))
    partners = main_window.go_to("partners")
    partners.select_record("p1")
    partners.remove_records()
    assert main_window.status_note.currentMessage() == "Member removed — Ctrl+Z brings it back"

