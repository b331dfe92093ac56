"""``compute_deadlines(..., output="frame")``: a batch of deadlines as a pandas DataFrame."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hcc._frames import local_array

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["deadlines_frame", "local_array", "series"]


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
