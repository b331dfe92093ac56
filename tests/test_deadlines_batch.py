"""compute_deadlines (lists and numpy arrays) equals compute_deadline; deadline properties."""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hcc.calendar import VN_TZ, WorkingCalendar, vietnam_calendar
from hcc.deadlines import (
    Deadline,
    DeadlinePolicy,
    TimeLimit,
    TimeUnit,
    compute_deadline,
    compute_deadlines,
)
from hcc.errors import ProvisionalCalendarWarning

CAL = vietnam_calendar()
# a local calendar whose openings differ by weekday and season (07:00 in summer, 08:00 otherwise)
LOCAL = CAL.with_office_hours(
    {
        "sessions": [{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "17:30"}],
        "by_weekday": {5: [{"start": "07:30", "end": "11:30"}]},
        "seasons": [
            {
                "start": "05-01",
                "end": "09-30",
                "sessions": [
                    {"start": "07:00", "end": "11:00"},
                    {"start": "13:30", "end": "17:30"},
                ],
            }
        ],
    }
)
# clock times around every boundary of the default office hours and the 15:00 cut-off
EDGE_TIMES = [
    dt.time(0, 0),
    dt.time(7, 29, 59, 999999),
    dt.time(7, 30),
    dt.time(9, 10, 30, 5),
    dt.time(11, 29, 59),
    dt.time(11, 30),
    dt.time(12, 0),
    dt.time(13, 29, 59, 999999),
    dt.time(13, 30),
    dt.time(14, 59, 59, 999999),
    dt.time(15, 0),
    dt.time(15, 0, 0, 1),
    dt.time(16, 59, 59, 999999),
    dt.time(17, 0),
    dt.time(23, 59, 59),
]
days = st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2026, 11, 30))
times = st.one_of(st.sampled_from(EDGE_TIMES), st.times())
moments = st.builds(dt.datetime.combine, days, times)
policies = st.sampled_from(
    [
        DeadlinePolicy.decree_61_2018(),
        DeadlinePolicy.civil_code(),
        DeadlinePolicy(appointment_time="receipt_clock_time"),
        DeadlinePolicy(cutoff_units=frozenset(TimeUnit)),
        DeadlinePolicy(cutoff="12:00", cutoff_units=frozenset(TimeUnit)),
        DeadlinePolicy(cutoff="07:00"),
        DeadlinePolicy(cutoff="07:15", cutoff_units=frozenset(TimeUnit)),
        DeadlinePolicy(cutoff="18:00"),
        DeadlinePolicy(after_hours="civil_code_literal", cutoff_units=frozenset(TimeUnit)),
        DeadlinePolicy(after_hours="civil_code_literal", appointment_time="receipt_clock_time"),
    ]
)
limits = st.builds(
    TimeLimit.of,
    st.integers(0, 30),
    st.sampled_from(
        [TimeUnit.WORKING_DAYS, TimeUnit.CALENDAR_DAYS, TimeUnit.MONTHS, TimeUnit.WORKING_HOURS]
    ),
) | st.sampled_from([TimeLimit(unit=TimeUnit.SAME_DAY), TimeLimit(unit=TimeUnit.IMMEDIATE)])


def _scalar(
    ms: list[dt.datetime], limit: TimeLimit, policy: DeadlinePolicy, cal: WorkingCalendar
) -> list[dt.datetime]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        return [compute_deadline(m, limit, calendar=cal, policy=policy).due_at for m in ms]


@settings(max_examples=300, deadline=None)
@given(st.lists(moments, min_size=1, max_size=40), limits, policies, st.sampled_from([CAL, LOCAL]))
def test_batch_equals_scalar(
    ms: list[dt.datetime], limit: TimeLimit, policy: DeadlinePolicy, cal: WorkingCalendar
) -> None:
    want = _scalar(ms, limit, policy, cal)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        got_list = compute_deadlines(ms, limit, calendar=cal, policy=policy)
        got_dates = compute_deadlines(ms, limit, calendar=cal, policy=policy, output="due_date")
        arr = np.array(ms, dtype="datetime64[us]")
        got_arr = compute_deadlines(arr, limit, calendar=cal, policy=policy)
        got_arr_d = compute_deadlines(arr, limit, calendar=cal, policy=policy, output="due_date")
    assert got_list == want
    assert got_dates == [w.date() for w in want]
    assert [x.replace(tzinfo=VN_TZ) for x in got_arr.astype(object)] == want
    assert list(got_arr_d.astype(object)) == [w.date() for w in want]


def test_batch_shapes_units_and_outputs() -> None:
    arr = np.array(
        [["2026-01-09T10:00", "2026-02-13T16:00"], ["2026-03-07", "2026-03-02T15:30"]],
        dtype="datetime64[m]",
    )
    got = compute_deadlines(arr, "01 ngày làm việc", output="due_date")
    assert got.shape == (2, 2)
    assert got.dtype == np.dtype("datetime64[D]")
    assert got.tolist() == [
        [dt.date(2026, 1, 10), dt.date(2026, 2, 23)],
        [dt.date(2026, 3, 10), dt.date(2026, 3, 3)],
    ]
    days_only = compute_deadlines(np.array(["2026-03-07"], dtype="datetime64[D]"), "Trong ngày")
    assert days_only[0] == np.datetime64("2026-03-09T17:00", "us")
    deadlines = compute_deadlines(
        [dt.datetime(2026, 3, 2, 9)], "05 ngày làm việc", output="deadline"
    )
    assert deadlines[0].due_date == dt.date(2026, 3, 9)
    assert compute_deadlines([], "05 ngày làm việc") == []


