"""Working calendars: "is this a working day for civil servants, and why?".

>>> import datetime as dt
>>> from hcc.calendar import vietnam_calendar
>>> vietnam_calendar().is_working_day(dt.date(2026, 1, 2))
False
"""

from hcc.calendar._time import VN_TZ, InvalidInputError, as_date, as_vn_datetime
from hcc.calendar.entries import (
    CalendarEntry,
    CalendarOverrides,
    DayKind,
    Notice,
    load_official_notices,
    parse_overrides,
)
from hcc.calendar.office_hours import DEFAULT_SESSIONS, OfficeHours, SeasonalHours, Session
from hcc.calendar.timezones import like, to_vn_aware, to_vn_naive
from hcc.calendar.working import DayInfo, StatutoryRules, WorkingCalendar, vietnam_calendar

__all__ = [
    "DEFAULT_SESSIONS",
    "VN_TZ",
    "CalendarEntry",
    "CalendarOverrides",
    "DayInfo",
    "DayKind",
    "InvalidInputError",
    "Notice",
    "OfficeHours",
    "SeasonalHours",
    "Session",
    "StatutoryRules",
    "WorkingCalendar",
    "as_date",
    "as_vn_datetime",
    "like",
    "load_official_notices",
    "parse_overrides",
    "to_vn_aware",
    "to_vn_naive",
    "vietnam_calendar",
]
