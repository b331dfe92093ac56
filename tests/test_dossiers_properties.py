"""Properties of dossiers: any valid log gives a consistent state, SLA status and register row;
replaying gives the same result; invalid logs are rejected naming the offending event."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from hcc.calendar import VN_TZ
from hcc.deadlines import ClockEvent, ClockState, DeadlinePolicy
from hcc.dossiers import (
    TRANSITIONS,
    Dossier,
    DossierEvent,
    DossierState,
    EventKind,
    Period,
    Register,
    group_indicators,
    indicators,
)
from hcc.dossiers._evaluate import evaluate
from hcc.errors import InvalidTransitionError

CLOCK_EVENTS = TypeAdapter(list[ClockEvent])
LIMITS = [
    "Trong ngày",
    "Ngay",
    "03 ngày làm việc",
    "05 ngày làm việc",
    "15 ngày",
    "01 tháng",
    "04 giờ làm việc",
]
POLICIES = [
    DeadlinePolicy.decree_61_2018(),
    DeadlinePolicy.decree_118_2025(),
    DeadlinePolicy.civil_code(),
]
AGENCIES = ["Công an xã", "Chi cục Thuế", "Văn phòng đăng ký đất đai"]


@st.composite
def logs(draw: st.DrawFn, max_events: int = 10) -> list[DossierEvent]:
    """A valid log: a random walk on the transition table, in time order, one extension at most."""
    start = draw(
        st.datetimes(min_value=dt.datetime(2025, 1, 2), max_value=dt.datetime(2026, 9, 30))
    )
    t = start.replace(second=0, microsecond=0, tzinfo=VN_TZ)
    events = [DossierEvent(kind=EventKind.RECEIVED, at=t)]
    state = DossierState.PROCESSING
    extended = False
    for _ in range(draw(st.integers(0, max_events))):
        allowed = sorted(
            (k for k in TRANSITIONS[state] if not (k is EventKind.EXTENDED and extended)),
            key=lambda k: k.value,
        )
        if not allowed:
            break
        kind = draw(st.sampled_from(allowed))
        t = t + dt.timedelta(minutes=draw(st.integers(0, 4 * 24 * 60)))
        fields: dict[str, Any] = {}
        if kind is EventKind.TRANSFERRED:
            fields["agency"] = draw(st.sampled_from(AGENCIES))
            fields["allotment"] = draw(
                st.sampled_from([None, "01 ngày làm việc", "02 ngày làm việc"])
            )
        elif kind is EventKind.EXTENDED:
            fields["new_due"] = t + dt.timedelta(hours=draw(st.integers(1, 20 * 24)))
            extended = True
        elif kind is EventKind.RATED:
            fields["rating"] = draw(
                st.sampled_from(["very_satisfied", "satisfied", "dissatisfied"])
            )
        events.append(DossierEvent(kind=kind, at=t, **fields))
        state = TRANSITIONS[state][kind]
    return events


@st.composite
def dossiers(draw: st.DrawFn, serial: int = 1) -> Dossier:
    events = draw(logs())
    received = events[0].at
    return Dossier(
        code=f"000.00.01.H38-{received:%y%m%d}-{serial:04d}",
        procedure_code=draw(st.sampled_from(["1.001193", "2.000815", "1.000894"])),
        procedure_name="Thủ tục thử",
        field=draw(st.sampled_from(["Hộ tịch", "Chứng thực"])),
        lead_agency=draw(st.sampled_from(["UBND xã Tân Lập", "UBND xã Yên Bình"])),
        applicant="Nguyễn Văn A",
        channel=draw(st.sampled_from(["direct", "online", "postal"])),
        time_limit=draw(st.sampled_from(LIMITS)),
        policy=draw(st.sampled_from([None, *POLICIES])),
        events=events,
    )


def header(d: Dossier) -> dict[str, Any]:
    return d.model_dump(exclude={"events"})


@settings(max_examples=150, deadline=None)
@given(dossiers())
def test_replay_gives_the_same_dossier_state_and_sla(d: Dossier) -> None:
    # incremental recording equals construction from the whole log
    built = Dossier(**header(d), events=d.events[:1])
    for e in d.events[1:]:
        built = built.append(e)
    assert built == d
    assert built.state is d.state
    assert d.code_text == str(d.code)
    # the clock events (built without re-validation) equal validated ones
    clock_events = list(d.clock_events())
    assert CLOCK_EVENTS.validate_python([e.model_dump() for e in clock_events]) == clock_events
    last = d.events[-1].at
    assert built.sla(as_of=last) == d.sla(as_of=last)
    # the state is the walk of the transition table
    state = DossierState.NEW
    for e in d.events:
        state = TRANSITIONS[state][e.kind]
    assert d.state is state
    # as_of(m) is the dossier of the prefix up to m
    for i, e in enumerate(d.events):
        view = d.as_of(e.at)
        assert view is not None
        n = max(j for j, x in enumerate(d.events) if x.at <= e.at) + 1
        assert n > i
        assert view == Dossier(**header(d), events=d.events[:n])


@settings(max_examples=150, deadline=None)
@given(dossiers())
def test_sla_state_is_consistent_with_the_log(d: Dossier) -> None:
    s = d.sla(as_of=d.events[-1].at + dt.timedelta(days=1))
    assert s.received_at == d.received_at
    assert s.extensions == len(d.extensions)
    assert s.supplement_rounds == sum(1 for x in d.supplements if x.received_at is not None)
    assert s.completed_at == d.settled_at
    assert s.returned_at == d.returned_at
    if d.withdrawn_at is not None:
        assert s.state is ClockState.WITHDRAWN
    elif d.stopped_at is not None:
        assert s.state is ClockState.STOPPED
        assert s.classification is None
        assert s.classification is None
    elif d.settled_at is not None:
        assert s.state in (ClockState.MET, ClockState.BREACHED)
        assert s.classification is not None
    else:
        assert s.classification is None
        assert (s.state is ClockState.PAUSED) == (d.state is DossierState.AWAITING_SUPPLEMENT)


@settings(max_examples=100, deadline=None)
@given(dossiers())
def test_register_entry_is_consistent(d: Dossier) -> None:
    reg = Register()
    ref = reg.add(Dossier(**header(d), events=d.events[:1]))
    for e in d.events[1:]:
        reg.record(d.code, e.kind, e.at, **e.model_dump(exclude={"kind", "at"}, exclude_none=True))
    assert reg.get(d.code) == d
    (row,) = reg.book(ref.year).rows()
    assert (row.year, row.number, row.number_text) == (d.received_at.year, 1, "01")
    assert row.code == str(d.code)
    assert row.received_at == d.received_at
    assert row.appointment == d.appointment().due_at
    assert row.result_received_at == d.settled_at
    assert row.returned_at == d.returned_at
    assert row.state == d.state.value
    first = next((e for e in d.events if e.kind is EventKind.TRANSFERRED), None)
    assert row.transferred_at == (first.at if first else None)
    due = d.sla(as_of=d.events[-1].at).due_at
    assert row.new_appointment == (due if due is not None and due != row.appointment else None)


@settings(max_examples=150, deadline=None)
@given(dossiers(), st.integers(0, 60 * 24 * 60))
def test_batch_evaluation_equals_the_clock(d: Dossier, minutes: int) -> None:
    (ev,) = evaluate([d])
    s = d.sla(as_of=d.events[-1].at)
    assert ev.classification == s.classification
    assert ev.due_at == s.due_at
    cutoff = d.received_at + dt.timedelta(minutes=minutes)
    view = d.as_of(cutoff)
    assert view is not None
    if view.settled_at is None and view.withdrawn_at is None and view.stopped_at is None:
        assert ev.overdue_at(cutoff) == (d.sla(as_of=cutoff).state is ClockState.BREACHED)


@given(logs(), st.data())
def test_invalid_event_is_rejected_naming_state_and_event(
    events: list[DossierEvent], data: st.DataObject
) -> None:
    i = data.draw(st.integers(1, len(events)))
    state = DossierState.NEW
    for e in events[:i]:
        state = TRANSITIONS[state][e.kind]
    bad = data.draw(st.sampled_from(sorted(set(EventKind) - set(TRANSITIONS[state]), key=str)))
    fields: dict[str, Any] = {}
    if bad is EventKind.TRANSFERRED:
        fields["agency"] = "Công an xã"
    if bad is EventKind.EXTENDED:
        fields["new_due"] = events[i - 1].at + dt.timedelta(days=30)
    if bad is EventKind.RATED:
        fields["rating"] = "satisfied"
    intruder = DossierEvent(kind=bad, at=events[i - 1].at, **fields)
    log = [*events[:i], intruder, *events[i:]]
    with pytest.raises(InvalidTransitionError) as info:
        Dossier(
            code=f"000.00.01.H38-{events[0].at:%y%m%d}-0001",
            procedure_code="1.001193",
            procedure_name="Thủ tục thử",
            lead_agency="UBND xã",
            applicant="A",
            time_limit="05 ngày làm việc",
            events=log,
        )
    assert info.value.state == state.value
    assert info.value.event == bad.value


@settings(max_examples=40, deadline=None)
@given(st.lists(dossiers(), min_size=1, max_size=8))
def test_month_groups_equal_monthly_reports_and_keys_partition(ds: list[Dossier]) -> None:
    ds = [
        d.model_copy(update={"code": f"000.00.01.H38-{d.received_at:%y%m%d}-{i + 1:04d}"})
        for i, d in enumerate(ds)
    ]
    period = Period(start="2025-01-01", end="2026-12-31")
    as_of = dt.datetime(2026, 12, 31, 23, 59, tzinfo=VN_TZ)
    months = group_indicators(ds, period, by="month", as_of=as_of)
    for m in period.months()[::5]:
        assert months[m.start.strftime("%Y-%m")] == indicators(ds, m, as_of=as_of)
    total = indicators(ds, period, as_of=as_of)
    for by in ("procedure", "field", "agency"):
        groups = group_indicators(ds, period, by=by, as_of=as_of)
        for name in ("received", "settled", "early", "on_time", "late", "pending", "rated"):
            assert sum(getattr(g, name) for g in groups.values()) == getattr(total, name)
    assert total.received == len(ds)
    assert total.settled + total.withdrawn + total.stopped + total.pending == len(ds)
