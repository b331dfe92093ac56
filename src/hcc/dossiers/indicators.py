"""Service indicators over a set of dossiers and a period, and Circular 01/2018 per-dossier indices.

Every figure is a count of dossiers, or a ratio of two counts as an exact
[`fractions.Fraction`][fractions.Fraction] (``None`` when the denominator is 0). A report is made *as of* an
explicit moment: events after ``as_of`` are ignored, and the state of a dossier at the end of the
period is its state at ``cutoff = min(as_of, last instant of the period)``. There is no implicit "today".

Definitions, for a period ``[start, end]`` (both dates included, Vietnam local time):

* **received** — dossiers whose receipt falls in the period; **received_online** — those filed
  online (``channel == "online"``).
* **settled** — dossiers answered in the period (``result_ready`` or ``refused`` in it), split
  into **early**, **on_time** and **late** by the SLA clock ([`hcc.deadlines`][hcc.deadlines]) against the
  dossier's ``time_limit`` (extended by an apology and new appointment when there was one).
  A refusal is an answer: it is settled and classified like a result. Withdrawn dossiers are
  never settled; they are counted in **withdrawn**. Dossiers whose processing the agency stopped
  (dừng giải quyết) are not settled either; they are counted apart in **stopped**.
* **pending** — dossiers received by the cutoff and neither answered, withdrawn nor stopped at
  the cutoff; **pending_overdue** — those whose SLA clock is ``breached`` at the cutoff (a dossier
  waiting for a supplement is overdue only if its clock already was).
* **on_time_rate** — by default ``(early + on_time) / settled``, after Decision 766/QĐ-TTg
  (2022), which scores dossiers settled early or on time against those settled; **the exact
  formula is unconfirmed**. Pass ``on_time_rate=`` any function of the counts, e.g.
  [`on_time_rate_with_overdue_pending`][on_time_rate_with_overdue_pending].
* **average_processing_days** — over the settled dossiers: working days in
  ``(receipt date, answer date]`` (the receipt day is not counted, as in deadline counting; an
  answer on the day of receipt is 0), gross of any wait for a supplement.
* **returned** — answers handed to the applicant in the period (the first ``returned``,
  ``posted`` or ``delivered``); **returned_by_post** / **returned_at_home** — those sent by post /
  delivered home; **post_or_home_share** — their sum over returned.
* **rated** — dossiers whose latest rating (as of the cutoff) was given in the period;
  **satisfaction_rate** — ``(very_satisfied + satisfied) / rated``.

Grouping ([`group_indicators`][group_indicators]): by ``procedure`` (procedure code), ``field``, ``agency`` (the
lead agency) or ``month`` (each calendar month of the period, clipped to it, with its own cutoff).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Protocol

from pydantic import computed_field, field_validator, model_validator

from hcc._types import HccModel
from hcc.calendar import (
    VN_TZ,
    InvalidInputError,
    WorkingCalendar,
    as_date,
    as_vn_datetime,
    vietnam_calendar,
)
from hcc.deadlines import Classification
from hcc.dossiers._evaluate import (
    M_APPOINTMENT,
    M_CLASSIFICATION,
    M_DAYS,
    M_DUE,
    M_PROVISIONAL,
    Memo,
    memos,
    overdue_and_provisional,
    warn_provisional,
)
from hcc.dossiers.dossier import Dossier, _Facts
from hcc.dossiers.events import EventKind, Rating
from hcc.errors import short_repr
from hcc.procedures import ChannelKind

if TYPE_CHECKING:
    import pandas as pd

    from hcc.deadlines import DeadlinePolicy

__all__ = [
    "COUNT_COLUMNS",
    "AgencyIndex",
    "Circular01Indices",
    "GroupBy",
    "IndicatorCounts",
    "IndicatorRow",
    "Indicators",
    "OnTimeRate",
    "Period",
    "circular01_indices",
    "group_indicators",
    "indicator_rows",
    "indicators",
    "indicators_frame",
    "on_time_rate_766",
    "on_time_rate_with_overdue_pending",
    "resolve_period",
]


class Period(HccModel):
    """A reporting period: the dates ``[start, end]``, both included (Vietnam local dates).

    >>> p = Period.month(2026, 2)
    >>> p.start, p.end
    (datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))
    >>> Period(start="2026-01-01", end="2026-03-31").contains(dt.datetime(2026, 3, 31, 23, 59))
    True
    """

    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """The calendar month ``year``-``month``."""
        first = dt.date(year, month, 1)
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        return cls(start=first, end=nxt - dt.timedelta(days=1))

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year.

        >>> Period.year(2026).end
        datetime.date(2026, 12, 31)
        """
        return cls(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """The calendar quarter (1-4).

        >>> Period.quarter(2026, 2).start
        datetime.date(2026, 4, 1)

        Raises:
            InvalidInputError: ``quarter`` is not 1, 2, 3 or 4.
        """
        if quarter not in (1, 2, 3, 4):
            raise InvalidInputError("quarter", quarter, "1, 2, 3 or 4")
        first = cls.month(year, 3 * quarter - 2)
        last = cls.month(year, 3 * quarter)
        return cls(start=first.start, end=last.end)

    @property
    def start_at(self) -> dt.datetime:
        """00:00 of the first day (aware, Vietnam time)."""
        return dt.datetime.combine(self.start, dt.time(0), tzinfo=VN_TZ)

    @property
    def end_at(self) -> dt.datetime:
        """00:00 of the day after the last day: the period is ``[start_at, end_at)``."""
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(0), tzinfo=VN_TZ)

    @property
    def last_instant(self) -> dt.datetime:
        """The last representable moment of the period (``end_at`` minus one microsecond).

        >>> Period.month(2026, 2).last_instant.isoformat()
        '2026-02-28T23:59:59.999999+07:00'
        """
        return self.end_at - dt.timedelta(microseconds=1)

    def contains(self, moment: dt.datetime | dt.date) -> bool:
        """Whether ``moment`` (or a date) falls in the period."""
        return self.start <= as_date(moment, "moment") <= self.end

    def months(self) -> list[Period]:
        """The calendar months the period touches, each clipped to the period.

        >>> [(m.start.day, m.end.day) for m in Period(start="2026-01-15", end="2026-03-10").months()]
        [(15, 31), (1, 28), (1, 10)]
        """
        out: list[Period] = []
        d = self.start
        while d <= self.end:
            m = Period.month(d.year, d.month)
            out.append(Period(start=max(m.start, self.start), end=min(m.end, self.end)))
            d = m.end + dt.timedelta(days=1)
        return out

    @property
    def label(self) -> str:
        """``YYYY-MM`` for a whole month, else ``start..end``."""
        m = Period.month(self.start.year, self.start.month)
        if m == self:
            return f"{self.start:%Y-%m}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


