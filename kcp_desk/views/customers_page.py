"""The Customers screen: the search, and one customer opened from it."""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget

from kcp_desk.services.desk import DeskServices
from kcp_desk.services.principal import AgentSession
from kcp_desk.views.customer_search import CustomerSearchView
from kcp_desk.views.customer_view import CustomerView
from kcp_desk.views.unsaved import UnsavedGuard


class CustomersPage(QStackedWidget):
    def __init__(self, services: DeskServices, session: AgentSession) -> None:
        super().__init__()
        self.search = CustomerSearchView(services.search, session)
        self.customer = CustomerView(services, session)
        self.addWidget(self.search)
        self.addWidget(self.customer)
        self.search.open_customer.connect(self.open_customer)
        self.customer.back_requested.connect(self.back_to_results)

    @property
    def guard(self) -> UnsavedGuard:
        """The open customer's editors (the main window asks it on sign-out and close)."""
        return self.customer.guard

    def open_customer(self, customer_id: int) -> None:
        """Another customer replaces the open one's typed input: ask first."""
        self.guard.confirm(lambda: self._open(customer_id), refused=self._show_editor)

    def _open(self, customer_id: int) -> None:
        self.customer.open_customer(customer_id)
        self.setCurrentWidget(self.customer)
        self.customer.tabs.setFocus()

    def back_to_results(self) -> None:
        """Esc / "← Results": leaves the customer, so unsaved input is asked about."""
        self.guard.confirm(self.show_search, refused=self._show_editor)

    def _show_editor(self) -> None:
        """A save in the question was refused: the editor with its error in front."""
        self.setCurrentWidget(self.customer)
        self.customer.show_unsaved_editor()

    def show_search(self) -> None:
        """Ctrl+K / Ctrl+F: the search, ready to type. The open customer (and what is
        typed there) stays; opening another one asks first."""
        self.setCurrentWidget(self.search)
        self.search.focus_search()
