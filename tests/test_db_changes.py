"""Live updates, the database side (SPEC §1, C4 T-7; issue 10), on SQLite and PostgreSQL:
a commit by another desk reaches the feed within 2 s; a dropped listener reconnects and
asks for a full refresh; stop() is quick and leaves nothing behind."""

from __future__ import annotations

import datetime as dt
import os
import queue
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import make_url, text

from kcp_desk import db_changes
from kcp_desk.db import Database, alembic_config
from kcp_desk.db_changes import APPLICATION_NAME, ChangeFeed
from kcp_desk.models.customers import Customer, CustomerKind, PaymentMethod
from kcp_desk.models.tickets import Ticket
from kcp_desk.services.auth import AuthService
from kcp_desk.services.live import LiveChanges
from kcp_desk.services.tickets import ClaimOutcome, TicketAssignment
from tests.conftest import PASSPHRASES

#: the promise of SPEC §1
PROMISE_S = 2.0
#: how long a test waits before it calls a missing callback a failure
PATIENCE_S = 10.0
#: the latencies measured, for the report (`pytest -s` prints them)
LATENCIES: dict[str, list[float]] = {}


class Calls:
    """The feed's callbacks, with the time each one arrived, and the thread."""

    def __init__(self) -> None:
        self.queue: queue.Queue[tuple[bool, float, str]] = queue.Queue()

    def __call__(self, full: bool) -> None:
        self.queue.put((full, time.monotonic(), threading.current_thread().name))

    def next(self, timeout: float = PATIENCE_S) -> tuple[bool, float, str]:
        try:
            return self.queue.get(timeout=timeout)
        except queue.Empty:
            pytest.fail(f"no change reported within {timeout} s")

    def wait_for(self, full: bool, timeout: float = PATIENCE_S) -> float:
        """Skip calls until one with ``full``; its arrival time."""
        deadline = time.monotonic() + timeout
        while True:
            got, at, _ = self.next(max(0.0, deadline - time.monotonic()))
            if got is full:
                return at

    def drain(self, quiet_s: float) -> list[bool]:
        """Every call until none came for ``quiet_s``."""
        calls = []
        while True:
            try:
                calls.append(self.queue.get(timeout=quiet_s)[0])
            except queue.Empty:
                return calls


@pytest.fixture
def other_desk(database: Database) -> Iterator[Database]:
    """A second desk on the same database (its own engine, pool and connections)."""
    desk = Database(database.url)
    yield desk
    desk.dispose()


@pytest.fixture
def calls() -> Calls:
    return Calls()


@pytest.fixture
def feed(database: Database, calls: Calls) -> Iterator[ChangeFeed]:
    """A started feed on ``database``, watching before the test writes."""
    feed = ChangeFeed(database, calls)
    feed.start()
    assert feed.wait_watching(PATIENCE_S)
    yield feed
    feed.stop()
    assert not feed.active


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


def _add_ticket(db: Database, customer_id: int, number: int = 1234) -> tuple[int, float]:
    """A new ticket; (its id, when its transaction began: PostgreSQL's notification
    may well be there before the commit has returned)."""
    began = time.monotonic()
    with db.transaction() as s:
        ticket = Ticket(customer_id=customer_id, number=number, subject="Server down")
        s.add(ticket)
        s.flush()
        ticket_id = ticket.id
    return ticket_id, began


def _latency(database: Database, began: float, arrived: float, what: str) -> float:
    seconds = arrived - began
    LATENCIES.setdefault(f"{database.dialect} {what}", []).append(seconds)
    print(f"\nlive latency {database.dialect} {what}: {seconds * 1000:.1f} ms")
    return seconds


# --- a commit by another desk ----------------------------------------------------------------


