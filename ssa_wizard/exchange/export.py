"""Partners out to CSV and XLSX, with the headers and words the import understands.

CSV is UTF-8 with a byte order mark (so Excel on Windows reads accents right) and
commas. No cell is ever run as a formula by a spreadsheet: in CSV a ``'`` goes before
text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (and before
text that starts with ``'``, so the import gives back exactly the text); in XLSX every
value is written as an explicit string cell. Export then import gives the same members.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from ..model import Partner
from .columns import FIELDS, FLAG_FIELDS, export_header
from .values import category_word, guard_formula, role_word


def _flag_word(value: bool, lang: str) -> str:
    if lang == "nl":
        return "ja" if value else "nee"
    return "yes" if value else "no"


def export_rows(partners: Iterable[Partner], lang: str = "en") -> list[list[str]]:
    """The header row and one row per member, as text (English headers and words by default)."""
    rows = [[export_header(name, lang) for name in FIELDS]]
    for partner in partners:
        row = []
        for name in FIELDS:
            value = getattr(partner, name)
            if name in FLAG_FIELDS:
                row.append(_flag_word(bool(value), lang))
            elif name == "category":
                row.append(category_word(value, lang))
            elif name == "role":
                row.append(role_word(value, lang))
            else:
                row.append(str(value))
        rows.append(row)
    return rows


def export_csv(partners: Iterable[Partner], lang: str = "en") -> bytes:
    """The members as CSV bytes: UTF-8 with byte order mark, commas, formula-safe."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in export_rows(partners, lang):
        writer.writerow([guard_formula(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def export_xlsx(partners: Iterable[Partner], lang: str = "en") -> bytes:
    """The members as an XLSX workbook's bytes; every cell an explicit string, never a formula."""
    import openpyxl  # first use only
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Partners"
    rows = export_rows(partners, lang)
    widths = [len(h) for h in rows[0]]
    for r, row in enumerate(rows, 1):
        for c, text in enumerate(row, 1):
            # XLSX cannot hold most control characters at all; they are dropped.
            text = ILLEGAL_CHARACTERS_RE.sub("", text)
            if not text:
                continue  # an empty cell is no cell
            cell = sheet.cell(row=r, column=c, value=text)
            # openpyxl stores a text starting with "=" as a formula: make it a string.
            cell.data_type = "s"
            if r == 1:
                cell.font = Font(bold=True)
            widths[c - 1] = max(widths[c - 1], min(len(text), 60))
    for c, width in enumerate(widths, 1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(c)].width = width + 2
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_sheet(partners: Iterable[Partner], path: str | Path, lang: str = "en") -> None:
    """Write the members to ``path`` atomically: XLSX for ``.xlsx``, else CSV."""
    from ..storage import write_bytes_atomic

    path = Path(path)
    data = (export_xlsx(partners, lang) if path.suffix.lower() == ".xlsx"
            else export_csv(partners, lang))
    write_bytes_atomic(path, data)
