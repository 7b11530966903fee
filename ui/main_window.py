"""The main window: the wizard's pages, a side list of them, the consortium panel, menus.

The flow is a real ``QWizard`` (with ``IndependentPages``, so Back never loses
input), embedded in the window as a widget. It never refuses to move because of a
rule; Enter and Escape never finish or close it by accident; the last page's button
says what it does ("Save and close") and names the file before closing. Ctrl+PgDn
and Ctrl+PgUp step to the next and previous page; F1 opens the help of the page
shown (``ui.help``). The side list jumps to any page by stepping the wizard with ``next()`` and
``back()``, so its history stays that of a user who clicked through. File handling
lives in ``FileController``; the window only wires menus and pages to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, QSignalBlocker, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeyEvent, QKeySequence, QPixmap
from PySide6.QtWidgets import (QLabel, QListWidget, QListWidgetItem, QMainWindow,
                               QMenu, QSplitter, QVBoxLayout, QWidget, QWizard, QWizardPage)

from ssa_wizard import __version__, i18n
from ssa_wizard.i18n import _, ngettext

from .dialogs import Dialogs
from .wizard.base import PAGE_TITLES, PAGES, WizardPage, page_of
from .wizard.start_page import StartPage

if TYPE_CHECKING:  # loaded by finish_construction(), after the first page is shown
    from ssa_wizard.rules import Finding, Report

    from .session import Session
    from .wizard.review_page import ReviewPage


LANGUAGE_KEY = "ui/language"
GEOMETRY_KEY = "ui/geometry"
#: Language code -> its name in that language (never translated).
LANGUAGE_NAMES = {"en": "English", "nl": "Nederlands"}


class Wizard(QWizard):
    """A QWizard living inside the window: it never closes itself.

    Enter does nothing by itself (it never presses Next or Finish from a text
    field), Escape does not close it, and Finish only emits ``finish_requested``.
    """

    finish_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Widget)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.IndependentPages, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.setOption(QWizard.WizardOption.NoDefaultButton, True)
        self.setOption(QWizard.WizardOption.HaveNextButtonOnLastPage, False)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            event.accept()  # not QDialog's: that would press the default button or close
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        if result == QWizard.DialogCode.Accepted:
            self.finish_requested.emit()
        # Never hide: the wizard is the window's content.

    def reject(self) -> None:
        pass


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
        self.dialogs = dialogs if dialogs is not None else Dialogs(self)
        self.settings = settings if settings is not None else QSettings(self)
        self.ready = False
        self._exporter = None
        self.help_window = None

        self.wizard = Wizard(self)
        start = StartPage()
        self.pages: dict[str, WizardPage] = {"start": start}
        self.wizard.setPage(0, start)
        for index in range(1, len(PAGES)):
            # Stand-ins until the pages are built, so that the wizard shows Next.
            self.wizard.setPage(index, QWizardPage())
        self.wizard.setStartId(0)

        self.nav = QListWidget(self)
        self.nav.setIconSize(QSize(16, 16))
        self.nav.setMaximumWidth(220)
        self._blank_icon = _blank_icon(16)
        for _key in PAGES:
            self.nav.addItem(QListWidgetItem(self._blank_icon, ""))
        self.nav.setCurrentRow(0)

        self.panel = QWidget(self)  # the consortium panel replaces it when built
        self.panel.setMinimumWidth(290)
        self.panel.setMaximumWidth(420)

        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setStyleSheet("background: #fff3cd; color: #4d3800; padding: 6px;"
                                  "border-bottom: 1px solid #e0c060;")
        self.banner.setVisible(False)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.wizard)
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

        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.edit_menu = bar.addMenu("")
        self.language_menu = bar.addMenu("")
        self.help_menu = bar.addMenu("")
        self._retranslate_frame()
        self.setWindowTitle("SSA Wizard")
        self.resize(1260, 680)
        geometry = self.settings.value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        if not staged:
            self.finish_construction(session)

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
        from .wizard.activities_page import ActivitiesPage
        from .wizard.partners_page import PartnersPage
        from .wizard.plans_page import PlansPage
        from .wizard.project_page import ProjectPage
        from .wizard.review_page import ReviewPage
        from .wizard.sector_page import SectorPage

        self.session = session if session is not None else Session(parent=self)
        self.files = FileController(self.session, self.dialogs, self, self.settings)
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
        self.partner_exchange.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.pages["partners"].set_exchange(self.partner_exchange)

        placeholder, self.panel = self.panel, ConsortiumPanel(self)
        self.panel.setMinimumWidth(290)
        self.panel.setMaximumWidth(420)
        self.splitter.replaceWidget(2, self.panel)
        placeholder.deleteLater()

        self._build_actions()
        self._build_menus()
        self._connect()
        self.ready = True
        self.retranslate()
        self._report_arrived(self.session.report)
        self._read_only_changed(self.session.read_only)
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
        S = QKeySequence.StandardKey
        self.new_action = self._action(S.New, self.new_proposal)
        self.open_action = self._action(S.Open, lambda: self.open_file())
        self.save_action = self._action(S.Save, self.files.save)
        self.save_as_action = self._action("Ctrl+Shift+S", self.files.save_as)
        self.export_action = self._action("Ctrl+P", self.export_pdf)
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
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
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
        self.partner_exchange.imported.connect(lambda _added, _updated: self.go_to("partners"))
        self.wizard.currentIdChanged.connect(self._page_changed)
        # A page change is a natural pause: keep the recovery copy up to date.
        self.wizard.currentIdChanged.connect(lambda _id: self.files.autosave())
        s.proposal_replaced.connect(self._retranslate_banner)
        self.files.note.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.wizard.finish_requested.connect(self.finish)
        self.nav.currentRowChanged.connect(self._nav_clicked)
        self.panel.missing_cell_clicked.connect(self.add_missing)
        self.files.recent_changed.connect(self._fill_recent_menu)
        self.files.saved.connect(lambda path: self.statusBar().showMessage(
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
        page = self.go_to(page_of(finding))
        page.focus_finding(finding)

    def add_missing(self, country: str, category: str) -> None:
        """A red grid cell was clicked: add such a member on the Partners page."""
        self.go_to("partners").preselect_country(country, category)

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

    # --- reports and title ------------------------------------------------------------------

    def _report_arrived(self, report: Report) -> None:
        self.panel.show_report(report)
        self._mark_pages(report)

    def _mark_pages(self, report: Report) -> None:
        from .widgets.findings import severity_icon

        errors = dict.fromkeys(PAGES, 0)
        for finding in report.findings:
            if finding.severity == "error":
                errors[page_of(finding)] += 1
        for row, key in enumerate(PAGES):
            item = self.nav.item(row)
            title = self.pages[key].title()
            count = errors[key]
            item.setIcon(severity_icon("error", self.nav) if count else self._blank_icon)
            note = ngettext("{n} error to fix here", "{n} errors to fix here", count).format(
                n=count) if count else _("nothing to fix here")
            item.setToolTip(note)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title}, {note}")
            item.setData(Qt.ItemDataRole.UserRole, count)

    def page_error_count(self, key: str) -> int:
        return int(self.nav.item(PAGES.index(key)).data(Qt.ItemDataRole.UserRole) or 0)

    def _update_title(self) -> None:
        name = self.files.display_name()
        if self.session.read_only:
            name = _("{name} (read-only)").format(name=name)
        self.setWindowTitle(f"{name}[*] — SSA Wizard")
        self.setWindowModified(self.session.dirty)

    def _records_removed(self, kind: str, count: int) -> None:
        keys = QKeySequence(QKeySequence.StandardKey.Undo).toString(
            QKeySequence.SequenceFormat.NativeText) or "Ctrl+Z"
        if kind == "partner":
            text = ngettext("Member removed — {keys} brings it back",
                            "{n} members removed — {keys} brings them back", count)
        else:
            text = ngettext("Activity removed — {keys} brings it back",
                            "{n} activities removed — {keys} brings them back", count)
        self.statusBar().showMessage(text.format(n=count, keys=keys), 10000)

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
        exporter.finished.connect(lambda path: self.statusBar().showMessage(
            _("PDF written to {path}").format(path=path), 8000))
        exporter.failed.connect(lambda message: self.statusBar().showMessage(message, 8000))
        exporter.cancelled.connect(lambda: self.statusBar().showMessage(
            _("PDF export cancelled: no file was written."), 8000))
        self._exporter = exporter
        exporter.export()

    def finish(self) -> None:
        """Save and close: save the proposal, say where it is, then close the window.

        The user sees the file's full path (and may keep working) before anything
        disappears; the path is also printed when the program ends.
        """
        if self.session.dirty or self.session.path is None:
            if not self.files.save():
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
        self.statusBar().showMessage(_("Saved to {path}").format(path=path))
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
        for row, key in enumerate(PAGES):
            self.nav.item(row).setText(_(PAGE_TITLES[key]))
        self.nav.setAccessibleName(_("Pages"))
        # Wide enough for the longest page title in this language (Dutch is longer),
        # so the splitter never cuts "Sector en doelstellingen" off.
        self.nav.setMinimumWidth(self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 8)
        self.nav.setMaximumWidth(max(220, self.nav.minimumWidth()))
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
        self._mark_pages(self.session.report)
        self._retranslate_banner()
        self._fill_recent_menu()
        self._update_title()
        if self.help_window is not None:
            self.help_window.retranslate()


def _blank_icon(size: int) -> QIcon:
    """A transparent icon, so page names stay aligned whether marked or not."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)

