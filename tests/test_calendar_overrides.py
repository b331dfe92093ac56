"""Local overrides, next year's notice, provisional years, range and input errors."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

import pytest

from hcc import ProvisionalCalendarWarning
from hcc.calendar import (
    CalendarEntry,
    DayKind,
    InvalidInputError,
    Notice,
    WorkingCalendar,
    vietnam_calendar,
)
from hcc.errors import OutOfRangeError, OverrideError

TOML_2027 = """
[[notices]]
year = 2027
source = "Thông báo thử nghiệm 1/TB-BNV"

[[notices.days]]
date = 2027-01-01
kind = "holiday"
name = "Tết Dương lịch"

[[notices.days]]
date = 2027-02-05
kind = "holiday"
name = "Tết Nguyên Đán"

[[days]]
date = 2027-03-06
kind = "local_working_day"
name = "Tiếp nhận hồ sơ sáng thứ Bảy"
source = "Quyết định 12/QĐ-UBND"
"""


def test_2027_is_provisional_and_warns(cal: WorkingCalendar) -> None:
    info = cal.day_info(dt.date(2027, 2, 8))
    assert info.provisional is True
    assert info.kind is DayKind.HOLIDAY  # projected Tết from the statutory rules
    with pytest.warns(ProvisionalCalendarWarning, match="2027"):
        assert cal.is_working_day(dt.date(2027, 2, 8)) is False
    with pytest.warns(ProvisionalCalendarWarning):
        cal.add_working_days(dt.date(2026, 12, 28), 5)
    with pytest.warns(ProvisionalCalendarWarning):
        cal.working_days_between(dt.date(2026, 12, 1), dt.date(2027, 1, 5))
    assert 2027 in cal.provisional_years
    assert 2026 not in cal.provisional_years


def test_answers_inside_official_years_do_not_warn(cal: WorkingCalendar) -> None:
    # filterwarnings=error would turn any warning into a failure here
    assert cal.add_working_days(dt.date(2026, 12, 24), 4) == dt.date(2026, 12, 30)
    assert cal.working_days_between(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == 249
    assert cal.day_info(dt.date(2022, 1, 3)).provisional is False  # derived, not provisional


def test_derived_years_follow_the_statutory_rules(cal: WorkingCalendar) -> None:
    # 2022: 1 January fell on Saturday, so Monday 3 January was a compensatory day (art. 111(3)).
    assert cal.day_info(dt.date(2022, 1, 3)).kind is DayKind.COMPENSATORY
    assert cal.is_working_day(dt.date(2022, 1, 3)) is False
    # 2019: Monday 29 April off, Saturday 4 May worked (swap).
    assert cal.is_working_day(dt.date(2019, 4, 29)) is False
    assert cal.day_info(dt.date(2019, 5, 4)).kind is DayKind.WORKING_SATURDAY


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_override_file_adds_next_years_notice(
    tmp_path: Path, cal: WorkingCalendar, fmt: str
) -> None:
    path = tmp_path / f"local.{fmt}"
    if fmt == "toml":
        path.write_text(TOML_2027, encoding="utf-8")
    else:
        import tomllib

        data = tomllib.loads(TOML_2027)
        path.write_text(json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")
    local = cal.with_overrides(path)
    assert 2027 in local.notice_years
    assert 2027 not in local.provisional_years
    info = local.day_info(dt.date(2027, 2, 5))
    assert (info.working, info.kind, info.provisional) == (False, DayKind.HOLIDAY, False)
    assert info.source == "Thông báo thử nghiệm 1/TB-BNV"
    # the notice decides its year: a day the projection had off is worked when the notice omits it
    assert local.is_working_day(dt.date(2027, 2, 8)) is True
    sat = local.day_info(dt.date(2027, 3, 6))
    assert (sat.working, sat.kind, sat.source) == (
        True,
        DayKind.LOCAL_WORKING_DAY,
        "Quyết định 12/QĐ-UBND",
    )
    # the base calendar is unchanged
    with pytest.warns(ProvisionalCalendarWarning):
        assert cal.is_working_day(dt.date(2027, 3, 6)) is False
    assert 2027 in cal.provisional_years


def test_vietnam_calendar_takes_overrides_directly() -> None:
    local = vietnam_calendar(
        {"days": [{"date": "2026-03-09", "kind": "local_closure", "name": "Tổng vệ sinh"}]}
    )
    assert local.is_working_day(dt.date(2026, 3, 9)) is False
    assert local.day_info(dt.date(2026, 3, 9)).kind is DayKind.LOCAL_CLOSURE
    assert vietnam_calendar().is_working_day(dt.date(2026, 3, 9)) is True


def test_overrides_from_code(cal: WorkingCalendar) -> None:
    notice = Notice(
        year=2027,
        source="Thông báo X",
        days=[CalendarEntry(date=dt.date(2027, 2, 8), kind="holiday", name="Tết Nguyên Đán")],
    )
    local = cal.with_overrides(
        notices=[notice], closures=[dt.date(2026, 6, 1)], working_days=["2026-06-06"]
    )
    assert local.is_working_day(dt.date(2027, 2, 8)) is False
    assert local.is_working_day(dt.date(2026, 6, 1)) is False
    assert local.is_working_day(dt.date(2026, 6, 6)) is True
    # a closure shifts arithmetic: Friday 29 May + 1 working day skips Monday 1 June
    assert local.add_working_days(dt.date(2026, 5, 29), 1) == dt.date(2026, 6, 2)
    assert cal.add_working_days(dt.date(2026, 5, 29), 1) == dt.date(2026, 6, 1)


@pytest.mark.parametrize(
    ("data", "location", "value"),
    [
        (
            {"days": [{"date": "2027-02-30", "kind": "local_closure", "name": "x"}]},
            "days[0].date",
            "2027-02-30",
        ),
        (
            {"days": [{"date": "2026-03-02", "kind": "holiday", "name": "x"}]},
            "days[0].kind",
            "holiday",
        ),
        (
            {"days": [{"date": "2026-03-02", "kind": "closed", "name": "x"}]},
            "days[0].kind",
            "closed",
        ),
        ({"days": [{"date": "2026-03-02", "kind": "local_closure"}]}, "days[0].name", None),
        (
            {
                "notices": [
                    {
                        "year": 2027,
                        "source": "s",
                        "days": [{"date": "2028-01-01", "kind": "holiday", "name": "x"}],
                    }
                ]
            },
            "notices[0].days[0].date",
            "2028-01-01",
        ),
        (
            {
                "notices": [
                    {
                        "year": 2027,
                        "source": "s",
                        "days": [{"date": "2027-03-03", "kind": "working_saturday", "name": "x"}],
                    }
                ]
            },
            "notices[0].days[0].date",
            "2027-03-03",
        ),
        ({"dayz": []}, "dayz", []),
    ],
)
def test_bad_override_rows_name_location_and_value(
    cal: WorkingCalendar, data: dict, location: str, value: object
) -> None:
    with pytest.raises(OverrideError) as exc:
        cal.with_overrides(data)
    assert exc.value.location == location
    assert exc.value.value == value
    assert location in str(exc.value)


def test_bad_file_names_the_file_and_applies_nothing(tmp_path: Path, cal: WorkingCalendar) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        '[[days]]\ndate = 2026-03-09\nkind = "local_closure"\nname = "ok"\n'
        '[[days]]\ndate = 2026-03-10\nkind = "nope"\nname = "bad"\n',
        encoding="utf-8",
    )
    with pytest.raises(OverrideError, match=r"bad\.toml: days\[1\]\.kind: got 'nope'"):
        cal.with_overrides(path)
    assert cal.is_working_day(dt.date(2026, 3, 9)) is True  # the good first row was not applied
    (tmp_path / "broken.toml").write_text("[[days]\n", encoding="utf-8")
    with pytest.raises(OverrideError, match="valid TOML"):
        cal.with_overrides(tmp_path / "broken.toml")
    (tmp_path / "x.yaml").write_text("days: []", encoding="utf-8")
    with pytest.raises(OverrideError, match=r"\.toml or \.json"):
        cal.with_overrides(tmp_path / "x.yaml")
    with pytest.raises(OverrideError, match="readable file"):
        cal.with_overrides(tmp_path / "missing.json")


def test_nfc_normalisation_of_override_names(cal: WorkingCalendar) -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Nghỉ Tổng vệ sinh")
    local = cal.with_overrides(
        {"days": [{"date": "2026-03-09", "kind": "local_closure", "name": nfd}]}
    )
    assert local.day_info(dt.date(2026, 3, 9)).name == unicodedata.normalize("NFC", nfd)


@pytest.mark.parametrize("bad", [dt.date(1999, 12, 31), dt.date(2101, 1, 1)])
def test_out_of_range_names_the_date_and_the_range(cal: WorkingCalendar, bad: dt.date) -> None:
    with pytest.raises(OutOfRangeError) as exc:
        cal.is_working_day(bad)
    assert isinstance(exc.value, ValueError)
    assert bad.isoformat() in str(exc.value)
    assert "2000-01-01..2100-12-31" in str(exc.value)
    assert exc.value.value == bad


def test_arithmetic_leaving_the_range_is_an_error(cal: WorkingCalendar) -> None:
    with pytest.raises(OutOfRangeError, match="leaves the calendar range"):
        cal.add_working_days(dt.date(2100, 12, 20), 30)
    with pytest.raises(OutOfRangeError):
        cal.add_working_days(dt.date(2000, 1, 5), -30)


@pytest.mark.parametrize("bad", [20260102, "02/01/2026", None, 3.5])
def test_non_dates_are_rejected_with_the_value(cal: WorkingCalendar, bad: object) -> None:
    with pytest.raises(InvalidInputError) as exc:
        cal.is_working_day(bad)  # type: ignore[arg-type]
    assert isinstance(exc.value, TypeError)
    assert isinstance(exc.value, ValueError)
    assert repr(bad) in str(exc.value)


def test_n_must_be_an_int(cal: WorkingCalendar) -> None:
    with pytest.raises(InvalidInputError, match=r"n: got 1\.5"):
        cal.add_working_days(dt.date(2026, 3, 2), 1.5)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        cal.add_working_days(dt.date(2026, 3, 2), True)


def test_datetimes_and_iso_strings_count_as_their_vietnam_date(cal: WorkingCalendar) -> None:
    utc_evening = dt.datetime(2026, 1, 1, 18, 0, tzinfo=dt.UTC)  # 01:00 on 2 January in Hà Nội
    assert cal.day_info(utc_evening).date == dt.date(2026, 1, 2)
    assert cal.is_working_day("2026-01-10") is True


def test_calendar_is_immutable_and_shared(cal: WorkingCalendar) -> None:
    assert vietnam_calendar() is cal
    with pytest.raises(AttributeError):
        cal.foo = 1  # type: ignore[attr-defined]


def test_thread_safety_of_concurrent_queries(cal: WorkingCalendar) -> None:
    import numpy as np

    local = cal.with_overrides(closures=[dt.date(2026, 3, 9)])
    expected = [local.add_working_days(dt.date(2026, 3, 2), k) for k in range(50)]
    results: list[list[dt.date]] = []

    def work() -> None:
        out = [local.add_working_days(dt.date(2026, 3, 2), k) for k in range(50)]
        arr = local.add_working_days_batch(
            np.array([dt.date(2026, 3, 2)] * 50, dtype="datetime64[D]"), 3
        )
        assert len(arr) == 50
        results.append(out)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 8


def test_without_warnings_is_silent_shares_answers_and_changes_no_global_state(
    cal: WorkingCalendar,
) -> None:
    import warnings

    quiet = cal.without_warnings()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert quiet.add_working_days(dt.date(2026, 12, 28), 5) == dt.date(2027, 1, 5)
        assert quiet.is_working_day(dt.date(2027, 2, 8)) is False
    assert caught == []
    assert quiet.day_info(dt.date(2027, 2, 8)).provisional is True  # the flag is still there
    assert quiet.without_warnings() is quiet
    with pytest.warns(ProvisionalCalendarWarning):  # the original still warns
        cal.add_working_days(dt.date(2026, 12, 28), 5)


@pytest.mark.parametrize(
    ("holiday", "monday"),
    [
        (dt.date(2029, 11, 24), dt.date(2029, 11, 26)),
        (dt.date(2030, 11, 24), dt.date(2030, 11, 25)),
    ],
)
def test_culture_day_on_a_weekend_is_not_made_up(
    cal: WorkingCalendar, holiday: dt.date, monday: dt.date
) -> None:
    # Resolution 28/2026/QH16 art. 2 adds 24 November outside Labour Code art. 112(1), so the
    # compensatory rule of art. 111(3) is read as not applying (REFERENCE §4).
    assert holiday.weekday() >= 5
    assert cal.day_info(holiday).name == "Ngày Văn hóa Việt Nam"
    assert cal.day_info(monday).kind is DayKind.WEEKDAY
    with pytest.warns(ProvisionalCalendarWarning):
        assert cal.is_working_day(monday) is True


def test_warnings_point_at_the_caller(cal: WorkingCalendar) -> None:
    for call in (cal.next_working_day, cal.previous_working_day, cal.is_working_day):
        with pytest.warns(ProvisionalCalendarWarning) as rec:
            call(dt.date(2027, 3, 3))
        assert rec[0].filename == __file__
