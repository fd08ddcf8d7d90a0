"""The outbox and its certified channel keys (SPEC ID-6, V-8; issue 12), on SQLite and
PostgreSQL: a code is sealed only to a service key an admin certified, a colleague with
write access who puts their own key in its place gets nothing sealed to it, and the desk
shows what was queued, never the code."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import func, select, text

from kcp_desk.db import Database
from kcp_desk.errors import PermissionDenied
from kcp_desk.models.agents import Certificate
from kcp_desk.models.audit import AuditEntry
from kcp_desk.models.base import utcnow
from kcp_desk.models.outbox import OutboxChannel, OutboxKey, OutboxMessage
from kcp_desk.security.certificates import (
    Issuer,
    OutboxClaims,
    certificate_body,
    sign_certificate,
)
from kcp_desk.security.field_crypto import SecretText
from kcp_desk.security.outbox_seal import (
    SealError,
    ServiceKeyFiles,
    new_service_key,
    open_sealed,
    public_key_bytes,
)
from kcp_desk.security.sealing import AgentKeys
from kcp_desk.services.audit import verify
from kcp_desk.services.auth import AuthService
from kcp_desk.services.demo import DEMO_AGENTS, populate
from kcp_desk.services.outbox import (
    create_service_key,
    mask_recipient,
    outbox_keys,
    queue,
    queued,
)
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.trust import (
    NoOutboxKey,
    TrustAnchors,
    Uncertified,
    issue,
    refusals_audited,
)
from tests.conftest import FAST_KDF

CODE = "K7XM-4PQR-9WZT-HN3C"
LETTER = "Jana Schulz\nHauptstr. 5\n10115 Berlin"


@dataclass
class World:
    db: Database
    anchors: TrustAnchors
    sessions: dict[str, AgentSession]
    #: the private halves the demo handed to the "operators"
    keys: dict[OutboxChannel, X25519PrivateKey]
    customer_id: int

    def queue(self, secret: str | None = CODE, **kw: object) -> int:
        """A letter code queued by anna in a transaction of its own; the row's id."""
        args: dict[str, object] = {
            "channel": OutboxChannel.LETTER,
            "template": "letter_code",
            "recipient": LETTER,
            "customer_id": self.customer_id,
            "case_id": None,
            "queued_by": self.sessions["anna"].principal.agent_id,
            "params": {"valid_until": "2026-12-22"},
            "secret": {"code": SecretText(secret)} if secret is not None else None,
        }
        args.update(kw)
        with self.db.transaction() as s:
            return queue(s, self.anchors, **args).id  # type: ignore[arg-type]


def _world(db: Database, *, outbox_keys: bool = True) -> World:
    pinned: list[TrustAnchors] = []
    handed: dict[OutboxChannel, X25519PrivateKey] = {}
    populate(
        db,
        customers=2,
        kdf=FAST_KDF,
        pin=pinned.append,
        outbox_keys=handed.__setitem__ if outbox_keys else None,
    )
    auth = AuthService(db)
    sessions = {a.username: auth.login(a.username, a.passphrase).session for a in DEMO_AGENTS}
    with db.read() as s:
        customer_id = s.scalar(text("SELECT min(id) FROM customers"))
    return World(db, pinned[0], sessions, handed, int(customer_id))


@pytest.fixture
def world(database: Database) -> World:
    return _world(database)


def _row(db: Database, message_id: int) -> OutboxMessage:
    with db.read() as s:
        row = s.get(OutboxMessage, message_id)
        assert row is not None
        s.expunge(row)
    return row


def _count(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(OutboxMessage)) or 0)


def _open(world: World, row: OutboxMessage, **change: object) -> str:
    args: dict[str, object] = {
        "channel": str(row.channel),
        "key_version": row.sealed_key_version,
        "recipient": row.recipient,
        "template": row.template,
    }
    args.update(change)
    assert row.sealed is not None
    opened = open_sealed(world.keys[row.channel], row.sealed, **args)  # type: ignore[arg-type]
    return opened["code"].reveal()


