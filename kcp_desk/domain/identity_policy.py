"""The identity policy of SPEC C2 (ID-1 … ID-3) as pure rules: what a case allows now.

Knowledge data (customer number, name, address, last invoice amount, last IBAN digits,
date of birth) only *finds* the record; it never proves identity (NIST SP 800-63A-4).
There is no knowledge factor: :class:`KnowledgeCheck` inputs become *doubts* when they do
not match, and a match changes nothing.

Pure Python over frozen dataclasses: no database, no clock (``now`` is a parameter), no
Qt, no translated text. Everything a view shows comes out as a *key* with parameters
(:class:`Note`); the view owns the sentences.

The service reads the rows of one case into :class:`CaseFacts`, calls :func:`evaluate`
(or one of the ``may_…`` decisions before it acts) and stores what happened; counters
live in the database, so a restart changes no answer.

Factors (ID-1)
    ===== ========================== ================================================
    P     phone password             3 wrong per case or 5 wrong per 24 h (across cases
                                     and calls) lock P, not the account
    E     link to the CURRENT e-mail  only if the customer still has the mailbox; valid
                                     24 h; re-send after 10 min, at most 3 per case
    L     letter code by post        only if the postal address was unchanged for at
                                     least 30 days when the case opened (and since);
                                     valid 21 days in Germany, 30 abroad; a new letter
                                     voids the old one; not re-sent before 3 days; void
                                     after 5 wrong entries
    M     SMS code                   only to a mobile registered at least 30 days before
                                     the case; valid 10 min; a new SMS voids the old
                                     one; re-send after 60 s, at most 3 per case and 3
                                     per customer in 24 h; void after 5 wrong entries
    D     identity document          of the contract holder, viewed; companies need the
                                     managing director's ID *and* a commercial register
                                     extract; a rejected document ends D for the case
    ===== ========================== ================================================

Combinations (ID-2)
    ============================== ==============================================
    passed (and still counting)    the case allows
    ============================== ==============================================
    P + E, P + L, P + M, L + D     a new e-mail (any superset of these, too)
    P alone (or P + D)             information only
    anything else                  nothing yet
    no combination reachable       only a letter code to the registered address
    ============================== ==============================================

"Still counting": a passed factor counts for :data:`PASSED_VALIDITY` (35 days) after it
passed (long enough for a P match at the start, a letter abroad valid 30 days and a lead
to approve; short enough that an old match is never combined with a new factor), and
only while the factor is still possible (a postal address changed during the case takes
a passed L with it; a new mobile number a passed M). Evidence from before the case opened
never counts. A code counts as passed only when it was used within its validity and
before it was voided.

Boundaries
    A code or link is valid up to and including ``valid_until`` (and never longer than
    the rule above says, whatever the row claims); one second later it has expired. A
    wrong P try stops counting towards the 24-hour limit exactly 24 h after it was made.
    "At least 30 days" is inclusive: an address unchanged since exactly 30 days before
    the case opened allows L.

What the service passes in
    ``p_failures`` are ALL wrong P tries on this customer (this case, other cases, calls
    without a case) since the phone password was last set; the policy picks the last 24 h.
    ``p_locked_until`` is the stored lock of the customer row (``caller_verification``
    sets it for 24 h when a limit is reached). The same limits are
    :data:`P_CASE_LIMIT`, :data:`P_DAY_LIMIT`, :data:`P_DAY_WINDOW` there.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

__all__ = [
    "CODE_FAILURE_LIMIT",
    "COMBINATIONS",
    "LETTER_RESEND_AFTER",
    "LINK_RESEND_AFTER",
    "LINK_SEND_LIMIT",
    "LINK_VALIDITY",
    "MIN_ADDRESS_AGE",
    "MIN_MOBILE_AGE",
    "PASSED_VALIDITY",
    "P_CASE_LIMIT",
    "P_DAY_LIMIT",
    "P_DAY_WINDOW",
    "P_LOCK_DURATION",
    "SMS_DAY_LIMIT",
    "SMS_DAY_WINDOW",
    "SMS_RESEND_AFTER",
    "SMS_SEND_LIMIT",
    "SMS_VALIDITY",
    "Attempt",
    "CaseFacts",
    "CodeSent",
    "Combination",
    "Decision",
    "DocumentType",
    "FactorState",
    "FactorStatus",
    "IdFactor",
    "KnowledgeCheck",
    "KnowledgeItem",
    "LinkSent",
    "Note",
    "PolicyState",
    "evaluate",
    "letter_validity",
    "link_valid_until",
    "may_record_document",
    "may_send_letter",
    "may_send_link",
    "may_send_sms",
    "may_try_phone_password",
    "sms_valid_until",
]


class IdFactor(enum.StrEnum):
    """ID-1 factors; the values are the letters the spec uses (and ``models.Factor``)."""

    P = "P"
    E = "E"
    L = "L"
    M = "M"
    D = "D"


class FactorStatus(enum.StrEnum):
    #: passed and still counting (``FactorState.at`` passed, ``until`` counts until)
    PASSED = "passed"
    #: a code or link is out and still valid (``at`` sent, ``until`` valid until)
    PENDING = "pending"
    #: the last try failed; ``until`` is the earliest new try, None: not in this case
    FAILED = "failed"
    #: P only (ID-3): locked until ``until``; None: for the rest of this case
    LOCKED = "locked"
    #: the factor cannot be used in this case (``reason``)
    NOT_POSSIBLE = "not_possible"
    #: nothing tried yet (or a failed try that may be repeated now)
    AVAILABLE = "available"


class DocumentType(enum.StrEnum):
    ID_CARD = "id_card"
    PASSPORT = "passport"
    RESIDENCE_PERMIT = "residence_permit"
    #: companies: the commercial register extract, together with the director's ID
    REGISTER_EXTRACT = "register_extract"


_PERSONAL_DOCUMENTS: Final = frozenset(
    {DocumentType.ID_CARD, DocumentType.PASSPORT, DocumentType.RESIDENCE_PERMIT}
)


class KnowledgeItem(enum.StrEnum):
    CUSTOMER_NUMBER = "customer_number"
    NAME = "name"
    ADDRESS = "address"
    LAST_INVOICE_AMOUNT = "last_invoice_amount"
    IBAN_LAST_DIGITS = "iban_last_digits"
    DATE_OF_BIRTH = "date_of_birth"


# --- the numbers --------------------------------------------------------------------------

P_CASE_LIMIT: Final = 3
P_DAY_LIMIT: Final = 5
P_DAY_WINDOW: Final = dt.timedelta(hours=24)
P_LOCK_DURATION: Final = dt.timedelta(hours=24)
#: wrong entries that void a letter or SMS code
CODE_FAILURE_LIMIT: Final = 5
LETTER_VALIDITY_HOME: Final = dt.timedelta(days=21)
LETTER_VALIDITY_ABROAD: Final = dt.timedelta(days=30)
HOME_COUNTRY: Final = "DE"
LETTER_RESEND_AFTER: Final = dt.timedelta(days=3)
SMS_VALIDITY: Final = dt.timedelta(minutes=10)
#: an SMS may take a minute to arrive; re-sending sooner only confuses the caller
SMS_RESEND_AFTER: Final = dt.timedelta(seconds=60)
#: three SMS per case: enough for a lost message, too few to guess or to pester
SMS_SEND_LIMIT: Final = 3
#: and three per customer in any 24 hours, whatever the cases: at most 15 wrong
#: entries a day against a million codes
SMS_DAY_LIMIT: Final = 3
SMS_DAY_WINDOW: Final = dt.timedelta(hours=24)
LINK_VALIDITY: Final = dt.timedelta(hours=24)
LINK_RESEND_AFTER: Final = dt.timedelta(minutes=10)
LINK_SEND_LIMIT: Final = 3
MIN_ADDRESS_AGE: Final = dt.timedelta(days=30)
MIN_MOBILE_AGE: Final = dt.timedelta(days=30)
PASSED_VALIDITY: Final = dt.timedelta(days=35)

#: ID-2: the pairs of independent factors that allow a new e-mail, in the order shown
COMBINATIONS: Final[tuple[tuple[IdFactor, IdFactor], ...]] = (
    (IdFactor.P, IdFactor.E),
    (IdFactor.P, IdFactor.L),
    (IdFactor.P, IdFactor.M),
    (IdFactor.L, IdFactor.D),
)


# --- inputs -------------------------------------------------------------------------------


def _aware(value: dt.datetime | None, name: str) -> None:
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(f"{name} must be a timezone-aware datetime")


@dataclass(frozen=True)
class Attempt:
    """One P or D try in this case (pass/fail only, never the value). For D,
    ``document`` is the type presented. L, M and E are read from the code/link rows."""

    factor: IdFactor
    at: dt.datetime
    success: bool
    document: DocumentType | None = None

    def __post_init__(self) -> None:
        _aware(self.at, "Attempt.at")
        if self.factor not in (IdFactor.P, IdFactor.D):
            raise ValueError("attempts are P or D tries; codes and links have their rows")
        if self.document is not None and self.factor is not IdFactor.D:
            raise ValueError("only a D attempt names a document")


@dataclass(frozen=True)
class CodeSent:
    """A letter or SMS code of this case (the row, without its hash)."""

    sent_at: dt.datetime
    valid_until: dt.datetime
    used_at: dt.datetime | None = None
    voided_at: dt.datetime | None = None
    failures: int = 0

    def __post_init__(self) -> None:
        for name in ("sent_at", "valid_until", "used_at", "voided_at"):
            _aware(getattr(self, name), f"CodeSent.{name}")
        if self.failures < 0:
            raise ValueError("failures cannot be negative")


@dataclass(frozen=True)
class LinkSent:
    """A confirmation link to the current e-mail address (factor E)."""

    sent_at: dt.datetime
    valid_until: dt.datetime
    confirmed_at: dt.datetime | None = None

    def __post_init__(self) -> None:
        for name in ("sent_at", "valid_until", "confirmed_at"):
            _aware(getattr(self, name), f"LinkSent.{name}")


@dataclass(frozen=True)
class KnowledgeCheck:
    """What the caller said matched the record or not. Never proof; a mismatch is a
    doubt."""

    item: KnowledgeItem
    matched: bool


@dataclass(frozen=True)
class CaseFacts:
    """Everything the policy looks at for one case (see the module docstring)."""

    created_at: dt.datetime
    #: ISO 3166-1 alpha-2 of the registered postal address ("DE": letters valid 21 days)
    country: str
    #: since when the registered postal address is unchanged (customer creation if never)
    address_unchanged_since: dt.datetime
    #: when the current mobile number was registered; None: no mobile number
    mobile_registered_at: dt.datetime | None
    has_phone_password: bool
    #: the customer still has the mailbox of the registered address (E possible)
    has_mailbox: bool
    is_company: bool = False
    attempts: tuple[Attempt, ...] = ()
    letter_codes: tuple[CodeSent, ...] = ()
    sms_codes: tuple[CodeSent, ...] = ()
    email_links: tuple[LinkSent, ...] = ()
    #: times of all wrong P tries on this customer since the password was set
    p_failures: tuple[dt.datetime, ...] = ()
    #: the P lock stored on the customer row
    p_locked_until: dt.datetime | None = None
    #: when SMS codes went to this customer in any case (the per-customer daily limit)
    customer_sms_sent: tuple[dt.datetime, ...] = ()
    knowledge: tuple[KnowledgeCheck, ...] = ()

    def __post_init__(self) -> None:
        _aware(self.created_at, "CaseFacts.created_at")
        _aware(self.address_unchanged_since, "CaseFacts.address_unchanged_since")
        _aware(self.mobile_registered_at, "CaseFacts.mobile_registered_at")
        _aware(self.p_locked_until, "CaseFacts.p_locked_until")
        for at in (*self.p_failures, *self.customer_sms_sent):
            _aware(at, "CaseFacts")
        if len(self.country) != 2 or not self.country.isascii() or not self.country.isalpha():
            raise ValueError("country is an ISO 3166-1 alpha-2 code")

    @property
    def abroad(self) -> bool:
        return self.country.upper() != HOME_COUNTRY


# --- outputs ------------------------------------------------------------------------------


def _frozen(params: Mapping[str, object]) -> Mapping[str, object]:
    return MappingProxyType(dict(params))


@dataclass(frozen=True)
class Note:
    """A plain-language item as a key with parameters; the view has the sentence.

    Parameters are ``str`` (factor letters, combinations like ``"P+L"``), ``int``,
    timezone-aware ``datetime`` (UTC; the view shows local dates) or tuples of those.
    """

    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", _frozen(self.params))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Note):
            return NotImplemented
        return self.key == other.key and dict(self.params) == dict(other.params)

    def __hash__(self) -> int:
        return hash(self.key)


@dataclass(frozen=True)
class FactorState:
    factor: IdFactor
    status: FactorStatus
    #: PASSED: when it passed; PENDING: when the code/link went out
    at: dt.datetime | None = None
    #: PASSED: counts until; PENDING: valid until; FAILED: earliest new try; LOCKED: end
    until: dt.datetime | None = None
    #: NOT_POSSIBLE / FAILED / LOCKED: why (a key)
    reason: str | None = None
    #: P: wrong tries left before the lock; PENDING codes: wrong entries left
    tries_left: int | None = None

    @property
    def reachable(self) -> bool:
        """Could still pass in this case (now or later)."""
        if self.status in (FactorStatus.PASSED, FactorStatus.PENDING, FactorStatus.AVAILABLE):
            return True
        if self.status in (FactorStatus.FAILED, FactorStatus.LOCKED):
            return self.until is not None
        return False


@dataclass(frozen=True)
class Combination:
    factors: tuple[IdFactor, IdFactor]
    complete: bool
    #: every factor still reachable in this case
    possible: bool
    missing: tuple[IdFactor, ...]

    @property
    def label(self) -> str:
        return "+".join(self.factors)


@dataclass(frozen=True)
class PolicyState:
    factors: tuple[FactorState, ...]
    allows_new_email: bool
    #: P passed, and no combination complete: information may be given, nothing changed
    allows_information_only: bool
    #: no combination is reachable: the only outcome offered is a letter code
    only_letter_code: bool
    combinations: tuple[Combination, ...]
    next_steps: tuple[Note, ...]
    doubts: tuple[Note, ...]
    #: while allows_new_email: the moment the complete combination stops counting
    new_email_allowed_until: dt.datetime | None = None

    def factor(self, factor: IdFactor) -> FactorState:
        for state in self.factors:
            if state.factor is factor:
                return state
        raise KeyError(factor)

    @property
    def passed(self) -> frozenset[IdFactor]:
        return frozenset(s.factor for s in self.factors if s.status is FactorStatus.PASSED)

    @property
    def possible_combinations(self) -> tuple[Combination, ...]:
        return tuple(c for c in self.combinations if c.possible)

    @property
    def allows_information(self) -> bool:
        return self.allows_new_email or self.allows_information_only


@dataclass(frozen=True)
class Decision:
    """May the service do this now? ``reason_key`` says why not (or, when ``ok``, what
    else happens, e.g. ``voids_previous_letter``; None: nothing to say)."""

    ok: bool
    reason_key: str | None = None
    params: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", _frozen(self.params))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Decision):
            return NotImplemented
        return (self.ok, self.reason_key, dict(self.params)) == (
            other.ok,
            other.reason_key,
            dict(other.params),
        )

    def __hash__(self) -> int:
        return hash((self.ok, self.reason_key))

    def __bool__(self) -> bool:
        return self.ok


# --- validities the service uses when it sends --------------------------------------------


def letter_validity(country: str) -> dt.timedelta:
    """21 days for a German address, 30 days abroad."""
    return LETTER_VALIDITY_HOME if country.upper() == HOME_COUNTRY else LETTER_VALIDITY_ABROAD


def sms_valid_until(sent_at: dt.datetime) -> dt.datetime:
    return sent_at + SMS_VALIDITY


def link_valid_until(sent_at: dt.datetime) -> dt.datetime:
    return sent_at + LINK_VALIDITY


# --- per-factor rules ---------------------------------------------------------------------


def _check_now(now: dt.datetime) -> None:
    _aware(now, "now")


def _not_possible_reason(facts: CaseFacts, factor: IdFactor) -> tuple[str, dict[str, object]]:
    """The reason a factor cannot be used in this case at all, or ("", {})."""
    if factor is IdFactor.P and not facts.has_phone_password:
        return "no_phone_password", {}
    if factor is IdFactor.E and not facts.has_mailbox:
        return "no_mailbox", {}
    if factor is IdFactor.L:
        since = facts.address_unchanged_since
        if since > facts.created_at:
            return "address_changed_during_case", {"changed_at": since}
        if facts.created_at - since < MIN_ADDRESS_AGE:
            return "address_changed_recently", {
                "changed_at": since,
                "letter_possible_from": since + MIN_ADDRESS_AGE,
            }
    if factor is IdFactor.M:
        registered = facts.mobile_registered_at
        if registered is None:
            return "no_mobile", {}
        if registered > facts.created_at:
            return "mobile_changed_during_case", {"registered_at": registered}
        if facts.created_at - registered < MIN_MOBILE_AGE:
            return "mobile_registered_recently", {
                "registered_at": registered,
                "sms_possible_from": registered + MIN_MOBILE_AGE,
            }
    return "", {}


def _counts_until(passed_at: dt.datetime) -> dt.datetime:
    return passed_at + PASSED_VALIDITY


def _in_case(facts: CaseFacts, at: dt.datetime) -> bool:
    return at >= facts.created_at


def _code_until(code: CodeSent, longest: dt.timedelta) -> dt.datetime:
    """The validity of a code: the row's, but never longer than the rule."""
    return min(code.valid_until, code.sent_at + longest)


