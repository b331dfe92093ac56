"""Deadlines: time limits, deadline arithmetic on the working calendar, and the SLA clock.

>>> from hcc.deadlines import TimeLimit
>>> str(TimeLimit.parse("Không quá 5 ngày làm việc"))
'05 ngày làm việc'
"""

from hcc.deadlines.limits import TimeLimit, TimeUnit

__all__ = ["TimeLimit", "TimeUnit"]
