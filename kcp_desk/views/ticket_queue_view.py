"""A ticket queue on screen: the filters and the table (issue 10, T-3). Used by the
Tickets page for each queue and by the customer view for the customer's tickets."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.errors import KcpError
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.tickets import Colleague, Queue, QueueFilters, TicketQueues
from kcp_desk.views import formatting as fmt
from kcp_desk.views.fit_columns import FitColumns
from kcp_desk.views.messages import error_text
from kcp_desk.views.ticket_queue_model import (
    COL_ASSIGNEE,
    COL_CUSTOMER,
    COL_SLA,
    COL_STATE,
    COL_SUBJECT,
    TicketQueueModel,
)

_STATES = ("new", "open", "pending_customer", "closed")
_PRIORITIES = ("urgent", "high", "normal", "low")
#: a typed filter waits this long for the next key before the database is asked
_TYPING_MS = 250


class _Table(QTableView):
    """Enter opens the current ticket, like a double click."""

    activated_row = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class TicketQueueView(QWidget):
    """Filters above, the lazily loaded queue below; Enter or a double click opens."""

    open_ticket = Signal(int)
    #: the total with the current filters (the page shows it in the queue's tab)
    counted = Signal(int)

    def __init__(
        self,
        queues: TicketQueues,
        session: AgentSession,
        *,
        queue: Queue = Queue.MINE,
        with_filters: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.queue = queue
        self.model = TicketQueueModel(queues, session, self)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._failed)
        self.model.modelReset.connect(self._keep_visible_range)
        self.model.mapped.connect(self._keep_visible_range)

        self.text = QLineEdit()
        self.text.setObjectName("ticket_filter_text")
        self.text.setPlaceholderText(self.tr("Filter by subject"))
        self.text.setClearButtonEnabled(True)
        self.text.setMaxLength(200)
        self.state = QComboBox()
        self.state.addItem(self.tr("All states"), None)
        for value in _STATES:
            self.state.addItem(fmt.value(value), value)
        self.priority = QComboBox()
        self.priority.addItem(self.tr("All priorities"), None)
        for value in _PRIORITIES:
            self.priority.addItem(fmt.value(value), value)
        self.assignee = QComboBox()
        self.assignee.addItem(self.tr("All agents"), None)
        self.assignee.hide()
        self.total = QLabel()
        self.total.setObjectName("ticket_total")
        self.note = QLabel()
        self.note.setObjectName("ticket_queue_note")
        self.note.setWordWrap(True)
        self.note.hide()

        self._typing = QTimer(self, singleShot=True, interval=_TYPING_MS)
        self._typing.timeout.connect(self.reload)
        self.text.textChanged.connect(self._typing.start)
        for combo in (self.state, self.priority, self.assignee):
            combo.currentIndexChanged.connect(self.reload)

        self.table = _Table()
        self.table.setObjectName("ticket_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        # every row the same height: Qt then never measures a million rows
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self.model.sort)
        # the table fits its width: customer and subject elide (full text in the tooltip)
        self._fit = FitColumns(self.table, (COL_CUSTOMER, COL_SUBJECT))
        # a column that says the same in every row of this queue gives its room away
        if queue in (Queue.MINE, Queue.UNASSIGNED):
            self.table.setColumnHidden(COL_ASSIGNEE, True)
        if queue == Queue.ARCHIVE:  # every one closed, no clock running
            self.table.setColumnHidden(COL_STATE, True)
            self.table.setColumnHidden(COL_SLA, True)
            self.state.hide()
        if queue == Queue.CUSTOMER:
            self.table.setColumnHidden(COL_CUSTOMER, True)
        self.model.rowsInserted.connect(self._recount)
        self.model.rowsRemoved.connect(self._recount)
        self.table.doubleClicked.connect(self._activated)
        self.table.activated_row.connect(self._open_row)
        self.table.verticalScrollBar().valueChanged.connect(self._keep_visible_range)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.text, 2)
        filters.addWidget(self.state)
        filters.addWidget(self.priority)
        filters.addWidget(self.assignee)
        filters.addStretch(1)
        filters.addWidget(self.total)
        self.filter_bar = QWidget()
        self.filter_bar.setLayout(filters)
        self.filter_bar.setVisible(with_filters)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        self._customer_id: int | None = None
        self._opened = False

    # --- what the page calls -------------------------------------------------------------

    def set_colleagues(self, colleagues: tuple[Colleague, ...]) -> None:
        """Team queue: the per-agent filter."""
        current = self.assignee.currentData()
        self.assignee.blockSignals(True)
        self.assignee.clear()
        self.assignee.addItem(self.tr("All agents"), None)
        for c in colleagues:
            self.assignee.addItem(c.display_name, c.agent_id)
        at = self.assignee.findData(current)
        self.assignee.setCurrentIndex(max(at, 0))
        self.assignee.blockSignals(False)
        self.assignee.setVisible(self.queue == Queue.TEAM)

    def show_agent(self, agent_id: int) -> None:
        """Team queue filtered to one agent (a click in the workload view)."""
        at = self.assignee.findData(agent_id)
        if at >= 0 and at != self.assignee.currentIndex():
            self.assignee.setCurrentIndex(at)  # reloads
        else:
            self.reload()

    def show_customer(self, customer_id: int) -> None:
        """The customer's Tickets tab: every ticket of one customer."""
        self._customer_id = customer_id
        self.reload()

    def filters(self) -> QueueFilters:
        states = self.state.currentData()
        priority = self.priority.currentData()
        assignee = self.assignee.currentData() if self.queue == Queue.TEAM else None
        return QueueFilters(
            states=frozenset({states}) if states else frozenset(),
            priorities=frozenset({priority}) if priority else frozenset(),
            assignee_id=assignee,
            text=self.text.text().strip(),
            customer_id=self._customer_id,
        )

    def reload(self) -> None:
        """Open the queue again with the current filters and order (keeps the order)."""
        self._typing.stop()
        self.note.hide()
        if self._opened:
            self.model.open(
                self.queue,
                sort=self.model.sort_key,
                descending=self.model.descending,
                filters=self.filters(),
            )
        else:
            self.model.open(self.queue, filters=self.filters())
            self._opened = True
        self._show_sort_indicator()

    def refresh(self) -> None:
        """A live change: the rows move, the selection and the scroll position stay."""
        self.model.refresh()

    def selected_ticket(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.ticket_id_at(index.row()) if index.isValid() else None

    # --- reactions ----------------------------------------------------------------------

    def _show_sort_indicator(self) -> None:
        column, order = self.model.sort_column()
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)

    def _recount(self) -> None:
        """The total after a load or a live change; an empty queue says why."""
        total = self.model.rowCount()
        self.total.setText(self.tr("%n tickets", "", total))
        self.counted.emit(total)
        if total == 0:
            self.note.setText(self._empty_text())
        self.note.setVisible(total == 0)

    def _loaded(self) -> None:
        self._recount()

    def _empty_text(self) -> str:
        if self.filters() != QueueFilters(customer_id=self._customer_id):
            return self.tr("No ticket matches these filters.")
        texts = {
            Queue.MINE: self.tr(
                "You have no open tickets. Unassigned tickets wait in the next tab."
            ),
            Queue.UNASSIGNED: self.tr("Every ticket has someone working on it."),
            Queue.TEAM: self.tr("The team has no open tickets."),
            Queue.ARCHIVE: self.tr("No closed tickets yet."),
            Queue.CUSTOMER: self.tr("This customer has no tickets."),
        }
        return texts[self.queue]

    def _failed(self, error: KcpError) -> None:
        self.note.setText(error_text(error))
        self.note.show()

    def _activated(self, index: QModelIndex) -> None:
        self._open_row(index.row())

    def _open_row(self, row: int) -> None:
        ticket_id = self.model.ticket_id_at(row)
        if ticket_id is not None:
            self.open_ticket.emit(ticket_id)

    def _keep_visible_range(self) -> None:
        top = self.table.rowAt(0)
        bottom = self.table.rowAt(self.table.viewport().height() - 1)
        top = max(top, 0)
        bottom = bottom if bottom >= 0 else top + 60
        self.model.set_visible(top, bottom)
