"""Pure functions of the audit chain (SPEC A-1): canonical JSON, hashes, signatures, and
the check of a run of entries (what ``audit verify`` does per entry, without a database,
so that a worker process can do it for a chunk of the chain)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

GENESIS_HASH = "0" * 64

#: the signed fields of an entry written before key versions existed (all signed with
#: key version 1: there was no rotation then)
LEGACY_FIELDS: Final = frozenset({"seq", "at", "agent_id", "action", "details", "prev_hash"})
#: the signed fields of every entry written since: the signer's key version is signed too
FIELDS: Final = LEGACY_FIELDS | {"key_version"}
#: the key version of a legacy entry
LEGACY_KEY_VERSION: Final = 1
#: the actions written without a logged-in agent, hence unsigned: a failed login
UNSIGNED_ACTIONS: Final = frozenset({"login_failed"})

#: one row of the audit table as ``verify`` reads it:
#: (seq, at, agent_id, action, canonical, prev_hash, entry_hash, signature)
Row = tuple[int, dt.datetime, int | None, str, str, str, str, bytes | None]


def canonical_json(entry: Mapping[str, Any]) -> str:
    """Sorted keys, no spaces, UTF-8: the same entry always gives the same bytes."""
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(canonical: str) -> str:
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def signature_valid(public_key: bytes, digest_hex: str, signature: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, digest_hex.encode())
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class SigningKey:
    """One version of an agent's Ed25519 public key, from the key history (V-7)."""

    ed25519_public: bytes
    retired_at: dt.datetime | None


#: (agent id, key version) -> that version's public key
KeyHistory = Mapping[tuple[int, int], SigningKey]


@dataclass(frozen=True)
class ChainState:
    """Where a run of entries starts: the seq it must begin with, the hash it must link
    to, whether an earlier entry already named its key version (after the first one that
    does, every signed entry must), and the latest time of the entries before."""

    seq: int
    prev_hash: str
    versioned: bool = False
    #: the latest time of the entries before: a key retired before it signs nothing
    #: after it, whatever time a later entry claims (no back-dating with an old key)
    latest: dt.datetime | None = None


@dataclass(frozen=True)
class RunResult:
    """The check of a run: the index (into the run) and reason of its first bad entry,
    and the state after its last good one."""

    end: ChainState
    bad_index: int | None = None
    reason: str = ""
    #: the index of the first entry in the old shape (no key version); a run checked
    #: from a state with ``versioned=False`` needs it to be judged from the true state
    first_legacy: int | None = None


try:  # libsodium verifies Ed25519 about 2.5 times as fast as OpenSSL here (bench/vault.py)
    from nacl.bindings import crypto_sign_open as _sodium_open
    from nacl.exceptions import CryptoError as _SodiumError
except ImportError:  # pragma: no cover - PyNaCl is optional; OpenSSL gives the same answers
    _sodium_open = None  # type: ignore[assignment]


class _Signatures:
    """Ed25519 verification with one public-key object per (agent, version); with
    PyNaCl installed, libsodium's (a signature is valid for both or neither: RFC 8032
    Ed25519 over our own 64-byte digests)."""

    def __init__(self, keys: KeyHistory) -> None:
        self._keys = keys
        self._objects: dict[tuple[int, int], Ed25519PublicKey | None] = {}

    def valid(self, signer: tuple[int, int], digest_hex: str, signature: bytes) -> bool:
        if _sodium_open is not None:
            message = digest_hex.encode()
            if len(signature) != 64:
                return False
            try:
                return bool(
                    _sodium_open(signature + message, self._keys[signer].ed25519_public) == message
                )
            except (_SodiumError, ValueError, TypeError):
                return False
        if signer not in self._objects:
            try:
                self._objects[signer] = Ed25519PublicKey.from_public_bytes(
                    self._keys[signer].ed25519_public
                )
            except ValueError:
                self._objects[signer] = None
        key = self._objects[signer]
        if key is None:
            return False
        try:
            key.verify(signature, digest_hex.encode())
        except InvalidSignature:
            return False
        return True


