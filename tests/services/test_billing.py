"""Invoices and payment status (C3, PAY-1 … PAY-6) on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import random
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event, func, insert, select, text
from sqlalchemy.orm import Session

from kcp_desk.db import Database
from kcp_desk.domain import billing_rules as rules
from kcp_desk.domain.references import damm_check_digit
from kcp_desk.errors import (
    FieldErrors,
    InvalidInput,
    NotFound,
    PermissionDenied,
    StaleEdit,
)
from kcp_desk.models.agents import Role
from kcp_desk.models.audit import AuditEntry
from kcp_desk.models.billing import (
    DunningLevel,
    DunningStep,
    Invoice,
    InvoiceCounter,
    InvoicePosition,
    InvoiceState,
    MandateStatus,
    Payment,
    PaymentMethodChange,
    ReturnedDebit,
    SepaMandate,
)
from kcp_desk.models.customers import (
    AddressKind,
    Customer,
    CustomerKind,
    PaymentMethod,
    PostalAddress,
)
from kcp_desk.services import audit
from kcp_desk.services.agents import provision_agent
from kcp_desk.services.auth import AuthService
from kcp_desk.services.billing import BillingService
from kcp_desk.services.principal import AgentSession
from tests.conftest import FAST_KDF, PASSPHRASES, change_agent

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
TODAY = NOW.date()
D = Decimal
SEPA = PaymentMethod.SEPA_DIRECT_DEBIT
IBAN = "DE89370400440532013000"
NEW_IBAN = "DE02100100100006820101"
#: the account-number part of the IBANs: must never appear outside the database
SECRET_PARTS = (IBAN[4:], "3704 0044 0532", NEW_IBAN[4:], "1001 0010 0006")


def _clock() -> dt.datetime:
    return NOW


def _login(db: Database, name: str) -> AgentSession:
    return AuthService(db).login(name, PASSPHRASES[name]).session


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --- test data ---------------------------------------------------------------------------


class Builder:
    """Invoices with positions, payments, steps and returns, as the real data has them."""

    def __init__(self, s: Session) -> None:
        self.s = s
        self.seq: dict[int, int] = {}

    def customer(self, number: int, method: PaymentMethod = SEPA) -> Customer:
        customer = Customer(
            number=number,
            kind=CustomerKind.PERSON,
            salutation="Frau",
            first_name="Erika",
            last_name="Mustermann",
            email=f"k{number}@example.de",
            customer_since=d("2019-05-01"),
            preferred_payment_method=method,
            search_folded="erika mustermann",
        )
        customer.addresses.append(
            PostalAddress(
                kind=AddressKind.BILLING,
                street="Heidestraße",
                house_number="17",
                postcode="51147",
                city="Köln",
                valid_from=d("2019-05-01"),
            )
        )
        self.s.add(customer)
        self.s.flush()
        return customer

    def mandate(
        self,
        customer: Customer,
        seq: int = 1,
        *,
        iban: str = IBAN,
        last: str | None = "2026-02-15",
        status: MandateStatus = MandateStatus.ACTIVE,
        signed: str = "2019-05-01",
    ) -> SepaMandate:
        mandate = SepaMandate(
            reference=f"K{customer.number}{_check(customer.number)}-M{seq:02d}",
            customer_id=customer.id,
            seq=seq,
            creditor_id="DE98ZZZ09999999999",
            account_holder="Erika Mustermann",
            iban=iban,
            bic="COBADEFFXXX",
            signed_on=d(signed),
            signed_place="Köln",
            first_collection_on=None if last is None else d("2019-06-01"),
            last_collection_on=None if last is None else d(last),
            status=status,
        )
        self.s.add(mandate)
        self.s.flush()
        return mandate

    def invoice(
        self,
        customer: Customer,
        issued: str,
        net: str,
        *,
        state: InvoiceState,
        paid: str = "0.00",
        paid_on: str | None = None,
        mandate: SepaMandate | None = None,
        method: PaymentMethod = SEPA,
        due_days: int = 14,
    ) -> Invoice:
        issued_on = d(issued)
        year = issued_on.year
        self.seq[year] = self.seq.get(year, 0) + 1
        net_d = D(net)
        vat = rules.vat_amount(net_d, D("19"))
        invoice = Invoice(
            number=f"RE-{year}-{self.seq[year]:06d}",
            year=year,
            seq=self.seq[year],
            customer_id=customer.id,
            issued_on=issued_on,
            due_on=issued_on + dt.timedelta(days=due_days),
            state=state,
            net=net_d,
            vat=vat,
            gross=net_d + vat,
            paid_amount=D(paid),
            payment_method=method,
            mandate_id=None if mandate is None else mandate.id,
        )
        invoice.positions.append(
            InvoicePosition(
                pos=1,
                description="Webhosting Pro (12 Monate)",
                quantity=D("1"),
                unit_price=net_d,
                vat_rate=D("19.00"),
                net=net_d,
            )
        )
        self.s.add(invoice)
        self.s.flush()
        if D(paid):
            self.s.add(
                Payment(
                    invoice_id=invoice.id,
                    customer_id=customer.id,
                    received_on=d(paid_on or issued),
                    amount=D(paid),
                    method=method,
                    reference=f"{invoice.number}",
                )
            )
        return invoice

    def step(self, invoice: Invoice, level: DunningLevel, issued: str) -> None:
        rule = rules.dunning_rule(level.value)
        issued_on = d(issued)
        self.s.add(
            DunningStep(
                invoice_id=invoice.id,
                customer_id=invoice.customer_id,
                level=level,
                issued_on=issued_on,
                fee=rule.fee,
                deadline=None
                if rule.pay_within_days is None
                else issued_on + dt.timedelta(days=rule.pay_within_days),
            )
        )

    def returned(
        self, invoice: Invoice, mandate: SepaMandate, on: str, code: str, fee: str
    ) -> None:
        self.s.add(
            ReturnedDebit(
                invoice_id=invoice.id,
                customer_id=invoice.customer_id,
                mandate_id=mandate.id,
                returned_on=d(on),
                amount=invoice.gross,
                reason_code=code,
                reason_text="Deckung unzureichend" if code == "AM04" else "Sonstige Gründe",
                fee=D(fee),
            )
        )

    def counters(self) -> None:
        for year, seq in self.seq.items():
            self.s.add(InvoiceCounter(year=year, last_seq=seq))


def _check(number: int) -> str:
    return damm_check_digit(f"{number:07d}")


@dataclass
class World:
    good: int  # customer in good standing
    late: int  # dunning level 2 with a returned debit
    good_paid: int  # good's paid direct-debit invoice (119.00)
    good_open: int  # good's open invoice, not yet due
    good_mandate: int
    late_returned: int  # late's returned invoice at level "second"
    late_partly: int
    late_mandate: int
    transfer_invoice: int  # paid by bank transfer (no mandate)


@pytest.fixture
def world(database: Database, agents: dict[str, int]) -> World:
    with database.transaction() as s:
        b = Builder(s)
        good = b.customer(1234567)
        gm = b.mandate(good, last="2026-02-15")
        b.invoice(good, "2025-02-01", "100.00", state=InvoiceState.PAID, paid="119.00",
                  paid_on="2025-02-15", mandate=gm)  # fmt: skip
        good_paid = b.invoice(good, "2026-02-01", "100.00", state=InvoiceState.PAID,
                              paid="119.00", paid_on="2026-02-15", mandate=gm)  # fmt: skip
        good_open = b.invoice(good, "2026-02-25", "20.00", state=InvoiceState.OPEN, mandate=gm)

        late = b.customer(2345678)
        lm = b.mandate(late, last="2026-01-15")
        old = b.invoice(late, "2025-01-01", "50.00", state=InvoiceState.PAID, paid="59.50",
                        paid_on="2025-02-01", mandate=lm)  # fmt: skip
        b.returned(old, lm, "2025-01-20", "MS03", "3.00")  # 13 months ago: not counted
        returned = b.invoice(late, "2026-01-01", "100.00", state=InvoiceState.RETURNED_DEBIT,
                             mandate=lm)  # fmt: skip
        b.returned(returned, lm, "2026-01-20", "AM04", "3.50")
        # the ladder counts from the return (2026-01-20)
        b.step(returned, DunningLevel.REMINDER, "2026-01-27")
        b.step(returned, DunningLevel.FIRST, "2026-02-10")
        b.step(returned, DunningLevel.SECOND, "2026-02-24")
        partly = b.invoice(late, "2026-02-01", "50.00", state=InvoiceState.PARTLY_PAID,
                           paid="20.00", paid_on="2026-02-20", mandate=lm)  # fmt: skip
        transfer = b.invoice(
            late, "2025-06-01", "10.00", state=InvoiceState.PAID, paid="11.90",
            method=PaymentMethod.BANK_TRANSFER,
        )  # fmt: skip
        b.counters()
        s.flush()
        return World(
            good=good.id,
            late=late.id,
            good_paid=good_paid.id,
            good_open=good_open.id,
            good_mandate=gm.id,
            late_returned=returned.id,
            late_partly=partly.id,
            late_mandate=lm.id,
            transfer_invoice=transfer.id,
        )


@pytest.fixture
def service(database: Database) -> BillingService:
    return BillingService(database, clock=_clock)


@pytest.fixture
def anna(database: Database, agents: dict[str, int]) -> AgentSession:
    return _login(database, "anna")


@pytest.fixture
def lea(database: Database, agents: dict[str, int]) -> AgentSession:
    return _login(database, "lea")


def _count(db: Database, model: type[Any]) -> int:
    with db.session_factory() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def _audit(db: Database) -> list[tuple[str, str]]:
    with db.session_factory() as s:
        return [
            (a, c)
            for a, c in s.execute(
                select(AuditEntry.action, AuditEntry.canonical).order_by(AuditEntry.seq)
            )
        ]


def _assert_no_iban(*objects: object) -> None:
    for obj in objects:
        shown = repr(obj)
        for part in SECRET_PARTS:
            assert part not in shown


@pytest.fixture
def no_invoice_objects() -> Iterator[list[int]]:
    """Counts Invoice ORM objects loaded meanwhile (the glance must aggregate in SQL)."""
    loaded: list[int] = []

    def on_load(target: Invoice, _context: object) -> None:
        loaded.append(target.id)

    event.listen(Invoice, "load", on_load)
    yield loaded
    event.remove(Invoice, "load", on_load)


# --- glance (PAY-5) ---------------------------------------------------------------------------


def test_glance_in_good_standing(
    service: BillingService, anna: AgentSession, world: World, no_invoice_objects: list[int]
) -> None:
    g = service.glance(anna, world.good)
    assert not g.in_arrears
    assert (g.total_open, g.overdue_amount, g.open_invoices) == (D("23.80"), D("0.00"), 1)
    assert g.open_fees == D("0.00")
    assert g.oldest_overdue_due_on is None and g.days_overdue == 0
    assert g.dunning_level is None and g.dunning_rank is None and g.next_step is None
    assert not g.services_blocked
    assert g.last_payment is not None
    assert (g.last_payment.received_on, g.last_payment.amount) == (d("2026-02-15"), D("119.00"))
    assert g.last_payment.method == "sepa_direct_debit"
    assert g.last_debit is not None
    assert not g.last_debit.returned and g.last_debit.on == d("2026-02-15")
    assert g.returns_last_12_months == 0
    assert g.mandate is not None
    assert g.mandate.reference == "K12345671-M01" and g.mandate.status == "active"
    assert g.mandate.expires_on == d("2029-02-15")
    assert g.mandate.iban_masked == "DE•• •••• •••• •••• ••30 00"
    assert not g.mandate.debits_blocked
    assert g.payment_method == "sepa_direct_debit"
    assert g.credit_balance == D("0.00")
    assert g.version == 1 and g.as_of == TODAY
    assert no_invoice_objects == []  # aggregated in SQL, not over ORM objects
    _assert_no_iban(g)


def test_glance_at_dunning_level_two_with_a_returned_debit(
    service: BillingService, anna: AgentSession, world: World, no_invoice_objects: list[int]
) -> None:
    g = service.glance(anna, world.late)
    assert g.in_arrears
    # 119.00 returned + (59.50 - 20.00) partly paid
    assert (g.total_open, g.overdue_amount, g.open_invoices) == (D("158.50"), D("158.50"), 2)
    assert g.open_fees == D("16.00")  # 5.00 + 7.50 dunning, 3.50 return fee
    assert g.oldest_overdue_due_on == d("2026-01-15") and g.days_overdue == 46
    assert g.dunning_level == "second" and g.dunning_rank == 2
    assert g.next_step is not None
    step = g.next_step
    assert (step.level, step.on, step.fee, step.deadline) == (
        "final_notice",
        d("2026-03-10"),  # return date + 49 days
        D("10.00"),
        d("2026-03-17"),
    )
    assert step.invoice_number == "RE-2026-000003" and not step.due
    assert g.last_payment is not None and g.last_payment.amount == D("20.00")
    assert g.last_debit is not None and g.last_debit.returned
    assert (g.last_debit.on, g.last_debit.reason_code) == (d("2026-01-20"), "AM04")
    assert g.last_debit.reason_text == "Insufficient funds"
    assert g.returns_last_12_months == 1
    assert no_invoice_objects == []


def test_glance_names_the_reminder_when_nothing_was_sent_yet(
    database: Database, service: BillingService, anna: AgentSession, world: World
) -> None:
    with database.transaction() as s:
        b = Builder(s)
        c = b.customer(3456789, PaymentMethod.BANK_TRANSFER)
        b.seq = {2026: 100}
        b.invoice(c, "2026-02-01", "10.00", state=InvoiceState.OPEN,
                  method=PaymentMethod.BANK_TRANSFER)  # fmt: skip
        cid = c.id
    g = service.glance(anna, cid)
    assert g.in_arrears and g.days_overdue == 15 and g.dunning_level is None
    assert g.next_step is not None
    assert (g.next_step.level, g.next_step.on, g.next_step.due) == (
        "reminder",
        d("2026-02-22"),
        True,  # planned in the past: the next dunning run sends it
    )
    assert g.mandate is None and g.last_debit is None
    assert g.payment_method == "bank_transfer"


def test_sql_totals_are_exact_to_the_cent(
    database: Database, service: BillingService, anna: AgentSession, world: World
) -> None:
    """Money summed in SQL equals the integer sum of cents — also on SQLite, where the
    column holds binary floating point and a plain SUM() drifts off the cent."""
    rnd = random.Random(4711)
    rows, owed_cents = [], 0
    for i in range(1, 3001):
        gross = rnd.randint(1, 999_999_999_999)  # up to 9,999,999,999.99 € (NUMERIC(12,2))
        paid = rnd.randint(0, gross - 1) if i % 3 == 0 else 0
        owed_cents += gross - paid
        rows.append(
            {
                "number": f"RE-2030-{i:06d}",
                "year": 2030,
                "seq": i,
                "customer_id": world.good,
                "issued_on": d("2026-03-01"),
                "due_on": d("2026-03-31"),
                "state": InvoiceState.PARTLY_PAID if paid else InvoiceState.OPEN,
                "net": rules.cents_to_money(gross),
                "vat": D("0.00"),
                "gross": rules.cents_to_money(gross),
                "paid_amount": rules.cents_to_money(paid),
                "payment_method": PaymentMethod.BANK_TRANSFER,
            }
        )
    with database.transaction() as s:
        s.execute(insert(Invoice), rows)
    g = service.glance(anna, world.good)
    assert g.total_open == rules.cents_to_money(owed_cents) + D("23.80")
    assert rules.to_cents(g.total_open) == owed_cents + 2380
    if database.dialect == "sqlite":  # the test has teeth: a naive SUM is off
        with database.engine.connect() as conn:
            naive = conn.execute(
                text("SELECT SUM(gross - paid_amount) FROM invoices WHERE year = 2030")
            ).scalar_one()
        assert isinstance(naive, float)
        assert D(repr(naive)) != rules.cents_to_money(owed_cents)


def test_unknown_customer_and_admins(
    database: Database, service: BillingService, anna: AgentSession, world: World
) -> None:
    with pytest.raises(NotFound):
        service.glance(anna, 99_999)
    with pytest.raises(NotFound):
        service.invoices(anna, 99_999)
    with pytest.raises(NotFound):
        service.mandates(anna, 99_999)
    with pytest.raises(NotFound):
        service.invoice_detail(anna, 99_999)
    with database.transaction() as s:
        provision_agent(s, username="ida", display_name="Ida", role=Role.ADMIN,
                        passphrase="ida-test-passphrase", kdf=FAST_KDF)  # fmt: skip
    admin = AuthService(database).login("ida", "ida-test-passphrase").session
    calls = [
        lambda: service.glance(admin, world.good),
        lambda: service.invoices(admin, world.good),
        lambda: service.invoice_detail(admin, world.good_paid),
        lambda: service.mandates(admin, world.good),
        lambda: service.returned_debits(admin, world.good),
        lambda: service.dunning_ladder(admin, world.good),
        lambda: service.payment_changes(admin, world.good),
        lambda: service.cancel_invoice(admin, world.good_paid, "Fehler"),
        lambda: service.record_return(admin, world.good_paid, "AM04", TODAY, D("119.00")),
        lambda: service.change_payment_method(
            admin, world.good, 1, "bank_transfer", reason="Kundenwunsch"
        ),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()


# --- invoice list and detail (PAY-1) ----------------------------------------------------------


def test_invoice_pages_newest_first(
    service: BillingService, anna: AgentSession, world: World
) -> None:
    first = service.invoices(anna, world.late, 0, 3)
    assert first.total == 4 and first.offset == 0 and first.has_more
    assert [r.number for r in first.rows] == ["RE-2026-000004", "RE-2026-000003", "RE-2025-000003"]
    second = service.invoices(anna, world.late, 3, 3)
    assert [r.number for r in second.rows] == ["RE-2025-000002"]
    assert not second.has_more
    partly, returned = first.rows[0], first.rows[1]
    assert (partly.state, partly.open_amount, partly.days_overdue) == (
        "partly_paid",
        D("39.50"),
        15,
    )
    assert partly.dunning_level is None
    assert (returned.state, returned.dunning_level, returned.gross) == (
        "returned_debit",
        "second",
        D("119.00"),
    )
    assert service.invoices(anna, world.late, 10, 3).rows == ()
    with pytest.raises(ValueError, match="limit"):
        service.invoices(anna, world.late, 0, 0)


def test_an_open_invoice_past_its_due_date_reads_overdue(
    database: Database, anna: AgentSession, world: World
) -> None:
    later = BillingService(database, clock=lambda: NOW + dt.timedelta(days=30))
    row = next(r for r in later.invoices(anna, world.good).rows if r.invoice_id == world.good_open)
    assert row.state == "overdue" and row.days_overdue == 21  # due 2026-03-11
    assert later.glance(anna, world.good).in_arrears


def test_invoice_detail(service: BillingService, anna: AgentSession, world: World) -> None:
    detail = service.invoice_detail(anna, world.late_returned)
    assert detail.number == "RE-2026-000003"
    assert (detail.net, detail.vat, detail.gross, detail.paid) == (
        D("100.00"),
        D("19.00"),
        D("119.00"),
        D("0.00"),
    )
    assert detail.state == "returned_debit" and detail.open_amount == D("119.00")
    assert detail.days_overdue == 46 and detail.payment_terms_days == 14
    assert detail.buyer.name == "Erika Mustermann"
    assert detail.buyer.customer_number == "K23456789"
    assert detail.buyer.address_lines == ("Heidestraße 17", "51147 Köln")
    assert detail.mandate_reference == "K23456789-M01"
    assert detail.creditor_id == "DE98ZZZ09999999999"
    (position,) = detail.positions
    assert (position.description, position.quantity, position.net) == (
        "Webhosting Pro (12 Monate)",
        D("1.000"),
        D("100.00"),
    )
    (vat_line,) = detail.vat_lines
    assert (vat_line.rate, vat_line.net, vat_line.vat) == (D("19.00"), D("100.00"), D("19.00"))
    assert [s.level for s in detail.dunning_steps] == ["reminder", "first", "second"]
    assert detail.dunning_steps[1].fee == D("5.00")
    assert detail.dunning_steps[1].deadline == d("2026-02-20")
    assert detail.next_dunning_step is not None
    assert detail.next_dunning_step.level == "final_notice"
    (ret,) = detail.returned_debits
    assert (ret.reason_code, ret.reason_text, ret.bank_text) == (
        "AM04",
        "Insufficient funds",
        "Deckung unzureichend",
    )
    assert (ret.fee, ret.amount, ret.mandate_reference) == (
        D("3.50"),
        D("119.00"),
        "K23456789-M01",
    )
    assert detail.cancels is None and detail.cancelled_by is None
    _assert_no_iban(detail)

    transfer = service.invoice_detail(anna, world.transfer_invoice)
    assert transfer.mandate_reference is None and transfer.payment_method == "bank_transfer"
    assert transfer.next_dunning_step is None


# --- mandates, returns, ladder (PAY-2/3/4) -------------------------------------------------


def test_mandates_show_the_iban_masked_only(
    database: Database, service: BillingService, anna: AgentSession, world: World
) -> None:
    with database.transaction() as s:
        good = s.get(Customer, world.good)
        assert good is not None
        Builder(s).mandate(good, 2, iban=NEW_IBAN, last=None, signed="2022-06-01")
    views = service.mandates(anna, world.good)
    assert [m.reference for m in views] == ["K12345671-M02", "K12345671-M01"]
    unused, used = views
    assert unused.iban_masked == "DE•• •••• •••• •••• ••01 01"
    assert unused.expires_on == d("2025-06-01")  # never used: signature + 36 months
    assert unused.status == "expired" and unused.debits_blocked
    assert used.status == "active" and not used.debits_blocked
    assert used.expires_on == d("2029-02-15")
    assert (used.holder, used.bic, used.scheme, used.recurring) == (
        "Erika Mustermann",
        "COBADEFFXXX",
        "CORE",
        True,
    )
    assert used.signed_on == d("2019-05-01") and used.signed_place == "Köln"
    assert used.creditor_id == "DE98ZZZ09999999999"
    _assert_no_iban(views)
    assert not any(hasattr(m, "iban") for m in views)


def test_returned_debits_and_the_ladder(
    service: BillingService, anna: AgentSession, world: World
) -> None:
    returns = service.returned_debits(anna, world.late)
    assert [(r.reason_code, r.returned_on) for r in returns] == [
        ("AM04", d("2026-01-20")),
        ("MS03", d("2025-01-20")),
    ]
    assert returns[1].reason_text == "Reason not specified"
    ladder = service.dunning_ladder(anna, world.late)
    assert [v.number for v in ladder] == ["RE-2026-000003", "RE-2026-000004"]
    returned, partly = ladder
    assert [s.level for s in returned.steps] == ["reminder", "first", "second"]
    assert returned.next_step is not None and returned.next_step.level == "final_notice"
    assert partly.steps == () and partly.open_amount == D("39.50")
    assert partly.next_step is not None
    assert (partly.next_step.level, partly.next_step.on) == ("reminder", d("2026-02-22"))
    assert service.dunning_ladder(anna, world.good)[0].next_step is not None  # open, not due


# --- cancellation (PAY-1) --------------------------------------------------------------------


def test_agents_may_not_cancel(
    database: Database, service: BillingService, anna: AgentSession, world: World
) -> None:
    before = _count(database, Invoice)
    with pytest.raises(PermissionDenied, match="lead"):
        service.cancel_invoice(anna, world.good_paid, "Doppelt berechnet")
    assert _count(database, Invoice) == before


def test_a_lead_cancels_by_a_cancellation_invoice(
    database: Database, service: BillingService, lea: AgentSession, world: World
) -> None:
    storno = service.cancel_invoice(lea, world.good_paid, "  Doppelt berechnet  ")
    assert storno.number == "RE-2026-000005"  # the next gap-free number of 2026
    assert storno.state == "credited" and storno.is_cancellation
    assert (storno.net, storno.vat, storno.gross) == (D("-100.00"), D("-19.00"), D("-119.00"))
    assert storno.issued_on == TODAY
    assert storno.cancellation_reason == "Doppelt berechnet"
    assert storno.cancels is not None and storno.cancels.invoice_id == world.good_paid
    assert storno.cancels.number == "RE-2026-000001"
    (position,) = storno.positions
    assert position.description == "Storno: Webhosting Pro (12 Monate)"
    assert (position.unit_price, position.net) == (D("-100.00"), D("-100.00"))

    newest = service.invoices(lea, world.good, 0, 1).rows[0]
    assert (newest.number, newest.state, newest.cancels_number, newest.open_amount) == (
        storno.number,
        "credited",
        "RE-2026-000001",
        D("0.00"),
    )
    original = service.invoice_detail(lea, world.good_paid)
    assert original.state == "cancelled"
    assert original.gross == D("119.00")  # never edited
    assert original.cancelled_by is not None
    assert original.cancelled_by.number == storno.number
    with database.session_factory() as s:
        assert s.get(InvoiceCounter, 2026).last_seq == 5  # type: ignore[union-attr]
        customer = s.get(Customer, world.good)
        assert customer is not None
        assert customer.credit_balance == D("119.00")  # what was paid is owed back
        assert customer.version == 1  # no contact form goes stale over it
    glance = service.glance(lea, world.good)
    assert glance.credit_balance == D("119.00") and glance.total_open == D("23.80")
    (entry,) = [c for a, c in _audit(database) if a == "invoice_cancelled"]
    assert '"cancellation_number":"RE-2026-000005"' in entry


@pytest.mark.parametrize("change", ["demoted", "disabled"])
def test_a_lead_demoted_or_disabled_after_login_cannot_cancel(
    database: Database,
    service: BillingService,
    lea: AgentSession,
    agents: dict[str, int],
    world: World,
    change: str,
) -> None:
    """The role is read in the cancelling transaction, not taken from the login (issue 7)."""
    before = _count(database, Invoice)
    change_agent(database, agents["lea"], change)
    with pytest.raises(PermissionDenied) as err:
        service.cancel_invoice(lea, world.good_paid, "Doppelt berechnet")
    assert ("lead" if change == "demoted" else "disabled") in str(err.value)
    assert _count(database, Invoice) == before
    with database.session_factory() as s:
        assert s.get(InvoiceCounter, 2026).last_seq == 4  # type: ignore[union-attr]
    assert service.invoice_detail(_login(database, "anna"), world.good_paid).state == "paid"


def test_a_disabled_agent_reads_and_writes_no_billing_data(
    database: Database,
    service: BillingService,
    anna: AgentSession,
    agents: dict[str, int],
    world: World,
) -> None:
    change_agent(database, agents["anna"], "disabled")
    with pytest.raises(PermissionDenied, match="disabled"):
        service.glance(anna, world.good)
    with pytest.raises(PermissionDenied, match="disabled"):
        service.record_return(anna, world.good_paid, "AM04", TODAY, D("119.00"))
    assert _count(database, ReturnedDebit) == 2


def test_cancel_refusals(service: BillingService, lea: AgentSession, world: World) -> None:
    with pytest.raises(InvalidInput) as err:
        service.cancel_invoice(lea, world.good_paid, "   ")
    assert err.value.field == "reason"
    with pytest.raises(StaleEdit):
        service.cancel_invoice(lea, world.good_paid, "Fehler", loaded_version=7)
    with pytest.raises(NotFound):
        service.cancel_invoice(lea, 99_999, "Fehler")
    storno = service.cancel_invoice(lea, world.good_paid, "Fehler", loaded_version=1)
    with pytest.raises(InvalidInput, match="already cancelled"):
        service.cancel_invoice(lea, world.good_paid, "Fehler")
    with pytest.raises(InvalidInput, match="cannot be cancelled"):
        service.cancel_invoice(lea, storno.invoice_id, "Fehler")


def test_a_failed_cancellation_gives_its_number_back(
    database: Database,
    service: BillingService,
    lea: AgentSession,
    world: World,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_append = audit.append

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("audit down")

    monkeypatch.setattr(audit, "append", broken)
    with pytest.raises(RuntimeError):
        service.cancel_invoice(lea, world.good_paid, "Fehler")
    monkeypatch.setattr(audit, "append", real_append)
    assert service.invoice_detail(lea, world.good_paid).state == "paid"
    assert service.cancel_invoice(lea, world.good_paid, "Fehler").number == "RE-2026-000005"


def test_the_first_cancellation_of_a_year_starts_at_one(
    database: Database, lea: AgentSession, world: World
) -> None:
    service = BillingService(database, clock=lambda: dt.datetime(2027, 1, 4, 8, tzinfo=dt.UTC))
    assert service.cancel_invoice(lea, world.good_paid, "Fehler").number == "RE-2027-000001"
    assert service.cancel_invoice(lea, world.good_open, "Fehler").number == "RE-2027-000002"


def test_concurrent_cancellations_on_postgresql(
    database: Database,
    service: BillingService,
    lea: AgentSession,
    world: World,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two leads at once: different invoices get consecutive numbers; the same invoice is
    cancelled exactly once. (SQLite serialises whole transactions; one workstation.)"""
    if database.dialect != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL (team set-up)")
    real_append = audit.append

    def slow(*args: Any, **kwargs: Any) -> Any:
        entry = real_append(*args, **kwargs)
        time.sleep(0.3)  # hold the locks while the other lead tries
        return entry

    monkeypatch.setattr(audit, "append", slow)

    def race(targets: list[int]) -> list[object]:
        results: list[object] = [None, None]
        barrier = threading.Barrier(2)

        def run(i: int) -> None:
            barrier.wait()
            try:
                results[i] = service.cancel_invoice(lea, targets[i], "Fehler").number
            except Exception as exc:
                results[i] = exc

        threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return results

    assert sorted(race([world.good_paid, world.good_open])) == [  # type: ignore[type-var]
        "RE-2026-000005",
        "RE-2026-000006",
    ]
    results = race([world.late_partly, world.late_partly])
    numbers = [r for r in results if isinstance(r, str)]
    errors = [r for r in results if isinstance(r, Exception)]
    assert numbers == ["RE-2026-000007"]
    assert len(errors) == 1 and isinstance(errors[0], StaleEdit | InvalidInput)


