"""Building pandas data frames from hcc's rows: typed columns, one rule for each kind of value.

pandas is an optional dependency (the ``pandas`` extra): nothing in hcc imports it at import
time; the ``to_frame`` functions import it when called and raise [`hcc.errors.MissingExtraError`][hcc.errors.MissingExtraError]
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

from hcc._types import VN_TZ, as_vn_datetime
from hcc.errors import InvalidInputError, MissingExtraError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TZ_NAME", "local_array", "local_us", "require_pandas"]

TZ_NAME = "Asia/Ho_Chi_Minh"
"""The time zone of every moment column."""


def require_pandas() -> Any:
    """The ``pandas`` module, or [`hcc.errors.MissingExtraError`][hcc.errors.MissingExtraError] naming the extra.

    >>> require_pandas().__name__
    'pandas'
    """
    try:
        import pandas
    except ImportError:
        raise MissingExtraError("pandas", "to_frame()") from None
    return pandas


def local_array(received: Any) -> Any:
    """Receipts as a numpy ``datetime64[us]`` array of Vietnam wall-clock times, without a loop.

    A pandas Series or DatetimeIndex (or an Arrow timestamp array, through pandas) that is
    time-zone aware is converted to Asia/Ho_Chi_Minh;
    a naive one (and a numpy ``datetime64`` array) is Vietnam local time already. Other
    iterables go through [`hcc.calendar.as_vn_datetime`][hcc.calendar.as_vn_datetime] one by one.
    """
    import numpy as np

    pd = require_pandas()
    if type(received).__module__.split(".")[0] == "pyarrow":
        received = received.to_pandas()  # an Arrow timestamp array or chunked array
    if isinstance(received, (pd.Series, pd.Index)):
        values = pd.Series(received)
        if values.dtype.kind != "M":
            raise InvalidInputError(
                "received", f"a column of dtype {values.dtype}", "a datetime64 column"
            )
        if values.dt.tz is not None:
            values = values.dt.tz_convert(TZ_NAME).dt.tz_localize(None)
        return values.to_numpy(dtype="datetime64[us]")
    if type(received).__module__ == "numpy":
        return np.asarray(received)
    if isinstance(received, (str, bytes)) or not hasattr(received, "__iter__"):
        raise InvalidInputError("received", received, "a list, array or column of receipts")
    local = [
        as_vn_datetime(r, f"received[{k}]").replace(tzinfo=None) for k, r in enumerate(received)
    ]
    return np.array(local, dtype="datetime64[us]")


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_US = dt.timedelta(microseconds=1)
_NAT = -(2**63)  # numpy's NaT as an int64


_LOCAL_EPOCH = dt.datetime(1970, 1, 1)


def local_us(m: dt.datetime) -> int:
    """Microseconds since 1970-01-01 00:00 of ``m``'s Vietnam wall-clock time (naive = Vietnam).

    The integer form of a moment in the column kernels' ``datetime64[us]`` arrays.

    >>> local_us(dt.datetime(2026, 1, 5, 2, 0, tzinfo=dt.UTC)) == local_us(dt.datetime(2026, 1, 5, 9))
    True
    >>> local_us(dt.datetime(1970, 1, 1, 0, 0, 1))
    1000000
    """
    local = m.astimezone(VN_TZ).replace(tzinfo=None) if m.tzinfo is not None else m
    return (local - _LOCAL_EPOCH) // _US


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
