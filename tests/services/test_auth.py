"""Login is unsealing (SPEC V-1), failures are audited, lock drops the keys (V-6)."""

from __future__ import annotations

import json
import struct
from typing import Any

import keyring
import pytest
from keyring.backends import null
from sqlalchemy import func, select

from kcp_desk.db import Database
from kcp_desk.errors import InvalidInput, KeyringUnavailable, PermissionDenied, WrongPassphrase
from kcp_desk.models.agents import Agent, DeviceSeal, Role
from kcp_desk.models.audit import AuditEntry
from kcp_desk.security.sealing import (
    MAGIC,
    KdfParams,
    KdfPolicy,
    kdf_params_of,
    unseal_with_passphrase,
)
from kcp_desk.services import audit
from kcp_desk.services.agents import check_passphrase, provision_agent, seal_context
from kcp_desk.services.auth import UNKNOWN_USER, AuthService
from tests.conftest import FAST_KDF, PASSPHRASES, MemoryKeyring
from tests.security.keyrings import LockedKeyring, ReadOnlyKeyring


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


def _entries(db: Database, action: str) -> list[dict[str, Any]]:
    with db.session_factory() as s:
        rows = s.scalars(select(AuditEntry.canonical).where(AuditEntry.action == action))
        return [json.loads(c)["details"] for c in rows]


def _blob(db: Database, agent_id: int) -> bytes:
    with db.session_factory() as s:
        agent = s.get(Agent, agent_id)
        assert agent is not None
        return bytes(agent.sealed_keys)


def _set_blob(db: Database, agent_id: int, blob: bytes) -> None:
    with db.transaction() as s:
        agent = s.get(Agent, agent_id)
        assert agent is not None
        agent.sealed_keys = blob


def _device_seals(db: Database) -> int:
    with db.session_factory() as s:
        return s.scalar(select(func.count()).select_from(DeviceSeal)) or 0


def test_user_name_is_trimmed(database: Database, agents: dict[str, int]) -> None:
    session = AuthService(database).login("  anna ", PASSPHRASES["anna"]).session
    assert session.principal.username == "anna"
    assert session.principal.agent_id == agents["anna"]


def test_passphrases_need_twelve_characters(database: Database) -> None:
    check_passphrase("x" * 12)
    with pytest.raises(InvalidInput) as err:
        check_passphrase("x" * 11)
    assert str(err.value) == "The passphrase needs at least 12 characters."
    assert err.value.field == "passphrase"
    with pytest.raises(InvalidInput), database.transaction() as s:
        provision_agent(
            s,
            username="ida",
            display_name="Ida",
            role=Role.AGENT,
            passphrase="y" * 11,
            kdf=FAST_KDF,
        )
    with database.transaction() as s:
        provision_agent(
            s,
            username="ida",
            display_name="Ida",
            role=Role.AGENT,
            passphrase="y" * 12,
            kdf=FAST_KDF,
        )
    assert AuthService(database).login("ida", "y" * 12).session.principal.username == "ida"


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
    assert _entries(database, "login_failed") == [
        {"username": UNKNOWN_USER, "target_agent": None, "reason": ""}
    ]


def test_a_passphrase_typed_as_user_name_is_not_audited(
    database: Database, agents: dict[str, int]
) -> None:
    """The audit log is append-only and readable by colleagues: only real names go in."""
    with pytest.raises(WrongPassphrase):
        AuthService(database).login(PASSPHRASES["anna"], PASSPHRASES["anna"])
    with pytest.raises(WrongPassphrase):
        AuthService(database).login("anna", "not-the-passphrase")
    with database.session_factory() as s:
        canonical = " ".join(s.scalars(select(AuditEntry.canonical)))
    assert PASSPHRASES["anna"] not in canonical
    assert _entries(database, "login_failed") == [
        {"username": UNKNOWN_USER, "target_agent": None, "reason": ""},
        {"username": "anna", "target_agent": agents["anna"], "reason": ""},
    ]
    assert audit.verify(database).ok


