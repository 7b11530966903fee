"""The import dialog's table models: the sheet preview, the plan under review, a filter.

``PreviewModel`` shows a sheet's first rows headed by the field each column imports
as; ``PlanModel`` is one row per sheet row or card with what happens to it and a tick
box; ``ProblemFilter`` narrows it to the rows with findings. Models, not widgets per
row, so a sheet of 10,000 rows costs nothing to show.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex,
                            QSortFilterProxyModel, Qt, Signal)
from PySide6.QtGui import QColor, QIcon

from ssa_wizard import exchange
from ssa_wizard.i18n import _

from .findings import SEVERITY_COLOURS, severity_icon

#: Rows shown in the preview of the columns step.
PREVIEW_ROWS = 10

_Index = QModelIndex | QPersistentModelIndex



class PreviewModel(QAbstractTableModel):
    """The first rows of a sheet, with each column headed by the field it imports as."""

    def __init__(self, sheet: exchange.Sheet, mapping: exchange.ColumnMapping,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._sheet = sheet
        self._mapping = mapping
        self._rows = sheet.preview(PREVIEW_ROWS)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._sheet.width

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        _number, cells = self._rows[index.row()]
        text = cells[index.column()] if index.column() < len(cells) else ""
        ignored = self._mapping.field_of(index.column()) is None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text
        if role == Qt.ItemDataRole.ForegroundRole and ignored:
            return QColor("#8a8a8a")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(self._rows[section][0]) if 0 <= section < len(self._rows) else None
        name = self._mapping.field_of(section)
        return exchange.field_label(name) if name else _("(not imported)")

    def mapping_changed(self) -> None:
        if self._sheet.width:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self._sheet.width - 1)
            if self._rows:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(self._rows) - 1, self._sheet.width - 1))


INCLUDE, WHERE, NAME, ACTION, FINDINGS = range(5)


class PlanModel(QAbstractTableModel):
    """The rows or cards of a merge plan: tick box, where, name, action, findings."""

    #: The ticked rows changed (the counts and the Import button follow).
    ticks_changed = Signal()

    def __init__(self, plan: exchange.MergePlan, parent: QObject | None = None):
        super().__init__(parent)
        self.plan = plan
        self._items = plan.items
        self.with_file = len({item.source for item in plan.items}) > 1
        self._icons: dict[str, QIcon] = {}

    # The columns' texts are made when asked: 10,000 rows cost nothing until scrolled to.

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 5

    def item_at(self, row: int) -> exchange.PlanItem:
        return self._items[row]

    def where(self, item: exchange.PlanItem) -> str:
        if item.row is None:
            return item.source
        if self.with_file:
            return _("{file}, row {row}").format(file=item.source, row=item.row)
        return str(item.row)

    def action_text(self, item: exchange.PlanItem) -> str:
        if item.action == "new":
            return _("New member")
        if item.action == "update":
            return _("Updates a member")
        if item.action == "unchanged":
            return _("Already there")
        return _("Skipped")

    @staticmethod
    def findings_text(item: exchange.PlanItem, sep: str = "; ") -> str:
        return sep.join(exchange.problem(f) for f in item.findings)

    @staticmethod
    def worst(item: exchange.PlanItem) -> str | None:
        severities = {f.severity for f in item.findings}
        for severity in ("error", "warning"):
            if severity in severities:
                return severity
        return None

    def _icon(self, severity: str) -> QIcon:
        if severity not in self._icons:
            self._icons[severity] = severity_icon(severity)
        return self._icons[severity]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == INCLUDE:
            return (Qt.CheckState.Checked if item.importing else Qt.CheckState.Unchecked)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == WHERE:
                return self.where(item)
            if column == NAME:
                return item.name
            if column == ACTION:
                return self.action_text(item)
            if column == FINDINGS:
                return self.findings_text(item)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == FINDINGS:
                return self.findings_text(item, "\n") or None
            if column == NAME:
                return item.name or None
            if column == INCLUDE and item.action in ("new", "update"):
                return _("Tick to import this row, untick to leave it out")
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == FINDINGS:
            worst = self.worst(item)
            return self._icon(worst) if worst else None
        if role == Qt.ItemDataRole.ForegroundRole and column in (ACTION, FINDINGS):
            worst = self.worst(item)
            return QColor(SEVERITY_COLOURS[worst]) if worst else None
        if role == Qt.ItemDataRole.AccessibleTextRole and column == INCLUDE:
            return _("Import") if item.importing else _("Not imported")
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == INCLUDE and self._items[index.row()].action in ("new", "update"):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: _Index, value: Any,  # noqa: N802 - Qt's name
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (not index.isValid() or index.column() != INCLUDE
                or role != Qt.ItemDataRole.CheckStateRole):
            return False
        item = self._items[index.row()]
        if item.action not in ("new", "update"):
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        if item.included != checked:
            item.included = checked
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
            self.ticks_changed.emit()
        return True

    def tick_all(self, checked: bool) -> None:
        for item in self._items:
            item.included = checked
        if self._items:
            self.dataChanged.emit(self.index(0, INCLUDE), self.index(len(self._items) - 1,
                                                                       INCLUDE))
        self.ticks_changed.emit()

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return None
        cards_only = all(item.row is None for item in self._items) and bool(self._items)
        return {INCLUDE: _("Import"), WHERE: _("Card") if cards_only else _("Row"),
                NAME: _("Organisation"), ACTION: _("What happens"),
                FINDINGS: _("Findings")}.get(section)

    def importing_count(self) -> int:
        return sum(1 for item in self._items if item.importing)


class ProblemFilter(QSortFilterProxyModel):
    """Only rows with an error or a warning, when asked."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._only_problems = False

    def set_only_problems(self, only: bool) -> None:
        self.beginFilterChange()
        self._only_problems = only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        if not self._only_problems:
            return True
        model = self.sourceModel()
        return isinstance(model, PlanModel) and PlanModel.worst(model.item_at(source_row)) is not None


# --- the dialog -------------------------------------------------------------------------
