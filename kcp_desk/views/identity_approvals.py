"""Identity cases waiting for a team lead (ID-4): the second part of the approvals page.

A lead who did not prepare the case approves or rejects it with a reason (the service
enforces it; the buttons follow ``CaseSummary.can_decide``). The list shows what the
decision rests on, never a value: the factors that passed, how many doubts, the new
e-mail masked. "Show case…" opens the case read-only; "Open customer" the customer.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.errors import KcpError
from kcp_desk.services.identity.dto import CaseDTO, CaseSummary
from kcp_desk.services.principal import AgentSession
from kcp_desk.views import formatting as fmt
from kcp_desk.views import identity_text as text
from kcp_desk.views.field_rows import ERROR_STYLE, WrappedLabel
from kcp_desk.views.fit_columns import FitColumns
from kcp_desk.views.identity_case import IdentityCaseDialog
from kcp_desk.views.messages import error_text
from kcp_desk.views.operation import Operation
from kcp_desk.views.table_model import Column, DtoTableModel

if TYPE_CHECKING:
    from kcp_desk.services.identity import IdentityService

__all__ = ["IdentityApprovals"]

log = logging.getLogger(__name__)

_DONE_STYLE = "color: #1b5e20;"


class IdentityApprovals(QWidget):
    """The waiting identity cases with their decision (a section of ``ApprovalsPage``)."""

    decided = Signal()
    #: "Open customer": the customer's id
    open_customer = Signal(int)
    #: how many waiting cases this agent may decide, after each refresh / count
    count_changed = Signal(int)
    #: the list or the count could not be loaded (the last count stands)
    count_failed = Signal()

    def __init__(self, service: IdentityService, session: AgentSession) -> None:
        super().__init__()
        self.setObjectName("identity_approvals")
        self._service = service
        self._session = session
        self.model: DtoTableModel[CaseSummary] = DtoTableModel(
            [
                Column(self.tr("Customer"), lambda c: f"{c.customer_number} {c.customer_name}"),
                Column(self.tr("Prepared by"), lambda c: c.prepared_by_name),
                Column(self.tr("Submitted"), lambda c: fmt.date_time(c.submitted_at)),
                Column(self.tr("Factors passed"), lambda c: text.passed_marks(c.passed)),
                Column(self.tr("Doubts"), lambda c: str(c.doubts), align_right=True),
                Column(self.tr("New e-mail"), lambda c: c.new_email_masked or "–"),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setObjectName("identity_approvals_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # the customer's name gives up width first: no sideways scrolling, and the new
        # e-mail (short once masked) stays readable
        self.table.setProperty("fit_columns", FitColumns(self.table, (0,)))
        self.empty = WrappedLabel(self.tr("No identity cases waiting for approval."))
        self.empty.setObjectName("identity_approvals_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: palette(placeholder-text);")
        self.empty.hide()
        self.open_customer_button = QPushButton(self.tr("Open customer"))
        self.open_customer_button.setObjectName("identity_open_customer")
        self.show_case_button = QPushButton(self.tr("Show case…"))
        self.show_case_button.setObjectName("identity_show_case")
        self.decision_reason = QLineEdit()
        self.decision_reason.setObjectName("identity_decision_reason")
        self.decision_reason.setPlaceholderText(self.tr("Reason for your decision (required)"))
        self.approve = QPushButton(self.tr("Approve"))
        self.approve.setObjectName("identity_approve")
        self.reject_button = QPushButton(self.tr("Reject"))
        self.reject_button.setObjectName("identity_reject")
        #: why the selected case cannot be decided here (four-eyes), not a result
        self.note = WrappedLabel()
        self.note.setObjectName("identity_approvals_note")
        self.note.hide()
        #: the last decision's confirmation, or what went wrong
        self.message = WrappedLabel()
        self.message.setObjectName("identity_approvals_message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.decision_area = QWidget()
        links = QHBoxLayout()
        links.addWidget(self.open_customer_button)
        links.addWidget(self.show_case_button)
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
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.decision_area)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        self.approve.clicked.connect(lambda: self._decide(approve=True))
        self.reject_button.clicked.connect(lambda: self._decide(approve=False))
        self.decision_reason.returnPressed.connect(self._reason_entered)
        self.open_customer_button.clicked.connect(self._open_customer)
        self.show_case_button.clicked.connect(self._show_case)
        self.table.doubleClicked.connect(lambda _index: self._show_case())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.decision_area.hide()
        self._deciding = False
        self._update_buttons()

    # --- loading ------------------------------------------------------------------------

    def refresh(self) -> None:
        Operation(self, self._service.pending, self._session).success(self._show).failure(
            self._load_failed
        ).run()

    def refresh_count(self) -> None:
        Operation(self, self._service.pending_count, self._session).success(
            self.count_changed.emit
        ).failure(self._count_failed).run()

    def _count_failed(self, err: KcpError) -> None:
        log.info("identity cases not counted: %s", err.template)
        self.count_failed.emit()

    def _load_failed(self, err: KcpError) -> None:
        self._failed(err)
        self.count_failed.emit()

    def _show(self, rows: list[CaseSummary]) -> None:
        selected = self._selected()
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.decision_area.setVisible(bool(rows))
        if rows:
            keep = next(
                (
                    i
                    for i, r in enumerate(rows)
                    if selected is not None and r.case_id == selected.case_id
                ),
                0,
            )
            self.table.selectRow(keep)
        self._update_buttons()
        self.count_changed.emit(sum(1 for r in rows if r.can_decide))

    def _selected(self) -> CaseSummary | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row(index.row())

    def _update_buttons(self) -> None:
        case = self._selected()
        allowed = bool(case and case.can_decide) and not self._deciding
        self.approve.setEnabled(allowed)
        self.reject_button.setEnabled(allowed)
        self.decision_reason.setEnabled(allowed)
        self.open_customer_button.setEnabled(case is not None)
        self.show_case_button.setEnabled(case is not None)
        if case is not None and not case.can_decide:
            self.note.setText(
                self.tr("Another team lead must decide this case: you prepared it (four-eyes).")
                if self._session.principal.is_lead
                else self.tr("A team lead decides this case.")
            )
            self.note.show()
        else:
            self.note.clear()
            self.note.hide()

    # --- actions ------------------------------------------------------------------------

    def _open_customer(self) -> None:
        case = self._selected()
        if case is not None:
            self.open_customer.emit(case.customer_id)

    def _show_case(self) -> None:
        case = self._selected()
        if case is None:
            return
        dialog = IdentityCaseDialog(
            self,
            self._service,
            self._session,
            case.customer_id,
            f"{case.customer_number} {case.customer_name}",
            email_masked="",
            case_id=case.case_id,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def _reason_entered(self) -> None:
        if self.approve.isEnabled() and self.decision_reason.text().strip():
            self._decide(approve=True)

    def _decide(self, *, approve: bool) -> None:
        case = self._selected()
        if case is None or self._deciding:
            return
        self._deciding = True
        self._update_buttons()
        action = self._service.approve if approve else self._service.reject
        Operation(
            self,
            action,
            self._session,
            case.case_id,
            case.version,
            self.decision_reason.text(),
        ).success(self._decided).failure(self._decision_failed).run()

    def _decided(self, case: CaseDTO) -> None:
        self._deciding = False
        self.decision_reason.clear()
        who = f"{case.customer_number} {case.customer_name}"
        if case.state == "approved":
            message = self.tr(
                "Approved: {0} gets the new e-mail {1} (unverified until the customer confirms it)."
            ).format(who, case.new_email_masked or "–")
        else:
            message = self.tr("Rejected: {0} keeps the current e-mail {1}.").format(
                who, case.email_masked
            )
        self.message.setStyleSheet(_DONE_STYLE)
        self.message.setText(message)
        self.decided.emit()
        self.refresh()

    def _decision_failed(self, err: KcpError) -> None:
        self._deciding = False
        self._update_buttons()
        self._failed(err)
        if err.field == "decision_reason":
            self.decision_reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def _failed(self, err: KcpError) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(error_text(err))
