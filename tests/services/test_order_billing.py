"""SO-3 "billed" through :meth:`OrderService.bill` (issue 11), on SQLite and PostgreSQL:
the billable time becomes a new, gap-free numbered invoice with VAT like every other
invoice, per started 15 minutes at the package's rate or the catalogue fixed price;
time included in the package is listed, never invoiced; the customer's invoices show it
at once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from kcp_desk.db import Database
from kcp_desk.domain.order_pricing import rate_for
from kcp_desk.errors import InvalidInput, PermissionDenied, StaleEdit
from kcp_desk.models.billing import Invoice, InvoiceCounter
from kcp_desk.models.orders import OrderState
from kcp_desk.services.billing import BillingService
from kcp_desk.services.principal import AgentSession
from tests.services.test_orders import (
    NOW,
    OrderWorld,
    audit_actions,
    make_world,
    new_order,
    order_row,
    put,
)

D = Decimal
HOUR = dt.timedelta(hours=1)
MIN = dt.timedelta(minutes=1)


@pytest.fixture
def world(database: Database, agents: dict[str, int]) -> OrderWorld:
    return make_world(database, agents)


def _done_with_time(
    world: OrderWorld,
    package: str,
    spans: list[tuple[int, bool]],
    ending: dt.datetime = NOW - HOUR,
    **kwargs: Any,
) -> tuple[int, AgentSession]:
    """An order of ``package`` in progress with anna's entries (minutes, billable), one
    after the other, up to ``ending``; then done."""
    order_id = new_order(world, package, **kwargs)
    put(world, order_id, state="in_progress", assignee=world.anna)
    anna = world.login("anna")
    service = world.service()
    start = ending - sum(m for m, _ in spans) * MIN
    d = service.detail(anna, order_id)
    for minutes, billable in spans:
        end = start + minutes * MIN
        d = service.add_time(anna, order_id, d.version, start, end, billable, "")
        start = end
    service.change_state(anna, order_id, d.version, "done")
    return order_id, anna


def _invoices(world: OrderWorld) -> list[Invoice]:
    with world.db.read() as s:
        invoices = list(s.scalars(select(Invoice).order_by(Invoice.seq)))
        for invoice in invoices:
            _ = invoice.positions
        return invoices


@pytest.mark.parametrize(
    ("package", "rate", "net", "vat", "gross"),
    [
        # 50 billable minutes = 4 started quarter hours; 20 included minutes are free
        ("basic", D("29.75"), D("119.00"), D("22.61"), D("141.61")),
        ("pro", D("24.75"), D("99.00"), D("18.81"), D("117.81")),
        ("premium", D("19.75"), D("79.00"), D("15.01"), D("94.01")),
    ],
)
def test_billable_time_becomes_an_invoice_per_package(
    world: OrderWorld, package: str, rate: Decimal, net: Decimal, vat: Decimal, gross: Decimal
) -> None:
    assert rate_for(package) == rate
    order_id, anna = _done_with_time(world, package, [(20, True), (20, False), (30, True)])
    version = order_row(world, order_id)[1]
    billed = world.service().bill(anna, order_id, version)
    assert billed.state == "billed" and billed.invoice_number == f"RE-{NOW.year}-000001"
    assert billed.totals.included_minutes == 20 and billed.totals.billable_minutes == 50
    (invoice,) = _invoices(world)
    assert invoice.id == billed.invoice_id
    assert invoice.customer_id == world.customers[package][0]
    assert (invoice.net, invoice.vat, invoice.gross) == (net, vat, gross)
    assert invoice.issued_on == NOW.date() and invoice.due_on == NOW.date() + dt.timedelta(days=14)
    (position,) = invoice.positions
    assert position.description.startswith(f"Support-Auftrag {billed.ref}: Software-Update")
    assert (position.quantity, position.unit_price, position.net) == (D(4), rate, net)
    assert position.vat_rate == D("19.00")
    # at once among the customer's invoices
    rows = BillingService(world.db).invoices(anna, world.customers[package][0]).rows
    assert [r.number for r in rows] == [invoice.number]
    action, details = audit_actions(world)[-1]
    assert action == "order_billed" and details["invoice"] == invoice.number
    # the detail names the invoice when read again
    assert world.service().detail(anna, order_id).invoice_number == invoice.number


def test_numbers_stay_gap_free_after_a_refused_bill(world: OrderWorld) -> None:
    with world.db.transaction() as s:
        s.add(InvoiceCounter(year=NOW.year, last_seq=41))
    first, anna = _done_with_time(world, "basic", [(10, True)])
    second, _ = _done_with_time(world, "pro", [(16, True)], ending=NOW - 3 * HOUR)
    service = world.service()
    with pytest.raises(StaleEdit):
        service.bill(anna, first, order_row(world, first)[1] - 1)
    a = service.bill(anna, first, order_row(world, first)[1])
    b = service.bill(anna, second, order_row(world, second)[1])
    assert (a.invoice_number, b.invoice_number) == (
        f"RE-{NOW.year}-000042",
        f"RE-{NOW.year}-000043",
    )
    assert [i.net for i in _invoices(world)] == [D("29.75"), D("49.50")]


def test_a_fixed_price_is_the_price_whatever_the_time(world: OrderWorld) -> None:
    cost = {"model": "fixed", "catalogue_task": "PHP-Versionswechsel", "fixed_price": "49.00",
            "estimate_minutes": None, "acknowledged_at": "2026-12-01T08:55:00Z"}  # fmt: skip
    order_id, anna = _done_with_time(world, "basic", [(95, True)], cost=cost)
    billed = world.service().bill(anna, order_id, order_row(world, order_id)[1])
    (invoice,) = _invoices(world)
    assert (invoice.net, invoice.vat, invoice.gross) == (D("49.00"), D("9.31"), D("58.31"))
    (position,) = invoice.positions
    assert "PHP-Versionswechsel" in position.description and billed.ref in position.description
    assert (position.quantity, position.unit_price) == (D(1), D("49.00"))


def test_all_time_included_bills_the_order_without_an_invoice(world: OrderWorld) -> None:
    order_id, anna = _done_with_time(world, "premium", [(45, False)])
    with world.db.read() as s:
        before = s.scalar(select(func.count()).select_from(Invoice))
    billed = world.service().bill(anna, order_id, order_row(world, order_id)[1])
    assert billed.state == "billed" and billed.billed_without_invoice
    assert billed.totals.included_minutes == 45
    with world.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Invoice)) == before
    action, details = audit_actions(world)[-1]
    assert action == "order_billed" and details["invoice"] is None


def test_only_a_done_order_is_billed_by_its_handler(world: OrderWorld) -> None:
    order_id = new_order(world)
    put(world, order_id, state="in_progress", assignee=world.anna)
    anna = world.login("anna")
    with pytest.raises(InvalidInput, match="done"):
        world.service().bill(anna, order_id, order_row(world, order_id)[1])
    put(world, order_id, state="done")
    with pytest.raises(PermissionDenied):
        world.service().bill(world.login("ben"), order_id, order_row(world, order_id)[1])
    assert order_row(world, order_id)[0] == OrderState.DONE
    assert _invoices(world) == []
