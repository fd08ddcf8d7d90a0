"""The caller check and the name-change screens as an agent uses them (issue 9): Enter
checks, the lock is said up front and at once, errors are not clipped, the legal form is
shown once, and every decision on the approvals page is confirmed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update
from sqlalchemy.orm import Session

from kcp_desk.db import Database
from kcp_desk.domain.references import format_customer_number, format_ticket_ref
from kcp_desk.models.customers import AddressKind, Customer, CustomerKind, PostalAddress
from kcp_desk.models.tickets import Ticket
from kcp_desk.security.phone_password import PhonePasswordParams, hash_phone_password
from kcp_desk.services.desk import DeskServices
from kcp_desk.services.principal import AgentSession
from kcp_desk.views import formatting as fmt
from kcp_desk.views.caller_dialog import CallerVerificationDialog
from kcp_desk.views.name_change import ApprovalsPage, NameChangeDialog
from tests.conftest import PASSPHRASES

SECRET = "Sonnenblume-Zebra-42"
WRONG = "Gaensebluemchen-7"
CHEAP = PhonePasswordParams(memory_kib=64, iterations=1, lanes=1)
I18N = Path(__file__).parents[2] / "kcp_desk" / "i18n"


@dataclass(frozen=True)
class World:
    person: int
    company: int
    other: int
    company_ticket: str
    other_ticket: str


def _customer(s: Session, number: int, kind: CustomerKind, company: str | None = None) -> int:
    customer = Customer(
        number=number,
        kind=kind,
        first_name="Ehrenfried",
        last_name="Ortmann",
        company=company,
        legal_form="GmbH" if company else None,
        email=f"kunde{number}@example.de",
        customer_since=dt.date(2019, 5, 1),
        search_folded="ehrenfried ortmann",
        phone_password_hash=hash_phone_password(SECRET, CHEAP),
        phone_password_set_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=100),
    )
    customer.addresses.append(
        PostalAddress(
            kind=AddressKind.BILLING,
            street="Domstraße 1",
            postcode="50667",
            city="Köln",
            valid_from=dt.date(2019, 5, 1),
        )
    )
    s.add(customer)
    s.flush()
    return customer.id


@pytest.fixture
def world(database: Database, agents: dict[str, int]) -> World:
    with database.transaction() as s:
        person = _customer(s, 1234567, CustomerKind.PERSON)
        company = _customer(s, 1111111, CustomerKind.COMPANY, "Ortmann Haustechnik GmbH")
        other = _customer(s, 2222222, CustomerKind.COMPANY, "Kunz Bau GmbH")
        s.add(Ticket(customer_id=company, number=1236, subject="Umfirmierung"))
        s.add(Ticket(customer_id=other, number=1237, subject="Umfirmierung"))
    return World(person, company, other, format_ticket_ref(1236), format_ticket_ref(1237))


@pytest.fixture
def services(database: Database) -> DeskServices:
    return DeskServices.build(database)


def _login(services: DeskServices, name: str) -> AgentSession:
    return services.auth.login(name, PASSPHRASES[name]).session


@pytest.fixture
def anna(services: DeskServices, world: World) -> AgentSession:
    return _login(services, "anna")


@pytest.fixture
def lea(services: DeskServices, world: World) -> AgentSession:
    return _login(services, "lea")


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    """The desk window on a 1024×768 screen, parent of the dialogs."""
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    return window


# --- caller check ------------------------------------------------------------------------


def _caller_dialog(
    qtbot: QtBot, window: QWidget, services: DeskServices, session: AgentSession, cid: int
) -> CallerVerificationDialog:
    dialog = CallerVerificationDialog(
        window, services.verification, session, cid, format_customer_number(1234567)
    )
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.status_loaded, timeout=5000):
        dialog.show()
    return dialog


def _enter(qtbot: QtBot, dialog: CallerVerificationDialog, spoken: str) -> None:
    """Type what the caller says and press Enter, as an agent does."""
    qtbot.keyClicks(dialog.spoken, spoken)
    with qtbot.waitSignal(dialog.checked, timeout=5000):
        qtbot.keyClick(dialog.spoken, Qt.Key.Key_Return)


def test_enter_in_the_password_field_runs_the_check(
    qtbot: QtBot, window: QWidget, services: DeskServices, anna: AgentSession, world: World
) -> None:
    dialog = CallerVerificationDialog(
        window, services.verification, anna, world.person, format_customer_number(1234567)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.spoken, SECRET)
    qtbot.keyClick(dialog.spoken, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Matches" in dialog.answer.text(), timeout=5000)
    assert dialog.isVisible()  # Enter did not press Close
    assert dialog.check.isDefault()
    assert dialog.spoken.text() == ""


def test_the_dialog_says_up_front_that_the_phone_password_is_locked(
    qtbot: QtBot, window: QWidget, services: DeskServices, anna: AgentSession, world: World
) -> None:
    for _ in range(3):
        outcome = services.verification.verify_phone_password(anna, world.person, WRONG)
    assert outcome.locked_until is not None
    dialog = _caller_dialog(qtbot, window, services, anna, world.person)
    text = dialog.state_line.text()
    assert "locked until" in text
    assert fmt.date_time(outcome.locked_until) in text  # local time, as the desk shows it
    assert dialog.state_line.isVisible()
    assert not dialog.check.isEnabled()
    qtbot.keyClick(dialog.spoken, Qt.Key.Key_Return)  # nothing to check, nothing closes
    assert dialog.isVisible()
    assert dialog.outcome is None


def test_the_dialog_says_up_front_that_no_phone_password_is_set(
    qtbot: QtBot,
    window: QWidget,
    database: Database,
    services: DeskServices,
    anna: AgentSession,
    world: World,
) -> None:
    with database.transaction() as s:
        s.execute(
            update(Customer).where(Customer.id == world.person).values(phone_password_hash=None)
        )
    dialog = _caller_dialog(qtbot, window, services, anna, world.person)
    assert "no phone password" in dialog.state_line.text()
    assert not dialog.check.isEnabled()


def test_the_third_wrong_try_says_locked_at_once_and_disables_check(
    qtbot: QtBot, window: QWidget, services: DeskServices, anna: AgentSession, world: World
) -> None:
    dialog = _caller_dialog(qtbot, window, services, anna, world.person)
    assert "3 wrong tr" in dialog.state_line.text()
    assert dialog.check.isEnabled()
    _enter(qtbot, dialog, WRONG)
    assert "2 more wrong tr" in dialog.answer.text()
    assert not dialog.state_line.isVisible()  # the answer says what is true now
    _enter(qtbot, dialog, WRONG)
    assert "1 more wrong try locks" in dialog.answer.text()
    _enter(qtbot, dialog, WRONG)
    answer = dialog.answer.text()
    assert dialog.outcome is not None and dialog.outcome.locked_until is not None
    assert "Does not match" in answer
    assert f"locked until {fmt.date_time(dialog.outcome.locked_until)}" in answer
    assert "0 more" not in answer
    assert not dialog.check.isEnabled()
    assert not dialog.spoken.isEnabled()
    assert _not_clipped(dialog)


# --- name-change dialog --------------------------------------------------------------------


@pytest.fixture
def german() -> Iterator[None]:
    """The desk's German catalogue, as on a German system."""
    translator = QTranslator()
    assert translator.load("kcp_desk_de", str(I18N))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def _name_dialog(
    qtbot: QtBot, window: QWidget, services: DeskServices, session: AgentSession, cid: int
) -> NameChangeDialog:
    contact = services.customers.detail(session, cid).contact
    dialog = NameChangeDialog(window, services.name_change, session, cid, contact)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _rect_in(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())


