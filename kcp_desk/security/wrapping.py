"""HPKE (RFC 9180) wraps of data keys and of the dispatch key (SPEC V-3, V-4).

Suite: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM, base mode, single shot
(``tests/security/test_hpke_vectors.py`` checks it against the RFC's test vectors).

The ``info`` string binds every wrap to what it is for and to whom, so a wrap copied to
another row, another order, another data-key version or another recipient fails. Its
parts are typed, never free text (issue 11): the recipient is an :class:`AgentRecipient`
(``agent:{id}:v{key_version}``) or a :class:`DispatchRecipient` (``dispatch:v{n}``), and
every number is checked to be a positive ``int`` before it is spelt out, so no value can
smuggle a separator into the string.

- data-key wrap: ``kcp-desk/dek-wrap/1|order={order_id}|dek=v{dek_version}|to={recipient}``
- dispatch-key wrap: ``kcp-desk/dispatch-key-wrap/1|key=dispatch:v{n}|to=agent:{id}:v{k}``
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

SUITE: Final = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
#: a data key (DEK) is 256 bits (V-2)
DEK_BYTES: Final = 32
#: the encapsulated key (X25519 public key) that precedes each wrap's ciphertext
ENC_BYTES: Final = 32

_DEK_WRAP_TAG: Final = "kcp-desk/dek-wrap/1"
_DISPATCH_WRAP_TAG: Final = "kcp-desk/dispatch-key-wrap/1"


class UnwrapError(Exception):
    """The wrap is not addressed to this key, or it was tampered with.

    The message is fixed: it never names a key, a data key or a plaintext.
    """

    def __init__(self) -> None:
        super().__init__("wrap cannot be opened with this key")


def positive_int(value: object, what: str) -> int:
    """``value`` if it is a positive ``int`` (not a bool), else ``ValueError``."""
    if type(value) is not int or value < 1:
        raise ValueError(f"{what} must be a positive int")
    return value


@dataclass(frozen=True, slots=True)
class AgentRecipient:
    """A wrap addressed to one version of an agent's X25519 key."""

    agent_id: int
    key_version: int

    def __post_init__(self) -> None:
        positive_int(self.agent_id, "agent id")
        positive_int(self.key_version, "agent key version")

    @property
    def label(self) -> str:
        return f"agent:{self.agent_id}:v{self.key_version}"


@dataclass(frozen=True, slots=True)
class DispatchRecipient:
    """A wrap addressed to one version of the dispatch key."""

    version: int

    def __post_init__(self) -> None:
        positive_int(self.version, "dispatch key version")

    @property
    def label(self) -> str:
        return f"dispatch:v{self.version}"


Recipient = AgentRecipient | DispatchRecipient


def agent_recipient(agent_id: int, key_version: int) -> str:
    """The typed recipient part ``agent:{id}:v{key_version}``."""
    return AgentRecipient(agent_id, key_version).label


def dispatch_recipient(version: int) -> str:
    """The typed recipient part ``dispatch:v{n}``."""
    return DispatchRecipient(version).label


def dek_info(order_id: int, dek_version: int, recipient: Recipient) -> bytes:
    """``info`` of the wrap of an order's data key (version ``dek_version``)."""
    if not isinstance(recipient, AgentRecipient | DispatchRecipient):
        raise TypeError("recipient must be an AgentRecipient or a DispatchRecipient")
    order = positive_int(order_id, "order id")
    version = positive_int(dek_version, "data-key version")
    return f"{_DEK_WRAP_TAG}|order={order}|dek=v{version}|to={recipient.label}".encode()


def dispatch_info(dispatch_version: int, lead_id: int, lead_key_version: int) -> bytes:
    """``info`` of the wrap of the dispatch private key (``dispatch_version``) to a lead."""
    key = DispatchRecipient(dispatch_version).label
    to = AgentRecipient(lead_id, lead_key_version).label
    return f"{_DISPATCH_WRAP_TAG}|key={key}|to={to}".encode()


def wrap(secret: bytes, recipient_public: bytes, info: bytes) -> bytes:
    """HPKE single-shot seal of ``secret``: encapsulated key || ciphertext."""
    return SUITE.encrypt(secret, X25519PublicKey.from_public_bytes(recipient_public), info=info)


def unwrap(wrapped: bytes, private_key: X25519PrivateKey, info: bytes) -> bytes:
    """Open an HPKE wrap; :class:`UnwrapError` (with no chained exception) if it is not
    addressed to ``private_key`` with exactly this ``info``, or was tampered with."""
    secret: bytes | None
    try:
        secret = SUITE.decrypt(wrapped, private_key, info=info)
    except (InvalidTag, ValueError):
        secret = None  # raised below, outside the handler: no chained exception
    if secret is None:
        raise UnwrapError()
    return secret


def wrap_dek(
    dek: bytes,
    recipient_public: bytes,
    *,
    order_id: int,
    dek_version: int,
    recipient: Recipient,
) -> bytes:
    """Wrap an order's data key to ``recipient`` (whose X25519 public key is given)."""
    if len(dek) != DEK_BYTES:
        raise ValueError("a data key is 32 bytes")
    return wrap(dek, recipient_public, dek_info(order_id, dek_version, recipient))


def unwrap_dek(
    wrapped: bytes,
    private_key: X25519PrivateKey,
    *,
    order_id: int,
    dek_version: int,
    recipient: Recipient,
) -> bytes:
    """Open a data-key wrap; :class:`UnwrapError` unless it is exactly this order's data
    key of this version, addressed to ``recipient`` and opened with its private key."""
    dek = unwrap(wrapped, private_key, dek_info(order_id, dek_version, recipient))
    if len(dek) != DEK_BYTES:
        raise UnwrapError()
    return dek
