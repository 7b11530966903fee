"""Countries: ISO codes, the EU's own spellings, Kosovo, and localized names.

Codes are stored as ISO 3166-1 alpha-2. The EU writes Greece as ``EL`` and the
United Kingdom as ``UK``; both are accepted on input and may be shown on screen.
Kosovo (``XK``) is used by the EU although ISO data lacks it, so we add it.
Names come from pycountry's own gettext catalogues; look-ups are by code only,
because names change (Turkey became Türkiye).
"""

from __future__ import annotations

import functools
import gettext as _gettext
import unicodedata

from . import i18n

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
    folded = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()


def sorted_countries(lang: str | None = None) -> list[tuple[str, str]]:
    """``(code, name)`` for every known country, sorted by name in ``lang``."""
    pairs = [(code, name(code, lang)) for code in all_codes()]
    pairs.sort(key=lambda pair: sort_key(pair[1]))
    return pairs
