"""Each paragraph of the PDF is broken into lines once per width, and the print is the
same as when ReportLab broke it again at every measuring (``pdf.Paragraph``)."""

from __future__ import annotations

import datetime as _dt
import importlib.util
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab import rl_config

from ssa_wizard import pdf, storage
from ssa_wizard.model import Proposal
from ssa_wizard.resources import resource_path
from ssa_wizard.rules import check

from .test_pdf import ARABIC, HEBREW_TEXT

ROOT = Path(__file__).resolve().parents[2]
NOW = _dt.datetime(2027, 1, 2, 3, 4)


def _generated(members: int) -> Proposal:
    spec = importlib.util.spec_from_file_location("make_proposal", ROOT / "benchmarks" / "make_proposal.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate(members=members)


@pytest.fixture(scope="module")
def many() -> Proposal:
    """Tables split over many pages: the case where ReportLab measures most often."""
    proposal = _generated(99)
    proposal.partners[0].name = ARABIC  # right-to-left text: _VisualParagraph
    proposal.partners[1].role_description = HEBREW_TEXT * 3
    proposal.partners[2].role_description = "A long text. " * 400  # a row cut into pieces
    return proposal


@pytest.fixture
def breaks(monkeypatch) -> tuple[Counter, set]:
    """How often each paragraph was broken into lines at each width, and the paragraphs
    whose lines a split dropped (ReportLab's ``split`` does when none fit the room)."""
    counts: Counter = Counter()
    dropped: set = set()
    kept_alive = []  # so that no id is used again by another paragraph
    real_break, real_split = pdf._ReportLabParagraph.breakLines, pdf._ReportLabParagraph.split

    def counting(self, widths):
        kept_alive.append(self)
        counts[(id(self), tuple(widths))] += 1
        return real_break(self, widths)

    def splitting(self, width, height):
        parts = real_split(self, width, height)
        if "blPara" not in self.__dict__:
            dropped.add(id(self))
        return parts

    monkeypatch.setattr(pdf._ReportLabParagraph, "breakLines", counting)
    monkeypatch.setattr(pdf._ReportLabParagraph, "split", splitting)
    return counts, dropped


def _render(proposal: Proposal, lang: str = "en") -> bytes:
    return pdf.render(proposal, check(proposal), lang=lang, file_name="p.ssa.json", now=NOW)


def test_no_paragraph_is_broken_into_lines_twice_at_one_width(many, breaks):
    counts, dropped = breaks
    _render(many)
    assert len(counts) > 1000
    again = {key: n for key, n in counts.items() if n > 1 and key[0] not in dropped}
    assert again == {}


def test_without_the_kept_lines_reportlab_breaks_most_of_them_again(many, breaks, monkeypatch):
    """The count above can fail: ReportLab on its own breaks the cells' lines twice or more."""
    counts, dropped = breaks
    monkeypatch.setattr(pdf.Paragraph, "wrap", pdf._ReportLabParagraph.wrap)
    _render(many)
    again = sum(1 for key, n in counts.items() if n > 1 and key[0] not in dropped)
    assert again > len(counts) // 2


def _pages(data: bytes) -> list[bytes]:
    """Each page's drawing operations, with runs of white space between them made one."""
    reader = PdfReader(io.BytesIO(data))
    return [re.sub(rb"\s+", b" ", page.get_contents().get_data()) for page in reader.pages]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_print_is_the_same_as_when_every_measuring_broke_the_lines_again(
        many, monkeypatch, lang):
    monkeypatch.setattr(rl_config, "invariant", 1)  # no creation time or random id in the bytes
    examples = [storage.load(resource_path("examples", name)).proposal
                for name in ("digiretail.ssa.json", "greenstay-draft.ssa.json")]
    kept = [_render(proposal, lang) for proposal in (*examples, many)]
    monkeypatch.setattr(pdf.Paragraph, "wrap", pdf._ReportLabParagraph.wrap)
    again = [_render(proposal, lang) for proposal in (*examples, many)]
    assert kept[:2] == again[:2]  # byte for byte
    # The large one: ReportLab writes a few more spaces between two operators when
    # it breaks a line with a cut long word a second time; the drawing is the same.
    assert len(_pages(kept[2])) > 15
    assert _pages(kept[2]) == _pages(again[2])
