"""Typed contexts of the one-stop documents: who, what, when, and how much.

Every document kind has one context model (see [`CONTEXT_MODELS`][CONTEXT_MODELS]). A context is built from
plain values, from a mapping (``Model.model_validate({...})``), or from the objects other parts of
hcc already hold:

* a [`hcc.procedures.Procedure`][hcc.procedures.Procedure] wherever a [`ProcedureInfo`][ProcedureInfo] is expected (its name, code,
  statutory and committed time limits, dossier components with original/copy counts, sets);
* a [`hcc.fees.Quote`][hcc.fees.Quote] wherever a [`FeeInfo`][FeeInfo] is expected (its lines and total);
* a [`hcc.deadlines.Deadline`][hcc.deadlines.Deadline] or [`hcc.deadlines.SlaStatus`][hcc.deadlines.SlaStatus] (anything with a
  ``due_at`` datetime) wherever a moment is expected, e.g. ``DossierInfo.due_at`` or
  ``ApologyContext.new_due_at``;
* an [`hcc.deadlines.SlaStatus`][hcc.deadlines.SlaStatus] as ``ApologyContext.sla`` (its count of extensions);
* a register entry of [`hcc.dossiers`][hcc.dossiers] (``RegisterBook.rows()``) wherever a
  [`RegisterRow`][RegisterRow] is expected.

Rules shared by all models: frozen, unknown fields refused (a misspelled field is an error, never a
silent blank), every text NFC-normalised and stripped, naive datetimes read as Vietnam local time,
moments must be datetimes (a bare date has no time of day to print), money in whole đồng as
``Decimal``.

>>> a = Applicant(name="Nguye\u0302\u0303n Văn An", title="Ông")
>>> a.name == "Nguyễn Văn An", a.addressed
(True, 'Ông Nguyễn Văn An')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import (
    BeforeValidator,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from hcc._types import Day, HccModel, Moment, Money, Name, Text, as_money
from hcc.calendar import (
    WorkingCalendar,
    vietnam_calendar,
)
from hcc.deadlines import DeadlinePolicy, SlaStatus, classify, policy_in_force
from hcc.errors import DocumentRuleError, ExtensionLimitError
from hcc.fees import Quote
from hcc.procedures import Procedure

if TYPE_CHECKING:
    from hcc.calendar import WorkingCalendar
    from hcc.deadlines import DeadlinePolicy
    from hcc.documents.from_dossier import DossierLike

__all__ = [
    "CONTEXT_MODELS",
    "ApologyContext",
    "Applicant",
    "BirthDeclarationContext",
    "BirthHomeDeliveryContext",
    "ChildParticulars",
    "ControlSlipContext",
    "DeathCondolenceContext",
    "Deceased",
    "DocumentContext",
    "DocumentItem",
    "DossierInfo",
    "FeeInfo",
    "FeeLine",
    "HandOver",
    "ListingEntry",
    "MarriageCongratulationContext",
    "Office",
    "ParentParticulars",
    "PostalReturnContext",
    "ProcedureInfo",
    "ProcessingStopContext",
    "PublicListingContext",
    "ReceiptContext",
    "RefusalContext",
    "RegisterContext",
    "RegisterRow",
    "Requester",
    "Signer",
    "SupplementItem",
    "SupplementRequestContext",
]


# --------------------------------------------------------------------------- field types
def _timed(value: Any) -> Any:
    """A moment to print: an object with a ``due_at`` datetime (a Deadline) gives it; a bare
    date is refused (it has no time of day to print)."""
    due = getattr(value, "due_at", None)
    if isinstance(due, dt.datetime):
        value = due
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        raise PydanticCustomError(
            "moment_needs_time",
            "got the date {value} without a time of day; a moment is a datetime "
            "(naive = Vietnam local time)",
            {"value": value.isoformat()},
        )
    return value


TimedMoment = Annotated[Moment, BeforeValidator(_timed)]
"""The shared ``hcc._types.Moment`` with a time of day required; also read from an object
with a ``due_at`` (a Deadline)."""


# --------------------------------------------------------------------------- people and places
class Office(HccModel):
    """The issuing agency and, for forms 01-03 and 05, its receiving unit.

    ``name`` and ``unit`` are written in sentence case ("Ủy ban nhân dân xã Nghi Phong"); the
    heading prints them in capitals. ``place`` is the place name of the date line ("Nghi Phong").

    >>> o = Office(name="Ủy ban nhân dân xã Nghi Phong", place="Nghi Phong",
    ...            unit="Bộ phận Tiếp nhận và Trả kết quả")
    >>> o.heading_lines
    ('ỦY BAN NHÂN DÂN XÃ NGHI PHONG', 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ')
    """

    name: Name
    place: Name
    parent: Text | None = None
    unit: Text | None = None
    address: Text | None = None
    phone: Text | None = None
    email: Text | None = None

    @property
    def heading_lines(self) -> tuple[str, str]:
        """The two heading lines of a form issued by the receiving unit (agency, then unit).

        Without a unit: the parent body (if any) over the agency.
        """
        if self.unit:
            return self.name.upper(), self.unit.upper()
        return (self.parent.upper() if self.parent else "", self.name.upper())

    @property
    def agency_heading(self) -> tuple[str, str]:
        """The two heading lines of a document issued by the agency itself (parent, agency)."""
        return (self.parent.upper() if self.parent else "", self.name.upper())

    @property
    def receiver_name(self) -> str:
        """The body that receives dossiers: the unit if given, else the agency."""
        return self.unit or self.name


class Applicant(HccModel):
    """A citizen or organisation named on a document.

    ``title`` is the form of address ("Ông", "Bà", "Anh", "Chị"); without one, letters write the
    neutral "Ông/Bà". An organisation (``organisation=True``) is addressed by its name alone.

    >>> Applicant(name="Trần Thị Bình").addressed
    'Ông/Bà Trần Thị Bình'
    >>> Applicant(name="Công ty TNHH Hoa Sen", organisation=True).you
    'Quý cơ quan, tổ chức'
    """

    name: Name
    title: Text | None = None
    organisation: bool = False
    address: Text | None = None
    phone: Text | None = None
    email: Text | None = None

    @property
    def you(self) -> str:
        """How the body of a letter refers to the applicant ("Ông", "Bà", "Ông/Bà", ...)."""
        if self.organisation:
            return "Quý cơ quan, tổ chức"
        return self.title or "Ông/Bà"

    @property
    def addressed(self) -> str:
        """The addressee line: title and name ("Ông Nguyễn Văn An"), or the organisation's name."""
        return self.name if self.organisation else f"{self.you} {self.name}"


class Signer(HccModel):
    """Who signs. ``on_behalf`` are the authority lines above the position.

    For the forms signed by an officer (01, 02, 03, 05) the caption is the form's own
    ("NGƯỜI TIẾP NHẬN HỒ SƠ") and ``position`` is not printed; letters and form 04 print
    ``on_behalf`` lines, then ``position`` (default "THỦ TRƯỞNG CƠ QUAN").

    >>> s = Signer(name="Lê Văn Cường", position="Phó Chủ tịch",
    ...            on_behalf=("TM. Ủy ban nhân dân", "KT. Chủ tịch"))
    >>> s.caption_lines
    ('TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH')
    """

    name: Name
    position: Name | None = None
    on_behalf: tuple[Text, ...] = ()

    @property
    def caption_lines(self) -> tuple[str, ...]:
        """Authority lines and position in capitals, as printed above the signature."""
        position = (self.position or "Thủ trưởng cơ quan").upper()
        return (*(line.upper() for line in self.on_behalf), position)


# --------------------------------------------------------------------------- procedure, dossier, fee
class DocumentItem(HccModel):
    """One document of a dossier with its counts of originals and copies ("Bản chính: 1, Bản sao: 0").

    A [`hcc.procedures.DossierDocument`][hcc.procedures.DossierDocument] is accepted as is.

    >>> DocumentItem(name="Tờ khai đăng ký khai sinh").originals
    1
    """

    name: Name
    originals: int = Field(default=1, ge=0)
    copies: int = Field(default=0, ge=0)
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_dossier_document(cls, data: Any) -> Any:
        if not isinstance(data, Mapping | DocumentItem) and hasattr(data, "originals"):
            return {
                "name": data.name,
                "originals": data.originals,
                "copies": data.copies,
                "note": getattr(data, "note", None),
            }
        return data


class ProcedureInfo(HccModel):
    """What a document says about the procedure: name, code, time limits and dossier components.

    A [`hcc.procedures.Procedure`][hcc.procedures.Procedure] is accepted: its statutory time limit, its local committed
    one, its dossier sets and, when it has a single dossier case, that case's documents (with several
    alternative cases the documents received must be listed on the document itself).

    >>> ProcedureInfo(name="Đăng ký khai sinh", code="1.001193", time_limit="Trong ngày").code
    '1.001193'
    """

    name: Name
    code: Text | None = None
    field: Text | None = None
    time_limit: Text | None = None
    committed_time_limit: Text | None = None
    documents: tuple[DocumentItem, ...] = ()
    document_cases: int = Field(default=1, ge=0)
    sets: int = Field(default=1, ge=1)

    @model_validator(mode="before")
    @classmethod
    def _from_procedure(cls, data: Any) -> Any:
        if isinstance(data, Procedure):
            cases = data.dossier
            return {
                "name": data.name,
                "code": data.code,
                "field": data.field,
                "time_limit": _limit_text(data),
                "committed_time_limit": (
                    str(data.local_time_limit) if data.local_time_limit is not None else None
                ),
                "documents": cases[0].documents if len(cases) == 1 else (),
                "document_cases": len(cases),
                "sets": data.dossier_sets,
            }
        return data


class DossierInfo(HccModel):
    """A received dossier: its code (mã hồ sơ), receipt moment, current appointment and sets.

    ``sets`` (số lượng hồ sơ) defaults to the procedure's number of sets where one is known.

    ``due_at`` (the appointment to return the result) also accepts a ``hcc.deadlines.Deadline``.

    >>> import datetime as dt
    >>> d = DossierInfo(code="000.00.20.H42-260105-0001",
    ...                 received_at=dt.datetime(2026, 1, 5, 8, 30))
    >>> d.received_at.isoformat()
    '2026-01-05T08:30:00+07:00'
    """

    code: Text
    received_at: TimedMoment
    due_at: TimedMoment | None = None
    sets: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _order(self) -> DossierInfo:
        if self.due_at is not None and self.due_at < self.received_at:
            raise PydanticCustomError(
                "appointment_before_receipt",
                "due_at {due} is before received_at {received}",
                {"due": self.due_at.isoformat(), "received": self.received_at.isoformat()},
            )
        return self


class FeeLine(HccModel):
    """One charge: what it is for and the amount payable in đồng.

    >>> FeeLine(description="Lệ phí", amount=8000).amount
    Decimal('8000')
    """

    description: Text
    amount: Money


class FeeInfo(HccModel):
    """Fees and charges to print: lines and their total (a [`hcc.fees.Quote`][hcc.fees.Quote] is accepted).

    ``total`` defaults to the sum of the lines and must equal it when given.

    >>> FeeInfo(lines=[{"description": "Lệ phí", "amount": 8000},
    ...                {"description": "Phí", "amount": 8000}]).total
    Decimal('16000')
    """

    lines: tuple[FeeLine, ...] = ()
    # validated even when absent: the validator below fills in the sum of the lines
    total: Money | None = Field(default=None, validate_default=True)

    @model_validator(mode="before")
    @classmethod
    def _from_quote(cls, data: Any) -> Any:
        if isinstance(data, Quote):
            return {
                "lines": [{"description": x.description, "amount": x.amount} for x in data.lines],
                "total": data.total,
            }
        if isinstance(data, int | Decimal) and not isinstance(data, bool):
            return {"total": data}
        return data

    @field_validator("total", mode="after")
    @classmethod
    def _total(cls, total: Decimal | None, info: ValidationInfo) -> Decimal | None:
        lines = info.data.get("lines")  # absent when the lines themselves were refused
        if lines is None:
            return total
        s = sum((x.amount for x in lines), Decimal(0))
        if total is None:
            return s
        if lines and total != s:
            raise PydanticCustomError(
                "fee_total_mismatch",
                "total {total} is not the sum of the lines {sum}",
                {"total": str(total), "sum": str(s)},
            )
        return total

    @property
    def amount(self) -> Decimal:
        """The total payable (never None after validation)."""
        assert self.total is not None
        return self.total


# --------------------------------------------------------------------------- base of contexts
class DocumentContext(HccModel):
    """Base of document contexts; ``kind`` is the document kind the model serves.

    Subclass it for a document kind of your own ([`hcc.documents.register_document_kind`][hcc.documents.register_document_kind]);
    override [`check_rules`][check_rules] for rules that span several fields. Contexts are frozen and
    refuse unknown fields.

    >>> class NoticeContext(DocumentContext):
    ...     text: str
    >>> NoticeContext(text="Họp thôn").text
    'Họp thôn'
    >>> NoticeContext(text="x", txt="y")
    Traceback (most recent call last):
    ...
    hcc.errors.ModelValidationError: 1 validation error for NoticeContext
    ...
    """

    kind: ClassVar[str] = ""

    def check_rules(
        self, *, policy: DeadlinePolicy | None = None, calendar: WorkingCalendar | None = None
    ) -> None:
        """Rules of law checked at render time that are not about one field (none by default).

        ``policy`` defaults to the one in force on the dossier's receipt
        ([`hcc.deadlines.policy_in_force`][hcc.deadlines.policy_in_force]), ``calendar`` to the national calendar.
        """


_Context = DocumentContext


def _check_appointment(
    kind: str, field: str, moment: dt.datetime, calendar: WorkingCalendar | None
) -> None:
    """An appointment must fall on a working day, inside (or at the end of) an office session."""
    cal = (calendar or vietnam_calendar()).without_warnings()
    day = moment.date()
    shown = moment.strftime("%Y-%m-%d %H:%M")
    if not cal.is_working_day(day):
        info = cal.day_info(day)
        why = info.name or (
            "a weekly rest day" if info.kind.value == "weekend" else info.kind.value
        )
        raise DocumentRuleError(
            kind,
            field,
            shown,
            "a working day",
            f"the appointment falls on a day off ({why}); the next working day is "
            f"{cal.next_working_day(day).isoformat()}",
        )
    sessions = cal.sessions_on(day)
    t = moment.time()
    if not any(a <= t <= b for a, b in sessions):
        hours = ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in sessions)
        raise DocumentRuleError(
            kind,
            field,
            shown,
            f"a time within office hours ({hours})",
            "the applicant cannot collect the result outside office hours",
        )


