"""Claiming, releasing, handing over, reassigning and the state of tickets (SPEC C4 T-2,
T-4, T-5; issue 10), on SQLite and PostgreSQL: one winner per race, the losers told who
won; role and active flag as of the action; closed means read only; everything audited."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import threading
import time
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select, update

from kcp_desk.db import Database
from kcp_desk.errors import InvalidInput, NotFound, PermissionDenied, StaleEdit, TicketClosed
from kcp_desk.models.agents import Role
from kcp_desk.models.audit import AuditEntry
from kcp_desk.models.customers import Customer, CustomerKind, PaymentMethod
from kcp_desk.models.tickets import Ticket, TicketState
from kcp_desk.services import audit
from kcp_desk.services.agents import provision_agent
from kcp_desk.services.auth import AuthService
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.tickets import (
    TRANSITIONS,
    ClaimOutcome,
    ClaimResult,
    TicketAssignment,
    refuse_if_closed,
    reopen_by_customer,
)
from tests.conftest import FAST_KDF, PASSPHRASES, change_agent

S = TicketState
BEN = "Ben Özdemir"
BEN_PASSPHRASE = "ben-test-passphrase"


@dataclass(frozen=True)
class Desk:
    """Three colleagues logged in: anna (agent), ben (agent), lea (lead)."""

    service: TicketAssignment
    ticket: int
    anna: AgentSession
    ben: AgentSession
    lea: AgentSession
    ids: dict[str, int]


def _login(db: Database, name: str, passphrase: str) -> AgentSession:
    return AuthService(db).login(name, passphrase).session


def _add_customer(db: Database) -> int:
    with db.transaction() as s:
        customer = Customer(
            number=1234567,
            kind=CustomerKind.PERSON,
            first_name="Erika",
            last_name="Mustermann",
            email="erika@example.de",
            customer_since=dt.date(2019, 5, 1),
            preferred_payment_method=PaymentMethod.BANK_TRANSFER,
            search_folded="erika mustermann erika@example.de",
        )
        s.add(customer)
        s.flush()
        return customer.id


def _add_ticket(db: Database, customer_id: int, number: int = 1234) -> int:
    """A new, unassigned ticket (1234: #KCP-00012340)."""
    with db.transaction() as s:
        ticket = Ticket(customer_id=customer_id, number=number, subject="Server down")
        s.add(ticket)
        s.flush()
        return ticket.id


@pytest.fixture
def desk(database: Database, agents: dict[str, int]) -> Desk:
    with database.transaction() as s:
        ben, _ = provision_agent(s, username="ben", display_name=BEN, role=Role.AGENT,
                                 passphrase=BEN_PASSPHRASE, kdf=FAST_KDF)  # fmt: skip
        ids = {**agents, "ben": ben.id}
    ticket = _add_ticket(database, _add_customer(database))
    return Desk(
        service=TicketAssignment(database),
        ticket=ticket,
        anna=_login(database, "anna", PASSPHRASES["anna"]),
        ben=_login(database, "ben", BEN_PASSPHRASE),
        lea=_login(database, "lea", PASSPHRASES["lea"]),
        ids=ids,
    )


def _ticket(db: Database, ticket_id: int) -> tuple[S, int | None, int, dt.datetime | None]:
    """(state, assignee, version, closed_at) as stored."""
    with db.read() as s:
        row = s.execute(
            select(Ticket.state, Ticket.assignee_id, Ticket.version, Ticket.closed_at).where(
                Ticket.id == ticket_id
            )
        ).one()
        return row[0], row[1], row[2], row[3]


def _set(db: Database, ticket_id: int, **values: object) -> None:
    with db.transaction() as s:
        s.execute(update(Ticket).where(Ticket.id == ticket_id).values(**values))


def _audit_count(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)) or 0


def _ticket_entries(db: Database) -> list[tuple[str, int | None, dict[str, object]]]:
    """(action, signing agent, details) of every ticket entry, oldest first."""
    with db.read() as s:
        rows = s.execute(
            select(AuditEntry.action, AuditEntry.agent_id, AuditEntry.canonical)
            .where(AuditEntry.action.like("ticket_%"))
            .order_by(AuditEntry.seq)
        ).all()
    return [(action, agent, json.loads(canonical)["details"]) for action, agent, canonical in rows]


# --- T-4: the race ---------------------------------------------------------------------------

DESKS = 20
ROUNDS = 100


