"""Reading a sheet of partners: CSV in the dialects Excel writes, and XLSX.

The content decides, not the file name: a zip archive is read as a workbook, an
OLE2 file is refused as an encrypted or old-style workbook, anything else is read as
CSV text (UTF-8 with or without byte order mark, UTF-16 as Excel's "Unicode text",
else Windows-1252, line by line when a file mixes the two) with the delimiter found
by ``csv.Sniffer``. A file that cannot be read raises ``SheetError``: one line naming
the file and what is wrong. A row that cannot be read in an otherwise good sheet
(a quotation mark left open, bytes in no known encoding) is kept in
``Sheet.row_problems`` and skipped by the plan with its reason, and the rows after it
are read as usual: nothing is swallowed silently. Inputs are capped: a sheet file
at ``MAX_SHEET_BYTES``, a workbook's unpacked content at ``MAX_UNPACKED_BYTES``
(read from the zip directory before anything is unpacked).
Nothing here knows about partners beyond finding the header row.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..i18n import _
from ..storage import FileRefused, InputTooLarge, read_regular, refusing
from .columns import ColumnMapping
from .values import cell_text

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

#: How many rows pass between two progress reports and cancel checks.
CHUNK = 500
#: The header is looked for among this many first non-empty rows.
HEADER_SEARCH = 10
#: The largest sheet file read. 10,000 partners with every column filled take a few
#: MB as CSV or XLSX; the cap stops a wrong input (``/dev/zero``, a video) early.
MAX_SHEET_BYTES = 50_000_000
#: The most a workbook may unpack to (the sum of its members' sizes in the zip
#: directory). A 10,000-row workbook unpacks to some 10 MB; a "zip bomb" of 1 MB
#: that unpacks to 1 GB is refused before openpyxl reads a byte of it.
MAX_UNPACKED_BYTES = 200_000_000

#: The most filled rows a sheet may have (ten times the 10,000 the program is made for;
#: the messages below say the number), and the most rows counting empty ones (Excel's
#: own limit: a longer CSV did not come from Excel).
MAX_ROWS = 100_000
MAX_ALL_ROWS = 1_048_576

#: Problems of single rows found while reading (kept in ``Sheet.row_problems``).
UNCLOSED_QUOTE = "unclosed-quote"
UNREADABLE_TEXT = "unreadable-text"


class SheetError(FileRefused):
    """A sheet that cannot be read; ``str(exc)`` is the one-line message for the user."""


class ImportCancelled(Exception):
    """The user cancelled a long read or plan (raised when ``cancelled()`` returns true)."""


@dataclass
class Sheet:
    """The cells of one sheet as text, with the row that holds the headers."""

    source: str
    kind: Literal["csv", "xlsx"]
    rows: list[list[str]]
    #: Index into ``rows`` of the header row (its row number is ``header_index + 1``).
    header_index: int = 0
    encoding: str = ""
    delimiter: str = ""
    sheet_name: str = ""
    #: Row number -> ``(code, params)`` of the rows that could not be read as written
    #: (``UNCLOSED_QUOTE``, ``UNREADABLE_TEXT``); the plan skips them with the reason.
    row_problems: dict[int, list[tuple[str, dict]]] = field(default_factory=dict)
    width: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        self.width = max((len(r) for r in self.rows), default=0)

    @property
    def headers(self) -> list[str]:
        row = self.rows[self.header_index] if self.rows else []
        return [cell.strip() for cell in row] + [""] * (self.width - len(row))

    @property
    def header_row(self) -> int:
        """The header's row number as the user sees it (the first row is 1)."""
        return self.header_index + 1

    def data_rows(self) -> Iterator[tuple[int, list[str]]]:
        """``(row number, cells)`` below the header, blank rows left out, padded to ``width``."""
        for index in range(self.header_index + 1, len(self.rows)):
            row = self.rows[index]
            if any(cell.strip() for cell in row):
                yield index + 1, row + [""] * (self.width - len(row))

    @property
    def data_row_count(self) -> int:
        return sum(1 for _row in self.data_rows())

    def preview(self, count: int = 10) -> list[tuple[int, list[str]]]:
        """The first ``count`` data rows, for the mapping dialog."""
        result: list[tuple[int, list[str]]] = []
        for item in self.data_rows():
            if len(result) >= count:
                break
            result.append(item)
        return result

    def guess_mapping(self) -> ColumnMapping:
        """The columns matched to fields by their headers (the dialog lets the user correct it)."""
        return ColumnMapping.guess(self.headers)


