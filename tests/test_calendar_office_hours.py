"""Office hours and working-time arithmetic (sessions 07:30-11:30, 13:30-17:00 by default)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from hcc.calendar import VN_TZ, OfficeHours, WorkingCalendar, vietnam_calendar

CAL = vietnam_calendar()
H = dt.timedelta(hours=1)


def vn(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN_TZ)


@pytest.mark.parametrize(
    ("start", "delta", "expected"),
    [
        # within the morning session
        (dt.datetime(2026, 3, 2, 8, 0), 2 * H, vn(2026, 3, 2, 10, 0)),
        # exactly to the end of the morning: 11:30, not the afternoon opening
        (dt.datetime(2026, 3, 2, 7, 30), 4 * H, vn(2026, 3, 2, 11, 30)),
        # across the lunch break: 10:00 + 4 h = 1.5 h morning + 2.5 h afternoon
        (dt.datetime(2026, 3, 2, 10, 0), 4 * H, vn(2026, 3, 2, 16, 0)),
        # a full day is 7.5 h
        (dt.datetime(2026, 3, 2, 7, 30), dt.timedelta(hours=7, minutes=30), vn(2026, 3, 2, 17, 0)),
        # overnight: 16:00 + 2 h = 1 h today + 1 h tomorrow from 07:30
        (dt.datetime(2026, 3, 2, 16, 0), 2 * H, vn(2026, 3, 3, 8, 30)),
        # received at lunch: counting starts at 13:30
        (dt.datetime(2026, 3, 2, 12, 0), H, vn(2026, 3, 2, 14, 30)),
        # received after closing: counting starts next morning
        (dt.datetime(2026, 3, 2, 18, 0), H, vn(2026, 3, 3, 8, 30)),
        # Friday before Tết 2026 to the Monday after (16-20 Feb off)
        (dt.datetime(2026, 2, 13, 16, 0), 2 * H, vn(2026, 2, 23, 8, 30)),
        # Friday 9 Jan 2026 into the worked Saturday 10 Jan
        (dt.datetime(2026, 1, 9, 16, 30), H, vn(2026, 1, 10, 8, 0)),
        # backwards across a weekend
        (dt.datetime(2026, 3, 2, 9, 0), -2 * H, vn(2026, 2, 27, 16, 30)),
        # zero delta outside hours moves to the next opening
        (dt.datetime(2026, 3, 1, 10, 0), dt.timedelta(0), vn(2026, 3, 2, 7, 30)),
    ],
)
def test_add_working_time(start: dt.datetime, delta: dt.timedelta, expected: dt.datetime) -> None:
    got = CAL.add_working_time(start, delta)
    assert got == expected
    assert got.tzinfo is VN_TZ


def test_aware_input_is_converted_to_vietnam_time() -> None:
    start = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)  # 08:00 in Hà Nội
    assert CAL.add_working_time(start, H) == vn(2026, 3, 2, 9, 0)


def test_working_time_between() -> None:
    assert (
        CAL.working_time_between(dt.datetime(2026, 3, 2, 11, 0), dt.datetime(2026, 3, 2, 14, 0))
        == H
    )
    week = CAL.working_time_between(dt.datetime(2026, 3, 2, 0, 0), dt.datetime(2026, 3, 9, 0, 0))
    assert week == dt.timedelta(hours=5 * 7.5)
    assert CAL.working_time_between(
        dt.datetime(2026, 3, 3), dt.datetime(2026, 3, 2)
    ) == -dt.timedelta(hours=7.5)


def test_per_weekday_and_seasonal_hours() -> None:
    cal = CAL.with_office_hours(
        {
            "by_weekday": {5: [{"start": "07:30", "end": "11:30"}]},
            "seasons": [
                {
                    "start": "05-01",
                    "end": "09-30",
                    "sessions": [
                        {"start": "07:00", "end": "11:00"},
                        {"start": "13:30", "end": "17:00"},
                    ],
                }
            ],
        }
    )
    # the worked Saturday 10 Jan 2026 has only a morning
    assert cal.sessions_on(dt.date(2026, 1, 10)) == ((dt.time(7, 30), dt.time(11, 30)),)
    assert cal.add_working_time(dt.datetime(2026, 1, 10, 11, 0), H) == vn(2026, 1, 12, 8, 0)
    # summer hours
    assert cal.add_working_time(dt.datetime(2026, 6, 1, 7, 0), 4 * H) == vn(2026, 6, 1, 11, 0)
    assert cal.is_working_day(dt.date(2026, 6, 1)) is CAL.is_working_day(dt.date(2026, 6, 1))


def test_one_off_season_and_wrapping_season() -> None:
    oh = OfficeHours(
        seasons=[
            {
                "start": "2026-12-01",
                "end": "2026-12-31",
                "sessions": [{"start": "08:00", "end": "12:00"}],
            },
            {"start": "11-01", "end": "02-28", "sessions": [{"start": "07:45", "end": "16:45"}]},
        ]
    )
    assert oh.sessions_on(dt.date(2026, 12, 15))[0].start == dt.time(8, 0)
    assert oh.sessions_on(dt.date(2027, 1, 15))[0].start == dt.time(7, 45)
    assert oh.sessions_on(dt.date(2026, 3, 15))[0].start == dt.time(7, 30)


@pytest.mark.parametrize(
    "bad",
    [
        {"sessions": [{"start": "11:30", "end": "07:30"}]},
        {"sessions": [{"start": "07:30", "end": "11:30"}, {"start": "11:00", "end": "17:00"}]},
        {"sessions": []},
        {"by_weekday": {7: [{"start": "07:30", "end": "11:30"}]}},
        {"seasons": [{"start": "05-01", "end": "2026-09-30"}]},
        {"seasons": [{"start": "13-01", "end": "12-01"}]},
    ],
)
def test_bad_office_hours_are_rejected(bad: dict) -> None:
    with pytest.raises(ValidationError):
        OfficeHours.model_validate(bad)


moments = st.datetimes(min_value=dt.datetime(2005, 1, 1), max_value=dt.datetime(2025, 12, 31))
durations = st.integers(min_value=0, max_value=400 * 3600).map(lambda s: dt.timedelta(seconds=s))


@given(moments, durations)
def test_working_time_round_trip(m: dt.datetime, d: dt.timedelta) -> None:
    m = m.replace(microsecond=0)
    end = CAL.add_working_time(m, d)
    assert CAL.working_time_between(m, end) == d
    assert end >= CAL.opening_at_or_after(m)


@given(moments, durations, durations)
def test_add_working_time_is_monotone(m: dt.datetime, a: dt.timedelta, b: dt.timedelta) -> None:
    m = m.replace(microsecond=0)
    lo, hi = sorted((a, b))
    assert CAL.add_working_time(m, lo) <= CAL.add_working_time(m, hi)


def test_local_closure_removes_its_office_time(cal: WorkingCalendar) -> None:
    local = cal.with_overrides(closures=[dt.date(2026, 3, 3)])
    assert local.add_working_time(dt.datetime(2026, 3, 2, 16, 0), 2 * H) == vn(2026, 3, 4, 8, 30)


def test_working_time_is_exact_to_the_microsecond() -> None:
    m = dt.datetime(2026, 3, 2, 16, 59, 59, 999999)
    assert CAL.opening_at_or_after(m) == m.replace(tzinfo=VN_TZ)
    assert CAL.add_working_time(m, dt.timedelta(microseconds=1)) == vn(2026, 3, 2, 17, 0)
    assert CAL.add_working_time(m, dt.timedelta(microseconds=2)) == vn(2026, 3, 3, 7, 30, 0, 1)
    a, b = dt.datetime(2026, 3, 2, 8, 0, 0, 500), dt.datetime(2026, 3, 2, 8, 0, 1)
    assert CAL.working_time_between(a, b) == dt.timedelta(microseconds=999_500)
