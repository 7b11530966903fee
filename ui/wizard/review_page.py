"""The review: every finding, grouped, with why each rule exists; save and print.

Activating a finding (double-click or Enter) asks the window to go to the page and
field concerned. The list is rebuilt only while the page is shown: with hundreds of
members there are hundreds of findings, and no keystroke elsewhere should pay for
a list nobody sees.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (QGroupBox, QHeaderView, QHBoxLayout, QLabel, QPushButton,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from ssa_wizard import labels, messages
from ssa_wizard.compare import fingerprint
from ssa_wizard.i18n import _
from ssa_wizard.rules import Finding, Report

from ..session import Session
from ..widgets.findings import SEVERITY_COLOURS, severity_icon
from .base import WizardPage

GROUPS = ("eligibility", "completeness", "advice")
_ROLE = Qt.ItemDataRole.UserRole


class ReviewPage(WizardPage):
    """All findings by group; "why?" shows the rule's explanation and source."""

    key = "review"
    #: A finding was activated: the window goes where it is fixed.
    finding_activated = Signal(object)
    save_requested = Signal()
    export_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self._stale = True
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        # Which version this is: the code printed on every page of the summary.
        self.fingerprint = QLabel(self)
        self.fingerprint.setWordWrap(True)
        self.fingerprint.setTextFormat(Qt.TextFormat.PlainText)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.fingerprint)

        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setRootIsDecorated(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(lambda *_a: self._show_why())

        self.tree.header().setStretchLastSection(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.why_box = QGroupBox(self)
        why_layout = QVBoxLayout(self.why_box)
        self.why_message = QLabel(self.why_box)
        self.why_title = QLabel(self.why_box)
        self.why_title.setStyleSheet("font-weight: bold;")
        self.why_text = QLabel(self.why_box)
        self.why_source = QLabel(self.why_box)
        self.why_source.setStyleSheet("font-style: italic; color: #5f5f5f;")
        for label in (self.why_message, self.why_title, self.why_text, self.why_source):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            why_layout.addWidget(label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.why_box)

        buttons = QHBoxLayout()
        self.go_button = QPushButton(self)
        self.save_button = QPushButton(self)
        self.export_button = QPushButton(self)
        for button in (self.go_button, self.save_button, self.export_button):
            button.setAutoDefault(False)
        buttons.addWidget(self.go_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.export_button)
        layout.addLayout(buttons)
        self.go_button.clicked.connect(lambda: self._activated(self.tree.currentItem()))
        self.save_button.clicked.connect(self.save_requested)
        self.export_button.clicked.connect(self.export_requested)
        self.finish_setup()

    # --- findings -------------------------------------------------------------------------

    def show_report(self, report: Report) -> None:
        self._stale = True
        if self.isVisible():
            self._rebuild()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._stale:
            self._rebuild()
        super().showEvent(event)

    def _rebuild(self) -> None:
        report = self.session.report
        self._stale = False
        current = self.tree.currentItem()
        current_key = current.data(0, _ROLE).key() if current and isinstance(
            current.data(0, _ROLE), Finding) else None
        self.tree.clear()
        verdict = [_("Eligible.") if report.eligible else _("Not eligible yet."),
                   _("Complete.") if report.complete else _("Not complete yet.")]
        counts = messages.counts(report) + "."
        hint = (_("Double-click a finding, or select it and press Enter, to go where you fix it.")
                if report.findings else _("Nothing to fix: the proposal meets every rule."))
        self.summary.setText(" ".join(verdict) + " " + counts + "\n" + hint)
        self.fingerprint.setText(_(
            "This is version {fingerprint} of the proposal, the code printed on every page of "
            "its summary. If a signed summary shows another code, the proposal has changed "
            "since: File ▸ Compare with… shows what.").format(
            fingerprint=fingerprint(self.session.proposal)))
        select_item = None
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for group in GROUPS:
            findings = [f for f in report.findings if f.group == group]
            top = QTreeWidgetItem([f"{labels.group(group)} ({len(findings)})"])
            top.setFont(0, bold)
            top.setData(0, _ROLE, group)
            self.tree.addTopLevelItem(top)
            for finding in findings:
                item = QTreeWidgetItem([messages.message(finding)])
                item.setIcon(0, severity_icon(finding.severity, self.tree))
                item.setForeground(0, QColor(SEVERITY_COLOURS[finding.severity]))
                item.setData(0, _ROLE, finding)
                item.setToolTip(0, f"{labels.severity(finding.severity)}: {messages.message(finding)}")
                top.addChild(item)
                if current_key is not None and finding.key() == current_key:
                    select_item = item
            top.setExpanded(True)
        self.tree.setCurrentItem(select_item or self.tree.topLevelItem(0))
        self._show_why()

    def findings_shown(self) -> list[Finding]:
        shown = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            shown += [top.child(j).data(0, _ROLE) for j in range(top.childCount())]
        return shown

    def item_of(self, finding: Finding) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                if top.child(j).data(0, _ROLE).key() == finding.key():
                    return top.child(j)
        return None

    def _activated(self, item: QTreeWidgetItem | None) -> None:
        finding = item.data(0, _ROLE) if item is not None else None
        if isinstance(finding, Finding):
            self.finding_activated.emit(finding)

    def _show_why(self) -> None:
        item = self.tree.currentItem()
        finding = item.data(0, _ROLE) if item is not None else None
        is_finding = isinstance(finding, Finding)
        self.go_button.setEnabled(is_finding)
        if not is_finding:
            self.why_message.setText(_("Select a finding to see why the rule exists."))
            self.why_title.clear()
            self.why_text.clear()
            self.why_source.clear()
            return
        self.why_message.setText(messages.message(finding))
        self.why_title.setText(f"{messages.title(finding.rule)} ({finding.rule})")
        self.why_text.setText(messages.explanation(finding.rule))
        source = messages.source(finding.rule)
        self.why_source.setText(_("Source (the programme's Dutch page): “{quote}”").format(
            quote=source) if source else "")

    # --- language -------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        self.setSubTitle(_("Everything the check found, and why. You can save and print "
                           "a draft at any time."))
        self.tree.setAccessibleName(_("Findings"))
        self.fingerprint.setAccessibleName(_("Version of the proposal"))
        self.why_box.setTitle(_("Why?"))
        self.why_box.setAccessibleName(_("Why this rule exists"))
        self.go_button.setText(_("&Go to the field"))
        self.save_button.setText(_("&Save"))
        self.export_button.setText(_("E&xport PDF…"))
        self.go_button.setAccessibleName(_("Go to the field"))
        self.save_button.setAccessibleName(_("Save"))
        self.export_button.setAccessibleName(_("Export PDF"))
        self._stale = True
        if self.isVisible():
            self._rebuild()
