"""The one cleaning rule for text a user types (SPEC §4 "bad input gets a clear message
next to the field"; issue 8).

Every service that takes typed text passes it through one of these before it validates
or stores anything:

* :func:`single_line` for names, addresses, references, e-mail, phone, IBAN, account
  holder, place …: NFC normalised, surrounding whitespace trimmed; refused (at the field,
  nothing is written) are control characters (Unicode Cc, tab and line breaks included,
  and the line/paragraph separators U+2028/U+2029), format characters (Cf: bidi
  embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069, zero-width
  characters U+200B–U+200D, U+2060, U+FEFF, soft hyphen, …) and lone surrogates (Cs).
* :func:`multi_line` for free text (a reason, a note): the same, but tab and line feed
  are allowed (CR LF and CR become LF), and so are the two joiners U+200C/U+200D, which
  Persian, Indic scripts and emoji need; bidi controls and every other format character
  are refused, because they reorder or hide what other agents and printed invoices show.
* :func:`check_secret` for what the caller says as phone password: refused like
  :func:`single_line`, but the text is returned unchanged (the security module hashes
  and compares its own normal form).
* :func:`searchable` for the search field: nothing is refused there (every input gets an
  answer); control and format characters and lone surrogates are dropped, control
  whitespace becomes a blank.

The messages name the position (1-based, in what was typed) because the offending
character is invisible; they never echo the input. Pure Python: no Qt, no database.
"""

from __future__ import annotations

import unicodedata
from typing import Final

from kcp_desk.errors import QT_TRANSLATE_NOOP, InvalidInput

__all__ = [
    "BROKEN_CHARACTER",
    "CONTROL_CHARACTER",
    "FORMAT_CHARACTER",
    "check_secret",
    "multi_line",
    "searchable",
    "single_line",
]

CONTROL_CHARACTER: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Control characters are not allowed here (character {position})."
)
FORMAT_CHARACTER: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    "Invisible formatting characters are not allowed here (character {position}); "
    "they often come with copied text.",
)
BROKEN_CHARACTER: Final = QT_TRANSLATE_NOOP(
    "KcpError", "The text holds a broken character (character {position}); please type it again."
)

#: allowed in free text: tab and line breaks (CR LF and CR are stored as LF)
_MULTI_LINE_CONTROLS: Final = frozenset("\t\n\r\u2028\u2029")
#: zero-width non-joiner and joiner: shaping in Persian/Indic scripts, emoji sequences
_MULTI_LINE_FORMATS: Final = frozenset("\u200c\u200d")
#: line and paragraph separators (Zl, Zp) are line breaks: refused like LF in one line
_LINE_SEPARATORS: Final = frozenset("\u2028\u2029")


def _refuse(text: str, *, field: str, multi: bool, offset: int = 0) -> None:
    """Raise :class:`InvalidInput` for the first forbidden character of ``text``.

    ``offset``: characters trimmed off the front, so the position is the typed one.
    """
    if text.isprintable():  # no Cc, Cf, Cs, Zl, Zp at all: the common case, in C
        return
    for index, ch in enumerate(text):
        if ch.isprintable():
            continue
        if multi and (ch in _MULTI_LINE_CONTROLS or ch in _MULTI_LINE_FORMATS):
            continue
        category = unicodedata.category(ch)
        if category == "Cs":
            template = BROKEN_CHARACTER
        elif category == "Cc" or ch in _LINE_SEPARATORS:
            template = CONTROL_CHARACTER
        elif category == "Cf":
            template = FORMAT_CHARACTER
        else:  # other spaces (Zs such as NBSP), private use, unassigned: not refused
            continue
        raise InvalidInput(template, field=field, position=offset + index + 1)


def single_line(text: str, *, field: str, trim: bool = True) -> str:
    """``text`` NFC-normalised and (``trim``) stripped; raises :class:`InvalidInput` at
    ``field`` for a control, format or broken character (see the module docstring).

    >>> single_line("  Mu\\u0308ller ", field="last_name")
    'Müller'
    """
    cleaned = text.strip() if trim else text
    offset = len(text) - len(text.lstrip()) if trim else 0
    _refuse(cleaned, field=field, multi=False, offset=offset)
    return unicodedata.normalize("NFC", cleaned)


def multi_line(text: str, *, field: str, trim: bool = True) -> str:
    """Free text (a reason): like :func:`single_line`, but tab and line breaks stay
    (CR LF and CR become LF) and so do ZWNJ/ZWJ; bidi controls are refused."""
    _refuse(text, field=field, multi=True)
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = lines.strip() if trim else lines
    return unicodedata.normalize("NFC", cleaned)


def check_secret(text: str, *, field: str) -> str:
    """Refuse what :func:`single_line` refuses; return ``text`` as it is (a secret is
    compared in its own normal form, ``security.phone_password``)."""
    single_line(text, field=field)
    return text


_CONTROL_SPACES: Final = frozenset("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\u2028\u2029")


def searchable(text: str) -> str:
    """The search query as the parser may read it: control whitespace → a blank, other
    control and format characters and lone surrogates dropped (NUL, ESC, U+202E, zero
    width …). Never raises: every search input gets an answer.

    >>> searchable("Mül\\u200bler\\x00\\tKöln\\ud800")
    'Müller Köln'
    """
    if text.isprintable():
        return text
    out: list[str] = []
    for ch in text:
        if ch == " " or ch.isprintable():
            out.append(ch)
        elif ch in _CONTROL_SPACES:
            out.append(" ")
        elif unicodedata.category(ch) not in ("Cc", "Cf", "Cs"):
            out.append(ch)  # other spaces (NBSP …), private use, unassigned
    return "".join(out)
