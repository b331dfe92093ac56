"""Column kernels (hcc.deadlines.kernels) equal the scalar API row for row.

Random receipts over 2000-2100 (to the microsecond, many on session edges and the 15:00
cut-off), every unit, the dated presets, the policy in force per row and custom policies, the
national calendar and calendars with other office hours: ``deadline_columns`` must equal
``compute_deadline`` on every row, ``classify_columns`` must equal ``classify``.
"""

from __future__ import annotations

import datetime as dt
import pickle
import warnings

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hcc.calendar import OfficeHours, vietnam_calendar
from hcc.deadlines import (
    AfterHoursRule,
    AppointmentTime,
    DeadlinePolicy,
    TimeLimit,
    TimeUnit,
    classify,
    compute_deadline,
    compute_deadlines,
)
from hcc.deadlines.kernels import CLASS_CODES, classify_columns, deadline_columns
from hcc.errors import InvalidInputError, OutOfRangeError, ProvisionalCalendarWarning
from hcc.testing.strategies import time_limits

NATIONAL = vietnam_calendar()
SATURDAY_MORNINGS = NATIONAL.with_office_hours(
    {
        "sessions": [{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}],
        "by_weekday": {"5": [{"start": "08:00", "end": "11:30"}]},
    }
)
# one session a day in summer (a season), the default sessions otherwise
SUMMER = NATIONAL.with_office_hours(
    OfficeHours.model_validate(
        {
            "seasons": [
                {"start": "05-01", "end": "09-30", "sessions": [{"start": "07:00", "end": "16:00"}]}
            ]
        }
    )
)
CALENDARS = (NATIONAL, SATURDAY_MORNINGS, SUMMER)

EDGES = [
    dt.time(0, 0),
    dt.time(7, 0),
    dt.time(7, 29, 59, 999999),
    dt.time(7, 30),
    dt.time(11, 30),
    dt.time(12, 0),
    dt.time(13, 30),
    dt.time(15, 0),
    dt.time(15, 0, 0, 1),
    dt.time(16, 0),
    dt.time(17, 0),
    dt.time(23, 59, 59, 999999),
]

POLICIES = st.one_of(
    st.none(),
    st.sampled_from([DeadlinePolicy.decree_61_2018(), DeadlinePolicy.decree_118_2025()]),
    st.builds(
        DeadlinePolicy,
        after_hours=st.sampled_from(list(AfterHoursRule)),
        appointment_time=st.sampled_from(list(AppointmentTime)),
        cutoff=st.sampled_from([dt.time(15, 0), dt.time(11, 0), dt.time(16, 30)]),
        cutoff_units=st.frozensets(st.sampled_from(list(TimeUnit))),
    ),
)

moments = st.builds(
    dt.datetime.combine,
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2095, 12, 31)),
    st.one_of(st.sampled_from(EDGES), st.times()),
)
# receipts up to the calendar's last day: long limits run past 2100 and must be refused alike
any_moments = st.builds(
    dt.datetime.combine,
    st.one_of(
        st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)),
        st.dates(min_value=dt.date(2100, 10, 1), max_value=dt.date(2100, 12, 31)),
    ),
    st.one_of(st.sampled_from(EDGES), st.times()),
)
# the vectorised units, with amounts that stay inside the calendar from 2095
vector_limits = time_limits(
    units=["working_days", "calendar_days", "months", "same_day", "immediate", "working_hours"],
    max_amount=40,
    alternates=False,
)
rare_limits = st.sampled_from(
    [
        "04 giờ làm việc",
        "0,5 giờ làm việc",
        "24 giờ",
        "0,5 ngày làm việc",
        "1,5 ngày làm việc",
        "08 giờ",
    ]
)


def _scalar(received: list[dt.datetime], limits: list[TimeLimit | str], cal, policy):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        return [
            compute_deadline(r, x, calendar=cal, policy=policy)
            for r, x in zip(received, limits, strict=True)
        ]


