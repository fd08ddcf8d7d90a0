# ruff: noqa: F811 - ``team`` is the fixture imported from test_vault
"""A hostile review of the credential vault (issue 11, SPEC C6, C7), on SQLite and
PostgreSQL: a colleague with read or WRITE access to the database (the desk role every
workstation connects as) tries to read or redirect a secret, or to hide what they did.

Every test performs the attack against the real services and asserts the SAFE outcome.
Tests marked ``xfail(strict=True, reason="finding: …")`` are attacks that work today:
they document the hole and turn into failures (XPASS) once it is closed, so whoever
fixes it removes the mark.
"""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import func, select, text

from kcp_desk.errors import InvalidInput, KcpError, NotFound, PermissionDenied
from kcp_desk.models.agents import Agent, AgentKey, Certificate, Role
from kcp_desk.models.audit import AuditEntry
from kcp_desk.models.base import utcnow
from kcp_desk.models.orders import SupportOrder
from kcp_desk.models.vault import CredentialField, DekWrap, DispatchKey, DispatchKeyWrap
from kcp_desk.security.audit_chain import canonical_json, entry_hash
from kcp_desk.security.certificates import (
    AgentClaims,
    DispatchClaims,
    Issuer,
    agent_subject,
    certificate_body,
    sign_certificate,
)
from kcp_desk.security.field_crypto import FieldDecryptError, decrypt_field, new_data_key
from kcp_desk.security.sealing import AgentKeys
from kcp_desk.security.wrapping import (
    AgentRecipient,
    DispatchRecipient,
    UnwrapError,
    dispatch_info,
    unwrap,
    unwrap_dek,
    wrap_dek,
)
from kcp_desk.services.audit import verify
from kcp_desk.services.trust import Uncertified
from kcp_desk.services.vault import CredentialUnreadable
from tests.services.test_vault import Team, team  # noqa: F401

# --- what an attacker does with what they can read ---------------------------------------


def _dispatch_copies(team: Team, lead: str) -> dict[int, X25519PrivateKey]:
    """A lead keeps what their own key opens today: every dispatch private key version
    wrapped to them (a copy kept for later, after a demotion or a departure)."""
    session = team.sessions[lead]
    me = team.ids[lead]
    with team.db.read() as s:
        rows = s.execute(
            select(DispatchKeyWrap, DispatchKey.version)
            .join(DispatchKey, DispatchKey.id == DispatchKeyWrap.dispatch_key_id)
            .where(DispatchKeyWrap.agent_id == me)
        ).all()
        copies = {}
        for w, version in rows:
            raw = unwrap(w.wrapped, session.keys.x25519, dispatch_info(version, me, 1))
            copies[version] = X25519PrivateKey.from_private_bytes(raw)
    assert copies
    return copies


def _opened_with_dispatch(
    team: Team, privates: dict[int, X25519PrivateKey], order_ids: set[int]
) -> list[str]:
    """Every credential of ``order_ids`` that the given dispatch private keys open,
    reading the tables with raw SQL."""
    opened: list[str] = []
    with team.db.read() as s:
        wraps = s.execute(
            select(DekWrap.order_id, DekWrap.dek_version, DekWrap.wrapped, DispatchKey.version)
            .join(DispatchKey, DispatchKey.id == DekWrap.dispatch_key_id)
            .where(DekWrap.order_id.in_(order_ids))
        ).all()
        fields = s.execute(
            select(
                CredentialField.order_id,
                CredentialField.name,
                CredentialField.dek_version,
                CredentialField.nonce,
                CredentialField.ciphertext,
            ).where(CredentialField.order_id.in_(order_ids))
        ).all()
    for order_id, dek_version, wrapped, version in wraps:
        private = privates.get(version)
        if private is None:
            continue
        try:
            dek = unwrap_dek(
                bytes(wrapped),
                private,
                order_id=order_id,
                dek_version=dek_version,
                recipient=DispatchRecipient(version),
            )
        except UnwrapError:
            continue
        for f_order, name, f_version, nonce, ciphertext in fields:
            if f_order != order_id or f_version != dek_version:
                continue
            try:
                opened.append(
                    decrypt_field(
                        dek,
                        order_id=f_order,
                        field_name=name,
                        dek_version=f_version,
                        nonce=bytes(nonce),
                        ciphertext=bytes(ciphertext),
                    )
                )
            except FieldDecryptError:
                continue
    return opened


