"""Credentials on the order screen (SPEC V-5, V-6; issue 11), on SQLite and PostgreSQL:
masked until Show, hidden again after the time-out, copied with the clipboard cleared,
hidden and cleared on lock; a lead's reassignment dialog never holds a plaintext."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kcp_desk.models.audit import AuditEntry
from kcp_desk.services.desk import DeskServices
from kcp_desk.views.credential_row import MASK, CredentialRow
from kcp_desk.views.main_window import MainWindow
from kcp_desk.views.ticket_dialogs import ReassignDialog
from tests.services.test_vault import Team, team  # noqa: F401 - the fixture
from tests.views.test_invoice_pdf import english_desk  # noqa: F401 - the fixture


@pytest.fixture
def world(team: Team) -> Iterator[Team]:  # noqa: F811 - the fixture above
    yield team
    QThreadPool.globalInstance().waitForDone(10_000)


def _desk(qtbot: QtBot, world: Team, username: str) -> MainWindow:
    services = DeskServices.build(world.db, anchors=world.anchors)
    window = MainWindow(services, world.sessions[username], "test database", 5)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def _texts(widget: QWidget) -> str:
    """Every text a widget tree holds, as a scan for plaintext would read it."""
    out = []
    for w in [widget, *widget.findChildren(QWidget)]:
        out += [w.toolTip(), w.accessibleName(), w.statusTip(), w.whatsThis(), w.windowTitle()]
        if isinstance(w, QLabel | QLineEdit | QAbstractButton):
            out.append(w.text())
        if isinstance(w, QPlainTextEdit | QTextEdit):
            out.append(w.toPlainText())
        if isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
    return "\n".join(out)


def _rows(window: MainWindow, qtbot: QtBot, order_id: int) -> list[CredentialRow]:
    window.open_order(order_id)
    view = window.order
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.order_id == order_id)
    qtbot.waitUntil(lambda: bool(view.findChildren(CredentialRow)))
    return view.findChildren(CredentialRow)


def test_show_reveals_for_a_while_then_nothing_is_left(qtbot: QtBot, world: Team) -> None:
    order_id, ticket_id, values = world.order()
    world.reassign(ticket_id, "anna")
    window = _desk(qtbot, world, "anna")
    window.credentials._show_ms = 400
    rows = _rows(window, qtbot, order_id)
    assert sorted(r.field_name for r in rows) == sorted(values)
    assert all(r.value.text() == MASK for r in rows)
    assert not any(v in _texts(window) for v in values.values())
    row = next(r for r in rows if r.field_name == "root password")
    qtbot.mouseClick(row.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: row.value.text() == values["root password"])
    with world.db.read() as s:  # audited before it was shown
        revealed = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "credential_revealed")
        ).all()
    assert len(revealed) == 1 and '"field":"root password"' in revealed[0].canonical
    qtbot.waitUntil(lambda: row.value.text() == MASK, timeout=3000)
    assert not any(v in _texts(window) for v in values.values())


def test_copy_then_lock_clears_the_clipboard_and_hides(qtbot: QtBot, world: Team) -> None:
    order_id, ticket_id, values = world.order()
    world.reassign(ticket_id, "anna")
    window = _desk(qtbot, world, "anna")
    rows = _rows(window, qtbot, order_id)
    ftp = next(r for r in rows if r.field_name == "ftp password")
    ssh = next(r for r in rows if r.field_name == "ssh key")
    ftp.copy_requested.emit("ftp password")
    clipboard = QApplication.clipboard()
    qtbot.waitUntil(lambda: clipboard.text() == values["ftp password"])
    ssh.reveal_requested.emit("ssh key")
    qtbot.waitUntil(lambda: ssh.value.text() == values["ssh key"])
    window.lock(reason="manual")
    assert clipboard.text() == ""
    assert ssh.value.text() == MASK
    assert world.sessions["anna"].cached_dek(order_id, 2) is None  # V-6


def test_the_leads_reassignment_dialog_holds_no_plaintext(
    qtbot: QtBot,
    world: Team,
    english_desk: None,  # noqa: F811 - the fixture above (real plural forms)
) -> None:
    order_id, ticket_id, values = world.order()
    world.reassign(ticket_id, "anna")
    window = _desk(qtbot, world, "lea")
    window.open_ticket(ticket_id)
    ticket = window.tickets.ticket
    qtbot.waitUntil(lambda: ticket.detail is not None and ticket.reassign_button.isVisible())
    ticket.reassign_button.click()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReassignDialog))
    qtbot.waitUntil(lambda: dialog.colleague.count() > 0)
    assert "credentials of 1 support order go along" in dialog.intro.text()
    dialog.colleague.setCurrentIndex(dialog.colleague.findData(world.ids["ben"]))
    dialog.reason.setPlainText("Anna ist im Urlaub")
    dialog.ok.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert (
        world.desk.tickets.status(world.sessions["lea"], ticket_id).assignee_id == world.ids["ben"]
    )
    everything = "\n".join(_texts(w) for w in QApplication.topLevelWidgets())
    assert not any(v in everything for v in values.values())
    # the order moved with the ticket: Ben opens it, Anna no longer
    assert (
        world.desk.vault.reveal(world.sessions["ben"], order_id, "ssh key").reveal()
        == values["ssh key"]
    )


def test_a_lead_hands_over_the_credentials_of_a_claimed_order(
    qtbot: QtBot,
    world: Team,
    english_desk: None,  # noqa: F811 - the fixture above (real plural forms)
) -> None:
    order_id, ticket_id, values = world.order()
    world.desk.tickets.claim(world.sessions["anna"], ticket_id)
    window = _desk(qtbot, world, "lea")
    # the lead's desk says who waits (upkeep at start, then the waiting list)
    qtbot.waitUntil(lambda: "waits for you to hand over" in window.statusBar().currentMessage())
    assert "Anna Schäfer" in window.statusBar().currentMessage()
    window.open_order(order_id)
    view = window.order
    qtbot.waitUntil(lambda: view.detail is not None and view.grant_button.isVisible())
    assert view.grant_button.text() == "Hand the credentials to Anna Schäfer"
    assert not view.findChildren(CredentialRow)  # the lead sees names, not values
    qtbot.mouseClick(view.grant_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.detail is not None and not view.detail.handler_waiting)
    assert not view.grant_button.isVisible()
    anna = world.sessions["anna"]
    assert world.desk.vault.reveal(anna, order_id, "ssh key").reveal() == values["ssh key"]
    assert not any(v in _texts(window) for v in values.values())
