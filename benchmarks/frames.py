"""Benchmark: data frames of a year's dossiers and of a column of receipts, against the obvious code.

Run ``python benchmarks/frames.py [N]`` (N = 20,000 dossiers by default; needs pandas). The dossiers
are those of ``benchmarks/register.py`` (generated first, not timed). Best of 3 runs, warm (every
dossier already evaluated against its clock by a first report: the frames reuse that work).

* **register frame** — ``Register.to_frame(2026)`` (typed columns: tz-aware moments, categories)
  against what an app writes by hand: a dict per ``RegisterBook.rows()`` entry into
  ``pd.DataFrame`` (object columns, no time zone conversion);
* **indicator rows** — ``indicators_frame`` (one row per dossier with its counts) against
  ``indicators`` (the report alone): what the per-dossier table costs on top;
* **batch deadlines** — ``compute_deadlines(column, limit, output="frame")`` on a pandas column of N
  receipts against ``compute_deadline`` row by row into a Series (the obvious code), and against
  the list path ``compute_deadlines(list)`` plus building the Series.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pandas as pd
from register import generate

from hcc import compute_deadline, compute_deadlines
from hcc.calendar import VN_TZ
from hcc.dossiers import Period, Register, indicators, indicators_frame
from hcc.errors import ProvisionalCalendarWarning


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    warnings.simplefilter("ignore", ProvisionalCalendarWarning)
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    dossiers = generate(n)
    reg = Register(unit="UBND xã")
    reg.add_all(sorted(dossiers, key=lambda d: d.received_at))
    year = Period.year(2026)
    as_of = dt.datetime(2027, 1, 15, tzinfo=VN_TZ)
    indicators(dossiers, year, as_of=as_of)  # warm: every dossier meets its clock once
    reg.rows(2026)

    def by_hand() -> pd.DataFrame:
        return pd.DataFrame([r._asdict() for r in reg.rows(2026)])

    t_frame = best(lambda: reg.to_frame(2026))
    t_hand = best(by_hand)
    t_rows = best(lambda: indicators_frame(dossiers, year, as_of=as_of))
    t_report = best(lambda: indicators(dossiers, year, as_of=as_of))

    rng = random.Random(11)
    start = dt.datetime(2026, 1, 1, 7, 30)
    receipts = [start + dt.timedelta(minutes=rng.randrange(0, 340 * 24 * 60)) for _ in range(n)]
    column = pd.Series(pd.to_datetime(receipts))
    limit = "05 ngày làm việc"
    t_batch = best(lambda: compute_deadlines(column, limit, output="frame"))
    t_list = best(lambda: pd.Series(compute_deadlines(receipts, limit)))
    t_scalar = best(lambda: pd.Series([compute_deadline(r, limit).due_at for r in receipts]), 1)
    frame = compute_deadlines(column, limit, output="frame")
    assert [t.to_pydatetime() for t in frame.due_at[:200]] == [
        compute_deadline(r, limit).due_at for r in receipts[:200]
    ]

    print(f"N = {n:,} dossiers / receipts; best of 3, warm; seconds (ratio)")
    print(f"register frame     Register.to_frame        {t_frame:7.3f}")
    print(
        f"                   by hand (dict rows)      {t_hand:7.3f}   to_frame/by hand = {t_frame / t_hand:.2f}"
    )
    print(f"indicator rows     indicators_frame         {t_rows:7.3f}")
    print(
        f"                   indicators (report only) {t_report:7.3f}   rows/report = {t_rows / t_report:.2f}"
    )
    print(f"batch deadlines    output='frame' (column)  {t_batch:7.3f}")
    print(
        f"                   list path + Series       {t_list:7.3f}   frame/list = {t_batch / t_list:.2f}"
    )
    print(
        f"                   compute_deadline per row {t_scalar:7.3f}   frame/scalar = {t_batch / t_scalar:.3f}"
    )


if __name__ == "__main__":
    main()
