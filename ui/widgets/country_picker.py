"""Choosing a country by typing part of its name or its code.

``CountryPicker`` is an editable combo box. Its list is grouped: first the
programme countries of the rulebook, then the partner countries, each under a
header (the second one says that a partner country cannot supply the applicant).

Typing filters a completer popup at once, through the core's one country index
(``countries.index()``, shared with the sheet import): codes (ISO, EU, alpha-3) and
the names shown in each language, plus the names people use that ISO does not. A
query matches a code exactly or by prefix, or a name by prefix, by the start of a
word, or anywhere; matches are ranked in that order. No fuzzy search runs per
keystroke (pycountry's ``search_fuzzy`` takes ~100 ms).

Enter takes the entry picked in the popup with the arrow keys, or else the best
match of what was typed; leaving the field does the same. Text that matches no country is put back
to the chosen country: a country is a code, and there is no code to keep.
"""

from __future__ import annotations

from PySide6.QtCore import (QModelIndex, QObject, QPersistentModelIndex,
                            QSortFilterProxyModel, Qt, Signal)
from PySide6.QtGui import QFont, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ssa_wizard import countries, i18n
from ssa_wizard.i18n import _
from ssa_wizard.rulebook import Rulebook
from ssa_wizard.rulebook import load as load_rulebook

CodeRole = Qt.ItemDataRole.UserRole + 1
GroupRole = Qt.ItemDataRole.UserRole + 2
HeaderRole = Qt.ItemDataRole.UserRole + 3

PROGRAMME, PARTNER = 0, 1


