"""compute_deadline against hand-written answers, explain(), provisional years and input errors."""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

import pytest

from hcc.calendar import VN_TZ, WorkingCalendar
from hcc.deadlines import DeadlinePolicy, TimeLimit, compute_deadline
from hcc.errors import ProvisionalCalendarWarning, TimeLimitParseError
from tests.conftest import ANSWERS

CASES: list[dict[str, Any]] = tomllib.loads(
    (ANSWERS / "deadlines_compute.toml").read_text(encoding="utf-8")
)["case"]


def _policy(overrides: dict[str, Any] | None) -> DeadlinePolicy:
    return DeadlinePolicy.model_validate(overrides or {})


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_hand_written_answers(case: dict[str, Any], cal: WorkingCalendar) -> None:
    received = dt.datetime.fromisoformat(case["received"])
    expected = dt.datetime.fromisoformat(case["due_at"]).replace(tzinfo=VN_TZ)
    kwargs: dict[str, Any] = {"calendar": cal, "policy": _policy(case.get("policy"))}
    if case.get("provisional"):
        with pytest.warns(ProvisionalCalendarWarning):
            d = compute_deadline(received, case["limit"], **kwargs)
    else:
        d = compute_deadline(received, case["limit"], **kwargs)
    assert d.due_at == expected, case["why"]
    assert d.due_date == expected.date()
    assert d.provisional is bool(case.get("provisional", False))
    assert cal.day_info(d.due_date).working
    skipped = [i.date.isoformat() for i in d.skipped]
    for day in case.get("skipped", []):
        assert day in skipped, f"{day} missing from skipped days {skipped}"
    text = d.explain()
    for day in case.get("skipped", []):
        assert f"{day}: " in text


def test_explain_names_holiday_and_source(cal: WorkingCalendar) -> None:
    text = compute_deadline(dt.datetime(2025, 1, 24, 9), "01 ngày làm việc", calendar=cal).explain()
    assert (
        "2025-01-27: Tết Nguyên Đán (28 Tết) — Thông báo 6150/TB-BLĐTBXH (3/12/2024); "
        "Công văn 8726/VPCP-KGVX"
    ) in text
    assert "Due: 2025-02-03 17:00 (Monday)" in text


def test_explain_mentions_rules_applied(cal: WorkingCalendar) -> None:
    d = compute_deadline(dt.datetime(2026, 3, 2, 15, 30), "Trong ngày", calendar=cal)
    assert "cut-off" in d.explain()
    d = compute_deadline(dt.datetime(2026, 3, 7, 10), "01 ngày làm việc", calendar=cal)
    assert "a day off" in d.explain()
    assert d.effective_received_at == dt.datetime(2026, 3, 9, 7, 30, tzinfo=VN_TZ)
    d = compute_deadline(dt.datetime(2026, 8, 3, 9), "30 ngày", calendar=cal)
    assert d.nominal_date == dt.date(2026, 9, 2)
    assert "Civil Code art. 148(5)" in d.explain()
    d = compute_deadline(dt.datetime(2026, 3, 3, 9), "01 ngày làm việc", calendar=cal)
    assert "Days skipped: none" in d.explain()


def test_provisional_warns_once_and_flags(cal: WorkingCalendar) -> None:
    with pytest.warns(ProvisionalCalendarWarning) as rec:
        d = compute_deadline(dt.datetime(2026, 12, 30, 9), "05 ngày làm việc", calendar=cal)
    assert len(rec) == 1
    assert d.provisional
    assert "Provisional" in d.explain()
    assert "[provisional]" in d.explain()  # the projected 1 January 2027 is listed as such


def test_not_provisional_inside_notice_years(cal: WorkingCalendar) -> None:
    d = compute_deadline(dt.datetime(2026, 12, 1, 9), "05 ngày làm việc", calendar=cal)
    assert not d.provisional