def test_twenty_desks_claim_the_same_ticket_one_wins_every_round(database: Database) -> None:
    """20 threads, each its own desk (Database, connections, logged-in agent), claim the
    same ticket at the same moment, 100 times: exactly one wins every round, and the 19
    others are told who has it."""
    names = [BEN, *(f"Agentin {i:02d} Müller" for i in range(1, DESKS))]
    with database.transaction() as s:
        for i, name in enumerate(names):
            provision_agent(s, username=f"racer{i:02d}", display_name=name, role=Role.AGENT,
                            passphrase=f"racer-{i:02d}-passphrase", kdf=FAST_KDF)  # fmt: skip
    ticket = _add_ticket(database, _add_customer(database))
    desks = [Database(database.url) for _ in range(DESKS)]
    try:
        sessions = [
            _login(desks[i], f"racer{i:02d}", f"racer-{i:02d}-passphrase") for i in range(DESKS)
        ]
        services = [TicketAssignment(d) for d in desks]
        start, done = threading.Barrier(DESKS + 1, timeout=60), threading.Barrier(DESKS + 1)
        results: list[ClaimResult | Exception | None] = [None] * DESKS
        stop = threading.Event()

        def work(i: int) -> None:
            try:
                while True:
                    start.wait()
                    if stop.is_set():
                        return
                    try:
                        results[i] = services[i].claim(sessions[i], ticket)
                    except Exception as exc:  # reported by the main thread
                        results[i] = exc
                    done.wait()
            except threading.BrokenBarrierError:  # the main thread gave up
                return

        threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(DESKS)]
        for t in threads:
            t.start()
        began = time.monotonic()
        winners: list[str] = []
        try:
            for round_no in range(ROUNDS):
                _set(database, ticket, assignee_id=None)
                results[:] = [None] * DESKS
                start.wait()
                done.wait(timeout=60)
                errors = [r for r in results if isinstance(r, Exception)]
                assert not errors, f"round {round_no}: {errors[0]!r}"
                claims = [r for r in results if isinstance(r, ClaimResult)]
                won = [c for c in claims if c.won]
                assert len(claims) == DESKS and len(won) == 1, f"round {round_no}"
                winner = won[0].ticket
                assert winner.assignee_name is not None
                for lost in (c for c in claims if not c.won):
                    assert lost.outcome == ClaimOutcome.TAKEN
                    assert (lost.holder_id, lost.holder_name) == (
                        winner.assignee_id,
                        winner.assignee_name,
                    )
                    assert (
                        lost.message == f"This ticket is already taken by {winner.assignee_name}."
                    )
                assert _ticket(database, ticket)[1] == winner.assignee_id
                winners.append(winner.assignee_name)
        finally:
            stop.set()
            start.abort()
            done.abort()
            for t in threads:
                t.join(timeout=10)
        elapsed = time.monotonic() - began
        print(f"{ROUNDS} rounds of {DESKS} claims on {database.dialect}: {elapsed:.1f} s")
    finally:
        for d in desks:
            d.dispose()
    claimed = [e for e in _ticket_entries(database) if e[0] == "ticket_claimed"]
    assert len(claimed) == ROUNDS  # one entry per round: the winner's
    assert audit.verify(database).ok


# --- T-4: claim, one at a time ------------------------------------------------------------------


def test_the_loser_is_told_who_has_the_ticket(database: Database, desk: Desk) -> None:
    first = desk.service.claim(desk.ben, desk.ticket)
    assert first.won and first.message == "" and first.template is None
    assert (first.ticket.assignee_id, first.ticket.assignee_name) == (desk.ids["ben"], BEN)
    assert first.ticket.version == 2  # the claim bumps the version too
    late = desk.service.claim(desk.anna, desk.ticket)
    assert late.outcome == ClaimOutcome.TAKEN and not late.won
    assert late.message == "This ticket is already taken by Ben Özdemir."
    assert late.params == {"name": BEN}
    again = desk.service.claim(desk.ben, desk.ticket)
    assert again.outcome == ClaimOutcome.ALREADY_YOURS
    assert again.message == "You already have this ticket."
    assert _ticket(database, desk.ticket)[1:3] == (desk.ids["ben"], 2)
    assert [e[0] for e in _ticket_entries(database)] == ["ticket_claimed"]


def test_a_missing_ticket_is_not_found(desk: Desk) -> None:
    with pytest.raises(NotFound):
        desk.service.claim(desk.anna, 999_999)


def test_a_disabled_agent_cannot_claim(database: Database, desk: Desk) -> None:
    change_agent(database, desk.ids["ben"], "disabled")
    audited = _audit_count(database)
    with pytest.raises(PermissionDenied, match="disabled"):
        desk.service.claim(desk.ben, desk.ticket)
    assert _ticket(database, desk.ticket)[1:3] == (None, 1)
    assert _audit_count(database) == audited


