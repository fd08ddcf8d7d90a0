"""Realistic German demo data, fast enough for a million customers (SPEC §1, §5).

:func:`populate` fills an EMPTY migrated database: demo agents (:data:`DEMO_AGENTS`),
dispatch key version 1 wrapped to every lead, SLA policies, and customers with
addresses, sub-accounts, products, SEPA mandates, invoices in every state (positions,
payments, returned debits, dunning steps), tickets with messages and support orders with
consents and time entries.

Speed is the point of this module: ``kcp-desk demo --customers 1000000`` writes about
18 million rows, in under three minutes on SQLite on the two-core development machine.

* Faker (de_DE) only builds small pools of names, streets and cities once; rows combine
  pool entries with one ``random.Random(seed)``.
* Rows are plain tuples inserted batch by batch through the driver: ``executemany`` on
  SQLite, ``COPY`` on PostgreSQL. Primary keys are counted here, so children reference
  parents without reading anything back. Values are given in the form the column
  stores, because the SQLAlchemy types are bypassed: enum *values*, ISO dates,
  timestamps as UTC text (``2026-11-22 09:41:00.000000`` on SQLite, as SQLAlchemy writes
  them; ``…+00`` on PostgreSQL), money as ``float`` of whole cents (exact in
  ``NUMERIC(12, 2)``; SQLAlchemy itself hands SQLite floats). The tests read everything
  back through the ORM and check it against the domain rules.
* From :data:`PARALLEL_FROM` customers on, a worker process generates the next batch
  while this one inserts the last.
* Constraint checks and index upkeep that the database can do once at the end are
  deferred to the end (see :class:`_SqliteSink` and :class:`_PgSink`), and restored
  even when the load fails or is cancelled.
* One transaction per batch of customers, committed before ``progress`` is called: a
  cancelled run leaves complete customers (with all their rows) and invoice counters
  that match the invoices.

Conventions the data follows (other code may rely on them):

* Customer number bodies are ``1000000 + id``; ticket numbers ``100000 + id``; support
  order numbers ``4000 + id``. ``search_folded`` is ``folding.customer_search_text``.
* Invoices are billed once a year on each customer's billing day (the day of the year
  grows with the customer id), so ``RE-YYYY-NNNNNN`` is gap-free AND chronological per
  year. A cancellation is a second invoice with negated amounts, ``cancels_invoice_id``
  and a ``cancellation_reason``, state ``credited``; the original is ``cancelled``.
* Only a customer's newest invoice can be unpaid (overdue, partly paid, returned debit);
  its dunning steps follow ``billing_rules.DUNNING_LADDER``, and customers at a step
  that blocks services are ``blocked``. Stored invoice and mandate states are what
  ``billing_rules.invoice_state`` and ``effective_mandate_state`` say for ``now``.
* The first customers (:data:`SHOWCASE_CUSTOMERS`) show every unpaid invoice state and
  every support-order state, the first companies every legal form, the first tickets
  every ticket state, so that even a small demo has them all.
* The first :data:`PHONE_PASSWORD_CUSTOMERS` customers have the phone password
  :data:`DEMO_PHONE_PASSWORD` (Argon2id with cheap demo parameters); the others have none.
* Support orders carry no credentials yet: those belong to the portal intake path (C6).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import marshal
import math
import multiprocessing
import os
import random
import re
import sys
import traceback
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from queue import Empty
from typing import Any, Final, TypeVar

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from sqlalchemy import Connection, func, select

from kcp_desk.db import Database
from kcp_desk.domain.billing_rules import (
    DUNNING_LADDER,
    INVALIDATING_CODES,
    OBJECTION_CODES,
    mandate_expiry,
    to_cents,
)
from kcp_desk.domain.folding import fold
from kcp_desk.domain.references import format_customer_number, format_mandate_ref
from kcp_desk.models import Base
from kcp_desk.models.agents import Agent, Role
from kcp_desk.models.billing import InvoiceState, MandateStatus
from kcp_desk.models.customers import AddressKind, Customer, CustomerKind, PaymentMethod
from kcp_desk.models.orders import ConsentKind, OrderState
from kcp_desk.models.outbox import OutboxChannel
from kcp_desk.models.products import ProductKind, SlaPolicy, SmPackage
from kcp_desk.models.tickets import MessageKind, TicketPriority, TicketState
from kcp_desk.security.sealing import PRODUCTION_KDF, KdfParams
from kcp_desk.services.admin import set_up_team, signing_session
from kcp_desk.services.agents import provision_agent
from kcp_desk.services.demo_orders import add_vault_orders
from kcp_desk.services.outbox import create_service_key
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.trust import TrustAnchors

__all__ = [
    "DEMO_AGENTS",
    "DEMO_CREDITOR_ID",
    "DEMO_PHONE_PASSWORD",
    "PARALLEL_FROM",
    "PHONE_PASSWORD_CUSTOMERS",
    "RETURN_REASONS",
    "SHOWCASE_CUSTOMERS",
    "SLA_MINUTES",
    "DemoAgent",
    "NotEmpty",
    "populate",
]

_log = logging.getLogger(__name__)

Progress = Callable[[int, int], bool]
Row = tuple[Any, ...]
T = TypeVar("T")


@dataclass(frozen=True)
class DemoAgent:
    """A demo login; printed by ``kcp-desk demo`` and in the README."""

    username: str
    display_name: str
    role: str
    passphrase: str


DEMO_AGENTS: Final[tuple[DemoAgent, ...]] = (
    DemoAgent("anna", "Anna Schäfer", Role.AGENT.value, "anna-demo-2026"),
    DemoAgent("ben", "Ben Özdemir", Role.AGENT.value, "ben-demo-2026"),
    DemoAgent("lea", "Lea Großmann", Role.LEAD.value, "lea-demo-2026"),
    DemoAgent("tobias", "Tobias Weiß", Role.LEAD.value, "tobias-demo-2026"),
    DemoAgent("admin", "Jörg Admin", Role.ADMIN.value, "admin-demo-2026"),
)

#: Phone password (C1.5, factor P) of the first :data:`PHONE_PASSWORD_CUSTOMERS` customers
#: (customer numbers K10000012 onwards); all other demo customers have none.
DEMO_PHONE_PASSWORD: Final = "Sonnenblume-42"
PHONE_PASSWORD_CUSTOMERS: Final = 50
#: Cheap but valid Argon2id parameters for the demo phone passwords (8 MiB, t=1).
_PHONE_KDF: Final = KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)

#: Creditor identifier on the demo mandates (the Bundesbank's test identifier).
DEMO_CREDITOR_ID: Final = "DE98ZZZ09999999999"

#: The first customers show every unpaid invoice state and every support-order state.
SHOWCASE_CUSTOMERS: Final = len(OrderState)

#: T-6: (first response, resolution) in minutes per SM package and ticket priority.
SLA_MINUTES: Final[dict[SmPackage, dict[TicketPriority, tuple[int, int]]]] = {
    SmPackage.NONE: {
        TicketPriority.LOW: (2880, 14400),
        TicketPriority.NORMAL: (1440, 7200),
        TicketPriority.HIGH: (480, 2880),
        TicketPriority.URGENT: (240, 1440),
    },
    SmPackage.BASIC: {
        TicketPriority.LOW: (1440, 10080),
        TicketPriority.NORMAL: (480, 4320),
        TicketPriority.HIGH: (240, 1440),
        TicketPriority.URGENT: (120, 480),
    },
    SmPackage.PRO: {
        TicketPriority.LOW: (480, 4320),
        TicketPriority.NORMAL: (240, 1440),
        TicketPriority.HIGH: (60, 480),
        TicketPriority.URGENT: (30, 240),
    },
    SmPackage.PREMIUM: {
        TicketPriority.LOW: (240, 2880),
        TicketPriority.NORMAL: (120, 720),
        TicketPriority.HIGH: (30, 240),
        TicketPriority.URGENT: (15, 120),
    },
}

#: PAY-4: ISO 20022 return reasons with their German text and weight.
RETURN_REASONS: Final[tuple[tuple[str, str, int], ...]] = (
    ("AM04", "Deckung unzureichend", 35),
    ("AC04", "Konto erloschen", 14),
    ("MS03", "Sonstige Gründe", 14),
    ("MD06", "Rückgabe auf Verlangen des Zahlers (Widerspruch)", 15),
    ("MS02", "Zahlung vom Zahler abgelehnt", 8),
    ("MD01", "Kein gültiges Mandat", 9),
    ("MD07", "Kontoinhaber verstorben", 5),
)

#: Rows per table in insert order (parents before children). Every NOT NULL column
#: without a server default must be listed: :func:`_check_columns` enforces it.
_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "customers": (
        "id", "number", "kind", "salutation", "first_name", "last_name", "company",
        "legal_form", "date_of_birth", "email", "email_verified", "phone", "phone_e164",
        "mobile_e164", "mobile_registered_at", "customer_since", "blocked", "credit_balance",
        "phone_password_hash", "phone_password_set_at", "p_factor_locked_until",
        "preferred_payment_method", "search_folded", "created_at", "version",
    ),
    "postal_addresses": (
        "id", "customer_id", "kind", "street", "house_number", "postcode", "city", "country",
        "valid_from", "version",
    ),
    "sub_accounts": (
        "id", "customer_id", "login", "email", "may_view_invoices", "may_open_tickets",
        "may_place_orders", "may_manage_contacts", "active", "created_at", "version",
    ),
    "products": (
        "id", "customer_id", "kind", "name", "domain", "hostname", "sm_package", "active",
        "started_on", "ended_on", "version",
    ),
    "product_addresses": ("id", "product_id", "network", "family", "range_start", "range_end"),
    "sepa_mandates": (
        "id", "reference", "customer_id", "seq", "creditor_id", "account_holder", "iban",
        "bic", "signed_on", "signed_place", "recurring", "scheme", "status",
        "first_collection_on", "last_collection_on", "objection_flag", "debits_blocked",
        "created_at", "version",
    ),
    "payment_method_changes": (
        "id", "customer_id", "agent_id", "at", "old_method", "new_method", "reason", "detail",
    ),
    "contact_changes": (
        "id", "customer_id", "field", "old_value", "new_value", "agent_id", "changed_at",
        "reason",
    ),
    "invoices": (
        "id", "number", "year", "seq", "customer_id", "issued_on", "due_on", "state", "net",
        "vat", "gross", "paid_amount", "payment_method", "mandate_id", "cancels_invoice_id",
        "cancellation_reason", "created_at", "version",
    ),
    "invoice_positions": (
        "id", "invoice_id", "pos", "description", "quantity", "unit_price", "vat_rate", "net",
    ),
    "payments": (
        "id", "invoice_id", "customer_id", "received_on", "amount", "method", "reference",
    ),
    "returned_debits": (
        "id", "invoice_id", "customer_id", "mandate_id", "returned_on", "amount",
        "reason_code", "reason_text", "fee",
    ),
    "dunning_steps": (
        "id", "invoice_id", "customer_id", "level", "issued_on", "fee", "deadline",
    ),
    "tickets": (
        "id", "number", "customer_id", "subject", "state", "priority", "assignee_id",
        "created_at", "updated_at", "first_response_due", "resolution_due",
        "first_responded_at", "closed_at", "version",
    ),
    "ticket_messages": (
        "id", "ticket_id", "kind", "author_agent_id", "sub_account_id", "body", "created_at",
    ),
    "support_orders": (
        "id", "number", "ticket_id", "customer_id", "product_id", "category", "description",
        "state", "assignee_id", "submitted_by_sub_account_id", "cost_model",
        "price_per_15min", "fixed_price", "catalogue_task", "estimate_minutes",
        "cost_acknowledged_at", "dek_version", "created_at", "updated_at", "version",
    ),
    "order_consents": (
        "id", "order_id", "kind", "wording_version", "given_at", "sub_account_id",
    ),
    "time_entries": (
        "id", "order_id", "agent_id", "started_at", "ended_at", "billable", "note", "version",
    ),
    "caller_verifications": (
        "id", "customer_id", "agent_id", "at", "method", "result", "case_id",
    ),
}  # fmt: skip

_TABLES: Final = tuple(_COLUMNS)


class NotEmpty(Exception):
    """Demo data goes into an empty database only."""


# --- the entry point -------------------------------------------------------------------


def populate(
    db: Database,
    *,
    customers: int,
    kdf: KdfParams = PRODUCTION_KDF,
    seed: int = 20261122,
    progress: Progress | None = None,
    batch_size: int = 10_000,
    now: dt.datetime | None = None,
    parallel: bool | None = None,
    pin: Callable[[TrustAnchors], None] | None = None,
    vault_orders: bool = False,
    outbox_keys: Callable[[OutboxChannel, X25519PrivateKey], None] | None = None,
) -> dict[str, int]:
    """Fill an empty migrated database with demo data; returns rows created per table.

    ``progress(done, total)`` is called with customers done after every committed batch
    of ``batch_size`` customers (and once with 0 before the first); returning False
    stops there, leaving a consistent database with fewer customers. ``kdf`` seals the
    demo agents' keys (tests pass cheap parameters). ``now`` (aware) is "today" for all
    dates; by default the current time.

    ``parallel`` generates the rows in a second process while this one inserts (about
    twice as fast on two cores); by default for :data:`PARALLEL_FROM` customers or more,
    never in a frozen (PyInstaller) build. The data is the same either way.

    ``pin`` receives the demo admin's key (V-8) as soon as it exists: the workstation
    that created the database pins it (``PinnedAdminKeys``), so its desk trusts the
    certificates the admin signed. ``vault_orders`` adds the few orders with
    credentials (:mod:`~kcp_desk.services.demo_orders`, through the portal intake); their
    secrets are random, so the rest of the data stays the same for the same seed.

    ``outbox_keys`` stands in for the mail, letter and SMS systems' operators (ID-6):
    with it, the demo admin makes one certified service key per outbox channel and the
    callback receives each private half (``ServiceKeyFiles.write`` puts it under the
    data directory); without it there are no outbox keys, and nothing that carries a
    code can be queued.
    """
    if customers < 0 or batch_size < 1:
        raise ValueError("customers >= 0 and batch_size >= 1 expected")
    _check_columns()
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    with db.session_factory() as session:
        if session.scalar(select(func.count()).select_from(Agent)) or session.scalar(
            select(func.count()).select_from(Customer)
        ):
            raise NotEmpty("demo data goes into an empty database only")

    stats: dict[str, int] = dict.fromkeys(_TABLES, 0)
    staff, anchors, signing = _create_agents_and_keys(db, kdf, stats)
    if pin is not None:
        pin(anchors)
    if outbox_keys is not None:
        with db.transaction() as s:
            made = [
                (channel, create_service_key(s, signing["admin"], channel, anchors=anchors))
                for channel in OutboxChannel
            ]
        stats["outbox_keys"] = len(made)
        for channel, private in made:
            outbox_keys(channel, private)
        del made
    if progress is not None and not progress(0, customers):
        return _ordered(stats)

    plan = _Plan(
        seed=seed,
        total=customers,
        batch_size=batch_size,
        now=moment,
        staff=staff,
        postgres=db.dialect == "postgresql",
    )
    if parallel is None:
        parallel = customers >= PARALLEL_FROM and not getattr(sys, "frozen", False)
    batches = _batches_from_worker(plan) if parallel else _batches(plan)
    counters: dict[int, int] = {}
    with db.engine.connect() as conn, contextlib.closing(batches):
        sink = _PgSink(conn) if plan.postgres else _SqliteSink(conn)
        try:
            sink.prepare()
            for batch in batches:
                with conn.begin():
                    sink.begin()
                    for table in _TABLES:
                        rows = batch.rows[table]
                        if rows:
                            sink.write(table, _COLUMNS[table], rows)
                            stats[table] += len(rows)
                    sink.write_counters(batch.counters)
                    sink.sync_sequences(batch.last_ids)
                counters = batch.counters
                done = batch.done
                del batch
                if progress is not None and not progress(done, customers):
                    break
        finally:
            try:
                sink.finish()
            finally:
                sink.close()
    stats["invoice_counters"] = len(counters)
    if vault_orders and customers:
        stats["vault_orders"] = add_vault_orders(
            db,
            lead=signing["lea"],
            handlers=(signing["anna"].principal.agent_id, signing["ben"].principal.agent_id),
            anchors=anchors,
            now=moment,
        )
    return _ordered(stats)


#: From this many customers on, :func:`populate` generates rows in a second process.
PARALLEL_FROM: Final = 50_000


@dataclass(frozen=True)
class _Plan:
    """Everything the generator needs; picklable for the worker process."""

    seed: int
    total: int
    batch_size: int
    now: dt.datetime
    staff: list[tuple[int, Role, str]]
    postgres: bool


@dataclass(frozen=True)
class _Batch:
    """The rows of one batch of customers, and the counters after it."""

    done: int
    rows: dict[str, list[Row]]
    counters: dict[int, int]
    last_ids: dict[str, int]


def _batches(plan: _Plan) -> Generator[_Batch, None, None]:
    gen = _Generator(plan)
    for start in range(0, plan.total, plan.batch_size):
        stop = min(start + plan.batch_size, plan.total)
        rows = gen.batch(start, stop)
        yield _Batch(stop, rows, dict(gen.counters), dict(gen.last_ids))


def _produce(plan: _Plan, queue: Any) -> None:
    """The worker process: generate batch after batch; ``None`` ends, a str is an error.

    Batches travel as marshal bytes: rows hold only str, int, float, bool and None, and
    marshal handles those faster than pickle.
    """
    try:
        for b in _batches(plan):
            queue.put(marshal.dumps((b.done, b.rows, b.counters, b.last_ids)))
        queue.put(None)
    except BaseException:
        queue.put(traceback.format_exc())
        raise


def _batches_from_worker(plan: _Plan) -> Generator[_Batch, None, None]:
    """Batches generated by a worker process; at most two wait in the queue (memory)."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue(maxsize=2)
    worker = context.Process(target=_produce, args=(plan, queue), name="kcp-demo", daemon=True)
    worker.start()
    started = False
    try:
        while True:
            try:
                item = queue.get(timeout=1.0)
            except Empty:
                if worker.is_alive():
                    continue
                if started:
                    raise RuntimeError(
                        f"demo data worker ended unexpectedly (exit code {worker.exitcode})"
                    ) from None
                # It could not even start (e.g. a __main__ module without the
                # ``if __name__ == "__main__"`` guard that "spawn" needs): do it here.
                _log.warning("demo data worker did not start; generating in-process")
                yield from _batches(plan)
                return
            started = True
            if item is None:
                return
            if isinstance(item, str):
                raise RuntimeError(f"demo data worker failed:\n{item}")
            yield _Batch(*marshal.loads(item))  # noqa: S302 - from our own worker
    finally:
        if worker.is_alive():
            worker.terminate()
        worker.join()
        queue.close()
        queue.cancel_join_thread()


