"""The national calendar against the official notices of 2023-2026 (hand-checked figures)."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from hcc.calendar import DayKind, WorkingCalendar, load_official_notices
from tests.conftest import SHARED_DOMAIN

# Check figures from REFERENCE.md §4 (counted from the notices by hand).
WORKING_DAYS_PER_YEAR = {2023: 249, 2024: 251, 2025: 250, 2026: 249}


@pytest.mark.parametrize(("year", "expected"), sorted(WORKING_DAYS_PER_YEAR.items()))
def test_working_days_per_year(cal: WorkingCalendar, year: int, expected: int) -> None:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    assert cal.working_days_between(first - dt.timedelta(days=1), last) == expected
    assert sum(1 for _ in cal.working_days(first, last)) == expected


def _shared_rows() -> list[dict[str, str]]:
    path = SHARED_DOMAIN / "calendar-vn-official.csv"
    if not path.exists():
        pytest.skip(f"the shared official table is not beside this checkout ({path})")
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_every_day_2023_2026_agrees_with_the_shared_official_table(cal: WorkingCalendar) -> None:
    rows = _shared_rows()
    off = {dt.date.fromisoformat(r["date"]) for r in rows if r["kind"] == "day_off"}
    sat = {dt.date.fromisoformat(r["date"]) for r in rows if r["kind"] == "working_saturday"}
    d = dt.date(2023, 1, 1)
    mismatches = []
    while d.year <= 2026:
        expected = (d.weekday() < 5 and d not in off) or d in sat
        if cal.is_working_day(d) is not expected:
            mismatches.append(d)
        d += dt.timedelta(days=1)
    assert mismatches == []


def test_package_table_is_a_faithful_transcription(cal: WorkingCalendar) -> None:
    rows = _shared_rows()
    shipped = {e.date: e for n in load_official_notices() if n.year >= 2023 for e in n.days}
    assert len(shipped) == len(rows)
    for r in rows:
        e = shipped[dt.date.fromisoformat(r["date"])]
        assert e.name == r["name_vi"]
        assert e.source == r["source"]
        assert (e.kind is DayKind.WORKING_SATURDAY) == (r["kind"] == "working_saturday")


@pytest.mark.parametrize(
    ("day", "working", "kind", "name"),
    [
        # Official Dispatch 12729/VPCP-KGVX: Friday 2 January 2026 off, Saturday 10 January worked.
        (
            dt.date(2026, 1, 2),
            False,
            DayKind.SWAPPED_DAY_OFF,
            "Ngày nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)",
        ),
        (dt.date(2026, 1, 10), True, DayKind.WORKING_SATURDAY, "Làm bù cho thứ Sáu 02/01/2026"),
        (dt.date(2026, 2, 16), False, DayKind.HOLIDAY, "Tết Nguyên Đán (29 Tết)"),
        (dt.date(2026, 2, 23), True, DayKind.WEEKDAY, None),
        (dt.date(2026, 4, 27), False, DayKind.COMPENSATORY, "Giỗ Tổ Hùng Vương (nghỉ bù)"),
        (dt.date(2026, 8, 22), True, DayKind.WORKING_SATURDAY, "Làm bù cho thứ Hai 31/8/2026"),
        (dt.date(2026, 11, 24), False, DayKind.HOLIDAY, "Ngày Văn hóa Việt Nam"),
        (dt.date(2025, 4, 26), True, DayKind.WORKING_SATURDAY, "Làm bù cho thứ Sáu 02/5/2025"),
        (
            dt.date(2025, 5, 2),
            False,
            DayKind.SWAPPED_DAY_OFF,
            "Ngày nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)",
        ),
        (dt.date(2024, 5, 4), True, DayKind.WORKING_SATURDAY, "Làm bù cho thứ Hai 29/4/2024"),
        (dt.date(2023, 1, 2), False, DayKind.COMPENSATORY, "Tết Dương lịch (nghỉ bù)"),
        (dt.date(2026, 3, 7), False, DayKind.WEEKEND, None),
    ],
)
def test_day_info(
    cal: WorkingCalendar, day: dt.date, working: bool, kind: DayKind, name: str | None
) -> None:
    info = cal.day_info(day)
    assert info.working is working
    assert cal.is_working_day(day) is working
    assert info.kind is kind
    assert info.name == name
    assert info.provisional is False
    if name is not None:
        assert info.source
