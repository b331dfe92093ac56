"""hcc: Vietnamese administrative procedures — catalogues, working-day deadlines, fees, documents.

The public face of the library: the entry points a program starts from. Everything else lives in
its subpackage: [`hcc.calendar`][hcc.calendar], [`hcc.deadlines`][hcc.deadlines],
[`hcc.fees`][hcc.fees.quote.quote], [`hcc.procedures`][hcc.procedures], [`hcc.documents`][hcc.documents],
[`hcc.dossiers`][hcc.dossiers], [`hcc.importer`][hcc.importer], [`hcc.errors`][hcc.errors] and,
for test suites, [`hcc.testing`][hcc.testing].

| Task | Entry point |
|---|---|
| Is this a working day? Add working days | [`vietnam_calendar`][hcc.calendar.vietnam_calendar], [`WorkingCalendar`][hcc.calendar.WorkingCalendar] |
| When is a dossier due? | [`compute_deadline`][hcc.deadlines.compute_deadline], [`compute_deadlines`][hcc.deadlines.compute_deadlines], [`TimeLimit`][hcc.deadlines.TimeLimit] |
| Where does a dossier stand? | [`sla_status`][hcc.deadlines.sla_status], [`SlaClock`][hcc.deadlines.SlaClock], [`Dossier`][hcc.dossiers.Dossier] |
| Which procedures exist? | [`default_catalogue`][hcc.procedures.default_catalogue], [`load_catalogue`][hcc.procedures.load_catalogue], [`Catalogue`][hcc.procedures.Catalogue] |
| What does it cost? | [`quote`][hcc.fees.quote.quote], [`get_fee_schedule`][hcc.fees.get_fee_schedule] |
| Read the national portal's records | [`import_portal_records`][hcc.importer.import_portal_records] |
| Print a receipt, a letter, the register | [`render_document`][hcc.documents.render] |
| Errors and warnings | [`HccError`][hcc.errors.HccError], [`HccWarning`][hcc.errors.HccWarning], [`ProvisionalCalendarWarning`][hcc.errors.ProvisionalCalendarWarning] |

The other names that used to be importable from ``hcc`` (``hcc.Quote``, ``hcc.OverrideError``,
...) still work for one release: reading one raises a ``DeprecationWarning`` that names its new
home (``hcc.fees.Quote``, ``hcc.errors.OverrideError``).

>>> import datetime as dt, hcc
>>> hcc.vietnam_calendar().add_working_days(dt.date(2026, 2, 13), 1)
datetime.date(2026, 2, 23)
>>> hcc.compute_deadline(dt.datetime(2026, 2, 12, 9, 0), "03 ngày làm việc").due_date
datetime.date(2026, 2, 24)
"""

import importlib
import warnings
from typing import TYPE_CHECKING, Any

from hcc._version import __version__
from hcc.errors import HccError, HccWarning, ProvisionalCalendarWarning

if TYPE_CHECKING:  # every layer loads on first use (see __getattr__ below)
    from hcc import calendar as calendar
    from hcc import deadlines as deadlines
    from hcc import documents as documents
    from hcc import dossiers as dossiers
    from hcc import fees as fees
    from hcc import importer as importer
    from hcc import procedures as procedures
    from hcc.calendar import WorkingCalendar, vietnam_calendar
    from hcc.deadlines import SlaClock, TimeLimit, compute_deadline, compute_deadlines, sla_status
    from hcc.documents import render as render_document
    from hcc.dossiers import Dossier
    from hcc.fees import get_fee_schedule, quote
    from hcc.importer import import_portal_records
    from hcc.procedures import Catalogue, default_catalogue, load_catalogue

# The layers are imported when first touched, so that ``import hcc`` costs about what importing
# pydantic does (docs/performance.md, "Import time"): ``import hcc`` loads only the errors and the
# version; ``hcc.compute_deadline``, ``from hcc import Dossier`` and ``import hcc.documents`` work
# as usual and import what they need then. Type checkers read the imports above.
_LAZY: dict[str, tuple[str, str | None]] = {
    "calendar": ("hcc.calendar", None),
    "deadlines": ("hcc.deadlines", None),
    "fees": ("hcc.fees", None),
    "procedures": ("hcc.procedures", None),
    "WorkingCalendar": ("hcc.calendar", "WorkingCalendar"),
    "vietnam_calendar": ("hcc.calendar", "vietnam_calendar"),
    "SlaClock": ("hcc.deadlines", "SlaClock"),
    "TimeLimit": ("hcc.deadlines", "TimeLimit"),
    "compute_deadline": ("hcc.deadlines", "compute_deadline"),
    "compute_deadlines": ("hcc.deadlines", "compute_deadlines"),
    "sla_status": ("hcc.deadlines", "sla_status"),
    "get_fee_schedule": ("hcc.fees", "get_fee_schedule"),
    "quote": ("hcc.fees", "quote"),
    "Catalogue": ("hcc.procedures", "Catalogue"),
    "default_catalogue": ("hcc.procedures", "default_catalogue"),
    "load_catalogue": ("hcc.procedures", "load_catalogue"),
    "documents": ("hcc.documents", None),
    "dossiers": ("hcc.dossiers", None),
    "importer": ("hcc.importer", None),
    "render_document": ("hcc.documents", "render"),
    "Dossier": ("hcc.dossiers", "Dossier"),
    "import_portal_records": ("hcc.importer", "import_portal_records"),
}

