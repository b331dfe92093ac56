"""Dossiers: a dossier's life as an event log, the register (sổ theo dõi hồ sơ), indicators and service days.

>>> import datetime as dt
>>> from hcc.dossiers import NO_WRITING_DAY
>>> NO_WRITING_DAY.next_after(dt.date(2026, 2, 10))
datetime.date(2026, 2, 24)
"""

from hcc.dossiers.dossier import AgencyStep, Dossier, DossierData, Supplement
from hcc.dossiers.events import DossierEvent, EventKind, Rating
from hcc.dossiers.indicators import (
    COUNT_COLUMNS,
    AgencyIndex,
    Circular01Indices,
    GroupBy,
    IndicatorRow,
    Indicators,
    OnTimeRate,
    Period,
    circular01_indices,
    group_indicators,
    indicator_rows,
    indicators,
    indicators_frame,
    on_time_rate_766,
    on_time_rate_with_overdue_pending,
    resolve_period,
)
from hcc.dossiers.register import (
    CSV_COLUMNS,
    DuplicateEntryError,
    Register,
    RegisterBook,
    RegisterClosedError,
    RegisterEntry,
    RegisterEntryRef,
    RegisterError,
    UnknownEntryError,
    formula_safe_cell,
    register_frame,
)
from hcc.dossiers.service_days import NO_WRITING_DAY, SATURDAY_MORNING, ServiceDay
from hcc.dossiers.states import (
    FINAL_STATES,
    SETTLED_STATES,
    TRANSITIONS,
    DossierState,
    allowed_events,
    next_state,
)

DossierEventKind = EventKind
"""``EventKind`` under a name that cannot be taken for [`hcc.deadlines.EventKind`][hcc.deadlines.EventKind] (clock events)."""

__all__ = [
    "COUNT_COLUMNS",
    "CSV_COLUMNS",
    "FINAL_STATES",
    "NO_WRITING_DAY",
    "SATURDAY_MORNING",
    "SETTLED_STATES",
    "TRANSITIONS",
    "AgencyIndex",
    "AgencyStep",
    "Circular01Indices",
    "Dossier",
    "DossierData",
    "DossierEvent",
    "DossierEventKind",
    "DossierState",
    "DuplicateEntryError",
    "EventKind",
    "GroupBy",
    "IndicatorRow",
    "Indicators",
    "OnTimeRate",
    "Period",
    "Rating",
    "Register",
    "RegisterBook",
    "RegisterClosedError",
    "RegisterEntry",
    "RegisterEntryRef",
    "RegisterError",
    "ServiceDay",
    "Supplement",
    "UnknownEntryError",
    "allowed_events",
    "circular01_indices",
    "formula_safe_cell",
    "group_indicators",
    "indicator_rows",
    "indicators",
    "indicators_frame",
    "next_state",
    "on_time_rate_766",
    "on_time_rate_with_overdue_pending",
    "register_frame",
    "resolve_period",
]
