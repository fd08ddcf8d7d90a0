"""Portal intake of support orders (SPEC §1, SO-1…SO-3, V-2, V-3; issue 11).

The intake encrypts exactly as the portal would: the only key it knows is the newest
dispatch public key. These tests open what it wrote the way a lead's desk does (the
dispatch private key through the lead's wrap, as ``tests/models/test_vault_constraints``
does) and check that nobody else can, that bad documents create nothing and name their
field, and that no credential plaintext reaches the database file, the WAL, a log record
or an exception text.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import re
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, make_url, select

from kcp_desk.cli import main
from kcp_desk.db import Database
from kcp_desk.domain.order_pricing import rate_for
from kcp_desk.domain.references import format_customer_number, format_order_ref
from kcp_desk.domain.start_gate import CONSENT_KINDS, CONSENT_WORDINGS
from kcp_desk.domain.text_input import BROKEN_CHARACTER, CONTROL_CHARACTER, FORMAT_CHARACTER
from kcp_desk.errors import TOO_LONG, FieldErrors
from kcp_desk.models.agents import Agent, Role
from kcp_desk.models.orders import CostModel, OrderConsent, OrderState, SupportOrder
from kcp_desk.models.tickets import MessageKind, Ticket, TicketMessage, TicketState
from kcp_desk.models.vault import CredentialField, DekWrap, DispatchKey, DispatchKeyWrap
from kcp_desk.security.field_crypto import SecretText, decrypt_field
from kcp_desk.security.sealing import AgentKeys, unseal_with_passphrase
from kcp_desk.security.wrapping import (
    AgentRecipient,
    DispatchRecipient,
    UnwrapError,
    dispatch_info,
    unwrap,
    unwrap_dek,
)
from kcp_desk.services.agents import seal_context
from kcp_desk.services.demo import DEMO_AGENTS, populate
from kcp_desk.services.intake import (
    SupportOrderDocument,
    intake,
    intake_file,
    load_document,
    validate_document,
)
from kcp_desk.services.intake import apply as ia
from kcp_desk.services.intake import documents as d
from tests.conftest import FAST_KDF
from tests.models.test_vault_constraints import Demo, _open_field

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "intake"
NOW = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)

# Demo data (seed 20261122, 12 customers): customer 1 is K10000012 with the vServer
# v1.kcp-server.de (package basic) and the sub-account 1000001-assistenz (may open
# tickets, may NOT place orders); customer 2's Managed Server is m3.kcp-server.de;
# customer 9 (K10000099) has v17.kcp-server.de (package premium) and the sub-account
# 1000009-it with the order right.
CUSTOMER = "K10000012"
SERVER = "v1.kcp-server.de"
OTHER_CUSTOMERS_SERVER = "m3.kcp-server.de"
NO_ORDER_RIGHT = "1000001-assistenz"
ORDERING_CUSTOMER, ORDERING_SERVER, ORDERING_SUB = "K10000099", "v17.kcp-server.de", "1000009-it"


@pytest.fixture
def demo(database: Database) -> Iterator[Demo]:
    """Demo data and what a lead's desk holds: the dispatch private key (opened through
    the lead's dispatch-key wrap) and every demo agent's unsealed keys."""
    populate(database, customers=12, kdf=FAST_KDF)
    passphrases = {a.username: a.passphrase for a in DEMO_AGENTS}
    with database.read() as s:
        key = s.scalars(select(DispatchKey).order_by(DispatchKey.version.desc())).first()
        assert key is not None
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
        assert lead is not None
        wrap = s.scalars(
            select(DispatchKeyWrap).where(
                DispatchKeyWrap.agent_id == lead[0].id, DispatchKeyWrap.dispatch_key_id == key.id
            )
        ).one()
        secret = unwrap(
            wrap.wrapped,
            lead[1].x25519,
            dispatch_info(key.version, lead[0].id, wrap.agent_key_version),
        )
        orders = list(s.scalars(select(SupportOrder.id).order_by(SupportOrder.id)))
        key_id, version, public = key.id, key.version, bytes(key.public_key)
    # outside the read: an open snapshot would hold the WAL back from a checkpoint
    yield Demo(
        db=database,
        orders=orders,
        dispatch_key_id=key_id,
        dispatch_version=version,
        dispatch_public=public,
        dispatch_private=X25519PrivateKey.from_private_bytes(secret),
        agents=agents,
    )


def secret_value(label: str) -> str:
    """A distinctive credential nobody could find by chance in a database file."""
    return f"{label}-{secrets.token_hex(12)}-Ünïcødé-€"


def order_document(**changes: object) -> dict[str, Any]:
    consents = {
        kind: {"wording_version": "2026-02", "given_at": "2026-12-01T09:12:00Z"}
        for kind in CONSENT_KINDS
    }
    doc: dict[str, Any] = {
        "kind": "support_order",
        "version": 1,
        "customer": CUSTOMER,
        "sub_account": None,
        "product": SERVER,
        "category": "Software-Update",
        "description": "Bitte PHP auf 8.3 aktualisieren.\nDanke!",
        "priority": "normal",
        "consents": consents,
        "cost": {
            "model": "hourly",
            "package": "basic",
            "price_per_15min": "29.75",
            "estimate_minutes": 60,
            "acknowledged_at": "2026-12-01T09:13:00+01:00",
        },
        "credentials": {
            "root password": secret_value("root"),
            "ftp password": secret_value("ftp"),
        },
    }
    doc.update(changes)
    return doc


TABLES = (
    Ticket,
    TicketMessage,
    SupportOrder,
    OrderConsent,
    CredentialField,
    DekWrap,
)


def counts(db: Database) -> tuple[int, ...]:
    with db.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(table)) or 0 for table in TABLES)


def refused(fn: Callable[[], object]) -> FieldErrors:
    with pytest.raises(FieldErrors) as info:
        fn()
    return info.value


def exception_texts(exc: BaseException) -> str:
    """Everything an exception shows: its text, repr, its field errors' texts and reprs,
    and the same for every exception chained to it."""
    parts: list[str] = []
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        parts += [str(e), repr(e), repr(e.args)]
        for err in getattr(e, "errors", {}).values():
            todo.append(err)
        todo += [e.__cause__, e.__context__]
    return "\n".join(parts)


def open_order_fields(demo: Demo, order_id: int) -> dict[str, str]:
    """Every credential of the order, opened as a lead's desk opens it."""
    with demo.db.read() as s:
        names = list(
            s.scalars(select(CredentialField.name).where(CredentialField.order_id == order_id))
        )
    to = DispatchRecipient(demo.dispatch_version)
    return {name: _open_field(demo, order_id, name, demo.dispatch_private, to) for name in names}


