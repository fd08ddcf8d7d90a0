"""Agent key pairs sealed under a passphrase or a device key (SPEC V-1).

An agent has an X25519 key (decryption of HPKE wraps) and an Ed25519 key (audit
signatures). Both private keys are sealed together with AES-256-GCM. The key comes from
Argon2id(passphrase) with the parameters stored in the blob's header, and the header is
bound as associated data: rewriting any byte of it breaks the tag.

A blob is read by colleagues with database access, so everything in it is untrusted
until the tag checks out:

* every parse fault (magic, length, UTF-8, JSON, types, base64, missing keys, short
  nonce or ciphertext) is a :class:`SealFormatError`, never a raw ``ValueError``;
* the Argon2id parameters are checked against hard :data:`KDF_BOUNDS` *before* the KDF
  runs, so a header cannot make a login allocate terabytes or spin for hours;
* whoever seals states a floor (:class:`KdfPolicy`); the default floor is
  :data:`PRODUCTION_KDF`, and ``AuthService`` re-seals blobs below its policy at login.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import struct
from dataclasses import dataclass
from typing import Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

MAGIC = b"KCPSEAL1"
MIN_PASSPHRASE_LENGTH = 12
_RAW = serialization.Encoding.Raw
_ALG = "AES-256-GCM"
_NONCE_LEN = 12
#: X25519 (32) + Ed25519 (32) private bytes, plus the 16-byte GCM tag
_CIPHERTEXT_LEN = 64 + 16
#: our headers are ~110 bytes; anything much larger is not ours
_MAX_HEADER_LEN = 1024


class SealError(Exception):
    """The blob could not be opened: wrong passphrase/device key, or tampered data."""


class SealFormatError(SealError):
    """The blob is not a well-formed sealed key blob (damaged or rewritten)."""


class WeakKdfParams(ValueError):
    """Sealing was asked for with Argon2id parameters below the caller's floor."""


@dataclass(frozen=True)
class KdfBounds:
    """Hard limits for any Argon2id parameters this program will run, read or write.

    They protect the login from a rewritten header (a colleague with write access to the
    agents table must not be able to make a workstation allocate terabytes). The ceiling
    is 4× :data:`PRODUCTION_KDF`'s memory (room to raise the policy later) and caps a
    login at about 13× the production cost; RFC 9106 asks for m ≥ 8·p KiB.
    """

    max_memory_kib: int = 1024 * 1024  # 1 GiB
    max_iterations: int = 10
    max_lanes: int = 16
    min_salt_len: int = 16
    max_salt_len: int = 64


KDF_BOUNDS: Final = KdfBounds()


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int
    iterations: int
    lanes: int

    def __post_init__(self) -> None:
        b = KDF_BOUNDS
        for value in (self.memory_kib, self.iterations, self.lanes):
            if type(value) is not int:  # no bools, no floats, no strings
                raise ValueError("Argon2id parameters must be integers")
        if not 1 <= self.lanes <= b.max_lanes:
            raise ValueError(f"Argon2id lanes must be 1..{b.max_lanes}")
        if not 1 <= self.iterations <= b.max_iterations:
            raise ValueError(f"Argon2id iterations must be 1..{b.max_iterations}")
        if not 8 * self.lanes <= self.memory_kib <= b.max_memory_kib:
            raise ValueError(f"Argon2id memory must be 8·lanes..{b.max_memory_kib} KiB")

    def at_least(self, floor: KdfParams) -> bool:
        """As costly to guess as ``floor``: memory and passes (lanes only add speed)."""
        return self.memory_kib >= floor.memory_kib and self.iterations >= floor.iterations


#: about one second on the 2-core development machine; colleagues can read the blobs,
#: so guessing a passphrase offline must stay expensive
PRODUCTION_KDF = KdfParams(memory_kib=256 * 1024, iterations=3, lanes=4)


@dataclass(frozen=True)
class KdfPolicy:
    """What new seals get (``target``) and what no seal may be below (``floor``)."""

    floor: KdfParams
    target: KdfParams

    def __post_init__(self) -> None:
        if not self.target.at_least(self.floor):
            raise WeakKdfParams("the policy's target is below its floor")

    @classmethod
    def explicit(cls, params: KdfParams) -> KdfPolicy:
        """Exactly ``params``, chosen by a caller who answers for them (tests, benches)."""
        return cls(floor=params, target=params)

    def accepts(self, params: KdfParams) -> bool:
        return params.at_least(self.floor)


PRODUCTION_POLICY: Final = KdfPolicy(floor=PRODUCTION_KDF, target=PRODUCTION_KDF)


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


@dataclass(frozen=True)
class _Parsed:
    head: bytes
    header: dict[str, object]
    nonce: bytes
    ciphertext: bytes


