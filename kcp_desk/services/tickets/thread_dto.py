"""What the ticket-thread service hands to the ticket view: frozen dataclasses, no ORM rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kcp_desk.models.tickets import MessageKind, TicketState

__all__ = ["LinkedOrder", "ThreadMessage", "TicketDetail"]


@dataclass(frozen=True)
class ThreadMessage:
    """One message of the thread (T-2). ``kind`` tells the view how to show it: an
    internal note (``"internal_note"``) never reaches the customer and must not look
    like something they see."""

    message_id: int
    kind: str  # a MessageKind value: "customer" | "reply" | "internal_note"
    #: the agent's display name for replies and notes; for customer messages the
    #: customer's display name, or the login of the sub-account that wrote it
    author: str
    created_at: dt.datetime
    body: str

    @property
    def internal(self) -> bool:
        return self.kind == MessageKind.INTERNAL_NOTE

    @property
    def from_customer(self) -> bool:
        return self.kind == MessageKind.CUSTOMER


@dataclass(frozen=True)
class LinkedOrder:
    """A support order linked to the ticket (C5; the orders themselves come later)."""

    order_id: int
    ref: str  # SA-00047118
    state: str  # an OrderState value
    #: "category: description" on one line, shortened; "" when both are empty
    summary: str
    #: still worked (its credentials live and follow the ticket's assignment)
    open: bool = True


@dataclass(frozen=True)
class TicketDetail:
    """A ticket as the ticket view shows it, as of one transaction.

    ``version`` goes back into the next action (post, claim, state change); every post
    bumps it. ``allowed_states`` and ``may_reply`` are for the acting agent as of now:
    the service checks again on every action.
    """

    ticket_id: int
    ref: str  # #KCP-00012340
    subject: str
    customer_id: int
    customer_number: str  # K12345671
    customer_name: str
    state: str  # a TicketState value
    priority: str  # a TicketPriority value
    assignee_id: int | None
    assignee_name: str | None
    version: int
    created_at: dt.datetime
    first_response_due: dt.datetime | None
    resolution_due: dt.datetime | None
    first_responded_at: dt.datetime | None
    closed_at: dt.datetime | None
    #: the running clock's due time (``sla.current_due``); None when closed or no SLA
    sla_due: dt.datetime | None
    overdue: bool
    messages: tuple[ThreadMessage, ...]  # oldest first
    linked_orders: tuple[LinkedOrder, ...]
    #: the states this agent may move the ticket to now (``states.allowed_targets``);
    #: empty when closed or when the agent is neither the assignee nor a lead
    allowed_states: tuple[str, ...]
    #: the assignee or a lead, and not closed (internal notes: any agent, not closed)
    may_reply: bool

    @property
    def closed(self) -> bool:
        """Closed tickets are in the archive: read only (T-2)."""
        return self.state == TicketState.CLOSED

    @property
    def may_note(self) -> bool:
        """Any agent or lead may add an internal note to a ticket that is not closed."""
        return not self.closed
