"""My organisation: one organisation's details, saved as a partner card.

For a partner who has no proposal of their own: the coordinator asks them for their
details, they fill in this window and e-mail the card (``NAME.ssa-partner.json``)
back; the coordinator drops it on the partners page. The window asks for the same
fields as the partners page's form, and shows under each field what the checker
says about this one organisation (PIC format, e-mail format, …): the rules run on a
proposal with this one member, and only the findings about the member are kept
(not those about the whole consortium, such as the number of countries).

It can also open an existing card to change it; fields of the card this version
does not know are written back unchanged. Closing with unsaved changes asks first.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

from ssa_wizard import cards, exchange
from ssa_wizard.fs import write_advice
from ssa_wizard.i18n import _
from ssa_wizard.model import Partner, Proposal
from ssa_wizard.rules import Finding, check

from .dialogs import Dialogs
from .file_choice import card_filters, remember_folder, start_folder
from .files import tell_repairs
from .widgets.findings import SEVERITY_COLOURS, FindingLabel
from .widgets.partner_form import PartnerForm

log = logging.getLogger(__name__)

MEMBER_ID = "p1"
#: Findings about the consortium around the member, not about the organisation itself.
_CONSORTIUM_RULES = frozenset({"Q-TASKS", "E-APPLICANT-COUNT", "E-DUPLICATE-ORG"})


def member_findings(partner: Partner) -> list[Finding]:
    """What the checker says about ``partner`` alone (the rules on a one-member proposal)."""
    proposal = Proposal.new()
    proposal.partners = [partner.model_copy(update={"id": MEMBER_ID})]
    return [f for f in check(proposal).findings
            if f.partner == MEMBER_ID and f.rule not in _CONSORTIUM_RULES]


class CardDialog(QDialog):
    """A window with one organisation's details that saves them as a partner card."""

    def __init__(self, dialogs: Dialogs | None = None, parent: QWidget | None = None, *,
                 card: cards.Card | None = None, path: str | None = None):
        super().__init__(parent)
        # A real Dialogs shows its questions over this window; tests pass their own.
        self.dialogs = Dialogs(self) if dialogs is None or type(dialogs) is Dialogs else dialogs
        self.setSizeGripEnabled(True)
        self.path: Path | None = Path(path) if path else None
        self.partner = Partner(id=MEMBER_ID)
        self._extra: dict = {}
        self._dirty = False
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(0)
        self._recheck.timeout.connect(self.check_now)

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.card_note = QLabel(self)
        self.card_note.setWordWrap(True)
        self.card_note.setTextFormat(Qt.TextFormat.PlainText)
        self.card_note.setStyleSheet(f"color: {SEVERITY_COLOURS['warning']};")
        self.card_note.setVisible(False)
        self.general_findings = FindingLabel(self)

        self.form = PartnerForm(self)
        self.form.edited.connect(self._edit)

        self.open_button = QPushButton(self)
        self.save_button = QPushButton(self)
        self.save_as_button = QPushButton(self)
        self.close_button = QPushButton(self)
        for button in (self.open_button, self.save_button, self.save_as_button,
                       self.close_button):
            button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_card)
        self.save_button.clicked.connect(self.save)
        self.save_as_button.clicked.connect(self.save_as)
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.save_as_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.card_note)
        layout.addWidget(self.general_findings)
        layout.addWidget(self.form, 1)
        layout.addLayout(buttons)

        self.retranslate()
        if card is not None:
            self.load(card, path)
        else:
            self._fill()
            self.check_now()
        self.resize(880, 560)

    def field_widget(self, name: str) -> QWidget | None:
        return self.form.field_widget(name)

    def field_findings(self, name: str) -> FindingLabel | None:
        return self.form.field_findings(name)

    # --- texts --------------------------------------------------------------------------

    def retranslate(self) -> None:
        self._update_title()
        self.intro.setText(_(
            "Fill in your organisation's details for the coordinator of the Sector Skills "
            "Alliance, save them as a partner card, and send the card to the coordinator by "
            "e-mail. The coordinator adds it to the proposal as it is, so nothing has to be "
            "typed twice."))
        self.form.retranslate()
        self.open_button.setText(_("Op&en a card…"))
        self.save_button.setText(_("Sa&ve card"))
        self.save_as_button.setText(_("Save card as a &new file…"))
        self.close_button.setText(_("Close"))
        self._fill()

    def _update_title(self) -> None:
        name = self.path.name if self.path is not None else _("New partner card")
        self.setWindowTitle(_("{name}[*] — My organisation — SSA Wizard").format(name=name))
        self.setWindowModified(self._dirty)

    # --- data ---------------------------------------------------------------------------

    def load(self, card: cards.Card, path: str | Path | None = None) -> None:
        """Show ``card`` for editing; what could not be read is named above the form."""
        partner, findings = card.partner(MEMBER_ID)
        self.partner = partner
        self._extra = dict(card.extra)
        self.path = Path(path) if path else None
        problems = [exchange.problem(f) for f in findings if f.severity != "info"]
        self.card_note.setText(_("Some details of this card could not be read and are left "
                                 "empty; fill them in again:") + "\n" + "\n".join(problems)
                               if problems else "")
        self.card_note.setVisible(bool(problems))
        self._dirty = False
        self._fill()
        self.check_now()

    def _fill(self) -> None:
        self.form.fill(self.partner)
        self._update_title()

    def _edit(self, name: str, value) -> None:
        if getattr(self.partner, name) == value:
            return
        self.partner = self.partner.model_copy(update={name: value})
        self._dirty = True
        self._update_title()
        if name == "category":
            self._fill()
        self._recheck.start()

    @property
    def dirty(self) -> bool:
        return self._dirty

    def check_now(self) -> list[Finding]:
        """Show the checker's findings about this organisation under its fields."""
        self._recheck.stop()
        found = member_findings(self.partner)
        self.general_findings.set_findings(self.form.show_findings(found))
        return found

    # --- files --------------------------------------------------------------------------

    def save(self) -> bool:
        """Save to the card's file (asked for the first time)."""
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self) -> bool:
        folder = start_folder(first=self.path.parent if self.path is not None else None)
        target = self.dialogs.save_file(_("Save the partner card"),
                                        str(folder / cards.card_file_name(self.partner)),
                                        card_filters())
        if not target:
            return False
        remember_folder(target)
        if not cards.is_card_file(target):
            target = target.removesuffix(".json") + cards.SUFFIX
        return self._write(Path(target))

    def _write(self, path: Path) -> bool:
        if not self.partner.name.strip():
            self.dialogs.error(_("Save the partner card"), _(
                "The card needs the organisation's name."),
                _("Fill in the name, then save again."))
            self.form.name_edit.setFocus()
            return False
        try:
            cards.save_card(self.partner, path, extra=self._extra)
        except OSError as exc:
            log.warning("saving the card %s failed: %s", path, exc)
            self.dialogs.error(_("Save the partner card"), _(
                "The card could not be written to {path}.").format(path=path), write_advice(exc))
            return False
        self.path = path
        self._dirty = False
        self._update_title()
        return True

    def open_card(self) -> bool:
        """Open another card in this window (after asking about unsaved changes)."""
        if not self.maybe_discard():
            return False
        folder = start_folder(then=self.path.parent if self.path is not None else None)
        path = self.dialogs.open_file(_("Open a partner card"), str(folder), card_filters())
        if not path:
            return False
        remember_folder(path)
        try:
            card = cards.load_card(path)
        except cards.CardRefused as exc:
            self.dialogs.error(_("Open a partner card"), _("The card could not be opened."),
                               str(exc))
            return False
        self.load(card, path)
        tell_repairs(self.dialogs, Path(path).name, card.repairs)
        return True

    def maybe_discard(self) -> bool:
        """True when there are no unsaved changes, or the user saved or dropped them."""
        if not self._dirty:
            return True
        choice = self.dialogs.choose(
            _("Save the partner card?"),
            _("The details of {name} have changed since they were saved.").format(
                name=self.partner.name or _("your organisation")),
            [("save", _("&Save")), ("discard", _("&Don't save")), ("cancel", _("Cancel"))],
            default="save", cancel="cancel", icon="warning")
        if choice == "save":
            return self.save()
        return choice == "discard"

    def reject(self) -> None:
        # Escape, Close and the window's close button all come here (QDialog.closeEvent
        # calls reject): ask once about unsaved changes.
        if self.maybe_discard():
            self._dirty = False
            super().reject()
