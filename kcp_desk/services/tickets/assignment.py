"""Who works a ticket and in which state it is (SPEC C4 T-2, T-4, T-5; issue 10).

* **Claim** (T-4) is ONE conditional UPDATE, ``… WHERE id = :id AND assignee_id IS NULL
  AND state <> 'closed'``; its row count decides. Two agents at the same moment: the
  database lets one UPDATE match the row, the other finds it taken and is told who has
  it (a :class:`ClaimResult`, not an exception). Never read-then-write.
* **Release / hand over** (T-5) by the assignee; **reassign** by a lead, reason required.
* **State changes** per :data:`~kcp_desk.services.tickets.states.TRANSITIONS`, by the
  assignee or a lead; closing sets ``closed_at`` (the Archive queue is ``state =
  closed``). A closed ticket refuses every change (:class:`TicketClosed`); only a
  customer message reopens it (:func:`reopen_by_customer`, for the portal intake).

Every entry point calls :func:`acting_agent` first in its transaction (the role and the
active flag as of now: a lead demoted a minute ago reassigns nothing), and every change
appends its audit entry in the same transaction (C7 A-2: who, when, why). Changes other
than the claim carry the version the agent saw; a stale one is a :class:`StaleEdit`.
Every write bumps the ticket's version, the claim included, so a change based on what
the agent saw before someone else's claim, release or reopen is refused too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from typing import Any, Final, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from kcp_desk.db import Database
from kcp_desk.domain.references import format_ticket_ref
from kcp_desk.domain.text_input import multi_line
from kcp_desk.errors import (
    QT_TRANSLATE_NOOP,
    TOO_LONG,
    InvalidInput,
    NotFound,
    PermissionDenied,
    StaleEdit,
    TicketClosed,
)
from kcp_desk.models.agents import Agent, Role
from kcp_desk.models.base import utcnow
from kcp_desk.models.orders import OPEN_ORDER_STATES, SupportOrder
from kcp_desk.models.tickets import Ticket, TicketState
from kcp_desk.services import audit
from kcp_desk.services.access import CUSTOMER_ROLES, acting_agent
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.tickets.dto import ClaimOutcome, ClaimResult, Colleague, TicketStatus
from kcp_desk.services.tickets.states import may_change
from kcp_desk.services.trust import TrustAnchors, certified_agent, refusals_audited
from kcp_desk.services.vault.custodian import DispatchCustodian, LeadEscrow
from kcp_desk.services.vault.service import move_access

__all__ = [
    "REASON_MAX",
    "TicketAssignment",
    "refuse_if_closed",
    "reopen_by_customer",
    "ticket_closed",
]

REASON_MAX: Final = 1000
#: a claim that found the ticket free again after losing (the winner released it at
#: once) tries again this often before it reports who has it
_CLAIM_ATTEMPTS: Final = 3

_NOT_FOUND: Final = QT_TRANSLATE_NOOP("KcpError", "This ticket does not exist.")
_CLOSED: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    "This ticket is closed and in the archive: it can be read, not changed. "
    "A message from the customer reopens it.",
)
_STALE: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Someone else changed this ticket meanwhile. Reload to see their change."
)
_RELEASE_NOT_YOURS: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Only the agent who has this ticket can release it."
)
_HAND_OVER_NOT_YOURS: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    "Only the agent who has this ticket can hand it over; a lead can reassign it.",
)
_STATE_NOT_YOURS: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    "Only the agent who has this ticket, or a lead, can change its state. Claim it first.",
)
_LEADS_ONLY: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    "Only a lead can reassign a ticket; the agent who has it can hand it over.",
)
_REASON_REQUIRED: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Please give a reason for the reassignment."
)
_NO_SUCH_COLLEAGUE: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This colleague does not exist, is disabled or does not work tickets."
)
_ALREADY_ASSIGNED: Final = QT_TRANSLATE_NOOP(
    "KcpError", "The ticket is already assigned to {name}."
)
_TRANSITION: Final = QT_TRANSLATE_NOOP(
    "KcpError", "A ticket cannot go from state “{old}” to “{new}”."
)


def ticket_closed() -> TicketClosed:
    return TicketClosed(_CLOSED)


def refuse_if_closed(ticket: Ticket) -> None:
    """The guard every writer of a ticket (replies and notes too) calls after loading it."""
    if ticket.state == TicketState.CLOSED:
        raise ticket_closed()


def _not_found() -> NotFound:
    return NotFound(_NOT_FOUND)


def _stale() -> StaleEdit:
    return StaleEdit(_STALE)


class TicketAssignment:
    """Claim, release, hand over, reassign and change the state of tickets (T-2, T-4, T-5)."""

    def __init__(
        self,
        db: Database,
        *,
        clock: Callable[[], dt.datetime] = utcnow,
        anchors: TrustAnchors | None = None,
        custodian: DispatchCustodian | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._anchors = anchors or TrustAnchors()
        self._custodian: DispatchCustodian = custodian or LeadEscrow()

    def _orders_follow(
        self, s: Session, session: AgentSession, me: Agent, ticket_id: int, to: int | None
    ) -> list[dict[str, Any]]:
        """T-5, V-4: the ticket's open support orders, and their credentials, go where
        the ticket goes, in the same transaction (see ``vault.move_access``)."""
        moved = []
        orders = s.scalars(
            select(SupportOrder)
            .where(SupportOrder.ticket_id == ticket_id, SupportOrder.state.in_(OPEN_ORDER_STATES))
            .order_by(SupportOrder.id)
        )
        for order in orders:
            how = move_access(s, session, me, order, to, self._anchors, self._custodian)
            moved.append(
                {"order_id": order.id, "credentials": how, "dek_version": order.dek_version}
            )
        return moved

    def _refusals_audited(
        self, session: AgentSession, action: str
    ) -> contextlib.AbstractContextManager[None]:
        """A recipient whose certificate fails refuses the whole action (audited)."""
        return refusals_audited(self._db, session, action)

    # --- reading ------------------------------------------------------------------------

    def status(self, session: AgentSession, ticket_id: int) -> TicketStatus:
        """The ticket's assignee, state and version as they are now."""
        with self._db.read() as s:
            acting_agent(s, session, *CUSTOMER_ROLES)
            return _status(s, ticket_id)

    def colleagues(self, session: AgentSession) -> tuple[Colleague, ...]:
        """Who a ticket can go to (hand-over and reassignment dialogs): active agents and
        leads by name, the acting agent included (a lead may assign to themself)."""
        with self._db.read() as s:
            acting_agent(s, session, *CUSTOMER_ROLES)
            rows = s.execute(
                select(Agent.id, Agent.display_name, Agent.role)
                .where(Agent.active.is_(True), Agent.role.in_(CUSTOMER_ROLES))
                .order_by(Agent.display_name, Agent.id)
            )
            return tuple(Colleague(i, name, role.value) for i, name, role in rows)

    # --- claim (T-4) --------------------------------------------------------------------

    def claim(self, session: AgentSession, ticket_id: int) -> ClaimResult:
        """Take an unassigned ticket. Whoever's UPDATE matches first wins; everyone else
        gets ``ClaimOutcome.TAKEN`` naming the winner. A closed ticket raises
        :class:`TicketClosed`, a missing one :class:`NotFound`."""
        with self._refusals_audited(session, "ticket_claimed"), self._db.transaction() as s:
            me = acting_agent(s, session, *CUSTOMER_ROLES, lock=True)
            for _ in range(_CLAIM_ATTEMPTS):
                won = _claim_update(s, ticket_id, me.id, self._clock())
                ticket = _status(s, ticket_id)
                if won:
                    orders = self._orders_follow(s, session, me, ticket_id, me.id)
                    _audit(s, session, "ticket_claimed", ticket, _orders_extra(orders))
                    return ClaimResult(ClaimOutcome.CLAIMED, ticket)
                if ticket.closed:
                    raise ticket_closed()
                if ticket.assignee_id == me.id:
                    return ClaimResult(ClaimOutcome.ALREADY_YOURS, ticket)
                if ticket.assignee_id is not None:
                    return ClaimResult(ClaimOutcome.TAKEN, ticket)
                # free again (PostgreSQL: released between our UPDATE and our SELECT)
            return ClaimResult(ClaimOutcome.TAKEN, ticket)

    # --- release, hand over, reassign (T-5) ---------------------------------------------

    def release(self, session: AgentSession, ticket_id: int, version: int) -> TicketStatus:
        """The assignee gives the ticket back to the Unassigned queue."""
        with self._refusals_audited(session, "ticket_released"), self._db.transaction() as s:
            me = acting_agent(s, session, *CUSTOMER_ROLES, lock=True)
            ticket = _load(s, ticket_id)
            if ticket.assignee_id != me.id:
                raise PermissionDenied(_RELEASE_NOT_YOURS)
            _check_version(ticket, version)
            ticket.assignee_id = None
            ticket.updated_at = self._clock()
            orders = self._orders_follow(s, session, me, ticket_id, None)
            _flush(s)
            status = _status(s, ticket_id)
            _audit(
                s,
                session,
                "ticket_released",
                status,
                {"from_agent_id": me.id, **_orders_extra(orders)},
            )
            return status

    def hand_over(
        self, session: AgentSession, ticket_id: int, version: int, to_agent_id: int
    ) -> TicketStatus:
        """The assignee passes the ticket to a named, active colleague (agent or lead).

        Errors: :class:`PermissionDenied` for anyone but the assignee (a lead reassigns
        instead), :class:`InvalidInput` at field ``to_agent`` for a colleague who is
        disabled, an admin, unknown, or the assignee themself.
        """
        with self._refusals_audited(session, "ticket_handed_over"), self._db.transaction() as s:
            me = acting_agent(s, session, *CUSTOMER_ROLES, lock=True)
            ticket = _load(s, ticket_id)
            if ticket.assignee_id != me.id:
                raise PermissionDenied(_HAND_OVER_NOT_YOURS)
            _check_version(ticket, version)
            target = _colleague(s, to_agent_id)
            if target.id == me.id:
                raise InvalidInput(_ALREADY_ASSIGNED, field="to_agent", name=target.display_name)
            ticket.assignee_id = target.id
            ticket.updated_at = self._clock()
            orders = self._orders_follow(s, session, me, ticket_id, target.id)
            _flush(s)
            status = _status(s, ticket_id)
            _audit(
                s,
                session,
                "ticket_handed_over",
                status,
                {"from_agent_id": me.id, "to_agent_id": target.id, **_orders_extra(orders)},
            )
            return status

    def reassign(
        self,
        session: AgentSession,
        ticket_id: int,
        version: int,
        to_agent_id: int,
        reason: str,
    ) -> TicketStatus:
        """A lead gives any open ticket (assigned or not) to a colleague; ``reason`` is
        mandatory, cleaned like all free text (:func:`~kcp_desk.domain.text_input.multi_line`)
        and written to the audit log. Errors at fields ``reason`` and ``to_agent``.

        The ticket's open support orders and their credential access move with it
        (T-5, V-4): the lead's desk opens each data key through the dispatch key and
        rotates it to the new assignee.
        """
        reason_error: InvalidInput | None = None
        cleaned = ""
        try:
            cleaned = _clean_reason(reason)
        except InvalidInput as exc:
            reason_error = exc
        with self._refusals_audited(session, "ticket_reassigned"), self._db.transaction() as s:
            # the role as of now, not as of the login: a demoted lead reassigns nothing
            lead = acting_agent(s, session, Role.LEAD, denied=_LEADS_ONLY, lock=True)
            if self._anchors.keys:  # and certified (V-8): not a role written into the row
                certified_agent(s, lead.id, self._anchors)
            ticket = _load(s, ticket_id)
            _check_version(ticket, version)
            if reason_error is not None:
                raise reason_error
            target = _colleague(s, to_agent_id)
            if ticket.assignee_id == target.id:
                raise InvalidInput(_ALREADY_ASSIGNED, field="to_agent", name=target.display_name)
            previous = ticket.assignee_id
            ticket.assignee_id = target.id
            ticket.updated_at = self._clock()
            orders = self._orders_follow(s, session, lead, ticket_id, target.id)
            _flush(s)
            status = _status(s, ticket_id)
            _audit(
                s,
                session,
                "ticket_reassigned",
                status,
                {
                    "from_agent_id": previous,
                    "to_agent_id": target.id,
                    "lead_id": lead.id,
                    "reason": cleaned,
                    **_orders_extra(orders),
                },
            )
            return status

    # --- state (T-2) --------------------------------------------------------------------

    def change_state(
        self,
        session: AgentSession,
        ticket_id: int,
        version: int,
        new_state: TicketState | str,
    ) -> TicketStatus:
        """Move the ticket along :data:`~kcp_desk.services.tickets.states.TRANSITIONS`
        (the assignee or a lead). Closing sets ``closed_at``: the ticket goes to the
        Archive, read only. The current state again changes nothing (and audits
        nothing). A transition the table does not list is an :class:`InvalidInput` at
        field ``state``."""
        target = TicketState(new_state)
        with self._db.transaction() as s:
            me = acting_agent(s, session, *CUSTOMER_ROLES, lock=True)
            ticket = _load(s, ticket_id)
            if ticket.assignee_id != me.id and me.role != Role.LEAD:
                raise PermissionDenied(_STATE_NOT_YOURS)
            _check_version(ticket, version)
            old = ticket.state
            if old == target:
                return _status(s, ticket_id)
            if not may_change(old, target):
                raise InvalidInput(_TRANSITION, field="state", old=old.value, new=target.value)
            now = self._clock()
            ticket.state = target
            ticket.updated_at = now
            if target == TicketState.CLOSED:
                ticket.closed_at = now
            _flush(s)
            status = _status(s, ticket_id)
            _audit(
                s,
                session,
                "ticket_closed" if target == TicketState.CLOSED else "ticket_state_changed",
                status,
                {"from_state": old.value, "to_state": target.value},
            )
            return status


