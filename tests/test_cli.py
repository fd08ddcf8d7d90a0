"""The command line tools: `kcp-desk audit verify`, `db`, and `demo` with the demo
customers it names for trainees."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from pathlib import Path

import pytest
from sqlalchemy import make_url, text

from kcp_desk.cli import main
from kcp_desk.db import Database
from kcp_desk.models.outbox import OutboxChannel, OutboxKey
from kcp_desk.security.field_crypto import SecretText
from kcp_desk.security.outbox_seal import (
    KEY_TEXT_PREFIX,
    ServiceKeyFiles,
    load_private_key_text,
    open_sealed,
    public_key_bytes,
)
from kcp_desk.security.pinned_keys import PinnedAdminKeys, fingerprint
from kcp_desk.services.auth import AuthService
from kcp_desk.services.demo import populate
from kcp_desk.services.demo_picks import SITUATIONS, DemoPick, demo_picks
from kcp_desk.services.outbox import queue
from kcp_desk.services.trust import TrustAnchors
from kcp_desk.settings import Paths, Settings
from tests.conftest import FAST_KDF, PASSPHRASES


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


# --- demo customers for trainees ----------------------------------------------------------

README = Path(__file__).resolve().parent.parent / "README.md"


def _picks(
    tmp_path: Path, customers: int, now: dt.datetime, seed: int = 20261122
) -> list[DemoPick]:
    db = Database(f"sqlite:///{tmp_path / f'demo-{customers}-{now:%Y%m%d}-{seed}.sqlite3'}")
    try:
        db.migrate()
        populate(db, customers=customers, kdf=FAST_KDF, seed=seed, now=now)
        return demo_picks(db)
    finally:
        db.dispose()


def test_the_demo_picks_are_deterministic(tmp_path: Path) -> None:
    now = dt.datetime(2026, 11, 22, 9, 41, tzinfo=dt.UTC)
    first = _picks(tmp_path / "a", 300, now)
    assert first == _picks(tmp_path / "b", 300, now)  # same seed, count and day
    assert {p.situation for p in first} == set(SITUATIONS)  # every situation has some
    assert all(p.number.startswith("K") and p.name for p in first)


@pytest.mark.slow
def test_the_readme_names_demo_customers_the_generator_picks_on_every_day(
    tmp_path: Path,
) -> None:
    """The README's demo customers, for the README's `make run` (2,000 customers, the
    default seed), on days spread over a year."""
    text = README.read_text(encoding="utf-8")
    named = re.findall(
        r"`(K\d{8})` \(([^)]+)\) is a company with sub-accounts and an open\s+ticket", text
    )
    assert named, "the README names no demo customer"
    assert Settings().demo_customers == 2000  # what `make run` creates
    for days in (0, 95, 190, 285):
        now = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC) + dt.timedelta(days=days)
        picks = {(p.situation, p.number, p.name) for p in _picks(tmp_path, 2000, now)}
        for number, name in named:
            assert ("sub_accounts", number, name) in picks, now
            assert ("open_tickets", number, name) in picks, now


@pytest.mark.slow
def test_kcp_desk_demo_prints_the_customers_to_try(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert main(["demo", "--customers", "40", "--database-url", url]) == 0
    out = capsys.readouterr().out
    listed = out.split("Demo customers to try (customer number, situation, name):\n", 1)[1]
    assert "K10000012  company with sub-accounts" in listed
    assert "open tickets" in listed
    assert "phone password locked: none" in listed  # what the demo data does not have
    db = Database(url)
    try:
        for pick in demo_picks(db):
            assert f"{pick.number:<10} {SITUATIONS[pick.situation]}" in listed
        # ID-6: the demo stands in for the channels' operators and keeps their keys
        files = ServiceKeyFiles(Paths.from_environment().data_dir, db.describe())
        assert f"(the mail system's): {files.folder}" in out
        with db.read() as s:
            for channel in OutboxChannel:
                key = s.get(OutboxKey, (channel, 1))
                assert key is not None
                assert bytes(key.public_key) == public_key_bytes(files.load(channel))
    finally:
        db.dispose()


# --- portal intake (SPEC §1, issue 10) -----------------------------------------------------

INTAKE_EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "intake"


def _ticket_count(db: Database) -> int:
    with db.read() as s:
        return int(s.execute(text("SELECT count(*) FROM tickets")).scalar_one())


def test_intake_creates_a_ticket_and_reopens_by_message(
    database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(database, customers=12, kdf=FAST_KDF)
    before = _ticket_count(database)
    new = str(INTAKE_EXAMPLES / "new-ticket.json")
    assert main(["intake", new, "--database-url", database.url]) == 0
    out = capsys.readouterr().out
    assert re.fullmatch(r"Created ticket #KCP-\d{8} \(message \d+\)\.\n", out), out
    assert _ticket_count(database) == before + 1
    by_ref = str(INTAKE_EXAMPLES / "message-by-reference.json")
    assert main(["intake", by_ref, "--database-url", database.url]) == 0
    assert "to ticket #KCP-01000053; the ticket was reopened." in capsys.readouterr().out


def test_intake_of_a_bad_document_prints_each_field_and_exits_non_zero(
    database: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    populate(database, customers=12, kdf=FAST_KDF)
    before = _ticket_count(database)
    bad = str(INTAKE_EXAMPLES / "bad-document.json")
    assert main(["intake", bad, "--database-url", database.url]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert lines[0].endswith("bad-document.json: nothing was created.")
    assert sorted(line.split(":")[0].strip() for line in lines[1:]) == [
        "attachment",
        "body",
        "customer",
        "priority",
        "subject",
    ]
    assert "  customer: Check digit wrong in customer number." in lines
    assert _ticket_count(database) == before
    odd = tmp_path / "odd.json"
    odd.write_text('{"kind": "ticket", "version": 1, "a\\u0000b": 1}', encoding="utf-8")
    assert main(["intake", str(odd), "--database-url", database.url]) == 1
    assert '  "a\\u0000b": Unknown field.' in capsys.readouterr().err.splitlines()


def test_intake_of_a_missing_file_says_so(
    database: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nope.json"
    assert main(["intake", str(missing), "--database-url", database.url]) == 2
    assert f"Cannot read {missing}: No such file or directory" in capsys.readouterr().err


# --- outbox service keys (SPEC ID-6, issue 12) ----------------------------------------------


def _demo_with_pinned_admin(database: Database) -> None:
    pins = PinnedAdminKeys(Paths.from_environment().data_dir, database.describe())
    populate(database, customers=0, kdf=FAST_KDF, pin=lambda a: pins.pin_all(a.keys))


def test_outbox_keygen_prints_the_key_once_and_the_desk_seals_to_it(
    database: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _demo_with_pinned_admin(database)
    keygen = ["outbox", "keygen", "--channel", "letter", "--admin", "admin"]
    monkeypatch.setattr("sys.stdin", io.StringIO("admin-demo-2026\n"))
    assert main([*keygen, "--database-url", database.url]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Outbox service key letter v1 created and certified by admin."
    assert "hand it to the operator of the letter system" in out
    assert "not stored anywhere" in out
    [key_line] = [line for line in lines if line.startswith(KEY_TEXT_PREFIX)]
    private = load_private_key_text(key_line)
    fingerprint_line = f"Public key fingerprint: {fingerprint(public_key_bytes(private))}"
    assert fingerprint_line in lines
    # nothing of the private key is in the database; codes are sealed to its public half
    anchors = TrustAnchors(PinnedAdminKeys(Paths.from_environment().data_dir,
                                           database.describe()).keys())  # fmt: skip
    with database.transaction() as s:
        row = queue(s, anchors, channel=OutboxChannel.LETTER, template="letter_code",
                    recipient="Jana Schulz\n10115 Berlin", customer_id=None, case_id=None,
                    queued_by=None, secret={"code": SecretText("K7XM-4PQR-9WZT")})  # fmt: skip
        assert row.sealed is not None
        opened = open_sealed(private, row.sealed, channel="letter", key_version=1,
                             recipient=row.recipient, template="letter_code")  # fmt: skip
        assert opened["code"].reveal() == "K7XM-4PQR-9WZT"
        raw = key_line.removeprefix(KEY_TEXT_PREFIX)
        for table in ("outbox_keys", "certificates", "audit_log"):
            dump = str(s.execute(text(f"SELECT * FROM {table}")).all())  # noqa: S608
            assert raw not in dump
        created = s.scalars(
            text("SELECT canonical FROM audit_log WHERE action = 'outbox_key_created'")
        ).all()
    assert len(created) == 1 and '"channel":"letter"' in created[0]
    # the listing: certified here, not certified where no admin key is pinned
    assert main(["outbox", "keys", "--database-url", database.url]) == 0
    listed = capsys.readouterr().out
    assert f"  letter  v1    {fingerprint(public_key_bytes(private))}  certified" in listed
    assert key_line not in listed


def test_outbox_keygen_refuses_a_wrong_passphrase_and_an_unpinned_workstation(
    database: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    populate(database, customers=0, kdf=FAST_KDF)  # nothing pinned on this workstation
    keygen = ["outbox", "keygen", "--channel", "sms", "--admin", "admin"]
    monkeypatch.setattr("sys.stdin", io.StringIO("admin-demo-2026\n"))
    assert main([*keygen, "--database-url", database.url]) == 1
    assert "No admin key is pinned" in capsys.readouterr().err
    pins = PinnedAdminKeys(Paths.from_environment().data_dir, database.describe())
    with database.read() as s:
        admin_key = s.scalar(text("SELECT ed25519_public FROM agents WHERE username = 'admin'"))
    pins.pin(bytes(admin_key))
    monkeypatch.setattr("sys.stdin", io.StringIO("not-the-passphrase\n"))
    assert main([*keygen, "--database-url", database.url]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("No key was created:") and KEY_TEXT_PREFIX not in captured.out
    monkeypatch.setattr("sys.stdin", io.StringIO("anna-demo-2026\n"))
    assert main(["outbox", "keygen", "--channel", "sms", "--admin", "anna",
                 "--database-url", database.url]) == 1  # fmt: skip
    assert "Only an admin" in capsys.readouterr().err
    with database.read() as s:
        assert s.scalar(text("SELECT count(*) FROM outbox_keys")) == 0
    assert main(["outbox", "keys", "--database-url", database.url]) == 0
    assert "No outbox service key yet" in capsys.readouterr().out
