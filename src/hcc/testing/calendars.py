"""A working calendar built from explicit lists, for tests that must not depend on real notices.

:class:`FixedCalendar` is a :class:`hcc.calendar.WorkingCalendar` with no statutory rules and no
official notices: Monday-Friday work, Saturday and Sunday rest, plus exactly the holidays and extra
working days you list. Its answers never change when hcc ships a new year's notice, so a test
written against it keeps its meaning; and no year is provisional unless you ask for one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from hcc.calendar import (
    CalendarEntry,
    DayKind,
    OfficeHours,
    WorkingCalendar,
    as_date,
)
from hcc.errors import OverrideError

__all__ = ["FIXED_SOURCE", "FixedCalendar"]

FIXED_SOURCE = "hcc.testing.FixedCalendar"
"""The ``source`` of every day a :class:`FixedCalendar` was given."""

_HOLIDAY_NAME = "Ngày nghỉ (lịch kiểm thử)"
_WORKING_NAME = "Ngày làm việc (lịch kiểm thử)"

DayList = Iterable[dt.date | str | CalendarEntry] | Mapping[dt.date | str, str]
"""Dates (or ISO strings, or :class:`CalendarEntry` rows), or a mapping date -> Vietnamese name."""


class FixedCalendar(WorkingCalendar):
    """A working calendar from explicit lists: weekdays work, weekends rest, plus your days.

    ``holidays`` are days off (kind ``holiday``); ``working_days`` are days worked (kind
    ``local_working_day``), typically Saturdays. Each is a list of dates or ISO strings, a mapping
    date -> name, or :class:`hcc.calendar.CalendarEntry` rows. ``years`` is the inclusive range
    ``(first, last)`` the calendar covers. ``provisional_from`` marks that year and later as
    provisional (operations on them warn), to test how code handles projected years; by default
    no year is provisional. Everything else -- arithmetic, office hours, ``with_overrides`` -- is
    :class:`~hcc.calendar.WorkingCalendar`'s.

    A date listed twice, in both lists, or outside ``years`` raises
    :class:`hcc.errors.OverrideError` naming it.

    >>> import datetime as dt
    >>> from hcc.testing import FixedCalendar
    >>> cal = FixedCalendar(holidays=["2030-01-01"], working_days=["2030-01-05"], years=(2030, 2030))
    >>> cal.is_working_day(dt.date(2030, 1, 1)), cal.is_working_day(dt.date(2030, 1, 5))
    (False, True)
    >>> cal.add_working_days(dt.date(2030, 1, 4), 1)   # Friday -> the worked Saturday
    datetime.date(2030, 1, 5)
    >>> cal.day_info(dt.date(2030, 1, 1)).source
    'hcc.testing.FixedCalendar'
    """

    __slots__ = ()

    def __init__(
        self,
        holidays: DayList = (),
        working_days: DayList = (),
        *,
        years: tuple[int, int] = (2020, 2030),
        weekend: Iterable[int] = (5, 6),
        office_hours: OfficeHours | None = None,
        provisional_from: int | None = None,
        **derived: Any,
    ) -> None:
        if derived:
            # WorkingCalendar._replace (with_overrides, with_office_hours) passes the full state.
            super().__init__(
                weekend=weekend,
                office_hours=office_hours,
                provisional_from=provisional_from,
                **derived,
            )
            return
        first, last = _years(years)
        rows: dict[dt.date, CalendarEntry] = {}
        for field, items, kind, default_name in (
            ("holidays", holidays, DayKind.HOLIDAY, _HOLIDAY_NAME),
            ("working_days", working_days, DayKind.LOCAL_WORKING_DAY, _WORKING_NAME),
        ):
            for j, entry in enumerate(_entries(field, items, kind, default_name)):
                loc = f"{field}[{j}]"
                if not first <= entry.date.year <= last:
                    raise OverrideError(
                        loc, entry.date.isoformat(), f"a date in {first}..{last} (years)"
                    )
                if entry.date in rows:
                    raise OverrideError(
                        loc,
                        entry.date.isoformat(),
                        "each date once across holidays and working_days",
                    )
                rows[entry.date] = entry
        super().__init__(
            first_year=first,
            last_year=last,
            weekend=weekend,
            rules=None,
            local_days=rows.values(),
            provisional_from=provisional_from,
            office_hours=office_hours,
        )

    def __repr__(self) -> str:
        return f"<FixedCalendar {self.first_date.year}-{self.last_date.year}>"


def _years(years: Any) -> tuple[int, int]:
    ok = (
        isinstance(years, tuple)
        and len(years) == 2
        and all(isinstance(y, int) and not isinstance(y, bool) for y in years)
        and 1 <= years[0] <= years[1] <= 9998
    )
    if not ok:
        raise OverrideError("years", years, "a (first, last) tuple of years, first <= last")
    return years[0], years[1]


def _entries(
    field: str, items: DayList, kind: DayKind, default_name: str
) -> Iterable[CalendarEntry]:
    pairs: Iterable[tuple[Any, str | None]]
    if isinstance(items, str | bytes) or not isinstance(items, Iterable):
        raise OverrideError(field, items, "a list of dates or a mapping date -> name")
    pairs = items.items() if isinstance(items, Mapping) else ((item, None) for item in items)
    for j, (item, name) in enumerate(pairs):
        if isinstance(item, CalendarEntry):
            yield item
            continue
        try:
            d = as_date(item, f"{field}[{j}]")
        except ValueError:
            raise OverrideError(f"{field}[{j}]", item, "a date or an ISO date string") from None
        yield CalendarEntry(date=d, kind=kind, name=name or default_name, source=FIXED_SOURCE)
