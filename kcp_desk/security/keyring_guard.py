"""Choose an OS keyring backend that really protects the device key (SPEC V-1).

"Remember on this workstation" keeps a random 32-byte device key in the OS keyring.
Backends that store it in clear (keyrings.alt's plaintext file), that fail, or that
drop it (null) are refused — also when they sit inside keyring's chained backend.
The user is told which store received the secret.

The entry name is an opaque SHA-256 of the database and the user name: another program
listing the keyring learns neither who uses kcp-desk nor where the database lives.
A locked or broken keyring (``keyring.errors.KeyringError``) becomes
:class:`KeyringUnavailable`, an expected error with a message, never a traceback.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, KeyringLocked, PasswordDeleteError

from kcp_desk.errors import QT_TRANSLATE_NOOP, KeyringUnavailable

SERVICE = "kcp-desk"
_T = TypeVar("_T")

_REFUSED = {
    "keyring.backends.fail.Keyring",
    "keyring.backends.null.Keyring",
    "keyrings.alt.file.PlaintextKeyring",
}

# Marked for Linguist in the "Keyring" context; the views translate them.
_DESCRIPTIONS = {
    "keyring.backends.Windows.WinVaultKeyring": QT_TRANSLATE_NOOP(
        "Keyring", "the Windows Credential Manager"
    ),
    "keyring.backends.SecretService.Keyring": QT_TRANSLATE_NOOP(
        "Keyring", "the desktop's Secret Service (GNOME Keyring, KWallet)"
    ),
    "keyring.backends.libsecret.Keyring": QT_TRANSLATE_NOOP(
        "Keyring", "the desktop's Secret Service (libsecret)"
    ),
    "keyring.backends.kwallet.DBusKeyring": QT_TRANSLATE_NOOP("Keyring", "KWallet"),
    "keyring.backends.macOS.Keyring": QT_TRANSLATE_NOOP("Keyring", "the macOS Keychain"),
    "keyring.backends.fail.Keyring": QT_TRANSLATE_NOOP("Keyring", "no keyring at all"),
    "keyring.backends.null.Keyring": QT_TRANSLATE_NOOP("Keyring", "a keyring that forgets"),
    "keyrings.alt.file.PlaintextKeyring": QT_TRANSLATE_NOOP(
        "Keyring", "a plaintext file (refused)"
    ),
}


def _qualname(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def is_refused(backend: KeyringBackend) -> bool:
    name = _qualname(backend)
    return (
        name in _REFUSED or "plaintext" in name.lower() or name.startswith("keyring.backends.fail")
    )


def _candidates(backend: KeyringBackend) -> list[KeyringBackend]:
    children = getattr(backend, "backends", None)  # keyring.backends.chainer.ChainerBackend
    if isinstance(children, list | tuple):
        return [b for child in children for b in _candidates(child)]
    return [backend]


def describe(backend: KeyringBackend) -> str:
    return _DESCRIPTIONS.get(_qualname(backend), str(getattr(backend, "name", _qualname(backend))))


@dataclass(frozen=True)
class KeyringChoice:
    backend: KeyringBackend | None
    #: where the secret goes, if a secure backend was found
    where: str = ""
    #: the backends that were found and refused (when there is none)
    refused: tuple[str, ...] = ()


def choose_backend() -> KeyringChoice:
    """The first secure backend, in the order keyring itself would use them."""
    candidates = _candidates(keyring.get_keyring())
    for backend in candidates:
        if not is_refused(backend):
            return KeyringChoice(backend, where=describe(backend))
    return KeyringChoice(None, refused=tuple(describe(b) for b in candidates))


_LOCKED = QT_TRANSLATE_NOOP(
    "KcpError", "The keyring of this workstation is locked. Unlock it and try again."
)
_BROKEN = QT_TRANSLATE_NOOP(
    "KcpError", "The keyring of this workstation cannot be used right now ({error})."
)


def _unavailable(exc: KeyringError) -> KeyringUnavailable:
    if isinstance(exc, KeyringLocked):
        return KeyringUnavailable(_LOCKED)
    # the class name only: a backend's message could quote an entry or a path
    return KeyringUnavailable(_BROKEN, error=type(exc).__name__)


def entry_name(database_id: str, username: str) -> str:
    """The keyring entry of one (database, user) pair: stable, and revealing neither."""
    return hashlib.sha256(f"kcp-desk|{database_id}|{username}".encode()).hexdigest()


class DeviceKeyStore:
    """The device key of one (database, user) pair in a vetted keyring backend.

    Every method raises :class:`KeyringUnavailable` (never a keyring error) when the
    backend is locked or fails.
    """

    def __init__(self, backend: KeyringBackend, database_id: str) -> None:
        if is_refused(backend):
            raise ValueError("refused keyring backend")
        self._backend = backend
        self._database_id = database_id

    def _entry(self, username: str) -> str:
        return entry_name(self._database_id, username)

    def _legacy_entry(self, username: str) -> str:
        # before 0.9 the entry was named in clear; it is moved on first read
        return f"{self._database_id}/{username}"

    def _call(self, fn: Callable[[], _T]) -> _T:
        try:
            return fn()
        except KeyringError as exc:
            raise _unavailable(exc) from exc

    def create(self, username: str) -> tuple[str, bytes]:
        device_id = os.urandom(8).hex()
        key = os.urandom(32)
        value = f"{device_id}:{base64.b64encode(key).decode()}"
        self._call(lambda: self._backend.set_password(SERVICE, self._entry(username), value))
        return device_id, key

    def load(self, username: str) -> tuple[str, bytes] | None:
        value = self._call(lambda: self._backend.get_password(SERVICE, self._entry(username)))
        if value is None:
            value = self._migrate_legacy(username)
        if not value or ":" not in value:
            return None
        device_id, _, encoded = value.partition(":")
        try:
            key = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            return None
        return (device_id, key) if len(key) == 32 else None

    def _migrate_legacy(self, username: str) -> str | None:
        legacy = self._legacy_entry(username)
        value = self._call(lambda: self._backend.get_password(SERVICE, legacy))
        if value is not None:
            self._call(lambda: self._backend.set_password(SERVICE, self._entry(username), value))
            self._delete(legacy)
        return value

    def _delete(self, entry: str) -> None:
        try:
            self._backend.delete_password(SERVICE, entry)
        except PasswordDeleteError:
            pass  # nothing stored under that name
        except KeyringError as exc:
            raise _unavailable(exc) from exc

    def forget(self, username: str) -> None:
        self._delete(self._entry(username))
        self._delete(self._legacy_entry(username))