def _head_bytes(header: dict[str, object]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode()


def _pack(head: bytes, nonce: bytes, ciphertext: bytes) -> bytes:
    return MAGIC + struct.pack(">H", len(head)) + head + nonce + ciphertext


def _unpack(blob: bytes) -> _Parsed:
    """Split and parse a blob; every fault is a SealFormatError. Nothing is trusted yet."""
    blob = bytes(blob)
    start = len(MAGIC) + 2
    if len(blob) < start or not blob.startswith(MAGIC):
        raise SealFormatError("not a sealed key blob")
    (n,) = struct.unpack_from(">H", blob, len(MAGIC))
    if not 0 < n <= _MAX_HEADER_LEN:
        raise SealFormatError("bad header length")
    if len(blob) != start + n + _NONCE_LEN + _CIPHERTEXT_LEN:
        raise SealFormatError("truncated or padded blob")
    head = blob[start : start + n]
    try:
        header = json.loads(head.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise SealFormatError("header is not JSON") from exc
    if not isinstance(header, dict):
        raise SealFormatError("header is not an object")
    if header.get("alg") != _ALG:
        raise SealFormatError("unknown cipher")
    rest = blob[start + n :]
    return _Parsed(head, header, rest[:_NONCE_LEN], rest[_NONCE_LEN:])


def _kdf_of(header: dict[str, object]) -> tuple[KdfParams, bytes]:
    """The Argon2id parameters and salt of a header, within KDF_BOUNDS, or SealFormatError."""
    if header.get("kdf") != "argon2id":
        raise SealFormatError("blob is not passphrase-sealed")
    m, t, p, salt_text = (header.get(k) for k in ("m", "t", "p", "salt"))
    if not (type(m) is int and type(t) is int and type(p) is int and type(salt_text) is str):
        raise SealFormatError("KDF parameters missing or of the wrong type")
    try:
        params = KdfParams(memory_kib=m, iterations=t, lanes=p)
    except ValueError as exc:
        raise SealFormatError(f"KDF parameters out of bounds: {exc}") from exc
    try:
        salt = base64.b64decode(salt_text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SealFormatError("salt is not base64") from exc
    if not KDF_BOUNDS.min_salt_len <= len(salt) <= KDF_BOUNDS.max_salt_len:
        raise SealFormatError("bad salt length")
    return params, salt


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


def burn_kdf(passphrase: str, params: KdfParams = PRODUCTION_KDF) -> None:
    """Spend a login's worth of KDF work without a result (unknown user names)."""
    _kdf(passphrase, bytes(16), params)


def seal_with_passphrase(
    keys: AgentKeys,
    passphrase: str,
    params: KdfParams,
    *,
    context: str,
    floor: KdfParams = PRODUCTION_KDF,
) -> bytes:
    """Seal ``keys``; ``context`` names the owner (e.g. "agent:7:v1") so blobs can't be swapped.

    ``params`` below ``floor`` are refused (:class:`WeakKdfParams`); the floor is the
    production one unless the caller names another (tests and benchmarks do).
    """
    if not params.at_least(floor):
        raise WeakKdfParams("Argon2id parameters below the floor")
    salt = os.urandom(16)
    head = _head_bytes(
        {
            "alg": _ALG,
            "kdf": "argon2id",
            "m": params.memory_kib,
            "t": params.iterations,
            "p": params.lanes,
            "salt": base64.b64encode(salt).decode(),
        }
    )
    nonce = os.urandom(_NONCE_LEN)
    ct = AESGCM(_kdf(passphrase, salt, params)).encrypt(nonce, keys._raw(), _aad(head, context))
    return _pack(head, nonce, ct)


def unseal_with_passphrase(blob: bytes, passphrase: str, *, context: str) -> AgentKeys:
    """Open a blob with the parameters it carries (within KDF_BOUNDS); else SealError."""
    parsed = _unpack(blob)
    params, salt = _kdf_of(parsed.header)
    key = _kdf(passphrase, salt, params)
    try:
        raw = AESGCM(key).decrypt(parsed.nonce, parsed.ciphertext, _aad(parsed.head, context))
    except InvalidTag as exc:
        raise SealError("wrong passphrase or damaged blob") from exc
    return AgentKeys._from_raw(raw)


def kdf_params_of(blob: bytes) -> KdfParams:
    """The Argon2id parameters a blob says it was sealed with (unauthenticated)."""
    return _kdf_of(_unpack(blob).header)[0]


def seal_with_device_key(keys: AgentKeys, device_key: bytes, *, context: str) -> bytes:
    head = _head_bytes({"alg": _ALG, "kdf": "device-key"})
    nonce = os.urandom(_NONCE_LEN)
    ct = AESGCM(device_key).encrypt(nonce, keys._raw(), _aad(head, context))
    return _pack(head, nonce, ct)


def unseal_with_device_key(blob: bytes, device_key: bytes, *, context: str) -> AgentKeys:
    parsed = _unpack(blob)
    if parsed.header.get("kdf") != "device-key":
        raise SealFormatError("blob is not device-sealed")
    try:
        aead = AESGCM(device_key)
        raw = aead.decrypt(parsed.nonce, parsed.ciphertext, _aad(parsed.head, context))
    except (InvalidTag, ValueError) as exc:  # ValueError: a device key of the wrong size
        raise SealError("wrong device key or damaged blob") from exc
    return AgentKeys._from_raw(raw)
