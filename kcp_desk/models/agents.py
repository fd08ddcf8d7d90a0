"""Agents (service staff) and their key material (SPEC V-1, V-7)."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from kcp_desk.models.base import Base, Versioned, str_enum, utcnow


class Role(enum.StrEnum):
    AGENT = "agent"
    LEAD = "lead"
    ADMIN = "admin"


class Agent(Versioned, Base):
    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(str_enum(Role, "role", 16))
    active: Mapped[bool] = mapped_column(default=True)
    #: X25519 (encryption) and Ed25519 (signing) public keys, raw 32 bytes each
    x25519_public: Mapped[bytes] = mapped_column(LargeBinary(32))
    ed25519_public: Mapped[bytes] = mapped_column(LargeBinary(32))
    #: both private keys sealed under Argon2id(passphrase); see security.sealing
    sealed_keys: Mapped[bytes] = mapped_column(LargeBinary)
    #: every key has a version from day one (V-7); bumped when the keys are replaced
    key_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    disabled_at: Mapped[dt.datetime | None]

    def __repr__(self) -> str:
        return f"Agent(id={self.id!r}, username={self.username!r}, role={self.role!r})"


class DeviceSeal(Base):
    """A second sealed copy of an agent's keys for "remember on this workstation".

    Sealed under a random 32-byte device key that only the workstation's OS keyring holds.
    """

    __tablename__ = "device_seals"
    __table_args__ = (UniqueConstraint("agent_id", "device_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    device_id: Mapped[str] = mapped_column(String(64))
    key_version: Mapped[int]
    sealed_keys: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"DeviceSeal(agent_id={self.agent_id!r}, device_id={self.device_id!r})"


class AgentKey(Base):
    """One version of an agent's public keys (V-7): old audit signatures name the
    version they were made with, so the history is kept when the keys are replaced."""

    __tablename__ = "agent_keys"
    __table_args__ = (UniqueConstraint("agent_id", "key_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    key_version: Mapped[int]
    x25519_public: Mapped[bytes] = mapped_column(LargeBinary(32))
    ed25519_public: Mapped[bytes] = mapped_column(LargeBinary(32))
    valid_from: Mapped[dt.datetime] = mapped_column(default=utcnow)
    retired_at: Mapped[dt.datetime | None]

    def __repr__(self) -> str:
        return f"AgentKey(agent_id={self.agent_id!r}, key_version={self.key_version!r})"


class Certificate(Base):
    """An admin's Ed25519 signature over an agent's role and keys, or over a dispatch
    key (V-8). The body is canonical JSON (``security.certificates``); the newest
    certificate of a subject is the one that counts, and it must match the row."""

    __tablename__ = "certificates"
    __table_args__ = (
        Index("ix_certificates_subject", "subject", "id"),
        CheckConstraint("length(signature) = 64", name="signature_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: ``agent:{id}`` or ``dispatch:v{n}``
    subject: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)
    signature: Mapped[bytes] = mapped_column(LargeBinary(64))
    issued_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"Certificate(subject={self.subject!r})"
