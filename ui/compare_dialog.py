"""File ▸ Compare with…: what changed between another version and the proposal open now.

``CompareController`` asks which version to compare with (the ``.bak`` that the last
save replaced is offered first: "what did I just overwrite" is one click), reads and
compares it off the GUI thread (``ui.tasks.Task``), and shows a ``CompareDialog``: the
verdict change on top, then the changes grouped like the Review page (Project, Plans,
Members, Activities). Go to puts the cursor on a changed field, or on the member or
activity, for whatever still exists in the open proposal. "Print changes…" writes the
list as a PDF (``ssa_wizard.changes_pdf``), off the GUI thread too, with both versions'
fingerprints on it.

The other version is read, never written. The open proposal is compared as it is now,
unsaved edits included (a deep copy goes to the worker). Every text shown is plain
text: names and file names are user data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from ssa_wizard import i18n, storage
from ssa_wizard.compare import WHATS, Change, Comparison, Reader, compare
from ssa_wizard.i18n import _
from ssa_wizard.model import Proposal
from ssa_wizard.rules import Finding, Report

from .dialogs import Dialogs
from .session import Session
from .tasks import Task

_TARGET = Qt.ItemDataRole.UserRole
#: Fields whose input on the Activities page has another name.
_ACTIVITY_INPUTS = {"start_month": "period", "end_month": "period"}


def target_of(what: str, record_id: str | None, field: str | None) -> Finding:
    """Where Go to leads, said the way the pages understand: a finding about that field."""
    if what == "project":
        known = ("title", "acronym", "sector", "objectives", "duration_months", "start_date",
                 "summary")
        return Finding("", "info", field=f"project.{field if field in known else 'title'}")
    if what == "plans":
        return Finding("", "info", field=f"plans.{field}")
    if what == "partner":
        return Finding("", "info", partner=record_id,
                       field=f"partner.{field}" if field else "partner.name")
    name = _ACTIVITY_INPUTS.get(field or "", field or "title")
    return Finding("", "info", activity=record_id, field=f"activity.{name}")


def compare_with_file(path: str, proposal: Proposal, report: Report) -> Comparison:
    """Read the version at ``path`` and compare it with ``proposal`` (on a worker thread)."""
    loaded = storage.load(path)
    return compare(loaded.proposal, proposal, new_report=report)


def _changes_pdf(comparison: Comparison, lang: str, old_name: str, new_name: str, target: str,
                 cancelled) -> str:
    from ssa_wizard.changes_pdf import render_changes  # ReportLab loads here, off the GUI thread

    data = render_changes(comparison, lang=lang, old_name=old_name, new_name=new_name,
                          cancelled=cancelled)
    if cancelled():
        return target
    storage.write_bytes_atomic(target, data)
    return target


class CompareDialog(QDialog):
    """The changes from another version to the open proposal; Go to; Print changes."""

    #: Go to: the window shows the page and field of this ``Finding``.
    go_to_requested = Signal(object)
    #: The PDF of the changes was written (its path).
    printed = Signal(str)

    def __init__(self, comparison: Comparison, other: str, session: Session, dialogs: Dialogs,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.comparison = comparison
        self.other = other
        self.session = session
        self.dialogs = dialogs
        self.print_task: Task | None = None
        self.setWindowTitle(_("Changes since {name}").format(name=Path(other).name))
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        self.versions = self._label()
        self.verdict = self._label()
        self.verdict.setStyleSheet("font-weight: bold;")
        self.summary = self._label()
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setAccessibleName(_("Changes"))
        self.tree.itemActivated.connect(lambda item, _column: self.go_to(item))
        self.tree.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.status = self._label()
        for widget in (self.versions, self.verdict, self.summary):
            layout.addWidget(widget)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.go_button = QPushButton(_("&Go to"), self)
        self.go_button.setAccessibleName(_("Go to the change"))
        self.print_button = QPushButton(_("&Print changes…"), self)
        self.print_button.setAccessibleName(_("Print changes"))
        self.close_button = QPushButton(_("Close"), self)
        for button in (self.go_button, self.print_button, self.close_button):
            button.setAutoDefault(False)
        buttons.addWidget(self.go_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.go_button.clicked.connect(lambda: self.go_to(self.tree.currentItem()))
        self.print_button.clicked.connect(self.print_changes)
        self.close_button.clicked.connect(self.close)
        self.session.proposal_changed.connect(self._update_buttons)
        self.session.structure_changed.connect(self._update_buttons)
        # Another proposal opened (New, Open, a recovery): these changes are not its own.
        self.session.proposal_replaced.connect(self.close)
        self._fill()

    def _label(self) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # --- the list ---------------------------------------------------------------------------

    def _fill(self) -> None:
        comparison = self.comparison
        reader = Reader(comparison)
        old, new = comparison.fingerprints
        self.versions.setText(_(
            "{name} is version {old}; the proposal open now is version {new}.").format(
            name=Path(self.other).name, old=old, new=new))
        self.verdict.setText(reader.verdict())
        worse = (comparison.verdicts[0].eligible and not comparison.verdicts[1].eligible) or (
            comparison.verdicts[0].complete and not comparison.verdicts[1].complete)
        if worse:
            self.verdict.setStyleSheet("font-weight: bold; color: #b42318;")
        self.summary.setText(reader.summary())
        bold = QFont(self.tree.font())
        bold.setBold(True)
        muted = QColor("#5f6b7a")
        for what in WHATS:
            changes = comparison.of(what)
            if not changes:
                continue
            top = QTreeWidgetItem([f"{reader.group_title(what)} ({len(changes)})"])
            top.setFont(0, bold)
            self.tree.addTopLevelItem(top)
            for change in changes:
                if what in ("project", "plans"):
                    for field, before, after in change.fields:
                        top.addChild(self._item(reader.field_line(what, field, before, after),
                                                (what, None, field), reader, change, field))
                    continue
                record = self._item(reader.headline(change), (
                    what, change.id, None) if change.change != "removed" else None)
                if change.change == "removed":
                    record.setForeground(0, muted)
                top.addChild(record)
                for field, before, after in change.fields:
                    record.addChild(self._item(reader.field_line(what, field, before, after),
                                               (what, change.id, field), reader, change, field))
                record.setExpanded(True)
            top.setExpanded(True)
        self.tree.setCurrentItem(self._first_target())
        self._update_buttons()

    def _item(self, text: str, target: tuple | None, reader: Reader | None = None,
              change: Change | None = None, field: str | None = None) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        item.setData(0, _TARGET, target)
        if reader is not None and change is not None and field is not None:
            # The whole values, where the list shows them shortened.
            before, after = next((o, n) for f, o, n in change.fields if f == field)
            full = reader.field_line(change.what, field, before, after, width=None)
            if full != text:
                item.setToolTip(0, full)
        return item

    def _first_target(self) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top.childCount():
                return top.child(0)
        return None

    def items(self) -> list[QTreeWidgetItem]:
        """Every item of the list, groups included, top to bottom (for tests and scripts)."""
        found: list[QTreeWidgetItem] = []

        def walk(item: QTreeWidgetItem) -> None:
            found.append(item)
            for j in range(item.childCount()):
                walk(item.child(j))

        for i in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(i))
        return found

    def texts(self) -> list[str]:
        return [item.text(0) for item in self.items()]

    # --- Go to ------------------------------------------------------------------------------

    def exists(self, target: tuple | None) -> bool:
        """Whether what ``target`` names is still in the open proposal."""
        if target is None:
            return False
        what, record_id, _field = target
        proposal = self.session.proposal
        if what == "partner":
            return proposal.partner(record_id) is not None
        if what == "activity":
            return proposal.activity(record_id) is not None
        return True

    def _update_buttons(self, *_args: Any) -> None:
        item = self.tree.currentItem()
        target = item.data(0, _TARGET) if item is not None else None
        self.go_button.setEnabled(self.exists(target))

    def go_to(self, item: QTreeWidgetItem | None) -> bool:
        """Show the page and field of ``item``'s change; False when it no longer exists."""
        target = item.data(0, _TARGET) if item is not None else None
        if not self.exists(target):
            if target is not None:
                self.status.setText(_("That is no longer in the proposal."))
            return False
        self.go_to_requested.emit(target_of(*target))
        return True

    # --- Print changes ------------------------------------------------------------------------

    def suggested_pdf(self) -> str:
        if self.session.path is not None:
            folder = self.session.path.parent
        else:
            folder = Path(QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())
        stem = storage.file_stem(self.session.proposal)
        return str(folder / _("{stem}-changes-{old}-{new}.pdf").format(
            stem=stem, old=self.comparison.fingerprints[0], new=self.comparison.fingerprints[1]))

    def print_changes(self) -> None:
        """Ask for a PDF file, then write the changes to it off the GUI thread."""
        from .pdf_export import PdfExporter  # the same refusals as Export PDF

        if self.print_task is not None:
            return
        suggested = self.suggested_pdf()
        while True:
            target = self.dialogs.save_file(_("Print the changes as PDF"), suggested,
                                            _("PDF files (*.pdf)"))
            if not target:
                return
            if not target.lower().endswith((".pdf", ".json")):
                target += ".pdf"
            problem = PdfExporter(self.session, self.dialogs).refusal(target)
            if problem is None and Path(target).resolve() != Path(self.other).resolve():
                break
            self.dialogs.error(_("Print changes"), problem or _(
                "{name} is the version you compare with. The PDF may not replace it.").format(
                name=Path(target).name), _("Choose another name or folder for the PDF."))
            suggested = str(Path(target).parent / Path(self.suggested_pdf()).name)
        lang = i18n.normalize_language(self.session.proposal.language)
        new_name = str(self.session.path) if self.session.path is not None else ""
        comparison, other = self.comparison, self.other
        task = Task(lambda _progress, cancelled: _changes_pdf(
            comparison, lang, other, new_name, target, cancelled), self)
        task.succeeded.connect(self._printed)
        task.failed.connect(self._print_failed)
        task.stopped.connect(self._print_done)
        self.print_task = task
        self.print_button.setEnabled(False)
        self.status.setText(_("Writing the changes to {name}…").format(name=Path(target).name))
        task.start()

    def _print_done(self) -> None:
        self.print_task = None
        self.print_button.setEnabled(True)

    def _printed(self, path: str) -> None:
        self._print_done()
        self.status.setText(_("The changes were written to {path}.").format(path=path))
        self.printed.emit(path)

    def _print_failed(self, message: str) -> None:
        self._print_done()
        self.status.setText(message)
        self.dialogs.error(_("Print changes"), _("The PDF of the changes could not be written."),
                           message)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.print_task is not None:
            self.print_task.cancel()  # nothing half-written: the file is written whole or not
        super().closeEvent(event)


