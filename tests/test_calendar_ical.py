"""The calendar as an RFC 5545 feed parses back (with icalendar) to the same days and facts."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from hcc.calendar import InvalidInputError, vietnam_calendar

LONG = (
    "Nghỉ để tổ chức Lễ kỷ niệm 80 năm Ngày thành lập Ủy ban nhân dân xã Nghi Phong, huyện "
    "Nghi Lộc; trụ sở \\ Bộ phận Một cửa đóng cửa, hồ sơ trực tuyến vẫn tiếp nhận"
)


def _events(feed: bytes) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(feed)
    return list(cal.walk("VEVENT"))


def test_a_year_parses_back_to_the_same_days() -> None:
    cal = vietnam_calendar()
    expected = list(cal.day_infos(dt.date(2026, 1, 1), dt.date(2026, 12, 31), special_only=True))
    events = _events(cal.to_ical(2026))
    assert [e.decoded("dtstart") for e in events] == [d.date for d in expected]
    assert [e.decoded("dtend") for e in events] == [d.date + dt.timedelta(days=1) for d in expected]
    assert [str(e["summary"]) for e in events] == [d.name for d in expected]
    assert [str(e["x-hcc-kind"]) for e in events] == [d.kind.value for d in expected]
    assert [str(e["x-hcc-working"]) == "TRUE" for e in events] == [d.working for d in expected]
    assert [str(e.get("x-hcc-source")) for e in events] == [str(d.source) for d in expected]
    # worked Saturday 10/01/2026 and the day off it pays for (Công văn 12729/VPCP-KGVX)
    by_day = {e.decoded("dtstart"): e for e in events}
    sat = by_day[dt.date(2026, 1, 10)]
    assert str(sat["x-hcc-kind"]) == "working_saturday"
    assert str(sat["transp"]) == "OPAQUE"
    assert "12729/VPCP-KGVX" in str(sat["description"])
    assert str(by_day[dt.date(2026, 1, 2)]["transp"]) == "TRANSPARENT"
    assert len({str(e["uid"]) for e in events}) == len(events)


def test_escaping_and_folding_of_long_vietnamese_names() -> None:
    cal = vietnam_calendar(
        {
            "days": [
                {
                    "date": "2026-03-13",
                    "kind": "local_closure",
                    "name": LONG,
                    "source": "QĐ 1/UBND, 2026; mục 2",
                }
            ]
        }
    )
    feed = cal.to_ical(start="2026-03-01", end="2026-03-31")
    lines = feed.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)  # RFC 5545 §3.1: fold at 75 octets
    assert any(line.startswith(b" ") for line in lines)  # the long name was folded
    assert b"\\;" in feed
    assert b"\\," in feed
    assert b"\\\\" in feed
    [event] = _events(feed)
    assert str(event["summary"]) == LONG
    assert str(event["x-hcc-source"]) == "QĐ 1/UBND, 2026; mục 2"
    assert event.decoded("dtstart") == dt.date(2026, 3, 13)


def test_provisional_year_is_marked() -> None:
    events = _events(vietnam_calendar().to_ical(2031))
    assert events
    assert all(str(e["x-hcc-provisional"]) == "TRUE" for e in events)
    assert all("Tạm tính" in str(e["description"]) for e in events)


def test_same_calendar_same_bytes_and_explicit_stamp() -> None:
    cal = vietnam_calendar()
    assert cal.to_ical(2026) == cal.to_ical(2026)
    stamp = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
    [first, *_] = _events(cal.to_ical(2026, stamp=stamp))
    assert first.decoded("dtstamp") == stamp


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"year": 2026, "start": "2026-01-01", "end": "2026-01-31"},
        {"start": "2026-02-01", "end": "2026-01-01"},
        {"start": "2026-02-01"},
        {"year": "2026"},
        {"year": 2026, "stamp": dt.datetime(2026, 1, 1)},
    ],
)
def test_bad_arguments(kwargs: dict[str, object]) -> None:
    with pytest.raises(InvalidInputError):
        vietnam_calendar().to_ical(**kwargs)  # type: ignore[arg-type]


def test_cli_writes_the_feed(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    from hcc.cli import main

    assert main(["calendar", "2026", "--ical"]) == 0
    out = capsysbinary.readouterr().out
    assert out == vietnam_calendar().to_ical(2026)
