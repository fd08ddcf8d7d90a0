"""Shared fixtures: isolated user directories, an in-memory keyring, and a fresh
migrated database per test on SQLite AND on a real PostgreSQL server."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import keyring.backend
import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import IntegrityError, ProgrammingError

from kcp_desk import db as db_module
from kcp_desk.db import Database
from kcp_desk.db_roles import create_desk_role, grant_desk_role
from kcp_desk.models.agents import Role
from kcp_desk.security.sealing import KdfParams
from kcp_desk.services.agents import provision_agent
from tests.pg_proxy import TcpProxy

PG_URL_ENV = "KCP_DESK_TEST_DATABASE_URL"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A secure-looking backend that lives only in this process: tests never see
    the developer's keychain."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "kcp-data"
    monkeypatch.setenv("KCP_DESK_DATA_DIR", str(data))
    monkeypatch.delenv("KCP_DESK_DATABASE_URL", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    return data


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


# --- databases -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = Database(f"sqlite:///{path}")
    db.migrate()
    db.dispose()
    return path


@pytest.fixture(scope="session")
def pg_admin_url() -> str | None:
    url = os.environ.get(PG_URL_ENV)
    if not url and os.environ.get("CI"):
        pytest.fail(f"{PG_URL_ENV} is not set: CI must test PostgreSQL too")
    return url


@pytest.fixture(scope="session")
def pg_template(pg_admin_url: str | None) -> Iterator[str | None]:
    if not pg_admin_url:
        yield None
        return
    name = f"kcp_template_{os.getpid()}"
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    owner = Database(make_url(pg_admin_url).set(database=name).render_as_string(False))
    owner.migrate()
    with owner.engine.begin() as conn:
        # the desks connect as a role that owns nothing; the tests do too
        with contextlib.suppress(IntegrityError, ProgrammingError), conn.begin_nested():
            create_desk_role(conn, PG_DESK_ROLE)
        grant_desk_role(conn, PG_DESK_ROLE)
    owner.dispose()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


_counter = itertools.count()
#: the role the desks connect as on PostgreSQL (created once per server)
PG_DESK_ROLE = "kcp_desk_test"
_OWNER_URLS: dict[str, str] = {}


@pytest.fixture
def owner_database(database: Database) -> Iterator[Database]:
    """The same database with the owner's rights: what an attacker with owner rights,
    or the migration tool, has. The desk itself never connects like this."""
    owner = Database(_OWNER_URLS.get(database.url, database.url), owner=True)
    yield owner
    owner.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    sqlite_template: Path,
    pg_admin_url: str | None,
    pg_template: str | None,
) -> Iterator[Database]:
    """A fresh, migrated database; every database test runs on both backends."""
    if request.param == "sqlite":
        path = tmp_path / "test.sqlite3"
        shutil.copy(sqlite_template, path)
        db = Database(f"sqlite:///{path}")
        yield db
        _settle_workers()
        db.dispose()
        return
    if not pg_admin_url or not pg_template:
        pytest.skip(f"PostgreSQL not configured ({PG_URL_ENV})")
    name = f"kcp_test_{os.getpid()}_{next(_counter)}"
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}" STRATEGY FILE_COPY'))
    owner_url = make_url(pg_admin_url).set(database=name)
    db = Database(owner_url.set(username=PG_DESK_ROLE, password=None).render_as_string(False))
    _OWNER_URLS[db.url] = owner_url.render_as_string(False)
    yield db
    _settle_workers()
    db.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _settle_workers() -> None:
    """A view's worker still in flight (the billing tab's next page) holds a connection:
    it must end before the pool goes, or its connection outlives the pool unclosed and
    psycopg's ResourceWarning surfaces in whatever test runs when it is collected."""
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is not None:
        qtcore.QThreadPool.globalInstance().waitForDone(10_000)


# --- agents ------------------------------------------------------------------------------

#: cheap Argon2id parameters: safe in tests because each blob carries its own parameters
FAST_KDF = KdfParams(memory_kib=64, iterations=1, lanes=1)
PASSPHRASES = {"anna": "anna-test-passphrase", "lea": "lea-test-passphrase"}


@pytest.fixture
def agents(database: Database) -> dict[str, int]:
    """Two agents on the fresh database: anna (agent) and lea (lead); name -> id."""
    ids = {}
    with database.transaction() as s:
        for name, role in (("anna", Role.AGENT), ("lea", Role.LEAD)):
            agent, _ = provision_agent(
                s,
                username=name,
                display_name=name.title(),
                role=role,
                passphrase=PASSPHRASES[name],
                kdf=FAST_KDF,
            )
            ids[name] = agent.id
    return ids


def change_agent(db: Database, agent_id: int, change: str) -> None:
    """What an admin does while the agent is still logged in: "demoted" (to agent) or
    "disabled"."""
    from kcp_desk.models.agents import Agent

    with db.transaction() as s:
        agent = s.get(Agent, agent_id)
        assert agent is not None
        if change == "demoted":
            agent.role = Role.AGENT
        else:
            agent.active = False
            agent.disabled_at = dt.datetime.now(dt.UTC)


# --- faults -------------------------------------------------------------------------------


@pytest.fixture
def proxy(database: Database) -> Iterator[TcpProxy]:
    """A loopback proxy in front of the PostgreSQL test database (tests/pg_proxy.py):
    ``black_hole()`` makes the network go silent, ``reset()`` cuts it."""
    if database.dialect != "postgresql":
        pytest.skip("a PostgreSQL network fault")
    url = make_url(database.url)
    with TcpProxy(url.host or "127.0.0.1", url.port or 5432) as proxy:
        yield proxy


@pytest.fixture
def proxied_database(
    database: Database, proxy: TcpProxy, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Database]:
    """The test database, reached through the proxy, with short time-outs."""
    monkeypatch.setattr(db_module, "STATEMENT_TIMEOUT_MS", 400)
    monkeypatch.setattr(db_module, "ANSWER_GRACE_MS", 300)
    monkeypatch.setattr(db_module, "PING_TIMEOUT_MS", 300)
    monkeypatch.setattr(db_module, "CONNECT_TIMEOUT_S", 2)  # libpq's minimum
    url = make_url(database.url).set(host="127.0.0.1", port=proxy.port)
    proxied = Database(url.render_as_string(False))
    yield proxied
    proxied.dispose()


@pytest.fixture
def hold_write_lock(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[], Callable[[], None]]]:
    """Another program takes SQLite's write lock; the desk waits 300 ms, not 5 s. Returns
    a function that takes the lock and gives back the one that lets it go."""
    if database.dialect != "sqlite":
        pytest.skip("a SQLite write lock")
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 300)
    holders: list[subprocess.Popen[str]] = []

    def release(holder: subprocess.Popen[str]) -> None:
        if holder.poll() is None:
            holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()

    def take() -> Callable[[], None]:
        database.dispose()  # new connections get the short busy time-out
        holder = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None);"
                "c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(30)",
                database.url.split(":///", 1)[1],
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        holders.append(holder)
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        return lambda: release(holder)

    yield take
    for holder in holders:
        release(holder)
