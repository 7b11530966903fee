"""Import partners: read a sheet or cards, correct the column mapping, review, import.

``ImportDialog`` is one dialog with three steps on a stack:

1. *reading*: the files are read on a pool thread (``ui.tasks.Task``), with a
   progress bar and Cancel;
2. *columns* (one sheet only): each column of the sheet with a field to choose, and
   a preview of its first rows that follows the choices;
3. *review*: every row or card with what happens to it (new, update, unchanged,
   skipped) and its findings, a tick box per importable row, and the counts. The
   plan is made on a pool thread too, from a copy of the proposal. Beside today's
   verdict the review shows the verdict the proposal will have once the ticked rows
   are in ("After import: not eligible — Germany has no …"), re-checked as ticks
   change (``exchange.apply_plan`` + ``rules.check`` on a copy: about a millisecond
   for 300 members).

Import applies the ticked rows with ``Session.merge_partners``: one undo step. Nothing
changes before that; Cancel at any point leaves the proposal as it was. Files that
cannot be read give a plain message (``SheetError``/``CardRefused`` say what and
where); any other error is logged and told without a traceback. The review table is
a ``QAbstractTableModel``, so a sheet of 10,000 rows costs no widgets per row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QHBoxLayout,
                               QHeaderView, QLabel, QProgressBar, QPushButton, QSplitter,
                               QStackedWidget, QTableView, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from ssa_wizard import exchange, messages
from ssa_wizard.exchange.sources import Sources, plan_sources, read_sources
from ssa_wizard.i18n import _, ngettext
from ssa_wizard.rules import POSITION_PARAMS, Finding, Report, check

from .dialogs import Dialogs
from .session import Session
from .tasks import Task
from .widgets.findings import SEVERITY_COLOURS
from .widgets.import_models import (ACTION, FINDINGS, INCLUDE, NAME, PREVIEW_ROWS, WHERE,
                                    PlanModel, PreviewModel, ProblemFilter)

__all__ = ["ACTION", "COLUMNS", "FINDINGS", "INCLUDE", "NAME", "READING", "REVIEW", "WHERE",
           "ImportDialog"]

READING, COLUMNS, REVIEW = 0, 1, 2


class ImportDialog(QDialog):
    """Import partners from one sheet, or from several sheets and cards, into ``session``."""

    #: Members were imported: the ids of the new members, then of the updated ones.
    imported = Signal(list, list)
    #: The dialog closed without importing (cancelled, or nothing could be read).
    abandoned = Signal()

    def __init__(self, session: Session, dialogs: Dialogs, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.dialogs = dialogs
        self.setModal(True)
        self.setSizeGripEnabled(True)
        self._job: Task | None = None
        self._paths: list[str] = []
        self.sources: Sources | None = None
        self.sheet: exchange.Sheet | None = None
        self.mapping: exchange.ColumnMapping | None = None
        self.plan: exchange.MergePlan | None = None
        self.plan_model: PlanModel | None = None
        self.preview_model: PreviewModel | None = None
        self._file_errors: list[str] = []
        self._combos: list[QComboBox] = []
        self._finished = False

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._build_reading())
        self.stack.addWidget(self._build_columns())
        self.stack.addWidget(self._build_review())

        self.back_button = QPushButton(self)
        self.next_button = QPushButton(self)
        self.import_button = QPushButton(self)
        self.cancel_button = QPushButton(self)
        for button in (self.back_button, self.next_button, self.import_button,
                       self.cancel_button):
            button.setAutoDefault(False)
        self.back_button.clicked.connect(self._back)
        self.next_button.clicked.connect(self._to_review)
        self.import_button.clicked.connect(self.apply)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.resize(940, 600)
        self.retranslate()
        self._show_step(READING)

    # --- building -----------------------------------------------------------------------

    def _build_reading(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.addStretch(1)
        self.reading_label = QLabel(page)
        self.reading_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reading_label.setWordWrap(True)
        self.progress_bar = QProgressBar(page)
        self.progress_bar.setRange(0, 0)
        column.addWidget(self.reading_label)
        column.addWidget(self.progress_bar)
        column.addStretch(2)
        return page

    def _build_columns(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        self.sheet_label = QLabel(page)
        self.sheet_label.setTextFormat(Qt.TextFormat.PlainText)
        self.sheet_label.setWordWrap(True)
        column.addWidget(self.sheet_label)
        splitter = QSplitter(Qt.Orientation.Vertical, page)
        splitter.setChildrenCollapsible(False)
        self.columns_table = QTableWidget(0, 3, splitter)
        self.columns_table.verticalHeader().setVisible(False)
        self.columns_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.columns_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.columns_table.setWordWrap(False)
        header = self.columns_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        preview_box = QWidget(splitter)
        preview_column = QVBoxLayout(preview_box)
        preview_column.setContentsMargins(0, 0, 0, 0)
        self.preview_label = QLabel(preview_box)
        self.preview_table = QTableView(preview_box)
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table.setWordWrap(False)
        self.preview_table.horizontalHeader().setDefaultSectionSize(130)
        self.preview_label.setBuddy(self.preview_table)
        preview_column.addWidget(self.preview_label)
        preview_column.addWidget(self.preview_table, 1)
        splitter.addWidget(self.columns_table)
        splitter.addWidget(preview_box)
        splitter.setSizes([260, 200])
        column.addWidget(splitter, 1)
        self.mapping_note = QLabel(page)
        self.mapping_note.setTextFormat(Qt.TextFormat.PlainText)
        self.mapping_note.setWordWrap(True)
        self.mapping_note.setStyleSheet(f"color: {SEVERITY_COLOURS['error']};")
        column.addWidget(self.mapping_note)
        return page

    def _build_review(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        self.summary_label = QLabel(page)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setWordWrap(True)
        column.addWidget(self.summary_label)
        # Today's verdict, and the one the proposal will have after this import.
        self.verdict_label = QLabel(page)
        self.verdict_label.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict_label.setWordWrap(True)
        column.addWidget(self.verdict_label)
        self.file_errors_label = QLabel(page)
        self.file_errors_label.setTextFormat(Qt.TextFormat.PlainText)
        self.file_errors_label.setWordWrap(True)
        self.file_errors_label.setStyleSheet(f"color: {SEVERITY_COLOURS['error']};")
        column.addWidget(self.file_errors_label)
        # Texts of cards that held characters no file can hold, replaced on reading.
        self.notes_label = QLabel(page)
        self.notes_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notes_label.setWordWrap(True)
        self.notes_label.setStyleSheet(f"color: {SEVERITY_COLOURS['warning']};")
        column.addWidget(self.notes_label)
        tools = QHBoxLayout()
        self.problems_only = QCheckBox(page)
        self.problems_only.toggled.connect(self._filter_problems)
        self.tick_all_button = QPushButton(page)
        self.untick_all_button = QPushButton(page)
        for button in (self.tick_all_button, self.untick_all_button):
            button.setAutoDefault(False)
        self.tick_all_button.clicked.connect(lambda: self._tick_all(True))
        self.untick_all_button.clicked.connect(lambda: self._tick_all(False))
        tools.addWidget(self.problems_only)
        tools.addStretch(1)
        tools.addWidget(self.tick_all_button)
        tools.addWidget(self.untick_all_button)
        column.addLayout(tools)
        self.plan_table = QTableView(page)
        self.plan_filter = ProblemFilter(self)
        self.plan_table.setModel(self.plan_filter)
        self.plan_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.plan_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.plan_table.setWordWrap(False)
        self.plan_table.setAlternatingRowColors(True)
        self.plan_table.verticalHeader().setVisible(False)
        self.plan_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.plan_table.verticalHeader().setDefaultSectionSize(
            self.plan_table.fontMetrics().height() + 8)
        header = self.plan_table.horizontalHeader()
        header.setStretchLastSection(True)
        column.addWidget(self.plan_table, 1)
        # The findings of the chosen row in full: the table's cells are one line each.
        self.detail_label = QLabel(page)
        self.detail_label.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label.setMinimumHeight(3 * self.detail_label.fontMetrics().lineSpacing())
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.detail_label)
        self.plan_table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_detail(current))
        return page

    def retranslate(self) -> None:
        self.setWindowTitle(_("Import partners"))
        self.back_button.setText(_("< &Back"))
        self.next_button.setText(_("&Next >"))
        self.cancel_button.setText(_("Cancel"))
        self.columns_table.setHorizontalHeaderLabels(
            [_("Column in the sheet"), _("Imports as"), _("First values")])
        self.columns_table.setAccessibleName(_("Columns of the sheet"))
        self.preview_label.setText(_("&Preview of the first rows:"))
        self.preview_table.setAccessibleName(_("Preview"))
        self.problems_only.setText(_("Show only rows with &problems"))
        self.tick_all_button.setText(_("Tick &all"))
        self.untick_all_button.setText(_("&Untick all"))
        self.plan_table.setAccessibleName(_("Rows to import"))
        self._update_import_button()

    def _show_step(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        self.back_button.setVisible(step == REVIEW and self.sources is not None
                                    and self.sources.single_sheet is not None)
        self.next_button.setVisible(step == COLUMNS)
        self.import_button.setVisible(step == REVIEW)
        if step == COLUMNS:
            self.next_button.setDefault(True)
        elif step == REVIEW:
            self.import_button.setDefault(True)

    @property
    def step(self) -> int:
        return self.stack.currentIndex()

    @property
    def busy(self) -> bool:
        """Whether a file is being read or a plan made."""
        return self._job is not None

    # --- the flow -------------------------------------------------------------------------

    def start(self, paths: Sequence[str]) -> None:
        """Read ``paths`` (a sheet, or sheets and cards) in the background, then go on."""
        self._paths = [str(p) for p in paths]
        names = ", ".join(Path(p).name for p in self._paths)
        self.reading_label.setText(_("Reading {files}…").format(files=names))
        self._show_step(READING)
        self._run(lambda progress, cancelled: read_sources(self._paths, progress, cancelled),
                  self._read_done)

    def _run(self, work, done: Callable[[Any], None]) -> None:
        self.progress_bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self._job = task = Task(work, self)
        task.progressed.connect(self._progressed)
        task.succeeded.connect(lambda result: self._job_done(done, result))
        task.failed.connect(self._failed)
        task.stopped.connect(self._stopped)
        task.start()

    def _progressed(self, done: int, total: int) -> None:
        if self._job is None:
            return
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
        else:
            self.progress_bar.setRange(0, 0)

    def _job_done(self, done: Callable[[Any], None], result: Any) -> None:
        self._job = None
        done(result)

    def _failed(self, message: str) -> None:
        self._job = None
        self.dialogs.error(_("Import partners"), message, _(
            "Nothing was imported. Correct the file, or choose another one, and import again."))
        self._close(QDialog.DialogCode.Rejected)

    def _stopped(self) -> None:
        self._job = None
        self._close(QDialog.DialogCode.Rejected)

    def _read_done(self, sources: Sources) -> None:
        self.sources = sources
        self._file_errors = list(sources.errors)
        if not sources.items:
            self.dialogs.error(_("Import partners"), "\n".join(sources.errors), _(
                "None of the files could be read, so nothing was imported."))
            self._close(QDialog.DialogCode.Rejected)
            return
        sheet = sources.single_sheet
        if sheet is not None:
            self.sheet = sheet
            self.mapping = sheet.guess_mapping()
            self._fill_columns()
            self._show_step(COLUMNS)
            return
        self._make_plan()

    def _make_plan(self) -> None:
        assert self.sources is not None
        self.reading_label.setText(_("Checking the rows against the proposal…"))
        self._show_step(READING)
        proposal = self.session.proposal.model_copy(deep=True)
        sources = self.sources
        mapping = (exchange.ColumnMapping(list(self.mapping.headers), list(self.mapping.fields))
                   if self.mapping is not None else None)
        self._run(lambda progress, cancelled: plan_sources(proposal, sources, mapping,
                                                           progress, cancelled),
                  self._plan_done)

    def _plan_done(self, result: tuple[exchange.MergePlan, list[str]]) -> None:
        plan, errors = result
        self.plan = plan
        self.plan_model = PlanModel(plan, self)
        self.plan_model.ticks_changed.connect(self._update_counts)
        self.plan_filter.setSourceModel(self.plan_model)
        header = self.plan_table.horizontalHeader()
        metrics = header.fontMetrics()
        for column, width in ((INCLUDE, 40), (WHERE, 40), (NAME, 230), (ACTION, 120)):
            text = str(self.plan_model.headerData(column, Qt.Orientation.Horizontal))
            header.resizeSection(column, max(width, metrics.horizontalAdvance(text) + 24))
        if any(item.row is None for item in plan.items) or len(
                {item.source for item in plan.items}) > 1:
            header.resizeSection(WHERE, 200)
        all_errors = [*self._file_errors, *errors]
        self.file_errors_label.setText(
            _("Could not be read:") + "\n" + "\n".join(all_errors) if all_errors else "")
        self.file_errors_label.setVisible(bool(all_errors))
        notes = self.sources.notes if self.sources is not None else []
        self.notes_label.setText("\n".join(notes))
        self.notes_label.setVisible(bool(notes))
        self._update_counts()
        self._show_step(REVIEW)
        # Start on the first row that needs a look, with its findings in full below.
        first = next((r for r, item in enumerate(plan.items) if PlanModel.worst(item)), 0)
        if plan.items:
            self.plan_table.setCurrentIndex(self.plan_filter.index(first, NAME))
        self._show_detail(self.plan_table.currentIndex())
        self.plan_table.setFocus()

    def _show_detail(self, index: QModelIndex) -> None:
        if self.plan_model is None or not index.isValid():
            self.detail_label.setText("")
            return
        item = self.plan_model.item_at(self.plan_filter.mapToSource(index).row())
        name = item.name or _("(no name yet)")
        # The core's wording for "where": "Row 4: …", "list.csv, row 4: …", "card.json: …".
        if item.row is None:
            head = _("{file}: {problem}").format(file=item.source, problem=name)
        elif self.plan_model.with_file:
            head = _("{file}, row {row}: {problem}").format(file=item.source, row=item.row,
                                                           problem=name)
        else:
            head = _("Row {row}: {problem}").format(row=item.row, problem=name)
        markers = {"error": "✖", "warning": "▲"}
        lines = [head] + [f"{markers.get(f.severity, 'ℹ')} {exchange.problem(f)}"
                          for f in item.findings]
        self.detail_label.setText("\n".join(lines))

    def _back(self) -> None:
        if self.sheet is not None and not self.busy:
            self._show_step(COLUMNS)

    def _to_review(self) -> None:
        if self.mapping is not None and self.mapping.has_name and not self.busy:
            self._make_plan()

    def apply(self) -> list[str]:
        """Import the ticked rows: one undo step. Returns the new members' ids."""
        if self.plan is None or self.busy or not self.plan.changes_anything:
            return []
        new, updates = self.plan.new, self.plan.updates
        count = len(new) + len(updates)
        text = ngettext("Import {n} member", "Import {n} members", count).format(n=count)
        added = self.session.merge_partners(new, updates, text=text)
        self._finished = True
        self.imported.emit(added, list(updates))
        self.accept()
        return added

    # --- the columns step ---------------------------------------------------------------

    def _fill_columns(self) -> None:
        sheet, mapping = self.sheet, self.mapping
        assert sheet is not None and mapping is not None
        count = sheet.data_row_count
        if sheet.kind == "csv":
            kind = _("CSV text, {encoding}, columns separated by “{delimiter}”").format(
                encoding=_encoding_name(sheet.encoding), delimiter=_delimiter_name(sheet.delimiter))
        else:
            kind = _("Excel workbook, sheet “{sheet}”").format(sheet=sheet.sheet_name)
        self.sheet_label.setText(ngettext(
            "{file} ({kind}): {n} row below the headers in row {header}. Choose for each "
            "column what it holds; columns marked “(not imported)” are left out.",
            "{file} ({kind}): {n} rows below the headers in row {header}. Choose for each "
            "column what it holds; columns marked “(not imported)” are left out.", count).format(
            file=sheet.source, kind=kind, n=count, header=sheet.header_row))
        preview = sheet.preview(PREVIEW_ROWS)
        self.columns_table.setRowCount(sheet.width)
        self._combos = []
        for col in range(sheet.width):
            header = mapping.headers[col] if col < len(mapping.headers) else ""
            label = QTableWidgetItem(_("{letter}: {header}").format(
                letter=_column_letter(col), header=header or _("(no header)")))
            label.setToolTip(header)
            self.columns_table.setItem(col, 0, label)
            combo = QComboBox(self.columns_table)
            combo.addItem(_("(not imported)"), None)
            for name in exchange.FIELDS:
                combo.addItem(exchange.field_label(name), name)
            combo.setAccessibleName(_("Column {letter}, {header}: imports as").format(
                letter=_column_letter(col), header=header))
            combo.setCurrentIndex(max(0, combo.findData(mapping.field_of(col))))
            combo.activated.connect(lambda _i, c=col: self._assign(c))
            self.columns_table.setCellWidget(col, 1, combo)
            self._combos.append(combo)
            values = [cells[col] for _n, cells in preview if col < len(cells) and cells[col].strip()]
            sample = QTableWidgetItem(", ".join(values[:4]))
            sample.setToolTip("\n".join(values))
            self.columns_table.setItem(col, 2, sample)
        self.columns_table.resizeRowsToContents()
        self.preview_model = PreviewModel(sheet, mapping, self)
        self.preview_table.setModel(self.preview_model)
        self._mapping_changed()

    def combo(self, column: int) -> QComboBox:
        """The field chooser of a sheet column (for tests and keyboard users)."""
        return self._combos[column]

    def _assign(self, column: int) -> None:
        assert self.mapping is not None
        self.mapping.assign(column, self._combos[column].currentData())
        # A field comes from one column only: the column that had it before lets go.
        for col, combo in enumerate(self._combos):
            at = max(0, combo.findData(self.mapping.field_of(col)))
            if combo.currentIndex() != at:
                combo.setCurrentIndex(at)
        self._mapping_changed()

    def _mapping_changed(self) -> None:
        assert self.mapping is not None
        if self.preview_model is not None:
            self.preview_model.mapping_changed()
        ok = self.mapping.has_name
        self.mapping_note.setText("" if ok else _(
            "Choose which column holds the organisations' names: nothing can be imported "
            "without them."))
        self.mapping_note.setVisible(not ok)
        self.next_button.setEnabled(ok)

    # --- the review step --------------------------------------------------------------------

    def _filter_problems(self, only: bool) -> None:
        self.plan_filter.set_only_problems(only)

    def _tick_all(self, checked: bool) -> None:
        if self.plan_model is not None:
            self.plan_model.tick_all(checked)

    def _update_counts(self) -> None:
        plan = self.plan
        if plan is None:
            return
        parts = []
        for action, text in (
                ("new", ngettext("{n} new member", "{n} new members", plan.count("new"))),
                ("update", ngettext("{n} update of a member", "{n} updates of members",
                                    plan.count("update"))),
                ("unchanged", ngettext("{n} already there", "{n} already there",
                                       plan.count("unchanged"))),
                ("skip", ngettext("{n} skipped because of an error",
                                  "{n} skipped because of errors", plan.count("skip")))):
            if plan.count(action):
                parts.append(text.format(n=plan.count(action)))
        summary = ", ".join(parts) if parts else _("nothing to import")
        ticked = self.plan_model.importing_count() if self.plan_model else 0
        self.summary_label.setText(_(
            "{summary}. Rows with an error are left out; fix them in the sheet and import it "
            "again. Untick any row you do not want. Undo takes the whole import back.").format(
            summary=summary[:1].upper() + summary[1:]))
        self._update_import_button(ticked)
        self._update_verdict()

    def predicted_report(self) -> Report | None:
        """The report the proposal will have once the ticked rows are imported."""
        if self.plan is None:
            return None
        proposal, _ids = exchange.apply_plan(self.session.proposal, self.plan)
        return check(proposal)

    def _update_verdict(self) -> None:
        after = self.predicted_report()
        if after is None:
            return
        text, worse = verdict_text(self.session.report, after)
        self.verdict_label.setText(text)
        colour = SEVERITY_COLOURS["error"] if worse else (
            "#1b6e20" if after.eligible else "palette(text)")
        self.verdict_label.setStyleSheet(f"color: {colour}; font-weight: bold;")

    def _update_import_button(self, ticked: int | None = None) -> None:
        if ticked is None:
            ticked = self.plan_model.importing_count() if self.plan_model else 0
        self.import_button.setText(ngettext("&Import {n} row", "&Import {n} rows",
                                            ticked).format(n=ticked))
        self.import_button.setEnabled(ticked > 0)

    # --- closing ------------------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel: stop the work in progress first; nothing is imported."""
        if self._job is not None:
            self._job.cancel()
            self.cancel_button.setEnabled(False)
            self.reading_label.setText(_("Stopping…"))
            return  # the job reports back, and the dialog closes then
        self._close(QDialog.DialogCode.Rejected)

    def _close(self, code: QDialog.DialogCode) -> None:
        if code == QDialog.DialogCode.Rejected and not self._finished:
            self._finished = True
            self.abandoned.emit()
        super().done(code)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        # Enter in the tables must not import by accident: only the buttons do.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.step != COLUMNS:
            event.accept()
            return
        super().keyPressEvent(event)


