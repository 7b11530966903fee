"""Proposal files: read, refuse clearly, migrate, and save without ever losing a word.

Reading. Unreadable input is refused with a ``FileRefused`` whose message is one
line naming the file and what is wrong; the file is never written here. A file of
a newer version opens read-only (``Loaded.read_only``), since saving it with this
version would drop what this version does not know. Older versions are migrated in
memory through a chain of one-step functions (``MIGRATIONS``); they are written in
the current version only when the user saves.

Saving (``save``). The new text goes to a temporary file in the same folder
(``.NAME.PID-RANDOM.tmp``), is flushed and synced, and replaces the file in one
``os.replace``; the folder is then synced on POSIX. Whatever fails, the previous
file stays byte for byte as it was and the temporary file is removed (a process
that is killed cannot clean up: the next save removes temporary files of dead
processes). On Windows a replace refused because another program holds the file
(antivirus, indexer, sync client) is retried a few times. The previous content is
kept beside the file as ``NAME.bak`` (one generation; ``backup_path``). Before
overwriting, the file on disk is compared with the ``FileStamp`` taken when it was
opened or last saved; if someone changed it meanwhile, ``FileChangedOnDisk`` lets
the caller ask; the file's status is looked at once more just before the replace.
A proposal or a file of a newer version is never written, nor one holding text no
UTF-8 file can hold (a lone surrogate): ``SaveError`` names the field. A backup
that cannot be written does not stop the save; ``Saved`` says so, and an older
backup is removed rather than left to pass for the previous version. The backup
and the new file keep the file's permissions.

Text. Files are read strictly by type (``"36"`` is no number). A lone surrogate
(``"\\ud800"``), valid JSON but unwritable, is replaced by U+FFFD when a file is
read, and each place is named in ``Loaded.repairs`` for the user.

The same atomic machinery serves ``write_bytes_atomic`` (PDFs) and the recovery
copies of ``recovery``.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import fs
from .fs import (  # noqa: F401 - write_bytes_atomic is part of storage's API
    InputTooLarge,
    NotARegularFile,
    describe_os_error,
    read_regular,
    write_bytes_atomic,
)
from .i18n import _
from .model import FORMAT, VERSION, Proposal, validate_json_without_nulls

SUFFIX = ".ssa.json"
#: Appended to a file's name for the one-generation backup kept by ``save``.
BACKUP_SUFFIX = ".bak"


# --- reading -----------------------------------------------------------------------


def _one_line(text: str) -> str:
    """Messages are one line, whatever a file name or a field holds."""
    return " ".join(str(text).split())


class FileRefused(Exception):
    """A file that cannot be opened; ``str(exc)`` is the one-line message for the user."""

    def __init__(self, path: str | Path, problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(_one_line(_("{name}: {problem}").format(name=self.path.name, problem=problem)))


class FileStamp:
    """What a file was when it was opened or last saved: size, time and content hash.

    ``save`` decides whether the file changed on disk by size and content; the time
    is kept for callers that want a cheap first look. A file touched without a
    change (a sync client rewriting the same bytes) is therefore not a conflict,
    and a change within the same clock tick (FAT keeps 2-second times) still is.

    A stamp taken of bytes in memory (``of``) keeps them and hashes them only when
    the hash is asked for (``sha256``, ``to_json``, ``==``): opening a file does not
    wait for it, and ``same_content`` of two such stamps compares the bytes. Stamps
    cannot be changed.
    """

    __slots__ = ("size", "mtime_ns", "_sha256", "_content")
    size: int
    mtime_ns: int
    _sha256: str | None
    _content: bytes | None

    def __init__(self, size: int, mtime_ns: int, sha256: str | None = None, *,
                 content: bytes | None = None):
        if sha256 is None and content is None:
            raise TypeError("a FileStamp needs the content's hash or the content")
        object.__setattr__(self, "size", size)
        object.__setattr__(self, "mtime_ns", mtime_ns)
        # The content is set before the hash and read before it (``sha256``), so
        # that a hash worked out meanwhile in another thread is always found.
        object.__setattr__(self, "_content", content if sha256 is None else None)
        object.__setattr__(self, "_sha256", sha256)

    @classmethod
    def of(cls, data: bytes, status: os.stat_result) -> "FileStamp":
        return cls(len(data), status.st_mtime_ns, content=bytes(data))

    @property
    def sha256(self) -> str:
        """The SHA-256 of the content, in hex (worked out on first use)."""
        content = self._content
        digest = self._sha256
        if digest is None:
            assert content is not None  # one of the two is always there (__init__)
            digest = hashlib.sha256(content).hexdigest()
            object.__setattr__(self, "_sha256", digest)
            object.__setattr__(self, "_content", None)  # the hash says the same from now on
        return digest

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a FileStamp cannot be changed ({name})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a FileStamp cannot be changed ({name})")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FileStamp):
            return NotImplemented
        return self.mtime_ns == other.mtime_ns and self.same_content(other)

    def __hash__(self) -> int:
        return hash((self.size, self.mtime_ns, self.sha256))

    def __repr__(self) -> str:
        return f"FileStamp(size={self.size!r}, mtime_ns={self.mtime_ns!r}, sha256={self.sha256!r})"

    def __reduce__(self) -> tuple:
        return (FileStamp, (self.size, self.mtime_ns, self.sha256))

    def same_content(self, other: "FileStamp | None") -> bool:
        if other is None or other.size != self.size:
            return False
        mine, theirs = self._content, other._content  # noqa: SLF001 - a FileStamp too
        if mine is not None and theirs is not None:
            return mine == theirs
        return other.sha256 == self.sha256

    def to_json(self) -> dict[str, Any]:
        return {"size": self.size, "mtime_ns": self.mtime_ns, "sha256": self.sha256}

    @classmethod
    def from_json(cls, data: Any) -> "FileStamp | None":
        try:
            return cls(size=int(data["size"]), mtime_ns=int(data["mtime_ns"]), sha256=str(data["sha256"]))
        except (TypeError, KeyError, ValueError, OverflowError):  # OverflowError: 1e400 is infinite
            return None


#: The largest proposal file read. A 3,000-member proposal is a few megabytes; the
#: cap only stops a runaway input (``/dev/zero``, a wrong file) before it fills memory.
MAX_PROPOSAL_BYTES = 64_000_000


def _read_with_stamp(path: Path) -> tuple[bytes, FileStamp]:
    data, status = read_regular(path, MAX_PROPOSAL_BYTES)
    return data, FileStamp.of(data, status)


def file_stamp(path: str | Path) -> FileStamp | None:
    """The stamp of the file at ``path`` now, or ``None`` if it cannot be read."""
    try:
        return _read_with_stamp(Path(path))[1]
    except OSError:
        return None


# --- text no file can hold, and JSON read in plain words ---------------------------

#: A lone UTF-16 surrogate: valid in a JSON escape (``"\ud800"``), but no UTF-8 file
#: can hold it, so a proposal holding one could never be saved again.
_SURROGATE = re.compile("[\ud800-\udfff]")
#: The only way such a character gets into a UTF-8 file: a ``\uD800``-``\uDFFF`` escape.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
#: The character put in place of each lone surrogate.
REPLACEMENT = "\ufffd"


def describe_place(where: tuple[str | int, ...]) -> str:
    """A place in a proposal (or card) in plain words: ``member 3, name``, ``project, title``."""
    parts: list[str] = []
    items = list(where)
    while items:
        part = items.pop(0)
        index = items[0] if items else None
        if part == "partners" and isinstance(index, int):
            items.pop(0)
            parts.append(_("member {n}").format(n=index + 1))
        elif part == "activities" and isinstance(index, int):
            items.pop(0)
            parts.append(_("activity {n}").format(n=index + 1))
        elif part == "project" and len(parts) == 0:
            parts.append(_("project"))
        elif part == "plans" and len(parts) == 0:
            parts.append(_("plans"))
        elif part == "partner" and len(parts) == 0:
            parts.append(_("organisation"))
        elif isinstance(part, int):
            parts.append(_("item {n}").format(n=part + 1))
        else:
            parts.append(_one_line(part)[:60])
    return ", ".join(parts) if parts else _("the whole file")


@dataclass(frozen=True)
class Repair:
    """A text that held characters no file can hold (lone surrogates), now ``REPLACEMENT``.

    ``where`` is the place in the JSON, as keys and list positions:
    ``("partners", 2, "name")``; a repaired field *name* is named by its new spelling.
    """

    where: tuple[str | int, ...]

    def place(self) -> str:
        """``member 3, name``, in the current language."""
        return describe_place(self.where)

    def message(self, path: str | Path) -> str:
        """One line for the user: which file, which field, what was done."""
        return _one_line(_(
            "{name}: {place}: an invalid character (part of a broken emoji or symbol) was "
            "replaced by “{replacement}”").format(
            name=Path(path).name, place=self.place(), replacement=REPLACEMENT))


def _repair_value(value: Any, where: tuple[str | int, ...], repairs: list[Repair]) -> Any:
    if isinstance(value, str):
        if _SURROGATE.search(value):
            repairs.append(Repair(where))
            return _SURROGATE.sub(REPLACEMENT, value)
        return value
    if isinstance(value, list):
        return [_repair_value(item, (*where, index), repairs) for index, item in enumerate(value)]
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if _SURROGATE.search(key):
                key = _SURROGATE.sub(REPLACEMENT, key)
                repairs.append(Repair((*where, key)))
            result[key] = _repair_value(item, (*where, key), repairs)
        return result
    return value


def repair_text(value: Any, where: tuple[str | int, ...] = ()) -> tuple[Any, tuple[Repair, ...]]:
    """``value`` (JSON data) with every lone surrogate replaced, and where that was done."""
    repairs: list[Repair] = []
    value = _repair_value(value, where, repairs)
    return value, tuple(repairs)


def unwritable_places(value: Any) -> list[str]:
    """The places (in plain words) of ``value`` that hold text no file can hold."""
    return [repair.place() for repair in repair_text(value)[1]]


class JsonProblem(ValueError):
    """Bytes that are no JSON text; ``problem`` says why in plain (translated) words."""

    def __init__(self, problem: str, *, empty: bool = False):
        super().__init__(problem)
        self.problem = problem
        #: The input is empty or blank (no content at all, rather than wrong content).
        self.empty = empty


#: Python's JSON messages (English, technical), in our own words.
_JSON_REASONS: dict[str, Callable[[], str]] = {
    "Expecting value": lambda: _("a value was expected"),
    "Expecting property name enclosed in double quotes": lambda: _(
        "a field name in double quotes was expected"),
    "Expecting ':' delimiter": lambda: _("a colon was expected"),
    "Expecting ',' delimiter": lambda: _("a comma was expected"),
    "Unterminated string starting at": lambda: _("a text is not closed (a quote mark is missing)"),
    "Invalid control character": lambda: _(
        "a text holds a raw control character, such as a tab or a line break"),
    "Invalid \\escape": lambda: _("a backslash starts an unknown escape"),
    "Invalid \\uXXXX escape": lambda: _("a \\u escape is not followed by four hexadecimal digits"),
    "Extra data": lambda: _("there is more after the end of the data"),
}


def _json_reason(message: str) -> str:
    """``exc.msg`` of a JSONDecodeError in plain words (its trailing "at" dropped)."""
    for known, words in _JSON_REASONS.items():
        if message.startswith(known):
            return words()
    return message.removesuffix(" at").strip()


def _utf16(data: bytes) -> bool:
    """UTF-16 (Notepad's "Unicode"), with a byte order mark or by its zero bytes."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    # JSON in UTF-8 never holds a zero byte; ASCII in UTF-16 holds one in every pair.
    head = data[:64]
    return len(head) >= 4 and max(head[0::2].count(0), head[1::2].count(0)) > len(head) // 4


def read_json(data: bytes | str) -> tuple[Any, tuple[Repair, ...]]:
    """The JSON value in ``data``, with lone surrogates repaired, and where they were.

    Raises ``JsonProblem`` for empty input, text that is not UTF-8 (UTF-16 named as
    such), malformed JSON, nesting too deep and integers too long for Python.
    A byte order mark is fine.
    """
    if isinstance(data, bytes):
        if not data.strip():
            raise JsonProblem(_("the file is empty"), empty=True)
        if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
            raise JsonProblem(_("not UTF-8 text: it is saved as UTF-32; save it again as UTF-8"))
        if _utf16(data):  # UTF-16 of plain ASCII would even decode, with a zero byte each
            raise JsonProblem(_("not UTF-8 text: it is saved as UTF-16 (“Unicode”); save it "
                                "again as UTF-8"))
        try:
            text = data.decode("utf-8-sig")  # a byte order mark from Windows editors is fine
        except UnicodeDecodeError as exc:
            raise JsonProblem(_("not UTF-8 text (byte {offset})").format(offset=exc.start)) from None
    else:
        text = data
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise JsonProblem(_("the file is empty"), empty=True)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonProblem(_("not JSON ({reason}, at line {line}, column {column})").format(
            reason=_json_reason(exc.msg), line=exc.lineno, column=exc.colno)) from None
    except RecursionError:
        raise JsonProblem(_("not JSON (nested too deeply)")) from None
    except ValueError:  # an integer longer than Python converts (int_max_str_digits)
        raise JsonProblem(_("a number in the file is longer than {digits} digits; no field "
                            "holds such a number").format(digits=_max_digits())) from None
    if isinstance(data, bytes) and not _may_need_repair(data):
        return value, ()  # the common case: nothing to repair, no need to walk the data
    return repair_text(value)


def _max_digits() -> int:
    getter = getattr(sys, "get_int_max_str_digits", None)
    return getter() if getter is not None else 4300


@dataclass(frozen=True)
class Loaded:
    """A proposal read from a file."""

    proposal: Proposal
    #: The version the file was written in (lower than VERSION if migrated).
    file_version: int
    #: True for a file of a newer version: it must never be overwritten.
    read_only: bool = False
    #: The file as it was read (``None`` when parsed from memory): pass it to ``save``.
    stamp: FileStamp | None = None
    #: Texts that held characters no file can hold, now repaired: tell the user each
    #: (``Repair.message(path)`` is one line, ``Repair.place()`` the place alone).
    repairs: tuple[Repair, ...] = ()

    @property
    def migrated(self) -> bool:
        return self.file_version < VERSION


#: version N -> function that turns a version-N dict into a version-(N+1) dict.
#: Every step has its own test (tests/core/test_storage_migration.py).
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class MigrationError(ValueError):
    """The chain cannot bring a file up to the current version."""


def migrate(data: dict[str, Any], to_version: int | None = None) -> dict[str, Any]:
    """Walk ``data`` up the migration chain to ``to_version``, one step at a time."""
    to_version = VERSION if to_version is None else to_version
    version = data["version"]
    while version < to_version:
        step = MIGRATIONS.get(version)
        if step is None:
            raise MigrationError(f"no migration from version {version}")
        data = step(dict(data))
        version += 1
        data["version"] = version
    return data


_PROBLEMS: dict[str, Callable[[], str]] = {
    "missing": lambda: _("is missing"),
    "string_type": lambda: _("must be text"),
    "int_type": lambda: _("must be a whole number"),
    "int_parsing": lambda: _("must be a whole number"),
    "int_from_float": lambda: _("must be a whole number"),
    "bool_type": lambda: _("must be true or false"),
    "bool_parsing": lambda: _("must be true or false"),
    "list_type": lambda: _("must be a list"),
    "model_type": lambda: _("must be an object with fields"),
    "dict_type": lambda: _("must be an object with fields"),
    "model_attributes_type": lambda: _("must be an object with fields"),
    "string_too_short": lambda: _("must not be empty"),
}


#: Errors about the kind of value, where saying what the file holds helps.
_TYPE_ERRORS = frozenset({"string_type", "int_type", "int_parsing", "int_from_float", "bool_type",
                          "bool_parsing", "list_type", "model_type", "dict_type",
                          "model_attributes_type"})


def _found(value: Any) -> str:
    """What a file holds where another kind of value belongs, in a few words."""
    if isinstance(value, dict):
        return _("an object with fields")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, str):
        shown = _one_line(value)
        return "“" + (shown if len(shown) <= 30 else shown[:29] + "…") + "”"
    shown = json.dumps(value)
    return shown if len(shown) <= 30 else shown[:29] + "…"


