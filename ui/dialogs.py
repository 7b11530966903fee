"""The one service through which the program asks the user something modal.

Every message box and file dialog goes through ``Dialogs``; tests replace it with
a scripted stand-in (``tests/ui``) instead of patching Qt classes. Texts are shown
as plain text, since they may contain partner names or file names.

File dialogs are the system's own when it speaks the program's language; when the
user chose another language than the system's, Qt's own dialog is used instead,
which speaks the chosen one (``ui.language`` installs its catalogue).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ssa_wizard import i18n


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

    @staticmethod
    def file_dialog_options() -> QFileDialog.Option:
        """Qt's own file dialog when the program speaks another language than the system."""
        from .language import system_language

        if i18n.current_language() != system_language():
            return QFileDialog.Option.DontUseNativeDialog
        return QFileDialog.Option(0)

    def open_file(self, title: str, folder: str, filters: str) -> str | None:
        """Ask for an existing file; ``None`` when cancelled."""
        path, _selected = QFileDialog.getOpenFileName(self.parent, title, folder, filters,
                                                      options=self.file_dialog_options())
        return path or None

    def open_files(self, title: str, folder: str, filters: str) -> list[str]:
        paths, _selected = QFileDialog.getOpenFileNames(self.parent, title, folder, filters,
                                                        options=self.file_dialog_options())
        return list(paths)

    def save_file(self, title: str, suggested: str, filters: str) -> str | None:
        """Ask for a file to write; ``None`` when cancelled."""
        path, _selected = QFileDialog.getSaveFileName(self.parent, title, suggested, filters,
                                                      options=self.file_dialog_options())
        return path or None
