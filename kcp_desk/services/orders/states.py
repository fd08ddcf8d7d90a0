"""SO-3: which state changes a support order may make.

received → in review → query / cost approval → approved → in progress → done → billed,
with the side exits rejected and cancelled from every open state. A table, not code
paths: the order view offers exactly the targets listed here (minus "billed", which only
:meth:`~kcp_desk.services.orders.OrderService.bill` sets), and the service refuses
everything else. Done, billed, rejected and cancelled have no way back.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from kcp_desk.models.orders import OrderState

__all__ = [
    "CLOSED_STATES",
    "ERASING_STATES",
    "SERVICE_ONLY",
    "TRANSITIONS",
    "allowed_targets",
    "may_change",
    "ordered",
]

_S = OrderState
_EXITS: Final = frozenset({_S.REJECTED, _S.CANCELLED})

#: state → the states the assignee or a lead may set from there
TRANSITIONS: Final[Mapping[OrderState, frozenset[OrderState]]] = MappingProxyType(
    {
        _S.RECEIVED: frozenset({_S.IN_REVIEW}) | _EXITS,
        _S.IN_REVIEW: frozenset({_S.QUERY, _S.COST_APPROVAL, _S.APPROVED}) | _EXITS,
        # the customer answered the query: review again
        _S.QUERY: frozenset({_S.IN_REVIEW}) | _EXITS,
        # the customer approved the (new) cost, or the review starts over
        _S.COST_APPROVAL: frozenset({_S.APPROVED, _S.IN_REVIEW}) | _EXITS,
        # a question before the work starts, or the cost must be approved again
        _S.APPROVED: frozenset({_S.IN_PROGRESS, _S.QUERY, _S.COST_APPROVAL}) | _EXITS,
        _S.IN_PROGRESS: frozenset({_S.DONE}) | _EXITS,
        _S.DONE: frozenset({_S.BILLED}),
        _S.BILLED: frozenset(),
        _S.REJECTED: frozenset(),
        _S.CANCELLED: frozenset(),
    }
)

#: set only by the service's own action (billing), never by a state button
SERVICE_ONLY: Final = frozenset({_S.BILLED})
#: SO-5: entering one of these deletes the order's credentials and wraps
ERASING_STATES: Final = frozenset({_S.DONE, _S.REJECTED, _S.CANCELLED})
#: the order has ended: no state change, no credentials
CLOSED_STATES: Final = frozenset({_S.DONE, _S.BILLED, _S.REJECTED, _S.CANCELLED})


def allowed_targets(state: OrderState) -> frozenset[OrderState]:
    return TRANSITIONS[state]


def may_change(old: OrderState, new: OrderState) -> bool:
    return new in TRANSITIONS[old]


def ordered(states: frozenset[OrderState]) -> tuple[str, ...]:
    """In the SO-3 order (received → … → billed, rejected, cancelled)."""
    return tuple(state.value for state in OrderState if state in states)
