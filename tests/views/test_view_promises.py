"""What the main window promises an agent who works by keyboard: Ctrl+K and Ctrl+F reach
the search from every page, and each customer tab label names the screen it opens."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kcp_desk.db import Database
from kcp_desk.domain.references import format_customer_number
from kcp_desk.services.demo import DEMO_AGENTS, populate
from kcp_desk.services.desk import DeskServices
from kcp_desk.views.billing_tab import BillingTab
from kcp_desk.views.contact_form import ContactForm
from kcp_desk.views.main_window import MainWindow
from tests.conftest import FAST_KDF


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
