"""Customers, their addresses and sub-accounts, contact-data history and caller checks (C1)."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kcp_desk.models.base import Base, Versioned, str_enum, utcnow

if TYPE_CHECKING:
    from kcp_desk.models.billing import Invoice, SepaMandate
    from kcp_desk.models.orders import SupportOrder
    from kcp_desk.models.products import Product
    from kcp_desk.models.tickets import Ticket


class CustomerKind(enum.StrEnum):
    PERSON = "person"
    COMPANY = "company"


class PaymentMethod(enum.StrEnum):
    """PAY-3. Lives here because it is also the customer's preferred method."""

    SEPA_DIRECT_DEBIT = "sepa_direct_debit"
    BANK_TRANSFER = "bank_transfer"
    CREDIT_CARD = "credit_card"
    PAYPAL = "paypal"


class AddressKind(enum.StrEnum):
    BILLING = "billing"
    CONTRACT = "contract"


class VerificationMethod(enum.StrEnum):
    """How a caller was verified on the phone (C1.5)."""

    PHONE_PASSWORD = "phone_password"
    LETTER_CODE = "letter_code"
    SMS_CODE = "sms_code"
    ID_DOCUMENT = "id_document"


class RequestState(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Customer(Versioned, Base):
    __tablename__ = "customers"
    __table_args__ = (
        # C1.1 e-mail prefix search: byte-wise order on PostgreSQL, whatever the collation
        # (migration 0002). The trigram index over search_folded lives in 0002 only.
        Index("ix_customers_email", "email", postgresql_ops={"email": "text_pattern_ops"}),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The 7-digit body of ``K`` + 7 digits + Damm check digit (formatted in domain/).
    number: Mapped[int] = mapped_column(Integer, unique=True)
    kind: Mapped[CustomerKind] = mapped_column(str_enum(CustomerKind, "customer_kind", 16))
    salutation: Mapped[str] = mapped_column(String(30), default="")
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    company: Mapped[str | None] = mapped_column(String(200))
    legal_form: Mapped[str | None] = mapped_column(String(50))
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date)
    email: Mapped[str] = mapped_column(String(254))
    email_verified: Mapped[bool] = mapped_column(default=False)
    #: As entered by the customer or agent; ``phone_e164`` is the normalised form searched.
    phone: Mapped[str] = mapped_column(String(50), default="")
    phone_e164: Mapped[str | None] = mapped_column(String(16), index=True)
    #: ID-1 factor M: the mobile number must be registered 30 days before the case.
    mobile_e164: Mapped[str | None] = mapped_column(String(16), index=True)
    mobile_registered_at: Mapped[dt.datetime | None]
    customer_since: Mapped[dt.date] = mapped_column(Date)
    blocked: Mapped[bool] = mapped_column(default=False)
    credit_balance: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    #: C1.5 / ID-1 factor P: Argon2id PHC string. Never shown, never in repr or logs.
    phone_password_hash: Mapped[str | None] = mapped_column(String(255))
    phone_password_set_at: Mapped[dt.datetime | None]
    #: ID-3: set when P is locked (3 wrong per case / 5 per 24 h, counted from
    #: ``factor_attempts``); locks the factor, not the account.
    p_factor_locked_until: Mapped[dt.datetime | None]
    preferred_payment_method: Mapped[PaymentMethod] = mapped_column(
        str_enum(PaymentMethod, "preferred_payment_method"),
        default=PaymentMethod.BANK_TRANSFER,
    )
    #: C1.1: casefolded, umlaut-folded name/company/e-mail/city, kept up to date by the
    #: services for the search index ("" rather than NULL so concatenation stays safe).
    search_folded: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    addresses: Mapped[list[PostalAddress]] = relationship(
        back_populates="customer", order_by="PostalAddress.valid_from"
    )
    sub_accounts: Mapped[list[SubAccount]] = relationship(
        back_populates="customer", order_by="SubAccount.login"
    )
    products: Mapped[list[Product]] = relationship(back_populates="customer")
    invoices: Mapped[list[Invoice]] = relationship(back_populates="customer")
    sepa_mandates: Mapped[list[SepaMandate]] = relationship(
        back_populates="customer", order_by="SepaMandate.seq"
    )
    tickets: Mapped[list[Ticket]] = relationship(back_populates="customer")
    support_orders: Mapped[list[SupportOrder]] = relationship(back_populates="customer")

    def __repr__(self) -> str:
        # Only identifiers: personal data and the phone password hash stay out of logs.
        return f"<Customer id={self.id} number={self.number}>"


class PostalAddress(Versioned, Base):
    """A customer's address of one kind from ``valid_from`` on; the newest one applies."""

    __tablename__ = "postal_addresses"
    __table_args__ = (UniqueConstraint("customer_id", "kind", "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    kind: Mapped[AddressKind] = mapped_column(str_enum(AddressKind, "address_kind", 16))
    street: Mapped[str] = mapped_column(String(100))
    house_number: Mapped[str] = mapped_column(String(20), default="")
    postcode: Mapped[str] = mapped_column(String(10), index=True)
    city: Mapped[str] = mapped_column(String(100))
    #: ISO 3166-1 alpha-2; letter codes are valid 21 days in DE, 30 days abroad (ID-1).
    country: Mapped[str] = mapped_column(String(2), default="DE")
    valid_from: Mapped[dt.date] = mapped_column(Date)

    customer: Mapped[Customer] = relationship(back_populates="addresses")


class SubAccount(Versioned, Base):
    """An additional portal login of a customer with its own rights (C1.3, SO-4)."""

    __tablename__ = "sub_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    may_view_invoices: Mapped[bool] = mapped_column(default=False)
    may_open_tickets: Mapped[bool] = mapped_column(default=False)
    may_place_orders: Mapped[bool] = mapped_column(default=False)
    may_manage_contacts: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    customer: Mapped[Customer] = relationship(back_populates="sub_accounts")


class ContactChange(Base):
    """C1.4 history: one row per changed field; append-only."""

    __tablename__ = "contact_changes"
    __table_args__ = (Index("ix_contact_changes_customer_changed", "customer_id", "changed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    #: Attribute name, e.g. ``email``, ``phone``, ``address.billing``.
    field: Mapped[str] = mapped_column(String(50))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), index=True)
    changed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    reason: Mapped[str | None] = mapped_column(Text)


class CallerVerification(Base):
    """C1.5: whether, when and how a caller was verified; append-only, never the input."""

    __tablename__ = "caller_verifications"
    __table_args__ = (Index("ix_caller_verifications_customer_at", "customer_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    method: Mapped[VerificationMethod] = mapped_column(
        str_enum(VerificationMethod, "verification_method")
    )
    result: Mapped[bool]
    case_id: Mapped[int | None] = mapped_column(ForeignKey("identity_cases.id"), index=True)


class NameChangeRequest(Versioned, Base):
    """C1.4 / ID-4: name and company change only through a ticket and a lead's approval."""

    __tablename__ = "name_change_requests"
    __table_args__ = (
        CheckConstraint(
            "decided_by_id IS NULL OR decided_by_id <> requested_by_id", name="four_eyes"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    new_first_name: Mapped[str] = mapped_column(String(100), default="")
    new_last_name: Mapped[str] = mapped_column(String(100), default="")
    new_company: Mapped[str | None] = mapped_column(String(200))
    new_legal_form: Mapped[str | None] = mapped_column(String(50))
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    requested_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    state: Mapped[RequestState] = mapped_column(
        str_enum(RequestState, "request_state", 16), default=RequestState.PENDING, index=True
    )
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    decided_at: Mapped[dt.datetime | None]
    #: Why the change is requested (e.g. marriage, renamed company).
    reason: Mapped[str | None] = mapped_column(Text)
    #: The lead's reason for approving or rejecting (required by the service).
    decision_reason: Mapped[str | None] = mapped_column(Text)
