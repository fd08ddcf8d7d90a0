"""Mails and letters for the mail system to send (SPEC ID-6); the desk only queues."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, String, Text
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
    #: template parameters as JSON; one-time codes are NOT stored here in clear, the
    #: mail system receives them through its own sealed channel
    payload: Mapped[str] = mapped_column(Text, default="{}")
    queued_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    queued_by: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    sent_at: Mapped[dt.datetime | None]
