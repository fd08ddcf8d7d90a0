"""The order screen (issue 11, SO-1…SO-5) as agents use it, on SQLite and PostgreSQL:
it opens from the ticket's linked orders and the customer's orders tab, shows the start
gate condition by condition, disables "Start work" with the reason while the gate is
closed, says a refusal under the actions without losing anything, books time, and goes
back with Esc."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDateTime, Qt, QThreadPool
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kcp_desk.db import Database
from kcp_desk.domain.start_gate import CONSENT_KINDS
from kcp_desk.models.billing import DunningLevel
from kcp_desk.models.orders import OrderState
from kcp_desk.services.desk import DeskServices
from kcp_desk.services.orders import CredentialAccess
from kcp_desk.views.main_window import MainWindow
from kcp_desk.views.order_view import OrderView
from tests.services.test_orders import OrderWorld, _dunned, make_world, new_order, order_row, put


@pytest.fixture
def world(database: Database, agents: dict[str, int]) -> Iterator[OrderWorld]:
    yield make_world(database, agents)
    QThreadPool.globalInstance().waitForDone(10_000)


def _desk(qtbot: QtBot, world: OrderWorld, username: str = "anna") -> MainWindow:
    window = MainWindow(DeskServices.build(world.db), world.login(username), "test database", 5)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def _open(qtbot: QtBot, window: MainWindow, order_id: int) -> OrderView:
    window.open_order(order_id)
    view = window.order
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.order_id == order_id)
    return view


def _ticket_of(world: OrderWorld, order_id: int) -> int:
    return world.service().detail(world.login("lea"), order_id).ticket_id


def test_the_ticket_opens_its_order_with_the_gate_condition_by_condition(
    qtbot: QtBot, world: OrderWorld
) -> None:
    order_id = new_order(world, consents=tuple(k for k in CONSENT_KINDS if k != "software_updates"))
    put(world, order_id, state="approved", assignee=world.anna)
    window = _desk(qtbot, world)
    window.open_ticket(_ticket_of(world, order_id))
    ticket = window.tickets.ticket
    qtbot.waitUntil(lambda: ticket.detail is not None)
    assert f'href="order:{order_id}"' in ticket.orders.text()
    ticket.orders.linkActivated.emit(f"order:{order_id}")  # the click on the reference
    view = window.order
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.order_id == order_id)
    assert window.nav.currentRow() == window.PAGE_ORDERS and view.isVisible()
    # the gate: consents not met, with the reason in words; the rest met
    consents = view.gate_labels["consents"].text()
    assert "✗" in consents and "1 of 5 are missing" in consents
    for key in ("backup", "cost", "submitter", "arrears"):
        assert "✓" in view.gate_labels[key].text()
    assert view.gate_summary.text().startswith("Closed")
    start = view.state_buttons["in_progress"]
    assert start.isVisible() and not start.isEnabled()
    assert "1 of 5 are missing" in start.toolTip()
    assert "✗" in view.consents.text() and "Software updates allowed" in view.consents.text()
    # the credentials by name, masked, and why anna cannot open them yet
    assert view.credential_access == CredentialAccess.WAITING
    masks = view.findChildren(QLabel, "order_credential_mask")
    assert [m.text() for m in masks] == ["••••••••", "••••••••"]
    assert "A lead grants you access" in view.credentials_text.text()
    assert "Geheim" not in " ".join(w.text() for w in view.findChildren(QLabel))
    # Esc: back to the ticket it came from
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert window.nav.currentRow() == window.PAGE_TICKETS


def test_a_refused_state_change_is_said_and_nothing_is_lost(
    qtbot: QtBot, world: OrderWorld
) -> None:
    order_id = new_order(world)
    put(world, order_id, state="approved", assignee=world.anna)
    window = _desk(qtbot, world)
    view = _open(qtbot, window, order_id)
    start = view.state_buttons["in_progress"]
    assert start.isEnabled()  # the gate was open when the order was loaded
    _dunned(world, "basic", DunningLevel.SECOND)  # meanwhile: the 2nd dunning letter
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.note.isVisible())
    assert "arrears" in view.note.text()
    assert order_row(world, order_id)[0] == OrderState.APPROVED  # the service refused
    qtbot.waitUntil(lambda: not start.isEnabled())  # reloaded: the gate is closed now
    assert "✗" in view.gate_labels["arrears"].text()
    assert view.state_buttons["rejected"].isEnabled()  # the rest still works


def test_time_is_booked_and_a_bad_entry_keeps_what_was_typed(
    qtbot: QtBot, world: OrderWorld
) -> None:
    order_id = new_order(world, "pro")
    put(world, order_id, state="in_progress", assignee=world.anna)
    window = _desk(qtbot, world)
    view = _open(qtbot, window, order_id)
    qtbot.mouseClick(view.clock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.time_table.rowCount() == 1)
    assert view.clock_button.text() == "Stop clock"
    qtbot.mouseClick(view.clock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.clock_button.text() == "Start clock")
    view.add_time()
    dialog = view.time_dialog
    assert dialog is not None
    now = QDateTime.currentDateTime()
    dialog.started.setDateTime(now.addSecs(-2 * 3600))
    dialog.ended.setDateTime(now.addSecs(3600))  # in the future
    qtbot.keyClicks(dialog.note, "PHP 8.3 eingespielt")
    dialog.save()
    error = dialog.errors["ended_at"]
    qtbot.waitUntil(error.isVisible)
    assert "future" in error.text()
    assert dialog.note.toPlainText() == "PHP 8.3 eingespielt" and dialog.isVisible()
    dialog.ended.setDateTime(now.addSecs(-3600))
    dialog.save()
    qtbot.waitUntil(lambda: view.time_table.rowCount() == 2)
    assert view.time_table.item(0, view.COL_NOTE).text() == "PHP 8.3 eingespielt"
    assert "Billable: 60 min" in view.totals.text()


def test_the_customers_orders_tab_opens_the_order(qtbot: QtBot, world: OrderWorld) -> None:
    order_id = new_order(world)
    window = _desk(qtbot, world)
    window.open_customer(world.customers["basic"][0])
    customer = window.customers.customer
    qtbot.waitUntil(lambda: customer.detail is not None)
    qtbot.waitUntil(lambda: customer.orders.model.rowCount() == 1)
    customer.orders.table.doubleClicked.emit(customer.orders.model.index(0, 0))
    view = window.order
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.order_id == order_id)
    assert window.nav.currentRow() == window.PAGE_ORDERS
    view.back_requested.emit()
    assert window.nav.currentRow() == 0  # back to the customer


def test_a_done_order_is_billed_from_the_screen(qtbot: QtBot, world: OrderWorld) -> None:
    order_id = new_order(world, "premium")
    put(world, order_id, state="in_progress", assignee=world.anna)
    anna = world.login("anna")
    now = dt.datetime.now(dt.UTC)
    d = world.service(now).add_time(anna, order_id, 1, now - dt.timedelta(minutes=40),
                                    now - dt.timedelta(minutes=10), True, "")  # fmt: skip
    world.service(now).change_state(anna, order_id, d.version, "done")
    window = _desk(qtbot, world)
    view = _open(qtbot, window, order_id)
    assert view.bill_button.isVisible()
    qtbot.mouseClick(view.bill_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.state == "billed")
    assert "Billed on invoice RE-" in view.billing.text()
    assert not view.bill_button.isVisible()
