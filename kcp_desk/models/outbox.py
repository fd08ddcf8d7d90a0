"""Mails and letters for the mail system to send (SPEC ID-6); the desk only queues."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, LargeBinary, PrimaryKeyConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kcp_desk.models.base import Base, str_enum, utcnow


class OutboxChannel(enum.StrEnum):
    EMAIL = "email"
    LETTER = "letter"
    SMS = "sms"


class OutboxMessage(Base):
    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    channel: Mapped[OutboxChannel] = mapped_column(str_enum(OutboxChannel, "outbox_channel", 16))
    template: Mapped[str] = mapped_column(String(64))
    #: recipient address as the mail system needs it; shown masked in the desk
    recipient: Mapped[str] = mapped_column(String(320))
    #: template parameters as JSON; never a code, token or link (those go in ``sealed``)
    payload: Mapped[str] = mapped_column(Text, default="{}")
    #: ID-6: what must carry a code or link token, HPKE-sealed to the channel's service
    #: key (``security.outbox_seal``); the private half is not in the database
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    sealed_key_version: Mapped[int | None]
    case_id: Mapped[int | None] = mapped_column(ForeignKey("identity_cases.id"), index=True)
    queued_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    queued_by: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    sent_at: Mapped[dt.datetime | None]


class OutboxKey(Base):
    """A version of a channel's service public key (X25519). The mail, letter or SMS
    system holds the private half; an admin's certificate (``outbox:{channel}:v{n}``)
    says the key is the service's, so a row written by someone else seals nothing."""

    __tablename__ = "outbox_keys"
    __table_args__ = (PrimaryKeyConstraint("channel", "version"),)

    channel: Mapped[OutboxChannel] = mapped_column(
        str_enum(OutboxChannel, "outbox_key_channel", 16)
    )
    version: Mapped[int]
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
