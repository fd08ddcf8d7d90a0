"""The Tickets screen (issue 10): My tickets · Unassigned · Team · Archive (· Workload
for leads), and one ticket opened from any of them or from anywhere else."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.errors import KcpError
from kcp_desk.services.desk import DeskServices
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.tickets import AgentLoad, Colleague, Queue, QueueFilters
from kcp_desk.views import formatting as fmt
from kcp_desk.views.messages import error_text
from kcp_desk.views.operation import Operation
from kcp_desk.views.table_model import Column, DtoTableModel
from kcp_desk.views.ticket_queue_model import age_text
from kcp_desk.views.ticket_queue_view import TicketQueueView
from kcp_desk.views.ticket_view import TicketView
from kcp_desk.views.unsaved import UnsavedGuard

__all__ = ["TicketsPage", "WorkloadView"]


class WorkloadView(QWidget):
    """A lead's view of the team: per agent, open tickets, those past their SLA and the
    oldest one waiting; a click (or Enter) opens that agent's queue."""

    open_agent = Signal(int)

    def __init__(self, services: DeskServices, session: AgentSession) -> None:
        super().__init__()
        self._queues = services.queues
        self._session = session
        self.model: DtoTableModel[AgentLoad] = DtoTableModel(
            [
                Column(self.tr("Agent"), lambda a: a.display_name),
                Column(self.tr("Open tickets"), lambda a: str(a.open_tickets)),
                Column(self.tr("Past SLA"), lambda a: str(a.past_sla)),
                Column(self.tr("Oldest waiting"), _oldest),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setObjectName("workload_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.clicked.connect(self._open)  # one click opens that agent's queue
        self.table.activated.connect(self._open)
        self.hint = QLabel(self.tr("Click an agent to open their tickets."))
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.note = QLabel()
        self.note.setObjectName("workload_note")
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)

    def refresh(self) -> None:
        Operation(self, self._queues.workload, self._session).success(self._show).failure(
            self._failed
        ).run()

    def _show(self, rows: tuple[AgentLoad, ...]) -> None:
        self.note.hide()
        self.model.set_rows(rows)

    def _failed(self, error: KcpError) -> None:
        self.note.setText(error_text(error))
        self.note.show()

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_agent.emit(self.model.row(index.row()).agent_id)


def _oldest(a: AgentLoad) -> str:
    if a.oldest_waiting is None:
        return "–"
    return f"{age_text(a.oldest_waiting)} ({fmt.date_time(a.oldest_waiting)})"


class TicketsPage(QStackedWidget):
    """The queues, and the ticket in front when one is open."""

    open_customer = Signal(int)
    #: references of tickets that appeared in My tickets by someone else's hand (T-7)
    assigned_to_me = Signal(list)

    def __init__(self, services: DeskServices, session: AgentSession) -> None:
        super().__init__()
        self._services = services
        self._session = session
        lead = session.principal.is_lead
        self.tabs = QTabWidget()
        self.tabs.setObjectName("ticket_queues")
        self.tabs.setDocumentMode(True)
        self.queues: dict[Queue, TicketQueueView] = {}
        shown = [Queue.MINE, Queue.UNASSIGNED, *([Queue.TEAM] if lead else []), Queue.ARCHIVE]
        for queue in shown:
            view = TicketQueueView(services.queues, session, queue=queue)
            view.setObjectName(f"queue_{queue.value}")
            view.open_ticket.connect(self.open_ticket)
            view.counted.connect(lambda n, q=queue: self._counted(q, n))
            self.queues[queue] = view
            self.tabs.addTab(view, self._tab_text(queue, None))
        self.workload: WorkloadView | None = None
        if lead:
            self.workload = WorkloadView(services, session)
            self.workload.open_agent.connect(self.show_agent)
            self.tabs.addTab(self.workload, self.tr("Workload"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self._opened: set[int] = set()
        #: opened queues that changed while another tab was in front
        self._stale: set[int] = set()
        queue_screen = QWidget()
        layout = QVBoxLayout(queue_screen)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(self.tabs)

        self.ticket = TicketView(services, session)
        self.ticket.back_requested.connect(self.back_to_queue)
        self.ticket.open_customer.connect(self.open_customer.emit)
        self.ticket.changed.connect(self.refresh_queues)
        self.addWidget(queue_screen)
        self.addWidget(self.ticket)
        self._mine_before: frozenset[int] | None = None
        mine = self.queues[Queue.MINE].model
        mine.mapped.connect(self._mine_mapped)
        mine.layoutChanged.connect(self._mine_mapped)
        self._tab_changed(0)  # My tickets opens at once: new assignments are noticed
        if Queue.TEAM in self.queues:
            Operation(self, services.tickets.colleagues, session).success(self._colleagues).failure(
                lambda _e: None
            ).run()

    @property
    def guard(self) -> UnsavedGuard:
        """The open ticket's composer (the main window asks it on sign-out and close)."""
        return self.ticket.guard

    # --- navigation ---------------------------------------------------------------------

    def open_ticket(self, ticket_id: int) -> None:
        """The ticket in front; a draft for another ticket is asked about first."""
        if self.ticket.ticket_id == ticket_id:
            self.setCurrentWidget(self.ticket)
            self.ticket.reload()
            return
        self.guard.confirm(lambda: self._open(ticket_id), can_save=False)

    def _open(self, ticket_id: int) -> None:
        self.ticket.open_ticket(ticket_id)
        self.setCurrentWidget(self.ticket)
        self.ticket.composer.setFocus()

    def back_to_queue(self) -> None:
        """Esc / "← Queue": the draft stays in the ticket view until another ticket."""
        self.setCurrentIndex(0)
        current = self.tabs.currentWidget()
        if isinstance(current, TicketQueueView):
            current.table.setFocus()

    def show_queue(self, queue: Queue) -> None:
        self.setCurrentIndex(0)
        self.tabs.setCurrentWidget(self.queues[queue])

    def show_agent(self, agent_id: int) -> None:
        """From the workload view: the Team queue filtered to this agent."""
        team = self.queues[Queue.TEAM]
        self.tabs.setCurrentWidget(team)
        team.show_agent(agent_id)

    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if isinstance(widget, TicketQueueView) and index not in self._opened:
            self._opened.add(index)
            widget.reload()
        elif isinstance(widget, TicketQueueView) and index in self._stale:
            self._stale.discard(index)
            widget.refresh()
        elif isinstance(widget, WorkloadView):
            widget.refresh()

    def _colleagues(self, colleagues: tuple[Colleague, ...]) -> None:
        self.queues[Queue.TEAM].set_colleagues(colleagues)

    def _tab_text(self, queue: Queue, count: int | None) -> str:
        names = {
            Queue.MINE: self.tr("My tickets"),
            Queue.UNASSIGNED: self.tr("Unassigned"),
            Queue.TEAM: self.tr("Team"),
            Queue.ARCHIVE: self.tr("Archive"),
        }
        name = names[queue]
        return name if count is None or queue == Queue.ARCHIVE else f"{name} ({count:n})"

    def _counted(self, queue: Queue, count: int) -> None:
        view = self.queues[queue]
        filtered = view.filters() != QueueFilters()
        self.tabs.setTabText(
            self.tabs.indexOf(view), self._tab_text(queue, None if filtered else count)
        )

    # --- live (T-7) ---------------------------------------------------------------------

    def live_changed(self, full: bool = False) -> None:
        """Something changed in the database (another desk, the portal): the opened
        queues read again, keeping selection and scroll; the open ticket reloads.
        ``full`` (the listener reconnected, changes may be missed) asks nothing more:
        every refresh reads the whole row→id map anyway."""
        self.refresh_queues()
        if self.workload is not None and self.tabs.currentWidget() is self.workload:
            self.workload.refresh()
        if self.currentWidget() is self.ticket:
            self.ticket.reload()

    def refresh_queues(self) -> None:
        """The queue in front and My tickets (for "new in My tickets") read again now;
        the other opened ones when their tab is shown next (a million-row archive is
        not re-read for every claim elsewhere)."""
        current = self.tabs.currentIndex()
        mine = self.tabs.indexOf(self.queues[Queue.MINE])
        for index in sorted(self._opened):
            widget = self.tabs.widget(index)
            if not isinstance(widget, TicketQueueView):
                continue
            if index in (current, mine):
                widget.refresh()
            else:
                self._stale.add(index)

    def _mine_mapped(self) -> None:
        model = self.queues[Queue.MINE].model
        if not model.is_mapped:
            return
        now = model.ticket_ids()
        before, self._mine_before = self._mine_before, now
        if before is None:
            return
        # a ticket this desk just claimed is no news
        new = now - before - {self.ticket.ticket_id}
        if new:
            Operation(self, self._services.queues.rows, self._session, sorted(new)).success(
                lambda rows: self.assigned_to_me.emit(sorted(r.ref for r in rows))
            ).failure(lambda _e: None).run()
