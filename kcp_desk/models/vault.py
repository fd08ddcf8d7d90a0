"""The credential vault tables (SPEC C6): dispatch keys, HPKE wraps, encrypted fields.

Nothing here is readable without a private key: a colleague with full database access
sees only ciphertexts and wraps addressed to other people.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    UniqueConstraint,
    text,
)
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


#: ``dek_wraps``: exactly one recipient (agent XOR dispatch key); an agent wrap names
#: the version of the agent's key it is addressed to (it is bound into the HPKE info)
DEK_WRAP_CHECKS = (
    ("one_recipient", "(agent_id IS NULL) <> (dispatch_key_id IS NULL)"),
    ("agent_key_version", "(agent_id IS NULL) = (agent_key_version IS NULL)"),
    ("dek_version_positive", "dek_version >= 1"),
)
#: ``dek_wraps``: at most one agent wrap and one dispatch wrap per (order, DEK version)
DEK_WRAP_UNIQUE = (
    ("uq_dek_wraps_agent_per_dek_version", "agent_id IS NOT NULL"),
    ("uq_dek_wraps_dispatch_per_dek_version", "dispatch_key_id IS NOT NULL"),
)
#: ``credential_fields``: a 96-bit nonce, a ciphertext with its 16-byte GCM tag
CREDENTIAL_FIELD_CHECKS = (
    ("nonce_length", "length(nonce) = 12"),
    ("ciphertext_has_tag", "length(ciphertext) >= 16"),
    ("dek_version_positive", "dek_version >= 1"),
)


class DekWrap(Base):
    """A support order's data key, HPKE-wrapped to one recipient (V-3).

    Exactly one of ``agent_id`` / ``dispatch_key_id`` is set, and at most one wrap of
    each kind exists per (order, DEK version): the database refuses anything else.
    ``agent_key_version`` is the version of the agent's key the wrap is addressed to
    (``agent:{id}:v{key_version}`` in the info); the dispatch key's version is its row's.
    """

    __tablename__ = "dek_wraps"
    __table_args__ = (
        *(CheckConstraint(sql, name=name) for name, sql in DEK_WRAP_CHECKS),
        *(
            Index(
                name,
                "order_id",
                "dek_version",
                unique=True,
                sqlite_where=text(where),
                postgresql_where=text(where),
            )
            for name, where in DEK_WRAP_UNIQUE
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(
        ForeignKey("support_orders.id", ondelete="CASCADE"), index=True
    )
    dek_version: Mapped[int]
    agent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="CASCADE"), index=True
    )
    agent_key_version: Mapped[int | None]
    dispatch_key_id: Mapped[int | None] = mapped_column(ForeignKey("dispatch_keys.id"))
    #: HPKE single-shot output (encapsulated key || ciphertext)
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return (
            f"DekWrap(order_id={self.order_id!r}, dek_version={self.dek_version!r}, "
            f"agent_id={self.agent_id!r}, dispatch_key_id={self.dispatch_key_id!r})"
        )


class CredentialField(Base):
    """One AES-256-GCM encrypted credential field of a support order (V-2)."""

    __tablename__ = "credential_fields"
    __table_args__ = (
        UniqueConstraint("order_id", "name"),
        *(CheckConstraint(sql, name=name) for name, sql in CREDENTIAL_FIELD_CHECKS),
    )

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
