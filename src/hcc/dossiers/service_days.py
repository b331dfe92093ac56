"""Service days: local recurring rules on top of the working calendar.

A district runs recurring service days that the national calendar does not know: the Tuesday
"no-writing day" (*Ngày không viết*, when commune officials fill in declaration forms for
citizens) or a Saturday-morning counter (*tiếp nhận hồ sơ sáng thứ Bảy*). Each is a
:class:`ServiceDay`: a name and an RFC 5545 recurrence rule read by :mod:`dateutil.rrule`.

An occurrence of the rule is *held* unless the day is off for a reason other than an ordinary
weekend: public holidays, compensatory days, swapped days off and local closures skip it. An
ordinary Saturday or Sunday does not (a Saturday counter opens on Saturdays), except, by default,
when it lies inside a holiday break — a run of consecutive days off that contains a holiday, such
as the weekend before Tết. A skipped occurrence is not moved; the next one is the next held day.

>>> import datetime as dt
>>> NO_WRITING_DAY.next_after(dt.date(2026, 2, 10))   # Tuesday 17 Feb 2026 is Tết
datetime.date(2026, 2, 24)
>>> NO_WRITING_DAY.next_after(dt.date(2026, 11, 17))  # 24 Nov 2026 is Vietnamese Culture Day
datetime.date(2026, 12, 1)
"""

from __future__ import annotations

import datetime as dt
import warnings
from bisect import bisect_left
from functools import lru_cache
from typing import Any

from dateutil.rrule import rrule, rrulestr
from pydantic import ConfigDict, Field, field_validator

from hcc._model import HccModel
from hcc.calendar import (
    DayInfo,
    DayKind,
    InvalidInputError,
    Session,
    WorkingCalendar,
    as_date,
    vietnam_calendar,
)
from hcc.calendar._text import nfc
from hcc.errors import OutOfRangeError, ProvisionalCalendarWarning

__all__ = ["NO_WRITING_DAY", "SATURDAY_MORNING", "ServiceDay"]

_RULE_START = dt.datetime(1900, 1, 1)
"""The ``DTSTART`` given to rules that state none (never "now": no implicit today)."""

_SKIPPED_KINDS = frozenset(
    {DayKind.HOLIDAY, DayKind.COMPENSATORY, DayKind.SWAPPED_DAY_OFF, DayKind.LOCAL_CLOSURE}
)
_ORDINARY_OFF = frozenset({DayKind.WEEKEND})


@lru_cache(maxsize=256)
def _compile(rule: str) -> rrule:
    parsed = rrulestr(rule, dtstart=_RULE_START, ignoretz=True)
    if not isinstance(parsed, rrule):  # an RRULE set (several rules, EXDATE...) is not supported
        raise ValueError("expected a single RRULE, not a rule set")
    return parsed


@lru_cache(maxsize=64)
def _occurrences(rule: str, last: dt.date) -> tuple[int, ...]:
    """Ordinals of the rule's occurrence dates up to ``last``, sorted (computed once, bisected)."""
    end = dt.datetime.combine(last, dt.time(23, 59, 59))
    out: list[int] = []
    for occ in _compile(rule):
        if occ > end:
            break
        o = occ.date().toordinal()
        if not out or out[-1] != o:
            out.append(o)
    return tuple(out)