# --- returned debits (PAY-4) -----------------------------------------------------------------


def test_an_objection_reopens_the_invoice_and_blocks_debits(
    database: Database, service: BillingService, anna: AgentSession, world: World
) -> None:
    detail = service.record_return(
        anna, world.good_paid, " md06 ", d("2026-02-20"), D("119.00"), D("3.00")
    )
    assert detail.state == "returned_debit"
    assert detail.paid == D("0.00") and detail.open_amount == D("119.00")
    assert [p.amount for p in detail.payments] == [D("119.00"), D("-119.00")]
    (ret,) = detail.returned_debits
    assert (ret.reason_code, ret.reason_text, ret.bank_text) == (
        "MD06",
        "Refund requested by the payer (objection)",
        "Rückgabe auf Verlangen des Zahlers (Widerspruch)",
    )
    assert ret.objection and not ret.invalidates_mandate
    # the ladder starts again at the return date
    assert detail.next_dunning_step is not None
    assert detail.next_dunning_step.on == d("2026-02-27")

    (mandate,) = service.mandates(anna, world.good)
    assert mandate.status == "active" and mandate.objection_flag and mandate.debits_blocked
    g = service.glance(anna, world.good)
    assert g.in_arrears and g.total_open == D("142.80")
    assert g.last_debit is not None and g.last_debit.returned
    assert g.last_debit.reason_code == "MD06"
    assert g.mandate is not None and g.mandate.debits_blocked
    assert g.returns_last_12_months == 1 and g.open_fees == D("3.00")
    (entry,) = [c for a, c in _audit(database) if a == "debit_returned"]
    assert '"reason_code":"MD06"' in entry and '"objection":true' in entry
    _assert_no_iban(entry)


