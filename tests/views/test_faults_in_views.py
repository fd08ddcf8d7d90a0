"""Database faults, a lock while work is in flight and stale edits, as an agent meets
them: a message, the typed input still there, the button enabled again, no traceback."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt, QThreadPool
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kcp_desk.db import Database
from kcp_desk.domain.references import format_customer_number
from kcp_desk.models.billing import Invoice
from kcp_desk.services.demo import DEMO_AGENTS, DEMO_PHONE_PASSWORD, populate
from kcp_desk.services.desk import DeskServices
from kcp_desk.services.principal import AgentSession
from kcp_desk.views import billing_tab as billing_module
from kcp_desk.views.billing_tab import BillingTab
from kcp_desk.views.caller_dialog import CallerVerificationDialog
from kcp_desk.views.contact_form import ContactForm
from kcp_desk.views.customers_page import CustomersPage
from kcp_desk.views.main_window import MainWindow
from tests.conftest import FAST_KDF

SCREENSHOTS = Path("/tmp")


def _passphrase(username: str) -> str:
    return next(a.passphrase for a in DEMO_AGENTS if a.username == username)


@pytest.fixture(autouse=True)
def settled(database: Database) -> Iterator[None]:
    """Work the views started last (the billing tab's pages, an invoice) ends before the
    database goes: no connection is left open into the next test."""
    yield
    QThreadPool.globalInstance().waitForDone(10_000)


@pytest.fixture
def services(database: Database) -> DeskServices:
    populate(database, customers=12, kdf=FAST_KDF)
    return DeskServices.build(database)


@pytest.fixture
def session(services: DeskServices) -> AgentSession:
    return services.auth.login("anna", _passphrase("anna")).session


@pytest.fixture
def customer_id(services: DeskServices, session: AgentSession) -> int:
    return services.search.search(session, format_customer_number(1000001), 1).hits[0].customer_id


@pytest.fixture
def bugs(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    """What reached the excepthook (the traceback dialog in the app)."""
    seen: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _t, exc, _tb: seen.append(exc))
    return seen


@pytest.fixture
def main(
    qtbot: QtBot, services: DeskServices, session: AgentSession, database: Database
) -> MainWindow:
    window = MainWindow(services, session, database.describe(), 5)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window


@pytest.fixture
def page(qtbot: QtBot, services: DeskServices, session: AgentSession) -> CustomersPage:
    page = CustomersPage(services, session)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    return page


def _open(qtbot: QtBot, page: CustomersPage, customer_id: int) -> ContactForm:
    page.open_customer(customer_id)
    qtbot.waitUntil(lambda: page.customer.detail is not None, timeout=5000)
    return page.customer.contact


def _type(qtbot: QtBot, form: ContactForm, key: str, text: str) -> None:
    form.fields[key].selectAll()
    qtbot.keyClicks(form.fields[key], text)


def _unlock(qtbot: QtBot, main: MainWindow) -> None:
    qtbot.keyClicks(main.lock_screen.passphrase, _passphrase("anna"))
    qtbot.keyClick(main.lock_screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not main.is_locked, timeout=5000)


def _save(qtbot: QtBot, form: ContactForm) -> None:
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)


class _Paused:
    """Wraps a service method: it waits for ``go`` (before or after the real call)."""

    def __init__(self, real: Callable[..., Any], *, after: bool = False) -> None:
        self.real = real
        self.after = after
        self.entered = threading.Event()
        self.done = threading.Event()
        self.go = threading.Event()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.entered.set()
        if not self.after:
            assert self.go.wait(10)
        try:
            return self.real(*args, **kwargs)
        finally:
            self.done.set()
            if self.after:
                assert self.go.wait(10)


# --- a busy database -----------------------------------------------------------------


def test_a_busy_database_refuses_the_save_and_keeps_input_then_saving_again_works(
    qtbot: QtBot,
    page: CustomersPage,
    customer_id: int,
    hold_write_lock: Callable[[], Callable[[], None]],
) -> None:
    form = _open(qtbot, page, customer_id)
    qtbot.mouseClick(form.edit_button, Qt.MouseButton.LeftButton)
    _type(qtbot, form, "billing.city", "Neustadt an der Weinstraße")
    release = hold_write_lock()
    _save(qtbot, form)
    assert not form.save_button.isEnabled()  # the save runs on the worker
    qtbot.waitUntil(form.banner.isVisible, timeout=5000)
    assert "Another program is writing to the database" in form.banner.text()
    assert form.save_button.isEnabled()
    assert form.editing
    assert form.fields["billing.city"].text() == "Neustadt an der Weinstraße"
    release()
    _save(qtbot, form)
    qtbot.waitUntil(lambda: not form.editing, timeout=5000)
    assert form.banner.text() == "Saved."
    assert form.fields["billing.city"].text() == "Neustadt an der Weinstraße"


def test_a_busy_database_during_the_caller_check_does_not_promise_kept_input(
    qtbot: QtBot,
    page: CustomersPage,
    customer_id: int,
    services: DeskServices,
    session: AgentSession,
    hold_write_lock: Callable[[], Callable[[], None]],
) -> None:
    """The spoken password is cleared at once, so "your input is kept" would be wrong."""
    _open(qtbot, page, customer_id)
    dialog = CallerVerificationDialog(
        page.customer, services.verification, session, customer_id, "K"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    hold_write_lock()
    qtbot.keyClicks(dialog.spoken, DEMO_PHONE_PASSWORD)
    qtbot.mouseClick(dialog.check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Another program" in dialog.answer.text(), timeout=5000)
    assert "kept" not in dialog.answer.text()
    assert "Ask the caller to say it again" in dialog.answer.text()
    assert dialog.spoken.text() == ""
    assert dialog.check.isEnabled()


def test_a_busy_database_at_unlock_asks_for_the_passphrase_again(
    qtbot: QtBot,
    main: MainWindow,
    hold_write_lock: Callable[[], Callable[[], None]],
) -> None:
    hold_write_lock()
    main.lock_action.trigger()
    screen = main.lock_screen
    qtbot.keyClicks(screen.passphrase, _passphrase("anna"))
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(screen.error.isVisible, timeout=5000)
    assert screen.error.text() == (
        "Another program is writing to the database and did not finish in time. "
        "Type your passphrase again to unlock."
    )
    assert main.is_locked and screen.unlock_button.isEnabled()


# --- locking while an action is in flight ---------------------------------------------


def _paused_save(
    qtbot: QtBot,
    main: MainWindow,
    services: DeskServices,
    customer_id: int,
    monkeypatch: pytest.MonkeyPatch,
    street: str,
    *,
    after: bool = False,
) -> tuple[ContactForm, _Paused]:
    """Type a new street and press Save; the real service pauses before (or after) its
    work until the test lets it go."""
    form = _open(qtbot, main.customers, customer_id)
    qtbot.mouseClick(form.edit_button, Qt.MouseButton.LeftButton)
    _type(qtbot, form, "billing.street", street)
    paused = _Paused(services.customers.update_contact, after=after)
    monkeypatch.setattr(services.customers, "update_contact", paused)
    _save(qtbot, form)
    return form, paused


def test_a_save_refused_because_the_desk_locked_keeps_input_and_saves_after_unlock(
    qtbot: QtBot,
    main: MainWindow,
    services: DeskServices,
    customer_id: int,
    bugs: list[BaseException],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    form, paused = _paused_save(qtbot, main, services, customer_id, monkeypatch, "Lindenallee")
    assert paused.entered.wait(5)
    main.lock_action.trigger()  # Ctrl+L while the save is on its way
    paused.go.set()  # the service now sees a locked desk and refuses
    qtbot.waitUntil(lambda: bool(main.operation_gate.held), timeout=5000)
    assert main.is_locked
    assert form.banner.isHidden() and not form.save_button.isEnabled()  # held
    _unlock(qtbot, main)
    qtbot.waitUntil(form.banner.isVisible, timeout=5000)
    assert form.banner.text() == (
        "The desk was locked before this was finished, so nothing was done. Please try again."
    )
    assert form.save_button.isEnabled() and form.editing
    assert form.fields["billing.street"].text() == "Lindenallee"
    _save(qtbot, form)
    qtbot.waitUntil(lambda: not form.editing, timeout=5000)
    assert form.banner.text() == "Saved."
    assert bugs == []


def test_a_save_that_finished_while_locked_says_saved_after_unlock(
    qtbot: QtBot,
    main: MainWindow,
    services: DeskServices,
    customer_id: int,
    bugs: list[BaseException],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    form, paused = _paused_save(
        qtbot, main, services, customer_id, monkeypatch, "Birkenweg", after=True
    )
    assert paused.done.wait(5)  # written; the answer is not back yet
    main.lock_action.trigger()
    paused.go.set()
    qtbot.waitUntil(lambda: bool(main.operation_gate.held), timeout=5000)
    assert form.editing  # nothing changes behind the lock screen
    _unlock(qtbot, main)
    qtbot.waitUntil(lambda: not form.editing, timeout=5000)
    assert form.banner.text() == "Saved."
    assert form.fields["billing.street"].text() == "Birkenweg"
    assert bugs == []


def test_opening_a_customer_when_the_lock_drops_the_keys_midway_is_no_traceback(
    qtbot: QtBot,
    main: MainWindow,
    services: DeskServices,
    customer_id: int,
    bugs: list[BaseException],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The race of issue 8: the role check passed, then the lock dropped the keys the
    audit entry needs (``RuntimeError: session is locked`` in a traceback dialog)."""
    customers = services.customers
    paused = _Paused(customers._load_detail)
    monkeypatch.setattr(customers, "_load_detail", paused)
    main.customers.open_customer(customer_id)
    assert paused.entered.wait(5)  # past the role check, keys not used yet
    main.lock_action.trigger()
    paused.go.set()
    qtbot.waitUntil(lambda: bool(main.operation_gate.held), timeout=5000)
    assert bugs == []
    _unlock(qtbot, main)
    view = main.customers.customer
    qtbot.waitUntil(view.message.isVisible, timeout=5000)
    assert view.message.text().startswith("The desk was locked before this was finished")
    assert bugs == []
    main.customers.open_customer(customer_id)  # trying again works
    qtbot.waitUntil(lambda: view.detail is not None, timeout=5000)


def test_work_started_while_locked_waits_for_the_unlock(
    qtbot: QtBot, main: MainWindow, customer_id: int, bugs: list[BaseException]
) -> None:
    main.lock_action.trigger()
    main.customers.open_customer(customer_id)  # e.g. the reload after a caller check
    assert main.operation_gate.waiting
    view = main.customers.customer
    qtbot.wait(200)
    assert view.detail is None and view.message.isHidden()  # not refused: waiting
    _unlock(qtbot, main)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=5000)
    assert bugs == []