def _assert_equal(got, expected) -> None:  # type: ignore[no-untyped-def]
    for k, d in enumerate(expected):
        row = (
            got.effective_received_at[k].item(),
            got.due_date[k].item(),
            got.due_at[k].item(),
            bool(got.provisional[k]),
            bool(got.derived[k]),
        )
        want = (
            d.effective_received_at.replace(tzinfo=None),
            d.due_date,
            d.due_at.replace(tzinfo=None),
            d.provisional,
            d.derived,
        )
        assert row == want, (k, d.received_at, str(d.limit), d.policy.name)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(
        st.tuples(any_moments, st.one_of(vector_limits, rare_limits)), min_size=1, max_size=40
    ),
    policy=POLICIES,
    cal=st.sampled_from(CALENDARS),
)
def test_deadline_columns_equal_compute_deadline(rows, policy, cal) -> None:  # type: ignore[no-untyped-def]
    received = [r for r, _ in rows]
    limits = [x for _, x in rows]
    try:
        expected = _scalar(received, limits, cal, policy)
    except OutOfRangeError:  # a row ends after 2100: the kernel refuses the column too
        with pytest.raises(OutOfRangeError):
            deadline_columns(
                np.array(received, dtype="datetime64[us]"), limits, calendar=cal, policy=policy
            )
        return
    got = deadline_columns(
        np.array(received, dtype="datetime64[us]"), limits, calendar=cal, policy=policy
    )
    _assert_equal(got, expected)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            moments,
            st.sampled_from(list(TimeUnit)),
            st.integers(min_value=0, max_value=60),
        ),
        min_size=1,
        max_size=40,
    ),
    policy=POLICIES,
)
def test_units_and_amounts_columns_equal_the_scalar_api(rows, policy) -> None:  # type: ignore[no-untyped-def]
    received = [r for r, _, _ in rows]
    limits = [TimeLimit.of(0 if u in ("same_day", "immediate") else n, u) for _, u, n in rows]
    got = deadline_columns(
        pd.Series(received),
        units=[u for _, u, _ in rows],
        amounts=np.array([x.amount for x in limits]),
        policy=policy,
    )
    _assert_equal(got, _scalar(received, limits, NATIONAL, policy))


def test_policy_in_force_per_row_at_the_switch() -> None:
    # Decree 61/2018 until 30/6/2025, Decree 118/2025 from 1/7/2025: same answers as the scalar
    received = [dt.datetime(2025, 6, 30, 16, 0), dt.datetime(2025, 7, 1, 16, 0)]
    got = deadline_columns(np.array(received, dtype="datetime64[us]"), "Trong ngày")
    _assert_equal(got, _scalar(received, ["Trong ngày"] * 2, NATIONAL, None))
    # a same-day receipt at 16:00 on Monday 30 June moves to Tuesday 1 July, 17:00
    assert got.due_at[0].item() == dt.datetime(2025, 7, 1, 17, 0)


def test_inputs_pandas_aware_and_arrow() -> None:
    naive = pd.Series(pd.to_datetime(["2026-01-09 10:00", "2026-02-13 16:00"]))
    aware = naive.dt.tz_localize("Asia/Ho_Chi_Minh").dt.tz_convert("UTC")
    arrow = pa.array(naive)
    answers = [
        deadline_columns(x, "01 ngày làm việc").due_date.tolist() for x in (naive, aware, arrow)
    ]
    # Saturday 10 January 2026 is a worked day; 14-22 February 2026 is Tết
    assert answers == [[dt.date(2026, 1, 10), dt.date(2026, 2, 23)]] * 3


