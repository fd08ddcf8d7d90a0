"""The append-only, hash-chained audit log (SPEC C7)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kcp_desk.models.base import Base


class AuditEntry(Base):
    __tablename__ = "audit_log"

    #: position in the chain; 1 is the first entry
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime]
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), index=True)
    action: Mapped[str] = mapped_column(String(64), index=True)
    #: canonical JSON of the whole entry (including prev_hash); what the hash covers
    canonical: Mapped[str] = mapped_column(Text)
    #: unique: two writers racing for the same predecessor cannot fork the chain
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: Ed25519 signature of entry_hash by the acting agent; NULL when nobody is
    #: logged in (a failed login is recorded unsigned)
    signature: Mapped[bytes | None] = mapped_column(LargeBinary(64))
