"""Many dossiers against their SLA clocks at once, for the register and the indicators.

The SLA clock ([`hcc.deadlines.SlaClock`][hcc.deadlines.SlaClock]) is the only source of deadline facts. Most
dossiers never ask for a supplement nor get a new appointment; for them the clock's due is the
receipt slip's appointment, ``compute_deadline(received_at, limit)``, and its classification is
``classify(answer, due)``. Those appointments are computed in one [`hcc.deadlines.compute_deadlines`][hcc.deadlines.compute_deadlines]
batch per (limit, policy), which the deadline module guarantees equal to the scalar results.

Under a ``reset`` policy (Decree 61/2018 art. 19(4), in force for receipts until 30/6/2025) a
dossier with supplements or an extension is batched too, unless an agency step has an allotment: the clock then restarts the
count at each supplement received, ``compute_deadline(supplement, limit)`` (the same batch), and an
extension moves the current due to its new appointment until the next restart; the clock's due at
any moment is read from that timeline. The other dossiers (``pause`` policies, allotted steps) go
through their clock. ``tests/test_dossiers_properties.py`` and ``tests/test_dossiers_evaluate.py``
check that every path agrees with [`hcc.Dossier.sla`][hcc.Dossier.sla] on random logs.

The result for a dossier (a [`Memo`][Memo]) is kept in the dossier as a memo: a plain tuple of
dates, numbers and flags, which the cyclic garbage collector stops tracking, so a year of
evaluated dossiers does not make every full collection longer (nor trigger one sooner). Only a
dossier that went through its clock keeps the clock in it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
import warnings
from collections.abc import Sequence
from typing import Final

from hcc.calendar import VN_TZ, WorkingCalendar, vietnam_calendar
from hcc.deadlines import (
    Classification,
    ClockState,
    DeadlinePolicy,
    SlaClock,
    SupplementRule,
    TimeLimit,
    classify,
    compute_deadlines,
    policy_in_force,
)
from hcc.deadlines.clock import paused_dues
from hcc.dossiers.dossier import Dossier, _Facts
from hcc.dossiers.events import EventKind
from hcc.errors import ProvisionalCalendarWarning

__all__ = ["Evaluation", "Memo", "evaluate", "memos", "overdue_at", "warn_provisional"]


_SUPPLEMENT_REQUESTED = EventKind.SUPPLEMENT_REQUESTED
_SUPPLEMENT_RECEIVED = EventKind.SUPPLEMENT_RECEIVED
_EXTENDED = EventKind.EXTENDED
_CLASSES = (Classification.EARLY, Classification.ON_TIME, Classification.LATE)
"""Classifications by their index in a memo (-1: none)."""

Segment = tuple[dt.datetime, dt.datetime | None, bool]
"""From this moment on (until the next segment): the clock's current due (None while a supplement
is pending: the clock is paused), and whether the clock's status there rests on a provisional year."""

Memo = tuple[
    int,
    dt.datetime,
    int,
    dt.datetime | None,
    int,
    tuple[Segment, ...] | None,
    SlaClock | None,
    bool,
]
"""One dossier's deadline facts from its full log: (token of the calendar and the caller's policy,
appointment, classification index in ``_CLASSES`` or -1, due at the end of the log, processing
days, timeline of the due or None, clock or None, provisional). Neither timeline nor clock: no
supplement and no extension, the due is the appointment. ``provisional``: some answer rests on a
year without an official notice (the appointment, a due of the clock, the processing days).
Read it with the ``M_*`` positions."""

M_APPOINTMENT: Final = 1
M_CLASSIFICATION: Final = 2
M_DUE: Final = 3
M_DAYS: Final = 4
_M_TIMELINE: Final = 5
_M_CLOCK: Final = 6
M_PROVISIONAL: Final = 7

# Tokens name a (calendar, caller's policy) pair in memos. The registry keeps the pairs of its tokens alive
# (so their ids cannot be reused) and forgets the oldest beyond _MAX_TOKENS; a forgotten token is
# never issued again, so a memo never matches another calendar or policy.
_MAX_TOKENS = 16
_TOKENS: dict[tuple[int, int], tuple[int, WorkingCalendar, DeadlinePolicy | None]] = {}
_TOKENS_LOCK = threading.Lock()
_NEXT_TOKEN = itertools.count(1)


def _token(cal: WorkingCalendar, pol: DeadlinePolicy | None) -> int:
    """The token of a calendar and a caller's policy (None: each dossier's own, else the one
    in force on its receipt date -- a function of the immutable dossier, so a memo made under
    it stays right for that dossier)."""
    key = (id(cal), id(pol))
    with _TOKENS_LOCK:
        got = _TOKENS.get(key)
        if got is not None and got[1] is cal and got[2] is pol:
            return got[0]
        while len(_TOKENS) >= _MAX_TOKENS:
            del _TOKENS[next(iter(_TOKENS))]
        token = next(_NEXT_TOKEN)
        _TOKENS[key] = (token, cal, pol)
        return token


