"""Notices add to the law; the official tables of 2014-2022; derived years (issue 14, points 3-4).

Answers come from tests/answers/calendar_notices.toml, written by hand from the notices and the law.
"""

from __future__ import annotations

import datetime as dt
import tomllib
import warnings
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hcc import ProvisionalCalendarWarning
from hcc.calendar import (
    CalendarEntry,
    DayKind,
    Notice,
    WorkingCalendar,
    load_official_notices,
    vietnam_calendar,
)
from hcc.calendar.working import _holidays_rules
from hcc.deadlines import Received, SlaClock, compute_deadline
from hcc.errors import OverrideError
from hcc.testing import strategies as hst
from tests.conftest import ANSWERS

A: dict[str, Any] = tomllib.loads((ANSWERS / "calendar_notices.toml").read_text(encoding="utf-8"))
CAL = vietnam_calendar()


def _d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def _tet_notice(source: str, tet: list[str]) -> Notice:
    return Notice(
        year=2027,
        source=source,
        days=[CalendarEntry(date=_d(d), kind="holiday", name="Tết Nguyên Đán") for d in tet],
    )


# ---------------------------------------------------------------------------- point 3


@pytest.fixture(scope="module")
def partial_2027() -> WorkingCalendar:
    p = A["partial_2027"]
    return CAL.with_overrides(notices=[_tet_notice(p["source"], p["tet"])])


def test_a_partial_2027_notice_keeps_every_statutory_day(partial_2027: WorkingCalendar) -> None:
    p = A["partial_2027"]
    with warnings.catch_warnings():
        warnings.simplefilter("error", ProvisionalCalendarWarning)  # 2027 is decided now
        for d in p["tet"] + p["off"]:
            assert partial_2027.is_working_day(_d(d)) is False, d
        for d in p["working"]:
            assert partial_2027.is_working_day(_d(d)) is True, d
        assert (
            partial_2027.working_days_between(dt.date(2026, 12, 31), dt.date(2027, 12, 31))
            == p["working_days_in_year"]
        )
    info = partial_2027.day_info(dt.date(2027, 4, 30))
    assert (info.kind, info.name, info.provisional) == (DayKind.HOLIDAY, "Ngày Chiến thắng", False)
    assert partial_2027.day_info(dt.date(2027, 2, 4)).source == p["source"]


@pytest.mark.parametrize("case", A["partial_2027"]["deadline"], ids=lambda c: c["received"])
def test_partial_2027_deadlines(partial_2027: WorkingCalendar, case: dict[str, Any]) -> None:
    d = compute_deadline(
        dt.datetime.fromisoformat(case["received"]), case["limit"], calendar=partial_2027
    )
    assert d.due_date == _d(case["due_date"]), case["why"]
    assert not d.provisional
    assert not d.derived


@pytest.mark.parametrize("key", ["remove_2_9", "remove_1_5"])
def test_a_notice_that_removes_a_holiday_silently_is_refused(key: str) -> None:
    case = A[key]
    notice = Notice(
        year=2027,
        source="Thông báo (ví dụ)",
        days=[CalendarEntry(date=_d(case["date"]), kind=case["kind"], name="Làm việc")],
    )
    with pytest.raises(OverrideError) as exc:
        CAL.with_overrides(notices=[notice])
    assert exc.value.location == case["location"]
    assert exc.value.value == case["date"]
    assert exc.value.holiday == case["holiday"]
    assert case["holiday"] in str(exc.value)
    assert case["location"] in str(exc.value)
    assert isinstance(exc.value, ValueError)


def test_the_same_error_from_a_file_names_the_row(tmp_path: Any) -> None:
    path = tmp_path / "lich.toml"
    path.write_text(
        '[[notices]]\nyear = 2027\nsource = "Thông báo thử"\n'
        '[[notices.days]]\ndate = 2027-09-02\nkind = "working_day"\nname = "Làm việc"\n',
        encoding="utf-8",
    )
    with pytest.raises(
        OverrideError, match=r"lich\.toml: notices\[0\]\.days\[0\].*Quốc khánh"
    ) as exc:
        vietnam_calendar(path)
    assert exc.value.source == str(path)
    assert exc.value.holiday == "Quốc khánh"
    # the constructor, with no file to point at, names the notice's year and row
    with pytest.raises(OverrideError) as exc:
        WorkingCalendar(
            first_year=2027,
            last_year=2027,
            rules=_holidays_rules,
            notices=[
                Notice(
                    year=2027,
                    source="Thông báo thử",
                    days=[CalendarEntry(date=dt.date(2027, 9, 2), kind="working_day", name="x")],
                )
            ],
        )
    assert exc.value.location == "notice of 2027, days[0]"
    assert exc.value.source == "Thông báo thử"


