"""Indicator aggregation over columns: the counts of [`hcc.dossiers.indicators`][hcc.dossiers.indicators.indicators] per group.

The input is a table of dossiers *summarised per row* (a pandas DataFrame, or a mapping of
column name to column; the schema is documented in ``docs/howto/national-report.md``):

=================  ==============================================================================
``received_at``    the receipt moment (required; naive = Vietnam local time)
``limit``          the time limit text (or [`hcc.deadlines.TimeLimit`][hcc.deadlines.TimeLimit]), used for the due
                   moment when ``due_at`` is absent or NaT in a row
``due_at``         the due moment (optional): give it for dossiers whose clock moved (supplements,
                   extensions); the answer is classified against it and a pending dossier is
                   overdue after it
``channel``        ``direct``, ``online`` or ``postal`` (optional)
``settled_at``     the answer (result ready or refusal; NaT: none); ``settled_by`` ``result_ready``
                   or ``refused``
``withdrawn_at``   withdrawal; ``stopped_at`` the agency stopped processing (dừng giải quyết)
``returned_at``    the first hand-over of the answer; ``returned_via`` ``returned``, ``posted``
                   or ``delivered``
``rated_at``       the applicant's rating; ``rating`` ``very_satisfied``, ``satisfied`` or
                   ``dissatisfied``
=================  ==============================================================================

Counting follows [`hcc.dossiers.indicators`][hcc.dossiers.indicators.indicators] exactly (dossiers *settled in the period*, as
known at ``cutoff = min(as_of, end of the period)``); [`indicator_counts`][indicator_counts] gives integer
counts per group, which add up across partitions, and [`finish_indicators`][finish_indicators] the ratios from
the summed counts. Equal to [`hcc.dossiers.group_indicators`][hcc.dossiers.group_indicators] for dossiers whose due moment
is their receipt slip's appointment (or is given in ``due_at``), with one rating each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from hcc.calendar import InvalidInputError, WorkingCalendar, vietnam_calendar
from hcc.deadlines import DeadlinePolicy
from hcc.deadlines.kernels import DAY_US, deadline_columns
from hcc.dossiers.indicators import COUNT_COLUMNS, Period, resolve_period

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "RATIO_COLUMNS",
    "SUMMARY_COLUMNS",
    "combine_counts",
    "finish_indicators",
    "indicator_counts",
]

SUMMARY_COLUMNS: tuple[str, ...] = (
    "received_at",
    "limit",
    "due_at",
    "channel",
    "settled_at",
    "settled_by",
    "withdrawn_at",
    "stopped_at",
    "returned_at",
    "returned_via",
    "rated_at",
    "rating",
)
"""The columns [`indicator_counts`][indicator_counts] reads (only ``received_at`` and ``limit`` or ``due_at``
are required)."""

RATIO_COLUMNS: tuple[str, ...] = (
    "on_time_rate",
    "average_processing_days",
    "online_share",
    "post_or_home_share",
    "satisfaction_rate",
)
"""The ratio columns [`finish_indicators`][finish_indicators] adds (``float64``; NaN when undefined)."""

_MOMENTS = ("settled_at", "withdrawn_at", "stopped_at", "returned_at", "rated_at", "due_at")
_NAT = -(2**63)


def _column(data: Any, name: str, n: int) -> Any:
    if isinstance(data, Mapping):
        return data.get(name)
    return data[name] if name in data.columns else None


def _moments_us(col: Any, name: str, n: int) -> Any:
    """A moment column as int64 microseconds of Vietnam wall-clock time (``_NAT`` for missing)."""
    import numpy as np

    from hcc._frames import local_array

    if col is None:
        return np.full(n, _NAT, dtype=np.int64)
    if type(col).__module__.split(".")[0] in ("pandas", "pyarrow"):
        arr = local_array(col)
    else:
        arr = np.asarray(col)
        if arr.dtype.kind != "M":
            arr = local_array(list(col)) if arr.dtype == object else arr
    arr = np.asarray(arr).reshape(-1)
    if arr.dtype.kind != "M":
        raise InvalidInputError(name, f"a column of dtype {arr.dtype}", "datetime64 values")
    if len(arr) != n:
        raise InvalidInputError(name, f"a column of {len(arr)} rows", f"{n} rows")
    return arr.astype("datetime64[us]").view(np.int64)


def _strings(col: Any, name: str, n: int, allowed: Sequence[str]) -> Any:
    """A text column as codes into ``allowed`` (-1: missing)."""
    import numpy as np

    if col is None:
        return np.full(n, -1, dtype=np.int64)
    import pandas as pd

    s = pd.Series(col.to_pandas() if hasattr(col, "to_pandas") else col)
    if len(s) != n:
        raise InvalidInputError(name, f"a column of {len(s)} rows", f"{n} rows")
    # factorise first (in C for Arrow strings and categories): Python sees distinct values only
    raw, uniques = pd.factorize(s, use_na_sentinel=True)
    raw = np.asarray(raw, dtype=np.int64)
    values = [str(u) for u in uniques.tolist()]
    mapped = np.asarray(pd.Index(list(allowed)).get_indexer(values), dtype=np.int64)
    if (mapped < 0).any():
        raise InvalidInputError(name, values[int(np.argmax(mapped < 0))], ", ".join(allowed))
    return np.where(raw < 0, -1, mapped[np.maximum(raw, 0)] if len(mapped) else -1)


def indicator_counts(
    data: pd.DataFrame | Mapping[str, Any],
    period: Period | tuple[object, object],
    *,
    as_of: dt.datetime | str,
    by: Sequence[str] = (),
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
) -> pd.DataFrame:
    """The counts of [`hcc.dossiers.Indicators`][hcc.dossiers.Indicators] per group, from dossiers summarised per row.

    ``by`` names key columns of ``data`` and/or ``"month"``: each calendar month of the period
    (clipped to it) with its own cutoff ``min(as_of, end of that month)``, as
    [`hcc.dossiers.group_indicators`][hcc.dossiers.group_indicators] does. The result has one row per group (``int64``
    count columns, [`hcc.dossiers.COUNT_COLUMNS`][hcc.dossiers.COUNT_COLUMNS]), indexed by ``by``; ``month`` keys are
    ``YYYY-MM``. Without ``by`` it has one row (index ``[0]``). A group appears when one of
    its dossiers was received by the period's cutoff; with ``month``, every month of the period
    appears for each such key. Counts add up: the counts of a whole table are the sums of the
    counts of its parts, grouped again (what [`hcc.dask`][hcc.dask] does).

    Raises:
        hcc.errors.InvalidInputError: a missing column, a bad value (the column, the value
            and what is allowed), a bad period or moment.
        hcc.errors.MissingExtraError: pandas is not installed.

    >>> import pandas as pd
    >>> rows = pd.DataFrame({"received_at": pd.to_datetime(["2026-03-02 09:00", "2026-03-03 09:00"]),
    ...                      "limit": ["Trong ngày", "05 ngày làm việc"],
    ...                      "settled_at": pd.to_datetime(["2026-03-02 10:00", None])})
    >>> c = indicator_counts(rows, Period.month(2026, 3), as_of=dt.datetime(2026, 4, 1))
    >>> c[["received", "settled", "on_time", "pending", "pending_overdue"]].iloc[0].tolist()
    [2, 1, 1, 1, 1]
    """
    import numpy as np

    from hcc._frames import require_pandas

    pd = require_pandas()
    p, moment, cutoff = resolve_period(period, as_of)
    by = [by] if isinstance(by, str) else list(by)
    received_col = _column(data, "received_at", 0)
    if received_col is None:
        raise InvalidInputError("received_at", None, "a column of receipt moments")
    n = len(received_col)
    received = _moments_us(received_col, "received_at", n)
    if (received == _NAT).any():
        raise InvalidInputError("received_at", "NaT", "a receipt moment in every row")
    if n > _CHUNK_ROWS and hasattr(data, "iloc"):
        # counts add up: slices of a long table keep the sort of the group keys (np.unique) and
        # the temporaries per slice bounded, so the cost grows linearly with the rows
        parts = [
            indicator_counts(
                data.iloc[a : a + _CHUNK_ROWS],
                p,
                as_of=moment,
                by=by,
                calendar=calendar,
                policy=policy,
            )
            for a in range(0, n, _CHUNK_ROWS)
        ]
        return combine_counts(parts, by)
    cols = {name: _moments_us(_column(data, name, n), name, n) for name in _MOMENTS}
    cal = calendar if calendar is not None else vietnam_calendar()
    # the due moment: given, else the appointment of the limit (kernels, policy in force)
    due = cols["due_at"].copy()
    need = due == _NAT
    limit = _column(data, "limit", n)
    if need.any():
        if limit is None:
            raise InvalidInputError("limit", None, "a column of time limits (or due_at)")
        lim = pd.Series(limit.to_pandas() if hasattr(limit, "to_pandas") else limit)
        rows = np.flatnonzero(need)
        got = deadline_columns(
            received[rows].view("datetime64[us]"),
            lim.iloc[rows],
            calendar=cal,
            policy=policy,
        )
        due[rows] = got.due_at.view(np.int64)
    online = (
        _strings(_column(data, "channel", n), "channel", n, ("direct", "online", "postal")) == 1
    )
    refused = (
        _strings(_column(data, "settled_by", n), "settled_by", n, ("result_ready", "refused")) == 1
    )
    via = _strings(
        _column(data, "returned_via", n), "returned_via", n, ("returned", "posted", "delivered")
    )
    rating = _strings(
        _column(data, "rating", n), "rating", n, ("very_satisfied", "satisfied", "dissatisfied")
    )
    settled = cols["settled_at"]
    # classification of the answer against the due moment (as hcc.deadlines.classify)
    cls = np.where(settled > due, 2, np.where(settled // DAY_US < due // DAY_US, 0, 1)).astype(
        np.int64
    )
    # processing days: working days in (receipt date, answer date]
    t = cal._numpy_arrays()
    base = int(t["base"])
    answered = settled != _NAT
    days = np.zeros(n, dtype=np.int64)
    if answered.any():
        a = received[answered] // DAY_US - base
        b = settled[answered] // DAY_US - base
        size = len(t["cum"])
        if ((a < 0) | (a >= size) | (b < 0) | (b >= size)).any():
            from hcc.errors import OutOfRangeError

            raise OutOfRangeError(
                dt.date(1970, 1, 1) + dt.timedelta(days=int(received[answered][0] // DAY_US)),
                cal.first_date,
                cal.last_date,
            )
        days[answered] = t["cum"][b] - t["cum"][a]
    keep = received <= _us(cutoff)
    facts = {
        "received": received,
        "due": due,
        "online": online,
        "refused": refused,
        "via": via,
        "rating": rating,
        "cls": cls,
        "days": days,
        **cols,
    }
    facts = {k: v[keep] for k, v in facts.items()}
    # groups: each key column factorised once, then one integer id per distinct combination
    names = [name for name in by if name != "month"]
    kept = int(keep.sum())
    gid = np.zeros(kept, dtype=np.int64)
    levels: list[Any] = []
    level_codes: list[Any] = []
    for name in names:
        col = _column(data, name, n)
        if col is None:
            raise InvalidInputError("by", name, "names of columns of the data, or 'month'")
        s = pd.Series(col.to_pandas() if hasattr(col, "to_pandas") else col)
        if isinstance(s.dtype, pd.CategoricalDtype):
            codes, uniq = np.asarray(s.cat.codes, dtype=np.int64), s.cat.categories
            if (codes < 0).any():
                codes = np.where(codes < 0, len(uniq), codes)
                uniq = pd.Index([*uniq, None], dtype=object)
        else:
            raw, uniq = pd.factorize(s, use_na_sentinel=False)
            codes = np.asarray(raw, dtype=np.int64)
        codes = codes[keep]
        gid = gid * max(len(uniq), 1) + codes
        levels.append(uniq)
        level_codes.append(codes)
    groups, first_row, inverse = np.unique(gid, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    g = len(groups)
    columns: dict[str, list[Any]] = {name: [] for name in COUNT_COLUMNS}
    months: list[Period | None] = list(p.months()) if "month" in by else [None]
    for m in months:
        if m is None:
            c = _counts(facts, _us(p.start_at), _us(p.end_at), _us(cutoff))
        else:
            c = _counts(facts, _us(m.start_at), _us(m.end_at), _us(min(moment, m.last_instant)))
        for name in COUNT_COLUMNS:
            if name == "processing_days_total":
                summed = np.bincount(inverse, weights=c[name], minlength=g)
            else:
                summed = np.bincount(inverse[c[name]], minlength=g)
            columns[name].append(summed.astype(np.int64))
    counts = {name: np.concatenate(v) for name, v in columns.items()}
    if not by:
        if g == 0:
            return pd.DataFrame({name: [0] for name in COUNT_COLUMNS}, dtype="int64")
        return pd.DataFrame(counts, dtype="int64")
    if by == ["month"]:  # every month of the period, as group_indicators gives them
        month_labels = [m.start.strftime("%Y-%m") for m in p.months()]
        if g == 0:
            counts = {name: np.zeros(len(month_labels), dtype=np.int64) for name in COUNT_COLUMNS}
        return pd.DataFrame(counts, index=pd.Index(month_labels, name="month"), dtype="int64")
    # the index from integer codes: no string column is built per group
    n_months = len(months)
    arrays: list[Any] = []
    for name in by:
        if name == "month":
            labels: Any = np.asarray([m.start.strftime("%Y-%m") for m in p.months()], object)
            arrays.append(labels[np.repeat(np.arange(n_months), g)])
        else:
            j = names.index(name)
            values = np.asarray(pd.Index(levels[j]).to_numpy(dtype=object), dtype=object)
            arrays.append(np.tile(values[level_codes[j][first_row]], n_months))
    out = pd.DataFrame(counts, dtype="int64")
    out.index = _object_index(arrays, by)
    return out.sort_index()


def _object_index(arrays: list[Any], names: list[str]) -> Any:
    import pandas as pd

    if len(arrays) == 1:
        return pd.Index(arrays[0], name=names[0], dtype=object)
    levels, codes = [], []
    for values in arrays:
        c, u = pd.factorize(values)
        levels.append(pd.Index(u, dtype=object))
        codes.append(c)
    return pd.MultiIndex(levels=levels, codes=codes, names=names)


# Tables longer than this are counted in slices of this many rows (see indicator_counts).
_CHUNK_ROWS = 1 << 18


def combine_counts(parts: Sequence[pd.DataFrame], by: Sequence[str]) -> pd.DataFrame:
    """The counts of a whole table from the counts of its parts (each from
    [`indicator_counts`][indicator_counts] with the same ``by``): summed per group, in key order.

    >>> import pandas as pd
    >>> a = pd.DataFrame({"received": [1, 2]}, index=pd.Index(["x", "y"], name="commune"))
    >>> b = pd.DataFrame({"received": [5]}, index=pd.Index(["y"], name="commune"))
    >>> combine_counts([a, b], ["commune"])["received"].to_dict()
    {'x': 1, 'y': 7}
    """
    import pandas as pd

    table = pd.concat(list(parts))
    if not by:
        return table.sum().to_frame().T.astype("int64")
    out = table.groupby(level=list(by), sort=True).sum().astype("int64")
    first = parts[0].index  # the keys keep the dtype the parts had (grouping may infer another)
    if isinstance(first, pd.MultiIndex):
        out.index = out.index.set_levels(
            [lvl.astype(first.levels[i].dtype) for i, lvl in enumerate(out.index.levels)]
        )
    else:
        out.index = out.index.astype(first.dtype)
    return out


def normal_index(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its group keys rebuilt from plain Python values, so a report has the same
    index types whatever string dtype its input columns had (pandas, Arrow, Dask)."""

    import numpy as np

    out = frame.copy()
    index = frame.index
    arrays = [
        np.asarray(index.get_level_values(k).to_numpy(dtype=object), dtype=object)
        for k in range(index.nlevels)
    ]
    out.index = _object_index(arrays, list(index.names))
    return out


