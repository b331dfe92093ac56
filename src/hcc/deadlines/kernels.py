"""Column kernels: deadlines and SLA classification over numpy, pandas or Arrow columns.

The same answers as [`hcc.deadlines.compute_deadline`][hcc.deadlines.compute_deadline] and [`hcc.deadlines.classify`][hcc.deadlines.classify],
row for row, computed with array operations on the calendar's precomputed tables (cumulative
working days, the working days themselves, the office sessions of every day), with no Python
call per row. Rows whose unit cannot be vectorised (clock hours, working hours and fractional
working days) are computed once per *distinct* (receipt moment, limit, policy) by the scalar
core. Nothing warns per row: provisional and derived answers are flagged in columns.

Moments in and out are Vietnam wall-clock times (naive ``datetime64``; aware pandas columns are
converted to Asia/Ho_Chi_Minh first). The kernels need ``numpy`` (and ``pandas`` for pandas or
Arrow input): the ``pandas`` extra.

>>> import numpy as np
>>> got = deadline_columns(np.array(["2026-01-09T10:00", "2026-03-02T15:30"], dtype="datetime64[m]"),
...                        ["01 ngày làm việc", "Trong ngày"])
>>> got.due_at
array(['2026-01-10T17:00:00.000000', '2026-03-03T17:00:00.000000'],
      dtype='datetime64[us]')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from hcc._frames import local_us
from hcc.calendar import VN_TZ, InvalidInputError, WorkingCalendar, vietnam_calendar
from hcc.deadlines.compute import _core
from hcc.deadlines.limits import TimeLimit, TimeUnit
from hcc.deadlines.policy import (
    _SWITCH,
    AfterHoursRule,
    AppointmentTime,
    DeadlinePolicy,
    policy_in_force,
)
from hcc.errors import OutOfRangeError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "CLASS_CODES",
    "DeadlineColumns",
    "classify_columns",
    "deadline_columns",
    "factorize_limits",
]

DAY_US = 86_400_000_000
"""Microseconds in a day."""

CLASS_CODES: tuple[str, ...] = ("early", "on_time", "late", "overdue", "pending")
"""What [`classify_columns`][classify_columns] codes 0-4 mean: answered early, on time, late (as
[`hcc.deadlines.classify`][hcc.deadlines.classify]), or unanswered at the cut-off and past its due moment
(``overdue``, the clock is breached) or not (``pending``)."""

_VECTOR_UNITS = frozenset(
    {
        TimeUnit.WORKING_DAYS,
        TimeUnit.CALENDAR_DAYS,
        TimeUnit.MONTHS,
        TimeUnit.SAME_DAY,
        TimeUnit.IMMEDIATE,
        TimeUnit.WORKING_HOURS,
    }
)
_UNIT_CODES: tuple[TimeUnit, ...] = tuple(TimeUnit)
_VECTOR_MASK = tuple([u in _VECTOR_UNITS for u in _UNIT_CODES] + [False])
_NO_AMOUNT = frozenset({TimeUnit.SAME_DAY, TimeUnit.IMMEDIATE})


class DeadlineColumns(NamedTuple):
    """The result of ``deadline_columns``: numpy arrays, one entry per row.

    ``effective_received_at`` and ``due_at`` are ``datetime64[us]`` Vietnam wall-clock times,
    ``due_date`` ``datetime64[D]``; ``provisional`` and ``derived`` are booleans (the row's
    answer rests on a projected year / a past year derived from the statutory rules, as
    ``hcc.deadlines.Deadline.provisional`` and ``derived``).

    >>> import numpy as np
    >>> cols = deadline_columns(np.array(["2013-12-30T09:00"], "datetime64[m]"), "05 ngày làm việc")
    >>> cols._fields[:3], bool(cols.derived[0]), bool(cols.provisional[0])
    (('effective_received_at', 'due_date', 'due_at'), True, False)
    """

    effective_received_at: npt.NDArray[np.datetime64]
    due_date: npt.NDArray[np.datetime64]
    due_at: npt.NDArray[np.datetime64]
    provisional: npt.NDArray[np.bool_]
    derived: npt.NDArray[np.bool_]


def factorize_limits(
    limits: Any, *, alternate: bool = False
) -> tuple[npt.NDArray[np.int64], list[TimeLimit]]:
    """Per-row limits as codes into a list of distinct [`TimeLimit`][TimeLimit] (each text parsed once).

    ``limits`` is a sequence, numpy array, pandas Series or Arrow array of limit texts or
    [`TimeLimit`][TimeLimit] values. The primary limit of each is used (its alternate with
    ``alternate=True``), as [`hcc.deadlines.compute_deadline`][hcc.deadlines.compute_deadline] does.

    Raises:
        hcc.errors.InvalidInputError: a value that is neither a text nor a TimeLimit, or
            ``alternate=True`` for a limit without an alternate.
        hcc.errors.TimeLimitParseError: a text that is not a time limit.

    >>> codes, distinct = factorize_limits(["5 ngày làm việc", "Trong ngày", "5 ngày làm việc"])
    >>> codes.tolist(), [str(x) for x in distinct]
    ([0, 1, 0], ['05 ngày làm việc', 'Trong ngày'])
    """
    import numpy as np

    if type(limits).__module__.split(".")[0] == "pyarrow":
        limits = limits.to_pandas()
    uniques: list[Any]
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - the kernels' extra brings pandas
        pd = None
    if pd is not None and not isinstance(limits, (list, tuple)):
        series = pd.Series(limits)
        if isinstance(series.dtype, pd.CategoricalDtype):
            codes = np.asarray(series.cat.codes, dtype=np.int64)
            uniques = list(series.cat.categories)
        else:
            raw, found = pd.factorize(series, use_na_sentinel=True)
            codes, uniques = np.asarray(raw, dtype=np.int64), list(found)
        if (codes < 0).any():
            raise InvalidInputError("limit", None, "a time limit in every row")
    else:
        values = list(limits)
        index: dict[Any, int] = {}
        codes = np.empty(len(values), dtype=np.int64)
        for k, v in enumerate(values):  # a dict look-up per row; the parse is per distinct value
            c = index.get(v)
            if c is None:
                c = index[v] = len(index)
            codes[k] = c
        uniques = list(index)
    return codes, [_the_limit(v, alternate) for v in uniques]


def _the_limit(v: Any, alternate: bool) -> TimeLimit:
    """The limit a row counts by: its text parsed (cached), its primary or alternate limit."""
    if isinstance(v, str):
        lim = TimeLimit.parse(v)
    elif isinstance(v, TimeLimit):
        lim = v
    else:
        raise InvalidInputError("limit", v, "a TimeLimit or its text")
    if alternate:
        if lim.alternate is None:
            raise InvalidInputError(
                "alternate", True, f"False: {str(lim)!r} has no alternate limit"
            )
        return lim.alternate
    if lim.alternates or lim.per_channel:
        return lim.primary()
    return lim


def _as_us(received: Any) -> npt.NDArray[np.int64]:
    import numpy as np

    if type(received) is np.ndarray and received.dtype.kind == "M":
        arr = received.reshape(-1)
    else:
        from hcc._frames import local_array

        arr = np.asarray(local_array(received)).reshape(-1)
    if arr.dtype.kind != "M":
        raise InvalidInputError(
            "received", f"an array of dtype {arr.dtype}", "datetime64 values (Vietnam time)"
        )
    # no copy when already in microseconds (never written to); NaT (the smallest int64) falls
    # outside every calendar and is reported by the caller's range check
    return arr.astype("datetime64[us]", copy=False).view(np.int64)


def deadline_columns(
    received: Any,
    limit: TimeLimit | str | Any = None,
    *,
    units: Any = None,
    amounts: Any = None,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    alternate: bool = False,
) -> DeadlineColumns:
    """[`hcc.deadlines.compute_deadline`][hcc.deadlines.compute_deadline] for a column of receipts, without a loop per row.

    ``received``: a numpy ``datetime64`` array, a pandas datetime Series or an Arrow timestamp
    array (naive = Vietnam local time; aware ones are converted). The limit is one of:

    * ``limit``: one [`TimeLimit`][TimeLimit] or text for every row, or a column of them, one per
      row (factorised: each distinct text is parsed once, see [`factorize_limits`][factorize_limits]);
    * ``units`` and ``amounts``: a column of [`TimeUnit`][TimeUnit] values (or their names) and a
      column of whole amounts (working days, calendar days, months...).

    ``policy``: one [`DeadlinePolicy`][DeadlinePolicy] for every row, or ``None`` (the default) for the
    policy in force at each receipt ([`hcc.deadlines.policy_in_force`][hcc.deadlines.policy_in_force]). Equal, row for
    row, to ``compute_deadline(received[k], limit[k], calendar=..., policy=...)``.

    Raises:
        hcc.errors.InvalidInputError: a missing receipt (NaT), a bad limit or unit, both or
            neither of ``limit`` and ``units``/``amounts``, columns of unequal length.
        hcc.errors.OutOfRangeError: a receipt or due date outside the calendar.

    >>> import numpy as np
    >>> r = np.array(["2025-01-24T09:00", "2026-02-13T16:00"], dtype="datetime64[m]")
    >>> deadline_columns(r, units=["working_days", "calendar_days"], amounts=[3, 1]).due_date
    array(['2025-02-05', '2026-02-23'], dtype='datetime64[D]')
    """
    import numpy as np

    cal = calendar if calendar is not None else vietnam_calendar()
    if not isinstance(cal, WorkingCalendar):
        raise InvalidInputError("calendar", calendar, "a WorkingCalendar or None")
    if policy is not None and not isinstance(policy, DeadlinePolicy):
        raise InvalidInputError("policy", policy, "a DeadlinePolicy or None")
    recv = _as_us(received)
    n_rows = len(recv)
    if n_rows > _CHUNK_ROWS:
        return _in_chunks(recv, limit, units, amounts, cal, policy, alternate)
    if (limit is None) == (units is None):
        raise InvalidInputError(
            "limit", limit, "either a limit (or a column of limits) or units and amounts"
        )
    # -- rows -> (unit code, amount) and, for rows the vector path cannot take, a TimeLimit
    if units is not None:
        if amounts is None:
            raise InvalidInputError("amounts", None, "a column of amounts with units")
        one_unit = isinstance(units, (str, TimeUnit))
        if one_unit:  # one unit for every row
            ucodes, udistinct = _const(n_rows, 0), [units]
        else:
            ucodes, udistinct = _factor(units)
        try:
            unit_of = np.array([_UNIT_CODES.index(TimeUnit(u)) for u in udistinct], np.int64)
        except ValueError:
            unknown = next(u for u in udistinct if u not in TimeUnit.__members__.values())
            raise InvalidInputError(
                "units", unknown, ", ".join(u.value for u in TimeUnit)
            ) from None
        if one_unit:
            unit_code = _const(n_rows, int(unit_of[0]))
        else:
            unit_code = unit_of[ucodes] if len(udistinct) else np.zeros(0, np.int64)
        amt = np.asarray(amounts)
        if amt.dtype.kind not in "iu":
            raise InvalidInputError(
                "amounts", f"a column of dtype {amt.dtype}", "whole numbers (int)"
            )
        amount = amt.astype(np.int64, copy=False).reshape(-1)  # read, never written
        if len(amount) != n_rows or len(unit_code) != n_rows:
            raise InvalidInputError(
                "units/amounts", (len(unit_code), len(amount)), f"columns of {n_rows} rows"
            )
        if n_rows and int(amount.min()) < 0:
            raise InvalidInputError("amounts", int(amount[amount < 0][0]), "amounts >= 0")
        limit_code = None  # clock hours: built below, for those rows only
        distinct: list[TimeLimit] = []
        wh = _UNIT_CODES.index(TimeUnit.WORKING_HOURS)
        if one_unit:
            if int(unit_of[0]) == wh:
                amount = amount * 3_600_000_000
        else:
            hours = unit_code == wh
            if hours.any():
                amount = np.where(hours, amount * 3_600_000_000, amount)
    else:
        if isinstance(limit, (str, TimeLimit)):
            distinct = [_the_limit(limit, alternate)]
            limit_code = _const(n_rows, 0)
        else:
            limit_code, distinct = factorize_limits(limit, alternate=alternate)
            if len(limit_code) != n_rows:
                raise InvalidInputError(
                    "limit", f"a column of {len(limit_code)} rows", f"{n_rows} rows"
                )
        per_unit = [_UNIT_CODES.index(x.unit) if _vector(x) else -1 for x in distinct] or [0]
        per_amount = [_amount_us(x) if _vector(x) else 0 for x in distinct] or [0]
        if len(distinct) > 1:
            unit_code = np.array(per_unit, dtype=np.int64)[limit_code]
            amount = np.array(per_amount, dtype=np.int64)[limit_code]
        else:  # one limit: constant columns, never materialised
            unit_code, amount = _const(n_rows, per_unit[0]), _const(n_rows, per_amount[0])
        one_unit = len(distinct) == 1
    # -- policies: the caller's, or the one in force at each receipt
    if policy is not None:
        policies = [policy]
        pol_idx = _const(n_rows, 0)
    else:
        policies = list(_presets())
        pol_idx = None  # computed below if the presets count differently
    t = cal._numpy_arrays()
    k = cal._kernel_tables()
    a = _abs_tables(t, k)
    base = int(t["base"])
    i = (recv - base * DAY_US) // DAY_US  # day index into the calendar's tables
    size = len(t["cum"])
    lo_all, hi_recv = (int(i.min()), int(i.max())) if n_rows else (0, 0)
    if lo_all < 0 or hi_recv >= size:
        if np.isnat(recv.view("datetime64[us]")).any():
            raise InvalidInputError("received", "NaT", "a receipt moment in every row")
        bad = (i < 0) | (i >= size)
        first = dt.date(1970, 1, 1) + dt.timedelta(days=int(i[bad][0]) + base)
        raise OutOfRangeError(first, cal.first_date, cal.last_date)
    # rows fall into groups of (counting rules of their policy, unit); policies that count
    # alike (the dated presets do) form one group, and a table of one group is not split
    rule_of, rules = _rules(tuple(policies))
    if pol_idx is None:
        if len(rules) > 1:
            pol_idx = (i >= (_SWITCH - dt.date(1970, 1, 1)).days - base).astype(np.int64)
        else:
            pol_idx = _const(n_rows, 0)
    n_units = len(_UNIT_CODES)
    vector = _VECTOR_MASK
    if len(rules) == 1 and one_unit:
        # one unit (one limit, or one unit name), one set of rules: one group, the whole table
        u0 = int(unit_code[0]) if n_rows else 0
        u0 = n_units if u0 < 0 else u0
        present = np.array([u0] if n_rows else [], dtype=np.int64)
        group = None
    else:
        group = unit_code.copy()
        group[group < 0] = n_units  # not vectorised
        if len(rules) > 1:
            group = np.asarray(rule_of, dtype=np.int64)[pol_idx] * (n_units + 1) + group
        present = np.flatnonzero(np.bincount(group, minlength=1))
    eff_us: Any = None
    due_us: Any = None
    due_i: Any = None
    done: Any = None
    whole = len(present) == 1
    if not whole:
        eff_us = np.empty(n_rows, np.int64)
        due_us = np.empty(n_rows, np.int64)
        due_i = np.empty(n_rows, np.int64)
        done = np.zeros(n_rows, dtype=bool)
    for g in present.tolist():
        pol = rules[g // (n_units + 1)]
        u = g % (n_units + 1)
        if not vector[u]:
            continue
        unit = _UNIT_CODES[u]
        rows: Any = slice(None) if whole or group is None else np.flatnonzero(group == g)
        n_of: Any
        if limit_code is not None and len(distinct) == 1:
            n_of = int(amount[0])  # one limit for every row: a scalar
        else:
            n_of = amount[rows]
            if whole and n_rows and int(n_of.min()) == int(n_of.max()):
                n_of = int(n_of[0])  # the same amount in every row: a scalar
        r_i, r_us = (i, recv) if whole else (i[rows], recv[rows])
        if unit is TimeUnit.WORKING_HOURS:
            eu, di, du = _working_hours(cal, t, k, a, r_i, r_us, n_of, pol)
        else:
            eu, di, du = _day_based(
                cal, t, k, a, r_i, r_us, n_of, unit, pol, i_max=hi_recv if whole else None
            )
        if whole:
            eff_us, due_i, due_us = eu, di, du
        else:
            eff_us[rows], due_i[rows], due_us[rows] = eu, di, du
            done[rows] = True
    if whole and not vector[int(present[0]) % (n_units + 1)]:
        eff_us = np.empty(n_rows, np.int64)
        due_us = np.empty(n_rows, np.int64)
        due_i = np.empty(n_rows, np.int64)
        done = np.zeros(n_rows, dtype=bool)
    rest = np.flatnonzero(~done) if done is not None else np.zeros(0, np.int64)
    if len(rest) and limit_code is None:
        # units and amounts: clock hours go through the scalar core, once per distinct pair
        pairs = np.stack([unit_code[rest], amount[rest]], axis=1)
        uniq_pairs, pair_code = np.unique(pairs, axis=0, return_inverse=True)
        limit_code = np.zeros(n_rows, dtype=np.int64)
        limit_code[rest] = pair_code.reshape(-1)
        distinct = [
            TimeLimit.of(0 if _UNIT_CODES[u] in _NO_AMOUNT else a, _UNIT_CODES[u])
            for u, a in uniq_pairs.tolist()
        ]
    if len(rest):
        assert limit_code is not None
        _distinct_loop(cal, recv, limit_code, distinct, pol_idx, policies, rest, eff_us, due_us)
        due_i[rest] = due_us[rest] // DAY_US - base
    if n_rows == 0:  # no group ran
        eff_us = due_us = due_i = np.zeros(0, np.int64)
    elif eff_us is recv:  # nothing moved a receipt: the result must not be the caller's array
        eff_us = recv.copy()
    lo = i
    hi = due_i
    hi_all = int(hi.max()) if n_rows else 0
    # no provisional (derived) day between the first receipt and the last due date: none is
    if t["prov"][hi_all + 1] == t["prov"][lo_all]:
        prov = np.zeros(n_rows, dtype=bool)
    else:
        prov = t["prov"][hi + 1] - t["prov"][lo] > 0
    if k["der"][hi_all + 1] == k["der"][lo_all]:
        der = np.zeros(n_rows, dtype=bool)
    else:
        der = k["der"][hi + 1] - k["der"][lo] > 0
    return DeadlineColumns(
        eff_us.view("datetime64[us]"),
        (due_i + base).view("datetime64[D]"),
        due_us.view("datetime64[us]"),
        prov,
        der,
    )


_CONSTS: dict[tuple[int, int], Any] = {}


# Columns longer than this go through the kernel in slices of this many rows: every temporary
# array of a slice (8 MB of int64) is then recycled by the allocator instead of being mapped afresh
# (and page-faulted) for each of the kernel's array operations, which made 10^7 rows cost twice as
# much per row as 10^6 (benchmarks/scale_growth.py). The answers do not depend on the slicing.
_CHUNK_ROWS = 1 << 20


def _in_chunks(
    recv: Any,
    limit: Any,
    units: Any,
    amounts: Any,
    cal: WorkingCalendar,
    policy: DeadlinePolicy | None,
    alternate: bool,
) -> DeadlineColumns:
    """[`deadline_columns`][deadline_columns] over slices of ``_CHUNK_ROWS`` rows, joined."""
    import numpy as np

    n = len(recv)
    nat = recv == np.iinfo(np.int64).min
    if nat.any():
        i = int(np.flatnonzero(nat)[0])
        raise InvalidInputError(f"received[{i}]", "NaT", "datetime64 values without NaT")

    def cut(col: Any, a: int, b: int) -> Any:
        if col is None or isinstance(col, (str, TimeUnit, TimeLimit)):
            return col  # one value for every row
        if hasattr(col, "iloc"):
            return col.iloc[a:b]
        if not hasattr(col, "__getitem__") or isinstance(col, Mapping):
            return col  # the chunk's own call reports it
        if len(col) != n:
            raise InvalidInputError("limit/units/amounts", len(col), f"columns of {n} rows")
        return col[a:b]

    parts = [
        deadline_columns(
            recv[a : a + _CHUNK_ROWS].view("datetime64[us]"),
            cut(limit, a, a + _CHUNK_ROWS),
            units=cut(units, a, a + _CHUNK_ROWS),
            amounts=cut(amounts, a, a + _CHUNK_ROWS),
            calendar=cal,
            policy=policy,
            alternate=alternate,
        )
        for a in range(0, n, _CHUNK_ROWS)
    ]
    return DeadlineColumns(*(np.concatenate(cols) for cols in zip(*parts, strict=True)))


def _const(n: int, value: int) -> Any:
    """A read-only int64 column of ``n`` times ``value``, without materialising it (shared:
    nobody can write to it)."""
    key = (n, int(value))
    got = _CONSTS.get(key)
    if got is None:
        import numpy as np

        # a stride of 0 over one value: what numpy.broadcast_to gives, without its overhead
        got = np.ndarray((n,), np.int64, np.array([value], np.int64), 0, (0,))
        got.flags.writeable = False
        if len(_CONSTS) > 64:
            _CONSTS.clear()
        _CONSTS[key] = got
    return got


_PRESETS: list[tuple[DeadlinePolicy, DeadlinePolicy]] = []
_RULES: dict[tuple[int, ...], tuple[list[int], list[DeadlinePolicy]]] = {}


def _presets() -> tuple[DeadlinePolicy, DeadlinePolicy]:
    """The dated presets (before and from the switch), as [`policy_in_force`][policy_in_force] gives them."""
    if not _PRESETS:
        _PRESETS.append((policy_in_force(_SWITCH - dt.timedelta(days=1)), policy_in_force(_SWITCH)))
    return _PRESETS[0]


def _rules(policies: tuple[DeadlinePolicy, ...]) -> tuple[list[int], list[DeadlinePolicy]]:
    """Policies grouped by the settings the kernels read; the first of each group stands for it."""
    key = tuple(id(x) for x in policies)
    got = _RULES.get(key)
    if got is not None:  # only the presets are cached: they live as long as the process
        return got
    signature: dict[tuple[Any, ...], int] = {}
    rule_of = [
        signature.setdefault(
            (x.after_hours, x.appointment_time, x.cutoff, frozenset(x.cutoff_units)),
            len(signature),
        )
        for x in policies
    ]
    rules = [policies[rule_of.index(g)] for g in range(len(signature))]
    if all(x in _presets() for x in policies):  # the presets live for the process: cache
        _RULES[key] = (rule_of, rules)
    return rule_of, rules


def _factor(values: Any) -> tuple[Any, list[Any]]:
    """Codes and distinct values of a column (vectorised by pandas)."""
    import numpy as np
    import pandas as pd

    if type(values).__module__.split(".")[0] == "pyarrow":
        values = values.to_pandas()
    series = pd.Series(values if not isinstance(values, (list, tuple)) else list(values))
    codes, uniques = pd.factorize(series.astype(object), use_na_sentinel=True)
    if (codes < 0).any():
        raise InvalidInputError("units", None, "a unit in every row")
    return np.asarray(codes, dtype=np.int64), [
        u.value if isinstance(u, TimeUnit) else u for u in uniques.tolist()
    ]


def _vector(limit: TimeLimit) -> bool:
    return limit.unit in _VECTOR_UNITS and (
        isinstance(limit.amount, int) or limit.unit is TimeUnit.WORKING_HOURS
    )


def _amount_us(limit: TimeLimit) -> int:
    """The amount in microseconds for working hours (exact: at most 6 decimal places), else
    the whole amount."""
    if limit.unit is TimeUnit.WORKING_HOURS:
        return int(Decimal(limit.amount) * 3_600_000_000)
    return int(limit.amount)


def _range_error(cal: WorkingCalendar, t: dict[str, Any], i: Any, bad: Any, what: str) -> None:
    first = dt.date.fromordinal(cal.first_date.toordinal() + int(i[bad][0]))
    raise OutOfRangeError(first, cal.first_date, cal.last_date, operation=what)


def _next_working(cal: WorkingCalendar, t: dict[str, Any], x: Any) -> Any:
    """Index of the first working day strictly after each index of ``x``."""
    j = t["cum"][x]
    bad = j >= len(t["wd"])
    if bad.any():
        _range_error(cal, t, x, bad, "moving 1 working day(s)")
    return t["wd"][j]


def _add0(cal: WorkingCalendar, t: dict[str, Any], x: Any) -> Any:
    """Each index of ``x`` if it is a working day, else the next working day."""
    import numpy as np

    size = len(t["cum"])
    if ((x < 0) | (x >= size)).any():
        bad = (x < 0) | (x >= size)
        nominal = dt.date.fromordinal(cal.first_date.toordinal() + int(x[bad][0]))
        raise OutOfRangeError(nominal, cal.first_date, cal.last_date)
    w = t["working"][x] == 1
    out = x.copy()
    if not w.all():
        out[~w] = _next_working(cal, t, x[~w])
    return np.asarray(out)


_NEG = -(2**63)  # below every moment: "no session"


def _abs_tables(t: dict[str, Any], k: dict[str, Any]) -> dict[str, Any]:
    """The session tables as absolute local microseconds since 1970 (built once per calendar).

    ``starts``/``ends``: one array per session slot, a pad (no such session) ending at
    [`_NEG`][_NEG] so no moment is before its end; ``open``/``close``: the first opening and the
    last closing of each day (meaningful on working days only).
    """
    got = k.get("hcc.kernels:abs")
    if got is not None:
        return got  # type: ignore[no-any-return]  # the cache dict holds Any
    import numpy as np

    midnight = (np.arange(len(t["cum"]), dtype=np.int64) + int(t["base"])) * DAY_US
    got = {
        "starts": [np.where(x >= 0, midnight + x, _NEG) for x in k["starts"]],
        "ends": [np.where(x >= 0, midnight + x, _NEG) for x in k["ends"]],
        "open": midnight + k["open"],
        "close": midnight + k["close"],
    }
    k["hcc.kernels:abs"] = got  # a benign race: every thread builds the same tables
    return got


def _session_from(starts: Any, ends: Any, day: Any, at: Any, none: int) -> Any:
    """Per row: ``at`` itself when inside a session of its ``day``, else the start of the next
    session that day, else ``none`` (after the last session, or a day off). ``starts``/``ends``
    hold one array per session slot, indexed by day (pads never open); ``at`` is on their clock.
    """
    import numpy as np

    # from the last session back: the first session not yet over wins
    got = np.where(ends[-1][day] > at, np.maximum(at, starts[-1][day]), none)
    for start, end in zip(starts[-2::-1], ends[-2::-1], strict=True):
        got = np.where(end[day] > at, np.maximum(at, start[day]), got)
    return got


def _in_or_next_session(k: dict[str, Any], day: Any, tod: Any) -> tuple[Any, Any]:
    """The time of day itself when inside a session of ``day``, else the start of the next
    session that day; and whether there is one (False: after the last session, or a day off)."""
    at = _session_from(k["starts"], k["ends"], day, tod, -1)
    return at, at >= 0


def _effective(
    cal: WorkingCalendar,
    t: dict[str, Any],
    k: dict[str, Any],
    a: dict[str, Any],
    i: Any,
    recv: Any,
    unit: TimeUnit,
    pol: DeadlinePolicy,
) -> tuple[Any, Any]:
    """The effective receipt (day index, absolute local µs): the after-hours rule, then the
    cut-off. ``i``/``recv``: the receipts' day index and moment."""

    eff_i, eff_us = i, recv  # copied before any change
    # 1. after hours: a receipt outside the sessions counts from the next opening
    if pol.after_hours == AfterHoursRule.NEXT_OPENING:
        eff_us = _session_from(a["starts"], a["ends"], i, recv, _NEG)
        if len(eff_us) and int(eff_us.min()) == _NEG:
            moved = eff_us == _NEG
            eff_i = i.copy()
            j = _next_working(cal, t, i[moved])
            eff_i[moved] = j
            eff_us[moved] = a["open"][j]
    # 2. the cut-off, for the units it applies to
    if unit in pol.cutoff_units:
        c = _tod_us(pol.cutoff)
        eff_tod = eff_us - (eff_i + int(t["base"])) * DAY_US
        late = eff_tod > c
        if late.any():
            eff_i = eff_i.copy() if eff_i is i else eff_i
            eff_us = eff_us.copy() if eff_us is recv else eff_us
            if pol.after_hours == AfterHoursRule.CIVIL_CODE_LITERAL:
                eff_i[late] += 1
                if (eff_i >= len(t["cum"])).any():
                    _range_error(cal, t, eff_i, eff_i >= len(t["cum"]), "the cut-off")
                eff_us[late] = (eff_i[late] + int(t["base"])) * DAY_US
            else:
                j = _next_working(cal, t, eff_i[late])
                eff_i[late] = j
                eff_us[late] = a["open"][j]
    return eff_i, eff_us


