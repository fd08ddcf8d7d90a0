"""Writing and verifying the audit chain (SPEC C7).

Every signed entry names the signer's key version inside its signed canonical JSON, and
``verify`` checks each signature with the key of that version from the key history
(``agent_keys``, V-7), so old entries still verify after a key rotation.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from kcp_desk.db import Database
from kcp_desk.errors import QT_TRANSLATE_NOOP, PermissionDenied
from kcp_desk.models.agents import AgentKey
from kcp_desk.models.audit import AuditEntry
from kcp_desk.models.base import utcnow
from kcp_desk.security.audit_chain import (
    GENESIS_HASH,
    UNSIGNED_ACTIONS,
    ChainState,
    KeyHistory,
    Row,
    RunResult,
    SigningKey,
    canonical_json,
    check_run,
    entry_hash,
)
from kcp_desk.security.audit_witness import LocalWitness, Witness, WitnessMark
from kcp_desk.security.sealing import AgentKeys

if TYPE_CHECKING:
    from kcp_desk.services.trust import TrustAnchors

__all__ = ["UNSIGNED_ACTIONS", "VerifyResult", "append", "count", "keep_witness", "verify"]

log = logging.getLogger(__name__)

# Detail keys that smell of a secret are refused: the log is readable by colleagues.
_SECRET_WORDS = ("passphrase", "password", "secret", "token", "code_value", "iban_full")
# One advisory lock number serialises writers of the chain on PostgreSQL.
_PG_CHAIN_LOCK = 0x4B435041
#: Session.info key of the newest entry a transaction appended (for the witness)
_TAIL = "kcp_audit_tail"
_KEYS_REPLACED: Final = QT_TRANSLATE_NOOP(
    "KcpError", "The keys of this sign-in were replaced. Please sign in again."
)


def append(
    session: Session,
    action: str,
    details: dict[str, Any],
    *,
    agent_id: int | None = None,
    keys: AgentKeys | None = None,
    key_version: int | None = None,
) -> AuditEntry:
    """Append one entry inside the caller's transaction (it commits with the action).

    ``keys`` signs the entry; only the actions in ``UNSIGNED_ACTIONS`` go without. The
    signed content names the version of ``keys`` (V-7): callers that hold an
    :class:`~kcp_desk.services.principal.AgentSession` pass ``session.key_version``;
    without it the version is the one of the agent's key history whose public key is
    ``keys``' (the same indexed read either way). Keys that are not, or no longer, the
    agent's current ones (a rotation retired them while the desk was signed in) sign
    nothing: :class:`PermissionDenied`, and verify would call the entry bad too.
    """
    for key in details:
        if any(word in key.lower() for word in _SECRET_WORDS):
            raise ValueError(f"audit detail {key!r} looks like a secret")
    if (agent_id is None or keys is None) and action not in UNSIGNED_ACTIONS:
        raise ValueError(f"audit action {action!r} needs the acting agent's signature")
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        # before the key is read: a rotation (which appends its own entry) is either
        # committed and seen, or waits until this entry is in
        session.execute(text("SELECT pg_advisory_xact_lock(:n)"), {"n": _PG_CHAIN_LOCK})
    version = (
        _signing_version(session, agent_id, keys, key_version)
        if agent_id is not None and keys is not None
        else None
    )
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
            "key_version": version,
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


def _signing_version(
    session: Session, agent_id: int, keys: AgentKeys, key_version: int | None
) -> int:
    """The key version ``keys`` sign as; refused when it is retired or not the agent's."""
    public = keys.ed25519_public
    query = select(AgentKey.key_version, AgentKey.ed25519_public, AgentKey.retired_at).where(
        AgentKey.agent_id == agent_id
    )
    query = query.where(
        AgentKey.ed25519_public == public
        if key_version is None
        else AgentKey.key_version == key_version
    )
    row = session.execute(query).first()
    if row is not None and row.ed25519_public != public:
        raise ValueError(f"the keys given are not key version {key_version} of agent {agent_id}")
    if row is None or row.retired_at is not None:
        raise PermissionDenied(_KEYS_REPLACED)
    return int(row.key_version)


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


#: entries per chunk: what one worker reads and checks at a time
CHUNK: Final = 20_000
#: chunks handed to the workers ahead of the one being judged (bounds the memory)
_IN_FLIGHT_PER_WORKER: Final = 3

#: progress(entries checked, entries in the log), after every chunk
Progress = Callable[[int, int], object]


@dataclass(frozen=True)
class _Checked:
    """One chunk (entries ``first`` … ``first + size - 1``), read and checked from the
    state its reader found before it: the entry ``first - 1``'s hash column and time."""

    first: int
    size: int
    start: ChainState
    outcome: RunResult
    rows: int
    #: entry_hash columns of the entries a witness names (and of the one before each)
    hashes: dict[int, str]