@pytest.mark.parametrize("code", ["AC04", "MD01", "MD07"])
def test_invalidating_codes_revoke_the_mandate(
    service: BillingService, anna: AgentSession, world: World, code: str
) -> None:
    service.record_return(anna, world.good_paid, code, d("2026-02-20"), D("119.00"))
    (mandate,) = service.mandates(anna, world.good)
    assert mandate.status == "revoked" and mandate.invalidated_by == code
    assert mandate.debits_blocked and not mandate.objection_flag
    g = service.glance(anna, world.good)
    assert g.mandate is not None and g.mandate.status == "revoked"


def test_insufficient_funds_leaves_the_mandate_alone(
    service: BillingService, anna: AgentSession, world: World
) -> None:
    service.record_return(anna, world.good_paid, "AM04", d("2026-02-20"), D("119.00"))
    (mandate,) = service.mandates(anna, world.good)
    assert mandate.status == "active" and not mandate.debits_blocked


def test_bad_return_input_names_each_field_and_writes_nothing(
    database: Database, service: BillingService, anna: AgentSession, world: World
) -> None:
    before = (_count(database, ReturnedDebit), _count(database, Payment))
    with pytest.raises(FieldErrors) as err:
        service.record_return(anna, world.good_paid, "A4", d("2026-03-03"), D("0"), D("-1"))
    assert set(err.value.errors) == {"reason_code", "returned_on", "amount", "fee"}
    with pytest.raises(FieldErrors) as err:
        service.record_return(anna, world.good_paid, "AM04", d("2026-01-01"), D("119.01"))
    assert set(err.value.errors) == {"returned_on", "amount"}
    with pytest.raises(InvalidInput, match="direct debit"):
        service.record_return(anna, world.transfer_invoice, "AM04", TODAY, D("1.00"))
    with pytest.raises(TypeError):
        service.record_return(anna, world.good_paid, "AM04", TODAY, 119.0)  # type: ignore[arg-type]
    assert (_count(database, ReturnedDebit), _count(database, Payment)) == before
    assert service.invoice_detail(anna, world.good_paid).state == "paid"


