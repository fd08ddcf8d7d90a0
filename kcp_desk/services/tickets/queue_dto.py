"""What the ticket queues hand to views (T-3): frozen dataclasses, no ORM rows."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

__all__ = ["AgentLoad", "Cursor", "Queue", "QueueFilters", "QueuePage", "QueueRow", "SortKey"]


class Queue(enum.StrEnum):
    #: assignee = me, not closed (default sort: overdue first)
    MINE = "mine"
    #: no assignee, not closed
    UNASSIGNED = "unassigned"
    #: leads only: every agent's tickets that are not closed (``QueueFilters.assignee_id``)
    TEAM = "team"
    #: closed tickets
    ARCHIVE = "archive"
    #: one customer's tickets in every state (``QueueFilters.customer_id``)
    CUSTOMER = "customer"


class SortKey(enum.StrEnum):
    """The queue columns; every one sorts in SQL."""

    REFERENCE = "reference"
    CUSTOMER = "customer"  # by customer number
    SUBJECT = "subject"
    STATE = "state"
    PRIORITY = "priority"  # low < normal < high < urgent
    ASSIGNEE = "assignee"  # by display name; unassigned first
    AGE = "age"  # by created_at: ascending = oldest first
    #: by the running clock's due time (``sla.current_due``), none last: ascending is
    #: "overdue first" (``sla.overdue_first_key``)
    SLA_DUE = "sla_due"


@dataclass(frozen=True)
class QueueFilters:
    """Empty sets / None / "" mean "no filter"."""

    states: frozenset[str] = field(default_factory=frozenset)
    priorities: frozenset[str] = field(default_factory=frozenset)
    assignee_id: int | None = None
    #: text in the subject, case-insensitive, matched as a substring (``%`` and ``_``
    #: are literal)
    text: str = ""
    #: required for :attr:`Queue.CUSTOMER`
    customer_id: int | None = None


@dataclass(frozen=True)
class Cursor:
    """Where a page ended: the sort value and id of its last row (keyset pagination)."""

    key: object
    ticket_id: int


@dataclass(frozen=True)
class QueueRow:
    ticket_id: int
    ref: str  # #KCP-00012340
    customer_id: int
    customer_number: str  # K12345671
    customer_name: str
    subject: str
    state: str  # a TicketState value
    priority: str  # a TicketPriority value
    assignee_id: int | None
    assignee_name: str | None
    created_at: dt.datetime  # the age column counts from here
    #: the due time of the clock that is running now (``sla.current_due``); None = none
    sla_due: dt.datetime | None
    overdue: bool
    #: give this back as ``after`` to continue behind this row
    cursor: Cursor


@dataclass(frozen=True)
class QueuePage:
    rows: tuple[QueueRow, ...]
    #: the cursor of the last row if more rows may follow, else None
    next_cursor: Cursor | None


@dataclass(frozen=True)
class AgentLoad:
    """One line of a lead's workload view."""

    agent_id: int
    display_name: str
    open_tickets: int
    past_sla: int
    #: created_at of the agent's oldest ticket that is not closed; None = none open
    oldest_waiting: dt.datetime | None