def test_a_commit_by_another_desk_arrives_within_two_seconds(
    database: Database, other_desk: Database, feed: ChangeFeed, calls: Calls
) -> None:
    customer = _add_customer(other_desk)
    calls.drain(0.7)  # a customer is no ticket: PostgreSQL stays silent, SQLite not
    for number in (1001, 1002, 1003):
        _, began = _add_ticket(other_desk, customer, number)
        full, arrived, thread = calls.next()
        assert full is False
        assert thread == "kcp-desk live"
        assert _latency(database, began, arrived, "other desk") < PROMISE_S
        calls.drain(0.6)


def test_a_claim_through_the_service_is_reported(
    database: Database, agents: dict[str, int], other_desk: Database, calls: Calls
) -> None:
    """Desk A (the desk role on PostgreSQL, which owns nothing: the trigger of migration
    0007 must not stand in its way) claims; desk B's feed hears of it."""
    ticket, _ = _add_ticket(database, _add_customer(database))
    anna = AuthService(database).login("anna", PASSPHRASES["anna"]).session
    feed = ChangeFeed(other_desk, calls)
    feed.start()
    try:
        assert feed.wait_watching(PATIENCE_S)
        began = time.monotonic()
        assert TicketAssignment(database).claim(anna, ticket).outcome is ClaimOutcome.CLAIMED
        full, arrived, _ = calls.next()
        assert full is False
        assert _latency(database, began, arrived, "claim") < PROMISE_S
    finally:
        feed.stop()


def test_nothing_is_reported_without_a_commit(
    database: Database, other_desk: Database, feed: ChangeFeed, calls: Calls
) -> None:
    customer = _add_customer(other_desk)
    calls.drain(0.7)
    with other_desk.read() as s:
        s.execute(text("SELECT count(*) FROM tickets")).scalar()
    with pytest.raises(RuntimeError), other_desk.transaction() as s:
        s.add(Ticket(customer_id=customer, number=1005, subject="rolled back"))
        s.flush()
        raise RuntimeError("the action failed")
    assert calls.drain(1.2) == []


def test_the_live_service_hands_out_feeds(database: Database, calls: Calls) -> None:
    feed = LiveChanges(database).feed(calls)
    feed.start()
    try:
        assert isinstance(feed, ChangeFeed) and feed.wait_watching(PATIENCE_S)
        _, began = _add_ticket(database, _add_customer(database))
        _, arrived, _ = calls.next()
        assert arrived - began < PROMISE_S
    finally:
        feed.stop()


# --- the listener drops -----------------------------------------------------------------------


def _listener_pids(owner: Database) -> list[int]:
    with owner.engine.connect() as conn:
        return list(
            conn.execute(
                text(
                    "SELECT pid FROM pg_stat_activity WHERE application_name = :name "
                    "AND datname = current_database()"
                ),
                {"name": APPLICATION_NAME},
            ).scalars()
        )


def test_a_dropped_listener_reconnects_and_asks_for_a_full_refresh(
    database: Database,
    owner_database: Database,
    other_desk: Database,
    feed: ChangeFeed,
    calls: Calls,
) -> None:
    if database.dialect != "postgresql":
        pytest.skip("PostgreSQL's listening connection")
    customer = _add_customer(other_desk)
    (pid,) = _listener_pids(owner_database)
    with owner_database.engine.connect() as conn:
        assert conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
    dropped = time.monotonic()
    back = calls.wait_for(True)
    print(f"\nlive reconnect after pg_terminate_backend: {(back - dropped) * 1000:.0f} ms")
    assert back - dropped < 5.0
    (new_pid,) = _listener_pids(owner_database)
    assert new_pid != pid
    _, began = _add_ticket(other_desk, customer)  # and it listens again
    full, arrived, _ = calls.next()
    assert full is False and arrived - began < PROMISE_S


