"""The customer view (SPEC C1.3) and editing contact data (C1.4).

``CustomerService.detail`` returns everything the header and the tabs show as one tree
of frozen dataclasses; ``update_contact`` is one transaction per save: validate every
field, refuse a stale save, write one history row per changed field, keep the search
column current and append the audit entry (C7 A-2).

Name and company are not contact data in this sense: they change only through a
name-change request (``services.name_change``, four-eyes, ID-4). Nor is the e-mail
address: a new one goes only through the identity case (``services.identity``, C2),
and ``update_contact`` refuses it whatever caller check was done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final, Generic, TypeVar

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session, aliased, selectinload
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from kcp_desk.db import Database
from kcp_desk.domain import contact_rules as rules
from kcp_desk.domain.folding import customer_search_text
from kcp_desk.domain.legal_form import join_legal_form
from kcp_desk.domain.references import (
    format_customer_number,
    format_order_ref,
    format_ticket_ref,
)
from kcp_desk.domain.text_input import multi_line
from kcp_desk.errors import (
    QT_TRANSLATE_NOOP,
    TOO_LONG,
    InvalidInput,
    NotFound,
    PermissionDenied,
    StaleEdit,
)
from kcp_desk.models.agents import Agent
from kcp_desk.models.base import utcnow
from kcp_desk.models.billing import Invoice, InvoiceState
from kcp_desk.models.customers import (
    AddressKind,
    CallerVerification,
    ContactChange,
    Customer,
    CustomerKind,
    NameChangeRequest,
    PostalAddress,
    RequestState,
)
from kcp_desk.models.orders import SupportOrder
from kcp_desk.models.products import Product
from kcp_desk.models.tickets import Ticket, TicketState
from kcp_desk.services import audit
from kcp_desk.services.access import CUSTOMER_ROLES, acting_agent
from kcp_desk.services.principal import AgentSession

__all__ = [
    "CONTACT_FIELDS",
    "LIST_CAP",
    "NAME_FIELDS",
    "AddressView",
    "Badges",
    "ContactData",
    "ContactSaved",
    "CustomerDetail",
    "CustomerHeader",
    "CustomerService",
    "FieldErrors",
    "HistoryRow",
    "Listing",
    "ProductRow",
    "SubAccountRow",
    "SupportOrderRow",
    "TicketRow",
    "VerificationRecord",
    "current_address",
    "customer_not_found",
    "display_name",
    "flush_or_stale",
    "load_last_verification",
    "search_text_of",
    "stale_edit",
]

FieldErrors = rules.FieldErrors

#: Rows per list tab (invoices, tickets, support orders, history); ``Listing.total``
#: says how many there are in all.
LIST_CAP: Final = 200

#: The form fields ``update_contact`` accepts. Address parts are ``billing.<part>``.
#: ``email`` only unchanged: a new address goes through the identity case (C1.4, C2).
CONTACT_FIELDS: Final = frozenset(
    {
        "salutation",
        "email",
        "phone",
        "mobile",
        "date_of_birth",
        "billing.street",
        "billing.house_number",
        "billing.postcode",
        "billing.city",
        "billing.country",
    }
)
#: Changed only through a name-change request (C1.4, ID-4).
NAME_FIELDS: Final = frozenset({"first_name", "last_name", "company", "legal_form"})
_ADDRESS_PARTS: Final = ("street", "house_number", "postcode", "city", "country")
_REASON_MAX: Final = 1000

_NOT_FOUND: Final = QT_TRANSLATE_NOOP("KcpError", "This customer does not exist.")
_STALE: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    "Someone else changed this customer meanwhile. Your input is kept; reload to see their change.",
)
_NAME_VIA_REQUEST: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    "Name and company change only by a name-change request with a ticket, approved by a lead.",
)
_EMAIL_VIA_IDENTITY_CASE: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    "The e-mail address is changed only through an identity case (Change e-mail…), "
    "with two factors and a team lead's approval.",
)

T = TypeVar("T")


# --- DTOs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Listing(Generic[T]):
    """The first ``LIST_CAP`` rows of a tab (newest first) and how many there are."""

    rows: tuple[T, ...]
    total: int

    @property
    def truncated(self) -> bool:
        return self.total > len(self.rows)


@dataclass(frozen=True)
class Badges:
    """C1.2 / C1.3 badges."""

    in_arrears: bool
    open_tickets: int
    #: ID-3: the phone-password factor P is locked (not the account)
    factor_locked: bool
    blocked: bool


@dataclass(frozen=True)
class CustomerHeader:
    customer_id: int
    number: str  # K12345671
    kind: str  # "person" | "company"
    display_name: str
    company: str | None
    customer_since: dt.date
    badges: Badges


@dataclass(frozen=True)
class AddressView:
    kind: str  # "billing" | "contract"
    street: str
    house_number: str
    postcode: str
    city: str
    country: str
    valid_from: dt.date

    def one_line(self) -> str:
        return _address_line(self.street, self.house_number, self.postcode, self.city, self.country)


@dataclass(frozen=True)
class ContactData:
    """The Contact data tab. ``version`` goes back into ``update_contact``."""

    salutation: str
    first_name: str
    last_name: str
    company: str | None
    legal_form: str | None
    #: "person" | "company"
    kind: str
    #: the name as the header shows it (``display_name``): the legal form once
    display_name: str
    email: str
    email_verified: bool
    phone: str
    phone_e164: str | None
    mobile_e164: str | None
    #: ID-1 factor M needs the mobile number registered 30 days before a case
    mobile_registered_at: dt.datetime | None
    date_of_birth: dt.date | None
    billing_address: AddressView | None
    contract_address: AddressView | None
    #: whether a phone password exists and since when (never the value, ID-5)
    phone_password_set: bool
    phone_password_set_at: dt.datetime | None
    p_factor_locked_until: dt.datetime | None
    #: a pending name-change request (the form shows "name change pending")
    pending_name_change_id: int | None
    version: int


@dataclass(frozen=True)
class ProductRow:
    product_id: int
    kind: str
    name: str
    domain: str | None
    hostname: str | None
    sm_package: str
    active: bool
    started_on: dt.date
    ended_on: dt.date | None


@dataclass(frozen=True)
class TicketRow:
    ticket_id: int
    ref: str  # #KCP-00012340
    subject: str
    state: str
    priority: str
    assignee_id: int | None
    assignee_name: str | None
    created_at: dt.datetime


@dataclass(frozen=True)
class SupportOrderRow:
    order_id: int
    ref: str  # SA-00047118
    ticket_ref: str
    product_name: str
    category: str
    state: str
    assignee_id: int | None
    assignee_name: str | None
    created_at: dt.datetime


@dataclass(frozen=True)
class SubAccountRow:
    sub_account_id: int
    login: str
    email: str
    may_view_invoices: bool
    may_open_tickets: bool
    may_place_orders: bool
    may_manage_contacts: bool
    active: bool
    created_at: dt.datetime


@dataclass(frozen=True)
class HistoryRow:
    """C1.4: one changed field (``email``, ``phone``, ``address.billing``, ``last_name`` …).

    For a name change (ID-4) ``agent_name`` is the lead who approved it, ``reason`` the
    ticket and the request's reason; the requester and the lead's decision reason come
    from the approved request."""

    field: str
    old_value: str | None
    new_value: str | None
    agent_id: int
    agent_name: str
    changed_at: dt.datetime
    reason: str | None
    #: the approved name-change request this change came from, if any
    name_change_id: int | None = None
    requested_by_name: str | None = None
    decision_reason: str | None = None


@dataclass(frozen=True)
class VerificationRecord:
    """C1.5: whether, when and how the caller was verified (never what was said)."""

    at: dt.datetime
    method: str  # "phone_password" | "letter_code" | "sms_code" | "id_document"
    result: bool
    agent_id: int
    agent_name: str
    case_id: int | None


@dataclass(frozen=True)
class CustomerDetail:
    header: CustomerHeader
    contact: ContactData
    products: tuple[ProductRow, ...]
    tickets: Listing[TicketRow]
    support_orders: Listing[SupportOrderRow]
    sub_accounts: tuple[SubAccountRow, ...]
    history: Listing[HistoryRow]
    last_verification: VerificationRecord | None
    loaded_at: dt.datetime = field(compare=False)

    @property
    def customer_id(self) -> int:
        return self.header.customer_id

    @property
    def version(self) -> int:
        return self.contact.version


@dataclass(frozen=True)
class ContactSaved:
    """What a contact-data save changes in the open customer view: the Contact data tab
    (with the new ``version``) and the History tab. The other tabs are untouched by the
    save; ``detail(…, reload=True)`` refreshes them when needed."""

    customer_id: int
    contact: ContactData
    history: Listing[HistoryRow]
    #: the fields that really changed (empty: nothing was written)
    changed_fields: tuple[str, ...]

    @property
    def version(self) -> int:
        return self.contact.version


# --- helpers shared with the other customer services -------------------------------------


def display_name(
    kind: CustomerKind | str,
    first_name: str,
    last_name: str,
    company: str | None,
    legal_form: str | None,
) -> str:
    """``Muster GmbH`` for companies, ``Jürgen Müller`` for persons."""
    if kind == CustomerKind.COMPANY and company:
        return join_legal_form(company, legal_form or "")
    return " ".join(part for part in (first_name, last_name) if part) or (company or "")


def load_last_verification(s: Session, customer_id: int) -> VerificationRecord | None:
    row = s.execute(
        select(CallerVerification, Agent.display_name)
        .join(Agent, Agent.id == CallerVerification.agent_id)
        .where(CallerVerification.customer_id == customer_id)
        .order_by(CallerVerification.at.desc(), CallerVerification.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    cv, agent_name = row
    return VerificationRecord(
        at=cv.at,
        method=cv.method.value,
        result=cv.result,
        agent_id=cv.agent_id,
        agent_name=agent_name,
        case_id=cv.case_id,
    )


def current_address(
    addresses: Sequence[PostalAddress], kind: AddressKind, today: dt.date
) -> PostalAddress | None:
    """The address of ``kind`` that applies today: the newest one already valid."""
    mine = [a for a in addresses if a.kind == kind]
    valid = [a for a in mine if a.valid_from <= today]
    pool = valid or mine
    return max(pool, key=lambda a: (a.valid_from, a.id)) if pool else None


def search_text_of(customer: Customer, today: dt.date) -> str:
    """``customers.search_folded`` with the city of the billing (else contract) address."""
    address = current_address(customer.addresses, AddressKind.BILLING, today) or (
        current_address(customer.addresses, AddressKind.CONTRACT, today)
    )
    return customer_search_text(
        customer.first_name,
        customer.last_name,
        customer.company,
        customer.email,
        address.city if address else None,
    )


def stale_edit() -> StaleEdit:
    return StaleEdit(_STALE)


def customer_not_found() -> NotFound:
    return NotFound(_NOT_FOUND)


def _address_line(street: str, house: str, postcode: str, city: str, country: str) -> str:
    first = f"{street} {house}".strip()
    second = f"{postcode} {city}".strip()
    line = ", ".join(part for part in (first, second) if part)
    return line if country == rules.DEFAULT_REGION else f"{line}, {country}"


def _address_view(address: PostalAddress | None) -> AddressView | None:
    if address is None:
        return None
    return AddressView(
        kind=address.kind.value,
        street=address.street,
        house_number=address.house_number,
        postcode=address.postcode,
        city=address.city,
        country=address.country,
        valid_from=address.valid_from,
    )


# --- the service -----------------------------------------------------------------------------


class CustomerService:
    def __init__(self, db: Database, *, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self._db = db
        self._clock = clock

    # --- reading ------------------------------------------------------------------------

    def detail(
        self, session: AgentSession, customer_id: int, *, reload: bool = False
    ) -> CustomerDetail:
        """Everything the customer view shows (C1.3).

        Opening a customer is audited (A-2, ``customer_opened``); ``reload=True`` refreshes
        an already open view (after a save or a change notification) without a new entry.
        """
        with self._db.transaction() as s:
            acting_agent(s, session, *CUSTOMER_ROLES)
            detail = self._load_detail(s, customer_id)
            if not reload:
                audit.append(
                    s,
                    "customer_opened",
                    {"customer_id": customer_id, "number": detail.header.number},
                    agent_id=session.principal.agent_id,
                    keys=session.keys,
                )
        return detail

    # --- editing -----------------------------------------------------------------------

    def update_contact(
        self,
        session: AgentSession,
        customer_id: int,
        loaded_version: int,
        changes: Mapping[str, str],
        reason: str | None = None,
    ) -> ContactSaved:
        """Save the edited contact fields (C1.4); returns the new contact data and history.

        ``changes`` maps form fields (:data:`CONTACT_FIELDS`) to what was typed; fields
        left out stay as they are, an empty phone, mobile or date of birth removes it.
        Bad input raises :class:`FieldErrors` (an ``InvalidInput``) listing every bad
        field (the ``reason`` too), and nothing is written. Every field and the reason go
        through the input-cleaning rule (:mod:`kcp_desk.domain.text_input`: NFC; control,
        format and broken characters refused at the field; the reason keeps line
        breaks). Name fields raise ``PermissionDenied`` (name-change request). So does
        an ``email`` that differs from the stored address (C1.4: a new e-mail goes only
        through the identity case, ``services.identity``, whatever caller check was
        done); the same address, as the form may send it, is ignored. Either refusal
        writes nothing. A save based on an older ``loaded_version`` raises
        ``StaleEdit``.
        """
        names = sorted(NAME_FIELDS.intersection(changes))
        if names:
            raise PermissionDenied(_NAME_VIA_REQUEST, field=names[0])
        unknown = set(changes) - CONTACT_FIELDS
        if unknown:
            raise ValueError(f"not contact-data fields: {sorted(unknown)}")
        # the reason's error joins the fields' errors (one round trip marks them all)
        reason_error: InvalidInput | None = None
        try:
            reason = _clean_reason(reason)
        except InvalidInput as exc:
            reason_error, reason = exc, None
        now = self._clock()
        today = now.date()
        with self._db.transaction() as s:
            acting_agent(s, session, *CUSTOMER_ROLES, lock=True)
            customer = s.get(Customer, customer_id, options=[selectinload(Customer.addresses)])
            if customer is None:
                raise customer_not_found()
            if "email" in changes:
                # before the version check: reloading would not make the change possible
                _refuse_email_change(customer.email, changes["email"])
            if customer.version != loaded_version:
                raise stale_edit()
            billing = current_address(customer.addresses, AddressKind.BILLING, today)
            plan = _plan_changes(customer, billing, changes, today, reason_error)
            if not plan.history:
                return _saved(s, customer, today, ())
            _apply(customer, billing, plan, now)
            customer.search_folded = search_text_of(customer, today)
            # The customer row carries the version even when only the address changed.
            flag_modified(customer, "search_folded")
            agent_id = session.principal.agent_id
            for fld, old, new in plan.history:
                s.add(
                    ContactChange(
                        customer_id=customer_id,
                        field=fld,
                        old_value=old,
                        new_value=new,
                        agent_id=agent_id,
                        changed_at=now,
                        reason=reason,
                    )
                )
            flush_or_stale(s)
            audit.append(
                s,
                "contact_changed",
                {
                    "customer_id": customer_id,
                    "fields": [fld for fld, _, _ in plan.history],
                    "reason_given": reason is not None,
                },
                agent_id=agent_id,
                keys=session.keys,
            )
            return _saved(s, customer, today, tuple(fld for fld, _, _ in plan.history))

    # --- loading -----------------------------------------------------------------------

    def _load_detail(self, s: Session, customer_id: int) -> CustomerDetail:
        now = self._clock()
        today = now.date()
        customer = s.get(
            Customer,
            customer_id,
            options=[
                selectinload(Customer.addresses),
                selectinload(Customer.sub_accounts),
                selectinload(Customer.products),
            ],
            populate_existing=True,
        )
        if customer is None:
            raise customer_not_found()
        open_tickets, in_arrears, pending_name_change = _badge_counts(s, customer_id, today)
        locked_until = customer.p_factor_locked_until
        header = CustomerHeader(
            customer_id=customer.id,
            number=format_customer_number(customer.number),
            kind=customer.kind.value,
            display_name=display_name(
                customer.kind,
                customer.first_name,
                customer.last_name,
                customer.company,
                customer.legal_form,
            ),
            company=customer.company,
            customer_since=customer.customer_since,
            badges=Badges(
                in_arrears=in_arrears,
                open_tickets=open_tickets,
                factor_locked=locked_until is not None and locked_until > now,
                blocked=customer.blocked,
            ),
        )
        contact = _contact_data(customer, today, pending_name_change)
        products = tuple(
            ProductRow(
                product_id=p.id,
                kind=p.kind.value,
                name=p.name,
                domain=p.domain,
                hostname=p.hostname,
                sm_package=p.sm_package.value,
                active=p.active,
                started_on=p.started_on,
                ended_on=p.ended_on,
            )
            for p in sorted(customer.products, key=lambda p: (not p.active, p.started_on, p.id))
        )
        sub_accounts = tuple(
            SubAccountRow(
                sub_account_id=a.id,
                login=a.login,
                email=a.email,
                may_view_invoices=a.may_view_invoices,
                may_open_tickets=a.may_open_tickets,
                may_place_orders=a.may_place_orders,
                may_manage_contacts=a.may_manage_contacts,
                active=a.active,
                created_at=a.created_at,
            )
            for a in customer.sub_accounts
        )
        return CustomerDetail(
            header=header,
            contact=contact,
            products=products,
            tickets=_tickets(s, customer_id),
            support_orders=_support_orders(s, customer_id),
            sub_accounts=sub_accounts,
            history=_history(s, customer_id),
            last_verification=load_last_verification(s, customer_id),
            loaded_at=now,
        )


def _contact_data(
    customer: Customer, today: dt.date, pending_name_change: int | None
) -> ContactData:
    return ContactData(
        salutation=customer.salutation,
        first_name=customer.first_name,
        last_name=customer.last_name,
        company=customer.company,
        legal_form=customer.legal_form,
        kind=customer.kind.value,
        display_name=display_name(
            customer.kind,
            customer.first_name,
            customer.last_name,
            customer.company,
            customer.legal_form,
        ),
        email=customer.email,
        email_verified=customer.email_verified,
        phone=customer.phone,
        phone_e164=customer.phone_e164,
        mobile_e164=customer.mobile_e164,
        mobile_registered_at=customer.mobile_registered_at,
        date_of_birth=customer.date_of_birth,
        billing_address=_address_view(
            current_address(customer.addresses, AddressKind.BILLING, today)
        ),
        contract_address=_address_view(
            current_address(customer.addresses, AddressKind.CONTRACT, today)
        ),
        phone_password_set=customer.phone_password_hash is not None,
        phone_password_set_at=customer.phone_password_set_at,
        p_factor_locked_until=customer.p_factor_locked_until,
        pending_name_change_id=pending_name_change,
        version=customer.version,
    )


def _saved(
    s: Session, customer: Customer, today: dt.date, changed: tuple[str, ...]
) -> ContactSaved:
    """The save's answer without reloading the tabs the save cannot change (SPEC §5:
    a save of one edit within 10 ms)."""
    return ContactSaved(
        customer_id=customer.id,
        contact=_contact_data(customer, today, _pending_name_change(s, customer.id)),
        history=_history(s, customer.id),
        changed_fields=changed,
    )


def _pending_name_change(s: Session, customer_id: int) -> int | None:
    return s.scalar(
        select(func.max(NameChangeRequest.id)).where(
            NameChangeRequest.customer_id == customer_id,
            NameChangeRequest.state == RequestState.PENDING,
        )
    )


# --- queries for the tabs (one each; the total comes from a window function) --------------


def _badge_counts(s: Session, customer_id: int, today: dt.date) -> tuple[int, bool, int | None]:
    open_tickets = (
        select(func.count())
        .select_from(Ticket)
        .where(Ticket.customer_id == customer_id, Ticket.state != TicketState.CLOSED)
        .scalar_subquery()
    )
    in_arrears = exists().where(
        Invoice.customer_id == customer_id,
        or_(
            Invoice.state.in_((InvoiceState.OVERDUE, InvoiceState.RETURNED_DEBIT)),
            (Invoice.state.in_((InvoiceState.OPEN, InvoiceState.PARTLY_PAID)))
            & (Invoice.due_on < today),
        ),
    )
    pending = (
        select(func.max(NameChangeRequest.id))
        .where(
            NameChangeRequest.customer_id == customer_id,
            NameChangeRequest.state == RequestState.PENDING,
        )
        .scalar_subquery()
    )
    row = s.execute(select(open_tickets, in_arrears, pending)).one()
    return int(row[0] or 0), bool(row[1]), row[2]


def _tickets(s: Session, customer_id: int) -> Listing[TicketRow]:
    rows = s.execute(
        select(
            Ticket.id,
            Ticket.number,
            Ticket.subject,
            Ticket.state,
            Ticket.priority,
            Ticket.assignee_id,
            Agent.display_name,
            Ticket.created_at,
            func.count().over(),
        )
        .outerjoin(Agent, Agent.id == Ticket.assignee_id)
        .where(Ticket.customer_id == customer_id)
        .order_by(Ticket.created_at.desc(), Ticket.id.desc())
        .limit(LIST_CAP)
    ).all()
    return Listing(
        tuple(
            TicketRow(
                ticket_id=r[0],
                ref=format_ticket_ref(r[1]),
                subject=r[2],
                state=r[3].value,
                priority=r[4].value,
                assignee_id=r[5],
                assignee_name=r[6],
                created_at=r[7],
            )
            for r in rows
        ),
        rows[0][8] if rows else 0,
    )


def _support_orders(s: Session, customer_id: int) -> Listing[SupportOrderRow]:
    rows = s.execute(
        select(
            SupportOrder.id,
            SupportOrder.number,
            Ticket.number,
            Product.name,
            SupportOrder.category,
            SupportOrder.state,
            SupportOrder.assignee_id,
            Agent.display_name,
            SupportOrder.created_at,
            func.count().over(),
        )
        .join(Ticket, Ticket.id == SupportOrder.ticket_id)
        .join(Product, Product.id == SupportOrder.product_id)
        .outerjoin(Agent, Agent.id == SupportOrder.assignee_id)
        .where(SupportOrder.customer_id == customer_id)
        .order_by(SupportOrder.created_at.desc(), SupportOrder.id.desc())
        .limit(LIST_CAP)
    ).all()
    return Listing(
        tuple(
            SupportOrderRow(
                order_id=r[0],
                ref=format_order_ref(r[1]),
                ticket_ref=format_ticket_ref(r[2]),
                product_name=r[3],
                category=r[4],
                state=r[5].value,
                assignee_id=r[6],
                assignee_name=r[7],
                created_at=r[8],
            )
            for r in rows
        ),
        rows[0][9] if rows else 0,
    )


_Requester = aliased(Agent, name="requester")


def _history(s: Session, customer_id: int) -> Listing[HistoryRow]:
    rows = s.execute(
        select(ContactChange, Agent.display_name, func.count().over())
        .join(Agent, Agent.id == ContactChange.agent_id)
        .where(ContactChange.customer_id == customer_id)
        .order_by(ContactChange.changed_at.desc(), ContactChange.id.desc())
        .limit(LIST_CAP)
    ).all()
    # a name change's rows carry the approving lead as agent and the decision's time
    # (services/name_change.py): that finds the request with requester and decision
    requests: dict[tuple[int, dt.datetime], tuple[int, str, str | None]] = {}
    if any(c.field in NAME_FIELDS for c, _, _ in rows):
        for request_id, lead_id, decided_at, requester, decision in s.execute(
            select(
                NameChangeRequest.id,
                NameChangeRequest.decided_by_id,
                NameChangeRequest.decided_at,
                _Requester.display_name,
                NameChangeRequest.decision_reason,
            )
            .join(_Requester, _Requester.id == NameChangeRequest.requested_by_id)
            .where(NameChangeRequest.customer_id == customer_id)
            .where(NameChangeRequest.state == RequestState.APPROVED)
        ):
            if lead_id is not None and decided_at is not None:
                requests[(lead_id, decided_at)] = (request_id, requester, decision)

    def row(c: ContactChange, name: str) -> HistoryRow:
        found = requests.get((c.agent_id, c.changed_at)) if c.field in NAME_FIELDS else None
        return HistoryRow(
            field=c.field,
            old_value=c.old_value,
            new_value=c.new_value,
            agent_id=c.agent_id,
            agent_name=name,
            changed_at=c.changed_at,
            reason=c.reason,
            name_change_id=found[0] if found else None,
            requested_by_name=found[1] if found else None,
            decision_reason=found[2] if found else None,
        )

    return Listing(tuple(row(c, name) for c, name, _ in rows), rows[0][2] if rows else 0)


def _money(value: Decimal) -> Decimal:
    # SQLite hands back more digits than the column has; show cents only.
    return value.quantize(Decimal("0.01"))


# --- planning and applying a contact edit ------------------------------------------------


@dataclass
class _Plan:
    #: (field, old, new) for the history, in a stable order
    history: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    salutation: str | None = None
    phone: rules.Phone | None = None
    phone_cleared: bool = False
    mobile: rules.Phone | None = None
    mobile_cleared: bool = False
    date_of_birth: dt.date | None = None
    date_of_birth_changed: bool = False
    #: the complete new billing address, if it changed
    billing: dict[str, str] | None = None


def _clean_reason(reason: str | None) -> str | None:
    if reason is None:
        return None
    cleaned = multi_line(reason, field="reason")
    if len(cleaned) > _REASON_MAX:
        raise InvalidInput(
            TOO_LONG,
            field="reason",
            n=_REASON_MAX,
        )
    return cleaned or None


def _plan_changes(
    customer: Customer,
    billing: PostalAddress | None,
    changes: Mapping[str, str],
    today: dt.date,
    reason_error: InvalidInput | None = None,
) -> _Plan:
    """Validate every given field (collecting all errors, ``reason_error`` among them)
    and work out what changes."""
    errors: dict[str, InvalidInput] = {}
    plan = _Plan()

    def check(fld: str, fn: Callable[[], None]) -> None:
        try:
            fn()
        except InvalidInput as exc:
            errors.setdefault(fld, exc)

    if "salutation" in changes:

        def salutation() -> None:
            value = rules.optional_text(changes["salutation"], field="salutation")
            if value != customer.salutation:
                plan.salutation = value
                plan.history.append(("salutation", customer.salutation, value))

        check("salutation", salutation)

    if "phone" in changes:

        def phone() -> None:
            value = rules.normalise_phone(changes["phone"], field="phone")
            if value is None:
                if customer.phone or customer.phone_e164:
                    plan.phone_cleared = True
                    plan.history.append(("phone", customer.phone or None, None))
            elif value.as_entered != customer.phone or value.e164 != customer.phone_e164:
                plan.phone = value
                plan.history.append(("phone", customer.phone or None, value.as_entered))

        check("phone", phone)

    if "mobile" in changes:

        def mobile() -> None:
            value = rules.normalise_phone(changes["mobile"], field="mobile")
            if value is None:
                if customer.mobile_e164:
                    plan.mobile_cleared = True
                    plan.history.append(("mobile", customer.mobile_e164, None))
            elif value.e164 != customer.mobile_e164:
                plan.mobile = value
                plan.history.append(("mobile", customer.mobile_e164, value.e164))

        check("mobile", mobile)

    if "date_of_birth" in changes:

        def date_of_birth() -> None:
            value = rules.parse_date_of_birth(changes["date_of_birth"], today=today)
            if value != customer.date_of_birth:
                plan.date_of_birth = value
                plan.date_of_birth_changed = True
                old = customer.date_of_birth
                plan.history.append(
                    (
                        "date_of_birth",
                        old.isoformat() if old else None,
                        value.isoformat() if value else None,
                    )
                )

        check("date_of_birth", date_of_birth)

    if any(f"billing.{part}" in changes for part in _ADDRESS_PARTS):
        _plan_billing(billing, changes, plan, errors)

    if reason_error is not None:
        errors["reason"] = reason_error
    if errors:
        raise FieldErrors(errors)
    return plan


def _plan_billing(
    billing: PostalAddress | None,
    changes: Mapping[str, str],
    plan: _Plan,
    errors: dict[str, InvalidInput],
) -> None:
    current = {
        "street": billing.street if billing else "",
        "house_number": billing.house_number if billing else "",
        "postcode": billing.postcode if billing else "",
        "city": billing.city if billing else "",
        "country": billing.country if billing else rules.DEFAULT_REGION,
    }
    typed = {part: changes.get(f"billing.{part}", current[part]) for part in _ADDRESS_PARTS}
    new: dict[str, str] = {}
    validators: dict[str, Callable[[], str]] = {
        "country": lambda: rules.normalise_country(typed["country"], field="billing.country"),
        "street": lambda: rules.require_text(
            typed["street"], field="billing.street", limit="street"
        ),
        "house_number": lambda: rules.require_text(
            typed["house_number"], field="billing.house_number", limit="house_number"
        ),
        "city": lambda: rules.require_text(typed["city"], field="billing.city", limit="city"),
    }
    for part, validate in validators.items():
        try:
            new[part] = validate()
        except InvalidInput as exc:
            errors.setdefault(f"billing.{part}", exc)
    try:
        country = new.get("country", current["country"])
        new["postcode"] = rules.normalise_postcode(
            typed["postcode"], country, field="billing.postcode"
        )
    except InvalidInput as exc:
        errors.setdefault("billing.postcode", exc)
    if len(new) != len(_ADDRESS_PARTS) or new == current:
        return
    plan.billing = new
    old_line = (
        _address_line(
            current["street"],
            current["house_number"],
            current["postcode"],
            current["city"],
            current["country"],
        )
        if billing
        else None
    )
    new_line = _address_line(
        new["street"], new["house_number"], new["postcode"], new["city"], new["country"]
    )
    plan.history.append(("address.billing", old_line, new_line))


def _apply(
    customer: Customer, billing: PostalAddress | None, plan: _Plan, now: dt.datetime
) -> None:
    if plan.salutation is not None:
        customer.salutation = plan.salutation
    if plan.phone is not None:
        customer.phone = plan.phone.as_entered
        customer.phone_e164 = plan.phone.e164
    elif plan.phone_cleared:
        customer.phone = ""
        customer.phone_e164 = None
    if plan.mobile is not None:
        customer.mobile_e164 = plan.mobile.e164
        customer.mobile_registered_at = now  # ID-1 M: the 30 days start again
    elif plan.mobile_cleared:
        customer.mobile_e164 = None
        customer.mobile_registered_at = None
    if plan.date_of_birth_changed:
        customer.date_of_birth = plan.date_of_birth
    if plan.billing is not None:
        today = now.date()
        if billing is not None and billing.valid_from == today:
            # a second change on the same day corrects today's address
            for part, value in plan.billing.items():
                setattr(billing, part, value)
        else:
            # keep the old address as history; the newest valid one applies
            customer.addresses.append(
                PostalAddress(kind=AddressKind.BILLING, valid_from=today, **plan.billing)
            )


def flush_or_stale(s: Session) -> None:
    """Flush; a row that changed since it was read (version column) is a stale edit."""
    try:
        s.flush()
    except StaleDataError:
        raise stale_edit() from None


def _refuse_email_change(stored: str, typed: str) -> None:
    """C1.4: the contact form cannot change the e-mail address, with or without a
    caller check (one factor, no four-eyes: the account take-over by phone). The same
    address (as typed or normalised) passes; anything else, even text that is no
    address at all, is refused, so nothing the form sends can reach the row."""
    if typed == stored:
        return
    try:
        if rules.normalise_email(typed) == stored:
            return
    except InvalidInput:
        pass
    raise PermissionDenied(_EMAIL_VIA_IDENTITY_CASE, field="email")
