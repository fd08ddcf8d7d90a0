"""The vault's schema constraints (SPEC C6, issue 11), on SQLite and PostgreSQL: a data-key
wrap has exactly one recipient, at most one agent wrap and one dispatch wrap exist per
(order, data-key version), a field name is unique per order and a field's nonce and
ciphertext have their sizes. The database refuses violations whoever writes; and what
is stored opens only where it belongs, even after rows are swapped with raw SQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import Connection, select, text
from sqlalchemy.exc import IntegrityError

from kcp_desk.db import Database
from kcp_desk.models.agents import Agent, Role
from kcp_desk.models.orders import SupportOrder
from kcp_desk.models.vault import CredentialField, DekWrap, DispatchKey, DispatchKeyWrap
from kcp_desk.security.field_crypto import (
    FieldDecryptError,
    decrypt_field,
    encrypt_field,
    new_data_key,
)
from kcp_desk.security.sealing import AgentKeys, unseal_with_passphrase
from kcp_desk.security.wrapping import (
    AgentRecipient,
    DispatchRecipient,
    UnwrapError,
    dispatch_info,
    unwrap,
    unwrap_dek,
    wrap_dek,
)
from kcp_desk.services.agents import seal_context
from kcp_desk.services.demo import DEMO_AGENTS, populate
from tests.conftest import FAST_KDF

FIELDS = {"root password": "r00t-Secret-{}", "ftp password": "ftp-Secret-{}"}


@dataclass(frozen=True)
class Demo:
    db: Database
    orders: list[int]
    dispatch_key_id: int
    dispatch_version: int
    dispatch_public: bytes
    dispatch_private: X25519PrivateKey
    #: agent id -> (key version, X25519 public key, unsealed keys)
    agents: dict[int, tuple[int, bytes, AgentKeys]]


@pytest.fixture
def demo(database: Database) -> Iterator[Demo]:
    """Demo data, the demo agents' unsealed keys and the dispatch private key (opened by a
    lead, as a lead's desk does)."""
    populate(database, customers=10, kdf=FAST_KDF, parallel=False)
    passphrases = {a.username: a.passphrase for a in DEMO_AGENTS}
    with database.read() as s:
        orders = list(s.scalars(select(SupportOrder.id).order_by(SupportOrder.id)))
        key = s.scalars(select(DispatchKey)).one()
        agents: dict[int, tuple[int, bytes, AgentKeys]] = {}
        lead: tuple[Agent, AgentKeys] | None = None
        for agent in s.scalars(select(Agent)):
            keys = unseal_with_passphrase(
                agent.sealed_keys,
                passphrases[agent.username],
                context=seal_context(agent.id, agent.key_version),
            )
            agents[agent.id] = (agent.key_version, agent.x25519_public, keys)
            if agent.role == Role.LEAD:
                lead = (agent, keys)
        assert lead is not None and len(orders) >= 2
        wrap = s.scalars(
            select(DispatchKeyWrap).where(DispatchKeyWrap.agent_id == lead[0].id)
        ).one()
        secret = unwrap(
            wrap.wrapped,
            lead[1].x25519,
            dispatch_info(key.version, lead[0].id, wrap.agent_key_version),
        )
        yield Demo(
            db=database,
            orders=orders,
            dispatch_key_id=key.id,
            dispatch_version=key.version,
            dispatch_public=key.public_key,
            dispatch_private=X25519PrivateKey.from_private_bytes(secret),
            agents=agents,
        )


def _store_order_vault(demo: Demo, order_id: int, assignee: int) -> bytes:
    """What intake and an assignment write: fields under a fresh data key, the data key
    wrapped to the dispatch key and to the assignee. Returns the data key."""
    dek = new_data_key()
    version, public, _ = demo.agents[assignee]
    with demo.db.transaction() as s:
        for name, secret in FIELDS.items():
            nonce, ciphertext = encrypt_field(
                dek,
                order_id=order_id,
                field_name=name,
                dek_version=1,
                plaintext=secret.format(order_id),
            )
            s.add(
                CredentialField(
                    order_id=order_id, name=name, dek_version=1, nonce=nonce, ciphertext=ciphertext
                )
            )
        to_dispatch = DispatchRecipient(demo.dispatch_version)
        s.add(
            DekWrap(
                order_id=order_id,
                dek_version=1,
                dispatch_key_id=demo.dispatch_key_id,
                wrapped=wrap_dek(
                    dek,
                    demo.dispatch_public,
                    order_id=order_id,
                    dek_version=1,
                    recipient=to_dispatch,
                ),
            )
        )
        s.add(
            DekWrap(
                order_id=order_id,
                dek_version=1,
                agent_id=assignee,
                agent_key_version=version,
                wrapped=wrap_dek(
                    dek,
                    public,
                    order_id=order_id,
                    dek_version=1,
                    recipient=AgentRecipient(assignee, version),
                ),
            )
        )
    return dek