def classification_of(memo: Memo) -> Classification | None:
    """The memo's classification (None while unanswered, withdrawn or stopped)."""
    i = memo[M_CLASSIFICATION]
    return None if i < 0 else _CLASSES[i]


def overdue_at(dossier: Dossier, memo: Memo, cutoff: dt.datetime) -> bool:
    """Whether the unanswered dossier's clock is ``breached`` at ``cutoff``; warns, as the
    clock's status at the cutoff would, when that status rests on a provisional year."""
    overdue, provisional = overdue_and_provisional(dossier, memo, cutoff)
    if provisional:
        _warn_provisional(dossier)
    return overdue


def overdue_and_provisional(dossier: Dossier, memo: Memo, cutoff: dt.datetime) -> tuple[bool, bool]:
    """[`overdue_at`][overdue_at] without a warning: (overdue, the clock's status at the cutoff is
    provisional)."""
    timeline, clock = memo[_M_TIMELINE], memo[_M_CLOCK]
    if clock is not None:  # built on a quiet calendar: it does not warn
        st = clock.status(at=cutoff)
        return st.state is ClockState.BREACHED, st.provisional
    if timeline is None:
        return cutoff > memo[M_APPOINTMENT], False
    if cutoff < timeline[0][0]:  # before the receipt: the clock refuses (EventOrderError)
        st = dossier.clock().status(at=cutoff)
        return st.state is ClockState.BREACHED, st.provisional
    due: dt.datetime | None = None
    provisional = False
    for at, seg_due, seg_provisional in timeline:
        if at > cutoff:
            break
        due, provisional = seg_due, seg_provisional
    return due is not None and cutoff > due, provisional


class Evaluation:
    """One dossier's deadline facts (a view of its [`Memo`][Memo])."""

    __slots__ = ("dossier", "memo")

    def __init__(self, dossier: Dossier, memo: Memo) -> None:
        self.dossier = dossier
        self.memo = memo

    @property
    def appointment(self) -> dt.datetime:
        """The receipt slip's appointment (compute_deadline from the receipt)."""
        return self.memo[M_APPOINTMENT]

    @property
    def simple(self) -> bool:
        """No supplement and no extension: the clock's due is the appointment."""
        return self.memo[_M_TIMELINE] is None and self.memo[_M_CLOCK] is None

    @property
    def classification(self) -> Classification | None:
        """Early / on time / late of the answer (None while unanswered, withdrawn or stopped)."""
        return classification_of(self.memo)

    @property
    def due_at(self) -> dt.datetime | None:
        """The clock's current due at the end of the log (None while a reset supplement is pending)."""
        return self.memo[M_DUE]

    @property
    def processing_days(self) -> int:
        """Working days in (receipt date, answer date] (0 while unanswered)."""
        return self.memo[M_DAYS]

    def overdue_at(self, cutoff: dt.datetime) -> bool:
        """Whether the unanswered dossier's clock is ``breached`` at ``cutoff``."""
        return overdue_at(self.dossier, self.memo, cutoff)


def _warn_provisional(d: Dossier) -> None:
    warnings.warn(
        f"the SLA status for {d.applicable_limit} rests on a year without an official notice; "
        "its due dates are projected from the statutory rules",
        ProvisionalCalendarWarning,
        stacklevel=3,
    )


def warn_provisional(what: str, *, stacklevel: int = 3) -> None:
    """Emit the one [`hcc.ProvisionalCalendarWarning`][hcc.ProvisionalCalendarWarning] of a report (``what`` names it).

    Reports compute on a calendar that does not warn and read the memos' ``provisional``
    flags; no warning filter or hook of the process is touched (thread-safe).
    """
    warnings.warn(
        f"{what} rests on days of a year with no official notice yet; its deadlines are "
        "projected from the statutory rules",
        ProvisionalCalendarWarning,
        stacklevel=stacklevel,
    )


def evaluate(
    dossiers: Sequence[Dossier],
    *,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
) -> list[Evaluation]:
    """[`Evaluation`][Evaluation] of each dossier, in order; one warning if any rests on a provisional
    year (as the dossiers' clocks would warn)."""
    ms = memos(dossiers, calendar=calendar, policy=policy)
    if any(m[M_PROVISIONAL] for m in ms):
        if len(dossiers) == 1:
            _warn_provisional(dossiers[0])
        else:
            warn_provisional(f"the evaluation of {len(dossiers)} dossiers")
    return [Evaluation(d, m) for d, m in zip(dossiers, ms, strict=True)]


