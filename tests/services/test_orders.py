"""Support orders (SPEC C5, SO-1…SO-5; issue 11) through :class:`OrderService`, on SQLite
and PostgreSQL: the detail with its start gate, the SO-3 state table, the gate refusing
"in progress" by name, the erasure of the credentials when an order ends, time entries
and who may do what. Orders are made the way the portal makes them (the intake), so
they carry encrypted credentials and a dispatch wrap."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, update

from kcp_desk.db import Database
from kcp_desk.domain.order_pricing import rate_for
from kcp_desk.domain.references import format_customer_number
from kcp_desk.domain.start_gate import CONSENT_KINDS, GatePolicy
from kcp_desk.errors import InvalidInput, NotFound, PermissionDenied, StaleEdit
from kcp_desk.models.agents import Role
from kcp_desk.models.audit import AuditEntry
from kcp_desk.models.billing import DunningLevel, DunningStep, Invoice, InvoiceState
from kcp_desk.models.customers import Customer, CustomerKind, PaymentMethod, SubAccount
from kcp_desk.models.orders import OrderState, SupportOrder, TimeEntry
from kcp_desk.models.products import Product, ProductKind, SmPackage
from kcp_desk.models.vault import CredentialField, DekWrap, DispatchKey
from kcp_desk.services.agents import provision_agent
from kcp_desk.services.auth import AuthService
from kcp_desk.services.intake import intake
from kcp_desk.services.orders import (
    NOTE_MAX,
    TRANSITIONS,
    CredentialAccess,
    GateClosed,
    OrderDetail,
    OrderService,
)
from kcp_desk.services.principal import AgentSession
from tests.conftest import FAST_KDF, PASSPHRASES

NOW = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)
SUBMITTED = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
D = Decimal
PACKAGES = ("none", "basic", "pro", "premium")
BEN_PASSPHRASE = "ben-test-passphrase"


@dataclass(frozen=True)
class OrderWorld:
    db: Database
    #: customer number (K…) and server host name by SM package
    customers: dict[str, tuple[int, str, str]]  # package -> (customer id, K…, hostname)
    anna: int
    lea: int
    ben: int

    def login(self, name: str) -> AgentSession:
        passphrase = BEN_PASSPHRASE if name == "ben" else PASSPHRASES[name]
        return AuthService(self.db).login(name, passphrase).session

    def service(self, now: dt.datetime = NOW, **kwargs: Any) -> OrderService:
        return OrderService(self.db, clock=lambda: now, **kwargs)


def make_world(database: Database, agents: dict[str, int]) -> OrderWorld:
    """Four customers, one vServer each (packages none, basic, pro, premium), a dispatch
    key, and ben, a second agent."""
    customers: dict[str, tuple[int, str, str]] = {}
    with database.transaction() as s:
        ben, _ = provision_agent(
            s, username="ben", display_name="Ben", role=Role.AGENT,
            passphrase=BEN_PASSPHRASE, kdf=FAST_KDF,
        )  # fmt: skip
        public = X25519PrivateKey.generate().public_key()
        s.add(
            DispatchKey(version=1, public_key=public.public_bytes(Encoding.Raw, PublicFormat.Raw))
        )
        for i, package in enumerate(PACKAGES):
            customer = Customer(
                number=2000001 + i,
                kind=CustomerKind.COMPANY if i % 2 else CustomerKind.PERSON,
                first_name="Erika",
                last_name=f"Muster{i}",
                company="Muster GmbH" if i % 2 else None,
                legal_form=None,
                email=f"erika{i}@example.de",
                customer_since=dt.date(2019, 5, 1),
                preferred_payment_method=PaymentMethod.BANK_TRANSFER,
                search_folded=f"erika muster{i}",
            )
            s.add(customer)
            s.flush()
            hostname = f"v{i}.kcp-server.de"
            s.add(
                Product(
                    customer_id=customer.id, kind=ProductKind.VSERVER, name=f"vServer {i}",
                    hostname=hostname, sm_package=SmPackage(package),
                    started_on=dt.date(2020, 1, 1),
                )
            )  # fmt: skip
            s.add(
                SubAccount(
                    customer_id=customer.id, login=f"{2000001 + i}-assistenz",
                    email=f"a{i}@example.de", may_place_orders=False,
                )
            )  # fmt: skip
            customers[package] = (customer.id, format_customer_number(customer.number), hostname)
        ben_id = ben.id
    return OrderWorld(database, customers, agents["anna"], agents["lea"], ben_id)


@pytest.fixture
def world(database: Database, agents: dict[str, int]) -> OrderWorld:
    return make_world(database, agents)


def order_document(
    world: OrderWorld,
    package: str = "basic",
    *,
    consents: tuple[str, ...] = CONSENT_KINDS,
    cost: dict[str, Any] | None = None,
    sub_account: str | None = None,
    credentials: dict[str, str] | None = None,
) -> dict[str, Any]:
    _, number, hostname = world.customers[package]
    return {
        "kind": "support_order",
        "version": 1,
        "customer": number,
        "sub_account": sub_account,
        "product": hostname,
        "category": "Software-Update",
        "description": "Bitte PHP auf 8.3 aktualisieren.",
        "priority": "normal",
        "consents": {
            kind: {"wording_version": "2026-02", "given_at": "2026-12-01T08:50:00Z"}
            for kind in consents
        },
        "cost": cost
        or {
            "model": "hourly",
            "package": package,
            "price_per_15min": str(rate_for(package)),
            "estimate_minutes": 60,
            "acknowledged_at": "2026-12-01T08:55:00Z",
        },
        "credentials": credentials
        if credentials is not None
        else {"root password": "Wurzel-Geheim-4711", "ftp password": "Ftp-Geheim-0815"},
    }


def new_order(world: OrderWorld, package: str = "basic", **kwargs: Any) -> int:
    result = intake(world.db, order_document(world, package, **kwargs), now=SUBMITTED)
    assert result.order_id is not None
    return result.order_id


def put(
    world: OrderWorld, order_id: int, *, state: str | None = None, assignee: int | None = -1
) -> None:
    """What other parts of the desk do (the ticket's assignment, earlier steps)."""
    values: dict[str, Any] = {}
    if state is not None:
        values["state"] = OrderState(state)
    if assignee != -1:
        values["assignee_id"] = assignee
    with world.db.transaction() as s:
        s.execute(update(SupportOrder).where(SupportOrder.id == order_id).values(**values))


def wrap_to(world: OrderWorld, order_id: int, agent_id: int) -> None:
    """An agent wrap as a lead's desk makes it (the bytes do not matter here)."""
    with world.db.transaction() as s:
        s.add(DekWrap(order_id=order_id, dek_version=1, agent_id=agent_id,
                      agent_key_version=1, wrapped=b"\x01" * 80))  # fmt: skip


def vault_rows(world: OrderWorld, order_id: int) -> tuple[int, int]:
    with world.db.read() as s:
        fields = s.scalar(
            select(func.count())
            .select_from(CredentialField)
            .where(CredentialField.order_id == order_id)
        )
        wraps = s.scalar(
            select(func.count()).select_from(DekWrap).where(DekWrap.order_id == order_id)
        )
        return int(fields or 0), int(wraps or 0)


def audit_actions(world: OrderWorld) -> list[tuple[str, dict[str, Any]]]:
    with world.db.read() as s:
        rows = s.execute(select(AuditEntry.action, AuditEntry.canonical).order_by(AuditEntry.seq))
        return [(a, json.loads(c)["details"]) for a, c in rows]


def order_row(world: OrderWorld, order_id: int) -> tuple[OrderState, int]:
    with world.db.read() as s:
        order = s.get(SupportOrder, order_id)
        assert order is not None
        return order.state, order.version


def walk(service: OrderService, session: AgentSession, order_id: int, *states: str) -> OrderDetail:
    detail = service.detail(session, order_id)
    for state in states:
        detail = service.change_state(session, order_id, detail.version, state)
        assert detail.state == state
    return detail


# --- the detail -------------------------------------------------------------------------


def test_the_detail_shows_the_order_its_gate_and_only_credential_names(world: OrderWorld) -> None:
    order_id = new_order(world, "pro")
    anna = world.login("anna")
    d = world.service().detail(anna, order_id)
    assert d.ref.startswith("SA-") and d.ticket_ref.startswith("#KCP-")
    assert (d.customer_number, d.hostname) == world.customers["pro"][1:]
    assert d.state == "received" and d.assignee_id is None and d.submitted_by is None
    assert [c.kind for c in d.consents] == list(CONSENT_KINDS)
    assert all(c.given and c.wording_version == "2026-02" and c.given_at for c in d.consents)
    assert d.cost.model == "hourly" and d.cost.package == "pro"
    assert d.cost.rate_per_15min == rate_for("pro") and d.cost.estimate_minutes == 60
    assert d.cost.acknowledged_at == dt.datetime(2026, 12, 1, 8, 55, tzinfo=dt.UTC)
    assert [c.key for c in d.gate] == ["consents", "backup", "cost", "submitter", "arrears"]
    assert d.gate_open
    assert d.credential_names == ("root password", "ftp password")
    assert "Geheim" not in repr(d)  # names only, never values
    # unassigned: only the handler opens credentials; no state buttons for anna
    assert d.credential_access == CredentialAccess.NOT_YOURS
    assert d.allowed_states == () and not d.may_work
    # a lead may work any order; the table's targets without "billed"
    lead = world.service().detail(world.login("lea"), order_id)
    assert lead.allowed_states == ("in_review", "rejected", "cancelled") and lead.may_work


def test_credential_access_follows_the_assignee_and_her_wrap(world: OrderWorld) -> None:
    order_id = new_order(world)
    anna, ben = world.login("anna"), world.login("ben")
    service = world.service()
    put(world, order_id, assignee=world.anna)
    assert service.detail(anna, order_id).credential_access == CredentialAccess.WAITING
    assert service.detail(ben, order_id).credential_access == CredentialAccess.NOT_YOURS
    wrap_to(world, order_id, world.anna)
    assert service.detail(anna, order_id).credential_access == CredentialAccess.YOURS
    assert service.detail(ben, order_id).credential_access == CredentialAccess.NOT_YOURS
    no_credentials = new_order(world, credentials={})
    assert service.detail(anna, no_credentials).credential_access == CredentialAccess.NONE


def test_admins_are_refused_and_unknown_orders_not_found(world: OrderWorld) -> None:
    order_id = new_order(world)
    with world.db.transaction() as s:
        provision_agent(s, username="ida", display_name="Ida", role=Role.ADMIN,
                        passphrase="ida-test-passphrase", kdf=FAST_KDF)  # fmt: skip
    ida = AuthService(world.db).login("ida", "ida-test-passphrase").session
    with pytest.raises(PermissionDenied):
        world.service().detail(ida, order_id)
    with pytest.raises(PermissionDenied):
        world.service().change_state(ida, order_id, 1, "in_review")
    with pytest.raises(NotFound):
        world.service().detail(world.login("anna"), order_id + 1000)


# --- states (SO-3) ----------------------------------------------------------------------


def test_the_whole_way_with_its_side_roads_is_allowed_and_audited(world: OrderWorld) -> None:
    order_id = new_order(world)
    put(world, order_id, assignee=world.anna)
    anna = world.login("anna")
    service = world.service()
    d = walk(service, anna, order_id, "in_review", "query", "in_review", "cost_approval",
             "in_review", "cost_approval", "approved", "in_progress", "done")  # fmt: skip
    assert d.allowed_states == ()  # billed only through bill()
    changes = [det for action, det in audit_actions(world) if action == "order_state_changed"]
    assert [(c["from_state"], c["to_state"]) for c in changes][-2:] == [
        ("approved", "in_progress"), ("in_progress", "done")
    ]  # fmt: skip
    assert all("Geheim" not in json.dumps(c) for c in changes)


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("received", "approved"),
        ("received", "in_progress"),
        ("in_review", "done"),
        ("query", "approved"),
        ("done", "in_progress"),
        ("rejected", "in_review"),
        ("cancelled", "in_review"),
        ("billed", "done"),
    ],
)
def test_transitions_the_table_does_not_list_are_refused(
    world: OrderWorld, start: str, target: str
) -> None:
    assert OrderState(target) not in TRANSITIONS[OrderState(start)]
    order_id = new_order(world)
    put(world, order_id, state=start, assignee=world.anna)
    anna = world.login("anna")
    before = order_row(world, order_id)
    with pytest.raises(InvalidInput) as info:
        world.service().change_state(anna, order_id, before[1], target)
    assert info.value.field == "state"
    assert order_row(world, order_id) == before


