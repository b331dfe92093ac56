"""The register of dossiers (sổ theo dõi hồ sơ, Circular 01/2018/TT-VPCP form 06).

One [`RegisterBook`][RegisterBook] per year: entries numbered from 01 in the order dossiers are added,
one row per dossier with the columns of form 06, closed at the end of the year. A
[`Register`][Register] keeps the books of one receiving unit and files each dossier in the book of
its (Vietnam-local) receipt year.

A closed book takes no new entries ([`RegisterClosedError`][RegisterClosedError]); its entries still follow
their dossiers (a December dossier returned in January is completed in the old book). By
default the first dossier received in a new year closes the books of earlier years
(``auto_close=True``), so a late entry for an earlier year is an error rather than a silent
renumbering; close a book explicitly with [`Register.close`][Register.close].

The form 06 columns (REFERENCE §6; the column set is **unconfirmed** against the gazetted
form): number, dossier code, procedure, number of sets, applicant, address, phone, lead agency,
receipt, appointment, transfer to the settling agency, result received from it, result returned,
signature (left blank), note.

>>> import datetime as dt
>>> from hcc.dossiers.dossier import Dossier, DossierData
>>> reg = Register(unit="UBND xã Tân Lập")
>>> d = Dossier.receive(code="000.00.01.H38-260302-0001", procedure_code="2.000815",
...     procedure_name="Chứng thực bản sao từ bản chính", lead_agency="UBND xã Tân Lập",
...     applicant="Nguyễn Văn A", time_limit="Trong ngày", at=dt.datetime(2026, 3, 2, 8, 15))
>>> reg.add(d)
RegisterEntryRef(year=2026, number=1)
>>> reg.record("000.00.01.H38-260302-0001", "result_ready", dt.datetime(2026, 3, 2, 9)).state.value
'result_ready'
>>> row = reg.book(2026).rows()[0]
>>> row.number_text, row.code, row.appointment.isoformat()
('01', '000.00.01.H38-260302-0001', '2026-03-02T17:00:00+07:00')
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from hcc._text import name_text
from hcc.calendar import InvalidInputError, WorkingCalendar, as_vn_datetime
from hcc.dossiers._evaluate import (
    M_APPOINTMENT,
    M_DUE,
    M_PROVISIONAL,
    Memo,
    memos,
    warn_provisional,
)
from hcc.dossiers.dossier import Dossier, DossierData
from hcc.dossiers.events import DossierEvent, EventKind
from hcc.dossiers.states import DossierState
from hcc.errors import (
    DuplicateEntryError,
    EventOrderError,
    RegisterClosedError,
    RegisterError,
    UnknownEntryError,
)
from hcc.procedures.dossier_codes import DossierCode

if TYPE_CHECKING:
    import pandas as pd

    from hcc.deadlines import DeadlinePolicy
    from hcc.documents import Office, RegisterContext, RegisterRow
    from hcc.dossiers.indicators import Period

__all__ = [
    "CSV_COLUMNS",
    "DuplicateEntryError",
    "Register",
    "RegisterBook",
    "RegisterClosedError",
    "RegisterEntry",
    "RegisterEntryRef",
    "RegisterError",
    "UnknownEntryError",
    "formula_safe_cell",
    "register_frame",
]


class RegisterEntryRef(NamedTuple):
    """Where a dossier is filed: the book's year and the entry number (from 1).

    >>> RegisterEntryRef(2026, 1)
    RegisterEntryRef(year=2026, number=1)
    """

    year: int
    number: int


class RegisterEntry(NamedTuple):
    """One row of form 06 (sổ theo dõi hồ sơ), derived from a dossier's log.

    A named tuple rather than a pydantic model: a book makes one per dossier on every report
    (100,000 a year) from values already validated; ``hcc.documents.RegisterRow`` validates a
    row when it is printed.

    Moments are aware datetimes in Vietnam time; a column whose event has not happened is None.
    ``appointment`` is the original appointment on the receipt slip; a new appointment after an
    apology is in ``new_appointment`` and in the note. ``transferred_at``/``transferred_to`` are
    the first hand-over to another agency; ``result_received_at`` is when the answer (a result or
    a refusal) reached the one-stop counter; ``returned_at`` when it was handed to the applicant
    (at the counter, by post, or at home).

    >>> RegisterEntry._fields[:4]
    ('year', 'number', 'code', 'procedure_code')
    """

    year: int
    number: int
    code: str
    procedure_code: str
    procedure: str
    sets: int
    applicant: str
    address: str | None
    phone: str | None
    lead_agency: str
    received_at: dt.datetime
    appointment: dt.datetime
    new_appointment: dt.datetime | None
    transferred_at: dt.datetime | None
    transferred_to: str | None
    result_received_at: dt.datetime | None
    returned_at: dt.datetime | None
    returned_via: EventKind | None
    state: str
    note: str | None

    @property
    def number_text(self) -> str:
        """The entry number as the book writes it: two digits at least ("01", "12", "105")."""
        return f"{self.number:02d}"


def _note(d: Dossier, new_due: dt.datetime | None) -> str | None:
    f = d._f
    parts: list[str] = []
    if d.note:
        parts.append(d.note)
    if f.supplements:
        parts.append(f"Yêu cầu bổ sung hồ sơ {len(f.supplements)} lần")
    if new_due is not None:
        parts.append(f"Hẹn lại ngày trả kết quả: {new_due:%H:%M %d/%m/%Y}")
    if f.settled_by is EventKind.REFUSED:
        reason = next(e.reason for e in reversed(d.events) if e.kind is EventKind.REFUSED)
        parts.append("Từ chối giải quyết" + (f": {reason}" if reason else ""))
    if f.withdrawn_at is not None:
        reason = next(e.reason for e in reversed(d.events) if e.kind is EventKind.WITHDRAWN)
        parts.append("Rút hồ sơ" + (f": {reason}" if reason else ""))
    if f.stopped_at is not None:
        reason = next(e.reason for e in reversed(d.events) if e.kind is EventKind.STOPPED)
        parts.append("Dừng giải quyết hồ sơ" + (f": {reason}" if reason else ""))
    if f.returned_via is EventKind.POSTED:
        parts.append("Trả kết quả qua dịch vụ bưu chính công ích")
    elif f.returned_via is EventKind.DELIVERED:
        parts.append("Trả kết quả tại nhà")
    return "; ".join(parts) or None


_REFUSED, _POSTED, _DELIVERED = EventKind.REFUSED, EventKind.POSTED, EventKind.DELIVERED
_new_entry = _new_ref = tuple.__new__


def _entry(d: Dossier, memo: Memo, year: int, number: int) -> RegisterEntry:
    f = d._facts
    r = d._record  # its fields read directly: a property call per column adds up over a year
    appointment = memo[M_APPOINTMENT]
    due = memo[M_DUE]
    new_due = due if due is not None and due != appointment else None
    step = f.steps[0] if f.steps else None
    via = f.returned_via
    plain = (
        new_due is None
        and not f.supplements
        and f.settled_by is not _REFUSED
        and f.withdrawn_at is None
        and f.stopped_at is None
        and via is not _POSTED
        and via is not _DELIVERED
    )
    # tuple.__new__ directly: RegisterEntry(...) is a Python-level __new__ (100,000 rows a report)
    return _new_entry(
        RegisterEntry,
        (
            year,
            number,
            d.code_text,
            r.procedure_code,
            r.procedure_name,
            r.sets,
            r.applicant,
            r.address,
            r.phone,
            r.lead_agency,
            f.received_at,
            appointment,
            new_due,
            step.sent_at if step else None,
            step.agency if step else None,
            f.settled_at,
            f.returned_at,
            via,
            f.state._value_,
            r.note if plain else _note(d, new_due),
        ),
    )


CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("number", "Số thứ tự"),
    ("code", "Mã hồ sơ"),
    ("procedure", "Tên thủ tục hành chính"),
    ("sets", "Số lượng hồ sơ (bộ)"),
    ("applicant", "Tên cá nhân, tổ chức"),
    ("address", "Địa chỉ"),
    ("phone", "Số điện thoại"),
    ("lead_agency", "Cơ quan chủ trì giải quyết"),
    ("received_at", "Nhận hồ sơ"),
    ("appointment", "Hẹn trả kết quả"),
    ("transferred_at", "Chuyển hồ sơ đến cơ quan giải quyết"),
    ("result_received_at", "Nhận kết quả từ cơ quan giải quyết"),
    ("returned_at", "Trả kết quả cho cá nhân, tổ chức"),
    ("signature", "Ký nhận"),
    ("note", "Ghi chú"),
)
"""(field, Vietnamese header) of each CSV column, in form 06 order (columns unconfirmed)."""

MomentStyle = Literal["iso", "vn"]

_FORMULA_TRIGGERS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
"""First characters that make a spreadsheet read a cell as a formula: ``= + - @`` (OWASP) and
their full-width forms, which East Asian spreadsheet input converts to them."""


_RISKY = _FORMULA_TRIGGERS | {"\t", "\r"}
"""First characters that may need the quote (with whitespace: [`formula_safe_cell`][formula_safe_cell] decides)."""


def formula_safe_cell(text: str) -> str:
    r"""``text`` made safe for a spreadsheet cell: a single quote is put before a formula.

    OWASP's advice for CSV injection: a cell whose first character is ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return is prefixed with ``'``, so Excel, LibreOffice and Google
    Sheets show it as text instead of running ``=HYPERLINK(...)``, ``+cmd|...`` or ``@SUM(...)``.
    hcc also looks past leading whitespace (``" =1+1"``, ``"\n@SUM(A1)"``) and counts the
    full-width ``＝ ＋ － ＠``. Other text is returned unchanged. A text that reads as a negative
    number (``"-5"``) is prefixed too: in a text column it is text; numbers are written by the
    export itself, never through this function.

    >>> formula_safe_cell('=HYPERLINK("http://x.example","Bấm vào đây")')
    '\'=HYPERLINK("http://x.example","Bấm vào đây")'
    >>> formula_safe_cell("Nguyễn Văn An"), formula_safe_cell("\t=1+1"), formula_safe_cell("")
    ('Nguyễn Văn An', "'\t=1+1", '')

    Raises:
        TypeError: ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise InvalidInputError("text", text, "str")
    if not text:
        return text
    first = text[0]
    if first in "\t\r":
        return "'" + text
    stripped = text.lstrip()
    if stripped and stripped[0] in _FORMULA_TRIGGERS:
        return "'" + text
    return text