# --- sealing to the certified key --------------------------------------------------------


def test_the_operator_opens_the_code_and_the_desk_stores_none(world: World) -> None:
    message_id = world.queue()
    row = _row(world.db, message_id)
    assert row.sealed_key_version == 1
    assert _open(world, row) == CODE
    assert CODE not in row.payload and '"valid_until":"2026-12-22"' in row.payload
    assert CODE not in repr(row)


def test_a_sealed_code_moved_to_another_row_does_not_open(world: World) -> None:
    """The colleague copies the sealed blob to a message addressed to themselves, or
    rewrites the letter's address: the mail system opens nothing."""
    row = _row(world.db, world.queue())
    other = _row(world.db, world.queue(recipient="Max Muster\nAm Hang 1\n20095 Hamburg"))
    with pytest.raises(SealError):
        _open(world, row, recipient=other.recipient)
    with pytest.raises(SealError):
        _open(world, row, template="new_email_link")
    with pytest.raises(SealError):
        _open(world, row, channel="email")


def test_without_a_secret_no_key_is_needed(database: Database) -> None:
    world = _world(database, outbox_keys=False)
    message_id = world.queue(secret=None, channel=OutboxChannel.EMAIL, recipient="j@example.de")
    row = _row(database, message_id)
    assert row.sealed is None and row.sealed_key_version is None


def test_without_a_certified_key_nothing_that_carries_a_code_is_queued(
    database: Database,
) -> None:
    world = _world(database, outbox_keys=False)
    with pytest.raises(NoOutboxKey) as caught:
        world.queue()
    assert "kcp-desk outbox keygen --channel letter" in str(caught.value)
    assert CODE not in str(caught.value)
    assert _count(database) == 0


def test_an_admin_makes_the_next_version_and_codes_go_to_it(world: World) -> None:
    admin = world.sessions["admin"]
    with world.db.transaction() as s:
        newer = create_service_key(s, admin, OutboxChannel.LETTER, anchors=world.anchors)
    row = _row(world.db, world.queue())
    assert row.sealed_key_version == 2
    assert row.sealed is not None
    opened = open_sealed(
        newer, row.sealed, channel="letter", key_version=2, recipient=LETTER, template="letter_code"
    )
    assert opened["code"].reveal() == CODE
    with world.db.read() as s:
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "outbox_key_created")
        ).all()[-1]
        listed = outbox_keys(s, world.anchors)
    assert '"channel":"letter"' in entry.canonical and '"version":2' in entry.canonical
    assert [(k.channel, k.version, k.certified) for k in listed if k.channel == "letter"] == [
        (OutboxChannel.LETTER, 1, True),
        (OutboxChannel.LETTER, 2, True),
    ]
    assert verify(world.db, [], anchors=world.anchors).ok


@pytest.mark.parametrize("who", ["anna", "lea"])
def test_only_an_admin_makes_a_service_key(world: World, who: str) -> None:
    with pytest.raises(PermissionDenied), world.db.transaction() as s:
        create_service_key(s, world.sessions[who], OutboxChannel.SMS, anchors=world.anchors)
    with world.db.read() as s:
        assert s.scalar(select(func.max(OutboxKey.version)).where(OutboxKey.channel == "sms")) == 1


# --- a colleague with write access ----------------------------------------------------------


def _colleague_key(world: World, version: int = 2) -> X25519PrivateKey:
    """Ben inserts the next letter key version with his own public key (the desk role
    may INSERT into outbox_keys; it may not change or delete a row)."""
    mine = new_service_key()
    with world.db.transaction() as s:
        s.add(
            OutboxKey(
                channel=OutboxChannel.LETTER, version=version, public_key=public_key_bytes(mine)
            )
        )
    return mine