# Names that were importable from ``hcc`` until 0.x and now live only in their subpackage: each
# still resolves, with a DeprecationWarning, for one release.
_MOVED: dict[str, str] = {
    **dict.fromkeys(
        (
            "CalendarEntry",
            "CalendarOverrides",
            "DayInfo",
            "DayKind",
            "Notice",
            "OfficeHours",
            "SeasonalHours",
            "Session",
        ),
        "hcc.calendar",
    ),
    **dict.fromkeys(
        (
            "Classification",
            "ClockEvent",
            "ClockState",
            "Deadline",
            "DeadlinePolicy",
            "Extended",
            "HandedOver",
            "Received",
            "ResultReady",
            "Returned",
            "SlaStatus",
            "SupplementReceived",
            "SupplementRequested",
            "TimeUnit",
            "Withdrawn",
        ),
        "hcc.deadlines",
    ),
    **dict.fromkeys(
        (
            "CatalogueValidationError",
            "DocumentContextError",
            "DossierCodeError",
            "EventOrderError",
            "ExtensionLimitError",
            "InvalidTransitionError",
            "OutOfRangeError",
            "OverrideError",
            "TimeLimitParseError",
            "UnknownDocumentError",
            "UnknownProcedureError",
            "InvalidInputError",
            "ModelValidationError",
        ),
        "hcc.errors",
    ),
    **dict.fromkeys(
        (
            "FeeRule",
            "FeeSchedule",
            "Quote",
            "QuoteLine",
            "amount_in_words",
            "format_vnd",
            "standard_fee_schedules",
        ),
        "hcc.fees",
    ),
    **dict.fromkeys(
        (
            "CatalogueDiff",
            "CatalogueProblem",
            "CatalogueReport",
            "ChannelKind",
            "DossierCode",
            "DossierCodeAllocator",
            "Level",
            "OnlineLevel",
            "Procedure",
            "diff_catalogues",
            "validate_catalogue",
        ),
        "hcc.procedures",
    ),
    **dict.fromkeys(
        (
            "DossierEvent",
            "DossierEventKind",
            "DossierState",
            "Indicators",
            "Register",
            "RegisterBook",
            "ServiceDay",
            "indicators",
        ),
        "hcc.dossiers",
    ),
    **dict.fromkeys(("ImportInputError", "ImportReport", "RecordStatus"), "hcc.importer"),
}


def __getattr__(name: str) -> Any:
    """Load a top-layer submodule or entry point on first use (PEP 562); resolve a moved name
    with a ``DeprecationWarning``.

    >>> import hcc
    >>> hcc.documents.date_line("Nghi Lộc", hcc.calendar.as_date("2020-06-03"))
    'Nghi Lộc, ngày 03 tháng 6 năm 2020'

    Raises:
        AttributeError: ``name`` is neither an entry point, a subpackage nor a moved name.
    """
    lazy = _LAZY.get(name)
    if lazy is not None:
        module, attr = lazy
        mod = importlib.import_module(module)
        value = mod if attr is None else getattr(mod, attr)
        globals()[name] = value  # later look-ups skip this function
        return value
    home = _MOVED.get(name)
    if home is not None:
        warnings.warn(
            f"hcc.{name} is deprecated and will be removed in the next release; use {home}.{name}",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module(home), name)  # not cached: every use warns
    raise AttributeError(f"module 'hcc' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "Catalogue",
    "Dossier",
    "HccError",
    "HccWarning",
    "ProvisionalCalendarWarning",
    "SlaClock",
    "TimeLimit",
    "WorkingCalendar",
    "__version__",
    "compute_deadline",
    "compute_deadlines",
    "default_catalogue",
    "get_fee_schedule",
    "import_portal_records",
    "load_catalogue",
    "quote",
    "render_document",
    "sla_status",
    "vietnam_calendar",
]
