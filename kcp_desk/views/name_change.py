"""Name/company changes (SPEC C1.4, ID-4): an agent requests, a different lead decides.

The approvals page also lists the identity cases that wait for a lead (issue 12,
``views/identity_approvals.py``) when the main window hands it the identity service."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMetaMethod, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.domain.legal_form import join_legal_form, split_legal_form
from kcp_desk.errors import KcpError
from kcp_desk.services.customers import ContactData
from kcp_desk.services.identity import IdentityService
from kcp_desk.services.name_change import NameChangeRequestDTO, NameChangeService
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.tickets import Queue, QueueFilters, QueuePage, TicketQueues
from kcp_desk.views import formatting as fmt
from kcp_desk.views.dialog_height import grow_to_fit
from kcp_desk.views.field_rows import ERROR_STYLE, FieldRows, WrappedLabel, fit_height
from kcp_desk.views.fit_columns import FitColumns
from kcp_desk.views.identity_approvals import IdentityApprovals
from kcp_desk.views.messages import error_text
from kcp_desk.views.operation import Operation
from kcp_desk.views.table_model import Column, DtoTableModel

log = logging.getLogger(__name__)

_DONE_STYLE = "color: #1b5e20;"


class NameChangeDialog(QDialog):
    """Prepare the request; it takes effect only when a team lead approves it."""

    def __init__(
        self,
        parent: QWidget,
        service: NameChangeService,
        session: AgentSession,
        customer_id: int,
        contact: ContactData,
        queues: TicketQueues | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._session = session
        self._customer_id = customer_id
        self.request: NameChangeRequestDTO | None = None
        self.setWindowTitle(self.tr("Request a name change"))
        self.setMinimumWidth(480)

        intro = WrappedLabel(
            self.tr(
                "The new name takes effect when a team lead approves it. Link the ticket "
                "in which the customer asked for it (with the proof, e.g. a register extract)."
            )
        )
        form = QFormLayout()
        self.rows = FieldRows(form, prefix="name")
        # the customer's open tickets to pick from; a number can still be typed
        ticket = self.rows.add("ticket", self.tr("Ticket"), choices=True)
        ticket.setPlaceholderText(self.tr("#KCP-… (pick one of the customer's open tickets)"))
        self.tickets = self.rows.combos["ticket"]
        if queues is not None:
            Operation(
                self,
                queues.page,
                session,
                Queue.CUSTOMER,
                filters=QueueFilters(
                    customer_id=customer_id, states=frozenset({"new", "open", "pending_customer"})
                ),
                limit=50,
            ).success(self._open_tickets).failure(lambda _e: None).run()
        # the legal form once, in its own field; it goes back onto the name on submit
        company, self._legal_form_in_name = split_legal_form(contact.company, contact.legal_form)
        for key, label, text in (
            ("first_name", self.tr("First name"), contact.first_name),
            ("last_name", self.tr("Last name"), contact.last_name),
            ("company", self.tr("Company"), company),
            ("legal_form", self.tr("Legal form"), contact.legal_form or ""),
            ("reason", self.tr("Reason"), ""),
        ):
            self.rows.add(key, label, text)
        self.general_error = WrappedLabel()
        self.general_error.setObjectName("name_general_error")
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.submit = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.submit.setText(self.tr("Submit for approval"))
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)

    def _open_tickets(self, page: QueuePage) -> None:
        typed = self.rows.edits["ticket"].text()
        for r in page.rows:
            self.tickets.addItem(f"{r.ref} – {r.subject}", r.ref)
        self.tickets.setCurrentIndex(-1)
        self.rows.edits["ticket"].setText(typed)

    def company_to_submit(self) -> str:
        """The company as it is stored: with the legal form when the name carried it."""
        text = self.rows.texts()
        if self._legal_form_in_name:
            return join_legal_form(text["company"], text["legal_form"])
        return text["company"]

    def _submit(self) -> None:
        text = self.rows.texts()
        self.submit.setEnabled(False)
        self.general_error.hide()
        Operation(
            self,
            self._service.request,
            self._session,
            self._customer_id,
            text["ticket"],
            text["first_name"],
            text["last_name"],
            self.company_to_submit() or None,
            text["legal_form"] or None,
            text["reason"] or None,
        ).success(self._done).failure(self._refused).run()

    def _done(self, request: NameChangeRequestDTO) -> None:
        self.request = request
        self.accept()

    def _refused(self, err: KcpError) -> None:
        self.submit.setEnabled(True)
        for other in self.rows.show(err):
            self.general_error.setText(error_text(other))
            self.general_error.show()
        grow_to_fit(self)  # the errors need their height, also in German


def _section(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return fit_height(label)


def _name(first: str, last: str, company: str | None, legal_form: str | None) -> str:
    person = " ".join(p for p in (first, last) if p)
    if company:  # the registered name, with its legal form (once)
        registered = join_legal_form(company, legal_form or "")
        return registered + (f" ({person})" if person else "")
    return person


class ApprovalsPage(QWidget):
    """Pending name changes: leads approve or reject (never their own), agents see theirs.

    Each decision is confirmed in the page ("Approved: …"); an empty list says so. The
    page links to the customer and the ticket through signals the main window wires.
    """

    decided = Signal()
    #: "Open customer": the customer's id
    open_customer = Signal(int)
    #: "Open ticket": the ticket reference (#KCP-…); the button shows only when wired
    open_ticket = Signal(str)
    #: how many requests wait for this agent (a lead: the ones they may decide; an
    #: agent: their own), after each refresh and :meth:`refresh_count`
    pending_count_changed = Signal(int)

    def __init__(
        self,
        service: NameChangeService,
        session: AgentSession,
        identity: IdentityService | None = None,
    ) -> None:
        super().__init__()
        self._service = service
        self._session = session
        #: the last count of each part ("name", "identity"); the navigation gets their
        #: sum once every wired part has answered
        self._counts: dict[str, int | None] = {"name": None}
        #: the parts asked since the last sum was said: the sum waits for them
        self._awaiting: set[str] = set()
        #: identity cases waiting for a lead (issue 12), below the name changes
        self.identity: IdentityApprovals | None = None
        if identity is not None:
            self.identity = IdentityApprovals(identity, session)
            self._counts["identity"] = None
            self.identity.count_changed.connect(lambda n: self._count_part("identity", n))
            self.identity.count_failed.connect(lambda: self._part_failed("identity"))
            self.identity.open_customer.connect(self.open_customer)
            self.identity.decided.connect(self.decided)
        title = QLabel(self.tr("Pending approvals"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.model: DtoTableModel[NameChangeRequestDTO] = DtoTableModel(
            [
                Column(self.tr("Customer"), lambda r: r.customer_number),
                Column(
                    self.tr("Current name"),
                    lambda r: _name(
                        r.customer_first_name,
                        r.customer_last_name,
                        r.customer_company,
                        r.customer_legal_form,
                    ),
                ),
                Column(
                    self.tr("New name"),
                    lambda r: _name(
                        r.new_first_name, r.new_last_name, r.new_company, r.new_legal_form
                    ),
                ),
                Column(self.tr("Ticket"), lambda r: r.ticket_ref),
                Column(self.tr("Requested by"), lambda r: r.requested_by_name),
                Column(self.tr("Requested"), lambda r: fmt.date_time(r.requested_at)),
                Column(self.tr("Reason"), lambda r: r.reason or ""),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # the names and the reason give up width first; the page never scrolls sideways
        self.table.setProperty("fit_columns", FitColumns(self.table, (1, 2, 6)))
        self.empty = WrappedLabel(self.tr("No requests waiting for approval."))
        self.empty.setObjectName("approvals_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        self.open_customer_button = QPushButton(self.tr("Open customer"))
        self.open_customer_button.setObjectName("open_customer")
        self.open_ticket_button = QPushButton()
        self.open_ticket_button.setObjectName("open_ticket")
        self.decision_reason = QLineEdit()
        self.decision_reason.setObjectName("decision_reason")
        self.decision_reason.setPlaceholderText(self.tr("Reason for your decision (required)"))
        self.approve = QPushButton(self.tr("Approve"))
        self.approve.setObjectName("approve")
        self.reject_button = QPushButton(self.tr("Reject"))
        self.reject_button.setObjectName("reject")
        #: why the selected request cannot be decided here (not a result)
        self.note = WrappedLabel()
        self.note.setObjectName("approvals_note")
        #: the last decision's confirmation, or what went wrong
        self.message = WrappedLabel()
        self.message.setObjectName("approvals_message")
        #: the links and the decision; hidden while nothing waits
        self.decision_area = QWidget()
        links = QHBoxLayout()
        links.addWidget(self.open_customer_button)
        links.addWidget(self.open_ticket_button)
        links.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.decision_reason, 1)
        row.addWidget(self.reject_button)
        row.addWidget(self.approve)
        actions = QVBoxLayout(self.decision_area)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addLayout(links)
        actions.addLayout(row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(title)
        if self.identity is not None:
            layout.addWidget(_section(self.tr("Name and company changes")))
        layout.addWidget(self.table, 1)
        # with the identity cases below, an empty list takes no more room than its words
        layout.addWidget(self.empty, 1 if self.identity is None else 0)
        layout.addWidget(self.decision_area)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        if self.identity is not None:
            layout.addSpacing(12)
            layout.addWidget(_section(self.tr("E-mail changes (identity cases)")))
            layout.addWidget(self.identity, 1)
        self.approve.clicked.connect(lambda: self._decide(approve=True))
        self.reject_button.clicked.connect(lambda: self._decide(approve=False))
        self.open_customer_button.clicked.connect(self._open_customer)
        self.open_ticket_button.clicked.connect(self._open_ticket)
        self.table.doubleClicked.connect(lambda _index: self._open_customer())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def refresh(self) -> None:
        self._awaiting |= set(self._counts)
        Operation(self, self._service.pending, self._session).success(self._show).failure(
            self._failed
        ).run()
        if self.identity is not None:
            self.identity.refresh()

    def refresh_count(self) -> None:
        """Load only the count (for the navigation) without loading the requests."""
        self._awaiting |= set(self._counts)
        Operation(self, self._service.pending_count, self._session).success(
            lambda n: self._count_part("name", n)
        ).failure(self._count_failed).run()
        if self.identity is not None:
            self.identity.refresh_count()

    def _count_part(self, part: str, n: int) -> None:
        """The navigation's count: name changes plus the identity cases this agent may
        decide, said once every part asked for has answered."""
        self._counts[part] = n
        self._awaiting.discard(part)
        if not self._awaiting and all(c is not None for c in self._counts.values()):
            self.pending_count_changed.emit(sum(c or 0 for c in self._counts.values()))

    def _count_failed(self, err: KcpError) -> None:
        # the navigation keeps the last count; the page says what is wrong when opened
        log.info("pending approvals not counted: %s", err.template)
        self._part_failed("name")

    def _part_failed(self, part: str) -> None:
        """A part that could not answer: the others' answers are not held back by it."""
        self._awaiting.discard(part)

    def _show(self, rows: list[NameChangeRequestDTO]) -> None:
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.decision_area.setVisible(bool(rows))
        if rows:
            self.table.selectRow(0)
        self._update_buttons()
        waiting = rows
        if self._session.principal.is_lead:
            waiting = [r for r in rows if r.can_decide]
        self._count_part("name", len(waiting))

    def _selected(self) -> NameChangeRequestDTO | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        request = self._selected()
        allowed = bool(request and request.can_decide)
        self.approve.setEnabled(allowed)
        self.reject_button.setEnabled(allowed)
        self.decision_reason.setEnabled(allowed)
        self.open_customer_button.setEnabled(request is not None)
        self.open_ticket_button.setVisible(self._ticket_link_wired())
        self.open_ticket_button.setEnabled(request is not None)
        self.open_ticket_button.setText(
            self.tr("Open ticket {0}").format(request.ticket_ref)
            if request
            else self.tr("Open ticket")
        )
        if request and not request.can_decide:
            self.note.setText(
                self.tr("Another team lead must decide this request (four-eyes).")
                if self._session.principal.is_lead
                else self.tr("A team lead decides this request.")
            )
            self.note.show()
        else:
            self.note.clear()
            self.note.hide()

    def _ticket_link_wired(self) -> bool:
        return self.isSignalConnected(QMetaMethod.fromSignal(self.open_ticket))

    def _open_customer(self) -> None:
        request = self._selected()
        if request is not None:
            self.open_customer.emit(request.customer_id)

    def _open_ticket(self) -> None:
        request = self._selected()
        if request is not None:
            self.open_ticket.emit(request.ticket_ref)

    def _decide(self, *, approve: bool) -> None:
        request = self._selected()
        if request is None:
            return
        action = self._service.approve if approve else self._service.reject
        Operation(
            self,
            action,
            self._session,
            request.request_id,
            request.version,
            self.decision_reason.text(),
        ).success(self._decided).failure(self._failed).run()

    def _decided(self, request: NameChangeRequestDTO) -> None:
        self.decision_reason.clear()
        # after the decision the customer carries the new name (approved) or the old one
        name = request.customer_display_name
        if request.state == "approved":
            text = self.tr("Approved: {0} is now called “{1}”.")
        else:
            text = self.tr("Rejected: {0} keeps the name “{1}”.")
        self.message.setStyleSheet(_DONE_STYLE)
        self.message.setText(text.format(request.customer_number, name))
        self.decided.emit()
        self.refresh()

    def _failed(self, err: KcpError) -> None:
        self._part_failed("name")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(error_text(err))
        if err.field == "decision_reason":
            self.decision_reason.setFocus(Qt.FocusReason.OtherFocusReason)