def test_an_explicit_replaces_row_may_make_a_holiday_a_working_day() -> None:
    notice = Notice(
        year=2027,
        source="Thông báo (ví dụ)",
        days=[
            CalendarEntry(
                date=dt.date(2027, 9, 2),
                kind="working_day",
                name="Làm việc",
                replaces="Quốc khánh",
            )
        ],
    )
    cal = CAL.with_overrides(notices=[notice])
    info = cal.day_info(dt.date(2027, 9, 2))
    assert (info.working, info.kind) == (True, DayKind.WORKING_DAY)
    assert cal.is_working_day(dt.date(2027, 9, 3)) is False  # the rest of the law stays


def test_replaces_only_on_working_rows_and_working_day_only_on_weekdays() -> None:
    with pytest.raises(OverrideError, match="replaces"):
        CAL.with_overrides(
            {
                "notices": [
                    {
                        "year": 2027,
                        "source": "s",
                        "days": [
                            {
                                "date": "2027-03-03",
                                "kind": "holiday",
                                "name": "x",
                                "replaces": "y",
                            }
                        ],
                    }
                ]
            }
        )
    with pytest.raises(OverrideError) as exc:
        CAL.with_overrides(
            {
                "notices": [
                    {
                        "year": 2027,
                        "source": "s",
                        "days": [{"date": "2027-03-06", "kind": "working_day", "name": "x"}],
                    }
                ]
            }
        )
    assert exc.value.location == "notices[0].days[0].date"


def test_a_notice_naming_the_adjacent_day_replaces_the_projected_one() -> None:
    # 2027: the projection makes Friday 3/9 the adjacent day; a notice picks Wednesday 1/9.
    notice = Notice(
        year=2027,
        source="Thông báo (ví dụ)",
        days=[CalendarEntry(date=dt.date(2027, 9, 1), kind="holiday", name="Quốc khánh (liền kề)")],
    )
    cal = CAL.with_overrides(notices=[notice])
    assert [cal.is_working_day(dt.date(2027, 9, d)) for d in (1, 2, 3)] == [False, False, True]


def test_a_national_day_on_a_weekend_is_still_made_up() -> None:
    # 2029: 2 September is a Sunday. A notice naming Monday 3/9 as the adjacent day but no
    # compensatory day: art. 111(3) makes up the Sunday on the next working day, Tuesday 4/9.
    assert dt.date(2029, 9, 2).weekday() == 6
    notice = Notice(
        year=2029,
        source="Thông báo (ví dụ)",
        days=[CalendarEntry(date=dt.date(2029, 9, 3), kind="holiday", name="Quốc khánh")],
    )
    cal = CAL.with_overrides(notices=[notice])
    assert cal.day_info(dt.date(2029, 9, 4)).kind is DayKind.COMPENSATORY
    assert cal.is_working_day(dt.date(2029, 9, 5)) is True


def test_a_swap_near_tet_does_not_remove_the_projected_tet() -> None:
    # a notice with only a swap (no holiday row) near Tết 2027 does not pick the Tết days
    notice = Notice(
        year=2027,
        source="Thông báo (ví dụ)",
        days=[
            CalendarEntry(date=dt.date(2027, 2, 3), kind="swapped_day_off", name="Nghỉ hoán đổi"),
            CalendarEntry(date=dt.date(2027, 1, 30), kind="working_saturday", name="Làm bù"),
        ],
    )
    cal = CAL.with_overrides(notices=[notice])
    assert [cal.is_working_day(dt.date(2027, 2, d)) for d in range(3, 11)] == [False] * 8


