"""What every wizard page shares: the session, re-wording, and where findings belong."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget, QWizardPage

from ssa_wizard.rules import Finding, Report

from ..session import Session

#: Page keys, in the order of the wizard.
PAGES = ("start", "project", "sector", "partners", "activities", "plans", "review")

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


class WizardPage(QWizardPage):
    """A page that edits the session's proposal and redraws from its signals.

    Subclasses build their widgets in ``__init__``, set every text in
    ``retranslate()`` (called once at the end of construction and again when the
    language changes), fill their fields in ``load_from_session()`` and show
    findings in ``show_report()``. ``focus_finding()`` puts the cursor on the
    field a finding is about.
    """

    key = ""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        session.report_changed.connect(self.show_report)
        session.proposal_replaced.connect(self.load_from_session)

    def finish_setup(self) -> None:
        """Call at the end of a subclass's ``__init__``."""
        self.retranslate()
        self.load_from_session()
        self.show_report(self.session.report)

    def retranslate(self) -> None:
        """Set every visible text in the current language."""

    def load_from_session(self) -> None:
        """Fill the widgets from the session's proposal."""

    def show_report(self, report: Report) -> None:
        """Show the findings that concern this page."""

    def focus_finding(self, finding: Finding) -> None:
        """Put the keyboard focus on the field ``finding`` is about."""
