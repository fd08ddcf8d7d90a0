"""Key versions in the audit chain (SPEC V-7, A-1; issue 11 "Keys", "Audit"): every
signed entry names its key version inside the signed content, verify checks it with that
version's key from the history, old entries verify after a rotation, a retired key signs
nothing later, and the parallel verify names the same first bad entry as the plain one."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy import select, text

from kcp_desk.db import Database
from kcp_desk.errors import PermissionDenied
from kcp_desk.models.agents import Agent, AgentKey, Role
from kcp_desk.models.audit import AuditEntry
from kcp_desk.security import audit_chain
from kcp_desk.security.audit_chain import SigningKey, canonical_json, entry_hash
from kcp_desk.security.audit_witness import Witness, WitnessMark
from kcp_desk.security.sealing import AgentKeys
from kcp_desk.services import audit
from kcp_desk.services.agents import provision_agent
from kcp_desk.services.principal import AgentSession, Principal
from tests.conftest import FAST_KDF


def _provision(database: Database, name: str = "olga") -> tuple[int, AgentKeys]:
    """An agent and her v1 keys, without a login entry."""
    with database.transaction() as s:
        agent, keys = provision_agent(
            s,
            username=name,
            display_name=name.title(),
            role=Role.AGENT,
            passphrase=f"{name}-test-passphrase",
            kdf=FAST_KDF,
        )
        return agent.id, keys


def _session(agent_id: int, keys: AgentKeys, version: int) -> AgentSession:
    return AgentSession(Principal(agent_id, "olga", "Olga", Role.AGENT.value), keys, version)


def _write(database: Database, session: AgentSession, n: int, *, pass_version: bool) -> None:
    with database.transaction() as s:
        for i in range(n):
            audit.append(
                s,
                "customer_opened",
                {"customer": i},
                agent_id=session.principal.agent_id,
                keys=session.keys,
                key_version=session.key_version if pass_version else None,
            )


def _rotate(database: Database, agent_id: int) -> tuple[AgentKeys, dt.datetime]:
    """What the lead's key rotation does: a new history row (v2), the agent's row points
    at it, v1 retired."""
    new = AgentKeys.generate()
    now = dt.datetime.now(dt.UTC)
    with database.transaction() as s:
        agent = s.get(Agent, agent_id)
        assert agent is not None
        old = s.scalars(
            select(AgentKey).where(AgentKey.agent_id == agent_id, AgentKey.key_version == 1)
        ).one()
        old.retired_at = now
        agent.key_version = 2
        agent.x25519_public = new.x25519_public
        agent.ed25519_public = new.ed25519_public
        s.add(
            AgentKey(
                agent_id=agent_id,
                key_version=2,
                x25519_public=new.x25519_public,
                ed25519_public=new.ed25519_public,
                valid_from=now,
            )
        )
    return new, now


def _tail(database: Database) -> tuple[int, str, dt.datetime]:
    with database.read() as s:
        row = s.execute(
            select(AuditEntry.seq, AuditEntry.entry_hash, AuditEntry.at)
            .order_by(AuditEntry.seq.desc())
            .limit(1)
        ).first()
    return (0, "0" * 64, dt.datetime.now(dt.UTC)) if row is None else (row[0], row[1], row[2])


def _insert(
    owner: Database,
    database: Database,
    keys: AgentKeys,
    agent_id: int,
    *,
    version: int | None,
    at: dt.datetime | None = None,
    legacy: bool = False,
) -> int:
    """Put one entry signed with ``keys`` at the end of the chain behind the desk's back
    (the owner's rights, so nothing checks it on the way in). ``legacy``: the shape of
    the entries written before key versions existed."""
    seq, prev, _ = _tail(database)
    at = at or dt.datetime.now(dt.UTC)
    body: dict[str, Any] = {
        "seq": seq + 1,
        "at": at.isoformat(),
        "agent_id": agent_id,
        "action": "customer_opened",
        "details": {"customer": 4711},
        "prev_hash": prev,
    }
    if not legacy:
        body["key_version"] = version
    canonical = canonical_json(body)
    digest = entry_hash(canonical)
    with owner.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO audit_log (seq, at, agent_id, action, canonical, prev_hash, "
                "entry_hash, signature) VALUES (:seq, :at, :a, 'customer_opened', :c, :p, :h, :s)"
            ),
            {
                "seq": seq + 1,
                "at": at.astimezone(dt.UTC).replace(tzinfo=None)
                if database.dialect == "sqlite"
                else at,
                "a": agent_id,
                "c": canonical,
                "p": prev,
                "h": digest,
                "s": keys.sign(digest.encode()),
            },
        )
    return seq + 1


def _versions(database: Database) -> list[object]:
    with database.read() as s:
        rows = s.scalars(select(AuditEntry.canonical).order_by(AuditEntry.seq)).all()
    return [json.loads(c).get("key_version", "legacy") for c in rows]


def test_every_signed_entry_names_its_key_version(
    database: Database, agents: dict[str, int]
) -> None:
    olga, keys = _provision(database)
    _write(database, _session(olga, keys, 1), 2, pass_version=True)
    _write(database, _session(olga, keys, 1), 1, pass_version=False)  # found by its key
    with database.transaction() as s:
        audit.append(s, "login_failed", {"username": "nobody"})
    assert _versions(database) == [1, 1, 1, None]
    assert audit.verify(database).ok


def test_old_entries_verify_after_a_key_rotation(
    database: Database, agents: dict[str, int]
) -> None:
    olga, v1 = _provision(database)
    _write(database, _session(olga, v1, 1), 3, pass_version=True)
    v2, _ = _rotate(database, olga)
    _write(database, _session(olga, v2, 2), 2, pass_version=True)
    _write(database, _session(olga, v2, 2), 1, pass_version=False)
    assert _versions(database) == [1, 1, 1, 2, 2, 2]
    result = audit.verify(database)
    assert (result.ok, result.checked, result.reason) == (True, 6, "")


def test_a_retired_key_signs_nothing(database: Database, agents: dict[str, int]) -> None:
    """A desk still signed in with the keys a rotation retired: refused, nothing written."""
    olga, v1 = _provision(database)
    _write(database, _session(olga, v1, 1), 1, pass_version=True)
    _rotate(database, olga)
    for pass_version in (True, False):
        with pytest.raises(PermissionDenied, match="sign in again"):
            _write(database, _session(olga, v1, 1), 1, pass_version=pass_version)
    assert audit.count(database) == 1
    assert audit.verify(database).ok


def test_keys_that_are_not_the_named_version_are_a_bug(
    database: Database, agents: dict[str, int]
) -> None:
    olga, v1 = _provision(database)
    _rotate(database, olga)
    with pytest.raises(ValueError, match="not key version 2"):
        _write(database, _session(olga, v1, 2), 1, pass_version=True)
    with pytest.raises(PermissionDenied):  # keys the history does not know
        _write(database, _session(olga, AgentKeys.generate(), 1), 1, pass_version=False)
    assert audit.count(database) == 0


def test_a_tampered_key_version_is_named(
    database: Database, owner_database: Database, agents: dict[str, int]
) -> None:
    olga, v1 = _provision(database)
    _write(database, _session(olga, v1, 1), 4, pass_version=True)
    _rotate(database, olga)
    _drop_guard(owner_database)
    with owner_database.engine.begin() as conn:
        conn.execute(
            text("UPDATE audit_log SET canonical = replace(canonical, :old, :new) WHERE seq = 3"),
            {"old": '"key_version":1', "new": '"key_version":2'},
        )
    result = audit.verify(database)
    assert (result.first_bad_seq, result.checked) == (3, 2)
    assert result.reason == "content does not match its hash"


def test_an_entry_claiming_v2_but_signed_with_v1_is_bad(
    database: Database, owner_database: Database, agents: dict[str, int]
) -> None:
    """Hash and link are right (the owner rewrote them); only the key version's key
    shows that the signature is not by key version 2."""
    olga, v1 = _provision(database)
    _write(database, _session(olga, v1, 1), 2, pass_version=True)
    v2, _ = _rotate(database, olga)
    _write(database, _session(olga, v2, 2), 1, pass_version=True)
    seq = _insert(owner_database, database, v1, olga, version=2)
    result = audit.verify(database)
    assert (result.first_bad_seq, result.reason) == (seq, "signature invalid")


@pytest.mark.parametrize("back_dated", [False, True])
def test_a_retired_key_on_a_later_entry_is_bad(
    database: Database, owner_database: Database, agents: dict[str, int], back_dated: bool
) -> None:
    """Somebody who kept the retired keys signs a new entry with them: dated after the
    retirement, or back-dated before it (the entries before it are later)."""
    olga, v1 = _provision(database)
    _write(database, _session(olga, v1, 1), 2, pass_version=True)
    v2, retired = _rotate(database, olga)
    _write(database, _session(olga, v2, 2), 1, pass_version=True)
    at = retired - dt.timedelta(hours=1) if back_dated else None
    seq = _insert(owner_database, database, v1, olga, version=1, at=at)
    result = audit.verify(database)
    assert (result.first_bad_seq, result.reason) == (seq, "signed with a retired key")


def test_a_version_the_agent_never_had_is_named(
    database: Database, owner_database: Database, agents: dict[str, int]
) -> None:
    olga, v1 = _provision(database)
    seq = _insert(owner_database, database, v1, olga, version=7)
    result = audit.verify(database)
    assert (result.first_bad_seq, result.reason) == (
        seq,
        f"signed with key version 7, which agent {olga} never had",
    )


@pytest.mark.parametrize("version", [None, 0, True, "1"])
def test_a_signed_entry_needs_a_real_key_version(
    database: Database, owner_database: Database, agents: dict[str, int], version: object
) -> None:
    olga, v1 = _provision(database)
    seq = _insert(owner_database, database, v1, olga, version=version)  # type: ignore[arg-type]
    result = audit.verify(database)
    assert (result.first_bad_seq, result.reason) == (
        seq,
        "key version does not match the signed content",
    )


def test_entries_from_before_key_versions_verify_as_version_1(
    database: Database, owner_database: Database, agents: dict[str, int]
) -> None:
    """The old shape (no key_version field) was signed with version 1; it verifies,
    also after a rotation, but only before the first entry that names a version."""
    olga, v1 = _provision(database)
    for _ in range(3):
        _insert(owner_database, database, v1, olga, version=None, legacy=True)
    _write(database, _session(olga, v1, 1), 1, pass_version=True)
    v2, _ = _rotate(database, olga)
    _write(database, _session(olga, v2, 2), 1, pass_version=True)
    assert _versions(database) == ["legacy", "legacy", "legacy", 1, 2]
    assert audit.verify(database).ok
    seq = _insert(owner_database, database, v2, olga, version=None, legacy=True)
    result = audit.verify(database)
    assert (result.first_bad_seq, result.checked) == (seq, 5)
    assert result.reason == "the signed content names no key version"


@pytest.mark.parametrize("sodium", [True, False], ids=["libsodium", "openssl"])
def test_both_ed25519_implementations_give_the_same_answers(
    monkeypatch: pytest.MonkeyPatch, sodium: bool
) -> None:
    """verify uses libsodium when PyNaCl is installed (faster), OpenSSL otherwise."""
    if not sodium:
        monkeypatch.setattr(audit_chain, "_sodium_open", None)
    elif audit_chain._sodium_open is None:
        pytest.skip("PyNaCl is not installed")
    keys = AgentKeys.generate()
    digest = "ab" * 32
    signature = keys.sign(digest.encode())
    history = {
        (1, 1): SigningKey(keys.ed25519_public, None),
        (1, 2): SigningKey(AgentKeys.generate().ed25519_public, None),
        (1, 3): SigningKey(b"\0" * 31, None),
    }
    check = audit_chain._Signatures(history)
    assert check.valid((1, 1), digest, signature)
    assert not check.valid((1, 1), "cd" * 32, signature)
    assert not check.valid((1, 1), digest, signature[:63])
    assert not check.valid((1, 1), digest, signature + b"\0")
    assert not check.valid((1, 1), digest, bytes(64))
    assert not check.valid((1, 2), digest, signature)
    assert not check.valid((1, 3), digest, signature)


# --- the parallel verify gives the same answer ------------------------------------------


def _long_chain(database: Database, owner: Database) -> int:
    """Legacy entries, then v1 entries, a rotation, then v2 entries: 40 in all."""
    olga, v1 = _provision(database)
    for _ in range(5):
        _insert(owner, database, v1, olga, version=None, legacy=True)
    _write(database, _session(olga, v1, 1), 15, pass_version=True)
    v2, _ = _rotate(database, olga)
    _write(database, _session(olga, v2, 2), 20, pass_version=True)
    return olga


def _both(database: Database, witnesses: list[Witness] | None = None) -> audit.VerifyResult:
    plain = audit.verify(database, witnesses or [], workers=0, chunk=6)
    parallel = audit.verify(database, witnesses or [], workers=2, chunk=6)
    assert parallel == plain
    return plain


def test_the_parallel_verify_names_the_same_first_bad_entry(
    database: Database, owner_database: Database, agents: dict[str, int]
) -> None:
    olga = _long_chain(database, owner_database)
    progress: list[tuple[int, int]] = []
    result = audit.verify(database, workers=2, chunk=6, progress=lambda *p: progress.append(p))
    assert (result.ok, result.checked) == (True, 40)
    assert result == audit.verify(database, workers=0)
    assert progress[-1] == (40, 40) and len(progress) == 7
    with database.read() as s:
        mark = s.execute(select(AuditEntry.entry_hash).where(AuditEntry.seq == 29)).scalar_one()
    # a witness that saw another entry 29, and one that saw the chain longer
    other = Witness("w29", database.describe(), WitnessMark(29, "f" * 64))
    longer = Witness("w50", database.describe(), WitnessMark(50, "e" * 64))
    assert _both(database, [other]).first_bad_seq == 29
    cut = _both(database, [longer, Witness("ok", database.describe(), WitnessMark(29, mark))])
    assert (cut.first_bad_seq, cut.checked) == (41, 40)
    # a legacy-shaped entry after versioned ones, in a later chunk than the first versioned
    _insert(owner_database, database, AgentKeys.generate(), olga, version=None, legacy=True)
    assert _both(database).reason == "the signed content names no key version"
    # an edited entry in the middle: the first bad one wins over the later ones
    _drop_guard(owner_database)
    with owner_database.engine.begin() as conn:
        conn.execute(
            text("UPDATE audit_log SET canonical = replace(canonical, :old, :new) WHERE seq = 23"),
            {"old": '"customer":2', "new": '"customer":9'},
        )
    bad = _both(database, [other])
    assert (bad.first_bad_seq, bad.checked, bad.reason) == (
        23,
        22,
        "content does not match its hash",
    )


def _drop_guard(owner: Database) -> None:
    with owner.engine.begin() as conn:
        if owner.dialect == "postgresql":
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        else:
            for name in ("audit_log_no_update", "audit_log_no_delete"):
                conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
