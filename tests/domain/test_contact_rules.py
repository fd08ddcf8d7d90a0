"""Contact-data validation (C1.4): every error names its form field and never echoes input."""

from __future__ import annotations

import datetime as dt

import pytest

from kcp_desk.domain.contact_rules import (
    FieldErrors,
    Phone,
    normalise_country,
    normalise_email,
    normalise_phone,
    normalise_postcode,
    optional_text,
    parse_date_of_birth,
    require_text,
)
from kcp_desk.errors import InvalidInput

TODAY = dt.date(2026, 3, 2)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("j.mueller@example.de", "j.mueller@example.de"),
        ("  Jürgen.Müller@Example.DE ", "Jürgen.Müller@example.de"),
        ("info@bücher.de", "info@bücher.de"),
    ],
)
def test_email_is_normalised(typed: str, stored: str) -> None:
    assert normalise_email(typed) == stored


@pytest.mark.parametrize(
    "typed", ["", "j.mueller", "j.mueller@", "a@b", "j mueller@example.de", "x@localhost"]
)
def test_bad_email(typed: str) -> None:
    with pytest.raises(InvalidInput) as err:
        normalise_email(typed)
    assert err.value.field == "email"
    assert not typed or typed not in str(err.value)


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("0221 / 123 45-6", "+49221123456"),
        ("+49 (0)221 123456", "+49221123456"),
        ("0049 170 1234567", "+491701234567"),
        ("0170-1234567", "+491701234567"),
        ("+43 1 5124567", "+4315124567"),
    ],
)
def test_phone_any_notation(typed: str, e164: str) -> None:
    phone = normalise_phone(typed)
    assert phone == Phone(typed.strip(), e164)


def test_empty_phone_removes_the_number() -> None:
    assert normalise_phone("  ") is None


@pytest.mark.parametrize("typed", ["12", "abc", "0221", "+999 123456", "0170 12345678901234"])
def test_bad_phone(typed: str) -> None:
    with pytest.raises(InvalidInput) as err:
        normalise_phone(typed, field="mobile")
    assert err.value.field == "mobile"


def test_german_postcode_has_five_digits() -> None:
    assert normalise_postcode(" 50667 ", "DE") == "50667"
    assert normalise_postcode("01067", "DE") == "01067"
    for bad in ("5066", "506677", "5066A", "５０６６７"):
        with pytest.raises(InvalidInput) as err:
            normalise_postcode(bad, "DE", field="billing.postcode")
        assert err.value.field == "billing.postcode"
        assert err.value.params == {"country": "DE", "n": 5}


def test_neighbours_and_abroad() -> None:
    assert normalise_postcode("1010", "AT") == "1010"
    with pytest.raises(InvalidInput):
        normalise_postcode("10115", "AT")
    assert normalise_postcode("sw1a 1aa", "GB") == "SW1A 1AA"
    assert normalise_postcode("1234 AB", "NL") == "1234 AB"
    assert normalise_postcode("00-950", "PL") == "00-950"
    for bad in ("", "-", "12#4"):
        with pytest.raises(InvalidInput):
            normalise_postcode(bad, "FR")


def test_country() -> None:
    assert normalise_country(" at ") == "AT"
    assert normalise_country("") == "DE"
    for bad in ("XY", "DEU", "Deutschland"):
        with pytest.raises(InvalidInput) as err:
            normalise_country(bad, field="billing.country")
        assert err.value.field == "billing.country"


def test_required_and_optional_text() -> None:
    assert require_text("  Dom   straße ", field="street") == "Dom straße"
    with pytest.raises(InvalidInput) as err:
        require_text(" \t", field="billing.city", limit="city")
    assert err.value.field == "billing.city"
    with pytest.raises(InvalidInput) as err:
        require_text("x" * 101, field="billing.street", limit="street")
    assert err.value.params == {"n": 100}
    assert optional_text("  ", field="salutation") == ""
    with pytest.raises(InvalidInput):
        optional_text("x" * 31, field="salutation")


def test_date_of_birth() -> None:
    assert parse_date_of_birth("30.04.1980", today=TODAY) == dt.date(1980, 4, 30)
    assert parse_date_of_birth("1980-04-30", today=TODAY) == dt.date(1980, 4, 30)
    assert parse_date_of_birth(" ", today=TODAY) is None
    for bad in ("31.02.1980", "morgen", "02.03.2026", "01.01.1850"):
        with pytest.raises(InvalidInput) as err:
            parse_date_of_birth(bad, today=TODAY)
        assert err.value.field == "date_of_birth"


def test_field_errors_carry_every_field() -> None:
    first = InvalidInput("Not a valid e-mail address.", field="email")
    second = InvalidInput("At most {n} characters, please.", field="city", n=100)
    errors = FieldErrors({"email": first, "city": second})
    assert isinstance(errors, InvalidInput)
    assert errors.field == "email" and str(errors) == "Not a valid e-mail address."
    assert errors.errors == {"email": first, "city": second}
    with pytest.raises(ValueError):
        FieldErrors({})
