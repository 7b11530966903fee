"""Export PDF in the wizard: ask for a file, render off the GUI thread, write, offer to open.

The window stays responsive while a large consortium is printed: the PDF is made
and written on a pool thread by a ``ui.tasks.Task``, which reports back by signal
(queued to the GUI thread); a ``QProgressDialog`` shows how far the layout is
meanwhile. Its Cancel really stops the work: the renderer asks the job's cancel flag
between the pieces it lays out and stops (``pdf.Cancelled``), and a job cancelled
after rendering does not write. The worker gets a deep copy of the proposal and the
report of a fresh check, so edits made during the export neither race with it nor
show up half-way in the PDF.

The file dialog may never target the open proposal, a ``.json`` file, a folder or
any existing file that is not a PDF: the export says why and asks again. The file is
written atomically (``storage.write_bytes_atomic``): a failed or cancelled export
leaves the old file, or no file, never half a PDF. After writing, the user is told
which fields have characters the PDF could not print (``pdf.unprintable``). Every
question and error goes through ``Dialogs``. ReportLab is imported on the worker
thread, at the first export, never at start-up.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
import stat
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QProgressDialog, QWidget

from ssa_wizard import i18n, storage
from ssa_wizard.fs import write_advice
from ssa_wizard.i18n import _, ngettext
from ssa_wizard.model import Proposal
from ssa_wizard.rules import Report

from .dialogs import Dialogs
from .file_choice import remember_folder, start_folder
from .session import Session
from .tasks import Task, Work

log = logging.getLogger(__name__)

#: ``render(proposal, report, *, lang, file_name, saved, cancelled, progress) -> bytes``, which
#: raises ``pdf.Cancelled`` when ``cancelled()`` turns true; ``ssa_wizard.pdf.render`` by default.
RenderFunction = Callable[..., bytes]
#: At most this many fields with unprintable characters are named after an export.
_MAX_NAMED_FIELDS = 12


def default_pdf_name(proposal: Proposal, today: _dt.date | None = None) -> str:
    """``DIGIRETAIL-2026-11-28.pdf``: the acronym (or title) and the date, safe on every system."""
    day = (today or _dt.date.today()).isoformat()
    return f"{storage.file_stem(proposal)}-{day}.pdf"


def _default_render(proposal: Proposal, report: Report, **kwargs) -> bytes:
    from ssa_wizard import pdf  # ReportLab loads here, on the worker thread

    return pdf.render(proposal, report, **kwargs)


def _unprintable(proposal: Proposal, lang: str) -> list[str]:
    from ssa_wizard import pdf

    return [found.message for found in pdf.unprintable(proposal, lang)]


class _WriteFailed(OSError):
    """The PDF was made but could not be written (``error`` says why). An OSError, so
    the task does not log it as a bug."""

    def __init__(self, error: OSError):
        super().__init__(error.errno, error.strerror)
        self.error = error


def _export_work(render: RenderFunction, proposal: Proposal, report: Report, lang: str,
                 file_name: str, saved: bool, target: str) -> Work:
    """Render the PDF and write it, for a ``Task`` on a pool thread. Touches no widget.

    Returns the fields with characters no font has; a write that fails raises
    ``_WriteFailed``, anything else from rendering is a bug (logged by the task).
    """
    ui_lang = i18n.current_language()

    def work(progress, cancelled) -> list[str]:
        data = render(proposal, report, lang=lang, file_name=file_name, saved=saved,
                      cancelled=cancelled, progress=progress)
        notes = _unprintable(proposal, ui_lang)
        if cancelled():  # cancelled while the fields were looked through: write nothing
            return notes
        try:
            storage.write_bytes_atomic(target, data)
        except OSError as exc:
            log.warning("writing %s failed: %s", target, exc)
            raise _WriteFailed(exc) from exc
        return notes

    return work


class PdfExporter(QObject):
    """Export PDF for one session: ``PdfExporter(session, dialogs, window).export()``."""

    #: The PDF was written (its path).
    finished = Signal(str)
    #: The export failed (the message shown to the user).
    failed = Signal(str)
    #: The user cancelled the export while it ran; no file was written.
    cancelled = Signal()

    def __init__(self, session: Session, dialogs: Dialogs, parent_widget: QWidget | None = None,
                 *, render: RenderFunction | None = None):
        super().__init__(parent_widget)
        self.session = session
        self.dialogs = dialogs
        self._parent_widget = parent_widget
        self._render = render or _default_render
        self._job: Task | None = None
        self._progress: QProgressDialog | None = None
        #: The fingerprint of the export under way when it shows unsaved edits.
        self._unsaved_version: str | None = None

    @property
    def busy(self) -> bool:
        """Whether an export is running."""
        return self._job is not None

    def suggested_path(self) -> str:
        """Where the file dialog starts: beside the proposal file, else where the user chose
        a file last, else in Documents (``file_choice.start_folder``)."""
        folder = start_folder(first=self.session.path.parent if self.session.path else None)
        return str(folder / default_pdf_name(self.session.proposal))

    def refusal(self, target: str) -> str | None:
        """Why the PDF may not be written to ``target`` (one plain line), or ``None``.

        Never the open proposal (also through a link), never a ``.json`` file (a
        proposal or a partner card), a folder or anything but an ordinary file, and
        never an existing file that is not a PDF: a slip in the file dialog must not
        replace the user's work with a printout.
        """
        path = Path(target)
        name = path.name
        if name.lower().endswith(".json"):
            return _("{name} is a proposal or partner-card file, not a PDF. The PDF may not "
                     "replace it.").format(name=name)
        proposal = self.session.path
        try:
            info = os.stat(path)
        except OSError:
            return None  # nothing there yet (or unreadable: writing will say why)
        if proposal is not None:
            try:
                if os.path.samefile(path, proposal):
                    return _("{name} is the proposal you have open. The PDF may not replace "
                             "it.").format(name=name)
            except OSError:
                pass
        if stat.S_ISDIR(info.st_mode):
            return _("{name} is a folder.").format(name=name)
        if not stat.S_ISREG(info.st_mode):
            return _("{name} is not an ordinary file.").format(name=name)
        try:
            with open(path, "rb") as existing:
                is_pdf = existing.read(5) == b"%PDF-"
        except OSError:
            return None  # writing will say why
        if not is_pdf:
            return _("{name} exists and is not a PDF. SSA Wizard replaces only PDF files.").format(
                name=name)
        return None

    def ask_target(self) -> str | None:
        """The file to write, asked until one is acceptable; ``None`` when cancelled."""
        suggested = self.suggested_path()
        while True:
            target = self.dialogs.save_file(_("Export the summary as PDF"), suggested,
                                            _("PDF files (*.pdf)"))
            if not target:
                return None
            remember_folder(target)
            if not target.lower().endswith((".pdf", ".json")):
                target += ".pdf"
            problem = self.refusal(target)
            if problem is None:
                return target
            self.dialogs.error(_("Export PDF"), problem,
                               _("Choose another name or folder for the PDF."))
            suggested = str(Path(target).parent / Path(self.suggested_path()).name)

    def export(self) -> None:
        """Ask for a file name, then make and write the PDF in the background."""
        if self.busy:
            return
        target = self.ask_target()
        if target is None:
            return
        report = self.session.check_now()
        proposal = self.session.proposal.model_copy(deep=True)
        lang = i18n.normalize_language(proposal.language)
        file_name = str(self.session.path) if self.session.path is not None else ""
        # A summary of edits not yet saved describes a version no file holds: say so.
        self._unsaved_version = None
        if self.session.dirty or self.session.path is None:
            from ssa_wizard.compare import fingerprint

            self._unsaved_version = fingerprint(proposal)
        saved = self._unsaved_version is None
        task = Task(_export_work(self._render, proposal, report, lang, file_name, saved, target),
                    self)
        task.progressed.connect(self._progressed)
        task.succeeded.connect(lambda notes: self._written(target, notes))
        task.stopped.connect(self._cancelled)
        task.failed.connect(lambda _message: self._failed(target, task.error))
        self._job = task
        self._show_progress(target)
        task.start()

    # --- progress ---------------------------------------------------------------------

    def _show_progress(self, target: str) -> None:
        progress = QProgressDialog(self._parent_widget)
        progress.setWindowTitle(_("Export PDF"))
        progress.setLabelText(_("Making the PDF {name}…").format(name=Path(target).name))
        progress.setCancelButtonText(_("Cancel"))
        progress.setAutoClose(False)  # closed by the result, not by reaching the end
        progress.setAutoReset(False)
        progress.setRange(0, 0)  # busy until the layout says how much there is
        progress.setMinimumWidth(360)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)  # no flash for a small proposal
        progress.setValue(0)
        progress.canceled.connect(self.cancel)
        self._progress = progress

    def cancel(self) -> None:
        """Stop the running export: the renderer stops at its next step, nothing is written."""
        if self._job is None:
            return
        self._job.cancel()
        if self._progress is not None:
            self._progress.setLabelText(_("Stopping…"))

    def _progressed(self, done: int, total: int) -> None:
        if self._progress is None or self._job is None or self._job.is_cancelled():
            return
        if self._progress.maximum() != total:
            self._progress.setRange(0, total)
        self._progress.setValue(min(done, total))

    def _done(self) -> None:
        self._job = None
        if self._progress is not None:
            self._progress.canceled.disconnect(self.cancel)
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None

    # --- results (GUI thread) ------------------------------------------------------------

    def _written(self, path: str, unprintable: list[str]) -> None:
        self._done()
        self.finished.emit(path)
        detail = ""
        if self._unsaved_version is not None:
            detail = _("The proposal has changes that are not saved yet. This summary describes "
                       "them (version {version}), not the file on disk: save the proposal, so "
                       "that the file is the version that is signed.").format(
                version=self._unsaved_version)
        if unprintable:
            named = unprintable[:_MAX_NAMED_FIELDS]
            if len(unprintable) > len(named):
                more = len(unprintable) - len(named)
                named.append(ngettext("… and {n} more field", "… and {n} more fields",
                                           more).format(n=more))
            detail = "\n\n".join(filter(None, (detail, _(
                "Some characters cannot be printed with the fonts SSA Wizard has "
                "(Chinese, Japanese, Korean, Thai or Devanagari, for example). They show "
                "as \ufffd in the PDF; your proposal keeps them. Where they are:") + "\n"
                + "\n".join(named))))
        choice = self.dialogs.choose(
            _("PDF exported"), _("The summary was written to {path}.").format(path=path),
            [("open", _("Open PDF")), ("close", _("Close"))],
            default="open", cancel="close", detail=detail,
            icon="warning" if unprintable else "info")
        if choice == "open" and not QDesktopServices.openUrl(QUrl.fromLocalFile(path)):
            self.dialogs.error(_("The PDF could not be opened"),
                               _("No program to show PDF files was found. The file is at "
                                 "{path}.").format(path=path))

    def _cancelled(self) -> None:
        self._done()
        self.cancelled.emit()

    def _failed(self, target: str, error: BaseException | None) -> None:
        if isinstance(error, _WriteFailed):
            self._write_failed(target, error.error)
        else:
            self._render_failed()

    def _render_failed(self) -> None:
        self._done()
        message = _("The PDF could not be made.")
        self.dialogs.error(_("Export PDF"), message, _(
            "An error in SSA Wizard stopped it. Your proposal is not affected: save it, and "
            "please report the problem."))
        self.failed.emit(message)

    def _write_failed(self, path: str, error: OSError) -> None:
        self._done()
        message = _("The PDF could not be written to {path}.").format(path=path)
        self.dialogs.error(_("Export PDF"), message, write_advice(error, path))
        self.failed.emit(message)

