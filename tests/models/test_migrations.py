"""The Alembic chain and the ORM models describe the same schema, on both databases;
the guards of the audit log (A-3) and of issued invoices (PAY-1) hold even for the owner."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, make_url, select, text
from sqlalchemy.exc import DatabaseError

from kcp_desk.db import Database
from kcp_desk.db_roles import grant_desk_role
from kcp_desk.errors import SchemaOutdated
from kcp_desk.migrations import include_name
from kcp_desk.models import Base
from kcp_desk.models.billing import Invoice, InvoicePosition
from kcp_desk.services.demo import populate
from tests.conftest import FAST_KDF, PG_DESK_ROLE


# the priority rank's expression indexes (0009) cannot be reflected; include_name leaves
# them out of the comparison, but SQLite's reflection warns about them first
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_models_and_migrations_agree(database: Database) -> None:
    with database.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": include_name}
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def _schema(db: Database) -> list[tuple[str, ...]]:
    """Every table, index and trigger with its definition, plus the revision."""
    with db.engine.connect() as conn:
        revision = MigrationContext.configure(conn).get_current_revision()
        if db.dialect == "sqlite":
            rows = conn.execute(text("SELECT type, name, sql FROM sqlite_master ORDER BY 2"))
        else:
            rows = conn.execute(
                text(
                    "SELECT 'index', indexname, indexdef FROM pg_indexes "
                    "WHERE schemaname = 'public' UNION ALL "
                    "SELECT 'trigger', tgname, pg_get_triggerdef(oid) FROM pg_trigger "
                    "WHERE NOT tgisinternal UNION ALL "
                    "SELECT 'column', table_name || '.' || column_name, data_type "
                    "FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 2"
                )
            )
        return [("revision", str(revision))] + [tuple(map(str, r)) for r in rows]


def test_migrating_twice_is_a_no_op(database: Database, owner_database: Database) -> None:
    before = _schema(owner_database)
    assert before[0] == ("revision", owner_database.schema_revisions()[1])
    owner_database.migrate()
    database.migrate()  # the desk at head: nothing to do, no owner rights needed
    assert _schema(owner_database) == before


def test_desk_role_cannot_migrate_an_outdated_schema(pg_admin_url: str | None) -> None:
    """On PostgreSQL the desks own nothing (A-3): an old schema is a message that asks
    for `kcp-desk db upgrade`, not a half-run migration."""
    if not pg_admin_url:
        pytest.skip("PostgreSQL only")
    name = f"kcp_outdated_{os.getpid()}"
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(pg_admin_url).set(database=name)
    owner = Database(url.render_as_string(False))
    with owner.engine.begin() as conn:
        conn.execute(text("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)"))
        conn.execute(text("INSERT INTO alembic_version VALUES ('0003')"))
        grant_desk_role(conn, PG_DESK_ROLE)
    owner.dispose()
    desk = Database(url.set(username=PG_DESK_ROLE).render_as_string(False))
    try:
        head = desk.schema_revisions()[1]
        with pytest.raises(SchemaOutdated, match=rf"\(0003, needs {head}\).*kcp-desk db upgrade"):
            desk.migrate()
    finally:
        desk.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _one_audit_entry(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO audit_log (seq, at, action, canonical, prev_hash, entry_hash) "
                "VALUES (1, CURRENT_TIMESTAMP, 'login_failed', '{}', :p, :h)"
            ),
            {"p": "0" * 64, "h": "1" * 64},
        )


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"]
)
def test_audit_log_refuses_update_and_delete(
    database: Database, owner_database: Database, statement: str
) -> None:
    """Even the owner meets the triggers (the desk role has no such rights at all)."""
    _one_audit_entry(database)
    with pytest.raises(DatabaseError, match="append-only"), owner_database.engine.begin() as c:
        c.execute(text(statement))


def test_audit_log_refuses_truncate_on_postgresql(
    database: Database, owner_database: Database
) -> None:
    if database.dialect != "postgresql":
        pytest.skip("TRUNCATE exists on PostgreSQL only")
    with pytest.raises(DatabaseError, match="append-only"), owner_database.engine.begin() as c:
        c.execute(text("TRUNCATE audit_log"))


# --- PAY-1: issued invoices are immutable in the database ---------------------------------


@pytest.fixture
def invoice_id(owner_database: Database) -> int:
    populate(owner_database, customers=3, kdf=FAST_KDF, parallel=False)
    with owner_database.read() as s:
        found = s.scalar(select(Invoice.id).join(InvoicePosition).limit(1))
    assert found is not None
    return found


@pytest.mark.parametrize(
    "assignment",
    [
        "gross = gross + 1",
        "net = 0",
        "vat = 0",
        "number = 'RE-2026-999999'",
        "seq = seq + 1000",
        "issued_on = :day",
        "due_on = :day",
        "customer_id = customer_id",  # a no-op passes; see the next assertion
    ],
)
def test_issued_invoice_amounts_number_dates_are_refused(
    database: Database, owner_database: Database, invoice_id: int, assignment: str
) -> None:
    statement = text(f"UPDATE invoices SET {assignment} WHERE id = :id")  # noqa: S608
    params = {"id": invoice_id, "day": dt.date(2001, 1, 1)}
    for db in (database, owner_database):  # the desk and even the owner
        if assignment == "customer_id = customer_id":
            with db.engine.begin() as conn:
                conn.execute(statement, params)
            continue
        with pytest.raises(DatabaseError, match="immutable"), db.engine.begin() as conn:
            conn.execute(statement, params)


def test_invoice_state_and_payment_may_change(database: Database, invoice_id: int) -> None:
    with database.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE invoices SET state = 'paid', paid_amount = gross, version = version + 1 "
                "WHERE id = :id"
            ),
            {"id": invoice_id},
        )


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM invoices WHERE id = :id",
        "DELETE FROM invoice_positions WHERE invoice_id = :id",
        "UPDATE invoice_positions SET net = net + 1 WHERE invoice_id = :id",
        "UPDATE invoice_positions SET description = 'x' WHERE invoice_id = :id",
    ],
)
def test_issued_invoice_and_positions_cannot_be_deleted_or_edited(
    database: Database, owner_database: Database, invoice_id: int, statement: str
) -> None:
    refused = "immutable|permission denied"  # the desk role has no DELETE on invoices
    for db in (database, owner_database):
        with pytest.raises(DatabaseError, match=refused), db.engine.begin() as conn:
            conn.execute(text(statement), {"id": invoice_id})


@pytest.mark.parametrize(
    "statement",
    [
        "DROP TRIGGER invoices_immutable{on}",
        "DROP TABLE invoice_positions",
        "ALTER TABLE invoices DISABLE TRIGGER USER",
        "TRUNCATE invoices CASCADE",
    ],
)
def test_desk_cannot_drop_the_invoice_guards(
    database: Database, invoice_id: int, statement: str
) -> None:
    pg = database.dialect == "postgresql"
    if not pg and ("DISABLE" in statement or "TRUNCATE" in statement):
        pytest.skip("PostgreSQL statement")
    refused = "not authorized|must be owner|permission denied"
    with pytest.raises(DatabaseError, match=refused), database.engine.begin() as conn:
        conn.execute(text(statement.format(on=" ON invoices" if pg else "")))