def _open_field(demo: Demo, order_id: int, name: str, private: X25519PrivateKey, to: object) -> str:
    """Read the order's wrap and field back from the database and decrypt them."""
    with demo.db.read() as s:
        query = select(DekWrap).where(DekWrap.order_id == order_id)
        if isinstance(to, AgentRecipient):
            query = query.where(DekWrap.agent_id.is_not(None))
        else:
            query = query.where(DekWrap.dispatch_key_id.is_not(None))
        wrap = s.scalars(query).one()
        field = s.scalars(
            select(CredentialField).where(
                CredentialField.order_id == order_id, CredentialField.name == name
            )
        ).one()
        dek = unwrap_dek(
            wrap.wrapped,
            private,
            order_id=order_id,
            dek_version=wrap.dek_version,
            recipient=to,  # type: ignore[arg-type]
        )
        return decrypt_field(
            dek,
            order_id=order_id,
            field_name=field.name,
            dek_version=field.dek_version,
            nonce=field.nonce,
            ciphertext=field.ciphertext,
        )


def _two_agents(demo: Demo) -> tuple[int, int]:
    first, second, *_ = sorted(demo.agents)
    return first, second


# --- demo data -------------------------------------------------------------------------


def _violations(conn: Connection) -> dict[str, int]:
    checks = {
        "no or two recipients": "SELECT count(*) FROM dek_wraps "
        "WHERE (agent_id IS NULL) = (dispatch_key_id IS NULL)",
        "agent key version": "SELECT count(*) FROM dek_wraps "
        "WHERE (agent_id IS NULL) <> (agent_key_version IS NULL)",
        "two agent wraps": "SELECT count(*) FROM (SELECT order_id FROM dek_wraps "
        "WHERE agent_id IS NOT NULL GROUP BY order_id, dek_version HAVING count(*) > 1) d",
        "two dispatch wraps": "SELECT count(*) FROM (SELECT order_id FROM dek_wraps "
        "WHERE dispatch_key_id IS NOT NULL GROUP BY order_id, dek_version "
        "HAVING count(*) > 1) d",
        "field twice": "SELECT count(*) FROM (SELECT order_id FROM credential_fields "
        "GROUP BY order_id, name HAVING count(*) > 1) d",
        "nonce size": "SELECT count(*) FROM credential_fields WHERE length(nonce) <> 12",
        "short ciphertext": "SELECT count(*) FROM credential_fields WHERE length(ciphertext) < 16",
    }
    return {name: conn.execute(text(sql)).scalar_one() for name, sql in checks.items()}


def test_demo_data_satisfies_the_vault_constraints(demo: Demo) -> None:
    first, _ = _two_agents(demo)
    for order in demo.orders[:3]:
        _store_order_vault(demo, order, first)
    with demo.db.engine.connect() as conn:
        assert set(_violations(conn).values()) == {0}
        assert conn.execute(text("SELECT count(*) FROM dek_wraps")).scalar_one() >= 6


# --- the database refuses violations ---------------------------------------------------


def _insert_wrap(conn: Connection, demo: Demo, **values: object) -> None:
    row: dict[str, object] = {
        "order_id": demo.orders[0],
        "dek_version": 1,
        "agent_id": None,
        "agent_key_version": None,
        "dispatch_key_id": None,
        "wrapped": b"\x01" * 80,
    }
    row.update(values)
    conn.execute(
        text(
            "INSERT INTO dek_wraps (order_id, dek_version, agent_id, agent_key_version, "
            "dispatch_key_id, wrapped, created_at) VALUES (:order_id, :dek_version, "
            ":agent_id, :agent_key_version, :dispatch_key_id, :wrapped, CURRENT_TIMESTAMP)"
        ),
        row,
    )


def _refused(db: Database, match: str, statement: object) -> None:
    """``statement(conn)`` in its own transaction must be refused by the database."""
    with pytest.raises(IntegrityError, match=match), db.engine.begin() as conn:
        statement(conn)  # type: ignore[operator]