# --- T-5: release, hand over, reassign ------------------------------------------------------


def test_the_assignee_releases_and_someone_else_claims(database: Database, desk: Desk) -> None:
    claimed = desk.service.claim(desk.anna, desk.ticket).ticket
    released = desk.service.release(desk.anna, desk.ticket, claimed.version)
    assert (released.assignee_id, released.version) == (None, 3)
    assert desk.service.claim(desk.ben, desk.ticket).won


def test_the_assignee_hands_over_to_a_named_colleague(database: Database, desk: Desk) -> None:
    claimed = desk.service.claim(desk.anna, desk.ticket).ticket
    handed = desk.service.hand_over(desk.anna, desk.ticket, claimed.version, desk.ids["ben"])
    assert (handed.assignee_id, handed.assignee_name) == (desk.ids["ben"], BEN)
    assert _ticket(database, desk.ticket)[1] == desk.ids["ben"]


def test_a_hand_over_goes_only_to_an_active_colleague(database: Database, desk: Desk) -> None:
    with database.transaction() as s:
        ida, _ = provision_agent(s, username="ida", display_name="Ida", role=Role.ADMIN,
                                 passphrase="ida-test-passphrase", kdf=FAST_KDF)  # fmt: skip
        ida_id = ida.id
    version = desk.service.claim(desk.anna, desk.ticket).ticket.version
    change_agent(database, desk.ids["ben"], "disabled")
    audited = _audit_count(database)
    for target in (desk.ids["ben"], ida_id, 999_999):  # disabled, an admin, nobody
        with pytest.raises(InvalidInput) as err:
            desk.service.hand_over(desk.anna, desk.ticket, version, target)
        assert err.value.field == "to_agent"
    with pytest.raises(InvalidInput, match="already assigned to Anna"):
        desk.service.hand_over(desk.anna, desk.ticket, version, desk.ids["anna"])
    assert _ticket(database, desk.ticket)[1:3] == (desk.ids["anna"], version)
    assert _audit_count(database) == audited
    assert [c.display_name for c in desk.service.colleagues(desk.anna)] == ["Anna", "Lea"]


def test_an_agent_cannot_reassign_another_agents_ticket(database: Database, desk: Desk) -> None:
    version = desk.service.claim(desk.anna, desk.ticket).ticket.version
    audited = _audit_count(database)
    with pytest.raises(PermissionDenied, match="Only a lead can reassign"):
        desk.service.reassign(desk.ben, desk.ticket, version, desk.ids["ben"], "Ich mach das")
    with pytest.raises(PermissionDenied, match="Only the agent who has this ticket"):
        desk.service.hand_over(desk.ben, desk.ticket, version, desk.ids["ben"])
    with pytest.raises(PermissionDenied, match="Only the agent who has this ticket"):
        desk.service.release(desk.ben, desk.ticket, version)
    with pytest.raises(PermissionDenied, match="Claim it first"):
        desk.service.change_state(desk.ben, desk.ticket, version, S.CLOSED)
    assert desk.service.claim(desk.ben, desk.ticket).outcome == ClaimOutcome.TAKEN
    assert _ticket(database, desk.ticket)[:3] == (S.NEW, desk.ids["anna"], version)
    assert _audit_count(database) == audited


def test_a_lead_reassigns_with_a_reason(database: Database, desk: Desk) -> None:
    version = desk.service.claim(desk.anna, desk.ticket).ticket.version
    for bad, field in (("   ", "reason"), ("Urlaub \u202eguadlrU", "reason")):
        with pytest.raises(InvalidInput) as err:
            desk.service.reassign(desk.lea, desk.ticket, version, desk.ids["ben"], bad)
        assert err.value.field == field
    with pytest.raises(InvalidInput, match="1000"):
        desk.service.reassign(desk.lea, desk.ticket, version, desk.ids["ben"], "x" * 1001)
    moved = desk.service.reassign(
        desk.lea, desk.ticket, version, desk.ids["ben"], "  Anna ist krank.\r\nBis Montag.  "
    )
    assert (moved.assignee_id, moved.version) == (desk.ids["ben"], version + 1)
    action, signer, details = _ticket_entries(database)[-1]
    assert (action, signer) == ("ticket_reassigned", desk.ids["lea"])
    assert details["reason"] == "Anna ist krank.\nBis Montag."
    assert (details["from_agent_id"], details["to_agent_id"]) == (desk.ids["anna"], desk.ids["ben"])
    # an unassigned ticket can be given to someone too; the lead may take it herself
    other = _add_ticket(database, _ticket_customer(database, desk.ticket), 1235)
    mine = desk.service.reassign(desk.lea, other, 1, desk.ids["lea"], "Eskalation")
    assert mine.assignee_name == "Lea"


