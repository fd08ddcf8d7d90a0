"""The ticket and its thread (SPEC C4 T-2, T-6; issue 10 "The ticket"), on SQLite and
PostgreSQL: the thread oldest first with who wrote what; replies for the assignee or a
lead, internal notes for anyone; a password-looking reply asks first; the first reply
stops the first-response clock; closed is read only; stale and demoted are refused; the
audit log gets ids and lengths, never the text."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from kcp_desk.db import Database
from kcp_desk.domain.references import format_order_ref, parse_ticket_ref
from kcp_desk.domain.secret_looking import looks_like_secret
from kcp_desk.domain.text_input import multi_line
from kcp_desk.errors import (
    TOO_LONG,
    InvalidInput,
    KcpError,
    NotFound,
    PermissionDenied,
    SecretLookingReply,
    StaleEdit,
    TicketClosed,
)
from kcp_desk.models.agents import Agent
from kcp_desk.models.audit import AuditEntry
from kcp_desk.models.base import utcnow
from kcp_desk.models.customers import Customer
from kcp_desk.models.orders import SupportOrder
from kcp_desk.models.tickets import Ticket, TicketMessage
from kcp_desk.services import audit
from kcp_desk.services.customers import display_name
from kcp_desk.services.demo import DEMO_AGENTS, populate
from kcp_desk.services.desk import DeskServices
from kcp_desk.services.intake import intake
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.tickets import (
    BODY_MAX,
    TicketAssignment,
    TicketDetail,
    TicketThread,
)
from tests.conftest import FAST_KDF, change_agent
from tests.services.test_intake import CLOSED, CUSTOMER, SUB_ACCOUNT, message, new_ticket
from tests.services.test_ticket_assignment import _audit_count, _login

PASSPHRASE = {a.username: a.passphrase for a in DEMO_AGENTS}
NAME = {a.username: a.display_name for a in DEMO_AGENTS}
PASSWORD = "Xk9#mQ2v!pL7"
SECRET_REPLY = f"Guten Tag,\n\nIhr neues FTP-Passwort lautet: {PASSWORD}\n\nViele Grüße"
PLAIN_REPLY = (
    "Guten Tag,\n\nich habe den Cache geleert; https://www.example.de ist wieder "
    "erreichbar (Ticket #KCP-01000044).\n\nViele Grüße"
)


@dataclass(frozen=True)
class Desk:
    """The demo data (12 customers) with anna, ben (agents) and lea (lead) logged in,
    and a new ticket from the portal that anna has claimed."""

    db: Database
    thread: TicketThread
    tickets: TicketAssignment
    anna: AgentSession
    ben: AgentSession
    lea: AgentSession
    ids: dict[str, int]
    #: anna's, new, one customer message (from the sub-account)
    ticket: int

    def version(self, ticket_id: int | None = None) -> int:
        return self.thread.open(self.lea, ticket_id or self.ticket).version

    def new_ticket(self) -> int:
        """Another new, unassigned ticket from the portal."""
        return intake(self.db, new_ticket(subject="Mail kommt nicht an")).ticket_id


@pytest.fixture
def desk(database: Database) -> Desk:
    populate(database, customers=12, kdf=FAST_KDF)
    with database.read() as s:
        ids = {name: i for name, i in s.execute(select(Agent.username, Agent.id))}
    anna = _login(database, "anna", PASSPHRASE["anna"])
    ticket = intake(database, new_ticket(sub_account=SUB_ACCOUNT)).ticket_id
    tickets = TicketAssignment(database)
    assert tickets.claim(anna, ticket).won
    return Desk(
        db=database,
        thread=TicketThread(database),
        tickets=tickets,
        anna=anna,
        ben=_login(database, "ben", PASSPHRASE["ben"]),
        lea=_login(database, "lea", PASSPHRASE["lea"]),
        ids=ids,
        ticket=ticket,
    )


def _messages(db: Database, ticket_id: int | None = None) -> int:
    with db.read() as s:
        query = select(func.count()).select_from(TicketMessage)
        if ticket_id is not None:
            query = query.where(TicketMessage.ticket_id == ticket_id)
        return s.scalar(query) or 0


def _closed_ticket(db: Database) -> int:
    with db.read() as s:
        ticket_id = s.scalar(select(Ticket.id).where(Ticket.number == parse_ticket_ref(CLOSED)))
    assert ticket_id is not None
    return ticket_id


def _entries(db: Database, ticket_id: int) -> list[tuple[str, int | None, dict[str, object]]]:
    """(action, signer, details) of the ticket's audit entries, oldest first."""
    with db.read() as s:
        rows = s.execute(
            select(AuditEntry.action, AuditEntry.agent_id, AuditEntry.canonical).order_by(
                AuditEntry.seq
            )
        ).all()
    entries = [(a, agent, json.loads(c)["details"]) for a, agent, c in rows]
    return [e for e in entries if e[2].get("ticket_id") == ticket_id]


