"""Keyring backends that fail the way real ones do (a locked Secret Service, …)."""

from __future__ import annotations

from keyring.errors import KeyringLocked, PasswordSetError

from tests.conftest import MemoryKeyring


class PlaintextKeyring(MemoryKeyring):
    """Stands in for keyrings.alt.file.PlaintextKeyring (refused by its name)."""


class LockedKeyring(MemoryKeyring):
    """A Secret Service whose collection is locked: every call raises KeyringLocked."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("collection /org/freedesktop/secrets/aliases/default is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("locked")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("locked")


class ReadOnlyKeyring(MemoryKeyring):
    """Reads work, storing fails (a full or read-only wallet)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError(f"cannot store {username}")
