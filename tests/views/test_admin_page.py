"""The admin screen (SPEC §0 admin, V-7, V-8) as an admin uses it, on SQLite and
PostgreSQL: the agents with their certificates, disabling an agent (confirmed) puts
their tickets back in the queue, disabling a lead rotates the dispatch key, a
self-promotion in the database shows as "Not certified", new agents are created from a
form that keeps its input on refusal and never writes half an agent."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, text

from kcp_desk.db import Database
from kcp_desk.models.agents import Agent
from kcp_desk.models.tickets import Ticket, TicketState
from kcp_desk.services.admin import AgentRow
from kcp_desk.services.demo import DEMO_AGENTS, populate
from kcp_desk.services.desk import DeskServices
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.trust import TrustAnchors
from kcp_desk.views.admin_dialogs import NewAgentDialog, ResetKeysDialog
from kcp_desk.views.admin_page import AdminPage, AgentTableModel
from tests.conftest import FAST_KDF

PASS = "initial-passphrase-2026"


@dataclass
class Team:
    db: Database
    desk: DeskServices
    admin: AgentSession
    ids: dict[str, int]
    sessions: dict[str, AgentSession]


@pytest.fixture
def team(database: Database) -> Iterator[Team]:
    pinned: list[TrustAnchors] = []
    populate(database, customers=12, kdf=FAST_KDF, pin=pinned.append)
    desk = DeskServices.build(database, anchors=pinned[0], admin_kdf=FAST_KDF)
    sessions = {a.username: desk.auth.login(a.username, a.passphrase).session for a in DEMO_AGENTS}
    ids = {name: s.principal.agent_id for name, s in sessions.items()}
    yield Team(database, desk, sessions["admin"], ids, sessions)
    QThreadPool.globalInstance().waitForDone(10_000)


def _page(qtbot: QtBot, team: Team) -> AdminPage:
    page = AdminPage(team.desk.admin, team.admin)
    qtbot.addWidget(page)
    page.resize(1080, 700)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.overview is not None and not page.running)
    return page


def _row(page: AdminPage, username: str) -> tuple[int, AgentRow]:
    for i in range(page.model.rowCount()):
        if page.model.row(i).username == username:
            return i, page.model.row(i)
    raise AssertionError(f"{username} is not listed")


def _cell(page: AdminPage, username: str, column: int, role: int = 0) -> object:
    i, _ = _row(page, username)
    return page.model.data(page.model.index(i, column), role)


def _select(page: AdminPage, username: str) -> AgentRow:
    i, row = _row(page, username)
    page.table.selectRow(i)
    assert page.selected() == row
    return row


def _answer(qtbot: QtBot, page: AdminPage, button_text: str) -> QMessageBox:
    qtbot.waitUntil(lambda: page.question is not None and page.question.isVisible())
    box = page.question
    assert box is not None
    button = next(b for b in box.buttons() if b.text() == button_text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.question is None)
    return box


def _done(qtbot: QtBot, page: AdminPage) -> None:
    qtbot.waitUntil(lambda: not page.running)


def _open_tickets_of(db: Database, agent_id: int) -> int:
    with db.read() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(Ticket)
                .where(Ticket.assignee_id == agent_id, Ticket.state != TicketState.CLOSED)
            )
            or 0
        )


def _agent_count(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Agent)) or 0)


def test_the_page_lists_the_demo_agents_with_their_certificates(
    qtbot: QtBot, team: Team, qtmodeltester: object
) -> None:
    page = _page(qtbot, team)
    assert {page.model.row(i).username for i in range(page.model.rowCount())} == {
        a.username for a in DEMO_AGENTS
    }
    model = page.model
    for agent in DEMO_AGENTS:
        assert _cell(page, agent.username, model.COL_NAME) == agent.display_name
        assert _cell(page, agent.username, model.COL_CERTIFICATE) == "✓"
        assert _cell(page, agent.username, model.COL_STATE) == "active"
        assert _cell(page, agent.username, model.COL_KEY) == "1"
    assert _cell(page, "lea", model.COL_ROLE) == "Team lead"
    assert _cell(page, "lea", model.COL_DISPATCH) == "✓ holds it"
    assert _cell(page, "anna", model.COL_DISPATCH) == ""
    assert page.dispatch_version.text().startswith("Dispatch key version 1, held by 2 ")
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    # the admin's own row offers nothing that acts on it (the service refuses as well)
    _select(page, "admin")
    for button in (page.disable_button, page.enable_button, page.role_button):
        assert not button.isEnabled()
    assert not page.reset_button.isEnabled()
    _select(page, "anna")
    assert page.disable_button.isEnabled() and not page.enable_button.isEnabled()
    assert page.role_combo.currentData() == "agent" and not page.role_button.isEnabled()


def test_disabling_anna_puts_her_tickets_back_in_the_queue(qtbot: QtBot, team: Team) -> None:
    anna = team.ids["anna"]
    if not _open_tickets_of(team.db, anna):
        with team.db.transaction() as s:
            ticket = s.scalars(select(Ticket).where(Ticket.state != TicketState.CLOSED)).first()
            assert ticket is not None
            ticket.assignee_id = anna
    assert _open_tickets_of(team.db, anna) > 0
    page = _page(qtbot, team)
    _select(page, "anna")
    qtbot.mouseClick(page.disable_button, Qt.MouseButton.LeftButton)
    # first Cancel: nothing happens
    box = _answer(qtbot, page, "Cancel")
    assert "Anna Schäfer's open tickets and orders go back to the queue" in box.informativeText()
    assert "dispatch key" not in box.informativeText()
    assert _cell(page, "anna", AgentTableModel.COL_STATE) == "active"
    qtbot.mouseClick(page.disable_button, Qt.MouseButton.LeftButton)
    _answer(qtbot, page, "Disable")
    assert page.running and not page.disable_button.isEnabled()  # while it runs
    _done(qtbot, page)
    assert _cell(page, "anna", AgentTableModel.COL_STATE) == "disabled"
    grey = _cell(page, "anna", AgentTableModel.COL_NAME, Qt.ItemDataRole.ForegroundRole)
    assert grey is not None and grey.name() == "#8a8a8a"  # type: ignore[attr-defined]
    assert page.selected() is not None and page.selected().username == "anna"  # type: ignore[union-attr]
    assert page.enable_button.isEnabled() and not page.disable_button.isEnabled()
    assert page.message.text() == "Anna Schäfer is disabled."
    assert _open_tickets_of(team.db, anna) == 0
    # and back
    qtbot.mouseClick(page.enable_button, Qt.MouseButton.LeftButton)
    _done(qtbot, page)
    assert _cell(page, "anna", AgentTableModel.COL_STATE) == "active"
    assert _cell(page, "anna", AgentTableModel.COL_CERTIFICATE) == "✓"


def test_disabling_a_lead_rotates_the_dispatch_key(qtbot: QtBot, team: Team) -> None:
    page = _page(qtbot, team)
    assert "version 1," in page.dispatch_version.text()
    _select(page, "tobias")
    qtbot.mouseClick(page.disable_button, Qt.MouseButton.LeftButton)
    box = _answer(qtbot, page, "Disable")
    assert "The dispatch key is rotated." in box.informativeText()
    _done(qtbot, page)
    assert page.dispatch_version.text().startswith("Dispatch key version 2, held by 1 ")
    assert _cell(page, "tobias", AgentTableModel.COL_STATE) == "disabled"
    assert _cell(page, "lea", AgentTableModel.COL_DISPATCH) == "✓ holds it"
    # the admin rotates it by hand too
    qtbot.mouseClick(page.rotate_button, Qt.MouseButton.LeftButton)
    _answer(qtbot, page, "Rotate")
    _done(qtbot, page)
    assert "version 3," in page.dispatch_version.text()


def test_a_self_promoted_agent_shows_not_certified(qtbot: QtBot, team: Team) -> None:
    with team.db.transaction() as s:
        s.execute(text("UPDATE agents SET role = 'lead' WHERE id = :id"), {"id": team.ids["ben"]})
    page = _page(qtbot, team)
    model = page.model
    assert _cell(page, "ben", model.COL_CERTIFICATE) == "Not certified"
    red = _cell(page, "ben", model.COL_CERTIFICATE, Qt.ItemDataRole.ForegroundRole)
    assert red is not None and red.name() == "#b00020"  # type: ignore[attr-defined]
    tip = _cell(page, "ben", model.COL_CERTIFICATE, Qt.ItemDataRole.ToolTipRole)
    assert isinstance(tip, str) and tip.startswith("Not certified: ") and len(tip) > 20
    # a lead without the dispatch key, in red too
    assert _cell(page, "ben", model.COL_DISPATCH) == "✗ missing"
    assert _cell(page, "anna", model.COL_CERTIFICATE) == "✓"


def test_a_stale_row_is_refused_with_a_message_and_the_page_reloads(
    qtbot: QtBot, team: Team
) -> None:
    page = _page(qtbot, team)
    _select(page, "ben")
    # another admin's desk disables ben meanwhile
    version = next(a for a in page.overview.agents if a.username == "ben").version  # type: ignore[union-attr]
    team.desk.admin.disable(team.admin, team.ids["ben"], version)
    qtbot.mouseClick(page.disable_button, Qt.MouseButton.LeftButton)
    _answer(qtbot, page, "Disable")
    _done(qtbot, page)
    assert "Someone else changed this agent" in page.message.text()
    qtbot.waitUntil(lambda: _cell(page, "ben", AgentTableModel.COL_STATE) == "disabled")
    assert page.new_button.isEnabled() and page.enable_button.isEnabled()


def _new_agent_dialog(qtbot: QtBot, page: AdminPage) -> NewAgentDialog:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, NewAgentDialog)
    qtbot.waitExposed(dialog)
    return dialog


def _fill(
    dialog: NewAgentDialog, username: str, name: str, passphrase: str, again: str | None = None
) -> None:
    edits = dialog.rows.edits
    edits["username"].setText(username)
    edits["display_name"].setText(name)
    edits["passphrase"].setText(passphrase)
    edits["passphrase_again"].setText(passphrase if again is None else again)


def test_a_new_agent_is_created_and_listed(qtbot: QtBot, team: Team) -> None:
    page = _page(qtbot, team)
    dialog = _new_agent_dialog(qtbot, page)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "Create" and ok.isDefault()
    qtbot.keyClicks(dialog.rows.edits["username"], "mia.keller")
    qtbot.keyClicks(dialog.rows.edits["display_name"], "Mia Keller")
    dialog.role.setCurrentIndex(dialog.role.findData("lead"))
    qtbot.keyClicks(dialog.rows.edits["passphrase"], PASS)
    qtbot.keyClicks(dialog.rows.edits["passphrase_again"], PASS)
    assert (
        dialog.rows.edits["passphrase"].echoMode()
        == dialog.rows.edits["passphrase"].EchoMode.Password
    )
    qtbot.keyClick(dialog.rows.edits["passphrase_again"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.dialog is None)
    qtbot.waitUntil(
        lambda: any(
            page.model.row(i).username == "mia.keller" for i in range(page.model.rowCount())
        )
    )
    assert _cell(page, "mia.keller", AgentTableModel.COL_CERTIFICATE) == "✓"
    assert _cell(page, "mia.keller", AgentTableModel.COL_ROLE) == "Team lead"
    # a new lead gets the current dispatch key from the next lead's desk (no rotation)
    assert _cell(page, "mia.keller", AgentTableModel.COL_DISPATCH) == "✗ missing"
    assert page.selected() is not None and page.selected().username == "mia.keller"  # type: ignore[union-attr]
    assert page.message.text() == "mia.keller is created."
    assert "version 1," in page.dispatch_version.text()
    assert team.desk.vault.upkeep(team.sessions["lea"]).shared == 1
    page.refresh()
    qtbot.waitUntil(lambda: _cell(page, "mia.keller", AgentTableModel.COL_DISPATCH) == "✓ holds it")
    # she signs in with the initial passphrase
    assert team.desk.auth.login("mia.keller", PASS).session.principal.display_name == "Mia Keller"


def test_a_bad_user_name_shows_the_error_at_the_field_and_keeps_the_rest(
    qtbot: QtBot, team: Team
) -> None:
    page = _page(qtbot, team)
    before = _agent_count(team.db)
    dialog = _new_agent_dialog(qtbot, page)
    _fill(dialog, "Mia Keller!", "Mia Keller", PASS)
    dialog.role.setCurrentIndex(dialog.role.findData("admin"))
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.running and dialog.rows.errors["username"].isVisible())
    assert "2 to 64 lower-case letters" in dialog.rows.errors["username"].text()
    assert not dialog.rows.errors["display_name"].isVisible()
    texts = {k: e.text() for k, e in dialog.rows.edits.items()}
    assert texts == {
        "username": "Mia Keller!",
        "display_name": "Mia Keller",
        "passphrase": PASS,
        "passphrase_again": PASS,
    }
    assert dialog.role.currentData() == "admin" and dialog.isVisible()
    assert dialog.ok.isEnabled()
    # the passphrases differ: said at the second one, nothing sent
    _fill(dialog, "mia", "Mia Keller", PASS, PASS + "x")
    dialog.submit()
    assert dialog.rows.errors["passphrase_again"].isVisible() and not dialog.running
    # too short: the service's rule, at the field
    _fill(dialog, "mia", "Mia Keller", "short")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.running and dialog.rows.errors["passphrase"].isVisible())
    assert "at least 12 characters" in dialog.rows.errors["passphrase"].text()
    # a taken user name
    _fill(dialog, "anna", "Anna Zwei", PASS)
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.running and dialog.rows.errors["username"].isVisible())
    assert "anna is taken" in dialog.rows.errors["username"].text()
    assert _agent_count(team.db) == before


def test_reset_keys_asks_twice_and_gives_new_keys(qtbot: QtBot, team: Team) -> None:
    page = _page(qtbot, team)
    _select(page, "ben")
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ResetKeysDialog)
    qtbot.waitExposed(dialog)
    dialog.rows.edits["passphrase"].setText(PASS)
    dialog.rows.edits["passphrase_again"].setText(PASS + "!")
    dialog.submit()
    assert dialog.rows.errors["passphrase_again"].isVisible()
    dialog.rows.edits["passphrase_again"].setText(PASS)
    dialog.submit()
    qtbot.waitUntil(lambda: page.dialog is None)
    _done(qtbot, page)
    assert _cell(page, "ben", AgentTableModel.COL_KEY) == "2"
    assert _cell(page, "ben", AgentTableModel.COL_CERTIFICATE) == "✓"
    assert page.selected() is not None and page.selected().username == "ben"  # type: ignore[union-attr]
    assert team.desk.auth.login("ben", PASS).session.key_version == 2


def test_changing_a_role_is_certified(qtbot: QtBot, team: Team) -> None:
    page = _page(qtbot, team)
    _select(page, "ben")
    page.role_combo.setCurrentIndex(page.role_combo.findData("lead"))
    assert page.role_button.isEnabled()
    qtbot.mouseClick(page.role_button, Qt.MouseButton.LeftButton)
    _done(qtbot, page)
    assert _cell(page, "ben", AgentTableModel.COL_ROLE) == "Team lead"
    assert _cell(page, "ben", AgentTableModel.COL_CERTIFICATE) == "✓"
    assert _cell(page, "ben", AgentTableModel.COL_DISPATCH) == "✗ missing"
    team.desk.vault.upkeep(team.sessions["tobias"])  # a lead's desk shares the key
    page.refresh()
    qtbot.waitUntil(lambda: _cell(page, "ben", AgentTableModel.COL_DISPATCH) == "✓ holds it")
    assert "version 1," in page.dispatch_version.text()
    # the demotion of a lead rotates it: what Ben took with him opens nothing new
    page.role_combo.setCurrentIndex(page.role_combo.findData("agent"))
    qtbot.mouseClick(page.role_button, Qt.MouseButton.LeftButton)
    _done(qtbot, page)
    assert "version 2," in page.dispatch_version.text()


_NASTY = st.sampled_from(
    ["", " ", "\x00", "a\x00b", "\x1b[31m", "x" * 10_000, "ab\u202e", "\ud7ff", "ä" * 65]
)
_TEXT = st.one_of(
    _NASTY, st.text(max_size=40), st.from_regex(r"[a-z][a-z0-9.-]{1,12}", fullmatch=True)
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    username=_TEXT,
    display_name=st.one_of(_NASTY, st.text(max_size=40), st.just("Mia Keller")),
    passphrase=st.one_of(_NASTY, st.text(max_size=30), st.just(PASS)),
    role=st.sampled_from(["agent", "lead", "admin"]),
)
def test_the_new_agent_form_never_crashes_and_never_writes_half_an_agent(
    qtbot: QtBot, team: Team, username: str, display_name: str, passphrase: str, role: str
) -> None:
    page = AdminPage(team.desk.admin, team.admin)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.overview is not None and not page.running)
    before = {a.username for a in page.overview.agents}  # type: ignore[union-attr]
    dialog = NewAgentDialog(team.desk.admin, team.admin, page)
    _fill(dialog, username, display_name, passphrase)
    dialog.role.setCurrentIndex(dialog.role.findData(role))
    typed = {k: e.text() for k, e in dialog.rows.edits.items()}
    created: list[object] = []
    dialog.done_with.connect(created.append)
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.running, timeout=10_000)
    after = team.desk.admin.overview(team.admin).agents
    new = [a for a in after if a.username not in before]
    if created:
        assert len(new) == 1 and new[0].certificate_problem == "" and new[0].key_version == 1
        assert new[0].role == role and new[0].active
    else:
        assert new == []
        assert {k: e.text() for k, e in dialog.rows.edits.items()} == typed  # input kept
        shown = [k for k, label in dialog.rows.errors.items() if not label.isHidden()]
        assert shown or not dialog.error.isHidden()
    page.close()


def test_an_admin_signs_in_to_the_admin_page_only(qtbot: QtBot, database: Database) -> None:
    from kcp_desk.views.main_window import MainWindow

    pinned: list[TrustAnchors] = []
    populate(database, customers=3, kdf=FAST_KDF, pin=pinned.append)
    services = DeskServices.build(database, anchors=pinned[0], admin_kdf=FAST_KDF)
    admin = services.auth.login("admin", "admin-demo-2026").session
    window = MainWindow(services, admin, "test database", 5)
    qtbot.addWidget(window)
    window.show()
    shown = [window.nav.item(i).text() for i in range(window.nav.count())]
    visible = [t for i, t in enumerate(shown) if not window.nav.item(i).isHidden()]
    assert visible == ["Administration"]
    assert window.pages.currentWidget() is window.admin_page
    QThreadPool.globalInstance().waitForDone(10_000)