def test_billed_is_not_a_state_button(world: OrderWorld) -> None:
    order_id = new_order(world)
    put(world, order_id, state="done", assignee=world.anna)
    with pytest.raises(InvalidInput, match="Bill"):
        world.service().change_state(world.login("anna"), order_id, 1, "billed")


def test_only_the_assignee_or_a_lead_changes_the_state(world: OrderWorld) -> None:
    order_id = new_order(world)
    put(world, order_id, assignee=world.anna)
    service = world.service()
    with pytest.raises(PermissionDenied, match="handles this support order"):
        service.change_state(world.login("ben"), order_id, 1, "in_review")
    assert order_row(world, order_id)[0] == OrderState.RECEIVED
    assert service.change_state(world.login("lea"), order_id, 1, "in_review").state == "in_review"


def test_a_stale_version_is_refused(world: OrderWorld) -> None:
    order_id = new_order(world)
    put(world, order_id, assignee=world.anna)
    anna, lea = world.login("anna"), world.login("lea")
    service = world.service()
    seen = service.detail(anna, order_id)
    service.change_state(lea, order_id, seen.version, "in_review")
    with pytest.raises(StaleEdit, match="changed this support order"):
        service.change_state(anna, order_id, seen.version, "rejected")
    assert order_row(world, order_id)[0] == OrderState.IN_REVIEW
    assert vault_rows(world, order_id) == (2, 1)  # nothing erased by the refused change


