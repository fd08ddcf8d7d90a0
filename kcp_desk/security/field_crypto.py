"""Credential fields of a support order, encrypted under the order's data key (SPEC V-2).

Each order has a random 256-bit data key (DEK; :func:`new_data_key`). Each credential
field is AES-256-GCM encrypted with a fresh random 96-bit nonce, and the associated
data binds the ciphertext to its order, its field name and the data-key version
(:func:`field_aad`): a ciphertext copied to another order, another field or another
key version does not decrypt. The associated data is canonical JSON (sorted keys, no
whitespace, ASCII only) of typed values, so two different (order, field, version)
triples never give the same bytes — unlike a plain concatenation, where order 1 field
"2x" and order 12 field "x" could.

Secrets stay out of texts: every failure here is raised with a fixed message and no
chained exception (a ``UnicodeError`` would carry the text it failed on), nothing is
logged, and :class:`SecretText` hides its value from ``repr()``, ``str()`` and
formatting. The data key itself comes from :mod:`kcp_desk.security.wrapping`.
"""

from __future__ import annotations

import hmac
import json
import os
from typing import Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kcp_desk.security.wrapping import DEK_BYTES, positive_int

#: a data key is 256 bits (V-2)
DATA_KEY_BYTES: Final = DEK_BYTES
#: AES-GCM's 96-bit nonce, fresh and random for every encryption
NONCE_BYTES: Final = 12
#: the GCM tag at the end of every ciphertext
TAG_BYTES: Final = 16
#: ``credential_fields.name`` is a String(64)
MAX_FIELD_NAME: Final = 64
_PURPOSE: Final = "kcp-desk/credential-field/1"


class FieldDecryptError(Exception):
    """The field does not decrypt: wrong data key, or a ciphertext, nonce, order, field
    name or data-key version that is not the one it was encrypted with (tampering or a
    copied row). The message is fixed and names no key and no plaintext."""

    def __init__(self) -> None:
        super().__init__("credential field cannot be decrypted")


class FieldEncodeError(ValueError):
    """The text cannot be stored: it is not valid Unicode (it holds a lone surrogate).
    The message is fixed and does not repeat the text."""

    def __init__(self) -> None:
        super().__init__("credential text is not valid Unicode")


class SecretText:
    """A credential in the clear that does not show itself: ``repr()``, ``str()`` and
    f-strings give a placeholder, pickling is refused; :meth:`reveal` gives the text."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError("SecretText holds a str")
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "SecretText(<hidden>)"

    __str__ = __repr__

    def __format__(self, format_spec: str) -> str:
        return repr(self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SecretText):
            return NotImplemented
        encode = "utf-8", "surrogatepass"
        return hmac.compare_digest(self._value.encode(*encode), other._value.encode(*encode))

    __hash__ = None  # type: ignore[assignment]  # equal texts must not be findable by hash

    def __bool__(self) -> bool:
        return bool(self._value)

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("SecretText cannot be pickled")


def new_data_key() -> bytes:
    """A fresh random 256-bit data key (from the operating system's CSPRNG)."""
    return os.urandom(DATA_KEY_BYTES)


def field_aad(order_id: int, field_name: str, dek_version: int) -> bytes:
    """The associated data of one field: canonical JSON of the purpose, the order id,
    the field name and the data-key version."""
    order = positive_int(order_id, "order id")
    version = positive_int(dek_version, "data-key version")
    if not isinstance(field_name, str) or not 0 < len(field_name) <= MAX_FIELD_NAME:
        raise ValueError(f"a field name is a str of 1 to {MAX_FIELD_NAME} characters")
    document = {"purpose": _PURPOSE, "order": order, "field": field_name, "dek": version}
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode(
        "ascii"
    )


def _buffer(value: object, length: int | None = None) -> bytes | None:
    """``value`` as bytes if it is bytes-like (psycopg may give a memoryview) and, when
    ``length`` is given, exactly that long; else None."""
    if not isinstance(value, bytes | bytearray | memoryview):
        return None
    data = bytes(value)
    return data if length is None or len(data) == length else None


def _aead(data_key: bytes) -> AESGCM:
    key = _buffer(data_key, DATA_KEY_BYTES)
    if key is None:
        raise ValueError("a data key is 32 bytes")
    return AESGCM(key)


def encrypt_field(
    data_key: bytes,
    *,
    order_id: int,
    field_name: str,
    dek_version: int,
    plaintext: str | SecretText,
) -> tuple[bytes, bytes]:
    """Encrypt one credential field; returns ``(nonce, ciphertext)`` (the ciphertext ends
    in the 16-byte GCM tag). :class:`FieldEncodeError` for text that is not valid
    Unicode; ``ValueError`` for a data key that is not 32 bytes or a bad id or name."""
    aead = _aead(data_key)
    aad = field_aad(order_id, field_name, dek_version)
    text = plaintext.reveal() if isinstance(plaintext, SecretText) else plaintext
    if not isinstance(text, str):
        raise TypeError("plaintext must be a str or a SecretText")
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        data = None  # raised below, outside the handler: the error holds the text
    if data is None:
        raise FieldEncodeError()
    nonce = os.urandom(NONCE_BYTES)
    return nonce, aead.encrypt(nonce, data, aad)


def decrypt_field(
    data_key: bytes,
    *,
    order_id: int,
    field_name: str,
    dek_version: int,
    nonce: bytes,
    ciphertext: bytes,
) -> str:
    """Decrypt one credential field; :class:`FieldDecryptError` for every failure of the
    key, the nonce or the ciphertext (and for an order, field name or data-key version
    other than the one it was encrypted with)."""
    aad = field_aad(order_id, field_name, dek_version)
    key = _buffer(data_key, DATA_KEY_BYTES)
    iv = _buffer(nonce, NONCE_BYTES)
    sealed = _buffer(ciphertext)
    text: str | None = None
    if key is not None and iv is not None and sealed is not None and len(sealed) >= TAG_BYTES:
        try:
            text = AESGCM(key).decrypt(iv, sealed, aad).decode("utf-8")
        except (InvalidTag, UnicodeDecodeError):
            text = None  # raised below, outside the handler: no chained exception
    if text is None:
        raise FieldDecryptError()
    return text
