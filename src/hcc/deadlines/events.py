"""Dated events of one dossier, as read by the SLA clock (:mod:`hcc.deadlines.clock`).

One frozen model per event kind, each with a ``kind`` literal (the discriminator) and an ``at``
moment (naive = Vietnam local time; stored aware in Asia/Ho_Chi_Minh):

=========================  =============================================================
event                      meaning
=========================  =============================================================
:class:`Received`          a complete, valid dossier is received; the clock starts
:class:`SupplementRequested`  the agency asks for a supplement (Phiếu yêu cầu bổ sung)
:class:`SupplementReceived`   the complete supplement arrives; the clock resets or resumes
:class:`Extended`          a new appointment after an apology (``new_due_at``, ``reason``)
:class:`HandedOver`        transfer between agencies, with the receiver's ``allotment``
:class:`ResultReady`       the result is ready: the clock stops
:class:`Returned`          the result is returned to the applicant
:class:`Withdrawn`         the applicant withdraws the dossier
:class:`Stopped`           the agency stops processing (dừng giải quyết); the clock ends
=========================  =============================================================

:data:`ClockEvent` is their discriminated union, so a list of events round-trips through JSON:

>>> import datetime as dt
>>> from pydantic import TypeAdapter
>>> events = [Received(at=dt.datetime(2026, 3, 2, 9)), ResultReady(at="2026-03-04T10:00:00")]
>>> adapter = TypeAdapter(list[ClockEvent])
>>> adapter.validate_json(adapter.dump_json(events)) == events
True
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from hcc._model import HccModel, HccStrEnum
from hcc.calendar import as_vn_datetime
from hcc.calendar._text import nfc
from hcc.deadlines.limits import TimeLimit

__all__ = [
    "ClockEvent",
    "EventKind",
    "Extended",
    "HandedOver",
    "Received",
    "ResultReady",
    "Returned",
    "Stopped",
    "SupplementReceived",
    "SupplementRequested",
    "Withdrawn",
]


class EventKind(HccStrEnum):
    """The kinds of clock events (the ``kind`` field of each event model).

    >>> EventKind.RECEIVED.value, Received(at="2026-03-02T09:00:00").kind
    ('received', 'received')
    """

    RECEIVED = "received"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    SUPPLEMENT_RECEIVED = "supplement_received"
    EXTENDED = "extended"
    HANDED_OVER = "handed_over"
    RESULT_READY = "result_ready"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"
    STOPPED = "stopped"


def _limit(v: Any) -> Any:
    return TimeLimit.parse(v) if isinstance(v, str) else v


def _moment(v: Any) -> dt.datetime:
    return as_vn_datetime(v, "moment")


Text = Annotated[str, AfterValidator(nfc)]
"""Free text, NFC-normalised and stripped."""
Limit = Annotated[TimeLimit, BeforeValidator(_limit)]
"""A :class:`TimeLimit`, or its text (parsed)."""
Moment = Annotated[dt.datetime, BeforeValidator(_moment)]
"""An aware moment in Vietnam time; naive input is Vietnam local time."""


class _Event(HccModel):
    """Common fields: ``at`` (aware, Vietnam time) and an optional free-text ``note``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    at: Moment
    note: Text | None = None

    def describe(self) -> str:
        """The kind and moment, as used in error messages: ``"received at 2026-03-02 09:00"``.

        >>> Received(at="2026-03-02T09:00:00").describe()
        'received at 2026-03-02 09:00'
        """
        kind: str = getattr(self, "kind", type(self).__name__)
        return f"{kind} at {self.at.strftime('%Y-%m-%d %H:%M')}"


class Received(_Event):
    """The complete, valid dossier is received and the receipt slip issued: the clock starts.

    ``agency`` and ``allotment`` describe the first step of an inter-agency procedure (the
    receiving agency's own time limit), if any; text limits are parsed.

    >>> Received(at="2026-03-02T09:00:00", agency="UBND xã", allotment="01 ngày làm việc").allotment
    TimeLimit(amount=1, unit=<TimeUnit.WORKING_DAYS: 'working_days'>, alternate=None, alternate_condition=None)
    """

    kind: Literal["received"] = "received"
    agency: Text | None = None
    allotment: Limit | None = None


