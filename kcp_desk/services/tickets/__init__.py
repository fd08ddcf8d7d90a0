"""Ticket services (SPEC C4): assignment and state changes (T-2, T-4, T-5)."""

from kcp_desk.services.tickets.assignment import (
    TicketAssignment,
    refuse_if_closed,
    reopen_by_customer,
    ticket_closed,
)
from kcp_desk.services.tickets.dto import ClaimOutcome, ClaimResult, Colleague, TicketStatus
from kcp_desk.services.tickets.states import TRANSITIONS, allowed_targets, may_change

__all__ = [
    "TRANSITIONS",
    "ClaimOutcome",
    "ClaimResult",
    "Colleague",
    "TicketAssignment",
    "TicketStatus",
    "allowed_targets",
    "may_change",
    "refuse_if_closed",
    "reopen_by_customer",
    "ticket_closed",
]
