"""The ticket queues (SPEC C4 T-3, issue 10) on SQLite and PostgreSQL: who sees which
tickets, every column sorts both ways with keyset pages that give each row once, the
filters, the jump to a row, lead-only refusals, and the plans use migration 0006."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, select

from kcp_desk.db import Database
from kcp_desk.domain.sla import current_due, overdue_first_key
from kcp_desk.errors import InvalidInput, PermissionDenied
from kcp_desk.models.customers import Customer, CustomerKind, PaymentMethod
from kcp_desk.models.tickets import Ticket, TicketPriority, TicketState
from kcp_desk.services.auth import AuthService
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.tickets import Queue, QueueFilters, SortKey, TicketQueues
from tests.conftest import PASSPHRASES

NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)
SUBJECTS = ["Server down", "Mail 100% voll", "DNS_Eintrag", "Rechnung", "server langsam"]


def _login(db: Database, name: str) -> AgentSession:
    return AuthService(db).login(name, PASSPHRASES[name]).session


@pytest.fixture
def tickets(database: Database, agents: dict[str, int]) -> dict[int, Ticket]:
    """60 random tickets of three customers; id -> a detached copy of each."""
    rng = random.Random(10)
    out: dict[int, Ticket] = {}
    with database.transaction() as s:
        customers = []
        for i, (first, last) in enumerate([("Erika", "Muster"), ("Jürgen", "Zabel"), ("A", "B")]):
            c = Customer(
                number=1000000 + 7 * i, kind=CustomerKind.PERSON, first_name=first,
                last_name=last, email=f"c{i}@example.de", customer_since=dt.date(2020, 1, 1),
                preferred_payment_method=PaymentMethod.BANK_TRANSFER, search_folded="",
            )  # fmt: skip
            s.add(c)
            customers.append(c)
        s.flush()
        for n in range(60):
            created = NOW - dt.timedelta(hours=rng.randrange(1, 500))
            if n % 10 == 0:
                created = NOW - dt.timedelta(hours=100)  # ties: the id decides
            state = rng.choice(list(TicketState))
            due = created + dt.timedelta(hours=rng.randrange(1, 300))
            answered = rng.random() < 0.4
            t = Ticket(
                customer_id=rng.choice(customers).id,
                number=5000 + rng.randrange(0, 10_000) * 61 + n,
                subject=rng.choice(SUBJECTS),
                state=state,
                priority=rng.choice(list(TicketPriority)),
                assignee_id=rng.choice([None, agents["anna"], agents["lea"]]),
                created_at=created,
                first_response_due=due if rng.random() < 0.8 else None,
                first_responded_at=created + dt.timedelta(minutes=5) if answered else None,
                resolution_due=due + dt.timedelta(hours=24) if rng.random() < 0.8 else None,
                closed_at=NOW if state == TicketState.CLOSED else None,
            )
            s.add(t)
        s.flush()
        for t in s.scalars(select(Ticket)):
            s.expunge(t)
            out[t.id] = t
    return out


@pytest.fixture
def queues(database: Database) -> TicketQueues:
    return TicketQueues(database, clock=lambda: NOW)


def _all_ids(
    queues: TicketQueues, who: AgentSession, queue: Queue, limit: int = 7, **kw: object
) -> list[int]:
    ids: list[int] = []
    after = None
    while True:
        page = queues.page(who, queue, after=after, limit=limit, **kw)  # type: ignore[arg-type]
        ids.extend(r.ticket_id for r in page.rows)
        if page.next_cursor is None:
            return ids
        after = page.next_cursor


def _open(t: Ticket) -> bool:
    return t.state != TicketState.CLOSED


def test_each_queue_holds_its_tickets(
    database: Database, agents: dict[str, int], tickets: dict[int, Ticket], queues: TicketQueues
) -> None:
    anna, lea = _login(database, "anna"), _login(database, "lea")
    members = {
        Queue.MINE: {i for i, t in tickets.items() if _open(t) and t.assignee_id == agents["anna"]},
        Queue.UNASSIGNED: {i for i, t in tickets.items() if _open(t) and t.assignee_id is None},
        Queue.TEAM: {i for i, t in tickets.items() if _open(t)},
        Queue.ARCHIVE: {i for i, t in tickets.items() if not _open(t)},
    }
    for queue, expected in members.items():
        who = lea if queue == Queue.TEAM else anna
        ids = _all_ids(queues, who, queue)
        assert len(ids) == len(set(ids))
        assert set(ids) == expected, queue
        assert queues.count(who, queue) == len(expected)
    customer = next(iter(tickets.values())).customer_id
    filters = QueueFilters(customer_id=customer)
    expected = {i for i, t in tickets.items() if t.customer_id == customer}
    assert set(_all_ids(queues, anna, Queue.CUSTOMER, filters=filters)) == expected
    assert queues.count(anna, Queue.CUSTOMER, filters) == len(expected)
    with pytest.raises(InvalidInput):
        queues.page(anna, Queue.CUSTOMER)


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", list(SortKey))
def test_keyset_pages_give_the_whole_order_once(
    database: Database,
    tickets: dict[int, Ticket],
    queues: TicketQueues,
    sort: SortKey,
    descending: bool,
) -> None:
    lea = _login(database, "lea")
    whole = queues.page(lea, Queue.TEAM, sort=sort, descending=descending, limit=500)
    assert whole.next_cursor is None
    expected = [r.ticket_id for r in whole.rows]
    assert set(expected) == {i for i, t in tickets.items() if _open(t)}
    for limit in (1, 4, 9):
        got = _all_ids(queues, lea, Queue.TEAM, limit=limit, sort=sort, descending=descending)
        assert got == expected
    rows = whole.rows
    keys = {
        SortKey.REFERENCE: lambda r: r.ref,
        SortKey.CUSTOMER: lambda r: r.customer_number[:-1],
        SortKey.PRIORITY: lambda r: list(TicketPriority).index(TicketPriority(r.priority)),
        SortKey.AGE: lambda r: r.created_at,
        SortKey.SLA_DUE: lambda r: overdue_first_key(r.sla_due, NOW),
        SortKey.STATE: lambda r: r.state,
    }
    if sort in keys:
        values = [keys[sort](r) for r in rows]
        assert values == sorted(values, reverse=descending)


def test_overdue_first_by_default_with_the_running_clock(
    database: Database, agents: dict[str, int], tickets: dict[int, Ticket], queues: TicketQueues
) -> None:
    anna = _login(database, "anna")
    rows = queues.page(anna, Queue.MINE, limit=500).rows
    assert rows
    for r in rows:
        t = tickets[r.ticket_id]
        due = current_due(t.first_response_due, t.first_responded_at, t.resolution_due, False)
        assert r.sla_due == due
        assert r.overdue == (due is not None and due < NOW)
        assert r.assignee_name == "Anna"
    keys = [overdue_first_key(r.sla_due, NOW) for r in rows]
    assert keys == sorted(keys)
    assert rows[0].ref.startswith("#KCP-")


def test_filters(
    database: Database, agents: dict[str, int], tickets: dict[int, Ticket], queues: TicketQueues
) -> None:
    lea = _login(database, "lea")
    open_ = {i: t for i, t in tickets.items() if _open(t)}
    cases = [
        (QueueFilters(states=frozenset({"open", "new"})),
         lambda t: t.state in (TicketState.OPEN, TicketState.NEW)),
        (QueueFilters(priorities=frozenset({"urgent"})),
         lambda t: t.priority == TicketPriority.URGENT),
        (QueueFilters(assignee_id=agents["anna"]), lambda t: t.assignee_id == agents["anna"]),
        (QueueFilters(text="SERVER"), lambda t: "server" in t.subject.lower()),
        (QueueFilters(text="100%"), lambda t: "100%" in t.subject),
        (QueueFilters(text="r_d"), lambda t: False),  # "_" is no wildcard ("Server down")
        (QueueFilters(text="dns_"), lambda t: t.subject == "DNS_Eintrag"),
    ]  # fmt: skip
    for filters, wanted in cases:
        expected = {i for i, t in open_.items() if wanted(t)}
        assert set(_all_ids(queues, lea, Queue.TEAM, filters=filters)) == expected, filters
        assert queues.count(lea, Queue.TEAM, filters) == len(expected)


@pytest.mark.parametrize("sort", list(SortKey))
@pytest.mark.parametrize("descending", [False, True])
def test_the_row_map_is_the_paging_order_and_rows_come_in_its_order(
    database: Database,
    tickets: dict[int, Ticket],
    queues: TicketQueues,
    sort: SortKey,
    descending: bool,
) -> None:
    lea = _login(database, "lea")
    kw = {"sort": sort, "descending": descending}
    everything = _all_ids(queues, lea, Queue.TEAM, limit=500, **kw)
    assert list(queues.ids(lea, Queue.TEAM, **kw)) == everything  # type: ignore[arg-type]
    for row in (0, 1, 5, len(everything) - 2):
        window = everything[row : row + 4]
        assert [r.ticket_id for r in queues.rows(lea, window, sort=sort)] == window
    assert queues.rows(lea, [everything[3], 10**9, everything[0]]) == tuple(
        queues.rows(lea, [everything[3], everything[0]])
    )
    assert queues.rows(lea, []) == ()


def test_team_and_workload_are_for_leads(
    database: Database, agents: dict[str, int], tickets: dict[int, Ticket], queues: TicketQueues
) -> None:
    anna = _login(database, "anna")
    with pytest.raises(PermissionDenied, match="lead"):
        queues.page(anna, Queue.TEAM)
    with pytest.raises(PermissionDenied, match="lead"):
        queues.count(anna, Queue.TEAM)
    with pytest.raises(PermissionDenied, match="lead"):
        queues.workload(anna)


def test_workload(
    database: Database, agents: dict[str, int], tickets: dict[int, Ticket], queues: TicketQueues
) -> None:
    loads = {load.display_name: load for load in queues.workload(_login(database, "lea"))}
    assert set(loads) == {"Anna", "Lea"}
    for name in ("anna", "lea"):
        mine = [t for t in tickets.values() if _open(t) and t.assignee_id == agents[name]]
        dues = [current_due(t.first_response_due, t.first_responded_at, t.resolution_due, False)
                for t in mine]  # fmt: skip
        load = loads[name.title()]
        assert load.agent_id == agents[name]
        assert load.open_tickets == len(mine)
        assert load.past_sla == sum(1 for d in dues if d is not None and d < NOW)
        assert load.oldest_waiting == min(t.created_at for t in mine)


# --- the plans ---------------------------------------------------------------------------


def _plan(
    database: Database, queues: TicketQueues, who: AgentSession, queue: Queue, **kw: object
) -> str:
    """The plan of the first page's statement, as the service builds it."""
    statements: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if "FROM tickets" in statement and "LIMIT" in statement:
            statements.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        queues.page(who, queue, **kw)  # type: ignore[arg-type]
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
    (statement, parameters), *_ = statements
    with database.engine.begin() as conn:
        if database.dialect == "postgresql":
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            conn.exec_driver_sql("SET LOCAL enable_sort = off")
            rows = conn.exec_driver_sql(f"EXPLAIN {statement}", parameters).all()  # type: ignore[arg-type]
            return "\n".join(str(r[0]) for r in rows)
        rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()  # type: ignore[arg-type]
        return "\n".join(str(r[-1]) for r in rows)


