"""Lock files: two copies of the program editing one proposal find out about each other.

Opening ``NAME`` for editing creates ``.~NAME.lock`` beside it (the LibreOffice
habit), a small JSON file saying who has it open: user, host, pid, since (UTC),
the boot id on Linux, and a random token that tells our lock from a later one.
It is created in one step: written to a temporary file and hard-linked into place
(``os.link`` fails if the name exists), or, where hard links are not supported
(FAT, some network shares), with ``O_CREAT | O_EXCL``. So a lock file is never seen
half-written, and of two programs only one gets it.

A lock is *stale* when its owner provably no longer runs: it was written on this
machine and the process is gone (or the machine has restarted since). A lock of
another machine is never provably stale; the user may still take it over, knowing
what they do (``take_over(force=True)``).
"""

from __future__ import annotations

import datetime as _dt
import getpass
import json
import os
import re
import secrets
import socket
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .fs import MAX_PID, describe_os_error, pid_alive, read_regular
from .i18n import _

#: The largest lock file read: ours are a few hundred bytes.
MAX_LOCK_BYTES = 64_000
_SURROGATE = re.compile("[\ud800-\udfff]")


def lock_path(path: str | Path) -> Path:
    """The lock file of ``path``: ``.~NAME.lock`` in the same folder."""
    path = Path(path)
    return path.with_name(f".~{path.name}.lock")


# --- who is running ----------------------------------------------------------------


