"""Caller verification by phone password (SPEC C1.5, ID-1 factor P, ID-3 limits).

The agent types what the caller says; the answer is only MATCH / NO_MATCH / LOCKED /
NOT_SET. The stored hash never leaves this module and the spoken text is neither stored,
logged, audited nor put into an exception.

ID-3 limits, counted from ``factor_attempts`` rows (so they survive a restart and hold
across workstations):

* **3 wrong tries per case.** With ``case_id`` the case is that identity case (all its
  wrong P tries). Without one, "the case" is the current call: the wrong case-less tries
  on this customer during the last :data:`CALL_WINDOW` (30 minutes), whoever took them,
  so calling back and reaching another agent does not restart the count.
* **5 wrong tries per 24 hours** on the customer, with or without cases.

Reaching either limit locks the P factor (not the account) for :data:`LOCK_DURATION`
by setting ``customers.p_factor_locked_until``. While locked, even the right password
answers LOCKED and is not counted. Only tries after the password was last set count, so
a P reset (four-eyes, ID-4; it sets a new hash and clears the lock) starts afresh.

The Argon2id comparison (about 85 ms) runs between two short transactions. The second
one locks the customer row (``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite a no-op
UPDATE that takes the write lock first), re-counts and records the try, so two agents
racing on the last allowed try cannot both get an answer.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kcp_desk.db import Database
from kcp_desk.domain.identity_policy import (
    P_CASE_LIMIT,
    P_DAY_LIMIT,
    P_DAY_WINDOW,
    P_LOCK_DURATION,
)
from kcp_desk.domain.text_input import check_secret
from kcp_desk.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound
from kcp_desk.models.base import utcnow
from kcp_desk.models.customers import CallerVerification, Customer, VerificationMethod
from kcp_desk.models.identity import Factor, FactorAttempt, IdentityCase, IdentityCaseState
from kcp_desk.security.phone_password import is_phc_argon2id, verify_phone_password
from kcp_desk.services import audit
from kcp_desk.services.access import CUSTOMER_ROLES, acting_agent
from kcp_desk.services.customers import (
    VerificationRecord,
    customer_not_found,
    load_last_verification,
)
from kcp_desk.services.principal import AgentSession

__all__ = [
    "CALL_WINDOW",
    "CASE_LIMIT",
    "DAY_LIMIT",
    "LOCK_DURATION",
    "CallerVerificationService",
    "PFactorStatus",
    "VerificationOutcome",
    "VerificationRecord",
    "VerificationResult",
]

log = logging.getLogger(__name__)

#: The ID-3 limits are the policy's own objects (one place to change them).
CASE_LIMIT: Final = P_CASE_LIMIT
DAY_LIMIT: Final = P_DAY_LIMIT
DAY_WINDOW: Final = P_DAY_WINDOW
#: Without an identity case, wrong tries this close together belong to one call.
CALL_WINDOW: Final = dt.timedelta(minutes=30)
LOCK_DURATION: Final = P_LOCK_DURATION


class VerificationResult(enum.StrEnum):
    MATCH = "match"
    NO_MATCH = "no_match"
    #: P is locked (ID-3); nothing was compared or counted
    LOCKED = "locked"
    #: the customer has no phone password
    NOT_SET = "not_set"


@dataclass(frozen=True)
class PFactorStatus:
    """What the verification panel shows before anything is typed."""

    customer_id: int
    case_id: int | None
    password_set: bool
    locked_until: dt.datetime | None
    #: wrong tries left before P locks; 0 when locked, None when no password is set
    tries_left_in_case: int | None
    tries_left_24h: int | None

    @property
    def locked(self) -> bool:
        return self.locked_until is not None


@dataclass(frozen=True)
class VerificationOutcome:
    result: VerificationResult
    customer_id: int
    case_id: int | None
    at: dt.datetime
    #: set when P is (now) locked
    locked_until: dt.datetime | None
    tries_left_in_case: int | None
    tries_left_24h: int | None

    @property
    def matched(self) -> bool:
        return self.result is VerificationResult.MATCH


@dataclass(frozen=True)
class _Counts:
    in_case: int
    in_day: int


_EMPTY: Final = QT_TRANSLATE_NOOP("KcpError", "Type what the caller says.")
_CASE_NOT_FOUND: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This identity case does not belong to this customer."
)
_CASE_CLOSED: Final = QT_TRANSLATE_NOOP(
    "KcpError", "This identity case is no longer open; no more factors can be tried in it."
)


class CallerVerificationService:
    def __init__(self, db: Database, *, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self._db = db
        self._clock = clock

    # --- reading ------------------------------------------------------------------------

    def last_verification(
        self, session: AgentSession, customer_id: int
    ) -> VerificationRecord | None:
        """Whether, when and how the caller was last verified (C1.5), any method."""
        with self._db.read() as s:
            acting_agent(s, session, *CUSTOMER_ROLES)
            if s.get(Customer, customer_id) is None:
                raise customer_not_found()
            return load_last_verification(s, customer_id)

    def status(
        self, session: AgentSession, customer_id: int, case_id: int | None = None
    ) -> PFactorStatus:
        now = self._clock()
        with self._db.read() as s:
            acting_agent(s, session, *CUSTOMER_ROLES)
            customer = s.get(Customer, customer_id)
            if customer is None:
                raise customer_not_found()
            if case_id is not None:
                _open_case(s, case_id, customer_id)
            if not _usable_hash(customer):
                return PFactorStatus(customer_id, case_id, False, None, None, None)
            counts = _count_failures(s, customer, case_id, now)
            locked_until = _locked_until(customer, counts, now)
            return PFactorStatus(
                customer_id,
                case_id,
                True,
                locked_until,
                *_tries_left(counts, locked_until),
            )

    # --- verifying ----------------------------------------------------------------------

    def verify_phone_password(
        self,
        session: AgentSession,
        customer_id: int,
        spoken: str,
        case_id: int | None = None,
    ) -> VerificationOutcome:
        """Compare what the caller says with the stored phone password (C1.5, ID-3).

        Records the try (``factor_attempts`` and ``caller_verifications``) and audits
        ``caller_verified`` with the result only. An empty input, or one with a control,
        format or broken character (:func:`~kcp_desk.domain.text_input.check_secret`:
        nobody says those on the phone, they come with a paste), raises ``InvalidInput``
        (field ``phone_password``) and counts nothing.
        """
        check_secret(spoken, field="phone_password")
        if not spoken.strip():
            raise InvalidInput(_EMPTY, field="phone_password")
        agent_id = session.principal.agent_id

        # 1. Short read: is there anything to compare, and is P open?
        with self._db.read() as s:
            acting_agent(s, session, *CUSTOMER_ROLES)
            now = self._clock()
            customer = s.get(Customer, customer_id)
            if customer is None:
                raise customer_not_found()
            if case_id is not None:
                _open_case(s, case_id, customer_id)
            if not _usable_hash(customer):
                return self._finish(s, session, customer_id, case_id, now, None)
            counts = _count_failures(s, customer, case_id, now)
            if _locked_until(customer, counts, now) is not None:
                return self._finish(s, session, customer_id, case_id, now, counts)
            phc = customer.phone_password_hash
            assert phc is not None

        # 2. The slow part, outside any transaction.
        matched = verify_phone_password(spoken, phc)

        # 3. Lock the customer, re-check (the agent too: a lock or a demotion may have
        # come while we compared) and record.
        with self._db.transaction() as s:
            customer = _lock_customer(s, customer_id)
            acting_agent(s, session, *CUSTOMER_ROLES, lock=True)
            now = self._clock()
            if case_id is not None:
                _open_case(s, case_id, customer_id)
            if not _usable_hash(customer):
                return self._finish(s, session, customer_id, case_id, now, None)
            if customer.phone_password_hash != phc:
                # P was reset while we compared: compare against the new one (rare).
                phc = customer.phone_password_hash
                assert phc is not None
                matched = verify_phone_password(spoken, phc)
            counts = _count_failures(s, customer, case_id, now)
            if _locked_until(customer, counts, now) is not None:
                return self._finish(s, session, customer_id, case_id, now, counts)
            s.add(
                FactorAttempt(
                    case_id=case_id,
                    customer_id=customer_id,
                    factor=Factor.PHONE_PASSWORD,
                    at=now,
                    success=matched,
                    agent_id=agent_id,
                )
            )
            s.add(
                CallerVerification(
                    customer_id=customer_id,
                    agent_id=agent_id,
                    at=now,
                    method=VerificationMethod.PHONE_PASSWORD,
                    result=matched,
                    case_id=case_id,
                )
            )
            if not matched:
                counts = _Counts(counts.in_case + 1, counts.in_day + 1)
                if case_id is not None:
                    # Kept in step with the rows for the identity views; no version bump,
                    # so an agent editing the case is not told someone else changed it.
                    s.execute(
                        update(IdentityCase)
                        .where(IdentityCase.id == case_id)
                        .values(p_failures=counts.in_case)
                        .execution_options(synchronize_session=False)
                    )
                if counts.in_case >= CASE_LIMIT or counts.in_day >= DAY_LIMIT:
                    # Not through the ORM: the P lock is no contact-data edit and must not
                    # make an open contact form stale.
                    s.execute(
                        update(Customer)
                        .where(Customer.id == customer_id)
                        .values(p_factor_locked_until=now + LOCK_DURATION)
                        .execution_options(synchronize_session=False)
                    )
            result = VerificationResult.MATCH if matched else VerificationResult.NO_MATCH
            return self._finish(s, session, customer_id, case_id, now, counts, result)

    def _finish(
        self,
        s: Session,
        session: AgentSession,
        customer_id: int,
        case_id: int | None,
        now: dt.datetime,
        counts: _Counts | None,
        result: VerificationResult | None = None,
    ) -> VerificationOutcome:
        """Audit the answer (A-2: result only) and build the outcome."""
        locked_until: dt.datetime | None = None
        tries: tuple[int | None, int | None] = (None, None)
        if counts is None:
            result = VerificationResult.NOT_SET
        else:
            customer = s.get(Customer, customer_id, populate_existing=True)
            assert customer is not None
            locked_until = _locked_until(customer, counts, now)
            tries = _tries_left(counts, locked_until)
            if result is None:
                result = VerificationResult.LOCKED
        audit.append(
            s,
            "caller_verified",
            {
                "customer_id": customer_id,
                "case_id": case_id,
                "method": VerificationMethod.PHONE_PASSWORD.value,
                "result": result.value,
            },
            agent_id=session.principal.agent_id,
            keys=session.keys,
        )
        return VerificationOutcome(result, customer_id, case_id, now, locked_until, *tries)


# --- helpers ---------------------------------------------------------------------------


def _usable_hash(customer: Customer) -> bool:
    phc = customer.phone_password_hash
    if phc is None:
        return False
    if not is_phc_argon2id(phc):
        # A data fault, not a wrong password: never count it against the caller.
        log.warning("customer %s: stored phone password hash is unusable", customer.id)
        return False
    return True


def _open_case(s: Session, case_id: int, customer_id: int) -> IdentityCase:
    case = s.get(IdentityCase, case_id)
    if case is None or case.customer_id != customer_id:
        raise NotFound(_CASE_NOT_FOUND, field="case")
    if case.state != IdentityCaseState.OPEN:
        raise InvalidInput(_CASE_CLOSED, field="case")
    return case


def _lock_customer(s: Session, customer_id: int) -> Customer:
    if s.get_bind().dialect.name == "sqlite":
        # The first statement writes, so this transaction holds SQLite's write lock
        # before it counts (the version is left as it is).
        s.execute(
            update(Customer)
            .where(Customer.id == customer_id)
            .values(version=Customer.version)
            .execution_options(synchronize_session=False)
        )
    customer = s.scalar(
        select(Customer)
        .where(Customer.id == customer_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if customer is None:
        raise customer_not_found()
    return customer


def _count_failures(
    s: Session, customer: Customer, case_id: int | None, now: dt.datetime
) -> _Counts:
    wrong = (
        select(func.count())
        .select_from(FactorAttempt)
        .where(
            FactorAttempt.customer_id == customer.id,
            FactorAttempt.factor == Factor.PHONE_PASSWORD,
            FactorAttempt.success.is_(False),
        )
    )
    if customer.phone_password_set_at is not None:
        # tries against an earlier password do not count (a P reset starts afresh)
        wrong = wrong.where(FactorAttempt.at > customer.phone_password_set_at)
    in_day = s.scalar(wrong.where(FactorAttempt.at > now - DAY_WINDOW)) or 0
    if case_id is not None:
        in_case = s.scalar(wrong.where(FactorAttempt.case_id == case_id)) or 0
    else:
        in_case = (
            s.scalar(
                wrong.where(
                    FactorAttempt.case_id.is_(None),
                    FactorAttempt.at > now - CALL_WINDOW,
                )
            )
            or 0
        )
    return _Counts(in_case, in_day)


def _locked_until(customer: Customer, counts: _Counts, now: dt.datetime) -> dt.datetime | None:
    stored = customer.p_factor_locked_until
    if stored is not None and stored > now:
        return stored
    if counts.in_case >= CASE_LIMIT or counts.in_day >= DAY_LIMIT:
        # The limits are reached although no lock is stored (or it ran out while the
        # case still has its 3 wrong tries): locked, for as long as the counts say.
        return stored if stored is not None and stored > now else now + LOCK_DURATION
    return None


def _tries_left(counts: _Counts, locked_until: dt.datetime | None) -> tuple[int, int]:
    if locked_until is not None:
        return 0, 0
    return (
        max(0, CASE_LIMIT - counts.in_case),
        max(0, DAY_LIMIT - counts.in_day),
    )
