"""What the page tests share: showing a page alone, and choosing or retyping like a user."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from ssa_wizard.model import Proposal
from ui.session import Session

# Popups (the country completer, combo lists) make the offscreen platform say it
# cannot raise them or grab the keyboard. A marker on each test, because the shared
# conftest puts its own marker on every item, which hides a module-level one.
offscreen = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard",
    "This plugin does not support propagateSizeHints")


def show_page(qtbot, page_class, proposal: Proposal):
    """``page_class`` on a new session of ``proposal``, shown at 1000 x 600; (page, session)."""
    session = Session(proposal)
    page = page_class(session)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    return page, session


def choose(qtbot, combo: QComboBox, data: str) -> None:
    """Pick an item by keyboard, as a user would (Home, then Down until it is shown)."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == data:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data


def retype(qtbot, widget: QWidget, text: str) -> None:
    """Put the cursor in ``widget``, select what is there and type ``text`` over it."""
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)
