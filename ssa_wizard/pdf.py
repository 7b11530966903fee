"""The printed summary: Proposal + Report -> the bytes of an A4 PDF a director can sign.

``render`` is a pure function: it reads nothing but the proposal, the report and
the program's own resources (fonts, rulebook, catalogues), and returns the PDF.
The same function serves ``ssa-wizard pdf`` and the wizard's Export PDF (which
calls it on a worker thread). ReportLab is imported here only, and this module is
imported only when a PDF is asked for, so starting the program stays fast.

Every text the user typed is data: it is escaped (``xml.sax.saxutils.escape``)
before a ``Paragraph`` sees it, since ReportLab's paragraph markup would otherwise
act on ``<b>``, ``&amp;`` or ``<img src=...>`` (which reads a local file). Texts
the program writes go through gettext in the document's language. An embedded
DejaVu Sans prints every European script, Arabic and Hebrew (Helvetica would print
Ł or ș as boxes); Arabic is joined (arabic-reshaper) and right-to-left text put in
visual order line by line (python-bidi, ``_VisualParagraph``). Characters no bundled
font has print as a visible ``REPLACEMENT`` and ``unprintable()`` lists where they are.

Any text of any length prints: user text reaches ReportLab in pieces of bounded
size (``CHUNK``), unbroken runs are capped (``MAX_RUN``) with a note in the print,
and a table row too tall for a page is cut into several rows (``_cut_row``), so the
time taken grows with the length of the text, not with its square. ``render`` can be
cancelled and reports its progress.

Layout: one stylesheet (``_Styles``), one function per section. Header, footer,
"Page x of y" and the DRAFT mark are drawn on every page after the layout is done,
when the number of pages is known (``_canvas_class``).
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from gettext import NullTranslations
from pathlib import PurePath
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Frame, KeepTogether,
                                PageBreak, PageTemplate, Spacer, Table, TableStyle)
from reportlab.platypus import Paragraph as _ReportLabParagraph

from . import __version__, countries, i18n, labels, messages
from .model import TRIO, Activity, Partner, Proposal
from .resources import resource_path
from .rulebook import Rulebook, RulebookError
from .rulebook import load as load_rulebook
from .rules import CountryStatus, Finding, Report, tidy_pic

# --- fonts ----------------------------------------------------------------------

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
_fonts_lock = threading.Lock()
_fonts_registered = False


def register_fonts() -> None:
    """Register the four DejaVu Sans faces with ReportLab, once per process."""
    global _fonts_registered
    with _fonts_lock:  # the wizard renders on a worker thread
        if _fonts_registered:
            return
        for face, file_name in _FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(face, str(resource_path("fonts", file_name))))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                                      boldItalic=FONT_BOLD_ITALIC)
        _fonts_registered = True


# --- page and colours ----------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 22 * mm
WIDTH = PAGE_WIDTH - 2 * MARGIN_X
#: The height of the content frame on a page with the DRAFT line (the smaller one).
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - 4 * mm - MARGIN_BOTTOM

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#5f6b7a")
RULE = colors.HexColor("#c5ccd6")
HEAD_BG = colors.HexColor("#e8edf3")
ZEBRA = colors.HexColor("#f6f8fa")
GOOD = colors.HexColor("#1e7b34")
GOOD_BG = colors.HexColor("#e3f4e6")
BAD = colors.HexColor("#b42318")
BAD_BG = colors.HexColor("#fde8e6")
WARN = colors.HexColor("#9a6700")
INFO = colors.HexColor("#1f5fa8")
EXEMPT_BG = colors.HexColor("#eceff3")
BAR = colors.HexColor("#2f6db5")
BAR_CORE = colors.HexColor("#1e7b34")

#: Members per activity named in the activities table before "and N more": every one
#: of a real alliance (a summary to sign hides none), a few lines for a huge one.
_MAX_NAMED_PARTNERS = 24
#: Activities per timeline drawing (a drawing cannot split across pages).
_TIMELINE_ROWS = 28


# --- text -------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

#: The longest run of characters without a space that is printed: longer runs (a
#: pasted blob, never a word or a link) are cut with "…" and a note saying how much
#: was left out. ReportLab splits a long word character by character, again for every
#: page the word runs onto, so an unbroken megabyte would take it many minutes.
MAX_RUN = 1000
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN + 1))
#: User text reaches ReportLab in paragraphs of at most about this many characters
#: (cut at a line break where one is near, else at a space). Splitting a paragraph
#: across pages or table rows lays out all of its remaining text again, so one huge
#: paragraph costs time quadratic in its length; pieces of bounded size keep it linear.
CHUNK = 8000
#: ... and of at most this many lines (a line break costs ReportLab more than a word).
CHUNK_LINES = 40
#: The longest text drawn on one line of the canvas (headers, the timeline's labels),
#: cut before measuring; what is drawn is then fitted to its width.
_MAX_LINE = 400
#: What prints instead of a character no bundled font has (never a silent empty box).
REPLACEMENT = "\ufffd"
#: Right-to-left letters (Hebrew, Arabic and their presentation forms) that DejaVu
#: Sans has: such text is shaped and put in visual order before ReportLab sees it.
_RTL = re.compile("[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff"
                  "\ufb1d-\ufb4f\ufb50-\ufdff\ufe70-\ufeff]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")

_coverage_lock = threading.Lock()
_coverage: frozenset[int] | None = None


def _covered() -> frozenset[int]:
    """The code points every face the document prints user text in has a glyph for."""
    global _coverage
    with _coverage_lock:
        if _coverage is None:
            register_fonts()
            faces = [set(pdfmetrics.getFont(face).face.charToGlyph) for face in (FONT, FONT_BOLD)]
            _coverage = frozenset(set.intersection(*faces))
        return _coverage


def missing_characters(value: str) -> str:
    """The characters of ``value`` that no bundled font can print, each once, in order.

    Invisible format characters (joiners, direction marks) are not counted: they
    are left out of the print, which loses nothing a reader could see.
    """
    if value.isascii():
        return ""
    covered = _covered()
    seen: dict[str, None] = {}
    for char in value:
        if ord(char) not in covered and not char.isspace() and char not in seen \
                and unicodedata.category(char) != "Cf":
            seen[char] = None
    return "".join(seen)


def _printable(value: str) -> str:
    """``value`` with every character no bundled font has replaced by a visible mark."""
    if value.isascii():
        return value
    covered = _covered()
    if all(ord(char) in covered for char in value):
        return value
    out = []
    for char in value:
        if ord(char) in covered or char in "\n ":
            out.append(char)
        elif unicodedata.category(char) == "Cf":
            continue  # an invisible format character: nothing to see, nothing lost
        elif char.isspace():
            out.append(" ")
        else:
            out.append(REPLACEMENT)
    return "".join(out)


def _cap_runs(value: str, note: Callable[[int], str] | None = None) -> str:
    """``value`` with every run of more than ``MAX_RUN`` non-space characters cut.

    The cut run ends in "…", followed by ``note(number left out)`` when given.
    """
    def cut(match: re.Match) -> str:
        run = match.group()
        left_out = len(run) - MAX_RUN
        return run[:MAX_RUN] + "…" + (f" {note(left_out)}" if note else "")

    return _LONG_RUN.sub(cut, value)


def _clean(value: object) -> str:
    """Plain text with line breaks as ``\\n``, tabs as spaces, no control characters."""
    plain = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub(" ", plain)


def as_markup(value: object) -> str:
    """Any text as paragraph markup that prints literally, line breaks kept.

    Also cuts overly long unbroken runs (``MAX_RUN``) as a last guard; user text
    goes through ``_Doc.text``, which says in the print how much was cut.
    """
    return escape(_cap_runs(_clean(value))).replace("\n", "<br/>")


def _visual(line: str, base: str | None = None) -> str:
    """One printed line in visual order: right-to-left runs turned, as the Unicode
    bidirectional algorithm says (python-bidi). ``base`` is the direction of the
    paragraph the line belongs to ("L" or "R"); by default, the line's own.
    """
    if not _RTL.search(line):
        return line
    from bidi import get_display

    return get_display(line, base_dir=base)


def _base_direction(text: str) -> str:
    """"R" when the paragraph's first strong letter is right-to-left, else "L"."""
    from bidi import get_base_level

    return "R" if get_base_level(text) else "L"


