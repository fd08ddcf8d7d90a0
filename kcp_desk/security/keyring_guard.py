"""Choose an OS keyring backend that really protects the device key (SPEC V-1).

"Remember on this workstation" keeps a random 32-byte device key in the OS keyring.
Backends that store it in clear (keyrings.alt's plaintext file), that fail, or that
drop it (null) are refused — also when they sit inside keyring's chained backend.
The user is told which store received the secret.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import os
from dataclasses import dataclass

import keyring
from keyring.backend import KeyringBackend

from kcp_desk.errors import QT_TRANSLATE_NOOP

SERVICE = "kcp-desk"

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


class DeviceKeyStore:
    """The device key of one (database, user) pair in a vetted keyring backend."""

    def __init__(self, backend: KeyringBackend, database_id: str) -> None:
        if is_refused(backend):
            raise ValueError("refused keyring backend")
        self._backend = backend
        self._database_id = database_id

    def _entry(self, username: str) -> str:
        return f"{self._database_id}/{username}"

    def create(self, username: str) -> tuple[str, bytes]:
        device_id = os.urandom(8).hex()
        key = os.urandom(32)
        value = f"{device_id}:{base64.b64encode(key).decode()}"
        self._backend.set_password(SERVICE, self._entry(username), value)
        return device_id, key

    def load(self, username: str) -> tuple[str, bytes] | None:
        value = self._backend.get_password(SERVICE, self._entry(username))
        if not value or ":" not in value:
            return None
        device_id, _, encoded = value.partition(":")
        try:
            key = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            return None
        return (device_id, key) if len(key) == 32 else None

    def forget(self, username: str) -> None:
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            self._backend.delete_password(SERVICE, self._entry(username))
