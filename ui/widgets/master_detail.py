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

What a page can turn on (issue #12):

* ``sort_and_filter(proxy)``: the view shows the records through a ``RecordsProxy``;
  clicking a column header sorts by it (again: the other way; a third time: back to
  the file order, which Move up/down also return to), and a filter box above the
  view narrows the rows to those with the typed text in any column (case and
  accents folded). Sorting and filtering are only a view: the file keeps the order
  the user gave it. The chosen record stays in the view while the user edits it,
  even when it no longer matches, so the form never jumps to another record while
  the user types; but a new filter text chooses the first match instead of a chosen
  record that does not match (or none), and the count counts only matches.
* the form's scroll area follows the keyboard focus (``keep_focus_in_view``) and
  starts at its top for each newly chosen record, so a field that gets the cursor
  (a new member's name, a finding's field, Tab) is always in sight.
* ``remember(key, master_size)``: the splitter's division is kept in QSettings
  under ``key`` between runs; until the user moves it, the records get what
  ``master_size()`` asks for (at most ``MAX_MASTER_SHARE`` of the room, and never
  so much that the form gets less than ``MIN_DETAIL_HEIGHT`` or half the room). The
  handle is a ``GripHandle``: drawn with a grip, with a tooltip, movable by keyboard.
* fresh records (issue #13): a record just added with Add (or ``mark_fresh``)
  does not show its findings about fields it has not been given yet until the user
  has left it once (``inline_findings``); the rules, the panel and the Review page
  are not affected, only what stands under the form's inputs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (QEvent, QItemSelectionModel, QModelIndex, QObject, QRect,
                            QSettings, QSortFilterProxyModel, Qt, QTimer, Signal)
from PySide6.QtGui import QAction, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QScrollArea,
                               QSplitter, QSplitterHandle, QStyle, QStyleOptionFocusRect,
                               QTableView, QToolBar, QVBoxLayout, QWidget)

from ssa_wizard.i18n import _
from ssa_wizard.rules import Finding, fold_pic

from .field_rows import keep_focus_in_view
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
    #: Whether a field (a finding's field without the prefix: ``name``, ``period``) of
    #: a record is still empty; a fresh record shows no findings about such fields.
    blank: Callable[[str, str], bool] = lambda _record_id, _field: False
    #: The position of a record in file order, -1 when it is not there. By default
    #: looked up in ``ids()``; a page that keeps an index of its records passes a
    #: quicker one (each keystroke asks which record is chosen, and where it is).
    index: Callable[[str], int] | None = None
    #: How many records there are (by default ``len(ids())``).
    count: Callable[[], int] | None = None

    def size(self) -> int:
        return self.count() if self.count is not None else len(self.ids())

    def index_of(self, record_id: str) -> int:
        if self.index is not None:
            return self.index(record_id)
        ids = self.ids()
        return ids.index(record_id) if record_id in ids else -1


#: The records never get more than this share of the splitter by themselves.
MAX_MASTER_SHARE = 0.7
#: Until the user moves the splitter, the form gets at least this many pixels, or half
#: the room when there is less than twice that (a low window): a form squeezed under
#: a table of ten rows shows two fields at a time.
MIN_DETAIL_HEIGHT = 170
#: A splitter (records above the form) lower than this is a low window: the findings
#: about all the records get the height of one (they scroll), not of two.
LOW_SPLITTER_HEIGHT = 420


