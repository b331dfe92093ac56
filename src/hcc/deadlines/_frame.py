"""``compute_deadlines(..., output="frame")``: a batch of deadlines as a pandas DataFrame."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hcc.calendar import InvalidInputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["deadlines_frame", "local_array", "series"]


def local_array(received: Any) -> Any:
    """Receipts as a numpy ``datetime64[us]`` array of Vietnam wall-clock times, without a loop.

    A pandas Series or DatetimeIndex (or an Arrow timestamp array, through pandas) that is
    time-zone aware is converted to Asia/Ho_Chi_Minh;
    a naive one (and a numpy ``datetime64`` array) is Vietnam local time already. Other
    iterables go through :func:`hcc.calendar.as_vn_datetime` one by one.
    """
    import numpy as np

    from hcc._frames import TZ_NAME, require_pandas

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
    from hcc.calendar import as_vn_datetime

    if isinstance(received, (str, bytes)) or not hasattr(received, "__iter__"):
        raise InvalidInputError("received", received, "a list, array or column of receipts")
    local = [
        as_vn_datetime(r, f"received[{k}]").replace(tzinfo=None) for k, r in enumerate(received)
    ]
    return np.array(local, dtype="datetime64[us]")


def _local(values: Any, index: Any) -> Any:
    """Vietnam wall-clock ``datetime64`` values as a tz-aware ``datetime64[ns]`` Series."""
    from hcc._frames import TZ_NAME, require_pandas

    pd = require_pandas()
    col = pd.Series(values.astype("datetime64[ns]"), index=index).dt.tz_localize(TZ_NAME)
    return col.astype(f"datetime64[ns, {TZ_NAME}]")


def series(values: Any, output: str, *, index: Any = None) -> pd.Series[Any]:
    """A batch answer as a pandas Series: ``due_at`` tz-aware, ``due_date`` a naive date."""
    from hcc._frames import require_pandas

    pd = require_pandas()
    if output == "due_date":
        return pd.Series(values.astype("datetime64[ns]"), index=index, name="due_date")
    out = _local(values, index)
    out.name = "due_at"
    return out


def deadlines_frame(
    received: Any, due_at: Any, due_date: Any, *, index: Any = None
) -> pd.DataFrame:
    """The frame of a batch: ``received_at``, ``due_date`` and ``due_at`` columns.

    ``received_at`` and ``due_at`` are ``datetime64[ns, Asia/Ho_Chi_Minh]``; ``due_date`` is
    ``datetime64[ns]`` (a calendar date, midnight, no time zone). Arguments are numpy arrays of
    Vietnam wall-clock times; ``index`` the index to keep (a pandas input's).
    """
    from hcc._frames import require_pandas

    pd = require_pandas()
    return pd.DataFrame(
        {
            "received_at": _local(received, index),
            "due_date": pd.Series(due_date.astype("datetime64[ns]"), index=index),
            "due_at": _local(due_at, index),
        },
        index=index,
    )
