"""Demo support orders with credentials, taken in as the portal sends them (SPEC §1:
"demo data uses the same path"), and handed to agents by a lead's reassignment.

The bulk demo orders (``demo.py``) have no credentials: thousands of HPKE wraps would
only slow the demo down. These few show the vault: one order is Anna's (she can reveal
its credentials), one Ben's, one waits unassigned, and one lacks the backup consent so
its start gate shows a condition not met.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any, Final

from sqlalchemy import select

from kcp_desk.db import Database
from kcp_desk.domain.order_pricing import rate_for
from kcp_desk.domain.references import format_customer_number
from kcp_desk.domain.start_gate import CONSENT_KINDS, CONSENT_WORDINGS
from kcp_desk.models.customers import Customer
from kcp_desk.models.products import Product
from kcp_desk.services.intake import IntakeResult, intake
from kcp_desk.services.intake.apply import SERVER_KINDS
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.tickets import TicketAssignment
from kcp_desk.services.trust import TrustAnchors

#: orders with credentials the demo creates
VAULT_ORDERS: Final = 6
#: (category, description, credential names)
_TASKS: Final = (
    (
        "Software-Update",
        "Bitte PHP auf 8.3 aktualisieren und danach den Shop prüfen.",
        ("root password", "Plesk admin password"),
    ),
    (
        "Mailserver",
        "Seit heute früh kommen keine Mails mehr an. Bitte Postfix prüfen.",
        ("root password", "mail admin password", "IMAP test account"),
    ),
    (
        "Datenbank",
        "Die MySQL-Datenbank des Shops ist sehr langsam, bitte analysieren.",
        ("root password", "MySQL root password"),
    ),
)


def add_vault_orders(
    db: Database,
    *,
    lead: AgentSession,
    handlers: tuple[int, ...],
    anchors: TrustAnchors,
    now: dt.datetime,
) -> int:
    """Create :data:`VAULT_ORDERS` orders on the first customers with a server; the
    lead gives them in turn to ``handlers`` (agent ids) or leaves one in the queue.
    Returns how many were created (fewer if the demo has fewer servers)."""
    with db.read() as s:
        servers = s.execute(
            select(Customer.number, Product.hostname, Product.sm_package)
            .join(Product, Product.customer_id == Customer.id)
            .where(
                Product.kind.in_(SERVER_KINDS),
                Product.active.is_(True),
                Product.ended_on.is_(None),
            )
            .order_by(Customer.id, Product.id)
            .limit(VAULT_ORDERS * 4)
        ).all()
    tickets = TicketAssignment(db, anchors=anchors)
    made, seen = 0, set()
    for number, hostname, package in servers:
        if made == VAULT_ORDERS or number in seen or hostname is None:
            continue
        seen.add(number)
        doc = _document(made, format_customer_number(number), hostname, str(package), now)
        result = intake(db, doc, now=now, anchors=anchors)
        assert isinstance(result, IntakeResult)  # a support order document
        slot = made % (len(handlers) + 1)
        if slot < len(handlers):
            version = tickets.status(lead, result.ticket_id).version
            tickets.reassign(
                lead, result.ticket_id, version, handlers[slot], "Verteilung nach Schwerpunkt"
            )
        made += 1
    return made


def _document(
    index: int, customer: str, hostname: str, package: str, now: dt.datetime
) -> dict[str, Any]:
    category, description, names = _TASKS[index % len(_TASKS)]
    given = (now - dt.timedelta(hours=2 + index)).isoformat()
    consents = {
        kind: {"wording_version": max(CONSENT_WORDINGS[kind]), "given_at": given}
        for kind in CONSENT_KINDS
        if not (index == 1 and kind == "backup_exists")  # its start gate stays closed
    }
    return {
        "kind": "support_order",
        "version": 1,
        "customer": customer,
        "sub_account": None,
        "product": hostname,
        "category": category,
        "description": description,
        "priority": "high" if index == 1 else "normal",
        "consents": consents,
        "cost": {
            "model": "hourly",
            "package": package,
            "price_per_15min": str(rate_for(package)),
            "estimate_minutes": 60 + 30 * index,
            "acknowledged_at": given,
        },
        # the customer's secrets: random, so no demo database shares them
        "credentials": {name: f"demo-{secrets.token_urlsafe(12)}" for name in names},
    }
