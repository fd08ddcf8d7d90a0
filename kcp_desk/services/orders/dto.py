"""What the order service hands to views: frozen dataclasses, no ORM rows, no secrets.

The credentials appear by NAME only (``OrderDetail.credential_names``); their values
never leave the vault services.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from kcp_desk.errors import QT_TRANSLATE_NOOP, InvalidInput
from kcp_desk.models.orders import OrderState

__all__ = [
    "GATE_REASONS",
    "ConsentView",
    "CostView",
    "CredentialAccess",
    "GateClosed",
    "GateCondition",
    "OrderDetail",
    "TimeEntryView",
    "TimeTotals",
]


class CredentialAccess(enum.StrEnum):
    """What the acting agent can do with the order's credentials."""

    #: a data-key wrap to this agent exists at the order's data-key version
    YOURS = "yours"
    #: the agent is the assignee, but no wrap for them yet: a lead's desk grants it
    WAITING = "waiting"
    #: someone else has the order, or nobody: only the assigned handler opens them
    NOT_YOURS = "not_yours"
    #: the order has no credentials (never had, or erased when it ended, SO-5)
    NONE = "none"


#: SO-4: why a start-gate condition is not met, by the gate's reason key; the same words
#: in the order view's gate and in the refusal of "in progress" ("KcpError" context)
GATE_REASONS: Final[Mapping[str, str]] = {
    "consents_missing": QT_TRANSLATE_NOOP(
        "KcpError", "Not every consent was given: {missing} of {required} are missing."
    ),
    "consents_outdated": QT_TRANSLATE_NOOP(
        "KcpError",
        "A consent was given in a wording that no longer counts; the customer must "
        "confirm the current wording.",
    ),
    "no_backup": QT_TRANSLATE_NOOP("KcpError", "No current backup is assured."),
    "cost_not_acknowledged": QT_TRANSLATE_NOOP(
        "KcpError", "The customer has not acknowledged the cost."
    ),
    "estimate_missing": QT_TRANSLATE_NOOP(
        "KcpError", "No estimate was acknowledged for billing by time."
    ),
    "over_estimate": QT_TRANSLATE_NOOP(
        "KcpError",
        "The expected time ({expected_minutes} min) exceeds the acknowledged estimate "
        "({estimate_minutes} min).",
    ),
    "sub_account_inactive": QT_TRANSLATE_NOOP(
        "KcpError", "The sub-account that placed the order is disabled."
    ),
    "sub_account_without_order_right": QT_TRANSLATE_NOOP(
        "KcpError", "The sub-account that placed the order may not place orders."
    ),
    "arrears": QT_TRANSLATE_NOOP(
        "KcpError",
        "The customer is in arrears: an unpaid invoice has reached a dunning level that "
        "blocks new work.",
    ),
}


class GateClosed(InvalidInput):
    """ "In progress" was refused: the start gate is closed. The message is the reason of
    the first unmet condition (:data:`GATE_REASONS`); ``condition`` is its key."""

    field = "state"

    def __init__(self, condition: GateCondition) -> None:
        params: dict[str, Any] = dict(condition.params)
        super().__init__(GATE_REASONS.get(condition.reason or "", _GATE_CLOSED), **params)
        self.condition = condition.key


_GATE_CLOSED: Final = QT_TRANSLATE_NOOP("KcpError", "The start gate of this order is closed.")


@dataclass(frozen=True)
class GateCondition:
    """One SO-4 condition; ``reason`` (a :data:`GATE_REASONS` key) and ``params`` say why
    it is not met (None / empty when met). Params are plain ints and strings."""

    key: str  # a GateKey value: consents | backup | cost | submitter | arrears
    met: bool
    reason: str | None
    params: Mapping[str, str | int]


@dataclass(frozen=True)
class ConsentView:
    kind: str  # a ConsentKind value
    given: bool
    wording_version: str | None
    given_at: dt.datetime | None
    #: the sub-account's login, or the customer's name for the main account
    given_by: str | None


@dataclass(frozen=True)
class CostView:
    """The cost acknowledgement (SO-1)."""

    model: str  # "hourly" | "fixed"
    package: str  # the server's SmPackage value
    rate_per_15min: Decimal | None
    fixed_price: Decimal | None
    catalogue_task: str | None
    estimate_minutes: int | None
    acknowledged_at: dt.datetime | None


@dataclass(frozen=True)
class TimeEntryView:
    entry_id: int
    agent_id: int
    agent_name: str
    started_at: dt.datetime
    ended_at: dt.datetime | None  # None while the clock runs
    billable: bool
    note: str
    version: int

    @property
    def running(self) -> bool:
        return self.ended_at is None


@dataclass(frozen=True)
class TimeTotals:
    """The order's time as of the detail's transaction (running clocks counted to now)."""

    billable_minutes: int
    included_minutes: int
    #: billable time in started quarter hours × 15 (what an invoice would bill)
    billed_minutes: int
    estimate_minutes: int | None
    #: billed minutes beyond the estimate, 0 when within (or without estimate)
    over_estimate_minutes: int
    #: the net price so far (``price_order``): rate × quarter hours, or the fixed price
    net_so_far: Decimal


@dataclass(frozen=True)
class OrderDetail:
    """A support order as the order view shows it, as of one transaction.

    ``version`` goes back into the next change (optimistic locking). ``allowed_states``
    and ``may_work`` are for the acting agent as of now; the service checks again.
    """

    order_id: int
    ref: str  # SA-00047118
    ticket_id: int
    ticket_ref: str  # #KCP-00012340
    customer_id: int
    customer_number: str  # K12345671
    customer_name: str
    product_id: int
    product_name: str
    hostname: str | None
    category: str
    description: str
    state: str  # an OrderState value
    assignee_id: int | None
    assignee_name: str | None
    #: the sub-account's login, or None for the customer's main account
    submitted_by: str | None
    created_at: dt.datetime
    consents: tuple[ConsentView, ...]
    cost: CostView
    gate: tuple[GateCondition, ...]
    time_entries: tuple[TimeEntryView, ...]
    totals: TimeTotals
    credential_names: tuple[str, ...]
    credential_access: CredentialAccess
    #: the handler has no wrap of the current data key yet: a lead hands it over
    handler_waiting: bool
    invoice_id: int | None
    invoice_number: str | None
    #: the states this agent may set now (buttons), without "billed"
    allowed_states: tuple[str, ...]
    #: the assignee or a lead: may change the state and book time
    may_work: bool
    version: int

    @property
    def gate_open(self) -> bool:
        return all(c.met for c in self.gate)

    @property
    def first_unmet(self) -> GateCondition | None:
        return next((c for c in self.gate if not c.met), None)

    @property
    def billed(self) -> bool:
        return self.state == OrderState.BILLED

    @property
    def billed_without_invoice(self) -> bool:
        """Billed, but nothing was billable (all time included in the package)."""
        return self.billed and self.invoice_id is None

    @property
    def running_entry(self) -> TimeEntryView | None:
        return next((e for e in self.time_entries if e.running), None)

    @property
    def time_open(self) -> bool:
        """Time may be booked: in progress (the clock too), or done (late entries)."""
        return self.state in (OrderState.IN_PROGRESS, OrderState.DONE)
