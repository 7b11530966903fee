"""The file system, safely: bounded reads, atomic writes, and failures in plain words.

The layer below ``storage`` (proposals), ``locking`` (lock files), ``recovery`` and
the exports, so that none of them needs another for these basics:

- ``read_regular`` reads a regular file up to a cap and refuses devices, pipes and
  folders before reading from them;
- ``atomic_write`` (``write_temp`` + ``commit``) puts new content in place in one
  ``os.replace``, synced, leaving the old file as it was if anything fails, and
  ``remove_orphan_temps`` cleans up after processes that were killed mid-write;
- ``describe_os_error`` says why a write failed without errno numbers or the
  system's English, and ``write_advice`` what the user can do about it;
- ``pid_alive`` tells whether a process recorded in a file still runs.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path

from .i18n import _

# --- reading ----------------------------------------------------------------------------


class NotARegularFile(OSError):
    """The path is a folder, a device, a pipe or a socket: nothing to read as a file."""


class InputTooLarge(OSError):
    """The file is larger than the cap for what it should be."""

    def __init__(self, limit: int):
        super().__init__(errno.EFBIG, "too large")
        self.limit = limit


def read_regular(path: str | Path, limit: int) -> tuple[bytes, os.stat_result]:
    """The whole content of the regular file at ``path``, at most ``limit`` bytes.

    Refuses anything that is not a regular file before reading from it (a FIFO with
    no writer is opened without blocking, a device such as ``/dev/zero`` is never
    read) and stops reading one byte past ``limit``. Raises ``NotARegularFile``,
    ``InputTooLarge`` or another OSError; ``refusing`` words each for the user.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with open(fd, "rb", buffering=0, closefd=True) as handle:
        status = os.fstat(fd)
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder")
        if not stat.S_ISREG(status.st_mode):
            raise NotARegularFile(errno.EINVAL, "not a regular file")
        if status.st_size > limit:
            raise InputTooLarge(limit)
        # The first read asks for the whole file and one byte more (a file that grew
        # since the fstat shows it): one buffer, no copy, in the common case.
        chunks, size = [], 0
        want = status.st_size + 1
        while chunk := handle.read(min(max(want, 1 << 16), limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # it grew while being read
                raise InputTooLarge(limit)
            want = 1 << 20
    return chunks[0] if len(chunks) == 1 else b"".join(chunks), status


# --- processes -------------------------------------------------------------------------

#: The largest process id any system gives (pid_t is a 32-bit int on POSIX; Windows
#: ids are far smaller). A larger "pid" in a file was never a process's id.
MAX_PID = 2**31 - 1


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (zombies count as gone)."""
    if pid <= 0 or pid > MAX_PID:
        return False
    if os.name == "nt":
        # os.kill(pid, 0) would *terminate* the process on Windows: ask the kernel instead.
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except (OSError, OverflowError):
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


# --- writing in one step ---------------------------------------------------------------

#: Test seams. ``_write_chunk`` is the one call that puts bytes into a temporary
#: file (tests replace it with a writer that fails half-way); ``_crash_point``, if
#: set, is called with ``"<label>:<step>"`` at each step of a write, so that a test
#: child process can kill itself exactly there.
_write_chunk: Callable[[int, memoryview], int] = os.write
_crash_point: Callable[[str], None] | None = None
_CHUNK = 1 << 16

#: How often a replace refused with PermissionError is tried (Windows only: there,
#: antivirus scanners, indexers and sync clients briefly hold files open).
REPLACE_ATTEMPTS = 6 if os.name == "nt" else 1
REPLACE_DELAY = 0.05  # seconds, growing with each attempt

_TEMP_RE = r"\.{name}\.(\d+)-[0-9a-f]+\.tmp"


def step(label: str, step: str) -> None:
    if _crash_point is not None:
        _crash_point(f"{label}:{step}")


def _temp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


def _replace(src: Path, dst: Path) -> None:
    for attempt in range(1, REPLACE_ATTEMPTS + 1):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if attempt >= REPLACE_ATTEMPTS:
                raise
            time.sleep(REPLACE_DELAY * attempt)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a folder that cannot be synced is no error."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_temp(path: Path, data: bytes, label: str, mode: int | None = None) -> tuple[Path, os.stat_result]:
    """Write ``data`` to a new, synced temporary file beside ``path``; return it and its stat.

    The temporary file gets ``mode``, else the mode of the file at ``path``, else
    the umask's. It is created private (0600) and given its mode only when whole,
    so a private file's content is never readable by others on the way. Raises
    OSError; then no temporary file is left.
    """
    tmp = _temp_path(path)
    if mode is None and os.name != "nt":
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except OSError:
            mode = None  # no file yet: the new file keeps the umask's mode
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    # 0o666 minus the umask, as any new file; a known mode is set once the content is in.
    fd = os.open(tmp, flags, 0o600 if mode is not None else 0o666)
    try:
        step(label, "temp-created")
        view = memoryview(data)
        first = True
        while view:
            written = _write_chunk(fd, view[:_CHUNK])
            view = view[written:]
            if first:
                first = False
                step(label, "temp-partial")
        step(label, "temp-written")
        os.fsync(fd)
        if mode is not None and os.name != "nt":
            try:
                os.chmod(tmp, mode)
            except OSError:
                pass  # not ours to chmod: it keeps the private mode, never a wider one
        status = os.fstat(fd)
        os.close(fd)
        fd = -1
        step(label, "temp-synced")
    except BaseException:
        if fd >= 0:
            os.close(fd)
        discard_temp(tmp)
        raise
    return tmp, status


def discard_temp(tmp: Path) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def commit(tmp: Path, path: Path, label: str) -> None:
    """Put the temporary file ``tmp`` in place of ``path`` in one step, durably."""
    try:
        _replace(tmp, path)
    except BaseException:
        discard_temp(tmp)
        raise
    step(label, "replaced")
    _fsync_folder(path.parent)
    step(label, "folder-synced")


def atomic_write(path: Path, data: bytes, label: str = "file", mode: int | None = None) -> os.stat_result:
    """Put ``data`` at ``path`` in one step; return the stat of the written file.

    ``mode`` as ``write_temp``. Raises OSError; then ``path`` is as it was and no
    temporary file is left.
    """
    tmp, status = write_temp(path, data, label, mode)
    commit(tmp, path, label)
    return status


def remove_orphan_temps(path: Path) -> None:
    """Remove temporary files that killed processes left beside ``path``."""
    pattern = re.compile(_TEMP_RE.format(name=re.escape(path.name)))
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match and int(match.group(1)) != os.getpid() and not pid_alive(int(match.group(1))):
            try:
                os.unlink(entry.path)
            except OSError:
                pass


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that it is either the old or the new content.

    The machinery of ``save`` without its checks: raises OSError, and then the
    previous file is left as it was and no temporary file remains.
    """
    atomic_write(Path(path), data)


def describe_os_error(exc: OSError, path: Path | None = None) -> str:
    """Why a write failed, in plain words (no errno numbers, no English from the OS)."""
    code = exc.errno
    if getattr(exc, "winerror", None) in (32, 33):  # sharing / lock violation
        return _("the file is open in another program")
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return _("the disk is full")
    if code == errno.EROFS:
        return _("the disk is read-only")
    if code in (errno.EACCES, errno.EPERM):
        return _("you are not allowed to write there, or the file is in use")
    if code == errno.ENOENT:
        folder = path.parent if path is not None else None
        if folder is not None and not folder.is_dir():
            return _("the folder {folder} no longer exists (was a USB stick removed?)").format(folder=folder)
        return _("the file or its folder no longer exists")
    if code == errno.ENOTDIR:
        return _("part of the path is not a folder")
    if code == errno.EISDIR:
        return _("there is a folder with that name")
    if code == errno.EFBIG:
        return _("the file is too large for this disk")
    if code == errno.ENAMETOOLONG:
        return _("the name is too long")
    if code == errno.EIO:
        return _("the disk reported an error (was it removed?)")
    return exc.strerror or type(exc).__name__


def write_advice(exc: OSError, path: str | Path | None = None) -> str:
    """What the user can do when a file could not be written, in plain words.

    For the window's messages (the command line words its own, about ``-o``).
    """
    if isinstance(exc, FileNotFoundError):
        return _("The folder does not exist. Choose another folder and try again.")
    if isinstance(exc, (IsADirectoryError, NotADirectoryError)):
        return _("A folder or file of that name is in the way. Choose another name and try "
                 "again.")
    if isinstance(exc, PermissionError):
        return _("SSA Wizard may not write there, or the file is open in another program "
                 "(Excel or a PDF viewer, for example). Close it, or choose another name or "
                 "folder, and try again.")
    return _("It failed because {reason}. Choose another folder, or make room, and try "
             "again.").format(reason=describe_os_error(exc, Path(path) if path else None))
