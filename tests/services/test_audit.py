"""The audit chain (SPEC A-1, A-3, A-4): verify names the first bad entry, judges every
entry from its signed canonical JSON, and detects a cut tail through witnesses."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest
from sqlalchemy import select, text

from kcp_desk.cli import main
from kcp_desk.db import Database
from kcp_desk.models.audit import AuditEntry
from kcp_desk.security.audit_chain import canonical_json, entry_hash
from kcp_desk.security.audit_witness import LocalWitness, WitnessMark, read_witness
from kcp_desk.services import audit
from kcp_desk.services.auth import AuthService
from kcp_desk.services.principal import AgentSession
from tests.conftest import PASSPHRASES


def _login(database: Database, name: str = "anna") -> AgentSession:
    return AuthService(database).login(name, PASSPHRASES[name]).session


def _chain(database: Database, n: int) -> AgentSession:
    session = _login(database)
    with database.transaction() as s:
        for i in range(n):
            audit.append(
                s,
                "customer_opened",
                {"customer": i},
                agent_id=session.principal.agent_id,
                keys=session.keys,
            )
    return session


def _drop_guard(owner: Database) -> None:
    """An attacker with the OWNER's rights removes the append-only guard (the desk
    cannot: see test_desk_cannot_remove_the_guard)."""
    with owner.engine.begin() as conn:
        if owner.dialect == "postgresql":
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        else:
            for name in ("audit_log_no_update", "audit_log_no_delete", "audit_log_append_at_end"):
                conn.execute(text(f"DROP TRIGGER {name}"))


def _tamper(owner: Database, sql: str, **params: object) -> None:
    _drop_guard(owner)
    with owner.engine.begin() as conn:
        conn.execute(text(sql), params)


def test_intact_chain_verifies(database: Database, agents: dict[str, int]) -> None:
    _chain(database, 5)
    result = audit.verify(database)
    assert result.ok
    assert result.checked == 6  # the login plus five entries
    assert result.newest is not None and result.newest.seq == 6


def test_edited_entry_is_named(
    database: Database, owner_database: Database, agents: dict[str, int]
) -> None:
    _chain(database, 5)
    _tamper(
        owner_database,
        "UPDATE audit_log SET canonical = replace(canonical, :old, :new) WHERE seq = 5",
        old='"customer":3',
        new='"customer":4',
    )
    result = audit.verify(database)
    assert (result.first_bad_seq, result.checked) == (5, 4)
    assert result.reason == "content does not match its hash"


def test_deleted_entry_is_named(
    database: Database, owner_database: Database, agents: dict[str, int]
) -> None:
    _chain(database, 5)
    _tamper(owner_database, "DELETE FROM audit_log WHERE seq = 3")
    result = audit.verify(database)
    assert (result.first_bad_seq, result.reason) == (3, "entry 3 is missing")


def test_forged_signature_is_named(
    database: Database, owner_database: Database, agents: dict[str, int]
) -> None:
    _chain(database, 3)
    _tamper(owner_database, "UPDATE audit_log SET signature = :sig WHERE seq = 2", sig=b"\0" * 64)
    result = audit.verify(database)
    assert (result.first_bad_seq, result.reason) == (2, "signature invalid")


@pytest.mark.parametrize(
    ("assignment", "reason"),
    [
        # the attack of the issue: make a signed entry look like an unsigned system entry
        (
            "agent_id = NULL, action = 'system', signature = NULL",
            "agent does not match the signed content",
        ),
        ("agent_id = NULL, signature = NULL", "agent does not match the signed content"),
        ("agent_id = :lea", "agent does not match the signed content"),
        ("action = 'login'", "action does not match the signed content"),
        ("at = :at", "time does not match the signed content"),
        ("prev_hash = :h", "does not link to the previous entry"),
    ],
)
def test_columns_are_checked_against_the_signed_content(
    database: Database,
    owner_database: Database,
    agents: dict[str, int],
    assignment: str,
    reason: str,
) -> None:
    import datetime as dt

    _chain(database, 5)
    _tamper(
        owner_database,
        f"UPDATE audit_log SET {assignment} WHERE seq = 3",  # noqa: S608 - test constants
        **{
            k: v
            for k, v in {
                "lea": agents["lea"],
                "at": dt.datetime(2020, 1, 1, tzinfo=dt.UTC).replace(tzinfo=None)
                if database.dialect == "sqlite"
                else dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
                "h": "f" * 64,
            }.items()
            if f":{k}" in assignment
        },
    )
    result = audit.verify(database)
    assert (result.first_bad_seq, result.reason) == (3, reason)


def test_a_replaced_entry_signed_by_its_author_breaks_the_link(
    database: Database, owner_database: Database, agents: dict[str, int]
) -> None:
    """Anna swaps her own entry 3 for a new one she signs, correctly linked to entry 2:
    hash and signature hold, only the link from entry 4 shows it."""
    anna = _chain(database, 5)
    with database.read() as s:
        before = s.scalar(select(AuditEntry.entry_hash).where(AuditEntry.seq == 2))
        at = s.scalar(select(AuditEntry.at).where(AuditEntry.seq == 3))
    assert before is not None and at is not None
    canonical = canonical_json(
        {
            "seq": 3,
            "at": at.isoformat(),
            "agent_id": anna.principal.agent_id,
            "key_version": anna.key_version,
            "action": "customer_opened",
            "details": {"customer": 999},
            "prev_hash": before,
        }
    )
    digest = entry_hash(canonical)
    _tamper(
        owner_database,
        "UPDATE audit_log SET canonical = :c, entry_hash = :h, signature = :s WHERE seq = 3",
        c=canonical,
        h=digest,
        s=anna.keys.sign(digest.encode()),
    )
    result = audit.verify(database)
    assert (result.first_bad_seq, result.reason) == (4, "does not link to the previous entry")


def test_unsigned_entries_are_only_failed_logins(
    database: Database, owner_database: Database, agents: dict[str, int]
) -> None:
    """Whether an entry may be unsigned is read from the canonical JSON alone."""
    _chain(database, 2)
    with database.read() as s:
        prev = s.scalar(select(AuditEntry.entry_hash).where(AuditEntry.seq == 3))
        at = s.scalar(select(AuditEntry.at).where(AuditEntry.seq == 3))
    assert prev is not None and at is not None
    canonical = canonical_json(
        {
            "seq": 4,
            "at": at.isoformat(),
            "agent_id": None,
            "key_version": None,
            "action": "system",
            "details": {},
            "prev_hash": prev,
        }
    )
    with owner_database.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO audit_log (seq, at, action, canonical, prev_hash, entry_hash) "
                "VALUES (4, :at, 'system', :c, :p, :h)"
            ),
            {
                "at": at.replace(tzinfo=None) if database.dialect == "sqlite" else at,
                "c": canonical,
                "p": prev,
                "h": entry_hash(canonical),
            },
        )
    result = audit.verify(database)
    assert (result.first_bad_seq, result.reason) == (4, "unsigned entry")


def test_append_refuses_an_unsigned_privileged_action(
    database: Database, agents: dict[str, int]
) -> None:
    with pytest.raises(ValueError, match="signature"), database.transaction() as s:
        audit.append(s, "customer_opened", {"customer": 1}, agent_id=agents["anna"])
    with pytest.raises(ValueError, match="signature"), database.transaction() as s:
        audit.append(s, "system", {})


def test_secrets_are_refused_as_details(database: Database, agents: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="secret"), database.transaction() as s:
        audit.append(s, "login_failed", {"phone_password": "1234"})
    with database.read() as s:
        assert s.scalars(select(AuditEntry)).all() == []


# --- a cut tail --------------------------------------------------------------------


def _witnessed(database: Database, folder: Path) -> LocalWitness:
    witness = LocalWitness(folder, database.describe())
    audit.keep_witness(database, witness)
    return witness


def test_every_commit_advances_the_local_witness(
    database: Database, agents: dict[str, int], tmp_path: Path
) -> None:
    witness = _witnessed(database, tmp_path)
    _chain(database, 3)
    current = witness.current()
    assert current is not None
    with database.read() as s:
        newest = s.execute(
            select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
        ).one()
    assert current.mark == WitnessMark(newest[0], newest[1]) == WitnessMark(4, newest[1])
    # the file names neither the database path nor a user
    assert database.describe() not in witness.path.name


def test_witness_never_goes_back(tmp_path: Path) -> None:
    witness = LocalWitness(tmp_path, "db")
    witness.advance(WitnessMark(7, "a" * 64))
    witness.advance(WitnessMark(5, "b" * 64))
    current = witness.current()
    assert current is not None and current.mark == WitnessMark(7, "a" * 64)


def test_cutting_the_newest_entries_is_named_by_the_witness(
    database: Database, owner_database: Database, agents: dict[str, int], tmp_path: Path
) -> None:
    witness = _witnessed(database, tmp_path)
    _chain(database, 5)
    assert audit.verify(database).ok  # without a witness a shorter chain looks whole
    _tamper(owner_database, "DELETE FROM audit_log WHERE seq > 3")
    assert audit.verify(database).ok
    current = witness.current()
    assert current is not None
    result = audit.verify(database, [current])
    assert result.first_bad_seq == 4
    assert result.reason.startswith("the newest entries were cut off: witness audit-witness-")
    assert "saw entry 6, the log ends at 3" in result.reason


def test_a_rewritten_tail_differs_from_the_witness(
    database: Database, owner_database: Database, agents: dict[str, int], tmp_path: Path
) -> None:
    """The tail is cut and refilled with as many fresh entries: only the witness knows."""
    witness = _witnessed(database, tmp_path)
    _chain(database, 2)
    seen = witness.current()
    assert seen is not None and seen.mark.seq == 3
    _tamper(owner_database, "DELETE FROM audit_log WHERE seq = 3")
    with owner_database.engine.begin() as conn:  # put the append guard back
        if owner_database.dialect == "postgresql":
            conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER USER"))
    lea = _login(database, "lea")  # a new entry 3, validly signed by somebody else
    assert lea.principal.username == "lea"
    result = audit.verify(database, [seen])
    assert result.first_bad_seq == 3
    assert result.reason.startswith("differs from the entry that witness audit-witness-")


def test_cli_verify_uses_the_local_witness_and_extra_ones(
    database: Database,
    owner_database: Database,
    agents: dict[str, int],
    isolated_user_dirs: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _chain(database, 4)
    # a verify on this workstation remembers the newest entry it checked ...
    assert main(["audit", "verify", "--database-url", database.url]) == 0
    printed = capsys.readouterr()
    assert "Audit log OK: 5 entries" in printed.out
    assert "audit verify [" in printed.err and "5/5" in printed.err  # the progress bar
    local = LocalWitness(isolated_user_dirs, database.describe())
    assert local.current() is not None
    # ... and another workstation's witness file can be handed in
    other = tmp_path / "other" / "w.json"
    other.parent.mkdir()
    other.write_text(
        json.dumps(
            {
                "database": database.describe(),
                "workstation": "desk-7",
                "seq": 5,
                "hash": local.current().mark.entry_hash,
            }
        ),  # type: ignore[union-attr]
        encoding="utf-8",
    )
    assert read_witness(other).name == "w.json (workstation desk-7)"
    _tamper(owner_database, "DELETE FROM audit_log WHERE seq = 5")
    assert (
        main(
            [
                "audit",
                "verify",
                "--database-url",
                database.url,
                "--no-local-witness",
                "--witness",
                str(other),
            ]
        )
        == 2
    )
    assert "witness w.json (workstation desk-7) saw entry 5" in capsys.readouterr().out
    assert main(["audit", "verify", "--database-url", database.url]) == 2
    assert "the newest entries were cut off" in capsys.readouterr().out


# --- append only, also against the desk's own connection ----------------------------


def test_insert_or_replace_is_refused(database: Database, agents: dict[str, int]) -> None:
    _chain(database, 3)
    replace = (
        "INSERT OR REPLACE INTO audit_log (seq, at, action, canonical, prev_hash, entry_hash) "
        "VALUES (2, CURRENT_TIMESTAMP, 'login', '{}', :p, :h)"
        if database.dialect == "sqlite"
        else "INSERT INTO audit_log (seq, at, action, canonical, prev_hash, entry_hash) "
        "VALUES (2, CURRENT_TIMESTAMP, 'login', '{}', :p, :h) "
        "ON CONFLICT (seq) DO UPDATE SET canonical = excluded.canonical"
    )
    refused = "append-only|permission denied"  # PostgreSQL: the desk role may not UPDATE
    with pytest.raises(Exception, match=refused), database.engine.begin() as conn:
        conn.execute(text(replace), {"p": "e" * 64, "h": "d" * 64})
    assert audit.verify(database).ok


def test_only_the_next_entry_may_be_inserted(database: Database, agents: dict[str, int]) -> None:
    _chain(database, 2)
    with pytest.raises(Exception, match="append-only"), database.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO audit_log (seq, at, action, canonical, prev_hash, entry_hash) "
                "VALUES (9, CURRENT_TIMESTAMP, 'login', '{}', :p, :h)"
            ),
            {"p": "e" * 64, "h": "d" * 64},
        )


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET action = 'x'",
        "DELETE FROM audit_log",
        "DROP TABLE audit_log",
        "ALTER TABLE audit_log RENAME TO old_log",
        "DROP TRIGGER audit_log_no_update{on}",
        "ALTER TABLE audit_log DISABLE TRIGGER USER",
        "TRUNCATE audit_log",
        "PRAGMA writable_schema = ON",
    ],
)
def test_desk_cannot_remove_the_guard(
    database: Database, agents: dict[str, int], statement: str
) -> None:
    """The desk's own connection (on PostgreSQL: the desk role) is refused each of these."""
    pg = database.dialect == "postgresql"
    sqlite_only = statement.startswith("PRAGMA")
    pg_only = "DISABLE" in statement or "TRUNCATE" in statement
    if (pg and sqlite_only) or (not pg and pg_only):
        pytest.skip("not a statement of this database")
    _chain(database, 1)
    refused = r"append-only|not authorized|must be owner|permission denied"
    with pytest.raises(Exception, match=refused), database.engine.begin() as conn:
        conn.execute(text(statement.format(on=" ON audit_log" if pg else "")))
    assert audit.count(database) == 2
    assert audit.verify(database).ok


# --- two desks appending at once ------------------------------------------------------------


def _append_many(url: str, n: int, worker: int) -> None:
    db = Database(url)
    try:
        for i in range(n):
            with db.transaction() as s:
                audit.append(s, "login_failed", {"username": "unknown", "try": f"{worker}/{i}"})
    finally:
        db.dispose()


def test_two_processes_append_200_entries_each(database: Database) -> None:
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_append_many, args=(database.url, 200, w)) for w in (1, 2)]
    for p in workers:
        p.start()
    for p in workers:
        p.join(timeout=240)
    assert [p.exitcode for p in workers] == [0, 0]
    result = audit.verify(database)
    assert result.ok and result.checked == 400
