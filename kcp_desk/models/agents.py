"""Agents (service staff) and their key material (SPEC V-1, V-7)."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
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