def test_inputs(cal: WorkingCalendar) -> None:
    limit = TimeLimit.of(1, "working_days")
    naive = compute_deadline(dt.datetime(2026, 3, 2, 9), limit, calendar=cal)
    aware = compute_deadline(
        dt.datetime(2026, 3, 2, 2, tzinfo=dt.UTC), limit, calendar=cal
    )  # 09:00 in Vietnam
    text = compute_deadline("2026-03-02T09:00:00", "01 ngày làm việc", calendar=cal)
    day = compute_deadline(dt.date(2026, 3, 2), limit, calendar=cal)  # midnight -> 07:30
    assert naive.due_at == aware.due_at == text.due_at == day.due_at
    assert aware.received_at.tzinfo is not None
    assert day.effective_received_at.time() == dt.time(7, 30)


def test_alternate_limit(cal: WorkingCalendar) -> None:
    text = "Ngay trong ngày; trường hợp cần xác minh thì không quá 05 ngày làm việc"
    primary = compute_deadline(dt.datetime(2026, 3, 2, 9), text, calendar=cal)
    alt = compute_deadline(dt.datetime(2026, 3, 2, 9), text, calendar=cal, alternate=True)
    assert primary.due_date == dt.date(2026, 3, 2)
    assert alt.due_date == dt.date(2026, 3, 9)
    assert primary.limit.alternate is None
    assert str(alt.limit) == "05 ngày làm việc"
    with pytest.raises(ValueError, match="no alternate"):
        compute_deadline(dt.datetime(2026, 3, 2, 9), "Trong ngày", calendar=cal, alternate=True)


@pytest.mark.parametrize(
    ("kwargs", "exc"),
    [
        ({"received_at": 42, "limit": "Trong ngày"}, TypeError),
        ({"received_at": "not a date", "limit": "Trong ngày"}, ValueError),
        ({"received_at": dt.datetime(2026, 3, 2), "limit": "Theo quy định"}, TimeLimitParseError),
        ({"received_at": dt.datetime(2026, 3, 2), "limit": 5}, TypeError),
        ({"received_at": dt.datetime(2026, 3, 2), "limit": "Trong ngày", "policy": "x"}, TypeError),
        (
            {"received_at": dt.datetime(2026, 3, 2), "limit": "Trong ngày", "calendar": "x"},
            TypeError,
        ),
        ({"received_at": dt.datetime(2100, 12, 31, 9), "limit": "05 ngày làm việc"}, ValueError),
    ],
)
def test_bad_inputs(kwargs: dict[str, Any], exc: type[Exception]) -> None:
    with pytest.raises(exc):
        compute_deadline(**kwargs)


def test_local_office_hours_and_closures(cal: WorkingCalendar) -> None:
    local = cal.with_overrides(closures=[dt.date(2026, 3, 3)]).with_office_hours(
        {"sessions": [{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "16:30"}]}
    )
    d = compute_deadline(dt.datetime(2026, 3, 2, 9), "01 ngày làm việc", calendar=local)
    assert d.due_at == dt.datetime(2026, 3, 4, 16, 30, tzinfo=VN_TZ)
    assert [i.date for i in d.skipped] == [dt.date(2026, 3, 3)]
    assert "Nghỉ theo quyết định của địa phương" in d.explain()


def test_zero_amounts(cal: WorkingCalendar) -> None:
    d = compute_deadline(dt.datetime(2026, 3, 7, 9), "00 ngày làm việc", calendar=cal)
    assert d.due_date == dt.date(2026, 3, 9)
    d = compute_deadline(dt.datetime(2026, 3, 2, 9), TimeLimit.of(0, "working_hours"), calendar=cal)
    assert d.due_at == dt.datetime(2026, 3, 2, 9, tzinfo=VN_TZ)


def test_presets() -> None:
    assert DeadlinePolicy() == DeadlinePolicy.decree_61_2018().model_copy(
        update={"name": "custom", "legal_basis": "", "valid_to": None}
    )
    p = DeadlinePolicy.decree_118_2025()
    assert p.unconfirmed
    assert p.supplement == "pause"
    assert DeadlinePolicy.civil_code().after_hours == "civil_code_literal"
    with pytest.raises(ValueError, match="increasing"):
        DeadlinePolicy(warning_thresholds=(0.75, 0.5))
    with pytest.raises(ValueError, match="time zone"):
        DeadlinePolicy(cutoff=dt.time(15, tzinfo=dt.UTC))
    with pytest.raises(ValueError, match="extra"):
        DeadlinePolicy(cut_off="15:00")  # type: ignore[call-arg]