# --- payment method and bank data (PAY-6) ----------------------------------------------------


def test_new_bank_data_creates_a_new_mandate(
    database: Database, service: BillingService, anna: AgentSession, world: World
) -> None:
    saved = service.change_payment_method(
        anna,
        world.good,
        1,
        SEPA,
        iban="de02 1001 0010 0006 8201 01",
        holder="Erika Mustermann",
        reason="Neue Bankverbindung laut Kundenschreiben",
        signed_place="Köln",
    )
    assert saved.new_mandate_reference == "K12345671-M02"
    assert saved.version == 2
    new, old = saved.mandates
    assert (new.reference, new.status, new.iban_masked) == (
        "K12345671-M02",
        "active",
        "DE•• •••• •••• •••• ••01 01",
    )
    assert new.bic == "PBNKDEFFXXX"  # from the bank registry when none was typed
    assert new.signed_on == TODAY and new.expires_on == d("2029-03-02")
    assert new.creditor_id == "DE98ZZZ09999999999"
    assert old.status == "revoked" and old.invalidated_by is None
    assert saved.glance.mandate is not None
    assert saved.glance.mandate.reference == "K12345671-M02"
    (change,) = service.payment_changes(anna, world.good)
    assert (change.old_method, change.new_method, change.agent_name) == (
        "sepa_direct_debit",
        "sepa_direct_debit",
        "Anna",
    )
    assert change.reason == "Neue Bankverbindung laut Kundenschreiben"
    assert change.detail == (
        "IBAN endet auf 0101, Mandat K12345671-M02; Mandat K12345671-M01 widerrufen"
    )
    with database.session_factory() as s:
        stored = s.scalar(select(SepaMandate.iban).where(SepaMandate.seq == 2))
    assert stored == NEW_IBAN  # the collection file needs it; nobody else sees it
    audit_text = " ".join(c for _, c in _audit(database))
    assert "payment_method_changed" in audit_text
    _assert_no_iban(saved, change, audit_text)


