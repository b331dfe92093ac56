"""Many dossiers against their SLA clocks at once, for the register and the indicators.

The SLA clock (:class:`hcc.deadlines.SlaClock`) is the only source of deadline facts. Most
dossiers never ask for a supplement nor get a new appointment; for them the clock's due is the
receipt slip's appointment, ``compute_deadline(received_at, limit)``, and its classification is
``classify(answer, due)``. Those appointments are computed in one :func:`hcc.deadlines.compute_deadlines`
batch per (limit, policy), which the deadline module guarantees equal to the scalar results.

Under a ``reset`` policy (Decree 61/2018 art. 19(4), the default) a dossier with supplements or
an extension is batched too, unless an agency step has an allotment: the clock then restarts the
count at each supplement received, ``compute_deadline(supplement, limit)`` (the same batch), and an
extension moves the current due to its new appointment until the next restart; the clock's due at
any moment is read from that timeline. The other dossiers (``pause`` policies, allotted steps) go
through their clock. ``tests/test_dossiers_properties.py`` checks that every path agrees with
:meth:`hcc.Dossier.sla` on random logs.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

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
)
from hcc.dossiers.dossier import Dossier, _Facts
from hcc.dossiers.events import EventKind
from hcc.errors import ProvisionalCalendarWarning

__all__ = ["Evaluation", "evaluate", "provisional_once"]

_DEFAULT_POLICY = DeadlinePolicy.decree_61_2018()


_SUPPLEMENT_REQUESTED = EventKind.SUPPLEMENT_REQUESTED
_SUPPLEMENT_RECEIVED = EventKind.SUPPLEMENT_RECEIVED
_EXTENDED = EventKind.EXTENDED

Segment = tuple[dt.datetime, dt.datetime | None, bool]
"""From this moment on (until the next segment): the clock's current due (None while a supplement
is pending: the clock is paused), and whether the clock's status there rests on a provisional year."""


class Evaluation:
    """One dossier's deadline facts, derived from its full log (computed once, then read)."""

    __slots__ = (
        "_clock",
        "_timeline",
        "appointment",
        "calendar",
        "classification",
        "dossier",
        "due_at",
        "facts",
        "policy",
        "processing_days",
        "simple",
    )

    def __init__(
        self,
        dossier: Dossier,
        facts: _Facts,
        appointment: dt.datetime,
        simple: bool,
        calendar: WorkingCalendar,
        policy: DeadlinePolicy,
    ) -> None:
        self.dossier = dossier
        self.facts = facts
        """The facts of the dossier's log (``Dossier._f``), read by the reports."""
        self.appointment = appointment
        """The receipt slip's appointment (compute_deadline from the receipt)."""
        self.simple = simple
        """No supplement and no extension: the clock's due is the appointment."""
        self.classification: Classification | None = None
        """Early / on time / late of the answer (None while unanswered or when withdrawn)."""
        self.due_at: dt.datetime | None = appointment
        """The clock's current due at the end of the log (None while a reset supplement is pending)."""
        self.processing_days = 0
        """Working days in (receipt date, answer date] (0 while unanswered)."""
        self.calendar = calendar
        self.policy = policy
        self._clock: SlaClock | None = None
        self._timeline: tuple[Segment, ...] | None = None
        """The clock's due over time (reset policies), when the batch derived it."""

    def clock(self) -> SlaClock:
        """The dossier's SLA clock (built once)."""
        if self._clock is None:
            self._clock = self.dossier.clock(calendar=self.calendar, policy=self.policy)
        return self._clock

    def overdue_at(self, cutoff: dt.datetime) -> bool:
        """Whether the unanswered dossier's clock is ``breached`` at ``cutoff``."""
        if self.simple:
            return cutoff > self.appointment
        timeline = self._timeline
        if timeline is None or cutoff < timeline[0][0]:
            return self.clock().status(at=cutoff).state is ClockState.BREACHED
        due: dt.datetime | None = None
        provisional = False
        for at, seg_due, seg_provisional in timeline:
            if at > cutoff:
                break
            due, provisional = seg_due, seg_provisional
        if provisional:  # as the clock's status at the cutoff would
            _warn_provisional(self.dossier)
        return due is not None and cutoff > due


def _warn_provisional(d: Dossier) -> None:
    warnings.warn(
        f"the SLA status for {d.applicable_limit} rests on a year without an official notice; "
        "its due dates are projected from the statutory rules",
        ProvisionalCalendarWarning,
        stacklevel=3,
    )


