"""Who may be encrypted to: certificates checked up to the pinned admin keys (SPEC V-8).

Before the desk wraps a data key or the dispatch key to anyone, it reads the newest
certificate of that agent (or dispatch key), checks the signature, checks that the row
says exactly what the certificate says (role, active, key version, public keys), and
follows the issuer up to an admin key pinned on this workstation. A colleague with
write access to the database who swaps a public key or promotes himself gets
:class:`Uncertified`, and :func:`record_refusal` writes it to the audit log — loudly, in
its own transaction, because the refused action's transaction rolls back.

An outbox channel's service key (ID-6) is trusted the same way before a code is sealed
to it (:func:`certified_outbox_key`): the newest version an admin certified, its row
matching, and no newer uncertified row in the table.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kcp_desk.db import Database
from kcp_desk.errors import QT_TRANSLATE_NOOP, KcpError
from kcp_desk.models.agents import Agent, Certificate, Role
from kcp_desk.models.base import utcnow
from kcp_desk.models.outbox import OutboxChannel, OutboxKey
from kcp_desk.models.vault import DispatchKey
from kcp_desk.security.certificates import (
    AgentClaims,
    CertificateError,
    Certified,
    Claims,
    DispatchClaims,
    Issuer,
    OutboxClaims,
    agent_subject,
    certificate_body,
    dispatch_subject,
    outbox_subject,
    sign_certificate,
    verified_body,
)
from kcp_desk.services import audit
from kcp_desk.services.principal import AgentSession

log = logging.getLogger(__name__)

#: admin → admin → … → pinned key; deeper chains are not ours
_MAX_DEPTH: Final = 4


@dataclass(frozen=True)
class TrustAnchors:
    """The admin Ed25519 public keys pinned on this workstation for this database."""

    keys: frozenset[bytes] = frozenset()


class Uncertified(KcpError):
    """Keys or a role without a valid certificate: nothing is encrypted to them."""

    def __init__(self, subject: str, reason: str, name: str = "") -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "KcpError",
                "The keys of {name} are not certified by an admin, so nothing was "
                "encrypted to them. This is recorded in the audit log; please tell an admin.",
            ),
            name=name or subject,
        )
        self.subject = subject
        self.reason = reason


class NoPinnedAdminKey(Uncertified):
    def __init__(self) -> None:
        KcpError.__init__(
            self,
            QT_TRANSLATE_NOOP(
                "KcpError",
                "No admin key is pinned on this workstation for this database, so the desk "
                "encrypts to nobody. IT pins one with “kcp-desk admin pin”.",
            ),
        )
        self.subject = "workstation"
        self.reason = "no admin key pinned"


class NoOutboxKey(Uncertified):
    """No admin has certified a service key for the channel yet (SPEC ID-6)."""

    def __init__(self, channel: OutboxChannel) -> None:
        KcpError.__init__(
            self,
            QT_TRANSLATE_NOOP(
                "KcpError",
                "No certified service key exists for the outbox channel {channel} yet, so "
                "nothing that carries a code was queued. IT creates one with "
                "“kcp-desk outbox keygen --channel {channel}”.",
            ),
            channel=str(channel),
        )
        self.subject = f"outbox:{channel}"
        self.reason = "no certified outbox key"


def _trusted_certificates(
    s: Session, subject: str, anchors: TrustAnchors, depth: int
) -> list[tuple[dt.datetime, Certified]]:
    """Every certificate of ``subject`` whose signature checks out AND whose issuer
    chains up to a pinned admin key, with its signed issue time. A certificate someone
    signed with their own key counts for nothing, whatever date it claims."""
    found = []
    rows = s.scalars(
        select(Certificate).where(Certificate.subject == subject).order_by(Certificate.id)
    )
    for cert in rows:
        try:
            checked = verified_body(subject, cert.body, cert.signature)
            issued = dt.datetime.fromisoformat(checked.issued_at)
        except (CertificateError, ValueError):
            continue  # forged or damaged
        if issued.tzinfo is None or not _issuer_trusted(s, checked.issuer, anchors, depth):
            continue
        found.append((issued, checked))
    return found


def _verified(
    s: Session, subject: str, name: str, anchors: TrustAnchors, depth: int = 0
) -> Certified:
    """The subject's certificate that counts: of the trusted ones, the one with the
    latest SIGNED issue time — not the newest row. The table only grows (a superseding
    certificate cannot be deleted), so a copy of an old certificate (from before a
    demotion or disabling) inserted again gains nothing."""
    trusted = _trusted_certificates(s, subject, anchors, depth)
    if not trusted:
        raise Uncertified(subject, "no valid certificate", name)
    best_at, best = trusted[0]
    for issued, checked in trusted[1:]:
        if issued >= best_at:  # a tie: the later row
            best_at, best = issued, checked
    return best


def _claims_of(agent: Agent) -> AgentClaims:
    return AgentClaims(
        agent_id=agent.id,
        username=agent.username,
        role=str(agent.role),
        active=agent.active,
        key_version=agent.key_version,
        x25519_public=agent.x25519_public,
        ed25519_public=agent.ed25519_public,
    )


def certified_agent(
    s: Session, agent_id: int, anchors: TrustAnchors, *, _depth: int = 0
) -> AgentClaims:
    """The agent's certified claims, if the row matches the certificate that counts and
    that certificate chains up to a pinned admin key; else :class:`Uncertified`."""
    if not anchors.keys:
        raise NoPinnedAdminKey()
    agent = s.get(Agent, agent_id, populate_existing=True)
    subject = agent_subject(agent_id)
    if agent is None:
        raise Uncertified(subject, "no such agent")
    certified = _verified(s, subject, agent.display_name, anchors, _depth)
    if certified.claims != _claims_of(agent):
        raise Uncertified(subject, "the agent row differs from its certificate", agent.display_name)
    assert isinstance(certified.claims, AgentClaims)
    return certified.claims


def certified_handler(s: Session, agent_id: int, anchors: TrustAnchors) -> AgentClaims:
    """Someone a data key may be wrapped to: certified, active, and an agent or a lead
    (admins hold no credentials, SPEC §0)."""
    claims = certified_agent(s, agent_id, anchors)
    if not claims.active or claims.role not in (Role.AGENT, Role.LEAD):
        raise Uncertified(claims.subject, "not an active agent or lead", claims.username)
    return claims


def certified_signing_keys(
    s: Session, agent_id: int, anchors: TrustAnchors
) -> frozenset[tuple[int, bytes]]:
    """Every (key version, Ed25519 public key) an admin ever certified for the agent:
    what a signature in the agent's name may be checked with (``agent_keys`` alone is a
    table anyone with write access can add a row to)."""
    found = set()
    for _, checked in _trusted_certificates(s, agent_subject(agent_id), anchors, 0):
        claims = checked.claims
        if isinstance(claims, AgentClaims):
            found.add((claims.key_version, claims.ed25519_public))
    return frozenset(found)


def certified_dispatch_key(s: Session, key: DispatchKey, anchors: TrustAnchors) -> DispatchClaims:
    """The dispatch key's certified claims (the portal and every wrap rely on them)."""
    if not anchors.keys:
        raise NoPinnedAdminKey()
    subject = dispatch_subject(key.version)
    certified = _verified(s, subject, subject, anchors)
    if certified.claims != DispatchClaims(key.version, key.public_key):
        raise Uncertified(subject, "the dispatch key differs from its certificate")
    if newest_certified_dispatch_version(s, anchors) != key.version:
        raise Uncertified(subject, "a newer certified dispatch key is missing from the database")
    assert isinstance(certified.claims, DispatchClaims)
    return certified.claims


