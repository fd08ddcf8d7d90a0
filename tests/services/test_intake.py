"""Portal intake (SPEC §1, T-1, T-2, T-6; issue 10): documents, field errors, writing."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from kcp_desk.db import Database
from kcp_desk.domain.references import format_customer_number, format_ticket_ref
from kcp_desk.domain.sla import due_times
from kcp_desk.domain.text_input import CONTROL_CHARACTER, FORMAT_CHARACTER
from kcp_desk.errors import TICKET_UNKNOWN, TOO_LONG, FieldErrors
from kcp_desk.models.products import SlaPolicy, SmPackage
from kcp_desk.models.tickets import MessageKind, Ticket, TicketMessage, TicketPriority, TicketState
from kcp_desk.services.demo import populate
from kcp_desk.services.intake import (
    ConfirmationResult,
    MessageDocument,
    TicketDocument,
    intake,
    intake_file,
    load_document,
    validate_document,
)
from kcp_desk.services.intake import apply as ia
from kcp_desk.services.intake import documents as d
from tests.conftest import FAST_KDF

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "intake"
NOW = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)  # a Tuesday, 10:30 in Berlin

# Demo data (seed 20261122): customer 1 is K10000012 (packages basic + none) with the
# sub-account 1000001-assistenz; customer 2 is K10000020. The first tickets of the demo
# show every state: #KCP-01000031 pending customer (customer 2), #KCP-01000044 open,
# #KCP-01000053 closed (customer 3).
CUSTOMER = "K10000012"
OTHER_CUSTOMER = "K10000020"
SUB_ACCOUNT = "1000001-assistenz"
PENDING, OPEN, CLOSED = "#KCP-01000031", "#KCP-01000044", "#KCP-01000053"


@pytest.fixture
def demo(database: Database) -> Database:
    populate(database, customers=12, kdf=FAST_KDF)
    return database


def new_ticket(**changes: object) -> dict[str, object]:
    doc: dict[str, object] = {
        "kind": "ticket",
        "version": 1,
        "customer": CUSTOMER,
        "sub_account": None,
        "subject": "Webseite nicht erreichbar",
        "body": "Guten Tag,\n\nseit heute früh ist die Seite weg.",
        "priority": "normal",
    }
    doc.update(changes)
    return doc


def message(**changes: object) -> dict[str, object]:
    doc: dict[str, object] = {
        "kind": "message",
        "version": 1,
        "ticket": OPEN,
        "sub_account": None,
        "subject": None,
        "body": "Danke, ich warte.",
    }
    doc.update(changes)
    return doc


def counts(db: Database) -> tuple[int, int]:
    with db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Ticket)) or 0,
            s.scalar(select(func.count()).select_from(TicketMessage)) or 0,
        )


def ticket_by_ref(db: Database, ref: str) -> Ticket:
    number = int(ref.removeprefix("#KCP-")[:-1])
    with db.read() as s:
        ticket = s.scalars(select(Ticket).where(Ticket.number == number)).one()
        s.expunge(ticket)
        return ticket


def field_errors(fn: Callable[[], object]) -> dict[str, str]:
    """The field → English message map of the FieldErrors ``fn`` raises."""
    with pytest.raises(FieldErrors) as info:
        fn()
    return {field: str(err) for field, err in info.value.errors.items()}


def templates(fn: Callable[[], object]) -> dict[str, str]:
    with pytest.raises(FieldErrors) as info:
        fn()
    return {field: err.template for field, err in info.value.errors.items()}


# --- a new ticket -------------------------------------------------------------------------


def test_a_new_ticket_gets_the_next_number_sla_and_the_customer_message(demo: Database) -> None:
    with demo.read() as s:
        last = s.scalar(select(func.max(Ticket.number)))
        policy = s.scalars(
            select(SlaPolicy).where(
                SlaPolicy.sm_package == SmPackage.BASIC, SlaPolicy.priority == TicketPriority.HIGH
            )
        ).one()
        expected_due = due_times(NOW, policy)
    result = intake(
        demo, new_ticket(priority="high", sub_account=SUB_ACCOUNT, subject="  Fehler 500 "), now=NOW
    )
    assert last is not None
    assert result.created_ticket and not result.reopened
    assert result.kind == "ticket" and result.state == "new"
    assert result.ticket_ref == format_ticket_ref(last + 1)
    ticket = ticket_by_ref(demo, result.ticket_ref)
    assert ticket.id == result.ticket_id
    assert ticket.subject == "Fehler 500"  # single_line: trimmed
    assert ticket.state == TicketState.NEW and ticket.priority == TicketPriority.HIGH
    assert ticket.assignee_id is None  # Unassigned queue
    # T-6: the customer's best active package is basic (basic + none)
    assert ticket.first_response_due == expected_due.first_response_due
    assert ticket.resolution_due == expected_due.resolution_due
    with demo.read() as s:
        msg = s.get(TicketMessage, result.message_id)
        assert msg is not None
        assert msg.ticket_id == ticket.id and msg.kind == MessageKind.CUSTOMER
        assert msg.author_agent_id is None and msg.sub_account_id is not None
        assert msg.body.startswith("Guten Tag,\n\n")
    assert "Created ticket " + result.ticket_ref in result.describe()


def test_priority_is_normal_when_the_portal_leaves_it_out(demo: Database) -> None:
    doc = new_ticket()
    del doc["priority"]
    result = intake(demo, doc, now=NOW)
    assert ticket_by_ref(demo, result.ticket_ref).priority == TicketPriority.NORMAL


def test_an_empty_database_starts_at_the_first_number(database: Database) -> None:
    with database.read() as s:
        assert s.scalar(select(func.max(Ticket.number))) is None
    # no customers: the document is refused at its customer, nothing is created
    assert templates(lambda: intake(database, new_ticket())) == {"customer": ia.UNKNOWN_CUSTOMER}
    assert counts(database) == (0, 0)


def test_two_intakes_at_the_same_moment_get_two_numbers(demo: Database) -> None:
    """Number allocation is max + 1 under the write lock (advisory lock on PostgreSQL)."""
    rounds, results, failures = 8, [], []
    for _ in range(rounds):
        barrier = threading.Barrier(2)

        def run(subject: str, barrier: threading.Barrier = barrier) -> None:
            try:
                barrier.wait()
                results.append(intake(demo, new_ticket(subject=subject)))
            except BaseException as exc:  # reported below
                failures.append(exc)

        threads = [threading.Thread(target=run, args=(f"Parallel {n}",)) for n in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    assert failures == []
    numbers = sorted(ticket_by_ref(demo, r.ticket_ref).number for r in results)
    assert len(numbers) == 2 * rounds
    assert numbers == list(range(numbers[0], numbers[0] + 2 * rounds))


# --- a customer message -------------------------------------------------------------------


def test_a_message_to_a_closed_ticket_reopens_it(demo: Database) -> None:
    before = ticket_by_ref(demo, CLOSED)
    assert before.state == TicketState.CLOSED and before.closed_at is not None
    result = intake(demo, message(ticket=CLOSED.lower().replace("#", "")), now=NOW)
    assert result.reopened and not result.created_ticket
    assert result.state == "open" and result.ticket_ref == CLOSED
    after = ticket_by_ref(demo, CLOSED)
    assert after.state == TicketState.OPEN and after.closed_at is None
    assert after.version == before.version + 1  # an agent's stale change is refused
    with demo.read() as s:
        msg = s.get(TicketMessage, result.message_id)
        assert msg is not None and msg.ticket_id == before.id
        assert msg.kind == MessageKind.CUSTOMER and msg.body == "Danke, ich warte."
    assert "reopened" in result.describe()


def test_a_message_by_subject_hook_puts_a_pending_ticket_back_to_open(demo: Database) -> None:
    result = intake(
        demo, message(ticket=None, subject=f"AW: Re: [{PENDING.lower()}] Ihre Anfrage"), now=NOW
    )
    assert result.ticket_ref == PENDING and result.state == "open" and not result.reopened
    assert ticket_by_ref(demo, PENDING).state == TicketState.OPEN


def test_a_message_to_an_open_ticket_leaves_its_state(demo: Database) -> None:
    before = ticket_by_ref(demo, OPEN)
    result = intake(demo, message(subject=f"Re: [{OPEN}] Nachtrag"))
    assert result.state == "open" and not result.reopened
    assert ticket_by_ref(demo, OPEN).assignee_id == before.assignee_id


def test_a_message_from_a_sub_account_of_the_tickets_customer(demo: Database) -> None:
    first = intake(demo, new_ticket())
    result = intake(demo, message(ticket=first.ticket_ref, sub_account=SUB_ACCOUNT))
    with demo.read() as s:
        msg = s.get(TicketMessage, result.message_id)
        assert msg is not None and msg.sub_account_id is not None


# --- bad documents: one message per field, nothing created ---------------------------------

BAD_DOCUMENTS: list[tuple[str, dict[str, object], dict[str, str]]] = [
    ("unknown field", new_ticket(attachment="x.pdf"), {"attachment": d.UNKNOWN_FIELD}),
    ("unknown kind", new_ticket(kind="order"), {"kind": d.UNKNOWN_KIND}),
    ("kind not text", new_ticket(kind=["ticket"]), {"kind": d.UNKNOWN_KIND}),
    ("version 2", new_ticket(version=2), {"version": d.BAD_VERSION}),
    ("version true", new_ticket(version=True), {"version": d.BAD_VERSION}),
    ("version text", new_ticket(version="1"), {"version": d.BAD_VERSION}),
    ("customer missing", {**new_ticket(), "customer": None}, {"customer": d.NOT_TEXT}),
    ("customer a number", new_ticket(customer=10000012), {"customer": d.NOT_TEXT}),
    (
        "customer check digit",
        new_ticket(customer="K10000013"),
        {"customer": d.CUSTOMER_CHECK_DIGIT},
    ),
    ("customer malformed", new_ticket(customer="Müller"), {"customer": d.CUSTOMER_MALFORMED}),
    ("subject empty", new_ticket(subject="   "), {"subject": d.EMPTY}),
    ("subject too long", new_ticket(subject="x" * 301), {"subject": TOO_LONG}),
    ("subject with NUL", new_ticket(subject="Fehler\x00500"), {"subject": CONTROL_CHARACTER}),
    ("subject with line break", new_ticket(subject="a\nb"), {"subject": CONTROL_CHARACTER}),
    ("body empty", new_ticket(body=""), {"body": d.EMPTY}),
    ("body a list", new_ticket(body=["a"]), {"body": d.NOT_TEXT}),
    ("body with bidi override", new_ticket(body="ab\u202ecd"), {"body": FORMAT_CHARACTER}),
    ("body with ESC", new_ticket(body="a\x1b[31m"), {"body": CONTROL_CHARACTER}),
    ("body too long", new_ticket(body="x" * (d.BODY_MAX + 1)), {"body": TOO_LONG}),
    ("priority unknown", new_ticket(priority="sofort"), {"priority": d.BAD_PRIORITY}),
    ("priority null", new_ticket(priority=None), {"priority": d.BAD_PRIORITY}),
    ("sub-account a number", new_ticket(sub_account=7), {"sub_account": d.NOT_TEXT_OR_NULL}),
    ("no ticket named", message(ticket=None, subject="Hallo"), {"ticket": d.NO_TICKET}),
    ("ticket check digit", message(ticket="#KCP-01000054"), {"ticket": d.TICKET_CHECK_DIGIT}),
    ("ticket malformed", message(ticket="KCP-12"), {"ticket": d.TICKET_MALFORMED}),
    (
        "hook check digit",
        message(ticket=None, subject="Re: [#KCP-01000054] x"),
        {"subject": d.HOOK_CHECK_DIGIT},
    ),
    ("hook malformed", message(ticket=None, subject="[KCP-1] x"), {"subject": d.HOOK_MALFORMED}),
    (
        "reference and hook disagree",
        message(ticket=OPEN, subject=f"Re: [{CLOSED}]"),
        {"ticket": d.TICKET_MISMATCH},
    ),
    ("message field of a ticket", message(priority="high"), {"priority": d.UNKNOWN_FIELD}),
    (
        "unknown customer",
        new_ticket(customer=format_customer_number(9_999_999)),
        {"customer": ia.UNKNOWN_CUSTOMER},
    ),
    (
        "sub-account of another customer",
        new_ticket(customer=OTHER_CUSTOMER, sub_account=SUB_ACCOUNT),
        {"sub_account": ia.UNKNOWN_SUB_ACCOUNT},
    ),
    (
        "message from another customer's sub-account",
        message(ticket=PENDING, sub_account=SUB_ACCOUNT),
        {"sub_account": ia.UNKNOWN_SUB_ACCOUNT},
    ),
    ("unknown ticket", message(ticket=format_ticket_ref(9_999_999)), {"ticket": TICKET_UNKNOWN}),
    (
        "unknown ticket by hook",
        message(ticket=None, subject=f"[{format_ticket_ref(9_999_999)}]"),
        {"subject": TICKET_UNKNOWN},
    ),
]


@pytest.mark.parametrize(
    ("document", "expected"),
    [pytest.param(doc, exp, id=name) for name, doc, exp in BAD_DOCUMENTS],
)
def test_a_bad_document_gets_its_field_message_and_creates_nothing(
    demo: Database, document: dict[str, object], expected: dict[str, str]
) -> None:
    before = counts(demo)
    states = ticket_by_ref(demo, CLOSED).state
    assert templates(lambda: intake(demo, document)) == expected
    assert counts(demo) == before
    assert ticket_by_ref(demo, CLOSED).state == states


def test_every_wrong_field_gets_its_own_message_at_once() -> None:
    doc = {
        "kind": "ticket",
        "version": 1,
        "customer": "K1000001",
        "subject": "x" * 400,
        "body": 5,
        "priority": "soon",
        "extra": 1,
        "also": {"nested": []},
    }
    errors = field_errors(lambda: validate_document(doc))
    assert set(errors) == {"customer", "subject", "body", "priority", "extra", "also"}
    assert errors["subject"] == "At most 300 characters, please."
    assert errors["customer"].startswith("Not a customer number")


def test_a_wrong_version_still_reports_the_kinds_field_errors() -> None:
    errors = templates(lambda: validate_document(new_ticket(version=3, body="")))
    assert errors == {"version": d.BAD_VERSION, "body": d.EMPTY}


@pytest.mark.parametrize(
    ("raw", "field", "template"),
    [
        (b"{", "document", d.NOT_JSON),
        (b"", "document", d.NOT_JSON),
        (b'{"kind": NaN}', "document", d.NOT_JSON),
        (b"[" * 100_000, "document", d.NOT_JSON),
        (b"\xff\xfe{}", "document", d.NOT_UTF8),
        (b"[]", "document", d.NOT_OBJECT),
        (b'"ticket"', "document", d.NOT_OBJECT),
        (b'{"kind": "ticket", "kind": "message"}', "kind", d.DUPLICATE_FIELD),
    ],
)
def test_what_is_not_a_document_at_all(raw: bytes, field: str, template: str) -> None:
    assert templates(lambda: load_document(raw)) == {field: template}


def test_validation_returns_frozen_clean_documents() -> None:
    doc = validate_document(new_ticket(body="a\r\nb  ", sub_account=" x "))
    assert doc == TicketDocument(
        1000001, "x", "Webseite nicht erreichbar", "a\nb", TicketPriority.NORMAL
    )
    with pytest.raises(AttributeError):
        doc.subject = "y"  # type: ignore[misc]
    by_hook = validate_document(message(ticket=None, subject=f"Re: [{OPEN}] x"))
    assert by_hook == MessageDocument(
        100004, "subject", None, f"Re: [{OPEN}] x", "Danke, ich warte."
    )
    both = validate_document(message(subject=f"Re: [{OPEN}]"))
    assert isinstance(both, MessageDocument) and both.ticket_field == "ticket"


# --- the examples the README documents ------------------------------------------------------


def test_the_example_files_do_what_the_readme_says(demo: Database) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = sorted(p.name for p in EXAMPLES.glob("*.json"))
    assert names == [
        "bad-document.json",
        "bad-support-order.json",
        "confirmation-letter-code.json",
        "confirmation-link.json",
        "message-by-reference.json",
        "message-by-subject.json",
        "new-ticket.json",
        "support-order.json",
    ]
    for name in names:
        assert f"examples/intake/{name}" in readme, name
    before = counts(demo)
    bad = field_errors(lambda: intake_file(demo, EXAMPLES / "bad-document.json"))
    assert set(bad) == {"customer", "subject", "body", "priority", "attachment"}
    assert counts(demo) == before
    created = intake_file(demo, EXAMPLES / "new-ticket.json")
    assert created.created_ticket
    assert ticket_by_ref(demo, created.ticket_ref).priority == TicketPriority.HIGH
    by_ref = intake_file(demo, EXAMPLES / "message-by-reference.json")
    assert by_ref.ticket_ref == CLOSED and by_ref.reopened
    by_subject = intake_file(demo, EXAMPLES / "message-by-subject.json")
    assert by_subject.ticket_ref == PENDING and by_subject.state == "open"
    assert counts(demo) == (before[0] + 1, before[1] + 3)
    # the confirmations refer to no case of the demo: refused without a hint (ID-6)
    assert set(field_errors(lambda: intake_file(demo, EXAMPLES / "confirmation-link.json"))) == {
        "token"
    }
    code = intake_file(demo, EXAMPLES / "confirmation-letter-code.json")
    assert isinstance(code, ConfirmationResult) and code.outcome == "no_code"


# --- arbitrary JSON never raises anything but field errors ---------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
FIELD_NAMES = st.sampled_from(
    ["kind", "version", "customer", "sub_account", "subject", "body", "priority", "ticket", "x"]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(json_values, st.dictionaries(FIELD_NAMES, json_values)))
def test_arbitrary_json_values_raise_only_field_errors(value: Any) -> None:
    try:
        validate_document(value)
    except FieldErrors as exc:
        assert exc.errors and all(isinstance(k, str) for k in exc.errors)
    raw = json.dumps(value).encode()
    with contextlib.suppress(FieldErrors):
        load_document(raw)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    kind=st.sampled_from(["ticket", "message"]),
    replaced=st.dictionaries(
        FIELD_NAMES, json_values | st.sampled_from([OPEN, CUSTOMER, SUB_ACCOUNT]), max_size=3
    ),
)
def test_arbitrary_fields_either_work_or_create_nothing(
    demo: Database, kind: str, replaced: dict[str, Any]
) -> None:
    doc = {**(new_ticket() if kind == "ticket" else message()), **replaced}
    before = counts(demo)
    try:
        result = intake(demo, doc)
    except FieldErrors:
        assert counts(demo) == before
    else:
        assert counts(demo)[1] == before[1] + 1
        assert counts(demo)[0] == before[0] + (1 if result.created_ticket else 0)


@pytest.mark.parametrize(
    ("change", "template"),
    [
        ({"active": False}, ia.SUB_ACCOUNT_DISABLED),
        ({"may_open_tickets": False}, ia.SUB_ACCOUNT_NO_TICKETS),
    ],
)
def test_a_sub_account_needs_to_be_active_and_allowed_to_open_tickets(
    demo: Database, change: dict[str, bool], template: str
) -> None:
    from sqlalchemy import update

    from kcp_desk.models.customers import SubAccount

    with demo.transaction() as s:
        s.execute(update(SubAccount).where(SubAccount.login == SUB_ACCOUNT).values(**change))
    before = counts(demo)
    assert templates(lambda: intake(demo, new_ticket(sub_account=SUB_ACCOUNT))) == {
        "sub_account": template
    }
    assert counts(demo) == before
