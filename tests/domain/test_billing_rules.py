"""Billing rules (C3, PAY-1 … PAY-4): money, invoice states, dunning, mandates — tables."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from kcp_desk.domain import billing_rules as rules
from kcp_desk.domain.billing_rules import (
    DUNNING_LADDER,
    DunningStage,
    InvoiceStatus,
    MandateState,
    NextStep,
    ReachedStep,
)
from kcp_desk.models.billing import DunningLevel, InvoiceState, MandateStatus

D = Decimal
TODAY = dt.date(2026, 3, 2)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --- the vocabulary is the models' ------------------------------------------------------


@pytest.mark.parametrize(
    ("mirror", "model"),
    [(InvoiceStatus, InvoiceState), (MandateState, MandateStatus)],
)
def test_domain_enums_mirror_the_models(mirror: type, model: type) -> None:
    assert [m.value for m in mirror] == [m.value for m in model]  # same values, same order


def test_dunning_levels_are_stored_by_their_ladder_names() -> None:
    # dunning_steps.level stores these strings: renaming or reordering one breaks old rows
    assert DunningLevel is DunningStage  # one enum, so there is no mirror to drift
    assert [(s.value, s.rank) for s in DunningStage] == [
        ("reminder", 0),
        ("first", 1),
        ("second", 2),
        ("final_notice", 3),
        ("blocked", 4),
        ("termination", 5),
        ("debt_collection", 6),
    ]


# --- money ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(D("1.5"), "1.50"), (7, "7.00"), ("-0.05", "-0.05"), (D("12345678.90"), "12345678.90")],
)
def test_money_has_two_places(value: Decimal | int | str, expected: str) -> None:
    assert str(rules.money(value)) == expected


@pytest.mark.parametrize("value", [0.1, 1.0, True])
def test_money_refuses_float_and_bool(value: object) -> None:
    with pytest.raises(TypeError):
        rules.money(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [D("0.005"), D("1.999"), D("NaN"), D("Infinity")])
def test_money_refuses_sub_cent_and_non_finite(value: Decimal) -> None:
    with pytest.raises(ValueError, match="money"):
        rules.money(value)


@pytest.mark.parametrize(("cents", "amount"), [(0, "0.00"), (1, "0.01"), (-250, "-2.50"),
                                              (999_999_999_999, "9999999999.99")])  # fmt: skip
def test_cents_round_trip(cents: int, amount: str) -> None:
    assert rules.cents_to_money(cents) == D(amount)
    assert str(rules.cents_to_money(cents)) == amount
    assert rules.to_cents(D(amount)) == cents


def test_a_million_random_cent_amounts_add_up_exactly() -> None:
    """The issue's proof that no float sneaks in: 1,000,000 random amounts, summed with the
    money helpers, equal the integer sum of their cents — and a float sum would not."""
    rnd = random.Random(20260302)
    cents = [rnd.randint(-5_000_000, 99_999_999) for _ in range(1_000_000)]
    amounts = [rules.cents_to_money(c) for c in cents]
    total = rules.money_sum(amounts)
    assert total == rules.cents_to_money(sum(cents))
    assert rules.to_cents(total) == sum(cents)
    assert all(type(a) is Decimal for a in amounts[:1000])
    # the test can fail: the same amounts as floats do not add up to the cent
    assert D(repr(sum(c / 100 for c in cents))) != total


def test_money_sum_refuses_floats_in_the_middle() -> None:
    with pytest.raises(TypeError):
        rules.money_sum([D("1.00"), 2.5, D("3.00")])  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("amount", "locale", "text"),
    [
        (D("1234.5"), "de_DE", "1.234,50\xa0€"),
        (D("-7.5"), "de_DE", "-7,50\xa0€"),
        (D("1234.5"), "en", "€1,234.50"),
        (D("0"), "en", "€0.00"),
    ],
)
def test_format_money_with_babel(amount: Decimal, locale: str, text: str) -> None:
    assert rules.format_money(amount, locale) == text


def test_negate() -> None:
    assert rules.negate(D("11.90")) == D("-11.90")
    assert str(rules.negate(D("0.00"))) == "0.00"


@pytest.mark.parametrize(
    ("net", "rate", "vat"),
    [
        ("100.00", "19", "19.00"),
        ("11.88", "19.00", "2.26"),  # 2.2572 → 2.26
        ("0.05", "19", "0.01"),  # 0.0095 → 0.01 (half up)
        ("10.50", "7", "0.74"),  # 0.735 → 0.74 (half up, not half even)
        ("-11.88", "19", "-2.26"),
        ("10.00", "0", "0.00"),
    ],
)
def test_vat_amount(net: str, rate: str, vat: str) -> None:
    assert rules.vat_amount(D(net), D(rate)) == D(vat)


def test_vat_breakdown_per_rate() -> None:
    lines = rules.vat_breakdown(
        [(D("100.00"), D("19.00")), (D("10.00"), D("7")), (D("50.00"), D("19"))]
    )
    assert [(str(x.rate), x.net, x.vat, x.gross) for x in lines] == [
        ("19.00", D("150.00"), D("28.50"), D("178.50")),
        ("7.00", D("10.00"), D("0.70"), D("10.70")),
    ]


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2026-01-15", 36, "2029-01-15"),
        ("2026-01-31", 1, "2026-02-28"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2024-02-29", 48, "2028-02-29"),
        ("2026-03-02", -12, "2025-03-02"),
        ("2026-12-31", 2, "2027-02-28"),
    ],
)
def test_add_months(day: str, months: int, expected: str) -> None:
    assert rules.add_months(d(day), months) == d(expected)


# --- invoice state (PAY-1) -------------------------------------------------------------------

_S = InvoiceStatus


@pytest.mark.parametrize(
    ("gross", "paid", "due", "flags", "state"),
    [
        ("119.00", "0.00", "2026-03-10", {}, _S.OPEN),
        ("119.00", "0.00", "2026-03-02", {}, _S.OPEN),  # due today: not yet overdue
        ("119.00", "0.00", "2026-03-01", {}, _S.OVERDUE),
        ("119.00", "50.00", "2026-03-10", {}, _S.PARTLY_PAID),
        ("119.00", "50.00", "2026-01-01", {}, _S.PARTLY_PAID),  # late, but partly paid
        ("119.00", "119.00", "2026-01-01", {}, _S.PAID),
        ("119.00", "120.00", "2026-01-01", {}, _S.PAID),  # overpaid: the rest is credit
        ("0.00", "0.00", "2026-01-01", {}, _S.PAID),
        ("119.00", "0.00", "2026-01-01", {"debit_returned": True}, _S.RETURNED_DEBIT),
        ("119.00", "20.00", "2026-04-01", {"debit_returned": True}, _S.RETURNED_DEBIT),
        ("119.00", "119.00", "2026-01-01", {"debit_returned": True}, _S.PAID),  # paid again
        ("119.00", "0.00", "2026-01-01", {"cancelled": True}, _S.CANCELLED),
        ("119.00", "119.00", "2026-01-01", {"cancelled": True}, _S.CANCELLED),
        ("-119.00", "0.00", "2026-01-01", {"is_cancellation": True}, _S.CREDITED),
        ("-20.00", "0.00", "2026-01-01", {}, _S.CREDITED),  # a credit note
    ],
)
def test_invoice_state(
    gross: str, paid: str, due: str, flags: dict[str, bool], state: InvoiceStatus
) -> None:
    got = rules.invoice_state(gross=D(gross), paid=D(paid), due_on=d(due), today=TODAY, **flags)
    assert got == state


@pytest.mark.parametrize(
    ("stored", "due", "effective", "arrears", "days"),
    [
        ("open", "2026-03-10", _S.OPEN, False, 0),
        ("open", "2026-02-28", _S.OVERDUE, True, 2),
        ("overdue", "2026-02-01", _S.OVERDUE, True, 29),
        ("partly_paid", "2026-03-05", _S.PARTLY_PAID, False, 0),
        ("partly_paid", "2026-02-01", _S.PARTLY_PAID, True, 29),
        ("returned_debit", "2026-03-05", _S.RETURNED_DEBIT, True, 0),
        ("returned_debit", "2026-01-31", _S.RETURNED_DEBIT, True, 30),
        ("paid", "2025-01-01", _S.PAID, False, 0),
        ("cancelled", "2025-01-01", _S.CANCELLED, False, 0),
        ("credited", "2025-01-01", _S.CREDITED, False, 0),
    ],
)
def test_effective_state_arrears_and_days_overdue(
    stored: str, due: str, effective: InvoiceStatus, arrears: bool, days: int
) -> None:
    state = rules.effective_state(stored, d(due), TODAY)
    assert state == effective
    assert rules.in_arrears(state, d(due), TODAY) is arrears
    assert rules.days_overdue(state, d(due), TODAY) == days


# --- dunning (PAY-2) -------------------------------------------------------------------------


def test_the_ladder_is_documented_and_ordered() -> None:
    assert [r.stage for r in DUNNING_LADDER] == list(DunningStage)
    assert [(r.after_days, r.fee, r.pay_within_days) for r in DUNNING_LADDER] == [
        (7, D("0.00"), 7),
        (21, D("5.00"), 10),
        (35, D("7.50"), 10),
        (49, D("10.00"), 7),
        (60, D("0.00"), None),
        (90, D("0.00"), 14),
        (120, D("0.00"), None),
    ]
    assert [r.stage for r in DUNNING_LADDER if r.blocks_services] == [
        DunningStage.BLOCKED,
        DunningStage.TERMINATION,
        DunningStage.DEBT_COLLECTION,
    ]
    for stage in DunningStage:
        assert rules.dunning_rule(stage.value).stage == stage
        assert stage.value in rules.__doc__  # type: ignore[operator]


ANCHOR = d("2026-01-15")


def _reached(stage: DunningStage, issued: str, deadline: str | None) -> ReachedStep:
    return ReachedStep(stage, d(issued), None if deadline is None else d(deadline))


@pytest.mark.parametrize(
    ("state", "reached", "expected"),
    [
        # nothing sent yet: the free reminder 7 days after the due date, 7 days to pay
        ("overdue", None, ("reminder", "2026-01-22", "0.00", "2026-01-29")),
        ("open", None, ("reminder", "2026-01-22", "0.00", "2026-01-29")),
        # on plan
        (
            "overdue",
            _reached(DunningStage.REMINDER, "2026-01-22", "2026-01-29"),
            ("first", "2026-02-05", "5.00", "2026-02-15"),
        ),
        (
            "partly_paid",
            _reached(DunningStage.FIRST, "2026-02-05", "2026-02-15"),
            ("second", "2026-02-19", "7.50", "2026-03-01"),
        ),
        (
            "returned_debit",
            _reached(DunningStage.SECOND, "2026-02-19", "2026-03-01"),
            ("final_notice", "2026-03-05", "10.00", "2026-03-12"),
        ),
        (
            "overdue",
            _reached(DunningStage.FINAL_NOTICE, "2026-03-05", "2026-03-12"),
            ("blocked", "2026-03-16", "0.00", None),
        ),
        (
            "overdue",
            _reached(DunningStage.BLOCKED, "2026-03-16", None),
            ("termination", "2026-04-15", "0.00", "2026-04-29"),
        ),
        (
            "overdue",
            _reached(DunningStage.TERMINATION, "2026-04-15", "2026-04-29"),
            ("debt_collection", "2026-05-15", "0.00", None),
        ),
        # a late letter pushes the next one past its deadline
        (
            "overdue",
            _reached(DunningStage.REMINDER, "2026-02-10", "2026-02-17"),
            ("first", "2026-02-18", "5.00", "2026-02-28"),
        ),
        (
            "overdue",
            _reached(DunningStage.BLOCKED, "2026-04-20", None),
            ("termination", "2026-04-21", "0.00", "2026-05-05"),
        ),
        # the end of the ladder, and settled invoices
        ("overdue", _reached(DunningStage.DEBT_COLLECTION, "2026-05-15", None), None),
        ("paid", _reached(DunningStage.SECOND, "2026-02-19", "2026-03-01"), None),
        ("cancelled", None, None),
        ("credited", None, None),
    ],
)
def test_next_dunning_step(
    state: str, reached: ReachedStep | None, expected: tuple[str, str, str, str | None] | None
) -> None:
    step = rules.next_dunning_step(state, ANCHOR, reached)
    if expected is None:
        assert step is None
        return
    level, on, fee, deadline = expected
    assert step == NextStep(
        DunningStage(level), d(on), D(fee), None if deadline is None else d(deadline)
    )


@pytest.mark.parametrize(
    ("due", "returned", "anchor"),
    [
        ("2026-01-15", None, "2026-01-15"),
        ("2026-01-15", "2026-01-20", "2026-01-20"),  # the ladder restarts at the return
        ("2026-01-15", "2026-01-10", "2026-01-15"),
    ],
)
def test_dunning_anchor(due: str, returned: str | None, anchor: str) -> None:
    assert rules.dunning_anchor(d(due), None if returned is None else d(returned)) == d(anchor)


def test_next_step_is_due_when_its_day_has_come() -> None:
    step = rules.next_dunning_step("overdue", ANCHOR, None)
    assert step is not None
    assert not step.due(d("2026-01-21"))
    assert step.due(d("2026-01-22"))


def test_highest_stage() -> None:
    assert rules.highest_stage([]) is None
    assert rules.highest_stage(["first", "reminder", "second"]) == DunningStage.SECOND


# --- mandates and returns (PAY-3, PAY-4) ---------------------------------------------------


@pytest.mark.parametrize(
    ("signed", "last", "expiry"),
    [
        ("2020-05-01", None, "2023-05-01"),  # never used: from the signature
        ("2020-05-01", "2026-01-15", "2029-01-15"),
        ("2020-05-01", "2024-02-29", "2027-02-28"),
    ],
)
def test_mandate_expiry(signed: str, last: str | None, expiry: str) -> None:
    assert rules.mandate_expiry(d(signed), None if last is None else d(last)) == d(expiry)


@pytest.mark.parametrize(
    ("stored", "expires", "effective"),
    [
        ("active", "2026-03-03", MandateState.ACTIVE),
        ("active", "2026-03-02", MandateState.EXPIRED),  # from the expiry date on
        ("active", "2025-01-01", MandateState.EXPIRED),
        ("revoked", "2029-01-01", MandateState.REVOKED),
        ("revoked", "2020-01-01", MandateState.REVOKED),
        ("expired", "2029-01-01", MandateState.EXPIRED),
    ],
)
def test_effective_mandate_state(stored: str, expires: str, effective: MandateState) -> None:
    assert rules.effective_mandate_state(stored, d(expires), TODAY) == effective


@pytest.mark.parametrize(
    ("state", "objection", "blocked", "result"),
    [
        ("active", False, False, False),
        ("active", True, False, True),  # MD06/MS02
        ("active", False, True, True),
        ("active", True, True, True),
        ("revoked", False, False, True),  # revoked or invalidated (AC04/MD01/MD07)
        ("expired", False, False, True),
    ],
)
def test_debits_blocked(state: str, objection: bool, blocked: bool, result: bool) -> None:
    assert rules.debits_blocked(state, objection_flag=objection, blocked_flag=blocked) is result


@pytest.mark.parametrize(
    ("code", "objection", "invalidates"),
    [
        ("MD06", True, False),
        ("MS02", True, False),
        ("AC04", False, True),
        ("MD01", False, True),
        ("MD07", False, True),
        ("AM04", False, False),
        ("MS03", False, False),
        ("ac04", False, True),  # codes are compared in upper case
        ("ZZ99", False, False),  # unknown: only the invoice reopens
    ],
)
def test_return_effects(code: str, objection: bool, invalidates: bool) -> None:
    effects = rules.return_effects(code)
    assert effects.objection is objection
    assert effects.block_debits is objection
    assert effects.invalidate_mandate is invalidates
    assert effects.reopen_invoice is True


@pytest.mark.parametrize(
    ("collected", "returned", "result"),
    [
        (None, None, None),  # never debited
        ("2026-01-15", None, False),
        ("2026-01-15", "2026-01-20", True),
        ("2026-02-15", "2026-01-20", False),  # a later debit went through
        ("2026-01-20", "2026-01-20", True),
        (None, "2026-01-20", True),
    ],
)
def test_last_debit_returned(collected: str | None, returned: str | None, result: bool) -> None:
    got = rules.last_debit_returned(
        None if collected is None else d(collected), None if returned is None else d(returned)
    )
    assert got is result
