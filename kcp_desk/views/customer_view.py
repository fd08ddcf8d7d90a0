"""Everything about one customer in one place (SPEC C1.3): header, badges, tabs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QMargins,
    QModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.domain.masking import mask_email
from kcp_desk.errors import KcpError
from kcp_desk.services.billing import PaymentGlance
from kcp_desk.services.caller_verification import VerificationOutcome
from kcp_desk.services.customers import (
    ContactSaved,
    CustomerDetail,
    HistoryRow,
    Listing,
)
from kcp_desk.services.desk import DeskServices
from kcp_desk.services.identity.dto import CaseDTO, CaseSummary
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.tickets import Queue
from kcp_desk.views import formatting as fmt
from kcp_desk.views import identity_text
from kcp_desk.views.badges import badge_texts
from kcp_desk.views.billing_tab import BillingTab
from kcp_desk.views.caller_dialog import CallerVerificationDialog
from kcp_desk.views.contact_form import ContactForm
from kcp_desk.views.field_rows import WrappedLabel, accent_room, fit_height
from kcp_desk.views.fit_columns import FitColumns
from kcp_desk.views.identity_case import IdentityCaseDialog
from kcp_desk.views.messages import error_text
from kcp_desk.views.name_change import NameChangeDialog
from kcp_desk.views.operation import Operation
from kcp_desk.views.table_model import Column, DtoTableModel
from kcp_desk.views.ticket_queue_view import TicketQueueView
from kcp_desk.views.unsaved import UnsavedGuard


def _table(model: DtoTableModel[Any], elastic: tuple[int, ...] = ()) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    if elastic:  # these columns give up width and elide: no sideways scrolling
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setProperty("fit_columns", FitColumns(view, elastic))
        return view
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)  # a stretched money column reads badly
    return view


class _ListTab(QWidget):
    """A read-only list with a note when only the newest rows are shown, and a word
    in place of the list when there is nothing to show (``empty_text``)."""

    def __init__(
        self, columns: Sequence[Column[Any]], empty_text: str = "", elastic: tuple[int, ...] = ()
    ) -> None:
        super().__init__()
        self.model: DtoTableModel[Any] = DtoTableModel(columns, self)
        self.table = _table(self.model, elastic)
        self._fits = bool(elastic)
        self.note = QLabel()
        self.note.hide()
        self.empty = QLabel(empty_text)
        self.empty.setObjectName("empty_note")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)

    def show_rows(self, rows: Sequence[Any], total: int | None = None) -> None:
        self.model.set_rows(rows)
        nothing = not rows and bool(self.empty.text())
        self.empty.setVisible(nothing)
        self.table.setVisible(not nothing)
        if not self._fits:
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
    label.setObjectName("badge")
    label.setStyleSheet(
        f"background: {colour}; color: white; border-radius: 8px; padding: 2px 8px;"
    )
    return label


class FlowLayout(QLayout):
    """Items left to right, wrapping onto the next line when the width runs out (the
    badges: five of them made the window wider than the screen)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if 0 <= index < len(self._items):
            item = self._items.pop(index)
            self.invalidate()
            return item
        return None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        # one line of everything: what the header would like, not what it needs
        visible = [i for i in self._items if not i.isEmpty()]
        width = sum(i.sizeHint().width() for i in visible) + self._gap * max(0, len(visible) - 1)
        height = max((i.sizeHint().height() for i in visible), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y, line = rect.x(), y + line + self._gap, 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            line = max(line, hint.height())
        return y + line - rect.y()


class ElidedLabel(QLabel):
    """One line that shortens with "…" (full text in the tooltip) instead of widening
    the window; its height is the font's full line height, accents included."""

    def __init__(self) -> None:
        super().__init__()
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def setText(self, text: str) -> None:
        self._full = text
        super().setText(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("…") * 4, self.sizeHint().height())

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        m = self.contentsMargins()
        # the line height plus the room accented capitals need ("Ö" of "Özdemir")
        height = max(fm.height(), fm.lineSpacing()) + accent_room(fm) + m.top() + m.bottom()
        return QSize(fm.horizontalAdvance(self._full) + m.left() + m.right() + 2, height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setFont(self.font())
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown
        )

    def _elide(self) -> None:
        fits = self.fontMetrics().horizontalAdvance(self._full) <= self.contentsRect().width()
        self.setToolTip("" if fits else self._full)


class CustomerView(QWidget):
    back_requested = Signal()
    #: a name change waits for a team lead now (the navigation's count goes up)
    name_change_submitted = Signal()
    #: an identity case was submitted for approval or ended (the count changes)
    identity_case_submitted = Signal()
    #: a ticket of this customer was opened (Enter or a double click in its Tickets tab)
    open_ticket = Signal(int)
    #: a ticket reference elsewhere (a support order's ticket) was opened
    open_ticket_ref = Signal(str)
    #: a support order of this customer was opened (Enter or a double click)
    open_order = Signal(int)

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
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title = ElidedLabel()
        self.title.setObjectName("customer_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.number.setFont(font)
        fit_height(self.number)
        self.since = fit_height(QLabel())
        self.badge_box = QWidget()
        self.badge_box.setObjectName("badges")
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.badge_box.setSizePolicy(policy)
        self.badges = FlowLayout(self.badge_box)
        #: whether the caller was verified since this customer was opened here (C1.5)
        self.call_check: VerificationOutcome | None = None
        self.verification = QLabel()
        self.verification.setObjectName("verification_state")
        self.verification.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.last_check = QLabel()
        self.last_check.setObjectName("last_check")
        self.last_check.setAlignment(Qt.AlignmentFlag.AlignRight)
        small = self.last_check.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        self.last_check.setFont(small)
        fit_height(self.last_check)
        fit_height(self.verification)
        self.last_check.setStyleSheet("color: palette(placeholder-text);")
        self.verify_button = QPushButton(self.tr("Verify caller…"))
        self.verify_button.setObjectName("verify_caller")
        self.verify_button.clicked.connect(self._verify_caller)
        # C2 (issue 12): the one way to a new e-mail address, also for a lost mailbox
        self.identity_button = QPushButton(self.tr("Change e-mail / restore access…"))
        self.identity_button.setObjectName("open_identity_case")
        self.identity_button.setToolTip(
            self.tr(
                "Opens the identity case: two independent factors and a team lead's approval "
                "before a new e-mail address is set."
            )
        )
        self.identity_button.clicked.connect(lambda: self.open_identity_case())
        #: the open identity case dialog (one per customer view)
        self.identity_dialog: IdentityCaseDialog | None = None
        self.message = WrappedLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()

        top = QHBoxLayout()
        top.addWidget(back)
        top.addSpacing(12)
        top.addWidget(self.number)
        top.addWidget(self.title, 1)
        top.addWidget(self.identity_button)
        top.addWidget(self.verify_button)
        check = QVBoxLayout()
        check.setSpacing(0)
        check.addWidget(self.verification)
        check.addWidget(self.last_check)
        second = QHBoxLayout()
        second.addWidget(self.since, alignment=Qt.AlignmentFlag.AlignTop)
        second.addSpacing(12)
        second.addWidget(self.badge_box, 1)
        second.addSpacing(12)
        second.addLayout(check)

        self.contact = ContactForm(services.customers, session)
        self.contact.saved.connect(self._contact_saved)
        self.contact.reloaded.connect(self.show_detail)  # the form keeps its input
        self.contact.name_change_requested.connect(self._request_name_change)
        self.contact.email_change_requested.connect(lambda: self.open_identity_case())
        #: the editors of this view; the customers page and the main window ask it
        #: before anything replaces their input (views/unsaved.py)
        self.guard = UnsavedGuard(self)
        self.guard.add(self.contact)
        # text typed in the open identity case (a new e-mail, a reason): sign-out and
        # quit ask about it too
        self.guard.add(_OpenIdentityCase(self))
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
        # the customer's tickets are a queue: every one, sorted and filtered in SQL
        self.tickets = TicketQueueView(services.queues, session, queue=Queue.CUSTOMER)
        self.tickets.setObjectName("customer_tickets")
        self.tickets.open_ticket.connect(self.open_ticket)
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
        # a support order opens on a double click (or Enter)
        self.orders.table.doubleClicked.connect(self._open_order)
        self.orders.table.activated.connect(self._open_order)
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
                Column(self.tr("Field"), lambda h: field_label(h.field)),
                Column(self.tr("Old → new"), _change_text),
                Column(self.tr("Agent"), _agent_text),
                Column(self.tr("Reason"), _reason_text, tooltip=_reason_text),
            ],
            self.tr("No changes yet."),
            elastic=(2, 3, 4),
        )
        # the customer's identity cases under the contact changes; a double click (or
        # Enter) opens one read-only once it is closed
        self.identity_cases = _ListTab(
            [
                Column(self.tr("When"), lambda c: fmt.date_time(c.created_at)),
                Column(self.tr("State"), lambda c: identity_text.case_state_text(c.state)),
                Column(self.tr("Factors tried"), lambda c: identity_text.tried_marks(c.tried)),
                Column(self.tr("Prepared by"), lambda c: c.prepared_by_name),
                Column(self.tr("Decided by"), lambda c: c.approver_name or "–"),
                Column(self.tr("Reason"), lambda c: c.decision_reason or "", tooltip=_case_reason),
            ],
            self.tr("No identity cases."),
            elastic=(5,),
        )
        self.identity_cases.setObjectName("identity_cases")
        cases_layout = self.identity_cases.layout()
        assert cases_layout is not None
        cases_layout.setContentsMargins(0, 0, 0, 0)  # flush with the contact changes
        self.identity_cases.table.setObjectName("identity_cases_table")
        self.identity_cases.table.doubleClicked.connect(self._open_identity_row)
        self.identity_cases.table.activated.connect(self._open_identity_row)
        cases_title = QLabel(self.tr("Identity cases"))
        cases_font = cases_title.font()
        cases_font.setBold(True)
        cases_title.setFont(cases_font)
        history_layout = self.history.layout()
        assert isinstance(history_layout, QVBoxLayout)
        history_layout.addWidget(fit_height(cases_title))
        history_layout.addWidget(self.identity_cases, 1)
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
        """Open a customer (a new call: the caller is not verified yet), or reload it.
        Opening goes through the unsaved-changes guard (``CustomersPage``); a reload
        keeps what is typed in the editors."""
        self.message.hide()
        if not reload:
            self.call_check = None
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
        if not same:
            self.call_check = None  # the header never shows another customer's check
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
        if same and self.contact.editing:
            # a reload never overwrites what is being typed (e.g. after a caller check):
            # the form keeps its input and takes what a colleague saved as its base
            self.contact.take_reload(detail.contact)
        else:
            self.contact.set_editing(False)
            self.contact.show_contact(h.customer_id, detail.contact)
        self.products.show_rows(detail.products)
        self.billing.load(h.customer_id, h.display_name)
        self.tickets.show_customer(detail.customer_id)
        self.orders.show_listing(detail.support_orders)
        self.accounts.show_rows(detail.sub_accounts)
        self.history.show_listing(detail.history)
        self._load_identity_cases(detail.customer_id)

    def _open_order(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_order.emit(self.orders.model.row(index.row()).order_id)

    def show_unsaved_editor(self) -> None:
        """The tab of the first editor with unsaved input (its error is there)."""
        for editor in self.guard.dirty():
            if isinstance(editor, QWidget) and self.tabs.indexOf(editor) >= 0:
                self.tabs.setCurrentWidget(editor)
                return

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
        """ "Not verified in this call" until a check here matched; the last check on
        record (maybe months old) only as a note in small type (C1.5)."""
        assert self.detail is not None
        if self.call_check is not None and self.call_check.matched:
            self.verification.setText(self.tr("✔ Caller verified in this call"))
            self.verification.setStyleSheet("color: #1b5e20; font-weight: bold;")
        else:
            self.verification.setText(self.tr("Caller not verified in this call"))
            self.verification.setStyleSheet("color: #8a4b00; font-weight: bold;")
        record = self.detail.last_verification
        if record is None:
            self.last_check.setText(self.tr("no check on record"))
            return
        text = (
            self.tr("last check: {0}, by {1}")
            if record.result
            else self.tr("last check: {0}, by {1} (did not match)")
        )
        self.last_check.setText(text.format(fmt.long_date_time(record.at), record.agent_name))
        self.last_check.setToolTip(fmt.value(record.method))

    def _failed(self, err: KcpError) -> None:
        self.message.setText(error_text(err))
        self.message.show()

    # --- actions ------------------------------------------------------------------------

    def _contact_saved(self, saved: ContactSaved) -> None:
        self.history.show_listing(saved.history)

    def _verify_caller(self) -> None:
        if self.detail is None:
            return
        customer_id = self.detail.customer_id
        dialog = CallerVerificationDialog(
            self,
            self._services.verification,
            self._session,
            customer_id,
            f"{self.detail.header.number} {self.detail.header.display_name}",
        )
        # every answer (also one handed over after the lock closed the dialog) counts
        # for this call and updates "last check"; typed contact input stays (reload)
        dialog.checked.connect(lambda outcome: self._caller_checked(customer_id, outcome))
        dialog.exec()
        if dialog.outcome is not None:
            self._reload()
        if dialog.checking:
            dialog.checked.connect(lambda _outcome: self._reload())
        else:
            dialog.deleteLater()

    def _caller_checked(self, customer_id: int, outcome: VerificationOutcome) -> None:
        if self.detail is None or self.detail.customer_id != customer_id:
            return  # another customer was opened meanwhile: a new call
        if outcome.matched or self.call_check is None or not self.call_check.matched:
            self.call_check = outcome
        self._show_verification()

    # --- identity cases (C2, issue 12) -----------------------------------------------

    def _load_identity_cases(self, customer_id: int) -> None:
        Operation(self, self._services.identity.cases_of, self._session, customer_id).success(
            lambda rows: self._identity_cases_loaded(customer_id, rows)
        ).failure(self._failed).run()

    def _identity_cases_loaded(self, customer_id: int, rows: list[CaseSummary]) -> None:
        if self.detail is not None and self.detail.customer_id == customer_id:
            self.identity_cases.show_rows(rows)

    def open_identity_case(self, case_id: int | None = None) -> IdentityCaseDialog | None:
        """The customer's identity case: the open one, a new one, or (``case_id``, from
        History) that case. Non-modal; one at a time per customer view."""
        if self.detail is None:
            return None
        if self.identity_dialog is not None and not self.identity_dialog.close():
            return self.identity_dialog  # the agent kept what they typed there
        detail = self.detail
        dialog = IdentityCaseDialog(
            self,
            self._services.identity,
            self._session,
            detail.customer_id,
            f"{detail.header.number} {detail.header.display_name}",
            email_masked=mask_email(detail.contact.email),
            case_id=case_id,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        customer_id = detail.customer_id
        dialog.case_changed.connect(lambda case: self._identity_case_changed(customer_id, case))
        dialog.destroyed.connect(lambda _obj=None: self._identity_dialog_gone(dialog))
        self.identity_dialog = dialog
        dialog.show()
        return dialog

    def _identity_dialog_gone(self, dialog: IdentityCaseDialog) -> None:
        if self.identity_dialog is dialog:
            self.identity_dialog = None

    def _identity_case_changed(self, customer_id: int, case: CaseDTO) -> None:
        if case.state != "open":
            self.identity_case_submitted.emit()
        if self.detail is None or self.detail.customer_id != customer_id:
            return
        if case.state == "approved":
            self._reload()  # the new e-mail and its contact change row
        else:
            self._load_identity_cases(customer_id)

    def _open_identity_row(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_identity_case(self.identity_cases.model.row(index.row()).case_id)

    def _request_name_change(self) -> None:
        if self.detail is None:
            return
        dialog = NameChangeDialog(
            self,
            self._services.name_change,
            self._session,
            self.detail.customer_id,
            self.detail.contact,
            self._services.queues,
        )
        if dialog.exec():
            self.name_change_submitted.emit()
            self.open_customer(self.detail.customer_id, reload=True)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.back_requested.emit()  # the page asks first if something is unsaved
            return
        super().keyPressEvent(event)


class _OpenIdentityCase:
    """The customer view's open case dialog as one of its editors: nothing in it can be
    saved from outside (each step was saved when taken), so Save keeps it open."""

    def __init__(self, view: CustomerView) -> None:
        self._view = view

    def has_unsaved_changes(self) -> bool:
        dialog = self._view.identity_dialog
        return dialog is not None and dialog.guard.has_unsaved_changes()

    def save_changes(self, done: Callable[[bool], None]) -> None:
        done(False)

    def discard_changes(self) -> None:
        if self._view.identity_dialog is not None:
            self._view.identity_dialog.guard.discard_changes()


def field_label(key: str) -> str:
    """The label an agent knows for a history field key (``email`` → "E-mail")."""
    labels = {
        "salutation": QCoreApplication.translate("ContactForm", "Salutation"),
        "email": QCoreApplication.translate("ContactForm", "E-mail"),
        "phone": QCoreApplication.translate("ContactForm", "Phone"),
        "mobile": QCoreApplication.translate("ContactForm", "Mobile"),
        "date_of_birth": QCoreApplication.translate("ContactForm", "Date of birth"),
        "address.billing": QCoreApplication.translate("CustomerView", "Billing address"),
        "address.contract": QCoreApplication.translate("CustomerView", "Contract address"),
        "first_name": QCoreApplication.translate("CustomerView", "First name"),
        "last_name": QCoreApplication.translate("CustomerView", "Last name"),
        "company": QCoreApplication.translate("CustomerView", "Company"),
        "legal_form": QCoreApplication.translate("CustomerView", "Legal form"),
    }
    return labels.get(key, key)


def _case_reason(c: CaseSummary) -> str:
    return c.decision_reason or ""


def _change_text(h: HistoryRow) -> str:
    return f"{h.old_value or '–'} → {h.new_value or '–'}"


def _agent_text(h: HistoryRow) -> str:
    if h.name_change_id is None:
        return h.agent_name
    return QCoreApplication.translate("CustomerView", "requested by {0}, approved by {1}").format(
        h.requested_by_name or "?", h.agent_name
    )


def _reason_text(h: HistoryRow) -> str:
    reason = h.reason or ""
    if h.name_change_id is None or not h.decision_reason:
        return reason
    decision = QCoreApplication.translate("CustomerView", "decision: {0}").format(h.decision_reason)
    return f"{reason} – {decision}" if reason else decision