@pytest.mark.parametrize("writer", ["desk", "owner"])
def test_a_data_key_wrap_has_exactly_one_recipient(
    demo: Demo, owner_database: Database, writer: str
) -> None:
    db = demo.db if writer == "desk" else owner_database
    agent, _ = _two_agents(demo)
    check = "one_recipient"
    _refused(db, check, lambda c: _insert_wrap(c, demo))
    _refused(
        db,
        check,
        lambda c: _insert_wrap(
            c, demo, agent_id=agent, agent_key_version=1, dispatch_key_id=demo.dispatch_key_id
        ),
    )
    # an agent wrap names its key version, a dispatch wrap names none
    _refused(db, "agent_key_version", lambda c: _insert_wrap(c, demo, agent_id=agent))
    _refused(
        db,
        "agent_key_version",
        lambda c: _insert_wrap(c, demo, dispatch_key_id=demo.dispatch_key_id, agent_key_version=1),
    )
    _refused(
        db,
        "dek_version_positive",
        lambda c: _insert_wrap(c, demo, dispatch_key_id=demo.dispatch_key_id, dek_version=0),
    )
    with db.engine.begin() as conn:  # one of each is fine
        _insert_wrap(conn, demo, agent_id=agent, agent_key_version=1)
        _insert_wrap(conn, demo, dispatch_key_id=demo.dispatch_key_id)
    # and an UPDATE that gives a wrap a second recipient is refused too
    _refused(
        db,
        check,
        lambda c: c.execute(
            text("UPDATE dek_wraps SET dispatch_key_id = :d WHERE agent_id IS NOT NULL"),
            {"d": demo.dispatch_key_id},
        ),
    )


def test_one_agent_wrap_and_one_dispatch_wrap_per_order_and_version(demo: Demo) -> None:
    first, second = _two_agents(demo)
    order, other_order = demo.orders[:2]
    with demo.db.engine.begin() as conn:
        _insert_wrap(conn, demo, order_id=order, agent_id=first, agent_key_version=1)
        _insert_wrap(conn, demo, order_id=order, dispatch_key_id=demo.dispatch_key_id)
    with demo.db.engine.begin() as conn:
        new_key = conn.execute(
            text(
                "INSERT INTO dispatch_keys (version, public_key, created_at) "
                "VALUES (2, :p, CURRENT_TIMESTAMP) RETURNING id"
            ),
            {"p": b"\x02" * 32},
        ).scalar_one()
    unique = "UNIQUE|unique|duplicate"
    # a second agent wrap of the same version: for the same agent or another one
    for agent in (first, second):
        _refused(
            demo.db,
            unique,
            lambda c, a=agent: _insert_wrap(
                c, demo, order_id=order, agent_id=a, agent_key_version=1
            ),
        )
    # a second dispatch wrap of the same version: to the same or to a newer dispatch key
    for key in (demo.dispatch_key_id, new_key):
        _refused(
            demo.db,
            unique,
            lambda c, k=key: _insert_wrap(c, demo, order_id=order, dispatch_key_id=k),
        )
    # what a rotation writes is fine: the next version, and other orders
    with demo.db.engine.begin() as conn:
        _insert_wrap(
            conn, demo, order_id=order, dek_version=2, agent_id=second, agent_key_version=1
        )
        _insert_wrap(conn, demo, order_id=order, dek_version=2, dispatch_key_id=new_key)
        _insert_wrap(conn, demo, order_id=other_order, agent_id=first, agent_key_version=1)
        _insert_wrap(conn, demo, order_id=other_order, dispatch_key_id=demo.dispatch_key_id)
        total = conn.execute(text("SELECT count(*) FROM dek_wraps")).scalar_one()
    assert total == 6


def _insert_field(conn: Connection, demo: Demo, **values: object) -> None:
    row: dict[str, object] = {
        "order_id": demo.orders[0],
        "name": "root password",
        "dek_version": 1,
        "nonce": b"\x00" * 12,
        "ciphertext": b"\x00" * 16,
    }
    row.update(values)
    conn.execute(
        text(
            "INSERT INTO credential_fields (order_id, name, dek_version, nonce, ciphertext) "
            "VALUES (:order_id, :name, :dek_version, :nonce, :ciphertext)"
        ),
        row,
    )


def test_credential_fields_are_unique_per_order_and_well_formed(demo: Demo) -> None:
    with demo.db.engine.begin() as conn:
        _insert_field(conn, demo)
        _insert_field(conn, demo, order_id=demo.orders[1])  # the same name, another order
    _refused(demo.db, "UNIQUE|unique|duplicate", lambda c: _insert_field(c, demo))
    _refused(
        demo.db, "nonce_length", lambda c: _insert_field(c, demo, name="a", nonce=b"\x00" * 11)
    )
    _refused(
        demo.db, "nonce_length", lambda c: _insert_field(c, demo, name="a", nonce=b"\x00" * 13)
    )
    _refused(
        demo.db, "ciphertext_has_tag", lambda c: _insert_field(c, demo, name="a", ciphertext=b"x")
    )
    _refused(
        demo.db, "dek_version_positive", lambda c: _insert_field(c, demo, name="a", dek_version=0)
    )


