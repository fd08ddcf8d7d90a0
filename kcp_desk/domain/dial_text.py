"""What a phone hands the desk (SPEC §4, ``kcp-desk open TEXT``), as search text.

A softphone's incoming-call hook or a ``tel:`` link handler passes a ``tel:`` URI
(RFC 3966: ``tel:+49-221-12345678;phone-context=…``), a ``callto:`` URI (``callto:``,
``callto://+4922112345678``), a bare number in any notation, a customer number or any
other search text. :func:`search_text` turns it into what the agent would have typed:

* the scheme is dropped, percent escapes are decoded (``%20``, ``%2B``), and URI
  parameters (``;phone-context=…``, ``;ext=…``) and a query (``?…``) are cut off;
* a phone number (digits and visual separators, starting with ``+`` or ``0``) loses its
  separators (spaces, ``-``, ``.``, ``(``, ``)``, ``/``): ``tel:+49 221 12345678`` →
  ``+4922112345678``, which the search compares as E.164; an IP address or subnet
  (``203.0.113.45``, ``10.0.0.0/8``) stays as it is;
* anything else only has its whitespace runs collapsed to single spaces.

Pure Python: no Qt, no database. Used by the search view's ``search_for``.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Final
from urllib.parse import unquote

__all__ = ["search_text"]

_SCHEME: Final = re.compile(r"^\s*(?:tel|callto|sip|sips):(?://)?", re.IGNORECASE)
#: characters of a phone number as people and URIs write it (RFC 3966 visual separators)
_PHONE: Final = re.compile(r"(?:\+|0)[0-9\s\-.()/\u00a0]*")
_SEPARATORS: Final = re.compile(r"[\s\-.()/\u00a0]+")
_WHITESPACE: Final = re.compile(r"\s+")


def search_text(text: str) -> str:
    """The search text for ``text`` as a phone or a link hands it over.

    >>> search_text("tel:+49 221 12345678"), search_text("callto://0221/123 456")
    ('+4922112345678', '0221123456')
    >>> search_text("  Schmidt   Berlin "), search_text("tel:+49-221-1234;ext=5")
    ('Schmidt Berlin', '+492211234')
    >>> search_text("+49 (0)221 12345678")
    '+4922112345678'
    """
    uri = _SCHEME.match(text)
    if uri is not None:
        rest = text[uri.end() :]
        rest = re.split(r"[;?]", rest, maxsplit=1)[0]
        text = unquote(rest)
    text = _WHITESPACE.sub(" ", text).strip()
    if _PHONE.fullmatch(text) and not _is_network(text):
        if text.startswith("+"):  # "+49 (0)221 …": the trunk 0 is not dialled from abroad
            text = text.replace("(0)", "")
        return _SEPARATORS.sub("", text)
    return text


def _is_network(text: str) -> bool:
    try:
        ipaddress.ip_network(text, strict=False)
    except ValueError:
        return False
    return True
