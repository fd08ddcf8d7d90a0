"""The audit chain (SPEC A-1): verify names the first bad entry."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from kcp_desk.db import Database
from kcp_desk.models.audit import AuditEntry
from kcp_desk.services import audit
from kcp_desk.services.auth import AuthService
from tests.conftest import PASSPHRASES


def _chain(database: Database, n: int) -> None:
    session = AuthService(database).login("anna", PASSPHRASES["anna"]).session
    with database.transaction() as s:
        for i in range(n):
            audit.append(
                s,
                "customer_opened",
                {"customer": i},
                agent_id=session.principal.agent_id,
                keys=session.keys,
            )


def _drop_guard(database: Database) -> None:
    """Simulate an attacker with owner rights who removed the append-only guard."""
    with database.engine.begin() as conn:
        if database.dialect == "postgresql":
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        else:
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
            conn.execute(text("DROP TRIGGER audit_log_no_delete"))


def test_intact_chain_verifies(database: Database, agents: dict[str, int]) -> None:
    _chain(database, 5)
    result = audit.verify(database)
    assert result.ok
    assert result.checked == 6  # the login plus five entries


def test_edited_entry_is_named(database: Database, agents: dict[str, int]) -> None:
    _chain(database, 5)
    _drop_guard(database)
    with database.engine.begin() as conn:
        conn.execute(
            text("UPDATE audit_log SET canonical = replace(canonical, :old, :new) WHERE seq = 5"),
            {"old": '"customer":3', "new": '"customer":4'},
        )
    result = audit.verify(database)
    assert result.first_bad_seq == 5
    assert result.checked == 4


def test_deleted_entry_is_named(database: Database, agents: dict[str, int]) -> None:
    _chain(database, 5)
    _drop_guard(database)
    with database.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE seq = 3"))
    assert audit.verify(database).first_bad_seq == 4


def test_forged_signature_is_named(database: Database, agents: dict[str, int]) -> None:
    _chain(database, 3)
    _drop_guard(database)
    with database.engine.begin() as conn:
        conn.execute(
            text("UPDATE audit_log SET signature = :sig WHERE seq = 2"), {"sig": b"\x00" * 64}
        )
    result = audit.verify(database)
    assert (result.first_bad_seq, result.reason) == (2, "signature invalid")


def test_secrets_are_refused_as_details(database: Database, agents: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="secret"), database.transaction() as s:
        audit.append(s, "x", {"phone_password": "1234"})
    with database.session_factory() as s:
        assert s.scalars(select(AuditEntry)).all() == []