def _row_version(team: Team, name: str) -> int:
    rows = team.desk.admin.overview(team.sessions["admin"]).agents
    return next(r.version for r in rows if r.username == name)


def _agent_claims(team: Team, name: str) -> AgentClaims:
    with team.db.read() as s:
        agent = s.get(Agent, team.ids[name])
        assert agent is not None
        return AgentClaims(
            agent_id=agent.id,
            username=agent.username,
            role=str(agent.role),
            active=agent.active,
            key_version=agent.key_version,
            x25519_public=agent.x25519_public,
            ed25519_public=agent.ed25519_public,
        )


def _self_signed(team: Team, by: str, claims: AgentClaims | DispatchClaims, issued_at: str) -> None:
    """``by`` writes a certificate signed with their own key into the table."""
    forger = team.sessions[by]
    body = certificate_body(claims, Issuer(team.ids[by], 1, forger.keys.ed25519_public), issued_at)
    with team.db.transaction() as s:
        s.add(
            Certificate(
                subject=claims.subject, body=body, signature=sign_certificate(forger.keys, body)
            )
        )


def _refusals(team: Team) -> list[str]:
    with team.db.read() as s:
        return list(
            s.scalars(
                select(AuditEntry.canonical).where(AuditEntry.action == "certificate_refused")
            )
        )


def _order_count(team: Team) -> int:
    with team.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(SupportOrder)) or 0)


# --- forged wraps --------------------------------------------------------------------------


def test_a_wrap_the_colleague_made_himself_opens_nothing_and_is_never_trusted(
    team: Team,
) -> None:
    """Promise: only the assigned handler decrypts. Ben (write access) takes over Anna's
    order in the table: the assignee column and the agent wrap rewritten to a data key
    he made and wrapped to himself with exactly the info the desk expects. His reveal
    opens nothing (his key does not open the fields), and a lead's reassignment (to Lea)
    goes through the dispatch key, not through his wrap."""
    order_id, ticket_id, values = team.order()
    team.reassign(ticket_id, "anna")
    ben = team.sessions["ben"]
    with team.db.read() as s:
        version = s.scalar(select(SupportOrder.dek_version).where(SupportOrder.id == order_id))
    assert version is not None
    forged = wrap_dek(
        new_data_key(),
        ben.keys.x25519_public,
        order_id=order_id,
        dek_version=version,
        recipient=AgentRecipient(team.ids["ben"], 1),
    )
    with team.db.transaction() as s:
        s.execute(
            text(
                "UPDATE dek_wraps SET agent_id = :b, wrapped = :w "
                "WHERE order_id = :o AND agent_id IS NOT NULL"
            ),
            {"b": team.ids["ben"], "w": forged, "o": order_id},
        )
        s.execute(
            text("UPDATE support_orders SET assignee_id = :b WHERE id = :o"),
            {"b": team.ids["ben"], "o": order_id},
        )
    for name in values:
        with pytest.raises(CredentialUnreadable) as refused:
            team.desk.vault.reveal(ben, order_id, name)
        assert not any(v in str(refused.value) + repr(refused.value) for v in values.values())
    # his wrap makes the order look served: no lead's desk lists it, nobody hands it over
    tobias = team.sessions["tobias"]
    assert order_id not in {w.order_id for w in team.desk.vault.waiting(tobias)}
    team.desk.vault.upkeep(tobias)
    team.reassign(ticket_id, "lea", by="tobias")
    lea = team.sessions["lea"]
    assert (
        team.desk.vault.reveal(lea, order_id, "root password").reveal() == (values["root password"])
    )
    with team.db.read() as s:
        assert not s.scalars(select(DekWrap).where(DekWrap.agent_id == team.ids["ben"])).all()