def newest_certified_dispatch_version(s: Session, anchors: TrustAnchors) -> int | None:
    """The highest dispatch key version an admin certified (the ``certificates`` table
    only grows, so deleting the newest ``dispatch_keys`` row cannot bring an older key
    back: its row is then missing and the desk refuses)."""
    versions = [
        checked.claims.version
        for cert_subject in s.scalars(
            select(Certificate.subject).where(Certificate.subject.like("dispatch:v%")).distinct()
        )
        for _, checked in _trusted_certificates(s, cert_subject, anchors, 0)
        if isinstance(checked.claims, DispatchClaims)
    ]
    return max(versions) if versions else None


def certified_outbox_key(s: Session, channel: OutboxChannel, anchors: TrustAnchors) -> OutboxKey:
    """The channel's service key a code may be sealed to (ID-6): the newest version an
    admin certified (chained to the pinned keys, latest signed issue time counts), whose
    row says exactly what the certificate says. Refused (:class:`Uncertified`) when the
    table's newest row has no valid certificate (a colleague's own key inserted as the
    next version) or the newest certified version's row is missing or differs;
    :class:`NoOutboxKey` when no version is certified at all."""
    if not anchors.keys:
        raise NoPinnedAdminKey()
    channel = OutboxChannel(channel)
    newest = newest_certified_outbox_version(s, channel, anchors)
    if newest is None:
        raise NoOutboxKey(channel)
    subject = outbox_subject(str(channel), newest)
    newest_row = s.scalar(select(func.max(OutboxKey.version)).where(OutboxKey.channel == channel))
    if newest_row is not None and newest_row > newest:
        raise Uncertified(
            outbox_subject(str(channel), newest_row),
            "the newest outbox key has no valid certificate",
        )
    key = s.get(OutboxKey, (channel, newest), populate_existing=True)
    if key is None:
        raise Uncertified(subject, "a newer certified outbox key is missing from the database")
    certified = _verified(s, subject, subject, anchors)
    if certified.claims != OutboxClaims(str(channel), key.version, bytes(key.public_key)):
        raise Uncertified(subject, "the outbox key differs from its certificate")
    return key


