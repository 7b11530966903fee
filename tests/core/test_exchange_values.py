"""Values as people type them: countries, categories, roles, flags and PICs."""

from __future__ import annotations

import pytest

from ssa_wizard import countries
from ssa_wizard.exchange import parse_category, parse_country, parse_flag, parse_pic, parse_role
from ssa_wizard.exchange.values import cell_text, category_word, role_word


@pytest.mark.parametrize("typed, code", [
    ("Duitsland", "DE"), ("Germany", "DE"), ("DE", "DE"), ("de", "DE"), (" deu ", "DE"),
    ("EL", "GR"), ("Griekenland", "GR"), ("Greece", "GR"), ("UK", "GB"),
    ("United Kingdom", "GB"), ("Verenigd Koninkrijk", "GB"), ("Kosovo", "XK"), ("XK", "XK"),
    ("Nederland", "NL"), ("the Netherlands", "NL"), ("Holland", "NL"), ("België", "BE"),
    ("belgie", "BE"), ("Tsjechië", "CZ"), ("Czech Republic", "CZ"), ("Czechia", "CZ"),
    ("Turkey", "TR"), ("Türkiye", "TR"), ("Turkije", "TR"), ("Noord-Macedonië", "MK"),
    ("North Macedonia", "MK"), ("IJsland", "IS"), ("Liechtenstein", "LI"), ("Noorwegen", "NO"),
    ("Germany (DE)", "DE"), ("DE - Germany", "DE"), ("  POLEN ", "PL"), ("Österreich", "AT"),
])
def test_countries_in_english_dutch_or_by_code(typed, code):
    assert parse_country(typed) == code


@pytest.mark.parametrize("typed", ["Duitslandd", "Atlantis", "ZZ", "Europe", "12"])
def test_unknown_countries_are_none(typed):
    assert parse_country(typed) is None


def test_empty_country_is_no_country():
    assert parse_country("  ") == ""


def test_every_known_country_is_found_by_its_code_and_its_names():
    for code in countries.all_codes():
        assert parse_country(code) == code
        assert parse_country(countries.display_code(code)) == code
        for lang in ("en", "nl"):
            found = parse_country(countries.name(code, lang))
            # A name two countries share (none known today) would rather be unknown than wrong.
            assert found in (code, None), (code, lang, found)


def test_country_look_up_does_not_use_fuzzy_search(monkeypatch):
    import pycountry

    parse_country("Germany")  # build the index first

    def forbidden(*args, **kwargs):
        raise AssertionError("search_fuzzy is too slow for a sheet")

    monkeypatch.setattr(pycountry.countries, "search_fuzzy", forbidden)
    assert parse_country("Duitsland") == "DE"
    assert parse_country("Nowhere land") is None


@pytest.mark.parametrize("typed, code", [
    ("beroepsonderwijs", "vet_provider"), ("Beroepsonderwijs en -opleiding", "vet_provider"),
    ("VET provider", "vet_provider"), ("vet_provider", "vet_provider"), ("VET", "vet_provider"),
    ("bedrijfstakspecifieke expertise", "sector_expertise"), ("Sector expertise", "sector_expertise"),
    ("toezichthouder", "regulatory_body"), ("Regulator", "regulatory_body"),
    ("regulatory body", "regulatory_body"), ("Overig", "other"), ("other", "other"),
])
def test_categories_in_either_language(typed, code):
    assert parse_category(typed) == code


@pytest.mark.parametrize("typed, code", [
    ("aanvrager", "applicant"), ("Applicant", "applicant"), ("coördinator", "applicant"),
    ("volwaardig partner", "full"), ("Volwaardige partner", "full"), ("Full partner", "full"),
    ("full", "full"), ("geassocieerd partner", "associated"), ("Associated partner", "associated"),
    ("associated", "associated"),
])
def test_roles_in_either_language(typed, code):
    assert parse_role(typed) == code


def test_unknown_and_empty_categories_and_roles():
    assert parse_category("bakkerij") is None and parse_role("baas") is None
    assert parse_category("") == "" and parse_role(" ") == ""


def test_export_words_are_understood_again():
    for lang in ("en", "nl"):
        for code in ("vet_provider", "sector_expertise", "regulatory_body", "other"):
            assert parse_category(category_word(code, lang)) == code
        for code in ("applicant", "full", "associated"):
            assert parse_role(role_word(code, lang)) == code


@pytest.mark.parametrize("typed, value", [
    ("yes", True), ("Ja", True), ("x", True), ("X", True), ("1", True), ("true", True),
    ("WAAR", True), ("✓", True), (True, True), (1, True),
    ("no", False), ("nee", False), ("0", False), ("false", False), ("-", False), (False, False),
    (0, False),
])
def test_flags(typed, value):
    assert parse_flag(typed) is value


@pytest.mark.parametrize("typed", ["maybe", "misschien", "2", "", 5])
def test_flags_not_understood(typed):
    assert parse_flag(typed) is None


@pytest.mark.parametrize("typed, text, good", [
    (912345678, "912345678", True), (912345678.0, "912345678", True),
    ("912345678.0", "912345678", True), ("912 345 678", "912345678", True),
    (" 912345678 ", "912345678", True), ("012345678", "012345678", True),
    ("912-345-678", "912345678", True), ("912-345", "912-345", False),
    ("9.12346E+08", "9.12346E+08", False), ("12345", "12345", False), ("PIC?", "PIC?", False),
])
def test_pics_kept_as_text(typed, text, good):
    assert parse_pic(typed) == (text, good)


def test_cell_text_of_openpyxl_values():
    import datetime as dt

    assert cell_text(None) == "" and cell_text(912345678.0) == "912345678"
    assert cell_text(1.5) == "1.5" and cell_text(True) == "true"
    assert cell_text(dt.datetime(2027, 1, 1)) == "2027-01-01"
