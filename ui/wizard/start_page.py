"""The first page: start a new proposal, open one, or look at the example."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from typing import TYPE_CHECKING

from ssa_wizard.i18n import _

from .base import WizardPage

if TYPE_CHECKING:
    from ..files import FileController
    from ..session import Session


class StartPage(WizardPage):
    """New proposal, open a file, open a recent one, or open the bundled example."""

    key = "start"
    #: A proposal was started or opened from this page: the wizard moves on.
    proposal_chosen = Signal()
    #: The user only wants to fill in a partner card for their own organisation.
    card_requested = Signal()

    def __init__(self, session: Session | None = None, files: FileController | None = None,
                 parent: QWidget | None = None):
        """A page with no session or files yet is drawn at once and bound by ``bind()``:
        the window shows it before the proposal model and the rules are loaded."""
        super().__init__(None, parent)
        self.files: FileController | None = None
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        buttons = QHBoxLayout()
        self.new_button = QPushButton(self)
        self.open_button = QPushButton(self)
        self.example_button = QPushButton(self)
        for button in (self.new_button, self.open_button, self.example_button):
            button.setAutoDefault(False)
            button.setMinimumHeight(34)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.recent_box = QGroupBox(self)
        recent_layout = QVBoxLayout(self.recent_box)
        self.recent_list = QListWidget(self.recent_box)
        self.recent_list.setMaximumHeight(220)
        self.recent_empty = QLabel(self.recent_box)
        recent_layout.addWidget(self.recent_list)
        recent_layout.addWidget(self.recent_empty)
        layout.addSpacing(8)
        layout.addWidget(self.recent_box)

        # A partner without a proposal of their own only sends their details back.
        card_row = QHBoxLayout()
        self.card_note = QLabel(self)
        self.card_note.setWordWrap(True)
        self.card_button = QPushButton(self)
        self.card_button.setAutoDefault(False)
        card_row.addWidget(self.card_note, 1)
        card_row.addWidget(self.card_button)
        layout.addSpacing(8)
        layout.addLayout(card_row)
        layout.addStretch(1)

        self.new_button.clicked.connect(lambda: self._chosen(self.files.new()))
        self.open_button.clicked.connect(lambda: self._chosen(self.files.open()))
        self.example_button.clicked.connect(lambda: self._chosen(self.files.open_example()))
        self.card_button.clicked.connect(self.card_requested)
        # One click opens a recent file, like a link (a new-user trial waited for it to
        # open, or for an Open button); Enter too.
        self.recent_list.itemClicked.connect(self._open_recent)
        self.recent_list.itemActivated.connect(self._open_recent)
        self.recent_list.setVisible(False)
        self.recent_empty.setVisible(False)
        self.finish_setup()
        if session is not None and files is not None:
            self.bind(session, files)

    def bind(self, session: Session, files: FileController) -> None:
        """Attach the page to the window's session and file controller.

        Until then the page is drawn with nothing that needs Qt's namespace
        (``ui.main_window.Wizard``): its own texts show as they are, and the list of
        recent files, which shows file names, is filled only from here on."""
        qt = QtCore.Qt
        for label in (self.intro, self.card_note):
            label.setTextFormat(qt.TextFormat.PlainText)
        self.recent_list.setTextElideMode(qt.TextElideMode.ElideMiddle)
        self.recent_list.viewport().setCursor(qt.CursorShape.PointingHandCursor)
        self.bind_session(session)
        self.files = files
        files.recent_changed.connect(self.fill_recent)
        self.fill_recent()

    def _chosen(self, done: bool) -> None:
        if done:
            self.proposal_chosen.emit()

    def _open_recent(self, item: QListWidgetItem) -> None:
        if not self.isVisible():  # the second click of a double click: opened already
            return
        self._chosen(self.files.open(item.data(QtCore.Qt.ItemDataRole.UserRole)))

    def fill_recent(self) -> None:
        self.recent_list.clear()
        for path in self.files.recent_files():
            item = QListWidgetItem(f"{Path(path).name} — {Path(path).parent}")
            item.setData(QtCore.Qt.ItemDataRole.UserRole, path)
            item.setToolTip(_("Open {path}").format(path=path))
            self.recent_list.addItem(item)
        has_recent = self.recent_list.count() > 0
        self.recent_list.setVisible(has_recent)
        self.recent_empty.setVisible(not has_recent)

    def retranslate(self) -> None:
        super().retranslate()
        self.setSubTitle(_("Start a new proposal, or continue one you saved."))
        self.intro.setText(_(
            "A Sector Skills Alliance is an Erasmus+ project in which vocational schools, "
            "companies or sector bodies and the authorities that regulate training, from at "
            "least three countries, work together to match training to what a sector needs. "
            "This program helps you draft the proposal and checks it against the programme's "
            "rules as you type."))
        self.new_button.setText(_("New &proposal"))
        self.open_button.setText(_("&Open a file…"))
        self.example_button.setText(_("Open the e&xample"))
        self.new_button.setToolTip(_("Start an empty proposal"))
        self.example_button.setToolTip(_("Open a complete example proposal (DIGIRETAIL) to "
                                         "see how a finished proposal looks"))
        self.card_note.setText(_("Are you a partner asked for your organisation's details? "
                                 "Fill in a partner card and send it to the coordinator."))
        self.card_button.setText(_("Partner &card for my organisation…"))
        for button in (self.new_button, self.open_button, self.example_button, self.card_button):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        self.recent_box.setTitle(_("Recent files"))
        self.recent_list.setAccessibleName(_("Recent files"))
        self.recent_empty.setText(_("No recent files yet. Files you open or save appear here."))
