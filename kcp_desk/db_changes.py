"""Live updates (SPEC §1, C4 T-7): "something changed in the database", from any desk.

A :class:`ChangeFeed` runs one daemon thread that watches the database and calls
``on_change(full)`` from that thread:

- PostgreSQL: a connection of its own (not from the desk's pool: waiting for
  notifications is silence by design, which ``db._bound_waits`` would cut off) does
  ``LISTEN kcp_changes``; the triggers of migration 0007 notify at every commit that
  wrote tickets, ticket messages or support orders. One call per batch of notifications.
- SQLite: a read-only connection of its own polls ``PRAGMA data_version`` every
  :data:`POLL_S` seconds; it changes whenever another connection (another desk, or this
  desk's own pool) committed anything.

``full=True`` means "changes may have been missed, refresh everything": it follows a
reconnect (server restart, dropped connection) or a database file that came back. The
feed never raises out of its thread and calls as often as changes arrive; the consumer
coalesces. Start the feed before the first load, so nothing falls between the two.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import make_url

from kcp_desk.db import (
    CONNECT_TIMEOUT_S,
    KEEPALIVES_COUNT,
    KEEPALIVES_IDLE_S,
    KEEPALIVES_INTERVAL_S,
    TCP_USER_TIMEOUT_MS,
    Database,
)

log = logging.getLogger(__name__)

#: the NOTIFY channel of migration 0007
CHANNEL = "kcp_changes"
#: how the listener shows up in pg_stat_activity
APPLICATION_NAME = "kcp-desk live"
#: SQLite: how often data_version is read; PostgreSQL: how long one wait for
#: notifications lasts before the stop flag is looked at again
POLL_S = 0.5
#: waits between reconnect attempts: 0.5 s, 1 s, 2 s, 4 s, then every 5 s
FIRST_RETRY_S = 0.5
MAX_RETRY_S = 5.0
#: how long stop() waits for the thread
STOP_WAIT_S = 1.0

OnChange = Callable[[bool], None]


class ChangeFeed:
    """Watches one database for commits and reports them to ``on_change`` (see module)."""

    def __init__(self, db: Database, on_change: OnChange) -> None:
        self._url = db.url
        self._dialect = db.dialect
        self._on_change = on_change
        self._stop = threading.Event()
        self._watching = threading.Event()
        self._thread: threading.Thread | None = None
        parsed = make_url(db.url)
        self._file = (
            Path(parsed.database).resolve()
            if self._dialect == "sqlite" and parsed.database not in (None, "", ":memory:")
            else None
        )

    @property
    def active(self) -> bool:
        """The feed watches something (not an in-memory SQLite database) and runs."""
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start watching (once; a stopped feed stays stopped)."""
        if self._thread is not None or self._stop.is_set():
            return
        if self._dialect == "sqlite" and self._file is None:
            return  # an in-memory database: no other connection can change it
        if self._dialect not in ("sqlite", "postgresql"):
            log.warning("live updates: no change feed for %s", self._dialect)
            return
        self._thread = threading.Thread(target=self._run, name="kcp-desk live", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop and wait for the thread (at most about :data:`STOP_WAIT_S`); idempotent.

        Safe from the GUI thread at close. A thread still inside a connection attempt
        to an unreachable server ends by itself when that attempt times out, and
        closes what it opened; no ``on_change`` comes after stop()."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(STOP_WAIT_S)

    def wait_watching(self, timeout: float) -> bool:
        """Wait until the feed has its connection and listens (tests, diagnostics)."""
        return self._watching.wait(timeout)

    # --- the thread ---------------------------------------------------------------------

    def _run(self) -> None:
        watch = self._watch_postgresql if self._dialect == "postgresql" else self._watch_sqlite
        missed = False  # a failure happened: the next success is a full refresh
        delay = FIRST_RETRY_S
        while not self._stop.is_set():
            try:
                for _ in watch():  # yields once when connected, then watches until stop
                    delay = FIRST_RETRY_S
                    self._watching.set()
                    if missed:
                        log.info("live updates: connected again")
                        self._emit(True)
                    missed = False
            except Exception as exc:  # the thread must never die of it
                if not missed:
                    log.warning("live updates: %s: %s", type(exc).__name__, exc)
                else:
                    log.debug("live updates still failing: %s: %s", type(exc).__name__, exc)
                missed = True
            finally:
                self._watching.clear()
            if self._stop.wait(delay):
                break
            delay = min(delay * 2, MAX_RETRY_S)

    def _emit(self, full: bool) -> None:
        if self._stop.is_set():
            return
        try:
            self._on_change(full)
        except Exception:  # a bug in the consumer: log it, keep watching
            log.exception("live updates: the change handler failed")

    def _watch_postgresql(self) -> Iterator[None]:
        import psycopg

        with psycopg.connect(**self._pg_params(), autocommit=True) as conn:
            conn.execute(f"LISTEN {CHANNEL}")
            yield
            while not self._stop.is_set():
                # stop_after=1: back at the first packet of notifications, not at the
                # end of the wait; the rest of a burst is in the next round
                if any(True for _ in conn.notifies(timeout=POLL_S, stop_after=1)):
                    self._emit(False)
                elif conn.closed or conn.broken:
                    raise psycopg.OperationalError("the listening connection was closed")

    def _pg_params(self) -> dict[str, Any]:
        """The desk's own connection parameters (host, user, TLS options of the URL),
        with the time-outs and keepalives of ``kcp_desk.db``; no statement_timeout, no
        bound on silence."""
        from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg

        # SQLAlchemy's own translation of the URL, as for the desk's engine
        url = make_url(self._url).set(drivername="postgresql+psycopg")
        dialect = PGDialect_psycopg()  # type: ignore[no-untyped-call]
        _, params = dialect.create_connect_args(url)  # type: ignore[no-untyped-call]
        params.pop("context", None)  # the engine's type adapters: not needed for LISTEN
        return {
            **params,
            "connect_timeout": CONNECT_TIMEOUT_S,
            "keepalives": 1,
            "keepalives_idle": KEEPALIVES_IDLE_S,
            "keepalives_interval": KEEPALIVES_INTERVAL_S,
            "keepalives_count": KEEPALIVES_COUNT,
            "tcp_user_timeout": TCP_USER_TIMEOUT_MS,
            "application_name": APPLICATION_NAME,
        }

    def _watch_sqlite(self) -> Iterator[None]:
        path = self._file
        assert path is not None
        st = path.stat()  # gone: FileNotFoundError, and a retry (mode=ro never creates)
        identity = (st.st_dev, st.st_ino)
        conn = sqlite3.connect(
            f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None, check_same_thread=True
        )
        with contextlib.closing(conn):
            version = _data_version(conn)
            yield
            while not self._stop.wait(POLL_S):
                st = path.stat()
                if (st.st_dev, st.st_ino) != identity:
                    raise FileNotFoundError(f"{path.name} was replaced")
                now = _data_version(conn)
                if now != version:
                    version = now
                    self._emit(False)


def _data_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA data_version").fetchone()
    return int(row[0])
