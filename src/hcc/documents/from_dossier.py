"""Document contexts built from a dossier ([`hcc.Dossier`][hcc.dossiers.Dossier]) and the few facts it lacks.

A dossier knows its code, applicant, procedure, receipt, appointment and its log (supplements,
extensions, refusal); a form also needs the office, who signs and, sometimes, what the procedure
record says. These builders map one onto the other so an app does not write the mapping by hand:

* [`ReceiptContext.from_dossier`][hcc.documents.ReceiptContext.from_dossier] (form 01) —
  the appointment is [`hcc.Dossier.appointment`][hcc.dossiers.Dossier.appointment] (the receipt slip's);
* [`SupplementRequestContext.from_dossier`][SupplementRequestContext.from_dossier] (form 02) — the reason and date of the latest
  request to supplement in the log, unless given;
* [`RefusalContext.from_dossier`][RefusalContext.from_dossier] (form 03) — the reason and date of the refusal in the log;
* [`ApologyContext.from_dossier`][ApologyContext.from_dossier] (form 04) — the original appointment, and the new one and
  its reason from the ``extended`` event of the log (or given, before recording it);
* [`ProcessingStopContext.from_dossier`][ProcessingStopContext.from_dossier] (form 05 of Circular 03/2025);
* [`ControlSlipContext.from_dossier`][ControlSlipContext.from_dossier] (form 05) — the hand-overs from the dossier's SLA clock
  ([`control_steps`][control_steps]).

The procedure part comes from ``procedure`` when given (a [`hcc.procedures.Procedure`][hcc.procedures.Procedure]:
its statutory and committed limits and dossier components) and otherwise from the dossier
(its procedure code and name, its statutory limit and, when it differs, its committed one).

Documents do not import [`hcc.dossiers`][hcc.dossiers] (the two are sibling layers): a dossier is read
through the attributes of [`DossierLike`][DossierLike], which [`hcc.Dossier`][hcc.dossiers.Dossier] has.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from hcc.calendar import WorkingCalendar
from hcc.deadlines import DeadlinePolicy, TimeLimit
from hcc.errors import DocumentContextError

if TYPE_CHECKING:
    from hcc.deadlines import Deadline, SlaStatus

__all__ = ["DossierLike"]


class DossierLike(Protocol):
    """What the builders read from a dossier ([`hcc.Dossier`][hcc.dossiers.Dossier] has all of it).

    >>> import datetime as dt
    >>> from hcc import Dossier
    >>> d = Dossier.receive(code="000.00.01.H38-260302-0001", procedure_code="2.000815",
    ...     procedure_name="Chứng thực", lead_agency="UBND xã", applicant="A", time_limit="Trong ngày",
    ...     at=dt.datetime(2026, 3, 2, 9))
    >>> isinstance(d.code_text, str) and d.sets == 1
    True
    """

    @property
    def code_text(self) -> str: ...
    @property
    def procedure_code(self) -> str: ...
    @property
    def procedure_name(self) -> str: ...
    @property
    def field(self) -> str | None: ...
    @property
    def applicant(self) -> str: ...
    @property
    def address(self) -> str | None: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def sets(self) -> int: ...
    @property
    def time_limit(self) -> TimeLimit: ...
    @property
    def statutory_limit(self) -> TimeLimit | None: ...
    @property
    def lead_agency(self) -> str: ...
    @property
    def received_at(self) -> dt.datetime: ...
    @property
    def events(self) -> Sequence[Any]: ...

    def appointment(
        self, *, calendar: WorkingCalendar | None = None, policy: DeadlinePolicy | None = None
    ) -> Deadline: ...

    def sla(
        self,
        *,
        as_of: dt.datetime | str,
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
    ) -> SlaStatus: ...


C = TypeVar("C", bound=BaseModel)


def _kind(value: Any) -> str:
    return str(getattr(value, "value", value))


def _last(d: DossierLike, kind: str) -> Any | None:
    """The latest event of ``kind`` in the log (None if there is none)."""
    return next((e for e in reversed(d.events) if _kind(e.kind) == kind), None)


def applicant_of(d: DossierLike) -> dict[str, Any]:
    """The applicant block: name, address and phone as the dossier records them."""
    return {"name": d.applicant, "address": d.address, "phone": d.phone}


def procedure_of(d: DossierLike, procedure: Any) -> Any:
    """The procedure block: ``procedure`` when given (a Procedure or a mapping), else the dossier's."""
    if procedure is not None:
        return procedure
    statutory = d.statutory_limit or d.time_limit
    committed = d.time_limit if d.time_limit != statutory else None
    return {
        "name": d.procedure_name,
        "code": d.procedure_code,
        "field": d.field,
        "time_limit": str(statutory),
        "committed_time_limit": str(committed) if committed is not None else None,
        "sets": d.sets,
    }


