"""Handing a ticket over (the assignee, T-5) and reassigning it (a lead, reason
required, T-5). The service decides who may; the dialogs only ask for the colleague
and the reason, and keep both when the service refuses."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.errors import KcpError
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.tickets import Colleague, TicketAssignment, TicketDetail, TicketStatus
from kcp_desk.views.dialog_height import grow_to_fit
from kcp_desk.views.field_rows import ERROR_STYLE, WrappedLabel
from kcp_desk.views.messages import error_text
from kcp_desk.views.operation import Operation

__all__ = ["HandOverDialog", "ReassignDialog"]


class _ColleagueDialog(QDialog):
    """Pick a colleague (loaded off the GUI thread), optionally with a reason."""

    done_with = Signal(object)  # the TicketStatus after the change

    def __init__(
        self,
        tickets: TicketAssignment,
        session: AgentSession,
        detail: TicketDetail,
        parent: QWidget,
        *,
        with_reason: bool,
    ) -> None:
        super().__init__(parent)
        self._tickets = tickets
        self._session = session
        self.detail = detail
        self.setMinimumWidth(460)
        self.intro = WrappedLabel()
        self.colleague = QComboBox()
        self.colleague.setObjectName("colleague")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.fontMetrics().height() * 4 + 12)
        self.reason.setVisible(with_reason)
        self.error = WrappedLabel()
        self.error.setObjectName("dialog_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Colleague"), self.colleague)
        if with_reason:
            form.addRow(self.tr("Reason"), self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        Operation(self, tickets.colleagues, session).success(self._colleagues).failure(
            self._refused
        ).run()

    def _colleagues(self, colleagues: tuple[Colleague, ...]) -> None:
        for c in colleagues:
            if c.agent_id != self.detail.assignee_id:
                self.colleague.addItem(c.display_name, c.agent_id)
        self.ok.setEnabled(self.colleague.count() > 0)
        self.colleague.setFocus()

    def _submit(self) -> None:
        agent_id = self.colleague.currentData()
        if agent_id is None:
            return
        self.ok.setEnabled(False)
        self.error.hide()
        self._run(int(agent_id)).success(self._done).failure(self._refused).run()

    def _run(self, agent_id: int) -> Operation:
        raise NotImplementedError

    def _done(self, status: TicketStatus) -> None:
        self.done_with.emit(status)
        self.accept()

    def _refused(self, error: KcpError) -> None:
        self.ok.setEnabled(self.colleague.count() > 0)
        self.error.setText(error_text(error))
        self.error.show()
        grow_to_fit(self)


def _with_orders(intro: str, detail: TicketDetail) -> str:
    """T-5, V-4: say that the support orders' credentials go along, under a new key."""
    open_orders = [o.ref for o in detail.linked_orders if o.open]
    if not open_orders:
        return intro
    moved = _OrdersGoAlong().text(len(open_orders))
    return f"{intro}\n\n{moved} ({', '.join(open_orders)})"


class _OrdersGoAlong(QObject):
    """Its own class, so that the plural's translation context is exactly this name
    (``tr`` in a base class of the two dialogs would not match at run time)."""

    def text(self, n: int) -> str:
        return self.tr(
            "The credentials of %n support orders go along: they are encrypted anew for the "
            "colleague, and the previous handler can no longer open them.",
            "",
            n,
        )


class HandOverDialog(_ColleagueDialog):
    def __init__(
        self,
        tickets: TicketAssignment,
        session: AgentSession,
        detail: TicketDetail,
        parent: QWidget,
    ) -> None:
        super().__init__(tickets, session, detail, parent, with_reason=False)
        self.setWindowTitle(self.tr("Hand over {0}").format(detail.ref))
        intro = self.tr("The colleague gets the ticket at once; you no longer have it.")
        self.intro.setText(_with_orders(intro, detail))
        self.ok.setText(self.tr("Hand over"))

    def _run(self, agent_id: int) -> Operation:
        d = self.detail
        return Operation(
            self, self._tickets.hand_over, self._session, d.ticket_id, d.version, agent_id
        )


class ReassignDialog(_ColleagueDialog):
    def __init__(
        self,
        tickets: TicketAssignment,
        session: AgentSession,
        detail: TicketDetail,
        parent: QWidget,
    ) -> None:
        super().__init__(tickets, session, detail, parent, with_reason=True)
        self.setWindowTitle(self.tr("Reassign {0}").format(detail.ref))
        holder = detail.assignee_name or self.tr("nobody")
        intro = self.tr("Now with: {0}. The reason goes into the audit log.").format(holder)
        self.intro.setText(_with_orders(intro, detail))
        self.reason.setPlaceholderText(self.tr("Why (required)"))
        self.ok.setText(self.tr("Reassign"))

    def _run(self, agent_id: int) -> Operation:
        d = self.detail
        return Operation(
            self,
            self._tickets.reassign,
            self._session,
            d.ticket_id,
            d.version,
            agent_id,
            self.reason.toPlainText(),
        )
