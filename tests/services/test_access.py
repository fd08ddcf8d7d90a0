"""Who is acting, checked in the action's own transaction (SPEC §0, issue 7), on SQLite and
PostgreSQL: a locked desk reads nothing, an admin sees no customer, and a role or active
flag changed after the login counts at once."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event, func, select, text, update
from sqlalchemy.exc import OperationalError

from kcp_desk.db import Database
from kcp_desk.domain.identity_policy import DocumentType
from kcp_desk.errors import PermissionDenied
from kcp_desk.models.agents import Agent, Role
from kcp_desk.models.audit import AuditEntry
from kcp_desk.models.billing import Invoice, InvoiceCounter, InvoiceState
from kcp_desk.models.customers import Customer, CustomerKind, NameChangeRequest, PaymentMethod
from kcp_desk.models.identity import IdentityCase, IdentityCaseState, IdentityPurpose
from kcp_desk.models.tickets import Ticket
from kcp_desk.services.access import CUSTOMER_ROLES, acting_agent
from kcp_desk.services.admin import AdminService
from kcp_desk.services.agents import provision_agent
from kcp_desk.services.auth import AuthService
from kcp_desk.services.billing import BillingService
from kcp_desk.services.caller_verification import CallerVerificationService
from kcp_desk.services.customers import CustomerService
from kcp_desk.services.desk import DeskServices
from kcp_desk.services.identity import IdentityService
from kcp_desk.services.name_change import NameChangeService
from kcp_desk.services.orders import OrderService
from kcp_desk.services.principal import AgentSession, Principal
from kcp_desk.services.search import CustomerSearch
from kcp_desk.services.tickets import QueueFilters, TicketAssignment, TicketQueues, TicketThread
from kcp_desk.services.vault import VaultService
from tests.conftest import FAST_KDF, PASSPHRASES

TODAY = dt.date(2026, 3, 2)
D = Decimal


def _login(db: Database, name: str, passphrase: str | None = None) -> AgentSession:
    return AuthService(db).login(name, passphrase or PASSPHRASES[name]).session


@dataclass(frozen=True)
class World:
    customer: int
    invoice: int
    request: int
    ticket: int
    #: anna's id: whom a ticket is handed over or reassigned to
    anna: int
    #: anna's identity case, waiting for a lead
    case: int


@pytest.fixture
def world(database: Database, agents: dict[str, int]) -> World:
    """One customer with a ticket, a paid invoice and anna's pending name change."""
    with database.transaction() as s:
        customer = Customer(
            number=1234567,
            kind=CustomerKind.PERSON,
            first_name="Erika",
            last_name="Mustermann",
            email="erika@example.de",
            customer_since=dt.date(2019, 5, 1),
            preferred_payment_method=PaymentMethod.BANK_TRANSFER,
            search_folded="erika mustermann erika@example.de",
        )
        s.add(customer)
        s.flush()
        ticket = Ticket(customer_id=customer.id, number=1234, subject="Namensänderung")
        invoice = Invoice(
            number="RE-2026-000001",
            year=2026,
            seq=1,
            customer_id=customer.id,
            issued_on=dt.date(2026, 2, 1),
            due_on=dt.date(2026, 2, 15),
            state=InvoiceState.PAID,
            net=D("100.00"),
            vat=D("19.00"),
            gross=D("119.00"),
            paid_amount=D("119.00"),
            payment_method=PaymentMethod.BANK_TRANSFER,
        )
        s.add_all([ticket, invoice, InvoiceCounter(year=2026, last_seq=1)])
        s.flush()
        request = NameChangeRequest(
            customer_id=customer.id,
            ticket_id=ticket.id,
            new_first_name="Erika",
            new_last_name="Musterfrau",
            requested_by_id=agents["anna"],
            requested_at=dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC),
        )
        s.add(request)
        case = IdentityCase(
            customer_id=customer.id,
            purpose=IdentityPurpose.EMAIL_CHANGE,
            prepared_by_id=agents["anna"],
            state=IdentityCaseState.AWAITING_APPROVAL,
            new_email="erika.neu@example.de",
            new_email_masked="e•••@example.de",
        )
        s.add(case)
        s.flush()
        return World(customer.id, invoice.id, request.id, ticket.id, agents["anna"], case.id)


# --- every entry point ---------------------------------------------------------------------

