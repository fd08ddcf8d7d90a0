"""The "Invoices & payment" tab as an agent reads it (issue 9): nothing clipped at 1280
and 1024 px, a glance readable at a glance that folds on a small screen, the dunning
ladder as a table, a revoked mandate that says so, credit set off against arrears,
proper plurals, and every table model sound under pytest-qt's model tester."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QThreadPool, QTranslator
from PySide6.QtWidgets import QLabel, QTableView
from pytestqt.qtbot import QtBot

from kcp_desk.app import I18N_DIR
from kcp_desk.db import Database
from kcp_desk.models.billing import DunningLevel, InvoiceState
from kcp_desk.models.customers import PaymentMethod
from kcp_desk.services.auth import AuthService
from kcp_desk.services.billing import BillingService
from kcp_desk.services.principal import AgentSession
from kcp_desk.views import formatting as fmt
from kcp_desk.views.billing_tab import BillingTab
from tests.conftest import PASSPHRASES
from tests.services.test_billing import Builder, d

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
#: the width the tab gets in the main window at 1280 and at 1024 px
TAB_WIDTH_AT_1280, TAB_WIDTH_AT_1024 = 1040, 790
#: the invoice list's amount columns
COL_AMOUNT, COL_OPEN = 4, 5


@dataclass
class BillingWorld:
    """A German customer in arrears with a returned debit, dunned to the 2nd letter,
    with a credit balance; and a customer whose mandate was revoked."""

    late: int
    returned_invoice: int  # RE-2026-000001, 1.190,00 €, debit returned
    paid_invoice: int  # RE-2025-000001, paid by direct debit
    switched: int  # paid by direct debit until the desk switched it to transfer
    billing: BillingService
    session: AgentSession


@pytest.fixture(autouse=True)
def settled(database: Database) -> Iterator[None]:
    """The tab's worker reads end before the database goes."""
    yield
    QThreadPool.globalInstance().waitForDone(10_000)


@pytest.fixture
def world(database: Database, agents: dict[str, int]) -> BillingWorld:
    return make_world(database)


def make_world(database: Database) -> BillingWorld:
    """The :class:`BillingWorld` on a database with the agents (fixture ``agents``)."""
    with database.transaction() as s:
        b = Builder(s)
        late = b.customer(1234567)
        late.credit_balance = D("20.00")
        mandate = b.mandate(late, last="2025-12-15")
        paid = b.invoice(late, "2025-12-01", "100.00", state=InvoiceState.PAID,
                         paid="119.00", paid_on="2025-12-15", mandate=mandate)  # fmt: skip
        # 1000.00 net + 19 % = 1.190,00 €; the 2025 one has number RE-2025-000001
        returned = b.invoice(late, "2026-01-01", "1000.00",
                             state=InvoiceState.RETURNED_DEBIT, mandate=mandate)  # fmt: skip
        b.returned(returned, mandate, "2026-01-20", "AM04", "3.50")
        b.step(returned, DunningLevel.REMINDER, "2026-01-27")
        b.step(returned, DunningLevel.FIRST, "2026-02-10")
        b.step(returned, DunningLevel.SECOND, "2026-02-24")
        b.invoice(late, "2026-02-25", "20.00", state=InvoiceState.OPEN, mandate=mandate)
        switched = b.customer(2345678)
        sm = b.mandate(switched, last="2026-02-15")
        b.invoice(switched, "2026-02-01", "10.00", state=InvoiceState.PAID, paid="11.90",
                  paid_on="2026-02-15", mandate=sm)  # fmt: skip
        b.counters()
        s.flush()
        ids = (late.id, returned.id, paid.id, switched.id)
    billing = BillingService(database, clock=lambda: NOW)
    session = AuthService(database).login("anna", PASSPHRASES["anna"]).session
    billing.change_payment_method(
        session, ids[3], 1, PaymentMethod.BANK_TRANSFER.value, reason="zahlt per Überweisung"
    )
    return BillingWorld(ids[0], ids[1], ids[2], ids[3], billing, session)


def open_tab(qtbot: QtBot, world: BillingWorld, customer_id: int, w: int, h: int) -> BillingTab:
    tab = BillingTab(world.billing, world.session)
    qtbot.addWidget(tab)
    tab.resize(w, h)
    tab.show()
    tab.load(customer_id, "Erika Mustermann")
    qtbot.waitUntil(lambda: tab.glance is not None and tab.invoice is not None, timeout=5000)
    qtbot.wait(20)  # the layout settles
    return tab