# --- the start gate (SO-4) --------------------------------------------------------------


def _refused_start(world: OrderWorld, order_id: int, **service_kwargs: Any) -> GateClosed:
    put(world, order_id, state="approved", assignee=world.anna)
    anna = world.login("anna")
    service = world.service(**service_kwargs)
    detail = service.detail(anna, order_id)
    audited = len(audit_actions(world))
    with pytest.raises(GateClosed) as info:
        service.change_state(anna, order_id, detail.version, "in_progress")
    assert order_row(world, order_id) == (OrderState.APPROVED, detail.version)
    assert len(audit_actions(world)) == audited
    return info.value


def test_a_missing_consent_closes_the_gate_by_name(world: OrderWorld) -> None:
    consents = tuple(k for k in CONSENT_KINDS if k != "software_updates")
    order_id = new_order(world, consents=consents)
    detail = world.service().detail(world.login("anna"), order_id)
    assert not detail.gate_open
    first = detail.first_unmet
    assert first is not None and (first.key, first.reason) == ("consents", "consents_missing")
    assert dict(first.params) == {"missing": 1, "required": 5}
    error = _refused_start(world, order_id)
    assert error.condition == "consents"
    assert str(error) == "Not every consent was given: 1 of 5 are missing."


def test_no_backup_consent_is_no_backup(world: OrderWorld) -> None:
    order_id = new_order(world, consents=tuple(k for k in CONSENT_KINDS if k != "backup_exists"))
    gate = {c.key: c for c in world.service().detail(world.login("anna"), order_id).gate}
    assert not gate["backup"].met and gate["backup"].reason == "no_backup"


