"""The batch evaluation of dossiers (``hcc.dossiers._evaluate``) equals their SLA clocks.

Its fast paths for ``reset`` policies (supplements and extensions replayed on batched dues)
and ``pause`` policies (the clock's pause arithmetic without a full status) are checked against :meth:`hcc.Dossier.sla` on random logs biased towards supplements and
extensions and reaching into 2027 (a provisional year): the classification, the due at the end
of the log, "overdue" at random cutoffs, and whether a provisional-calendar warning is emitted.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st

from hcc.calendar import VN_TZ, vietnam_calendar
from hcc.deadlines import ClockState, DeadlinePolicy, TimeUnit
from hcc.dossiers import TRANSITIONS, Dossier, DossierEvent, DossierState, EventKind
from hcc.dossiers._evaluate import _M_CLOCK, _M_TIMELINE, evaluate
from hcc.dossiers.register import _moment_text, _moment_texts
from hcc.errors import ProvisionalCalendarWarning

T = TypeVar("T")
LIMITS = ["Trong ngày", "03 ngày làm việc", "15 ngày", "01 tháng", "04 giờ làm việc"]
POLICIES = [None, DeadlinePolicy.decree_61_2018(), DeadlinePolicy.decree_118_2025()]
BIASED = (EventKind.SUPPLEMENT_REQUESTED, EventKind.SUPPLEMENT_RECEIVED, EventKind.EXTENDED)


@st.composite
def reset_logs(
    draw: st.DrawFn,
    first: dt.datetime = dt.datetime(2026, 6, 1),
    last: dt.datetime = dt.datetime(2026, 12, 31),
) -> list[DossierEvent]:
    """A valid log, received between ``first`` and ``last``, with supplements and extensions
    favoured."""
    start = draw(st.datetimes(min_value=first, max_value=last))
    t = start.replace(second=0, microsecond=0, tzinfo=VN_TZ)
    events = [DossierEvent(kind=EventKind.RECEIVED, at=t)]
    state = DossierState.PROCESSING
    extended = False
    for _ in range(draw(st.integers(0, 10))):
        allowed = sorted(
            (k for k in TRANSITIONS[state] if not (k is EventKind.EXTENDED and extended)),
            key=lambda k: k.value,
        )
        if not allowed:
            break
        kind = draw(st.sampled_from(allowed + [k for k in allowed if k in BIASED] * 3))
        t = t + dt.timedelta(minutes=draw(st.integers(0, 6 * 24 * 60)))
        fields: dict[str, Any] = {}
        if kind is EventKind.TRANSFERRED:
            fields["agency"] = "Chi cục Thuế"
            fields["allotment"] = draw(st.sampled_from([None, None, "01 ngày làm việc"]))
        elif kind is EventKind.EXTENDED:
            fields["new_due"] = t + dt.timedelta(hours=draw(st.integers(1, 20 * 24)))
            extended = True
        elif kind is EventKind.RATED:
            fields["rating"] = "satisfied"
        events.append(DossierEvent(kind=kind, at=t, **fields))
        state = TRANSITIONS[state][kind]
    return events


def warned(fn: Callable[[], T]) -> tuple[T, bool]:
    """``fn()`` and whether it emitted a provisional-calendar warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = fn()
    return result, any(issubclass(w.category, ProvisionalCalendarWarning) for w in caught)


def _check_overdue_at_cutoffs(d: Dossier, ev: Any, cuts: list[int]) -> None:
    """At each cut-off (minutes after receipt) of an open dossier, the evaluation's ``overdue_at``
    says what the clock says, and warns as the clock does."""
    for minutes in cuts:
        cutoff = d.received_at + dt.timedelta(minutes=minutes)
        view = d.as_of(cutoff)
        assert view is not None
        if view.settled_at is None and view.withdrawn_at is None and view.stopped_at is None:
            overdue, warned_overdue = warned(lambda: ev.overdue_at(cutoff))  # noqa: B023 - called at once, inside the loop
            at_cutoff, warned_status = warned(lambda: d.sla(as_of=cutoff))  # noqa: B023 - called at once, inside the loop
            assert overdue == (at_cutoff.state is ClockState.BREACHED)
            if not ev.simple:
                assert warned_overdue == warned_status


def _dossier(events: list[DossierEvent], limit: str, policy: DeadlinePolicy | None) -> Dossier:
    return Dossier(
        code=f"000.00.01.H38-{events[0].at:%y%m%d}-0001",
        procedure_code="1.001193",
        procedure_name="Thủ tục thử",
        lead_agency="UBND xã Tân Lập",
        applicant="Nguyễn Văn A",
        time_limit=limit,
        policy=policy,
        events=events,
    )


@settings(max_examples=300, deadline=None)
@given(
    reset_logs(),
    st.sampled_from(LIMITS),
    st.sampled_from(POLICIES),
    st.lists(st.integers(0, 90 * 24 * 60), min_size=1, max_size=5),
)
def test_evaluation_equals_the_clock_with_supplements_and_extensions(
    events: list[DossierEvent],
    limit: str,
    policy: DeadlinePolicy | None,
    cuts: list[int],
) -> None:
    d = _dossier(events, limit, policy)
    (ev,), warned_batch = warned(lambda: evaluate([d]))

    def by_the_clock() -> Any:
        status = d.sla(as_of=d.events[-1].at)
        d.appointment()
        if d.settled_at is not None:
            vietnam_calendar().working_days_between(d.received_at.date(), d.settled_at.date())
        return status

    status, warned_clock = warned(by_the_clock)
    assert ev.classification == status.classification
    assert ev.due_at == status.due_at
    assert warned_batch == warned_clock
    _check_overdue_at_cutoffs(d, ev, cuts)