def _shaped(value: str) -> str:
    """``value`` with Arabic letters in their joined forms (still in logical order)."""
    if not _ARABIC.search(value):
        return value
    import arabic_reshaper

    return arabic_reshaper.reshape(value)


def _plain(value: str) -> str:
    """Text for drawing straight on the canvas (no markup is parsed there), on one line."""
    line = _clean(value).replace("\n", " ").strip()[:_MAX_LINE]
    return _visual(_shaped(_printable(line)))


def _fit(value: str, font: str, size: float, width: float) -> str:
    """``value`` cut with an ellipsis so that it fits in ``width`` points."""
    if pdfmetrics.stringWidth(value, font, size) <= width:
        return value
    value = value[:int(width / (size * 0.25))]  # no glyph is narrower than a quarter em
    while value and pdfmetrics.stringWidth(value + "…", font, size) > width:
        value = value[:-1]
    return value.rstrip() + "…"


def _chunks(value: str) -> list[str]:
    """``value`` in pieces of at most about ``CHUNK`` characters and ``CHUNK_LINES`` lines,
    cut at line breaks or spaces."""
    if value.count("\n") >= CHUNK_LINES:
        lines = value.split("\n")
        return [piece for start in range(0, len(lines), CHUNK_LINES)
                for piece in _chunks("\n".join(lines[start:start + CHUNK_LINES]))]
    pieces = []
    while len(value) > CHUNK:
        cut = value.rfind("\n", CHUNK // 2, CHUNK)
        if cut < 0:
            cut = value.rfind(" ", CHUNK // 2, CHUNK)
        if cut < 0:  # no space in half a chunk: the runs are capped, so this is rare
            cut = CHUNK
        pieces.append(value[:cut])
        value = value[cut:].lstrip("\n ") if value[cut:cut + 1] in ("\n", " ") else value[cut:]
    pieces.append(value)
    return pieces


class Paragraph(_ReportLabParagraph):
    """ReportLab's paragraph, breaking its lines once per width (every paragraph here).

    ReportLab lays a table cell out again each time it measures the table (once,
    and again for every page the table is split over) and once more to draw it,
    always at the column's width; ``Paragraph.wrap`` depends on nothing but that
    width, so the lines of the last width are kept (``split`` may drop them: then
    they are broken again). Pieces from ``split`` are of this class too.
    """

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        wrapped = self._wrapped
        if wrapped is not None and wrapped[0] == availWidth and "blPara" in self.__dict__:
            return wrapped[1]
        size = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, size)
        return size


class _VisualParagraph(Paragraph):
    """A paragraph of plain text with right-to-left runs: broken into lines in reading
    order first, then each line turned into visual order, as the bidi algorithm says.

    Turning the whole text before ReportLab breaks it into lines would print a wrapped
    Arabic or Hebrew text with its last words on the first line. ``wrap`` therefore
    breaks the (shaped, logical) text at the width it is given, turns each line, and
    hands ReportLab the lines joined by forced breaks. The pieces a page or table split
    makes of it are ordinary paragraphs of those finished lines.
    """

    def __init__(self, text, style=None, *args, logical: str | None = None,
                 prefix: str = "", **kwargs):
        self._logical = logical
        self._prefix = prefix
        self._laid_out_for: float | None = None
        super().__init__(text, style, *args, **kwargs)

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        if self._logical is not None and availWidth != self._laid_out_for:
            from reportlab.lib.utils import simpleSplit

            style = self.style
            width = max(availWidth - style.leftIndent - style.rightIndent, style.fontSize)
            lines = []
            for line in self._logical.split("\n"):
                base = _base_direction(line)
                lines += [escape(_visual(part, base)) for part in
                          simpleSplit(line, style.fontName, style.fontSize, width)] or [""]
            markup = "<br/>".join(lines)
            if self._prefix:
                markup = self._prefix + "<br/>" + markup
            elif _base_direction(self._logical) == "R":  # an Arabic or Hebrew text: flush right
                style = ParagraphStyle(f"{style.name}_rtl", style, alignment=TA_RIGHT)
            self._laid_out_for = availWidth
            _ReportLabParagraph.__init__(self, markup, style)
        return super().wrap(availWidth, availHeight)

    def split(self, availWidth, availHeight):  # noqa: N803
        self.wrap(availWidth, availHeight)
        return super().split(availWidth, availHeight)


# --- the stylesheet ---------------------------------------------------------------------

class _Styles:
    """Every paragraph style of the document, in one place."""

    def __init__(self) -> None:
        base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, textColor=INK,
                              spaceAfter=4)
        self.body = base
        self.title = ParagraphStyle("title", base, fontName=FONT_BOLD, fontSize=20, leading=25,
                                    spaceAfter=2)
        self.subtitle = ParagraphStyle("subtitle", base, fontSize=12, leading=16,
                                       textColor=MUTED, spaceAfter=10)
        self.h1 = ParagraphStyle("h1", base, fontName=FONT_BOLD, fontSize=14, leading=18,
                                 spaceBefore=10, spaceAfter=6)
        self.h2 = ParagraphStyle("h2", base, fontName=FONT_BOLD, fontSize=11, leading=14,
                                 spaceBefore=8, spaceAfter=4)
        self.muted = ParagraphStyle("muted", base, fontSize=8.5, leading=11.5, textColor=MUTED)
        self.empty = ParagraphStyle("empty", self.muted, fontName=FONT_ITALIC)
        self.cell = ParagraphStyle("cell", base, fontSize=8.5, leading=11, spaceAfter=0)
        self.cell_small = ParagraphStyle("cell_small", self.cell, fontSize=7.5, leading=9.5,
                                         textColor=MUTED)
        self.cell_bold = ParagraphStyle("cell_bold", self.cell, fontName=FONT_BOLD)
        self.cell_center = ParagraphStyle("cell_center", self.cell, alignment=TA_CENTER)
        self.cell_right = ParagraphStyle("cell_right", self.cell, alignment=TA_RIGHT)
        self.head = ParagraphStyle("head", self.cell, fontName=FONT_BOLD, fontSize=8,
                                   leading=10)
        self.head_center = ParagraphStyle("head_center", self.head, alignment=TA_CENTER)
        self.head_right = ParagraphStyle("head_right", self.head, alignment=TA_RIGHT)
        self.label = ParagraphStyle("label", self.cell, fontName=FONT_BOLD, textColor=MUTED)
        self.verdict = ParagraphStyle("verdict", base, fontName=FONT_BOLD, fontSize=11,
                                      leading=15, spaceAfter=2)
        self.mark = {colour: ParagraphStyle(f"mark_{name}", self.cell_center, textColor=colour)
                     for name, colour in (("good", GOOD), ("bad", BAD), ("muted", MUTED))}
        self.detail = ParagraphStyle("detail", self.cell, fontSize=7.5, leading=10,
                                     textColor=MUTED)
        self._pieces: dict[tuple[str, bool, bool], ParagraphStyle] = {}
        self.severity = {
            code: ParagraphStyle(f"severity_{code}", self.cell_bold, textColor=colour)
            for code, colour in (("error", BAD), ("warning", WARN), ("info", INFO))}

    def piece(self, style: ParagraphStyle, *, first: bool, last: bool) -> ParagraphStyle:
        """``style`` for one piece of a text printed in several: no gaps between pieces."""
        if first and last:
            return style
        key = (style.name, first, last)
        if key not in self._pieces:
            self._pieces[key] = ParagraphStyle(
                f"{style.name}_piece", style, spaceBefore=style.spaceBefore if first else 0,
                spaceAfter=style.spaceAfter if last else 0)
        return self._pieces[key]


