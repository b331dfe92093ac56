"""Dossier codes (Circular 01/2018 art. 19) and the daily serial allocator."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hcc.errors import DossierCodeError
from hcc.procedures import MAX_SERIAL, DossierCode, DossierCodeAllocator


def test_parse_and_format() -> None:
    c = DossierCode.parse("000.00.15.H38-260105-0007")
    assert (c.unit, c.received_on, c.serial) == ("000.00.15.H38", dt.date(2026, 1, 5), 7)
    assert str(c) == "000.00.15.H38-260105-0007"


@pytest.mark.parametrize(
    "bad",
    [
        "000.00.15.H38-260105-007",  # 3-digit serial
        "000.00.15.H38-260105-0000",  # serial starts at 1
        "000.00.15.H38-261305-0001",  # month 13
        "000.00.15.h38-260105-0001",  # lower case
        "00.00.15.H38-260105-0001",  # short first group
        "000.00.15.138-260105-0001",  # last group must start with a letter
        "",
    ],
)
def test_malformed_codes(bad: str) -> None:
    with pytest.raises(DossierCodeError) as info:
        DossierCode.parse(bad)
    assert isinstance(info.value, ValueError)
    assert repr(bad) in str(info.value)


@given(
    unit=st.from_regex(r"\A[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}\Z"),
    day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)),
    serial=st.integers(1, MAX_SERIAL),
)
def test_format_parse_round_trip(unit: str, day: dt.date, serial: int) -> None:
    code = DossierCode(unit=unit, received_on=day, serial=serial)
    assert DossierCode.parse(str(code)) == code


def test_allocator_daily_serials_and_seeding() -> None:
    alloc = DossierCodeAllocator("000.00.15.H38", issued=["000.00.15.H38-260105-0041"])
    assert alloc.allocate(dt.datetime(2026, 1, 5, 8, 0)).serial == 42
    assert alloc.allocate(dt.date(2026, 1, 6)).serial == 1
    # an aware UTC moment late on 5/1 is 6/1 in Vietnam
    late = dt.datetime(2026, 1, 5, 18, 0, tzinfo=dt.UTC)
    assert alloc.allocate(late).received_on == dt.date(2026, 1, 6)
    with pytest.raises(DossierCodeError):
        alloc.observe("000.00.16.H38-260105-0001")


def test_allocator_exhausted_day() -> None:
    alloc = DossierCodeAllocator("000.00.15.H38", issued=[f"000.00.15.H38-260105-{MAX_SERIAL}"])
    with pytest.raises(DossierCodeError, match="9999"):
        alloc.allocate(dt.date(2026, 1, 5))


def test_allocator_never_hands_out_a_code_twice_across_threads() -> None:
    alloc = DossierCodeAllocator("000.00.15.H38")
    out: list[str] = []
    lock = threading.Lock()

    def work() -> None:
        mine = [str(alloc.allocate(dt.date(2026, 1, 5))) for _ in range(200)]
        with lock:
            out.extend(mine)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(out) == len(set(out)) == 1600
    assert alloc.last_serial(dt.date(2026, 1, 5)) == 1600
