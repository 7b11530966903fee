"""A date typed the way the user writes it, never rewritten, with what it was read as.

``QDateEdit`` with a fixed format silently ignores or reorders what a Dutch user
types (``01-11-2015`` became 2015-01-11). ``DateField`` is a plain line edit: the
user types in the UI language's form (``dd-mm-jjjj`` in Dutch, ``dd/mm/yyyy`` in
English) or in ISO form (``2015-11-01``); a label beside it says at once what the
program understood ("1 november 2015"), or why it cannot read it. A date that
does not exist (``31-02-2015``) is flagged there, the text stays as typed, and the
stored date is not changed. The calendar button opens a calendar in the UI language.

``parse_date`` is the reading itself, without Qt, so it is easy to test.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCalendarWidget, QHBoxLayout, QLabel, QLineEdit, QMenu,
                               QToolButton, QVBoxLayout, QWidget, QWidgetAction)

from ssa_wizard import i18n
from ssa_wizard.i18n import _

from .findings import SEVERITY_COLOURS

#: How each UI language writes a date (a ``QDate.toString`` format).
DISPLAY_FORMATS = {"nl": "dd-MM-yyyy", "en": "dd/MM/yyyy"}

_SEPARATORS = r"[-/. ]"
_DAY_FIRST = re.compile(rf"(\d{{1,2}}){_SEPARATORS}(\d{{1,2}}){_SEPARATORS}(\d{{4}})")
_YEAR_FIRST = re.compile(rf"(\d{{4}}){_SEPARATORS}(\d{{1,2}}){_SEPARATORS}(\d{{1,2}})")
_DIGITS = re.compile(r"\d{8}")


@dataclass(frozen=True)
class Reading:
    """What a typed date was read as: a date, nothing (empty), or a problem."""

    date: _dt.date | None = None
    #: "" (read, or empty), "impossible" (such a day does not exist) or "unreadable".
    problem: str = ""
    #: For "impossible": the numbers typed (day, month, year).
    parts: tuple[int, int, int] | None = None

    @property
    def empty(self) -> bool:
        return self.date is None and not self.problem


def parse_date(text: str) -> Reading:
    """Read ``text`` as a day-first date (any of ``- / .``), an ISO date or 8 digits.

    ``01-11-2015``, ``1-11-2015``, ``1/11/2015``, ``2015-11-01`` and ``01112015``
    are all 1 November 2015. Two-digit years are not guessed.
    """
    text = text.strip()
    if not text:
        return Reading()
    candidates: list[tuple[int, int, int]] = []
    if match := _DAY_FIRST.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
        candidates.append((day, month, year))
    elif match := _YEAR_FIRST.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
        candidates.append((day, month, year))
    elif _DIGITS.fullmatch(text):
        # 20151101 (ISO without dashes) when it starts like a year, else 01112015.
        if text[:2] in ("19", "20"):
            candidates.append((int(text[6:]), int(text[4:6]), int(text[:4])))
        candidates.append((int(text[:2]), int(text[2:4]), int(text[4:])))
    if not candidates:
        return Reading(problem="unreadable")
    for day, month, year in candidates:
        try:
            return Reading(date=_dt.date(year, month, day))
        except ValueError:
            continue
    return Reading(problem="impossible", parts=candidates[0])


def display_format(lang: str | None = None) -> str:
    return DISPLAY_FORMATS.get(lang or i18n.current_language(), DISPLAY_FORMATS["en"])


def format_date(day: _dt.date, lang: str | None = None) -> str:
    """``day`` as the UI language writes it: ``01-11-2015`` in Dutch."""
    return QDate(day.year, day.month, day.day).toString(display_format(lang))


def long_date(day: _dt.date) -> str:
    """``1 november 2015``: the date in words, in the UI language."""
    return QLocale(i18n.current_language()).toString(QDate(day.year, day.month, day.day),
                                                     "d MMMM yyyy")


def describe(reading: Reading) -> str:
    """What the label beside the field says about ``reading``."""
    if reading.date is not None:
        return long_date(reading.date)
    if reading.problem == "impossible" and reading.parts is not None:
        day, month, year = reading.parts
        if 1 <= month <= 12:
            month_name = QLocale(i18n.current_language()).monthName(month)
            return _("There is no {day} {month} {year}: check the day.").format(
                day=day, month=month_name, year=year)
        return _("There is no month {month}: check the month (1 to 12).").format(month=month)
    if reading.problem:
        return _("Not a date. Type it as {form}, for example {example}.").format(
            form=_("dd/mm/yyyy"), example=format_date(_dt.date(2015, 11, 1)))
    return ""


class DateField(QWidget):
    """A line edit for a date, the date it was read as, and a calendar button.

    ``date_edited`` carries the ISO date (or "" when emptied) whenever the text reads
    as a date; an unreadable or impossible text emits nothing, so the stored date
    stays. ``set_iso`` shows a stored date, but never overwrites what the user typed
    while it is still the date this field last agreed on.
    """

    date_edited = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._iso = ""  # the stored date this field shows or last reported
        self.line = QLineEdit(self)
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("00-00-00000") + 16)
        self.line.setMaximumWidth(160)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setArrowType(Qt.ArrowType.DownArrow)  # drawn by the style
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar_menu = QMenu(self.calendar_button)
        self.calendar_menu.aboutToShow.connect(self._prepare_calendar)
        self.calendar = QCalendarWidget(self.calendar_menu)
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        holder = QWidgetAction(self.calendar_menu)
        holder.setDefaultWidget(self.calendar)
        self.calendar_menu.addAction(holder)
        self.calendar_button.setMenu(self.calendar_menu)
        # Not on the Tab path: a new-user trial tabbed from the date to the button and
        # typed the summary into it, which opened the calendar and lost the letters.
        # From the keyboard, Alt+Down or F4 in the date opens the calendar.
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for keys in ("Alt+Down", "F4"):
            QShortcut(QKeySequence(keys), self.line, self.open_calendar,
                      context=Qt.ShortcutContext.WidgetShortcut)
        self.understood = QLabel(self)
        self.understood.setTextFormat(Qt.TextFormat.PlainText)
        self.understood.setWordWrap(True)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line)
        row.addWidget(self.calendar_button)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.understood)
        self.setFocusProxy(self.line)
        self.line.textEdited.connect(self._typed)
        self.retranslate()

    # --- what the field holds ------------------------------------------------------------

    def reading(self) -> Reading:
        return parse_date(self.line.text())

    def iso(self) -> str:
        """The date this field agrees with the proposal on (ISO, or "" for none)."""
        return self._iso

    def has_problem(self) -> bool:
        return bool(self.reading().problem)

    def unstored_text(self) -> str | None:
        """The typed text when it is no date the proposal could hold (it keeps the one
        before): what saving would not write."""
        return self.line.text().strip() if self.has_problem() else None

    def set_iso(self, iso: str) -> None:
        """Show the stored date ``iso``, unless the field already stands for it."""
        if iso == self._iso:
            return
        self._iso = iso
        self._show_stored()

    def _show_stored(self) -> None:
        text = ""
        if self._iso:
            try:
                text = format_date(_dt.date.fromisoformat(self._iso))
            except ValueError:
                text = self._iso  # a file's odd value: shown as it is, never dropped
        if self.line.text() != text:
            self.line.setText(text)
        self._describe()

    def _typed(self, _text: str) -> None:
        reading = self._describe()
        if reading.problem:
            return  # flagged beside the field; the stored date stays as it was
        iso = reading.date.isoformat() if reading.date is not None else ""
        if iso != self._iso:
            self._iso = iso
            self.date_edited.emit(iso)

    def _describe(self) -> Reading:
        reading = self.reading()
        self.understood.setText(describe(reading))
        colour = SEVERITY_COLOURS["error"] if reading.problem else "palette(mid)"
        self.understood.setStyleSheet(f"color: {colour};")
        self.understood.setVisible(bool(self.understood.text()))
        return reading

    # --- the calendar ---------------------------------------------------------------------

    def open_calendar(self) -> None:
        """Show the calendar under the field, with the keyboard in it."""
        self.calendar_menu.popup(self.calendar_button.mapToGlobal(
            QPoint(0, self.calendar_button.height())))
        self.calendar.setFocus()

    def _prepare_calendar(self) -> None:
        # Made to speak the language shown now (the user may have switched since).
        self.calendar.setLocale(QLocale(i18n.current_language()))
        day = self.reading().date or (_dt.date.fromisoformat(self._iso) if self._is_iso() else None)
        if day is not None:
            self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _is_iso(self) -> bool:
        try:
            _dt.date.fromisoformat(self._iso)
        except ValueError:
            return False
        return bool(self._iso)

    def _picked(self, date: QDate) -> None:
        self.calendar_menu.hide()
        self.line.setText(date.toString(display_format()))
        self._typed(self.line.text())
        self.line.setFocus()

    def retranslate(self) -> None:
        self.line.setPlaceholderText(_("dd/mm/yyyy"))
        self.calendar_button.setToolTip(_("Choose the date in a calendar (Alt+Down)"))
        self.calendar_button.setAccessibleName(_("Calendar"))
        # A date the field agrees on is re-written in the new language's form.
        reading = self.reading()
        if reading.date is not None and reading.date.isoformat() == self._iso:
            self.line.setText(format_date(reading.date))
        self._describe()