def _ordered(stats: dict[str, int]) -> dict[str, int]:
    first = ("agents", "dispatch_keys", "dispatch_key_wraps", "sla_policies")
    rest = {k: v for k, v in stats.items() if k not in first}
    return {**{k: stats.get(k, 0) for k in first}, **rest}


def _check_columns() -> None:
    """Fail early (and in the tests) when a model gains a column this module misses."""
    for table_name, columns in _COLUMNS.items():
        table = Base.metadata.tables[table_name]
        unknown = set(columns) - set(table.c.keys())
        needed = {
            c.name
            for c in table.c
            if not c.nullable and c.server_default is None and c.name not in columns
        }
        if unknown or needed:
            raise RuntimeError(f"demo columns of {table_name}: unknown {unknown}, missing {needed}")


def _create_agents_and_keys(
    db: Database, kdf: KdfParams, stats: dict[str, int]
) -> tuple[list[tuple[int, Role, str]], TrustAnchors, dict[str, AgentSession]]:
    """Demo agents certified by the demo admin, dispatch key version 1 wrapped to each
    lead, and the SLA table; the anchors are the admin's key for the caller to pin."""
    with db.transaction() as session:
        provisioned = [
            provision_agent(
                session,
                username=a.username,
                display_name=a.display_name,
                role=Role(a.role),
                passphrase=a.passphrase,
                kdf=kdf,
            )
            for a in DEMO_AGENTS
        ]
        agents = [a for a, _ in provisioned]
        anchors, _ = set_up_team(session, provisioned)
        signing = {a.username: signing_session(a, k) for a, k in provisioned}
        leads = [a for a in agents if a.role == Role.LEAD]
        for package, by_priority in SLA_MINUTES.items():
            for priority, (first, resolution) in by_priority.items():
                session.add(
                    SlaPolicy(
                        sm_package=package,
                        priority=priority,
                        first_response_minutes=first,
                        resolution_minutes=resolution,
                    )
                )
        stats.update(
            agents=len(agents),
            dispatch_keys=1,
            dispatch_key_wraps=len(leads),
            sla_policies=sum(len(v) for v in SLA_MINUTES.values()),
        )
        return [(a.id, a.role, a.display_name) for a in agents], anchors, signing


# --- writing: executemany on SQLite, COPY on PostgreSQL --------------------------------


class _SqliteSink:
    """Bulk inserts through sqlite3's executemany on the SQLAlchemy connection.

    During the load this connection runs with ``synchronous=OFF`` and a bigger page
    cache, and enforces neither foreign keys nor CHECK constraints (a third of the insert
    time; the generator writes valid rows, which the tests confirm with ``PRAGMA
    foreign_key_check`` and ``integrity_check``, and PostgreSQL enforces everything).
    It is invalidated afterwards, so the pool never hands these settings out.

    Triggers that keep an FTS5 index up to date (the customer search, migration 0002)
    are suspended during the load and each FTS5 table is rebuilt at the end: a million
    trigger calls cost 65 s, one ``'rebuild'`` 16 s. Other triggers stay active.
    """

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._raw: Any = conn.connection.driver_connection
        self._suspended: list[tuple[str, str]] = []  # (trigger, its SQL)
        self._fts: list[str] = []

    def prepare(self) -> None:
        self._conn.commit()
        for pragma in (
            "synchronous=OFF",
            "cache_size=-524288",  # KiB
            "temp_store=MEMORY",
            "foreign_keys=OFF",
            "ignore_check_constraints=ON",
        ):
            self._raw.execute(f"PRAGMA {pragma}")
        self._fts = [
            name
            for name, sql in self._raw.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE "
                "'CREATE VIRTUAL TABLE%'"
            )
            if "fts5" in sql.lower()
        ]
        fed: set[str] = set()
        for name, table, sql in self._raw.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        ).fetchall():
            targets = {
                fts
                for fts in self._fts
                if re.search(rf'\binto\s+"?{re.escape(fts)}\b', sql, re.IGNORECASE)
            }
            if table in _COLUMNS and targets:
                self._raw.execute(f'DROP TRIGGER "{name}"')
                self._suspended.append((name, sql))
                fed |= targets
        self._fts = sorted(fed)
        self._raw.commit()

    def begin(self) -> None:
        pass

    def write(self, table: str, columns: Sequence[str], rows: list[Row]) -> None:
        marks = ", ".join("?" * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608
        self._raw.executemany(sql, rows)

    def write_counters(self, counters: dict[int, int]) -> None:
        self._raw.executemany(
            "INSERT INTO invoice_counters (year, last_seq) VALUES (?, ?) "
            "ON CONFLICT (year) DO UPDATE SET last_seq = excluded.last_seq",
            sorted(counters.items()),
        )

    def sync_sequences(self, last_ids: dict[str, int]) -> None:
        pass  # INTEGER PRIMARY KEY continues after the highest rowid

    def finish(self) -> None:
        """Triggers back, FTS5 tables rebuilt (also after an error), statistics."""
        self._raw.rollback()
        if self._suspended:
            for _, sql in self._suspended:
                self._raw.execute(sql)
            for fts in self._fts:
                rebuild = f'INSERT INTO "{fts}" ("{fts}") VALUES (\'rebuild\')'  # noqa: S608
                self._raw.execute(rebuild)
            self._raw.commit()
            self._suspended = []
        self._raw.execute("PRAGMA analysis_limit=1000")
        self._raw.execute("ANALYZE")
        self._raw.commit()
        self._raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        self._conn.invalidate()


class _PgSink:
    """Bulk inserts through psycopg's COPY on the SQLAlchemy connection.

    As the PostgreSQL manual advises for bulk loads ("Populating a Database"), the
    tables' foreign keys and non-unique indexes (the trigram GIN index among them) are
    dropped first and created again at the end (also after an error or a cancel):
    one validating join per foreign key and one sort per index instead of a lookup and
    an index update per row.
    """

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._raw: Any = conn.connection.driver_connection
        self._indexes: list[tuple[str, str]] = []  # (name, CREATE INDEX …)
        self._foreign_keys: list[tuple[str, str, str]] = []  # (table, name, definition)
        self._owner = False

    def prepare(self) -> None:
        tables = list(_TABLES)
        with self._conn.begin():
            self._owner = bool(
                self._raw.execute(
                    "SELECT pg_has_role(current_user, relowner, 'USAGE') FROM pg_class "
                    "WHERE oid = 'customers'::regclass"
                ).fetchone()[0]
            )
            if not self._owner:
                # the desks' role owns nothing (A-3): it loads row by row into the indexes
                return
            foreign_keys = self._raw.execute(
                "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) "
                "FROM pg_constraint c WHERE c.contype = 'f' "
                "AND c.connamespace = current_schema()::regnamespace "
                "AND c.conrelid::regclass::text = ANY(%s) ORDER BY 1, 2",
                (tables,),
            ).fetchall()
            indexes = self._raw.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i "
                "WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s) "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) "
                "ORDER BY i.indexname",
                (tables,),
            ).fetchall()
            for table, name, _ in foreign_keys:
                self._raw.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
            for name, _ in indexes:
                self._raw.execute(f'DROP INDEX "{name}"')
        # only what is really gone is created again by finish()
        self._foreign_keys, self._indexes = foreign_keys, indexes

    def begin(self) -> None:
        self._raw.execute("SET LOCAL synchronous_commit = off")

    def write(self, table: str, columns: Sequence[str], rows: list[Row]) -> None:
        with (
            self._raw.cursor() as cursor,
            cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            write_row = copy.write_row
            for row in rows:
                write_row(row)

    def write_counters(self, counters: dict[int, int]) -> None:
        with self._raw.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO invoice_counters (year, last_seq) VALUES (%s, %s) "
                "ON CONFLICT (year) DO UPDATE SET last_seq = excluded.last_seq",
                sorted(counters.items()),
            )

    def sync_sequences(self, last_ids: dict[str, int]) -> None:
        """Ids were given explicitly: move each serial sequence past them."""
        with self._raw.cursor() as cursor:
            for table, last in last_ids.items():
                if last:
                    cursor.execute(
                        "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", (table, last)
                    )

    def finish(self) -> None:
        """Indexes and foreign keys back (also after an error), then statistics."""
        self._raw.rollback()
        with self._conn.begin():
            self._raw.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for _, sql in self._indexes:
                self._raw.execute(sql)
            for table, name, definition in self._foreign_keys:
                self._raw.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
        self._indexes = []
        self._foreign_keys = []
        if self._owner:  # only the owner may ANALYZE
            self._raw.execute("ANALYZE")
        self._raw.commit()

    def close(self) -> None:
        pass


