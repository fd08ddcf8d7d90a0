"""One ticket (issue 10, T-2/T-4/T-5): who has it, its state, the message thread, the
composer for replies and internal notes, and its linked support orders.

Internal notes must never be mistakable for something the customer sees: they sit on a
yellow ground behind a striped edge and say "Internal note – the customer does not see
this" above their text; the composer turns the same colour when it writes one. Message
bodies are plain text (``Qt.PlainText``): nothing a customer writes is rendered.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.errors import KcpError, SecretLookingReply, StaleEdit, TicketClosed
from kcp_desk.services.desk import DeskServices
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.tickets import ClaimResult, TicketDetail, TicketStatus
from kcp_desk.services.tickets.thread_dto import ThreadMessage
from kcp_desk.views import formatting as fmt
from kcp_desk.views.field_rows import WrappedLabel
from kcp_desk.views.messages import error_text
from kcp_desk.views.operation import Operation
from kcp_desk.views.ticket_dialogs import HandOverDialog, ReassignDialog
from kcp_desk.views.unsaved import UnsavedGuard

__all__ = ["TicketView"]

#: text into the rich-text labels (facts, customer link, orders): nothing is markup
_escape = partial(escape, quote=False)

#: the grounds and edges of the three kinds of message
_STYLE = {
    "customer": ("#ffffff", "#1565c0", "solid"),
    "reply": ("#e8f1fb", "#1565c0", "solid"),
    "internal_note": ("#fff6d5", "#b7791f", "dashed"),
}
_NOTE_GROUND = "#fff6d5"


class _Message(QFrame):
    """One message of the thread, its kind visible at a glance."""

    def __init__(self, message: ThreadMessage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = message.kind
        self.setObjectName(f"message_{message.kind}")
        ground, edge, line = _STYLE.get(message.kind, _STYLE["customer"])
        self.setStyleSheet(
            f"QFrame#{self.objectName()} {{ background: {ground}; border: 1px {line} {edge};"
            f" border-left: 4px {line} {edge}; border-radius: 3px; }}"
        )
        head = QLabel(self._heading(message))
        head.setObjectName("message_heading")
        head.setStyleSheet(f"color: {edge}; font-weight: bold; border: none;")
        head.setWordWrap(True)
        body = WrappedLabel(message.body)
        body.setObjectName("message_body")
        body.setTextFormat(Qt.TextFormat.PlainText)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        body.setStyleSheet("border: none; color: #1a1a1a;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.addWidget(head)
        layout.addWidget(body)
        if message.kind == "customer":
            layout.setContentsMargins(10, 6, 48, 8)  # the customer on the left
        else:
            layout.setContentsMargins(48, 6, 10, 8)

    def _heading(self, m: ThreadMessage) -> str:
        when = fmt.date_time(m.created_at)
        if m.kind == "customer":
            return self.tr("Customer message · {0} · {1}").format(m.author, when)
        if m.kind == "reply":
            return self.tr("Reply to the customer · {0} · {1}").format(m.author, when)
        return self.tr("Internal note – the customer does not see this · {0} · {1}").format(
            m.author, when
        )


class TicketView(QWidget):
    """The ticket screen of the Tickets page."""

    back_requested = Signal()
    open_customer = Signal(int)
    #: this desk changed the ticket (the queues read again)
    changed = Signal()
    #: a linked support order was clicked (its id)
    open_order = Signal(int)

    def __init__(self, services: DeskServices, session: AgentSession) -> None:
        super().__init__()
        self._services = services
        self._session = session
        self.detail: TicketDetail | None = None
        self._ticket_id: int | None = None
        self.guard = UnsavedGuard(self)
        self.guard.add(self)

        self.back = QPushButton(self.tr("← Queue"))
        self.back.setObjectName("ticket_back")
        self.back.setAutoDefault(False)
        self.back.clicked.connect(self.back_requested.emit)
        self.title = WrappedLabel()
        self.title.setObjectName("ticket_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.customer = QLabel()
        self.customer.setObjectName("ticket_customer")
        self.customer.setTextFormat(Qt.TextFormat.RichText)
        self.customer.linkActivated.connect(self._customer_link)
        self.facts = WrappedLabel()
        self.facts.setObjectName("ticket_facts")
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        #: "already taken by …", a refused change, a closed ticket: said here, no dialog
        self.note = WrappedLabel()
        self.note.setObjectName("ticket_note")
        self.note.setStyleSheet("color: #8a1c1c; font-weight: bold;")
        self.note.hide()

        self.claim_button = QPushButton(self.tr("Claim"))
        self.claim_button.setObjectName("ticket_claim")
        self.claim_button.clicked.connect(self.claim)
        self.release_button = QPushButton(self.tr("Release"))
        self.release_button.setObjectName("ticket_release")
        self.release_button.clicked.connect(self._release)
        self.hand_over_button = QPushButton(self.tr("Hand over…"))
        self.hand_over_button.setObjectName("ticket_hand_over")
        self.hand_over_button.clicked.connect(self._hand_over)
        self.reassign_button = QPushButton(self.tr("Reassign…"))
        self.reassign_button.setObjectName("ticket_reassign")
        self.reassign_button.clicked.connect(self._reassign)
        self.reassign_button.setVisible(session.principal.is_lead)
        self.state_buttons: dict[str, QPushButton] = {}
        for state, label in (
            ("open", self.tr("Mark open")),
            ("pending_customer", self.tr("Pending customer")),
            ("closed", self.tr("Close ticket")),
        ):
            button = QPushButton(label)
            button.setObjectName(f"ticket_state_{state}")
            button.clicked.connect(lambda _=False, s=state: self._change_state(s))
            self.state_buttons[state] = button
        for button in self._action_buttons():
            button.setAutoDefault(False)
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        for button in (self.claim_button, self.release_button, self.hand_over_button):
            actions.addWidget(button)
        actions.addWidget(self.reassign_button)
        actions.addStretch(1)
        for button in self.state_buttons.values():
            actions.addWidget(button)

        self.thread_box = QWidget()
        self.thread_layout = QVBoxLayout(self.thread_box)
        self.thread_layout.setContentsMargins(0, 0, 8, 0)
        self.thread_layout.setSpacing(8)
        self.thread_layout.addStretch(1)
        self.thread_scroll = QScrollArea()
        self.thread_scroll.setObjectName("ticket_thread")
        self.thread_scroll.setWidgetResizable(True)
        self.thread_scroll.setWidget(self.thread_box)
        self.thread_scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.orders_heading = QLabel(self.tr("Support orders"))
        self.orders_heading.setStyleSheet("font-weight: bold;")
        self.orders = WrappedLabel()
        self.orders.setObjectName("ticket_orders")
        self.orders.setTextFormat(Qt.TextFormat.RichText)
        self.orders.linkActivated.connect(self._order_link)

        self.closed_banner = WrappedLabel(
            self.tr(
                "This ticket is closed and in the archive: read only. A message from the "
                "customer reopens it."
            )
        )
        self.closed_banner.setObjectName("ticket_closed_banner")
        self.closed_banner.setStyleSheet(
            "background: #eceff1; color: #37474f; padding: 6px; border-radius: 3px;"
        )
        self.closed_banner.hide()
        self.reply_kind = QRadioButton(self.tr("Reply to the customer"))
        self.reply_kind.setObjectName("composer_reply")
        self.note_kind = QRadioButton(self.tr("Internal note"))
        self.note_kind.setObjectName("composer_note")
        self._kinds = QButtonGroup(self)
        self._kinds.addButton(self.reply_kind)
        self._kinds.addButton(self.note_kind)
        self.reply_kind.setChecked(True)
        self._kinds.buttonToggled.connect(lambda *_: self._composer_colours())
        self.composer = QPlainTextEdit()
        self.composer.setObjectName("composer")
        self.composer.setTabChangesFocus(True)
        self.composer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.composer.setFixedHeight(self.fontMetrics().height() * 5 + 16)
        self.send_button = QPushButton(self.tr("Send reply"))
        self.send_button.setObjectName("composer_send")
        self.send_button.setAutoDefault(False)
        self.send_button.clicked.connect(self.send)
        self.composer_error = WrappedLabel()
        self.composer_error.setObjectName("composer_error")
        self.composer_error.setStyleSheet("color: #8a1c1c;")
        self.composer_error.hide()
        send_key = QShortcut(QKeySequence("Ctrl+Return"), self.composer)
        send_key.activated.connect(self.send)
        kinds = QHBoxLayout()
        kinds.setContentsMargins(0, 0, 0, 0)
        kinds.addWidget(self.reply_kind)
        kinds.addWidget(self.note_kind)
        kinds.addStretch(1)
        kinds.addWidget(self.send_button)
        self.composer_box = QWidget()
        box = QVBoxLayout(self.composer_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(kinds)
        box.addWidget(self.composer)
        box.addWidget(self.composer_error)

        top = QHBoxLayout()
        top.addWidget(self.back, alignment=Qt.AlignmentFlag.AlignTop)
        top.addSpacing(8)
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.title)
        heading.addWidget(self.customer)
        heading.addWidget(self.facts)
        top.addLayout(heading, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.note)
        layout.addWidget(self.thread_scroll, 1)
        layout.addWidget(self.orders_heading)
        layout.addWidget(self.orders)
        layout.addWidget(self.closed_banner)
        layout.addWidget(self.composer_box)
        self._composer_colours()
        #: asked before a reply that looks like it holds a secret is sent (tests answer it)
        self.secret_question: QMessageBox | None = None

    # --- opening --------------------------------------------------------------------------

    def open_ticket(self, ticket_id: int) -> None:
        """Load the ticket off the GUI thread (the composer is emptied: the page asked)."""
        if ticket_id != self._ticket_id:
            self.composer.clear()
            self.composer_error.hide()
        self._ticket_id = ticket_id
        self.note.hide()
        self._load()

    def reload(self) -> None:
        """A live change: read the ticket again; what is typed in the composer stays."""
        if self._ticket_id is not None:
            self._load()

    @property
    def ticket_id(self) -> int | None:
        return self._ticket_id

    def _load(self, then: Callable[[], None] | None = None) -> None:
        ticket_id = self._ticket_id
        assert ticket_id is not None

        def loaded(detail: TicketDetail) -> None:
            if detail.ticket_id == self._ticket_id:
                self.show_detail(detail)
                if then is not None:
                    then()

        Operation(self, self._services.thread.open, self._session, ticket_id).success(
            loaded
        ).failure(self._say).run()

    def show_detail(self, d: TicketDetail) -> None:
        scrolled_to_end = self._at_end()
        old_count = len(self.detail.messages) if self.detail else -1
        self.detail = d
        self.title.setText(f"{d.ref}  {d.subject}")
        self.customer.setText(
            f'<a href="customer:{d.customer_id}">{_escape(d.customer_number)} '
            f"{_escape(d.customer_name)}</a>"
        )
        self.facts.setText(self._facts(d))
        me = self._session.principal.agent_id
        mine = d.assignee_id == me
        lead = self._session.principal.is_lead
        self.claim_button.setVisible(d.assignee_id is None and not d.closed)
        self.release_button.setVisible(mine and not d.closed)
        self.hand_over_button.setVisible(mine and not d.closed)
        self.reassign_button.setVisible(lead and not d.closed)
        for state, button in self.state_buttons.items():
            button.setVisible(state in d.allowed_states)
        self.closed_banner.setVisible(d.closed)
        self.composer_box.setVisible(not d.closed)
        self.reply_kind.setEnabled(d.may_reply)
        if not d.may_reply and self.reply_kind.isChecked():
            self.note_kind.setChecked(True)
        if d.may_reply and not self.composer.toPlainText():
            self.reply_kind.setChecked(True)
        self._show_thread(d.messages)
        self._show_orders(d)
        if old_count != len(d.messages) and (scrolled_to_end or old_count < 0):
            self._scroll_to_end()

    def _facts(self, d: TicketDetail) -> str:
        parts = [
            self.tr("State: {0}").format(_escape(fmt.value(d.state))),
            self.tr("Priority: {0}").format(_escape(fmt.value(d.priority))),
            self.tr("Assignee: {0}").format(_escape(d.assignee_name or self.tr("nobody"))),
            self.tr("Created {0}").format(_escape(fmt.date_time(d.created_at))),
        ]
        if d.sla_due is not None:
            due = _escape(fmt.date_time(d.sla_due))
            if d.overdue:
                parts.append(
                    '<span style="color:#c62828; font-weight:bold;">'
                    + self.tr("⚠ overdue since {0}").format(due)
                    + "</span>"
                )
            elif d.first_responded_at is None and d.first_response_due is not None:
                parts.append(self.tr("First response due {0}").format(due))
            else:
                parts.append(self.tr("Resolution due {0}").format(due))
        if d.state == "pending_customer":
            parts.append(self.tr("the resolution clock is stopped"))
        if d.closed_at is not None:
            parts.append(self.tr("Closed {0}").format(_escape(fmt.date_time(d.closed_at))))
        return " · ".join(parts)

    def _show_thread(self, messages: tuple[ThreadMessage, ...]) -> None:
        while self.thread_layout.count() > 1:
            item = self.thread_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for i, m in enumerate(messages):
            self.thread_layout.insertWidget(i, _Message(m))

    def _show_orders(self, d: TicketDetail) -> None:
        if not d.linked_orders:
            self.orders.setText(
                '<span style="color: palette(placeholder-text);">'
                + _escape(self.tr("No support order is linked to this ticket."))
                + "</span>"
            )
            return
        lines = [
            f'<a href="order:{o.order_id}">{_escape(o.ref)}</a> · {_escape(fmt.value(o.state))}'
            + (f" · {_escape(o.summary)}" if o.summary else "")
            for o in d.linked_orders
        ]
        self.orders.setText("<br>".join(lines))

    def _at_end(self) -> bool:
        bar = self.thread_scroll.verticalScrollBar()
        return bar.value() >= bar.maximum() - 4

    def _scroll_to_end(self) -> None:
        self.thread_box.adjustSize()
        bar = self.thread_scroll.verticalScrollBar()
        bar.rangeChanged.connect(self._to_end_once)
        bar.setValue(bar.maximum())

    def _to_end_once(self, _low: int, high: int) -> None:
        bar = self.thread_scroll.verticalScrollBar()
        bar.rangeChanged.disconnect(self._to_end_once)
        bar.setValue(high)

    # --- assignment and state -----------------------------------------------------------

    def claim(self) -> None:
        d = self.detail
        if d is None:
            return
        self._busy(True)
        Operation(self, self._services.tickets.claim, self._session, d.ticket_id).success(
            self._claimed
        ).failure(self._refused).run()

    def _claimed(self, result: ClaimResult) -> None:
        self._busy(False)
        self.changed.emit()
        if result.won:
            self._load()
            return
        # T-4: the loser is told who has the ticket, here, without an error dialog
        self._load(lambda: self._say_text(self._claim_message(result)))

    def _claim_message(self, result: ClaimResult) -> str:
        if result.template is None:
            return ""
        return QCoreApplication.translate("KcpError", result.template).format(**result.params)

    def _release(self) -> None:
        self._act(self._services.tickets.release)

    def _hand_over(self) -> None:
        d = self.detail
        if d is None:
            return
        dialog = HandOverDialog(self._services.tickets, self._session, d, self)
        dialog.done_with.connect(self._changed_by_dialog)
        dialog.open()

    def _reassign(self) -> None:
        d = self.detail
        if d is None:
            return
        dialog = ReassignDialog(self._services.tickets, self._session, d, self)
        dialog.done_with.connect(self._changed_by_dialog)
        dialog.open()

    def _changed_by_dialog(self, _status: TicketStatus) -> None:
        self.changed.emit()
        self._load()

    def _change_state(self, state: str) -> None:
        self._act(self._services.tickets.change_state, state)

    def _act(self, fn: Callable[..., TicketStatus], *args: Any) -> None:
        d = self.detail
        if d is None:
            return
        self._busy(True)
        Operation(self, fn, self._session, d.ticket_id, d.version, *args).success(
            self._acted
        ).failure(self._refused).run()

    def _acted(self, _status: TicketStatus) -> None:
        self._busy(False)
        self.note.hide()
        self.changed.emit()
        self._load()

    def _refused(self, error: KcpError) -> None:
        self._busy(False)
        if isinstance(error, StaleEdit | TicketClosed):
            # someone else changed it first: show what is true now, then say so
            self._load(lambda: self._say(error))
            return
        self._say(error)

    def _busy(self, busy: bool) -> None:
        for button in self._action_buttons():
            button.setEnabled(not busy)

    def _action_buttons(self) -> list[QPushButton]:
        return [
            self.claim_button,
            self.release_button,
            self.hand_over_button,
            self.reassign_button,
            *self.state_buttons.values(),
        ]

    def _say(self, error: KcpError) -> None:
        self._say_text(error_text(error))

    def _say_text(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    # --- the composer ---------------------------------------------------------------------

    def _composer_colours(self) -> None:
        note = self.note_kind.isChecked()
        self.composer.setStyleSheet(
            f"QPlainTextEdit {{ background: {_NOTE_GROUND}; }}" if note else ""
        )
        self.composer.setPlaceholderText(
            self.tr("Internal note for colleagues – the customer does not see it")
            if note
            else self.tr("Reply to the customer")
        )
        self.send_button.setText(self.tr("Save note") if note else self.tr("Send reply"))

    def send(self, *, confirmed: bool = False) -> None:
        d = self.detail
        body = self.composer.toPlainText()
        if d is None or not body.strip() or not self.send_button.isEnabled():
            return
        kind = "internal_note" if self.note_kind.isChecked() else "reply"
        self.send_button.setEnabled(False)
        self.composer.setReadOnly(True)
        self.composer_error.hide()
        Operation(
            self,
            self._services.thread.post,
            self._session,
            d.ticket_id,
            d.version,
            kind,
            body,
            confirmed=confirmed,
        ).success(self._sent).failure(self._not_sent).run()

    def _sent(self, detail: TicketDetail) -> None:
        self._composer_ready()
        self.composer.clear()
        self.changed.emit()
        self.show_detail(detail)
        self._scroll_to_end()

    def _not_sent(self, error: KcpError) -> None:
        self._composer_ready()  # the text stays as typed
        if isinstance(error, SecretLookingReply):
            self._ask_about_secret()
            return
        if isinstance(error, StaleEdit):
            # a colleague changed the ticket meanwhile: show it, keep the text, send again
            self._load(lambda: self._composer_says(error))
            return
        self._composer_says(error)

    def _composer_says(self, error: KcpError) -> None:
        self.composer_error.setText(error_text(error))
        self.composer_error.show()

    def _composer_ready(self) -> None:
        self.send_button.setEnabled(True)
        self.composer.setReadOnly(False)

    def _ask_about_secret(self) -> None:
        box = QMessageBox(self)
        box.setObjectName("secret_question")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Send this reply?"))
        box.setText(self.tr("This reply looks like it contains a password or a key."))
        box.setInformativeText(
            self.tr(
                "The customer will read it in the portal and by e-mail. Credentials belong "
                "in a support order's vault, never in a reply."
            )
        )
        edit = box.addButton(self.tr("Edit reply"), QMessageBox.ButtonRole.RejectRole)
        send = box.addButton(self.tr("Send anyway"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(edit)
        box.setEscapeButton(edit)

        def answered() -> None:
            self.secret_question = None
            if box.clickedButton() is send:
                self.send(confirmed=True)
            else:
                self.composer.setFocus()

        box.finished.connect(answered)
        self.secret_question = box
        box.open()

    # --- the unsaved-changes guard (views/unsaved.py) -------------------------------------

    def has_unsaved_changes(self) -> bool:
        return bool(self.composer.toPlainText().strip()) and self.composer_box.isVisible()

    def save_changes(self, done: Callable[[bool], None]) -> None:
        """A draft is not sent by a question about leaving: keep the agent here."""
        done(False)

    def discard_changes(self) -> None:
        self.composer.clear()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc: back to the queue (the draft stays until another ticket is opened)."""
        if event.key() == Qt.Key.Key_Escape:
            self.back_requested.emit()
            return
        super().keyPressEvent(event)

    def _order_link(self, link: str) -> None:
        if link.startswith("order:"):
            self.open_order.emit(int(link.split(":", 1)[1]))

    def _customer_link(self, link: str) -> None:
        if link.startswith("customer:"):
            self.open_customer.emit(int(link.split(":", 1)[1]))