# --- a stale edit ----------------------------------------------------------------------


def test_reload_after_a_stale_edit_keeps_the_typed_input_and_shows_the_colleagues_values(
    qtbot: QtBot,
    page: CustomersPage,
    services: DeskServices,
    customer_id: int,
) -> None:
    form = _open(qtbot, page, customer_id)
    assert page.customer.detail is not None
    before = page.customer.detail.contact
    qtbot.mouseClick(form.edit_button, Qt.MouseButton.LeftButton)
    _type(qtbot, form, "billing.city", "Neustadt")
    # meanwhile a colleague saves the city and the postcode
    ben = services.auth.login("ben", _passphrase("ben")).session
    services.customers.update_contact(
        ben,
        customer_id,
        before.version,
        {"billing.city": "Altstadt", "billing.postcode": "99999"},
        "customer wrote a letter",
    )
    _save(qtbot, form)
    qtbot.waitUntil(form.reload_button.isVisible, timeout=5000)
    assert "Someone else changed this customer meanwhile" in form.banner.text()
    assert form.fields["billing.city"].text() == "Neustadt"
    form.grab().save(str(SCREENSHOTS / "kcp-stale-edit-refused.png"))

    qtbot.mouseClick(form.reload_button, Qt.MouseButton.LeftButton)
    city_hint = form.rows.hints["billing.city"]
    qtbot.waitUntil(city_hint.isVisible, timeout=5000)
    assert form.fields["billing.city"].text() == "Neustadt"  # typed text kept
    assert city_hint.text() == "Saved meanwhile by a colleague: Altstadt"
    # the postcode was not touched here: it takes the colleague's value, marked
    assert form.fields["billing.postcode"].text() == "99999"
    assert before.billing_address is not None
    assert form.rows.hints["billing.postcode"].text() == (
        f"Changed meanwhile by a colleague (was: {before.billing_address.postcode})."
    )
    assert form.rows.hints["billing.street"].isHidden()
    assert not form.reload_button.isVisible() and form.editing
    assert form.save_button.isEnabled()
    # the hint gets its height: not clipped, below the field, above the next row
    edit = form.fields["billing.city"]
    assert city_hint.height() >= city_hint.heightForWidth(city_hint.width())
    assert city_hint.geometry().top() >= edit.geometry().bottom()
    form.grab().save(str(SCREENSHOTS / "kcp-stale-edit-reload.png"))

    _save(qtbot, form)  # against the colleague's version now
    qtbot.waitUntil(lambda: not form.editing, timeout=5000)
    assert form.banner.text() == "Saved."
    assert city_hint.isHidden()
    after = services.customers.detail(ben, customer_id, reload=True).contact
    assert after.billing_address is not None
    assert (after.billing_address.city, after.billing_address.postcode) == ("Neustadt", "99999")


