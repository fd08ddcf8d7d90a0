"""The ticket and its message thread (SPEC C4 T-2, T-6; issue 10 "The ticket").

* :meth:`TicketThread.open` reads what the ticket view shows: the ticket with its SLA
  clock, the thread oldest first (customer messages, replies, internal notes), the
  linked support orders, and what the acting agent may do with it now.
* :meth:`TicketThread.post` appends a reply to the customer or an internal note, in one
  transaction that re-reads the agent's role and active flag first (:func:`acting_agent`):

  - a **reply** is for the assignee or a lead (claim the ticket first); an **internal
    note** for any agent or lead. A closed ticket takes neither (:class:`TicketClosed`).
  - the body is cleaned like all free text (:func:`~kcp_desk.domain.text_input.multi_line`),
    required, at most :data:`BODY_MAX` characters.
  - a reply whose body :func:`~kcp_desk.domain.secret_looking.looks_like_secret` is
    refused with :class:`SecretLookingReply` unless ``confirmed``; nothing is written.
    Internal notes are not checked: they never reach the customer, and agents use them
    to pass on what a caller said (a credential there belongs in the vault, C6, which
    the support orders bring; the note is visible to colleagues only).
  - the first reply sets ``first_responded_at`` (the first-response clock stops, T-6)
    and moves a *new* ticket to *open* (T-2). A note changes neither.
  - every post carries the version the agent saw (a stale one is a :class:`StaleEdit`)
    and bumps it; the audit entry names ticket, kind, message id and length — never the
    body (C7: the audit log is read by colleagues; the thread is the record).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from kcp_desk.db import Database
from kcp_desk.domain.references import (
    format_customer_number,
    format_order_ref,
    format_ticket_ref,
)
from kcp_desk.domain.secret_looking import looks_like_secret
from kcp_desk.domain.sla import current_due, is_overdue
from kcp_desk.domain.text_input import multi_line
from kcp_desk.errors import (
    QT_TRANSLATE_NOOP,
    TOO_LONG,
    InvalidInput,
    NotFound,
    PermissionDenied,
    SecretLookingReply,
)
from kcp_desk.models.agents import Agent, Role
from kcp_desk.models.base import utcnow
from kcp_desk.models.customers import Customer, SubAccount
from kcp_desk.models.orders import OPEN_ORDER_STATES, SupportOrder
from kcp_desk.models.tickets import MessageKind, Ticket, TicketMessage, TicketState
from kcp_desk.services.access import CUSTOMER_ROLES, acting_agent
from kcp_desk.services.customers import display_name
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.tickets.assignment import (
    _audit,
    _check_version,
    _flush,
    _load,
    _status,
)
from kcp_desk.services.tickets.states import allowed_targets, may_change
from kcp_desk.services.tickets.thread_dto import LinkedOrder, ThreadMessage, TicketDetail

__all__ = ["BODY_MAX", "POST_KINDS", "SUMMARY_MAX", "SecretLookingReply", "TicketThread"]

#: the longest reply or note, in characters (after cleaning)
BODY_MAX: Final = 20_000
#: what an agent may post
POST_KINDS: Final = frozenset({MessageKind.REPLY, MessageKind.INTERNAL_NOTE})
#: a linked order's one-line summary is shortened to this many characters
SUMMARY_MAX: Final = 80

_NOT_FOUND: Final = QT_TRANSLATE_NOOP("KcpError", "This ticket does not exist.")
_BAD_KIND: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Only a reply to the customer or an internal note can be added."
)
_BODY_REQUIRED: Final = QT_TRANSLATE_NOOP("KcpError", "Please write the message first.")
_REPLY_NOT_YOURS: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    "Only the agent who has this ticket, or a lead, can reply to the customer. "
    "Claim it first, or add an internal note.",
)


class TicketThread:
    """Open a ticket with its thread; post replies and internal notes (T-2)."""

    def __init__(self, db: Database, *, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self._db = db
        self._clock = clock

    def open(self, session: AgentSession, ticket_id: int) -> TicketDetail:
        """The ticket as the ticket view shows it (any agent or lead; closed tickets
        too, read only). :class:`NotFound` for an unknown id."""
        with self._db.read() as s:
            me = acting_agent(s, session, *CUSTOMER_ROLES)
            return _detail(s, me, ticket_id, self._clock())

    def post(
        self,
        session: AgentSession,
        ticket_id: int,
        version: int,
        kind: str,
        body: str,
        *,
        confirmed: bool = False,
    ) -> TicketDetail:
        """Append a reply (``kind="reply"``) or an internal note (``"internal_note"``)
        and return the ticket as it is now (with the new version).

        Errors, checked in this order: :class:`PermissionDenied` (locked desk, disabled
        agent, admin), :class:`InvalidInput` at field ``kind``, :class:`NotFound`,
        :class:`TicketClosed`, :class:`PermissionDenied` for a reply by anyone but the
        assignee or a lead, :class:`StaleEdit`, :class:`InvalidInput` at field ``body``
        (empty, over :data:`BODY_MAX`, control or format characters), and last, for a
        reply that looks like it holds a secret and is not ``confirmed``,
        :class:`SecretLookingReply`. Nothing is written on any error.
        """
        body_error: InvalidInput | None = None
        cleaned = ""
        try:
            cleaned = _clean_body(body)
        except InvalidInput as exc:
            body_error = exc
        with self._db.transaction() as s:
            me = acting_agent(s, session, *CUSTOMER_ROLES, lock=True)
            message_kind = _post_kind(kind)
            ticket = _load(s, ticket_id)  # NotFound, TicketClosed
            if message_kind == MessageKind.REPLY and not _works_it(me, ticket.assignee_id):
                raise PermissionDenied(_REPLY_NOT_YOURS)
            _check_version(ticket, version)
            if body_error is not None:
                raise body_error
            findings = looks_like_secret(cleaned) if message_kind == MessageKind.REPLY else []
            if findings and not confirmed:
                raise SecretLookingReply(findings)

            now = self._clock()
            old_state = ticket.state
            extra: dict[str, Any] = {"kind": message_kind.value, "length": len(cleaned)}
            if message_kind == MessageKind.REPLY:
                if ticket.first_responded_at is None:
                    ticket.first_responded_at = now
                    extra["first_response"] = True
                if old_state == TicketState.NEW and may_change(old_state, TicketState.OPEN):
                    ticket.state = TicketState.OPEN
                    extra.update(from_state=old_state.value, to_state=TicketState.OPEN.value)
                if findings:  # confirmed: which kinds the agent sent anyway (no text)
                    extra["flagged"] = sorted({f.kind.value for f in findings})
            ticket.updated_at = now  # bumps the version: the next action needs the new one
            message = TicketMessage(
                ticket_id=ticket.id,
                kind=message_kind,
                author_agent_id=me.id,
                sub_account_id=None,
                body=cleaned,
                created_at=now,
            )
            s.add(message)
            _flush(s)
            extra["message_id"] = message.id
            _audit(
                s,
                session,
                "ticket_replied" if message_kind == MessageKind.REPLY else "ticket_note_added",
                _status(s, ticket_id),
                extra,
            )
            return _detail(s, me, ticket_id, now)


# --- helpers ---------------------------------------------------------------------------------


def _post_kind(kind: str) -> MessageKind:
    try:
        message_kind = MessageKind(kind)
    except ValueError:
        raise InvalidInput(_BAD_KIND, field="kind") from None
    if message_kind not in POST_KINDS:
        raise InvalidInput(_BAD_KIND, field="kind")
    return message_kind


def _clean_body(body: str) -> str:
    if not isinstance(body, str):
        raise InvalidInput(_BODY_REQUIRED, field="body")
    cleaned = multi_line(body, field="body")
    if not cleaned:
        raise InvalidInput(_BODY_REQUIRED, field="body")
    if len(cleaned) > BODY_MAX:
        raise InvalidInput(TOO_LONG, field="body", n=BODY_MAX)
    return cleaned


def _works_it(me: Agent, assignee_id: int | None) -> bool:
    """The assignee or a lead: may reply and change the state."""
    return me.role == Role.LEAD or (assignee_id is not None and assignee_id == me.id)


def _summary(category: str, description: str) -> str:
    first_line = next((line.strip() for line in description.splitlines() if line.strip()), "")
    text = ": ".join(part for part in (category.strip(), first_line) if part)
    text = " ".join(text.split())
    if len(text) > SUMMARY_MAX:
        text = text[: SUMMARY_MAX - 1].rstrip() + "…"
    return text


def _detail(s: Session, me: Agent, ticket_id: int, now: dt.datetime) -> TicketDetail:
    row = s.execute(
        select(
            Ticket.number,
            Ticket.subject,
            Ticket.customer_id,
            Customer.number,
            Customer.kind,
            Customer.first_name,
            Customer.last_name,
            Customer.company,
            Customer.legal_form,
            Ticket.state,
            Ticket.priority,
            Ticket.assignee_id,
            Agent.display_name,
            Ticket.version,
            Ticket.created_at,
            Ticket.first_response_due,
            Ticket.resolution_due,
            Ticket.first_responded_at,
            Ticket.closed_at,
        )
        .join(Customer, Customer.id == Ticket.customer_id)
        .outerjoin(Agent, Agent.id == Ticket.assignee_id)
        .where(Ticket.id == ticket_id)
    ).first()
    if row is None:
        raise NotFound(_NOT_FOUND)
    (number, subject, customer_id, customer_number, kind, first, last, company, legal_form,
     state, priority, assignee_id, assignee_name, version, created_at, fr_due, res_due,
     fr_at, closed_at) = row  # fmt: skip
    state = TicketState(state)
    closed = state == TicketState.CLOSED
    customer_name = display_name(kind, first, last, company, legal_form)
    due = current_due(fr_due, fr_at, res_due, closed)
    works_it = _works_it(me, assignee_id)
    allowed = () if closed or not works_it else _ordered(allowed_targets(state))
    return TicketDetail(
        ticket_id=ticket_id,
        ref=format_ticket_ref(number),
        subject=subject,
        customer_id=customer_id,
        customer_number=format_customer_number(customer_number),
        customer_name=customer_name,
        state=state.value,
        priority=str(priority),
        assignee_id=assignee_id,
        assignee_name=assignee_name,
        version=version,
        created_at=created_at,
        first_response_due=fr_due,
        resolution_due=res_due,
        first_responded_at=fr_at,
        closed_at=closed_at,
        sla_due=due,
        overdue=is_overdue(due, now),
        messages=_messages(s, ticket_id, customer_name),
        linked_orders=_orders(s, ticket_id),
        allowed_states=allowed,
        may_reply=works_it and not closed,
    )


def _ordered(states: frozenset[TicketState]) -> tuple[str, ...]:
    """In the T-2 order (new → open → pending customer → closed)."""
    return tuple(state.value for state in TicketState if state in states)


def _messages(s: Session, ticket_id: int, customer_name: str) -> tuple[ThreadMessage, ...]:
    rows = s.execute(
        select(
            TicketMessage.id,
            TicketMessage.kind,
            Agent.display_name,
            SubAccount.login,
            TicketMessage.created_at,
            TicketMessage.body,
        )
        .outerjoin(Agent, Agent.id == TicketMessage.author_agent_id)
        .outerjoin(SubAccount, SubAccount.id == TicketMessage.sub_account_id)
        .where(TicketMessage.ticket_id == ticket_id)
        .order_by(TicketMessage.created_at, TicketMessage.id)
    )
    messages = []
    for message_id, kind, agent_name, sub_login, created_at, body in rows:
        kind = MessageKind(kind)
        customer = kind == MessageKind.CUSTOMER
        author = (sub_login or customer_name) if customer else (agent_name or "")
        messages.append(ThreadMessage(message_id, kind.value, author, created_at, body))
    return tuple(messages)


def _orders(s: Session, ticket_id: int) -> tuple[LinkedOrder, ...]:
    rows = s.execute(
        select(
            SupportOrder.id,
            SupportOrder.number,
            SupportOrder.state,
            SupportOrder.category,
            SupportOrder.description,
        )
        .where(SupportOrder.ticket_id == ticket_id)
        .order_by(SupportOrder.created_at, SupportOrder.id)
    )
    return tuple(
        LinkedOrder(
            order_id,
            format_order_ref(number),
            str(state),
            _summary(category, desc),
            open=state in OPEN_ORDER_STATES,
        )
        for order_id, number, state, category, desc in rows
    )
