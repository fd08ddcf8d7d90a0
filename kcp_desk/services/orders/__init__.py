"""Support orders (SPEC C5): the order's detail, its states (SO-3) behind the start gate
(SO-4), its time entries, billing (SO-3 "billed") and the erasure of its credentials
when it ends (SO-5)."""

from kcp_desk.services.orders.dto import (
    GATE_REASONS,
    ConsentView,
    CostView,
    CredentialAccess,
    GateClosed,
    GateCondition,
    OrderDetail,
    TimeEntryView,
    TimeTotals,
)
from kcp_desk.services.orders.service import NOTE_MAX, OrderService
from kcp_desk.services.orders.states import TRANSITIONS, allowed_targets, may_change

__all__ = [
    "GATE_REASONS",
    "NOTE_MAX",
    "TRANSITIONS",
    "ConsentView",
    "CostView",
    "CredentialAccess",
    "GateClosed",
    "GateCondition",
    "OrderDetail",
    "OrderService",
    "TimeEntryView",
    "TimeTotals",
    "allowed_targets",
    "may_change",
]
