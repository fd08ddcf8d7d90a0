"""The customer view (C1.3) and contact-data edits (C1.4) on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from kcp_desk.db import Database
from kcp_desk.errors import InvalidInput, NotFound, PermissionDenied, StaleEdit
from kcp_desk.models.agents import Agent, Role
from kcp_desk.models.audit import AuditEntry
from kcp_desk.models.billing import Invoice, InvoiceState
from kcp_desk.models.customers import (
    AddressKind,
    CallerVerification,
    ContactChange,
    Customer,
    CustomerKind,
    PaymentMethod,
    PostalAddress,
    SubAccount,
    VerificationMethod,
)
from kcp_desk.models.orders import CostModel, OrderState, SupportOrder
from kcp_desk.models.outbox import OutboxMessage
from kcp_desk.models.products import Product, ProductKind, SmPackage
from kcp_desk.models.tickets import Ticket, TicketPriority, TicketState
from kcp_desk.security.phone_password import PhonePasswordParams, hash_phone_password
from kcp_desk.services import audit
from kcp_desk.services.agents import provision_agent
from kcp_desk.services.auth import AuthService
from kcp_desk.services.caller_verification import CallerVerificationService, VerificationResult
from kcp_desk.services.customers import CONTACT_FIELDS, LIST_CAP, CustomerService, FieldErrors
from kcp_desk.services.principal import AgentSession
from tests.conftest import FAST_KDF, PASSPHRASES

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
TODAY = NOW.date()
PHONE_PASSWORD = "Sonnenblume-Zebra-42"
#: cheap parameters for tests only (the PHC string carries them)
CHEAP_PHONE_KDF = PhonePasswordParams(memory_kib=64, iterations=1, lanes=1)


def _clock() -> dt.datetime:
    return NOW


def _login(db: Database, name: str) -> AgentSession:
    return AuthService(db).login(name, PASSPHRASES[name]).session


def _add_customer(s: Session, *, number: int = 1234567, invoices: int = 2) -> Customer:
    customer = Customer(
        number=number,
        kind=CustomerKind.PERSON,
        salutation="Herr",
        first_name="Jürgen",
        last_name="Müller",
        email="j.mueller@example.de",
        email_verified=True,
        phone="0221 / 123 45-6",
        phone_e164="+49221123456",
        date_of_birth=dt.date(1970, 4, 30),
        customer_since=dt.date(2019, 5, 1),
        preferred_payment_method=PaymentMethod.SEPA_DIRECT_DEBIT,
        search_folded="juergen mueller j.mueller@example.de koeln",
    )
    customer.addresses.append(
        PostalAddress(
            kind=AddressKind.BILLING,
            street="Domstraße",
            house_number="12a",
            postcode="50667",
            city="Köln",
            valid_from=dt.date(2019, 5, 1),
        )
    )
    s.add(customer)
    s.flush()
    for i in range(1, invoices + 1):
        s.add(
            Invoice(
                customer_id=customer.id,
                number=f"RE-2026-{number % 1000:03d}{i:03d}",
                year=2026,
                seq=(number % 1000) * 1000 + i,
                issued_on=dt.date(2026, 1, 1) + dt.timedelta(days=i),
                due_on=dt.date(2026, 1, 15) + dt.timedelta(days=i),
                state=InvoiceState.PAID if i > 1 else InvoiceState.OPEN,
                net=Decimal("10.00"),
                vat=Decimal("1.90"),
                gross=Decimal("11.90"),
                paid_amount=Decimal("11.90") if i > 1 else Decimal("0.00"),
                payment_method=PaymentMethod.SEPA_DIRECT_DEBIT,
            )
        )
    return customer


def _add_business(s: Session, customer: Customer, anna_id: int) -> None:
    product = Product(
        customer_id=customer.id,
        kind=ProductKind.VSERVER,
        name="vServer M",
        hostname="v12345.kcp-hosting.de",
        sm_package=SmPackage.PRO,
        started_on=dt.date(2020, 1, 1),
    )
    domain = Product(
        customer_id=customer.id,
        kind=ProductKind.DOMAIN,
        name="Domain",
        domain="mueller-koeln.de",
        active=False,
        started_on=dt.date(2019, 5, 1),
        ended_on=dt.date(2024, 5, 1),
    )
    open_ticket = Ticket(
        customer_id=customer.id,
        number=1234,
        subject="Plesk startet nicht",
        state=TicketState.OPEN,
        priority=TicketPriority.HIGH,
        assignee_id=anna_id,
        created_at=NOW - dt.timedelta(hours=3),
    )
    closed_ticket = Ticket(
        customer_id=customer.id,
        number=1235,
        subject="Rechnung unklar",
        state=TicketState.CLOSED,
        created_at=NOW - dt.timedelta(days=40),
    )
    s.add_all([product, domain, open_ticket, closed_ticket])
    s.flush()
    s.add(
        SupportOrder(
            number=4711,
            ticket_id=open_ticket.id,
            customer_id=customer.id,
            product_id=product.id,
            category="Plesk-Reparatur",
            description="Plesk reparieren",
            state=OrderState.IN_REVIEW,
            assignee_id=anna_id,
            cost_model=CostModel.HOURLY,
            price_per_15min=Decimal("25.00"),
        )
    )
    s.add(
        SubAccount(
            customer_id=customer.id,
            login="mueller-buchhaltung",
            email="buchhaltung@example.de",
            may_view_invoices=True,
        )
    )
    s.add(
        CallerVerification(
            customer_id=customer.id,
            agent_id=anna_id,
            at=NOW - dt.timedelta(minutes=5),
            method=VerificationMethod.PHONE_PASSWORD,
            result=True,
        )
    )


@pytest.fixture
def customer_id(database: Database, agents: dict[str, int]) -> int:
    with database.transaction() as s:
        customer = _add_customer(s)
        _add_business(s, customer, agents["anna"])
        return customer.id


@pytest.fixture
def service(database: Database) -> CustomerService:
    return CustomerService(database, clock=_clock)


def _actions(db: Database) -> list[str]:
    with db.session_factory() as s:
        return list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))


def _history_count(db: Database) -> int:
    with db.session_factory() as s:
        return s.scalar(select(func.count()).select_from(ContactChange)) or 0


# --- detail ----------------------------------------------------------------------------------


def test_detail_has_every_tab(
    database: Database, agents: dict[str, int], customer_id: int, service: CustomerService
) -> None:
    anna = _login(database, "anna")
    detail = service.detail(anna, customer_id)

    header = detail.header
    assert header.number == "K12345671"
    assert header.display_name == "Jürgen Müller"
    assert header.customer_since == dt.date(2019, 5, 1)
    assert header.badges.open_tickets == 1
    assert header.badges.in_arrears  # the open invoice was due in January
    assert not header.badges.factor_locked
    assert not header.badges.blocked

    contact = detail.contact
    assert contact.email == "j.mueller@example.de" and contact.email_verified
    assert contact.phone_e164 == "+49221123456"
    assert contact.billing_address is not None
    assert contact.billing_address.one_line() == "Domstraße 12a, 50667 Köln"
    assert contact.contract_address is None
    assert not contact.phone_password_set
    assert contact.version == 1

    assert [p.name for p in detail.products] == ["vServer M", "Domain"]  # active first
    assert detail.products[1].domain == "mueller-koeln.de"
    assert [t.ref for t in detail.tickets.rows] == ["#KCP-00012340", "#KCP-00012354"]
    assert detail.tickets.rows[0].assignee_name == "Anna"
    assert detail.tickets.rows[1].assignee_name is None
    assert detail.tickets.rows[1].state == "closed"
    (order,) = detail.support_orders.rows
    assert order.ref == "SA-00047118"
    assert order.assignee_name == "Anna" and order.product_name == "vServer M"
    (sub,) = detail.sub_accounts
    assert sub.login == "mueller-buchhaltung" and sub.may_view_invoices
    assert not sub.may_place_orders
    assert detail.history.rows == () and detail.history.total == 0
    assert detail.last_verification is not None
    assert detail.last_verification.method == "phone_password"
    assert detail.last_verification.agent_name == "Anna"
    assert detail.last_verification.result


def test_opening_a_customer_is_audited_but_a_reload_is_not(
    database: Database, agents: dict[str, int], customer_id: int, service: CustomerService
) -> None:
    anna = _login(database, "anna")
    service.detail(anna, customer_id)
    service.detail(anna, customer_id, reload=True)
    assert _actions(database) == ["login", "customer_opened"]
    with database.session_factory() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "customer_opened")).one()
    assert json.loads(entry.canonical)["details"] == {
        "customer_id": customer_id,
        "number": "K12345671",
    }
    assert audit.verify(database).ok


def test_unknown_customer(database: Database, agents: dict[str, int]) -> None:
    with pytest.raises(NotFound):
        CustomerService(database).detail(_login(database, "anna"), 999)


def test_admin_has_no_customer_access(
    database: Database, agents: dict[str, int], customer_id: int, service: CustomerService
) -> None:
    with database.transaction() as s:
        provision_agent(
            s,
            username="ida",
            display_name="Ida",
            role=Role.ADMIN,
            passphrase="ida-test-passphrase",
            kdf=FAST_KDF,
        )
    admin = AuthService(database).login("ida", "ida-test-passphrase").session
    with pytest.raises(PermissionDenied):
        service.detail(admin, customer_id)
    with pytest.raises(PermissionDenied):
        service.update_contact(admin, customer_id, 1, {"salutation": "Frau"})


def test_long_lists_are_capped_with_their_total(
    database: Database, agents: dict[str, int], service: CustomerService
) -> None:
    with database.transaction() as s:
        customer = _add_customer(s, number=7654321, invoices=0)
        start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
        s.add_all(
            Ticket(
                number=100 + i, customer=customer, subject=f"T{i}",
                created_at=start + dt.timedelta(days=i),
            )
            for i in range(LIST_CAP + 3)
        )  # fmt: skip
        cid = customer.id
    detail = service.detail(_login(database, "anna"), cid)
    assert len(detail.tickets.rows) == LIST_CAP
    assert detail.tickets.total == LIST_CAP + 3
    assert detail.tickets.truncated
    # newest first
    assert detail.tickets.rows[0].created_at > detail.tickets.rows[-1].created_at


def test_no_n_plus_one(
    database: Database, agents: dict[str, int], customer_id: int, service: CustomerService
) -> None:
    anna = _login(database, "anna")
    statements: list[str] = []

    from sqlalchemy import event

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        service.detail(anna, customer_id, reload=True)
    finally:
        event.remove(database.engine, "before_cursor_execute", count)
    selects = [st for st in statements if st.lstrip().upper().startswith("SELECT")]
    assert len(selects) <= 10, selects


# --- update_contact --------------------------------------------------------------------------


def test_update_writes_history_and_is_shown(
    database: Database, agents: dict[str, int], customer_id: int, service: CustomerService
) -> None:
    anna = _login(database, "anna")
    loaded = service.detail(anna, customer_id)
    saved = service.update_contact(
        anna,
        customer_id,
        loaded.version,
        {
            "email": "j.mueller@example.de",  # the form sends it unchanged: ignored
            "phone": "+49 (0)30 1234 5678",
            "mobile": "0170 1234567",
            "billing.street": "Hauptstraße",
            "billing.house_number": "1",
            "billing.postcode": "10115",
            "billing.city": "Berlin",
            "salutation": "Herr",  # unchanged: no history row
        },
        reason="Umzug, telefonisch mitgeteilt",
    )
    assert saved.version == loaded.version + 1
    assert sorted(saved.changed_fields) == ["address.billing", "mobile", "phone"]
    contact = saved.contact
    assert contact.email == "j.mueller@example.de" and contact.email_verified
    assert contact.phone == "+49 (0)30 1234 5678" and contact.phone_e164 == "+493012345678"
    assert contact.mobile_e164 == "+491701234567"
    assert contact.mobile_registered_at == NOW  # ID-1 M: the 30 days start now
    assert contact.billing_address is not None
    assert contact.billing_address.one_line() == "Hauptstraße 1, 10115 Berlin"

    history = {row.field: row for row in saved.history.rows}
    assert set(history) == {"phone", "mobile", "address.billing"}
    assert history["address.billing"].old_value == "Domstraße 12a, 50667 Köln"
    assert history["address.billing"].new_value == "Hauptstraße 1, 10115 Berlin"
    assert all(r.agent_name == "Anna" for r in saved.history.rows)
    assert all(r.reason == "Umzug, telefonisch mitgeteilt" for r in saved.history.rows)
    assert all(r.changed_at == NOW for r in saved.history.rows)

    # a fresh load shows the same, and the search column follows
    again = service.detail(anna, customer_id, reload=True)
    assert again.history == saved.history
    with database.session_factory() as s:
        customer = s.get(Customer, customer_id)
        assert customer is not None
        assert customer.search_folded == "juergen mueller j.mueller@example.de berlin"
        # the old address is kept as history
        kinds = s.scalars(
            select(PostalAddress.city).where(PostalAddress.customer_id == customer_id)
        ).all()
        assert sorted(kinds) == ["Berlin", "Köln"]
    assert _actions(database)[-1] == "contact_changed"
    with database.session_factory() as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
    details = json.loads(entry.canonical)["details"]
    assert details["customer_id"] == customer_id
    assert sorted(details["fields"]) == ["address.billing", "mobile", "phone"]
    assert "example.de" not in entry.canonical and "Berlin" not in entry.canonical
    assert audit.verify(database).ok


def test_second_address_change_on_one_day_corrects_it(
    database: Database, agents: dict[str, int], customer_id: int, service: CustomerService
) -> None:
    anna = _login(database, "anna")
    first = service.update_contact(anna, customer_id, 1, {"billing.city": "Köln-Deutz"})
    second = service.update_contact(
        anna, customer_id, first.version, {"billing.house_number": "12b"}
    )
    assert second.contact.billing_address is not None
    assert second.contact.billing_address.one_line() == "Domstraße 12b, 50667 Köln-Deutz"
    assert second.history.total == 2


def test_removing_the_phone_number(
    database: Database, agents: dict[str, int], customer_id: int, service: CustomerService
) -> None:
    saved = service.update_contact(_login(database, "anna"), customer_id, 1, {"phone": "  "})
    assert saved.contact.phone == "" and saved.contact.phone_e164 is None
    (row,) = saved.history.rows
    assert (row.field, row.old_value, row.new_value) == ("phone", "0221 / 123 45-6", None)


def test_nothing_changed_writes_nothing(
    database: Database, agents: dict[str, int], customer_id: int, service: CustomerService
) -> None:
    saved = service.update_contact(
        _login(database, "anna"), customer_id, 1, {"email": " j.mueller@example.de "}
    )
    assert saved.version == 1 and saved.changed_fields == ()
    assert _history_count(database) == 0
    assert _actions(database) == ["login"]


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"phone": "12"}, {"phone"}),
        ({"mobile": "abc"}, {"mobile"}),
        ({"billing.postcode": "5066"}, {"billing.postcode"}),
        ({"billing.street": " "}, {"billing.street"}),
        ({"billing.country": "XY"}, {"billing.country"}),
        ({"date_of_birth": "31.02.1980"}, {"date_of_birth"}),
        ({"date_of_birth": "01.01.2030"}, {"date_of_birth"}),
        (
            {"mobile": "nope", "phone": "0", "billing.postcode": "ABCDE", "billing.city": ""},
            {"mobile", "phone", "billing.postcode", "billing.city"},
        ),
    ],
)
def test_invalid_input_names_each_field_and_writes_nothing(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    service: CustomerService,
    changes: dict[str, str],
    fields: set[str],
) -> None:
    anna = _login(database, "anna")
    # a valid change in the same save must not be written either
    with pytest.raises(FieldErrors) as err:
        service.update_contact(anna, customer_id, 1, {**changes, "salutation": "Frau"})
    assert set(err.value.errors) == fields
    assert err.value.field in fields
    assert isinstance(err.value, InvalidInput)
    for fld, exc in err.value.errors.items():
        assert exc.field == fld
        assert str(exc)
    assert _history_count(database) == 0
    with database.session_factory() as s:
        customer = s.get(Customer, customer_id)
        assert customer is not None
        assert customer.version == 1 and customer.salutation == "Herr"
    assert _actions(database) == ["login"]


def test_postcode_abroad_is_lenient(
    database: Database, agents: dict[str, int], customer_id: int, service: CustomerService
) -> None:
    saved = service.update_contact(
        _login(database, "anna"),
        customer_id,
        1,
        {
            "billing.street": "Baker Street",
            "billing.house_number": "221b",
            "billing.postcode": "nw1 6xe",
            "billing.city": "London",
            "billing.country": "gb",
        },
    )
    assert saved.contact.billing_address is not None
    assert saved.contact.billing_address.one_line() == "Baker Street 221b, NW1 6XE London, GB"


def test_stale_save_is_refused(
    database: Database, agents: dict[str, int], customer_id: int, service: CustomerService
) -> None:
    anna = _login(database, "anna")
    lea = _login(database, "lea")
    anna_loaded = service.detail(anna, customer_id)
    lea_loaded = service.detail(lea, customer_id)
    service.update_contact(lea, customer_id, lea_loaded.version, {"phone": "030 12345678"})
    history_before = _history_count(database)
    with pytest.raises(StaleEdit) as err:
        service.update_contact(
            anna, customer_id, anna_loaded.version, {"phone": "0221 999999", "salutation": "Frau"}
        )
    assert "Someone else changed this customer meanwhile" in str(err.value)
    with database.session_factory() as s:
        customer = s.get(Customer, customer_id)
        assert customer is not None
        assert customer.phone_e164 == "+493012345678"  # lea's change stands
        assert customer.salutation == "Herr"
        assert customer.version == 2
    assert _history_count(database) == history_before
    assert _actions(database)[-1] == "contact_changed"  # lea's, not anna's


def test_address_only_change_bumps_the_customer_version(
    database: Database, agents: dict[str, int], customer_id: int, service: CustomerService
) -> None:
    anna = _login(database, "anna")
    service.update_contact(anna, customer_id, 1, {"billing.city": "Köln-Ehrenfeld"})
    with pytest.raises(StaleEdit):
        service.update_contact(anna, customer_id, 1, {"billing.city": "Köln-Nippes"})


@pytest.mark.parametrize("fld", ["first_name", "last_name", "company", "legal_form"])
def test_name_and_company_are_not_contact_data(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    service: CustomerService,
    fld: str,
) -> None:
    with pytest.raises(PermissionDenied) as err:
        service.update_contact(_login(database, "anna"), customer_id, 1, {fld: "Neu"})
    assert err.value.field == fld
    assert "name-change request" in str(err.value)
    assert _history_count(database) == 0


def test_unknown_fields_are_a_bug(
    database: Database, agents: dict[str, int], customer_id: int, service: CustomerService
) -> None:
    with pytest.raises(ValueError, match="not contact-data fields"):
        service.update_contact(_login(database, "anna"), customer_id, 1, {"blocked": "1"})


# --- the e-mail address: only through the identity case (C1.4, C2; issue 12) ---------------


def _email_state(db: Database, customer_id: int) -> tuple[object, ...]:
    """Everything a refused e-mail change must leave as it was."""
    with db.session_factory() as s:
        customer = s.get(Customer, customer_id)
        assert customer is not None
        row = (
            customer.email,
            customer.email_verified,
            customer.version,
            customer.search_folded,
            customer.phone_e164,
        )
        outbox = s.scalar(select(func.count()).select_from(OutboxMessage))
        actions = tuple(s.scalars(select(AuditEntry.action)))
    return row, outbox, actions, _history_count(db)


def _arrange_caller_check(db: Database, customer_id: int, anna: AgentSession, check: str) -> None:
    """``matched``: the caller said the right phone password a minute ago (and another
    match 5 minutes ago is on record); ``failed``: only a wrong one a minute ago;
    ``none``: no check at all."""
    with db.transaction() as s:
        if check != "matched":
            s.execute(delete(CallerVerification))
        s.execute(
            update(Customer)
            .where(Customer.id == customer_id)
            .values(
                phone_password_hash=hash_phone_password(PHONE_PASSWORD, CHEAP_PHONE_KDF),
                phone_password_set_at=NOW - dt.timedelta(days=100),
            )
        )
    verification = CallerVerificationService(db, clock=lambda: NOW - dt.timedelta(minutes=1))
    if check == "matched":
        assert verification.verify_phone_password(anna, customer_id, PHONE_PASSWORD).matched
    elif check == "failed":
        wrong = verification.verify_phone_password(anna, customer_id, "Gänseblümchen-7")
        assert wrong.result is VerificationResult.NO_MATCH


@pytest.mark.parametrize("check", ["matched", "failed", "none"])
@pytest.mark.parametrize(
    "changes",
    [
        {"email": "neu@example.de"},
        # a mixed save is refused whole: the phone is not written either
        {"email": "neu@example.de", "phone": "030 1234567", "salutation": "Frau"},
    ],
    ids=["email", "email+phone"],
)
def test_the_contact_form_cannot_change_the_e_mail(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    service: CustomerService,
    check: str,
    changes: dict[str, str],
) -> None:
    """One factor and no four-eyes is the account take-over by phone: whatever caller
    check was done, a new address goes only through the identity case."""
    anna = _login(database, "anna")
    _arrange_caller_check(database, customer_id, anna, check)
    loaded = service.detail(anna, customer_id)
    before = _email_state(database, customer_id)
    with pytest.raises(PermissionDenied) as err:
        service.update_contact(anna, customer_id, loaded.version, changes, reason="Anruf")
    assert err.value.field == "email"
    assert "identity case" in str(err.value)
    assert _email_state(database, customer_id) == before
    row, outbox, actions, history = before
    assert row[:3] == ("j.mueller@example.de", True, 1)
    assert outbox == 0 and history == 0 and "contact_changed" not in actions


def test_a_refused_e_mail_comes_before_a_stale_version(
    database: Database, agents: dict[str, int], customer_id: int, service: CustomerService
) -> None:
    """Reloading would not make the change possible, so the agent learns the way first."""
    anna = _login(database, "anna")
    service.update_contact(anna, customer_id, 1, {"phone": "030 1234567"})
    before = _email_state(database, customer_id)
    with pytest.raises(PermissionDenied) as err:
        service.update_contact(anna, customer_id, 1, {"email": "neu@example.de"})
    assert err.value.field == "email"
    assert _email_state(database, customer_id) == before


@pytest.mark.parametrize(
    "same", ["j.mueller@example.de", " j.mueller@example.de ", "j.mueller@EXAMPLE.de"]
)
def test_the_unchanged_e_mail_in_a_save_is_ignored(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    service: CustomerService,
    same: str,
) -> None:
    anna = _login(database, "anna")
    saved = service.update_contact(anna, customer_id, 1, {"email": same, "phone": "030 1234567"})
    assert saved.changed_fields == ("phone",)
    assert saved.contact.email == "j.mueller@example.de" and saved.contact.email_verified
    assert [row.field for row in saved.history.rows] == ["phone"]
    with database.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(OutboxMessage)) == 0


@pytest.mark.parametrize("change", ["demoted to admin", "disabled"])
def test_an_agent_changed_after_login_saves_nothing(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    service: CustomerService,
    change: str,
) -> None:
    anna = _login(database, "anna")
    loaded = service.detail(anna, customer_id)
    with database.transaction() as s:
        agent = s.get(Agent, agents["anna"])
        assert agent is not None
        if change == "disabled":
            agent.active = False
        else:
            agent.role = Role.ADMIN
    with pytest.raises(PermissionDenied):
        service.update_contact(anna, customer_id, loaded.version, {"salutation": "Frau"})
    with pytest.raises(PermissionDenied):
        service.detail(anna, customer_id, reload=True)
    assert _history_count(database) == 0


# --- bad input (issue 8): one cleaning rule, refused at the field, nothing written -----------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kcp_desk.domain.contact_rules import normalise_email  # noqa: E402
from kcp_desk.domain.text_input import CONTROL_CHARACTER, FORMAT_CHARACTER  # noqa: E402
from tests.domain.strategies import one_line_clean, typed_or_pasted, typed_text  # noqa: E402

_TEXT_FIELDS = sorted(CONTACT_FIELDS - {"email"})


def _snapshot(db: Database, customer_id: int) -> tuple[int, int, int]:
    with db.session_factory() as s:
        version = s.scalar(select(Customer.version).where(Customer.id == customer_id))
        audits = s.scalar(select(func.count()).select_from(AuditEntry))
    return version or 0, audits or 0, _history_count(db)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    changes=st.dictionaries(st.sampled_from(_TEXT_FIELDS), typed_or_pasted, min_size=1),
    reason=st.none() | typed_text,
)
def test_any_contact_edit_saves_or_is_refused_at_a_field_writing_nothing(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    service: CustomerService,
    changes: dict[str, str],
    reason: str | None,
) -> None:
    anna = _login(database, "anna")
    before = _snapshot(database, customer_id)
    try:
        saved = service.update_contact(anna, customer_id, before[0], changes, reason)
    except InvalidInput as err:
        fields = set(err.errors) if isinstance(err, FieldErrors) else {err.field}
        assert fields <= set(changes) | {"reason"}
        assert _snapshot(database, customer_id) == before
        return
    contact = saved.contact
    stored = [contact.salutation, contact.phone]
    if contact.billing_address is not None:
        a = contact.billing_address
        stored += [a.street, a.house_number, a.postcode, a.city, a.country]
    for value in stored:
        assert one_line_clean(value), repr(value)


def test_escape_in_the_city_is_refused_at_the_field(
    database: Database, agents: dict[str, int], customer_id: int, service: CustomerService
) -> None:
    anna = _login(database, "anna")
    before = _snapshot(database, customer_id)
    with pytest.raises(FieldErrors) as err:
        service.update_contact(
            anna,
            customer_id,
            1,
            {"billing.city": "Köln\x1b[2J", "billing.street": "Ring\x00", "salutation": "Frau"},
            reason="Umzug\u202e",
        )
    assert set(err.value.errors) == {"billing.city", "billing.street", "reason"}
    city = err.value.errors["billing.city"]
    assert (city.template, city.params) == (CONTROL_CHARACTER, {"position": 5})
    assert err.value.errors["reason"].template == FORMAT_CHARACTER
    assert _snapshot(database, customer_id) == before


def test_decomposed_umlauts_are_stored_composed(
    database: Database, agents: dict[str, int], customer_id: int, service: CustomerService
) -> None:
    anna = _login(database, "anna")
    saved = service.update_contact(
        anna,
        customer_id,
        1,
        {
            "billing.city": "Mu\u0308nchen",
            "billing.street": "Mu\u0308llerstr.",
            "billing.postcode": "80331",
        },
        reason="  Umzug nach Mu\u0308nchen\r\nlaut Anruf  ",
    )
    address = saved.contact.billing_address
    assert address is not None
    assert (address.city, address.street) == ("München", "Müllerstr.")
    assert saved.history.rows[0].reason == "Umzug nach München\nlaut Anruf"
    with database.session_factory() as s:
        assert s.scalar(select(Customer.search_folded).where(Customer.id == customer_id)).endswith(
            "muenchen"
        )


_STORED_EMAIL = "j.mueller@example.de"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    typed=st.emails()
    | typed_or_pasted
    | st.sampled_from(
        [
            "J.Mueller@example.de",
            "j.mueller@example.de.",
            "j.mueller@exarnple.de",
            "j.mueller+neu@example.de",
            "j.mueller@example.de\u200b",
            "j.mu\u0308ller@example.de",
            "",
            " ",
        ]
    )
)
def test_no_text_in_the_e_mail_field_is_ever_stored(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    service: CustomerService,
    typed: str,
) -> None:
    """With a phone-password match on record (the old gate open): any text that is not
    the stored address is refused (or rejected as invalid), and nothing is written."""
    anna = _login(database, "anna")
    before = _email_state(database, customer_id)
    try:
        saved = service.update_contact(anna, customer_id, 1, {"email": typed})
    except (PermissionDenied, InvalidInput) as err:
        assert err.field == "email"
    else:
        assert saved.changed_fields == ()
        assert normalise_email(typed) == _STORED_EMAIL
    assert _email_state(database, customer_id) == before