def _code_passed_at(code: CodeSent, longest: dt.timedelta) -> dt.datetime | None:
    used = code.used_at
    if used is None or used > _code_until(code, longest) or used < code.sent_at:
        return None
    if code.failures >= CODE_FAILURE_LIMIT:  # the fifth wrong entry voided it
        return None
    if code.voided_at is not None and code.voided_at <= used:
        return None
    return used


def _latest(codes: Iterable[CodeSent]) -> CodeSent | None:
    return max(codes, key=lambda c: c.sent_at, default=None)


def _p_lock(facts: CaseFacts, now: dt.datetime) -> tuple[bool, dt.datetime | None, int]:
    """(locked, until, tries left). ``until`` None while locked: for the rest of the case."""
    in_case = sum(
        1
        for a in facts.attempts
        if a.factor is IdFactor.P and not a.success and _in_case(facts, a.at)
    )
    window = sorted(at for at in facts.p_failures if at > now - P_DAY_WINDOW)
    stored = facts.p_locked_until if facts.p_locked_until and facts.p_locked_until > now else None
    if in_case >= P_CASE_LIMIT:
        return True, None, 0
    day_until: dt.datetime | None = None
    if len(window) >= P_DAY_LIMIT:
        # the count drops below the limit when the (n-4)-th newest leaves the window
        day_until = window[len(window) - P_DAY_LIMIT] + P_DAY_WINDOW
    ends = [t for t in (stored, day_until) if t is not None]
    if ends:
        return True, max(ends), 0
    return False, None, min(P_CASE_LIMIT - in_case, P_DAY_LIMIT - len(window))


