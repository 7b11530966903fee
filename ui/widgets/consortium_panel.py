"""The consortium panel: the verdict, the minimums and the country x category grid.

It sits at the right of every page and redraws from each Report. Only what changed
is redrawn: the verdict and counts are a few labels, a grid row is touched only
when its country's status changed, and in it only the cells whose state changed
(colours through the palette, not style sheets); the next step keeps room for two
lines, so that a step of another length does not move the grid (which would
repaint every cell). A keystroke in a consortium of 1,000 members costs no more
here than in one of nine. Every cell has a symbol as well as a colour (✓ covered,
✗ missing, – exempt), and missing cells are buttons: clicking one (or Space on it)
asks to add that kind of organisation in that country.

Under the verdict, the count ("3 things missing") is a button that lists the open
points, and one line says the next step (chosen by ``ssa_wizard.guidance``), a button
that goes there. The line names the step's page only when the user is elsewhere: the
window tells the panel which page is shown (``set_page``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton,
                               QScrollArea, QSizePolicy, QToolButton, QVBoxLayout, QWidget)

from ssa_wizard import countries, guidance, labels, messages
from ssa_wizard.i18n import _
from ssa_wizard.model import TRIO
from ssa_wizard.rules import CountryStatus, Report

from .guidance import WrapButton, make_link, missing_text, set_colour

GOOD, BAD, GREY = "#2e7d32", "#c62828", "#6b6b6b"


def _colour(label: QWidget, colour: str, bold: bool = False) -> None:
    """Text in ``colour``, bold or not; only what changes is set. Through the palette and
    the font, not a style sheet: a new style sheet re-polishes the widget, and a cell
    that flips is redrawn on every keystroke that flips it."""
    set_colour(label, colour)
    if label.font().bold() != bold:
        font = label.font()
        font.setBold(bold)
        label.setFont(font)


class _Cell(QToolButton):
    """One cell of the grid: covered, missing or exempt."""

    def __init__(self, code: str, category: str, parent: QWidget):
        super().__init__(parent)
        self.code, self.category = code, category
        self.state = ""
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_state(self, state: str) -> None:
        if state == self.state:
            return  # a row is redrawn when one of its cells changed: not the others
        self.state = state
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if state == "missing"
                            else Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor if state == "missing"
                       else Qt.CursorShape.ArrowCursor)
        _colour(self, {"covered": GOOD, "missing": BAD}.get(state, GREY), bold=state != "exempt")
        self.retranslate()

    def retranslate(self) -> None:
        country = countries.name(self.code)
        category = labels.category(self.category)
        if self.state == "covered":
            self.setText("✓")
            tip = _("{country}: {category} present").format(country=country, category=category)
        elif self.state == "missing":
            self.setText("✗")
            tip = _("{country}: {category} missing. Click to add one on the Partners page.").format(
                country=country, category=category)
        else:
            self.setText(_("exempt"))
            tip = _("{country}: no {category} needed, because an umbrella organisation from "
                    "this country is a member").format(country=country, category=category)
        self.setToolTip(tip)
        self.setAccessibleName(tip)


class _Row:
    """The widgets of one country in the grid."""

    def __init__(self, parent: QWidget, clicked: Callable[[_Cell], None], status: CountryStatus):
        self.status = status
        self.name = QLabel(parent)
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.name.setWordWrap(False)  # explicit line breaks only: names stay on one line
        self.cells = [_Cell(status.code, category, parent) for category in TRIO]
        for cell in self.cells:
            cell.clicked.connect(lambda _checked=False, c=cell: clicked(c))
            cell.set_state(status.cell(cell.category))
        self._name()

    def widgets(self) -> list[QWidget]:
        return [self.name, *self.cells]

    def apply(self, status: CountryStatus) -> None:
        previous, self.status = self.status, status
        for cell in self.cells:
            cell.set_state(status.cell(cell.category))
        if (previous.code, previous.programme) != (status.code, status.programme):
            self._name()

    def retranslate(self) -> None:
        self._name()
        for cell in self.cells:
            cell.retranslate()

    def _name(self) -> None:
        """The country's name (what it shows depends on the code and ``programme`` only)."""
        status = self.status
        text = f"{countries.name(status.code)} ({countries.display_code(status.code)})"
        tip = text
        if not status.programme:
            text += "\n" + _("partner country")
            tip = _("{country} is a partner country: it does not count towards the "
                    "minimum of programme countries.").format(country=countries.name(status.code))
        self.name.setText(text)
        self.name.setToolTip(tip)
        self.name.setAccessibleName(tip)
        self.name.setStyleSheet("" if status.programme else f"color: {GREY}; font-style: italic;")

    def dispose(self) -> None:
        for widget in self.widgets():
            widget.hide()
            widget.deleteLater()