def test_a_partial_notice_on_a_year_without_a_table_cv_12729() -> None:
    # Công văn 12729/VPCP-KGVX only moves 2 January 2026 (off) and 10 January (worked). Loaded
    # alone on the statutory rules, it must not turn 30/4, 2/9 or Tết into working days.
    base = WorkingCalendar(first_year=2025, last_year=2027, rules=_holidays_rules)
    cv = Notice(
        year=2026,
        source="Công văn 12729/VPCP-KGVX (25/12/2025)",
        days=[
            CalendarEntry(date=dt.date(2026, 1, 2), kind="swapped_day_off", name="Nghỉ hoán đổi"),
            CalendarEntry(date=dt.date(2026, 1, 10), kind="working_saturday", name="Làm bù"),
        ],
    )
    cal = base.with_overrides(notices=[cv])
    for d in (
        dt.date(2026, 1, 1),
        dt.date(2026, 1, 2),
        dt.date(2026, 2, 17),
        dt.date(2026, 4, 27),
        dt.date(2026, 4, 30),
        dt.date(2026, 5, 1),
        dt.date(2026, 9, 2),
        dt.date(2026, 11, 24),
    ):
        assert cal.is_working_day(d) is False, d
    assert cal.is_working_day(dt.date(2026, 1, 10)) is True


def test_notices_for_one_year_add_up() -> None:
    a = _tet_notice("Thông báo A", A["partial_2027"]["tet"])
    b = Notice(
        year=2027,
        source="Công văn B",
        days=[
            CalendarEntry(date=dt.date(2027, 4, 29), kind="swapped_day_off", name="Nghỉ hoán đổi"),
            CalendarEntry(date=dt.date(2027, 4, 24), kind="working_saturday", name="Làm bù"),
        ],
    )
    cal = CAL.with_overrides(notices=[a]).with_overrides(notices=[b])
    assert cal.is_working_day(dt.date(2027, 2, 4)) is False  # from A
    assert cal.is_working_day(dt.date(2027, 4, 29)) is False  # from B
    assert cal.is_working_day(dt.date(2027, 2, 11)) is True  # A picked Tết
    assert cal.day_info(dt.date(2027, 4, 29)).source == "Công văn B"


ART_112_FIXED = ((1, 1), (4, 30), (5, 1), (9, 2))


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=2015, max_value=2060).flatmap(hst.notices))
def test_every_art_112_holiday_stays_a_day_off_unless_the_notice_names_it(
    notice: Notice,
) -> None:
    year = notice.year
    cal = CAL.with_overrides(notices=[notice]).without_warnings()
    base = CAL.without_warnings()
    named = {row.date for row in notice.days}
    # 1. The fixed-date holidays of art. 112(1) and Hùng Kings' day, known without hcc.
    from holidays.calendars.chinese import VIETNAMESE_CALENDAR as VN
    from holidays.calendars.chinese import _ChineseLunisolar

    hung, _ = _ChineseLunisolar().hung_kings_date(year, VN)
    for day in [dt.date(year, m, d) for m, d in ART_112_FIXED] + [hung]:
        assert day.weekday() >= 5 or not cal.is_working_day(day), day
    # 2. Every statutory day off of the year before the notice (holiday or compensatory) is
    # still off, except the Tết days and adjacent day a notice picks (art. 112(3)).
    holiday_rows = [r.date for r in notice.days if r.kind is DayKind.HOLIDAY]
    lny, _ = _ChineseLunisolar().lunar_new_year_date(year, VN)
    names_tet = any(abs((d - lny).days) <= 10 for d in holiday_rows)
    nd = dt.date(year, 9, 2)
    names_adjacent = any(abs((d - nd).days) <= 4 and d != nd for d in holiday_rows)
    d = dt.date(year, 1, 1)
    while d.year == year:
        info = base.day_info(d)
        statutory = info.kind in (DayKind.HOLIDAY, DayKind.COMPENSATORY)
        picked = (names_tet and abs((d - lny).days) <= 10) or (
            names_adjacent and abs((d - nd).days) <= 4 and d != nd
        )
        if statutory and not picked and d not in named and d.weekday() < 5:
            assert not cal.is_working_day(d), (d, info.name)
        d += dt.timedelta(days=1)
    # 3. Every row says what it says.
    for row in notice.days:
        assert cal.is_working_day(row.date) is row.working


# ---------------------------------------------------------------------------- point 4


