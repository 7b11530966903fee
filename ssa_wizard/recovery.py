"""Recovery copies: unsaved work survives a crash, a killed process or a power cut.

While a proposal has unsaved changes, the front end calls ``write_recovery`` (every
30 seconds, on page change) with a per-user folder it chooses (the Qt side passes
``QStandardPaths.AppDataLocation`` + ``/recovery``). Each editing session has one
file, ``<host>-<pid>-<start ms>.ssa-recovery.json``, rewritten atomically each time:

    {"format": "ssa-recovery", "version": 1, "saved_at": "2026-11-28T10:15:00+00:00",
     "original_path": "/home/an/DIGIRETAIL.ssa.json" | null,
     "original_stamp": {"size": .., "mtime_ns": .., "sha256": ..} | null,
     "owner": {"user": .., "host": .., "pid": .., "boot_id": .., ...},
     "proposal": { the proposal, as in its file }}

A normal save or a clean quit calls ``discard_recovery``. At start,
``find_recoveries`` lists the copies left by sessions that ended without that:
newest first, damaged copies ignored, copies of sessions still running (another
window of the program on this machine) not offered. Restoring gives a Proposal
and the file it came from; nothing here writes to the original file.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from .fs import atomic_write, describe_os_error, read_regular
from .i18n import _
from .locking import Owner, host_name
from .model import Proposal
from .storage import (
    MAX_PROPOSAL_BYTES,
    FileRefused,
    FileStamp,
    Repair,
    parse,
    repair_text,
    unwritable_places,
    unwritable_reason,
)

RECOVERY_FORMAT = "ssa-recovery"
RECOVERY_VERSION = 1
RECOVERY_SUFFIX = ".ssa-recovery.json"
#: The largest recovery copy read: a proposal, indented, and a little about it.
MAX_RECOVERY_BYTES = 2 * MAX_PROPOSAL_BYTES

_session: str | None = None


def session_id() -> str:
    """This program run's key: host, pid and start time (unique across restarts)."""
    global _session
    if _session is None:
        host = re.sub(r"[^A-Za-z0-9-]", "", host_name())[:24] or "host"
        _session = f"{host}-{os.getpid()}-{int(time.time() * 1000)}"
    return _session


def recovery_file(folder: str | Path, session: str | None = None) -> Path:
    """The recovery file of ``session`` (default: this run) in ``folder``."""
    return Path(folder) / f"{session or session_id()}{RECOVERY_SUFFIX}"


class RecoveryError(Exception):
    """A recovery copy could not be written; ``str(exc)`` is one line for the user."""

    def __init__(self, folder: str | Path, reason: str):
        self.folder = Path(folder)
        self.reason = reason
        super().__init__(" ".join(_(
            "Could not write the recovery copy in {folder}: {reason}. Save your work soon.").format(
            folder=self.folder, reason=reason).split()))


@dataclass(frozen=True)
class Recovery:
    """Unsaved work a previous session left behind."""

    path: Path
    saved_at: _dt.datetime
    original_path: Path | None
    #: The original file as that session last opened or saved it (pass as ``expected``).
    original_stamp: FileStamp | None
    proposal: Proposal
    #: The proposal is of a newer version (never to be saved over its file).
    read_only: bool
    owner: Owner
    #: Texts of the proposal that held characters no file can hold, now U+FFFD.
    repairs: tuple[Repair, ...] = ()


def write_recovery(folder: str | Path, proposal: Proposal, original_path: str | Path | None = None, *,
                   original_stamp: FileStamp | None = None, session: str | None = None) -> Path:
    """Write (or rewrite) this session's recovery copy in ``folder``; return its path.

    Atomic: a crash during the write leaves the previous copy. Raises RecoveryError.
    """
    folder = Path(folder)
    owner = Owner.current()
    record = {
        "format": RECOVERY_FORMAT,
        "version": RECOVERY_VERSION,
        "saved_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "original_path": str(Path(original_path).absolute()) if original_path else None,
        "original_stamp": original_stamp.to_json() if original_stamp else None,
        "owner": {**owner.to_json(), "session": session or session_id()},
        "proposal": proposal.model_dump(mode="json"),
    }
    text = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        places = unwritable_places(record["proposal"])
        if places:  # the proposal could not be saved either: say where, as a save would
            raise RecoveryError(folder, unwritable_reason(places)) from None
        # A file name or user name that is not valid UTF-8 reaches Python as lone
        # surrogates (surrogateescape). Outside the proposal they must come back as
        # they were, and they can: "\udcff" in a JSON string reads back as that very
        # character, and JSON text holds non-ASCII characters only inside strings.
        data = text.encode("utf-8", "backslashreplace")
    target = recovery_file(folder, session)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(target, data, "recovery")
    except OSError as exc:
        raise RecoveryError(folder, describe_os_error(exc, target)) from None
    return target


def read_recovery(path: str | Path) -> Recovery | None:
    """The recovery copy at ``path``, or ``None`` if it is damaged or unreadable."""
    path = Path(path)
    try:
        raw, _status = read_regular(path, MAX_RECOVERY_BYTES)
        record = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError):  # ValueError: not JSON, or a huge integer
        return None
    if not isinstance(record, dict) or record.get("format") != RECOVERY_FORMAT:
        return None
    try:
        saved_at = _dt.datetime.fromisoformat(record["saved_at"])
        if saved_at.tzinfo is None:
            saved_at = saved_at.replace(tzinfo=_dt.timezone.utc)
        original = record.get("original_path")
        if original is not None and not isinstance(original, str):
            return None
        # Only the proposal is repaired: the original path must stay as the system spells it.
        proposal, repairs = repair_text(record["proposal"])
        loaded = parse(json.dumps(proposal, ensure_ascii=False), path)
    except (KeyError, TypeError, ValueError, RecursionError, FileRefused):
        return None
    return Recovery(
        path=path, saved_at=saved_at, original_path=Path(original) if original else None,
        original_stamp=FileStamp.from_json(record.get("original_stamp")),
        proposal=loaded.proposal, read_only=loaded.read_only,
        owner=Owner.from_json(record.get("owner")), repairs=repairs)


def _still_running(owner: Owner) -> bool:
    # Only this machine can tell; a copy from another machine (roaming profile) is
    # offered, since keeping work matters more than a rare double offer.
    return owner.known and owner.on_this_host and not owner.provably_gone()


def find_recoveries(folder: str | Path) -> list[Recovery]:
    """The recovery copies in ``folder`` to offer, newest first.

    Damaged copies are ignored (and left alone); copies of sessions still running,
    this one included, are not offered. A missing folder has none.
    """
    try:
        names = sorted(p for p in Path(folder).iterdir() if p.name.endswith(RECOVERY_SUFFIX)
                       and not p.name.startswith("."))
    except OSError:
        return []
    found = []
    for path in names:
        item = read_recovery(path)
        if item is not None and not _still_running(item.owner):
            found.append(item)
    found.sort(key=lambda item: item.saved_at, reverse=True)
    return found


def discard_recovery(item: Recovery | str | Path) -> None:
    """Delete a recovery copy (after a save, a clean quit, or a declined offer)."""
    path = item.path if isinstance(item, Recovery) else Path(item)
    try:
        path.unlink()
    except FileNotFoundError:
        pass