def _custom(field: str, code: str, message: str, **ctx: Any) -> PydanticCustomError:
    """A validation error for a cross-field rule; ``field`` is reported as its location."""
    return PydanticCustomError(code, message, {"field": field, **ctx})


# --------------------------------------------------------------------------- forms 01-05
class ReceiptContext(_Context):
    """Form 01: receipt of the dossier and appointment to return the result.

    ``documents`` default to the procedure's documents; ``time_limit`` is the procedure's
    statutory limit, printed with its committed local limit when shorter. ``dossier.due_at`` is
    required (it is the appointment). ``fee`` is printed as an extra line when given.

    >>> from hcc.documents import sample_context
    >>> ctx = sample_context("receipt")
    >>> ctx.sets, ctx.committed_time_limit, ctx.items[0].name
    (1, '07 ngày làm việc', 'Đơn đăng ký biến động đất đai (Mẫu số 11/ĐK)')
    """

    kind: ClassVar[str] = "receipt"

    office: Office
    applicant: Applicant
    procedure: ProcedureInfo
    dossier: DossierInfo
    receiver: Signer
    pickup_place: Name
    number: Text | None = None
    documents: tuple[DocumentItem, ...] | None = None
    register_book: Text | None = None
    register_entry: Text | None = None
    fee: FeeInfo | None = None
    issued_on: Day | None = None

    @classmethod
    def from_dossier(
        cls,
        dossier: DossierLike,
        *,
        office: Office | Mapping[str, Any],
        receiver: Signer | Mapping[str, Any],
        procedure: Procedure | ProcedureInfo | Mapping[str, Any] | None = None,
        pickup_place: str | None = None,
        documents: Any = None,
        fee: Quote | FeeInfo | Mapping[str, Any] | None = None,
        number: str | None = None,
        register_book: str | None = None,
        register_entry: str | int | tuple[int, int] | None = None,
        issued_on: dt.date | str | None = None,
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
    ) -> ReceiptContext:
        """The receipt (form 01) of ``dossier``: its applicant, procedure, code, receipt and the
        receipt slip's appointment ([`hcc.Dossier.appointment`][hcc.dossiers.Dossier.appointment], with ``calendar`` and
        ``policy``). ``pickup_place`` defaults to the office's receiving unit (else its name);
        ``documents`` to the procedure record's (give ``procedure`` or ``documents``).

        Raises:
            hcc.errors.DocumentContextError: a field that is missing or invalid, named.

        >>> import datetime as dt
        >>> from hcc import Dossier, default_catalogue
        >>> d = Dossier.receive(code="000.00.01.H38-260302-0007", procedure_code="1.001193",
        ...     procedure_name="Đăng ký khai sinh", lead_agency="UBND xã Nghi Phong",
        ...     applicant="Nguyễn Văn A", time_limit="Trong ngày", at=dt.datetime(2026, 3, 2, 15, 30))
        >>> ctx = ReceiptContext.from_dossier(d, procedure=default_catalogue().get("1.001193"),
        ...     office={"name": "Ủy ban nhân dân xã Nghi Phong", "place": "Nghi Phong",
        ...             "unit": "Bộ phận Một cửa"}, receiver={"name": "Trần Thị B"})
        >>> ctx.dossier.due_at.isoformat(), ctx.pickup_place   # after 15:00: the next working day
        ('2026-03-03T17:00:00+07:00', 'Bộ phận Một cửa')
        """
        from hcc.documents import from_dossier as fd

        o = fd.build(Office, office) if isinstance(office, Mapping) else office
        entry = getattr(register_entry, "number", register_entry)  # a RegisterEntryRef too
        data: dict[str, Any] = {
            "office": o,
            "applicant": fd.applicant_of(dossier),
            "procedure": fd.procedure_of(dossier, procedure),
            "dossier": fd.dossier_info(dossier, calendar=calendar, policy=policy),
            "receiver": receiver,
            "pickup_place": pickup_place or o.receiver_name,
            "number": number,
            "documents": documents,
            "fee": fee,
            "register_book": register_book,
            "register_entry": entry,
            "issued_on": issued_on,
        }
        return fd.build(cls, data)

    @field_validator("register_entry", mode="before")
    @classmethod
    def _entry_text(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int) and not isinstance(v, bool) else v

    @model_validator(mode="after")
    def _complete(self) -> ReceiptContext:
        if self.dossier.due_at is None:
            raise _custom(
                "dossier.due_at",
                "missing",
                "the receipt needs the appointment dossier.due_at (a datetime or a Deadline)",
            )
        if self.procedure.time_limit is None:
            raise _custom(
                "procedure.time_limit",
                "missing",
                "the receipt prints the statutory time limit: give procedure.time_limit",
            )
        if self.documents is None and not self.procedure.documents:
            cases = self.procedure.document_cases
            raise _custom(
                "documents",
                "missing",
                "list the documents received"
                + (f" (the procedure has {cases} alternative dossier cases)" if cases > 1 else ""),
            )
        return self

    @property
    def items(self) -> tuple[DocumentItem, ...]:
        """The documents received (given, or the procedure's)."""
        return self.documents if self.documents is not None else self.procedure.documents

    @property
    def sets(self) -> int:
        """Number of dossier sets: the dossier's, else the procedure's."""
        return self.dossier.sets or self.procedure.sets

    @property
    def committed_time_limit(self) -> str | None:
        """The committed local limit when it differs from the statutory one, else None."""
        c = self.procedure.committed_time_limit
        return c if c and c != self.procedure.time_limit else None

    @property
    def date(self) -> dt.date:
        """The date of the date line: ``issued_on``, else the receipt date."""
        return self.issued_on or self.dossier.received_at.date()

    def check_rules(
        self, *, policy: DeadlinePolicy | None = None, calendar: WorkingCalendar | None = None
    ) -> None:
        """The appointment must fall on a working day within office hours (form 01 prints the
        moment the applicant comes back for the result).

        >>> from hcc.documents import sample_data
        >>> data = sample_data("receipt")
        >>> data["dossier"]["due_at"] = dt.datetime(2026, 1, 11, 17, 0)   # a Sunday
        >>> ReceiptContext.model_validate(data).check_rules()
        Traceback (most recent call last):
        ...
        hcc.errors.DocumentRuleError: receipt: dossier.due_at: got 2026-01-11 17:00, expected a working day: the appointment falls on a day off (a weekly rest day); the next working day is 2026-01-12

        Raises:
            DocumentRuleError: the appointment is on a day off or outside office hours.
        """
        assert self.dossier.due_at is not None
        _check_appointment(self.kind, "dossier.due_at", self.dossier.due_at, calendar)


