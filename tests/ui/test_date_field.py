"""Dates typed as the user writes them: read, shown in words, never rewritten."""

from __future__ import annotations

import datetime as _dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from ssa_wizard import i18n
from ssa_wizard.model import Proposal
from ui.widgets.date_field import DateField, parse_date
from ui.wizard.project_page import ProjectPage

from .pages import offscreen, retype, show_page


@pytest.mark.parametrize("text", ["01-11-2015", "1-11-2015", "2015-11-01", "1/11/2015",
                                  "01.11.2015", " 01-11-2015 ", "01112015", "20151101"])
def test_the_forms_a_user_types_all_read_as_the_same_day(text):
    assert parse_date(text).date == _dt.date(2015, 11, 1)


@pytest.mark.parametrize("text,problem", [("31-02-2015", "impossible"), ("2015-02-31", "impossible"),
                                          ("01-13-2015", "impossible"), ("1-11-15", "unreadable"),
                                          ("tomorrow", "unreadable"), ("", "")])
def test_impossible_and_unreadable_dates_are_not_guessed(text, problem):
    reading = parse_date(text)
    assert reading.date is None
    assert reading.problem == problem


@offscreen
@pytest.mark.parametrize("text", ["01-11-2015", "1-11-2015", "2015-11-01"])
def test_dutch_typing_gives_1_november_2015_and_says_so_before_leaving(qtbot, dutch, text):
    page, session = show_page(qtbot, ProjectPage, Proposal.new())
    field = page.date_edit
    left = []
    field.line.editingFinished.connect(lambda: left.append(True))
    retype(qtbot, field.line, text)
    assert session.proposal.project.start_date == "2015-11-01"
    assert not left  # not left yet, and already shown in words
    assert field.understood.isVisibleTo(page)
    assert field.understood.text() == "1 november 2015"
    assert field.line.text() == text  # never rewritten


@offscreen
def test_an_impossible_date_is_flagged_and_the_stored_date_stays(qtbot, dutch):
    proposal = Proposal.new()
    proposal.project.start_date = "2015-11-01"
    page, session = show_page(qtbot, ProjectPage, proposal)
    field = page.date_edit
    assert field.line.text() == "01-11-2015"  # shown the Dutch way
    retype(qtbot, field.line, "31-02-2015")
    assert session.proposal.project.start_date == "2015-11-01"
    assert field.line.text() == "31-02-2015"
    assert "31 februari 2015" in field.understood.text()
    # Another edit elsewhere re-fills the page: what was typed stays in the field.
    retype(qtbot, page.title_edit, "Groen")
    assert field.line.text() == "31-02-2015"
    assert field.has_problem()
    # Corrected: stored, one undo step back to the original date.
    retype(qtbot, field.line, "28-02-2015")
    assert session.proposal.project.start_date == "2015-02-28"
    session.undo_stack.undo()
    assert session.proposal.project.start_date == "2015-11-01"
    assert field.line.text() == "01-11-2015"


@offscreen
def test_emptying_the_field_means_not_known_and_undo_brings_the_date_back(qtbot):
    proposal = Proposal.new()
    proposal.project.start_date = "2027-03-01"
    page, session = show_page(qtbot, ProjectPage, proposal)
    assert page.date_edit.line.text() == "01/03/2027"
    assert page.date_edit.understood.text() == "1 March 2027"
    retype(qtbot, page.date_edit.line, "")
    page.date_edit.line.clear()
    qtbot.keyClicks(page.date_edit.line, " ")
    assert session.proposal.project.start_date == ""
    session.undo_stack.undo()
    assert session.proposal.project.start_date == "2027-03-01"
    assert page.date_edit.line.text() == "01/03/2027"


@offscreen
def test_the_calendar_speaks_the_ui_language_and_fills_the_field(qtbot, dutch):
    field = DateField()
    qtbot.addWidget(field)
    field.show()
    field.calendar_menu.aboutToShow.emit()
    assert field.calendar.locale().language() == field.calendar.locale().Language.Dutch
    field.calendar.clicked.emit(QDate(2016, 1, 4))
    assert field.line.text() == "04-01-2016"
    assert field.iso() == "2016-01-04"


@offscreen
def test_switching_language_rewrites_an_agreed_date_in_the_new_form(qtbot, dutch):
    field = DateField()
    qtbot.addWidget(field)
    field.set_iso("2015-11-01")
    assert field.line.text() == "01-11-2015"
    i18n.set_language("en")
    field.retranslate()
    assert field.line.text() == "01/11/2015"
    assert field.understood.text() == "1 November 2015"


@offscreen
def test_tab_leaves_the_date_for_the_next_field_and_alt_down_opens_the_calendar(qtbot):
    """A new-user trial tabbed from the date to the calendar button and typed the
    summary into it: the button is not on the Tab path; Alt+Down opens the calendar."""
    page, session = show_page(qtbot, ProjectPage, Proposal.new())
    field = page.date_edit
    field.line.setFocus()
    qtbot.keyClick(field.line, Qt.Key.Key_Tab)
    assert not field.calendar_button.hasFocus()
    assert not field.isAncestorOf(QApplication.focusWidget())
    field.line.setFocus()
    qtbot.waitUntil(field.line.hasFocus)
    qtbot.keyClick(field.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(field.calendar_menu.isVisible)
    assert field.calendar.hasFocus() or field.calendar.isAncestorOf(QApplication.focusWidget())
    field.calendar.setSelectedDate(QDate(2027, 3, 1))
    field.calendar.activated.emit(QDate(2027, 3, 1))
    assert not field.calendar_menu.isVisible()
    assert session.proposal.project.start_date == "2027-03-01"
