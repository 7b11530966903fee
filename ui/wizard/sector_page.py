"""The sector (one of the rulebook's) and the specific objectives (any of them).

The two boxes stand side by side; their texts wrap (the objectives are long,
longer still in Dutch) and the page scrolls up and down on a small screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QSignalBlocker
from PySide6.QtWidgets import (QButtonGroup, QGroupBox, QHBoxLayout, QLabel, QRadioButton,
                               QVBoxLayout, QWidget)

from ssa_wizard import labels, rulebook
from ssa_wizard.i18n import _
from ssa_wizard.rules import Finding, Report

from ..session import Session
from ..widgets.field_rows import WrappingCheckBox
from ..widgets.findings import FindingLabel, select
from .base import WizardPage


class SectorPage(WizardPage):
    """Seven sectors as radio buttons with a description each; objectives as checkboxes."""

    key = "sector"

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        book = rulebook.load(session.proposal.rulebook)
        self._sector_codes = list(book.sectors)
        self._objective_codes = list(book.objectives)
        body = self.scrolling_body()
        layout = QHBoxLayout(body)

        self.sector_box = QGroupBox(body)
        sector_layout = QVBoxLayout(self.sector_box)
        sector_layout.setSpacing(1)
        self.sector_group = QButtonGroup(self)
        self.sector_buttons: dict[str, QRadioButton] = {}
        self.sector_descriptions: dict[str, QLabel] = {}
        for index, code in enumerate(self._sector_codes):
            button = QRadioButton(self.sector_box)
            description = QLabel(self.sector_box)
            description.setWordWrap(True)
            description.setTextFormat(Qt.TextFormat.PlainText)
            description.setIndent(22)
            description.setStyleSheet("color: #5f5f5f;")
            self.sector_group.addButton(button, index)
            self.sector_buttons[code] = button
            self.sector_descriptions[code] = description
            sector_layout.addWidget(button)
            sector_layout.addWidget(description)
            sector_layout.addSpacing(3)
        self.sector_findings = FindingLabel(self.sector_box)
        sector_layout.addWidget(self.sector_findings)
        sector_layout.addStretch(1)
        layout.addWidget(self.sector_box, 1)

        self.objective_box = QGroupBox(body)
        objective_layout = QVBoxLayout(self.objective_box)
        self.priority_hint = QLabel(self.objective_box)
        self.priority_hint.setWordWrap(True)
        objective_layout.addWidget(self.priority_hint)
        self.objective_checks: dict[str, WrappingCheckBox] = {}
        for code in self._objective_codes:
            check = WrappingCheckBox(parent=self.objective_box)
            self.objective_checks[code] = check
            objective_layout.addWidget(check)
            check.toggled.connect(self._objectives_changed)
        self.objective_findings = FindingLabel(self.objective_box)
        objective_layout.addWidget(self.objective_findings)
        objective_layout.addStretch(1)
        layout.addWidget(self.objective_box, 1)

        self.sector_group.idToggled.connect(self._sector_toggled)
        session.proposal_changed.connect(self.load_from_session)
        self.finish_setup()

    def _sector_toggled(self, index: int, checked: bool) -> None:
        if checked:
            self.session.set_project_field("sector", self._sector_codes[index])

    def _objectives_changed(self) -> None:
        chosen = [code for code in self._objective_codes if self.objective_checks[code].isChecked()]
        # Objectives this rulebook does not know stay in the file as they were.
        unknown = [o for o in self.session.proposal.project.objectives
                   if o not in self._objective_codes]
        self.session.set_project_field("objectives", chosen + unknown)

    def load_from_session(self) -> None:
        project = self.session.proposal.project
        button = self.sector_buttons.get(project.sector)
        if button is not None and not button.isChecked():
            with QSignalBlocker(self.sector_group), QSignalBlocker(button):
                button.setChecked(True)
        elif button is None and self.sector_group.checkedButton() is not None:
            # No sector (or an unknown one): no radio button may stay checked.
            with QSignalBlocker(self.sector_group):
                self.sector_group.setExclusive(False)
                self.sector_group.checkedButton().setChecked(False)
                self.sector_group.setExclusive(True)
        for code, check in self.objective_checks.items():
            wanted = code in project.objectives
            if check.isChecked() != wanted:
                with QSignalBlocker(check):
                    check.setChecked(wanted)

    def retranslate(self) -> None:
        super().retranslate()
        self.setSubTitle(_("The sector the alliance works for, and the priorities it addresses."))
        self.sector_box.setTitle(_("&Sector (choose one)"))
        self.sector_box.setAccessibleName(_("Sector"))
        for code, button in self.sector_buttons.items():
            button.setText(labels.sector(code))
            button.setAccessibleName(labels.sector(code))
            description = labels.sector_description(code)
            self.sector_descriptions[code].setText(description)
            button.setAccessibleDescription(description)
        self.objective_box.setTitle(_("Specific &objectives (choose any)"))
        self.objective_box.setAccessibleName(_("Specific objectives"))
        self.priority_hint.setText(_("Priority is given to proposals that address at least one "
                                     "of these objectives."))
        for code, check in self.objective_checks.items():
            check.setText(labels.objective(code))
            check.setAccessibleName(labels.objective(code))

    def show_report(self, report: Report) -> None:
        self.sector_findings.set_findings(select(report, "project.sector"))
        self.objective_findings.set_findings(select(report, "project.objectives"))

    def focus_finding(self, finding: Finding) -> None:
        if finding.field == "project.objectives":
            next(iter(self.objective_checks.values())).setFocus()
        else:
            (self.sector_group.checkedButton()
             or self.sector_buttons[self._sector_codes[0]]).setFocus()
