"""Search → Enter → customer view, contact edit and caller verification, driven by keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kcp_desk.db import Database
from kcp_desk.domain.references import format_customer_number
from kcp_desk.services.demo import DEMO_AGENTS, DEMO_PHONE_PASSWORD, populate
from kcp_desk.services.desk import DeskServices
from kcp_desk.services.principal import AgentSession
from kcp_desk.views.caller_dialog import CallerVerificationDialog
from kcp_desk.views.customer_search import CustomerSearchView
from kcp_desk.views.customers_page import CustomersPage
from tests.conftest import FAST_KDF

FIRST = format_customer_number(1000001)


@pytest.fixture
def demo(database: Database) -> Database:
    populate(database, customers=40, kdf=FAST_KDF)
    return database


@pytest.fixture
def page(qtbot: QtBot, demo: Database) -> CustomersPage:
    services = DeskServices.build(demo)
    anna = next(a for a in DEMO_AGENTS if a.username == "anna")
    session: AgentSession = services.auth.login("anna", anna.passphrase).session
    page = CustomersPage(services, session)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def _search(qtbot: QtBot, page: CustomersPage, text: str) -> None:
    with qtbot.waitSignal(page.search.searched, timeout=5000):
        qtbot.keyClicks(page.search.field, text)
    qtbot.waitUntil(lambda: page.search.message.text() != "", timeout=5000)


def _open_first_hit(qtbot: QtBot, page: CustomersPage) -> None:
    _search(qtbot, page, FIRST)
    assert page.search.model.rowCount() >= 1
    qtbot.keyClick(page.search.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.customer.detail is not None, timeout=5000)


def test_search_enter_opens_the_customer(qtbot: QtBot, page: CustomersPage) -> None:
    _open_first_hit(qtbot, page)
    assert page.currentWidget() is page.customer
    assert page.customer.number.text() == FIRST
    assert page.customer.tabs.count() == 7
    # the invoice list loads on the worker (no database call on the GUI thread)
    qtbot.waitUntil(lambda: page.customer.billing.invoices.rowCount() > 0, timeout=5000)
    qtbot.waitUntil(lambda: page.customer.billing.glance is not None, timeout=5000)
    assert page.customer.billing.panel.headline.text()


def test_wrong_check_digit_is_said_at_the_field(qtbot: QtBot, page: CustomersPage) -> None:
    wrong = FIRST[:-1] + str((int(FIRST[-1]) + 1) % 10)
    for char in wrong:
        qtbot.keyClick(page.search.field, char)
    qtbot.waitUntil(lambda: "Check digit" in page.search.message.text(), timeout=5000)
    assert page.search.model.rowCount() == 0


def test_a_refused_search_says_why_at_the_field(qtbot: QtBot, page: CustomersPage) -> None:
    """The service refuses a locked desk (issue 7); the field says so, the list stays empty."""
    page.search._session.lock()
    for char in FIRST:
        qtbot.keyClick(page.search.field, char)
    qtbot.waitUntil(lambda: "locked" in page.search.message.text(), timeout=5000)
    assert page.search.model.rowCount() == 0


def test_contact_edit_error_keeps_input_and_save_records_history(
    qtbot: QtBot, page: CustomersPage
) -> None:
    _open_first_hit(qtbot, page)
    form = page.customer.contact
    qtbot.mouseClick(form.edit_button, Qt.MouseButton.LeftButton)
    phone = form.fields["phone"]
    phone.clear()
    qtbot.keyClicks(phone, "not a phone number")
    qtbot.keyClicks(form.fields["billing.city"], "X")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(form.errors["phone"].isVisible, timeout=5000)
    assert phone.text() == "not a phone number"  # nothing typed is lost
    assert form.fields["billing.city"].text().endswith("X")
    assert form.editing
    phone.clear()
    qtbot.keyClicks(phone, "030 1234567")
    qtbot.keyClicks(form.reason, "customer called")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.editing, timeout=5000)
    history = page.customer.history.model
    fields = {history.row(i).field for i in range(history.rowCount())}
    assert {"phone", "address.billing"} <= fields
    assert "email" not in fields


def test_the_e_mail_is_read_only_and_asks_for_the_identity_case(
    qtbot: QtBot, page: CustomersPage
) -> None:
    """C1.4 / issue 12: no new e-mail through the contact form, not even with a caller
    verified during this call; "Change e-mail…" asks for the identity case instead."""
    _open_first_hit(qtbot, page)
    customer = page.customer
    assert customer.detail is not None
    stored = customer.detail.contact.email
    customer._services.verification.verify_phone_password(
        customer._session, customer.detail.customer_id, DEMO_PHONE_PASSWORD
    )
    form = customer.contact
    email = form.findChild(QLineEdit, "field_email")
    assert email is form.email and email.text() == stored
    assert "email" not in form.fields  # no dirty tracking, never in a save
    qtbot.mouseClick(form.edit_button, Qt.MouseButton.LeftButton)
    assert form.editing and email.isReadOnly()
    qtbot.mouseClick(email, Qt.MouseButton.LeftButton)
    email.selectAll()
    qtbot.keyClicks(email, "neu@example.de")
    qtbot.keyClick(email, Qt.Key.Key_Backspace)
    assert email.text() == stored
    assert not form.has_unsaved_changes()
    qtbot.keyClicks(form.fields["billing.city"], "X")
    assert "email" not in form.changes()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.editing, timeout=5000)
    assert email.text() == stored and email.isReadOnly()
    history = customer.history.model
    assert "email" not in {history.row(i).field for i in range(history.rowCount())}

    button = form.findChild(QPushButton, "change_email")
    assert button is not None and button.isVisible() and button.isEnabled()
    assert "identity case" in button.toolTip()
    with qtbot.waitSignal(form.email_change_requested, timeout=2000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.edit_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(form.email_change_requested, timeout=2000):  # while editing too
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_caller_verification_says_only_match_or_not(
    qtbot: QtBot, page: CustomersPage, demo: Database
) -> None:
    _open_first_hit(qtbot, page)
    customer = page.customer
    assert customer.detail is not None
    dialog = CallerVerificationDialog(
        customer,
        customer._services.verification,
        customer._session,
        customer.detail.customer_id,
        FIRST,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.spoken, "Gaensebluemchen-7")
    qtbot.mouseClick(dialog.check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Does not match" in dialog.answer.text(), timeout=5000)
    assert dialog.spoken.text() == ""
    qtbot.keyClicks(dialog.spoken, DEMO_PHONE_PASSWORD)
    qtbot.mouseClick(dialog.check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Matches" in dialog.answer.text(), timeout=5000)
    for widget in [
        dialog,
        customer,
        *dialog.findChildren(QWidget),
        *customer.findChildren(QWidget),
    ]:
        if isinstance(widget, QLabel | QLineEdit):
            assert DEMO_PHONE_PASSWORD not in widget.text()


def test_payment_method_dialog_keeps_input_on_a_bad_iban(qtbot: QtBot, page: CustomersPage) -> None:
    from kcp_desk.views.billing_tab import PaymentMethodDialog

    _open_first_hit(qtbot, page)
    billing = page.customer.billing
    qtbot.waitUntil(lambda: billing.glance is not None, timeout=5000)
    assert billing.glance is not None
    dialog = PaymentMethodDialog(
        billing, billing._billing, billing._session, billing.glance.customer_id,
        billing.glance.version, "Erika Muster",
    )  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.method.setCurrentIndex(dialog.method.findData("sepa_direct_debit"))
    qtbot.keyClicks(dialog.inputs["iban"], "DE89 3704 0044 0532 0130 01")  # checksum off by one
    qtbot.keyClicks(dialog.inputs["reason"], "new bank account")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.rows.errors["iban"].isVisible, timeout=5000)
    assert "check digits" in dialog.rows.errors["iban"].text()
    assert dialog.inputs["iban"].text() == "DE89 3704 0044 0532 0130 01"
    assert dialog.saved is None
    dialog.inputs["iban"].setText("DE89 3704 0044 0532 0130 00")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=5000)
    assert dialog.inputs["iban"].text() == ""  # the full IBAN leaves the screen
    assert dialog.saved is not None
    assert all("0532 0130 00" not in m.iban_masked for m in dialog.saved.mandates)


def test_results_load_lazily_when_scrolled_to_the_end(qtbot: QtBot, database: Database) -> None:
    populate(database, customers=700, kdf=FAST_KDF)
    services = DeskServices.build(database)
    anna = next(a for a in DEMO_AGENTS if a.username == "anna")
    session = services.auth.login("anna", anna.passphrase).session
    view = CustomerSearchView(services.search, session)
    qtbot.addWidget(view)
    view.resize(1000, 500)
    view.show()
    with qtbot.waitSignal(view.searched, timeout=5000):
        view.field.setText("web")  # every web.de address: more than one page
    assert view.model.rowCount() == 50
    assert view.has_more
    first_page = [view.model.row(i).customer_id for i in range(50)]
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() > 50, timeout=5000)
    ids = [view.model.row(i).customer_id for i in range(view.model.rowCount())]
    assert ids[:50] == first_page  # the rows on screen stay where they are
    assert len(set(ids)) == len(ids)


def test_a_two_line_error_in_the_contact_form_is_not_clipped(
    qtbot: QtBot, page: CustomersPage
) -> None:
    """A long field error wraps onto a second line and gets its full height."""
    page.resize(1024 - 200, 700)  # the work area of a 1024×768 screen
    _open_first_hit(qtbot, page)
    form = page.customer.contact
    qtbot.mouseClick(form.edit_button, Qt.MouseButton.LeftButton)
    street = form.fields["billing.street"]
    street.setText("Lorch\u202estraße")  # a right-to-left override, refused at the field
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    error = form.errors["billing.street"]
    qtbot.waitUntil(error.isVisible, timeout=5000)
    qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()), timeout=2000)
    assert error.heightForWidth(error.width()) > error.fontMetrics().height() * 1.5  # 2 lines