@contextmanager
def provisional_once(what: str) -> Iterator[None]:
    """Collect the provisional-calendar warnings of a computation and emit one at the end."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ProvisionalCalendarWarning)
        yield
    other = [w for w in caught if not issubclass(w.category, ProvisionalCalendarWarning)]
    for w in other:
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if len(other) != len(caught):
        warnings.warn(
            f"{what} rests on days of a year with no official notice yet; its deadlines are "
            "projected from the statutory rules",
            ProvisionalCalendarWarning,
            stacklevel=3,
        )


def evaluate(
    dossiers: Sequence[Dossier],
    *,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
) -> list[Evaluation]:
    """:class:`Evaluation` of each dossier, in order (call inside :func:`provisional_once`).

    Each dossier keeps its last evaluation (for one calendar and policy) as a memo: a dossier is
    immutable, so the memo can never disagree with its log; a report that needs the rows, the
    year's figures and the months' evaluates each dossier once.
    """
    cal = calendar or vietnam_calendar()
    n = len(dossiers)
    out: list[Evaluation | None] = [None] * n
    # grouped by the identity of the limit and the policy first (hashing a pydantic model costs
    # more than the rest of a dossier; parsed limits are shared), then by the limit's value
    by_ids: dict[tuple[int, bool, int], list[int]] = {}
    by_id: dict[int, DeadlinePolicy] = {}
    fallback = policy or _DEFAULT_POLICY
    for i, d in enumerate(dossiers):
        pol = d.policy or fallback
        memo: Evaluation | None = d.__dict__.get(_MEMO)
        if memo is not None and memo.calendar is cal and memo.policy is pol:
            out[i] = memo
            continue
        key = (id(d.time_limit), d.use_alternate, id(pol))
        group = by_ids.get(key)
        if group is None:
            by_id[id(pol)] = pol
            by_ids[key] = [i]
        else:
            group.append(i)
    groups: dict[tuple[TimeLimit, int], list[int]] = {}
    for idx in by_ids.values():
        d = dossiers[idx[0]]
        pol_id = id(d.policy or fallback)
        groups.setdefault((d.applicable_limit, pol_id), []).extend(idx)
    # working days in (receipt date, answer date], shared by the dossiers of the same two days
    days_between: dict[tuple[dt.date, dt.date], int] = {}
    for (limit, pol_id), idx in groups.items():
        pol = by_id[pol_id]
        reset = pol.supplement == SupplementRule.RESET
        # parallel lists, not a tuple per dossier: fewer objects for the cyclic GC to track
        members: list[Dossier] = []
        facts: list[_Facts] = []
        moments: list[dt.datetime] = []
        first: list[int] = []  # where each dossier's receipt is in moments
        timeline: list[bool] = []  # its restarts (supplements received) follow its receipt
        for i in idx:
            d = dossiers[i]
            f = d._f
            members.append(d)
            facts.append(f)
            first.append(len(moments))
            moments.append(f.received_at)
            if reset and (f.supplements or f.extensions):
                fast = all(s.allotment is None for s in f.steps)
                if fast:
                    moments.extend(
                        s.received_at for s in f.supplements if s.received_at is not None
                    )
                timeline.append(fast)
            else:
                timeline.append(False)
        dues = compute_deadlines(moments, limit, calendar=cal, policy=pol)
        for k, d in enumerate(members):
            f = facts[k]
            appt = dues[first[k]]
            simple = not f.supplements and not f.extensions
            ev = Evaluation(d, f, appt, simple, cal, pol)
            settled_at = f.settled_at
            if simple:
                if settled_at is not None:
                    ev.classification = _classify(settled_at, appt)
            elif timeline[k]:
                _replay_reset(ev, dues, first[k] + 1)
            else:
                st = ev.clock().status(at=d.events[-1].at)
                ev.classification = st.classification
                ev.due_at = st.due_at
            if settled_at is not None:
                span = (f.received_at.date(), settled_at.date())
                days = days_between.get(span)
                if days is None:
                    days = days_between[span] = cal.working_days_between(*span)
                ev.processing_days = days
            d.__dict__[_MEMO] = ev
            out[idx[k]] = ev
    return out  # type: ignore[return-value]  # every slot is filled above


_EARLY, _ON_TIME, _LATE = Classification.EARLY, Classification.ON_TIME, Classification.LATE


def _classify(done: dt.datetime, due: dt.datetime) -> Classification:
    """:func:`hcc.deadlines.classify`, without its input checks for two Vietnam-time moments."""
    if done.tzinfo is not VN_TZ or due.tzinfo is not VN_TZ:
        return classify(done, due)
    if done > due:
        return _LATE
    return _EARLY if done.date() < due.date() else _ON_TIME


def _replay_reset(ev: Evaluation, dues: list[dt.datetime], at: int) -> None:
    """The clock of a dossier under a ``reset`` policy, from its batched dues.

    ``dues[at:]`` are ``compute_deadline`` of its supplements received, in order. As
    :class:`hcc.deadlines.SlaClock` does: a request pauses the clock; a supplement received
    restarts the count (and drops an earlier extension); an extension makes its new appointment
    the current due; the classification is against the due before any extension. Fills
    ``classification``, ``due_at`` and the timeline; warns as the clock's status would.
    """
    d, f, cal = ev.dossier, ev.facts, ev.calendar
    due = ev.appointment
    ext: dt.datetime | None = None
    pending = False
    received_on = f.received_at.date()
    provisional = cal.is_provisional_span(received_on, due.date())
    segments: list[Segment] = [(f.received_at, due, provisional)]
    for e in d.events:
        k = e.kind
        if k is _SUPPLEMENT_REQUESTED:
            pending = True
        elif k is _SUPPLEMENT_RECEIVED:
            due = dues[at]
            at += 1
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
    ev._timeline = tuple(segments)
    settled_at = f.settled_at
    if settled_at is not None:
        ev.classification = _classify(settled_at, due)
    ev.due_at = None if pending and settled_at is None and f.withdrawn_at is None else ext or due
    if provisional:
        _warn_provisional(d)


_MEMO = "_evaluation"
"""Key of the memo (the last :class:`Evaluation`) in a dossier's ``__dict__``."""
