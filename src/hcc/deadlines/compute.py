"""Deadline arithmetic: from a receipt moment and a time limit to a due date and time.

[`compute_deadline`][compute_deadline] gives one explained [`Deadline`][Deadline]; [`compute_deadlines`][compute_deadlines] gives
many due moments at once (a list, or numpy ``datetime64`` arrays), equal to the scalar results.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, overload

from dateutil.relativedelta import relativedelta

from hcc._text import nfc
from hcc._types import HccModel
from hcc.calendar import (
    VN_TZ,
    DayInfo,
    DayKind,
    InvalidInputError,
    WorkingCalendar,
    as_vn_datetime,
    vietnam_calendar,
)
from hcc.calendar.office_hours import Session
from hcc.deadlines.limits import TimeLimit, TimeUnit
from hcc.deadlines.policy import AfterHoursRule, AppointmentTime, DeadlinePolicy, policy_in_force
from hcc.errors import OutOfRangeError, ProvisionalCalendarWarning

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

__all__ = ["Deadline", "compute_deadline", "compute_deadlines", "cutoff_basis"]

_DAY_BASED = frozenset(
    {
        TimeUnit.WORKING_DAYS,
        TimeUnit.CALENDAR_DAYS,
        TimeUnit.MONTHS,
        TimeUnit.SAME_DAY,
        TimeUnit.IMMEDIATE,
    }
)
_POINT = frozenset({TimeUnit.SAME_DAY, TimeUnit.IMMEDIATE})
_CLOCK_UNITS = frozenset({TimeUnit.WORKING_DAYS})  # units that receipt_clock_time applies to
_ONE_DAY = dt.timedelta(days=1)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

Output = Literal["due_at", "due_date", "deadline", "frame"]


class Deadline(HccModel):
    """A computed deadline, with everything needed to explain it.

    ``received_at`` is the receipt as given (aware, Vietnam time); ``effective_received_at`` the
    moment counting starts from after the after-hours and cut-off rules; ``due_date`` and
    ``due_at`` the appointment; ``nominal_date`` the unrolled end of a calendar-day or month
    limit (before moving off a day off); ``skipped`` the days off that pushed the due date, each
    with its name and source; ``notes`` the rules applied; ``provisional`` whether a day involved
    lies in a year without an official notice yet (projected); ``derived`` whether one lies in a
    past year with no official table in hcc (derived from the statutory rules, see
    [`hcc.calendar.WorkingCalendar.rests_on_derived`][hcc.calendar.WorkingCalendar.rests_on_derived]) -- what a replay of an old register
    reports.

    >>> d = compute_deadline(dt.datetime(2025, 1, 24, 9, 0), "03 ngày làm việc")
    >>> d.due_date, d.due_at.isoformat()
    (datetime.date(2025, 2, 5), '2025-02-05T17:00:00+07:00')
    """

    received_at: dt.datetime
    effective_received_at: dt.datetime
    limit: TimeLimit
    policy: DeadlinePolicy
    due_date: dt.date
    due_at: dt.datetime
    nominal_date: dt.date | None = None
    provisional: bool = False
    derived: bool = False
    skipped: tuple[DayInfo, ...] = ()
    notes: tuple[str, ...] = ()

    def explain(self, lang: Literal["en", "vi"] = "en") -> str:
        """A plain-text account of the computation: rules applied, days skipped and why.

        ``lang="en"`` (the default) writes it in English, ``lang="vi"`` in Vietnamese (the same
        lines; dates as ``DD/MM/YYYY``); day names and sources are the calendar's, in Vietnamese.

        Raises:
            hcc.errors.InvalidInputError: ``lang`` is neither ``"en"`` nor ``"vi"``.

        >>> print(compute_deadline(dt.datetime(2025, 1, 24, 9, 0), "01 ngày làm việc").explain())
        Limit: 01 ngày làm việc (working days: the day of receipt is not counted; the due date is the 1st working day after it)
        Received: 2025-01-24 09:00 (Friday)
        Counting from: 2025-01-24 09:00 (Friday)
        Days skipped:
          2025-01-25: weekly rest day (Saturday)
          2025-01-26: weekly rest day (Sunday)
          2025-01-27: Tết Nguyên Đán (28 Tết) — Thông báo 6150/TB-BLĐTBXH (3/12/2024); Công văn 8726/VPCP-KGVX
          2025-01-28: Tết Nguyên Đán (29 Tết) — Thông báo 6150/TB-BLĐTBXH
          2025-01-29: Tết Nguyên Đán (mùng 1) — Thông báo 6150/TB-BLĐTBXH
          2025-01-30: Tết Nguyên Đán (mùng 2) — Thông báo 6150/TB-BLĐTBXH
          2025-01-31: Tết Nguyên Đán (mùng 3) — Thông báo 6150/TB-BLĐTBXH
          2025-02-01: weekly rest day (Saturday)
          2025-02-02: weekly rest day (Sunday)
        Due: 2025-02-03 17:00 (Monday), the closing time of the due date
        >>> print(compute_deadline(dt.datetime(2026, 1, 9, 16, 0), "01 ngày làm việc").explain(lang="vi"))
        Thời hạn: 01 ngày làm việc (ngày làm việc: không tính ngày tiếp nhận; ngày hẹn trả là ngày làm việc thứ 1 sau ngày đó)
        Tiếp nhận: 16:00 ngày 09/01/2026 (Thứ Sáu)
        Bắt đầu tính từ: 16:00 ngày 09/01/2026 (Thứ Sáu)
        Các ngày không tính: không có
        Hẹn trả: 17:00 ngày 10/01/2026 (Thứ Bảy), giờ kết thúc làm việc của ngày hẹn trả
        """
        if lang == "vi":
            from hcc.deadlines._explain_vi import explain_vi

            return explain_vi(self)
        if lang != "en":
            raise InvalidInputError("lang", lang, "'en' or 'vi'")
        lines = [
            f"Limit: {self.limit} ({_unit_rule(self.limit)})",
            f"Received: {_fmt(self.received_at)}",
            *self.notes,
            f"Counting from: {_fmt(self.effective_received_at)}",
        ]
        if self.nominal_date is not None and self.nominal_date != self.due_date:
            lines.append(
                f"Period ends on {self.nominal_date.isoformat()} "
                f"({_WEEKDAYS[self.nominal_date.weekday()]}), a day off: moved to the next "
                "working day (Civil Code art. 148(5))"
            )
        if self.skipped:
            lines.append("Days skipped:")
            lines.extend(f"  {_day_line(info)}" for info in self.skipped)
        else:
            lines.append("Days skipped: none")
        lines.append(f"Due: {_fmt(self.due_at)}, {_due_rule(self)}")
        if self.provisional:
            lines.append(
                "Provisional: the answer rests on a year without an official notice yet; "
                "its days are projected from the statutory rules"
            )
        if self.derived:
            lines.append(
                "Derived: the answer rests on a past year for which hcc has no official notice; "
                "its days are derived from the statutory rules"
            )
        return "\n".join(lines)


def _fmt(m: dt.datetime) -> str:
    return f"{m.strftime('%Y-%m-%d %H:%M')} ({_WEEKDAYS[m.weekday()]})"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _unit_rule(limit: TimeLimit) -> str:
    n = limit.amount
    match limit.unit:
        case TimeUnit.WORKING_DAYS if isinstance(n, Decimal):
            return (
                "fractional working days: office time from the start of counting, the fraction "
                "weighing that day's office hours (0,5 = half of them), whole days after it "
                "by the working-day rule"
            )
        case TimeUnit.WORKING_DAYS:
            return (
                "working days: the day of receipt is not counted; the due date is the "
                f"{_ordinal(int(n))} working day after it"
                if n
                else "zero working days: the day of receipt"
            )
        case TimeUnit.CALENDAR_DAYS:
            return (
                f"calendar days: receipt date + {n}, moved to the next working day if that "
                "is a day off (Civil Code art. 148(5))"
            )
        case TimeUnit.MONTHS:
            return (
                f"months: the same day {n} month(s) later or that month's last day "
                "(Civil Code art. 148(3)), moved to the next working day if a day off"
            )
        case TimeUnit.WORKING_HOURS:
            return f"working hours: {n} hour(s) of office time from the start of counting"
        case TimeUnit.CLOCK_HOURS:
            return (
                f"clock hours: {n} hour(s) on the clock from the moment of receipt, nights and "
                "days off included (Civil Code art. 147(1)); an end on a day off moves to the "
                "closing time of the next working day (art. 148(5))"
            )
        case TimeUnit.SAME_DAY:
            return "same day: the day of receipt"
        case _:
            return "immediately: on the day of receipt"


def _due_rule(d: Deadline) -> str:
    if d.limit.unit is TimeUnit.WORKING_HOURS or _fractional(d.limit):
        return "the end of the counted office time"
    if d.limit.unit is TimeUnit.CLOCK_HOURS and d.nominal_date == d.due_date:
        return "the end of the counted hours"
    if (
        d.limit.unit not in _CLOCK_UNITS
        or d.policy.appointment_time == AppointmentTime.CLOSING_TIME
    ):
        return "the closing time of the due date"
    return "the clock time of the (effective) receipt, on the due date"


def _day_line(info: DayInfo) -> str:
    prov = " [provisional]" if info.provisional else ""
    if info.name is None:
        what = (
            f"weekly rest day ({_WEEKDAYS[info.date.weekday()]})"
            if info.kind is DayKind.WEEKEND
            else info.kind.value
        )
        return f"{info.date.isoformat()}: {what}{prov}"
    src = f" — {info.source}" if info.source else ""
    return f"{info.date.isoformat()}: {info.name}{src}{prov}"


_CUTOFF_BASES: tuple[tuple[str, str], ...] = (
    ("hộ tịch", "Law on Civil Status 60/2014/QH13 art. 5(3)"),
    ("chứng thực", "Decree 23/2015/NĐ-CP art. 7"),
)


def cutoff_basis(field: str | None) -> str:
    """The legal basis of the 15:00 cut-off for a procedure of ``field`` (lĩnh vực).

    Civil status (hộ tịch): Law on Civil Status 60/2014/QH13 art. 5(3); certification (chứng
    thực): Decree 23/2015/NĐ-CP art. 7. Other fields have no statutory same-day cut-off known to
    hcc: the rule is then the policy's ``cutoff`` setting (Decree 61/2018 art. 18 applies 15:00
    to transfers between agencies).

    >>> cutoff_basis("Chứng thực")
    'Decree 23/2015/NĐ-CP art. 7'
    >>> cutoff_basis("Hộ tịch")
    'Law on Civil Status 60/2014/QH13 art. 5(3)'
    >>> cutoff_basis(None)
    'policy setting cutoff; the statutory basis depends on the field (civil status: Law on Civil Status 60/2014/QH13 art. 5(3); certification: Decree 23/2015/NĐ-CP art. 7)'

    Raises:
        InvalidInputError: ``field`` is neither None nor a str.
    """
    if field is not None and not isinstance(field, str):
        raise InvalidInputError("field", field, "None or a field name (str) such as 'Hộ tịch'")
    if field:
        folded = nfc(field).casefold()
        for key, basis in _CUTOFF_BASES:
            if key in folded:
                return basis
        return f"policy setting cutoff; no statutory same-day cut-off is known for field {nfc(field)!r}"
    return (
        "policy setting cutoff; the statutory basis depends on the field (civil status: "
        "Law on Civil Status 60/2014/QH13 art. 5(3); certification: Decree 23/2015/NĐ-CP art. 7)"
    )


# ---------------------------------------------------------------------- core (no warnings)
class _Core(NamedTuple):
    effective: dt.datetime
    due_date: dt.date
    due_at: dt.datetime
    nominal: dt.date | None
    notes: tuple[str, ...]


def _sessions(cal: WorkingCalendar, d: dt.date) -> tuple[Session, ...]:
    """The office sessions of ``d`` (empty on a day off): [`WorkingCalendar.sessions_on`][WorkingCalendar.sessions_on]
    without building new pairs -- the per-call path of [`compute_deadline`][compute_deadline]."""
    i = d.toordinal() - cal._base_ord
    if type(d) is not dt.date or not 0 <= i < cal._size:
        cal.sessions_on(d)  # the calendar's own error for a date outside its range
    return cal._day_sessions[i]


def _next_working(cal: WorkingCalendar, d: dt.date) -> dt.date:
    """The first working day strictly after ``d``: ``cal.next_working_day(d)``, read straight from
    the calendar's running count on the per-call path (a quiet calendar: nothing to warn)."""
    if cal.warns:
        return cal.next_working_day(d)
    k = cal._cum[d.toordinal() - cal._base_ord]  # working days up to d: the next one's rank
    if k < len(cal._wd_dates):
        return cal._wd_dates[k]
    return cal.next_working_day(d)  # the calendar's own error past its last working day


