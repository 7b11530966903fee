"""Cell values as people type them, turned into the codes a proposal stores.

Countries by name in English or Dutch or by code (``Duitsland``, ``Germany``, ``DE``,
``EL``, ``UK``, ``Kosovo``); categories and roles by word in either language, the
source text's own terms included; yes/no flags; PICs given as numbers by Excel.
Every look-up is one dictionary access on a folded key, built once: a sheet of
10,000 rows never calls pycountry's fuzzy search.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from typing import Any

from .. import countries, i18n
from ..model import CATEGORIES, ROLES
from ..rules import fold_name, fold_pic, valid_pic

# --- countries ------------------------------------------------------------------

def parse_country(text: str) -> str | None:
    """The ISO code for a country as typed, ``''`` for no country, ``None`` if unknown.

    ``"Duitsland"``, ``"Germany"``, ``"de"``, ``"EL"`` (-> ``GR``), ``"UK"`` (-> ``GB``),
    ``"Kosovo"`` (-> ``XK``), ``"Germany (DE)"``: the one country index of the core.
    """
    return countries.index().lookup(text)


# --- categories and roles ---------------------------------------------------------

_CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "vet_provider": (
        "VET provider", "VET", "VET institution", "VET school", "VET-aanbieder", "VET aanbieder",
        "Provider of vocational education and training", "Vocational education and training",
        "Vocational education", "Vocational school", "Training provider", "Education provider",
        "School", "College", "Beroepsonderwijs", "Beroepsonderwijs en -opleiding",
        "Beroepsonderwijs en beroepsopleiding", "Beroepsonderwijs en opleiding",
        "Aanbieder van beroepsonderwijs", "Aanbieder beroepsonderwijs", "Beroepsopleiding",
        "Onderwijsinstelling", "Opleider", "Opleidingsinstituut", "MBO", "MBO-instelling", "ROC",
    ),
    "sector_expertise": (
        "Sector expertise", "Sector-specific expertise", "Sector specific expertise",
        "Sector expert", "Sector", "Sector organisation", "Sector organization",
        "Industry", "Industry association", "Business", "Company", "Enterprise", "Employer",
        "Bedrijfstakspecifieke expertise", "Bedrijfstak", "Bedrijfstakexpertise",
        "Sectorexpertise", "Branche", "Brancheorganisatie", "Bedrijf", "Onderneming",
        "Bedrijfsleven", "Werkgever",
    ),
    "regulatory_body": (
        "Regulatory body", "Regulator", "Regulatory", "Regulatory authority",
        "Supervisory body", "Supervisor", "Inspectorate", "Toezichthouder", "Toezicht",
        "Toezichthoudende instantie", "Regelgever", "Regelgevende instantie", "Inspectie",
    ),
    "other": ("Other", "Overig", "Overige", "Anders", "Ander", "Andere"),
}

_ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "applicant": (
        "Applicant", "Applicant organisation", "Applicant organization", "Coordinator",
        "Lead partner", "Lead", "Aanvrager", "Aanvragende organisatie", "Hoofdaanvrager",
        "Coördinator", "Penvoerder",
    ),
    "full": (
        "Full partner", "Full", "Partner", "Full participant", "Full member",
        "Volwaardig partner", "Volwaardige partner", "Volwaardig", "Volledig partner",
        "Volledige partner",
    ),
    "associated": (
        "Associated partner", "Associated", "Associate", "Associate partner",
        "Geassocieerd partner", "Geassocieerde partner", "Geassocieerd",
    ),
}


def _word_index(table: dict[str, tuple[str, ...]], codes: tuple[str, ...],
                labels: dict[str, Any]) -> dict[str, str]:
    index: dict[str, str] = {}
    for code in codes:
        index[fold_name(code)] = code
    for code, words in table.items():
        for word in words:
            index.setdefault(fold_name(word), code)
    # The names the wizard itself shows, in every language we ship.
    for lang in i18n.LANGUAGES:
        catalogue = i18n.translation(lang)
        for code, label in labels.items():
            text = label[0] if isinstance(label, tuple) else label
            index.setdefault(fold_name(catalogue.gettext(text)), code)
    return index


@functools.cache
def _category_index() -> dict[str, str]:
    from .. import labels

    return _word_index(_CATEGORY_WORDS, CATEGORIES, labels.CATEGORIES)


@functools.cache
def _role_index() -> dict[str, str]:
    from .. import labels

    return _word_index(_ROLE_WORDS, ROLES, labels.ROLES)


def parse_category(text: str) -> str | None:
    """``vet_provider`` for ``"beroepsonderwijs"`` or ``"VET provider"``; ``''`` if empty; ``None`` if unknown."""
    text = text.strip()
    if not text:
        return ""
    return _category_index().get(fold_name(text))


def parse_role(text: str) -> str | None:
    """``applicant`` for ``"aanvrager"``; ``''`` if empty; ``None`` if unknown."""
    text = text.strip()
    if not text:
        return ""
    return _role_index().get(fold_name(text))


def category_word(code: str, lang: str = "en") -> str:
    """The word export writes for a category (understood again by ``parse_category``)."""
    if not code:
        return ""
    words = {"en": {"vet_provider": "VET provider", "sector_expertise": "Sector expertise",
                    "regulatory_body": "Regulatory body", "other": "Other"},
             "nl": {"vet_provider": "Beroepsonderwijs",
                    "sector_expertise": "Bedrijfstakspecifieke expertise",
                    "regulatory_body": "Toezichthouder", "other": "Overig"}}
    return words["nl" if lang == "nl" else "en"].get(code, code)


def role_word(code: str, lang: str = "en") -> str:
    """The word export writes for a role (understood again by ``parse_role``)."""
    words = {"en": {"applicant": "Applicant", "full": "Full partner",
                    "associated": "Associated partner"},
             "nl": {"applicant": "Aanvrager", "full": "Volwaardig partner",
                    "associated": "Geassocieerd partner"}}
    return words["nl" if lang == "nl" else "en"].get(code, code)


# --- flags, PICs, cells ---------------------------------------------------------------

_YES = frozenset(fold_name(w) for w in (
    "yes", "y", "ja", "j", "true", "waar", "x", "1", "on", "wel"))
_NO = frozenset(fold_name(w) for w in (
    "no", "n", "nee", "false", "onwaar", "0", "off", "niet", "geen"))


def parse_flag(value: Any) -> bool | None:
    """``True``/``False`` for yes/no/ja/nee/x/1/0/true/false, ``None`` if not understood.

    An empty cell is not a value: callers check for it first.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if not isinstance(value, str):
        return None
    stripped = value.strip()
    if not stripped:
        return None
    folded = fold_name(stripped)  # "✓" and "-" fold to nothing: they are symbols
    if folded in _YES or stripped in ("✓", "✔"):
        return True
    if folded in _NO or stripped in ("-", "–"):
        return False
    return None


