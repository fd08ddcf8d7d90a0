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
* **A support order** (issue 11) gets its ticket (subject ``Support-Auftrag: {category}``,
  the description as the customer message, SLA as above) and the order in state
  ``received`` (SO-3), unassigned, with its consents (wording version, time, the
  submitting sub-account), the cost acknowledgement and ``SA-`` number ``max + 1`` under
  the same lock. The sub-account needs the order right, the product must be an active
  server of the customer, an hourly acknowledgement must name the server's package.
* **Credentials** are encrypted as the portal does it (V-2, V-3): a fresh 256-bit data
  key per order, each field AES-256-GCM with associated data (order id, field name,
  data-key version 1), the data key HPKE-wrapped to the NEWEST dispatch public key only
  (one ``dek_wraps`` row with ``dispatch_key_id``, no agent). The plaintext exists only
  in memory, as :class:`~kcp_desk.security.field_crypto.SecretText`; it is never
  written, logged or put into a message. An order without credentials gets no data key.
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
from kcp_desk.domain.references import format_order_ref, format_ticket_ref
from kcp_desk.domain.sla import due_times
from kcp_desk.errors import (
    QT_TRANSLATE_NOOP,
    TICKET_UNKNOWN,
    FieldErrors,
    InvalidInput,
)
from kcp_desk.models.base import utcnow
from kcp_desk.models.customers import Customer, SubAccount
from kcp_desk.models.orders import CostModel, OrderConsent, OrderState, SupportOrder
from kcp_desk.models.products import Product, ProductKind, SlaPolicy, SmPackage
from kcp_desk.models.tickets import (
    MessageKind,
    Ticket,
    TicketMessage,
    TicketPriority,
    TicketState,
)
from kcp_desk.models.vault import CredentialField, DekWrap, DispatchKey
from kcp_desk.security.field_crypto import SecretText, encrypt_field, new_data_key
from kcp_desk.security.wrapping import DispatchRecipient, wrap_dek
from kcp_desk.services.identity.confirmations import (
    ConfirmationResult,
    confirm_letter_code,
    confirm_link,
)
from kcp_desk.services.intake.documents import (
    SUBJECT_MAX,
    ConfirmationDocument,
    Document,
    MessageDocument,
    SupportOrderDocument,
    TicketDocument,
)
from kcp_desk.services.tickets.assignment import reopen_by_customer
from kcp_desk.services.trust import TrustAnchors, certified_dispatch_key
from kcp_desk.services.vault.rotation import NoDispatchKey, newest_dispatch_key

__all__ = [
    "FIRST_ORDER_NUMBER",
    "FIRST_TICKET_NUMBER",
    "IntakeResult",
    "NoDispatchKey",
    "apply_document",
]

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
SUB_ACCOUNT_NO_ORDERS: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This sub-account may not place support orders."
)
UNKNOWN_PRODUCT: Final = QT_TRANSLATE_NOOP("KcpError", "There is no server with this host name.")
PRODUCT_OF_ANOTHER_CUSTOMER: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This server belongs to another customer."
)
PRODUCT_NOT_A_SERVER: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Support orders are for servers; this product is not one."
)
PRODUCT_ENDED: Final = QT_TRANSLATE_NOOP("KcpError", "The contract for this server has ended.")
PACKAGE_MISMATCH: Final = QT_TRANSLATE_NOOP(
    "KcpError", "The server's Systems-Management package is {package}."
)
#: the ticket subject of an order (the demo data's wording): "Support-Auftrag: {category}"
ORDER_SUBJECT: Final = "Support-Auftrag"
#: the first order number in an empty database
FIRST_ORDER_NUMBER: Final = 4_001
#: the data-key version of a new order (V-2); rotations count up from here
FIRST_DEK_VERSION: Final = 1
#: the products a support order can be for (SO-1: "one of the customer's servers")
SERVER_KINDS: Final = frozenset({ProductKind.VSERVER, ProductKind.DEDICATED, ProductKind.MANAGED})


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
    #: kind ``support_order``: the new order, its ``SA-`` reference, how many credential
    #: fields were encrypted and the dispatch-key version their data key is wrapped to
    order_id: int | None = None
    order_ref: str | None = None
    credential_count: int = 0
    dispatch_key_version: int | None = None

    def describe(self) -> str:
        """One English line for the command line."""
        if self.order_ref is not None:
            n = self.credential_count
            vault = "no credentials"
            if self.dispatch_key_version is not None:
                noun = "credential" if n == 1 else "credentials"
                vault = f"{n} {noun} encrypted to dispatch key v{self.dispatch_key_version}"
            order, ticket = self.order_ref, self.ticket_ref
            return f"Created support order {order} with ticket {ticket} ({vault})."
        if self.created_ticket:
            return f"Created ticket {self.ticket_ref} (message {self.message_id})."
        tail = "; the ticket was reopened" if self.reopened else f"; state {self.state}"
        return f"Added message {self.message_id} to ticket {self.ticket_ref}{tail}."


