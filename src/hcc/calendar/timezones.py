"""One rule for time zones, and helpers to keep an app's moments comparable with hcc's.

**The rule.** hcc reads a *naive* datetime as Vietnam local time (Asia/Ho_Chi_Minh, UTC+7 all
year since 1975) and converts an *aware* one to Vietnam time; it **always returns aware
datetimes in Vietnam time** (``tzinfo`` is :data:`hcc.calendar.VN_TZ`). Dates are Vietnam local
dates. So *naive in, aware out*: an app that keeps naive local datetimes cannot compare its
own moment with hcc's answer directly (``max(at, deadline.due_at)`` raises ``TypeError``:
"can't compare offset-naive and offset-aware datetimes"). Bring either side over:

* :func:`to_vn_aware` — any moment (naive = Vietnam time, aware, ISO string, date) as an aware
  Vietnam datetime: ``max(to_vn_aware(at), deadline.due_at)``;
* :func:`to_vn_naive` — any moment as a naive Vietnam wall-clock datetime, for apps and
  databases that store naive local times: ``max(at, to_vn_naive(deadline.due_at))``;
* :func:`like` — a moment converted to the kind of another (naive stays naive, aware takes the
  other's time zone): ``max(at, like(deadline.due_at, at))`` works whichever ``at`` is.

>>> import datetime as dt
>>> from hcc import compute_deadline
>>> at = dt.datetime(2026, 3, 9, 9, 0)                        # naive: Vietnam time
>>> due = compute_deadline(dt.datetime(2026, 3, 2, 9, 30), "05 ngày làm việc").due_at
>>> max(at, like(due, at))
datetime.datetime(2026, 3, 9, 17, 0)
>>> max(to_vn_aware(at), due).isoformat()
'2026-03-09T17:00:00+07:00'
"""

from __future__ import annotations

import datetime as dt

from hcc.calendar._time import InvalidInputError, as_vn_datetime

__all__ = ["like", "to_vn_aware", "to_vn_naive"]


def to_vn_aware(value: dt.datetime | dt.date | str, field: str = "moment") -> dt.datetime:
    """``value`` as an aware datetime in Vietnam time (naive input is Vietnam time).

    The same conversion every hcc function applies to its inputs
    (:func:`hcc.calendar.as_vn_datetime`); a date is its midnight.

    Raises:
        hcc.calendar.InvalidInputError: not a datetime, date or ISO 8601 string.

    >>> to_vn_aware(dt.datetime(2026, 1, 5, 2, 0, tzinfo=dt.UTC)).isoformat()
    '2026-01-05T09:00:00+07:00'
    >>> to_vn_aware("2026-01-05T09:00").isoformat()
    '2026-01-05T09:00:00+07:00'
    """
    return as_vn_datetime(value, field)


def to_vn_naive(value: dt.datetime | dt.date | str, field: str = "moment") -> dt.datetime:
    """``value`` as a naive Vietnam wall-clock datetime (aware input converted first).

    Raises:
        hcc.calendar.InvalidInputError: not a datetime, date or ISO 8601 string.

    >>> to_vn_naive(dt.datetime(2026, 1, 5, 2, 0, tzinfo=dt.UTC))
    datetime.datetime(2026, 1, 5, 9, 0)
    >>> to_vn_naive(dt.datetime(2026, 1, 5, 9, 0))   # naive is Vietnam time already
    datetime.datetime(2026, 1, 5, 9, 0)
    """
    return as_vn_datetime(value, field).replace(tzinfo=None)


def like(value: dt.datetime | dt.date | str, reference: dt.datetime) -> dt.datetime:
    """``value`` as the same kind of datetime as ``reference``: naive Vietnam time when
    ``reference`` is naive, else converted to ``reference``'s time zone.

    Raises:
        hcc.calendar.InvalidInputError: ``reference`` is not a datetime, or ``value`` cannot be
            read as a moment.

    >>> from hcc.calendar import VN_TZ
    >>> due = dt.datetime(2026, 1, 12, 17, 0, tzinfo=VN_TZ)
    >>> like(due, dt.datetime(2026, 1, 12, 9, 0))
    datetime.datetime(2026, 1, 12, 17, 0)
    >>> like(due, dt.datetime(2026, 1, 12, 2, 0, tzinfo=dt.UTC)).isoformat()
    '2026-01-12T10:00:00+00:00'
    """
    if not isinstance(reference, dt.datetime):
        raise InvalidInputError("reference", reference, "a datetime.datetime")
    moment = as_vn_datetime(value, "value")
    if reference.tzinfo is None or reference.tzinfo.utcoffset(reference) is None:
        return moment.replace(tzinfo=None)
    return moment.astimezone(reference.tzinfo)