def newest_certified_outbox_version(
    s: Session, channel: OutboxChannel, anchors: TrustAnchors
) -> int | None:
    """The highest version of the channel's service key an admin certified."""
    prefix = f"outbox:{OutboxChannel(channel)}:v"
    versions = [
        checked.claims.version
        for cert_subject in s.scalars(
            select(Certificate.subject).where(Certificate.subject.like(f"{prefix}%")).distinct()
        )
        if cert_subject.startswith(prefix)
        for _, checked in _trusted_certificates(s, cert_subject, anchors, 0)
        if isinstance(checked.claims, OutboxClaims)
    ]
    return max(versions) if versions else None


def outbox_key_certified(s: Session, key: OutboxKey, anchors: TrustAnchors) -> bool:
    """Whether a trusted certificate vouches for exactly this row (for listings)."""
    if not anchors.keys:
        return False
    subject = outbox_subject(str(key.channel), key.version)
    try:
        certified = _verified(s, subject, subject, anchors)
    except Uncertified:
        return False
    return certified.claims == OutboxClaims(str(key.channel), key.version, bytes(key.public_key))


def _issuer_trusted(s: Session, issuer: Issuer, anchors: TrustAnchors, depth: int) -> bool:
    if issuer.ed25519_public in anchors.keys:
        return True
    if depth >= _MAX_DEPTH:
        return False
    try:
        admin = certified_agent(s, issuer.agent_id, anchors, _depth=depth + 1)
    except Uncertified:
        return False
    return (
        admin.role == Role.ADMIN
        and admin.active
        and admin.ed25519_public == issuer.ed25519_public
        and admin.key_version == issuer.key_version
    )


def issue(s: Session, session: AgentSession, claims: Claims) -> Certificate:
    """Sign ``claims`` with the acting admin's key and store the certificate (the
    caller has checked the role and audits the change that needed it)."""
    issuer = Issuer(session.principal.agent_id, session.key_version, session.keys.ed25519_public)
    body = certificate_body(claims, issuer, utcnow().isoformat())
    cert = Certificate(
        subject=claims.subject, body=body, signature=sign_certificate(session.keys, body)
    )
    s.add(cert)
    return cert


def certify_agent(s: Session, session: AgentSession, agent: Agent) -> Certificate:
    """A new certificate saying what the agent row says now."""
    s.flush()
    return issue(s, session, _claims_of(agent))


@contextlib.contextmanager
def refusals_audited(db: Database, session: AgentSession, action: str) -> Iterator[None]:
    """Around an action's transaction: an :class:`Uncertified` refuses the whole action,
    and the refusal is audited in a transaction of its own (the action's rolled back)."""
    try:
        yield
    except Uncertified as exc:
        record_refusal(db, session, exc, action)
        raise


def record_refusal(db: Database, session: AgentSession, exc: Uncertified, action: str) -> None:
    """Audit a refused wrap in a transaction of its own (the action's rolled back)."""
    log.warning("refused to encrypt to %s: %s (%s)", exc.subject, exc.reason, action)
    try:
        with db.transaction() as s:
            audit.append(
                s,
                "certificate_refused",
                {"subject": exc.subject, "reason": exc.reason, "during": action},
                agent_id=session.principal.agent_id,
                keys=session.keys,
            )
    except KcpError as fault:  # the refusal stands; the log line above says what happened
        log.warning("the refusal could not be audited: %s", fault.__class__.__name__)
