"""Engine, sessions and migrations: the one place that knows which database we are on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from kcp_desk.errors import QT_TRANSLATE_NOOP, DatabaseUnavailable
from kcp_desk.settings import describe_database

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # pre_ping turns a restarted server into a fresh connection instead of an error
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


def alembic_config(url: str) -> Config:
    from alembic.config import Config  # alembic is only needed when migrating

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


class Database:
    """Owns the engine and the session factory; one Session per user action."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.session_factory = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def migrate(self) -> None:
        """Bring the schema to the newest revision (run at start-up on both databases)."""
        from alembic import command

        cfg = alembic_config(self.url)
        with self.engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")

    def describe(self) -> str:
        return describe_database(self.url)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action = one transaction; connection faults become an expected error."""
        try:
            with self.session_factory.begin() as session:
                yield session
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
