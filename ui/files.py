"""Everything about files in the window: New, Open, Save, Save As, recent files, recovery.

The window only calls these; every question goes through ``Dialogs``. The core does
the work that must never lose a word (``ssa_wizard.storage``, ``locking``,
``recovery``); this controller decides what to ask and when:

- Save writes with ``storage.save`` and the stamp of the file as it was opened or
  last saved, so a file someone changed meanwhile is noticed (Overwrite / Save as
  copy / Cancel). A save that fails says why and offers Save As; the file on disk
  is untouched. A backup that could not be kept is a status-bar note after the
  save; text no file can hold (a lone surrogate) is named, to be typed again. A
  file of a newer version opens read-only: Save is refused, Save As warns that
  what this version does not know is left out, then writes
  ``storage.current_version_copy``.
- Text that no file can hold, found when a file (or recovered work) is opened,
  is replaced by the core; the user is told once which fields, right after.
- Open locks the file (``.~NAME.lock`` beside it). A file open in another copy of
  the program says who has it and since when, and offers read-only, a copy, or
  (when that copy is gone) taking it over. Where no lock can be made (a read-only
  stick) the file opens without one. An unreadable file is refused with its
  problem; if a backup exists, it can be opened as an unsaved copy.
- While there are unsaved changes a recovery copy is written every 30 seconds and
  on every page change; a save, a clean quit or replacing the proposal removes it.
  Autosave failures are a quiet status-bar note (``note``), never a modal box.
- At start, ``offer_recovery`` offers the work a crashed or killed session left.
  Restoring keeps the original path and stamp but writes nothing there until the
  user saves, and then a changed original is still noticed.

Recent files are kept in QSettings.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, QObject, QSettings, QStandardPaths, QTime, QTimer, Signal
from PySide6.QtWidgets import QWidget

from ssa_wizard import locking, recovery, storage
from ssa_wizard.i18n import _, ngettext
from ssa_wizard.model import VERSION, Proposal

from .dialogs import Dialogs
from .file_choice import remember_folder, start_folder
from .session import Session

log = logging.getLogger(__name__)

RECENT_KEY = "files/recent"
MAX_RECENT = 8
#: How often the recovery copy is rewritten while there are unsaved changes.
AUTOSAVE_INTERVAL_MS = 30_000
#: How long a quiet note stays in the status bar.
NOTE_MS = 15_000
#: How many repaired places the message after opening names one by one.
MAX_PLACES_SHOWN = 8


def _filters() -> str:
    return _("SSA proposals (*.ssa.json);;JSON files (*.json);;All files (*)")


def default_file_name(proposal: Proposal) -> str:
    """``DIGIRETAIL.ssa.json`` from the acronym (or the title), safe on every system."""
    return storage.file_stem(proposal) + storage.SUFFIX


def describe_when(when: _dt.datetime, now: _dt.datetime | None = None) -> str:
    """A moment in the user's words and local time: ``Tuesday 14:32``, ``today 09:05``.

    Within the last week the day's name is enough; older moments get their date.
    Day and month names and the time's form come from ``QLocale`` (the chosen language).
    """
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.timezone.utc)
    local = when.astimezone()
    now = (now or _dt.datetime.now(_dt.timezone.utc)).astimezone()
    locale = QLocale()
    time_text = locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    days = (now.date() - local.date()).days
    if days == 0:
        return _("today {time}").format(time=time_text)
    if days == 1:
        return _("yesterday {time}").format(time=time_text)
    if 1 < days < 7:
        day = locale.dayName(local.isoweekday(), QLocale.FormatType.LongFormat)
    else:
        day = locale.toString(QDate(local.year, local.month, local.day), QLocale.FormatType.LongFormat)
    return _("{day} {time}").format(day=day, time=time_text)


def _same_file(a: Path | None, b: Path | None) -> bool:
    if a is None or b is None:
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


class FileController(QObject):
    """New, Open, Save and Save As for one session, with locks, autosave and recent files."""

    #: The list of recent files changed.
    recent_changed = Signal()
    #: A file was written (its path).
    saved = Signal(str)
    #: A quiet remark for the status bar (an autosave that failed, a file opened unlocked).
    note = Signal(str)

    def __init__(self, session: Session, dialogs: Dialogs, parent: QWidget | None = None,
                 settings: QSettings | None = None):
        super().__init__(parent)
        self.session = session
        #: (label, text) of the fields on screen showing typed text the proposal does not
        #: hold; the window sets it (the pages know their fields).
        self.unstored_inputs: Callable[[], list[tuple[str, str]]] = list
        self.dialogs = dialogs
        self.settings = settings if settings is not None else QSettings(self)
        # The file the session edits, as this controller knows it: its stamp when
        # opened or last saved, our lock on it, and who holds it if we could not lock.
        self._file: Path | None = session.path
        self._stamp: storage.FileStamp | None = None
        self._lock: locking.Lock | None = None
        self._locked_by: locking.Owner | None = None
        # This session's recovery copy, once written; whether edits came since.
        self._recovery_path: Path | None = None
        self._changed_since_autosave = False

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_INTERVAL_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        session.dirty_changed.connect(self._dirty_changed)
        session.proposal_changed.connect(self._proposal_changed)
        session.path_changed.connect(self._path_changed)
        if session.dirty:
            self.autosave_timer.start()

    # --- what the window asks ---------------------------------------------------------

    @property
    def stamp(self) -> storage.FileStamp | None:
        """The file as it was opened or last saved (``None`` for a new proposal)."""
        return self._stamp

    @property
    def lock(self) -> locking.Lock | None:
        """Our lock on the file, if we hold one."""
        return self._lock

    @property
    def locked_by(self) -> locking.Owner | None:
        """Who has the file open, when it was opened read-only because of that."""
        return self._locked_by

    @property
    def recovery_path(self) -> Path | None:
        """This session's recovery copy, if one is on disk now."""
        path = self._recovery_path
        return path if path is not None and path.exists() else None

    def display_name(self) -> str:
        path = self.session.path
        if path is not None:
            return path.name
        return self.session.proposal.project.acronym.strip() or _("Untitled proposal")

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

    def shutdown(self) -> None:
        """The window closes normally: no recovery copy is left, the lock is released."""
        self.autosave_timer.stop()
        self._discard_recovery()
        self._adopt(None, None, None)

    # --- new and open ---------------------------------------------------------------

    def new(self) -> bool:
        if not self.maybe_discard():
            return False
        from ssa_wizard import i18n

        self._replace(Proposal.new(language=i18n.current_language()))
        return True

    def open(self, path: str | Path | None = None, *, ask: bool = True) -> bool:
        """Open ``path`` (or ask for a file); True when a proposal was opened.

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

        mode, lock, owner = "edit", None, None
        if self._lock is not None and _same_file(self._lock.path, path):
            lock = self._lock  # opening our own file again: the lock is ours already
        else:
            try:
                lock = locking.acquire_lock(path)
            except locking.FileLocked as exc:
                mode, lock = self._ask_locked(path, exc)
                owner = exc.owner
                if mode is None:
                    return False
            except locking.CannotLock as exc:
                self._cannot_lock(exc)

        try:
            loaded = storage.load(path)
        except storage.FileRefused as exc:
            if lock is not None and lock is not self._lock:
                lock.release()
            return self._refused(path, exc)

        if mode == "copy":
            self._replace(loaded.proposal, read_only=loaded.read_only, dirty=True)
            self._tell_repairs(path.name, loaded.repairs)
            return True
        if mode == "read_only":
            self._replace(loaded.proposal, path, loaded.stamp, None, read_only=True, locked_by=owner)
        else:
            self._replace(loaded.proposal, path, loaded.stamp, lock, read_only=loaded.read_only)
        self._remember(path)
        self._tell_repairs(path.name, loaded.repairs)
        return True

    def _tell_repairs(self, name: str, repairs: tuple[storage.Repair, ...]) -> None:
        tell_repairs(self.dialogs, name, repairs)

    def _ask_locked(self, path: Path, exc: locking.FileLocked
                    ) -> tuple[str | None, locking.Lock | None]:
        """Someone has ``path`` open: ask what to do. Returns (mode, lock) or (None, None)."""
        owner = exc.owner
        user = owner.user or _("someone")
        host = owner.host or _("an unknown computer")
        since = describe_when(owner.since) if owner.since else _("an unknown time")
        choices = [("read_only", _("Open &read-only")), ("copy", _("Open a &copy"))]
        if exc.stale:
            text = _("{name} was left open by {user} on the computer {host} (since {since}), but "
                     "that copy of SSA Wizard is no longer running; it probably closed "
                     "unexpectedly.").format(name=path.name, user=user, host=host, since=since)
            detail = _("Take over to edit the file as usual. Open read-only to only look at it, "
                       "or open a copy to work on it and save it under another name.")
            choices.insert(0, ("take_over", _("&Take over")))
            default = "take_over"
        else:
            text = _("{name} is already open in SSA Wizard: {user} on the computer {host} has had "
                     "it open since {since}.").format(name=path.name, user=user, host=host,
                                                      since=since)
            detail = _("Only one person can edit a file at a time, so that nobody overwrites "
                       "the other's work. Open it read-only to look at it, or open a copy to "
                       "work on it and save it under another name. To edit the file itself, "
                       "ask {user} to close it first.").format(user=user)
            default = "read_only"
        choices.append(("cancel", _("Cancel")))
        answer = self.dialogs.choose(_("The file is open elsewhere"), text, choices,
                                     default=default, cancel="cancel", detail=detail,
                                     icon="warning")
        if answer in ("read_only", "copy"):
            return answer, None
        if answer == "take_over":
            try:
                return "edit", locking.take_over(path)
            except locking.FileLocked as again:
                self.dialogs.error(_("Cannot take over the file"), str(again),
                                   _("Another copy of SSA Wizard opened it just now. Try again "
                                     "later, or open it read-only."))
                return None, None
            except locking.CannotLock as cannot:
                self._cannot_lock(cannot)
                return "edit", None
        return None, None

    def _cannot_lock(self, exc: locking.CannotLock) -> None:
        self.note.emit(_("{problem} Others will not see that you have it open.").format(
            problem=str(exc)))

    def _refused(self, path: Path, exc: storage.FileRefused) -> bool:
        """An unreadable file: say what is wrong; offer its backup if there is one."""
        backup = storage.existing_backup(path)
        if backup is None:
            self.dialogs.error(_("Cannot open the file"), str(exc),
                               _("Nothing was changed. Choose another file, or open the "
                                 "file in a text editor to see what is in it."))
            return False
        try:
            when = describe_when(_dt.datetime.fromtimestamp(backup.stat().st_mtime, _dt.timezone.utc))
        except OSError:
            when = _("an unknown time")
        answer = self.dialogs.choose(
            _("Cannot open the file"), str(exc),
            [("backup", _("Open the &backup")), ("cancel", _("Cancel"))],
            default="backup", cancel="cancel", icon="error",
            detail=_("There is a backup of it, {backup}, saved {when}. It opens as a new proposal "
                     "that is not saved yet: nothing is overwritten until you save it under a "
                     "name you choose. {name} itself is left as it is.").format(
                backup=backup.name, when=when, name=path.name))
        if answer != "backup":
            return False
        try:
            loaded = storage.load(backup)
        except storage.FileRefused as again:
            self.dialogs.error(_("Cannot open the backup either"), str(again),
                               _("Nothing was changed. Open the files in a text editor to see "
                                 "what is in them."))
            return False
        self._replace(loaded.proposal, read_only=loaded.read_only, dirty=True)
        self._tell_repairs(backup.name, loaded.repairs)
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
        self._replace(loaded.proposal)
        return True

    def _replace(self, proposal: Proposal, path: Path | None = None,
                 stamp: storage.FileStamp | None = None, lock: locking.Lock | None = None, *,
                 read_only: bool = False, dirty: bool = False,
                 locked_by: locking.Owner | None = None) -> None:
        """Put a new proposal in the session, with the file state that goes with it."""
        self._adopt(path, stamp, lock, locked_by)
        self.session.load(proposal, path, read_only=read_only, dirty=dirty)
        if dirty:
            self.autosave()  # the unsaved copy is safe from the first moment
        else:
            self._discard_recovery()

    def _adopt(self, path: Path | None, stamp: storage.FileStamp | None,
               lock: locking.Lock | None, locked_by: locking.Owner | None = None) -> None:
        """The session now edits ``path``; a lock on another file is released."""
        old = self._lock
        self._file, self._stamp, self._lock, self._locked_by = path, stamp, lock, locked_by
        if old is not None and old is not lock:
            old.release()

    def _path_changed(self, path: Path | None) -> None:
        # Someone else replaced the proposal (an import, say): our file state is not its.
        if path != self._file:
            self._adopt(path, None, None)

    # --- save -----------------------------------------------------------------------

    def save(self) -> bool:
        """Save to the current file (Save As when there is none); True when written."""
        if self.session.read_only:
            if self._locked_by is not None:
                owner = self._locked_by
                self.dialogs.error(
                    _("This file is open elsewhere"),
                    _("“{name}” is open in SSA Wizard on the computer {host} ({user}), so you "
                      "opened it read-only.").format(
                        name=self.display_name(), host=owner.host or _("an unknown computer"),
                        user=owner.user or _("someone")),
                    _("Use Save As to keep your changes in a new file."))
            else:
                self.dialogs.error(
                    _("This file is read-only"),
                    _("“{name}” was written by a newer version of SSA Wizard, so this version "
                      "cannot save it without losing parts of it.").format(name=self.display_name()),
                    _("Use Save As to keep your changes in a new file, or update SSA Wizard."))
            return False
        if self.session.path is None:
            return self.save_as()
        path = self.session.path
        return self._write(path, self._stamp if _same_file(path, self._file) else None, self._lock)

    def save_as(self) -> bool:
        """Ask for a file name and save there; True when written."""
        if self.session.proposal.version > VERSION:
            answer = self.dialogs.choose(
                _("Save a copy in this version?"),
                _("This file was written by a newer version of SSA Wizard. A copy saved by "
                  "this version keeps only what this version knows; the parts it does not "
                  "know are left out."),
                [("save", _("Save a copy")), ("cancel", _("Cancel"))],
                default="cancel", cancel="cancel", icon="warning",
                detail=_("The original file stays as it is, with everything in it."))
            if answer != "save":
                return False
        folder = start_folder(self.settings,
                              first=self.session.path.parent if self.session.path else None)
        suggested = str(folder / default_file_name(self.session.proposal))
        chosen = self.dialogs.save_file(_("Save the proposal"), suggested, _filters())
        if not chosen:
            return False
        path = Path(chosen)
        if not path.name.endswith(".json"):
            path = path.with_name(path.name + storage.SUFFIX)
        same = _same_file(path, self._file)
        if same and self._lock is not None:
            lock = self._lock
        else:
            try:
                lock = locking.acquire_lock(path)
            except locking.FileLocked as exc:
                if exc.stale:
                    try:
                        lock = locking.take_over(path)
                    except locking.LockError as again:
                        return self._locked_target(path, again)
                else:
                    return self._locked_target(path, exc)
            except locking.CannotLock:
                lock = None  # the save itself will tell whether the place can be written
        written = self._write(path, self._stamp if same else None, lock)
        if not written and lock is not None and lock is not self._lock:
            lock.release()
        return written

    def _unstored_confirmed(self) -> bool:
        """When a field shows typed text the proposal does not hold (an impossible date:
        the proposal keeps the one before), saving would write other than what is on
        screen: ask first (a new-user trial saved such a date without knowing)."""
        found = self.unstored_inputs()
        if not found:
            return True
        places = "\n".join(_("{label}: “{text}”").format(label=label, text=text)
                           for label, text in found)
        answer = self.dialogs.choose(
            _("Save without what is not understood?"),
            ngettext("What you typed in this field is not understood, so the proposal "
                     "keeps what was there before, and saving writes that:",
                     "What you typed in these fields is not understood, so the proposal "
                     "keeps what was there before, and saving writes that:",
                     len(found)) + "\n" + places,
            [("save", _("Save anyway")), ("cancel", _("Cancel, to correct it"))],
            default="cancel", cancel="cancel", icon="warning")
        return answer == "save"

    def _locked_target(self, path: Path, exc: Exception) -> bool:
        self.dialogs.error(_("The proposal was not saved"), str(exc),
                           _("Someone else is working on {name}; saving over it would lose "
                             "their work or yours. Choose another name with Save As.").format(
                               name=path.name))
        return False

    def _write(self, path: Path, expected: storage.FileStamp | None,
               lock: locking.Lock | None) -> bool:
        """Save to ``path`` and make it the session's file; ask when something is in the way."""
        if not self._unstored_confirmed():
            return False
        proposal = self.session.proposal
        converted = proposal.version > VERSION
        if converted:
            proposal = storage.current_version_copy(proposal)
        force = False
        while True:
            try:
                saved = storage.save(proposal, path, expected=expected, force=force)
                break
            except storage.FileChangedOnDisk as exc:
                answer = self._ask_changed(path, exc)
                if answer == "overwrite":
                    force = True
                    continue
                if lock is not None and lock is not self._lock:
                    lock.release()
                return self.save_as() if answer == "copy" else False
            except storage.UnwritableText as exc:
                if lock is not None and lock is not self._lock:
                    lock.release()
                self.dialogs.error(_("The proposal was not saved"), str(exc),
                                   _("Your work is still here, and the file on disk was not "
                                     "changed. Type the text in that field again, then save."))
                return False
            except storage.SaveError as exc:
                if lock is not None and lock is not self._lock:
                    lock.release()
                answer = self.dialogs.choose(
                    _("The proposal was not saved"), str(exc),
                    [("save_as", _("Save &As…")), ("cancel", _("Cancel"))],
                    default="save_as", cancel="cancel", icon="error",
                    detail=_("Your work is still here, and the file on disk was not changed. "
                             "Choose another place with Save As, for example your Documents "
                             "folder."))
                return self.save_as() if answer == "save_as" else False
        self._adopt(path, saved.stamp, lock)
        if converted:
            # From now on this is a file of this version, without the parts it did not know.
            self.session.load(proposal, path)
        else:
            self.session.mark_saved(path)
        self._discard_recovery()
        self._remember(path)
        self.saved.emit(str(path))
        if saved.backup_note:
            # After "saved": the window shows the later message, and this one matters more.
            self.note.emit(saved.backup_note)
        return True

    def _ask_changed(self, path: Path, exc: storage.FileChangedOnDisk) -> str | None:
        if exc.current is None:
            overwrite = _("&Save it there again")
            detail = _("Save it there again to put your version back in that place, or save a "
                       "copy under another name. Cancel saves nothing; your work stays in the "
                       "window.")
        else:
            overwrite = _("&Overwrite")
            detail = _("Overwrite replaces their version with yours (theirs is kept as {backup}). "
                       "Save as copy keeps both: yours goes in a new file. Cancel saves nothing; "
                       "your work stays in the window.").format(
                backup=storage.backup_path(path).name)
        return self.dialogs.choose(
            _("The file was changed"), str(exc),
            [("overwrite", overwrite), ("copy", _("Save as &copy…")), ("cancel", _("Cancel"))],
            default="copy", cancel="cancel", detail=detail, icon="warning")

    # --- autosave and recovery --------------------------------------------------------

    @staticmethod
    def recovery_folder() -> Path:
        return Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.AppDataLocation)) / "recovery"

    def _dirty_changed(self, dirty: bool) -> None:
        if dirty:
            self.autosave_timer.start()
        else:
            self.autosave_timer.stop()

    def _proposal_changed(self) -> None:
        self._changed_since_autosave = True

    def autosave(self) -> Path | None:
        """Write the recovery copy if there are unsaved changes not yet in it.

        Called by the timer, on page changes and after an unexpected error. A
        failure is only a note in the status bar: the user is typing.
        """
        if not self.session.dirty:
            return None
        if not self._changed_since_autosave and self.recovery_path is not None:
            return self._recovery_path
        try:
            self._recovery_path = recovery.write_recovery(
                self.recovery_folder(), self.session.proposal, self.session.path,
                original_stamp=self._stamp if _same_file(self.session.path, self._file) else None)
        except recovery.RecoveryError as exc:
            log.warning("autosave failed: %s", exc)
            self.note.emit(str(exc))
            return None
        except Exception:
            log.exception("autosave failed")
            self.note.emit(_("Could not write the recovery copy. Save your work soon."))
            return None
        self._changed_since_autosave = False
        return self._recovery_path

    def _discard_recovery(self) -> None:
        if self._recovery_path is not None:
            recovery.discard_recovery(self._recovery_path)
            self._recovery_path = None

    def recovery_save(self) -> Path | None:
        """After an unexpected error: autosave, and write a plain copy the user can open.

        Returns the plain copy. Never raises: it runs when something already went wrong.
        """
        try:
            if not self.session.dirty:
                return None
            self._changed_since_autosave = True
            self.autosave()
            folder = self.recovery_folder()
            folder.mkdir(parents=True, exist_ok=True)
            stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            path = folder / f"{stamp}-{default_file_name(self.session.proposal)}"
            try:
                data = storage.proposal_bytes(self.session.proposal)
            except UnicodeEncodeError:
                # The last resort keeps every word it can: half an emoji becomes U+FFFD here.
                repaired, _places = storage.repair_text(self.session.proposal.model_dump(mode="json"))
                data = (json.dumps(repaired, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
            storage.write_bytes_atomic(path, data)
            return path
        except Exception:
            log.exception("recovery save failed")
            return None

    def offer_recovery(self) -> bool:
        """Offer the work that ended sessions left unsaved; True when some was restored.

        Newest first. Declining asks once more before deleting a copy; a copy kept
        for later is offered again at the next start.
        """
        for item in recovery.find_recoveries(self.recovery_folder()):
            when = describe_when(item.saved_at)
            if item.original_path is not None:
                text = _("SSA Wizard closed without saving your last changes. Recovered work "
                         "from {when}, from {name}.").format(when=when, name=item.original_path.name)
                detail = _("Restore opens your recovered changes. {name} itself (in {folder}) is "
                           "not changed until you save.").format(
                    name=item.original_path.name, folder=item.original_path.parent)
            else:
                title = (item.proposal.project.acronym.strip() or item.proposal.project.title.strip()
                         or _("untitled"))
                text = _("SSA Wizard closed without saving your last changes. Recovered work "
                         "from {when}, from a new proposal that was never saved ({title}).").format(
                    when=when, title=title)
                detail = _("Restore opens your recovered changes; then save them under a name "
                           "you choose.")
            answer = self.dialogs.choose(
                _("Restore unsaved work?"), text,
                [("restore", _("&Restore")), ("decline", _("&Not now"))],
                default="restore", cancel="decline", detail=detail)
            if answer == "restore":
                if self.restore(item):
                    return True
                continue
            source = (item.original_path.name if item.original_path is not None
                      else _("a new proposal"))
            again = self.dialogs.choose(
                _("Delete the recovered work?"),
                _("Delete the recovered work from {when} ({name})? The changes in it are then "
                  "gone for good.").format(when=when, name=source),
                [("keep", _("&Keep for later")), ("delete", _("&Delete"))],
                default="keep", cancel="keep", icon="warning",
                detail=_("Keep for later offers it again the next time SSA Wizard starts."))
            if again == "delete":
                recovery.discard_recovery(item)
        return False

    def restore(self, item: recovery.Recovery) -> bool:
        """Load recovered work: unsaved, with its original path and stamp; True if loaded."""
        if not self.maybe_discard():
            return False
        path = item.original_path
        lock = None
        if path is not None:
            try:
                lock = locking.acquire_lock(path)
            except locking.FileLocked as exc:
                if exc.stale:  # most likely the crashed session's own lock
                    try:
                        lock = locking.take_over(path)
                    except locking.LockError:
                        lock = None
                else:
                    self.note.emit(str(exc))
            except locking.CannotLock as exc:
                self._cannot_lock(exc)
        self._adopt(path, item.original_stamp, lock)
        self.session.load(item.proposal, path, read_only=item.read_only, dirty=True)
        # This session's copy first, then the old one goes: the work is never on no disk.
        if self.autosave() is not None:
            recovery.discard_recovery(item)
        if path is not None:
            self.note.emit(_("Your recovered work is open. Save it to keep it in {name}.").format(
                name=path.name))
        else:
            self.note.emit(_("Your recovered work is open. Save it to keep it."))
        self._tell_repairs(path.name if path is not None else _("your recovered work"),
                           item.repairs)
        return True

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
        remember_folder(path.resolve(), self.settings)
        self.recent_changed.emit()

    def _folder(self) -> str:
        """Where Open starts: the folder chosen last, else beside the open file, else Documents."""
        return str(start_folder(self.settings,
                                then=self.session.path.parent if self.session.path else None))


def tell_repairs(dialogs: Dialogs, name: str, repairs: Sequence[storage.Repair]) -> None:
    """Say once, after opening the file ``name`` (a proposal, a recovered copy or a
    partner card), which texts held characters no file can hold."""
    if not repairs:
        return
    places = [repair.place() for repair in repairs]
    shown = "; ".join(places[:MAX_PLACES_SHOWN])
    if len(places) > MAX_PLACES_SHOWN:
        shown = _("{places} and {count} more").format(places=shown,
                                                      count=len(places) - MAX_PLACES_SHOWN)
    dialogs.inform(
        _("Some characters were replaced"),
        _("Some text in {name} held characters that no file can hold: parts of broken emoji "
          "or symbols. Each was replaced by “{replacement}”, in: {places}.").format(
            name=name, replacement=storage.REPLACEMENT, places=shown),
        _("Check those fields and type again what is missing. The file itself is changed "
          "only when you save."))
