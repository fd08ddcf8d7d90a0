"""Sealed outbox payloads (SPEC ID-6, issue 12): only the channel's service key opens a
code, and only for the row it was sealed for; the key's text format is strict."""

from __future__ import annotations

import base64
import json
import os
import stat
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kcp_desk.security.audit_chain import canonical_json
from kcp_desk.security.certificates import (
    CertificateError,
    Issuer,
    OutboxClaims,
    certificate_body,
    sign_certificate,
    verified_body,
)
from kcp_desk.security.field_crypto import SecretText
from kcp_desk.security.outbox_seal import (
    KEY_TEXT_PREFIX,
    SEAL_TAG,
    SealError,
    ServiceKeyError,
    ServiceKeyFiles,
    load_private_key_text,
    new_service_key,
    open_sealed,
    private_key_text,
    public_key_bytes,
    seal,
    seal_info,
)
from kcp_desk.security.pinned_keys import pinned_keys_path
from kcp_desk.security.sealing import AgentKeys

CODE = "K7XM-4PQR-9WZT"
ROW = {
    "channel": "letter",
    "key_version": 1,
    "recipient": "Jana Schulz\nHauptstr. 5\n10115 Berlin",
    "template": "letter_code",
}


def _sealed(public: bytes) -> bytes:
    return seal(public, secret={"code": SecretText(CODE)}, **ROW)  # type: ignore[arg-type]


def test_the_service_key_opens_what_was_sealed_to_it() -> None:
    key = new_service_key()
    sealed = _sealed(public_key_bytes(key))
    assert CODE.encode() not in sealed
    opened = open_sealed(key, sealed, **ROW)  # type: ignore[arg-type]
    assert set(opened) == {"code"}
    assert opened["code"].reveal() == CODE
    assert CODE not in repr(opened)


@pytest.mark.parametrize(
    "change",
    [
        {"channel": "email"},
        {"key_version": 2},
        {"recipient": "Mallory Meier\nAm Hang 1\n10115 Berlin"},  # rewritten address
        {"template": "new_email_link"},
    ],
)
def test_a_moved_or_rewritten_row_does_not_open(change: dict[str, object]) -> None:
    key = new_service_key()
    sealed = _sealed(public_key_bytes(key))
    with pytest.raises(SealError) as caught:
        open_sealed(key, sealed, **{**ROW, **change})  # type: ignore[arg-type]
    _fixed(caught.value)


def test_another_key_or_a_tampered_blob_does_not_open() -> None:
    key = new_service_key()
    sealed = _sealed(public_key_bytes(key))
    for private, blob in (
        (new_service_key(), sealed),
        (key, sealed[:-1] + bytes([sealed[-1] ^ 1])),
        (key, sealed[:10]),
        (key, b""),
    ):
        with pytest.raises(SealError) as caught:
            open_sealed(private, blob, **ROW)  # type: ignore[arg-type]
        _fixed(caught.value)


def _fixed(exc: BaseException) -> None:
    """A fixed message, nothing chained that could carry a value."""
    assert str(exc) == "outbox payload cannot be opened with this key"
    assert exc.__cause__ is None and exc.__context__ is None
    assert CODE not in repr(exc)


def test_only_secret_texts_are_sealed_and_nothing_shows_them() -> None:
    public = public_key_bytes(new_service_key())
    with pytest.raises(TypeError) as caught:
        seal(public, secret={"code": CODE}, **ROW)  # type: ignore[dict-item,arg-type]
    assert CODE not in str(caught.value)
    with pytest.raises(ValueError, match="nothing to seal"):
        seal(public, secret={}, **ROW)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="channel"):
        seal(public, secret={"code": SecretText(CODE)}, **{**ROW, "channel": "fax"})  # type: ignore[arg-type]


@given(st.text(min_size=1, max_size=40), st.text(min_size=1, max_size=40))
def test_no_recipient_or_template_text_imitates_another_row(recipient: str, template: str) -> None:
    """The info is canonical JSON: it gives back exactly the parts it was made of, so
    two different rows never share an info (a quote or bar in an address changes
    nothing)."""
    info = seal_info(channel="email", key_version=3, recipient=recipient, template=template)
    tag, _, body = info.partition(b"|")
    assert tag == SEAL_TAG
    assert json.loads(body) == {
        "channel": "email",
        "key": "v3",
        "recipient": recipient,
        "template": template,
    }


# --- the key text -----------------------------------------------------------------------