def _self_signed(world: World, by: str, claims: OutboxClaims, issued_at: str) -> None:
    forger = world.sessions[by]
    issuer = Issuer(forger.principal.agent_id, 1, forger.keys.ed25519_public)
    body = certificate_body(claims, issuer, issued_at)
    with world.db.transaction() as s:
        s.add(
            Certificate(
                subject=claims.subject, body=body, signature=sign_certificate(forger.keys, body)
            )
        )


def _refused_and_nothing_sealed_to(world: World, mine: X25519PrivateKey) -> None:
    before = _count(world.db)
    with pytest.raises(Uncertified) as caught:
        world.queue()
    assert CODE not in str(caught.value) and CODE not in repr(caught.value)
    assert _count(world.db) == before
    with world.db.read() as s:
        for row in s.scalars(select(OutboxMessage).where(OutboxMessage.sealed.is_not(None))):
            with pytest.raises(SealError):
                open_sealed(mine, row.sealed, channel="letter", key_version=2,
                            recipient=row.recipient, template=row.template)  # fmt: skip


def test_a_colleagues_key_as_the_next_version_is_refused(world: World) -> None:
    world.queue()  # sealed to v1 before the attack
    mine = _colleague_key(world)
    _refused_and_nothing_sealed_to(world, mine)


def test_a_self_signed_certificate_for_the_colleagues_key_counts_for_nothing(
    world: World,
) -> None:
    mine = _colleague_key(world)
    claims = OutboxClaims("letter", 2, public_key_bytes(mine))
    _self_signed(world, "ben", claims, "2099-01-01T00:00:00+00:00")
    # a forged issuer that names the admin but signs with the colleague's key
    admin = world.sessions["admin"]
    forged = Issuer(admin.principal.agent_id, 1, AgentKeys.generate().ed25519_public)
    body = certificate_body(claims, forged, utcnow().isoformat())
    with world.db.transaction() as s:
        s.add(Certificate(subject=claims.subject, body=body, signature=b"\0" * 64))
    _refused_and_nothing_sealed_to(world, mine)


def test_a_certified_newer_key_whose_row_is_missing_or_differs_is_refused(world: World) -> None:
    """The admin certified letter v2 (the operator has it), but the colleague made sure
    the row is absent, or wrote his own key under that version: refused, not sealed to
    v1 nor to his key."""
    admin = world.sessions["admin"]
    with world.db.transaction() as s:
        issue(s, admin, OutboxClaims("letter", 2, public_key_bytes(new_service_key())))
    with pytest.raises(Uncertified, match="not certified"):
        world.queue()
    assert _count(world.db) == 0
    mine = _colleague_key(world)
    _refused_and_nothing_sealed_to(world, mine)


def test_the_refusal_is_audited_when_the_caller_asks(world: World) -> None:
    _colleague_key(world)
    anna = world.sessions["anna"]
    refused = pytest.raises(Uncertified)
    audited = refusals_audited(world.db, anna, "letter_code_sent")
    with refused, audited, world.db.transaction() as s:
        queue(s, world.anchors, channel=OutboxChannel.LETTER, template="letter_code",
              recipient=LETTER, customer_id=None, case_id=None, queued_by=None,
              secret={"code": SecretText(CODE)})  # fmt: skip
    with world.db.read() as s:
        refusals = list(
            s.scalars(
                select(AuditEntry.canonical).where(AuditEntry.action == "certificate_refused")
            )
        )
    assert len(refusals) == 1
    assert '"subject":"outbox:letter:v2"' in refusals[0] and CODE not in refusals[0]


@pytest.mark.parametrize(
    "statement", ["UPDATE outbox_keys SET version = 9", "DELETE FROM outbox_keys"]
)
def test_service_keys_are_append_only(
    world: World, owner_database: Database, statement: str
) -> None:
    """Neither the desk role nor the owner (the triggers) changes or deletes a key."""
    for db in (world.db, owner_database):
        with (
            pytest.raises(Exception, match=r"append-only|permission denied"),
            db.engine.begin() as c,
        ):
            c.execute(text(statement))
    with world.db.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxKey)) == 3