# --- value pools, built once per run ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Word:
    """A pool entry: as written, folded for search, and as a domain/e-mail slug."""

    text: str
    folded: str
    slug: str


def _word(text: str) -> _Word:
    folded = fold(text)
    slug = "".join(ch if ch.isalnum() else "-" for ch in folded).strip("-")
    while "--" in slug:
        slug = slug.replace("--", "-")
    return _Word(text, folded, slug)


def _weighted(*pairs: tuple[T, int]) -> tuple[T, ...]:
    """A tuple with each item repeated by its weight: ``t[int(random() * len(t))]``."""
    return tuple(item for item, weight in pairs for _ in range(weight))


_COMMON_STREETS: Final = (
    "Hauptstraße", "Schulstraße", "Gartenstraße", "Bahnhofstraße", "Dorfstraße",
    "Bergstraße", "Birkenweg", "Lindenstraße", "Kirchstraße", "Waldstraße", "Ringstraße",
    "Schillerstraße", "Goethestraße", "Mühlenweg", "Jahnstraße", "Wiesenweg", "Am Sportplatz",
    "Rosenstraße", "Mozartstraße", "Feldstraße", "Friedrich-Ebert-Straße", "Blumenstraße",
    "Lessingstraße", "Brückenstraße", "Beethovenstraße", "Amselweg", "Tulpenweg",
    "Königsallee", "Am Mühlbach", "Jägerweg", "Lärchenweg", "Grüner Weg", "Fröbelstraße",
    "Ölmühlenweg", "Über den Höfen", "Schloßallee", "Große Straße", "Weißdornweg",
    "Käthe-Kollwitz-Straße", "Zur Mühle", "Marktplatz", "Münchener Straße", "Kölner Straße",
    "Düsseldorfer Straße", "Hölderlinweg", "Am Hülsenbusch", "Gänseweg", "Fährstraße",
    "Straße des 17. Juni", "Karl-Marx-Allee", "Heinrich-Heine-Straße", "Löwenstraße",
)  # fmt: skip

_BIG_CITIES: Final = (
    "Berlin", "Hamburg", "München", "Köln", "Frankfurt am Main", "Stuttgart", "Düsseldorf",
    "Leipzig", "Dortmund", "Essen", "Bremen", "Dresden", "Hannover", "Nürnberg", "Duisburg",
    "Bochum", "Wuppertal", "Bielefeld", "Bonn", "Münster", "Mönchengladbach", "Göttingen",
    "Würzburg", "Saarbrücken", "Lübeck", "Osnabrück", "Fürth", "Tübingen",
)  # fmt: skip

_FOREIGN_CITIES: Final = (
    ("AT", "Wien", "1"), ("AT", "Graz", "8"), ("AT", "Salzburg", "5"),
    ("CH", "Zürich", "8"), ("CH", "Bern", "3"), ("CH", "Basel", "4"),
)  # fmt: skip

# (branch, used as prefix: "Autohaus Köhler" rather than "Köhler Bau")
_BRANCHES: Final = (
    ("Bau", False), ("Elektrotechnik", False), ("Immobilien", False), ("Consulting", False),
    ("Software", False), ("Medien", False), ("Gartenbau", False), ("Metallbau", False),
    ("Sanitärtechnik", False), ("Logistik", False), ("IT-Service", False),
    ("Steuerberatung", False), ("Haustechnik", False), ("Holzbau", False),
    ("Webdesign", False), ("Marketing", False), ("Events", False), ("Transporte", False),
    ("Objektservice", False), ("Energietechnik", False), ("Kältetechnik", False),
    ("Messebau", False), ("Fotografie", False), ("Architektur", False), ("Dachbau", False),
    ("Autohaus", True), ("Bäckerei", True), ("Metzgerei", True), ("Gärtnerei", True),
    ("Fahrschule", True), ("Reisebüro", True), ("Brauerei", True), ("Druckerei", True),
    ("Tischlerei", True), ("Schreinerei", True), ("Malerbetrieb", True), ("Weinhandel", True),
    ("Blumenhaus", True), ("Optik", True), ("Modehaus", True), ("Buchhandlung", True),
)  # fmt: skip

_FANTASY: Final = (
    "Nordlicht", "Alpenblick", "Rheinwerk", "Elbufer", "Sonnenhof", "Isartal", "Mainblick",
    "Spreewerk", "Weserland", "Bergblick", "Lindenhof", "Grünwerk", "Ostseeblick",
    "Schwarzwald", "Taunus", "Havelland", "Mühlbach", "Fünfseen", "Süderelbe", "Kräuterhof",
)  # fmt: skip

_LEGAL_FORMS: Final = _weighted(
    ("GmbH", 40), ("UG (haftungsbeschränkt)", 12), ("e.K.", 14), ("GbR", 10), ("KG", 5),
    ("GmbH & Co. KG", 12), ("AG", 4), ("OHG", 3),
)  # fmt: skip

_MAIL_PROVIDERS: Final = _weighted(
    ("web.de", 20), ("gmx.de", 20), ("t-online.de", 12), ("gmail.com", 18),
    ("outlook.de", 6), ("posteo.de", 4), ("freenet.de", 4), ("mailbox.org", 3),
    ("icloud.com", 5), ("yahoo.de", 3), ("gmx.net", 5),
)  # fmt: skip

_TLDS: Final = _weighted(
    (".de", 74), (".com", 8), (".net", 3), (".eu", 4), (".online", 3), (".shop", 2),
    (".berlin", 1), (".bayern", 1), (".koeln", 1), (".hamburg", 1), (".info", 2),
)  # fmt: skip

_COMPANY_MAILBOXES: Final = ("info", "kontakt", "buchhaltung", "office", "mail", "service")

# Area codes (without the trunk 0) of German cities; the valid subscriber lengths of each
# are found with phonenumbers when the pools are built.
_AREA_CODES: Final = (
    "30", "40", "69", "89", "221", "211", "711", "231", "201", "421", "341", "351", "511",
    "911", "203", "234", "202", "521", "228", "251", "611", "621", "721", "761", "241",
    "381", "331", "361", "391", "345", "431", "441", "451", "461", "471", "481", "531",
    "541", "551", "561", "571", "581", "631", "641", "651", "661", "671", "681", "731",
    "741", "751", "771", "781", "821", "831", "841", "851", "861", "871", "921", "931",
    "941", "951", "961", "971", "981", "991", "3581", "4101", "6151", "7031", "8031",
    "2151", "2161", "6221", "7071", "9131", "5121", "4131", "2631", "3342", "8141",
)  # fmt: skip
_MOBILE_PREFIXES: Final = (
    "151", "152", "157", "159", "160", "162", "163", "170", "171", "172", "173", "174",
    "175", "176", "177", "178", "179",
)  # fmt: skip


def _phone_notation(style: int, area: str, sub: str) -> str:
    """The same number the way people write it (C1.1: any notation is found)."""
    if style == 0:
        return f"0{area} {sub}"
    if style == 1:
        return f"0{area}/{sub}"
    if style == 2:
        return f"(0{area}) {sub}"
    if style == 3:
        return f"+49 {area} {sub}"
    if style == 4:
        return f"+49 (0){area} {sub}"
    if style == 5:
        return f"0049 {area} {sub}"
    if style == 6:
        groups = " ".join(sub[i : i + 2] for i in range(0, len(sub), 2))
        return f"0{area} {groups}"
    if style == 7:
        return f"0{area}-{sub}"
    if style == 8:
        return f"+49{area}{sub}"
    return f"+49 {area} {sub[:-2]}-{sub[-2:]}"  # DIN 5008 with extension


_PHONE_STYLES: Final = 10


class _Pools:
    """Names, places, companies, banks and phone plans; built once per run."""

    def __init__(self, seed: int) -> None:
        from faker import Faker  # slow import, needed only here

        fake = Faker("de_DE")
        fake.seed_instance(seed)
        rnd = random.Random(seed)

        def unique(make: Callable[[], str], n: int) -> list[_Word]:
            return [_word(t) for t in dict.fromkeys(make() for _ in range(n))]

        self.female = unique(fake.first_name_female, 4000)
        self.male = unique(fake.first_name_male, 4000)
        # Faker's list has a few entries like "Dussen van"; keep plain surnames only
        last = [w for w in unique(fake.last_name, 4000) if " " not in w.text]
        # some double names, as they are common in Germany
        doubles = [_word(f"{rnd.choice(last).text}-{rnd.choice(last).text}") for _ in range(300)]
        self.last = last + doubles
        self.last_plain = last
        faker_streets = unique(fake.street_name, 3000)
        self.streets = [s.text for s in faker_streets] + list(_COMMON_STREETS) * 20
        cities = unique(fake.city, 3000)
        self.cities = cities + [_word(c) for c in _BIG_CITIES] * 12
        self.foreign = [(cc, _word(city), digit) for cc, city, digit in _FOREIGN_CITIES]
        self.branches = [(_word(b), prefix) for b, prefix in _BRANCHES]
        self.fantasy = [_word(f) for f in _FANTASY]
        self.legal_forms = tuple(dict.fromkeys(_LEGAL_FORMS))
        self.legal = {f: _word(f) for f in self.legal_forms}
        self.banks = self._banks(rnd)
        self.landline = self._plans(_AREA_CODES, rnd)
        self.mobile = self._plans(_MOBILE_PREFIXES, rnd)

    @staticmethod
    def _banks(rnd: random.Random) -> list[tuple[str, str]]:
        """(Bankleitzahl, BIC) of real German banks, so schwifty derives the same BIC."""
        from schwifty.registry import get_banks_by_country

        banks = sorted(
            {(b.bank_code, b.bic) for b in get_banks_by_country("DE") if b.primary and b.bic}
        )
        rnd.shuffle(banks)
        return banks[:400]

    @staticmethod
    def _plans(prefixes: Sequence[str], rnd: random.Random) -> list[tuple[str, int]]:
        """(prefix, subscriber length) pairs phonenumbers accepts as valid numbers.

        Subscriber numbers make 10 or 11 digits with the prefix (9 or 10 after a
        two-digit area code such as Berlin's 30), as most German numbers have.
        """
        import phonenumbers

        plans = []
        for prefix in prefixes:
            shortest = 10 - len(prefix) - (len(prefix) == 2)
            for length in (shortest, shortest + 1):
                low = 2 * 10 ** (length - 1)
                if all(
                    phonenumbers.is_valid_number(
                        phonenumbers.parse(f"+49{prefix}{rnd.randrange(low, 10**length)}")
                    )
                    for _ in range(25)
                ):
                    plans.append((prefix, length))
        if not plans:
            raise RuntimeError("no valid German phone number plan found")
        return plans