def _moment_text(m: dt.datetime | None, style: MomentStyle) -> str:
    """A moment as the CSV writes it (the reference for [`_moment_texts`][_moment_texts])."""
    if m is None:
        return ""
    return m.isoformat(timespec="minutes") if style == "iso" else f"{m:%H:%M %d/%m/%Y}"


_CLOCK_TEXT = tuple(f"{h:02d}:{m:02d}" for h in range(24) for m in range(60))


_Texts = Callable[[dt.datetime | None], str]


def _moment_texts(style: MomentStyle) -> _Texts:
    """[`_moment_text`][_moment_text] for a whole book, the same text character for character: the date
    and offset parts are formatted once per distinct date and offset (a book of 100,000 rows has
    a few hundred of each) and the clock part is looked up."""
    dates: dict[dt.date, str] = {}
    offsets: dict[dt.timedelta | None, str] = {}
    iso = style == "iso"

    def text(m: dt.datetime | None) -> str:
        if m is None:
            return ""
        day = m.date()
        date_text = dates.get(day)
        if date_text is None:
            date_text = dates[day] = day.isoformat() if iso else f"{day:%d/%m/%Y}"
        clock = _CLOCK_TEXT[m.hour * 60 + m.minute]
        if not iso:
            return f"{clock} {date_text}"  # "HH:MM DD/MM/YYYY"
        offset = m.utcoffset()
        tail = offsets.get(offset)
        if tail is None:  # "+07:00": what isoformat writes after "YYYY-MM-DDTHH:MM"
            tail = offsets[offset] = m.isoformat(timespec="minutes")[16:]
        return f"{date_text}T{clock}{tail}"

    return text


