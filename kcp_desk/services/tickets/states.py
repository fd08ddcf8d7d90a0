"""T-2: which state changes an agent may make (new → open → pending customer → closed).

A table, not code paths: the ticket view offers exactly the targets listed here, and the
service refuses everything else. Closed has no way out for an agent: only a customer
message (portal intake, :func:`~kcp_desk.services.tickets.assignment.reopen_by_customer`)
reopens a ticket. The table lives in the service package because the domain layer sits
below the models and cannot name :class:`TicketState`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from kcp_desk.models.tickets import TicketState

__all__ = ["TRANSITIONS", "allowed_targets", "may_change"]

_S = TicketState

#: state → the states an agent (the assignee) or a lead may set from there
TRANSITIONS: Final[Mapping[TicketState, frozenset[TicketState]]] = MappingProxyType(
    {
        _S.NEW: frozenset({_S.OPEN, _S.PENDING_CUSTOMER, _S.CLOSED}),
        _S.OPEN: frozenset({_S.PENDING_CUSTOMER, _S.CLOSED}),
        # the customer answered by phone, or the agent stops waiting
        _S.PENDING_CUSTOMER: frozenset({_S.OPEN, _S.CLOSED}),
        # archive, read only: a customer message reopens it (intake), nothing else
        _S.CLOSED: frozenset(),
    }
)


def allowed_targets(state: TicketState) -> frozenset[TicketState]:
    return TRANSITIONS[state]


def may_change(old: TicketState, new: TicketState) -> bool:
    return new in TRANSITIONS[old]
