"""The verdict and the next step where the user always sees them, and the open points.

* ``WrapButton``: a flat push button whose text wraps (the next step in the panel): a
  real button, so it takes focus, answers Space and Enter, and a screen reader says
  "button" and its text.
* ``VerdictStrip``: the consortium panel folded into one line over the page
  ("✗ Not eligible · 3 things missing · Next: add a regulatory body in Belgium"), shown
  when the panel is hidden or the window is too narrow for it. Each part is a button:
  the verdict opens the panel, the count the open points, the step goes there.
* ``OpenPointsPopup``: every error and warning of the report, the next step first,
  each with Go to.

What they show is chosen in the core (``ssa_wizard.guidance``); texts are plain text.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QPalette
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QSizePolicy, QVBoxLayout, QWidget)

from ssa_wizard import guidance, messages
from ssa_wizard.i18n import _, ngettext
from ssa_wizard.rules import Finding, Report

from .findings import SEVERITY_COLOURS, severity_icon

GOOD, BAD, GREY = "#2e7d32", "#c62828", "#6b6b6b"


#: A flat button that reads like a line of text, with a visible focus frame. Its colour
#: is the palette's (``set_colour``): changing a palette is much cheaper than a style
#: sheet, and the verdict's colour changes with the report.
LINK_STYLE = ("QPushButton { text-align: left; border: 1px solid transparent; "
              "border-radius: 2px; padding: 1px 2px; background: transparent; }"
              "QPushButton:hover { text-decoration: underline; }"
              "QPushButton:focus { border: 1px dotted palette(highlight); }")


def make_link(button: QPushButton, bold: bool = False) -> None:
    button.setStyleSheet(LINK_STYLE)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    if bold:
        font = button.font()
        font.setBold(True)
        button.setFont(font)


def set_colour(widget: QWidget, colour: str | None) -> None:
    """Text in ``colour`` (None: the palette's own), set only when it changes."""
    if widget.property("text_colour") == colour:
        return
    widget.setProperty("text_colour", colour)
    palette = widget.palette()
    base = QApplication.palette(widget)
    for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        palette.setColor(role, QColor(colour) if colour else base.color(role))
    widget.setPalette(palette)


def verdict_text(report: Report) -> str:
    return "✓ " + _("Eligible") if report.eligible else "✗ " + _("Not eligible")


def missing_text(report: Report) -> str:
    """``3 things missing`` (the errors of the report), or ``Complete``."""
    if report.complete:
        return "✓ " + _("Complete")
    errors = report.count("error")
    return "✗ " + ngettext("{n} thing missing", "{n} things missing", errors).format(n=errors)


class WrapButton(QPushButton):
    """A flat button with a plain, word-wrapped text (``QPushButton`` cannot wrap).

    It is never lower than ``min_lines`` lines of text: a text that changes between one
    line and two then leaves what is under the button where it is (in the consortium
    panel: the grid, which would otherwise move and be redrawn whole on such a change).
    """

    def __init__(self, parent: QWidget | None = None, min_lines: int = 1):
        super().__init__(parent)
        self.min_lines = min_lines
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(3, 2, 3, 2)
        layout.addWidget(self.label)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_text(self, text: str, colour: str | None) -> None:
        # The label's least height, not an override of this button's: a layout asks a
        # widget with a layout of its own for that layout's height, not the widget's.
        least = self.min_lines * self.label.fontMetrics().lineSpacing()
        if self.label.minimumHeight() != least:
            self.label.setMinimumHeight(least)
        self.label.setText(text)
        set_colour(self.label, colour)
        self.setAccessibleName(text)
        self.updateGeometry()

    def text_shown(self) -> str:
        return self.label.text()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.layout().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.layout().minimumSize()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return self.layout().totalHeightForWidth(width)


class _ElidedButton(QPushButton):
    """A flat one-line button that shows as much of its text as fits (all of it in the
    tooltip and for a screen reader)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.full_text = ""
        make_link(self)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(60)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        self._elide()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = max(0, self.width() - 10)
        text = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, room)
        if text != self.text():
            self.setText(text.replace("&", "&&"))


class VerdictStrip(QFrame):
    """The consortium panel in one line: verdict · things missing · the next step."""

    panel_requested = Signal()
    open_points_requested = Signal()
    step_clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 1, 4, 1)
        layout.setSpacing(2)
        self.verdict_button = QPushButton(self)
        self.count_button = QPushButton(self)
        self.step_button = _ElidedButton(self)
        self.panel_button = QPushButton(self)
        for button in (self.verdict_button, self.count_button, self.panel_button):
            make_link(button, bold=button is not self.panel_button)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.separators = [QLabel("·", self), QLabel("·", self)]
        layout.addWidget(self.verdict_button)
        layout.addWidget(self.separators[0])
        layout.addWidget(self.count_button)
        layout.addWidget(self.separators[1])
        layout.addWidget(self.step_button, 1)
        layout.addWidget(self.panel_button)
        self.verdict_button.clicked.connect(self.panel_requested)
        self.panel_button.clicked.connect(self.panel_requested)
        self.count_button.clicked.connect(self.open_points_requested)
        self.step_button.clicked.connect(self.step_clicked)
        self._report: Report | None = None
        self._step_text = ""
        self._drawn: tuple | None = None
        self.retranslate()

    def show_state(self, report: Report, step_text: str) -> None:
        """Show the verdict of ``report`` and the next step, worded by the caller.

        While the strip is hidden (the panel is shown) it only keeps them, and draws
        when it is shown: a keystroke costs it nothing then."""
        self._report, self._step_text = report, step_text
        if self.isVisible():
            self._draw()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._draw()
        super().showEvent(event)

    def _draw(self, force: bool = False) -> None:
        report = self._report
        if report is None:
            return
        state = (report.eligible, report.complete, report.count("error"), self._step_text)
        if state == self._drawn and not force:
            return
        self._drawn = state
        self.verdict_button.setText(verdict_text(report))
        set_colour(self.verdict_button, GOOD if report.eligible else BAD)
        self.verdict_button.setAccessibleName(
            _("{verdict}: show the consortium panel").format(verdict=verdict_text(report)[2:]))
        self.count_button.setText(missing_text(report))
        set_colour(self.count_button, GOOD if report.complete else BAD)
        self.count_button.setAccessibleName(missing_text(report)[2:])
        set_colour(self.step_button, GREY if report.complete else None)
        self.step_button.set_full_text(self._step_text)

    def retranslate(self) -> None:
        self.setAccessibleName(_("Verdict and next step"))
        self.panel_button.setText(_("Consortium") + " ◂")
        self.panel_button.setToolTip(_("Show the consortium panel (F8)"))
        self.panel_button.setAccessibleName(_("Show the consortium panel"))
        self.count_button.setToolTip(_("List everything that is still open"))
        set_colour(self.panel_button, self.palette().color(QPalette.ColorRole.Link).name())
        self._draw(force=True)


class OpenPointsPopup(QFrame):
    """Every open point of a report (errors, then advice), each with Go to."""

    #: The user chose a point to go to.
    finding_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(self._activated)
        buttons = QHBoxLayout()
        self.go_button = QPushButton(self)
        self.close_button = QPushButton(self)
        buttons.addStretch(1)
        buttons.addWidget(self.go_button)
        buttons.addWidget(self.close_button)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.go_button.clicked.connect(lambda: self._activated(self.list.currentItem()))
        self.close_button.clicked.connect(self.close)
        self.list.currentItemChanged.connect(
            lambda item, _old: self.go_button.setEnabled(_finding(item) is not None))
        self.heading.setBuddy(self.list)

    def fill(self, report: Report, here: str | None) -> None:
        """List the open points of ``report``, worded for the page ``here``."""
        self.list.clear()
        points = guidance.open_points(report)
        errors = [f for f in points if f.severity == "error"]
        advice = [f for f in points if f.severity != "error"]
        self.heading.setText(_("Everything that is still open, the next step first. Go to "
                               "one with Enter or a double-click.") if errors or advice
                             else _("Nothing left to do: the proposal meets every rule."))
        for title, findings in ((ngettext("{n} thing missing", "{n} things missing",
                                          len(errors)).format(n=len(errors)), errors),
                                (ngettext("{n} piece of advice", "{n} pieces of advice",
                                          len(advice)).format(n=len(advice)), advice)):
            if not findings:
                continue
            header = QListWidgetItem(title)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self.list.addItem(header)
            for finding in findings:
                page = guidance.page_of(finding)
                text = messages.message(finding, here=here)
                if page != here:
                    text += " " + _("({page} page)").format(page=guidance.page_title(page))
                item = QListWidgetItem(severity_icon(finding.severity, self.list), text)
                item.setData(Qt.ItemDataRole.UserRole, finding)
                item.setForeground(QColor(SEVERITY_COLOURS[finding.severity]))
                item.setToolTip(text)
                self.list.addItem(item)
        first = next((i for i in range(self.list.count())
                      if _finding(self.list.item(i)) is not None), None)
        self.list.setCurrentRow(first if first is not None else -1)
        self.go_button.setEnabled(first is not None)
        self.retranslate()

    def findings(self) -> list[Finding]:
        """The points listed, in order."""
        found = (_finding(self.list.item(i)) for i in range(self.list.count()))
        return [f for f in found if f is not None]

    def item_of(self, finding: Finding) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            shown = _finding(self.list.item(i))
            if shown is not None and shown.key() == finding.key():
                return self.list.item(i)
        return None

    def popup_at(self, anchor: QWidget) -> None:
        """Show under ``anchor``, within the screen it is on, the cursor in the list."""
        screen = (anchor.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        width = min(max(560, anchor.width()), screen.width() - 16)
        height = min(420, screen.height() - 16)
        below = anchor.mapToGlobal(QPoint(0, anchor.height()))
        rect = QRect(below, QSize(width, height))
        rect.moveRight(min(rect.right(), screen.right() - 8))
        rect.moveLeft(max(rect.left(), screen.left() + 8))
        if rect.bottom() > screen.bottom() - 8:
            rect.moveBottom(anchor.mapToGlobal(QPoint(0, 0)).y())
        rect.moveTop(max(rect.top(), screen.top() + 8))
        self.setGeometry(rect)
        self.show()
        self.list.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def retranslate(self) -> None:
        self.setAccessibleName(_("Open points"))
        self.list.setAccessibleName(_("Open points"))
        self.go_button.setText(_("&Go to"))
        self.go_button.setAccessibleName(_("Go to the open point"))
        self.close_button.setText(_("Close"))

    def _activated(self, item: QListWidgetItem | None) -> None:
        finding = _finding(item)
        if finding is not None:
            self.close()
            self.finding_activated.emit(finding)


def _finding(item: QListWidgetItem | None) -> Finding | None:
    data = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
    return data if isinstance(data, Finding) else None