class _CountryFilter(QSortFilterProxyModel):
    """Shows the countries a query matches, best first within each group."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._ranks: dict[str, int] | None = None
        self._groups_shown: set[int] = set()

    def set_ranks(self, ranks: dict[str, int] | None) -> None:
        """Filter by these ranks (None: show everything in the source order)."""
        self._ranks = ranks
        self._groups_shown = set()
        source = self.sourceModel()
        if ranks is not None and source is not None:
            for row in range(source.rowCount()):
                index = source.index(row, 0)
                if index.data(CodeRole) in ranks:
                    self._groups_shown.add(index.data(GroupRole))
        self.invalidate()

    def filterAcceptsRow(self, source_row: int,  # noqa: N802 - Qt's name
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if self._ranks is None:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        if index.data(HeaderRole):
            return index.data(GroupRole) in self._groups_shown
        return index.data(CodeRole) in self._ranks

    def lessThan(self, left: QModelIndex | QPersistentModelIndex,  # noqa: N802 - Qt's name
                 right: QModelIndex | QPersistentModelIndex) -> bool:
        return self._key(left) < self._key(right)

    def _key(self, index: QModelIndex | QPersistentModelIndex) -> tuple:
        group = index.data(GroupRole)
        if index.data(HeaderRole):
            return (group, -1, index.row())
        rank = self._ranks.get(index.data(CodeRole), 9) if self._ranks else 0
        return (group, rank, index.row())


class CountryPicker(QComboBox):
    """An editable combo box of every country, searchable by name or code."""

    #: The user chose a country (its ISO code; ``""`` when the field was cleared).
    country_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None, rulebook: Rulebook | None = None):
        super().__init__(parent)
        self._rulebook = rulebook or load_rulebook("ssa-2014")
        self._code = ""
        #: The list of ~250 countries is (re)built only when the picker is first
        #: shown or used: a window holds pickers on pages the user may never open.
        self._stale = True
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(18)
        self._items = QStandardItemModel(self)
        self.setModel(self._items)
        self._filter = _CountryFilter(self)
        self._filter.setSourceModel(self._items)
        self._filter.setDynamicSortFilter(False)
        self._completer = QCompleter(self._filter, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(12)
        self.setCompleter(self._completer)
        self.lineEdit().textEdited.connect(self._typed)
        self.lineEdit().editingFinished.connect(self._commit_typed)
        self.activated.connect(self._activated)
        self.retranslate()

    # --- public API ------------------------------------------------------------------

    def country(self) -> str:
        """The chosen country's ISO code, or ``""``."""
        return self._code

    def set_country(self, code: str) -> None:
        """Show ``code`` as the chosen country (no ``country_chosen``)."""
        self._code = countries.normalize_code(code)
        if self._stale:
            self.setEditText(self._label(self._code))
        else:
            self._show_current()

    def set_rulebook(self, rulebook: Rulebook) -> None:
        """Group by another rulebook's programme countries."""
        if rulebook is not self._rulebook:
            self._rulebook = rulebook
            self._invalidate()

    def matches(self, text: str) -> list[str]:
        """The codes ``text`` finds, best first (what Enter would choose first)."""
        return countries.index().matches(text)

    def completion_codes(self) -> list[str]:
        """The codes the completer offers now, in its order (headers left out)."""
        self._ensure_built()
        codes = []
        for row in range(self._filter.rowCount()):
            code = self._filter.index(row, 0).data(CodeRole)
            if code:
                codes.append(code)
        return codes

    def retranslate(self) -> None:
        """Names, headers and notes in the current language."""
        self.setAccessibleName(_("Country"))
        self.lineEdit().setAccessibleName(_("Country"))
        self.lineEdit().setPlaceholderText(_("Type a country name or code"))
        self.setToolTip(_("Type part of the name (in English or in the current language) "
                          "or the code, for example Ger, DE or EL, then choose from the list."))
        self._invalidate()

    # --- building the list -------------------------------------------------------------

    def _invalidate(self) -> None:
        """The list must be built again: now if it is on screen, else when first used."""
        self._stale = True
        if self.isVisible():
            self._rebuild()
        else:
            self.setEditText(self._label(self._code))

    def _ensure_built(self) -> None:
        if self._stale:
            self._rebuild()

    def _label(self, code: str) -> str:
        """What the field shows for ``code`` (an unknown code as it is)."""
        if not code or not countries.is_known(code):
            return code
        return f"{countries.name(code)} ({countries.display_code(code)})"

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._ensure_built()
        super().showEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._ensure_built()
        super().focusInEvent(event)

    def showPopup(self) -> None:  # noqa: N802 - Qt's name
        self._ensure_built()
        super().showPopup()

    def _rebuild(self) -> None:
        self._stale = False
        shown = countries.sorted_countries(i18n.current_language())
        programme = [pair for pair in shown if self._rulebook.is_programme_country(pair[0])]
        partner = [pair for pair in shown if not self._rulebook.is_programme_country(pair[0])]
        note = _("A partner country cannot supply the applicant.")
        self._items.clear()
        self._add_header(_("Programme countries"), PROGRAMME, "")
        for code, name in programme:
            self._add_country(code, name, PROGRAMME, "")
        self._add_header(_("Partner countries (cannot supply the applicant)"), PARTNER, note)
        for code, name in partner:
            self._add_country(code, name, PARTNER, note)
        self._filter.set_ranks(None)
        self._filter.sort(0)
        self._show_current()

    def _add_header(self, text: str, group: int, tooltip: str) -> None:
        item = QStandardItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
        item.setData(True, HeaderRole)
        item.setData(group, GroupRole)
        item.setData("", CodeRole)
        if tooltip:
            item.setToolTip(tooltip)
        self._items.appendRow(item)

    def _add_country(self, code: str, name: str, group: int, tooltip: str) -> None:
        item = QStandardItem(f"{name} ({countries.display_code(code)})")
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        item.setData(code, CodeRole)
        item.setData(group, GroupRole)
        item.setData(False, HeaderRole)
        if tooltip:
            item.setToolTip(tooltip)
        self._items.appendRow(item)

    def _row_of(self, code: str) -> int:
        if not code:
            return -1
        for row in range(self._items.rowCount()):
            if self._items.item(row).data(CodeRole) == code:
                return row
        return -1

    def _show_current(self) -> None:
        row = self._row_of(self._code)
        self.setCurrentIndex(row)
        if row < 0:
            # An unknown code from a file is shown as it is, so the user sees what to fix.
            self.setEditText(self._code)

    def _current_text(self) -> str:
        row = self._row_of(self._code)
        return self._items.item(row).text() if row >= 0 else self._code

    # --- what the user does ------------------------------------------------------------

    def _typed(self, text: str) -> None:
        self._ensure_built()
        self._filter.set_ranks(countries.index().ranks(text) if text.strip() else None)

    def _choose(self, code: str) -> None:
        changed = code != self._code
        self._code = code
        # The filter is left as it is: QCompleter may still hold an index into it.
        self._show_current()
        if changed:
            self.country_chosen.emit(code)

    def _activated(self, row: int) -> None:
        item = self._items.item(row) if row >= 0 else None
        code = item.data(CodeRole) if item is not None else ""
        if code:
            self._choose(code)
        else:
            self._show_current()

    def _commit_typed(self) -> None:
        self._ensure_built()
        text = self.lineEdit().text().strip()
        if text == self._current_text():
            return
        if not text:
            self._choose("")
            return
        found = self.matches(text)
        if found:
            self._choose(found[0])
        else:
            self._show_current()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        # While the popup is open, QCompleter hands keys to this widget first and
        # completes its own "current" row if the key is not accepted. That row is a
        # prefix match on the shown text ("DE" -> Denemarken), not our best match, so
        # Enter is ours unless the user picked a row with the arrow keys.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            popup = self._completer.popup()
            picked = popup.isVisible() and popup.selectionModel() is not None and bool(
                popup.selectionModel().selectedRows())
            if not picked:
                popup.hide()
                self._commit_typed()
                event.accept()
                return
        super().keyPressEvent(event)
