"""The Customers screen: the search, and one customer opened from it."""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget

from kcp_desk.services.desk import DeskServices
from kcp_desk.services.principal import AgentSession
from kcp_desk.views.customer_search import CustomerSearchView
from kcp_desk.views.customer_view import CustomerView


class CustomersPage(QStackedWidget):
    def __init__(self, services: DeskServices, session: AgentSession) -> None:
        super().__init__()
        self.search = CustomerSearchView(services.search, session)
        self.customer = CustomerView(services, session)
        self.addWidget(self.search)
        self.addWidget(self.customer)
        self.search.open_customer.connect(self.open_customer)
        self.customer.back_requested.connect(self.show_search)

    def open_customer(self, customer_id: int) -> None:
        self.customer.open_customer(customer_id)
        self.setCurrentWidget(self.customer)
        self.customer.tabs.setFocus()

    def show_search(self) -> None:
        self.setCurrentWidget(self.search)
        self.search.focus_search()
