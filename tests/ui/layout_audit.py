"""A layout audit: does every page of the window fit a given window size?

``audit_pages(window, size, ...)`` resizes the real window, shows each wizard page
in turn and walks every visible widget of the wizard (the page, its title, the
Back/Next buttons); it returns the problems it found, one line each, naming the
page, the widget and what is wrong. A page added to ``PAGES`` is audited without
anything else to do. The checks are those of issue #12:

* the window is no wider or taller than the size it was given (a page whose
  minimum size is larger forces it to grow);
* a label, button, check box or group box whose text is wider than the widget
  (measured with the widget's own ``fontMetrics``, or for a button its size hint,
  which is its text and the style's margins); a word-wrapped label (or check box)
  is cut when it is lower than its text needs at its width, or when one word of
  it is wider than it; a spin box narrower than its longest text ("not set");
  a widget that elides on purpose says so with the property ``elides`` and
  carries the whole text in its tooltip;
* an input (line, text box, combo box, spin box, list, table) narrower than
  ``MIN_INPUT_WIDTH``, or not wholly inside the window: only a vertical scroll
  area may hide part of it (the user scrolls down to it), never a horizontal cut;
* a form (a ``QScrollArea``) with a visible horizontal scroll bar, or whose
  content is wider than its viewport (the scroll bar is switched off, but the
  content is still cut).

``collapse_side_panels(window)`` folds the page list and the consortium panel, as the
window does by itself when it is narrow: the page gets the whole width but for the
numbers of the pages and the one-line verdict strip.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QRect, QSize, Qt
from PySide6 import QtGui
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractScrollArea,
                               QAbstractSpinBox, QApplication, QComboBox, QGroupBox, QLabel,
                               QLineEdit, QMenu, QPlainTextEdit, QScrollArea, QScrollBar,
                               QTextEdit, QWidget)

#: The sizes of issue #12: a maximised window on 1366x768 at 125%, 1920x1080 at 150%,
#: 1366x768 at 100%. Whether the side panels are shown at each: at 1093 px the
#: window collapses them; the larger sizes must work with them shown.
SIZES = {(1093, 560): False, (1280, 650): True, (1366, 700): True}
#: Below this an input is too narrow to type into or read.
MIN_INPUT_WIDTH = 60
#: Anti-aliasing and rounding: a text this much wider than its room is not cut.
_SLACK = 1

_INPUTS = (QLineEdit, QAbstractSpinBox, QComboBox, QPlainTextEdit, QTextEdit,
           QAbstractItemView)


def settle() -> None:
    """Let posted layout requests and resizes run, as the event loop would."""
    app = QApplication.instance()
    for _ in range(3):
        app.processEvents()


def collapse_side_panels(window, collapsed: bool = True) -> None:
    """Fold (or show again) the page list and the consortium panel, as F8 and
    Shift+F8 do (the window's own mechanism, so the audit sees what a user sees)."""
    if window.panel_shown() == collapsed:
        window.toggle_panel()
    if window.page_names_shown() == collapsed:
        window.toggle_page_names()


def describe(widget: QWidget) -> str:
    """A widget as a person finds it: its class and its name or text."""
    name = widget.accessibleName() or widget.objectName()
    if not name and isinstance(widget, QAbstractButton | QLabel | QLineEdit):
        name = widget.text()
    if not name and isinstance(widget, QGroupBox):
        name = widget.title()
    if not name and isinstance(widget, QLabel) and widget.buddy() is not None:
        name = "label of " + describe(widget.buddy())
    name = str(name or "").replace("\n", " ")
    if len(name) > 50:
        name = name[:47] + "…"
    return f"{type(widget).__name__} {name!r}"


def _visible_text(text: str) -> str:
    """A widget's text as drawn: mnemonics (``&``) gone, ``&&`` one ampersand."""
    return re.sub(r"&(.)", r"\1", text)


def _text_width(metrics: QFontMetrics, text: str) -> int:
    return max((metrics.horizontalAdvance(line) for line in _visible_text(text).split("\n")),
               default=0)


def _elides_on_purpose(widget: QWidget) -> bool:
    return bool(widget.property("elides")) and bool(widget.toolTip())


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text or label.pixmap() is not None and not label.pixmap().isNull():
        return None
    if label.textFormat() == Qt.TextFormat.RichText or (
            label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)):
        text = re.sub(r"<[^>]+>", "", text)
    if _elides_on_purpose(label):
        return None
    room = label.contentsRect().width() - 2 * label.margin() - max(label.indent(), 0)
    metrics = label.fontMetrics()
    if label.wordWrap():
        words = _visible_text(text).split()
        widest = max((metrics.horizontalAdvance(word) for word in words), default=0)
        if widest > room + _SLACK:
            return f"a word needs {widest} px, the wrapping label has {room}"
        needed = label.heightForWidth(label.width())
        if needed > label.height() + _SLACK:
            return f"wraps to {needed} px high, has {label.height()}"
        return None
    needed = _text_width(metrics, text)
    if needed > room + _SLACK:
        return f"text needs {needed} px, has {room}"
    return None