def test_a_dispatch_wrap_replaced_with_the_colleagues_own_data_key_is_an_expected_fault(
    team: Team,
) -> None:
    """Promise: nobody redirects a secret unnoticed. The dispatch public key is public,
    so Ben can wrap a data key of his own choosing to it and put it in place of the
    order's dispatch wrap. A lead's reassignment then opens HIS data key: the fields do
    not decrypt under it, so the reassignment must be refused as a known fault
    (a KcpError the desk shows, not a crash), with nothing changed and nothing that his
    data key opens afterwards."""
    order_id, ticket_id, values = team.order()
    with team.db.read() as s:
        version = s.scalar(select(SupportOrder.dek_version).where(SupportOrder.id == order_id))
        key = s.scalars(select(DispatchKey).where(DispatchKey.retired_at.is_(None))).one()
        key_version, public = key.version, key.public_key
    assert version is not None
    his_dek = new_data_key()
    forged = wrap_dek(
        his_dek,
        public,
        order_id=order_id,
        dek_version=version,
        recipient=DispatchRecipient(key_version),
    )
    with team.db.transaction() as s:
        s.execute(
            text("UPDATE dek_wraps SET wrapped = :w WHERE order_id = :o"),
            {"w": forged, "o": order_id},
        )
    with pytest.raises(Exception) as refused:
        team.reassign(ticket_id, "ben")
    with team.db.read() as s:
        assert (
            s.scalar(text("SELECT assignee_id FROM tickets WHERE id = :t"), {"t": ticket_id})
            is None
        )
        fields = s.execute(
            select(
                CredentialField.name,
                CredentialField.dek_version,
                CredentialField.nonce,
                CredentialField.ciphertext,
            ).where(CredentialField.order_id == order_id)
        ).all()
    assert {f.dek_version for f in fields} == {version}  # nothing was rotated
    for name, f_version, nonce, ciphertext in fields:
        with pytest.raises(FieldDecryptError):
            decrypt_field(
                his_dek,
                order_id=order_id,
                field_name=name,
                dek_version=f_version,
                nonce=bytes(nonce),
                ciphertext=bytes(ciphertext),
            )
    assert len(values) == len(fields)
    assert isinstance(refused.value, KcpError), repr(refused.value)  # not a "bug" dialog


# --- the dispatch key ----------------------------------------------------------------------


def test_a_rewritten_dispatch_public_key_gets_no_order_and_no_rotation(team: Team) -> None:
    """Promise: nothing is encrypted to a key an admin did not certify (V-8). Ben puts
    his own public key into the current dispatch key's row: the intake refuses (nothing
    created) and a lead's reassignment refuses (nothing rotated, refusal audited)."""
    _, ticket_id, _ = team.order()
    attacker = AgentKeys.generate()
    with team.db.transaction() as s:
        s.execute(
            text("UPDATE dispatch_keys SET public_key = :k WHERE retired_at IS NULL"),
            {"k": attacker.x25519_public},
        )
    before = _order_count(team)
    with pytest.raises(Uncertified):
        team.order()
    assert _order_count(team) == before
    with team.db.read() as s:
        wraps_before = sorted(s.scalars(select(DekWrap.id)))
    with pytest.raises(Uncertified):
        team.reassign(ticket_id, "anna")
    with team.db.read() as s:
        assert sorted(s.scalars(select(DekWrap.id))) == wraps_before
    assert any('"subject":"dispatch:v1"' in r for r in _refusals(team))


def test_a_newer_dispatch_key_row_of_the_colleague_is_refused(team: Team) -> None:
    """Promise: V-8. Ben inserts dispatch key version 2 with his own public key, and a
    certificate for it signed with his own key: the intake encrypts nothing to it."""
    attacker = AgentKeys.generate()
    with team.db.transaction() as s:
        s.add(DispatchKey(version=2, public_key=attacker.x25519_public))
    _self_signed(team, "ben", DispatchClaims(2, attacker.x25519_public), utcnow().isoformat())
    before = _order_count(team)
    with pytest.raises(Uncertified):
        team.order()
    assert _order_count(team) == before


