"""Write synthetic dossiers as a Parquet data set partitioned by province and receipt year.

    PYTHONPATH=src python benchmarks/make_dossiers.py data/dossiers --rows 1000000 --seed 0

The rows follow the schema of docs/howto/national-report.md; they are drawn by
hcc.testing.synthetic (numpy, deterministic for a seed), not real records.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

from hcc.testing.synthetic import synthetic_dossiers, write_dossiers


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", help="a new directory for the data set")
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--start", type=dt.date.fromisoformat, default=dt.date(2024, 1, 1))
    ap.add_argument("--days", type=int, default=366, help="receipts spread over this many days")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    frame = synthetic_dossiers(args.rows, seed=args.seed, start=args.start, days=args.days)
    out = write_dossiers(args.path, frame)
    print(f"{args.rows} dossiers -> {out} in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
