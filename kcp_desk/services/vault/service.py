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

from typing import Final

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from kcp_desk.db import Database
from kcp_desk.domain.references import format_order_ref
from kcp_desk.errors import QT_TRANSLATE_NOOP, NotFound, PermissionDenied
from kcp_desk.models.agents import Agent, Role
from kcp_desk.models.orders import SupportOrder
from kcp_desk.models.vault import CredentialField, DekWrap, DispatchKey, DispatchKeyWrap
from kcp_desk.security.field_crypto import FieldDecryptError, SecretText, decrypt_field
from kcp_desk.security.wrapping import AgentRecipient, UnwrapError, unwrap_dek
from kcp_desk.services import audit
from kcp_desk.services.access import CUSTOMER_ROLES, acting_agent
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.trust import (
    TrustAnchors,
    certified_agent,
    certified_handler,
    refusals_audited,
)
from kcp_desk.services.vault.custodian import DispatchCustodian, LeadEscrow
from kcp_desk.services.vault.grants import UpkeepReport, WaitingOrder, grant, upkeep, waiting_orders
from kcp_desk.services.vault.rotation import CredentialUnreadable, NoDispatchKey, rotate

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

    def waiting(self, session: AgentSession) -> tuple[WaitingOrder, ...]:
        """For a lead: orders whose handler waits for the credentials."""
        with self._db.read() as s:
            me = acting_agent(s, session, Role.LEAD, denied=_LEADS_ONLY)
            if self._anchors.keys:
                certified_agent(s, me.id, self._anchors)  # not a role written into the row
            return waiting_orders(s)

    def grant(self, session: AgentSession, order_id: int, assignee_id: int) -> None:
        """A lead hands an order's credentials to its handler (whom the lead was shown,
        ``assignee_id``): only when the signed audit log shows that assignment."""
        refusals = refusals_audited(self._db, session, "credential_access_granted")
        with refusals, self._db.transaction() as s:
            me = acting_agent(s, session, Role.LEAD, denied=_LEADS_ONLY, lock=True)
            if self._anchors.keys:
                certified_agent(s, me.id, self._anchors)
            order = grant(s, session, order_id, assignee_id, self._anchors, self._custodian)
            audit.append(
                s,
                "credential_access_granted",
                {
                    "order_id": order.id,
                    "order": format_order_ref(order.number),
                    "to_agent_id": assignee_id,
                    "dek_version": order.dek_version,
                },
                agent_id=me.id,
                keys=session.keys,
            )

    def upkeep(self, session: AgentSession) -> UpkeepReport:
        """A lead's desk, on its own: the dispatch key for new leads, orders off retired
        dispatch keys. Changes nobody's access to an order; reads first, so most of the
        time it takes no write lock."""
        with self._db.read() as s:
            acting_agent(s, session, Role.LEAD, denied=_LEADS_ONLY)
            if not _upkeep_due(s):
                return UpkeepReport(0, 0)
        with self._db.transaction() as s:
            me = acting_agent(s, session, Role.LEAD, denied=_LEADS_ONLY, lock=True)
            certified_agent(s, me.id, self._anchors)
            try:
                report = upkeep(s, session, self._anchors, self._custodian)
            except NoDispatchKey:
                return UpkeepReport(0, 0)
            if report.shared or report.moved:
                audit.append(
                    s,
                    "dispatch_key_upkeep",
                    {"leads_given_the_key": report.shared, "orders_moved": report.moved},
                    agent_id=me.id,
                    keys=session.keys,
                )
            return report


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
    target = None if to_agent_id is None else certified_handler(s, to_agent_id, anchors)
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


def _upkeep_due(s: Session) -> bool:
    """A lead lacks the current dispatch key, or a wrap is addressed to a retired one."""
    current = s.scalar(select(DispatchKey.id).order_by(DispatchKey.version.desc()).limit(1))
    if current is None:
        return False
    lacking = exists().where(
        Agent.role == Role.LEAD,
        Agent.active.is_(True),
        ~exists().where(
            DispatchKeyWrap.agent_id == Agent.id, DispatchKeyWrap.dispatch_key_id == current
        ),
    )
    retired = exists().where(
        DekWrap.dispatch_key_id.is_not(None), DekWrap.dispatch_key_id != current
    )
    return bool(s.scalar(select(lacking | retired)))