@pytest.mark.parametrize(
    "attack",
    [
        "unretire",
        "delete_newest",
    ],
)
def test_a_demoted_lead_cannot_bring_back_the_dispatch_key_they_kept(
    team: Team, attack: str
) -> None:
    """Promise: a departing or demoted lead loses the dispatch key (V-7): the admin's
    rotation makes a new one, and what they kept opens nothing that arrives later.
    Lea keeps her copy of dispatch key v1, is demoted (v2 is made), then with write
    access brings v1 back: swaps the retired flags (v2 retired, v1 current again), or
    deletes the v2 row (no order uses it yet) and clears v1's flag. The portal intake,
    and a lead's reassignment, must not encrypt anything new to v1 (failed before the
    desk stopped trusting ``retired_at``)."""
    kept = _dispatch_copies(team, "lea")
    assert set(kept) == {1}
    team.desk.admin.change_role(
        team.sessions["admin"], team.ids["lea"], _row_version(team, "lea"), Role.AGENT
    )
    if attack == "delete_newest":
        # refused: a trigger on SQLite, no DELETE right for the desk role on PostgreSQL
        with (
            pytest.raises(Exception, match=r"kept|permission denied"),
            team.db.transaction() as s,
        ):
            s.execute(text("DELETE FROM dispatch_keys WHERE version = 2"))
    with team.db.transaction() as s:
        s.execute(
            text("UPDATE dispatch_keys SET retired_at = :t WHERE version = 2"), {"t": utcnow()}
        )
        s.execute(text("UPDATE dispatch_keys SET retired_at = NULL WHERE version = 1"))
    new_orders: set[int] = set()
    values: list[str] = []
    try:
        order_id, ticket_id, v = team.order()
        new_orders.add(order_id)
        values += v.values()
        team.reassign(ticket_id, "anna", by="tobias")
    except KcpError:
        pass  # refusing is safe too
    opened = _opened_with_dispatch(team, kept, new_orders)
    assert not opened


# --- certificates --------------------------------------------------------------------------


def test_a_self_signed_future_certificate_counts_for_nothing(team: Team) -> None:
    """Promise: a forged certificate counts for nothing (trust._verified). Ben signs,
    with his own key, a certificate of Anna's true claims dated 2099 and inserts it.
    It must not become the certificate that counts: a lead's reassignment to Anna still
    hands her the credentials."""
    order_id, ticket_id, values = team.order()
    _self_signed(team, "ben", _agent_claims(team, "anna"), "2099-01-01T00:00:00+00:00")
    team.reassign(ticket_id, "anna")
    assert (
        team.desk.vault.reveal(team.sessions["anna"], order_id, "ssh key").reveal()
        == (values["ssh key"])
    )


def test_a_self_signed_dispatch_certificate_does_not_stop_the_intake(team: Team) -> None:
    """Promise: a forged certificate counts for nothing. Ben inserts a certificate of
    the real dispatch key v1, signed by himself and dated 2099: the intake goes on."""
    with team.db.read() as s:
        public = s.scalars(select(DispatchKey.public_key).where(DispatchKey.version == 1)).one()
    _self_signed(team, "ben", DispatchClaims(1, public), "2099-01-01T00:00:00+00:00")
    team.order()


def test_a_self_promotion_with_a_self_signed_certificate_is_refused(team: Team) -> None:
    """Promise: roles re-read in the transaction AND certified. Ben writes 'lead' into
    his row and adds a matching certificate signed by his own key, dated in the future
    so that it is the latest: he reassigns nothing, gets no dispatch key."""
    _, ticket_id, _ = team.order()
    with team.db.transaction() as s:
        s.execute(text("UPDATE agents SET role = 'lead' WHERE id = :id"), {"id": team.ids["ben"]})
    _self_signed(team, "ben", _agent_claims(team, "ben"), "2099-01-01T00:00:00+00:00")
    ben = team.sessions["ben"]
    with pytest.raises((Uncertified, PermissionDenied)):
        team.desk.tickets.reassign(
            ben, ticket_id, team.ticket_version(ticket_id), team.ids["ben"], "mir"
        )
    with team.db.read() as s:
        wraps_before = sorted(s.scalars(select(DekWrap.id)))
    with contextlib.suppress(PermissionDenied, Uncertified):
        team.desk.vault.upkeep(ben)  # his desk, thinking he is a lead
    with team.db.read() as s:
        assert sorted(s.scalars(select(DekWrap.id))) == wraps_before
    team.desk.admin.rotate_dispatch_key(team.sessions["admin"])
    with team.db.read() as s:
        assert not s.scalars(
            select(DispatchKeyWrap).where(DispatchKeyWrap.agent_id == team.ids["ben"])
        ).all()
        assert (
            s.scalar(text("SELECT assignee_id FROM tickets WHERE id = :t"), {"t": ticket_id})
            is None
        )


