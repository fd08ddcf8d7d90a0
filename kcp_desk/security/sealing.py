"""Agent key pairs sealed under a passphrase or a device key (SPEC V-1).

An agent has an X25519 key (decryption of HPKE wraps) and an Ed25519 key (audit
signatures). Both private keys are sealed together with AES-256-GCM. The key comes from
Argon2id(passphrase) with the parameters stored in the blob's header and bound as
associated data, so cheap test parameters can never weaken a production blob: whoever
opens a blob uses the parameters written into it, and tampering with them breaks the tag.
"""

from __future__ import annotations

import base64
import json
import os
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

MAGIC = b"KCPSEAL1"
MIN_PASSPHRASE_LENGTH = 12
_RAW = serialization.Encoding.Raw


class SealError(Exception):
    """The blob could not be opened: wrong passphrase/device key, or tampered data."""


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int
    iterations: int
    lanes: int


#: about one second on the 2-core development machine; colleagues can read the blobs,
#: so guessing a passphrase offline must stay expensive
PRODUCTION_KDF = KdfParams(memory_kib=256 * 1024, iterations=3, lanes=4)


class AgentKeys:
    """The unsealed private keys of one agent. Never printed, never pickled."""

    __slots__ = ("_ed25519", "_x25519")

    def __init__(self, x25519: X25519PrivateKey, ed25519: Ed25519PrivateKey) -> None:
        self._x25519 = x25519
        self._ed25519 = ed25519

    @classmethod
    def generate(cls) -> AgentKeys:
        return cls(X25519PrivateKey.generate(), Ed25519PrivateKey.generate())

    @property
    def x25519(self) -> X25519PrivateKey:
        return self._x25519

    @property
    def x25519_public(self) -> bytes:
        return self._x25519.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)

    @property
    def ed25519_public(self) -> bytes:
        return self._ed25519.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)

    def sign(self, data: bytes) -> bytes:
        return self._ed25519.sign(data)

    def _raw(self) -> bytes:
        nocrypt = serialization.NoEncryption()
        return self._x25519.private_bytes(
            _RAW, serialization.PrivateFormat.Raw, nocrypt
        ) + self._ed25519.private_bytes(_RAW, serialization.PrivateFormat.Raw, nocrypt)

    @classmethod
    def _from_raw(cls, raw: bytes) -> AgentKeys:
        return cls(
            X25519PrivateKey.from_private_bytes(raw[:32]),
            Ed25519PrivateKey.from_private_bytes(raw[32:]),
        )

    def __repr__(self) -> str:
        return "AgentKeys(<sealed material hidden>)"

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("AgentKeys cannot be pickled")


def _pack(header: dict[str, object], nonce: bytes, ciphertext: bytes) -> bytes:
    head = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    return MAGIC + struct.pack(">H", len(head)) + head + nonce + ciphertext


def _unpack(blob: bytes) -> tuple[bytes, dict[str, object], bytes, bytes]:
    if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + 2:
        raise SealError("not a sealed key blob")
    (n,) = struct.unpack(">H", blob[len(MAGIC) : len(MAGIC) + 2])
    start = len(MAGIC) + 2
    head = blob[start : start + n]
    header = json.loads(head)
    if not isinstance(header, dict):
        raise SealError("bad header")
    rest = blob[start + n :]
    return head, header, rest[:12], rest[12:]


def _aad(head: bytes, context: str) -> bytes:
    # the header (with the KDF parameters) and the owner are bound into the tag
    return MAGIC + head + b"\x00" + context.encode()


def _kdf(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    return Argon2id(
        salt=salt,
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    ).derive(passphrase.encode("utf-8"))


def burn_kdf(passphrase: str) -> None:
    """Spend a login's worth of KDF work without a result (unknown user names)."""
    _kdf(passphrase, bytes(16), PRODUCTION_KDF)


def seal_with_passphrase(
    keys: AgentKeys, passphrase: str, params: KdfParams, *, context: str
) -> bytes:
    """Seal ``keys``; ``context`` names the owner (e.g. "agent:7:v1") so blobs can't be swapped."""
    salt = os.urandom(16)
    header: dict[str, object] = {
        "alg": "AES-256-GCM",
        "kdf": "argon2id",
        "m": params.memory_kib,
        "t": params.iterations,
        "p": params.lanes,
        "salt": base64.b64encode(salt).decode(),
    }
    head = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    nonce = os.urandom(12)
    ct = AESGCM(_kdf(passphrase, salt, params)).encrypt(nonce, keys._raw(), _aad(head, context))
    return _pack(header, nonce, ct)


def unseal_with_passphrase(blob: bytes, passphrase: str, *, context: str) -> AgentKeys:
    head, header, nonce, ct = _unpack(blob)
    if header.get("kdf") != "argon2id":
        raise SealError("blob is not passphrase-sealed")
    try:
        params = KdfParams(int(header["m"]), int(header["t"]), int(header["p"]))  # type: ignore[call-overload]
        salt = base64.b64decode(str(header["salt"]))
        key = _kdf(passphrase, salt, params)
        return AgentKeys._from_raw(AESGCM(key).decrypt(nonce, ct, _aad(head, context)))
    except (InvalidTag, KeyError, ValueError) as exc:
        raise SealError("wrong passphrase or damaged blob") from exc


def kdf_params_of(blob: bytes) -> KdfParams:
    _, header, _, _ = _unpack(blob)
    return KdfParams(int(header["m"]), int(header["t"]), int(header["p"]))  # type: ignore[call-overload]


def seal_with_device_key(keys: AgentKeys, device_key: bytes, *, context: str) -> bytes:
    header: dict[str, object] = {"alg": "AES-256-GCM", "kdf": "device-key"}
    head = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    nonce = os.urandom(12)
    ct = AESGCM(device_key).encrypt(nonce, keys._raw(), _aad(head, context))
    return _pack(header, nonce, ct)


def unseal_with_device_key(blob: bytes, device_key: bytes, *, context: str) -> AgentKeys:
    head, header, nonce, ct = _unpack(blob)
    if header.get("kdf") != "device-key":
        raise SealError("blob is not device-sealed")
    try:
        return AgentKeys._from_raw(AESGCM(device_key).decrypt(nonce, ct, _aad(head, context)))
    except (InvalidTag, ValueError) as exc:
        raise SealError("wrong device key or damaged blob") from exc
