"""Support orders, the customer's consents and time entries (C5).

The order's encrypted credentials and their DEK wraps live in the vault tables (C6);
``SupportOrder.dek_version`` is the version they are bound to.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kcp_desk.models.base import Base, Versioned, str_enum, utcnow

if TYPE_CHECKING:
    from kcp_desk.models.customers import Customer
    from kcp_desk.models.products import Product
    from kcp_desk.models.tickets import Ticket


class OrderState(enum.StrEnum):
    """SO-3: received → in review → query / cost approval → approved → in progress → done
    → billed; side exits rejected and cancelled."""

    RECEIVED = "received"
    IN_REVIEW = "in_review"
    QUERY = "query"
    COST_APPROVAL = "cost_approval"
    APPROVED = "approved"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    BILLED = "billed"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


#: states in which an order is still being worked: it has a handler, its credentials
#: live, it goes back to the queue when its handler leaves (V-7)
OPEN_ORDER_STATES: frozenset[OrderState] = frozenset(OrderState) - {
    OrderState.DONE,
    OrderState.BILLED,
    OrderState.REJECTED,
    OrderState.CANCELLED,
}


class CostModel(enum.StrEnum):
    HOURLY = "hourly"  # price per started 15 minutes
    FIXED = "fixed"  # fixed price of a catalogue task


class ConsentKind(enum.StrEnum):
    """SO-1: the consents the customer gives with an order (all needed by SO-4)."""

    STANDARD_CONFIG = "standard_config"
    THIRD_PARTY_CREDENTIALS = "third_party_credentials"
    SOFTWARE_UPDATES = "software_updates"
    SERVER_ACCESS = "server_access"
    BACKUP_EXISTS = "backup_exists"


class SupportOrder(Versioned, Base):
    __tablename__ = "support_orders"
    __table_args__ = (
        Index("ix_support_orders_assignee_state_created", "assignee_id", "state", "created_at"),
        Index("ix_support_orders_state_created", "state", "created_at"),
        Index("ix_support_orders_customer_created", "customer_id", "created_at"),
        CheckConstraint(
            "(cost_model = 'hourly' AND price_per_15min IS NOT NULL)"
            " OR (cost_model = 'fixed' AND fixed_price IS NOT NULL)",
            name="price_for_cost_model",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The 7-digit body of ``SA-`` + 7 digits + Damm check digit (SO-2).
    number: Mapped[int] = mapped_column(Integer, unique=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    category: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text)
    state: Mapped[OrderState] = mapped_column(
        str_enum(OrderState, "order_state", 20), default=OrderState.RECEIVED
    )
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    #: NULL = submitted by the customer's main account (SO-4 checks the sub-account's right).
    submitted_by_sub_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("sub_accounts.id"), index=True
    )
    cost_model: Mapped[CostModel] = mapped_column(str_enum(CostModel, "cost_model", 16))
    price_per_15min: Mapped[Decimal | None]
    fixed_price: Mapped[Decimal | None]
    catalogue_task: Mapped[str | None] = mapped_column(String(100))
    estimate_minutes: Mapped[int | None]
    cost_acknowledged_at: Mapped[dt.datetime | None]
    #: the invoice its billable time went on (SO-3 "billed"); NULL before, or when all
    #: of it was included in the package
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"))
    #: V-2/V-4: bumped on every DEK rotation; credential fields bind it as associated data.
    dek_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    ticket: Mapped[Ticket] = relationship(back_populates="support_orders")
    customer: Mapped[Customer] = relationship(back_populates="support_orders")
    product: Mapped[Product] = relationship(back_populates="support_orders")
    consents: Mapped[list[OrderConsent]] = relationship(
        back_populates="order", order_by="OrderConsent.kind"
    )
    time_entries: Mapped[list[TimeEntry]] = relationship(
        back_populates="order", order_by="TimeEntry.started_at"
    )


class OrderConsent(Base):
    """One consent as given in the portal: which wording, when, by which (sub-)account."""

    __tablename__ = "order_consents"
    __table_args__ = (UniqueConstraint("order_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("support_orders.id"))
    kind: Mapped[ConsentKind] = mapped_column(str_enum(ConsentKind, "consent_kind"))
    wording_version: Mapped[str] = mapped_column(String(20))
    given_at: Mapped[dt.datetime]
    #: NULL = given by the main account.
    sub_account_id: Mapped[int | None] = mapped_column(ForeignKey("sub_accounts.id"))

    order: Mapped[SupportOrder] = relationship(back_populates="consents")


class TimeEntry(Versioned, Base):
    """SO-3: work on an order; ``ended_at`` NULL while the clock runs."""

    __tablename__ = "time_entries"
    __table_args__ = (
        CheckConstraint("ended_at IS NULL OR ended_at >= started_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("support_orders.id"), index=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), index=True)
    started_at: Mapped[dt.datetime]
    ended_at: Mapped[dt.datetime | None]
    #: False = included in the customer's package.
    billable: Mapped[bool] = mapped_column(default=True)
    note: Mapped[str] = mapped_column(Text, default="")

    order: Mapped[SupportOrder] = relationship(back_populates="time_entries")