@pytest.mark.parametrize(
    ("queue", "index"),
    [
        (Queue.UNASSIGNED, "ix_tickets_open_assignee_created"),
        (Queue.TEAM, "ix_tickets_open_created"),
        (Queue.ARCHIVE, "ix_tickets_closed_created"),
        (Queue.MINE, "ix_tickets_mine_due"),  # overdue first, read from the index (0009)
    ],
)
def test_the_queues_use_their_index(
    database: Database, tickets: dict[int, Ticket], queues: TicketQueues, queue: Queue, index: str
) -> None:
    who = _login(database, "lea")
    plan = _plan(database, queues, who, queue)
    if database.dialect == "sqlite" and queue == Queue.ARCHIVE:
        index = "ix_tickets_state_created (state=?)"  # ends in the rowid = id there
    if queue == Queue.UNASSIGNED and "ix_tickets_unassigned_created" in plan:
        index = "ix_tickets_unassigned_created"  # its own (0009); either is in its order
    assert index in plan, plan
    if database.dialect == "sqlite":
        assert "SCAN tickets\n" not in plan + "\n" and "SCAN tickets (" not in plan
        assert "TEMP B-TREE" not in plan, plan
    else:
        assert "Sort" not in plan.replace("Incremental Sort", ""), plan
        assert "Seq Scan on tickets" not in plan, plan


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    text=st.one_of(
        st.text(max_size=60),
        st.sampled_from(["\x00", "Server\x00down", "\x1b[31m", "a\u202eb", "%", "_", "\\"]),
        st.just("x" * 10_000),
    )
)
def test_any_typed_filter_gets_an_answer(
    database: Database, tickets: dict[int, Ticket], queues: TicketQueues, text: str
) -> None:
    """NUL, escape sequences, 10,000 characters: the filter answers, never raises."""
    lea = _login(database, "lea")
    filters = QueueFilters(text=text)
    page = queues.page(lea, Queue.TEAM, filters=filters, limit=500)
    assert queues.count(lea, Queue.TEAM, filters) == len(page.rows)
    assert list(queues.ids(lea, Queue.TEAM, filters=filters)) == [r.ticket_id for r in page.rows]