class IndicatorCounts(Protocol):
    """What an on-time-rate function reads (an [`Indicators`][Indicators] satisfies it).

    >>> from types import SimpleNamespace
    >>> counts = SimpleNamespace(settled=10, early=3, on_time=5, late=2, pending=4, pending_overdue=1)
    >>> on_time_rate_766(counts)   # (early + on time) / settled
    Fraction(4, 5)
    """

    @property
    def settled(self) -> int: ...
    @property
    def early(self) -> int: ...
    @property
    def on_time(self) -> int: ...
    @property
    def late(self) -> int: ...
    @property
    def pending(self) -> int: ...
    @property
    def pending_overdue(self) -> int: ...


OnTimeRate = Callable[[IndicatorCounts], Fraction | None]
"""A formula for the on-time rate, from the counts (``None`` when undefined)."""


def on_time_rate_766(c: IndicatorCounts) -> Fraction | None:
    """``(early + on_time) / settled`` — the default, after Decision 766/QĐ-TTg (formula unconfirmed).

    >>> from types import SimpleNamespace as NS
    >>> on_time_rate_766(NS(settled=8, early=5, on_time=1, late=2, pending=3, pending_overdue=1))
    Fraction(3, 4)
    """
    settled, early, on_time, _ = _counts(c, overdue=False)
    return Fraction(early + on_time, settled) if settled else None


