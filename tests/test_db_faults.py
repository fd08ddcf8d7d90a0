"""Every expected database fault is a KcpError from Database.transaction (SPEC §4)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import event, text

from kcp_desk.db import Database
from kcp_desk.errors import (
    DatabaseBusy,
    DatabaseCorrupt,
    DatabaseFull,
    DatabaseMissing,
    DatabaseReadOnly,
    DatabaseSlow,
    DatabaseUnavailable,
    InvalidInput,
)

_WRITE = "UPDATE customers SET phone = :v WHERE id = -1"


def _sqlite(database: Database) -> Path:
    if database.dialect != "sqlite":
        pytest.skip("a SQLite file fault")
    return Path(database.url.split(":///", 1)[1])


def _write(database: Database, value: str = "Köln") -> None:
    with database.transaction() as s:
        s.execute(text(_WRITE), {"v": value})


def test_a_write_lock_held_by_another_process_is_busy(
    database: Database, hold_write_lock: Callable[[], Callable[[], None]]
) -> None:
    release = hold_write_lock()
    try:
        with pytest.raises(DatabaseBusy, match="Another program is writing"):
            _write(database)
    finally:
        release()
    _write(database)  # and it works again once the lock is gone


def test_a_read_only_database_names_the_file(database: Database) -> None:
    path = _sqlite(database)
    event.listen(database.engine, "connect", lambda c, _r: c.execute("PRAGMA query_only = 1"))
    database.dispose()
    with pytest.raises(DatabaseReadOnly, match=r"read-only") as caught:
        _write(database)
    assert str(path.resolve()) in str(caught.value)


def test_a_full_disk_is_a_message(database: Database) -> None:
    _sqlite(database)
    with database.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    event.listen(
        database.engine, "connect", lambda c, _r: c.execute(f"PRAGMA max_page_count = {pages}")
    )
    database.dispose()
    with pytest.raises(DatabaseFull, match="full"), database.transaction() as s:
        s.execute(text("CREATE TABLE filler (b BLOB)"))
        s.execute(text("INSERT INTO filler VALUES (randomblob(4000000))"))


def test_a_file_that_is_not_a_database_is_named(database: Database) -> None:
    path = _sqlite(database)
    database.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"this is no database" * 500)
    fresh = Database(database.url)
    try:
        with pytest.raises(DatabaseCorrupt, match="damaged") as caught:
            _write(fresh)
        assert str(path.resolve()) in str(caught.value)
    finally:
        fresh.dispose()


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_a_deleted_or_replaced_file_is_noticed(database: Database, how: str) -> None:
    path = _sqlite(database)
    _write(database)  # the desk has used the file
    moved = path.with_suffix(".old")
    path.rename(moved)
    if how == "replaced":
        path.write_bytes(moved.read_bytes())
    with pytest.raises(DatabaseMissing, match="deleted or replaced"):
        _write(database)


def test_nul_and_lone_surrogates_are_input_errors(database: Database) -> None:
    with pytest.raises(InvalidInput, match="cannot be stored"):
        _write(database, "Kö\udcffln")
    if database.dialect == "postgresql":
        with pytest.raises(InvalidInput, match="cannot be stored"):
            _write(database, "Kö\x00ln")
    _write(database)


def test_a_statement_time_out_is_slow(database: Database) -> None:
    if database.dialect != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's")
    with pytest.raises(DatabaseSlow, match="did not answer in time"), database.transaction() as s:
        s.execute(text("SET LOCAL statement_timeout = 50"))
        s.execute(text("SELECT pg_sleep(2)"))


def test_the_desk_has_a_statement_time_out(database: Database) -> None:
    if database.dialect != "postgresql":
        pytest.skip("PostgreSQL")
    with database.read() as s:
        assert s.scalar(text("SHOW statement_timeout")) == "10s"


def test_a_terminated_backend_is_unavailable_then_works_again(
    database: Database, owner_database: Database
) -> None:
    if database.dialect != "postgresql":
        pytest.skip("PostgreSQL")
    with pytest.raises(DatabaseUnavailable, match="cannot be reached"), database.read() as s:
        pid = s.scalar(text("SELECT pg_backend_pid()"))
        with owner_database.engine.connect() as admin:
            admin.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
        s.execute(text("SELECT 1"))
    with database.read() as s:
        assert s.scalar(text("SELECT 1")) == 1


def test_sql_parameters_never_reach_error_text(database: Database) -> None:
    """Parameters are personal data: a bug's traceback (and the crash log) shows the SQL
    but not the values (``hide_parameters``)."""
    secret = "Geheimstraße 7 DE89370400440532013000"
    with pytest.raises(Exception) as caught, database.transaction() as s:
        s.execute(
            text("INSERT INTO agents (id, username) VALUES (:id, :name)"),
            {"id": -1, "name": secret},
        )
    assert "INSERT INTO agents" in str(caught.value)
    assert secret not in str(caught.value)
    assert "Geheim" not in repr(caught.value)