def _state_p(facts: CaseFacts, now: dt.datetime) -> FactorState:
    f = IdFactor.P
    reason, _ = _not_possible_reason(facts, f)
    if reason:
        return FactorState(f, FactorStatus.NOT_POSSIBLE, reason=reason)
    passes = [
        a.at
        for a in facts.attempts
        if a.factor is f and a.success and _in_case(facts, a.at) and now < _counts_until(a.at)
    ]
    if passes:
        at = max(passes)
        return FactorState(f, FactorStatus.PASSED, at=at, until=_counts_until(at))
    locked, until, left = _p_lock(facts, now)
    if locked:
        return FactorState(
            f,
            FactorStatus.LOCKED,
            until=until,
            reason="p_locked_for_case" if until is None else "p_locked",
            tries_left=0,
        )
    return FactorState(f, FactorStatus.AVAILABLE, tries_left=left)


def _state_code(
    facts: CaseFacts,
    now: dt.datetime,
    factor: IdFactor,
    codes: tuple[CodeSent, ...],
    longest: dt.timedelta,
    resend_after: dt.timedelta,
    send_limit: int | None,
) -> FactorState:
    reason, _ = _not_possible_reason(facts, factor)
    if reason:
        return FactorState(factor, FactorStatus.NOT_POSSIBLE, reason=reason)
    mine = tuple(c for c in codes if _in_case(facts, c.sent_at))
    passes = [
        at
        for c in mine
        if (at := _code_passed_at(c, longest)) is not None and now < _counts_until(at)
    ]
    if passes:
        at = max(passes)
        return FactorState(factor, FactorStatus.PASSED, at=at, until=_counts_until(at))
    last = _latest(mine)
    if last is None:
        return FactorState(factor, FactorStatus.AVAILABLE)
    until = _code_until(last, longest)
    if last.failures >= CODE_FAILURE_LIMIT:
        why = "void_after_failures"
    elif last.voided_at is not None and last.voided_at <= now:
        why = "voided"
    elif last.used_at is not None:
        why = "used_outside_validity"
    elif now > until:
        why = "expired"
    else:
        return FactorState(
            factor,
            FactorStatus.PENDING,
            at=last.sent_at,
            until=until,
            tries_left=CODE_FAILURE_LIMIT - last.failures,
        )
    if send_limit is not None and len(mine) >= send_limit:
        return FactorState(factor, FactorStatus.FAILED, reason="send_limit_reached")
    again = last.sent_at + resend_after
    if again <= now:
        return FactorState(factor, FactorStatus.AVAILABLE, reason=why)
    return FactorState(factor, FactorStatus.FAILED, until=again, reason=why)