def test_a_disabled_agent_who_reactivates_himself_with_his_old_certificate_gets_nothing(
    team: Team,
) -> None:
    """Promise: V-7 / V-8. Ben is disabled by the admin; with write access he sets his
    row active again and re-inserts his original (validly signed, active) certificate
    as the newest row. A lead reassigning a ticket with credentials to him is refused
    (audited) and no wrap is made to him."""
    _, ticket_id, _ = team.order()
    team.desk.admin.disable(team.sessions["admin"], team.ids["ben"], _row_version(team, "ben"))
    with team.db.transaction() as s:
        first = s.scalars(
            select(Certificate)
            .where(Certificate.subject == agent_subject(team.ids["ben"]))
            .order_by(Certificate.id)
        ).first()
        assert first is not None and '"active":true' in first.body
        s.add(Certificate(subject=first.subject, body=first.body, signature=first.signature))
        s.execute(
            text("UPDATE agents SET active = :t, disabled_at = NULL WHERE id = :id"),
            {"t": True, "id": team.ids["ben"]},
        )
    with pytest.raises((Uncertified, InvalidInput)):
        team.reassign(ticket_id, "ben")
    with team.db.read() as s:
        assert not s.scalars(select(DekWrap).where(DekWrap.agent_id == team.ids["ben"])).all()
        assert (
            s.scalar(text("SELECT assignee_id FROM tickets WHERE id = :t"), {"t": ticket_id})
            is None
        )


def test_a_disabled_agent_written_back_into_her_order_gets_no_credentials(team: Team) -> None:
    """Promise: V-7, a departed agent's access ends. Anna is disabled (her order goes
    back to the queue, her wrap is deleted); her sealed keys stay in the table and she
    still knows her passphrase. Somebody with write access puts her back into the
    order and the ticket: the last signed assignment entry (Lea's reassignment) still
    names her, and her certificate matches her row (active = false). A lead's hand-over
    must refuse her: nothing may be wrapped to a disabled agent."""
    order_id, ticket_id, _ = team.order()
    team.reassign(ticket_id, "anna")
    team.desk.admin.disable(team.sessions["admin"], team.ids["anna"], _row_version(team, "anna"))
    with team.db.transaction() as s:
        s.execute(
            text("UPDATE support_orders SET assignee_id = :a WHERE id = :o"),
            {"a": team.ids["anna"], "o": order_id},
        )
        s.execute(
            text("UPDATE tickets SET assignee_id = :a WHERE id = :t"),
            {"a": team.ids["anna"], "t": ticket_id},
        )
    with pytest.raises(KcpError):
        team.desk.vault.grant(team.sessions["lea"], order_id, team.ids["anna"])
    with team.db.read() as s:
        assert not s.scalars(select(DekWrap).where(DekWrap.agent_id == team.ids["anna"])).all()


def _append_forged(
    team: Team,
    agent_id: int,
    key_version: int,
    keys: AgentKeys,
    action: str,
    details: dict[str, object],
) -> int:
    """Append a correctly linked, hashed and signed entry at the end of the chain, as
    the desk role may (INSERT on audit_log); returns its seq."""
    with team.db.transaction() as s:
        last = s.execute(
            select(AuditEntry.seq, AuditEntry.entry_hash, AuditEntry.at)
            .order_by(AuditEntry.seq.desc())
            .limit(1)
        ).one()
        last_at = last.at if last.at.tzinfo else last.at.replace(tzinfo=dt.UTC)
        at = max(utcnow(), last_at + dt.timedelta(milliseconds=1))
        seq = last.seq + 1
        canonical = canonical_json(
            {
                "seq": seq,
                "at": at.isoformat(),
                "agent_id": agent_id,
                "key_version": key_version,
                "action": action,
                "details": details,
                "prev_hash": last.entry_hash,
            }
        )
        digest = entry_hash(canonical)
        s.add(
            AuditEntry(
                seq=seq,
                at=at,
                agent_id=agent_id,
                action=action,
                canonical=canonical,
                prev_hash=last.entry_hash,
                entry_hash=digest,
                signature=keys.sign(digest.encode()),
            )
        )
    return seq