Call = Callable[[DeskServices, AgentSession, World], Any]

#: every public method of the customer-data services, called with sensible arguments
ENTRY_POINTS: dict[str, Call] = {
    "CustomerSearch.search": lambda d, a, w: d.search.search(a, "K12345671"),
    "CustomerService.detail": lambda d, a, w: d.customers.detail(a, w.customer),
    "CustomerService.update_contact": lambda d, a, w: d.customers.update_contact(
        a, w.customer, 1, {"salutation": "Frau"}
    ),
    "CallerVerificationService.status": lambda d, a, w: d.verification.status(a, w.customer),
    "CallerVerificationService.last_verification": lambda d, a, w: d.verification.last_verification(
        a, w.customer
    ),
    "CallerVerificationService.verify_phone_password": lambda d, a, w: (
        d.verification.verify_phone_password(a, w.customer, "Sonnenblume-42")
    ),
    "NameChangeService.request": lambda d, a, w: d.name_change.request(
        a, w.customer, "#KCP-00012340", "Erika", "Schmidt", None, None, "Heirat"
    ),
    "NameChangeService.pending": lambda d, a, w: d.name_change.pending(a),
    "NameChangeService.pending_count": lambda d, a, w: d.name_change.pending_count(a),
    "NameChangeService.get": lambda d, a, w: d.name_change.get(a, w.request),
    "NameChangeService.approve": lambda d, a, w: d.name_change.approve(a, w.request, 1, "passt"),
    "NameChangeService.reject": lambda d, a, w: d.name_change.reject(a, w.request, 1, "nein"),
    "BillingService.glance": lambda d, a, w: d.billing.glance(a, w.customer),
    "BillingService.invoices": lambda d, a, w: d.billing.invoices(a, w.customer),
    "BillingService.invoice_detail": lambda d, a, w: d.billing.invoice_detail(a, w.invoice),
    "BillingService.mandates": lambda d, a, w: d.billing.mandates(a, w.customer),
    "BillingService.returned_debits": lambda d, a, w: d.billing.returned_debits(a, w.customer),
    "BillingService.dunning_ladder": lambda d, a, w: d.billing.dunning_ladder(a, w.customer),
    "BillingService.payment_changes": lambda d, a, w: d.billing.payment_changes(a, w.customer),
    "BillingService.cancel_invoice": lambda d, a, w: d.billing.cancel_invoice(
        a, w.invoice, "Doppelt berechnet"
    ),
    "BillingService.record_return": lambda d, a, w: d.billing.record_return(
        a, w.invoice, "AM04", TODAY, D("119.00")
    ),
    "BillingService.change_payment_method": lambda d, a, w: d.billing.change_payment_method(
        a, w.customer, 1, "paypal", reason="Kundenwunsch"
    ),
    "TicketAssignment.status": lambda d, a, w: d.tickets.status(a, w.ticket),
    "TicketAssignment.colleagues": lambda d, a, w: d.tickets.colleagues(a),
    "TicketAssignment.claim": lambda d, a, w: d.tickets.claim(a, w.ticket),
    "TicketAssignment.release": lambda d, a, w: d.tickets.release(a, w.ticket, 1),
    "TicketAssignment.hand_over": lambda d, a, w: d.tickets.hand_over(a, w.ticket, 1, w.anna),
    "TicketAssignment.reassign": lambda d, a, w: d.tickets.reassign(
        a, w.ticket, 1, w.anna, "Urlaubsvertretung"
    ),
    "TicketAssignment.change_state": lambda d, a, w: d.tickets.change_state(a, w.ticket, 1, "open"),
    "TicketQueues.page": lambda d, a, w: d.queues.page(a, "unassigned"),
    "TicketQueues.count": lambda d, a, w: d.queues.count(
        a, "customer", QueueFilters(customer_id=w.customer)
    ),
    "TicketQueues.ids": lambda d, a, w: d.queues.ids(a, "mine"),
    "TicketQueues.rows": lambda d, a, w: d.queues.rows(a, [1]),
    "TicketQueues.find": lambda d, a, w: d.queues.find(a, "#KCP-00012340"),
    "TicketQueues.team": lambda d, a, w: d.queues.page(a, "team"),
    "TicketQueues.workload": lambda d, a, w: d.queues.workload(a),
    "TicketThread.open": lambda d, a, w: d.thread.open(a, w.ticket),
    "TicketThread.post": lambda d, a, w: d.thread.post(
        a, w.ticket, 1, "internal_note", "Kunde ruft morgen zurück."
    ),
    # support orders: refused before the (absent) order is looked at
    "OrderService.detail": lambda d, a, w: d.orders.detail(a, 1),
    "OrderService.change_state": lambda d, a, w: d.orders.change_state(a, 1, 1, "in_review"),
    "OrderService.bill": lambda d, a, w: d.orders.bill(a, 1, 1),
    "OrderService.start_clock": lambda d, a, w: d.orders.start_clock(a, 1, 1),
    "OrderService.stop_clock": lambda d, a, w: d.orders.stop_clock(a, 1, 1, 1),
    "OrderService.add_time": lambda d, a, w: d.orders.add_time(
        a,
        1,
        1,
        dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 1, 10, tzinfo=dt.UTC),
        True,
        "",
    ),
    "OrderService.delete_time": lambda d, a, w: d.orders.delete_time(a, 1, 1, 1),
    # the vault: refused before the (absent) order is looked at
    "VaultService.reveal": lambda d, a, w: d.vault.reveal(a, 1, "root password"),
    "VaultService.waiting": lambda d, a, w: d.vault.waiting(a),
    "VaultService.grant": lambda d, a, w: d.vault.grant(a, 1, w.anna),
    "VaultService.upkeep": lambda d, a, w: d.vault.upkeep(a),
    "IdentityService.current_case": lambda d, a, w: d.identity.current_case(a, w.customer),
    "IdentityService.get": lambda d, a, w: d.identity.get(a, w.case),
    "IdentityService.cases_of": lambda d, a, w: d.identity.cases_of(a, w.customer),
    "IdentityService.pending": lambda d, a, w: d.identity.pending(a),
    "IdentityService.pending_count": lambda d, a, w: d.identity.pending_count(a),
    "IdentityService.open_case": lambda d, a, w: d.identity.open_case(
        a, w.customer, has_mailbox=False, knowledge=()
    ),
    "IdentityService.try_phone_password": lambda d, a, w: d.identity.try_phone_password(
        a, w.case, "Sonnenblume"
    ),
    "IdentityService.send_letter": lambda d, a, w: d.identity.send_letter(a, w.case),
    "IdentityService.send_sms": lambda d, a, w: d.identity.send_sms(a, w.case),
    "IdentityService.send_link": lambda d, a, w: d.identity.send_link(a, w.case),
    "IdentityService.enter_code": lambda d, a, w: d.identity.enter_code(
        a, w.case, "L", "KD7M-4XRA-9HNT-PW3E"
    ),
    "IdentityService.record_document": lambda d, a, w: d.identity.record_document(
        a, w.case, [DocumentType.ID_CARD], True
    ),
    "IdentityService.submit": lambda d, a, w: d.identity.submit(a, w.case, 1, "neu@example.de"),
    "IdentityService.cancel": lambda d, a, w: d.identity.cancel(a, w.case, 1, "aufgelegt"),
    "IdentityService.approve": lambda d, a, w: d.identity.approve(a, w.case, 1, "geprüft"),
    "IdentityService.reject": lambda d, a, w: d.identity.reject(a, w.case, 1, "Zweifel"),
}
#: what only an admin does: everyone else, a locked desk and a disabled admin refused
ADMIN_ENTRY_POINTS: dict[str, Callable[[DeskServices, AgentSession, World], Any]] = {
    "AdminService.overview": lambda d, a, w: d.admin.overview(a),
    "AdminService.create_agent": lambda d, a, w: d.admin.create_agent(
        a, username="nina", display_name="Nina", role=Role.AGENT, passphrase="nina-passphrase-1"
    ),
    "AdminService.change_role": lambda d, a, w: d.admin.change_role(a, w.anna, 1, Role.LEAD),
    "AdminService.disable": lambda d, a, w: d.admin.disable(a, w.anna, 1),
    "AdminService.enable": lambda d, a, w: d.admin.enable(a, w.anna, 1),
    "AdminService.reset_keys": lambda d, a, w: d.admin.reset_keys(
        a, w.anna, 1, "new-anna-passphrase"
    ),
    "AdminService.rotate_dispatch_key": lambda d, a, w: d.admin.rotate_dispatch_key(a),
}
LEAD_ONLY = {
    "VaultService.waiting",
    "VaultService.grant",
    "VaultService.upkeep",
    "NameChangeService.approve",
    "NameChangeService.reject",
    "IdentityService.approve",
    "IdentityService.reject",
    "BillingService.cancel_invoice",
    "TicketAssignment.reassign",
    "TicketQueues.team",
    "TicketQueues.workload",
}
SERVICES = (CustomerSearch, CustomerService, CallerVerificationService, NameChangeService,
            BillingService, TicketAssignment, TicketQueues, TicketThread,
            OrderService, VaultService, AdminService, IdentityService)  # fmt: skip


