"""Hypothesis properties of working-day arithmetic over 2000-2100 and over random override sets."""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hcc import ProvisionalCalendarWarning
from hcc.calendar import WorkingCalendar, vietnam_calendar

CAL = vietnam_calendar()
# Far enough from the range ends (2000, 2100) that ±1500 working days (about six years) stay inside.
dates = st.dates(min_value=dt.date(2007, 1, 1), max_value=dt.date(2094, 6, 30))
steps = st.integers(min_value=-1500, max_value=1500)


@st.composite
def override_calendars(draw: st.DrawFn) -> WorkingCalendar:
    base = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))
    closures = draw(st.lists(base, max_size=15, unique=True))
    extra = draw(st.lists(base.filter(lambda d: d not in closures), max_size=15, unique=True))
    extra = [d for d in extra if d not in closures]
    return CAL.with_overrides(closures=closures, working_days=extra)


@pytest.fixture(autouse=True)
def _ignore_provisional():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        yield


def _roundtrip(cal: WorkingCalendar, d: dt.date, n: int) -> None:
    d = cal.add_working_days(d, 0)  # a working day
    r = cal.add_working_days(d, n)
    assert cal.working_days_between(d, r) == n
    if n != 0:
        assert cal.is_working_day(r)
        assert (r > d) if n > 0 else (r < d)


@given(dates, steps)
def test_between_inverts_add(d: dt.date, n: int) -> None:
    _roundtrip(CAL, d, n)


@settings(max_examples=40, deadline=None)
@given(
    override_calendars(),
    st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)),
    steps,
)
def test_between_inverts_add_with_overrides(cal: WorkingCalendar, d: dt.date, n: int) -> None:
    _roundtrip(cal, d, n)


@given(dates, steps, steps)
def test_monotone_in_n(d: dt.date, a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    assert CAL.add_working_days(d, lo) <= CAL.add_working_days(d, hi)


@given(dates, dates, st.integers(min_value=-300, max_value=300))
def test_monotone_in_start(a: dt.date, b: dt.date, n: int) -> None:
    lo, hi = sorted((a, b))
    assert CAL.add_working_days(lo, n) <= CAL.add_working_days(hi, n)


@given(dates, st.integers(min_value=1, max_value=1500))
def test_add_is_strictly_after_and_skips_only_non_working_days(d: dt.date, n: int) -> None:
    r = CAL.add_working_days(d, n)
    assert r > d
    assert CAL.is_working_day(r)
    assert sum(1 for _ in CAL.working_days(d + dt.timedelta(days=1), r)) == n


@given(dates, dates)
def test_between_is_antisymmetric_and_counts_half_open_interval(a: dt.date, b: dt.date) -> None:
    assert CAL.working_days_between(a, b) == -CAL.working_days_between(b, a)
    if a <= b:
        assert CAL.working_days_between(a, b) == sum(
            1 for _ in CAL.working_days(a + dt.timedelta(days=1), b)
        )


@given(dates)
def test_next_previous_are_adjacent_working_days(d: dt.date) -> None:
    nxt, prev = CAL.next_working_day(d), CAL.previous_working_day(d)
    assert prev < d < nxt
    assert CAL.working_days_between(prev, nxt) == 2 - (0 if CAL.is_working_day(d) else 1)


@given(st.lists(dates, min_size=1, max_size=40), st.integers(min_value=-400, max_value=400))
def test_batch_equals_scalar(ds: list[dt.date], n: int) -> None:
    scalar = [CAL.add_working_days(d, n) for d in ds]
    assert CAL.add_working_days_batch(ds, n) == scalar
    arr = CAL.add_working_days_batch(np.array(ds, dtype="datetime64[D]"), n)
    assert arr.dtype == np.dtype("datetime64[D]")
    assert [x.item() for x in arr] == scalar


@settings(max_examples=25, deadline=None)
@given(
    override_calendars(),
    st.lists(
        st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)),
        min_size=1,
        max_size=20,
    ),
    st.integers(-50, 50),
)
def test_batch_equals_scalar_with_overrides(
    cal: WorkingCalendar, ds: list[dt.date], n: int
) -> None:
    arr = cal.add_working_days_batch(np.array(ds, dtype="datetime64[D]"), n)
    assert [x.item() for x in arr] == [cal.add_working_days(d, n) for d in ds]


@given(dates)
def test_day_info_agrees_with_is_working_day(d: dt.date) -> None:
    info = CAL.day_info(d)
    assert info.working is CAL.is_working_day(d)
    assert isinstance(info.working, bool)
    assert info.provisional is (d.year >= 2027)