def _problem(error: dict[str, Any]) -> str:
    """One pydantic error in our own (translated) words."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind in _TYPE_ERRORS and "input" in error:
        return _("{problem}, not {found}").format(problem=_PROBLEMS[kind](), found=_found(error["input"]))
    if kind in _PROBLEMS:
        return _PROBLEMS[kind]()
    if kind == "literal_error":
        choices = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        return _("must be one of: {choices}").format(choices=choices)
    if kind == "greater_than_equal":
        return _("must be at least {limit}").format(limit=ctx.get("ge"))
    if kind == "less_than_equal":
        return _("must be at most {limit}").format(limit=ctx.get("le"))
    if kind == "value_error":
        text = str(ctx.get("error", ""))
        if text.startswith("not a date"):
            return _("not a date of the form YYYY-MM-DD")
        twice = re.fullmatch(r"the id (.*) is used twice", text)
        if twice:
            return _("the id {id} is used twice").format(id=twice.group(1))
        return text
    return error["msg"]


def describe_validation_error(exc: ValidationError) -> str:
    """The first problem pydantic found, as ``partners[2].role: ...``, in plain words."""
    error = exc.errors()[0]
    where = ""
    for part in error["loc"]:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    problem = _problem(dict(error))
    return _("{where}: {problem}").format(where=where, problem=problem) if where else problem


def parse(text: str | bytes, name: str | Path = "proposal") -> Loaded:
    """Parse the bytes or text of a proposal file; raise FileRefused when unreadable.

    Types are read strictly, as the format fixes them (``"36"`` is no number, ``true``
    no duration); the format's own tolerances stay: a null reads as empty, ``EL`` and
    ``UK`` as ``GR`` and ``GB``, unknown fields are kept. Lone surrogates, which no
    file can hold, are replaced and named in ``Loaded.repairs``.
    """
    loaded = None if _may_need_repair(text) else _parse_current(text)
    loaded = loaded or _parse_carefully(text, name)
    _require_known_rulebook(loaded.proposal, name)
    return loaded


def _may_need_repair(text: str | bytes) -> bool:
    if isinstance(text, bytes):
        # Most files hold no backslash at all: one memchr rules out every escape.
        return b"\\" in text and _SURROGATE_ESCAPE.search(text) is not None
    return _SURROGATE.search(text) is not None or _SURROGATE_ESCAPE.search(
        text.encode("utf-8", "surrogatepass")) is not None


def _require_known_rulebook(proposal: Proposal, name: str | Path) -> None:
    """A file made for a call this version has no rules for cannot be checked: refuse it."""
    from .rulebook import RulebookError, available
    from .rulebook import load as load_rulebook

    try:
        load_rulebook(proposal.rulebook)
    except RulebookError:
        raise FileRefused(name, _(
            "made for the rulebook “{rulebook}”, which this version of SSA Wizard does not "
            "know (it knows {known}); update the program to open it").format(
            rulebook=proposal.rulebook, known=", ".join(available()))) from None


def _parse_carefully(text: str | bytes, name: str | Path) -> Loaded:
    """Every check in turn, each refusal with its own message; migrates older versions."""
    try:
        data, repairs = read_json(text)
    except JsonProblem as exc:
        raise FileRefused(name, exc.problem) from None
    if not isinstance(data, dict):
        raise FileRefused(name, _("not a proposal (the file holds no JSON object)"))
    if "format" not in data:
        raise FileRefused(name, _('not a proposal file (no "format" field)'))
    if data["format"] != FORMAT:
        raise FileRefused(name, _('not a proposal file (format is {found}, expected "{expected}")').format(
            found=json.dumps(data["format"], ensure_ascii=False)[:60], expected=FORMAT))
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise FileRefused(name, _('"version" must be a whole number of at least 1'))
    read_only = version > VERSION
    if read_only:
        # Read what we understand; the caller must never write this file back.
        data = {**data, "version": VERSION}
    elif version < VERSION:
        try:
            data = migrate(data)
        except MigrationError:
            raise FileRefused(name, _("this program cannot convert files of version {version}").format(
                version=version)) from None
        except Exception as exc:  # noqa: BLE001 - a step meeting malformed old data: refuse, never crash
            raise FileRefused(name, _("could not convert the file from version {version} ({reason})").format(
                version=version, reason=type(exc).__name__)) from None
    try:
        proposal = Proposal.model_validate(data, strict=True)
    except ValidationError as exc:
        raise FileRefused(name, describe_validation_error(exc)) from None
    except RecursionError:
        raise FileRefused(name, _("the file is nested too deeply")) from None
    if read_only:
        proposal = proposal.model_copy(update={"version": version})
    return Loaded(proposal=proposal, file_version=version, read_only=read_only, repairs=repairs)


def _parse_current(text: str | bytes) -> Loaded | None:
    """The common case in one step: a well-formed file of the current version.

    pydantic reads the JSON itself (faster than ``json.loads`` and then validating),
    first without looking for nulls (``validate_json_without_nulls``: this program
    writes none where a field takes none), then, if that fails, as the model says.
    Anything else, a byte order mark, another version, any error, returns ``None``
    and takes the careful path of ``parse``, which says precisely what is wrong.
    """
    try:
        proposal = validate_json_without_nulls(text)
    except (ValidationError, ValueError, RecursionError):
        try:
            proposal = Proposal.model_validate_json(text, strict=True)
        except (ValidationError, ValueError, RecursionError):
            return None
    if proposal.version != VERSION:
        return None
    return Loaded(proposal=proposal, file_version=VERSION)


@contextlib.contextmanager
def refusing(path: Path, refusal: type[FileRefused] = FileRefused) -> Iterator[None]:
    """Turn an error reading ``path`` into ``refusal`` with a plain one-line reason."""
    try:
        yield
    except FileNotFoundError:
        raise refusal(path, _("no such file")) from None
    except NotARegularFile:
        raise refusal(path, _("this is not a regular file (a device, pipe or socket)")) from None
    except InputTooLarge as exc:
        raise refusal(path, _("the file is larger than {limit} MB, too large to be what it "
                              "should be").format(limit=f"{exc.limit / 1_000_000:g}")) from None
    except IsADirectoryError:
        raise refusal(path, _("this is a folder, not a file")) from None
    except PermissionError:
        if path.is_dir():  # Windows says "permission denied" for a folder
            raise refusal(path, _("this is a folder, not a file")) from None
        raise refusal(path, _("permission denied")) from None
    except OSError as exc:
        raise refusal(path, exc.strerror or str(exc)) from None


def load(path: str | Path) -> Loaded:
    """Read and parse the proposal at ``path``; ``Loaded.stamp`` is the file as read."""
    path = Path(path)
    with refusing(path):
        raw, stamp = _read_with_stamp(path)
    loaded = parse(raw, path)
    return Loaded(proposal=loaded.proposal, file_version=loaded.file_version,
                  read_only=loaded.read_only, stamp=stamp, repairs=loaded.repairs)


#: Characters no file name may hold on some system (Windows is the strictest).
_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def safe_stem(*candidates: str, fallback: str) -> str:
    """The first non-empty candidate as a file name stem that every system accepts.

    Characters Windows refuses become spaces, runs of spaces fold, leading and trailing
    dots and spaces go (Windows drops them), and the stem is at most 60 characters;
    ``fallback`` when nothing is left.
    """
    for text in candidates:
        stem = " ".join(_UNSAFE_IN_NAMES.sub(" ", text).split()).strip(" .")[:60].strip(" .")
        if stem:
            return stem
    return fallback


def file_stem(proposal: Proposal) -> str:
    """The stem of a default file name for ``proposal``: its acronym, else its title."""
    return safe_stem(proposal.project.acronym, proposal.project.title, fallback=_("proposal"))


def backup_path(path: str | Path) -> Path:
    """Where ``save`` keeps the previous version of ``path``: ``NAME.bak`` beside it."""
    path = Path(path)
    return path.with_name(path.name + BACKUP_SUFFIX)


def existing_backup(path: str | Path) -> Path | None:
    """The backup of ``path`` if there is one (to offer when ``path`` is unreadable)."""
    backup = backup_path(path)
    return backup if backup.is_file() else None


# --- saving ------------------------------------------------------------------------


class SaveError(Exception):
    """A save that did not happen; ``str(exc)`` is one line for the user.

    The file on disk is untouched. ``reason`` is the plain cause alone (``the disk
    is full``), without advice: a front end words its own (the window offers Save
    As, the command line names another path). ``str(exc)`` names the file and the
    cause, and gives no advice either.
    """

    def __init__(self, path: str | Path, reason: str, message: str | None = None):
        self.path = Path(path)
        self.reason = reason
        if message is None:
            message = _("Could not save {name}: {reason}.").format(name=self.path.name, reason=reason)
        super().__init__(_one_line(message))


class NewerVersionRefused(SaveError):
    """The proposal, or the file it would replace, is of a newer version: never written."""

    def __init__(self, path: str | Path, version: int):
        self.version = version
        super().__init__(path, _("it was written by a newer version of SSA Wizard"), _(
            "{name} was written by a newer version of SSA Wizard (file version {found}, this program "
            "writes version {ours}); saving it here would lose what this version does not "
            "know.").format(name=Path(path).name, found=version, ours=VERSION))


class UnwritableText(SaveError):
    """A text in the proposal holds what no file can hold (a lone surrogate).

    Saving elsewhere does not help: the text must be typed again. ``reason`` names
    the places (``member 3, name``).
    """


class FileChangedOnDisk(SaveError):
    """The file is no longer the one that was opened or last saved.

    ``expected`` is the stamp the caller passed, ``current`` the file now (``None``
    if it was deleted or moved away). Ask: overwrite (``save(..., force=True)``),
    save as a copy, or cancel.
    """

    def __init__(self, path: str | Path, expected: FileStamp, current: FileStamp | None):
        self.expected = expected
        self.current = current
        name = Path(path).name
        if current is None:
            reason = _("it was deleted or moved since you opened it")
            message = _("{name} was deleted or moved since you opened it.").format(name=name)
        else:
            reason = _("it was changed by another program or person since you opened it")
            message = _("{name} was changed by another program or person since you opened it.").format(name=name)
        super().__init__(path, reason, message)


def _newer_version_in(data: bytes) -> int | None:
    """The version of a proposal file newer than ours, else ``None``."""
    try:
        content = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return None
    if isinstance(content, dict) and content.get("format") == FORMAT:
        version = content.get("version")
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            return version
    return None


def _strip_unknown(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return {name: _strip_unknown(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, list):
        return [_strip_unknown(item) for item in value]
    return value


def current_version_copy(proposal: Proposal) -> Proposal:
    """A copy of a newer-version proposal that this version may write (Save As).

    Fields this version does not know are dropped: written under this version's
    number they would mean something else to the newer program. Warn the user first.
    """
    data = _strip_unknown(proposal)
    data["version"] = VERSION
    return Proposal.model_validate(data)


def unwritable_reason(places: list[str]) -> str:
    """Why text holding lone surrogates cannot be written, naming where (the plain cause)."""
    return _("{places}: an invalid character (part of a broken emoji or symbol) cannot be "
             "saved; type that text again").format(places="; ".join(places) or _("the proposal"))


def proposal_bytes(proposal: Proposal) -> bytes:
    """The file's bytes of ``proposal``.

    Raises ``UnicodeEncodeError`` (with ``reason`` from ``unwritable_reason``) if a
    text holds what no UTF-8 file can (a lone surrogate, pasted or typed): such a
    proposal is never written, since it could not be read back as it was.
    """
    try:
        return proposal.to_json().encode("utf-8")
    except (UnicodeError, ValueError):  # pydantic wraps the UnicodeEncodeError in a ValueError
        places = unwritable_places(proposal.model_dump())
        raise UnicodeEncodeError("utf-8", "", 0, 1, unwritable_reason(places)) from None


@dataclass(frozen=True)
class Saved:
    """What ``save`` did: the new file's stamp, and what became of the backup."""

    #: The file as written: pass it as ``expected`` to the next ``save``.
    stamp: FileStamp
    #: ``backup_path(path)`` now holds the version this save replaced.
    backed_up: bool = False
    #: Why the backup of the replaced version could not be written (the plain cause),
    #: or ``None``. The save itself succeeded.
    backup_problem: str | None = None
    #: One line for the user when ``backup_problem`` is set (what was saved, what
    #: the backup holds now); ``None`` when all is well.
    backup_note: str | None = None