def _us(m: dt.datetime) -> int:
    from hcc._frames import local_us

    return local_us(m)


def _counts(f: Mapping[str, Any], start: int, end: int, cutoff: int) -> dict[str, Any]:
    """Whether each dossier counts in each count (booleans; processing days as ints), for one
    period ``[start, end)`` and cutoff."""
    import numpy as np

    def upto(x: Any) -> Any:
        return (x != _NAT) & (x <= cutoff)

    def inp(x: Any) -> Any:
        return (x >= start) & (x < end)

    received = f["received"]
    alive = received <= cutoff
    rec = alive & inp(received)
    settled = upto(f["settled_at"]) & alive
    withdrawn = ~settled & upto(f["withdrawn_at"]) & alive
    stopped = ~settled & ~withdrawn & upto(f["stopped_at"]) & alive
    pending = alive & ~settled & ~withdrawn & ~stopped
    in_settled = settled & inp(f["settled_at"])
    cls = f["cls"]
    returned = alive & upto(f["returned_at"]) & inp(f["returned_at"])
    rated = alive & upto(f["rated_at"]) & inp(f["rated_at"]) & (f["rating"] >= 0)
    return {
        "received": rec,
        "received_online": rec & f["online"],
        "settled": in_settled,
        "early": in_settled & (cls == 0),
        "on_time": in_settled & (cls == 1),
        "late": in_settled & (cls == 2),
        "refused": in_settled & f["refused"],
        "withdrawn": withdrawn & inp(f["withdrawn_at"]),
        "stopped": stopped & inp(f["stopped_at"]),
        "pending": pending,
        "pending_overdue": pending & (cutoff > f["due"]),
        "processing_days_total": np.where(in_settled, f["days"], 0),
        "returned": returned,
        "returned_by_post": returned & (f["via"] == 1),
        "returned_at_home": returned & (f["via"] == 2),
        "rated": rated,
        "very_satisfied": rated & (f["rating"] == 0),
        "satisfied": rated & (f["rating"] == 1),
        "dissatisfied": rated & (f["rating"] == 2),
    }