def _opening_from(cal: WorkingCalendar, m: dt.datetime) -> dt.datetime:
    """``m`` itself inside office hours; otherwise the next opening after it: a later session the
    same day, else the first session of the next working day (``cal.opening_at_or_after(m)``)."""
    return _opening_in(cal, m, _sessions(cal, m.date()))


def _opening_in(cal: WorkingCalendar, m: dt.datetime, sessions: tuple[Session, ...]) -> dt.datetime:
    """``_opening_from``, given the sessions of ``m``'s day."""
    t = m.time()
    for s in sessions:
        if t < s.start:
            return dt.datetime.combine(m.date(), s.start, tzinfo=VN_TZ)
        if t < s.end:
            return m
    return _opening_of(cal, _next_working(cal, m.date()))


def _opening_of(cal: WorkingCalendar, d: dt.date) -> dt.datetime:
    """The first opening of working day ``d``."""
    return dt.datetime.combine(d, _sessions(cal, d)[0].start, tzinfo=VN_TZ)


_AFTER_HOURS_NOTE = {
    working: (
        f"Received {'outside office hours' if working else 'a day off'}: counting starts at the "
        f"next opening (policy after_hours={AfterHoursRule.NEXT_OPENING.value})",
    )
    for working in (False, True)
}


def _effective(
    m: dt.datetime,
    unit: TimeUnit,
    cal: WorkingCalendar,
    policy: DeadlinePolicy,
    explain: bool,
    field: str | None = None,
) -> tuple[dt.datetime, tuple[str, ...]]:
    """The effective receipt and, with ``explain``, the notes of the rules that moved it (each
    note is written only when its rule applies: none in the common case)."""
    notes: tuple[str, ...] = ()
    eff = m
    if (
        policy.after_hours == AfterHoursRule.NEXT_OPENING
        and unit is not TimeUnit.CLOCK_HOURS  # hours run from the stated moment (art. 147(1))
    ):
        sessions = _sessions(cal, m.date())
        eff = _opening_in(cal, m, sessions)
        if explain and eff is not m:
            notes = _AFTER_HOURS_NOTE[bool(sessions)]
    if unit in policy.cutoff_units and eff.time() > policy.cutoff:
        if policy.after_hours == AfterHoursRule.CIVIL_CODE_LITERAL:
            # the literal reading counts from the next calendar day, as a receipt then would
            eff = dt.datetime.combine(eff.date() + dt.timedelta(days=1), dt.time(0), tzinfo=VN_TZ)
        else:
            eff = _opening_of(cal, _next_working(cal, eff.date()))
        if explain:
            notes += (
                f"Received after the {policy.cutoff.strftime('%H:%M')} cut-off: counts from the "
                f"next working day ({cutoff_basis(field)})",
            )
    return eff, notes


