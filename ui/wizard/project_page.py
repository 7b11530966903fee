"""The project: title, acronym, duration, start date and summary."""

from __future__ import annotations

from PySide6.QtCore import Qt, QSignalBlocker
from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from ssa_wizard.i18n import N_, _, ngettext

from ..session import Session
from ..widgets.date_field import DateField
from ..widgets.field_rows import text_box
from .base import WizardPage


class ProjectPage(WizardPage):
    """Title, acronym, duration (months), start date (empty: not known yet), summary."""

    key = "project"

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        form = self.fields.form(self)

        self.title_edit = QLineEdit(self)
        self.acronym_edit = QLineEdit(self)
        self.acronym_edit.setMaxLength(40)
        self.duration_spin = QSpinBox(self)
        # 0 is shown as "not set": a file may have no duration yet.
        self.duration_spin.setRange(0, 120)
        self.duration_spin.setMinimumWidth(140)
        self.duration_spin.setMaximumWidth(200)

        # Typed as the UI language writes dates; empty while the date is not known.
        self.date_edit = DateField(self)

        summary_box = QWidget(self)
        summary_column = QVBoxLayout(summary_box)
        summary_column.setContentsMargins(0, 0, 0, 0)
        summary_column.setSpacing(2)
        self.summary_edit = text_box()
        self.summary_counter = QLabel(summary_box)
        self.summary_counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        summary_column.addWidget(self.summary_edit)
        summary_column.addWidget(self.summary_counter)

        add = self.fields.add
        add(form, "project.title", self.title_edit, N_("&Title:"))
        add(form, "project.acronym", self.acronym_edit, N_("&Acronym:"))
        add(form, "project.duration_months", self.duration_spin, N_("&Duration:"))
        add(form, "project.start_date", self.date_edit, N_("&Start date:"),
            editor=self.date_edit.line)
        add(form, "project.summary", summary_box, N_("Su&mmary:"), editor=self.summary_edit)

        self.title_edit.textEdited.connect(lambda text: self._set("title", text))
        self.acronym_edit.textEdited.connect(lambda text: self._set("acronym", text))
        self.duration_spin.valueChanged.connect(
            lambda value: self._set("duration_months", value or None))
        self.date_edit.date_edited.connect(lambda iso: self._set("start_date", iso))
        self.summary_edit.textChanged.connect(self._summary_changed)
        session.proposal_changed.connect(self.load_from_session)
        self.finish_setup()

    def _set(self, name: str, value) -> None:
        self.session.set_project_field(name, value)

    def _summary_changed(self) -> None:
        text = self.summary_edit.toPlainText()
        self._update_counter(text)
        self._set("summary", text)

    def _update_counter(self, text: str) -> None:
        n = len(text)
        self.summary_counter.setText(ngettext("{n} character", "{n} characters", n).format(n=n))

    def load_from_session(self) -> None:
        """Show the session's values; only widgets whose value differs are touched."""
        project = self.session.proposal.project
        for edit, value in ((self.title_edit, project.title), (self.acronym_edit, project.acronym)):
            if edit.text() != value:
                with QSignalBlocker(edit):
                    edit.setText(value)
        duration = project.duration_months or 0
        if self.duration_spin.value() != duration:
            with QSignalBlocker(self.duration_spin):
                self.duration_spin.setValue(duration)
        self.date_edit.set_iso(project.start_date)
        if self.summary_edit.toPlainText() != project.summary:
            with QSignalBlocker(self.summary_edit):
                self.summary_edit.setPlainText(project.summary)
        self._update_counter(project.summary)

    def retranslate(self) -> None:
        super().retranslate()
        self.setSubTitle(_("What the alliance is called, how long it runs and what it is about."))
        self.title_edit.setPlaceholderText(_("For example: Digital skills for small retailers"))
        self.acronym_edit.setPlaceholderText(_("A short name, for example DIGIRETAIL"))
        self.duration_spin.setSuffix(" " + _("months"))
        self.duration_spin.setSpecialValueText(_("not set"))
        self.date_edit.retranslate()
        self.date_edit.line.setToolTip(_("Leave empty while the start date is not known"))
        self.summary_edit.setPlaceholderText(_(
            "In a few sentences: the problem in the sector, what the alliance will do about "
            "it, and the result."))
        self._update_counter(self.summary_edit.toPlainText())

