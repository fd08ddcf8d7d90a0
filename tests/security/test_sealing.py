"""Sealed agent keys (SPEC V-1): the right passphrase opens, nothing else does."""

from __future__ import annotations

import base64
import json
import pickle
import struct

import pytest

from kcp_desk.security import sealing
from kcp_desk.security.sealing import (
    KDF_BOUNDS,
    MAGIC,
    PRODUCTION_KDF,
    PRODUCTION_POLICY,
    AgentKeys,
    KdfParams,
    KdfPolicy,
    SealError,
    SealFormatError,
    WeakKdfParams,
    kdf_params_of,
    seal_with_device_key,
    seal_with_passphrase,
    unseal_with_device_key,
    unseal_with_passphrase,
)

CHEAP = KdfParams(memory_kib=64, iterations=1, lanes=1)
PASS = "correct horse battery"


def _seal(keys: AgentKeys | None = None, context: str = "a") -> bytes:
    return seal_with_passphrase(
        keys or AgentKeys.generate(), PASS, CHEAP, context=context, floor=CHEAP
    )


def _split(blob: bytes) -> tuple[bytes, bytes]:
    """(head, nonce + ciphertext) of a well-formed blob."""
    (n,) = struct.unpack(">H", blob[len(MAGIC) : len(MAGIC) + 2])
    start = len(MAGIC) + 2
    return blob[start : start + n], blob[start + n :]


def _with_head(blob: bytes, head: bytes) -> bytes:
    """The same blob (nonce, ciphertext, tag) under another header."""
    return MAGIC + struct.pack(">H", len(head)) + head + _split(blob)[1]


def _with_header(blob: bytes, **changes: object) -> bytes:
    header = json.loads(_split(blob)[0])
    header.update(changes)
    for key in [k for k, v in changes.items() if v is _DROP]:
        del header[key]
    return _with_head(blob, json.dumps(header, sort_keys=True, separators=(",", ":")).encode())


_DROP = object()


def test_round_trip_restores_both_keys() -> None:
    keys = AgentKeys.generate()
    blob = _seal(keys, context="agent:1")
    opened = unseal_with_passphrase(blob, PASS, context="agent:1")
    assert opened.x25519_public == keys.x25519_public
    assert opened.ed25519_public == keys.ed25519_public
    assert opened._raw() == keys._raw()


def test_wrong_passphrase_is_refused() -> None:
    with pytest.raises(SealError):
        unseal_with_passphrase(_seal(), "correct horse batterz", context="a")


def test_blob_of_another_agent_is_refused() -> None:
    """The owner is bound into the tag: copying a blob to another agent's row fails."""
    with pytest.raises(SealError):
        unseal_with_passphrase(_seal(), PASS, context="b")


def test_weakened_kdf_parameters_are_detected() -> None:
    tampered = _with_header(_seal(), t=2)
    with pytest.raises(SealError):
        unseal_with_passphrase(tampered, PASS, context="a")


@pytest.mark.parametrize(
    "rewrite",
    [
        pytest.param(
            lambda head: json.dumps(json.loads(head), indent=1).encode(), id="reformatted"
        ),
        pytest.param(
            lambda head: json.dumps(dict(reversed(json.loads(head).items()))).encode(),
            id="reordered",
        ),
        pytest.param(
            lambda head: json.dumps({**json.loads(head), "note": "rewritten"}).encode(),
            id="extra-key",
        ),
    ],
)
def test_the_whole_header_is_bound_into_the_tag(rewrite: object) -> None:
    """A header rewrite that leaves the derived key as it was still breaks the tag.

    Changing m/t/p/salt changes the key, so it fails even if the header were not
    authenticated; these rewrites don't, so only the AAD can catch them.
    """
    blob = _seal()
    head, _ = _split(blob)
    tampered = _with_head(blob, rewrite(head))  # type: ignore[operator]
    assert tampered != blob
    assert kdf_params_of(tampered) == CHEAP  # same parameters and salt: the same key
    with pytest.raises(SealError):
        unseal_with_passphrase(tampered, PASS, context="a")