def apply_document(
    db: Database,
    document: Document,
    *,
    now: dt.datetime | None = None,
    anchors: TrustAnchors | None = None,
) -> IntakeResult | ConfirmationResult:
    """Write ``document`` in one transaction; :class:`FieldErrors` creates nothing.

    ``anchors`` (V-8): the dispatch key's certificate is checked up to these admin keys
    before anything is encrypted to it (:class:`~kcp_desk.services.trust.Uncertified`
    otherwise). The real portal has its dispatch key configured; here it comes from
    the database, so the command and the demo check it. Without anchors (tests of the
    document rules) the newest dispatch key is taken as it is.
    """
    if isinstance(document, ConfirmationDocument):
        # its own short transactions: Argon2id runs between them
        return _confirmation(db, document, now, anchors)
    with db.transaction() as s:
        when = now or utcnow()
        if isinstance(document, TicketDocument):
            return _new_ticket(s, document, when)
        if isinstance(document, SupportOrderDocument):
            return _new_order(s, document, when, anchors)
        return _message(s, document, when)


def _confirmation(
    db: Database,
    document: ConfirmationDocument,
    now: dt.datetime | None,
    anchors: TrustAnchors | None,
) -> ConfirmationResult:
    if document.token is not None:
        return confirm_link(db, anchors or TrustAnchors(), document.token, now=now)
    assert document.customer_number is not None and document.letter_code is not None
    return confirm_letter_code(db, document.customer_number, document.letter_code, now=now)


def _fail(field: str, template: str) -> FieldErrors:
    return FieldErrors({field: InvalidInput(template, field=field)})


def _sub_account(
    s: Session, customer_id: int, login: str | None, *, opens_ticket: bool, orders: bool = False
) -> int | None:
    """The writing sub-account (None: the main account): active, and with the right to
    open tickets (``opens_ticket``) or to place orders (``orders``)."""
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
    if orders and not sub.may_place_orders:
        raise _fail("sub_account", SUB_ACCOUNT_NO_ORDERS)
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


def _create_ticket(
    s: Session, customer_id: int, subject: str, priority: TicketPriority, when: dt.datetime
) -> Ticket:
    """A new, unassigned ticket with the next number and its SLA due times (T-1, T-6)."""
    policy = s.scalar(
        select(SlaPolicy).where(
            SlaPolicy.sm_package == _customer_package(s, customer_id),
            SlaPolicy.priority == priority,
        )
    )
    due = due_times(when, policy) if policy is not None else None
    ticket = Ticket(
        number=_next_number(s),
        customer_id=customer_id,
        subject=subject,
        state=TicketState.NEW,
        priority=priority,
        created_at=when,
        updated_at=when,
        first_response_due=None if due is None else due.first_response_due,
        resolution_due=None if due is None else due.resolution_due,
    )
    s.add(ticket)
    s.flush()
    return ticket


def _new_ticket(s: Session, doc: TicketDocument, when: dt.datetime) -> IntakeResult:
    customer_id = s.scalar(select(Customer.id).where(Customer.number == doc.customer_number))
    if customer_id is None:
        raise _fail("customer", UNKNOWN_CUSTOMER)
    sub_id = _sub_account(s, customer_id, doc.sub_account, opens_ticket=True)
    ticket = _create_ticket(s, customer_id, doc.subject, doc.priority, when)
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
        raise _fail(doc.ticket_field, TICKET_UNKNOWN)
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


# --- support orders (SO-1…SO-3, V-2, V-3; issue 11) -------------------------------------


def _next_order_number(s: Session) -> int:
    """``max(number) + 1`` under the same write lock as the ticket numbers."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:n)"), {"n": _PG_NUMBER_LOCK})
    last = s.scalar(select(func.max(SupportOrder.number)))
    return FIRST_ORDER_NUMBER if last is None else max(last + 1, FIRST_ORDER_NUMBER)


def _server(s: Session, customer_id: int, hostname: str) -> Product:
    """The customer's active server with this host name."""
    products = s.scalars(
        select(Product).where(func.lower(Product.hostname) == hostname).order_by(Product.id)
    ).all()
    own = [p for p in products if p.customer_id == customer_id]
    if not products:
        raise _fail("product", UNKNOWN_PRODUCT)
    if not own:
        raise _fail("product", PRODUCT_OF_ANOTHER_CUSTOMER)
    servers = [p for p in own if p.kind in SERVER_KINDS]
    if not servers:
        raise _fail("product", PRODUCT_NOT_A_SERVER)
    active = [p for p in servers if p.active and p.ended_on is None]
    if not active:
        raise _fail("product", PRODUCT_ENDED)
    return active[0]


