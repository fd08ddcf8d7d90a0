"""Login is unsealing (SPEC V-1), failures are audited, lock drops the keys (V-6)."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import null
from sqlalchemy import select

from kcp_desk.db import Database
from kcp_desk.errors import KeyringUnavailable, PermissionDenied, WrongPassphrase
from kcp_desk.models.agents import Agent
from kcp_desk.models.audit import AuditEntry
from kcp_desk.services import audit
from kcp_desk.services.auth import AuthService
from tests.conftest import PASSPHRASES, MemoryKeyring


def _actions(db: Database) -> list[str]:
    with db.session_factory() as s:
        return list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))


def test_login_unseals_the_keys(database: Database, agents: dict[str, int]) -> None:
    result = AuthService(database).login("anna", PASSPHRASES["anna"])
    session = result.session
    assert session.principal.username == "anna"
    assert session.principal.role == "agent"
    with database.session_factory() as s:
        agent = s.get(Agent, agents["anna"])
        assert agent is not None
        assert session.keys.x25519_public == agent.x25519_public
    assert _actions(database) == ["login"]
    assert audit.verify(database).ok


def test_user_name_is_trimmed(database: Database, agents: dict[str, int]) -> None:
    assert AuthService(database).login("  anna ", PASSPHRASES["anna"]).session


def test_wrong_passphrase_is_refused_and_audited(
    database: Database, agents: dict[str, int]
) -> None:
    with pytest.raises(WrongPassphrase) as err:
        AuthService(database).login("anna", "not-the-passphrase")
    assert "not-the-passphrase" not in str(err.value)
    assert _actions(database) == ["login_failed"]
    with database.session_factory() as s:
        entry = s.scalars(select(AuditEntry)).one()
    assert entry.signature is None  # nobody is logged in to sign it
    assert "not-the-passphrase" not in entry.canonical
    assert audit.verify(database).ok


def test_unknown_user_gets_the_same_answer(database: Database, agents: dict[str, int]) -> None:
    with pytest.raises(WrongPassphrase) as err:
        AuthService(database).login("mallory", "whatever-it-is-12")
    assert str(err.value) == "User name or passphrase is wrong."


def test_disabled_agent_cannot_log_in(database: Database, agents: dict[str, int]) -> None:
    with database.transaction() as s:
        agent = s.get(Agent, agents["anna"])
        assert agent is not None
        agent.active = False
    with pytest.raises(PermissionDenied):
        AuthService(database).login("anna", PASSPHRASES["anna"])


def test_lock_drops_keys_and_unlock_needs_the_passphrase(
    database: Database, agents: dict[str, int]
) -> None:
    auth = AuthService(database)
    session = auth.login("lea", PASSPHRASES["lea"]).session
    auth.lock(session, reason="idle")
    assert session.locked
    with pytest.raises(RuntimeError):
        _ = session.keys
    with pytest.raises(WrongPassphrase):
        auth.unlock(session, PASSPHRASES["anna"])  # another agent's passphrase
    assert session.locked
    auth.unlock(session, PASSPHRASES["lea"])
    assert not session.locked
    assert _actions(database) == ["login", "lock", "login_failed", "unlock"]
    assert audit.verify(database).ok


def test_remember_on_this_workstation(
    database: Database, agents: dict[str, int], memory_keyring: MemoryKeyring
) -> None:
    auth = AuthService(database)
    result = auth.login("anna", PASSPHRASES["anna"], remember=True)
    assert result.remembered_in  # the user is told where the device key went
    assert len(memory_keyring.items) == 1
    stored = next(iter(memory_keyring.items.values()))
    assert PASSPHRASES["anna"] not in stored
    assert auth.has_remembered("anna")
    session = auth.login_remembered("anna")
    assert session is not None
    assert session.keys.x25519_public == result.session.keys.x25519_public
    auth.forget_workstation("anna")
    assert auth.login_remembered("anna") is None


def test_remembered_key_of_another_database_does_not_open(
    database: Database, agents: dict[str, int], memory_keyring: MemoryKeyring
) -> None:
    auth = AuthService(database)
    auth.login("anna", PASSPHRASES["anna"], remember=True)
    # the device key exists, but the seal in the database is gone (e.g. keys rotated)
    with database.transaction() as s:
        agent = s.get(Agent, agents["anna"])
        assert agent is not None
        agent.key_version += 1
    assert auth.login_remembered("anna") is None


def test_remember_without_secure_keyring_is_refused(
    database: Database, agents: dict[str, int]
) -> None:
    keyring.set_keyring(null.Keyring())
    auth = AuthService(database)
    assert auth.remember_option().backend is None
    with pytest.raises(KeyringUnavailable):
        auth.login("anna", PASSPHRASES["anna"], remember=True)