def _find_header(rows: list[list[str]]) -> int:
    """The row among the first non-empty ones whose cells name the most fields."""
    best, best_score, seen = None, 0, 0
    for index, row in enumerate(rows):
        if not any(cell.strip() for cell in row):
            continue
        if best is None:
            best = index
        score = ColumnMapping.guess([c.strip() for c in row]).score()
        if score > best_score:
            best, best_score = index, score
        seen += 1
        if seen >= HEADER_SEARCH:
            break
    return best or 0


# --- CSV ------------------------------------------------------------------------------

def reading_problem(code: str, params: dict) -> str:
    """What a row problem found while reading says (in the current language)."""
    if code == UNCLOSED_QUOTE:
        return _("a quotation mark (\") opens a text that is not closed where the row ends "
                 "(line {line} of the file), so this row cannot be read; the rows after it were "
                 "read on their own. "
                 "Close or remove the quotation mark and import this row again").format(
            line=params.get("line"))
    if code == UNREADABLE_TEXT:
        return _("this row holds characters that are neither UTF-8 nor Windows-1252 text "
                 "(line {line} of the file); save the sheet as CSV UTF-8 and import it "
                 "again").format(line=params.get("line"))
    return code


def _decode(data: bytes, name: str) -> tuple[str, str, set[int]]:
    """The text, its encoding, and the (1-based) lines that are in no known encoding.

    A file that is not UTF-8 as a whole is decoded line by line: Excel on Windows writes
    Windows-1252, and a sheet pasted together from several sources mixes both. Each line
    that is valid UTF-8 is read as UTF-8, any other as Windows-1252, so that neither
    ``Café`` nor ``Caf\\xe9`` becomes ``CafÃ©``.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16", set()
        except UnicodeDecodeError:
            raise SheetError(name, _("the file says it is UTF-16 text but is not")) from None
    if b"\x00" in data[:65536]:
        raise SheetError(name, _(
            "this is not a spreadsheet: the file holds binary data, not text; "
            "choose a CSV or Excel (.xlsx) file"))
    try:
        return data.decode("utf-8-sig"), "utf-8-sig", set()
    except UnicodeDecodeError:
        pass
    texts: list[str] = []
    unreadable: set[int] = set()
    utf8 = cp1252 = 0
    # bytes.splitlines breaks at \r, \n and \r\n only: the lines the CSV reader sees.
    for number, raw in enumerate(data.splitlines(keepends=True), 1):
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        try:
            texts.append(raw.decode("utf-8"))
            utf8 += not raw.isascii()
        except UnicodeDecodeError:
            try:
                texts.append(raw.decode("cp1252"))
                cp1252 += 1
            except UnicodeDecodeError:
                texts.append(raw.decode("cp1252", errors="replace"))
                unreadable.add(number)
    if not utf8 and not cp1252:
        raise SheetError(name, _(
            "this is not a spreadsheet: the file is not text in a known encoding; "
            "save it from Excel as CSV or as an Excel workbook (.xlsx)"))
    encoding = "utf-8+cp1252" if utf8 and cp1252 else ("utf-8" if utf8 else "cp1252")
    return "".join(texts), encoding, unreadable


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = sum(1 for ch in sample
                   if ch not in "\t\r\n\f" and unicodedata.category(ch) == "Cc")
    return controls > max(2, len(sample) // 200)


def _delimiter(text: str) -> str:
    sample = text[:65536]
    if len(text) > len(sample):
        sample = sample[: sample.rfind("\n") + 1] or sample
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=";,\t|").delimiter
    except csv.Error:
        # One column, or a sample the sniffer cannot make out: count in the first line.
        first = next((line for line in sample.splitlines() if line.strip()), "")
        counts = {d: first.count(d) for d in ";,\t"}
        best = max(counts, key=lambda d: counts[d])
        sniffed = best if counts[best] else ","
    # The sniffer can be misled by commas inside a Dutch semicolon sheet's texts: a
    # delimiter that splits the header row into more known headers wins.
    head = "\n".join(sample.splitlines()[:HEADER_SEARCH])
    best, best_score = sniffed, _header_score(head, sniffed)
    for candidate in ";,\t":
        score = _header_score(head, candidate)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _header_score(head: str, delimiter: str) -> int:
    try:
        rows = list(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter))
    except csv.Error:
        return -1
    return max((ColumnMapping.guess([c.strip() for c in row]).score() for row in rows),
               default=0)


_SEP_HINT = re.compile(r"sep=(.)\r?\n")


def _quote_left_open(text: str, delimiter: str) -> bool:
    """Whether a quoted field of ``text`` is still open at its end (as ``csv`` reads it).

    A quote opens a field only as its first character; inside, ``""`` is a quote, and a
    lone quote closes it (whatever follows is then plain text, as ``csv`` reads it).
    """
    in_quote, at_start, i = False, True, 0
    while i < len(text):
        ch = text[i]
        if in_quote:
            if ch == '"':
                if text.startswith('"', i + 1):
                    i += 2
                    continue
                in_quote = False
        elif ch == '"' and at_start:
            in_quote = True
        else:
            at_start = ch in (delimiter, "\r", "\n")
            i += 1
            continue
        at_start = False
        i += 1
    return in_quote


def _too_many_rows(name: str) -> SheetError:
    return SheetError(name, _(
        "the sheet has more than 100,000 filled rows, far more than a sheet of partners holds; "
        "it is not read (check that this is the right file)"))


def _too_many_all_rows(name: str) -> SheetError:
    return SheetError(name, _(
        "the sheet has more than 1,048,576 rows counting the empty ones, more than Excel "
        "allows; it is not read (check that this is the right file)"))


class _Lines:
    """The lines of a text as the csv module splits them (\\r, \\n, \\r\\n), read as needed."""

    def __init__(self, text: str):
        self._source = io.StringIO(text, newline="")
        self._done = False
        self.items: list[str] = []

    def __getitem__(self, index: int) -> str:
        return self.items[index]

    def has(self, index: int) -> bool:
        while len(self.items) <= index and not self._done:
            line = self._source.readline()
            if line:
                self.items.append(line)
            else:
                self._done = True
        return index < len(self.items)

    def starting_at(self, index: int) -> Iterator[str]:
        while self.has(index):
            yield self.items[index]
            index += 1


def _swallows(lines: _Lines, first: int, end: int, delimiter: str, widest: int) -> bool:
    """Whether the record on ``lines[first:end]`` is a quote left open, not a real cell.

    A cell may hold line breaks (Alt+Enter in Excel), but lines inside it that look like
    rows of their own (as many delimiters as the widest row so far needs) mean that a
    quotation mark was left open and swallowed the rows after it. A quote still open at
    the end of the file is always one.
    """
    if end - first > 1:
        need = max(1, widest - 1)
        if any(lines[i].count(delimiter) >= need for i in range(first + 1, end)):
            return True
    return not lines.has(end) and _quote_left_open("".join(lines.items[first:end]), delimiter)


def _csv_rows(text: str, delimiter: str, name: str, unreadable: set[int], line_offset: int,
              progress: Progress | None, cancelled: Cancelled | None
              ) -> tuple[list[list[str]], dict[int, list[tuple[str, dict]]]]:
    """The rows of CSV text, and the problems of rows that could not be read as written.

    A row whose quotation mark is never closed is kept as its own line, read without
    quoting, with an ``UNCLOSED_QUOTE`` problem; reading starts again on the next line,
    so the rows it would have swallowed are read as rows. ``line_offset`` is the number
    of lines before ``text`` in the file (for line numbers in messages).
    """
    lines = _Lines(text)
    rows: list[list[str]] = []
    problems: dict[int, list[tuple[str, dict]]] = {}
    widest, start, filled = 0, 0, 0
    total = text.count("\n") + 1  # an estimate, for progress only
    while lines.has(start):
        reader = csv.reader(lines.starting_at(start), delimiter=delimiter)
        first, reopen = start, None
        try:
            for row in reader:
                end = start + reader.line_num
                if _swallows(lines, first, end, delimiter, widest):
                    reopen = first
                    break
                rows.append(row)
                if len(rows) > MAX_ALL_ROWS:
                    raise _too_many_all_rows(name)
                if any(cell.strip() for cell in row):
                    filled += 1
                    if filled > MAX_ROWS:
                        raise _too_many_rows(name)
                if unreadable:
                    bad = [n for n in range(first + 1 + line_offset, end + 1 + line_offset)
                           if n in unreadable]
                    if bad:
                        problems.setdefault(len(rows), []).append(
                            (UNREADABLE_TEXT, {"line": bad[0]}))
                widest = max(widest, len(row))
                first = end
                if len(rows) % CHUNK == 0:
                    _tick(progress, cancelled, first, total)
        except csv.Error as exc:
            # Past the field size limit, most often a quote left open in a big file.
            if lines.has(first) and _quote_left_open(lines[first], delimiter):
                reopen = first
            else:
                raise SheetError(name, _("the CSV text cannot be read near row {row} ({reason})").format(
                    row=len(rows) + 1, reason=exc)) from None
        if reopen is None:
            break
        line = lines[reopen]
        rows.append(next(csv.reader([line], delimiter=delimiter, quoting=csv.QUOTE_NONE), []))
        problems.setdefault(len(rows), []).append(
            (UNCLOSED_QUOTE, {"line": reopen + 1 + line_offset}))
        start = reopen + 1
    return rows, problems


def _refuse_json(data: bytes, name: str) -> None:
    """A partner card or a proposal given as a sheet: say what it is, not "no names"."""
    head = data.lstrip(codecs.BOM_UTF8 + b" \t\r\n")
    if not head.startswith((b"{", b"[")):
        return
    try:
        content = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return  # not JSON after all: read it as CSV text
    kind = content.get("format") if isinstance(content, dict) else None
    if kind == "ssa-partner":
        raise SheetError(name, _(
            "this is a partner card, but its name does not end in “.ssa-partner.json”; "
            "rename it so and import it again"))
    if kind == "ssa-proposal":
        raise SheetError(name, _(
            "this is a proposal file, not a sheet of partners; open it in SSA Wizard, or "
            "export its members as a sheet there"))
    raise SheetError(name, _(
        "this is a JSON file, not a spreadsheet; choose a CSV or Excel (.xlsx) file"))


def _read_csv(data: bytes, name: str, progress: Progress | None,
              cancelled: Cancelled | None) -> Sheet:
    _refuse_json(data, name)
    text, encoding, unreadable = _decode(data, name)
    if _looks_binary(text):
        raise SheetError(name, _(
            "this is not a spreadsheet: the file holds binary data, not text; "
            "choose a CSV or Excel (.xlsx) file"))
    if not text.strip():
        raise SheetError(name, _("the file is empty"))
    hint = _SEP_HINT.match(text)
    line_offset = 0
    if hint:
        # Excel's "sep=;" first line names the delimiter; Excel hides it, so row 1 is the next.
        delimiter, text, line_offset = hint.group(1), text[hint.end():], 1
    else:
        delimiter = _delimiter(text)
    rows, problems = _csv_rows(text, delimiter, name, unreadable, line_offset, progress,
                               cancelled)
    return Sheet(source=name, kind="csv", rows=rows, encoding=encoding, delimiter=delimiter,
                 row_problems=problems)


# --- XLSX -----------------------------------------------------------------------------

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


def _read_xlsx(data: bytes, name: str, sheet_name: str | None, progress: Progress | None,
               cancelled: Cancelled | None) -> Sheet:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            # The sizes in the zip directory bound what zipfile will ever unpack (it stops
            # at the stated size), so checking them first keeps a zip bomb out of openpyxl.
            unpacked = sum(member.file_size for member in members)
            if unpacked > MAX_UNPACKED_BYTES:
                raise SheetError(name, _(
                    "the workbook would unpack to {size} MB, more than the {limit} MB a sheet "
                    "of partners can need; it is not read (check that this is the right "
                    "file)").format(size=f"{unpacked / 1_000_000:.0f}",
                                    limit=f"{MAX_UNPACKED_BYTES / 1_000_000:g}"))
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise SheetError(name, _(
            "the workbook is damaged (its zip archive cannot be read); "
            "open it in Excel and save it again")) from None
    if b"opendocument" in mimetype:
        raise SheetError(name, _(
            "this is an OpenDocument spreadsheet (.ods); save it as an Excel workbook "
            "(.xlsx) or as CSV and import that"))
    if "[Content_Types].xml" not in names:
        raise SheetError(name, _(
            "this is a zip archive, not an Excel workbook (.xlsx)"))
    if not any(n.lower().startswith("xl/") for n in names):
        raise SheetError(name, _(
            "this is an Office document but not an Excel workbook (.xlsx)"))

    import openpyxl  # first use only: slow to import

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it skips
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a damaged file
        raise SheetError(name, _(
            "the workbook cannot be read ({reason}); open it in Excel and save it again").format(
            reason=type(exc).__name__)) from None
    try:
        sheets = book.worksheets
        if sheet_name is not None:
            sheets = [s for s in sheets if s.title == sheet_name]
            if not sheets:
                raise SheetError(name, _("the workbook has no sheet called “{sheet}”").format(
                    sheet=sheet_name))
        for sheet in sheets:
            rows = _xlsx_rows(sheet, name, progress, cancelled)
            if any(any(cell.strip() for cell in row) for row in rows):
                return Sheet(source=name, kind="xlsx", rows=rows, sheet_name=sheet.title)
    finally:
        book.close()
    raise SheetError(name, _(
        "the workbook has no text or numbers in its cells (only empty sheets, "
        "charts or pictures); put the partners in rows, one per row, under a header row"))


def _xlsx_rows(sheet, name: str, progress: Progress | None,
               cancelled: Cancelled | None) -> list[list[str]]:
    try:
        total = sheet.max_row or 0
    except Exception:  # noqa: BLE001 - a damaged dimension only loses the progress total
        total = 0
    rows: list[list[str]] = []
    filled = 0
    try:
        sheet.reset_dimensions()  # the stored size is sometimes wrong: read every row
        for values in sheet.iter_rows(values_only=True):
            row = [cell_text(v) for v in values]
            while row and not row[-1]:
                row.pop()
            rows.append(row)
            if len(rows) > MAX_ALL_ROWS:
                raise _too_many_all_rows(name)
            if row:
                filled += 1
                if filled > MAX_ROWS:
                    raise _too_many_rows(name)
            if len(rows) % CHUNK == 0:
                _tick(progress, cancelled, len(rows), max(total, len(rows)))
    except (ImportCancelled, SheetError):
        raise
    except Exception as exc:  # noqa: BLE001 - damaged XML inside the archive
        raise SheetError(name, _(
            "the workbook is damaged near row {row} ({reason}); open it in Excel and "
            "save it again").format(row=len(rows) + 1, reason=type(exc).__name__)) from None
    while rows and not rows[-1]:
        rows.pop()
    return rows


# --- entry points ---------------------------------------------------------------------

def _tick(progress: Progress | None, cancelled: Cancelled | None, done: int, total: int) -> None:
    if cancelled is not None and cancelled():
        raise ImportCancelled()
    if progress is not None:
        progress(done, total)


def parse_sheet(data: bytes, name: str | Path = "sheet", *, sheet_name: str | None = None,
                progress: Progress | None = None, cancelled: Cancelled | None = None) -> Sheet:
    """Read the bytes of a CSV or XLSX file; raise ``SheetError`` when they are no sheet.

    ``progress(done, total)`` is called now and then (``total`` is an estimate, and 0 when
    unknown); ``cancelled()`` is asked as often and, when true, ``ImportCancelled`` is raised.
    """
    label = Path(name).name
    if not data.strip():
        raise SheetError(name, _("the file is empty"))
    if data.startswith(_OLE2):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise SheetError(name, _(
                "the workbook is protected with a password; open it in Excel, remove the "
                "password and save it again, or save it as CSV"))
        raise SheetError(name, _(
            "this is an old Excel 97-2003 workbook (.xls) or another Office file; "
            "save it in Excel as a workbook (.xlsx) or as CSV and import that"))
    if data.startswith(b"%PDF"):
        raise SheetError(name, _("this is a PDF document, not a spreadsheet"))
    if data.startswith(_ZIP):
        sheet = _read_xlsx(data, label, sheet_name, progress, cancelled)
    else:
        sheet = _read_csv(data, label, progress, cancelled)
    if not any(any(cell.strip() for cell in row) for row in sheet.rows):
        raise SheetError(name, _("the sheet is empty"))
    sheet.header_index = _find_header(sheet.rows)
    for code, params in sheet.row_problems.get(sheet.header_row, ()):
        # Without its header row no column can be trusted: refuse rather than guess.
        raise SheetError(name, _("the header row {row} cannot be read: {problem}").format(
            row=sheet.header_row, problem=reading_problem(code, params)))
    if progress is not None:
        progress(len(sheet.rows), len(sheet.rows))
    return sheet


def read_sheet(path: str | Path, *, sheet_name: str | None = None,
               progress: Progress | None = None, cancelled: Cancelled | None = None) -> Sheet:
    """Read the CSV or XLSX file at ``path`` (see ``parse_sheet``).

    Only a regular file is read (a pipe or device is refused without blocking), and only
    up to ``MAX_SHEET_BYTES``.
    """
    path = Path(path)
    with refusing(path, SheetError):
        try:
            data, _status = read_regular(path, MAX_SHEET_BYTES)
        except InputTooLarge:
            raise SheetError(path, _(
                "the file is larger than {limit} MB, far more than a sheet of partners "
                "holds (10,000 rows take a few MB); it is not read (check that this is "
                "the right file)").format(limit=f"{MAX_SHEET_BYTES / 1_000_000:g}")) from None
    return parse_sheet(data, path, sheet_name=sheet_name, progress=progress, cancelled=cancelled)
