"""Credential fields and data-key wraps (SPEC V-2, V-3): a field opens only with its own
order's data key, under its own order, field name and data-key version; a wrap opens
only for its own order, version and recipient; no secret ever shows in a text."""

from __future__ import annotations

import json
import logging
import pickle
import traceback

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kcp_desk.security.field_crypto import (
    FieldDecryptError,
    FieldEncodeError,
    SecretText,
    decrypt_field,
    encrypt_field,
    field_aad,
    new_data_key,
)
from kcp_desk.security.sealing import AgentKeys
from kcp_desk.security.wrapping import (
    AgentRecipient,
    DispatchRecipient,
    UnwrapError,
    agent_recipient,
    dek_info,
    dispatch_info,
    dispatch_recipient,
    unwrap_dek,
    wrap_dek,
)

SECRET = "root-Pa55word!geheim"
KEY = bytes(range(32))


def _encrypt(
    key: bytes = KEY, order: int = 7, name: str = "root", version: int = 1, text: str = SECRET
) -> tuple[bytes, bytes]:
    return encrypt_field(key, order_id=order, field_name=name, dek_version=version, plaintext=text)


def _decrypt(
    nonce: bytes,
    ciphertext: bytes,
    key: bytes = KEY,
    order: int = 7,
    name: str = "root",
    version: int = 1,
) -> str:
    return decrypt_field(
        key,
        order_id=order,
        field_name=name,
        dek_version=version,
        nonce=nonce,
        ciphertext=ciphertext,
    )


def _texts_of(exc: BaseException) -> str:
    """Everything a log record or a crash dialog could show of an exception."""
    return "\n".join(
        [str(exc), repr(exc), *traceback.format_exception(exc), repr(exc.args), str(vars(exc))]
    )


# --- data keys and field encryption ----------------------------------------------------


def test_new_data_keys_are_256_random_bits() -> None:
    keys = {new_data_key() for _ in range(100)}
    assert len(keys) == 100
    assert {len(k) for k in keys} == {32}


def test_a_field_round_trips_with_a_fresh_nonce_each_time() -> None:
    first, second = _encrypt(), _encrypt()
    assert _decrypt(*first) == _decrypt(*second) == SECRET
    assert len(first[0]) == 12 and first[0] != second[0]
    assert first[1] != second[1]
    assert SECRET.encode() not in first[1]
    assert len(first[1]) == len(SECRET.encode()) + 16


def test_secret_text_is_accepted_as_plaintext() -> None:
    assert _decrypt(*_encrypt(text=SecretText(SECRET))) == SECRET  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=10_000))
@example(text="")
@example(text="\x00")
@example(text="a\x00b\x00\x00")
@example(text="€" * 10_000)
@example(text="\U0001f512" * 10_000)
@example(text="x" * 9_999 + "\x00")
def test_any_unicode_text_round_trips(text: str) -> None:
    key = new_data_key()
    nonce, ciphertext = encrypt_field(
        key, order_id=3, field_name="ftp password", dek_version=2, plaintext=text
    )
    assert (
        decrypt_field(
            key,
            order_id=3,
            field_name="ftp password",
            dek_version=2,
            nonce=nonce,
            ciphertext=ciphertext,
        )
        == text
    )


def test_bytes_from_the_database_driver_decrypt_too() -> None:
    nonce, ciphertext = _encrypt()
    assert _decrypt(memoryview(nonce), memoryview(ciphertext)) == SECRET  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "other",
    [
        {"order": 8},
        {"name": "mail"},
        {"name": "Root"},
        {"name": "root "},
        {"version": 2},
        {"key": bytes(32)},
        {"key": new_data_key()},
    ],
    ids=["other order", "other field", "case", "space", "other version", "zero key", "other key"],
)
def test_a_ciphertext_does_not_open_anywhere_else(other: dict[str, object]) -> None:
    nonce, ciphertext = _encrypt()
    with pytest.raises(FieldDecryptError):
        _decrypt(nonce, ciphertext, **other)  # type: ignore[arg-type]


