"""Reference numbers (SPEC §3): formatting, tolerant parsing and Damm check digits.

| thing         | format                                   | example        |
|---------------|------------------------------------------|----------------|
| customer      | ``K`` + 7 digits + check digit           | K12345671      |
| ticket        | ``#KCP-`` + 7 digits + check digit       | #KCP-00012340  |
| support order | ``SA-`` + 7 digits + check digit         | SA-00047118    |
| invoice       | ``RE-YYYY-NNNNNN`` (gap-free per year)   | RE-2026-000123 |
| SEPA mandate  | customer number + ``-M`` + 2 digits      | K12345671-M01  |

Parsers are forgiving about what people type or paste: any case, surrounding and inner
whitespace, hyphen variants (also Unicode dashes), a missing ``#`` on tickets, a missing
``K`` on customer numbers (eight bare digits are a customer number with check digit).
They distinguish "not this format at all" (:class:`MalformedReference`) from "right
format, wrong check digit" (:class:`WrongCheckDigit`), so the UI can say "check digit
wrong" instead of "not found".

Pure Python: no Qt, no database.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final, Literal

__all__ = [
    "BODY_LIMIT",
    "BadReference",
    "MalformedReference",
    "ParsedReference",
    "ReferenceKind",
    "WrongCheckDigit",
    "classify",
    "customer_number_prefix",
    "damm_check_digit",
    "damm_valid",
    "format_customer_number",
    "format_invoice_number",
    "format_mandate_ref",
    "format_order_ref",
    "format_ticket_ref",
    "parse_customer_number",
    "parse_invoice_number",
    "parse_mandate_ref",
    "parse_order_ref",
    "parse_ticket_ref",
]

ReferenceKind = Literal["customer", "ticket", "order", "invoice", "mandate"]

#: numbers with a check digit have a 7-digit body: 0 <= n < BODY_LIMIT
BODY_LIMIT: Final = 10**7
_INVOICE_YEAR_MIN: Final = 1000
_INVOICE_YEAR_MAX: Final = 9999
_INVOICE_SEQ_MAX: Final = 999_999
_MANDATE_SEQ_MAX: Final = 99

# --- Damm check digit ------------------------------------------------------------------

#: the standard weakly totally anti-symmetric quasigroup of order 10 (Damm, 2004)
_DAMM_TABLE: Final[tuple[tuple[int, ...], ...]] = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)

_ASCII_DIGITS: Final = re.compile(r"[0-9]+")


def _damm_interim(digits: str) -> int:
    interim = 0
    for ch in digits:
        interim = _DAMM_TABLE[interim][ord(ch) - 48]
    return interim


def damm_check_digit(digits: str) -> str:
    """The Damm check digit of a non-empty string of ASCII digits.

    >>> damm_check_digit("1234567"), damm_check_digit("0004711")
    ('1', '8')
    """
    if not _ASCII_DIGITS.fullmatch(digits):
        raise ValueError("digits expected")
    return str(_damm_interim(digits))


def damm_valid(digits_with_check: str) -> bool:
    """True if the last digit is the correct Damm check digit of the ones before it.

    Never raises: anything but a string of at least two ASCII digits is simply invalid.
    """
    if len(digits_with_check) < 2 or not _ASCII_DIGITS.fullmatch(digits_with_check):
        return False
    return _damm_interim(digits_with_check) == 0


# --- errors ----------------------------------------------------------------------------

_LABELS: Final[dict[ReferenceKind, str]] = {
    "customer": "customer number",
    "ticket": "ticket number",
    "order": "support order number",
    "invoice": "invoice number",
    "mandate": "mandate reference",
}

_EXPECTED: Final[dict[ReferenceKind, str]] = {
    "customer": "K + 8 digits, e.g. K12345671",
    "ticket": "#KCP- + 8 digits, e.g. #KCP-00012340",
    "order": "SA- + 8 digits, e.g. SA-00047118",
    "invoice": "RE-YYYY-NNNNNN, e.g. RE-2026-000123",
    "mandate": "customer number + -M + 2 digits, e.g. K12345671-M01",
}


class BadReference(ValueError):
    """Text that is not a valid reference of the expected ``kind``."""

    kind: ReferenceKind

    def __init__(self, kind: ReferenceKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


class MalformedReference(BadReference):
    """The text is not of that format at all."""

    def __init__(self, kind: ReferenceKind, message: str | None = None) -> None:
        if message is None:
            message = f"Not a {_LABELS[kind]} ({_EXPECTED[kind]})."
        super().__init__(kind, message)


class WrongCheckDigit(BadReference):
    """The format is right but the check digit is wrong (most likely a typo).

    The message deliberately does not reveal the correct check digit.
    """

    def __init__(self, kind: ReferenceKind, message: str | None = None) -> None:
        if message is None:
            message = f"Check digit wrong in {_LABELS[kind]}."
        super().__init__(kind, message)


# --- normalisation ---------------------------------------------------------------------

# Whitespace (incl. NBSP), ASCII hyphen, Unicode hyphens/dashes, minus sign, and the
# invisible characters that tend to come along when copying from mails and PDFs.
_SEPARATORS: Final = re.compile(r"[\s\-\u2010-\u2015\u2212\u200b-\u200d\u2060\ufeff]+")


def _normalise(text: str) -> str:
    """NFKC (full-width digits → ASCII), upper case, separator runs → single ``-``."""
    text = unicodedata.normalize("NFKC", text).upper()
    return _SEPARATORS.sub("-", text).strip("-")


def _compact(text: str) -> str:
    """Normalised and without any separators."""
    return _normalise(text).replace("-", "")


# Patterns on the compact form; they are mutually exclusive.
_CUSTOMER_RE: Final = re.compile(r"K?([0-9]{8})")
_TICKET_RE: Final = re.compile(r"#?KCP([0-9]{8})")
_ORDER_RE: Final = re.compile(r"SA([0-9]{8})")
_MANDATE_RE: Final = re.compile(r"K?([0-9]{8})M([0-9]{1,2})")
# The invoice pattern works on the normalised form: a separated sequence number may be
# typed without its leading zeros (RE-2026-123); run together it must have six digits.
_INVOICE_RE: Final = re.compile(r"RE-?([0-9]{4})(?:-([0-9]{1,6})|([0-9]{6}))")


def _check_body(kind: ReferenceKind, digits: str) -> int:
    """The 7-digit body of 8 digits (body + check) as int, or WrongCheckDigit."""
    if not damm_valid(digits):
        raise WrongCheckDigit(kind)
    return int(digits[:-1])


def _with_check(kind: ReferenceKind, n: int) -> str:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"{_LABELS[kind]}: int expected")
    if not 0 <= n < BODY_LIMIT:
        raise ValueError(f"{_LABELS[kind]} out of range: 0 <= n < {BODY_LIMIT} expected")
    body = f"{n:07d}"
    return body + damm_check_digit(body)


# --- formatters ------------------------------------------------------------------------


def format_customer_number(n: int) -> str:
    """``K`` + 7 digits + check digit: ``format_customer_number(1234567) == "K12345671"``."""
    return "K" + _with_check("customer", n)


def format_ticket_ref(n: int) -> str:
    """``#KCP-`` + 7 digits + check digit: ``format_ticket_ref(1234) == "#KCP-00012340"``."""
    return "#KCP-" + _with_check("ticket", n)


