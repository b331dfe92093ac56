"""Counting policies: the choices the law leaves open, as named, documented settings.

REFERENCE §3 and §10 list what is not settled: whether an online dossier received after hours or
on a day off counts from the next working day, whether a request to supplement resets or pauses
the clock, which units the 15:00 cut-off applies to, and the time printed on the appointment slip.
A [`DeadlinePolicy`][DeadlinePolicy] names each choice; presets give the reading of each legal version, and
[`policy_in_force`][policy_in_force] picks the version in force on a dossier's receipt date (Decree 61/2018 as
amended by Decree 107/2021 until 30/6/2025, Decree 118/2025 from 1/7/2025). Every function that
counts a dossier ([`hcc.deadlines.compute_deadline`][hcc.deadlines.compute_deadline], the SLA clock, [`hcc.Dossier`][hcc.dossiers.Dossier],
documents) uses that version unless the caller names a policy.

>>> policy_in_force(dt.date(2025, 6, 30)).name, policy_in_force(dt.date(2025, 7, 1)).name
('decree_61_2018', 'decree_118_2025')
"""

from __future__ import annotations

import datetime as dt
import itertools
from functools import cache
from typing import Annotated

from pydantic import Field, PlainSerializer, field_validator

from hcc._types import HccModel, HccStrEnum
from hcc.calendar import VN_TZ
from hcc.deadlines.limits import TimeUnit
from hcc.errors import DeadlineError, InvalidInputError, short_repr

__all__ = [
    "POLICY_VERSIONS",
    "AfterHoursRule",
    "AppointmentTime",
    "DeadlinePolicy",
    "SupplementRule",
    "policy_in_force",
]


class AfterHoursRule(HccStrEnum):
    """How a receipt outside office hours (or on a day off) is counted.

    >>> AfterHoursRule("next_opening").value
    'next_opening'
    """

    NEXT_OPENING = "next_opening"
    """Count from the opening of the next working day (the receipt moves there)."""
    CIVIL_CODE_LITERAL = "civil_code_literal"
    """Count from the calendar day of receipt, whatever the hour (Civil Code 2015 art. 147)."""


class AppointmentTime(HccStrEnum):
    """The time of day of a day-based due date (form 01 prints "... giờ ... phút, ngày ...").

    >>> AppointmentTime.CLOSING_TIME.value
    'closing_time'
    """

    CLOSING_TIME = "closing_time"
    """The closing time of the due date's last office session (17:00 by default)."""
    RECEIPT_CLOCK_TIME = "receipt_clock_time"
    """For working-day limits: the effective receipt's clock time on the due date (kept inside its
    office hours). Other units keep the closing time."""


class SupplementRule(HccStrEnum):
    """What a request to supplement the dossier does to the clock.

    >>> SupplementRule.RESET.value
    'reset'
    """

    RESET = "reset"
    """The limit is counted again from the start once the complete dossier arrives (Decree 61/2018 art. 19(4))."""
    PAUSE = "pause"
    """The clock stops on the request and resumes on the supplement (reported for Decree 118/2025;
    unconfirmed). When it resumes, the 15:00 cut-off applies to the resumption as to a receipt."""


Threshold = Annotated[float, Field(gt=0)]


