"""Engine, sessions and migrations: the one place that knows which database we are on."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import DataError, DBAPIError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from kcp_desk.errors import (
    QT_TRANSLATE_NOOP,
    DatabaseBusy,
    DatabaseCorrupt,
    DatabaseFull,
    DatabaseMissing,
    DatabaseReadOnly,
    DatabaseSlow,
    DatabaseUnavailable,
    InvalidInput,
    KcpError,
    SchemaOutdated,
)
from kcp_desk.settings import describe_database

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

#: Tables whose guard triggers a desk must never drop or alter (A-3, PAY-1). On
#: PostgreSQL the desk role owns nothing; on SQLite the desk's own connections refuse it.
PROTECTED_TABLES = frozenset({"audit_log", "invoices", "invoice_positions"})

_WRITE = "kcp_write"
#: SQLite waits this long for another writer's lock before the action fails (a bounded
#: retry inside SQLite itself)
BUSY_TIMEOUT_MS = 5000
#: a desk's statements take milliseconds; this one is far beyond them (PostgreSQL)
STATEMENT_TIMEOUT_MS = 10_000
#: PostgreSQL: connecting (TCP, TLS, authentication) gives up after this long
CONNECT_TIMEOUT_S = 5
#: PostgreSQL: the kernel drops a connection whose sent data stays unacknowledged this
#: long (Linux), and probes an idle one with keepalives
TCP_USER_TIMEOUT_MS = 15_000
KEEPALIVES_IDLE_S = 10
KEEPALIVES_INTERVAL_S = 3
KEEPALIVES_COUNT = 3
#: PostgreSQL, client side: the server enforces statement_timeout, but a black-holed
#: network (a VPN or NAT that keeps the socket open and drops the bytes) never lets it
#: say so, and the kernel sees nothing wrong either. So the desk itself stops waiting
#: for any answer (statement, fetch, commit) this long after statement_timeout would
#: have fired, and drops the connection: DatabaseUnavailable, not a hung worker.
ANSWER_GRACE_MS = 2_000
#: …and for the pool's liveness ping before each action, which takes milliseconds
PING_TIMEOUT_MS = 2_000


class DatabaseBug(RuntimeError):
    """An unexpected database error (a bug), without the server's quote of the data."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Transactions are begun by _sqlite_begin, not by pysqlite's implicit BEGIN (which
    # it emits only before DML, so a SELECT that a write depends on ran outside it).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
    cursor.execute("PRAGMA synchronous=NORMAL")
    # SO-5: deleted credential ciphertexts and wraps are zeroed, not left in free pages
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
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
    # A network cut must become a message, not a hung worker: time-outs on connecting,
    # on every statement (not for the owner tools: index builds take longer), TCP
    # keepalives and tcp_user_timeout that notice a dead peer, and (desks) a client-side
    # limit on every wait for a silent server (_bound_waits).
    options = "" if owner else f"-c statement_timeout={STATEMENT_TIMEOUT_MS}"
    connect_args = {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "keepalives": 1,
        "keepalives_idle": KEEPALIVES_IDLE_S,
        "keepalives_interval": KEEPALIVES_INTERVAL_S,
        "keepalives_count": KEEPALIVES_COUNT,
        "tcp_user_timeout": TCP_USER_TIMEOUT_MS,
        "options": options,
    }
    # pre_ping turns a restarted server into a fresh connection instead of an error
    engine = create_engine(
        url,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=5,
        pool_timeout=10,
        hide_parameters=True,
        connect_args=connect_args,
    )
    if not owner and parsed.get_driver_name() == "psycopg":
        _bound_waits(
            engine, (STATEMENT_TIMEOUT_MS + ANSWER_GRACE_MS) / 1000, PING_TIMEOUT_MS / 1000
        )
    return engine


def _bound_waits(engine: Engine, answer_s: float, ping_s: float) -> None:
    """A wait of the engine's psycopg connections on a server that stays silent for
    ``answer_s`` (the pool's ping: ``ping_s``) ends with a dropped connection
    (OperationalError, a disconnect for SQLAlchemy: DatabaseUnavailable).

    Mind LISTEN (live updates, SPEC §1): waiting for notifications is silence by design,
    so a listening connection must come from an engine without this bound."""
    import psycopg

    class _BoundedConnection(psycopg.Connection[Any]):
        limit_s = answer_s

        def wait(self, gen: Any, *args: Any, **kwargs: Any) -> Any:
            return super().wait(self._bounded(gen), *args, **kwargs)

        def _bounded(self, gen: Generator[Any, Any, Any]) -> Generator[Any, Any, Any]:
            # psycopg's wait sends "nothing ready" every 0.1 s, so this checks often
            # enough. The limit is on silence, not on the whole call: a long COPY or
            # pipeline that keeps moving is not cut off.
            deadline = time.monotonic() + self.limit_s
            try:
                state = next(gen)
                while True:
                    ready = yield state
                    if ready:
                        deadline = time.monotonic() + self.limit_s
                    elif time.monotonic() >= deadline:
                        gen.close()
                        self.close()  # half a protocol exchange: never use it again
                        raise psycopg.OperationalError(
                            f"the server did not answer within {self.limit_s:g} s"
                        )
                    state = gen.send(ready)
            except StopIteration as done:
                return done.value

    @event.listens_for(engine, "do_connect")
    def _connect(_dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
        return _BoundedConnection.connect(*cargs, **cparams)

    ping = engine.dialect.do_ping

    def _bounded_ping(dbapi_connection: Any) -> bool:
        limit = getattr(dbapi_connection, "limit_s", None)
        if limit is None:
            return ping(dbapi_connection)
        dbapi_connection.limit_s = ping_s
        try:
            return ping(dbapi_connection)
        finally:
            dbapi_connection.limit_s = limit

    engine.dialect.do_ping = _bounded_ping  # type: ignore[method-assign]


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
        parsed = make_url(url)
        self._file = (
            Path(parsed.database).resolve()
            if parsed.get_backend_name() == "sqlite"
            and parsed.database not in (None, "", ":memory:")
            else None
        )
        self._file_id: tuple[int, int] | None = None

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
        with self._mapped_faults():
            self._migrate()

    def file_missing(self) -> bool:
        """A SQLite database whose file does not exist (yet): connecting would create it."""
        return self._file is not None and not self._file.exists()

    def _migrate(self) -> None:
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
        self._check_file()
        with self._mapped_faults(), self._write_factory.begin() as session:
            yield session
        self._check_file()  # deleted meanwhile: the commit went into an unlinked file

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only user action: one consistent snapshot, no write lock."""
        self._check_file()
        with self._mapped_faults(), self.session_factory.begin() as session:
            yield session

    def _check_file(self) -> None:
        """The SQLite file must still be the one we opened (device and inode): a file
        deleted or replaced under a running desk would swallow every later save."""
        if self._file is None:
            return
        try:
            st = self._file.stat()
        except OSError:
            if self._file_id is None:
                return  # not created yet: the first start's migration creates it
            st = None
        if st is not None and self._file_id is None:
            self._file_id = (st.st_dev, st.st_ino)
            return
        if st is None or (st.st_dev, st.st_ino) != self._file_id:
            self.engine.dispose()  # never write into the unlinked file again
            raise DatabaseMissing(
                QT_TRANSLATE_NOOP(
                    "KcpError",
                    "The database file {where} was deleted or replaced while the desk was "
                    "running. Your last change may not have been saved. Restore the file "
                    "(or restart the desk) to go on; your input is kept.",
                ),
                where=str(self._file),
            )

    @contextmanager
    def _mapped_faults(self) -> Iterator[None]:
        """The ONE place where expected database faults become ``KcpError``s."""
        try:
            yield
        except DBAPIError as exc:
            mapped = _map_fault(exc, self._where())
            if mapped is not None:
                raise mapped from None
            diag = getattr(exc.orig, "diag", None)
            if diag is None:
                raise
            # A bug. PostgreSQL's DETAIL quotes the failing row ("Failing row contains
            # (…)"): personal data that must not reach the crash log. Keep the rest.
            raise DatabaseBug(
                f"{type(exc.orig).__name__} [{diag.sqlstate}]: {diag.message_primary}\n"
                f"[SQL: {exc.statement}]"
            ) from None
        except UnicodeEncodeError:  # a lone surrogate pasted into a field
            raise InvalidInput(_UNSTORABLE) from None
        except ValueError as exc:  # sqlite3: "the query contains a null character"
            if "null character" not in str(exc):
                raise
            raise InvalidInput(_UNSTORABLE) from None

    def _where(self) -> str:
        url = make_url(self.url)
        if url.get_backend_name() == "sqlite":
            return str(Path(url.database or "").resolve())
        return self.describe()

    def dispose(self) -> None:
        self.engine.dispose()


_UNSTORABLE = QT_TRANSLATE_NOOP(
    "KcpError", "The input contains characters that cannot be stored. Nothing was saved."
)
_SQLITE_FAULTS: dict[str, tuple[type[DatabaseUnavailable], str]] = {
    code: fault
    for codes, fault in (
        (
            ("SQLITE_BUSY", "SQLITE_LOCKED"),
            (
                DatabaseBusy,
                QT_TRANSLATE_NOOP(
                    "KcpError",
                    "Another program is writing to the database and did not finish in "
                    "time. Nothing was saved; try again in a moment. Your input is kept.",
                ),
            ),
        ),
        (
            ("SQLITE_READONLY",),
            (
                DatabaseReadOnly,
                QT_TRANSLATE_NOOP(
                    "KcpError",
                    "The database file {where} is read-only, so nothing was saved. Check "
                    "its permissions (and the folder's), then try again. Your input is kept.",
                ),
            ),
        ),
        (
            ("SQLITE_FULL",),
            (
                DatabaseFull,
                QT_TRANSLATE_NOOP(
                    "KcpError",
                    "The disk holding {where} is full, so nothing was saved. Free some "
                    "space, then try again. Your input is kept.",
                ),
            ),
        ),
        (
            ("SQLITE_CORRUPT", "SQLITE_NOTADB"),
            (
                DatabaseCorrupt,
                QT_TRANSLATE_NOOP(
                    "KcpError",
                    "The database file {where} is damaged or not a kcp-desk database. "
                    "Nothing was saved. Close the desk and restore the file from a backup.",
                ),
            ),
        ),
        (
            ("SQLITE_CANTOPEN", "SQLITE_IOERR"),
            (
                DatabaseUnavailable,
                QT_TRANSLATE_NOOP(
                    "KcpError",
                    "The database file {where} cannot be read or written. Nothing was "
                    "saved. Your input is kept.",
                ),
            ),
        ),
    )
    for code in codes
}
_UNREACHABLE = QT_TRANSLATE_NOOP("KcpError", "The database cannot be reached. Your input is kept.")
_SLOW = QT_TRANSLATE_NOOP(
    "KcpError",
    "The database did not answer in time, so nothing was saved. Try again; your input is kept.",
)


def _map_fault(exc: DBAPIError, where: str) -> KcpError | None:
    """The expected fault behind ``exc``, or None for a bug."""
    orig = exc.orig
    name = getattr(orig, "sqlite_errorname", None)
    if isinstance(name, str):
        base = "_".join(name.split("_")[:2])  # SQLITE_BUSY_SNAPSHOT -> SQLITE_BUSY
        if base in _SQLITE_FAULTS:
            cls, template = _SQLITE_FAULTS[base]
            return cls(template, where=where)
        return None
    state = str(getattr(orig, "sqlstate", "") or "")
    if exc.connection_invalidated or state.startswith(("08", "57P")):
        return DatabaseUnavailable(_UNREACHABLE)
    if state == "57014":  # statement_timeout
        return DatabaseSlow(_SLOW)
    if state in {"40001", "40P01", "55P03"}:
        return DatabaseBusy(_SQLITE_FAULTS["SQLITE_BUSY"][1])
    if state == "25006":
        return DatabaseReadOnly(
            QT_TRANSLATE_NOOP(
                "KcpError",
                "The database server {where} accepts no changes right now "
                "(read-only). Your input is kept.",
            ),
            where=where,
        )
    if state == "53100":
        return DatabaseFull(
            QT_TRANSLATE_NOOP(
                "KcpError",
                "The database server {where} has run out of disk space. "
                "Nothing was saved; your input is kept.",
            ),
            where=where,
        )
    if isinstance(exc, DataError) or state.startswith("22"):
        return InvalidInput(_UNSTORABLE)
    if isinstance(exc, OperationalError) and "connection" in str(orig).lower():
        return DatabaseUnavailable(_UNREACHABLE)
    return None