def test_a_sub_account_without_the_order_right_closes_the_gate(world: OrderWorld) -> None:
    # the intake refuses such a sub-account; the right was taken away after the order
    _, number, _ = world.customers["basic"]
    login = f"{number[1:8]}-assistenz"
    with world.db.transaction() as s:
        s.execute(update(SubAccount).where(SubAccount.login == login).values(may_place_orders=True))
    order_id = new_order(world, sub_account=login)
    with world.db.transaction() as s:
        s.execute(
            update(SubAccount).where(SubAccount.login == login).values(may_place_orders=False)
        )
    detail = world.service().detail(world.login("anna"), order_id)
    assert detail.submitted_by == login
    error = _refused_start(world, order_id)
    assert error.condition == "submitter"
    assert "may not place orders" in str(error)


def _dunned(world: OrderWorld, package: str, level: DunningLevel) -> None:
    customer_id = world.customers[package][0]
    with world.db.transaction() as s:
        invoice = Invoice(
            number="RE-2026-000900", year=2026, seq=900, customer_id=customer_id,
            issued_on=dt.date(2026, 9, 1), due_on=dt.date(2026, 9, 15),
            state=InvoiceState.OVERDUE, net=D("10.00"), vat=D("1.90"), gross=D("11.90"),
            paid_amount=D("0.00"), payment_method=PaymentMethod.BANK_TRANSFER,
        )  # fmt: skip
        s.add(invoice)
        s.flush()
        s.add(DunningStep(invoice_id=invoice.id, customer_id=customer_id, level=level,
                          issued_on=dt.date(2026, 10, 20)))  # fmt: skip


def test_arrears_at_the_second_dunning_level_close_the_gate_unless_the_policy_allows(
    world: OrderWorld,
) -> None:
    order_id = new_order(world)
    _dunned(world, "basic", DunningLevel.SECOND)
    error = _refused_start(world, order_id)
    assert error.condition == "arrears" and "arrears" in str(error)
    # configurable: a policy without the arrears block lets it start
    anna = world.login("anna")
    relaxed = world.service(gate_policy=GatePolicy(block_from=None))
    detail = relaxed.detail(anna, order_id)
    assert detail.gate_open
    assert (
        relaxed.change_state(anna, order_id, detail.version, "in_progress").state == "in_progress"
    )


