"""Validation and normalisation of contact data (SPEC C1.4, §4 "a clear message next to
the field").

Every check takes what the agent typed and either returns the value to store or raises
:class:`~kcp_desk.errors.InvalidInput` whose ``field`` names the form field. The message
templates are marked for Qt Linguist in the "KcpError" context; they never echo the input.
:class:`FieldErrors` carries several such errors at once so a form can mark every bad
field in one round trip.

Every function first applies the input-cleaning rule of :mod:`kcp_desk.domain.text_input`
(:func:`~kcp_desk.domain.text_input.single_line`: NFC; control, format and broken
characters refused at the field).

Pure Python: no Qt, no database.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from kcp_desk.domain.text_input import single_line
from kcp_desk.errors import QT_TRANSLATE_NOOP, TOO_LONG, FieldErrors, InvalidInput

__all__ = [
    "DEFAULT_REGION",
    "MAX_LENGTHS",
    "FieldErrors",
    "Phone",
    "normalise_country",
    "normalise_email",
    "normalise_phone",
    "normalise_postcode",
    "optional_text",
    "parse_date_of_birth",
    "require_text",
]

#: Numbers without a country prefix are German (the hoster's home market).
DEFAULT_REGION: Final = "DE"

#: Column widths of the fields (``kcp_desk.models``), checked here so the database never
#: has to refuse (PostgreSQL would; SQLite would silently store more).
MAX_LENGTHS: Final[Mapping[str, int]] = {
    "salutation": 30,
    "email": 254,
    "phone": 50,
    "street": 100,
    "house_number": 20,
    "postcode": 10,
    "city": 100,
    "first_name": 100,
    "last_name": 100,
    "company": 200,
    "legal_form": 50,
}

#: Countries whose postcodes are checked strictly: the number of digits.
_POSTCODE_DIGITS: Final[Mapping[str, int]] = {"DE": 5, "AT": 4, "CH": 4, "LI": 4}
_ASCII_DIGITS: Final = re.compile(r"[0-9]+")
# Elsewhere: letters, digits, blanks and hyphens (UK "SW1A 1AA", NL "1234 AB", PL "00-950").
_POSTCODE_LENIENT: Final = re.compile(r"[A-Z0-9](?:[A-Z0-9 \-]*[A-Z0-9])?")
_WHITESPACE: Final = re.compile(r"\s+")
_OLDEST_BIRTH_YEAR: Final = 1900


@dataclass(frozen=True, slots=True)
class Phone:
    """A phone number as typed (tidied) and its E.164 form for search and SMS."""

    as_entered: str
    e164: str


def _squash(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def _check_length(value: str, field: str, limit: str | None = None) -> str:
    max_len = MAX_LENGTHS[limit or field]
    if len(value) > max_len:
        raise InvalidInput(
            TOO_LONG,
            field=field,
            n=max_len,
        )
    return value


def require_text(text: str, *, field: str, limit: str | None = None) -> str:
    """Non-empty text (street, house number, city, names), whitespace tidied.

    ``limit`` is the key in :data:`MAX_LENGTHS` when ``field`` is a qualified form field
    name such as ``billing.street``.
    """
    value = _squash(single_line(text, field=field))
    if not value:
        raise InvalidInput(QT_TRANSLATE_NOOP("KcpError", "This field is required."), field=field)
    return _check_length(value, field, limit)


def optional_text(text: str, *, field: str, limit: str | None = None) -> str:
    """Text that may be empty (salutation, legal form), whitespace tidied."""
    return _check_length(_squash(single_line(text, field=field)), field, limit)


def normalise_email(text: str, *, field: str = "email") -> str:
    """A syntactically valid address (no DNS lookup), domain part normalised."""
    value = single_line(text, field=field)
    if not value:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("KcpError", "An e-mail address is required."), field=field
        )
    try:
        result = validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("KcpError", "Not a valid e-mail address."), field=field
        ) from None
    return _check_length(result.normalized, field, "email")


def normalise_phone(
    text: str, *, field: str = "phone", region: str = DEFAULT_REGION
) -> Phone | None:
    """Any notation (``0221 / 123 45-6``, ``+49 221 123456``) → :class:`Phone`.

    Empty input is ``None`` (the number is removed). Numbers without a country prefix
    are read as German.
    """
    value = _squash(single_line(text, field=field))
    if not value:
        return None
    invalid = InvalidInput(
        QT_TRANSLATE_NOOP(
            "KcpError", "Not a valid phone number (numbers abroad need their +country code)."
        ),
        field=field,
    )
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        raise invalid from None
    if not phonenumbers.is_valid_number(number):
        raise invalid
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return Phone(_check_length(value, field, "phone"), e164)


def normalise_country(text: str, *, field: str = "country") -> str:
    """ISO 3166-1 alpha-2 (``de`` → ``DE``); empty means Germany."""
    value = single_line(text, field=field).upper()
    if not value:
        return DEFAULT_REGION
    if len(value) != 2 or value not in phonenumbers.SUPPORTED_REGIONS:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("KcpError", "Not a country code (two letters, e.g. DE, AT, CH)."),
            field=field,
        )
    return value


def normalise_postcode(text: str, country: str, *, field: str = "postcode") -> str:
    """Germany (and AT, CH, LI) strictly by their digit count; elsewhere leniently."""
    value = _squash(single_line(text, field=field)).upper()
    if not value:
        raise InvalidInput(QT_TRANSLATE_NOOP("KcpError", "This field is required."), field=field)
    digits = _POSTCODE_DIGITS.get(country)
    if digits is not None:
        compact = value.replace(" ", "")
        if len(compact) != digits or not _ASCII_DIGITS.fullmatch(compact):
            raise InvalidInput(
                QT_TRANSLATE_NOOP("KcpError", "A postcode in {country} has {n} digits."),
                field=field,
                country=country,
                n=digits,
            )
        return compact
    if not _POSTCODE_LENIENT.fullmatch(value):
        raise InvalidInput(
            QT_TRANSLATE_NOOP("KcpError", "Not a valid postcode."),
            field=field,
        )
    return _check_length(value, field, "postcode")


def parse_date_of_birth(
    text: str, *, today: dt.date, field: str = "date_of_birth"
) -> dt.date | None:
    """``1980-04-30`` or ``30.04.1980`` → a date in the past; empty → ``None``."""
    value = single_line(text, field=field)
    if not value:
        return None
    parsed: dt.date | None = None
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            parsed = dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        break
    if parsed is None:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("KcpError", "Not a date (e.g. 30.04.1980)."), field=field
        )
    if parsed >= today or parsed.year < _OLDEST_BIRTH_YEAR:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("KcpError", "The date of birth must lie in the past."),
            field=field,
        )
    return parsed