def period_year(period: Period | tuple[object, object] | None) -> int:
    """The year of the first day of ``period``."""
    span = _span(period)
    assert span is not None
    return span[0].year


def _span(period: Period | tuple[object, object] | None) -> tuple[dt.datetime, dt.datetime] | None:
    """``[start_at, end_at)`` of ``period`` (None: no filter)."""
    if period is None:
        return None
    from hcc.dossiers.indicators import Period  # imported on use: indicators is a sibling

    if isinstance(period, Period):
        p = period
    elif isinstance(period, tuple) and len(period) == 2:
        try:
            p = Period.model_validate({"start": period[0], "end": period[1]})
        except ValueError:
            raise InvalidInputError(
                "period", period, "a Period or a (start, end) pair of dates, start <= end"
            ) from None
    else:
        raise InvalidInputError("period", period, "a Period or a (start, end) pair of dates")
    return p.start_at, p.end_at


_MOMENT_FIELDS = frozenset(
    {
        "received_at",
        "appointment",
        "new_appointment",
        "transferred_at",
        "result_received_at",
        "returned_at",
    }
)


def register_frame(rows: Iterable[RegisterEntry]) -> pd.DataFrame:
    """Register rows as a pandas DataFrame (the ``pandas`` extra), one column per field.

    Moments (``received_at``, ``appointment``, ``new_appointment``, ``transferred_at``,
    ``result_received_at``, ``returned_at``) are ``datetime64[ns, Asia/Ho_Chi_Minh]`` (NaT when
    the event has not happened); ``state`` is a category over every [`DossierState`][DossierState],
    ``returned_via`` one over the ways a result is handed over; ``year``, ``number`` and
    ``sets`` are ``int64``; the rest is text (``object``: ``str`` or ``None``).

    Raises:
        hcc.errors.MissingExtraError: pandas is not installed.
        hcc.errors.InvalidInputError: ``rows`` is not an iterable of [`RegisterEntry`][RegisterEntry].

    >>> f = register_frame([])
    >>> str(f.dtypes["received_at"]), list(f["state"].cat.categories)[:3]
    ('datetime64[ns, Asia/Ho_Chi_Minh]', ['new', 'processing', 'awaiting_supplement'])
    """
    from hcc._frames import categories, frame, moments, require_pandas

    pd = require_pandas()
    if isinstance(rows, (str, bytes, Mapping)) or not isinstance(rows, Iterable):
        raise InvalidInputError("rows", rows, "an iterable of RegisterEntry rows")
    rows = list(rows)
    for k, r in enumerate(rows):
        if not isinstance(r, RegisterEntry):
            raise InvalidInputError(f"rows[{k}]", r, "a RegisterEntry (from Register.rows())")
    columns: dict[str, Any] = {}
    for i, name in enumerate(RegisterEntry._fields):
        values: list[Any] = [r[i] for r in rows]
        if name in _MOMENT_FIELDS:
            columns[name] = moments(values)
        elif name == "state":
            columns[name] = categories(values, [s.value for s in DossierState])
        elif name == "returned_via":
            columns[name] = categories(
                [v.value if v is not None else None for v in values],
                [EventKind.RETURNED.value, EventKind.POSTED.value, EventKind.DELIVERED.value],
            )
        elif name in ("year", "number", "sets"):
            columns[name] = pd.Series(values, dtype="int64")
        else:
            columns[name] = pd.Series(values, dtype=object)
    return frame(columns)


