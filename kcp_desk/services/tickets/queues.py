"""The ticket queues (SPEC C4 T-3, issue 10): My tickets, Unassigned, Team, Archive and a
customer's Tickets tab, sorted and filtered in SQL, paged by keyset.

Paging
    :meth:`TicketQueues.page` continues behind a :class:`Cursor` (the last row's sort
    value and id): ``WHERE (sort, id) > (:key, :id) ORDER BY sort, id LIMIT :n``. The
    database walks the index from the cursor on, so page 10 000 costs what page 1 costs;
    there is never a deep ``OFFSET`` over full rows, and rows are built from selected
    columns (no ORM objects).

Jumping (:meth:`TicketQueues.ids` + :meth:`TicketQueues.rows`)
    A scroll model that knows the total opens with :meth:`count` and the first keyset
    page (rows painted at once), then reads the queue's row→id map, :meth:`ids`: only
    the ids in display order, streamed into an ``array('q')`` (8 MB for a million
    tickets). A jump to row ``r`` is then ``ids[r:r + n]`` and one :meth:`rows` call by
    primary key, whatever ``r`` is; a deep ``OFFSET`` would walk ``r`` entries on every
    jump (23–82 ms measured at the end of a million). The map is as of its snapshot; a
    live change reads it again (views/ticket_queue_model.py).

Counting
    :meth:`TicketQueues.count` is ``count(*)`` with the queue's predicate and filters on
    ``tickets`` alone, answered from the queue's partial index where there is no filter.

Indexes (migration 0006; all partial, so each queue's index holds only its tickets):
``ix_tickets_open_assignee_created (assignee_id, created_at, id) WHERE state <>
'closed'`` (My tickets, Team by agent, workload), ``ix_tickets_open_created (created_at,
id) WHERE state <> 'closed'`` (Team; Unassigned uses the first with ``assignee_id IS NULL``) and
``ix_tickets_closed_created
(created_at, id) WHERE state = 'closed'`` (Archive); a customer's tab uses
``ix_tickets_customer_created``. The queue predicates are written with literal
constants (``state <> 'closed'``), never bound parameters: neither SQLite nor a
PostgreSQL generic plan can prove a partial index's WHERE from a parameter.
The plans checked (``EXPLAIN QUERY PLAN`` on SQLite 3, ``EXPLAIN`` on PostgreSQL with
``enable_seqscan``/``enable_sort`` off on the small test data) are noted beside each
queue's predicate below and asserted by ``tests/services/test_ticket_queues.py``.

Sorting (a header click) by reference, subject, priority or state walks an index in
that order too (migration 0009: ``ix_tickets_{open,closed}_{subject,priority}``,
``ix_tickets_open_state``; the reference's unique index): SQLite ``SCAN tickets USING
INDEX ix_tickets_closed_subject``, PostgreSQL ``Index Scan using
ix_tickets_closed_subject`` (asserted with a million tickets' statistics). In the archive
state and due time are the same for every ticket and sort by id. Customer (the number
lives in ``customers``), assignee (the name lives in ``agents``) and the open queues'
due time (an expression of three columns) have no such index: those sort the queue's
matching rows in the database (``USE TEMP B-TREE FOR ORDER BY`` / ``Sort``), cheap for
a few thousand open tickets, seconds for a million.

Every entry point calls :func:`acting_agent` first in its read-only transaction; the
Team queue and the workload view are for leads only.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable, Sequence
from typing import Any, Final

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    case,
    func,
    literal,
    literal_column,
    select,
    true,
    tuple_,
    type_coerce,
)
from sqlalchemy.orm import Session

from kcp_desk.db import Database
from kcp_desk.domain.references import (
    MalformedReference,
    WrongCheckDigit,
    format_customer_number,
    format_ticket_ref,
    parse_ticket_ref,
)
from kcp_desk.domain.sla import is_overdue
from kcp_desk.domain.text_input import searchable, single_line
from kcp_desk.errors import (
    QT_TRANSLATE_NOOP,
    TICKET_CHECK_DIGIT,
    TICKET_MALFORMED,
    TICKET_UNKNOWN,
    InvalidInput,
    NotFound,
)
from kcp_desk.models.agents import Agent, Role
from kcp_desk.models.base import UTCDateTime, utcnow
from kcp_desk.models.customers import Customer
from kcp_desk.models.tickets import Ticket, TicketPriority, TicketState
from kcp_desk.services.access import CUSTOMER_ROLES, acting_agent
from kcp_desk.services.customers import display_name
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.tickets.queue_dto import (
    AgentLoad,
    Cursor,
    Queue,
    QueueFilters,
    QueuePage,
    QueueRow,
    SortKey,
)

__all__ = ["MAX_PAGE", "TicketQueues", "default_sort"]

MAX_PAGE: Final = 500
_SUBJECT_MAX: Final = 300  # the column's length
#: ids read per round trip by :meth:`TicketQueues.ids`
_ID_CHUNK: Final = 20_000

_LEADS_ONLY: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Only a lead can see the team's queue and workload."
)
_NO_CUSTOMER: Final = QT_TRANSLATE_NOOP("KcpError", "Choose a customer first.")

#: "no due time" sorts after every real one (a non-null key keeps the keyset simple)
_NEVER: Final = dt.datetime(9999, 12, 31, tzinfo=dt.UTC)

# --- the queue predicates, literal constants so that the partial indexes match -------

_CLOSED: ColumnElement[str] = literal_column("'closed'")
#: My tickets, overdue first: SQLite ``SEARCH tickets USING INDEX ix_tickets_mine_due
#: (assignee_id=?)``, PostgreSQL ``Index Scan using ix_tickets_mine_due … Index Cond:
#: (assignee_id = …)``, no sort (0009; before it, a sort of all the agent's tickets)
_NOT_CLOSED: ColumnElement[bool] = Ticket.state != _CLOSED
#: SQLite: ``SEARCH tickets USING INDEX ix_tickets_open_assignee_created (assignee_id=?)``
#: or ``SCAN tickets USING INDEX ix_tickets_unassigned_created``, no temp B-tree;
#: PostgreSQL: ``Index Scan using ix_tickets_unassigned_created`` (0009; before it, a
#: scan of Team's index filtered by ``assignee_id IS NULL``)
_UNASSIGNED: ColumnElement[bool] = and_(Ticket.assignee_id.is_(None), _NOT_CLOSED)
#: SQLite: ``SEARCH tickets USING INDEX ix_tickets_state_created (state=?)`` (its rowid
#: is the id: fully ordered, no temp B-tree); PostgreSQL: ``Index Scan Backward using
#: ix_tickets_closed_created`` (there the old index would need an Incremental Sort on id)
_ARCHIVED: ColumnElement[bool] = Ticket.state == _CLOSED

#: the due time of the clock that is running now (``sla.current_due``) in SQL
_DUE: ColumnElement[dt.datetime | None] = type_coerce(
    case(
        (Ticket.state == _CLOSED, None),
        (
            and_(Ticket.first_responded_at.is_(None), Ticket.first_response_due.is_not(None)),
            Ticket.first_response_due,
        ),
        else_=Ticket.resolution_due,
    ),
    UTCDateTime(),
)
#: low < normal < high < urgent, as literal SQL: the text of the expression indexes of
#: migration 0009, which the database matches only if the statement says the same
PRIORITY_RANK_SQL: Final = (
    "CASE priority "
    + " ".join(f"WHEN '{p.value}' THEN {rank}" for rank, p in enumerate(TicketPriority))
    + " END"
)
_PRIORITY_RANK: ColumnElement[int] = literal_column(PRIORITY_RANK_SQL, Integer())

_SORT: Final[dict[SortKey, ColumnElement[Any]]] = {
    SortKey.REFERENCE: Ticket.number.expression,
    SortKey.CUSTOMER: Customer.number.expression,
    SortKey.SUBJECT: Ticket.subject.expression,
    SortKey.STATE: Ticket.state.expression,
    SortKey.PRIORITY: _PRIORITY_RANK,
    SortKey.ASSIGNEE: func.coalesce(Agent.display_name, ""),
    SortKey.AGE: Ticket.created_at.expression,
    SortKey.SLA_DUE: func.coalesce(_DUE, literal(_NEVER, UTCDateTime()), type_=UTCDateTime()),
}
#: the sorts whose key is the same for every ticket of the archive (closed; no running
#: clock): there they sort by id, as its index does
_CONSTANT_IN_ARCHIVE: Final = frozenset({SortKey.STATE, SortKey.SLA_DUE})


#: the open queues' due-time order, as literal SQL per dialect: the text of the
#: expression indexes of migration 0009 (the running clock's due time, none last). A
#: literal, not a bound "never": an index on a parameter cannot exist.
DUE_OPEN_SQL: Final = {
    dialect: (
        "COALESCE(CASE WHEN first_responded_at IS NULL AND first_response_due IS NOT NULL "
        f"THEN first_response_due ELSE resolution_due END, {never})"
    )
    for dialect, never in (
        # SQLite keeps naive UTC text, as UTCDateTime writes it
        ("sqlite", "'9999-12-31 00:00:00.000000'"),
        ("postgresql", "'9999-12-31 00:00:00+00'::timestamptz"),
    )
}
_OPEN_QUEUES: Final = frozenset({Queue.MINE, Queue.UNASSIGNED, Queue.TEAM})


def _sort_expr(queue: Queue, key: SortKey, dialect: str) -> ColumnElement[Any]:
    if queue == Queue.ARCHIVE and key in _CONSTANT_IN_ARCHIVE:
        return Ticket.id.expression
    if queue in _OPEN_QUEUES and key == SortKey.SLA_DUE and dialect in DUE_OPEN_SQL:
        return literal_column(DUE_OPEN_SQL[dialect], UTCDateTime())
    return _SORT[key]


#: the sorts whose key lives in another table (the count and the seek join it then)
_NEEDS_CUSTOMER: Final = frozenset({SortKey.CUSTOMER})
_NEEDS_AGENT: Final = frozenset({SortKey.ASSIGNEE})


def default_sort(queue: Queue) -> tuple[SortKey, bool]:
    """(sort, descending) a queue opens with: My tickets overdue first, the archive
    newest first, the others oldest first."""
    if queue == Queue.MINE:
        return SortKey.SLA_DUE, False
    if queue in (Queue.ARCHIVE, Queue.CUSTOMER):
        return SortKey.AGE, True
    return SortKey.AGE, False


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class TicketQueues:
    """The T-3 queues and the lead's workload view; read only."""

    def __init__(self, db: Database, *, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self._db = db
        self._clock = clock

    @property
    def answers_locally(self) -> bool:
        """The embedded SQLite database answers a block of rows in a few milliseconds,
        so a view may read it before it paints; over the network it uses a worker."""
        return self._db.dialect == "sqlite"

    # --- entry points -------------------------------------------------------------------

    def page(
        self,
        session: AgentSession,
        queue: Queue | str,
        *,
        sort: SortKey | str | None = None,
        descending: bool | None = None,
        filters: QueueFilters | None = None,
        after: Cursor | None = None,
        limit: int = 100,
    ) -> QueuePage:
        """Up to ``limit`` rows of ``queue`` behind ``after`` (None: from the top)."""
        queue, key, desc = _resolve(queue, sort, descending)
        filters = filters or QueueFilters()
        limit = max(1, min(limit, MAX_PAGE))
        with self._db.read() as s:
            where = self._where(s, session, queue, filters)
            return self._page(
                s, where, key, _sort_expr(queue, key, self._db.dialect), desc, after, limit
            )

    def count(
        self, session: AgentSession, queue: Queue | str, filters: QueueFilters | None = None
    ) -> int:
        """How many tickets the queue holds with these filters (the scroll model's total)."""
        queue = Queue(queue)
        with self._db.read() as s:
            where = self._where(s, session, queue, filters or QueueFilters())
            return s.scalar(select(func.count()).select_from(Ticket).where(*where)) or 0

    def ids(
        self,
        session: AgentSession,
        queue: Queue | str,
        *,
        sort: SortKey | str | None = None,
        descending: bool | None = None,
        filters: QueueFilters | None = None,
    ) -> array[int]:
        """Every ticket id of the queue in display order: the scroll model's row→id map.

        Only the sort key and the id are read, streamed in chunks into an ``array('q')``
        (8 bytes a ticket: 8 MB for a million), so a jump to any row is a lookup here and
        one :meth:`rows` call, never a deep ``OFFSET``. For the default sorts the
        statement is an index-only walk of the queue's partial index.
        """
        queue, key, desc = _resolve(queue, sort, descending)
        filters = filters or QueueFilters()
        out: array[int] = array("q")
        with self._db.read() as s:
            where = self._where(s, session, queue, filters)
            expr = _sort_expr(queue, key, self._db.dialect)
            statement = _joined(select(Ticket.id), key).where(*where).order_by(*_order(expr, desc))
            # straight from the driver's cursor: ORM rows cost ~2.5 µs each, a million of
            # them seconds (bench/tickets.py "map"). No stream_results: SQLAlchemy would
            # buffer rows ahead of the cursor read here (8 bytes a ticket on the client)
            result = s.connection().execute(statement)
            try:
                cursor = result.cursor
                while chunk := cursor.fetchmany(_ID_CHUNK):
                    out.extend(ticket_id for (ticket_id,) in chunk)
            finally:
                result.close()
        return out

    def rows(
        self, session: AgentSession, ticket_ids: Sequence[int], *, sort: SortKey | str | None = None
    ) -> tuple[QueueRow, ...]:
        """The rows of these tickets, in the order given (the visible part of a queue, as
        :meth:`ids` ordered it); ids that do not exist are left out. Their state as of
        now: a ticket claimed meanwhile shows its new assignee until the ids are read
        again. ``sort`` only fills the rows' cursors."""
        wanted = list(dict.fromkeys(ticket_ids))[:MAX_PAGE]
        key = SortKey(sort) if sort is not None else SortKey.AGE
        with self._db.read() as s:
            acting_agent(s, session, *CUSTOMER_ROLES)
            if not wanted:
                return ()
            statement = _row_statement(_SORT[key]).where(Ticket.id.in_(wanted))
            now = self._clock()
            found = {r.ticket_id: r for r in (_row(row, now) for row in s.execute(statement))}
        return tuple(found[i] for i in wanted if i in found)

    def find(self, session: AgentSession, ref: str) -> int:
        """The id of the ticket with this reference (``#KCP-…``, as T-1 parses it): for
        a reference shown anywhere that the agent clicks."""
        try:
            number = parse_ticket_ref(single_line(ref, field="ticket"))
        except WrongCheckDigit:
            raise InvalidInput(TICKET_CHECK_DIGIT, field="ticket") from None
        except MalformedReference:
            raise InvalidInput(TICKET_MALFORMED, field="ticket") from None
        with self._db.read() as s:
            acting_agent(s, session, *CUSTOMER_ROLES)
            ticket_id = s.scalar(select(Ticket.id).where(Ticket.number == number))
        if ticket_id is None:
            raise NotFound(TICKET_UNKNOWN)
        return ticket_id

    def workload(self, session: AgentSession) -> tuple[AgentLoad, ...]:
        """Leads only: per active agent and lead, open tickets, those past their SLA due
        time and the oldest one's creation time; by name."""
        now = self._clock()
        with self._db.read() as s:
            acting_agent(s, session, Role.LEAD, denied=_LEADS_ONLY)
            stats = (
                select(
                    Ticket.assignee_id.label("agent_id"),
                    func.count().label("open"),
                    func.sum(case((now > _DUE, 1), else_=0)).label("late"),
                    func.min(Ticket.created_at, type_=UTCDateTime()).label("oldest"),
                )
                .where(_NOT_CLOSED, Ticket.assignee_id.is_not(None))
                .group_by(Ticket.assignee_id)
                .subquery()
            )
            rows = s.execute(
                select(Agent.id, Agent.display_name, stats.c.open, stats.c.late, stats.c.oldest)
                .outerjoin(stats, stats.c.agent_id == Agent.id)
                .where(Agent.active.is_(True), Agent.role.in_(CUSTOMER_ROLES))
                .order_by(Agent.display_name, Agent.id)
            )
            return tuple(
                AgentLoad(agent_id, name, open_ or 0, int(late or 0), oldest)
                for agent_id, name, open_, late, oldest in rows
            )

    # --- the statements -----------------------------------------------------------------

    def _where(
        self, s: Session, session: AgentSession, queue: Queue, filters: QueueFilters
    ) -> list[ColumnElement[bool]]:
        """The role check (first, in this transaction), the queue's predicate, the filters."""
        if queue == Queue.TEAM:
            me = acting_agent(s, session, Role.LEAD, denied=_LEADS_ONLY)
        else:
            me = acting_agent(s, session, *CUSTOMER_ROLES)
        where: list[ColumnElement[bool]]
        if queue == Queue.MINE:
            where = [Ticket.assignee_id == me.id, _NOT_CLOSED]
        elif queue == Queue.UNASSIGNED:
            where = [_UNASSIGNED]
        elif queue == Queue.TEAM:
            where = [_NOT_CLOSED]
        elif queue == Queue.ARCHIVE:
            where = [_ARCHIVED]
        else:
            if filters.customer_id is None:
                raise InvalidInput(_NO_CUSTOMER, field="customer")
            # SQLite: ``SEARCH tickets USING INDEX ix_tickets_customer_created
            # (customer_id=?)``; PostgreSQL: ``Index Scan using ix_tickets_customer_created``
            where = [Ticket.customer_id == filters.customer_id]
        if filters.states:
            where.append(Ticket.state.in_(sorted(TicketState(v) for v in filters.states)))
        if filters.priorities:
            where.append(Ticket.priority.in_(sorted(TicketPriority(v) for v in filters.priorities)))
        if filters.assignee_id is not None and queue != Queue.MINE:
            where.append(Ticket.assignee_id == filters.assignee_id)
        # a filter is typed or pasted: control and format characters are dropped (NUL
        # would fail on PostgreSQL), and no subject is longer than the column
        text = searchable(filters.text).strip()[:_SUBJECT_MAX]
        if text:
            where.append(Ticket.subject.ilike(_like_pattern(text), escape="\\"))
        return where

    def _page(
        self,
        s: Session,
        where: Sequence[ColumnElement[bool]],
        key: SortKey,
        expr: ColumnElement[Any],
        desc: bool,
        after: Cursor | None,
        limit: int,
    ) -> QueuePage:
        # First the page's ids from ``tickets`` alone (customers and agents joined only
        # when the order needs them): the database walks the sort's index and stops
        # after ``limit + 1``; joined first, it would build every row of the queue.
        seek = (
            _joined(select(Ticket.id), key)
            .where(*where)
            .where(_behind(expr, after, desc))
            .order_by(*_order(expr, desc))
            .limit(limit + 1)
        )
        ids = list(s.scalars(seek))
        now = self._clock()
        found = {
            r.ticket_id: r
            for r in (
                _row(row, now)
                for row in s.execute(_row_statement(expr).where(Ticket.id.in_(ids[:limit])))
            )
        }
        rows = [found[i] for i in ids[:limit] if i in found]
        more = len(ids) > limit
        return QueuePage(tuple(rows), rows[-1].cursor if more else None)


def _row_statement(expr: ColumnElement[Any]) -> Select[Any]:
    """What a queue row shows, with the sort value first (the row's cursor)."""
    return (
        select(
            expr,
            Ticket.id,
            Ticket.number,
            Ticket.customer_id,
            Customer.number,
            Customer.kind,
            Customer.first_name,
            Customer.last_name,
            Customer.company,
            Customer.legal_form,
            Ticket.subject,
            Ticket.state,
            Ticket.priority,
            Ticket.assignee_id,
            Agent.display_name,
            Ticket.created_at,
            Ticket.first_response_due,
            Ticket.first_responded_at,
            Ticket.resolution_due,
        )
        .join(Customer, Customer.id == Ticket.customer_id)
        .outerjoin(Agent, Agent.id == Ticket.assignee_id)
    )


def _row(r: Any, now: dt.datetime) -> QueueRow:
    (sort_value, ticket_id, number, customer_id, customer_number, kind, first, last,
     company, legal_form, subject, state, priority, assignee_id, assignee_name,
     created_at, fr_due, fr_at, res_due) = r  # fmt: skip
    closed = state == TicketState.CLOSED
    due = None if closed else (fr_due if fr_at is None and fr_due else res_due)
    return QueueRow(
        ticket_id=ticket_id,
        ref=format_ticket_ref(number),
        customer_id=customer_id,
        customer_number=format_customer_number(customer_number),
        customer_name=display_name(kind, first, last, company, legal_form),
        subject=subject,
        state=str(state),
        priority=str(priority),
        assignee_id=assignee_id,
        assignee_name=assignee_name,
        created_at=created_at,
        sla_due=due,
        overdue=is_overdue(due, now),
        cursor=Cursor(sort_value, ticket_id),
    )


def _resolve(
    queue: Queue | str, sort: SortKey | str | None, descending: bool | None
) -> tuple[Queue, SortKey, bool]:
    queue = Queue(queue)
    default_key, default_desc = default_sort(queue)
    key = SortKey(sort) if sort is not None else default_key
    if descending is None:
        descending = default_desc if sort is None else False
    return queue, key, descending


def _order(expr: ColumnElement[Any], desc: bool) -> tuple[ColumnElement[Any], ...]:
    return (expr.desc(), Ticket.id.desc()) if desc else (expr.asc(), Ticket.id.asc())


def _behind(expr: ColumnElement[Any], after: Cursor | None, desc: bool) -> ColumnElement[bool]:
    """The keyset condition: rows strictly after the cursor in this order."""
    if after is None:
        return true()
    mine = tuple_(expr, Ticket.id)
    theirs = tuple_(literal(after.key, expr.type), literal(after.ticket_id, Ticket.id.type))
    return mine < theirs if desc else mine > theirs


def _joined(statement: Select[Any], key: SortKey) -> Select[Any]:
    if key in _NEEDS_CUSTOMER:
        statement = statement.join(Customer, Customer.id == Ticket.customer_id)
    if key in _NEEDS_AGENT:
        statement = statement.outerjoin(Agent, Agent.id == Ticket.assignee_id)
    return statement
