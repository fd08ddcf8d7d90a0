"""The price of a support order's time (SPEC C5: SO-1 cost acknowledgement, SO-3 time
entries and "billed").

One pure rule, :func:`price_order`: the Systems-Management package, the order's time
entries and — for a catalogue task — its fixed price in; a frozen :class:`OrderPrice` out.
No database: the service passes the ``time_entries`` rows (they satisfy
:class:`TimeEntryLike`) or :class:`Span` values.

How time is billed (the usual hoster rule, decided here once)
    * Billable time is summed **per order**, then rounded up to started quarter hours:
      three entries of 5 minutes are one quarter hour, not three. Rounding each entry
      would bill the customer for every interruption of the work.
    * The sum is counted in whole minutes; the seconds of the total below a full minute
      are not charged (a clock that ran 15 min 20 s is 15 minutes, one quarter hour), so
      clock jitter never starts a new quarter hour.
    * Boundaries: 0 min → 0, 1 → 1, 15 → 1, 16 → 2, 29 → 2, 30 → 2 quarter hours.
    * Time "included in the package" (``billable=False``) is listed as
      :attr:`OrderPrice.included_minutes` and never invoiced; an order without a package
      has nothing to include it in, so such an entry is refused.
    * A catalogue task's fixed price is the price, whatever the time; the time is still
      summed for the order's display.
    * The net amount is rate × quarter hours, rounded half up to the cent (as
      :mod:`~kcp_desk.domain.billing_rules` does); VAT is the invoice's business.

Entries of one agent may touch (one ends when the next begins) but not overlap; two
agents may work at the same time. An entry that ends before it starts, overlaps another
of the same agent, or is still running when there is no ``now`` to count it to, raises
a :class:`PricingError` (a ``ValueError``; the service maps it to ``InvalidInput``).
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Final, Protocol

from kcp_desk.domain.billing_rules import CENT, money

__all__ = [
    "QUARTER_HOUR",
    "RATE_PER_15MIN",
    "EntriesOverlap",
    "EntryEndsBeforeStart",
    "EntryStillRunning",
    "EstimateCheck",
    "IncludedWithoutPackage",
    "OrderPrice",
    "PricingError",
    "Span",
    "TimeEntryLike",
    "price_order",
    "quarter_hours",
    "rate_for",
]

#: minutes in one billing unit ("per started 15 minutes", SO-1)
QUARTER_HOUR: Final = 15

#: Price per started 15 minutes by Systems-Management package (net, EUR). The figures
#: the demo data acknowledges for hourly orders (``services/demo.py``); a package buys a
#: lower rate. Keys are the ``SmPackage`` values (a test keeps them identical).
RATE_PER_15MIN: Final[Mapping[str, Decimal]] = MappingProxyType(
    {
        "none": Decimal("35.00"),
        "basic": Decimal("29.75"),
        "pro": Decimal("24.75"),
        "premium": Decimal("19.75"),
    }
)

_NO_PACKAGE: Final = "none"
_MINUTE: Final = dt.timedelta(minutes=1)


# --- errors (bad input, not bugs) -------------------------------------------------------------


class PricingError(ValueError):
    """Time entries that cannot be priced; ``key`` names the reason for a message and
    ``entry`` the position (0-based, in the order given) of the offending entry."""

    key = "pricing"

    def __init__(self, message: str, entry: int) -> None:
        super().__init__(message)
        self.entry = entry


class EntryEndsBeforeStart(PricingError):
    key = "entry_ends_before_start"


class EntriesOverlap(PricingError):
    """``entry`` overlaps ``other`` (same agent)."""

    key = "entries_overlap"

    def __init__(self, message: str, entry: int, other: int) -> None:
        super().__init__(message, entry)
        self.other = other


class EntryStillRunning(PricingError):
    key = "entry_still_running"


class IncludedWithoutPackage(PricingError):
    key = "included_without_package"


# --- input ------------------------------------------------------------------------------------


class TimeEntryLike(Protocol):
    """What :func:`price_order` reads from a ``time_entries`` row (or a :class:`Span`)."""

    @property
    def started_at(self) -> dt.datetime: ...
    @property
    def ended_at(self) -> dt.datetime | None: ...
    @property
    def billable(self) -> bool: ...
    @property
    def agent_id(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class Span:
    """A time entry as plain values; ``ended_at=None`` while the clock runs."""

    started_at: dt.datetime
    ended_at: dt.datetime | None
    billable: bool = True
    agent_id: int | None = None


# --- output -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EstimateCheck:
    """Billed time against the estimate the customer acknowledged, both in started
    quarter hours (an estimate of 20 minutes is two quarter hours, 30 minutes)."""

    estimate_minutes: int
    #: the estimate as billed: its started quarter hours × 15
    estimate_billed_minutes: int
    estimate_net: Decimal
    #: billed minutes beyond the estimate (a multiple of 15), 0 when within
    over_minutes: int
    over_net: Decimal

    @property
    def within(self) -> bool:
        return self.over_minutes == 0


@dataclass(frozen=True, slots=True)
class OrderPrice:
    """What an order's time costs (SO-3 "billed"); amounts are net EUR, 2 places."""

    package: str
    #: the order's billable time in whole minutes (seconds of the total dropped)
    billable_minutes: int
    #: time included in the package: listed on the order, never invoiced
    included_minutes: int
    #: started quarter hours of ``billable_minutes``; 0 for a fixed price
    quarter_hours: int
    #: price per started 15 minutes; None for a fixed price
    rate_per_15min: Decimal | None
    #: the catalogue task's price; None for time-based billing
    fixed_price: Decimal | None
    net: Decimal
    #: None for a fixed price or an order without an estimate
    estimate: EstimateCheck | None

    @property
    def billed_minutes(self) -> int:
        return self.quarter_hours * QUARTER_HOUR


