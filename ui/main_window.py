"""The main window: the wizard's pages, a side list of them, the consortium panel, menus.

The flow is a real ``QWizard`` (with ``IndependentPages``, so Back never loses
input), embedded in the window as a widget. It never refuses to move because of a
rule; Enter and Escape never finish or close it by accident; the last page's button
says what it does ("Save and close") and names the file before closing. Ctrl+PgDn
and Ctrl+PgUp step to the next and previous page; F1 opens the help of the page
shown (``ui.help``). The side list jumps to any page by stepping the wizard with ``next()`` and
``back()``, so its history stays that of a user who clicked through. File handling
lives in ``FileController``; the window only wires menus and pages to it.

The window never asks for more than the screen: its minimum size is set here, not
taken from the largest page (a page that needs more than it gets scrolls inside the
wizard's area), and it starts within the screen it is on. The side list and the
consortium panel can be hidden (remembered), and fold by themselves when the window
is narrower than ``COMPACT_WIDTH``: the list to page numbers, the panel to a
one-line verdict strip over the page, which opens the panel again. The panel and the
strip always show the verdict and the next step; the count of things missing lists
the open points.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QPoint, QSettings, QSignalBlocker, QSize, QTimer, Signal
from PySide6.QtGui import (QAction, QActionGroup, QColor, QGuiApplication, QIcon, QKeySequence,
                           QPixmap)
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QMainWindow, QMenu, QScrollArea, QSplitter,
                               QStatusBar, QToolButton, QVBoxLayout, QWidget, QWizard,
                               QWizardPage)

from ssa_wizard import __version__, i18n
from ssa_wizard.guidance import page_of_field
from ssa_wizard.i18n import _, ngettext

from .wizard.base import PAGE_TITLES, PAGES, RecordsPage, WizardPage, page_of
from .wizard.start_page import StartPage

if TYPE_CHECKING:  # loaded by finish_construction(), after the first page is shown
    from PySide6.QtGui import QCloseEvent, QKeyEvent

    from ssa_wizard.guidance import Step
    from ssa_wizard.rules import Finding, Report

    from .dialogs import Dialogs
    from .session import Session
    from .widgets.guidance import OpenPointsPopup, VerdictStrip
    from .wizard.review_page import ReviewPage


LANGUAGE_KEY = "ui/language"
GEOMETRY_KEY = "ui/geometry"
#: Whether the user wants the consortium panel, and the page names, shown (when wide).
PANEL_KEY = "ui/panel_shown"
PAGE_NAMES_KEY = "ui/page_names_shown"
#: Below this window width the side list shows numbers and the panel folds to a strip.
COMPACT_WIDTH = 1250
#: The smallest window the frame allows (less when the screen is smaller still).
MINIMUM_SIZE = QSize(640, 420)
#: The size of a first window, within the screen.
DEFAULT_SIZE = QSize(1260, 680)
#: Widths of the panel and of the side list when it shows page numbers only.
PANEL_MINIMUM_WIDTH = 290
COMPACT_NAV_WIDTH = 52


class _Fold:
    """Whether a side part (panel, page names) is shown: the user's remembered wish when
    the window is wide; when it is narrow, folded unless opened for the moment."""

    def __init__(self, wanted: bool):
        self.wanted = wanted
        self.opened_while_narrow = False

    def shown(self, narrow: bool) -> bool:
        return self.opened_while_narrow if narrow else self.wanted

    def toggle(self, narrow: bool) -> None:
        if narrow:
            self.opened_while_narrow = not self.opened_while_narrow
        else:
            self.wanted = not self.wanted
#: Language code -> its name in that language (never translated).
LANGUAGE_NAMES = {"en": "English", "nl": "Nederlands"}


class Wizard(QWizard):
    """A QWizard living inside the window: it never closes itself.

    Enter does nothing by itself (it never presses Next or Finish from a text
    field), Escape does not close it, and Finish only emits ``finish_requested``.
    """

    finish_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        # Made without a parent and then given one: QWidget.setParent(parent) resets the
        # window flags, so the dialog becomes a plain child widget without naming
        # Qt.WindowType, whose namespace costs a sixth of the start-up to load (its
        # enums are built on first use; the window avoids them until after the first
        # paint).
        super().__init__()
        if parent is not None:
            self.setParent(parent)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.IndependentPages, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.setOption(QWizard.WizardOption.NoDefaultButton, True)
        self.setOption(QWizard.WizardOption.HaveNextButtonOnLastPage, False)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        keys = QtCore.Qt.Key
        if event.key() in (keys.Key_Return, keys.Key_Enter, keys.Key_Escape):
            event.accept()  # not QDialog's: that would press the default button or close
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        if result == QWizard.DialogCode.Accepted:
            self.finish_requested.emit()
        # Never hide: the wizard is the window's content.

    def reject(self) -> None:
        pass


class StatusNote(QStatusBar):
    """The window's passing messages ("Saved to …"), shown over the empty left end of
    the wizard's row of buttons instead of in a bar of their own.

    A status bar made by the first message pushed the whole window up under the
    pointer (a new-user trial, after a save), and one there from the start would take
    a row of a small laptop's 560 px. Hidden while it has nothing to say, so it never
    covers anything.
    """

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self._window = window
        self.setSizeGripEnabled(False)
        self.hide()
        self.messageChanged.connect(self._message_changed)

    def _message_changed(self, text: str) -> None:
        self.setToolTip(text)  # the whole of a long message
        if text:
            self.place()
            self.show()
            self.raise_()
        else:
            self.hide()

    def place(self) -> None:
        """Over the button row, from the page's left edge to the first visible button."""
        window, wizard = self._window, self._window.wizard
        buttons = [wizard.button(which) for which in (
            QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
            QWizard.WizardButton.FinishButton)]
        shown = [b for b in buttons if b.isVisible()] or buttons
        first = min(shown, key=lambda b: b.mapTo(window, QPoint(0, 0)).x())
        corner = first.mapTo(window, QPoint(0, 0))
        area = window.wizard_area
        left = area.mapTo(window, QPoint(0, 0)).x() + 8
        bottom = area.mapTo(window, QPoint(0, area.height())).y()
        top = min(corner.y(), bottom - first.height())  # the row may be scrolled away
        self.setGeometry(left, top, max(corner.x() - left - 8, 0), first.height())


