"""The working calendar: "is this a working day, and why?" and working-day arithmetic.

A [`WorkingCalendar`][WorkingCalendar] is built once and never changes; every query is O(1) or O(log n) on
precomputed arrays (working-day ordinals, cumulative counts, cumulative office seconds), so adding
1,000 working days costs what adding one does. Overrides give a new calendar.

How a day is decided, in this order:

1. Monday-Friday work, Saturday and Sunday rest (``weekend``).
2. The statutory days: Labour Code 2019 art. 112(1) holidays, their compensatory days (art. 111(3))
   and Vietnamese Culture Day (Resolution 28/2026/QH16), as encoded by the ``holidays`` package,
   with the Tết days and the day next to National Day *projected* where no notice picks them.
3. A notice (the shipped official table, or one you add) **adds to** the statutory days: its rows
   decide their own dates. A notice that lists Tết days (kind ``holiday`` within ten days of the
   lunar new year) replaces the projected Tết; one that lists the day next to National Day
   replaces the projected one (the Prime Minister picks both, art. 112(3)); nothing else of the
   law is removed unless a working row says so with ``replaces``. In a year with a notice the
   swaps the ``holidays`` package knows are not used: swaps come from notices.
4. A year with no notice is *derived* (before the first year the shipped table covers, or any
   year before ``provisional_from``) or *provisional* (from ``provisional_from`` on): its days
   say so ([`DayInfo.derived`][DayInfo.derived], [`DayInfo.provisional`][DayInfo.provisional]), and answers resting on a
   provisional day emit [`hcc.ProvisionalCalendarWarning`][hcc.ProvisionalCalendarWarning].
5. Local rows (closures, extra working days) decide their own dates, last.
"""

from __future__ import annotations

import datetime as dt
import threading
import warnings
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from hcc._types import VN_TZ, HccModel, as_date, as_vn_datetime
from hcc.calendar.entries import (
    CalendarEntry,
    CalendarOverrides,
    DayKind,
    Notice,
    load_official_notices,
    parse_overrides,
)
from hcc.calendar.office_hours import OfficeHours, Session
from hcc.errors import InvalidInputError, OutOfRangeError, OverrideError, ProvisionalCalendarWarning

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["DayInfo", "StatutoryRules", "WorkingCalendar", "vietnam_calendar"]

_ONE_DAY = dt.timedelta(days=1)
_ONE_US = dt.timedelta(microseconds=1)
_US = 1_000_000

StatutoryRules = Callable[[range], Mapping[dt.date, tuple[DayKind, str, str]]]
"""A function giving, for a range of years, the statutory days: date -> (kind, name, source)."""


class DayInfo(HccModel):
    """Everything the calendar knows about one date.

    >>> info = vietnam_calendar().day_info(dt.date(2026, 1, 2))
    >>> info.working, info.kind.value, info.name
    (False, 'swapped_day_off', 'Ngày nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)')
    >>> info.source
    'Công văn 12729/VPCP-KGVX (25/12/2025)'
    """

    date: dt.date
    working: bool
    kind: DayKind
    name: str | None = None
    source: str | None = None
    provisional: bool = False
    derived: bool = False
    """The day's year has no official notice and lies before the projected years: the answer is
    derived from the statutory rules (and the swaps the ``holidays`` package knows), not read
    from a notice. Like ``provisional``, a flag to report, not a warning."""


_NOT_MADE_UP = ("Vietnam Cultural Day", "Vietnamese Culture Day")
"""Holidays outside Labour Code art. 112(1), whose compensatory day (art. 111(3)) hcc does not grant.

Vietnamese Culture Day (24 November, Resolution 28/2026/QH16 art. 2) is a paid day off but not an
art. 112(1) holiday, so it is read as not made up when it falls on a weekend (REFERENCE §4; the
``holidays`` package grants a make-up day). Unconfirmed: a year's notice, added as an override,
decides otherwise.
"""


def _holidays_rules(years: range) -> dict[dt.date, tuple[DayKind, str, str]]:
    """Statutory Vietnamese days from the ``holidays`` package (Labour Code 2019 arts. 111-112).

    Compensatory days of the holidays in [`_NOT_MADE_UP`][_NOT_MADE_UP] are left out.
    """
    import holidays  # imported here: it costs ~35 ms and is needed only when a calendar is built

    vi = holidays.country_holidays("VN", years=years, language="vi")
    en = holidays.country_holidays("VN", years=years, language="en_US")
    src = f"Statutory rules (Labour Code, art. 112 holidays and art. 111 compensatory days), as encoded by python-holidays {holidays.__version__}"  # type: ignore[attr-defined]  # untyped re-export
    out: dict[dt.date, tuple[DayKind, str, str]] = {}
    for day, name_en in en.items():
        first = name_en.split(";")[0]
        if "(observed)" in first:
            if first.startswith(_NOT_MADE_UP):
                continue
            kind = DayKind.COMPENSATORY
        elif first.startswith("Day off (substituted"):
            kind = DayKind.SWAPPED_DAY_OFF
        else:
            kind = DayKind.HOLIDAY
        out[day] = (kind, vi[day].split(";")[0], src)
    for day in getattr(vi, "weekend_workdays", ()):
        if day.year in years:
            out[day] = (DayKind.WORKING_SATURDAY, "Làm bù (hoán đổi ngày làm việc)", src)
    return out


_STATUTORY_OFF = frozenset({DayKind.HOLIDAY, DayKind.COMPENSATORY})
_TET_WINDOW_DAYS = 10
"""A notice row of kind ``holiday`` within this many days of the lunar new year names Tết."""
_ND_WINDOW_DAYS = 4
"""A notice row of kind ``holiday`` within this many days of 2 September (other than 2/9) names
the day next to National Day (Labour Code 2019 art. 112(1)(đ))."""


def _lunar_new_year(year: int) -> dt.date | None:
    """The first day of the lunar year in Viet Nam (1901-2100), from the ``holidays`` package."""
    from holidays.calendars.chinese import VIETNAMESE_CALENDAR, _ChineseLunisolar

    day, _ = _ChineseLunisolar().lunar_new_year_date(year, VIETNAMESE_CALENDAR)
    return day


