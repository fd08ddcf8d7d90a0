"""Sealed agent keys (SPEC V-1): the right passphrase opens, nothing else does."""

from __future__ import annotations

import pickle

import pytest

from kcp_desk.security.sealing import (
    PRODUCTION_KDF,
    AgentKeys,
    KdfParams,
    SealError,
    kdf_params_of,
    seal_with_device_key,
    seal_with_passphrase,
    unseal_with_device_key,
    unseal_with_passphrase,
)

CHEAP = KdfParams(memory_kib=64, iterations=1, lanes=1)


def test_round_trip_restores_both_keys() -> None:
    keys = AgentKeys.generate()
    blob = seal_with_passphrase(keys, "correct horse battery", CHEAP, context="agent:1")
    opened = unseal_with_passphrase(blob, "correct horse battery", context="agent:1")
    assert opened.x25519_public == keys.x25519_public
    assert opened.ed25519_public == keys.ed25519_public


def test_wrong_passphrase_is_refused() -> None:
    blob = seal_with_passphrase(AgentKeys.generate(), "correct horse battery", CHEAP, context="a")
    with pytest.raises(SealError):
        unseal_with_passphrase(blob, "correct horse batterz", context="a")


def test_blob_of_another_agent_is_refused() -> None:
    """The owner is bound into the tag: copying a blob to another agent's row fails."""
    blob = seal_with_passphrase(AgentKeys.generate(), "correct horse battery", CHEAP, context="a")
    with pytest.raises(SealError):
        unseal_with_passphrase(blob, "correct horse battery", context="b")


def test_weakened_kdf_parameters_are_detected() -> None:
    """An attacker who rewrites the stored parameters breaks the tag (they are AAD)."""
    blob = seal_with_passphrase(AgentKeys.generate(), "correct horse battery", CHEAP, context="a")
    tampered = blob.replace(b'"t":1', b'"t":2')
    assert tampered != blob
    with pytest.raises(SealError):
        unseal_with_passphrase(tampered, "correct horse battery", context="a")


def test_parameters_travel_with_the_blob() -> None:
    blob = seal_with_passphrase(AgentKeys.generate(), "correct horse battery", CHEAP, context="a")
    assert kdf_params_of(blob) == CHEAP


def test_production_parameters_meet_the_spec() -> None:
    assert PRODUCTION_KDF.memory_kib >= 256 * 1024
    assert PRODUCTION_KDF.iterations == 3


def test_device_key_seal() -> None:
    keys = AgentKeys.generate()
    blob = seal_with_device_key(keys, b"k" * 32, context="a")
    assert unseal_with_device_key(blob, b"k" * 32, context="a").x25519_public == keys.x25519_public
    with pytest.raises(SealError):
        unseal_with_device_key(blob, b"x" * 32, context="a")
    with pytest.raises(SealError):  # a device blob is not a passphrase blob
        unseal_with_passphrase(blob, "whatever-passphrase", context="a")


def test_keys_never_show_in_repr_or_pickle() -> None:
    keys = AgentKeys.generate()
    assert "hidden" in repr(keys)
    with pytest.raises(TypeError):
        pickle.dumps(keys)