@pytest.mark.parametrize(
    ("queue", "sort", "index"),
    [
        (Queue.ARCHIVE, SortKey.SUBJECT, "ix_tickets_closed_subject"),
        (Queue.ARCHIVE, SortKey.PRIORITY, "ix_tickets_closed_priority"),
        (Queue.TEAM, SortKey.SUBJECT, "ix_tickets_open_subject"),
        (Queue.TEAM, SortKey.PRIORITY, "ix_tickets_open_priority"),
        (Queue.TEAM, SortKey.STATE, "ix_tickets_open_state"),
        (Queue.UNASSIGNED, SortKey.SUBJECT, "ix_tickets_open_subject"),
        (Queue.TEAM, SortKey.SLA_DUE, "ix_tickets_open_due"),
        (Queue.MINE, SortKey.SLA_DUE, "ix_tickets_mine_due"),
        # SQLite takes IS NULL as the agent's key: either is in the order wanted
        (Queue.UNASSIGNED, SortKey.SLA_DUE, "ix_tickets_unassigned_due|ix_tickets_mine_due"),
    ],
)
def test_a_sort_change_reads_an_index_in_order(
    database: Database,
    owner_database: Database,
    tickets: dict[int, Ticket],
    queues: TicketQueues,
    queue: Queue,
    sort: SortKey,
    index: str,
) -> None:
    """Migration 0009: the first page of another order is an index walk, not a sort of
    the whole queue (with statistics, as the migration leaves them)."""
    _statistics_of_a_million(owner_database)
    database.dispose()  # pooled connections read the statistics when they open
    for descending in (False, True):
        plan = _plan(
            database, queues, _login(database, "lea"), queue, sort=sort, descending=descending
        )
        assert any(name in plan for name in index.split("|")), plan
        if database.dialect == "sqlite":
            assert "TEMP B-TREE" not in plan, plan
        else:
            assert "Sort" not in plan.replace("Incremental Sort", ""), plan


