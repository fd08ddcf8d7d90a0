"""The identity case dialog (SPEC C2, issue 12) driven as an agent uses it, on both
databases, against the real service: open a case, P, a letter code read out from the
sealed outbox payload, submit; a lead approves on the approvals page. At every step no
code, token or phone password appears in any widget."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kcp_desk.db import Database
from kcp_desk.domain.identity_policy import KnowledgeItem
from kcp_desk.models.outbox import OutboxChannel
from kcp_desk.services.demo import DEMO_AGENTS, populate
from kcp_desk.services.desk import DeskServices
from kcp_desk.services.identity import CaseDTO, IdentityService
from kcp_desk.services.identity.confirmations import ConfirmationResult
from kcp_desk.services.intake import intake
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.trust import TrustAnchors
from kcp_desk.views.identity_case import IdentityCaseDialog
from kcp_desk.views.name_change import ApprovalsPage
from kcp_desk.views.unsaved import Choice, ask_discard
from tests.conftest import FAST_KDF
from tests.identity_support import (
    CHEAP_CODES,
    PHONE_PASSWORD,
    add_customer,
    sealed_secret,
)

WRONG_PASSWORD = "Gaensebluemchen-7"
NEW_EMAIL = "juergen.neu@example.org"


@dataclass
class Desk:
    db: Database
    services: DeskServices
    identity: IdentityService
    sessions: dict[str, AgentSession]
    keys: dict[OutboxChannel, X25519PrivateKey]
    customer_id: int

    def code(self, case_id: int, channel: OutboxChannel) -> str:
        """What the customer reads in the letter or SMS (the channel system's side)."""
        return sealed_secret(self.db, self.keys, case_id, channel).reveal()


@pytest.fixture
def desk(database: Database) -> Iterator[Desk]:
    yield from build_desk(database)


def build_desk(database: Database) -> Iterator[Desk]:
    """Demo agents, pinned admin keys and the outbox keys (whose private halves open a
    sealed letter or SMS, as the channel's system does); a customer with P, L and M."""
    pinned: list[TrustAnchors] = []
    keys: dict[OutboxChannel, X25519PrivateKey] = {}
    populate(
        database,
        customers=3,
        kdf=FAST_KDF,
        pin=pinned.append,
        outbox_keys=lambda channel, key: keys.__setitem__(channel, key),
    )
    services = DeskServices.build(database, anchors=pinned[0], admin_kdf=FAST_KDF)
    sessions = {
        a.username: services.auth.login(a.username, a.passphrase).session
        for a in DEMO_AGENTS
        if a.username in ("anna", "ben", "lea")
    }
    identity = IdentityService(database, pinned[0], code_params=CHEAP_CODES)
    yield Desk(
        database,
        services,
        identity,
        sessions,
        keys,
        add_customer(database, dt.datetime.now(dt.UTC)),
    )


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    """The desk window on a 1024×768 screen, parent of the dialog."""
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    return window


def _dialog(
    qtbot: QtBot, host: QWidget, desk: Desk, by: str = "anna", *, refresh_ms: int = 15_000
) -> IdentityCaseDialog:
    dialog = IdentityCaseDialog(
        host,
        desk.identity,
        desk.sessions[by],
        desk.customer_id,
        "K76543210 Jürgen Müller",
        email_masked="j•••@example.de",
        refresh_ms=refresh_ms,
    )
    # the "Discard changes?" box would wait for a click that never comes: answer it
    dialog.guard.asker = lambda _parent, _can_save: Choice.DISCARD
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    return dialog


def _settle(qtbot: QtBot, dialog: IdentityCaseDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)


def _click(qtbot: QtBot, dialog: IdentityCaseDialog, button: QAbstractButton) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    _settle(qtbot, dialog)


def widget_texts(root: QWidget) -> list[str]:
    """Every text a person (or a screen reader) could get out of the widgets."""
    found: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        found += [w.toolTip(), w.statusTip(), w.whatsThis(), w.windowTitle()]
        found += [w.accessibleName(), w.accessibleDescription()]
        if isinstance(w, QLabel | QAbstractButton):
            found.append(w.text())
        if isinstance(w, QLineEdit):
            found += [w.text(), w.placeholderText(), w.displayText()]
        if isinstance(w, QComboBox):
            found += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            for r in range(model.rowCount()):
                for c in range(model.columnCount()):
                    index = model.index(r, c)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = index.data(role)
                        if value is not None:
                            found.append(str(value))
    return found


def assert_no_secret(root: QWidget, secrets: list[str]) -> None:
    texts = "\n".join(widget_texts(root))
    for secret in secrets:
        variants = {secret, secret.replace(" ", ""), secret.replace("-", "")}
        for variant in variants:
            if len(variant) >= 4:
                assert variant not in texts, "a secret is shown in a widget"


def _open_case(qtbot: QtBot, dialog: IdentityCaseDialog) -> None:
    assert dialog.stack.currentWidget() is dialog.start_page
    dialog.knowledge[KnowledgeItem.CUSTOMER_NUMBER]["match"].setChecked(True)
    dialog.knowledge[KnowledgeItem.NAME]["match"].setChecked(True)
    dialog.knowledge[KnowledgeItem.ADDRESS]["mismatch"].setChecked(True)
    qtbot.mouseClick(dialog.mailbox_no, Qt.MouseButton.LeftButton)
    dialog.doubt_note.setText("zögerte bei der Adresse")  # keyClicks: ASCII only
    _click(qtbot, dialog, dialog.open_button)


def walk_to_submitted(
    qtbot: QtBot, host: QWidget, desk: Desk, check: Callable[[IdentityCaseDialog, str], None]
) -> IdentityCaseDialog:
    """Open, P wrong then right, a letter code, submit; ``check(dialog, step)`` after
    each step."""
    dialog = _dialog(qtbot, host, desk)
    check(dialog, "start")
    _open_case(qtbot, dialog)
    check(dialog, "opened")
    qtbot.keyClicks(dialog.p_field, WRONG_PASSWORD)
    _click(qtbot, dialog, dialog.p_check)
    check(dialog, "p_wrong")
    qtbot.keyClicks(dialog.p_field, PHONE_PASSWORD)
    qtbot.keyClick(dialog.p_field, Qt.Key.Key_Return)  # Enter checks (the default)
    _settle(qtbot, dialog)
    check(dialog, "p_passed")
    _click(qtbot, dialog, dialog.send_letter)
    check(dialog, "letter_sent")
    assert dialog.case is not None
    code = desk.code(dialog.case.case_id, OutboxChannel.LETTER)
    qtbot.keyClicks(dialog.letter_code, code)
    _click(qtbot, dialog, dialog.letter_check)
    check(dialog, "letter_passed")
    qtbot.keyClicks(dialog.new_email, NEW_EMAIL)
    _click(qtbot, dialog, dialog.submit_button)
    check(dialog, "submitted")
    return dialog


def test_a_case_walks_from_the_start_to_a_leads_approval(
    qtbot: QtBot, host: QWidget, desk: Desk
) -> None:
    seen: dict[str, str] = {}

    def check(dialog: IdentityCaseDialog, step: str) -> None:
        if step == "start":
            assert "prove nothing" in dialog.findChild(QLabel, "knowledge_explain").text()
            assert "j•••@example.de" in dialog.mailbox_question.text()
            assert dialog.open_button.isDefault()
            return
        steps = dialog.policy_steps.text()
        seen[step] = steps
        p_state = dialog.rows["P"].state.text()
        if step == "opened":
            assert "two independent factors" in steps
            assert "Did not match the record: Address" in dialog.policy_doubts.text()
            assert dialog.policy_doubts.isVisible()
            assert "Customer number ✓" in dialog.found_by.text()
            assert "Address ✗" in dialog.found_by.text()
            assert not dialog.new_email.isEnabled() and not dialog.submit_button.isEnabled()
            assert "Not possible: the caller has no access to the mailbox" in (
                dialog.rows["E"].state.text()
            )
            assert "Send letter code to" in dialog.send_letter.text()
            assert "10115 Berlin" in dialog.send_letter.text()
        elif step == "p_wrong":
            assert dialog.rows["P"].result.text().startswith("✘ Does not match.")
            assert "wrong try left" in p_state or "wrong tries left" in p_state
            assert dialog.p_field.text() == ""  # cleared at once
        elif step == "p_passed":
            assert dialog.rows["P"].result.text().startswith("✔ Matches")
            assert p_state.startswith("✔ Passed on")
            assert "information only" in steps
            assert not dialog.p_field.isEnabled()
        elif step == "letter_sent":
            assert "Pending: sent on" in dialog.rows["L"].state.text()
            assert "10115 Berlin" in dialog.rows["L"].state.text()
            assert (
                "Phone password (P) passed, letter code (L) pending – a new e-mail needs one "
                "more factor: the letter code sent on" in steps
            )
            assert dialog.letter_code.isEnabled() and dialog.letter_check.isEnabled()
        elif step == "letter_passed":
            assert dialog.rows["L"].result.text() == "✔ The code is right."
            assert dialog.letter_code.text() == ""
            assert "A new e-mail address may be submitted for approval now" in steps
            assert dialog.new_email.isEnabled() and dialog.submit_button.isEnabled()
            assert dialog.submit_button.isDefault()
        elif step == "submitted":
            assert dialog.case is not None and dialog.case.state == "awaiting_approval"
            assert "Waiting for a team lead" in dialog.outcome.text()
            assert "j•••@example.org" in dialog.outcome.text()
            assert not dialog.new_email_box.isVisible()
            assert not dialog.rows["P"].actions.isVisible()

    dialog = walk_to_submitted(qtbot, host, desk, check)
    assert set(seen) == {
        "opened",
        "p_wrong",
        "p_passed",
        "letter_sent",
        "letter_passed",
        "submitted",
    }
    case_id = dialog.case.case_id if dialog.case else 0

    # the agent's own view of the approvals: nothing to decide, the four-eyes note
    page = _page(qtbot, desk, "anna")
    assert page.identity is not None
    qtbot.waitUntil(lambda: page.identity is not None and page.identity.model.rowCount() == 1)
    assert not page.identity.approve.isEnabled()
    assert "A team lead decides" in page.identity.note.text()

    # a lead decides
    page = _page(qtbot, desk, "lea")
    section = page.identity
    assert section is not None
    qtbot.waitUntil(lambda: section.model.rowCount() == 1, timeout=5000)
    row = [section.model.index(0, c).data() for c in range(section.model.columnCount())]
    assert row[0] == "K76543210 Jürgen Müller" or row[0].endswith("Jürgen Müller")
    assert row[1] == "Anna Schäfer"
    assert row[3] == "P ✓ L ✓"
    assert row[4] == "2"  # the address did not match, and the agent noted a doubt
    assert row[5] == "j•••@example.org"
    assert section.approve.isEnabled()
    qtbot.keyClicks(section.decision_reason, "Telefonpasswort und Briefcode")
    with qtbot.waitSignal(page.pending_count_changed, timeout=5000) as blocker:
        qtbot.mouseClick(section.approve, Qt.MouseButton.LeftButton)
    assert blocker.args == [0]
    assert section.message.text().startswith("Approved: ")
    assert "j•••@example.org" in section.message.text()
    assert section.empty.isVisible()
    # the closed case opens read-only (History)
    closed = IdentityCaseDialog(
        host,
        desk.identity,
        desk.sessions["anna"],
        desk.customer_id,
        "K76543210 Jürgen Müller",
        email_masked="",
        case_id=case_id,
    )
    qtbot.addWidget(closed)
    closed.show()
    _settle(qtbot, closed)
    assert closed.case is not None and closed.case.state == "approved"
    assert closed.outcome.text().startswith("Approved on")
    assert "Lea Großmann" in closed.outcome.text()
    assert not closed.rows["L"].actions.isVisible()
    assert not closed.cancel_case_button.isVisible()
    assert "Sent through the outbox" in closed.queued.text()


def _page(qtbot: QtBot, desk: Desk, by: str) -> ApprovalsPage:
    page = ApprovalsPage(desk.services.name_change, desk.sessions[by], desk.identity)
    qtbot.addWidget(page)
    page.resize(1024 - 200, 700)
    page.show()
    with qtbot.waitSignal(page.pending_count_changed, timeout=5000):
        page.refresh()
    return page


def test_no_code_token_or_phone_password_appears_in_any_widget_at_any_step(
    qtbot: QtBot, host: QWidget, desk: Desk
) -> None:
    secrets = [PHONE_PASSWORD, WRONG_PASSWORD]

    def scan(dialog: IdentityCaseDialog, step: str) -> None:
        if dialog.case is not None:
            for channel in (OutboxChannel.LETTER, OutboxChannel.SMS, OutboxChannel.EMAIL):
                with contextlib.suppress(AssertionError):  # nothing sealed there yet
                    secrets.append(desk.code(dialog.case.case_id, channel))
        assert_no_secret(dialog, secrets)
        assert_no_secret(host, secrets)

    dialog = walk_to_submitted(qtbot, host, desk, scan)
    assert len(secrets) > 2  # the letter code was among them
    page = _page(qtbot, desk, "lea")
    assert page.identity is not None
    assert_no_secret(page, secrets)
    qtbot.keyClicks(page.identity.decision_reason, "ok")
    with qtbot.waitSignal(page.identity.decided, timeout=5000):
        qtbot.mouseClick(page.identity.approve, Qt.MouseButton.LeftButton)
    # the approval queued a confirmation link to the new address: its token neither
    assert dialog.case is not None
    secrets.append(desk.code(dialog.case.case_id, OutboxChannel.EMAIL))
    dialog.reload()
    _settle(qtbot, dialog)
    assert dialog.case is not None and dialog.case.state == "approved"
    assert_no_secret(dialog, secrets)
    assert_no_secret(page, secrets)


def test_a_refused_step_says_why_at_its_field_and_keeps_the_input(
    qtbot: QtBot, host: QWidget, desk: Desk
) -> None:
    dialog = _dialog(qtbot, host, desk)
    # the mailbox question must be answered: said there, nothing sent
    qtbot.keyClicks(dialog.doubt_note, "Anruf von unbekannter Nummer")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.mailbox_error.isVisible()
    assert dialog.stack.currentWidget() is dialog.start_page
    qtbot.mouseClick(dialog.mailbox_yes, Qt.MouseButton.LeftButton)
    assert not dialog.mailbox_error.isVisible()
    _click(qtbot, dialog, dialog.open_button)
    assert dialog.case is not None
    # a code of the wrong form: the error at the letter's field, the field emptied
    _click(qtbot, dialog, dialog.send_letter)
    qtbot.keyClicks(dialog.letter_code, "12")
    _click(qtbot, dialog, dialog.letter_check)
    assert dialog.rows["L"].error.isVisible()
    assert dialog.letter_code.text() == ""
    assert dialog.letter_code.isEnabled()
    # a second letter right away cannot be asked for: the button says from when
    assert not dialog.send_letter.isEnabled()
    assert "3 days after the last one" in dialog.send_letter.toolTip()
    # cancelling needs a reason; the reason typed is kept on a refusal
    qtbot.mouseClick(dialog.cancel_case_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_area.isVisible()
    _click(qtbot, dialog, dialog.confirm_cancel)
    assert dialog.cancel_error.isVisible()
    qtbot.keyClicks(dialog.cancel_reason, "Kunde meldet sich schriftlich")
    _click(qtbot, dialog, dialog.confirm_cancel)
    assert dialog.case.state == "cancelled"
    assert dialog.outcome.text().startswith("Cancelled on")
    assert "Kunde meldet sich schriftlich" in dialog.outcome.text()
    assert not dialog.rows["P"].actions.isVisible()


_NASTY = st.one_of(
    st.just("\x00"),
    st.just("a\x00b"),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=31), min_size=1, max_size=8),
    st.just("x" * 10_000),
    st.just("ä" * 10_000),
    st.text(max_size=30),
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    field=st.sampled_from(["doubt_note", "new_email", "cancel_reason", "letter_code", "p"]),
    typed=_NASTY,
)
def test_nasty_input_in_any_field_gets_a_clear_answer_and_the_dialog_stays_usable(
    qtbot: QtBot, host: QWidget, desk: Desk, field: str, typed: str
) -> None:
    dialog = _dialog(qtbot, host, desk, by="ben")
    if field == "doubt_note":
        dialog.doubt_note.setText(typed)
        qtbot.mouseClick(dialog.mailbox_no, Qt.MouseButton.LeftButton)
        _click(qtbot, dialog, dialog.open_button)
        if dialog.case is None:  # refused: said at the field, the input kept
            assert dialog.doubt_error.isVisible() or dialog.start_error.isVisible()
            assert dialog.doubt_note.text() == typed
            assert dialog.open_button.isEnabled()
            return
    elif dialog.case is None:
        qtbot.mouseClick(dialog.mailbox_no, Qt.MouseButton.LeftButton)
        _click(qtbot, dialog, dialog.open_button)
    assert dialog.case is not None
    if field == "new_email":
        # not allowed yet: the field is disabled, nothing to type into
        assert not dialog.new_email.isEnabled()
    elif field == "cancel_reason":
        qtbot.mouseClick(dialog.cancel_case_button, Qt.MouseButton.LeftButton)
        dialog.cancel_reason.setText(typed)
        _click(qtbot, dialog, dialog.confirm_cancel)
        if dialog.case.state != "cancelled":
            assert dialog.cancel_error.isVisible() and dialog.cancel_error.text()
            assert dialog.cancel_reason.text() == typed
    elif field == "p" and dialog.p_check.isEnabled():
        dialog.p_field.setText(typed)
        _click(qtbot, dialog, dialog.p_check)
        assert dialog.p_field.text() == ""
        assert dialog.rows["P"].error.isVisible() or dialog.rows["P"].result.isVisible()
        assert_no_secret(dialog, [typed] if len(typed.strip()) >= 4 else [])
    elif field == "letter_code":
        if dialog.send_letter.isEnabled():
            _click(qtbot, dialog, dialog.send_letter)
        if dialog.letter_check.isEnabled():
            dialog.letter_code.setText(typed)
            _click(qtbot, dialog, dialog.letter_check)
            assert dialog.letter_code.text() == ""
            assert dialog.rows["L"].error.isVisible() or dialog.rows["L"].result.isVisible()
    # the dialog is usable again: nothing runs, the page takes input
    assert not dialog.busy and dialog.stack.isEnabled()
    # end the case so the next example starts a fresh one
    if dialog.case is not None and dialog.case.state in ("open", "awaiting_approval"):
        desk.identity.cancel(desk.sessions["ben"], dialog.case.case_id, dialog.case.version, "x")
    dialog.close()


