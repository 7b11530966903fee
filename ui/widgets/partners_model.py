"""The members table: a live Qt model over the session's list of partners.

The model keeps no copy of the members: every ``data()`` call reads
``session.proposal.partners`` as it is now (the list object itself is replaced by
undo/redo and by Open, so it is looked up on each call). What it does keep is
derived and cheap to rebuild:

* per report, a dict member id -> worst severity and the findings about it, built
  once in O(findings), so that ``data()`` stays O(1) with 300 members; only rows
  whose icon changes get ``dataChanged`` (tooltips are worded when asked for);
* per member, the tuple of the values its row shows, and its row.

A field edit (typing, a table edit, their undo and redo) is announced by the
session's ``field_changed`` (which record, which field): only that cell gets
``dataChanged``, found through the remembered row, so a keystroke costs the same
with 1,000 members as with 9. A change announced without that detail
(``proposal_changed`` alone) is still found by comparing every row with what it
showed. Structural changes (add, remove, move, undo of those, Open) reset the model.
Edits made in the table (name, PIC, umbrella, category, role) go through the
session, so they are undoable like every other edit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

from ssa_wizard import countries, labels, messages
from ssa_wizard.i18n import _
from ssa_wizard.model import CATEGORIES, ROLES, Partner
from ssa_wizard.rules import Finding, Report, tidy_pic

from ..session import Session
from .findings import SEVERITY_ORDER, severity_icon

#: Column order of the table.
COLUMNS: tuple[str, ...] = ("name", "country", "category", "role", "umbrella", "pic")
NAME, COUNTRY, CATEGORY, ROLE, UMBRELLA, PIC = range(len(COLUMNS))
#: The column that shows each field of a member.
_COLUMN_OF = {name: column for column, name in enumerate(COLUMNS)}
#: The columns whose cells can be edited in the table itself.
_EDITABLE = {NAME, CATEGORY, ROLE, PIC}

_Index = QModelIndex | QPersistentModelIndex


def country_label(code: str, lang: str | None = None) -> str:
    """``Griekenland (EL)``: the name in the current language with the EU's code."""
    if not code:
        return ""
    if not countries.is_known(code):
        return code
    return f"{countries.name(code, lang)} ({countries.display_code(code)})"