class SupplementItem(HccModel):
    """A document to add or complete, with counts and what is wrong with it.

    >>> SupplementItem(name="Bản sao Căn cước", originals=0, copies=1).copies
    1
    """

    name: Name
    originals: int = Field(default=1, ge=0)
    copies: int = Field(default=0, ge=0)
    detail: Text | None = None


class SupplementRequestContext(_Context):
    """Form 02: request to supplement or complete the dossier.

    ``guide`` is the officer who gives guidance and signs; ``guide_phone`` the number to call.

    >>> from hcc.documents import sample_context
    >>> sample_context("supplement_request").items[1].name
    'Bản sao Căn cước của bên nhận chuyển nhượng'
    """

    kind: ClassVar[str] = "supplement_request"

    office: Office
    applicant: Applicant
    procedure: ProcedureInfo
    items: tuple[SupplementItem, ...] = Field(min_length=1)
    reason: Text
    guide: Signer
    guide_phone: Text
    issued_on: Day
    dossier: DossierInfo | None = None
    number: Text | None = None

    @classmethod
    def from_dossier(
        cls,
        dossier: DossierLike,
        *,
        office: Office | Mapping[str, Any],
        items: Any,
        guide: Signer | Mapping[str, Any],
        guide_phone: str,
        reason: str | None = None,
        issued_on: dt.date | str | None = None,
        procedure: Procedure | ProcedureInfo | Mapping[str, Any] | None = None,
        number: str | None = None,
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
    ) -> SupplementRequestContext:
        """Form 02 for ``dossier``: ``reason`` and ``issued_on`` default to the reason and date of
        the latest ``supplement_requested`` event of its log.

        Raises:
            hcc.errors.DocumentContextError: no reason or date, given or in the log; an invalid field.
        """
        from hcc.documents import from_dossier as fd

        ev = fd.last_event(dossier, "supplement_requested")
        why = fd.given_or_logged(
            cls.kind,
            "reason",
            reason,
            ev.reason if ev is not None else None,
            "no supplement request with a reason in the log",
        )
        on = fd.given_or_logged(
            cls.kind,
            "issued_on",
            issued_on,
            ev.at.date() if ev is not None else None,
            "no supplement request in the log",
        )
        data = {
            "office": office,
            "applicant": fd.applicant_of(dossier),
            "procedure": fd.procedure_of(dossier, procedure),
            "items": items,
            "reason": why,
            "guide": guide,
            "guide_phone": guide_phone,
            "issued_on": on,
            "dossier": fd.dossier_info(dossier, calendar=calendar, policy=policy),
            "number": number,
        }
        return fd.build(cls, data)