def test_a_listener_that_cannot_connect_keeps_trying(
    database: Database, calls: Calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server that is not there yet (or a wrong port): quiet retries, then a full
    refresh once it works; stop() ends the retrying at once."""
    if database.dialect != "postgresql":
        pytest.skip("PostgreSQL's listening connection")
    monkeypatch.setattr(db_changes, "FIRST_RETRY_S", 0.1)
    wrong = make_url(database.url).set(port=1).render_as_string(False)
    dead = Database(wrong)
    try:
        feed = ChangeFeed(dead, calls)
        feed.start()
        assert not feed.wait_watching(1.0)
        started = time.monotonic()
        feed.stop()
        assert time.monotonic() - started < 1.5 and not feed.active
        assert calls.drain(0.2) == []
    finally:
        dead.dispose()


def test_a_sqlite_file_that_went_away_and_came_back_means_a_full_refresh(
    database: Database, other_desk: Database, feed: ChangeFeed, calls: Calls, tmp_path: Path
) -> None:
    if database.dialect != "sqlite":
        pytest.skip("a SQLite file")
    path = Path(make_url(database.url).database or "")
    aside = tmp_path / "aside.sqlite3"
    os.rename(path, aside)
    time.sleep(1.2)  # the feed notices and retries, quietly
    assert calls.drain(0.1) == []
    os.rename(aside, path)
    assert calls.wait_for(True) > 0
    _, began = _add_ticket(other_desk, _add_customer(other_desk))
    assert calls.wait_for(False) - began < PROMISE_S


# --- stopping ---------------------------------------------------------------------------------


def test_stop_is_quick_and_leaves_no_thread(database: Database, calls: Calls) -> None:
    feed = ChangeFeed(database, calls)
    feed.stop()  # before start: nothing to do, and the feed stays stopped
    feed.start()
    assert not feed.active
    for _ in range(2):
        feed = ChangeFeed(database, calls)
        feed.start()
        assert feed.wait_watching(PATIENCE_S) and feed.active
        started = time.monotonic()
        feed.stop()
        assert time.monotonic() - started < 1.5
        assert not feed.active
        feed.stop()  # idempotent
    assert not [t for t in threading.enumerate() if t.name == "kcp-desk live"]
    _add_ticket(database, _add_customer(database))
    assert calls.drain(0.8) == []  # no call after stop()


def test_an_in_memory_database_has_no_feed(calls: Calls) -> None:
    memory = Database("sqlite://")
    try:
        feed = ChangeFeed(memory, calls)
        feed.start()
        assert not feed.active
        feed.stop()
    finally:
        memory.dispose()


def test_a_failing_handler_does_not_stop_the_feed(
    database: Database, other_desk: Database, calls: Calls
) -> None:
    failures = 0

    def handler(full: bool) -> None:
        nonlocal failures
        if failures == 0:
            failures += 1
            raise ValueError("a bug in the view")
        calls(full)

    feed = ChangeFeed(database, handler)
    feed.start()
    try:
        assert feed.wait_watching(PATIENCE_S)
        customer = _add_customer(other_desk)
        time.sleep(0.7)
        _add_ticket(other_desk, customer, 1001)
        deadline = time.monotonic() + PATIENCE_S
        while failures == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        calls.drain(0.7)
        _, began = _add_ticket(other_desk, customer, 1002)
        assert calls.wait_for(False) - began < PROMISE_S
        assert feed.active
    finally:
        feed.stop()


# --- migration 0007 ---------------------------------------------------------------------------


def _notify_triggers(db: Database) -> set[str]:
    if db.dialect != "postgresql":
        return set()
    with db.engine.connect() as conn:
        return set(
            conn.execute(
                text("SELECT tgname FROM pg_trigger WHERE tgname LIKE '%\\_notify\\_change'")
            ).scalars()
        )


def test_migration_0007_goes_down_and_up_again(owner_database: Database) -> None:
    expected = (
        {"tickets_notify_change", "ticket_messages_notify_change", "support_orders_notify_change"}
        if owner_database.dialect == "postgresql"
        else set()
    )
    assert _notify_triggers(owner_database) == expected
    cfg = alembic_config(owner_database.url)
    for target, triggers in (("0006", set()), ("head", expected)):
        with owner_database.engine.begin() as connection:
            cfg.attributes["connection"] = connection
            if target == "head":
                command.upgrade(cfg, target)
            else:
                command.downgrade(cfg, target)
        assert _notify_triggers(owner_database) == triggers