def _lines(label: QLabel) -> float:
    return label.height() / label.fontMetrics().lineSpacing()


def _fits(table: QTableView) -> bool:
    header = table.horizontalHeader()
    used = sum(header.sectionSize(c) for c in range(header.count()))
    return used <= table.viewport().width() and not table.horizontalScrollBar().isVisible()


def test_on_a_small_screen_the_glance_is_one_summary_line_and_the_list_gets_the_room(
    qtbot: QtBot, world: BillingWorld
) -> None:
    tab = open_tab(qtbot, world, world.late, 1024, 768)
    panel = tab.panel
    assert not panel.details.isVisible() and panel.summary.isVisible()
    assert _lines(panel.summary) < 2  # one line, elided, the whole of it in the tooltip
    assert panel.summary.toolTip() == panel.summary.full_text()
    assert fmt.money(D("1213.80")) in panel.summary.full_text()  # 1.190,00 + 23,80 open
    assert panel.height() < tab.height() / 6
    table = tab.invoice_table
    assert table.viewport().height() // table.rowHeight(0) >= 10
    # the agent unfolds it: every figure, each value on one line at 1024 px
    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)
    assert panel.details.isVisible() and not panel.summary.isVisible()
    qtbot.wait(20)
    for key, value in panel.values.items():
        if value.isVisible():
            assert _lines(value) < 1.9, (key, value.text())
    # and it stays unfolded when the window changes size: the agent chose
    tab.resize(1024, 700)
    qtbot.wait(20)
    assert panel.details.isVisible()


def test_on_a_tall_screen_the_glance_is_unfolded(qtbot: QtBot, world: BillingWorld) -> None:
    tab = open_tab(qtbot, world, world.late, 1280, 1000)
    assert tab.panel.details.isVisible() and not tab.panel.summary.isVisible()


def test_the_glance_reads_at_a_glance_normal_contrast_and_amounts_in_one_column(
    qtbot: QtBot, world: BillingWorld
) -> None:
    tab = open_tab(qtbot, world, world.late, 1280, 1000)
    panel = tab.panel
    text_colour = panel.palette().color(panel.foregroundRole())
    for caption in panel.captions.values():
        assert "palette(mid)" not in caption.styleSheet()
        assert caption.palette().color(caption.foregroundRole()) == text_colour
    amounts = [panel.values[k] for k in ("total_open", "overdue_amount", "fees", "credit")]
    rights = {a.mapTo(panel, a.rect().topRight()).x() for a in amounts}
    assert len(rights) == 1  # one column, right edges aligned
    for a in amounts:
        assert a.alignment() & Qt.AlignmentFlag.AlignRight
    assert panel.values["total_open"].text() == fmt.money(D("1213.80"))


def test_a_credit_balance_is_set_off_against_the_overdue_amount(
    qtbot: QtBot, world: BillingWorld
) -> None:
    tab = open_tab(qtbot, world, world.late, 1280, 1000)
    m = fmt.money
    # 1.190,00 € returned, fees 5,00 + 7,50 dunning + 3,50 return = 16,00 €, credit 20,00 €
    assert tab.panel.headline.text() == (
        f"In arrears: {m(D('1190.00'))} + {m(D('16.00'))} fees overdue, "
        f"credit {m(D('20.00'))} → {m(D('1186.00'))} due"
    )
    due = tab.panel.values["due_after_credit"]
    assert due.isVisible() and due.text() == m(D("1186.00"))
    assert tab.panel.values["credit"].text() == m(D("20.00"))


def test_a_revoked_mandate_says_revoked_on_not_valid_until(
    qtbot: QtBot, world: BillingWorld
) -> None:
    tab = open_tab(qtbot, world, world.switched, 1280, 1000)
    day = fmt.date(NOW.date())
    mandate = tab.panel.values["mandate"].text()
    assert mandate == f"K23456789-M01: revoked on {day}"
    assert "valid until" not in tab.panel.summary.full_text()
    status = tab.mandates.index(0, 1).data()
    assert status == f"revoked on {day}"
    assert "valid until" not in " ".join(
        str(tab.mandates.index(0, c).data()) for c in range(tab.mandates.columnCount())
    )


