"""Everything about files in the window: New, Open, Save, Save As, recent files.

The window only calls these; all questions go through ``Dialogs``. A file of a
newer version opens read-only (the session says so, the window shows why): Save
is refused and Save As warns that the copy loses what this version does not know.
Recent files are kept in QSettings. A later step moves the saving itself to the
hardened storage layer (backups, conflicts, locks, autosave); the public methods
here stay as they are.
"""

from __future__ import annotations

import datetime as _dt
import logging
import re
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths, Signal
from PySide6.QtWidgets import QWidget

from ssa_wizard import storage
from ssa_wizard.i18n import _
from ssa_wizard.model import Proposal

from .dialogs import Dialogs
from .session import Session

log = logging.getLogger(__name__)

RECENT_KEY = "files/recent"
FOLDER_KEY = "files/last_folder"
MAX_RECENT = 8


def _filters() -> str:
    return _("SSA proposals (*.ssa.json);;JSON files (*.json);;All files (*)")


def default_file_name(proposal: Proposal) -> str:
    """``DIGIRETAIL.ssa.json`` from the acronym (or the title), safe on every system."""
    base = proposal.project.acronym.strip() or proposal.project.title.strip()
    base = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "", base).strip(" .")[:60]
    return (base or _("proposal")) + storage.SUFFIX