# --- text templates --------------------------------------------------------------------

# (subject, customer's message, agent's reply, internal note); {domain} is filled in.
_TOPICS: Final = (
    (
        "Website {domain} nicht erreichbar",
        "seit heute Morgen ist {domain} nicht mehr erreichbar, es kommt nur „503 Service "
        "Unavailable“. Bitte prüfen Sie das dringend, unsere Kunden können nicht bestellen.",
        "der PHP-Prozess für {domain} hing, wir haben ihn neu gestartet. Die Seite ist "
        "wieder erreichbar – bitte prüfen Sie es kurz auf Ihrer Seite.",
        "PHP-FPM-Pool voll (max_children). Limit erhöht, beobachten.",
    ),
    (
        "Postfach info@{domain} voll",
        "unser Postfach info@{domain} nimmt keine E-Mails mehr an. Können Sie den "
        "Speicherplatz erhöhen?",
        "wir haben das Postfach auf 10 GB erweitert. Ältere Mails können Sie auch "
        "archivieren, eine Anleitung finden Sie in der Hilfe.",
        "Kunde hat Tarif mit 5 GB, Upgrade kostenpflichtig angeboten.",
    ),
    (
        "Frage zur letzten Rechnung",
        "auf der letzten Rechnung ist eine Position doppelt aufgeführt. Bitte um Prüfung "
        "und ggf. Korrektur.",
        "Sie haben recht, die Position wurde doppelt berechnet. Wir haben eine "
        "Stornorechnung erstellt, der Betrag wird verrechnet.",
        "Doppelte Abrechnung nach Tarifwechsel, Storno veranlasst.",
    ),
    (
        "SSL-Zertifikat für {domain} abgelaufen",
        "der Browser meldet bei {domain}, dass das Zertifikat abgelaufen ist. Was muss ich tun?",
        "die automatische Verlängerung war fehlgeschlagen, weil der DNS-Eintrag nicht auf "
        "uns zeigte. Das Zertifikat ist jetzt erneuert.",
        "Let's-Encrypt-Challenge schlug fehl (AAAA-Record extern).",
    ),
    (
        "Umzug der Domain {domain}",
        "wir möchten {domain} zu Ihnen umziehen. Den Auth-Code haben wir bereits vom alten "
        "Anbieter erhalten.",
        "bitte tragen Sie den Auth-Code im Kundenportal unter „Domains“ ein, der Umzug "
        "startet dann automatisch.",
        "Kunde fragt nach Umzug ohne Ausfall – DNS vorher spiegeln.",
    ),
    (
        "Plesk-Login funktioniert nicht",
        "ich komme nicht mehr in Plesk, das Passwort wird abgelehnt.",
        "Sie können das Plesk-Passwort im Kundenportal selbst zurücksetzen. Aus "
        "Sicherheitsgründen können wir Passwörter nicht am Telefon nennen.",
        "Kein Sperrvermerk, Login-Versuche aus DE. Auf Portal-Reset verwiesen.",
    ),
    (
        "Lastschrift zurückgegangen",
        "meine Bank hat die Lastschrift zurückgegeben, weil das Konto gewechselt hat. Wie "
        "kann ich die neue Bankverbindung angeben?",
        "bitte erteilen Sie im Kundenportal ein neues SEPA-Mandat, den offenen Betrag "
        "ziehen wir dann erneut ein.",
        "Rücklastschrift AC04, Mandat ungültig. Neues Mandat abwarten.",
    ),
    (
        "DNS-Eintrag für {domain} ändern",
        "bitte setzen Sie für {domain} einen MX-Eintrag auf unseren neuen Mailserver.",
        "den MX-Eintrag können Sie im Kundenportal unter „DNS“ selbst anlegen. Wir haben "
        "ihn diesmal für Sie gesetzt.",
        "MX auf externen Anbieter gesetzt, SPF-Hinweis gegeben.",
    ),
    (
        "Backup wiederherstellen",
        "wir haben versehentlich Dateien gelöscht. Können Sie das Backup von gestern einspielen?",
        "das Backup von gestern 03:00 Uhr ist wiederhergestellt. Bitte prüfen Sie, ob "
        "alles vollständig ist.",
        "Restore aus Snapshot, ca. 4 GB, keine Auffälligkeiten.",
    ),
    (
        "Server sehr langsam",
        "unser Server reagiert seit gestern extrem langsam, auch SSH braucht Minuten.",
        "ein Prozess hat den Arbeitsspeicher ausgelastet. Wir haben ihn beendet, die "
        "Auslastung ist wieder normal.",
        "OOM durch Cronjob des Kunden; Hinweis auf Speicherlimit gegeben.",
    ),
    (
        "Kündigung zum Vertragsende",
        "hiermit kündige ich meinen Vertrag fristgerecht zum nächstmöglichen Termin.",
        "wir bestätigen die Kündigung zum Ende der Vertragslaufzeit. Schade, dass Sie "
        "gehen – Ihre Daten können Sie bis dahin sichern.",
        "Rückgewinnung versucht, Kunde lehnt ab.",
    ),
    (
        "Spam von meiner Adresse?",
        "Bekannte bekommen Spam-Mails, die angeblich von meiner Adresse bei {domain} "
        "kommen. Wurde ich gehackt?",
        "der Absender ist gefälscht, die Mails kamen nicht über unsere Server. Wir "
        "empfehlen einen SPF- und DMARC-Eintrag, den haben wir vorbereitet.",
        "Keine Auffälligkeiten im Mail-Log. SPF/DMARC angelegt.",
    ),
    (
        "Upgrade auf größeren Tarif",
        "unsere Seite wächst, wir brauchen mehr Speicher. Welcher Tarif passt?",
        "wir empfehlen den nächstgrößeren Tarif, der Wechsel ist jederzeit im "
        "Kundenportal möglich und wird anteilig berechnet.",
        "Upsell-Chance, Angebot geschickt.",
    ),
    (
        "WordPress-Update fehlgeschlagen",
        "nach dem WordPress-Update auf {domain} sehe ich nur noch eine weiße Seite.",
        "ein Plugin war nicht mit der neuen Version kompatibel. Wir haben es deaktiviert, "
        "die Seite läuft wieder.",
        "Fatal error in Plugin, per WP-CLI deaktiviert.",
    ),
)

_THANKS: Final = (
    "vielen Dank, jetzt funktioniert alles wieder!",
    "danke für die schnelle Hilfe.",
    "super, danke! Dann ist das für uns erledigt.",
    "ich habe noch eine Rückfrage: Gilt das auch für die anderen Domains?",
)

_EXTRA_POSITIONS: Final = (
    ("Zusätzliches E-Mail-Postfach", 1188, 3),
    ("SSL-Zertifikat Wildcard", 5988, 1),
    ("Zusätzliche IPv4-Adresse", 1800, 2),
    ("Backup-Speicher 100 GB", 2388, 1),
    ("Einrichtungsgebühr", 1900, 1),
)

_CANCELLATION_REASONS: Final = (
    "Doppelte Abrechnung nach Tarifwechsel",
    "Rechnungsanschrift falsch, Rechnung wird neu ausgestellt",
    "Kulanz nach Serverausfall",
    "Vertrag vor Rechnungsstellung gekündigt",
    "Falscher Tarif berechnet",
)

_ORDER_REPLY: Final = (
    "vielen Dank für Ihren Auftrag. Wir haben ihn geprüft und melden uns, sobald er "
    "erledigt ist. Den Stand sehen Sie jederzeit im Kundenportal."
)
_ORDER_NOTE: Final = "Start-Gate geprüft, Zugangsdaten liegen im Tresor."

# (category, description, catalogue task or None for hourly work, fixed price in cents)
_ORDER_TASKS: Final = (
    ("Software-Update", "Bitte aktualisieren Sie Plesk und alle Pakete auf den aktuellen "
     "Stand. Ein Backup von heute Nacht liegt vor.", "Plesk-Update", 8900),
    ("Konfiguration", "Bitte stellen Sie die PHP-Version aller Seiten auf 8.3 um.",
     "PHP-Version umstellen", 4900),
    ("Sicherheit", "Bitte richten Sie fail2ban und eine Firewall ein, nur SSH und HTTPS "
     "sollen offen sein.", "Server-Härtung", 24900),
    ("Migration", "Bitte ziehen Sie unsere MariaDB-Datenbank vom alten Server um. Die "
     "Zugangsdaten stehen im Auftrag.", "Datenbank-Migration", 14900),
    ("Fehleranalyse", "Der MySQL-Dienst startet nach dem Neustart nicht mehr, bitte "
     "analysieren und beheben.", None, 0),
    ("Backup & Restore", "Bitte spielen Sie das Backup vom Vortag zurück, ein Update hat "
     "den Shop beschädigt.", "Backup-Wiederherstellung", 6900),
    ("Performance", "Der Server ist seit dem letzten Update sehr langsam, bitte "
     "analysieren und optimieren.", None, 0),
    ("SSL", "Bitte richten Sie Let's-Encrypt-Zertifikate für alle Domains ein.",
     "SSL-Zertifikat einrichten", 3900),
)  # fmt: skip

_SUB_ACCOUNT_ROLES: Final = (
    # login suffix, view invoices, open tickets, place orders, manage contacts
    ("buchhaltung", True, False, False, False),
    ("technik", False, True, True, False),
    ("it", True, True, True, False),
    ("assistenz", True, True, False, True),
    ("web", False, True, False, False),
)

# --- enum values as plain strings ------------------------------------------------------
# The hot loops store and compare these: enum member access and hashing cost more than
# the rest of a row, and psycopg would dump an Enum by its *name*.

_PERSON, _COMPANY = CustomerKind.PERSON.value, CustomerKind.COMPANY.value
_BILLING, _CONTRACT = AddressKind.BILLING.value, AddressKind.CONTRACT.value
_SEPA: Final = PaymentMethod.SEPA_DIRECT_DEBIT.value
_TRANSFER: Final = PaymentMethod.BANK_TRANSFER.value
_OPEN: Final = InvoiceState.OPEN.value
_OVERDUE: Final = InvoiceState.OVERDUE.value
_PARTLY_PAID: Final = InvoiceState.PARTLY_PAID.value
_PAID: Final = InvoiceState.PAID.value
_CANCELLED: Final = InvoiceState.CANCELLED.value
_CREDITED: Final = InvoiceState.CREDITED.value
_RETURNED: Final = InvoiceState.RETURNED_DEBIT.value
_UNPAID: Final = frozenset({_OVERDUE, _PARTLY_PAID, _RETURNED})
_ACTIVE: Final = MandateStatus.ACTIVE.value
_REVOKED: Final = MandateStatus.REVOKED.value
_EXPIRED: Final = MandateStatus.EXPIRED.value
_NEW, _T_OPEN = TicketState.NEW.value, TicketState.OPEN.value
_PENDING, _CLOSED = TicketState.PENDING_CUSTOMER.value, TicketState.CLOSED.value
_CUSTOMER_MSG: Final = MessageKind.CUSTOMER.value
_REPLY: Final = MessageKind.REPLY.value
_NOTE: Final = MessageKind.INTERNAL_NOTE.value
_NO_SM: Final = SmPackage.NONE.value
_DOMAIN: Final = ProductKind.DOMAIN.value

