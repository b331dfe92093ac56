"""National scale: the column kernels in one process, on Dask with 2 workers, and a per-row loop.

Run: ``PYTHONPATH=src python benchmarks/scale.py --rows 10000000`` (the ``dask`` extra). It

1. writes ``--rows`` synthetic dossiers (hcc.testing.synthetic) as partitioned Parquet;
2. computes the report grouped by province, commune, field, procedure and month
   (``indicator_counts`` with the deadlines, then ``finish_indicators``): in one process
   (reading the data set one Parquet file at a time), and with ``hcc.dask.indicators`` on a
   ``distributed.LocalCluster`` of 2 worker processes, 1 thread each; each in a fresh process,
   with its peak resident memory (``ru_maxrss``);
3. times a plain per-row Python loop (``compute_deadline`` + ``classify`` + a dict of counts)
   on a sample and extrapolates it (printed as such);
4. times the single-process kernels at 10^5, 10^6 and ``--rows`` rows (linear growth);
5. compares the deadline kernel with ``numpy.busday_offset`` on the same dates and counts.

Prints Markdown tables; the recorded run is in docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import random
import resource
import shutil
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np

PERIOD = ("2024-01-01", "2024-12-31")
AS_OF = dt.datetime(2025, 1, 10)
BY = ["province", "commune", "field", "procedure", "month"]


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _single(path: str, q: Any) -> None:
    import pandas as pd
    import pyarrow.parquet as pq

    from hcc.dossiers import Period
    from hcc.dossiers.kernels import finish_indicators, indicator_counts

    warnings.simplefilter("ignore")
    files = sorted(Path(path).rglob("*.parquet"))
    t0 = time.perf_counter()
    rows = 0
    parts = []
    for f in files:
        table = pq.read_table(f).to_pandas()
        # the partition keys live in the directory names
        for part in f.parent.relative_to(path).parts:
            key, _, value = part.partition("=")
            if key == "province":
                from urllib.parse import unquote

                table[key] = unquote(value)
        rows += len(table)
        parts.append(
            indicator_counts(table, Period(start=PERIOD[0], end=PERIOD[1]), as_of=AS_OF, by=BY)
        )
    counts = pd.concat(parts).groupby(level=BY, sort=True).sum()
    report = finish_indicators(counts)
    q.put(
        (time.perf_counter() - t0, rows, len(report), _maxrss_mb(), int(report["received"].sum()))
    )


def _dask(path: str, q: Any) -> None:
    import dask.dataframe as dd
    import distributed

    from hcc.dask import indicators
    from hcc.dossiers import Period

    warnings.simplefilter("ignore")
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=50,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        t0 = time.perf_counter()
        ddf = dd.read_parquet(path)
        report = indicators(ddf, Period(start=PERIOD[0], end=PERIOD[1]), as_of=AS_OF, by=BY)
        seconds = time.perf_counter() - t0
        rss = client.run(_maxrss_mb)
    q.put((seconds, len(report), sorted(rss.values()), int(report["received"].sum())))


def _in_child(fn: Any, *args: Any) -> Any:
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=fn, args=(*args, q))
    p.start()
    got = q.get()
    p.join()
    return got


def _loop_rate(sample: int) -> float:
    """Rows per second of a plain per-row loop: compute_deadline + classify + a dict of counts."""
    from hcc.deadlines import classify, compute_deadline
    from hcc.testing.synthetic import synthetic_dossiers

    f = synthetic_dossiers(sample, seed=1, start=dt.date(2024, 1, 1), days=366)
    rows = list(
        zip(
            f["received_at"].dt.to_pydatetime(),
            f["limit"].astype(str),
            f["settled_at"].dt.to_pydatetime(),
            f["province"].astype(str),
            f["field"].astype(str),
            strict=True,
        )
    )
    counts: dict[tuple[str, str, str], int] = {}
    t0 = time.perf_counter()
    for received, limit, settled, province, field in rows:
        due = compute_deadline(received, limit).due_at
        if settled is not None and settled == settled:  # NaT
            key = (province, field, classify(settled, due).value)
            counts[key] = counts.get(key, 0) + 1
    return sample / (time.perf_counter() - t0)


def _kernel_seconds(n: int) -> float:
    from hcc.dossiers import Period
    from hcc.dossiers.kernels import finish_indicators, indicator_counts
    from hcc.testing.synthetic import synthetic_dossiers

    f = synthetic_dossiers(n, seed=2)
    t0 = time.perf_counter()
    finish_indicators(
        indicator_counts(f, Period(start=PERIOD[0], end=PERIOD[1]), as_of=AS_OF, by=BY)
    )
    return time.perf_counter() - t0


def _versus_numpy() -> list[str]:
    from hcc.calendar import vietnam_calendar
    from hcc.deadlines.kernels import deadline_columns

    cal = vietnam_calendar().without_warnings()
    first, last = dt.date(2000, 1, 1), dt.date(2099, 12, 31)
    holidays = [
        d
        for d in (first + dt.timedelta(days=k) for k in range((last - first).days + 1))
        if d.weekday() < 5 and not cal.is_working_day(d)
    ]
    bcal = np.busdaycalendar(weekmask="1111100", holidays=np.array(holidays, "datetime64[D]"))
    out = [
        "| rows | receipts | counts | hcc kernel (µs/row) | numpy.busday_offset (µs/row) | hcc / numpy |",
        "| ---: | --- | --- | ---: | ---: | ---: |",
    ]
    rng = np.random.default_rng(3)
    for n in (10**3, 10**5, 10**6):
        for spread in ("2000-2079", "2025"):
            if spread == "2025":
                days = rng.integers(0, 365, n) + np.datetime64("2025-01-01", "D").astype(np.int64)
            else:
                days = rng.integers(0, 80 * 365, n) + np.datetime64("2000-01-01", "D").astype(
                    np.int64
                )
            dates = days.astype("datetime64[D]")
            moments = dates.astype("datetime64[us]") + np.timedelta64(9, "h")
            for per_row in (False, True):
                counts = rng.integers(1, 30, n) if per_row else np.full(n, 5)

                def hcc_run(
                    per_row: bool = per_row, moments: Any = moments, counts: Any = counts
                ) -> None:
                    if per_row:
                        deadline_columns(
                            moments, units="working_days", amounts=counts, calendar=cal
                        )
                    else:
                        deadline_columns(moments, "05 ngày làm việc", calendar=cal)

                def np_run(dates: Any = dates, counts: Any = counts) -> None:
                    np.busday_offset(
                        np.busday_offset(dates, 0, roll="forward", busdaycal=bcal),
                        counts,
                        busdaycal=bcal,
                    )

                # interleaved, so both see the same load of the (shared) machine; small inputs
                # are timed over several calls each
                reps = 9 if n < 10**6 else 5
                calls = max(1, 10**5 // n)
                hcc_run()
                np_run()
                th = tn = float("inf")
                for _ in range(reps):
                    th = min(th, _timed(hcc_run, calls) / calls)
                    tn = min(tn, _timed(np_run, calls) / calls)
                out.append(
                    f"| {n:,} | {spread} | {'per row' if per_row else 'one'} | "
                    f"{th / n * 1e6:.3f} | {tn / n * 1e6:.3f} | {th / tn:.2f} |"
                )
    return out


def _timed(fn: Any, calls: int = 1) -> float:
    t0 = time.perf_counter()
    for _ in range(calls):
        fn()
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="national-scale benchmark")
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--loop-sample", type=int, default=20_000)
    ap.add_argument("--only-numpy", action="store_true", help="only the busday_offset table")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    if args.only_numpy:
        print("\n".join(_versus_numpy()))
        return 0
    from hcc.testing.synthetic import synthetic_dossiers, write_dossiers

    print(f"machine: {mp.cpu_count()} cores (shared with other jobs during the run)")
    tmp = Path(tempfile.mkdtemp(prefix="hcc-scale-"))
    try:
        t0 = time.perf_counter()
        data = synthetic_dossiers(args.rows, seed=0)
        gen = time.perf_counter() - t0
        t0 = time.perf_counter()
        path = write_dossiers(tmp / "dossiers", data)
        wrote = time.perf_counter() - t0
        del data
        print(f"data: {args.rows:,} rows drawn in {gen:.1f} s, written as Parquet in {wrote:.1f} s")
        s_sec, rows, groups, s_rss, s_received = _in_child(_single, str(path))
        d_sec, d_groups, d_rss, d_received = _in_child(_dask, str(path))
        assert (groups, s_received) == (d_groups, d_received)
        loop = _loop_rate(args.loop_sample)
        print()
        print("| path | seconds | rows per second | peak memory (MB) |")
        print("| --- | ---: | ---: | ---: |")
        print(f"| single process, kernels | {s_sec:.1f} | {rows / s_sec:,.0f} | {s_rss:,.0f} |")
        print(
            f"| Dask, 2 workers x 1 thread | {d_sec:.1f} | {rows / d_sec:,.0f} | "
            f"{' / '.join(f'{x:,.0f}' for x in d_rss)} per worker |"
        )
        print(
            f"| per-row Python loop (measured on {args.loop_sample:,} rows, extrapolated) | "
            f"{rows / loop:,.0f} | {loop:,.0f} | - |"
        )
        print(f"\nreport: {groups:,} groups, {s_received:,} dossiers received in 2024\n")
        print("| rows | single-process kernels (s) | µs per row |")
        print("| ---: | ---: | ---: |")
        for n in (10**5, 10**6):
            sec = min(_kernel_seconds(n) for _ in range(2))
            print(f"| {n:,} | {sec:.2f} | {sec / n * 1e6:.2f} |")
        print(f"| {rows:,} (from Parquet, above) | {s_sec:.2f} | {s_sec / rows * 1e6:.2f} |")
        print()
        print("\n".join(_versus_numpy()))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    random.seed(0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