def test_flags_provisional_and_derived_in_columns_without_warning() -> None:
    received = np.array(
        ["2013-12-30T09:00", "2026-12-30T09:00", "2026-03-02T09:00"], "datetime64[m]"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = deadline_columns(received, "05 ngày làm việc")
    assert got.derived.tolist() == [True, False, False]
    assert got.provisional.tolist() == [False, True, False]


def test_bad_input_is_refused_with_the_field() -> None:
    r = np.array(["2026-03-02T09:00"], dtype="datetime64[m]")
    with pytest.raises(OutOfRangeError):
        deadline_columns(np.array(["2100-12-30T09:00"], "datetime64[m]"), "10 ngày làm việc")
    with pytest.raises(OutOfRangeError):
        deadline_columns(np.array(["1999-12-30T09:00"], "datetime64[m]"), "1 ngày làm việc")
    with pytest.raises(ValueError, match="received"):
        deadline_columns(np.array(["NaT"], "datetime64[m]"), "1 ngày làm việc")
    with pytest.raises(ValueError, match="limit"):
        deadline_columns(r)
    with pytest.raises(ValueError, match="units"):
        deadline_columns(r, units=["fortnights"], amounts=[1])
    with pytest.raises(ValueError, match="amounts"):
        deadline_columns(r, units=["working_days"], amounts=[1.5])
    with pytest.raises(ValueError, match="limit"):
        deadline_columns(r, [1])


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(st.tuples(moments, st.one_of(st.none(), moments)), min_size=1, max_size=30),
    cutoff=st.one_of(st.none(), moments),
)
def test_classify_columns_equal_classify(rows, cutoff) -> None:  # type: ignore[no-untyped-def]
    due = np.array([d for d, _ in rows], dtype="datetime64[us]")
    done = np.array([x if x is not None else "NaT" for _, x in rows], dtype="datetime64[us]")
    got = classify_columns(due, done, cutoff=cutoff)
    for k, (d, x) in enumerate(rows):
        known = x is not None and (cutoff is None or x <= cutoff)
        if known:
            want = classify(x, d).value
        elif cutoff is not None and cutoff > d:
            want = "overdue"
        else:
            want = "pending"
        assert CLASS_CODES[got[k]] == want


def test_calendar_pickles_small_and_to_the_same_answers() -> None:
    national = pickle.dumps(NATIONAL)
    assert len(national) < 200  # a reference to the shared national calendar
    assert pickle.loads(national) is NATIONAL
    blob = pickle.dumps(SATURDAY_MORNINGS)
    assert len(blob) < 64_000  # the recipe (notices and office hours), not the tables
    back = pickle.loads(blob)
    assert pickle.loads(blob) is back  # rebuilt once per process
    received = np.array(
        [dt.datetime(2000, 1, 3) + dt.timedelta(hours=37 * k) for k in range(0, 20000, 7)],
        dtype="datetime64[us]",
    )
    for limit in ("3 ngày làm việc", "Trong ngày", "04 giờ làm việc"):
        a = deadline_columns(received, limit, calendar=SATURDAY_MORNINGS)
        b = deadline_columns(received, limit, calendar=back)
        assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
    quiet = pickle.loads(pickle.dumps(NATIONAL.without_warnings()))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        quiet.add_working_days(dt.date(2030, 1, 1), 1)  # still silent after the round trip


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(moments, st.one_of(vector_limits, rare_limits)), min_size=1, max_size=30
    ),
    policy=POLICIES,
)
def test_compute_deadlines_takes_a_limit_per_row(rows, policy) -> None:  # type: ignore[no-untyped-def]
    received = [r for r, _ in rows]
    limits = [str(x) if isinstance(x, TimeLimit) else x for _, x in rows]
    expected = _scalar(received, limits, NATIONAL, policy)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        as_list = compute_deadlines(received, limits, policy=policy)
        as_array = compute_deadlines(np.array(received, "datetime64[us]"), limits, policy=policy)
        one = compute_deadlines(np.array(received, "datetime64[us]"), limits[0], policy=policy)
    assert as_list == [d.due_at for d in expected]
    assert as_array.tolist() == [d.due_at.replace(tzinfo=None) for d in expected]
    one_limit = _scalar(received, [limits[0]] * len(received), NATIONAL, policy)
    assert one.tolist() == [d.due_at.replace(tzinfo=None) for d in one_limit]


def test_a_limit_per_row_refuses_explained_output() -> None:
    with pytest.raises(ValueError, match="output"):
        compute_deadlines([dt.datetime(2026, 3, 2, 9)], ["Trong ngày"], output="deadline")


def test_the_catalogue_pickles_to_the_same_records_and_deadlines() -> None:
    from hcc.procedures import default_catalogue

    cat = default_catalogue()
    blob = pickle.dumps(cat)
    assert len(blob) < 500_000  # the records, not a process's caches
    back = pickle.loads(blob)
    assert back.codes == cat.codes
    assert [p.model_dump() for p in back] == [p.model_dump() for p in cat]
    at = dt.datetime(2026, 3, 2, 9, 0)
    for code in cat.codes[:20]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ProvisionalCalendarWarning)
            assert back.deadline(code, at) == cat.deadline(code, at)