# --- the invoice list -----------------------------------------------------------------


@pytest.fixture
def busiest_customer(database: Database, services: DeskServices) -> int:
    with database.read() as s:
        row = s.execute(
            select(Invoice.customer_id, func.count())
            .group_by(Invoice.customer_id)
            .order_by(func.count().desc())
            .limit(1)
        ).one()
    assert row[1] >= 5
    return int(row[0])


def test_the_invoice_list_loads_and_pages_on_the_worker_with_a_busy_state(
    qtbot: QtBot,
    services: DeskServices,
    session: AgentSession,
    busiest_customer: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(billing_module, "PAGE", 1)
    tab = BillingTab(services.billing, session)
    qtbot.addWidget(tab)
    tab.show()
    tab.invoice_table.setFixedHeight(90)  # a few rows on screen: it fetches as it scrolls
    with qtbot.waitSignal(tab.invoices.loaded, timeout=5000):
        tab.load(busiest_customer, "Holder")
        # nothing was read on the GUI thread: the list is empty and says it is loading
        assert tab.invoices.rowCount() == 0 and tab.busy.isVisible()
        assert not tab.change_method.isEnabled()
    assert tab.invoices.rowCount() == 1  # the first page
    qtbot.waitUntil(lambda: not tab.busy.isVisible() and tab.invoice is not None, timeout=5000)
    assert tab.change_method.isEnabled()
    shown = tab.invoices.rowCount()
    assert tab.invoices.canFetchMore(QModelIndex())
    tab.invoice_table.scrollToBottom()  # the view asks for the next page
    # the view may ask at once or at its next layout pass (it already fetched one page
    # on its own to fill the viewport while the first one loaded, under load on CI)
    qtbot.waitUntil(lambda: tab.busy.isVisible() or tab.invoices.rowCount() > shown, timeout=5000)
    if tab.busy.isVisible():
        assert tab.invoices.rowCount() == shown  # nothing appended before it arrives
        assert not tab.invoices.canFetchMore(QModelIndex())  # one page at a time
    qtbot.waitUntil(lambda: tab.invoices.rowCount() > shown, timeout=5000)
    qtbot.waitUntil(lambda: not tab.busy.isVisible(), timeout=5000)
    numbers = [tab.invoices.row(i).number for i in range(tab.invoices.rowCount())]
    assert len(set(numbers)) == len(numbers)


def test_a_failed_invoice_page_says_why_and_try_again_loads_it(
    qtbot: QtBot,
    services: DeskServices,
    session: AgentSession,
    busiest_customer: int,
) -> None:
    tab = BillingTab(services.billing, session)
    qtbot.addWidget(tab)
    tab.show()
    session.lock()  # every read is refused (the tab on its own: no lock screen here)
    tab.load(busiest_customer, "Holder")
    qtbot.waitUntil(tab.retry_button.isVisible, timeout=5000)
    assert tab.message.text() == "The desk is locked. Unlock it first."
    assert not tab.busy.isVisible() and tab.invoices.rowCount() == 0
    assert not tab.invoices.canFetchMore(QModelIndex())
    services.auth.unlock(session, _passphrase("anna"))
    qtbot.mouseClick(tab.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.invoices.rowCount() > 0 and tab.glance is not None, timeout=5000)
    assert not tab.message.isVisible() and not tab.retry_button.isVisible()