#: A table row taller than this is cut into several rows (a row cannot split across
#: pages in ReportLab, and its own in-row splitting fails on very tall cells) ...
_ROW_LIMIT = FRAME_HEIGHT * 0.4
#: ... of at most this height each, so that little of a page stays empty before one.
_ROW_PIECE = FRAME_HEIGHT * 0.25
_CELL_PADDING = 8  # left and right padding of every cell (``_table_style``)


def _table_style(*extra: tuple, header: bool = True, zebra: bool = False,
                 rows: list[tuple[int, int]] | None = None) -> TableStyle:
    """The look shared by every table: thin rules, a shaded header, top-aligned cells.

    ``rows`` gives, for a table whose tall rows were cut into several, the first and
    last physical row of each row as written: the pieces of one row share its
    background and have no rule between them, and ``extra`` is given in rows as written.
    """
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if rows is None:
        commands.append(("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE))
        if zebra:
            commands.append(("ROWBACKGROUNDS", (0, 1 if header else 0), (-1, -1),
                             [colors.white, ZEBRA]))
    else:
        first_body = 1 if header else 0
        for index, (first, last) in enumerate(rows):
            commands.append(("LINEBELOW", (0, last), (-1, last), 0.4, RULE))
            if first != last:
                commands += [("TOPPADDING", (0, first + 1), (-1, last), 0),
                             ("BOTTOMPADDING", (0, first), (-1, last - 1), 0)]
            if zebra and index >= first_body and (index - first_body) % 2:
                commands.append(("BACKGROUND", (0, first), (-1, last), ZEBRA))

        def physical(cell: tuple[int, int], end: bool) -> tuple[int, int]:
            column, row = cell
            if row < 0:
                row += len(rows)
            return (column, rows[row][1] if end else rows[row][0])

        extra = tuple((name, physical(start, False), physical(stop, True), *rest)
                      for name, start, stop, *rest in extra)
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                     ("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED)]
    commands.extend(extra)
    return TableStyle(commands)


def _table(rows: list[list], widths: list[float], *extra: tuple, header: bool = True,
           zebra: bool = False) -> Table:
    """A table that splits between pages with its header row repeated.

    Rows move to the next page whole. A row too tall for that (a very long text) is
    first cut into several rows of bounded height, its cells' paragraphs split
    between them (``_cut_row``), so any text of any length prints.
    """
    spans: list[tuple[int, int]] = []
    physical: list[list] = []
    for index, row in enumerate(rows):
        pieces = [row]
        # Laying a table out only to measure it costs as much as printing it, so first
        # a generous estimate from the text lengths; only a row that might be tall is
        # measured (and cut) for real.
        if not (header and index == 0) and _row_estimate(row, widths) > _ROW_LIMIT:
            pieces = _cut_row(row, widths)
        spans.append((len(physical), len(physical) + len(pieces) - 1))
        physical += pieces
    cut = len(physical) != len(rows)
    return Table(physical, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT",
                 style=_table_style(*extra, header=header, zebra=zebra,
                                    rows=spans if cut else None))


def _cell_flowables(cell: object) -> list:
    return list(cell) if isinstance(cell, (list, tuple)) else [cell]


def _row_estimate(row: list, widths: list[float]) -> float:
    """An upper estimate of the row's height, from its cells' text lengths.

    Assumes every character as wide as the font size (real glyphs average about
    half that), counts every line break as a line of its own and adds a line per
    paragraph, so it errs on the tall side.
    """
    tallest = 0.0
    for cell, width in zip(row, widths, strict=True):
        height = 0.0
        for flowable in _cell_flowables(cell):
            if isinstance(flowable, str):
                continue
            style = getattr(flowable, "style", None)
            if style is None:
                return float("inf")  # not a paragraph: measure for real
            per_line = max(1.0, (width - _CELL_PADDING) / style.fontSize)
            breaks = getattr(flowable, "text", "").count("<br/>")
            lines = 1 + breaks + len(flowable.getPlainText()) / per_line
            height += (lines + 1) * style.leading
        tallest = max(tallest, height + 8)
    return tallest


def _cut_row(row: list, widths: list[float]) -> list[list]:
    """``row`` as one or more rows, each at most ``_ROW_PIECE`` high where text allows."""
    columns = [_cut_cell(cell, width - _CELL_PADDING) for cell, width in zip(row, widths, strict=True)]
    count = max(len(pieces) for pieces in columns)
    return [[pieces[n] if n < len(pieces) else "" for pieces in columns] for n in range(count)]


def _cut_cell(cell: object, width: float) -> list:
    """The cell's flowables in pieces of at most ``_ROW_PIECE`` height, split where needed."""
    pieces: list = []
    current: list = []
    room = _ROW_PIECE
    queue = _cell_flowables(cell)[::-1]  # a stack: the next flowable is at the end
    while queue:
        flowable = queue.pop()
        if isinstance(flowable, str):
            current.append(flowable)
            continue
        height = flowable.wrap(width, _ROW_PIECE)[1] + flowable.getSpaceAfter()
        if height <= room:
            current.append(flowable)
            room -= height
            continue
        parts = flowable.split(width, room) if room > 0 else []
        if len(parts) >= 2:
            current.append(parts[0])
            queue += parts[:0:-1]
        elif current:
            queue.append(flowable)  # it starts the next piece
        else:
            current.append(flowable)  # cannot split at all: it stands whole
        pieces.append(current)
        current, room = [], _ROW_PIECE
    if current or not pieces:
        pieces.append(current)
    return pieces


# --- what the document needs to know, worked out once -----------------------------------

@dataclass
class _Doc:
    proposal: Proposal
    report: Report
    lang: str
    gettext: Callable[[str], str]
    ngettext: Callable[[str, str, int], str]
    styles: _Styles
    rulebook: Rulebook | None
    #: The proposal's fingerprint (``compare.fingerprint``), printed on every page.
    fingerprint: str = ""

    def p(self, value: object, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of literal text (user text or not: both are escaped)."""
        return Paragraph(as_markup(value), style or self.styles.body)

    def text(self, value: object, style: ParagraphStyle | None = None, *,
             prefix: str = "") -> list[Paragraph]:
        """User text as one or more paragraphs that print it as typed, at any length.

        Markup is escaped; runs longer than ``MAX_RUN`` are cut with a note; characters
        no bundled font has print as ``REPLACEMENT`` (``unprintable`` lists them);
        Arabic is joined and right-to-left text put in reading order; long texts come
        in pieces of ``CHUNK`` characters. ``prefix`` is markup put before the text.
        """
        style = style or self.styles.body
        plain = _shaped(_printable(_cap_runs(_clean(value), self._cut_note)))
        chunks = _chunks(plain)
        flowables: list[Paragraph] = []
        for index, chunk in enumerate(chunks):
            piece = self.styles.piece(style, first=index == 0, last=index == len(chunks) - 1)
            lead = prefix if index == 0 else ""
            markup = lead + escape(chunk).replace("\n", "<br/>")
            if _RTL.search(chunk):
                flowables.append(_VisualParagraph(markup, piece, logical=chunk, prefix=lead))
            else:
                flowables.append(Paragraph(markup, piece))
        return flowables

    def _cut_note(self, left_out: int) -> str:
        return self.ngettext("[{n} more character not printed]",
                             "[{n} more characters not printed]", left_out).format(n=left_out)

    def markup(self, markup: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of markup built here from ``as_markup()`` pieces."""
        return Paragraph(markup, style or self.styles.body)

    def country(self, code: str) -> str:
        if not code:
            return self.gettext("No country given")
        if not countries.is_known(code):
            return self.gettext("Unknown country “{code}”").format(code=code)
        return "{name} ({code})".format(name=countries.name(code, self.lang),
                                        code=countries.display_code(code))

    def is_programme(self, code: str) -> bool:
        if self.rulebook is not None:
            return self.rulebook.is_programme_country(code)
        return any(s.code == code and s.programme for s in self.report.consortium.countries)

    def partner_name(self, partner_id: str, short: bool = False) -> str:
        member = self.proposal.partner(partner_id)
        if member is None:
            return self.gettext("unknown member ({id})").format(id=partner_id)
        if short and member.acronym.strip():
            return member.acronym.strip()
        return member.name.strip() or self.gettext("member without a name ({id})").format(
            id=partner_id)

    @property
    def applicant(self) -> Partner | None:
        return next((p for p in self.proposal.partners if p.role == "applicant"), None)


def _rulebook(report: Report) -> Rulebook | None:
    try:
        return load_rulebook(report.rulebook)
    except RulebookError:
        return None


# --- sections ---------------------------------------------------------------------------

def _heading(d: _Doc, title: str, style: ParagraphStyle, room: float) -> list:
    """A heading that starts a new page unless ``room`` is left below it (no orphans)."""
    return [CondPageBreak(room), d.p(title, style)]


def _cover(d: _Doc) -> list:
    _ = d.gettext
    s = d.styles
    project = d.proposal.project
    story: list = [
        *d.text(project.title.strip() or _("Untitled proposal"), s.title),
        d.p(_("Erasmus+ Sector Skills Alliance proposal · summary for sign-off"), s.subtitle),
        _verdict(d),
        Spacer(1, 8),
    ]
    rows = [
        (_("Acronym"), d.text(project.acronym or "–", s.cell_bold)),
        (_("Sector"), d.p(labels.sector(project.sector, d.lang) if project.sector
                         else _("Not chosen yet"), s.cell)),
        (_("Specific objectives"), d.markup("<br/>".join(
            as_markup(labels.objective(code, d.lang)) for code in project.objectives)
            or as_markup(_("None chosen yet")), s.cell)),
        (_("Duration and start"), d.p(_duration(d), s.cell)),
        (_("Applicant"), _applicant_cell(d)),
        (_("Rulebook"), d.p(_(d.rulebook.title) if d.rulebook else d.report.rulebook, s.cell)),
    ]
    if project.summary.strip():
        rows.append((_("Summary"), d.text(project.summary, s.cell)))
    story.append(_table([[d.p(label, s.label), value] for label, value in rows],
                        [42 * mm, WIDTH - 42 * mm], header=False))
    story.append(Spacer(1, 10))
    story += _minimums(d)
    return story


def _duration(d: _Doc) -> str:
    _ = d.gettext
    project = d.proposal.project
    months = project.duration_months
    length = (d.ngettext("{n} month", "{n} months", months).format(n=months) if months
              else _("duration not given"))
    start = (_("starting {date}").format(date=project.start_date) if project.start_date
             else _("start date not given"))
    return f"{length}, {start}"


def _applicant_cell(d: _Doc) -> list:
    _ = d.gettext
    member = d.applicant
    if member is None:
        return [d.p(_("No applicant chosen yet"), d.styles.cell)]
    where = ", ".join(part for part in (member.city.strip(), d.country(member.country)) if part)
    name = member.name.strip() or _("Name not given")
    return d.text(name, d.styles.cell_bold) + d.text(where, d.styles.cell)


def _missing_titles(report: Report) -> list[tuple[str, int]]:
    """Rules with errors, in report order, and how many errors each has."""
    counts: dict[str, int] = {}
    for finding in report.findings:
        if finding.severity == "error":
            counts[finding.rule] = counts.get(finding.rule, 0) + 1
    return list(counts.items())


def _verdict(d: _Doc) -> Table:
    """The box that says at a glance whether the proposal can go out."""
    _ = d.gettext
    s = d.styles
    report = d.report
    yes, no = _("yes"), _("no")
    line = _("Eligible: {eligible} · Complete: {complete}").format(
        eligible=yes if report.eligible else no, complete=yes if report.complete else no)
    cells: list = [d.p(line, s.verdict)]
    if report.eligible and report.complete:
        cells.append(d.p(_("The proposal meets every rule the program checks. It is ready "
                           "for sign-off."), s.cell))
    else:
        cells.append(d.p(_("Still to do before the proposal can go out:"), s.cell))
        for rule_id, count in _missing_titles(report):
            name = messages.title(rule_id, d.lang)
            if count > 1:
                name = _("{rule} ({count} times)").format(rule=name, count=count)
            cells.append(d.markup("•&nbsp;" + as_markup(name), s.cell))
        cells.append(d.p(_("The section “Findings” says what to do about each."), s.cell_small))
    return verdict_box(cells, good=report.eligible and report.complete)


def verdict_box(content, *, good: bool) -> Table:
    """A verdict in a box across the page: green with a green bar when all is well,
    else red (the summary's cover and the changes' first page)."""
    return Table([[content]], colWidths=[WIDTH], hAlign="LEFT", style=TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("BACKGROUND", (0, 0), (-1, -1), GOOD_BG if good else BAD_BG),
        ("LINEBEFORE", (0, 0), (0, -1), 3, GOOD if good else BAD),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]))


def _minimums(d: _Doc) -> list:
    _ = d.gettext
    s = d.styles
    c = d.report.consortium
    figures = [
        (_("Programme countries involved"), c.programme_countries, c.minimum_countries),
        (_("EU Member States among them"), c.eu_member_states, c.minimum_eu_member_states),
        (_("Full participants (umbrella organisations not counted)"), c.full_participants,
         c.minimum_full_participants),
    ]
    rows: list[list] = [[d.p(_("Counted against the minimums"), s.head),
                         d.p(_("Count"), s.head_right), d.p(_("Minimum"), s.head_right),
                         d.p(_("Met"), s.head_center)]]
    extra: list[tuple] = []
    for index, (label, count, minimum) in enumerate(figures, start=1):
        met = count >= minimum
        rows.append([d.p(label, s.cell), d.p(count, s.cell_right), d.p(minimum, s.cell_right),
                     d.p("✓ " + _("yes") if met else "✗ " + _("no"), s.cell_center)])
        extra += [("BACKGROUND", (3, index), (3, index), GOOD_BG if met else BAD_BG),
                  ("TEXTCOLOR", (3, index), (3, index), GOOD if met else BAD)]
    members = d.proposal.partners
    associated = sum(1 for p in members if p.role == "associated")
    note = d.ngettext("{n} member in all", "{n} members in all", len(members)).format(
        n=len(members))
    if associated:
        note += " · " + d.ngettext(
            "{n} associated partner (never counted)", "{n} associated partners (never counted)",
            associated).format(n=associated)
    return [_table(rows, [WIDTH - 72 * mm, 22 * mm, 22 * mm, 28 * mm], *extra),
            Spacer(1, 3), d.p(note, s.muted)]


def _grid(d: _Doc) -> list:
    """The country x category table: the same picture as the wizard's consortium panel."""
    _ = d.gettext
    s = d.styles
    story = _heading(d, _("The consortium by country"), s.h1, 50 * mm)
    statuses = d.report.consortium.countries
    if not statuses:
        return story + [d.p(_("No country is involved yet: add full partners with their "
                              "countries."), s.empty)]
    story.append(d.p(_("Every country involved needs at least one full participant of each of "
                       "these three categories (umbrella organisations not counted)."), s.body))
    rows: list[list] = [[d.p(_("Country"), s.head), d.p(_("Members"), s.head_right)]
                        + [d.p(labels.category(code, d.lang), s.head_center) for code in TRIO]]
    extra: list[tuple] = []
    for row, status in enumerate(statuses, start=1):
        # As in the wizard's panel: only partner countries carry a note.
        country = as_markup(d.country(status.code))
        if not status.programme:
            note = as_markup(_("partner country"))
            country += f"<br/><font size=7.5 color='#5f6b7a'>{note}</font>"
        rows.append([d.markup(country, s.cell),
                     d.p(status.members, s.cell_right)]
                    + [_grid_cell(d, status, code, row, column, extra)
                       for column, code in enumerate(TRIO, start=2)])
    story.append(_table(rows, [WIDTH - 19 * mm - 3 * 37 * mm, 19 * mm] + [37 * mm] * 3, *extra,
                        ("VALIGN", (1, 1), (-1, -1), "MIDDLE")))
    story.append(Spacer(1, 3))
    story.append(d.p(_("✓ present · ✗ missing · exempt: an umbrella organisation from this "
                       "country is a full participant, so the country needs no other "
                       "organisations."), s.muted))
    return story


def _grid_cell(d: _Doc, status: CountryStatus, code: str, row: int, column: int,
               extra: list[tuple]) -> Paragraph:
    _ = d.gettext
    # Words as well as colours: the summary is often printed in black and white.
    if code in status.covered:
        mark, background, colour = "✓", GOOD_BG, GOOD
    elif status.exempt:
        mark, background, colour = _("exempt"), EXEMPT_BG, MUTED
    else:
        mark, background, colour = "✗ " + _("missing"), BAD_BG, BAD
    extra.append(("BACKGROUND", (column, row), (column, row), background))
    return d.p(mark, d.styles.mark[colour])


_ROLE_ORDER = {"applicant": 0, "full": 1, "associated": 2}


def _country_groups(d: _Doc) -> list[tuple[str, list[Partner]]]:
    """Members by country: the applicant's country first (the applicant at its top), then
    the other programme countries, then partner countries, then unknown ones."""
    groups: dict[str, list[Partner]] = {}
    for member in d.proposal.partners:
        groups.setdefault(member.country, []).append(member)
    applicant = d.applicant
    first = applicant.country if applicant is not None else None

    def order(code: str) -> tuple:
        known = countries.is_known(code)
        rank = 0 if known and d.is_programme(code) else (1 if known else 2)
        return (code != first, rank,
                countries.sort_key(countries.name(code, d.lang) if known else code))

    return [(code, sorted(groups[code], key=lambda m: _ROLE_ORDER.get(m.role, 3)))
            for code in sorted(groups, key=order)]


def _members(d: _Doc) -> list:
    _ = d.gettext
    s = d.styles
    story = _heading(d, _("Members"), s.h1, 60 * mm)
    if not d.proposal.partners:
        return story + [d.p(_("No members yet."), s.empty)]
    # The category and role columns are as wide as their longest word in this
    # language, so "Bedrijfstakspecifieke" or "Geassocieerd" never break mid-word.
    widths = [48 * mm, _word_width(d, [labels.category(c, d.lang) for c in labels.CATEGORIES]),
              _word_width(d, [labels.role(r, d.lang) for r in labels.ROLES]), 21 * mm]
    widths.append(WIDTH - sum(widths))
    header = [d.p(_("Organisation"), s.head), d.p(_("Category"), s.head),
              d.p(_("Role"), s.head), d.p(_("PIC"), s.head),
              d.p(_("Role and added value"), s.head)]
    for code, members in _country_groups(d):
        if not countries.is_known(code):
            where = d.country(code)
        elif d.is_programme(code):
            where = _("{country}: programme country").format(country=d.country(code))
        else:
            where = _("{country}: partner country").format(country=d.country(code))
        count = d.ngettext("{n} member", "{n} members", len(members)).format(n=len(members))
        story += _heading(d, f"{where} · {count}", s.h2, 40 * mm)
        rows = [header] + [_member_row(d, member) for member in members]
        story.append(_table(rows, widths, zebra=True))
    return story


def _word_width(d: _Doc, texts: list[str], least: float = 20 * mm) -> float:
    """A column width that fits the longest word of ``texts`` in the cell style."""
    style = d.styles.cell
    longest = max((pdfmetrics.stringWidth(word, style.fontName, style.fontSize)
                   for text in texts for word in text.split()), default=0)
    return max(least, longest + 8 + 2)  # the cell's left and right padding, and a hair


def _member_row(d: _Doc, member: Partner) -> list:
    _ = d.gettext
    s = d.styles
    name = member.name.strip() or _("Name not given")
    details = " · ".join(part for part in (member.acronym.strip(), member.city.strip()) if part)
    organisation = d.text(name, s.cell_bold) + (d.text(details, s.detail) if details else [])
    # Who to call about this member: the contact person and their e-mail address.
    contact = " · ".join(part for part in (member.contact_name.strip(),
                                          member.contact_email.strip()) if part)
    if contact:
        label = as_markup(_("Contact:"))
        organisation += d.text(contact, s.detail, prefix=f"<i>{label}</i> ")
    role = as_markup(labels.role(member.role, d.lang))
    if member.umbrella:
        role += "<br/><font size=7.5>" + as_markup(_("umbrella organisation")) + "</font>"
    value = (d.text(member.role_description, s.cell) if member.role_description.strip()
             else [d.p(_("Not described yet"), s.empty)])
    if member.expertise.strip():
        label = as_markup(_("Expertise:"))
        value += d.text(member.expertise, s.cell_small, prefix=f"<i>{label}</i> ")
    return [organisation,
            d.p(labels.category(member.category, d.lang), s.cell),
            d.markup(role, s.cell),
            d.text(tidy_pic(member.pic).strip() or "–", s.cell),  # nine digits: one line
            value]


def _activities(d: _Doc) -> list:
    _ = d.gettext
    s = d.styles
    story = _heading(d, _("Activities"), s.h1, 60 * mm)
    activities = d.proposal.activities
    if not activities:
        return story + [d.p(_("No activities yet."), s.empty)]
    rows: list[list] = [[d.p("#", s.head), d.p(_("Activity"), s.head), d.p(_("Lead"), s.head),
                         d.p(_("Months"), s.head_center), d.p(_("Partners"), s.head)]]
    for number, activity in enumerate(activities, start=1):
        rows.append([d.p(number, s.cell), _activity_cell(d, activity),
                     d.text(d.partner_name(activity.lead) if activity.lead else "–", s.cell),
                     d.p(_months(activity), s.cell_center), _partners_cell(d, activity)])
    story.append(_table(rows, [8 * mm, WIDTH - 101 * mm, 34 * mm, 15 * mm, 44 * mm], zebra=True))
    story += _timeline(d)
    return story


def _months(activity: Activity) -> str:
    start = "?" if activity.start_month is None else str(activity.start_month)
    end = "?" if activity.end_month is None else str(activity.end_month)
    return f"{start}–{end}"


def _activity_cell(d: _Doc, activity: Activity) -> list:
    _ = d.gettext
    s = d.styles
    title = activity.title.strip() or _("Untitled activity")
    cell = d.text(title, s.cell_bold) + [
        d.p(labels.activity_kind(activity.kind, d.lang), s.cell_small)]
    for label, value in ((None, activity.description), (_("Evidence:"), activity.evidence),
                         (_("Purpose:"), activity.purpose)):
        if value.strip():
            prefix = f"<i>{as_markup(label)}</i> " if label else ""
            cell += d.text(value, s.cell, prefix=prefix)
    return cell


def _partners_cell(d: _Doc, activity: Activity) -> list:
    """The members taking part, by acronym where they have one, a few at most."""
    names = [d.partner_name(pid, short=True) for pid in activity.partners]
    if not names:
        return [d.p("–", d.styles.cell)]
    shown = ", ".join(names[:_MAX_NAMED_PARTNERS])
    if len(names) > _MAX_NAMED_PARTNERS:
        more = len(names) - _MAX_NAMED_PARTNERS
        shown += " " + d.ngettext("and {n} more", "and {n} more", more).format(n=more)
    return d.text(shown, d.styles.cell_small)


def _timeline(d: _Doc) -> list:
    """Bars over the project's months, one row per activity, in drawings that fit a page."""
    _ = d.gettext
    s = d.styles
    activities = d.proposal.activities
    months = d.proposal.project.duration_months or min(120, max(
        [a.end_month for a in activities if a.end_month] + [12]))
    story = _heading(d, _("Timeline"), s.h2, 50 * mm)
    story.append(d.p(_("Green: core activities (skills needs, curriculum design and delivery). "
                       "Blue: other activities. Red: a period outside the project or in the "
                       "wrong order."), s.muted))
    numbered = list(enumerate(activities, start=1))
    # Drawings cannot split across pages: at most _TIMELINE_ROWS rows each, and no
    # taller than a page holds (a row grows with a long title).
    chunk: list[tuple[int, Activity]] = []
    budget, used = FRAME_HEIGHT - 60, 0.0
    for number, activity in numbered:
        title = _plain(activity.title) or _("Untitled activity")
        lines = len(_label_lines(f"{number}. {title}", 62 * mm - 6))
        row = max(14, lines * 8.5 + 5)
        if chunk and (len(chunk) == _TIMELINE_ROWS or used + row > budget):
            story += [_timeline_drawing(d, chunk, months), Spacer(1, 4)]
            chunk, used = [], 0.0
        chunk.append((number, activity))
        used += row
    if chunk:
        story += [_timeline_drawing(d, chunk, months), Spacer(1, 4)]
    return story


def _timeline_drawing(d: _Doc, rows: list[tuple[int, Activity]], months: int) -> Drawing:
    _ = d.gettext
    core = d.rulebook.core_activity_kinds if d.rulebook else frozenset()
    row_height, label_width, line_height = 14, 62 * mm, 8.5
    axis_height = 24 if months > 12 else 14
    chart_width = WIDTH - label_width
    # Each title in full, over as many lines as it needs (a row grows with them).
    labels_of = [_label_lines(f"{number}. " + (_plain(activity.title)
                                               or _("Untitled activity")), label_width - 6)
                 for number, activity in rows]
    heights = [max(row_height, len(lines) * line_height + 5) for lines in labels_of]
    height = axis_height + sum(heights) + 2
    drawing = Drawing(WIDTH, height, initialFontName=FONT)
    per_month = chart_width / months
    top = height - axis_height
    step = next(n for n in (1, 2, 3, 6, 12, 24, 60) if months / n <= 12)
    for month in range(1, months + 1):
        x = label_width + (month - 1) * per_month
        year_start = (month - 1) % 12 == 0
        drawing.add(Line(x, 0, x, top, strokeColor=MUTED if year_start else RULE,
                         strokeWidth=0.7 if year_start else 0.3))
        if month == 1 or month % step == 0:
            drawing.add(String(x + per_month / 2, top + 4, str(month), fontName=FONT,
                               fontSize=6.5, fillColor=MUTED, textAnchor="middle"))
        if year_start and months > 12:
            span = min(12, months - month + 1) * per_month
            drawing.add(String(x + span / 2, top + 14, _("Year {n}").format(n=month // 12 + 1),
                               fontName=FONT_BOLD, fontSize=6.5, fillColor=INK,
                               textAnchor="middle"))
    drawing.add(String(label_width - 4, top + 4, _("Month"), fontName=FONT, fontSize=6.5,
                       fillColor=MUTED, textAnchor="end"))
    drawing.add(Line(label_width + chart_width, 0, label_width + chart_width, top,
                     strokeColor=MUTED, strokeWidth=0.7))
    drawing.add(Line(label_width, top, label_width + chart_width, top, strokeColor=MUTED,
                     strokeWidth=0.7))
    y = top
    for (_number, activity), lines, this_height in zip(rows, labels_of, heights, strict=True):
        y -= this_height
        for line_number, line in enumerate(lines):
            drawing.add(String(0, y + this_height - 10 - line_number * line_height, line,
                               fontName=FONT, fontSize=7.5, fillColor=INK))
        drawing.add(Line(0, y, WIDTH, y, strokeColor=ZEBRA, strokeWidth=0.3))
        first, last = activity.start_month, activity.end_month
        if first is None or last is None or last < 1 or first > months:
            drawing.add(String(label_width + 3, y + this_height - 10, _("no valid period"),
                               fontName=FONT_ITALIC,
                               fontSize=7, fillColor=BAD))
            continue
        wrong = first > last or first < 1 or last > months
        first, last = sorted((max(first, 1), min(last, months)))
        colour = BAD if wrong else (BAR_CORE if activity.kind in core else BAR)
        drawing.add(Rect(label_width + (first - 1) * per_month + 0.5, y + this_height - 11,
                         (last - first + 1) * per_month - 1, row_height - 6,
                         fillColor=colour, strokeColor=None))
    return drawing


#: The most lines a timeline label takes; a title longer than that (a pasted text, not
#: a title) ends in "…" on its last line.
_LABEL_LINES = 4


def _label_lines(text: str, width: float) -> list[str]:
    """``text`` broken into lines of ``width`` points at spaces (a word too long is cut)."""
    lines = simpleSplit(text, FONT, 7.5, width) or [""]
    if len(lines) > _LABEL_LINES:
        lines = lines[:_LABEL_LINES]
        lines[-1] = _fit(lines[-1] + " …", FONT, 7.5, width)
    return [_fit(line, FONT, 7.5, width) for line in lines]


def _plans(d: _Doc) -> list:
    _ = d.gettext
    s = d.styles
    titles = {
        "quality_assurance": _("Quality assurance"),
        "recognition": _("Recognition of the skills"),
        "sustainability": _("Sustainability: impact after the project"),
        "innovation": _("Innovation"),
    }
    story = _heading(d, _("Plans"), s.h1, 50 * mm)
    for field, title in titles.items():
        value = getattr(d.proposal.plans, field)
        story += _heading(d, title, s.h2, 25 * mm)
        story += (d.text(value, s.body) if value.strip()
                  else [d.p(_("Not described yet."), s.empty)])
    return story


def _findings(d: _Doc) -> list:
    _ = d.gettext
    s = d.styles
    report = d.report
    story = _heading(d, _("Findings"), s.h1, 50 * mm)
    if not report.findings:
        return story + [d.p(_("No findings: the proposal meets every rule the program checks."),
                            s.body)]
    story.append(d.p(messages.counts(report, d.lang), s.body))
    for group in ("eligibility", "completeness", "advice"):
        found = [f for f in report.findings if f.group == group]
        if not found:
            continue
        story += _heading(d, labels.group(group, d.lang), s.h2, 35 * mm)
        rows: list[list] = [[d.p(_("Severity"), s.head), d.p(_("Finding"), s.head)]]
        rows += [_finding_row(d, finding) for finding in found]
        story.append(_table(rows, [28 * mm, WIDTH - 28 * mm], zebra=True))
    return story


def _finding_row(d: _Doc, finding: Finding) -> list:
    s = d.styles
    return [d.p(labels.severity(finding.severity, d.lang),
                s.severity.get(finding.severity, s.cell_bold)),
            [*d.text(messages.message(finding, d.lang), s.cell),
             d.p(d.gettext("Rule {rule}: {title}").format(
                 rule=finding.rule, title=messages.title(finding.rule, d.lang)), s.cell_small)]]


def _sign_off(d: _Doc) -> list:
    _ = d.gettext
    s = d.styles
    gap = 10 * mm
    column = (WIDTH - 28 * mm - gap) / 2
    rows = [["", d.p(_("Prepared by"), s.head), "", d.p(_("Approved by"), s.head)]]
    for label in (_("Name"), _("Function"), _("Date"), _("Signature")):
        rows.append([d.p(label, s.label), "", "", ""])
    table = Table(rows, colWidths=[28 * mm, column, gap, column],
                  # Compact enough to share the last page with the findings more often.
                  rowHeights=[None, 8.5 * mm, 8.5 * mm, 8.5 * mm, 15 * mm], hAlign="LEFT",
                  style=TableStyle([
                      ("FONTNAME", (0, 0), (-1, -1), FONT),
                      ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                      ("LINEBELOW", (1, 1), (1, -1), 0.6, INK),
                      ("LINEBELOW", (3, 1), (3, -1), 0.6, INK),
                      ("LEFTPADDING", (0, 0), (-1, -1), 0),
                      ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                  ]))
    return [KeepTogether([  # never a signature block torn from its heading
        d.p(_("Sign-off"), s.h1),
        d.p(_("By signing, the persons below confirm that they have read this summary and "
              "approve that the proposal is submitted as described."), s.body),
        *_version_line(d),
        Spacer(1, 4),
        table,
    ])]


def _version_line(d: _Doc) -> list:
    """Which version is signed: the Review page and ``ssa-wizard diff`` show the same code."""
    if not d.fingerprint:
        return []
    sentence = as_markup(d.gettext(
        "This summary describes version {fingerprint} of the proposal. SSA Wizard shows the "
        "version of a file on its Review page: if it shows another code, the proposal has "
        "changed since this summary was made."))
    # The code is hex digits and a dash: safe as markup, printed in bold.
    return [d.markup(sentence.replace("{fingerprint}", f"<b>{escape(d.fingerprint)}</b>"),
                     d.styles.body)]


def _page_break(d: _Doc) -> list:
    """The cover page (verdict, figures, grid) stands on its own."""
    return [PageBreak()]


# --- page decoration: header, footer, DRAFT ----------------------------------------------

@dataclass(frozen=True)
class _Decoration:
    """What every page carries besides its content."""

    heading: str
    title: str
    made: str
    file_name: str
    page_label: str  # "Page {page} of {pages}", translated
    draft: str  # "" when the proposal is eligible and complete
    draft_word: str
    #: "Version 3F9A-21C0": the proposal's fingerprint, on every page ("" for none).
    version: str = ""

    def draw(self, canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        if self.draft:
            self._draw_draft(canvas)
        self._draw_header(canvas)
        self._draw_footer(canvas, page, pages)
        canvas.restoreState()

    def _draw_header(self, canvas: Canvas) -> None:
        y = PAGE_HEIGHT - 14 * mm
        canvas.setFillColor(INK)
        canvas.setFont(FONT_BOLD, 9)
        x = MARGIN_X
        if self.heading:
            heading = _fit(self.heading, FONT_BOLD, 9, WIDTH / 2)
            canvas.drawString(x, y, heading)
            x += pdfmetrics.stringWidth(heading, FONT_BOLD, 9) + 8
        canvas.setFont(FONT, 9)
        canvas.setFillColor(MUTED)
        canvas.drawString(x, y, _fit(self.title, FONT, 9, PAGE_WIDTH - MARGIN_X - x))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_X, y - 4, PAGE_WIDTH - MARGIN_X, y - 4)
        if self.draft:
            canvas.setFillColor(BAD)
            canvas.setFont(FONT_BOLD, 8)
            canvas.drawString(MARGIN_X, y - 13, _fit(self.draft, FONT_BOLD, 8, WIDTH))

    def _draw_footer(self, canvas: Canvas, page: int, pages: int) -> None:
        y = 13 * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_X, y + 9, PAGE_WIDTH - MARGIN_X, y + 9)
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        number = self.page_label.format(page=page, pages=pages)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, y, number)
        room = WIDTH - pdfmetrics.stringWidth(number, FONT, 7.5) - 12
        canvas.drawString(MARGIN_X, y, _fit(self.made, FONT, 7.5, room))
        if self.file_name:
            canvas.drawString(MARGIN_X, y - 9, _fit(self.file_name, FONT, 7.5, room))
        if self.version:
            canvas.drawRightString(PAGE_WIDTH - MARGIN_X, y - 9, self.version)

    def _draw_draft(self, canvas: Canvas) -> None:
        canvas.saveState()
        canvas.setFillColor(BAD)
        canvas.setFillAlpha(0.09)
        canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        canvas.rotate(45)
        size = 110
        while size > 40 and pdfmetrics.stringWidth(self.draft_word, FONT_BOLD, size) > 150 * mm:
            size -= 5
        canvas.setFont(FONT_BOLD, size)
        canvas.drawCentredString(0, -size / 3, self.draft_word)
        canvas.restoreState()


def _canvas_class(decoration: _Decoration) -> type[Canvas]:
    """A canvas that holds the pages back until the end, to print "Page x of y" on each."""

    class _DecoratedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self):  # noqa: N802 - ReportLab's name
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            pages = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                decoration.draw(self, self._pageNumber, pages)
                super().showPage()
            super().save()

    return _DecoratedCanvas


