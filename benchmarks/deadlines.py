"""Cost of deadlines: compute_deadlines (list, numpy) against a plain loop of compute_deadline.

Run: ``python benchmarks/deadlines.py`` (needs numpy). Prints microseconds per row and ratios; the
method and a recorded run are in docs/performance.md. Ratios, not absolute times, are what to compare.

``python benchmarks/deadlines.py --scalar [--against SRC]`` measures one ``compute_deadline`` call
alone (text limit, cached parse; best of N), then with its explanation material read and with
``explain()``; with ``--against`` (another checkout's ``src`` directory, e.g. main's) the same
measurement of that code runs in a child process, interleaved with this one, in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
import timeit
import warnings

import numpy as np

import hcc
from hcc.deadlines import (
    DeadlinePolicy,
    Received,
    ResultReady,
    SupplementReceived,
    SupplementRequested,
    compute_deadline,
    compute_deadlines,
    sla_status,
)


def best(fn, repeat: int = 3) -> float:
    """Best-of-``repeat`` seconds for one call of ``fn``."""
    return min(timeit.repeat(fn, number=1, repeat=repeat))


def receipts(n: int, rng: random.Random) -> list[dt.datetime]:
    """Receipts spread over 2023-2026 at any time of day (seconds resolution), like a register."""
    start = dt.datetime(2023, 1, 1)
    span = 4 * 365 * 86400 - 40 * 86400  # stay clear of the provisional year 2027
    return [start + dt.timedelta(seconds=rng.randrange(span)) for _ in range(n)]


def main() -> None:
    warnings.simplefilter("ignore", hcc.ProvisionalCalendarWarning)
    cal = hcc.vietnam_calendar()
    rng = random.Random(20261129)
    rows = receipts(20_000, rng)
    limits = ["05 ngày làm việc", "30 ngày", "Trong ngày", "04 giờ làm việc"]
    clock_policy = DeadlinePolicy(appointment_time="receipt_clock_time")

    print("per row, 20,000 receipts in 2023-2026 (best of 3)")
    print(
        f"{'limit':<22}{'loop µs':>10}{'list µs':>10}{'numpy µs':>10}{'loop/list':>11}{'loop/numpy':>12}"
    )
    for text in limits:
        for policy in (None, clock_policy) if text == "05 ngày làm việc" else (None,):
            loop = best(
                lambda text=text, policy=policy: [
                    compute_deadline(r, text, calendar=cal, policy=policy).due_at for r in rows
                ]
            )
            lst = best(
                lambda text=text, policy=policy: compute_deadlines(
                    rows, text, calendar=cal, policy=policy
                )
            )
            arr = np.array(rows, dtype="datetime64[s]")
            npy = best(
                lambda text=text, policy=policy, arr=arr: compute_deadlines(
                    arr, text, calendar=cal, policy=policy
                )
            )
            n = len(rows)
            name = text + (" (clock)" if policy is not None else "")
            print(
                f"{name:<22}{loop / n * 1e6:>10.2f}{lst / n * 1e6:>10.2f}{npy / n * 1e6:>10.3f}"
                f"{loop / lst:>11.1f}{loop / npy:>12.0f}"
            )

    # a dashboard recomputing a million rows at once
    big = np.array(receipts(1_000_000, rng), dtype="datetime64[s]")
    t0 = time.perf_counter()
    compute_deadlines(big, "05 ngày làm việc", calendar=cal)
    t_big = time.perf_counter() - t0
    sample = big[:10_000].astype(object)
    t_loop = best(
        lambda: [compute_deadline(r, "05 ngày làm việc", calendar=cal).due_at for r in sample], 1
    )
    est = t_loop * 100
    print(
        f"\n1,000,000 rows, 05 ngày làm việc: numpy batch {t_big:.2f} s; "
        f"loop (extrapolated from 10,000) {est:.0f} s; ratio {est / t_big:.0f}"
    )

    # scalar cost and the SLA clock
    one = rows[0]
    t_cd = best(
        lambda: [compute_deadline(one, "05 ngày làm việc", calendar=cal) for _ in range(2000)]
    )
    events = [
        Received(at="2026-03-02T09:00"),
        SupplementRequested(at="2026-03-03T10:00"),
        SupplementReceived(at="2026-03-05T10:00"),
        ResultReady(at="2026-03-11T10:00"),
    ]
    t_sla = best(
        lambda: [
            sla_status(events, "05 ngày làm việc", at="2026-03-12T09:00", calendar=cal)
            for _ in range(500)
        ]
    )
    print(f"compute_deadline (explained Deadline): {t_cd / 2000 * 1e6:.1f} µs per call")
    print(f"sla_status (4 events, reset):           {t_sla / 500 * 1e6:.0f} µs per call")


SCALAR_CASES = (
    # (receipt, limit): a weekday morning, and a Friday evening before Tết (notes, many days off)
    (dt.datetime(2026, 3, 2, 9, 0), "05 ngày làm việc"),
    (dt.datetime(2025, 1, 24, 17, 30), "03 ngày làm việc"),
)


def scalar(number: int = 5000, repeat: int = 15) -> dict[str, float]:
    """µs per call, best of ``repeat`` runs of ``number`` calls, for each way of using a Deadline."""
    cal = hcc.vietnam_calendar()
    out: dict[str, float] = {}
    for k, (m, text) in enumerate(SCALAR_CASES):
        compute_deadline(m, text, calendar=cal)  # parse the limit once (cached)
        ways = {
            "compute_deadline": lambda m=m, text=text: compute_deadline(m, text, calendar=cal),
            "+ skipped/notes read": lambda m=m, text=text: (
                compute_deadline(m, text, calendar=cal).skipped
            ),
            "+ explain()": lambda m=m, text=text: compute_deadline(m, text, calendar=cal).explain(),
            "+ model_dump_json()": lambda m=m, text=text: compute_deadline(
                m, text, calendar=cal
            ).model_dump_json(),
        }
        for name, fn in ways.items():
            t = min(timeit.repeat(fn, number=number, repeat=repeat))
            out[f"case {k + 1}: {name}"] = t / number * 1e6
    return out


def scalar_main(against: str | None, rounds: int) -> None:
    """Print the scalar table; with ``against``, that source tree measured in the same run."""
    here: list[dict[str, float]] = []
    there: list[dict[str, float]] = []
    for _ in range(rounds):  # interleaved, so both see the same load of the machine
        here.append(scalar())
        if against:
            env = dict(os.environ, PYTHONPATH=against)
            got = subprocess.run(
                [sys.executable, __file__, "--scalar-child"],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            there.append(json.loads(got.stdout))
    print(f"compute_deadline, µs per call (best of {rounds} rounds x 15 x 5000 calls)")
    head = f"{'':44}{'this tree':>11}"
    if against:
        head += f"{'against':>11}{'ratio':>8}"
    print(head)
    for key in here[0]:
        a = min(r[key] for r in here)
        line = f"{key:44}{a:>11.2f}"
        if against:
            b = min(r[key] for r in there)
            line += f"{b:>11.2f}{b / a:>8.1f}"
        print(line)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scalar", action="store_true", help="only the single compute_deadline call")
    ap.add_argument("--against", help="another checkout's src directory to measure alongside")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--scalar-child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.scalar_child:
        warnings.simplefilter("ignore", hcc.ProvisionalCalendarWarning)
        print(json.dumps(scalar()))
    elif args.scalar:
        scalar_main(args.against, args.rounds)
    else:
        main()