def _state_e(facts: CaseFacts, now: dt.datetime) -> FactorState:
    f = IdFactor.E
    reason, _ = _not_possible_reason(facts, f)
    if reason:
        return FactorState(f, FactorStatus.NOT_POSSIBLE, reason=reason)
    mine = tuple(link for link in facts.email_links if _in_case(facts, link.sent_at))

    def until_of(link: LinkSent) -> dt.datetime:
        return min(link.valid_until, link_valid_until(link.sent_at))

    passes = [
        link.confirmed_at
        for link in mine
        if link.confirmed_at is not None
        and link.sent_at <= link.confirmed_at <= until_of(link)
        and now < _counts_until(link.confirmed_at)
    ]
    if passes:
        at = max(passes)
        return FactorState(f, FactorStatus.PASSED, at=at, until=_counts_until(at))
    if not mine:
        return FactorState(f, FactorStatus.AVAILABLE)
    pending = [link for link in mine if link.confirmed_at is None and now <= until_of(link)]
    if pending:
        last = max(pending, key=lambda link: link.sent_at)
        return FactorState(f, FactorStatus.PENDING, at=last.sent_at, until=until_of(last))
    if len(mine) >= LINK_SEND_LIMIT:
        return FactorState(f, FactorStatus.FAILED, reason="send_limit_reached")
    last = max(mine, key=lambda link: link.sent_at)
    again = last.sent_at + LINK_RESEND_AFTER
    if again <= now:
        return FactorState(f, FactorStatus.AVAILABLE, reason="expired")
    return FactorState(f, FactorStatus.FAILED, until=again, reason="expired")