class PartnersModel(QAbstractTableModel):
    """Rows are the session's members, columns ``COLUMNS``."""

    #: The member id of a row (any column).
    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, session: Session, parent: QObject | None = None):
        super().__init__(parent)
        self._session = session
        self._worst: dict[str, str] = {}
        self._about: dict[str, list[Finding]] = {}
        self._shown: dict[str, tuple] = {}
        #: Member id -> its row when the rows were last remembered (checked before use).
        self._rows: dict[str, int] = {}
        #: The session announced the coming proposal_changed with field_changed.
        self._announced = False
        self._country_labels: dict[str, str] = {}
        self._icons: dict[str, QIcon] = {}
        self._absorb_report(session.report)
        self._remember_rows()
        session.structure_changed.connect(self._structure_changed)
        session.field_changed.connect(self._field_changed)
        session.proposal_changed.connect(self._proposal_changed)
        session.report_changed.connect(self._report_changed)

    # --- reading the session -----------------------------------------------------------

    @property
    def _partners(self) -> list[Partner]:
        return self._session.proposal.partners

    def partner_at(self, row: int) -> Partner | None:
        partners = self._partners
        return partners[row] if 0 <= row < len(partners) else None

    def row_of(self, partner_id: str) -> int:
        """The row of the member ``partner_id``, or -1."""
        partners = self._partners
        row = self._rows.get(partner_id, -1)
        if 0 <= row < len(partners) and partners[row].id == partner_id:
            return row
        for row, partner in enumerate(partners):  # the rows moved without a reset
            if partner.id == partner_id:
                return row
        return -1

    def worst_severity(self, partner_id: str) -> str | None:
        """The most serious severity of the findings about a member (None: none)."""
        return self._worst.get(partner_id)

    # --- Qt's model interface ----------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._partners)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if 0 <= section < self.rowCount() else None
        if not 0 <= section < len(COLUMNS):
            return None
        return [_("Name"), _("Country"), _("Category"), _("Role"), _("Umbrella"),
                _("PIC")][section]

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._session.read_only:
            return flags
        if index.column() in _EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        if index.column() == UMBRELLA:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        partner = self.partner_at(index.row())
        if partner is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(partner, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(partner, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == UMBRELLA:
            return (Qt.CheckState.Checked if partner.umbrella
                    else Qt.CheckState.Unchecked)
        if role == Qt.ItemDataRole.DecorationRole and column == NAME:
            severity = self._worst.get(partner.id)
            if not severity:
                return None
            if severity not in self._icons:
                self._icons[severity] = severity_icon(severity)
            return self._icons[severity]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(partner, column)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == UMBRELLA:
            return _("Yes") if partner.umbrella else _("No")
        if role == self.IdRole:
            return partner.id
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or not self.flags(index) & (
                Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable):
            return False
        partner = self.partner_at(index.row())
        if partner is None:
            return False
        column = index.column()
        if column == UMBRELLA and role == Qt.ItemDataRole.CheckStateRole:
            try:
                checked = Qt.CheckState(value) == Qt.CheckState.Checked
            except ValueError:
                return False
            self._session.set_partner_field(partner.id, "umbrella", checked)
            return True
        if role != Qt.ItemDataRole.EditRole or not isinstance(value, str):
            return False
        if column == CATEGORY and value not in (*CATEGORIES, ""):
            return False
        if column == ROLE and value not in ROLES:
            return False
        if column == PIC:
            value = tidy_pic(value)  # as the form keeps it
        # The row's dataChanged comes from the session's proposal_changed, like any edit.
        self._session.set_partner_field(partner.id, COLUMNS[column], value)
        return True

    # --- what a cell shows -----------------------------------------------------------

    def _display(self, partner: Partner, column: int) -> str | None:
        if column == NAME:
            return partner.name or _("(no name yet)")
        if column == COUNTRY:
            return self._country(partner.country)
        if column == CATEGORY:
            return labels.category(partner.category) if partner.category else ""
        if column == ROLE:
            return labels.role(partner.role)
        if column == PIC:
            return partner.pic
        return None  # the umbrella column shows a check box only

    def _edit_value(self, partner: Partner, column: int) -> Any:
        if column == UMBRELLA:
            return partner.umbrella
        return getattr(partner, COLUMNS[column])

    def _country(self, code: str) -> str:
        label = self._country_labels.get(code)
        if label is None:
            label = self._country_labels[code] = country_label(code)
        return label

    def _tooltip(self, partner: Partner, column: int) -> str | None:
        if column == NAME:
            found = self._about.get(partner.id)
            if found:
                return "\n".join(messages.message(f) for f in found)
            return partner.name or None
        if column == CATEGORY:
            return labels.category_description(partner.category) or None
        if column == UMBRELLA:
            return _("An umbrella organisation: a European network that represents its "
                     "members. It does not count towards the minimums.")
        text = self._display(partner, column)
        return text or None

    # --- keeping up with the session ----------------------------------------------------

    def _row_values(self, partner: Partner) -> tuple:
        """What the row shows, one value per column of ``COLUMNS``."""
        return (partner.name, partner.country, partner.category, partner.role,
                partner.umbrella, partner.pic)

    def _remember_rows(self) -> None:
        partners = self._partners
        self._shown = {p.id: self._row_values(p) for p in partners}
        self._rows = {p.id: row for row, p in enumerate(partners)}

    def _structure_changed(self) -> None:
        self.beginResetModel()
        self._remember_rows()
        self.endResetModel()

    def _field_changed(self, kind: str, record_id: str, name: str) -> None:
        """One field of one record was set: at most one cell changed."""
        self._announced = True  # the proposal_changed that follows has nothing more
        column = _COLUMN_OF.get(name)
        if kind != "partner" or column is None:
            return  # not a member, or a field the table does not show
        row = self.row_of(record_id)
        if row < 0 or len(self._partners) != len(self._shown):
            return  # a structural change is announced by structure_changed
        values = self._row_values(self._partners[row])
        shown = self._shown.get(record_id)
        if shown != values:
            self._shown[record_id] = values
            # The row's values are in column order: the cells that differ, normally
            # just ``column``.
            columns = [c for c, value in enumerate(values)
                       if shown is None or shown[c] != value] or [column]
            self._emit_rows([row], (columns[0], columns[-1]))

    def _proposal_changed(self) -> None:
        if self._announced:
            self._announced = False
            return
        changed = []
        partners = self._partners
        if len(partners) != len(self._shown):
            # A structural change is announced by structure_changed (which resets us).
            return
        for row, partner in enumerate(partners):
            values = self._row_values(partner)
            if self._shown.get(partner.id) != values:
                self._shown[partner.id] = values
                changed.append(row)
        self._emit_rows(changed)

    def _absorb_report(self, report: Report) -> list[str]:
        """Index the report by member; return the ids whose worst severity changed.

        Tooltips are made from ``_about`` when asked for, so they are always
        current; only the icon needs a ``dataChanged``.
        """
        about: dict[str, list[Finding]] = {}
        for finding in report.findings:
            if finding.partner is not None:
                about.setdefault(finding.partner, []).append(finding)
        worst: dict[str, str] = {}
        for partner_id, found in about.items():
            found.sort(key=lambda f: SEVERITY_ORDER[f.severity])
            worst[partner_id] = found[0].severity
        changed = [pid for pid in worst.keys() | self._worst.keys()
                   if worst.get(pid) != self._worst.get(pid)]
        self._about, self._worst = about, worst
        return changed

    def _report_changed(self, report: Report) -> None:
        changed = set(self._absorb_report(report))
        if changed:
            rows = [row for row, p in enumerate(self._partners) if p.id in changed]
            self._emit_rows(rows, (NAME, NAME))

    def _emit_rows(self, rows: list[int], columns: tuple[int, int] | None = None) -> None:
        """Announce changed rows, one signal per run of consecutive rows."""
        first_col, last_col = columns or (0, len(COLUMNS) - 1)
        start = previous = None
        for row in sorted(rows):
            if start is None:
                start = previous = row
            elif row == previous + 1:
                previous = row
            else:
                self.dataChanged.emit(self.index(start, first_col), self.index(previous, last_col))
                start = previous = row
        if start is not None:
            self.dataChanged.emit(self.index(start, first_col), self.index(previous, last_col))

    def retranslate(self) -> None:
        """The language changed: every header and shown text is new."""
        self._country_labels.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, len(COLUMNS) - 1))
