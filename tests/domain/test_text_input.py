"""The one input-cleaning rule (issue 8, SPEC §4): NFC, surrounding whitespace trimmed,
control/format/broken characters refused at the field; the search drops them instead."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kcp_desk.domain import contact_rules, sepa
from kcp_desk.domain.text_input import (
    BROKEN_CHARACTER,
    CONTROL_CHARACTER,
    FORMAT_CHARACTER,
    check_secret,
    multi_line,
    searchable,
    single_line,
)
from kcp_desk.errors import InvalidInput
from tests.domain.strategies import typed_or_pasted, typed_text

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


def _forbidden_in_one_line(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs") or ch in "\u2028\u2029"


def _forbidden_in_free_text(ch: str) -> bool:
    if ch in "\t\n\r\u2028\u2029\u200c\u200d":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs")


# --- properties ----------------------------------------------------------------------------


@settings(max_examples=300)
@given(typed_or_pasted)
def test_single_line_refuses_at_the_field_or_gives_clean_nfc_text(text: str) -> None:
    try:
        cleaned = single_line(text, field="city")
    except InvalidInput as err:
        assert err.field == "city"
        assert err.template in (CONTROL_CHARACTER, FORMAT_CHARACTER, BROKEN_CHARACTER)
        position = err.params["position"]
        assert isinstance(position, int)
        assert _forbidden_in_one_line(text[position - 1])  # the first bad one, as typed
        lead = len(text) - len(text.lstrip())  # trimmed whitespace is no error
        assert not any(_forbidden_in_one_line(ch) for ch in text[lead : position - 1])
        assert text.strip() not in str(err) or not text.strip()  # never echoes the input
        return
    assert not any(_forbidden_in_one_line(ch) for ch in cleaned)
    assert unicodedata.is_normalized("NFC", cleaned)
    assert cleaned == cleaned.strip()
    assert single_line(cleaned, field="city") == cleaned  # idempotent


@settings(max_examples=300)
@given(typed_or_pasted)
def test_multi_line_keeps_line_breaks_and_refuses_the_rest(text: str) -> None:
    try:
        cleaned = multi_line(text, field="reason")
    except InvalidInput as err:
        assert err.field == "reason"
        position = err.params["position"]
        assert isinstance(position, int)
        assert _forbidden_in_free_text(text[position - 1])
        return
    assert not any(_forbidden_in_free_text(ch) for ch in cleaned)
    assert "\r" not in cleaned
    assert unicodedata.is_normalized("NFC", cleaned)
    assert multi_line(cleaned, field="reason") == cleaned


@settings(max_examples=300)
@given(typed_or_pasted)
def test_searchable_never_raises_and_leaves_nothing_sql_cannot_take(text: str) -> None:
    cleaned = searchable(text)
    assert not any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in cleaned)
    cleaned.encode("utf-8")  # no lone surrogate left
    assert searchable(cleaned) == cleaned


@settings(max_examples=200)
@given(typed_text)
def test_secret_is_checked_but_never_changed(text: str) -> None:
    try:
        assert check_secret(text, field="phone_password") is text
    except InvalidInput as err:
        assert err.field == "phone_password"


@settings(max_examples=200)
@given(typed_text, st.sampled_from(["street", "city", "house_number"]))
def test_every_contact_rule_gives_a_value_or_an_error_at_its_field(text: str, fld: str) -> None:
    checks = [
        lambda: contact_rules.require_text(text, field=fld),
        lambda: contact_rules.optional_text(text, field=fld),
        lambda: contact_rules.normalise_email(text, field=fld),
        lambda: contact_rules.normalise_phone(text, field=fld),
        lambda: contact_rules.normalise_country(text, field=fld),
        lambda: contact_rules.normalise_postcode(text, "DE", field=fld),
        lambda: contact_rules.normalise_postcode(text, "NL", field=fld),
        lambda: sepa.validate_holder(text, field=fld),
        lambda: sepa.validate_iban(text, field=fld),
        lambda: sepa.validate_bic(text, field=fld),
        lambda: sepa.normalise_reason_code(text, field=fld),
    ]
    for check in checks:
        try:
            value = check()
        except InvalidInput as err:
            assert err.field == fld
            continue
        stored = value.as_entered if isinstance(value, contact_rules.Phone) else value
        assert stored is None or not any(_forbidden_in_one_line(ch) for ch in stored)


# --- examples ------------------------------------------------------------------------------


def test_nfc_composes_what_was_typed_decomposed() -> None:
    assert single_line("  Mu\u0308ller ", field="last_name") == "Müller"
    assert contact_rules.require_text("Mu\u0308ller", field="last_name") == "Müller"
    assert multi_line("Mu\u0308ller\r\nzog um", field="reason") == "Müller\nzog um"


@pytest.mark.parametrize("ch", ["\x00", "\x1b", "\x07", "\x08", "\x7f", "\x9b", "\t", "\n"])
def test_control_characters_are_refused_in_one_line(ch: str) -> None:
    with pytest.raises(InvalidInput) as err:
        single_line(f"Kö{ch}ln", field="billing.city")
    assert err.value.template == CONTROL_CHARACTER
    assert err.value.field == "billing.city"
    assert err.value.params == {"position": 3}
    assert str(err.value) == "Control characters are not allowed here (character 3)."


def test_the_position_counts_what_was_typed_before_trimming() -> None:
    with pytest.raises(InvalidInput) as err:
        single_line("   ab\x1b[31m", field="city")
    assert err.value.params == {"position": 6}


@pytest.mark.parametrize("ch", list(BIDI_CONTROLS + ZERO_WIDTH + "\u00ad"))
def test_bidi_controls_and_zero_width_characters_are_refused_in_one_line(ch: str) -> None:
    with pytest.raises(InvalidInput) as err:
        single_line(f"Müller{ch}", field="last_name")
    assert err.value.template == FORMAT_CHARACTER
    assert err.value.params == {"position": 7}


@pytest.mark.parametrize("ch", list(BIDI_CONTROLS + "\u200b\u2060\ufeff"))
def test_free_text_refuses_bidi_controls_and_zero_width_spaces(ch: str) -> None:
    with pytest.raises(InvalidInput) as err:
        multi_line(f"Kunde bittet{ch} um Rückruf", field="reason")
    assert err.value.template == FORMAT_CHARACTER


def test_free_text_keeps_tabs_line_breaks_and_joiners() -> None:
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # ZWNJ inside
    text = f"Zeile 1\r\nZeile 2\rZeile 3\n\tEingerückt 👩\u200d💻 {persian}"
    assert multi_line(text, field="reason") == (
        f"Zeile 1\nZeile 2\nZeile 3\n\tEingerückt 👩\u200d💻 {persian}"
    )


@pytest.mark.parametrize("text", ["a\x00b", "a\x1bb", "a\x07b"])
def test_free_text_refuses_other_control_characters(text: str) -> None:
    with pytest.raises(InvalidInput) as err:
        multi_line(text, field="reason")
    assert err.value.template == CONTROL_CHARACTER


def test_a_lone_surrogate_is_a_broken_character() -> None:
    for fn in (single_line, multi_line, check_secret):
        with pytest.raises(InvalidInput) as err:
            fn("ab\ud83d", field="f")
        assert err.value.template == BROKEN_CHARACTER
        assert err.value.params == {"position": 3}


def test_plain_text_passes_unchanged_and_other_spaces_stay() -> None:
    assert single_line("Jörg Groß-Özdemir", field="f") == "Jörg Groß-Özdemir"
    assert single_line("50667\u00a0Köln", field="f") == "50667\u00a0Köln"
    assert single_line("\U0010ffff", field="f") == "\U0010ffff"  # a noncharacter, not Cc/Cf


def test_search_text_drops_what_would_break_sql() -> None:
    assert searchable("Mül\u200bler\x00\tKöln\ud800\u202e") == "Müller Köln"
    assert searchable("plain") == "plain"


def test_holder_iban_and_reason_code_refuse_control_characters() -> None:
    with pytest.raises(InvalidInput) as err:
        sepa.validate_holder("Erika\u202eMustermann")
    assert err.value.field == "holder" and err.value.template == FORMAT_CHARACTER
    with pytest.raises(InvalidInput) as err:
        sepa.validate_iban("DE02 1203 0000 0000 2020 51\x00")
    assert err.value.field == "iban" and err.value.template == CONTROL_CHARACTER
    with pytest.raises(InvalidInput) as err:
        sepa.normalise_reason_code("AM\x0004")
    assert err.value.field == "reason_code"