def _d_passed(facts: CaseFacts) -> dt.datetime | None:
    """When D was complete: a personal document; a company also a register extract."""
    shown = [a for a in facts.attempts if a.factor is IdFactor.D and a.success]
    shown = [a for a in shown if _in_case(facts, a.at) and a.document is not None]
    personal = [a.at for a in shown if a.document in _PERSONAL_DOCUMENTS]
    if not personal:
        return None
    if not facts.is_company:
        return min(personal)
    extracts = [a.at for a in shown if a.document is DocumentType.REGISTER_EXTRACT]
    if not extracts:
        return None
    return max(min(personal), min(extracts))


def _state_d(facts: CaseFacts, now: dt.datetime) -> FactorState:
    f = IdFactor.D
    rejected = any(
        a.factor is f and not a.success and _in_case(facts, a.at) for a in facts.attempts
    )
    if rejected:
        return FactorState(f, FactorStatus.FAILED, reason="document_rejected")
    at = _d_passed(facts)
    if at is not None and now < _counts_until(at):
        return FactorState(f, FactorStatus.PASSED, at=at, until=_counts_until(at))
    if facts.is_company and any(
        a.factor is f and a.success and _in_case(facts, a.at) for a in facts.attempts
    ):
        return FactorState(f, FactorStatus.AVAILABLE, reason="company_needs_both_documents")
    return FactorState(f, FactorStatus.AVAILABLE)


