"""Reading one support order for the order view (SO-1…SO-5), inside the caller's
transaction: the facts, the start gate (``domain.start_gate``), the time with its price
so far (``domain.order_pricing``), the credential names and what the acting agent may
do with them, and the invoice it was billed on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, selectinload

from kcp_desk.domain.billing_rules import UNPAID_STATES, highest_stage
from kcp_desk.domain.order_pricing import PricingError, price_order
from kcp_desk.domain.references import format_customer_number, format_order_ref, format_ticket_ref
from kcp_desk.domain.start_gate import GatePolicy, GateResult, Submitter, start_gate
from kcp_desk.errors import QT_TRANSLATE_NOOP, NotFound
from kcp_desk.models.agents import Agent, Role
from kcp_desk.models.billing import DunningStep, Invoice
from kcp_desk.models.customers import Customer, SubAccount
from kcp_desk.models.orders import (
    OPEN_ORDER_STATES,
    ConsentKind,
    CostModel,
    OrderState,
    SupportOrder,
)
from kcp_desk.models.tickets import Ticket
from kcp_desk.models.vault import CredentialField, DekWrap
from kcp_desk.services.customers import display_name
from kcp_desk.services.orders.dto import (
    ConsentView,
    CostView,
    CredentialAccess,
    GateCondition,
    OrderDetail,
    TimeEntryView,
    TimeTotals,
)
from kcp_desk.services.orders.states import SERVICE_ONLY, allowed_targets, ordered

__all__ = [
    "NOT_FOUND",
    "conditions_of",
    "gate_of",
    "invoice_of",
    "load_order",
    "order_detail",
    "position_prefix",
    "works_it",
]

NOT_FOUND: Final = QT_TRANSLATE_NOOP("KcpError", "This support order does not exist.")


def position_prefix(ref: str) -> str:
    """How every invoice position of an order begins: the order's reference names it
    (the order links its invoice too, :func:`invoice_of`)."""
    return f"Support-Auftrag {ref}:"


def load_order(s: Session, order_id: int) -> SupportOrder:
    order = s.get(SupportOrder, order_id, populate_existing=True)
    if order is None:
        raise NotFound(NOT_FOUND)
    return order


def works_it(me: Agent, assignee_id: int | None) -> bool:
    """The assignee or a lead: may change the state and book time."""
    return me.role == Role.LEAD or (assignee_id is not None and assignee_id == me.id)


def _dunning_level(s: Session, customer_id: int) -> str | None:
    levels = s.scalars(
        select(DunningStep.level)
        .join(Invoice, Invoice.id == DunningStep.invoice_id)
        .where(Invoice.customer_id == customer_id, Invoice.state.in_(sorted(UNPAID_STATES)))
        .distinct()
    )
    stage = highest_stage(str(level) for level in levels)
    return None if stage is None else stage.value


def _submitter(s: Session, order: SupportOrder) -> Submitter:
    if order.submitted_by_sub_account_id is None:
        return Submitter.main_account()
    sub = s.get(SubAccount, order.submitted_by_sub_account_id)
    if sub is None:  # a foreign key: only a broken database gets here
        return Submitter(sub_account=True, may_place_orders=False, active=False)
    return Submitter(sub_account=True, may_place_orders=sub.may_place_orders, active=sub.active)


def gate_of(
    s: Session, order: SupportOrder, policy: GatePolicy, billable_minutes: int
) -> GateResult:
    """SO-4 for ``order`` as of this transaction."""
    return start_gate(
        consents=[_Consent(str(c.kind), c.wording_version) for c in order.consents],
        backup_assured=any(c.kind == ConsentKind.BACKUP_EXISTS for c in order.consents),
        cost_acknowledged=order.cost_acknowledged_at is not None,
        fixed_price=order.cost_model == CostModel.FIXED,
        estimate_minutes=order.estimate_minutes,
        expected_minutes=billable_minutes,
        submitter=_submitter(s, order),
        dunning_level=_dunning_level(s, order.customer_id),
        policy=policy,
    )


class _Consent:
    __slots__ = ("kind", "wording_version")

    def __init__(self, kind: str, wording_version: str) -> None:
        self.kind = kind
        self.wording_version = wording_version


def conditions_of(result: GateResult, policy: GatePolicy) -> tuple[GateCondition, ...]:
    """The gate's conditions as DTOs whose params are plain ints (for the messages)."""
    conditions = []
    for c in result.conditions:
        params: dict[str, str | int] = {}
        if c.reason == "consents_missing":
            missing = c.params.get("missing", ())
            params = {
                "missing": len(missing) if isinstance(missing, tuple) else 1,
                "required": len(policy.required_consents),
            }
        elif c.reason == "over_estimate":
            params = {key: value for key, value in c.params.items() if isinstance(value, int)}
        conditions.append(GateCondition(str(c.key), c.met, c.reason, params))
    return tuple(conditions)


def invoice_of(s: Session, order: SupportOrder) -> tuple[int, str] | None:
    """The invoice the order was billed on, if any (``support_orders.invoice_id``)."""
    if order.invoice_id is None:
        return None
    invoice = s.get(Invoice, order.invoice_id)
    return None if invoice is None else (invoice.id, invoice.number)


def _credential_access(
    s: Session, me: Agent, order: SupportOrder, names: tuple[str, ...]
) -> CredentialAccess:
    if not names:
        return CredentialAccess.NONE
    wrapped = s.scalar(
        select(
            exists().where(
                DekWrap.order_id == order.id,
                DekWrap.agent_id == me.id,
                DekWrap.dek_version == order.dek_version,
            )
        )
    )
    if wrapped and order.assignee_id == me.id:
        return CredentialAccess.YOURS
    if order.assignee_id == me.id:
        return CredentialAccess.WAITING
    return CredentialAccess.NOT_YOURS