def check_run(rows: Sequence[Row], start: ChainState, keys: KeyHistory) -> RunResult:
    """Check consecutive entries from ``start``; stop at the first bad one.

    Everything is judged from the signed canonical JSON; a column is only compared with
    it (A-4). The signature is checked with the key version the entry names (entries
    from before key versions: version 1), so old entries verify after a key rotation; a
    key used after it was retired is bad, and so is an unsigned entry that is not a
    failed login.
    """
    signatures = _Signatures(keys)
    seq, prev, versioned, latest = start.seq, start.prev_hash, start.versioned, start.latest
    first_legacy: int | None = None
    for index, row in enumerate(rows):
        at = row[1] if latest is None or row[1] > latest else latest
        bad, shape = _check(row, seq, prev, versioned, at, keys, signatures)
        if shape is False and first_legacy is None:
            first_legacy = index
        if bad:
            end = ChainState(seq, prev, versioned, latest)
            return RunResult(end, index, bad, first_legacy)
        versioned = versioned or bool(shape)
        prev, latest = row[6], at
        seq += 1
    return RunResult(ChainState(seq, prev, versioned, latest), first_legacy=first_legacy)


def _check(
    row: Row,
    seq: int,
    prev: str,
    versioned: bool,
    latest: dt.datetime,
    keys: KeyHistory,
    signatures: _Signatures,
) -> tuple[str, bool | None]:
    """(the reason the entry is bad or "", whether it names its key version: None when
    its shape was not even read). ``latest``: the latest time of this entry and those
    before it."""
    r_seq, r_at, r_agent, r_action, canonical, r_prev, r_hash, signature = row
    if r_seq != seq:
        return f"entry {seq} is missing", None
    try:
        body = json.loads(canonical)
    except ValueError:
        return "content is not canonical JSON", None
    if not isinstance(body, dict):
        return "content is not canonical JSON", None
    fields = set(body)
    if fields == FIELDS:
        has_version = True
    elif fields == LEGACY_FIELDS:
        has_version = False
    else:
        return "content is not canonical JSON", None
    if canonical_json(body) != canonical:
        return "content is not canonical JSON", has_version
    if entry_hash(canonical) != r_hash:
        return "content does not match its hash", has_version
    if body["prev_hash"] != prev or r_prev != prev:
        return "does not link to the previous entry", has_version
    if type(body["seq"]) is not int or body["seq"] != r_seq:
        return "number does not match the signed content", has_version
    if not _same_time(body["at"], r_at):
        return "time does not match the signed content", has_version
    signer = body["agent_id"]
    if signer is not None and type(signer) is not int:
        return "agent does not match the signed content", has_version
    if signer != r_agent:
        return "agent does not match the signed content", has_version
    if body["action"] != r_action:
        return "action does not match the signed content", has_version
    if versioned and not has_version:
        # an entry written since key versions exist always names one (append does)
        return "the signed content names no key version", has_version
    version = body["key_version"] if has_version else LEGACY_KEY_VERSION
    if signer is None:
        if version is not None and has_version:
            return "key version does not match the signed content", has_version
        return ("" if body["action"] in UNSIGNED_ACTIONS else "unsigned entry"), has_version
    if type(version) is not int or version < 1:
        return "key version does not match the signed content", has_version
    if signature is None:
        return "signature missing", has_version
    key = keys.get((signer, version))
    if key is None:
        return f"signed with key version {version}, which agent {signer} never had", has_version
    if not signatures.valid((signer, version), r_hash, signature):
        return "signature invalid", has_version
    if key.retired_at is not None and latest > key.retired_at:
        return "signed with a retired key", has_version
    return "", has_version


def _same_time(signed: object, column: dt.datetime) -> bool:
    try:
        return isinstance(signed, str) and dt.datetime.fromisoformat(signed) == column
    except ValueError:
        return False
