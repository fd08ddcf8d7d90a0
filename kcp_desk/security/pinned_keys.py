"""The admin keys this workstation trusts for one database (SPEC V-8).

A certificate in the database is only as good as the key that signed it, and a
colleague with write access to the database could sign their own. So the root of the
chain lives outside the database: a small file in the workstation's data directory,
one per database, written when the desk set the database up (the demo) or when IT pins
an admin key (``kcp-desk admin pin``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from kcp_desk.security.json_file import write_json_atomically


class PinnedKeysError(Exception):
    """A pin file that cannot be read."""


def pinned_keys_path(folder: Path, database: str) -> Path:
    key = hashlib.sha256(database.encode("utf-8")).hexdigest()[:20]
    return folder / f"admin-keys-{key}.json"


def fingerprint(ed25519_public: bytes) -> str:
    """What an admin reads out to IT: the first 16 bytes of SHA-256, in groups of four."""
    digest = hashlib.sha256(ed25519_public).hexdigest()[:32]
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


class PinnedAdminKeys:
    """This workstation's pinned admin Ed25519 public keys for one database."""

    def __init__(self, folder: Path, database: str) -> None:
        self.path = pinned_keys_path(folder, database)
        self.database = database

    def keys(self) -> frozenset[bytes]:
        if not self.path.exists():
            return frozenset()
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            keys = frozenset(bytes.fromhex(k) for k in data["ed25519"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise PinnedKeysError(f"{self.path}: not a readable pin file") from exc
        if any(len(k) != 32 for k in keys):
            raise PinnedKeysError(f"{self.path}: not a readable pin file")
        return keys

    def pin(self, ed25519_public: bytes) -> None:
        self.pin_all({ed25519_public})

    def pin_all(self, ed25519_publics: frozenset[bytes] | set[bytes]) -> None:
        if any(len(k) != 32 for k in ed25519_publics):
            raise ValueError("an Ed25519 public key has 32 bytes")
        keys = sorted(k.hex() for k in self.keys() | set(ed25519_publics))
        body = {"format": 1, "database": self.database, "ed25519": keys}
        write_json_atomically(self.path, body, prefix=".admin-keys-")