def _store_credentials(
    s: Session, order_id: int, credentials: tuple[tuple[str, SecretText], ...], key: DispatchKey
) -> None:
    """V-2, V-3 as the portal does it: a fresh data key for the order, every field under
    AES-256-GCM bound to (order, field, data-key version 1), and the data key wrapped
    to the newest dispatch key only — the portal knows no agent key."""
    if not credentials:
        return
    dek = new_data_key()
    for name, value in credentials:
        nonce, ciphertext = encrypt_field(
            dek, order_id=order_id, field_name=name, dek_version=FIRST_DEK_VERSION, plaintext=value
        )
        s.add(
            CredentialField(
                order_id=order_id,
                name=name,
                dek_version=FIRST_DEK_VERSION,
                nonce=nonce,
                ciphertext=ciphertext,
            )
        )
    wrapped = wrap_dek(
        dek,
        bytes(key.public_key),
        order_id=order_id,
        dek_version=FIRST_DEK_VERSION,
        recipient=DispatchRecipient(key.version),
    )
    s.add(
        DekWrap(
            order_id=order_id,
            dek_version=FIRST_DEK_VERSION,
            dispatch_key_id=key.id,
            agent_id=None,
            agent_key_version=None,
            wrapped=wrapped,
        )
    )


def _package_matches(doc: SupportOrderDocument, product: Product) -> None:
    cost = doc.cost
    if cost.model is CostModel.HOURLY and cost.package is not product.sm_package:
        raise FieldErrors(
            {
                "cost.package": InvalidInput(
                    PACKAGE_MISMATCH, field="cost.package", package=product.sm_package.value
                )
            }
        )


def _new_order(
    s: Session, doc: SupportOrderDocument, when: dt.datetime, anchors: TrustAnchors | None
) -> IntakeResult:
    customer_id = s.scalar(select(Customer.id).where(Customer.number == doc.customer_number))
    if customer_id is None:
        raise _fail("customer", UNKNOWN_CUSTOMER)
    # one message per field: the sub-account, the server and the package are all checked
    errors: dict[str, InvalidInput] = {}
    sub_id = product = None
    try:
        sub_id = _sub_account(s, customer_id, doc.sub_account, opens_ticket=False, orders=True)
    except FieldErrors as exc:
        errors.update(exc.errors)
    try:
        product = _server(s, customer_id, doc.product)
        _package_matches(doc, product)
    except FieldErrors as exc:
        errors.update(exc.errors)
    if errors:
        raise FieldErrors(errors)
    assert product is not None
    key = newest_dispatch_key(s) if doc.credentials else None
    if key is not None and anchors is not None:
        certified_dispatch_key(s, key, anchors)
    ticket = _create_ticket(
        s,
        customer_id,
        f"{ORDER_SUBJECT}: {doc.category}"[:SUBJECT_MAX],
        doc.priority,
        when,
    )
    message = TicketMessage(
        ticket_id=ticket.id,
        kind=MessageKind.CUSTOMER,
        sub_account_id=sub_id,
        body=doc.description,
        created_at=when,
    )
    s.add(message)
    cost = doc.cost
    order = SupportOrder(
        number=_next_order_number(s),
        ticket_id=ticket.id,
        customer_id=customer_id,
        product_id=product.id,
        category=doc.category,
        description=doc.description,
        state=OrderState.RECEIVED,
        assignee_id=None,
        submitted_by_sub_account_id=sub_id,
        cost_model=cost.model,
        price_per_15min=cost.price_per_15min,
        fixed_price=cost.fixed_price,
        catalogue_task=cost.catalogue_task,
        estimate_minutes=cost.estimate_minutes,
        cost_acknowledged_at=cost.acknowledged_at,
        dek_version=FIRST_DEK_VERSION,
        created_at=when,
        updated_at=when,
    )
    s.add(order)
    s.flush()
    for consent in doc.consents:
        s.add(
            OrderConsent(
                order_id=order.id,
                kind=consent.kind,
                wording_version=consent.wording_version,
                given_at=consent.given_at,
                sub_account_id=sub_id,
            )
        )
    if key is not None:
        _store_credentials(s, order.id, doc.credentials, key)
    s.flush()
    return IntakeResult(
        kind="support_order",
        ticket_id=ticket.id,
        ticket_ref=format_ticket_ref(ticket.number),
        message_id=message.id,
        created_ticket=True,
        reopened=False,
        state=TicketState.NEW.value,
        order_id=order.id,
        order_ref=format_order_ref(order.number),
        credential_count=len(doc.credentials),
        dispatch_key_version=None if key is None else key.version,
    )