# --- the intake hook -------------------------------------------------------------------------


def reopen_by_customer(
    s: Session, ticket_id: int, *, now: dt.datetime | None = None
) -> TicketState | None:
    """A customer message arrived (portal intake, in the intake's own transaction): a
    closed ticket reopens, a ticket pending the customer goes back to open (T-2).

    Returns the new state, or None when the state stays as it is (new or open). The
    assignee keeps the ticket if still active, otherwise it goes back to Unassigned.
    The version is bumped, so an agent's change based on the old state is refused.
    No audit entry: the chain is signed by agents, and the customer's message is the
    record (A-2 names no customer actions).
    """
    when = now or utcnow()
    state = s.scalar(select(Ticket.state).where(Ticket.id == ticket_id))
    if state is None:
        raise _not_found()
    if state not in (TicketState.CLOSED, TicketState.PENDING_CUSTOMER):
        return None
    active_assignee = (
        select(Agent.id)
        .where(Agent.id == Ticket.assignee_id, Agent.active.is_(True))
        .scalar_subquery()
    )
    s.execute(
        update(Ticket)
        .where(Ticket.id == ticket_id, Ticket.state == state)
        .values(
            state=TicketState.OPEN,
            closed_at=None,
            assignee_id=active_assignee,
            version=Ticket.version + 1,
            updated_at=when,
        )
        .execution_options(synchronize_session=False)
    )
    return TicketState.OPEN


