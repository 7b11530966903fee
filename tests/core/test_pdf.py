"""The printed summary: what it says, that user text prints as typed, and when it is a DRAFT."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import unicodedata

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


@pytest.mark.parametrize(("file_name", "saved", "lang", "footer"), [
    ("/home/anouk/digiretail.ssa.json", False, "en",
     "File: digiretail.ssa.json, with changes not saved yet"),
    ("digiretail.ssa.json", False, "nl",
     "Bestand: digiretail.ssa.json, met wijzigingen die nog niet zijn opgeslagen"),
    ("", False, "en", "Not saved to a file yet"),
    ("", False, "nl", "Nog niet in een bestand opgeslagen"),
])
def test_a_summary_of_unsaved_edits_says_so_on_every_page(file_name, saved, lang, footer):
    texts = pages_text(render(eligible_complete(), lang=lang, file_name=file_name, saved=saved))
    assert all(footer in " ".join(text.split()) for text in texts)


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
    for member, name in zip(proposal.partners, NAMES, strict=False):
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


# --- any text of any length prints (issue #15) ---------------------------------------------

LONG = "word " * 4500  # ReportLab's "Flowable too large" before the fix, in a table cell


def long_text(tag: str) -> str:
    return f"Start{tag} {LONG}End{tag}"


def set_field(proposal: Proposal, field: str, value: str) -> None:
    target, name = field.split(".")
    record = {"project": proposal.project, "plans": proposal.plans,
              "member": proposal.partners[1], "activity": proposal.activities[0]}[target]
    setattr(record, name, value)


USER_FIELDS = ["project.title", "project.summary", "project.acronym", "plans.quality_assurance",
               "plans.recognition", "plans.sustainability", "plans.innovation", "member.name",
               "member.acronym", "member.city", "member.pic", "member.role_description",
               "member.expertise", "activity.title", "activity.description",
               "activity.evidence", "activity.purpose"]


@pytest.mark.parametrize("field", USER_FIELDS)
def test_a_very_long_text_in_any_field_prints_whole(field):
    proposal = eligible_complete()
    tag = field.replace(".", "").replace("_", "")
    set_field(proposal, field, long_text(tag))
    reader = render(proposal)
    text = "\n".join(pages_text(reader))
    assert f"Start{tag}" in text and f"End{tag}" in text
    assert len(reader.pages) >= 8  # 4,500 words take pages, wherever they are


def test_a_very_long_objective_code_prints():
    proposal = eligible_complete()
    proposal.project.objectives = [long_text("Objective")]
    text = "\n".join(pages_text(render(proposal)))
    assert "StartObjective" in text and "EndObjective" in text


def test_a_long_summary_is_cut_into_rows_without_losing_or_repeating_a_word():
    proposal = eligible_complete()
    proposal.project.summary = " ".join(f"w{n}" for n in range(6000))
    reader = render(proposal)
    words = re.findall(r"\bw(\d+)\b", "\n".join(pages_text(reader)))
    assert [int(n) for n in words] == list(range(6000))


def test_long_member_names_split_in_every_table_they_are_in():
    proposal = eligible_complete()
    proposal.partners[0].name = long_text("Applicant")  # cover, members, activities' lead
    proposal.partners[0].acronym = ""
    reader = render(proposal)
    text = "\n".join(pages_text(reader))
    assert text.count("StartApplicant") >= 3
    assert text.count("EndApplicant") == text.count("StartApplicant")


class Recorded(pdf.Paragraph):
    """ReportLab's Paragraph, noting every text it is given."""

    texts: list[str] = []

    def __init__(self, text, *args, **kwargs):
        if text is not None:
            Recorded.texts.append(text)
        super().__init__(text, *args, **kwargs)


@pytest.fixture
def recorded(monkeypatch):
    Recorded.texts = []
    monkeypatch.setattr(pdf, "Paragraph", Recorded)
    return Recorded.texts


def longest_run(texts: list[str]) -> int:
    return max((len(run) for text in texts for run in re.split(r"\s|<br/>", text)), default=0)


def test_a_megabyte_unbroken_title_reaches_reportlab_capped(recorded):
    proposal = eligible_complete()
    proposal.project.title = "x" * 1_000_000
    reader = render(proposal)
    # Bounded work: no run ReportLab would split letter by letter, page after page.
    assert longest_run(recorded) <= pdf.MAX_RUN + 1
    assert sum(map(len, recorded)) < 100_000
    text = "\n".join(pages_text(reader))
    assert "x" * 100 + "…" in squashed(text)
    assert "…[999000morecharactersnotprinted]" in squashed(text)
    assert reader.metadata.title == "DIGIRETAIL – " + "x" * 400


def test_a_huge_text_reaches_reportlab_in_bounded_pieces(recorded):
    proposal = eligible_complete()
    proposal.plans.innovation = "word " * 60_000
    proposal.partners[0].role_description = "line\n" * 6_000
    reader = render(proposal)
    words = [text for text in recorded if "word" in text]
    lines = [text for text in recorded if "line" in text]
    assert max(map(len, words)) <= pdf.CHUNK
    assert len(words) >= 300_000 // pdf.CHUNK
    assert max(text.count("<br/>") for text in lines) < pdf.CHUNK_LINES
    assert len(lines) >= 6_000 // pdf.CHUNK_LINES
    text = "\n".join(pages_text(reader))
    assert text.count("word") == 60_000 and text.count("line") >= 6_000


