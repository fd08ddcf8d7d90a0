"""The credential vault's promise (SPEC C6, issue 11), on SQLite and PostgreSQL:
only the assigned handler decrypts; a reassignment rotates the data key; nothing is
wrapped to a key or role the admin did not certify; a reveal that cannot be audited
shows nothing."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select, text

from kcp_desk.db import Database
from kcp_desk.errors import KcpError, PermissionDenied, StaleEdit
from kcp_desk.models.agents import Agent, Certificate, Role
from kcp_desk.models.audit import AuditEntry
from kcp_desk.models.orders import SupportOrder
from kcp_desk.models.vault import CredentialField, DekWrap, DispatchKey, DispatchKeyWrap
from kcp_desk.security.field_crypto import FieldDecryptError, decrypt_field
from kcp_desk.security.sealing import AgentKeys
from kcp_desk.security.wrapping import (
    AgentRecipient,
    DispatchRecipient,
    UnwrapError,
    dispatch_info,
    unwrap,
    unwrap_dek,
)
from kcp_desk.services.audit import verify
from kcp_desk.services.demo import DEMO_AGENTS, populate
from kcp_desk.services.desk import DeskServices
from kcp_desk.services.intake import intake
from kcp_desk.services.principal import AgentSession
from kcp_desk.services.trust import TrustAnchors, Uncertified
from kcp_desk.services.vault import CredentialUnreadable
from tests.conftest import FAST_KDF
from tests.services.test_order_intake import order_document, secret_value

FIELDS = ("root password", "ftp password", "mail password", "mysql password", "ssh key")


@dataclass
class Team:
    db: Database
    desk: DeskServices
    anchors: TrustAnchors
    sessions: dict[str, AgentSession]
    ids: dict[str, int]

    def order(self, values: dict[str, str] | None = None) -> tuple[int, int, dict[str, str]]:
        """A new support order through the portal intake: (order id, ticket id, values)."""
        values = values or {name: secret_value(name.split()[0]) for name in FIELDS}
        result = intake(self.db, order_document(credentials=values), anchors=self.anchors)
        assert result.order_id is not None
        return result.order_id, result.ticket_id, values

    def ticket_version(self, ticket_id: int, by: str = "lea") -> int:
        return self.desk.tickets.status(self.sessions[by], ticket_id).version

    def reassign(self, ticket_id: int, to: str, by: str = "lea") -> None:
        version = self.ticket_version(ticket_id, by)
        self.desk.tickets.reassign(self.sessions[by], ticket_id, version, self.ids[to], "Urlaub")


@pytest.fixture
def team(database: Database) -> Iterator[Team]:
    pinned: list[TrustAnchors] = []
    populate(database, customers=12, kdf=FAST_KDF, pin=pinned.append)
    anchors = pinned[0]
    desk = DeskServices.build(database, anchors=anchors, admin_kdf=FAST_KDF)
    sessions = {a.username: desk.auth.login(a.username, a.passphrase).session for a in DEMO_AGENTS}
    ids = {name: s.principal.agent_id for name, s in sessions.items()}
    yield Team(database, desk, anchors, sessions, ids)


def _all_wraps_and_fields(db: Database) -> tuple[list[DekWrap], list[CredentialField]]:
    with db.read() as s:
        wraps = list(s.scalars(select(DekWrap)))
        fields = list(s.scalars(select(CredentialField)))
        s.expunge_all()
    return wraps, fields


def _everything_a_key_opens(db: Database, agent_id: int, keys: AgentKeys) -> list[str]:
    """Raw SQL reader with their own unsealed keys: every wrap tried with every info
    they could guess, every data key they got tried on every field."""
    wraps, fields = _all_wraps_and_fields(db)
    with db.read() as s:
        dispatch = list(
            s.scalars(select(DispatchKeyWrap).where(DispatchKeyWrap.agent_id == agent_id))
        )
        versions = {k.id: k.version for k in s.scalars(select(DispatchKey))}
    privates = [keys.x25519]
    for w in dispatch:
        try:
            from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

            raw = unwrap(
                w.wrapped,
                keys.x25519,
                dispatch_info(versions[w.dispatch_key_id], agent_id, w.agent_key_version),
            )
            privates.append(X25519PrivateKey.from_private_bytes(raw))
        except UnwrapError:
            pass
    deks: list[tuple[int, int, bytes]] = []
    for w, private in itertools.product(wraps, privates):
        for recipient in (
            AgentRecipient(agent_id, 1),
            *(DispatchRecipient(v) for v in versions.values()),
        ):
            try:
                deks.append(
                    (
                        w.order_id,
                        w.dek_version,
                        unwrap_dek(
                            w.wrapped,
                            private,
                            order_id=w.order_id,
                            dek_version=w.dek_version,
                            recipient=recipient,
                        ),
                    )
                )
            except UnwrapError:
                continue
    opened = []
    for f, (_, _, dek) in itertools.product(fields, deks):
        try:
            opened.append(
                decrypt_field(
                    dek,
                    order_id=f.order_id,
                    field_name=f.name,
                    dek_version=f.dek_version,
                    nonce=f.nonce,
                    ciphertext=f.ciphertext,
                )
            )
        except FieldDecryptError:
            continue
    return opened


def test_only_the_assignee_decrypts_and_a_colleague_opens_none_of_60_credentials(
    team: Team,
) -> None:
    orders = [team.order() for _ in range(12)]
    for _, ticket_id, _ in orders:
        team.reassign(ticket_id, "anna")
    total = sum(len(v) for _, _, v in orders)
    assert total >= 50
    for order_id, _, values in orders:
        for name, value in values.items():
            assert team.desk.vault.reveal(team.sessions["anna"], order_id, name).reveal() == value
            with pytest.raises(PermissionDenied):
                team.desk.vault.reveal(team.sessions["ben"], order_id, name)
    ben = team.sessions["ben"]
    assert _everything_a_key_opens(team.db, ben.principal.agent_id, ben.keys) == []
    # the admin manages keys and has none that opens credentials either
    admin = team.sessions["admin"]
    assert _everything_a_key_opens(team.db, admin.principal.agent_id, admin.keys) == []
    # exactly one agent wrap (anna's) and one dispatch wrap per order and version
    with team.db.read() as s:
        for order_id, _, _ in orders:
            wraps = list(s.scalars(select(DekWrap).where(DekWrap.order_id == order_id)))
            order = s.get(SupportOrder, order_id)
            assert order is not None and order.dek_version == 2
            assert sorted((w.agent_id is None, w.dek_version) for w in wraps) == [
                (False, 2),
                (True, 2),
            ]
            assert {w.agent_id for w in wraps} == {None, team.ids["anna"]}


def test_a_claiming_agent_waits_until_a_lead_hands_the_credentials_over(team: Team) -> None:
    order_id, ticket_id, values = team.order()
    anna, tobias = team.sessions["anna"], team.sessions["tobias"]
    team.desk.tickets.claim(anna, ticket_id)
    with pytest.raises(PermissionDenied) as waiting:
        team.desk.vault.reveal(anna, order_id, "root password")
    assert "lead has not handed you" in str(waiting.value.template)
    # the lead's desk lists her, and its upkeep hands nothing over on its own
    assert [(w.order_id, w.assignee_id) for w in team.desk.vault.waiting(tobias)] == [
        (order_id, team.ids["anna"])
    ]
    team.desk.vault.upkeep(tobias)
    with pytest.raises(PermissionDenied):
        team.desk.vault.reveal(anna, order_id, "root password")
    # the lead hands them to the handler he was shown; an agent cannot
    with pytest.raises(PermissionDenied):
        team.desk.vault.grant(anna, order_id, team.ids["anna"])
    with pytest.raises(StaleEdit):
        team.desk.vault.grant(tobias, order_id, team.ids["ben"])
    team.desk.vault.grant(tobias, order_id, team.ids["anna"])
    assert (
        team.desk.vault.reveal(anna, order_id, "root password").reveal() == values["root password"]
    )
    assert team.desk.vault.waiting(tobias) == ()


def test_an_assignment_written_into_the_database_gets_no_credentials(team: Team) -> None:
    """V-8: Ben writes himself into the order and its ticket. The lead's desk lists him
    as waiting, but the hand-over is refused: the signed audit log shows no such
    assignment (and a claim he signs himself for a ticket he was not given neither)."""
    order_id, ticket_id, _ = team.order()
    team.reassign(ticket_id, "anna")
    with team.db.transaction() as s:
        s.execute(
            text("UPDATE support_orders SET assignee_id = :b WHERE id = :o"),
            {"b": team.ids["ben"], "o": order_id},
        )
        s.execute(
            text("UPDATE tickets SET assignee_id = :b WHERE id = :t"),
            {"b": team.ids["ben"], "t": ticket_id},
        )
    lea = team.sessions["lea"]
    assert [w.assignee_id for w in team.desk.vault.waiting(lea)] == [team.ids["ben"]]
    team.desk.vault.upkeep(lea)
    with pytest.raises(PermissionDenied) as refused:
        team.desk.vault.grant(lea, order_id, team.ids["ben"])
    assert "audit log does not show" in str(refused.value.template)
    with pytest.raises(PermissionDenied):
        team.desk.vault.reveal(team.sessions["ben"], order_id, "root password")
    wraps, _ = _all_wraps_and_fields(team.db)
    assert team.ids["ben"] not in {w.agent_id for w in wraps}


def test_a_former_assignee_cannot_decrypt_after_reassignment(team: Team) -> None:
    order_id, ticket_id, values = team.order()
    team.reassign(ticket_id, "anna")
    anna = team.sessions["anna"]
    assert team.desk.vault.reveal(anna, order_id, "ssh key").reveal() == values["ssh key"]
    kept_wraps, _ = _all_wraps_and_fields(team.db)
    kept = [w for w in kept_wraps if w.order_id == order_id and w.agent_id == team.ids["anna"]]
    assert len(kept) == 1
    team.reassign(ticket_id, "ben")
    with pytest.raises(PermissionDenied):
        team.desk.vault.reveal(anna, order_id, "ssh key")
    wraps, fields = _all_wraps_and_fields(team.db)
    assert not [w for w in wraps if w.agent_id == team.ids["anna"]]
    old_dek = unwrap_dek(
        kept[0].wrapped,
        anna.keys.x25519,
        order_id=order_id,
        dek_version=kept[0].dek_version,
        recipient=AgentRecipient(team.ids["anna"], 1),
    )
    for f in (f for f in fields if f.order_id == order_id):
        for version in (f.dek_version, kept[0].dek_version):
            with pytest.raises(FieldDecryptError):
                decrypt_field(
                    old_dek,
                    order_id=order_id,
                    field_name=f.name,
                    dek_version=version,
                    nonce=f.nonce,
                    ciphertext=f.ciphertext,
                )
    assert (
        team.desk.vault.reveal(team.sessions["ben"], order_id, "ssh key").reveal()
        == values["ssh key"]
    )


def test_the_assignee_hands_over_directly_and_a_release_leaves_only_the_dispatch_wrap(
    team: Team,
) -> None:
    order_id, ticket_id, values = team.order()
    team.reassign(ticket_id, "anna")
    anna, ben = team.sessions["anna"], team.sessions["ben"]
    team.desk.tickets.hand_over(anna, ticket_id, team.ticket_version(ticket_id), team.ids["ben"])
    assert team.desk.vault.reveal(ben, order_id, "ftp password").reveal() == values["ftp password"]
    team.desk.tickets.release(ben, ticket_id, team.ticket_version(ticket_id))
    with team.db.read() as s:
        wraps = list(s.scalars(select(DekWrap).where(DekWrap.order_id == order_id)))
        assert [w.agent_id for w in wraps] == [None]
        assert wraps[0].dek_version == 4  # reassign, hand-over, release: three rotations


def test_swapped_ciphertexts_and_wraps_do_not_decrypt(team: Team) -> None:
    (a, ta, _), (b, tb, _) = team.order(), team.order()
    team.reassign(ta, "anna")
    team.reassign(tb, "anna")
    anna = team.sessions["anna"]
    with team.db.transaction() as s:
        fa = s.scalars(
            select(CredentialField)
            .where(CredentialField.order_id == a)
            .order_by(CredentialField.name)
        ).all()
        fb = s.scalars(
            select(CredentialField)
            .where(CredentialField.order_id == b)
            .order_by(CredentialField.name)
        ).all()
        # order a's first two fields swapped with each other, a field of b moved into a
        fa[0].nonce, fa[1].nonce = fa[1].nonce, fa[0].nonce
        fa[0].ciphertext, fa[1].ciphertext = fa[1].ciphertext, fa[0].ciphertext
        fa[2].nonce, fa[2].ciphertext = fb[2].nonce, fb[2].ciphertext
        names = [fa[0].name, fa[1].name, fa[2].name]
    for name in names:
        with pytest.raises(CredentialUnreadable):
            team.desk.vault.reveal(anna, a, name)
    # b's agent wrap moved onto a: opens nothing (bound to order b)
    with team.db.transaction() as s:
        wa = s.scalars(
            select(DekWrap).where(DekWrap.order_id == a, DekWrap.agent_id.is_not(None))
        ).one()
        wb = s.scalars(
            select(DekWrap).where(DekWrap.order_id == b, DekWrap.agent_id.is_not(None))
        ).one()
        wa.wrapped = wb.wrapped
    anna.lock()
    team.desk.auth.unlock(anna, "anna-demo-2026")
    fb_name = names[2]
    with pytest.raises(CredentialUnreadable):
        team.desk.vault.reveal(anna, a, fb_name)


def test_a_swapped_public_key_is_refused_before_any_wrap_and_audited(team: Team) -> None:
    _, ticket_id, _ = team.order()
    attacker = AgentKeys.generate()
    with team.db.transaction() as s:  # a colleague with write access to the database
        s.execute(
            text("UPDATE agents SET x25519_public = :k WHERE id = :id"),
            {"k": attacker.x25519_public, "id": team.ids["ben"]},
        )
    before, _ = _all_wraps_and_fields(team.db)
    with pytest.raises(Uncertified):
        team.reassign(ticket_id, "ben")
    after, _ = _all_wraps_and_fields(team.db)
    assert [(w.id, w.agent_id) for w in after] == [(w.id, w.agent_id) for w in before]
    with team.db.read() as s:
        ticket_assignee = s.scalar(
            text("SELECT assignee_id FROM tickets WHERE id = :t"), {"t": ticket_id}
        )
        refused = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "certificate_refused")
        ).all()
    assert ticket_assignee is None
    assert len(refused) == 1 and f'"subject":"agent:{team.ids["ben"]}"' in refused[0].canonical


def test_a_self_promoted_lead_gets_no_dispatch_key(team: Team) -> None:
    with team.db.transaction() as s:
        s.execute(text("UPDATE agents SET role = 'lead' WHERE id = :id"), {"id": team.ids["ben"]})
    team.desk.admin.rotate_dispatch_key(team.sessions["admin"])
    with team.db.read() as s:
        newest = s.scalar(select(func.max(DispatchKey.version)))
        key = s.scalars(select(DispatchKey).where(DispatchKey.version == newest)).one()
        holders = set(
            s.scalars(
                select(DispatchKeyWrap.agent_id).where(DispatchKeyWrap.dispatch_key_id == key.id)
            )
        )
        refused = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "certificate_refused")
        ).all()
    assert holders == {team.ids["lea"], team.ids["tobias"]}
    assert refused
    # and a certificate he forges with his own key is not trusted (not pinned, not admin)
    ben = team.sessions["ben"]
    from kcp_desk.services.trust import certify_agent

    with team.db.transaction() as s:
        agent = s.get(Agent, team.ids["ben"])
        assert agent is not None
        certify_agent(s, ben, agent)
    overview = team.desk.admin.overview(team.sessions["admin"])
    row = next(r for r in overview.agents if r.agent_id == team.ids["ben"])
    assert row.certificate_problem


def test_a_reveal_whose_audit_write_fails_shows_nothing(
    team: Team, owner_database: Database
) -> None:
    order_id, ticket_id, _ = team.order()
    team.reassign(ticket_id, "anna")
    with owner_database.engine.begin() as conn:
        if team.db.dialect == "postgresql":
            conn.execute(
                text(
                    "CREATE FUNCTION fail_reveal() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    "RAISE EXCEPTION 'disk full' USING ERRCODE = 'disk_full'; END $$"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER fail_reveal BEFORE INSERT ON audit_log FOR EACH ROW "
                    "WHEN (NEW.action = 'credential_revealed') EXECUTE FUNCTION fail_reveal()"
                )
            )
        else:
            conn.execute(
                text(
                    "CREATE TRIGGER fail_reveal BEFORE INSERT ON audit_log "
                    "WHEN NEW.action = 'credential_revealed' "
                    "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
                )
            )
    anna = team.sessions["anna"]
    # PostgreSQL: a full disk (DatabaseFull); SQLite: a failing statement. Either way
    # the reveal raises instead of returning, and nothing was even opened.
    with pytest.raises(Exception) as failed:
        team.desk.vault.reveal(anna, order_id, "root password")
    if team.db.dialect == "postgresql":
        assert isinstance(failed.value, KcpError)
    assert anna.cached_dek(order_id, 2) is None
    with team.db.read() as s:
        assert not s.scalars(
            select(AuditEntry).where(AuditEntry.action == "credential_revealed")
        ).all()


def test_data_keys_are_cached_until_lock(team: Team) -> None:
    order_id, ticket_id, _ = team.order()
    team.reassign(ticket_id, "anna")
    anna = team.sessions["anna"]
    team.desk.vault.reveal(anna, order_id, "root password")
    assert anna.cached_dek(order_id, 2) is not None
    anna.lock()
    assert anna._deks == {}
    with pytest.raises(PermissionDenied):
        team.desk.vault.reveal(anna, order_id, "root password")


def test_disabling_agents_requeues_their_work_and_a_departing_lead_rotates_dispatch(
    team: Team,
) -> None:
    order_id, ticket_id, values = team.order()
    team.reassign(ticket_id, "anna")
    admin = team.desk.admin
    rows = {r.username: r for r in admin.overview(team.sessions["admin"]).agents}
    assert all(not r.certificate_problem for r in rows.values())
    admin.disable(team.sessions["admin"], rows["anna"].agent_id, rows["anna"].version)
    with team.db.read() as s:
        assert (
            s.scalar(text("SELECT assignee_id FROM tickets WHERE id = :t"), {"t": ticket_id})
            is None
        )
        order = s.get(SupportOrder, order_id)
        assert order is not None and order.assignee_id is None
        assert not s.scalars(select(DekWrap).where(DekWrap.agent_id == team.ids["anna"])).all()
    overview = admin.disable(team.sessions["admin"], rows["lea"].agent_id, rows["lea"].version)
    assert overview.dispatch.current_version == 2
    assert overview.dispatch.leads_holding_it == 1  # tobias
    assert overview.dispatch.orders_on_old_keys >= 1
    with team.db.read() as s:
        assert not s.scalars(
            select(DispatchKeyWrap).where(DispatchKeyWrap.agent_id == team.ids["lea"])
        ).all()
    report = team.desk.vault.upkeep(team.sessions["tobias"])
    assert report.moved >= 1
    overview = admin.overview(team.sessions["admin"])
    assert overview.dispatch.orders_on_old_keys == 0
    with team.db.read() as s:
        old = s.scalars(select(DispatchKey).where(DispatchKey.version == 1)).one()
        assert not s.scalars(
            select(DispatchKeyWrap).where(DispatchKeyWrap.dispatch_key_id == old.id)
        ).all()
    team.reassign(ticket_id, "ben", by="tobias")
    assert (
        team.desk.vault.reveal(team.sessions["ben"], order_id, "root password").reveal()
        == values["root password"]
    )
    # every certificate and change is signed and audited; the chain verifies
    assert verify(team.db).ok
    with team.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Certificate)) >= 8


def test_the_certificate_and_key_history_tables_refuse_rewrites(team: Team) -> None:
    for statement in (
        "DELETE FROM certificates",
        "UPDATE certificates SET body = 'x'",
        "DELETE FROM agent_keys",
        "UPDATE agent_keys SET key_version = 9",
    ):
        # SQLite: the trigger aborts; PostgreSQL: the desk role has no such right, and
        # the owner's statement would meet the trigger
        with (
            pytest.raises(Exception, match=r"append-only|history|permission denied"),
            team.db.transaction() as s,
        ):
            s.execute(text(statement))


def test_the_demo_hands_its_vault_orders_to_agents_through_the_intake(database: Database) -> None:
    pinned: list[TrustAnchors] = []
    stats = populate(database, customers=12, kdf=FAST_KDF, pin=pinned.append, vault_orders=True)
    assert stats["vault_orders"] == 6
    desk = DeskServices.build(database, anchors=pinned[0], admin_kdf=FAST_KDF)
    anna = desk.auth.login("anna", "anna-demo-2026").session
    ben = desk.auth.login("ben", "ben-demo-2026").session
    with database.read() as s:
        rows = s.execute(
            select(SupportOrder.id, SupportOrder.assignee_id, CredentialField.name)
            .join(CredentialField, CredentialField.order_id == SupportOrder.id)
            .order_by(SupportOrder.id)
        ).all()
    mine = [(o, name) for o, assignee, name in rows if assignee == anna.principal.agent_id]
    assert mine and {a for _, a, _ in rows} >= {
        anna.principal.agent_id,
        ben.principal.agent_id,
        None,
    }
    for order_id, name in mine:
        assert desk.vault.reveal(anna, order_id, name).reveal().startswith("demo-")
        with pytest.raises(PermissionDenied):
            desk.vault.reveal(ben, order_id, name)


def test_after_the_order_no_credential_byte_is_left_anywhere(
    team: Team, caplog: pytest.LogCaptureFixture
) -> None:
    """The whole life of an order's credentials — intake, reassignment, reveal, copy,
    cancellation (SO-5) — leaves no plaintext in logs, exception texts, repr() or the
    settings file, and on SQLite neither the plaintext nor the ciphertexts and wraps in
    the database file or its WAL once the order has ended (secure_delete)."""
    import logging
    import sqlite3
    from pathlib import Path

    from sqlalchemy import make_url

    from kcp_desk.settings import Paths, Settings

    caplog.set_level(logging.DEBUG)
    order_id, ticket_id, values = team.order()
    team.reassign(ticket_id, "anna")
    anna = team.sessions["anna"]
    shown = [team.desk.vault.reveal(anna, order_id, name) for name in values]
    team.desk.vault.reveal(anna, order_id, "ssh key", copy=True)
    texts = [repr(s) + str(s) + f"{s}" for s in shown] + [repr(anna)]
    with pytest.raises(PermissionDenied) as refused:
        team.desk.vault.reveal(team.sessions["ben"], order_id, "ssh key")
    texts.append(str(refused.value) + repr(refused.value))
    with team.db.read() as s:
        cipher = [
            bytes(c)
            for c in s.scalars(
                select(CredentialField.ciphertext).where(CredentialField.order_id == order_id)
            )
        ]
        wrapped = [
            bytes(w) for w in s.scalars(select(DekWrap.wrapped).where(DekWrap.order_id == order_id))
        ]
    version = team.desk.orders.detail(anna, order_id).version
    team.desk.orders.change_state(anna, order_id, version, "cancelled")
    with team.db.read() as s:
        assert not s.scalars(
            select(CredentialField).where(CredentialField.order_id == order_id)
        ).all()
        assert not s.scalars(select(DekWrap).where(DekWrap.order_id == order_id)).all()
    Settings.load(Paths.from_environment()).save(Paths.from_environment())
    texts.append(Paths.from_environment().settings_file.read_text(encoding="utf-8"))
    for value in values.values():
        assert value not in caplog.text
        assert not any(value in t for t in texts)
        for record in caplog.records:
            assert value not in record.getMessage() and value not in repr(record.args)
    if team.db.dialect != "sqlite":
        return
    path = Path(make_url(team.db.url).database or "")
    team.db.dispose()
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
    finally:
        raw.close()
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    data += wal.read_bytes() if wal.exists() else b""
    for value in values.values():
        assert value.encode() not in data and value.encode("utf-16-le") not in data
    for blob in cipher + wrapped:
        assert blob not in data  # zeroed by secure_delete, not left in a free page


def test_a_role_written_into_the_database_grants_nothing(team: Team) -> None:
    """V-8: Ben makes himself lead, then admin, with an UPDATE: his desk reassigns no
    ticket and disables nobody; both refusals are audited."""
    _, ticket_id, _ = team.order()
    ben = team.sessions["ben"]
    with team.db.transaction() as s:
        s.execute(text("UPDATE agents SET role = 'lead' WHERE id = :id"), {"id": team.ids["ben"]})
    version = team.ticket_version(ticket_id)
    with pytest.raises(Uncertified):
        team.desk.tickets.reassign(ben, ticket_id, version, team.ids["ben"], "mir")
    with team.db.transaction() as s:
        s.execute(text("UPDATE agents SET role = 'admin' WHERE id = :id"), {"id": team.ids["ben"]})
        anna = s.get(Agent, team.ids["anna"])
        assert anna is not None
        anna_version = anna.version
    with pytest.raises(Uncertified):
        team.desk.admin.disable(ben, team.ids["anna"], anna_version)
    with team.db.read() as s:
        anna = s.get(Agent, team.ids["anna"])
        assert anna is not None and anna.active
        assert (
            s.scalar(text("SELECT assignee_id FROM tickets WHERE id = :t"), {"t": ticket_id})
            is None
        )
        refused = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "certificate_refused")
        ).all()
    assert [r.canonical.count('"during":"ticket_reassigned"') for r in refused] == [1, 0]
    assert '"during":"agent_disabled"' in refused[1].canonical


def test_the_agent_wrap_goes_to_the_assignee_only(team: Team) -> None:
    """V-3: the rotation refuses a recipient who is not the order's assignee; every
    wrap the desk made in a busy life of an order is addressed to its assignee."""
    from kcp_desk.services.trust import certified_agent
    from kcp_desk.services.vault import rotate

    order_id, ticket_id, _ = team.order()
    team.reassign(ticket_id, "anna")
    team.reassign(ticket_id, "ben")
    team.desk.tickets.hand_over(
        team.sessions["ben"], ticket_id, team.ticket_version(ticket_id), team.ids["anna"]
    )
    with team.db.read() as s:
        order = s.get(SupportOrder, order_id)
        assert order is not None
        wraps = s.scalars(select(DekWrap).where(DekWrap.order_id == order_id)).all()
        assert {w.agent_id for w in wraps if w.agent_id is not None} == {order.assignee_id}
    with pytest.raises(ValueError, match="assignee only"), team.db.transaction() as s:
        order = s.get(SupportOrder, order_id)
        assert order is not None
        ben = certified_agent(s, team.ids["ben"], team.anchors)
        rotate(s, order, b"\0" * 32, assignee=ben, anchors=team.anchors)


def test_after_an_admin_resets_keys_old_entries_verify_and_access_comes_back(
    team: Team,
) -> None:
    """V-7: new keys (version 2) for Anna; her old wraps are gone, her v1 audit entries
    still verify, the old session signs nothing more, and a lead's desk grants her the
    order again under the new key."""
    order_id, ticket_id, values = team.order()
    team.reassign(ticket_id, "anna")
    old = team.sessions["anna"]
    team.desk.vault.reveal(old, order_id, "root password")  # an entry signed with v1
    row = next(
        r for r in team.desk.admin.overview(team.sessions["admin"]).agents if r.username == "anna"
    )
    team.desk.admin.reset_keys(
        team.sessions["admin"], row.agent_id, row.version, "anna-new-passphrase"
    )
    with team.db.read() as s:
        assert not s.scalars(select(DekWrap).where(DekWrap.agent_id == team.ids["anna"])).all()
    with pytest.raises(KcpError):
        team.desk.vault.reveal(old, order_id, "root password")
    new = team.desk.auth.login("anna", "anna-new-passphrase").session
    assert new.key_version == 2
    with pytest.raises(PermissionDenied):  # waiting for a lead
        team.desk.vault.reveal(new, order_id, "root password")
    team.desk.vault.grant(team.sessions["lea"], order_id, team.ids["anna"])
    assert (
        team.desk.vault.reveal(new, order_id, "root password").reveal() == values["root password"]
    )
    result = verify(team.db)
    assert result.ok, result
    with team.db.read() as s:
        signed_v1 = s.scalars(
            select(AuditEntry).where(
                AuditEntry.agent_id == team.ids["anna"],
                AuditEntry.canonical.contains('"key_version":1'),
            )
        ).all()
    assert signed_v1


def test_a_replayed_old_certificate_does_not_undo_a_demotion(team: Team) -> None:
    """V-8: Lea is demoted; she copies her old, validly signed lead certificate back in
    as the newest row and writes 'lead' into her row again. The certificate with the
    latest signed time counts, so she is refused, and no dispatch key reaches her."""
    row = next(
        r for r in team.desk.admin.overview(team.sessions["admin"]).agents if r.username == "lea"
    )
    with team.db.read() as s:
        old = s.scalars(
            select(Certificate)
            .where(Certificate.subject == f"agent:{team.ids['lea']}")
            .order_by(Certificate.id)
        ).all()[-1]
        body, signature = old.body, bytes(old.signature)
    team.desk.admin.change_role(team.sessions["admin"], row.agent_id, row.version, Role.AGENT)
    with team.db.transaction() as s:  # a colleague with write access: replay, re-promote
        s.add(Certificate(subject=f"agent:{team.ids['lea']}", body=body, signature=signature))
        s.execute(text("UPDATE agents SET role = 'lead' WHERE id = :id"), {"id": team.ids["lea"]})
    overview = team.desk.admin.rotate_dispatch_key(team.sessions["admin"])
    lea = next(r for r in overview.agents if r.username == "lea")
    assert lea.certificate_problem and not lea.holds_dispatch_key
    _, ticket_id, _ = team.order()
    with pytest.raises(Uncertified):
        team.reassign(ticket_id, "ben", by="lea")
