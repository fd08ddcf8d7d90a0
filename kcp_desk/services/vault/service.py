"""The credential vault's use cases (SPEC C6): reveal, moving access with the ticket,
and a lead's desk handing credentials to assignees who wait for them.

* :meth:`VaultService.reveal` (V-5): only the order's assignee, through their own wrap.
  The audit entry is committed first; only then is the data key opened and the field
  decrypted, so a reveal that cannot be audited shows nothing.
* :func:`move_access` runs inside a ticket assignment's transaction (T-5, V-4): whoever
  can open the data key (the assignee through their wrap, a lead through the dispatch
  key) rotates it to the new assignee. An agent who claims an unassigned order cannot
  open it: the order waits until a lead's desk grants it (:meth:`grant_pending`).
* Every wrap goes to a recipient whose certificate checks out (``services.trust``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from sqlalchemy import and_, delete, exists, select
from sqlalchemy.orm import Session, aliased

from kcp_desk.db import Database
from kcp_desk.domain.references import format_order_ref
from kcp_desk.errors import QT_TRANSLATE_NOOP, KcpError, NotFound, PermissionDenied
from kcp_desk.models.agents import Agent, Role
from kcp_desk.models.orders import OPEN_ORDER_STATES, SupportOrder
from kcp_desk.models.vault import CredentialField, DekWrap, DispatchKey, DispatchKeyWrap
from kcp_desk.security.field_crypto import FieldDecryptError, SecretText, decrypt_field
from kcp_desk.security.wrapping import AgentRecipient, UnwrapError, unwrap_dek
from kcp_desk.services import audit
from kcp_desk.services.access import CUSTOMER_ROLES, acting_agent
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.trust import TrustAnchors, Uncertified, certified_agent, record_refusal
from kcp_desk.services.vault.custodian import DispatchCustodian, LeadEscrow
from kcp_desk.services.vault.rotation import rotate

_NOT_FOUND: Final = QT_TRANSLATE_NOOP("KcpError", "This credential does not exist (any more).")
_NOT_HANDLER: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Only the order's assigned handler can open its credentials."
)
_WAITING: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    "The order is yours, but a lead has not handed you its credentials yet. A lead's "
    "desk does that on its own within moments; ask a lead if it takes longer.",
)
_BROKEN: Final = QT_TRANSLATE_NOOP(
    "KcpError",
    "This credential cannot be decrypted with your key: it was changed in the database "
    "or is addressed to someone else. Please tell an admin.",
)
_LEADS_ONLY: Final = QT_TRANSLATE_NOOP("KcpError", "Only a lead hands over credentials.")


class CredentialUnreadable(KcpError):
    """A wrap or ciphertext that does not open: tampered with, or not for us."""


@dataclass(frozen=True)
class GrantReport:
    granted: int
    moved_from_old_keys: int
    refused: int


class VaultService:
    def __init__(
        self,
        db: Database,
        *,
        anchors: TrustAnchors,
        custodian: DispatchCustodian | None = None,
    ) -> None:
        self._db = db
        self._anchors = anchors
        self._custodian: DispatchCustodian = custodian or LeadEscrow()

    @property
    def anchors(self) -> TrustAnchors:
        return self._anchors

    @property
    def custodian(self) -> DispatchCustodian:
        return self._custodian

    def reveal(
        self, session: AgentSession, order_id: int, field_name: str, *, copy: bool = False
    ) -> SecretText:
        """One credential field in the clear, for the order's assignee (V-5).

        ``copy`` says what the agent does with it (audited as a copy, not a reveal).
        The audit entry commits BEFORE anything is decrypted: if it cannot be written,
        the fault propagates and nothing is shown.
        """
        with self._db.transaction() as s:
            me = acting_agent(s, session, *CUSTOMER_ROLES, lock=True)
            order = s.get(SupportOrder, order_id)
            if order is None:
                raise NotFound(_NOT_FOUND)
            if order.assignee_id != me.id:
                raise PermissionDenied(_NOT_HANDLER)
            field = s.scalars(
                select(CredentialField).where(
                    CredentialField.order_id == order_id, CredentialField.name == field_name
                )
            ).first()
            if field is None:
                raise NotFound(_NOT_FOUND)
            version = order.dek_version
            nonce, ciphertext = bytes(field.nonce), bytes(field.ciphertext)
            wrapped = s.scalar(
                select(DekWrap.wrapped).where(
                    DekWrap.order_id == order_id,
                    DekWrap.dek_version == version,
                    DekWrap.agent_id == me.id,
                    DekWrap.agent_key_version == session.key_version,
                )
            )
            if wrapped is None:
                raise PermissionDenied(_WAITING)
            audit.append(
                s,
                "credential_copied" if copy else "credential_revealed",
                {
                    "order_id": order_id,
                    "order": format_order_ref(order.number),
                    "field": field_name,
                    "dek_version": version,
                },
                agent_id=me.id,
                keys=session.keys,
            )
        # committed: now, and only now, open it
        dek = session.cached_dek(order_id, version)
        try:
            if dek is None:
                dek = unwrap_dek(
                    wrapped,
                    session.keys.x25519,
                    order_id=order_id,
                    dek_version=version,
                    recipient=AgentRecipient(me.id, session.key_version),
                )
                session.cache_dek(order_id, version, dek)
            text = decrypt_field(
                dek,
                order_id=order_id,
                field_name=field_name,
                dek_version=version,
                nonce=nonce,
                ciphertext=ciphertext,
            )
        except (UnwrapError, FieldDecryptError):
            text = None  # raised below, outside the handler
        if text is None:
            raise CredentialUnreadable(_BROKEN)
        return SecretText(text)

    def grant_pending(self, session: AgentSession) -> GrantReport:
        """A lead's desk: every assignee still without a wrap gets one, and every order
        whose data key is wrapped to a retired dispatch key moves to the newest — each
        with a rotation. Refused recipients (bad certificates) are audited and skipped."""
        granted = moved = 0
        refusals: list[Uncertified] = []
        with self._db.read() as s:  # most of the time nothing waits: no write lock then
            acting_agent(s, session, Role.LEAD, denied=_LEADS_ONLY)
            if not _pending_ids(s):
                return GrantReport(0, 0, 0)
        with self._db.transaction() as s:
            acting_agent(s, session, Role.LEAD, denied=_LEADS_ONLY, lock=True)
            orders = list(
                s.scalars(
                    select(SupportOrder)
                    .where(SupportOrder.id.in_(_pending_ids(s)))
                    .order_by(SupportOrder.id)
                    .with_for_update()
                )
            )
            for order in orders:
                assignee = None
                try:
                    if order.assignee_id is not None:
                        assignee = certified_agent(s, order.assignee_id, self._anchors)
                except Uncertified as exc:
                    refusals.append(exc)
                on_old_key = _on_retired_dispatch_key(s, order)
                if assignee is None and not on_old_key:
                    continue
                dek = self._custodian.open_order_key(s, session, order)
                had = _has_agent_wrap(s, order)
                rotate(s, order, dek, assignee=assignee, anchors=self._anchors)
                granted += assignee is not None and not had
                moved += on_old_key
                audit.append(
                    s,
                    "credential_access_granted",
                    {
                        "order_id": order.id,
                        "order": format_order_ref(order.number),
                        "to_agent_id": None if assignee is None else assignee.agent_id,
                        "dek_version": order.dek_version,
                    },
                    agent_id=session.principal.agent_id,
                    keys=session.keys,
                )
            _drop_unused_retired_keys(s)
        for refusal in refusals:
            record_refusal(self._db, session, refusal, "credential_access_granted")
        return GrantReport(granted, moved, len(refusals))


def move_access(
    s: Session,
    session: AgentSession,
    me: Agent,
    order: SupportOrder,
    to_agent_id: int | None,
    anchors: TrustAnchors,
    custodian: DispatchCustodian,
) -> str:
    """Inside a ticket's (re)assignment: the order's credentials follow the ticket.

    Returns what happened for the audit entry: ``rotated`` (the new assignee can open
    them now), ``waiting`` (a lead's desk grants them), ``none`` (no credentials).
    :class:`Uncertified` for a recipient whose certificate does not check out.
    """
    order.assignee_id = to_agent_id
    has_fields = s.scalar(select(exists().where(CredentialField.order_id == order.id)))
    if not has_fields:
        return "none"
    target = None if to_agent_id is None else certified_agent(s, to_agent_id, anchors)
    dek = _open_as(s, session, me, order, custodian)
    if dek is None:
        # nobody here can open it: drop every agent wrap, the dispatch wrap stays
        s.execute(
            delete(DekWrap).where(DekWrap.order_id == order.id, DekWrap.agent_id.is_not(None))
        )
        return "waiting" if target is not None else "queued"
    rotate(s, order, dek, assignee=target, anchors=anchors)
    session.forget_dek(order.id)
    return "rotated"


def _open_as(
    s: Session, session: AgentSession, me: Agent, order: SupportOrder, custodian: DispatchCustodian
) -> bytes | None:
    """The order's current data key, if the acting agent can open it (own wrap, or a
    lead through the dispatch key); None otherwise."""
    cached = session.cached_dek(order.id, order.dek_version)
    if cached is not None:
        return cached
    wrapped = s.scalar(
        select(DekWrap.wrapped).where(
            DekWrap.order_id == order.id,
            DekWrap.dek_version == order.dek_version,
            DekWrap.agent_id == me.id,
            DekWrap.agent_key_version == session.key_version,
        )
    )
    if wrapped is not None:
        try:
            return unwrap_dek(
                wrapped,
                session.keys.x25519,
                order_id=order.id,
                dek_version=order.dek_version,
                recipient=AgentRecipient(me.id, session.key_version),
            )
        except UnwrapError:
            raise CredentialUnreadable(_BROKEN) from None
    if me.role is Role.LEAD:
        return custodian.open_order_key(s, session, order)
    return None


def _pending_ids(s: Session) -> list[int]:
    """Open orders with credentials whose assignee has no wrap of the current version,
    or whose dispatch wrap is addressed to a retired dispatch key. Driven from
    ``credential_fields``: only orders still holding credentials are looked at (a
    handful; the fields go when an order ends), never the whole order table."""
    mine = aliased(DekWrap)
    no_agent_wrap = ~exists().where(
        and_(
            mine.order_id == SupportOrder.id,
            mine.dek_version == SupportOrder.dek_version,
            mine.agent_id == SupportOrder.assignee_id,
        )
    )
    old_dispatch = exists().where(
        and_(
            DekWrap.order_id == SupportOrder.id,
            DekWrap.dispatch_key_id == DispatchKey.id,
            DispatchKey.retired_at.is_not(None),
        )
    )
    with_fields = select(CredentialField.order_id).distinct().scalar_subquery()
    return list(
        s.scalars(
            select(SupportOrder.id)
            .where(
                SupportOrder.id.in_(with_fields),
                SupportOrder.state.in_(OPEN_ORDER_STATES),
                ((SupportOrder.assignee_id.is_not(None)) & no_agent_wrap) | old_dispatch,
            )
            .order_by(SupportOrder.id)
        )
    )


def _on_retired_dispatch_key(s: Session, order: SupportOrder) -> bool:
    return bool(
        s.scalar(
            select(
                exists().where(
                    DekWrap.order_id == order.id,
                    DekWrap.dispatch_key_id == DispatchKey.id,
                    DispatchKey.retired_at.is_not(None),
                )
            )
        )
    )


def _has_agent_wrap(s: Session, order: SupportOrder) -> bool:
    return bool(
        s.scalar(
            select(
                exists().where(
                    DekWrap.order_id == order.id,
                    DekWrap.dek_version == order.dek_version,
                    DekWrap.agent_id == order.assignee_id,
                )
            )
        )
    )


def _drop_unused_retired_keys(s: Session) -> None:
    """A retired dispatch key that no order needs any more: no lead keeps a copy."""
    s.flush()
    in_use = select(DekWrap.dispatch_key_id).where(DekWrap.dispatch_key_id.is_not(None))
    retired = select(DispatchKey.id).where(
        DispatchKey.retired_at.is_not(None), DispatchKey.id.not_in(in_use)
    )
    s.execute(delete(DispatchKeyWrap).where(DispatchKeyWrap.dispatch_key_id.in_(retired)))
