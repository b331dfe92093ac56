"""The events of a dossier's life, as immutable, dated values.

A dossier is its event log (:class:`hcc.Dossier`); every fact about it — its state, its SLA
clock, its register row, its indicators — is derived from these events. Events carry an aware
moment (naive datetimes are Vietnam local time) and only the fields their kind needs:

================================  =============================================================
kind                              fields
================================  =============================================================
``received``                      (the complete, valid dossier is received; the clock starts)
``supplement_requested``          ``reason`` (form 02, Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ)
``supplement_received``           —
``transferred``                   ``agency`` (required), ``allotment`` (its time limit, optional)
``transfer_returned``             ``agency`` (optional: who hands back)
``extended``                      ``new_due`` (required; form 04, apology and new appointment)
``refused``                       ``reason`` (a written refusal to settle)
``withdrawn``                     ``reason`` (the applicant withdraws the dossier)
``stopped``                       ``reason`` (the agency stops processing: dừng giải quyết)
``result_ready``                  —
``returned``                      (the result is handed over at the counter)
``posted``                        (the result is sent by the public postal service)
``delivered``                     (the result reaches the applicant's home)
``rated``                         ``rating`` (required; the applicant's satisfaction)
================================  =============================================================

Every kind accepts ``note`` and ``officer`` (free text, NFC-normalised).

>>> import datetime as dt
>>> e = DossierEvent(kind="transferred", at=dt.datetime(2026, 3, 2, 9, 0), agency="Chi cục Thuế")
>>> e.at.isoformat(), e.agency
('2026-03-02T09:00:00+07:00', 'Chi cục Thuế')
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ConfigDict, ValidationInfo, field_validator, model_validator

from hcc._model import HccModel, HccStrEnum
from hcc.calendar import as_vn_datetime
from hcc.calendar._text import nfc
from hcc.deadlines import TimeLimit

__all__ = ["DossierEvent", "EventKind", "Rating"]


def nfc_or_none(value: Any) -> Any:
    """:func:`~hcc.calendar._text.nfc`, with text that is empty once stripped read as ``None``."""
    value = nfc(value)
    return value or None if isinstance(value, str) else value


class EventKind(HccStrEnum):
    """What happened to a dossier.

    >>> EventKind("posted") is EventKind.POSTED
    True
    """

    RECEIVED = "received"
    """The complete, valid dossier is received and the receipt slip (form 01) issued."""
    SUPPLEMENT_REQUESTED = "supplement_requested"
    """The applicant is asked to supplement the dossier (form 02)."""
    SUPPLEMENT_RECEIVED = "supplement_received"
    """The supplement arrives; the dossier is complete again."""
    TRANSFERRED = "transferred"
    """The dossier is handed to another agency (inter-agency procedure, transfer slip)."""
    TRANSFER_RETURNED = "transfer_returned"
    """The agency hands the dossier (and its part of the work) back."""
    EXTENDED = "extended"
    """A new appointment is given with an apology (form 04); the law allows one."""
    REFUSED = "refused"
    """The agency refuses to settle, in writing; the refusal is the answer."""
    WITHDRAWN = "withdrawn"
    """The applicant withdraws the dossier; nothing is settled."""
    STOPPED = "stopped"
    """The agency stops processing the dossier (dừng giải quyết; notice "Thông báo dừng giải quyết
    hồ sơ", form 05 of the 2025 form set); nothing is settled and the clock stops."""
    RESULT_READY = "result_ready"
    """The result is ready at the one-stop counter."""
    RETURNED = "returned"
    """The result is handed to the applicant at the counter."""
    POSTED = "posted"
    """The result is sent by the public postal service."""
    DELIVERED = "delivered"
    """The result reaches the applicant's home (by post or by an official)."""
    RATED = "rated"
    """The applicant rates the service; it does not change the dossier's state."""


class Rating(HccStrEnum):
    """The applicant's satisfaction, on the three-level scale of the national portal.

    The scale's labels follow common portal practice (Rất hài lòng / Hài lòng / Không hài lòng);
    the exact scale Decision 766/QĐ-TTg scores is unconfirmed.

    >>> Rating("very_satisfied").label
    'Rất hài lòng'
    """

    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    DISSATISFIED = "dissatisfied"

    @property
    def label(self) -> str:
        """The Vietnamese label."""
        return _RATING_LABELS[self]


_RATING_LABELS = {
    Rating.VERY_SATISFIED: "Rất hài lòng",
    Rating.SATISFIED: "Hài lòng",
    Rating.DISSATISFIED: "Không hài lòng",
}

_ONLY: dict[str, frozenset[EventKind]] = {
    "agency": frozenset({EventKind.TRANSFERRED, EventKind.TRANSFER_RETURNED}),
    "allotment": frozenset({EventKind.TRANSFERRED}),
    "new_due": frozenset({EventKind.EXTENDED}),
    "rating": frozenset({EventKind.RATED}),
    "reason": frozenset(
        {
            EventKind.SUPPLEMENT_REQUESTED,
            EventKind.EXTENDED,
            EventKind.REFUSED,
            EventKind.WITHDRAWN,
            EventKind.STOPPED,
        }
    ),
}
_REQUIRED: dict[EventKind, tuple[str, ...]] = {
    EventKind.TRANSFERRED: ("agency",),
    EventKind.EXTENDED: ("new_due",),
    EventKind.RATED: ("rating",),
}


class DossierEvent(HccModel):
    """One dated event of a dossier's log.

    ``at`` is an aware datetime in Vietnam time (naive input is Vietnam local time). Fields that
    do not belong to the kind are refused, so a log reads the same way everywhere.

    >>> DossierEvent(kind="rated", at=dt.datetime(2026, 3, 9, 10), rating="satisfied").rating.label
    'Hài lòng'
    >>> DossierEvent(kind="returned", at=dt.datetime(2026, 3, 9, 10), rating="satisfied")
    Traceback (most recent call last):
    ...
    hcc.errors.ModelValidationError: 1 validation error for DossierEvent
    ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: EventKind
    at: dt.datetime
    agency: str | None = None
    allotment: TimeLimit | None = None
    new_due: dt.datetime | None = None
    reason: str | None = None
    rating: Rating | None = None
    note: str | None = None
    officer: str | None = None

    @field_validator("at", "new_due", mode="before")
    @classmethod
    def _moment(cls, v: Any, info: ValidationInfo) -> Any:
        return None if v is None else as_vn_datetime(v, info.field_name or "at")

    @field_validator("agency", "reason", "note", "officer", mode="before")
    @classmethod
    def _nfc(cls, v: Any) -> Any:
        return nfc_or_none(v)

    @field_validator("allotment", mode="before")
    @classmethod
    def _limit(cls, v: Any) -> Any:
        return TimeLimit.parse(v) if isinstance(v, str) else v

    @model_validator(mode="after")
    def _fields_fit_kind(self) -> DossierEvent:
        for name, kinds in _ONLY.items():
            if getattr(self, name) is not None and self.kind not in kinds:
                allowed = ", ".join(sorted(k.value for k in kinds))
                raise ValueError(
                    f"{name} is not a field of a {self.kind.value!r} event (only of: {allowed})"
                )
        for name in _REQUIRED.get(self.kind, ()):
            if getattr(self, name) is None:
                raise ValueError(f"a {self.kind.value!r} event needs {name}")
        if self.new_due is not None and self.new_due <= self.at:
            raise ValueError(
                f"new_due {self.new_due.isoformat()} must be after the extension moment "
                f"{self.at.isoformat()}"
            )
        return self
