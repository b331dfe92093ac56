"""A Deadline from compute_deadline is an ordinary pydantic model: nothing distinguishes it.

``compute_deadline`` builds every field at once (``skipped`` from the calendar's table of days off,
``notes`` only when a rule fires) through ``Deadline.model_construct``; these tests check that the
result is the model pydantic validates from the same fields -- equality, JSON, JSON Schema, hash,
repr, iteration, copies, pickling, ``model_validate`` round trips, ``model_fields_set``,
``explain()`` in both languages -- and that the fast ``skipped`` equals a day-by-day walk.
"""

from __future__ import annotations

import copy
import datetime as dt
import pickle
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, TypeAdapter

from hcc.calendar import DayInfo, WorkingCalendar, vietnam_calendar
from hcc.deadlines import Deadline, DeadlinePolicy, TimeLimit, TimeUnit, compute_deadline

LIMITS = (
    "05 ngày làm việc",
    "01 ngày làm việc",
    "30 ngày",
    "02 tháng",
    "Trong ngày",
    "Ngay",
    "04 giờ làm việc",
    "24 giờ",
    "0,5 ngày làm việc",
)
POLICIES = (
    None,
    DeadlinePolicy(appointment_time="receipt_clock_time"),
    DeadlinePolicy(after_hours="civil_code_literal"),
    DeadlinePolicy(cutoff_units=["same_day", "immediate", "working_days", "calendar_days"]),
)
QUIET = vietnam_calendar().without_warnings()
ONE_DAY = dt.timedelta(days=1)

receipts = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2079, 12, 31))


def fresh(m: dt.datetime, limit: str, policy: DeadlinePolicy | None, field: str | None) -> Deadline:
    return compute_deadline(m, limit, calendar=QUIET, policy=policy, field=field)


def validated(d: Deadline) -> Deadline:
    """The same Deadline built the validated way, every field given."""
    return Deadline(**{name: getattr(d, name) for name in Deadline.model_fields})


@settings(max_examples=150, deadline=None)
@given(
    receipts,
    st.sampled_from(LIMITS),
    st.sampled_from(POLICIES),
    st.sampled_from([None, "Hộ tịch"]),
)
def test_a_computed_deadline_is_the_validated_model(
    m: dt.datetime, limit: str, policy: DeadlinePolicy | None, field: str | None
) -> None:
    d = fresh(m, limit, policy, field)
    ref = validated(d)
    assert d == ref
    assert ref == d
    assert type(d) is Deadline
    assert d.__dict__ == ref.__dict__
    assert list(d.__dict__) == list(Deadline.model_fields)  # every field, in field order
    assert d.model_fields_set == ref.model_fields_set == set(Deadline.model_fields)
    assert d.model_dump_json() == ref.model_dump_json()
    assert d.model_dump() == ref.model_dump()
    assert d.model_dump(mode="json") == ref.model_dump(mode="json")
    assert d.explain() == ref.explain()
    assert d.explain(lang="vi") == ref.explain(lang="vi")
    assert hash(d) == hash(ref)
    assert repr(d) == repr(ref)
    assert str(d) == str(ref)
    assert list(d) == list(ref)
    assert d == fresh(m, limit, policy, field)
    for other in (
        copy.copy(d),
        copy.deepcopy(d),
        d.model_copy(),
        pickle.loads(pickle.dumps(d)),
        Deadline.model_validate_json(d.model_dump_json()),
        Deadline.model_validate(d.model_dump()),
    ):
        assert other == ref
        assert hash(other) == hash(ref)
        assert other.model_dump_json() == ref.model_dump_json()
        assert other.explain() == ref.explain()
        assert other.model_fields_set == ref.model_fields_set
    # the explanation material is what its rules say
    assert all(not x.working for x in d.skipped)
    assert [x.date for x in d.skipped] == sorted({x.date for x in d.skipped})
    assert d.notes == () or (
        d.effective_received_at != d.received_at and d.limit.unit is not TimeUnit.CLOCK_HOURS
    )