# --- a good document --------------------------------------------------------------------


def test_a_support_order_creates_ticket_order_consents_fields_and_one_dispatch_wrap(
    demo: Demo,
) -> None:
    db = demo.db
    before = counts(db)
    doc = order_document(priority="high")
    result = intake(db, doc, now=NOW)
    assert counts(db) == tuple(
        n + k for n, k in zip(before, (1, 1, 1, len(CONSENT_KINDS), 2, 1), strict=True)
    )
    assert result.kind == "support_order" and result.created_ticket
    assert result.order_ref is not None and re.fullmatch(r"SA-\d{8}", result.order_ref)
    assert result.credential_count == 2 and result.dispatch_key_version == demo.dispatch_version
    assert result.describe() == (
        f"Created support order {result.order_ref} with ticket {result.ticket_ref} "
        f"(2 credentials encrypted to dispatch key v{demo.dispatch_version})."
    )
    with db.read() as s:
        last_number = s.scalar(
            select(func.max(SupportOrder.number)).where(SupportOrder.id != result.order_id)
        )
        order = s.get(SupportOrder, result.order_id)
        assert order is not None
        assert order.number == (last_number or 0) + 1
        assert format_order_ref(order.number) == result.order_ref
        assert order.state == OrderState.RECEIVED and order.assignee_id is None
        assert order.ticket_id == result.ticket_id
        assert order.product.hostname == SERVER and order.product.customer_id == order.customer_id
        assert order.category == "Software-Update"
        assert order.submitted_by_sub_account_id is None  # the main account
        assert order.cost_model == CostModel.HOURLY
        assert order.price_per_15min == rate_for("basic") and order.fixed_price is None
        assert order.estimate_minutes == 60
        assert order.cost_acknowledged_at == dt.datetime(2026, 12, 1, 8, 13, tzinfo=dt.UTC)
        assert order.dek_version == 1
        consents = {c.kind.value: c for c in order.consents}
        assert set(consents) == set(CONSENT_KINDS)
        assert all(c.wording_version == "2026-02" for c in consents.values())
        assert all(
            c.given_at == dt.datetime(2026, 12, 1, 9, 12, tzinfo=dt.UTC) for c in consents.values()
        )
        ticket = s.get(Ticket, result.ticket_id)
        assert ticket is not None
        assert ticket.customer_id == order.customer_id and ticket.assignee_id is None
        assert ticket.subject == "Support-Auftrag: Software-Update"
        assert ticket.state == TicketState.NEW and ticket.resolution_due is not None
        message = s.get(TicketMessage, result.message_id)
        assert message is not None and message.kind == MessageKind.CUSTOMER
        assert message.body == doc["description"]
        wraps = list(s.scalars(select(DekWrap).where(DekWrap.order_id == order.id)))
        assert len(wraps) == 1
        (wrap,) = wraps
        assert wrap.dispatch_key_id == demo.dispatch_key_id and wrap.agent_id is None
        assert wrap.agent_key_version is None and wrap.dek_version == 1
        fields = list(
            s.scalars(select(CredentialField).where(CredentialField.order_id == order.id))
        )
        assert {f.name for f in fields} == {"root password", "ftp password"}
        assert all(f.dek_version == 1 and len(f.nonce) == 12 for f in fields)


