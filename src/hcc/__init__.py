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
from hcc.fees import (
    FeeRule,
    FeeSchedule,
    Quote,
    QuoteLine,
    amount_in_words,
    format_vnd,
    get_fee_schedule,
    quote,
    standard_fee_schedules,
)

__all__ = [
    "CalendarEntry",
    "CalendarOverrides",
    "DayInfo",
    "DayKind",
    "FeeRule",
    "FeeSchedule",
    "HccError",
    "HccWarning",
    "Notice",
    "OfficeHours",
    "OutOfRangeError",
    "OverrideError",
    "ProvisionalCalendarWarning",
    "Quote",
    "QuoteLine",
    "SeasonalHours",
    "Session",
    "WorkingCalendar",
    "__version__",
    "amount_in_words",
    "format_vnd",
    "get_fee_schedule",
    "quote",
    "standard_fee_schedules",
    "vietnam_calendar",
]
