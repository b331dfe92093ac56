"""hcc: Vietnamese administrative procedures — catalogues, working-day deadlines, fees, documents.

>>> import datetime as dt, hcc
>>> hcc.vietnam_calendar().add_working_days(dt.date(2026, 2, 13), 1)
datetime.date(2026, 2, 23)
"""

from hcc._version import __version__
from hcc.calendar import (
    CalendarEntry,
    CalendarOverrides,
    DayInfo,
    DayKind,
    Notice,
    OfficeHours,
    SeasonalHours,
    Session,
    WorkingCalendar,
    vietnam_calendar,
)
from hcc.errors import (
    HccError,
    HccWarning,
    OutOfRangeError,
    OverrideError,
    ProvisionalCalendarWarning,
)

__all__ = [
    "CalendarEntry",
    "CalendarOverrides",
    "DayInfo",
    "DayKind",
    "HccError",
    "HccWarning",
    "Notice",
    "OfficeHours",
    "OutOfRangeError",
    "OverrideError",
    "ProvisionalCalendarWarning",
    "SeasonalHours",
    "Session",
    "WorkingCalendar",
    "__version__",
    "vietnam_calendar",
]
