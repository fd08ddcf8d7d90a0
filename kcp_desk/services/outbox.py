"""The outbox (SPEC ID-6): letters, SMS and e-mails queued for the mail, letter and SMS
systems, and the channels' certified service keys.

The desk only queues; the channel's system reads the ``outbox`` table and sends. What a
message must carry but no colleague may read (a one-time code, a link token) is sealed
with HPKE to the channel's service key (:mod:`kcp_desk.security.outbox_seal`), whose
private half the channel's operator holds. A key counts only when an admin certified it
(``outbox:{channel}:v{n}``, chained to the admin keys pinned on this workstation, V-8):
a colleague with write access who inserts their own key as the next version gets
:class:`~kcp_desk.services.trust.Uncertified`, nothing is queued, and nothing is sealed
to that key. Callers wrap their action's transaction in
:func:`~kcp_desk.services.trust.refusals_audited` so the refusal is audited.

The desk shows what was queued (:func:`queued`): channel, template, the recipient
masked, when, whether it carries a code — never the code.

Operators: ``kcp-desk outbox keygen`` and ``kcp-desk outbox keys`` (see
:mod:`kcp_desk.security.outbox_seal` for the key text and the mail system's side).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kcp_desk.domain.masking import mask_email, mask_phone
from kcp_desk.errors import QT_TRANSLATE_NOOP
from kcp_desk.models.agents import Role
from kcp_desk.models.outbox import OutboxChannel, OutboxKey, OutboxMessage
from kcp_desk.security.audit_chain import canonical_json
from kcp_desk.security.certificates import OutboxClaims
from kcp_desk.security.field_crypto import SecretText
from kcp_desk.security.outbox_seal import new_service_key, public_key_bytes, seal
from kcp_desk.security.pinned_keys import fingerprint
from kcp_desk.services import audit
from kcp_desk.services.access import acting_agent
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.trust import (
    TrustAnchors,
    certified_agent,
    certified_outbox_key,
    issue,
    outbox_key_certified,
)

__all__ = [
    "OutboxKeyRow",
    "QueuedMessage",
    "create_service_key",
    "mask_recipient",
    "outbox_keys",
    "queue",
    "queued",
]

_ADMINS_ONLY: Final = QT_TRANSLATE_NOOP("KcpError", "Only an admin manages agents and keys.")
_DOT: Final = "•••"
#: ``outbox.template`` and ``outbox.recipient`` lengths
_TEMPLATE_MAX: Final = 64
_RECIPIENT_MAX: Final = 320


@dataclass(frozen=True)
class QueuedMessage:
    """What the desk shows of a queued message (never a code, token or link)."""

    id: int
    channel: OutboxChannel
    template: str
    recipient_masked: str
    queued_at: dt.datetime
    sent_at: dt.datetime | None
    #: a sealed payload (a code or link token for the channel's system) rides along
    carries_code: bool


@dataclass(frozen=True)
class OutboxKeyRow:
    channel: OutboxChannel
    version: int
    fingerprint: str
    created_at: dt.datetime
    #: an admin's certificate chained to the pinned keys vouches for exactly this row
    certified: bool


def create_service_key(
    s: Session, admin: AgentSession, channel: OutboxChannel, *, anchors: TrustAnchors
) -> X25519PrivateKey:
    """The channel's next service key version, certified by ``admin`` and audited
    (``outbox_key_created``: channel, version, fingerprint). Returns the private half
    for the channel's operator; it is stored nowhere. The admin's role is read in this
    transaction and their own certificate must check out (V-8)."""
    me = acting_agent(s, admin, Role.ADMIN, denied=_ADMINS_ONLY, lock=True)
    certified_agent(s, me.id, anchors)
    channel = OutboxChannel(channel)
    s.flush()
    newest = s.scalar(select(func.max(OutboxKey.version)).where(OutboxKey.channel == channel))
    version = (newest or 0) + 1
    private = new_service_key()
    public = public_key_bytes(private)
    s.add(OutboxKey(channel=channel, version=version, public_key=public))
    s.flush()
    issue(s, admin, OutboxClaims(str(channel), version, public))
    audit.append(
        s,
        "outbox_key_created",
        {"channel": str(channel), "version": version, "fingerprint": fingerprint(public)},
        agent_id=me.id,
        keys=admin.keys,
        key_version=admin.key_version,
    )
    return private


def queue(
    s: Session,
    anchors: TrustAnchors,
    *,
    channel: OutboxChannel,
    template: str,
    recipient: str,
    customer_id: int | None,
    case_id: int | None,
    queued_by: int | None,
    params: Mapping[str, str | int] | None = None,
    secret: Mapping[str, SecretText] | None = None,
) -> OutboxMessage:
    """Queue one message in the caller's transaction (flushed, returned).

    ``params`` are the template's parameters, stored as plain JSON: never a secret (a
    :class:`SecretText` value, or a text equal to a secret's value, is refused).
    ``secret`` is sealed to the channel's certified service key; without a certified
    key that is :class:`~kcp_desk.services.trust.Uncertified` (or its
    :class:`~kcp_desk.services.trust.NoOutboxKey`) and nothing is added. A message
    without a secret needs no key."""
    channel = OutboxChannel(channel)
    if not isinstance(template, str) or not 0 < len(template) <= _TEMPLATE_MAX:
        raise ValueError(f"a template name is 1 to {_TEMPLATE_MAX} characters")
    if not isinstance(recipient, str) or not 0 < len(recipient) <= _RECIPIENT_MAX:
        raise ValueError(f"a recipient is 1 to {_RECIPIENT_MAX} characters")
    plain = dict(params or {})
    revealed = {v.reveal() for v in (secret or {}).values() if isinstance(v, SecretText)}
    for name, value in plain.items():
        if isinstance(value, SecretText):
            raise TypeError("a template parameter is never a secret: pass it as secret")
        if not isinstance(name, str) or type(value) not in (str, int):
            raise TypeError("template parameters are named str or int values")
        if isinstance(value, str) and value in revealed:
            raise ValueError("a template parameter repeats a secret: it stays sealed")
    sealed: bytes | None = None
    key_version: int | None = None
    if secret is not None:
        key = certified_outbox_key(s, channel, anchors)
        sealed = seal(
            bytes(key.public_key),
            channel=str(channel),
            key_version=key.version,
            recipient=recipient,
            template=template,
            secret=secret,
        )
        key_version = key.version
    message = OutboxMessage(
        customer_id=customer_id,
        channel=channel,
        template=template,
        recipient=recipient,
        payload=canonical_json(plain),
        sealed=sealed,
        sealed_key_version=key_version,
        case_id=case_id,
        queued_by=queued_by,
    )
    s.add(message)
    s.flush()
    return message


def queued(
    s: Session, *, case_id: int | None = None, customer_id: int | None = None, limit: int = 200
) -> list[QueuedMessage]:
    """The newest ``limit`` queued messages (of a case, of a customer), newest first."""
    query = select(OutboxMessage)
    if case_id is not None:
        query = query.where(OutboxMessage.case_id == case_id)
    if customer_id is not None:
        query = query.where(OutboxMessage.customer_id == customer_id)
    rows = s.scalars(
        query.order_by(OutboxMessage.queued_at.desc(), OutboxMessage.id.desc()).limit(limit)
    )
    return [
        QueuedMessage(
            id=m.id,
            channel=m.channel,
            template=m.template,
            recipient_masked=mask_recipient(m.channel, m.recipient),
            queued_at=_aware(m.queued_at),
            sent_at=_aware(m.sent_at) if m.sent_at else None,
            carries_code=m.sealed is not None,
        )
        for m in rows
    ]


def mask_recipient(channel: OutboxChannel | str, recipient: str) -> str:
    """Where a message goes, as the desk may show it: ``j•••@example.de``,
    ``+49 ••• 123``, and for a letter (the address block: name first, lines separated
    by newlines or commas) the line with postcode and city (``10115 Berlin``), with the
    country line if one follows."""
    channel = OutboxChannel(channel)
    if channel is OutboxChannel.EMAIL:
        return mask_email(recipient.strip())
    if channel is OutboxChannel.SMS:
        return mask_phone("".join(c for c in recipient if c.isdigit() or c == "+"))
    parts = [p.strip() for p in re.split(r"[\n,]", recipient) if p.strip()]
    for i in range(len(parts) - 1, 0, -1):  # the first part is the name
        words = parts[i].split()
        if len(words) > 1 and any(c.isdigit() for c in words[0]):
            return ", ".join([parts[i], *parts[i + 1 :][-1:]])
    return _DOT


def outbox_keys(s: Session, anchors: TrustAnchors) -> list[OutboxKeyRow]:
    """Every channel's key versions, for ``kcp-desk outbox keys``."""
    keys = s.scalars(select(OutboxKey).order_by(OutboxKey.channel, OutboxKey.version))
    return [
        OutboxKeyRow(
            channel=k.channel,
            version=k.version,
            fingerprint=fingerprint(bytes(k.public_key)),
            created_at=_aware(k.created_at),
            certified=outbox_key_certified(s, k, anchors),
        )
        for k in keys
    ]


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite gives naive datetimes back; they are UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
