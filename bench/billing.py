"""Payment status at a glance and the invoice list (SPEC §5, C3 / issue 4): budget p95 ≤ 30 ms
for ``BillingService.glance`` of a customer with 2,000 invoices on SQLite and PostgreSQL
with 1,000,000 customers; the first page of the invoice list feeds "first rows painted
≤ 100 ms".

The script picks the bench customer (e-mail ``billing-bench@example.invalid``) or creates
it with ``--invoices`` invoices (Core bulk inserts: positions, payments, a few cancellations,
dunning history, and at the end a returned debit at dunning level 2, a partly paid and an
open invoice), then times at the service API, after a warm-up:

- ``glance``: the at-a-glance figures of the bench customer (SQL aggregates);
- ``invoices: first page``: ``invoices(offset=0, limit=--page)``;
- ``invoices: page anywhere``: a random offset (scrolling the lazy list);
- ``invoice detail``: a random invoice of the bench customer;
- ``glance: random demo customer``: the everyday case, sampled ids.

    .venv/bin/python bench/billing.py                       # demo SQLite, 1M customers
    .venv/bin/python bench/billing.py --database-url sqlite:////tmp/copy-of-demo.sqlite3
    .venv/bin/python bench/billing.py --database-url postgresql+psycopg://…/db --json

Without ``--database-url`` it uses ``bench-billing-<N>.sqlite3`` in the data directory,
filled with ``services.demo.populate`` first if it does not exist. An empty database given
by URL is filled the same way. The database is migrated to the newest schema, and the
bench customer (and, if the demo agents are missing, an agent ``billing-bench``) is
written into it: point it at a copy, not at a database people work with.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import figures, parser, report
from sqlalchemy import Connection, func, insert, select, update

from kcp_desk.db import Database
from kcp_desk.domain import billing_rules as rules
from kcp_desk.domain.references import format_mandate_ref
from kcp_desk.errors import NotFound
from kcp_desk.models import (
    Customer,
    CustomerKind,
    DunningLevel,
    DunningStep,
    Invoice,
    InvoiceCounter,
    InvoicePosition,
    InvoiceState,
    MandateStatus,
    Payment,
    PaymentMethod,
    PostalAddress,
    ReturnedDebit,
    SepaMandate,
)
from kcp_desk.models.agents import Agent, Role
from kcp_desk.models.base import utcnow
from kcp_desk.models.customers import AddressKind
from kcp_desk.security.sealing import KdfParams
from kcp_desk.services.auth import AuthService
from kcp_desk.services.billing import BillingService
from kcp_desk.services.principal import AgentSession

BENCH_EMAIL = "billing-bench@example.invalid"
BENCH_AGENT = ("billing-bench", "billing-bench-passphrase")
CHEAP_KDF = KdfParams(memory_kib=64, iterations=1, lanes=1)
SEPA = PaymentMethod.SEPA_DIRECT_DEBIT
D = Decimal


def demo_database(customers: int) -> str:
    from kcp_desk.settings import Paths

    path = Paths.from_environment().data_dir / f"bench-billing-{customers}.sqlite3"
    return f"sqlite:///{path}"


def fill_if_empty(db: Database, customers: int) -> None:
    from kcp_desk.services.demo import populate

    with db.session_factory() as s:
        if s.scalar(select(func.count()).select_from(Customer)):
            return
    print(f"Filling {db.describe()} with {customers:,} demo customers …", file=sys.stderr)
    start = time.perf_counter()
    populate(db, customers=customers, kdf=CHEAP_KDF)
    print(f"… done in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def login(db: Database) -> AgentSession:
    """A demo agent if the database has them, else the bench's own agent."""
    from kcp_desk.services.demo import DEMO_AGENTS

    auth = AuthService(db)
    demo = next(a for a in DEMO_AGENTS if a.role == Role.AGENT)
    with db.session_factory() as s:
        known = set(s.scalars(select(Agent.username)))
    if demo.username in known:
        return auth.login(demo.username, demo.passphrase).session
    if BENCH_AGENT[0] not in known:
        from kcp_desk.services.agents import provision_agent

        with db.transaction() as s:
            provision_agent(
                s,
                username=BENCH_AGENT[0],
                display_name="Billing Bench",
                role=Role.AGENT,
                passphrase=BENCH_AGENT[1],
                kdf=CHEAP_KDF,
            )
    return auth.login(*BENCH_AGENT).session