_PAYMENT_PICK: Final = _weighted(
    (_SEPA, 40), (_TRANSFER, 35), (PaymentMethod.CREDIT_CARD.value, 12),
    (PaymentMethod.PAYPAL.value, 13),
)  # fmt: skip
_PAYMENT_LABEL: Final = {
    PaymentMethod.CREDIT_CARD.value: "Kreditkarte",
    PaymentMethod.PAYPAL.value: "PayPal",
}
_RETURN_PICK: Final = _weighted(*(((code, text), w) for code, text, w in RETURN_REASONS))
#: PAY-2 as (level, days after the anchor, fee in cents, days to pay, blocks services)
_LADDER: Final = tuple(
    (
        rule.stage.value,
        rule.after_days,
        to_cents(rule.fee),
        rule.pay_within_days,
        rule.blocks_services,
    )
    for rule in DUNNING_LADDER
)
_SLA: Final = {
    (package.value, priority.value): minutes
    for package, by_priority in SLA_MINUTES.items()
    for priority, minutes in by_priority.items()
}

_TIERS: Final[dict[str, tuple[tuple[str, int], ...]]] = {
    ProductKind.WEBHOSTING.value: (
        ("Webhosting Starter", 4788), ("Webhosting Basic", 8388),
        ("Webhosting Business", 14388), ("Webhosting Pro", 23988),
    ),
    ProductKind.VSERVER.value: (
        ("vServer S", 11988), ("vServer M", 23988), ("vServer L", 47988), ("vServer XL", 95988),
    ),
    ProductKind.DEDICATED.value: (
        ("Dedicated Server DX-16", 71988), ("Dedicated Server DX-32", 107988),
        ("Dedicated Server DX-64", 155988), ("Dedicated Server DX-128", 239988),
    ),
    ProductKind.MANAGED.value: (
        ("Managed Server M", 179988), ("Managed Server L", 287988),
        ("Managed Server XL", 431988),
    ),
    _DOMAIN: (("Domain", 1188),),
}  # fmt: skip
_HOST_PREFIX: Final = {
    ProductKind.VSERVER.value: "v",
    ProductKind.DEDICATED.value: "s",
    ProductKind.MANAGED.value: "m",
}
#: demo server addresses (``_Generator.server_addresses``): odd multipliers, so that
#: ``id * mix mod 2**bits`` is a bijection
_IP_MIX_V4: Final = 0x9E3779B1
_IP_MIX_V6: Final = 0x85EBCA6B
_IP_MASK_V4: Final = (1 << 21) - 1  # /29 blocks in 10.0.0.0/8
_IP_MASK_V6: Final = (1 << 31) - 1  # /64 subnets in 2001:db8::/32 (first group >= 0x8000)
_IP_NET_V4: Final = 10 << 24
_IP_NET_V6: Final = 0x20010DB8 << 96
_IP_HOST_V6: Final = (1 << 64) - 1


def _dotted(address: int) -> str:
    return f"{address >> 24}.{address >> 16 & 255}.{address >> 8 & 255}.{address & 255}"


_KIND_PICK: Final = _weighted(
    (ProductKind.WEBHOSTING.value, 40), (_DOMAIN, 25), (ProductKind.VSERVER.value, 17),
    (ProductKind.DEDICATED.value, 10), (ProductKind.MANAGED.value, 8),
)  # fmt: skip
_SM_PICK: Final[dict[str, tuple[str, ...]]] = {
    ProductKind.WEBHOSTING.value: _weighted((_NO_SM, 92), (SmPackage.BASIC.value, 8)),
    _DOMAIN: (_NO_SM,),
    ProductKind.VSERVER.value: _weighted(
        (_NO_SM, 40), (SmPackage.BASIC.value, 30), (SmPackage.PRO.value, 20),
        (SmPackage.PREMIUM.value, 10),
    ),
    ProductKind.DEDICATED.value: _weighted(
        (_NO_SM, 30), (SmPackage.BASIC.value, 30), (SmPackage.PRO.value, 25),
        (SmPackage.PREMIUM.value, 15),
    ),
    ProductKind.MANAGED.value: _weighted((SmPackage.PRO.value, 50), (SmPackage.PREMIUM.value, 50)),
}  # fmt: skip
_SM_RANK: Final = {p.value: i for i, p in enumerate(SmPackage)}
_SM_POSITION: Final = {
    SmPackage.BASIC.value: ("Systems-Management Basic (12 Monate)", 35988),
    SmPackage.PRO.value: ("Systems-Management Pro (12 Monate)", 95988),
    SmPackage.PREMIUM.value: ("Systems-Management Premium (12 Monate)", 191988),
}
_PRICE_PER_15MIN: Final = {
    SmPackage.NONE.value: 35.0,
    SmPackage.BASIC.value: 29.75,
    SmPackage.PRO.value: 24.75,
    SmPackage.PREMIUM.value: 19.75,
}

_TICKET_COUNTS: Final = _weighted((0, 35), (1, 40), (2, 15), (3, 10))
_TICKET_STATES: Final = _weighted((_CLOSED, 55), (_T_OPEN, 15), (_PENDING, 15), (_NEW, 15))
_ALL_TICKET_STATES: Final = tuple(s.value for s in TicketState)
#: Tickets that are not closed were opened at most this many days ago.
_TICKET_AGE_DAYS: Final = {_NEW: 2, _T_OPEN: 10, _PENDING: 21}
_PRIORITIES: Final = _weighted(
    (TicketPriority.LOW.value, 20), (TicketPriority.NORMAL.value, 55),
    (TicketPriority.HIGH.value, 18), (TicketPriority.URGENT.value, 7),
)  # fmt: skip
_ALL_ORDER_STATES: Final = tuple(s.value for s in OrderState)
_ORDER_STATES: Final = _weighted(
    *zip(_ALL_ORDER_STATES, (10, 10, 5, 5, 8, 12, 15, 25, 5, 5), strict=True)
)
_ORDER_TICKET_STATE: Final = {
    OrderState.RECEIVED.value: _NEW,
    OrderState.IN_REVIEW.value: _T_OPEN,
    OrderState.QUERY.value: _PENDING,
    OrderState.COST_APPROVAL.value: _PENDING,
    OrderState.APPROVED.value: _T_OPEN,
    OrderState.IN_PROGRESS.value: _T_OPEN,
    OrderState.DONE.value: _CLOSED,
    OrderState.BILLED.value: _CLOSED,
    OrderState.REJECTED.value: _CLOSED,
    OrderState.CANCELLED.value: _CLOSED,
}
_UNASSIGNED_ORDER: Final = frozenset({OrderState.RECEIVED.value})
_EXITS: Final = frozenset({OrderState.REJECTED.value, OrderState.CANCELLED.value})
_ACKNOWLEDGED: Final = frozenset(
    s.value for s in (OrderState.APPROVED, OrderState.IN_PROGRESS, OrderState.DONE,
                      OrderState.BILLED)
)  # fmt: skip
_EARLY: Final = frozenset(
    s.value for s in (OrderState.RECEIVED, OrderState.IN_REVIEW, OrderState.QUERY)
)
_IN_PROGRESS: Final = OrderState.IN_PROGRESS.value
_WORKED: Final = _ACKNOWLEDGED - {OrderState.APPROVED.value}
_CONSENTS: Final = tuple(k.value for k in ConsentKind)

_DAY: Final = 86_400
_EPOCH_ORDINAL: Final = dt.date(1970, 1, 1).toordinal()
_FIRST_INVOICE_YEAR: Final = 2024
_PAYMENT_TERM_DAYS: Final = 14


def _day(date: dt.date) -> int:
    """Days since 1970-01-01."""
    return date.toordinal() - _EPOCH_ORDINAL


def _tld(r: Callable[[], float]) -> str:
    return _TLDS[int(r() * len(_TLDS))]


class _Invoice:
    """An invoice before it gets its number: numbers follow the issue date per year."""

    __slots__ = (
        "cancels", "created", "customer", "customer_number", "day", "dunning", "gross", "id",
        "k", "mandate", "method", "net", "paid", "payments", "positions", "reason",
        "returned", "state", "vat", "year",
    )  # fmt: skip

    def __init__(
        self,
        customer: int,
        customer_number: str,
        year: int,
        day: int,
        k: int,
        positions: list[tuple[str, int, int]],
        method: str,
        mandate: _Mandate | None,
        created: int,
    ) -> None:
        self.customer = customer
        self.customer_number = customer_number
        self.year = year
        self.day = day
        self.k = k  # orders a customer's invoices of one day
        self.positions = positions  # (description, quantity, unit price in cents)
        net = 0
        for _, quantity, price in positions:
            net += quantity * price
        self.net = net
        self.vat = (net * 19 + 50) // 100 if net >= 0 else -((-net * 19 + 50) // 100)
        self.gross = net + self.vat
        self.method = method
        self.mandate = mandate
        self.created = created
        self.state = _PAID
        self.paid = 0
        self.payments: list[tuple[int, int]] = []  # (day, cents)
        self.returned: tuple[int, str, str, int] | None = None  # (day, code, text, fee)
        self.dunning: list[tuple[str, int, int, int | None]] = []
        self.cancels: _Invoice | None = None
        self.reason: str | None = None  # why a cancellation invoice was issued
        self.id = 0


class _Mandate:
    """A SEPA mandate whose row is written once its collections are known."""

    __slots__ = (
        "blocked", "first", "iban", "id", "last", "ref", "row", "signed", "status", "until",
    )  # fmt: skip

    def __init__(
        self, mandate_id: int, ref: str, signed: int, until: int | None, row: list[Any]
    ) -> None:
        self.id = mandate_id
        self.ref = ref
        self.signed = signed
        self.until = until  # the last day it may be used (replaced/revoked); None = open
        self.first: int | None = None
        self.last: int | None = None
        self.status = _ACTIVE
        self.blocked = False
        self.row = row
        self.iban = str(row[6])


class _Product:
    __slots__ = ("domain", "ended", "id", "kind", "lines", "sm", "started")

    def __init__(
        self,
        product_id: int,
        kind: str,
        tier: str,
        price: int,
        domain: str | None,
        sm: str,
        started: int,
        ended: int | None,
    ) -> None:
        self.id = product_id
        self.kind = kind
        self.domain = domain
        self.sm = sm
        self.started = started
        self.ended = ended
        # its invoice positions: (description, quantity, unit price in cents)
        label = tier
        if kind == _DOMAIN:
            label = f"Domain {domain}"
        elif domain:
            label = f"{tier} · {domain}"
        self.lines = [(f"{label} (12 Monate)", 1, price)]
        if sm != _NO_SM:
            sm_text, sm_price = _SM_POSITION[sm]
            self.lines.append((sm_text, 1, sm_price))


@dataclass(slots=True)
class _Person:
    """Who a customer is, as the ticket texts need it."""

    first: _Word
    last: _Word
    salutation: str
    domain: str


# --- the generator ---------------------------------------------------------------------