def test_a_lead_decrypts_the_submitted_values_and_a_colleague_decrypts_nothing(
    demo: Demo,
) -> None:
    doc = order_document()
    result = intake(demo.db, doc, now=NOW)
    assert result.order_id is not None
    assert open_order_fields(demo, result.order_id) == doc["credentials"]
    with demo.db.read() as s:
        wrap = s.scalars(select(DekWrap).where(DekWrap.order_id == result.order_id)).one()
    for agent_id, (version, _public, keys) in demo.agents.items():
        for recipient in (
            DispatchRecipient(demo.dispatch_version),
            AgentRecipient(agent_id, version),
        ):
            with pytest.raises(UnwrapError):
                unwrap_dek(
                    wrap.wrapped,
                    keys.x25519,
                    order_id=result.order_id,
                    dek_version=1,
                    recipient=recipient,
                )


def test_the_data_key_is_fresh_per_order_and_bound_to_it(demo: Demo) -> None:
    first = intake(demo.db, order_document(), now=NOW)
    second = intake(demo.db, order_document(), now=NOW)
    assert first.order_id is not None and second.order_id is not None
    keys = []
    with demo.db.read() as s:
        for order_id in (first.order_id, second.order_id):
            wrap = s.scalars(select(DekWrap).where(DekWrap.order_id == order_id)).one()
            keys.append(
                unwrap_dek(
                    wrap.wrapped,
                    demo.dispatch_private,
                    order_id=order_id,
                    dek_version=1,
                    recipient=DispatchRecipient(demo.dispatch_version),
                )
            )
            # the wrap of one order does not open as the other's
            other = second.order_id if order_id == first.order_id else first.order_id
            with pytest.raises(UnwrapError):
                unwrap_dek(
                    wrap.wrapped,
                    demo.dispatch_private,
                    order_id=other,
                    dek_version=1,
                    recipient=DispatchRecipient(demo.dispatch_version),
                )
    assert keys[0] != keys[1] and all(len(k) == 32 for k in keys)


