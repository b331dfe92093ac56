"""Calendar rows: official notices and local overrides, as validated data.

A *notice* is a Government document about one year's days off (for example Thông báo 9441/TB-BNV for
2026, or Công văn 12729/VPCP-KGVX, which only moves 2 January 2026). A notice **adds to the law**: it
states the days it changes -- the Tết days the Prime Minister picks, the day next to National Day,
extra days off, worked Saturdays, moved days -- and every statutory holiday of Labour Code 2019
art. 112(1), its compensatory day (art. 111(3)) and Vietnamese Culture Day stay unless a row says
otherwise, explicitly (a ``working_day`` or ``working_saturday`` row with ``replaces`` naming the
holiday). See :class:`hcc.calendar.WorkingCalendar` for how a notice is applied.
A *local* row is a district's own closure or extra working day (a Saturday counter).

Override files are TOML or JSON with two optional lists::

    [[notices]]
    year = 2027
    source = "Thông báo 1234/TB-BNV"
    [[notices.days]]
    date = 2027-02-05
    kind = "holiday"
    name = "Tết Nguyên Đán"

    [[days]]
    date = 2027-03-06
    kind = "local_working_day"
    name = "Tiếp nhận hồ sơ sáng thứ Bảy"
    source = "Quyết định 12/QĐ-UBND"
"""

from __future__ import annotations

import csv
import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from hcc._model import HccModel, HccStrEnum
from hcc.calendar._json import MAX_NESTING, JsonProblem, decode_utf8, depth_exceeds
from hcc.calendar._json import loads as strict_json
from hcc.calendar._text import nfc
from hcc.errors import OverrideError

__all__ = [
    "NOTICE_KINDS",
    "CalendarEntry",
    "CalendarOverrides",
    "DayKind",
    "Notice",
    "load_official_notices",
    "parse_overrides",
]


class DayKind(HccStrEnum):
    """Why a day is or is not a working day.

    >>> DayKind("working_saturday") is DayKind.WORKING_SATURDAY
    True
    """

    WEEKDAY = "weekday"
    """An ordinary Monday-Friday working day."""
    WEEKEND = "weekend"
    """An ordinary Saturday or Sunday off."""
    HOLIDAY = "holiday"
    """A public holiday (Labour Code 2019 art. 112, Resolution 28/2026/QH16)."""
    COMPENSATORY = "compensatory"
    """A compensatory day off (nghỉ bù) for a holiday that fell on a weekend (art. 111(3))."""
    SWAPPED_DAY_OFF = "swapped_day_off"
    """A weekday off given in exchange for a worked Saturday (hoán đổi ngày làm việc)."""
    WORKING_SATURDAY = "working_saturday"
    """A Saturday worked in exchange for a weekday off (làm bù)."""
    WORKING_DAY = "working_day"
    """A weekday a notice makes a working day though the projection had it off (a moved day)."""
    LOCAL_CLOSURE = "local_closure"
    """A day a district closes its office (local override)."""
    LOCAL_WORKING_DAY = "local_working_day"
    """A day a district opens on a weekend or holiday, e.g. a Saturday counter (local override)."""


NOTICE_KINDS = frozenset(
    {
        DayKind.HOLIDAY,
        DayKind.COMPENSATORY,
        DayKind.SWAPPED_DAY_OFF,
        DayKind.WORKING_SATURDAY,
        DayKind.WORKING_DAY,
    }
)
"""Kinds a Government notice may state."""
LOCAL_KINDS = frozenset({DayKind.LOCAL_CLOSURE, DayKind.LOCAL_WORKING_DAY})
WORKING_KINDS = frozenset(
    {DayKind.WEEKDAY, DayKind.WORKING_SATURDAY, DayKind.WORKING_DAY, DayKind.LOCAL_WORKING_DAY}
)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class CalendarEntry(HccModel):
    """One dated row: its kind, Vietnamese name and legal source.

    ``replaces`` is for a notice row that makes a statutory day off (an art. 112(1) holiday, its
    compensatory day, Culture Day) a working day: it names that holiday, so that the change is
    explicit. Without it such a row raises :class:`hcc.errors.OverrideError` when the notice is
    loaded.

    >>> e = CalendarEntry(date=dt.date(2026, 1, 10), kind="working_saturday",
    ...                   name="Làm bù cho thứ Sáu 02/01/2026", source="Công văn 12729/VPCP-KGVX")
    >>> e.kind.value
    'working_saturday'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    date: dt.date
    kind: DayKind
    name: Text
    source: Text | None = None
    replaces: Text | None = None

    @field_validator("name", "source", "replaces", mode="before")
    @classmethod
    def _normalise(cls, v: Any) -> Any:
        return nfc(v)

    @field_validator("date", mode="before")
    @classmethod
    def _strict_date(cls, v: Any) -> Any:
        # TOML gives dates; JSON gives strings. A datetime here is a mistake, not a date.
        if isinstance(v, dt.datetime):
            raise ValueError("expected a date without a time")
        return v

    @property
    def working(self) -> bool:
        """Whether this row makes its day a working day."""
        return self.kind in WORKING_KINDS


class Notice(HccModel):
    """An official notice about one year: the days it changes, on top of the statutory days.

    ``days`` lists the days the notice states: the Tết days (kind ``holiday``; they replace the
    projected Tết of a provisional year), the day next to National Day, compensatory days, swapped
    days off and worked Saturdays, moved days (``working_day``). Statutory holidays it does not
    list stay days off. Several notices for one year add up (a later row wins on its date). A row
    without a source takes the notice's.

    >>> n = Notice(year=2027, source="Thông báo (dự kiến)", days=[])
    >>> n.year
    2027
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    year: int = Field(ge=1, le=9999)
    source: Text
    days: tuple[CalendarEntry, ...] = ()
    derived: bool = False
    """A reconstruction from secondary reports, not a notice read: its rows apply, but answers
    resting on its year still say ``derived`` (the shipped 2014 rows are such a notice)."""

    @field_validator("source", mode="before")
    @classmethod
    def _normalise(cls, v: Any) -> Any:
        return nfc(v)


