"""Tickets and their messages (C4)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kcp_desk.models.base import Base, Versioned, str_enum, utcnow

if TYPE_CHECKING:
    from kcp_desk.models.customers import Customer
    from kcp_desk.models.orders import SupportOrder


class TicketState(enum.StrEnum):
    """T-2: new → open → pending customer → closed (a customer reply reopens)."""

    NEW = "new"
    OPEN = "open"
    PENDING_CUSTOMER = "pending_customer"
    CLOSED = "closed"


class TicketPriority(enum.StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class MessageKind(enum.StrEnum):
    CUSTOMER = "customer"
    REPLY = "reply"
    INTERNAL_NOTE = "internal_note"


_OPEN = "state <> 'closed'"


class Ticket(Versioned, Base):
    __tablename__ = "tickets"
    __table_args__ = (
        # T-3 queues: My tickets / Team, Unassigned (assignee_id IS NULL) and Archive,
        # and the customer view's Tickets tab; all sorted by age in the database.
        Index("ix_tickets_assignee_state_created", "assignee_id", "state", "created_at"),
        Index("ix_tickets_state_created", "state", "created_at"),
        Index("ix_tickets_customer_created", "customer_id", "created_at"),
        # one partial index per open/closed queue, ending in the keyset's tie-break
        # (migration 0006; services/tickets/queues.py has the plans)
        *(
            Index(name, *columns, sqlite_where=text(where), postgresql_where=text(where))
            for name, columns, where in (
                ("ix_tickets_open_assignee_created", ("assignee_id", "created_at", "id"), _OPEN),
                ("ix_tickets_open_created", ("created_at", "id"), _OPEN),
                ("ix_tickets_closed_created", ("created_at", "id"), "state = 'closed'"),
                # sort orders of the big queues (migration 0009; the priority rank's
                # expression indexes are made there by hand)
                ("ix_tickets_closed_subject", ("subject", "id"), "state = 'closed'"),
                ("ix_tickets_open_subject", ("subject", "id"), _OPEN),
                ("ix_tickets_open_state", ("state", "id"), _OPEN),
                (
                    "ix_tickets_unassigned_created",
                    ("created_at", "id"),
                    f"assignee_id IS NULL AND {_OPEN}",
                ),
            )
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The 7-digit body of ``#KCP-`` + 7 digits + Damm check digit (T-1).
    number: Mapped[int] = mapped_column(Integer, unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    subject: Mapped[str] = mapped_column(String(300))
    state: Mapped[TicketState] = mapped_column(
        str_enum(TicketState, "ticket_state", 20), default=TicketState.NEW
    )
    priority: Mapped[TicketPriority] = mapped_column(
        str_enum(TicketPriority, "ticket_priority", 16), default=TicketPriority.NORMAL
    )
    #: T-4 claim: ``UPDATE … SET assignee_id = :me WHERE id = :id AND assignee_id IS NULL``
    #: (or the version column); never read-then-write.
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    #: T-6, from priority and the customer's SM package (``sla_policies``); NULL = no SLA.
    first_response_due: Mapped[dt.datetime | None]
    resolution_due: Mapped[dt.datetime | None]
    first_responded_at: Mapped[dt.datetime | None]
    closed_at: Mapped[dt.datetime | None]

    customer: Mapped[Customer] = relationship(back_populates="tickets")
    messages: Mapped[list[TicketMessage]] = relationship(
        back_populates="ticket", order_by="TicketMessage.created_at"
    )
    support_orders: Mapped[list[SupportOrder]] = relationship(back_populates="ticket")


class TicketMessage(Base):
    """A customer message, an agent's reply or an internal note (T-2); append-only."""

    __tablename__ = "ticket_messages"
    __table_args__ = (
        Index("ix_ticket_messages_ticket_created", "ticket_id", "created_at"),
        # Customer messages have no agent author; only customer messages name a sub-account.
        CheckConstraint(
            "(kind = 'customer' AND author_agent_id IS NULL)"
            " OR (kind <> 'customer' AND sub_account_id IS NULL)",
            name="author_matches_kind",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    kind: Mapped[MessageKind] = mapped_column(str_enum(MessageKind, "message_kind", 20))
    #: The agent who wrote a reply or note; NULL for customer messages (and system mail).
    author_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), index=True)
    #: For customer messages: the sub-account that wrote it; NULL = the main account.
    sub_account_id: Mapped[int | None] = mapped_column(ForeignKey("sub_accounts.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    ticket: Mapped[Ticket] = relationship(back_populates="messages")
