"""The printed summary: the applicant first, contacts in the member table, whole timeline
labels, and a sign-off that shares the last page whenever it fits there."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from ssa_wizard import pdf, storage
from ssa_wizard.model import Activity, Partner, Proposal
from ssa_wizard.resources import resource_path
from ssa_wizard.rules import check


def _example() -> Proposal:
    return storage.load(resource_path("examples", "digiretail.ssa.json")).proposal


def _reader(proposal: Proposal, lang: str = "en") -> PdfReader:
    return PdfReader(io.BytesIO(pdf.render(proposal, check(proposal), lang=lang)))


def _lines(reader: PdfReader) -> list[str]:
    return [line for page in reader.pages for line in page.extract_text().splitlines()]


def _first_member(lines: list[str], heading: str, proposal: Proposal) -> str:
    """The name of the first member row printed under ``heading``."""
    names = [p.name for p in proposal.partners]
    after = lines[lines.index(heading):]
    return next(name for line in after for name in names if line.startswith(name))


def test_the_applicant_is_the_first_member_then_its_country_then_the_others():
    proposal = Proposal.new()
    proposal.partners = [
        Partner(id="p1", name="Aachen Handwerk", country="DE", category="sector_expertise"),
        Partner(id="p2", name="Zuyd Retail", country="NL", category="regulatory_body"),
        Partner(id="p3", name="Amsterdam ROC", country="NL", category="vet_provider",
                role="applicant"),
        Partner(id="p4", name="Bruxelles Formation", country="BE", category="vet_provider"),
    ]
    lines = _lines(_reader(proposal))
    start = lines.index("Members")
    order = [name for name in ("Amsterdam ROC", "Zuyd Retail", "Bruxelles Formation",
                               "Aachen Handwerk")]
    positions = [next(i for i, line in enumerate(lines) if i > start and line.startswith(name))
                 for name in order]
    assert positions == sorted(positions)
    assert _first_member(lines, "Members", proposal) == "Amsterdam ROC"


def test_the_example_prints_its_applicant_first():
    proposal = _example()
    applicant = next(p for p in proposal.partners if p.role == "applicant")
    lines = _lines(_reader(proposal, "nl"))
    assert _first_member(lines, "Leden", proposal) == applicant.name


def test_contact_person_and_email_are_in_the_member_table():
    proposal = _example()
    proposal.partners[1].contact_name = "Jan de Vries"
    proposal.partners[1].contact_email = "jan@detailhandel.example"
    text = "".join(page.extract_text() for page in _reader(proposal).pages).replace("\n", " ")
    emails = [p.contact_email for p in proposal.partners if p.contact_email]
    assert len(emails) >= 3
    for email in emails:
        assert email in text
    assert "Contact: Jan de Vries · jan@detailhandel.example" in text


def test_timeline_labels_are_printed_in_full():
    proposal = _example()
    long_title = ("Joint curriculum for digital retail, designed with the regulators of every "
                  "country involved and the sector organisations")
    proposal.activities[1].title = long_title
    reader = _reader(proposal)
    timeline = next(page.extract_text() for page in reader.pages
                    if "Timeline" in page.extract_text())
    words = timeline.split("Timeline", 1)[1]
    assert " ".join(words.split()).count("sector organisations") >= 1
    # Every word of the title is in the timeline, none cut with an ellipsis.
    tail = " ".join(words.split())
    assert "2. Joint curriculum for digital retail, designed" in tail
    assert "involved and the sector organisations" in tail


def test_many_long_titles_still_fit_the_pages():
    proposal = _example()
    proposal.activities = [
        Activity(id=f"a{i}", kind="management", title="A very long activity title " * 6,
                 start_month=1, end_month=12) for i in range(1, 41)]
    reader = _reader(proposal)  # a drawing taller than a page would raise LayoutError
    assert len(reader.pages) > 4


def _text_positions(page) -> list[tuple[float, str]]:
    found = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            found.append((tm[5] * cm[3] + cm[5], text.strip()))

    page.extract_text(visitor_text=visit)
    return [(y, t) for y, t in found if y > pdf.MARGIN_BOTTOM + 5]  # not the footer


@pytest.mark.parametrize("sentences", range(0, 40, 4))
def test_the_sign_off_goes_to_a_page_of_its_own_only_when_it_does_not_fit(sentences):
    proposal = _example()
    proposal.plans.innovation = " ".join(["More words about the innovation."] * sentences * 3)
    reader = _reader(proposal)
    last = _text_positions(reader.pages[-1])
    assert any(text == "Sign-off" for _y, text in last)
    if last[0][1] != "Sign-off":
        return  # it shares its page with what comes before
    # Alone on its page: the page before had less room than the block's text alone takes.
    block = max(y for y, _t in last) - min(y for y, _t in last)
    room = min(y for y, _t in _text_positions(reader.pages[-2])) - pdf.MARGIN_BOTTOM
    assert room < block, f"{room:.0f} pt free on the page before, the block needs {block:.0f}"