def test_cap_runs_says_how_much_is_left_out():
    assert pdf.as_markup("a" * (pdf.MAX_RUN + 5) + " b") == "a" * pdf.MAX_RUN + "… b"
    assert pdf.as_markup("a" * pdf.MAX_RUN) == "a" * pdf.MAX_RUN  # a run that fits is kept


# --- scripts ----------------------------------------------------------------------------------

ARABIC = "جامعة القاهرة للتكنولوجيا"
HEBREW = "אוניברסיטת תל אביב"
HEBREW_TEXT = ("המרכז מוביל את פיתוח תוכנית הלימודים ומלווה את ההכשרה המעשית של המורים "
               "בכל בתי הספר המשתתפים בפרויקט, כולל הערכה סופית")


def logical(text: str) -> str:
    """Extracted text with Arabic presentation forms folded back to letters.

    pypdf puts right-to-left text back into reading order when it extracts it.
    """
    return unicodedata.normalize("NFKC", text)


def test_arabic_and_hebrew_print_joined_and_in_reading_order():
    proposal = eligible_complete()
    proposal.partners[1].name = ARABIC
    proposal.partners[2].name = HEBREW
    proposal.partners[2].role_description = HEBREW_TEXT
    text = "\n".join(pages_text(render(proposal)))
    # Joined: the Arabic letters print in their initial, medial and final forms.
    assert any("\ufe70" <= char <= "\ufeff" for char in text)
    assert ARABIC in logical(text)
    assert HEBREW in text
    # A wrapped right-to-left text prints its first words on its first line.
    lines = [line.strip() for line in text.splitlines()]
    first = next(n for n, line in enumerate(lines) if line.startswith("המרכז"))
    last = next(n for n, line in enumerate(lines) if line.endswith("הערכה סופית"))
    assert first < last
    assert squashed(" ".join(lines[first:last + 1])) == squashed(HEBREW_TEXT)


def test_characters_no_font_has_print_as_a_visible_mark_and_are_listed():
    proposal = eligible_complete()
    proposal.partners[1].name = "北京大学 Centre"
    proposal.activities[0].description = "Kick-off in กรุงเทพ"
    text = "\n".join(pages_text(render(proposal)))
    assert "\ufffd\ufffd\ufffd\ufffd Centre" in text
    assert "北" not in text and "ก" not in text
    found = pdf.unprintable(proposal, "en")
    assert [(u.place, u.field, u.characters) for u in found] == [
        ("Member “北京大学 Centre”", "name", "北京大学"),
        ("Activity 1 “Skills needs survey in three countries”", "description", "กรุงเทพ"),
    ]
    assert found[0].message == "Member “北京大学 Centre”, name: 北 京 大 学"
    dutch = pdf.unprintable(proposal, "nl")
    assert dutch[0].place == "Lid “北京大学 Centre”" and dutch[0].field == "naam"


def test_nothing_is_listed_for_european_arabic_and_hebrew_text():
    proposal = unicode_proposal()
    proposal.partners[1].name = ARABIC
    proposal.partners[2].name = HEBREW + "\u200f"  # a direction mark: invisible, not missing
    assert pdf.unprintable(proposal, "en") == []


# --- cancelling and progress --------------------------------------------------------------

def test_render_stops_when_cancelled_during_layout():
    proposal = large_proposal(120)
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 30  # well into the layout, after the sections are built

    with pytest.raises(pdf.Cancelled):
        pdf.render(proposal, check(proposal), now=NOW, cancelled=cancelled)
    assert len(asked) == 31  # it stopped at once


def test_render_reports_progress_up_to_the_end():
    proposal = eligible_complete()
    seen: list[tuple[int, int]] = []
    pdf.render(proposal, check(proposal), now=NOW, progress=lambda done, total: seen.append(
        (done, total)))
    assert len(seen) > 10
    assert [done for done, _total in seen] == sorted(done for done, _total in seen)
    assert seen[-1][0] == seen[-1][1]


def test_a_pic_written_with_spaces_prints_as_its_nine_digits_and_a_wrong_one_as_typed():
    proposal = eligible_complete()
    proposal.partners[0].pic = "949 123-456"
    proposal.partners[1].pic = "12-34"
    text = "\n".join(pages_text(render(proposal, lang="en")))
    assert "949123456" in text and "949 123-456" not in text
    assert "12-34" in text


def test_an_activity_names_every_participant_of_a_real_alliance():
    """A new-user trial found one of nine participants left out ('and 1 more') of the
    summary to be signed."""
    proposal = eligible_complete()
    activity = proposal.activities[0]
    activity.partners = [p.id for p in proposal.partners]
    assert 9 <= len(activity.partners) <= pdf._MAX_NAMED_PARTNERS
    text = " ".join(" ".join(pages_text(render(proposal, lang="en"))).split())
    assert "more" not in text.split("Timeline")[0].split("Activities")[-1]
    for member in proposal.partners:
        assert (member.acronym or member.name) in text
