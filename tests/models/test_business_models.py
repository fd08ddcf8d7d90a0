"""The business tables on their own (no migrations): they create, round-trip typed
values, refuse stale saves and keep secrets out of repr()."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from kcp_desk.db import make_engine
from kcp_desk.models import (
    AddressKind,
    Base,
    ConsentKind,
    CostModel,
    Customer,
    CustomerKind,
    Invoice,
    InvoicePosition,
    InvoiceState,
    MessageKind,
    OrderConsent,
    OrderState,
    PaymentMethod,
    PostalAddress,
    Product,
    ProductKind,
    SmPackage,
    SupportOrder,
    Ticket,
    TicketMessage,
    TicketPriority,
    TicketState,
)

# Every business table refers to agents.id; the agents table is the lead's module.
pytest.importorskip("kcp_desk.models.agents")

PG_URL_ENV = "KCP_DESK_TEST_DATABASE_URL"
PHC = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"
T0 = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
_counter = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A fresh database with ``Base.metadata.create_all`` on each backend."""
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'models.sqlite3'}")
        Base.metadata.create_all(eng)
        yield eng
        eng.dispose()
        return
    admin_url = os.environ.get(PG_URL_ENV)
    if not admin_url:
        pytest.skip(f"PostgreSQL not configured ({PG_URL_ENV})")
    name = f"kcp_models_{os.getpid()}_{next(_counter)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    eng = make_engine(make_url(admin_url).set(database=name).render_as_string(False))
    Base.metadata.create_all(eng)
    yield eng
    eng.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def _customer(number: int = 1234567) -> Customer:
    return Customer(
        number=number,
        kind=CustomerKind.PERSON,
        salutation="Frau",
        first_name="Jürgen",
        last_name="Müller",
        email="j.mueller@example.de",
        phone="0221 / 123 45-6",
        phone_e164="+49221123456",
        customer_since=dt.date(2019, 5, 1),
        phone_password_hash=PHC,
        preferred_payment_method=PaymentMethod.SEPA_DIRECT_DEBIT,
        search_folded="juergen mueller j.mueller@example.de koeln",
    )


def _add_customer_with_business(session: Session) -> int:
    customer = _customer()
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
    product = Product(
        customer=customer,
        kind=ProductKind.VSERVER,
        name="vServer M",
        hostname="v12345.kcp-hosting.de",
        sm_package=SmPackage.PRO,
        started_on=dt.date(2020, 1, 1),
    )
    invoice = Invoice(
        customer=customer,
        number="RE-2026-000123",
        year=2026,
        seq=123,
        issued_on=dt.date(2026, 2, 1),
        due_on=dt.date(2026, 2, 15),
        net=Decimal("10.00"),
        vat=Decimal("1.90"),
        gross=Decimal("11.90"),
        payment_method=PaymentMethod.SEPA_DIRECT_DEBIT,
        positions=[
            InvoicePosition(
                pos=1,
                description="vServer M, Februar 2026",
                quantity=Decimal("1.000"),
                unit_price=Decimal("10.00"),
                vat_rate=Decimal("19.00"),
                net=Decimal("10.00"),
            )
        ],
    )
    ticket = Ticket(
        customer=customer,
        number=12340,
        subject="Plesk startet nicht",
        priority=TicketPriority.HIGH,
        created_at=T0,
        first_response_due=T0 + dt.timedelta(hours=2),
        messages=[TicketMessage(kind=MessageKind.CUSTOMER, body="Seit heute früh …")],
    )
    order = SupportOrder(
        customer=customer,
        ticket=ticket,
        product=product,
        number=4711,
        category="Plesk",
        description="Bitte Plesk reparieren",
        cost_model=CostModel.HOURLY,
        price_per_15min=Decimal("29.75"),
        consents=[
            OrderConsent(kind=kind, wording_version="2026-01", given_at=T0) for kind in ConsentKind
        ],
    )
    session.add_all([customer, invoice, ticket, order])
    session.flush()
    return customer.id


def test_customer_with_invoice_ticket_and_order_round_trips(
    sessions: sessionmaker[Session],
) -> None:
    with sessions.begin() as session:
        customer_id = _add_customer_with_business(session)

    with sessions() as session:
        customer = session.get_one(Customer, customer_id)
        assert customer.version == 1
        assert customer.addresses[0].city == "Köln"
        assert customer.addresses[0].country == "DE"
        assert customer.credit_balance == Decimal("0.00")

        invoice = customer.invoices[0]
        assert invoice.state is InvoiceState.OPEN
        assert invoice.gross == Decimal("11.90")
        assert isinstance(invoice.gross, Decimal)
        assert invoice.positions[0].quantity == Decimal("1.000")
        assert invoice.created_at.tzinfo is dt.UTC

        ticket = customer.tickets[0]
        assert ticket.state is TicketState.NEW
        assert ticket.first_response_due == T0 + dt.timedelta(hours=2)
        assert ticket.messages[0].kind is MessageKind.CUSTOMER

        order = ticket.support_orders[0]
        assert order.state is OrderState.RECEIVED
        assert order.product.hostname == "v12345.kcp-hosting.de"
        assert {c.kind for c in order.consents} == set(ConsentKind)
        assert order.dek_version == 1

        # Enum columns hold the values (what other tools and the CHECK constraints see).
        stored = session.scalar(text("SELECT state FROM support_orders"))
        assert stored == "received"


def test_stale_customer_save_is_refused(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        customer_id = _add_customer_with_business(session)

    first, second = sessions(), sessions()
    try:
        mine = first.get_one(Customer, customer_id)
        theirs = second.get_one(Customer, customer_id)
        assert mine.version == theirs.version == 1
        # the other desk read in an earlier transaction (a SQLite snapshot that is
        # still open cannot write at all once another writer committed)
        second.expunge(theirs)
        second.rollback()
        second.add(theirs)

        mine.email = "neu@example.de"
        first.commit()
        assert mine.version == 2

        theirs.phone = "0221 999"
        with pytest.raises(StaleDataError):
            second.commit()
    finally:
        first.close()
        second.close()

    with sessions() as session:
        kept = session.get_one(Customer, customer_id)
        assert (kept.email, kept.phone) == ("neu@example.de", "0221 / 123 45-6")


def test_database_refuses_unknown_state(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        _add_customer_with_business(session)

    with pytest.raises(IntegrityError, match="ck_invoices_invoice_state"), sessions.begin() as s:
        s.execute(text("UPDATE invoices SET state = 'forgiven'"))

    with sessions() as session:
        assert session.scalar(select(Invoice.state)) is InvoiceState.OPEN


def test_repr_shows_identifiers_only() -> None:
    customer = _customer()
    customer.id = 42
    shown = repr(customer)
    assert shown == "<Customer id=42 number=1234567>"
    assert PHC not in shown
    assert "argon2" not in shown
    assert "Müller" not in shown
