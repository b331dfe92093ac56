"""No global state (issue 13, point 5): reports on provisional years leave the process's warning
filters and hook alone, in any number of threads, and their warnings still arrive."""

from __future__ import annotations

import datetime as dt
import threading
import warnings
from collections.abc import Callable
from typing import Any

import pytest

from hcc import vietnam_calendar
from hcc.dossiers import (
    Dossier,
    Period,
    RegisterBook,
    circular01_indices,
    group_indicators,
    indicators,
)
from hcc.dossiers._evaluate import evaluate
from hcc.errors import ProvisionalCalendarWarning


def _dossier(n: int, *, answered: bool = False, supplement: bool = False) -> Dossier:
    d = Dossier.receive(
        code=f"000.00.01.H38-271228-{n:04d}",
        procedure_code="1.001193",
        procedure_name="Đăng ký khai sinh",
        lead_agency="UBND xã",
        applicant=f"Người {n}",
        time_limit="05 ngày làm việc",
        at=dt.datetime(2027, 12, 28, 9, 0),
    )
    if supplement:
        d = d.record("supplement_requested", "2027-12-28T10:00", reason="thiếu giấy tờ")
        d = d.record("supplement_received", "2027-12-29T10:00")
    if answered:
        d = d.record("result_ready", "2028-01-04T10:00")
    return d


def _book() -> RegisterBook:
    book = RegisterBook(2027)
    for n in range(1, 13):
        book.add(_dossier(n, answered=n % 3 == 0, supplement=n % 4 == 0))
    return book


AS_OF = dt.datetime(2028, 1, 20, 12, 0)


def _reports(book: RegisterBook) -> list[Callable[[], Any]]:
    ds = list(book)
    return [
        book.rows,
        book.to_csv,
        lambda: indicators(ds, Period.year(2027), as_of=AS_OF),
        lambda: group_indicators(ds, Period.year(2027), by="month", as_of=AS_OF),
        lambda: group_indicators(ds, Period.year(2027), by="procedure", as_of=AS_OF),
        lambda: evaluate(ds),
        lambda: circular01_indices(ds[2]),
    ]


def test_2027_is_provisional_on_the_default_calendar() -> None:
    # the premise of this module: 2027 has no official notice in the embedded data
    assert 2027 in vietnam_calendar().provisional_years


_SWAPPERS = ("catch_warnings", "simplefilter", "filterwarnings", "resetwarnings")


def _refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("a library call changed the process's warning state")


@pytest.mark.parametrize("index", range(7))
def test_reports_never_touch_the_warning_state(index: int) -> None:
    report = _reports(_book())[index]
    with warnings.catch_warnings():  # the test's own, before the functions are replaced
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        saved = {name: getattr(warnings, name) for name in _SWAPPERS}
        try:
            for name in _SWAPPERS:  # only while the report runs: pytest itself needs them
                setattr(warnings, name, _refuse)
            report()
        finally:
            for name, fn in saved.items():
                setattr(warnings, name, fn)


@pytest.mark.parametrize("index", range(7))
def test_each_report_warns_once_and_again_on_a_second_call(index: int) -> None:
    report = _reports(_book())[index]
    for _ in range(2):  # the second call reads memos: it must warn all the same
        with pytest.warns(ProvisionalCalendarWarning) as record:
            report()
        assert len(record) == 1


def test_an_official_year_does_not_warn() -> None:
    book = RegisterBook(2026)
    book.add(
        Dossier.receive(
            code="000.00.01.H38-260302-0001",
            procedure_code="1.001193",
            procedure_name="Đăng ký khai sinh",
            lead_agency="UBND xã",
            applicant="A",
            time_limit="05 ngày làm việc",
            at=dt.datetime(2026, 3, 2, 9, 0),
        )
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        book.rows()
        indicators(list(book), Period.year(2026), as_of=dt.datetime(2026, 12, 31))


def test_eight_threads_leave_the_applications_hook_and_filters_in_place() -> None:
    seen: list[tuple[type[Warning], str]] = []
    seen_lock = threading.Lock()

    def hook(message: Any, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        with seen_lock:
            seen.append((category, str(message)))

    rounds = 5
    books = [_book() for _ in range(8)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def work(book: RegisterBook) -> None:
        try:
            barrier.wait()
            for _ in range(rounds):
                for report in _reports(book):
                    report()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    with warnings.catch_warnings():  # the application's setup (restored after the test)
        warnings.resetwarnings()
        warnings.simplefilter("always")  # every warning reaches the hook
        warnings.showwarning = hook
        filters_before = list(warnings.filters)
        threads = [threading.Thread(target=work, args=(b,)) for b in books]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors, errors
        assert warnings.showwarning is hook
        assert list(warnings.filters) == filters_before
        provisional = [m for c, m in seen if c is ProvisionalCalendarWarning]
        # one warning per report call, none lost, none replaced by a recorder
        assert len(provisional) == 8 * rounds * len(_reports(books[0]))
        warnings.warn("a later warning of the application", UserWarning, stacklevel=1)
        assert seen[-1] == (UserWarning, "a later warning of the application")
