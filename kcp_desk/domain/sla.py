"""SLA due times of tickets (SPEC T-6): first response and resolution.

Pure functions over plain values: no Qt, no database. The service reads the customer's
Systems-Management package and the matching ``sla_policies`` row (first-response and
resolution minutes per package × priority) and asks these functions when each clock
runs out. The minutes come from the table; *how* they are counted (round the clock or in
business hours) is decided here, per package, by :data:`PACKAGE_SERVICE_HOURS`:

============ ============================================ ================================
package      the clock runs                               public holidays
============ ============================================ ================================
``none``     Mon–Fri 08:00–18:00 Europe/Berlin            closed (nationwide German ones)
``basic``    Mon–Fri 08:00–18:00 Europe/Berlin            closed (nationwide German ones)
``pro``      Mon–Sat 07:00–22:00 Europe/Berlin            open
``premium``  24/7 (calendar time)                         —
============ ============================================ ================================

The demo's ``sla_policies`` (``kcp_desk.services.demo.SLA_MINUTES``) give, in minutes
(first response / resolution):

============ ============= ============= ============= =============
package      low           normal        high          urgent
============ ============= ============= ============= =============
none         2880 / 14400  1440 / 7200   480 / 2880    240 / 1440
basic        1440 / 10080  480 / 4320    240 / 1440    120 / 480
pro          480 / 4320    240 / 1440    60 / 480      30 / 240
premium      240 / 2880    120 / 720     30 / 240      15 / 120
============ ============= ============= ============= =============

So a ``basic`` ticket of priority ``urgent`` created on Friday at 17:30 has 30 minutes of
service time on Friday and the other 90 on Monday from 08:00: first response is due on
Monday at 09:30 Berlin time (Tuesday if that Monday is Easter Monday).

Counting business time
    Service time is *real elapsed time* inside the open windows: a window is
    ``[opens, closes)`` local time on an open weekday that is not a closed holiday,
    converted to UTC with :mod:`zoneinfo` for that very date, so a DST change moves the
    UTC times of the windows (08:00 Berlin is 07:00 UTC in winter, 06:00 in summer) and
    08:00–18:00 stays 10 hours; only a window that contains the 02:00/03:00 switch itself
    is an hour shorter or longer. A clock that starts outside the windows starts at the
    next opening. Calendar (24/7) time is plain UTC arithmetic: 60
    minutes after 01:30 on the night the clocks go forward is 03:30 local, not 02:30.

Nationwide German public holidays (:func:`german_public_holidays`)
    Neujahr (1 Jan), Karfreitag and Ostermontag (Easter − 2 / + 1), Tag der Arbeit
    (1 May), Christi Himmelfahrt (Easter + 39), Pfingstmontag (Easter + 50), Tag der
    Deutschen Einheit (3 Oct), 1. and 2. Weihnachtstag (25/26 Dec); Easter by the
    Gregorian computus. Regional holidays (Fronleichnam, Reformationstag …) and the
    team's own closing days go into :attr:`ServiceHours.extra_closed_days`.

"Pending customer" stops the resolution clock (T-2)
    :func:`resolution_due` counts the resolution minutes from creation, skipping the
    intervals the ticket spent in ``pending customer``; while such an interval is still
    open the clock stands and there is no due time (``None``). A service that keeps only
    the stored due time uses :func:`extend_by_pause` when the ticket leaves
    ``pending customer``; both give the same result. A pause that begins after the due
    time has passed does not undo the breach: the due time stays.

Overdue (T-6)
    :func:`is_overdue` (strictly after the due time), :func:`current_due` (the clock
    that is running: first response until answered, then resolution until closed) and
    :func:`overdue_first_key` to sort "overdue first, then soonest due".

All timestamps in and out are timezone-aware; results are in UTC. Naive datetimes are
refused with :class:`ValueError` (SQLite hands back naive values; the UTC column type in
``kcp_desk.models.base`` makes them aware before they get here).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "BERLIN",
    "MONDAY_TO_FRIDAY",
    "MONDAY_TO_SATURDAY",
    "PACKAGE_SERVICE_HOURS",
    "Pause",
    "ServiceHours",
    "SlaDue",
    "SlaPolicyLike",
    "add_service_time",
    "current_due",
    "due_times",
    "easter_sunday",
    "extend_by_pause",
    "german_public_holidays",
    "is_overdue",
    "overdue_first_key",
    "resolution_due",
    "service_hours_for",
    "service_time_between",
]

BERLIN: Final = "Europe/Berlin"
#: ``datetime.weekday()`` numbers: Monday = 0 … Sunday = 6
MONDAY_TO_FRIDAY: Final = frozenset(range(5))
MONDAY_TO_SATURDAY: Final = frozenset(range(6))

#: a schedule whose windows cannot be found within this many days is a bug, not a wait
_MAX_SEARCH_DAYS: Final = 3 * 366
_ZERO: Final = dt.timedelta(0)


@functools.cache
def _zone(key: str) -> ZoneInfo:
    return ZoneInfo(key)


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    if not 1583 <= year <= 9999:
        raise ValueError(f"year out of range: {year}")
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@functools.cache
def german_public_holidays(year: int) -> Mapping[dt.date, str]:
    """The nationwide German public holidays of ``year``: date → German name."""
    easter = easter_sunday(year)
    days = {
        dt.date(year, 1, 1): "Neujahr",
        easter - dt.timedelta(days=2): "Karfreitag",
        easter + dt.timedelta(days=1): "Ostermontag",
        dt.date(year, 5, 1): "Tag der Arbeit",
        easter + dt.timedelta(days=39): "Christi Himmelfahrt",
        easter + dt.timedelta(days=50): "Pfingstmontag",
        dt.date(year, 10, 3): "Tag der Deutschen Einheit",
        dt.date(year, 12, 25): "1. Weihnachtstag",
        dt.date(year, 12, 26): "2. Weihnachtstag",
    }
    return MappingProxyType(dict(sorted(days.items())))


@dataclass(frozen=True)
class ServiceHours:
    """When an SLA clock in business hours runs: ``[opens, closes)`` local time in
    ``timezone`` on ``weekdays`` (Monday = 0), except the closed days."""

    opens: dt.time = dt.time(8, 0)
    closes: dt.time = dt.time(18, 0)
    weekdays: frozenset[int] = MONDAY_TO_FRIDAY
    timezone: str = BERLIN
    #: closed on the nationwide German public holidays (:func:`german_public_holidays`)
    closed_on_public_holidays: bool = True
    #: further closing days (regional holidays, the team's own)
    extra_closed_days: frozenset[dt.date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.opens.tzinfo is not None or self.closes.tzinfo is not None:
            raise ValueError("opening hours are local wall-clock times without tzinfo")
        if not self.opens < self.closes:
            raise ValueError("a service day must open before it closes")
        if not self.weekdays or not self.weekdays <= frozenset(range(7)):
            raise ValueError("weekdays must be a non-empty set of 0 (Monday) … 6 (Sunday)")
        try:
            _zone(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone: {self.timezone!r}") from None

    def is_open_day(self, day: dt.date) -> bool:
        """Whether the clock runs at all on this local date."""
        if day.weekday() not in self.weekdays or day in self.extra_closed_days:
            return False
        return not (self.closed_on_public_holidays and day in german_public_holidays(day.year))

    def window(self, day: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
        """The open window of a local date in UTC, or ``None`` on a closed day."""
        if not self.is_open_day(day):
            return None
        tz = _zone(self.timezone)
        start = dt.datetime.combine(day, self.opens, tzinfo=tz).astimezone(dt.UTC)
        end = dt.datetime.combine(day, self.closes, tzinfo=tz).astimezone(dt.UTC)
        return start, end

    def local_date(self, moment: dt.datetime) -> dt.date:
        return moment.astimezone(_zone(self.timezone)).date()


#: T-6: how each Systems-Management package counts its SLA minutes; ``None`` = 24/7.
#: Keys are the ``SmPackage`` values (a ``StrEnum`` member works as the key, too).
PACKAGE_SERVICE_HOURS: Final[Mapping[str, ServiceHours | None]] = MappingProxyType(
    {
        "none": ServiceHours(),
        "basic": ServiceHours(),
        "pro": ServiceHours(
            opens=dt.time(7, 0),
            closes=dt.time(22, 0),
            weekdays=MONDAY_TO_SATURDAY,
            closed_on_public_holidays=False,
        ),
        "premium": None,
    }
)


def service_hours_for(package: str) -> ServiceHours | None:
    """The clock of an SM package (:data:`PACKAGE_SERVICE_HOURS`); ``None`` = 24/7."""
    try:
        return PACKAGE_SERVICE_HOURS[str(package)]
    except KeyError:
        raise ValueError(f"unknown Systems-Management package: {package!r}") from None


def _aware(moment: dt.datetime, name: str) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
    return moment.astimezone(dt.UTC)


def _windows_from(
    hours: ServiceHours, moment: dt.datetime
) -> Iterable[tuple[dt.datetime, dt.datetime]]:
    """The open windows (UTC) that end after ``moment``, in order; the first may have
    begun before it. Gives up with RuntimeError if none is found for years."""
    day = hours.local_date(moment)  # a window never spans local midnight: opens < closes
    closed_run = 0
    while True:
        window = hours.window(day)
        day += dt.timedelta(days=1)
        if window is None:
            closed_run += 1
            if closed_run > _MAX_SEARCH_DAYS:
                raise RuntimeError("no open service window within years")
            continue
        closed_run = 0
        if window[1] > moment:
            yield window


def add_service_time(
    start: dt.datetime, duration: dt.timedelta, hours: ServiceHours | None
) -> dt.datetime:
    """The moment ``duration`` of service time after ``start`` (UTC).

    ``hours=None`` counts calendar time. In business hours a clock that starts while
    closed starts at the next opening; a clock that runs out exactly at closing time is
    due at closing time (not at the next opening).
    """
    start = _aware(start, "start")
    if duration < _ZERO:
        raise ValueError("duration must not be negative")
    if hours is None:
        return start + duration
    remaining = duration
    for open_at, close_at in _windows_from(hours, start):
        begin = max(open_at, start)
        available = close_at - begin
        if remaining <= available:
            return begin + remaining if remaining > _ZERO else begin
        remaining -= available
    raise AssertionError("unreachable: _windows_from never ends")  # pragma: no cover


def service_time_between(
    start: dt.datetime, end: dt.datetime, hours: ServiceHours | None
) -> dt.timedelta:
    """Service time from ``start`` to ``end``; zero if ``end`` is not after ``start``."""
    start, end = _aware(start, "start"), _aware(end, "end")
    if end <= start:
        return _ZERO
    if hours is None:
        return end - start
    total = _ZERO
    for open_at, close_at in _windows_from(hours, start):
        if open_at >= end:
            break
        total += min(close_at, end) - max(open_at, start)
    return total


class SlaPolicyLike(Protocol):
    """What :func:`due_times` reads from an ``sla_policies`` row (or any look-alike)."""

    @property
    def sm_package(self) -> str: ...
    @property
    def first_response_minutes(self) -> int: ...
    @property
    def resolution_minutes(self) -> int: ...


@dataclass(frozen=True)
class SlaDue:
    first_response_due: dt.datetime
    resolution_due: dt.datetime


def _minutes(value: int, name: str) -> dt.timedelta:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a whole number of minutes ≥ 0, got {value!r}")
    return dt.timedelta(minutes=value)


def due_times(created_at: dt.datetime, policy: SlaPolicyLike) -> SlaDue:
    """T-6: both due times of a ticket created at ``created_at`` under ``policy`` (the
    customer's package and the ticket's priority), before any pause."""
    hours = service_hours_for(policy.sm_package)
    return SlaDue(
        first_response_due=add_service_time(
            created_at, _minutes(policy.first_response_minutes, "first_response_minutes"), hours
        ),
        resolution_due=add_service_time(
            created_at, _minutes(policy.resolution_minutes, "resolution_minutes"), hours
        ),
    )


@dataclass(frozen=True)
class Pause:
    """An interval in "pending customer"; ``end=None`` while the ticket is still there."""

    start: dt.datetime
    end: dt.datetime | None = None

    def __post_init__(self) -> None:
        start = _aware(self.start, "pause start")
        if self.end is not None and _aware(self.end, "pause end") < start:
            raise ValueError("a pause cannot end before it starts")


def _merged(pauses: Iterable[Pause]) -> list[tuple[dt.datetime, dt.datetime | None]]:
    """Pauses sorted and overlapping ones joined; an open pause swallows what follows."""
    items = sorted(
        ((_aware(p.start, "pause start"), None if p.end is None else _aware(p.end, "end"))
         for p in pauses),
        key=lambda item: item[0],
    )  # fmt: skip
    merged: list[tuple[dt.datetime, dt.datetime | None]] = []
    for start, end in items:
        if merged:
            last_start, last_end = merged[-1]
            if last_end is None:
                break
            if start <= last_end:
                merged[-1] = (last_start, None if end is None else max(last_end, end))
                continue
        merged.append((start, end))
    return merged


def resolution_due(
    created_at: dt.datetime,
    resolution_minutes: int,
    hours: ServiceHours | None,
    pauses: Iterable[Pause] = (),
) -> dt.datetime | None:
    """When the resolution clock runs out, not counting the "pending customer" pauses.

    ``None`` while a pause is still open (the clock stands) — unless the clock had
    already run out before that pause began, in which case the (past) due time stays.
    Pauses before ``created_at`` are ignored; overlapping pauses count once.
    """
    cursor = _aware(created_at, "created_at")
    remaining = _minutes(resolution_minutes, "resolution_minutes")
    for start, end in _merged(pauses):
        if end is not None and end <= cursor:
            continue
        if start >= cursor:  # a pause that begins when the clock runs out is too late
            active = service_time_between(cursor, start, hours)
            if active >= remaining:
                return add_service_time(cursor, remaining, hours)
            remaining -= active
        if end is None:
            return None
        cursor = max(cursor, end)
    return add_service_time(cursor, remaining, hours)


def extend_by_pause(
    due: dt.datetime,
    paused_from: dt.datetime,
    paused_until: dt.datetime,
    hours: ServiceHours | None,
) -> dt.datetime:
    """The resolution due time after a "pending customer" pause has ended.

    The service time that was left at ``paused_from`` is counted again from
    ``paused_until``; a pause that began at or after ``due`` changes nothing (the
    breach stays a breach). In 24/7 time this is ``due + (paused_until - paused_from)``.
    """
    due = _aware(due, "due")
    paused_from = _aware(paused_from, "paused_from")
    paused_until = _aware(paused_until, "paused_until")
    if paused_until < paused_from:
        raise ValueError("a pause cannot end before it starts")
    if paused_from >= due:
        return due
    left = service_time_between(paused_from, due, hours)
    return add_service_time(paused_until, left, hours)


def is_overdue(due: dt.datetime | None, now: dt.datetime) -> bool:
    """True once ``now`` is strictly after ``due``; a ticket without a due time never is."""
    if due is None:
        return False
    return _aware(now, "now") > _aware(due, "due")


def current_due(
    first_response_due: dt.datetime | None,
    first_responded_at: dt.datetime | None,
    resolution_due: dt.datetime | None,
    closed: bool,
) -> dt.datetime | None:
    """The due time of the clock that is running now: first response until the first
    agent reply, then resolution until the ticket is closed (``None`` after that, and
    while the resolution clock is paused)."""
    if closed:
        return None
    if first_responded_at is None and first_response_due is not None:
        return _aware(first_response_due, "first_response_due")
    return None if resolution_due is None else _aware(resolution_due, "resolution_due")


_FAR_FUTURE: Final = dt.datetime.max.replace(tzinfo=dt.UTC)


def overdue_first_key(due: dt.datetime | None, now: dt.datetime) -> tuple[int, dt.datetime]:
    """Sort key for "overdue first" (My tickets, T-6): overdue tickets (most overdue
    first), then the others by the soonest due time, tickets without a due time last."""
    if due is None:
        return (2, _FAR_FUTURE)
    due = _aware(due, "due")
    return (0 if is_overdue(due, now) else 1, due)