# --- the rule ---------------------------------------------------------------------------------


def rate_for(package: str) -> Decimal:
    """The price per started 15 minutes of an SM package (:data:`RATE_PER_15MIN`)."""
    try:
        return RATE_PER_15MIN[str(package)]
    except KeyError:
        raise ValueError(f"unknown Systems-Management package: {package!r}") from None


def quarter_hours(minutes: int) -> int:
    """Started quarter hours: 0 → 0, 1 → 1, 15 → 1, 16 → 2."""
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
        raise ValueError(f"minutes must be a whole number ≥ 0, got {minutes!r}")
    return -(-minutes // QUARTER_HOUR)


def _aware(moment: dt.datetime, name: str) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
    return moment.astimezone(dt.UTC)


def _amount(rate: Decimal, units: int) -> Decimal:
    with decimal.localcontext() as ctx:
        ctx.prec = 60
        return (rate * units).quantize(CENT, rounding=decimal.ROUND_HALF_UP)


def _non_negative_money(value: Decimal, name: str) -> Decimal:
    amount = money(value)
    if amount < 0:
        raise ValueError(f"{name} must not be negative")
    return amount


def _durations(
    entries: Iterable[TimeEntryLike], package: str, now: dt.datetime | None
) -> tuple[dt.timedelta, dt.timedelta]:
    """(billable, included) time; refuses reversed, overlapping and running entries."""
    spans: list[tuple[int | None, dt.datetime, dt.datetime, int]] = []
    billable = included = dt.timedelta(0)
    for index, entry in enumerate(entries):
        start = _aware(entry.started_at, "started_at")
        if entry.ended_at is None:
            if now is None:
                raise EntryStillRunning(f"time entry {index} is still running", index)
            end = _aware(now, "now")
        else:
            end = _aware(entry.ended_at, "ended_at")
        if end < start:
            raise EntryEndsBeforeStart(f"time entry {index} ends before it starts", index)
        if not entry.billable and package == _NO_PACKAGE:
            raise IncludedWithoutPackage(
                f"time entry {index} is marked included, but there is no package", index
            )
        spans.append((entry.agent_id, start, end, index))
        if entry.billable:
            billable += end - start
        else:
            included += end - start
    # per agent, by start: an entry must not begin before the latest end so far
    spans.sort(key=lambda s: (s[0] is not None, s[0] or 0, s[1], s[2]))
    latest: tuple[int | None, dt.datetime, int] | None = None
    for agent, start, end, index in spans:
        if latest is not None and latest[0] == agent and start < latest[1]:
            first, second = sorted((latest[2], index))
            raise EntriesOverlap(f"time entries {first} and {second} overlap", second, other=first)
        if latest is None or latest[0] != agent or end > latest[1]:
            latest = (agent, end, index)
    return billable, included


def price_order(
    package: str,
    entries: Iterable[TimeEntryLike],
    *,
    fixed_price: Decimal | None = None,
    rate_per_15min: Decimal | None = None,
    estimate_minutes: int | None = None,
    now: dt.datetime | None = None,
) -> OrderPrice:
    """The price of an order's time (see the module docstring for the rule).

    ``package`` is the ``SmPackage`` value of the order's server. ``rate_per_15min``
    overrides the package's rate from :data:`RATE_PER_15MIN` — pass the price the
    customer acknowledged with the order (``support_orders.price_per_15min``), which is
    what the contract says even if the package changed since. ``fixed_price`` (a
    catalogue task) replaces time-based billing. ``now`` counts a running entry up to
    that moment (the running total); without it a running entry is refused, because a
    running clock cannot be billed.
    """
    package_rate = rate_for(package)
    billable, included = _durations(entries, str(package), now)
    billable_minutes = billable // _MINUTE
    included_minutes = included // _MINUTE
    if estimate_minutes is not None and (
        isinstance(estimate_minutes, bool) or estimate_minutes < 0
    ):
        raise ValueError(f"estimate_minutes must be ≥ 0, got {estimate_minutes!r}")

    if fixed_price is not None:
        return OrderPrice(
            package=str(package),
            billable_minutes=billable_minutes,
            included_minutes=included_minutes,
            quarter_hours=0,
            rate_per_15min=None,
            fixed_price=_non_negative_money(fixed_price, "fixed_price"),
            net=money(fixed_price),
            estimate=None,
        )

    rate = package_rate if rate_per_15min is None else rate_per_15min
    rate = _non_negative_money(rate, "rate_per_15min")
    units = quarter_hours(billable_minutes)
    net = _amount(rate, units)
    estimate = None
    if estimate_minutes is not None:
        estimate_units = quarter_hours(estimate_minutes)
        estimate_net = _amount(rate, estimate_units)
        over_units = max(0, units - estimate_units)
        estimate = EstimateCheck(
            estimate_minutes=estimate_minutes,
            estimate_billed_minutes=estimate_units * QUARTER_HOUR,
            estimate_net=estimate_net,
            over_minutes=over_units * QUARTER_HOUR,
            over_net=_amount(rate, over_units),
        )
    return OrderPrice(
        package=str(package),
        billable_minutes=billable_minutes,
        included_minutes=included_minutes,
        quarter_hours=units,
        rate_per_15min=rate,
        fixed_price=None,
        net=net,
        estimate=estimate,
    )