def _not_clipped(dialog: QWidget) -> bool:
    """Every visible wrapped label has the height its text needs and overlaps no field."""
    QApplication.processEvents()
    fields = [f for f in dialog.findChildren(QLineEdit) if f.isVisible()]
    for label in dialog.findChildren(QLabel):
        if not (label.isVisible() and label.wordWrap() and label.text()):
            continue
        if label.height() < label.heightForWidth(label.width()):
            return False
        if any(_rect_in(label, dialog).intersects(_rect_in(f, dialog)) for f in fields):
            return False
        if not dialog.rect().contains(_rect_in(label, dialog)):
            return False
    return True


def test_name_change_errors_get_their_height_in_german_at_1024x768(
    qtbot: QtBot,
    window: QWidget,
    services: DeskServices,
    anna: AgentSession,
    world: World,
    german: None,
) -> None:
    dialog = _name_dialog(qtbot, window, services, anna, world.company)
    dialog.rows.edits["ticket"].setText("#KCP-1234")
    dialog.rows.edits["company"].clear()
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    ticket_error = dialog.rows.errors["ticket"]
    qtbot.waitUntil(ticket_error.isVisible, timeout=5000)
    assert "Ticketnummer" in ticket_error.text()  # the German text, two lines at this width
    assert ticket_error.heightForWidth(ticket_error.width()) > ticket_error.fontMetrics().height()
    assert dialog.rows.errors["company"].isVisible()
    qtbot.waitUntil(lambda: _not_clipped(dialog), timeout=2000)
    assert dialog.frameGeometry().height() <= 768
    assert dialog.rows.edits["ticket"].text() == "#KCP-1234"  # nothing typed is lost