_FLOAT_INTEGER = re.compile(r"([0-9]+)[.,]0+")


def parse_pic(value: Any) -> tuple[str, bool]:
    """The PIC as text and whether it looks right (nine digits).

    Excel gives ``912345678.0`` or an int; people type ``912 345 678``. A PIC that is
    not nine digits is kept as typed (stripped) so that nothing is lost.
    """
    if isinstance(value, (bool, int)):
        text = str(value)
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
    else:
        text = str(value).strip()
    compact = fold_pic(text)
    match = _FLOAT_INTEGER.fullmatch(compact)
    if match:
        compact = match.group(1)
    if valid_pic(compact):
        return compact, True
    return text, False


def cell_text(value: Any) -> str:
    """Any cell value from openpyxl as the text a person sees (``912345678.0`` -> ``912345678``)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    return str(value)


#: Characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard_formula(text: str) -> str:
    """Text for a CSV cell that no spreadsheet runs as a formula.

    A leading ``'`` is added to text that starts like a formula, and also to text that
    already starts with ``'``, so that ``unguard_formula`` gives back exactly the text.
    """
    if text.startswith(FORMULA_STARTS) or text.startswith("'"):
        return "'" + text
    return text


def unguard_formula(text: str) -> str:
    """Undo ``guard_formula``: drop one leading ``'`` before a formula start or another ``'``."""
    if len(text) > 1 and text[0] == "'" and text[1:].startswith((*FORMULA_STARTS, "'")):
        return text[1:]
    return text
