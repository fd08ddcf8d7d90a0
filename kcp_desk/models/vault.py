"""The credential vault tables (SPEC C6): dispatch keys, HPKE wraps, encrypted fields.

Nothing here is readable without a private key: a colleague with full database access
sees only ciphertexts and wraps addressed to other people.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kcp_desk.models.base import Base, utcnow


class DispatchKey(Base):
    """A version of the dispatch X25519 key pair; the portal encrypts to the newest one."""

    __tablename__ = "dispatch_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(unique=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    retired_at: Mapped[dt.datetime | None]


class DispatchKeyWrap(Base):
    """The dispatch private key, HPKE-wrapped to one lead (V-4)."""

    __tablename__ = "dispatch_key_wraps"
    __table_args__ = (UniqueConstraint("dispatch_key_id", "agent_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dispatch_key_id: Mapped[int] = mapped_column(
        ForeignKey("dispatch_keys.id", ondelete="CASCADE"), index=True
    )
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    agent_key_version: Mapped[int]
    #: HPKE single-shot output (encapsulated key || ciphertext)
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class DekWrap(Base):
    """A support order's data key, HPKE-wrapped to one recipient (V-3).

    Exactly one of ``agent_id`` / ``dispatch_key_id`` is set.
    """

    __tablename__ = "dek_wraps"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(
        ForeignKey("support_orders.id", ondelete="CASCADE"), index=True
    )
    dek_version: Mapped[int]
    agent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="CASCADE"), index=True
    )
    dispatch_key_id: Mapped[int | None] = mapped_column(ForeignKey("dispatch_keys.id"))
    #: HPKE single-shot output (encapsulated key || ciphertext)
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class CredentialField(Base):
    """One AES-256-GCM encrypted credential field of a support order (V-2)."""

    __tablename__ = "credential_fields"
    __table_args__ = (UniqueConstraint("order_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(
        ForeignKey("support_orders.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(64))
    dek_version: Mapped[int]
    nonce: Mapped[bytes] = mapped_column(LargeBinary(12))
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)

    def __repr__(self) -> str:
        return f"CredentialField(order_id={self.order_id!r}, name={self.name!r})"
