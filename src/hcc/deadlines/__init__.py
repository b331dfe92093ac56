"""Deadlines: time limits, deadline arithmetic on the working calendar, and the SLA clock.

>>> from hcc.deadlines import TimeLimit
>>> str(TimeLimit.parse("Không quá 5 ngày làm việc"))
'05 ngày làm việc'
"""

from hcc.deadlines.clock import (
    Classification,
    ClockState,
    SlaClock,
    SlaStatus,
    StepStatus,
    classify,
    sla_status,
)
from hcc.deadlines.compute import Deadline, compute_deadline, compute_deadlines, cutoff_basis
from hcc.deadlines.events import (
    ClockEvent,
    EventKind,
    Extended,
    HandedOver,
    Received,
    ResultReady,
    Returned,
    Stopped,
    SupplementReceived,
    SupplementRequested,
    Withdrawn,
)
from hcc.deadlines.limits import (
    MAX_AMOUNT,
    MAX_TEXT_LENGTH,
    AlternateLimit,
    ChannelLimit,
    TimeLimit,
    TimeUnit,
)
from hcc.deadlines.policy import (
    POLICY_VERSIONS,
    AfterHoursRule,
    AppointmentTime,
    DeadlinePolicy,
    SupplementRule,
    policy_in_force,
)

__all__ = [
    "MAX_AMOUNT",
    "MAX_TEXT_LENGTH",
    "POLICY_VERSIONS",
    "AfterHoursRule",
    "AlternateLimit",
    "AppointmentTime",
    "ChannelLimit",
    "Classification",
    "ClockEvent",
    "ClockState",
    "Deadline",
    "DeadlinePolicy",
    "EventKind",
    "Extended",
    "HandedOver",
    "Received",
    "ResultReady",
    "Returned",
    "SlaClock",
    "SlaStatus",
    "StepStatus",
    "Stopped",
    "SupplementReceived",
    "SupplementRequested",
    "SupplementRule",
    "TimeLimit",
    "TimeUnit",
    "Withdrawn",
    "classify",
    "compute_deadline",
    "compute_deadlines",
    "cutoff_basis",
    "policy_in_force",
    "sla_status",
]