def test_the_newest_dispatch_key_is_the_only_recipient(demo: Demo) -> None:
    """After a rotation the portal encrypts to the new version; the old one gets nothing."""
    newer = X25519PrivateKey.generate()
    with demo.db.transaction() as s:
        s.add(
            DispatchKey(
                version=demo.dispatch_version + 1,
                public_key=newer.public_key().public_bytes_raw(),
            )
        )
    result = intake(demo.db, order_document(), now=NOW)
    assert result.order_id is not None and result.dispatch_key_version == demo.dispatch_version + 1
    with demo.db.read() as s:
        wrap = s.scalars(select(DekWrap).where(DekWrap.order_id == result.order_id)).one()
        key = s.get(DispatchKey, wrap.dispatch_key_id)
        assert key is not None and key.version == demo.dispatch_version + 1
    with pytest.raises(UnwrapError):
        unwrap_dek(
            wrap.wrapped,
            demo.dispatch_private,
            order_id=result.order_id,
            dek_version=1,
            recipient=DispatchRecipient(demo.dispatch_version),
        )
    dek = unwrap_dek(
        wrap.wrapped,
        newer,
        order_id=result.order_id,
        dek_version=1,
        recipient=DispatchRecipient(demo.dispatch_version + 1),
    )
    with demo.db.read() as s:
        field = s.scalars(
            select(CredentialField).where(
                CredentialField.order_id == result.order_id, CredentialField.name == "root password"
            )
        ).one()
        assert decrypt_field(
            dek,
            order_id=result.order_id,
            field_name=field.name,
            dek_version=1,
            nonce=field.nonce,
            ciphertext=field.ciphertext,
        ).startswith("root-")


def test_a_sub_account_with_the_order_right_and_a_fixed_price_task(demo: Demo) -> None:
    doc = order_document(
        customer=ORDERING_CUSTOMER,
        product=ORDERING_SERVER.upper(),  # host names are case-blind
        sub_account=ORDERING_SUB,
        consents={
            "server_access": {"wording_version": "2025-04", "given_at": "2026-11-30T18:00:00Z"}
        },
        cost={
            "model": "fixed",
            "catalogue_task": "SSL-Zertifikat einrichten",
            "fixed_price": "49",
            "acknowledged_at": "2026-12-01T09:13:00Z",
        },
        credentials={},
    )
    before = counts(demo.db)
    result = intake(demo.db, doc, now=NOW)
    assert result.credential_count == 0 and result.dispatch_key_version is None
    assert "(no credentials)" in result.describe()
    # an order without credentials gets no data key at all
    assert counts(demo.db) == tuple(n + k for n, k in zip(before, (1, 1, 1, 1, 0, 0), strict=True))
    with demo.db.read() as s:
        order = s.get(SupportOrder, result.order_id)
        assert order is not None
        assert order.cost_model == CostModel.FIXED and str(order.fixed_price) == "49.00"
        assert order.catalogue_task == "SSL-Zertifikat einrichten"
        assert order.price_per_15min is None and order.estimate_minutes is None
        assert order.submitted_by_sub_account_id is not None
        (consent,) = order.consents
        assert consent.sub_account_id == order.submitted_by_sub_account_id
        assert consent.wording_version == "2025-04"
        message = s.get(TicketMessage, result.message_id)
        assert message is not None and message.sub_account_id == order.submitted_by_sub_account_id


def test_the_example_documents(demo: Demo) -> None:
    document = load_document((EXAMPLES / "support-order.json").read_bytes())
    assert isinstance(document, SupportOrderDocument)
    values = [v.reveal() for _, v in document.credentials]
    assert values and all(v not in repr(document) for v in values)
    assert all(isinstance(v, SecretText) for _, v in document.credentials)
    before = counts(demo.db)
    bad = refused(lambda: intake_file(demo.db, EXAMPLES / "bad-support-order.json"))
    assert set(bad.errors) == {
        "consents.server_access.wording_version",
        "consents.remote_hands",
        "cost",
        "credentials.root password",
        "credentials.ftp password",
    }
    assert "geheim" not in exception_texts(bad)
    assert counts(demo.db) == before
    result = intake_file(demo.db, EXAMPLES / "support-order.json")
    assert result.order_id is not None
    names = ("root password", "Plesk admin password")
    assert open_order_fields(demo, result.order_id) == dict(zip(names, values, strict=True))