def _key(finding: Finding) -> tuple:
    """A finding without where its subjects stand (rows move when members are added)."""
    params = tuple(sorted((k, repr(v)) for k, v in finding.params.items()
                          if k not in POSITION_PARAMS))
    return finding.rule, finding.partner, finding.activity, finding.field, params


def _first_sentence(text: str) -> str:
    head, dot, _rest = text.partition(". ")
    return head + "." if dot else text


def verdict_text(before: Report, after: Report) -> tuple[str, bool]:
    """"Today: eligible. After import: not eligible — Germany has no …", and whether the
    import makes the proposal ineligible (or keeps it so with new problems)."""
    today = _("Today: eligible.") if before.eligible else _("Today: not eligible.")
    if after.eligible:
        if before.eligible:
            return today + " " + _("After import: still eligible."), False
        return today + " " + _("After import: eligible."), False
    known = {_key(f) for f in before.findings}
    new = [f for f in after.findings
           if f.severity == "error" and f.group == "eligibility" and _key(f) not in known]
    if not new:
        return today + " " + _("After import: still not eligible, for the same reasons."), False
    reason = _first_sentence(messages.message(new[0]))
    if len(new) > 1:
        reason = ngettext("{reason} (and {n} more problem)", "{reason} (and {n} more problems)",
                          len(new) - 1).format(reason=reason, n=len(new) - 1)
    return today + " " + _("After import: not eligible — {reason}").format(reason=reason), True


def _column_letter(index: int) -> str:
    """``0`` -> ``A``, ``26`` -> ``AA``: columns named as the spreadsheet names them."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _encoding_name(encoding: str) -> str:
    return {"utf-8-sig": "UTF-8", "cp1252": "Windows-1252", "utf-16": "UTF-16"}.get(
        encoding, encoding or "?")


def _delimiter_name(delimiter: str) -> str:
    return {"\t": _("tab")}.get(delimiter, delimiter)