def _button_problem(button: QAbstractButton) -> str | None:
    if not button.text() or _elides_on_purpose(button):
        return None
    if button.hasHeightForWidth():  # its text wraps (WrappingCheckBox)
        needed = button.minimumSizeHint().width()
        if needed > button.width() + _SLACK:
            return f"its longest word needs {needed} px, has {button.width()}"
        high = button.heightForWidth(button.width())
        if high > button.height() + _SLACK:
            return f"wraps to {high} px high, has {button.height()}"
        return None
    # A button's size hint is its text, icon, indicator and the style's margins.
    needed = button.sizeHint().width()
    if needed > button.width() + _SLACK:
        return f"text needs {needed} px, has {button.width()}"
    return None


def _spin_problem(spin: QAbstractSpinBox) -> str | None:
    # Its minimum size hint holds its longest text ("not set", "36 months").
    needed = spin.minimumSizeHint().width()
    if needed > spin.width() + _SLACK:
        return f"its text needs {needed} px, has {spin.width()}"
    return None


def _group_problem(box: QGroupBox) -> str | None:
    if not box.title():
        return None
    needed = _text_width(box.fontMetrics(), box.title()) + 2 * box.fontMetrics().height()
    if needed > box.width() + _SLACK:
        return f"title needs {needed} px, has {box.width()}"
    return None


def _reachable_rect(widget: QWidget, window: QWidget) -> tuple[QRect, QRect]:
    """What of the widget must be on screen, and what a user can bring on screen, in
    window coordinates: cut by every ancestor, except that inside a vertically
    scrolling area any part can be scrolled into the area's viewport (which then
    stands for it vertically), while the sides are cut."""
    rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
    expected, reachable = QRect(rect), QRect(rect)
    child = widget
    parent = widget.parentWidget()
    while parent is not None and child is not window:
        bounds = QRect(parent.mapTo(window, parent.rect().topLeft()), parent.size())
        area = parent.parentWidget()
        if (isinstance(area, QScrollArea) and parent is area.viewport()
                and area.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff):
            expected = QRect(expected.left(), bounds.top(), expected.width(), bounds.height())
            reachable = QRect(reachable.left(), bounds.top(), reachable.width(),
                              bounds.height() if reachable.height() > 0 else 0)
        reachable = reachable.intersected(bounds)
        child, parent = parent, parent.parentWidget()
    return expected, reachable


def _inside_item_view(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QAbstractItemView, QMenu)):
            return True
        parent = parent.parentWidget()
    return False


def _widgets(root: QWidget) -> Iterable[QWidget]:
    for widget in root.findChildren(QWidget):
        if (widget.isVisible() and not widget.isWindow() and widget.width() > 0
                and not isinstance(widget, (QScrollBar, QMenu))
                and not _inside_item_view(widget)):
            yield widget


def audit_widgets(root: QWidget, window: QWidget) -> list[str]:
    """The problems of the visible widgets under ``root``, shown in ``window``."""
    problems = []
    for widget in _widgets(root):
        problem = None
        if isinstance(widget, QLabel):
            problem = _label_problem(widget)
        elif isinstance(widget, QAbstractButton):
            problem = _button_problem(widget)
        elif isinstance(widget, QGroupBox):
            problem = _group_problem(widget)
        elif isinstance(widget, QAbstractSpinBox):
            problem = _spin_problem(widget)
        if problem:
            problems.append(f"{describe(widget)}: {problem}")
        if isinstance(widget, _INPUTS) and not isinstance(widget.parentWidget(),
                                                           QAbstractSpinBox | QComboBox):
            if widget.width() < MIN_INPUT_WIDTH:
                problems.append(f"{describe(widget)}: input only {widget.width()} px wide")
            expected, reachable = _reachable_rect(widget, window)
            if reachable != expected:
                problems.append(f"{describe(widget)}: input at {expected.getRect()} can only "
                                f"be reached at {reachable.getRect()}")
        if isinstance(widget, QScrollArea) and widget.widget() is not None:
            if widget.horizontalScrollBar().isVisible():
                problems.append(f"{describe(widget)}: the form scrolls sideways")
            elif widget.widget().width() > widget.viewport().width() + _SLACK:
                problems.append(f"{describe(widget)}: the form is {widget.widget().width()} px "
                                f"wide in {widget.viewport().width()} px, cut at the side")
        elif (isinstance(widget, QAbstractScrollArea) and not isinstance(widget,
                                                                          QAbstractItemView)
              and widget.horizontalScrollBar().isVisible()
              and not isinstance(widget, QPlainTextEdit | QTextEdit)):
            problems.append(f"{describe(widget)}: scrolls sideways")
    return problems


def audit_pages(window, size: tuple[int, int], *, panels_shown: bool,
                pages: Iterable[str] | None = None) -> list[str]:
    """Resize ``window`` to ``size``, show each page, and return every problem found."""
    from ui.wizard.base import PAGES

    width, height = size
    window.resize(width, height)
    settle()
    collapse_side_panels(window, not panels_shown)
    settle()
    problems = []
    for key in pages or PAGES:
        window.go_to(key)
        window.resize(width, height)
        settle()
        where = f"{width}x{height} {key}"
        if window.width() > width or window.height() > height:
            minimum = window.minimumSizeHint()
            problems.append(f"{where}: the window is {window.width()}x{window.height()} "
                            f"(it needs at least {minimum.width()}x{minimum.height()})")
        problems += [f"{where}: {p}" for p in audit_widgets(window.wizard, window)]
    return problems


def fits(window, size: QSize | tuple[int, int]) -> bool:
    """Whether the window is no larger than ``size``."""
    width, height = size.toTuple() if isinstance(size, QSize) else size
    return window.width() <= width and window.height() <= height