# --- closing with typed input (the unsaved-changes guard) ---------------------------------


class Asked:
    """Stands in for the "Discard changes?" box: counts the questions, gives ``answer``."""

    def __init__(self, answer: Choice) -> None:
        self.answer = answer
        self.count = 0

    def __call__(self, _parent: QWidget, can_save: bool) -> Choice:
        assert not can_save  # nothing in the case is saved by a "Save"
        self.count += 1
        return self.answer


def _close_three_ways(qtbot: QtBot, dialog: IdentityCaseDialog, asked: Asked) -> None:
    """Close, Esc and the window's close button each ask; Cancel keeps the dialog."""
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert asked.count == 1 and dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked.count == 2 and dialog.isVisible()
    assert not dialog.close()  # what the title bar's close button does
    assert asked.count == 3 and dialog.isVisible()


def _case_allowing_a_new_email(desk: Desk) -> None:
    """P and a letter code passed, through the service (the dialog then loads it)."""
    session = desk.sessions["anna"]
    case = desk.identity.open_case(session, desk.customer_id, has_mailbox=False, knowledge=[])
    desk.identity.try_phone_password(session, case.case_id, PHONE_PASSWORD)
    desk.identity.send_letter(session, case.case_id)
    code = desk.code(case.case_id, OutboxChannel.LETTER)
    outcome = desk.identity.enter_code(session, case.case_id, "L", code)
    assert outcome.case.policy.allows_new_email