class SupplementRequested(_Event):
    """The agency asks for the dossier to be supplemented (Decree 61/2018 art. 19(4)).

    >>> SupplementRequested(at="2026-03-03T10:00:00", reason="Thiếu bản sao CCCD").reason
    'Thiếu bản sao CCCD'
    """

    kind: Literal["supplement_requested"] = "supplement_requested"
    reason: Text | None = None


class SupplementReceived(_Event):
    """The complete supplement arrives: the limit restarts (reset) or resumes (pause).

    >>> SupplementReceived(at="2026-03-05T08:00:00").kind
    'supplement_received'
    """

    kind: Literal["supplement_received"] = "supplement_received"


class Extended(_Event):
    """A new appointment (after the apology letter, Decree 61/2018 art. 19(9)).

    ``new_due_at`` is the new return moment (naive = Vietnam time); the law allows one.

    >>> Extended(at="2026-03-06T09:00:00", new_due_at="2026-03-10T17:00:00", reason="Chờ xác minh").new_due_at.isoformat()
    '2026-03-10T17:00:00+07:00'
    """

    kind: Literal["extended"] = "extended"
    new_due_at: Moment
    reason: Text | None = None


class HandedOver(_Event):
    """The dossier passes from one agency to another (inter-agency procedures, art. 19(6)).

    ``allotment`` is the receiving agency's own time limit within the total; text is parsed.

    >>> HandedOver(at="2026-03-03T08:00:00", from_agency="UBND xã", to_agency="Chi nhánh VPĐKĐĐ",
    ...            allotment="03 ngày làm việc").allotment.amount
    3
    """

    kind: Literal["handed_over"] = "handed_over"
    from_agency: Text
    to_agency: Text
    allotment: Limit | None = None


class ResultReady(_Event):
    """The result is ready: the clock stops (the moment used for early / on time / late).

    >>> ResultReady(at="2026-03-04T10:00:00").kind
    'result_ready'
    """

    kind: Literal["result_ready"] = "result_ready"


class Returned(_Event):
    """The result is returned to the applicant (also stops the clock if no result_ready came).

    >>> Returned(at="2026-03-05T10:00:00").kind
    'returned'
    """

    kind: Literal["returned"] = "returned"


class Withdrawn(_Event):
    """The applicant withdraws the dossier; the clock ends without a classification.

    >>> Withdrawn(at="2026-03-05T10:00:00", reason="Công dân rút hồ sơ").kind
    'withdrawn'
    """

    kind: Literal["withdrawn"] = "withdrawn"
    reason: Text | None = None


class Stopped(_Event):
    """The agency stops processing the dossier (dừng giải quyết hồ sơ, with the notice "Thông báo
    dừng giải quyết hồ sơ", form 05 of the 2025 form set): the clock ends without a
    classification, in its own state (not a result, not a withdrawal).

    >>> Stopped(at="2026-01-09T10:00:00", reason="Tòa án đã thụ lý vụ án tranh chấp").kind
    'stopped'
    """

    kind: Literal["stopped"] = "stopped"
    reason: Text | None = None


ClockEvent = Annotated[
    Received
    | SupplementRequested
    | SupplementReceived
    | Extended
    | HandedOver
    | ResultReady
    | Returned
    | Withdrawn
    | Stopped,
    Field(discriminator="kind"),
]
"""Any clock event; validate a list of them with ``TypeAdapter(list[ClockEvent])``."""

CLOCK_EVENT_TYPES: tuple[type[BaseModel], ...] = (
    Received,
    SupplementRequested,
    SupplementReceived,
    Extended,
    HandedOver,
    ResultReady,
    Returned,
    Withdrawn,
    Stopped,
)
"""The classes of :data:`ClockEvent`, for ``isinstance`` checks.

>>> isinstance(Withdrawn(at="2026-03-02T09:00:00+07:00"), CLOCK_EVENT_TYPES)
True
"""