class DeadlinePolicy(HccModel):
    """The counting choices that the law leaves open, with documented defaults.

    ``DeadlinePolicy()`` is the Decree 61/2018 reading ([`decree_61_2018`][decree_61_2018]):

    * ``cutoff`` (15:00) applies to ``cutoff_units`` (same day and immediate by default): a dossier
      received *strictly after* the cut-off counts from the next working day (Law on Civil Status
      art. 5(3); Decree 23/2015 art. 7; Decree 61/2018 art. 18 for transfers);
    * ``after_hours``: ``next_opening`` (default) or ``civil_code_literal``;
    * ``appointment_time``: ``closing_time`` (default) or ``receipt_clock_time``;
    * ``supplement``: ``reset`` (default) or ``pause``; ``supplement_request_window`` (3 working
      days after receipt, Decree 61/2018 art. 19(4)) only adds a note when exceeded;
    * ``max_extensions``: how many new appointments a dossier may get (1, art. 19(9));
    * ``warning_thresholds``: fractions of the limit elapsed that raise the warning level;
    * ``apology_lead``: working days before the due date by which the apology is due (1).

    >>> p = DeadlinePolicy()
    >>> p.cutoff, sorted(u.value for u in p.cutoff_units), p.supplement.value
    (datetime.time(15, 0), ['immediate', 'same_day'], 'reset')
    >>> DeadlinePolicy(cutoff="16:00", supplement="pause").cutoff
    datetime.time(16, 0)
    """

    name: str = "custom"
    legal_basis: str = ""
    unconfirmed: bool = False
    valid_from: dt.date | None = None
    """First receipt date the preset applies to (None: open); see [`policy_in_force`][policy_in_force]."""
    valid_to: dt.date | None = None
    """Last receipt date the preset applies to, inclusive (None: open)."""
    unconfirmed_settings: tuple[str, ...] = ()
    """The fields whose value was not read in the legal text (documented defaults)."""
    cutoff: dt.time = dt.time(15, 0)
    cutoff_units: Annotated[
        frozenset[TimeUnit],
        # a set has no order of its own (a str enum's hash changes with each process): written in
        # the order of TimeUnit, so a policy's JSON is the same everywhere
        PlainSerializer(lambda v: sorted(v, key=list(TimeUnit).index), return_type=list[TimeUnit]),
    ] = frozenset({TimeUnit.SAME_DAY, TimeUnit.IMMEDIATE})
    after_hours: AfterHoursRule = AfterHoursRule.NEXT_OPENING
    appointment_time: AppointmentTime = AppointmentTime.CLOSING_TIME
    supplement: SupplementRule = SupplementRule.RESET
    supplement_request_window: Annotated[int, Field(ge=0)] = 3
    max_extensions: Annotated[int, Field(ge=0)] = 1
    warning_thresholds: tuple[Threshold, ...] = (0.5, 0.75, 1.0)
    apology_lead: Annotated[int, Field(ge=0)] = 1

    @field_validator("cutoff")
    @classmethod
    def _naive(cls, v: dt.time) -> dt.time:
        if v.tzinfo is not None:
            raise ValueError("cutoff is a local Vietnam time without a time zone")
        return v

    @field_validator("warning_thresholds")
    @classmethod
    def _increasing(cls, v: tuple[float, ...]) -> tuple[float, ...]:
        if any(b <= a for a, b in itertools.pairwise(v)):
            raise ValueError(f"warning_thresholds must be strictly increasing, got {v}")
        return v

    @classmethod
    def decree_61_2018(cls) -> DeadlinePolicy:
        """The reading of Decree 61/2018/NĐ-CP (amended by 107/2021): reset on supplement.

        In force for dossiers received up to 30/6/2025 (Decree 118/2025/NĐ-CP replaced it from
        1/7/2025). The same object is returned on every call.

        >>> p = DeadlinePolicy.decree_61_2018()
        >>> p.supplement.value, p.valid_to
        ('reset', datetime.date(2025, 6, 30))
        """
        return _decree_61_2018()

    @classmethod
    def decree_118_2025(cls) -> DeadlinePolicy:
        """The reading of Decree 118/2025/NĐ-CP of 9/6/2025 (in force 1/7/2025): pause on supplement.

        Confirmed: the decree's number, date and subject ("thực hiện thủ tục hành chính theo cơ chế
        một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia", cited with
        that date in provincial decisions of 2025), and that it replaces Decree 61/2018 from
        1/7/2025. **Unconfirmed** (its articles were not read; see ``unconfirmed_settings``): the
        pause on a request to supplement (reported by secondary sources, REFERENCE §3, §10), the
        15:00 cut-off, the after-hours rule, one extension and the 1-working-day apology lead,
        which keep the Decree 61/2018 values; Decree 367/2025/NĐ-CP, which amends it, was not read
        either and changes nothing here. Override any field with ``model_copy(update=...)``.

        >>> p = DeadlinePolicy.decree_118_2025()
        >>> p.supplement.value, p.unconfirmed, p.valid_from
        ('pause', True, datetime.date(2025, 7, 1))
        """
        return _decree_118_2025()

    def basis_of(self, setting: str) -> str:
        """The legal basis this policy cites for one of its settings, for notes and errors.

        >>> DeadlinePolicy.decree_61_2018().basis_of("max_extensions")
        'Decree 61/2018/NĐ-CP art. 19(9)'
        >>> DeadlinePolicy.decree_118_2025().basis_of("apology_lead")
        'Decree 118/2025/NĐ-CP (article unconfirmed; value kept from Decree 61/2018/NĐ-CP art. 19(9))'
        >>> DeadlinePolicy(name="district").basis_of("max_extensions")
        "policy 'district' setting max_extensions"

        Raises:
            InvalidInputError: ``setting`` is not a str.
        """
        if not isinstance(setting, str):
            raise InvalidInputError("setting", setting, "a setting name (str)")
        basis = _BASES.get(setting)
        if basis is None or self.name not in ("decree_61_2018", "decree_118_2025"):
            return f"policy {self.name!r} setting {setting}"
        if self.name == "decree_61_2018":
            return basis
        if setting in self.unconfirmed_settings:
            return f"Decree 118/2025/NĐ-CP (article unconfirmed; value kept from {basis})"
        return "Decree 118/2025/NĐ-CP"

    @classmethod
    def in_force(cls, on: dt.date | dt.datetime) -> DeadlinePolicy:
        """The preset in force on receipt date ``on``; same as [`policy_in_force`][policy_in_force].

        >>> DeadlinePolicy.in_force(dt.date(2026, 1, 5)).name
        'decree_118_2025'
        """
        return policy_in_force(on)

    @classmethod
    def civil_code(cls) -> DeadlinePolicy:
        """The Civil Code literal reading: count from the calendar day of receipt, at any hour.

        >>> DeadlinePolicy.civil_code().after_hours.value
        'civil_code_literal'
        """
        return cls(
            name="civil_code",
            legal_basis="Civil Code 2015 arts. 144-148",
            after_hours=AfterHoursRule.CIVIL_CODE_LITERAL,
        )


