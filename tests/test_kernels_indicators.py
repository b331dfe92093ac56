"""indicator_counts/finish_indicators equal hcc.dossiers.indicators and group_indicators."""

from __future__ import annotations

import datetime as dt
import warnings

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hcc.dossiers import COUNT_COLUMNS, Period, group_indicators, indicators
from hcc.dossiers.kernels import RATIO_COLUMNS, finish_indicators, indicator_counts
from hcc.errors import ProvisionalCalendarWarning
from tests._dossier_rows import dossier, draw, frame


def _scalar(fn, *args, **kw):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        return fn(*args, **kw)


def _same(ind, row) -> None:  # type: ignore[no-untyped-def]
    for name in COUNT_COLUMNS:
        assert getattr(ind, name) == int(row[name]), name
    for name in RATIO_COLUMNS:
        exact = getattr(ind, name)
        got = float(row[name])
        if exact is None:
            assert got != got  # NaN
        else:
            assert got == float(exact), name  # the same float, bit for bit


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10**6),
    n=st.integers(0, 150),
    start=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 6, 1)),
    offset=st.integers(0, 200),
    length=st.integers(0, 100),
    as_of_hours=st.integers(0, 24 * 150),
)
def test_counts_equal_indicators_and_groups(seed, n, start, offset, length, as_of_hours) -> None:  # type: ignore[no-untyped-def]
    rows = draw(n, seed, start, 120)
    ds = [dossier(r) for r in rows]
    data = (
        frame(rows)
        if rows
        else pd.DataFrame({"received_at": pd.Series([], dtype="datetime64[us]"), "limit": []})
    )
    p = Period(
        start=start + dt.timedelta(days=offset % 60),
        end=start + dt.timedelta(days=offset % 60 + length),
    )
    as_of = dt.datetime.combine(start, dt.time(0)) + dt.timedelta(hours=as_of_hours)
    whole = finish_indicators(indicator_counts(data, p, as_of=as_of))
    _same(_scalar(indicators, ds, p, as_of=as_of), whole.iloc[0])
    months = finish_indicators(indicator_counts(data, p, as_of=as_of, by=["month"]))
    expected = _scalar(group_indicators, ds, p, by="month", as_of=as_of)
    assert list(months.index) == list(expected)
    for key, ind in expected.items():
        _same(ind, months.loc[key])
    if rows:
        fields = finish_indicators(indicator_counts(data, p, as_of=as_of, by=["field"]))
        expected = _scalar(group_indicators, ds, p, by="field", as_of=as_of)
        assert list(fields.index) == list(expected)
        for key, ind in expected.items():
            _same(ind, fields.loc[key])


def test_counts_of_parts_add_up_to_the_whole() -> None:
    data = frame(draw(2000, 7, dt.date(2026, 1, 1), 90))
    p, as_of = Period(start="2026-01-01", end="2026-03-31"), dt.datetime(2026, 3, 20)
    by = ["province", "field", "month"]
    whole = indicator_counts(data, p, as_of=as_of, by=by)
    parts = pd.concat(
        indicator_counts(data.iloc[a : a + 300], p, as_of=as_of, by=by) for a in range(0, 2000, 300)
    )
    assert whole.equals(parts.groupby(level=by).sum())


def test_a_given_due_moment_wins_over_the_limit() -> None:
    # received Monday 2/3/2026 09:00 with 1 working day (due Tue 3/3 17:00); answered Wed 4/3
    data = pd.DataFrame(
        {
            "received_at": pd.to_datetime(["2026-03-02 09:00"] * 2),
            "limit": ["01 ngày làm việc"] * 2,
            "due_at": pd.to_datetime([None, "2026-03-05 17:00"]),  # the second was extended
            "settled_at": pd.to_datetime(["2026-03-04 10:00"] * 2),
        }
    )
    c = indicator_counts(data, Period.month(2026, 3), as_of=dt.datetime(2026, 4, 1))
    assert (int(c["late"].iloc[0]), int(c["early"].iloc[0])) == (1, 1)


def test_bad_columns_are_named() -> None:
    p, as_of = Period.month(2026, 3), dt.datetime(2026, 4, 1)
    base = {"received_at": pd.to_datetime(["2026-03-02 09:00"]), "limit": ["Trong ngày"]}
    with pytest.raises(ValueError, match="channel"):
        indicator_counts({**base, "channel": ["carrier pigeon"]}, p, as_of=as_of)
    with pytest.raises(ValueError, match="received_at"):
        indicator_counts({"limit": ["Trong ngày"]}, p, as_of=as_of)
    with pytest.raises(ValueError, match="limit"):
        indicator_counts({"received_at": base["received_at"]}, p, as_of=as_of)
    with pytest.raises(ValueError, match="by"):
        indicator_counts(base, p, as_of=as_of, by=["province"])


@pytest.mark.parametrize("by", [[], ["province"], ["province", "month"], ["month"]])
def test_long_tables_are_counted_in_slices_with_the_same_counts(
    by: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import hcc.dossiers.kernels as k
    from hcc.testing.synthetic import synthetic_dossiers

    data = synthetic_dossiers(2000, seed=3)
    period = Period(start="2024-01-01", end="2024-12-31")
    as_of = dt.datetime(2025, 1, 10)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        whole = indicator_counts(data, period, as_of=as_of, by=by)
        monkeypatch.setattr(k, "_CHUNK_ROWS", 333)  # seven slices, the last one short
        sliced = indicator_counts(data, period, as_of=as_of, by=by)
    pd.testing.assert_frame_equal(sliced, whole, check_exact=True)
