"""The credential vault and the audit log (SPEC §5, C6, C7, issue 11 "Benchmark"):
``audit verify`` over 1,000,000 entries ≤ 60 s; intake of one support order p95 ≤ 30 ms;
reveal (audit write + unwrap + decrypt, KDF excluded) p95 ≤ 20 ms; reassignment with
data-key rotation of an order with 5 fields p95 ≤ 50 ms.

- ``verify <N> entries``: ``services.audit.verify`` over an audit log of ``--entries``
  signed entries (one sample per run; the whole chain, every signature). The log is
  built once and kept: ``bench-audit-<N>.sqlite3`` in the data directory, or the
  database ``--audit-database-url`` names (e.g. ``…/audit_bench_1m``); it holds two
  agents and 1,000,000 entries, the first agent's keys rotated half-way (so half the
  entries are checked with a retired key version), and nothing else. Building it signs
  in two processes and inserts in bulk (about 1½ minutes here).
- ``intake one order``: ``services.intake.intake`` of ``examples/intake/support-order.json``
  (validation, a fresh data key, the fields encrypted, the HPKE wrap to the dispatch
  key, the order, its ticket and its consents in one transaction), on the demo
  database of ``--database-url`` (default ``bench-vault-<N>.sqlite3``, built with
  ``services.demo.populate`` and ``--customers`` customers). Every sample creates an
  order: point it at a bench database.
- ``reveal``: ``VaultService.reveal`` of a field of an order (5 credential fields, from
  the intake) that the lead ``lea`` gave to the agent ``anna`` (``TicketAssignment.
  reassign``); anna's cached data keys are dropped before every sample, so each one
  writes the audit entry, unwraps the data key and decrypts. The logins are untimed.
- ``reassign 5 fields``: ``TicketAssignment.reassign`` of that order's ticket by
  ``lea``, alternately to ``ben`` and ``anna``: the data key opened through the
  dispatch key and rotated, the 5 fields re-encrypted, the new wraps, the old ones
  deleted, the audit entry, in one transaction.

Every figure after a warm-up of 5 calls; ``--runs`` samples (``--verify-runs`` for the
verify).

    .venv/bin/python bench/vault.py                   # SQLite, 1M audit entries
    .venv/bin/python bench/vault.py --json --runs 3 \\
        --database-url postgresql+psycopg://postgres@127.0.0.1:54391/vault_bench \\
        --audit-database-url postgresql+psycopg://postgres@127.0.0.1:54391/audit_bench_1m

A PostgreSQL database named in a URL is created if the server does not have it yet.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import figures, parser, report
from billing import CHEAP_KDF
from sqlalchemy import create_engine, func, insert, make_url, select, text

from kcp_desk.db import Database
from kcp_desk.models.agents import AgentKey, Role
from kcp_desk.models.audit import AuditEntry
from kcp_desk.security.audit_chain import GENESIS_HASH, canonical_json, entry_hash
from kcp_desk.security.sealing import AgentKeys

ROOT = Path(__file__).resolve().parent.parent
ORDER_DOCUMENT = ROOT / "examples/intake/support-order.json"
#: budgets of SPEC §5 / issue 11 by the figure name's first word
BUDGETS = {"verify": 60_000.0, "intake": 30.0, "reveal": 20.0, "reassign": 50.0}
#: entries per bulk insert / per signing task
BATCH = 50_000
ACTIONS = ("customer_opened", "ticket_claimed", "contact_changed", "caller_verified", "login")


# --- the audit log of a million entries --------------------------------------------------


def ensure_database(url: str) -> None:
    """A PostgreSQL database named in ``url`` is created when the server lacks it."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql" or not parsed.database:
        return
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": parsed.database}
            )
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    finally:
        admin.dispose()


