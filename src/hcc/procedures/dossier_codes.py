"""Dossier codes (mã số hồ sơ), Circular 01/2018/TT-VPCP art. 19, and a daily serial allocator.

A dossier code reads ``V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX``:

* ``V1V2V3.Z1Z2.Y1Y2.MX1X2`` — the code of the receiving unit, in the four-level agency code of
  QCVN 102:2016/BTTTT (e.g. ``000.00.15.H38``): three, two, two and three upper-case letters or
  digits, the last group starting with a letter;
* ``YYMMDD`` — the date the dossier was received (Vietnam local date);
* ``XXXX`` — the serial number of the dossier among those the unit received that day, ``0001`` to
  ``9999``.

>>> code = DossierCode.parse("000.00.15.H38-260105-0007")
>>> code.unit, code.received_on, code.serial
('000.00.15.H38', datetime.date(2026, 1, 5), 7)
>>> str(code)
'000.00.15.H38-260105-0007'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from pydantic import ConfigDict, Field, field_validator

from hcc._model import HccModel
from hcc.calendar import as_date
from hcc.errors import DossierCodeError, _short_repr
from hcc.procedures.counter_stores import CounterStore, MemoryCounterStore

__all__ = ["MAX_SERIAL", "UNIT_PATTERN", "DossierCode", "DossierCodeAllocator"]

UNIT_PATTERN = r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}$"
"""The receiving unit's code, ``V1V2V3.Z1Z2.Y1Y2.MX1X2`` (anchored with ``^``/``$`` for JSON Schema
and pydantic; in Python use ``re.fullmatch``: ``re.match`` with ``$`` accepts a final newline)."""
MAX_SERIAL = 9999
"""The largest serial a unit can give in one day (four digits)."""
# fullmatch, not match with "$": "$" also matches before a final newline ("000.00.01.H38\n")
_UNIT_RE = re.compile(r"[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}")
_CODE_RE = re.compile(
    r"(?P<unit>[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2})"
    r"-(?P<date>[0-9]{6})-(?P<serial>[0-9]{4})"  # ASCII digits only: not "٢٦٠١٠٥"
)
_EXPECTED = "V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX, e.g. '000.00.15.H38-260105-0007'"


def _error(value: object, why: str) -> DossierCodeError:
    return DossierCodeError(
        f"dossier code: got {_short_repr(value)}, {why}; expected {_EXPECTED}", value=value
    )


def _check_unit(unit: str) -> str:
    if not isinstance(unit, str) or not _UNIT_RE.fullmatch(unit):
        raise _error(unit, "the receiving unit code is malformed")
    return unit


class DossierCode(HccModel):
    """A parsed dossier code; ``str()`` formats it back.

    The year is written with two digits; :meth:`parse` reads ``YY`` as ``20YY`` (the format dates
    from 2018). ``received_on`` must therefore fall in 2000-2099.

    >>> DossierCode(unit="000.00.15.H38", received_on=dt.date(2026, 3, 2), serial=12).text
    '000.00.15.H38-260302-0012'
    >>> DossierCode.parse("000.00.15.H38-260230-0001")
    Traceback (most recent call last):
    ...
    hcc.errors.DossierCodeError: dossier code: got '000.00.15.H38-260230-0001', 260230 is not a date (YYMMDD); expected ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    unit: str = Field(pattern=UNIT_PATTERN)
    received_on: dt.date
    serial: int = Field(ge=1, le=MAX_SERIAL)

    @field_validator("received_on")
    @classmethod
    def _two_digit_year(cls, v: dt.date) -> dt.date:
        if not 2000 <= v.year <= 2099:
            raise ValueError(f"received_on must be in 2000-2099 (two-digit year), got {v}")
        return v

    @classmethod
    def parse(cls, text: str) -> DossierCode:
        """Read a dossier code; :class:`hcc.errors.DossierCodeError` names what is wrong.

        Surrounding whitespace is ignored; letters must be upper case.

        >>> DossierCode.parse(" H38.04.01.X01-251231-9999 ").serial
        9999
        """
        if not isinstance(text, str):
            raise _error(text, "not a string")
        m = _CODE_RE.fullmatch(text.strip())
        if not m:
            raise _error(text, "it does not have the form of a dossier code")
        d = m.group("date")
        try:
            received = dt.date(2000 + int(d[:2]), int(d[2:4]), int(d[4:]))
        except ValueError:
            raise _error(text, f"{d} is not a date (YYMMDD)") from None
        serial = int(m.group("serial"))
        if serial < 1:
            raise _error(text, "the serial starts at 0001")
        return cls(unit=m.group("unit"), received_on=received, serial=serial)

    @property
    def text(self) -> str:
        """The formatted code (same as ``str(code)``)."""
        return f"{self.unit}-{self.received_on:%y%m%d}-{self.serial:04d}"

    def __str__(self) -> str:
        return self.text


