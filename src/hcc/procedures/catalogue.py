"""The catalogue: a versioned, queryable, diffable set of procedure records and their fee schedules.

A :class:`Catalogue` is immutable and iterable (one procedure record at a time, file order). It is
built from a :class:`CatalogueData` (the file shape, also the JSON Schema other languages use)
and indexes the records by code and by folded text for search.

Versions: a catalogue has its own ``valid_from``/``valid_to`` and so does each record; a
catalogue may hold several versions of one code whose validity spans do not overlap.
:meth:`Catalogue.as_of` gives the catalogue as in force on a date. All validity spans are
inclusive at both ends; ``None`` is open.

>>> from hcc.procedures import default_catalogue
>>> cat = default_catalogue()
>>> cat.get("1.001193").name
'Đăng ký khai sinh'
>>> [p.code for p in cat.search("dang ky khai sinh")][:1]
['1.001193']
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import ConfigDict, field_validator

from hcc._model import HccModel
from hcc.calendar import as_date
from hcc.deadlines.limits import TimeLimit
from hcc.errors import CatalogueValidationError, InvalidInputError, UnknownProcedureError
from hcc.fees import FeeSchedule, Quote, standard_fee_schedules
from hcc.fees import quote as _quote
from hcc.procedures.models import ChannelKind, Level, Procedure, Text, nfc
from hcc.procedures.text import fold

if TYPE_CHECKING:
    from hcc.calendar import WorkingCalendar
    from hcc.deadlines import Deadline, DeadlinePolicy
    from hcc.procedures.validation import CatalogueProblem

__all__ = [
    "Catalogue",
    "CatalogueData",
    "CatalogueDiff",
    "FieldChange",
    "ProcedureChange",
    "diff_catalogues",
]

NO_FEE_ID = "khong-thu"
"""The schedule id a channel without ``fee_schedule`` is quoted with: no rule, total 0."""


class CatalogueData(HccModel):
    """The shape of a catalogue file (JSON or TOML) and of :meth:`Catalogue.to_json`.

    ``version`` names the edition ("2026.1", a publishing decision); ``sources`` say where the
    records were read; ``fee_schedules`` define schedules the records reference by id, in addition
    to (and overriding) :func:`hcc.fees.standard_fee_schedules`.

    >>> CatalogueData(version="x").procedures
    ()
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: Text
    title: Text | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    sources: tuple[Text, ...] = ()
    fee_schedules: tuple[FeeSchedule, ...] = ()
    procedures: tuple[Procedure, ...] = ()

    @field_validator("valid_to")
    @classmethod
    def _order(cls, v: dt.date | None, info: Any) -> dt.date | None:
        start = info.data.get("valid_from")
        if v is not None and start is not None and v < start:
            raise ValueError(f"valid_to {v} is before valid_from {start}")
        return v


class FieldChange(HccModel):
    """One changed field of a procedure: its path (``channels[0].time_limit``), old and new value.

    A value is ``None`` where the field (or list item) is absent on that side.

    >>> FieldChange(path="name", old="A", new="B").describe()
    "name: 'A' → 'B'"
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    old: Any = None
    new: Any = None

    def describe(self) -> str:
        """One line: ``path: old → new``."""
        return f"{self.path}: {self.old!r} → {self.new!r}"


class ProcedureChange(HccModel):
    """A procedure present in both catalogues whose record changed.

    >>> ProcedureChange(code="1.001193", name="Đăng ký khai sinh",
    ...                 changes=[FieldChange(path="name", old="a", new="b")]).paths
    ('name',)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    name: str
    changes: tuple[FieldChange, ...]

    @property
    def paths(self) -> tuple[str, ...]:
        """The changed field paths."""
        return tuple(c.path for c in self.changes)


