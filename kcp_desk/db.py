"""Engine, sessions and migrations: the one place that knows which database we are on."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from kcp_desk.errors import QT_TRANSLATE_NOOP, DatabaseUnavailable, SchemaOutdated
from kcp_desk.settings import describe_database

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

#: Tables whose guard triggers a desk must never drop or alter (A-3, PAY-1). On
#: PostgreSQL the desk role owns nothing; on SQLite the desk's own connections refuse it.
PROTECTED_TABLES = frozenset({"audit_log", "invoices", "invoice_positions"})

_WRITE = "kcp_write"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Transactions are begun by _sqlite_begin, not by pysqlite's implicit BEGIN (which
    # it emits only before DML, so a SELECT that a write depends on ran outside it).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _sqlite_guard(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.set_authorizer(_refuse_guard_changes)


def _refuse_guard_changes(
    action: int, arg1: str | None, arg2: str | None, _db: str | None, _src: str | None
) -> int:
    """SQLite authorizer of the desk's connections: no DROP/ALTER of the guarded tables,
    no dropping their triggers, no writable_schema (the owner tools connect without it)."""
    if action == sqlite3.SQLITE_DROP_TABLE and arg1 in PROTECTED_TABLES:
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_DROP_TRIGGER and arg2 in PROTECTED_TABLES:
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_ALTER_TABLE and arg2 in PROTECTED_TABLES:
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_PRAGMA and (arg1 or "").lower() == "writable_schema":
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def _sqlite_begin(conn: Connection) -> None:
    # A write transaction takes the write lock first (BEGIN IMMEDIATE): two desks that
    # read "the last audit entry" and then append can no longer both read the same one.
    immediate = conn.get_execution_options().get(_WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str, *, owner: bool = False) -> Engine:
    """The desk's engine; ``owner`` is for migrations and owner tools (no DDL guard).

    ``hide_parameters``: SQL parameters are personal data and must not reach error
    messages or the crash log.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        if not owner:
            event.listen(engine, "connect", _sqlite_guard)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # pre_ping turns a restarted server into a fresh connection instead of an error
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5, hide_parameters=True)


def alembic_config(url: str) -> Config:
    from alembic.config import Config  # alembic is only needed when migrating

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


class Database:
    """Owns the engine and the session factories; one Session per user action."""

    def __init__(self, url: str, *, owner: bool = False) -> None:
        self.url = url
        self.engine = make_engine(url, owner=owner)
        self.session_factory = sessionmaker(self.engine, expire_on_commit=False)
        self._write_factory = sessionmaker(
            self.engine.execution_options(**{_WRITE: True}), expire_on_commit=False
        )

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def schema_revisions(self) -> tuple[str | None, str]:
        """(the database's revision, the newest this desk knows)."""
        from alembic.migration import MigrationContext
        from alembic.script import ScriptDirectory

        head = ScriptDirectory.from_config(alembic_config(self.url)).get_current_head()
        assert head is not None
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision(), head

    def migrate(self) -> None:
        """Bring the schema to the newest revision.

        At start-up this is a no-op when the schema is current. Otherwise it needs the
        owner's rights: the desks' PostgreSQL role owns nothing (A-3), so an outdated
        schema there is a message asking for ``kcp-desk db upgrade``.
        """
        from alembic import command

        current, head = self.schema_revisions()
        if current == head:
            return
        owner = make_engine(self.url, owner=True) if self.dialect == "sqlite" else self.engine
        cfg = alembic_config(self.url)
        try:
            with owner.begin() as connection:
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, "head")
        except ProgrammingError as exc:
            if getattr(exc.orig, "sqlstate", None) != "42501":  # insufficient_privilege
                raise
            raise SchemaOutdated(
                QT_TRANSLATE_NOOP(
                    "KcpError",
                    "The database schema is older than this desk ({current}, needs {head}). "
                    "Ask an admin to run: kcp-desk db upgrade",
                ),
                current=current or "empty",
                head=head,
            ) from None
        finally:
            if owner is not self.engine:
                owner.dispose()

    def describe(self) -> str:
        return describe_database(self.url)

    def after_commit(self, fn: Callable[[Session], None]) -> None:
        """Call ``fn(session)`` after every successful commit of a user action."""
        for factory in (self.session_factory, self._write_factory):
            event.listen(factory, "after_commit", fn)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action that writes = one transaction (BEGIN IMMEDIATE on SQLite)."""
        with self._mapped_faults(), self._write_factory.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only user action: one consistent snapshot, no write lock."""
        with self._mapped_faults(), self.session_factory.begin() as session:
            yield session

    @contextmanager
    def _mapped_faults(self) -> Iterator[None]:
        try:
            yield
        except OperationalError as exc:
            if _is_connection_fault(exc):
                raise DatabaseUnavailable(
                    QT_TRANSLATE_NOOP(
                        "KcpError", "The database cannot be reached. Your input is kept."
                    )
                ) from None
            raise

    def dispose(self) -> None:
        self.engine.dispose()


def _is_connection_fault(exc: DBAPIError) -> bool:
    return bool(exc.connection_invalidated) or "connection" in str(exc.orig).lower()
