"""The activities page: a list of activities, a form for the chosen one, a timeline.

Like the partners page, it keeps only the id of the chosen activity (in its
``MasterDetail``, which also runs Add, Duplicate, Remove and Move); the list, the
form and the timeline read the session's proposal and follow its signals. Edits go
to the session as undoable steps. The form shows the fields an activity's kind
needs: evidence for a skills-needs analysis, the purpose for mobility (the data of
a hidden field stay in the proposal; switching the kind back shows them again).

Months are ``MonthField``s: what is typed is kept (month 40 of 36 stays 40, and the
rules flag it), the arrows stay within the project's duration. 0 shows as "not set".
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QScrollArea, QVBoxLayout, QWidget)

from ssa_wizard import labels, messages
from ssa_wizard.i18n import N_, _
from ssa_wizard.model import Activity, Partner
from ssa_wizard.rulebook import RulebookError
from ssa_wizard.rulebook import load as load_rulebook
from ssa_wizard.rules import Finding, Report

from ..session import Session
from ..widgets.field_rows import FieldRows, fit_form, text_box
from ..widgets.findings import severity_icon, worst
from ..widgets.master_detail import DividingSplitter, MasterDetail, Records
from ..widgets.month_field import MonthField
from ..widgets.timeline import TimelineWidget
from .base import PAGE_TITLES, RecordsPage, findings_on

_IdRole = Qt.ItemDataRole.UserRole


class ActivitiesPage(RecordsPage):
    """What the alliance will do, when, and who leads it."""

    key = "activities"
    select_activity = RecordsPage.select_record
    add_activity = RecordsPage.add_record

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self._filling = False
        #: The rows by field name (``kind``); findings about ``activity.kind`` go under it.
        self.fields = FieldRows(prefix="activity.")
        self._members_shown: tuple = ()
        #: The proposal changed while the page was hidden: refresh when shown.
        self._stale = False
        #: A report came while the page was hidden: show it when shown.
        self._report_stale = False

        blank = QPixmap(16, 16)
        blank.fill(Qt.GlobalColor.transparent)
        self._blank_icon = QIcon(blank)
        self.list = QListWidget(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.setIconSize(QSize(16, 16))
        self.list.setSpacing(2)
        self.master = MasterDetail(
            self, self.list, Records(
                ids=lambda: [a.id for a in self.session.proposal.activities],
                add=lambda index: self.session.add_activity(index=index),
                duplicate=self.session.duplicate_activity,
                remove=self.session.remove_activities,
                move=self.session.move_activity,
                blank=self._blank),
            id_role=_IdRole, orientation=Qt.Orientation.Horizontal, sizes=(360, 640))
        self.editing = self.master.editing
        (self.add_action, self.duplicate_action, self.remove_action,
         self.move_up_action, self.move_down_action) = self.editing.all()
        self.toolbar = self.master.toolbar
        self.splitter = self.master.splitter
        self.page_findings, self.page_findings_title = (self.master.findings,
                                                        self.master.findings_title)
        self.heading, self.activity_findings = self.master.heading, self.master.record_findings
        self.form_box = QWidget(self.master.detail)
        form = FieldRows.form(self.form_box)
        form.setContentsMargins(0, 0, 0, 0)  # the detail pane has the margins
        self._build_form(form)
        self.master.set_form(self.form_box, add_focus=self.kind_combo,
                             duplicate_focus=self.title_edit,
                             fit=lambda width: fit_form(form, width))
        self.master.remember("layout/activities_splitter")

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.toolbar)
        self.vertical = DividingSplitter(Qt.Orientation.Vertical, self, self._divide)
        self._timeline_moved = False
        self.vertical.splitterMoved.connect(lambda *_: setattr(self, "_timeline_moved", True))
        self.vertical.setChildrenCollapsible(False)
        outer.addWidget(self.vertical, 1)
        self.timeline = TimelineWidget(session)
        self.timeline_scroll = QScrollArea(self.vertical)
        self.timeline_scroll.setWidgetResizable(True)
        self.timeline_scroll.setWidget(self.timeline)
        self.timeline_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.timeline_scroll.setMinimumHeight(90)
        self.vertical.addWidget(self.splitter)
        self.vertical.addWidget(self.timeline_scroll)
        # The form gets the room; the timeline what is left, and never more than it
        # needs to show every activity (no half-empty timeline under a cramped form).
        self.vertical.setStretchFactor(0, 1)
        self.vertical.setStretchFactor(1, 0)
        self.vertical.setSizes([420, 160])
        self._fit_timeline()

        self.master.current_changed.connect(self._current_changed)
        self.master.finding_chosen.connect(self.focus_finding)
        self.timeline.activity_clicked.connect(self.select_activity)
        session.structure_changed.connect(self._rebuild_list)
        session.proposal_changed.connect(self._proposal_changed)
        self._rebuild_list()
        self.finish_setup()

    # --- building ------------------------------------------------------------------------

    def _build_form(self, form: QFormLayout) -> None:
        self.kind_combo = QComboBox()
        self.title_edit = QLineEdit()
        self.description_edit = text_box(56, 84)
        self.lead_combo = QComboBox()
        self.participants_list = QListWidget()
        self.participants_list.setMinimumHeight(80)
        self.participants_list.setMaximumHeight(130)
        months = QWidget()
        months_row = QHBoxLayout(months)
        months_row.setContentsMargins(0, 0, 0, 0)
        self.start_spin = MonthField()
        self.end_spin = MonthField()
        self.end_label = QLabel()
        months_row.addWidget(self.start_spin)
        months_row.addWidget(self.end_label)
        months_row.addWidget(self.end_spin)
        months_row.addStretch(1)
        self.end_label.setBuddy(self.end_spin)
        self.evidence_edit = text_box(56, 84)
        self.purpose_edit = text_box(56, 84)

        add = self.fields.add
        add(form, "kind", self.kind_combo, N_("&Kind:"))
        add(form, "title", self.title_edit, N_("&Title:"))
        add(form, "description", self.description_edit, N_("Descri&ption:"))
        add(form, "lead", self.lead_combo, N_("Le&ad:"))
        add(form, "partners", self.participants_list, N_("Parti&cipants:"))
        add(form, "period", months, N_("&Start month:"), editor=self.start_spin)
        add(form, "evidence", self.evidence_edit, N_("Evi&dence of the needs:"))
        add(form, "purpose", self.purpose_edit, N_("P&urpose of the mobility:"))

        self.kind_combo.activated.connect(
            lambda _i: self._edit("kind", self.kind_combo.currentData() or ""))
        self.title_edit.textEdited.connect(lambda text: self._edit("title", text))
        for name, edit in (("description", self.description_edit),
                           ("evidence", self.evidence_edit), ("purpose", self.purpose_edit)):
            edit.textChanged.connect(lambda n=name, e=edit: self._edit(n, e.toPlainText()))
        self.lead_combo.activated.connect(
            lambda _i: self._edit("lead", self.lead_combo.currentData() or ""))
        self.participants_list.itemChanged.connect(self._participant_toggled)
        self.start_spin.valueChanged.connect(lambda v: self._edit("start_month", v or None))
        self.end_spin.valueChanged.connect(lambda v: self._edit("end_month", v or None))

    #: The timeline's share of the page's height at most, until the user moves it.
    TIMELINE_SHARE = 0.3

    def _divide(self) -> None:
        """The form gets the room; the timeline what it needs, up to a share of it."""
        sizes = self.vertical.sizes()
        total = sum(sizes)
        if self._timeline_moved or total <= 0 or len(sizes) < 2:
            return
        timeline = min(self.timeline_scroll.maximumHeight(),
                       max(self.timeline_scroll.minimumHeight(),
                           round(total * self.TIMELINE_SHARE)))
        if sizes[1] != timeline:
            self.vertical.setSizes([total - timeline, timeline])

    def _fit_timeline(self) -> None:
        """The timeline's pane is at most as tall as the timeline."""
        frame = 2 * self.timeline_scroll.frameWidth()
        self.timeline_scroll.setMaximumHeight(
            max(self.timeline_scroll.minimumHeight(), self.timeline.sizeHint().height() + frame))
        self._divide()

    def _blank(self, activity_id: str, field: str) -> bool:
        activity = self.session.proposal.activity(activity_id)
        if activity is None:
            return True
        if field == "period":
            return activity.start_month is None and activity.end_month is None
        return not getattr(activity, field, None)

    def _rulebook(self):
        try:
            return load_rulebook(self.session.proposal.rulebook)
        except RulebookError:  # files for unknown rulebooks are refused; a safe default
            return load_rulebook("ssa-2014")

    # --- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setTitle(_(PAGE_TITLES[self.key]))
        self.setSubTitle(_("What the alliance will do, who leads it, and when. Choose an "
                           "activity in the list to edit it."))
        self.editing.retranslate(
            add=_("Add an activity (Ctrl+Shift+N or Insert)"),
            duplicate=_("Add a copy of the selected activity (Ctrl+D)"),
            remove=_("Remove the selected activity (Delete); Undo brings it back"),
            move_up=_("Move the selected activity up (Alt+Up)"),
            move_down=_("Move the selected activity down (Alt+Down)"))
        self.toolbar.setAccessibleName(_("Activity actions"))
        self.master.retranslate()
        self.vertical.retranslate()
        self.list.setAccessibleName(_("Activities"))
        self.page_findings_title.setText(_("About all the activities:"))
        self.page_findings.setAccessibleName(_("Findings about all the activities"))
        self.fields.retranslate()
        self.end_label.setText(_("End m&onth:"))
        self.end_spin.setAccessibleName(_("End month"))
        # The text field inside a spin box is an input of its own for some tools.
        self.end_spin.findChild(QLineEdit).setAccessibleName(self.end_spin.accessibleName())
        for spin in (self.start_spin, self.end_spin):
            spin.setSpecialValueText(_("not set"))
            spin.setToolTip(_("A month of the project: 1 is its first month."))
        self.lead_combo.setToolTip(_("The member responsible for this activity; better a "
                                     "full partner than an associated one."))
        self.participants_list.setToolTip(_("Tick every member that takes part."))
        self.evidence_edit.setToolTip(_("Where the needs come from: studies, statistics, "
                                        "surveys."))
        self.purpose_edit.setToolTip(_("How this mobility serves the project's objectives."))
        self._fill_kinds()
        self.activity_findings.refresh_text()
        self.timeline.retranslate()
        self._members_shown = ()
        self._refresh_list_texts()
        self._fill_form()
        self.show_report(self.session.report)

    def _fill_kinds(self) -> None:
        with QSignalBlocker(self.kind_combo):
            self.kind_combo.clear()
            self.kind_combo.addItem(_("(choose a kind)"), "")
            for code in self._rulebook().activity_kinds:
                self.kind_combo.addItem(labels.activity_kind(code), code)
                self.kind_combo.setItemData(self.kind_combo.count() - 1,
                                            labels.activity_kind_description(code),
                                            Qt.ItemDataRole.ToolTipRole)

    # --- the list --------------------------------------------------------------------------

    def _item_text(self, number: int, activity: Activity) -> str:
        title = activity.title or _("(no title yet)")
        if activity.start_month is not None and activity.end_month is not None:
            when = _("months {start}–{end}").format(start=activity.start_month,
                                                   end=activity.end_month)
        else:
            when = _("months not set yet")
        kind = labels.activity_kind(activity.kind)
        return f"{number}. {title}\n{kind} · {when}"

    def _rebuild_list(self) -> None:
        activities = self.session.proposal.activities
        with QSignalBlocker(self.list):
            self.list.clear()
            for activity in activities:
                item = QListWidgetItem()
                item.setData(_IdRole, activity.id)
                self.list.addItem(item)
        self._refresh_list_texts()
        self._refresh_list_icons(self.session.report)
        self.master.follow_rows()
        self._fit_timeline()

    def _refresh_list_texts(self) -> None:
        for row, activity in enumerate(self.session.proposal.activities):
            item = self.list.item(row)
            if item is not None:
                text = self._item_text(row + 1, activity)
                if item.text() != text:
                    item.setText(text)

    def _refresh_list_icons(self, report: Report) -> None:
        by_activity: dict[str, list[Finding]] = {}
        for finding in report.findings:
            if finding.activity is not None:
                by_activity.setdefault(finding.activity, []).append(finding)
        for row in range(self.list.count()):
            item = self.list.item(row)
            severity = worst(by_activity.get(item.data(_IdRole), []))
            # A blank icon keeps the texts of rows with and without findings aligned.
            item.setIcon(severity_icon(severity, self) if severity else self._blank_icon)
            item.setToolTip("\n".join(messages.message(f)
                                      for f in by_activity.get(item.data(_IdRole), [])))

    # --- following the session -------------------------------------------------------------

    def load_from_session(self) -> None:
        self._fill_kinds()
        self._members_shown = ()
        self._fill_form()

    def current_activity(self) -> Activity | None:
        activity_id = self.master.current_id()
        return self.session.proposal.activity(activity_id) if activity_id else None

    def _current_changed(self, activity_id: str | None) -> None:
        self.timeline.set_current(activity_id)
        super()._current_changed(activity_id)

    def _proposal_changed(self) -> None:
        # Typing a member's name on the Partners page must not rebuild this page's
        # 300-member choices on every keystroke: a hidden page catches up when shown.
        if not self.isVisible():
            self._stale = True
            return
        self._refresh_list_texts()
        self._fill_form()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self._refresh_list_texts()
            self._fill_form()
        if self._report_stale:
            self.show_report(self.session.report)

    def _members_signature(self) -> tuple:
        return tuple((p.id, p.name, p.role) for p in self.session.proposal.partners)

    def _fill_members(self, activity: Activity | None) -> None:
        """The lead and participant choices: the members, as they are now.

        The lists are rebuilt only when the members or the activity change; a tick or
        a lead chosen updates them in place, so the keyboard focus stays where it is.
        """
        members = self.session.proposal.partners
        known = {p.id for p in members}
        lead = activity.lead if activity else ""
        chosen = list(activity.partners) if activity else []
        extra_lead = (lead,) if lead and lead not in known else ()
        extra = tuple(pid for pid in chosen if pid not in known)
        signature = (self._members_signature(), activity.id if activity else None,
                     extra_lead, extra)
        if signature != self._members_shown:
            self._members_shown = signature
            by_id = {p.id: p for p in members}
            with QSignalBlocker(self.lead_combo):
                self.lead_combo.clear()
                self.lead_combo.addItem(_("(no lead yet)"), "")
                for partner_id in [p.id for p in members] + list(extra_lead):
                    self.lead_combo.addItem(self._member_name(partner_id, by_id), partner_id)
            with QSignalBlocker(self.participants_list):
                self.participants_list.clear()
                for partner_id in [p.id for p in members] + list(extra):
                    item = QListWidgetItem(self._member_name(partner_id, by_id))
                    item.setData(_IdRole, partner_id)
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                                  | Qt.ItemFlag.ItemIsSelectable)
                    # Without an explicit state the item has no check box at all.
                    item.setCheckState(Qt.CheckState.Unchecked)
                    self.participants_list.addItem(item)
        at = max(self.lead_combo.findData(lead), 0)
        if self.lead_combo.currentIndex() != at:
            with QSignalBlocker(self.lead_combo):
                self.lead_combo.setCurrentIndex(at)
        ticked = set(chosen)
        with QSignalBlocker(self.participants_list):
            for row in range(self.participants_list.count()):
                item = self.participants_list.item(row)
                state = (Qt.CheckState.Checked if item.data(_IdRole) in ticked
                         else Qt.CheckState.Unchecked)
                if item.checkState() != state:
                    item.setCheckState(state)

    def _member_name(self, partner_id: str, by_id: dict[str, Partner]) -> str:
        partner = by_id.get(partner_id)
        if partner is None:
            return _("Unknown member ({id})").format(id=partner_id)
        name = partner.name or _("(no name yet, {id})").format(id=partner.id)
        if partner.role == "associated":
            return _("{name} (associated partner)").format(name=name)
        return name

    def _fill_form(self) -> None:
        activity = self.current_activity()
        self.form_box.setEnabled(activity is not None)
        self._filling = True
        try:
            self._fill_members(activity)
            if activity is None:
                self.heading.setText(_("No activity chosen. Add one with the Add button "
                                       "(Ctrl+Shift+N), or choose one in the list."))
                for edit in (self.title_edit,):
                    edit.setText("")
                for edit in (self.description_edit, self.evidence_edit, self.purpose_edit):
                    if edit.toPlainText():
                        edit.setPlainText("")
                self.kind_combo.setCurrentIndex(0)
                self._set_months(None, None)
                self.fields["evidence"].set_shown(False)
                self.fields["purpose"].set_shown(False)
                return
            number, count = self.master.position(activity.id)
            self.heading.setText(_("Activity {number} of {count}: {title}").format(
                number=number, count=count, title=activity.title or _("(no title yet)")))
            at = self.kind_combo.findData(activity.kind)
            if at < 0 and activity.kind:
                # A kind this rulebook does not list: show it rather than hide it.
                self.kind_combo.addItem(activity.kind, activity.kind)
                at = self.kind_combo.count() - 1
            if self.kind_combo.currentIndex() != max(at, 0):
                self.kind_combo.setCurrentIndex(max(at, 0))
            if self.title_edit.text() != activity.title:
                self.title_edit.setText(activity.title)
            for edit, value in ((self.description_edit, activity.description),
                                (self.evidence_edit, activity.evidence),
                                (self.purpose_edit, activity.purpose)):
                if edit.toPlainText() != value:
                    edit.setPlainText(value)
            self._set_months(activity.start_month, activity.end_month)
            for name, kind in (("evidence", "skills_needs"), ("purpose", "mobility")):
                self.fields[name].set_shown(activity.kind == kind)
        finally:
            self._filling = False

    def _set_months(self, start: int | None, end: int | None) -> None:
        duration = self.session.proposal.project.duration_months
        for spin, value in ((self.start_spin, start), (self.end_spin, end)):
            spin.set_duration(duration)
            if spin.value() != (value or 0):
                spin.setValue(value or 0)

    def _edit(self, name: str, value) -> None:
        activity_id = self.current_id()
        if self._filling or activity_id is None:
            return
        self.session.set_activity_field(activity_id, name, value)

    def _participant_toggled(self, _item: QListWidgetItem) -> None:
        activity = self.current_activity()
        if self._filling or activity is None:
            return
        ticked = {self.participants_list.item(i).data(_IdRole)
                  for i in range(self.participants_list.count())
                  if self.participants_list.item(i).checkState() == Qt.CheckState.Checked}
        # Keep the order the proposal had, then add the newly ticked in member order.
        kept = [pid for pid in activity.partners if pid in ticked]
        added = [self.participants_list.item(i).data(_IdRole)
                 for i in range(self.participants_list.count())
                 if self.participants_list.item(i).data(_IdRole) in ticked
                 and self.participants_list.item(i).data(_IdRole) not in kept]
        self._edit("partners", kept + added)

    def show_report(self, report: Report) -> None:
        # A keystroke on another page must not re-word this page's findings and icons
        # of every activity: a hidden page shows the latest report when it is shown.
        if not self.isVisible():
            self._report_stale = True
            return
        self._report_stale = False
        activity_id = self.current_id()
        about = ([f for f in report.findings if f.activity == activity_id]
                 if activity_id else [])
        about = self.master.inline_findings(about, "activity.")
        general = [f for f in findings_on(report, self.key) if f.activity is None]
        self.master.show_findings(self.fields.show_findings(about), general)
        self._refresh_list_icons(report)

    # --- findings ----------------------------------------------------------------------------

    def focus_finding(self, finding: Finding) -> None:
        name = (finding.field or "").removeprefix("activity.")
        if finding.activity is not None:
            self.select_activity(finding.activity)
        if self.current_id() is None:
            self.master.focus_records()
            return
        if finding.rule == "E-CORE-ACTIVITY":
            name = "kind"
        widget = self.fields[name].widget if name in self.fields else self.title_edit
        if name == "period" and finding.params.get("problem") == "order":
            widget = self.end_spin
        self.master.show_input(widget)