def test_the_table_names_every_entry_point() -> None:
    """A new public service method without a row here would escape the tests below."""
    public = {
        f"{cls.__name__}.{name}"
        for cls in SERVICES
        for name, _ in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    }
    assert public == (set(ENTRY_POINTS) | set(ADMIN_ENTRY_POINTS)) - {
        "TicketQueues.team"  # page(…, "team")
    }


def _admin_state(db: Database) -> tuple[object, ...]:
    with db.session_factory() as s:
        return (
            tuple(s.execute(select(Agent.id, Agent.role, Agent.active, Agent.key_version))),
            s.scalar(text("SELECT count(*) FROM certificates")),
            s.scalar(text("SELECT count(*) FROM dispatch_keys")),
        )


def _ida(db: Database) -> AgentSession:
    with db.transaction() as s:
        provision_agent(s, username="ida", display_name="Ida", role=Role.ADMIN,
                        passphrase="ida-test-passphrase", kdf=FAST_KDF)  # fmt: skip
    return _login(db, "ida", "ida-test-passphrase")


@pytest.mark.parametrize("entry", sorted(ADMIN_ENTRY_POINTS))
@pytest.mark.parametrize("who", ["anna", "lea", "locked admin", "disabled admin"])
def test_only_an_active_unlocked_admin_manages_agents(
    database: Database, world: World, entry: str, who: str
) -> None:
    if who in ("anna", "lea"):
        session = _login(database, who)
    else:
        session = _ida(database)
        if who == "locked admin":
            AuthService(database).lock(session, reason="idle")
        else:
            with database.transaction() as s:
                s.execute(update(Agent).where(Agent.username == "ida").values(active=False))
    audited, before = _audit_count(database), _admin_state(database)
    with pytest.raises(PermissionDenied, match=r"admin|locked|disabled"):
        ADMIN_ENTRY_POINTS[entry](DeskServices.build(database), session, world)
    assert (_admin_state(database), _audit_count(database)) == (before, audited)


