"""Our own translations, through gettext, shared by the core, the CLI and the GUI.

Strings are marked with literal text (``_("...")``) and translated at use, never at
import time, so that switching the language at run time takes effect at once.
Catalogues live in ``resources/locale/<lang>/LC_MESSAGES/ssa_wizard.mo``; they are
compiled from the ``.po`` sources by ``make locales`` (Babel).
"""

from __future__ import annotations

import functools
import gettext as _gettext
import locale
import os

from .resources import resource_path

DOMAIN = "ssa_wizard"
#: The languages the program ships, English (the source language) first.
LANGUAGES: tuple[str, ...] = ("en", "nl")
DEFAULT_LANGUAGE = "en"

_current = DEFAULT_LANGUAGE


def normalize_language(lang: str | None) -> str:
    """Map ``nl_NL.UTF-8``, ``NL`` or ``nl-BE`` to a shipped language code."""
    if not lang:
        return DEFAULT_LANGUAGE
    code = lang.replace("-", "_").split("_")[0].split(".")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


@functools.cache
def translation(lang: str) -> _gettext.NullTranslations:
    """Return the catalogue of a language (English needs none)."""
    lang = normalize_language(lang)
    if lang == DEFAULT_LANGUAGE:
        return _gettext.NullTranslations()
    return _gettext.translation(
        DOMAIN, resource_path("locale"), languages=[lang], fallback=True
    )


def catalogue_available(lang: str) -> bool:
    """Whether the compiled catalogue of ``lang`` is present."""
    lang = normalize_language(lang)
    if lang == DEFAULT_LANGUAGE:
        return True
    return resource_path("locale", lang, "LC_MESSAGES", DOMAIN + ".mo").is_file()


def set_language(lang: str | None) -> str:
    """Make ``lang`` the language of every later translation; return it."""
    global _current
    _current = normalize_language(lang)
    return _current


def current_language() -> str:
    return _current


def system_language() -> str:
    """The language of the user's system, if we ship it, else English."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return normalize_language(value.split(":")[0])
    try:
        value = locale.getlocale()[0]
    except ValueError:
        value = None
    return normalize_language(value)


def gettext(message: str) -> str:
    """Translate ``message`` into the current language."""
    return translation(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate with a plural form chosen by ``n``."""
    return translation(_current).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` in ``context`` (for short words with several meanings)."""
    return translation(_current).pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now."""
    return message


_ = gettext
