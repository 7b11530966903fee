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
DejaVu Sans prints every European script; Helvetica would print Ł or ș as boxes.

Layout: one stylesheet (``_Styles``), one function per section. Header, footer,
"Page x of y" and the DRAFT mark are drawn on every page after the layout is done,
when the number of pages is known (``_canvas_class``).
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Frame, KeepTogether,
                                PageBreak, PageTemplate, Paragraph, Spacer, Table, TableStyle)

from . import __version__, countries, i18n, labels, messages
from .model import TRIO, Activity, Partner, Proposal
from .resources import resource_path
from .rulebook import Rulebook, RulebookError
from .rulebook import load as load_rulebook
from .rules import CountryStatus, Finding, Report

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

#: Members per activity named in the activities table before "and N more".
_MAX_NAMED_PARTNERS = 8
#: Activities per timeline drawing (a drawing cannot split across pages).
_TIMELINE_ROWS = 28


# --- text -------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def as_markup(value: object) -> str:
    """User (or any) text as paragraph markup that prints literally, line breaks kept."""
    plain = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return escape(_CONTROL.sub(" ", plain)).replace("\n", "<br/>")


def _plain(value: str) -> str:
    """Text for drawing straight on the canvas (no markup is parsed there)."""
    return _CONTROL.sub(" ", value.replace("\t", " ").replace("\n", " ")).strip()


def _fit(value: str, font: str, size: float, width: float) -> str:
    """``value`` cut with an ellipsis so that it fits in ``width`` points."""
    if pdfmetrics.stringWidth(value, font, size) <= width:
        return value
    value = value[:int(width / (size * 0.25))]  # no glyph is narrower than a quarter em
    while value and pdfmetrics.stringWidth(value + "…", font, size) > width:
        value = value[:-1]
    return value.rstrip() + "…"


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
        self.severity = {
            code: ParagraphStyle(f"severity_{code}", self.cell_bold, textColor=colour)
            for code, colour in (("error", BAD), ("warning", WARN), ("info", INFO))}


def _table_style(*extra: tuple, header: bool = True, zebra: bool = False) -> TableStyle:
    """The look shared by every table: thin rules, a shaded header, top-aligned cells."""
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                     ("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED)]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, 1 if header else 0), (-1, -1),
                         [colors.white, ZEBRA]))
    commands.extend(extra)
    return TableStyle(commands)


def _table(rows: list[list], widths: list[float], *extra: tuple, header: bool = True,
           zebra: bool = False) -> Table:
    """A table that splits between pages with its header row repeated.

    Rows move to the next page whole; only when some row is too tall for any page
    (a very long text) may rows split inside, since ReportLab's in-row splitting
    would otherwise also cut rows that fit on the next page.
    """
    def make(split_in_row: int) -> Table:
        return Table(rows, colWidths=widths, repeatRows=1 if header else 0,
                     splitInRow=split_in_row, hAlign="LEFT",
                     style=_table_style(*extra, header=header, zebra=zebra))

    # Laying a table out only to measure it costs as much as printing it, so first
    # a generous estimate from the text lengths; only a row that might be tall is
    # measured for real.
    if _tallest_row_estimate(rows, widths) < FRAME_HEIGHT * 0.3:
        return make(0)
    table = make(0)
    table.wrap(WIDTH, FRAME_HEIGHT)
    if max(table._rowHeights, default=0) > FRAME_HEIGHT * 0.75:  # noqa: SLF001 - measured
        table = make(24)
    return table


