"""hcc.dask on a distributed.LocalCluster of worker processes equals the single-process kernels.

10^5 synthetic dossiers (hcc.testing.synthetic, a fixed seed) over two years, spread over many
partitions; every figure of the report grouped by province, commune, field, procedure and month
and every deadline column must be equal, bit for bit, to the single-process answers.
"""

from __future__ import annotations

import datetime as dt
import pickle

import numpy as np
import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe", reason="the dask extra is not installed")
distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

from hcc.calendar import vietnam_calendar  # noqa: E402
from hcc.dask import add_deadlines, indicators  # noqa: E402
from hcc.deadlines.kernels import deadline_columns  # noqa: E402
from hcc.dossiers import Period  # noqa: E402
from hcc.dossiers.kernels import finish_indicators, indicator_counts  # noqa: E402
from hcc.testing.synthetic import synthetic_dossiers  # noqa: E402

N = 100_000
PERIOD = Period(start="2025-01-01", end="2025-12-31")
AS_OF = dt.datetime(2025, 12, 20, 12, 0)
BY = ["province", "commune", "field", "procedure", "month"]
# a local calendar: travels to the workers as its recipe and is rebuilt there
LOCAL = vietnam_calendar().with_office_hours(
    {"sessions": [{"start": "07:00", "end": "11:30"}, {"start": "13:00", "end": "16:30"}]}
)


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    # receipts from mid-2024 (so some straddle the 1/7/2025 policy switch) to the end of 2025
    return synthetic_dossiers(
        N, seed=16, start=dt.date(2024, 7, 1), days=549, communes=30, procedures=12
    )


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=50,
    )
    c = distributed.Client(cluster)
    try:
        yield c
    finally:
        c.close()
        cluster.close()


def test_the_report_on_a_cluster_equals_one_process(data, client) -> None:  # type: ignore[no-untyped-def]
    ddf = dd.from_pandas(data, npartitions=12)
    got = indicators(ddf, PERIOD, as_of=AS_OF, by=BY, split_every=4)
    expected = finish_indicators(indicator_counts(data, PERIOD, as_of=AS_OF, by=BY))
    assert len(got) > 1000
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    # and the figures are not all zero: the data exercise every count
    totals = got.sum()
    for name in (
        "received",
        "settled",
        "early",
        "on_time",
        "late",
        "refused",
        "withdrawn",
        "stopped",
        "pending",
        "pending_overdue",
        "returned",
        "rated",
    ):
        assert totals[name] > 0, name
    # the same with no grouping and with a local calendar, and one partition per worker
    whole = indicators(dd.from_pandas(data, npartitions=2), PERIOD, as_of=AS_OF, calendar=LOCAL)
    one = finish_indicators(indicator_counts(data, PERIOD, as_of=AS_OF, calendar=LOCAL))
    assert np.array_equal(whole.to_numpy(), one.to_numpy(), equal_nan=True)


def test_deadlines_on_a_cluster_equal_one_process(data, client) -> None:  # type: ignore[no-untyped-def]
    ddf = dd.from_pandas(data[["received_at", "limit"]], npartitions=8)
    got = add_deadlines(ddf, calendar=LOCAL).compute()
    expected = deadline_columns(data["received_at"], data["limit"], calendar=LOCAL)
    for name in expected._fields:
        assert np.array_equal(got[name].to_numpy(), np.asarray(getattr(expected, name))), name
    assert got["provisional"].sum() == 0  # 2024-2025 have official notices
    assert len(pickle.dumps(LOCAL)) < 64_000