@settings(max_examples=300, deadline=None)
@given(
    st.datetimes(
        min_value=dt.datetime(1900, 1, 1),
        max_value=dt.datetime(2099, 12, 31),
        timezones=st.sampled_from(
            [VN_TZ, dt.UTC, dt.timezone(dt.timedelta(hours=-3, minutes=-30))]
        ),
    ),
    st.sampled_from(["iso", "vn"]),
)
def test_register_csv_moments_are_written_as_by_strftime(m: dt.datetime, style: Any) -> None:
    fmt = _moment_texts(style)
    assert fmt(m) == _moment_text(m, style)
    assert fmt(m) == _moment_text(m, style)  # from the caches
    assert fmt(None) == ""


PAUSE_POLICIES = [
    DeadlinePolicy.decree_118_2025(),
    DeadlinePolicy(name="clock time", supplement="pause", appointment_time="receipt_clock_time"),
    DeadlinePolicy(name="literal", supplement="pause", after_hours="civil_code_literal"),
    DeadlinePolicy(
        name="cut-off for all",
        supplement="pause",
        cutoff_units=frozenset(TimeUnit),
        cutoff="11:30",
    ),
]
"""Pause policies: the preset and variants that reach every branch of the pause arithmetic."""
ALL_LIMITS = [*LIMITS, "24 giờ", "0,5 ngày làm việc", "10 ngày làm việc"]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        # across the switch from Decree 61/2018 (reset) to Decree 118/2025 (pause) on 1/7/2025
        reset_logs(dt.datetime(2025, 6, 25), dt.datetime(2025, 7, 4)),
        # due dates, pauses and extensions in the provisional 2027
        reset_logs(dt.datetime(2026, 11, 15), dt.datetime(2026, 12, 31)),
    ),
    st.sampled_from(ALL_LIMITS),
    st.sampled_from([None, None, DeadlinePolicy.decree_61_2018(), *PAUSE_POLICIES]),
    st.lists(st.integers(0, 90 * 24 * 60), min_size=1, max_size=5),
)
def test_every_path_equals_the_clock_across_the_policy_switch_and_into_2027(
    events: list[DossierEvent],
    limit: str,
    policy: DeadlinePolicy | None,
    cuts: list[int],
) -> None:
    d = _dossier(events, limit, policy)
    (ev,), warned_batch = warned(lambda: evaluate([d]))

    def by_the_clock() -> Any:
        status = d.sla(as_of=d.events[-1].at)
        if d.settled_at is not None:
            vietnam_calendar().working_days_between(d.received_at.date(), d.settled_at.date())
        return status, d.appointment()

    (status, appointment), warned_clock = warned(by_the_clock)
    # which path: a supplement or an extension without an allotted step is replayed on the
    # batch's dues (reset) or by the pause arithmetic (pause), never through a full clock
    replayed = bool(d.supplements or d.extensions) and all(
        s.allotment is None for s in d.agency_steps
    )
    assert (ev.memo[_M_TIMELINE] is not None) == replayed
    assert ev.memo[_M_CLOCK] is None or not replayed
    assert ev.appointment == appointment.due_at
    assert ev.classification == status.classification
    assert ev.due_at == status.due_at
    assert warned_batch == warned_clock
    _check_overdue_at_cutoffs(d, ev, cuts)


def test_a_memo_serves_only_the_same_calendar_and_callers_policy() -> None:
    # received in 2026 (Decree 118/2025: pause), with a two-working-day supplement round
    d = Dossier(
        code="000.00.01.H38-260302-0001",
        procedure_code="1.001193",
        procedure_name="Thủ tục thử",
        lead_agency="UBND xã Tân Lập",
        applicant="Nguyễn Văn A",
        time_limit="05 ngày làm việc",
        events=[
            DossierEvent(kind="received", at=dt.datetime(2026, 3, 2, 9, tzinfo=VN_TZ)),
            DossierEvent(kind="supplement_requested", at=dt.datetime(2026, 3, 3, 9, tzinfo=VN_TZ)),
            DossierEvent(kind="supplement_received", at=dt.datetime(2026, 3, 5, 9, tzinfo=VN_TZ)),
        ],
    )
    reset = DeadlinePolicy.decree_61_2018()
    (paused,) = evaluate([d])
    assert paused.due_at == d.sla(as_of=d.events[-1].at).due_at
    assert paused.due_at == dt.datetime(2026, 3, 11, 17, tzinfo=VN_TZ)  # 9/3 + 2 working days
    (again,) = evaluate([d])
    assert again.memo is paused.memo  # the same call arguments: the memo is read
    (restarted,) = evaluate([d], policy=reset)
    # counted again from the supplement (Thu 5/3 09:00): five working days, Thu 12/3
    assert restarted.due_at == dt.datetime(2026, 3, 12, 17, tzinfo=VN_TZ)
    assert restarted.due_at == d.sla(as_of=d.events[-1].at, policy=reset).due_at
    other = vietnam_calendar().with_overrides(closures=[dt.date(2026, 3, 10)])
    (moved,) = evaluate([d], calendar=other)
    assert moved.due_at == dt.datetime(2026, 3, 12, 17, tzinfo=VN_TZ)
    (back,) = evaluate([d])
    assert back.due_at == paused.due_at
