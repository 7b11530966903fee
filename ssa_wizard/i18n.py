"""Our own translations, through gettext, shared by the core, the CLI and the GUI.

Strings are marked with literal text (``_("...")``) and translated at use, never at
import time, so that switching the language at run time takes effect at once.
Catalogues live in ``resources/locale/<lang>/LC_MESSAGES/ssa_wizard.mo``; they are
compiled from the ``.po`` sources by ``make locales`` (Babel).
"""

from __future__ import annotations

import functools
import gettext as _gettext
import os
from collections.abc import Iterable

from .resources import resource_path

DOMAIN = "ssa_wizard"
#: The languages the program ships, English (the source language) first.
LANGUAGES: tuple[str, ...] = ("en", "nl")
DEFAULT_LANGUAGE = "en"

_current = DEFAULT_LANGUAGE


#: Windows names its locales in English (``locale.getlocale()`` gives ``Dutch_Netherlands``).
_WINDOWS_NAMES = {"dutch": "nl", "english": "en"}


def _shipped(tag: str | None) -> str | None:
    """The shipped language a locale name or language tag stands for, if any.

    Takes every form a system gives: BCP 47 tags (``nl-NL``, from Qt and macOS), POSIX
    locale names (``nl_BE.UTF-8``) and Windows' names (``Dutch_Netherlands``).
    """
    if not tag:
        return None
    code = tag.replace("-", "_").split("_")[0].split(".")[0].split("@")[0].lower()
    code = _WINDOWS_NAMES.get(code, code)
    return code if code in LANGUAGES else None


def normalize_language(lang: str | None) -> str:
    """Map ``nl_NL.UTF-8``, ``NL``, ``nl-BE`` or ``Dutch_Netherlands`` to a shipped code."""
    return _shipped(lang) or DEFAULT_LANGUAGE


def preferred_language(tags: Iterable[str]) -> str:
    """The first of the user's preferred languages that we ship, else English.

    ``tags`` is the system's list, most preferred first: ``QLocale.uiLanguages()`` in
    the GUI (the only source that knows a Windows or macOS user's language), the
    environment's in ``system_language``.
    """
    return next(filter(None, map(_shipped, tags)), DEFAULT_LANGUAGE)


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
    """The language of the user's system from the environment, if we ship it, else English.

    For the CLI and the core; the GUI asks Qt, which also knows Windows' and macOS's
    settings (a program started from the Windows start menu has no ``LANG``).
    """
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return preferred_language(value.split(":"))
    import locale  # only here: the GUI asks Qt and never needs it

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


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for it
    """Mark ``message`` for extraction without translating it now."""
    return message


_ = gettext
