"""What the caller-check dialog shows before anything is typed and right after the try
that locks (issue 9): ``CallerVerificationService.status`` and the locking outcome."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from kcp_desk.db import Database
from kcp_desk.models.audit import AuditEntry
from kcp_desk.models.customers import Customer, CustomerKind
from kcp_desk.models.identity import FactorAttempt
from kcp_desk.security.phone_password import PhonePasswordParams, hash_phone_password
from kcp_desk.services.auth import AuthService
from kcp_desk.services.caller_verification import (
    CASE_LIMIT,
    DAY_LIMIT,
    LOCK_DURATION,
    CallerVerificationService,
    VerificationResult,
)
from kcp_desk.services.principal import AgentSession
from tests.conftest import PASSPHRASES

SECRET = "Sonnenblume-Zebra-42"
WRONG = "Gänseblümchen-7"
CHEAP = PhonePasswordParams(memory_kib=64, iterations=1, lanes=1)
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(database: Database, clock: Clock) -> CallerVerificationService:
    return CallerVerificationService(database, clock=clock)


@pytest.fixture
def anna(database: Database, agents: dict[str, int]) -> AgentSession:
    return AuthService(database).login("anna", PASSPHRASES["anna"]).session


def _customer(db: Database, number: int, *, password: str | None = SECRET) -> int:
    with db.transaction() as s:
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


def _counts(db: Database) -> tuple[int, int]:
    with db.session_factory() as s:
        return (
            s.scalar(select(func.count()).select_from(FactorAttempt)) or 0,
            s.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        )


def test_before_any_try_all_tries_are_left(
    database: Database, service: CallerVerificationService, anna: AgentSession
) -> None:
    cid = _customer(database, 1234567)
    before = _counts(database)
    status = service.status(anna, cid)
    assert status.password_set and not status.locked
    assert (status.tries_left_in_case, status.tries_left_24h) == (CASE_LIMIT, DAY_LIMIT)
    assert _counts(database) == before  # reading the state counts and audits nothing


def test_without_a_phone_password_the_status_says_not_set(
    database: Database, service: CallerVerificationService, anna: AgentSession
) -> None:
    cid = _customer(database, 1234567, password=None)
    status = service.status(anna, cid)
    assert not status.password_set
    assert status.locked_until is None
    assert (status.tries_left_in_case, status.tries_left_24h) == (None, None)


def test_the_try_that_reaches_the_limit_carries_the_lock(
    database: Database, service: CallerVerificationService, anna: AgentSession
) -> None:
    """The dialog says "locked until …" after the third wrong try, not on the fourth."""
    cid = _customer(database, 1234567)
    outcomes = [service.verify_phone_password(anna, cid, WRONG) for _ in range(CASE_LIMIT)]
    assert [o.tries_left_in_case for o in outcomes[:-1]] == [2, 1]
    last = outcomes[-1]
    assert last.result is VerificationResult.NO_MATCH  # it was compared and counted
    assert last.locked_until == T0 + LOCK_DURATION
    assert (last.tries_left_in_case, last.tries_left_24h) == (0, 0)
    status = service.status(anna, cid)
    assert status.locked and status.locked_until == last.locked_until
    assert (status.tries_left_in_case, status.tries_left_24h) == (0, 0)


def test_the_status_opens_again_when_the_lock_ran_out(
    database: Database, service: CallerVerificationService, anna: AgentSession, clock: Clock
) -> None:
    cid = _customer(database, 1234567)
    for _ in range(CASE_LIMIT):
        service.verify_phone_password(anna, cid, WRONG)
    clock.now = T0 + LOCK_DURATION + dt.timedelta(minutes=1)
    status = service.status(anna, cid)
    assert not status.locked
    assert (status.tries_left_in_case, status.tries_left_24h) == (CASE_LIMIT, DAY_LIMIT)
