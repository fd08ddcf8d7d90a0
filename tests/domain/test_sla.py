"""SLA due times (T-6): every package × priority, business hours, holidays, DST, and the
"pending customer" pause (T-2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kcp_desk.domain import sla
from kcp_desk.domain.sla import Pause, ServiceHours

BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.UTC
BASIC = sla.service_hours_for("basic")
PRO = sla.service_hours_for("pro")


def berlin(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi, tzinfo=BERLIN)


def utc(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi, tzinfo=UTC)


def minutes(n: int) -> dt.timedelta:
    return dt.timedelta(minutes=n)


@dataclass(frozen=True)
class Policy:
    sm_package: str
    first_response_minutes: int
    resolution_minutes: int


# --- the table: every package × priority --------------------------------------------------

#: The demo's sla_policies (minutes) and the due times of a ticket created on Wednesday
#: 4 March 2026 at 10:00 Berlin time (09:00 UTC), worked out by hand:
#: none/basic count Mon–Fri 08:00–18:00 (600 min a day, 480 left on that Wednesday, Good
#: Friday 3 April and Easter Monday 6 April closed, CEST from 29 March); pro counts
#: Mon–Sat 07:00–22:00 (900 a day, 720 left); premium counts calendar time.
CREATED = berlin(2026, 3, 4, 10)
TABLE = [
    # package, priority, first/resolution minutes, first response due, resolution due
    ("none", "low", 2880, 14400, berlin(2026, 3, 10, 18), berlin(2026, 4, 9, 10)),
    ("none", "normal", 1440, 7200, berlin(2026, 3, 6, 14), berlin(2026, 3, 20, 10)),
    ("none", "high", 480, 2880, berlin(2026, 3, 4, 18), berlin(2026, 3, 10, 18)),
    ("none", "urgent", 240, 1440, berlin(2026, 3, 4, 14), berlin(2026, 3, 6, 14)),
    ("basic", "low", 1440, 10080, berlin(2026, 3, 6, 14), berlin(2026, 3, 26, 18)),
    ("basic", "normal", 480, 4320, berlin(2026, 3, 4, 18), berlin(2026, 3, 13, 12)),
    ("basic", "high", 240, 1440, berlin(2026, 3, 4, 14), berlin(2026, 3, 6, 14)),
    ("basic", "urgent", 120, 480, berlin(2026, 3, 4, 12), berlin(2026, 3, 4, 18)),
    ("pro", "low", 480, 4320, berlin(2026, 3, 4, 18), berlin(2026, 3, 9, 22)),
    ("pro", "normal", 240, 1440, berlin(2026, 3, 4, 14), berlin(2026, 3, 5, 19)),
    ("pro", "high", 60, 480, berlin(2026, 3, 4, 11), berlin(2026, 3, 4, 18)),
    ("pro", "urgent", 30, 240, berlin(2026, 3, 4, 10, 30), berlin(2026, 3, 4, 14)),
    ("premium", "low", 240, 2880, berlin(2026, 3, 4, 14), berlin(2026, 3, 6, 10)),
    ("premium", "normal", 120, 720, berlin(2026, 3, 4, 12), berlin(2026, 3, 4, 22)),
    ("premium", "high", 30, 240, berlin(2026, 3, 4, 10, 30), berlin(2026, 3, 4, 14)),
    ("premium", "urgent", 15, 120, berlin(2026, 3, 4, 10, 15), berlin(2026, 3, 4, 12)),
]


@pytest.mark.parametrize(
    ("package", "priority", "first_min", "resolution_min", "first_due", "resolution_due"), TABLE
)
def test_due_times_for_every_package_and_priority(
    package: str,
    priority: str,
    first_min: int,
    resolution_min: int,
    first_due: dt.datetime,
    resolution_due: dt.datetime,
) -> None:
    due = sla.due_times(CREATED, Policy(package, first_min, resolution_min))
    assert due.first_response_due == first_due
    assert due.resolution_due == resolution_due
    assert due.first_response_due.tzinfo is UTC
    assert due.resolution_due.tzinfo is UTC


def test_the_table_is_the_demo_sla_table() -> None:
    """The hand-worked table above uses the minutes the demo writes into sla_policies."""
    from kcp_desk.services.demo import SLA_MINUTES

    demo = {
        (str(package), str(priority)): minutes_pair
        for package, by_priority in SLA_MINUTES.items()
        for priority, minutes_pair in by_priority.items()
    }
    assert demo == {(row[0], row[1]): (row[2], row[3]) for row in TABLE}


def test_every_sm_package_has_a_clock() -> None:
    from kcp_desk.models.products import SmPackage

    assert set(sla.PACKAGE_SERVICE_HOURS) == {p.value for p in SmPackage}
    for package in SmPackage:  # the enum member itself works as the key
        assert sla.service_hours_for(package) == sla.PACKAGE_SERVICE_HOURS[package.value]


def test_due_times_take_the_sla_policy_row_itself() -> None:
    from kcp_desk.models.products import SlaPolicy, SmPackage
    from kcp_desk.models.tickets import TicketPriority

    row = SlaPolicy(
        sm_package=SmPackage.BASIC,
        priority=TicketPriority.URGENT,
        first_response_minutes=120,
        resolution_minutes=480,
    )
    due = sla.due_times(CREATED, row)
    assert due == sla.SlaDue(berlin(2026, 3, 4, 12), berlin(2026, 3, 4, 18))


def test_unknown_package_and_bad_minutes_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown Systems-Management package"):
        sla.due_times(CREATED, Policy("gold", 10, 20))
    with pytest.raises(ValueError, match="minutes"):
        sla.due_times(CREATED, Policy("basic", -1, 20))
    with pytest.raises(ValueError, match="minutes"):
        sla.due_times(CREATED, Policy("basic", 10, True))  # type: ignore[arg-type]


# --- business hours: edges ----------------------------------------------------------------

EDGES = [
    # what, created, service minutes, hours, due
    ("Friday 17:30: 30 min Friday, 90 Monday", berlin(2026, 3, 6, 17, 30), 120, BASIC,
     berlin(2026, 3, 9, 9, 30)),
    ("Friday 17:30, pro: 270 min Friday, 90 Saturday", berlin(2026, 3, 6, 17, 30), 360, PRO,
     berlin(2026, 3, 7, 8, 30)),
    ("Saturday: starts Monday 08:00", berlin(2026, 3, 7, 11), 120, BASIC,
     berlin(2026, 3, 9, 10)),
    ("Saturday, pro: runs on Saturday", berlin(2026, 3, 7, 11), 120, PRO,
     berlin(2026, 3, 7, 13)),
    ("Sunday, pro: starts Monday 07:00", berlin(2026, 3, 8, 12), 120, PRO,
     berlin(2026, 3, 9, 9)),
    ("before opening: starts 08:00", berlin(2026, 3, 9, 6, 15), 45, BASIC,
     berlin(2026, 3, 9, 8, 45)),
    ("after closing: starts next morning", berlin(2026, 3, 4, 19), 60, BASIC,
     berlin(2026, 3, 5, 9)),
    ("exactly at closing: next morning", berlin(2026, 3, 4, 18), 60, BASIC,
     berlin(2026, 3, 5, 9)),
    ("runs out at closing: due at closing", berlin(2026, 3, 4, 17), 60, BASIC,
     berlin(2026, 3, 4, 18)),
    ("zero minutes while closed: next opening", berlin(2026, 3, 7, 11), 0, BASIC,
     berlin(2026, 3, 9, 8)),
    ("zero minutes while open: at once", berlin(2026, 3, 4, 11), 0, BASIC,
     berlin(2026, 3, 4, 11)),
    ("Friday 17:30 before Whit Monday: Tuesday", berlin(2026, 5, 22, 17, 30), 120, BASIC,
     berlin(2026, 5, 26, 9, 30)),
    ("Maundy Thursday 17:00: after Easter Monday", berlin(2026, 4, 2, 17), 120, BASIC,
     berlin(2026, 4, 7, 9)),
    ("pro is open on Easter Monday", berlin(2026, 4, 6, 12), 60, PRO,
     berlin(2026, 4, 6, 13)),
    ("Christmas: 24 Dec to 28 Dec", berlin(2026, 12, 24, 17), 120, BASIC,
     berlin(2026, 12, 28, 9)),
    ("new year: 31 Dec 17:00 to 2 Jan", berlin(2026, 12, 31, 17), 120, BASIC,
     berlin(2027, 1, 4, 9)),
    ("DST spring: Friday CET to Monday CEST", berlin(2026, 3, 27, 17), 120, BASIC,
     berlin(2026, 3, 30, 9)),
    ("DST autumn: Friday CEST to Monday CET", berlin(2026, 10, 23, 17), 120, BASIC,
     berlin(2026, 10, 26, 9)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("what", "created", "service_minutes", "hours", "due"), EDGES, ids=[e[0] for e in EDGES]
)
def test_business_hour_edges(
    what: str,
    created: dt.datetime,
    service_minutes: int,
    hours: ServiceHours | None,
    due: dt.datetime,
) -> None:
    got = sla.add_service_time(created, minutes(service_minutes), hours)
    assert got == due, what
    assert got.tzinfo is UTC


def test_dst_spring_in_utc() -> None:
    # Friday 27 March 17:00 CET is 16:00 UTC; Monday 30 March 09:00 CEST is 07:00 UTC
    assert sla.add_service_time(utc(2026, 3, 27, 16), minutes(120), BASIC) == utc(2026, 3, 30, 7)
    # autumn: Friday 23 October 17:00 CEST = 15:00 UTC; Monday 09:00 CET = 08:00 UTC
    assert sla.add_service_time(utc(2026, 10, 23, 15), minutes(120), BASIC) == utc(2026, 10, 26, 8)


def test_calendar_clock_counts_real_time_across_dst() -> None:
    # 00:30 CET on the night the clocks go forward, plus two hours: 03:30 CEST
    start = berlin(2026, 3, 29, 0, 30)
    due = sla.add_service_time(start, minutes(120), None)
    assert due - start == minutes(120)
    assert due.astimezone(BERLIN).time() == dt.time(3, 30)
    # and back in October: 01:30 CEST plus two hours is 02:30 CET (the second 02:30)
    start = berlin(2026, 10, 25, 1, 30)
    due = sla.add_service_time(start, minutes(120), None)
    assert due == utc(2026, 10, 25, 1, 30)
    assert due.astimezone(BERLIN).time() == dt.time(2, 30)


def test_a_window_over_the_dst_switch_lasts_its_real_time() -> None:
    night = ServiceHours(
        opens=dt.time(1), closes=dt.time(4), weekdays=frozenset(range(7)),
        closed_on_public_holidays=False,
    )  # fmt: skip
    assert sla.service_time_between(
        berlin(2026, 3, 29), berlin(2026, 3, 29, 12), night
    ) == dt.timedelta(hours=2)
    assert sla.service_time_between(
        utc(2026, 10, 24, 12), utc(2026, 10, 25, 12), night
    ) == dt.timedelta(hours=4)
    # opening at a time the spring night skips does not break anything
    gap = ServiceHours(opens=dt.time(2, 30), closes=dt.time(5), weekdays=frozenset(range(7)))
    assert sla.add_service_time(berlin(2026, 3, 29), minutes(30), gap) == berlin(2026, 3, 29, 4)


def test_service_time_between() -> None:
    # Friday 17:00 to Monday 09:00: one hour Friday, one Monday
    assert sla.service_time_between(
        berlin(2026, 3, 6, 17), berlin(2026, 3, 9, 9), BASIC
    ) == dt.timedelta(hours=2)
    assert sla.service_time_between(
        berlin(2026, 3, 6, 17), berlin(2026, 3, 9, 9), None
    ) == dt.timedelta(hours=64)
    # a whole weekend: nothing; the wrong way round: nothing
    assert sla.service_time_between(berlin(2026, 3, 7), berlin(2026, 3, 9), BASIC) == dt.timedelta()
    assert sla.service_time_between(berlin(2026, 3, 9), berlin(2026, 3, 7), None) == dt.timedelta()


def test_extra_closed_days_and_holidays_switched_off() -> None:
    fronleichnam = dt.date(2026, 6, 4)  # a Thursday, a holiday in some states only
    bavaria = ServiceHours(extra_closed_days=frozenset({fronleichnam}))
    assert sla.add_service_time(berlin(2026, 6, 3, 17), minutes(120), bavaria) == berlin(
        2026, 6, 5, 9
    )
    assert sla.add_service_time(berlin(2026, 6, 3, 17), minutes(120), BASIC) == berlin(
        2026, 6, 4, 9
    )
    open_on_holidays = ServiceHours(closed_on_public_holidays=False)
    assert sla.add_service_time(
        berlin(2026, 5, 22, 17, 30), minutes(120), open_on_holidays
    ) == berlin(2026, 5, 25, 9, 30)


def test_another_time_zone() -> None:
    london = ServiceHours(timezone="Europe/London")
    # 17:30 London on a Friday in winter is 17:30 UTC
    assert sla.add_service_time(utc(2026, 3, 6, 17, 30), minutes(60), london) == utc(
        2026, 3, 9, 8, 30
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"opens": dt.time(18), "closes": dt.time(8)},
        {"opens": dt.time(8), "closes": dt.time(8)},
        {"weekdays": frozenset()},
        {"weekdays": frozenset({7})},
        {"timezone": "Mars/Olympus_Mons"},
        {"opens": dt.time(8, tzinfo=UTC)},
    ],
)
def test_bad_service_hours_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        ServiceHours(**kwargs)  # type: ignore[arg-type]


def test_a_schedule_that_never_opens_fails_loudly() -> None:
    never = ServiceHours(
        weekdays=frozenset({0}),
        extra_closed_days=frozenset(
            dt.date(2026, 1, 5) + dt.timedelta(weeks=w) for w in range(400)
        ),
    )
    with pytest.raises(RuntimeError, match="no open service window"):
        sla.add_service_time(berlin(2026, 1, 1), minutes(1), never)


def test_naive_datetimes_and_negative_durations_are_refused() -> None:
    naive = dt.datetime(2026, 3, 4, 10)
    with pytest.raises(ValueError, match="timezone-aware"):
        sla.add_service_time(naive, minutes(1), BASIC)
    with pytest.raises(ValueError, match="timezone-aware"):
        sla.is_overdue(naive, utc(2026, 3, 4))
    with pytest.raises(ValueError, match="timezone-aware"):
        Pause(naive)
    with pytest.raises(ValueError, match="negative"):
        sla.add_service_time(CREATED, minutes(-1), None)


# --- public holidays ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (1943, dt.date(1943, 4, 25)),  # the latest possible
        (2019, dt.date(2019, 4, 21)),
        (2024, dt.date(2024, 3, 31)),
        (2025, dt.date(2025, 4, 20)),
        (2026, dt.date(2026, 4, 5)),
        (2027, dt.date(2027, 3, 28)),
        (2038, dt.date(2038, 4, 25)),
        (2285, dt.date(2285, 3, 22)),  # the earliest possible
    ],
)
def test_easter_sunday(year: int, easter: dt.date) -> None:
    assert sla.easter_sunday(year) == easter


def test_german_public_holidays_2026() -> None:
    assert dict(sla.german_public_holidays(2026)) == {
        dt.date(2026, 1, 1): "Neujahr",
        dt.date(2026, 4, 3): "Karfreitag",
        dt.date(2026, 4, 6): "Ostermontag",
        dt.date(2026, 5, 1): "Tag der Arbeit",
        dt.date(2026, 5, 14): "Christi Himmelfahrt",
        dt.date(2026, 5, 25): "Pfingstmontag",
        dt.date(2026, 10, 3): "Tag der Deutschen Einheit",
        dt.date(2026, 12, 25): "1. Weihnachtstag",
        dt.date(2026, 12, 26): "2. Weihnachtstag",
    }


# --- "pending customer" stops the resolution clock ----------------------------------------


def test_pause_in_calendar_time() -> None:
    created = utc(2026, 3, 4, 9)
    pauses = [Pause(utc(2026, 3, 4, 9, 30), utc(2026, 3, 4, 10, 30))]
    assert sla.resolution_due(created, 120, None, pauses) == utc(2026, 3, 4, 12)
    assert sla.extend_by_pause(
        utc(2026, 3, 4, 11), utc(2026, 3, 4, 9, 30), utc(2026, 3, 4, 10, 30), None
    ) == utc(2026, 3, 4, 12)


def test_pause_in_business_time() -> None:
    # basic/normal: 4320 min from Wednesday 10:00, due Friday 13 March 12:00 unpaused.
    # Pending customer from Wednesday 16:00 to Monday 9 March 10:00: 360 min were used,
    # 3960 are left from Monday 10:00 -> Tuesday 17 March 16:00.
    pause = Pause(berlin(2026, 3, 4, 16), berlin(2026, 3, 9, 10))
    assert sla.resolution_due(CREATED, 4320, BASIC, []) == berlin(2026, 3, 13, 12)
    assert sla.resolution_due(CREATED, 4320, BASIC, [pause]) == berlin(2026, 3, 17, 16)
    assert sla.extend_by_pause(
        berlin(2026, 3, 13, 12), pause.start, berlin(2026, 3, 9, 10), BASIC
    ) == berlin(2026, 3, 17, 16)


def test_a_pause_while_closed_changes_nothing() -> None:
    weekend = Pause(berlin(2026, 3, 6, 18, 30), berlin(2026, 3, 9, 7))
    assert sla.resolution_due(CREATED, 4320, BASIC, [weekend]) == berlin(2026, 3, 13, 12)
    assert sla.extend_by_pause(
        berlin(2026, 3, 13, 12), weekend.start, weekend.end or weekend.start, BASIC
    ) == berlin(2026, 3, 13, 12)


def test_an_open_pause_stops_the_clock() -> None:
    pauses = [Pause(berlin(2026, 3, 5, 9))]
    assert sla.resolution_due(CREATED, 4320, BASIC, pauses) is None
    # an open pause swallows any later one, and a closed one before it still counts
    pauses = [
        Pause(berlin(2026, 3, 5, 9), berlin(2026, 3, 5, 10)),
        Pause(berlin(2026, 3, 6, 9)),
        Pause(berlin(2026, 3, 7, 9), berlin(2026, 3, 8, 9)),
    ]
    assert sla.resolution_due(CREATED, 4320, BASIC, pauses) is None


def test_a_pause_after_the_breach_does_not_undo_it() -> None:
    due = berlin(2026, 3, 4, 12)  # basic/urgent: 120 min
    late = Pause(berlin(2026, 3, 4, 15), berlin(2026, 3, 5, 15))
    assert sla.resolution_due(CREATED, 120, BASIC, [late]) == due
    assert sla.resolution_due(CREATED, 120, BASIC, [Pause(berlin(2026, 3, 4, 15))]) == due
    assert sla.extend_by_pause(due, late.start, berlin(2026, 3, 5, 15), BASIC) == due
    # a pause that starts exactly at the due time is too late as well
    assert sla.extend_by_pause(due, due, berlin(2026, 3, 5, 15), BASIC) == due


def test_pauses_overlapping_before_creation_and_unsorted() -> None:
    created = utc(2026, 3, 4, 9)
    pauses = [
        Pause(utc(2026, 3, 4, 10, 30), utc(2026, 3, 4, 11)),  # inside the one below
        Pause(utc(2026, 3, 4, 10), utc(2026, 3, 4, 11)),
        Pause(utc(2026, 3, 3), utc(2026, 3, 3, 12)),  # before the ticket existed
        Pause(utc(2026, 3, 4, 8), utc(2026, 3, 4, 9, 30)),  # half before it
    ]
    # 120 min: 09:30–10:00 (30), then from 11:00 the other 90 -> 12:30
    assert sla.resolution_due(created, 120, None, pauses) == utc(2026, 3, 4, 12, 30)


def test_a_pause_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="cannot end before"):
        Pause(utc(2026, 3, 4, 10), utc(2026, 3, 4, 9))
    with pytest.raises(ValueError, match="cannot end before"):
        sla.extend_by_pause(utc(2026, 3, 5), utc(2026, 3, 4, 10), utc(2026, 3, 4, 9), None)


# --- properties ---------------------------------------------------------------------------

moments = st.datetimes(
    min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2028, 12, 31), timezones=st.just(UTC)
)
clocks = st.sampled_from([None, BASIC, PRO])


@settings(max_examples=200)
@given(moments, st.integers(0, 20_000), clocks)
def test_add_and_between_agree(start: dt.datetime, n: int, hours: ServiceHours | None) -> None:
    due = sla.add_service_time(start, minutes(n), hours)
    assert due >= start
    assert sla.service_time_between(start, due, hours) == minutes(n)
    if hours is not None and n > 0:  # due inside an open window (or at its closing)
        window = hours.window(hours.local_date(due))
        assert window is not None
        assert window[0] < due <= window[1]


@settings(max_examples=200)
@given(
    moments,
    st.integers(0, 10_000),
    clocks,
    st.lists(st.tuples(st.integers(0, 20_000), st.integers(0, 5_000)), max_size=4),
)
def test_pausing_all_at_once_equals_pausing_one_by_one(
    created: dt.datetime,
    n: int,
    hours: ServiceHours | None,
    gaps: list[tuple[int, int]],
) -> None:
    """resolution_due over the whole history == extend_by_pause at each pause's end."""
    pauses = []
    cursor = created
    for gap, length in gaps:
        start = cursor + minutes(gap)
        cursor = start + minutes(length)
        pauses.append(Pause(start, cursor))
    due = sla.add_service_time(created, minutes(n), hours)
    for pause in pauses:
        assert pause.end is not None
        due = sla.extend_by_pause(due, pause.start, pause.end, hours)
    assert sla.resolution_due(created, n, hours, pauses) == due


