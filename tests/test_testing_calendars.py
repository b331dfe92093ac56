"""hcc.testing.FixedCalendar: a calendar from explicit lists, and what it refuses."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hcc import ProvisionalCalendarWarning
from hcc.calendar import CalendarEntry, DayKind, WorkingCalendar
from hcc.errors import OverrideError
from hcc.testing import FIXED_SOURCE, FixedCalendar
from hcc.testing import strategies as hst


def test_only_the_listed_days_differ_from_the_weekly_pattern() -> None:
    cal = FixedCalendar(
        holidays=[dt.date(2025, 4, 30), "2025-05-01"],
        working_days={dt.date(2025, 4, 26): "Làm bù thứ Bảy"},
        years=(2025, 2025),
    )
    assert not cal.is_working_day(dt.date(2025, 4, 30))
    assert not cal.is_working_day(dt.date(2025, 5, 1))
    assert cal.is_working_day(dt.date(2025, 4, 26))  # a Saturday, listed
    assert not cal.is_working_day(dt.date(2025, 5, 3))  # an ordinary Saturday
    assert cal.is_working_day(dt.date(2025, 1, 1))  # no statutory rules: New Year is a weekday
    info = cal.day_info(dt.date(2025, 4, 26))
    assert (info.kind, info.name, info.source) == (
        DayKind.LOCAL_WORKING_DAY,
        "Làm bù thứ Bảy",
        FIXED_SOURCE,
    )
    assert cal.day_info(dt.date(2025, 4, 30)).kind is DayKind.HOLIDAY
    # 2025 has 261 weekdays; minus two holidays, plus one Saturday; 1 January is one of them
    assert cal.working_days_between(dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == 261 - 2 + 1 - 1


def test_is_a_working_calendar_and_derives_like_one() -> None:
    cal = FixedCalendar(holidays=["2026-03-02"], years=(2026, 2026))
    assert isinstance(cal, WorkingCalendar)
    local = cal.with_overrides(closures=[dt.date(2026, 3, 3)])
    assert isinstance(local, FixedCalendar)
    assert not local.is_working_day(dt.date(2026, 3, 2))  # the fixed holiday survives
    assert not local.is_working_day(dt.date(2026, 3, 3))
    assert cal.is_working_day(dt.date(2026, 3, 3))  # the base is unchanged
    short = cal.with_office_hours({"sessions": [{"start": "08:00", "end": "12:00"}]})
    assert short.sessions_on(dt.date(2026, 3, 4)) == ((dt.time(8), dt.time(12)),)
    assert not short.is_working_day(dt.date(2026, 3, 2))
    assert repr(cal) == "<FixedCalendar 2026-2026>"


def test_entries_are_taken_as_given() -> None:
    row = CalendarEntry(
        date=dt.date(2026, 9, 1), kind="local_closure", name="Nghỉ", source="QĐ 1/QĐ-UBND"
    )
    cal = FixedCalendar(holidays=[row], years=(2026, 2026))
    assert cal.day_info(dt.date(2026, 9, 1)).source == "QĐ 1/QĐ-UBND"


def test_no_year_is_provisional_unless_asked() -> None:
    cal = FixedCalendar(years=(2040, 2042))
    assert cal.provisional_years == frozenset()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cal.add_working_days(dt.date(2041, 6, 1), 10)
    projected = FixedCalendar(years=(2040, 2042), provisional_from=2042)
    assert projected.provisional_years == frozenset({2042})
    with pytest.warns(ProvisionalCalendarWarning):
        projected.is_working_day(dt.date(2042, 1, 2))


@pytest.mark.parametrize(
    ("kwargs", "location", "value"),
    [
        ({"holidays": ["2031-01-01"], "years": (2030, 2030)}, "holidays[0]", "2031-01-01"),
        (
            {"holidays": ["2030-01-01"], "working_days": ["2030-01-01"], "years": (2030, 2030)},
            "working_days[0]",
            "2030-01-01",
        ),
        (
            {"holidays": ["2030-01-01", "2030-01-01"], "years": (2030, 2030)},
            "holidays[1]",
            "2030-01-01",
        ),
        ({"holidays": ["2030-02-30"], "years": (2030, 2030)}, "holidays[0]", "2030-02-30"),
        ({"years": (2031, 2030)}, "years", (2031, 2030)),
        ({"years": 2030}, "years", 2030),
    ],
)
def test_bad_lists_name_the_row(kwargs: dict[str, object], location: str, value: object) -> None:
    with pytest.raises(OverrideError) as exc:
        FixedCalendar(**kwargs)  # type: ignore[arg-type]
    assert exc.value.location == location
    assert exc.value.value == value


days = st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31))


@settings(max_examples=60)
@given(
    st.lists(days, max_size=30, unique=True),
    st.lists(days, max_size=10, unique=True),
    days,
    st.integers(1, 120),
)
def test_fixed_calendars_count_exactly_what_they_list(
    off: list[dt.date], extra: list[dt.date], d: dt.date, n: int
) -> None:
    extra = [x for x in extra if x not in off]
    cal = FixedCalendar(holidays=off, working_days=extra, years=(2024, 2026))
    # An independent count: weekdays not listed as holidays, plus the listed working days.
    working = {
        day
        for k in range((dt.date(2026, 12, 31) - dt.date(2024, 1, 1)).days + 1)
        if ((day := dt.date(2024, 1, 1) + dt.timedelta(days=k)).weekday() < 5 and day not in off)
        or day in extra
    }
    later = sorted(w for w in working if w > d)
    if len(later) < n:
        with pytest.raises(ValueError, match="calendar range"):
            cal.add_working_days(d, n)
        return
    assert cal.add_working_days(d, n) == later[n - 1]
    assert all(cal.is_working_day(x) == (x in working) for x in (d, *off, *extra))


@settings(max_examples=30)
@given(hst.fixed_calendars())
def test_fixed_calendar_strategy_closes_weekdays_and_opens_weekends(cal: FixedCalendar) -> None:
    special = list(cal.day_infos(cal.first_date, cal.last_date, special_only=True))
    assert all(i.source == FIXED_SOURCE for i in special)
    assert all(i.date.weekday() < 5 for i in special if i.kind is DayKind.HOLIDAY)
    assert all(i.date.weekday() >= 5 for i in special if i.kind is DayKind.LOCAL_WORKING_DAY)
    assert {i.kind for i in special} <= {DayKind.HOLIDAY, DayKind.LOCAL_WORKING_DAY}