def test_closing_with_a_typed_doubt_note_asks_first_and_cancel_keeps_it(
    qtbot: QtBot, host: QWidget, desk: Desk
) -> None:
    dialog = _dialog(qtbot, host, desk)
    assert dialog.stack.currentWidget() is dialog.start_page
    qtbot.keyClicks(dialog.doubt_note, "ruft von unbekannter Nummer an")
    asked = Asked(Choice.CANCEL)
    dialog.guard.asker = asked
    _close_three_ways(qtbot, dialog, asked)
    assert dialog.doubt_note.text() == "ruft von unbekannter Nummer an"
    asked.answer = Choice.DISCARD
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert asked.count == 4 and not dialog.isVisible()
    assert desk.identity.current_case(desk.sessions["anna"], desk.customer_id) is None


def test_the_question_is_the_apps_discard_box_with_cancel_as_its_default(
    qtbot: QtBot, host: QWidget, desk: Desk
) -> None:
    dialog = _dialog(qtbot, host, desk)
    dialog.guard.asker = ask_discard  # the real box, as the agent sees it
    dialog.doubt_note.setText("zögerte")  # keyClicks: ASCII only
    seen: list[tuple[QMessageBox.StandardButton, list[QMessageBox.StandardButton]]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return
        try:
            default = box.standardButton(box.defaultButton())
            seen.append((default, [box.standardButton(b) for b in box.buttons()]))
            qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter takes the default
        finally:
            if box.isVisible():
                box.reject()

    QTimer.singleShot(50, answer)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert seen, "no question was asked"
    default, buttons = seen[0]
    assert default is QMessageBox.StandardButton.Cancel
    assert set(buttons) == {QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Cancel}
    assert dialog.isVisible() and dialog.doubt_note.text() == "zögerte"
    dialog.guard.asker = Asked(Choice.DISCARD)  # qtbot closes the dialog at the end


def test_closing_with_a_typed_cancel_reason_or_new_email_asks_but_secrets_never_do(
    qtbot: QtBot, host: QWidget, desk: Desk
) -> None:
    _case_allowing_a_new_email(desk)
    dialog = _dialog(qtbot, host, desk)
    assert dialog.case is not None and dialog.new_email.isEnabled()
    asked = Asked(Choice.CANCEL)
    dialog.guard.asker = asked
    qtbot.keyClicks(dialog.new_email, NEW_EMAIL)
    _close_three_ways(qtbot, dialog, asked)
    assert dialog.new_email.text() == NEW_EMAIL
    dialog.new_email.clear()
    qtbot.mouseClick(dialog.cancel_case_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.cancel_reason, "Kunde meldet sich schriftlich")
    asked.count = 0
    _close_three_ways(qtbot, dialog, asked)
    assert dialog.cancel_reason.text() == "Kunde meldet sich schriftlich"
    asked.answer = Choice.DISCARD
    assert dialog.close()
    assert asked.count == 4 and not dialog.isVisible()
    assert dialog.cancel_reason.text() == "" and dialog.new_email.text() == ""
    case = desk.identity.current_case(desk.sessions["anna"], desk.customer_id)
    assert case is not None and case.state == "open"  # discarding cancelled nothing


def test_a_typed_secret_is_not_asked_about_it_is_emptied(
    qtbot: QtBot, host: QWidget, desk: Desk
) -> None:
    session = desk.sessions["anna"]
    case = desk.identity.open_case(session, desk.customer_id, has_mailbox=False, knowledge=[])
    desk.identity.send_letter(session, case.case_id)
    dialog = _dialog(qtbot, host, desk)
    asked = Asked(Choice.CANCEL)
    dialog.guard.asker = asked
    qtbot.keyClicks(dialog.p_field, WRONG_PASSWORD)
    qtbot.keyClicks(dialog.letter_code, "ABCD-EFGH")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked.count == 0 and not dialog.isVisible()
    assert dialog.p_field.text() == "" and dialog.letter_code.text() == ""


# --- the refresh while a code or link is out ----------------------------------------------


def _portal(desk: Desk, **fields: str) -> None:
    """The customer clicks the link or types the letter code on the portal; the
    portal's confirmation document comes in (``kcp-desk intake``)."""
    result = intake(
        desk.db,
        {"kind": "confirmation", "version": 1, **fields},
        anchors=desk.identity._anchors,
    )
    assert isinstance(result, ConfirmationResult), result


def _passed(dialog: IdentityCaseDialog, factor: str) -> bool:
    return dialog.case is not None and factor in {f.value for f in dialog.case.policy.passed}


def test_a_link_clicked_on_the_portal_shows_up_without_refresh(
    qtbot: QtBot, host: QWidget, desk: Desk
) -> None:
    dialog = _dialog(qtbot, host, desk, refresh_ms=100)
    qtbot.mouseClick(dialog.mailbox_yes, Qt.MouseButton.LeftButton)
    _click(qtbot, dialog, dialog.open_button)
    assert not dialog.refresh.timer.isActive()  # nothing is out yet
    _click(qtbot, dialog, dialog.send_link)
    assert dialog.refresh.timer.isActive()
    _click(qtbot, dialog, dialog.send_letter)
    # a wrong phone password: its answer stays through the quiet refreshes
    qtbot.keyClicks(dialog.p_field, WRONG_PASSWORD)
    _click(qtbot, dialog, dialog.p_check)
    assert dialog.rows["P"].result.isVisible()
    changed: list[CaseDTO] = []
    dialog.case_changed.connect(changed.append)
    assert dialog.case is not None
    case_id, number = dialog.case.case_id, dialog.case.customer_number

    _portal(desk, token=desk.code(case_id, OutboxChannel.EMAIL))
    qtbot.waitUntil(lambda: _passed(dialog, "E"), timeout=5000)
    assert dialog.rows["E"].state.text().startswith("✔ Passed on")
    assert dialog.rows["P"].result.isVisible()  # the last answer is still there
    assert dialog.stack.isEnabled() and not dialog.busy
    qtbot.wait(500)  # more rounds, nothing new: the customer view is not told again
    assert [c.case_id for c in changed] == [case_id]
    assert dialog.refresh.timer.isActive()  # the letter code is still out

    # while the agent types in a field of the case, the refresh waits
    dialog.p_field.setFocus()
    qtbot.keyClicks(dialog.p_field, "Sonnen")
    _portal(desk, customer=number, letter_code=desk.code(case_id, OutboxChannel.LETTER))
    qtbot.wait(600)
    assert not _passed(dialog, "L")
    assert dialog.p_field.text() == "Sonnen" and dialog.p_field.isEnabled()
    dialog.p_field.clear()  # typing stopped: the next round shows the code
    qtbot.waitUntil(lambda: _passed(dialog, "L"), timeout=5000)
    # nothing is pending any more: the refresh stops
    assert not dialog.refresh.timer.isActive()


def test_the_refresh_stops_when_the_dialog_closes_and_skips_while_a_step_runs(
    qtbot: QtBot, host: QWidget, desk: Desk
) -> None:
    session = desk.sessions["anna"]
    case = desk.identity.open_case(session, desk.customer_id, has_mailbox=True, knowledge=[])
    desk.identity.send_link(session, case.case_id)
    dialog = _dialog(qtbot, host, desk, refresh_ms=50)
    assert dialog.refresh.timer.isActive()
    calls: list[int] = []
    original = desk.identity.get

    def counting_get(s: AgentSession, case_id: int) -> CaseDTO:
        calls.append(case_id)
        return original(s, case_id)

    desk.identity.get = counting_get  # type: ignore[method-assign]
    try:
        qtbot.waitUntil(lambda: len(calls) >= 2, timeout=5000)
        dialog.busy = True  # a step runs: no refresh starts meanwhile
        qtbot.wait(100)  # a refresh already under way may still land
        count = len(calls)
        qtbot.wait(300)
        assert len(calls) == count
        dialog.busy = False
        qtbot.waitUntil(lambda: len(calls) > count, timeout=5000)
        assert dialog.close()
        assert not dialog.refresh.timer.isActive()
        qtbot.wait(100)
        count = len(calls)
        qtbot.wait(300)
        assert len(calls) == count
    finally:
        del desk.identity.get
