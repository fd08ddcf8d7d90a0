"""HPKE (RFC 9180) wraps of data keys and of the dispatch key (SPEC V-3, V-4).

Suite: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM. The ``info`` string binds
every wrap to what it is for and to whom, so a wrap copied to another row fails.
"""

from __future__ import annotations

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)


class UnwrapError(Exception):
    """The wrap is not addressed to this key, or it was tampered with."""


def dek_info(order_id: int, dek_version: int, recipient: str) -> bytes:
    return f"kcp-desk/dek/1|order={order_id}|dek={dek_version}|to={recipient}".encode()


def dispatch_info(dispatch_version: int, lead_id: int, lead_key_version: int) -> bytes:
    return f"kcp-desk/dispatch/1|v={dispatch_version}|lead={lead_id}:{lead_key_version}".encode()


def wrap(secret: bytes, recipient_public: bytes, info: bytes) -> bytes:
    return SUITE.encrypt(secret, X25519PublicKey.from_public_bytes(recipient_public), info=info)


def unwrap(wrapped: bytes, private_key: X25519PrivateKey, info: bytes) -> bytes:
    try:
        return SUITE.decrypt(wrapped, private_key, info=info)
    except (InvalidTag, ValueError) as exc:
        raise UnwrapError("wrap cannot be opened with this key") from exc