def _handler_waiting(s: Session, order: SupportOrder, names: tuple[str, ...]) -> bool:
    if not names or order.assignee_id is None or order.state not in OPEN_ORDER_STATES:
        return False
    return not s.scalar(
        select(
            exists().where(
                DekWrap.order_id == order.id,
                DekWrap.agent_id == order.assignee_id,
                DekWrap.dek_version == order.dek_version,
            )
        )
    )


def order_detail(
    s: Session, me: Agent, order_id: int, now: dt.datetime, policy: GatePolicy
) -> OrderDetail:
    order = s.get(
        SupportOrder,
        order_id,
        populate_existing=True,
        options=[
            selectinload(SupportOrder.consents),
            selectinload(SupportOrder.time_entries),
            selectinload(SupportOrder.product),
        ],
    )
    if order is None:
        raise NotFound(NOT_FOUND)
    customer = s.get(Customer, order.customer_id)
    ticket_number = s.scalar(select(Ticket.number).where(Ticket.id == order.ticket_id))
    assert customer is not None and ticket_number is not None  # foreign keys
    customer_name = display_name(
        customer.kind, customer.first_name, customer.last_name, customer.company,
        customer.legal_form,
    )  # fmt: skip
    names: dict[int, str] = {
        agent_id: name for agent_id, name in s.execute(select(Agent.id, Agent.display_name))
    }
    subs: dict[int, str] = {
        sub_id: login
        for sub_id, login in s.execute(
            select(SubAccount.id, SubAccount.login).where(
                SubAccount.customer_id == order.customer_id
            )
        )
    }
    given = {c.kind: c for c in order.consents}
    consents = tuple(
        ConsentView(
            kind=kind.value,
            given=kind in given,
            wording_version=given[kind].wording_version if kind in given else None,
            given_at=given[kind].given_at if kind in given else None,
            given_by=(
                None
                if kind not in given
                else subs.get(given[kind].sub_account_id or -1, customer_name)
            ),
        )
        for kind in ConsentKind
    )
    package = str(order.product.sm_package)
    entries = tuple(
        TimeEntryView(
            entry_id=e.id,
            agent_id=e.agent_id,
            agent_name=names.get(e.agent_id, ""),
            started_at=e.started_at,
            ended_at=e.ended_at,
            billable=e.billable,
            note=e.note,
            version=e.version,
        )
        for e in sorted(order.time_entries, key=lambda e: (e.started_at, e.id))
    )
    totals = _totals(order, package, now)
    gate = gate_of(s, order, policy, totals.billable_minutes)
    credential_names = tuple(
        s.scalars(
            select(CredentialField.name)
            .where(CredentialField.order_id == order.id)
            .order_by(CredentialField.id)
        )
    )
    state = OrderState(order.state)
    may_work = works_it(me, order.assignee_id)
    allowed = ordered(allowed_targets(state) - SERVICE_ONLY) if may_work else ()
    invoice = invoice_of(s, order) if state == OrderState.BILLED else None
    return OrderDetail(
        order_id=order.id,
        ref=format_order_ref(order.number),
        ticket_id=order.ticket_id,
        ticket_ref=format_ticket_ref(ticket_number),
        customer_id=customer.id,
        customer_number=format_customer_number(customer.number),
        customer_name=customer_name,
        product_id=order.product_id,
        product_name=order.product.name,
        hostname=order.product.hostname,
        category=order.category,
        description=order.description,
        state=state.value,
        assignee_id=order.assignee_id,
        assignee_name=names.get(order.assignee_id) if order.assignee_id else None,
        submitted_by=(
            None
            if order.submitted_by_sub_account_id is None
            else subs.get(order.submitted_by_sub_account_id, "")
        ),
        created_at=order.created_at,
        consents=consents,
        cost=CostView(
            model=str(order.cost_model),
            package=package,
            rate_per_15min=order.price_per_15min,
            fixed_price=order.fixed_price,
            catalogue_task=order.catalogue_task,
            estimate_minutes=order.estimate_minutes,
            acknowledged_at=order.cost_acknowledged_at,
        ),
        gate=conditions_of(gate, policy),
        time_entries=entries,
        totals=totals,
        credential_names=credential_names,
        credential_access=_credential_access(s, me, order, credential_names),
        handler_waiting=_handler_waiting(s, order, credential_names),
        invoice_id=None if invoice is None else invoice[0],
        invoice_number=None if invoice is None else invoice[1],
        allowed_states=allowed,
        may_work=may_work,
        version=order.version,
    )


def _totals(order: SupportOrder, package: str, now: dt.datetime) -> TimeTotals:
    try:
        price = price_order(
            package,
            order.time_entries,
            fixed_price=order.fixed_price if order.cost_model == CostModel.FIXED else None,
            rate_per_15min=order.price_per_15min,
            estimate_minutes=order.estimate_minutes,
            now=now,
        )
    except PricingError:
        # entries the service would not have written (e.g. edited in the database):
        # show the order anyway, without a price
        return TimeTotals(0, 0, 0, order.estimate_minutes, 0, Decimal("0.00"))
    return TimeTotals(
        billable_minutes=price.billable_minutes,
        included_minutes=price.included_minutes,
        billed_minutes=price.billed_minutes,
        estimate_minutes=order.estimate_minutes,
        over_estimate_minutes=0 if price.estimate is None else price.estimate.over_minutes,
        net_so_far=price.net,
    )