def test_the_legal_form_is_shown_once_and_kept_on_submit(
    qtbot: QtBot, window: QWidget, services: DeskServices, anna: AgentSession, world: World
) -> None:
    dialog = _name_dialog(qtbot, window, services, anna, world.company)
    edits = dialog.rows.edits
    assert edits["company"].text() == "Ortmann Haustechnik"
    assert edits["legal_form"].text() == "GmbH"
    qtbot.keyClicks(edits["ticket"], world.company_ticket)
    edits["legal_form"].setText("AG")
    qtbot.keyClicks(edits["reason"], "Umwandlung laut Handelsregister")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.request is not None, timeout=5000)
    assert dialog.request is not None
    assert dialog.request.new_company == "Ortmann Haustechnik AG"  # stored as registered
    assert dialog.request.new_legal_form == "AG"


def test_an_unchanged_legal_form_changes_nothing_but_the_name(
    qtbot: QtBot, window: QWidget, services: DeskServices, anna: AgentSession, world: World
) -> None:
    dialog = _name_dialog(qtbot, window, services, anna, world.company)
    edits = dialog.rows.edits
    qtbot.keyClicks(edits["ticket"], world.company_ticket)
    edits["first_name"].setText("Ehrenfried Karl")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.request is not None, timeout=5000)
    assert dialog.request is not None
    assert dialog.request.new_company == "Ortmann Haustechnik GmbH"


# --- approvals page ------------------------------------------------------------------------


def _page(qtbot: QtBot, services: DeskServices, session: AgentSession) -> ApprovalsPage:
    page = ApprovalsPage(services.name_change, session)
    qtbot.addWidget(page)
    page.resize(1024 - 200, 700)
    page.show()
    return page


def _refresh(qtbot: QtBot, page: ApprovalsPage) -> int:
    with qtbot.waitSignal(page.pending_count_changed, timeout=5000) as blocker:
        page.refresh()
    assert blocker.args is not None
    count: int = blocker.args[0]
    return count


def _request_for(
    services: DeskServices, session: AgentSession, cid: int, ticket: str, company: str
) -> None:
    services.name_change.request(
        session, cid, ticket, "Ehrenfried", "Ortmann", company, "AG", "Umwandlung"
    )


