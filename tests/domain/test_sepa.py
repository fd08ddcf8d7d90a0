"""SEPA bank data (PAY-3, PAY-4, ID-5): IBAN/BIC validation, masking, reason codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kcp_desk.domain import sepa
from kcp_desk.errors import InvalidInput


@pytest.mark.parametrize(
    ("typed", "compact"),
    [
        ("DE89370400440532013000", "DE89370400440532013000"),
        ("de89 3704 0044 0532 0130 00", "DE89370400440532013000"),
        ("  DE89\u00a03704 0044 0532 0130 00 ", "DE89370400440532013000"),
        ("AT611904300234573201", "AT611904300234573201"),
        ("CH9300762011623852957", "CH9300762011623852957"),
        ("GB33BUKB20201555555555", "GB33BUKB20201555555555"),
    ],
)
def test_valid_iban(typed: str, compact: str) -> None:
    assert sepa.validate_iban(typed) == compact


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "enter the IBAN"),
        ("   ", "enter the IBAN"),
        ("DE88370400440532013000", "check digits"),  # one digit off
        ("DE89370400440532013001", "check digits"),
        ("DE8937040044053201300", "number of characters"),
        ("XX89370400440532013000", "country code"),
        ("DE89-3704-0044-0532-0130-0X", "not a valid IBAN"),
        ("BR1800360305000010009795493C1", "SEPA country"),  # a real IBAN, outside SEPA
    ],
)
def test_bad_iban_is_a_field_error_without_the_input(typed: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message) as err:
        sepa.validate_iban(typed)
    assert err.value.field == "iban"
    digits = typed.strip().replace(" ", "")
    assert not digits or digits[4:] not in str(err.value)


def test_iban_field_name_is_configurable() -> None:
    with pytest.raises(InvalidInput) as err:
        sepa.validate_iban("DE00", field="bank.iban")
    assert err.value.field == "bank.iban"


@pytest.mark.parametrize(
    ("typed", "bic"),
    [
        ("COBADEFFXXX", "COBADEFFXXX"),
        ("cobadeff xxx", "COBADEFFXXX"),
        ("COBADEFF", "COBADEFF"),
        ("", None),
        (None, None),
        ("  ", None),
    ],
)
def test_bic(typed: str | None, bic: str | None) -> None:
    assert sepa.validate_bic(typed) == bic


@pytest.mark.parametrize(
    "typed", ["COBADEF", "COBADEFFXX", "COBA1EFFXXX", "ABCDXXFF", "COBADEFFXXXX"]
)
def test_bad_bic(typed: str) -> None:
    with pytest.raises(InvalidInput, match="BIC") as err:
        sepa.validate_bic(typed)
    assert err.value.field == "bic"


def test_bic_from_the_iban() -> None:
    assert sepa.bic_for_iban("DE89370400440532013000") == "COBADEFFXXX"
    assert sepa.bic_for_iban("not an iban") is None


@pytest.mark.parametrize(
    ("typed", "holder"),
    [
        ("Jürgen Müller", "Jürgen Müller"),
        ("  Muster  GmbH \n", "Muster GmbH"),
        ("A" * 70, "A" * 70),
    ],
)
def test_holder(typed: str, holder: str) -> None:
    assert sepa.validate_holder(typed) == holder


@pytest.mark.parametrize(("typed", "message"), [("", "holder"), (None, "holder"), ("  ", "holder"),
                                                ("A" * 71, "70 characters")])  # fmt: skip
def test_bad_holder(typed: str | None, message: str) -> None:
    with pytest.raises(InvalidInput, match=message) as err:
        sepa.validate_holder(typed)
    assert err.value.field == "holder"


@pytest.mark.parametrize(
    ("iban", "masked"),
    [
        ("DE89370400440532013000", "DE•• •••• •••• •••• ••30 00"),
        ("DE89 3704 0044 0532 0130 00", "DE•• •••• •••• •••• ••30 00"),
        ("AT611904300234573201", "AT•• •••• •••• •••• 3201"),
        ("NO9386011117947", "NO•• •••• •••7 947"),
        ("GB33BUKB20201555555555", "GB•• •••• •••• •••• ••55 55"),
    ],
)
def test_mask_iban_shows_only_country_and_last_four(iban: str, masked: str) -> None:
    assert sepa.mask_iban(iban) == masked
    compact = iban.replace(" ", "")
    visible = masked.replace(sepa.MASK, "").replace(" ", "")
    assert visible == compact[:2] + compact[-4:]
    assert sepa.iban_last4(iban) == compact[-4:]


@pytest.mark.parametrize(
    ("reference", "valid"),
    [
        ("K12345671-M01", True),
        ("A" * 35, True),
        ("A" * 36, False),
        ("ABC/123?:().,'+-", True),
        ("", False),
        ("K12345671 M01", False),  # no spaces
        ("/K12345671", False),
        ("K12345671/", False),
        ("K1234//5671", False),
        ("K12345671-MÜ1", False),  # outside the SEPA character set
        ("K12345671_M01", False),
    ],
)
def test_mandate_reference_format(reference: str, valid: bool) -> None:
    assert sepa.valid_mandate_reference(reference) is valid
    if valid:
        assert sepa.validate_mandate_reference(f" {reference} ") == reference
    else:
        with pytest.raises(InvalidInput) as err:
            sepa.validate_mandate_reference(reference)
        assert err.value.field == "mandate_reference"


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("DE98ZZZ09999999999", True),  # the Bundesbank's test identifier
        ("de98 zzz 0999 9999 999", True),
        ("DE98ABC09999999999", True),  # the business code is not part of the check
        ("DE97ZZZ09999999999", False),
        ("DE98ZZZ09999999998", False),
        ("DE98ZZZ", False),
        ("", False),
    ],
)
def test_creditor_id(text: str, valid: bool) -> None:
    assert sepa.valid_creditor_id(text) is valid
    if not valid:
        with pytest.raises(InvalidInput):
            sepa.validate_creditor_id(text)


# --- return reason codes --------------------------------------------------------------------

SPEC_CODES = {
    "AC04": ("Account closed", "Konto erloschen"),
    "AM04": ("Insufficient funds", "Deckung unzureichend"),
    "MS03": ("Reason not specified", "Sonstige Gründe"),
    "MD01": ("No valid mandate", "Kein gültiges Mandat"),
    "MD06": (
        "Refund requested by the payer (objection)",
        "Rückgabe auf Verlangen des Zahlers (Widerspruch)",
    ),
    "MS02": ("Refused by the payer", "Zahlung vom Zahler abgelehnt"),
    "MD07": ("Debtor deceased", "Kontoinhaber verstorben"),
}


@pytest.mark.parametrize(("code", "texts"), SPEC_CODES.items())
def test_spec_reason_codes_have_english_and_german_texts(code: str, texts: tuple[str, str]) -> None:
    reason = sepa.return_reason(code)
    assert reason is not None
    assert (reason.code, reason.text, reason.text_de) == (code, *texts)
    assert sepa.reason_text(code.lower()) == texts[0]


def test_every_reason_text_is_marked_for_qt_linguist() -> None:
    source = Path(sepa.__file__).read_text(encoding="utf-8")
    assert len(sepa.RETURN_REASONS) >= 15
    for code, reason in sepa.RETURN_REASONS.items():
        assert len(code) == 4 and code == reason.code
        assert reason.text and reason.text_de and reason.text != reason.text_de
        assert f'QT_TRANSLATE_NOOP("ReturnCode", "{reason.text}")' in " ".join(source.split())


def test_unknown_code_falls_back_to_the_bank_text() -> None:
    assert sepa.return_reason("ZZ99") is None
    assert sepa.reason_text("ZZ99", "Sonstiges laut Bank") == "Sonstiges laut Bank"
    assert sepa.reason_text("ZZ99") == ""


@pytest.mark.parametrize(
    ("typed", "code"), [("AM04", "AM04"), (" am04 ", "AM04"), ("zz99", "ZZ99")]
)
def test_normalise_reason_code(typed: str, code: str) -> None:
    assert sepa.normalise_reason_code(typed) == code


@pytest.mark.parametrize("typed", ["", "AM4", "AM045", "AM-4", "ÄM04"])
def test_bad_reason_code(typed: str) -> None:
    with pytest.raises(InvalidInput) as err:
        sepa.normalise_reason_code(typed)
    assert err.value.field == "reason_code"