def memos(
    dossiers: Sequence[Dossier],
    *,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
) -> list[Memo]:
    """The [`Memo`][Memo] of each dossier, in order. Never warns: a memo's ``provisional`` flag
    (``memo[M_PROVISIONAL]``) says whether an answer rests on a provisional year, and the report
    warns once ([`warn_provisional`][warn_provisional]) — no ``warnings.catch_warnings``, which is process-wide
    and not thread-safe.

    Each dossier keeps its last memo (for one calendar and caller's policy): a dossier is immutable, so
    the memo can never disagree with its log; a report that needs the rows, the year's figures
    and the months' evaluates each dossier once.
    """
    given = calendar or vietnam_calendar()
    cal = given.without_warnings()  # shares the tables; the token is the given calendar's
    n = len(dossiers)
    out: list[Memo | None] = [None] * n
    # one token for the call: the policy a dossier is counted by is its own, else the caller's,
    # else the one in force on its receipt date -- fixed by the dossier and the call's arguments
    token = _token(given, policy)
    # grouped by the identity of the limit and the policy first (hashing a pydantic model costs
    # more than the rest of a dossier; parsed limits are shared), then by the limit's value
    by_ids: dict[tuple[int, bool, int], list[int]] = {}
    by_id: dict[int, DeadlinePolicy] = {}
    for i, d in enumerate(dossiers):
        memo: Memo | None = d._memo
        if memo is not None and memo[0] == token:
            out[i] = memo
            continue
        r = d._record
        pol = r.policy or policy or policy_in_force(d._facts.received_at)
        if id(pol) not in by_id:
            by_id[id(pol)] = pol
        key = (id(r.time_limit), r.use_alternate, id(pol))
        group = by_ids.get(key)
        if group is None:
            by_ids[key] = [i]
        else:
            group.append(i)
    groups: dict[tuple[TimeLimit, int], list[int]] = {}
    for (_, _, pol_id), idx in by_ids.items():
        groups.setdefault((dossiers[idx[0]].applicable_limit, pol_id), []).extend(idx)
    # working days in (receipt date, answer date], and whether a span of days rests on a
    # provisional year: shared by the dossiers of the same two days
    days_between: dict[tuple[dt.date, dt.date], int] = {}
    provisional_spans: dict[tuple[dt.date, dt.date], bool] = {}
    for (limit, pol_id), idx in groups.items():
        pol = by_id[pol_id]
        reset = pol.supplement == SupplementRule.RESET
        pause = pol.supplement == SupplementRule.PAUSE
        # parallel lists, not a tuple per dossier: fewer objects for the cyclic GC to track
        members: list[Dossier] = []
        facts: list[_Facts] = []
        moments: list[dt.datetime] = []
        first: list[int] = []  # where each dossier's receipt is in moments
        timeline: list[bool] = []  # its restarts (supplements received) follow its receipt
        for i in idx:
            d = dossiers[i]
            f = d._facts
            members.append(d)
            facts.append(f)
            first.append(len(moments))
            moments.append(f.received_at)
            if (reset or pause) and (f.supplements or f.extensions):
                fast = all(s.allotment is None for s in f.steps)
                if fast and reset:
                    moments.extend(
                        s.received_at for s in f.supplements if s.received_at is not None
                    )
                timeline.append(fast)
            else:
                timeline.append(False)
        dues = compute_deadlines(moments, limit, calendar=cal, policy=pol)
        for k, d in enumerate(members):
            f = facts[k]
            appt = due = dues[first[k]]
            cls = -1
            segments: tuple[Segment, ...] | None = None
            clock: SlaClock | None = None
            settled_at = f.settled_at
            received_on = f.received_at.date()
            span = (received_on, appt.date())
            known = provisional_spans.get(span)
            if known is None:
                known = provisional_spans[span] = cal.is_provisional_span(*span)
            provisional = known
            if not f.supplements and not f.extensions:
                if settled_at is not None:
                    cls = _classify(settled_at, appt)
            elif timeline[k]:
                if reset:
                    cls, due, segments, prov = _replay_reset(d, f, cal, dues, first[k])
                else:
                    cls, due, segments, prov = _replay_pause(d, f, cal, pol, limit, appt)
                provisional = provisional or prov
            else:
                clock = d.clock(calendar=cal, policy=pol)  # quiet: its status does not warn
                st = clock.status(at=d.events[-1].at)
                if st.classification is not None:
                    cls = _CLASSES.index(st.classification)
                due = st.due_at
                provisional = provisional or st.provisional
            days = 0
            if settled_at is not None:
                span = (received_on, settled_at.date())
                got = days_between.get(span)
                if got is None:
                    got = days_between[span] = cal.working_days_between(*span)
                    provisional_spans[span] = cal.is_provisional_span(*span)
                days = got
                provisional = provisional or provisional_spans[span]
            memo = (token, appt, cls, due, days, segments, clock, provisional)
            d._memo = memo
            out[idx[k]] = memo
    return out  # type: ignore[return-value]  # every slot is filled above


