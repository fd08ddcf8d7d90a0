"""Ticket services (SPEC C4): queues (T-3), assignment and state changes (T-2, T-4, T-5),
the ticket and its thread (T-2)."""

from kcp_desk.services.tickets.assignment import (
    TicketAssignment,
    refuse_if_closed,
    reopen_by_customer,
    ticket_closed,
)
from kcp_desk.services.tickets.dto import ClaimOutcome, ClaimResult, Colleague, TicketStatus
from kcp_desk.services.tickets.queue_dto import (
    AgentLoad,
    Cursor,
    Queue,
    QueueFilters,
    QueuePage,
    QueueRow,
    SortKey,
)
from kcp_desk.services.tickets.queues import TicketQueues, default_sort
from kcp_desk.services.tickets.states import TRANSITIONS, allowed_targets, may_change
from kcp_desk.services.tickets.thread import BODY_MAX, SecretLookingReply, TicketThread
from kcp_desk.services.tickets.thread_dto import LinkedOrder, ThreadMessage, TicketDetail

__all__ = [
    "BODY_MAX",
    "TRANSITIONS",
    "AgentLoad",
    "ClaimOutcome",
    "ClaimResult",
    "Colleague",
    "Cursor",
    "LinkedOrder",
    "Queue",
    "QueueFilters",
    "QueuePage",
    "QueueRow",
    "SecretLookingReply",
    "SortKey",
    "ThreadMessage",
    "TicketAssignment",
    "TicketDetail",
    "TicketQueues",
    "TicketStatus",
    "TicketThread",
    "allowed_targets",
    "default_sort",
    "may_change",
    "refuse_if_closed",
    "reopen_by_customer",
    "ticket_closed",
]
