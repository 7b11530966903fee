"""What every wizard page shares: the session, re-wording, and where findings belong.

Besides the ``WizardPage`` life cycle (build, ``retranslate``, ``load_from_session``,
``show_report``, ``focus_finding``), pages may use ``add_field`` to put an input in
a ``QFormLayout`` with its label (buddy and accessible name) and a ``FindingLabel``
right under it; the base class then re-words, fills the findings of and focuses
those fields by their proposal field name (``project.title``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (QFormLayout, QLabel, QVBoxLayout, QWidget, QWizardPage)

from ssa_wizard.i18n import N_, _

from ..widgets.text import plain

if TYPE_CHECKING:  # the Start page is built before the proposal model is loaded
    from ssa_wizard.rules import Finding, Report

    from ..session import Session
    from ..widgets.findings import FindingLabel

#: Page keys, in the order of the wizard.
PAGES = ("start", "project", "sector", "partners", "activities", "plans", "review")
#: Each page's title (a msgid); the side list shows them before the pages exist.
PAGE_TITLES = {
    "start": N_("Welcome"), "project": N_("Project"), "sector": N_("Sector and objectives"),
    "partners": N_("Partners"), "activities": N_("Activities"), "plans": N_("Plans"),
    "review": N_("Review"),
}

_FIELD_PAGES = {
    "project.title": "project", "project.acronym": "project",
    "project.duration_months": "project", "project.start_date": "project",
    "project.summary": "project",
    "project.sector": "sector", "project.objectives": "sector",
}
_RULE_PAGES = {
    "E-CORE-ACTIVITY": "activities",
    "E-MIN-COUNTRIES": "partners", "E-MIN-EU-MEMBERS": "partners", "E-MIN-ORGS": "partners",
    "E-COUNTRY-TRIO": "partners", "E-APPLICANT-COUNT": "partners",
    "I-UMBRELLA-EXEMPTION": "partners", "I-ASSOCIATED-NOT-COUNTED": "partners",
}


def page_of(finding: Finding) -> str:
    """The key of the page where the user fixes ``finding``."""
    field = finding.field or ""
    if field in _FIELD_PAGES:
        return _FIELD_PAGES[field]
    if field.startswith("plans."):
        return "plans"
    if finding.activity is not None or field.startswith("activity."):
        return "activities"
    if finding.partner is not None or field.startswith("partner."):
        return "partners"
    return _RULE_PAGES.get(finding.rule, "review")


def findings_on(report: Report, page: str) -> list[Finding]:
    """The findings that the page ``page`` is where to fix."""
    return [f for f in report.findings if page_of(f) == page]


@dataclass
class FieldRow:
    """One proposal field on a page: its label, its input and its findings."""

    field: str
    label: QLabel
    widget: QWidget
    findings: FindingLabel
    #: The label's msgid (English, with its mnemonic), translated when shown.
    text: str


class WizardPage(QWizardPage):
    """A page that edits the session's proposal and redraws from its signals.

    Subclasses build their widgets in ``__init__``, set every text in
    ``retranslate()`` (called once at the end of construction and again when the
    language changes), fill their fields in ``load_from_session()`` and show
    findings in ``show_report()``. ``focus_finding()`` puts the cursor on the
    field a finding is about.
    """

    key = ""

    def __init__(self, session: Session | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session: Session | None = None
        self._rows: dict[str, FieldRow] = {}
        if session is not None:
            self.bind_session(session)

    def bind_session(self, session: Session) -> None:
        """Edit and redraw from ``session`` (the Start page is bound after start-up)."""
        self.session = session
        session.report_changed.connect(self.show_report)
        session.proposal_replaced.connect(self.load_from_session)

    def finish_setup(self) -> None:
        """Call at the end of a subclass's ``__init__``."""
        self.retranslate()
        if self.session is not None:
            self.load_from_session()
            self.show_report(self.session.report)

    def retranslate(self) -> None:
        """Set every visible text in the current language."""
        self.setTitle(_(PAGE_TITLES.get(self.key, self.key)))
        self.retranslate_fields()

    def load_from_session(self) -> None:
        """Fill the widgets from the session's proposal."""

    def show_report(self, report: Report) -> None:
        """Show the findings that concern this page."""
        self.show_field_findings(report)

    def focus_finding(self, finding: Finding) -> None:
        """Put the keyboard focus on the field ``finding`` is about."""
        self.focus_field(finding.field or "")

    # --- helpers for pages built from field rows -----------------------------------

    def add_field(self, form: QFormLayout, field: str, widget: QWidget, text: str,
                  editor: QWidget | None = None) -> FieldRow:
        """Add ``widget`` to ``form`` under the label ``text`` (a msgid), findings below.

        ``editor`` is the input that gets the label's buddy, the accessible name and
        the focus, when ``widget`` is a container around it.
        """
        from ..widgets.findings import FindingLabel

        editor = editor or widget
        label = QLabel(self)
        label.setBuddy(editor)
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        findings = FindingLabel(box)
        column.addWidget(findings)
        form.addRow(label, box)
        row = FieldRow(field, label, editor, findings, text)
        self._rows[field] = row
        return row

    def field_row(self, field: str) -> FieldRow | None:
        return self._rows.get(field)

    def retranslate_fields(self) -> None:
        for row in self._rows.values():
            text = _(row.text)
            row.label.setText(text)
            row.widget.setAccessibleName(plain(text))

    def show_field_findings(self, report: Report) -> None:
        from ..widgets.findings import select

        for row in self._rows.values():
            row.findings.set_findings(select(report, row.field))

    def focus_field(self, field: str) -> bool:
        """Focus the input of ``field``; False if this page has no such field."""
        row = self._rows.get(field)
        if row is None:
            return False
        row.widget.setFocus()
        return True