def _apply_notices(
    year: int,
    projected: Mapping[dt.date, tuple[DayKind, str, str]],
    notices: Sequence[Notice],
    weekend: frozenset[int],
) -> dict[dt.date, tuple[DayKind, str | None, str | None]]:
    """The special days of a year with notices: the statutory days, then the notices' rows.

    ``projected`` is what the rules give for the year. Its holidays and compensatory days stay,
    except that notice rows naming Tết replace the projected Tết and rows naming the day next to
    National Day replace the projected one (art. 112(3): the Prime Minister picks both). Its
    swaps are dropped: in a year with a notice, swaps come from notices. A working row on a
    statutory day off (or on a holiday or compensatory day an earlier notice of the year states)
    that does not say ``replaces`` raises [`OverrideError`][OverrideError].
    """
    proj: dict[dt.date, tuple[DayKind, str | None, str | None]] = {
        d: r for d, r in projected.items() if r[0] in _STATUTORY_OFF
    }
    rows: dict[dt.date, CalendarEntry] = {e.date: e for n in notices for e in n.days}
    holidays_named = [d for d, e in rows.items() if e.kind is DayKind.HOLIDAY]
    lny = _lunar_new_year(year) if proj else None
    if lny is not None:
        tet = lny
        if any(abs((d - tet).days) <= _TET_WINDOW_DAYS for d in holidays_named):
            proj = {d: r for d, r in proj.items() if abs((d - tet).days) > _TET_WINDOW_DAYS}
    nd = dt.date(year, 9, 2)

    def in_nd(d: dt.date) -> bool:
        return abs((d - nd).days) <= _ND_WINDOW_DAYS

    if proj and any(in_nd(d) and d != nd for d in holidays_named):
        proj = {d: r for d, r in proj.items() if not in_nd(d) or d == nd}
        # art. 111(3): a National Day holiday on a weekly rest day is made up on the next
        # working day, unless the notice states the compensatory day itself
        named = sorted({nd, *(d for d in holidays_named if in_nd(d))})
        owed = sum(1 for d in named if d.weekday() in weekend) - sum(
            1 for d, e in rows.items() if e.kind is DayKind.COMPENSATORY and in_nd(d)
        )
        d = named[-1]
        while owed > 0 and d.year == year:
            d += _ONE_DAY
            if d.weekday() in weekend or d in proj or d in rows:
                continue
            proj[d] = (DayKind.COMPENSATORY, "Quốc khánh (nghỉ bù)", "Labour Code 2019 art. 111(3)")
            owed -= 1
    # the rows on top, notice by notice: a working row on a day off by law (or by an earlier
    # notice's holiday or compensatory row) must say which holiday it replaces
    out = dict(proj)
    for n in notices:
        for j, e in enumerate(n.days):
            cur = out.get(e.date)
            if e.working and e.replaces is None and cur is not None and cur[0] in _STATUTORY_OFF:
                k, name, src = cur
                raise OverrideError(
                    f"notice of {year}, days[{j}]",
                    e.date.isoformat(),
                    f"a day that is not a statutory day off: {e.date.isoformat()} is {name} "
                    f"({k.value}; {src}); a row that makes it a working day must name it in "
                    "`replaces`",
                    source=n.source,
                    holiday=name,
                )
            out[e.date] = (e.kind, e.name, e.source or n.source)
    return out