class RefusalContext(_Context):
    """Form 03: refusal to receive the dossier, with the reasons.

    >>> from hcc.documents import sample_context
    >>> len(sample_context("refusal").reasons)
    2
    """

    kind: ClassVar[str] = "refusal"

    office: Office
    applicant: Applicant
    procedure: ProcedureInfo
    reasons: tuple[Text, ...] = Field(min_length=1)
    receiver: Signer
    issued_on: Day
    number: Text | None = None

    @classmethod
    def from_dossier(
        cls,
        dossier: DossierLike,
        *,
        office: Office | Mapping[str, Any],
        receiver: Signer | Mapping[str, Any],
        reasons: Sequence[str] | None = None,
        issued_on: dt.date | str | None = None,
        procedure: Procedure | ProcedureInfo | Mapping[str, Any] | None = None,
        number: str | None = None,
    ) -> RefusalContext:
        """Form 03 for ``dossier``: ``reasons`` and ``issued_on`` default to the reason and date of
        the ``refused`` event of its log.

        Raises:
            hcc.errors.DocumentContextError: no reason or date, given or in the log; an invalid field.
        """
        from hcc.documents import from_dossier as fd

        ev = fd.last_event(dossier, "refused")
        why = fd.given_or_logged(
            cls.kind,
            "reasons",
            list(reasons) if reasons is not None else None,
            [ev.reason] if ev is not None and ev.reason else None,
            "no refusal with a reason in the log",
        )
        on = fd.given_or_logged(
            cls.kind,
            "issued_on",
            issued_on,
            ev.at.date() if ev is not None else None,
            "no refusal in the log",
        )
        data = {
            "office": office,
            "applicant": fd.applicant_of(dossier),
            "procedure": fd.procedure_of(dossier, procedure),
            "reasons": why,
            "receiver": receiver,
            "issued_on": on,
            "number": number,
        }
        return fd.build(cls, data)