def _working_hours(
    cal: WorkingCalendar,
    t: dict[str, Any],
    k: dict[str, Any],
    a: dict[str, Any],
    i: Any,
    recv: Any,
    amount_us: Any,
    pol: DeadlinePolicy,
) -> tuple[Any, Any, Any]:
    """Working hours: office time from the effective receipt, on the calendar's clock."""
    import numpy as np

    base = int(t["base"])
    _eff_i, eff_us = _effective(cal, t, k, a, i, recv, TimeUnit.WORKING_HOURS, pol)
    # the calendar counts whole seconds: a fractional start is rounded up, never down
    total = eff_us - base * DAY_US
    total = -(-total // 1_000_000) * 1_000_000
    day = total // DAY_US
    at = total - day * DAY_US
    size = len(t["cum"])
    if (day >= size).any():
        _range_error(cal, t, day, day >= size, "adding working time")
    s, e = k["sess_start"][day], k["sess_end"][day]
    valid = s >= 0
    within = np.where(valid, np.clip(at[:, None] - s, 0, e - s), 0).sum(axis=1)
    sec = k["sec_cum"]
    target = sec[day] + within + amount_us
    forward = amount_us > 0
    j = np.where(
        forward,
        np.searchsorted(sec, target, side="left") - 1,
        np.searchsorted(sec, target, side="right") - 1,
    )
    j = np.maximum(j, 0)
    last = len(sec) - 1
    if (j >= last).any():
        _range_error(cal, t, day, j >= last, "adding working time")
    off = sec[np.minimum(j + 1, last)] == sec[j]  # a day off: no office time
    if off.any():
        j[off] = np.searchsorted(sec, sec[j[off]], side="right") - 1
        if (j >= last).any():
            _range_error(cal, t, day, j >= last, "adding working time")
    r = target - sec[j]
    s, e = k["sess_start"][j], k["sess_end"][j]
    width = s.shape[1]
    out_tod = np.zeros(len(j), dtype=np.int64)
    chosen = np.zeros(len(j), dtype=bool)
    for q in range(width):
        dur = e[:, q] - s[:, q]
        is_last = (s[:, q + 1] < 0) if q + 1 < width else np.ones(len(j), dtype=bool)
        take = ~chosen & (s[:, q] >= 0) & ((r < dur) | (forward & (r == dur)) | is_last)
        out_tod[take] = s[take, q] + np.minimum(r[take], dur[take])
        chosen |= take
        r = np.where(chosen, r, r - dur)
    return eff_us, j, (j + base) * DAY_US + out_tod


def _day_based(
    cal: WorkingCalendar,
    t: dict[str, Any],
    k: dict[str, Any],
    a: dict[str, Any],
    i: Any,
    recv: Any,
    n: Any,
    unit: TimeUnit,
    pol: DeadlinePolicy,
    i_max: int | None = None,
) -> tuple[Any, Any, Any]:
    """Effective receipt (absolute local µs), due day index and due moment (absolute local µs).

    ``i_max``: the largest of ``i`` when the caller knows it."""
    import numpy as np

    eff_i, eff_us = _effective(cal, t, k, a, i, recv, unit, pol)
    # 3. the due day
    if unit is TimeUnit.WORKING_DAYS:
        wd = t["wd"]
        if np.ndim(n) == 0:
            # cum is non-decreasing: the last position is that of the latest effective day
            if eff_i is not i:
                top = int(eff_i.max())
            else:
                top = i_max if i_max is not None else int(i.max())
            if len(eff_i) and int(t["cum"][top]) + n - 1 >= len(wd):
                pos = t["cum"][eff_i] + (n - 1)
                _range_error(cal, t, eff_i, pos >= len(wd), "counting working days")
            # the n-th working day after: a view of the list of working days, shifted
            due = wd[n - 1 :][t["cum"][eff_i]] if n > 0 else _add0(cal, t, eff_i)
        else:
            pos = t["cum"][eff_i]
            pos += n - 1
            if int(pos.max(initial=-1)) >= len(wd):
                _range_error(cal, t, eff_i, pos >= len(wd), "counting working days")
            if int(n.min(initial=1)) > 0:
                due = wd[pos]
            else:
                zero = n == 0
                due = np.where(zero, 0, wd[np.clip(pos, 0, len(wd) - 1)])
                due[zero] = _add0(cal, t, eff_i[zero])
    elif unit is TimeUnit.CALENDAR_DAYS:
        due = _add0(cal, t, eff_i + n)
    elif unit is TimeUnit.MONTHS:
        base = int(t["base"])
        d = (eff_i + base).astype("datetime64[D]")
        m = d.astype("datetime64[M]")
        dom = (d - m.astype("datetime64[D]")).astype(np.int64)
        nm = m + np.asarray(n).astype("timedelta64[M]")
        length = ((nm + 1).astype("datetime64[D]") - nm.astype("datetime64[D]")).astype(np.int64)
        nominal = nm.astype("datetime64[D]").astype(np.int64) + np.minimum(dom, length - 1)
        due = _add0(cal, t, nominal - base)
    else:  # same day, immediate
        due = _add0(cal, t, eff_i)
    # 4. the appointment on the due day: its closing time, or the receipt's clock time
    due_us = a["close"][due]
    if pol.appointment_time == AppointmentTime.RECEIPT_CLOCK_TIME and unit is TimeUnit.WORKING_DAYS:
        base = int(t["base"])
        eff_tod = eff_us - (eff_i + base) * DAY_US
        at, has = _in_or_next_session(k, due, eff_tod)
        due_us = np.where(has, (due + base) * DAY_US + at, due_us)
    return eff_us, due, due_us


def _tod_us(t: dt.time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond


_EPOCH = dt.datetime(1970, 1, 1)


def _distinct_loop(
    cal: WorkingCalendar,
    recv: Any,
    limit_code: Any,
    distinct: list[TimeLimit],
    pol_idx: Any,
    policies: list[DeadlinePolicy],
    rest: Any,
    eff_us: Any,
    due_us: Any,
) -> None:
    """The scalar core once per distinct (receipt moment, limit, policy) of the rows ``rest``."""
    import numpy as np

    quiet = cal.without_warnings()
    keys = np.stack([recv[rest], limit_code[rest], pol_idx[rest]], axis=1)
    uniq, inverse = np.unique(keys, axis=0, return_inverse=True)
    eff = np.empty(len(uniq), np.int64)
    due = np.empty(len(uniq), np.int64)
    for n, (us, code, p) in enumerate(uniq.tolist()):
        m = (_EPOCH + dt.timedelta(microseconds=us)).replace(tzinfo=VN_TZ)
        core = _core(m, distinct[code], quiet, policies[p])
        eff[n] = local_us(core.effective)
        due[n] = local_us(core.due_at)
    inverse = inverse.reshape(-1)
    eff_us[rest] = eff[inverse]
    due_us[rest] = due[inverse]


def classify_columns(due_at: Any, done_at: Any, *, cutoff: Any = None) -> npt.NDArray[np.int8]:
    """SLA classification of many dossiers: codes into [`CLASS_CODES`][CLASS_CODES].

    ``due_at`` and ``done_at`` are columns of moments (numpy ``datetime64``, pandas or Arrow;
    naive = Vietnam local time); ``done_at`` is the answer (``NaT``: none). An answer is
    ``early`` (0) on a day before the due date, ``on_time`` (1) on the due date by ``due_at``,
    else ``late`` (2), as [`hcc.deadlines.classify`][hcc.deadlines.classify]. With a ``cutoff`` (one moment),
    answers after it are not known yet: such a row, like one without an answer, is
    ``overdue`` (3) when the cut-off is past its due moment (the clock is breached), else
    ``pending`` (4). Without a cut-off an unanswered row is ``pending``.

    Raises:
        hcc.errors.InvalidInputError: columns of unequal length or a missing due moment.

    >>> import numpy as np
    >>> due = np.array(["2026-03-06T17:00"] * 4, dtype="datetime64[m]")
    >>> done = np.array(["2026-03-05T16:00", "2026-03-06T17:00", "2026-03-06T17:01", "NaT"],
    ...                 dtype="datetime64[m]")
    >>> [CLASS_CODES[c] for c in classify_columns(due, done, cutoff=dt.datetime(2026, 3, 9))]
    ['early', 'on_time', 'late', 'overdue']
    """
    import numpy as np

    from hcc._frames import local_array

    due = np.asarray(local_array(due_at)).reshape(-1).astype("datetime64[us]")
    done = np.asarray(local_array(done_at)).reshape(-1).astype("datetime64[us]")
    if len(due) != len(done):
        raise InvalidInputError("done_at", f"a column of {len(done)} rows", f"{len(due)} rows")
    if np.isnat(due).any():
        raise InvalidInputError("due_at", "NaT", "a due moment in every row")
    due_i = due.view(np.int64)
    done_i = done.view(np.int64)
    answered = ~np.isnat(done)
    out = np.full(len(due), 4, dtype=np.int8)
    if cutoff is not None:
        c = local_us(_as_moment(cutoff))
        answered &= done_i <= c
        out[~answered & (c > due_i)] = 3
    late = answered & (done_i > due_i)
    early = answered & ~late & (done_i // DAY_US < due_i // DAY_US)
    out[answered] = 1
    out[late] = 2
    out[early] = 0
    return out


def _as_moment(value: Any) -> dt.datetime:
    from hcc.calendar import as_vn_datetime

    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    return as_vn_datetime(value, "cutoff")