def finish_indicators(counts: pd.DataFrame) -> pd.DataFrame:
    """Add the ratio columns ([`RATIO_COLUMNS`][RATIO_COLUMNS], ``float64``, NaN when undefined) to counts.

    ``on_time_rate`` is ``(early + on_time) / settled`` ([`hcc.dossiers.on_time_rate_766`][hcc.dossiers.on_time_rate_766]);
    each ratio is the exact fraction of two summed counts rounded once to ``float64``, the value
    of ``float()`` of the [`hcc.dossiers.Indicators`][hcc.dossiers.Indicators] field.

    Raises:
        hcc.errors.MissingExtraError: pandas is not installed.

    >>> import pandas as pd
    >>> c = pd.DataFrame({name: [0] for name in COUNT_COLUMNS}).assign(settled=[4], early=[1], on_time=[2])
    >>> float(finish_indicators(c)["on_time_rate"].iloc[0])
    0.75
    """
    import numpy as np

    out = counts.copy()

    def ratio(num: Any, den: Any) -> Any:
        num = np.asarray(num, dtype=np.float64)
        den = np.asarray(den, dtype=np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)

    c = counts
    out["on_time_rate"] = ratio(c["early"] + c["on_time"], c["settled"])
    out["average_processing_days"] = ratio(c["processing_days_total"], c["settled"])
    out["online_share"] = ratio(c["received_online"], c["received"])
    out["post_or_home_share"] = ratio(c["returned_by_post"] + c["returned_at_home"], c["returned"])
    out["satisfaction_rate"] = ratio(c["very_satisfied"] + c["satisfied"], c["rated"])
    return out
