"""The window: wizard navigation, keyboard use, accessible names, title, files, language."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAccessible, QKeySequence
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox,
                               QApplication, QComboBox, QHeaderView, QLineEdit, QPlainTextEdit, QTextEdit,
                               QWidget, QWizard)

from ssa_wizard import i18n, storage
from ssa_wizard.resources import resource_path
from ui.wizard.base import PAGES

EXAMPLE = resource_path("examples", "digiretail.ssa.json")


def _fill_project_and_plans(qtbot, window) -> dict:
    """Type into every field of the Project, Sector and Plans pages; return what was typed."""
    project = window.go_to("project")
    qtbot.keyClicks(project.title_edit, "Green skills for hotels")
    qtbot.keyClicks(project.acronym_edit, "GREENSTAY")
    project.duration_spin.setValue(24)
    qtbot.keyClicks(project.date_edit.line, "01/03/2027")
    qtbot.keyClicks(project.summary_edit, "Hotels need staff who can save energy.")
    sector = window.go_to("sector")
    sector.sector_buttons["tourism"].click()
    sector.objective_checks["language_learning"].click()
    plans = window.go_to("plans")
    for name, edit in plans.edits.items():
        qtbot.keyClicks(edit, f"Our {name} plan.")
    return {
        "title": "Green skills for hotels", "acronym": "GREENSTAY", "duration_months": 24,
        "start_date": "2027-03-01", "summary": "Hotels need staff who can save energy.",
        "sector": "tourism", "objectives": ["language_learning"],
    }


def _widget_values(window) -> dict:
    project, sector, plans = (window.pages[k] for k in ("project", "sector", "plans"))
    return {
        "title": project.title_edit.text(), "acronym": project.acronym_edit.text(),
        "duration": project.duration_spin.value(), "date": project.date_edit.iso(),
        "summary": project.summary_edit.toPlainText(),
        "sector": [c for c, b in sector.sector_buttons.items() if b.isChecked()],
        "objectives": [c for c, b in sector.objective_checks.items() if b.isChecked()],
        "plans": {n: e.toPlainText() for n, e in plans.edits.items()},
    }


def test_wizard_is_a_qwizard_with_independent_pages(main_window):
    wizard = main_window.wizard
    assert isinstance(wizard, QWizard)
    assert wizard.testOption(QWizard.WizardOption.IndependentPages)
    assert not wizard.testOption(QWizard.WizardOption.HaveHelpButton)
    assert [wizard.page(i).key for i in wizard.pageIds()] == list(PAGES)
    for key in PAGES:
        assert main_window.pages[key].isComplete(), f"{key} blocks Next"


def test_edits_reach_the_session(qtbot, main_window, session):
    typed = _fill_project_and_plans(qtbot, main_window)
    project = session.proposal.project
    for name, value in typed.items():
        assert getattr(project, name) == value, name
    assert session.proposal.plans.innovation == "Our innovation plan."
    assert session.dirty


def test_back_and_next_keep_every_field(qtbot, main_window, session):
    _fill_project_and_plans(qtbot, main_window)
    before = _widget_values(main_window)
    proposal_before = session.proposal.model_dump()
    wizard = main_window.wizard
    main_window.go_to("start")
    for _ in PAGES[1:]:
        wizard.next()
    assert wizard.currentId() == len(PAGES) - 1
    for _ in PAGES[1:]:
        wizard.back()
    assert wizard.currentId() == 0
    for _ in PAGES[1:]:
        wizard.next()
    assert _widget_values(main_window) == before
    assert session.proposal.model_dump() == proposal_before


def test_navigation_never_refuses_on_an_empty_draft(main_window, session):
    assert not session.report.eligible
    wizard = main_window.wizard
    for index in range(1, len(PAGES)):
        wizard.next()
        assert wizard.currentId() == index
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


def test_side_list_jumps_and_marks_pages_with_errors(qtbot, main_window, session):
    nav = main_window.nav
    nav.setCurrentRow(PAGES.index("plans"))
    assert main_window.current_key() == "plans"
    # Back still walks the pages in order after a jump.
    main_window.wizard.back()
    assert main_window.current_key() == "activities"
    nav.setCurrentRow(PAGES.index("project"))
    assert main_window.current_key() == "project"
    assert nav.currentRow() == PAGES.index("project")
    # A new proposal has no title: the Project page is marked, and unmarked once typed.
    assert main_window.page_error_count("project") == 1
    assert "1 error" in nav.item(PAGES.index("project")).toolTip()
    qtbot.keyClicks(main_window.pages["project"].title_edit, "A title")
    session.check_now()
    assert main_window.page_error_count("project") == 0
    assert main_window.page_error_count("start") == 0


def test_the_side_list_is_touched_only_where_a_page_s_errors_changed(qtbot, main_window, session):
    nav = main_window.nav
    project = main_window.go_to("project")
    changed = []
    nav.model().dataChanged.connect(lambda first, last, *_: changed.append(
        (first.row(), last.row())))
    qtbot.keyClicks(project.acronym_edit, "ABC")  # no page's count of errors changes
    session.check_now()
    assert changed == []
    qtbot.keyClicks(project.title_edit, "A title")  # the Project page's error is gone
    session.check_now()
    assert {row for row, _last in changed} == {PAGES.index("project")}
    assert main_window.page_error_count("project") == 0
    i18n.set_language("nl")
    main_window.retranslate()
    assert "niets" in nav.item(PAGES.index("project")).toolTip().lower()


def test_enter_never_finishes_and_escape_never_closes(qtbot, main_window):
    wizard = main_window.wizard
    project = main_window.go_to("project")
    project.title_edit.setFocus()
    qtbot.keyClick(project.title_edit, Qt.Key.Key_Return)
    assert main_window.current_key() == "project"
    review = main_window.go_to("review")
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isVisible() and not finish.isDefault()
    review.tree.setFocus()
    with qtbot.assertNotEmitted(wizard.finish_requested):
        qtbot.keyClick(review.tree, Qt.Key.Key_Enter)
        qtbot.keyClick(review.tree, Qt.Key.Key_Escape)
        qtbot.keyClick(wizard, Qt.Key.Key_Return)
    assert wizard.isVisible() and main_window.isVisible()


def test_finish_saves_and_closes(qtbot, main_window, dialogs, session, tmp_path, capsys):
    main_window.go_to("review")
    finish = main_window.wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.text().replace("&", "") == "Save and close"  # says what it does
    target = tmp_path / "finished.ssa.json"
    dialogs.script("save_file", str(target)).script("choose", "close")
    with qtbot.waitSignal(main_window.wizard.finish_requested, timeout=1000):
        finish.click()
    assert target.is_file()
    # Before the window went, the user was told where the file is.
    kind, title, text = dialogs.calls[-1]
    assert (kind, title) == ("choose", "The proposal is saved")
    assert str(target) in text
    assert not main_window.isVisible()
    assert str(target) in capsys.readouterr().out


def test_finish_lets_the_user_keep_working_once_saved(qtbot, main_window, dialogs, tmp_path):
    main_window.go_to("review")
    target = tmp_path / "kept.ssa.json"
    dialogs.script("save_file", str(target)).script("choose", "stay")
    main_window.wizard.button(QWizard.WizardButton.FinishButton).click()
    assert target.is_file()
    assert main_window.isVisible()
    assert str(target) in dialogs.calls[-1][2]


def test_keyboard_only_run_through_every_page(qtbot, main_window, session):
    window = main_window
    window.activateWindow()
    qtbot.waitActive(window)
    alt = Qt.KeyboardModifier.AltModifier

    def press(key, modifier=Qt.KeyboardModifier.NoModifier):
        qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)

    def mnemonic_to_page(key, page):
        # A button's mnemonic clicks it the way a user sees it: animated, a moment later.
        press(key, alt)
        qtbot.waitUntil(lambda: window.current_key() == page, timeout=2000)

    window.pages["start"].new_button.setFocus()
    mnemonic_to_page(Qt.Key.Key_P, "project")  # New &proposal
    project = window.pages["project"]
    press(Qt.Key.Key_T, alt)  # &Title
    assert QApplication.focusWidget() is project.title_edit
    qtbot.keyClicks(project.title_edit, "Keyboard alliance")
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is project.acronym_edit
    qtbot.keyClicks(project.acronym_edit, "KEYS")
    press(Qt.Key.Key_Return)  # Enter in a line edit: nothing happens
    press(Qt.Key.Key_M, alt)  # Su&mmary
    assert QApplication.focusWidget() is project.summary_edit
    assert window.current_key() == "project"
    qtbot.keyClicks(project.summary_edit, "Typed only.")
    mnemonic_to_page(Qt.Key.Key_N, "sector")  # &Next >
    press(Qt.Key.Key_S, alt)  # &Sector: focus goes into the group
    assert QApplication.focusWidget() in window.pages["sector"].sector_buttons.values()
    press(Qt.Key.Key_Space)
    assert session.proposal.project.sector != ""
    for page in ("partners", "activities", "plans"):
        mnemonic_to_page(Qt.Key.Key_N, page)
    press(Qt.Key.Key_R, alt)  # &Recognition
    assert QApplication.focusWidget() is window.pages["plans"].edits["recognition"]
    qtbot.keyClicks(QApplication.focusWidget(), "Recognised by the sector.")
    press(Qt.Key.Key_Tab)  # Tab leaves a text box instead of typing a tab
    assert QApplication.focusWidget() is not window.pages["plans"].edits["recognition"]
    mnemonic_to_page(Qt.Key.Key_N, "review")
    review = window.pages["review"]
    review.tree.setFocus()
    with qtbot.assertNotEmitted(window.wizard.finish_requested):
        press(Qt.Key.Key_Return)
    mnemonic_to_page(Qt.Key.Key_B, "plans")  # < &Back
    project_data = session.proposal.project
    assert (project_data.title, project_data.acronym, project_data.summary) == (
        "Keyboard alliance", "KEYS", "Typed only.")
    assert session.proposal.plans.recognition == "Recognised by the sector."


_INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QAbstractButton, QComboBox,
           QAbstractItemView)


def _unnamed_inputs(window) -> list[str]:
    missing = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, _INPUTS) or not widget.isVisibleTo(window):
            continue
        parent = widget.parentWidget()
        if isinstance(parent, (QAbstractSpinBox, QComboBox)) or isinstance(widget, QHeaderView):
            continue  # parts of a spin box, combo box or table, named by their owner
        if widget.objectName().startswith("qt_"):
            continue  # Qt's own inner parts (a scroll area's corner, a wizard's spare buttons)
        # What a screen reader hears: the accessible name, else the buddy label's or
        # the button's text.
        interface = QAccessible.queryAccessibleInterface(widget)
        if interface is None or not interface.text(QAccessible.Text.Name).strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} "
                           f"text={getattr(widget, 'text', lambda: '')()!r}")
    return missing


def test_every_input_has_an_accessible_name(main_window, session):
    session.load(storage.load(EXAMPLE).proposal)
    for key in PAGES:
        main_window.go_to(key)
        assert _unnamed_inputs(main_window) == [], key


def test_title_shows_the_file_and_a_star_while_dirty(qtbot, main_window, dialogs, tmp_path):
    assert not main_window.isWindowModified()
    assert "[*]" in main_window.windowTitle()
    project = main_window.go_to("project")
    qtbot.keyClicks(project.acronym_edit, "STAR")
    assert main_window.isWindowModified()
    assert main_window.windowTitle().startswith("STAR[*]")
    target = tmp_path / "star.ssa.json"
    dialogs.script("save_file", str(target))
    main_window.save_action.trigger()
    assert not main_window.isWindowModified()
    assert main_window.windowTitle().startswith("star.ssa.json[*]")
    assert "STAR" in dialogs.asked("save_file")[0][2]  # suggested from the acronym


@pytest.mark.parametrize("answer", ["save", "discard", "cancel"])
def test_new_asks_before_discarding(qtbot, main_window, dialogs, session, tmp_path, answer):
    project = main_window.go_to("project")
    qtbot.keyClicks(project.title_edit, "Unsaved work")
    target = tmp_path / "kept.ssa.json"
    dialogs.script("choose", answer)
    if answer == "save":
        dialogs.script("save_file", str(target))
    main_window.new_action.trigger()
    assert len(dialogs.asked("choose")) == 1
    if answer == "cancel":
        assert session.proposal.project.title == "Unsaved work"
        assert project.title_edit.text() == "Unsaved work"
        assert session.dirty
    else:
        assert session.proposal.project.title == ""
        assert project.title_edit.text() == ""
        assert not session.dirty
    assert target.is_file() == (answer == "save")
    if answer == "save":
        assert json.loads(target.read_text("utf-8"))["project"]["title"] == "Unsaved work"


def test_close_asks_and_cancel_keeps_the_window(qtbot, main_window, dialogs):
    qtbot.keyClicks(main_window.go_to("project").title_edit, "x")
    dialogs.script("choose", "cancel")
    assert not main_window.close()
    assert main_window.isVisible()


def test_undo_redo_from_the_edit_menu(qtbot, main_window, session):
    project = main_window.go_to("project")
    qtbot.keyClicks(project.title_edit, "Undo me")
    main_window.undo_action.trigger()
    assert session.proposal.project.title == ""
    assert project.title_edit.text() == ""
    main_window.redo_action.trigger()
    assert project.title_edit.text() == "Undo me"


def test_language_switch_rewords_and_keeps_data(qtbot, main_window, session, settings):
    from ssa_wizard.model import Partner

    from ui.language import install_qt_translator

    project = main_window.go_to("project")
    qtbot.keyClicks(project.title_edit, "Mijn alliantie")
    session.add_partner(Partner(id="x", name="ROC", country="NL", category="vet_provider"))
    session.check_now()
    assert main_window.panel.row_label("NL").text().startswith("Netherlands")
    try:
        main_window.language_actions["nl"].trigger()
        assert i18n.current_language() == "nl"
        assert settings.value("ui/language") == "nl"
        assert main_window.language_actions["nl"].isChecked()
        assert main_window.panel.row_label("NL").text().startswith("Nederland")
        # Qt's own catalogue is loaded too (standard buttons of Qt's dialogs).
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuleren"
        assert project.title_edit.text() == "Mijn alliantie"
        assert session.proposal.project.title == "Mijn alliantie"
        main_window.language_actions["en"].trigger()
        assert main_window.panel.row_label("NL").text().startswith("Netherlands")
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    finally:
        install_qt_translator("en")


def test_review_lists_findings_and_goes_to_the_field(qtbot, main_window, session):
    review = main_window.go_to("review")
    shown = review.findings_shown()
    assert [f.key() for f in shown] == [f.key() for f in session.report.findings]
    groups = [review.tree.topLevelItem(i).text(0) for i in range(3)]
    assert [g.split(" (")[0] for g in groups] == ["Eligibility", "Completeness", "Advice"]
    title_finding = next(f for f in shown if f.rule == "C-TITLE")
    item = review.item_of(title_finding)
    review.tree.setCurrentItem(item)
    assert "title" in review.why_title.text().lower()
    assert review.why_text.text()
    review.tree.setFocus()
    qtbot.keyClick(review.tree, Qt.Key.Key_Return)
    assert main_window.current_key() == "project"
    assert QApplication.focusWidget() is main_window.pages["project"].title_edit


def test_open_refused_file_keeps_the_proposal(qtbot, main_window, dialogs, session, tmp_path):
    bad = tmp_path / "bad.ssa.json"
    bad.write_text("{not json", "utf-8")
    qtbot.keyClicks(main_window.go_to("project").title_edit, "Mine")
    dialogs.script("choose", "discard")
    assert not main_window.open_file(str(bad))
    (kind, _title, text), = dialogs.asked("error")
    assert "bad.ssa.json" in text and "not JSON" in text
    assert session.proposal.project.title == "Mine"


def test_newer_file_opens_read_only(qtbot, main_window, dialogs, session, tmp_path):
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["version"] = 99
    data["future_field"] = {"kept": True}
    newer = tmp_path / "newer.ssa.json"
    newer.write_text(json.dumps(data), "utf-8")
    original = newer.read_bytes()
    assert main_window.open_file(str(newer))
    assert session.read_only
    assert main_window.banner.isVisible() and "newer version" in main_window.banner.text()
    assert not main_window.save_action.isEnabled()
    assert "read-only" in main_window.windowTitle()
    assert not main_window.files.save()
    assert dialogs.asked("error")
    dialogs.script("choose", "cancel")
    assert not main_window.files.save_as()
    assert newer.read_bytes() == original
    copy = tmp_path / "copy.ssa.json"
    dialogs.script("choose", "save").script("save_file", str(copy))
    assert main_window.files.save_as()
    assert json.loads(copy.read_text("utf-8"))["version"] == 1
    assert not session.read_only and not main_window.banner.isVisible()
    assert main_window.save_action.isEnabled()
    assert newer.read_bytes() == original


def test_recent_files_are_remembered(main_window, dialogs, tmp_path):
    copy = tmp_path / "recent.ssa.json"
    copy.write_bytes(EXAMPLE.read_bytes())
    assert main_window.open_file(str(copy))
    assert main_window.files.recent_files() == [str(copy.resolve())]
    main_window.recent_menu.aboutToShow.emit()
    texts = [a.text() for a in main_window.recent_menu.actions()]
    assert any("recent.ssa.json" in t for t in texts)
    start = main_window.pages["start"]
    assert start.recent_list.count() == 1


def test_one_click_on_a_recent_file_opens_it(qtbot, main_window, session, tmp_path):
    """A new-user trial clicked a recent file and waited: one click opens it, as Enter
    does, and a double click opens it once."""
    copy = tmp_path / "recent.ssa.json"
    copy.write_bytes(EXAMPLE.read_bytes())
    assert main_window.open_file(str(copy))
    main_window.new_proposal()
    start = main_window.go_to("start")
    assert start.recent_list.item(0).toolTip() == f"Open {copy.resolve()}"
    view = start.recent_list
    qtbot.waitUntil(view.isVisible)
    spot = view.visualItemRect(view.item(0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert session.path == copy.resolve()
    assert main_window.current_key() == "project"
    # The second click of a double click, and its activation, open nothing more (the
    # test's dialogs would fail on any question).
    view.itemActivated.emit(view.item(0))
    view.itemClicked.emit(view.item(0))
    assert main_window.current_key() == "project"


def test_start_page_opens_the_example(qtbot, main_window, session):
    start = main_window.go_to("start")
    start.example_button.click()
    assert session.proposal.project.acronym == "DIGIRETAIL"
    assert session.path is None  # the bundled file is never saved over
    assert main_window.current_key() == "project"
    assert session.report.eligible


def test_help_menu_explains(main_window, dialogs):
    main_window.what_action.trigger()
    main_window.about_action.trigger()
    titles = [title for _kind, title, _text in dialogs.asked("inform")]
    assert titles == ["What is a Sector Skills Alliance?", "About SSA Wizard"]


def test_shortcuts(main_window):
    shortcuts = {a.text(): a.shortcut().toString() for a in (
        main_window.new_action, main_window.open_action, main_window.save_action,
        main_window.save_as_action, main_window.export_action, main_window.quit_action)}
    assert shortcuts == {"&New": "Ctrl+N", "&Open…": "Ctrl+O", "&Save": "Ctrl+S",
                         "Save &As…": "Ctrl+Shift+S", "&Export PDF…": "Ctrl+P",
                         "&Quit": "Ctrl+Q"}
    assert main_window.undo_action.shortcut().toString() == "Ctrl+Z"


def test_a_staged_window_completes_itself_after_the_first_paint(qtbot, dialogs, settings):
    """ssa-wizard shows the Start page first and builds the rest right after it painted."""
    from ui.main_window import MainWindow

    window = MainWindow(dialogs=dialogs, settings=settings, staged=True)
    qtbot.addWidget(window)
    assert not window.ready and list(window.pages) == ["start"]
    assert window.nav.item(3).text() == "Partners"          # the side list is complete
    window.show()
    qtbot.waitExposed(window)
    # Stand-in pages keep the wizard's buttons those of a first page: Next, not Finish.
    buttons = window.wizard.WizardButton
    assert window.wizard.button(buttons.NextButton).isVisible()
    assert not window.wizard.button(buttons.FinishButton).isVisible()
    window.finish_after_first_paint()
    window.pages["start"].update()
    qtbot.waitUntil(lambda: window.ready, timeout=5000)
    assert list(window.pages) == list(PAGES)
    assert window.wizard.pageIds() == list(range(len(PAGES)))
    assert window.panel.isVisible() and window.current_key() == "start"
    window.go_to("partners")
    assert window.current_key() == "partners" and window.pages["partners"].isVisible()


def test_a_loaded_proposal_is_left_to_reference_counting(qtbot, main_window, session):
    """After a load the proposal's objects are out of the cyclic collector's sight
    (gc.freeze), so that its full collections, which would walk them all, do not pause
    the window while the user types; what is garbage was collected first."""
    import gc
    import weakref

    from tests.core.factories import eligible_complete

    def tracked(obj) -> bool:
        return any(o is obj for o in gc.get_objects())

    proposal = eligible_complete()
    session.load(proposal)
    first = weakref.ref(proposal.partners[0])
    qtbot.waitUntil(lambda: not tracked(first()))
    assert gc.get_freeze_count() > 0
    # Reference counting still frees a replaced proposal's records.
    del proposal
    session.load(eligible_complete())
    assert first() is None


def test_ctrl_z_in_a_field_undoes_the_proposal_s_last_edit_not_the_field_s_letters(
        qtbot, main_window, session):
    """A new-user trial pressed Ctrl+Z in one field to undo an edit of another: the
    field's own undo cleared it as a new edit and left Redo greyed."""
    project = main_window.go_to("project")
    qtbot.keyClicks(project.title_edit, "Groen")
    qtbot.keyClicks(project.acronym_edit, "GRN")
    project.title_edit.setFocus()
    qtbot.keyClick(project.title_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (session.proposal.project.title, session.proposal.project.acronym) == ("Groen", "")
    assert project.acronym_edit.text() == ""
    qtbot.keyClick(project.title_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.proposal.project.title == "" and project.title_edit.text() == ""
    assert main_window.redo_action.isEnabled()
    redo = QKeySequence(QKeySequence.StandardKey.Redo)[0]
    qtbot.keyClick(project.title_edit, redo.key(), redo.keyboardModifiers())
    assert session.proposal.project.title == "Groen"
    # Ctrl+Y redoes too, whatever the system's Redo key (a trial on Linux pressed it).
    qtbot.keyClick(project.title_edit, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert session.proposal.project.acronym == "GRN"
    assert "Ctrl+Y" in [k.toString() for k in main_window.redo_action.shortcuts()]


def test_add_works_from_the_panel_and_the_side_list_on_the_page_shown(qtbot, main_window,
                                                                      session):
    """A new-user trial clicked the consortium panel, pressed Ctrl+Shift+N and typed the new
    member's name over another member: Add now works anywhere in the window, for the
    list of the page shown (members on Partners, activities on Activities)."""
    add = (Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    partners = main_window.go_to("partners")
    main_window.activateWindow()
    main_window.panel.setFocus()
    qtbot.waitUntil(lambda: main_window.isActiveWindow())
    qtbot.keyClick(main_window.panel, *add)
    assert len(session.proposal.partners) == 1
    assert partners.form.name_edit.hasFocus()
    main_window.go_to("activities")
    main_window.nav.setFocus()
    qtbot.keyClick(main_window.nav, Qt.Key.Key_Insert)
    assert (len(session.proposal.partners), len(session.proposal.activities)) == (1, 1)


@pytest.mark.parametrize("size", [(1093, 560), (1366, 700)])
def test_a_save_s_message_moves_nothing_and_covers_no_button(qtbot, main_window, session,
                                                            dialogs, tmp_path, size):
    """A new-user trial saw the message after a save push the whole window up under the
    pointer: the note is drawn over the empty end of the button row instead."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QWizard

    main_window.resize(*size)
    project = main_window.go_to("project")
    qtbot.keyClicks(project.title_edit, "Groen")
    next_button = main_window.wizard.button(QWizard.WizardButton.NextButton)

    def where(widget) -> QRect:
        return QRect(widget.mapTo(main_window, QPoint(0, 0)), widget.size())

    def heights(widget) -> tuple[int, int]:  # what a bar at the bottom would push up
        return where(widget).top(), where(widget).bottom()

    qtbot.waitUntil(lambda: next_button.isVisible())
    before = (heights(main_window.wizard_area), heights(next_button))
    dialogs.script("save_file", str(tmp_path / "groen.ssa.json"))
    main_window.save_action.trigger()
    note = main_window.status_note
    assert note.currentMessage().startswith("Saved to") and note.isVisible()
    QApplication.processEvents()
    assert (heights(main_window.wizard_area), heights(next_button)) == before
    for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                  QWizard.WizardButton.FinishButton):
        button = main_window.wizard.button(which)
        assert not button.isVisible() or not note.geometry().intersects(where(button))
    assert note.width() > 200
    note.clearMessage()
    assert not note.isVisible()


def test_after_new_proposal_the_focus_is_in_the_project_page_not_on_the_strip(
        qtbot, main_window):
    """A second new-user trial found the keyboard focus on the verdict strip's badge
    after 'New proposal' (the clicked button had gone with its page)."""
    main_window.resize(1093, 560)  # narrow: the strip is shown
    start = main_window.go_to("start")
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    start.new_button.setFocus()
    qtbot.keyClick(start.new_button, Qt.Key.Key_Space)
    assert main_window.current_key() == "project"
    project = main_window.pages["project"]
    qtbot.waitUntil(lambda: project.isAncestorOf(QApplication.focusWidget()))
    assert not main_window.strip.isAncestorOf(QApplication.focusWidget())


def test_undo_and_redo_show_the_page_record_and_field_they_change(qtbot, main_window,
                                                                  session):
    """Two new-user trials undid an edit of another member (or made elsewhere) and saw
    nothing change: Undo and Redo now go to it."""
    from ssa_wizard.model import Partner

    session.add_partner(Partner(id="x", name="Alpha", country="NL"))
    session.add_partner(Partner(id="y", name="Beta", country="DE"))
    a, b = (p.id for p in session.proposal.partners)
    partners = main_window.go_to("partners")
    partners.select_record(a)
    qtbot.keyClicks(partners.form.city_edit, "Utrecht")
    assert session.proposal.partner(a).city == "Utrecht"
    partners.select_record(b)
    project = main_window.go_to("project")
    qtbot.keyClicks(project.title_edit, "Groen")
    main_window.go_to("review")
    main_window.undo_action.trigger()  # the title, on the Project page
    assert session.proposal.project.title == ""
    assert main_window.current_key() == "project"
    assert project.title_edit.hasFocus()
    main_window.undo_action.trigger()  # Alpha's city, while Beta was chosen
    assert session.proposal.partner(a).city == ""
    assert main_window.current_key() == "partners"
    assert partners.current_id() == a and partners.form.city_edit.hasFocus()
    partners.select_record(b)
    main_window.redo_action.trigger()
    assert session.proposal.partner(a).city == "Utrecht" and partners.current_id() == a
