"""Typed procedure records, shaped like the national procedure database (REFERENCE §5).

A :class:`Procedure` carries what Decree 63/2010/NĐ-CP art. 8(2) (as amended by Decree 92/2017)
requires of a published procedure, plus what the national portal adds: code, field, level(s),
agencies, steps with per-agency allotments, one row per channel (direct, online, postal) with its own
time limit, fee schedule and online level, dossier components in alternative cases, applicants,
results, conditions, legal basis with effective dates and the publishing decision.

Time limits are :class:`hcc.deadlines.TimeLimit` values. In files they are written as the phrases
procedure records use ("05 ngày làm việc", "Trong ngày", "Ngay; trường hợp cần xác minh thì không quá
05 ngày làm việc") and dumped in the canonical phrase; the verbatim published wording, 15:00 cut-offs
and all, goes in ``time_limit_note``.

Every text field is normalised to NFC and stripped. Models are frozen; change them with
``model_copy(update=...)``.

>>> p = Procedure.model_validate({
...     "code": "2.000884", "name": "Chứng thực chữ ký", "field": "Chứng thực",
...     "levels": ["commune"], "agencies": {"implementing": ["Ủy ban nhân dân cấp xã"]},
...     "channels": [{"kind": "direct", "fee_schedule": "chung-thuc-chu-ky"}],
...     "statutory_time_limit": "Trong ngày",
...     "legal_basis": [{"number": "23/2015/NĐ-CP", "title": "Nghị định về cấp bản sao từ sổ gốc, "
...                      "chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch"}],
... })
>>> str(p.time_limit_for("direct")), p.levels[0].value
('Trong ngày', 'commune')
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from hcc._model import HccModel, HccStrEnum
from hcc.calendar._text import name_text, nfc, strip_invisible
from hcc.deadlines.limits import TimeLimit
from hcc.errors import HccError, TimeLimitNotStatedError, TimeLimitParseError

__all__ = [
    "CODE_PATTERN",
    "Agencies",
    "Channel",
    "ChannelKind",
    "ChannelNotOfferedError",
    "DossierCase",
    "DossierDocument",
    "LegalDocument",
    "Level",
    "OnlineLevel",
    "Procedure",
    "ProcedureResult",
    "PublishingDecision",
    "Step",
    "TimeLimitNotStatedError",
    "is_procedure_code",
    "nfc",
]

CODE_PATTERN = r"^[0-9]\.[0-9]{6}(\.[A-Z0-9]+)?$"
"""A procedure code (mã thủ tục): ``1.001193``, optionally with a province suffix (``1.000948.H38``)."""
_CODE_RE = re.compile(CODE_PATTERN)
FEE_ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
"""A fee schedule id: lower-case ASCII, digits, ``.``, ``_`` and ``-`` (``chung-thuc-ban-sao``)."""


def _text(value: str) -> str:
    # no ValidationInfo argument: pydantic would build one per call (240,000 calls for 10,000
    # records); NFC of text already in NFC is a quick check that returns the same string
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)
    value = strip_invisible(value).strip()
    if not value:
        raise PydanticCustomError("string_too_short", "text must not be empty")
    return value


def _name(value: str) -> str:
    value = name_text(_text(value))
    if not value:  # pragma: no cover - _text refused it already
        raise PydanticCustomError("string_too_short", "text must not be empty")
    return value


Text = Annotated[str, AfterValidator(_text), WithJsonSchema({"type": "string", "minLength": 1})]
"""Non-empty text, NFC-normalised, invisible characters removed (see
:mod:`hcc.calendar._text`), stripped."""
Name = Annotated[str, AfterValidator(_name), WithJsonSchema({"type": "string", "minLength": 1})]
"""A name on one line: :data:`Text` with every run of white space (line breaks too) one space."""
ProcedureCode = Annotated[
    str,
    BeforeValidator(nfc),
    StringConstraints(pattern=CODE_PATTERN),
    WithJsonSchema({"type": "string", "pattern": CODE_PATTERN}),
]
FeeScheduleId = Annotated[str, StringConstraints(pattern=FEE_ID_PATTERN)]


@lru_cache(maxsize=4096)
def _parse_limit(text: str) -> TimeLimit:
    return TimeLimit.parse(text)


def _to_limit(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """A time-limit phrase becomes a TimeLimit; a TimeLimit or a mapping goes to the model.

    A parsed phrase is a valid TimeLimit already (and cached): it is returned as it is, where a
    before-validator would hand it to the model, which runs its checks on it twice more.
    """
    if isinstance(value, str):
        try:
            return _parse_limit(nfc(value))
        except TimeLimitParseError as exc:
            raise PydanticCustomError(
                "time_limit_unparsable",
                "cannot read a time limit from '{text}': {reason}",
                {"text": value, "reason": exc.reason or "unknown phrase"},
            ) from None
    return handler(value)


Limit = Annotated[
    TimeLimit,
    WrapValidator(_to_limit, json_schema_input_type=str | TimeLimit),
    PlainSerializer(str, return_type=str, when_used="json-unless-none"),
]
"""A :class:`~hcc.deadlines.TimeLimit`; read from a phrase or a mapping, written as its canonical phrase."""


def _unique(values: tuple[Any, ...]) -> tuple[Any, ...]:
    seen: set[Any] = set()
    for v in values:
        if v in seen:
            raise PydanticCustomError(
                "duplicate_value", "'{value}' appears twice", {"value": str(v)}
            )
        seen.add(v)
    return values


class Level(HccStrEnum):
    """Level of government that carries out a procedure (cấp thực hiện); a record may have several.

    >>> Level("commune").label
    'Cấp xã'
    """

    CENTRAL = "central"
    """Cấp bộ / trung ương: ministries and central agencies."""
    PROVINCE = "province"
    """Cấp tỉnh."""
    DISTRICT = "district"
    """Cấp huyện: a historical level. District-level government stopped operating on 1/7/2025, when
    local government became two-tier (province and commune) under the Law on Organisation of Local
    Government 72/2025/QH15 of 16/6/2025; records and dossiers dated before keep it."""
    COMMUNE = "commune"
    """Cấp xã (xã, phường, đặc khu); with the province, the two tiers of local government from 1/7/2025."""
    OTHER = "other"
    """Cơ quan khác: agencies outside the administrative levels (police, tax, land registration offices)."""

    @property
    def label(self) -> str:
        """The portal's Vietnamese label ("Cấp tỉnh")."""
        return _LEVEL_LABELS[self]

    def in_force(self, on: dt.date) -> bool:
        """Whether this level of government exists on ``on`` (district: until 30/6/2025).

        >>> Level.DISTRICT.in_force(dt.date(2025, 6, 30)), Level.DISTRICT.in_force(dt.date(2025, 7, 1))
        (True, False)
        """
        return self is not Level.DISTRICT or on < TWO_TIER_FROM

    @classmethod
    def in_force_on(cls, on: dt.date) -> tuple[Level, ...]:
        """The levels that exist on ``on``, in declaration order.

        >>> [lv.value for lv in Level.in_force_on(dt.date(2026, 1, 5))]
        ['central', 'province', 'commune', 'other']
        """
        return tuple(lv for lv in cls if lv.in_force(on))


