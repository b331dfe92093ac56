"""Deadlines: time limits, deadline arithmetic on the working calendar, and the SLA clock.

>>> from hcc.deadlines import TimeLimit
>>> str(TimeLimit.parse("Không quá 5 ngày làm việc"))
'05 ngày làm việc'
"""

from hcc.deadlines.events import (
    ClockEvent,
    EventKind,
    Extended,
    HandedOver,
    Received,
    ResultReady,
    Returned,
    SupplementReceived,
    SupplementRequested,
    Withdrawn,
)
from hcc.deadlines.limits import TimeLimit, TimeUnit
from hcc.deadlines.policy import AfterHoursRule, AppointmentTime, DeadlinePolicy, SupplementRule

__all__ = [
    "AfterHoursRule",
    "AppointmentTime",
    "ClockEvent",
    "DeadlinePolicy",
    "EventKind",
    "Extended",
    "HandedOver",
    "Received",
    "ResultReady",
    "Returned",
    "SupplementReceived",
    "SupplementRequested",
    "SupplementRule",
    "TimeLimit",
    "TimeUnit",
    "Withdrawn",
]