def _forge_key_version(team: Team, victim: str, keys: AgentKeys) -> None:
    """A 'key version 2' of ``victim`` with the attacker's public keys (agent_keys
    takes inserts: the admin's key reset adds rows through the desk role)."""
    with team.db.transaction() as s:
        s.add(
            AgentKey(
                agent_id=team.ids[victim],
                key_version=2,
                x25519_public=keys.x25519_public,
                ed25519_public=keys.ed25519_public,
            )
        )


def _take_over(team: Team, order_id: int, ticket_id: int, to: str) -> None:
    with team.db.transaction() as s:
        s.execute(
            text("UPDATE support_orders SET assignee_id = :a WHERE id = :o"),
            {"a": team.ids[to], "o": order_id},
        )
        s.execute(
            text("UPDATE tickets SET assignee_id = :a WHERE id = :t"),
            {"a": team.ids[to], "t": ticket_id},
        )


def _ticket_details(team: Team, ticket_id: int, assignee: str) -> dict[str, object]:
    status = team.desk.tickets.status(team.sessions["lea"], ticket_id)
    return {
        "ticket_id": ticket_id,
        "ticket": status.ref,
        "state": status.state,
        "assignee_id": team.ids[assignee],
    }


def test_a_claim_the_colleague_signs_himself_for_a_taken_ticket_gets_no_credentials(
    team: Team,
) -> None:
    """Promise: nobody redirects a secret by writing to the database. Anna has the
    order (Lea reassigned it to her, signed). Ben writes himself into the order and
    the ticket and appends a "ticket_claimed" entry signed with his own key, linked
    into the chain. No claim of a taken ticket can happen through the desk; the lead's
    hand-over to Ben must be refused."""
    order_id, ticket_id, _ = team.order()
    team.reassign(ticket_id, "anna")
    ben = team.sessions["ben"]
    _take_over(team, order_id, ticket_id, "ben")
    _append_forged(
        team,
        team.ids["ben"],
        1,
        ben.keys,
        "ticket_claimed",
        _ticket_details(team, ticket_id, "ben"),
    )
    lea = team.sessions["lea"]
    with pytest.raises(PermissionDenied):
        team.desk.vault.grant(lea, order_id, team.ids["ben"])
    with pytest.raises(PermissionDenied):
        team.desk.vault.reveal(ben, order_id, "root password")


def test_a_reassignment_forged_in_a_leads_name_gets_no_credentials(team: Team) -> None:
    """Promise: nobody redirects a secret unnoticed. Ben inserts a 'key version 2' of
    Lea with his own keys, appends "Lea reassigned the ticket to Ben" signed with it,
    and writes himself into the order and ticket. The hand-over must be refused: the
    key is not Lea's certified key."""
    order_id, ticket_id, _ = team.order()
    team.reassign(ticket_id, "anna")
    ben = team.sessions["ben"]
    _forge_key_version(team, "lea", ben.keys)
    _take_over(team, order_id, ticket_id, "ben")
    details = _ticket_details(team, ticket_id, "ben")
    details.update({"from_agent_id": team.ids["anna"], "to_agent_id": team.ids["ben"]})
    details.update({"lead_id": team.ids["lea"], "reason": "Urlaub"})
    _append_forged(team, team.ids["lea"], 2, ben.keys, "ticket_reassigned", details)
    with pytest.raises(PermissionDenied):
        team.desk.vault.grant(team.sessions["tobias"], order_id, team.ids["ben"])
    with pytest.raises(PermissionDenied):
        team.desk.vault.reveal(ben, order_id, "root password")


# --- the audit log -------------------------------------------------------------------------


def test_an_audit_entry_forged_in_a_colleagues_name_is_named_by_verify(team: Team) -> None:
    """Promise: every privileged action is audited, and the log cannot be made to say
    that someone else did it. Ben inserts an agent_keys row 'Lea, key version 2' with
    his own public keys (the table takes inserts) and appends, at the end of the chain,
    a correctly linked entry "Lea reassigned ticket … to Ben" signed with his key.
    ``audit verify`` must name that entry: the key is certified by no admin."""
    ben = team.sessions["ben"]
    _forge_key_version(team, "lea", ben.keys)
    details: dict[str, object] = {"ticket_id": 1, "to_agent_id": team.ids["ben"], "reason": "x"}
    seq = _append_forged(team, team.ids["lea"], 2, ben.keys, "ticket_reassigned", details)
    result = verify(team.db, workers=0, anchors=team.anchors)
    assert result.first_bad_seq == seq, result