def _statistics_of_a_million(owner: Database) -> None:
    """ANALYZE, then on SQLite scale the statistics to a million tickets: with 60 rows a
    sort IS the cheaper plan, and SQLite's planner knows it. (PostgreSQL's test turns
    sorting off instead.)"""
    with owner.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE tickets")
        if owner.dialect != "sqlite":
            return
        scale = 20_000
        rows = conn.exec_driver_sql(
            "SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'tickets'"
        ).all()
        for idx, stat in rows:
            numbers = [int(n) if n.isdigit() else n for n in stat.split()]
            scaled = [n * scale if isinstance(n, int) and n > 1 else n for n in numbers]
            conn.exec_driver_sql(
                "UPDATE sqlite_stat1 SET stat = ? WHERE tbl = 'tickets' AND idx IS ?",
                (" ".join(map(str, scaled)), idx),
            )
        conn.exec_driver_sql("ANALYZE sqlite_schema")  # the planner reads them again
    owner.dispose()


@pytest.mark.parametrize("sort", [SortKey.STATE, SortKey.SLA_DUE])
def test_in_the_archive_state_and_due_time_sort_by_id(
    database: Database, tickets: dict[int, Ticket], queues: TicketQueues, sort: SortKey
) -> None:
    """Every archived ticket is closed and has no running clock: those orders are the id's."""
    lea = _login(database, "lea")
    ids = list(queues.ids(lea, Queue.ARCHIVE, sort=sort, descending=True))
    assert ids == sorted(ids, reverse=True)


def test_the_sort_expressions_are_the_migrations_index_expressions() -> None:
    import importlib

    from kcp_desk.services.tickets.queues import DUE_OPEN_SQL, PRIORITY_RANK_SQL

    migration = importlib.import_module("kcp_desk.migrations.versions.0009_ticket_sort_indexes")
    assert migration.PRIORITY_RANK_SQL == PRIORITY_RANK_SQL
    assert migration.DUE_OPEN_SQL == DUE_OPEN_SQL