@pytest.mark.parametrize("key", ["tet_2014", "tet_2019"])
def test_tet_2014_and_2019(key: str) -> None:
    case = A[key]
    for d in case["off"]:
        assert CAL.is_working_day(_d(d)) is False, d
    for d in case["working"]:
        assert CAL.is_working_day(_d(d)) is True, d
        assert CAL.day_info(_d(d)).derived is case["derived"]
    for dl in case["deadline"]:
        got = compute_deadline(dt.datetime.fromisoformat(dl["received"]), dl["limit"])
        assert got.due_date == _d(dl["due_date"]), dl["why"]
        assert got.derived is case["derived"]
        assert ("Derived:" in got.explain()) is case["derived"]


@pytest.mark.parametrize("year", sorted(A["working_days_per_year"]))
def test_working_days_per_year_2014_2022(year: str) -> None:
    y = int(year)
    assert (
        CAL.working_days_between(dt.date(y - 1, 12, 31), dt.date(y, 12, 31))
        == A["working_days_per_year"][year]
    )


def test_every_shipped_row_has_a_source_and_years_are_told_apart() -> None:
    notices = {n.year: n for n in load_official_notices()}
    assert sorted(notices) == list(range(2014, 2027))
    for n in notices.values():
        assert all(row.source for row in n.days)
    assert [y for y, n in notices.items() if n.derived] == [2014]
    assert CAL.derived_years == frozenset(range(2000, 2015))
    assert min(CAL.provisional_years) == 2027
    for y, derived in ((2013, True), (2014, True), (2015, False), (2022, False), (2027, False)):
        assert CAL.day_info(dt.date(y, 3, 3)).derived is derived, y
    assert CAL.day_info(dt.date(2027, 3, 3)).provisional is True


def test_rests_on_derived_spans_and_local_rows() -> None:
    assert CAL.rests_on_derived(dt.date(2014, 12, 31), dt.date(2015, 1, 5)) is True
    assert CAL.rests_on_derived(dt.date(2015, 1, 5), dt.date(2014, 12, 31)) is True
    assert CAL.rests_on_derived(dt.date(2015, 1, 1), dt.date(2026, 12, 31)) is False
    assert CAL.rests_on_derived(dt.date(2027, 1, 1), dt.date(2027, 12, 31)) is False
    local = CAL.with_overrides(closures=[dt.date(2013, 6, 3)])
    assert local.rests_on_derived(dt.date(2013, 6, 3), dt.date(2013, 6, 3)) is False


def test_a_replay_of_an_old_register_says_which_answers_rest_on_derived_years() -> None:
    # A register from 2013-2016 replayed today: every due date is computed, and each says
    # whether it rests on a year hcc only derives.
    rows = [
        (dt.datetime(2013, 12, 30, 9, 0), True),  # runs into 2014 (derived)
        (dt.datetime(2014, 12, 29, 9, 0), True),  # starts in 2014
        (dt.datetime(2015, 3, 2, 9, 0), False),
        (dt.datetime(2016, 8, 1, 9, 0), False),
    ]
    for received, derived in rows:
        d = compute_deadline(received, "05 ngày làm việc")
        assert d.derived is derived, received
        clock = SlaClock("05 ngày làm việc").record(Received(at=received))
        status = clock.status(at=received + dt.timedelta(days=2))
        assert status.derived is derived, received


def test_a_register_replay_lists_the_dossiers_resting_on_derived_years() -> None:
    from hcc.dossiers import Dossier, Register

    def dossier(serial: int, received: str, settled: str) -> Dossier:
        day = received[2:4] + received[5:7] + received[8:10]
        return Dossier.receive(
            code=f"000.00.01.H38-{day}-{serial:04d}",
            procedure_code="1.001193",
            procedure_name="Đăng ký khai sinh",
            lead_agency="UBND xã",
            applicant="A",
            time_limit="05 ngày làm việc",
            at=received,
        ).record("result_ready", settled)

    reg = Register()
    reg.add_all(
        [
            dossier(1, "2013-12-30T09:00", "2014-01-03T10:00"),  # due in January 2014: derived
            dossier(2, "2014-01-27T09:00", "2014-02-10T10:00"),  # over Tết 2014: derived
            dossier(3, "2015-03-02T09:00", "2015-03-05T10:00"),  # 2015: official table
            dossier(4, "2019-02-01T09:00", "2019-02-12T10:00"),  # over Tết 2019: official
        ]
    )
    derived = [d.code_text for d in reg if d.sla(as_of=dt.datetime(2026, 12, 1, 0, 0)).derived]
    assert derived == ["000.00.01.H38-131230-0001", "000.00.01.H38-140127-0002"]
    # and the appointment of the Tết 2014 dossier: Mon 27/1 + 5 working days, 28/1-5/2 off
    # (Thu 6, Fri 7, Sat 8 worked, Mon 10, Tue 11) -> 11 February 2014
    d2 = reg.get("000.00.01.H38-140127-0002")
    assert d2.appointment().due_date == dt.date(2014, 2, 11)


