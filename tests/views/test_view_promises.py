"""What the main window promises an agent: Ctrl+K and Ctrl+F reach the search from every
page, each customer tab label names the screen it opens, a call handed over by
``kcp-desk open`` opens its customer, and the navigation counts pending approvals."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt, QThreadPool
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from kcp_desk.db import Database
from kcp_desk.domain.references import format_customer_number
from kcp_desk.services.demo import DEMO_AGENTS, populate
from kcp_desk.services.desk import DeskServices
from kcp_desk.views.billing_tab import BillingTab
from kcp_desk.views.contact_form import ContactForm
from kcp_desk.views.main_window import MainWindow
from kcp_desk.views.unsaved import Choice
from tests.conftest import FAST_KDF
from tests.views.test_search_screen import _phone_customer


@pytest.fixture
def main(qtbot: QtBot, database: Database) -> Iterator[MainWindow]:
    populate(database, customers=12, kdf=FAST_KDF)
    services = DeskServices.build(database)
    anna = next(a for a in DEMO_AGENTS if a.username == "anna")
    session = services.auth.login("anna", anna.passphrase).session
    window = MainWindow(services, session, database.describe(), 5)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    yield window
    QThreadPool.globalInstance().waitForDone(10_000)


def _open_first_customer(qtbot: QtBot, main: MainWindow) -> None:
    search = main.customers.search
    with qtbot.waitSignal(search.searched, timeout=5000):
        qtbot.keyClicks(search.field, format_customer_number(1000001))
    qtbot.keyClick(search.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main.customers.customer.detail is not None, timeout=5000)


@pytest.mark.parametrize("key", [Qt.Key.Key_K, Qt.Key.Key_F])
def test_ctrl_k_and_ctrl_f_focus_the_search_from_every_page(
    qtbot: QtBot, main: MainWindow, key: Qt.Key
) -> None:
    search = main.customers.search
    _open_first_customer(qtbot, main)
    for row in range(main.nav.count()):
        main.nav.setCurrentRow(row)
        main.nav.setFocus()
        qtbot.keyClick(QApplication.focusWidget() or main, key, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is search.field, timeout=2000)
        assert main.pages.currentWidget() is main.customers
        assert main.customers.currentWidget() is search
    # from inside the customer view, too
    _open_first_customer(qtbot, main)
    main.customers.customer.tabs.setFocus()
    qtbot.keyClick(main.customers.customer.tabs, key, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is search.field, timeout=2000)


def test_each_customer_tab_label_names_its_screen(qtbot: QtBot, main: MainWindow) -> None:
    _open_first_customer(qtbot, main)
    view = main.customers.customer
    labels = {view.tabs.tabText(i).replace("&&", "&"): view.tabs.widget(i) for i in range(7)}
    assert isinstance(labels["Contact data"], ContactForm)
    assert isinstance(labels["Invoices & payment"], BillingTab)
    assert labels["History"] is view.history
    assert labels["Products"] is view.products
    assert labels["Tickets"] is view.tickets
    assert labels["Support orders"] is view.orders
    assert labels["Additional accounts"] is view.accounts


def test_a_call_handed_over_opens_the_one_phone_match_not_verified(
    qtbot: QtBot, main: MainWindow, database: Database
) -> None:
    customer_id, e164 = _phone_customer(database)
    main.nav.setCurrentRow(main.PAGE_APPROVALS)  # the agent was elsewhere
    main.open_request(f"tel:{e164}")
    view = main.customers.customer
    qtbot.waitUntil(
        lambda: view.detail is not None and view.detail.customer_id == customer_id, timeout=5000
    )
    assert main.pages.currentWidget() is main.customers
    assert main.customers.currentWidget() is view
    assert view.verification.text() == "Caller not verified in this call"


def test_a_handed_over_call_keeps_the_typed_input_of_the_open_customer(
    qtbot: QtBot, main: MainWindow, database: Database
) -> None:
    _open_first_customer(qtbot, main)
    view = main.customers.customer
    asked: list[str] = []

    def cancel(_parent: object, _can_save: bool) -> Choice:
        asked.append("asked")
        return Choice.CANCEL

    main.customers.guard.asker = cancel
    view.contact.set_editing(True)
    view.contact.fields["billing.street"].setText("Am Telefon 1")
    _customer_id, e164 = _phone_customer(database)
    main.open_request(e164)
    qtbot.waitUntil(lambda: asked == ["asked"], timeout=5000)
    assert view.contact.fields["billing.street"].text() == "Am Telefon 1"


def _request_a_name_change(database: Database) -> DeskServices:
    """Anna asks for a name change a lead must decide."""
    populate(database, customers=12, kdf=FAST_KDF)
    services = DeskServices.build(database)
    anna = services.auth.login("anna", _passphrase("anna")).session
    with_ticket = next(
        detail
        for hit in services.search.search(anna, "Ortmann", 10).hits
        if (detail := services.customers.detail(anna, hit.customer_id)).tickets.rows
    )
    services.name_change.request(
        anna,
        with_ticket.customer_id,
        with_ticket.tickets.rows[0].ref,
        "Ehrenfried",
        "Ortmann",
        "Ortmann Haustechnik",
        "AG",
        "Umwandlung",
    )
    return services


def _lead_window(qtbot: QtBot, services: DeskServices, database: Database) -> MainWindow:
    lea = services.auth.login("lea", _passphrase("lea")).session
    window = MainWindow(services, lea, database.describe(), 5)
    qtbot.addWidget(window)
    return window


def test_the_navigation_counts_the_approvals_waiting(qtbot: QtBot, database: Database) -> None:
    """A lead sees "Approvals (1)" as soon as the desk opens, without opening the page."""
    window = _lead_window(qtbot, _request_a_name_change(database), database)
    item = window.nav.item(window.PAGE_APPROVALS)
    qtbot.waitUntil(lambda: item.text() == "Approvals (1)", timeout=5000)
    QThreadPool.globalInstance().waitForDone(10_000)


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen tooltip
def test_the_approvals_list_fits_1024_and_a_cut_name_shows_whole_on_hover(
    qtbot: QtBot, database: Database
) -> None:
    window = _lead_window(qtbot, _request_a_name_change(database), database)
    window.resize(1024, 768)
    window.show()
    window.nav.setCurrentRow(window.PAGE_APPROVALS)
    table = window.approvals.table
    qtbot.waitUntil(lambda: window.approvals.model.rowCount() == 1, timeout=5000)
    qtbot.waitUntil(lambda: table.isVisible(), timeout=5000)
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()  # no sideways scrolling
    header.resizeSection(2, 40)  # a new name cut short
    index = window.approvals.model.index(0, 2)
    rect = table.visualRect(index)
    event = QHelpEvent(
        QEvent.Type.ToolTip, rect.center(), table.viewport().mapToGlobal(rect.center())
    )
    QApplication.sendEvent(table.viewport(), event)
    assert QToolTip.text() == index.data()
    QThreadPool.globalInstance().waitForDone(10_000)


def _passphrase(username: str) -> str:
    return next(a.passphrase for a in DEMO_AGENTS if a.username == username)
