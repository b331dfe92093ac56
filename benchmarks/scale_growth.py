"""How the single-process kernels grow with the rows: 10^5, 10^6 and 10^7 dossiers in memory.

Run: ``PYTHONPATH=src python benchmarks/scale_growth.py [--max 10000000]`` (the ``pandas`` extra).

The same synthetic dossiers (hcc.testing.synthetic, one draw of ``--max`` rows, sliced) go through
the deadline kernel (``deadline_columns``, a limit per row), the SLA classification
(``classify_columns``) and the indicator counts grouped by province and month
(``indicator_counts``: 12 months x a few provinces, so the fixed cost of the groups does not hide the
rows; benchmarks/scale.py has the national grouping). Best of 3 (1 at the largest size); µs per row
and the ratio of each size's time to the previous size's: linear growth is a ratio near 10.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
import warnings

PERIOD = ("2024-01-01", "2024-12-31")
AS_OF = dt.datetime(2025, 1, 10)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max", type=int, default=10_000_000)
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    from hcc.deadlines.kernels import classify_columns, deadline_columns
    from hcc.dossiers import Period
    from hcc.dossiers.kernels import indicator_counts
    from hcc.testing.synthetic import synthetic_dossiers

    full = synthetic_dossiers(args.max, seed=1)
    period = Period(start=PERIOD[0], end=PERIOD[1])
    sizes = [n for n in (10**5, 10**6, 10**7, 10**8) if n <= args.max]
    print(
        "| rows | deadlines µs/row | + classification µs/row | indicator counts µs/row | total s | x previous |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    prev = None
    for n in sizes:
        part = full.iloc[:n]
        received = part["received_at"].to_numpy()
        limits = part["limit"].to_numpy()
        settled = part["settled_at"].to_numpy()
        best = [float("inf")] * 3
        for _ in range(1 if n == sizes[-1] and n >= 10**7 else 3):
            t0 = time.perf_counter()
            cols = deadline_columns(received, limits)
            t1 = time.perf_counter()
            classify_columns(cols.due_at, settled, cutoff=AS_OF)
            t2 = time.perf_counter()
            indicator_counts(part, period, as_of=AS_OF, by=["province", "month"])
            t3 = time.perf_counter()
            best = [min(b, x) for b, x in zip(best, (t1 - t0, t2 - t1, t3 - t2), strict=True)]
        total = sum(best)
        ratio = f"{total / prev:.1f}" if prev else "-"
        print(
            f"| {n:,} | {best[0] / n * 1e6:.2f} | {best[1] / n * 1e6:.2f} | {best[2] / n * 1e6:.2f} "
            f"| {total:.2f} | {ratio} |"
        )
        prev = total


if __name__ == "__main__":
    main()