def _counts(c: object, *, overdue: bool = True) -> tuple[int, int, int, int]:
    """(settled, early, on_time, pending_overdue) of a counts object, each a non-negative int."""
    out = []
    for name in ("settled", "early", "on_time", "pending_overdue"):
        value = getattr(c, name, None if overdue or name != "pending_overdue" else 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidInputError(
                "counts",
                c,
                f"an object with non-negative int counts ({name}: got {short_repr(value)})",
            )
        out.append(value)
    return out[0], out[1], out[2], out[3]


def on_time_rate_with_overdue_pending(c: IndicatorCounts) -> Fraction | None:
    """``(early + on_time) / (settled + pending_overdue)``: pending overdue dossiers count as late.

    Some provincial dashboards count this way; offered as an alternative, not a legal formula.

    >>> from types import SimpleNamespace as NS
    >>> on_time_rate_with_overdue_pending(NS(settled=8, early=5, on_time=1, late=2, pending=3, pending_overdue=1))
    Fraction(2, 3)
    """
    settled, early, on_time, pending_overdue = _counts(c)
    den = settled + pending_overdue
    return Fraction(early + on_time, den) if den else None


def _ratio(num: int, den: int) -> Fraction | None:
    return Fraction(num, den) if den else None


class Indicators(HccModel):
    """The service indicators of a set of dossiers over a period (see the module docstring).

    Counts are stored; ratios are computed from them (exact fractions; ``None`` when the
    denominator is 0). ``on_time_rate`` was computed by the formula named in ``on_time_formula``.

    >>> empty = indicators([], Period.month(2026, 3), as_of=dt.datetime(2026, 4, 1))
    >>> empty.received, empty.on_time_rate, empty.average_processing_days
    (0, None, None)
    """

    period: Period
    as_of: dt.datetime
    received: int = 0
    received_online: int = 0
    settled: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    refused: int = 0
    withdrawn: int = 0
    stopped: int = 0
    pending: int = 0
    pending_overdue: int = 0
    processing_days_total: int = 0
    returned: int = 0
    returned_by_post: int = 0
    returned_at_home: int = 0
    rated: int = 0
    very_satisfied: int = 0
    satisfied: int = 0
    dissatisfied: int = 0
    on_time_rate: Fraction | None = None
    on_time_formula: str = "on_time_rate_766"

    @field_validator("on_time_rate", mode="before")
    @classmethod
    def _rate(cls, v: object) -> object:
        # Fraction(x) raises TypeError for a wrong type, which pydantic would not report
        if v is None or (isinstance(v, Fraction | int | str) and not isinstance(v, bool)):
            return v
        raise ValueError(f"expected a fraction (Fraction, int or 'p/q'), got {type(v).__name__}")

    @computed_field  # type: ignore[prop-decorator]  # mypy rejects decorated properties (pydantic docs)
    @property
    def average_processing_days(self) -> Fraction | None:
        """Mean working days from receipt to answer over the settled dossiers."""
        return _ratio(self.processing_days_total, self.settled)

    @computed_field  # type: ignore[prop-decorator]  # mypy rejects decorated properties (pydantic docs)
    @property
    def online_share(self) -> Fraction | None:
        """``received_online / received``."""
        return _ratio(self.received_online, self.received)

    @computed_field  # type: ignore[prop-decorator]  # mypy rejects decorated properties (pydantic docs)
    @property
    def post_or_home_share(self) -> Fraction | None:
        """``(returned_by_post + returned_at_home) / returned``."""
        return _ratio(self.returned_by_post + self.returned_at_home, self.returned)

    @computed_field  # type: ignore[prop-decorator]  # mypy rejects decorated properties (pydantic docs)
    @property
    def satisfaction_rate(self) -> Fraction | None:
        """``(very_satisfied + satisfied) / rated``."""
        return _ratio(self.very_satisfied + self.satisfied, self.rated)

    def to_frame(self) -> pd.DataFrame:
        """The report as a one-row pandas DataFrame, indexed by the period's label (``pandas`` extra).

        Columns: ``period_start`` and ``period_end`` (``datetime64[ns]`` dates), ``as_of``
        (``datetime64[ns, Asia/Ho_Chi_Minh]``), every count (``int64``), every ratio as
        ``float64`` (``NaN`` when undefined; the exact value is the model's ``Fraction``) and
        ``on_time_formula``. Reports concatenate: ``pd.concat(r.to_frame() for r in
        group_indicators(..., by="month").values())``. For the dossiers behind the figures see
        [`indicators_frame`][indicators_frame].

        Raises:
            hcc.errors.MissingExtraError: pandas is not installed.

        >>> empty = indicators([], Period.month(2026, 3), as_of=dt.datetime(2026, 4, 1))
        >>> f = empty.to_frame()
        >>> f.index.tolist(), int(f.loc["2026-03", "received"]), str(f["as_of"].dtype)
        (['2026-03'], 0, 'datetime64[ns, Asia/Ho_Chi_Minh]')
        """
        from hcc._frames import dates, frame, moments, require_pandas

        pd = require_pandas()
        columns: dict[str, Any] = {
            "period_start": dates([self.period.start]),
            "period_end": dates([self.period.end]),
            "as_of": moments([self.as_of]),
        }
        for name in _COUNTS:
            columns[name] = pd.Series([getattr(self, name)], dtype="int64")
        for name in _RATIOS:
            value = getattr(self, name)
            columns[name] = pd.Series(
                [float(value) if value is not None else None], dtype="float64"
            )
        columns["on_time_formula"] = pd.Series([self.on_time_formula], dtype=object)
        out = frame(columns)
        out.index = pd.Index([self.period.label], name="period")
        return out

    def percent(self, name: str, ndigits: int = 2) -> float | None:
        """A ratio as a percentage rounded for display (``None`` when undefined).

        >>> empty = indicators([], Period.month(2026, 3), as_of=dt.datetime(2026, 4, 1))
        >>> empty.percent("on_time_rate") is None
        True

        Raises:
            InvalidInputError: ``name`` is not the name of a ratio field.
        """
        value = getattr(self, name)
        if value is None:
            return None
        if not isinstance(value, Fraction):
            raise InvalidInputError("name", name, "the name of a ratio field")
        return round(float(value * 100), ndigits)


_RATIOS = (
    "on_time_rate",
    "average_processing_days",
    "online_share",
    "post_or_home_share",
    "satisfaction_rate",
)
"""The ratio fields of [`Indicators`][Indicators] (exact fractions in the model, floats in a frame)."""


# ---------------------------------------------------------------------- accumulation
def _rating_as_of(d: Dossier, cutoff: dt.datetime) -> tuple[Rating | None, dt.datetime | None]:
    if d.rated_at is None or d.rated_at <= cutoff:
        return d.rating, d.rated_at
    for e in reversed(d.events):
        if e.kind is EventKind.RATED and e.at <= cutoff:
            return e.rating, e.at
    return None, None


_COUNTS = (
    "received",
    "received_online",
    "settled",
    "early",
    "on_time",
    "late",
    "refused",
    "withdrawn",
    "stopped",
    "pending",
    "pending_overdue",
    "processing_days_total",
    "returned",
    "returned_by_post",
    "returned_at_home",
    "rated",
    "very_satisfied",
    "satisfied",
    "dissatisfied",
)
# positions in _COUNTS (the counts are a list: a report adds 100,000s of dossiers)
(
    _RECEIVED,
    _RECEIVED_ONLINE,
    _SETTLED,
    _EARLY,
    _ON_TIME,
    _LATE,
    _REFUSED,
    _WITHDRAWN,
    _STOPPED,
    _PENDING,
    _PENDING_OVERDUE,
    _PROCESSING_DAYS,
    _RETURNED,
    _RETURNED_BY_POST,
    _RETURNED_AT_HOME,
    _RATED,
    _VERY_SATISFIED,
    _SATISFIED,
    _DISSATISFIED,
) = range(len(_COUNTS))
# enum members are compared by identity: hashing one calls Python code
_VERY_SATISFIED_RATING, _SATISFIED_RATING = Rating.VERY_SATISFIED, Rating.SATISFIED
_ONLINE = ChannelKind.ONLINE
_REFUSED_EVENT = EventKind.REFUSED
_POSTED_EVENT = EventKind.POSTED
_DELIVERED_EVENT = EventKind.DELIVERED


class _Acc:
    """The counts of one report (a period observed at a cutoff), filled dossier by dossier."""

    __slots__ = ("counts", "cutoff", "end", "provisional", "start")

    def __init__(self, start: dt.datetime, end: dt.datetime, cutoff: dt.datetime) -> None:
        self.start = start
        self.end = end
        self.cutoff = cutoff
        self.counts = [0] * len(_COUNTS)
        self.provisional = False  # an overdue test at the cutoff rested on a provisional year

    def add(self, d: Dossier, f: _Facts, memo: Memo) -> None:
        """Count dossier ``d`` (the facts of its log ``f``, its memo ``memo``) as known at the
        cutoff (see the module docstring)."""
        cutoff = self.cutoff
        received_at = f.received_at
        if received_at > cutoff:
            return
        start, end, c = self.start, self.end, self.counts
        if start <= received_at < end:
            c[_RECEIVED] += 1
            if d._record.channel is _ONLINE:
                c[_RECEIVED_ONLINE] += 1
        settled_at = f.settled_at
        if settled_at is not None and settled_at > cutoff:
            settled_at = None
        withdrawn_at = f.withdrawn_at
        if withdrawn_at is not None and withdrawn_at > cutoff:
            withdrawn_at = None
        if settled_at is not None:
            if start <= settled_at < end:
                cls = memo[M_CLASSIFICATION]
                assert cls >= 0
                c[_SETTLED] += 1
                c[_EARLY + cls] += 1  # early, on time, late: in the order of the memo's index
                if f.settled_by is _REFUSED_EVENT:
                    c[_REFUSED] += 1
                c[_PROCESSING_DAYS] += memo[M_DAYS]
        elif withdrawn_at is not None:
            if start <= withdrawn_at < end:
                c[_WITHDRAWN] += 1
        elif f.stopped_at is not None and f.stopped_at <= cutoff:
            if start <= f.stopped_at < end:
                c[_STOPPED] += 1
        else:
            c[_PENDING] += 1
            overdue, provisional = overdue_and_provisional(d, memo, cutoff)
            if overdue:
                c[_PENDING_OVERDUE] += 1
            if provisional:
                self.provisional = True
        returned_at = f.returned_at
        if returned_at is not None and returned_at <= cutoff and start <= returned_at < end:
            c[_RETURNED] += 1
            if f.returned_via is _POSTED_EVENT:
                c[_RETURNED_BY_POST] += 1
            elif f.returned_via is _DELIVERED_EVENT:
                c[_RETURNED_AT_HOME] += 1
        rated_at = f.rated_at
        if rated_at is not None:
            rating: Rating | None = f.rating
            if rated_at > cutoff:
                rating, rated_at = _rating_as_of(d, cutoff)
            if rating is not None and rated_at is not None and start <= rated_at < end:
                c[_RATED] += 1
                c[
                    _VERY_SATISFIED
                    if rating is _VERY_SATISFIED_RATING
                    else _SATISFIED
                    if rating is _SATISFIED_RATING
                    else _DISSATISFIED
                ] += 1

    def result(self, period: Period, as_of: dt.datetime, on_time_rate: OnTimeRate) -> Indicators:
        counts = Indicators.model_validate(
            {"period": period, "as_of": as_of, **dict(zip(_COUNTS, self.counts, strict=True))}
        )
        return counts.model_copy(
            update={
                "on_time_rate": on_time_rate(counts),
                "on_time_formula": getattr(on_time_rate, "__name__", type(on_time_rate).__name__),
            }
        )


def resolve_period(
    period: Period | tuple[object, object], as_of: object
) -> tuple[Period, dt.datetime, dt.datetime]:
    """A report's period and moment as every report reads them: ``(period, as_of, cutoff)``.

    ``period`` is a [`Period`][Period] or a ``(start, end)`` pair of dates (validated into a
    ``Period``); ``as_of`` any moment hcc accepts (naive = Vietnam local time), returned aware;
    ``cutoff`` is the earlier of ``as_of`` and the period's last instant -- what is known for the
    period. The column kernels and ``hcc.dask`` use it to read their arguments exactly as
    [`indicators`][indicators] does.

    >>> p, as_of, cutoff = resolve_period(("2026-03-01", "2026-03-31"), dt.datetime(2026, 4, 2))
    >>> p.end, as_of.isoformat(), cutoff.isoformat()
    (datetime.date(2026, 3, 31), '2026-04-02T00:00:00+07:00', '2026-03-31T23:59:59.999999+07:00')

    Raises:
        hcc.errors.InvalidInputError: ``period`` is neither a Period nor a pair, or ``as_of`` is
            not a moment.
        hcc.errors.ModelValidationError: the pair is not a valid period (e.g. its end before its
            start).
    """
    if isinstance(period, Period):
        p = period
    elif isinstance(period, tuple) and len(period) == 2:
        p = Period.model_validate({"start": period[0], "end": period[1]})
    else:
        raise InvalidInputError("period", period, "a Period or a (start, end) pair of dates")
    moment = as_vn_datetime(as_of, "as_of")
    return p, moment, min(moment, p.last_instant)


def indicators(
    dossiers: Iterable[Dossier],
    period: Period | tuple[object, object],
    *,
    as_of: dt.datetime | str,
    on_time_rate: OnTimeRate = on_time_rate_766,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
) -> Indicators:
    """The indicators of ``dossiers`` over ``period``, as known at ``as_of`` (module docstring).

    ``period`` is a [`Period`][Period] or a ``(start, end)`` pair of dates (both included);
    ``policy`` applies to dossiers that do not carry their own. Warns once if a deadline rests on
    a provisional year.

    >>> from hcc.dossiers.dossier import Dossier, _Facts
    >>> d = Dossier.receive(code="000.00.01.H38-260302-0001", procedure_code="2.000815",
    ...     procedure_name="Chứng thực", lead_agency="UBND xã", applicant="A", time_limit="Trong ngày",
    ...     at=dt.datetime(2026, 3, 2, 9)).record("result_ready", dt.datetime(2026, 3, 2, 10))
    >>> ind = indicators([d], Period.month(2026, 3), as_of=dt.datetime(2026, 4, 1))
    >>> ind.received, ind.settled, ind.early, ind.on_time, ind.on_time_rate
    (1, 1, 0, 1, Fraction(1, 1))
    """
    p, moment, cutoff = resolve_period(period, as_of)
    acc = _Acc(p.start_at, p.end_at, cutoff)
    ds, fs = _received_by(dossiers, cutoff)
    ms = memos(ds, calendar=calendar, policy=policy)  # never warns: flags, no global state
    for d, f, memo in zip(ds, fs, ms, strict=True):
        acc.add(d, f, memo)
    _warn_if_provisional(ms, [acc])
    return acc.result(p, moment, on_time_rate)


def _warn_if_provisional(ms: list[Memo], accs: Iterable[_Acc]) -> None:
    """One warning for a report whose figures rest on a provisional year (stack: the caller of
    the public function)."""
    if any(m[M_PROVISIONAL] for m in ms) or any(a.provisional for a in accs):
        warn_provisional("the indicators", stacklevel=4)


COUNT_COLUMNS: tuple[str, ...] = _COUNTS
"""The count fields of [`Indicators`][Indicators], in order; each is a column of [`IndicatorRow`][IndicatorRow]."""


class IndicatorRow(NamedTuple):
    """One dossier behind a report: its facts as known at the cutoff, and what it adds to each count.

    The facts: ``received_at``; ``settled_at``, ``withdrawn_at``, ``stopped_at``, ``returned_at`` (None when the
    event had not happened by the cutoff); ``settled_by`` (``"result_ready"`` or ``"refused"``);
    ``appointment`` (the receipt slip's) and ``due`` (after supplements and extensions);
    ``classification`` of the answer (``"early"``, ``"on_time"``, ``"late"``; None while
    unanswered at the cutoff) and ``processing_days`` (working days from receipt to answer) —
    whenever the answer was, in the period or not.

    Then one field per count of [`Indicators`][Indicators] ([`COUNT_COLUMNS`][COUNT_COLUMNS]): 1 when the dossier
    is counted there, else 0 (``processing_days_total``: its processing days when it is counted
    as settled). Summing a column over the rows gives the report's count, exactly: a dossier
    answered on time in February but reported for March has ``classification="on_time"`` and
    ``settled=0`` — hcc counts the dossiers *settled in the period*.

    >>> IndicatorRow._fields.index("received") == len(IndicatorRow._fields) - len(COUNT_COLUMNS)
    True
    """

    code: str
    procedure_code: str
    field: str | None
    lead_agency: str
    channel: str
    received_at: dt.datetime
    settled_at: dt.datetime | None
    settled_by: str | None
    withdrawn_at: dt.datetime | None
    stopped_at: dt.datetime | None
    returned_at: dt.datetime | None
    returned_via: str | None
    appointment: dt.datetime
    due: dt.datetime | None
    classification: str | None
    processing_days: int | None
    received: int
    received_online: int
    settled: int
    early: int
    on_time: int
    late: int
    refused: int
    withdrawn: int
    stopped: int
    pending: int
    pending_overdue: int
    processing_days_total: int
    returned: int
    returned_by_post: int
    returned_at_home: int
    rated: int
    very_satisfied: int
    satisfied: int
    dissatisfied: int


def _upto(m: dt.datetime | None, cutoff: dt.datetime) -> dt.datetime | None:
    return m if m is not None and m <= cutoff else None


def indicator_rows(
    dossiers: Iterable[Dossier],
    period: Period | tuple[object, object],
    *,
    as_of: dt.datetime | str,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
) -> list[IndicatorRow]:
    """The per-dossier rows behind [`indicators`][indicators] (same arguments), in the given order.

    Every dossier received by the cutoff has a row, counted or not; see [`IndicatorRow`][IndicatorRow].
    ``sum(getattr(r, name) for r in rows)`` equals ``getattr(indicators(...), name)`` for every
    name of [`COUNT_COLUMNS`][COUNT_COLUMNS]: the rows are counted by the same code as the report.

    Raises:
        hcc.errors.InvalidInputError: a bad period, moment or dossier.

    >>> d = Dossier.receive(code="000.00.01.H38-260227-0001", procedure_code="2.000815",
    ...     procedure_name="Chứng thực", lead_agency="UBND xã", applicant="A", time_limit="Trong ngày",
    ...     at=dt.datetime(2026, 2, 27, 9)).record("result_ready", dt.datetime(2026, 2, 27, 10))
    >>> [row] = indicator_rows([d], Period.month(2026, 3), as_of=dt.datetime(2026, 4, 1))
    >>> row.classification, row.settled, row.received   # answered on time, but in February
    ('on_time', 0, 0)
    """
    p, _, cutoff = resolve_period(period, as_of)
    start_at, end_at = p.start_at, p.end_at
    out: list[IndicatorRow] = []
    accs: list[_Acc] = []
    ds, fs = _received_by(dossiers, cutoff)
    ms = memos(ds, calendar=calendar, policy=policy)  # never warns: flags, no global state
    for d, f, memo in zip(ds, fs, ms, strict=True):
        acc = _Acc(start_at, end_at, cutoff)  # this dossier's contribution to each count
        acc.add(d, f, memo)
        if acc.provisional:
            accs.append(acc)
        settled_at = _upto(f.settled_at, cutoff)
        returned_at = _upto(f.returned_at, cutoff)
        cls = memo[M_CLASSIFICATION]
        out.append(
            IndicatorRow(
                d.code_text,
                d.procedure_code,
                d.field,
                d.lead_agency,
                d.channel._value_,
                f.received_at,
                settled_at,
                f.settled_by._value_ if settled_at is not None and f.settled_by else None,
                _upto(f.withdrawn_at, cutoff),
                _upto(f.stopped_at, cutoff),
                returned_at,
                f.returned_via._value_ if returned_at is not None and f.returned_via else None,
                memo[M_APPOINTMENT],
                memo[M_DUE],
                _CLASS_NAMES[cls] if settled_at is not None and cls >= 0 else None,
                memo[M_DAYS] if settled_at is not None else None,
                *acc.counts,
            )
        )
    _warn_if_provisional(ms, accs)
    return out


_CLASS_NAMES = tuple(
    c.value for c in (Classification.EARLY, Classification.ON_TIME, Classification.LATE)
)
_ROW_MOMENTS = frozenset(
    {"received_at", "settled_at", "withdrawn_at", "stopped_at", "returned_at", "appointment", "due"}
)


def indicators_frame(
    dossiers: Iterable[Dossier],
    period: Period | tuple[object, object],
    *,
    as_of: dt.datetime | str,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
) -> pd.DataFrame:
    """[`indicator_rows`][indicator_rows] as a pandas DataFrame, one row per dossier (the ``pandas`` extra).

    Moments are ``datetime64[ns, Asia/Ho_Chi_Minh]`` (NaT when not happened by the cutoff);
    ``channel``, ``settled_by``, ``returned_via`` and ``classification`` are categories; the
    count columns ([`COUNT_COLUMNS`][COUNT_COLUMNS]) are ``int64``, so ``frame[list(COUNT_COLUMNS)].sum()``
    is the report's counts, and ``processing_days`` is ``Int64`` (nullable).

    Raises:
        hcc.errors.MissingExtraError: pandas is not installed.
        hcc.errors.InvalidInputError: a bad period, moment or dossier.

    >>> indicators_frame([], Period.month(2026, 3), as_of=dt.datetime(2026, 4, 1)).shape
    (0, 35)
    """
    from hcc._frames import categories, frame, moments, require_pandas

    pd = require_pandas()
    rows = indicator_rows(dossiers, period, as_of=as_of, calendar=calendar, policy=policy)
    kinds = {
        "channel": [c.value for c in ChannelKind],
        "settled_by": [EventKind.RESULT_READY.value, EventKind.REFUSED.value],
        "returned_via": [
            EventKind.RETURNED.value,
            EventKind.POSTED.value,
            EventKind.DELIVERED.value,
        ],
        "classification": list(_CLASS_NAMES),
    }
    columns: dict[str, Any] = {}
    for i, name in enumerate(IndicatorRow._fields):
        values: list[Any] = [r[i] for r in rows]
        if name in _ROW_MOMENTS:
            columns[name] = moments(values)
        elif name in kinds:
            columns[name] = categories(values, kinds[name])
        elif name == "processing_days":
            columns[name] = pd.Series(values, dtype="Int64")
        elif name in _COUNTS:
            columns[name] = pd.Series(values, dtype="int64")
        else:
            columns[name] = pd.Series(values, dtype=object)
    return frame(columns)


def _received_by(
    dossiers: Iterable[Dossier], cutoff: dt.datetime
) -> tuple[list[Dossier], list[_Facts]]:
    """The dossiers received by ``cutoff``, and the facts of their logs."""
    out: list[Dossier] = []
    facts: list[_Facts] = []
    for d in dossiers:
        if not isinstance(d, Dossier):
            raise InvalidInputError("dossiers", d, "hcc.Dossier items")
        f = d._f
        if f.received_at <= cutoff:
            out.append(d)
            facts.append(f)
    return out, facts


GroupBy = Literal["procedure", "field", "agency", "month"]

_KEYS: Mapping[str, Callable[[Dossier], str]] = {
    "procedure": lambda d: d.procedure_code,
    "field": lambda d: d.field or "",
    "agency": lambda d: d.lead_agency,
}


def group_indicators(
    dossiers: Iterable[Dossier],
    period: Period | tuple[object, object],
    *,
    by: GroupBy,
    as_of: dt.datetime | str,
    on_time_rate: OnTimeRate = on_time_rate_766,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
) -> dict[str, Indicators]:
    """[`indicators`][indicators] per group, keyed and sorted by the group's key.

    ``by="procedure"`` keys by procedure code, ``"field"`` by field (``""`` when unknown),
    ``"agency"`` by lead agency; ``"month"`` keys by ``YYYY-MM`` and reports each month of the
    period (clipped to it) with its own cutoff, ``min(as_of, end of that month)``. Groups with no
    dossier at all are omitted, except months, which are all present.

    >>> group_indicators([], Period(start="2026-01-01", end="2026-02-28"), by="month",
    ...                  as_of=dt.datetime(2026, 3, 1)).keys()
    dict_keys(['2026-01', '2026-02'])

    Raises:
        InvalidInputError: ``by`` is not 'procedure', 'field', 'agency' or 'month', or an item is
            not a dossier.
    """
    p, moment, cutoff = resolve_period(period, as_of)
    if by == "month":
        months = p.months()
        accs = [_Acc(m.start_at, m.end_at, min(moment, m.last_instant)) for m in months]
        starts = [m.start_at for m in months]
        ds, fs = _received_by(dossiers, cutoff)
        ms = memos(ds, calendar=calendar, policy=policy)
        for d, f, memo in zip(ds, fs, ms, strict=True):
            last = d._record.events[-1].at
            # the first of these that is set (a datetime is never false)
            closed = f.settled_at or f.withdrawn_at or f.stopped_at
            first = max(bisect_right(starts, f.received_at) - 1, 0)
            for i in range(first, len(months)):
                acc = accs[i]
                if last < acc.start and closed is not None and closed <= acc.cutoff:
                    break  # nothing of it falls in this month or any later one
                acc.add(d, f, memo)
        _warn_if_provisional(ms, accs)
        return {
            m.start.strftime("%Y-%m"): acc.result(m, moment, on_time_rate)
            for m, acc in zip(months, accs, strict=True)
        }
    key = _KEYS.get(by)
    if key is None:
        raise InvalidInputError("by", by, "'procedure', 'field', 'agency' or 'month'")
    groups: dict[str, _Acc] = {}
    ds, fs = _received_by(dossiers, cutoff)
    ms = memos(ds, calendar=calendar, policy=policy)
    for d, f, memo in zip(ds, fs, ms, strict=True):
        k = key(d)
        group = groups.get(k)
        if group is None:
            group = groups[k] = _Acc(p.start_at, p.end_at, cutoff)
        group.add(d, f, memo)
    _warn_if_provisional(ms, groups.values())
    return {k: groups[k].result(p, moment, on_time_rate) for k in sorted(groups)}


# ---------------------------------------------------------------------- Circular 01/2018 indices
_INDEX = {Classification.EARLY: 2, Classification.ON_TIME: 1, Classification.LATE: 0}


class AgencyIndex(HccModel):
    """Circular 01/2018 index 2 for one agency's step: 2 early, 1 on time, 0 late vs its allotment.

    >>> AgencyIndex(step=1, agency="Chi cục Thuế", classification="early", index=2).index
    2
    """

    step: int
    """The step's position among the clock's steps (0 is the lead agency from the receipt)."""
    agency: str
    classification: Classification
    index: int


class Circular01Indices(HccModel):
    """The per-dossier indices of Circular 01/2018/TT-VPCP art. 13 that the log determines.

    ``index1``: the total time against the **statutory** limit (``Dossier.statutory_limit``,
    else ``time_limit``): 2 shorter (answered on a day before the due date), 1 equal (on the due
    date, by the due moment), 0 longer; ``None`` while unanswered or when withdrawn. ``index2``:
    for each hand-over step that had an allotment and has ended, the same scale against the
    allotment. The day-based reading of "shorter / equal / longer" is that of
    [`hcc.deadlines.classify`][hcc.deadlines.classify].

    >>> Circular01Indices(index1=None, classification=None).index2
    ()
    """

    index1: int | None
    classification: Classification | None
    """The classification against the statutory limit that gives ``index1``."""
    index2: tuple[AgencyIndex, ...] = ()


def circular01_indices(
    dossier: Dossier,
    *,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
) -> Circular01Indices:
    """Indices 1 and 2 of Circular 01/2018 art. 13 for one dossier, from its SLA clock.

    >>> from hcc.dossiers.dossier import Dossier, _Facts
    >>> d = Dossier.receive(code="000.00.01.H38-260302-0002", procedure_code="1.000001",
    ...     procedure_name="Đăng ký biến động đất đai", lead_agency="UBND xã", applicant="A",
    ...     time_limit="05 ngày làm việc", statutory_limit="10 ngày làm việc",
    ...     at=dt.datetime(2026, 3, 2, 9))
    >>> d = d.record("transferred", dt.datetime(2026, 3, 2, 10), agency="Chi cục Thuế",
    ...              allotment="02 ngày làm việc")
    >>> d = d.record("transfer_returned", dt.datetime(2026, 3, 4, 16))   # on its due date
    >>> d = d.record("result_ready", dt.datetime(2026, 3, 9, 9))         # before 16 March
    >>> ind = circular01_indices(d)
    >>> ind.index1, [(a.agency, a.index) for a in ind.index2]
    (2, [('Chi cục Thuế', 1)])

    Raises:
        InvalidInputError: an item of ``dossiers`` is not a [`Dossier`][hcc.dossiers.Dossier].
    """
    if not isinstance(dossier, Dossier):
        raise InvalidInputError("dossier", dossier, "a Dossier")
    cal = (calendar or vietnam_calendar()).without_warnings()  # the flag below reports it
    st = dossier.clock(limit=dossier.effective_limit, calendar=cal, policy=policy).status(
        at=dossier.events[-1].at
    )
    if st.provisional:
        warn_provisional("the Circular 01/2018 indices")
    cls = st.classification
    steps = tuple(
        AgencyIndex(
            step=s.index,
            agency=s.agency or "",
            classification=s.classification,
            index=_INDEX[s.classification],
        )
        for s in st.steps
        if s.classification is not None
    )
    return Circular01Indices(
        index1=None if cls is None else _INDEX[cls], classification=cls, index2=steps
    )