def _nothing_written(desk: Desk, before: tuple[int, int, int]) -> None:
    assert (_messages(desk.db), desk.version(), _audit_count(desk.db)) == before


def _snapshot(desk: Desk) -> tuple[int, int, int]:
    return _messages(desk.db), desk.version(), _audit_count(desk.db)


# --- open ------------------------------------------------------------------------------------


def test_open_shows_the_thread_oldest_first_with_kinds_and_authors(desk: Desk) -> None:
    v = desk.version()
    v = desk.thread.post(desk.ben, desk.ticket, v, "internal_note", "Kunde ist VIP.").version
    desk.thread.post(desk.anna, desk.ticket, v, "reply", PLAIN_REPLY)
    intake(desk.db, message(ticket=desk.thread.open(desk.anna, desk.ticket).ref))

    detail = desk.thread.open(desk.ben, desk.ticket)
    with desk.db.read() as s:
        c = s.scalars(select(Customer).where(Customer.number == int(CUSTOMER[1:-1]))).one()
        customer = display_name(c.kind, c.first_name, c.last_name, c.company, c.legal_form)
    assert [(m.kind, m.author) for m in detail.messages] == [
        ("customer", SUB_ACCOUNT),
        ("internal_note", NAME["ben"]),
        ("reply", NAME["anna"]),
        ("customer", customer),
    ]
    assert [m.body for m in detail.messages][1:3] == ["Kunde ist VIP.", PLAIN_REPLY]
    assert detail.messages[1].internal and not detail.messages[2].internal
    assert detail.messages[0].from_customer and detail.messages[3].from_customer
    times = [m.created_at for m in detail.messages]
    assert times == sorted(times)
    assert (detail.customer_number, detail.customer_name) == (CUSTOMER, customer)
    assert detail.subject == "Webseite nicht erreichbar"
    assert (detail.assignee_id, detail.assignee_name) == (desk.ids["anna"], NAME["anna"])
    assert detail.state == "open" and not detail.closed


def test_what_the_agent_may_do_is_for_who_is_looking(desk: Desk) -> None:
    anna = desk.thread.open(desk.anna, desk.ticket)
    ben = desk.thread.open(desk.ben, desk.ticket)
    lea = desk.thread.open(desk.lea, desk.ticket)
    assert anna.state == "new"
    assert anna.allowed_states == lea.allowed_states == ("open", "pending_customer", "closed")
    assert (anna.may_reply, lea.may_reply) == (True, True)
    assert (ben.allowed_states, ben.may_reply) == ((), False)
    assert ben.may_note


def test_open_lists_the_linked_support_orders(desk: Desk) -> None:
    with desk.db.read() as s:
        order = s.scalars(select(SupportOrder).order_by(SupportOrder.id).limit(1)).one()
        ticket_id, number, state = order.ticket_id, order.number, order.state
    detail = desk.thread.open(desk.anna, ticket_id)
    assert [(o.ref, o.state) for o in detail.linked_orders] == [(format_order_ref(number), state)]
    assert detail.linked_orders[0].ref.startswith("SA-")
    assert 0 < len(detail.linked_orders[0].summary) <= 80
    assert "\n" not in detail.linked_orders[0].summary
    assert desk.thread.open(desk.anna, desk.ticket).linked_orders == ()


