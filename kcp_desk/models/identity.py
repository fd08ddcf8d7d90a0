"""Identity validation when the customer lost the e-mail address (C2, ID-1 … ID-7).

Knowledge data only finds the record; these tables hold the factors tried, the codes
sent (as hashes only) and the four-eyes decision. ID-3 counters are rows in
``factor_attempts`` and counters on the code rows, never state of a window.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kcp_desk.models.base import Base, Versioned, str_enum, utcnow


class IdentityPurpose(enum.StrEnum):
    EMAIL_CHANGE = "email_change"
    ADDRESS_CHANGE = "address_change"
    P_RESET = "p_reset"
    INFO_ONLY = "info_only"  # P alone permits information only (ID-2)


class IdentityCaseState(enum.StrEnum):
    OPEN = "open"
    AWAITING_APPROVAL = "awaiting_approval"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


class Factor(enum.StrEnum):
    """ID-1 factors; the values are the letters the spec uses."""

    PHONE_PASSWORD = "P"
    EMAIL_LINK = "E"
    LETTER_CODE = "L"
    SMS_CODE = "M"
    ID_DOCUMENT = "D"


class IdentityCase(Versioned, Base):
    """ID-4: an agent prepares the case, a different person (a lead) decides."""

    __tablename__ = "identity_cases"
    __table_args__ = (
        Index("ix_identity_cases_customer_created", "customer_id", "created_at"),
        CheckConstraint("approver_id IS NULL OR approver_id <> prepared_by_id", name="four_eyes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"), index=True)
    purpose: Mapped[IdentityPurpose] = mapped_column(
        str_enum(IdentityPurpose, "identity_purpose", 20)
    )
    state: Mapped[IdentityCaseState] = mapped_column(
        str_enum(IdentityCaseState, "identity_case_state", 20),
        default=IdentityCaseState.OPEN,
        index=True,
    )
    prepared_by_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), index=True)
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[dt.datetime | None]
    decision_reason: Mapped[str | None] = mapped_column(Text)
    #: ID-6: the address to set on approval (stored unverified, then confirmed by link).
    new_email: Mapped[str | None] = mapped_column(String(254))
    #: ID-7: what the audit record and the lead's approval view show.
    new_email_masked: Mapped[str | None] = mapped_column(String(254))
    #: Reasonable doubts, e.g. knowledge data that did not match (never the values).
    doubts: Mapped[str | None] = mapped_column(Text)
    #: ID-3: wrong phone passwords in this case (3 lock the P factor).
    p_failures: Mapped[int] = mapped_column(default=0)
    #: the caller says they still have the mailbox of the registered address (E possible)
    has_mailbox: Mapped[bool] = mapped_column(default=False)
    #: how the caller was found: JSON ``[{"item": "name", "matched": true}, …]`` (C2:
    #: finds the record, never proof; a mismatch is a doubt). Never the values said.
    knowledge: Mapped[str] = mapped_column(Text, default="[]")
    submitted_at: Mapped[dt.datetime | None]
    #: who submitted the new address: like everyone who worked the case, not its judge
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))

    attempts: Mapped[list[FactorAttempt]] = relationship(
        back_populates="case", order_by="FactorAttempt.at"
    )
    letter_codes: Mapped[list[LetterCode]] = relationship(
        back_populates="case", order_by="LetterCode.sent_at"
    )
    sms_codes: Mapped[list[SmsCode]] = relationship(
        back_populates="case", order_by="SmsCode.sent_at"
    )
    email_links: Mapped[list[EmailLink]] = relationship(
        back_populates="case", order_by="EmailLink.sent_at"
    )


class FactorAttempt(Base):
    """One factor tried: pass/fail only, never the value (ID-7); append-only.

    ID-3 "5 wrong P per 24 h" counts rows by ``(customer_id, factor, at)``.
    """

    __tablename__ = "factor_attempts"
    __table_args__ = (
        Index("ix_factor_attempts_customer_factor_at", "customer_id", "factor", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("identity_cases.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    factor: Mapped[Factor] = mapped_column(str_enum(Factor, "factor", 2))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    success: Mapped[bool]
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), index=True)
    #: For D: the document type presented (e.g. ``id_card``, ``register_extract``).
    detail: Mapped[str | None] = mapped_column(String(100))

    case: Mapped[IdentityCase | None] = relationship(back_populates="attempts")


class LetterCode(Versioned, Base):
    """ID-1 factor L: single use, 21 days (DE) / 30 days (abroad); a new letter voids the
    old one; void after 5 wrong entries (ID-3)."""

    __tablename__ = "letter_codes"
    __table_args__ = (Index("ix_letter_codes_customer_sent", "customer_id", "sent_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("identity_cases.id"), index=True)
    #: A hash of the code; the plain code only ever goes into the outbox letter.
    code_hash: Mapped[str] = mapped_column(String(255))
    sent_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    valid_until: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None]
    voided_at: Mapped[dt.datetime | None]
    failures: Mapped[int] = mapped_column(default=0)

    case: Mapped[IdentityCase] = relationship(back_populates="letter_codes")

    def __repr__(self) -> str:
        return f"<LetterCode id={self.id} case_id={self.case_id}>"


class SmsCode(Versioned, Base):
    """ID-1 factor M: valid 10 minutes, single use, void after 5 wrong entries."""

    __tablename__ = "sms_codes"
    __table_args__ = (Index("ix_sms_codes_customer_sent", "customer_id", "sent_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("identity_cases.id"), index=True)
    #: The number the code went to (registered ≥ 30 days before the case).
    mobile_e164: Mapped[str] = mapped_column(String(16))
    code_hash: Mapped[str] = mapped_column(String(255))
    sent_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    valid_until: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None]
    voided_at: Mapped[dt.datetime | None]
    failures: Mapped[int] = mapped_column(default=0)

    case: Mapped[IdentityCase] = relationship(back_populates="sms_codes")

    def __repr__(self) -> str:
        return f"<SmsCode id={self.id} case_id={self.case_id}>"


class LinkPurpose(enum.StrEnum):
    #: factor E: a link to the CURRENT registered address (the customer has the mailbox)
    FACTOR_E = "factor_e"
    #: ID-6: the approved new address confirms itself before a password reset is offered
    NEW_EMAIL = "new_email"


class EmailLink(Versioned, Base):
    """A confirmation link (24 h). The token is ``<id>.<secret>``: the id finds the row,
    the secret is checked against the Argon2id hash; only the hash is stored."""

    __tablename__ = "email_links"
    __table_args__ = (Index("ix_email_links_customer_sent", "customer_id", "sent_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("identity_cases.id"), index=True)
    purpose: Mapped[LinkPurpose] = mapped_column(str_enum(LinkPurpose, "link_purpose", 16))
    #: the address the link went to
    address: Mapped[str] = mapped_column(String(254))
    token_hash: Mapped[str] = mapped_column(String(255))
    sent_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    valid_until: Mapped[dt.datetime]
    confirmed_at: Mapped[dt.datetime | None]
    voided_at: Mapped[dt.datetime | None]

    case: Mapped[IdentityCase] = relationship(back_populates="email_links")

    def __repr__(self) -> str:
        return f"<EmailLink id={self.id} case_id={self.case_id} purpose={self.purpose}>"