def test_ciphertexts_swapped_between_orders_or_fields_do_not_open() -> None:
    """Two orders with the same data key (the worst case) and two fields of one order."""
    order_7_root = _encrypt(order=7, name="root")
    order_7_mail = _encrypt(order=7, name="mail", text="mail-secret")
    order_8_root = _encrypt(order=8, name="root", text="other-order-secret")
    for stored, under in [
        (order_8_root, {"order": 7, "name": "root"}),
        (order_7_root, {"order": 8, "name": "root"}),
        (order_7_mail, {"order": 7, "name": "root"}),
        (order_7_root, {"order": 7, "name": "mail"}),
    ]:
        with pytest.raises(FieldDecryptError):
            _decrypt(*stored, **under)  # type: ignore[arg-type]
    # a nonce of one row with the ciphertext of another does not open either
    with pytest.raises(FieldDecryptError):
        _decrypt(order_7_mail[0], order_7_root[1])


def test_every_tampered_byte_of_nonce_or_ciphertext_is_refused() -> None:
    nonce, ciphertext = _encrypt()
    for i in range(len(nonce)):
        for bit in (0x01, 0x80):
            bad = bytearray(nonce)
            bad[i] ^= bit
            with pytest.raises(FieldDecryptError):
                _decrypt(bytes(bad), ciphertext)
    for i in range(len(ciphertext)):
        bad = bytearray(ciphertext)
        bad[i] ^= 0x01
        with pytest.raises(FieldDecryptError):
            _decrypt(nonce, bytes(bad))


@pytest.mark.parametrize(
    ("nonce", "ciphertext"),
    [
        (b"", None),
        (b"\x00" * 11, None),
        (b"\x00" * 13, None),
        (None, b""),
        (None, b"\x00" * 15),
        (None, "cipher"),
        ("n" * 12, None),
    ],
)
def test_malformed_nonce_or_ciphertext_is_the_same_error(
    nonce: bytes | None, ciphertext: bytes | None
) -> None:
    good_nonce, good_ciphertext = _encrypt()
    with pytest.raises(FieldDecryptError):
        _decrypt(
            good_nonce if nonce is None else nonce,
            good_ciphertext if ciphertext is None else ciphertext,
        )
    if ciphertext is not None:
        with pytest.raises(FieldDecryptError):
            _decrypt(good_nonce, ciphertext)


def test_truncated_ciphertext_is_refused() -> None:
    nonce, ciphertext = _encrypt()
    for cut in (1, 16, len(ciphertext) - 16):
        with pytest.raises(FieldDecryptError):
            _decrypt(nonce, ciphertext[:-cut])
    with pytest.raises(FieldDecryptError):
        _decrypt(nonce, ciphertext + b"\x00")


@pytest.mark.parametrize("key", [b"", bytes(16), bytes(31), bytes(33), "k" * 32])
def test_a_data_key_that_is_not_32_bytes(key: bytes) -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        _encrypt(key=key)
    nonce, ciphertext = _encrypt()
    with pytest.raises(FieldDecryptError):
        _decrypt(nonce, ciphertext, key=key)


@pytest.mark.parametrize(
    ("order", "name", "version"),
    [
        (0, "root", 1),
        (-1, "root", 1),
        (True, "root", 1),
        (1, "", 1),
        (1, "x" * 65, 1),
        (1, "root", 0),
        (1, "root", False),
        ("1", "root", 1),
        (1.0, "root", 1),
    ],
)
def test_ids_names_and_versions_are_typed(order: object, name: object, version: object) -> None:
    with pytest.raises(ValueError):
        field_aad(order, name, version)  # type: ignore[arg-type]


def test_the_associated_data_is_canonical_json() -> None:
    aad = field_aad(12, "root|mail", 3)
    assert aad == (
        b'{"dek":3,"field":"root|mail","order":12,"purpose":"kcp-desk/credential-field/1"}'
    )
    assert json.loads(aad) == {
        "dek": 3,
        "field": "root|mail",
        "order": 12,
        "purpose": "kcp-desk/credential-field/1",
    }