class DossierCodeAllocator:
    """Hands out dossier codes for one receiving unit: serials 0001, 0002, ... afresh each day.

    The serials live in a :class:`~hcc.procedures.CounterStore`. Without ``store=`` they live in
    this process's memory (:class:`~hcc.procedures.MemoryCounterStore`): thread-safe, but lost
    when the process ends — **a restarted process hands out 0001 again**, and two processes of
    one unit hand out the same codes — unless it is told the codes already issued (``issued=``,
    e.g. read back from the register, or :meth:`observe`): later serials of that day start after
    the highest one seen. For durable codes give a store that outlives the process:
    :class:`~hcc.procedures.SQLiteCounterStore` (one machine, any number of processes) or
    :class:`~hcc.procedures.PostgresCounterStore` (several machines).

    Everything is checked before a serial is taken: the unit code at construction (the whole
    string: ``"000.00.01.H38\\n"`` is refused), the day at :meth:`allocate`; a refused call takes
    no serial. Days are Vietnam local dates (naive datetimes are Vietnam time). Past 9999 in a
    day, :class:`hcc.errors.DossierCodeError` is raised rather than a code reused.

    >>> alloc = DossierCodeAllocator("000.00.15.H38", issued=["000.00.15.H38-260105-0041"])
    >>> str(alloc.allocate(dt.datetime(2026, 1, 5, 9, 30)))
    '000.00.15.H38-260105-0042'
    >>> str(alloc.allocate(dt.date(2026, 1, 6)))
    '000.00.15.H38-260106-0001'
    >>> import pathlib, tempfile
    >>> from hcc.procedures import SQLiteCounterStore
    >>> store = SQLiteCounterStore(pathlib.Path(tempfile.mkdtemp()) / "serials.db")
    >>> str(DossierCodeAllocator("000.00.15.H38", store=store).allocate("2026-01-05"))
    '000.00.15.H38-260105-0001'
    >>> str(DossierCodeAllocator("000.00.15.H38", store=store).allocate("2026-01-05"))  # "restarted"
    '000.00.15.H38-260105-0002'

    Raises:
        DossierCodeError: ``unit`` is not a unit code, or an ``issued`` code is malformed or
            belongs to another unit.
    """

    def __init__(
        self,
        unit: str,
        *,
        issued: Iterable[DossierCode | str] = (),
        store: CounterStore | None = None,
    ) -> None:
        self.unit = _check_unit(unit)
        if store is not None and not isinstance(store, CounterStore):
            raise _error(store, "store must be a CounterStore (next_serial, observe, last_serial)")
        self.store: CounterStore = store if store is not None else MemoryCounterStore()
        for code in issued:
            self.observe(code)

    def __repr__(self) -> str:
        return f"<DossierCodeAllocator {self.unit} store={self.store!r}>"

    def observe(self, code: DossierCode | str) -> None:
        """Record a code issued elsewhere, so this allocator never hands it (or a lower serial) out.

        A code of another unit raises :class:`hcc.errors.DossierCodeError`.

        >>> alloc = DossierCodeAllocator("000.00.15.H38")
        >>> alloc.observe("000.00.15.H38-260105-0003")
        >>> alloc.last_serial(dt.date(2026, 1, 5))
        3
        """
        c = code if isinstance(code, DossierCode) else DossierCode.parse(code)
        if c.unit != self.unit:
            raise _error(str(c), f"it belongs to unit {c.unit}, not {self.unit}")
        self.store.observe(self.unit, c.received_on, c.serial)

    def last_serial(self, day: dt.date | dt.datetime | str) -> int:
        """The highest serial handed out or observed for ``day`` (0 if none).

        >>> DossierCodeAllocator("000.00.15.H38").last_serial("2026-01-05")
        0
        """
        d = as_date(day, "day")
        return self.store.last_serial(self.unit, d)

    def _day(self, received_at: dt.date | dt.datetime | str) -> dt.date:
        d = as_date(received_at, "received_at")
        if not 2000 <= d.year <= 2099:
            raise _error(str(d), "the date must be in 2000-2099 (two-digit year)")
        return d

    def draft(self, received_at: dt.date | dt.datetime | str) -> DossierCode:
        """A stand-in code for ``received_at`` (serial 0001), checked as :meth:`allocate` would
        check it but taking no serial: to validate a dossier before it takes a real code.

        >>> alloc = DossierCodeAllocator("000.00.15.H38")
        >>> str(alloc.draft("2026-01-05")), alloc.last_serial("2026-01-05")
        ('000.00.15.H38-260105-0001', 0)
        """
        return DossierCode(unit=self.unit, received_on=self._day(received_at), serial=1)

    def allocate(self, received_at: dt.date | dt.datetime | str) -> DossierCode:
        """The next code for a dossier received at ``received_at`` (its Vietnam-local date counts).

        The day is checked first; a serial is taken only when a code will be returned.

        >>> alloc = DossierCodeAllocator("000.00.15.H38")
        >>> [c.serial for c in (alloc.allocate("2026-01-05"), alloc.allocate("2026-01-05"))]
        [1, 2]

        Raises:
            DossierCodeError: the day is outside 2000-2099, or its 9999 serials are used.
            InvalidInputError: ``received_at`` is not a date, datetime or ISO string.
            CounterStoreError: the store cannot allocate (no serial is taken).
        """
        d = self._day(received_at)
        serial = self.store.next_serial(self.unit, d, MAX_SERIAL)
        if serial is None:
            raise _error(f"{self.unit}-{d:%y%m%d}-?", f"all {MAX_SERIAL} serials of {d} are used")
        return DossierCode.model_construct(unit=self.unit, received_on=d, serial=serial)
