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
from dataclasses import dataclass

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


@dataclass(slots=True)
class Evaluation:
    """One dossier's deadline facts, derived from its full log."""

    dossier: Dossier
    appointment: dt.datetime
    """The receipt slip's appointment (compute_deadline from the receipt)."""
    simple: bool
    """No supplement and no extension: the clock's due is the appointment."""
    classification: Classification | None
    """Early / on time / late of the answer (None while unanswered or when withdrawn)."""
    due_at: dt.datetime | None
    """The clock's current due at the end of the log (None while a reset supplement is pending)."""
    calendar: WorkingCalendar
    policy: DeadlinePolicy
    _clock: SlaClock | None = None

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
    """:class:`Evaluation` of each dossier, in order (call inside :func:`provisional_once`)."""
    cal = calendar or vietnam_calendar()
    groups: dict[tuple[TimeLimit, DeadlinePolicy], list[int]] = {}
    pols: list[DeadlinePolicy] = []
    for i, d in enumerate(dossiers):
        pol = d.policy or policy or _DEFAULT_POLICY
        pols.append(pol)
        groups.setdefault((d.time_limit, pol), []).append(i)
    appointments: list[dt.datetime | None] = [None] * len(dossiers)
    for (limit, pol), idx in groups.items():
        dues = compute_deadlines(
            [dossiers[i].received_at for i in idx], limit, calendar=cal, policy=pol
        )
        for i, due in zip(idx, dues, strict=True):
            appointments[i] = due
    out: list[Evaluation] = []
    for d, pol, appt in zip(dossiers, pols, appointments, strict=True):
        assert appt is not None
        simple = not d.supplements and not d.extensions
        ev = Evaluation(
            dossier=d,
            appointment=appt,
            simple=simple,
            classification=None,
            due_at=appt,
            calendar=cal,
            policy=pol,
        )
        if simple:
            if d.settled_at is not None:
                ev.classification = classify(d.settled_at, appt)
        else:
            st = ev.clock().status(at=d.events[-1].at)
            ev.classification = st.classification
            ev.due_at = st.due_at
        out.append(ev)
    return out