# ---------------------------------------------------------------- skipped: the reference walk
def reference_skipped(cal: WorkingCalendar, received: dt.date, d: Deadline) -> tuple[DayInfo, ...]:
    """The days off that moved the receipt or the due date, walked day by day."""
    if d.limit.unit in (TimeUnit.CALENDAR_DAYS, TimeUnit.MONTHS, TimeUnit.CLOCK_HOURS):
        assert d.nominal_date is not None
        spans = [
            (received, d.effective_received_at.date() - ONE_DAY),
            (d.nominal_date, d.due_date - ONE_DAY),
        ]
    else:
        spans = [(received, d.due_date)]
    out: list[DayInfo] = []
    for a, b in spans:
        day = a
        while day <= b:
            if not cal.is_working_day(day) and all(x.date != day for x in out):
                out.append(cal.day_info(day))
            day += ONE_DAY
    return tuple(out)


@settings(max_examples=300, deadline=None)
@given(receipts, st.sampled_from(LIMITS), st.sampled_from(POLICIES))
def test_skipped_equals_a_day_by_day_walk(
    m: dt.datetime, limit: str, policy: DeadlinePolicy | None
) -> None:
    d = compute_deadline(m, limit, calendar=QUIET, policy=policy)
    assert d.skipped == reference_skipped(QUIET, m.date(), d)


def _other_calendars() -> list[WorkingCalendar]:
    from hcc.calendar import OfficeHours
    from hcc.testing import FixedCalendar

    national = vietnam_calendar()
    seasons = OfficeHours.model_validate(
        {
            "seasons": [
                {"start": "05-01", "end": "09-30", "sessions": [{"start": "07:00", "end": "16:00"}]}
            ]
        }
    )
    return [
        FixedCalendar(holidays=["2030-01-01", "2030-04-30"], working_days=["2030-01-05"]),
        national.with_overrides(closures=[dt.date(2026, 3, 4)]).without_warnings(),
        national.with_office_hours(seasons).without_warnings(),
    ]


@pytest.mark.parametrize("k", range(3))
def test_skipped_on_other_calendars(k: int) -> None:
    """Local rows, a test calendar and seasonal office hours: skipped still equals the walk."""
    import random

    cal = _other_calendars()[k]
    first = max(cal.first_date, dt.date(2025, 1, 1))
    rng = random.Random(k)
    for _ in range(300):
        m = dt.datetime.combine(first, dt.time(0)) + dt.timedelta(
            minutes=rng.randrange(4 * 365 * 1440)
        )
        policy = rng.choice(POLICIES)
        d = compute_deadline(m, rng.choice(LIMITS), calendar=cal, policy=policy)
        assert d.skipped == reference_skipped(cal, m.date(), d), m
        assert d == validated(d)


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.integers(min_value=-3, max_value=120),
)
def test_days_off_equals_a_day_by_day_walk(a: dt.date, span: int) -> None:
    b = min(a + dt.timedelta(days=span), dt.date(2100, 12, 31))
    want = []
    day = a
    while day <= b:
        if not QUIET.is_working_day(day):
            want.append(QUIET.day_info(day))
        day += ONE_DAY
    got = QUIET.days_off(a, b)
    assert got == tuple(want)
    assert QUIET.days_off(a, b) == got  # the second read (from the kept DayInfo) is the same


def test_days_off_at_the_calendars_ends_and_out_of_range() -> None:
    from hcc.errors import OutOfRangeError

    first, last = QUIET.first_date, QUIET.last_date
    # Saturday 1 January 2000 (New Year's Day), Sunday 2, Monday 3 (its compensatory day)
    got = QUIET.days_off(first, first + dt.timedelta(days=3))
    assert [(x.date.day, x.kind.value) for x in got] == [
        (1, "holiday"),
        (2, "weekend"),
        (3, "compensatory"),
    ]
    assert QUIET.days_off(first, first) == got[:1]
    # the last week of the range: Saturday 25 and Sunday 26 December 2100
    got = QUIET.days_off(last - dt.timedelta(days=6), last)
    assert [x.date.day for x in got] == [25, 26]
    assert QUIET.days_off(last, last) == ()  # Friday 31 December 2100
    assert QUIET.days_off(last, first) == ()
    with pytest.raises(OutOfRangeError):
        QUIET.days_off(first - ONE_DAY, first)
    with pytest.raises(OutOfRangeError):
        QUIET.days_off(last, last + ONE_DAY)