# --- what is stored opens only where it belongs ----------------------------------------


def test_stored_fields_open_for_the_assignee_and_the_dispatch_key_only(demo: Demo) -> None:
    assignee, colleague = _two_agents(demo)
    order = demo.orders[0]
    _store_order_vault(demo, order, assignee)
    version, _, keys = demo.agents[assignee]
    expected = FIELDS["root password"].format(order)
    to_assignee = AgentRecipient(assignee, version)
    assert _open_field(demo, order, "root password", keys.x25519, to_assignee) == expected
    to_dispatch = DispatchRecipient(demo.dispatch_version)
    assert _open_field(demo, order, "root password", demo.dispatch_private, to_dispatch) == expected
    # a colleague with every row and their own unsealed key opens nothing: not the wrap to
    # the assignee (claiming to be the assignee or not), not the dispatch wrap
    other_version, _, other_keys = demo.agents[colleague]
    for to in (to_assignee, AgentRecipient(colleague, other_version), to_dispatch):
        with pytest.raises(UnwrapError):
            _open_field(demo, order, "root password", other_keys.x25519, to)


def test_ciphertexts_swapped_between_orders_or_fields_do_not_decrypt(demo: Demo) -> None:
    assignee, _ = _two_agents(demo)
    first, second = demo.orders[:2]
    dek = _store_order_vault(demo, first, assignee)
    _store_order_vault(demo, second, assignee)
    version, _, keys = demo.agents[assignee]
    with demo.db.engine.begin() as conn:
        rows = {
            (r.order_id, r.name): (r.nonce, r.ciphertext)
            for r in conn.execute(
                text("SELECT order_id, name, nonce, ciphertext FROM credential_fields")
            )
        }

        def put(order: int, name: str, source: tuple[int, str]) -> None:
            conn.execute(
                text(
                    "UPDATE credential_fields SET nonce = :n, ciphertext = :c "
                    "WHERE order_id = :o AND name = :name"
                ),
                {"n": rows[source][0], "c": rows[source][1], "o": order, "name": name},
            )

        # order 1's root password now holds order 2's; its ftp password holds its root's
        put(first, "root password", (second, "root password"))
        put(first, "ftp password", (first, "root password"))
    for name in FIELDS:
        with pytest.raises(FieldDecryptError):
            _open_field(demo, first, name, keys.x25519, AgentRecipient(assignee, version))
    # even with the first order's data key in hand (its wrap is untouched)
    with demo.db.read() as s:
        field = s.scalars(
            select(CredentialField).where(
                CredentialField.order_id == first, CredentialField.name == "root password"
            )
        ).one()
        with pytest.raises(FieldDecryptError):
            decrypt_field(
                dek,
                order_id=first,
                field_name=field.name,
                dek_version=1,
                nonce=field.nonce,
                ciphertext=field.ciphertext,
            )
    # the second order's rows are intact
    to_assignee = AgentRecipient(assignee, version)
    assert _open_field(demo, second, "root password", keys.x25519, to_assignee) == FIELDS[
        "root password"
    ].format(second)


def test_wraps_swapped_between_orders_do_not_unwrap(demo: Demo) -> None:
    assignee, _ = _two_agents(demo)
    first, second = demo.orders[:2]
    _store_order_vault(demo, first, assignee)
    _store_order_vault(demo, second, assignee)
    version, _, keys = demo.agents[assignee]
    with demo.db.engine.begin() as conn:
        wraps = {
            (r.order_id, r.agent_id is None): r.wrapped
            for r in conn.execute(text("SELECT order_id, agent_id, wrapped FROM dek_wraps"))
        }
        for (order, is_dispatch), _wrapped in list(wraps.items()):
            other = second if order == first else first
            conn.execute(
                text(
                    "UPDATE dek_wraps SET wrapped = :w "
                    "WHERE order_id = :o AND (agent_id IS NULL) = :dispatch"
                ),
                {"w": wraps[(other, is_dispatch)], "o": order, "dispatch": is_dispatch},
            )
    for order in (first, second):
        with pytest.raises(UnwrapError):
            _open_field(
                demo, order, "root password", keys.x25519, AgentRecipient(assignee, version)
            )
        with pytest.raises(UnwrapError):
            _open_field(
                demo,
                order,
                "root password",
                demo.dispatch_private,
                DispatchRecipient(demo.dispatch_version),
            )