def _tallest_row_estimate(rows: list[list], widths: list[float]) -> float:
    """An upper estimate of the tallest row's height, from its cells' text lengths.

    Assumes every character as wide as the font size (real glyphs average about
    half that), counts every line break as a line of its own and adds a line per
    paragraph, so it errs on the tall side.
    """
    tallest = 0.0
    for row in rows:
        for cell, width in zip(row, widths):
            height = 0.0
            for flowable in cell if isinstance(cell, list) else [cell]:
                style = getattr(flowable, "style", None)
                if style is None:
                    return float("inf")  # not a paragraph: measure for real
                per_line = max(1.0, (width - 8) / style.fontSize)
                breaks = getattr(flowable, "text", "").count("<br/>")
                lines = 1 + breaks + len(flowable.getPlainText()) / per_line
                height += (lines + 1) * style.leading
            tallest = max(tallest, height + 8)
    return tallest


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

    def p(self, value: object, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of literal text (user text or not: both are escaped)."""
        return Paragraph(as_markup(value), style or self.styles.body)

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
        d.p(project.title.strip() or _("Untitled proposal"), s.title),
        d.p(_("Erasmus+ Sector Skills Alliance proposal · summary for sign-off"), s.subtitle),
        _verdict(d),
        Spacer(1, 8),
    ]
    rows = [
        (_("Acronym"), d.p(project.acronym or "–", s.cell_bold)),
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
        rows.append((_("Summary"), d.p(project.summary, s.cell)))
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


def _applicant_cell(d: _Doc) -> Paragraph:
    _ = d.gettext
    member = d.applicant
    if member is None:
        return d.p(_("No applicant chosen yet"), d.styles.cell)
    where = ", ".join(part for part in (member.city.strip(), d.country(member.country)) if part)
    name = member.name.strip() or _("Name not given")
    return d.markup(f"<b>{as_markup(name)}</b><br/>{as_markup(where)}", d.styles.cell)


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
    good = report.eligible and report.complete
    return Table([[cells]], colWidths=[WIDTH], hAlign="LEFT", style=TableStyle([
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
    """Members by country: programme countries first, then partner countries, then unknown."""
    groups: dict[str, list[Partner]] = {}
    for member in d.proposal.partners:
        groups.setdefault(member.country, []).append(member)

    def order(code: str) -> tuple:
        known = countries.is_known(code)
        rank = 0 if known and d.is_programme(code) else (1 if known else 2)
        return (rank, countries.sort_key(countries.name(code, d.lang) if known else code))

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
    details = " · ".join(as_markup(part) for part in (member.acronym.strip(),
                                                      member.city.strip()) if part)
    organisation = f"<b>{as_markup(name)}</b>"
    if details:
        organisation += f"<br/><font size=7.5 color='#5f6b7a'>{details}</font>"
    role = as_markup(labels.role(member.role, d.lang))
    if member.umbrella:
        role += "<br/><font size=7.5>" + as_markup(_("umbrella organisation")) + "</font>"
    value = [d.p(member.role_description, s.cell) if member.role_description.strip()
             else d.p(_("Not described yet"), s.empty)]
    if member.expertise.strip():
        label = as_markup(_("Expertise:"))
        value.append(d.markup(f"<i>{label}</i> {as_markup(member.expertise)}", s.cell_small))
    return [d.markup(organisation, s.cell),
            d.p(labels.category(member.category, d.lang), s.cell),
            d.markup(role, s.cell),
            d.p(member.pic.strip() or "–", s.cell),
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
                     d.p(d.partner_name(activity.lead) if activity.lead else "–", s.cell),
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
    cell = [d.markup(f"<b>{as_markup(title)}</b>", s.cell),
            d.p(labels.activity_kind(activity.kind, d.lang), s.cell_small)]
    for label, value in ((None, activity.description), (_("Evidence:"), activity.evidence),
                         (_("Purpose:"), activity.purpose)):
        if value.strip():
            prefix = f"<i>{as_markup(label)}</i> " if label else ""
            cell.append(d.markup(prefix + as_markup(value), s.cell))
    return cell


def _partners_cell(d: _Doc, activity: Activity) -> Paragraph:
    """The members taking part, by acronym where they have one, a few at most."""
    names = [d.partner_name(pid, short=True) for pid in activity.partners]
    if not names:
        return d.p("–", d.styles.cell)
    shown = ", ".join(as_markup(name) for name in names[:_MAX_NAMED_PARTNERS])
    if len(names) > _MAX_NAMED_PARTNERS:
        more = len(names) - _MAX_NAMED_PARTNERS
        shown += " <i>" + as_markup(d.ngettext("and {n} more", "and {n} more", more).format(
            n=more)) + "</i>"
    return d.markup(shown, d.styles.cell_small)


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
    for start in range(0, len(numbered), _TIMELINE_ROWS):
        story.append(_timeline_drawing(d, numbered[start:start + _TIMELINE_ROWS], months))
        story.append(Spacer(1, 4))
    return story


def _timeline_drawing(d: _Doc, rows: list[tuple[int, Activity]], months: int) -> Drawing:
    _ = d.gettext
    core = d.rulebook.core_activity_kinds if d.rulebook else frozenset()
    row_height, label_width = 14, 62 * mm
    axis_height = 24 if months > 12 else 14
    chart_width = WIDTH - label_width
    height = axis_height + row_height * len(rows) + 2
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
    for index, (number, activity) in enumerate(rows):
        y = top - (index + 1) * row_height
        title = _plain(activity.title) or _("Untitled activity")
        drawing.add(String(0, y + 4, _fit(f"{number}. {title}", FONT, 7.5, label_width - 6),
                           fontName=FONT, fontSize=7.5, fillColor=INK))
        drawing.add(Line(0, y, WIDTH, y, strokeColor=ZEBRA, strokeWidth=0.3))
        first, last = activity.start_month, activity.end_month
        if first is None or last is None or last < 1 or first > months:
            drawing.add(String(label_width + 3, y + 4, _("no valid period"), fontName=FONT_ITALIC,
                               fontSize=7, fillColor=BAD))
            continue
        wrong = first > last or first < 1 or last > months
        first, last = sorted((max(first, 1), min(last, months)))
        colour = BAD if wrong else (BAR_CORE if activity.kind in core else BAR)
        drawing.add(Rect(label_width + (first - 1) * per_month + 0.5, y + 3,
                         (last - first + 1) * per_month - 1, row_height - 6,
                         fillColor=colour, strokeColor=None))
    return drawing


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
        story.append(d.p(value, s.body) if value.strip()
                     else d.p(_("Not described yet."), s.empty))
    return story


def _findings(d: _Doc) -> list:
    _ = d.gettext
    s = d.styles
    report = d.report
    story = _heading(d, _("Findings"), s.h1, 50 * mm)
    if not report.findings:
        return story + [d.p(_("No findings: the proposal meets every rule the program checks."),
                            s.body)]
    errors, warnings, infos = (report.count(k) for k in ("error", "warning", "info"))
    story.append(d.p(" · ".join((
        d.ngettext("{n} error", "{n} errors", errors).format(n=errors),
        d.ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
        d.ngettext("{n} note", "{n} notes", infos).format(n=infos))), s.body))
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
            [d.p(messages.message(finding, d.lang), s.cell),
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
                  rowHeights=[None, 11 * mm, 11 * mm, 11 * mm, 20 * mm], hAlign="LEFT",
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
        Spacer(1, 4),
        table,
    ])]


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

def render(proposal: Proposal, report: Report, *, lang: str = "en", file_name: str = "",
           now: _dt.datetime | None = None) -> bytes:
    """The printed summary of ``proposal`` with its ``report``, as PDF bytes (A4).

    ``lang`` is the language of everything the program writes; ``file_name`` is
    shown in the footer (its last part only); ``now`` is the time printed as the
    moment it was made (default: the current time).
    """
    register_fonts()
    lang = i18n.normalize_language(lang)
    translation = i18n.translation(lang)
    _ = translation.gettext
    now = now or _dt.datetime.now()
    d = _Doc(proposal=proposal, report=report, lang=lang, gettext=_,
             ngettext=translation.ngettext, styles=_Styles(), rulebook=_rulebook(report))
    project = proposal.project
    applicant = d.applicant
    title = _plain(project.title) or _("Untitled proposal")
    decoration = _Decoration(
        heading=_plain(project.acronym),
        title=title,
        made=_("Made {date} with SSA Wizard {version}").format(
            date=now.strftime("%Y-%m-%d %H:%M"), version=__version__),
        file_name=_("File: {name}").format(name=_plain(PurePath(file_name).name))
        if file_name else "",
        page_label=_("Page {page} of {pages}"),
        draft=_draft_reason(report, _),
        draft_word=_("DRAFT"),
    )
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP + (4 * mm if decoration.draft else 0), bottomMargin=MARGIN_BOTTOM,
        title=f"{_plain(project.acronym)} – {title}" if project.acronym.strip() else title,
        author=_plain(applicant.name) if applicant else "",
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
        story += section(d)
    doc.build(story, canvasmaker=_canvas_class(decoration))
    return buffer.getvalue()

