"""Writing and verifying the audit chain (SPEC C7)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from kcp_desk.db import Database
from kcp_desk.models.agents import Agent
from kcp_desk.models.audit import AuditEntry
from kcp_desk.models.base import utcnow
from kcp_desk.security.audit_chain import (
    GENESIS_HASH,
    canonical_json,
    entry_hash,
    signature_valid,
)
from kcp_desk.security.sealing import AgentKeys

# Detail keys that smell of a secret are refused: the log is readable by colleagues.
_SECRET_WORDS = ("passphrase", "password", "secret", "token", "code_value", "iban_full")
# One advisory lock number serialises writers of the chain on PostgreSQL.
_PG_CHAIN_LOCK = 0x4B435041


def append(
    session: Session,
    action: str,
    details: dict[str, Any],
    *,
    agent_id: int | None = None,
    keys: AgentKeys | None = None,
) -> AuditEntry:
    """Append one entry inside the caller's transaction (it commits with the action).

    ``keys`` signs the entry; entries without an acting agent (a failed login) are unsigned.
    """
    for key in details:
        if any(word in key.lower() for word in _SECRET_WORDS):
            raise ValueError(f"audit detail {key!r} looks like a secret")
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:n)"), {"n": _PG_CHAIN_LOCK})
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    at = utcnow()
    canonical = canonical_json(
        {
            "seq": seq,
            "at": at.isoformat(),
            "agent_id": agent_id,
            "action": action,
            "details": details,
            "prev_hash": prev,
        }
    )
    digest = entry_hash(canonical)
    entry = AuditEntry(
        seq=seq,
        at=at,
        agent_id=agent_id,
        action=action,
        canonical=canonical,
        prev_hash=prev,
        entry_hash=digest,
        signature=keys.sign(digest.encode()) if keys is not None else None,
    )
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    first_bad_seq: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.first_bad_seq is None


#: actions that are legitimately written without a logged-in agent
UNSIGNED_ACTIONS = frozenset({"login_failed", "system"})


def verify(db: Database) -> VerifyResult:
    """Check the whole chain and every signature; name the first bad entry."""
    with db.session_factory() as session:
        public = {row[0]: row[1] for row in session.execute(select(Agent.id, Agent.ed25519_public))}
        prev = GENESIS_HASH
        expected_seq = 1
        checked = 0
        rows = session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).yield_per(2000)
        for entry in rows:
            bad = _check(entry, expected_seq, prev, public)
            if bad:
                return VerifyResult(checked, entry.seq, bad)
            prev = entry.entry_hash
            expected_seq += 1
            checked += 1
        return VerifyResult(checked)


def _check(entry: AuditEntry, seq: int, prev: str, public: dict[int, bytes]) -> str:
    if entry.seq != seq:
        return f"entry {seq} is missing"
    if entry.prev_hash != prev or f'"prev_hash":"{prev}"' not in entry.canonical:
        return "does not link to the previous entry"
    if entry_hash(entry.canonical) != entry.entry_hash:
        return "content does not match its hash"
    if entry.agent_id is None:
        return "" if entry.action in UNSIGNED_ACTIONS else "unsigned entry"
    if f'"agent_id":{entry.agent_id},' not in entry.canonical:
        return "agent does not match the signed content"
    key = public.get(entry.agent_id)
    if entry.signature is None or key is None:
        return "signature missing"
    if not signature_valid(key, entry.entry_hash, entry.signature):
        return "signature invalid"
    return ""


def count(db: Database) -> int:
    with db.session_factory() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry)) or 0
