"""One error for every optional dependency: ``hcc.errors.MissingExtraError`` names the extra.

Each optional feature is called with its third-party module hidden (``sys.modules[name] = None``
makes ``import name`` raise ``ImportError``, as on a machine without the extra). The old name
``MissingDependencyError`` resolves to the same class for one release, with a warning.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable

import pytest

from hcc.errors import HccError, MissingExtraError


def _frame() -> object:
    from hcc.dossiers import Period, indicators_frame

    return indicators_frame([], Period.month(2026, 3), as_of=dt.datetime(2026, 4, 1))


def _ical() -> object:
    from hcc.calendar import vietnam_calendar

    return vietnam_calendar().to_ical(2026)


def _dask() -> object:
    import hcc.dask

    return hcc.dask.indicators(object(), ("2026-03-01", "2026-03-31"), as_of="2026-04-01")  # type: ignore[arg-type]


def _docx() -> object:
    from hcc.documents import render, sample_context

    return render("receipt", sample_context("receipt"), format="docx")


def _pdf() -> object:
    from hcc.documents import render, sample_context

    return render("receipt", sample_context("receipt"), format="pdf")


def _postgres() -> object:
    from hcc.procedures import PostgresCounterStore

    return PostgresCounterStore("host=/nonexistent dbname=hcc")


CASES: list[tuple[str, str, Callable[[], object], str]] = [
    # (hidden module, extra, call, what the message names)
    ("pandas", "pandas", _frame, "to_frame()"),
    ("icalendar", "ical", _ical, "to_ical()"),
    ("dask.dataframe", "dask", _dask, "hcc.dask"),
    ("docx", "docx", _docx, "DOCX output needs python-docx"),
    ("weasyprint", "pdf", _pdf, "PDF output needs WeasyPrint"),
    ("psycopg", "postgres", _postgres, "PostgresCounterStore needs psycopg"),
]


@pytest.mark.parametrize(("module", "extra", "call", "named"), CASES, ids=[c[1] for c in CASES])
def test_every_optional_feature_raises_the_one_error(
    monkeypatch: pytest.MonkeyPatch,
    module: str,
    extra: str,
    call: Callable[[], object],
    named: str,
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(MissingExtraError) as exc:
        call()
    err = exc.value
    assert isinstance(err, ImportError)
    assert isinstance(err, HccError)
    assert err.extra == extra
    assert f"pip install 'hcc[{extra}]'" in str(err)
    assert named in str(err)


def test_the_message_names_the_package_or_the_extra() -> None:
    plain = MissingExtraError("ical", "to_ical()")
    assert (plain.extra, plain.feature, plain.package, plain.detail) == (
        "ical",
        "to_ical()",
        None,
        "",
    )
    assert str(plain).startswith("to_ical() needs the 'ical' extra: pip install 'hcc[ical]'")
    named = MissingExtraError("pdf", "PDF output", package="WeasyPrint", detail="no Pango")
    assert str(named).startswith("PDF output needs WeasyPrint: pip install 'hcc[pdf]'")
    assert str(named).endswith("; no Pango")


def test_the_old_name_is_the_same_class_with_a_deprecation_warning() -> None:
    import hcc.errors

    with pytest.warns(DeprecationWarning, match="MissingDependencyError is deprecated"):
        old = hcc.errors.MissingDependencyError  # type: ignore[attr-defined]
    assert old is MissingExtraError
    with pytest.raises(AttributeError, match="no attribute 'NoSuchError'"):
        hcc.errors.NoSuchError  # type: ignore[attr-defined]  # noqa: B018
