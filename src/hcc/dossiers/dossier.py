"""A dossier (hồ sơ): who filed what, and the append-only log of what happened to it.

Everything else is derived from the log and never stored twice: the state (the state machine
of [`hcc.dossiers.states`][hcc.dossiers.states]), the key moments (receipt, answer, return), the agency steps, and
the SLA clock ([`Dossier.sla`][Dossier.sla], from [`hcc.deadlines`][hcc.deadlines]). A [`Dossier`][Dossier] is immutable;
[`Dossier.record`][Dossier.record] returns a new one with one more event, after checking it.

>>> import datetime as dt
>>> d = Dossier.receive(code="000.00.01.H38-260302-0001", procedure_code="1.001193",
...     procedure_name="Đăng ký khai sinh", lead_agency="UBND xã Tân Lập",
...     applicant="Nguyễn Văn A", time_limit="Trong ngày",
...     at=dt.datetime(2026, 3, 2, 8, 15))
>>> d = d.record("result_ready", dt.datetime(2026, 3, 2, 10, 0)).record("returned", dt.datetime(2026, 3, 2, 10, 30))
>>> d.state.value, d.returned_at.time().isoformat()
('returned', '10:30:00')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Self

from pydantic import Field, GetCoreSchemaHandler, field_validator
from pydantic_core import core_schema

from hcc._text import name_text
from hcc._types import HccModel
from hcc.calendar import InvalidInputError, WorkingCalendar, as_vn_datetime
from hcc.deadlines import (
    ClockEvent,
    Deadline,
    DeadlinePolicy,
    Extended,
    HandedOver,
    Received,
    ResultReady,
    Returned,
    SlaClock,
    SlaStatus,
    Stopped,
    SupplementReceived,
    SupplementRequested,
    TimeLimit,
    Withdrawn,
    compute_deadline,
    policy_in_force,
)
from hcc.dossiers.events import DossierEvent, EventKind, Rating, nfc_or_none
from hcc.dossiers.states import (
    RETURN_EVENTS,
    SETTLED_STATES,
    DossierState,
    next_state,
)
from hcc.errors import DossierCodeError, EventOrderError, ExtensionLimitError
from hcc.procedures import ChannelKind
from hcc.procedures.dossier_codes import DossierCode, DossierCodeAllocator

if TYPE_CHECKING:
    from hcc.procedures import Procedure

__all__ = ["AgencyStep", "Dossier", "DossierData", "Supplement"]


class AgencyStep(HccModel):
    """One hand-over to another agency: ``[sent_at, back_at)``; ``back_at`` is None while there.

    The step ends when the dossier comes back (``transfer_returned``), moves on to the next
    agency (``transferred``), or leaves the agency otherwise (a supplement request, refusal or
    withdrawal).

    >>> AgencyStep(agency="Chi cục Thuế", sent_at=dt.datetime(2026, 3, 2, 9)).back_at is None
    True
    """

    agency: str
    sent_at: dt.datetime
    back_at: dt.datetime | None = None
    allotment: TimeLimit | None = None


class Supplement(HccModel):
    """One request to supplement: ``[requested_at, received_at)``; ``received_at`` None while open.

    >>> Supplement(requested_at=dt.datetime(2026, 3, 3, 9)).received_at is None
    True
    """

    requested_at: dt.datetime
    received_at: dt.datetime | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class _Facts:
    state: DossierState
    received_at: dt.datetime
    settled_at: dt.datetime | None
    settled_by: EventKind | None
    returned_at: dt.datetime | None
    returned_via: EventKind | None
    delivered_at: dt.datetime | None
    withdrawn_at: dt.datetime | None
    rating: Rating | None
    stopped_at: dt.datetime | None
    rated_at: dt.datetime | None
    steps: tuple[AgencyStep, ...]
    supplements: tuple[Supplement, ...]
    extensions: tuple[DossierEvent, ...]


def _check_order(prev: DossierEvent, event: DossierEvent, index: int) -> None:
    if event.at < prev.at:
        raise EventOrderError(
            f"events must be in time order: event {index} ({event.kind.value} at "
            f"{event.at.isoformat()}) comes before the previous one ({prev.kind.value} at "
            f"{prev.at.isoformat()})",
            event=event.kind.value,
            other=prev.kind.value,
        )


def _walk(events: tuple[DossierEvent, ...]) -> _Facts:
    """Replay ``events`` through the state machine and collect the derived facts (one pass)."""
    state = DossierState.NEW
    settled_at = returned_at = delivered_at = withdrawn_at = rated_at = stopped_at = None
    settled_by = returned_via = None
    rating: Rating | None = None
    steps: list[AgencyStep] = []
    supplements: list[Supplement] = []
    extensions: list[DossierEvent] = []
    open_step: DossierEvent | None = None
    prev: DossierEvent | None = None
    for i, e in enumerate(events):
        if prev is not None:
            _check_order(prev, e, i)
        state = next_state(state, e.kind)
        k = e.kind
        if open_step is not None and k not in (EventKind.EXTENDED, EventKind.RATED):
            steps.append(
                AgencyStep(
                    agency=open_step.agency or "",
                    sent_at=open_step.at,
                    back_at=e.at,
                    allotment=open_step.allotment,
                )
            )
            open_step = None
        if k is EventKind.TRANSFERRED:
            open_step = e
        elif k is EventKind.SUPPLEMENT_REQUESTED:
            supplements.append(Supplement(requested_at=e.at, reason=e.reason))
        elif k is EventKind.SUPPLEMENT_RECEIVED:
            supplements[-1] = supplements[-1].model_copy(update={"received_at": e.at})
        elif k is EventKind.EXTENDED:
            extensions.append(e)
        elif k in (EventKind.RESULT_READY, EventKind.REFUSED):
            settled_at, settled_by = e.at, k
        elif k is EventKind.WITHDRAWN:
            withdrawn_at = e.at
        elif k is EventKind.STOPPED:
            stopped_at = e.at
        elif k in RETURN_EVENTS:
            if returned_at is None:
                returned_at, returned_via = e.at, k
            if k is EventKind.DELIVERED:
                delivered_at = e.at
        elif k is EventKind.RATED:
            rating, rated_at = e.rating, e.at
        prev = e
    if open_step is not None:
        steps.append(
            AgencyStep(
                agency=open_step.agency or "", sent_at=open_step.at, allotment=open_step.allotment
            )
        )
    return _Facts(
        state=state,
        received_at=events[0].at,
        settled_at=settled_at,
        settled_by=settled_by,
        returned_at=returned_at,
        returned_via=returned_via,
        delivered_at=delivered_at,
        withdrawn_at=withdrawn_at,
        rating=rating,
        stopped_at=stopped_at,
        rated_at=rated_at,
        steps=tuple(steps),
        supplements=tuple(supplements),
        extensions=tuple(extensions),
    )


def _pick(limit: TimeLimit, alternate: bool) -> TimeLimit:
    if alternate and limit.alternate is not None:
        return limit.alternate
    return limit


class DossierData(HccModel):
    """The data of a dossier: its identity, the limits that apply to it, and its event log.

    A plain pydantic record: it checks each field (the code's form, NFC text, limit phrases), not
    the log as a whole. [`Dossier`][Dossier] replays a record's log through the state machine and
    is what the rest of hcc works with; a record is what is stored and exchanged (its JSON is a
    dossier's JSON).

    ``time_limit`` is the limit the dossier is held to (the local committed one when there is one);
    ``statutory_limit`` the limit the law sets (Circular 01/2018 index 1 compares with it; it
    defaults to ``time_limit``). ``sets`` is the number of sets filed (số lượng hồ sơ, bộ).

    >>> r = DossierData(code="000.00.01.H38-260302-0002", procedure_code="2.000815",
    ...     procedure_name="Chứng thực bản sao từ bản chính", lead_agency="UBND xã Tân Lập",
    ...     applicant="Trần Thị B", time_limit="Trong ngày",
    ...     events=[{"kind": "received", "at": "2026-03-02T09:00"}])
    >>> Dossier.from_data(r).state.value
    'processing'
    """

    code: DossierCode
    procedure_code: str = Field(min_length=1)
    procedure_name: str = Field(min_length=1)
    field: str | None = None
    """Lĩnh vực ("Hộ tịch", "Đất đai")."""
    lead_agency: str = Field(min_length=1)
    """Cơ quan chủ trì giải quyết."""
    applicant: str = Field(min_length=1)
    address: str | None = None
    phone: str | None = None
    channel: ChannelKind = ChannelKind.DIRECT
    sets: int = Field(default=1, ge=1)
    time_limit: TimeLimit
    statutory_limit: TimeLimit | None = None
    use_alternate: bool = False
    """The limits' alternate applies (a record with two limits, e.g. "trường hợp cần xác minh")."""
    note: str | None = None
    policy: DeadlinePolicy | None = None
    """The counting policy of this dossier (None: the caller's, else the one in force on the
    receipt date, [`hcc.deadlines.policy_in_force`][hcc.deadlines.policy_in_force]). A dossier is judged by the rules of its
    receipt."""
    events: tuple[DossierEvent, ...] = Field(min_length=1)

    @field_validator("code", mode="before")
    @classmethod
    def _code(cls, v: Any) -> Any:
        return DossierCode.parse(v) if isinstance(v, str) else v

    @field_validator("procedure_code", "address", "phone", "note", mode="before")
    @classmethod
    def _text(cls, v: Any) -> Any:
        return nfc_or_none(v)

    @field_validator("procedure_name", "field", "lead_agency", "applicant", mode="before")
    @classmethod
    def _name(cls, v: Any) -> Any:  # names are one line (see hcc._text)
        return nfc_or_none(name_text(v))

    @field_validator("time_limit", "statutory_limit", mode="before")
    @classmethod
    def _limit(cls, v: Any) -> Any:
        return TimeLimit.parse(v) if isinstance(v, str) else v


def _check_extensions(record: DossierData, extensions: tuple[DossierEvent, ...]) -> None:
    pol = record.policy or policy_in_force(record.events[0].at)  # the receipt comes first
    allowed = pol.max_extensions
    if len(extensions) > allowed:
        e = extensions[allowed]
        raise ExtensionLimitError(
            f"the appointment may be moved at most {allowed} time(s) "
            f"({pol.basis_of('max_extensions')}; policy.max_extensions)",
            event=f"extended at {e.at:%Y-%m-%d %H:%M}",
            other=f"extended at {extensions[allowed - 1].at:%Y-%m-%d %H:%M}" if allowed else None,
        )


def _replay(record: DossierData) -> _Facts:
    """Check ``record`` as a whole and replay its log once ([`_walk`][_walk])."""
    if record.use_alternate and record.time_limit.alternate is None:
        raise InvalidInputError(
            "use_alternate",
            True,
            f"False: time_limit {str(record.time_limit)!r} has no alternate",
        )
    facts = _walk(record.events)
    _check_extensions(record, facts.extensions)
    received_on = facts.received_at.date()
    if record.code.received_on != received_on:
        raise DossierCodeError(
            f"dossier code: got {str(record.code)!r}, whose date {record.code.received_on} is not "
            f"the receipt date {received_on}; the code's YYMMDD is the receipt date "
            "(Circular 01/2018/TT-VPCP art. 19)"
        )
    return facts


class Dossier:
    """A dossier: a [`DossierData`][DossierData] and what its log says, replayed once when it is built.

    ``Dossier(**fields)`` validates a record from ``fields`` and replays its log;
    [`from_data`][from_data] replays the data you already have; [`model_validate`][model_validate] and
    [`model_validate_json`][model_validate_json] read a mapping or JSON. Each replays the log exactly once. The
    record's fields are read-only attributes (``d.code``, ``d.events``, ...), ``d.data`` is the
    record itself, and [`model_dump`][model_dump] / [`model_dump_json`][model_dump_json] write it.

    ``events`` must start with ``received``, be in time order (equal moments keep their order)
    and follow the state machine; an invalid event raises [`hcc.errors.InvalidTransitionError`][hcc.errors.InvalidTransitionError]
    naming the state and the event, an event out of time order [`hcc.errors.EventOrderError`][hcc.errors.EventOrderError],
    more extensions than the policy allows (``max_extensions``, one by default, Decree 61/2018
    art. 19(9)) [`hcc.errors.ExtensionLimitError`][hcc.errors.ExtensionLimitError]. These are raised as they are, not inside a
    pydantic ``ValidationError`` (a bad field still raises ``ValidationError``). As a field of
    another pydantic model (or in a ``TypeAdapter``) a dossier validates the same way, and there
    pydantic reports a bad log inside its ``ValidationError``.

    A dossier is immutable: [`record`][record] / [`append`][append] return a new one.

    >>> d = Dossier(code="000.00.01.H38-260302-0002", procedure_code="2.000815",
    ...     procedure_name="Chứng thực bản sao từ bản chính", lead_agency="UBND xã Tân Lập",
    ...     applicant="Trần Thị B", time_limit="Trong ngày",
    ...     events=[{"kind": "received", "at": "2026-03-02T09:00"},
    ...             {"kind": "returned", "at": "2026-03-02T09:30"}])
    Traceback (most recent call last):
    ...
    hcc.errors.InvalidTransitionError: event 'returned' is not allowed in state 'processing'; ...
    """

    __slots__ = ("__weakref__", "_code_text", "_facts", "_memo", "_record")

    _record: DossierData
    _facts: _Facts
    _code_text: str | None
    _memo: Any
    """The last batch evaluation ([`hcc.dossiers._evaluate`][hcc.dossiers._evaluate]); a cache, not data."""

    def __init__(self, **fields: Any) -> None:
        self._set(DossierData(**fields))
        raw = fields.get("code")
        if isinstance(raw, str):
            # DossierCode.parse accepted it whole (after strip): it is already the canonical text
            self._code_text = raw.strip()

    def _set(
        self, record: DossierData, facts: _Facts | None = None, code_text: str | None = None
    ) -> None:
        self._record = record
        self._facts = _replay(record) if facts is None else facts
        self._code_text = code_text
        self._memo = None

    @classmethod
    def from_data(cls, data: DossierData) -> Self:
        """The dossier of ``data``: its log replayed and checked.

        >>> r = DossierData.model_validate({"code": "000.00.01.H38-260302-0024",
        ...     "procedure_code": "1.001193", "procedure_name": "P", "lead_agency": "L",
        ...     "applicant": "A", "time_limit": "Trong ngày",
        ...     "events": [{"kind": "received", "at": "2026-03-02T08:00"}]})
        >>> Dossier.from_data(r).data is r
        True

        Raises:
            InvalidInputError: ``data`` is not a [`DossierData`][DossierData].
            InvalidTransitionError: the log breaks the state machine.
            EventOrderError: the log is out of time order.
        """
        if not isinstance(data, DossierData):
            raise InvalidInputError(
                "data", data, "a DossierData (use Dossier.model_validate for a mapping)"
            )
        new = cls.__new__(cls)
        new._set(data)
        return new

    def _replayed(self, record: DossierData, facts: _Facts) -> Self:
        """A dossier of the same identity (code included) over ``record``, already replayed."""
        new = type(self).__new__(type(self))
        new._set(record, facts, self._code_text)
        return new

    @classmethod
    def model_validate(cls, obj: Any) -> Self:
        """A dossier from a mapping (or a [`DossierData`][DossierData], or a dossier, returned as is).

        >>> Dossier.model_validate({"code": "000.00.01.H38-260302-0021", "procedure_code": "1.001193", "procedure_name": "P",
        ...     "lead_agency": "L", "applicant": "A", "time_limit": "Trong ngày",
        ...     "events": [{"kind": "received", "at": "2026-03-02T08:00"}]}).state.value
        'processing'
        """
        if isinstance(obj, cls):
            return obj
        return cls.from_data(DossierData.model_validate(obj))

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray) -> Self:
        """A dossier from its JSON ([`model_dump_json`][model_dump_json]); a round trip gives an equal dossier.

        >>> d = Dossier.receive(code="000.00.01.H38-260302-0020", procedure_code="1.001193", procedure_name="P",
        ...     lead_agency="L", applicant="A", time_limit="Trong ngày", at="2026-03-02T08:00")
        >>> Dossier.model_validate_json(d.model_dump_json()) == d
        True
        """
        return cls.from_data(DossierData.model_validate_json(json_data))

    @classmethod
    def model_json_schema(cls) -> dict[str, Any]:
        """The JSON schema of a dossier's JSON (the record's)."""
        return DossierData.model_json_schema()

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        # as a field of a pydantic model: a dossier as is, or a record's data replayed once
        data = handler.generate_schema(DossierData)
        return core_schema.union_schema(
            [
                core_schema.is_instance_schema(cls),
                core_schema.no_info_after_validator_function(cls.from_data, data),
            ],
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda d: d.data, return_schema=data
            ),
        )

    @property
    def data(self) -> DossierData:
        """The dossier's data (what is stored and exchanged)."""
        return self._record

    def model_dump(self, **kwargs: Any) -> dict[str, Any]:
        """The record's ``model_dump(**kwargs)``.

        >>> d = Dossier.receive(code="000.00.01.H38-260302-0025", procedure_code="1.001193",
        ...     procedure_name="P", lead_agency="L", applicant="A", time_limit="Trong ngày",
        ...     at="2026-03-02T08:00")
        >>> d.model_dump(mode="json")["events"]
        [{'kind': 'received', 'at': '2026-03-02T08:00:00+07:00', ...}]
        """
        return self._record.model_dump(**kwargs)

    def model_dump_json(self, **kwargs: Any) -> str:
        """The record's ``model_dump_json(**kwargs)``."""
        return self._record.model_dump_json(**kwargs)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy; with ``update`` the fields are validated and the log replayed (and checked).

        A dossier is immutable, so without ``update`` the copy is the dossier itself (``deep``
        changes nothing: it is accepted as pydantic's ``model_copy`` accepts it).

        >>> d = Dossier.receive(code="000.00.01.H38-260302-0022", procedure_code="1.001193",
        ...     procedure_name="P", lead_agency="L", applicant="A", time_limit="Trong ngày",
        ...     at="2026-03-02T08:00")
        >>> str(d.model_copy(update={"code": "000.00.01.H38-260302-0023"}).code)
        '000.00.01.H38-260302-0023'
        """
        if not update:
            return self
        values = {name: getattr(self._record, name) for name in DossierData.model_fields}
        values.update(update)
        return type(self)(**values)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Dossier)
        return self._record == other._record

    def __hash__(self) -> int:
        return hash(self._record)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._record if v is not None)
        return f"{type(self).__name__}({args})"

    def __reduce__(self) -> tuple[Any, ...]:
        # the record is the data; unpickling replays it (the memo holds a calendar: not pickled)
        return (type(self).from_data, (self._record,))

    # ------------------------------------------------------------------ the record's fields
    @property
    def code(self) -> DossierCode:
        """Mã hồ sơ ([`hcc.procedures.DossierCode`][hcc.procedures.DossierCode])."""
        return self._record.code

    @property
    def procedure_code(self) -> str:
        """The procedure's code in the national database."""
        return self._record.procedure_code

    @property
    def procedure_name(self) -> str:
        """The procedure's name."""
        return self._record.procedure_name

    @property
    def field(self) -> str | None:
        """Lĩnh vực ("Hộ tịch", "Đất đai")."""
        return self._record.field

    @property
    def lead_agency(self) -> str:
        """Cơ quan chủ trì giải quyết."""
        return self._record.lead_agency

    @property
    def applicant(self) -> str:
        """The applicant's name."""
        return self._record.applicant

    @property
    def address(self) -> str | None:
        """The applicant's address."""
        return self._record.address

    @property
    def phone(self) -> str | None:
        """The applicant's phone number."""
        return self._record.phone

    @property
    def channel(self) -> ChannelKind:
        """How the dossier was filed."""
        return self._record.channel

    @property
    def sets(self) -> int:
        """Số lượng hồ sơ (bộ)."""
        return self._record.sets

    @property
    def time_limit(self) -> TimeLimit:
        """The limit the dossier is held to."""
        return self._record.time_limit

    @property
    def statutory_limit(self) -> TimeLimit | None:
        """The limit the law sets (None: ``time_limit``)."""
        return self._record.statutory_limit

    @property
    def use_alternate(self) -> bool:
        """Whether the limits' alternate applies."""
        return self._record.use_alternate

    @property
    def note(self) -> str | None:
        """A free note."""
        return self._record.note

    @property
    def policy(self) -> DeadlinePolicy | None:
        """The dossier's own counting policy (None: the caller's, else the one in force)."""
        return self._record.policy

    @property
    def events(self) -> tuple[DossierEvent, ...]:
        """The append-only event log."""
        return self._record.events

    # ------------------------------------------------------------------ construction
    @classmethod
    def receive(
        cls,
        *,
        at: dt.datetime | str,
        code: DossierCode | str | None = None,
        allocator: DossierCodeAllocator | None = None,
        **fields: Any,
    ) -> Dossier:
        """A new dossier whose log is its receipt at ``at``; ``fields`` are the other fields.

        Give ``code``, or an ``allocator`` ([`hcc.procedures.DossierCodeAllocator`][hcc.procedures.DossierCodeAllocator]) that
        hands out the next code of the receipt day. The dossier is validated before the
        allocator is asked: a receipt refused for a bad field takes no serial.

        >>> from hcc.procedures.dossier_codes import DossierCodeAllocator
        >>> alloc = DossierCodeAllocator("000.00.01.H38")
        >>> d = Dossier.receive(allocator=alloc, procedure_code="1.001193", procedure_name="Đăng ký khai sinh",
        ...     lead_agency="UBND xã", applicant="A", time_limit="Trong ngày", at="2026-03-02T08:00")
        >>> str(d.code), [e.kind.value for e in d.events]
        ('000.00.01.H38-260302-0001', ['received'])

        Raises:
            InvalidInputError: neither ``code`` nor an allocator is given, or a value has the wrong
                type.
            TimeLimitParseError: ``limit`` is a phrase that cannot be read.
        """
        if code is None:
            if allocator is None:
                raise InvalidInputError("code", None, "a dossier code, or an allocator to draw one")
            moment = as_vn_datetime(at, "at")
            # validate the whole dossier with a stand-in code first: a refused receipt takes no
            # serial from the allocator (issue 13: "a failed receipt burns a serial number")
            cls(
                code=allocator.draft(moment),
                **fields,
                events=(DossierEvent(kind=EventKind.RECEIVED, at=at),),
            )
            code = allocator.allocate(moment)
        return cls(code=code, **fields, events=(DossierEvent(kind=EventKind.RECEIVED, at=at),))

    @classmethod
    def from_procedure(
        cls,
        procedure: Procedure,
        *,
        at: dt.datetime | str,
        applicant: str,
        code: DossierCode | str | None = None,
        allocator: DossierCodeAllocator | None = None,
        channel: ChannelKind | str = ChannelKind.DIRECT,
        committed: bool = True,
        **fields: Any,
    ) -> Dossier:
        """A dossier received at ``at`` for ``procedure``, taking its name, field, lead agency,
        number of sets and limits from the record: ``time_limit`` is
        ``procedure.time_limit_for(channel, committed=committed)`` and ``statutory_limit`` the
        channel's published (non-committed) limit.

        >>> from hcc.procedures import default_catalogue
        >>> d = Dossier.from_procedure(default_catalogue().get("1.004222"), code="000.00.01.H38-260302-0012",
        ...                            at="2026-03-02T08:00", applicant="A", channel="online")
        >>> d.procedure_name, str(d.time_limit), d.lead_agency
        ('Đăng ký thường trú', '07 ngày làm việc', 'Công an cấp xã')

        Raises:
            InvalidInputError: ``procedure`` is not a [`Procedure`][hcc.procedures.Procedure], or a
                value has the wrong type.
            TimeLimitNotStatedError: the procedure states no time limit for ``channel``.
        """
        from hcc.procedures import Procedure

        if not isinstance(procedure, Procedure):
            raise InvalidInputError("procedure", procedure, "a Procedure (from a Catalogue)")
        kind = ChannelKind(channel)
        base: dict[str, Any] = {
            "procedure_code": procedure.code,
            "procedure_name": procedure.name,
            "field": procedure.field,
            "lead_agency": next(
                iter(procedure.agencies.implementing or procedure.agencies.competent),
                "Không có thông tin",
            ),
            "sets": procedure.dossier_sets,
            "time_limit": procedure.time_limit_for(kind, committed=committed),
            "statutory_limit": procedure.time_limit_for(kind, committed=False),
        }
        base.update(fields)
        return cls.receive(
            code=code, allocator=allocator, at=at, applicant=applicant, channel=kind, **base
        )

    def append(self, event: DossierEvent) -> Dossier:
        """A new dossier with ``event`` appended, after checking it against the state and time.

        >>> d = Dossier.receive(code="000.00.01.H38-260302-0013", procedure_code="1.001193", procedure_name="Đăng ký khai sinh",
        ...     lead_agency="UBND xã", applicant="A", time_limit="Trong ngày", at="2026-03-02T08:00")
        >>> d.append(DossierEvent(kind="posted", at="2026-03-02T09:00"))
        Traceback (most recent call last):
        ...
        hcc.errors.InvalidTransitionError: event 'posted' is not allowed in state 'processing'; ...
        """
        if not isinstance(event, DossierEvent):
            event = DossierEvent.model_validate(event)
        record = self._record
        events = (*record.events, event)
        # the full replay is one pass over a short log; it also refreshes every derived fact
        facts = _walk(events)
        _check_extensions(record, facts.extensions)
        # the other fields are the record's, checked already: copied, not validated again
        return self._replayed(record.model_copy(update={"events": events}), facts)

    def record(self, kind: EventKind | str, at: dt.datetime | str, **fields: Any) -> Dossier:
        """Shorthand for ``append(DossierEvent(kind=kind, at=at, **fields))``.

        >>> d = Dossier.receive(code="000.00.01.H38-260302-0014", procedure_code="1.001193", procedure_name="Đăng ký khai sinh",
        ...     lead_agency="UBND xã", applicant="A", time_limit="05 ngày làm việc", at="2026-03-02T08:00")
        >>> d.record("transferred", "2026-03-02T09:00", agency="Công an xã").state.value
        'at_agency'
        """
        return self.append(DossierEvent(kind=EventKind(kind), at=at, **fields))

    def as_of(self, moment: dt.datetime | str) -> Dossier | None:
        """The dossier as known at ``moment``: its events at or before it (None if not yet received).

        >>> d = Dossier.receive(code="000.00.01.H38-260302-0015", procedure_code="1.001193", procedure_name="Đăng ký khai sinh",
        ...     lead_agency="UBND xã", applicant="A", time_limit="Trong ngày", at="2026-03-02T08:00")
        >>> d = d.record("result_ready", "2026-03-02T10:00")
        >>> d.as_of("2026-03-02T09:00").state.value, d.as_of("2026-03-01T09:00") is None
        ('processing', True)
        """
        m = as_vn_datetime(moment, "moment")
        n = len(self.events)
        while n and self.events[n - 1].at > m:
            n -= 1
        if n == len(self.events):
            return self
        if n == 0:
            return None
        events = self.events[:n]
        return self._replayed(self._record.model_copy(update={"events": events}), _walk(events))

    # ------------------------------------------------------------------ derived facts
    @property
    def _f(self) -> _Facts:
        return self._facts

    @property
    def state(self) -> DossierState:
        """The current state (derived from the log)."""
        return self._f.state

    @property
    def received_at(self) -> dt.datetime:
        """The moment of receipt (the first event)."""
        return self._f.received_at

    @property
    def applicable_limit(self) -> TimeLimit:
        """The limit the SLA clock counts: ``time_limit``, or its alternate with ``use_alternate``.

        >>> d = Dossier.receive(code="000.00.01.H38-260302-0033", procedure_code="2.000815",
        ...     procedure_name="Chứng thực bản sao từ bản chính", lead_agency="UBND xã", applicant="A",
        ...     time_limit="Trong ngày; trường hợp số lượng lớn thì không quá 02 ngày làm việc",
        ...     use_alternate=True, at="2026-03-02T08:00")
        >>> str(d.applicable_limit), str(d.appointment().due_date)
        ('02 ngày làm việc', '2026-03-04')
        """
        return _pick(self.time_limit, self.use_alternate)

    @property
    def effective_limit(self) -> TimeLimit:
        """The limit Circular 01/2018 index 1 compares with: ``statutory_limit``, else
        ``time_limit`` (their alternate with ``use_alternate``, when they have one)."""
        if self.statutory_limit is None:
            return self.applicable_limit
        return _pick(
            self.statutory_limit, self.use_alternate and self.statutory_limit.alternate is not None
        )

    @property
    def settled_at(self) -> dt.datetime | None:
        """When the answer was given: the ``result_ready`` or ``refused`` event (None if not yet)."""
        return self._f.settled_at

    @property
    def settled_by(self) -> EventKind | None:
        """``result_ready`` or ``refused`` (None if not settled)."""
        return self._f.settled_by

    @property
    def is_settled(self) -> bool:
        """Whether the dossier has been answered (a result or a refusal)."""
        return self._f.state in SETTLED_STATES

    @property
    def returned_at(self) -> dt.datetime | None:
        """When the answer left the office: the first ``returned``, ``posted`` or ``delivered``."""
        return self._f.returned_at

    @property
    def returned_via(self) -> EventKind | None:
        """How the answer was handed over: ``returned``, ``posted`` or ``delivered`` (the first)."""
        return self._f.returned_via

    @property
    def delivered_at(self) -> dt.datetime | None:
        """When the answer reached the applicant's home (None if not delivered)."""
        return self._f.delivered_at

    @property
    def withdrawn_at(self) -> dt.datetime | None:
        """When the applicant withdrew the dossier (None if not withdrawn)."""
        return self._f.withdrawn_at

    @property
    def stopped_at(self) -> dt.datetime | None:
        """When the agency stopped processing the dossier (dừng giải quyết; None if it did not)."""
        return self._f.stopped_at

    @property
    def rating(self) -> Rating | None:
        """The applicant's last rating (None if not rated)."""
        return self._f.rating

    @property
    def rated_at(self) -> dt.datetime | None:
        """When the last rating was given."""
        return self._f.rated_at

    @property
    def agency_steps(self) -> tuple[AgencyStep, ...]:
        """The hand-overs to other agencies, in order."""
        return self._f.steps

    @property
    def supplements(self) -> tuple[Supplement, ...]:
        """The requests to supplement, in order."""
        return self._f.supplements

    @property
    def extensions(self) -> tuple[DossierEvent, ...]:
        """The ``extended`` events (new appointments), in order."""
        return self._f.extensions

    @property
    def code_text(self) -> str:
        """``str(code)``, computed once."""
        text = self._code_text
        if text is None:
            text = self._code_text = str(self._record.code)
        return text

    @property
    def receipt_year(self) -> int:
        """The (Vietnam-local) year of receipt: the register book the dossier belongs to."""
        return self._facts.received_at.year

    # ------------------------------------------------------------------ the SLA clock
    def clock_events(self) -> tuple[ClockEvent, ...]:
        """The log as the SLA clock of [`hcc.deadlines`][hcc.deadlines] reads it.

        ``received`` → ``Received`` (naming the lead agency when the dossier goes to other
        agencies); ``transferred`` → ``HandedOver`` from the current holder to the agency, with
        its allotment; ``transfer_returned`` → ``HandedOver`` back to the lead agency; a
        ``supplement_requested`` at another agency first hands the dossier back to the lead
        agency (the one-stop counter issues the request and receives the supplement);
        ``extended`` → ``Extended``; ``result_ready`` and ``refused`` (a written refusal is the
        answer) → ``ResultReady``; the first of ``returned``/``posted``/``delivered`` →
        ``Returned``; ``withdrawn`` → ``Withdrawn``; ``stopped`` → ``Stopped``; ratings are not
        clock events.

        >>> d = Dossier.receive(code="000.00.01.H38-260302-0030", procedure_code="1.001193",
        ...     procedure_name="P", lead_agency="UBND xã", applicant="A", time_limit="05 ngày làm việc",
        ...     at="2026-03-02T08:00").record("transferred", "2026-03-02T10:00", agency="Công an xã")
        >>> [type(e).__name__ for e in d.clock_events()]
        ['Received', 'HandedOver']
        """
        # The dossier's events are validated already (aware Vietnam moments, NFC text, parsed
        # limits), so the clock events are built without validating them again.
        lead = self.lead_agency
        inter = bool(self._f.steps)
        out: list[ClockEvent] = []
        holder = lead
        returned = False
        for e in self.events:
            k = e.kind
            if k is EventKind.RECEIVED:
                out.append(
                    Received.model_construct(at=e.at, agency=lead if inter else None, note=e.note)
                )
            elif k is EventKind.TRANSFERRED:
                agency = e.agency or ""
                out.append(
                    HandedOver.model_construct(
                        at=e.at, from_agency=holder, to_agency=agency, allotment=e.allotment
                    )
                )
                holder = agency
            elif k is EventKind.TRANSFER_RETURNED:
                out.append(HandedOver.model_construct(at=e.at, from_agency=holder, to_agency=lead))
                holder = lead
            elif k is EventKind.SUPPLEMENT_REQUESTED:
                if holder != lead:
                    out.append(
                        HandedOver.model_construct(at=e.at, from_agency=holder, to_agency=lead)
                    )
                    holder = lead
                out.append(
                    SupplementRequested.model_construct(at=e.at, reason=e.reason, note=e.note)
                )
            elif k is EventKind.SUPPLEMENT_RECEIVED:
                out.append(SupplementReceived.model_construct(at=e.at, note=e.note))
            elif k is EventKind.EXTENDED:
                assert e.new_due is not None
                out.append(
                    Extended.model_construct(
                        at=e.at, new_due_at=e.new_due, reason=e.reason, note=e.note
                    )
                )
            elif k is EventKind.RESULT_READY:
                out.append(ResultReady.model_construct(at=e.at, note=e.note))
            elif k is EventKind.REFUSED:
                out.append(ResultReady.model_construct(at=e.at, note=e.note or "refused"))
            elif k in RETURN_EVENTS:
                if not returned:
                    out.append(Returned.model_construct(at=e.at, note=e.note))
                    returned = True
            elif k is EventKind.WITHDRAWN:
                out.append(Withdrawn.model_construct(at=e.at, reason=e.reason, note=e.note))
            elif k is EventKind.STOPPED:
                out.append(Stopped.model_construct(at=e.at, reason=e.reason, note=e.note))
        return tuple(out)

    def clock(
        self,
        *,
        limit: TimeLimit | None = None,
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
    ) -> SlaClock:
        """The [`hcc.deadlines.SlaClock`][hcc.deadlines.SlaClock] over [`clock_events`][clock_events] for ``time_limit`` (or
        ``limit``), with the dossier's policy, else ``policy``, else the one in force on the
        receipt date ([`hcc.deadlines.policy_in_force`][hcc.deadlines.policy_in_force])."""
        return SlaClock(
            limit or self.applicable_limit,
            self.clock_events(),
            calendar=calendar,
            policy=self.policy or policy,
        )

    def sla(
        self,
        *,
        as_of: dt.datetime | str,
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
    ) -> SlaStatus:
        """The SLA status at ``as_of`` (events after it ignored): state running / paused / met /
        breached / withdrawn, classification early / on time / late, original and extended due,
        elapsed and remaining office time, inter-agency steps (see [`hcc.deadlines.SlaStatus`][hcc.deadlines.SlaStatus]).

        Derived from the log each time; nothing is stored. ``as_of`` before the receipt raises
        [`hcc.errors.EventOrderError`][hcc.errors.EventOrderError].

        >>> d = Dossier.receive(code="000.00.01.H38-260302-0031", procedure_code="1.001193",
        ...     procedure_name="P", lead_agency="UBND xã", applicant="A", time_limit="03 ngày làm việc",
        ...     at="2026-03-02T09:00").record("result_ready", "2026-03-04T10:00")
        >>> st = d.sla(as_of="2026-03-31T00:00")
        >>> st.state.value, st.classification.value, st.due_at.isoformat()
        ('met', 'early', '2026-03-05T17:00:00+07:00')
        """
        return self.clock(calendar=calendar, policy=policy).status(at=as_of)

    def appointment(
        self, *, calendar: WorkingCalendar | None = None, policy: DeadlinePolicy | None = None
    ) -> Deadline:
        """The appointment of the receipt slip (form 01): ``compute_deadline`` from the receipt.

        Later resets, pauses and extensions move the SLA due ([`sla`][sla]), not this.

        >>> d = Dossier.receive(code="000.00.01.H38-260302-0032", procedure_code="1.001193",
        ...     procedure_name="P", lead_agency="UBND xã", applicant="A", time_limit="Trong ngày",
        ...     at="2026-03-02T15:30")
        >>> d.appointment().due_at.isoformat()    # after the 15:00 cut-off
        '2026-03-03T17:00:00+07:00'
        """
        return compute_deadline(
            self.received_at,
            self.applicable_limit,
            calendar=calendar,
            policy=self.policy or policy,
            field=self.field,
        )