# --- the bench customer -------------------------------------------------------------------


def bench_customer(db: Database, invoices: int, today: dt.date, seed: int) -> int:
    with db.session_factory() as s:
        found = s.scalar(select(Customer.id).where(Customer.email == BENCH_EMAIL))
    if found is not None:
        return found
    start = time.perf_counter()
    with db.engine.begin() as conn:
        cid = _create_bench_customer(conn, invoices, today, random.Random(seed))
    took = time.perf_counter() - start
    print(f"Created the bench customer with {invoices:,} invoices in {took:.1f} s", file=sys.stderr)
    return cid


def _create_bench_customer(conn: Connection, n: int, today: dt.date, rnd: random.Random) -> int:
    now = utcnow()
    number = (conn.scalar(select(func.max(Customer.number))) or 1_000_000) + 1
    cid = conn.execute(
        insert(Customer.__table__).returning(Customer.__table__.c.id),
        {
            "number": number,
            "kind": CustomerKind.COMPANY,
            "salutation": "",
            "first_name": "",
            "last_name": "",
            "company": "Rechnungsbank Benchmark",
            "legal_form": "GmbH",
            "email": BENCH_EMAIL,
            "email_verified": True,
            "phone": "",
            "customer_since": dt.date(2010, 1, 1),
            "blocked": False,
            "credit_balance": D("0.00"),
            "preferred_payment_method": SEPA,
            "search_folded": "rechnungsbank benchmark billing-bench@example.invalid muenchen",
            "created_at": now,
            "version": 1,
        },
    ).scalar_one()
    conn.execute(
        insert(PostalAddress.__table__),
        {
            "customer_id": cid,
            "kind": AddressKind.BILLING,
            "street": "Leopoldstraße",
            "house_number": "1",
            "postcode": "80802",
            "city": "München",
            "country": "DE",
            "valid_from": dt.date(2010, 1, 1),
            "version": 1,
        },
    )
    mandate_id = conn.execute(
        insert(SepaMandate.__table__).returning(SepaMandate.__table__.c.id),
        {
            "reference": format_mandate_ref(number, 1),
            "customer_id": cid,
            "seq": 1,
            "creditor_id": "DE98ZZZ09999999999",
            "account_holder": "Rechnungsbank Benchmark GmbH",
            "iban": "DE89370400440532013000",
            "bic": "COBADEFFXXX",
            "signed_on": dt.date(2010, 1, 1),
            "signed_place": "München",
            "recurring": True,
            "scheme": "CORE",
            "status": MandateStatus.ACTIVE,
            "first_collection_on": dt.date(2010, 1, 15),
            # the returned invoice's debit (due 56 days ago) was the last collection
            "last_collection_on": today - dt.timedelta(days=56),
            "objection_flag": False,
            "debits_blocked": False,
            "created_at": now,
            "version": 1,
        },
    ).scalar_one()

    # n invoice documents, evenly spread up to today; the last three are unpaid, about
    # 1.5 % are cancelled (the cancellation document counts towards n).
    first_day = today - dt.timedelta(days=10 * 365)
    step = (today - dt.timedelta(days=30) - first_day) / n
    docs: list[dict[str, Any]] = []
    kinds: list[str] = []
    i = 0
    while len(docs) < n:
        issued = first_day + step * i
        i += 1
        unpaid_tail = n - len(docs) <= 3
        net = rules.cents_to_money(rnd.randint(500, 250_000))
        vat = rules.vat_amount(net, D("19"))
        kind = "paid"
        if unpaid_tail:
            kind = ("returned", "partly", "open")[3 - (n - len(docs))]
            issued = today - dt.timedelta(days={"returned": 70, "partly": 40, "open": 3}[kind])
        elif rnd.random() < 0.015 and len(docs) < n - 4:
            kind = "cancelled"
        doc = {
            "customer_id": cid,
            "issued_on": issued,
            "due_on": issued + dt.timedelta(days=14),
            "state": {
                "paid": InvoiceState.PAID,
                "cancelled": InvoiceState.CANCELLED,
                "returned": InvoiceState.RETURNED_DEBIT,
                "partly": InvoiceState.PARTLY_PAID,
                "open": InvoiceState.OPEN,
            }[kind],
            "net": net,
            "vat": vat,
            "gross": net + vat,
            "paid_amount": {"paid": net + vat, "partly": D("50.00")}.get(kind, D("0.00")),
            "payment_method": SEPA,
            "mandate_id": mandate_id,
            "created_at": now,
            "version": 1,
        }
        docs.append(doc)
        kinds.append(kind)
        if kind == "cancelled":
            docs.append(
                dict(
                    doc,
                    state=InvoiceState.CREDITED,
                    net=-net,
                    vat=-vat,
                    gross=-(net + vat),
                    paid_amount=D("0.00"),
                    mandate_id=None,
                )
            )
            kinds.append("credited")
    _number(conn, docs)
    conn.execute(insert(Invoice.__table__), docs)
    ids = dict(
        conn.execute(select(Invoice.number, Invoice.id).where(Invoice.customer_id == cid)).all()
    )
    by_number = {doc["number"]: doc for doc in docs}
    positions, payments, steps, returns = [], [], [], []
    cancelled_id = None
    for number_, kind in zip([doc["number"] for doc in docs], kinds, strict=True):
        doc, iid = by_number[number_], ids[number_]
        positions.append(
            {
                "invoice_id": iid,
                "pos": 1,
                "description": ("Storno: " if kind == "credited" else "")
                + "Managed Server XL (1 Monat)",
                "quantity": D("1"),
                "unit_price": doc["net"],
                "vat_rate": D("19.00"),
                "net": doc["net"],
            }
        )
        if kind == "cancelled":
            cancelled_id = iid
        if kind == "credited":
            conn.execute(
                update(Invoice.__table__)
                .where(Invoice.__table__.c.id == iid)
                .values(cancels_invoice_id=cancelled_id)
            )
        if doc["paid_amount"] > 0:
            payments.append(
                {
                    "invoice_id": iid,
                    "customer_id": cid,
                    "received_on": doc["due_on"]
                    if kind == "paid"
                    else doc["due_on"] + dt.timedelta(days=9),
                    "amount": doc["paid_amount"],
                    "method": SEPA,
                    "reference": f"SEPA-Lastschrift {number_}",
                }
            )
        if kind == "paid" and rnd.random() < 0.05:  # paid after a reminder
            steps.append(_step(iid, cid, DunningLevel.REMINDER, doc["due_on"]))
        if kind == "returned":
            returned_on = doc["due_on"] + dt.timedelta(days=4)
            returns.append(
                {
                    "invoice_id": iid,
                    "customer_id": cid,
                    "mandate_id": mandate_id,
                    "returned_on": returned_on,
                    "amount": doc["gross"],
                    "reason_code": "AM04",
                    "reason_text": "Deckung unzureichend",
                    "fee": D("3.50"),
                }
            )
            for level in (DunningLevel.REMINDER, DunningLevel.FIRST, DunningLevel.SECOND):
                steps.append(_step(iid, cid, level, returned_on))
    for table, rows in (
        (InvoicePosition.__table__, positions),
        (Payment.__table__, payments),
        (DunningStep.__table__, steps),
        (ReturnedDebit.__table__, returns),
    ):
        if rows:
            conn.execute(insert(table), rows)
    return int(cid)