def format_order_ref(n: int) -> str:
    """``SA-`` + 7 digits + check digit: ``format_order_ref(4711) == "SA-00047118"``."""
    return "SA-" + _with_check("order", n)


def format_invoice_number(year: int, seq: int) -> str:
    """``RE-YYYY-NNNNNN``: ``format_invoice_number(2026, 123) == "RE-2026-000123"``.

    ``year`` must have four digits, ``seq`` is 1 … 999999 (numbering is gap-free per year
    and starts at 1). No check digit.
    """
    for value in (year, seq):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("invoice number: int expected")
    if not _INVOICE_YEAR_MIN <= year <= _INVOICE_YEAR_MAX:
        raise ValueError("invoice year out of range: four digits expected")
    if not 1 <= seq <= _INVOICE_SEQ_MAX:
        raise ValueError(f"invoice sequence number out of range: 1 … {_INVOICE_SEQ_MAX}")
    return f"RE-{year:04d}-{seq:06d}"


def format_mandate_ref(customer_n: int, seq: int) -> str:
    """Customer number + ``-M`` + 2 digits: ``format_mandate_ref(1234567, 1) == "K12345671-M01"``.

    ``seq`` is the customer's mandate counter, 1 … 99.
    """
    if isinstance(seq, bool) or not isinstance(seq, int):
        raise TypeError("mandate sequence number: int expected")
    if not 1 <= seq <= _MANDATE_SEQ_MAX:
        raise ValueError(f"mandate sequence number out of range: 1 … {_MANDATE_SEQ_MAX}")
    return f"K{_with_check('mandate', customer_n)}-M{seq:02d}"


# --- parsers ---------------------------------------------------------------------------


def _require_str(kind: ReferenceKind, text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"{_LABELS[kind]}: str expected")
    return text


def parse_customer_number(text: str) -> int:
    """``"K12345671"``, ``"k 1234567 1"``, ``"12345671"`` … → 1234567.

    Raises :class:`MalformedReference` or :class:`WrongCheckDigit`.
    """
    m = _CUSTOMER_RE.fullmatch(_compact(_require_str("customer", text)))
    if m is None:
        raise MalformedReference("customer")
    return _check_body("customer", m.group(1))


