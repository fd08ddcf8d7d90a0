"""What an admin does (SPEC §0, V-7, V-8): agents, roles, keys, the dispatch key.

An admin has no access to credentials. Every change here is signed: the admin's Ed25519
key certifies what the agent row now says (``services.trust``), so a desk that wraps a
data key can tell an admin's change from a colleague's UPDATE. Disabling an agent
deletes their data-key wraps and puts their open tickets and orders back in the queue;
a lead who leaves (disabled, demoted, keys reset) rotates the dispatch key: the admin's
desk makes a new key pair, certifies it, wraps its private half to every certified lead
and forgets it. The orders still on the old key move to the new one on the next lead's
desk, and a new lead gets the current key there (``VaultService.upkeep``).
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Final

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from kcp_desk.db import Database
from kcp_desk.domain.text_input import single_line
from kcp_desk.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound, PermissionDenied, StaleEdit
from kcp_desk.models.agents import Agent, AgentKey, DeviceSeal, Role
from kcp_desk.models.base import utcnow
from kcp_desk.models.orders import OPEN_ORDER_STATES, SupportOrder
from kcp_desk.models.tickets import Ticket, TicketState
from kcp_desk.models.vault import DekWrap, DispatchKey, DispatchKeyWrap
from kcp_desk.security.certificates import DispatchClaims
from kcp_desk.security.sealing import AgentKeys, KdfParams, KdfPolicy
from kcp_desk.security.wrapping import dispatch_info, wrap
from kcp_desk.services import audit
from kcp_desk.services.access import acting_agent
from kcp_desk.services.agents import check_passphrase, give_new_keys, provision_agent
from kcp_desk.services.principal import AgentSession, Principal
from kcp_desk.services.trust import (
    TrustAnchors,
    Uncertified,
    certified_agent,
    certify_agent,
    issue,
    refusals_audited,
)

__all__ = [
    "AdminOverview",
    "AdminService",
    "AgentRow",
    "DispatchStatus",
    "Role",
    "new_dispatch_key",
    "set_up_team",
    "signing_session",
]

_ADMINS_ONLY: Final = QT_TRANSLATE_NOOP("KcpError", "Only an admin manages agents and keys.")
_NOT_FOUND: Final = QT_TRANSLATE_NOOP("KcpError", "This agent does not exist.")
_STALE: Final = QT_TRANSLATE_NOOP(
    "KcpError", "Someone else changed this agent in the meantime. Reload and try again."
)
_NOT_YOURSELF: Final = QT_TRANSLATE_NOOP(
    "KcpError", "You cannot disable your own account or change your own role."
)
_USERNAME: Final = QT_TRANSLATE_NOOP(
    "KcpError", "A user name is 2 to 64 lower-case letters, digits, dots or hyphens."
)
_USERNAME_TAKEN: Final = QT_TRANSLATE_NOOP("KcpError", "The user name {name} is taken.")
_NAME_REQUIRED: Final = QT_TRANSLATE_NOOP("KcpError", "Please enter the name.")
USERNAME_MAX: Final = 64
DISPLAY_NAME_MAX: Final = 200


@dataclass(frozen=True)
class AgentRow:
    agent_id: int
    username: str
    display_name: str
    role: str
    active: bool
    key_version: int
    #: "" when the row matches a valid certificate chain, else why not
    certificate_problem: str
    holds_dispatch_key: bool
    version: int


@dataclass(frozen=True)
class DispatchStatus:
    #: the version the portal encrypts to (None: no dispatch key yet)
    current_version: int | None
    leads_holding_it: int
    #: orders whose data key is still wrapped to a retired dispatch key
    orders_on_old_keys: int


@dataclass(frozen=True)
class AdminOverview:
    agents: tuple[AgentRow, ...]
    dispatch: DispatchStatus


class AdminService:
    def __init__(self, db: Database, *, anchors: TrustAnchors, kdf: KdfParams | KdfPolicy) -> None:
        self._db = db
        self._anchors = anchors
        self._kdf = kdf

    def _refusals(self, session: AgentSession, action: str) -> AbstractContextManager[None]:
        return refusals_audited(self._db, session, action)

    def _admin(self, s: Session, session: AgentSession) -> Agent:
        """The acting admin, whose own certificate must check out (V-8): an agent who
        wrote "admin" into their row manages nobody."""
        me = acting_agent(s, session, Role.ADMIN, denied=_ADMINS_ONLY, lock=True)
        certified_agent(s, me.id, self._anchors)
        return me

    def overview(self, session: AgentSession) -> AdminOverview:
        with self._db.read() as s:
            acting_agent(s, session, Role.ADMIN, denied=_ADMINS_ONLY)
            return _overview(s, self._anchors)

    def create_agent(
        self,
        session: AgentSession,
        *,
        username: str,
        display_name: str,
        role: Role,
        passphrase: str,
    ) -> AdminOverview:
        """A new agent with fresh keys sealed under ``passphrase`` (they change it at
        the first login), certified by this admin; a new lead gets the dispatch key."""
        name, display = _check_new(username, display_name)
        check_passphrase(passphrase)
        with self._refusals(session, "agent_created"), self._db.transaction() as s:
            self._admin(s, session)
            if s.scalar(select(Agent.id).where(Agent.username == name)) is not None:
                raise InvalidInput(_USERNAME_TAKEN, field="username", name=name)
            agent, _ = provision_agent(
                s,
                username=name,
                display_name=display,
                role=role,
                passphrase=passphrase,
                kdf=self._kdf,
            )
            certify_agent(s, session, agent)
            _audit(s, session, "agent_created", agent)
            if role is Role.LEAD:
                self._lead_added(s, session)
            return _overview(s, self._anchors)

    def change_role(
        self, session: AgentSession, agent_id: int, version: int, role: Role
    ) -> AdminOverview:
        with self._refusals(session, "agent_role_changed"), self._db.transaction() as s:
            me = self._admin(s, session)
            agent = _load(s, agent_id, version)
            if agent.id == me.id:
                raise PermissionDenied(_NOT_YOURSELF)
            before = agent.role
            if before is role:
                return _overview(s, self._anchors)
            agent.role = role
            certify_agent(s, session, agent)
            _audit(s, session, "agent_role_changed", agent, {"from_role": str(before)})
            if before is Role.LEAD:
                s.execute(delete(DispatchKeyWrap).where(DispatchKeyWrap.agent_id == agent.id))
                self._rotate_dispatch(s, session, "lead_demoted")
            elif role is Role.LEAD:
                self._lead_added(s, session)
            return _overview(s, self._anchors)

    def disable(self, session: AgentSession, agent_id: int, version: int) -> AdminOverview:
        """V-7: disabled, their wraps deleted, their open work back in the queue; a lead
        leaving rotates the dispatch key."""
        with self._refusals(session, "agent_disabled"), self._db.transaction() as s:
            me = self._admin(s, session)
            agent = _load(s, agent_id, version)
            if agent.id == me.id:
                raise PermissionDenied(_NOT_YOURSELF)
            if not agent.active:
                return _overview(s, self._anchors)
            agent.active = False
            agent.disabled_at = utcnow()
            certify_agent(s, session, agent)
            moved = _requeue(s, agent.id)
            s.execute(delete(DeviceSeal).where(DeviceSeal.agent_id == agent.id))
            _audit(s, session, "agent_disabled", agent, moved)
            if agent.role is Role.LEAD:
                s.execute(delete(DispatchKeyWrap).where(DispatchKeyWrap.agent_id == agent.id))
                self._rotate_dispatch(s, session, "lead_left")
            return _overview(s, self._anchors)

    def enable(self, session: AgentSession, agent_id: int, version: int) -> AdminOverview:
        with self._refusals(session, "agent_enabled"), self._db.transaction() as s:
            self._admin(s, session)
            agent = _load(s, agent_id, version)
            if agent.active:
                return _overview(s, self._anchors)
            agent.active = True
            agent.disabled_at = None
            certify_agent(s, session, agent)
            _audit(s, session, "agent_enabled", agent)
            if agent.role is Role.LEAD:
                self._lead_added(s, session)
            return _overview(s, self._anchors)

    def reset_keys(
        self, session: AgentSession, agent_id: int, version: int, passphrase: str
    ) -> AdminOverview:
        """New keys (version + 1) under a passphrase the admin hands over, e.g. after a
        forgotten passphrase. The old public keys stay in the history (old audit
        signatures verify); wraps to the old keys are deleted, a lead gets the dispatch
        key again through a rotation."""
        check_passphrase(passphrase)
        with self._refusals(session, "agent_keys_reset"), self._db.transaction() as s:
            self._admin(s, session)
            agent = _load(s, agent_id, version)
            now = utcnow()
            s.execute(
                update(AgentKey)
                .where(AgentKey.agent_id == agent.id, AgentKey.retired_at.is_(None))
                .values(retired_at=now)
            )
            agent.key_version += 1
            give_new_keys(s, agent, passphrase, self._kdf)
            certify_agent(s, session, agent)
            s.execute(delete(DeviceSeal).where(DeviceSeal.agent_id == agent.id))
            s.execute(delete(DekWrap).where(DekWrap.agent_id == agent.id))
            _audit(s, session, "agent_keys_reset", agent)
            if agent.role is Role.LEAD:
                s.execute(delete(DispatchKeyWrap).where(DispatchKeyWrap.agent_id == agent.id))
                self._rotate_dispatch(s, session, "lead_keys_reset")
            return _overview(s, self._anchors)

    def rotate_dispatch_key(self, session: AgentSession) -> AdminOverview:
        with self._refusals(session, "dispatch_key_rotated"), self._db.transaction() as s:
            self._admin(s, session)
            self._rotate_dispatch(s, session, "admin")
            return _overview(s, self._anchors)

    def _rotate_dispatch(self, s: Session, session: AgentSession, why: str) -> None:
        new_dispatch_key(s, session, self._anchors, why)

    def _lead_added(self, s: Session, session: AgentSession) -> None:
        """A new lead gets the current dispatch key from the next lead's desk (their
        certificate says lead: ``VaultService.upkeep``); only when no active lead holds
        it does the admin make a new one for the leads there are."""
        s.flush()
        current = s.scalar(select(func.max(DispatchKey.version)))
        held = s.scalar(
            select(func.count())
            .select_from(DispatchKeyWrap)
            .join(DispatchKey, DispatchKey.id == DispatchKeyWrap.dispatch_key_id)
            .join(Agent, Agent.id == DispatchKeyWrap.agent_id)
            .where(
                DispatchKey.version == current,
                Agent.role == Role.LEAD,
                Agent.active.is_(True),
            )
        )
        if not held:
            self._rotate_dispatch(s, session, "no_lead_holds_the_key")


def new_dispatch_key(
    s: Session, session: AgentSession, anchors: TrustAnchors, why: str
) -> DispatchKey:
    """Make the next dispatch key, certify it, wrap it to every lead whose certificate
    checks out, retire the older ones. Leads whose row does not match a certificate are
    skipped and the skip is audited in this transaction (the rotation itself goes on)."""
    s.flush()
    version = (s.scalar(select(func.max(DispatchKey.version))) or 0) + 1
    private = X25519PrivateKey.generate()
    public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    raw = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    now = utcnow()
    s.execute(update(DispatchKey).where(DispatchKey.retired_at.is_(None)).values(retired_at=now))
    key = DispatchKey(version=version, public_key=public)
    s.add(key)
    s.flush()
    issue(s, session, DispatchClaims(version, public))
    holders = []
    for lead_id in s.scalars(
        select(Agent.id).where(Agent.role == Role.LEAD, Agent.active.is_(True)).order_by(Agent.id)
    ):
        try:
            lead = certified_agent(s, lead_id, anchors)
        except Uncertified as exc:
            audit.append(
                s,
                "certificate_refused",
                {"subject": exc.subject, "reason": exc.reason, "during": "dispatch_key_rotated"},
                agent_id=session.principal.agent_id,
                keys=session.keys,
            )
            continue
        s.add(
            DispatchKeyWrap(
                dispatch_key_id=key.id,
                agent_id=lead.agent_id,
                agent_key_version=lead.key_version,
                wrapped=wrap(
                    raw, lead.x25519_public, dispatch_info(version, lead.agent_id, lead.key_version)
                ),
            )
        )
        holders.append(lead.agent_id)
    del raw, private
    audit.append(
        s,
        "dispatch_key_rotated",
        {"dispatch_version": version, "lead_ids": holders, "why": why},
        agent_id=session.principal.agent_id,
        keys=session.keys,
    )
    return key


def _check_new(username: str, display_name: str) -> tuple[str, str]:
    name = single_line(username, field="username").lower()
    display = single_line(display_name, field="display_name")
    ok = 2 <= len(name) <= USERNAME_MAX and all(
        c.isascii() and (c.isalnum() or c in ".-") for c in name
    )
    if not ok:
        raise InvalidInput(_USERNAME, field="username")
    if not display or len(display) > DISPLAY_NAME_MAX:
        raise InvalidInput(_NAME_REQUIRED, field="display_name")
    return name, display


def _load(s: Session, agent_id: int, version: int) -> Agent:
    agent = s.get(Agent, agent_id, with_for_update=True, populate_existing=True)
    if agent is None:
        raise NotFound(_NOT_FOUND)
    if agent.version != version:
        raise StaleEdit(_STALE)
    return agent


def _requeue(s: Session, agent_id: int) -> dict[str, int]:
    """The agent's open tickets and orders go back to the queue, their wraps go."""
    now = utcnow()
    tickets = s.execute(
        update(Ticket)
        .where(Ticket.assignee_id == agent_id, Ticket.state != TicketState.CLOSED)
        .values(assignee_id=None, updated_at=now, version=Ticket.version + 1)
    )
    orders = s.execute(
        update(SupportOrder)
        .where(SupportOrder.assignee_id == agent_id, SupportOrder.state.in_(OPEN_ORDER_STATES))
        .values(assignee_id=None, updated_at=now, version=SupportOrder.version + 1)
    )
    wraps = s.execute(delete(DekWrap).where(DekWrap.agent_id == agent_id))
    return {
        "tickets_requeued": int(getattr(tickets, "rowcount", 0) or 0),
        "orders_requeued": int(getattr(orders, "rowcount", 0) or 0),
        "wraps_deleted": int(getattr(wraps, "rowcount", 0) or 0),
    }


