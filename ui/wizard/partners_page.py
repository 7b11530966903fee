"""The partners page: the members table, and a form for the member chosen in it.

The table (``PartnersModel``) and the form both read the session's proposal; the
page remembers only which member is selected (its id, kept by the page's
``MasterDetail``, which also runs Add, Duplicate, Remove and Move). Every edit, in
the table or in the form, goes to the session as one undoable step, and the widgets
follow the session's signals back: inputs are only written when their value
differs from the proposal's, so typing is never disturbed and no edit loops back.
An edit of another record leaves the form alone (``Session.field_changed`` says
which), and while the page is hidden its findings wait for it to be shown.
``field_widget("name")`` and the other field names of ``PartnerForm`` are the
inputs of the chosen member.

Keyboard: Ctrl+Shift+N or Insert adds a member, Ctrl+D duplicates the selected
one (anywhere on the page); Delete removes the selected members and Alt+Up /
Alt+Down move the selected one, while the table has the focus (in the form, Delete
edits text and Alt+Down opens a list).

``preselect_country`` is what the consortium panel calls when the user clicks a
missing (red) cell: the user wants a member of that country and category. If a
member of that country still has no category, that member is chosen and its
category set (nothing is added twice); otherwise a new member with that country
and category is added (one undo step) and the cursor put in its name field.

Partners in and out (``set_exchange``, given a ``ui.partner_exchange.PartnerExchange``):
Import… on the toolbar, and under More: Add from cards…, Save member as card…,
Export partners…. Card files (``*.ssa-partner.json``) and sheets (``.csv``,
``.xlsx``) dropped on the page go through the same import dialog. Without an
exchange (the page alone) these actions are hidden.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHeaderView, QMenu, QStyle,
                               QStyledItemDelegate, QTableView, QToolButton, QVBoxLayout,
                               QWidget)

from ssa_wizard import labels
from ssa_wizard.i18n import _, ngettext
from ssa_wizard.model import CATEGORIES, ROLES, Partner
from ssa_wizard.rulebook import RulebookError
from ssa_wizard.rulebook import load as load_rulebook
from ssa_wizard.rules import Finding, Report

from ..session import Session
from ..widgets.master_detail import MasterDetail, Records, RecordsProxy
from ..widgets.partner_form import PartnerForm
from ..widgets.partners_model import (CATEGORY, COUNTRY, PIC, ROLE, UMBRELLA, PartnersModel,
                                      country_label)
from .base import PAGE_TITLES, RecordsPage, findings_on


class _ChoiceDelegate(QStyledItemDelegate):
    """A combo box editor for a column of codes (category, role) in the table."""

    def __init__(self, codes: Callable[[], list[tuple[str, str]]], parent=None):
        super().__init__(parent)
        self._codes = codes

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt's name
        editor = QComboBox(parent)
        editor.setAccessibleName(str(index.model().headerData(
            index.column(), Qt.Orientation.Horizontal)))
        for code, text in self._codes():
            editor.addItem(text, code)
        return editor

    def setEditorData(self, editor, index):  # noqa: N802
        at = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(at, 0))

    def setModelData(self, editor, model, index):  # noqa: N802
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class PartnersPage(RecordsPage):
    """The members: a table, a detail form, and the consortium-wide findings."""

    key = "partners"
    select_member = RecordsPage.select_record
    add_member = RecordsPage.add_record

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        #: A report came while the page was hidden: show it when shown.
        self._report_stale = False
        self.model = PartnersModel(session, self)
        #: What the table shows: the members sorted and filtered as the user asks.
        self.proxy = RecordsProxy(PartnersModel.IdRole, self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        # The name column takes what the others leave, but never less than a readable
        # width (the table then scrolls sideways; the tooltip has the whole name).
        self.table.viewport().installEventFilter(self)
        header.setMinimumSectionSize(40)
        self._category_delegate = _ChoiceDelegate(self._category_choices, self.table)
        self._role_delegate = _ChoiceDelegate(self._role_choices, self.table)
        self.table.setItemDelegateForColumn(CATEGORY, self._category_delegate)
        self.table.setItemDelegateForColumn(ROLE, self._role_delegate)

        # Table above, form below: the table keeps its columns readable and gets the
        # room for a dozen rows (a splitter the user can move, remembered); the form
        # scrolls, in two columns or, when narrow, in one.
        self.master = MasterDetail(
            self, self.table, Records(
                ids=lambda: [p.id for p in self.session.proposal.partners],
                add=lambda index: self.session.add_partner(index=index),
                duplicate=self.session.duplicate_partner,
                remove=self.session.remove_partners,
                move=self.session.move_partner,
                blank=self._blank,
                index=self.model.row_of,  # the model keeps the rows by id
                count=lambda: len(self.session.proposal.partners)),
            id_role=PartnersModel.IdRole, orientation=Qt.Orientation.Vertical, sizes=(230, 340))
        self.master.sort_and_filter(self.proxy)
        self.master.remember("layout/partners_splitter", self._table_room)
        self.filter_box = self.master.filter_box
        self.editing = self.master.editing
        (self.add_action, self.duplicate_action, self.remove_action,
         self.move_up_action, self.move_down_action) = self.editing.all()
        self.toolbar = self.master.toolbar
        self.page_findings, self.page_findings_title = (self.master.findings,
                                                        self.master.findings_title)
        self.heading, self.member_findings = self.master.heading, self.master.record_findings
        self._build_exchange_actions()
        self._build_exchange_tools()
        self.master.needs_current.append(self.save_card_action)

        self.form = PartnerForm(self.master.detail, rulebook=self._rulebook())
        self.fields = self.form.fields
        self.form.edited.connect(self._edit)
        self.master.set_form(self.form, add_focus=self.form.name_edit,
                             duplicate_focus=self.form.name_edit)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.toolbar)
        outer.addWidget(self.master.splitter, 1)

        self.master.current_changed.connect(self._current_changed)
        self.master.finding_chosen.connect(self.focus_finding)
        self.proxy.modelReset.connect(self.master.follow_rows)
        #: The coming proposal_changed is an edit of another record than the chosen one.
        self._elsewhere = False
        session.field_changed.connect(self._field_changed)
        session.proposal_changed.connect(self._proposal_changed)
        self.finish_setup()
        self.master.update_actions()

    # --- building ----------------------------------------------------------------------

    def _build_exchange_actions(self) -> None:
        # Partners in and out; they call the exchange given by set_exchange.
        self._exchange = None
        self.import_action = QAction(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton), "", self)
        self.import_action.triggered.connect(
            lambda: self._exchange and self._exchange.import_sheet())
        self.add_cards_action = QAction(self)
        self.add_cards_action.triggered.connect(
            lambda: self._exchange and self._exchange.add_cards())
        self.save_card_action = QAction(self)
        self.save_card_action.triggered.connect(
            lambda: self._exchange and self._exchange.save_card(self.current_id()))
        self.export_partners_action = QAction(self)
        self.export_partners_action.triggered.connect(
            lambda: self._exchange and self._exchange.export())

    def _build_exchange_tools(self) -> None:
        self.exchange_separator = self.toolbar.addSeparator()
        self.toolbar.addAction(self.import_action)
        self.more_menu = QMenu(self)
        for act in (self.add_cards_action, self.save_card_action, self.export_partners_action):
            self.more_menu.addAction(act)
        self.more_button = QToolButton(self.toolbar)
        self.more_button.setMenu(self.more_menu)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.more_button_action = self.toolbar.addWidget(self.more_button)
        for act in (self.exchange_separator, self.import_action, self.more_button_action):
            act.setVisible(False)  # until set_exchange: no dead buttons

    def exchange_actions(self) -> list[QAction]:
        """Import, add from cards, save as card, export: for the window's File menu."""
        return [self.import_action, self.add_cards_action, self.save_card_action,
                self.export_partners_action]

    def set_exchange(self, exchange) -> None:
        """Turn on import, export and partner cards (a ``PartnerExchange``) and file drops."""
        self._exchange = exchange
        for act in (self.exchange_separator, self.import_action, self.more_button_action):
            act.setVisible(True)
        self.setAcceptDrops(True)
        exchange.imported.connect(self._imported)

    def _imported(self, added: list, updated: list) -> None:
        ids = [*added, *updated]
        if ids:
            self.select_member(ids[0])
            # Every imported row selected, so the user sees at once what came in: one
            # look-up of the rows and one range per run of rows (10,000 rows stay fast).
            model = self.master.view.model()
            wanted = set(ids)
            rows = [r for r in range(model.rowCount())
                    if model.index(r, 0).data(PartnersModel.IdRole) in wanted]
            selection = QItemSelection()
            start = None
            for i, row in enumerate(rows):
                start = row if start is None else start
                if i + 1 == len(rows) or rows[i + 1] != row + 1:
                    selection.select(model.index(start, 0), model.index(row, 0))
                    start = None
            self.master.view.selectionModel().select(
                selection, QItemSelectionModel.SelectionFlag.Select
                | QItemSelectionModel.SelectionFlag.Rows)

    @staticmethod
    def _dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[str]:
        from ..partner_exchange import accepts_drop

        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
        return [p for p in paths if accepts_drop(p)]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if self._exchange is not None and self._dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._exchange is not None and self._dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        paths = self._dropped_paths(event) if self._exchange is not None else []
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self._exchange.open_paths(paths)

    #: Rows of the table that the page asks room for, until the user moves the splitter.
    ROWS_SHOWN = 11

    def _table_room(self) -> int:
        """The height that shows ``ROWS_SHOWN`` rows, the filter and the findings."""
        table = self.table
        room = (table.horizontalHeader().sizeHint().height()
                + self.ROWS_SHOWN * table.verticalHeader().defaultSectionSize()
                + 2 * table.frameWidth() + 2)
        for widget in (self.master.filter_row, self.page_findings_title, self.page_findings):
            if widget is None:
                continue
            if not widget.isHidden():
                room += widget.sizeHint().height() + 6
        return room

    def _blank(self, partner_id: str, field: str) -> bool:
        partner = self.session.proposal.partner(partner_id)
        return partner is None or not getattr(partner, field, None)

    def _rulebook(self):
        try:
            return load_rulebook(self.session.proposal.rulebook)
        except RulebookError:  # files for unknown rulebooks are refused; a safe default
            return load_rulebook("ssa-2014")

    # --- texts ---------------------------------------------------------------------------

    def _category_choices(self) -> list[tuple[str, str]]:
        return [("", _("(choose a category)"))] + [(c, labels.category(c)) for c in CATEGORIES]

    def _role_choices(self) -> list[tuple[str, str]]:
        return [(r, labels.role(r)) for r in ROLES]

    def retranslate(self) -> None:
        self.setTitle(_(PAGE_TITLES[self.key]))
        self.setSubTitle(_("The members of the alliance. Choose a member in the table to "
                           "edit it in the form below it."))
        self.editing.retranslate(
            add=_("Add a member (Ctrl+Shift+N or Insert)"),
            duplicate=_("Add a copy of the selected member (Ctrl+D)"),
            remove=_("Remove the selected members (Delete); Undo brings them back"),
            move_up=_("Move the selected member up (Alt+Up)"),
            move_down=_("Move the selected member down (Alt+Down)"))
        self.import_action.setText(_("&Import from a sheet…"))
        self.import_action.setIconText(_("Import…"))
        self.import_action.setToolTip(_("Import members from a spreadsheet (CSV or Excel); you "
                                        "can also drop a sheet or partner cards on this page"))
        self.add_cards_action.setText(_("Add from partner &cards…"))
        self.add_cards_action.setToolTip(_("Add the organisations of partner cards "
                                           "(.ssa-partner.json) that partners sent you"))
        self.save_card_action.setText(_("&Save member as card…"))
        self.save_card_action.setToolTip(_("Save the selected member's details as a partner card"))
        self.export_partners_action.setText(_("&Export partners…"))
        self.export_partners_action.setToolTip(_("Write the members to a CSV or Excel file"))
        self.more_button.setText(_("More"))
        self.more_button.setToolTip(_("Partner cards and export"))
        self.more_button.setAccessibleName(_("More member actions"))
        self.toolbar.setAccessibleName(_("Member actions"))
        self.table.setAccessibleName(_("Members"))
        self.table.horizontalHeader().setAccessibleName(_("Columns of the members table"))
        self.table.verticalHeader().setAccessibleName(_("Row numbers"))
        self.table.setAccessibleDescription(_("One row per member. The icon in the name "
                                              "column shows that something needs attention."))
        self.master.retranslate()
        self.filter_box.setAccessibleName(_("Filter the members"))
        self.page_findings_title.setText(_("About the whole consortium:"))
        self.page_findings.setAccessibleName(_("Findings about the whole consortium"))
        self.form.retranslate()
        self.model.retranslate()
        self.member_findings.refresh_text()
        self._size_columns()
        self._fill_form()
        self.show_report(self.session.report)

    def _size_columns(self) -> None:
        """Give each short column room for its longest value in this language, the
        name column the rest: the table is often empty when this runs, so sizing
        to the contents would leave "Netherlands (NL)" as "Nethe…"."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        samples = {
            COUNTRY: [country_label(c) for c in self._rulebook().programme_countries],
            CATEGORY: [labels.category(c) for c in CATEGORIES],
            ROLE: [labels.role(r) for r in ROLES],
            UMBRELLA: [],
            PIC: ["999999999"],
        }
        for column, texts in samples.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal,
                                              Qt.ItemDataRole.DisplayRole) or "")
            widest = max(metrics.horizontalAdvance(text) for text in [title, *texts])
            header.resizeSection(column, widest + 16)  # the cell's padding
        self._size_name_column()

    #: The name column is never narrower than this many average characters.
    NAME_CHARACTERS = 18

    def _size_name_column(self) -> None:
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(1, header.count()))
        least = self.table.fontMetrics().averageCharWidth() * self.NAME_CHARACTERS
        width = max(least, self.table.viewport().width() - others)
        if header.sectionSize(0) != width:
            header.resizeSection(0, width)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._report_stale:
            self.show_report(self.session.report)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._size_name_column()
        return super().eventFilter(watched, event)

    # --- following the session -----------------------------------------------------------

    def load_from_session(self) -> None:
        self.form.country_picker.set_rulebook(self._rulebook())
        if self.model.rowCount() and self.current_partner() is None:
            self.select_member(self.model.partner_at(0).id)
        self._fill_form()

    def current_partner(self) -> Partner | None:
        partner_id = self.master.current_id()
        return self.model.partner_at(self.model.row_of(partner_id)) if partner_id else None

    def _field_changed(self, kind: str, record_id: str, _name: str) -> None:
        # The form and its heading show the chosen member only: an edit of another
        # record (a flip through the panel, an activity) leaves them as they are.
        self._elsewhere = kind != "partner" or record_id != self.master.current_id()

    def _proposal_changed(self) -> None:
        if self._elsewhere:
            self._elsewhere = False
            return
        self._fill_form()

    def _fill_form(self) -> None:
        partner = self.current_partner()
        self.form.setEnabled(partner is not None)
        members = len(self.session.proposal.partners) if self.session is not None else 0
        if partner is None and members and self.filter_box.text().strip():
            # The filter hides them all: say so, not "choose one" (a new-user trial).
            self.heading.setText(ngettext(
                "No member matches the filter. Empty it to see the {count} member.",
                "No member matches the filter. Empty it to see all {count} members.",
                members).format(count=members))
        elif partner is None:
            self.heading.setText(_("No member chosen. Add a member with the Add button "
                                   "(Ctrl+Shift+N), or choose one in the table."))
        else:
            number, count = self.master.position(partner.id)
            self.heading.setText(_("Member {number} of {count}: {name}").format(
                number=number, count=count, name=partner.name or _("(no name yet)")))
        self.form.fill(partner)

    def _edit(self, name: str, value) -> None:
        partner_id = self.master.current_id()
        if partner_id is not None:
            self.session.set_partner_field(partner_id, name, value)

    def show_report(self, report: Report) -> None:
        # An edit on another page must not re-list this page's findings: a hidden page
        # shows the latest report when it is shown (showEvent). The table's icons are
        # the model's, which follows every report.
        if not self.isVisible():
            self._report_stale = True
            return
        self._report_stale = False
        partner_id = self.current_id()
        about = [f for f in report.findings if f.partner == partner_id] if partner_id else []
        about = self.master.inline_findings(about, "partner.")
        general = [f for f in findings_on(report, self.key) if f.partner is None]
        self.master.show_findings(self.form.show_findings(about), general)

    # --- actions -----------------------------------------------------------------------

    def preselect_country(self, code: str, category: str | None = None) -> str:
        """Prepare a member of ``code`` (and ``category``); return its id.

        See the module docstring: an existing member of that country without a
        category is taken if there is one, else a new member is added.
        """
        if category:
            for partner in self.session.proposal.partners:
                if partner.country == code and not partner.category:
                    self.select_member(partner.id)
                    self.session.set_partner_field(partner.id, "category", category)
                    self.form.category_combo.setFocus()
                    return partner.id
        template = Partner(id="new", country=code, category=category or "")
        new_id = self.session.add_partner(template)
        self.master.mark_fresh(new_id)
        self.select_member(new_id)
        self.form.name_edit.setFocus()
        return new_id

    # --- findings ------------------------------------------------------------------------

    def focus_finding(self, finding: Finding) -> None:
        field_name = (finding.field or "").removeprefix("partner.")
        target = finding.partner
        if target is None and finding.country:
            target = next((p.id for p in self.session.proposal.partners
                           if p.country == finding.country), None)
        fields = self.form.fields
        if target is None and field_name in fields:
            target = self.current_id() or (self.model.partner_at(0).id
                                           if self.model.rowCount() else None)
        if target is None:
            self.master.focus_records()
            return
        self.select_member(target)
        if field_name in fields:
            fields[field_name].set_shown(True)  # a wrong monopoly tick, say
        widget = fields[field_name].widget if field_name in fields else (
            self.form.country_picker if finding.country else self.form.name_edit)
        self.master.show_input(widget)

