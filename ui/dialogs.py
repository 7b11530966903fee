"""The one service through which the program asks the user something modal.

Every message box and file dialog goes through ``Dialogs``; tests replace it with
a scripted stand-in (``tests/ui``) instead of patching Qt classes. Texts are shown
as plain text, since they may contain partner names or file names.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class Dialogs:
    """Modal questions and file choosers, shown over ``parent``."""

    def __init__(self, parent: QWidget | None = None):
        self.parent = parent

    def _box(self, icon: QMessageBox.Icon, title: str, text: str,
             detail: str = "") -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, self.parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        if detail:
            box.setInformativeText(detail)
        return box

    def choose(self, title: str, text: str, choices: Sequence[tuple[str, str]],
               default: str | None = None, cancel: str | None = None,
               detail: str = "", icon: str = "question") -> str | None:
        """Ask a question with buttons ``(key, label)``; return the key chosen.

        ``cancel`` is the key that Escape or closing the box means (None if none).
        """
        icons = {"question": QMessageBox.Icon.Question, "warning": QMessageBox.Icon.Warning,
                 "error": QMessageBox.Icon.Critical, "info": QMessageBox.Icon.Information}
        box = self._box(icons.get(icon, QMessageBox.Icon.Question), title, text, detail)
        buttons = {}
        for key, label in choices:
            role = (QMessageBox.ButtonRole.RejectRole if key == cancel
                    else QMessageBox.ButtonRole.AcceptRole)
            buttons[box.addButton(label, role)] = key
            if key == default:
                box.setDefaultButton(list(buttons)[-1])
            if key == cancel:
                box.setEscapeButton(list(buttons)[-1])
        box.exec()
        return buttons.get(box.clickedButton(), cancel)

    def inform(self, title: str, text: str, detail: str = "") -> None:
        box = self._box(QMessageBox.Icon.Information, title, text, detail)
        box.addButton(QMessageBox.StandardButton.Ok)
        box.exec()

    def error(self, title: str, text: str, detail: str = "") -> None:
        box = self._box(QMessageBox.Icon.Critical, title, text, detail)
        box.addButton(QMessageBox.StandardButton.Ok)
        box.exec()

    def open_file(self, title: str, folder: str, filters: str) -> str | None:
        """Ask for an existing file; ``None`` when cancelled."""
        path, _selected = QFileDialog.getOpenFileName(self.parent, title, folder, filters)
        return path or None

    def open_files(self, title: str, folder: str, filters: str) -> list[str]:
        paths, _selected = QFileDialog.getOpenFileNames(self.parent, title, folder, filters)
        return list(paths)

    def save_file(self, title: str, suggested: str, filters: str) -> str | None:
        """Ask for a file to write; ``None`` when cancelled."""
        path, _selected = QFileDialog.getSaveFileName(self.parent, title, suggested, filters)
        return path or None