def _audit_count(db: Database) -> int:
    with db.session_factory() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)) or 0


def _unchanged(db: Database, world: World) -> tuple[object, ...]:
    with db.session_factory() as s:
        customer = s.get(Customer, world.customer)
        invoice = s.get(Invoice, world.invoice)
        request = s.get(NameChangeRequest, world.request)
        ticket = s.get(Ticket, world.ticket)
        case = s.get(IdentityCase, world.case)
        assert customer and invoice and request and ticket and case
        return (
            (case.version, case.state, customer.email),
            customer.version,
            customer.salutation,
            customer.preferred_payment_method,
            invoice.state,
            request.state,
            (ticket.version, ticket.state, ticket.assignee_id),
            s.scalar(select(func.count()).select_from(Invoice)),
            s.scalar(select(func.count()).select_from(NameChangeRequest)),
        )


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_a_locked_desk_is_refused_everywhere(database: Database, world: World, entry: str) -> None:
    services = DeskServices.build(database)
    session = _login(database, "lea")  # a lead: every entry point is hers when unlocked
    AuthService(database).lock(session, reason="idle")
    audited, before = _audit_count(database), _unchanged(database, world)
    with pytest.raises(PermissionDenied, match="locked"):
        ENTRY_POINTS[entry](services, session, world)
    assert (_audit_count(database), _unchanged(database, world)) == (audited, before)


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_admins_have_no_customer_access(database: Database, world: World, entry: str) -> None:
    with database.transaction() as s:
        provision_agent(s, username="ida", display_name="Ida", role=Role.ADMIN,
                        passphrase="ida-test-passphrase", kdf=FAST_KDF)  # fmt: skip
    admin = _login(database, "ida", "ida-test-passphrase")
    audited, before = _audit_count(database), _unchanged(database, world)
    with pytest.raises(PermissionDenied):
        ENTRY_POINTS[entry](DeskServices.build(database), admin, world)
    assert (_audit_count(database), _unchanged(database, world)) == (audited, before)


