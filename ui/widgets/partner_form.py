"""One organisation's details: the form of the Partners page and of a partner card.

Fourteen inputs in two columns, or in one when the form is narrow (``fit_width``),
each with its label (buddy and accessible name) and the findings about that field
right under it. The form holds no data of its own: ``fill(partner)`` shows a member,
and every change the user makes is emitted as ``edited(field, value)`` for the owner
to store (the Session on the Partners page, the card's Partner in the card window).
The box "sole regulator with a monopoly" is shown for regulatory bodies, and also
while ticked, so that a wrong tick can be seen and undone after the category changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QPlainTextEdit,
                               QVBoxLayout, QWidget)

from ssa_wizard import labels
from ssa_wizard.i18n import N_, _
from ssa_wizard.model import CATEGORIES, ROLES, Partner
from ssa_wizard.rulebook import Rulebook
from ssa_wizard.rules import Finding, tidy_pic

from .country_picker import CountryPicker
from .field_rows import (FieldRow, FieldRows, WrappingCheckBox, comfortable_width, fit_form,
                         text_box)
from .findings import FindingLabel

TEXT_FIELDS = ("name", "acronym", "city", "pic", "contact_name", "contact_email")
LONG_FIELDS = ("role_description", "expertise")
FLAG_FIELDS = ("umbrella", "other_ssa", "sole_regulator_monopoly")


class PartnerForm(QWidget):
    """The inputs of one member, in two columns (one when narrow), with findings under each."""

    #: The user changed ``field`` to ``value`` (never emitted while filling).
    edited = Signal(str, object)

    def __init__(self, parent: QWidget | None = None, rulebook: Rulebook | None = None):
        super().__init__(parent)
        self._filling = False
        #: The rows by field name (``pic``); findings about ``partner.pic`` go under it.
        self.fields = FieldRows(prefix="partner.")

        # A box layout of two forms: setDirection(TopToBottom) makes it one column.
        self.columns = QHBoxLayout(self)
        self.columns.setContentsMargins(0, 0, 0, 0)
        self.columns.setSpacing(18)
        forms = []
        for _side in range(2):
            form = FieldRows.form()
            side = QVBoxLayout()
            side.addLayout(form)
            side.addStretch(1)  # rows stay together at the top of the shorter column
            self.columns.addLayout(side, 1)
            forms.append(form)
        first, second = forms
        self._forms = (first, second)

        self.name_edit = QLineEdit()
        self.acronym_edit = QLineEdit()
        self.country_picker = CountryPicker(rulebook=rulebook)
        self.city_edit = QLineEdit()
        self.category_combo = QComboBox()
        self.role_combo = QComboBox()
        self.pic_edit = QLineEdit()
        self.pic_edit.setMaxLength(20)
        self.umbrella_check = WrappingCheckBox()
        self.other_ssa_check = WrappingCheckBox()
        self.monopoly_check = WrappingCheckBox()
        self.contact_name_edit = QLineEdit()
        self.contact_email_edit = QLineEdit()
        self.role_description_edit = text_box(64, 96)
        self.expertise_edit = text_box(64, 96)

        add = self.fields.add
        add(first, "name", self.name_edit, N_("Na&me:"))
        add(first, "acronym", self.acronym_edit, N_("Acron&ym:"))
        add(first, "country", self.country_picker, N_("&Country:"))
        add(first, "city", self.city_edit, N_("Ci&ty:"))
        add(first, "category", self.category_combo, N_("Cate&gory:"), tooltip=N_(
            "The kind of organisation; each country involved needs all three of the first "
            "three."))
        add(first, "role", self.role_combo, N_("&Role:"))
        add(first, "pic", self.pic_edit, N_("&PIC:"), tooltip=N_(
            "The organisation's Participant Identification Code: nine digits."))
        add(first, "umbrella", self.umbrella_check, N_("&Umbrella organisation"), tooltip=N_(
            "A European network that represents its members. It does not count towards "
            "the minimums, but its country needs no members of all three categories."))
        add(first, "other_ssa", self.other_ssa_check, N_("Ta&kes part in another SSA proposal"),
            tooltip=N_("An organisation may take part in only one Sector Skills Alliance "
                       "proposal, unless it is the sole regulator with a monopoly in its "
                       "country."))
        add(first, "sole_regulator_monopoly", self.monopoly_check,
            N_("Sole regulator with a m&onopoly"), tooltip=N_(
                "The only body that regulates this sector in its country: it may then take "
                "part in more than one alliance."))
        add(second, "contact_name", self.contact_name_edit, N_("Contact per&son:"))
        add(second, "contact_email", self.contact_email_edit, N_("E-mail a&ddress:"))
        add(second, "role_description", self.role_description_edit, N_("Role and &added value:"),
            tooltip=N_("What this organisation does in the alliance and what it brings to it."))
        add(second, "expertise", self.expertise_edit, N_("E&xpertise:"))

        for name in TEXT_FIELDS:
            self.fields[name].widget.textEdited.connect(
                lambda text, n=name: self._user_edit(n, text))
        # A PIC typed with spaces or hyphens is kept as its nine digits once typed, as
        # the import reads it: one form in the table, the filter and the summary.
        self.pic_edit.editingFinished.connect(self._tidy_pic)
        for name in LONG_FIELDS:
            edit = self.fields[name].widget
            edit.textChanged.connect(lambda n=name, e=edit: self._user_edit(n, e.toPlainText()))
        for name in FLAG_FIELDS:
            self.fields[name].widget.clicked.connect(
                lambda checked, n=name: self._user_edit(n, checked))
        self.category_combo.activated.connect(
            lambda _i: self._user_edit("category", self.category_combo.currentData() or ""))
        self.role_combo.activated.connect(
            lambda _i: self._user_edit("role", self.role_combo.currentData() or "full"))
        self.country_picker.country_chosen.connect(lambda code: self._user_edit("country", code))
        self.retranslate()

    def fit_width(self, width: int) -> None:
        """Two columns when ``width`` gives both room, else one; labels above the
        inputs when even one column is narrow (the page on a small laptop)."""
        first, second = self._forms
        spacing = self.columns.spacing()
        two = width >= comfortable_width(first) + spacing + comfortable_width(second)
        direction = (QHBoxLayout.Direction.LeftToRight if two
                     else QHBoxLayout.Direction.TopToBottom)
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)
        column = (width - spacing) // 2 if two else width
        for form in self._forms:
            fit_form(form, column)

    def is_one_column(self) -> bool:
        return self.columns.direction() == QHBoxLayout.Direction.TopToBottom

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit_width(event.size().width())

    def _tidy_pic(self) -> None:
        text = self.pic_edit.text()
        tidy = tidy_pic(text)
        if tidy != text and not self.pic_edit.isReadOnly():
            self.pic_edit.setText(tidy)
            self._user_edit("pic", tidy)

    def _user_edit(self, name: str, value: Any) -> None:
        if not self._filling:
            self.edited.emit(name, value)

    # --- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.fields.retranslate()
        self.country_picker.retranslate()
        self._filling = True
        try:
            category, role = self.category_combo.currentData(), self.role_combo.currentData()
            self.category_combo.clear()
            self.category_combo.addItem(_("(choose a category)"), "")
            for code in CATEGORIES:
                self.category_combo.addItem(labels.category(code), code)
                self.category_combo.setItemData(self.category_combo.count() - 1,
                                                labels.category_description(code),
                                                Qt.ItemDataRole.ToolTipRole)
            self.role_combo.clear()
            for code in ROLES:
                self.role_combo.addItem(labels.role(code), code)
            self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(category)))
            self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(role or "full")))
        finally:
            self._filling = False

    # --- showing a member ---------------------------------------------------------------

    def fill(self, partner: Partner | None) -> None:
        """Show ``partner`` (or empty inputs), without emitting ``edited``."""
        self._filling = True
        try:
            for field in self.fields.values():
                if partner is None:
                    value: Any = False if field.name in FLAG_FIELDS else ""
                else:
                    value = getattr(partner, field.name)
                self._set(field, value)
            self.fields["sole_regulator_monopoly"].set_shown(
                partner is not None and (partner.category == "regulatory_body"
                                         or partner.sole_regulator_monopoly))
        finally:
            self._filling = False

    def _set(self, field: FieldRow, value: Any) -> None:
        widget = field.widget
        if isinstance(widget, CountryPicker):
            if widget.country() != value:
                widget.set_country(value)
        elif isinstance(widget, QLineEdit):
            if widget.text() != value:
                widget.setText(value)
                if not widget.hasFocus():
                    widget.setCursorPosition(0)  # show the start of a long name
        elif isinstance(widget, QPlainTextEdit):
            if widget.toPlainText() != value:
                widget.setPlainText(value)
        elif isinstance(widget, QCheckBox):
            if widget.isChecked() != bool(value):
                widget.setChecked(bool(value))
        elif isinstance(widget, QComboBox):
            at = max(0, widget.findData(value if value or field.name != "role" else "full"))
            if widget.currentIndex() != at:
                widget.setCurrentIndex(at)

    def show_findings(self, findings: Iterable[Finding]) -> list[Finding]:
        """Put each finding under its field; return those about no field of the form."""
        return self.fields.show_findings(findings)

    def field_widget(self, name: str) -> QWidget | None:
        return self.fields.widget(name)

    def field_findings(self, name: str) -> FindingLabel | None:
        return self.fields.findings_of(name)
