"""The dossier state machine and the append-only log: valid and invalid transitions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hcc.calendar import VN_TZ
from hcc.dossiers import (
    TRANSITIONS,
    Dossier,
    DossierEvent,
    DossierState,
    EventKind,
    allowed_events,
    next_state,
)
from hcc.errors import DossierCodeError, EventOrderError, InvalidTransitionError

T0 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=VN_TZ)
HEADER: dict[str, Any] = {
    "code": "000.00.01.H38-260302-0001",
    "procedure_code": "1.001193",
    "procedure_name": "Đăng ký khai sinh",
    "lead_agency": "UBND xã Tân Lập",
    "applicant": "Nguyễn Văn A",
    "time_limit": "05 ngày làm việc",
}


def make(*kinds: str, **extra: Any) -> Dossier:
    events = [{"kind": "received", "at": T0}]
    for i, k in enumerate(kinds, start=1):
        e: dict[str, Any] = {"kind": k, "at": T0 + dt.timedelta(hours=i)}
        if k == "transferred":
            e["agency"] = "Công an xã"
        if k == "extended":
            e["new_due"] = T0 + dt.timedelta(days=20)
        if k == "rated":
            e["rating"] = "satisfied"
        events.append(e)
    return Dossier(**HEADER, **extra, events=events)


# Hand-written from the issue: which event leads where (not read from TRANSITIONS).
EXPECTED = {
    ("new", "received"): "processing",
    ("processing", "supplement_requested"): "awaiting_supplement",
    ("processing", "transferred"): "at_agency",
    ("processing", "extended"): "processing",
    ("processing", "result_ready"): "result_ready",
    ("processing", "refused"): "refused",
    ("processing", "withdrawn"): "withdrawn",
    ("processing", "stopped"): "stopped",  # dừng giải quyết (2025 form 05)
    ("awaiting_supplement", "supplement_received"): "processing",
    ("awaiting_supplement", "refused"): "refused",
    ("awaiting_supplement", "withdrawn"): "withdrawn",
    ("awaiting_supplement", "stopped"): "stopped",  # dừng giải quyết (2025 form 05)
    ("at_agency", "transferred"): "at_agency",
    ("at_agency", "transfer_returned"): "processing",
    ("at_agency", "supplement_requested"): "awaiting_supplement",
    ("at_agency", "extended"): "at_agency",
    ("at_agency", "refused"): "refused",
    ("at_agency", "withdrawn"): "withdrawn",
    ("at_agency", "stopped"): "stopped",  # dừng giải quyết (2025 form 05)
    ("result_ready", "returned"): "returned",
    ("result_ready", "posted"): "posted",
    ("result_ready", "delivered"): "delivered",
    ("refused", "returned"): "returned",
    ("refused", "posted"): "posted",
    ("refused", "delivered"): "delivered",
    ("posted", "delivered"): "delivered",
}
for _s in DossierState:
    if _s is not DossierState.NEW:
        EXPECTED[(_s.value, "rated")] = _s.value


@pytest.mark.parametrize("state", list(DossierState))
@pytest.mark.parametrize("event", list(EventKind))
def test_every_pair_of_state_and_event(state: DossierState, event: EventKind) -> None:
    expected = EXPECTED.get((state.value, event.value))
    if expected is None:
        with pytest.raises(InvalidTransitionError) as info:
            next_state(state, event)
        assert info.value.state == state.value
        assert info.value.event == event.value
        assert state.value in str(info.value)
        assert event.value in str(info.value)
    else:
        assert next_state(state, event).value == expected


def test_table_is_exactly_the_hand_written_one() -> None:
    table = {
        (s.value, e.value): t.value for s, moves in TRANSITIONS.items() for e, t in moves.items()
    }
    assert table == EXPECTED
    assert [e.value for e in allowed_events(DossierState.POSTED)] == ["delivered", "rated"]


def test_a_full_inter_agency_life() -> None:
    d = make(
        "transferred",
        "transferred",
        "transfer_returned",
        "supplement_requested",
        "supplement_received",
        "extended",
        "result_ready",
        "posted",
        "delivered",
        "rated",
    )
    assert d.state is DossierState.DELIVERED
    assert [s.back_at is not None for s in d.agency_steps] == [True, True]
    assert d.agency_steps[0].back_at == d.agency_steps[1].sent_at
    assert len(d.supplements) == 1
    assert d.supplements[0].received_at is not None
    assert d.returned_via is EventKind.POSTED
    assert d.delivered_at == T0 + dt.timedelta(hours=9)
    assert d.settled_at == T0 + dt.timedelta(hours=7)
    assert d.rating is not None
    assert d.rating.value == "satisfied"


def test_invalid_log_names_state_and_event() -> None:
    with pytest.raises(InvalidTransitionError) as info:
        make("result_ready", "supplement_requested")
    assert (info.value.state, info.value.event) == ("result_ready", "supplement_requested")


def test_log_must_start_with_receipt() -> None:
    with pytest.raises(InvalidTransitionError) as info:
        Dossier(**HEADER, events=[{"kind": "result_ready", "at": T0}])
    assert (info.value.state, info.value.event) == ("new", "result_ready")


def test_events_out_of_time_order() -> None:
    with pytest.raises(EventOrderError) as info:
        Dossier(
            **HEADER,
            events=[
                {"kind": "received", "at": T0},
                {"kind": "result_ready", "at": T0 + dt.timedelta(hours=2)},
                {"kind": "returned", "at": T0 + dt.timedelta(hours=1)},
            ],
        )
    assert (info.value.event, info.value.other) == ("returned", "result_ready")


def test_append_is_checked_and_does_not_change_the_original() -> None:
    d = make()
    with pytest.raises(InvalidTransitionError):
        d.record("delivered", T0 + dt.timedelta(hours=1))
    d2 = d.record("result_ready", T0 + dt.timedelta(hours=1))
    assert d.state is DossierState.PROCESSING
    assert d2.state is DossierState.RESULT_READY
    assert d2.events[:1] == d.events
    with pytest.raises(EventOrderError):
        d2.record("returned", T0 - dt.timedelta(minutes=1))


def test_code_date_is_the_receipt_date() -> None:
    with pytest.raises(DossierCodeError, match="receipt date 2026-03-02"):
        Dossier(
            **{**HEADER, "code": "000.00.01.H38-260303-0001"},
            events=[{"kind": "received", "at": T0}],
        )


def test_event_fields_fit_their_kind() -> None:
    with pytest.raises(ValueError, match="needs agency"):
        DossierEvent(kind="transferred", at=T0)
    with pytest.raises(ValueError, match="new_due"):
        DossierEvent(kind="result_ready", at=T0, new_due=T0 + dt.timedelta(days=1))
    with pytest.raises(ValueError, match="must be after"):
        DossierEvent(kind="extended", at=T0, new_due=T0)


def test_as_of_cuts_the_log() -> None:
    d = make("transferred", "transfer_returned", "result_ready")
    assert d.as_of(T0 - dt.timedelta(seconds=1)) is None
    assert d.as_of(T0) is not None
    assert d.as_of(T0).state is DossierState.PROCESSING
    mid = d.as_of(T0 + dt.timedelta(hours=1, minutes=30))
    assert mid is not None
    assert mid.state is DossierState.AT_AGENCY
    assert mid.agency_steps[0].back_at is None
    assert d.as_of(T0 + dt.timedelta(days=1)) is d


def test_json_round_trip_and_model_copy_replay() -> None:
    d = make("transferred", "transfer_returned", "result_ready", "returned", "rated")
    back = Dossier.model_validate_json(d.model_dump_json())
    assert back == d
    assert back.state is d.state
    assert back.rating == d.rating
    late = DossierEvent(kind="transferred", at=T0 + dt.timedelta(days=1), agency="Công an xã")
    with pytest.raises(InvalidTransitionError):
        d.model_copy(update={"events": (*d.events, late)})


def test_alternate_limit() -> None:
    two = "Trong ngày; trường hợp phải xác minh thì không quá 05 ngày làm việc"
    with pytest.raises(ValueError, match="use_alternate"):
        Dossier(**{**HEADER, "use_alternate": True}, events=[{"kind": "received", "at": T0}])
    d = Dossier(
        **{**HEADER, "time_limit": two, "use_alternate": True},
        events=[{"kind": "received", "at": T0}],
    )
    assert str(d.applicable_limit) == "05 ngày làm việc"
    # 05 working days from Mon 2 March 2026: Mon 9 March, 17:00
    assert d.sla(as_of=T0).due_at == dt.datetime(2026, 3, 9, 17, 0, tzinfo=VN_TZ)
    plain = d.model_copy(update={"use_alternate": False})
    assert plain.sla(as_of=T0).due_at == dt.datetime(2026, 3, 2, 17, 0, tzinfo=VN_TZ)