def test_switching_to_bank_transfer_revokes_the_mandate(
    service: BillingService, anna: AgentSession, world: World
) -> None:
    saved = service.change_payment_method(
        anna, world.good, 1, "bank_transfer", reason="Kunde zahlt künftig per Überweisung"
    )
    assert saved.new_mandate_reference is None
    assert saved.glance.payment_method == "bank_transfer"
    (mandate,) = saved.mandates
    assert mandate.status == "revoked" and mandate.debits_blocked
    (change,) = service.payment_changes(anna, world.good)
    assert change.detail == "Mandat K12345671-M01 widerrufen"
    with pytest.raises(InvalidInput) as err:
        service.change_payment_method(anna, world.good, 2, "bank_transfer", reason="nochmal")
    assert err.value.field == "method"


def test_bad_bank_data_names_each_field_and_writes_nothing(
    database: Database, service: BillingService, anna: AgentSession, world: World
) -> None:
    before = (_count(database, SepaMandate), _count(database, PaymentMethodChange))
    with pytest.raises(FieldErrors) as err:
        service.change_payment_method(
            anna, world.good, 1, SEPA, iban="DE88370400440532013000", bic="COBADEF",
            holder=" ", reason="",
        )  # fmt: skip
    assert set(err.value.errors) == {"iban", "bic", "holder", "reason"}
    assert "check digits" in str(err.value.errors["iban"])
    assert "370400440532013000" not in str(err.value.errors["iban"])
    with pytest.raises(FieldErrors) as err:
        service.change_payment_method(anna, world.good, 1, SEPA, holder="E. M.", reason="x",
                                      signed_on=d("2026-03-03"))  # fmt: skip
    assert set(err.value.errors) == {"iban", "signed_on"}
    assert (_count(database, SepaMandate), _count(database, PaymentMethodChange)) == before
    assert service.glance(anna, world.good).version == 1