def _backup_failed(path: Path, backup: Path, reason: str) -> str:
    """After a failed backup: remove the older one (it would pass for the previous version).

    Returns the note for the user. Only a regular file is removed: a folder or
    anything else of that name is the user's, and left alone.
    """
    name = path.name
    try:
        status = os.lstat(backup)
    except FileNotFoundError:
        return _("{name} was saved, but no backup of the previous version could be kept: "
                 "{reason}.").format(name=name, reason=reason)
    except OSError:
        status = None
    if status is not None and stat.S_ISREG(status.st_mode):
        try:
            os.unlink(backup)
        except OSError:
            pass
        else:
            return _("{name} was saved, but no backup of the previous version could be kept: "
                     "{reason}. The older backup {backup} was removed, so there is no backup "
                     "now.").format(name=name, reason=reason, backup=backup.name)
    if status is not None and stat.S_ISDIR(status.st_mode):
        return _("{name} was saved, but no backup of the previous version could be kept: "
                 "there is a folder called {backup}.").format(name=name, backup=backup.name)
    return _("{name} was saved, but no backup of the previous version could be kept: {reason}. "
             "{backup} holds an older version, not the previous one.").format(
        name=name, reason=reason, backup=backup.name)


def _unchanged_since(path: Path, status: os.stat_result | None) -> bool:
    """Whether ``path`` is still the file ``status`` was taken of (``None``: no file)."""
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return status is None
    except OSError:
        return False
    if status is None:
        return False
    return ((now.st_ino, now.st_dev, now.st_size, now.st_mtime_ns, now.st_ctime_ns)
            == (status.st_ino, status.st_dev, status.st_size, status.st_mtime_ns, status.st_ctime_ns))


