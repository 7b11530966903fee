"""Folding text for comparison: the one place that decides when two spellings are alike.

``fold_name`` ignores case, accents, spaces and punctuation (``R&D  Labs, GmbH`` ~
``rdlabsgmbh``): for duplicate names and exact look-ups of what people type.
``fold_words`` keeps the words apart (``Österreich`` -> ``osterreich``): for searching
by the start of a word, and for sorting names as a person expects.
"""

from __future__ import annotations

import functools
import unicodedata

_DROPPED_CATEGORIES = ("P", "S", "Z", "C")  # punctuation, symbols, spaces, controls


class _FoldTable(dict):
    """``str.translate`` table: each character to its folded form, worked out on first sight.

    Folding is a pure function of the character (decompose, drop accents, spaces and
    punctuation, fold case), so remembering it can never go stale.
    """

    def __missing__(self, code: int) -> str:
        kept = (ch for ch in unicodedata.normalize("NFKD", chr(code))
                if not unicodedata.combining(ch)
                and not unicodedata.category(ch).startswith(_DROPPED_CATEGORIES))
        folded = self[code] = "".join(kept).casefold()
        return folded


_FOLD = _FoldTable()


@functools.lru_cache(maxsize=8192)
def fold_name(name: str) -> str:
    """Fold case, spaces, punctuation and accents: ``R&D  Labs, GmbH`` ~ ``rdlabsgmbh``.

    Every check folds every member's name again; the names rarely change between
    two checks, so the last few thousand results are kept (a pure function: the
    kept results cannot go stale).
    """
    return name.translate(_FOLD)


def fold_words(text: str) -> str:
    """Lower case without accents, words kept: ``Bosnië en Herzegovina`` -> ``bosnie en herzegovina``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().split())