class RegisterBook:
    """The register book of one year: entries numbered from 1 (written "01") in order of adding.

    Not built directly in most code: [`Register`][Register] opens one per year. A book holds the
    latest known version of each dossier ([`update`][update] replaces it with a longer log). Adding
    is O(1); [`rows`][rows] derives each row from its dossier.

    >>> book = RegisterBook(2026)
    >>> book.year, len(book), book.closed_at is None
    (2026, 0, True)

    Raises:
        InvalidInputError: ``year`` is not a year from 2000 to 2099.
    """

    __slots__ = ("_by_code", "_closed_at", "_dossiers", "_lock", "unit", "year")

    def __init__(self, year: int, *, unit: str | None = None) -> None:
        if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2099:
            raise InvalidInputError("year", year, "a year from 2000 to 2099")
        self.year = year
        if unit is not None and not isinstance(unit, str):
            raise InvalidInputError("unit", unit, "None or the receiving unit's name (str)")
        self.unit = name_text(unit) or None if unit else None
        self._dossiers: list[Dossier] = []
        self._by_code: dict[str, int] = {}
        self._closed_at: dt.datetime | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        state = f"closed {self._closed_at.isoformat()}" if self._closed_at else "open"
        return f"<RegisterBook {self.year}: {len(self._dossiers)} entries, {state}>"

    def __len__(self) -> int:
        return len(self._dossiers)

    def __iter__(self) -> Iterator[Dossier]:
        """The dossiers in entry order."""
        return iter(list(self._dossiers))

    def __contains__(self, code: object) -> bool:
        return str(code) in self._by_code

    @property
    def closed_at(self) -> dt.datetime | None:
        """When the book was closed (None while open)."""
        return self._closed_at

    @property
    def is_closed(self) -> bool:
        """Whether the book takes no new entries."""
        return self._closed_at is not None

    def add(self, dossier: Dossier) -> RegisterEntryRef:
        """File ``dossier`` as the next entry; returns its year and number.

        Raises [`RegisterError`][RegisterError] for a dossier received in another year,
        [`RegisterClosedError`][RegisterClosedError] when the book is closed and [`DuplicateEntryError`][DuplicateEntryError]
        for a code already filed.

        >>> book = RegisterBook(2026)
        >>> d = Dossier.receive(code="000.00.01.H38-260302-0004", procedure_code="2.000815",
        ...     procedure_name="Chứng thực", lead_agency="UBND xã", applicant="A", time_limit="Trong ngày",
        ...     at=dt.datetime(2026, 3, 2, 9))
        >>> book.add(d), book.number_of("000.00.01.H38-260302-0004")
        (RegisterEntryRef(year=2026, number=1), 1)

        Raises:
            InvalidInputError: ``dossier`` is not a [`Dossier`][hcc.dossiers.Dossier].
            RegisterError: the dossier was received in another year.
            RegisterClosedError: the book is closed.
            DuplicateEntryError: the dossier is already entered.
        """
        if not isinstance(dossier, Dossier):
            raise InvalidInputError("dossier", dossier, "a hcc.Dossier")
        code = dossier.code_text
        year = dossier.received_at.year
        if year != self.year:
            raise RegisterError(
                f"dossier {code!r} was received in {year}; it belongs in the book of {year}, "
                f"not of {self.year}"
            )
        with self._lock:
            if self._closed_at is not None:
                raise RegisterClosedError(self.year, code, self._closed_at)
            if code in self._by_code:
                raise DuplicateEntryError(self.year, code, self._by_code[code] + 1)
            self._by_code[code] = len(self._dossiers)
            self._dossiers.append(dossier)
            return RegisterEntryRef(self.year, len(self._dossiers))

    def update(self, dossier: Dossier) -> RegisterEntryRef:
        """Replace the filed version of ``dossier`` with a newer one whose log extends it.

        The log is append-only: the new log must start with every event of the filed one and
        the identity fields must not change ([`hcc.errors.EventOrderError`][hcc.errors.EventOrderError] otherwise).
        Closed books accept updates: an entry follows its dossier to the end.

        Raises:
            UnknownEntryError: the book does not hold the dossier's code.
        """
        code = dossier.code_text
        with self._lock:
            i = self._by_code.get(code)
            if i is None:
                raise UnknownEntryError(code)
            old = self._dossiers[i]
            _check_extends(old, dossier)
            self._dossiers[i] = dossier
            return RegisterEntryRef(self.year, i + 1)

    def get(self, code: DossierCode | str) -> Dossier:
        """The filed dossier with ``code`` ([`UnknownEntryError`][UnknownEntryError] if none).

        Raises:
            UnknownEntryError: the book does not hold ``code``.
        """
        i = self._by_code.get(str(code))
        if i is None:
            raise UnknownEntryError(str(code))
        return self._dossiers[i]

    def number_of(self, code: DossierCode | str) -> int:
        """The entry number (from 1) of ``code``.

        Raises:
            UnknownEntryError: the book does not hold ``code``.
        """
        i = self._by_code.get(str(code))
        if i is None:
            raise UnknownEntryError(str(code))
        return i + 1

    def close(self, at: dt.datetime | str) -> None:
        """Close the book at ``at``, which must be on or after 31 December of its year.

        Closing twice keeps the first moment.

        >>> book = RegisterBook(2026)
        >>> book.close(dt.datetime(2026, 6, 1))
        Traceback (most recent call last):
        ...
        hcc.errors.RegisterError: the book of 2026 can be closed from 2026-12-31 on, not at 2026-06-01T00:00:00+07:00

        Raises:
            RegisterError: ``at`` is before 31 December of the book's year.
        """
        m = as_vn_datetime(at, "at")
        if m.date() < dt.date(self.year, 12, 31):
            raise RegisterError(
                f"the book of {self.year} can be closed from {self.year}-12-31 on, "
                f"not at {m.isoformat()}"
            )
        with self._lock:
            if self._closed_at is None:
                self._closed_at = m

    def rows(
        self,
        *,
        as_of: dt.datetime | str | None = None,
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
        period: Period | tuple[object, object] | None = None,
    ) -> list[RegisterEntry]:
        """The rows of the book in entry order, as known at ``as_of`` (every event when None).

        ``period`` (a [`hcc.dossiers.Period`][hcc.dossiers.Period] or a ``(start, end)`` pair of dates, both
        included) keeps the dossiers *received* in it, e.g. a month's rows; their numbers are
        those of the book. Dossiers received after ``as_of`` are left out (their numbers stay reserved). The
        appointment is the receipt slip's; a later due (reset or paused by a supplement, or a new
        appointment) is ``new_appointment``. Warns once if a deadline rests on a provisional year.

        >>> book = RegisterBook(2026)
        >>> _ = book.add(Dossier.receive(code="000.00.01.H38-260302-0005", procedure_code="2.000815",
        ...     procedure_name="Chứng thực", lead_agency="UBND xã", applicant="A", time_limit="Trong ngày",
        ...     at=dt.datetime(2026, 3, 2, 16)))
        >>> book.rows()[0].appointment.isoformat()    # after 15:00: the next working day
        '2026-03-03T17:00:00+07:00'
        """
        cut = None if as_of is None else as_vn_datetime(as_of, "as_of")
        span = _span(period)
        numbers: list[int] = []
        views: list[Dossier] = []
        for i, d in enumerate(list(self._dossiers), start=1):
            if span is not None and not span[0] <= d.received_at < span[1]:
                continue
            view = d if cut is None else d.as_of(cut)
            if view is not None:
                numbers.append(i)
                views.append(view)
        ms = memos(views, calendar=calendar, policy=policy)  # never warns: flags, no global state
        if any(m[M_PROVISIONAL] for m in ms):
            warn_provisional(f"the register of {self.year}")
        year = self.year
        return [_entry(d, m, year, n) for d, m, n in zip(views, ms, numbers, strict=True)]

    def to_csv(
        self,
        file: io.TextIOBase | None = None,
        *,
        as_of: dt.datetime | str | None = None,
        moments: MomentStyle = "iso",
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
        period: Period | tuple[object, object] | None = None,
        formula_safe: bool = True,
    ) -> str:
        """Write the book as CSV (UTF-8 text, a header row of form 06 column names).

        ``period`` keeps the dossiers received in it (see [`rows`][rows]). Moments are ISO 8601 to the minute with the offset (``moments="iso"``) or
        ``"HH:MM DD/MM/YYYY"`` (``"vn"``); the signature column is empty. Returns the text (and
        writes it to ``file`` when given).

        Text cells are formula-safe by default: an applicant named ``=HYPERLINK(...)`` is
        written ``'=HYPERLINK(...)`` (see [`formula_safe_cell`][formula_safe_cell]), so opening the file in a
        spreadsheet runs nothing. The number columns (``Số thứ tự``, ``Số lượng hồ sơ``) are
        written as numbers and never prefixed. ``formula_safe=False`` writes every cell as it is
        (for a program that reads the CSV, never for a person's spreadsheet).

        >>> book = RegisterBook(2026)
        >>> book.to_csv().splitlines()[0].split(",")[:3]
        ['Số thứ tự', 'Mã hồ sơ', 'Tên thủ tục hành chính']

        Raises:
            InvalidInputError: ``moments`` is not 'iso' or 'vn', or ``formula_safe`` is not a bool.
        """
        if moments not in ("iso", "vn"):
            raise InvalidInputError("moments", moments, "'iso' or 'vn'")
        if not isinstance(formula_safe, bool):
            raise InvalidInputError("formula_safe", formula_safe, "True or False")
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow([h for _, h in CSV_COLUMNS])
        fmt = _moment_texts(moments)
        entries = self.rows(as_of=as_of, calendar=calendar, policy=policy, period=period)
        rows: Iterable[list[str]] = (_csv_row(r, fmt) for r in entries)
        if formula_safe:
            rows = map(_neutralise_row, rows)
        w.writerows(rows)
        text = buf.getvalue()
        if file is not None:
            file.write(text)
        return text

    def to_frame(
        self,
        *,
        as_of: dt.datetime | str | None = None,
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
        period: Period | tuple[object, object] | None = None,
    ) -> pd.DataFrame:
        """[`rows`][rows] as a pandas DataFrame, one row per entry (the ``pandas`` extra).

        One column per [`RegisterEntry`][RegisterEntry] field, typed (see [`register_frame`][register_frame]).

        Raises:
            hcc.errors.MissingExtraError: pandas is not installed.

        >>> book = RegisterBook(2026)
        >>> book.to_frame().columns[:4].tolist()
        ['year', 'number', 'code', 'procedure_code']
        """
        return register_frame(
            self.rows(as_of=as_of, calendar=calendar, policy=policy, period=period)
        )

    def register_rows(
        self,
        *,
        as_of: dt.datetime | str | None = None,
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
    ) -> list[RegisterRow]:
        """[`rows`][rows] as [`hcc.documents.RegisterRow`][hcc.documents.RegisterRow] context rows (for form 06).

        >>> RegisterBook(2026).register_rows()
        []
        """
        from hcc.documents import RegisterRow

        return [
            RegisterRow.model_validate(r)
            for r in self.rows(as_of=as_of, calendar=calendar, policy=policy)
        ]

    def document_context(
        self,
        office: Office | Mapping[str, Any],
        *,
        book: str = "01",
        as_of: dt.datetime | str | None = None,
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
    ) -> RegisterContext:
        """The [`hcc.documents.RegisterContext`][hcc.documents.RegisterContext] of this book (``book`` is its number)."""
        from hcc.documents import RegisterContext

        return RegisterContext.model_validate(
            {
                "office": office,
                "year": self.year,
                "book": book,
                "rows": self.register_rows(as_of=as_of, calendar=calendar, policy=policy),
            }
        )

    def to_document(
        self,
        office: Office | Mapping[str, Any],
        *,
        format: str = "text",
        form_set: str | None = None,
        book: str = "01",
        as_of: dt.datetime | str | None = None,
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
    ) -> str | bytes:
        """The form 06 document of this book, through ``hcc.documents.render("register", ...)``.

        ``format`` is ``"text"``, ``"html"`` (str) or ``"docx"`` (bytes); ``form_set`` the
        versioned form set (default: the one in force at the end of the book's year,
        [`hcc.documents.form_set_in_force`][hcc.documents.form_set_in_force]: Circular 03/2025 for 2025 books and later).

        >>> book = RegisterBook(2026)
        >>> _ = book.add(Dossier.receive(code="000.00.01.H38-260302-0006", procedure_code="2.000815",
        ...     procedure_name="Chứng thực bản sao từ bản chính", lead_agency="UBND xã Tân Lập",
        ...     applicant="Nguyễn Văn A", time_limit="Trong ngày", at=dt.datetime(2026, 3, 2, 9)))
        >>> text = book.to_document({"name": "Ủy ban nhân dân xã Tân Lập", "place": "Tân Lập"})
        >>> "000.00.01.H38-260302-0006" in text and "Nguyễn Văn A" in text
        True
        """
        from hcc.documents import render

        ctx = self.document_context(
            office, book=book, as_of=as_of, calendar=calendar, policy=policy
        )
        return render("register", ctx, format=format, form_set=form_set, policy=policy)


