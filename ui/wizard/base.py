"""What every wizard page shares: the session, re-wording, and where findings belong.

Besides the ``WizardPage`` life cycle (build, ``retranslate``, ``load_from_session``,
``show_report``, ``focus_finding``), every page has ``fields``, the rows of its
inputs (``ui.widgets.field_rows.FieldRows``): a page adds an input with
``self.fields.add(form, "project.title", edit, N_("&Title:"))`` and the base class
re-words those rows, puts the findings under them and focuses them by name.

``field_widget(name)`` and ``field_findings(name)`` are the pages' stable way in for
tests and scripts (``benchmarks/keystroke.py``): the input of a field and the label
with its findings, by the field's name (``project.title``; on the Partners and
Activities pages, the name within the record: ``name``, ``pic``, ``kind``), whatever
the widgets are called inside.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget, QWizardPage

# The pages as data (keys, titles) and where each finding is fixed live in the core,
# which words the next step and the messages with them; re-exported for the pages.
from ssa_wizard.guidance import PAGE_TITLES, PAGES, page_of  # noqa: F401
from ssa_wizard.i18n import _

if TYPE_CHECKING:  # the Start page is built before the proposal model is loaded
    from ssa_wizard.rules import Finding, Report

    from ..session import Session
    from ..widgets.field_rows import FieldRows
    from ..widgets.findings import FindingLabel
    from ..widgets.master_detail import MasterDetail


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

    def __init__(self, session: Session | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session: Session | None = None
        self._fields: FieldRows | None = None
        if session is not None:
            self.bind_session(session)

    @property
    def fields(self) -> FieldRows:
        """The labelled inputs of the page, by field name (made when first asked for:
        the Start page has none, and is painted before the field machinery is loaded)."""
        if self._fields is None:
            from ..widgets.field_rows import FieldRows

            self._fields = FieldRows()
        return self._fields

    @fields.setter
    def fields(self, rows: FieldRows) -> None:
        self._fields = rows

    def bind_session(self, session: Session) -> None:
        """Edit and redraw from ``session`` (the Start page is bound after start-up)."""
        self.session = session
        session.report_changed.connect(self.show_report)
        session.proposal_replaced.connect(self.load_from_session)

    def scrolling_body(self) -> QWidget:
        """A widget that fills the page and scrolls up and down (never sideways) when
        the page is lower than its content: build the page's layout on it."""
        from ..widgets.field_rows import keep_focus_in_view

        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(area)
        area.setWidget(body)
        keep_focus_in_view(area)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(area)
        self.body_scroll = area
        return body

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

    # --- fields by name ------------------------------------------------------------------

    def field_widget(self, name: str) -> QWidget | None:
        """The input of the field ``name`` (see the module docstring), or None."""
        return None if self._fields is None else self._fields.widget(name)

    def field_findings(self, name: str) -> FindingLabel | None:
        """The label that shows the findings about the field ``name``, or None."""
        return None if self._fields is None else self._fields.findings_of(name)

    def unstored_inputs(self) -> list[tuple[str, str]]:
        """(label, text) of the inputs showing typed text the proposal does not hold."""
        return [] if self._fields is None else self._fields.unstored()

    def retranslate_fields(self) -> None:
        if self._fields is not None:
            self._fields.retranslate()

    def show_field_findings(self, report: Report) -> None:
        if self._fields is not None:
            self._fields.show_findings(report.findings)

    def focus_field(self, field: str) -> bool:
        """Focus the input of the proposal field ``field``; False if this page has none."""
        if self._fields is None:
            return False
        name = self._fields.name_of(field)
        return name is not None and self._fields.focus(name)


class RecordsPage(WizardPage):
    """A page with a list of records and a form for the chosen one (Partners, Activities).

    The subclass builds ``self.master``, a ``ui.widgets.master_detail.MasterDetail``,
    and connects its ``current_changed`` to ``_current_changed``; what the page can
    do with its records is then the same on both pages (each also names choosing
    and adding after its own kind of record: ``select_member``, ``add_activity``).
    """

    master: MasterDetail

    def current_id(self) -> str | None:
        """The id of the chosen record, or None."""
        return self.master.current_id()

    def select_record(self, record_id: str | None) -> None:
        """Choose ``record_id``: its row selected and shown, the form filled."""
        self.master.select(record_id)

    def add_record(self) -> str:
        """Add an empty record after the chosen one; the cursor goes into its form."""
        return self.master.add()

    def duplicate_record(self) -> str | None:
        return self.master.duplicate()

    def remove_records(self) -> None:
        self.master.remove()

    def move_record(self, step: int) -> None:
        self.master.move(step)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Leaving the page leaves the records just added: their findings show from now.
        self.master.leave_fresh()
        super().hideEvent(event)

    def _current_changed(self, _record_id: str | None) -> None:
        self._fill_form()
        self.show_report(self.session.report)

    def _fill_form(self) -> None:
        """Show the chosen record in the form."""