# --- what never appears, and what the desk shows ------------------------------------------


def test_the_code_is_in_no_payload_text_log_or_database_byte(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(TypeError) as as_param:
        world.queue(params={"code": SecretText(CODE)})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="repeats a secret") as repeated:
        world.queue(params={"hint": CODE})
    assert _count(world.db) == 0
    for exc in (as_param.value, repeated.value):
        assert CODE not in str(exc) and CODE not in repr(exc)
    message_id = world.queue()
    with world.db.read() as s:
        shown = queued(s, customer_id=world.customer_id)
    assert CODE not in repr(shown)
    for record in caplog.records:
        assert CODE not in record.getMessage()
    assert CODE not in repr(_row(world.db, message_id).__dict__)
    assert CODE.encode() not in _database_bytes(world.db)


def _database_bytes(db: Database) -> bytes:
    if db.dialect == "sqlite":
        db.dispose()  # checkpoint: everything is in the file
        path = Path(db.url.split(":///", 1)[1])
        return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    with db.read() as s:
        tables = s.scalars(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ).all()
        return "".join(
            str(s.scalar(text(f"SELECT string_agg(t::text, '') FROM \"{t}\" t")) or "")  # noqa: S608
            for t in tables
        ).encode()


def test_the_desk_lists_what_was_queued_masked_and_newest_first(world: World) -> None:
    first = world.queue()
    second = world.queue(
        secret=None,
        channel=OutboxChannel.EMAIL,
        template="address_changed",
        recipient="jana.schulz@example.de",
    )
    third = world.queue(
        secret="483920", channel=OutboxChannel.SMS, template="sms_code", recipient="+4915112345678"
    )
    with world.db.read() as s:
        shown = queued(s, customer_id=world.customer_id)
        assert queued(s, case_id=123456) == []
    assert [(m.id, m.channel, m.recipient_masked, m.carries_code) for m in shown] == [
        (third, OutboxChannel.SMS, "+49 ••• 678", True),
        (second, OutboxChannel.EMAIL, "j•••@example.de", False),
        (first, OutboxChannel.LETTER, "10115 Berlin", True),
    ]
    assert all(m.queued_at.tzinfo is not None and m.sent_at is None for m in shown)


@pytest.mark.parametrize(
    ("channel", "recipient", "masked"),
    [
        ("email", "jana.schulz@example.de", "j•••@example.de"),
        ("email", "no-address", "•••"),
        ("sms", "+49 151 1234 5678", "+49 ••• 678"),
        ("sms", "12", "•••"),
        ("letter", "Jana Schulz\nHauptstr. 5\n10115 Berlin", "10115 Berlin"),
        ("letter", "1&1 Test GmbH, Am Markt 3, A-1010 Wien, Österreich", "A-1010 Wien, Österreich"),
        ("letter", "Jana Schulz", "•••"),
    ],
)
def test_recipients_are_masked(channel: str, recipient: str, masked: str) -> None:
    assert mask_recipient(channel, recipient) == masked


def test_the_demo_hands_each_channel_key_to_its_operator_file(
    database: Database, tmp_path: Path
) -> None:
    files = ServiceKeyFiles(tmp_path, database.describe())
    pinned: list[TrustAnchors] = []
    stats = populate(
        database, customers=0, kdf=FAST_KDF, pin=pinned.append, outbox_keys=files.write
    )
    assert stats["outbox_keys"] == 3
    with database.read() as s:
        listed = {k.channel: k for k in outbox_keys(s, pinned[0])}
        for channel in OutboxChannel:
            key = s.get(OutboxKey, (channel, 1))
            assert key is not None
            assert bytes(key.public_key) == public_key_bytes(files.load(channel))
            assert listed[channel].certified
    with database.read() as s:
        assert not any(k.certified for k in outbox_keys(s, TrustAnchors()))
