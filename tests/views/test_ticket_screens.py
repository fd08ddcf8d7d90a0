"""The Tickets page as agents and leads use it (issue 10), on SQLite and PostgreSQL:
the queue model (qtmodeltester, lazy rows, selection kept across a live change), the
ticket view (thread kinds, the secret question, "already taken by", the archive is read
only), every ticket reference opens the ticket, and live updates between two desks."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QThreadPool
from PySide6.QtWidgets import QFrame, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from kcp_desk.db import Database
from kcp_desk.services.demo import DEMO_AGENTS, populate
from kcp_desk.services.desk import DeskServices
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.tickets import Queue
from kcp_desk.views.main_window import MainWindow
from kcp_desk.views.ticket_queue_model import BLOCK, TicketQueueModel
from kcp_desk.views.ticket_view import TicketView
from tests.conftest import FAST_KDF
from tests.pg_proxy import TcpProxy

SECRET_REPLY = "Ihr neues Passwort: Xr7!kP2#qL9vW4"


def _login(services: DeskServices, username: str) -> AgentSession:
    agent = next(a for a in DEMO_AGENTS if a.username == username)
    return services.auth.login(username, agent.passphrase).session


@pytest.fixture
def services(database: Database) -> Iterator[DeskServices]:
    populate(database, customers=300, kdf=FAST_KDF)
    yield DeskServices.build(database)
    QThreadPool.globalInstance().waitForDone(10_000)


def _desk(qtbot: QtBot, services: DeskServices, username: str) -> MainWindow:
    window = MainWindow(services, _login(services, username), "test database", 5)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.nav.setCurrentRow(window.PAGE_TICKETS)
    return window


def _unassigned(services: DeskServices, session: AgentSession, n: int = 1) -> list[int]:
    return [r.ticket_id for r in services.queues.page(session, Queue.UNASSIGNED, limit=n).rows]


def _open_ticket(qtbot: QtBot, window: MainWindow, ticket_id: int) -> TicketView:
    window.open_ticket(ticket_id)
    view = window.tickets.ticket
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.ticket_id == ticket_id)
    return view


def test_the_queue_model_is_a_proper_model_and_loads_lazily(
    qtbot: QtBot, qtmodeltester: object, services: DeskServices
) -> None:
    lea = _login(services, "lea")
    model = TicketQueueModel(services.queues, lea)
    with qtbot.waitSignal(model.mapped, timeout=5000):
        model.open(Queue.TEAM)
    total = services.queues.count(lea, Queue.TEAM)
    assert model.rowCount() == total > BLOCK  # more than one block: rows come lazily
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    last = total - 1
    model.data(model.index(last, 0))  # asks for the last block
    qtbot.waitUntil(lambda: model.row_at(last) is not None)
    expected = list(services.queues.ids(lea, Queue.TEAM))
    assert model.row_at(last).ticket_id == expected[last]  # type: ignore[union-attr]
    # a header click sorts in the database: the subject order of the service
    with qtbot.waitSignal(model.mapped, timeout=5000):
        model.sort(2, Qt.SortOrder.DescendingOrder)
    subjects = list(services.queues.ids(lea, Queue.TEAM, sort="subject", descending=True))
    assert [model.ticket_id_at(i) for i in range(total)] == subjects


def test_my_tickets_opens_a_ticket_on_enter_and_shows_the_thread_kinds(
    qtbot: QtBot, services: DeskServices
) -> None:
    window = _desk(qtbot, services, "lea")
    mine = window.tickets.queues[Queue.MINE]
    qtbot.waitUntil(lambda: mine.model.is_mapped and mine.model.rowCount() > 0)
    mine.table.setFocus()
    mine.table.setCurrentIndex(mine.model.index(0, 0))
    first = mine.model.ticket_id_at(0)
    qtbot.keyClick(mine.table, Qt.Key.Key_Return)
    view = window.tickets.ticket
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.ticket_id == first)
    assert window.tickets.currentWidget() is view
    view.note_kind.setChecked(True)
    qtbot.keyClicks(view.composer, "Rueckruf morgen um 9.")
    view.send()
    qtbot.waitUntil(lambda: view.composer.toPlainText() == "")
    notes = view.thread_box.findChildren(QFrame, "message_internal_note")
    assert notes, "the internal note is in the thread"
    heading = notes[-1].findChild(QLabel, "message_heading")
    assert "does not see" in heading.text()  # never mistakable for a reply


def test_a_reply_that_looks_like_a_password_asks_first_a_plain_one_does_not(
    qtbot: QtBot, services: DeskServices
) -> None:
    window = _desk(qtbot, services, "anna")
    anna = window._session
    ticket_id = _unassigned(services, anna)[0]
    services.tickets.claim(anna, ticket_id)
    view = _open_ticket(qtbot, window, ticket_id)
    count = len(view.detail.messages)  # type: ignore[union-attr]
    view.composer.setPlainText(SECRET_REPLY)
    view.send()
    qtbot.waitUntil(lambda: view.secret_question is not None)
    box = view.secret_question
    assert box is not None and box.isVisible()
    # the obvious key keeps the agent editing: Edit reply is the default
    assert box.defaultButton().text() == "Edit reply"
    box.defaultButton().click()
    qtbot.waitUntil(lambda: view.secret_question is None)
    assert view.composer.toPlainText() == SECRET_REPLY  # nothing lost, nothing sent
    assert len(services.thread.open(anna, ticket_id).messages) == count
    view.send()
    qtbot.waitUntil(lambda: view.secret_question is not None)
    box = view.secret_question
    assert box is not None
    send = next(b for b in box.buttons() if b.text() == "Send anyway")
    send.click()
    qtbot.waitUntil(lambda: len(services.thread.open(anna, ticket_id).messages) == count + 1)
    qtbot.waitUntil(lambda: view.composer.toPlainText() == "")
    # a plain reply goes without a question
    view.composer.setPlainText("Wir melden uns morgen.")
    view.send()
    qtbot.waitUntil(lambda: len(services.thread.open(anna, ticket_id).messages) == count + 2)
    assert view.secret_question is None


def test_the_loser_of_a_claim_is_told_who_has_it_without_a_dialog(
    qtbot: QtBot, services: DeskServices
) -> None:
    window = _desk(qtbot, services, "anna")
    ticket_id = _unassigned(services, window._session)[0]
    view = _open_ticket(qtbot, window, ticket_id)
    assert view.claim_button.isVisible()
    services.tickets.claim(_login(services, "ben"), ticket_id)  # ben is first
    qtbot.mouseClick(view.claim_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.note.isVisible())
    assert view.note.text() == "This ticket is already taken by Ben Özdemir."
    assert not [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    qtbot.waitUntil(lambda: not view.claim_button.isVisible())  # it shows ben has it
    assert "Ben Özdemir" in view.facts.text()


def test_a_closed_ticket_is_read_only_in_the_view(qtbot: QtBot, services: DeskServices) -> None:
    window = _desk(qtbot, services, "lea")
    lea = window._session
    closed = services.queues.page(lea, Queue.ARCHIVE, limit=1).rows[0].ticket_id
    view = _open_ticket(qtbot, window, closed)
    assert view.closed_banner.isVisible()
    assert not view.composer_box.isVisible()
    buttons = [view.claim_button, view.release_button, view.reassign_button]
    assert not any(b.isVisible() for b in buttons + list(view.state_buttons.values()))


def test_the_customers_tickets_tab_opens_a_ticket(qtbot: QtBot, services: DeskServices) -> None:
    window = _desk(qtbot, services, "anna")
    anna = window._session
    row = services.queues.page(anna, Queue.UNASSIGNED, limit=1).rows[0]
    window.open_customer(row.customer_id)
    customer = window.customers.customer
    qtbot.waitUntil(lambda: customer.detail is not None)
    tab = customer.tickets
    qtbot.waitUntil(lambda: tab.model.is_mapped and tab.model.rowCount() > 0)
    at = tab.model.row_of(row.ticket_id)
    assert at is not None
    tab.table.doubleClicked.emit(tab.model.index(at, 0))
    view = window.tickets.ticket
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.ticket_id == row.ticket_id)
    assert window.pages.currentWidget() is window.tickets


def test_a_reassignment_by_desk_a_reaches_desk_b_within_two_seconds(
    qtbot: QtBot, database: Database, services: DeskServices
) -> None:
    """Two desks: two Database objects (two pools, two feeds) on one database."""
    other_db = Database(database.url)
    try:
        desk_b_services = DeskServices.build(other_db)
        desk_b = _desk(qtbot, desk_b_services, "anna")
        mine = desk_b.tickets.queues[Queue.MINE]
        qtbot.waitUntil(lambda: mine.model.is_mapped)
        # anna has a row selected and scrolled: both stay
        if mine.model.rowCount():
            mine.table.selectionModel().setCurrentIndex(
                mine.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        selected = mine.selected_ticket()
        before = mine.model.rowCount()
        lea = _login(services, "lea")
        anna_id = desk_b._session.principal.agent_id
        ticket_id = _unassigned(services, lea)[0]
        services.tickets.claim(lea, ticket_id)
        version = services.tickets.status(lea, ticket_id).version
        services.tickets.reassign(lea, ticket_id, version, anna_id, "Anna kennt den Kunden")
        qtbot.waitUntil(lambda: mine.model.rowCount() == before + 1, timeout=2000)
        qtbot.waitUntil(lambda: mine.model.row_of(ticket_id) is not None, timeout=1000)
        assert mine.selected_ticket() == selected
        ref = services.queues.rows(lea, [ticket_id])[0].ref
        qtbot.waitUntil(lambda: ref in desk_b.statusBar().currentMessage(), timeout=2000)
        desk_b.close()
    finally:
        QThreadPool.globalInstance().waitForDone(10_000)
        other_db.dispose()


def test_the_workload_opens_an_agents_queue_with_one_click(
    qtbot: QtBot, services: DeskServices
) -> None:
    window = _desk(qtbot, services, "lea")
    page = window.tickets
    assert page.workload is not None
    page.tabs.setCurrentWidget(page.workload)
    workload = page.workload
    qtbot.waitUntil(lambda: workload.model.rowCount() > 0)
    row = next(
        i for i in range(workload.model.rowCount()) if workload.model.row(i).open_tickets > 0
    )
    load = workload.model.row(row)
    rect = workload.table.visualRect(workload.model.index(row, 0))
    qtbot.mouseClick(workload.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    team = page.queues[Queue.TEAM]
    assert page.tabs.currentWidget() is team
    qtbot.waitUntil(lambda: team.model.is_mapped and team.filters().assignee_id == load.agent_id)
    assert team.model.rowCount() == load.open_tickets


def test_the_name_change_dialog_offers_the_customers_open_tickets(
    qtbot: QtBot, services: DeskServices
) -> None:
    from kcp_desk.views.name_change import NameChangeDialog

    window = _desk(qtbot, services, "anna")
    anna = window._session
    row = services.queues.page(anna, Queue.UNASSIGNED, limit=1).rows[0]
    contact = services.customers.detail(anna, row.customer_id).contact
    dialog = NameChangeDialog(
        window, services.name_change, anna, row.customer_id, contact, services.queues
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.tickets.count() > 0)
    refs = [dialog.tickets.itemData(i) for i in range(dialog.tickets.count())]
    assert row.ref in refs
    assert dialog.rows.edits["ticket"].text() == ""  # nothing chosen for the agent
    dialog.tickets.setCurrentIndex(refs.index(row.ref))
    dialog.tickets.activated.emit(refs.index(row.ref))
    assert dialog.rows.edits["ticket"].text() == row.ref


def test_a_locked_database_keeps_the_draft_and_the_buttons(
    qtbot: QtBot,
    services: DeskServices,
    hold_write_lock: Callable[[], Callable[[], None]],
) -> None:
    """Another program holds SQLite's write lock: the reply is not lost, the composer
    says why and Send works again."""
    window = _desk(qtbot, services, "anna")
    anna = window._session
    mine = _unassigned(services, anna)[0]
    services.tickets.claim(anna, mine)
    view = _open_ticket(qtbot, window, mine)
    release = hold_write_lock()
    view.composer.setPlainText("Wir melden uns morgen.")
    view.send()
    qtbot.waitUntil(view.composer_error.isVisible, timeout=5000)
    assert "Another program is writing to the database" in view.composer_error.text()
    assert view.composer.toPlainText() == "Wir melden uns morgen."
    assert view.send_button.isEnabled() and not view.composer.isReadOnly()
    release()
    view.send()
    qtbot.waitUntil(lambda: view.composer.toPlainText() == "", timeout=5000)
    assert view.detail is not None and view.detail.messages[-1].body == "Wir melden uns morgen."


def test_a_lost_postgresql_server_is_a_message_and_the_next_try_works(
    qtbot: QtBot, services: DeskServices, proxy: TcpProxy, proxied_database: Database
) -> None:
    """The network to PostgreSQL goes silent during a claim and a reply: the ticket view
    says so in its note, the buttons and the typed reply come back, and once the server
    answers again the same clicks work (SPEC §4)."""
    window = _desk(qtbot, DeskServices.build(proxied_database), "anna")
    view = _open_ticket(qtbot, window, _unassigned(services, window._session)[0])
    proxy.black_hole()
    qtbot.mouseClick(view.claim_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(view.note.isVisible, timeout=15_000)
    assert "database" in view.note.text().lower()
    assert view.claim_button.isEnabled()
    proxy.resume()
    qtbot.mouseClick(view.claim_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.release_button.isVisible(), timeout=15_000)
    view.composer.setPlainText("Wir kümmern uns darum.")
    proxy.black_hole()
    view.send()
    qtbot.waitUntil(view.composer_error.isVisible, timeout=15_000)
    assert view.composer.toPlainText() == "Wir kümmern uns darum."
    assert view.send_button.isEnabled()
    proxy.resume()
    view.send()
    qtbot.waitUntil(lambda: view.composer.toPlainText() == "", timeout=15_000)
    window.close()