@given(
    a=st.tuples(st.integers(1, 10**6), st.text(min_size=1, max_size=64), st.integers(1, 99)),
    b=st.tuples(st.integers(1, 10**6), st.text(min_size=1, max_size=64), st.integers(1, 99)),
)
@example(a=(1, "2x", 3), b=(12, "x", 3))
@example(a=(1, '", "order": 2', 1), b=(2, "x", 1))
@example(a=(1, "x", 23), b=(12, "x", 3))
def test_different_fields_never_share_associated_data(
    a: tuple[int, str, int], b: tuple[int, str, int]
) -> None:
    """No naive concatenation: (1, "2x") and (12, "x") are different, and stay so."""
    if a != b:
        assert field_aad(*a) != field_aad(*b)
        assert json.loads(field_aad(*a))["field"] == a[1]


# --- secrets stay out of texts ---------------------------------------------------------


def test_decrypt_errors_name_no_key_and_no_plaintext(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    nonce, ciphertext = _encrypt()
    with pytest.raises(FieldDecryptError) as info:
        _decrypt(nonce, ciphertext[:-1] + bytes([ciphertext[-1] ^ 1]))
    exc = info.value
    assert exc.__cause__ is None and exc.__context__ is None
    texts = _texts_of(exc)
    assert "cannot be decrypted" in str(exc)
    for secret in (SECRET, KEY.hex(), repr(KEY), ciphertext.hex(), repr(ciphertext)):
        assert secret not in texts
    assert caplog.records == []


def test_text_that_is_not_unicode_is_refused_without_repeating_it() -> None:
    broken = SECRET + "\ud800"
    with pytest.raises(FieldEncodeError) as info:
        _encrypt(text=broken)
    exc = info.value
    # a UnicodeEncodeError would carry the whole text: it must not be chained
    assert exc.__cause__ is None and exc.__context__ is None
    assert SECRET not in _texts_of(exc)
    assert isinstance(exc, ValueError)


def test_secret_text_never_shows_itself() -> None:
    secret = SecretText(SECRET)
    shown = [
        repr(secret),
        str(secret),
        f"{secret}",
        f"{secret!r}",
        "{}".format(secret),  # noqa: UP032 - str.format is a path of its own
        "%s" % (secret,),  # noqa: UP031 - and so is %-formatting (logging uses it)
        repr([secret]),
    ]
    assert all(SECRET not in s for s in shown)
    assert secret.reveal() == SECRET
    assert secret == SecretText(SECRET) and secret != SecretText("other")
    assert secret != SECRET  # a SecretText is not a str
    assert bool(secret) and not SecretText("")
    with pytest.raises(TypeError):
        hash(secret)
    with pytest.raises(TypeError):
        pickle.dumps(secret)
    with pytest.raises(TypeError):
        SecretText(b"bytes")  # type: ignore[arg-type]
    assert not hasattr(secret, "__dict__")


# --- data-key wraps (V-3) --------------------------------------------------------------


def test_recipient_parts_are_typed() -> None:
    assert agent_recipient(5, 2) == "agent:5:v2" == AgentRecipient(5, 2).label
    assert dispatch_recipient(3) == "dispatch:v3" == DispatchRecipient(3).label
    assert (
        dek_info(9, 4, AgentRecipient(5, 2)) == b"kcp-desk/dek-wrap/1|order=9|dek=v4|to=agent:5:v2"
    )
    assert (
        dek_info(9, 4, DispatchRecipient(3)) == b"kcp-desk/dek-wrap/1|order=9|dek=v4|to=dispatch:v3"
    )
    assert dispatch_info(3, 5, 2) == b"kcp-desk/dispatch-key-wrap/1|key=dispatch:v3|to=agent:5:v2"
    for bad in [(0, 1), (1, 0), (True, 1), ("5", 1), (1, "2|x")]:
        with pytest.raises(ValueError):
            AgentRecipient(*bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        DispatchRecipient(0)
    with pytest.raises(TypeError):
        dek_info(9, 4, "agent:5:v2")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        dek_info(0, 4, DispatchRecipient(3))
    with pytest.raises(ValueError):
        dispatch_info(3, "5|x", 2)  # type: ignore[arg-type]


def test_a_data_key_wrap_round_trips_to_agent_and_dispatch_key() -> None:
    anna, dispatch = AgentKeys.generate(), X25519PrivateKey.generate()
    dispatch_public = dispatch.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    dek = new_data_key()
    to_anna = AgentRecipient(agent_id=2, key_version=1)
    to_dispatch = DispatchRecipient(version=1)
    for private, public, recipient in (
        (anna.x25519, anna.x25519_public, to_anna),
        (dispatch, dispatch_public, to_dispatch),
    ):
        wrapped = wrap_dek(dek, public, order_id=7, dek_version=1, recipient=recipient)
        assert dek not in wrapped
        opened = unwrap_dek(wrapped, private, order_id=7, dek_version=1, recipient=recipient)
        assert opened == dek
        nonce, ciphertext = _encrypt(key=opened)
        assert _decrypt(nonce, ciphertext, key=dek) == SECRET


def test_a_wrap_swapped_between_orders_versions_or_recipients_does_not_open() -> None:
    anna = AgentKeys.generate()
    dek = new_data_key()
    to_anna = AgentRecipient(agent_id=2, key_version=1)
    wrapped = wrap_dek(dek, anna.x25519_public, order_id=7, dek_version=1, recipient=to_anna)
    for order, version, recipient in [
        (8, 1, to_anna),  # copied to another order
        (7, 2, to_anna),  # replayed as another data-key version
        (7, 1, AgentRecipient(agent_id=2, key_version=2)),  # another key version
        (7, 1, AgentRecipient(agent_id=3, key_version=1)),  # said to be someone else's
        (7, 1, DispatchRecipient(version=1)),
    ]:
        with pytest.raises(UnwrapError):
            unwrap_dek(
                wrapped, anna.x25519, order_id=order, dek_version=version, recipient=recipient
            )


def test_another_agents_key_cannot_unwrap() -> None:
    anna, ben = AgentKeys.generate(), AgentKeys.generate()
    dek = new_data_key()
    to_anna = AgentRecipient(agent_id=2, key_version=1)
    wrapped = wrap_dek(dek, anna.x25519_public, order_id=7, dek_version=1, recipient=to_anna)
    for key in (ben.x25519, X25519PrivateKey.generate()):
        with pytest.raises(UnwrapError) as info:
            unwrap_dek(wrapped, key, order_id=7, dek_version=1, recipient=to_anna)
        assert info.value.__cause__ is None and info.value.__context__ is None
        assert dek.hex() not in _texts_of(info.value) and repr(dek) not in _texts_of(info.value)


def test_a_tampered_wrap_does_not_open() -> None:
    anna = AgentKeys.generate()
    to_anna = AgentRecipient(agent_id=2, key_version=1)
    wrapped = wrap_dek(
        new_data_key(), anna.x25519_public, order_id=7, dek_version=1, recipient=to_anna
    )
    for i in (0, 31, 32, len(wrapped) - 1):
        bad = bytearray(wrapped)
        bad[i] ^= 0x01
        with pytest.raises(UnwrapError):
            unwrap_dek(bytes(bad), anna.x25519, order_id=7, dek_version=1, recipient=to_anna)
    for short in (b"", wrapped[:32], wrapped[:-1]):
        with pytest.raises(UnwrapError):
            unwrap_dek(short, anna.x25519, order_id=7, dek_version=1, recipient=to_anna)


def test_only_32_byte_data_keys_are_wrapped() -> None:
    anna = AgentKeys.generate()
    with pytest.raises(ValueError, match="32 bytes"):
        wrap_dek(
            b"short", anna.x25519_public, order_id=7, dek_version=1, recipient=DispatchRecipient(1)
        )
