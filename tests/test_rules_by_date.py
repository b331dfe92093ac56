"""The rules in force on the receipt date judge a dossier (issue 14, point 1 and 8).

Answers in ``tests/answers/rules_by_date.toml`` are written by hand from the texts.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hcc.calendar import VN_TZ, vietnam_calendar
from hcc.deadlines import (
    DeadlinePolicy,
    Received,
    SlaClock,
    SupplementReceived,
    SupplementRequested,
    compute_deadline,
    compute_deadlines,
    cutoff_basis,
    policy_in_force,
    sla_status,
)
from hcc.documents import form_set_in_force, render, sample_context
from hcc.dossiers import Dossier
from hcc.errors import DeadlineError
from hcc.procedures import default_catalogue
from tests.conftest import ANSWERS

ANSWER = tomllib.loads((ANSWERS / "rules_by_date.toml").read_text(encoding="utf-8"))
PRESETS = {
    "decree_61_2018": DeadlinePolicy.decree_61_2018(),
    "decree_118_2025": DeadlinePolicy.decree_118_2025(),
}


def _vn(text: str) -> dt.datetime:
    m = dt.datetime.fromisoformat(text)
    return m.replace(tzinfo=VN_TZ) if m.tzinfo is None else m


@pytest.mark.parametrize("case", ANSWER["receipt"], ids=[c["id"] for c in ANSWER["receipt"]])
def test_policy_and_form_set_in_force_at_receipt(case: dict[str, Any]) -> None:
    received = _vn(case["received"])
    pol = policy_in_force(received)
    assert pol.name == case["policy"]
    assert pol.supplement.value == case["supplement"]
    assert form_set_in_force(received).id == case["form_set"]
    # what the common calls pick without a policy argument
    assert compute_deadline(received, "05 ngày làm việc").policy is pol
    assert SlaClock("05 ngày làm việc", [Received(at=received)]).policy is pol
    dossier = Dossier.receive(
        code=f"000.00.01.H38-{received.astimezone(VN_TZ):%y%m%d}-0001",
        procedure_code="1.004222",
        procedure_name="Đăng ký thường trú",
        lead_agency="Công an xã",
        applicant="Nguyễn Văn A",
        time_limit="05 ngày làm việc",
        at=received,
    )
    assert dossier.appointment().policy is pol


@pytest.mark.parametrize("case", ANSWER["clock"], ids=[c["id"] for c in ANSWER["clock"]])
def test_supplements_follow_the_rules_of_the_receipt(case: dict[str, Any]) -> None:
    events = [
        Received(at=case["received"]),
        SupplementRequested(at=case["requested"]),
        SupplementReceived(at=case["supplied"]),
    ]
    policy = PRESETS[case["policy"]] if "policy" in case else None
    st_ = sla_status(events, case["limit"], at=case["supplied"], policy=policy)
    assert st_.due_at == _vn(case["due_at"]), case["why"]


def test_the_sample_receipt_promises_the_right_day() -> None:
    (case,) = ANSWER["deadline"]
    d = compute_deadline(_vn(case["received"]), case["limit"])
    assert d.due_at == _vn(case["due_at"]), case["why"]
    receipt = sample_context("receipt")
    assert receipt.dossier.received_at == _vn(case["received"])
    assert receipt.dossier.due_at == _vn(case["due_at"])
    flat = " ".join(render("receipt", receipt).split())
    assert "17 giờ 00 phút, ngày 13 tháng 01 năm 2026" in flat
    assert "ngày 14 tháng 01" not in flat


def test_render_picks_the_form_set_of_the_receipt() -> None:
    ctx = sample_context("apology")
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN" in render("apology", ctx)  # received 5/1/2026
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI" in render("apology", ctx, form_set="tt01-2018")


def test_batch_splits_at_the_switch() -> None:
    # Received on 30/6 and 1/7/2025, each with a supplement: the batch agrees with the scalar
    days = [dt.datetime(2025, 6, 30, 16, 0), dt.datetime(2025, 7, 1, 16, 0)]
    assert compute_deadlines(days, "Trong ngày", output="due_date") == [
        compute_deadline(m, "Trong ngày").due_date for m in days
    ]
    got = compute_deadlines(days, "Trong ngày", output="deadline")
    assert [d.policy.name for d in got] == ["decree_61_2018", "decree_118_2025"]


@settings(max_examples=60, deadline=None)
@given(st.datetimes(dt.datetime(2024, 1, 1), dt.datetime(2026, 12, 15)))  # official years
def test_in_force_is_a_step_at_1_july_2025(m: dt.datetime) -> None:
    pol = policy_in_force(m)
    assert (pol.name == "decree_118_2025") == (m.date() >= dt.date(2025, 7, 1))
    assert compute_deadline(m, "03 ngày làm việc").policy is pol


def test_policy_in_force_refuses_text() -> None:
    with pytest.raises(DeadlineError, match="on: got '2025-07-01'"):
        policy_in_force("2025-07-01")  # type: ignore[arg-type]


def test_presets_document_what_is_unconfirmed() -> None:
    p118 = DeadlinePolicy.decree_118_2025()
    assert p118.unconfirmed
    assert "supplement" in p118.unconfirmed_settings
    assert "9/6/2025" in p118.legal_basis
    assert "367/2025" in p118.legal_basis
    assert not DeadlinePolicy.decree_61_2018().unconfirmed
    assert DeadlinePolicy.decree_61_2018().basis_of("apology_lead").endswith("art. 19(9)")


# ------------------------------------------------------------------ point 8: the cut-off's basis
def test_explain_cites_the_basis_of_the_procedures_field() -> None:
    cat = default_catalogue()
    late = dt.datetime(2026, 3, 2, 15, 30)
    cert = cat.deadline("2.000815", late).explain()
    assert "Decree 23/2015/NĐ-CP art. 7" in cert
    assert "Civil Status" not in cert
    birth = cat.deadline("1.001193", late).explain()
    assert "Law on Civil Status 60/2014/QH13 art. 5(3)" in birth
    assert "Decree 23/2015" not in birth.split("Received after")[1].splitlines()[0]
    assert cutoff_basis("Đất đai").startswith("policy setting cutoff")


CAL = vietnam_calendar()
_MARCH = st.datetimes(dt.datetime(2026, 3, 2), dt.datetime(2026, 3, 27, 23, 59))


@settings(max_examples=120, deadline=None)
@given(
    _MARCH,
    st.integers(0, 3 * 24 * 60),
    st.integers(0, 3 * 24 * 60),
    st.sampled_from(["Trong ngày", "Ngay"]),
)
def test_a_resumed_clock_never_falls_due_before_a_receipt_at_the_resumption_would(
    received: dt.datetime, wait: int, paused: int, limit: str
) -> None:
    """Pause policy: a supplement at ``m`` behaves like a receipt at ``m`` for the cut-off, when
    the request came in office hours, before the due moment and not after that day's cut-off (a
    pause that holds no office time, or begins after the cut-off, leaves the day's promise as
    it was)."""
    r = received.replace(tzinfo=VN_TZ)
    q = r + dt.timedelta(minutes=wait)
    m = q + dt.timedelta(minutes=paused)
    events = [Received(at=r), SupplementRequested(at=q), SupplementReceived(at=m)]
    st_ = sla_status(events, limit, at=m, policy=DeadlinePolicy.decree_118_2025())
    assert st_.due_at is not None
    in_office = any(a <= q.time() < b for a, b in CAL.sessions_on(q.date()))
    before_due = q < compute_deadline(r, limit).due_at  # an overdue dossier stays overdue
    if before_due and in_office and q <= dt.datetime.combine(m.date(), dt.time(15), tzinfo=VN_TZ):
        assert st_.due_at.date() >= compute_deadline(m, limit).due_date


def test_catalogue_deadline_takes_the_record_in_force_at_receipt() -> None:
    from hcc.procedures import Catalogue, Procedure

    default = default_catalogue()
    data = default.get("1.004222").model_dump(mode="json")
    # only the statutory limit counts: no local limit, no channel limit
    data |= {
        "channels": [c | {"time_limit": None} for c in data["channels"]],
        "local_time_limit": None,
    }
    old = Procedure.model_validate(
        data
        | {"valid_from": None, "valid_to": "2025-06-30", "statutory_time_limit": "07 ngày làm việc"}
    )
    new = Procedure.model_validate(
        data
        | {"valid_from": "2025-07-01", "valid_to": None, "statutory_time_limit": "05 ngày làm việc"}
    )
    cat = Catalogue([old, new], version="t", fee_schedules=default.data.fee_schedules)
    # Mon 30/6/2025 09:00 + 07 working days: Tue 1, Wed 2, Thu 3, Fri 4, Mon 7, Tue 8, Wed 9/7
    assert cat.deadline("1.004222", dt.datetime(2025, 6, 30, 9)).due_date == dt.date(2025, 7, 9)
    # Tue 1/7/2025 09:00 + 05 working days: Wed 2, Thu 3, Fri 4, Mon 7, Tue 8/7
    assert cat.deadline("1.004222", dt.datetime(2025, 7, 1, 9)).due_date == dt.date(2025, 7, 8)