class MainWindow(QMainWindow):
    """The SSA Wizard window around one Session.

    It is built in two steps so that the program shows its first page fast: the
    frame (menu bar, side list, the wizard with its Start page) needs nothing but
    Qt, while the session, the other pages, the panel and the actions need the
    proposal model and the rules. ``MainWindow(...)`` builds both at once; with
    ``staged=True`` only the frame, and ``finish_after_first_paint()`` (or
    ``finish_construction()``) the rest.
    """

    #: The window is complete: session, pages, panel and actions exist.
    constructed = Signal()

    def __init__(self, session: Session | None = None, dialogs: Dialogs | None = None,
                 settings: QSettings | None = None, parent: QWidget | None = None, *,
                 staged: bool = False):
        super().__init__(parent)
        self._dialogs = dialogs
        self.settings = settings if settings is not None else QSettings(self)
        self.ready = False
        self._exporter = None
        self.comparer = None  # File ▸ Compare with…, made when first used
        self.help_window = None

        self.wizard = Wizard()  # a child of wizard_area below
        start = StartPage()
        self.pages: dict[str, WizardPage] = {"start": start}
        self.wizard.setPage(0, start)
        for index in range(1, len(PAGES)):
            # Stand-ins until the pages are built, so that the wizard shows Next.
            self.wizard.setPage(index, QWizardPage())
        self.wizard.setStartId(0)

        self.nav_column = QWidget(self)
        self.nav = QListWidget(self.nav_column)
        self.nav.setIconSize(QSize(16, 16))
        self._blank_icon = _blank_icon(16)
        for _key in PAGES:
            self.nav.addItem(QListWidgetItem(self._blank_icon, ""))
        self.nav.setCurrentRow(0)
        self.nav_toggle = QToolButton(self.nav_column)
        self.nav_toggle.setAutoRaise(True)
        self.nav_toggle.clicked.connect(self.toggle_page_names)
        nav_layout = QVBoxLayout(self.nav_column)
        nav_layout.setContentsMargins(0, 0, 0, 0)
        nav_layout.setSpacing(0)
        nav_layout.addWidget(self.nav, 1)
        toggle_row = QHBoxLayout()  # the toggle at the left, its natural size
        toggle_row.addWidget(self.nav_toggle)
        toggle_row.addStretch(1)
        nav_layout.addLayout(toggle_row)

        # The wizard scrolls inside its area when a page needs more room than the
        # window has, instead of making the window ask the screen for it.
        self.wizard_area = QScrollArea(self)
        self.wizard_area.setWidget(self.wizard)
        self.wizard_area.setWidgetResizable(True)
        self.wizard_area.setFrameShape(QFrame.Shape.NoFrame)
        self.wizard_area.setMinimumSize(320, 260)
        self.middle = QWidget(self)
        self.middle_layout = QVBoxLayout(self.middle)
        self.middle_layout.setContentsMargins(0, 0, 0, 0)
        self.middle_layout.setSpacing(0)
        self.middle_layout.addWidget(self.wizard_area, 1)
        self.strip: VerdictStrip | None = None  # built with the panel
        self.open_points: OpenPointsPopup | None = None

        self.panel = QWidget(self)  # the consortium panel replaces it when built
        self.panel.setMinimumWidth(PANEL_MINIMUM_WIDTH)
        self.panel.setMaximumWidth(420)
        self._panel_fold = _Fold(_flag(self.settings.value(PANEL_KEY), True))
        self._names_fold = _Fold(_flag(self.settings.value(PAGE_NAMES_KEY), True))
        self._narrow: bool | None = None

        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff3cd; color: #4d3800; padding: 6px;"
                                  "border-bottom: 1px solid #e0c060;")
        self.banner.setVisible(False)

        # Side by side (horizontal, the default). By keyword: a positional argument
        # would make Qt look at Qt.Orientation to choose the overload (see Wizard).
        self.splitter = QSplitter(parent=self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.nav_column)
        self.splitter.addWidget(self.middle)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([170, 780, 310])
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.status_note = StatusNote(self)
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.edit_menu = bar.addMenu("")
        self.view_menu = bar.addMenu("")
        self.language_menu = bar.addMenu("")
        self.help_menu = bar.addMenu("")
        self._build_view_actions()
        self._retranslate_frame()
        self.setWindowTitle("SSA Wizard")
        self._size_to_screen()
        self._apply_folds()
        if not staged:
            self.finish_construction(session)

    @property
    def dialogs(self) -> Dialogs:
        """The window's questions and file choosers (made when first needed: nothing
        asks anything before the first page is painted)."""
        if self._dialogs is None:
            from .dialogs import Dialogs

            self._dialogs = Dialogs(self)
        return self._dialogs

    def finish_after_first_paint(self) -> None:
        """Build the rest of the window right after the Start page has been painted."""
        self.pages["start"].installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.pages["start"] and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.finish_construction)
        return super().eventFilter(watched, event)

    def finish_construction(self, session: Session | None = None) -> None:
        """Everything that needs the proposal: session, files, pages, panel, actions."""
        if self.ready:
            return
        from .files import FileController
        from .partner_exchange import PartnerExchange
        from .session import Session
        from .widgets.consortium_panel import ConsortiumPanel
        from .widgets.guidance import OpenPointsPopup, VerdictStrip
        from .wizard.activities_page import ActivitiesPage
        from .wizard.partners_page import PartnersPage
        from .wizard.plans_page import PlansPage
        from .wizard.project_page import ProjectPage
        from .wizard.review_page import ReviewPage
        from .wizard.sector_page import SectorPage

        # What needs Qt's namespace waits until now (see Wizard.__init__).
        qt = QtCore.Qt
        # Tooltips also before the window was first clicked (Qt shows them only in the
        # active window otherwise): the folded page list is numbers whose names only
        # the tooltips give, and a user who points at them first sees nothing.
        self.setAttribute(qt.WidgetAttribute.WA_AlwaysShowToolTips)
        self.nav.setTextElideMode(qt.TextElideMode.ElideNone)
        self.banner.setTextFormat(qt.TextFormat.PlainText)  # it shows file names
        self.panel_action.setShortcut(QKeySequence("F8"))
        self.page_names_action.setShortcut(QKeySequence("Shift+F8"))

        self.session = session if session is not None else Session(parent=self)
        self.files = FileController(self.session, self.dialogs, self, self.settings)
        self.files.unstored_inputs = lambda: [
            found for page in self.pages.values() for found in page.unstored_inputs()]
        start: StartPage = self.pages["start"]  # type: ignore[assignment]
        start.bind(self.session, self.files)
        self.pages.update({
            "project": ProjectPage(self.session),
            "sector": SectorPage(self.session),
            "partners": PartnersPage(self.session),
            "activities": ActivitiesPage(self.session),
            "plans": PlansPage(self.session),
            "review": ReviewPage(self.session),
        })
        for index, key in enumerate(PAGES[1:], start=1):
            standin = self.wizard.page(index)
            self.wizard.removePage(index)
            standin.deleteLater()
            self.wizard.setPage(index, self.pages[key])
        # Partners in and out: the partners page's toolbar, drops and the File menu.
        self.partner_exchange = PartnerExchange(self.session, self.dialogs, self)
        self.partner_exchange.message.connect(lambda text: self.status_note.showMessage(text, 8000))
        self.pages["partners"].set_exchange(self.partner_exchange)

        placeholder, self.panel = self.panel, ConsortiumPanel(self)
        self.panel.setMinimumWidth(PANEL_MINIMUM_WIDTH)
        self.panel.setMaximumWidth(420)
        self.splitter.replaceWidget(2, self.panel)
        placeholder.deleteLater()
        self.strip = VerdictStrip(self.middle)
        self.middle_layout.insertWidget(0, self.strip)
        self.open_points = OpenPointsPopup(self)
        self._apply_folds()

        self._build_actions()
        self._build_menus()
        self._connect()
        self.ready = True
        self.retranslate()
        self.panel.set_page(self.current_key())
        self._report_arrived(self.session.report)
        self._read_only_changed(self.session.read_only)
        self._settle_timer.start()
        self.constructed.emit()

    # --- building -----------------------------------------------------------------------

    def _action(self, shortcut: QKeySequence | str | None, slot) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action(keys.New, self.new_proposal)
        self.open_action = self._action(keys.Open, lambda: self.open_file())
        self.save_action = self._action(keys.Save, self.files.save)
        self.save_as_action = self._action("Ctrl+Shift+S", self.files.save_as)
        self.export_action = self._action("Ctrl+P", self.export_pdf)
        self.compare_action = self._action(None, lambda: self.compare_with())
        self.quit_action = self._action("Ctrl+Q", self.close)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.clear_recent_action = self._action(None, self.files.clear_recent)
        self.about_action = self._action(None, self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.what_action = self._action(None, self.show_what_is_ssa)
        self.help_action = self._action("F1", self.show_help)
        self.shortcuts_action = self._action(None, self.show_shortcuts)
        self.rules_action = self._action(None, self.show_rules)
        # The window's own shortcuts: they work whichever field has the cursor.
        self.next_page_action = self._action("Ctrl+PgDown", self.next_page)
        self.previous_page_action = self._action("Ctrl+PgUp", self.previous_page)
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGE_NAMES.items():
            action = QAction(name, self.language_group)
            action.setCheckable(True)
            action.setChecked(code == i18n.current_language())
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            self.language_actions[code] = action
        self.undo_action = self.redo_action = None

    def _build_menus(self) -> None:
        self.recent_menu = QMenu(self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addAction(self.new_action)
        self.file_menu.addAction(self.open_action)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.save_action)
        self.file_menu.addAction(self.save_as_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.export_action)
        self.file_menu.addAction(self.compare_action)
        self.exchange_menu = self.file_menu.addMenu("")
        for action in self.pages["partners"].exchange_actions():
            self.exchange_menu.addAction(action)
        self.exchange_menu.addSeparator()
        self.exchange_menu.addAction(self.partner_exchange.new_card_action)
        self.exchange_menu.addAction(self.partner_exchange.open_card_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.help_menu.addAction(self.help_action)
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addAction(self.rules_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.what_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)
        self._fill_recent_menu()

    def _make_undo_actions(self) -> None:
        """(Re)create Undo and Redo: their prefix is fixed when they are made."""
        for action in (self.undo_action, self.redo_action):
            if action is not None:
                self.edit_menu.removeAction(action)
                self.removeAction(action)
                action.deleteLater()
        stack = self.session.undo_stack
        self.undo_action = stack.createUndoAction(self, _("&Undo"))
        self.redo_action = stack.createRedoAction(self, _("&Redo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        # Ctrl+Y as well as the system's Redo (Ctrl+Shift+Z on Linux and macOS): what
        # a Windows user, and a new-user trial on Linux, pressed.
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        if QKeySequence("Ctrl+Y") not in redo_keys:
            redo_keys.append(QKeySequence("Ctrl+Y"))
        self.redo_action.setShortcuts(redo_keys)
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)

    def _connect(self) -> None:
        s = self.session
        s.report_changed.connect(self._report_arrived)
        s.dirty_changed.connect(lambda _dirty: self._update_title())
        s.path_changed.connect(lambda _path: self._update_title())
        s.proposal_changed.connect(self._update_title)
        s.read_only_changed.connect(self._read_only_changed)
        s.records_removed.connect(self._records_removed)
        s.replayed.connect(self._show_replayed)
        self._removal_note = ""
        s.undo_stack.indexChanged.connect(self._undo_stack_moved)
        self.partner_exchange.imported.connect(lambda _added, _updated: self.go_to("partners"))
        self.wizard.currentIdChanged.connect(self._page_changed)
        # A page change is a natural pause: keep the recovery copy up to date.
        self.wizard.currentIdChanged.connect(lambda _id: self.files.autosave())
        s.proposal_replaced.connect(self._retranslate_banner)
        # After a proposal is loaded (once every page has shown it): see _settle_memory.
        self._settle_timer = QTimer(self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(0)
        self._settle_timer.timeout.connect(_settle_memory)
        s.proposal_replaced.connect(self._settle_timer.start)
        self.files.note.connect(lambda text: self.status_note.showMessage(text, 15000))
        self.wizard.finish_requested.connect(self.finish)
        self.nav.currentRowChanged.connect(self._nav_clicked)
        self.panel.missing_cell_clicked.connect(self.add_missing)
        self.panel.next_step_clicked.connect(self.go_to_step)
        self.panel.open_points_requested.connect(
            lambda: self.show_open_points(self.panel.complete_label))
        self.panel.hide_requested.connect(self.toggle_panel)
        self.strip.panel_requested.connect(self.show_panel)
        self.strip.open_points_requested.connect(
            lambda: self.show_open_points(self.strip.count_button))
        self.strip.step_clicked.connect(lambda: self.panel.step is not None
                                        and self.go_to_step(self.panel.step))
        self.open_points.finding_activated.connect(self.go_to_point)
        self.files.recent_changed.connect(self._fill_recent_menu)
        self.files.saved.connect(lambda path: self.status_note.showMessage(
            _("Saved to {path}").format(path=path), 6000))
        start: StartPage = self.pages["start"]  # type: ignore[assignment]
        start.proposal_chosen.connect(lambda: self.go_to("project"))
        start.card_requested.connect(self.partner_exchange.new_card_action.trigger)
        review: ReviewPage = self.pages["review"]  # type: ignore[assignment]
        review.finding_activated.connect(self.go_to_finding)
        review.save_requested.connect(self.files.save)
        review.export_requested.connect(self.export_pdf)

    # --- navigation ---------------------------------------------------------------------

    def current_key(self) -> str:
        return PAGES[max(0, self.wizard.currentId())]

    def go_to(self, key: str) -> WizardPage:
        """Show the page ``key``, stepping through the wizard so Back works as usual."""
        target = PAGES.index(key)
        for _step in range(2 * len(PAGES)):
            current = self.wizard.currentId()
            if current < target:
                self.wizard.next()
            elif current > target:
                self.wizard.back()
            else:
                break
        return self.pages[key]

    def go_to_finding(self, finding: Finding) -> None:
        self._fold_opened_panel()
        page = self.go_to(page_of(finding))
        page.focus_finding(finding)

    def add_missing(self, country: str, category: str) -> None:
        """A red grid cell was clicked: add such a member on the Partners page."""
        self._fold_opened_panel()
        self.go_to("partners").preselect_country(country, category)

    def go_to_step(self, step: Step) -> None:
        """Do what the next step says: add the missing member (as its red cell does), or
        go to the page and the field of its finding."""
        if step.adds_member:
            self.add_missing(step.country or "", step.category or "")
        else:
            self.go_to_finding(step.finding)

    def go_to_point(self, finding: Finding) -> None:
        """An open point was chosen from the list: go where it is fixed."""
        from ssa_wizard import guidance

        self.go_to_step(guidance.step_for(finding))

    def show_open_points(self, anchor: QWidget | None = None) -> None:
        """List every open point of the report under ``anchor`` (the count clicked)."""
        if self.open_points is None:
            return
        self.open_points.fill(self.session.report, self.current_key())
        self.open_points.popup_at(anchor if anchor is not None and anchor.isVisible()
                                  else self.middle)

    # --- the side parts: page names and the consortium panel ---------------------------

    def _build_view_actions(self) -> None:
        self.panel_action = QAction(self)
        self.panel_action.setCheckable(True)
        self.panel_action.triggered.connect(lambda _checked=False: self.toggle_panel())
        self.page_names_action = QAction(self)
        self.page_names_action.setCheckable(True)
        self.page_names_action.triggered.connect(lambda _checked=False: self.toggle_page_names())
        for action in (self.panel_action, self.page_names_action):
            self.addAction(action)
            self.view_menu.addAction(action)

    def is_narrow(self) -> bool:
        return self.width() < COMPACT_WIDTH

    def panel_shown(self) -> bool:
        """True when the full panel is shown (else the one-line strip)."""
        return self._panel_fold.shown(self.is_narrow())

    def page_names_shown(self) -> bool:
        return self._names_fold.shown(self.is_narrow())

    def toggle_panel(self) -> None:
        """Show or hide the consortium panel (F8); remembered when the window is wide."""
        had_focus = self.panel.isAncestorOf(QApplication.focusWidget())
        self._panel_fold.toggle(self.is_narrow())
        self.settings.setValue(PANEL_KEY, self._panel_fold.wanted)
        self._apply_folds()
        if self.panel_shown():
            if self.ready:
                self.panel.next_step_button.setFocus()
        elif had_focus and self.strip is not None:
            self.strip.verdict_button.setFocus()

    def show_panel(self) -> None:
        if not self.panel_shown():
            self.toggle_panel()

    def toggle_page_names(self) -> None:
        """Show the page names in the side list, or only their numbers (Shift+F8)."""
        self._names_fold.toggle(self.is_narrow())
        self.settings.setValue(PAGE_NAMES_KEY, self._names_fold.wanted)
        self._apply_folds()

    def _fold_opened_panel(self) -> None:
        """Going to a page from a panel opened in a narrow window gives the room back."""
        if self.is_narrow() and self._panel_fold.opened_while_narrow:
            self._panel_fold.opened_while_narrow = False
            self._apply_folds()

    def _apply_folds(self) -> None:
        narrow = self.is_narrow()
        if narrow != self._narrow:  # crossing the width: what was opened folds again
            self._narrow = narrow
            self._panel_fold.opened_while_narrow = self._names_fold.opened_while_narrow = False
        panel = self._panel_fold.shown(narrow)
        if self.panel.isHidden() == panel:
            self.panel.setVisible(panel)
        if self.strip is not None:
            self.strip.setVisible(not panel)
        self._show_page_names(self._names_fold.shown(narrow))
        self._share_width()
        for action, shown in ((self.panel_action, panel),
                              (self.page_names_action, self._names_fold.shown(narrow))):
            with QSignalBlocker(action):
                action.setChecked(shown)

    def _share_width(self) -> None:
        """Give the side parts their widths and the page the rest (QSplitter keeps the
        old shares when a part's limits change, leaving a gap)."""
        sizes = self.splitter.sizes()
        total = sum(sizes) or self.width()
        nav = min(max(sizes[0], self.nav_column.minimumWidth()), self.nav_column.maximumWidth())
        panel = 0
        if not self.panel.isHidden():
            panel = sizes[2] if sizes[2] >= PANEL_MINIMUM_WIDTH else 310
        self.splitter.setSizes([nav, max(total - nav - panel, 0), panel])

    def _show_page_names(self, names: bool) -> None:
        self._names_shown = names
        for row, key in enumerate(PAGES):
            item = self.nav.item(row)
            title = _(PAGE_TITLES[key])
            item.setText(title if names else str(row + 1))
            if not item.toolTip():  # until the first report adds what to fix there
                item.setToolTip(title)  # (its accessible name is its text until then)
        width = self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 8
        if names:
            # Wide enough for the longest page title in this language (Dutch is longer).
            self.nav_column.setMinimumWidth(width)
            self.nav_column.setMaximumWidth(max(220, width))
            self.nav_toggle.setText("«")
            tip = _("Show only the page numbers (Shift+F8)")
        else:
            self.nav_column.setFixedWidth(max(width, COMPACT_NAV_WIDTH))
            self.nav_toggle.setText("»")
            tip = _("Show the page names (Shift+F8)")
        self.nav_toggle.setToolTip(tip)
        self.nav_toggle.setAccessibleName(tip.rsplit(" (", 1)[0])

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self.status_note.isVisible():
            QTimer.singleShot(0, self.status_note.place)  # once the layout has followed
        if self.is_narrow() != self._narrow:
            self._apply_folds()

    def _size_to_screen(self) -> None:
        """A minimum the screen can give, and a first size within the screen."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() if screen is not None else DEFAULT_SIZE
        self.setMinimumSize(MINIMUM_SIZE.boundedTo(room))
        # Room for the window's frame, which the window manager adds around it.
        framed = QSize(max(room.width() - 16, 0), max(room.height() - 40, 0))
        self.resize(DEFAULT_SIZE.boundedTo(framed))
        geometry = self.settings.value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
            # Saved on a larger screen, or at a smaller scale: back within this one.
            self.resize(self.size().boundedTo(room))

    def next_page(self) -> None:
        """Ctrl+PgDn: one page on (nothing on the last page)."""
        if self.wizard.currentId() < len(PAGES) - 1:
            self.wizard.next()

    def previous_page(self) -> None:
        """Ctrl+PgUp: one page back (nothing on the first page)."""
        if self.wizard.currentId() > 0:
            self.wizard.back()

    def _nav_clicked(self, row: int) -> None:
        if 0 <= row < len(PAGES) and row != self.wizard.currentId():
            self.go_to(PAGES[row])

    def _page_changed(self, page_id: int) -> None:
        if page_id >= 0 and self.nav.currentRow() != page_id:
            with QSignalBlocker(self.nav):
                self.nav.setCurrentRow(page_id)
        if self.ready:
            self.panel.set_page(self.current_key())
            self._draw_strip(self.session.report)
            QTimer.singleShot(0, self._focus_into_page)

    def _focus_into_page(self) -> None:
        """When the focus fell out of the page that was left (its button is gone, as
        "New proposal" after a click) and landed on the verdict strip or nowhere, put it
        on the new page's first input (a second trial kept finding it on the strip)."""
        page, focus = self.wizard.currentPage(), QApplication.focusWidget()
        strip = self.strip
        if page is None or not (focus is None or (strip is not None and (
                focus is strip or strip.isAncestorOf(focus)))):
            return
        candidate = page.nextInFocusChain()
        while candidate is not page and candidate is not None:
            if (page.isAncestorOf(candidate) and candidate.isVisible()
                    and candidate.isEnabled() and candidate.focusPolicy()
                    & QtCore.Qt.FocusPolicy.TabFocus):
                candidate.setFocus(QtCore.Qt.FocusReason.TabFocusReason)
                return
            candidate = candidate.nextInFocusChain()

    def _draw_strip(self, report: Report) -> None:
        if self.strip is not None:
            self.strip.show_state(report, self.panel.step_text())

    # --- reports and title ------------------------------------------------------------------

    def _report_arrived(self, report: Report) -> None:
        self.panel.show_report(report)
        self._draw_strip(report)
        self._mark_pages(report)

    def _mark_pages(self, report: Report) -> None:
        from .widgets.findings import severity_icon

        errors = dict.fromkeys(PAGES, 0)
        for finding in report.findings:
            if finding.severity == "error":
                errors[page_of(finding)] += 1
        lang = i18n.current_language()
        marks = [(lang, self.pages[key].title(), errors[key]) for key in PAGES]
        shown, self._marks = getattr(self, "_marks", []), marks
        for row, (_lang, title, count) in enumerate(marks):
            if shown[row:row + 1] == [marks[row]]:
                continue  # as shown: a keystroke does not repaint the whole list
            item = self.nav.item(row)
            item.setIcon(severity_icon("error", self.nav) if count else self._blank_icon)
            note = ngettext("{n} error to fix here", "{n} errors to fix here", count).format(
                n=count) if count else _("nothing to fix here")
            item.setToolTip(f"{title}: {note}")
            item.setData(QtCore.Qt.ItemDataRole.AccessibleTextRole, f"{title}, {note}")
            item.setData(QtCore.Qt.ItemDataRole.UserRole, count)

    def page_error_count(self, key: str) -> int:
        return int(self.nav.item(PAGES.index(key)).data(QtCore.Qt.ItemDataRole.UserRole) or 0)

    def _update_title(self) -> None:
        name = self.files.display_name()
        if self.session.read_only:
            name = _("{name} (read-only)").format(name=name)
        self.setWindowTitle(f"{name}[*] — SSA Wizard")
        self.setWindowModified(self.session.dirty)

    def _records_removed(self, kind: str, names: list[str]) -> None:
        """Say what was removed, by name when one was, and that Undo brings it back."""
        keys = QKeySequence(QKeySequence.StandardKey.Undo).toString(
            QKeySequence.SequenceFormat.NativeText) or "Ctrl+Z"
        count = len(names)
        if count == 1 and names[0].strip():
            text = _("“{name}” removed — {keys} brings it back").format(
                name=" ".join(names[0].split()), keys=keys)
        elif kind == "partner":
            text = ngettext("Member removed — {keys} brings it back",
                            "{n} members removed — {keys} brings them back", count).format(
                n=count, keys=keys)
        else:
            text = ngettext("Activity removed — {keys} brings it back",
                            "{n} activities removed — {keys} brings them back", count).format(
                n=count, keys=keys)
        self.status_note.showMessage(text, 10000)
        self._removal_note = text

    def _show_replayed(self, kind: str, record_id: str, name: str) -> None:
        """Undo and Redo show what they changed: its page, its record, its field (two
        trials undid an edit of another member and saw nothing change)."""
        field = f"{kind}.{name}"
        key = page_of_field(field)
        if key is None:
            return
        page = self.go_to(key)
        if kind in ("partner", "activity") and isinstance(page, RecordsPage):
            page.select_record(record_id)
        page.focus_field(field)

    def _undo_stack_moved(self, _index: int) -> None:
        # "… removed — Ctrl+Z brings it back" is no longer true once anything is undone
        # or redone (a second trial still read it after the member was back).
        if self._removal_note and self.status_note.currentMessage() == self._removal_note:
            self.status_note.clearMessage()
        self._removal_note = ""

    def _read_only_changed(self, read_only: bool) -> None:
        self.banner.setVisible(read_only)
        self.save_action.setEnabled(not read_only)
        review: ReviewPage = self.pages["review"]  # type: ignore[assignment]
        review.save_button.setEnabled(not read_only)
        self._retranslate_banner()
        self._update_title()

    def _retranslate_banner(self) -> None:
        owner = self.files.locked_by
        if owner is not None:
            self.banner.setText(_(
                "Read-only: {user} on the computer {host} has this file open in SSA Wizard. "
                "You can read it and print it; Save is off so that you do not overwrite each "
                "other's work. Use Save As to keep a copy with your changes.").format(
                user=owner.user or _("someone"), host=owner.host or _("an unknown computer")))
            self.banner.setAccessibleName(_("Read-only file"))
            return
        version = self.session.proposal.version
        self.banner.setText(_(
            "Read-only: this file was written by a newer version of SSA Wizard (file version "
            "{version}). You can read it and print it, but Save is off so that the file keeps "
            "what this version does not understand. Use Save As to keep a copy with your "
            "changes, or update SSA Wizard.").format(version=version))
        self.banner.setAccessibleName(_("Read-only file"))

    # --- file actions -----------------------------------------------------------------------

    def new_proposal(self) -> None:
        if self.files.new():
            self.go_to("project")

    def open_file(self, path: str | None = None) -> bool:
        if self.files.open(path):
            self.go_to("project")
            return True
        return False

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.files.recent_files()
        for index, path in enumerate(recent, start=1):
            from pathlib import Path

            label = f"&{index} {Path(path).name}" if index < 10 else Path(path).name
            action = self.recent_menu.addAction(label.replace("&", "&&").replace("&&", "&", 1))
            action.setToolTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_file(p))
        if not recent:
            empty = self.recent_menu.addAction(_("No recent files"))
            empty.setEnabled(False)
        self.recent_menu.addSeparator()
        self.recent_menu.addAction(self.clear_recent_action)
        self.clear_recent_action.setEnabled(bool(recent))

    def export_pdf(self) -> None:
        """Print the proposal as a PDF (off the GUI thread, in ``ui.pdf_export``)."""
        try:
            from .pdf_export import PdfExporter
        except ModuleNotFoundError as exc:
            if exc.name != "ui.pdf_export":
                raise
            self.dialogs.error(_("PDF export is not available"),
                               _("This build of SSA Wizard cannot write PDF files yet."),
                               _("Your proposal is not affected. Save it, and print it with a "
                                 "newer version or with the command ssa-wizard pdf."))
            return
        self.session.check_now()
        exporter = PdfExporter(self.session, self.dialogs, self)
        exporter.finished.connect(lambda path: self.status_note.showMessage(
            _("PDF written to {path}").format(path=path), 8000))
        exporter.failed.connect(lambda message: self.status_note.showMessage(message, 8000))
        exporter.cancelled.connect(lambda: self.status_note.showMessage(
            _("PDF export cancelled: no file was written."), 8000))
        self._exporter = exporter
        exporter.export()

    def compare_with(self, path: str | None = None) -> None:
        """File ▸ Compare with…: the changes since another version (``ui.compare_dialog``)."""
        from .compare_dialog import CompareController

        if self.comparer is None:
            self.comparer = CompareController(self.session, self.dialogs, self)
            self.comparer.shown.connect(
                lambda dialog: dialog.go_to_requested.connect(self._go_to_change))
        self.comparer.start(path)

    def _go_to_change(self, target: Finding) -> None:
        self.go_to_finding(target)
        self.activateWindow()

    def finish(self) -> None:
        """Save and close: save the proposal, say where it is, then close the window.

        The user sees the file's full path (and may keep working) before anything
        disappears; the path is also printed when the program ends.
        """
        if (self.session.dirty or self.session.path is None) and not self.files.save():
            return
        path = self.session.path
        answer = self.dialogs.choose(
            _("The proposal is saved"),
            _("Your proposal is saved in this file:\n{path}").format(path=path),
            [("close", _("&Close SSA Wizard")), ("stay", _("&Keep working"))],
            default="close", cancel="stay", icon="info",
            detail=_("Open it again with File ▸ Open Recent, or by opening the file."))
        if answer != "close":
            return
        self.status_note.showMessage(_("Saved to {path}").format(path=path))
        if self.close():
            print(_("SSA Wizard: your proposal is saved in {path}").format(path=path))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self.ready:  # closed while starting: nothing typed yet
            event.accept()
            return
        if not self.files.maybe_discard():
            event.ignore()
            return
        self.files.shutdown()  # a clean quit: no recovery copy left, the lock released
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        event.accept()

    # --- help -------------------------------------------------------------------------------

    def _help(self):
        from .help import HelpWindow

        if self.help_window is None:
            self.help_window = HelpWindow(self, self)
        return self.help_window

    def show_help(self) -> None:
        """F1: the guide to the page shown, with the rules that apply there."""
        self._help().show_page(self.current_key())

    def show_shortcuts(self) -> None:
        self._help().show_shortcuts()

    def show_rules(self) -> None:
        self._help().show_rules()

    def about_text(self) -> str:
        """Version, licences, where files are kept, and how to report a problem."""
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import QStandardPaths, qVersion

        from ssa_wizard.resources import resource_path

        data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        recovery = self.files.recovery_folder() if self.ready else data
        parts = [
            _("Drafts Erasmus+ Sector Skills Alliance proposals and checks them against the "
              "programme's rules (calls 2014 and 2015). Works offline; your files stay on "
              "your computer."),
            _("Built with Qt {qt} and PySide6 {pyside} (LGPL v3), ReportLab (BSD), pydantic "
              "(MIT), openpyxl (MIT), pycountry and its ISO country data (LGPL v2.1), "
              "python-bidi (LGPL v3) and arabic-reshaper (MIT). The PDF uses the DejaVu fonts "
              "(free licence, in {fonts}).").format(
                qt=qVersion(), pyside=pyside_version,
                fonts=resource_path("fonts", "LICENSE-DejaVu.txt")),
            _("Unsaved work is copied every 30 seconds to {recovery}; it is offered back if "
              "SSA Wizard closes unexpectedly. Settings (language, recent files, folders) are "
              "kept in {settings}.").format(recovery=recovery,
                                            settings=self.settings.fileName()),
            _("To report a problem, write down what you did and what you saw, and send it "
              "with the log file {log} (and, if you can, the proposal file) to whoever "
              "gave you SSA Wizard.").format(log=f"{data}/ssa-wizard.log"),
        ]
        return "\n\n".join(parts)

    def show_about(self) -> None:
        self.dialogs.inform(
            _("About SSA Wizard"),
            _("SSA Wizard {version}").format(version=__version__),
            self.about_text())

    def show_what_is_ssa(self) -> None:
        self.dialogs.inform(
            _("What is a Sector Skills Alliance?"),
            _("A Sector Skills Alliance (SSA) is an Erasmus+ project that brings vocational "
              "education and training closer to what a sector of the economy needs."),
            _("Organisations from at least three programme countries work together: in each "
              "country a provider of vocational education and training, an organisation with "
              "expertise in the sector, and a body that regulates education and training. "
              "Together they identify the skills the sector needs, design joint curricula and "
              "deliver them. One organisation, the applicant, submits the proposal on behalf "
              "of all."))

    # --- language ---------------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        """Switch every text to ``lang`` at once, remembered for the next start."""
        lang = i18n.set_language(lang)
        self.settings.setValue(LANGUAGE_KEY, lang)
        from .language import install_qt_translator

        install_qt_translator(lang)
        self.retranslate()

    def _retranslate_frame(self) -> None:
        """The texts of what exists before the window is complete."""
        self.file_menu.setTitle(_("&File"))
        self.edit_menu.setTitle(_("&Edit"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.wizard.setButtonText(QWizard.WizardButton.BackButton, _("< &Back"))
        self.wizard.setButtonText(QWizard.WizardButton.NextButton, _("&Next >"))
        # Says what it does. No Alt+letter: every letter of it is taken on some page
        # (Tab reaches it, and Enter never presses it by accident).
        self.wizard.setButtonText(QWizard.WizardButton.FinishButton, _("Save and close"))
        finish = self.wizard.button(QWizard.WizardButton.FinishButton)
        finish.setToolTip(_("Save the proposal, see where its file is, then close SSA Wizard"))
        for button, text in ((QWizard.WizardButton.BackButton, _("Back")),
                             (QWizard.WizardButton.NextButton, _("Next")),
                             (QWizard.WizardButton.FinishButton, _("Save and close"))):
            self.wizard.button(button).setAccessibleName(text)
        self.pages["start"].retranslate()
        self._show_page_names(getattr(self, "_names_shown", True))
        self.nav.setAccessibleName(_("Pages"))
        self.view_menu.setTitle(_("Vie&w"))
        self.panel_action.setText(_("Consortium &panel"))
        self.panel_action.setToolTip(_("Show or hide the consortium panel"))
        self.page_names_action.setText(_("Page &names in the side list"))
        self.wizard.setAccessibleName(_("Proposal"))

    def retranslate(self) -> None:
        self._retranslate_frame()
        if not self.ready:
            return
        self.recent_menu.setTitle(_("Open &Recent"))
        self.exchange_menu.setTitle(_("&Partners: import, export, cards"))
        self.partner_exchange.retranslate()
        texts = {
            self.new_action: _("&New"), self.open_action: _("&Open…"),
            self.save_action: _("&Save"), self.save_as_action: _("Save &As…"),
            self.export_action: _("&Export PDF…"), self.quit_action: _("&Quit"),
            self.compare_action: _("Co&mpare with…"),
            self.clear_recent_action: _("&Clear the list"),
            self.about_action: _("&About SSA Wizard"),
            self.what_action: _("&What is a Sector Skills Alliance?"),
            self.help_action: _("&Guide to this page"),
            self.shortcuts_action: _("&Keyboard shortcuts"),
            self.rules_action: _("The &rules SSA Wizard checks"),
            self.next_page_action: _("Next page"),
            self.previous_page_action: _("Previous page"),
        }
        for action, text in texts.items():
            action.setText(text)
        self._make_undo_actions()
        for code, action in self.language_actions.items():
            with QSignalBlocker(action):
                action.setChecked(code == i18n.current_language())
        for key, page in self.pages.items():
            if key != "start":  # re-worded with the frame
                page.retranslate()
            page.show_report(self.session.report)
        self.panel.retranslate()
        self.strip.retranslate()
        self.open_points.retranslate()
        self._draw_strip(self.session.report)
        self._mark_pages(self.session.report)
        self._retranslate_banner()
        self._fill_recent_menu()
        self._update_title()
        if self.help_window is not None:
            self.help_window.retranslate()


def _blank_icon(size: int) -> QIcon:
    """A transparent icon, so page names stay aligned whether marked or not."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))  # transparent
    return QIcon(pixmap)



def _settle_memory() -> None:
    """Collect what is garbage now, then take what lives on (the proposal just loaded,
    its report, the pages) out of the cyclic collector's sight (``gc.freeze``).

    Otherwise a full collection walks all of it every so often while the user types:
    a 20 ms pause with 1,000 members, a dropped frame or two. Reference counting
    still frees these objects when they go (a proposal that is replaced); only
    cycles among them would stay, and the proposal and its report make none.
    """
    gc.collect()
    gc.freeze()


def _flag(value, default: bool) -> bool:
    """A yes/no from QSettings, which gives back "true"/"false" strings from an INI file."""
    if value is None:
        return default
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "0", "no", "")
    return bool(value)