_NUMBER_COLUMNS = frozenset(
    i for i, (name, _) in enumerate(CSV_COLUMNS) if name in ("number", "sets")
)
"""Positions of the columns written as numbers (not passed through [`formula_safe_cell`][formula_safe_cell])."""


_TEXT_COLUMNS = tuple(i for i in range(len(CSV_COLUMNS)) if i not in _NUMBER_COLUMNS)


def _neutralise_row(row: list[str]) -> list[str]:
    """[`formula_safe_cell`][formula_safe_cell] on the text cells of a CSV row, in place (cheap first test)."""
    for i in _TEXT_COLUMNS:
        c = row[i]
        if c and (c[0] in _RISKY or c[0].isspace()):
            row[i] = formula_safe_cell(c)
    return row


def _csv_row(r: RegisterEntry, text: _Texts) -> list[str]:
    transfer = text(r.transferred_at)
    if r.transferred_to:
        transfer = f"{transfer} ({r.transferred_to})"
    return [
        r.number_text,
        r.code,
        r.procedure,
        str(r.sets),
        r.applicant,
        r.address or "",
        r.phone or "",
        r.lead_agency,
        text(r.received_at),
        text(r.appointment),
        transfer,
        text(r.result_received_at),
        text(r.returned_at),
        "",
        r.note or "",
    ]


