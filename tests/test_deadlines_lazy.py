"""A Deadline from compute_deadline computes its explanation on first use: nothing else changes.

``skipped`` and ``notes`` are filled in lazily (see ``Deadline._materialize``); these tests check
that every way of reading a Deadline -- attributes, explain() in both languages, model_dump,
model_dump_json, nested serialisation, JSON Schema, equality, hashing, repr, iteration, copies,
pickling, model_validate -- gives exactly what an eagerly built Deadline gives.
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

from hcc.calendar import DayInfo, vietnam_calendar
from hcc.deadlines import Deadline, DeadlinePolicy, TimeLimit, compute_deadline

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
)
QUIET = vietnam_calendar().without_warnings()

receipts = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2079, 12, 31))


def fresh(m: dt.datetime, limit: str, policy: DeadlinePolicy | None, field: str | None) -> Deadline:
    return compute_deadline(m, limit, calendar=QUIET, policy=policy, field=field)


def eager(d: Deadline) -> Deadline:
    """The same Deadline built the validated way, every field given."""
    return Deadline(**{name: getattr(d, name) for name in Deadline.model_fields})


def is_lazy(d: Deadline) -> bool:
    return "skipped" not in d.__dict__


@settings(max_examples=150, deadline=None)
@given(
    receipts,
    st.sampled_from(LIMITS),
    st.sampled_from(POLICIES),
    st.sampled_from([None, "Hộ tịch"]),
)
def test_a_lazy_deadline_reads_as_an_eager_one(
    m: dt.datetime, limit: str, policy: DeadlinePolicy | None, field: str | None
) -> None:
    ref = eager(fresh(m, limit, policy, field))
    assert not is_lazy(ref)
    # each way of reading starts from a fresh (lazy) Deadline
    d = fresh(m, limit, policy, field)
    assert is_lazy(d)
    assert d.model_dump_json() == ref.model_dump_json()
    assert fresh(m, limit, policy, field).model_dump() == ref.model_dump()
    assert fresh(m, limit, policy, field).model_dump(mode="json") == ref.model_dump(mode="json")
    assert fresh(m, limit, policy, field).explain() == ref.explain()
    assert fresh(m, limit, policy, field).explain(lang="vi") == ref.explain(lang="vi")
    assert fresh(m, limit, policy, field) == ref
    assert ref == fresh(m, limit, policy, field)
    assert fresh(m, limit, policy, field) == fresh(m, limit, policy, field)
    assert hash(fresh(m, limit, policy, field)) == hash(ref)
    assert repr(fresh(m, limit, policy, field)) == repr(ref)
    assert str(fresh(m, limit, policy, field)) == str(ref)
    assert list(fresh(m, limit, policy, field)) == list(ref)
    assert fresh(m, limit, policy, field).model_fields_set == ref.model_fields_set
    for d in (
        copy.copy(fresh(m, limit, policy, field)),
        copy.deepcopy(fresh(m, limit, policy, field)),
        fresh(m, limit, policy, field).model_copy(),
        pickle.loads(pickle.dumps(fresh(m, limit, policy, field))),
        Deadline.model_validate_json(fresh(m, limit, policy, field).model_dump_json()),
        Deadline.model_validate(fresh(m, limit, policy, field).model_dump()),
    ):
        assert d == ref
        assert d.model_dump_json() == ref.model_dump_json()
        assert d.explain() == ref.explain()
    # attributes
    d = fresh(m, limit, policy, field)
    assert d.skipped == ref.skipped
    assert d.notes == ref.notes
    assert d.due_at == ref.due_at
    assert d.provisional == ref.provisional


def test_skipped_and_notes_are_computed_once_on_first_use() -> None:
    d = compute_deadline(dt.datetime(2025, 1, 24, 17, 30), "03 ngày làm việc", calendar=QUIET)
    assert is_lazy(d)
    skipped = d.skipped
    assert not is_lazy(d)
    assert d.skipped is skipped  # cached, not recomputed
    assert [x.date for x in skipped][:2] == [dt.date(2025, 1, 25), dt.date(2025, 1, 26)]
    assert all(isinstance(x, DayInfo) for x in skipped)
    assert d.notes == (
        "Received outside office hours: counting starts at the next opening "
        "(policy after_hours=next_opening)",
    )


def test_a_lazy_deadline_stays_frozen() -> None:
    d = compute_deadline(dt.datetime(2025, 1, 24, 9, 0), "03 ngày làm việc", calendar=QUIET)
    with pytest.raises(ValueError, match="frozen"):
        d.skipped = ()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        d.no_such_field  # noqa: B018 - the attribute access is the test
    assert is_lazy(d)  # an unknown attribute does not compute the explanation


def test_nested_serialisation_of_lazy_deadlines() -> None:
    ms = [dt.datetime(2025, 1, 24, 9, 0), dt.datetime(2026, 4, 29, 16, 30)]
    adapter = TypeAdapter(list[Deadline])

    class Holder(BaseModel):
        deadline: Deadline

    lazy = [compute_deadline(m, "05 ngày làm việc", calendar=QUIET) for m in ms]
    assert all(is_lazy(d) for d in lazy)
    ref = [eager(compute_deadline(m, "05 ngày làm việc", calendar=QUIET)) for m in ms]
    assert adapter.dump_json(lazy) == adapter.dump_json(ref)
    assert adapter.validate_json(adapter.dump_json(lazy)) == ref
    one = compute_deadline(ms[0], "05 ngày làm việc", calendar=QUIET)
    assert Holder(deadline=one).model_dump_json() == Holder(deadline=ref[0]).model_dump_json()


def test_the_json_schema_is_the_fields_schema() -> None:
    """The serializer that fills in the explanation does not change the JSON Schema."""

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


def test_a_provisional_deadline_still_warns_at_once() -> None:
    """Laziness defers the explanation only: the provisional warning is not deferred."""
    from hcc.errors import ProvisionalCalendarWarning

    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        d = compute_deadline(dt.datetime(2027, 12, 28, 9, 0), "05 ngày làm việc")
    assert d.provisional
    assert is_lazy(d)
    assert [w.category for w in seen] == [ProvisionalCalendarWarning]


# ---------------------------------------------------------------- the per-call shortcuts
def test_next_opening_is_the_calendars_opening_at_or_after() -> None:
    """compute_deadline's own next opening equals WorkingCalendar.opening_at_or_after."""
    import random

    from hcc.calendar import VN_TZ, OfficeHours
    from hcc.deadlines.compute import _in_office, _next_opening

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
            if _in_office(cal, m):
                continue
            checked += 1
            assert _next_opening(cal, m) == cal.opening_at_or_after(m), m
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
