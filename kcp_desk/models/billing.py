"""Invoices, payments, SEPA mandates, returned debits and dunning (C3)."""

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
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kcp_desk.domain.billing_rules import DunningStage
from kcp_desk.models.base import Base, Versioned, str_enum, utcnow
from kcp_desk.models.customers import PaymentMethod

if TYPE_CHECKING:
    from kcp_desk.models.customers import Customer


class InvoiceState(enum.StrEnum):
    """PAY-1. ``cancelled`` only by a cancellation invoice (``cancels_invoice_id``)."""

    OPEN = "open"
    OVERDUE = "overdue"
    PARTLY_PAID = "partly_paid"
    PAID = "paid"
    CANCELLED = "cancelled"
    CREDITED = "credited"
    RETURNED_DEBIT = "returned_debit"


class MandateScheme(enum.StrEnum):
    CORE = "CORE"
    B2B = "B2B"


class MandateStatus(enum.StrEnum):
    ACTIVE = "active"
    REVOKED = "revoked"
    EXPIRED = "expired"


# One enum for the rules and the table: the ladder lives in the domain layer.
DunningLevel = DunningStage


class Invoice(Versioned, Base):
    """An issued invoice. Amounts are never edited (§ 14 UStG, GoBD): a correction is a
    cancellation invoice pointing at the original. Only the state and ``paid_amount``
    change, hence the version column."""

    __tablename__ = "invoices"
    __table_args__ = (
        UniqueConstraint("year", "seq"),
        Index("ix_invoices_customer_issued", "customer_id", "issued_on"),
        Index("ix_invoices_state_due", "state", "due_on"),
        # PAY-5: the at-a-glance aggregates read only a customer's unpaid invoices (0003)
        Index("ix_invoices_customer_state_due", "customer_id", "state", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: ``RE-YYYY-NNNNNN``, drawn gap-free from ``invoice_counters``.
    number: Mapped[str] = mapped_column(String(14), unique=True)
    year: Mapped[int]
    seq: Mapped[int]
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    issued_on: Mapped[dt.date] = mapped_column(Date)
    due_on: Mapped[dt.date] = mapped_column(Date)
    state: Mapped[InvoiceState] = mapped_column(
        str_enum(InvoiceState, "invoice_state", 20), default=InvoiceState.OPEN
    )
    net: Mapped[Decimal]
    vat: Mapped[Decimal]
    gross: Mapped[Decimal]
    paid_amount: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    payment_method: Mapped[PaymentMethod] = mapped_column(str_enum(PaymentMethod, "payment_method"))
    mandate_id: Mapped[int | None] = mapped_column(ForeignKey("sepa_mandates.id"), index=True)
    #: Set on a cancellation invoice: the invoice it cancels.
    cancels_invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"), index=True)
    #: Set on a cancellation invoice: why it was issued (GoBD: corrections state a reason).
    cancellation_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    customer: Mapped[Customer] = relationship(back_populates="invoices")
    positions: Mapped[list[InvoicePosition]] = relationship(
        back_populates="invoice", order_by="InvoicePosition.pos", cascade="all, delete-orphan"
    )
    payments: Mapped[list[Payment]] = relationship(back_populates="invoice")
    dunning_steps: Mapped[list[DunningStep]] = relationship(
        back_populates="invoice", order_by="DunningStep.issued_on"
    )
    returned_debits: Mapped[list[ReturnedDebit]] = relationship(back_populates="invoice")
    mandate: Mapped[SepaMandate | None] = relationship(back_populates="invoices")
    cancels: Mapped[Invoice | None] = relationship(
        back_populates="cancelled_by", remote_side="Invoice.id"
    )
    cancelled_by: Mapped[list[Invoice]] = relationship(back_populates="cancels")


class InvoiceCounter(Base):
    """Gap-free invoice numbers: increment ``last_seq`` in the invoice's own transaction
    (``UPDATE … SET last_seq = last_seq + 1 … RETURNING``), so a rollback frees nothing."""

    __tablename__ = "invoice_counters"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(default=0)


class InvoicePosition(Base):
    __tablename__ = "invoice_positions"
    __table_args__ = (UniqueConstraint("invoice_id", "pos"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"))
    pos: Mapped[int]
    description: Mapped[str] = mapped_column(String(500))
    quantity: Mapped[Decimal] = mapped_column(Numeric(12, 3))
    unit_price: Mapped[Decimal]
    #: Percent, e.g. ``Decimal("19.00")``.
    vat_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    net: Mapped[Decimal]

    invoice: Mapped[Invoice] = relationship(back_populates="positions")


class Payment(Base):
    """A received payment; ``invoice_id`` NULL = not (yet) allocated (credit balance)."""

    __tablename__ = "payments"
    __table_args__ = (Index("ix_payments_customer_received", "customer_id", "received_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    received_on: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[Decimal]
    method: Mapped[PaymentMethod] = mapped_column(str_enum(PaymentMethod, "payment_method"))
    #: Remittance information / transaction reference (SEPA: up to 140 characters).
    reference: Mapped[str] = mapped_column(String(140), default="")

    invoice: Mapped[Invoice | None] = relationship(back_populates="payments")


class SepaMandate(Versioned, Base):
    """PAY-3. Expiry is derived: last collection + 36 months (domain rule)."""

    __tablename__ = "sepa_mandates"
    __table_args__ = (UniqueConstraint("customer_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: e.g. ``K12345671-M01`` (≤ 35 characters, SEPA character set).
    reference: Mapped[str] = mapped_column(String(35), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    #: The ``NN`` of ``-MNN``.
    seq: Mapped[int]
    creditor_id: Mapped[str] = mapped_column(String(35))
    account_holder: Mapped[str] = mapped_column(String(70))
    #: The full IBAN for the collection file; views only ever get the last 4 digits (ID-5).
    iban: Mapped[str] = mapped_column(String(34))
    bic: Mapped[str | None] = mapped_column(String(11))
    signed_on: Mapped[dt.date] = mapped_column(Date)
    signed_place: Mapped[str] = mapped_column(String(100))
    recurring: Mapped[bool] = mapped_column(default=True)
    scheme: Mapped[MandateScheme] = mapped_column(
        str_enum(MandateScheme, "mandate_scheme", 8), default=MandateScheme.CORE
    )
    status: Mapped[MandateStatus] = mapped_column(
        str_enum(MandateStatus, "mandate_status", 16), default=MandateStatus.ACTIVE
    )
    first_collection_on: Mapped[dt.date | None] = mapped_column(Date)
    last_collection_on: Mapped[dt.date | None] = mapped_column(Date)
    #: PAY-4: set by an MD06/MS02 return; ``debits_blocked`` stops further collections.
    objection_flag: Mapped[bool] = mapped_column(default=False)
    debits_blocked: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    customer: Mapped[Customer] = relationship(back_populates="sepa_mandates")
    invoices: Mapped[list[Invoice]] = relationship(back_populates="mandate")

    def __repr__(self) -> str:
        # Never the IBAN or the account holder.
        return f"<SepaMandate id={self.id} reference={self.reference!r}>"


class ReturnedDebit(Base):
    """PAY-4: a direct debit came back; the invoice goes back to open."""

    __tablename__ = "returned_debits"
    __table_args__ = (Index("ix_returned_debits_customer_returned", "customer_id", "returned_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    mandate_id: Mapped[int] = mapped_column(ForeignKey("sepa_mandates.id"), index=True)
    returned_on: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[Decimal]
    #: ISO 20022 return reason (AC04, AM04, MS03, MD01, MD06, MS02, MD07, …); a string,
    #: not an enum, because banks send codes we do not special-case.
    reason_code: Mapped[str] = mapped_column(String(4))
    reason_text: Mapped[str] = mapped_column(String(200), default="")
    fee: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))

    invoice: Mapped[Invoice] = relationship(back_populates="returned_debits")


class DunningStep(Base):
    """PAY-2: one rung of the ladder reached for an invoice; append-only."""

    __tablename__ = "dunning_steps"
    __table_args__ = (
        UniqueConstraint("invoice_id", "level"),
        Index("ix_dunning_steps_customer_issued", "customer_id", "issued_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    level: Mapped[DunningLevel] = mapped_column(str_enum(DunningLevel, "dunning_level", 20))
    issued_on: Mapped[dt.date] = mapped_column(Date)
    fee: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    #: Pay-by date of this step; NULL where none applies (blocked, debt collection).
    deadline: Mapped[dt.date | None] = mapped_column(Date)

    invoice: Mapped[Invoice] = relationship(back_populates="dunning_steps")


class PaymentMethodChange(Base):
    """PAY-6: change of payment method or bank data; append-only."""

    __tablename__ = "payment_method_changes"
    __table_args__ = (
        Index("ix_payment_method_changes_customer_at", "customer_id", "at"),
        CheckConstraint("reason <> ''", name="reason_given"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    #: NULL when the customer had no method before.
    old_method: Mapped[PaymentMethod | None] = mapped_column(
        str_enum(PaymentMethod, "old_payment_method")
    )
    new_method: Mapped[PaymentMethod] = mapped_column(str_enum(PaymentMethod, "new_payment_method"))
    reason: Mapped[str] = mapped_column(Text)
    #: Already masked by the service, e.g. ``IBAN ending 1234, mandate K12345671-M02``.
    detail: Mapped[str | None] = mapped_column(String(200))