def _rewrite_header(blob: bytes, **changes: object) -> bytes:
    (n,) = struct.unpack(">H", blob[len(MAGIC) : len(MAGIC) + 2])
    start = len(MAGIC) + 2
    header = {**json.loads(blob[start : start + n]), **changes}
    head = json.dumps(header).encode()
    return MAGIC + struct.pack(">H", len(head)) + head + blob[start + n :]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b[:14] + b"\xff" + b[15:], id="bad-utf8-header"),
        pytest.param(lambda b: b[:-7], id="truncated"),
        pytest.param(lambda b: _rewrite_header(b, m=4294967295), id="terabytes-of-memory"),
        pytest.param(lambda b: _rewrite_header(b, salt="%%%"), id="bad-salt"),
    ],
)
def test_a_damaged_blob_is_a_wrong_login_and_audited(
    database: Database, agents: dict[str, int], damage: Any
) -> None:
    _set_blob(database, agents["anna"], damage(_blob(database, agents["anna"])))
    with pytest.raises(WrongPassphrase) as err:
        AuthService(database).login("anna", PASSPHRASES["anna"])
    assert str(err.value) == "User name or passphrase is wrong."
    assert _entries(database, "login_failed") == [
        {"username": "anna", "target_agent": agents["anna"], "reason": "damaged"}
    ]
    assert audit.verify(database).ok


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
    assert result.remembered_in == "conftest MemoryKeyring"  # the user is told where
    assert result.remember_error is None
    assert _entries(database, "login") == [{"method": "passphrase", "remembered": True}]
    assert len(memory_keyring.items) == 1
    stored = next(iter(memory_keyring.items.values()))
    assert PASSPHRASES["anna"] not in stored
    assert auth.has_remembered("anna")
    assert not auth.has_remembered("lea")
    session = auth.login_remembered("anna")
    assert session is not None
    assert session.principal.username == "anna"
    assert session.keys._raw() == result.session.keys._raw()
    auth.forget_workstation("anna")
    assert not auth.has_remembered("anna")
    assert auth.login_remembered("anna") is None
    assert audit.verify(database).ok


def test_the_keyring_entry_name_reveals_neither_user_nor_database(
    database: Database, agents: dict[str, int], memory_keyring: MemoryKeyring
) -> None:
    AuthService(database).login("anna", PASSPHRASES["anna"], remember=True)
    [(service, entry)] = memory_keyring.items
    assert service == "kcp-desk"
    assert len(entry) == 64 and int(entry, 16) >= 0  # a SHA-256, nothing readable
    label = database.describe()  # "SQLite /tmp/…/test.sqlite3" or "PostgreSQL host:port/db"
    for part in ["anna", *label.replace(":", " ").replace("/", " ").split()]:
        assert part not in entry


def test_forgetting_the_workstation_invalidates_a_copied_device_key(
    database: Database, agents: dict[str, int], memory_keyring: MemoryKeyring
) -> None:
    """Someone who copied the keyring entry earlier cannot log in after "forget"."""
    auth = AuthService(database)
    auth.login("anna", PASSPHRASES["anna"], remember=True)
    copied = dict(memory_keyring.items)
    auth.forget_workstation("anna")
    assert memory_keyring.items == {}
    assert _device_seals(database) == 0
    memory_keyring.items.update(copied)  # the copy comes back
    assert auth.login_remembered("anna") is None
    [forgotten] = _entries(database, "workstation_forgotten")
    assert forgotten["seals_deleted"] == 1
    assert audit.verify(database).ok


def test_remembering_again_replaces_the_old_device_seal(
    database: Database, agents: dict[str, int], memory_keyring: MemoryKeyring
) -> None:
    auth = AuthService(database)
    auth.login("anna", PASSPHRASES["anna"], remember=True)
    copied = dict(memory_keyring.items)
    auth.login("anna", PASSPHRASES["anna"], remember=True)
    assert _device_seals(database) == 1
    memory_keyring.items.update(copied)
    assert auth.login_remembered("anna") is None


