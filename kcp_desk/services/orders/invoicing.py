"""SO-3 "billed": an order's billable time becomes a new invoice (C3 rules).

The price is the one pure rule :func:`~kcp_desk.domain.order_pricing.price_order` (per
started 15 minutes at the rate the customer acknowledged, or the catalogue task's fixed
price); the invoice is numbered gap-free (``billing.next_invoice_seq``, drawn in the
caller's transaction) and carries VAT exactly as the other invoices: 19 % per position,
the tax per rate rounded half up (``billing_rules.vat_breakdown``), 14 days to pay, the
customer's preferred payment method and, for direct debit, their active mandate.

Time included in the package is listed on the order and never invoiced: an order whose
time is all included is billed without an invoice (:func:`bill_order` returns None).
Every position begins with :func:`~kcp_desk.services.orders.queries.position_prefix`,
which names the order (``SA-…``) — that is how the order finds its invoice again.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from kcp_desk.domain import billing_rules as rules
from kcp_desk.domain.order_pricing import OrderPrice, price_order
from kcp_desk.domain.references import format_invoice_number, format_order_ref
from kcp_desk.models.billing import (
    Invoice,
    InvoicePosition,
    InvoiceState,
    MandateStatus,
    SepaMandate,
)
from kcp_desk.models.customers import Customer, PaymentMethod
from kcp_desk.models.orders import CostModel, SupportOrder
from kcp_desk.services.billing import next_invoice_seq
from kcp_desk.services.orders.queries import position_prefix

__all__ = ["PAYMENT_TERM_DAYS", "VAT_RATE", "bill_order", "order_price"]

#: the VAT rate of the hoster's services (as every invoice of the desk has it)
VAT_RATE: Final = Decimal("19.00")
#: days to pay, as on the other invoices
PAYMENT_TERM_DAYS: Final = 14
_DESCRIPTION_MAX: Final = 500


def order_price(order: SupportOrder) -> OrderPrice:
    """The order's price; every clock must have stopped (``EntryStillRunning`` else)."""
    return price_order(
        str(order.product.sm_package),
        order.time_entries,
        fixed_price=order.fixed_price if order.cost_model == CostModel.FIXED else None,
        rate_per_15min=order.price_per_15min,
        estimate_minutes=order.estimate_minutes,
    )


def _position_text(order: SupportOrder, price: OrderPrice) -> str:
    ref = format_order_ref(order.number)
    if price.fixed_price is not None:
        task = order.catalogue_task or order.category
        text = f"{position_prefix(ref)} {task} (Festpreis)"
    else:
        text = (
            f"{position_prefix(ref)} {order.category} – "
            f"{price.billable_minutes} Min., je angefangene 15 Minuten"
        )
    return text[:_DESCRIPTION_MAX]


def _mandate_id(s: Session, customer: Customer) -> int | None:
    if customer.preferred_payment_method != PaymentMethod.SEPA_DIRECT_DEBIT:
        return None
    return s.scalar(
        select(SepaMandate.id)
        .where(
            SepaMandate.customer_id == customer.id,
            SepaMandate.status == MandateStatus.ACTIVE,
            SepaMandate.debits_blocked.is_(False),
        )
        .order_by(SepaMandate.seq.desc())
        .limit(1)
    )


def bill_order(s: Session, order: SupportOrder, now: dt.datetime) -> Invoice | None:
    """Write the order's invoice in the caller's transaction; None when nothing is
    billable (all time included in the package, or no billable time at all)."""
    price = order_price(order)
    if price.fixed_price is not None:
        quantity, unit_price = Decimal(1), price.fixed_price
    else:
        assert price.rate_per_15min is not None
        quantity, unit_price = Decimal(price.quarter_hours), price.rate_per_15min
    if price.net <= 0:
        return None
    customer = s.get(Customer, order.customer_id)
    assert customer is not None  # a foreign key
    today = now.date()
    seq = next_invoice_seq(s, today.year)
    (vat_line,) = rules.vat_breakdown([(price.net, VAT_RATE)])
    invoice = Invoice(
        number=format_invoice_number(today.year, seq),
        year=today.year,
        seq=seq,
        customer_id=customer.id,
        issued_on=today,
        due_on=today + dt.timedelta(days=PAYMENT_TERM_DAYS),
        state=InvoiceState.OPEN,
        net=vat_line.net,
        vat=vat_line.vat,
        gross=vat_line.gross,
        paid_amount=Decimal("0.00"),
        payment_method=customer.preferred_payment_method,
        mandate_id=_mandate_id(s, customer),
        created_at=now,
    )
    invoice.positions.append(
        InvoicePosition(
            pos=1,
            description=_position_text(order, price),
            quantity=quantity,
            unit_price=unit_price,
            vat_rate=VAT_RATE,
            net=price.net,
        )
    )
    s.add(invoice)
    s.flush()
    return invoice
