"""A dossier (hồ sơ): who filed what, and the append-only log of what happened to it.

Everything else is derived from the log and never stored twice: the state (the state machine
of :mod:`hcc.dossiers.states`), the key moments (receipt, answer, return), the agency steps, and
the SLA clock (:meth:`Dossier.sla`, from :mod:`hcc.deadlines`). A :class:`Dossier` is immutable;
:meth:`Dossier.record` returns a new one with one more event, after checking it.

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
from functools import cached_property
from typing import TYPE_CHECKING, Any, Self

from pydantic import ConfigDict, Field, field_validator

from hcc._model import HccModel
from hcc.calendar import InvalidInputError, WorkingCalendar, as_vn_datetime
from hcc.calendar._text import name_text
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

__all__ = ["AgencyStep", "Dossier", "Supplement"]


class AgencyStep(HccModel):
    """One hand-over to another agency: ``[sent_at, back_at)``; ``back_at`` is None while there.

    The step ends when the dossier comes back (``transfer_returned``), moves on to the next
    agency (``transferred``), or leaves the agency otherwise (a supplement request, refusal or
    withdrawal).

    >>> AgencyStep(agency="Chi cục Thuế", sent_at=dt.datetime(2026, 3, 2, 9)).back_at is None
    True
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    agency: str
    sent_at: dt.datetime
    back_at: dt.datetime | None = None
    allotment: TimeLimit | None = None