TWO_TIER_FROM = dt.date(2025, 7, 1)
"""First day of two-tier local government (Law on Organisation of Local Government 72/2025/QH15)."""


_LEVEL_TUPLES: dict[tuple[Level, ...], tuple[Level, ...]] = {}
"""The distinct ``levels`` tuples of validated records (valid ones only), shared between records."""

_LEVEL_LABELS = {
    Level.CENTRAL: "Cấp bộ",
    Level.PROVINCE: "Cấp tỉnh",
    Level.DISTRICT: "Cấp huyện",
    Level.COMMUNE: "Cấp xã",
    Level.OTHER: "Cơ quan khác",
}


class ChannelKind(HccStrEnum):
    """How a dossier is filed (cách thức thực hiện); each channel has its own row.

    >>> ChannelKind("online").label
    'Trực tuyến'
    """

    DIRECT = "direct"
    """Trực tiếp: at the one-stop counter."""
    ONLINE = "online"
    """Trực tuyến: through an online public-service portal."""
    POSTAL = "postal"
    """Dịch vụ bưu chính: through the (public) postal service."""

    @property
    def label(self) -> str:
        """The portal's Vietnamese label ("Trực tiếp")."""
        return {"direct": "Trực tiếp", "online": "Trực tuyến", "postal": "Dịch vụ bưu chính"}[
            self.value
        ]


