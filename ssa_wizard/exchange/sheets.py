"""Reading a sheet of partners: CSV in the dialects Excel writes, and XLSX.

The content decides, not the file name: a zip archive is read as a workbook, an
OLE2 file is refused as an encrypted or old-style workbook, anything else is read as
CSV text (UTF-8 with or without byte order mark, UTF-16 as Excel's "Unicode text",
else Windows-1252) with the delimiter found by ``csv.Sniffer``. Everything that
cannot be read raises ``SheetError``: one line naming the file and what is wrong.
Nothing here knows about partners beyond finding the header row.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..i18n import _
from ..storage import FileRefused, refusing
from .columns import ColumnMapping
from .values import cell_text

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

#: How many rows pass between two progress reports and cancel checks.
CHUNK = 500
#: The header is looked for among this many first non-empty rows.
HEADER_SEARCH = 10


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
        result = []
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

def _decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise SheetError(name, _("the file says it is UTF-16 text but is not")) from None
    if b"\x00" in data[:65536]:
        raise SheetError(name, _(
            "this is not a spreadsheet: the file holds binary data, not text; "
            "choose a CSV or Excel (.xlsx) file"))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise SheetError(name, _(
        "this is not a spreadsheet: the file is not text in a known encoding; "
        "save it from Excel as CSV or as an Excel workbook (.xlsx)"))


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


def _read_csv(data: bytes, name: str, progress: Progress | None,
              cancelled: Cancelled | None) -> Sheet:
    text, encoding = _decode(data, name)
    if _looks_binary(text):
        raise SheetError(name, _(
            "this is not a spreadsheet: the file holds binary data, not text; "
            "choose a CSV or Excel (.xlsx) file"))
    if not text.strip():
        raise SheetError(name, _("the file is empty"))
    hint = _SEP_HINT.match(text)
    if hint:
        # Excel's "sep=;" first line names the delimiter; Excel hides it, so row 1 is the next.
        delimiter, text = hint.group(1), text[hint.end():]
    else:
        delimiter = _delimiter(text)
    rows: list[list[str]] = []
    total = text.count("\n") + 1
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append(row)
            if len(rows) % CHUNK == 0:
                _tick(progress, cancelled, len(rows), total)
    except csv.Error as exc:
        raise SheetError(name, _("the CSV text cannot be read near row {row} ({reason})").format(
            row=len(rows) + 1, reason=exc)) from None
    return Sheet(source=name, kind="csv", rows=rows, encoding=encoding, delimiter=delimiter)


# --- XLSX -----------------------------------------------------------------------------

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


def _read_xlsx(data: bytes, name: str, sheet_name: str | None, progress: Progress | None,
               cancelled: Cancelled | None) -> Sheet:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
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
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
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
    except Exception:
        total = 0
    rows: list[list[str]] = []
    try:
        sheet.reset_dimensions()  # the stored size is sometimes wrong: read every row
        for values in sheet.iter_rows(values_only=True):
            row = [cell_text(v) for v in values]
            while row and not row[-1]:
                row.pop()
            rows.append(row)
            if len(rows) % CHUNK == 0:
                _tick(progress, cancelled, len(rows), max(total, len(rows)))
    except ImportCancelled:
        raise
    except Exception as exc:  # damaged XML inside the archive
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
    if progress is not None:
        progress(len(sheet.rows), len(sheet.rows))
    return sheet


def read_sheet(path: str | Path, *, sheet_name: str | None = None,
               progress: Progress | None = None, cancelled: Cancelled | None = None) -> Sheet:
    """Read the CSV or XLSX file at ``path`` (see ``parse_sheet``)."""
    path = Path(path)
    with refusing(path, SheetError):
        data = path.read_bytes()
    return parse_sheet(data, path, sheet_name=sheet_name, progress=progress, cancelled=cancelled)