class ConsortiumPanel(QFrame):
    """Verdict, minimums and the grid of the latest Report."""

    #: A red cell was clicked: (ISO country code, category code).
    missing_cell_clicked = Signal(str, str)
    #: The next step was clicked: the ``guidance.Step`` (never None).
    next_step_clicked = Signal(object)
    #: "N things missing" was clicked: list the open points.
    open_points_requested = Signal()
    #: The hide button was clicked.
    hide_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._report: Report | None = None
        self._rows: dict[str, _Row] = {}
        self._order: list[str] = []
        #: The next step of the latest report (None: nothing left to do).
        self.step: guidance.Step | None = None
        self._here: str | None = None
        self._step_text = ""

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-weight: bold; font-size: 12pt;")
        self.hide_button = QToolButton(self)
        self.hide_button.setAutoRaise(True)
        self.hide_button.setText("»")
        top.addWidget(self.heading, 1)
        top.addWidget(self.hide_button)
        self.hide_button.clicked.connect(self.hide_requested)
        self.eligible_label = QLabel(self)
        self.eligible_label.setTextFormat(Qt.TextFormat.PlainText)
        self.eligible_label.setWordWrap(True)
        # A button: it lists the open points.
        self.complete_label = QPushButton(self)
        make_link(self.complete_label, bold=True)
        self.complete_label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.complete_label.clicked.connect(self.open_points_requested)
        # Two lines, the usual length of a step: the grid stays put when it changes.
        self.next_step_button = WrapButton(self, min_lines=2)
        self.next_step_button.clicked.connect(self._step_clicked)
        self.count_labels = {key: QLabel(self) for key in ("countries", "eu_member_states", "full_participants")}
        layout.addLayout(top)
        layout.addWidget(self.eligible_label)
        layout.addWidget(self.complete_label)
        layout.addWidget(self.next_step_button)
        self.minimums_heading = QLabel(self)
        self.minimums_heading.setStyleSheet("font-weight: bold;")
        layout.addSpacing(6)
        layout.addWidget(self.minimums_heading)
        for label in self.count_labels.values():
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            layout.addWidget(label)

        self.grid_heading = QLabel(self)
        self.grid_heading.setStyleSheet("font-weight: bold;")
        self.grid_heading.setWordWrap(True)
        layout.addSpacing(6)
        layout.addWidget(self.grid_heading)
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet(f"color: {GREY}; font-size: 8pt;")
        layout.addWidget(self.legend)

        self._grid_widget = QWidget()
        self._grid = QGridLayout(self._grid_widget)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(4)
        self._grid.setVerticalSpacing(2)
        self._grid.setColumnStretch(0, 5)
        self.category_headers = []
        for column, _category in enumerate(TRIO, start=1):
            header = QLabel(self._grid_widget)
            header.setWordWrap(True)
            header.setAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignBottom)
            header.setStyleSheet("font-size: 8pt;")
            self._grid.addWidget(header, 0, column)
            self._grid.setColumnStretch(column, 3)
            self.category_headers.append(header)
        self.empty_label = QLabel(self._grid_widget)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet(f"color: {GREY};")
        self._grid.addWidget(self.empty_label, 1, 0, 1, 4)
        # The row below the last country takes the spare height, so the grid stays
        # at the top whether it has no country or thirty.
        self._stretch_row = 2
        self._grid.setRowStretch(self._stretch_row, 1)

        self._scroll = QScrollArea(self)
        self._scroll.setWidget(self._grid_widget)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self._scroll, 1)
        self.retranslate()

    # --- drawing ---------------------------------------------------------------------

    def show_report(self, report: Report) -> None:
        """Redraw from ``report``, touching only what changed."""
        previous = self._report
        self._report = report
        if previous is None or (previous.eligible, previous.complete, previous.count("error")) != (
                report.eligible, report.complete, report.count("error")):
            self._draw_verdict()
        if previous is None or _counts(previous) != _counts(report):
            self._draw_counts()
        self.step = guidance.next_step(report)
        self._draw_step()
        self._draw_grid(report.consortium.countries)

    def set_page(self, key: str | None) -> None:
        """The page the user sees: the next step names its page only when it is another."""
        if key != self._here:
            self._here = key
            self._draw_step()

    def step_text(self) -> str:
        """The next step as shown ("Next: add a regulatory body in Belgium.")."""
        return self._step_text

    def _draw_step(self) -> None:
        if self._report is None:
            return
        text = messages.step_text(self.step, here=self._here)
        if text == self._step_text:
            return
        self._step_text = text
        self.next_step_button.set_text(text, GREY if self.step is None else None)
        self.next_step_button.setEnabled(self.step is not None)
        self.next_step_button.setToolTip(
            _("Click to go there") if self.step is not None else "")

    def _step_clicked(self) -> None:
        if self.step is not None:
            self.next_step_clicked.emit(self.step)

    def _draw_verdict(self) -> None:
        report = self._report
        if report is None:
            return
        if report.eligible:
            self.eligible_label.setText("✓ " + _("Eligible"))
            _colour(self.eligible_label, GOOD, bold=True)
        else:
            self.eligible_label.setText("✗ " + _("Not eligible"))
            _colour(self.eligible_label, BAD, bold=True)
        self.complete_label.setText(missing_text(report))
        set_colour(self.complete_label, GOOD if report.complete else BAD)
        for label in (self.eligible_label, self.complete_label):
            label.setAccessibleName(label.text()[2:])

    def _draw_counts(self) -> None:
        report = self._report
        if report is None:
            return
        texts = {
            "countries": _("Programme countries: {count} of at least {minimum}"),
            "eu_member_states": _("EU Member States: {count} of at least {minimum}"),
            "full_participants": _("Full participants: {count} of at least {minimum}"),
        }
        for minimum in report.consortium.minimums:
            label = self.count_labels[minimum.key]
            label.setText(("✓ " if minimum.met else "✗ ")
                          + texts[minimum.key].format(count=minimum.count, minimum=minimum.minimum))
            label.setAccessibleName(label.text()[2:])
            _colour(label, GOOD if minimum.met else BAD)

    def _draw_grid(self, statuses: tuple[CountryStatus, ...]) -> None:
        codes = [s.code for s in statuses]
        for code in set(self._rows) - set(codes):
            self._rows.pop(code).dispose()
        for status in statuses:
            row = self._rows.get(status.code)
            if row is None:
                self._rows[status.code] = _Row(self._grid_widget, self._cell_clicked, status)
            elif row.status != status:
                row.apply(status)
        if codes != self._order:
            self._order = codes
            for index, code in enumerate(codes, start=1):
                for column, widget in enumerate(self._rows[code].widgets()):
                    self._grid.addWidget(widget, index, column)
                    widget.show()
            self._grid.setRowStretch(self._stretch_row, 0)
            self._stretch_row = max(len(codes) + 1, 2)
            self._grid.setRowStretch(self._stretch_row, 1)
            self.empty_label.setVisible(not codes)

    def _cell_clicked(self, cell: _Cell) -> None:
        if cell.state == "missing":
            self.missing_cell_clicked.emit(cell.code, cell.category)

    # --- reading, for tests and screen readers -------------------------------------------

    def cell_state(self, code: str, category: str) -> str | None:
        """``covered``, ``missing`` or ``exempt``; None when the country is not shown."""
        row = self._rows.get(code)
        if row is None:
            return None
        return next(c.state for c in row.cells if c.category == category)

    def cell(self, code: str, category: str) -> QToolButton | None:
        row = self._rows.get(code)
        return None if row is None else next(c for c in row.cells if c.category == category)

    def shown_countries(self) -> list[str]:
        return list(self._order)

    def row_label(self, code: str) -> QLabel | None:
        row = self._rows.get(code)
        return None if row is None else row.name

    # --- language -------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setAccessibleName(_("Consortium"))
        self.heading.setText(_("Consortium"))
        self.hide_button.setToolTip(_("Hide the consortium panel (F8)"))
        self.hide_button.setAccessibleName(_("Hide the consortium panel"))
        self.complete_label.setToolTip(_("List everything that is still open"))
        self._step_text = ""  # re-worded below
        self.minimums_heading.setText(_("Minimums"))
        self.grid_heading.setText(_("Categories in each country"))
        self.empty_label.setText(_("No countries yet. Add members on the Partners page."))
        # Short column names: the full ones ("Bedrijfstakspecifieke expertise") do not
        # fit three abreast; the full name is the tooltip and what a screen reader says.
        short = {"vet_provider": _("VET"), "sector_expertise": _("Sector"),
                 "regulatory_body": _("Regulator")}
        for header, category in zip(self.category_headers, TRIO, strict=True):
            header.setText(short[category])
            header.setToolTip(f"{labels.category(category)}: {labels.category_description(category)}")
            header.setAccessibleName(labels.category(category))
        self.legend.setText(_("VET: VET provider. Sector: sector expertise. Regulator: "
                              "regulatory body. ✓ present, ✗ missing (click to add), exempt: "
                              "an umbrella organisation covers this country."))
        self._scroll.setAccessibleName(_("Categories in each country"))
        for row in self._rows.values():
            row.retranslate()
        self._draw_verdict()
        self._draw_counts()
        self._draw_step()


def _counts(report: Report) -> tuple[int, int, int, int, int, int]:
    c = report.consortium
    return (c.programme_countries, c.eu_member_states, c.full_participants,
            c.minimum_countries, c.minimum_eu_member_states, c.minimum_full_participants)
