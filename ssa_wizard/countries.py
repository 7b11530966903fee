"""Countries: ISO codes, the EU's own spellings, Kosovo, and localized names.

Codes are stored as ISO 3166-1 alpha-2. The EU writes Greece as ``EL`` and the
United Kingdom as ``UK``; both are accepted on input and may be shown on screen.
Kosovo (``XK``) is used by the EU although ISO data lacks it, so we add it.
Names come from pycountry's own gettext catalogues; a stored country is always a
code, because names change (Turkey became Türkiye).

``index()`` is the one index of what people call each country, for every place that
turns typed text into a country: the country picker (search as you type, best match
first) and the sheet import (one exact look-up per cell). It is built once, on first
use, from the codes (ISO, EU, alpha-3), the names in every shipped language and the
names people use that ISO does not (``ALIASES``).
"""

from __future__ import annotations

import functools
import gettext as _gettext
import re
from dataclasses import dataclass

from . import i18n
from .folding import fold_name, fold_words

#: EU spelling -> ISO code.
EU_TO_ISO = {"EL": "GR", "UK": "GB"}
ISO_TO_EU = {iso: eu for eu, iso in EU_TO_ISO.items()}
KOSOVO = "XK"


def normalize_code(code: str | None) -> str:
    """Return the ISO code for ``code`` as typed (``el`` -> ``GR``), or ``''``."""
    if not code:
        return ""
    code = code.strip().upper()
    return EU_TO_ISO.get(code, code)


def display_code(code: str) -> str:
    """The code as EU documents show it (``GR`` -> ``EL``)."""
    return ISO_TO_EU.get(code, code)


@functools.cache
def _iso_names() -> dict[str, str]:
    """ISO code -> English short name, read once from pycountry."""
    import pycountry  # imported on first use: it loads a large data file

    names = {}
    for country in pycountry.countries:
        names[country.alpha_2] = getattr(country, "common_name", None) or country.name
    return names


@functools.cache
def _iso_official_names() -> dict[str, str]:
    """ISO code -> the ``name`` pycountry's catalogues are keyed by."""
    import pycountry

    return {c.alpha_2: c.name for c in pycountry.countries}


def is_known(code: str | None) -> bool:
    """Whether ``code`` (ISO, after normalizing) names a country we know."""
    code = normalize_code(code)
    return code == KOSOVO or code in _iso_names()


def all_codes() -> list[str]:
    """Every known ISO code, Kosovo included."""
    return sorted([*_iso_names(), KOSOVO])


@functools.cache
def _pycountry_catalogue(lang: str) -> _gettext.NullTranslations:
    if lang == i18n.DEFAULT_LANGUAGE:
        return _gettext.NullTranslations()
    import pycountry

    return _gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True
    )


def name(code: str, lang: str | None = None) -> str:
    """The country's name in ``lang`` (default: the current language).

    An unknown code is returned as it is, so a message can still name it.
    """
    code = normalize_code(code)
    lang = i18n.normalize_language(lang or i18n.current_language())
    if code == KOSOVO:
        return i18n.translation(lang).gettext("Kosovo")
    english = _iso_names().get(code)
    if english is None:
        return code
    catalogue = _pycountry_catalogue(lang)
    translated = catalogue.gettext(english)
    if translated == english and lang != i18n.DEFAULT_LANGUAGE:
        translated = catalogue.gettext(_iso_official_names()[code])
    return translated


def sort_key(text: str) -> str:
    """A key that sorts names as a person expects: accents do not push a name to the end."""
    return fold_words(text)


def sorted_countries(lang: str | None = None) -> list[tuple[str, str]]:
    """``(code, name)`` for every known country, sorted by name in ``lang``."""
    pairs = [(code, name(code, lang)) for code in all_codes()]
    pairs.sort(key=lambda pair: sort_key(pair[1]))
    return pairs


# --- what people call each country -------------------------------------------------

#: Names people use that ISO does not; they win over an ambiguous ISO name.
ALIASES: dict[str, str] = {
    "Holland": "NL", "The Netherlands": "NL", "Nederland": "NL", "Kingdom of the Netherlands": "NL",
    "Great Britain": "GB", "Britain": "GB", "England": "GB", "UK": "GB",
    "Groot-Brittannië": "GB", "Engeland": "GB", "Verenigd Koninkrijk": "GB",
    "Czech Republic": "CZ", "Tsjechische Republiek": "CZ", "Tsjechië": "CZ",
    "Slovak Republic": "SK", "Slowaakse Republiek": "SK",
    "Turkey": "TR", "Turkije": "TR", "Türkiye": "TR",
    "Macedonia": "MK", "Republic of Macedonia": "MK", "FYROM": "MK",
    "Former Yugoslav Republic of Macedonia": "MK", "Macedonië": "MK",
    "Kosovo": "XK", "Kosova": "XK", "Kosovë": "XK",
    "Russia": "RU", "Rusland": "RU", "Moldova": "MD", "Moldavië": "MD",
    "Bosnia": "BA", "Bosnië": "BA", "Vatican": "VA", "Vaticaanstad": "VA",
    "Ierland": "IE", "Eire": "IE", "Deutschland": "DE", "España": "ES", "Italia": "IT",
    "Polska": "PL", "Belgique": "BE", "België": "BE", "Österreich": "AT",
    "Ελλάδα": "GR", "Hellas": "GR", "Griekenland": "GR",
}