class Supplement(HccModel):
    """One request to supplement: ``[requested_at, received_at)``; ``received_at`` None while open.

    >>> Supplement(requested_at=dt.datetime(2026, 3, 3, 9)).received_at is None
    True
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

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


class Dossier(HccModel):
    """A dossier: its identity, the limits that apply to it, and its append-only event log.

    ``time_limit`` is the limit the dossier is held to (the local committed one when there is one);
    ``statutory_limit`` the limit the law sets (Circular 01/2018 index 1 compares with it; it
    defaults to ``time_limit``). ``sets`` is the number of sets filed (số lượng hồ sơ, bộ).
    ``events`` must start with ``received``, be in time order (equal moments keep their order)
    and follow the state machine; an invalid event raises :class:`hcc.errors.InvalidTransitionError`
    naming the state and the event, an event out of time order :class:`hcc.errors.EventOrderError`,
    more extensions than the policy allows (``max_extensions``, one by default, Decree 61/2018
    art. 19(9)) :class:`hcc.errors.ExtensionLimitError`.

    >>> d = Dossier(code="000.00.01.H38-260302-0002", procedure_code="2.000815",
    ...     procedure_name="Chứng thực bản sao từ bản chính", lead_agency="UBND xã Tân Lập",
    ...     applicant="Trần Thị B", time_limit="Trong ngày",
    ...     events=[{"kind": "received", "at": "2026-03-02T09:00"},
    ...             {"kind": "returned", "at": "2026-03-02T09:30"}])
    Traceback (most recent call last):
    ...
    hcc.errors.InvalidTransitionError: event 'returned' is not allowed in state 'processing'; ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

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
    receipt date, :func:`hcc.deadlines.policy_in_force`). A dossier is judged by the rules of its
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
    def _name(cls, v: Any) -> Any:  # names are one line (see hcc.calendar._text)
        return nfc_or_none(name_text(v))

    @field_validator("time_limit", "statutory_limit", mode="before")
    @classmethod
    def _limit(cls, v: Any) -> Any:
        return TimeLimit.parse(v) if isinstance(v, str) else v

    # The log is replayed right after validation, outside pydantic's validators, so that an
    # invalid log raises InvalidTransitionError / EventOrderError itself, not a ValidationError.
    def __init__(self, **data: Any) -> None:
        super().__init__(**data)
        raw = data.get("code")
        if isinstance(raw, str):
            # DossierCode.parse accepted it whole (after strip): it is already the canonical text
            self.__dict__["code_text"] = raw.strip()
        self._replay()

    def _replay(self) -> None:
        if self.use_alternate and self.time_limit.alternate is None:
            raise InvalidInputError(
                "use_alternate",
                True,
                f"False: time_limit {str(self.time_limit)!r} has no alternate",
            )
        facts = _walk(self.events)
        self._check_extensions(facts.extensions)
        self.__dict__["_facts"] = facts
        self._check_code()

    def _check_extensions(self, extensions: tuple[DossierEvent, ...]) -> None:
        pol = self.policy or policy_in_force(self.events[0].at)  # the receipt comes first
        allowed = pol.max_extensions
        if len(extensions) > allowed:
            e = extensions[allowed]
            raise ExtensionLimitError(
                f"the appointment may be moved at most {allowed} time(s) "
                f"({pol.basis_of('max_extensions')}; policy.max_extensions)",
                event=f"extended at {e.at:%Y-%m-%d %H:%M}",
                other=f"extended at {extensions[allowed - 1].at:%Y-%m-%d %H:%M}"
                if allowed
                else None,
            )

    def _check_code(self) -> None:
        received_on = self.received_at.date()
        if self.code.received_on != received_on:
            raise DossierCodeError(
                f"dossier code: got {str(self.code)!r}, whose date {self.code.received_on} is not "
                f"the receipt date {received_on}; the code's YYMMDD is the receipt date "
                "(Circular 01/2018/TT-VPCP art. 19)"
            )

    @classmethod
    def model_validate(
        cls,
        obj: Any,
        *,
        strict: bool | None = None,
        extra: Any = None,
        from_attributes: bool | None = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        """Validate ``obj`` (a mapping or a Dossier), then replay its log.

        >>> Dossier.model_validate({"code": "000.00.01.H38-260302-0021", "procedure_code": "1.001193", "procedure_name": "P",
        ...     "lead_agency": "L", "applicant": "A", "time_limit": "Trong ngày",
        ...     "events": [{"kind": "received", "at": "2026-03-02T08:00"}]}).state.value
        'processing'
        """
        new = super().model_validate(
            obj,
            strict=strict,
            extra=extra,
            from_attributes=from_attributes,
            context=context,
            by_alias=by_alias,
            by_name=by_name,
        )
        new._replay()
        return new

    @classmethod
    def model_validate_json(
        cls,
        json_data: str | bytes | bytearray,
        *,
        strict: bool | None = None,
        extra: Any = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        """Validate a JSON document, then replay its log (a round trip gives an equal dossier).

        >>> d = Dossier.receive(code="000.00.01.H38-260302-0020", procedure_code="1.001193", procedure_name="P",
        ...     lead_agency="L", applicant="A", time_limit="Trong ngày", at="2026-03-02T08:00")
        >>> Dossier.model_validate_json(d.model_dump_json()) == d
        True
        """
        new = super().model_validate_json(
            json_data,
            strict=strict,
            extra=extra,
            context=context,
            by_alias=by_alias,
            by_name=by_name,
        )
        new._replay()
        return new

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy; with ``update`` the fields are validated and the log replayed (and checked).

        >>> d = Dossier.receive(code="000.00.01.H38-260302-0022", procedure_code="1.001193",
        ...     procedure_name="P", lead_agency="L", applicant="A", time_limit="Trong ngày",
        ...     at="2026-03-02T08:00")
        >>> str(d.model_copy(update={"code": "000.00.01.H38-260302-0023"}).code)
        '000.00.01.H38-260302-0023'
        """
        if not update:
            return super().model_copy(deep=deep)
        values = {name: getattr(self, name) for name in type(self).model_fields}
        values.update(update)
        return type(self)(**values)

    def __getstate__(self) -> dict[Any, Any]:
        # the memo of the last SLA evaluation holds a calendar (with a lock): not pickled
        state = super().__getstate__()
        state["__dict__"] = {k: v for k, v in state["__dict__"].items() if k != "_evaluation"}
        return state

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

        Give ``code``, or an ``allocator`` (:class:`hcc.procedures.DossierCodeAllocator`) that
        hands out the next code of the receipt day. The dossier is validated before the
        allocator is asked: a receipt refused for a bad field takes no serial.

        >>> from hcc.procedures.dossier_codes import DossierCodeAllocator
        >>> alloc = DossierCodeAllocator("000.00.01.H38")
        >>> d = Dossier.receive(allocator=alloc, procedure_code="1.001193", procedure_name="Đăng ký khai sinh",
        ...     lead_agency="UBND xã", applicant="A", time_limit="Trong ngày", at="2026-03-02T08:00")
        >>> str(d.code), [e.kind.value for e in d.events]
        ('000.00.01.H38-260302-0001', ['received'])
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
        """
        from hcc.procedures import Procedure

        if not isinstance(procedure, Procedure):
            raise InvalidInputError("procedure", procedure, "a Procedure (a catalogue record)")
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
        events = (*self.events, event)
        # the full replay is one pass over a short log; it also refreshes every derived fact
        facts = _walk(events)
        self._check_extensions(facts.extensions)
        values = {name: getattr(self, name) for name in type(self).model_fields}
        values["events"] = events
        new = type(self).model_construct(_fields_set=self.model_fields_set, **values)
        new.__dict__["_facts"] = facts
        return new

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
        values = {name: getattr(self, name) for name in type(self).model_fields}
        values["events"] = self.events[:n]
        new = type(self).model_construct(_fields_set=self.model_fields_set, **values)
        new.__dict__["_facts"] = _walk(values["events"])
        return new

    # ------------------------------------------------------------------ derived facts
    @property
    def _f(self) -> _Facts:
        try:
            facts: _Facts = self.__dict__["_facts"]
        except KeyError:  # built by model_construct: replay on first use
            facts = self.__dict__["_facts"] = _walk(self.events)
        return facts

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

    @cached_property
    def code_text(self) -> str:
        """``str(code)``, computed once."""
        return str(self.code)

    @cached_property
    def receipt_year(self) -> int:
        """The (Vietnam-local) year of receipt: the register book the dossier belongs to."""
        return self.received_at.year

    # ------------------------------------------------------------------ the SLA clock
    def clock_events(self) -> tuple[ClockEvent, ...]:
        """The log as the SLA clock of :mod:`hcc.deadlines` reads it.

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
        """The :class:`hcc.deadlines.SlaClock` over :meth:`clock_events` for ``time_limit`` (or
        ``limit``), with the dossier's policy, else ``policy``, else the one in force on the
        receipt date (:func:`hcc.deadlines.policy_in_force`)."""
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
        elapsed and remaining office time, inter-agency steps (see :class:`hcc.deadlines.SlaStatus`).

        Derived from the log each time; nothing is stored. ``as_of`` before the receipt raises
        :class:`hcc.errors.EventOrderError`.

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

        Later resets, pauses and extensions move the SLA due (:meth:`sla`), not this.

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