def test_a_missing_ticket_is_not_found(desk: Desk) -> None:
    with pytest.raises(NotFound):
        desk.thread.open(desk.anna, 999_999)
    with pytest.raises(NotFound):
        desk.thread.post(desk.lea, 999_999, 1, "internal_note", "Hallo")


# --- replies and notes -----------------------------------------------------------------------


def test_the_first_reply_sets_first_responded_at_once_and_opens_the_ticket(
    desk: Desk,
) -> None:
    start = utcnow().replace(microsecond=0) + dt.timedelta(minutes=1)
    times = iter(start + dt.timedelta(minutes=n) for n in range(10))
    thread = TicketThread(desk.db, clock=lambda: next(times))
    before = thread.open(desk.anna, desk.ticket)
    assert before.first_responded_at is None and before.state == "new"
    assert before.sla_due == before.first_response_due is not None

    noted = thread.post(desk.anna, desk.ticket, before.version, "internal_note", "Prüfe Logs.")
    assert (noted.first_responded_at, noted.state) == (None, "new")
    first = thread.post(desk.anna, desk.ticket, noted.version, "reply", PLAIN_REPLY)
    assert first.first_responded_at == start + dt.timedelta(minutes=2)
    assert first.state == "open"
    assert first.sla_due == first.resolution_due
    again = thread.post(desk.anna, desk.ticket, first.version, "reply", "Noch etwas: ok.")
    assert again.first_responded_at == start + dt.timedelta(minutes=2)
    assert again.state == "open"
    assert len(again.messages) == 4


def test_a_post_bumps_the_version_and_a_stale_one_is_refused(desk: Desk) -> None:
    v = desk.version()
    after = desk.thread.post(desk.anna, desk.ticket, v, "internal_note", "Erste Notiz")
    assert after.version == v + 1 == desk.version()
    before = _snapshot(desk)
    for stale in (v, v + 5):
        with pytest.raises(StaleEdit):
            desk.thread.post(desk.anna, desk.ticket, stale, "reply", PLAIN_REPLY)
    _nothing_written(desk, before)
    # someone else's state change makes the agent's view stale too
    desk.tickets.change_state(desk.lea, desk.ticket, after.version, "open")
    with pytest.raises(StaleEdit):
        desk.thread.post(desk.anna, desk.ticket, after.version, "internal_note", "Zweite")


def test_a_reply_needs_the_ticket_a_note_does_not(desk: Desk) -> None:
    free = desk.new_ticket()
    before = _snapshot(desk)
    for agent, ticket_id in ((desk.anna, free), (desk.ben, desk.ticket)):
        with pytest.raises(PermissionDenied, match="Claim it first"):
            desk.thread.post(agent, ticket_id, desk.version(ticket_id), "reply", PLAIN_REPLY)
    _nothing_written(desk, before)

    ben_note = desk.thread.post(desk.ben, desk.ticket, desk.version(), "internal_note", "Tipp")
    assert ben_note.messages[-1].author == NAME["ben"]
    assert ben_note.first_responded_at is None
    free_note = desk.thread.post(desk.anna, free, desk.version(free), "internal_note", "Merke")
    assert free_note.assignee_id is None
    # a lead may answer on anna's ticket and on a free one
    lea_reply = desk.thread.post(desk.lea, desk.ticket, desk.version(), "reply", PLAIN_REPLY)
    assert lea_reply.messages[-1].author == NAME["lea"]
    assert lea_reply.first_responded_at is not None
    desk.thread.post(desk.lea, free, desk.version(free), "reply", PLAIN_REPLY)