# ---------------------------------------------------------------- the fast paths of one call
def _scalar_due(received: np.ndarray, limit: str, **kw: object) -> list[dt.datetime]:
    cal = NATIONAL.without_warnings()
    return [
        compute_deadline(m, limit, calendar=cal, **kw).due_at.replace(tzinfo=None)  # type: ignore[arg-type]
        for m in received.astype("datetime64[us]").tolist()
    ]


def test_the_result_never_shares_the_callers_arrays() -> None:
    """Receipts already in microseconds are read without a copy; the answer is still new."""
    received = np.array(["2026-03-02T09:00", "2026-03-07T20:00"], dtype="datetime64[us]")
    kept = received.copy()
    amounts = np.array([3, 0])
    literal = DeadlinePolicy(after_hours="civil_code_literal")
    for got in (
        deadline_columns(received, "05 ngày làm việc", policy=literal),
        deadline_columns(received, units="working_days", amounts=amounts, policy=literal),
        deadline_columns(received, "04 giờ làm việc", policy=literal),
    ):
        for col in got:
            assert not np.shares_memory(col, received)
            assert col.flags.writeable
        got.effective_received_at[:] = np.datetime64("2030-01-01T00:00", "us")
        assert (received == kept).all()
    assert amounts.tolist() == [3, 0]


def test_nat_in_a_microsecond_column_is_refused_as_nat() -> None:
    received = np.array(["2026-03-02T09:00", "NaT"], dtype="datetime64[us]")
    with pytest.raises(ValueError, match="NaT"):
        deadline_columns(received, "1 ngày làm việc")
    with pytest.raises(ValueError, match="NaT"):
        deadline_columns(received, units="working_days", amounts=[1, 2])


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2099, 6, 30)),
        min_size=1,
        max_size=30,
    ),
    st.integers(0, 40),
    st.lists(st.integers(0, 40), min_size=30, max_size=30),
)
def test_one_unit_given_every_way_gives_the_scalar_answers(
    moments: list[dt.datetime], n: int, per_row: list[int]
) -> None:
    """One unit by name, by TimeUnit, as a column; one count, equal counts, counts with zeros."""
    received = np.array(moments, dtype="datetime64[us]")
    want = _scalar_due(received, f"{n} ngày làm việc")
    for units in ("working_days", TimeUnit.WORKING_DAYS, ["working_days"] * len(moments)):
        got = deadline_columns(received, units=units, amounts=[n] * len(moments))
        assert got.due_at.tolist() == want
    assert deadline_columns(received, f"{n} ngày làm việc").due_at.tolist() == want
    counts = per_row[: len(moments)]
    got = deadline_columns(received, units="working_days", amounts=counts).due_at.tolist()
    assert got == [
        _scalar_due(received[k : k + 1], f"{c} ngày làm việc")[0] for k, c in enumerate(counts)
    ]


@pytest.mark.parametrize("how", ["texts", "one", "units", "series"])
def test_long_columns_go_in_slices_with_the_same_answers(
    how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hcc.deadlines.kernels as k

    rng = np.random.default_rng(7)
    n = 1000
    received = (
        np.datetime64("2025-06-20T06:00", "us")
        + rng.integers(0, 60 * 24 * 3600, n).astype("timedelta64[s]")
    ).astype("datetime64[us]")
    texts = rng.choice(["05 ngày làm việc", "Trong ngày", "10 ngày", "04 giờ làm việc"], n)
    args: dict[str, object] = {
        "texts": {"limit": texts},
        "one": {"limit": "03 ngày làm việc"},
        "units": {"units": ["working_days"] * n, "amounts": rng.integers(0, 30, n)},
        "series": {"limit": pd.Series(texts, index=np.arange(n) * 3)},
    }[how]
    whole = deadline_columns(received, **args)  # type: ignore[arg-type]
    monkeypatch.setattr(k, "_CHUNK_ROWS", 97)  # eleven slices, the last one short
    sliced = deadline_columns(received, **args)  # type: ignore[arg-type]
    for a, b in zip(whole, sliced, strict=True):
        np.testing.assert_array_equal(a, b)
    bad = received.copy()
    bad[500] = np.datetime64("NaT")
    with pytest.raises(InvalidInputError, match=r"received\[500\]"):
        deadline_columns(bad, **args)  # type: ignore[arg-type]
