"""The SLA clock of one dossier: where it stands against its time limit, from dated events.

The clock reads the events of [`hcc.deadlines.events`][hcc.deadlines.events] in time order. It starts at
[`Received`][hcc.deadlines.events.Received] (with the deadline rules of [`compute_deadline`][compute_deadline]),
stops at [`ResultReady`][hcc.deadlines.events.ResultReady] (or a return without one), and handles
requests to supplement (reset or pause, by policy), one extension, and the steps of an
inter-agency procedure. Nothing reads "now": every status is asked ``at`` a moment.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

from hcc._types import HccModel, HccStrEnum
from hcc.calendar import WorkingCalendar, as_vn_datetime
from hcc.deadlines.compute import _appointment, _core, _effective, _opening_from
from hcc.deadlines.events import (
    CLOCK_EVENT_TYPES,
    ClockEvent,
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
from hcc.deadlines.limits import TimeLimit, TimeUnit
from hcc.deadlines.policy import AfterHoursRule, DeadlinePolicy, SupplementRule, policy_in_force
from hcc.errors import EventOrderError, ExtensionLimitError, ProvisionalCalendarWarning

__all__ = [
    "Classification",
    "ClockState",
    "SlaClock",
    "SlaStatus",
    "StepStatus",
    "classify",
    "paused_dues",
    "sla_status",
]

_ZERO = dt.timedelta(0)


class ClockState(HccStrEnum):
    """Where a dossier's clock stands.

    ``running``: counting, not past the current due moment; ``paused``: waiting for a
    supplement; ``met``: the result came by the current due moment; ``breached``: past the
    current due moment without a result, or the result came after it; ``withdrawn``: the
    applicant withdrew the dossier; ``stopped``: the agency stopped processing it (dừng giải
    quyết). Withdrawn and stopped dossiers are not classified.

    >>> [s.value for s in ClockState]
    ['running', 'paused', 'met', 'breached', 'withdrawn', 'stopped']
    """

    RUNNING = "running"
    PAUSED = "paused"
    MET = "met"
    BREACHED = "breached"
    WITHDRAWN = "withdrawn"
    STOPPED = "stopped"


class Classification(HccStrEnum):
    """Early (trước hạn), on time (đúng hạn) or late (quá hạn), as reports count dossiers.

    >>> Classification("on_time").value
    'on_time'
    """

    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"


def classify(done_at: dt.datetime, due_at: dt.datetime) -> Classification:
    """Early if done on a day before the due date, on time if on the due date by ``due_at``, else late.

    Days are Vietnam-local dates; naive datetimes are Vietnam local time.

    >>> classify(dt.datetime(2026, 3, 5, 16, 0), dt.datetime(2026, 3, 6, 17, 0)).value
    'early'
    >>> classify(dt.datetime(2026, 3, 6, 17, 0), dt.datetime(2026, 3, 6, 17, 0)).value
    'on_time'
    >>> classify(dt.datetime(2026, 3, 6, 17, 1), dt.datetime(2026, 3, 6, 17, 0)).value
    'late'
    """
    done = as_vn_datetime(done_at, "done_at")
    due = as_vn_datetime(due_at, "due_at")
    if done > due:
        return Classification.LATE
    if done.date() < due.date():
        return Classification.EARLY
    return Classification.ON_TIME


class StepStatus(HccModel):
    """One agency's step of an inter-agency procedure, against its allotment (form 05).

    A step runs from the receipt (first step) or a hand-over to the next hand-over or the
    result. ``due_at`` is ``None`` when the step has no allotment.

    >>> st = sla_status([Received(at="2026-03-02T08:00", agency="UBND xã", allotment="01 ngày làm việc"),
    ...                  HandedOver(at="2026-03-03T09:00", from_agency="UBND xã", to_agency="VPĐKĐĐ")],
    ...                 "05 ngày làm việc", at=dt.datetime(2026, 3, 3, 10))
    >>> [(s.agency, s.classification) for s in st.steps]
    [('UBND xã', <Classification.ON_TIME: 'on_time'>), ('VPĐKĐĐ', None)]
    """

    index: int
    agency: str | None
    started_at: dt.datetime
    ended_at: dt.datetime | None
    allotment: TimeLimit | None
    due_at: dt.datetime | None
    state: ClockState
    classification: Classification | None
    elapsed: dt.timedelta


class SlaStatus(HccModel):
    """The state of a dossier's clock at moment ``at``.

    * ``started_at``: the effective start of the current count (the receipt, or the last
      supplement under ``reset``), after the after-hours and cut-off rules;
    * ``original_due_at`` / ``original_due_date``: the due moment from the limit (after resets
      and pauses), before any extension; ``due_at`` / ``due_date``: the current one (the
      extension's new appointment if any). Both are ``None`` while a supplement is pending under
      ``reset`` (the count will restart); under ``pause`` they show the due before the pause;
    * ``elapsed`` / ``remaining``: office time counted and left to ``due_at`` (pauses excluded;
      ``remaining`` is negative when overdue); ``fraction_elapsed`` = elapsed / (elapsed +
      remaining); ``warning_level``: how many of the policy's thresholds it has reached, and
      ``warning_threshold`` the highest reached;
    * ``classification``: early / on time / late of the result against the *original* due
      (an extension does not make a late dossier on time, Decree 61/2018 art. 19(9)); the
      ``state`` ``met`` / ``breached`` is against the *current* due;
    * ``apology_due_by``: the latest date to send the apology, ``policy.apology_lead`` working
      days before the original due date;
    * ``steps``: inter-agency steps (empty unless the receipt names an agency or a hand-over
      exists); ``notes``: irregularities noticed (late request, late apology, ...).

    >>> st = sla_status([Received(at="2026-03-02T09:00")], "05 ngày làm việc", at=dt.datetime(2026, 3, 6, 9))
    >>> st.state.value, st.due_at.isoformat(), st.percent_elapsed, st.warning_level
    ('running', '2026-03-09T17:00:00+07:00', 69.0, 1)
    >>> st.apology_due_by
    datetime.date(2026, 3, 6)
    """

    at: dt.datetime
    limit: TimeLimit
    state: ClockState
    received_at: dt.datetime
    started_at: dt.datetime
    original_due_at: dt.datetime | None
    original_due_date: dt.date | None
    due_at: dt.datetime | None
    due_date: dt.date | None
    extensions: int = 0
    supplement_rounds: int = 0
    completed_at: dt.datetime | None = None
    returned_at: dt.datetime | None = None
    withdrawn_at: dt.datetime | None = None
    stopped_at: dt.datetime | None = None
    elapsed: dt.timedelta = _ZERO
    paused: dt.timedelta = _ZERO
    remaining: dt.timedelta | None = None
    fraction_elapsed: float | None = None
    warning_level: int = 0
    warning_threshold: float | None = None
    classification: Classification | None = None
    apology_due_by: dt.date | None = None
    steps: tuple[StepStatus, ...] = ()
    provisional: bool = False
    derived: bool = False
    """A due moment rests on a past year with no official table in hcc (derived from the rules)."""
    notes: tuple[str, ...] = ()

    @property
    def percent_elapsed(self) -> float | None:
        """``fraction_elapsed`` as a percentage rounded to 0.1."""
        return None if self.fraction_elapsed is None else round(self.fraction_elapsed * 100, 1)


# ---------------------------------------------------------------------- validation
def _validate(events: Sequence[ClockEvent], policy: DeadlinePolicy) -> None:
    """Raise [`EventOrderError`][EventOrderError] (naming both events) for an impossible sequence."""
    received: Received | None = None
    pending: SupplementRequested | None = None
    last_request: SupplementRequested | None = None
    result: ResultReady | None = None
    closer: Returned | Withdrawn | Stopped | None = None
    extensions: list[Extended] = []
    holder: tuple[str | None, ClockEvent] | None = None
    last: ClockEvent | None = None
    for k, e in enumerate(events):
        if not isinstance(e, CLOCK_EVENT_TYPES):
            raise EventOrderError(
                f"events[{k}]: expected a clock event, got {type(e).__name__}", event=repr(e)
            )
        if last is not None and e.at < last.at:
            raise EventOrderError(
                f"{e.describe()} comes before {last.describe()}: events must be in time order",
                event=e.describe(),
                other=last.describe(),
            )
        if received is None and not isinstance(e, Received):
            later = next((x for x in events[k:] if isinstance(x, Received)), None)
            raise EventOrderError(
                f"{e.describe()} comes before the receipt",
                event=e.describe(),
                other=later.describe() if later else "received (missing)",
            )
        if closer is not None:
            raise EventOrderError(
                f"{e.describe()} comes after the dossier was closed",
                event=e.describe(),
                other=closer.describe(),
            )
        if isinstance(e, Received):
            if received is not None:
                raise EventOrderError(
                    "a dossier is received only once", event=e.describe(), other=received.describe()
                )
            received = e
            holder = (e.agency, e)
        elif isinstance(e, SupplementRequested):
            if pending is not None:
                raise EventOrderError(
                    "a supplement is already pending",
                    event=e.describe(),
                    other=pending.describe(),
                )
            if result is not None:
                raise EventOrderError(
                    "a supplement cannot be requested after the result",
                    event=e.describe(),
                    other=result.describe(),
                )
            pending = last_request = e
        elif isinstance(e, SupplementReceived):
            if pending is None:
                other = last_request or received
                raise EventOrderError(
                    "a supplement arrived without a pending request",
                    event=e.describe(),
                    other=other.describe() if other else None,
                )
            pending = None
        elif isinstance(e, Extended):
            if result is not None:
                raise EventOrderError(
                    "an extension cannot come after the result",
                    event=e.describe(),
                    other=result.describe(),
                )
            if len(extensions) >= policy.max_extensions:
                raise ExtensionLimitError(
                    f"the appointment may be moved at most {policy.max_extensions} time(s) "
                    f"({policy.basis_of('max_extensions')}; policy.max_extensions)",
                    event=e.describe(),
                    other=extensions[-1].describe() if extensions else None,
                )
            if e.new_due_at <= e.at:
                raise EventOrderError(
                    f"the new appointment {e.new_due_at.isoformat()} is not after the extension",
                    event=e.describe(),
                )
            extensions.append(e)
        elif isinstance(e, HandedOver):
            if result is not None:
                raise EventOrderError(
                    "a hand-over cannot come after the result",
                    event=e.describe(),
                    other=result.describe(),
                )
            assert holder is not None
            if holder[0] is not None and holder[0] != e.from_agency:
                raise EventOrderError(
                    f"hand-over from {e.from_agency!r}, but the dossier is with {holder[0]!r}",
                    event=e.describe(),
                    other=holder[1].describe(),
                )
            holder = (e.to_agency, e)
        elif isinstance(e, ResultReady):
            if result is not None:
                raise EventOrderError(
                    "the result is ready only once", event=e.describe(), other=result.describe()
                )
            result = e
        else:  # Returned | Withdrawn | Stopped
            if isinstance(e, Stopped) and result is not None:
                raise EventOrderError(
                    "processing cannot stop after the result",
                    event=e.describe(),
                    other=result.describe(),
                )
            closer = e
        last = e


# ---------------------------------------------------------------------- the clock
class _Due:
    """A mutable due (date, moment, nominal end) with the shifts a pause applies."""

    def __init__(self, core: Any, start: dt.datetime) -> None:
        self.date: dt.date = core.due_date
        self.at: dt.datetime = core.due_at
        self.nominal: dt.date | None = core.nominal
        self.start = start


def _pause_unit(limit: TimeLimit) -> TimeUnit:
    """The unit a pause is measured in: office time for a fraction of a working day."""
    if limit.unit is TimeUnit.WORKING_DAYS and not isinstance(limit.amount, int):
        return TimeUnit.WORKING_HOURS
    return limit.unit


def _eff_day(cal: WorkingCalendar, pol: DeadlinePolicy, m: dt.datetime) -> dt.date:
    """The day a moment counts from (the next opening's day outside office hours)."""
    if pol.after_hours == AfterHoursRule.CIVIL_CODE_LITERAL:
        return m.date()
    return _opening_from(cal, m).date()  # cal.opening_at_or_after(m), without new pairs


def _resume_day(
    cal: WorkingCalendar, pol: DeadlinePolicy, p0: dt.datetime, m: dt.datetime, unit: TimeUnit
) -> dt.date:
    """The day counting resumes from after a pause ``[p0, m]``: like a receipt, a
    resumption after the cut-off (for the units in ``cutoff_units``) counts from the next
    working day, unless the pause itself began after that day's cut-off (the day's
    promise was already fixed then, so a pause of zero length changes nothing)."""
    if unit in pol.cutoff_units:
        cut = dt.datetime.combine(m.date(), pol.cutoff, tzinfo=m.tzinfo)
        if p0 <= cut:
            return _effective(m, unit, cal, pol, False)[0].date()
    return _eff_day(cal, pol, m)


def _shift(
    cal: WorkingCalendar,
    pol: DeadlinePolicy,
    due: _Due,
    p0: dt.datetime,
    p1: dt.datetime,
    unit: TimeUnit,
) -> None:
    """Move ``due`` later by the pause ``[p0, p1]`` measured in the limit's unit."""
    if unit is TimeUnit.CLOCK_HOURS:
        due.at = _shift_moment(cal, pol, due.at, p0, p1, unit)
        due.date = due.at.date()
        return
    if unit is TimeUnit.WORKING_HOURS:
        office = cal.working_time_between(p0, p1)
        if office > _ZERO:  # a zero shift would move a due at a session end to the next opening
            due.at = cal.add_working_time(due.at, office)
            due.date = due.at.date()
        return
    a, b = _eff_day(cal, pol, p0), _resume_day(cal, pol, p0, p1, unit)
    if unit in (TimeUnit.CALENDAR_DAYS, TimeUnit.MONTHS) and due.nominal is not None:
        due.nominal = due.nominal + (b - a)
        due.date = cal.add_working_days(due.nominal, 0)
    else:
        due.date = cal.add_working_days(due.date, cal.working_days_between(a, b))
    due.at = _appointment(due.date, due.start, unit, cal, pol)


def _shift_moment(
    cal: WorkingCalendar,
    pol: DeadlinePolicy,
    m: dt.datetime,
    p0: dt.datetime,
    p1: dt.datetime,
    unit: TimeUnit,
) -> dt.datetime:
    """A moment (an extension's new appointment) moved later by the pause ``[p0, p1]``."""
    if unit is TimeUnit.CLOCK_HOURS:  # the pause on the clock; an end on a day off moves
        end = m + (p1 - p0)
        day = cal.add_working_days(end.date(), 0)
        if day == end.date():
            return end
        return dt.datetime.combine(day, cal.sessions_on(day)[-1][1], tzinfo=end.tzinfo)
    if unit is TimeUnit.WORKING_HOURS:
        office = cal.working_time_between(p0, p1)
        return cal.add_working_time(m, office) if office > _ZERO else m
    k = cal.working_days_between(_eff_day(cal, pol, p0), _resume_day(cal, pol, p0, p1, unit))
    return dt.datetime.combine(cal.add_working_days(m.date(), k), m.timetz())


_REQUESTED, _RESUMED, _EXTENDED = "supplement_requested", "supplement_received", "extended"


def paused_dues(
    received_at: dt.datetime,
    limit: TimeLimit,
    changes: Sequence[tuple[str, dt.datetime, dt.datetime | None]],
    *,
    calendar: WorkingCalendar,
    policy: DeadlinePolicy,
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The due of a clock that *pauses* on a request to supplement, after each change.

    The arithmetic of [`SlaClock`][SlaClock] under ``policy.supplement="pause"``, without the
    rest of a status (elapsed time, steps, notes), for reports over many dossiers. ``changes``
    are ``(kind, at, new_due)`` in time order, ``kind`` one of ``"supplement_requested"``,
    ``"supplement_received"`` (the clock resumes: the due moves later by the pause) and
    ``"extended"`` (``new_due``: the new appointment, itself moved by later pauses). Returns
    ``(original_due_at, current_due_at)`` after the receipt, then after each change (the
    original due is the one a result is classified against; the current one includes the
    extension). ``received_at`` is an aware Vietnam moment, as the clock's events hold; the
    calendar is used as given (pass ``calendar.without_warnings()`` to compute quietly).

    >>> from hcc.calendar import VN_TZ, vietnam_calendar
    >>> from hcc.deadlines import DeadlinePolicy, TimeLimit
    >>> at = dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN_TZ)
    >>> dues = paused_dues(at, TimeLimit.parse("05 ngày làm việc"), [
    ...     ("supplement_requested", dt.datetime(2026, 3, 3, 9, 0, tzinfo=VN_TZ), None),
    ...     ("supplement_received", dt.datetime(2026, 3, 5, 9, 0, tzinfo=VN_TZ), None)],
    ...     calendar=vietnam_calendar(), policy=DeadlinePolicy.decree_118_2025())
    >>> [original.date().isoformat() for original, current in dues]  # paused 2 working days
    ['2026-03-09', '2026-03-09', '2026-03-11']

    Raises:
        EventOrderError: a change comes before the previous one, a supplement is received
            without a pending request, or a kind is not one of the three.
    """
    unit = _pause_unit(limit)
    core = _core(received_at, limit, calendar, policy)
    due = _Due(core, core.effective)
    ext_at: dt.datetime | None = None
    pending: dt.datetime | None = None
    last = received_at
    out = [(due.at, due.at)]
    for kind, at, new_due in changes:
        if at < last:
            raise EventOrderError(
                f"changes must be in time order: {kind} at {at.isoformat()} comes before "
                f"{last.isoformat()}",
                event=str(kind),
                other="the previous change",
            )
        last = at
        if kind == _REQUESTED:
            pending = at
        elif kind == _RESUMED:
            if pending is None:
                raise EventOrderError(
                    "a supplement is received without a pending request",
                    event=str(kind),
                    other="supplement_requested (missing)",
                )
            _shift(calendar, policy, due, pending, at, unit)
            if ext_at is not None:
                ext_at = _shift_moment(calendar, policy, ext_at, pending, at, unit)
            pending = None
        elif kind == _EXTENDED and new_due is not None:
            ext_at = new_due
        else:
            raise EventOrderError(
                f"kind: got {kind!r}, expected supplement_requested, supplement_received or "
                "extended (with its new due)",
                event=str(kind),
                other="paused_dues",
            )
        out.append((due.at, ext_at or due.at))
    return out


class SlaClock:
    """An immutable clock over a dossier's events; [`record`][record] gives a new clock.

    Events must come in time order; impossible sequences raise
    [`hcc.errors.EventOrderError`][hcc.errors.EventOrderError] naming both events (a second extension:
    [`hcc.errors.ExtensionLimitError`][hcc.errors.ExtensionLimitError]). [`status`][status] asks where it stands ``at`` a
    moment (later events are ignored), so replaying the same events always gives the same state.

    >>> clock = SlaClock("03 ngày làm việc").record(Received(at="2026-03-02T09:00"))
    >>> clock = clock.record(ResultReady(at="2026-03-04T10:00"))
    >>> st = clock.status(at=dt.datetime(2026, 3, 4, 12))
    >>> st.state.value, st.classification.value
    ('met', 'early')
    """

    __slots__ = ("_calendar", "_events", "_explicit", "_limit", "_policy", "_warns")

    def __init__(
        self,
        limit: TimeLimit | str,
        events: Iterable[ClockEvent] = (),
        *,
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
    ) -> None:
        """A clock for ``limit`` (a [`TimeLimit`][TimeLimit] or its text) over ``events``.

        ``policy`` defaults to the policy in force on the receipt date
        ([`hcc.deadlines.policy_in_force`][hcc.deadlines.policy_in_force]); an explicit one wins.

        Raises:
            TimeLimitParseError: ``limit`` is a phrase that cannot be read.
            EventOrderError: the events are in an impossible order (not in time order, no receipt
                first, a second extension where one is allowed).
        """
        from hcc.deadlines.compute import _resolve

        lim, cal, explicit = _resolve(limit, calendar, policy, False)
        self._limit = lim
        # a view that never warns (thread-safe); status() emits one warning itself when needed,
        # unless the calendar given is itself a quiet view (then the flags alone report it)
        self._calendar = cal.without_warnings()
        self._explicit = explicit
        self._warns = cal.warns
        self._events: tuple[ClockEvent, ...] = tuple(events)
        receipt = next((e for e in self._events if isinstance(e, Received)), None)
        if explicit is not None:
            self._policy = explicit
        elif receipt is not None:
            self._policy = policy_in_force(receipt.at)
        else:  # no receipt yet: the newest preset until one is recorded
            self._policy = DeadlinePolicy.decree_118_2025()
        _validate(self._events, self._policy)

    @property
    def limit(self) -> TimeLimit:
        """The time limit counted."""
        return self._limit

    @property
    def policy(self) -> DeadlinePolicy:
        """The counting policy: the caller's, else the one in force on the receipt date (the
        newest preset while no receipt is recorded)."""
        return self._policy

    @property
    def calendar(self) -> WorkingCalendar:
        """The working calendar (its non-warning view: the clock warns once per status itself)."""
        return self._calendar

    @property
    def events(self) -> tuple[ClockEvent, ...]:
        """The recorded events, in order."""
        return self._events

    def record(self, *events: ClockEvent) -> SlaClock:
        """A new clock with ``events`` appended (validated; this clock is unchanged).

        >>> SlaClock("Trong ngày").record(Returned(at="2026-03-02T09:00"))
        Traceback (most recent call last):
        ...
        hcc.errors.EventOrderError: returned at 2026-03-02 09:00 comes before the receipt (event: returned at 2026-03-02 09:00, other: received (missing))
        """
        clock = SlaClock(
            self._limit,
            (*self._events, *events),
            calendar=self._calendar,
            policy=self._explicit,
        )
        clock._warns = self._warns
        return clock

    def __repr__(self) -> str:
        return f"<SlaClock {self._limit}, {len(self._events)} event(s), policy {self._policy.name}>"

    # ------------------------------------------------------------------ status
    def status(self, *, at: dt.datetime | str) -> SlaStatus:
        """Where the clock stands at ``at`` (naive = Vietnam time); see [`SlaStatus`][SlaStatus].

        Emits one [`hcc.ProvisionalCalendarWarning`][hcc.ProvisionalCalendarWarning] if a due moment rests on a year
        without an official notice (``provisional=True``), unless the clock was built on a
        [`without_warnings`][hcc.calendar.WorkingCalendar.without_warnings] calendar.

        Raises:
            EventOrderError: the events up to ``at`` are in an impossible order (no receipt first, a
                second receipt, a supplement that was not requested).
            InvalidInputError: ``at`` is not a moment.
        """
        now = as_vn_datetime(at, "at")
        events = [e for e in self._events if e.at <= now]
        if not events or not isinstance(events[0], Received):
            raise EventOrderError(
                f"no receipt at or before {now.isoformat()}: the clock has not started",
                event="status",
                other=self._events[0].describe() if self._events else "received (missing)",
            )
        st = self._status(events, now)  # on a calendar that does not warn: we warn once below
        if st.provisional and self._warns:
            warnings.warn(
                f"the SLA status for {self._limit} rests on a year without an official notice; "
                "its due dates are projected from the statutory rules",
                ProvisionalCalendarWarning,
                stacklevel=2,
            )
        return st

    def _eff_day(self, m: dt.datetime) -> dt.date:
        return _eff_day(self._calendar, self._policy, m)

    def _shift(self, due: _Due, p0: dt.datetime, p1: dt.datetime, unit: TimeUnit) -> None:
        _shift(self._calendar, self._policy, due, p0, p1, unit)

    def _start(self, m: dt.datetime, limit: TimeLimit) -> _Due:
        core = _core(m, limit, self._calendar, self._policy)
        return _Due(core, core.effective)

    def _status(self, events: list[ClockEvent], now: dt.datetime) -> SlaStatus:
        cal, pol, limit = self._calendar, self._policy, self._limit
        pause = pol.supplement == SupplementRule.PAUSE
        received = events[0]
        assert isinstance(received, Received)
        due = self._start(received.at, limit)
        ext_at: dt.datetime | None = None
        extensions = rounds = 0
        pending: SupplementRequested | None = None
        pauses: list[tuple[dt.datetime, dt.datetime]] = []
        completed: dt.datetime | None = None
        returned: dt.datetime | None = None
        withdrawn: dt.datetime | None = None
        stopped: dt.datetime | None = None
        notes: list[str] = []
        provisional_spans: list[tuple[dt.date, dt.date]] = [(received.at.date(), due.date)]
        # steps: [agency, start, allotment, due | None, end, pauses]
        steps: list[dict[str, Any]] = []
        with_steps = (
            received.agency is not None
            or received.allotment is not None
            or any(isinstance(e, HandedOver) for e in events)
        )
        if with_steps:
            steps.append(self._open_step(received.agency, received.at, received.allotment))

        for e in events[1:]:
            if isinstance(e, SupplementRequested):
                pending = e
                window = pol.supplement_request_window
                used = cal.working_days_between(self._eff_day(received.at), e.at.date())
                if rounds == 0 and used > window:
                    notes.append(
                        f"The supplement was requested {used} working days after the receipt; "
                        f"{pol.basis_of('supplement_request_window')} allows {window:02d}"
                    )
            elif isinstance(e, SupplementReceived):
                assert pending is not None
                rounds += 1
                if pause:
                    self._shift(due, pending.at, e.at, _pause_unit(limit))
                    if ext_at is not None:
                        ext_at = self._shift_moment(ext_at, pending.at, e.at, _pause_unit(limit))
                    pauses.append((pending.at, e.at))
                    if steps and steps[-1]["due"] is not None:
                        self._shift(steps[-1]["due"], pending.at, e.at, steps[-1]["unit"])
                        steps[-1]["pauses"].append((pending.at, e.at))
                else:
                    due = self._start(e.at, limit)
                    if ext_at is not None:
                        notes.append(
                            "The extension was dropped: the count restarted from the supplement"
                        )
                        ext_at = None
                    if steps:
                        last = steps[-1]
                        if last["allotment"] is not None:
                            last["due"] = self._start(e.at, last["allotment"])
                        last["restart"] = e.at
                provisional_spans.append((e.at.date(), due.date))
                pending = None
            elif isinstance(e, Extended):
                extensions += 1
                current = ext_at or due.at
                if e.new_due_at <= current:
                    notes.append(
                        f"The new appointment {e.new_due_at.isoformat()} is not later than the "
                        f"current one {current.isoformat()}"
                    )
                apology_by = cal.add_working_days(due.date, -pol.apology_lead)
                if e.at.date() > apology_by:
                    notes.append(
                        f"The apology and new appointment came on {e.at.date().isoformat()}, after "
                        f"{apology_by.isoformat()} ({pol.basis_of('apology_lead')}: at least "
                        f"{pol.apology_lead} working day(s) before the due date)"
                    )
                ext_at = e.new_due_at
                provisional_spans.append((e.at.date(), e.new_due_at.date()))
            elif isinstance(e, HandedOver):
                steps[-1]["end"] = e.at
                steps.append(self._open_step(e.to_agency, e.at, e.allotment))
            elif isinstance(e, ResultReady):
                completed = e.at
                if steps:
                    steps[-1]["end"] = e.at
            elif isinstance(e, Returned):
                returned = e.at
                if completed is None:
                    completed = e.at
                    if steps and steps[-1]["end"] is None:
                        steps[-1]["end"] = e.at
            elif isinstance(e, Withdrawn):
                withdrawn = e.at
            elif isinstance(e, Stopped):
                stopped = e.at

        for s in steps:
            if s["due"] is not None:
                provisional_spans.append((s["start"].date(), s["due"].date))
        current_at = ext_at or due.at
        # the moment the count stops (or now)
        ended = withdrawn or stopped  # the dossier ends without an answer
        stop = completed or ended or (pending.at if pending is not None else None) or now
        stop = min(stop, now)
        start = due.start
        paused_time = sum((cal.working_time_between(a, b) for a, b in pauses), _ZERO)
        if pending is not None and pause and completed is None and ended is None:
            paused_time += cal.working_time_between(pending.at, now)
        elapsed = max(cal.working_time_between(start, stop) - _sum_before(cal, pauses, stop), _ZERO)
        total = cal.working_time_between(start, current_at) - _sum_before(cal, pauses, current_at)
        reset_pending = pending is not None and not pause and completed is None and ended is None
        remaining: dt.timedelta | None = None
        fraction: float | None = None
        level, threshold = 0, None
        if not reset_pending:
            remaining = total - elapsed
            if total > _ZERO:
                fraction = elapsed / total
                reached = [t for t in pol.warning_thresholds if fraction >= t]
                level, threshold = len(reached), (reached[-1] if reached else None)
        if withdrawn is not None:
            state = ClockState.WITHDRAWN
        elif stopped is not None:
            state = ClockState.STOPPED
        elif completed is not None:
            state = ClockState.MET if completed <= current_at else ClockState.BREACHED
        elif pending is not None:
            state = ClockState.PAUSED
        elif now > current_at:
            state = ClockState.BREACHED
        else:
            state = ClockState.RUNNING
        classification = (
            classify(completed, due.at) if completed is not None and ended is None else None
        )
        step_status = tuple(self._step_status(i, s, now) for i, s in enumerate(steps))
        provisional = any(cal.is_provisional_span(a, b) for a, b in provisional_spans)
        return SlaStatus(
            at=now,
            limit=limit,
            state=state,
            received_at=received.at,
            started_at=start,
            original_due_at=None if reset_pending else due.at,
            original_due_date=None if reset_pending else due.date,
            due_at=None if reset_pending else current_at,
            due_date=None if reset_pending else current_at.date(),
            extensions=extensions,
            supplement_rounds=rounds,
            completed_at=completed,
            returned_at=returned,
            withdrawn_at=withdrawn,
            stopped_at=stopped,
            elapsed=elapsed,
            paused=paused_time,
            remaining=remaining,
            fraction_elapsed=fraction,
            warning_level=level,
            warning_threshold=threshold,
            classification=classification,
            apology_due_by=None
            if reset_pending
            else cal.add_working_days(due.date, -pol.apology_lead),
            steps=step_status,
            provisional=provisional,
            derived=any(cal.rests_on_derived(a, b) for a, b in provisional_spans),
            notes=tuple(notes),
        )

    def _shift_moment(
        self, m: dt.datetime, p0: dt.datetime, p1: dt.datetime, unit: TimeUnit
    ) -> dt.datetime:
        return _shift_moment(self._calendar, self._policy, m, p0, p1, unit)

    def _open_step(
        self, agency: str | None, start: dt.datetime, allotment: TimeLimit | None
    ) -> dict[str, Any]:
        return {
            "agency": agency,
            "start": start,
            "restart": None,
            "allotment": allotment,
            "unit": _pause_unit(allotment) if allotment is not None else None,
            "due": self._start(start, allotment) if allotment is not None else None,
            "end": None,
            "pauses": [],
        }

    def _step_status(self, i: int, s: dict[str, Any], now: dt.datetime) -> StepStatus:
        cal = self._calendar
        end: dt.datetime | None = s["end"]
        stop = min(end or now, now)
        begin = s["restart"] or s["start"]
        elapsed = max(
            cal.working_time_between(begin, stop) - _sum_before(cal, s["pauses"], stop), _ZERO
        )
        due: _Due | None = s["due"]
        classification = None
        if due is None:
            state = ClockState.MET if end is not None else ClockState.RUNNING
        elif end is not None:
            classification = classify(end, due.at)
            state = ClockState.MET if end <= due.at else ClockState.BREACHED
        else:
            state = ClockState.BREACHED if now > due.at else ClockState.RUNNING
        return StepStatus(
            index=i,
            agency=s["agency"],
            started_at=s["start"],
            ended_at=end,
            allotment=s["allotment"],
            due_at=due.at if due is not None else None,
            state=state,
            classification=classification,
            elapsed=elapsed,
        )


def _sum_before(
    cal: WorkingCalendar, pauses: list[tuple[dt.datetime, dt.datetime]], until: dt.datetime
) -> dt.timedelta:
    """Office time of the pauses, clipped to ``until``."""
    total = _ZERO
    for a, b in pauses:
        if a < until:
            total += cal.working_time_between(a, min(b, until))
    return total


def sla_status(
    events: Iterable[ClockEvent],
    limit: TimeLimit | str,
    *,
    at: dt.datetime | str,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
) -> SlaStatus:
    """The [`SlaStatus`][SlaStatus] of a dossier with these events (in time order) at moment ``at``.

    Shorthand for ``SlaClock(limit, events, calendar=..., policy=...).status(at=at)``. The
    policy defaults to the one in force on the receipt date ([`policy_in_force`][policy_in_force]). The
    receipt is counted by the rules of [`compute_deadline`][compute_deadline]. A request to supplement stops
    the clock; when the supplement arrives the limit is counted again from the start
    (``policy.supplement="reset"``, Decree 61/2018 art. 19(4)) or resumes with the due moved
    later by the pause (``"pause"``: by the working days between request and supplement for
    day-based limits, by calendar days for calendar-day and month limits, by office time for
    working hours). A resumption after the cut-off counts, like a receipt, from the next
    working day for the units in ``policy.cutoff_units``. Events after ``at`` are ignored.

    >>> events = [Received(at="2026-03-02T09:00"), SupplementRequested(at="2026-03-03T10:00"),
    ...           SupplementReceived(at="2026-03-05T10:00")]
    >>> sla_status(events, "05 ngày làm việc", at="2026-03-05T11:00").due_date  # 2026: pause
    datetime.date(2026, 3, 11)
    >>> sla_status(events, "05 ngày làm việc", at="2026-03-05T11:00",
    ...            policy=DeadlinePolicy.decree_61_2018()).due_date                 # reset
    datetime.date(2026, 3, 12)
    >>> same_day = [Received(at="2026-03-02T09:00"), SupplementRequested(at="2026-03-02T10:00"),
    ...             SupplementReceived(at="2026-03-02T16:00")]       # resumes after 15:00
    >>> sla_status(same_day, "Trong ngày", at="2026-03-02T16:30").due_at.isoformat()
    '2026-03-03T17:00:00+07:00'

    Raises:
        EventOrderError: the events are in an impossible order.
        TimeLimitParseError: ``limit`` is a phrase that cannot be read.
        InvalidInputError: ``at`` or an event's moment is not a moment.
        OutOfRangeError: a day falls outside the calendar's range.
    """
    return SlaClock(limit, events, calendar=calendar, policy=policy).status(at=at)
