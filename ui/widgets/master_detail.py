"""A list of records beside a form for the chosen one: the Partners and Activities pages.

``MasterDetail`` builds and runs what the two pages share:

* a toolbar with the five list actions (``ListEditing``: Add, Duplicate, Remove,
  Move up, Move down, with their shortcuts);
* a splitter with, on one side, the view of the records (a table or a list the
  page made) and the findings about all of them, and on the other a scroll area
  with a heading, the findings about the chosen record, and the page's form
  (``set_form``);
* which record is chosen: kept by id, so that after an add, remove, move, undo or
  Open the same record stays chosen if it is still there, else the one now in
  its place (``follow_rows``, called by the page once its view shows the new
  rows); ``current_changed`` tells the page to fill its form;
* the actions themselves, each one undoable step through ``Records`` (the
  session's calls for this kind of record): a new or duplicated record comes
  right after the chosen one, is chosen, scrolled to and gets the cursor.

The helper reads ids from the view's model (``id_role``) and positions from the
file order (``Records.ids``), never one for the other: a view that sorts or
filters its rows through a proxy model shows them in another order, while Move
up/down and Add still work on the order in the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractItemView, QLabel, QScrollArea, QSplitter, QToolBar,
                               QVBoxLayout, QWidget)

from ssa_wizard.rules import Finding

from .findings import FindingLabel, FindingsList
from .list_editing import ListEditing


@dataclass(frozen=True)
class Records:
    """The session's calls for one kind of record; each change is one undo step."""

    #: The ids in file order.
    ids: Callable[[], list[str]]
    #: Add an empty record at this position (None: at the end); its id.
    add: Callable[[int | None], str]
    #: Add a copy right after the record; the copy's id (None: nothing to copy).
    duplicate: Callable[[str], str | None]
    remove: Callable[[list[str]], None]
    #: Move the record to this position.
    move: Callable[[str, int], None]