class CalendarOverrides(HccModel):
    """A set of overrides: whole-year notices and local rows.

    >>> CalendarOverrides.model_validate({"days": [{"date": "2027-03-06",
    ...     "kind": "local_working_day", "name": "Sáng thứ Bảy"}]}).days[0].kind.value
    'local_working_day'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    notices: tuple[Notice, ...] = ()
    days: tuple[CalendarEntry, ...] = ()


def _loc(parts: Sequence[int | str]) -> str:
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out += ("." if out else "") + p
    return out


def _lookup(data: Any, parts: Sequence[int | str]) -> Any:
    cur = data
    for p in parts:
        try:
            cur = cur[p]
        except (KeyError, IndexError, TypeError):
            return None
    return cur


def _check_semantics(ov: CalendarOverrides, raw: Any, source: str | None) -> None:
    """Cross-row checks pydantic cannot express; raise on the first, naming the row."""
    seen_years: set[int] = set()
    for i, notice in enumerate(ov.notices):
        if notice.year in seen_years:
            raise OverrideError(
                f"notices[{i}].year", notice.year, "one notice per year", source=source
            )
        seen_years.add(notice.year)
        seen: set[dt.date] = set()
        for j, row in enumerate(notice.days):
            loc = f"notices[{i}].days[{j}]"
            if row.date.year != notice.year:
                raise OverrideError(
                    f"{loc}.date", row.date.isoformat(), f"a date in {notice.year}", source=source
                )
            if row.kind not in NOTICE_KINDS:
                allowed = ", ".join(sorted(k.value for k in NOTICE_KINDS))
                raise OverrideError(
                    f"{loc}.kind", row.kind.value, f"one of {allowed}", source=source
                )
            if row.kind is DayKind.WORKING_SATURDAY and row.date.weekday() < 5:
                raise OverrideError(
                    f"{loc}.date",
                    row.date.isoformat(),
                    "a Saturday or Sunday for a working_saturday",
                    source=source,
                )
            if row.kind is DayKind.WORKING_DAY and row.date.weekday() >= 5:
                raise OverrideError(
                    f"{loc}.date",
                    row.date.isoformat(),
                    "a Monday-Friday for a working_day (a weekend day is a working_saturday)",
                    source=source,
                )
            if row.replaces is not None and not row.working:
                raise OverrideError(
                    f"{loc}.replaces",
                    row.replaces,
                    "no replaces on a day off (only a working row replaces a holiday)",
                    source=source,
                )
            if row.date in seen:
                raise OverrideError(
                    f"{loc}.date", row.date.isoformat(), "each date once per notice", source=source
                )
            seen.add(row.date)
    seen_local: set[dt.date] = set()
    for j, row in enumerate(ov.days):
        loc = f"days[{j}]"
        if row.kind not in LOCAL_KINDS:
            allowed = ", ".join(sorted(k.value for k in LOCAL_KINDS))
            raise OverrideError(
                f"{loc}.kind",
                row.kind.value,
                f"one of {allowed} (put Government days in a notice)",
                source=source,
            )
        if row.date in seen_local:
            raise OverrideError(
                f"{loc}.date", row.date.isoformat(), "each date once", source=source
            )
        seen_local.add(row.date)


def parse_overrides(
    data: CalendarOverrides | Mapping[str, Any] | str | Path, *, source: str | None = None
) -> CalendarOverrides:
    """Validate overrides from a model, a mapping, or a ``.toml``/``.json`` file path.

    Errors raise :class:`hcc.errors.OverrideError` naming the file, the row and the value; nothing is
    applied.

    >>> parse_overrides({"days": [{"date": "2027-02-30", "kind": "local_closure", "name": "x"}]})
    Traceback (most recent call last):
    ...
    hcc.errors.OverrideError: days[0].date: got '2027-02-30', expected a valid date (date_from_datetime_parsing)

    Raises:
        OverrideError: the file cannot be read, is not UTF-8 (location ``encoding``, with the byte
            offset and a guess at the encoding), is not valid JSON/TOML, repeats a key (the
            location is the key), nests more than 32 levels, or has a bad row.
    """
    if isinstance(data, CalendarOverrides):
        _check_semantics(data, None, source)
        return data
    if isinstance(data, str | Path):
        path = Path(data)
        source = source or str(path)
        raw = _read_file(path)
    elif isinstance(data, Mapping):
        raw = data
    else:
        raise OverrideError(
            "overrides", data, "a mapping, a CalendarOverrides or a .toml/.json path", source=source
        )
    try:
        ov = CalendarOverrides.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = [p for p in err["loc"] if isinstance(p, int | str)]
        value = None if err["type"] == "missing" else err.get("input", _lookup(raw, loc))
        if isinstance(value, dt.date):
            value = value.isoformat()
        raise OverrideError(
            _loc(loc), value, f"{_allowed(err)} ({err['type']})", source=source
        ) from None
    _check_semantics(ov, raw, source)
    return ov


def _allowed(err: Any) -> str:
    t = err["type"]
    if t == "enum":
        return "one of " + ", ".join(k.value for k in DayKind)
    if t.startswith("date"):
        return "a valid date"
    if t == "missing":
        return "a value (the field is required)"
    if t == "extra_forbidden":
        return "no such field"
    return str(err["msg"]).lower()


def _read_file(path: Path) -> Any:
    source = str(path)
    try:
        data = path.read_bytes()
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        why = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise OverrideError("file", source, f"a readable file ({why})", source=source) from None
    suffix = path.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise OverrideError("file", source, "a .toml or .json file", source=source)
    try:
        text = decode_utf8(data)
        if suffix == ".json":
            return strict_json(text)
        raw = tomllib.loads(text)
    except JsonProblem as exc:
        if exc.kind == "encoding":
            raise OverrideError("encoding", source, f"UTF-8 text ({exc})", source=source) from None
        raise OverrideError(
            exc.key if exc.key is not None else "file",
            source,
            f"valid {suffix[1:].upper()} ({exc})",
            source=source,
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise OverrideError(
            "file", source, f"valid {suffix[1:].upper()} ({exc})", source=source
        ) from None
    except RecursionError:
        raise OverrideError(
            "file", source, f"at most {MAX_NESTING} levels of nesting", source=source
        ) from None
    if depth_exceeds(raw):
        raise OverrideError(
            "file", source, f"at most {MAX_NESTING} levels of nesting", source=source
        )
    return raw


def load_official_notices() -> tuple[Notice, ...]:
    """The official-notice table shipped with hcc (package data), one :class:`Notice` per year.

    Years whose rows are marked ``derived`` in the table give a notice with ``derived=True``.

    >>> [n.year for n in load_official_notices()]
    [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]
    >>> [n.year for n in load_official_notices() if n.derived]
    [2014]

    Raises:
        OverrideError: a row of the shipped table is malformed (guarded by the test suite).
    """
    text = resources.files("hcc.calendar").joinpath("data/official_notices.csv").read_text("utf-8")
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    by_year: dict[int, list[CalendarEntry]] = {}
    derived_years: set[int] = set()
    for i, rec in enumerate(csv.DictReader(rows), start=1):
        try:
            entry = CalendarEntry(
                date=rec["date"], kind=rec["kind"], name=rec["name_vi"], source=rec["source"]
            )
        except ValidationError as exc:  # pragma: no cover - guarded by the test suite
            raise OverrideError(f"row {i}", rec, str(exc), source="official_notices.csv") from None
        by_year.setdefault(entry.date.year, []).append(entry)
        if rec.get("status") == "derived":
            derived_years.add(entry.date.year)
    notices = []
    for year in sorted(by_year):  # a year with no row has no table: it stays derived
        days = tuple(by_year[year])
        sources = sorted(
            {d.source or "" for d in days if d.source and "Labour Code" not in d.source}
        )
        notices.append(
            Notice(
                year=year,
                source="; ".join(sources) or "official table",
                days=days,
                derived=year in derived_years,
            )
        )
    return tuple(notices)


def iter_entries(notices: Iterable[Notice]) -> Iterable[CalendarEntry]:
    """Every row of ``notices``, with the notice's source filled in where a row has none."""
    for n in notices:
        for d in n.days:
            yield d if d.source else d.model_copy(update={"source": n.source})
