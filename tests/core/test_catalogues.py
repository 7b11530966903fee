"""The Dutch catalogue keeps every placeholder and quote, and really speaks Dutch.

Only translated entries are checked here: strings are still being added to the
code, so "every entry of the template is translated" is left to a later pass.
"""

from __future__ import annotations

import string

import pytest
from babel.messages.pofile import read_po

from ssa_wizard import countries, i18n, messages, storage
from ssa_wizard.resources import resource_path
from ssa_wizard.rules import check

POT = resource_path("locale", "ssa_wizard.pot")
NL_PO = resource_path("locale", "nl", "LC_MESSAGES", "ssa_wizard.po")
GREENSTAY = resource_path("examples", "greenstay-draft.ssa.json")


def _read(path):
    with open(path, "rb") as handle:
        return read_po(handle)


def _fields(text: str) -> set[str]:
    """The names of the replacement fields of a str.format string (a name may repeat:
    Dutch word order can name {country} twice); raises on unbalanced braces."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _pairs(message):
    """(source, translation) for each form: msgid for msgstr[0], msgid_plural after."""
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return [(ids[min(i, len(ids) - 1)], text) for i, text in enumerate(strings)]


def _translated_template_entries() -> list:
    """The entries of the template that the Dutch catalogue translates (fully or partly)."""
    nl = _read(NL_PO)
    found = []
    for entry in _read(POT):
        if not entry.id:
            continue
        translated = nl.get(entry.id)
        if translated is not None and any(translated.string if translated.pluralizable
                                          else [translated.string]):
            name = entry.id[0] if entry.pluralizable else entry.id
            found.append(pytest.param(translated, id=name[:60]))
    return found


def test_the_catalogue_has_translations_to_check():
    assert len(_translated_template_entries()) > 100


@pytest.mark.parametrize("entry", _translated_template_entries())
def test_placeholders_are_kept(entry):
    for source, text in _pairs(entry):
        assert text, f"a plural form of {source!r} is empty"
        assert _fields(text) == _fields(source), (source, text)


@pytest.mark.parametrize("entry", _translated_template_entries())
def test_quotes_are_kept(entry):
    """Every “…” stays; a straight "…" quotation may become “…” in Dutch."""
    for source, text in _pairs(entry):
        for mark in "“”":
            assert text.count(mark) >= source.count(mark), (mark, source, text)
        added = sum(text.count(mark) - source.count(mark) for mark in "“”")
        assert added + text.count('"') == source.count('"'), (source, text)


def test_no_entry_is_fuzzy():
    fuzzy = [m.id for m in _read(NL_PO) if m.id and m.fuzzy]
    assert fuzzy == []


def test_header_names_dutch_plurals_and_utf8():
    nl = _read(NL_PO)
    assert str(nl.locale) == "nl"
    assert nl.plural_forms == "nplurals=2; plural=(n != 1);"
    assert nl.charset.lower() == "utf-8"


@pytest.fixture(scope="module")
def greenstay_findings():
    assert i18n.catalogue_available("nl"), (
        "the Dutch catalogue is not compiled: run `make locales` or "
        "`.venv/bin/pybabel compile -D ssa_wizard -d resources/locale`")
    proposal = storage.load(GREENSTAY).proposal
    return proposal, check(proposal).findings


def test_greenstay_findings_read_in_dutch(greenstay_findings):
    proposal, findings = greenstay_findings
    greece = [f for f in findings if f.rule == "E-COUNTRY-TRIO" and f.country == countries.normalize_code("EL")]
    assert len(greece) == 1
    dutch, english = messages.message(greece[0], "nl"), messages.message(greece[0], "en")
    assert "Griekenland" in dutch and "Greece" in english
    assert dutch != english
    assert "volwaardige" in dutch and "Toezichthouder" in dutch


def test_dutch_messages_keep_the_names_users_typed(greenstay_findings):
    proposal, findings = greenstay_findings
    greek_member = next(p for p in proposal.partners
                        if countries.normalize_code(p.country) == "GR")
    pic_missing = [f for f in findings if f.rule == "Q-PIC-MISSING" and f.partner == greek_member.id]
    assert len(pic_missing) == 1
    dutch = messages.message(pic_missing[0], "nl")
    assert f"“{greek_member.name}”" in dutch
    assert "deelnemersregister" in dutch
    assert "{" not in dutch


def test_the_language_argument_wins_over_the_current_language(greenstay_findings):
    _, findings = greenstay_findings
    i18n.set_language("en")
    dutch = [messages.message(f, "nl") for f in findings]
    i18n.set_language("nl")
    assert [messages.message(f, "nl") for f in findings] == dutch
    assert [messages.message(f, "en") for f in findings] != dutch
