"""Writing a checked intake document (SPEC §1 portal intake, T-1, T-2, T-6; issue 10).

Everything a document needs is looked up and checked first, inside ONE write
transaction; any field error raises :class:`~kcp_desk.errors.FieldErrors` before the
first write, and the transaction rolls back, so a bad document creates nothing.

* **New ticket numbers** are ``max(number) + 1`` under the write lock: SQLite's
  ``BEGIN IMMEDIATE`` (:meth:`Database.transaction`) on the embedded database, a
  transaction-scoped advisory lock on PostgreSQL (READ COMMITTED: the ``max`` after the
  lock sees the number the previous holder committed). Two intakes at the same moment
  get two numbers; the unique constraint on ``tickets.number`` stays the last guard.
* **SLA** (T-6): the customer's package is the best ``sm_package`` among the customer's
  active products (as the demo data picks it); the ``sla_policies`` row for package ×
  priority and :func:`kcp_desk.domain.sla.due_times` give both due times. No row: no SLA.
* **A customer message** to a closed or pending-customer ticket reopens it
  (:func:`~kcp_desk.services.tickets.assignment.reopen_by_customer`, T-2).
* **No audit entry**: the chain is signed by agents and intake has none
  (``services.audit.UNSIGNED_ACTIONS`` names only failed logins); the ticket and its
  customer message are the record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from kcp_desk.db import Database
from kcp_desk.domain.references import format_ticket_ref
from kcp_desk.domain.sla import due_times
from kcp_desk.errors import QT_TRANSLATE_NOOP, FieldErrors, InvalidInput
from kcp_desk.models.base import utcnow
from kcp_desk.models.customers import Customer, SubAccount
from kcp_desk.models.products import Product, SlaPolicy, SmPackage
from kcp_desk.models.tickets import MessageKind, Ticket, TicketMessage, TicketState
from kcp_desk.services.intake.documents import Document, MessageDocument, TicketDocument
from kcp_desk.services.tickets.assignment import reopen_by_customer

__all__ = ["FIRST_TICKET_NUMBER", "IntakeResult", "apply_document"]

#: the number of the first ticket in an empty database (the demo's numbering: 100000 + id)
FIRST_TICKET_NUMBER: Final = 100_001
#: the advisory lock that serialises ticket-number allocation on PostgreSQL ("KCPN")
_PG_NUMBER_LOCK: Final = 0x4B43504E

UNKNOWN_CUSTOMER: Final = QT_TRANSLATE_NOOP("KcpError", "There is no customer with this number.")
UNKNOWN_SUB_ACCOUNT: Final = QT_TRANSLATE_NOOP(
    "KcpError", "The customer has no sub-account with this login."
)
SUB_ACCOUNT_DISABLED: Final = QT_TRANSLATE_NOOP("KcpError", "This sub-account is disabled.")
SUB_ACCOUNT_NO_TICKETS: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This sub-account may not open tickets."
)
UNKNOWN_TICKET: Final = QT_TRANSLATE_NOOP("KcpError", "There is no ticket with this number.")

_SM_RANK: Final = {p: i for i, p in enumerate(SmPackage)}


@dataclass(frozen=True, slots=True)
class IntakeResult:
    """What one intake document did."""

    kind: str
    ticket_id: int
    ticket_ref: str
    message_id: int
    #: a new ticket was created (kind ``ticket``)
    created_ticket: bool
    #: the message reopened a closed ticket (T-2)
    reopened: bool
    #: the ticket's state afterwards
    state: str

    def describe(self) -> str:
        """One English line for the command line."""
        if self.created_ticket:
            return f"Created ticket {self.ticket_ref} (message {self.message_id})."
        tail = "; the ticket was reopened" if self.reopened else f"; state {self.state}"
        return f"Added message {self.message_id} to ticket {self.ticket_ref}{tail}."


def apply_document(
    db: Database, document: Document, *, now: dt.datetime | None = None
) -> IntakeResult:
    """Write ``document`` in one transaction; :class:`FieldErrors` creates nothing."""
    with db.transaction() as s:
        when = now or utcnow()
        if isinstance(document, TicketDocument):
            return _new_ticket(s, document, when)
        return _message(s, document, when)


def _fail(field: str, template: str) -> FieldErrors:
    return FieldErrors({field: InvalidInput(template, field=field)})


def _sub_account(
    s: Session, customer_id: int, login: str | None, *, opens_ticket: bool
) -> int | None:
    if login is None:
        return None
    sub = s.scalar(
        select(SubAccount).where(SubAccount.customer_id == customer_id, SubAccount.login == login)
    )
    if sub is None:
        raise _fail("sub_account", UNKNOWN_SUB_ACCOUNT)
    if not sub.active:
        raise _fail("sub_account", SUB_ACCOUNT_DISABLED)
    if opens_ticket and not sub.may_open_tickets:
        raise _fail("sub_account", SUB_ACCOUNT_NO_TICKETS)
    return sub.id


def _customer_package(s: Session, customer_id: int) -> SmPackage:
    packages = s.scalars(
        select(Product.sm_package)
        .where(Product.customer_id == customer_id, Product.active.is_(True))
        .distinct()
    ).all()
    return max(packages, key=_SM_RANK.__getitem__, default=SmPackage.NONE)


def _next_number(s: Session) -> int:
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:n)"), {"n": _PG_NUMBER_LOCK})
    last = s.scalar(select(func.max(Ticket.number)))
    return FIRST_TICKET_NUMBER if last is None else max(last + 1, FIRST_TICKET_NUMBER)


def _new_ticket(s: Session, doc: TicketDocument, when: dt.datetime) -> IntakeResult:
    customer_id = s.scalar(select(Customer.id).where(Customer.number == doc.customer_number))
    if customer_id is None:
        raise _fail("customer", UNKNOWN_CUSTOMER)
    sub_id = _sub_account(s, customer_id, doc.sub_account, opens_ticket=True)
    policy = s.scalar(
        select(SlaPolicy).where(
            SlaPolicy.sm_package == _customer_package(s, customer_id),
            SlaPolicy.priority == doc.priority,
        )
    )
    due = due_times(when, policy) if policy is not None else None
    ticket = Ticket(
        number=_next_number(s),
        customer_id=customer_id,
        subject=doc.subject,
        state=TicketState.NEW,
        priority=doc.priority,
        created_at=when,
        updated_at=when,
        first_response_due=None if due is None else due.first_response_due,
        resolution_due=None if due is None else due.resolution_due,
    )
    s.add(ticket)
    s.flush()
    message = TicketMessage(
        ticket_id=ticket.id,
        kind=MessageKind.CUSTOMER,
        sub_account_id=sub_id,
        body=doc.body,
        created_at=when,
    )
    s.add(message)
    s.flush()
    return IntakeResult(
        kind="ticket",
        ticket_id=ticket.id,
        ticket_ref=format_ticket_ref(ticket.number),
        message_id=message.id,
        created_ticket=True,
        reopened=False,
        state=TicketState.NEW.value,
    )


def _message(s: Session, doc: MessageDocument, when: dt.datetime) -> IntakeResult:
    row = s.execute(
        select(Ticket.id, Ticket.customer_id, Ticket.state).where(
            Ticket.number == doc.ticket_number
        )
    ).one_or_none()
    if row is None:
        raise _fail(doc.ticket_field, UNKNOWN_TICKET)
    ticket_id, customer_id, before = row
    sub_id = _sub_account(s, customer_id, doc.sub_account, opens_ticket=False)
    message = TicketMessage(
        ticket_id=ticket_id,
        kind=MessageKind.CUSTOMER,
        sub_account_id=sub_id,
        body=doc.body,
        created_at=when,
    )
    s.add(message)
    s.flush()
    after = reopen_by_customer(s, ticket_id, now=when) or before
    return IntakeResult(
        kind="message",
        ticket_id=ticket_id,
        ticket_ref=format_ticket_ref(doc.ticket_number),
        message_id=message.id,
        created_ticket=False,
        reopened=before == TicketState.CLOSED,
        state=after.value,
    )