class WorkingCalendar:
    """An immutable, thread-safe working calendar with O(log n) working-day arithmetic.

    Build the national one with [`vietnam_calendar`][vietnam_calendar]; derive local ones with
    [`with_overrides`][with_overrides] and [`with_office_hours`][with_office_hours]. Dates are ``datetime.date`` (a
    ``datetime`` counts as its Vietnam-local date; ISO strings are accepted).

    >>> cal = vietnam_calendar()
    >>> cal.is_working_day(dt.date(2026, 1, 10))   # a worked Saturday
    True
    >>> cal.add_working_days(dt.date(2025, 1, 24), 1)   # Friday before Tết 2025
    datetime.date(2025, 2, 3)
    """

    __slots__ = (
        "_base_ord",
        "_cum",
        "_day_sessions",
        "_der_cum",
        "_derived_years",
        "_first",
        "_first_year",
        "_kind",
        "_last",
        "_last_year",
        "_local",
        "_lock",
        "_notices",
        "_np",
        "_off",
        "_off_info",
        "_off_made",
        "_office_hours",
        "_prov_cum",
        "_provisional_from",
        "_provisional_years",
        "_quiet",
        "_rules",
        "_sec_cum",
        "_silent",
        "_size",
        "_special",
        "_warn_cache",
        "_wd",
        "_wd_dates",
        "_weekend",
        "_working",
    )

    def __init__(
        self,
        *,
        first_year: int = 2000,
        last_year: int = 2100,
        weekend: Iterable[int] = (5, 6),
        rules: StatutoryRules | None = None,
        notices: Iterable[Notice] = (),
        local_days: Iterable[CalendarEntry] = (),
        provisional_from: int | None = None,
        office_hours: OfficeHours | None = None,
    ) -> None:
        """Build a calendar. Most users want [`vietnam_calendar`][vietnam_calendar] instead.

        ``rules`` gives statutory days for years no notice covers; ``provisional_from`` is the first
        year whose un-noticed days are provisional (``None``: none are).

        >>> cal = WorkingCalendar(first_year=2030, last_year=2030)
        >>> cal.working_days_between(dt.date(2030, 1, 1), dt.date(2030, 12, 31))
        260

        Raises:
            InvalidInputError: the years are not ``1 <= first_year <= last_year <= 9998``.
        """
        for name, year in (("first_year", first_year), ("last_year", last_year)):
            if isinstance(year, bool) or not isinstance(year, int):
                raise InvalidInputError(name, year, "a year (int)")
        if provisional_from is not None and (
            isinstance(provisional_from, bool) or not isinstance(provisional_from, int)
        ):
            raise InvalidInputError("provisional_from", provisional_from, "None or a year (int)")
        if isinstance(weekend, str | bytes) or not isinstance(weekend, Iterable):
            raise InvalidInputError("weekend", weekend, "weekday numbers 0..6 (Monday = 0)")
        weekend = tuple(weekend)
        if not all(isinstance(w, int) and not isinstance(w, bool) and 0 <= w <= 6 for w in weekend):
            raise InvalidInputError("weekend", weekend, "weekday numbers 0..6 (Monday = 0)")
        for name, items in (("notices", notices), ("local_days", local_days)):
            if isinstance(items, str | bytes | Mapping) or not isinstance(items, Iterable):
                raise InvalidInputError(name, items, "an iterable of records")
        if not (1 <= first_year <= last_year <= 9998):
            raise InvalidInputError(
                "first_year/last_year", (first_year, last_year), "1 <= first <= last <= 9998"
            )
        self._first_year = first_year
        self._last_year = last_year
        self._first = dt.date(first_year, 1, 1)
        self._last = dt.date(last_year, 12, 31)
        self._weekend = frozenset(weekend)
        self._rules = rules
        self._notices: dict[int, tuple[Notice, ...]] = {}
        for n in notices:
            # notices for one year add up; a later row wins on its date
            self._notices[n.year] = (*self._notices.get(n.year, ()), n)
        self._local: dict[dt.date, CalendarEntry] = {}
        for e in local_days:
            self._local[e.date] = e
        self._provisional_from = provisional_from
        self._office_hours = office_hours or OfficeHours()
        self._lock = threading.Lock()
        self._np: dict[str, Any] | None = None
        self._silent = False
        self._quiet: WorkingCalendar | None = None
        self._build()

    # ------------------------------------------------------------------ construction
    def _build(self) -> None:
        first, last = self._first, self._last
        size = (last - first).days + 1
        years = range(self._first_year, self._last_year + 1)
        kind = bytearray(size)  # index into _KINDS
        special: dict[int, tuple[DayKind, str | None, str | None, bool]] = {}
        prov_years = {
            y
            for y in years
            if self._provisional_from is not None
            and y >= self._provisional_from
            and all(n.derived for n in self._notices.get(y, ()))
        }
        self._provisional_years = frozenset(prov_years)
        rule_days: Mapping[dt.date, tuple[DayKind, str, str]] = {}
        if self._rules is not None:
            rule_days = self._rules(years)
        self._derived_years = frozenset(
            y
            for y in years
            if self._rules is not None
            and y not in prov_years
            and all(n.derived for n in self._notices.get(y, ()))
        )
        # 1. the weekly pattern
        base_ord = first.toordinal()
        wd0 = first.weekday()
        for i in range(size):
            kind[i] = _KIND_INDEX[
                DayKind.WEEKEND if (wd0 + i) % 7 in self._weekend else DayKind.WEEKDAY
            ]
        # 2. statutory rules (all of them) in years without a notice
        by_year: dict[int, dict[dt.date, tuple[DayKind, str, str]]] = {}
        for day, rule in rule_days.items():
            if not (first <= day <= last):
                continue
            if day.year in self._notices:
                by_year.setdefault(day.year, {})[day] = rule
                continue
            i = day.toordinal() - base_ord
            special[i] = (rule[0], rule[1], rule[2], day.year in prov_years)
            kind[i] = _KIND_INDEX[rule[0]]
        # 3. notice years: the statutory days, then the notices' rows on top
        for year, notices in self._notices.items():
            if not (self._first_year <= year <= self._last_year):
                continue
            days = _apply_notices(year, by_year.get(year, {}), notices, self._weekend)
            for day, (k, name, src) in days.items():
                i = day.toordinal() - base_ord
                special[i] = (k, name, src, False)
                kind[i] = _KIND_INDEX[k]
        # 4. local rows
        for e in self._local.values():
            if first <= e.date <= last:
                i = e.date.toordinal() - base_ord
                special[i] = (e.kind, e.name, e.source, False)
                kind[i] = _KIND_INDEX[e.kind]
        local_idx = {
            e.date.toordinal() - base_ord for e in self._local.values() if first <= e.date <= last
        }
        prov_flag = bytearray(size)
        for y in prov_years:
            a = dt.date(y, 1, 1).toordinal() - base_ord
            b = dt.date(y, 12, 31).toordinal() - base_ord
            prov_flag[a : b + 1] = b"\x01" * (b - a + 1)
        for i in local_idx:
            prov_flag[i] = 0
        der_flag = bytearray(size)
        for y in self._derived_years:
            a = dt.date(y, 1, 1).toordinal() - base_ord
            b = dt.date(y, 12, 31).toordinal() - base_ord
            der_flag[a : b + 1] = b"\x01" * (b - a + 1)
        for i in local_idx:
            der_flag[i] = 0
        der_cum = [0] * (size + 1)
        working = bytearray(size)
        cum = array("q", bytes(8 * size))
        wd_list = array("q")
        off_list = array("q")
        prov_cum = array("q", bytes(8 * (size + 1)))
        sec_cum = array("q", bytes(8 * (size + 1)))
        count = pcount = seconds = 0
        oh = self._office_hours
        sess_cache: dict[int, tuple[tuple[Session, ...], int]] = {}
        day_sessions: list[tuple[Session, ...]] = [()] * size
        for i in range(size):
            is_w = _KINDS[kind[i]] in _WORKING
            working[i] = is_w
            if is_w:
                count += 1
                wd_list.append(i)
                if oh.seasons:
                    sess = oh.sessions_on(dt.date.fromordinal(base_ord + i))
                    secs = sum(s.seconds for s in sess)
                else:
                    wd = (wd0 + i) % 7
                    got = sess_cache.get(wd)
                    if got is None:
                        sess = oh.by_weekday.get(wd, oh.sessions)
                        got = sess_cache[wd] = (sess, sum(s.seconds for s in sess))
                    sess, secs = got
                day_sessions[i] = sess
                seconds += secs
            else:
                off_list.append(i)
            cum[i] = count
            pcount += prov_flag[i]
            prov_cum[i + 1] = pcount
            der_cum[i + 1] = der_cum[i] + der_flag[i]
            sec_cum[i + 1] = seconds
        self._kind = bytes(kind)
        self._working = bytes(working)
        # Lists, not arrays: indexing a list returns the stored int without boxing a new one.
        self._cum = cum.tolist()
        self._wd = wd_list.tolist()
        self._wd_dates = [dt.date.fromordinal(base_ord + k) for k in self._wd]
        # the indices of the days off, in order: those of [i, j] are one slice of it (days_off)
        self._off = off_list.tolist()
        # the office sessions of each day (shared tuples; empty on a day off), read per call
        self._day_sessions = day_sessions
        # the DayInfo of each day off (in the order of _off), made on first use by days_off and
        # kept: a DayInfo is immutable and so is the calendar (a derived calendar is a new object
        # with its own tables); _off_made flags the ones made
        self._off_info: list[DayInfo | None] = [None] * len(self._off)
        self._off_made = bytearray(len(self._off))
        self._prov_cum = prov_cum.tolist()
        self._der_cum = der_cum
        # office time in microseconds, so that working-time arithmetic is exact to the microsecond
        self._sec_cum = [x * _US for x in sec_cum.tolist()]
        self._base_ord = base_ord
        self._size = size
        self._warn_cache: dict[tuple[int, int], str] = {}
        self._special = special

    # ------------------------------------------------------------------ derivation
    def with_overrides(
        self,
        overrides: CalendarOverrides | Mapping[str, Any] | str | Path | None = None,
        *,
        closures: Iterable[dt.date | CalendarEntry] = (),
        working_days: Iterable[dt.date | CalendarEntry] = (),
        notices: Iterable[Notice] = (),
    ) -> WorkingCalendar:
        """A new calendar with local rows and/or notices added; this one is not changed.

        ``overrides`` is a TOML/JSON path, a mapping or a [`CalendarOverrides`][CalendarOverrides] (see
        ``hcc.calendar.entries`` for the file layout). ``closures`` and ``working_days`` take
        dates or [`CalendarEntry`][CalendarEntry] rows. A notice adds to the law of its year (see the module
        docstring: its rows decide their dates; statutory days it does not name stay) and makes the
        year non-provisional; notices for one year add up.

        Raises:
            OverrideError: a bad row, naming it -- among them a notice row that makes a statutory
                day off a working day without ``replaces`` (``exc.holiday`` names the holiday);
                nothing is applied.
            InvalidInputError: a closure or working day that is not a date (or a row of another
                kind).
            OutOfRangeError: a row outside the calendar's range.

        >>> cal = vietnam_calendar()
        >>> local = cal.with_overrides(working_days=[dt.date(2026, 3, 7)], closures=[dt.date(2026, 3, 9)])
        >>> local.is_working_day(dt.date(2026, 3, 7)), local.is_working_day(dt.date(2026, 3, 9))
        (True, False)
        >>> cal.is_working_day(dt.date(2026, 3, 7))
        False
        """
        ov = parse_overrides(overrides) if overrides is not None else CalendarOverrides()
        extra: list[CalendarEntry] = []
        for field, items, kind, name in (
            ("closures", closures, DayKind.LOCAL_CLOSURE, "Nghỉ theo quyết định của địa phương"),
            (
                "working_days",
                working_days,
                DayKind.LOCAL_WORKING_DAY,
                "Làm việc theo quyết định của địa phương",
            ),
        ):
            for j, item in enumerate(items):
                if isinstance(item, CalendarEntry):
                    if item.kind is not kind:
                        raise InvalidInputError(
                            f"{field}[{j}].kind", item.kind.value, f"{kind.value}"
                        )
                    extra.append(item)
                else:
                    d = as_date(item, f"{field}[{j}]")
                    extra.append(
                        CalendarEntry(date=d, kind=kind, name=name, source="local override")
                    )
        code_ov = parse_overrides(
            {"notices": [n.model_dump() for n in notices], "days": [e.model_dump() for e in extra]},
            source="with_overrides()",
        )
        all_notices = [
            *(n for ns in self._notices.values() for n in ns),
            *ov.notices,
            *code_ov.notices,
        ]
        all_local = [*self._local.values(), *ov.days, *code_ov.days]
        for e in [
            *ov.days,
            *code_ov.days,
            *(d for n in (*ov.notices, *code_ov.notices) for d in n.days),
        ]:
            self._index(e.date, "override date")
        try:
            return self._replace(notices=all_notices, local_days=all_local)
        except OverrideError as exc:
            if exc.holiday is None:
                raise
            # name the row where the caller wrote it: the file's (or the call's) notices[i].days[j]
            file_source = str(overrides) if isinstance(overrides, str | Path) else None
            for source, added in ((file_source, ov.notices), ("with_overrides()", code_ov.notices)):
                for i, n in enumerate(added):
                    for j, row in enumerate(n.days):
                        if (
                            row.date.isoformat() == exc.value
                            and row.working
                            and row.replaces is None
                        ):
                            raise OverrideError(
                                f"notices[{i}].days[{j}]",
                                exc.value,
                                f"{exc.allowed} (notice {n.source!r})",
                                source=source,
                                holiday=exc.holiday,
                            ) from None
            raise

    def with_office_hours(self, office_hours: OfficeHours | Mapping[str, Any]) -> WorkingCalendar:
        """A new calendar with other office hours; days are unchanged.

        >>> cal = vietnam_calendar().with_office_hours({"sessions": [{"start": "08:00", "end": "16:00"}]})
        >>> cal.working_time_between(dt.datetime(2026, 3, 2, 8), dt.datetime(2026, 3, 3, 8))
        datetime.timedelta(seconds=28800)
        """
        oh = (
            office_hours
            if isinstance(office_hours, OfficeHours)
            else OfficeHours.model_validate(office_hours)
        )
        return self._replace(office_hours=oh)

    def without_warnings(self) -> WorkingCalendar:
        """The same calendar, sharing its tables, that never emits ``ProvisionalCalendarWarning``.

        For layers that report provisional status themselves (a deadline's ``provisional`` flag):
        unlike ``warnings.catch_warnings()``, it changes no global state, so it is thread-safe.
        Provisional days still say so in [`day_info`][day_info] and [`is_provisional_span`][is_provisional_span].
        Deadlines ([`hcc.deadlines.compute_deadline`][hcc.deadlines.compute_deadline], ``compute_deadlines``) and SLA clocks
        computed on this view do not warn either; their ``provisional`` flags still say so.

        >>> quiet = vietnam_calendar().without_warnings()
        >>> quiet.add_working_days(dt.date(2026, 12, 31), 1)   # no warning
        datetime.date(2027, 1, 4)
        """
        if self._silent:
            return self
        twin = self._quiet
        if twin is None:  # a benign race: two threads may each build an equivalent twin
            twin = object.__new__(type(self))
            for name in WorkingCalendar.__slots__:
                object.__setattr__(twin, name, getattr(self, name))
            twin._silent = True
            self._quiet = twin
        return twin

    def _replace(self, **kw: Any) -> WorkingCalendar:
        args: dict[str, Any] = {
            "first_year": self._first_year,
            "last_year": self._last_year,
            "weekend": self._weekend,
            "rules": self._rules,
            "notices": [n for ns in self._notices.values() for n in ns],
            "local_days": list(self._local.values()),
            "provisional_from": self._provisional_from,
            "office_hours": self._office_hours,
        }
        args.update(kw)
        return type(self)(**args)

    # ------------------------------------------------------------------ properties
    @property
    def warns(self) -> bool:
        """False for a [`without_warnings`][without_warnings] view: it, and the deadlines and SLA clocks
        computed on it, report a provisional year only by their ``provisional`` flags.

        >>> cal = vietnam_calendar()
        >>> cal.warns, cal.without_warnings().warns
        (True, False)
        """
        return not self._silent

    @property
    def first_date(self) -> dt.date:
        """First date covered (1 January of the first year)."""
        return self._first

    @property
    def last_date(self) -> dt.date:
        """Last date covered (31 December of the last year)."""
        return self._last

    @property
    def office_hours(self) -> OfficeHours:
        """The office hours used by the working-time operations."""
        return self._office_hours

    @property
    def notice_years(self) -> frozenset[int]:
        """Years with a notice (the official table plus any added); see also [`derived_years`][derived_years]."""
        return frozenset(self._notices)

    @property
    def provisional_years(self) -> frozenset[int]:
        """Years whose days are projected from the rules, pending an official notice."""
        return self._provisional_years

    @property
    def derived_years(self) -> frozenset[int]:
        """Years before the projected ones that no notice covers: derived from the rules.

        >>> cal = vietnam_calendar()
        >>> 2013 in cal.derived_years, 2026 in cal.derived_years, 2027 in cal.derived_years
        (True, False, False)
        """
        return self._derived_years

    def __repr__(self) -> str:
        return (
            f"<WorkingCalendar {self._first_year}-{self._last_year}, notices {sorted(self._notices)}, "
            f"{len(self._local)} local row(s)>"
        )

    # ------------------------------------------------------------------ helpers
    def _index(self, value: object, field: str = "d") -> int:
        d = value if type(value) is dt.date else as_date(value, field)
        i = d.toordinal() - self._base_ord
        if i < 0 or i >= self._size:
            raise OutOfRangeError(d, self._first, self._last)
        return i

    def _date(self, i: int) -> dt.date:
        return dt.date.fromordinal(self._base_ord + i)

    def _span_provisional(self, i: int, j: int) -> bool:
        lo, hi = (i, j) if i <= j else (j, i)
        return self._prov_cum[hi + 1] - self._prov_cum[lo] > 0

    def _warn_if_provisional(self, i: int, j: int, what: str) -> None:
        lo, hi = (i, j) if i <= j else (j, i)
        if self._silent or self._prov_cum[hi + 1] - self._prov_cum[lo] <= 0:
            return
        key = (self._date(lo).year, self._date(hi).year)
        years = self._warn_cache.get(key)
        if years is None:
            years = ", ".join(
                str(y) for y in sorted(self._provisional_years) if key[0] <= y <= key[1]
            )
            self._warn_cache[key] = years  # a benign race: every thread computes the same string
        warnings.warn(
            f"{what} rests on days of {years}, for which no official notice exists yet; "
            "the answer is projected from the statutory rules",
            ProvisionalCalendarWarning,
            stacklevel=3,
        )

    def rests_on_derived(self, a: dt.date, b: dt.date) -> bool:
        """Whether any day in ``[a, b]`` (either order) is derived ([`DayInfo.derived`][DayInfo.derived]).

        An answer computed over ``[a, b]`` -- a due date, a count of working days -- rests on
        the statutory rules rather than an official notice when this is true. Never warns. Local
        rows are the district's own and are not derived.

        Raises:
            OutOfRangeError: a date outside the calendar's range.
            InvalidInputError: a value that is not a date.

        >>> cal = vietnam_calendar()
        >>> cal.rests_on_derived(dt.date(2013, 12, 20), dt.date(2014, 1, 10))
        True
        >>> cal.rests_on_derived(dt.date(2026, 1, 5), dt.date(2026, 1, 14))
        False
        """
        i, j = self._index(a, "a"), self._index(b, "b")
        lo, hi = (i, j) if i <= j else (j, i)
        return self._der_cum[hi + 1] - self._der_cum[lo] > 0

    def is_provisional_span(self, a: dt.date, b: dt.date) -> bool:
        """Whether any day in ``[a, b]`` (either order) is provisional. Never warns.

        >>> cal = vietnam_calendar()
        >>> cal.is_provisional_span(dt.date(2026, 12, 1), dt.date(2027, 1, 5))
        True
        """
        return self._span_provisional(self._index(a, "a"), self._index(b, "b"))

    # ------------------------------------------------------------------ days
    def is_working_day(self, d: dt.date) -> bool:
        """Whether ``d`` is a working day (warns if ``d`` is provisional).

        >>> vietnam_calendar().is_working_day(dt.date(2026, 1, 2))
        False
        """
        i = self._index(d)
        self._warn_if_provisional(i, i, f"is_working_day({self._date(i)})")
        return self._working[i] == 1

    def day_info(self, d: dt.date) -> DayInfo:
        """The status of ``d`` with its kind, Vietnamese name, source and provisional flag.

        Never warns: the flag is in the answer.

        >>> vietnam_calendar().day_info(dt.date(2024, 5, 4)).kind.value
        'working_saturday'
        >>> vietnam_calendar().day_info(dt.date(2027, 3, 3)).provisional
        True
        """
        return self._info_at(self._index(d))

    def _info_at(self, i: int) -> DayInfo:
        day = self._date(i)
        prov = self._prov_cum[i + 1] - self._prov_cum[i] > 0
        der = self._der_cum[i + 1] - self._der_cum[i] > 0
        spec = self._special.get(i)
        if spec is None:
            return DayInfo(
                date=day,
                working=self._working[i] == 1,
                kind=_KINDS[self._kind[i]],
                provisional=prov,
                derived=der,
            )
        return DayInfo(
            date=day,
            working=self._working[i] == 1,
            kind=spec[0],
            name=spec[1],
            source=spec[2],
            provisional=prov,
            derived=der,
        )

    def days_off(self, a: dt.date, b: dt.date) -> tuple[DayInfo, ...]:
        """The [`DayInfo`][DayInfo] of every non-working day of ``[a, b]``, in order (empty when b < a).

        The days off of ``[a, b]`` are a slice of the calendar's sorted table of days off, found
        from its running count of working days (no walk over the span); each ``DayInfo`` is made
        once per calendar and then reused (they are immutable). Never warns: the flags are in
        the answers.

        >>> [(d.date.day, d.kind.value) for d in vietnam_calendar().days_off(dt.date(2026, 1, 1), dt.date(2026, 1, 11))]
        [(1, 'holiday'), (2, 'swapped_day_off'), (3, 'weekend'), (4, 'weekend'), (11, 'weekend')]

        Raises:
            OutOfRangeError: a date outside the calendar's range.
            InvalidInputError: a value that is not a date.
        """
        i, j = self._index(a, "a"), self._index(b, "b")
        if j < i:
            return ()
        cum = self._cum
        # days off in [0, i) are i - (cum[i] - working[i]); in [0, j], j + 1 - cum[j]
        lo = i - cum[i] + self._working[i]
        hi = j + 1 - cum[j]
        if 0 in self._off_made[lo:hi]:  # first use of some of these days
            # a benign race: two threads may each make an equal DayInfo
            for p in range(lo, hi):
                if not self._off_made[p]:
                    self._off_info[p] = self._info_at(self._off[p])
                    self._off_made[p] = 1
        return tuple(self._off_info[lo:hi])  # type: ignore[arg-type]  # all made above

    def to_ical(
        self,
        year: int | None = None,
        *,
        start: dt.date | str | None = None,
        end: dt.date | str | None = None,
        name: str | None = None,
        stamp: dt.datetime | None = None,
    ) -> bytes:
        """The days off, worked Saturdays and their sources of ``year`` (or ``[start, end]``) as
        an RFC 5545 iCalendar feed (the ``ical`` extra); see ``hcc.calendar.ical.to_ical``.

        Raises:
            hcc.errors.InvalidInputError: neither a year nor a range, or ``end < start``.
            hcc.errors.MissingExtraError: icalendar is not installed.

        >>> "SUMMARY:Làm bù cho thứ Sáu 02/01/2026" in vietnam_calendar().to_ical(2026).decode()
        True
        """
        from hcc.calendar.ical import to_ical

        return to_ical(self, year, start=start, end=end, name=name, stamp=stamp)

    def day_infos(self, a: dt.date, b: dt.date, *, special_only: bool = False) -> Iterator[DayInfo]:
        """[`DayInfo`][DayInfo] for every day of ``[a, b]`` (or only the non-ordinary ones).

        >>> [d.date.day for d in vietnam_calendar().day_infos(dt.date(2026, 2, 14), dt.date(2026, 2, 22), special_only=True)]
        [16, 17, 18, 19, 20]
        """
        i, j = self._index(a, "a"), self._index(b, "b")
        if special_only:
            for k in sorted(x for x in self._special if i <= x <= j):
                yield self.day_info(self._date(k))
            return
        for k in range(i, j + 1):
            yield self.day_info(self._date(k))

    # ------------------------------------------------------------------ arithmetic
    def _add(self, i: int, n: int) -> int:
        """Index of the working day n steps from index i (no warnings)."""
        if n > 0:
            j = self._cum[i] + n - 1
        elif n < 0:
            j = self._cum[i] - self._working[i] + n
        else:
            if self._working[i]:
                return i
            j = self._cum[i]
        if j < 0 or j >= len(self._wd):
            raise OutOfRangeError(
                self._date(i), self._first, self._last, operation=f"moving {n} working day(s)"
            )
        return self._wd[j]

    def add_working_days(self, d: dt.date, n: int) -> dt.date:
        """The n-th working day after ``d`` (n > 0), before it (n < 0), or ``d`` itself if working (n = 0).

        Interval semantics: for n > 0 the result is the n-th working day *strictly after* ``d``
        (``d`` itself is not counted, as in Civil Code art. 147); for n < 0 strictly before; for
        n = 0, ``d`` if it is a working day, else the next one. O(1).

        >>> cal = vietnam_calendar()
        >>> cal.add_working_days(dt.date(2025, 12, 31), 1)   # 1-2 January 2026 are off
        datetime.date(2026, 1, 5)
        >>> cal.add_working_days(dt.date(2026, 1, 9), 1)     # Saturday 10 January is worked
        datetime.date(2026, 1, 10)
        >>> cal.add_working_days(dt.date(2026, 1, 5), -1)
        datetime.date(2025, 12, 31)

        Raises:
            InvalidInputError: ``n`` is not an int, or ``d`` is not a date.
            OutOfRangeError: the answer leaves the calendar's range.
        """
        if type(d) is dt.date and type(n) is int:  # the hot path: no coercion needed
            i = d.toordinal() - self._base_ord
            if 0 <= i < self._size:
                cum = self._cum[i]
                if n > 0:
                    k = cum + n - 1
                elif n < 0:
                    k = cum - self._working[i] + n
                else:
                    k = cum - self._working[i]
                if 0 <= k < len(self._wd):
                    r = self._wd[k]
                    lo, hi = (i, r) if i <= r else (r, i)
                    if self._prov_cum[hi + 1] != self._prov_cum[lo]:
                        self._warn_if_provisional(i, r, f"add_working_days({d}, {n})")
                    return self._wd_dates[k]
        if isinstance(n, bool) or not isinstance(n, int):
            raise InvalidInputError("n", n, "an int")
        i = self._index(d)
        j = self._add(i, n)
        self._warn_if_provisional(i, j, f"add_working_days({self._date(i)}, {n})")
        return self._date(j)

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """The number of working days in ``(a, b]``; negative (``-count of (b, a]``) when b < a.

        >>> cal = vietnam_calendar()
        >>> cal.working_days_between(dt.date(2025, 12, 31), dt.date(2026, 12, 31))
        249
        >>> cal.working_days_between(dt.date(2026, 1, 12), dt.date(2026, 1, 9))
        -2
        """
        i, j = self._index(a, "a"), self._index(b, "b")
        self._warn_if_provisional(
            min(i, j) + (1 if i != j else 0), max(i, j), "working_days_between"
        )
        return self._cum[j] - self._cum[i]

    def next_working_day(self, d: dt.date) -> dt.date:
        """The first working day strictly after ``d``.

        >>> vietnam_calendar().next_working_day(dt.date(2026, 2, 13))
        datetime.date(2026, 2, 23)
        """
        i = self._index(d)
        j = self._add(i, 1)
        self._warn_if_provisional(i, j, f"next_working_day({self._date(i)})")
        return self._date(j)

    def previous_working_day(self, d: dt.date) -> dt.date:
        """The last working day strictly before ``d``.

        >>> vietnam_calendar().previous_working_day(dt.date(2026, 2, 23))
        datetime.date(2026, 2, 13)
        """
        i = self._index(d)
        j = self._add(i, -1)
        self._warn_if_provisional(i, j, f"previous_working_day({self._date(i)})")
        return self._date(j)

    def working_days(self, a: dt.date, b: dt.date) -> Iterator[dt.date]:
        """The working days of ``[a, b]`` in order (empty when b < a).

        >>> [d.day for d in vietnam_calendar().working_days(dt.date(2026, 1, 1), dt.date(2026, 1, 11))]
        [5, 6, 7, 8, 9, 10]
        """
        i, j = self._index(a, "a"), self._index(b, "b")
        if j < i:
            return iter(())
        self._warn_if_provisional(i, j, "working_days")
        lo = self._cum[i] - self._working[i]
        hi = self._cum[j]
        base = self._first.toordinal()
        return (dt.date.fromordinal(base + k) for k in self._wd[lo:hi])

    # ------------------------------------------------------------------ batch
    @overload
    def add_working_days_batch(self, dates: Sequence[dt.date], n: int) -> list[dt.date]: ...
    @overload
    def add_working_days_batch(
        self, dates: npt.NDArray[np.datetime64], n: int
    ) -> npt.NDArray[np.datetime64]: ...

    def add_working_days_batch(self, dates: Any, n: int) -> Any:
        """[`add_working_days`][add_working_days] for many dates: a list gives a list, a numpy ``datetime64[D]``
        array gives one (vectorised; needs the ``numpy`` extra). Equal to the scalar results.

        >>> vietnam_calendar().add_working_days_batch([dt.date(2026, 1, 9), dt.date(2026, 2, 13)], 1)
        [datetime.date(2026, 1, 10), datetime.date(2026, 2, 23)]

        Raises:
            InvalidInputError: ``dates`` is not a sequence of dates (``dates[i]`` names the first
                bad one; ``NaT`` in an array is one), or ``n`` is not an int.
            OutOfRangeError: a date, or its answer, is outside the calendar's years.
        """
        if isinstance(n, bool) or not isinstance(n, int):
            raise InvalidInputError("n", n, "an int")
        if type(dates).__module__ == "numpy" and type(dates).__name__ == "ndarray":
            return self._batch_numpy(dates, n)
        if isinstance(dates, str | bytes | Mapping) or not isinstance(dates, Iterable):
            raise InvalidInputError("dates", dates, "a sequence of dates or a datetime64 array")
        dates = list(dates)  # read once: an iterator is walked twice below
        out: list[dt.date] = []
        lo = hi = -1
        for k, d in enumerate(dates):
            i = self._index(d, f"dates[{k}]")
            j = self._add(i, n)
            a, b = (i, j) if i <= j else (j, i)
            lo = a if lo < 0 else min(lo, a)
            hi = max(hi, b)
            out.append(self._date(j))
        # warn only if some individual span is provisional, not just the hull of all of them
        if (
            out
            and self._span_provisional(lo, hi)
            and any(
                self._span_provisional(self._index(d), self._index(r))
                for d, r in zip(dates, out, strict=True)
            )
        ):
            self._warn_if_provisional(lo, hi, "add_working_days_batch")
        return out

    def _numpy_arrays(self) -> dict[str, Any]:
        if self._np is None:
            with self._lock:
                if self._np is None:
                    import numpy as np

                    self._np = {
                        "cum": np.asarray(self._cum, dtype=np.int64),
                        "wd": np.asarray(self._wd, dtype=np.int64),
                        "working": np.frombuffer(self._working, dtype=np.uint8).astype(np.int64),
                        "prov": np.asarray(self._prov_cum, dtype=np.int64),
                        "base": np.datetime64(self._first, "D").astype(np.int64),
                    }
        return self._np

    def _kernel_tables(self) -> dict[str, Any]:
        """Per-day numpy tables for column kernels (built once per calendar, then shared).

        ``sess_start``/``sess_end``: office sessions of each day in microseconds since
        midnight, shape ``(days, k)``, padded with ``-1`` (non-working days have none);
        ``open``/``close``: the first opening and last closing (``-1`` on a day off);
        ``sec_cum``: office microseconds before each day; ``der``: cumulative derived days.
        """
        t = self._numpy_arrays()
        got = t.get("kernel")
        if got is not None:
            return got  # type: ignore[no-any-return]  # the cache dict holds Any
        import numpy as np

        with self._lock:
            got = t.get("kernel")
            if got is not None:
                return got  # type: ignore[no-any-return]  # the cache dict holds Any
            oh = self._office_hours
            by_key: dict[tuple[tuple[int, int], ...], int] = {}
            shapes: list[tuple[tuple[int, int], ...]] = []
            day_shape = np.zeros(self._size, dtype=np.int64)
            wd0 = self._first.weekday()
            for i in range(self._size):
                if not self._working[i]:
                    key: tuple[tuple[int, int], ...] = ()
                elif oh.seasons:
                    key = tuple(
                        (x.start_s * _US, x.end_s * _US) for x in oh.sessions_on(self._date(i))
                    )
                else:
                    key = tuple(
                        (x.start_s * _US, x.end_s * _US)
                        for x in oh.by_weekday.get((wd0 + i) % 7, oh.sessions)
                    )
                k = by_key.get(key)
                if k is None:
                    k = by_key[key] = len(shapes)
                    shapes.append(key)
                day_shape[i] = k
            width = max(1, max(len(x) for x in shapes))
            starts = np.full((len(shapes), width), -1, dtype=np.int64)
            ends = np.full((len(shapes), width), -1, dtype=np.int64)
            for k, key in enumerate(shapes):
                for j, (a, b) in enumerate(key):
                    starts[k, j], ends[k, j] = a, b
            sess_start, sess_end = starts[day_shape], ends[day_shape]
            got = {
                "sess_start": sess_start,
                "sess_end": sess_end,
                "open": sess_start[:, 0].copy(),
                "close": sess_end.max(axis=1),
                "sec_cum": np.asarray(self._sec_cum, dtype=np.int64),
                "der": np.asarray(self._der_cum, dtype=np.int64),
                "working_bool": np.frombuffer(self._working, dtype=np.uint8).astype(bool),
                "starts": [sess_start[:, q].copy() for q in range(width)],
                "ends": [sess_end[:, q].copy() for q in range(width)],
            }
            t["kernel"] = got
        return got

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as the recipe, not the tables: the national calendar as a reference, any other
        as its constructor arguments (a few kB); the receiving process builds it once and reuses
        it for every later copy (a worker gets a calendar once).

        >>> import pickle
        >>> cal = vietnam_calendar()
        >>> pickle.loads(pickle.dumps(cal)) is cal
        True
        """
        if self is _national() or self is _national()._quiet:
            return (_restore_national, (self._silent,))
        args = (
            self._first_year,
            self._last_year,
            tuple(sorted(self._weekend)),
            self._rules,
            tuple(n for ns in self._notices.values() for n in ns),
            tuple(self._local.values()),
            self._provisional_from,
            self._office_hours,
        )
        import hashlib
        import pickle

        digest = hashlib.sha256(pickle.dumps(args, protocol=4)).hexdigest()
        return (_restore, (digest, args, self._silent))

    def _batch_numpy(self, dates: Any, n: int) -> Any:
        import numpy as np

        arr = np.asarray(dates)
        if arr.dtype.kind != "M":
            raise InvalidInputError(
                "dates", f"array of dtype {arr.dtype}", "a numpy datetime64[D] array"
            )
        nat = np.isnat(arr)
        if nat.any():
            i = int(np.flatnonzero(nat)[0])
            raise InvalidInputError(f"dates[{i}]", "NaT", "a date (NaT is not a date)")
        t = self._numpy_arrays()
        idx = arr.astype("datetime64[D]").astype(np.int64) - t["base"]
        size = len(t["cum"])
        bad = (idx < 0) | (idx >= size)
        if bad.any():
            first_bad = arr.astype("datetime64[D]")[bad][0].item()
            if not isinstance(first_bad, dt.date):  # beyond Python's years 1..9999
                raise InvalidInputError(
                    "dates", str(arr.astype("datetime64[D]")[bad][0]), "dates in years 1..9999"
                )
            raise OutOfRangeError(first_bad, self._first, self._last)
        cum = t["cum"][idx]
        if n > 0:
            j = cum + (n - 1)
        elif n < 0:
            j = cum - t["working"][idx] + n
        else:
            j = np.where(t["working"][idx] == 1, -1, cum)
        wdn = len(t["wd"])
        if ((j >= wdn) | ((j < 0) & (n != 0))).any():
            k = int(np.argmax((j >= wdn) | (j < 0)))
            raise OutOfRangeError(
                arr.astype("datetime64[D]").ravel()[k].item(),
                self._first,
                self._last,
                operation=f"moving {n} working day(s)",
            )
        res = (
            t["wd"][np.clip(j, 0, wdn - 1)]
            if n != 0
            else np.where(j < 0, idx, t["wd"][np.clip(j, 0, wdn - 1)])
        )
        lo = np.minimum(idx, res)
        hi = np.maximum(idx, res)
        prov = t["prov"]
        if bool(((prov[hi + 1] - prov[lo]) > 0).any()):
            i0, i1 = int(lo.min()), int(hi.max())
            self._warn_if_provisional(i0, i1, "add_working_days_batch")
        return (res + t["base"]).astype("datetime64[D]").reshape(arr.shape)

    # ------------------------------------------------------------------ working time
    def _position(self, m: dt.datetime) -> tuple[int, int]:
        """(day index, office microseconds elapsed since the range start) for a VN-local moment."""
        i = self._index(m.date(), "moment")
        x = (m.hour * 3600 + m.minute * 60 + m.second) * _US + m.microsecond
        within = 0
        if self._working[i]:
            for s in self._office_hours.sessions_on(m.date()):
                within += min(max(x - s.start_s * _US, 0), s.seconds * _US)
        return i, self._sec_cum[i] + within

    def _moment_at(self, pos: int, *, prefer_end: bool) -> dt.datetime:
        s = self._sec_cum
        j = bisect_left(s, pos) - 1 if prefer_end else bisect_right(s, pos) - 1
        j = max(j, 0)
        if j >= len(s) - 1:
            raise OutOfRangeError(
                self._last, self._first, self._last, operation="adding working time"
            )
        # skip non-working days (their span is empty)
        if s[j + 1] == s[j]:
            j = bisect_right(s, s[j]) - 1
            if j >= len(s) - 1:
                raise OutOfRangeError(
                    self._last, self._first, self._last, operation="adding working time"
                )
        day = self._date(j)
        r = pos - s[j]
        sessions = self._office_hours.sessions_on(day)
        for k, sess in enumerate(sessions):
            dur = sess.seconds * _US
            if r < dur or (prefer_end and r == dur) or k == len(sessions) - 1:
                us = sess.start_s * _US + min(r, dur)
                return dt.datetime.combine(day, dt.time(0), tzinfo=VN_TZ) + dt.timedelta(
                    microseconds=us
                )
            r -= dur
        raise AssertionError("unreachable")  # pragma: no cover

    def add_working_time(self, moment: dt.datetime, delta: dt.timedelta) -> dt.datetime:
        """The moment ``delta`` of office time after ``moment`` (before it when negative).

        Only time inside the office sessions of working days counts. A result that falls exactly on
        the end of a session is that end ("11:30"), not the next opening. A zero delta moves a
        moment outside office hours to the next opening. Naive datetimes are Vietnam local time;
        the result is aware (Asia/Ho_Chi_Minh).

        >>> cal = vietnam_calendar()
        >>> cal.add_working_time(dt.datetime(2026, 3, 2, 10, 0), dt.timedelta(hours=4)).isoformat()
        '2026-03-02T16:00:00+07:00'
        >>> cal.add_working_time(dt.datetime(2026, 2, 13, 16, 0), dt.timedelta(hours=2)).isoformat()
        '2026-02-23T08:30:00+07:00'

        Raises:
            InvalidInputError: ``delta`` is not a ``datetime.timedelta`` or ``start`` is not a
                moment.
            OutOfRangeError: the answer leaves the calendar's range.
        """
        m = as_vn_datetime(moment, "moment")
        if not isinstance(delta, dt.timedelta):
            raise InvalidInputError("delta", delta, "a datetime.timedelta")
        i, pos = self._position(m)
        secs = delta // _ONE_US
        target = pos + secs
        if target < 0:
            raise OutOfRangeError(
                m.date(), self._first, self._last, operation="subtracting working time"
            )
        out = self._moment_at(target, prefer_end=secs > 0)
        j = self._index(out.date(), "result")
        self._warn_if_provisional(i, j, "add_working_time")
        return out

    def working_time_between(self, m1: dt.datetime, m2: dt.datetime) -> dt.timedelta:
        """Office time between two moments (negative when ``m2`` is before ``m1``).

        >>> cal = vietnam_calendar()
        >>> cal.working_time_between(dt.datetime(2026, 3, 2, 11, 0), dt.datetime(2026, 3, 2, 14, 0))
        datetime.timedelta(seconds=3600)
        """
        a = as_vn_datetime(m1, "m1")
        b = as_vn_datetime(m2, "m2")
        i, p1 = self._position(a)
        j, p2 = self._position(b)
        self._warn_if_provisional(i, j, "working_time_between")
        return dt.timedelta(microseconds=p2 - p1)

    def opening_at_or_after(self, moment: dt.datetime) -> dt.datetime:
        """``moment`` if the office is open then, else the next opening (aware, Vietnam time).

        >>> vietnam_calendar().opening_at_or_after(dt.datetime(2026, 3, 2, 12, 0)).time()
        datetime.time(13, 30)
        """
        return self.add_working_time(moment, dt.timedelta(0))

    def sessions_on(self, d: dt.date) -> tuple[tuple[dt.time, dt.time], ...]:
        """The office sessions of ``d`` as ``(start, end)`` pairs; empty on a non-working day.

        >>> vietnam_calendar().sessions_on(dt.date(2026, 3, 1))
        ()
        """
        return tuple((s.start, s.end) for s in self._day_sessions[self._index(d)])


_RESTORED: dict[str, WorkingCalendar] = {}
_RESTORED_MAX = 8


def _restore_national(silent: bool) -> WorkingCalendar:
    cal = vietnam_calendar()
    return cal.without_warnings() if silent else cal


def _restore(digest: str, args: tuple[Any, ...], silent: bool) -> WorkingCalendar:
    """Rebuild a pickled calendar, once per process for the same recipe."""
    with _build_lock:
        cal = _RESTORED.get(digest)
        if cal is None:
            first, last, weekend, rules, notices, local, prov, oh = args
            cal = WorkingCalendar(
                first_year=first,
                last_year=last,
                weekend=weekend,
                rules=rules,
                notices=notices,
                local_days=local,
                provisional_from=prov,
                office_hours=oh,
            )
            while len(_RESTORED) >= _RESTORED_MAX:
                del _RESTORED[next(iter(_RESTORED))]
            _RESTORED[digest] = cal
    return cal.without_warnings() if silent else cal


_KINDS: tuple[DayKind, ...] = tuple(DayKind)
_KIND_INDEX: dict[DayKind, int] = {k: i for i, k in enumerate(_KINDS)}
_WORKING = frozenset(
    {DayKind.WEEKDAY, DayKind.WORKING_SATURDAY, DayKind.WORKING_DAY, DayKind.LOCAL_WORKING_DAY}
)
_PLAIN = frozenset({DayKind.WEEKDAY, DayKind.WEEKEND})

_build_lock = threading.Lock()


@cache
def _national() -> WorkingCalendar:
    notices = load_official_notices()
    return WorkingCalendar(
        first_year=2000,
        last_year=2100,
        rules=_holidays_rules,
        notices=notices,
        provisional_from=max(n.year for n in notices) + 1,
    )


def vietnam_calendar(
    overrides: CalendarOverrides | Mapping[str, Any] | str | Path | None = None,
) -> WorkingCalendar:
    """The national civil-service calendar of Viet Nam, 2000-2100 (built once, then shared).

    The official tables of 2015-2026 (notices, package data) add to the statutory rules; earlier
    years are derived from the rules (2014 with reconstructed rows); 2027 and later are
    provisional until a notice is added. ``overrides`` (a TOML/JSON path or a mapping)
    gives a local calendar in one call.

    >>> cal = vietnam_calendar()
    >>> cal.working_days_between(dt.date(2022, 12, 31), dt.date(2023, 12, 31))
    249

    Raises:
        OverrideError: ``overrides`` cannot be read or has a bad row; nothing is applied.
    """
    with _build_lock:
        cal = _national()
    return cal if overrides is None else cal.with_overrides(overrides)