def test_an_audit_entry_rewritten_by_the_owner_is_named_by_verify(
    team: Team, owner_database: object
) -> None:
    """Promise: audit tampering is detected (A-1, A-4). Even with the owner's rights and
    the triggers out of the way, an entry whose details are rewritten (a reveal that
    now names another order) is named by ``audit verify``; the desk role cannot even
    try (UPDATE refused)."""
    from kcp_desk.db import Database

    assert isinstance(owner_database, Database)
    order_id, ticket_id, _ = team.order()
    team.reassign(ticket_id, "anna")
    team.desk.vault.reveal(team.sessions["anna"], order_id, "root password")
    with team.db.read() as s:
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "credential_revealed")
        ).one()
        seq, canonical = entry.seq, entry.canonical
    forged = canonical.replace(f'"order_id":{order_id}', f'"order_id":{order_id + 1000}')
    assert forged != canonical
    with (
        pytest.raises(Exception, match=r"append-only|permission denied|audit"),
        team.db.transaction() as s,
    ):
        s.execute(
            text("UPDATE audit_log SET canonical = :c WHERE seq = :n"), {"c": forged, "n": seq}
        )
    with owner_database.engine.begin() as conn:
        if owner_database.dialect == "postgresql":
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        else:
            for (name,) in conn.execute(
                text(
                    "SELECT name FROM sqlite_master "
                    "WHERE type = 'trigger' AND tbl_name = 'audit_log'"
                )
            ):
                conn.execute(text(f'DROP TRIGGER "{name}"'))
        conn.execute(
            text("UPDATE audit_log SET canonical = :c, entry_hash = :h WHERE seq = :n"),
            {"c": forged, "h": entry_hash(forged), "n": seq},
        )
    result = verify(team.db, workers=0, anchors=team.anchors)
    assert result.first_bad_seq == seq, result


# --- reveal at the wrong moment ------------------------------------------------------------


def test_no_reveal_while_locked_or_after_the_order_ended(team: Team) -> None:
    """Promise: V-5, V-6, SO-5. A locked desk reveals nothing and audits nothing; after
    the order is cancelled its credentials are gone, even for the handler whose desk
    still had the data key cached before the end."""
    order_id, ticket_id, values = team.order()
    team.reassign(ticket_id, "anna")
    anna = team.sessions["anna"]
    assert (
        team.desk.vault.reveal(anna, order_id, "root password").reveal()
        == (values["root password"])
    )
    with team.db.read() as s:
        audited = s.scalar(select(func.count()).select_from(AuditEntry))
    anna.lock()
    with pytest.raises(PermissionDenied):
        team.desk.vault.reveal(anna, order_id, "root password")
    with team.db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audited
    team.desk.auth.unlock(anna, "anna-demo-2026")
    team.desk.vault.reveal(anna, order_id, "ftp password")  # cached again
    version = team.desk.orders.detail(anna, order_id).version
    team.desk.orders.change_state(anna, order_id, version, "cancelled")
    for name in values:
        with pytest.raises(NotFound):
            team.desk.vault.reveal(anna, order_id, name)


def test_a_lead_demoted_while_signed_in_hands_over_nothing_and_keeps_no_new_key(
    team: Team,
) -> None:
    """Promise: roles are re-read in the transaction (V-7). Lea is signed in when the
    admin demotes her: her desk reassigns nothing and grants nothing, and her kept copy
    of the dispatch key opens no order that arrives after the demotion."""
    kept = _dispatch_copies(team, "lea")
    lea = team.sessions["lea"]
    _, old_ticket, _ = team.order()
    team.desk.admin.change_role(
        team.sessions["admin"], team.ids["lea"], _row_version(team, "lea"), Role.AGENT
    )
    with pytest.raises(PermissionDenied):
        team.desk.tickets.reassign(
            lea, old_ticket, team.ticket_version(old_ticket, "tobias"), team.ids["anna"], "x"
        )
    with pytest.raises(PermissionDenied):
        team.desk.vault.upkeep(lea)
    order_id, ticket_id, _ = team.order()
    team.reassign(ticket_id, "anna", by="tobias")
    assert _opened_with_dispatch(team, kept, {order_id}) == []
    with team.db.read() as s:
        assert not s.scalars(
            select(DispatchKeyWrap).where(DispatchKeyWrap.agent_id == team.ids["lea"])
        ).all()