def _factor_states(facts: CaseFacts, now: dt.datetime) -> tuple[FactorState, ...]:
    return (
        _state_p(facts, now),
        _state_e(facts, now),
        _state_code(
            facts,
            now,
            IdFactor.L,
            facts.letter_codes,
            letter_validity(facts.country),
            LETTER_RESEND_AFTER,
            None,
        ),
        _state_code(
            facts,
            now,
            IdFactor.M,
            facts.sms_codes,
            SMS_VALIDITY,
            SMS_RESEND_AFTER,
            SMS_SEND_LIMIT,
        ),
        _state_d(facts, now),
    )


# --- the whole case -----------------------------------------------------------------------


def _doubts(facts: CaseFacts, states: Mapping[IdFactor, FactorState]) -> tuple[Note, ...]:
    doubts = [
        Note("knowledge_mismatch", {"item": check.item.value})
        for check in facts.knowledge
        if not check.matched
    ]
    if states[IdFactor.D].reason == "document_rejected":
        doubts.append(Note("document_rejected"))
    for factor in (IdFactor.L, IdFactor.M):
        if states[factor].reason == "void_after_failures":
            doubts.append(Note("code_void_after_failures", {"factor": factor.value}))
    if states[IdFactor.P].status is FactorStatus.LOCKED:
        doubts.append(Note("p_locked", {"until": states[IdFactor.P].until}))
    return tuple(doubts)