def _draft_reason(report: Report, _: Callable[[str], str]) -> str:
    if not report.eligible:
        return _("DRAFT – not eligible: the consortium does not meet the rules of the call yet. "
                 "Not for submission.")
    if not report.complete:
        return _("DRAFT – not complete: required content is still missing. Not for submission.")
    return ""


# --- the document -----------------------------------------------------------------------

class Cancelled(Exception):
    """``render`` stopped because its ``cancelled`` callback said so; nothing was made."""


def begin(lang: str, cancelled: Callable[[], bool] | None) -> tuple[Callable[[], None], str, NullTranslations]:
    """What every document of ours starts with: a check for Cancel (raising ``Cancelled``,
    called once now), the fonts, and the language with its catalogue."""
    def check_cancelled() -> None:
        if cancelled is not None and cancelled():
            raise Cancelled

    check_cancelled()
    register_fonts()
    lang = i18n.normalize_language(lang)
    return check_cancelled, lang, i18n.translation(lang)


def _file_label(file_name: str, saved: bool, _: Callable[[str], str]) -> str:
    """The footer's line about the file the summary was made from."""
    if not file_name:
        return "" if saved else _("Not saved to a file yet")
    name = _plain(PurePath(file_name).name)
    if saved:
        return _("File: {name}").format(name=name)
    return _("File: {name}, with changes not saved yet").format(name=name)