@pytest.mark.parametrize("entry", sorted(LEAD_ONLY))
def test_agents_are_refused_lead_only_actions(database: Database, world: World, entry: str) -> None:
    anna = _login(database, "anna")
    before = _unchanged(database, world)
    with pytest.raises(PermissionDenied, match="lead"):
        ENTRY_POINTS[entry](DeskServices.build(database), anna, world)
    assert _unchanged(database, world) == before


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_an_agent_disabled_after_login_is_refused_everywhere(
    database: Database, agents: dict[str, int], world: World, entry: str
) -> None:
    lea = _login(database, "lea")
    with database.transaction() as s:
        s.execute(update(Agent).where(Agent.id == agents["lea"]).values(active=False))
    before = _unchanged(database, world)
    with pytest.raises(PermissionDenied, match="disabled"):
        ENTRY_POINTS[entry](DeskServices.build(database), lea, world)
    assert _unchanged(database, world) == before


# --- the helper -------------------------------------------------------------------------------


def test_acting_agent_reads_the_row_as_it_is_now(
    database: Database, agents: dict[str, int]
) -> None:
    lea = _login(database, "lea")
    with database.transaction() as s:
        agent = acting_agent(s, lea, Role.LEAD)
        assert (agent.id, agent.role) == (agents["lea"], Role.LEAD)
    with database.transaction() as s:
        s.execute(update(Agent).where(Agent.id == agents["lea"]).values(role=Role.AGENT))
    assert lea.principal.is_lead  # the login snapshot still says lead …
    with database.transaction() as s, pytest.raises(PermissionDenied) as err:
        acting_agent(s, lea, Role.LEAD, denied="Only a lead may do this.")
    assert str(err.value) == "Only a lead may do this."  # … the database does not
    with database.transaction() as s:
        assert acting_agent(s, lea, *CUSTOMER_ROLES).role == Role.AGENT


def test_acting_agent_refuses_an_agent_who_is_gone(
    database: Database, agents: dict[str, int]
) -> None:
    anna = _login(database, "anna")
    ghost = AgentSession(Principal(99_999, "ghost", "Ghost", "lead"), anna.keys, 1)
    with database.transaction() as s, pytest.raises(PermissionDenied, match="disabled"):
        acting_agent(s, ghost, *CUSTOMER_ROLES)


def test_acting_agent_needs_a_role_to_allow(database: Database, agents: dict[str, int]) -> None:
    anna = _login(database, "anna")
    with database.transaction() as s, pytest.raises(ValueError):
        acting_agent(s, anna)


def test_reads_take_no_lock_and_writes_a_share_lock(
    database: Database, agents: dict[str, int]
) -> None:
    statements: list[str] = []

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    anna = _login(database, "anna")
    event.listen(database.engine, "before_cursor_execute", record)
    try:
        with database.transaction() as s:
            acting_agent(s, anna, *CUSTOMER_ROLES)
        with database.transaction() as s:
            acting_agent(s, anna, *CUSTOMER_ROLES, lock=True)
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
    read, write = [st for st in statements if "FROM agents" in st]
    assert "FOR" not in read
    if database.dialect == "postgresql":
        assert write.rstrip().endswith("FOR SHARE")


def test_a_demotion_waits_for_the_privileged_write_in_progress(
    database: Database, agents: dict[str, int]
) -> None:
    """PostgreSQL: between the check and the commit nobody changes the agent's row, so a
    lead demoted "at the same moment" either acted before the demotion or not at all."""
    if database.dialect != "postgresql":
        pytest.skip("SQLite has one writer at a time")
    lea = _login(database, "lea")
    with database.transaction() as s:
        acting_agent(s, lea, Role.LEAD, lock=True)
        with database.engine.connect() as admin:
            admin.execute(text("SET lock_timeout = '200ms'"))
            with pytest.raises(OperationalError, match="lock timeout"):
                admin.execute(
                    update(Agent).where(Agent.id == agents["lea"]).values(role=Role.AGENT)
                )
            admin.rollback()