def _step(iid: int, cid: int, level: DunningLevel, anchor: dt.date) -> dict[str, Any]:
    rule = rules.dunning_rule(level.value)
    issued = anchor + dt.timedelta(days=rule.after_days)
    return {
        "invoice_id": iid,
        "customer_id": cid,
        "level": level,
        "issued_on": issued,
        "fee": rule.fee,
        "deadline": None
        if rule.pay_within_days is None
        else issued + dt.timedelta(days=rule.pay_within_days),
    }


def _number(conn: Connection, docs: list[dict[str, Any]]) -> None:
    """Next numbers of each year from ``invoice_counters`` (gap-free, counters updated)."""
    counters = dict(conn.execute(select(InvoiceCounter.year, InvoiceCounter.last_seq)).all())
    fresh = set()
    for doc in docs:
        year = doc["issued_on"].year
        if year not in counters:
            counters[year] = conn.scalar(
                select(func.coalesce(func.max(Invoice.seq), 0)).where(Invoice.year == year)
            )
            fresh.add(year)
        counters[year] += 1
        doc["year"], doc["seq"] = year, counters[year]
        doc["number"] = f"RE-{year:04d}-{counters[year]:06d}"
    for year, seq in counters.items():
        if year in fresh:
            conn.execute(insert(InvoiceCounter.__table__), {"year": year, "last_seq": seq})
        else:
            conn.execute(
                update(InvoiceCounter.__table__)
                .where(InvoiceCounter.__table__.c.year == year)
                .values(last_seq=seq)
            )