# --- hand-over ------------------------------------------------------------------------------


def test_no_hand_over_to_a_disabled_colleague_or_an_admin(team: Team) -> None:
    """Promise: only a handler decrypts. Anna cannot hand her order to a disabled
    colleague or to the admin; she keeps it and its credentials."""
    order_id, ticket_id, values = team.order()
    team.reassign(ticket_id, "anna")
    anna = team.sessions["anna"]
    team.desk.admin.disable(team.sessions["admin"], team.ids["ben"], _row_version(team, "ben"))
    for to in ("ben", "admin"):
        with pytest.raises(InvalidInput):
            team.desk.tickets.hand_over(
                anna, ticket_id, team.ticket_version(ticket_id, "anna"), team.ids[to]
            )
    with team.db.read() as s:
        assert {
            w.agent_id for w in s.scalars(select(DekWrap).where(DekWrap.order_id == order_id))
        } == {
            None,
            team.ids["anna"],
        }
    assert team.desk.vault.reveal(anna, order_id, "ssh key").reveal() == values["ssh key"]


def test_no_hand_over_to_a_colleague_whose_key_was_swapped(team: Team) -> None:
    """Promise: V-8. Somebody puts their own public key into Tobias's row; Anna's
    hand-over to Tobias is refused before any wrap and audited; she keeps the order."""
    order_id, ticket_id, values = team.order()
    team.reassign(ticket_id, "anna")
    anna = team.sessions["anna"]
    attacker = AgentKeys.generate()
    with team.db.transaction() as s:
        s.execute(
            text("UPDATE agents SET x25519_public = :k WHERE id = :id"),
            {"k": attacker.x25519_public, "id": team.ids["tobias"]},
        )
    with pytest.raises(Uncertified):
        team.desk.tickets.hand_over(
            anna, ticket_id, team.ticket_version(ticket_id, "anna"), team.ids["tobias"]
        )
    with team.db.read() as s:
        assert {
            w.agent_id for w in s.scalars(select(DekWrap).where(DekWrap.order_id == order_id))
        } == {
            None,
            team.ids["anna"],
        }
    assert any('"during":"ticket_handed_over"' in r for r in _refusals(team))
    assert team.desk.vault.reveal(anna, order_id, "ssh key").reveal() == values["ssh key"]


# --- the admin ------------------------------------------------------------------------------


@pytest.mark.xfail(
    strict=True,
    reason="finding: an admin resets an agent's keys to a passphrase they chose, signs in "
    "as the agent, and a lead's desk hands the agent's orders to that key",
)
def test_an_admin_who_resets_an_agents_keys_reads_no_credentials(team: Team) -> None:
    """Promise: admins have no access to credentials (SPEC §0). The admin resets
    Anna's keys to a passphrase the admin picked (the reset is audited, but nothing
    stops what follows), signs in as Anna and waits for a lead's desk."""
    order_id, ticket_id, values = team.order()
    team.reassign(ticket_id, "anna")
    team.desk.admin.reset_keys(
        team.sessions["admin"], team.ids["anna"], _row_version(team, "anna"), "chosen-by-admin-1"
    )
    as_anna = team.desk.auth.login("anna", "chosen-by-admin-1").session
    # Lea's desk lists Anna as waiting: nothing tells her the key is the admin's
    assert team.ids["anna"] in {
        w.assignee_id for w in team.desk.vault.waiting(team.sessions["lea"])
    }
    team.desk.vault.grant(team.sessions["lea"], order_id, team.ids["anna"])
    with pytest.raises(KcpError):
        team.desk.vault.reveal(as_anna, order_id, "root password")
    del values