def audit_database(url: str | None, entries: int) -> str:
    """The bench audit log of ``entries`` entries, built when missing."""
    from kcp_desk.settings import Paths

    if url is None:
        path = Paths.from_environment().data_dir / f"bench-audit-{entries}.sqlite3"
        url = f"sqlite:///{path}"
    ensure_database(url)
    owner = Database(url, owner=True)  # bulk load and index use: the owner's connection
    try:
        owner.migrate()
        with owner.read() as s:
            have = s.scalar(select(func.count()).select_from(AuditEntry)) or 0
        if have == entries:
            return url
        if have:
            raise SystemExit(f"{owner.describe()} has {have:,} audit entries, not {entries:,}")
        print(f"Building {owner.describe()} with {entries:,} audit entries …", file=sys.stderr)
        start = time.perf_counter()
        build_audit_log(owner, entries)
        print(f"… done in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    finally:
        owner.dispose()
    return url


def _sign(private: bytes, digests: list[str]) -> list[bytes]:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.from_private_bytes(private)
    return [key.sign(d.encode()) for d in digests]


def _private(keys: AgentKeys) -> bytes:
    return keys._raw()[32:]  # the Ed25519 half; bench keys, never a real agent's


def build_audit_log(owner: Database, entries: int) -> None:
    """Two agents (anna's keys rotated half-way) and ``entries`` signed entries, as
    ``audit.append`` writes them, signed in two processes and inserted in bulk."""
    from kcp_desk.services.agents import provision_agent

    with owner.transaction() as s:
        signers = []
        for name in ("anna", "lea"):
            agent, keys = provision_agent(
                s,
                username=f"bench-{name}",
                display_name=name.title(),
                role=Role.AGENT,
                passphrase=f"{name}-bench-passphrase",
                kdf=CHEAP_KDF,
            )
            signers.append((agent.id, 1, keys))
    rotated = AgentKeys.generate()
    rng = random.Random(20261201)
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    half = entries // 2
    retire_at = base + dt.timedelta(milliseconds=half * 20)
    with owner.transaction() as s:  # anna's keys are replaced half-way (V-7)
        old = s.scalars(select(AgentKey).where(AgentKey.agent_id == signers[0][0])).one()
        old.retired_at = retire_at
        s.add(
            AgentKey(
                agent_id=signers[0][0],
                key_version=2,
                x25519_public=rotated.x25519_public,
                ed25519_public=rotated.ed25519_public,
                valid_from=retire_at,
            )
        )
    privates = {(a, v): _private(k) for a, v, k in signers}
    privates[(signers[0][0], 2)] = _private(rotated)
    prev = GENESIS_HASH
    sqlite = owner.dialect == "sqlite"
    with ProcessPoolExecutor(2) as pool:
        for first in range(1, entries + 1, BATCH):
            rows: list[dict[str, Any]] = []
            by_key: dict[tuple[int, int], list[int]] = {}
            for seq in range(first, min(first + BATCH, entries + 1)):
                agent_id, version, _ = signers[rng.randrange(2)]
                if agent_id == signers[0][0] and seq > half:
                    version = 2
                at = base + dt.timedelta(milliseconds=seq * 20)
                action = ACTIONS[seq % len(ACTIONS)]
                canonical = canonical_json(
                    {
                        "seq": seq,
                        "at": at.isoformat(),
                        "agent_id": agent_id,
                        "key_version": version,
                        "action": action,
                        "details": {"customer": rng.randrange(1, 1_000_000), "tab": "contact"},
                        "prev_hash": prev,
                    }
                )
                digest = entry_hash(canonical)
                by_key.setdefault((agent_id, version), []).append(len(rows))
                rows.append(
                    {
                        "seq": seq,
                        "at": at,
                        "agent_id": agent_id,
                        "action": action,
                        "canonical": canonical,
                        "prev_hash": prev,
                        "entry_hash": digest,
                        "signature": None,
                    }
                )
                prev = digest
            jobs = {
                key: pool.submit(_sign, privates[key], [rows[i]["entry_hash"] for i in idx])
                for key, idx in by_key.items()
            }
            for key, idx in by_key.items():
                for i, sig in zip(idx, jobs[key].result(), strict=True):
                    rows[i]["signature"] = sig
            _insert(owner, rows, sqlite)
            print(f"\r  {rows[-1]['seq']:,} entries", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    if not sqlite:
        with owner.engine.begin() as conn:
            conn.execute(text("ANALYZE audit_log"))


def _insert(owner: Database, rows: list[dict[str, Any]], sqlite: bool) -> None:
    if sqlite:
        with owner.engine.begin() as conn:
            conn.execute(insert(AuditEntry), rows)
        return
    raw = owner.engine.raw_connection()
    try:
        cur = raw.cursor()
        with cur.copy(  # type: ignore[attr-defined]
            "COPY audit_log (seq, at, agent_id, action, canonical, prev_hash, entry_hash, "
            "signature) FROM STDIN"
        ) as copy:
            for r in rows:
                copy.write_row(
                    (
                        r["seq"],
                        r["at"],
                        r["agent_id"],
                        r["action"],
                        r["canonical"],
                        r["prev_hash"],
                        r["entry_hash"],
                        r["signature"],
                    )
                )
        raw.commit()
    finally:
        raw.close()


def bench_verify(url: str, entries: int, runs: int, workers: int | None) -> list[float]:
    from kcp_desk.services import audit

    db = Database(url)
    samples = []
    try:
        for _ in range(runs):
            start = time.perf_counter()
            result = audit.verify(db, workers=workers)
            samples.append((time.perf_counter() - start) * 1000)
            if not result.ok or result.checked != entries:
                raise SystemExit(f"the bench log did not verify: {result}")
            print(f"  verify: {samples[-1] / 1000:.1f} s", file=sys.stderr)
    finally:
        db.dispose()
    return samples


# --- the vault ---------------------------------------------------------------------------


def vault_database(url: str | None, customers: int) -> str:
    """The demo database for intake (and reveal, reassign), built when missing."""
    from kcp_desk.services.demo import populate
    from kcp_desk.services.setup import agent_count
    from kcp_desk.settings import Paths

    if url is None:
        path = Paths.from_environment().data_dir / f"bench-vault-{customers}.sqlite3"
        url = f"sqlite:///{path}"
    ensure_database(url)
    owner = Database(url, owner=True)
    try:
        owner.migrate()
        if not agent_count(owner):
            print(f"Filling {owner.describe()} with {customers:,} customers …", file=sys.stderr)
            start = time.perf_counter()
            pins = _pins(owner)
            populate(owner, customers=customers, kdf=CHEAP_KDF, pin=lambda a: pins.pin_all(a.keys))
            print(f"… done in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    finally:
        owner.dispose()
    return url


def _pins(db: Database) -> Any:
    """The admin keys this workstation pinned for ``db`` (V-8), as ``kcp-desk`` does."""
    from kcp_desk.security.pinned_keys import PinnedAdminKeys
    from kcp_desk.settings import Paths

    return PinnedAdminKeys(Paths.from_environment().data_dir, db.describe())


def _order_documents() -> Iterator[dict[str, Any]]:
    """The example order, a fresh description every time (the portal's documents)."""
    template = json.loads(ORDER_DOCUMENT.read_text(encoding="utf-8"))
    n = 0
    while True:
        n += 1
        doc = json.loads(json.dumps(template))
        doc["description"] = f"{template['description']}\n\n(bench {n} {os.getpid()})"
        yield doc


def bench_intake(url: str, runs: int) -> list[float]:
    from kcp_desk.services.intake import intake
    from kcp_desk.services.trust import TrustAnchors

    db = Database(url)
    anchors = TrustAnchors(_pins(db).keys())
    docs = _order_documents()
    samples: list[float] = []
    try:
        for i in range(runs + 5):
            doc = next(docs)
            start = time.perf_counter()
            intake(db, doc, anchors=anchors)
            if i >= 5:  # warm-up
                samples.append((time.perf_counter() - start) * 1000)
    finally:
        db.dispose()
    return samples


class _VaultBench:
    """An order with 5 credential fields from the portal intake, its ticket given to the
    demo agent ``anna`` by the lead ``lea`` (the logins are untimed: KDF excluded)."""

    def __init__(self, db: Database) -> None:
        from tickets import login_demo

        from kcp_desk.services.intake import intake
        from kcp_desk.services.tickets import TicketAssignment
        from kcp_desk.services.trust import TrustAnchors
        from kcp_desk.services.vault import VaultService

        anchors = TrustAnchors(_pins(db).keys())
        self.vault = VaultService(db, anchors=anchors)
        self.tickets = TicketAssignment(db, anchors=anchors)
        self.anna, self.lea = login_demo(db, "anna"), login_demo(db, "lea")
        self.ben = login_demo(db, "ben")
        doc = next(_order_documents())
        doc["credentials"].update(
            {"FTP password": "ftp-Beispiel-3", "mail password": "mail-Beispiel-4", "db": "x5"}
        )
        created = intake(db, doc, anchors=anchors)
        assert created.order_id is not None and len(doc["credentials"]) == 5
        self.order_id, self.ticket_id = created.order_id, created.ticket_id
        self.field = "root password"
        with db.read() as s:
            from kcp_desk.models import Ticket

            self.version = s.scalar(select(Ticket.version).where(Ticket.id == self.ticket_id))
        self.reassign(self.anna.principal.agent_id)

    def reassign(self, to_agent_id: int) -> None:
        status = self.tickets.reassign(
            self.lea, self.ticket_id, self.version, to_agent_id, "Vertretung (Benchmark)"
        )
        self.version = status.version


def bench_reveal(url: str, runs: int) -> list[float] | None:
    """``VaultService.reveal`` (audit write + unwrap + decrypt) of a field of an order
    assigned to ``anna``, her cached data keys dropped before every sample (so each one
    unwraps)."""
    db = Database(url)
    try:
        bench = _VaultBench(db)
        samples: list[float] = []
        for i in range(runs + 5):
            bench.anna.forget_dek(bench.order_id)
            start = time.perf_counter()
            bench.vault.reveal(bench.anna, bench.order_id, bench.field)
            if i >= 5:  # warm-up
                samples.append((time.perf_counter() - start) * 1000)
        return samples
    finally:
        db.dispose()


def bench_reassign(url: str, runs: int) -> list[float] | None:
    """A lead's ``TicketAssignment.reassign`` of the order's ticket, alternating between
    ``ben`` and ``anna``: the data key is opened through the dispatch key, rotated, the
    5 fields re-encrypted, wrapped to the new assignee and the dispatch key, the old
    wraps deleted, in one transaction."""
    db = Database(url)
    try:
        bench = _VaultBench(db)
        targets = (bench.ben.principal.agent_id, bench.anna.principal.agent_id)
        samples: list[float] = []
        for i in range(runs + 5):
            start = time.perf_counter()
            bench.reassign(targets[i % 2])
            if i >= 5:  # warm-up
                samples.append((time.perf_counter() - start) * 1000)
        return samples
    finally:
        db.dispose()


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--audit-database-url", help="default: bench-audit-<N>.sqlite3")
    p.add_argument("--entries", type=int, default=1_000_000)
    p.add_argument("--customers", type=int, default=10_000)
    p.add_argument("--runs", type=int, default=200, help="samples of the per-call figures")
    p.add_argument("--verify-runs", type=int, default=1)
    p.add_argument("--workers", type=int, default=None, help="verify's worker processes")
    p.add_argument("--only", choices=("verify", "intake", "vault"), default=None)
    args = p.parse_args()
    results: dict[str, dict[str, float]] = {}
    if args.only in (None, "verify"):
        audit_url = audit_database(args.audit_database_url, args.entries)
        size = "1M" if args.entries == 1_000_000 else f"{args.entries:,}"
        name = f"verify {size} entries"
        samples = bench_verify(audit_url, args.entries, args.verify_runs, args.workers)
        results[name] = figures(samples)
    if args.only in (None, "intake", "vault"):
        url = vault_database(args.database_url, args.customers)
        results["intake one order"] = figures(bench_intake(url, args.runs))
        for fig, fn in (("reveal", bench_reveal), ("reassign 5 fields", bench_reassign)):
            samples = fn(url, args.runs)
            if samples is not None:
                results[fig] = figures(samples)
            else:
                print(f"({fig}: not measured yet, see bench_{fig.split()[0]})", file=sys.stderr)
    notes = {n: f"≤ {BUDGETS[n.split()[0]]:,.0f} ms" for n in results}
    report(results, args.json, notes=notes, notes_header="budget p95")


if __name__ == "__main__":
    main()