class ServiceDay(HccModel):
    """A named local service day given by a recurrence rule over the working calendar.

    ``rule`` is an RFC 5545 ``RRULE`` string (``"FREQ=WEEKLY;BYDAY=TU"``, with or without the
    ``RRULE:`` prefix and an optional ``DTSTART``) or a :class:`dateutil.rrule.rrule`; a rule
    without ``DTSTART`` starts on 1 January 1900, never "now". ``sessions`` are the opening
    sessions of the service day when they differ from the office's (informative).
    ``skip_kinds`` are the day kinds that cancel an occurrence; with ``skip_holiday_breaks`` an
    ordinary weekend day inside a run of days off containing such a day is skipped too.

    >>> sat = ServiceDay(name="Sáng thứ Bảy", rule="FREQ=WEEKLY;BYDAY=SA")
    >>> sat.next_after(dt.date(2026, 2, 13))   # 14 and 21 Feb 2026 fall in the Tết break
    datetime.date(2026, 2, 28)
    >>> [d.day for d in sat.between(dt.date(2026, 3, 1), dt.date(2026, 3, 31))]
    [7, 14, 21, 28]
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    rule: str
    sessions: tuple[Session, ...] = ()
    skip_kinds: frozenset[DayKind] = _SKIPPED_KINDS
    skip_holiday_breaks: bool = True
    source: str | None = None

    @field_validator("name", "source", mode="before")
    @classmethod
    def _nfc(cls, v: Any) -> Any:
        return nfc(v)

    @field_validator("rule", mode="before")
    @classmethod
    def _rule(cls, v: Any) -> Any:
        if isinstance(v, rrule):
            v = str(v)
        if not isinstance(v, str):
            raise InvalidInputError("rule", v, "an RFC 5545 RRULE string or a dateutil rrule")
        text = v.strip()
        try:
            _compile(text)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"rule: cannot read {text!r} as an RRULE ({exc})") from None
        return text

    # ------------------------------------------------------------------ queries
    @property
    def rrule(self) -> rrule:
        """The compiled :class:`dateutil.rrule.rrule` (occurrences before any skipping)."""
        return _compile(self.rule)

    def _skip_reason(self, info: DayInfo, cal: WorkingCalendar) -> DayInfo | None:
        """The day that cancels an occurrence on ``info.date`` (itself or its break), or None."""
        if info.working:
            return None
        if info.kind in self.skip_kinds:
            return info
        if info.kind not in _ORDINARY_OFF or not self.skip_holiday_breaks:
            return None
        for step in (-1, 1):
            d = info.date
            while True:
                d = d + dt.timedelta(days=step)
                if not cal.first_date <= d <= cal.last_date:
                    break
                other = cal.day_info(d)
                if other.working:
                    break
                if other.kind in self.skip_kinds:
                    return other
        return None

    def _scan(
        self, a: dt.date, b: dt.date | None, cal: WorkingCalendar, *, first_only: bool
    ) -> tuple[list[dt.date], list[tuple[dt.date, DayInfo]], bool]:
        held: list[dt.date] = []
        skipped: list[tuple[dt.date, DayInfo]] = []
        provisional = False
        occurrences = _occurrences(self.rule, cal.last_date)
        end = (b if b is not None else cal.last_date).toordinal()
        for k in range(bisect_left(occurrences, a.toordinal()), len(occurrences)):
            if occurrences[k] > end:
                break
            d = dt.date.fromordinal(occurrences[k])
            info = cal.day_info(d)
            provisional = provisional or info.provisional
            reason = self._skip_reason(info, cal)
            if reason is None:
                held.append(d)
                if first_only:
                    break
            else:
                skipped.append((d, reason))
        return held, skipped, provisional

    @staticmethod
    def _warn(provisional: bool, what: str) -> None:
        if provisional:
            warnings.warn(
                f"{what} rests on days of a year with no official notice yet; the answer is "
                "projected from the statutory rules",
                ProvisionalCalendarWarning,
                stacklevel=3,
            )

    def next_after(self, d: dt.date, *, calendar: WorkingCalendar | None = None) -> dt.date:
        """The first held occurrence strictly after ``d``.

        Warns (:class:`hcc.ProvisionalCalendarWarning`) when a day examined is provisional;
        raises :class:`hcc.OutOfRangeError` when none is left in the calendar's range.

        >>> NO_WRITING_DAY.next_after(dt.date(2026, 3, 3))
        datetime.date(2026, 3, 10)
        """
        cal = calendar or vietnam_calendar()
        day = as_date(d, "d")
        if day >= cal.last_date:
            raise OutOfRangeError(day + dt.timedelta(days=1), cal.first_date, cal.last_date)
        held, _, prov = self._scan(day + dt.timedelta(days=1), None, cal, first_only=True)
        self._warn(prov, f"{self.name}: next_after({day})")
        if not held:
            raise OutOfRangeError(
                cal.last_date + dt.timedelta(days=1), cal.first_date, cal.last_date
            )
        return held[0]

    def between(
        self, a: dt.date, b: dt.date, *, calendar: WorkingCalendar | None = None
    ) -> list[dt.date]:
        """The held occurrences in ``[a, b]`` (both ends included), in order; empty when b < a.

        >>> [d.isoformat() for d in NO_WRITING_DAY.between(dt.date(2026, 2, 1), dt.date(2026, 2, 28))]
        ['2026-02-03', '2026-02-10', '2026-02-24']
        """
        cal = calendar or vietnam_calendar()
        lo, hi = as_date(a, "a"), as_date(b, "b")
        if hi < lo:
            return []
        for value in (lo, hi):
            if not cal.first_date <= value <= cal.last_date:
                raise OutOfRangeError(value, cal.first_date, cal.last_date)
        held, _, prov = self._scan(lo, hi, cal, first_only=False)
        self._warn(prov, f"{self.name}: between({lo}, {hi})")
        return held

    def skipped_between(
        self, a: dt.date, b: dt.date, *, calendar: WorkingCalendar | None = None
    ) -> list[tuple[dt.date, DayInfo]]:
        """The occurrences in ``[a, b]`` that are not held, each with the day that cancels it.

        The :class:`hcc.DayInfo` is the occurrence's own day, or the holiday of the break an
        ordinary weekend day lies in. Never warns (the ``provisional`` flags say so).

        >>> [(d.isoformat(), why.name) for d, why in NO_WRITING_DAY.skipped_between(dt.date(2026, 2, 1), dt.date(2026, 2, 28))]
        [('2026-02-17', 'Tết Nguyên Đán (mùng 1)')]
        """
        cal = calendar or vietnam_calendar()
        lo, hi = as_date(a, "a"), as_date(b, "b")
        if hi < lo:
            return []
        _, skipped, _ = self._scan(lo, hi, cal, first_only=False)
        return skipped

    def is_held_on(self, d: dt.date, *, calendar: WorkingCalendar | None = None) -> bool:
        """Whether the rule has an occurrence on ``d`` and it is held.

        >>> NO_WRITING_DAY.is_held_on(dt.date(2026, 2, 17)), NO_WRITING_DAY.is_held_on(dt.date(2026, 2, 24))
        (False, True)
        """
        cal = calendar or vietnam_calendar()
        day = as_date(d, "d")
        if not cal.first_date <= day <= cal.last_date:
            raise OutOfRangeError(day, cal.first_date, cal.last_date)
        held, _, prov = self._scan(day, day, cal, first_only=True)
        self._warn(prov, f"{self.name}: is_held_on({day})")
        return bool(held)


NO_WRITING_DAY = ServiceDay(
    name="Ngày không viết",
    rule="FREQ=WEEKLY;BYDAY=TU",
    source="Local practice of the founding district (every Tuesday); not a national rule",
)
"""The Tuesday "no-writing day": officials fill in the declaration forms for citizens."""

SATURDAY_MORNING = ServiceDay(
    name="Tiếp nhận và trả kết quả sáng thứ Bảy",
    rule="FREQ=WEEKLY;BYDAY=SA",
    sessions=(Session(start=dt.time(7, 30), end=dt.time(11, 30)),),
    source="Local decision (REFERENCE §4: Saturday one-stop service is decided locally); hours unconfirmed",
)
"""A Saturday-morning counter, 07:30-11:30 (a local decision; override the hours as needed)."""
