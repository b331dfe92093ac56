"""hcc on a ``dask.dataframe``: the column kernels per partition, indicators in two stages.

Install the ``dask`` extra (``dask[dataframe]`` and ``distributed``). Nothing here schedules
work: the functions build dask graphs that run on whatever scheduler or cluster the caller
uses, and give exactly the answers of the single-process kernels
([`hcc.deadlines.kernels.deadline_columns`][hcc.deadlines.kernels.deadline_columns], [`hcc.dossiers.kernels.indicator_counts`][hcc.dossiers.kernels.indicator_counts]).
The calendar travels to the workers pickled (the national one as a reference, a local one as
its recipe, rebuilt once per worker process).

>>> import dask.dataframe as dd
>>> from hcc.testing.synthetic import synthetic_dossiers
>>> ddf = dd.from_pandas(synthetic_dossiers(2000, seed=1), npartitions=4)
>>> with_due = add_deadlines(ddf)
>>> report = indicators(ddf, Period.year(2024), as_of=dt.datetime(2025, 1, 1), by=["province"],
...                     scheduler="synchronous")
>>> int(report["received"].sum())
2000
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hcc.calendar import InvalidInputError, WorkingCalendar
from hcc.deadlines import DeadlinePolicy, TimeLimit
from hcc.dossiers import COUNT_COLUMNS, Period
from hcc.errors import MissingExtraError

if TYPE_CHECKING:
    import dask.dataframe as dd
    import pandas as pd

__all__ = ["Period", "add_deadlines", "indicators"]

_DEADLINE_COLUMNS = ("effective_received_at", "due_date", "due_at", "provisional", "derived")


def _require_dask() -> Any:
    try:
        import dask.dataframe as dd
    except ImportError:
        raise MissingExtraError("dask", "hcc.dask") from None
    return dd


def _deadlines_partition(
    part: pd.DataFrame,
    received: str,
    limit: str | TimeLimit | None,
    units: str | None,
    amounts: str | None,
    calendar: WorkingCalendar | None,
    policy: DeadlinePolicy | None,
    prefix: str,
) -> pd.DataFrame:
    from hcc.deadlines.kernels import deadline_columns

    out = part.copy()
    if len(part) == 0:
        got = _empty_deadlines()
    else:
        lim: Any = part[limit] if isinstance(limit, str) and limit in part.columns else limit
        got = deadline_columns(
            part[received],
            lim if units is None else None,
            units=part[units] if units is not None else None,
            amounts=part[amounts].to_numpy() if amounts is not None else None,
            calendar=calendar,
            policy=policy,
        )
    for name, values in zip(_DEADLINE_COLUMNS, got, strict=True):
        out[prefix + name] = values
    return out


def _empty_deadlines() -> tuple[Any, ...]:
    import numpy as np

    return (
        np.zeros(0, "datetime64[us]"),
        np.zeros(0, "datetime64[D]").astype("datetime64[s]"),
        np.zeros(0, "datetime64[us]"),
        np.zeros(0, bool),
        np.zeros(0, bool),
    )


def add_deadlines(
    ddf: dd.DataFrame,
    *,
    received: str = "received_at",
    limit: str | TimeLimit = "limit",
    units: str | None = None,
    amounts: str | None = None,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    prefix: str = "",
) -> dd.DataFrame:
    """``ddf`` with the deadline of each row added, by ``deadline_columns`` per partition.

    ``received`` names the receipt column (naive = Vietnam local time). ``limit`` names a
    column of limit texts, or is one [`TimeLimit`][TimeLimit] (or a text that is not a column name)
    for every row; or give ``units`` and ``amounts`` columns instead. ``policy``: one for all
    rows, or ``None`` for the policy in force at each receipt. Adds ``effective_received_at``,
    ``due_date``, ``due_at`` (Vietnam wall-clock ``datetime64``), ``provisional`` and
    ``derived`` (booleans), each name after ``prefix``. Lazy: nothing runs until computed.

    Raises:
        hcc.errors.MissingExtraError: dask is not installed.
        hcc.errors.InvalidInputError: a column that does not exist.

    >>> import dask.dataframe as dd, pandas as pd
    >>> ddf = dd.from_pandas(pd.DataFrame({"received_at": pd.to_datetime(["2026-01-09 10:00"]),
    ...                                    "limit": ["01 ngày làm việc"]}), npartitions=1)
    >>> str(add_deadlines(ddf).compute(scheduler="synchronous")["due_at"].iloc[0])
    '2026-01-10 17:00:00'
    """
    _require_dask()
    import pandas as pd

    for name in (received, units, amounts):
        if name is not None and name not in ddf.columns:
            raise InvalidInputError("column", name, f"one of {list(ddf.columns)}")
    if units is None and isinstance(limit, str) and limit not in ddf.columns:
        TimeLimit.parse(limit)  # one text for every row: fail here, not on a worker
    meta = ddf._meta.copy()
    meta[prefix + "effective_received_at"] = pd.Series([], dtype="datetime64[us]")
    meta[prefix + "due_date"] = pd.Series([], dtype="datetime64[s]")
    meta[prefix + "due_at"] = pd.Series([], dtype="datetime64[us]")
    meta[prefix + "provisional"] = pd.Series([], dtype=bool)
    meta[prefix + "derived"] = pd.Series([], dtype=bool)
    frame: Any = ddf  # dask's methods are untyped
    out: dd.DataFrame = frame.map_partitions(
        _deadlines_partition,
        received,
        limit,
        units,
        amounts,
        calendar,
        policy,
        prefix,
        meta=meta,
    )
    return out


def _partial(
    part: pd.DataFrame,
    period: Period,
    as_of: dt.datetime,
    by: list[str],
    calendar: WorkingCalendar | None,
    policy: DeadlinePolicy | None,
) -> pd.DataFrame:
    from hcc.dossiers.kernels import indicator_counts

    return indicator_counts(part, period, as_of=as_of, by=by, calendar=calendar, policy=policy)


def _combine(parts: Sequence[pd.DataFrame], by: list[str]) -> pd.DataFrame:
    from hcc.dossiers.kernels import combine_counts

    return combine_counts(parts, by)


def indicators(
    ddf: dd.DataFrame,
    period: Period | tuple[object, object],
    *,
    as_of: dt.datetime | str,
    by: Sequence[str] = (),
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    split_every: int = 16,
    scheduler: str | None = None,
) -> pd.DataFrame:
    """The indicators of the dossiers of ``ddf`` (summarised per row), per group, computed.

    Two stages: [`hcc.dossiers.kernels.indicator_counts`][hcc.dossiers.kernels.indicator_counts] on every partition (integer
    counts per group), then the partial counts are summed in a tree (``split_every`` at a
    time) and the ratios computed once from the totals
    ([`hcc.dossiers.kernels.finish_indicators`][hcc.dossiers.kernels.finish_indicators]). ``by`` takes column names and
    ``"month"`` (each month of the period with its own cut-off), e.g. ``["province",
    "commune", "field", "procedure", "month"]``. The result is a pandas DataFrame indexed by
    ``by``, equal to ``indicator_counts`` (then ``finish_indicators``) on the whole table in one
    process. ``scheduler`` is passed to ``dask.compute`` (``None``: the current default, e.g.
    a ``distributed.Client``).

    Raises:
        hcc.errors.MissingExtraError: dask is not installed.
        hcc.errors.InvalidInputError: a bad period, moment or key column.

    >>> import dask.dataframe as dd, pandas as pd
    >>> rows = pd.DataFrame({"received_at": pd.to_datetime(["2026-03-02 09:00", "2026-03-03 09:00"]),
    ...                      "limit": ["Trong ngày", "05 ngày làm việc"],
    ...                      "settled_at": pd.to_datetime(["2026-03-02 10:00", None])})
    >>> r = indicators(dd.from_pandas(rows, npartitions=2), Period.month(2026, 3),
    ...                as_of=dt.datetime(2026, 4, 1), scheduler="synchronous")
    >>> r[["received", "settled", "on_time_rate"]].iloc[0].tolist()
    [2.0, 1.0, 1.0]
    """
    _require_dask()
    import importlib

    from hcc.dossiers.indicators import resolve_period
    from hcc.dossiers.kernels import finish_indicators, normal_index

    p, moment, _ = resolve_period(period, as_of)
    keys = [by] if isinstance(by, str) else list(by)
    for name in keys:
        if name != "month" and name not in ddf.columns:
            raise InvalidInputError("by", name, "names of columns of the data, or 'month'")
    if split_every < 2:
        raise InvalidInputError("split_every", split_every, "an int >= 2")
    dask: Any = importlib.import_module("dask")  # untyped: reached through Any
    frame: Any = ddf
    parts = [
        dask.delayed(_partial)(part, p, moment, keys, calendar, policy)
        for part in frame.to_delayed()
    ]
    while len(parts) > 1:
        parts = [
            dask.delayed(_combine)(parts[k : k + split_every], keys)
            for k in range(0, len(parts), split_every)
        ]
    (counts,) = dask.compute(parts[0], scheduler=scheduler)
    if keys == ["month"]:
        counts = counts.reindex([m.start.strftime("%Y-%m") for m in p.months()], fill_value=0)
        counts.index.name = "month"
    if keys:
        counts = normal_index(counts)
    return finish_indicators(counts[list(COUNT_COLUMNS)].astype("int64"))
