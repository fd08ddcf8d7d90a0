"""The Alembic chain and the ORM models describe the same schema, on both databases."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from kcp_desk.db import Database
from kcp_desk.migrations import include_name
from kcp_desk.models import Base


def test_models_and_migrations_agree(database: Database) -> None:
    with database.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": include_name}
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_migrating_twice_is_a_no_op(database: Database) -> None:
    database.migrate()
    with database.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() is not None


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"]
)
def test_audit_log_refuses_update_and_delete(database: Database, statement: str) -> None:
    with database.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO audit_log (seq, at, action, canonical, prev_hash, entry_hash) "
                "VALUES (1, CURRENT_TIMESTAMP, 'system', '{}', :p, :h)"
            ),
            {"p": "0" * 64, "h": "1" * 64},
        )
    with pytest.raises(DatabaseError, match="append-only"), database.engine.begin() as conn:
        conn.execute(text(statement))


def test_audit_log_refuses_truncate_on_postgresql(database: Database) -> None:
    if database.dialect != "postgresql":
        pytest.skip("TRUNCATE exists on PostgreSQL only")
    with pytest.raises(DatabaseError, match="append-only"), database.engine.begin() as conn:
        conn.execute(text("TRUNCATE audit_log"))