def test_a_stale_payment_change_is_refused(
    database: Database, service: BillingService, anna: AgentSession, lea: AgentSession,
    world: World,
) -> None:  # fmt: skip
    loaded = service.glance(anna, world.good).version
    service.change_payment_method(lea, world.good, loaded, "paypal", reason="Kundenwunsch")
    with pytest.raises(StaleEdit):
        service.change_payment_method(
            anna, world.good, loaded, SEPA, iban=NEW_IBAN, holder="E. M.", reason="Neue Bank"
        )
    assert _count(database, SepaMandate) == 2
    assert [c.new_method for c in service.payment_changes(anna, world.good)] == ["paypal"]


def test_a_first_mandate_takes_the_configured_creditor_id(
    database: Database, anna: AgentSession, world: World
) -> None:
    with database.transaction() as s:
        cid = Builder(s).customer(3456789, PaymentMethod.BANK_TRANSFER).id
    with pytest.raises(ValueError, match="creditor"):
        BillingService(database, creditor_id="DE00ZZZ09999999999")
    service = BillingService(database, clock=_clock, creditor_id="DE98ZZZ09999999999")
    saved = service.change_payment_method(
        anna, cid, 1, SEPA, iban=IBAN, bic="cobadeffxxx", holder="Erika Mustermann",
        reason="Lastschrift gewünscht", signed_on=d("2026-02-27"), scheme="B2B",
    )  # fmt: skip
    (mandate,) = saved.mandates
    assert mandate.reference == "K34567898-M01" and mandate.scheme == "B2B"
    assert mandate.bic == "COBADEFFXXX" and mandate.signed_on == d("2026-02-27")
    assert saved.glance.payment_method == "sepa_direct_debit"
    (change,) = service.payment_changes(anna, cid)
    assert change.old_method == "bank_transfer"
    assert change.detail == "IBAN endet auf 3000, Mandat K34567898-M01"


