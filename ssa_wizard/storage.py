"""Reading proposal files: parse, refuse clearly, migrate older versions.

Unreadable input is refused with a ``FileRefused`` whose message is one line
naming the file and what is wrong; the file is never written here. A file of a
newer version opens read-only (``Loaded.read_only``), since saving it with this
version would drop what this version does not know. Older versions are migrated
in memory through a chain of one-step functions; they are written in the current
version only when the user saves.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .model import FORMAT, VERSION, Proposal

SUFFIX = ".ssa.json"


class FileRefused(Exception):
    """A file that cannot be opened; ``str(exc)`` is the one-line message for the user."""

    def __init__(self, path: str | Path, problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path.name}: {problem}")


@dataclass(frozen=True)
class Loaded:
    """A proposal read from a file."""

    proposal: Proposal
    #: The version the file was written in (lower than VERSION if migrated).
    file_version: int
    #: True for a file of a newer version: it must never be overwritten.
    read_only: bool = False

    @property
    def migrated(self) -> bool:
        return self.file_version < VERSION


#: version N -> function that turns a version-N dict into a version-(N+1) dict.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def migrate(data: dict[str, Any], to_version: int = VERSION) -> dict[str, Any]:
    """Walk ``data`` up the migration chain to ``to_version``, one step at a time."""
    version = data["version"]
    while version < to_version:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ValueError(f"no migration from version {version}")
        data = step(dict(data))
        version += 1
        data["version"] = version
    return data


def describe_validation_error(exc: ValidationError) -> str:
    """The first problem pydantic found, as ``partners[2].role: ...``, in plain words."""
    error = exc.errors()[0]
    where = ""
    for part in error["loc"]:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def parse(text: str | bytes, name: str | Path = "proposal") -> Loaded:
    """Parse the bytes or text of a proposal file; raise FileRefused when unreadable."""
    if isinstance(text, bytes):
        if not text.strip():
            raise FileRefused(name, "the file is empty")
        try:
            text = text.decode("utf-8-sig")  # a byte order mark from Windows editors is fine
        except UnicodeDecodeError as exc:
            raise FileRefused(name, f"not UTF-8 text (byte {exc.start})") from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise FileRefused(name, "the file is empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileRefused(name, f"not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise FileRefused(name, "not JSON (nested too deeply)") from None
    if not isinstance(data, dict):
        raise FileRefused(name, "not a proposal (the file holds no JSON object)")
    if "format" not in data:
        raise FileRefused(name, 'not a proposal file (no "format" field)')
    if data["format"] != FORMAT:
        raise FileRefused(name, f'not a proposal file (format is {data["format"]!r}, expected "{FORMAT}")')
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise FileRefused(name, '"version" must be a whole number of at least 1')
    read_only = version > VERSION
    if read_only:
        # Read what we understand; the caller must never write this file back.
        data = {**data, "version": VERSION}
    elif version < VERSION:
        data = migrate(data)
    try:
        proposal = Proposal.model_validate(data)
    except ValidationError as exc:
        raise FileRefused(name, describe_validation_error(exc)) from None
    except RecursionError:
        raise FileRefused(name, "the file is nested too deeply") from None
    if read_only:
        proposal = proposal.model_copy(update={"version": version})
    return Loaded(proposal=proposal, file_version=version, read_only=read_only)


def load(path: str | Path) -> Loaded:
    """Read and parse the proposal at ``path``."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FileRefused(path, "no such file") from None
    except IsADirectoryError:
        raise FileRefused(path, "this is a folder, not a file") from None
    except PermissionError:
        raise FileRefused(path, "permission denied") from None
    except OSError as exc:
        raise FileRefused(path, exc.strerror or str(exc)) from None
    return parse(raw, path)


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that it is either the old or the new content.

    A temporary file in the same folder is written, flushed and synced, then put in
    place with one ``os.replace``; on failure the temporary file is removed and the
    previous file is left as it was.
    """
    import os
    import tempfile

    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
