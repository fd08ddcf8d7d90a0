"""The command line tools: `kcp-desk audit verify`."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import make_url, text

from kcp_desk.cli import main
from kcp_desk.db import Database
from kcp_desk.services.auth import AuthService
from tests.conftest import PASSPHRASES


def test_audit_verify_reports_ok(
    database: Database, agents: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    AuthService(database).login("anna", PASSPHRASES["anna"])
    assert main(["audit", "verify", "--database-url", database.url]) == 0
    assert "Audit log OK: 1 entry, chain and signatures valid" in capsys.readouterr().out


def test_db_create_roles_and_upgrade(
    database: Database, owner_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """The owner creates the desk role; a desk connected as it may append to the audit
    log but cannot change its guard (A-3)."""
    if database.dialect != "postgresql":
        assert main(["db", "create-roles", "--database-url", database.url]) == 1
        return
    role = f"kcp_cli_{os.getpid()}"
    url = owner_database.url
    try:
        assert main(["db", "create-roles", "--database-url", url, "--desk-role", role]) == 0
        out = capsys.readouterr().out
        assert f"Desk role {role} created" in out
        assert main(["db", "upgrade", "--database-url", url, "--desk-role", role]) == 0
        head = owner_database.schema_revisions()[1]
        assert f"{head} -> {head}" in capsys.readouterr().out
        desk = Database(make_url(url).set(username=role).render_as_string(False))
        try:
            with desk.transaction() as s:
                s.execute(text("SELECT count(*) FROM audit_log"))
            for statement in (
                "ALTER TABLE audit_log DISABLE TRIGGER USER",
                "DELETE FROM audit_log",
                "UPDATE audit_log SET action = 'x'",
                "TRUNCATE audit_log",
                "DROP TABLE audit_log",
                "DROP TRIGGER invoices_immutable ON invoices",
            ):
                refused = pytest.raises(Exception, match=r"permission denied|must be owner")
                with refused, desk.engine.begin() as conn:
                    conn.execute(text(statement))
        finally:
            desk.dispose()
    finally:
        with owner_database.engine.begin() as conn:
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