def parse_ticket_ref(text: str) -> int:
    """``"#KCP-00012340"``, ``"kcp-00012340"``, ``"KCP 0001234 0"`` … → 1234.

    Raises :class:`MalformedReference` or :class:`WrongCheckDigit`.
    """
    m = _TICKET_RE.fullmatch(_compact(_require_str("ticket", text)))
    if m is None:
        raise MalformedReference("ticket")
    return _check_body("ticket", m.group(1))


def parse_order_ref(text: str) -> int:
    """``"SA-00047118"``, ``"sa 0004711 8"``, ``"SA00047118"`` … → 4711.

    Raises :class:`MalformedReference` or :class:`WrongCheckDigit`.
    """
    m = _ORDER_RE.fullmatch(_compact(_require_str("order", text)))
    if m is None:
        raise MalformedReference("order")
    return _check_body("order", m.group(1))


def parse_invoice_number(text: str) -> tuple[int, int]:
    """``"RE-2026-000123"``, ``"re 2026 000123"``, ``"RE-2026-123"`` … → (2026, 123).

    Raises :class:`MalformedReference` (there is no check digit).
    """
    m = _INVOICE_RE.fullmatch(_normalise(_require_str("invoice", text)))
    if m is None:
        raise MalformedReference("invoice")
    year = int(m.group(1))
    seq = int(m.group(2) or m.group(3))
    if year < _INVOICE_YEAR_MIN or seq < 1:
        raise MalformedReference("invoice")
    return year, seq


def parse_mandate_ref(text: str) -> tuple[int, int]:
    """``"K12345671-M01"``, ``"k12345671 m1"``, ``"12345671-M01"`` … → (1234567, 1).

    Raises :class:`MalformedReference` or :class:`WrongCheckDigit` (of the customer part).
    """
    m = _MANDATE_RE.fullmatch(_compact(_require_str("mandate", text)))
    if m is None:
        raise MalformedReference("mandate")
    customer_n = _check_body("mandate", m.group(1))
    seq = int(m.group(2))
    if seq < 1:
        raise MalformedReference("mandate")
    return customer_n, seq


# --- classification --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParsedReference:
    """A recognised reference.

    ``number``/``extra`` follow the parsers' results: customer, ticket, order → the 7-digit
    body and ``None``; invoice → year and sequence number; mandate → customer number body
    and mandate sequence number.
    """

    kind: ReferenceKind
    number: int
    extra: int | None = None

    def canonical(self) -> str:
        """The reference in its canonical spelling, e.g. ``"#KCP-00012340"``."""
        if self.kind == "customer":
            return format_customer_number(self.number)
        if self.kind == "ticket":
            return format_ticket_ref(self.number)
        if self.kind == "order":
            return format_order_ref(self.number)
        if self.extra is None:
            raise ValueError(f"{_LABELS[self.kind]} needs a second number")
        if self.kind == "invoice":
            return format_invoice_number(self.number, self.extra)
        return format_mandate_ref(self.number, self.extra)


def classify(text: str) -> ParsedReference | None:
    """Which kind of reference ``text`` is, for a search box that takes any of them.

    Returns ``None`` if the text does not look like any complete reference (then it is
    ordinary search text). Raises :class:`WrongCheckDigit` if it clearly is a reference —
    prefix and the right number of digits, or eight bare digits (a customer number) — but
    its check digit is wrong.
    """
    compact = _compact(text)
    if not compact:
        return None
    try:
        if compact.startswith("RE"):
            year, seq = parse_invoice_number(text)
            return ParsedReference("invoice", year, seq)
        if _TICKET_RE.fullmatch(compact):
            return ParsedReference("ticket", parse_ticket_ref(text))
        if _ORDER_RE.fullmatch(compact):
            return ParsedReference("order", parse_order_ref(text))
        if _MANDATE_RE.fullmatch(compact):
            customer_n, seq = parse_mandate_ref(text)
            return ParsedReference("mandate", customer_n, seq)
        if _CUSTOMER_RE.fullmatch(compact):
            return ParsedReference("customer", parse_customer_number(text))
    except MalformedReference:
        return None
    return None


_CUSTOMER_PREFIX_RE: Final = re.compile(r"K?([0-9]{1,8})")


def customer_number_prefix(text: str) -> str | None:
    """The digits of a (possibly partial) customer number, for search-as-you-type.

    ``"K123"`` and ``"123"`` → ``"123"``; digits are returned as typed, leading zeros
    included (they are a prefix of the zero-padded 8-digit form ``body + check``). With
    fewer than 8 digits there is no check digit yet, so nothing is validated; with all 8
    the check digit is verified (:class:`WrongCheckDigit` if wrong). ``None`` for
    anything else (no digits, more than 8 digits, letters other than a leading ``K``).
    """
    m = _CUSTOMER_PREFIX_RE.fullmatch(_compact(text))
    if m is None:
        return None
    digits = m.group(1)
    if len(digits) == 8:
        _check_body("customer", digits)
    return digits
