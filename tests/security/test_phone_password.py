"""Phone passwords are Argon2id PHC strings; only match / no match comes back (C1.5)."""

from __future__ import annotations

import logging

import pytest

from kcp_desk.security.phone_password import (
    PRODUCTION_PARAMS,
    PhonePasswordParams,
    hash_phone_password,
    is_phc_argon2id,
    verify_phone_password,
)

CHEAP = PhonePasswordParams(memory_kib=64, iterations=1, lanes=1)
SECRET = "Sonnenblume-Zebra-42"


def test_round_trip_with_production_parameters() -> None:
    phc = hash_phone_password(SECRET)
    assert phc.startswith("$argon2id$v=19$m=65536,t=3,p=2$")
    assert SECRET not in phc
    assert verify_phone_password(SECRET, phc)
    assert not verify_phone_password(SECRET + "x", phc)
    # the cost is a property of the parameters; how long they take is bench/'s business
    assert (PRODUCTION_PARAMS.memory_kib, PRODUCTION_PARAMS.iterations) == (64 * 1024, 3)


def test_salted_each_time() -> None:
    assert hash_phone_password(SECRET, CHEAP) != hash_phone_password(SECRET, CHEAP)


def test_parameters_travel_with_the_hash() -> None:
    phc = hash_phone_password(SECRET, CHEAP)
    assert "$m=64,t=1,p=1$" in phc
    assert verify_phone_password(SECRET, phc)


@pytest.mark.parametrize(
    "typed", [f"  {SECRET} ", f"{SECRET}\u00a0", "Sonnenblume-Zebra-\uff14\uff12"]
)
def test_blanks_and_compatibility_forms_do_not_matter(typed: str) -> None:
    assert verify_phone_password(typed, hash_phone_password(SECRET, CHEAP))


@pytest.mark.parametrize("typed", ["sonnenblume-zebra-42", "Sonnenblume-Zebra-43", "", "   "])
def test_case_and_every_character_matter(typed: str) -> None:
    assert not verify_phone_password(typed, hash_phone_password(SECRET, CHEAP))


def test_empty_password_cannot_be_stored() -> None:
    with pytest.raises(ValueError, match="empty"):
        hash_phone_password(" \t")


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "Sonnenblume-Zebra-42",  # a plain value must never verify as "matches"
        "$argon2i$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
    ],
)
def test_a_stored_value_that_is_no_argon2id_hash_is_a_data_fault(stored: str) -> None:
    assert not is_phc_argon2id(stored)
    with pytest.raises(ValueError) as err:
        verify_phone_password(SECRET, stored)
    assert SECRET not in str(err.value)
    assert not stored or stored not in str(err.value)


def test_nothing_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    phc = hash_phone_password(SECRET, CHEAP)
    verify_phone_password(SECRET, phc)
    verify_phone_password("falsch", phc)
    assert caplog.records == []