def render(proposal: Proposal, report: Report, *, lang: str = "en", file_name: str = "",
           saved: bool = True, now: _dt.datetime | None = None,
           cancelled: Callable[[], bool] | None = None,
           progress: Callable[[int, int], None] | None = None) -> bytes:
    """The printed summary of ``proposal`` with its ``report``, as PDF bytes (A4).

    ``lang`` is the language of everything the program writes; ``file_name`` is
    shown in the footer (its last part only); ``saved`` false says there that the
    summary holds changes no file has yet (the wizard prints what is on screen);
    ``now`` is the time printed as the moment it was made (default: the current time).

    ``cancelled`` is asked between sections and after every piece laid out on a
    page: when it returns true, ``render`` stops and raises ``Cancelled``.
    ``progress(done, total)`` is told how far the layout is (pieces of the document).
    Any text of any length prints; ``unprintable`` lists what printed as ``REPLACEMENT``.
    """
    check_cancelled, lang, translation = begin(lang, cancelled)
    _ = translation.gettext
    now = now or _dt.datetime.now()
    from .compare import fingerprint

    d = _Doc(proposal=proposal, report=report, lang=lang, gettext=_,
             ngettext=translation.ngettext, styles=_Styles(), rulebook=_rulebook(report),
             fingerprint=fingerprint(proposal))
    project = proposal.project
    applicant = d.applicant
    decoration = _Decoration(
        heading=_plain(project.acronym),
        title=_plain(project.title) or _("Untitled proposal"),
        made=_("Made {date} with SSA Wizard {version}").format(
            date=now.strftime("%Y-%m-%d %H:%M"), version=__version__),
        file_name=_file_label(file_name, saved, _),
        page_label=_("Page {page} of {pages}"),
        draft=_draft_reason(report, _),
        draft_word=_("DRAFT"),
        version=_("Version {fingerprint}").format(fingerprint=d.fingerprint),
    )
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP + (4 * mm if decoration.draft else 0), bottomMargin=MARGIN_BOTTOM,
        title=_metadata(project.acronym, project.title, _("Untitled proposal")),
        author=_one_line(applicant.name) if applicant else "",
        subject=_("Summary of an Erasmus+ Sector Skills Alliance proposal for sign-off"),
        creator=f"SSA Wizard {__version__}",
        lang=lang,
        initialFontName=FONT,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="content",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    story: list = []
    sections = (_cover, _grid, _page_break, _members, _activities, _plans, _findings, _sign_off)
    for section in sections:
        check_cancelled()
        story += section(d)
    total = len(story)
    done = 0

    def on_progress(kind: str, value: int) -> None:
        nonlocal done
        if kind == "PROGRESS":
            check_cancelled()
            # Pieces split off at a page end go back into the count: never step back.
            if progress is not None and value > done:
                done = min(value, total)
                progress(done, total)

    doc.setProgressCallBack(on_progress)
    doc.build(story, canvasmaker=_canvas_class(decoration))
    check_cancelled()
    if progress is not None and done < total:
        progress(total, total)
    return buffer.getvalue()