def _appointment(
    due: dt.date, eff: dt.datetime, unit: TimeUnit, cal: WorkingCalendar, policy: DeadlinePolicy
) -> dt.datetime:
    sessions = _sessions(cal, due)
    t = sessions[-1].end  # the closing time
    if unit in _CLOCK_UNITS and policy.appointment_time == AppointmentTime.RECEIPT_CLOCK_TIME:
        c = eff.time()
        for s, e in ((x.start, x.end) for x in sessions):
            if c < s:
                t = s
                break
            if c < e:
                t = c
                break
    return dt.datetime.combine(due, t, tzinfo=VN_TZ)


def _core(
    m: dt.datetime,
    limit: TimeLimit,
    cal: WorkingCalendar,
    policy: DeadlinePolicy,
    *,
    explain: bool = False,
    field: str | None = None,
) -> _Core:
    """Effective receipt, due date/moment and nominal end; the caller suppresses warnings."""
    unit, n = limit.unit, limit.amount
    _check_range(m, limit, cal)
    eff, notes = _effective(m, unit, cal, policy, explain, field)
    d = eff.date()
    if unit is TimeUnit.WORKING_DAYS and isinstance(n, int):  # the common case first
        due = cal.add_working_days(d, n)
        return _Core(eff, due, _appointment(due, eff, unit, cal, policy), None, notes)
    nominal: dt.date | None = None
    if unit is TimeUnit.WORKING_HOURS or unit is TimeUnit.WORKING_DAYS:  # or fractional days
        # the calendar counts whole seconds: round a fractional start up, never down
        start = eff + dt.timedelta(microseconds=(1_000_000 - eff.microsecond) % 1_000_000)
        if unit is TimeUnit.WORKING_HOURS:
            due_at = cal.add_working_time(start, _hours(n))
        else:
            due_at = _fractional_days(cal, start, Decimal(n))
        return _Core(eff, due_at.date(), due_at, None, notes)
    if unit is TimeUnit.CLOCK_HOURS:
        end = eff + _hours(n)
        if end.date() > cal.last_date:
            raise OutOfRangeError(end.date(), cal.first_date, cal.last_date)
        due = cal.add_working_days(end.date(), 0)
        due_at = end if due == end.date() else _closing(cal, due)
        return _Core(eff, due, due_at, end.date(), notes)
    assert isinstance(n, int)  # fractions are only allowed in the units handled above
    if unit is TimeUnit.CALENDAR_DAYS:
        nominal = d + dt.timedelta(days=n)
        due = cal.add_working_days(nominal, 0)
    elif unit is TimeUnit.MONTHS:
        nominal = d + relativedelta(months=n)
        due = cal.add_working_days(nominal, 0)
    else:
        due = cal.add_working_days(d, 0)
    return _Core(eff, due, _appointment(due, eff, unit, cal, policy), nominal, notes)