_IDENTITY = tuple(f for f in DossierData.model_fields if f != "events")


def _check_extends(old: Dossier, new: Dossier) -> None:
    for name in _IDENTITY:
        if getattr(old, name) != getattr(new, name):
            raise EventOrderError(
                f"dossier {str(old.code)!r}: field {name} changed from {getattr(old, name)!r} to "
                f"{getattr(new, name)!r}; only events can be appended"
            )
    n = len(old.events)
    if len(new.events) < n or new.events[:n] != old.events:
        at = next(
            (i for i, (a, b) in enumerate(zip(old.events, new.events, strict=False)) if a != b),
            min(n, len(new.events)),
        )
        theirs: DossierEvent | None = new.events[at] if at < len(new.events) else None
        raise EventOrderError(
            f"dossier {str(old.code)!r}: the new log rewrites or drops event {at} "
            f"({old.events[at].kind.value}); the log is append-only",
            event=theirs.kind.value if theirs else None,
            other=old.events[at].kind.value,
        )


class Register:
    """The register of one receiving unit: a [`RegisterBook`][RegisterBook] per year of receipt.

    ``auto_close`` (default True): the first dossier received in year Y closes the open books of
    earlier years at its receipt moment. Thread-safe for adding and updating.

    >>> reg = Register()
    >>> reg.years
    ()

    Raises:
        InvalidInputError: ``unit`` is neither None nor a str, or ``auto_close`` is not a bool.
    """

    def __init__(self, *, unit: str | None = None, auto_close: bool = True) -> None:
        if unit is not None and not isinstance(unit, str):
            raise InvalidInputError("unit", unit, "None or the receiving unit's name (str)")
        if not isinstance(auto_close, bool):
            raise InvalidInputError("auto_close", auto_close, "True or False")
        self.unit = name_text(unit) or None if unit else None
        self.auto_close = auto_close
        self._books: dict[int, RegisterBook] = {}
        self._where: dict[str, int] = {}
        self._latest = 0
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        return f"<Register {self.unit or ''}: {', '.join(map(str, sorted(self._books)))}>"

    def __len__(self) -> int:
        return len(self._where)

    def __contains__(self, code: object) -> bool:
        return str(code) in self._where

    def __iter__(self) -> Iterator[Dossier]:
        """Every filed dossier, book by book (by year), in entry order."""
        for y in sorted(self._books):
            yield from self._books[y]

    @property
    def years(self) -> tuple[int, ...]:
        """The years that have a book, ascending."""
        return tuple(sorted(self._books))

    def book(self, year: int) -> RegisterBook:
        """The book of ``year`` (opened empty if there is none yet)."""
        with self._lock:
            b = self._books.get(year)
            if b is None:
                b = self._books[year] = RegisterBook(year, unit=self.unit)
            return b

    def add(self, dossier: Dossier) -> RegisterEntryRef:
        """File ``dossier`` in the book of its receipt year; see [`RegisterBook.add`][RegisterBook.add].

        Raises:
            InvalidInputError: ``dossier`` is not a [`Dossier`][hcc.dossiers.Dossier].
            DuplicateEntryError: the dossier is already entered in its year's book.
            RegisterClosedError: its year's book is closed.
        """
        if not isinstance(dossier, Dossier):
            raise InvalidInputError("dossier", dossier, "a hcc.Dossier")
        year = dossier.received_at.year
        with self._lock:
            code = dossier.code_text
            if code in self._where:
                y = self._where[code]
                raise DuplicateEntryError(y, code, self._books[y].number_of(code))
            if year > self._latest:
                if self.auto_close:
                    for y, b in self._books.items():
                        if y < year and not b.is_closed:
                            b.close(dossier.received_at)
                self._latest = year
            book = self._books.get(year) or self.book(year)
            ref = book.add(dossier)
            self._where[code] = year
            return ref

    def add_all(self, dossiers: Iterable[Dossier]) -> list[RegisterEntryRef]:
        """[`add`][add] each dossier in order; stops at the first error (earlier ones stay filed)."""
        refs: list[RegisterEntryRef] = []
        with self._lock:
            where, books = self._where, self._books
            for d in dossiers:
                # the common case inline: a new code for the open book of a year already seen
                if type(d) is Dossier:
                    year = d._f.received_at.year
                    book = books.get(year)
                    if book is not None and year <= self._latest:
                        code = d.code_text
                        if code not in where:
                            with book._lock:
                                if book._closed_at is None and code not in book._by_code:
                                    entries = book._dossiers
                                    book._by_code[code] = len(entries)
                                    entries.append(d)
                                    where[code] = year
                                    refs.append(_new_ref(RegisterEntryRef, (year, len(entries))))
                                    continue
                refs.append(self.add(d))  # everything else, errors included
            return refs

    def get(self, code: DossierCode | str) -> Dossier:
        """The filed dossier with ``code``.

        Raises:
            UnknownEntryError: no book holds ``code``.
        """
        year = self._where.get(str(code))
        if year is None:
            raise UnknownEntryError(str(code))
        return self._books[year].get(code)

    def ref(self, code: DossierCode | str) -> RegisterEntryRef:
        """Where ``code`` is filed.

        Raises:
            UnknownEntryError: no book holds ``code``.
        """
        year = self._where.get(str(code))
        if year is None:
            raise UnknownEntryError(str(code))
        return RegisterEntryRef(year, self._books[year].number_of(code))

    def update(self, dossier: Dossier) -> RegisterEntryRef:
        """Replace the filed version of ``dossier`` with one whose log extends it.

        Raises:
            UnknownEntryError: no book holds the dossier's code.
        """
        year = self._where.get(dossier.code_text)
        if year is None:
            raise UnknownEntryError(dossier.code_text)
        return self._books[year].update(dossier)

    def record(
        self, code: DossierCode | str, kind: EventKind | str, at: dt.datetime | str, **fields: Any
    ) -> Dossier:
        """Append an event to the filed dossier ``code`` and file the new version; returns it."""
        with self._lock:
            new = self.get(code).record(kind, at, **fields)
            self.update(new)
            return new

    def close(self, year: int, at: dt.datetime | str) -> None:
        """Close the book of ``year`` at ``at`` (on or after 31 December of that year)."""
        self.book(year).close(at)

    def dossiers(self, year: int | None = None) -> list[Dossier]:
        """The filed dossiers of one year (or of all years), in entry order."""
        if year is None:
            return list(self)
        b = self._books.get(year)
        return list(b) if b is not None else []

    def _books_for(
        self, year: int | None, period: Period | tuple[object, object] | None
    ) -> list[RegisterBook]:
        span = _span(period)
        if year is not None:
            return [self.book(year)]
        if span is None:
            raise InvalidInputError("year", year, "a year, or a period to select the books")
        first, last = span[0].year, (span[1] - dt.timedelta(microseconds=1)).year
        return [self._books[y] for y in sorted(self._books) if first <= y <= last]

    def rows(
        self,
        year: int | None = None,
        *,
        period: Period | tuple[object, object] | None = None,
        as_of: dt.datetime | str | None = None,
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
    ) -> list[RegisterEntry]:
        """The rows of the book of ``year``, or of the dossiers received in ``period``.

        With a ``period`` and no ``year`` the rows come from every book the period touches, by
        year then entry number (a row's ``year`` and ``number`` say where it is filed).

        Raises:
            hcc.errors.InvalidInputError: neither ``year`` nor ``period``, or a bad period.

        >>> Register().rows(period=("2026-03-01", "2026-03-31"))
        []
        """
        return [
            r
            for b in self._books_for(year, period)
            for r in b.rows(as_of=as_of, calendar=calendar, policy=policy, period=period)
        ]

    def between(
        self,
        start: dt.date | str,
        end: dt.date | str,
        *,
        as_of: dt.datetime | str | None = None,
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
    ) -> list[RegisterEntry]:
        """The rows of the dossiers received from ``start`` to ``end`` (both included).

        ``reg.between("2026-03-01", "2026-03-31")`` is March's rows; see [`rows`][rows].

        Raises:
            hcc.errors.InvalidInputError: a date that cannot be read, or ``end < start``.
        """
        return self.rows(period=(start, end), as_of=as_of, calendar=calendar, policy=policy)

    def to_csv(
        self,
        year: int | None = None,
        file: io.TextIOBase | None = None,
        *,
        period: Period | tuple[object, object] | None = None,
        **kwargs: Any,
    ) -> str:
        """The CSV of the book of ``year`` (see [`RegisterBook.to_csv`][RegisterBook.to_csv]), or of ``period``.

        ``period`` keeps the dossiers received in it (a month: ``period=Period.month(2026, 3)``
        or ``("2026-03-01", "2026-03-31")``); with no ``year`` it reads every book it touches and
        writes one header.

        Raises:
            hcc.errors.InvalidInputError: neither ``year`` nor ``period``, or a bad period.
        """
        books = self._books_for(year, period)
        if not books:
            return RegisterBook(period_year(period)).to_csv(file, period=period, **kwargs)
        parts = [b.to_csv(period=period, **kwargs) for b in books]
        text = parts[0] + "".join(p.split("\n", 1)[1] for p in parts[1:])
        if file is not None:
            file.write(text)
        return text

    def to_frame(
        self,
        year: int | None = None,
        *,
        period: Period | tuple[object, object] | None = None,
        as_of: dt.datetime | str | None = None,
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
    ) -> pd.DataFrame:
        """[`rows`][rows] as a pandas DataFrame (see [`register_frame`][register_frame]; the ``pandas`` extra).

        Raises:
            hcc.errors.MissingExtraError: pandas is not installed.
            hcc.errors.InvalidInputError: neither ``year`` nor ``period``, or a bad period.
        """
        return register_frame(
            self.rows(year, period=period, as_of=as_of, calendar=calendar, policy=policy)
        )

    def to_document(
        self, year: int, office: Office | Mapping[str, Any], **kwargs: Any
    ) -> str | bytes:
        """The form 06 document of the book of ``year`` (see [`RegisterBook.to_document`][RegisterBook.to_document])."""
        return self.book(year).to_document(office, **kwargs)
