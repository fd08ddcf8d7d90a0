"""The price of a support order's time (C5, SO-1/SO-3): per package, per started 15
minutes summed per order, included time, fixed prices, the estimate, bad entries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kcp_desk.domain import order_pricing as pricing
from kcp_desk.domain.order_pricing import (
    EntriesOverlap,
    EntryEndsBeforeStart,
    EntryStillRunning,
    IncludedWithoutPackage,
    PricingError,
    Span,
    price_order,
)
from kcp_desk.models.orders import TimeEntry
from kcp_desk.models.products import SmPackage

D = Decimal
T0 = dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.UTC)


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def span(start: float, end: float | None, billable: bool = True, agent: int | None = 1) -> Span:
    return Span(at(start), None if end is None else at(end), billable, agent)


def worked(minutes: float, billable: bool = True) -> list[Span]:
    return [span(0, minutes, billable)]


# --- the vocabulary is the models' -----------------------------------------------------------


def test_there_is_a_rate_for_every_package() -> None:
    assert set(pricing.RATE_PER_15MIN) == {p.value for p in SmPackage}


def test_a_time_entry_row_is_priced_like_a_span() -> None:
    rows = [
        TimeEntry(started_at=at(0), ended_at=at(20), billable=True, agent_id=1),
        TimeEntry(started_at=at(20), ended_at=at(50), billable=False, agent_id=1),
    ]
    price = price_order(SmPackage.PRO, rows)
    assert (price.billable_minutes, price.included_minutes, price.quarter_hours) == (20, 30, 2)
    assert price.package == "pro"


# --- the table: every package ----------------------------------------------------------------

#: package, billable minutes worked, rate, quarter hours, net
PACKAGE_TABLE = [
    ("none", 40, D("35.00"), 3, D("105.00")),
    ("basic", 40, D("29.75"), 3, D("89.25")),
    ("pro", 40, D("24.75"), 3, D("74.25")),
    ("premium", 40, D("19.75"), 3, D("59.25")),
    ("none", 60, D("35.00"), 4, D("140.00")),
    ("basic", 61, D("29.75"), 5, D("148.75")),
    ("pro", 7, D("24.75"), 1, D("24.75")),
    ("premium", 0, D("19.75"), 0, D("0.00")),
]


@pytest.mark.parametrize(("package", "minutes", "rate", "units", "net"), PACKAGE_TABLE)
def test_price_per_package(
    package: str, minutes: int, rate: Decimal, units: int, net: Decimal
) -> None:
    price = price_order(package, worked(minutes))
    assert price.rate_per_15min == rate
    assert price.quarter_hours == units
    assert price.billed_minutes == units * 15
    assert price.net == net
    assert str(price.net) == str(net)  # two places, as on the invoice
    assert price.fixed_price is None
    assert price.included_minutes == 0


@pytest.mark.parametrize("package", ["basic", "pro", "premium"])
def test_included_time_is_listed_not_invoiced(package: str) -> None:
    entries = [span(0, 25), span(25, 100, billable=False), span(100, 110)]
    price = price_order(package, entries)
    assert price.billable_minutes == 35
    assert price.included_minutes == 75
    assert price.quarter_hours == 3
    assert price.net == pricing.rate_for(package) * 3


def test_premium_all_included_costs_nothing() -> None:
    price = price_order("premium", worked(90, billable=False))
    assert (price.billable_minutes, price.included_minutes, price.net) == (0, 90, D("0.00"))


def test_an_order_without_a_package_has_nothing_to_include_time_in() -> None:
    with pytest.raises(IncludedWithoutPackage) as caught:
        price_order("none", [span(0, 10), span(10, 20, billable=False)])
    assert caught.value.entry == 1
    assert caught.value.key == "included_without_package"


# --- per started 15 minutes, summed per order --------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "units"),
    [(0, 0), (1, 1), (14, 1), (15, 1), (16, 2), (29, 2), (30, 2), (31, 3), (45, 3), (46, 4)],
)
def test_started_quarter_hours(minutes: int, units: int) -> None:
    assert pricing.quarter_hours(minutes) == units
    assert price_order("none", worked(minutes)).quarter_hours == units


def test_the_sum_per_order_is_rounded_not_each_entry() -> None:
    # three interruptions of 5 minutes: one started quarter hour, not three
    entries = [span(0, 5), span(60, 65), span(120, 125)]
    price = price_order("basic", entries)
    assert (price.billable_minutes, price.quarter_hours, price.net) == (15, 1, D("29.75"))
    entries.append(span(180, 181))
    assert price_order("basic", entries).quarter_hours == 2


def test_seconds_of_the_total_below_a_full_minute_are_not_charged() -> None:
    assert price_order("none", worked(15 + 59 / 60)).quarter_hours == 1
    assert price_order("none", worked(16)).quarter_hours == 2
    assert price_order("none", worked(0.5)).net == D("0.00")
    # but seconds of several entries add up before the total is cut
    halves = [span(0, 7.5), span(10, 17.5), span(20, 21)]
    assert price_order("none", halves).billable_minutes == 16


def test_the_acknowledged_rate_overrides_the_package_table() -> None:
    price = price_order("pro", worked(20), rate_per_15min=D("30.00"))
    assert (price.rate_per_15min, price.net) == (D("30.00"), D("60.00"))


def test_rates_and_prices_are_money() -> None:
    with pytest.raises(TypeError):
        price_order("pro", worked(20), rate_per_15min=24.75)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="cent"):
        price_order("pro", worked(20), rate_per_15min=D("24.755"))
    with pytest.raises(ValueError, match="negative"):
        price_order("pro", worked(20), fixed_price=D("-1.00"))
    with pytest.raises(ValueError, match="unknown"):
        price_order("gold", worked(20))


# --- fixed price ---------------------------------------------------------------------------------


@pytest.mark.parametrize("package", [p.value for p in SmPackage])
@pytest.mark.parametrize("minutes", [0, 1, 16, 240])
def test_a_fixed_price_ignores_the_time(package: str, minutes: int) -> None:
    price = price_order(package, worked(minutes), fixed_price=D("89"), estimate_minutes=30)
    assert price.net == D("89.00")
    assert price.fixed_price == D("89.00")
    assert (price.rate_per_15min, price.quarter_hours, price.estimate) == (None, 0, None)
    assert price.billable_minutes == minutes  # still shown on the order


# --- the estimate ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "estimate", "within", "over", "over_net"),
    [
        (0, 30, True, 0, D("0.00")),
        (30, 30, True, 0, D("0.00")),
        (31, 30, False, 15, D("24.75")),
        (25, 20, True, 0, D("0.00")),  # 20 estimated = 2 started quarter hours
        (61, 30, False, 45, D("74.25")),
        (1, 0, False, 15, D("24.75")),
    ],
)
def test_estimate_comparison(
    minutes: int, estimate: int, within: bool, over: int, over_net: Decimal
) -> None:
    check = price_order("pro", worked(minutes), estimate_minutes=estimate).estimate
    assert check is not None
    assert check.estimate_minutes == estimate
    assert check.estimate_net == pricing.quarter_hours(estimate) * D("24.75")
    assert (check.within, check.over_minutes, check.over_net) == (within, over, over_net)


def test_no_estimate_no_check() -> None:
    assert price_order("pro", worked(10)).estimate is None
    with pytest.raises(ValueError, match="estimate"):
        price_order("pro", worked(10), estimate_minutes=-15)


# --- bad entries -------------------------------------------------------------------------------


def test_an_entry_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(EntryEndsBeforeStart) as caught:
        price_order("basic", [span(0, 10), span(30, 20)])
    assert caught.value.entry == 1
    assert isinstance(caught.value, PricingError)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    "entries",
    [
        [span(0, 30), span(29, 40)],
        [span(10, 20), span(0, 60)],  # the second contains the first
        [span(0, 60), span(10, 20), span(30, 40)],
        [span(0, 30), span(30, 40), span(35, 50, billable=False)],
        [span(0, 60), span(20, 20)],  # an empty entry inside another
    ],
)
def test_overlapping_entries_of_one_agent_are_refused(entries: list[Span]) -> None:
    with pytest.raises(EntriesOverlap) as caught:
        price_order("pro", entries)
    assert caught.value.key == "entries_overlap"
    assert caught.value.other < caught.value.entry


def test_touching_entries_and_two_agents_at_once_are_fine() -> None:
    entries = [span(0, 30), span(30, 45), span(0, 45, agent=2), span(45, 45)]
    assert price_order("pro", entries).billable_minutes == 90


def test_a_running_entry_counts_up_to_now_and_cannot_be_billed_without() -> None:
    entries = [span(0, 10), span(20, None)]
    with pytest.raises(EntryStillRunning) as caught:
        price_order("basic", entries)
    assert caught.value.entry == 1
    assert price_order("basic", entries, now=at(26)).billable_minutes == 16
    with pytest.raises(EntryEndsBeforeStart):
        price_order("basic", entries, now=at(19))


def test_naive_times_are_a_bug() -> None:
    naive = Span(dt.datetime(2026, 3, 4, 9), dt.datetime(2026, 3, 4, 10))
    with pytest.raises(ValueError, match="timezone-aware") as caught:
        price_order("basic", [naive])
    assert not isinstance(caught.value, PricingError)


def test_times_in_other_zones_compare_as_instants() -> None:
    berlin = dt.timezone(dt.timedelta(hours=1))
    a = Span(T0, at(30))
    b = Span(at(30).astimezone(berlin), at(45).astimezone(berlin))
    assert price_order("none", [a, b]).quarter_hours == 3


# --- properties ----------------------------------------------------------------------------------

packages = st.sampled_from([p.value for p in SmPackage])
#: back-to-back entries of one agent: (length in seconds, billable)
entry_lists = st.lists(st.tuples(st.integers(0, 4 * 3600), st.booleans()), max_size=8)


def back_to_back(parts: list[tuple[int, bool]], package: str) -> list[Span]:
    spans, cursor = [], T0
    for seconds, billable in parts:
        end = cursor + dt.timedelta(seconds=seconds)
        spans.append(Span(cursor, end, billable or package == "none", 1))
        cursor = end
    return spans


@given(packages, entry_lists, st.integers(0, 4 * 3600), st.booleans())
def test_price_is_monotone_and_never_negative(
    package: str, parts: list[tuple[int, bool]], extra: int, billable: bool
) -> None:
    before = price_order(package, back_to_back(parts, package))
    after = price_order(package, back_to_back([*parts, (extra, billable)], package))
    assert D(0) <= before.net <= after.net
    assert before.billable_minutes <= after.billable_minutes
    assert before.net == before.quarter_hours * pricing.rate_for(package)
    assert before.quarter_hours * 15 - 15 < before.billable_minutes <= before.quarter_hours * 15


@given(packages, entry_lists, st.integers(0, 10**6))
def test_a_fixed_price_is_the_price_whatever_the_time(
    package: str, parts: list[tuple[int, bool]], cents: int
) -> None:
    fixed = D(cents).scaleb(-2)
    price = price_order(package, back_to_back(parts, package), fixed_price=fixed)
    assert price.net == fixed
    assert price.quarter_hours == 0