class OnlineLevel(HccStrEnum):
    """How far an online channel goes (Decree 42/2022/NĐ-CP art. 11; Decree 224/2026 keeps both).

    >>> OnlineLevel("full").label
    'Toàn trình'
    """

    FULL = "full"
    """Toàn trình: filed, processed, paid and returned online."""
    PARTIAL = "partial"
    """Một phần: some step (usually returning originals or paying) needs a visit."""
    INFORMATION = "information"
    """Only information and forms online (the old levels 1-2 of Decree 43/2011)."""

    @property
    def label(self) -> str:
        """The Vietnamese label."""
        return {"full": "Toàn trình", "partial": "Một phần", "information": "Cung cấp thông tin"}[
            self.value
        ]


class _SharedFieldsSet(set[str]):
    """A read-only set of field names that many frozen instances share as their ``model_fields_set``.

    Pydantic gives every instance its own ``set`` of the fields given in the input; a loaded
    catalogue holds some 130,000 instances with a few dozen distinct such sets, and every one of
    them is a container the cyclic garbage collector scans. Instances with equal sets share one of
    these instead. Mutating it raises; ``copy`` (what ``model_copy`` uses) and pickling give a plain
    ``set``, so ``model_copy(update=...)`` works as before.
    """

    __slots__ = ()

    def _read_only(self, *args: object) -> None:
        raise TypeError("a model's fields set is shared between instances and read-only")

    add = discard = remove = pop = clear = update = _read_only  # type: ignore[assignment]
    difference_update = intersection_update = symmetric_difference_update = _read_only
    __ior__ = __iand__ = __isub__ = __ixor__ = _read_only  # type: ignore[assignment]

    def __copy__(self) -> set[str]:
        return set(self)

    def __deepcopy__(self, memo: object) -> set[str]:
        return set(self)

    def __reduce__(self) -> tuple[type[set[str]], tuple[list[str]]]:
        return set, (list(self),)


_SHARED_FIELDS_SETS: dict[frozenset[str], _SharedFieldsSet] = {}
_MAX_SHARED_FIELDS_SETS = 4096


