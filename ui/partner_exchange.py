"""Partners in and out of the window: import a sheet, add cards, export, save a card.

``PartnerExchange`` is what the partners page's toolbar, its drop area and the File
menu call. File choosing and messages go through ``Dialogs``; reading, checking and
importing happen in ``ImportDialog`` (off the GUI thread, one undo step); partner
cards for "my organisation" are made in ``CardDialog``. Files are written
atomically by the core (``exchange.write_sheet``, ``cards.save_card``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ssa_wizard import cards, exchange, i18n
from ssa_wizard.fs import write_advice
from ssa_wizard.i18n import _, ngettext
from ssa_wizard.storage import FileRefused

from .dialogs import Dialogs
from .file_choice import card_filters, export_filters, remember_folder, sheet_filters, start_folder
from .files import tell_repairs
from .import_dialog import ImportDialog
from .session import Session

log = logging.getLogger(__name__)

#: The file names the partners page takes when dropped (cards and sheets).
DROP_SUFFIXES = (cards.SUFFIX, ".csv", ".xlsx")


def accepts_drop(path: str) -> bool:
    """Whether a dropped file is a card or a sheet by its name."""
    return str(path).lower().endswith(DROP_SUFFIXES)


class PartnerExchange(QObject):
    """Import, export and partner cards for one session, shown over ``parent_widget``."""

    #: Members were imported or added from cards (ids of the new, then the updated ones).
    imported = Signal(list, list)
    #: A short note for the status bar ("12 members imported", "Written to …").
    message = Signal(str)

    def __init__(self, session: Session, dialogs: Dialogs, parent_widget: QWidget | None = None):
        super().__init__(parent_widget)
        self.session = session
        self.dialogs = dialogs
        self._parent_widget = parent_widget
        #: The import dialog open now, if any.
        self.dialog: ImportDialog | None = None
        #: Card windows ("my organisation") kept alive while they are open.
        self.card_windows: list[QWidget] = []
        self.new_card_action = QAction(self)
        self.new_card_action.triggered.connect(lambda: self.new_card())
        self.open_card_action = QAction(self)
        self.open_card_action.triggered.connect(lambda: self.edit_card())
        self.retranslate()

    def retranslate(self) -> None:
        self.new_card_action.setText(_("New partner card (&my organisation)…"))
        self.new_card_action.setToolTip(_(
            "Fill in one organisation's details and save them as a partner card to send to "
            "the coordinator"))
        self.open_card_action.setText(_("Edit a partner car&d…"))
        self.open_card_action.setToolTip(_("Open a partner card to change its details"))

    def folder(self) -> Path:
        """Where file dialogs start: the folder chosen last, else beside the proposal, else
        Documents (``file_choice.start_folder``)."""
        return start_folder(then=self.session.path.parent if self.session.path else None)

    # --- import -------------------------------------------------------------------------

    def import_sheet(self, path: str | None = None) -> ImportDialog | None:
        """Ask for a sheet (unless given) and open the import dialog on it."""
        if path is None:
            path = self.dialogs.open_file(_("Import partners from a sheet"), str(self.folder()),
                                          sheet_filters())
            remember_folder(path)
        if not path:
            return None
        return self.open_paths([path])

    def add_cards(self, paths: Sequence[str] | None = None) -> ImportDialog | None:
        """Ask for partner cards (unless given) and show what adding them would do."""
        if paths is None:
            paths = self.dialogs.open_files(_("Add partners from cards"), str(self.folder()),
                                            card_filters())
            remember_folder(paths[0] if paths else None)
        if not paths:
            return None
        return self.open_paths(paths)

    def open_paths(self, paths: Sequence[str]) -> ImportDialog | None:
        """Read sheets and cards (opened or dropped) and show the import dialog."""
        paths = [str(p) for p in paths]
        if not paths:
            return None
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return self.dialog
        if self.session.read_only:
            self.dialogs.error(_("Import partners"), _(
                "This proposal is open read-only, so nothing can be imported into it."),
                _("Use Save As to keep a copy you can change, then import again."))
            return None
        dialog = ImportDialog(self.session, self.dialogs, self._parent_widget)
        dialog.imported.connect(self._imported)
        dialog.finished.connect(lambda _code, d=dialog: self._dialog_closed(d))
        self.dialog = dialog
        dialog.open()
        dialog.start(paths)
        return dialog

    def _dialog_closed(self, dialog: ImportDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()  # with its plan: a large sheet's rows are not kept

    def _imported(self, added: list, updated: list) -> None:
        if added and updated:
            note = _("{added} and {updated}").format(
                added=ngettext("{n} member added", "{n} members added", len(added)).format(
                    n=len(added)),
                updated=ngettext("{n} member updated", "{n} members updated",
                                 len(updated)).format(n=len(updated)))
        elif added:
            note = ngettext("{n} member added", "{n} members added", len(added)).format(
                n=len(added))
        else:
            note = ngettext("{n} member updated", "{n} members updated", len(updated)).format(
                n=len(updated))
        self.message.emit(_("{note}. Edit ▸ Undo takes the import back.").format(note=note))
        self.imported.emit(added, updated)

    # --- export -------------------------------------------------------------------------

    def suggested_export_name(self) -> str:
        project = self.session.proposal.project
        base = project.acronym.strip() or project.title.strip()
        base = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "", base).strip(" .")[:60]
        return _("{name} partners").format(name=base) + ".csv" if base else _("partners") + ".csv"

    def export(self) -> str | None:
        """Write the members to a CSV or XLSX file in the language of the window."""
        target = self.dialogs.save_file(_("Export partners"),
                                        str(self.folder() / self.suggested_export_name()),
                                        export_filters())
        if not target:
            return None
        remember_folder(target)
        if Path(target).suffix.lower() not in (".csv", ".xlsx"):
            target += ".csv"
        lang = i18n.current_language()
        try:
            exchange.write_sheet(self.session.proposal.partners, target, lang=lang)
        except OSError as exc:
            log.warning("exporting partners to %s failed: %s", target, exc)
            self.dialogs.error(_("Export partners"), _(
                "The partners could not be written to {path}.").format(path=target),
                write_advice(exc))
            return None
        count = len(self.session.proposal.partners)
        self.message.emit(ngettext("{n} member written to {path}", "{n} members written to {path}",
                                   count).format(n=count, path=target))
        return target

    # --- cards --------------------------------------------------------------------------

    def save_card(self, partner_id: str | None) -> str | None:
        """Save one member as a partner card (``NAME.ssa-partner.json``)."""
        partner = self.session.proposal.partner(partner_id) if partner_id else None
        if partner is None:
            return None
        target = self.dialogs.save_file(
            _("Save {name} as a partner card").format(name=partner.name or _("the member")),
            str(self.folder() / cards.card_file_name(partner)), card_filters())
        if not target:
            return None
        remember_folder(target)
        if not cards.is_card_file(target):
            target = target.removesuffix(".json") + cards.SUFFIX
        try:
            cards.save_card(partner, target)
        except OSError as exc:
            log.warning("saving the card %s failed: %s", target, exc)
            self.dialogs.error(_("Save as partner card"), _(
                "The card could not be written to {path}.").format(path=target),
                write_advice(exc))
            return None
        self.message.emit(_("Card written to {path}").format(path=target))
        return target

    def new_card(self) -> QWidget:
        """Open an empty "my organisation" window that saves a partner card."""
        from .card_dialog import CardDialog

        return self._show_card_window(CardDialog(self.dialogs))

    def edit_card(self, path: str | None = None) -> QWidget | None:
        """Open a partner card (asked for unless given) in a "my organisation" window."""
        from .card_dialog import CardDialog

        if path is None:
            path = self.dialogs.open_file(_("Edit a partner card"), str(self.folder()),
                                          card_filters())
            remember_folder(path)
        if not path:
            return None
        try:
            card = cards.load_card(path)
        except FileRefused as exc:
            self.dialogs.error(_("Edit a partner card"), _("The card could not be opened."),
                               str(exc))
            return None
        window = self._show_card_window(CardDialog(self.dialogs, card=card, path=path))
        tell_repairs(self.dialogs, Path(path).name, card.repairs)  # over the card's window
        return window

    def _show_card_window(self, window: QWidget) -> QWidget:
        self.card_windows.append(window)
        window.finished.connect(lambda _code, w=window: self._card_window_closed(w))
        window.show()
        window.raise_()
        return window

    def _card_window_closed(self, window: QWidget) -> None:
        if window in self.card_windows:
            self.card_windows.remove(window)
        window.deleteLater()