def test_a_first_dunning_letter_does_not_block(world: OrderWorld) -> None:
    order_id = new_order(world)
    _dunned(world, "basic", DunningLevel.FIRST)
    assert world.service().detail(world.login("anna"), order_id).gate_open


# --- the credentials go when the order ends (SO-5) --------------------------------------


@pytest.mark.parametrize(
    ("path", "end"),
    [
        (("in_review", "approved", "in_progress"), "done"),
        (("in_review",), "rejected"),
        ((), "cancelled"),
        (("in_review", "approved", "in_progress"), "cancelled"),
    ],
)
def test_ending_an_order_erases_its_credentials_and_wraps(
    world: OrderWorld, path: tuple[str, ...], end: str
) -> None:
    order_id = new_order(world)
    other = new_order(world)
    put(world, order_id, assignee=world.anna)
    wrap_to(world, order_id, world.anna)
    assert vault_rows(world, order_id) == (2, 2)
    anna = world.login("anna")
    service = world.service()
    before_end = walk(service, anna, order_id, *path)
    assert vault_rows(world, order_id) == (2, 2)  # still there on the way
    assert before_end.credential_access == CredentialAccess.YOURS
    ended = service.change_state(anna, order_id, before_end.version, end)
    assert vault_rows(world, order_id) == (0, 0)
    assert ended.credential_names == () and ended.credential_access == CredentialAccess.NONE
    assert vault_rows(world, other) == (2, 1)  # the other order keeps its own
    last = audit_actions(world)[-1]
    assert last[0] == "order_state_changed" and last[1]["credentials_erased"] == 2


# --- time entries -----------------------------------------------------------------------


def _in_progress(world: OrderWorld, package: str = "basic") -> tuple[int, AgentSession]:
    order_id = new_order(world, package)
    put(world, order_id, state="in_progress", assignee=world.anna)
    return order_id, world.login("anna")


def test_the_clock_starts_and_stops_and_counts_against_the_estimate(world: OrderWorld) -> None:
    order_id, anna = _in_progress(world)
    start = world.service(NOW).start_clock(anna, order_id, 1)
    running = start.running_entry
    assert running is not None and running.agent_name == "Anna" and running.billable
    later = world.service(NOW + dt.timedelta(minutes=50))
    midway = later.detail(anna, order_id)
    assert midway.totals.billable_minutes == 50 and midway.totals.billed_minutes == 60
    assert midway.totals.net_so_far == 4 * rate_for("basic")
    with pytest.raises(InvalidInput, match="running"):
        later.change_state(anna, order_id, midway.version, "done")
    stopped = world.service(NOW + dt.timedelta(minutes=70)).stop_clock(
        anna, order_id, running.entry_id, running.version
    )
    assert stopped.running_entry is None
    assert stopped.totals.billable_minutes == 70 and stopped.totals.over_estimate_minutes == 15
    # the over-estimate time closes the cost condition of the gate now
    cost = {c.key: c for c in stopped.gate}["cost"]
    assert not cost.met and cost.reason == "over_estimate"
    assert dict(cost.params) == {"estimate_minutes": 60, "expected_minutes": 70, "over_minutes": 10}


def test_booked_time_is_checked(world: OrderWorld) -> None:
    order_id, anna = _in_progress(world)
    service = world.service()
    v = service.detail(anna, order_id).version
    hour = dt.timedelta(hours=1)
    cases = [
        (NOW - hour, NOW - 2 * hour, "ended_at", "after the start"),
        (NOW - hour, NOW + hour, "ended_at", "future"),
        (NOW.replace(tzinfo=None) - hour, NOW - hour / 2, "started_at", "time zone"),
    ]
    for start, end, field, words in cases:
        with pytest.raises(InvalidInput, match=words) as info:
            service.add_time(anna, order_id, v, start, end, True, "")
        assert info.value.field == field
    booked = service.add_time(anna, order_id, v, NOW - 2 * hour, NOW - hour, True, "PHP-Update")
    assert [e.note for e in booked.time_entries] == ["PHP-Update"]
    # her own time overlaps, on this order and on any other
    other, _ = _in_progress(world, "pro")
    for target in (order_id, other):
        version = service.detail(anna, target).version
        with pytest.raises(InvalidInput, match="overlaps"):
            service.add_time(anna, target, version, NOW - 90 * dt.timedelta(minutes=1),
                             NOW - hour / 2, True, "")  # fmt: skip
    # touching is fine, and a colleague may work at the same time (a lead on it)
    service.add_time(anna, order_id, booked.version, NOW - hour, NOW - hour / 2, True, "")
    lea = world.login("lea")
    v = service.detail(lea, order_id).version
    assert (
        len(service.add_time(lea, order_id, v, NOW - 2 * hour, NOW - hour, True, "").time_entries)
        == 3
    )