class _Model(HccModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    @model_validator(mode="after")
    def _share_fields_set(self) -> Any:
        # one shared set per distinct content instead of a set per instance (see _SharedFieldsSet)
        own = self.__pydantic_fields_set__
        key = frozenset(own)
        shared = _SHARED_FIELDS_SETS.get(key)
        if shared is None:
            if len(_SHARED_FIELDS_SETS) >= _MAX_SHARED_FIELDS_SETS:
                return self
            shared = _SHARED_FIELDS_SETS.setdefault(key, _SharedFieldsSet(key))
        object.__setattr__(self, "__pydantic_fields_set__", shared)
        return self


class LegalDocument(_Model):
    """One legal document a procedure rests on (căn cứ pháp lý), with its effective dates.

    ``effective_from`` is the first day in force; ``effective_to`` the last (both inclusive, ``None``
    when open). ``articles`` narrows it ("Điều 16"). ``unconfirmed`` marks a row not checked against
    the official text.

    >>> LegalDocument(number="60/2014/QH13", title="Luật Hộ tịch", effective_from="2016-01-01").label
    'Luật Hộ tịch 60/2014/QH13'
    """

    number: Text
    """The document number ("60/2014/QH13", "23/2015/NĐ-CP")."""
    title: Text | None = None
    issued_on: dt.date | None = None
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    articles: Text | None = None
    unconfirmed: bool = False

    @property
    def label(self) -> str:
        """Title and number, the way a counter board cites it."""
        return f"{self.title} {self.number}" if self.title else self.number

    def in_force(self, on: dt.date) -> bool:
        """Whether the document is in force on ``on`` ([effective_from, effective_to], inclusive).

        >>> LegalDocument(number="x", effective_to="2020-12-31").in_force(dt.date(2021, 1, 1))
        False
        """
        return (self.effective_from is None or self.effective_from <= on) and (
            self.effective_to is None or on <= self.effective_to
        )

    @model_validator(mode="after")
    def _order(self) -> LegalDocument:
        if self.effective_from and self.effective_to and self.effective_to < self.effective_from:
            raise PydanticCustomError(
                "date_order",
                "effective_to {to} is before effective_from {frm}",
                {"to": str(self.effective_to), "frm": str(self.effective_from)},
            )
        return self


class PublishingDecision(_Model):
    """The decision that published the procedure (quyết định công bố), e.g. ``"1872/QĐ-BTP"``.

    >>> PublishingDecision(number="1872/QĐ-BTP", issuer="Bộ Tư pháp").number
    '1872/QĐ-BTP'
    """

    number: Text
    issued_on: dt.date | None = None
    issuer: Text | None = None


class Agencies(_Model):
    """Who does what: implementing, competent (có thẩm quyền), authorised and coordinating agencies.

    >>> Agencies(implementing=["Ủy ban nhân dân cấp xã"]).implementing
    ('Ủy ban nhân dân cấp xã',)
    """

    implementing: tuple[Name, ...] = ()
    """Cơ quan thực hiện. About one portal record in eight names none; the gap is allowed and
    :func:`hcc.procedures.validate_catalogue` reports it as a warning (``missing_agency``)."""
    competent: tuple[Name, ...] = ()
    """Cơ quan có thẩm quyền quyết định."""
    authorised: tuple[Name, ...] = ()
    """Cơ quan được ủy quyền."""
    coordinating: tuple[Name, ...] = ()
    """Cơ quan phối hợp."""


class Step(_Model):
    """One step of the sequence (trình tự thực hiện), with the agency doing it and its allotment.

    The ``allotment`` is this agency's share of the total time (inter-agency procedures give each
    agency its own, Decree 61/2018 art. 19(6)).

    >>> s = Step(description="Chuyển hồ sơ đến cơ quan thuế", agency="Văn phòng đăng ký đất đai",
    ...          allotment="03 ngày làm việc")
    >>> str(s.allotment)
    '03 ngày làm việc'
    """

    description: Text
    agency: Name | None = None
    allotment: Limit | None = None


class Channel(_Model):
    """One channel row: how to file, its time limit, fee schedule and, online, its level.

    ``time_limit`` is the limit published for this channel; ``None`` means the procedure's
    statutory limit. ``fee_schedule`` is the id of a fee schedule (defined in the catalogue file or
    one of :func:`hcc.fees.standard_fee_schedules`); ``None`` means no fee or charge is collected.
    ``fee_text`` keeps the published wording.

    >>> c = Channel(kind="online", time_limit="03 ngày làm việc", online_level="full")
    >>> c.kind.label, str(c.time_limit), c.online_level.label
    ('Trực tuyến', '03 ngày làm việc', 'Toàn trình')
    """

    kind: ChannelKind
    time_limit: Limit | None = None
    fee_schedule: FeeScheduleId | None = None
    fee_text: Text | None = None
    online_level: OnlineLevel | None = None
    description: Text | None = None

    @model_validator(mode="after")
    def _online_level_only_online(self) -> Channel:
        if self.online_level is not None and self.kind is not ChannelKind.ONLINE:
            raise PydanticCustomError(
                "online_level_not_online",
                "online_level is only for the online channel, got it on '{kind}'",
                {"kind": self.kind.value},
            )
        return self


class DossierDocument(_Model):
    """One document of a dossier (thành phần hồ sơ) with counts of originals and copies.

    >>> d = DossierDocument(name="Tờ khai đăng ký khai sinh", originals=1, form="Mẫu tờ khai")
    >>> d.originals, d.copies
    (1, 0)
    """

    name: Text
    originals: int = Field(default=1, ge=0)
    """Bản chính."""
    copies: int = Field(default=0, ge=0)
    """Bản sao."""
    form: Text | None = None
    """The form (mẫu đơn, tờ khai) this document is filled on, by name or number."""
    form_url: Text | None = None
    required: bool = True
    """False for a document needed only in some situations (the note says when)."""
    note: Text | None = None


class DossierCase(_Model):
    """One alternative case (trường hợp) of the dossier; ``name`` is ``None`` for the general case.

    >>> DossierCase(documents=[{"name": "Giấy chứng sinh"}]).documents[0].originals
    1
    """

    name: Text | None = None
    documents: tuple[DossierDocument, ...] = Field(min_length=1)


class ProcedureResult(_Model):
    """A result of the procedure (kết quả), optionally with its own code (``KQ.G15.000021``).

    >>> ProcedureResult(name="Giấy khai sinh (bản chính)").name
    'Giấy khai sinh (bản chính)'
    """

    name: Text
    code: Text | None = None


class Procedure(_Model):
    """A procedure record (thủ tục hành chính) as the national database defines it.

    ``statutory_time_limit`` is the limit the law sets (``None`` when the published record states
    none that can be read: :meth:`time_limit_for` then raises :class:`TimeLimitNotStatedError` for
    a channel without its own); ``local_time_limit`` an optional shorter one a locality commits to.
    A local limit that can end later than the statutory one (or than a channel's own limit) is
    rejected with the error code ``local_limit_exceeds_statutory``. A record without a legal basis
    or an implementing agency is allowed (the portal publishes such records);
    :func:`hcc.procedures.validate_catalogue` reports these gaps as warnings. Channel kinds and
    levels are unique.

    ``valid_from``/``valid_to`` bound the version of the record (both inclusive; ``None`` is open);
    a catalogue may hold several versions of one code with disjoint validity.
    ``sources`` say where the record was read; ``unconfirmed`` lists the statements (by field path
    and why) not checked against an official text.

    >>> p = _example()
    >>> p.name, [lv.value for lv in p.levels], str(p.statutory_time_limit)
    ('Đăng ký thường trú', ['commune'], '07 ngày làm việc')
    """

    code: ProcedureCode
    name: Name
    field: Name
    """Lĩnh vực ("Hộ tịch", "Chứng thực", "Đất đai")."""
    field_code: Text | None = None
    levels: tuple[Level, ...] = Field(min_length=1)
    kind: Text | None = None
    """Loại thủ tục as the portal states it (e.g. "TTHC được luật giao cho địa phương quy định")."""
    agencies: Agencies
    steps: tuple[Step, ...] = ()
    channels: tuple[Channel, ...]
    dossier: tuple[DossierCase, ...] = ()
    dossier_sets: int = Field(default=1, ge=1)
    """Số lượng hồ sơ: how many sets are filed."""
    applicants: tuple[Text, ...] = ()
    """Đối tượng thực hiện."""
    results: tuple[ProcedureResult, ...] = ()
    conditions: tuple[Text, ...] = ()
    """Yêu cầu, điều kiện."""
    legal_basis: tuple[LegalDocument, ...] = Field(default=(), validate_default=True)
    publishing_decision: PublishingDecision | None = None
    statutory_time_limit: Limit | None = None
    local_time_limit: Limit | None = None
    time_limit_note: Text | None = None
    """The published time-limit wording, verbatim (cut-off hours, extensions)."""
    related: tuple[ProcedureCode, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    sources: tuple[Text, ...] = ()
    unconfirmed: tuple[Text, ...] = ()

    @field_validator("levels")
    @classmethod
    def _levels_unique(cls, v: tuple[Level, ...]) -> tuple[Level, ...]:
        # records share one tuple per combination of levels: a tuple of enum members stays
        # tracked by the cyclic garbage collector for good, one per record otherwise
        shared = _LEVEL_TUPLES.get(v)
        if shared is not None:
            return shared
        _unique(v)
        if len(_LEVEL_TUPLES) < 1024:
            _LEVEL_TUPLES[v] = v
        return v

    @field_validator("channels")
    @classmethod
    def _channels_unique(cls, v: tuple[Channel, ...]) -> tuple[Channel, ...]:
        if not v:
            raise PydanticCustomError("no_channel", "a procedure needs at least one channel")
        _unique(tuple(c.kind for c in v))
        return v

    @field_validator("local_time_limit")
    @classmethod
    def _local_not_longer(cls, v: TimeLimit | None, info: ValidationInfo) -> TimeLimit | None:
        if v is None:
            return v
        checks: list[tuple[str, TimeLimit]] = []
        statutory = info.data.get("statutory_time_limit")
        if isinstance(statutory, TimeLimit):
            checks.append(("the statutory limit", statutory))
        for ch in info.data.get("channels") or ():
            if ch.time_limit is not None:
                checks.append((f"the {ch.kind.value} channel's limit", ch.time_limit))
        for what, other in checks:
            if v.exceeds(other) is True:
                raise PydanticCustomError(
                    "local_limit_exceeds_statutory",
                    "local limit '{local}' is longer than {what} '{other}'",
                    {"local": str(v), "what": what, "other": str(other)},
                )
        return v

    @model_validator(mode="after")
    def _validity(self) -> Procedure:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise PydanticCustomError(
                "date_order",
                "valid_to {to} is before valid_from {frm}",
                {"to": str(self.valid_to), "frm": str(self.valid_from)},
            )
        return self

    # ------------------------------------------------------------------ queries
    def channel(self, kind: ChannelKind | str = "direct") -> Channel:
        """The channel row of ``kind``; a ``LookupError`` naming the offered kinds if absent.

        >>> _example().channel("online").fee_schedule
        'le-phi-dang-ky-thuong-tru'
        """
        k = ChannelKind(kind)
        for c in self.channels:
            if c.kind is k:
                return c
        offered = ", ".join(c.kind.value for c in self.channels)
        raise ChannelNotOfferedError(self.code, k.value, offered)

    @property
    def channel_kinds(self) -> tuple[ChannelKind, ...]:
        """The kinds of channel offered, in record order."""
        return tuple(c.kind for c in self.channels)

    def time_limit_for(
        self, channel: ChannelKind | str = "direct", *, committed: bool = True
    ) -> TimeLimit:
        """The limit that applies to a dossier filed through ``channel``.

        With ``committed=True`` (the default) a local committed limit wins; otherwise the channel's
        own published limit, else the statutory one.

        >>> p = _example()
        >>> str(p.time_limit_for("online")), str(p.time_limit_for("online", committed=False))
        ('05 ngày làm việc', '07 ngày làm việc')
        """
        c = self.channel(channel)
        if committed and self.local_time_limit is not None:
            return self.local_time_limit
        limit = c.time_limit if c.time_limit is not None else self.statutory_time_limit
        if limit is None:
            raise TimeLimitNotStatedError(self.code, c.kind.value)
        return limit

    def in_force(self, on: dt.date) -> bool:
        """Whether this version is valid on ``on`` ([valid_from, valid_to], both inclusive).

        >>> _example().in_force(dt.date(2021, 6, 30)), _example().in_force(dt.date(2021, 7, 1))
        (False, True)
        """
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )

    def documents(self, case: str | None = None) -> Iterator[DossierDocument]:
        """The documents of one dossier case (by name), or of every case when ``case`` is None.

        >>> next(_example().documents()).name
        'Tờ khai thay đổi thông tin cư trú'
        """
        for c in self.dossier:
            if case is None or c.name == case:
                yield from c.documents


class ChannelNotOfferedError(HccError, LookupError):
    """A procedure does not offer the channel asked for; names the procedure and the offered kinds.

    >>> str(ChannelNotOfferedError("2.000884", "online", "direct"))
    "procedure 2.000884 has no 'online' channel (offered: direct)"
    """

    def __init__(self, code: str, kind: str, offered: str) -> None:
        self.code = code
        self.kind = kind
        self.offered = offered
        super().__init__(f"procedure {code} has no {kind!r} channel (offered: {offered})")

    def __str__(self) -> str:
        return str(self.args[0])


def is_procedure_code(value: str) -> bool:
    """Whether ``value`` is a well-formed procedure code.

    >>> is_procedure_code("1.000948.H38"), is_procedure_code("1.1193")
    (True, False)
    """
    return isinstance(value, str) and _CODE_RE.fullmatch(value) is not None


def _example() -> Procedure:
    """A small record used by the examples in this module (not a complete published record)."""
    return Procedure.model_validate(
        {
            "code": "1.004222",
            "name": "Đăng ký thường trú",
            "field": "Đăng ký, quản lý cư trú",
            "levels": ["commune"],
            "agencies": {"implementing": ["Công an cấp xã"]},
            "channels": [
                {"kind": "direct", "fee_schedule": "le-phi-dang-ky-thuong-tru"},
                {"kind": "online", "fee_schedule": "le-phi-dang-ky-thuong-tru"},
            ],
            "dossier": [{"documents": [{"name": "Tờ khai thay đổi thông tin cư trú"}]}],
            "statutory_time_limit": "07 ngày làm việc",
            "local_time_limit": "05 ngày làm việc",
            "legal_basis": [{"number": "68/2020/QH14", "title": "Luật Cư trú"}],
            "valid_from": "2021-07-01",
        }
    )