class ApologyContext(_Context):
    """Form 04: apology and new appointment for a late result.

    The original appointment is ``dossier.due_at``; the new one is ``new_due_at`` (a datetime or
    a ``Deadline``) and must be later. Decree 61/2018 art. 19(9) allows the appointment to be moved
    **once**: ``extensions_before`` counts earlier extensions of this dossier, ``sla`` (the
    dossier's [`hcc.deadlines.SlaStatus`][hcc.deadlines.SlaStatus]) supplies that count and, if ``dossier.due_at`` is
    not given, the current appointment. A count that reaches the policy's ``max_extensions``
    (one) is refused with
    [`hcc.errors.ExtensionLimitError`][hcc.errors.ExtensionLimitError] by [`hcc.documents.render`][hcc.documents.render] (and by
    ``check_rules``).

    >>> from hcc.documents import sample_data
    >>> data = sample_data("apology") | {"extensions_before": 1}
    >>> ApologyContext.model_validate(data).check_rules()
    Traceback (most recent call last):
    ...
    hcc.errors.ExtensionLimitError: dossier 000.00.23.H40-260105-0001: the appointment was already moved 1 time(s); Decree 118/2025/NĐ-CP (article unconfirmed; value kept from Decree 61/2018/NĐ-CP art. 19(9)) allows one new appointment only (event: extension)
    """

    kind: ClassVar[str] = "apology"

    office: Office
    applicant: Applicant
    procedure: ProcedureInfo
    dossier: DossierInfo
    new_due_at: TimedMoment
    reason: Text
    signer: Signer
    issued_on: Day
    extensions_before: int = Field(default=0, ge=0)
    sla: SlaStatus | None = None
    number: Text | None = None

    @classmethod
    def from_dossier(
        cls,
        dossier: DossierLike,
        *,
        office: Office | Mapping[str, Any],
        signer: Signer | Mapping[str, Any],
        new_due_at: dt.datetime | str | None = None,
        reason: str | None = None,
        issued_on: dt.date | str | None = None,
        procedure: Procedure | ProcedureInfo | Mapping[str, Any] | None = None,
        number: str | None = None,
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
    ) -> ApologyContext:
        """Form 04 for ``dossier``. The original appointment is the receipt slip's; the new one,
        its reason and the date default to the latest ``extended`` event of the log (the letter
        that goes with it). Given ``new_due_at`` instead (before the extension is recorded), the
        extensions already in the log count as earlier ones, which ``check_rules`` refuses.

        Raises:
            hcc.errors.DocumentContextError: no new appointment, reason or date, given or in the
                log; an invalid field.
        """
        from hcc.documents import from_dossier as fd

        ev = fd.last_event(dossier, "extended")
        n = fd.count_events(dossier, "extended")
        before = n - 1 if new_due_at is None and ev is not None else n
        new = fd.given_or_logged(
            cls.kind,
            "new_due_at",
            new_due_at,
            ev.new_due if ev is not None else None,
            "no extension in the log",
        )
        why = fd.given_or_logged(
            cls.kind,
            "reason",
            reason,
            ev.reason if ev is not None else None,
            "no extension with a reason in the log",
        )
        on = fd.given_or_logged(
            cls.kind,
            "issued_on",
            issued_on,
            ev.at.date() if ev is not None else None,
            "no extension in the log",
        )
        data = {
            "office": office,
            "applicant": fd.applicant_of(dossier),
            "procedure": fd.procedure_of(dossier, procedure),
            "dossier": fd.dossier_info(dossier, calendar=calendar, policy=policy),
            "new_due_at": new,
            "reason": why,
            "signer": signer,
            "issued_on": on,
            "extensions_before": max(before, 0),
            "number": number,
        }
        return fd.build(cls, data)

    @model_validator(mode="before")
    @classmethod
    def _from_sla(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and isinstance(data.get("sla"), SlaStatus):
            st: SlaStatus = data["sla"]
            dossier = data.get("dossier")
            if isinstance(dossier, Mapping) and dossier.get("due_at") is None and st.due_at:
                data = {**data, "dossier": {**dossier, "due_at": st.due_at}}
        return data

    @property
    def extensions(self) -> int:
        """Extensions already granted: the larger of ``extensions_before`` and the SLA's count."""
        return max(self.extensions_before, self.sla.extensions if self.sla else 0)

    @model_validator(mode="after")
    def _dates(self) -> ApologyContext:
        if self.dossier.due_at is None:
            raise _custom("dossier.due_at", "missing", "the apology needs the original appointment")
        if self.new_due_at <= self.dossier.due_at:
            raise _custom(
                "new_due_at",
                "new_appointment_not_later",
                "new_due_at {new} is not later than the original appointment {old}",
                new=self.new_due_at.isoformat(),
                old=self.dossier.due_at.isoformat(),
            )
        return self

    def check_rules(
        self, *, policy: DeadlinePolicy | None = None, calendar: WorkingCalendar | None = None
    ) -> None:
        """The law on late results, with ``policy`` (default: the one in force on the receipt).

        * a second extension is refused ([`hcc.errors.ExtensionLimitError`][hcc.errors.ExtensionLimitError]): the
          appointment moves ``policy.max_extensions`` time(s), once (Decree 61/2018 art. 19(9));
        * the apology must be dated no later than ``policy.apology_lead`` working day(s) before
          the original due date (art. 19(9): "chậm nhất 01 ngày trước ngày hết hạn"), and never
          after it ([`hcc.errors.DocumentRuleError`][hcc.errors.DocumentRuleError]);
        * the new appointment falls on a working day within office hours.

        >>> from hcc.documents import sample_data
        >>> data = sample_data("apology") | {"issued_on": dt.date(2026, 1, 13)}
        >>> ApologyContext.model_validate(data).check_rules()
        Traceback (most recent call last):
        ...
        hcc.errors.DocumentRuleError: apology: issued_on: got 2026-01-13, expected no later than 2026-01-12: the apology must reach the applicant at least 1 working day(s) before the due date 2026-01-13 (Decree 118/2025/NĐ-CP (article unconfirmed; value kept from Decree 61/2018/NĐ-CP art. 19(9)))

        Raises:
            ExtensionLimitError: the appointment was already moved as often as allowed.
            DocumentRuleError: the apology is late, or the new appointment is on a day off or
                outside office hours.
        """
        pol = policy or policy_in_force(self.dossier.received_at)
        if self.extensions >= pol.max_extensions:
            raise ExtensionLimitError(
                f"dossier {self.dossier.code}: the appointment was already moved "
                f"{self.extensions} time(s); {pol.basis_of('max_extensions')} allows "
                + (
                    "one new appointment only"
                    if pol.max_extensions == 1
                    else f"{pol.max_extensions} new appointments only"
                ),
                event="extension",
            )
        cal = (calendar or vietnam_calendar()).without_warnings()
        due = self.original_due_at.date()
        if self.issued_on > due:
            raise DocumentRuleError(
                self.kind,
                "issued_on",
                self.issued_on.isoformat(),
                f"a date no later than the due date {due.isoformat()}",
                "an apology and new appointment come before the result is late, not after",
            )
        latest = cal.add_working_days(due, -pol.apology_lead)
        if self.issued_on > latest:
            raise DocumentRuleError(
                self.kind,
                "issued_on",
                self.issued_on.isoformat(),
                f"no later than {latest.isoformat()}",
                f"the apology must reach the applicant at least {pol.apology_lead} working "
                f"day(s) before the due date {due.isoformat()} ({pol.basis_of('apology_lead')})",
            )
        _check_appointment(self.kind, "new_due_at", self.new_due_at, calendar)

    @property
    def original_due_at(self) -> dt.datetime:
        """The original appointment (``dossier.due_at``)."""
        assert self.dossier.due_at is not None
        return self.dossier.due_at


class ProcessingStopContext(_Context):
    """Circular 03/2025 form 05 (unconfirmed): notice that processing of a dossier is stopped.

    >>> from hcc.documents import sample_context
    >>> sample_context("processing_stop").kind
    'processing_stop'
    """

    kind: ClassVar[str] = "processing_stop"

    office: Office
    applicant: Applicant
    procedure: ProcedureInfo
    dossier: DossierInfo
    reason: Text
    signer: Signer
    issued_on: Day
    guidance: Text | None = None
    number: Text | None = None

    @classmethod
    def from_dossier(
        cls,
        dossier: DossierLike,
        *,
        office: Office | Mapping[str, Any],
        signer: Signer | Mapping[str, Any],
        reason: str,
        issued_on: dt.date | str,
        guidance: str | None = None,
        procedure: Procedure | ProcedureInfo | Mapping[str, Any] | None = None,
        number: str | None = None,
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
    ) -> ProcessingStopContext:
        """The notice that processing of ``dossier`` stops (Circular 03/2025 form 05, unconfirmed).

        Raises:
            hcc.errors.DocumentContextError: a field that is missing or invalid, named.
        """
        from hcc.documents import from_dossier as fd

        data = {
            "office": office,
            "applicant": fd.applicant_of(dossier),
            "procedure": fd.procedure_of(dossier, procedure),
            "dossier": fd.dossier_info(dossier, calendar=calendar, policy=policy),
            "reason": reason,
            "signer": signer,
            "issued_on": issued_on,
            "guidance": guidance,
            "number": number,
        }
        return fd.build(cls, data)


HandOverResult = Literal["early", "on_time", "late"]
RESULT_LABELS: dict[str, str] = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}