def test_two_orders_at_the_same_moment_get_two_numbers_each(demo: Demo) -> None:
    """Ticket and order numbers are max + 1 under the write lock (T-1, SO-2)."""
    rounds, results, failures = 6, [], []
    for _ in range(rounds):
        barrier = threading.Barrier(2)

        def run(barrier: threading.Barrier = barrier) -> None:
            try:
                barrier.wait()
                results.append(intake(demo.db, order_document(), now=NOW))
            except BaseException as exc:  # reported below
                failures.append(exc)

        threads = [threading.Thread(target=run) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    assert failures == []
    assert len(results) == 2 * rounds
    with demo.db.read() as s:
        orders = list(
            s.scalars(
                select(SupportOrder).where(SupportOrder.id.in_([r.order_id for r in results]))
            )
        )
        numbers = sorted(o.number for o in orders)
        assert numbers == list(range(numbers[0], numbers[0] + 2 * rounds))
        assert len({o.ticket_id for o in orders}) == 2 * rounds
    for result in results[:2]:
        assert result.order_id is not None and len(open_order_fields(demo, result.order_id)) == 2


# --- bad documents: one message per field, nothing written --------------------------------


def _without(key: str) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        del doc[key]

    return change


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        target = doc
        for part in parents:
            target = target[part]
        target[last] = value

    return change


def _drop(path: str) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        target = doc
        for part in parents:
            target = target[part]
        del target[last]

    return change


def _credentials(values: dict[str, object]) -> Callable[[dict[str, Any]], None]:
    return _set("credentials", values)


LONG = "x" * (d.CREDENTIAL_VALUE_MAX + 1)

BAD_CASES: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    (
        "unknown customer",
        _set("customer", format_customer_number(9_999_999)),
        "customer",
        ia.UNKNOWN_CUSTOMER,
    ),
    ("customer check digit", _set("customer", "K10000013"), "customer", d.CUSTOMER_CHECK_DIGIT),
    ("customer missing", _without("customer"), "customer", d.MISSING),
    (
        "unknown sub-account",
        _set("sub_account", "nobody-here"),
        "sub_account",
        ia.UNKNOWN_SUB_ACCOUNT,
    ),
    (
        "sub-account of another customer",
        _set("sub_account", ORDERING_SUB),
        "sub_account",
        ia.UNKNOWN_SUB_ACCOUNT,
    ),
    (
        "sub-account without the order right",
        _set("sub_account", NO_ORDER_RIGHT),
        "sub_account",
        ia.SUB_ACCOUNT_NO_ORDERS,
    ),
    ("unknown product", _set("product", "v999.kcp-server.de"), "product", ia.UNKNOWN_PRODUCT),
    (
        "product of another customer",
        _set("product", OTHER_CUSTOMERS_SERVER),
        "product",
        ia.PRODUCT_OF_ANOTHER_CUSTOMER,
    ),
    ("product missing", _without("product"), "product", d.MISSING),
    ("category empty", _set("category", "  "), "category", d.EMPTY),
    ("category too long", _set("category", "k" * 101), "category", TOO_LONG),
    ("description with NUL", _set("description", "a\x00b"), "description", CONTROL_CHARACTER),
    (
        "unknown consent kind",
        _set(
            "consents/remote_hands",
            {"wording_version": "2026-02", "given_at": "2026-12-01T09:00:00Z"},
        ),
        "consents.remote_hands",
        d.UNKNOWN_CONSENT,
    ),
    (
        "unknown wording version",
        _set("consents/server_access/wording_version", "2024-01"),
        "consents.server_access.wording_version",
        d.UNKNOWN_WORDING,
    ),
    (
        "wording version missing",
        _drop("consents/backup_exists/wording_version"),
        "consents.backup_exists.wording_version",
        d.MISSING,
    ),
    (
        "consent time without zone",
        _set("consents/software_updates/given_at", "2026-12-01T09:00:00"),
        "consents.software_updates.given_at",
        d.BAD_TIME,
    ),
    (
        "consent not an object",
        _set("consents/standard_config", "yes"),
        "consents.standard_config",
        d.NOT_OBJECT_FIELD,
    ),
    ("consents missing", _without("consents"), "consents", d.MISSING),
    ("cost acknowledgement missing", _without("cost"), "cost", d.COST_MISSING),
    ("cost acknowledgement null", _set("cost", None), "cost", d.COST_MISSING),
    (
        "cost acknowledged_at missing",
        _drop("cost/acknowledged_at"),
        "cost.acknowledged_at",
        d.MISSING,
    ),
    ("unknown cost model", _set("cost/model", "flat"), "cost.model", d.BAD_COST_MODEL),
    ("unknown package", _set("cost/package", "gold"), "cost.package", d.BAD_PACKAGE),
    ("price as a float", _set("cost/price_per_15min", 29.75), "cost.price_per_15min", d.BAD_AMOUNT),
    (
        "price not the package's rate",
        _set("cost/price_per_15min", "19.75"),
        "cost.price_per_15min",
        d.WRONG_RATE,
    ),
    (
        "package not the server's",
        lambda doc: doc["cost"].update(package="pro", price_per_15min="24.75"),
        "cost.package",
        ia.PACKAGE_MISMATCH,
    ),
    (
        "estimate missing for hourly work",
        _drop("cost/estimate_minutes"),
        "cost.estimate_minutes",
        d.MISSING,
    ),
    ("estimate zero", _set("cost/estimate_minutes", 0), "cost.estimate_minutes", d.BAD_MINUTES),
    (
        "fixed price field on hourly work",
        _set("cost/fixed_price", "49.00"),
        "cost.fixed_price",
        d.NOT_FOR_MODEL,
    ),
    (
        "fixed price zero",
        lambda doc: doc.update(
            cost={
                "model": "fixed",
                "catalogue_task": "X",
                "fixed_price": "0.00",
                "acknowledged_at": "2026-12-01T09:00:00Z",
            }
        ),
        "cost.fixed_price",
        d.AMOUNT_RANGE,
    ),
    ("credentials missing", _without("credentials"), "credentials", d.MISSING),
    ("credentials a list", _set("credentials", ["root", "x"]), "credentials", d.NOT_OBJECT_FIELD),
    (
        "credential name empty",
        _credentials({"root": secret_value("a"), " ": secret_value("b")}),
        "credentials[2]",
        d.EMPTY,
    ),
    (
        "credential name with a control character",
        _credentials({"ro\tot": secret_value("a")}),
        "credentials[1]",
        CONTROL_CHARACTER,
    ),
    (
        "credential name too long",
        _credentials({"n" * 65: secret_value("a")}),
        "credentials[1]",
        TOO_LONG,
    ),
    (
        "credential name twice after cleaning",
        _credentials({"root": secret_value("a"), " root ": secret_value("b")}),
        "credentials[2]",
        d.CREDENTIAL_NAME_TWICE,
    ),
    ("credential value empty", _credentials({"root": ""}), "credentials.root", d.CREDENTIAL_EMPTY),
    (
        "credential value not text",
        _credentials({"root": 1234}),
        "credentials.root",
        d.CREDENTIAL_NOT_TEXT,
    ),
    (
        "credential value with NUL",
        _credentials({"root": secret_value("nul") + "\x00"}),
        "credentials.root",
        CONTROL_CHARACTER,
    ),
    (
        "credential value with ESC",
        _credentials({"root": "\x1b" + secret_value("esc")}),
        "credentials.root",
        CONTROL_CHARACTER,
    ),
    (
        "credential value with a bidi override",
        _credentials({"root": secret_value("bidi") + "\u202e"}),
        "credentials.root",
        FORMAT_CHARACTER,
    ),
    (
        "credential value with a lone surrogate",
        _credentials({"root": secret_value("sur") + "\ud800"}),
        "credentials.root",
        BROKEN_CHARACTER,
    ),
    ("credential value too long", _credentials({"root": LONG}), "credentials.root", TOO_LONG),
    (
        "too many credentials",
        _credentials({f"f{i}": secret_value("m") for i in range(d.CREDENTIALS_MAX + 1)}),
        "credentials",
        d.TOO_MANY_CREDENTIALS,
    ),
    ("unknown field", _set("attachment", "x.pdf"), "attachment", d.UNKNOWN_FIELD),
]