class _Generator:
    """Produces the rows of a range of customers; keeps ids and invoice counters."""

    def __init__(self, plan: _Plan) -> None:
        self.rnd = random.Random(plan.seed)
        self.r = self.rnd.random
        self.pools = _Pools(plan.seed)
        self.total = plan.total
        self.now = int(plan.now.timestamp())
        self.today = self.now // _DAY
        staff = plan.staff
        # tickets and orders go mostly to the agents, some to the leads, never to the admin
        self.assignees: tuple[int, ...] = _weighted(
            *((a, 40 if role == Role.AGENT else 10) for a, role, _ in staff if role != Role.ADMIN)
        )
        self.leads = [a for a, role, _ in staff if role == Role.LEAD] or list(self.assignees)
        self.signature = {a: name for a, _, name in staff}
        self.counters: dict[int, int] = {}
        self.last_ids: dict[str, int] = dict.fromkeys(_TABLES, 0)
        self.companies = 0
        self.years = range(_FIRST_INVOICE_YEAR, plan.now.year + 1)
        self.year_start = {y: _day(dt.date(y, 1, 1)) for y in self.years}
        self.year_len = {y: _day(dt.date(y + 1, 1, 1)) - self.year_start[y] for y in self.years}
        self.first_since = _day(dt.date(2008, 1, 1))
        # dates as stored: ISO strings by day number; timestamps add a time of day
        self.day0 = _day(dt.date(1930, 1, 1))
        self.dates = [
            dt.date.fromordinal(_EPOCH_ORDINAL + d).isoformat()
            for d in range(self.day0, self.today + 400)
        ]
        suffix = "+00" if plan.postgres else ".000000"
        self.times = [
            f" {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}{suffix}" for s in range(_DAY)
        ]
        self.phone_hashes = self._phone_hashes(min(PHONE_PASSWORD_CUSTOMERS, plan.total))
        self.ip_salt = plan.seed * _IP_MIX_V4 & _IP_MASK_V6

    @staticmethod
    def _phone_hashes(n: int) -> list[str]:
        p = _PHONE_KDF
        return [
            Argon2id(
                salt=os.urandom(16),
                length=32,
                iterations=p.iterations,
                lanes=p.lanes,
                memory_cost=p.memory_kib,
            ).derive_phc_encoded(DEMO_PHONE_PASSWORD.encode())
            for _ in range(n)
        ]

    # -- small helpers

    def d(self, day: int) -> str:
        """A DATE value."""
        return self.dates[day - self.day0]

    def ts(self, t: int) -> str:
        """A UTC timestamp value from seconds since the epoch."""
        return self.dates[t // _DAY - self.day0] + self.times[t % _DAY]

    def next_id(self, table: str) -> int:
        n = self.last_ids[table] + 1
        self.last_ids[table] = n
        return n

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.r() * len(items))]

    def between(self, low: int, high: int) -> int:
        """A random int in [low, high] (low if high < low)."""
        return low + int(self.r() * (high - low + 1)) if high > low else low

    def agent(self) -> int:
        return self.assignees[int(self.r() * len(self.assignees))]

    def billing_day(self, index: int, year: int) -> int:
        """The customer's yearly billing day: it grows with the customer index, so
        invoice numbers, drawn in that order, follow the issue date."""
        return self.year_start[year] + int((index + 0.5) / self.total * self.year_len[year])

    # -- one batch

    def batch(self, start: int, stop: int) -> dict[str, list[Row]]:
        rows: dict[str, list[Row]] = {t: [] for t in _TABLES}
        invoices: list[_Invoice] = []
        # a cancellation may be a few days after its original, but never after the last
        # billing day of this batch: the next batch's invoices are not earlier
        window_end = {y: min(self.billing_day(stop - 1, y), self.today) for y in self.years}
        for index in range(start, stop):
            self.customer(index, rows, invoices, window_end)
        self.number_invoices(invoices, rows)
        return rows

    def customer(
        self,
        index: int,
        rows: dict[str, list[Row]],
        invoices: list[_Invoice],
        window_end: dict[int, int],
    ) -> None:
        r = self.r
        pools = self.pools
        cid = self.next_id("customers")
        number = 1_000_000 + cid
        showcase = index < SHOWCASE_CUSTOMERS
        since = self.between(self.first_since, self.today - 10)
        if showcase:
            since = min(since, _day(dt.date(2019, 1, 1)))
        created = since * _DAY + self.between(28_800, 64_800)

        # who: a person, or a company with a contact person
        female = r() < 0.5
        first = self.pick(pools.female if female else pools.male)
        last = self.pick(pools.last)
        salutation = "Frau" if female else "Herr"
        if r() < 0.04:
            salutation += " Dr."
        elif r() < 0.01:
            salutation = ""
        is_company = r() < 0.28
        city = self.pick(pools.cities)
        country = "DE"
        postcode = f"{self.between(1_067, 99_998):05d}"
        if r() < 0.02:
            country, city, digit = self.pick(pools.foreign)
            postcode = f"{digit}{self.between(10, 999):03d}"
        company: str | None = None
        legal: str | None = None
        company_folded = ""
        if is_company:
            company, company_folded, slug, legal = self.company(last, city)
            domain = slug + (".de" if r() < 0.8 else _tld(r))
            if r() < 0.3:
                email = f"{first.slug}.{last.slug}@{domain}"
            else:
                email = f"{self.pick(_COMPANY_MAILBOXES)}@{domain}"
        else:
            domain, email = self.private_domain_and_email(first, last, city)
        birth = None if is_company else self.d(self.between(-10_000, 13_200))

        phone, phone_e164, mobile_e164 = self.phones(mobile_first=not is_company)
        mobile_at = None
        if mobile_e164 is not None:
            # ID-1 factor M: a few numbers are too new (< 30 days) to count
            tenure = self.today - since
            if r() < 0.06 or tenure < 30:
                age = self.between(0, min(20, tenure))
            else:
                age = self.between(30, tenure)
            mobile_at = self.ts((self.today - age) * _DAY + self.between(25_000, 75_000))

        self.addresses(rows, cid, since, city, postcode, country, is_company)
        if r() < 0.02:
            old_email = f"{last.slug}.{first.slug}@{self.pick(_MAIL_PROVIDERS)}"
            rows["contact_changes"].append(
                (
                    self.next_id("contact_changes"),
                    cid,
                    "email",
                    old_email,
                    email,
                    self.agent(),
                    self.ts(self.between(created, self.now - 60)),
                    "Neue Adresse vom Kunden bestätigt" if r() < 0.7 else None,
                )
            )
        subs = self.sub_accounts(rows, cid, number, created, email, first, last, is_company)
        products = self.products(rows, cid, since, domain, showcase, index)

        preferred = self.pick(_PAYMENT_PICK)
        if index == 3:  # shows a returned debit
            preferred = _SEPA
        holder = (company or f"{first.text} {last.text}")[:70]
        mandates = self.mandates(rows, cid, number, since, holder, city, preferred, showcase)

        mine = self.invoices(index, cid, number, since, products, mandates, preferred)
        blocked = self.settle(index, mine, window_end, is_company)
        invoices.extend(mine)
        for m in mandates:
            self.finish_mandate(m, rows)
        if preferred == _SEPA and not any(m.status == _ACTIVE for m in mandates):
            preferred = _TRANSFER  # the mandate was invalidated (PAY-4) or lapsed

        credit = 0
        if r() < 0.03:  # an unallocated overpayment is the credit balance
            credit = self.between(500, 8_000)
            rows["payments"].append(
                (
                    self.next_id("payments"),
                    None,
                    cid,
                    self.d(max(since, self.today - self.between(1, 200))),
                    credit / 100,
                    _TRANSFER,
                    f"{format_customer_number(number)} Guthaben aus Überzahlung",
                )
            )

        person = _Person(first, last, salutation, domain)
        best_sm = max((p.sm for p in products), key=_SM_RANK.__getitem__, default=_NO_SM)
        ticket_subs = [s[0] for s in subs if s[1]]
        for _ in range(1 if showcase else self.pick(_TICKET_COUNTS)):
            self.ticket(rows, cid, since, best_sm, person, ticket_subs)
        servers = [p for p in products if p.kind in _HOST_PREFIX and p.ended is None]
        if servers and (showcase or r() < 0.125):
            self.support_order(rows, index, cid, since, servers, subs, person)

        pw_hash = pw_set = None
        if index < len(self.phone_hashes):
            pw_hash = self.phone_hashes[index]
            set_at = self.between(since, self.today - 1) * _DAY + 40_000
            pw_set = self.ts(set_at)
            for _ in range(int(r() * 3)):
                rows["caller_verifications"].append(
                    (
                        self.next_id("caller_verifications"),
                        cid,
                        self.agent(),
                        self.ts(self.between(set_at, self.now - 60)),
                        "phone_password",
                        r() < 0.85,
                        None,
                    )
                )

        folded = (first.folded, last.folded, company_folded, email.lower(), city.folded)
        rows["customers"].append(
            (
                cid,
                number,
                _COMPANY if is_company else _PERSON,
                salutation,
                first.text,
                last.text,
                company,
                legal,
                birth,
                email,
                r() < 0.93,
                phone,
                phone_e164,
                mobile_e164,
                mobile_at,
                self.d(since),
                blocked,
                credit / 100,
                pw_hash,
                pw_set,
                None,
                preferred,
                " ".join(part for part in folded if part),
                self.ts(created),
                1,
            )
        )

    def company(self, last: _Word, city: _Word) -> tuple[str, str, str, str]:
        """(name, folded name, domain slug, legal form) of a company."""
        r = self.r
        pools = self.pools
        # the first companies show every legal form, then they follow _LEGAL_FORMS
        forms = self.pools.legal_forms
        legal = forms[self.companies] if self.companies < len(forms) else self.pick(_LEGAL_FORMS)
        self.companies += 1
        branch, prefix = self.pick(pools.branches)
        style = r()
        if legal == "GbR" and style < 0.6:
            other = self.pick(pools.last_plain)
            parts = [last, _AMP, other]
            slug = f"{last.slug}-{other.slug}"
        elif legal in ("KG", "OHG") and style < 0.3:
            parts = [last, _AMP, _SOEHNE]
            slug = f"{last.slug}-soehne"
        elif prefix:
            parts = [branch, last]
            slug = f"{branch.slug}-{last.slug}"
        elif style < 0.2 and legal != "e.K.":
            fantasy = self.pick(pools.fantasy)
            parts = [fantasy, branch]
            slug = f"{fantasy.slug}-{branch.slug}"
        else:
            parts = [last, branch]
            slug = f"{last.slug}-{branch.slug}"
        if r() < 0.6:
            slug += f"-{city.slug}"
        parts.append(pools.legal[legal])
        return (
            " ".join(p.text for p in parts),
            " ".join(p.folded for p in parts),
            slug,
            legal,
        )

    def private_domain_and_email(self, first: _Word, last: _Word, city: _Word) -> tuple[str, str]:
        r = self.r
        style = r()
        if style < 0.5:
            domain = f"{first.slug}-{last.slug}{_tld(r)}"
        elif style < 0.8:
            domain = f"{last.slug}-{city.slug}{_tld(r)}"
        else:
            domain = f"{last.slug}{self.between(100, 999)}{_tld(r)}"
        provider = self.pick(_MAIL_PROVIDERS)
        style = r()
        if style < 0.35:
            email = f"{first.slug}.{last.slug}@{provider}"
        elif style < 0.55:
            email = f"{first.slug}{last.slug}{self.between(10, 99)}@{provider}"
        elif style < 0.7:
            email = f"{first.slug[0]}.{last.slug}@{provider}"
        elif style < 0.85:
            email = f"{last.slug}.{first.slug}{self.between(1, 999)}@{provider}"
        else:
            email = f"{first.slug}_{last.slug}@{provider}"
        return domain, email

    def phones(self, *, mobile_first: bool) -> tuple[str, str, str | None]:
        """(phone as entered, its E.164 form, mobile E.164 or None)."""
        r = self.r
        area, length = self.pick(self.pools.landline)
        sub = str(self.between(2 * 10 ** (length - 1), 10**length - 1))
        prefix, mlength = self.pick(self.pools.mobile)
        msub = str(self.between(2 * 10 ** (mlength - 1), 10**mlength - 1))
        mobile = f"+49{prefix}{msub}"
        if mobile_first and r() < 0.4:
            return _phone_notation(int(r() * _PHONE_STYLES), prefix, msub), mobile, mobile
        phone = _phone_notation(int(r() * _PHONE_STYLES), area, sub)
        return phone, f"+49{area}{sub}", mobile if r() < 0.3 else None

    def addresses(
        self,
        rows: dict[str, list[Row]],
        cid: int,
        since: int,
        city: _Word,
        postcode: str,
        country: str,
        is_company: bool,
    ) -> None:
        """The billing address; sometimes an older one (moved) or a contract address."""
        r = self.r
        pools = self.pools
        out = rows["postal_addresses"]
        street = self.pick(pools.streets)
        house = str(int(r() ** 2 * 180) + 1) + ("a" if r() < 0.06 else "")
        out.append(
            (
                self.next_id("postal_addresses"),
                cid,
                _BILLING,
                street,
                house,
                postcode,
                city.text,
                country,
                self.d(since),
                1,
            )
        )
        if r() < 0.05 and since < self.today - 2:
            moved = self.between(since + 1, self.today - 1)
            new_street, new_house = self.pick(pools.streets), str(self.between(1, 120))
            out.append(
                (
                    self.next_id("postal_addresses"),
                    cid,
                    _BILLING,
                    new_street,
                    new_house,
                    postcode,
                    city.text,
                    country,
                    self.d(moved),
                    1,
                )
            )
            rows["contact_changes"].append(
                (
                    self.next_id("contact_changes"),
                    cid,
                    "address.billing",
                    f"{street} {house}, {postcode} {city.text}",
                    f"{new_street} {new_house}, {postcode} {city.text}",
                    self.agent(),
                    self.ts(moved * _DAY + self.between(30_000, 60_000)),
                    "Umzug, telefonisch mitgeteilt",
                )
            )
        if is_company and r() < 0.1:
            out.append(
                (
                    self.next_id("postal_addresses"),
                    cid,
                    _CONTRACT,
                    self.pick(pools.streets),
                    str(self.between(1, 60)),
                    f"{self.between(1_067, 99_998):05d}",
                    self.pick(pools.cities).text,
                    "DE",
                    self.d(since),
                    1,
                )
            )

    def sub_accounts(
        self,
        rows: dict[str, list[Row]],
        cid: int,
        number: int,
        created: int,
        email: str,
        first: _Word,
        last: _Word,
        is_company: bool,
    ) -> list[tuple[int, bool, bool]]:
        """Additional logins with rights; returns (id, may open tickets, may place orders)."""
        r = self.r
        subs: list[tuple[int, bool, bool]] = []
        if r() >= (0.3 if is_company else 0.03):
            return subs
        offset = int(r() * len(_SUB_ACCOUNT_ROLES))
        mail_domain = email.split("@", 1)[1]
        for k in range(1 + int(r() * 3)):
            role, invoices, tickets, orders, contacts = _SUB_ACCOUNT_ROLES[
                (offset + k) % len(_SUB_ACCOUNT_ROLES)
            ]
            sid = self.next_id("sub_accounts")
            sub_email = (
                f"{role}@{mail_domain}"
                if is_company
                else f"{first.slug}.{last.slug}.{role}@{mail_domain}"
            )
            rows["sub_accounts"].append(
                (
                    sid,
                    cid,
                    f"{number}-{role}",
                    sub_email,
                    invoices,
                    tickets,
                    orders,
                    contacts,
                    r() < 0.95,
                    self.ts(self.between(created, self.now - 60)),
                    1,
                )
            )
            subs.append((sid, tickets, orders))
        return subs

    def products(
        self,
        rows: dict[str, list[Row]],
        cid: int,
        since: int,
        domain: str,
        showcase: bool,
        index: int,
    ) -> list[_Product]:
        r = self.r
        count = 2 if showcase else (0 if r() < 0.08 else (1 if r() < 0.6 else 2))
        products: list[_Product] = []
        for p in range(count):
            kind = self.pick(_KIND_PICK)
            if showcase and p == 0:  # the showcase customers' support orders need a server
                kind = ProductKind.MANAGED.value if index % 2 else ProductKind.VSERVER.value
            pid = self.next_id("products")
            tier, price = self.pick(_TIERS[kind])
            sm = self.pick(_SM_PICK[kind])
            hostname = pdomain = None
            if kind in _HOST_PREFIX:
                hostname = f"{_HOST_PREFIX[kind]}{pid}.kcp-server.de"
                if r() < 0.5 and not any(q.domain == domain for q in products):
                    pdomain = domain
            elif any(q.domain == domain for q in products):
                pdomain = domain.replace(".", "-shop.", 1)
            else:
                pdomain = domain
            started = since if p == 0 else self.between(since, self.today - 1)
            ended = None
            if r() < 0.08 and not showcase:
                ended = self.between(started + 1, self.today)
            rows["products"].append(
                (
                    pid,
                    cid,
                    kind,
                    f"Domain {pdomain}" if kind == _DOMAIN else tier,
                    pdomain,
                    hostname,
                    sm,
                    ended is None,
                    self.d(started),
                    None if ended is None else self.d(ended),
                    1,
                )
            )
            products.append(_Product(pid, kind, tier, price, pdomain, sm, started, ended))
            if hostname is not None and ended is None:
                self.server_addresses(rows, pid, kind)
        return products

    def server_addresses(self, rows: dict[str, list[Row]], pid: int, kind: str) -> None:
        """A running server's addresses, from its id and the seed (no random draw, so the
        rest of the data stays as it was): one IPv4 address in 10.0.0.0/8, or for 40 % of
        the dedicated and managed servers a /29; for 30 % of all servers also an IPv6
        /64 in 2001:db8::/32. Distinct for product ids below 2**21 (a bijection of the
        id picks the block). Rows as ``ProductAddress.of`` builds them."""
        out = rows["product_addresses"]
        mixed = (pid * _IP_MIX_V4 + self.ip_salt) & _IP_MASK_V4
        base = _IP_NET_V4 | mixed << 3
        if kind != ProductKind.VSERVER.value and (mixed >> 4) % 10 < 4:
            network, start, end = f"{_dotted(base)}/29", base, base | 7
        else:
            start = end = base + 1 + pid % 6
            network = f"{_dotted(start)}/32"
        out.append((self.next_id("product_addresses"), pid, network, 4,
                    f"{start:032x}", f"{end:032x}"))  # fmt: skip
        if (mixed >> 8) % 10 < 3:
            subnet = (pid * _IP_MIX_V6 + self.ip_salt) & _IP_MASK_V6
            high, low = 0x8000 | subnet >> 16, subnet & 0xFFFF
            first = _IP_NET_V6 | high << 80 | low << 64
            out.append((self.next_id("product_addresses"), pid, f"2001:db8:{high:x}:{low:x}::/64",
                        6, f"{first:032x}", f"{first | _IP_HOST_V6:032x}"))  # fmt: skip

    def mandates(
        self,
        rows: dict[str, list[Row]],
        cid: int,
        number: int,
        since: int,
        holder: str,
        city: _Word,
        preferred: str,
        showcase: bool,
    ) -> list[_Mandate]:
        """SEPA payers have an active mandate; some changed bank (M01 → M02) or left SEPA."""
        r = self.r
        mandates: list[_Mandate] = []
        switch = None
        if preferred == _SEPA:
            if r() < 0.12 and not showcase and since < self.today - 2:
                switch = self.between(since + 1, self.today - 1)
                mandates.append(self.mandate(cid, number, 1, holder, city, since, switch))
                mandates.append(self.mandate(cid, number, 2, holder, city, switch, None))
            else:
                mandates.append(self.mandate(cid, number, 1, holder, city, since, None))
        elif r() < 0.05 and since < self.today - 2:
            switch = self.between(since + 1, self.today - 1)
            mandates.append(self.mandate(cid, number, 1, holder, city, since, switch))
        if switch is not None:
            bank_change = len(mandates) == 2
            rows["payment_method_changes"].append(
                (
                    self.next_id("payment_method_changes"),
                    cid,
                    self.agent(),
                    self.ts(switch * _DAY + self.between(32_400, 61_200)),
                    _SEPA,
                    preferred,
                    "Neue Bankverbindung laut Kundenschreiben"
                    if bank_change
                    else "Kunde zahlt künftig per Überweisung",
                    f"IBAN endet auf {mandates[-1].iban[-4:]}, Mandat {mandates[-1].ref}"
                    if bank_change
                    else f"Mandat {mandates[-1].ref} widerrufen",
                )
            )
        return mandates

    def mandate(
        self,
        cid: int,
        number: int,
        seq: int,
        holder: str,
        city: _Word,
        signed: int,
        until: int | None,
    ) -> _Mandate:
        r = self.r
        mid = self.next_id("sepa_mandates")
        blz, bic = self.pick(self.pools.banks)
        bban = f"{blz}{self.between(10_000_000, 9_999_999_999):010d}"
        check = 98 - int(bban + "131400") % 97  # ISO 7064 MOD 97-10 ("DE" = 13 14)
        ref = format_mandate_ref(number, seq)
        row: list[Any] = [
            mid,
            ref,
            cid,
            seq,
            DEMO_CREDITOR_ID,
            holder,
            f"DE{check:02d}{bban}",
            bic,
            self.d(signed),
            city.text,
            r() < 0.97,
            "B2B" if r() < 0.04 else "CORE",
            _ACTIVE,
            None,
            None,
            False,
            False,
            self.ts(signed * _DAY + self.between(36_000, 56_000)),
            1,
        ]
        return _Mandate(mid, ref, signed, until, row)

    def finish_mandate(self, m: _Mandate, rows: dict[str, list[Row]]) -> None:
        """Status and collections are known once the invoices are settled.

        A mandate replaced or given up is revoked; one that lapsed first (36 months
        without a collection, ``billing_rules.mandate_expiry``) is expired, like a
        current one that lapsed. A returned debit may have revoked it already.
        """
        if m.status == _ACTIVE:
            day = _EPOCH_ORDINAL
            last = None if m.last is None else dt.date.fromordinal(day + m.last)
            lapses = _day(mandate_expiry(dt.date.fromordinal(day + m.signed), last))
            if m.until is not None:
                m.status = _EXPIRED if lapses <= m.until else _REVOKED
            elif lapses <= self.today:
                m.status = _EXPIRED
        row = m.row
        row[12] = m.status
        row[13] = None if m.first is None else self.d(m.first)
        row[14] = None if m.last is None else self.d(m.last)
        row[15] = row[16] = m.blocked
        rows["sepa_mandates"].append(tuple(row))

    def invoices(
        self,
        index: int,
        cid: int,
        number: int,
        since: int,
        products: list[_Product],
        mandates: list[_Mandate],
        preferred: str,
    ) -> list[_Invoice]:
        """One invoice a year on the billing day (or one per product), 1–3 positions."""
        r = self.r
        cnum = format_customer_number(number)
        separate = len(products) > 1 and r() < 0.4
        mine: list[_Invoice] = []
        for year in self.years:
            day = self.billing_day(index, year)
            if day > self.today or day < since:
                continue
            active = [
                p for p in products if p.started <= day and (p.ended is None or p.ended > day)
            ]
            if not active:
                continue
            for group in [[p] for p in active] if separate else [active]:
                positions = [line for p in group for line in p.lines]
                if r() < 0.25:
                    extra, price, most = self.pick(_EXTRA_POSITIONS)
                    positions.append((extra, self.between(1, most), price))
                mandate = next((m for m in mandates if m.until is None or day <= m.until), None)
                method = preferred
                if mandate is not None:
                    method = _SEPA
                elif method == _SEPA:
                    method = _TRANSFER
                mine.append(
                    _Invoice(
                        cid,
                        cnum,
                        year,
                        day,
                        len(mine) * 2,
                        positions[:3],
                        method,
                        mandate,
                        day * _DAY + self.between(3_600, 10_800),
                    )
                )
                due = day + _PAYMENT_TERM_DAYS
                if mandate is not None and due <= self.today:  # collected on the due date
                    mandate.first = due if mandate.first is None else mandate.first
                    mandate.last = due
        return mine

    def settle(
        self,
        index: int,
        mine: list[_Invoice],
        window_end: dict[int, int],
        company: bool,
    ) -> bool:
        """Decide each invoice's state, payments, returns and dunning; True = blocked.

        Only the newest invoice can be unpaid, and the older it is the less likely.
        """
        r = self.r
        today = self.today
        blocked = False
        cancellations: list[_Invoice] = []
        for i, inv in enumerate(mine):
            due = inv.day + _PAYMENT_TERM_DAYS
            age = today - due
            sepa = inv.mandate is not None
            # customers 2, 3 and 4 show an overdue, a partly paid and a returned debit
            forced = index - 1 if 1 <= index <= 3 and i == len(mine) - 1 and age > 30 else -1
            if age < 0:
                state = _PAID if (r() < 0.3 and not sepa) else _OPEN
            elif forced >= 0 or (i == len(mine) - 1 and r() < 0.15 * math.exp(-age / 75) + 0.01):
                pick = forced if forced >= 0 else int(r() * 3)
                if pick == 2 and sepa and age > 10:
                    state = _RETURNED
                elif pick == 1:
                    state = _PARTLY_PAID
                else:
                    state = _OVERDUE
            else:
                state = _CANCELLED if r() < 0.04 else _PAID
            inv.state = state
            if state == _PAID:
                if sepa:
                    paid_on = due
                elif inv.method == _TRANSFER:
                    paid_on = due + self.between(-12, 8)
                else:
                    paid_on = inv.day + self.between(0, 2)
                inv.payments.append((max(inv.day, min(paid_on, today)), inv.gross))
                inv.paid = inv.gross
            elif state == _PARTLY_PAID:
                part = inv.gross * self.between(20, 80) // 100
                inv.payments.append((min(due + self.between(0, 30), today), part))
                inv.paid = part
            elif state == _RETURNED:
                code, text = self.pick(_RETURN_PICK)
                if code == "MD07" and company:  # companies do not decease
                    code, text = RETURN_REASONS[1][:2]
                returned_on = due + self.between(2, 8)
                inv.returned = (returned_on, code, text, self.between(300, 850))
                mandate = inv.mandate
                assert mandate is not None
                if code in OBJECTION_CODES:
                    mandate.blocked = True
                elif code in INVALIDATING_CODES:
                    mandate.status = _REVOKED
                    mandate.until = returned_on
            elif state == _CANCELLED:
                day = min(inv.day + self.between(0, 8), window_end[inv.year])
                storno = _Invoice(
                    inv.customer,
                    inv.customer_number,
                    inv.year,
                    day,
                    inv.k + 1,
                    [(f"Storno: {text}", q, -p) for text, q, p in inv.positions],
                    inv.method,
                    inv.mandate,
                    day * _DAY + self.between(43_200, 57_600),
                )
                storno.state = _CREDITED
                storno.cancels = inv
                storno.reason = self.pick(_CANCELLATION_REASONS)
                cancellations.append(storno)
            if state in _UNPAID:
                start = inv.returned[0] if inv.returned else due
                for level, after, fee, days, blocks in _LADDER:
                    issued = start + after
                    if issued > today:
                        break
                    inv.dunning.append(
                        (level, issued, fee, None if days is None else issued + days)
                    )
                    blocked = blocked or blocks
        mine.extend(cancellations)
        return blocked

    def number_invoices(self, invoices: list[_Invoice], rows: dict[str, list[Row]]) -> None:
        """Gap-free numbers per year in order of issue; then the invoices' child rows."""
        invoices.sort(key=lambda inv: (inv.day, inv.customer, inv.k))
        counters = self.counters
        d = self.d
        next_id = self.next_id
        out = rows["invoices"]
        positions = rows["invoice_positions"]
        payments = rows["payments"]
        returns = rows["returned_debits"]
        dunning = rows["dunning_steps"]
        for inv in invoices:
            year = inv.year
            seq = counters.get(year, 0) + 1
            counters[year] = seq
            inv.id = next_id("invoices")
            number = f"RE-{year:04d}-{seq:06d}"
            mandate = inv.mandate
            out.append(
                (
                    inv.id,
                    number,
                    year,
                    seq,
                    inv.customer,
                    d(inv.day),
                    d(inv.day + _PAYMENT_TERM_DAYS),
                    inv.state,
                    inv.net / 100,
                    inv.vat / 100,
                    inv.gross / 100,
                    inv.paid / 100,
                    inv.method,
                    None if mandate is None else mandate.id,
                    None if inv.cancels is None else inv.cancels.id,
                    inv.reason,
                    self.ts(inv.created),
                    1,
                )
            )
            for pos, (text, quantity, price) in enumerate(inv.positions, 1):
                positions.append(
                    (
                        next_id("invoice_positions"),
                        inv.id,
                        pos,
                        text,
                        quantity,
                        price / 100,
                        19.0,
                        quantity * price / 100,
                    )
                )
            for day, amount in inv.payments:
                if mandate is not None:
                    reference = f"SEPA-Lastschrift {number} Mandat {mandate.ref}"
                elif inv.method == _TRANSFER:
                    reference = f"{number} {inv.customer_number}"
                else:
                    reference = f"{number} {_PAYMENT_LABEL[inv.method]}"
                payments.append(
                    (
                        next_id("payments"),
                        inv.id,
                        inv.customer,
                        d(day),
                        amount / 100,
                        inv.method,
                        reference,
                    )
                )
            if inv.returned is not None and mandate is not None:
                day, code, text, fee = inv.returned
                returns.append(
                    (
                        next_id("returned_debits"),
                        inv.id,
                        inv.customer,
                        mandate.id,
                        d(day),
                        inv.gross / 100,
                        code,
                        text,
                        fee / 100,
                    )
                )
            for level, issued, fee, deadline in inv.dunning:
                dunning.append(
                    (
                        next_id("dunning_steps"),
                        inv.id,
                        inv.customer,
                        level,
                        d(issued),
                        fee / 100,
                        None if deadline is None else d(deadline),
                    )
                )

    def ticket(
        self,
        rows: dict[str, list[Row]],
        cid: int,
        since: int,
        sm: str,
        person: _Person,
        subs: list[int],
        order: tuple[str, str, str, int | None] | None = None,
    ) -> tuple[int, int]:
        """A ticket with 1–3 messages; returns (ticket id, created).

        ``order`` = (order state, category, description, assignee) for an order's ticket.
        """
        r = self.r
        now = self.now
        tid = self.next_id("tickets")
        if order is not None:
            state = _ORDER_TICKET_STATE[order[0]]
        elif tid <= len(_ALL_TICKET_STATES):
            state = _ALL_TICKET_STATES[tid - 1]
        else:
            state = self.pick(_TICKET_STATES)
        priority = self.pick(_PRIORITIES)
        lo = max(since * _DAY + 3_600, now - 3 * 365 * _DAY)
        if state == _CLOSED:
            created = self.between(lo, now - 2 * _DAY)
        else:
            created = max(now - self.between(60, _TICKET_AGE_DAYS[state] * _DAY), lo)
        first_min, resolution_min = _SLA[sm, priority]
        assignee = None
        if order is not None:
            assignee = order[3]
        elif (state != _NEW or r() < 0.1) and (state != _T_OPEN or r() < 0.85):
            assignee = self.agent()
        if order is not None:
            subject = f"Support-Auftrag: {order[1]}"
            asks, answer, note = order[2], _ORDER_REPLY, _ORDER_NOTE
        else:
            subject, asks, answer, note = self.pick(_TOPICS)
            subject = subject.replace("{domain}", person.domain)
            asks = asks.replace("{domain}", person.domain)
            answer = answer.replace("{domain}", person.domain)

        kinds = [_CUSTOMER_MSG]
        if state == _T_OPEN:
            if r() < 0.3:
                kinds.append(_NOTE)
            if r() < 0.5:
                kinds.append(_REPLY)
        elif state == _PENDING:
            if r() < 0.3:
                kinds.append(_NOTE)
            kinds.append(_REPLY)
        elif state == _CLOSED:
            kinds.append(_REPLY)
            third = r()
            if third < 0.35:
                kinds.append(_CUSTOMER_MSG)
            elif third < 0.5:
                kinds.append(_NOTE)
        hello = "Guten Tag"
        if person.salutation:
            hello = f"Guten Tag {person.salutation} {person.last.text}"
        author = assignee if assignee is not None else self.agent()
        at = created
        first_reply = None
        messages = rows["ticket_messages"]
        for n, kind in enumerate(kinds):
            if n:
                if kind == _REPLY and first_reply is None and r() < 0.85:
                    at += self.between(60, first_min * 55)  # mostly within the SLA
                else:
                    at += self.between(600, 2 * _DAY)
                at = min(at, now - 30)
            if kind == _CUSTOMER_MSG:
                text = asks if n == 0 else self.pick(_THANKS)
                name = f"{person.first.text} {person.last.text}"
                body = f"{hello},\n\n{text}\n\nViele Grüße\n{name}"
                sub = self.pick(subs) if subs and r() < 0.3 else None
                author_id = None
            elif kind == _REPLY:
                first_reply = at if first_reply is None else first_reply
                signature = self.signature[author]
                body = f"{hello},\n\n{answer}\n\nViele Grüße\n{signature}\nKundenservice"
                sub = None
                author_id = author
            else:
                body = note
                sub = None
                author_id = author if r() < 0.7 else self.pick(self.leads)
            messages.append(
                (self.next_id("ticket_messages"), tid, kind, author_id, sub, body, self.ts(at))
            )
        closed_at = None
        updated = at
        if state == _CLOSED:
            closed_at = min(at + self.between(3_600, 3 * _DAY), now - 10)
            updated = closed_at
        rows["tickets"].append(
            (
                tid,
                100_000 + tid,
                cid,
                subject[:300],
                state,
                priority,
                assignee,
                self.ts(created),
                self.ts(updated),
                self.ts(created + first_min * 60),
                self.ts(created + resolution_min * 60),
                None if first_reply is None else self.ts(first_reply),
                None if closed_at is None else self.ts(closed_at),
                1,
            )
        )
        return tid, created

    def support_order(
        self,
        rows: dict[str, list[Row]],
        index: int,
        cid: int,
        since: int,
        servers: list[_Product],
        subs: list[tuple[int, bool, bool]],
        person: _Person,
    ) -> None:
        """An order on one of the customer's servers, with its ticket, consents, time."""
        r = self.r
        if index < SHOWCASE_CUSTOMERS:
            state = _ALL_ORDER_STATES[index % len(_ALL_ORDER_STATES)]
        else:
            state = self.pick(_ORDER_STATES)
        product = self.pick(servers)
        category, description, task, fixed = self.pick(_ORDER_TASKS)
        assignee = None
        if state not in _UNASSIGNED_ORDER and not (state in _EXITS and r() < 0.5):
            assignee = self.agent()
        orderers = [s[0] for s in subs if s[2]]
        submitter = self.pick(orderers) if orderers and r() < 0.4 else None
        tid, created = self.ticket(
            rows,
            cid,
            since,
            product.sm,
            person,
            [] if submitter is None else [submitter],
            (state, category, description, assignee),
        )
        oid = self.next_id("support_orders")
        hourly = task is None or r() < 0.3
        acknowledged = state in _ACKNOWLEDGED or (state in _EARLY and r() < 0.6)
        updated = min(created + self.between(600, 3 * _DAY), self.now - 5)
        rows["support_orders"].append(
            (
                oid,
                4_000 + oid,
                tid,
                cid,
                product.id,
                category,
                description,
                state,
                assignee,
                submitter,
                "hourly" if hourly else "fixed",
                _PRICE_PER_15MIN[product.sm] if hourly else None,
                None if hourly else fixed / 100,
                None if hourly else task,
                15 * self.between(2, 16) if hourly else None,
                self.ts(created + 120) if acknowledged else None,
                1,
                self.ts(created),
                self.ts(updated),
                1,
            )
        )
        # SO-1 consents: all of them once approved; before that some may be missing
        wording = "2026-02" if created > self.now - 120 * _DAY else "2025-04"
        consents = _CONSENTS
        if state not in _ACKNOWLEDGED and r() < 0.4:
            consents = _CONSENTS[: self.between(2, 4)]
        for kind in consents:
            rows["order_consents"].append(
                (
                    self.next_id("order_consents"),
                    oid,
                    kind,
                    wording,
                    self.ts(created),
                    submitter,
                )
            )
        if state in _WORKED and assignee is not None:
            entries = 1 if state == _IN_PROGRESS else self.between(1, 3)
            for e in range(entries):
                begin = min(created + 900 + e * 5_400, self.now - 7_200 + e * 600)
                running = state == _IN_PROGRESS and e == entries - 1
                end = min(begin + self.between(900, 5_400), self.now)
                rows["time_entries"].append(
                    (
                        self.next_id("time_entries"),
                        oid,
                        assignee,
                        self.ts(begin),
                        None if running else self.ts(end),
                        product.sm != SmPackage.PREMIUM.value,
                        "Analyse und Umsetzung laut Auftrag" if e == 0 else "Nacharbeit, Test",
                        1,
                    )
                )


_AMP: Final = _word("&")
_SOEHNE: Final = _word("Söhne")
