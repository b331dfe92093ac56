"""Counting policies: the choices the law leaves open, as named, documented settings.

REFERENCE §3 and §10 list what is not settled: whether an online dossier received after hours or
on a day off counts from the next working day, whether a request to supplement resets or pauses
the clock, which units the 15:00 cut-off applies to, and the time printed on the appointment slip.
A :class:`DeadlinePolicy` names each choice; presets give the reading of each legal version.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Annotated

from pydantic import ConfigDict, Field, field_validator

from hcc._model import HccModel, HccStrEnum
from hcc.deadlines.limits import TimeUnit

__all__ = ["AfterHoursRule", "AppointmentTime", "DeadlinePolicy", "SupplementRule"]


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
    """The clock stops on the request and resumes on the supplement (reported for Decree 118/2025; unconfirmed)."""


Threshold = Annotated[float, Field(gt=0)]


class DeadlinePolicy(HccModel):
    """The counting choices that the law leaves open, with documented defaults.

    ``DeadlinePolicy()`` is the Decree 61/2018 reading (:meth:`decree_61_2018`):

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

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = "custom"
    legal_basis: str = ""
    unconfirmed: bool = False
    cutoff: dt.time = dt.time(15, 0)
    cutoff_units: frozenset[TimeUnit] = frozenset({TimeUnit.SAME_DAY, TimeUnit.IMMEDIATE})
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

        >>> DeadlinePolicy.decree_61_2018().supplement.value
        'reset'
        """
        return cls(
            name="decree_61_2018",
            legal_basis=(
                "Decree 61/2018/NĐ-CP arts. 17-19 (amended by Decree 107/2021/NĐ-CP); "
                "Law on Civil Status art. 5(3) for the 15:00 cut-off"
            ),
        )

    @classmethod
    def decree_118_2025(cls) -> DeadlinePolicy:
        """The reported reading of Decree 118/2025/NĐ-CP (in force 1/7/2025): pause on supplement.

        **Unconfirmed**: the pause semantics come from secondary sources only (REFERENCE §3, §10),
        so the preset says ``unconfirmed=True``; override ``supplement`` if your reading differs.

        >>> p = DeadlinePolicy.decree_118_2025()
        >>> p.supplement.value, p.unconfirmed
        ('pause', True)
        """
        return cls(
            name="decree_118_2025",
            legal_basis="Decree 118/2025/NĐ-CP (as reported; text not confirmed)",
            unconfirmed=True,
            supplement=SupplementRule.PAUSE,
        )

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