def _factor_notes(states: Mapping[IdFactor, FactorState]) -> list[Note]:
    notes: list[Note] = []
    p = states[IdFactor.P]
    if p.status is FactorStatus.LOCKED:
        notes.append(Note(p.reason or "p_locked", {"until": p.until} if p.until else {}))
    elif (
        p.status is FactorStatus.AVAILABLE
        and p.tries_left is not None
        and p.tries_left < min(P_CASE_LIMIT, P_DAY_LIMIT)
    ):
        notes.append(Note("p_tries_left", {"tries_left": p.tries_left}))
    for factor in (IdFactor.E, IdFactor.L, IdFactor.M):
        s = states[factor]
        if s.status is FactorStatus.FAILED:
            params: dict[str, object] = {"factor": factor.value, "reason": s.reason or ""}
            if s.until is not None:
                params["not_before"] = s.until
                notes.append(Note("resend_from", params))
            else:
                notes.append(Note("no_more_sends", params))
        elif s.status is FactorStatus.AVAILABLE and s.reason:
            notes.append(Note("resend_now", {"factor": factor.value, "reason": s.reason}))
    d = states[IdFactor.D]
    if d.reason == "company_needs_both_documents":
        notes.append(Note("company_needs_both_documents"))
    return notes


def evaluate(facts: CaseFacts, now: dt.datetime) -> PolicyState:
    """What the case allows at ``now`` (ID-2), and what could come next."""
    _check_now(now)
    ordered = _factor_states(facts, now)
    states = {s.factor: s for s in ordered}
    combos = tuple(
        Combination(
            factors=pair,
            complete=all(states[f].status is FactorStatus.PASSED for f in pair),
            possible=all(states[f].reachable for f in pair),
            missing=tuple(f for f in pair if states[f].status is not FactorStatus.PASSED),
        )
        for pair in COMBINATIONS
    )
    complete = [c for c in combos if c.complete]
    allows_new_email = bool(complete)
    p_passed = states[IdFactor.P].status is FactorStatus.PASSED
    only_letter = not any(c.possible for c in combos)
    allowed_until: dt.datetime | None = None
    steps: list[Note] = []
    if allows_new_email:

        def counts_until(c: Combination) -> dt.datetime:
            return min(states[f].until or now for f in c.factors)

        best = max(complete, key=counts_until)
        allowed_until = counts_until(best)
        steps.append(Note("new_email_allowed", {"combination": best.label, "until": allowed_until}))
    elif only_letter:
        params: dict[str, object] = {}
        _, why = _not_possible_reason(facts, IdFactor.L)
        if "letter_possible_from" in why:
            params["letter_possible_from"] = why["letter_possible_from"]
        steps.append(Note("only_letter_code", params))
    else:
        steps.extend(_missing_notes(combos, states))
    if p_passed and not allows_new_email:
        steps.append(Note("information_only"))
    steps.extend(_factor_notes(states))
    doubts = _doubts(facts, states)
    if doubts:
        steps.append(Note("review_doubts", {"count": len(doubts)}))
    return PolicyState(
        factors=ordered,
        allows_new_email=allows_new_email,
        allows_information_only=p_passed and not allows_new_email,
        only_letter_code=only_letter,
        combinations=combos,
        next_steps=tuple(steps),
        doubts=doubts,
        new_email_allowed_until=allowed_until,
    )


def _missing_notes(
    combos: tuple[Combination, ...], states: Mapping[IdFactor, FactorState]
) -> list[Note]:
    """ "P passed, L pending — one more factor: the letter sent on …, valid until …"."""
    notes: list[Note] = []
    half = [c for c in combos if c.possible and len(c.missing) == 1]
    pending_seen: set[IdFactor] = set()
    for c in half:
        (missing,) = c.missing
        s = states[missing]
        if s.status is FactorStatus.PENDING and missing not in pending_seen:
            pending_seen.add(missing)
            passed = next(f for f in c.factors if f is not missing)
            notes.append(
                Note(
                    "needs_one_more",
                    {
                        "passed": passed.value,
                        "pending": missing.value,
                        "sent_at": s.at,
                        "valid_until": s.until,
                    },
                )
            )
    if notes:
        return notes
    if half:
        passed_factors = sorted({f.value for c in half for f in c.factors if f not in c.missing})
        options = tuple(dict.fromkeys(c.missing[0].value for c in half))
        return [Note("needs_one_of", {"passed": "+".join(passed_factors), "factors": options})]
    possible = tuple(c.label for c in combos if c.possible)
    return [Note("needs_two_factors", {"combinations": possible})]


# --- decisions before the service acts ----------------------------------------------------


def _refuse(key: str, **params: object) -> Decision:
    return Decision(False, key, params)


def _common_refusal(facts: CaseFacts, state: FactorState) -> Decision | None:
    if state.status is FactorStatus.NOT_POSSIBLE:
        _, params = _not_possible_reason(facts, state.factor)
        return Decision(False, state.reason, params)
    if state.status is FactorStatus.PASSED:
        return _refuse("factor_passed", passed_at=state.at)
    return None