# --- overdue ------------------------------------------------------------------------------


def test_is_overdue() -> None:
    due = utc(2026, 3, 4, 12)
    assert not sla.is_overdue(None, due)
    assert not sla.is_overdue(due, utc(2026, 3, 4, 11, 59))
    assert not sla.is_overdue(due, due)
    assert sla.is_overdue(due, due + dt.timedelta(microseconds=1))
    assert sla.is_overdue(due, berlin(2026, 3, 4, 13, 1))  # 12:01 UTC


def test_current_due() -> None:
    first, resolution = utc(2026, 3, 4, 12), utc(2026, 3, 6, 12)
    assert sla.current_due(first, None, resolution, closed=False) == first
    assert sla.current_due(first, utc(2026, 3, 4, 11), resolution, closed=False) == resolution
    assert sla.current_due(first, utc(2026, 3, 4, 11), None, closed=False) is None  # paused
    assert sla.current_due(first, None, resolution, closed=True) is None
    assert sla.current_due(None, None, None, closed=False) is None


def test_overdue_first_key() -> None:
    now = utc(2026, 3, 4, 12)
    dues = {
        "no sla": None,
        "due later": utc(2026, 3, 5),
        "due soon": utc(2026, 3, 4, 13),
        "overdue a little": utc(2026, 3, 4, 11),
        "overdue long": utc(2026, 3, 1),
        "due right now": now,
    }
    ordered = sorted(dues, key=lambda name: sla.overdue_first_key(dues[name], now))
    assert ordered == [
        "overdue long",
        "overdue a little",
        "due right now",
        "due soon",
        "due later",
        "no sla",
    ]


@pytest.mark.parametrize("n", [0, 30])
def test_a_pause_that_begins_when_the_clock_runs_out_does_not_move_it(n: int) -> None:
    """Found by hypothesis: both ways of counting agree that a pause starting exactly at
    the due time is too late (the breach stays a breach)."""
    created = dt.datetime(2024, 1, 1, tzinfo=UTC)
    due = created + minutes(n)
    pause = Pause(due, due + minutes(5))
    assert sla.resolution_due(created, n, None, [pause]) == due
    assert sla.extend_by_pause(due, pause.start, due + minutes(5), None) == due
