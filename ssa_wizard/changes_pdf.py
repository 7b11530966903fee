"""The printed list of changes: a ``compare.Comparison`` -> the bytes of an A4 PDF.

For the director who signed one version: what changed since, and whether the verdict
did, in the same look as the summary (``pdf``'s stylesheet, tables, fonts, header and
footer). Both fingerprints are on it: on the first page and in every footer, so the
sheet can be laid beside the signed summary and the Review page. Texts print whole,
escaped and in pieces as in the summary (``pdf._Doc.text``). A pure function, like
``pdf.render``; ReportLab is imported only when a PDF is asked for.
"""

from __future__ import annotations

import datetime as _dt
import io
from collections.abc import Callable
from pathlib import PurePath

from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer, Table

from . import __version__
from .compare import WHATS, Change, Comparison, Reader
from .pdf import (FONT, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, WIDTH,
                  A4, _canvas_class, _Decoration, _Doc, _plain, _Styles, _table, begin,
                  verdict_box)


def render_changes(comparison: Comparison, *, lang: str = "en", old_name: str = "",
                   new_name: str = "", now: _dt.datetime | None = None,
                   cancelled: Callable[[], bool] | None = None) -> bytes:
    """The changes from ``comparison.old`` to ``comparison.new`` as PDF bytes (A4).

    ``old_name`` and ``new_name`` say where each version came from (a file's last part
    is printed); ``cancelled`` is asked between the sections (``pdf.Cancelled``).
    """
    check_cancelled, lang, translation = begin(lang, cancelled)
    _ = translation.gettext
    reader = Reader(comparison, lang)
    new = comparison.new
    d = _Doc(proposal=new, report=None, lang=lang, gettext=_,  # type: ignore[arg-type]
             ngettext=translation.ngettext, styles=_Styles(), rulebook=None)
    s = d.styles
    old_print, new_print = comparison.fingerprints
    now = now or _dt.datetime.now()
    decoration = _Decoration(
        heading=_plain(new.project.acronym),
        title=_plain(new.project.title) or _("Untitled proposal"),
        made=_("Made {date} with SSA Wizard {version}").format(
            date=now.strftime("%Y-%m-%d %H:%M"), version=__version__),
        file_name=_("Changes from version {old} to version {new}").format(
            old=old_print, new=new_print),
        page_label=_("Page {page} of {pages}"),
        draft="", draft_word="",
        version=_("Version {fingerprint}").format(fingerprint=new_print),
    )

    story: list = [
        *d.text(new.project.title.strip() or _("Untitled proposal"), s.title),
        d.p(_("Changes to the proposal since an earlier version"), s.subtitle),
        _versions(d, comparison, old_name, new_name),
        Spacer(1, 8),
        _verdict_box(d, reader, comparison),
        Spacer(1, 6),
        d.p(reader.summary(), s.body),
    ]
    for what in WHATS:
        check_cancelled()
        changes = comparison.of(what)
        if changes:
            story += [d.p(reader.group_title(what), s.h1), _changes_table(d, reader, changes)]

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=_("Changes from version {old} to version {new}").format(old=old_print,
                                                                      new=new_print),
        subject=_("Changes to an Erasmus+ Sector Skills Alliance proposal"),
        creator=f"SSA Wizard {__version__}", lang=lang, initialFontName=FONT)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="content",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    check_cancelled()
    doc.build(story, canvasmaker=_canvas_class(decoration))
    check_cancelled()
    return buffer.getvalue()


def _versions(d: _Doc, comparison: Comparison, old_name: str, new_name: str) -> Table:
    """Before and now: each version's code, where it came from and its verdict."""
    _ = d.gettext
    s = d.styles
    rows: list[list] = [[d.p(_("Version"), s.head), d.p(_("Code"), s.head), d.p(_("File"), s.head),
             d.p(_("Eligible"), s.head), d.p(_("Complete"), s.head)]]
    for label, code, name, verdict in (
            (_("Before"), comparison.fingerprints[0], old_name, comparison.verdicts[0]),
            (_("Now"), comparison.fingerprints[1], new_name, comparison.verdicts[1])):
        rows.append([d.p(label, s.cell_bold), d.p(code, s.cell_bold),
                     d.text(PurePath(name).name if name else "–", s.cell),
                     d.p(_("yes") if verdict.eligible else _("no"), s.cell),
                     d.p(_("yes") if verdict.complete else _("no"), s.cell)])
    return _table(rows, [24 * mm, 26 * mm, WIDTH - 94 * mm, 22 * mm, 22 * mm])


def _verdict_box(d: _Doc, reader: Reader, comparison: Comparison) -> Table:
    """The verdict change, on top: green when the new version is eligible and complete."""
    new = comparison.verdicts[1]
    return verdict_box(d.text(reader.verdict(), d.styles.verdict),
                       good=new.eligible and new.complete)


def _changes_table(d: _Doc, reader: Reader, changes: list[Change]) -> Table:
    """One row per field changed (whole texts), one per member or activity added or removed."""
    _ = d.gettext
    s = d.styles
    rows: list[list] = [[d.p(_("What"), s.head), d.p(_("Field"), s.head),
                         d.p(_("Before"), s.head), d.p(_("Now"), s.head)]]
    for change in changes:
        what = "" if change.what in ("project", "plans") else reader.headline(change)
        if change.change != "changed":
            before, after = (("–", _("added")) if change.change == "added"
                             else (_("removed"), "–"))
            rows.append([d.text(what, s.cell_bold), d.p("", s.cell), d.p(before, s.cell),
                         d.p(after, s.cell)])
            continue
        for index, (field, old, new) in enumerate(change.fields):
            rows.append([d.text(what if index == 0 else "", s.cell_bold),
                         d.p(reader.field_label(change.what, field), s.cell),
                         d.text(reader.value(change.what, field, old, 0), s.cell),
                         d.text(reader.value(change.what, field, new, 1), s.cell)])
    return _table(rows, [38 * mm, 30 * mm, (WIDTH - 68 * mm) / 2, (WIDTH - 68 * mm) / 2],
                  zebra=True)
