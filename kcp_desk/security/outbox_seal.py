"""Sealed outbox payloads (SPEC ID-6, issue 12): what the mail, letter and SMS systems
must carry but no colleague may read — a one-time code, a link token.

The desk queues messages in the ``outbox`` table. Template parameters (a name, a date)
go there as plain JSON; a code or token goes into ``outbox.sealed``, HPKE-encrypted
(RFC 9180, the suite of :mod:`kcp_desk.security.wrapping`) to the channel's service
public key. The private half is held by the channel's operator, never by the database:
whoever reads every byte of the database still reads no code.

What is sealed is the canonical JSON of the secret map (``{"code": "…"}``). The HPKE
``info`` binds the blob to where it belongs::

    kcp-desk outbox v1|{"channel":"letter","key":"v2","recipient":"…","template":"…"}

(canonical JSON, ASCII only, so no recipient or template text can imitate a separator):
a blob copied to another row, or a row whose recipient or template was rewritten, or a
blob opened with another key version's private key, does not open.

For the channel's operator (the mail system side)
-------------------------------------------------
- ``kcp-desk outbox keygen --channel email|letter|sms --admin USERNAME`` (an admin, on a
  workstation that has the admin key pinned) makes the next key version, has the admin
  certify it, and prints the private key ONCE, as one line::

      kcp-desk-outbox-key-v1:<standard base64 of the 32-byte raw X25519 private key>

  Hand that line to the channel's operator; it is not stored anywhere. ``kcp-desk outbox
  keys`` lists the versions, their public-key fingerprints and whether an admin's
  certificate chained to this workstation's pinned keys vouches for them.
- The mail system reads a row, loads the key of the row's ``sealed_key_version`` with
  :func:`load_private_key_text` and calls :func:`open_sealed` with the row's channel,
  key version, recipient and template. Keep older versions until every row sealed to
  them is sent.
- Demo set-up (``kcp-desk demo`` and the desk's first start with ``--demo``) stands in
  for the operator: it writes each channel's key to
  ``<data dir>/outbox-keys/<database id>/<channel>.key`` (:class:`ServiceKeyFiles`;
  the folder 0700, the file 0600, the database id named as the pinned admin keys' file).

Nothing secret shows itself: values are :class:`~kcp_desk.security.field_crypto.SecretText`
(revealed only to be sealed), and every failure here has a fixed message and no chained
exception.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kcp_desk.security.field_crypto import SecretText
from kcp_desk.security.wrapping import UnwrapError, positive_int, unwrap, wrap

__all__ = [
    "CHANNELS",
    "KEY_TEXT_PREFIX",
    "SealError",
    "ServiceKeyError",
    "ServiceKeyFiles",
    "database_id",
    "load_private_key_text",
    "new_service_key",
    "open_sealed",
    "private_key_text",
    "public_key_bytes",
    "seal",
    "seal_info",
]

#: the outbox channels (``models.outbox.OutboxChannel``'s values)
CHANNELS: Final = ("email", "letter", "sms")
#: the first part of every ``info``; a new layout gets a new tag
SEAL_TAG: Final = b"kcp-desk outbox v1"
#: the one text format of a channel's private key
KEY_TEXT_PREFIX: Final = "kcp-desk-outbox-key-v1:"
_RAW_KEY: Final = 32
_NAME: Final = re.compile(r"[a-z][a-z0-9_]{0,63}")


class SealError(Exception):
    """The sealed payload does not open: another key, another row, another recipient or
    template, or tampering. The message is fixed and names nothing."""

    def __init__(self) -> None:
        super().__init__("outbox payload cannot be opened with this key")


class ServiceKeyError(ValueError):
    """Not an outbox service key in the documented text format. The message is fixed:
    it never repeats the text (which may be a key)."""

    def __init__(self) -> None:
        super().__init__("not a kcp-desk outbox service key")


def _channel(channel: object) -> str:
    if not isinstance(channel, str) or channel not in CHANNELS:
        raise ValueError("an outbox channel is one of email, letter, sms")
    return channel


def _text(value: object, what: str) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"the {what} is a non-empty str")
    return value


def _ascii_json(document: object) -> str:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def seal_info(*, channel: str, key_version: int, recipient: str, template: str) -> bytes:
    """The HPKE ``info`` of one outbox row's sealed payload."""
    parts = {
        "channel": _channel(channel),
        "key": f"v{positive_int(key_version, 'outbox key version')}",
        "recipient": _text(recipient, "recipient"),
        "template": _text(template, "template"),
    }
    return SEAL_TAG + b"|" + _ascii_json(parts).encode("ascii")