def test_the_cli_tells_official_derived_and_provisional_years_apart(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    from hcc.cli import main

    for year, word in ((2013, "derived"), (2014, "derived"), (2019, "official")):
        assert main(["calendar", str(year), "--lang", "en"]) == 0
        assert f"— {word}" in capsys.readouterr().out
    assert main(["calendar", "2013"]) == 0  # Vietnamese by default
    assert "— suy ra" in capsys.readouterr().out
    # the command line prints a warning as one line on stderr (docs/cli.md)
    assert main(["calendar", "2027", "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    assert "— provisional" in out
    assert err.startswith("hcc: warning: ")
    assert "2027" in err
    assert main(["calendar", "2019", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["working_days"], data["derived"], data["provisional"]) == (252, False, False)


def _statutory_weekdays(year: int) -> list[dt.date]:
    """Weekdays the national calendar has off as a holiday by law, outside Tết.

    Compensatory days are left out: making one a working day leaves its holiday (on a weekly rest
    day) still to be compensated, which moves the compensation to a later day — more than "that day
    only" changes (seen with 4/9/2023, compensating 2/9 on a Saturday).
    """
    base = CAL.without_warnings()
    out = []
    for info in base.day_infos(dt.date(year, 3, 1), dt.date(year, 12, 31), special_only=True):
        if info.kind is DayKind.HOLIDAY and info.date.weekday() < 5:
            out.append(info.date)
    return out


@settings(max_examples=25, deadline=None)
@given(
    st.integers(min_value=2015, max_value=2060).flatmap(
        lambda y: st.tuples(st.just(y), st.sampled_from(_statutory_weekdays(y)), st.booleans())
    )
)
def test_removing_a_statutory_day_needs_replaces_and_changes_that_day_only(
    case: tuple[int, dt.date, bool],
) -> None:
    year, day, explicit = case
    row = CalendarEntry(
        date=day,
        kind="working_day",
        name="Làm việc",
        replaces="ngày nghỉ theo luật" if explicit else None,
    )
    notice = Notice(year=year, source="Thông báo thử", days=[row])
    if not explicit:
        with pytest.raises(OverrideError) as exc:
            CAL.with_overrides(notices=[notice])
        assert exc.value.location == "notices[0].days[0]"
        assert exc.value.holiday == CAL.day_info(day).name
        return
    cal = CAL.with_overrides(notices=[notice]).without_warnings()
    base = CAL.without_warnings()
    assert cal.is_working_day(day)
    d = dt.date(year, 1, 1)
    while d.year == year:
        if d != day:
            assert cal.is_working_day(d) == base.is_working_day(d), d
        d += dt.timedelta(days=1)


def test_a_later_notice_cannot_silently_undo_an_earlier_notices_tet_day() -> None:
    # Tuesday 17/2/2026 is Tết (mùng 1) by Thông báo 9441/TB-BNV, shipped; a later partial
    # notice that makes it a working day must say so.
    late = Notice(
        year=2026,
        source="Công văn (ví dụ)",
        days=[CalendarEntry(date=dt.date(2026, 2, 17), kind="working_day", name="Làm việc")],
    )
    with pytest.raises(OverrideError) as exc:
        CAL.with_overrides(notices=[late])
    assert exc.value.holiday == "Tết Nguyên Đán (mùng 1)"
    # a later notice that cancels a swap is fine: swaps are not statutory days
    swap = Notice(
        year=2026,
        source="Công văn (ví dụ)",
        days=[
            CalendarEntry(date=dt.date(2026, 8, 31), kind="working_day", name="Làm việc"),
            CalendarEntry(date=dt.date(2026, 8, 22), kind="holiday", name="Nghỉ"),
        ],
    )
    cal = CAL.with_overrides(notices=[swap])
    assert cal.is_working_day(dt.date(2026, 8, 31)) is True
