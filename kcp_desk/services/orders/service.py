"""Support orders (SPEC C5, SO-1…SO-5): read one, change its state, book time, bill it.

* **Who**: agents and leads read every order (``CUSTOMER_ROLES``; admins see no customer
  data). The order's assignee or a lead changes its state and books time.
* **States** per :data:`~kcp_desk.services.orders.states.TRANSITIONS`. "In progress" is
  refused while the start gate (SO-4) is closed, with the reason of the first unmet
  condition (:class:`GateClosed`). Done, rejected and cancelled delete the order's
  credentials and data-key wraps in the same transaction (SO-5). "Billed" only through
  :meth:`OrderService.bill`. Done is refused while a clock runs.
* **Time** (decided here): the clock runs only while the order is in progress; entries
  with a start and an end may be added while in progress and, for work booked late,
  while done (not after billing). An entry ends after it starts and not in the future,
  the note is free text (``domain.text_input``, at most :data:`NOTE_MAX` characters),
  and an agent's own entries (on any order) never overlap. Time included in the package
  needs a package. A running clock is stopped by its agent (or a lead); a running or
  own entry may be deleted before billing.
* **Billing**: :mod:`~kcp_desk.services.orders.invoicing`.

Every entry point calls :func:`acting_agent` first inside its transaction; every change
carries the version the agent saw (a stale one is a :class:`StaleEdit`) and appends its
audit entry (no secrets: names, ids, states, minutes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from kcp_desk.db import Database
from kcp_desk.domain.order_pricing import PricingError
from kcp_desk.domain.references import format_order_ref
from kcp_desk.domain.start_gate import DEFAULT_POLICY, GatePolicy
from kcp_desk.domain.text_input import multi_line
from kcp_desk.errors import QT_TRANSLATE_NOOP, TOO_LONG, InvalidInput, PermissionDenied, StaleEdit
from kcp_desk.models.agents import Agent, Role
from kcp_desk.models.base import utcnow
from kcp_desk.models.orders import OrderState, SupportOrder, TimeEntry
from kcp_desk.models.products import SmPackage
from kcp_desk.services import audit
from kcp_desk.services.access import CUSTOMER_ROLES, acting_agent
from kcp_desk.services.orders.dto import GateClosed, OrderDetail
from kcp_desk.services.orders.invoicing import bill_order, order_price
from kcp_desk.services.orders.queries import (
    conditions_of,
    gate_of,
    load_order,
    order_detail,
    works_it,
)
from kcp_desk.services.orders.states import ERASING_STATES, SERVICE_ONLY, may_change
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.vault.erase import erase_credentials

__all__ = ["NOTE_MAX", "OrderService"]

NOTE_MAX: Final = 2000

_STALE: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Someone else changed this support order meanwhile. Reload to see their change."
)
_NOT_YOURS: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    "Only the agent who handles this support order, or a lead, can change it.",
)
_TRANSITION: Final = QT_TRANSLATE_NOOP(
    "KcpError", "A support order cannot go from state “{old}” to “{new}”."
)
_BILL_ONLY: Final = QT_TRANSLATE_NOOP(
    "KcpError", "A support order is billed with “Bill”, which writes the invoice."
)
_NOT_DONE: Final = QT_TRANSLATE_NOOP("KcpError", "Only a support order that is done can be billed.")
_CLOCK_RUNNING: Final = QT_TRANSLATE_NOOP(
    "KcpError", "A clock is still running on this order. Stop it first."
)
_TIME_CLOSED: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    "Time can be booked only while the order is in progress, or done and not yet billed.",
)
_CLOCK_NOT_IN_PROGRESS: Final = QT_TRANSLATE_NOOP(
    "KcpError", "The clock runs only while the order is in progress."
)
_ENDS_BEFORE_START: Final = QT_TRANSLATE_NOOP("KcpError", "The end must be after the start.")
_IN_FUTURE: Final = QT_TRANSLATE_NOOP("KcpError", "Time in the future cannot be booked.")
_NAIVE: Final = QT_TRANSLATE_NOOP("KcpError", "Please give the time with its time zone.")
_OVERLAP: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This overlaps time you have already booked ({ref})."
)
_INCLUDED_NO_PACKAGE: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    "The server has no Systems-Management package, so no time can be included in one.",
)
_NO_SUCH_ENTRY: Final = QT_TRANSLATE_NOOP("KcpError", "This time entry does not exist.")
_NOT_RUNNING: Final = QT_TRANSLATE_NOOP("KcpError", "This clock has already been stopped.")
_ENTRY_NOT_YOURS: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Only the agent who booked this time, or a lead, can change it."
)


def _stale() -> StaleEdit:
    return StaleEdit(_STALE)


def _flush(s: Session) -> None:
    try:
        s.flush()
    except StaleDataError:
        raise _stale() from None


def _check_version(order: SupportOrder, version: int) -> None:
    if order.version != version:
        raise _stale()


def _aware(moment: dt.datetime, field: str) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidInput(_NAIVE, field=field)
    return moment.astimezone(dt.UTC)


def _clean_note(note: str) -> str:
    cleaned = multi_line(note, field="note")
    if len(cleaned) > NOTE_MAX:
        raise InvalidInput(TOO_LONG, field="note", n=NOTE_MAX)
    return cleaned


class OrderService:
    """One support order: its detail, its state, its time and its invoice."""

    def __init__(
        self,
        db: Database,
        *,
        clock: Callable[[], dt.datetime] | None = None,
        gate_policy: GatePolicy = DEFAULT_POLICY,
    ) -> None:
        self._db = db
        self._clock = clock or utcnow
        self._policy = gate_policy

    # --- reading ------------------------------------------------------------------------

    def detail(self, session: AgentSession, order_id: int) -> OrderDetail:
        """The order as the order view shows it; :class:`NotFound` for an unknown id."""
        with self._db.read() as s:
            me = acting_agent(s, session, *CUSTOMER_ROLES)
            return order_detail(s, me, order_id, self._clock(), self._policy)

    # --- state (SO-3, SO-4, SO-5) -------------------------------------------------------

    def change_state(
        self, session: AgentSession, order_id: int, version: int, target: str
    ) -> OrderDetail:
        """Move the order to ``target`` (an OrderState value).

        Errors, in this order: :class:`PermissionDenied` (locked, disabled, admin; anyone
        but the assignee or a lead), :class:`NotFound`, :class:`StaleEdit`,
        :class:`InvalidInput` at ``state`` (a transition the table does not list, or
        "billed"), :class:`GateClosed` for "in progress" while the gate is closed,
        :class:`InvalidInput` for "done" while a clock runs. Nothing is written on error.
        """
        new = OrderState(target)
        with self._db.transaction() as s:
            me = acting_agent(s, session, *CUSTOMER_ROLES, lock=True)
            order = load_order(s, order_id)
            self._may_work(me, order)
            _check_version(order, version)
            old = OrderState(order.state)
            if new == old:
                return order_detail(s, me, order_id, self._clock(), self._policy)
            if new in SERVICE_ONLY:
                raise InvalidInput(_BILL_ONLY, field="state")
            if not may_change(old, new):
                raise InvalidInput(_TRANSITION, field="state", old=old.value, new=new.value)
            now = self._clock()
            if new == OrderState.IN_PROGRESS:
                self._refuse_closed_gate(s, order)
            if new == OrderState.DONE and any(e.ended_at is None for e in order.time_entries):
                raise InvalidInput(_CLOCK_RUNNING, field="state")
            order.state = new
            order.updated_at = now
            _flush(s)
            erased = erase_credentials(s, order.id) if new in ERASING_STATES else 0
            self._audit(
                s,
                session,
                "order_state_changed",
                order,
                {"from_state": old.value, "to_state": new.value, "credentials_erased": erased},
            )
            return order_detail(s, me, order_id, now, self._policy)

    def bill(self, session: AgentSession, order_id: int, version: int) -> OrderDetail:
        """A done order becomes billed; its billable time becomes a new invoice for the
        customer (none when all of it was included in the package). One transaction."""
        with self._db.transaction() as s:
            me = acting_agent(s, session, *CUSTOMER_ROLES, lock=True)
            order = load_order(s, order_id)
            self._may_work(me, order)
            _check_version(order, version)
            if order.state != OrderState.DONE:
                raise InvalidInput(_NOT_DONE, field="state")
            now = self._clock()
            try:
                price = order_price(order)
            except PricingError:  # a clock left running (done refuses that, but be safe)
                raise InvalidInput(_CLOCK_RUNNING, field="state") from None
            order.state = OrderState.BILLED
            order.updated_at = now
            _flush(s)
            invoice = bill_order(s, order, now)
            if invoice is not None:
                order.invoice_id = invoice.id
                _flush(s)
            self._audit(
                s,
                session,
                "order_billed",
                order,
                {
                    "invoice_id": None if invoice is None else invoice.id,
                    "invoice": None if invoice is None else invoice.number,
                    "net": str(price.net if invoice is not None else "0.00"),
                    "gross": None if invoice is None else str(invoice.gross),
                    "billable_minutes": price.billable_minutes,
                    "included_minutes": price.included_minutes,
                },
            )
            return order_detail(s, me, order_id, now, self._policy)

    # --- time entries -------------------------------------------------------------------

    def start_clock(
        self, session: AgentSession, order_id: int, version: int, *, billable: bool = True
    ) -> OrderDetail:
        """Start the acting agent's clock on an order in progress."""
        with self._db.transaction() as s:
            me = acting_agent(s, session, *CUSTOMER_ROLES, lock=True)
            order = load_order(s, order_id)
            self._may_work(me, order)
            _check_version(order, version)
            if order.state != OrderState.IN_PROGRESS:
                raise InvalidInput(_CLOCK_NOT_IN_PROGRESS, field="clock")
            now = self._clock()
            self._refuse_included_without_package(order, billable, "clock")
            self._refuse_overlap(s, me.id, now, None, "clock")
            entry = TimeEntry(
                order_id=order.id, agent_id=me.id, started_at=now, ended_at=None,
                billable=billable, note="",
            )  # fmt: skip
            s.add(entry)
            self._touch(s, order, now)
            self._audit(s, session, "order_clock_started", order, {"billable": billable})
            return order_detail(s, me, order_id, now, self._policy)

    def stop_clock(
        self, session: AgentSession, order_id: int, entry_id: int, version: int
    ) -> OrderDetail:
        """Stop a running clock (its agent's, or any as a lead); ``version`` is the
        entry's."""
        with self._db.transaction() as s:
            me = acting_agent(s, session, *CUSTOMER_ROLES, lock=True)
            order = load_order(s, order_id)
            self._may_work(me, order)
            entry = self._entry(s, order, entry_id, me)
            if entry.version != version:
                raise _stale()
            if entry.ended_at is not None:
                raise InvalidInput(_NOT_RUNNING, field="clock")
            now = self._clock()
            entry.ended_at = max(now, entry.started_at)
            self._touch(s, order, now)
            minutes = (entry.ended_at - entry.started_at) // dt.timedelta(minutes=1)
            self._audit(
                s, session, "order_clock_stopped", order,
                {"entry_id": entry.id, "minutes": minutes, "billable": entry.billable},
            )  # fmt: skip
            return order_detail(s, me, order_id, now, self._policy)

    def add_time(
        self,
        session: AgentSession,
        order_id: int,
        version: int,
        started_at: dt.datetime,
        ended_at: dt.datetime,
        billable: bool,
        note: str,
    ) -> OrderDetail:
        """Book time afterwards (the acting agent's). Errors at fields ``started_at``,
        ``ended_at``, ``billable``, ``note``; nothing is written on error."""
        with self._db.transaction() as s:
            me = acting_agent(s, session, *CUSTOMER_ROLES, lock=True)
            order = load_order(s, order_id)
            self._may_work(me, order)
            _check_version(order, version)
            if order.state not in (OrderState.IN_PROGRESS, OrderState.DONE):
                raise InvalidInput(_TIME_CLOSED, field="started_at")
            start = _aware(started_at, "started_at")
            end = _aware(ended_at, "ended_at")
            now = self._clock()
            if end <= start:
                raise InvalidInput(_ENDS_BEFORE_START, field="ended_at")
            if end > now:
                raise InvalidInput(_IN_FUTURE, field="ended_at")
            cleaned = _clean_note(note)
            self._refuse_included_without_package(order, billable, "billable")
            self._refuse_overlap(s, me.id, start, end, "started_at")
            entry = TimeEntry(
                order_id=order.id, agent_id=me.id, started_at=start, ended_at=end,
                billable=billable, note=cleaned,
            )  # fmt: skip
            s.add(entry)
            self._touch(s, order, now)
            self._audit(
                s, session, "order_time_added", order,
                {"minutes": (end - start) // dt.timedelta(minutes=1), "billable": billable},
            )  # fmt: skip
            return order_detail(s, me, order_id, now, self._policy)

    def delete_time(
        self, session: AgentSession, order_id: int, entry_id: int, version: int
    ) -> OrderDetail:
        """Delete a time entry of an order not yet billed (its agent's, or any as a
        lead); ``version`` is the entry's."""
        with self._db.transaction() as s:
            me = acting_agent(s, session, *CUSTOMER_ROLES, lock=True)
            order = load_order(s, order_id)
            self._may_work(me, order)
            entry = self._entry(s, order, entry_id, me)
            if entry.version != version:
                raise _stale()
            if order.state not in (OrderState.IN_PROGRESS, OrderState.DONE):
                raise InvalidInput(_TIME_CLOSED, field="started_at")
            now = self._clock()
            s.delete(entry)
            self._touch(s, order, now)
            self._audit(s, session, "order_time_deleted", order, {"entry_id": entry_id})
            return order_detail(s, me, order_id, now, self._policy)

    # --- helpers ------------------------------------------------------------------------

    @staticmethod
    def _may_work(me: Agent, order: SupportOrder) -> None:
        if not works_it(me, order.assignee_id):
            raise PermissionDenied(_NOT_YOURS)

    def _refuse_closed_gate(self, s: Session, order: SupportOrder) -> None:
        try:
            billable = order_price(order).billable_minutes if order.time_entries else 0
        except PricingError:
            billable = 0
        gate = conditions_of(gate_of(s, order, self._policy, billable), self._policy)
        first = next((c for c in gate if not c.met), None)
        if first is not None:
            raise GateClosed(first)

    @staticmethod
    def _refuse_included_without_package(order: SupportOrder, billable: bool, field: str) -> None:
        if not billable and order.product.sm_package == SmPackage.NONE:
            raise InvalidInput(_INCLUDED_NO_PACKAGE, field=field)

    @staticmethod
    def _refuse_overlap(
        s: Session, agent_id: int, start: dt.datetime, end: dt.datetime | None, field: str
    ) -> None:
        """The agent's own entries (any order) must not overlap ``[start, end)``; ``end``
        None is a clock starting now (it overlaps a running clock, too)."""
        query = (
            select(SupportOrder.number)
            .join(TimeEntry, TimeEntry.order_id == SupportOrder.id)
            .where(
                TimeEntry.agent_id == agent_id,
                (TimeEntry.ended_at.is_(None)) | (TimeEntry.ended_at > start),
            )
            .limit(1)
        )
        if end is not None:
            query = query.where(TimeEntry.started_at < end)
        number = s.scalar(query)
        if number is not None:
            raise InvalidInput(_OVERLAP, field=field, ref=format_order_ref(number))

    @staticmethod
    def _entry(s: Session, order: SupportOrder, entry_id: int, me: Agent) -> TimeEntry:
        entry = s.get(TimeEntry, entry_id, populate_existing=True)
        if entry is None or entry.order_id != order.id:
            raise InvalidInput(_NO_SUCH_ENTRY, field="clock")
        if entry.agent_id != me.id and me.role != Role.LEAD:
            raise PermissionDenied(_ENTRY_NOT_YOURS)
        return entry

    @staticmethod
    def _touch(s: Session, order: SupportOrder, now: dt.datetime) -> None:
        """Every booking bumps the order's version: a view showing the old totals is
        refused its next change."""
        order.updated_at = now
        _flush(s)

    @staticmethod
    def _audit(
        s: Session,
        session: AgentSession,
        action: str,
        order: SupportOrder,
        extra: dict[str, Any] | None = None,
    ) -> None:
        details: dict[str, Any] = {
            "order_id": order.id,
            "order": format_order_ref(order.number),
            "ticket_id": order.ticket_id,
            "customer_id": order.customer_id,
            "state": OrderState(order.state).value,
            "assignee_id": order.assignee_id,
        }
        details.update(extra or {})
        audit.append(s, action, details, agent_id=session.principal.agent_id, keys=session.keys)
