"""Building pandas data frames from hcc's rows: typed columns, one rule for each kind of value.

pandas is an optional dependency (the ``pandas`` extra): nothing in hcc imports it at import
time; the ``to_frame`` functions import it when called and raise :class:`hcc.errors.MissingExtraError`
(an ``ImportError``) naming the extra when it is not installed.

Column types, the same in every frame hcc makes:

* a **moment** (receipt, appointment, return ...) is ``datetime64[ns, Asia/Ho_Chi_Minh]``; an
  event that has not happened is ``NaT``;
* a **date** (a due date, a calendar day) is ``datetime64[ns]`` at midnight, without a time zone
  (a calendar date in Vietnam);
* a **state, kind, channel or classification** is a ``category`` whose categories are every
  value of its enumeration, in the enumeration's order (so frames from different periods concat
  without surprises); ``NaN`` when there is none;
* **counts and flags** are ``int64`` and ``bool``; **text** is ``object`` (``str`` or ``None``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from hcc.errors import MissingExtraError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TZ_NAME", "require_pandas"]

TZ_NAME = "Asia/Ho_Chi_Minh"
"""The time zone of every moment column."""


def require_pandas() -> Any:
    """The ``pandas`` module, or :class:`hcc.errors.MissingExtraError` naming the extra.

    >>> require_pandas().__name__
    'pandas'
    """
    try:
        import pandas
    except ImportError:  # pragma: no cover - the test environment has pandas
        raise MissingExtraError("pandas", "to_frame()") from None
    return pandas


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_US = dt.timedelta(microseconds=1)
_NAT = -(2**63)  # numpy's NaT as an int64


def moments(values: Iterable[dt.datetime | None]) -> pd.Series[Any]:
    """A ``datetime64[ns, Asia/Ho_Chi_Minh]`` column from aware datetimes (None → NaT).

    Each moment becomes its microseconds since the epoch in Python (one subtraction), the
    column is built from those integers by numpy: pandas' own parsing of aware ``datetime``
    objects is about ten times slower.

    >>> moments([dt.datetime(2026, 1, 5, 2, 0, tzinfo=dt.UTC), None]).tolist()
    [Timestamp('2026-01-05 09:00:00+0700', tz='Asia/Ho_Chi_Minh'), NaT]
    """
    import numpy as np

    pd = require_pandas()
    epoch, us, nat = _EPOCH, _US, _NAT
    ints = np.fromiter((nat if m is None else (m - epoch) // us for m in values), dtype=np.int64)
    col = pd.Series(ints.view("datetime64[us]")).dt.tz_localize("UTC")
    return col.dt.tz_convert(TZ_NAME).astype(f"datetime64[ns, {TZ_NAME}]")


def dates(values: Iterable[dt.date | None]) -> pd.Series[Any]:
    """A ``datetime64[ns]`` column of calendar dates (midnight, no time zone; None → NaT)."""
    pd = require_pandas()
    return pd.to_datetime(pd.Series(list(values), dtype=object)).astype("datetime64[ns]")


def categories(values: Iterable[str | None], allowed: Sequence[str]) -> pd.Series[Any]:
    """A ``category`` column over ``allowed`` (in that order); None → NaN."""
    pd = require_pandas()
    return pd.Series(pd.Categorical(list(values), categories=list(allowed)))


def frame(columns: dict[str, Any]) -> pd.DataFrame:
    """A DataFrame from named columns (Series or lists), in the given order."""
    pd = require_pandas()
    return pd.DataFrame(
        {
            k: (v.reset_index(drop=True) if hasattr(v, "reset_index") else v)
            for k, v in columns.items()
        }
    )