class HandOver(HccModel):
    """One hand-over on the control slip: from which unit to which, when, and how it went.

    ``result`` may be given; otherwise, with ``due_at`` (the step's own deadline), it is computed
    by [`hcc.deadlines.classify`][hcc.deadlines.classify]: ``early`` when handed over on a day before the due day,
    ``on_time`` when at or before ``due_at`` on the due day, ``late`` after ``due_at``.

    >>> import datetime as dt
    >>> HandOver(from_unit="Bộ phận Một cửa", to_unit="Phòng Tư pháp",
    ...          handed_at=dt.datetime(2026, 1, 5, 15, 0),
    ...          due_at=dt.datetime(2026, 1, 6, 17, 0)).outcome
    'early'
    """

    from_unit: Name
    to_unit: Name
    handed_at: TimedMoment
    due_at: TimedMoment | None = None
    result: HandOverResult | None = None
    giver: Name | None = None
    taker: Name | None = None
    note: Text | None = None

    @property
    def outcome(self) -> HandOverResult | None:
        """The given result, else the one computed from ``due_at`` (None without either)."""
        if self.result is not None or self.due_at is None:
            return self.result
        outcome: HandOverResult = classify(self.handed_at, self.due_at).value
        return outcome

    @property
    def outcome_label(self) -> str | None:
        """ "Trước hạn" / "Đúng hạn" / "Quá hạn" (None when unknown)."""
        o = self.outcome
        return RESULT_LABELS[o] if o is not None else None


class ControlSlipContext(_Context):
    """Form 05 (06 in the 2025 set): the control slip that follows the dossier between units.

    >>> from hcc.documents import sample_context
    >>> [s.outcome_label for s in sample_context("control_slip").steps]
    ['Đúng hạn', 'Đúng hạn', 'Quá hạn']
    """

    kind: ClassVar[str] = "control_slip"

    office: Office
    applicant: Applicant
    procedure: ProcedureInfo
    dossier: DossierInfo
    lead_agency: Name
    steps: tuple[HandOver, ...] = Field(min_length=1)
    coordinating_agencies: tuple[Text, ...] = ()

    @classmethod
    def from_dossier(
        cls,
        dossier: DossierLike,
        *,
        office: Office | Mapping[str, Any],
        procedure: Procedure | ProcedureInfo | Mapping[str, Any] | None = None,
        coordinating_agencies: Sequence[str] = (),
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
    ) -> ControlSlipContext:
        """The control slip of ``dossier``: its hand-overs from its SLA clock (the receipt, each
        inter-agency step and its return, the answer back to the receiving unit), each due and
        classified where the clock has a due (``hcc.documents.from_dossier.control_steps``).

        Raises:
            hcc.errors.DocumentContextError: a field that is missing or invalid, named.
        """
        from hcc.documents import from_dossier as fd

        o = fd.build(Office, office) if isinstance(office, Mapping) else office
        data = {
            "office": o,
            "applicant": fd.applicant_of(dossier),
            "procedure": fd.procedure_of(dossier, procedure),
            "dossier": fd.dossier_info(dossier, calendar=calendar, policy=policy),
            "lead_agency": dossier.lead_agency,
            "steps": fd.control_steps(
                dossier, receiving_unit=o.receiver_name, calendar=calendar, policy=policy
            ),
            "coordinating_agencies": tuple(coordinating_agencies),
        }
        return fd.build(cls, data)


class RegisterRow(HccModel):
    """One line of the register (sổ theo dõi hồ sơ), in the columns of form 06.

    Columns (unconfirmed beyond REFERENCE §6): number, dossier code, procedure, sets, applicant,
    address and phone, lead agency, receipt, appointment, transfer to the deciding agency, result
    received from it, result returned, signature (left blank for the pen), note.

    >>> import datetime as dt
    >>> RegisterRow(number=1, dossier_code="000.00.23.H40-260105-0001",
    ...             procedure_name="Chứng thực chữ ký", applicant_name="Nguyễn Văn An",
    ...             received_at=dt.datetime(2026, 1, 5, 9, 0)).received_at.isoformat()
    '2026-01-05T09:00:00+07:00'
    """

    number: int = Field(ge=1)
    dossier_code: Text
    procedure_name: Name
    applicant_name: Name
    received_at: TimedMoment
    sets: int = Field(default=1, ge=1)
    address: Text | None = None
    phone: Text | None = None
    lead_agency: Name | None = None
    due_at: TimedMoment | None = None
    transferred_at: TimedMoment | None = None
    result_received_at: TimedMoment | None = None
    returned_at: TimedMoment | None = None
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_entry(cls, data: Any) -> Any:
        # a hcc.dossiers register entry (duck-typed: documents does not import dossiers)
        if not isinstance(data, Mapping | RegisterRow) and hasattr(data, "appointment"):
            return {
                "number": data.number,
                "dossier_code": str(data.code),
                "procedure_name": data.procedure,
                "applicant_name": data.applicant,
                "received_at": data.received_at,
                "sets": data.sets,
                "address": data.address,
                "phone": data.phone,
                "lead_agency": data.lead_agency,
                "due_at": data.appointment,
                "transferred_at": data.transferred_at,
                "result_received_at": data.result_received_at,
                "returned_at": data.returned_at,
                "note": data.note,
            }
        return data