def seal(
    public_key: bytes,
    *,
    channel: str,
    key_version: int,
    recipient: str,
    template: str,
    secret: Mapping[str, SecretText],
) -> bytes:
    """HPKE-seal the secret map to the channel's service key (version ``key_version``)
    for this recipient and template; encapsulated key || ciphertext."""
    info = seal_info(
        channel=channel, key_version=key_version, recipient=recipient, template=template
    )
    if not secret:
        raise ValueError("nothing to seal")
    for name, value in secret.items():
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise ValueError("a secret's name is a lower-case identifier")
        if not isinstance(value, SecretText):
            raise TypeError("a secret's value is a SecretText")
    if len(public_key) != _RAW_KEY:
        raise ValueError("an outbox service key is a 32-byte X25519 public key")
    plaintext = _ascii_json({name: value.reveal() for name, value in secret.items()})
    return wrap(plaintext.encode("ascii"), bytes(public_key), info)


def open_sealed(
    private_key: X25519PrivateKey,
    sealed: bytes,
    *,
    channel: str,
    key_version: int,
    recipient: str,
    template: str,
) -> dict[str, SecretText]:
    """The mail system's side: the secret map of a row, or :class:`SealError` unless it
    is exactly this row's (channel, key version, recipient, template) and this key's."""
    info = seal_info(
        channel=channel, key_version=key_version, recipient=recipient, template=template
    )
    opened: dict[str, SecretText] | None = None
    try:
        data = json.loads(unwrap(bytes(sealed), private_key, info).decode("ascii"))
        if isinstance(data, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in data.items()
        ):
            opened = {k: SecretText(v) for k, v in data.items()}
    except (UnwrapError, ValueError):
        opened = None  # raised below, outside the handler: no chained exception
    if opened is None:
        raise SealError()
    return opened


# --- the service key pair ---------------------------------------------------------------


def new_service_key() -> X25519PrivateKey:
    """A fresh X25519 key pair for one version of a channel's service key."""
    return X25519PrivateKey.generate()


def public_key_bytes(key: X25519PrivateKey) -> bytes:
    """The raw 32-byte public half (what ``outbox_keys.public_key`` holds)."""
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def private_key_text(key: X25519PrivateKey) -> SecretText:
    """``kcp-desk-outbox-key-v1:<base64 of the raw private key>``, for the operator."""
    raw = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return SecretText(KEY_TEXT_PREFIX + base64.b64encode(raw).decode("ascii"))


def load_private_key_text(text: str | SecretText) -> X25519PrivateKey:
    """The key of :func:`private_key_text` (surrounding white space is ignored);
    :class:`ServiceKeyError` for anything else."""
    value = text.reveal() if isinstance(text, SecretText) else text
    key: X25519PrivateKey | None = None
    if isinstance(value, str):
        value = value.strip()
        body = value.removeprefix(KEY_TEXT_PREFIX)
        if body != value and body.isascii():
            try:
                raw = base64.b64decode(body, validate=True)
                if len(raw) == _RAW_KEY and base64.b64encode(raw).decode("ascii") == body:
                    key = X25519PrivateKey.from_private_bytes(raw)
            except (binascii.Error, ValueError):
                key = None  # raised below, outside the handler: no chained exception
    if key is None:
        raise ServiceKeyError()
    return key


# --- the demo's stand-in for the operator -----------------------------------------------


def database_id(database: str) -> str:
    """The per-database name a workstation's files use (as ``pinned_keys`` names its
    ``admin-keys-<id>.json``): the first 20 hex digits of SHA-256 of the description."""
    return hashlib.sha256(database.encode("utf-8")).hexdigest()[:20]


class ServiceKeyFiles:
    """``<data dir>/outbox-keys/<database id>/<channel>.key``: each channel's private key
    as :func:`private_key_text` gives it, in a 0700 folder, each file 0600."""

    def __init__(self, data_dir: Path, database: str) -> None:
        self.folder = data_dir / "outbox-keys" / database_id(database)

    def path(self, channel: str) -> Path:
        return self.folder / f"{_channel(channel)}.key"

    def write(self, channel: str, key: X25519PrivateKey) -> None:
        """Write-then-rename to :meth:`path`: a crash leaves no half a key."""
        path = self.path(channel)
        for folder in (self.folder.parent, self.folder):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            with contextlib.suppress(OSError):  # not on every file system
                os.chmod(folder, 0o700)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{channel}-")  # mode 0600
        try:
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(private_key_text(key).reveal() + "\n")
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def load(self, channel: str) -> X25519PrivateKey:
        """The channel's key; ``OSError`` if there is no file, :class:`ServiceKeyError`
        if it holds something else."""
        data = self.path(channel).read_bytes()
        return load_private_key_text(data.decode("ascii") if data.isascii() else "")
