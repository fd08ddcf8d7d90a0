"""Writing and verifying the audit chain (SPEC C7).

Every signed entry names the signer's key version inside its signed canonical JSON, and
``verify`` checks each signature with the key of that version from the key history
(``agent_keys``, V-7), so old entries still verify after a key rotation.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Final, cast

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
    check_in_worker,
    check_run,
    entry_hash,
    start_worker,
)
from kcp_desk.security.audit_witness import LocalWitness, Witness, WitnessMark
from kcp_desk.security.sealing import AgentKeys

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


#: entries per chunk: what one worker checks at a time (and what the database streams)
CHUNK: Final = 20_000
#: chunks waiting for or in a worker: bounds the memory (a chunk is a few MB)
_IN_FLIGHT_PER_WORKER: Final = 3

#: progress(entries checked, entries in the log), after every chunk
Progress = Callable[[int, int], object]

_COLUMNS = (
    AuditEntry.seq,
    AuditEntry.at,
    AuditEntry.agent_id,
    AuditEntry.action,
    AuditEntry.canonical,
    AuditEntry.prev_hash,
    AuditEntry.entry_hash,
    AuditEntry.signature,
)


def verify(
    db: Database,
    witnesses: Iterable[Witness] = (),
    *,
    progress: Progress | None = None,
    workers: int | None = None,
    chunk: int = CHUNK,
) -> VerifyResult:
    """Check the whole chain, every signature and every witness; name the first bad entry.

    The rows are streamed in chunks (columns, not ORM objects). ``workers`` processes
    check the chunks (JSON, hash, link, columns, the signature with the key version the
    entry names), while this process reads the next ones and takes the results in
    order; ``None``: as many as there are cores (at most 4), none for a chain of one
    chunk or in a frozen build. ``workers=0`` checks everything in this process. The
    result is the same either way: the first bad entry, its reason, and the witnesses'
    verdict (A-4).
    """
    marks: dict[int, list[Witness]] = {}
    for w in witnesses:
        marks.setdefault(w.mark.seq, []).append(w)
    state = ChainState(1, GENESIS_HASH)
    checked = 0
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
        total = session.scalar(select(func.max(AuditEntry.seq))) or 0
        if workers is None:
            # a frozen (PyInstaller) desk would start itself again as a worker
            frozen = getattr(sys, "frozen", False)
            workers = min(os.cpu_count() or 1, 4) if total > chunk and not frozen else 0
        rows = session.execute(
            select(*_COLUMNS).order_by(AuditEntry.seq),
            execution_options={"yield_per": chunk, "stream_results": True},
        )
        chunks = (cast(list[Row], [tuple(r) for r in part]) for part in rows.partitions())
        with rows, _Checker(keys, workers) as checker:  # an early return closes the cursor
            for run, start, outcome in checker.runs(chunks):
                result = _judge(run, start, outcome, state, keys, marks)
                if result.bad_index is not None:
                    return VerifyResult(checked + result.bad_index, result.end.seq, result.reason)
                state = result.end
                checked += len(run)
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


def _judge(
    run: Sequence[Row],
    start: ChainState,
    outcome: RunResult,
    state: ChainState,
    keys: KeyHistory,
    marks: dict[int, list[Witness]],
) -> RunResult:
    """The outcome of a run checked from ``start`` (what the reader assumed), as from the
    true ``state`` after the runs before it, with the witnesses' verdict added."""
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
        # The runs before ended differently than the reader assumed: check again here
        # (only ever around a bad entry, so this is rare and short).
        outcome = check_run(run, state, keys)
    elif state.versioned and not outcome.end.versioned:
        outcome = RunResult(
            ChainState(outcome.end.seq, outcome.end.prev_hash, True, outcome.end.latest),
            outcome.bad_index,
            outcome.reason,
            outcome.first_legacy,
        )
    limit = len(run) if outcome.bad_index is None else outcome.bad_index
    for seq in sorted(m for m in marks if 0 <= m - state.seq < limit):
        index = seq - state.seq
        for w in marks[seq]:
            if w.mark.entry_hash != run[index][6]:
                return RunResult(
                    ChainState(seq, run[index - 1][6] if index else state.prev_hash),
                    index,
                    f"differs from the entry that witness {w.name} saw",
                )
    return outcome


class _Checker:
    """Checks runs of rows in order: in worker processes, or here when ``workers`` is 0."""

    def __init__(self, keys: KeyHistory, workers: int) -> None:
        self._keys = keys
        self._workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> _Checker:
        if self._workers > 0:
            # spawn: no fork of a process holding database connections (and Windows
            # knows nothing else); workers import only the pure audit_chain module
            self._pool = ProcessPoolExecutor(
                self._workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=start_worker,
                initargs=(dict(self._keys),),
            )
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def runs(
        self, chunks: Iterator[list[Row]]
    ) -> Iterator[tuple[list[Row], ChainState, RunResult]]:
        """(run, the state it was checked from, the outcome), in the chain's order.

        The state of a run's start is what the run before it ends with if it is intact:
        the next seq, its last entry_hash column and the latest time of all rows read;
        whether a key version was named before is not known yet, so runs are checked
        as if none was (``_judge`` checks again where that matters)."""
        seq, prev, latest = 1, GENESIS_HASH, None
        pending: deque[tuple[list[Row], ChainState, Future[RunResult]]] = deque()
        limit = self._workers * _IN_FLIGHT_PER_WORKER
        for run in chunks:
            start = ChainState(seq, prev, latest=latest)
            newest = max(r[1] for r in run)
            seq, prev = seq + len(run), run[-1][6]
            latest = newest if latest is None or newest > latest else latest
            if self._pool is None:
                yield run, start, check_run(run, start, self._keys)
                continue
            pending.append((run, start, self._pool.submit(check_in_worker, run, start)))
            if len(pending) >= limit:
                run0, start0, future = pending.popleft()
                yield run0, start0, future.result()
        while pending:
            run0, start0, future = pending.popleft()
            yield run0, start0, future.result()


def count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry)) or 0