def _fractional(limit: TimeLimit) -> bool:
    return limit.unit is TimeUnit.WORKING_DAYS and not isinstance(limit.amount, int)


def _hours(n: int | Decimal) -> dt.timedelta:
    """``n`` hours, exact to the microsecond (amounts have at most 6 decimal places)."""
    return dt.timedelta(microseconds=int(Decimal(n) * 3_600_000_000))


def _closing(cal: WorkingCalendar, d: dt.date) -> dt.datetime:
    return dt.datetime.combine(d, _sessions(cal, d)[-1].end, tzinfo=VN_TZ)


def _fractional_days(cal: WorkingCalendar, start: dt.datetime, n: Decimal) -> dt.datetime:
    """``n`` working days (a fraction) of office time from ``start``.

    The whole part ``k`` ends, as whole working days do, at the closing time of the k-th working
    day after the start day (none when ``k`` is 0: the count starts at ``start``); the fraction
    ``f`` then counts ``f`` times the office hours of the day it starts on (0,5 of an 8-hour day
    is 4 hours; of a Saturday morning, 2), as office time, and never ends after the closing time
    of the next working day (the due moment of ``k + 1`` working days).
    """
    k = int(n)
    f = n - k
    if k:
        day = cal.add_working_days(start.date(), k)
        nxt = cal.next_working_day(day)
        begin = dt.datetime.combine(nxt, cal.sessions_on(nxt)[0][0], tzinfo=VN_TZ)
    else:
        begin = cal.opening_at_or_after(start)
    length = sum(
        (
            dt.datetime.combine(begin.date(), e) - dt.datetime.combine(begin.date(), s)
            for s, e in cal.sessions_on(begin.date())
        ),
        dt.timedelta(0),
    )
    office = dt.timedelta(microseconds=int(f * (length // dt.timedelta(microseconds=1))))
    end = cal.add_working_time(begin, office)
    cap = _closing(cal, cal.next_working_day(cal.add_working_days(start.date(), k)))
    return min(end, cap)


def _check_range(m: dt.datetime, limit: TimeLimit, cal: WorkingCalendar) -> None:
    """Refuse a limit that cannot end inside the calendar, before any arithmetic can overflow.

    The bounds are lower bounds of each unit's span (a month has at least 28 days, a day at most
    24 office or clock hours), so a refused limit could never have been computed.
    """
    n, unit = limit.amount, limit.unit
    span = cal.last_date.toordinal() - m.toordinal()  # days left in the calendar after the receipt
    if unit is TimeUnit.WORKING_DAYS or unit is TimeUnit.CALENDAR_DAYS:
        too_far = n > span
    elif unit is TimeUnit.WORKING_HOURS or unit is TimeUnit.CLOCK_HOURS:
        too_far = n > 24 * (span + 1)
    elif unit is TimeUnit.MONTHS:
        too_far = n * 28 > span + 31
    else:
        too_far = False
    if too_far:
        raise OutOfRangeError(
            m.date(),
            cal.first_date,
            cal.last_date,
            operation=f"counting {n} {unit.value}",
        )


def _skipped(
    cal: WorkingCalendar, received: dt.date, core: _Core, unit: TimeUnit
) -> tuple[DayInfo, ...]:
    """Days off that moved the receipt or the due date (see [`Deadline`][Deadline]).

    Working-day, hour and same-day limits: every day off from the receipt date to the due date.
    Calendar-day, month and clock-hour limits (whose period runs over days off): the days off
    before the effective receipt, then those between the nominal end and the due date. Each
    span is one slice of the calendar's table of days off
    ([`WorkingCalendar.days_off`][hcc.calendar.WorkingCalendar.days_off]).
    """
    if unit is TimeUnit.CALENDAR_DAYS or unit is TimeUnit.MONTHS or unit is TimeUnit.CLOCK_HOURS:
        assert core.nominal is not None
        last = core.effective.date() - _ONE_DAY
        head = cal.days_off(received, last) if last >= received else ()
        # the two spans are disjoint (the nominal end is never before the effective receipt);
        # a day already listed is not listed twice
        start = max(core.nominal, last + _ONE_DAY)
        end = core.due_date - _ONE_DAY
        return head + cal.days_off(start, end) if end >= start else head
    return cal.days_off(received, core.due_date)


def _resolve(
    limit: TimeLimit | str,
    calendar: WorkingCalendar | None,
    policy: DeadlinePolicy | None,
    alternate: bool,
) -> tuple[TimeLimit, WorkingCalendar, DeadlinePolicy | None]:
    if isinstance(limit, str):
        limit = TimeLimit.parse(limit)
    elif not isinstance(limit, TimeLimit):
        raise InvalidInputError("limit", limit, "a TimeLimit or its text")
    if alternate:
        if limit.alternate is None:
            raise InvalidInputError(
                "alternate", True, f"False: {str(limit)!r} has no alternate limit"
            )
        limit = limit.alternate
    elif limit.alternates or limit.per_channel:
        limit = limit.primary()
    cal = calendar if calendar is not None else vietnam_calendar()
    if not isinstance(cal, WorkingCalendar):
        raise InvalidInputError("calendar", calendar, "a WorkingCalendar or None")
    if policy is not None and not isinstance(policy, DeadlinePolicy):
        raise InvalidInputError("policy", policy, "a DeadlinePolicy or None")
    return limit, cal, policy


def compute_deadline(
    received_at: dt.datetime | dt.date | str,
    limit: TimeLimit | str,
    *,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    alternate: bool = False,
    field: str | None = None,
    _warn: bool = True,
) -> Deadline:
    """The due date and moment of a dossier received at ``received_at`` with time limit ``limit``.

    ``received_at`` is a datetime (naive = Vietnam local time), a date (its midnight) or an ISO
    string; ``limit`` a [`TimeLimit`][TimeLimit] or its text; ``calendar`` defaults to
    [`hcc.calendar.vietnam_calendar`][hcc.calendar.vietnam_calendar], ``policy`` to the policy in force on the receipt date
    ([`hcc.deadlines.policy_in_force`][hcc.deadlines.policy_in_force]: Decree 61/2018 until 30/6/2025, Decree 118/2025
    from 1/7/2025); an explicit ``policy`` wins. The primary limit is used, or its alternate
    with ``alternate=True``. ``field`` is the procedure's field (lĩnh vực, e.g. "Hộ tịch",
    "Chứng thực"): it only selects the legal basis that [`Deadline.explain`][Deadline.explain] cites for the
    15:00 cut-off ([`cutoff_basis`][cutoff_basis]).

    Semantics (default policy; each option is a [`DeadlinePolicy`][DeadlinePolicy] field):

    1. **Effective receipt.** A receipt on a non-working day or outside office hours (before
       the opening, during the lunch break, from the closing time on) counts from the next
       opening (``after_hours="next_opening"``); with ``"civil_code_literal"`` it counts from
       the receipt moment and its calendar day. Then, for the units in ``cutoff_units`` (same
       day and immediate by default), a receipt *strictly after* ``cutoff`` (15:00) counts
       from the opening of the next working day (from the next calendar day, 00:00, with
       ``civil_code_literal``).
    2. **Working days** (n): the receipt day is not counted; the due date is the n-th working day
       strictly after the effective receipt day (n = 0: that day, or the next working day).
    3. **Calendar days** (n): effective receipt date + n; if that day is not a working day, the
       next working day (Civil Code art. 148(5)).
    4. **Months** (n): the same day n months later, or that month's last day when it has no such
       day (art. 148(3), ``dateutil.relativedelta``), then the same move to a working day.
    5. **Working hours** (n): n hours of office time from the effective receipt moment (only
       office sessions of working days count; the lunch break and nights do not). ``due_at`` is
       that exact moment.
    5b. **Clock hours** (n): n hours on the clock from the receipt moment itself (Civil Code art.
       147(1): not moved by ``after_hours``), nights and days off included; an end on a day off
       moves to the closing time of the next working day (art. 148(5)).
    5c. **Fractional working days** (k + f): k whole working days as in 2 (none when k = 0: from
       the effective receipt moment), then f times the office hours of the next day counted, as
       office time; never later than k + 1 working days. Ranges use their upper bound.
    6. **Same day / immediate**: the effective receipt day (the next working day if that is a
       day off; after the cut-off already moved it in step 1).
    7. **due_at** (day-based units): the closing time of the due date
       (``appointment_time="closing_time"``); with ``"receipt_clock_time"``, working-day limits
       are due at the effective receipt's clock time on the due date, kept inside its office
       sessions. Calendar-day and month periods always end at the closing time (a Civil Code
       period in days ends with its last day, art. 148), as do same-day and immediate limits.

    A later receipt never gives an earlier due date; nor an earlier ``due_at``, except with
    ``civil_code_literal`` together with ``receipt_clock_time`` (a Sunday 08:00 receipt is due
    one working day later on Monday at 08:00, before a Saturday 16:00 one due Monday at 16:00).

    The due date is always a working day. If any day from the receipt to the due date lies in
    a year without an official notice, ``provisional`` is ``True`` and one
    [`hcc.ProvisionalCalendarWarning`][hcc.ProvisionalCalendarWarning] is emitted (none on a calendar from
    [`without_warnings`][hcc.calendar.WorkingCalendar.without_warnings]: the flag alone says it).

    >>> d = compute_deadline(dt.datetime(2026, 1, 9, 10, 0), "01 ngày làm việc")
    >>> d.due_at.isoformat()        # Saturday 10 January 2026 is a worked day
    '2026-01-10T17:00:00+07:00'
    >>> compute_deadline(dt.datetime(2026, 3, 2, 15, 30), "Trong ngày").due_date   # after 15:00
    datetime.date(2026, 3, 3)
    >>> compute_deadline(dt.datetime(2026, 3, 2, 16, 0), "04 giờ làm việc").due_at.isoformat()
    '2026-03-03T10:30:00+07:00'

    Raises:
        TimeLimitParseError: ``limit`` is a phrase that cannot be read.
        InvalidInputError: ``received_at`` is not a datetime, a date or an ISO string.
        OutOfRangeError: the due date falls outside the calendar's range (2000-2100).
    """
    lim, cal, explicit = _resolve(limit, calendar, policy, alternate)
    m = as_vn_datetime(received_at, "received_at")
    day = m.date()  # the Vietnam-local receipt date
    pol = explicit if explicit is not None else policy_in_force(day)
    quiet = cal.without_warnings()  # we warn once below; thread-safe, unlike catch_warnings()
    core = _core(m, lim, quiet, pol, explain=True, field=field)
    # whether a day of [receipt, due date] is provisional, or derived (is_provisional_span and
    # rests_on_derived, read from the calendar's running counts; the due date is never earlier)
    i, j = day.toordinal() - cal._base_ord, core.due_date.toordinal() - cal._base_ord + 1
    if i < 0:  # a clock-hour period from before the calendar's range: the calendar's own error
        cal.is_provisional_span(day, core.due_date)
    provisional = cal._prov_cum[j] != cal._prov_cum[i]
    if provisional and _warn and cal.warns:
        warnings.warn(
            f"the deadline for {lim} from {day.isoformat()} ({core.due_date.isoformat()}) "
            "rests on a year without an official notice; it is projected from the statutory rules",
            ProvisionalCalendarWarning,
            stacklevel=2,
        )
    return Deadline.model_construct(
        received_at=m,
        effective_received_at=core.effective,
        limit=lim,
        policy=pol,
        due_date=core.due_date,
        due_at=core.due_at,
        nominal_date=core.nominal,
        provisional=provisional,
        derived=cal._der_cum[j] != cal._der_cum[i],
        skipped=_skipped(quiet, day, core, lim.unit),
        notes=core.notes,
    )


# ---------------------------------------------------------------------- batch
_NEVER = 2**62  # a threshold no time of day reaches


class _Batch:
    """Shared machinery of [`compute_deadlines`][compute_deadlines]: rows fall into groups with one answer.

    For day-based limits with closing-time appointments the answer depends only on the receipt
    date and on its *category*: 0, counted from that day; 1, moved by the cut-off to the next
    working day; 2, received outside office hours after the day's last session (or on a day
    off) and moved to the next opening (then perhaps by the cut-off again: the same for every
    such row). ``thresholds(day)`` gives the first microsecond of categories 1 and 2. Other
    limits group by exact moment.
    """

    def __init__(
        self, limit: TimeLimit, cal: WorkingCalendar, policy: DeadlinePolicy | None
    ) -> None:
        self.limit = limit
        self.cal = cal
        self.fixed = policy  # None: each row gets the policy in force on its receipt date
        candidates = (
            (policy,)
            if policy is not None
            else (DeadlinePolicy.decree_61_2018(), DeadlinePolicy.decree_118_2025())
        )
        self.by_day = (
            limit.unit in _DAY_BASED
            and not _fractional(limit)
            and (
                limit.unit not in _CLOCK_UNITS
                or all(p.appointment_time == AppointmentTime.CLOSING_TIME for p in candidates)
            )
        )
        self._thresholds: dict[dt.date, tuple[int, int]] = {}
        self.provisional = False

    def thresholds(self, day: dt.date) -> tuple[int, int]:
        got = self._thresholds.get(day)
        if got is None:
            got = self._thresholds[day] = self._compute_thresholds(day)
        return got

    def policy(self, day: dt.date) -> DeadlinePolicy:
        """The policy of a receipt on ``day``: the caller's, else the one in force."""
        return self.fixed if self.fixed is not None else policy_in_force(day)

    def _compute_thresholds(self, day: dt.date) -> tuple[int, int]:
        pol = self.policy(day)
        cut = self.limit.unit in pol.cutoff_units
        c = _tod_us(pol.cutoff)
        if pol.after_hours == AfterHoursRule.CIVIL_CODE_LITERAL:
            return (c + 1 if cut else _NEVER), _NEVER
        sessions = [(_tod_us(s), _tod_us(e)) for s, e in self.cal.sessions_on(day)]
        if not sessions:
            return 0, 0  # a day off: every receipt counts from the next opening
        close = sessions[-1][1]
        if not cut or c >= close:
            return close, close
        prev_end = 0
        for s, e in sessions:
            if c < s:  # the cut-off lies before this session: cut from the previous end
                return prev_end, close
            if c < e:
                return c + 1, close
            prev_end = e
        return close, close  # pragma: no cover - c < close was checked above

    def run(self, m: dt.datetime) -> _Core:
        core = _core(m, self.limit, self.cal.without_warnings(), self.policy(m.date()))
        if not self.provisional and self.cal.is_provisional_span(m.date(), core.due_date):
            self.provisional = True
        return core

    def warn(self, n: int) -> None:
        if self.provisional and self.cal.warns:
            warnings.warn(
                f"some of the {n} deadlines for {self.limit} rest on a year without an official "
                "notice; they are projected from the statutory rules",
                ProvisionalCalendarWarning,
                stacklevel=3,
            )


_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


def _tod_us(t: dt.time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond


@overload
def compute_deadlines(
    received: Any,
    limit: TimeLimit | str | Sequence[TimeLimit | str],
    *,
    calendar: WorkingCalendar | None = ...,
    policy: DeadlinePolicy | None = ...,
    alternate: bool = ...,
    output: Literal["frame"],
) -> pd.DataFrame: ...
@overload
def compute_deadlines(
    received: Iterable[dt.datetime | dt.date | str],
    limit: TimeLimit | str | Sequence[TimeLimit | str],
    *,
    calendar: WorkingCalendar | None = ...,
    policy: DeadlinePolicy | None = ...,
    alternate: bool = ...,
    output: Output = ...,
) -> list[Any]: ...
@overload
def compute_deadlines(
    received: npt.NDArray[np.datetime64],
    limit: TimeLimit | str | Sequence[TimeLimit | str],
    *,
    calendar: WorkingCalendar | None = ...,
    policy: DeadlinePolicy | None = ...,
    alternate: bool = ...,
    output: Output = ...,
) -> npt.NDArray[np.datetime64]: ...


def compute_deadlines(
    received: Any,
    limit: TimeLimit | str | Sequence[TimeLimit | str],
    *,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    alternate: bool = False,
    output: Output = "due_at",
) -> Any:
    """[`compute_deadline`][compute_deadline] for many receipts with one limit; equal to the scalar results.

    * A list (any iterable) of receipts gives a list of ``due_at`` (aware datetimes) by default,
      of ``due_date`` with ``output="due_date"``, or of [`Deadline`][Deadline] with
      ``output="deadline"`` (explained, as slow as the scalar function).
    * A numpy ``datetime64`` array (any unit; Vietnam local wall-clock time, as naive values)
      gives an array of the same shape: ``datetime64[us]`` local due moments, or
      ``datetime64[D]`` with ``output="due_date"``. ``NaT`` is refused.
    * A pandas datetime column (Series or DatetimeIndex; aware columns are converted to Vietnam
      time, naive ones are Vietnam time) gives a pandas Series with the same index (an Arrow
      timestamp array gives an Arrow array): ``due_at`` as ``datetime64[ns, Asia/Ho_Chi_Minh]``, ``due_date`` as
      ``datetime64[ns]`` (a date), computed through the numpy path with no Python call per row.
    * ``output="frame"`` (the ``pandas`` extra) gives a pandas DataFrame, one row per receipt
      (the index of a pandas input kept): ``received_at``, ``due_date`` and ``due_at`` typed as
      above. It takes a list, a 1-d numpy array or a column.

    * ``limit`` is one limit for every row, or a limit per row: a list, numpy array, pandas or
      Arrow column of texts or [`TimeLimit`][TimeLimit] values, as long as ``received`` (each distinct
      text is parsed once; the ``pandas`` extra). Not with ``output="deadline"``.

    numpy, pandas and Arrow receipts, and limits per row, go through the column kernels
    ([`hcc.deadlines.kernels.deadline_columns`][hcc.deadlines.kernels.deadline_columns]): array operations on the calendar's tables,
    no Python call per row nor per distinct day. For a list and one limit, rows are grouped so
    each distinct answer is computed once: for day-based limits with closing-time appointments
    by receipt date and "late or not" (after hours / after the cut-off), otherwise by exact
    moment. One [`hcc.ProvisionalCalendarWarning`][hcc.ProvisionalCalendarWarning] is emitted
    if any row is provisional.

    >>> compute_deadlines([dt.datetime(2026, 1, 9, 10), dt.datetime(2026, 2, 13, 16)], "01 ngày làm việc",
    ...                   output="due_date")
    [datetime.date(2026, 1, 10), datetime.date(2026, 2, 23)]
    >>> import numpy as np
    >>> arr = np.array(["2026-01-09T10:00", "2026-02-13T16:00"], dtype="datetime64[m]")
    >>> compute_deadlines(arr, "01 ngày làm việc")
    array(['2026-01-10T17:00:00.000000', '2026-02-23T17:00:00.000000'], dtype='datetime64[us]')
    >>> compute_deadlines(arr, ["01 ngày làm việc", "Trong ngày"], output="due_date")
    array(['2026-01-10', '2026-02-23'], dtype='datetime64[D]')

    Raises:
        InvalidInputError: ``output`` is not one of the allowed values, or ``received`` is neither a
            list of receipts nor a numpy array.
        TimeLimitParseError: ``limit`` is a phrase that cannot be read.
        OutOfRangeError: a due date falls outside the calendar's range.
    """
    if output not in ("due_at", "due_date", "deadline", "frame"):
        raise InvalidInputError("output", output, "'due_at', 'due_date', 'deadline' or 'frame'")
    if not isinstance(limit, (str, TimeLimit)):
        return _per_row(received, limit, calendar, policy, alternate, output)
    lim, cal, pol = _resolve(limit, calendar, policy, alternate)
    column = type(received).__module__.split(".")[0] in ("pandas", "pyarrow")
    if output == "frame" or (column and output != "deadline"):
        from hcc.deadlines._frame import deadlines_frame, local_array, series

        local = local_array(received).reshape(-1)
        batch = _Batch(lim, cal, pol)
        due_at = _batch_numpy(local, batch, "due_at")
        due_date = due_at.astype("datetime64[D]")
        is_series = type(received).__name__ == "Series" and column
        index = received.index if is_series else None  # a pandas Series keeps its index
        if output == "frame":
            return deadlines_frame(local, due_at, due_date, index=index)
        out = series(due_date if output == "due_date" else due_at, output, index=index)
        if type(received).__module__.split(".")[0] == "pyarrow":  # Arrow in, Arrow out
            import pyarrow

            return pyarrow.Array.from_pandas(out)
        return out
    if type(received).__module__ == "numpy" and type(received).__name__ == "ndarray":
        if output == "deadline":
            raise InvalidInputError("output", output, "'due_at' or 'due_date' for numpy arrays")
        return _batch_numpy(received, _Batch(lim, cal, pol), output)
    if isinstance(received, (str, bytes)):
        raise InvalidInputError("received", received, "a list of receipts or a numpy array")
    if output == "deadline":
        out_d = [compute_deadline(r, lim, calendar=cal, policy=pol, _warn=False) for r in received]
        if cal.warns and any(d.provisional for d in out_d):
            warnings.warn(
                f"some of the {len(out_d)} deadlines for {lim} rest on a year without an "
                "official notice; they are projected from the statutory rules",
                ProvisionalCalendarWarning,
                stacklevel=2,
            )
        return out_d
    return _batch_list(received, _Batch(lim, cal, pol), output)


def _per_row(
    received: Any,
    limits: Any,
    calendar: WorkingCalendar | None,
    policy: DeadlinePolicy | None,
    alternate: bool,
    output: Output,
) -> Any:
    """[`compute_deadlines`][compute_deadlines] with a limit per row, through the column kernels."""
    import numpy as np

    from hcc.deadlines._frame import deadlines_frame, local_array, series
    from hcc.deadlines.kernels import deadline_columns

    if output == "deadline":
        raise InvalidInputError(
            "output", output, "'due_at', 'due_date' or 'frame' with a limit per row"
        )
    if isinstance(received, (str, bytes)):
        raise InvalidInputError("received", received, "a list of receipts or a column")
    if isinstance(limits, (bytes, Mapping)) or not hasattr(limits, "__len__"):
        raise InvalidInputError(
            "limit",
            limits,
            "a TimeLimit, its text, or a list, array or column of them (one per row)",
        )
    cal = calendar if calendar is not None else vietnam_calendar()
    if not isinstance(cal, WorkingCalendar):
        raise InvalidInputError("calendar", calendar, "a WorkingCalendar or None")
    kind = type(received).__module__.split(".")[0]
    local = np.asarray(local_array(received)).reshape(-1).astype("datetime64[us]")
    got = deadline_columns(local, limits, calendar=cal, policy=policy, alternate=alternate)
    if cal.warns and bool(got.provisional.any()):
        warnings.warn(
            f"some of the {len(local)} deadlines rest on a year without an official notice; "
            "they are projected from the statutory rules",
            ProvisionalCalendarWarning,
            stacklevel=3,
        )
    is_series = kind == "pandas" and type(received).__name__ == "Series"
    index = received.index if is_series else None
    if output == "frame":
        return deadlines_frame(local, got.due_at, got.due_date, index=index)
    res = got.due_date if output == "due_date" else got.due_at
    if kind == "numpy":
        return res.reshape(np.asarray(received).shape)
    if kind in ("pandas", "pyarrow"):
        out = series(res, output, index=index)
        if kind == "pyarrow":
            import pyarrow

            return pyarrow.Array.from_pandas(out)
        return out
    if output == "due_date":
        return res.tolist()
    return [m.replace(tzinfo=VN_TZ) for m in res.tolist()]


def _batch_list(received: Iterable[Any], b: _Batch, output: Output) -> list[Any]:
    cache: dict[tuple[dt.date, int], _Core] = {}
    out: list[Any] = []
    want_date = output == "due_date"
    by_day = b.by_day
    thresholds: dict[dt.date, tuple[int, int]] = {}
    for k, r in enumerate(received):
        # an aware Vietnam datetime (the common case) is taken as is, without a call
        m = (
            r
            if type(r) is dt.datetime and r.tzinfo is VN_TZ
            else as_vn_datetime(r, f"received[{k}]")
        )
        if by_day:
            day = m.date()
            x = thresholds.get(day)
            if x is None:
                x = thresholds[day] = b.thresholds(day)
            tod = ((m.hour * 60 + m.minute) * 60 + m.second) * 1_000_000 + m.microsecond
            key = (day, (tod >= x[0]) + (tod >= x[1]))
            core = cache.get(key)
            if core is None:
                core = cache[key] = b.run(m)
        else:
            core = b.run(m)
        out.append(core.due_date if want_date else core.due_at)
    b.warn(len(out))
    return out


def _batch_numpy(received: Any, b: _Batch, output: Output) -> Any:
    import numpy as np

    arr = np.asarray(received)
    if arr.dtype.kind != "M":
        raise InvalidInputError(
            "received", f"array of dtype {arr.dtype}", "a numpy datetime64 array"
        )
    flat = arr.reshape(-1).astype("datetime64[us]")
    nat = np.isnat(flat)
    if nat.any():
        i = int(np.flatnonzero(nat)[0])  # the flat index, in C order
        raise InvalidInputError(f"received[{i}]", "NaT", "datetime64 values without NaT")
    if flat.size == 0:
        return np.empty(
            arr.shape, dtype="datetime64[D]" if output == "due_date" else "datetime64[us]"
        )
    # the column kernels: no Python call per row nor per distinct day
    from hcc.deadlines.kernels import deadline_columns

    got = deadline_columns(flat, b.limit, calendar=b.cal, policy=b.fixed)
    b.provisional = bool(got.provisional.any())
    b.warn(int(flat.size))
    res = got.due_date if output == "due_date" else got.due_at
    return res.reshape(arr.shape)