def _audit(
    s: Session,
    session: AgentSession,
    action: str,
    agent: Agent,
    extra: Mapping[str, object] | None = None,
) -> None:
    details: dict[str, object] = {
        "target_agent_id": agent.id,
        "role": str(agent.role),
        "active": agent.active,
        "key_version": agent.key_version,
    }
    details.update(extra or {})
    audit.append(s, action, details, agent_id=session.principal.agent_id, keys=session.keys)


def _overview(s: Session, anchors: TrustAnchors) -> AdminOverview:
    s.flush()
    current = s.scalars(select(DispatchKey).order_by(DispatchKey.version.desc())).first()
    holders: set[int] = set()
    if current is not None:
        holders = set(
            s.scalars(
                select(DispatchKeyWrap.agent_id).where(
                    DispatchKeyWrap.dispatch_key_id == current.id
                )
            )
        )
    rows = []
    for agent in s.scalars(select(Agent).order_by(Agent.display_name, Agent.id)):
        try:
            certified_agent(s, agent.id, anchors)
            problem = ""
        except Uncertified as exc:
            problem = exc.reason
        rows.append(
            AgentRow(
                agent_id=agent.id,
                username=agent.username,
                display_name=agent.display_name,
                role=str(agent.role),
                active=agent.active,
                key_version=agent.key_version,
                certificate_problem=problem,
                holds_dispatch_key=agent.id in holders,
                version=agent.version,
            )
        )
    old = (
        s.scalar(
            select(func.count(func.distinct(DekWrap.order_id))).where(
                DekWrap.dispatch_key_id.is_not(None),
                DekWrap.dispatch_key_id != (current.id if current else None),
            )
        )
        or 0
    )
    return AdminOverview(
        tuple(rows),
        DispatchStatus(current.version if current else None, len(holders), int(old)),
    )


def signing_session(agent: Agent, keys: AgentKeys) -> AgentSession:
    """An AgentSession for set-up code that holds an agent's freshly made keys."""
    principal = Principal(agent.id, agent.username, agent.display_name, str(agent.role))
    return AgentSession(principal, keys, agent.key_version)


def set_up_team(
    s: Session, provisioned: list[tuple[Agent, AgentKeys]], *, why: str = "set_up"
) -> tuple[TrustAnchors, AgentSession]:
    """A new database's first certificates: the first admin certifies themself and
    everyone else, then makes dispatch key version 1 for the leads. Returns the anchors
    the caller pins on this workstation (the admin's key: the pin, not the self-signed
    certificate, is what makes it trusted) and the admin's signing session."""
    admin, keys = next((a, k) for a, k in provisioned if a.role is Role.ADMIN)
    me = signing_session(admin, keys)
    for agent, _ in provisioned:
        certify_agent(s, me, agent)
    anchors = TrustAnchors(frozenset({admin.ed25519_public}))
    new_dispatch_key(s, me, anchors, why)
    return anchors, me
