"""Handing credentials to an order's handler, and a lead desk's upkeep of the dispatch
key (SPEC V-4, V-7, V-8).

A lead grants an order's credentials to its assignee explicitly (:func:`grant`), never
on the database's word alone: a colleague with write access could put himself into
``support_orders.assignee_id``. So the assignment must be the last one the signed audit
log records for the ticket — a claim signed by the assignee, or a hand-over or
reassignment signed by a colleague — and the lead sees whom he gives them to.

What a lead's desk does on its own changes no recipient (:func:`upkeep`): it wraps the
current dispatch key to leads whose certificate says lead and who lack it (an admin
made them lead), and moves orders off retired dispatch keys by wrapping the SAME data
key to the newest dispatch key (the handler's wrap stays as it is).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Final

from cryptography.hazmat.primitives import serialization
from sqlalchemy import and_, delete, exists, or_, select
from sqlalchemy.orm import Session, aliased

from kcp_desk.domain.references import format_order_ref, format_ticket_ref
from kcp_desk.errors import QT_TRANSLATE_NOOP, PermissionDenied, StaleEdit
from kcp_desk.models.agents import Agent, Role
from kcp_desk.models.audit import AuditEntry
from kcp_desk.models.orders import OPEN_ORDER_STATES, SupportOrder
from kcp_desk.models.tickets import Ticket
from kcp_desk.models.vault import CredentialField, DekWrap, DispatchKey, DispatchKeyWrap
from kcp_desk.security.audit_chain import signature_valid
from kcp_desk.security.wrapping import dispatch_info, wrap
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.trust import (
    TrustAnchors,
    Uncertified,
    certified_agent,
    certified_dispatch_key,
    certified_handler,
    certified_signing_keys,
)
from kcp_desk.services.vault.custodian import DispatchCustodian
from kcp_desk.services.vault.rotation import newest_dispatch_key, rotate, wrap_to_dispatch

#: the ticket actions whose signed audit entry names the assignee afterwards
ASSIGNMENT_ACTIONS: Final = ("ticket_claimed", "ticket_handed_over", "ticket_reassigned")
_RELEASE: Final = "ticket_released"
#: an admin's disabling frees the agent's tickets (``admin._requeue``)
_DISABLED: Final = "agent_disabled"

CHANGED_HANDS: Final = QT_TRANSLATE_NOOP(
    "KcpError", "The order changed hands in the meantime. Look again before you hand it over."
)
NOT_AUDITED: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    "The audit log does not show this assignment, so the credentials are not handed "
    "over. Someone may have changed the database; please tell an admin.",
)
NOT_WAITING: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This order's handler can already open its credentials, or it has none."
)


@dataclass(frozen=True)
class WaitingOrder:
    """An order whose handler waits for its credentials (a lead hands them over)."""

    order_id: int
    order_ref: str
    ticket_ref: str
    assignee_id: int
    assignee_name: str


@dataclass(frozen=True)
class UpkeepReport:
    #: leads who got the current dispatch key
    shared: int
    #: orders moved off a retired dispatch key
    moved: int


def _waiting_where() -> object:
    mine = aliased(DekWrap)
    return and_(
        SupportOrder.id.in_(select(CredentialField.order_id).distinct().scalar_subquery()),
        SupportOrder.state.in_(OPEN_ORDER_STATES),
        SupportOrder.assignee_id.is_not(None),
        ~exists().where(
            mine.order_id == SupportOrder.id,
            mine.dek_version == SupportOrder.dek_version,
            mine.agent_id == SupportOrder.assignee_id,
        ),
    )


def waiting_orders(s: Session) -> tuple[WaitingOrder, ...]:
    """Driven from ``credential_fields`` (only orders still holding credentials)."""
    rows = s.execute(
        select(SupportOrder.id, SupportOrder.number, Ticket.number, Agent.id, Agent.display_name)
        .join(Ticket, Ticket.id == SupportOrder.ticket_id)
        .join(Agent, Agent.id == SupportOrder.assignee_id)
        .where(_waiting_where(), Agent.active.is_(True))  # type: ignore[arg-type]
        .order_by(SupportOrder.id)
    )
    return tuple(
        WaitingOrder(oid, format_order_ref(n), format_ticket_ref(t), aid, name)
        for oid, n, t, aid, name in rows
    )


def audited_assignee(s: Session, ticket_id: int, anchors: TrustAnchors) -> int | None:
    """Whom the signed audit log says the ticket is with, replaying every assignment of
    it in order: a claim of a free ticket signed by the claimer, a release or hand-over
    signed by the holder, a reassignment signed by a lead, and an admin's disabling of
    the holder (which frees the ticket). Each signature is checked with a key an admin
    CERTIFIED for that agent and key version (``agent_keys`` alone can be added to).
    None when the log shows the ticket free, or any step does not hold up."""
    needles = [f'"ticket_id":{int(ticket_id)}{end}' for end in (",", "}")]
    entries = s.scalars(
        select(AuditEntry)
        .where(
            or_(
                and_(
                    AuditEntry.action.in_((*ASSIGNMENT_ACTIONS, _RELEASE)),
                    or_(*(AuditEntry.canonical.contains(n, autoescape=True) for n in needles)),
                ),
                AuditEntry.action == _DISABLED,
            )
        )
        .order_by(AuditEntry.seq)
    )
    keys: dict[int, frozenset[tuple[int, bytes]]] = {}
    holder: int | None = None
    for entry in entries:
        step = _signed_step(s, entry, anchors, keys)
        if step is None:
            return None
        signer, details = step
        to = details.get("assignee_id")
        if entry.action == _DISABLED:
            if _role(s, signer, anchors) != Role.ADMIN:
                return None
            if details.get("target_agent_id") == holder:
                holder = None
        elif entry.action == "ticket_claimed":
            if holder is not None or to != signer:
                return None
            holder = signer
        elif entry.action == _RELEASE:
            if holder != signer:
                return None
            holder = None
        elif entry.action == "ticket_handed_over":
            if holder != signer or details.get("from_agent_id") != signer or type(to) is not int:
                return None
            holder = to
        else:  # ticket_reassigned: a lead, from any state
            if _role(s, signer, anchors) != Role.LEAD or type(to) is not int:
                return None
            holder = to
    return holder


def _signed_step(
    s: Session,
    entry: AuditEntry,
    anchors: TrustAnchors,
    keys: dict[int, frozenset[tuple[int, bytes]]],
) -> tuple[int, dict[str, object]] | None:
    """(signer, details) of an entry whose signature checks out with a certified key."""
    try:
        body = json.loads(entry.canonical)
        details = body["details"]
        signer, version = body["agent_id"], body.get("key_version", 1)
    except (ValueError, KeyError, TypeError):
        return None
    if type(signer) is not int or type(version) is not int or not isinstance(details, dict):
        return None
    if entry.signature is None:
        return None
    if signer not in keys:
        keys[signer] = certified_signing_keys(s, signer, anchors)
    for certified_version, public in keys[signer]:
        if certified_version == version and signature_valid(
            public, entry.entry_hash, entry.signature
        ):
            return signer, details
    return None


def _role(s: Session, agent_id: int, anchors: TrustAnchors) -> str | None:
    try:
        return certified_agent(s, agent_id, anchors).role
    except Uncertified:
        return None


def grant(
    s: Session,
    session: AgentSession,
    order_id: int,
    assignee_id: int,
    anchors: TrustAnchors,
    custodian: DispatchCustodian,
) -> SupportOrder:
    """The lead hands the order's credentials to ``assignee_id`` (whom the lead was
    shown): rotated to them through the dispatch key. Refused when the order changed
    hands, is not waiting, or its assignment is not the audited one."""
    order = s.get(SupportOrder, order_id, with_for_update=True, populate_existing=True)
    if order is None or order.assignee_id != assignee_id:
        raise StaleEdit(CHANGED_HANDS)
    if not s.scalar(select(exists().where(_waiting_where(), SupportOrder.id == order_id))):  # type: ignore[arg-type]
        raise PermissionDenied(NOT_WAITING)
    if audited_assignee(s, order.ticket_id, anchors) != assignee_id:
        raise PermissionDenied(NOT_AUDITED)
    target = certified_handler(s, assignee_id, anchors)
    dek = custodian.open_order_key(s, session, order)
    rotate(s, order, dek, assignee=target, anchors=anchors)
    return order


def upkeep(
    s: Session, session: AgentSession, anchors: TrustAnchors, custodian: DispatchCustodian
) -> UpkeepReport:
    """Share the current dispatch key with certified leads who lack it; move orders off
    retired dispatch keys (same data key, so no handler changes); forget retired keys
    no order needs. Changes nobody's access to an order."""
    shared = moved = 0
    current = newest_dispatch_key(s)
    certified_dispatch_key(s, current, anchors)
    holders = set(
        s.scalars(
            select(DispatchKeyWrap.agent_id).where(DispatchKeyWrap.dispatch_key_id == current.id)
        )
    )
    leads = s.scalars(select(Agent.id).where(Agent.role == Role.LEAD, Agent.active.is_(True))).all()
    lacking = [i for i in leads if i not in holders]
    if lacking and session.principal.agent_id in holders:
        private = custodian.open_dispatch_key(s, session, current)
        raw = private.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        for lead_id in lacking:
            try:
                lead = certified_agent(s, lead_id, anchors)
            except Uncertified:
                continue  # the caller audits nothing here: the admin page shows it
            if lead.role != Role.LEAD or not lead.active:
                continue  # the certificate says otherwise than the row's query
            s.add(
                DispatchKeyWrap(
                    dispatch_key_id=current.id,
                    agent_id=lead.agent_id,
                    agent_key_version=lead.key_version,
                    wrapped=wrap(
                        raw,
                        lead.x25519_public,
                        dispatch_info(current.version, lead.agent_id, lead.key_version),
                    ),
                )
            )
            shared += 1
        del raw, private
    old_wraps = s.execute(
        select(DekWrap, SupportOrder)
        .join(SupportOrder, SupportOrder.id == DekWrap.order_id)
        .where(DekWrap.dispatch_key_id.is_not(None), DekWrap.dispatch_key_id != current.id)
        .order_by(DekWrap.order_id)
    ).all()
    for old, order in old_wraps:
        if old.dek_version != order.dek_version:
            s.delete(old)  # a leftover of an older version opens nothing current
            continue
        try:
            dek = custodian.open_order_key(s, session, order)
        except PermissionDenied:
            continue  # this lead holds no copy of that old key: another lead's desk will
        s.delete(old)
        s.flush()
        wrap_to_dispatch(s, order, dek, current)
        moved += 1
    s.flush()
    in_use = select(DekWrap.dispatch_key_id).where(DekWrap.dispatch_key_id.is_not(None))
    retired = select(DispatchKey.id).where(
        DispatchKey.id != current.id, DispatchKey.id.not_in(in_use)
    )
    s.execute(delete(DispatchKeyWrap).where(DispatchKeyWrap.dispatch_key_id.in_(retired)))
    return UpkeepReport(shared, moved)
