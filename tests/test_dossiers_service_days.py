"""Service days: the Tuesday no-writing day and Saturday-morning counters over the calendar.

Expected dates are read off the official schedules (REFERENCE calendar-vn-official.csv:
Thông báo 9441/TB-BNV, Tết 16-20 Feb 2026; Resolution 28/2026/QH16, Vietnamese Culture Day
24 Nov 2026; Công văn 12729/VPCP-KGVX, Friday 2 Jan 2026 off and Saturday 10 Jan worked;
Thông báo 5015/TB-LĐTBXH, Tết 8-14 Feb 2024) and a wall calendar, not from hcc.
"""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.rrule import TU, WEEKLY, rrule
from hypothesis import given
from hypothesis import strategies as st

from hcc.calendar import DayKind, WorkingCalendar
from hcc.dossiers import NO_WRITING_DAY, SATURDAY_MORNING, ServiceDay
from hcc.errors import OutOfRangeError, ProvisionalCalendarWarning

D = dt.date


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (D(2026, 2, 10), D(2026, 2, 24)),  # Tuesday 17 Feb 2026 is Tết (mùng 1)
        (D(2026, 2, 16), D(2026, 2, 24)),
        (D(2026, 11, 17), D(2026, 12, 1)),  # Tuesday 24 Nov 2026 is Vietnamese Culture Day
        (D(2026, 3, 2), D(2026, 3, 3)),  # an ordinary Monday: the next day
        (D(2026, 3, 3), D(2026, 3, 10)),  # strictly after: not the same Tuesday
        (D(2026, 4, 28), D(2026, 5, 5)),  # 28 April 2026 is an ordinary Tuesday, 5 May too
        (D(2024, 2, 7), D(2024, 2, 20)),  # Tuesday 13 Feb 2024 is Tết (Thông báo 5015/TB-LĐTBXH)
        (D(2024, 4, 26), D(2024, 5, 7)),  # Tuesday 30 Apr 2024 is Victory Day
    ],
)
def test_next_no_writing_day(after: dt.date, expected: dt.date) -> None:
    assert NO_WRITING_DAY.next_after(after) == expected


def test_between_february_2026() -> None:
    assert NO_WRITING_DAY.between(D(2026, 2, 1), D(2026, 2, 28)) == [
        D(2026, 2, 3),
        D(2026, 2, 10),
        D(2026, 2, 24),
    ]
    skipped = NO_WRITING_DAY.skipped_between(D(2026, 2, 1), D(2026, 2, 28))
    assert [(d, info.kind) for d, info in skipped] == [(D(2026, 2, 17), DayKind.HOLIDAY)]


def test_between_bounds_are_inclusive_and_empty_when_reversed() -> None:
    assert NO_WRITING_DAY.between(D(2026, 3, 3), D(2026, 3, 10)) == [D(2026, 3, 3), D(2026, 3, 10)]
    assert NO_WRITING_DAY.between(D(2026, 3, 10), D(2026, 3, 3)) == []


def test_saturday_counter_skips_holiday_breaks_not_plain_weekends() -> None:
    # January-February 2026: Sat 3 Jan lies in the New Year break (1-4 Jan, 2 Jan swapped off);
    # Sat 10 Jan is a worked Saturday (held); 14 and 21 Feb lie inside the Tết break (14-22 Feb).
    held = SATURDAY_MORNING.between(D(2026, 1, 1), D(2026, 2, 28))
    assert held == [
        D(2026, 1, 10),
        D(2026, 1, 17),
        D(2026, 1, 24),
        D(2026, 1, 31),
        D(2026, 2, 7),
        D(2026, 2, 28),
    ]
    lenient = SATURDAY_MORNING.model_copy(update={"skip_holiday_breaks": False})
    assert D(2026, 2, 14) in lenient.between(D(2026, 2, 1), D(2026, 2, 28))


def test_saturday_counter_on_a_holiday_saturday_is_skipped() -> None:
    # 2 September 2023 (Saturday) is National Day
    assert not SATURDAY_MORNING.is_held_on(D(2023, 9, 2))
    assert SATURDAY_MORNING.next_after(D(2023, 8, 28)) == D(2023, 9, 9)


def test_rule_from_a_dateutil_rrule_and_local_closure(cal: WorkingCalendar) -> None:
    rule = rrule(WEEKLY, byweekday=TU, dtstart=dt.datetime(2026, 1, 1))
    sd = ServiceDay(name="Ngày không viết", rule=rule)
    assert sd.next_after(D(2026, 1, 1)) == D(2026, 1, 6)
    local = cal.with_overrides(
        {"days": [{"date": "2026-03-10", "kind": "local_closure", "name": "Đóng cửa kiểm kê"}]}
    )
    assert sd.next_after(D(2026, 3, 4), calendar=local) == D(2026, 3, 17)
    assert sd.next_after(D(2026, 3, 4)) == D(2026, 3, 10)


def test_bad_rule_is_refused_with_the_text() -> None:
    with pytest.raises(ValueError, match="FREQ=SOMETIMES"):
        ServiceDay(name="x", rule="FREQ=SOMETIMES")


def test_provisional_years_warn() -> None:
    with pytest.warns(ProvisionalCalendarWarning):
        d = NO_WRITING_DAY.next_after(D(2027, 3, 1))
    assert d == D(2027, 3, 2)


def test_past_the_calendar_range() -> None:
    with pytest.raises(OutOfRangeError):
        NO_WRITING_DAY.next_after(D(2100, 12, 31))


@given(st.dates(min_value=D(2023, 1, 1), max_value=D(2026, 12, 20)))
def test_next_after_is_a_held_tuesday_and_nothing_held_in_between(d: dt.date) -> None:
    nxt = NO_WRITING_DAY.next_after(d)
    assert nxt > d
    assert nxt.weekday() == 1
    assert NO_WRITING_DAY.is_held_on(nxt)
    assert NO_WRITING_DAY.between(d + dt.timedelta(days=1), nxt) == [nxt]