def test_batch_errors() -> None:
    with pytest.raises(ValueError, match="output"):
        compute_deadlines([dt.datetime(2026, 3, 2)], "Trong ngày", output="when")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="numpy"):
        compute_deadlines(
            np.array(["2026-03-02"], dtype="datetime64[D]"), "Trong ngày", output="deadline"
        )
    with pytest.raises(ValueError, match="datetime64"):
        compute_deadlines(np.array([1, 2]), "Trong ngày")
    with pytest.raises(ValueError, match="NaT"):
        compute_deadlines(np.array(["NaT"], dtype="datetime64[s]"), "Trong ngày")
    with pytest.raises(TypeError, match="received"):
        compute_deadlines("2026-03-02", "Trong ngày")
    with pytest.raises(ValueError, match=r"received\[1\]"):
        compute_deadlines([dt.datetime(2026, 3, 2), "garbage"], "Trong ngày")
    with pytest.raises(ValueError, match="outside"):
        compute_deadlines(np.array(["2101-01-02"], dtype="datetime64[D]"), "Trong ngày")


def test_batch_provisional_warns_once() -> None:
    ms = [dt.datetime(2026, 12, 29, 9), dt.datetime(2026, 12, 30, 9), dt.datetime(2026, 3, 2, 9)]
    for received in (ms, np.array(ms, dtype="datetime64[us]")):
        with pytest.warns(ProvisionalCalendarWarning) as rec:
            compute_deadlines(received, "05 ngày làm việc")
        assert len(rec) == 1
    with pytest.warns(ProvisionalCalendarWarning) as rec:
        out = compute_deadlines(ms, "05 ngày làm việc", output="deadline")
    assert len(rec) == 1
    assert [d.provisional for d in out] == [True, True, False]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compute_deadlines(ms[2:], "05 ngày làm việc")


# ---------------------------------------------------------------------- deadline properties
all_policies = policies


def _cd(m: dt.datetime, limit: TimeLimit, policy: DeadlinePolicy | None = None) -> Deadline:
    """compute_deadline on the national calendar; projected years (2027+) are fine here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        return compute_deadline(m, limit, calendar=CAL, policy=policy)


@settings(max_examples=300, deadline=None)
@given(moments, limits, all_policies)
def test_due_date_is_a_working_day(
    m: dt.datetime, limit: TimeLimit, policy: DeadlinePolicy
) -> None:
    d = _cd(m, limit, policy)
    assert CAL.day_info(d.due_date).working
    assert d.due_at.date() == d.due_date
    if policy.after_hours == "next_opening":
        # (civil_code_literal counts whole days from the receipt's date, whatever the hour)
        assert d.due_at >= d.effective_received_at
    assert d.effective_received_at >= d.received_at
    sessions = CAL.sessions_on(d.due_date)
    assert sessions[0][0] <= d.due_at.time() <= sessions[-1][1]


@settings(max_examples=300, deadline=None)
@given(moments, st.integers(0, 3 * 24 * 3600), limits, all_policies)
def test_later_receipt_never_earlier(
    m: dt.datetime, delta_s: int, limit: TimeLimit, policy: DeadlinePolicy
) -> None:
    later = m + dt.timedelta(seconds=delta_s)
    a = _cd(m, limit, policy)
    b = _cd(later, limit, policy)
    assert b.due_date >= a.due_date
    if not (
        policy.after_hours == "civil_code_literal"
        and policy.appointment_time == "receipt_clock_time"
    ):  # documented exception: see compute_deadline's docstring
        assert b.due_at >= a.due_at


@settings(max_examples=300, deadline=None)
@given(
    moments,
    st.sampled_from(
        [TimeUnit.WORKING_DAYS, TimeUnit.CALENDAR_DAYS, TimeUnit.MONTHS, TimeUnit.WORKING_HOURS]
    ),
    st.integers(0, 40),
    st.integers(0, 40),
    all_policies,
)
def test_longer_limit_never_earlier(
    m: dt.datetime, unit: TimeUnit, a: int, b: int, policy: DeadlinePolicy
) -> None:
    short, long_ = sorted((a, b))
    x = _cd(m, TimeLimit.of(short, unit), policy)
    y = _cd(m, TimeLimit.of(long_, unit), policy)
    assert y.due_at >= x.due_at
    if long_ > short and unit is TimeUnit.WORKING_DAYS:
        assert y.due_date > x.due_date


@settings(max_examples=200, deadline=None)
@given(moments, limits)
def test_exceeds_agrees_with_computed_deadlines(m: dt.datetime, limit: TimeLimit) -> None:
    """If a limit never exceeds another, its deadline is never later (for this receipt)."""
    other = TimeLimit.of(5, TimeUnit.WORKING_DAYS)
    verdict = limit.exceeds(other)
    a = _cd(m, limit)
    b = _cd(m, other)
    if verdict is False:
        assert a.due_at <= b.due_at
