"""Demo customers for trainees: a few for each situation worth trying (README "Demo").

The demo generator is deterministic for its seed, its customer count and the day it
runs: the same on every machine on the same day. Invoices follow the calendar (each
customer is billed yearly on a day that grows with the customer number), so who is in
arrears or blocked depends on that day; who has open tickets or sub-accounts does not.
``kcp-desk demo`` and the first ``make run`` print the picks of the day; the README names
only those that hold on every day of the year (``tests/test_cli.py`` keeps it right).

A pick is found by a rule over the data the generator wrote, not remembered while
generating: the rules say what a trainee gets ("a company with sub-accounts"), and they
hold for any demo database, also one made by an older ``kcp-desk demo``. Demo tooling,
not a use case: nothing here is called by the desk (HOUSE_STYLE).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from sqlalchemy import ColumnElement, exists, select

from kcp_desk.db import Database
from kcp_desk.domain.references import format_customer_number
from kcp_desk.models.billing import Invoice, InvoiceState
from kcp_desk.models.customers import Customer, CustomerKind, SubAccount
from kcp_desk.models.tickets import Ticket, TicketState
from kcp_desk.services.customers import display_name

#: situation key → what ``kcp-desk demo`` prints for it
SITUATIONS: Final[dict[str, str]] = {
    "returned_debit": "in arrears with a returned debit",
    "blocked": "blocked (dunning)",
    "open_tickets": "open tickets",
    "sub_accounts": "company with sub-accounts",
}
#: not in the demo data yet: said so by ``kcp-desk demo`` instead of a pick
MISSING_SITUATIONS: Final[dict[str, str]] = {
    "p_locked": "phone password locked: none in the demo data (three wrong phone "
    "passwords on one of the first 50 customers lock it)",
}


@dataclass(frozen=True)
class DemoPick:
    situation: str  # a key of SITUATIONS
    number: str  # K…
    name: str


def _rules() -> dict[str, ColumnElement[bool]]:
    return {
        "returned_debit": exists().where(
            Invoice.customer_id == Customer.id, Invoice.state == InvoiceState.RETURNED_DEBIT
        ),
        "blocked": Customer.blocked.is_(True),
        "open_tickets": exists().where(
            Ticket.customer_id == Customer.id, Ticket.state != TicketState.CLOSED
        ),
        "sub_accounts": (Customer.kind == CustomerKind.COMPANY)
        & exists().where(SubAccount.customer_id == Customer.id, SubAccount.active.is_(True)),
    }


def demo_picks(db: Database, per_situation: int = 3) -> list[DemoPick]:
    """The first ``per_situation`` customers (by number) of each situation."""
    picks: list[DemoPick] = []
    with db.session_factory() as s:
        for situation, rule in _rules().items():
            rows = s.execute(
                select(
                    Customer.number,
                    Customer.kind,
                    Customer.first_name,
                    Customer.last_name,
                    Customer.company,
                    Customer.legal_form,
                )
                .where(rule)
                .order_by(Customer.number)
                .limit(per_situation)
            ).all()
            picks.extend(
                DemoPick(
                    situation,
                    format_customer_number(row.number),
                    display_name(
                        row.kind, row.first_name, row.last_name, row.company, row.legal_form
                    ),
                )
                for row in rows
            )
    return picks


def describe_picks(picks: list[DemoPick]) -> list[str]:
    """The lines ``kcp-desk demo`` prints: number, situation, name."""
    width = max(len(text) for text in SITUATIONS.values())
    lines = ["Demo customers to try (customer number, situation, name):"]
    lines += [f"  {p.number:<10} {SITUATIONS[p.situation]:<{width}}  {p.name}" for p in picks]
    for situation, text in SITUATIONS.items():
        if not any(p.situation == situation for p in picks):
            lines.append(f"  {'–':<10} {text:<{width}}  (none in this demo database)")
    lines += [f"  {'–':<10} {text}" for text in MISSING_SITUATIONS.values()]
    return lines
