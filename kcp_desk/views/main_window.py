"""The main window: navigation, the work area, the status bar and the idle lock."""

from __future__ import annotations

import contextlib

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kcp_desk.errors import KcpError
from kcp_desk.services.desk import DeskServices
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.vault import WaitingOrder
from kcp_desk.views.admin_page import AdminPage
from kcp_desk.views.customers_page import CustomersPage
from kcp_desk.views.idle import InactivityTimer
from kcp_desk.views.live import LiveUpdates
from kcp_desk.views.lock_screen import LockScreen
from kcp_desk.views.messages import error_text
from kcp_desk.views.name_change import ApprovalsPage
from kcp_desk.views.operation import Operation, OperationGate
from kcp_desk.views.order_credentials import OrderCredentials
from kcp_desk.views.order_view import OrderView
from kcp_desk.views.tickets_page import TicketsPage
from kcp_desk.views.unsaved import UnsavedGuard

LOCK_KEYS = QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L)


def role_name(role: str) -> str:
    names = {
        "agent": QCoreApplication.translate("MainWindow", "Agent"),
        "lead": QCoreApplication.translate("MainWindow", "Team lead"),
        "admin": QCoreApplication.translate("MainWindow", "Admin"),
    }
    return names.get(role, role)


class PlaceholderPage(QWidget):
    """A screen whose capability arrives with a later issue: it says what will be there."""

    def __init__(self, heading: str, text: str) -> None:
        super().__init__()
        title = QLabel(heading)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        body = QLabel(text)
        body.setWordWrap(True)
        body.setMaximumWidth(640)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(title)
        layout.addWidget(body)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    signed_out = Signal()
    #: "Desk → Settings…" was chosen (the app opens the settings dialog)
    settings_requested = Signal()

    PAGE_WORK, PAGE_LOCK = 0, 1

    def __init__(
        self,
        services: DeskServices,
        session: AgentSession,
        database_label: str,
        idle_minutes: float,
    ) -> None:
        super().__init__()
        self._services = services
        self._auth = services.auth
        self._session = session
        #: every operation of this window's views passes it: held while locked (V-6)
        self.operation_gate = OperationGate()
        self.customers = CustomersPage(services, session)
        self.approvals = ApprovalsPage(services.name_change, session, services.identity)
        self.tickets = TicketsPage(services, session)
        # support orders (issue 11): the page shows the order opened from a ticket or a
        # customer; Back returns to where it was opened from
        #: the credential rows of the order screen, the secret clipboard, a lead's grants
        self.credentials = OrderCredentials(
            services, session, QApplication.clipboard(), lambda: self.order.order_id, self
        )
        self.credentials.waiting.connect(self._credentials_waiting)
        self.order = OrderView(services, session, credential_row=self.credentials.row)
        self.order.grant_requested.connect(self._grant)
        self.orders_page = QStackedWidget()
        self.orders_page.addWidget(
            PlaceholderPage(
                self.tr("Support orders"),
                self.tr(
                    "Open a support order from its ticket or from the customer's Support "
                    "orders tab."
                ),
            )
        )
        self.orders_page.addWidget(self.order)
        #: agents, roles, keys, the dispatch key: the one page an admin works on (and
        #: the only one they see: no customer data for admins, SPEC §0)
        self._admin = session.principal.is_admin
        self.admin_page: QWidget = (
            AdminPage(services.admin, session)
            if self._admin
            else PlaceholderPage(self.tr("Administration"), self.tr("For admins."))
        )
        #: the navigation row the open order came from (Back returns there)
        self._order_came_from: int | None = None
        #: every editor of this window; asked before sign-out and closing (unsaved.py)
        self.guard = UnsavedGuard(self)
        self.guard.add(self.customers.guard)
        self.guard.add(self.tickets.guard)
        self._close_confirmed = False
        #: the widget that had the focus when the desk locked; it gets it back
        self._focus_before_lock: QWidget | None = None
        self.setWindowTitle(self.tr("kcp-desk"))
        self.resize(1280, 800)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(200)
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setStyleSheet(
            "QListWidget { background: palette(base); font-size: 11pt; }"
            "QListWidget::item { padding: 10px 14px; }"
        )
        self.pages = QStackedWidget()
        self._pending_approvals = 0
        for label, page in self._build_pages():
            self.nav.addItem(QListWidgetItem(label))
            self.pages.addWidget(page)
        self.nav.currentRowChanged.connect(self._page_changed)
        for index in range(self.nav.count()):
            self.nav.item(index).setHidden((index == self.PAGE_ADMIN) != self._admin)
        self.nav.setCurrentRow(self.PAGE_ADMIN if self._admin else 0)
        # the navigation counts what waits for a decision without opening the page
        self.approvals.pending_count_changed.connect(self.set_pending_approvals)
        self.approvals.open_customer.connect(self.open_customer)
        self.customers.customer.name_change_submitted.connect(self.approvals.refresh_count)
        # an identity case submitted (or ended) from the customer view (issue 12)
        self.customers.customer.identity_case_submitted.connect(self.approvals.refresh_count)
        # every ticket reference opens the ticket
        self.customers.customer.open_ticket.connect(self.open_ticket)
        self.customers.customer.open_ticket_ref.connect(self.open_ticket_ref)
        self.approvals.open_ticket.connect(self.open_ticket_ref)
        self.tickets.open_customer.connect(self.open_customer)
        # every support order opens the order screen (issue 11)
        self.tickets.ticket.open_order.connect(self.open_order)
        self.customers.customer.open_order.connect(self.open_order)
        self.order.back_requested.connect(self._order_back)
        self.order.open_customer.connect(self.open_customer)
        self.order.open_ticket.connect(self.open_ticket)
        self.tickets.assigned_to_me.connect(self._assigned_to_me)
        # T-7: what other desks (and the portal) change reaches this one within 2 s
        self.live = LiveUpdates(services.live, self)
        self.live.changed.connect(self._live_changed)

        work = QWidget()
        row = QHBoxLayout(work)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)

        self.lock_screen = LockScreen(self._auth, session)
        self.lock_screen.unlocked.connect(self._unlocked)
        self.lock_screen.sign_out_requested.connect(self.request_sign_out)
        self.root = QStackedWidget()
        self.root.addWidget(work)
        self.root.addWidget(self.lock_screen)
        self.setCentralWidget(self.root)

        self._build_menu()
        self._build_status_bar(database_label)

        self.idle = InactivityTimer(idle_minutes, self)
        self.idle.inactive.connect(lambda: self.lock(reason="idle"))
        self.idle.start()
        # Ctrl+L also while a dialog (caller check, payment data …) is open: a modal
        # dialog shadows the window's shortcuts, so the key is caught application-wide
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        if self._admin:
            return  # nothing of the customer side runs for an admin
        self.focus_search()
        self.approvals.refresh_count()
        self.live.start()
        self.credentials.lead_upkeep()  # a lead's desk: who waits for credentials

    def _build_pages(self) -> list[tuple[str, QWidget]]:
        return [
            (self.tr("Customers"), self.customers),
            (self.tr("Tickets"), self.tickets),
            (self.tr("Support orders"), self.orders_page),
            (self.tr("Approvals"), self.approvals),
            (self.tr("Administration"), self.admin_page),
        ]

    PAGE_TICKETS, PAGE_ORDERS, PAGE_APPROVALS, PAGE_ADMIN = 1, 2, 3, 4

    def _page_changed(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        if row == self.PAGE_APPROVALS:
            self.approvals.refresh()

    def set_pending_approvals(self, n: int) -> None:
        """The navigation says how many name changes and identity cases wait for a
        decision."""
        self._pending_approvals = n
        item = self.nav.item(self.PAGE_APPROVALS)
        item.setText(self.tr("Approvals (%n)", "", n) if n > 0 else self.tr("Approvals"))

    def present(self) -> None:
        """Come to the front (e.g. ``kcp-desk open …`` from a softphone)."""
        if self.isMinimized():
            self.showNormal()
        elif not self.isVisible():
            self.show()
        self.raise_()
        self.activateWindow()

    def open_ticket(self, ticket_id: int) -> None:
        """The Tickets page with this ticket (asks about a draft reply first)."""
        self.nav.setCurrentRow(self.PAGE_TICKETS)
        self.tickets.open_ticket(ticket_id)

    def open_order(self, order_id: int) -> None:
        """The Support orders page with this order; Back returns to the page it came from."""
        row = self.nav.currentRow()
        if row != self.PAGE_ORDERS:
            self._order_came_from = row
        self.nav.setCurrentRow(self.PAGE_ORDERS)
        self.orders_page.setCurrentWidget(self.order)
        self.order.open_order(order_id)
        self.order.setFocus()

    def _order_back(self) -> None:
        came_from, self._order_came_from = self._order_came_from, None
        if came_from is None:
            self.orders_page.setCurrentIndex(0)
        else:
            self.nav.setCurrentRow(came_from)

    def open_ticket_ref(self, ref: str) -> None:
        """A ticket reference (#KCP-…) shown somewhere was clicked."""
        Operation(self, self._services.queues.find, self._session, ref).success(
            self.open_ticket
        ).failure(lambda err: self.statusBar().showMessage(error_text(err), 8000)).run()

    def _live_changed(self, full: bool) -> None:
        if self.is_locked:
            return  # the unlock refreshes
        self.tickets.live_changed(full)
        if self.nav.currentRow() == self.PAGE_ORDERS and self.order.order_id is not None:
            self.order.reload()
        self.approvals.refresh_count()
        self.credentials.lead_upkeep()

    def _credentials_waiting(self, orders: tuple[WaitingOrder, ...]) -> None:
        """V-4: a lead hands credentials over explicitly; the status bar says who waits."""
        if not orders:
            return
        text = self.tr(
            "%n support orders wait for you to hand over their credentials", "", len(orders)
        )
        refs = ", ".join(f"{o.order_ref} ({o.assignee_name})" for o in orders[:3])
        self.statusBar().showMessage(f"{text}: {refs}", 15000)

    def _grant(self, order_id: int, assignee_id: int) -> None:
        self.credentials.grant(order_id, assignee_id, self.order.grant_done)

    def _assigned_to_me(self, refs: list[str]) -> None:
        """T-7: a ticket someone else gave me; said in the status bar (and the tray
        when one is there)."""
        text = self.tr("%n new tickets in My tickets: {0}", "", len(refs))
        self.statusBar().showMessage(text.format(", ".join(refs)), 15000)
        if not self.isActiveWindow():
            QApplication.alert(self)

    def open_customer(self, customer_id: int) -> None:
        """The Customers page with this customer (asks about unsaved input first)."""
        self.nav.setCurrentRow(0)
        self.customers.open_customer(customer_id)

    def open_request(self, text: str) -> None:
        """``kcp-desk open TEXT`` (a call came in): search it now; a single phone match
        opens that customer, with "caller not verified in this call" in its header.
        The open customer's typed input stays: opening another one asks first."""
        if self.is_locked:
            return
        self.nav.setCurrentRow(0)
        self.customers.show_search()
        self.customers.search.search_for(text)

    def focus_search(self) -> None:
        """Ctrl+F / Ctrl+K from anywhere: the customer search, ready to type (C1.2)."""
        if self.is_locked:
            return
        self.nav.setCurrentRow(0)
        self.customers.show_search()

    def _build_menu(self) -> None:
        desk = self.menuBar().addMenu(self.tr("&Desk"))
        self._desk_menu = desk
        lock = QAction(self.tr("&Lock now"), self)
        lock.setShortcut(LOCK_KEYS)
        lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        lock.triggered.connect(lambda: self.lock(reason="manual"))
        settings = QAction(self.tr("&Settings…"), self)
        settings.setObjectName("settings_action")
        settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        settings.triggered.connect(self.settings_requested)
        self.settings_action = settings
        sign_out = QAction(self.tr("Sign &out"), self)
        sign_out.triggered.connect(self.request_sign_out)
        quit_ = QAction(self.tr("&Quit"), self)
        quit_.setShortcut(QKeySequence.StandardKey.Quit)
        quit_.triggered.connect(self.request_close)
        search = QAction(self.tr("&Find customer"), self)
        search.setShortcuts(
            [
                QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_F),
                QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_K),
            ]
        )
        search.triggered.connect(self.focus_search)
        for action in (search, settings, lock, sign_out, quit_):
            desk.addAction(action)
        self.lock_action = lock
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About kcp-desk"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _build_status_bar(self, database_label: str) -> None:
        p = self._session.principal
        self.agent_label = QLabel(
            self.tr("{0} ({1}) – {2}").format(p.display_name, p.username, role_name(p.role))
        )
        self.agent_label.setObjectName("agent_label")
        self.database_label = QLabel(database_label)
        self.database_label.setObjectName("database_label")
        bar = self.statusBar()
        bar.addWidget(self.agent_label)
        bar.addPermanentWidget(self.database_label)

    # --- lock / unlock --------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self.root.currentIndex() == self.PAGE_LOCK

    def lock(self, *, reason: str) -> None:
        """Keys out of memory, the lock screen in front. Nothing is asked and nothing
        typed is lost: the editors stay as they are behind the lock screen."""
        if self.is_locked:
            return
        # the window's own focus widget (a dialog's is gone with the dialog)
        self._focus_before_lock = self.focusWidget()
        self.idle.stop()
        self.credentials.hide_all()
        self._lock_session(reason)
        # an open dialog (caller check, payment data) must not stay on top of the lock
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        self.lock_action.setEnabled(False)
        self.root.setCurrentIndex(self.PAGE_LOCK)
        self.statusBar().showMessage(self.tr("Locked – your keys were removed from memory."))

    def _unlocked(self) -> None:
        self.root.setCurrentIndex(self.PAGE_WORK)
        self.lock_action.setEnabled(True)
        self.statusBar().clearMessage()
        self.idle.start()
        self._restore_focus()
        if not self._admin:
            self.approvals.refresh_count()
            self.tickets.live_changed(True)
            self.credentials.lead_upkeep()
        # what finished while locked arrives now: "Saved.", or "locked before it was
        # finished" with the input still there
        self.operation_gate.unlock()

    def _restore_focus(self) -> None:
        """Typing after the unlock goes where it went before the lock."""
        widget, self._focus_before_lock = self._focus_before_lock, None
        if (
            widget is not None
            and shiboken6.isValid(widget)
            and widget.isVisible()
            and widget.isEnabled()
            and not self.lock_screen.isAncestorOf(widget)
        ):
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.pages.currentWidget() is self.customers:
            if self.customers.currentWidget() is self.customers.search:
                self.customers.search.focus_search()
            else:
                self.customers.customer.tabs.setFocus()
        else:
            self.nav.setFocus()

    def request_sign_out(self) -> None:
        """Sign out, after asking about unsaved input (no Save while locked: the keys
        are gone)."""
        self.guard.confirm(self._sign_out, can_save=not self.is_locked)

    def _sign_out(self) -> None:
        self.idle.stop()
        self.live.stop()
        self.credentials.hide_all()
        self._lock_session("sign_out")
        self.operation_gate.close()  # held results stay unseen; nothing else starts
        self.signed_out.emit()

    def request_close(self) -> None:
        """Quit (Ctrl+Q, the window's close button): ask about unsaved input first."""
        self.guard.confirm(self._close_now, can_save=not self.is_locked)

    def _close_now(self) -> None:
        self._close_confirmed = True
        self.close()

    def _about(self) -> None:
        from kcp_desk import __version__

        QMessageBox.about(
            self,
            self.tr("About kcp-desk"),
            self.tr("kcp-desk {0}\nThe desk of the service team.").format(__version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if event.spontaneous() and not self._close_confirmed and self.guard.has_unsaved_changes():
            # the window's close button: ask first (after this event, not inside it)
            event.ignore()
            QTimer.singleShot(0, self.request_close)
            return
        self.operation_gate.close()
        self.live.stop()
        self.credentials.hide_all()
        write = self._auth.begin_lock(self._session, reason="quit")
        if write is not None:
            # the process ends next: this last audit entry is written before it does
            with contextlib.suppress(KcpError):
                write()
        super().closeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+L in a dialog of this window locks, too (the dialog shadows the menu's
        shortcut)."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and QKeySequence(event.keyCombination()) == LOCK_KEYS
            and not self.is_locked
            and self.isVisible()
        ):
            modal = QApplication.activeModalWidget()
            if modal is not None and self._owns(modal):
                self.lock(reason="manual")
                return True
        return False

    def _owns(self, widget: QWidget) -> bool:
        parent = widget.parentWidget()
        while parent is not None:
            if parent is self:
                return True
            parent = parent.parentWidget()
        return False

    def _lock_session(self, reason: str) -> None:
        """Keys out of memory now; the audit entry follows on the worker. From here on
        the views' results wait for the unlock (the gate)."""
        write = self._auth.begin_lock(self._session, reason=reason)
        self.operation_gate.lock()
        if write is not None:
            Operation(self, write).while_locked().failure(self._lock_audit_failed).run()

    def _lock_audit_failed(self, err: KcpError) -> None:
        # the keys are gone already; only the audit entry failed
        self.statusBar().showMessage(error_text(err))
