"""Vietnam local time and input coercion shared by the calendar and the layers above it.

Naive datetimes are taken as Vietnam local time (Asia/Ho_Chi_Minh, UTC+7 all year since 1975);
aware ones are converted to it. Strings are accepted only in ISO 8601 form.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hcc.errors import InvalidInputError

__all__ = ["VN_TZ", "InvalidInputError", "as_date", "as_vn_datetime"]


def _load_tz() -> dt.tzinfo:
    try:
        return ZoneInfo("Asia/Ho_Chi_Minh")
    except ZoneInfoNotFoundError:  # pragma: no cover - only without an IANA database
        return dt.timezone(dt.timedelta(hours=7), "Asia/Ho_Chi_Minh")


VN_TZ: dt.tzinfo = _load_tz()
"""The time zone of every aware datetime hcc returns (Asia/Ho_Chi_Minh, UTC+7)."""


def as_vn_datetime(value: object, field: str = "moment") -> dt.datetime:
    """Return ``value`` as an aware datetime in Vietnam time.

    Naive datetimes are Vietnam local time; aware ones are converted; a plain ``date`` is its
    midnight; ISO strings are parsed.

    >>> as_vn_datetime(dt.datetime(2026, 1, 5, 9, 30)).isoformat()
    '2026-01-05T09:30:00+07:00'
    >>> as_vn_datetime(dt.datetime(2026, 1, 5, 2, 0, tzinfo=dt.timezone.utc)).hour
    9

    Raises:
        InvalidInputError: ``value`` is not a datetime, a date or an ISO 8601 string, or an aware
            moment that falls outside years 1..9999 once converted to Vietnam time.
    """
    if type(value) is dt.datetime and value.tzinfo is VN_TZ:  # the common case, already normal
        return value
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise InvalidInputError(field, value, "an ISO 8601 datetime string") from None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
            return value.replace(tzinfo=VN_TZ)
        try:
            return value.astimezone(VN_TZ)
        except (OverflowError, ValueError):  # datetime.min/max with a far offset
            raise InvalidInputError(
                field, value, "a moment that is within years 1..9999 in Vietnam time (UTC+7)"
            ) from None
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(0, 0), tzinfo=VN_TZ)
    raise InvalidInputError(
        field, value, "a datetime.datetime (naive = Vietnam time) or ISO string"
    )


def as_date(value: object, field: str = "d") -> dt.date:
    """Return ``value`` as a ``date``: datetimes give their Vietnam-local date; ISO strings parse.

    >>> as_date("2026-01-02")
    datetime.date(2026, 1, 2)
    >>> as_date(dt.datetime(2026, 1, 1, 20, 0, tzinfo=dt.timezone.utc))
    datetime.date(2026, 1, 2)

    Raises:
        InvalidInputError: ``value`` is not a date, a datetime or an ISO date string.
    """
    if isinstance(value, dt.datetime):
        return as_vn_datetime(value, field).date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise InvalidInputError(field, value, "an ISO date string YYYY-MM-DD") from None
    raise InvalidInputError(field, value, "a datetime.date or an ISO date string YYYY-MM-DD")