class CompareController(QObject):
    """File ▸ Compare with… for one window: choose, compare in the background, show."""

    #: A comparison is shown (the dialog).
    shown = Signal(object)
    #: The other version could not be read (the message shown).
    failed = Signal(str)

    def __init__(self, session: Session, dialogs: Dialogs, window: QWidget):
        super().__init__(window)
        self.session = session
        self.dialogs = dialogs
        self.window = window
        self.task: Task | None = None
        self.dialog: CompareDialog | None = None
        # A comparison still running when another proposal is opened is of the old one.
        session.proposal_replaced.connect(lambda: self.task.cancel() if self.task else None)

    def ask_path(self) -> str | None:
        """The version to compare with: the ``.bak`` first if there is one; None if cancelled."""
        path = self.session.path
        backup = storage.existing_backup(path) if path is not None else None
        if backup is not None:
            choice = self.dialogs.choose(
                _("Compare with…"), _("Compare the proposal with which version?"),
                [("backup", _("The previous version ({name})").format(name=backup.name)),
                 ("other", _("Another file…")), ("cancel", _("Cancel"))],
                default="backup", cancel="cancel",
                detail=_("The previous version is the file as it was before your last save. "
                         "Another file can be a signed copy or a file a partner sent."))
            if choice == "backup":
                return str(backup)
            if choice != "other":
                return None
        folder = str(path.parent) if path is not None else QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        return self.dialogs.open_file(
            _("Compare with another version"), folder,
            _("SSA proposals and backups (*.ssa.json *.bak);;JSON files (*.json);;All files (*)"))

    def start(self, path: str | None = None) -> None:
        """Compare with ``path`` (asked when None); the dialog shows when the work is done."""
        if self.task is not None:
            return
        path = path or self.ask_path()
        if not path:
            return
        report = self.session.check_now()
        proposal = self.session.proposal.model_copy(deep=True)
        task = Task(lambda _progress, _cancelled: compare_with_file(path, proposal, report), self)
        task.succeeded.connect(lambda comparison: self._show(comparison, path))
        task.failed.connect(self._failed)
        task.stopped.connect(self._done)
        self.task = task
        task.start()

    def _done(self) -> None:
        self.task = None

    def _show(self, comparison: Comparison, path: str) -> None:
        self._done()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        dialog = CompareDialog(comparison, path, self.session, self.dialogs, self.window)
        self.dialog = dialog
        self.shown.emit(dialog)
        dialog.show()

    def _failed(self, message: str) -> None:
        self._done()
        self.dialogs.error(_("Compare with…"), _("That version could not be read."), message)
        self.failed.emit(message)
