"""One support order (issue 11, SO-1…SO-5): its facts, the customer's consents and cost
acknowledgement, the start gate condition by condition, the state actions, the time
entries against the estimate, the billing line and the credentials by name.

The "In progress" button is disabled while the gate is closed, its tooltip says why;
the service refuses it anyway (a gate can close between loading and clicking), and the
refusal is said in the note line under the actions, nothing lost. The credentials are
shown by name only: each row comes from the injectable ``credential_row`` factory (the
vault's reveal widget); without one, a masked placeholder and a sentence saying who may
open them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from html import escape
from typing import Any, Final

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.errors import KcpError, StaleEdit
from kcp_desk.services.desk import DeskServices
from kcp_desk.services.orders import GATE_REASONS, CredentialAccess, GateCondition, OrderDetail
from kcp_desk.services.principal import AgentSession
from kcp_desk.views import formatting as fmt
from kcp_desk.views.credential_row import CredentialRow, align_rows
from kcp_desk.views.field_rows import WrappedLabel
from kcp_desk.views.messages import error_text
from kcp_desk.views.operation import Operation
from kcp_desk.views.order_dialogs import TimeEntryDialog

__all__ = ["CredentialRowFactory", "OrderView"]

#: builds the widget of one credential (by name) in the Credentials group
CredentialRowFactory = Callable[[str], QWidget]

_escape = partial(escape, quote=False)
_MET: Final = "#2e7d32"
_UNMET: Final = "#c62828"
#: the state badge's colour by state
_STATE_COLOURS: Final = {
    "received": "#546e7a",
    "in_review": "#1565c0",
    "query": "#b7791f",
    "cost_approval": "#b7791f",
    "approved": "#00838f",
    "in_progress": "#6a1b9a",
    "done": "#2e7d32",
    "billed": "#37474f",
    "rejected": "#8a1c1c",
    "cancelled": "#8a1c1c",
}
_MASK: Final = "••••••••"


class OrderView(QWidget):
    """The order screen (opened from a ticket's linked orders or a customer's orders)."""

    back_requested = Signal()
    open_customer = Signal(int)
    open_ticket = Signal(int)
    #: this desk changed the order (lists read again)
    changed = Signal()
    #: an order was loaded (or reloaded): the lead wires the credential widgets to it
    opened = Signal(object)  # OrderDetail
    #: a lead hands the credentials to the handler: (order id, the handler shown)
    grant_requested = Signal(int, int)

    #: the time table's columns
    COL_AGENT, COL_START, COL_END, COL_MINUTES, COL_BILLING, COL_NOTE = range(6)

    def __init__(
        self,
        services: DeskServices,
        session: AgentSession,
        *,
        credential_row: CredentialRowFactory | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("order_view")
        self._services = services
        self._session = session
        self._credential_row = credential_row
        self.detail: OrderDetail | None = None
        #: (order, names, access) the credential rows were made for
        self._credentials_shown: tuple[object, ...] | None = None
        self._order_id: int | None = None
        #: the time-entry dialog while it is open (tests fill it)
        self.time_dialog: TimeEntryDialog | None = None

        self.back = QPushButton(self.tr("← Back"))
        self.back.setObjectName("order_back")
        self.back.setAutoDefault(False)
        self.back.clicked.connect(self.back_requested.emit)
        self.title = WrappedLabel()
        self.title.setObjectName("order_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.badge = QLabel()
        self.badge.setObjectName("order_state_badge")
        self.links = WrappedLabel()
        self.links.setObjectName("order_links")
        self.links.setTextFormat(Qt.TextFormat.RichText)
        self.links.linkActivated.connect(self._link)
        self.facts = WrappedLabel()
        self.facts.setObjectName("order_facts")
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        #: a refused change, said here without a dialog
        self.note = WrappedLabel()
        self.note.setObjectName("order_note")
        self.note.setStyleSheet(f"color: {_UNMET}; font-weight: bold;")
        self.note.hide()

        self.state_buttons: dict[str, QPushButton] = {}
        for state, label in (
            ("in_review", self.tr("Start review")),
            ("query", self.tr("Query the customer")),
            ("cost_approval", self.tr("Ask for cost approval")),
            ("approved", self.tr("Approve")),
            ("in_progress", self.tr("Start work")),
            ("done", self.tr("Mark done")),
            ("rejected", self.tr("Reject")),
            ("cancelled", self.tr("Cancel order")),
        ):
            button = QPushButton(label)
            button.setObjectName(f"order_state_{state}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, s=state: self.change_state(s))
            button.hide()  # shown per order: the targets it allows
            self.state_buttons[state] = button
        self.bill_button = QPushButton(self.tr("Bill"))
        self.bill_button.setObjectName("order_bill")
        self.bill_button.setAutoDefault(False)
        self.bill_button.clicked.connect(self.bill)
        self.bill_button.hide()
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        for button in self.state_buttons.values():
            actions.addWidget(button)
        actions.addWidget(self.bill_button)
        actions.addStretch(1)

        # --- the cards ----------------------------------------------------------------
        self.order_box, order_layout = self._group("order_fields", self.tr("Order"))
        self.fields = WrappedLabel()
        self.fields.setObjectName("order_fields_text")
        self.fields.setTextFormat(Qt.TextFormat.RichText)
        self.description = WrappedLabel()
        self.description.setObjectName("order_description")
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        order_layout.addWidget(self.fields)
        order_layout.addWidget(self.description)

        self.consents_box, consents_layout = self._group("order_consents", self.tr("Consents"))
        self.consents = WrappedLabel()
        self.consents.setObjectName("order_consents_text")
        self.consents.setTextFormat(Qt.TextFormat.RichText)
        consents_layout.addWidget(self.consents)

        self.cost_box, cost_layout = self._group("order_cost", self.tr("Cost acknowledgement"))
        self.cost = WrappedLabel()
        self.cost.setObjectName("order_cost_text")
        self.cost.setTextFormat(Qt.TextFormat.RichText)
        cost_layout.addWidget(self.cost)

        self.gate_box, gate_layout = self._group("order_gate", self.tr("Start gate"))
        self.gate_summary = WrappedLabel()
        self.gate_summary.setObjectName("order_gate_summary")
        self.gate_summary.setStyleSheet("font-weight: bold;")
        self.gate_rows = QVBoxLayout()
        self.gate_rows.setSpacing(4)
        gate_layout.addWidget(self.gate_summary)
        gate_layout.addLayout(self.gate_rows)
        #: one label per condition key, as shown now (tests read them)
        self.gate_labels: dict[str, WrappedLabel] = {}

        self.credentials_box, cred_layout = self._group("order_credentials", self.tr("Credentials"))
        self.credentials_text = WrappedLabel()
        self.credentials_text.setObjectName("order_credentials_text")
        self.credential_rows = QVBoxLayout()
        self.credential_rows.setSpacing(4)
        cred_layout.addWidget(self.credentials_text)
        cred_layout.addLayout(self.credential_rows)
        # V-4: a lead hands the credentials to a handler who waits for them, explicitly
        self.grant_button = QPushButton()
        self.grant_button.setObjectName("order_grant")
        self.grant_button.hide()
        self.grant_button.clicked.connect(self._grant_clicked)
        cred_layout.addWidget(self.grant_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.billing_box, billing_layout = self._group("order_billing", self.tr("Billing"))
        self.billing = WrappedLabel()
        self.billing.setObjectName("order_billing_text")
        billing_layout.addWidget(self.billing)

        self.time_box, time_layout = self._group("order_time", self.tr("Time entries"))
        self.totals = WrappedLabel()
        self.totals.setObjectName("order_totals")
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        self.clock_button = QPushButton(self.tr("Start clock"))
        self.clock_button.setObjectName("order_clock")
        self.clock_button.setAutoDefault(False)
        self.clock_button.clicked.connect(self.toggle_clock)
        self.add_time_button = QPushButton(self.tr("Add time…"))
        self.add_time_button.setObjectName("order_add_time")
        self.add_time_button.setAutoDefault(False)
        self.add_time_button.clicked.connect(self.add_time)
        self.time_table = QTableWidget(0, 6)
        self.time_table.setObjectName("order_time_table")
        self.time_table.setHorizontalHeaderLabels(
            [
                self.tr("Agent"),
                self.tr("Start"),
                self.tr("End"),
                self.tr("Minutes"),
                self.tr("Billing"),
                self.tr("Note"),
            ]
        )
        self.time_table.verticalHeader().hide()
        self.time_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.time_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.time_table.horizontalHeader()
        for col in range(5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COL_NOTE, QHeaderView.ResizeMode.Stretch)
        self.time_table.setMinimumHeight(self.fontMetrics().height() * 7)
        time_actions = QHBoxLayout()
        time_actions.setContentsMargins(0, 0, 0, 0)
        time_actions.addWidget(self.totals, 1)
        time_actions.addWidget(self.clock_button, alignment=Qt.AlignmentFlag.AlignTop)
        time_actions.addWidget(self.add_time_button, alignment=Qt.AlignmentFlag.AlignTop)
        time_layout.addLayout(time_actions)
        time_layout.addWidget(self.time_table)

        cards = QWidget()
        grid = QGridLayout(cards)
        grid.setContentsMargins(0, 0, 8, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        left = QVBoxLayout()
        left.setSpacing(10)
        for box in (self.order_box, self.consents_box, self.cost_box):
            left.addWidget(box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(10)
        for box in (self.gate_box, self.credentials_box, self.billing_box):
            right.addWidget(box)
        right.addStretch(1)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.addWidget(self.time_box, 1, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(2, 1)
        self.cards_scroll = QScrollArea()
        self.cards_scroll.setObjectName("order_scroll")
        self.cards_scroll.setWidgetResizable(True)
        self.cards_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.cards_scroll.setWidget(cards)

        title_row = QHBoxLayout()
        title_row.setContentsMargins(0, 0, 0, 0)
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.badge, alignment=Qt.AlignmentFlag.AlignTop)
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addLayout(title_row)
        heading.addWidget(self.links)
        heading.addWidget(self.facts)
        top = QHBoxLayout()
        top.addWidget(self.back, alignment=Qt.AlignmentFlag.AlignTop)
        top.addSpacing(8)
        top.addLayout(heading, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.note)
        layout.addWidget(self.cards_scroll, 1)

    @staticmethod
    def _group(name: str, title: str) -> tuple[QGroupBox, QVBoxLayout]:
        box = QGroupBox(title)
        box.setObjectName(name)
        layout = QVBoxLayout(box)
        layout.setSpacing(6)
        return box, layout

    # --- opening --------------------------------------------------------------------------

    @property
    def order_id(self) -> int | None:
        return self._order_id

    @property
    def credential_access(self) -> CredentialAccess | None:
        """What the acting agent may do with the credentials of the order shown."""
        return None if self.detail is None else self.detail.credential_access

    def open_order(self, order_id: int) -> None:
        """Load the order off the GUI thread."""
        if order_id != self._order_id:
            self.detail = None
        self._order_id = order_id
        self.note.hide()
        self._load()

    def reload(self) -> None:
        if self._order_id is not None:
            self._load()

    def _load(self, then: Callable[[], None] | None = None) -> None:
        order_id = self._order_id
        assert order_id is not None

        def loaded(detail: OrderDetail) -> None:
            if detail.order_id == self._order_id:
                self.show_detail(detail)
                if then is not None:
                    then()

        Operation(self, self._services.orders.detail, self._session, order_id).success(
            loaded
        ).failure(self._say).run()

    def show_detail(self, d: OrderDetail) -> None:
        self.detail = d
        self.title.setText(f"{d.ref}  {d.category}")
        colour = _STATE_COLOURS.get(d.state, "#546e7a")
        self.badge.setText(fmt.value(d.state))
        self.badge.setStyleSheet(
            f"background: {colour}; color: white; border-radius: 8px; padding: 2px 10px;"
            " font-weight: bold;"
        )
        self.links.setText(
            f'<a href="customer:{d.customer_id}">{_escape(d.customer_number)} '
            f"{_escape(d.customer_name)}</a> · "
            + self.tr("Ticket {0}").format(
                f'<a href="ticket:{d.ticket_id}">{_escape(d.ticket_ref)}</a>'
            )
        )
        self.facts.setText(self._facts(d))
        self._show_actions(d)
        self._show_fields(d)
        self._show_consents(d)
        self._show_cost(d)
        self._show_gate(d)
        self._show_time(d)
        self._show_billing(d)
        self._show_credentials(d)
        self.opened.emit(d)

    # --- the parts ------------------------------------------------------------------------

    def _facts(self, d: OrderDetail) -> str:
        server = d.hostname or d.product_name
        parts = [
            self.tr("Server: {0}").format(_escape(server)),
            self.tr("Handler: {0}").format(_escape(d.assignee_name or self.tr("nobody"))),
            self.tr("Placed by: {0}").format(
                _escape(d.submitted_by or self.tr("the main account"))
            ),
            self.tr("Received {0}").format(_escape(fmt.date_time(d.created_at))),
        ]
        return " · ".join(parts)

    def _show_actions(self, d: OrderDetail) -> None:
        for state, button in self.state_buttons.items():
            button.setVisible(state in d.allowed_states)
            button.setEnabled(True)
            button.setToolTip("")
        start = self.state_buttons["in_progress"]
        first = d.first_unmet
        if first is not None:
            start.setEnabled(False)
            start.setToolTip(self.tr("The start gate is closed: {0}").format(self.reason(first)))
        self.bill_button.setVisible(d.may_work and d.state == "done")
        self.bill_button.setEnabled(d.running_entry is None)

    def _show_fields(self, d: OrderDetail) -> None:
        rows = [
            (self.tr("Category"), d.category),
            (self.tr("Product"), d.product_name),
            (self.tr("Server"), d.hostname or "–"),
            (self.tr("State"), fmt.value(d.state)),
        ]
        self.fields.setText(
            "<table cellspacing='0' cellpadding='2'>"
            + "".join(
                f"<tr><td style='color: palette(placeholder-text); padding-right: 12px;'>"
                f"{_escape(k)}</td><td>{_escape(v)}</td></tr>"
                for k, v in rows
            )
            + "</table>"
        )
        self.description.setText(d.description)

    def consent_label(self, kind: str) -> str:
        labels = {
            "standard_config": self.tr("Standard configuration assumed"),
            "third_party_credentials": self.tr("Credentials may be passed to vendors (e.g. Plesk)"),
            "software_updates": self.tr("Software updates allowed"),
            "server_access": self.tr("Access to the server granted"),
            "backup_exists": self.tr("A current backup exists"),
        }
        return labels.get(kind, kind)

    def _show_consents(self, d: OrderDetail) -> None:
        lines = []
        for c in d.consents:
            if c.given:
                mark = f'<span style="color:{_MET}; font-weight:bold;">✓</span>'
                detail = self.tr("wording {0}, {1}, by {2}").format(
                    _escape(c.wording_version or ""),
                    _escape(fmt.date_time(c.given_at)),
                    _escape(c.given_by or ""),
                )
                lines.append(
                    f"{mark} {_escape(self.consent_label(c.kind))}"
                    f'<br><span style="color: palette(placeholder-text);">&nbsp;&nbsp;&nbsp;'
                    f"{detail}</span>"
                )
            else:
                mark = f'<span style="color:{_UNMET}; font-weight:bold;">✗</span>'
                missing = _escape(self.tr("not given"))  # lupdate misses tr() in f-strings
                lines.append(
                    f"{mark} {_escape(self.consent_label(c.kind))} – "
                    f'<span style="color:{_UNMET};">{missing}</span>'
                )
        self.consents.setText("<br>".join(lines))

    def _show_cost(self, d: OrderDetail) -> None:
        c = d.cost
        rows: list[tuple[str, str]] = [(self.tr("Package"), fmt.value(c.package))]
        if c.model == "fixed":
            rows.append((self.tr("Catalogue task"), c.catalogue_task or "–"))
            rows.append(
                (self.tr("Fixed price"), fmt.money(c.fixed_price) if c.fixed_price else "–")
            )
        else:
            rows.append(
                (
                    self.tr("Rate"),
                    self.tr("{0} per started 15 minutes").format(
                        fmt.money(c.rate_per_15min) if c.rate_per_15min is not None else "–"
                    ),
                )
            )
        rows.append(
            (
                self.tr("Estimate"),
                self.tr("{0} min").format(c.estimate_minutes)
                if c.estimate_minutes is not None
                else self.tr("none"),
            )
        )
        rows.append(
            (
                self.tr("Acknowledged"),
                fmt.date_time(c.acknowledged_at) if c.acknowledged_at else self.tr("not yet"),
            )
        )
        self.cost.setText(
            "<table cellspacing='0' cellpadding='2'>"
            + "".join(
                f"<tr><td style='color: palette(placeholder-text); padding-right: 12px;'>"
                f"{_escape(k)}</td><td>{_escape(v)}</td></tr>"
                for k, v in rows
            )
            + "</table>"
        )

    def condition_label(self, key: str) -> str:
        labels = {
            "consents": self.tr("Consents complete"),
            "backup": self.tr("Backup assured"),
            "cost": self.tr("Cost acknowledged and within the estimate"),
            "submitter": self.tr("Placed by an authorised account"),
            "arrears": self.tr("No arrears that block the work"),
        }
        return labels.get(key, key)

    def reason(self, condition: GateCondition) -> str:
        """Why a condition is not met, in the agent's language (the service's words)."""
        template = GATE_REASONS.get(condition.reason or "")
        if template is None:
            return condition.reason or ""
        params: dict[str, Any] = dict(condition.params)
        return QCoreApplication.translate("KcpError", template).format(**params)

    def _show_gate(self, d: OrderDetail) -> None:
        while self.gate_rows.count():
            item = self.gate_rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.gate_labels = {}
        for c in d.gate:
            label = WrappedLabel()
            label.setObjectName(f"order_gate_{c.key}")
            label.setTextFormat(Qt.TextFormat.RichText)
            name = _escape(self.condition_label(c.key))
            if c.met:
                label.setText(f'<span style="color:{_MET}; font-weight:bold;">✓ {name}</span>')
            else:
                label.setText(
                    f'<span style="color:{_UNMET}; font-weight:bold;">✗ {name}</span><br>'
                    f'<span style="color:{_UNMET};">{_escape(self.reason(c))}</span>'
                )
            self.gate_rows.addWidget(label)
            self.gate_labels[c.key] = label
        if d.gate_open:
            self.gate_summary.setText(self.tr("Open: the work may start."))
            self.gate_summary.setStyleSheet(f"font-weight: bold; color: {_MET};")
        else:
            unmet = sum(1 for c in d.gate if not c.met)
            self.gate_summary.setText(self.tr("Closed: %n conditions not met.", "", unmet))
            self.gate_summary.setStyleSheet(f"font-weight: bold; color: {_UNMET};")

    def _show_time(self, d: OrderDetail) -> None:
        t = d.totals
        parts = [
            self.tr("Billable: {0} min (billed as {1} min)").format(
                t.billable_minutes, t.billed_minutes
            ),
            self.tr("Included in the package: {0} min").format(t.included_minutes),
        ]
        if t.estimate_minutes is not None:
            parts.append(self.tr("Estimate: {0} min").format(t.estimate_minutes))
        parts.append(self.tr("So far: {0}").format(fmt.money(t.net_so_far)))
        text = _escape(" · ".join(parts))
        if t.over_estimate_minutes:
            text += (
                f'<br><span style="color:{_UNMET}; font-weight:bold;">'
                + _escape(
                    self.tr("⚠ {0} min over the acknowledged estimate").format(
                        t.over_estimate_minutes
                    )
                )
                + "</span>"
            )
        self.totals.setText(text)
        table = self.time_table
        table.setRowCount(len(d.time_entries))
        for row, e in enumerate(d.time_entries):
            if e.ended_at is None:
                minutes, end = "", self.tr("running")
            else:
                minutes = str(int((e.ended_at - e.started_at).total_seconds() // 60))
                end = fmt.date_time(e.ended_at)
            values = [
                e.agent_name,
                fmt.date_time(e.started_at),
                end,
                minutes,
                self.tr("billable") if e.billable else self.tr("included"),
                e.note.replace("\n", " "),
            ]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col == self.COL_NOTE:
                    item.setToolTip(e.note)
                table.setItem(row, col, item)
        mine = self._my_running(d)
        self.clock_button.setText(self.tr("Stop clock") if mine else self.tr("Start clock"))
        self.clock_button.setVisible(d.may_work and (d.state == "in_progress" or mine is not None))
        self.clock_button.setEnabled(True)
        self.add_time_button.setVisible(d.may_work and d.time_open)
        self.add_time_button.setEnabled(True)

    def _my_running(self, d: OrderDetail) -> Any:
        me = self._session.principal.agent_id
        return next((e for e in d.time_entries if e.running and e.agent_id == me), None)

    def _show_billing(self, d: OrderDetail) -> None:
        if d.billed and d.invoice_number:
            text = self.tr("Billed on invoice {0}.").format(d.invoice_number)
        elif d.billed:
            text = self.tr("Billed without an invoice: all time was included in the package.")
        elif d.state == "done":
            text = self.tr("Done, not billed yet: “Bill” writes the invoice.")
        else:
            text = self.tr("Billed when the order is done.")
        self.billing.setText(text)

    def access_text(self, access: CredentialAccess) -> str:
        if access == CredentialAccess.YOURS:
            return self.tr("You handle this order: you can open these credentials.")
        if access == CredentialAccess.WAITING:
            return self.tr(
                "A lead grants you access to these credentials when the order is assigned to you."
            )
        if access == CredentialAccess.NOT_YOURS:
            return self.tr("Only the assigned handler can open these credentials.")
        return self.tr(
            "No credentials: the customer gave none, or they were deleted when the order ended."
        )

    def _grant_clicked(self) -> None:
        d = self.detail
        if d is not None and d.assignee_id is not None:
            self.grant_button.setEnabled(False)
            self.grant_requested.emit(d.order_id, d.assignee_id)

    def grant_done(self, error: str | None) -> None:
        """After the hand-over: reload (the rows change for nobody here, the button goes),
        or say why not."""
        if error is not None:
            self.grant_button.setEnabled(True)
            self.note.setText(error)
            self.note.show()
        self.reload()

    def _show_credentials(self, d: OrderDetail) -> None:
        shown = (d.order_id, d.credential_names, d.credential_access, d.handler_waiting)
        if shown == self._credentials_shown:
            return  # a reload (live change) keeps the rows: a revealed value stays its 20 s
        self._credentials_shown = shown
        while self.credential_rows.count():
            item = self.credential_rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if isinstance(widget, CredentialRow):
                widget.hide_secret()  # the plaintext goes now, not with deleteLater
            if widget is not None:
                widget.deleteLater()
        self.credentials_text.setText(self.access_text(d.credential_access))
        lead_can_grant = self._session.principal.is_lead and d.handler_waiting
        self.grant_button.setVisible(lead_can_grant)
        self.grant_button.setEnabled(lead_can_grant)
        if lead_can_grant:
            self.grant_button.setText(
                self.tr("Hand the credentials to {0}").format(d.assignee_name or "")
            )
        made: list[CredentialRow] = []
        for name in d.credential_names:
            # only the handler holding a wrap gets Show and Copy; others see the names
            if self._credential_row is not None and d.credential_access == CredentialAccess.YOURS:
                row = self._credential_row(name)
            else:
                row = QWidget()
                row.setObjectName("order_credential")
                line = QHBoxLayout(row)
                line.setContentsMargins(0, 0, 0, 0)
                label = QLabel(name)
                label.setTextFormat(Qt.TextFormat.PlainText)
                label.setMinimumWidth(140)
                mask = QLabel(_MASK)
                mask.setObjectName("order_credential_mask")
                line.addWidget(label)
                line.addWidget(mask, 1)
            if isinstance(row, CredentialRow):
                made.append(row)
            self.credential_rows.addWidget(row)
        align_rows(made)

    # --- actions --------------------------------------------------------------------------

    def change_state(self, state: str) -> None:
        d = self.detail
        if d is None:
            return
        self._busy(True)
        Operation(
            self, self._services.orders.change_state, self._session, d.order_id, d.version, state
        ).success(self._acted).failure(self._refused).run()

    def bill(self) -> None:
        d = self.detail
        if d is None:
            return
        self._busy(True)
        Operation(self, self._services.orders.bill, self._session, d.order_id, d.version).success(
            self._acted
        ).failure(self._refused).run()

    def toggle_clock(self) -> None:
        d = self.detail
        if d is None:
            return
        self._busy(True)
        mine = self._my_running(d)
        orders = self._services.orders
        if mine is not None:
            op = Operation(
                self, orders.stop_clock, self._session, d.order_id, mine.entry_id, mine.version
            )
        else:
            op = Operation(self, orders.start_clock, self._session, d.order_id, d.version)
        op.success(self._acted).failure(self._refused).run()

    def add_time(self) -> None:
        d = self.detail
        if d is None:
            return
        dialog = TimeEntryDialog(self._services.orders, self._session, d, self)
        dialog.done_with.connect(self._acted)
        dialog.finished.connect(lambda _r: setattr(self, "time_dialog", None))
        self.time_dialog = dialog
        dialog.open()

    def _acted(self, detail: OrderDetail) -> None:
        self._busy(False)
        self.note.hide()
        self.changed.emit()
        self.show_detail(detail)

    def _refused(self, error: KcpError) -> None:
        self._busy(False)
        # what is true now (a colleague's change, a gate that closed), then why
        if self._order_id is not None:
            self._load(lambda: self._say(error))
        else:
            self._say(error)
        if isinstance(error, StaleEdit):
            self.changed.emit()

    def _busy(self, busy: bool) -> None:
        for button in (
            *self.state_buttons.values(), self.bill_button, self.clock_button,
            self.add_time_button,
        ):  # fmt: skip
            button.setEnabled(not busy)
        if not busy and self.detail is not None:
            self._show_actions(self.detail)

    def _say(self, error: KcpError) -> None:
        self.note.setText(error_text(error))
        self.note.show()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc: back to where the order was opened from."""
        if event.key() == Qt.Key.Key_Escape:
            self.back_requested.emit()
            return
        super().keyPressEvent(event)

    def _link(self, link: str) -> None:
        kind, _, value = link.partition(":")
        if kind == "customer":
            self.open_customer.emit(int(value))
        elif kind == "ticket":
            self.open_ticket.emit(int(value))