_CHUNK_SQL = text(
    "SELECT seq, at, agent_id, action, canonical, prev_hash, entry_hash, signature "
    "FROM audit_log WHERE seq >= :first AND seq < :stop ORDER BY seq"
)


def _read_chunk(session: Session, first: int, size: int) -> list[Row]:
    """The rows as the driver gives them: plain text SQL skips SQLAlchemy's result
    processing, which costs more than the rest of the read (verify reads every entry)."""
    rows = session.execute(_CHUNK_SQL, {"first": first, "stop": first + size})
    return [(r[0], _aware(r[1]), *r[2:7], None if r[7] is None else bytes(r[7])) for r in rows]


def _aware(at: object) -> dt.datetime:
    """SQLite hands the stored text back (UTC, as UTCDateTime wrote it); PostgreSQL an
    aware datetime."""
    if isinstance(at, str):
        return dt.datetime.fromisoformat(at).replace(tzinfo=dt.UTC)
    assert isinstance(at, dt.datetime)
    return at.astimezone(dt.UTC) if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)


def _check_chunk(
    db: Database, keys: KeyHistory, first: int, size: int, wanted: frozenset[int]
) -> _Checked:
    """Read the chunk and the entry before it in one snapshot, and check the chunk as if
    the chain before it were intact (``verify`` judges whether it was)."""
    with db.read() as session:
        before = None
        if first > 1:
            before = session.execute(
                select(AuditEntry.entry_hash, AuditEntry.at).where(AuditEntry.seq == first - 1)
            ).first()
        rows = _read_chunk(session, first, size)
    start = ChainState(
        first,
        GENESIS_HASH if before is None else before[0],
        latest=None if before is None else before[1],
    )
    hashes = {r[0]: r[6] for r in rows if r[0] in wanted}
    return _Checked(first, size, start, check_run(rows, start, keys), len(rows), hashes)


# --- the worker processes: each reads its own chunks (nothing is pickled but results) ---

_worker: dict[str, Any] = {}


def _start_worker(url: str, keys: dict[tuple[int, int], SigningKey]) -> None:
    _worker["db"] = Database(url)
    _worker["keys"] = keys


def _check_in_worker(first: int, size: int, wanted: frozenset[int]) -> _Checked:
    return _check_chunk(_worker["db"], _worker["keys"], first, size, wanted)


def verify(
    db: Database,
    witnesses: Iterable[Witness] = (),
    *,
    progress: Progress | None = None,
    workers: int | None = None,
    chunk: int = CHUNK,
    anchors: TrustAnchors | None = None,
) -> VerifyResult:
    """Check the whole chain, every signature and every witness; name the first bad entry.

    The chain is cut into chunks of ``chunk`` entries. ``workers`` processes each read
    their chunks straight from the database and check them (JSON, hash, link, columns,
    the signature with the key version the entry names) from the state they find before
    the chunk; this process joins the results in order and checks again, here, any
    chunk whose real predecessor state differs from the one its worker assumed (only
    ever around a bad entry). ``None``: one worker per core (at most 4), none for a
    chain of one chunk or in a frozen build; ``workers=0`` checks everything here. The
    result is the same either way: the first bad entry, its reason, and the witnesses'
    verdict (A-4).

    ``anchors`` (the admin keys pinned on this workstation, V-8): a signature counts
    only with a key version an admin certified for that agent. Without them the key
    history table is taken as it is — and a colleague with write access could add a
    "new key version" of someone else to it.
    """
    marks: dict[int, list[Witness]] = {}
    for w in witnesses:
        marks.setdefault(w.mark.seq, []).append(w)
    wanted = frozenset(marks) | frozenset(m - 1 for m in marks)
    with db.read() as session:
        keys: dict[tuple[int, int], SigningKey] = {
            (row.agent_id, row.key_version): SigningKey(row.ed25519_public, row.retired_at)
            for row in session.execute(
                select(
                    AgentKey.agent_id,
                    AgentKey.key_version,
                    AgentKey.ed25519_public,
                    AgentKey.retired_at,
                )
            )
        }
        if anchors is not None and anchors.keys:
            keys = _certified_only(session, keys, anchors)
        total = session.scalar(select(func.max(AuditEntry.seq))) or 0
        lowest = session.scalar(select(func.min(AuditEntry.seq)))
    if lowest is not None and lowest < 1:
        return VerifyResult(0, 1, "entry 1 is missing")  # a row before the chain's start
    if workers is None:
        # a frozen (PyInstaller) desk would start itself again as a worker
        frozen = getattr(sys, "frozen", False)
        workers = min(os.cpu_count() or 1, 4) if total > chunk and not frozen else 0
    state = ChainState(1, GENESIS_HASH)
    checked = 0
    with _Checker(db, keys, workers) as checker:
        for part in checker.chunks(total, chunk, wanted):
            result = _judge(db, part, state, keys, marks)
            if result.bad_index is not None:
                return VerifyResult(checked + result.bad_index, result.end.seq, result.reason)
            state = result.end
            checked += part.rows
            if progress is not None:
                progress(checked, max(total, checked))
    beyond = [w for seq, ws in marks.items() if seq >= state.seq for w in ws]
    if beyond:
        newest = max(beyond, key=lambda w: w.mark.seq)
        return VerifyResult(
            checked,
            state.seq,
            f"the newest entries were cut off: witness {newest.name} saw entry "
            f"{newest.mark.seq}, the log ends at {checked}",
        )
    return VerifyResult(checked, newest=WitnessMark(checked, state.prev_hash) if checked else None)