class RegisterContext(_Context):
    """Form 06 (07 in the 2025 set): a page of the register; a book per year, numbered from 01.

    Every row must have been received in ``year`` (the book is closed at year end) and row numbers
    must be unique.

    >>> from hcc.documents import sample_data
    >>> data = sample_data("register")
    >>> data["rows"][1]["number"] = 1
    >>> RegisterContext.model_validate(data)
    Traceback (most recent call last):
    ...
    hcc.errors.ModelValidationError: 1 validation error for RegisterContext
    ...
    """

    kind: ClassVar[str] = "register"

    office: Office
    year: int = Field(ge=2000, le=2100)
    book: Text
    rows: tuple[RegisterRow, ...]

    @model_validator(mode="after")
    def _rows(self) -> RegisterContext:
        seen: set[int] = set()
        for i, row in enumerate(self.rows):
            if row.received_at.year != self.year:
                raise _custom(
                    f"rows.{i}.received_at",
                    "register_year",
                    "received in {got}, but this is the book of {year}",
                    got=row.received_at.year,
                    year=self.year,
                )
            if row.number in seen:
                raise _custom(
                    f"rows.{i}.number", "duplicate_value", "number {n} appears twice", n=row.number
                )
            seen.add(row.number)
        return self


# --------------------------------------------------------------------------- counter board
class ListingEntry(HccModel):
    """A line of the counter board: a procedure with its time limits and fee.

    ``fee`` is an amount in đồng or a text ("Không", "Theo biểu phí..."). A mapping with a
    ``procedure`` key (a [`hcc.procedures.Procedure`][hcc.procedures.Procedure]) fills code, name and both time limits,
    and the fee from the direct channel's fee text if it has one; other keys override.

    >>> ListingEntry(name="Đăng ký kết hôn", statutory_time_limit="Trong ngày", fee=0).fee
    Decimal('0')
    """

    name: Name
    statutory_time_limit: Text
    fee: Money | Text
    code: Text | None = None
    committed_time_limit: Text | None = None
    fee_note: Text | None = None

    @field_validator("fee", mode="before")
    @classmethod
    def _fee(cls, v: Any) -> Any:
        if isinstance(v, int | Decimal) and not isinstance(v, bool):
            return as_money(v)
        return v

    @model_validator(mode="before")
    @classmethod
    def _from_procedure(cls, data: Any) -> Any:
        if isinstance(data, Procedure):
            data = {"procedure": data}
        if isinstance(data, Mapping) and isinstance(data.get("procedure"), Procedure):
            p: Procedure = data["procedure"]
            out: dict[str, Any] = {
                "code": p.code,
                "name": p.name,
                "statutory_time_limit": _limit_text(p),
            }
            if p.local_time_limit is not None:
                out["committed_time_limit"] = str(p.local_time_limit)
            fee_text = next((c.fee_text for c in p.channels if c.fee_text), None)
            if fee_text is not None:
                out["fee"] = fee_text
            out.update({k: v for k, v in data.items() if k != "procedure"})
            return out
        return data


class PublicListingContext(_Context):
    """The counter board of one field (lĩnh vực): procedures, statutory and committed limits, fees.

    >>> from hcc.documents import sample_context
    >>> sample_context("public_listing").entries[0].committed_time_limit
    '07 ngày làm việc'
    """

    kind: ClassVar[str] = "public_listing"

    office: Office
    field: Text
    entries: tuple[ListingEntry, ...] = Field(min_length=1)
    issued_on: Day
    note: Text | None = None


# --------------------------------------------------------------------------- letters
class MarriageCongratulationContext(_Context):
    """Congratulation letter handed over with the marriage certificate.

    ``spouses`` are the two people registered, each with a ``title`` ("Anh", "Chị", ...).

    >>> from hcc.documents import sample_context
    >>> ctx = sample_context("marriage_congratulation")
    >>> [s.addressed for s in ctx.spouses], ctx.date.isoformat()
    (['Anh Phan Văn Giang', 'Chị Đinh Thị Hương'], '2026-01-08')
    """

    kind: ClassVar[str] = "marriage_congratulation"

    office: Office
    spouses: tuple[Applicant, Applicant]
    registered_on: Day
    signer: Signer
    issued_on: Day | None = None
    certificate_number: Text | None = None
    number: Text | None = None

    @model_validator(mode="after")
    def _titles(self) -> MarriageCongratulationContext:
        for i, spouse in enumerate(self.spouses):
            if spouse.title is None:
                raise _custom(
                    f"spouses.{i}.title",
                    "missing",
                    "the letter addresses each spouse by title (Anh, Chị, Ông, Bà)",
                )
        return self

    @property
    def date(self) -> dt.date:
        """The date of the date line: ``issued_on``, else the registration date."""
        return self.issued_on or self.registered_on


class Deceased(HccModel):
    """The person who died. ``title`` is how the letter names them ("Ông", "Bà", "Cụ ông"...).

    ``age`` selects "hưởng thọ" (60 and over) or "hưởng dương" (under 60), the customary words.

    >>> Deceased(name="Lê Văn Dũng", title="Cụ ông", died_on="2026-01-03", age=86).age_phrase
    'hưởng thọ 86 tuổi'
    """

    name: Name
    title: Text = "Ông/Bà"
    died_on: Day
    age: int | None = Field(default=None, ge=0, le=150)
    birth_year: int | None = Field(default=None, ge=1800, le=2100)

    @property
    def age_phrase(self) -> str | None:
        """ "hưởng thọ N tuổi" (N ≥ 60), "hưởng dương N tuổi" (N < 60), or None without an age."""
        if self.age is None:
            return None
        return f"{'hưởng thọ' if self.age >= 60 else 'hưởng dương'} {self.age} tuổi"


