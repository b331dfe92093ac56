"""The working calendar as an RFC 5545 (iCalendar) feed: days off, worked Saturdays and sources.

Portals publish the year's days off and worked Saturdays; [`to_ical`][to_ical] writes them through the
`icalendar <https://icalendar.readthedocs.io>`_ library (the ``ical`` extra), which escapes
commas, semicolons, backslashes and newlines in text and folds lines longer than 75 octets —
what a hand-written feed gets wrong with long Vietnamese names.

One all-day ``VEVENT`` per day that is not an ordinary weekday or weekend (the days
[`WorkingCalendar.day_infos`][WorkingCalendar.day_infos] gives with ``special_only=True``):

* ``DTSTART;VALUE=DATE`` the day, ``DTEND`` the next day (RFC 5545 §3.6.1: the end is exclusive);
* ``SUMMARY`` the day's Vietnamese name (or, without one, what kind of day it is, in Vietnamese);
* ``DESCRIPTION`` the kind, the source ("Nguồn: ...") and "tạm tính" for a projected year;
* ``CATEGORIES`` the [`DayKind`][DayKind] value; ``TRANSP`` ``TRANSPARENT`` for a day off and
  ``OPAQUE`` for a working day (a worked Saturday);
* ``X-HCC-KIND``, ``X-HCC-WORKING`` (``TRUE``/``FALSE``), ``X-HCC-SOURCE`` and
  ``X-HCC-PROVISIONAL`` carry the same facts for programs;
* ``UID`` ``<date>-<kind>@hcc`` (stable: a feed rebuilt later updates the same events);
  ``DTSTAMP`` is ``stamp`` (default: 00:00 UTC of the first day of the range, so the same
  calendar always gives the same bytes: no implicit "now").
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hcc._types import as_date
from hcc.calendar.entries import DayKind
from hcc.errors import InvalidInputError, MissingExtraError

if TYPE_CHECKING:
    from hcc.calendar.working import DayInfo, WorkingCalendar

__all__ = ["KIND_NAMES_VI", "to_ical"]

KIND_NAMES_VI = {
    DayKind.WEEKDAY: "Ngày làm việc",
    DayKind.WEEKEND: "Ngày nghỉ hằng tuần",
    DayKind.HOLIDAY: "Ngày nghỉ lễ, Tết",
    DayKind.COMPENSATORY: "Ngày nghỉ bù",
    DayKind.SWAPPED_DAY_OFF: "Ngày nghỉ do hoán đổi ngày làm việc",
    DayKind.WORKING_SATURDAY: "Thứ Bảy làm bù",
    DayKind.LOCAL_CLOSURE: "Ngày cơ quan nghỉ (địa phương)",
    DayKind.LOCAL_WORKING_DAY: "Ngày làm việc tăng cường (địa phương)",
}
"""What each kind of day is called in Vietnamese (the ``SUMMARY`` of a day without a name)."""


def _icalendar() -> Any:
    try:
        import icalendar
    except ImportError:
        raise MissingExtraError("ical", "to_ical()") from None
    return icalendar


def _event(ical: Any, info: DayInfo, stamp: dt.datetime) -> Any:
    ev = ical.Event()
    ev.add("uid", f"{info.date.isoformat()}-{info.kind.value}@hcc")
    ev.add("dtstamp", stamp)
    ev.add("dtstart", info.date)
    ev.add("dtend", info.date + dt.timedelta(days=1))
    ev.add("summary", info.name or KIND_NAMES_VI[info.kind])
    lines = [KIND_NAMES_VI[info.kind] + (" (ngày làm việc)" if info.working else " (ngày nghỉ)")]
    if info.source:
        lines.append(f"Nguồn: {info.source}")
    if info.provisional:
        lines.append("Tạm tính: năm chưa có thông báo chính thức")
    ev.add("description", "\n".join(lines))
    ev.add("categories", [info.kind.value])
    ev.add("transp", "OPAQUE" if info.working else "TRANSPARENT")
    ev.add("x-hcc-kind", info.kind.value)
    ev.add("x-hcc-working", "TRUE" if info.working else "FALSE")
    if info.source:
        ev.add("x-hcc-source", info.source)
    ev.add("x-hcc-provisional", "TRUE" if info.provisional else "FALSE")
    return ev


def to_ical(
    calendar: WorkingCalendar,
    year: int | None = None,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    name: str | None = None,
    stamp: dt.datetime | None = None,
) -> bytes:
    """The special days of ``year`` (or of ``[start, end]``, both included) as an iCalendar feed.

    Give either ``year`` or both ``start`` and ``end``. ``name`` is the feed's name
    (``X-WR-CALNAME``; default "Lịch nghỉ, làm bù của cơ quan hành chính nhà nước"). Returns the
    feed as UTF-8 bytes with CRLF line ends (RFC 5545 §3.1). See the module docstring for the
    properties of each event.

    Raises:
        hcc.errors.InvalidInputError: neither a year nor a range, both, or ``end < start``.
        hcc.errors.OutOfRangeError: a day outside the calendar's range.
        hcc.errors.MissingExtraError: icalendar is not installed (the ``ical`` extra).

    >>> from hcc.calendar import vietnam_calendar
    >>> feed = to_ical(vietnam_calendar(), 2026)
    >>> feed.startswith(b"BEGIN:VCALENDAR"), feed.count(b"BEGIN:VEVENT")
    (True, 17)
    """
    if year is not None and (start is not None or end is not None):
        raise InvalidInputError("year", year, "None when start and end are given")
    if year is not None:
        if isinstance(year, bool) or not isinstance(year, int):
            raise InvalidInputError("year", year, "an int year")
        if not 1 <= year <= 9999:
            raise InvalidInputError("year", year, "a year from 1 to 9999")
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    elif start is not None and end is not None:
        first, last = as_date(start, "start"), as_date(end, "end")
        if last < first:
            raise InvalidInputError("end", last, f"a date on or after start {first.isoformat()}")
    else:
        raise InvalidInputError("year", year, "a year, or both start and end")
    days = list(calendar.day_infos(first, last, special_only=True))
    ical = _icalendar()
    when = stamp if stamp is not None else dt.datetime.combine(first, dt.time(0), dt.UTC)
    if when.tzinfo is None:
        raise InvalidInputError("stamp", stamp, "an aware datetime (DTSTAMP is UTC)")
    when = when.astimezone(dt.UTC)
    cal = ical.Calendar()
    cal.add("prodid", "-//hcc//Vietnamese civil-service calendar//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name or "Lịch nghỉ, làm bù của cơ quan hành chính nhà nước")
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for info in days:
        cal.add_component(_event(ical, info, when))
    feed: bytes = cal.to_ical()
    return feed