def test_a_derived_calendar_has_its_own_days_off() -> None:
    """Overrides give a new calendar object: nothing kept by the national one leaks into it."""
    national = vietnam_calendar().without_warnings()
    day = dt.date(2026, 3, 4)  # a Wednesday
    assert national.days_off(day, day) == ()
    national.days_off(dt.date(2026, 3, 1), dt.date(2026, 3, 8))  # keeps the weekend's DayInfo
    local = vietnam_calendar().with_overrides(closures=[day]).without_warnings()
    assert local is not national
    got = local.days_off(dt.date(2026, 3, 1), dt.date(2026, 3, 8))
    assert [x.date.day for x in got] == [1, 4, 7, 8]
    assert national.days_off(day, day) == ()
    d = compute_deadline(dt.datetime(2026, 3, 3, 9), "01 ngày làm việc", calendar=local)
    assert d.due_date == dt.date(2026, 3, 5)
    assert [x.date for x in d.skipped] == [day]
    # the view without warnings shares the national tables (the same kept DayInfo)
    loud = vietnam_calendar()
    assert (
        loud.days_off(dt.date(2026, 3, 1), dt.date(2026, 3, 1))[0]
        is national.days_off(dt.date(2026, 3, 1), dt.date(2026, 3, 1))[0]
    )


def test_the_friday_before_tet_2025() -> None:
    """After hours before the nine days off of Tết: one note, the days with their sources."""
    d = compute_deadline(dt.datetime(2025, 1, 24, 17, 30), "03 ngày làm việc", calendar=QUIET)
    # counted from the opening of Monday 3 February: Tuesday 4, Wednesday 5, Thursday 6
    assert d.effective_received_at == dt.datetime(2025, 2, 3, 7, 30, tzinfo=d.received_at.tzinfo)
    assert d.due_date == dt.date(2025, 2, 6)
    assert [x.date.day for x in d.skipped] == [25, 26, 27, 28, 29, 30, 31, 1, 2]
    assert all(isinstance(x, DayInfo) for x in d.skipped)
    assert d.skipped[2].source is not None
    assert "6150/TB-BLĐTBXH" in d.skipped[2].source
    assert d.notes == (
        "Received outside office hours: counting starts at the next opening "
        "(policy after_hours=next_opening)",
    )
    assert compute_deadline(dt.datetime(2026, 3, 2, 9), "05 ngày làm việc").notes == ()


def test_a_deadline_stays_frozen() -> None:
    d = compute_deadline(dt.datetime(2025, 1, 24, 9, 0), "03 ngày làm việc", calendar=QUIET)
    with pytest.raises(ValueError, match="frozen"):
        d.skipped = ()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        d.no_such_field  # noqa: B018 - the attribute access is the test


def test_nested_serialisation() -> None:
    ms = [dt.datetime(2025, 1, 24, 9, 0), dt.datetime(2026, 4, 29, 16, 30)]
    adapter = TypeAdapter(list[Deadline])

    class Holder(BaseModel):
        deadline: Deadline

    got = [compute_deadline(m, "05 ngày làm việc", calendar=QUIET) for m in ms]
    ref = [validated(d) for d in got]
    assert adapter.dump_json(got) == adapter.dump_json(ref)
    assert adapter.validate_json(adapter.dump_json(got)) == ref
    assert Holder(deadline=got[0]).model_dump_json() == Holder(deadline=ref[0]).model_dump_json()