class DeathCondolenceContext(_Context):
    """Condolence letter handed over with the death extract (trích lục khai tử).

    >>> from hcc.documents import sample_context
    >>> sample_context("death_condolence").deceased.age_phrase
    'hưởng thọ 86 tuổi'
    """

    kind: ClassVar[str] = "death_condolence"

    office: Office
    addressee: Applicant
    deceased: Deceased
    signer: Signer
    issued_on: Day
    extract_number: Text | None = None
    number: Text | None = None


class BirthHomeDeliveryContext(_Context):
    """Notice that the birth certificate will be brought to the family's home at ``delivery_at``.

    >>> from hcc.documents import sample_context
    >>> sample_context("birth_home_delivery").delivery_at.isoformat()
    '2026-01-08T09:00:00+07:00'
    """

    kind: ClassVar[str] = "birth_home_delivery"

    office: Office
    family: Applicant
    child_name: Text
    born_on: Day
    registered_on: Day
    delivery_at: TimedMoment
    officer: Signer
    signer: Signer
    issued_on: Day
    officer_phone: Text | None = None
    registration_number: Text | None = None
    number: Text | None = None

    @model_validator(mode="after")
    def _order(self) -> BirthHomeDeliveryContext:
        if self.registered_on < self.born_on:
            raise _custom(
                "registered_on",
                "date_order",
                "registered_on {reg} is before born_on {born}",
                reg=self.registered_on.isoformat(),
                born=self.born_on.isoformat(),
            )
        if self.delivery_at.date() < self.registered_on:
            raise _custom(
                "delivery_at",
                "date_order",
                "delivery_at {at} is before registered_on {reg}",
                at=self.delivery_at.isoformat(),
                reg=self.registered_on.isoformat(),
            )
        return self


class PostalReturnContext(_Context):
    """Notice that the result was sent by the public postal service (dịch vụ bưu chính công ích).

    >>> from hcc.documents import sample_context
    >>> sample_context("postal_return").address
    'Xóm 3, xã Nghi Phong, tỉnh Nghệ An'
    """

    kind: ClassVar[str] = "postal_return"

    office: Office
    applicant: Applicant
    procedure: ProcedureInfo
    dossier: DossierInfo
    result_description: Text
    posted_at: TimedMoment
    postal_service: Text
    tracking_number: Text
    signer: Signer
    issued_on: Day
    delivery_address: Text | None = None
    postage: FeeInfo | None = None
    number: Text | None = None

    @model_validator(mode="after")
    def _address(self) -> PostalReturnContext:
        if self.delivery_address is None and self.applicant.address is None:
            raise _custom(
                "delivery_address",
                "missing",
                "give delivery_address or applicant.address: the notice prints where it was sent",
            )
        if self.posted_at < self.dossier.received_at:
            raise _custom(
                "posted_at",
                "date_order",
                "posted_at {at} is before the dossier was received",
                at=self.posted_at.isoformat(),
            )
        return self

    @property
    def address(self) -> str:
        """Where the result was sent."""
        return self.delivery_address or self.applicant.address or ""


# --------------------------------------------------------------------------- birth declaration
class Requester(HccModel):
    """The person asking for the registration (người yêu cầu).

    >>> Requester(name="Ngô Văn Minh", residence="Xóm 7, xã Nghi Phong",
    ...           id_document="Căn cước số 040090012345", relationship="Cha").relationship
    'Cha'
    """

    name: Name
    residence: Text
    id_document: Text
    relationship: Text


class ChildParticulars(HccModel):
    """The child to register.

    >>> ChildParticulars(name="Ngô Bảo Ngọc", birth_date="2025-12-20", sex="Nữ",
    ...                  ethnicity="Kinh", birthplace="Nghi Lộc").nationality
    'Việt Nam'
    """

    name: Name
    birth_date: Day
    sex: Literal["Nam", "Nữ"]
    ethnicity: Text
    birthplace: Text
    nationality: Text = "Việt Nam"
    hometown: Text | None = None


class ParentParticulars(HccModel):
    """A parent: ``born`` is a full date or a year.

    >>> ParentParticulars(name="Đặng Thị Oanh", born=1995, ethnicity="Kinh",
    ...                   residence="Xóm 7").born_text
    '1995'
    """

    name: Name
    born: Day | int
    ethnicity: Text
    residence: Text
    nationality: Text = "Việt Nam"

    @property
    def born_text(self) -> str:
        """ "dd/mm/yyyy" for a date, the year alone otherwise."""
        if isinstance(self.born, dt.date):
            return f"{self.born.day:02d}/{self.born.month:02d}/{self.born.year}"
        return str(self.born)


class BirthDeclarationContext(_Context):
    """The birth-registration declaration (tờ khai đăng ký khai sinh), pre-filled from data.

    Used on the Tuesday "no-writing day" (Ngày không viết): an official fills the form from
    structured data and the requester checks and signs it. ``prepared_by`` names that official.
    ``copies`` is the number of extracts asked for (0 = none).

    >>> from hcc.documents import sample_context
    >>> sample_context("birth_declaration").child.birth_date.isoformat()
    '2025-12-20'
    """

    kind: ClassVar[str] = "birth_declaration"

    addressee: Text
    requester: Requester
    child: ChildParticulars
    place: Name
    made_on: Day
    mother: ParentParticulars | None = None
    father: ParentParticulars | None = None
    copies: int = Field(default=0, ge=0, le=99)
    prepared_by: Text | None = None

    @model_validator(mode="after")
    def _dates(self) -> BirthDeclarationContext:
        if self.made_on < self.child.birth_date:
            raise _custom(
                "made_on",
                "date_order",
                "made_on {made} is before the birth date {born}",
                made=self.made_on.isoformat(),
                born=self.child.birth_date.isoformat(),
            )
        return self


CONTEXT_MODELS: dict[str, type[_Context]] = {
    m.kind: m
    for m in (
        ReceiptContext,
        SupplementRequestContext,
        RefusalContext,
        ApologyContext,
        ProcessingStopContext,
        ControlSlipContext,
        RegisterContext,
        MarriageCongratulationContext,
        DeathCondolenceContext,
        BirthHomeDeliveryContext,
        PostalReturnContext,
        BirthDeclarationContext,
        PublicListingContext,
    )
}
"""The context model of every document kind."""


def _limit_text(p: Procedure) -> str:
    """The statutory limit's phrase; else the first channel's own; else the portal's "Không có
    thông tin" (a published record may state none)."""
    if p.statutory_time_limit is not None:
        return str(p.statutory_time_limit)
    own = next((c.time_limit for c in p.channels if c.time_limit is not None), None)
    return str(own) if own is not None else "Không có thông tin"
