"""Writing and verifying the audit chain (SPEC C7)."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable
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
from kcp_desk.security.audit_witness import LocalWitness, Witness, WitnessMark
from kcp_desk.security.sealing import AgentKeys

log = logging.getLogger(__name__)

# Detail keys that smell of a secret are refused: the log is readable by colleagues.
_SECRET_WORDS = ("passphrase", "password", "secret", "token", "code_value", "iban_full")
# One advisory lock number serialises writers of the chain on PostgreSQL.
_PG_CHAIN_LOCK = 0x4B435041
#: the fields of every canonical entry, no more, no less
_FIELDS = frozenset({"seq", "at", "agent_id", "action", "details", "prev_hash"})
#: the actions written without a logged-in agent, hence unsigned: a failed login
UNSIGNED_ACTIONS = frozenset({"login_failed"})
#: Session.info key of the newest entry a transaction appended (for the witness)
_TAIL = "kcp_audit_tail"


def append(
    session: Session,
    action: str,
    details: dict[str, Any],
    *,
    agent_id: int | None = None,
    keys: AgentKeys | None = None,
) -> AuditEntry:
    """Append one entry inside the caller's transaction (it commits with the action).

    ``keys`` signs the entry; only the actions in ``UNSIGNED_ACTIONS`` go without.
    """
    for key in details:
        if any(word in key.lower() for word in _SECRET_WORDS):
            raise ValueError(f"audit detail {key!r} looks like a secret")
    if (agent_id is None or keys is None) and action not in UNSIGNED_ACTIONS:
        raise ValueError(f"audit action {action!r} needs the acting agent's signature")
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
    session.info[_TAIL] = WitnessMark(seq, digest)
    return entry


def keep_witness(db: Database, witness: LocalWitness) -> None:
    """After every commit that appended entries, this workstation remembers the newest."""

    def remember(session: Session) -> None:
        mark = session.info.pop(_TAIL, None)
        if mark is None:
            return
        try:
            witness.advance(mark)
        except OSError as exc:  # the entry is committed; a stale witness is only weaker
            log.warning("audit witness %s not updated: %s", witness.path, exc.strerror)

    db.after_commit(remember)


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    first_bad_seq: int | None = None
    reason: str = ""
    #: the newest entry of an intact chain (what a witness should remember)
    newest: WitnessMark | None = None

    @property
    def ok(self) -> bool:
        return self.first_bad_seq is None


def verify(db: Database, witnesses: Iterable[Witness] = ()) -> VerifyResult:
    """Check the whole chain, every signature and every witness; name the first bad entry."""
    marks: dict[int, list[Witness]] = {}
    for w in witnesses:
        marks.setdefault(w.mark.seq, []).append(w)
    with db.read() as session:
        public = {row[0]: row[1] for row in session.execute(select(Agent.id, Agent.ed25519_public))}
        prev = GENESIS_HASH
        expected_seq = 1
        checked = 0
        rows = session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).yield_per(2000)
        for entry in rows:
            bad = _check(entry, expected_seq, prev, public)
            for w in marks.get(entry.seq, ()):
                if not bad and w.mark.entry_hash != entry.entry_hash:
                    bad = f"differs from the entry that witness {w.name} saw"
            if bad:
                return VerifyResult(checked, expected_seq, bad)
            prev = entry.entry_hash
            expected_seq += 1
            checked += 1
    beyond = [w for seq, ws in marks.items() if seq >= expected_seq for w in ws]
    if beyond:
        newest = max(beyond, key=lambda w: w.mark.seq)
        return VerifyResult(
            checked,
            expected_seq,
            f"the newest entries were cut off: witness {newest.name} saw entry "
            f"{newest.mark.seq}, the log ends at {checked}",
        )
    return VerifyResult(checked, newest=WitnessMark(checked, prev) if checked else None)


def _check(entry: AuditEntry, seq: int, prev: str, public: dict[int, bytes]) -> str:
    """Everything is judged from the signed canonical JSON; a column is only compared."""
    if entry.seq != seq:
        return f"entry {seq} is missing"
    try:
        body = json.loads(entry.canonical)
    except ValueError:
        return "content is not canonical JSON"
    if (
        not isinstance(body, dict)
        or set(body) != _FIELDS
        or canonical_json(body) != entry.canonical
    ):
        return "content is not canonical JSON"
    if entry_hash(entry.canonical) != entry.entry_hash:
        return "content does not match its hash"
    if body["prev_hash"] != prev or entry.prev_hash != prev:
        return "does not link to the previous entry"
    if type(body["seq"]) is not int or body["seq"] != entry.seq:
        return "number does not match the signed content"
    if not _same_time(body["at"], entry.at):
        return "time does not match the signed content"
    signer = body["agent_id"]
    if signer is not None and type(signer) is not int:
        return "agent does not match the signed content"
    if signer != entry.agent_id:
        return "agent does not match the signed content"
    if body["action"] != entry.action:
        return "action does not match the signed content"
    if signer is None:
        return "" if body["action"] in UNSIGNED_ACTIONS else "unsigned entry"
    key = public.get(signer)
    if entry.signature is None or key is None:
        return "signature missing"
    if not signature_valid(key, entry.entry_hash, entry.signature):
        return "signature invalid"
    return ""


def _same_time(signed: object, column: dt.datetime) -> bool:
    try:
        return isinstance(signed, str) and dt.datetime.fromisoformat(signed) == column
    except ValueError:
        return False


def count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry)) or 0
