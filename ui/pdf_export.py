"""Export PDF in the wizard: ask for a file, render off the GUI thread, write, offer to open.

The window stays responsive while a large consortium is printed: the PDF is made
and written by a ``QRunnable`` on the global ``QThreadPool``, which reports back by
signal (queued to the GUI thread); a busy ``QProgressDialog`` shows meanwhile. The
worker gets a deep copy of the proposal and the report of a fresh check, so edits
made during the export neither race with it nor show up half-way in the PDF.

The file is written atomically (``storage.write_bytes_atomic``): a failed export
leaves the old file, or no file, never half a PDF. Every question and error goes
through ``Dialogs``. ReportLab is imported on the worker thread, at the first
export, never at start-up.
"""

from __future__ import annotations

import datetime as _dt
import logging
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QStandardPaths, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QProgressDialog, QWidget

from ssa_wizard import i18n, storage
from ssa_wizard.i18n import _
from ssa_wizard.model import Proposal
from ssa_wizard.rules import Report

from .dialogs import Dialogs
from .session import Session

log = logging.getLogger(__name__)

#: ``render(proposal, report, *, lang, file_name) -> bytes``; ``ssa_wizard.pdf.render`` by default.
RenderFunction = Callable[..., bytes]


def default_pdf_name(proposal: Proposal, today: _dt.date | None = None) -> str:
    """``DIGIRETAIL-2026-11-28.pdf``: the acronym (or title) and the date, safe on every system."""
    base = proposal.project.acronym.strip() or proposal.project.title.strip()
    base = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "", base).strip(" .")[:60]
    day = (today or _dt.date.today()).isoformat()
    return "{base}-{day}.pdf".format(base=base or _("proposal"), day=day)


def _default_render(proposal: Proposal, report: Report, *, lang: str, file_name: str) -> bytes:
    from ssa_wizard import pdf  # ReportLab loads here, on the worker thread

    return pdf.render(proposal, report, lang=lang, file_name=file_name)


class _JobSignals(QObject):
    """The worker's reports; they live in the GUI thread, so they arrive there queued."""

    written = Signal(str)
    render_failed = Signal(str)
    write_failed = Signal(str, object)  # path, the OSError


class _ExportJob(QRunnable):
    """Render the PDF and write it, on a pool thread. Touches no widget."""

    def __init__(self, render: RenderFunction, proposal: Proposal, report: Report, lang: str,
                 file_name: str, target: str, signals: _JobSignals):
        super().__init__()
        self._render = render
        self._proposal = proposal
        self._report = report
        self._lang = lang
        self._file_name = file_name
        self._target = target
        self.signals = signals

    def run(self) -> None:
        try:
            data = self._render(self._proposal, self._report, lang=self._lang,
                                file_name=self._file_name)
        except Exception as exc:  # a bug in rendering: reported, never a traceback to the user
            log.exception("rendering the PDF failed")
            self.signals.render_failed.emit(f"{type(exc).__name__}: {exc}")
            return
        try:
            storage.write_bytes_atomic(self._target, data)
        except OSError as exc:
            log.warning("writing %s failed: %s", self._target, exc)
            self.signals.write_failed.emit(self._target, exc)
            return
        self.signals.written.emit(self._target)


class PdfExporter(QObject):
    """Export PDF for one session: ``PdfExporter(session, dialogs, window).export()``."""

    #: The PDF was written (its path).
    finished = Signal(str)
    #: The export failed (the message shown to the user).
    failed = Signal(str)

    def __init__(self, session: Session, dialogs: Dialogs, parent_widget: QWidget | None = None,
                 *, render: RenderFunction | None = None):
        super().__init__(parent_widget)
        self.session = session
        self.dialogs = dialogs
        self._parent_widget = parent_widget
        self._render = render or _default_render
        self._job: _ExportJob | None = None
        self._progress: QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        """Whether an export is running."""
        return self._job is not None

    def suggested_path(self) -> str:
        """Where the file dialog starts: beside the proposal file, else in Documents."""
        if self.session.path is not None:
            folder = self.session.path.parent
        else:
            folder = Path(QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())
        return str(folder / default_pdf_name(self.session.proposal))

    def export(self) -> None:
        """Ask for a file name, then make and write the PDF in the background."""
        if self.busy:
            return
        target = self.dialogs.save_file(_("Export the summary as PDF"), self.suggested_path(),
                                        _("PDF files (*.pdf)"))
        if not target:
            return
        if not target.lower().endswith(".pdf"):
            target += ".pdf"
        report = self.session.check_now()
        proposal = self.session.proposal.model_copy(deep=True)
        lang = i18n.normalize_language(proposal.language)
        file_name = str(self.session.path) if self.session.path is not None else ""
        signals = _JobSignals(self)
        signals.written.connect(self._written)
        signals.render_failed.connect(self._render_failed)
        signals.write_failed.connect(self._write_failed)
        self._job = _ExportJob(self._render, proposal, report, lang, file_name, target, signals)
        self._show_progress(target)
        QThreadPool.globalInstance().start(self._job)

    # --- progress ---------------------------------------------------------------------

    def _show_progress(self, target: str) -> None:
        progress = QProgressDialog(self._parent_widget)
        progress.setWindowTitle(_("Export PDF"))
        progress.setLabelText(_("Making the PDF {name}…").format(name=Path(target).name))
        progress.setCancelButton(None)  # rendering cannot stop half-way; it takes seconds
        progress.setRange(0, 0)  # a busy indicator: there is no count to show
        progress.setMinimumWidth(360)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)  # no flash for a small proposal
        progress.setValue(0)
        self._progress = progress

    def _done(self) -> None:
        self._job = None
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None

    # --- results (GUI thread) ------------------------------------------------------------

    def _written(self, path: str) -> None:
        self._done()
        self.finished.emit(path)
        choice = self.dialogs.choose(
            _("PDF exported"), _("The summary was written to {path}.").format(path=path),
            [("open", _("Open PDF")), ("close", _("Close"))],
            default="open", cancel="close", icon="info")
        if choice == "open" and not QDesktopServices.openUrl(QUrl.fromLocalFile(path)):
            self.dialogs.error(_("The PDF could not be opened"),
                               _("No program to show PDF files was found. The file is at "
                                 "{path}.").format(path=path))

    def _render_failed(self, error: str) -> None:
        self._done()
        message = _("The PDF could not be made.")
        self.dialogs.error(_("Export PDF"), message, _(
            "An error in SSA Wizard stopped it ({error}). Your proposal is not affected: "
            "save it, and please report the problem.").format(error=error))
        self.failed.emit(message)

    def _write_failed(self, path: str, error: OSError) -> None:
        self._done()
        message = _("The PDF could not be written to {path}.").format(path=path)
        self.dialogs.error(_("Export PDF"), message, self._write_advice(error))
        self.failed.emit(message)

    @staticmethod
    def _write_advice(error: OSError) -> str:
        if isinstance(error, FileNotFoundError):
            return _("The folder does not exist. Choose another folder and export again.")
        if isinstance(error, (IsADirectoryError, NotADirectoryError)):
            return _("A folder or file of that name is in the way. Choose another name and "
                     "export again.")
        if isinstance(error, PermissionError):
            return _("SSA Wizard may not write there, or the file is open in another program "
                     "(a PDF viewer, for example). Close it, or choose another name or folder, "
                     "and export again.")
        return _("The system said: {reason}. Check that the disk is not full and that the "
                 "folder can be written to, then export again.").format(
            reason=error.strerror or error)