def test_approving_says_approved_not_that_another_lead_must_decide(
    qtbot: QtBot, services: DeskServices, anna: AgentSession, lea: AgentSession, world: World
) -> None:
    _request_for(services, anna, world.company, world.company_ticket, "Ortmann Haustechnik AG")
    _request_for(services, lea, world.other, world.other_ticket, "Kunz Bau AG")  # her own
    page = _page(qtbot, services, lea)
    assert _refresh(qtbot, page) == 1  # the one she may decide
    assert page.model.rowCount() == 2
    qtbot.keyClicks(page.decision_reason, "Handelsregisterauszug liegt vor")
    with qtbot.waitSignal(page.pending_count_changed, timeout=5000) as blocker:
        qtbot.mouseClick(page.approve, Qt.MouseButton.LeftButton)
    assert blocker.args == [0]
    assert page.message.text() == (
        f"Approved: {format_customer_number(1111111)} is now called “Ortmann Haustechnik AG”."
    )
    # her own request is left and selected: the note says so, apart from the confirmation
    assert page.model.rowCount() == 1
    assert "Another team lead" in page.note.text()
    assert "Another team lead" not in page.message.text()


def test_rejecting_is_confirmed_and_an_empty_page_says_so(
    qtbot: QtBot, services: DeskServices, anna: AgentSession, lea: AgentSession, world: World
) -> None:
    _request_for(services, anna, world.company, world.company_ticket, "Ortmann Haustechnik AG")
    page = _page(qtbot, services, lea)
    _refresh(qtbot, page)
    assert not page.empty.isVisible()
    qtbot.keyClicks(page.decision_reason, "Kein Nachweis")
    with qtbot.waitSignal(page.pending_count_changed, timeout=5000):
        qtbot.mouseClick(page.reject_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == (
        f"Rejected: {format_customer_number(1111111)} keeps the name “Ortmann Haustechnik GmbH”."
    )
    assert page.empty.isVisible()
    assert page.empty.text() == "No requests waiting for approval."
    assert not page.table.isVisible()
    assert not page.approve.isVisible()


def test_the_page_links_to_the_customer_and_the_ticket(
    qtbot: QtBot, services: DeskServices, anna: AgentSession, lea: AgentSession, world: World
) -> None:
    _request_for(services, anna, world.company, world.company_ticket, "Ortmann Haustechnik AG")
    page = _page(qtbot, services, lea)
    tickets: list[str] = []
    page.open_ticket.connect(tickets.append)
    _refresh(qtbot, page)
    with qtbot.waitSignal(page.open_customer, timeout=1000) as blocker:
        qtbot.mouseClick(page.open_customer_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [world.company]
    assert page.open_ticket_button.isVisible()
    assert world.company_ticket in page.open_ticket_button.text()
    qtbot.mouseClick(page.open_ticket_button, Qt.MouseButton.LeftButton)
    assert tickets == [world.company_ticket]


def test_a_ticket_link_nobody_wired_is_not_offered(
    qtbot: QtBot, services: DeskServices, anna: AgentSession, lea: AgentSession, world: World
) -> None:
    _request_for(services, anna, world.company, world.company_ticket, "Ortmann Haustechnik AG")
    page = _page(qtbot, services, lea)
    _refresh(qtbot, page)
    assert page.open_customer_button.isVisible()
    assert not page.open_ticket_button.isVisible()


def test_the_count_for_the_navigation_loads_without_the_page(
    qtbot: QtBot, services: DeskServices, anna: AgentSession, lea: AgentSession, world: World
) -> None:
    _request_for(services, anna, world.company, world.company_ticket, "Ortmann Haustechnik AG")
    _request_for(services, lea, world.other, world.other_ticket, "Kunz Bau AG")
    for session, expected in ((lea, 1), (anna, 1)):
        page = _page(qtbot, services, session)
        with qtbot.waitSignal(page.pending_count_changed, timeout=5000) as blocker:
            page.refresh_count()
        assert blocker.args == [expected]
        assert page.model.rowCount() == 0  # the requests themselves were not loaded