# --- cross-checks ------------------------------------------------------------------------------


def test_the_glance_is_a_handful_of_queries(
    database: Database, service: BillingService, anna: AgentSession, world: World
) -> None:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        service.glance(anna, world.late)
    finally:
        event.remove(database.engine, "before_cursor_execute", count)
    selects = [st for st in statements if st.lstrip().upper().startswith("SELECT")]
    assert len(selects) <= 8, selects


def test_on_demo_data_the_glance_agrees_with_the_rows(database: Database) -> None:
    """On generated data (every unpaid state, cancellations, returns, mandate changes): the
    SQL aggregates equal the sums over the listed rows, and "in arrears" is the C1 badge."""
    from kcp_desk.services.customers import CustomerService
    from kcp_desk.services.demo import DEMO_AGENTS, populate

    now = dt.datetime(2026, 6, 15, 9, 30, tzinfo=dt.UTC)  # late enough for every state
    populate(database, customers=40, kdf=FAST_KDF, now=now)
    agent = next(a for a in DEMO_AGENTS if a.role == Role.AGENT)
    session = AuthService(database).login(agent.username, agent.passphrase).session
    service = BillingService(database, clock=lambda: now)
    customers = CustomerService(database, clock=lambda: now)
    with database.session_factory() as s:
        ids = list(s.scalars(select(Customer.id).order_by(Customer.id)))
        paid = s.scalar(select(func.min(Invoice.id)).where(Invoice.state == InvoiceState.PAID))
    lead = next(a for a in DEMO_AGENTS if a.role == Role.LEAD)
    lead_session = AuthService(database).login(lead.username, lead.passphrase).session
    assert paid is not None
    service.cancel_invoice(lead_session, paid, "Doppelt berechnet")
    seen_states: set[str] = set()
    for cid in ids:
        g = service.glance(session, cid)
        page = service.invoices(session, cid, 0, 500)
        assert len(page.rows) == page.total
        seen_states.update(r.state for r in page.rows)
        assert g.total_open == rules.money_sum(r.open_amount for r in page.rows)
        assert g.open_invoices == sum(rules.is_unpaid(r.state) for r in page.rows)
        assert g.in_arrears == customers.detail(session, cid, reload=True).header.badges.in_arrears
        assert g.in_arrears == any(
            rules.in_arrears(r.state, r.due_on, now.date()) for r in page.rows
        )
        for row in page.rows:
            detail = service.invoice_detail(session, row.invoice_id)
            assert detail.net + detail.vat == detail.gross
            assert rules.money_sum(p.net for p in detail.positions) == detail.net
            if detail.cancels is not None:
                assert detail.gross == -detail.cancels.gross
        service.mandates(session, cid)
        service.dunning_ladder(session, cid)
        service.returned_debits(session, cid)
        _assert_no_iban(g)
    assert {"paid", "overdue", "partly_paid", "returned_debit", "cancelled", "credited"} <= (
        seen_states
    )


# --- bad input (issue 8) -----------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kcp_desk.domain.text_input import CONTROL_CHARACTER, FORMAT_CHARACTER  # noqa: E402
from tests.domain.strategies import one_line_clean, typed_or_pasted, typed_text  # noqa: E402


def _written(db: Database) -> tuple[int, ...]:
    return tuple(
        _count(db, model)
        for model in (SepaMandate, PaymentMethodChange, AuditEntry, Invoice, ReturnedDebit)
    )


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    iban=st.sampled_from(["DE02 1001 0010 0006 8201 01", NEW_IBAN]) | typed_text,
    holder=st.sampled_from(["Erika Mustermann"]) | typed_or_pasted,
    bic=st.none() | typed_text,
    reason=st.sampled_from(["Neue Bankverbindung"]) | typed_or_pasted,
    place=typed_text,
)
def test_any_payment_method_change_is_saved_or_refused_at_a_field(
    database: Database,
    service: BillingService,
    anna: AgentSession,
    world: World,
    iban: str,
    holder: str,
    bic: str | None,
    reason: str,
    place: str,
) -> None:
    version = service.glance(anna, world.good).version
    before = _written(database)
    try:
        saved = service.change_payment_method(
            anna,
            world.good,
            version,
            SEPA,
            iban=iban,
            bic=bic,
            holder=holder,
            reason=reason,
            signed_place=place,
        )
    except InvalidInput as err:
        fields = set(err.errors) if isinstance(err, FieldErrors) else {err.field}
        assert fields <= {"iban", "bic", "holder", "reason", "signed_place"}
        assert _written(database) == before
        return
    new = saved.mandates[0]
    assert one_line_clean(new.holder) and one_line_clean(new.signed_place)