class MasterDetail(QObject):
    """The records of a page in a view, and the form of the chosen one."""

    #: Another record (its id, or None) is now the chosen one: fill the form.
    current_changed = Signal(object)
    #: A finding of the list about all the records was clicked or activated.
    finding_chosen = Signal(object)

    def __init__(self, page: QWidget, view: QAbstractItemView, records: Records, *,
                 id_role: int, orientation: Qt.Orientation, sizes: tuple[int, int]):
        super().__init__(page)
        self._page = page
        self.view = view
        self.records = records
        self._id_role = id_role
        self._current_id: str | None = None
        self._current_row = -1  # in the view
        self._add_focus: QWidget | None = None
        self._duplicate_focus: QWidget | None = None
        #: Actions that need a chosen record (enabled with Duplicate).
        self.needs_current: list[QAction] = []

        self.editing = ListEditing(page, self.add, self.duplicate, self.remove, self.move)
        self.toolbar = QToolBar(page)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.editing.put_on(self.toolbar)

        self.splitter = QSplitter(orientation, page)
        self.splitter.setChildrenCollapsible(False)
        master = QWidget(self.splitter)
        column = QVBoxLayout(master)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(view, 1)
        self.editing.attach_to(view)
        self.findings_title = QLabel(master)
        self.findings = FindingsList(master)
        column.addWidget(self.findings_title)
        column.addWidget(self.findings)

        self.scroll = QScrollArea(self.splitter)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # Forms never scroll sideways: they wrap and narrow instead.
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail = QWidget()
        self.scroll.setWidget(self.detail)
        self._detail_column = QVBoxLayout(self.detail)
        self._detail_column.setContentsMargins(6, 0, 6, 6)
        self.heading = QLabel(self.detail)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self._detail_column.addWidget(self.heading)
        #: Findings about the chosen record that belong to none of its fields.
        self.record_findings = FindingLabel(self.detail)
        self._detail_column.addWidget(self.record_findings)

        self.splitter.addWidget(master)
        self.splitter.addWidget(self.scroll)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes(list(sizes))

        view.selectionModel().currentRowChanged.connect(self._current_row_changed)
        view.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        self.findings.finding_activated.connect(self.finding_chosen)
        self.findings.itemClicked.connect(
            lambda item: self.finding_chosen.emit(item.data(Qt.ItemDataRole.UserRole)))

    def set_form(self, form: QWidget, *, add_focus: QWidget, duplicate_focus: QWidget) -> None:
        """Put the page's form under the heading; where the cursor goes after Add, Duplicate."""
        self._detail_column.addWidget(form)
        self._detail_column.addStretch(1)
        self._add_focus, self._duplicate_focus = add_focus, duplicate_focus

    # --- which record is chosen --------------------------------------------------------

    def current_id(self) -> str | None:
        """The chosen record's id, if it is (still) in the file."""
        current = self._current_id
        return current if current is not None and current in self.records.ids() else None

    def position(self, record_id: str) -> tuple[int, int]:
        """``(number, count)``: the record's place in the file, from 1, and how many there are."""
        ids = self.records.ids()
        return (ids.index(record_id) + 1 if record_id in ids else 0), len(ids)

    def row_of(self, record_id: str) -> int:
        """The view's row of a record, or -1 (not there, or filtered out)."""
        model = self.view.model()
        for row in range(model.rowCount()):
            if model.index(row, 0).data(self._id_role) == record_id:
                return row
        return -1

    def _id_at(self, row: int) -> str | None:
        model = self.view.model()
        return model.index(row, 0).data(self._id_role) if 0 <= row < model.rowCount() else None

    def select(self, record_id: str | None) -> None:
        """Choose ``record_id`` (None: none): its row selected and scrolled to, form filled."""
        row = self.row_of(record_id) if record_id else -1
        selection = self.view.selectionModel()
        if row < 0:
            self.view.clearSelection()
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
            self._set_current(None, -1)
            return
        index = self.view.model().index(row, 0)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)
        self._set_current(record_id, row)

    def follow_rows(self) -> None:
        """After the rows changed (add, remove, move, undo, Open): keep the chosen record
        if it is still there, else choose the one now in its place."""
        if self._current_id and self.row_of(self._current_id) >= 0:
            self.select(self._current_id)
        elif self.view.model().rowCount():
            self.select(self._id_at(min(max(self._current_row, 0),
                                        self.view.model().rowCount() - 1)))
        else:
            self.select(None)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record_id = current.data(self._id_role) if current.isValid() else None
        if record_id is not None:
            self._set_current(record_id, current.row())

    def _set_current(self, record_id: str | None, row: int) -> None:
        changed = record_id != self._current_id
        self._current_id, self._current_row = record_id, row
        if changed:
            self.current_changed.emit(record_id)
        self.update_actions()

    def selected_ids(self) -> list[str]:
        """The selected records in the view's order (the chosen one if none is selected)."""
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        ids = [i for i in (self._id_at(r) for r in rows) if i is not None]
        if not ids and self.current_id():
            ids = [self._current_id]
        return ids

    # --- the actions ---------------------------------------------------------------------

    def update_actions(self) -> None:
        ids = self.records.ids()
        at = ids.index(self._current_id) if self._current_id in ids else -1
        has = at >= 0
        editing = self.editing
        editing.duplicate.setEnabled(has)
        editing.remove.setEnabled(has or bool(self.view.selectionModel().selectedRows()))
        editing.move_up.setEnabled(has and at > 0)
        editing.move_down.setEnabled(has and at < len(ids) - 1)
        for action in self.needs_current:
            action.setEnabled(has)

    def add(self) -> str:
        """Add an empty record after the chosen one, choose it, put the cursor in its form."""
        current = self.current_id()
        new_id = self.records.add(self.records.ids().index(current) + 1 if current else None)
        self.select(new_id)
        if self._add_focus is not None:
            self._add_focus.setFocus()
        return new_id

    def duplicate(self) -> str | None:
        """Add a copy of the chosen record after it; its text is selected to type over."""
        current = self.current_id()
        if current is None:
            return None
        new_id = self.records.duplicate(current)
        if new_id:
            self.select(new_id)
            if self._duplicate_focus is not None:
                self._duplicate_focus.setFocus()
                select_all = getattr(self._duplicate_focus, "selectAll", None)
                if select_all is not None:
                    select_all()
        return new_id

    def remove(self) -> None:
        """Remove the selected records; the one in the chosen one's place is chosen next."""
        ids = self.selected_ids()
        if ids:
            self.records.remove(ids)
            self.view.setFocus()

    def move(self, step: int) -> None:
        """Move the chosen record ``step`` places in the file (-1 up, 1 down)."""
        current = self.current_id()
        if current is None:
            return
        self.records.move(current, self.records.ids().index(current) + step)
        self.select(current)

    # --- findings and focus ----------------------------------------------------------------

    def show_findings(self, record: list[Finding], general: list[Finding]) -> None:
        """Show the findings about the chosen record (none of its fields) and about all."""
        self.record_findings.set_findings(record)
        self.findings.set_findings(general)
        # As tall as its first three findings: the view keeps the room.
        rows = sum(self.findings.sizeHintForRow(i) for i in range(min(len(general), 3)))
        self.findings.setFixedHeight(rows + 2 * self.findings.frameWidth() + 4)
        self.findings.setVisible(bool(general))
        self.findings_title.setVisible(bool(general))

    def show_input(self, widget: QWidget) -> None:
        """Scroll the form to ``widget`` and put the cursor there."""
        self.scroll.ensureWidgetVisible(widget)
        widget.setFocus()

    def focus_records(self) -> None:
        """The cursor to the view, or to the toolbar when there is nothing in it."""
        (self.view if self.view.model().rowCount() else self.toolbar).setFocus()
