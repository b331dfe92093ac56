"""Civil-status quotes decide the on-time exemption from the facts (issue 14, point 7).

Answers: tests/answers/fees_on_time.toml, written by hand from the Law on Civil Status 60/2014/QH13
(arts. 11, 15(1), 33(1)) and the Civil Code 2015 (arts. 147(3), 148).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hcc.errors import QuoteError
from hcc.fees import check_on_time, get_fee_schedule, quote
from hcc.procedures import default_catalogue
from hcc.testing import FixedCalendar
from tests.conftest import ANSWERS

CASES: list[dict[str, Any]] = tomllib.loads(
    (ANSWERS / "fees_on_time.toml").read_text(encoding="utf-8")
)["case"]


def _d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['schedule']}-day{c['day']}")
def test_on_time_exemption_from_the_dates(case: dict[str, Any]) -> None:
    q = quote(case["schedule"], on=_d(case["received"]), event_date=_d(case["event"]))
    assert q.on_time is not None
    assert q.on_time.day == case["day"]
    assert q.on_time.on_time is case["on_time"], case["why"]
    assert (q.total == 0) is case["on_time"], case["why"]
    assert ("on_time_registration" in q.exemptions) is case["on_time"]
    assert q.notes[0].startswith("on time" if case["on_time"] else "late")
    assert "147(3)" in q.notes[0]
    # the same through the default catalogue's quote path, by procedure code
    qc = default_catalogue().quote(
        case["code"], on=_d(case["received"]), event_date=_d(case["event"])
    )
    assert qc.total == q.total


def test_a_late_quote_charges_the_provincial_fee_and_says_why() -> None:
    q = quote("dang-ky-khai-sinh", on=dt.date(2026, 3, 17), event_date=dt.date(2026, 1, 15))
    assert q.total == Decimal(8000)
    assert q.lines[0].adjustment is None
    assert "day 61" in q.explain()
    assert "ended on 2026-03-16" in q.explain()


def test_the_caller_can_still_name_a_category() -> None:
    late = {"on": dt.date(2026, 3, 17), "event_date": dt.date(2026, 1, 15)}
    assert quote("dang-ky-khai-sinh", exemptions=["poor_household"], **late).total == 0
    named = quote("dang-ky-khai-sinh", exemptions=["on_time_registration"], **late)
    assert named.total == 0
    assert any("named by the caller" in n for n in named.notes)
    # without the event date nothing is assumed, and the quote says so
    bare = quote("dang-ky-khai-sinh", on=dt.date(2026, 3, 17))
    assert bare.total == Decimal(8000)
    assert bare.on_time is None
    assert "no event_date given" in bare.notes[0]


def test_bad_event_dates_are_refused() -> None:
    with pytest.raises(QuoteError, match="before it happens"):
        quote("dang-ky-khai-sinh", on=dt.date(2026, 3, 1), event_date=dt.date(2026, 3, 2))
    with pytest.raises(QuoteError, match="no statutory registration window"):
        quote("trich-luc-ho-tich", on=dt.date(2026, 3, 2), event_date=dt.date(2026, 3, 1))
    with pytest.raises(QuoteError, match="event_date"):
        quote("dang-ky-khai-tu", on=dt.date(2026, 3, 2), event_date="02/03/2026")


def test_the_calendar_decides_which_last_days_move() -> None:
    # a district calendar that closes Monday 16/3/2026 moves day 60 of a 15/1 birth to 17/3
    cal = FixedCalendar(holidays=["2026-03-16"], years=(2026, 2026))
    q = quote(
        "dang-ky-khai-sinh",
        on=dt.date(2026, 3, 17),
        event_date=dt.date(2026, 1, 15),
        calendar=cal,
    )
    assert q.total == 0
    assert q.on_time is not None
    assert q.on_time.last_day == dt.date(2026, 3, 17)


@given(
    st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2026, 6, 30)),
    st.integers(min_value=0, max_value=200),
)
def test_on_time_is_monotone_and_exact_on_working_last_days(event: dt.date, n: int) -> None:
    window = get_fee_schedule("dang-ky-khai-sinh").on_time
    assert window is not None
    c = check_on_time(window, event_date=event, received=event + dt.timedelta(days=n))
    assert c.day == n
    if n <= 60:
        assert c.on_time
    if n > 60 + 10:  # no run of days off is longer than ten days
        assert not c.on_time
    assert c.last_day >= c.nominal_last_day == event + dt.timedelta(days=60)


def test_the_cli_fee_command_takes_the_event_date(capsys: pytest.CaptureFixture[str]) -> None:
    from hcc.cli import main

    en = ["--lang", "en"]  # the command line speaks Vietnamese by default (docs/cli.md)
    assert main(["fee", "1.001193", "--on", "2026-03-16", "--event-date", "2026-01-15", *en]) == 0
    out = capsys.readouterr().out
    assert "Total: 0 đồng" in out
    assert "on time: received on day 60" in out
    assert main(["fee", "1.001193", "--on", "2026-03-17", "--event-date", "2026-01-15", *en]) == 0
    assert "late: received on day 61" in capsys.readouterr().out
    assert main(["fee", "1.001193", "--on", "2026-03-17", "--event-date", "2026-01-15"]) == 0
    assert "quá hạn: nộp vào ngày thứ 61 kể từ ngày sinh 15/01/2026" in capsys.readouterr().out