def _certified_only(
    session: Session, keys: dict[tuple[int, int], SigningKey], anchors: TrustAnchors
) -> dict[tuple[int, int], SigningKey]:
    from kcp_desk.services.trust import certified_signing_keys  # trust appends to the log

    certified: dict[int, frozenset[tuple[int, bytes]]] = {}
    kept = {}
    for (agent_id, version), key in keys.items():
        if agent_id not in certified:
            certified[agent_id] = certified_signing_keys(session, agent_id, anchors)
        if (version, key.ed25519_public) in certified[agent_id]:
            kept[(agent_id, version)] = key
    return kept


def _judge(
    db: Database,
    part: _Checked,
    state: ChainState,
    keys: KeyHistory,
    marks: dict[int, list[Witness]],
) -> RunResult:
    """The outcome of a chunk checked from the state its reader found, as from the true
    ``state`` after the chunks before it, with the witnesses' verdict added."""
    start, outcome, hashes = part.start, part.outcome, part.hashes
    assumed = (start.seq, start.prev_hash, start.latest) == (
        state.seq,
        state.prev_hash,
        state.latest,
    )
    if not assumed or (
        state.versioned
        and not start.versioned
        and outcome.first_legacy is not None
        and (outcome.bad_index is None or outcome.first_legacy <= outcome.bad_index)
    ):
        # The chunks before ended differently than the reader assumed (a bad or missing
        # entry, a time out of order): check this one again from the true state.
        with db.read() as session:
            run = _read_chunk(session, part.first, part.size)
        outcome = check_run(run, state, keys)
        hashes = {r[0]: r[6] for r in run}
    elif state.versioned and not outcome.end.versioned:
        outcome = RunResult(
            ChainState(outcome.end.seq, outcome.end.prev_hash, True, outcome.end.latest),
            outcome.bad_index,
            outcome.reason,
            outcome.first_legacy,
        )
    limit = part.rows if outcome.bad_index is None else outcome.bad_index
    for seq in sorted(m for m in marks if 0 <= m - state.seq < limit):
        index = seq - state.seq
        for w in marks[seq]:
            if w.mark.entry_hash != hashes.get(seq):
                return RunResult(
                    ChainState(
                        seq, hashes.get(seq - 1, state.prev_hash) if index else state.prev_hash
                    ),
                    index,
                    f"differs from the entry that witness {w.name} saw",
                )
    return outcome


class _Checker:
    """Reads and checks chunks in order: in worker processes, or here with 0 workers."""

    def __init__(self, db: Database, keys: KeyHistory, workers: int) -> None:
        self._db = db
        self._keys = keys
        self._workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> _Checker:
        if self._workers > 0:
            # spawn: no fork of a process holding database connections (and Windows
            # knows nothing else); each worker opens its own connection
            self._pool = ProcessPoolExecutor(
                self._workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self._db.url, dict(self._keys)),
            )
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def chunks(self, total: int, size: int, wanted: frozenset[int]) -> Iterator[_Checked]:
        """The checked chunks of entries 1 … ``total``, in the chain's order."""
        starts = range(1, total + 1, size)
        if self._pool is None:
            for first in starts:
                yield _check_chunk(self._db, self._keys, first, size, wanted)
            return
        pending: deque[Future[_Checked]] = deque()
        ahead = self._workers * _IN_FLIGHT_PER_WORKER
        for first in starts:
            part = wanted & frozenset(range(first - 1, first + size))
            pending.append(self._pool.submit(_check_in_worker, first, size, part))
            if len(pending) >= ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry)) or 0