@pytest.mark.parametrize(
    "body",
    [
        SECRET_REPLY,
        "Zugang: ftp://kunde:S3hrGeheim!@ftp.example.de/",
        "Token ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n"
        "-----END OPENSSH PRIVATE KEY-----",
    ],
)
def test_a_secret_looking_reply_is_refused_until_confirmed(desk: Desk, body: str) -> None:
    findings = looks_like_secret(body)
    assert findings
    before = _snapshot(desk)
    with pytest.raises(SecretLookingReply) as info:
        desk.thread.post(desk.anna, desk.ticket, desk.version(), "reply", body)
    _nothing_written(desk, before)
    err = info.value
    assert isinstance(err, KcpError) and err.field == "body"
    assert err.kinds == tuple(dict.fromkeys(f.kind.value for f in findings))
    assert [(f.start, f.end) for f in err.findings] == [(f.start, f.end) for f in findings]
    shown = " ".join([str(err), repr(err), repr(err.args), repr(err.findings), err.template])
    for finding in findings:
        secret = body[finding.start : finding.end]
        for i in range(0, max(len(secret) - 5, 1)):
            assert secret[i : i + 6] not in shown

    saved = desk.thread.post(desk.anna, desk.ticket, desk.version(), "reply", body, confirmed=True)
    assert (saved.messages[-1].kind, saved.messages[-1].body) == ("reply", body)
    assert _messages(desk.db) == before[0] + 1
    replied = _entries(desk.db, desk.ticket)[-1]
    assert replied[0] == "ticket_replied" and replied[2]["flagged"] == sorted(err.kinds)


def test_a_plain_reply_does_not_ask(desk: Desk) -> None:
    assert looks_like_secret(PLAIN_REPLY) == []
    detail = desk.thread.post(desk.anna, desk.ticket, desk.version(), "reply", PLAIN_REPLY)
    assert detail.messages[-1].body == PLAIN_REPLY


def test_internal_notes_are_not_checked_for_secrets(desk: Desk) -> None:
    """A note never reaches the customer: it is saved without asking."""
    note = desk.thread.post(desk.ben, desk.ticket, desk.version(), "internal_note", SECRET_REPLY)
    assert (note.messages[-1].kind, note.messages[-1].body) == ("internal_note", SECRET_REPLY)


def test_a_closed_ticket_is_read_only(desk: Desk) -> None:
    closed = _closed_ticket(desk.db)
    detail = desk.thread.open(desk.lea, closed)
    assert detail.closed and detail.closed_at is not None
    assert (detail.allowed_states, detail.may_reply, detail.may_note) == ((), False, False)
    assert detail.sla_due is None and not detail.overdue
    assert detail.messages
    before = _snapshot(desk)
    for agent, kind in ((desk.lea, "reply"), (desk.anna, "internal_note")):
        with pytest.raises(TicketClosed):
            desk.thread.post(agent, closed, detail.version, kind, "Nachtrag")
    _nothing_written(desk, before)
    assert _messages(desk.db, closed) == len(detail.messages)


def test_only_replies_and_notes_can_be_posted(desk: Desk) -> None:
    before = _snapshot(desk)
    for kind in ("customer", "note", "", "REPLY"):
        with pytest.raises(InvalidInput) as info:
            desk.thread.post(desk.anna, desk.ticket, desk.version(), kind, "Hallo")
        assert info.value.field == "kind"
    _nothing_written(desk, before)


@pytest.mark.parametrize("change", ["disabled", "demoted"])
def test_the_role_as_of_now_counts(desk: Desk, change: str) -> None:
    """lea replies on anna's ticket as a lead; demoted, she cannot; disabled, nothing."""
    v = desk.version()
    change_agent(desk.db, desk.ids["lea"], change)
    before = _messages(desk.db), _audit_count(desk.db)
    match = "disabled" if change == "disabled" else "Claim it first"
    with pytest.raises(PermissionDenied, match=match):
        desk.thread.post(desk.lea, desk.ticket, v, "reply", PLAIN_REPLY)
    if change == "disabled":
        with pytest.raises(PermissionDenied, match="disabled"):
            desk.thread.post(desk.lea, desk.ticket, v, "internal_note", "Notiz")
        with pytest.raises(PermissionDenied, match="disabled"):
            desk.thread.open(desk.lea, desk.ticket)
    else:
        demoted = desk.thread.open(desk.lea, desk.ticket)
        assert (demoted.may_reply, demoted.allowed_states) == (False, ())
    assert (_messages(desk.db), _audit_count(desk.db)) == before