class CatalogueDiff(HccModel):
    """What changed from one catalogue to another: what a district must re-post at its counter.

    ``added`` and ``removed`` are records; ``changed`` lists, per code, every changed field path.

    >>> CatalogueDiff().is_empty
    True
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    added: tuple[Procedure, ...] = ()
    removed: tuple[Procedure, ...] = ()
    changed: tuple[ProcedureChange, ...] = ()

    @property
    def is_empty(self) -> bool:
        """No procedure added, removed or changed."""
        return not (self.added or self.removed or self.changed)

    def summary(self) -> str:
        """A plain-text list, one procedure per line and one changed field per indented line.

        >>> print(CatalogueDiff().summary())
        no changes
        """
        if self.is_empty:
            return "no changes"
        out: list[str] = []
        out += [f"+ {p.code} {p.name}" for p in self.added]
        out += [f"- {p.code} {p.name}" for p in self.removed]
        for c in self.changed:
            out.append(f"~ {c.code} {c.name}")
            out += [f"    {fc.describe()}" for fc in c.changes]
        return "\n".join(out)


def _versions_overlap(a: Procedure, b: Procedure) -> bool:
    lo = max(a.valid_from or dt.date.min, b.valid_from or dt.date.min)
    hi = min(a.valid_to or dt.date.max, b.valid_to or dt.date.max)
    return lo <= hi


class Catalogue:
    """An immutable, iterable set of procedure records with queries, search, versions and export.

    Build one from records (``Catalogue([...], version="...")``), from a file
    (:func:`hcc.procedures.load_catalogue`) or take the embedded one
    (:func:`hcc.procedures.default_catalogue`). Construction runs the same checks as loading a
    file (fee references, duplicate codes, local limits) and raises
    :class:`hcc.errors.CatalogueValidationError` listing every problem.

    >>> from hcc.procedures import default_catalogue
    >>> cat = default_catalogue()
    >>> len(cat) >= 25, "2.000815" in cat
    (True, True)
    >>> sorted({lv.value for p in cat for lv in p.levels})
    ['central', 'commune', 'district', 'province']
    """

    __slots__ = ("_by_code", "_data", "_folded", "_schedules", "_versions")

    def __init__(
        self,
        procedures: Iterable[Procedure | Mapping[str, Any]] = (),
        *,
        version: str = "unversioned",
        title: str | None = None,
        valid_from: dt.date | None = None,
        valid_to: dt.date | None = None,
        sources: Sequence[str] = (),
        fee_schedules: Iterable[FeeSchedule | Mapping[str, Any]] = (),
    ) -> None:
        from hcc.procedures.validation import check_data

        for name, value in (
            ("procedures", procedures),
            ("sources", sources),
            ("fee_schedules", fee_schedules),
        ):
            if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
                raise InvalidInputError(name, value, "an iterable of records")
        raw = {
            "version": version,
            "title": title,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "sources": tuple(sources),
            "fee_schedules": tuple(fee_schedules),
            "procedures": tuple(procedures),
        }
        data, report = check_data(raw, source=None)
        if data is None or report.errors:
            raise CatalogueValidationError(list(report.errors), None)
        self._init(data)

    def _init(self, data: CatalogueData) -> None:
        self._data = data
        # code -> its latest version, in first-seen order; the (rare) codes with several versions
        # also have all of them, oldest first, in _versions. No container per code: a catalogue
        # of 10,000 records is 10,000 fewer objects for the cyclic garbage collector to scan.
        latest: dict[str, Procedure] = {}
        several: dict[str, list[Procedure]] = {}
        for p in data.procedures:
            code = p.code
            first = latest.get(code)
            if first is None:
                latest[code] = p
            elif code in several:
                several[code].append(p)
            else:
                several[code] = [first, p]
        versions: dict[str, tuple[Procedure, ...]] = {}
        for code, found in several.items():
            found.sort(key=lambda p: p.valid_from or dt.date.min)
            versions[code] = tuple(found)
            latest[code] = found[-1]
        self._by_code = latest
        self._versions = versions
        self._folded: dict[int, str] | None = None
        own = {s.id: s for s in data.fee_schedules}
        self._schedules: Mapping[str, FeeSchedule] = {**standard_fee_schedules(), **own}

    @classmethod
    def from_data(cls, data: CatalogueData) -> Catalogue:
        """Wrap already-validated :class:`CatalogueData` (cross-record checks are run again).

        >>> Catalogue.from_data(CatalogueData(version="v1")).version
        'v1'
        """
        from hcc.procedures.validation import cross_check

        if not isinstance(data, CatalogueData):
            raise InvalidInputError(
                "data", data, "a CatalogueData (use Catalogue(...) for plain data)"
            )
        problems = cross_check(data, source=None)
        if problems:
            raise CatalogueValidationError(list(problems), None)
        cat = cls.__new__(cls)
        cat._init(data)
        return cat

    @classmethod
    def _trusted(cls, data: CatalogueData) -> Catalogue:
        cat = cls.__new__(cls)
        cat._init(data)
        return cat

    # ------------------------------------------------------------------ basic protocol
    @property
    def data(self) -> CatalogueData:
        """The catalogue as a pydantic model (the file shape)."""
        return self._data

    @property
    def version(self) -> str:
        """The edition of the catalogue."""
        return self._data.version

    @property
    def valid_from(self) -> dt.date | None:
        """First day the catalogue applies (inclusive), ``None`` if open."""
        return self._data.valid_from

    @property
    def valid_to(self) -> dt.date | None:
        """Last day the catalogue applies (inclusive), ``None`` if open."""
        return self._data.valid_to

    @property
    def sources(self) -> tuple[str, ...]:
        """Where the records were read."""
        return self._data.sources

    @property
    def procedures(self) -> tuple[Procedure, ...]:
        """Every record (every version), in file order."""
        return self._data.procedures

    @property
    def codes(self) -> tuple[str, ...]:
        """The distinct procedure codes, in first-seen order."""
        return tuple(self._by_code)

    @property
    def fee_schedules(self) -> Mapping[str, FeeSchedule]:
        """Every schedule a record may reference: the standard ones, overridden by the catalogue's."""
        return self._schedules

    def __iter__(self) -> Iterator[Procedure]:
        return iter(self._data.procedures)

    def __len__(self) -> int:
        return len(self._data.procedures)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._by_code

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Catalogue) and self._data == other._data

    def __hash__(self) -> int:
        return hash((self.version, len(self)))

    def __repr__(self) -> str:
        return f"Catalogue(version={self.version!r}, procedures={len(self)})"

    # ------------------------------------------------------------------ lookup and queries
    def get(self, code: str, *, on: dt.date | None = None) -> Procedure:
        """The record of ``code``: the version in force ``on``, or the latest version when ``on`` is None.

        An unknown code (or no version in force that day) raises
        :class:`hcc.errors.UnknownProcedureError`, a ``LookupError``.

        >>> from hcc.procedures import default_catalogue
        >>> default_catalogue().get("2.000635").name
        'Cấp bản sao trích lục hộ tịch'
        >>> default_catalogue().get("9.999999")
        Traceback (most recent call last):
        ...
        hcc.errors.UnknownProcedureError: no procedure with code '9.999999' in the catalogue

        Raises:
            UnknownProcedureError: no record with ``code`` (in force ``on``, when given).
            InvalidInputError: ``code`` is not a str, or ``on`` not a date.
        """
        key = _code(code)
        if on is not None:
            on = as_date(on, "on")
        last = self._by_code.get(key)
        if last is None:
            raise UnknownProcedureError(code)
        if on is None:
            return last
        for p in reversed(self._versions.get(key) or (last,)):
            if p.in_force(on):
                return p
        err = UnknownProcedureError(code)
        err.args = (f"procedure {code!r} has no version in force on {on.isoformat()}",)
        raise err

    def versions(self, code: str) -> tuple[Procedure, ...]:
        """Every version of ``code``, oldest first (empty if unknown).

        >>> from hcc.procedures import default_catalogue
        >>> len(default_catalogue().versions("1.001193"))
        1

        Raises:
            InvalidInputError: ``code`` is not a str.
        """
        code = _code(code)
        last = self._by_code.get(code)
        if last is None:
            return ()
        return self._versions.get(code) or (last,)

    def filter(
        self,
        *,
        field: str | None = None,
        level: Level | str | None = None,
        channel: ChannelKind | str | None = None,
        agency: str | None = None,
    ) -> tuple[Procedure, ...]:
        """Records matching every criterion given.

        ``field`` and ``agency`` compare folded text (case and diacritics ignored; ``agency``
        matches a part of any implementing agency's name); ``level`` matches any of a record's
        levels; ``channel`` any of its channel kinds.

        >>> from hcc.procedures import default_catalogue
        >>> cat = default_catalogue()
        >>> all(p.field == "Chứng thực" for p in cat.filter(field="chung thuc"))
        True
        >>> len(cat.filter(level="commune", channel="postal")) > 0
        True
        """
        lv = Level(level) if level is not None else None
        ch = ChannelKind(channel) if channel is not None else None
        ff = fold(field) if field is not None else None
        fa = fold(agency) if agency is not None else None
        out = []
        for p in self._data.procedures:
            if ff is not None and fold(p.field) != ff:
                continue
            if lv is not None and lv not in p.levels:
                continue
            if ch is not None and ch not in p.channel_kinds:
                continue
            if fa is not None and not any(fa in fold(a) for a in p.agencies.implementing):
                continue
            out.append(p)
        return tuple(out)

    def by_field(self, field: str) -> tuple[Procedure, ...]:
        """Records of a field (lĩnh vực), case and diacritics ignored: ``filter(field=...)``."""
        return self.filter(field=field)

    def by_level(self, level: Level | str) -> tuple[Procedure, ...]:
        """Records carried out at ``level`` (among others): ``filter(level=...)``."""
        return self.filter(level=level)

    def by_channel(self, channel: ChannelKind | str) -> tuple[Procedure, ...]:
        """Records offering ``channel``: ``filter(channel=...)``."""
        return self.filter(channel=channel)

    def fields(self) -> tuple[str, ...]:
        """The distinct fields (lĩnh vực), sorted by folded name.

        >>> from hcc.procedures import default_catalogue
        >>> "Hộ tịch" in default_catalogue().fields()
        True
        """
        return tuple(sorted({p.field for p in self._data.procedures}, key=fold))

    def search(self, text: str, *, limit: int | None = None) -> tuple[Procedure, ...]:
        """Records whose name, code or field contains every word of ``text``, best first.

        Case, diacritics and đ/Đ are ignored ("dang ky khai sinh" finds "Đăng ký khai sinh").
        Ranking: exact name, name starting with the query, the query as a phrase in the name,
        every word in the name, then every word in name + field + code; ties keep file order.
        Only the latest version of each code is returned. An empty query finds nothing.

        >>> from hcc.procedures import default_catalogue
        >>> [p.name for p in default_catalogue().search("CHỨNG THỰC CHỮ KÝ")][:1]
        ['Chứng thực chữ ký']
        >>> default_catalogue().search("1.000894")[0].name
        'Đăng ký kết hôn'

        Raises:
            InvalidInputError: ``text`` is not a str (``search(None)``), or ``limit`` is not
                None or an int >= 0. It is a ``TypeError`` and a ``ValueError``.
        """
        if not isinstance(text, str):
            raise InvalidInputError("text", text, "a str (the words to look for)")
        if limit is not None and (
            isinstance(limit, bool) or not isinstance(limit, int) or limit < 0
        ):
            raise InvalidInputError("limit", limit, "None or an int >= 0")
        q = fold(text)
        words = q.split()
        if not words:
            return ()
        if self._folded is None:
            self._folded = {id(p): fold(p.name) for p in self._by_code.values()}
        scored: list[tuple[int, int, Procedure]] = []
        for i, p in enumerate(self._by_code.values()):
            name = self._folded.get(id(p)) or fold(p.name)
            padded = f" {name} "
            if name == q:
                rank = 0
            elif name.startswith(q + " "):
                rank = 1
            elif f" {q} " in padded:
                rank = 2
            elif all(f" {w} " in padded for w in words):
                rank = 3
            else:
                hay = f" {name} {fold(p.field)} {p.code} "
                if all(f" {w} " in hay or (w in p.code) for w in words):
                    rank = 4
                else:
                    continue
            scored.append((rank, i, p))
        scored.sort(key=lambda t: (t[0], t[1]))
        found = tuple(p for _, _, p in scored)
        return found if limit is None else found[:limit]

    # ------------------------------------------------------------------ versions
    def as_of(self, on: dt.date) -> Catalogue:
        """The catalogue as in force on ``on``: the records valid that day (inclusive spans).

        Empty when ``on`` is outside the catalogue's own validity.

        >>> from hcc.procedures import default_catalogue
        >>> cat = default_catalogue()
        >>> len(cat.as_of(dt.date(2026, 1, 5))) <= len(cat)
        True

        Raises:
            InvalidInputError: ``on`` is not a date (or an ISO date string).
        """
        on = as_date(on, "on")
        d = self._data
        inside = (d.valid_from is None or d.valid_from <= on) and (
            d.valid_to is None or on <= d.valid_to
        )
        kept = tuple(p for p in d.procedures if inside and p.in_force(on))
        return Catalogue._trusted(d.model_copy(update={"procedures": kept}))

    def diff(old, new: Catalogue) -> CatalogueDiff:  # "old", not "self": reads as diff(old, new)
        """Added, removed and changed procedures from ``old`` to ``new`` (see :func:`diff_catalogues`).

        Both spellings work: ``Catalogue.diff(old, new)`` and ``old.diff(new)``.

        >>> from hcc.procedures import default_catalogue
        >>> cat = default_catalogue()
        >>> Catalogue.diff(cat, cat).is_empty, cat.diff(cat).is_empty
        (True, True)
        """
        return diff_catalogues(old, new)

    # ------------------------------------------------------------------ fees and deadlines
    def fee_schedule(self, code: str, channel: ChannelKind | str = "direct") -> FeeSchedule:
        """The fee schedule a procedure's channel references (an empty one when it charges nothing).

        >>> from hcc.procedures import default_catalogue
        >>> default_catalogue().fee_schedule("2.000884").id
        'chung-thuc-chu-ky'
        """
        ch = self.get(code).channel(channel)
        if ch.fee_schedule is None:
            return FeeSchedule(id=NO_FEE_ID, name="Không thu phí, lệ phí", rules=())
        return self._schedules[ch.fee_schedule]

    def quote(
        self,
        code: str,
        *,
        channel: ChannelKind | str = "direct",
        on: dt.date,
        exemptions: Iterable[str] | str = (),
        **quantities: Any,
    ) -> Quote:
        """Quote the fee of procedure ``code`` filed through ``channel`` on ``on``.

        Quantities and exemptions are those of :func:`hcc.fees.quote` (``pages``, ``copies``,
        ``cases``, ``value``, ...; categories by name). The record of ``code`` is the version in
        force ``on`` when there is one, else the latest.

        >>> import datetime as dt
        >>> from hcc.procedures import default_catalogue
        >>> q = default_catalogue().quote("2.000815", on=dt.date(2026, 3, 2), pages=5, copies=2)
        >>> q.total
        Decimal('14000')
        """
        kind = ChannelKind(channel)
        on = as_date(on, "on")
        try:
            self.get(code, on=on)
        except UnknownProcedureError:
            self.get(code)
        schedule = self.fee_schedule(code, kind)
        return _quote(schedule, channel=kind.value, on=on, exemptions=exemptions, **quantities)

    def time_limit(
        self, code: str, channel: ChannelKind | str = "direct", *, committed: bool = True
    ) -> TimeLimit:
        """The time limit of ``code`` through ``channel`` (see :meth:`Procedure.time_limit_for`).

        >>> from hcc.procedures import default_catalogue
        >>> str(default_catalogue().time_limit("1.004222"))
        '07 ngày làm việc'
        """
        return self.get(code).time_limit_for(channel, committed=committed)

    def deadline(
        self,
        code: str,
        received_at: dt.datetime | dt.date | str,
        *,
        channel: ChannelKind | str = "direct",
        committed: bool = True,
        alternate: bool = False,
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
    ) -> Deadline:
        """The appointment for a dossier of ``code`` received at ``received_at`` through ``channel``.

        The limit is :meth:`time_limit` (the local committed one when ``committed``); the rest is
        :func:`hcc.deadlines.compute_deadline` (national calendar and the policy in force on the
        receipt date by default; the record is the version in force on that date, else the latest; ``alternate=True`` uses the record's second limit, e.g. "when
        verification is needed"). The record's field selects the legal basis that
        :meth:`~hcc.deadlines.Deadline.explain` cites for the 15:00 cut-off.

        >>> import datetime as dt
        >>> from hcc.procedures import default_catalogue
        >>> d = default_catalogue().deadline("1.004222", dt.datetime(2026, 1, 5, 9, 0))
        >>> d.due_date  # 7 working days; Saturday 10/1/2026 is worked (swap for 2/1)
        datetime.date(2026, 1, 13)
        """
        from hcc.calendar import as_vn_datetime
        from hcc.deadlines import compute_deadline

        received = as_vn_datetime(received_at, "received_at")
        try:  # the version of the record in force on the receipt date, else the latest
            record = self.get(code, on=received.date())
        except UnknownProcedureError:
            record = self.get(code)
        limit = record.time_limit_for(channel, committed=committed)
        return compute_deadline(
            received,
            limit,
            calendar=calendar,
            policy=policy,
            alternate=alternate,
            field=record.field,
        )

    # ------------------------------------------------------------------ export
    def to_dict(self) -> dict[str, Any]:
        """The catalogue as plain JSON-compatible data (what :meth:`to_json` writes)."""
        data: dict[str, Any] = self._data.model_dump(mode="json", exclude_none=True)
        return data

    def to_json(self, *, indent: int | None = 2) -> str:
        """A JSON string: an object with ``"version"``, ``"valid_from"``, ``"sources"``,
        ``"fee_schedules"`` and ``"procedures"`` (absent optional values are left out).

        :func:`hcc.procedures.load_catalogue` reads it back to an equal catalogue.

        >>> import json
        >>> from hcc.procedures import default_catalogue
        >>> doc = json.loads(default_catalogue().to_json())
        >>> sorted(k for k in doc if k in ("procedures", "version", "valid_from", "sources"))
        ['procedures', 'sources', 'valid_from', 'version']
        """
        if indent is not None and (isinstance(indent, bool) or not isinstance(indent, int)):
            raise InvalidInputError("indent", indent, "None or an int")
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_toml(self) -> str:
        """The same document as TOML (``[[procedures]]`` tables); read back by ``load_catalogue``.

        >>> from hcc.procedures import default_catalogue
        >>> default_catalogue().to_toml().startswith("version = ")
        True
        """
        from hcc.procedures.toml_writer import dumps

        return dumps(self.to_dict())

    @staticmethod
    def json_schema() -> dict[str, Any]:
        """The JSON Schema of a catalogue file (validation mode), for systems in other languages.

        >>> schema = Catalogue.json_schema()
        >>> schema["title"], "procedures" in schema["properties"]
        ('CatalogueData', True)
        """
        schema: dict[str, Any] = CatalogueData.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        return schema

    def problems(self) -> tuple[CatalogueProblem, ...]:
        """Cross-record problems of this catalogue (always empty: construction refuses them)."""
        from hcc.procedures.validation import cross_check

        return tuple(cross_check(self._data, source=None))


