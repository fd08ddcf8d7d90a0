"""Name/company changes (SPEC C1.4, ID-4): an agent requests, a different lead decides."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.errors import KcpError
from kcp_desk.services.customers import ContactData
from kcp_desk.services.name_change import NameChangeRequestDTO, NameChangeService
from kcp_desk.services.principal import AgentSession
from kcp_desk.views import formatting as fmt
from kcp_desk.views.field_rows import ERROR_STYLE, FieldRows
from kcp_desk.views.messages import error_text
from kcp_desk.views.operation import Operation
from kcp_desk.views.table_model import Column, DtoTableModel


class NameChangeDialog(QDialog):
    """Prepare the request; it takes effect only when a team lead approves it."""

    def __init__(
        self,
        parent: QWidget,
        service: NameChangeService,
        session: AgentSession,
        customer_id: int,
        contact: ContactData,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._session = session
        self._customer_id = customer_id
        self.request: NameChangeRequestDTO | None = None
        self.setWindowTitle(self.tr("Request a name change"))
        self.setMinimumWidth(480)

        intro = QLabel(
            self.tr(
                "The new name takes effect when a team lead approves it. Link the ticket "
                "in which the customer asked for it (with the proof, e.g. a register extract)."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.rows = FieldRows(form, prefix="name")
        for key, label, text in (
            ("ticket", self.tr("Ticket (#KCP-…)"), ""),
            ("first_name", self.tr("First name"), contact.first_name),
            ("last_name", self.tr("Last name"), contact.last_name),
            ("company", self.tr("Company"), contact.company or ""),
            ("legal_form", self.tr("Legal form"), contact.legal_form or ""),
            ("reason", self.tr("Reason"), ""),
        ):
            self.rows.add(key, label, text)
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
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

    def _submit(self) -> None:
        text = self.rows.texts()
        self.submit.setEnabled(False)
        Operation(
            self,
            self._service.request,
            self._session,
            self._customer_id,
            text["ticket"],
            text["first_name"],
            text["last_name"],
            text["company"] or None,
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


def _name(first: str, last: str, company: str | None, legal_form: str | None) -> str:
    person = " ".join(p for p in (first, last) if p)
    if company:  # the registered name, legal form included
        return company + (f" ({person})" if person else "")
    return person


class ApprovalsPage(QWidget):
    """Pending name changes: leads approve or reject (never their own), agents see theirs."""

    decided = Signal()

    def __init__(self, service: NameChangeService, session: AgentSession) -> None:
        super().__init__()
        self._service = service
        self._session = session
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
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.decision_reason = QLineEdit()
        self.decision_reason.setObjectName("decision_reason")
        self.decision_reason.setPlaceholderText(self.tr("Reason for your decision (required)"))
        self.approve = QPushButton(self.tr("Approve"))
        self.approve.setObjectName("approve")
        self.reject_button = QPushButton(self.tr("Reject"))
        self.reject_button.setObjectName("reject")
        self.message = QLabel()
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.decision_reason, 1)
        row.addWidget(self.reject_button)
        row.addWidget(self.approve)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(title)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.approve.clicked.connect(lambda: self._decide(approve=True))
        self.reject_button.clicked.connect(lambda: self._decide(approve=False))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def refresh(self) -> None:
        Operation(self, self._service.pending, self._session).success(self._show).failure(
            self._failed
        ).run()

    def _show(self, rows: list[NameChangeRequestDTO]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        self._update_buttons()

    def _selected(self) -> NameChangeRequestDTO | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        request = self._selected()
        allowed = bool(request and request.can_decide)
        self.approve.setEnabled(allowed)
        self.reject_button.setEnabled(allowed)
        if request and not request.can_decide:
            self.message.setText(
                self.tr("Another team lead must decide this request (four-eyes).")
                if self._session.principal.is_lead
                else self.tr("A team lead decides this request.")
            )
        else:
            self.message.clear()

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

    def _decided(self, _request: NameChangeRequestDTO) -> None:
        self.decision_reason.clear()
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(self.tr("Decision saved."))
        self.decided.emit()
        self.refresh()

    def _failed(self, err: KcpError) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(error_text(err))
        if err.field == "decision_reason":
            self.decision_reason.setFocus(Qt.FocusReason.OtherFocusReason)