# --- timing --------------------------------------------------------------------------------


def timed(fn: Callable[[], object], runs: int, warmup: int) -> list[float]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    p = parser(__doc__ or "")
    p.add_argument("--customers", type=int, default=1_000_000, help="size of the demo DB")
    p.add_argument("--invoices", type=int, default=2_000, help="invoices of the bench customer")
    p.add_argument("--runs", type=int, default=300, help="timed calls per figure (≥ 200)")
    p.add_argument("--page", type=int, default=100, help="rows of the first page")
    p.add_argument("--seed", type=int, default=4)
    args = p.parse_args()
    url = args.database_url or demo_database(args.customers)
    db = Database(url)
    db.migrate()
    fill_if_empty(db, args.customers)
    session = login(db)
    service = BillingService(db)
    today = utcnow().date()
    cid = bench_customer(db, args.invoices, today, args.seed)
    rnd = random.Random(args.seed)
    with db.session_factory() as s:
        max_customer = s.scalar(select(func.max(Customer.id))) or 0
        invoice_ids = list(s.scalars(select(Invoice.id).where(Invoice.customer_id == cid)))
    glance = service.glance(session, cid)
    page = service.invoices(session, cid, 0, args.page)
    print(
        f"Database: {db.describe()}, {max_customer:,} customers; bench customer id {cid} with "
        f"{page.total:,} invoices: open {glance.total_open} €, dunning level "
        f"{glance.dunning_level}, next {glance.next_step.level if glance.next_step else None}, "
        f"last debit returned: {glance.last_debit.returned if glance.last_debit else None}",
        file=sys.stderr,
    )
    warmup = max(20, args.runs // 10)
    results = {
        "glance (2,000 invoices)": figures(
            timed(lambda: service.glance(session, cid), args.runs, warmup)
        ),
        f"invoices: first page ({args.page} rows)": figures(
            timed(lambda: service.invoices(session, cid, 0, args.page), args.runs, warmup)
        ),
        "invoices: page anywhere": figures(
            timed(
                lambda: service.invoices(
                    session, cid, rnd.randrange(0, max(1, page.total - args.page)), args.page
                ),
                args.runs,
                warmup,
            )
        ),
        "invoice detail": figures(
            timed(
                lambda: service.invoice_detail(session, rnd.choice(invoice_ids)),
                args.runs,
                warmup,
            )
        ),
        "glance: random demo customer": figures(
            timed(lambda: _glance_any(service, session, rnd, max_customer), args.runs, warmup)
        ),
        "invoice list: first rows painted (Qt)": figures(
            timed(_painted_list(service, session, cid), args.runs // 3, warmup // 3)
        ),
    }
    report(results, as_json=False)
    db.dispose()
    if args.json:
        print(json.dumps(results))


def _painted_list(service: BillingService, session: AgentSession, cid: int) -> Callable[[], object]:
    """The real invoice list model and table (offscreen Qt): load page one and paint it."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QTableView

    from kcp_desk.views.billing_tab import InvoiceListModel

    app = QApplication.instance() or QApplication([])
    model = InvoiceListModel(service, session)
    view = QTableView()
    view.setModel(model)
    view.resize(900, 600)
    view.show()
    app.processEvents()

    def paint() -> None:
        model.load(cid)
        view.viewport().repaint()

    return paint


def _glance_any(
    service: BillingService, session: AgentSession, rnd: random.Random, max_customer: int
) -> None:
    with contextlib.suppress(NotFound):
        service.glance(session, rnd.randint(1, max_customer))


if __name__ == "__main__":
    main()