@pytest.mark.parametrize(
    ("backend", "message"),
    [
        (LockedKeyring(), "The keyring of this workstation is locked. Unlock it and try again."),
        (
            ReadOnlyKeyring(),
            "The keyring of this workstation cannot be used right now (PasswordSetError).",
        ),
    ],
)
def test_a_keyring_fault_does_not_stop_the_login(
    database: Database, agents: dict[str, int], backend: MemoryKeyring, message: str
) -> None:
    keyring.set_keyring(backend)
    auth = AuthService(database)
    result = auth.login("anna", PASSPHRASES["anna"], remember=True)
    assert result.session.principal.username == "anna"
    assert result.remembered_in is None
    assert isinstance(result.remember_error, KeyringUnavailable)
    assert str(result.remember_error) == message
    assert _entries(database, "login") == [{"method": "passphrase", "remembered": False}]
    assert _device_seals(database) == 0
    assert audit.verify(database).ok


def test_a_locked_keyring_never_escapes_as_a_keyring_error(
    database: Database, agents: dict[str, int]
) -> None:
    keyring.set_keyring(LockedKeyring())
    auth = AuthService(database)
    assert auth.has_remembered("anna") is False  # called on the GUI thread while typing
    with pytest.raises(KeyringUnavailable, match="locked"):
        auth.login_remembered("anna")
    with pytest.raises(KeyringUnavailable, match="locked"):
        auth.forget_workstation("anna")


# --- the KDF policy --------------------------------------------------------------------------

#: just above the fixtures' FAST_KDF, so the re-seal stays fast
POLICY = KdfPolicy(floor=KdfParams(128, 1, 1), target=KdfParams(128, 2, 1))


def test_a_blob_below_the_policy_is_resealed_at_login(
    database: Database, agents: dict[str, int]
) -> None:
    old = _blob(database, agents["anna"])
    assert kdf_params_of(old) == FAST_KDF
    auth = AuthService(database, kdf_policy=POLICY)
    keys = auth.login("anna", PASSPHRASES["anna"]).session.keys
    new = _blob(database, agents["anna"])
    assert kdf_params_of(new) == POLICY.target
    context = seal_context(agents["anna"], 1)
    assert unseal_with_passphrase(new, PASSPHRASES["anna"], context=context)._raw() == keys._raw()
    assert _entries(database, "login") == [
        {"method": "passphrase", "remembered": False, "kdf_upgraded": True}
    ]
    auth.login("anna", PASSPHRASES["anna"])  # now at the policy: left as it is
    assert _blob(database, agents["anna"]) == new
    assert _entries(database, "login")[1] == {"method": "passphrase", "remembered": False}
    assert kdf_params_of(_blob(database, agents["lea"])) == FAST_KDF  # only who logged in
    assert audit.verify(database).ok


def test_a_wrong_passphrase_does_not_reseal(database: Database, agents: dict[str, int]) -> None:
    old = _blob(database, agents["anna"])
    with pytest.raises(WrongPassphrase):
        AuthService(database, kdf_policy=POLICY).login("anna", "not-the-passphrase")
    assert _blob(database, agents["anna"]) == old


def test_without_a_policy_blobs_stay_as_they_are(
    database: Database, agents: dict[str, int]
) -> None:
    old = _blob(database, agents["anna"])
    AuthService(database).login("anna", PASSPHRASES["anna"])
    assert _blob(database, agents["anna"]) == old


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
    auth.forget_workstation("anna")  # the stale seal (old private keys) goes too
    assert _device_seals(database) == 0
    assert memory_keyring.items == {}


def test_remember_without_secure_keyring_is_refused(
    database: Database, agents: dict[str, int]
) -> None:
    keyring.set_keyring(null.Keyring())
    auth = AuthService(database)
    assert auth.remember_option().backend is None
    result = auth.login("anna", PASSPHRASES["anna"], remember=True)
    assert result.remembered_in is None
    assert str(result.remember_error) == (
        "This workstation has no secure keyring, so it cannot remember you."
    )
    assert not auth.has_remembered("anna")