_BASES = {
    "supplement": "Decree 61/2018/NĐ-CP art. 19(4)",
    "supplement_request_window": "Decree 61/2018/NĐ-CP art. 19(4)",
    "max_extensions": "Decree 61/2018/NĐ-CP art. 19(9)",
    "apology_lead": "Decree 61/2018/NĐ-CP art. 19(9)",
    "cutoff": "Decree 61/2018/NĐ-CP art. 18 (transfers)",
    "after_hours": "Decree 61/2018/NĐ-CP art. 17(1)(c)",
}

_61_BASIS = (
    "Decree 61/2018/NĐ-CP of 23/4/2018 arts. 17-19 (amended by Decree 107/2021/NĐ-CP), "
    "in force for dossiers received until 30/6/2025"
)
_118_BASIS = (
    "Decree 118/2025/NĐ-CP of 9/6/2025 on the one-stop mechanism at one-stop units and the "
    "National Public Service Portal, in force from 1/7/2025 (amended by Decree 367/2025/NĐ-CP, "
    "text not read); the counting settings keep Decree 61/2018's values unless noted"
)


@cache
def _decree_61_2018() -> DeadlinePolicy:
    return DeadlinePolicy(
        name="decree_61_2018",
        legal_basis=_61_BASIS,
        valid_to=dt.date(2025, 6, 30),
    )


@cache
def _decree_118_2025() -> DeadlinePolicy:
    return DeadlinePolicy(
        name="decree_118_2025",
        legal_basis=_118_BASIS,
        unconfirmed=True,
        valid_from=dt.date(2025, 7, 1),
        supplement=SupplementRule.PAUSE,
        unconfirmed_settings=(
            "supplement",
            "cutoff",
            "after_hours",
            "supplement_request_window",
            "max_extensions",
            "apology_lead",
        ),
    )


POLICY_VERSIONS: tuple[str, ...] = ("decree_61_2018", "decree_118_2025")
"""The names of the dated presets, oldest first (see [`policy_in_force`][policy_in_force])."""

_SWITCH = dt.date(2025, 7, 1)  # Decree 118/2025/NĐ-CP enters into force


def policy_in_force(on: dt.date | dt.datetime) -> DeadlinePolicy:
    """The counting policy in force for a dossier received on ``on`` (a date or a datetime).

    Receipts up to 30/6/2025 get [`DeadlinePolicy.decree_61_2018`][DeadlinePolicy.decree_61_2018]; from 1/7/2025,
    [`DeadlinePolicy.decree_118_2025`][DeadlinePolicy.decree_118_2025]. A datetime is read by its calendar date (naive =
    Vietnam local time; an aware one is converted to Vietnam time first). The same objects are
    returned on every call, so they can be compared by identity.

    >>> policy_in_force(dt.date(2025, 6, 30)).supplement.value
    'reset'
    >>> policy_in_force(dt.datetime(2025, 7, 1, 8, 0)).supplement.value
    'pause'
    >>> policy_in_force("2025-07-01")
    Traceback (most recent call last):
    ...
    hcc.errors.DeadlineError: on: got '2025-07-01', expected a date or a datetime

    Raises:
        DeadlineError: ``on`` is not a date.
    """
    if isinstance(on, dt.datetime):
        if on.tzinfo is not None:
            try:
                on = on.astimezone(VN_TZ)
            except (OverflowError, ValueError):
                raise DeadlineError(
                    f"on: got {on.isoformat()}, a moment outside years 1..9999 in Vietnam time"
                ) from None
        day = on.date()
    elif isinstance(on, dt.date):
        day = on
    else:
        raise DeadlineError(f"on: got {short_repr(on)}, expected a date or a datetime")
    return _decree_118_2025() if day >= _SWITCH else _decree_61_2018()