def test_the_dunning_ladder_is_a_table_of_steps(qtbot: QtBot, world: BillingWorld) -> None:
    tab = open_tab(qtbot, world, world.late, 1280, 800)
    model = tab.dunning
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Invoice", "Due", "Open", "Stage", "Date", "Fee", "Pay by"]
    rows = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    m, f = fmt.money, fmt.date
    assert rows[:4] == [
        ["RE-2026-000001", f(d("2026-01-15")), m(D("1190.00")), "payment reminder",
         f(d("2026-01-27")), m(D("0.00")), f(d("2026-02-03"))],
        ["", "", "", "1st dunning letter", f(d("2026-02-10")), m(D("5.00")),
         f(d("2026-02-20"))],
        ["", "", "", "2nd dunning letter", f(d("2026-02-24")), m(D("7.50")),
         f(d("2026-03-06"))],
        ["", "", "", "next: final notice", f(d("2026-03-10")), m(D("10.00")),
         f(d("2026-03-17"))],
    ]  # fmt: skip


@pytest.mark.parametrize("width", [TAB_WIDTH_AT_1280, TAB_WIDTH_AT_1024])
def test_every_list_fits_its_width_and_the_open_column_is_whole(
    qtbot: QtBot, world: BillingWorld, width: int
) -> None:
    world.billing.change_payment_method(  # a new mandate: a row in every list
        world.session, world.late, world.billing.glance(world.session, world.late).version,
        PaymentMethod.SEPA_DIRECT_DEBIT.value,
        iban="DE02100100100006820101", holder="Erika Mustermann-Langenscheidt",
        reason="Neue Bankverbindung laut Schreiben vom 1. März", signed_place="Köln",
    )  # fmt: skip
    tab = open_tab(qtbot, world, world.late, width, 620)
    table = tab.invoice_table
    assert _fits(table)
    header = table.horizontalHeader()
    for column in (COL_AMOUNT, COL_OPEN):  # the amounts are never cut
        assert header.sectionSize(column) >= table.sizeHintForColumn(column)
    for index, view in enumerate(
        (tab.mandate_table, tab.returns_table, tab.dunning_table, tab.changes_table), start=1
    ):
        tab.sections.setCurrentIndex(index)
        qtbot.wait(20)
        assert view.model().rowCount() > 0
        assert _fits(view), index


def test_counts_use_plural_forms(qtbot: QtBot, world: BillingWorld) -> None:
    """No "invoice(s)": the caption and the summary go through %n plural forms."""
    translator = QTranslator()
    assert translator.load("kcp_desk_en", str(I18N_DIR))
    QCoreApplication.installTranslator(translator)
    try:
        tab = open_tab(qtbot, world, world.switched, 1280, 1000)  # nothing open
        tab.load(world.late, "Erika Mustermann")
        qtbot.waitUntil(lambda: tab.glance is not None and tab.glance.open_invoices == 2)
        caption = tab.panel.captions["total_open"].text()
        assert caption == "Total open (2 invoices)"
        assert "2 open invoices" in tab.panel.summary.full_text()
        one = tab.panel.tr("%n open invoices", "", 1)
        assert one == "1 open invoice", "the English catalogue lacks the plural forms"
        texts = [caption, tab.panel.summary.full_text(), tab.panel.headline.text()]
        assert not any("(s)" in t or "(en)" in t for t in texts)
    finally:
        QCoreApplication.removeTranslator(translator)


def test_every_table_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: object, world: BillingWorld
) -> None:
    tab = open_tab(qtbot, world, world.late, 1280, 800)
    models = (tab.invoices, tab.mandates, tab.returns, tab.dunning, tab.changes)
    assert tab.invoices.rowCount() == 3 and tab.dunning.rowCount() >= 4
    tab.load(world.switched, "Erika Mustermann")
    qtbot.waitUntil(lambda: tab.glance is not None and tab.changes.rowCount() == 1)
    for model in models:
        qtmodeltester.check(model)  # type: ignore[attr-defined]
    tab.load(world.late, "Erika Mustermann")
    qtbot.waitUntil(lambda: tab.invoices.rowCount() == 3 and tab.glance is not None)
    for model in models:
        assert model.rowCount() > 0 or model is tab.changes
        qtmodeltester.check(model)  # type: ignore[attr-defined]
