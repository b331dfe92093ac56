"""hcc: Vietnamese administrative procedures — catalogues, working-day deadlines, fees, documents.

The public face of the library: every name here is part of the contract other systems rely on.
Subpackages hold the rest: :mod:`hcc.calendar`, :mod:`hcc.deadlines`, :mod:`hcc.fees`,
:mod:`hcc.procedures`, :mod:`hcc.documents`, :mod:`hcc.dossiers`, :mod:`hcc.importer` and, for test
suites, :mod:`hcc.testing`.

>>> import datetime as dt, hcc
>>> hcc.vietnam_calendar().add_working_days(dt.date(2026, 2, 13), 1)
datetime.date(2026, 2, 23)
>>> hcc.compute_deadline(dt.datetime(2026, 2, 12, 9, 0), "03 ngày làm việc").due_date
datetime.date(2026, 2, 24)
"""

import importlib
from typing import TYPE_CHECKING, Any

from hcc import calendar, deadlines, fees, procedures
from hcc._version import __version__
from hcc.calendar import (
    CalendarEntry,
    CalendarOverrides,
    DayInfo,
    DayKind,
    Notice,
    OfficeHours,
    SeasonalHours,
    Session,
    WorkingCalendar,
    vietnam_calendar,
)
from hcc.deadlines import (
    Classification,
    ClockEvent,
    ClockState,
    Deadline,
    DeadlinePolicy,
    Extended,
    HandedOver,
    Received,
    ResultReady,
    Returned,
    SlaClock,
    SlaStatus,
    SupplementReceived,
    SupplementRequested,
    TimeLimit,
    TimeUnit,
    Withdrawn,
    compute_deadline,
    compute_deadlines,
    sla_status,
)
from hcc.errors import (
    CatalogueValidationError,
    DocumentContextError,
    DossierCodeError,
    EventOrderError,
    ExtensionLimitError,
    HccError,
    HccWarning,
    InvalidInputError,
    InvalidTransitionError,
    ModelValidationError,
    OutOfRangeError,
    OverrideError,
    ProvisionalCalendarWarning,
    TimeLimitParseError,
    UnknownDocumentError,
    UnknownProcedureError,
)
from hcc.fees import (
    FeeRule,
    FeeSchedule,
    Quote,
    QuoteLine,
    amount_in_words,
    format_vnd,
    get_fee_schedule,
    quote,
    standard_fee_schedules,
)
from hcc.procedures import (
    Catalogue,
    CatalogueDiff,
    CatalogueProblem,
    CatalogueReport,
    ChannelKind,
    DossierCode,
    DossierCodeAllocator,
    Level,
    OnlineLevel,
    Procedure,
    default_catalogue,
    diff_catalogues,
    load_catalogue,
    validate_catalogue,
)

if TYPE_CHECKING:  # the top layers load on first use (see __getattr__ below)
    from hcc import documents, dossiers, importer
    from hcc.documents import render as render_document
    from hcc.dossiers import (
        Dossier,
        DossierEvent,
        DossierEventKind,
        DossierState,
        Indicators,
        Register,
        RegisterBook,
        ServiceDay,
        indicators,
    )
    from hcc.importer import ImportInputError, ImportReport, RecordStatus, import_portal_records

# The top layers (documents with Jinja2, dossiers, importer) are imported when first touched, so
# that ``import hcc`` stays well under 0.3 s and the pytest plugin stays light. ``hcc.documents``,
# ``from hcc import Dossier`` and ``import hcc.documents`` all work as usual.
_LAZY: dict[str, tuple[str, str | None]] = {
    "documents": ("hcc.documents", None),
    "dossiers": ("hcc.dossiers", None),
    "importer": ("hcc.importer", None),
    "render_document": ("hcc.documents", "render"),
    **{
        name: ("hcc.dossiers", name)
        for name in (
            "Dossier",
            "DossierEvent",
            "DossierEventKind",
            "DossierState",
            "Indicators",
            "Register",
            "RegisterBook",
            "ServiceDay",
            "indicators",
        )
    },
    **{
        name: ("hcc.importer", name)
        for name in ("ImportInputError", "ImportReport", "RecordStatus", "import_portal_records")
    },
}


def __getattr__(name: str) -> Any:
    """Load a top-layer submodule or name on first use (PEP 562).

    >>> import hcc
    >>> hcc.documents.date_line("Nghi Lộc", hcc.calendar.as_date("2020-06-03"))
    'Nghi Lộc, ngày 03 tháng 6 năm 2020'
    """
    try:
        module, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'hcc' has no attribute {name!r}") from None
    mod = importlib.import_module(module)
    value = mod if attr is None else getattr(mod, attr)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "CalendarEntry",
    "CalendarOverrides",
    "Catalogue",
    "CatalogueDiff",
    "CatalogueProblem",
    "CatalogueReport",
    "CatalogueValidationError",
    "ChannelKind",
    "Classification",
    "ClockEvent",
    "ClockState",
    "DayInfo",
    "DayKind",
    "Deadline",
    "DeadlinePolicy",
    "DocumentContextError",
    "Dossier",
    "DossierCode",
    "DossierCodeAllocator",
    "DossierCodeError",
    "DossierEvent",
    "DossierEventKind",
    "DossierState",
    "EventOrderError",
    "Extended",
    "ExtensionLimitError",
    "FeeRule",
    "FeeSchedule",
    "HandedOver",
    "HccError",
    "HccWarning",
    "ImportInputError",
    "ImportReport",
    "Indicators",
    "InvalidInputError",
    "InvalidTransitionError",
    "Level",
    "ModelValidationError",
    "Notice",
    "OfficeHours",
    "OnlineLevel",
    "OutOfRangeError",
    "OverrideError",
    "Procedure",
    "ProvisionalCalendarWarning",
    "Quote",
    "QuoteLine",
    "Received",
    "RecordStatus",
    "Register",
    "RegisterBook",
    "ResultReady",
    "Returned",
    "SeasonalHours",
    "ServiceDay",
    "Session",
    "SlaClock",
    "SlaStatus",
    "SupplementReceived",
    "SupplementRequested",
    "TimeLimit",
    "TimeLimitParseError",
    "TimeUnit",
    "UnknownDocumentError",
    "UnknownProcedureError",
    "Withdrawn",
    "WorkingCalendar",
    "__version__",
    "amount_in_words",
    "calendar",
    "compute_deadline",
    "compute_deadlines",
    "deadlines",
    "default_catalogue",
    "diff_catalogues",
    "documents",
    "dossiers",
    "fees",
    "format_vnd",
    "get_fee_schedule",
    "import_portal_records",
    "importer",
    "indicators",
    "load_catalogue",
    "procedures",
    "quote",
    "render_document",
    "sla_status",
    "standard_fee_schedules",
    "validate_catalogue",
    "vietnam_calendar",
]