#: How often ``save`` starts over when the file changes while it writes the backup.
SAVE_ATTEMPTS = 3


def save(proposal: Proposal, path: str | Path, *, expected: FileStamp | None = None,
         force: bool = False) -> Saved:
    """Write ``proposal`` to ``path`` atomically; return what was done (``Saved``).

    ``expected`` is the stamp of the file as opened or last saved (``None`` for a
    new file or Save As): if the file on disk differs from it, ``FileChangedOnDisk``
    is raised, unless ``force``. A proposal or an existing file of a newer version
    raises ``NewerVersionRefused`` (even with ``force``). Any other failure raises
    ``SaveError``, text that no file can hold included. In every failure the file
    on disk is left as it was.

    The previous content is kept in ``backup_path(path)``, with the file's
    permissions. If that fails, the save still happens and ``Saved.backup_problem``
    and ``Saved.backup_note`` say why; an older backup is removed rather than left
    to pass for the previous version.

    The file is compared with ``expected`` before the backup is written and, by its
    status, once more just before the new file replaces it; a change in between
    starts over. Between that last look and the replace a change can still slip
    in: no common file system offers a compare-and-replace.
    """
    path = Path(path)
    if proposal.version > VERSION:
        raise NewerVersionRefused(path, proposal.version)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path  # write through links
    try:
        data = proposal_bytes(proposal)
    except UnicodeEncodeError as exc:
        raise UnwritableText(path, exc.reason) from None
    backup = backup_path(target)
    tmp: Path | None = None
    try:
        for _attempt in range(SAVE_ATTEMPTS):
            old, status = _read_current(path, target)
            if old is not None:
                newer = _newer_version_in(old)
                if newer is not None:
                    raise NewerVersionRefused(path, newer)
            current = FileStamp.of(old, status) if old is not None and status is not None else None
            if expected is not None and not force and not expected.same_content(current):
                raise FileChangedOnDisk(path, expected, current)
            backed_up, backup_problem, backup_note = False, None, None
            if old is not None and old != data:
                try:
                    fs.atomic_write(backup, old, "backup",
                                  mode=stat.S_IMODE(status.st_mode) if status is not None else None)
                    backed_up = True
                except OSError as exc:
                    backup_problem = describe_os_error(exc, backup)
                    backup_note = _one_line(_backup_failed(path, backup, backup_problem))
            if tmp is None:
                try:
                    tmp, written = fs.write_temp(target, data, "file")
                except OSError as exc:
                    raise SaveError(path, describe_os_error(exc, target)) from None
            if _unchanged_since(target, status):
                break
        else:
            raise SaveError(path, _("another program keeps changing the file"))
        try:
            fs.commit(tmp, target, "file")
        except OSError as exc:
            raise SaveError(path, describe_os_error(exc, target)) from None
        tmp = None
    finally:
        if tmp is not None:
            fs.discard_temp(tmp)
    fs.remove_orphan_temps(target)
    fs.remove_orphan_temps(backup)
    return Saved(stamp=FileStamp.of(data, written), backed_up=backed_up,
                 backup_problem=backup_problem, backup_note=backup_note)


def _read_current(path: Path, target: Path) -> tuple[bytes | None, os.stat_result | None]:
    """The file to be replaced, as it is now (``None, None`` if there is none yet)."""
    try:
        return read_regular(target, MAX_PROPOSAL_BYTES)
    except FileNotFoundError:
        if not target.parent.is_dir():
            raise SaveError(path, describe_os_error(
                OSError(errno.ENOENT, "No such file or directory"), target)) from None
        return None, None
    except IsADirectoryError as exc:
        raise SaveError(path, describe_os_error(exc, target)) from None
    except NotARegularFile:
        raise SaveError(path, _("there is a device, pipe or socket with that name")) from None
    except InputTooLarge:
        raise SaveError(path, _("the file there is far too large to be a proposal")) from None
    except OSError as exc:
        if os.name == "nt" and isinstance(exc, PermissionError) and target.is_dir():
            exc = IsADirectoryError(errno.EISDIR, "Is a directory")
        raise SaveError(path, describe_os_error(exc, target)) from None