def test_every_bad_field_gets_its_message_and_nothing_is_written(demo: Demo) -> None:
    before = counts(demo.db)
    problems: list[str] = []
    for label, change, field, template in BAD_CASES:
        doc = copy.deepcopy(order_document())
        change(doc)
        given = doc.get("credentials")
        values = (
            [v for v in given.values() if isinstance(v, str)] if isinstance(given, dict) else []
        )
        try:
            intake(demo.db, doc, now=NOW)
        except FieldErrors as exc:
            got = {name: err.template for name, err in exc.errors.items()}
            if got != {field: template}:
                problems.append(f"{label}: {got}")
            shown = exception_texts(exc)
            if any(v in shown for v in values if len(v) > 8):
                problems.append(f"{label}: a credential value is in the error")
            if "{" in str(exc.errors[next(iter(exc.errors))]):
                problems.append(f"{label}: unfilled template")
        else:
            problems.append(f"{label}: accepted")
        if counts(demo.db) != before:
            problems.append(f"{label}: wrote rows")
            before = counts(demo.db)
    assert problems == []


def test_database_checks_report_every_field_at_once(demo: Demo) -> None:
    doc = order_document(sub_account=NO_ORDER_RIGHT, product=OTHER_CUSTOMERS_SERVER)
    errors = refused(lambda: intake(demo.db, doc, now=NOW)).errors
    assert {k: e.template for k, e in errors.items()} == {
        "sub_account": ia.SUB_ACCOUNT_NO_ORDERS,
        "product": ia.PRODUCT_OF_ANOTHER_CUSTOMER,
    }