def test_parameters_travel_with_the_blob() -> None:
    assert kdf_params_of(_seal()) == CHEAP


def test_production_parameters_meet_the_spec() -> None:
    assert PRODUCTION_KDF.memory_kib >= 256 * 1024
    assert PRODUCTION_KDF.iterations == 3
    assert PRODUCTION_POLICY.floor == PRODUCTION_POLICY.target == PRODUCTION_KDF


# --- parse faults are SealErrors, not crashes -------------------------------------------


def _bad_blobs() -> list[object]:
    good = _seal()
    head, rest = _split(good)
    return [
        pytest.param(b"", id="empty"),
        pytest.param(MAGIC, id="magic-only"),
        pytest.param(b"KCPSEAL2" + good[len(MAGIC) :], id="bad-magic"),
        pytest.param(good[:-1], id="truncated"),
        pytest.param(good + b"\x00", id="padded"),
        pytest.param(good[: len(MAGIC) + 2 + len(head) + 5], id="short-nonce"),
        pytest.param(MAGIC + struct.pack(">H", 0) + rest, id="empty-header"),
        pytest.param(MAGIC + struct.pack(">H", 60000) + head + rest, id="header-too-long"),
        pytest.param(_with_head(good, b"\xff\xfe" + head[2:]), id="bad-utf8"),
        pytest.param(_with_head(good, b"{not json" + head[9:]), id="bad-json"),
        pytest.param(_with_head(good, b"[1,2,3]"), id="json-list"),
        pytest.param(_with_header(good, alg="ROT13"), id="bad-alg"),
        pytest.param(_with_header(good, kdf="scrypt"), id="bad-kdf"),
        pytest.param(_with_header(good, m=_DROP), id="missing-m"),
        pytest.param(_with_header(good, salt=_DROP), id="missing-salt"),
        pytest.param(_with_header(good, m="64"), id="m-as-text"),
        pytest.param(_with_header(good, t=True), id="t-as-bool"),
        pytest.param(_with_header(good, p=1.0), id="p-as-float"),
        pytest.param(_with_header(good, salt=12), id="salt-as-number"),
        pytest.param(_with_header(good, salt="not base64!"), id="salt-not-base64"),
        pytest.param(_with_header(good, salt=base64.b64encode(b"short").decode()), id="short-salt"),
        pytest.param(_with_header(good, salt=base64.b64encode(bytes(65)).decode()), id="long-salt"),
    ]


@pytest.mark.parametrize("blob", _bad_blobs())
def test_a_malformed_blob_is_a_seal_error(blob: bytes) -> None:
    with pytest.raises(SealFormatError):
        unseal_with_passphrase(blob, PASS, context="a")
    with pytest.raises(SealFormatError):
        kdf_params_of(blob)
    with pytest.raises(SealFormatError):
        unseal_with_device_key(blob, b"k" * 32, context="a")