_PARENTHESES = re.compile(r"\(([^()]*)\)")
_SEPARATORS = re.compile(r"\s[-–/|]\s|[,;]")


@dataclass(frozen=True)
class _Keys:
    """A country's search keys, folded with ``fold_words``."""

    code: str
    codes: tuple[str, ...]
    names: tuple[str, ...]
    words: tuple[str, ...]


class CountryIndex:
    """What people call each country: exact look-up and ranked search."""

    def __init__(self) -> None:
        import pycountry  # first use only: a large data file

        # Per country: its codes; the names shown for it in each language (and the
        # aliases), which search ranks; and every other name ISO knows (official
        # names in each language), which only the exact look-up takes.
        codes: dict[str, list[str]] = {code: [code, display_code(code)] for code in all_codes()}
        shown: dict[str, list[str]] = {
            code: [name(code, lang) for lang in i18n.LANGUAGES] for code in all_codes()}
        other: dict[str, list[str]] = {code: [] for code in all_codes()}
        catalogues = [_pycountry_catalogue(lang) for lang in i18n.LANGUAGES]
        for country in pycountry.countries:
            codes[country.alpha_2].append(country.alpha_3)
            for attr in ("name", "common_name", "official_name"):
                text = getattr(country, attr, None)
                if text:
                    other[country.alpha_2].extend(c.gettext(text) for c in catalogues)
        for text, code in ALIASES.items():
            shown[code].append(text)

        entries = []
        exact: dict[str, set[str]] = {}
        for code in all_codes():
            folded_names = tuple(dict.fromkeys(fold_words(n) for n in shown[code]))
            words = tuple(dict.fromkeys(
                w for n in folded_names for w in n.replace("-", " ").replace("(", " ").split()))
            entries.append(_Keys(code, tuple(dict.fromkeys(c.casefold() for c in codes[code])),
                                 folded_names, words))
            for key in (*codes[code], *shown[code], *other[code]):
                exact.setdefault(fold_name(key), set()).add(code)
        #: Folded code or name -> code; a name two countries share is left out.
        self._exact = {key: next(iter(found)) for key, found in exact.items()
                       if key and len(found) == 1}
        for text, code in ALIASES.items():  # ours settle known ambiguities
            self._exact[fold_name(text)] = code
        for eu, iso in EU_TO_ISO.items():  # EL and UK are codes first
            self._exact[fold_name(eu)] = iso
        self.entries: tuple[_Keys, ...] = tuple(entries)
        self._orders: dict[str, dict[str, int]] = {}

    def lookup(self, text: str) -> str | None:
        """The code for a country as typed, ``''`` for nothing typed, ``None`` if unknown.

        ``"Duitsland"``, ``"Germany"``, ``"de"``, ``"DEU"``, ``"EL"`` (-> ``GR``),
        ``"Kosovo"`` (-> ``XK``), ``"Germany (DE)"``, ``"DE - Germany"``.
        """
        text = text.strip()
        if not text:
            return ""
        code = self._exact.get(fold_name(text))
        if code is not None:
            return code
        inner = _PARENTHESES.findall(text)
        outer = _PARENTHESES.sub(" ", text)
        for part in (outer, *inner, *_SEPARATORS.split(text)):
            code = self._exact.get(fold_name(part)) if part.strip() else None
            if code is not None:
                return code
        return None

    def ranks(self, text: str) -> dict[str, int]:
        """Code -> how well ``text`` matches it (0 best), for the countries it matches.

        A code exactly, then a name by its start, a word of a name by its start, a
        code by its start (one or two letters), a name anywhere.
        """
        query = fold_words(text)
        if not query:
            return {}
        found: dict[str, int] = {}
        for entry in self.entries:
            rank = _rank(entry, query)
            if rank is not None:
                found[entry.code] = rank
        return found

    def matches(self, text: str, lang: str | None = None) -> list[str]:
        """The codes ``text`` matches, best first; ties by name in ``lang``."""
        lang = i18n.normalize_language(lang or i18n.current_language())
        order = self._orders.get(lang)
        if order is None:
            order = self._orders[lang] = {
                code: i for i, (code, _name) in enumerate(sorted_countries(lang))}
        ranks = self.ranks(text)
        return sorted(ranks, key=lambda code: (ranks[code], order.get(code, len(order))))


def _rank(entry: _Keys, query: str) -> int | None:
    if query in entry.codes:
        return 0
    if any(n.startswith(query) for n in entry.names):
        return 1
    if any(word.startswith(query) for word in entry.words):
        return 2
    if len(query) <= 2 and any(code.startswith(query) for code in entry.codes):
        return 3
    if any(query in n for n in entry.names):
        return 4
    return None


@functools.cache
def index() -> CountryIndex:
    """The one country index, built on first use."""
    return CountryIndex()