# --- the body --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("", "Please write"),
        (" \n\t\r\n ", "Please write"),
        ("Hallo\x00Welt", "Control characters"),
        ("Hallo\x1b[31m", "Control characters"),
        ("Hallo \u202eWelt", "Invisible formatting"),
        ("a" * (BODY_MAX + 1), "At most 20000"),
    ],
)
def test_a_bad_body_is_refused_at_the_field(desk: Desk, body: str, fragment: str) -> None:
    before = _snapshot(desk)
    for kind in ("reply", "internal_note"):
        with pytest.raises(InvalidInput, match=fragment) as info:
            desk.thread.post(desk.anna, desk.ticket, desk.version(), kind, body)
        assert info.value.field == "body"
    _nothing_written(desk, before)
    assert TOO_LONG.format(n=BODY_MAX) == "At most 20000 characters, please."


def test_the_body_is_cleaned_and_long_text_is_kept(desk: Desk) -> None:
    v = desk.version()
    d = desk.thread.post(desk.anna, desk.ticket, v, "internal_note", "  Zeile 1\r\nZeile 2\r ")
    assert d.messages[-1].body == "Zeile 1\nZeile 2"
    long = ("Protokoll: alles in Ordnung. " * 700)[:BODY_MAX]
    d = desk.thread.post(desk.anna, desk.ticket, d.version, "internal_note", long)
    assert d.messages[-1].body == long.strip() and len(d.messages[-1].body) > 10_000


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

bodies = st.builds(
    lambda head, n, tail: head + "x" * n + tail,
    st.text(),
    st.sampled_from([0, 0, 0, 10_000, BODY_MAX - 3, BODY_MAX + 1]),
    st.text(max_size=5),
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(kind=st.sampled_from(["reply", "internal_note"]), body=bodies)
def test_any_body_is_saved_cleaned_or_refused_with_a_message(
    desk: Desk, kind: str, body: str
) -> None:
    before = _messages(desk.db, desk.ticket)
    try:
        detail = desk.thread.post(desk.anna, desk.ticket, desk.version(), kind, body)
    except KcpError:
        assert _messages(desk.db, desk.ticket) == before
    else:
        assert detail.messages[-1].body == multi_line(body, field="body")
        assert 0 < len(detail.messages[-1].body) <= BODY_MAX
        assert _messages(desk.db, desk.ticket) == before + 1


# --- C7: the audit trail ---------------------------------------------------------------------


def test_posts_are_audited_without_the_body(desk: Desk) -> None:
    note = "Rückruf vereinbart, Kundin ist verärgert"
    v = desk.thread.post(desk.ben, desk.ticket, desk.version(), "internal_note", note).version
    v = desk.thread.post(desk.anna, desk.ticket, v, "reply", PLAIN_REPLY).version
    detail = desk.thread.post(desk.anna, desk.ticket, v, "reply", SECRET_REPLY, confirmed=True)
    entries = _entries(desk.db, desk.ticket)
    assert [(action, signer) for action, signer, _ in entries] == [
        ("ticket_claimed", desk.ids["anna"]),
        ("ticket_note_added", desk.ids["ben"]),
        ("ticket_replied", desk.ids["anna"]),
        ("ticket_replied", desk.ids["anna"]),
    ]
    ids = [m.message_id for m in detail.messages[1:]]
    assert [d["message_id"] for _, _, d in entries[1:]] == ids
    assert [d["kind"] for _, _, d in entries[1:]] == ["internal_note", "reply", "reply"]
    assert [d["length"] for _, _, d in entries[1:]] == [len(note), len(PLAIN_REPLY),
                                                      len(SECRET_REPLY)]  # fmt: skip
    first = entries[2][2]
    assert (first["first_response"], first["from_state"], first["to_state"]) == (
        True,
        "new",
        "open",
    )
    assert "first_response" not in entries[3][2] and "from_state" not in entries[3][2]
    with desk.db.read() as s:
        stored = " ".join(s.scalars(select(AuditEntry.canonical)))
    for text in (note, "Rückruf", "Cache geleert", PASSWORD, "FTP-Passwort"):
        assert text not in stored
        assert json.dumps(text)[1:-1] not in stored
    result = audit.verify(desk.db)
    assert result.ok, result.reason


def test_the_desk_has_the_thread(database: Database) -> None:
    assert isinstance(DeskServices.build(database).thread, TicketThread)
    assert TicketDetail.__dataclass_params__.frozen  # type: ignore[attr-defined]
