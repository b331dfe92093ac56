"""Office hours: the sessions of a working day, per weekday and per season.

The default is 07:30-11:30 and 13:30-17:00 on every working day, worked Saturdays included
(a common one-stop schedule; Decision 188/1999/QĐ-TTg sets 40 hours a week and leaves the hours
to each agency). Districts override it, per weekday and with seasonal variants.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Annotated, Any

from pydantic import ConfigDict, Field, field_validator, model_validator

from hcc._model import HccModel
from hcc.calendar._time import as_date

__all__ = ["DEFAULT_SESSIONS", "OfficeHours", "SeasonalHours", "Session"]


class Session(HccModel):
    """One opening session, ``[start, end)`` in local time.

    >>> Session(start="07:30", end="11:30").seconds
    14400
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: dt.time
    end: dt.time

    @model_validator(mode="after")
    def _ordered(self) -> Session:
        if self.end <= self.start:
            raise ValueError(f"session end {self.end} must be after its start {self.start}")
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("session times are local Vietnam times without a time zone")
        return self

    @property
    def start_s(self) -> int:
        """Seconds from midnight to the start."""
        return self.start.hour * 3600 + self.start.minute * 60 + self.start.second

    @property
    def end_s(self) -> int:
        """Seconds from midnight to the end."""
        return self.end.hour * 3600 + self.end.minute * 60 + self.end.second

    @property
    def seconds(self) -> int:
        """Length of the session in seconds."""
        return self.end_s - self.start_s


Sessions = Annotated[tuple[Session, ...], Field(min_length=1)]

DEFAULT_SESSIONS: tuple[Session, ...] = (
    Session(start=dt.time(7, 30), end=dt.time(11, 30)),
    Session(start=dt.time(13, 30), end=dt.time(17, 0)),
)
"""07:30-11:30 and 13:30-17:00."""

_MONTH_DAY = re.compile(r"^([0-9]{2})-([0-9]{2})\Z")


def _check_sessions(v: tuple[Session, ...]) -> tuple[Session, ...]:
    for a, b in itertools.pairwise(v):
        if b.start < a.end:
            raise ValueError(f"sessions overlap or are out of order: {a.end} > {b.start}")
    return v


def _weekday_keys(v: Any) -> Any:
    if isinstance(v, dict):
        for k in v:
            if not isinstance(k, int) or not 0 <= k <= 6:
                raise ValueError(f"weekday keys are 0 (Monday) to 6 (Sunday), got {k!r}")
    return v


class SeasonalHours(HccModel):
    """Sessions that apply between two dates, inclusive.

    ``start``/``end`` are ISO dates ("2026-05-01") for a one-off period, or "MM-DD" for a period
    that recurs every year (a period such as "10-15".."04-14" wraps over the new year).

    >>> s = SeasonalHours(start="05-01", end="09-30",
    ...                   sessions=[{"start": "07:00", "end": "11:00"}, {"start": "13:30", "end": "17:30"}])
    >>> s.applies(dt.date(2030, 6, 1)), s.applies(dt.date(2030, 10, 1))
    (True, False)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: str
    end: str
    sessions: Sessions = DEFAULT_SESSIONS
    by_weekday: dict[int, tuple[Session, ...]] = Field(default_factory=dict)

    @field_validator("start", "end")
    @classmethod
    def _form(cls, v: str) -> str:
        v = v.strip()
        m = _MONTH_DAY.match(v)
        if m:
            dt.date(2000, int(m.group(1)), int(m.group(2)))  # leap year: accepts 02-29
            return v
        dt.date.fromisoformat(v)
        return v

    @model_validator(mode="after")
    def _consistent(self) -> SeasonalHours:
        if (len(self.start) == 5) != (len(self.end) == 5):
            raise ValueError("start and end must both be MM-DD or both be ISO dates")
        if len(self.start) == 10 and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        _check_sessions(self.sessions)
        _weekday_keys(self.by_weekday)
        for s in self.by_weekday.values():
            _check_sessions(s)
        return self

    def applies(self, d: dt.date) -> bool:
        """Whether ``d`` falls in this season."""
        if len(self.start) == 10:
            return self.start <= d.isoformat() <= self.end
        md = d.isoformat()[5:]
        if self.start <= self.end:
            return self.start <= md <= self.end
        return md >= self.start or md <= self.end


class OfficeHours(HccModel):
    """Opening sessions of working days: a default, per-weekday variants and seasons.

    The first season that applies to a date wins; within it (or the base) a weekday entry beats the
    default. Non-working days have no sessions whatever this says.

    >>> oh = OfficeHours(by_weekday={5: [{"start": "07:30", "end": "11:30"}]})
    >>> [s.seconds for s in oh.sessions_on(dt.date(2026, 1, 10))]
    [14400]
    >>> sum(s.seconds for s in oh.sessions_on(dt.date(2026, 1, 12))) // 60
    450
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    sessions: Sessions = DEFAULT_SESSIONS
    by_weekday: dict[int, tuple[Session, ...]] = Field(default_factory=dict)
    seasons: tuple[SeasonalHours, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> OfficeHours:
        _check_sessions(self.sessions)
        _weekday_keys(self.by_weekday)
        for s in self.by_weekday.values():
            _check_sessions(s)
        return self

    def sessions_on(self, d: dt.date) -> tuple[Session, ...]:
        """The sessions of ``d`` if it is a working day (the calendar decides that).

        Raises:
            InvalidInputError: ``d`` is not a date (or an ISO date string).
        """
        d = as_date(d, "d")
        wd = d.weekday()
        for season in self.seasons:
            if season.applies(d):
                return season.by_weekday.get(wd, season.sessions)
        return self.by_weekday.get(wd, self.sessions)
