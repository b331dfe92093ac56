"""Dossiers: a dossier's life as an event log, the register (sổ theo dõi hồ sơ), indicators and service days.

>>> import datetime as dt
>>> from hcc.dossiers import NO_WRITING_DAY
>>> NO_WRITING_DAY.next_after(dt.date(2026, 2, 10))
datetime.date(2026, 2, 24)
"""

from hcc.dossiers.dossier import AgencyStep, Dossier, Supplement
from hcc.dossiers.events import DossierEvent, EventKind, Rating
from hcc.dossiers.service_days import NO_WRITING_DAY, SATURDAY_MORNING, ServiceDay
from hcc.dossiers.states import (
    FINAL_STATES,
    SETTLED_STATES,
    TRANSITIONS,
    DossierState,
    allowed_events,
    next_state,
)

__all__ = [
    "FINAL_STATES",
    "NO_WRITING_DAY",
    "SATURDAY_MORNING",
    "SETTLED_STATES",
    "TRANSITIONS",
    "AgencyStep",
    "Dossier",
    "DossierEvent",
    "DossierState",
    "EventKind",
    "Rating",
    "ServiceDay",
    "Supplement",
    "allowed_events",
    "next_state",
]
