"""The identity policy (SPEC C2, ID-1 … ID-3): every combination of factors, expiry,
lockout, re-send, the 30-day rules, foreign addresses and knowledge data."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kcp_desk.domain import identity_policy as ip
from kcp_desk.domain.identity_policy import (
    Attempt,
    CaseFacts,
    CodeSent,
    DocumentType,
    FactorStatus,
    IdFactor,
    KnowledgeCheck,
    KnowledgeItem,
    LinkSent,
    Note,
    evaluate,
)

T0 = dt.datetime(2025, 11, 21, 9, 0, tzinfo=dt.UTC)
S = dt.timedelta(seconds=1)
MIN = dt.timedelta(minutes=1)
H = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
P, E, L, M, D = IdFactor.P, IdFactor.E, IdFactor.L, IdFactor.M, IdFactor.D


def facts(**changes: object) -> CaseFacts:
    """A case opened at T0 for a German customer for whom every factor is possible."""
    base = CaseFacts(
        created_at=T0,
        country="DE",
        address_unchanged_since=T0 - 365 * DAY,
        mobile_registered_at=T0 - 365 * DAY,
        has_phone_password=True,
        has_mailbox=True,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def letter(sent: dt.datetime, **changes: object) -> CodeSent:
    return dataclasses.replace(CodeSent(sent, sent + 21 * DAY), **changes)  # type: ignore[arg-type]


def sms(sent: dt.datetime, **changes: object) -> CodeSent:
    return dataclasses.replace(CodeSent(sent, sent + 10 * MIN), **changes)  # type: ignore[arg-type]


def link(sent: dt.datetime, **changes: object) -> LinkSent:
    return dataclasses.replace(LinkSent(sent, sent + 24 * H), **changes)  # type: ignore[arg-type]


def passed(*factors: IdFactor, company: bool = False) -> CaseFacts:
    """A case in which exactly ``factors`` passed, each in its own way, during day 1."""
    at = T0 + H
    attempts: list[Attempt] = []
    if P in factors:
        attempts.append(Attempt(P, at, True))
    if D in factors:
        attempts.append(Attempt(D, at, True, DocumentType.ID_CARD))
        if company:
            attempts.append(Attempt(D, at, True, DocumentType.REGISTER_EXTRACT))
    return facts(
        is_company=company,
        attempts=tuple(attempts),
        letter_codes=(letter(at, used_at=at + DAY),) if L in factors else (),
        sms_codes=(sms(at, used_at=at + 5 * MIN),) if M in factors else (),
        email_links=(link(at, confirmed_at=at + 2 * H),) if E in factors else (),
    )


NOW = T0 + 3 * DAY

# every subset of {P, E, L, M, D} passed → (allows a new e-mail, information only)
POLICY_TABLE = [
    ("", False, False),
    ("P", False, True),
    ("E", False, False),
    ("L", False, False),
    ("M", False, False),
    ("D", False, False),
    ("PE", True, False),
    ("PL", True, False),
    ("PM", True, False),
    ("PD", False, True),
    ("EL", False, False),
    ("EM", False, False),
    ("ED", False, False),
    ("LM", False, False),
    ("LD", True, False),
    ("MD", False, False),
    ("PEL", True, False),
    ("PEM", True, False),
    ("PED", True, False),
    ("PLM", True, False),
    ("PLD", True, False),
    ("PMD", True, False),
    ("ELM", False, False),
    ("ELD", True, False),
    ("EMD", False, False),
    ("LMD", True, False),
    ("PELM", True, False),
    ("PELD", True, False),
    ("PEMD", True, False),
    ("PLMD", True, False),
    ("ELMD", True, False),
    ("PELMD", True, False),
]


def test_the_table_names_every_subset_once() -> None:
    assert len(POLICY_TABLE) == 32
    assert len({frozenset(row[0]) for row in POLICY_TABLE}) == 32


@pytest.mark.parametrize(("letters", "new_email", "info_only"), POLICY_TABLE)
def test_every_combination_of_factors(letters: str, new_email: bool, info_only: bool) -> None:
    factors = tuple(IdFactor(ch) for ch in letters)
    state = evaluate(passed(*factors), NOW)
    assert state.passed == frozenset(factors)
    assert state.allows_new_email is new_email
    assert state.allows_information_only is info_only
    complete = {c.label for c in state.combinations if c.complete}
    assert complete == {c for c in ("P+E", "P+L", "P+M", "L+D") if set(c) - {"+"} <= set(letters)}
    assert not state.only_letter_code
    if new_email:
        assert state.next_steps[0].key == "new_email_allowed"
        assert state.new_email_allowed_until is not None
        assert state.new_email_allowed_until > NOW
    else:
        assert state.new_email_allowed_until is None
        assert "new_email_allowed" not in {n.key for n in state.next_steps}


def test_the_combination_stops_counting_35_days_after_the_older_factor_passed() -> None:
    case = passed(P, L)  # P at T0+1h, L at T0+1h+1d
    until = T0 + H + ip.PASSED_VALIDITY
    assert evaluate(case, until - S).new_email_allowed_until == until
    assert evaluate(case, until - S).allows_new_email
    late = evaluate(case, until)
    assert not late.allows_new_email
    assert late.factor(P).status is FactorStatus.AVAILABLE
    assert late.factor(L).status is FactorStatus.PASSED


def test_evidence_from_before_the_case_never_counts() -> None:
    before = T0 - H
    case = facts(
        attempts=(Attempt(P, before, True),),
        letter_codes=(letter(before, used_at=before + 10 * MIN),),
    )
    state = evaluate(case, NOW)
    assert state.passed == frozenset()
    assert not state.allows_new_email


# --- expiry -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("factor", "validity"),
    [(L, 21 * DAY), (M, 10 * MIN), (E, 24 * H)],
)
def test_a_code_or_link_is_valid_up_to_and_including_valid_until(
    factor: IdFactor, validity: dt.timedelta
) -> None:
    sent = T0 + H
    rows: dict[str, object] = {
        "letter_codes": (letter(sent),) if factor is L else (),
        "sms_codes": (sms(sent),) if factor is M else (),
        "email_links": (link(sent),) if factor is E else (),
    }
    case = facts(**rows)
    at_end = evaluate(case, sent + validity).factor(factor)
    assert at_end.status is FactorStatus.PENDING
    assert (at_end.at, at_end.until) == (sent, sent + validity)
    after = evaluate(case, sent + validity + S).factor(factor)
    assert after.status is not FactorStatus.PENDING
    assert after.reason == "expired"


@pytest.mark.parametrize(
    ("factor", "validity"),
    [(L, 21 * DAY), (M, 10 * MIN)],
)
def test_a_code_entered_at_valid_until_passes_one_second_later_not(
    factor: IdFactor, validity: dt.timedelta
) -> None:
    sent = T0 + H
    make = letter if factor is L else sms
    field = "letter_codes" if factor is L else "sms_codes"
    in_time = facts(**{field: (make(sent, used_at=sent + validity),)})
    too_late = facts(**{field: (make(sent, used_at=sent + validity + S),)})
    assert evaluate(in_time, sent + validity + H).factor(factor).status is FactorStatus.PASSED
    assert evaluate(too_late, sent + validity + H).factor(factor).status is not (
        FactorStatus.PASSED
    )


def test_a_link_confirmed_at_valid_until_passes_one_second_later_not() -> None:
    sent = T0 + H
    in_time = facts(email_links=(link(sent, confirmed_at=sent + 24 * H),))
    too_late = facts(email_links=(link(sent, confirmed_at=sent + 24 * H + S),))
    assert evaluate(in_time, sent + 2 * DAY).factor(E).status is FactorStatus.PASSED
    assert evaluate(too_late, sent + 2 * DAY).factor(E).status is not FactorStatus.PASSED


def test_a_row_cannot_make_a_code_live_longer_than_the_rule() -> None:
    sent = T0 + H
    case = facts(
        letter_codes=(CodeSent(sent, sent + 90 * DAY),),
        sms_codes=(CodeSent(sent, sent + DAY),),
        email_links=(LinkSent(sent, sent + 30 * DAY),),
    )
    assert evaluate(case, sent + 21 * DAY + S).factor(L).reason == "expired"
    assert evaluate(case, sent + 10 * MIN + S).factor(M).reason == "expired"
    assert evaluate(case, sent + 24 * H + S).factor(E).reason == "expired"


def test_a_letter_abroad_is_valid_30_days() -> None:
    sent = T0 + H
    abroad = facts(country="AT", letter_codes=(CodeSent(sent, sent + 30 * DAY),))
    home = facts(country="DE", letter_codes=(CodeSent(sent, sent + 30 * DAY),))
    assert ip.letter_validity("AT") == 30 * DAY
    assert ip.letter_validity("de") == ip.letter_validity("DE") == 21 * DAY
    assert evaluate(home, sent + 21 * DAY + S).factor(L).reason == "expired"
    state = evaluate(abroad, sent + 21 * DAY + S).factor(L)
    assert (state.status, state.until) == (FactorStatus.PENDING, sent + 30 * DAY)
    assert evaluate(abroad, sent + 30 * DAY).factor(L).status is FactorStatus.PENDING
    assert evaluate(abroad, sent + 30 * DAY + S).factor(L).reason == "expired"
    decision = ip.may_send_letter(facts(country="FR"), NOW)
    assert decision.ok
    assert decision.params["valid_until"] == NOW + 30 * DAY
    assert ip.may_send_letter(facts(), NOW).params["valid_until"] == NOW + 21 * DAY


# --- lockout ------------------------------------------------------------------------------


def wrong_p(*ats: dt.datetime) -> tuple[Attempt, ...]:
    return tuple(Attempt(P, at, False) for at in ats)


def test_two_wrong_phone_passwords_in_a_case_leave_one_try() -> None:
    ats = (T0 + MIN, T0 + 2 * MIN)
    state = evaluate(facts(attempts=wrong_p(*ats), p_failures=ats), NOW)
    assert state.factor(P).status is FactorStatus.AVAILABLE
    assert state.factor(P).tries_left == 1
    assert Note("p_tries_left", {"tries_left": 1}) in state.next_steps
    assert ip.may_try_phone_password(facts(attempts=wrong_p(*ats), p_failures=ats), NOW).ok


def test_three_wrong_phone_passwords_lock_p_for_the_case_not_the_account() -> None:
    ats = (T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN)
    case = facts(attempts=wrong_p(*ats), p_failures=ats)
    # long after the 24-hour lock has run out: the case's three tries still lock P
    for now in (T0 + 4 * MIN, T0 + 10 * DAY):
        state = evaluate(case, now)
        p = state.factor(P)
        assert (p.status, p.until, p.reason) == (FactorStatus.LOCKED, None, "p_locked_for_case")
        assert ip.may_try_phone_password(case, now) == ip.Decision(False, "p_locked_for_case")
        # the other factors stay: L + D can still make it
        assert [c.label for c in state.possible_combinations] == ["L+D"]
        assert not state.only_letter_code
        assert ip.may_send_letter(case, now).ok


def test_four_wrong_tries_in_24_hours_across_cases_leave_one_five_lock() -> None:
    now = T0 + 19 * H
    four = (T0 - 3 * H, T0 - 2 * H, T0 - H, T0 + H)  # three of them in other calls
    case = facts(attempts=wrong_p(T0 + H), p_failures=four)
    p = evaluate(case, now).factor(P)
    assert (p.status, p.tries_left) == (FactorStatus.AVAILABLE, 1)
    five = (T0 - 4 * H, *four)
    locked = evaluate(dataclasses.replace(case, p_failures=five), now).factor(P)
    # free again when the oldest of the five leaves the 24-hour window
    assert (locked.status, locked.until) == (FactorStatus.LOCKED, T0 - 4 * H + 24 * H)
    decision = ip.may_try_phone_password(dataclasses.replace(case, p_failures=five), now)
    assert decision == ip.Decision(False, "p_locked", {"until": T0 + 20 * H})
    again = evaluate(dataclasses.replace(case, p_failures=five), T0 + 20 * H).factor(P)
    assert again.status is FactorStatus.AVAILABLE  # exactly 24 h after: it dropped out


def test_the_stored_lock_holds_until_it_runs_out() -> None:
    case = facts(p_locked_until=NOW + H)
    assert evaluate(case, NOW).factor(P).until == NOW + H
    assert evaluate(case, NOW + H).factor(P).status is FactorStatus.AVAILABLE


@pytest.mark.parametrize("factor", [L, M])
def test_five_wrong_entries_void_a_code(factor: IdFactor) -> None:
    sent = T0 + H
    make, field = (letter, "letter_codes") if factor is L else (sms, "sms_codes")
    four = evaluate(facts(**{field: (make(sent, failures=4),)}), sent + 5 * MIN).factor(factor)
    assert (four.status, four.tries_left) == (FactorStatus.PENDING, 1)
    case = facts(**{field: (make(sent, failures=5),)})
    state = evaluate(case, sent + 5 * MIN)
    five = state.factor(factor)
    assert five.status in (FactorStatus.FAILED, FactorStatus.AVAILABLE)
    assert five.reason == "void_after_failures"
    assert Note("code_void_after_failures", {"factor": factor.value}) in state.doubts
    # a code marked used after its fifth wrong entry does not pass
    used = facts(**{field: (make(sent, failures=5, used_at=sent + MIN),)})
    assert evaluate(used, sent + 5 * MIN).factor(factor).status is not FactorStatus.PASSED


# --- re-sending ---------------------------------------------------------------------------


def test_a_letter_is_not_resent_before_three_days_and_a_new_one_voids_the_old() -> None:
    sent = T0 + H
    case = facts(letter_codes=(letter(sent),))
    early = ip.may_send_letter(case, sent + 3 * DAY - S)
    assert early == ip.Decision(False, "letter_resend_too_early", {"not_before": sent + 3 * DAY})
    on_time = ip.may_send_letter(case, sent + 3 * DAY)
    assert on_time.ok
    assert on_time.reason_key == "voids_previous_letter"
    assert on_time.params["previous_sent_at"] == sent
    # a void letter (5 wrong entries) waits for the three days too
    void = facts(letter_codes=(letter(sent, failures=5),))
    state = evaluate(void, sent + DAY).factor(L)
    assert (state.status, state.until) == (FactorStatus.FAILED, sent + 3 * DAY)
    assert not ip.may_send_letter(void, sent + DAY).ok
    assert evaluate(void, sent + 3 * DAY).factor(L).status is FactorStatus.AVAILABLE


def test_only_the_newest_letter_counts_as_pending_and_a_voided_one_never_passes() -> None:
    old, new = T0 + H, T0 + H + 3 * DAY
    case = facts(
        letter_codes=(
            letter(old, voided_at=new, used_at=new + H),  # "used" after it was voided
            letter(new),
        )
    )
    state = evaluate(case, new + 2 * H).factor(L)
    assert (state.status, state.at) == (FactorStatus.PENDING, new)


def test_sms_resend_after_60_seconds_at_most_three_per_case() -> None:
    sent = T0 + H
    one = facts(sms_codes=(sms(sent),))
    assert ip.may_send_sms(facts(), T0).ok
    assert ip.may_send_sms(one, sent + 59 * S) == ip.Decision(
        False, "sms_resend_too_early", {"not_before": sent + MIN}
    )
    assert ip.may_send_sms(one, sent + MIN).reason_key == "voids_previous_sms"
    three = facts(sms_codes=(sms(sent), sms(sent + MIN), sms(sent + 2 * MIN)))
    assert ip.may_send_sms(three, sent + H) == ip.Decision(False, "sms_limit_reached", {"limit": 3})
    m = evaluate(three, sent + H).factor(M)
    assert (m.status, m.until, m.reason) == (FactorStatus.FAILED, None, "send_limit_reached")


def test_at_most_three_sms_per_customer_in_24_hours_whatever_the_cases() -> None:
    """A new case brings no new guesses: 3 SMS × 5 wrong entries a day at most."""
    earlier = (T0 - 20 * H, T0 - 10 * H, T0 - 2 * H)  # sent in cases now closed
    new_case = facts(customer_sms_sent=earlier)
    assert ip.may_send_sms(new_case, T0) == ip.Decision(
        False, "sms_day_limit_reached", {"limit": 3, "not_before": T0 + 4 * H}
    )
    assert ip.may_send_sms(new_case, T0 + 4 * H).ok  # the oldest is 24 h old
    assert ip.may_send_sms(facts(customer_sms_sent=earlier[1:]), T0).ok


def test_links_resend_after_10_minutes_at_most_three_per_case() -> None:
    sent = T0 + H
    one = facts(email_links=(link(sent),))
    assert ip.may_send_link(one, sent + 10 * MIN - S).reason_key == "link_resend_too_early"
    assert ip.may_send_link(one, sent + 10 * MIN).ok
    three = facts(email_links=tuple(link(sent + i * H) for i in range(3)))
    assert ip.may_send_link(three, sent + 3 * H).reason_key == "link_limit_reached"
    # earlier links stay valid: still pending
    assert evaluate(three, sent + 3 * H).factor(E).status is FactorStatus.PENDING
    assert evaluate(three, sent + 3 * DAY).factor(E).reason == "send_limit_reached"


def test_nothing_is_sent_or_tried_again_for_a_passed_factor() -> None:
    case = passed(P, L, M, E)
    assert ip.may_send_letter(case, NOW).reason_key == "factor_passed"
    assert ip.may_send_sms(case, NOW).reason_key == "factor_passed"
    assert ip.may_send_link(case, NOW).reason_key == "factor_passed"
    assert ip.may_try_phone_password(case, NOW).reason_key == "factor_passed"


# --- the 30-day rules ---------------------------------------------------------------------


def test_letter_only_if_the_address_was_unchanged_30_days_before_the_case() -> None:
    assert evaluate(facts(address_unchanged_since=T0 - 30 * DAY), NOW).factor(L).status is (
        FactorStatus.AVAILABLE
    )
    young = facts(address_unchanged_since=T0 - 30 * DAY + S)
    state = evaluate(young, NOW).factor(L)
    assert (state.status, state.reason) == (FactorStatus.NOT_POSSIBLE, "address_changed_recently")
    refused = ip.may_send_letter(young, NOW)
    assert not refused.ok
    assert refused.params["letter_possible_from"] == T0 + S


def test_an_address_changed_during_the_case_takes_a_passed_letter_with_it() -> None:
    case = dataclasses.replace(passed(P, L), address_unchanged_since=T0 + 2 * DAY)
    state = evaluate(case, NOW)
    assert state.factor(L).reason == "address_changed_during_case"
    assert not state.allows_new_email


def test_sms_only_to_a_mobile_registered_30_days_before_the_case() -> None:
    assert evaluate(facts(mobile_registered_at=T0 - 30 * DAY), NOW).factor(M).status is (
        FactorStatus.AVAILABLE
    )
    young = facts(mobile_registered_at=T0 - 30 * DAY + S)
    assert evaluate(young, NOW).factor(M).reason == "mobile_registered_recently"
    assert ip.may_send_sms(young, NOW).reason_key == "mobile_registered_recently"
    assert evaluate(facts(mobile_registered_at=None), NOW).factor(M).reason == "no_mobile"
    new_number = dataclasses.replace(passed(P, M), mobile_registered_at=T0 + DAY)
    assert not evaluate(new_number, NOW).allows_new_email


# --- what the case offers -----------------------------------------------------------------


def test_p_passed_and_a_letter_pending_says_what_is_missing() -> None:
    sent = T0 + 2 * H
    case = facts(attempts=(Attempt(P, T0 + H, True),), letter_codes=(letter(sent),))
    state = evaluate(case, NOW)
    assert state.allows_information_only
    assert not state.allows_new_email
    assert state.next_steps[0] == Note(
        "needs_one_more",
        {"passed": "P", "pending": "L", "sent_at": sent, "valid_until": sent + 21 * DAY},
    )
    assert Note("information_only") in state.next_steps
    pl = next(c for c in state.combinations if c.label == "P+L")
    assert (pl.possible, pl.missing) == (True, (L,))


def test_p_passed_nothing_pending_lists_the_factors_that_would_complete() -> None:
    state = evaluate(facts(attempts=(Attempt(P, T0 + H, True),), has_mailbox=False), NOW)
    assert state.next_steps[0] == Note("needs_one_of", {"passed": "P", "factors": ("L", "M")})


def test_no_combination_possible_leaves_only_a_letter_code() -> None:
    case = facts(
        has_phone_password=False,
        address_unchanged_since=T0 - 10 * DAY,
    )
    state = evaluate(case, NOW)
    assert state.only_letter_code
    assert not state.allows_new_email
    assert state.possible_combinations == ()
    assert state.next_steps[0] == Note("only_letter_code", {"letter_possible_from": T0 + 20 * DAY})
    # P locked for the case and a rejected document: the same
    ats = (T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN)
    blocked = facts(attempts=(*wrong_p(*ats), Attempt(D, T0 + H, False)), p_failures=ats)
    assert evaluate(blocked, NOW).only_letter_code
    assert ip.may_record_document(blocked, NOW).reason_key == "document_rejected"
    assert Note("document_rejected") in evaluate(blocked, NOW).doubts


def test_nothing_passed_lists_the_reachable_combinations() -> None:
    state = evaluate(facts(has_mailbox=False, mobile_registered_at=None), NOW)
    assert state.next_steps[0] == Note("needs_two_factors", {"combinations": ("P+L", "L+D")})
    assert state.factor(E).reason == "no_mailbox"


def test_a_company_needs_the_directors_id_and_the_register_extract() -> None:
    only_id = dataclasses.replace(passed(L, D), is_company=True)
    state = evaluate(only_id, NOW)
    assert not state.allows_new_email
    assert state.factor(D).reason == "company_needs_both_documents"
    assert evaluate(passed(L, D, company=True), NOW).allows_new_email


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        facts(created_at=dt.datetime(2025, 1, 1))
    with pytest.raises(ValueError, match="timezone-aware"):
        evaluate(facts(), dt.datetime(2025, 1, 1))


# --- knowledge data never counts ----------------------------------------------------------

ALL_MATCH = tuple(KnowledgeCheck(item, True) for item in KnowledgeItem)


@pytest.mark.parametrize(("letters", "new_email", "info_only"), POLICY_TABLE)
def test_knowledge_matches_never_change_the_outcome(
    letters: str, new_email: bool, info_only: bool
) -> None:
    case = passed(*(IdFactor(ch) for ch in letters))
    plain = evaluate(case, NOW)
    known = evaluate(dataclasses.replace(case, knowledge=ALL_MATCH), NOW)
    assert known == plain
    assert known.allows_new_email is new_email


def test_knowledge_mismatches_are_doubts_and_nothing_else() -> None:
    checks = (
        KnowledgeCheck(KnowledgeItem.DATE_OF_BIRTH, False),
        KnowledgeCheck(KnowledgeItem.NAME, True),
        KnowledgeCheck(KnowledgeItem.IBAN_LAST_DIGITS, False),
    )
    case = dataclasses.replace(passed(P, L), knowledge=checks)
    state = evaluate(case, NOW)
    assert state.allows_new_email
    assert state.doubts == (
        Note("knowledge_mismatch", {"item": "date_of_birth"}),
        Note("knowledge_mismatch", {"item": "iban_last_digits"}),
    )
    assert Note("review_doubts", {"count": 2}) in state.next_steps


# --- random fact sets ---------------------------------------------------------------------

offsets = st.integers(min_value=-60 * 24 * 60, max_value=60 * 24 * 60).map(
    lambda minutes: T0 + minutes * MIN
)
maybe_time = st.none() | offsets


@st.composite
def codes(draw: st.DrawFn, validity: dt.timedelta) -> CodeSent:
    sent = draw(offsets)
    return CodeSent(
        sent,
        sent + draw(st.sampled_from([validity, 2 * validity, validity / 2, 90 * DAY])),
        used_at=draw(maybe_time),
        voided_at=draw(maybe_time),
        failures=draw(st.integers(0, 7)),
    )


@st.composite
def links(draw: st.DrawFn) -> LinkSent:
    sent = draw(offsets)
    return LinkSent(sent, sent + draw(st.sampled_from([24 * H, 90 * DAY])), draw(maybe_time))


attempts = st.builds(
    Attempt,
    st.sampled_from([P, D]),
    offsets,
    st.booleans(),
    st.none(),
).map(
    lambda a: (
        dataclasses.replace(a, document=DocumentType.ID_CARD) if a.factor is D and a.success else a
    )
)

random_facts = st.builds(
    CaseFacts,
    created_at=st.just(T0),
    country=st.sampled_from(["DE", "AT", "CH", "US"]),
    address_unchanged_since=offsets,
    mobile_registered_at=maybe_time,
    has_phone_password=st.booleans(),
    has_mailbox=st.booleans(),
    is_company=st.booleans(),
    attempts=st.lists(attempts, max_size=8).map(tuple),
    letter_codes=st.lists(codes(21 * DAY), max_size=3).map(tuple),
    sms_codes=st.lists(codes(10 * MIN), max_size=3).map(tuple),
    email_links=st.lists(links(), max_size=3).map(tuple),
    p_failures=st.lists(offsets, max_size=6).map(tuple),
    p_locked_until=maybe_time,
    knowledge=st.lists(
        st.builds(KnowledgeCheck, st.sampled_from(KnowledgeItem), st.booleans())
    ).map(tuple),
)


def _evidence(facts: CaseFacts, now: dt.datetime) -> set[IdFactor]:
    """An independent, deliberately naive reading of which factors have proof."""
    found: set[IdFactor] = set()
    window = ip.PASSED_VALIDITY

    def fresh(at: dt.datetime | None) -> bool:
        return at is not None and facts.created_at <= at and now - at < window

    if facts.has_phone_password and any(
        a.factor is P and a.success and fresh(a.at) for a in facts.attempts
    ):
        found.add(P)
    if facts.has_mailbox and any(
        fresh(x.confirmed_at) and x.confirmed_at <= x.sent_at + 24 * H  # type: ignore[operator]
        for x in facts.email_links
    ):
        found.add(E)
    longest = 21 * DAY if facts.country == "DE" else 30 * DAY
    if facts.created_at - facts.address_unchanged_since >= 30 * DAY and any(
        fresh(c.used_at) and c.used_at <= c.sent_at + longest  # type: ignore[operator]
        for c in facts.letter_codes
    ):
        found.add(L)
    mobile = facts.mobile_registered_at
    if (
        mobile is not None
        and facts.created_at - mobile >= 30 * DAY
        and any(
            fresh(c.used_at) and c.used_at <= c.sent_at + 10 * MIN  # type: ignore[operator]
            for c in facts.sms_codes
        )
    ):
        found.add(M)
    if any(a.factor is D and a.success and fresh(a.at) for a in facts.attempts):
        found.add(D)
    return found


@settings(max_examples=400, deadline=None)
@given(random_facts, offsets)
def test_random_facts_never_allow_a_new_email_without_two_independent_factors(
    case: CaseFacts, now: dt.datetime
) -> None:
    state = evaluate(case, now)
    evidence = _evidence(case, now)
    assert state.passed <= evidence
    if state.allows_new_email:
        assert any(a in evidence and b in evidence and a is not b for a, b in ip.COMBINATIONS)
        assert state.passed & {P, L}  # every combination has P or L in it
    matches_only = tuple(KnowledgeCheck(k.item, True) for k in case.knowledge)
    known = evaluate(dataclasses.replace(case, knowledge=matches_only), now)
    assert known.allows_new_email is state.allows_new_email
    assert known.factors == state.factors