def dossier_info(
    d: DossierLike,
    *,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
) -> dict[str, Any]:
    """The dossier block: code, receipt, the receipt slip's appointment and the sets."""
    due = d.appointment(calendar=calendar, policy=policy).due_at
    return {"code": d.code_text, "received_at": d.received_at, "due_at": due, "sets": d.sets}


def build(model: type[C], data: Mapping[str, Any]) -> C:
    """Validate ``data`` as ``model``; a [`hcc.errors.DocumentContextError`][hcc.errors.DocumentContextError] names the fields."""
    from hcc.documents.rendering import _context_error

    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        kind = str(getattr(model, "kind", model.__name__))
        raise _context_error(kind, model, exc) from None


def missing(kind: str, field: str, why: str) -> DocumentContextError:
    """The error for a fact neither given nor found in the dossier's log."""
    return DocumentContextError(kind, [field], f"{kind} context: {field}: {why}")


def given_or_logged(kind: str, field: str, given: Any, logged: Any, hint: str) -> Any:
    """``given`` when the caller gave it, else what the dossier's log says; neither (or an empty
    list) raises [`missing`][missing] naming ``field``, with ``hint`` saying what the log lacks.

    Raises:
        hcc.errors.DocumentContextError: neither a given nor a logged value.
    """
    value = given if given is not None else logged
    if value is None or (isinstance(value, list) and not value):
        raise missing(kind, field, f"give {field}= ({hint})")
    return value


def last_event(d: DossierLike, kind: str) -> Any | None:
    """The latest event of ``kind`` (``"supplement_requested"``, ``"refused"``, ``"extended"``)."""
    return _last(d, kind)


def count_events(d: DossierLike, kind: str) -> int:
    """How many events of ``kind`` the log has."""
    return sum(1 for e in d.events if _kind(e.kind) == kind)


def control_steps(
    d: DossierLike,
    *,
    receiving_unit: str,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
) -> list[dict[str, Any]]:
    """The hand-overs of the control slip, read from the dossier's SLA clock at its last event.

    The clock's steps are the dossier's holders in turn (the lead agency from the receipt, an
    agency it is transferred to, the lead agency again when it comes back ...). The slip lists:

    1. the receiving unit to the first holder at the receipt (the log has no separate hand-over
       moment: the receipt stands for it);
    2. each change of holder at the moment the next step starts, due by the allotment of the
       step that ends (when it had one; its result is then computed by
       [`hcc.deadlines.classify`][hcc.deadlines.classify]);
    3. the last holder to the receiving unit when the answer (result or refusal) is ready, due
       by the dossier's due (after supplements and extensions).
    """
    st = d.sla(as_of=d.events[-1].at, calendar=calendar, policy=policy)
    holders = [s for s in st.steps if s.agency]
    first = holders[0].agency if holders else d.lead_agency
    out: list[dict[str, Any]] = [
        {"from_unit": receiving_unit, "to_unit": first, "handed_at": d.received_at}
    ]
    for prev, step in itertools.pairwise(holders):
        out.append(
            {
                "from_unit": prev.agency,
                "to_unit": step.agency,
                "handed_at": step.started_at,
                "due_at": prev.due_at,
            }
        )
    if st.completed_at is not None:
        last = holders[-1].agency if holders else d.lead_agency
        out.append(
            {
                "from_unit": last,
                "to_unit": receiving_unit,
                "handed_at": st.completed_at,
                "due_at": st.due_at,
            }
        )
    return out
