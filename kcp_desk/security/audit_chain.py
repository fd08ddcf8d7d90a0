"""Pure functions of the audit chain (SPEC A-1): canonical JSON, hashes, signatures."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

GENESIS_HASH = "0" * 64


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