def _one_line(value: str) -> str:
    """Text for the document's properties (viewers order and shape it themselves)."""
    return _CONTROL.sub(" ", value.replace("\n", " ").replace("\r", " ")).strip()[:_MAX_LINE]


def _metadata(acronym: str, title: str, untitled: str) -> str:
    title = _one_line(title) or untitled
    return f"{_one_line(acronym)} – {title}" if acronym.strip() else title



# --- what cannot be printed ---------------------------------------------------------------

@dataclass(frozen=True)
class Unprintable:
    """Characters of one printed field that no bundled font has.

    They print as ``REPLACEMENT``. ``place`` names the member, activity or section and
    ``field`` the field, in the language asked for; ``characters`` has each once.
    """

    place: str
    field: str
    characters: str
    #: One line for the user: place, field and characters.
    message: str


def _short(value: str, length: int = 60) -> str:
    value = " ".join(_clean(value).split())
    return value if len(value) <= length else value[:length - 1].rstrip() + "…"


def unprintable(proposal: Proposal, lang: str = "en") -> list[Unprintable]:
    """Every printed field of ``proposal`` with characters the PDF cannot show, in order.

    Chinese, Japanese, Korean, Thai or Devanagari, for example: the bundled DejaVu Sans
    covers European scripts, Arabic and Hebrew, and a font for the rest would make the
    program many times larger. The export tells the user which fields these are.
    """
    translation = i18n.translation(i18n.normalize_language(lang))
    _ = translation.gettext
    project, plans = proposal.project, proposal.plans
    fields: list[tuple[str, str, str]] = [
        (_("Project"), _("title"), project.title),
        (_("Project"), _("acronym"), project.acronym),
        (_("Project"), _("summary"), project.summary),
        (_("Plans"), _("quality assurance"), plans.quality_assurance),
        (_("Plans"), _("recognition"), plans.recognition),
        (_("Plans"), _("sustainability"), plans.sustainability),
        (_("Plans"), _("innovation"), plans.innovation),
    ]
    for number, member in enumerate(proposal.partners, start=1):
        place = (_("Member “{name}”").format(name=_short(member.name)) if member.name.strip()
                 else _("Member {n} (no name)").format(n=number))
        fields += [(place, _("name"), member.name), (place, _("acronym"), member.acronym),
                   (place, _("city"), member.city), (place, _("PIC"), member.pic),
                   (place, _("role and added value"), member.role_description),
                   (place, _("expertise"), member.expertise)]
    for number, activity in enumerate(proposal.activities, start=1):
        place = (_("Activity {n} “{title}”").format(n=number, title=_short(activity.title))
                 if activity.title.strip() else _("Activity {n}").format(n=number))
        fields += [(place, _("title"), activity.title),
                   (place, _("description"), activity.description),
                   (place, _("evidence"), activity.evidence),
                   (place, _("purpose"), activity.purpose)]
    found = []
    for place, field, value in fields:
        characters = missing_characters(value)
        if characters:
            # Spaced apart, but combining marks (Thai, Devanagari) stay on their letter.
            shown = _short("".join(char if unicodedata.category(char).startswith("M")
                                   else " " + char for char in characters).strip(), 80)
            found.append(Unprintable(place=place, field=field, characters=characters,
                                     message=_("{place}, {field}: {characters}").format(
                                         place=place, field=field, characters=shown)))
    return found
