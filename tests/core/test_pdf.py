"""The printed summary: what it says, that user text prints as typed, and when it is a DRAFT."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys

import pytest
from pypdf import PdfReader

from ssa_wizard import __version__, pdf, storage
from ssa_wizard.model import Activity, Partner, Plans, Project, Proposal
from ssa_wizard.resources import resource_path
from ssa_wizard.rules import check

NOW = dt.datetime(2026, 11, 28, 14, 5)
INJECTIONS = ["R&D <Labs> & Co", "<b>x", '<img src="/etc/passwd">', "&amp;"]


def example(name: str) -> Proposal:
    return storage.load(resource_path("examples", name)).proposal


def render(proposal: Proposal, **kwargs) -> PdfReader:
    kwargs.setdefault("now", NOW)
    data = pdf.render(proposal, check(proposal), **kwargs)
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def pages_text(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def squashed(value: str) -> str:
    """Text without any white space, to compare across line wraps."""
    return re.sub(r"\s+", "", value)


def eligible_complete() -> Proposal:
    proposal = example("digiretail.ssa.json")
    report = check(proposal)
    assert report.eligible and report.complete
    return proposal


# --- contents ------------------------------------------------------------------------------

def test_eligible_example_has_every_section_and_no_draft_mark():
    proposal = eligible_complete()
    reader = render(proposal, lang="en", file_name="/home/anouk/digiretail.ssa.json")
    texts = pages_text(reader)
    everything = "\n".join(texts)
    for expected in ("Digital skills for small retailers", "DIGIRETAIL", "Commerce",
                     "Improve the level of skills and qualifications", "36 months",
                     "2027-01-01", "ROC Midden Nederland", "Eligible: yes · Complete: yes",
                     "The consortium by country", "Members", "Activities", "Timeline",
                     "Year 3", "Plans", "Findings", "Sign-off", "Prepared by", "Approved by",
                     "Signature", "Programme countries involved"):
        assert expected in everything, expected
    assert "DRAFT" not in everything
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text
        assert "DIGIRETAIL" in text  # the header
        assert f"SSA Wizard {__version__}" in text
        assert "Made 2026-11-28 14:05" in text
        assert "File: digiretail.ssa.json" in text
    assert "/home/anouk" not in everything  # only the file's name is printed


def test_metadata():
    proposal = eligible_complete()
    reader = render(proposal, lang="en")
    meta = reader.metadata
    assert meta.title == "DIGIRETAIL – Digital skills for small retailers"
    assert meta.author == "ROC Midden Nederland"
    assert "Sector Skills Alliance" in meta.subject
    assert meta.creator == f"SSA Wizard {__version__}"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_minimums_and_grid_marks_of_a_draft():
    reader = render(example("greenstay-draft.ssa.json"), lang="en")
    first = pages_text(reader)[0]
    assert "Eligible: no · Complete: no" in first
    assert "At least nine full participants" in first  # what is missing, by rule title
    assert "✗ no" in first and "✓ yes" in first
    assert "✗ missing" in first
    assert "Switzerland (CH)" in first and "partner country" in first
    assert "Greece (EL)" in first  # the EU's spelling


def test_umbrella_exemption_is_shown_in_the_grid():
    proposal = eligible_complete()
    umbrella = proposal.partners[0].model_copy(update={
        "id": "u1", "name": "Retail Europe", "country": "BE", "umbrella": True, "role": "full",
        "pic": "999999999", "category": "sector_expertise"})
    proposal.partners.append(umbrella)
    text = "\n".join(pages_text(render(proposal)))
    assert "Belgium (BE)" in text
    assert "exempt" in text
    assert "umbrella organisation" in text  # in the members table


def test_members_are_grouped_by_country_programme_countries_first():
    text = "\n".join(pages_text(render(eligible_complete())))
    germany = text.index("Germany (DE): programme country")
    poland = text.index("Poland (PL): programme country")
    switzerland = text.index("Switzerland (CH): partner country")
    assert germany < poland < switzerland


# --- user text comes out as typed ------------------------------------------------------------

NAMES = ["Łódź", "Győr", "Ștefan", "Αθήνα", "Київ"]


def unicode_proposal() -> Proposal:
    proposal = eligible_complete()
    for member, name in zip(proposal.partners, NAMES):
        member.name = f"{name} Centre"
        member.city = name
    proposal.project.summary = "\n".join(INJECTIONS)
    proposal.partners[5].name = INJECTIONS[0]
    proposal.partners[6].role_description = "\n".join(INJECTIONS)
    proposal.activities[0].title = INJECTIONS[1]
    proposal.plans.innovation = INJECTIONS[2] + "\n" + INJECTIONS[3]
    return proposal


def test_european_scripts_print_as_typed():
    text = "\n".join(pages_text(render(unicode_proposal())))
    for name in NAMES:
        assert f"{name} Centre" in text


def test_injection_strings_print_literally():
    proposal = unicode_proposal()
    text = "\n".join(pages_text(render(proposal)))
    lines = set(line.strip() for line in text.splitlines())
    for injection in INJECTIONS:
        assert injection in lines, injection
    assert "&amp;amp;" not in text
    assert "R&D; Co" not in text


def test_line_breaks_are_kept():
    proposal = eligible_complete()
    proposal.plans.sustainability = "First line\nSecond line\r\nThird line"
    text = pages_text(render(proposal))
    lines = [line.strip() for line in "\n".join(text).splitlines()]
    at = lines.index("First line")
    assert lines[at + 1:at + 3] == ["Second line", "Third line"]


def test_control_characters_do_not_break_the_document():
    assert pdf.as_markup("a\x00b\x1bc\td") == "a b c d"
    assert pdf.as_markup("x\ny\r\nz") == "x<br/>y<br/>z"
    assert pdf.as_markup("<b>&amp;") == "&lt;b&gt;&amp;amp;"


def test_long_words_and_urls_wrap_inside_their_cells():
    proposal = eligible_complete()
    url = "https://example.org/" + "very-long-path-segment/" * 20 + "end"
    word = "Donaudampfschifffahrtsgesellschaftskapitän" * 4
    proposal.partners[1].role_description = f"See {url} for details."
    proposal.partners[2].name = word
    proposal.activities[0].description = url
    reader = render(proposal)
    text = squashed("".join(pages_text(reader)))
    assert squashed(url) in text
    assert word in text
    assert len(reader.pages) <= 6


def test_very_long_text_splits_across_pages():
    proposal = eligible_complete()
    proposal.partners[0].role_description = "\n".join(
        f"Paragraph {n}: the applicant coordinates this part of the work." for n in range(400))
    reader = render(proposal)
    text = "\n".join(pages_text(reader))
    assert "Paragraph 0:" in text and "Paragraph 399:" in text
    assert 8 <= len(reader.pages) <= 20


@pytest.mark.parametrize("field", ["role_description", "name"])
def test_a_cell_of_many_short_lines_still_splits(field):
    """Row heights are first estimated from text lengths; short lines must count as lines."""
    proposal = eligible_complete()
    setattr(proposal.partners[0], field, "\n".join(["first", *"x" * 300, "last"]))
    reader = render(proposal)
    text = "\n".join(pages_text(reader))
    assert "first" in text and "last" in text
    assert len(reader.pages) >= 5


def test_embedded_dejavu_is_the_only_font():
    reader = render(unicode_proposal())
    used: set[str] = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            base = str(font["/BaseFont"])
            used.add(base.split("+", 1)[-1])
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{base} is not embedded"
    assert used <= {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique",
                    "DejaVuSans-BoldOblique"}
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= used


def test_all_four_faces_are_registered_as_a_family():
    from reportlab.lib.fonts import tt2ps

    pdf.register_fonts()
    pdf.register_fonts()  # a second call is harmless
    assert tt2ps(pdf.FONT, 0, 0) == pdf.FONT
    assert tt2ps(pdf.FONT, 1, 0) == pdf.FONT_BOLD
    assert tt2ps(pdf.FONT, 0, 1) == pdf.FONT_ITALIC
    assert tt2ps(pdf.FONT, 1, 1) == pdf.FONT_BOLD_ITALIC
    for face in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
                 "DejaVuSans-BoldOblique.ttf", "LICENSE-DejaVu.txt"):
        assert resource_path("fonts", face).is_file()


# --- the DRAFT mark ------------------------------------------------------------------------

def test_draft_mark_on_every_page_when_not_eligible():
    proposal = example("greenstay-draft.ssa.json")
    assert not check(proposal).eligible
    texts = pages_text(render(proposal))
    assert len(texts) >= 2
    for text in texts:
        assert "DRAFT – not eligible" in text


def test_draft_mark_on_every_page_when_eligible_but_not_complete():
    proposal = eligible_complete()
    proposal.plans = Plans(**{**proposal.plans.model_dump(), "recognition": ""})
    report = check(proposal)
    assert report.eligible and not report.complete
    texts = pages_text(render(proposal))
    for text in texts:
        assert "DRAFT – not complete" in text
    assert "Recognition of the skills" in texts[0]


def test_empty_draft_renders():
    proposal = Proposal.new()
    texts = pages_text(render(proposal))
    everything = "\n".join(texts)
    assert "Untitled proposal" in everything
    assert "No members yet." in everything
    assert "No activities yet." in everything
    assert all("DRAFT" in text for text in texts)


# --- a large consortium ------------------------------------------------------------------------

COUNTRIES = ["NL", "DE", "PL", "BE", "FR", "IT", "ES", "AT", "HU", "RO", "GR", "UA"]
CATEGORIES = ["vet_provider", "sector_expertise", "regulatory_body"]


def large_proposal(members: int = 300) -> Proposal:
    partners = []
    for n in range(members):
        country = COUNTRIES[n % len(COUNTRIES)]
        partners.append(Partner(
            id=f"p{n + 1}", name=f"Member {n + 1:03d} of the alliance", country=country,
            city="Київ" if country == "UA" else "Győr", pic=f"{100000000 + n}",
            category=CATEGORIES[n % 3], role="applicant" if n == 0 else (
                "associated" if country == "UA" else "full"),
            role_description="Runs pilot courses and brings in the employers of its region."))
    activities = [Activity(id=f"a{k + 1}", kind="curriculum_design", title=f"Work package {k + 1}",
                           lead=f"p{k + 1}", partners=[p.id for p in partners[k::30]],
                           start_month=1 + k % 30, end_month=min(36, 6 + k % 30 + 3))
                  for k in range(30)]
    return Proposal(format="ssa-proposal", version=1, language="en",
                    project=Project(title="A very large alliance", acronym="LARGE",
                                    sector="ict", duration_months=36, start_date="2027-01-01",
                                    objectives=["language_learning"]),
                    partners=partners, activities=activities,
                    plans=Plans(quality_assurance="QA", recognition="R", sustainability="S",
                                innovation="I"))


def test_300_members_build_with_repeated_table_headers():
    proposal = large_proposal()
    reader = render(proposal)
    texts = pages_text(reader)
    assert 10 <= len(texts) <= 60
    first_seen: dict[int, int] = {}
    for index, text in enumerate(texts[1:], start=1):  # the cover names the applicant
        for n in map(int, re.findall(r"Member (\d{3})\s+of\s+the\s+alliance", text)):
            first_seen.setdefault(n, index)
    assert len(first_seen) == 300
    member_pages = range(min(first_seen.values()), max(first_seen.values()) + 1)
    assert len(member_pages) >= 5
    for index in member_pages:
        assert "Role and added value" in texts[index], f"no table header on page {index + 1}"
    assert "Ukraine (UA): partner country · 25 members" in "\n".join(texts)


# --- language ---------------------------------------------------------------------------------

def test_dutch_summary_uses_dutch_country_names_and_language_tag():
    reader = render(eligible_complete(), lang="nl")
    text = "\n".join(pages_text(reader))
    assert "Duitsland (DE)" in text
    assert "Polen (PL)" in text
    assert reader.trailer["/Root"]["/Lang"] == "nl"


def test_unknown_language_falls_back_to_english():
    reader = render(eligible_complete(), lang="xx")
    assert "Germany (DE)" in "\n".join(pages_text(reader))


# --- import discipline -------------------------------------------------------------------------

@pytest.mark.parametrize("module", ["ssa_wizard", "ssa_wizard.cli"])
def test_reportlab_is_not_imported_until_a_pdf_is_asked_for(module):
    code = f"import sys, {module}; print('reportlab' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"
