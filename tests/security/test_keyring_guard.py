"""Only secure keyring backends may hold the device key (SPEC V-1)."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import chainer, fail, null

from kcp_desk.security.keyring_guard import DeviceKeyStore, choose_backend, is_refused
from tests.conftest import MemoryKeyring


class PlaintextKeyring(MemoryKeyring):
    """Stands in for keyrings.alt.file.PlaintextKeyring (refused by its name)."""


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring(), PlaintextKeyring()])
def test_insecure_backends_are_refused(backend: keyring.backend.KeyringBackend) -> None:
    assert is_refused(backend)
    keyring.set_keyring(backend)
    choice = choose_backend()
    assert choice.backend is None
    assert choice.refused


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
    assert store.load("anna") == (device_id, key)
    assert store.load("ben") is None
    store.forget("anna")
    assert store.load("anna") is None


def test_device_key_store_refuses_plaintext() -> None:
    with pytest.raises(ValueError, match="refused"):
        DeviceKeyStore(PlaintextKeyring(), "db")