def test_a_disabled_sub_account_may_not_order(demo: Demo) -> None:
    from sqlalchemy import update

    from kcp_desk.models.customers import SubAccount

    with demo.db.transaction() as s:
        s.execute(update(SubAccount).where(SubAccount.login == ORDERING_SUB).values(active=False))
    doc = order_document(
        customer=ORDERING_CUSTOMER,
        product=ORDERING_SERVER,
        sub_account=ORDERING_SUB,
        cost={**order_document()["cost"], "package": "premium", "price_per_15min": "19.75"},
    )
    assert set(refused(lambda: intake(demo.db, doc, now=NOW)).errors) == {"sub_account"}


def test_the_desk_knows_the_start_gates_consent_vocabulary() -> None:
    assert set(CONSENT_WORDINGS) == set(CONSENT_KINDS)
    for kind, versions in CONSENT_WORDINGS.items():
        for version in versions:
            doc = order_document(
                consents={kind: {"wording_version": version, "given_at": "2026-12-01T09:00:00Z"}}
            )
            assert isinstance(validate_document(doc), SupportOrderDocument)


def test_no_credential_in_exceptions_of_unreadable_documents() -> None:
    value = secret_value("json")
    raw = ('{"kind": "support_order", "credentials": {"root": "' + value + '"}, ').encode()
    exc = refused(lambda: load_document(raw))
    assert set(exc.errors) == {"document"}
    assert exc.__context__ is None and exc.__cause__ is None  # the JSON error held the text
    assert value not in exception_texts(exc)
    twice = ('{"credentials": {"root": "' + value + '", "root": "' + value + '"}}').encode()
    exc = refused(lambda: load_document(twice))
    assert set(exc.errors) == {"root"} and exc.__context__ is None
    latin1 = ('{"credentials": {"root": "' + value + '"}}').encode("utf-16")
    exc = refused(lambda: load_document(latin1))
    assert exc.__context__ is None and value not in exception_texts(exc)


# --- any credential value: accepted and round-trips, or refused at its field --------------