def may_send_letter(facts: CaseFacts, now: dt.datetime) -> Decision:
    """A letter code to the registered address: not before 3 days after the last letter;
    a new one voids the pending one (the service sets its ``voided_at``)."""
    _check_now(now)
    state = evaluate(facts, now).factor(IdFactor.L)
    refusal = _common_refusal(facts, state)
    if refusal is not None:
        return refusal
    mine = [c for c in facts.letter_codes if _in_case(facts, c.sent_at)]
    last = _latest(mine)
    if last is not None and now < last.sent_at + LETTER_RESEND_AFTER:
        return _refuse("letter_resend_too_early", not_before=last.sent_at + LETTER_RESEND_AFTER)
    valid_until = now + letter_validity(facts.country)
    if state.status is FactorStatus.PENDING:
        return Decision(
            True,
            "voids_previous_letter",
            {"previous_sent_at": state.at, "valid_until": valid_until},
        )
    return Decision(True, None, {"valid_until": valid_until})


def may_send_sms(facts: CaseFacts, now: dt.datetime) -> Decision:
    """An SMS code: at most :data:`SMS_SEND_LIMIT` per case, not sooner than 60 s after
    the last; a new one voids the pending one."""
    _check_now(now)
    state = evaluate(facts, now).factor(IdFactor.M)
    refusal = _common_refusal(facts, state)
    if refusal is not None:
        return refusal
    mine = [c for c in facts.sms_codes if _in_case(facts, c.sent_at)]
    if len(mine) >= SMS_SEND_LIMIT:
        return _refuse("sms_limit_reached", limit=SMS_SEND_LIMIT)
    # per customer too: a new case must not bring 15 more guesses at six digits
    today = sorted(at for at in facts.customer_sms_sent if now - at < SMS_DAY_WINDOW)
    if len(today) >= SMS_DAY_LIMIT:
        return _refuse(
            "sms_day_limit_reached",
            limit=SMS_DAY_LIMIT,
            not_before=today[-SMS_DAY_LIMIT] + SMS_DAY_WINDOW,
        )
    last = _latest(mine)
    if last is not None and now < last.sent_at + SMS_RESEND_AFTER:
        return _refuse("sms_resend_too_early", not_before=last.sent_at + SMS_RESEND_AFTER)
    valid_until = sms_valid_until(now)
    if state.status is FactorStatus.PENDING:
        return Decision(
            True, "voids_previous_sms", {"previous_sent_at": state.at, "valid_until": valid_until}
        )
    return Decision(True, None, {"valid_until": valid_until})


def may_send_link(facts: CaseFacts, now: dt.datetime) -> Decision:
    """A confirmation link to the current address: at most :data:`LINK_SEND_LIMIT` per
    case, not sooner than 10 min after the last (earlier links stay valid: each token has
    256 bits and expires within 24 h)."""
    _check_now(now)
    state = evaluate(facts, now).factor(IdFactor.E)
    refusal = _common_refusal(facts, state)
    if refusal is not None:
        return refusal
    mine = [link for link in facts.email_links if _in_case(facts, link.sent_at)]
    if len(mine) >= LINK_SEND_LIMIT:
        return _refuse("link_limit_reached", limit=LINK_SEND_LIMIT)
    if mine:
        last = max(link.sent_at for link in mine)
        if now < last + LINK_RESEND_AFTER:
            return _refuse("link_resend_too_early", not_before=last + LINK_RESEND_AFTER)
    return Decision(True, None, {"valid_until": link_valid_until(now)})


def may_try_phone_password(facts: CaseFacts, now: dt.datetime) -> Decision:
    """Whether the agent may compare a phone password now (ID-3 limits)."""
    _check_now(now)
    state = evaluate(facts, now).factor(IdFactor.P)
    refusal = _common_refusal(facts, state)
    if refusal is not None:
        return refusal
    if state.status is FactorStatus.LOCKED:
        if state.until is None:
            return _refuse("p_locked_for_case")
        return _refuse("p_locked", until=state.until)
    return Decision(True, None, {"tries_left": state.tries_left})


def may_record_document(facts: CaseFacts, now: dt.datetime) -> Decision:
    """Whether a presented document may be recorded (not after a rejected one)."""
    _check_now(now)
    state = evaluate(facts, now).factor(IdFactor.D)
    refusal = _common_refusal(facts, state)
    if refusal is not None:
        return refusal
    if state.status is FactorStatus.FAILED:
        return _refuse(state.reason or "document_rejected")
    return Decision(True)
