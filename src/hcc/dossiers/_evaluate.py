"""Many dossiers against their SLA clocks at once, for the register and the indicators.

The SLA clock (:class:`hcc.deadlines.SlaClock`) is the only source of deadline facts. Most
dossiers never ask for a supplement nor get a new appointment; for them the clock's due is the
receipt slip's appointment, ``compute_deadline(received_at, limit)``, and its classification is
``classify(answer, due)``. Those appointments are computed in one :func:`hcc.deadlines.compute_deadlines`
batch per (limit, policy), which the deadline module guarantees equal to the scalar results; the
other dossiers go through their clock. ``tests/test_dossiers_properties.py`` checks that both
paths agree with :meth:`hcc.Dossier.sla` on random logs.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from hcc.calendar import WorkingCalendar, vietnam_calendar
from hcc.deadlines import (
    Classification,
    ClockState,
    DeadlinePolicy,
    SlaClock,
    TimeLimit,
    classify,
    compute_deadlines,
)
from hcc.dossiers.dossier import Dossier
from hcc.errors import ProvisionalCalendarWarning

__all__ = ["Evaluation", "evaluate", "provisional_once"]

_DEFAULT_POLICY = DeadlinePolicy.decree_61_2018()


class Evaluation:
    """One dossier's deadline facts, derived from its full log (computed once, then read)."""

    __slots__ = (
        "_clock",
        "appointment",
        "calendar",
        "classification",
        "dossier",
        "due_at",
        "policy",
        "processing_days",
        "simple",
    )

    def __init__(
        self,
        dossier: Dossier,
        appointment: dt.datetime,
        simple: bool,
        calendar: WorkingCalendar,
        policy: DeadlinePolicy,
    ) -> None:
        self.dossier = dossier
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

    def clock(self) -> SlaClock:
        """The dossier's SLA clock (built once)."""
        if self._clock is None:
            self._clock = self.dossier.clock(calendar=self.calendar, policy=self.policy)
        return self._clock

    def overdue_at(self, cutoff: dt.datetime) -> bool:
        """Whether the unanswered dossier's clock is ``breached`` at ``cutoff``."""
        if self.simple:
            return cutoff > self.appointment
        return self.clock().status(at=cutoff).state is ClockState.BREACHED


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
    # policies are grouped by identity (hashing a policy costs more than the rest of a dossier)
    groups: dict[tuple[TimeLimit, int], list[int]] = {}
    by_id: dict[int, DeadlinePolicy] = {}
    fallback = policy or _DEFAULT_POLICY
    for i, d in enumerate(dossiers):
        pol = d.policy or fallback
        memo: Evaluation | None = d.__dict__.get(_MEMO)
        if memo is not None and memo.calendar is cal and memo.policy is pol:
            out[i] = memo
            continue
        by_id[id(pol)] = pol
        key = (d.applicable_limit, id(pol))
        group = groups.get(key)
        if group is None:
            groups[key] = [i]
        else:
            group.append(i)
    for (limit, pol_id), idx in groups.items():
        pol = by_id[pol_id]
        dues = compute_deadlines(
            [dossiers[i].received_at for i in idx], limit, calendar=cal, policy=pol
        )
        for i, appt in zip(idx, dues, strict=True):
            d = dossiers[i]
            f = d._f
            simple = not f.supplements and not f.extensions
            ev = Evaluation(d, appt, simple, cal, pol)
            if simple:
                if f.settled_at is not None:
                    ev.classification = classify(f.settled_at, appt)
            else:
                st = ev.clock().status(at=d.events[-1].at)
                ev.classification = st.classification
                ev.due_at = st.due_at
            if f.settled_at is not None:
                ev.processing_days = cal.working_days_between(
                    f.received_at.date(), f.settled_at.date()
                )
            d.__dict__[_MEMO] = ev
            out[i] = ev
    return out  # type: ignore[return-value]  # every slot is filled above


_MEMO = "_evaluation"
"""Key of the memo (the last :class:`Evaluation`) in a dossier's ``__dict__``."""
