"""The time-zone rule: naive in is Vietnam time, aware out; helpers make moments comparable."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hcc import compute_deadline
from hcc.calendar import VN_TZ, InvalidInputError, like, to_vn_aware, to_vn_naive

naive = st.datetimes(min_value=dt.datetime(2001, 1, 1), max_value=dt.datetime(2099, 12, 31))
zones = st.sampled_from(
    [dt.UTC, VN_TZ, dt.timezone(dt.timedelta(hours=-5)), dt.timezone(dt.timedelta(hours=9))]
)


@given(naive)
def test_naive_round_trip(m: dt.datetime) -> None:
    aware = to_vn_aware(m)
    assert aware.utcoffset() == dt.timedelta(hours=7)
    assert to_vn_naive(aware) == m
    assert like(aware, m) == m


@given(naive, zones)
def test_aware_keeps_the_instant(m: dt.datetime, tz: dt.tzinfo) -> None:
    aware = m.replace(tzinfo=tz)
    assert to_vn_aware(aware) == aware  # the same instant
    assert to_vn_naive(aware) == aware.astimezone(VN_TZ).replace(tzinfo=None)
    other = dt.datetime(2050, 6, 1, 12, tzinfo=dt.UTC)
    assert like(aware, other) == aware
    assert like(aware, other).tzinfo is dt.UTC


@settings(deadline=None)
@given(naive)
def test_max_of_an_app_moment_and_a_due_does_not_raise(at: dt.datetime) -> None:
    due = compute_deadline(dt.datetime(2026, 3, 2, 9, 0), "05 ngày làm việc").due_at
    assert due == dt.datetime(2026, 3, 9, 17, tzinfo=VN_TZ)  # 5 working days, no holiday
    with pytest.raises(TypeError):
        max(at, due)  # what the rule documents: naive and aware do not compare
    got = max(at, like(due, at))
    assert got == max(at, dt.datetime(2026, 3, 9, 17))
    assert max(to_vn_aware(at), due) == max(at, dt.datetime(2026, 3, 9, 17)).replace(tzinfo=VN_TZ)


def test_bad_values() -> None:
    with pytest.raises(InvalidInputError):
        to_vn_naive("yesterday")
    with pytest.raises(InvalidInputError):
        like(dt.datetime(2026, 1, 1), "2026-01-01")  # type: ignore[arg-type]
    assert to_vn_naive(dt.date(2026, 1, 2)) == dt.datetime(2026, 1, 2)
