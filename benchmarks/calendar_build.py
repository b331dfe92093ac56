"""Cost of building the national calendar and of a local rebuild (``with_overrides``).

Run: ``PYTHONPATH=src python benchmarks/calendar_build.py LABEL`` -- prints the import + first build
time and the best and median of nine ``with_overrides`` rebuilds. Compare two trees by running it
alternately with each on ``PYTHONPATH`` (results in docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time


def main(label: str) -> None:
    t = time.perf_counter()
    import hcc

    cal = hcc.vietnam_calendar()
    first = time.perf_counter() - t
    rebuilds = []
    for _ in range(9):
        t = time.perf_counter()
        cal.with_overrides(closures=[dt.date(2026, 3, 9)])
        rebuilds.append(time.perf_counter() - t)
    print(
        f"{label}: first build (import + build) {first:.3f} s; rebuild best "
        f"{min(rebuilds):.3f} s, median {statistics.median(rebuilds):.3f} s"
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "hcc")
