"""Add, Duplicate, Remove, Move up and Move down: one set of actions per list page.

The Partners and Activities pages edit a list the same way, with the same icons
and shortcuts: Add (Ctrl+Shift+N or Insert) and Duplicate (Ctrl+D) anywhere in the
window while the page is shown (also from the consortium panel or the side list: a
new-user trial clicked the panel, pressed Ctrl+Shift+N to no effect and typed the
new member over another one); Remove (Delete) and Move (Alt+Up/Down) only while the
list has the focus, so that Delete in a text field and Alt+Down on a combo box keep
their meaning.
The page's ``retranslate()`` calls ``retranslate()`` here with its own tooltips
(which name its kind of record); the button texts are the same on every page.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QToolBar, QWidget

from ssa_wizard.i18n import _


class ListEditing:
    """The five actions of a page that edits a list of records."""

    def __init__(self, page: QWidget, add: Callable[[], object],
                 duplicate: Callable[[], object], remove: Callable[[], object],
                 move: Callable[[int], object]):
        self._page = page
        # Qt takes a window shortcut only from a shown page: the hidden page's Add is
        # never ambiguous with the shown one's.
        on_page = Qt.ShortcutContext.WindowShortcut
        in_list = Qt.ShortcutContext.WidgetShortcut
        pixmap = QStyle.StandardPixmap
        self.add = self._action(pixmap.SP_FileDialogNewFolder, add,
                                [QKeySequence("Ctrl+Shift+N"), QKeySequence(Qt.Key.Key_Insert)],
                                on_page)
        self.duplicate = self._action(pixmap.SP_FileDialogDetailedView, duplicate,
                                      [QKeySequence("Ctrl+D")], on_page)
        self.remove = self._action(pixmap.SP_TrashIcon, remove,
                                   [QKeySequence(QKeySequence.StandardKey.Delete)], in_list)
        self.move_up = self._action(pixmap.SP_ArrowUp, lambda: move(-1),
                                    [QKeySequence("Alt+Up")], in_list)
        self.move_down = self._action(pixmap.SP_ArrowDown, lambda: move(1),
                                      [QKeySequence("Alt+Down")], in_list)
        page.addAction(self.add)
        page.addAction(self.duplicate)

    def _action(self, icon: QStyle.StandardPixmap, slot: Callable[[], object],
                keys: list[QKeySequence], context: Qt.ShortcutContext) -> QAction:
        action = QAction(self._page.style().standardIcon(icon), "", self._page)
        action.setShortcuts(keys)
        action.setShortcutContext(context)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def retranslate(self, add: str, duplicate: str, remove: str, move_up: str,
                    move_down: str) -> None:
        """Set the button texts, and these tooltips (translated, naming the records)."""
        for action, text, tooltip in ((self.add, _("Add"), add),
                                      (self.duplicate, _("Duplicate"), duplicate),
                                      (self.remove, _("Remove"), remove),
                                      (self.move_up, _("Move up"), move_up),
                                      (self.move_down, _("Move down"), move_down)):
            action.setText(text)
            action.setToolTip(tooltip)

    def all(self) -> tuple[QAction, ...]:
        return (self.add, self.duplicate, self.remove, self.move_up, self.move_down)

    def put_on(self, toolbar: QToolBar) -> None:
        for action in self.all():
            toolbar.addAction(action)

    def attach_to(self, view: QWidget) -> None:
        """Give ``view`` (the table or list) the shortcuts that act on its selection."""
        for action in (self.remove, self.move_up, self.move_down):
            view.addAction(action)
