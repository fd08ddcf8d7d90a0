"""The scroll model of a ticket queue (SPEC C4 T-3, issue 10): a million rows, painted
at once, any row reachable, nothing but the visible rows in memory.

How it loads (after Anki's browser table model; sorting and filtering stay in SQL):

1. ``open`` → one operation: the queue's ``count`` and its first keyset page. The
   table paints those rows and has a scroll bar for the whole total (``loaded``).
2. A second operation reads the row→id map (``TicketQueues.ids``: 8 bytes a ticket),
   after which every row is reachable (``mapped``).
3. A row the view asks for that is not cached puts its block of :data:`BLOCK` rows in
   a queue of blocks to fetch by id (``TicketQueues.rows``); until it arrives the row
   says "…". Only blocks still near the viewport are fetched; the cache keeps the
   newest :data:`CACHE_ROWS` rows.

A live change (``refresh``) reads the count and the map again and fetches the visible
rows afresh, keeping what is shown until the new rows arrive: persistent indexes (the
selection, the current row) follow their ticket to its new row and the scroll position
stays, so an agent's place in the queue survives a colleague's claim.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections import OrderedDict
from collections.abc import Sequence
from functools import partial
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from kcp_desk.errors import KcpError
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.tickets import (
    Queue,
    QueueFilters,
    QueuePage,
    QueueRow,
    SortKey,
    TicketQueues,
    default_sort,
)
from kcp_desk.views import formatting as fmt
from kcp_desk.views.operation import Operation

__all__ = ["BLOCK", "COLUMNS", "TicketQueueModel", "age_text"]

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole

#: rows fetched by id in one round trip
BLOCK: Final = 100
#: rows kept in the cache (a few screens)
CACHE_ROWS: Final = 3000
#: rows painted by the first operation, before the row→id map is read
FIRST_PAGE: Final = 100

#: the columns, left to right; each sorts in SQL
COLUMNS: Final = (
    SortKey.REFERENCE,
    SortKey.CUSTOMER,
    SortKey.SUBJECT,
    SortKey.STATE,
    SortKey.PRIORITY,
    SortKey.ASSIGNEE,
    SortKey.AGE,
    SortKey.SLA_DUE,
)
COL_REF, COL_CUSTOMER, COL_SUBJECT, COL_STATE, COL_PRIORITY, COL_ASSIGNEE, COL_AGE, COL_SLA = range(
    len(COLUMNS)
)
_OVERDUE = QColor("#c62828")
_ROLES: Final = frozenset(
    {
        _DISPLAY,
        Qt.ItemDataRole.UserRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ToolTipRole,
    }
)


class _Texts(QObject):
    """The model's words (a QObject context for lupdate)."""

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Ticket"),
            self.tr("Customer"),
            self.tr("Subject"),
            self.tr("State"),
            self.tr("Priority"),
            self.tr("Assignee"),
            self.tr("Age"),
            self.tr("SLA due"),
        )

    def age(self, minutes: int) -> str:
        if minutes < 60:
            return self.tr("{0} min").format(max(minutes, 0))
        if minutes < 48 * 60:
            return self.tr("{0} h").format(minutes // 60)
        return self.tr("{0} d").format(minutes // (24 * 60))

    def overdue(self, due: str) -> str:
        return self.tr("overdue since {0}").format(due)

    def unassigned(self) -> str:
        return self.tr("unassigned")


def age_text(created_at: dt.datetime, now: dt.datetime | None = None) -> str:
    """ "12 min", "5 h", "3 d": how long the ticket has existed."""
    now = now or dt.datetime.now(dt.UTC)
    return _Texts().age(int((now - created_at).total_seconds() // 60))


class TicketQueueModel(QAbstractTableModel):
    """One queue, sorted and filtered in SQL; rows are :class:`QueueRow` DTOs."""

    #: the first rows are in (the total is known)
    loaded = Signal()
    #: the row→id map is read: every row is reachable
    mapped = Signal()
    #: an expected fault while loading (shown by the page)
    failed = Signal(KcpError)

    def __init__(self, queues: TicketQueues, session: AgentSession, parent: Any = None) -> None:
        super().__init__(parent)
        self._queues = queues
        self._session = session
        self._texts = _Texts(self)
        self.queue = Queue.MINE
        self.sort_key, self.descending = default_sort(self.queue)
        self.filters = QueueFilters()
        self._count = 0
        self._ids: array[int] | None = None
        self._first: tuple[QueueRow, ...] = ()
        self._cache: OrderedDict[int, tuple[int, QueueRow]] = OrderedDict()
        #: bumps with every open: answers for an older one are dropped
        self._generation = 0
        #: bumps with every refresh: cached rows of an older one are shown but re-fetched
        self._freshness = 0
        self._wanted: OrderedDict[int, None] = OrderedDict()  # blocks to fetch, newest last
        self._fetching = False
        self._visible: tuple[int, int] | None = None
        self._now = dt.datetime.now(dt.UTC)

    # --- what the page calls -------------------------------------------------------------

    def open(
        self,
        queue: Queue | str,
        *,
        sort: SortKey | None = None,
        descending: bool | None = None,
        filters: QueueFilters | None = None,
    ) -> None:
        """Show ``queue`` (None sort: the queue's default order)."""
        self.queue = Queue(queue)
        if sort is None:
            self.sort_key, self.descending = default_sort(self.queue)
        else:
            self.sort_key, self.descending = sort, bool(descending)
        self.filters = filters or QueueFilters()
        self._generation += 1
        self.beginResetModel()
        self._count, self._ids, self._first = 0, None, ()
        self._cache.clear()
        self._wanted.clear()
        self.endResetModel()
        generation = self._generation
        args = self._query_args()
        Operation(self, self._first_rows, args).success(
            lambda result: self._first_loaded(generation, result)
        ).failure(self.failed.emit).run()

    def refresh(self) -> None:
        """Read the queue again (a live change): rows move, the selection follows."""
        if self._ids is None:
            return  # the first load is still on its way and will be fresh
        generation = self._generation
        Operation(self, self._queues.ids, self._session, self.queue, **self._query_args()).success(
            lambda ids: self._remap(generation, ids)
        ).failure(self.failed.emit).run()

    def set_visible(self, first: int, last: int) -> None:
        """The rows the view shows now: blocks far from them are not fetched. On the
        embedded SQLite database the rows come at once, before the view paints (a read
        of one block takes ~4 ms there, measured with bench/tickets.py "jump"): a jump
        then paints once, without "…" first."""
        self._visible = (first, last)
        if self._ids is None or not self._queues.answers_locally:
            return
        for block in range(max(first, 0) // BLOCK, max(last, 0) // BLOCK + 1):
            wanted = self._stale_ids(block)
            if not wanted:
                continue
            try:
                rows = self._queues.rows(self._session, wanted, sort=self.sort_key)
            except KcpError:
                return  # the paint asks again, through a worker, which says why
            self._take_block(self._generation, self._freshness, block, rows)

    def row_at(self, row: int) -> QueueRow | None:
        """The DTO of ``row`` if it is loaded."""
        ticket_id = self.ticket_id_at(row)
        if ticket_id is None:
            return None
        cached = self._cache.get(ticket_id)
        if cached is not None:
            return cached[1]
        if self._ids is None and row < len(self._first):
            return self._first[row]
        return None

    def ticket_id_at(self, row: int) -> int | None:
        if self._ids is not None:
            return self._ids[row] if 0 <= row < len(self._ids) else None
        return self._first[row].ticket_id if 0 <= row < len(self._first) else None

    def row_of(self, ticket_id: int) -> int | None:
        """Where this ticket is in the queue now, if it is in it."""
        if self._ids is not None:
            try:
                return self._ids.index(ticket_id)
            except ValueError:
                return None
        for i, r in enumerate(self._first):
            if r.ticket_id == ticket_id:
                return i
        return None

    @property
    def is_mapped(self) -> bool:
        return self._ids is not None

    def ticket_ids(self) -> frozenset[int]:
        """The ids of every ticket in the queue (for "new in My tickets")."""
        return frozenset(self._ids if self._ids is not None else ())

    # --- Qt model -----------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return self._texts.headers()[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A click on a header: the database sorts (every column has an order in SQL)."""
        key = COLUMNS[column]
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self.sort_key, self.descending):
            self.open(self.queue, sort=key, descending=descending, filters=self.filters)

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        order = Qt.SortOrder.DescendingOrder if self.descending else Qt.SortOrder.AscendingOrder
        return COLUMNS.index(self.sort_key), order

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or role not in _ROLES:
            return None  # a paint asks ~7 roles a cell; most are not ours
        row = self._row_for_paint(index.row())
        column = index.column()
        if row is None:
            return "…" if role == _DISPLAY and column == COL_REF else None
        if role == _DISPLAY:
            return self._display(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return row
        if column == COL_SLA and row.overdue:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(_OVERDUE)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._texts.overdue(fmt.date_time(row.sla_due))
        return None

    def _display(self, row: QueueRow, column: int) -> str:
        if column == COL_REF:
            return row.ref
        if column == COL_CUSTOMER:
            return f"{row.customer_number} {row.customer_name}"
        if column == COL_SUBJECT:
            return row.subject
        if column == COL_STATE:
            return fmt.value(row.state)
        if column == COL_PRIORITY:
            return fmt.value(row.priority)
        if column == COL_ASSIGNEE:
            return row.assignee_name or self._texts.unassigned()
        if column == COL_AGE:
            return self._texts.age(int((self._now - row.created_at).total_seconds() // 60))
        due = fmt.date_time(row.sla_due) if row.sla_due else "–"
        return f"⚠ {due}" if row.overdue else due

    # --- loading --------------------------------------------------------------------------

    def _query_args(self) -> dict[str, Any]:
        return {"sort": self.sort_key, "descending": self.descending, "filters": self.filters}

    def _first_rows(self, args: dict[str, Any]) -> tuple[int, QueuePage]:
        total = self._queues.count(self._session, self.queue, args["filters"])
        return total, self._queues.page(self._session, self.queue, limit=FIRST_PAGE, **args)

    def _first_loaded(self, generation: int, result: tuple[int, QueuePage]) -> None:
        if generation != self._generation:
            return
        total, page = result
        self._now = dt.datetime.now(dt.UTC)
        self.beginResetModel()
        self._count, self._first = total, page.rows
        self.endResetModel()
        self.loaded.emit()
        if page.next_cursor is None:  # the whole queue is in the first page
            self._set_map(array("q", (r.ticket_id for r in page.rows)), page.rows)
            return
        Operation(self, self._queues.ids, self._session, self.queue, **self._query_args()).success(
            lambda ids: self._mapped(generation, ids)
        ).failure(self.failed.emit).run()

    def _mapped(self, generation: int, ids: array[int]) -> None:
        if generation == self._generation:
            self._set_map(ids, self._first)

    def _set_map(self, ids: array[int], known: Sequence[QueueRow]) -> None:
        for r in known:
            self._remember(r)
        if len(ids) != self._count:
            self._remap(self._generation, ids)
            self.mapped.emit()
            return
        self._ids = ids
        self._first = ()
        self.mapped.emit()
        self._changed_all()

    def _remap(self, generation: int, ids: array[int]) -> None:
        """Put the new row→id map in: persistent indexes follow their ticket."""
        if generation != self._generation:
            return
        self._freshness += 1
        self._now = dt.datetime.now(dt.UTC)
        old_count = self._count
        new_count = len(ids)
        if new_count > old_count:
            self.beginInsertRows(QModelIndex(), old_count, new_count - 1)
            self._count = new_count
            self.endInsertRows()
        self.layoutAboutToBeChanged.emit()
        old_ids = self._ids
        positions = {ticket_id: row for row, ticket_id in enumerate(ids)}
        for index in self.persistentIndexList():
            old_row = index.row()
            ticket_id = (
                old_ids[old_row]
                if old_ids is not None and old_row < len(old_ids)
                else self.ticket_id_at(old_row)
            )
            new_row = positions.get(ticket_id, -1) if ticket_id is not None else -1
            target = self.index(new_row, index.column()) if new_row >= 0 else QModelIndex()
            self.changePersistentIndex(index, target)
        self._ids = ids
        self._first = ()
        self.layoutChanged.emit()
        if new_count < old_count:
            self.beginRemoveRows(QModelIndex(), new_count, old_count - 1)
            self._count = new_count
            self.endRemoveRows()
        self._changed_all()

    def _changed_all(self) -> None:
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(COLUMNS) - 1))

    def _row_for_paint(self, row: int) -> QueueRow | None:
        ticket_id = self.ticket_id_at(row)
        if ticket_id is None:
            return None
        cached = self._cache.get(ticket_id)
        if cached is not None:
            if cached[0] != self._freshness:
                self._want(row // BLOCK)  # shown as it was until the fresh row arrives
            return cached[1]
        if self._ids is None:
            return self._first[row] if row < len(self._first) else None
        self._want(row // BLOCK)
        return None

    def _want(self, block: int) -> None:
        self._wanted[block] = None
        self._wanted.move_to_end(block)
        if not self._fetching:
            self._fetch_next()

    def _fetch_next(self) -> None:
        ids = self._ids
        while self._wanted:
            block, _ = self._wanted.popitem(last=True)  # the newest wish: where the view is
            start, end = block * BLOCK, (block + 1) * BLOCK
            if ids is None or not self._near_view(start, end):
                continue  # scrolled past: not needed any more
            wanted = self._stale_ids(block)
            if not wanted:
                continue
            self._fetching = True
            generation, freshness = self._generation, self._freshness
            Operation(self, self._queues.rows, self._session, wanted, sort=self.sort_key).success(
                partial(self._block_loaded, generation, freshness, block)
            ).failure(self._block_failed).run()
            return
        self._fetching = False

    def _stale_ids(self, block: int) -> list[int]:
        """The block's ticket ids, or [] when every one is cached from this refresh."""
        assert self._ids is not None
        wanted = [int(i) for i in self._ids[block * BLOCK : (block + 1) * BLOCK]]
        if all(self._cache.get(i, (-1,))[0] == self._freshness for i in wanted):
            return []
        return wanted

    def _near_view(self, start: int, end: int) -> bool:
        if self._visible is None:
            return True
        first, last = self._visible
        return end >= first - BLOCK and start <= last + BLOCK

    def _block_loaded(
        self, generation: int, freshness: int, block: int, rows: tuple[QueueRow, ...]
    ) -> None:
        self._fetching = False
        self._take_block(generation, freshness, block, rows)
        self._fetch_next()

    def _take_block(
        self, generation: int, freshness: int, block: int, rows: tuple[QueueRow, ...]
    ) -> None:
        if generation != self._generation:
            return
        for r in rows:
            self._remember(r, freshness)
        start = block * BLOCK
        end = min(start + BLOCK, self._count) - 1
        if end >= start:
            self.dataChanged.emit(self.index(start, 0), self.index(end, len(COLUMNS) - 1))

    def _block_failed(self, error: KcpError) -> None:
        self._fetching = False
        self._wanted.clear()  # asked again when the rows are painted again
        self.failed.emit(error)

    def _remember(self, row: QueueRow, freshness: int | None = None) -> None:
        self._cache[row.ticket_id] = (self._freshness if freshness is None else freshness, row)
        self._cache.move_to_end(row.ticket_id)
        while len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)
