"""Everything about one customer in one place (SPEC C1.3): header, badges, tabs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.errors import KcpError
from kcp_desk.services.billing import PaymentGlance
from kcp_desk.services.customers import (
    ContactSaved,
    CustomerDetail,
    HistoryRow,
    Listing,
)
from kcp_desk.services.desk import DeskServices
from kcp_desk.services.principal import AgentSession
from kcp_desk.views import formatting as fmt
from kcp_desk.views.billing_tab import BillingTab
from kcp_desk.views.caller_dialog import CallerVerificationDialog
from kcp_desk.views.contact_form import ContactForm
from kcp_desk.views.customer_search import badge_texts
from kcp_desk.views.messages import error_text
from kcp_desk.views.name_change import NameChangeDialog
from kcp_desk.views.operation import Operation
from kcp_desk.views.table_model import Column, DtoTableModel


def _table(model: DtoTableModel[Any]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)  # a stretched money column reads badly
    return view


class _ListTab(QWidget):
    """A read-only list with a note when only the newest rows are shown."""

    def __init__(self, columns: Sequence[Column[Any]]) -> None:
        super().__init__()
        self.model: DtoTableModel[Any] = DtoTableModel(columns, self)
        self.table = _table(self.model)
        self.note = QLabel()
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)

    def show_rows(self, rows: Sequence[Any], total: int | None = None) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        if total is not None and total > len(rows):
            self.note.setText(self.tr("Showing the newest {0} of {1}.").format(len(rows), total))
            self.note.show()
        else:
            self.note.hide()

    def show_listing(self, listing: Listing[Any]) -> None:
        self.show_rows(listing.rows, listing.total)


def _badge(text: str, colour: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(
        f"background: {colour}; color: white; border-radius: 8px; padding: 2px 8px;"
    )
    return label


class CustomerView(QWidget):
    back_requested = Signal()

    TAB_CONTACT = 0

    def __init__(self, services: DeskServices, session: AgentSession) -> None:
        super().__init__()
        self._services = services
        self._session = session
        self.detail: CustomerDetail | None = None
        self._wanted = 0  # the customer asked for last: an older answer is not shown

        back = QPushButton(self.tr("← Results"))
        back.setToolTip(self.tr("Back to the search results (Esc)"))
        back.clicked.connect(self.back_requested)
        self.number = QLabel()
        self.number.setObjectName("customer_number")
        self.title = QLabel()
        self.title.setObjectName("customer_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.number.setFont(font)
        self.since = QLabel()
        self.badges = QHBoxLayout()
        self.verification = QLabel()
        self.verification.setObjectName("verification_state")
        self.verify_button = QPushButton(self.tr("Verify caller…"))
        self.verify_button.setObjectName("verify_caller")
        self.verify_button.clicked.connect(self._verify_caller)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()

        top = QHBoxLayout()
        top.addWidget(back)
        top.addSpacing(12)
        top.addWidget(self.number)
        top.addWidget(self.title, 1)
        top.addWidget(self.verify_button)
        second = QHBoxLayout()
        second.addWidget(self.since)
        second.addSpacing(12)
        second.addLayout(self.badges)
        second.addStretch(1)
        second.addWidget(self.verification)

        self.contact = ContactForm(services.customers, session)
        self.contact.saved.connect(self._contact_saved)
        self.contact.reloaded.connect(self.show_detail)  # the form keeps its input
        self.contact.name_change_requested.connect(self._request_name_change)
        self.products = _ListTab(
            [
                Column(self.tr("Kind"), lambda p: fmt.value(p.kind)),
                Column(self.tr("Product"), lambda p: p.name),
                Column(self.tr("Domain / server"), lambda p: p.domain or p.hostname or ""),
                Column(self.tr("Systems management"), lambda p: fmt.value(p.sm_package)),
                Column(self.tr("Since"), lambda p: fmt.date(p.started_on)),
                Column(self.tr("Active"), lambda p: fmt.yes_no(p.active)),
            ]
        )
        self.billing = BillingTab(services.billing, session)
        self.billing.glance_loaded.connect(self._payment_badges)
        self.billing.changed.connect(lambda: self._reload())
        self.tickets = _ListTab(
            [
                Column(self.tr("Ticket"), lambda t: t.ref),
                Column(self.tr("Subject"), lambda t: t.subject),
                Column(self.tr("State"), lambda t: fmt.value(t.state)),
                Column(self.tr("Priority"), lambda t: fmt.value(t.priority)),
                Column(self.tr("Assignee"), lambda t: t.assignee_name or "–"),
                Column(self.tr("Created"), lambda t: fmt.date_time(t.created_at)),
            ]
        )
        self.orders = _ListTab(
            [
                Column(self.tr("Order"), lambda o: o.ref),
                Column(self.tr("Ticket"), lambda o: o.ticket_ref),
                Column(self.tr("Product"), lambda o: o.product_name),
                Column(self.tr("Category"), lambda o: o.category),
                Column(self.tr("State"), lambda o: fmt.value(o.state)),
                Column(self.tr("Assignee"), lambda o: o.assignee_name or "–"),
            ]
        )
        self.accounts = _ListTab(
            [
                Column(self.tr("Login"), lambda a: a.login),
                Column(self.tr("E-mail"), lambda a: a.email),
                Column(self.tr("Invoices"), lambda a: fmt.yes_no(a.may_view_invoices)),
                Column(self.tr("Tickets"), lambda a: fmt.yes_no(a.may_open_tickets)),
                Column(self.tr("Orders"), lambda a: fmt.yes_no(a.may_place_orders)),
                Column(self.tr("Contacts"), lambda a: fmt.yes_no(a.may_manage_contacts)),
                Column(self.tr("Active"), lambda a: fmt.yes_no(a.active)),
            ]
        )
        self.history = _ListTab(
            [
                Column(self.tr("When"), lambda h: fmt.date_time(h.changed_at)),
                Column(self.tr("Field"), lambda h: h.field),
                Column(self.tr("Old → new"), _change_text),
                Column(self.tr("Agent"), lambda h: h.agent_name),
                Column(self.tr("Reason"), lambda h: h.reason or ""),
            ]
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("customer_tabs")
        for widget, label in (
            (self.contact, self.tr("Contact data")),
            (self.products, self.tr("Products")),
            (self.billing, self.tr("Invoices && payment")),
            (self.tickets, self.tr("Tickets")),
            (self.orders, self.tr("Support orders")),
            (self.accounts, self.tr("Additional accounts")),
            (self.history, self.tr("History")),
        ):
            self.tabs.addTab(widget, label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)

    # --- loading ------------------------------------------------------------------------

    def open_customer(self, customer_id: int, *, reload: bool = False) -> None:
        self.message.hide()
        self._wanted = customer_id
        Operation(
            self, self._services.customers.detail, self._session, customer_id, reload=reload
        ).success(self._loaded).failure(self._failed).run()

    def _loaded(self, detail: CustomerDetail) -> None:
        if detail.customer_id == self._wanted:
            self.show_detail(detail)

    def show_detail(self, detail: CustomerDetail) -> None:
        same = self.detail is not None and self.detail.customer_id == detail.customer_id
        self.detail = detail
        self._wanted = detail.customer_id
        h = detail.header
        self.number.setText(h.number)
        self.title.setText(h.display_name)
        self.since.setText(self.tr("Customer since {0}").format(fmt.date(h.customer_since)))
        while (item := self.badges.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        b = h.badges
        for flag, colour, args in (
            (b.blocked, "#7f0000", (False, 0, False, True)),
            (b.in_arrears, "#b00020", (True, 0, False, False)),
            (b.open_tickets, "#1565c0", (False, b.open_tickets, False, False)),
            (b.factor_locked, "#e65100", (False, 0, True, False)),
        ):
            if flag:
                self.badges.addWidget(_badge(badge_texts(*args)[0], colour))
        self._show_verification()
        if not (same and self.contact.editing):
            # a reload never overwrites what is being typed: a stale save is refused
            # and "Reload and keep my input" merges (ContactForm)
            self.contact.set_editing(False)
            self.contact.show_contact(h.customer_id, detail.contact)
        self.products.show_rows(detail.products)
        self.billing.load(h.customer_id, h.display_name)
        self.tickets.show_listing(detail.tickets)
        self.orders.show_listing(detail.support_orders)
        self.accounts.show_rows(detail.sub_accounts)
        self.history.show_listing(detail.history)

    def _payment_badges(self, glance: PaymentGlance) -> None:
        """PAY-5 key facts next to the header badges: dunning level, returned debit."""
        if glance.dunning_level:
            self.badges.addWidget(
                _badge(self.tr("dunning: {0}").format(fmt.value(glance.dunning_level)), "#6a1b9a")
            )
        if glance.last_debit is not None and glance.last_debit.returned:
            self.badges.addWidget(
                _badge(
                    self.tr("debit returned ({0})").format(glance.last_debit.reason_code or "?"),
                    "#b00020",
                )
            )

    def _reload(self) -> None:
        if self.detail is not None:
            self.open_customer(self.detail.customer_id, reload=True)

    def _show_verification(self) -> None:
        assert self.detail is not None
        record = self.detail.last_verification
        if record is None:
            self.verification.setText(self.tr("Caller not verified"))
            return
        result = self.tr("matched") if record.result else self.tr("did not match")
        self.verification.setText(
            self.tr("Last check: {0} {1} at {2} by {3}").format(
                fmt.value(record.method), result, fmt.date_time(record.at), record.agent_name
            )
        )

    def _failed(self, err: KcpError) -> None:
        self.message.setText(error_text(err))
        self.message.show()

    # --- actions ------------------------------------------------------------------------

    def _contact_saved(self, saved: ContactSaved) -> None:
        self.history.show_listing(saved.history)

    def _verify_caller(self) -> None:
        if self.detail is None:
            return
        dialog = CallerVerificationDialog(
            self,
            self._services.verification,
            self._session,
            self.detail.customer_id,
            f"{self.detail.header.number} {self.detail.header.display_name}",
        )
        dialog.exec()
        if dialog.outcome is not None:
            self._reload()  # "Last check" (after the unlock if the lock closed the dialog)
        if dialog.checking:
            # the lock closed the dialog while the check ran: its answer (handed over
            # after the unlock) still updates "Last check"
            dialog.checked.connect(lambda _outcome: self._reload())
        else:
            dialog.deleteLater()

    def _request_name_change(self) -> None:
        if self.detail is None:
            return
        dialog = NameChangeDialog(
            self,
            self._services.name_change,
            self._session,
            self.detail.customer_id,
            self.detail.contact,
        )
        if dialog.exec():
            self.open_customer(self.detail.customer_id, reload=True)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape and not self.contact.editing:
            self.back_requested.emit()
            return
        super().keyPressEvent(event)


def _change_text(h: HistoryRow) -> str:
    return f"{h.old_value or '–'} → {h.new_value or '–'}"