def test_the_key_text_round_trips_and_hides_itself() -> None:
    key = new_service_key()
    text = private_key_text(key)
    assert text.reveal().startswith(KEY_TEXT_PREFIX)
    assert KEY_TEXT_PREFIX not in repr(text) and KEY_TEXT_PREFIX not in f"{text}"
    loaded = load_private_key_text(f"  {text.reveal()}\n")
    assert public_key_bytes(loaded) == public_key_bytes(key)
    assert public_key_bytes(load_private_key_text(text)) == public_key_bytes(key)


@given(st.binary(min_size=32, max_size=32))
def test_every_raw_key_round_trips(raw: bytes) -> None:
    text = KEY_TEXT_PREFIX + base64.b64encode(raw).decode()
    key = load_private_key_text(text)
    assert private_key_text(key).reveal() == text


@given(st.text(max_size=80))
def test_any_other_text_is_refused_without_repeating_it(text: str) -> None:
    try:
        key = load_private_key_text(text)
    except ServiceKeyError as exc:
        assert str(exc) == "not a kcp-desk outbox service key"
        assert exc.__cause__ is None and exc.__context__ is None
        return
    assert private_key_text(key).reveal() == text.strip()


@given(st.binary(max_size=40))
def test_near_misses_are_refused(raw: bytes) -> None:
    """Other lengths, padding removed, another prefix, url-safe alphabet, a character
    more: refused, unless it happens to spell the one valid text."""
    encoded = base64.b64encode(raw).decode()
    valid = KEY_TEXT_PREFIX + encoded if len(raw) == 32 else None
    for text in (
        "kcp-desk-outbox-key-v2:" + encoded,
        KEY_TEXT_PREFIX + encoded,
        KEY_TEXT_PREFIX + encoded.rstrip("="),
        KEY_TEXT_PREFIX + base64.urlsafe_b64encode(raw).decode(),
        KEY_TEXT_PREFIX + encoded + "A",
        KEY_TEXT_PREFIX + " " + encoded,
    ):
        if text == valid:
            assert private_key_text(load_private_key_text(text)).reveal() == valid
        else:
            with pytest.raises(ServiceKeyError):
                load_private_key_text(text)


# --- the demo's key files ------------------------------------------------------------------


def test_key_files_are_private_and_named_per_database(tmp_path: Path) -> None:
    files = ServiceKeyFiles(tmp_path, "sqlite:////srv/kcp.sqlite3")
    key = new_service_key()
    files.write("sms", key)
    path = files.path("sms")
    # the per-database id is the one the pinned admin keys' file uses
    pin_id = pinned_keys_path(tmp_path, "sqlite:////srv/kcp.sqlite3").stem.removeprefix(
        "admin-keys-"
    )
    assert path == tmp_path / "outbox-keys" / pin_id / "sms.key"
    assert public_key_bytes(files.load("sms")) == public_key_bytes(key)
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
        assert stat.S_IMODE(os.stat(path.parent.parent).st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["sms.key"]  # no temp file left
    path.write_bytes(b"\xff\xfe not a key")
    with pytest.raises(ServiceKeyError):
        files.load("sms")
    with pytest.raises(ValueError, match="channel"):
        files.path("../admin-keys")


# --- the certificate of a service key ------------------------------------------------------


def test_an_outbox_certificate_parses_back_and_names_its_subject() -> None:
    admin = AgentKeys.generate()
    claims = OutboxClaims("letter", 2, public_key_bytes(new_service_key()))
    assert claims.subject == "outbox:letter:v2"
    body = certificate_body(claims, Issuer(5, 1, admin.ed25519_public), "2026-12-01T10:00:00+00:00")
    signature = sign_certificate(admin, body)
    assert verified_body("outbox:letter:v2", body, signature).claims == claims
    for subject in ("outbox:letter:v1", "outbox:email:v2", "dispatch:v2"):
        with pytest.raises(CertificateError):
            verified_body(subject, body, signature)
    data = json.loads(body)
    for bad in (
        {**data, "dispatch": {"version": 2, "x25519": data["outbox"]["x25519"]}},
        {**data, "outbox": {**data["outbox"], "channel": "le:tter"}},
        {**data, "outbox": {**data["outbox"], "version": 0}},
        {**data, "outbox": {**data["outbox"], "x25519": "00"}},
    ):
        forged = canonical_json(bad)
        with pytest.raises(CertificateError):
            verified_body("outbox:letter:v2", forged, sign_certificate(admin, forged))