def test_the_json_schema_is_the_fields_schema() -> None:
    class Plain(BaseModel):
        model_config = ConfigDict(frozen=True, extra="forbid")

        received_at: dt.datetime
        effective_received_at: dt.datetime
        limit: TimeLimit
        policy: DeadlinePolicy
        due_date: dt.date
        due_at: dt.datetime
        nominal_date: dt.date | None = None
        provisional: bool = False
        derived: bool = False
        skipped: tuple[DayInfo, ...] = ()
        notes: tuple[str, ...] = ()

    for mode in ("validation", "serialization"):
        got = Deadline.model_json_schema(mode=mode)  # type: ignore[arg-type]
        want = Plain.model_json_schema(mode=mode)  # type: ignore[arg-type]
        got.pop("description", None), got.pop("title")
        want.pop("description", None), want.pop("title")
        assert got == want


def test_a_provisional_deadline_warns_once() -> None:
    from hcc.errors import ProvisionalCalendarWarning

    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        d = compute_deadline(dt.datetime(2027, 12, 28, 9, 0), "05 ngày làm việc")
    assert d.provisional
    assert any(x.provisional for x in d.skipped)
    assert [w.category for w in seen] == [ProvisionalCalendarWarning]


def test_a_derived_deadline_says_so() -> None:
    d = compute_deadline(dt.datetime(2013, 12, 20, 9), "10 ngày làm việc", calendar=QUIET)
    assert d.derived
    assert not d.provisional
    assert not compute_deadline(dt.datetime(2026, 1, 5, 9), "5 ngày làm việc").derived


def test_a_clock_hour_period_from_before_the_calendar_is_refused() -> None:
    from hcc.errors import OutOfRangeError

    with pytest.raises(OutOfRangeError):
        compute_deadline(dt.datetime(1999, 12, 31, 23), "24 giờ", calendar=QUIET)


# ---------------------------------------------------------------- the per-call shortcuts
def test_next_opening_is_the_calendars_opening_at_or_after() -> None:
    """compute_deadline's own next opening equals WorkingCalendar.opening_at_or_after."""
    import random

    from hcc.calendar import VN_TZ, OfficeHours
    from hcc.deadlines.compute import _opening_from

    national = vietnam_calendar()
    calendars = [
        national.without_warnings(),
        national.with_office_hours(
            {
                "sessions": [
                    {"start": "08:00", "end": "12:00"},
                    {"start": "13:00", "end": "17:00"},
                ],
                "by_weekday": {"5": [{"start": "08:00", "end": "11:30"}]},
            }
        ).without_warnings(),
        national.with_office_hours(
            OfficeHours.model_validate(
                {
                    "seasons": [
                        {
                            "start": "05-01",
                            "end": "09-30",
                            "sessions": [{"start": "07:00", "end": "16:00"}],
                        }
                    ]
                }
            )
        ).without_warnings(),
    ]
    rng = random.Random(20261206)
    checked = 0
    for cal in calendars:
        for _ in range(4000):
            m = dt.datetime(2000, 1, 1, tzinfo=VN_TZ) + dt.timedelta(
                seconds=rng.randrange(99 * 365 * 86400), microseconds=rng.choice([0, 1, 999_999])
            )
            got = _opening_from(cal, m)
            if got is m:  # inside office hours
                assert any(s <= m.time() < e for s, e in cal.sessions_on(m.date())), m
                continue
            checked += 1
            assert got == cal.opening_at_or_after(m), m
    assert checked > 5000


def test_a_policy_writes_the_same_json_in_every_process() -> None:
    # a frozenset of str enums iterates in an order that changes with the process's hash seed
    import os
    import subprocess
    import sys

    code = (
        "from hcc.deadlines import DeadlinePolicy as P;"
        "print(P.decree_61_2018().model_dump_json(), P.decree_118_2025().model_dump_json())"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (1, 2, 3, 4)
    }
    assert len(outs) == 1
    assert '"cutoff_units":["same_day","immediate"]' in outs.pop()