class GripHandle(QSplitterHandle):
    """A splitter handle that looks like one: a wider bar with a line and a grip of
    dots across its middle (the style's own handle is a faint dotted line that users
    miss), a tooltip that says what it does, and moved with the arrow keys when it has
    the keyboard focus (Tab reaches it; the splitter's ``splitterMoved`` is emitted as
    for a drag, so a remembered division is kept)."""

    #: Pixels an arrow key moves the handle; Page Up/Down move five times as far.
    KEY_STEP = 20

    def __init__(self, orientation: Qt.Orientation, parent: QSplitter):
        super().__init__(orientation, parent)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.retranslate()

    def retranslate(self) -> None:
        self.setToolTip(_("Drag to change the division"))
        self.setAccessibleName(_("Divider"))
        self.setAccessibleDescription(_("Drag it, or use the arrow keys, to change the "
                                        "division"))

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        palette = self.palette()
        rect = self.rect()
        active = self.underMouse() or self.hasFocus()
        horizontal = self.orientation() == Qt.Orientation.Horizontal  # side by side
        painter.fillRect(rect, palette.color(QPalette.ColorRole.Window))
        # A line along the whole handle, so the two parts are visibly divided.
        line = palette.color(QPalette.ColorRole.Highlight if active else QPalette.ColorRole.Mid)
        if horizontal:
            painter.fillRect(QRect(rect.center().x(), rect.top(), 1, rect.height()), line)
        else:
            painter.fillRect(QRect(rect.left(), rect.center().y(), rect.width(), 1), line)
        # A grip in the middle: five dots on a plate, as on a physical slider.
        dot = palette.color(QPalette.ColorRole.Highlight if active else QPalette.ColorRole.Dark)
        plate = QRect(0, 0, 7, 40) if horizontal else QRect(0, 0, 40, 7)
        plate.moveCenter(rect.center())
        painter.fillRect(plate, palette.color(QPalette.ColorRole.Button))
        painter.setPen(line)
        painter.drawRect(plate.adjusted(0, 0, -1, -1))
        for i in range(5):
            offset = -12 + 6 * i
            x, y = ((rect.center().x() - 1, rect.center().y() + offset - 1) if horizontal
                    else (rect.center().x() + offset - 1, rect.center().y() - 1))
            painter.fillRect(QRect(x, y, 3, 3), dot)
        if self.hasFocus():
            option = QStyleOptionFocusRect()
            option.initFrom(self)
            option.rect = plate.adjusted(-2, -2, 2, 2)
            self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option,
                                       painter, self)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1,
                 Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -5, Qt.Key.Key_PageDown: 5}
        step = steps.get(Qt.Key(event.key()))
        if step is None:
            super().keyPressEvent(event)
            return
        here = self.pos().x() if self.orientation() == Qt.Orientation.Horizontal else self.pos().y()
        self.moveSplitter(self.closestLegalPosition(here + step * self.KEY_STEP))
        event.accept()


class DividingSplitter(QSplitter):
    """A splitter with a visible, keyboard-movable handle (``GripHandle``) that calls
    ``resized()`` after each resize, so that its division can be set anew for the new
    room (until the user moves it, say)."""

    #: The handle's thickness: enough to see and to hit with the mouse.
    HANDLE_WIDTH = 9

    def __init__(self, orientation: Qt.Orientation, parent: QWidget, resized: Callable[[], None]):
        super().__init__(orientation, parent)
        self._resized = resized
        self.setHandleWidth(self.HANDLE_WIDTH)

    def createHandle(self) -> QSplitterHandle:  # noqa: N802 - Qt's name
        return GripHandle(self.orientation(), self)

    def retranslate(self) -> None:
        for index in range(1, self.count()):
            handle = self.handle(index)
            if isinstance(handle, GripHandle):
                handle.retranslate()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._resized()


