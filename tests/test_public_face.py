"""The public face of ``hcc``: a short list of entry points, and the old names kept for one release.

Until this release ``hcc`` re-exported 89 names. The names below, the old ``__all__`` minus the
entry points that stay, must still resolve from ``hcc`` (so that programs written against the old
face keep working for one release), each with a ``DeprecationWarning`` that names its new home.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import warnings

import pytest

import hcc

# The entry points of hcc (issue 17): calendar, deadline, catalogue, quote, import, document and
# dossier entry points, the base error and the warnings.
ENTRY_POINTS = {
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
}

# Every name hcc.__all__ listed before this release that is not an entry point any more, and the
# module it now lives in (written by hand from the old hcc/__init__.py).
MOVED = {
    "CalendarEntry": "hcc.calendar",
    "CalendarOverrides": "hcc.calendar",
    "DayInfo": "hcc.calendar",
    "DayKind": "hcc.calendar",
    "Notice": "hcc.calendar",
    "OfficeHours": "hcc.calendar",
    "SeasonalHours": "hcc.calendar",
    "Session": "hcc.calendar",
    "Classification": "hcc.deadlines",
    "ClockEvent": "hcc.deadlines",
    "ClockState": "hcc.deadlines",
    "Deadline": "hcc.deadlines",
    "DeadlinePolicy": "hcc.deadlines",
    "Extended": "hcc.deadlines",
    "HandedOver": "hcc.deadlines",
    "Received": "hcc.deadlines",
    "ResultReady": "hcc.deadlines",
    "Returned": "hcc.deadlines",
    "SlaStatus": "hcc.deadlines",
    "SupplementReceived": "hcc.deadlines",
    "SupplementRequested": "hcc.deadlines",
    "TimeUnit": "hcc.deadlines",
    "Withdrawn": "hcc.deadlines",
    "CatalogueValidationError": "hcc.errors",
    "DocumentContextError": "hcc.errors",
    "DossierCodeError": "hcc.errors",
    "EventOrderError": "hcc.errors",
    "ExtensionLimitError": "hcc.errors",
    "InvalidTransitionError": "hcc.errors",
    "OutOfRangeError": "hcc.errors",
    "OverrideError": "hcc.errors",
    "TimeLimitParseError": "hcc.errors",
    "UnknownDocumentError": "hcc.errors",
    "UnknownProcedureError": "hcc.errors",
    "ImportInputError": "hcc.importer",
    "FeeRule": "hcc.fees",
    "FeeSchedule": "hcc.fees",
    "Quote": "hcc.fees",
    "QuoteLine": "hcc.fees",
    "amount_in_words": "hcc.fees",
    "format_vnd": "hcc.fees",
    "standard_fee_schedules": "hcc.fees",
    "CatalogueDiff": "hcc.procedures",
    "CatalogueProblem": "hcc.procedures",
    "CatalogueReport": "hcc.procedures",
    "ChannelKind": "hcc.procedures",
    "DossierCode": "hcc.procedures",
    "DossierCodeAllocator": "hcc.procedures",
    "Level": "hcc.procedures",
    "OnlineLevel": "hcc.procedures",
    "Procedure": "hcc.procedures",
    "diff_catalogues": "hcc.procedures",
    "validate_catalogue": "hcc.procedures",
    "DossierEvent": "hcc.dossiers",
    "DossierEventKind": "hcc.dossiers",
    "DossierState": "hcc.dossiers",
    "Indicators": "hcc.dossiers",
    "Register": "hcc.dossiers",
    "RegisterBook": "hcc.dossiers",
    "ServiceDay": "hcc.dossiers",
    "indicators": "hcc.dossiers",
    "ImportReport": "hcc.importer",
    "RecordStatus": "hcc.importer",
}

SUBPACKAGES = ("calendar", "deadlines", "documents", "dossiers", "errors", "fees", "importer")
SUBPACKAGES += ("procedures",)


def test_the_public_face_is_small_sorted_and_exactly_the_entry_points() -> None:
    assert len(hcc.__all__) <= 25
    assert hcc.__all__ == sorted(hcc.__all__)
    assert set(hcc.__all__) == ENTRY_POINTS


def test_entry_points_resolve_without_a_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name in hcc.__all__:
            assert getattr(hcc, name) is not None
        for name in SUBPACKAGES:
            assert getattr(hcc, name) is importlib.import_module(f"hcc.{name}")
    assert hcc.render_document is importlib.import_module("hcc.documents").render


@pytest.mark.parametrize(("name", "home"), sorted(MOVED.items()))
def test_a_moved_name_still_works_with_a_deprecation_warning(name: str, home: str) -> None:
    new = getattr(importlib.import_module(home), name)
    with pytest.warns(DeprecationWarning, match=rf"hcc\.{name} is deprecated.*use {home}\.{name}"):
        old = getattr(hcc, name)
    assert old is new
    assert name not in hcc.__all__


def test_every_use_of_a_moved_name_warns_not_only_the_first() -> None:
    for _ in range(2):
        with pytest.warns(DeprecationWarning, match="use hcc.fees.Quote"):
            from hcc import Quote  # noqa: F401


def test_the_warning_points_at_the_caller() -> None:
    with pytest.warns(DeprecationWarning, match="OverrideError") as record:
        hcc.OverrideError  # noqa: B018
    assert record[0].filename == __file__


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Nonesuch'"):
        hcc.Nonesuch  # noqa: B018
    with pytest.raises(ImportError):
        from hcc import Nonesuch  # type: ignore[attr-defined]  # noqa: F401


def test_star_import_gives_the_entry_points_only() -> None:
    namespace: dict[str, object] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        exec("from hcc import *", namespace)
    assert set(namespace) - {"__builtins__"} == ENTRY_POINTS


def test_old_face_in_a_fresh_interpreter_warns_once_per_use() -> None:
    code = (
        "import warnings; warnings.simplefilter('always')\n"
        "with warnings.catch_warnings(record=True) as w:\n"
        "    import hcc\n"
        "    hcc.vietnam_calendar; hcc.Quote; hcc.Quote\n"
        "print(sum(issubclass(x.category, DeprecationWarning) for x in w))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "2"