# ---------------------------------------------------------------------- diff
def _walk(path: str, old: Any, new: Any, out: list[FieldChange]) -> None:
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in list(old) + [k for k in new if k not in old]:
            sub = f"{path}.{key}" if path else key
            _walk(sub, old.get(key), new.get(key), out)
        return
    if isinstance(old, list) and isinstance(new, list):
        for i in range(max(len(old), len(new))):
            a = old[i] if i < len(old) else None
            b = new[i] if i < len(new) else None
            _walk(f"{path}[{i}]", a, b, out)
        return
    out.append(FieldChange(path=path, old=old, new=new))


def _code(code: object) -> str:
    if not isinstance(code, str):
        raise InvalidInputError("code", code, "a procedure code (str) such as '1.001193'")
    return nfc(code)


def diff_catalogues(old: Catalogue, new: Catalogue) -> CatalogueDiff:
    """Compare two catalogues procedure by procedure (keyed by code, latest version of each).

    ``changed`` gives every changed field path, down to list items (``channels[1].time_limit``,
    ``dossier[0].documents[2]``), with old and new values as JSON data. To compare two versions
    held in one catalogue, diff ``cat.as_of(d1)`` with ``cat.as_of(d2)``.

    >>> from hcc.procedures import default_catalogue
    >>> cat = default_catalogue()
    >>> p = cat.get("2.000884")
    >>> newer = Catalogue([*(x for x in cat if x.code != "2.000884"),
    ...                    p.model_copy(update={"name": "Chứng thực chữ ký (sửa)"})],
    ...                   version="next", fee_schedules=cat.data.fee_schedules)
    >>> d = diff_catalogues(cat, newer)
    >>> [(c.code, c.paths) for c in d.changed]
    [('2.000884', ('name',))]
    """
    for name, value in (("old", old), ("new", new)):
        if not isinstance(value, Catalogue):
            raise InvalidInputError(name, value, "a Catalogue")
    a = {code: old.get(code) for code in old.codes}
    b = {code: new.get(code) for code in new.codes}
    added = tuple(b[c] for c in b if c not in a)
    removed = tuple(a[c] for c in a if c not in b)
    changed = []
    for code in a:
        if code in b and a[code] != b[code]:
            out: list[FieldChange] = []
            _walk(
                "",
                a[code].model_dump(mode="json", exclude_none=True),
                b[code].model_dump(mode="json", exclude_none=True),
                out,
            )
            if out:
                changed.append(ProcedureChange(code=code, name=b[code].name, changes=tuple(out)))
    return CatalogueDiff(added=added, removed=removed, changed=tuple(changed))