@pytest.mark.parametrize(
    "params",
    [
        {"m": 4294967295},  # what locked a colleague out: terabytes of Argon2 memory
        {"m": KDF_BOUNDS.max_memory_kib + 1},
        {"m": 15, "p": 2},  # Argon2id needs 8 KiB per lane
        {"m": -64},
        {"t": KDF_BOUNDS.max_iterations + 1},
        {"t": 0},
        {"p": KDF_BOUNDS.max_lanes + 1},
        {"p": 0},
    ],
    ids=repr,
)
def test_out_of_bounds_parameters_never_reach_the_kdf(
    params: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    tampered = _with_header(_seal(), **params)

    def no_kdf(*args: object) -> bytes:
        raise AssertionError("the KDF ran with parameters from an unchecked header")

    monkeypatch.setattr(sealing, "_kdf", no_kdf)
    with pytest.raises(SealFormatError, match="out of bounds"):
        unseal_with_passphrase(tampered, PASS, context="a")


def test_bounds_are_sane() -> None:
    assert KDF_BOUNDS.max_memory_kib == 1024 * 1024  # 1 GiB: 4x production
    assert PRODUCTION_KDF.memory_kib * 4 <= KDF_BOUNDS.max_memory_kib
    assert (KDF_BOUNDS.max_iterations, KDF_BOUNDS.max_lanes) == (10, 16)
    assert KdfParams(KDF_BOUNDS.max_memory_kib, KDF_BOUNDS.max_iterations, KDF_BOUNDS.max_lanes)
    with pytest.raises(ValueError, match="memory"):
        KdfParams(KDF_BOUNDS.max_memory_kib + 1, 1, 1)


# --- the floor ------------------------------------------------------------------------------


def test_sealing_below_the_production_floor_is_refused_by_default() -> None:
    with pytest.raises(WeakKdfParams):
        seal_with_passphrase(AgentKeys.generate(), PASS, CHEAP, context="a")
    weaker_memory = KdfParams(PRODUCTION_KDF.memory_kib - 1, PRODUCTION_KDF.iterations, 4)
    fewer_passes = KdfParams(PRODUCTION_KDF.memory_kib, PRODUCTION_KDF.iterations - 1, 4)
    for params in (weaker_memory, fewer_passes):
        with pytest.raises(WeakKdfParams):
            seal_with_passphrase(AgentKeys.generate(), PASS, params, context="a")


def test_an_explicit_floor_is_enforced_too() -> None:
    floor = KdfParams(128, 2, 1)
    with pytest.raises(WeakKdfParams):
        seal_with_passphrase(AgentKeys.generate(), PASS, CHEAP, context="a", floor=floor)
    blob = seal_with_passphrase(AgentKeys.generate(), PASS, floor, context="a", floor=floor)
    assert kdf_params_of(blob) == floor


def test_policy_accepts_what_meets_its_floor() -> None:
    policy = KdfPolicy(floor=KdfParams(128, 2, 1), target=KdfParams(256, 2, 2))
    assert policy.accepts(KdfParams(128, 2, 1))
    assert policy.accepts(KdfParams(128, 2, 4))  # lanes add speed, not cost
    assert not policy.accepts(KdfParams(127, 2, 1))
    assert not policy.accepts(KdfParams(1024, 1, 1))
    with pytest.raises(WeakKdfParams):
        KdfPolicy(floor=KdfParams(128, 2, 1), target=CHEAP)
    assert KdfPolicy.explicit(CHEAP) == KdfPolicy(floor=CHEAP, target=CHEAP)


# --- device keys and the key object ------------------------------------------------------


def test_device_key_seal() -> None:
    keys = AgentKeys.generate()
    blob = seal_with_device_key(keys, b"k" * 32, context="a")
    assert unseal_with_device_key(blob, b"k" * 32, context="a")._raw() == keys._raw()
    for wrong in (b"x" * 32, b"k" * 31):  # another key, a key of the wrong size
        with pytest.raises(SealError):
            unseal_with_device_key(blob, wrong, context="a")
    with pytest.raises(SealError):  # a device blob is not a passphrase blob
        unseal_with_passphrase(blob, "whatever-passphrase", context="a")
    with pytest.raises(SealError):  # and vice versa
        unseal_with_device_key(_seal(), b"k" * 32, context="a")


def test_keys_never_show_in_repr_or_pickle() -> None:
    keys = AgentKeys.generate()
    raw = keys._raw()
    for text in (repr(keys), str(keys), f"{keys}", repr([keys])):
        assert text.count("AgentKeys(<sealed material hidden>)") == 1
        for private in (raw[:32], raw[32:]):
            assert private.hex() not in text
            assert private.hex().upper() not in text
            assert repr(private) not in text
            assert base64.b64encode(private).decode() not in text
    with pytest.raises(TypeError):
        pickle.dumps(keys)
