"""Identity cases on the approvals page and in the customer's History (issue 12), on both
databases against the real service: a lead decides a case another agent prepared, never
their own; the navigation counts name changes and cases; the customer view opens the
case from its header, the contact form and History."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kcp_desk.db import Database
from kcp_desk.domain.references import format_ticket_ref
from kcp_desk.models.customers import Customer
from kcp_desk.models.outbox import OutboxChannel
from kcp_desk.models.tickets import Ticket
from kcp_desk.services.identity import CaseDTO
from kcp_desk.views.customer_view import CustomerView
from kcp_desk.views.identity_case import IdentityCaseDialog
from kcp_desk.views.name_change import ApprovalsPage
from kcp_desk.views.unsaved import Choice
from tests.identity_support import PHONE_PASSWORD, add_customer
from tests.views.test_identity_case import NEW_EMAIL, Desk, build_desk


@pytest.fixture
def desk(database: Database) -> Iterator[Desk]:
    yield from build_desk(database)


def _submitted_case(desk: Desk, by: str, customer_id: int | None = None) -> CaseDTO:
    """A case with P and L passed, submitted by ``by`` (through the service)."""
    session = desk.sessions[by]
    cid = customer_id if customer_id is not None else desk.customer_id
    case = desk.identity.open_case(session, cid, has_mailbox=False, knowledge=())
    assert desk.identity.try_phone_password(session, case.case_id, PHONE_PASSWORD).result == (
        "match"
    )
    desk.identity.send_letter(session, case.case_id)
    code = desk.code(case.case_id, OutboxChannel.LETTER)
    outcome = desk.identity.enter_code(session, case.case_id, "L", code)
    assert outcome.case.policy.allows_new_email
    return desk.identity.submit(session, case.case_id, outcome.case.version, NEW_EMAIL)


def _second_customer(desk: Desk) -> int:
    customer_id = add_customer(
        desk.db,
        dt.datetime.now(dt.UTC),
        number=7654322,
        first_name="Erika",
        last_name="Kunz",
        company="Kunz Bau",
        email="info@kunz-bau.de",
        mobile=None,
        street="Domstraße",
        postcode="50667",
        city="Köln",
    )
    with desk.db.transaction() as s:
        s.add(Ticket(customer_id=customer_id, number=4711, subject="Umfirmierung"))
    return customer_id


def _page(qtbot: QtBot, desk: Desk, by: str) -> ApprovalsPage:
    page = ApprovalsPage(desk.services.name_change, desk.sessions[by], desk.identity)
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


def test_the_count_adds_name_changes_and_the_cases_a_lead_may_decide(
    qtbot: QtBot, desk: Desk
) -> None:
    other = _second_customer(desk)
    ref = format_ticket_ref(4711)
    desk.services.name_change.request(
        desk.sessions["anna"], other, ref, "Erika", "Kunz", "Kunz Bau AG", "AG", "Umwandlung"
    )
    _submitted_case(desk, "anna")
    _submitted_case(desk, "lea", other)  # her own: another lead decides it
    page = _page(qtbot, desk, "lea")
    with qtbot.waitSignal(page.pending_count_changed, timeout=5000) as blocker:
        page.refresh_count()
    assert blocker.args == [2]  # one name change, one case she may decide
    assert page.identity is not None and page.identity.model.rowCount() == 0  # not loaded
    assert _refresh(qtbot, page) == 2
    section = page.identity
    assert section.model.rowCount() == 2
    for row in range(2):
        section.table.selectRow(row)
        case = section.model.row(row)
        if case.prepared_by_name == "Lea Großmann":
            assert not section.approve.isEnabled() and not section.reject_button.isEnabled()
            assert "Another team lead must decide this case" in section.note.text()
        else:
            assert section.approve.isEnabled() and section.reject_button.isEnabled()
            assert not section.note.isVisible()
    # an agent counts nothing to decide among the cases (their own name change counts)
    anna = _page(qtbot, desk, "anna")
    with qtbot.waitSignal(anna.pending_count_changed, timeout=5000) as blocker:
        anna.refresh_count()
    assert blocker.args == [1]


def test_a_rejection_needs_a_reason_and_is_confirmed(qtbot: QtBot, desk: Desk) -> None:
    _submitted_case(desk, "anna")
    page = _page(qtbot, desk, "lea")
    _refresh(qtbot, page)
    section = page.identity
    assert section is not None
    qtbot.mouseClick(section.reject_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.message.text() != "", timeout=5000)
    assert section.message.text() == "Please give a reason."
    assert section.reject_button.isEnabled()  # usable again
    assert section.model.rowCount() == 1
    qtbot.keyClicks(section.decision_reason, "Anrufer unsicher")
    with qtbot.waitSignal(page.pending_count_changed, timeout=5000) as blocker:
        qtbot.mouseClick(section.reject_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [0]
    assert section.message.text().startswith("Rejected: ")
    assert section.message.text().endswith(
        "Jürgen Müller keeps the current e-mail j•••@example.de."
    )
    assert section.empty.isVisible() and not section.approve.isVisible()
    with desk.db.read() as s:
        customer = s.get(Customer, desk.customer_id)
        assert customer is not None and customer.email == "j.mueller@example.de"


def test_the_queue_links_to_the_customer_and_shows_the_case_read_only(
    qtbot: QtBot, desk: Desk
) -> None:
    _submitted_case(desk, "anna")
    page = _page(qtbot, desk, "lea")
    _refresh(qtbot, page)
    section = page.identity
    assert section is not None
    with qtbot.waitSignal(page.open_customer, timeout=1000) as blocker:
        qtbot.mouseClick(section.open_customer_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [desk.customer_id]
    qtbot.mouseClick(section.show_case_button, Qt.MouseButton.LeftButton)
    dialog = section.findChild(IdentityCaseDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.case is not None, timeout=5000)
    assert dialog.case is not None and dialog.case.state == "awaiting_approval"
    assert dialog.read_only
    assert not dialog.rows["P"].actions.isVisible()
    assert "Waiting for a team lead" in dialog.outcome.text()
    dialog.close()


def test_the_customer_view_opens_the_case_and_lists_it_under_history(
    qtbot: QtBot, desk: Desk
) -> None:
    services = dataclasses.replace(desk.services, identity=desk.identity)
    view = CustomerView(services, desk.sessions["anna"])
    qtbot.addWidget(view)
    view.resize(1024 - 200, 700)
    view.show()
    view.open_customer(desk.customer_id)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=5000)
    view.tabs.setCurrentWidget(view.history)
    qtbot.waitUntil(lambda: view.identity_cases.empty.isVisible(), timeout=5000)
    assert view.identity_cases.empty.text() == "No identity cases."
    # the header action and the contact form's "Change e-mail…" open the same dialog
    qtbot.mouseClick(view.identity_button, Qt.MouseButton.LeftButton)
    first = view.identity_dialog
    assert first is not None
    qtbot.waitUntil(lambda: first.stack.currentWidget() is first.start_page, timeout=5000)
    assert "j•••@example.de" in first.mailbox_question.text()
    first.close()
    QApplication.processEvents()
    change = view.contact.findChild(QWidget, "change_email")
    assert change is not None
    qtbot.mouseClick(change, Qt.MouseButton.LeftButton)
    dialog = view.identity_dialog
    assert dialog is not None and dialog is not first
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.start_page, timeout=5000)
    dialog.close()

    # a case decided meanwhile: History lists it; a double click opens it read-only
    submitted = _submitted_case(desk, "anna")
    desk.identity.approve(desk.sessions["lea"], submitted.case_id, submitted.version, "ok")
    view.open_customer(desk.customer_id, reload=True)
    qtbot.waitUntil(lambda: view.identity_cases.model.rowCount() == 1, timeout=5000)
    model = view.identity_cases.model
    cells = [model.index(0, c).data() for c in range(model.columnCount())]
    assert cells[1] == "approved"
    assert cells[2] == "P ✓ L ✓"
    assert cells[3] == "Anna Schäfer" and cells[4] == "Lea Großmann"
    assert cells[5] == "ok"
    # the approved e-mail change is a contact change row too (written by the service)
    history = view.history.model
    fields = [history.index(r, 1).data() for r in range(history.rowCount())]
    assert "E-mail" in fields
    index = model.index(0, 0)
    table = view.identity_cases.table
    where = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    opened = view.identity_dialog
    assert opened is not None
    qtbot.waitUntil(lambda: opened.case is not None, timeout=5000)
    assert opened.case is not None and opened.case.state == "approved"
    assert opened.read_only and not opened.rows["L"].actions.isVisible()
    opened.close()


def test_text_typed_in_the_open_case_counts_for_the_customer_views_guard(
    qtbot: QtBot, desk: Desk
) -> None:
    """Sign-out, quit and a second "Change e-mail…" ask about it, as for the contact form."""
    services = dataclasses.replace(desk.services, identity=desk.identity)
    view = CustomerView(services, desk.sessions["anna"])
    qtbot.addWidget(view)
    view.show()
    view.open_customer(desk.customer_id)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=5000)
    dialog = view.open_identity_case()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.start_page, timeout=5000)
    assert not view.guard.has_unsaved_changes()
    dialog.doubt_note.setText("ruft von unbekannter Nummer an")
    assert view.guard.has_unsaved_changes()
    asked: list[bool] = []

    def keep(_parent: QWidget, can_save: bool) -> Choice:
        asked.append(can_save)
        return Choice.CANCEL

    dialog.guard.asker = keep
    assert view.open_identity_case() is dialog  # kept, not replaced by a second one
    assert asked and dialog.doubt_note.text() == "ruft von unbekannter Nummer an"
    view.guard.discard_changes()
    assert dialog.doubt_note.text() == "" and not view.guard.has_unsaved_changes()
    dialog.close()