class FileController(QObject):
    """New, Open, Save and Save As for one session, with recent files."""

    #: The list of recent files changed.
    recent_changed = Signal()
    #: A file was written (its path).
    saved = Signal(str)

    def __init__(self, session: Session, dialogs: Dialogs, parent: QWidget | None = None,
                 settings: QSettings | None = None):
        super().__init__(parent)
        self.session = session
        self.dialogs = dialogs
        self.settings = settings if settings is not None else QSettings(self)

    # --- asking before losing changes ----------------------------------------------

    def maybe_discard(self) -> bool:
        """True when the current proposal may be replaced or closed.

        Unsaved changes: asks Save / Discard / Cancel; Save that fails or is
        cancelled keeps the proposal.
        """
        if not self.session.dirty:
            return True
        answer = self.dialogs.choose(
            _("Unsaved changes"),
            _("The proposal “{name}” has changes that are not saved. Save them first?").format(
                name=self.display_name()),
            [("save", _("&Save")), ("discard", _("&Discard changes")), ("cancel", _("Cancel"))],
            default="save", cancel="cancel", icon="warning")
        if answer == "save":
            return self.save()
        return answer == "discard"

    def display_name(self) -> str:
        path = self.session.path
        if path is not None:
            return path.name
        return self.session.proposal.project.acronym.strip() or _("Untitled proposal")

    # --- new and open ---------------------------------------------------------------

    def new(self) -> bool:
        if not self.maybe_discard():
            return False
        from ssa_wizard import i18n

        self.session.load(Proposal.new(language=i18n.current_language()))
        return True

    def open(self, path: str | Path | None = None, *, ask: bool = True) -> bool:
        """Open ``path`` (or ask for a file); True when a file was opened.

        ``ask=False`` skips the unsaved-changes question (at start-up).
        """
        if ask and not self.maybe_discard():
            return False
        if path is None:
            chosen = self.dialogs.open_file(_("Open a proposal"), self._folder(), _filters())
            if not chosen:
                return False
            path = chosen
        path = Path(path)
        try:
            loaded = storage.load(path)
        except storage.FileRefused as exc:
            self.dialogs.error(_("Cannot open the file"), str(exc),
                               _("Nothing was changed. Choose another file, or open the "
                                 "file in a text editor to see what is in it."))
            return False
        self.session.load(loaded.proposal, path, read_only=loaded.read_only)
        self._remember(path)
        return True

    def open_example(self) -> bool:
        """Open the bundled example as a new, unsaved proposal (never over the original)."""
        from ssa_wizard.resources import resource_path

        if not self.maybe_discard():
            return False
        path = resource_path("examples", "digiretail.ssa.json")
        try:
            loaded = storage.load(path)
        except storage.FileRefused as exc:
            self.dialogs.error(_("Cannot open the example"), str(exc))
            return False
        self.session.load(loaded.proposal)
        return True

    # --- save -----------------------------------------------------------------------

    def can_save(self) -> bool:
        return not self.session.read_only

    def save(self) -> bool:
        """Save to the current file (Save As when there is none); True when written."""
        if self.session.read_only:
            self.dialogs.error(
                _("This file is read-only"),
                _("“{name}” was written by a newer version of SSA Wizard, so this version "
                  "cannot save it without losing parts of it.").format(name=self.display_name()),
                _("Use Save As to keep your changes in a new file, or update SSA Wizard."))
            return False
        if self.session.path is None:
            return self.save_as()
        return self._write(self.session.path)

    def save_as(self) -> bool:
        if self.session.read_only:
            answer = self.dialogs.choose(
                _("Save a copy in this version?"),
                _("This file was written by a newer version of SSA Wizard. A copy saved by "
                  "this version keeps only what this version knows; the parts it does not "
                  "know are left out."),
                [("save", _("Save a copy")), ("cancel", _("Cancel"))],
                default="cancel", cancel="cancel", icon="warning")
            if answer != "save":
                return False
        folder = self.session.path.parent if self.session.path else Path(self._folder())
        suggested = str(folder / default_file_name(self.session.proposal))
        chosen = self.dialogs.save_file(_("Save the proposal"), suggested, _filters())
        if not chosen:
            return False
        path = Path(chosen)
        if not path.name.endswith(".json"):
            path = path.with_name(path.name + storage.SUFFIX)
        return self._write(path)

    def _write(self, path: Path) -> bool:
        proposal = self.session.proposal
        if self.session.read_only:
            # The copy is in this version's format (what this version knows).
            from ssa_wizard.model import VERSION

            proposal = proposal.model_copy(update={"version": VERSION})
        try:
            storage.write_bytes_atomic(path, proposal.to_json().encode("utf-8"))
        except OSError as exc:
            self.dialogs.error(
                _("The proposal was not saved"),
                _("Cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc),
                _("Your work is still here. Choose another folder with Save As, or check "
                  "that the disk is not full or read-only."))
            return False
        if proposal is not self.session.proposal:
            self.session.proposal.version = proposal.version
        self.session.mark_saved(path)
        self._remember(path)
        self.saved.emit(str(path))
        return True

    def recovery_save(self) -> Path | None:
        """Write the proposal to the recovery folder (after an unexpected error).

        Never raises: it runs when something already went wrong.
        """
        try:
            if not self.session.dirty:
                return None
            folder = self.recovery_folder()
            folder.mkdir(parents=True, exist_ok=True)
            stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            path = folder / f"{stamp}-{default_file_name(self.session.proposal)}"
            storage.write_bytes_atomic(path, self.session.proposal.to_json().encode("utf-8"))
            return path
        except Exception:  # noqa: BLE001 - last resort, logged
            log.exception("recovery save failed")
            return None

    @staticmethod
    def recovery_folder() -> Path:
        return Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.AppDataLocation)) / "recovery"

    # --- recent files -----------------------------------------------------------------

    def recent_files(self) -> list[str]:
        """Recently opened or saved files that still exist, newest first."""
        return [p for p in self._stored_recent() if Path(p).is_file()]

    def clear_recent(self) -> None:
        self.settings.setValue(RECENT_KEY, [])
        self.recent_changed.emit()

    def _stored_recent(self) -> list[str]:
        value = self.settings.value(RECENT_KEY, [])
        if isinstance(value, str):  # QSettings gives a lone string for a one-item list
            value = [value]
        return [str(v) for v in value or []]

    def _remember(self, path: Path) -> None:
        text = str(path.resolve())
        recent = [text, *(p for p in self._stored_recent() if p != text)][:MAX_RECENT]
        self.settings.setValue(RECENT_KEY, recent)
        self.settings.setValue(FOLDER_KEY, str(path.resolve().parent))
        self.recent_changed.emit()

    def _folder(self) -> str:
        folder = self.settings.value(FOLDER_KEY, "")
        if folder and Path(str(folder)).is_dir():
            return str(folder)
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