def _ticket_customer(db: Database, ticket_id: int) -> int:
    with db.read() as s:
        customer = s.scalar(select(Ticket.customer_id).where(Ticket.id == ticket_id))
        assert customer is not None
        return customer


def test_a_lead_demoted_a_minute_ago_cannot_reassign(database: Database, desk: Desk) -> None:
    version = desk.service.claim(desk.anna, desk.ticket).ticket.version
    assert desk.lea.principal.is_lead  # the login snapshot …
    change_agent(database, desk.ids["lea"], "demoted")
    audited = _audit_count(database)
    with pytest.raises(PermissionDenied, match="Only a lead"):  # … counts for nothing
        desk.service.reassign(desk.lea, desk.ticket, version, desk.ids["ben"], "Umverteilung")
    assert _ticket(database, desk.ticket)[1:3] == (desk.ids["anna"], version)
    assert _audit_count(database) == audited


def test_a_stale_version_is_refused(database: Database, desk: Desk) -> None:
    seen = desk.service.status(desk.lea, desk.ticket)  # the lead sees it unassigned (v1)
    mine = desk.service.claim(desk.anna, desk.ticket).ticket  # anna claims it meanwhile
    with pytest.raises(StaleEdit, match="Someone else changed this ticket"):
        desk.service.reassign(desk.lea, desk.ticket, seen.version, desk.ids["ben"], "Team B")
    opened = desk.service.change_state(desk.anna, desk.ticket, mine.version, S.OPEN)
    with pytest.raises(StaleEdit):  # a second window of anna's, still on the old version
        desk.service.change_state(desk.anna, desk.ticket, mine.version, S.PENDING_CUSTOMER)
    with pytest.raises(StaleEdit):
        desk.service.hand_over(desk.anna, desk.ticket, mine.version, desk.ids["ben"])
    with pytest.raises(StaleEdit):
        desk.service.release(desk.anna, desk.ticket, mine.version)
    assert _ticket(database, desk.ticket)[:3] == (S.OPEN, desk.ids["anna"], opened.version)


# --- T-2: states ------------------------------------------------------------------------------


def test_the_transition_table_is_t2() -> None:
    assert dict(TRANSITIONS) == {
        S.NEW: {S.OPEN, S.PENDING_CUSTOMER, S.CLOSED},
        S.OPEN: {S.PENDING_CUSTOMER, S.CLOSED},
        S.PENDING_CUSTOMER: {S.OPEN, S.CLOSED},
        S.CLOSED: set(),  # only a customer message reopens it
    }


def test_every_state_change_follows_the_table(database: Database, desk: Desk) -> None:
    for old, new in itertools.product(S, S):
        if old == S.CLOSED or old == new:
            continue  # closed: the next test; the same state again changes nothing
        _set(database, desk.ticket, state=old, assignee_id=desk.ids["anna"], version=10,
             closed_at=None)  # fmt: skip
        if new in TRANSITIONS[old]:
            done = desk.service.change_state(desk.anna, desk.ticket, 10, new)
            assert (done.state, done.version) == (new, 11), (old, new)
            assert (done.closed_at is not None) == (new == S.CLOSED)
        else:
            with pytest.raises(InvalidInput) as err:
                desk.service.change_state(desk.anna, desk.ticket, 10, new)
            assert err.value.field == "state", (old, new)
            assert _ticket(database, desk.ticket)[:3] == (old, desk.ids["anna"], 10)
    _set(database, desk.ticket, state=S.OPEN, version=10)
    audited = _audit_count(database)
    same = desk.service.change_state(desk.anna, desk.ticket, 10, "open")
    assert (same.state, same.version, _audit_count(database)) == ("open", 10, audited)


def test_a_lead_may_change_any_tickets_state(database: Database, desk: Desk) -> None:
    version = desk.service.claim(desk.anna, desk.ticket).ticket.version
    pending = desk.service.change_state(desk.lea, desk.ticket, version, S.PENDING_CUSTOMER)
    assert (pending.state, pending.assignee_id) == ("pending_customer", desk.ids["anna"])


