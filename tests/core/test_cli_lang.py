"""``check --lang nl`` and ``pdf --lang nl`` speak Dutch throughout; counts use plurals."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from ssa_wizard import i18n, storage
from ssa_wizard.cli import EXIT_ERRORS, EXIT_OK, main, report_as_text
from ssa_wizard.resources import resource_path
from ssa_wizard.rules import check

GREENSTAY = str(resource_path("examples", "greenstay-draft.ssa.json"))

#: English words that must not be left in Dutch output (whole words, any case).
ENGLISH = ("eligible", "complete", "error", "errors", "warning", "warnings", "note", "notes",
           "rulebook", "yes", "no", "eligibility", "completeness", "advice", "greece",
           "germany", "switzerland", "hungary", "belgium", "partner country", "add", "the")


@pytest.fixture(autouse=True)
def _compiled_and_english_after():
    assert i18n.catalogue_available("nl"), "run `make locales` first"
    yield
    i18n.set_language("en")


def _english_words(text: str) -> list[str]:
    lowered = text.casefold()
    return [word for word in ENGLISH if re.search(rf"\b{re.escape(word)}\b", lowered)]


def _without_user_text(text: str) -> str:
    """Drop what the user typed (quoted names and titles, the file name): that is data."""
    text = text.replace(GREENSTAY, "FILE")
    return re.sub(r"“[^”]*”", "“…”", text)


def test_check_in_dutch(capsys):
    assert main(["check", GREENSTAY, "--lang", "nl"]) == EXIT_ERRORS
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"{GREENSTAY} (regelset ssa-2014)"
    assert lines[1] == "Subsidiabel: nee. Volledig: nee."
    assert re.fullmatch(r"\d+ fouten, \d+ waarschuwingen, \d+ opmerkingen\.", lines[2])
    for heading in ("Subsidiabiliteit", "Volledigheid", "Advies"):
        assert heading in lines
    assert "  Fout [E-COUNTRY-TRIO] Griekenland heeft geen volwaardige deelnemers" in out
    assert "Zwitserland is een partnerland" in out
    assert "Waarschuwing [Q-PIC-MISSING]" in out
    assert _english_words(_without_user_text(out)) == []


def test_check_in_english_is_english(capsys):
    """The same file in English: the Dutch test above is not passing by accident."""
    assert main(["check", GREENSTAY, "--lang", "en"]) == EXIT_ERRORS
    out = capsys.readouterr().out
    assert "Eligible: no. Complete: no." in out
    assert "Greece has no full participants" in out
    assert "Griekenland" not in out and "Subsidiabiliteit" not in out


@pytest.mark.parametrize(("lang", "counts", "expected"), [
    ("en", (1, 1, 1), "1 error, 1 warning, 1 note."),
    ("en", (2, 0, 3), "2 errors, 0 warnings, 3 notes."),
    ("nl", (1, 1, 1), "1 fout, 1 waarschuwing, 1 opmerking."),
    ("nl", (2, 0, 3), "2 fouten, 0 waarschuwingen, 3 opmerkingen."),
])
def test_counts_use_plural_forms(lang, counts, expected):
    by_severity = dict(zip(("error", "warning", "info"), counts, strict=True))
    report = SimpleNamespace(rulebook="ssa-2014", eligible=True, complete=False, findings=[],
                             count=lambda severity: by_severity[severity])
    assert report_as_text(report, "x.ssa.json", lang).splitlines()[2] == expected


def test_check_text_follows_lang_not_the_current_language():
    proposal = storage.load(GREENSTAY).proposal
    report = check(proposal)
    i18n.set_language("nl")
    english = report_as_text(report, "f", "en")
    i18n.set_language("en")
    dutch = report_as_text(report, "f", "nl")
    assert "Eligible:" in english and "Subsidiabel:" not in english
    assert "Subsidiabel:" in dutch and "Eligible:" not in dutch


@pytest.fixture(scope="module")
def dutch_pdf_text(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf") / "greenstay-nl.pdf"
    assert main(["pdf", GREENSTAY, "-o", str(out), "--lang", "nl"]) == EXIT_OK
    reader = PdfReader(out)
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    return "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_in_dutch(dutch_pdf_text):
    text = dutch_pdf_text
    for expected in ("Subsidiabel: nee · Volledig: nee", "samenvatting ter goedkeuring",
                     "Subsidiabiliteit", "Volledigheid", "Bevindingen", "Goedkeuring",
                     "Het consortium per land", "Griekenland (EL)", "Zwitserland (CH)",
                     "partnerland", "Toezichthouder", "CONCEPT", "Pagina 1 van",
                     "Allianties voor bedrijfstakspecifieke vaardigheden, oproepen 2014 en 2015"):
        assert expected in text, expected
    assert "Griekenland heeft geen volwaardige deelnemers" in " ".join(text.split())


def test_pdf_in_dutch_has_no_english_labels(dutch_pdf_text):
    for english in ("Eligible", "Complete:", "Findings", "Sign-off", "DRAFT", "Greece",
                    "Switzerland", "partner country", "Page 1 of", "Rulebook", "calls 2014"):
        assert english not in dutch_pdf_text, english


def test_pdf_names_germany_in_dutch(tmp_path):
    """The complete example has a German member: Duitsland (its summary, typed by the user,
    says Germany: that is data and stays)."""
    out = tmp_path / "digiretail-nl.pdf"
    assert main(["pdf", str(resource_path("examples", "digiretail.ssa.json")), "-o", str(out),
                 "--lang", "nl"]) == EXIT_OK
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Duitsland (DE)" in text and "Germany (DE)" not in text
    assert "Polen (PL)" in text
