"""Only secure keyring backends may hold the device key (SPEC V-1)."""

from __future__ import annotations

import hashlib

import keyring
import pytest
from keyring.backends import chainer, fail, null

from kcp_desk.errors import KeyringUnavailable
from kcp_desk.security.keyring_guard import (
    SERVICE,
    DeviceKeyStore,
    choose_backend,
    entry_name,
    is_refused,
)
from tests.conftest import MemoryKeyring
from tests.security.keyrings import LockedKeyring, PlaintextKeyring, ReadOnlyKeyring


@pytest.mark.parametrize(
    ("backend", "described"),
    [
        (fail.Keyring(), "no keyring at all"),
        (null.Keyring(), "a keyring that forgets"),
        (PlaintextKeyring(), "keyrings PlaintextKeyring"),
    ],
)
def test_insecure_backends_are_refused(
    backend: keyring.backend.KeyringBackend, described: str
) -> None:
    assert is_refused(backend)
    keyring.set_keyring(backend)
    choice = choose_backend()
    assert choice.backend is None
    assert choice.refused == (described,)  # the user is told what was found


def test_plaintext_inside_a_chain_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    secure = MemoryKeyring()
    chain = chainer.ChainerBackend()
    monkeypatch.setattr(
        chainer.ChainerBackend, "backends", property(lambda self: [PlaintextKeyring(), secure])
    )
    keyring.set_keyring(chain)
    assert choose_backend().backend is secure


def test_chain_of_only_insecure_backends_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        chainer.ChainerBackend,
        "backends",
        property(lambda self: [PlaintextKeyring(), null.Keyring()]),
    )
    keyring.set_keyring(chainer.ChainerBackend())
    assert choose_backend().backend is None


def test_device_key_store_round_trip(memory_keyring: MemoryKeyring) -> None:
    store = DeviceKeyStore(memory_keyring, "SQLite /x")
    device_id, key = store.create("anna")
    assert len(key) == 32
    assert store.load("anna") == (device_id, key)
    assert store.load("ben") is None
    assert DeviceKeyStore(memory_keyring, "SQLite /y").load("anna") is None
    store.forget("anna")
    assert store.load("anna") is None
    assert memory_keyring.items == {}


def test_entry_name_reveals_neither_user_nor_database(memory_keyring: MemoryKeyring) -> None:
    database = "PostgreSQL db.example.org:5432/kcp_desk"
    DeviceKeyStore(memory_keyring, database).create("anna.mueller")
    [(service, entry)] = memory_keyring.items
    assert service == SERVICE
    expected = hashlib.sha256(b"kcp-desk|PostgreSQL db.example.org:5432/kcp_desk|anna.mueller")
    assert entry == entry_name(database, "anna.mueller") == expected.hexdigest()
    for revealing in ("anna", "mueller", "db.example", "kcp_desk", "5432", "PostgreSQL"):
        assert revealing not in entry


def test_an_entry_named_in_clear_is_moved(memory_keyring: MemoryKeyring) -> None:
    """Entries written before the names were opaque keep working, and are renamed."""
    legacy_value = "0011223344556677:" + "QUFB" * 10 + "QUE="  # 32 bytes of "A"
    memory_keyring.items[(SERVICE, "SQLite /home/anna/kcp.sqlite3/anna")] = legacy_value
    store = DeviceKeyStore(memory_keyring, "SQLite /home/anna/kcp.sqlite3")
    assert store.load("anna") == ("0011223344556677", b"A" * 32)
    assert memory_keyring.items == {
        (SERVICE, entry_name("SQLite /home/anna/kcp.sqlite3", "anna")): legacy_value
    }


def test_a_locked_keyring_is_an_expected_error() -> None:
    store = DeviceKeyStore(LockedKeyring(), "SQLite /x")
    for call in (store.load, store.create, store.forget):
        with pytest.raises(KeyringUnavailable) as err:
            call("anna")
        assert str(err.value) == (
            "The keyring of this workstation is locked. Unlock it and try again."
        )


def test_a_failing_keyring_is_an_expected_error_without_its_details() -> None:
    with pytest.raises(KeyringUnavailable) as err:
        DeviceKeyStore(ReadOnlyKeyring(), "SQLite /x").create("anna")
    assert str(err.value) == (
        "The keyring of this workstation cannot be used right now (PasswordSetError)."
    )
    assert "anna" not in str(err.value)


def test_device_key_store_refuses_plaintext() -> None:
    with pytest.raises(ValueError, match="refused"):
        DeviceKeyStore(PlaintextKeyring(), "db")