def test_control_characters_in_bank_data_are_refused_at_their_fields(
    database: Database, service: BillingService, anna: AgentSession, world: World
) -> None:
    before = _written(database)
    with pytest.raises(FieldErrors) as err:
        service.change_payment_method(
            anna,
            world.good,
            1,
            SEPA,
            iban=NEW_IBAN,
            holder="Erika\u202e Mustermann",
            reason="Neue Bank\x00",
            signed_place="Köln\x07",
        )
    errors = err.value.errors
    assert set(errors) == {"holder", "reason", "signed_place"}
    assert errors["holder"].template == FORMAT_CHARACTER
    assert errors["reason"].template == errors["signed_place"].template == CONTROL_CHARACTER
    assert _written(database) == before


def test_cancel_and_return_refuse_control_characters(
    database: Database, service: BillingService, anna: AgentSession, lea: AgentSession, world: World
) -> None:
    before = _written(database)
    with pytest.raises(InvalidInput) as err:
        service.cancel_invoice(lea, world.good_paid, "Doppelt\x1b[0m berechnet")
    assert (err.value.field, err.value.template) == ("reason", CONTROL_CHARACTER)
    with pytest.raises(FieldErrors) as errs:
        service.record_return(anna, world.good_paid, "AM\x0004", TODAY, Decimal("119.00"))
    assert set(errs.value.errors) == {"reason_code"}
    assert _written(database) == before
    # a multi-line reason is fine, stored with LF and NFC
    detail = service.cancel_invoice(lea, world.good_paid, "Doppelt\r\nberechnet (Mu\u0308ller)")
    with database.session_factory() as s:
        invoice = s.get(Invoice, detail.invoice_id)
        assert invoice is not None
        assert invoice.cancellation_reason == "Doppelt\nberechnet (Müller)"


# --- issue 9: revocation dates, credit against arrears, the document language --------------


def test_a_revoked_mandate_knows_the_day_it_was_revoked(
    database: Database, service: BillingService, anna: AgentSession, world: World
) -> None:
    # by a payment-method change on the desk: the day of the change
    service.change_payment_method(anna, world.good, 1, "bank_transfer", reason="Überweisung")
    (mandate,) = service.mandates(anna, world.good)
    assert mandate.status == "revoked" and mandate.revoked_on == TODAY
    g = service.glance(anna, world.good)
    assert g.mandate is not None and g.mandate.revoked_on == TODAY
    # by a returned debit that invalidates the mandate: the return date
    service.record_return(anna, world.late_partly, "MD01", d("2026-02-25"), D("59.50"))
    (late_mandate,) = service.mandates(anna, world.late)
    assert late_mandate.status == "revoked" and late_mandate.revoked_on == d("2026-02-25")
    # replaced by a newer mandate (no change row names it): that one's signature
    with database.transaction() as s:
        b = Builder(s)
        c = b.customer(3456789)
        b.mandate(c, 1, status=MandateStatus.REVOKED, signed="2020-01-01")
        b.mandate(c, 2, signed="2024-05-06")
        customer_id = c.id
    old = next(m for m in service.mandates(anna, customer_id) if m.reference.endswith("M01"))
    assert old.revoked_on == d("2024-05-06")
    new = next(m for m in service.mandates(anna, customer_id) if m.reference.endswith("M02"))
    assert new.status == "active" and new.revoked_on is None


@pytest.mark.parametrize(
    ("overdue", "fees", "credit", "offset", "due"),
    [
        ("120.00", "0.00", "20.00", "20.00", "100.00"),  # the glance's example
        ("120.00", "5.00", "20.00", "20.00", "105.00"),  # fees are due too
        ("120.00", "5.00", "200.00", "125.00", "0.00"),  # covered; the rest stays credit
        ("0.00", "0.00", "50.00", "0.00", "0.00"),  # nothing overdue: nothing set off
        ("80.00", "0.00", "0.00", "0.00", "80.00"),
        ("80.00", "0.00", "-5.00", "0.00", "80.00"),  # a negative credit is no credit
    ],
)
def test_a_credit_balance_is_set_off_against_what_is_overdue(
    overdue: str, fees: str, credit: str, offset: str, due: str
) -> None:
    from kcp_desk.services.billing import offset_credit

    result = offset_credit(D(overdue), D(fees), D(credit))
    assert (result.offset, result.due) == (D(offset), D(due))


def test_the_glance_nets_the_credit_balance_against_the_arrears(
    database: Database, service: BillingService, anna: AgentSession, world: World
) -> None:
    with database.transaction() as s:
        customer = s.get(Customer, world.late)
        assert customer is not None
        customer.credit_balance = D("20.00")
    g = service.glance(anna, world.late)
    assert (g.overdue_amount, g.open_fees, g.credit_balance) == (
        D("158.50"),
        D("16.00"),
        D("20.00"),
    )
    assert (g.credit_offset, g.due_after_credit) == (D("20.00"), D("154.50"))
    good = service.glance(anna, world.good)  # not in arrears: the credit waits
    assert (good.credit_offset, good.due_after_credit) == (D("0.00"), D("0.00"))


def test_the_invoice_is_written_in_the_language_of_the_billing_address(
    database: Database, service: BillingService, anna: AgentSession, world: World
) -> None:
    detail = service.invoice_detail(anna, world.good_paid)
    assert (detail.buyer.country, detail.buyer.language) == ("DE", "de")
    with database.transaction() as s:
        b = Builder(s)
        b.seq[2026] = 900  # numbers after the world's
        c = b.customer(4567890)
        c.addresses[0].country = "GB"
        invoice = b.invoice(c, "2026-02-01", "10.00", state=InvoiceState.OPEN)
        invoice_id = invoice.id
    foreign = service.invoice_detail(anna, invoice_id)
    assert (foreign.buyer.country, foreign.buyer.language) == ("GB", "en")
    assert foreign.buyer.address_lines[-1] == "GB"
