"""The state machine of a dossier: which event each state allows, and where it leads.

::

    new ──received──▶ processing ◀──supplement_received── awaiting_supplement
                        │   ▲  ╲──supplement_requested──▶          │
                        │   │                                       │
               transferred  transfer_returned                      │
                        ▼   │                                       │
                       at_agency ──transferred (to the next agency)─┘ (and back to itself)
                        │
    processing ──result_ready──▶ result_ready ──returned──▶ returned
                                      │      └──posted──▶ posted ──delivered──▶ delivered
                                      └──delivered (home delivery)──▶ delivered
    processing / at_agency / awaiting_supplement ──refused──▶ refused ──returned/posted/delivered──▶ …
    processing / at_agency / awaiting_supplement ──withdrawn──▶ withdrawn
    processing / at_agency / awaiting_supplement ──stopped──▶ stopped (dừng giải quyết)

``extended`` keeps the state (processing, at_agency); ``rated`` is allowed in every state after
the receipt and keeps it. ``supplement_requested`` may come from an agency (at_agency); the
supplement then arrives at the one-stop counter (processing), which transfers again if needed.

>>> next_state(DossierState.NEW, EventKind.RECEIVED)
<DossierState.PROCESSING: 'processing'>
>>> next_state(DossierState.RESULT_READY, EventKind.SUPPLEMENT_REQUESTED)
Traceback (most recent call last):
...
hcc.errors.InvalidTransitionError: event 'supplement_requested' is not allowed in state 'result_ready'; allowed: delivered, posted, rated, returned (event: supplement_requested)
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from hcc._model import HccStrEnum
from hcc.dossiers.events import EventKind
from hcc.errors import InvalidTransitionError

__all__ = [
    "FINAL_STATES",
    "RETURN_EVENTS",
    "SETTLED_STATES",
    "TRANSITIONS",
    "DossierState",
    "allowed_events",
    "next_state",
]


class DossierState(HccStrEnum):
    """Where a dossier stands.

    >>> DossierState.AWAITING_SUPPLEMENT.label
    'Chờ bổ sung hồ sơ'
    """

    NEW = "new"
    """No event yet (only before the receipt)."""
    PROCESSING = "processing"
    """Being settled by the lead agency."""
    AWAITING_SUPPLEMENT = "awaiting_supplement"
    """Waiting for the applicant to supplement the dossier."""
    AT_AGENCY = "at_agency"
    """Handed to another agency (inter-agency procedure)."""
    RESULT_READY = "result_ready"
    """The result is ready to be returned."""
    REFUSED = "refused"
    """Settled by a written refusal, not yet handed back."""
    WITHDRAWN = "withdrawn"
    """Withdrawn by the applicant (final)."""
    STOPPED = "stopped"
    """Processing stopped by the agency (dừng giải quyết hồ sơ; final, not an answer)."""
    RETURNED = "returned"
    """The result (or refusal) was handed over at the counter (final)."""
    POSTED = "posted"
    """The result (or refusal) was sent by post."""
    DELIVERED = "delivered"
    """The result (or refusal) reached the applicant's home (final)."""

    @property
    def label(self) -> str:
        """The Vietnamese label."""
        return _LABELS[self]


_LABELS = {
    DossierState.NEW: "Chưa tiếp nhận",
    DossierState.PROCESSING: "Đang giải quyết",
    DossierState.AWAITING_SUPPLEMENT: "Chờ bổ sung hồ sơ",
    DossierState.AT_AGENCY: "Đang chuyển cơ quan phối hợp",
    DossierState.RESULT_READY: "Đã có kết quả",
    DossierState.REFUSED: "Từ chối giải quyết",
    DossierState.WITHDRAWN: "Đã rút hồ sơ",
    DossierState.STOPPED: "Dừng giải quyết",
    DossierState.RETURNED: "Đã trả kết quả",
    DossierState.POSTED: "Đã gửi kết quả qua bưu chính",
    DossierState.DELIVERED: "Đã trả kết quả tại nhà",
}

S, E = DossierState, EventKind
_HANDING_BACK = {E.RETURNED: S.RETURNED, E.POSTED: S.POSTED, E.DELIVERED: S.DELIVERED}
_OPEN_EXITS = {E.REFUSED: S.REFUSED, E.WITHDRAWN: S.WITHDRAWN, E.STOPPED: S.STOPPED}

_TABLE: dict[DossierState, dict[EventKind, DossierState]] = {
    S.NEW: {E.RECEIVED: S.PROCESSING},
    S.PROCESSING: {
        E.SUPPLEMENT_REQUESTED: S.AWAITING_SUPPLEMENT,
        E.TRANSFERRED: S.AT_AGENCY,
        E.EXTENDED: S.PROCESSING,
        E.RESULT_READY: S.RESULT_READY,
        **_OPEN_EXITS,
    },
    S.AWAITING_SUPPLEMENT: {E.SUPPLEMENT_RECEIVED: S.PROCESSING, **_OPEN_EXITS},
    S.AT_AGENCY: {
        E.TRANSFERRED: S.AT_AGENCY,
        E.TRANSFER_RETURNED: S.PROCESSING,
        E.SUPPLEMENT_REQUESTED: S.AWAITING_SUPPLEMENT,
        E.EXTENDED: S.AT_AGENCY,
        **_OPEN_EXITS,
    },
    S.RESULT_READY: dict(_HANDING_BACK),
    S.REFUSED: dict(_HANDING_BACK),
    S.POSTED: {E.DELIVERED: S.DELIVERED},
    S.WITHDRAWN: {},
    S.STOPPED: {},
    S.RETURNED: {},
    S.DELIVERED: {},
}
for _state, _moves in _TABLE.items():
    if _state is not S.NEW:
        _moves[E.RATED] = _state

TRANSITIONS: Mapping[DossierState, Mapping[EventKind, DossierState]] = MappingProxyType(
    {k: MappingProxyType(v) for k, v in _TABLE.items()}
)
"""state -> {event kind -> next state}; an event not listed is an invalid transition."""

SETTLED_STATES = frozenset({S.RESULT_READY, S.REFUSED, S.RETURNED, S.POSTED, S.DELIVERED})
"""States in which the dossier has been answered (a result or a refusal)."""
FINAL_STATES = frozenset({S.WITHDRAWN, S.STOPPED, S.RETURNED, S.DELIVERED})
"""States that allow nothing more than a rating."""
RETURN_EVENTS = frozenset({E.RETURNED, E.POSTED, E.DELIVERED})
"""Events that hand the answer to the applicant (the first of them is the return moment)."""


def allowed_events(state: DossierState) -> tuple[EventKind, ...]:
    """The event kinds ``state`` allows, sorted by value.

    >>> [e.value for e in allowed_events(DossierState.POSTED)]
    ['delivered', 'rated']
    """
    return tuple(sorted(TRANSITIONS[DossierState(state)], key=lambda k: k.value))


def next_state(state: DossierState, event: EventKind) -> DossierState:
    """The state after ``event``; raises :class:`hcc.errors.InvalidTransitionError` naming both.

    >>> next_state(DossierState.AT_AGENCY, EventKind.TRANSFER_RETURNED).value
    'processing'
    """
    state = DossierState(state)
    event = EventKind(event)
    moves = _TABLE[state]
    try:
        return moves[event]
    except KeyError:
        raise InvalidTransitionError(
            state.value,
            EventKind(event).value,
            allowed=tuple(e.value for e in allowed_events(state)),
        ) from None