def _boot_id() -> str | None:
    """An id of this boot of the machine (Linux), to tell a reused pid after a restart."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip() or None
    except OSError:
        return None


def host_name() -> str:
    return socket.gethostname()


def user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment nor the password database
        return ""


@dataclass(frozen=True)
class Owner:
    """Who holds a lock or wrote a recovery copy. Empty fields when unknown."""

    user: str = ""
    host: str = ""
    pid: int = 0
    since: _dt.datetime | None = None
    boot_id: str | None = None
    token: str = ""

    @classmethod
    def current(cls) -> "Owner":
        return cls(user=user_name(), host=host_name(), pid=os.getpid(),
                   since=_dt.datetime.now(_dt.timezone.utc).replace(microsecond=0),
                   boot_id=_boot_id(), token=secrets.token_hex(8))

    def to_json(self) -> dict[str, Any]:
        return {"program": "ssa-wizard", "user": self.user, "host": self.host, "pid": self.pid,
                "since": self.since.isoformat() if self.since else None,
                "boot_id": self.boot_id, "token": self.token}

    @classmethod
    def from_json(cls, data: Any) -> "Owner":
        """Read what can be read; a damaged record gives an owner with empty fields."""
        if not isinstance(data, dict):
            return cls()

        def text(key: str) -> str:
            value = data.get(key)
            # A lone surrogate could be shown, but never printed or written: repair it.
            return _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else ""

        pid = data.get("pid")
        if not isinstance(pid, int) or isinstance(pid, bool) or not 0 < pid <= MAX_PID:
            pid = 0  # no process ever had it: an unknown owner
        since = None
        try:
            since = _dt.datetime.fromisoformat(text("since")) if text("since") else None
            if since is not None and since.tzinfo is None:
                since = since.replace(tzinfo=_dt.timezone.utc)
        except ValueError:
            pass
        return cls(user=text("user"), host=text("host"), pid=pid, since=since,
                   boot_id=text("boot_id") or None, token=text("token"))

    @property
    def known(self) -> bool:
        return bool(self.host) and self.pid > 0

    @property
    def on_this_host(self) -> bool:
        return self.host.casefold() == host_name().casefold()

    def provably_gone(self) -> bool:
        """The owner certainly no longer runs (only decidable for this machine)."""
        if not self.known:
            return True  # a damaged record: locks are written whole, so its writer is gone
        if not self.on_this_host:
            return False
        current_boot = _boot_id()
        if self.boot_id and current_boot and self.boot_id != current_boot:
            return True  # the machine restarted since: the pid may have been reused
        return not pid_alive(self.pid)

    def describe(self) -> str:
        """``user on host since 2026-11-28 10:15 UTC``, for messages."""
        since = self.since.strftime("%Y-%m-%d %H:%M UTC") if self.since else _("an unknown time")
        return _("{user} on {host} since {since}").format(
            user=self.user or _("someone"), host=self.host or _("an unknown computer"), since=since)


# --- lock files --------------------------------------------------------------------


class LockError(Exception):
    """Base of the lock problems; ``str(exc)`` is one line for the user."""

    def __init__(self, path: str | Path, message: str):
        self.path = Path(path)
        super().__init__(" ".join(message.split()))


class FileLocked(LockError):
    """Someone else has the file open. ``owner`` says who; ``stale`` whether they are gone."""

    def __init__(self, path: str | Path, owner: Owner, stale: bool):
        self.owner = owner
        self.stale = stale
        name = Path(path).name
        if stale:
            message = _("{name} was left open by {owner}, but that program is no longer running.").format(
                name=name, owner=owner.describe())
        else:
            message = _("{name} is open in another copy of SSA Wizard: {owner}.").format(
                name=name, owner=owner.describe())
        super().__init__(path, message)


class CannotLock(LockError):
    """No lock file can be made beside the file (read-only folder or disk).

    The file can still be opened; others will not see that it is open.
    """

    def __init__(self, path: str | Path, reason: str):
        self.reason = reason
        super().__init__(path, _("Cannot mark {name} as open: {reason}.").format(
            name=Path(path).name, reason=reason))


def _create_exclusive(target: Path, data: bytes) -> None:
    """Create ``target`` holding ``data``, failing with FileExistsError if it exists."""
    tmp = target.with_name(f"{target.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, 0o666)
    try:
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, target)
            linked = True
        except FileExistsError:
            raise
        except OSError:
            linked = False  # no hard links here (FAT, some shares): plain exclusive create
        if not linked:
            fd = os.open(target, flags, 0o666)
            try:
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass
    if os.name == "nt":
        try:
            import ctypes

            ctypes.windll.kernel32.SetFileAttributesW(str(target), 0x2)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001, S110 - hiding the lock is a nicety
            pass


def read_lock(path: str | Path) -> Owner | None:
    """Who holds the lock of ``path``, or ``None`` if it is not locked.

    A lock file that cannot be read or understood gives an owner with empty fields.
    Something else in the lock file's place (a folder, a pipe) is never read from:
    ``blocked_lock`` tells that case.
    """
    try:
        raw, _status = read_regular(lock_path(path), MAX_LOCK_BYTES)
    except FileNotFoundError:
        return None
    except OSError:
        return Owner()
    try:
        return Owner.from_json(json.loads(raw.decode("utf-8")))
    except (ValueError, RecursionError):  # not JSON, or an integer too long for Python
        return Owner()


def blocked_lock(path: str | Path) -> str | None:
    """Why no lock file can ever be made for ``path``, if its place holds something else.

    A folder or a device, pipe or socket named like the lock file is not a lock: it
    is not stale, and it is never moved or removed. ``None`` when the place is free
    or holds a file.
    """
    place = lock_path(path)
    try:
        mode = os.stat(place).st_mode
    except OSError:
        return None
    if stat.S_ISDIR(mode):
        return _("there is a folder called {lock} where its lock file belongs").format(lock=place.name)
    if not stat.S_ISREG(mode):
        return _("there is a device, pipe or socket called {lock} where its lock file belongs").format(
            lock=place.name)
    return None


class Lock:
    """A lock we hold on ``path``; ``release()`` it when the file is closed."""

    def __init__(self, path: Path, owner: Owner):
        self.path = path
        self.lock_file = lock_path(path)
        self.owner = owner
        self._released = False

    def still_held(self) -> bool:
        """False if someone took the lock over (or removed it) meanwhile."""
        current = read_lock(self.path)
        return not self._released and current is not None and current.token == self.owner.token

    def release(self) -> None:
        """Remove the lock file if it is still ours; calling it twice is harmless."""
        if self._released:
            return
        self._released = True
        current = read_lock(self.path)
        if current is not None and current.token == self.owner.token:
            try:
                os.unlink(self.lock_file)
            except OSError:
                pass

    def __enter__(self) -> "Lock":
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __repr__(self) -> str:
        return f"Lock({str(self.path)!r}, pid={self.owner.pid})"


def acquire_lock(path: str | Path) -> Lock:
    """Lock ``path`` for this process.

    Raises ``FileLocked`` if another program holds it (``stale`` tells whether that
    program is provably gone: then ``take_over`` is safe), ``CannotLock`` if no
    lock file can be created there.
    """
    path = Path(path)
    for _attempt in range(5):
        owner = Owner.current()
        try:
            _create_exclusive(lock_path(path), json.dumps(owner.to_json()).encode("utf-8"))
            return Lock(path, owner)
        except FileExistsError:
            blocked = blocked_lock(path)
            if blocked is not None:
                raise CannotLock(path, blocked) from None
            holder = read_lock(path)
            if holder is None:
                continue  # released in between: try again
            raise FileLocked(path, holder, holder.provably_gone()) from None
        except OSError as exc:
            raise CannotLock(path, describe_os_error(exc, lock_path(path))) from None
    holder = read_lock(path) or Owner()
    raise FileLocked(path, holder, holder.provably_gone())


def take_over(path: str | Path, *, force: bool = False) -> Lock:
    """Remove a stale lock of ``path`` and lock it for this process.

    A lock whose owner may still run (another machine, or a live process here) is
    taken over only with ``force=True`` (the user said the other copy is gone).
    Raises ``FileLocked`` if the lock is not stale, or if another program was
    quicker, ``CannotLock`` as ``acquire_lock``.
    """
    path = Path(path)
    blocked = blocked_lock(path)
    if blocked is not None:
        raise CannotLock(path, blocked)
    holder = read_lock(path)
    if holder is not None:
        if not force and not holder.provably_gone():
            raise FileLocked(path, holder, False)
        # Move the old lock aside under a unique name first: of two programs taking
        # over at once only one can move it, and we can check we moved what we judged.
        aside = lock_path(path).with_name(f"{lock_path(path).name}.{os.getpid()}-{secrets.token_hex(4)}.old")
        try:
            os.rename(lock_path(path), aside)
        except FileNotFoundError:
            pass  # someone removed it meanwhile
        except OSError as exc:
            raise CannotLock(path, describe_os_error(exc, lock_path(path))) from None
        else:
            try:
                moved = Owner.from_json(json.loads(read_regular(aside, MAX_LOCK_BYTES)[0].decode("utf-8")))
            except (OSError, ValueError, RecursionError):
                moved = Owner()
            if moved.token != holder.token:
                # A fresh lock replaced the stale one after we looked: put it back.
                try:
                    os.link(aside, lock_path(path))
                except OSError:
                    pass
                os.unlink(aside)
                current = read_lock(path) or moved
                raise FileLocked(path, current, current.provably_gone())
            os.unlink(aside)
    return acquire_lock(path)
