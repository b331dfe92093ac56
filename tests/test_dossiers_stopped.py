"""Stopped dossiers (issue 14, point 6): "dừng giải quyết" ends a dossier in its own state.

The agency stops processing (notice "Thông báo dừng giải quyết hồ sơ", form 05 of the 2025 form
set): the SLA clock stops without a classification, the dossier is neither settled, withdrawn nor
pending, and indicators count it apart.
"""

from __future__ import annotations

import datetime as dt

import pytest

from hcc.calendar import VN_TZ
from hcc.deadlines import ClockState, Received, Stopped, sla_status
from hcc.dossiers import Dossier, DossierState, Period, indicators
from hcc.errors import EventOrderError, InvalidTransitionError


def _at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, 0, tzinfo=VN_TZ)


def _dossier(n: int, *events: tuple[str, dt.datetime]) -> Dossier:
    d = Dossier.receive(
        code=f"000.00.23.H40-260302-{n:04d}",
        procedure_code="1.003010",
        procedure_name="Đăng ký biến động quyền sử dụng đất",
        lead_agency="Chi nhánh Văn phòng đăng ký đất đai",
        applicant="Nguyễn Văn An",
        time_limit="05 ngày làm việc",
        at=_at(2),
    )
    for kind, at in events:
        d = d.record(kind, at, **({"reason": "Tòa án đã thụ lý"} if kind == "stopped" else {}))
    return d


def test_a_stopped_dossier_ends_in_its_own_state() -> None:
    d = _dossier(1, ("stopped", _at(4)))
    assert d.state is DossierState.STOPPED
    assert d.state.label == "Dừng giải quyết"
    assert d.stopped_at == _at(4)
    assert d.settled_at is None
    assert d.withdrawn_at is None
    st = d.sla(as_of=_at(31))  # long after the due date (9/3): stopped, not breached
    assert st.state is ClockState.STOPPED
    assert st.classification is None
    assert st.stopped_at == _at(4)
    assert st.elapsed == dt.timedelta(hours=15)  # Mon 2/3 09:00-17:00 (7 h) + Tue 3/3 (8 h)
    with pytest.raises(InvalidTransitionError):
        d.record("result_ready", _at(5))
    rated = d.record("rated", _at(5), rating="dissatisfied")
    assert rated.state is DossierState.STOPPED  # a rating keeps the state


def test_the_clock_refuses_events_after_a_stop() -> None:
    with pytest.raises(EventOrderError, match="closed"):
        sla_status(
            [Received(at=_at(2)), Stopped(at=_at(3)), Stopped(at=_at(4))],
            "05 ngày làm việc",
            at=_at(5),
        )


def test_indicators_count_stopped_dossiers_apart() -> None:
    ds = [
        _dossier(1, ("stopped", _at(4))),
        _dossier(2, ("withdrawn", _at(4))),
        _dossier(3, ("result_ready", _at(5))),
        _dossier(4),
    ]
    ind = indicators(ds, Period.month(2026, 3), as_of=_at(31))
    assert (ind.received, ind.settled, ind.withdrawn, ind.stopped, ind.pending) == (4, 1, 1, 1, 1)
    assert ind.pending_overdue == 1  # only number 4: a stopped dossier is never overdue
    before = indicators(ds, Period.month(2026, 3), as_of=_at(3))
    assert (before.stopped, before.pending) == (0, 4)  # not yet stopped at the cutoff


def test_the_register_notes_the_stop() -> None:
    from hcc.dossiers import RegisterBook

    book = RegisterBook(2026)
    book.add(_dossier(1, ("stopped", _at(4))))
    (row,) = book.rows(as_of=_at(31))
    assert row.note == "Dừng giải quyết hồ sơ: Tòa án đã thụ lý"
