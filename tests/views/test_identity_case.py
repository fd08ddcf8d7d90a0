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
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kcp_desk.db import Database
from kcp_desk.domain.identity_policy import KnowledgeItem
from kcp_desk.models.customers import AddressKind, Customer, CustomerKind, PostalAddress
from kcp_desk.models.outbox import OutboxChannel, OutboxMessage
from kcp_desk.security.one_time_codes import CodeHashParams
from kcp_desk.security.outbox_seal import open_sealed
from kcp_desk.security.phone_password import PhonePasswordParams, hash_phone_password
from kcp_desk.services.demo import DEMO_AGENTS, populate
from kcp_desk.services.desk import DeskServices
from kcp_desk.services.identity import IdentityService
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.trust import TrustAnchors
from kcp_desk.views.identity_case import IdentityCaseDialog
from kcp_desk.views.name_change import ApprovalsPage
from tests.conftest import FAST_KDF

PHONE_PASSWORD = "Sonnenblume-Zebra-42"
WRONG_PASSWORD = "Gaensebluemchen-7"
NEW_EMAIL = "juergen.neu@example.org"
CHEAP_P = PhonePasswordParams(memory_kib=64, iterations=1, lanes=1)
CHEAP_CODES = CodeHashParams(memory_kib=64, iterations=1, lanes=1)


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
        with self.db.read() as s:
            message = s.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.case_id == case_id, OutboxMessage.channel == channel)
                .where(OutboxMessage.sealed.is_not(None))
                .order_by(OutboxMessage.id.desc())
            ).first()
            assert message is not None and message.sealed_key_version is not None
            opened = open_sealed(
                self.keys[channel],
                bytes(message.sealed),
                channel=channel.value,
                key_version=message.sealed_key_version,
                recipient=message.recipient,
                template=message.template,
            )
        return (opened.get("code") or opened["token"]).reveal()


def _customer(db: Database) -> int:
    long_ago = dt.date.today() - dt.timedelta(days=400)
    with db.transaction() as s:
        customer = Customer(
            number=7654321,
            kind=CustomerKind.PERSON,
            first_name="Jürgen",
            last_name="Müller",
            email="j.mueller@example.de",
            email_verified=True,
            mobile_e164="+4915112345678",
            customer_since=long_ago,
            phone_password_hash=hash_phone_password(PHONE_PASSWORD, CHEAP_P),
            phone_password_set_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=100),
        )
        customer.addresses.append(
            PostalAddress(
                kind=AddressKind.BILLING,
                street="Hauptstraße",
                house_number="5",
                postcode="10115",
                city="Berlin",
                country="DE",
                valid_from=long_ago,
            )
        )
        s.add(customer)
        s.flush()
        return customer.id


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
    yield Desk(database, services, identity, sessions, keys, _customer(database))


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    """The desk window on a 1024×768 screen, parent of the dialog."""
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    return window


def _dialog(qtbot: QtBot, host: QWidget, desk: Desk, by: str = "anna") -> IdentityCaseDialog:
    dialog = IdentityCaseDialog(
        host,
        desk.identity,
        desk.sessions[by],
        desk.customer_id,
        "K76543210 Jürgen Müller",
        email_masked="j•••@example.de",
    )
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
