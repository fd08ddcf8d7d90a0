"""Folding text for search (SPEC C1.1): ``müller`` finds ``Müller``, ``Mueller`` finds ``Müller``.

Both sides of a search go through :func:`fold`: the stored ``customers.search_folded``
column and whatever the agent types. Folding is case folding plus the German
transliteration (ä → ae, ö → oe, ü → ue, ß → ss) plus stripping other accents
(é → e, č → c), so ``Müller``, ``MÜLLER``, ``mueller`` and ``Mueller`` all become
``mueller``. Pure Python: no Qt, no database.
"""

from __future__ import annotations

import unicodedata
from typing import Final

__all__ = ["customer_search_text", "fold", "fold_join", "umlaut_variant"]

# Applied after casefold() (which already turns ß and ẞ into "ss"). Letters that Unicode
# does not decompose into base letter + accent are spelt out here as well.
_TRANSLITERATION: Final = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "æ": "ae",
        "œ": "oe",
        "ø": "oe",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
    }
)


def fold(text: str) -> str:
    """Case- and accent-folded ``text`` for comparisons; whitespace and punctuation stay.

    >>> fold("Jörg Großmann"), fold("MÜLLER"), fold("Mueller"), fold("Zoë Éluard")
    ('joerg grossmann', 'mueller', 'mueller', 'zoe eluard')
    """
    if text.isascii():
        return text.casefold()
    # NFKC first: a decomposed "u" + combining diaeresis becomes an "ü", full-width and
    # other compatibility forms become plain letters.
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_TRANSLITERATION)
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFKC", stripped).casefold()


def fold_join(*parts: str | None) -> str:
    """The folded non-empty ``parts`` joined by single spaces (e.g. ``search_folded``)."""
    return " ".join(fold(part) for part in parts if part)


def customer_search_text(
    first_name: str | None,
    last_name: str | None,
    company: str | None,
    email: str | None,
    city: str | None,
) -> str:
    """The value of ``customers.search_folded``: every writer (demo data, contact edits,
    portal intake) builds it here so the search index sees one format."""
    return fold_join(first_name, last_name, company, email, city)


def umlaut_variant(folded: str) -> str:
    """``folded`` spelt without the transliteration's ``e``: ``mueller`` → ``muller``.

    People type umlauts as plain vowels when they have no German keyboard, so the search
    must find ``Müller`` (folded ``mueller``) for ``muller`` too. The customer search
    index holds ``search_folded`` AND this variant of it (migration 0002 computes the
    same thing in SQL with three nested ``replace()`` calls, left to right, which is what
    :meth:`str.replace` does). Applied to folded text it also maps a name written with
    ``ue`` (``Mueller``) and the odd non-umlaut (``Michael`` → ``michal``); for a search
    that is harmless, and it needs no knowledge of how the text was spelt originally.

    >>> umlaut_variant("mueller"), umlaut_variant("schaefer koeln"), umlaut_variant("gross")
    ('muller', 'schafer koln', 'gross')
    """
    return folded.replace("ae", "a").replace("oe", "o").replace("ue", "u")