def fold(text: str) -> str:
    """``text`` for matching: case and accents folded (``Köln`` matches ``koln``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class RecordsProxy(QSortFilterProxyModel):
    """Sorts and filters a view of records; the source model keeps the file order.

    The filter keeps the rows with ``text`` (folded) in the display text of any
    column, and always the pinned record (the chosen one). Sorting compares the
    display texts (locale-aware, case-insensitive), or the edit values where a
    column shows none (a check box); equal rows keep their order in the file.
    """

    def __init__(self, id_role: int, parent: QObject | None = None):
        super().__init__(parent)
        self._id_role = id_role
        self._needle = ""
        self._digits = ""  # the filter's digits alone, when it is a number
        self._pinned: str | None = None
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortLocaleAware(True)
        self.setDynamicSortFilter(True)

    def filter_text(self) -> str:
        return self._needle

    def set_filter_text(self, text: str, *, unpin: bool = False) -> None:
        """Show the rows with ``text``; ``unpin``: and the pinned record only if it has it
        too (a new filter: the user looks for something else)."""
        needle = fold(text.strip())
        if needle != self._needle or (unpin and self._pinned is not None):
            self.beginFilterChange()
            self._needle = needle
            # A number (a PIC) is found however it is spaced or hyphenated, on either side.
            digits = fold_pic(needle)
            self._digits = digits if digits.isdigit() else ""
            if unpin:
                self._pinned = None
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def match_count(self) -> int:
        """How many rows have the filter text: those shown, less the pinned record when
        it is shown only because it is pinned."""
        shown = self.rowCount()
        if not self._needle or self._pinned is None:
            return shown
        for row in range(shown):
            index = self.index(row, 0)
            if index.data(self._id_role) == self._pinned:
                source = self.mapToSource(index)
                return shown - (not self._has_text(source.row(), source.parent()))
        return shown

    def pin(self, record_id: str | None) -> None:
        """Keep ``record_id`` in the view whatever the filter."""
        if record_id != self._pinned:
            if self._needle:
                self.beginFilterChange()
                self._pinned = record_id
                self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
            else:
                self._pinned = record_id

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # noqa: N802
        if not self._needle:
            return True
        first = self.sourceModel().index(source_row, 0, source_parent)
        if self._pinned is not None and first.data(self._id_role) == self._pinned:
            return True
        return self._has_text(source_row, source_parent)

    def _has_text(self, source_row: int, source_parent) -> bool:
        model = self.sourceModel()
        for column in range(model.columnCount(source_parent)):
            text = model.index(source_row, column, source_parent).data(
                Qt.ItemDataRole.DisplayRole)
            if text and (self._needle in fold(str(text))
                         or (self._digits and self._digits in fold_pic(str(text)))):
                return True
        return False

    def lessThan(self, left, right) -> bool:  # noqa: N802 - Qt's name
        a, b = left.data(Qt.ItemDataRole.DisplayRole), right.data(Qt.ItemDataRole.DisplayRole)
        if a is None and b is None:  # check boxes: their values
            a, b = left.data(Qt.ItemDataRole.EditRole), right.data(Qt.ItemDataRole.EditRole)
            try:
                if a != b:
                    return a < b
            except TypeError:
                return False
        elif a != b:
            return super().lessThan(left, right)
        # Equal rows in file order. A full sort keeps them so by itself, but a row an
        # edit moves is put back by a binary search, among its equals anywhere. Sorting
        # downwards, Qt asks whether right < left: the order is turned round.
        return (left.row() < right.row()) != (self.sortOrder() == Qt.SortOrder.DescendingOrder)


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
        #: While a new filter text is applied: rows come and go, the chosen one stays.
        self._refiltering = False
        self._add_focus: QWidget | None = None
        self._duplicate_focus: QWidget | None = None
        self._fit: Callable[[int], None] | None = None
        #: Records added and not left yet: their blank fields' findings wait.
        self._fresh: set[str] = set()
        self.proxy: RecordsProxy | None = None
        self._settings_key = ""
        self._master_size: Callable[[], int] | None = None
        #: The records' share of the splitter the user chose (None: not moved yet).
        self._share: float | None = None
        #: Actions that need a chosen record (enabled with Duplicate).
        self.needs_current: list[QAction] = []

        self.editing = ListEditing(page, self.add, self.duplicate, self.remove, self.move)
        self.toolbar = QToolBar(page)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.editing.put_on(self.toolbar)

        self.splitter = DividingSplitter(orientation, page, self._divide)
        self.splitter.setChildrenCollapsible(False)
        master = QWidget(self.splitter)
        column = QVBoxLayout(master)
        column.setContentsMargins(0, 0, 0, 0)
        self._master_column = column
        #: The filter box and its row, made by sort_and_filter.
        self.filter_row: QWidget | None = None
        self.filter_box: QLineEdit | None = None
        column.addWidget(view, 1)
        self.editing.attach_to(view)
        self.findings_title = QLabel(master)
        self.findings = FindingsList(master)
        if orientation == Qt.Orientation.Vertical:
            # The records span the page's width: the title beside its findings, not
            # above them, leaves a line more for the form on a low screen.
            findings_row = QHBoxLayout()
            findings_row.addWidget(self.findings_title, 0, Qt.AlignmentFlag.AlignTop)
            findings_row.addWidget(self.findings, 1)
            column.addLayout(findings_row)
        else:
            column.addWidget(self.findings_title)
            column.addWidget(self.findings)

        self.scroll = QScrollArea(self.splitter)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # Forms never scroll sideways: they wrap and narrow instead.
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail = QWidget()
        self.scroll.setWidget(self.detail)
        keep_focus_in_view(self.scroll)
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
        self.splitter.splitterMoved.connect(self._splitter_moved)
        self.scroll.viewport().installEventFilter(self)
        # The list made lower (a findings box appearing above the form after a removal,
        # a second trial): the chosen row stays in view.
        self.view.viewport().installEventFilter(self)

        view.selectionModel().currentRowChanged.connect(self._current_row_changed)
        view.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        self.findings.finding_activated.connect(self.finding_chosen)
        self.findings.itemClicked.connect(
            lambda item: self.finding_chosen.emit(item.data(Qt.ItemDataRole.UserRole)))

    def set_form(self, form: QWidget, *, add_focus: QWidget, duplicate_focus: QWidget,
                 fit: Callable[[int], None] | None = None) -> None:
        """Put the page's form under the heading; where the cursor goes after Add, Duplicate.

        ``fit(width)`` (by default the form's ``fit_width``, if it has one) is called
        with the width the form gets whenever that changes: the form arranges itself
        to fit it (one column, labels above the inputs), as it never scrolls sideways.
        """
        self._detail_column.addWidget(form)
        self._detail_column.addStretch(1)
        self._add_focus, self._duplicate_focus = add_focus, duplicate_focus
        self._fit = fit or getattr(form, "fit_width", None)

    # --- sorting and filtering, the splitter --------------------------------------------

    def sort_and_filter(self, proxy: RecordsProxy) -> None:
        """Show the records through ``proxy``: headers sort, the filter box narrows."""
        self.proxy = proxy
        self.filter_row = QWidget(self.view.parentWidget())
        filter_line = QHBoxLayout(self.filter_row)
        filter_line.setContentsMargins(0, 0, 0, 0)
        self.filter_label = QLabel(self.filter_row)
        self.filter_box = QLineEdit(self.filter_row)
        self.filter_box.setClearButtonEnabled(True)
        self.filter_label.setBuddy(self.filter_box)
        # Ctrl+F, as everywhere (the page's letters are all taken by its fields).
        self.find_action = QAction(self._page)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(self._focus_filter)
        self._page.addAction(self.find_action)
        self.filter_count = QLabel(self.filter_row)
        filter_line.addWidget(self.filter_label)
        filter_line.addWidget(self.filter_box, 1)
        filter_line.addWidget(self.filter_count)
        self._master_column.insertWidget(0, self.filter_row)
        self.filter_box.textChanged.connect(self._filter_changed)
        proxy.rowsInserted.connect(lambda *_: self._count_shown())
        proxy.rowsRemoved.connect(lambda *_: self._count_shown())
        proxy.modelReset.connect(self._count_shown)
        # The chosen record, kept while edited, may stop (or start) matching.
        proxy.dataChanged.connect(lambda *_: self._count_shown())
        # Sorted, an edit moves its row (a member renamed): the view follows it.
        proxy.layoutChanged.connect(self._keep_current_in_view)
        if isinstance(self.view, QTableView):
            header = self.view.horizontalHeader()
            # Unsorted (the file order) until a header is clicked; the third click on
            # the same header goes back to it.
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            header.setSortIndicatorClearable(True)
            self.view.setSortingEnabled(True)
        self.retranslate()

    def retranslate(self) -> None:
        """Re-word the splitter's handle and the filter box (when there is one)."""
        self.splitter.retranslate()
        if self.filter_box is None:
            return
        self.filter_label.setText(_("Filter:"))
        self.filter_box.setAccessibleName(_("Filter"))
        self.filter_box.setPlaceholderText(_("name, country, category, PIC …"))
        self.filter_box.setToolTip(_("Show only the rows with this text in any column "
                                     "(Ctrl+F); the chosen row stays shown"))
        if isinstance(self.view, QTableView):
            self.view.horizontalHeader().setToolTip(_(
                "Click a column's title to sort by it, again for the other way round, a "
                "third time for the order of the file"))
        self._count_shown()

    def _focus_filter(self) -> None:
        self.filter_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_box.selectAll()

    def is_sorted(self) -> bool:
        return self.proxy is not None and self.proxy.sortColumn() >= 0

    def clear_sorting(self) -> None:
        """Show the records in the file's order again."""
        if isinstance(self.view, QTableView):
            self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        if self.proxy is not None:
            self.proxy.sort(-1)

    def _filter_changed(self, text: str) -> None:
        # A new filter text: the chosen record stays only if it matches (it is kept
        # while the user edits it, not when the user looks for something else);
        # otherwise the first match is chosen, or none.
        current = self.current_id()
        self._refiltering = True
        try:
            self.proxy.set_filter_text(text, unpin=True)
        finally:
            self._refiltering = False
        kept = current is not None and self.row_of(current) >= 0
        self.select(current if kept else self._id_at(0))
        self._count_shown()

    def _count_shown(self) -> None:
        if self.proxy is None:
            return
        filtering = bool(self.proxy.filter_text())
        self.filter_count.setVisible(filtering)
        if filtering:
            self.filter_count.setText(_("{shown} of {total}").format(
                shown=self.proxy.match_count(), total=self.records.size()))

    def remember(self, key: str, master_size: Callable[[], int] | None = None) -> None:
        """Keep the splitter's division under ``key`` in QSettings, as a share of the
        room; until the user moves it, give the records ``master_size()`` pixels (at
        most ``MAX_MASTER_SHARE`` of the room)."""
        self._settings_key = key
        self._master_size = master_size
        try:
            share = float(QSettings().value(key, 0) or 0)
        except (TypeError, ValueError):  # a hand-edited settings file
            share = 0.0
        self._share = share if 0.05 <= share <= 0.95 else None

    def _splitter_moved(self, _pos: int, _index: int) -> None:
        sizes = self.splitter.sizes()
        if self._settings_key and sum(sizes):
            self._share = round(sizes[0] / sum(sizes), 4)
            QSettings().setValue(self._settings_key, self._share)

    def _divide(self) -> None:
        """The division after a resize: the user's share, or the room the page asks for."""
        self._size_findings()
        if not self._settings_key:
            return
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if total <= 0:
            return
        if self._share is not None:
            first = round(total * self._share)
        elif self._master_size is not None:
            least_form = min(MIN_DETAIL_HEIGHT, total // 2)
            first = min(self._master_size(), round(total * MAX_MASTER_SHARE), total - least_form)
        else:
            return
        if sizes[0] != first:
            self.splitter.setSizes([first, total - first])

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize and watched is self.scroll.viewport():
            self._fit_form(event.size().width())
        elif (event.type() == QEvent.Type.Resize and watched is self.view.viewport()
              and event.size().height() < event.oldSize().height()):
            QTimer.singleShot(0, self._keep_current_in_view)
        return super().eventFilter(watched, event)

    def _fit_form(self, width: int) -> None:
        margins = self._detail_column.contentsMargins()
        if self._fit is not None:
            self._fit(width - margins.left() - margins.right())

    # --- fresh records -------------------------------------------------------------------

    def mark_fresh(self, record_id: str) -> None:
        """``record_id`` was just added empty: its blank fields' findings wait."""
        self._fresh.add(record_id)

    def is_fresh(self, record_id: str | None) -> bool:
        return record_id in self._fresh

    def leave_fresh(self) -> None:
        """The user left the page: every record added so far has been left once."""
        self._fresh.clear()

    def inline_findings(self, findings: list[Finding], prefix: str) -> list[Finding]:
        """The findings about the chosen record to show in its form: for a fresh
        record, not those about fields it has not been given yet."""
        current = self._current_id
        if current not in self._fresh:
            return findings
        shown = []
        for finding in findings:
            field = (finding.field or "").removeprefix(prefix)
            if finding.field and self.records.blank(current, field):
                continue
            shown.append(finding)
        return shown

    # --- which record is chosen --------------------------------------------------------

    def current_id(self) -> str | None:
        """The chosen record's id, if it is (still) in the file."""
        current = self._current_id
        return current if current is not None and self.records.index_of(current) >= 0 else None

    def position(self, record_id: str) -> tuple[int, int]:
        """``(number, count)``: the record's place in the file, from 1, and how many there are."""
        return self.records.index_of(record_id) + 1, self.records.size()

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
        if self.proxy is not None:
            self.proxy.pin(record_id)
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

    def _keep_current_in_view(self, *_args) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.view.scrollTo(index)

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
        if self._refiltering:
            return  # _filter_changed chooses when the rows are settled
        record_id = current.data(self._id_role) if current.isValid() else None
        if record_id is not None:
            self._set_current(record_id, current.row())

    def _set_current(self, record_id: str | None, row: int) -> None:
        changed = record_id != self._current_id
        if changed and self._current_id is not None:
            self._fresh.discard(self._current_id)  # left once: its findings show from now
        if changed and self.proxy is not None:
            self.proxy.pin(record_id)
        self._current_id, self._current_row = record_id, row
        if changed:
            self.current_changed.emit(record_id)
            # Another record's form starts at its top (its first fields, its heading).
            self.scroll.verticalScrollBar().setValue(0)
        self.update_actions()

    def selected_ids(self) -> list[str]:
        """The records Remove and Duplicate act on, in the view's order: the selected ones
        when the record shown in the form is among them, else the one in the form.

        Ctrl+arrow keys move the form to another row without selecting it; acting on a
        highlighted row the form does not show removed the wrong member (new-user trial).
        """
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        ids = [i for i in (self._id_at(r) for r in rows) if i is not None]
        current = self.current_id()
        if current and current not in ids:
            ids = [current]
        return ids

    # --- the actions ---------------------------------------------------------------------

    def update_actions(self) -> None:
        at = self.records.index_of(self._current_id) if self._current_id is not None else -1
        has = at >= 0
        editing = self.editing
        editing.duplicate.setEnabled(has)
        editing.remove.setEnabled(has or bool(self.view.selectionModel().selectedRows()))
        editing.move_up.setEnabled(has and at > 0)
        editing.move_down.setEnabled(has and at < self.records.size() - 1)
        for action in self.needs_current:
            action.setEnabled(has)

    def add(self) -> str:
        """Add an empty record after the chosen one, choose it, put the cursor in its form."""
        current = self.current_id()
        new_id = self.records.add(self.records.ids().index(current) + 1 if current else None)
        self.mark_fresh(new_id)
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
        if self.is_sorted():
            self.clear_sorting()  # a move is in the file's order: show that order
        self.records.move(current, self.records.ids().index(current) + step)
        self.select(current)

    # --- findings and focus ----------------------------------------------------------------

    def show_findings(self, record: list[Finding], general: list[Finding]) -> None:
        """Show the findings about the chosen record (none of its fields) and about all."""
        self.record_findings.set_findings(record)
        if not self.findings.set_findings(general):
            return  # the same findings: the list, its height and the layout stay
        self.findings.setVisible(bool(general))
        self.findings_title.setVisible(bool(general))
        self._size_findings()

    def _size_findings(self) -> None:
        # As tall as its first two findings (it scrolls): the view keeps the room; as
        # its first one only in a low window, where the form needs every line.
        low = (self.splitter.orientation() == Qt.Orientation.Vertical
               and 0 < self.splitter.height() < LOW_SPLITTER_HEIGHT)
        count = min(self.findings.count(), 1 if low else 2)
        rows = sum(self.findings.sizeHintForRow(i) for i in range(count))
        height = rows + 2 * self.findings.frameWidth() + 4
        if (self.findings.minimumHeight(), self.findings.maximumHeight()) != (height, height):
            self.findings.setFixedHeight(height)

    def show_input(self, widget: QWidget) -> None:
        """Scroll the form to ``widget`` and put the cursor there."""
        self.scroll.ensureWidgetVisible(widget)
        widget.setFocus()

    def focus_records(self) -> None:
        """The cursor to the view, or to the toolbar when there is nothing in it."""
        (self.view if self.view.model().rowCount() else self.toolbar).setFocus()
