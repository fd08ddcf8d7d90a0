"""Caller verification by phone password (C1.5) and the ID-3 limits, on both databases."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kcp_desk.db import Database
from kcp_desk.errors import InvalidInput, NotFound, PermissionDenied
from kcp_desk.models.agents import Agent
from kcp_desk.models.audit import AuditEntry
from kcp_desk.models.customers import CallerVerification, Customer, CustomerKind
from kcp_desk.models.identity import (
    Factor,
    FactorAttempt,
    IdentityCase,
    IdentityCaseState,
    IdentityPurpose,
)
from kcp_desk.security.phone_password import PhonePasswordParams, hash_phone_password
from kcp_desk.services import audit
from kcp_desk.services.auth import AuthService
from kcp_desk.services.caller_verification import (
    CallerVerificationService,
    VerificationResult,
)
from kcp_desk.services.customers import CustomerService
from kcp_desk.services.principal import AgentSession
from tests.conftest import PASSPHRASES

SECRET = "Sonnenblume-Zebra-42"
WRONG = "Gänseblümchen-7"
#: cheap parameters for tests only: the PHC string carries them, production uses its own
CHEAP = PhonePasswordParams(memory_kib=64, iterations=1, lanes=1)
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

M = VerificationResult.MATCH
N = VerificationResult.NO_MATCH
L = VerificationResult.LOCKED


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += dt.timedelta(**kwargs)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(database: Database, clock: Clock) -> CallerVerificationService:
    return CallerVerificationService(database, clock=clock)


def _login(db: Database, name: str) -> AgentSession:
    return AuthService(db).login(name, PASSPHRASES[name]).session


def _customer(s: Session, number: int, *, password: str | None = SECRET) -> int:
    customer = Customer(
        number=number,
        kind=CustomerKind.PERSON,
        first_name="Jürgen",
        last_name="Müller",
        email=f"kunde{number}@example.de",
        customer_since=dt.date(2019, 5, 1),
        phone_password_hash=hash_phone_password(password, CHEAP) if password else None,
        phone_password_set_at=T0 - dt.timedelta(days=100) if password else None,
    )
    s.add(customer)
    s.flush()
    return customer.id


@pytest.fixture
def customer_id(database: Database, agents: dict[str, int]) -> int:
    with database.transaction() as s:
        return _customer(s, 1234567)


def _case(db: Database, customer_id: int, agent_id: int) -> int:
    with db.transaction() as s:
        case = IdentityCase(
            customer_id=customer_id,
            purpose=IdentityPurpose.EMAIL_CHANGE,
            prepared_by_id=agent_id,
            created_at=T0,
        )
        s.add(case)
        s.flush()
        return case.id


def _attempts(db: Database) -> list[tuple[int | None, bool]]:
    with db.session_factory() as s:
        return [
            (a.case_id, a.success)
            for a in s.scalars(select(FactorAttempt).order_by(FactorAttempt.id))
        ]


def _locked_until(db: Database, customer_id: int) -> dt.datetime | None:
    with db.session_factory() as s:
        customer = s.get(Customer, customer_id)
        assert customer is not None
        return customer.p_factor_locked_until


# --- answers ---------------------------------------------------------------------------------


def test_match_and_no_match_are_recorded(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    service: CallerVerificationService,
    clock: Clock,
) -> None:
    anna = _login(database, "anna")
    wrong = service.verify_phone_password(anna, customer_id, WRONG)
    assert wrong.result is N and not wrong.matched
    assert (wrong.tries_left_in_case, wrong.tries_left_24h) == (2, 4)
    clock.advance(minutes=1)
    right = service.verify_phone_password(anna, customer_id, f"  {SECRET} ")
    assert right.result is M and right.matched
    assert right.locked_until is None
    assert _attempts(database) == [(None, False), (None, True)]

    last = service.last_verification(anna, customer_id)
    assert last is not None
    assert (last.method, last.result, last.agent_name, last.at) == (
        "phone_password",
        True,
        "Anna",
        T0 + dt.timedelta(minutes=1),
    )
    # the customer view shows the same
    detail = CustomerService(database, clock=clock).detail(anna, customer_id, reload=True)
    assert detail.last_verification == last
    with database.session_factory() as s:
        results = s.scalars(
            select(AuditEntry.canonical).where(AuditEntry.action == "caller_verified")
        ).all()
    assert ['"result":"no_match"' in c for c in results] == [True, False]
    assert '"result":"match"' in results[1]
    assert audit.verify(database).ok


def test_not_set(database: Database, agents: dict[str, int]) -> None:
    with database.transaction() as s:
        cid = _customer(s, 7654321, password=None)
    anna = _login(database, "anna")
    service = CallerVerificationService(database)
    outcome = service.verify_phone_password(anna, cid, SECRET)
    assert outcome.result is VerificationResult.NOT_SET
    assert _attempts(database) == []
    assert service.last_verification(anna, cid) is None
    assert not service.status(anna, cid).password_set


def test_unusable_stored_hash_is_not_held_against_the_caller(
    database: Database, agents: dict[str, int], customer_id: int
) -> None:
    with database.transaction() as s:
        customer = s.get(Customer, customer_id)
        assert customer is not None
        customer.phone_password_hash = "$2b$12$not-an-argon2-hash"
    outcome = CallerVerificationService(database).verify_phone_password(
        _login(database, "anna"), customer_id, SECRET
    )
    assert outcome.result is VerificationResult.NOT_SET
    assert _attempts(database) == []


def test_empty_input_counts_nothing(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    service: CallerVerificationService,
) -> None:
    with pytest.raises(InvalidInput) as err:
        service.verify_phone_password(_login(database, "anna"), customer_id, "   ")
    assert err.value.field == "phone_password"
    assert _attempts(database) == []


def test_unknown_customer_or_foreign_case(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    service: CallerVerificationService,
) -> None:
    anna = _login(database, "anna")
    with pytest.raises(NotFound):
        service.verify_phone_password(anna, 999, SECRET)
    with database.transaction() as s:
        other = _customer(s, 7654321)
    case_of_other = _case(database, other, agents["anna"])
    with pytest.raises(NotFound) as err:
        service.verify_phone_password(anna, customer_id, SECRET, case_id=case_of_other)
    assert err.value.field == "case"


def test_closed_case_takes_no_more_tries(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    service: CallerVerificationService,
) -> None:
    case_id = _case(database, customer_id, agents["anna"])
    with database.transaction() as s:
        case = s.get(IdentityCase, case_id)
        assert case is not None
        case.state = IdentityCaseState.CANCELLED
    with pytest.raises(InvalidInput) as err:
        service.verify_phone_password(_login(database, "anna"), customer_id, SECRET, case_id)
    assert err.value.field == "case"
    assert _attempts(database) == []


# --- ID-3 limits -----------------------------------------------------------------------------


def test_three_wrong_in_a_case_lock_p(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    service: CallerVerificationService,
    clock: Clock,
) -> None:
    anna = _login(database, "anna")
    case_id = _case(database, customer_id, agents["anna"])
    results = []
    for _ in range(3):
        clock.advance(minutes=1)
        results.append(service.verify_phone_password(anna, customer_id, WRONG, case_id).result)
    assert results == [N, N, N]
    clock.advance(minutes=1)
    fourth = service.verify_phone_password(anna, customer_id, SECRET, case_id)
    assert fourth.result is L  # even the right password
    assert fourth.locked_until == T0 + dt.timedelta(minutes=3, hours=24)
    assert (fourth.tries_left_in_case, fourth.tries_left_24h) == (0, 0)
    assert _attempts(database) == [(case_id, False)] * 3  # the locked try is not counted
    with database.session_factory() as s:
        case = s.get(IdentityCase, case_id)
        assert case is not None
        assert case.p_failures == 3
        assert case.version == 1  # counting is no edit of the case
        customer = s.get(Customer, customer_id)
        assert customer is not None
        assert customer.version == 1  # nor of the contact data
    badges = CustomerService(database, clock=clock).detail(anna, customer_id).header.badges
    assert badges.factor_locked


def test_five_wrong_across_cases_in_24_hours_lock_p(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    service: CallerVerificationService,
    clock: Clock,
) -> None:
    anna = _login(database, "anna")
    lea = _login(database, "lea")
    first = _case(database, customer_id, agents["anna"])
    second = _case(database, customer_id, agents["lea"])
    plan = [(anna, first), (anna, first), (lea, second), (lea, second), (anna, None)]
    results = []
    for who, case_id in plan:
        clock.advance(hours=2)
        results.append(service.verify_phone_password(who, customer_id, WRONG, case_id).result)
    assert results == [N, N, N, N, N]
    assert _locked_until(database, customer_id) == T0 + dt.timedelta(hours=10 + 24)
    third = _case(database, customer_id, agents["anna"])
    clock.advance(minutes=5)
    assert service.verify_phone_password(anna, customer_id, SECRET, third).result is L


def test_wrong_tries_older_than_24_hours_do_not_count(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    service: CallerVerificationService,
    clock: Clock,
) -> None:
    anna = _login(database, "anna")
    for _ in range(4):
        case_id = _case(database, customer_id, agents["anna"])
        clock.advance(hours=1)
        assert service.verify_phone_password(anna, customer_id, WRONG, case_id).result is N
    clock.advance(hours=22)  # the first two are older than 24 h now
    status = service.status(anna, customer_id)
    assert not status.locked and status.tries_left_24h == 3
    case_id = _case(database, customer_id, agents["anna"])
    assert service.verify_phone_password(anna, customer_id, WRONG, case_id).result is N
    assert service.verify_phone_password(anna, customer_id, SECRET, case_id).result is M


def test_without_a_case_the_call_counts_as_the_case(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    service: CallerVerificationService,
    clock: Clock,
) -> None:
    anna = _login(database, "anna")
    lea = _login(database, "lea")
    assert service.verify_phone_password(anna, customer_id, WRONG).result is N
    clock.advance(minutes=10)
    assert service.verify_phone_password(anna, customer_id, WRONG).result is N
    # calling back and reaching another agent does not start a fresh count
    clock.advance(minutes=10)
    outcome = service.verify_phone_password(lea, customer_id, WRONG)
    assert outcome.result is N and outcome.locked_until is not None
    clock.advance(minutes=1)
    assert service.verify_phone_password(lea, customer_id, SECRET).result is L


def test_case_less_tries_in_separate_calls_count_only_per_day(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    service: CallerVerificationService,
    clock: Clock,
) -> None:
    anna = _login(database, "anna")
    for _ in range(2):
        assert service.verify_phone_password(anna, customer_id, WRONG).result is N
        clock.advance(hours=1)
    assert service.verify_phone_password(anna, customer_id, WRONG).result is N
    assert service.verify_phone_password(anna, customer_id, SECRET).result is M


def test_lock_survives_a_restart(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    service: CallerVerificationService,
    clock: Clock,
) -> None:
    anna = _login(database, "anna")
    case_id = _case(database, customer_id, agents["anna"])
    for _ in range(3):
        service.verify_phone_password(anna, customer_id, WRONG, case_id)
    # a new process: new engine, new service, new login
    restarted = Database(database.url)
    try:
        again = CallerVerificationService(restarted, clock=clock)
        anna2 = _login(restarted, "anna")
        assert again.status(anna2, customer_id).locked
        assert again.verify_phone_password(anna2, customer_id, SECRET).result is L
        # the lock lasts 24 h, then P is open again outside that case
        clock.advance(hours=24, minutes=1)
        assert again.verify_phone_password(anna2, customer_id, SECRET).result is M
        # but the exhausted case stays exhausted
        assert again.verify_phone_password(anna2, customer_id, SECRET, case_id).result is L
    finally:
        restarted.dispose()


def test_a_new_phone_password_starts_afresh(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    service: CallerVerificationService,
    clock: Clock,
) -> None:
    anna = _login(database, "anna")
    for _ in range(3):
        service.verify_phone_password(anna, customer_id, WRONG)
    assert service.status(anna, customer_id).locked
    clock.advance(minutes=1)
    # what the four-eyes P reset (ID-4) does: new hash, lock cleared
    with database.transaction() as s:
        customer = s.get(Customer, customer_id)
        assert customer is not None
        customer.phone_password_hash = hash_phone_password("Neues-Passwort-1", CHEAP)
        customer.phone_password_set_at = clock.now
        customer.p_factor_locked_until = None
    clock.advance(minutes=1)
    assert service.verify_phone_password(anna, customer_id, "Neues-Passwort-1").result is M


# --- secrecy ---------------------------------------------------------------------------------


def test_the_spoken_password_appears_nowhere(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    service: CallerVerificationService,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    # every SQL statement with its parameters and result rows: nothing spoken goes to
    # the database either
    caplog.set_level(logging.DEBUG, logger="sqlalchemy.engine")
    anna = _login(database, "anna")
    case_id = _case(database, customer_id, agents["anna"])
    outcomes = [service.verify_phone_password(anna, customer_id, WRONG, case_id) for _ in range(3)]
    outcomes.append(service.verify_phone_password(anna, customer_id, SECRET, case_id))
    outcomes.append(service.verify_phone_password(anna, customer_id, SECRET))
    with pytest.raises(InvalidInput) as err:
        service.verify_phone_password(anna, customer_id, " \t ")
    detail = CustomerService(database).detail(anna, customer_id)
    logged = caplog.text + " ".join(r.getMessage() for r in caplog.records)
    assert "INSERT INTO factor_attempts" in logged  # the SQL log is really captured
    with database.session_factory() as s:
        canon = " ".join(s.scalars(select(AuditEntry.canonical)))
        stored = s.get(Customer, customer_id)
        assert stored is not None
        stored_hash = stored.phone_password_hash
        rows = [repr(x) for x in s.scalars(select(FactorAttempt))]
        rows += [repr(x) for x in s.scalars(select(CallerVerification))]
    shown = " ".join(
        [canon, *rows, *(repr(o) for o in outcomes), repr(detail), str(err.value), repr(err.value)]
    )
    for spoken in (SECRET, WRONG):
        assert spoken not in logged
        assert spoken not in shown
    # the stored hash never leaves the service either (the SQL log of a SELECT holds it,
    # which is why production logs sqlalchemy.engine at WARNING)
    assert stored_hash is not None
    assert stored_hash.rsplit("$", 1)[-1] not in shown
    assert "caller_verified" in canon


def test_counting_only_happens_in_the_database(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    clock: Clock,
) -> None:
    # two services (two workstations) share the count
    anna = _login(database, "anna")
    lea = _login(database, "lea")
    one = CallerVerificationService(database, clock=clock)
    two = CallerVerificationService(database, clock=clock)
    one.verify_phone_password(anna, customer_id, WRONG)
    two.verify_phone_password(lea, customer_id, WRONG)
    assert one.status(anna, customer_id).tries_left_in_case == 1
    with database.session_factory() as s:
        wrong = s.scalar(
            select(func.count())
            .select_from(FactorAttempt)
            .where(FactorAttempt.factor == Factor.PHONE_PASSWORD)
        )
    assert wrong == 2


def test_two_agents_racing_for_the_last_try(
    database: Database, agents: dict[str, int], customer_id: int
) -> None:
    """Count and insert happen under the customer's row lock: with one wrong try left
    before the 24-hour limit, two simultaneous wrong tries give one NO_MATCH (which
    locks) and one LOCKED, never two counted tries."""
    import threading
    import time

    clock = Clock()
    setup = CallerVerificationService(database, clock=clock)
    anna = _login(database, "anna")
    lea = _login(database, "lea")
    for _ in range(4):
        clock.advance(hours=1)
        case_id = _case(database, customer_id, agents["anna"])
        assert setup.verify_phone_password(anna, customer_id, WRONG, case_id).result is N
    now = clock.now

    def slow_clock() -> dt.datetime:
        time.sleep(0.2)  # widens the window between taking the time and counting
        return now

    racing = CallerVerificationService(database, clock=slow_clock)
    cases = [_case(database, customer_id, agents["anna"]) for _ in range(2)]
    barrier = threading.Barrier(2)
    results: list[VerificationResult] = []
    failures: list[BaseException] = []

    def attempt(who: AgentSession, case_id: int) -> None:
        try:
            barrier.wait()
            results.append(racing.verify_phone_password(who, customer_id, WRONG, case_id).result)
        except BaseException as exc:
            failures.append(exc)

    threads = [
        threading.Thread(target=attempt, args=(who, case_id))
        for who, case_id in zip((anna, lea), cases, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert failures == []
    assert sorted(results) == sorted([N, L])
    assert [success for _, success in _attempts(database)] == [False] * 5
    assert _locked_until(database, customer_id) == now + dt.timedelta(hours=24)


# --- who may verify (issue 7) ------------------------------------------------------------------


def test_a_lock_while_comparing_records_nothing(
    database: Database, agents: dict[str, int], customer_id: int
) -> None:
    """The desk locks (idle timer) while the Argon2id compare runs: the answer is not
    recorded or shown, the try does not count, and nothing is signed without keys."""
    anna = _login(database, "anna")

    def clock_that_locks() -> dt.datetime:
        anna.lock()  # what the idle timer does on the GUI thread meanwhile
        return T0

    service = CallerVerificationService(database, clock=clock_that_locks)
    with pytest.raises(PermissionDenied, match="locked"):
        service.verify_phone_password(anna, customer_id, WRONG)
    assert _attempts(database) == []
    with database.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(CallerVerification)) == 0


def test_a_disabled_agent_verifies_nobody(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    service: CallerVerificationService,
) -> None:
    anna = _login(database, "anna")
    with database.transaction() as s:
        agent = s.get(Agent, agents["anna"])
        assert agent is not None
        agent.active = False
    for call in (
        lambda: service.verify_phone_password(anna, customer_id, SECRET),
        lambda: service.status(anna, customer_id),
        lambda: service.last_verification(anna, customer_id),
    ):
        with pytest.raises(PermissionDenied, match="disabled"):
            call()
    assert _attempts(database) == []


# --- bad input (issue 8) -----------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402

from kcp_desk.domain.text_input import BROKEN_CHARACTER, CONTROL_CHARACTER  # noqa: E402
from tests.domain.strategies import typed_or_pasted  # noqa: E402


@pytest.mark.parametrize(
    ("spoken", "template"),
    [
        (f"{SECRET}\x00", CONTROL_CHARACTER),
        (f"\x1b{SECRET}", CONTROL_CHARACTER),
        ("Sonnen\tblume", CONTROL_CHARACTER),
        (f"{SECRET}\ud800", BROKEN_CHARACTER),
    ],
)
def test_control_characters_in_what_was_typed_count_no_try(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    service: CallerVerificationService,
    spoken: str,
    template: str,
) -> None:
    with pytest.raises(InvalidInput) as err:
        service.verify_phone_password(_login(database, "anna"), customer_id, spoken)
    assert (err.value.field, err.value.template) == ("phone_password", template)
    assert _attempts(database) == []


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(spoken=typed_or_pasted)
def test_any_spoken_text_is_compared_or_refused_without_a_try(
    database: Database,
    agents: dict[str, int],
    customer_id: int,
    service: CallerVerificationService,
    clock: Clock,
    spoken: str,
) -> None:
    before = len(_attempts(database))
    clock.advance(days=2)  # stay below the limits whatever came before
    try:
        outcome = service.verify_phone_password(_login(database, "anna"), customer_id, spoken)
    except InvalidInput as err:
        assert err.field == "phone_password"
        assert len(_attempts(database)) == before
        return
    assert outcome.result in (M, N)
    assert len(_attempts(database)) == before + 1