# --- helpers ---------------------------------------------------------------------------------


def _claim_update(s: Session, ticket_id: int, agent_id: int, now: dt.datetime) -> bool:
    """T-4: the one conditional UPDATE whose row count decides the claim."""
    result = s.execute(
        update(Ticket)
        .where(
            Ticket.id == ticket_id,
            Ticket.assignee_id.is_(None),
            Ticket.state != TicketState.CLOSED,
        )
        .values(assignee_id=agent_id, version=Ticket.version + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return cast(CursorResult[Any], result).rowcount == 1


def _load(s: Session, ticket_id: int) -> Ticket:
    """The ticket for a versioned change; closed ones are refused here, first."""
    ticket = s.get(Ticket, ticket_id, populate_existing=True)
    if ticket is None:
        raise _not_found()
    refuse_if_closed(ticket)
    return ticket


def _check_version(ticket: Ticket, version: int) -> None:
    if ticket.version != version:
        raise _stale()


def _flush(s: Session) -> None:
    """Flush; a row changed since it was read (version column) is a stale edit."""
    try:
        s.flush()
    except StaleDataError:
        raise _stale() from None


def _colleague(s: Session, agent_id: int) -> Agent:
    """An active agent or lead; read FOR SHARE on PostgreSQL, so a disabling waits."""
    agent = s.get(Agent, agent_id, with_for_update={"read": True}, populate_existing=True)
    if agent is None or not agent.active or agent.role not in CUSTOMER_ROLES:
        raise InvalidInput(_NO_SUCH_COLLEAGUE, field="to_agent")
    return agent


def _clean_reason(reason: str) -> str:
    cleaned = multi_line(reason, field="reason")
    if not cleaned:
        raise InvalidInput(_REASON_REQUIRED, field="reason")
    if len(cleaned) > REASON_MAX:
        raise InvalidInput(TOO_LONG, field="reason", n=REASON_MAX)
    return cleaned


def _status(s: Session, ticket_id: int) -> TicketStatus:
    row = s.execute(
        select(
            Ticket.id,
            Ticket.number,
            Ticket.state,
            Ticket.assignee_id,
            Agent.display_name,
            Ticket.version,
            Ticket.updated_at,
            Ticket.closed_at,
        )
        .outerjoin(Agent, Agent.id == Ticket.assignee_id)
        .where(Ticket.id == ticket_id)
    ).first()
    if row is None:
        raise _not_found()
    tid, number, state, assignee_id, assignee_name, version, updated_at, closed_at = row
    return TicketStatus(
        ticket_id=tid,
        ref=format_ticket_ref(number),
        state=TicketState(state).value,
        assignee_id=assignee_id,
        assignee_name=assignee_name,
        version=version,
        updated_at=updated_at,
        closed_at=closed_at,
    )


def _orders_extra(orders: list[dict[str, Any]]) -> dict[str, Any]:
    return {"orders": orders} if orders else {}


def _audit(
    s: Session,
    session: AgentSession,
    action: str,
    ticket: TicketStatus,
    extra: dict[str, Any] | None = None,
) -> None:
    details: dict[str, Any] = {
        "ticket_id": ticket.ticket_id,
        "ticket": ticket.ref,
        "state": ticket.state,
        "assignee_id": ticket.assignee_id,
    }
    details.update(extra or {})
    audit.append(s, action, details, agent_id=session.principal.agent_id, keys=session.keys)