def test_a_closed_ticket_is_read_only(database: Database, desk: Desk) -> None:
    version = desk.service.claim(desk.anna, desk.ticket).ticket.version
    closed = desk.service.change_state(desk.anna, desk.ticket, version, S.CLOSED)
    assert closed.closed and closed.closed_at is not None
    assert closed.assignee_id == desk.ids["anna"]  # the archive still says who worked it
    v = closed.version
    audited = _audit_count(database)
    refused = {
        "claim": lambda: desk.service.claim(desk.ben, desk.ticket),
        "release": lambda: desk.service.release(desk.anna, desk.ticket, v),
        "hand over": lambda: desk.service.hand_over(desk.anna, desk.ticket, v, desk.ids["ben"]),
        "reassign": lambda: desk.service.reassign(desk.lea, desk.ticket, v, desk.ids["ben"], "x"),
        "reopen": lambda: desk.service.change_state(desk.anna, desk.ticket, v, S.OPEN),
        "pending": lambda: desk.service.change_state(desk.lea, desk.ticket, v, S.PENDING_CUSTOMER),
        "close again": lambda: desk.service.change_state(desk.anna, desk.ticket, v, S.CLOSED),
    }
    for what, call in refused.items():
        with pytest.raises(TicketClosed, match="closed and in the archive"):
            call()
        assert _ticket(database, desk.ticket)[:3] == (S.CLOSED, desk.ids["anna"], v), what
    assert _audit_count(database) == audited
    # the guard a reply or an internal note goes through before it is written
    with database.read() as s:
        ticket = s.get(Ticket, desk.ticket)
        assert ticket is not None
        with pytest.raises(TicketClosed):
            refuse_if_closed(ticket)
    assert desk.service.status(desk.ben, desk.ticket).closed  # still readable


def test_a_customer_message_reopens_the_ticket(database: Database, desk: Desk) -> None:
    version = desk.service.claim(desk.anna, desk.ticket).ticket.version
    closed = desk.service.change_state(desk.anna, desk.ticket, version, S.CLOSED)
    with database.transaction() as s:
        assert reopen_by_customer(s, desk.ticket) == S.OPEN
    state, assignee, new_version, closed_at = _ticket(database, desk.ticket)
    assert (state, assignee, closed_at) == (S.OPEN, desk.ids["anna"], None)
    assert new_version == closed.version + 1  # a change based on "closed" is stale now
    with database.transaction() as s:
        assert reopen_by_customer(s, desk.ticket) is None  # open stays open
    pending = desk.service.change_state(desk.anna, desk.ticket, new_version, S.PENDING_CUSTOMER)
    change_agent(database, desk.ids["anna"], "disabled")
    with database.transaction() as s:  # the customer answered; anna has left meanwhile
        assert reopen_by_customer(s, desk.ticket) == S.OPEN
    assert _ticket(database, desk.ticket)[:3] == (S.OPEN, None, pending.version + 1)
    with database.transaction() as s, pytest.raises(NotFound):
        reopen_by_customer(s, 999_999)


# --- C7: the audit trail ------------------------------------------------------------------------


def test_every_action_is_audited_by_who_did_it(database: Database, desk: Desk) -> None:
    svc, t, ids = desk.service, desk.ticket, desk.ids
    v = svc.claim(desk.anna, t).ticket.version
    v = svc.change_state(desk.anna, t, v, S.OPEN).version
    v = svc.change_state(desk.anna, t, v, S.PENDING_CUSTOMER).version
    v = svc.hand_over(desk.anna, t, v, ids["ben"]).version
    v = svc.reassign(desk.lea, t, v, ids["anna"], "Zurück an Anna").version
    v = svc.release(desk.anna, t, v).version
    v = svc.claim(desk.ben, t).ticket.version
    svc.change_state(desk.ben, t, v, S.CLOSED)
    entries = _ticket_entries(database)
    assert [(action, signer) for action, signer, _ in entries] == [
        ("ticket_claimed", ids["anna"]),
        ("ticket_state_changed", ids["anna"]),
        ("ticket_state_changed", ids["anna"]),
        ("ticket_handed_over", ids["anna"]),
        ("ticket_reassigned", ids["lea"]),
        ("ticket_released", ids["anna"]),
        ("ticket_claimed", ids["ben"]),
        ("ticket_closed", ids["ben"]),
    ]
    assert all(details["ticket"] == "#KCP-00012340" for _, _, details in entries)
    assert entries[2][2]["from_state"] == "open"
    assert entries[2][2]["to_state"] == "pending_customer"
    assert entries[4][2]["reason"] == "Zurück an Anna"
    assert entries[7][2]["state"] == "closed"
    result = audit.verify(database)
    assert result.ok, result.reason