CREDENTIAL_TEXT = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()), max_size=d.CREDENTIAL_VALUE_MAX + 1
) | st.sampled_from(
    ["", "\x00", " ", "a\r\nb", "\ud800", "x" * 10_000, "é" * d.CREDENTIAL_VALUE_MAX]
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(value=CREDENTIAL_TEXT)
def test_any_credential_value_round_trips_or_is_refused_at_its_field(
    demo: Demo, value: str
) -> None:
    marker = secrets.token_hex(8)
    secret = value + marker if len(value) <= d.CREDENTIAL_VALUE_MAX - 16 else value
    doc = order_document(credentials={"secret": secret})
    before = counts(demo.db)
    try:
        result = intake(demo.db, doc, now=NOW)
    except FieldErrors as exc:
        assert set(exc.errors) == {"credentials.secret"}
        shown = exception_texts(exc)
        assert marker not in shown
        assert len(secret) < 12 or secret not in shown
        assert counts(demo.db) == before
    else:
        assert result.order_id is not None
        assert open_order_fields(demo, result.order_id) == {"secret": secret}


# --- no plaintext at rest, in logs or in the WAL ------------------------------------------


def test_no_plaintext_in_the_sqlite_file_its_wal_or_the_logs(
    demo: Demo, caplog: pytest.LogCaptureFixture
) -> None:
    db = demo.db
    if db.dialect != "sqlite":
        pytest.skip("the file scan is for the embedded database")
    path = Path(make_url(db.url).database or "")
    wal = path.with_name(path.name + "-wal")
    plaintexts = {f"field {i}": secret_value(f"plain{i}") for i in range(8)}
    marker = "Beschreibung-" + secrets.token_hex(8)  # stored in the clear: proves the scan
    caplog.set_level(logging.DEBUG)
    result = intake(db, order_document(credentials=plaintexts, description=marker), now=NOW)
    assert result.order_id is not None
    assert open_order_fields(demo, result.order_id) == plaintexts

    def scan() -> bytes:
        data = path.read_bytes()
        if wal.exists():
            data += wal.read_bytes()
        return data

    before_checkpoint = scan()
    assert marker.encode() in before_checkpoint
    db.dispose()  # the pool's connections close; the checkpoint below is the only one
    raw = sqlite3.connect(path)
    try:
        busy, _log, _done = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        raw.close()
    assert busy == 0
    after = scan()
    assert marker.encode() in path.read_bytes()  # the order reached the main file
    for value in plaintexts.values():
        for blob in (before_checkpoint, after):
            assert value.encode("utf-8") not in blob
            assert value.encode("utf-16-le") not in blob
        assert value not in caplog.text
        for record in caplog.records:
            assert value not in record.getMessage() and value not in repr(record.args)


# --- the command line ---------------------------------------------------------------------


def test_the_intake_command_takes_the_example_order(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    before = counts(demo.db)
    order = str(EXAMPLES / "support-order.json")
    # V-8: with no admin key pinned on this workstation nothing is encrypted to anyone
    assert main(["intake", order, "--database-url", demo.db.url]) == 2
    assert "No admin key is pinned" in capsys.readouterr().err
    assert counts(demo.db) == before
    assert main(["admin", "keys", "--database-url", demo.db.url]) == 0
    listed = capsys.readouterr().out
    found = re.search(r"admin +((?:[0-9a-f]{4} ){7}[0-9a-f]{4})  \(not pinned\)", listed)
    assert found, listed
    assert main(["admin", "pin", "admin", "0000 " * 8, "--database-url", demo.db.url]) == 1
    assert main(["admin", "pin", "admin", found[1], "--database-url", demo.db.url]) == 0
    capsys.readouterr()
    assert main(["intake", order, "--database-url", demo.db.url]) == 0
    out = capsys.readouterr().out
    assert re.fullmatch(
        r"Created support order SA-\d{8} with ticket #KCP-\d{8} "
        r"\(2 credentials encrypted to dispatch key v\d+\)\.\n",
        out,
    ), out
    assert counts(demo.db) == tuple(
        n + k for n, k in zip(before, (1, 1, 1, len(CONSENT_KINDS), 2, 1), strict=True)
    )
    bad = str(EXAMPLES / "bad-support-order.json")
    assert main(["intake", bad, "--database-url", demo.db.url]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert lines[0].endswith("bad-support-order.json: nothing was created.")
    assert (
        "  cost: The customer's cost acknowledgement is missing; the order cannot be taken."
        in lines
    )
    assert '  "credentials.root password": The credential must not be empty.' in lines
    assert "geheim" not in captured.err
    assert counts(demo.db)[2] == before[2] + 1