def test_included_time_needs_a_package_and_is_counted_apart(world: OrderWorld) -> None:
    order_id, anna = _in_progress(world, "none")
    service = world.service()
    with pytest.raises(InvalidInput, match="no Systems-Management package") as info:
        service.add_time(anna, order_id, 1, NOW - dt.timedelta(hours=1), NOW, False, "")
    assert info.value.field == "billable"
    order_id, anna = _in_progress(world, "premium")
    d = service.add_time(anna, order_id, 1, NOW - dt.timedelta(hours=1), NOW, False, "im Paket")
    assert (d.totals.included_minutes, d.totals.billable_minutes, d.totals.net_so_far) == (60, 0, 0)


def test_time_is_booked_only_by_the_handler_and_only_while_open(world: OrderWorld) -> None:
    order_id, _ = _in_progress(world)
    ben = world.login("ben")
    hour = dt.timedelta(hours=1)
    with pytest.raises(PermissionDenied):
        world.service().add_time(ben, order_id, 1, NOW - hour, NOW, True, "")
    with pytest.raises(PermissionDenied):
        world.service().start_clock(ben, order_id, 1)
    approved = new_order(world)
    put(world, approved, state="approved", assignee=world.anna)
    anna = world.login("anna")
    with pytest.raises(InvalidInput, match="in progress"):
        world.service().start_clock(anna, approved, 1)
    with pytest.raises(InvalidInput, match="in progress"):
        world.service().add_time(anna, approved, 1, NOW - hour, NOW, True, "")
    # done: late entries yes, the clock no
    put(world, order_id, state="done")
    d = world.service().add_time(anna, order_id, 1, NOW - hour, NOW, True, "nachgetragen")
    assert len(d.time_entries) == 1
    with pytest.raises(InvalidInput):
        world.service().start_clock(anna, order_id, d.version)


def test_an_entry_is_deleted_by_its_agent_before_billing(world: OrderWorld) -> None:
    order_id, anna = _in_progress(world)
    service = world.service()
    d = service.start_clock(anna, order_id, 1)
    entry = d.running_entry
    assert entry is not None
    with pytest.raises(PermissionDenied):
        service.delete_time(world.login("ben"), order_id, entry.entry_id, entry.version)
    assert service.delete_time(anna, order_id, entry.entry_id, entry.version).time_entries == ()


_NOTES = st.one_of(
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=30).map(lambda t: t + "\x00"),
    st.sampled_from(["\x1b[31m", "a\u202eb", "x" * NOTE_MAX, "x" * 10_000, "\ud800"]),
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note=_NOTES)
def test_any_note_is_stored_as_typed_or_refused_at_the_note(world: OrderWorld, note: str) -> None:
    with world.db.read() as s:
        order_id = s.scalar(
            select(SupportOrder.id).where(SupportOrder.state == OrderState.IN_PROGRESS)
        )
    if order_id is None:
        order_id, _ = _in_progress(world)
    anna = world.login("anna")
    with world.db.transaction() as s:  # every example starts without entries
        s.execute(TimeEntry.__table__.delete())
    service = world.service()
    v = service.detail(anna, order_id).version
    start, end = NOW - dt.timedelta(hours=1), NOW - dt.timedelta(minutes=30)
    expected = unicodedata.normalize("NFC", note.replace("\r\n", "\n").replace("\r", "\n").strip())
    try:
        d = service.add_time(anna, order_id, v, start, end, True, note)
    except InvalidInput as error:
        assert error.field == "note"
        assert service.detail(anna, order_id).time_entries == ()
        return
    (entry,) = d.time_entries
    assert len(expected) <= NOTE_MAX  # 10,000 characters are refused
    assert all(  # no NUL, ESC, bidi override, lone surrogate
        unicodedata.category(ch) not in ("Cc", "Cf", "Cs") or ch in "\t\n\u200c\u200d"
        for ch in entry.note
    )
    assert entry.note == expected