def _classify(done: dt.datetime, due: dt.datetime) -> int:
    """[`hcc.deadlines.classify`][hcc.deadlines.classify] as an index in ``_CLASSES`` (no input checks for two
    Vietnam-time moments)."""
    if done.tzinfo is not VN_TZ or due.tzinfo is not VN_TZ:
        return _CLASSES.index(classify(done, due))
    if done > due:
        return 2
    return 0 if done.date() < due.date() else 1


def _replay_reset(
    d: Dossier, f: _Facts, cal: WorkingCalendar, dues: list[dt.datetime], at: int
) -> tuple[int, dt.datetime | None, tuple[Segment, ...], bool]:
    """The clock of a dossier under a ``reset`` policy, from its batched dues.

    ``dues[at]`` is its appointment, ``dues[at + 1:]`` ``compute_deadline`` of its supplements
    received, in order. As [`hcc.deadlines.SlaClock`][hcc.deadlines.SlaClock] does: a request pauses the clock; a
    supplement received restarts the count (and drops an earlier extension); an extension makes
    its new appointment the current due; the classification is against the due before any
    extension. Returns the classification index, the due at the end of the log, the timeline and
    whether any due of it rests on a provisional year (never warns).
    """
    due = dues[at]
    ext: dt.datetime | None = None
    pending = False
    provisional = cal.is_provisional_span(f.received_at.date(), due.date())
    segments: list[Segment] = [(f.received_at, due, provisional)]
    for e in d.events:
        k = e.kind
        if k is _SUPPLEMENT_REQUESTED:
            pending = True
        elif k is _SUPPLEMENT_RECEIVED:
            at += 1
            due = dues[at]
            ext = None
            pending = False
            provisional = provisional or cal.is_provisional_span(e.at.date(), due.date())
        elif k is _EXTENDED:
            assert e.new_due is not None
            ext = e.new_due
            provisional = provisional or cal.is_provisional_span(e.at.date(), ext.date())
        else:
            continue
        segments.append((e.at, None if pending else ext or due, provisional))
    settled_at = f.settled_at
    cls = -1 if settled_at is None else _classify(settled_at, due)
    ended = f.withdrawn_at is not None or f.stopped_at is not None
    end_due = None if pending and settled_at is None and not ended else ext or due
    return cls, end_due, tuple(segments), provisional


def _replay_pause(
    d: Dossier,
    f: _Facts,
    cal: WorkingCalendar,
    pol: DeadlinePolicy,
    limit: TimeLimit,
    appointment: dt.datetime,
) -> tuple[int, dt.datetime | None, tuple[Segment, ...], bool]:
    """The clock of a dossier under a ``pause`` policy (no allotted agency step), from
    [`hcc.deadlines.clock.paused_dues`][hcc.deadlines.clock.paused_dues], the clock's own pause arithmetic.

    As [`hcc.deadlines.SlaClock`][hcc.deadlines.SlaClock] does: a request pauses the clock (not overdue
    while pending); a supplement received moves the due (and an extension's new appointment)
    later by the pause; the classification is against the due before any extension. Returns
    what [`_replay_reset`][_replay_reset] returns (never warns). ``appointment`` is the batch's
    due from the receipt (what the pause arithmetic starts from).
    """
    changes: list[tuple[str, dt.datetime, dt.datetime | None]] = []
    for e in d.events:
        k = e.kind
        if k is _SUPPLEMENT_REQUESTED or k is _SUPPLEMENT_RECEIVED or k is _EXTENDED:
            changes.append((k, e.at, e.new_due))
    if any(s.received_at is not None for s in f.supplements):
        dues = paused_dues(f.received_at, limit, changes, calendar=cal, policy=pol)
    else:  # the clock never resumed: only an extension moves the current due
        dues = [(appointment, appointment)]
        for _, _, new_due in changes:
            dues.append((appointment, new_due or dues[-1][1]))
    original, current = dues[0]
    provisional = cal.is_provisional_span(f.received_at.date(), original.date())
    segments: list[Segment] = [(f.received_at, current, provisional)]
    pending = False
    for (kind, at, new_due), (original, current) in zip(changes, dues[1:], strict=True):
        if kind is _SUPPLEMENT_REQUESTED:
            pending = True
        elif kind is _SUPPLEMENT_RECEIVED:
            pending = False
            provisional = provisional or cal.is_provisional_span(at.date(), original.date())
        else:
            assert new_due is not None
            provisional = provisional or cal.is_provisional_span(at.date(), new_due.date())
        segments.append((at, None if pending else current, provisional))
    settled_at = f.settled_at
    cls = -1 if settled_at is None else _classify(settled_at, original)
    return cls, current, tuple(segments), provisional
