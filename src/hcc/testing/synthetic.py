"""Synthetic dossiers summarised per row, for tests, benchmarks and the national-report how-to.

:func:`synthetic_dossiers` draws a pandas DataFrame in the schema that
:func:`hcc.dossiers.kernels.indicator_counts` reads (see ``docs/howto/national-report.md``),
deterministically from a seed, with numpy (10^7 rows take seconds). :func:`write_dossiers`
writes it as a Parquet data set partitioned by province and receipt year. The facts are drawn,
not computed by hcc; they are not real records.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
else:  # the doctests use pd
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - the pandas extra is not installed
        pd = None

__all__ = ["LIMITS", "PROVINCES", "synthetic_dossiers", "write_dossiers"]

LIMITS: tuple[str, ...] = (
    "Trong ngày",
    "Ngay",
    "03 ngày làm việc",
    "05 ngày làm việc",
    "07 ngày làm việc",
    "10 ngày làm việc",
    "15 ngày làm việc",
    "20 ngày",
    "01 tháng",
    "04 giờ làm việc",
)
"""Time limits drawn for the synthetic dossiers (texts as in catalogue records)."""

PROVINCES: tuple[str, ...] = (
    "Hà Nội",
    "TP. Hồ Chí Minh",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "Huế",
    "Quảng Ninh",
    "Nghệ An",
)
"""Province names drawn (a few of the 34 provinces and cities from 1/7/2025)."""

_FIELDS = ("Hộ tịch", "Chứng thực", "Đất đai", "Tư pháp", "Kinh doanh")
_CHANNELS = ("direct", "online", "postal")
_VIA = ("returned", "posted", "delivered")
_RATINGS = ("very_satisfied", "satisfied", "dissatisfied")
_MIN_US = 60_000_000
_DAY_US = 86_400_000_000


def synthetic_dossiers(
    n: int,
    *,
    seed: int = 0,
    start: dt.date = dt.date(2024, 1, 1),
    days: int = 366,
    communes: int = 50,
    procedures: int = 40,
) -> pd.DataFrame:
    """``n`` synthetic dossiers received over ``days`` days from ``start`` (``pandas`` extra).

    Columns: ``province``, ``commune``, ``field``, ``procedure``, ``channel`` (strings),
    ``limit`` (a time-limit text), ``received_at`` (between 06:00 and 19:00, so some arrive
    after hours), ``settled_at``/``settled_by`` (about 60 % answered, a tenth of them refused),
    ``withdrawn_at`` (about 10 %), ``stopped_at`` (5 %), ``returned_at``/``returned_via`` and
    ``rated_at``/``rating``; moments are ``datetime64[us]`` Vietnam wall-clock times, NaT when
    the event did not happen. The same arguments give the same frame.

    Raises:
        hcc.errors.MissingExtraError: pandas is not installed.

    >>> f = synthetic_dossiers(1000, seed=1)
    >>> len(f), f["received_at"].min() >= pd.Timestamp("2024-01-01")
    (1000, True)
    >>> synthetic_dossiers(50, seed=3).equals(synthetic_dossiers(50, seed=3))
    True
    """
    import numpy as np

    from hcc._frames import require_pandas

    pd = require_pandas()
    rng = np.random.default_rng(seed)
    nat = np.iinfo(np.int64).min
    start_us = (dt.datetime.combine(start, dt.time(0)) - dt.datetime(1970, 1, 1)) // dt.timedelta(
        microseconds=1
    )
    day = rng.integers(0, days, n)
    minute = rng.integers(6 * 60, 19 * 60, n)
    received = start_us + day * _DAY_US + minute * _MIN_US
    fate = rng.random(n)
    delay = rng.integers(1, 60 * 24 * 25, n) * _MIN_US
    later = received + delay
    settled = fate < 0.6
    withdrawn = (fate >= 0.6) & (fate < 0.7)
    stopped = (fate >= 0.7) & (fate < 0.75)
    returned = settled & (rng.random(n) < 0.7)
    rated = returned & (rng.random(n) < 0.5)
    returned_at = later + rng.integers(1, 60 * 24 * 6, n) * _MIN_US
    rated_at = returned_at + rng.integers(1, 90, n) * 60 * _MIN_US

    def moments(mask: Any, values: Any) -> Any:
        return np.where(mask, values, nat).view("datetime64[us]")

    def pick(options: tuple[str, ...] | list[str], mask: Any = None) -> Any:
        codes = rng.integers(0, len(options), n)
        if mask is not None:
            codes = np.where(mask, codes, -1)
        return pd.Categorical.from_codes(codes, categories=list(options))

    province_idx = rng.integers(0, len(PROVINCES), n)
    commune = rng.integers(0, communes, n)
    frame = pd.DataFrame(
        {
            "province": pd.Categorical.from_codes(province_idx, categories=list(PROVINCES)),
            "commune": pd.Categorical.from_codes(commune, [f"xã {k}" for k in range(communes)]),
            "field": pick(_FIELDS),
            "procedure": pick([f"1.00{1000 + k}" for k in range(procedures)]),
            "channel": pick(_CHANNELS),
            "limit": pick(LIMITS),
            "received_at": received.view("datetime64[us]"),
            "settled_at": moments(settled, later),
            "settled_by": pd.Categorical.from_codes(
                np.where(settled, (rng.random(n) < 0.1).astype(np.int64), -1),
                categories=["result_ready", "refused"],
            ),
            "withdrawn_at": moments(withdrawn, later),
            "stopped_at": moments(stopped, later),
            "returned_at": moments(returned, returned_at),
            "returned_via": pick(_VIA, returned),
            "rated_at": moments(rated, rated_at),
            "rating": pick(_RATINGS, rated),
        }
    )
    return frame


def write_dossiers(path: str | Path, frame: pd.DataFrame) -> Path:
    """Write ``frame`` as a Parquet data set partitioned by ``province`` and receipt ``year``.

    The directory is written under a temporary name and renamed into place, so a reader never
    sees half a data set; an existing ``path`` is refused.

    Raises:
        FileExistsError: ``path`` exists already.
        hcc.errors.MissingExtraError: pandas (and pyarrow) are not installed.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_dossiers(Path(tmp) / "dossiers", synthetic_dossiers(100))
    ...     back = pd.read_parquet(out)
    >>> len(back), sorted(back["province"].astype(str).unique())[:2]
    (100, ['Cần Thơ', 'Huế'])
    """
    import os
    import tempfile

    target = Path(path)
    if target.exists():
        raise FileExistsError(f"path: {str(target)!r} exists already; expected a new directory")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        out = frame.assign(year=frame["received_at"].dt.year.astype("int32"))
        # plain strings in the files (Parquet dictionary-encodes them): readers that do not
        # know pandas' categories (Dask, Spark, DuckDB) read them as they are
        for name in out.columns:
            if isinstance(out[name].dtype, pd.CategoricalDtype):
                out[name] = out[name].astype(object)
        out.to_parquet(tmp, partition_cols=["province", "year"], index=False)
        os.replace(tmp, target)
    except BaseException:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target
