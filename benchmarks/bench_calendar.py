"""Per-call and batch cost of working-day arithmetic: hcc against numpy and holidays, in one run.

Run: ``python benchmarks/calendar.py`` (needs numpy). Prints microseconds per call and ratios; the
method and a recorded run are in docs/performance.md. Ratios, not absolute times, are what to compare.
"""

from __future__ import annotations

import datetime as dt
import random
import timeit
import warnings

import holidays
import numpy as np

import hcc


def per_call(fn, args_list, repeat: int = 5) -> float:
    """Best-of-``repeat`` mean microseconds per call over ``args_list``."""
    best = min(timeit.repeat(lambda: [fn(*a) for a in args_list], number=1, repeat=repeat))
    return best / len(args_list) * 1e6


def main() -> None:
    warnings.simplefilter("ignore", hcc.ProvisionalCalendarWarning)
    cal = hcc.vietnam_calendar()
    rng = random.Random(20261129)
    # Starts in 2005-2018, so that even n = 1000 stays clear of the provisional years (2027 on),
    # whose warning is measured separately below.
    starts = [
        dt.date(2005, 1, 1) + dt.timedelta(days=rng.randrange(0, 14 * 365)) for _ in range(2000)
    ]

    # numpy: a prebuilt busdaycalendar with the same non-working weekdays; it cannot express a worked
    # Saturday at all, so its answers differ on swap days (it is a speed reference, not a correct one).
    off = [
        d
        for d in cal.day_infos(dt.date(2000, 1, 1), dt.date(2100, 12, 31), special_only=True)
        if not d.working
    ]
    npcal = np.busdaycalendar(
        weekmask="1111100", holidays=np.array([d.date for d in off], dtype="datetime64[D]")
    )
    np.array(starts, dtype="datetime64[D]")

    vn = holidays.country_holidays("VN", years=range(2000, 2101))

    print(
        f"{'n':>6} {'hcc µs':>9} {'numpy µs':>9} {'holidays µs':>12} {'numpy/hcc':>10} {'holidays/hcc':>13}"
    )
    rows = {}
    for n in (1, 10, 100, 1000):
        args = [(d, n) for d in starts]
        t_hcc = per_call(cal.add_working_days, args)
        t_np = per_call(
            lambda d, k: np.busday_offset(d, k, roll="forward", busdaycal=npcal),
            [(np.datetime64(d, "D"), n) for d in starts],
        )
        small = args[:50] if n >= 100 else args[:500]
        t_h = per_call(lambda d, k: vn.get_nth_working_day(d, k), small, repeat=3)
        rows[n] = t_hcc
        print(
            f"{n:>6} {t_hcc:>9.2f} {t_np:>9.2f} {t_h:>12.1f} {t_np / t_hcc:>10.1f} {t_h / t_hcc:>13.0f}"
        )
    print(f"flatness: hcc n=1000 / n=1 = {rows[1000] / rows[1]:.2f}")
    late = [
        (dt.date(2026, 6, 1) + dt.timedelta(days=rng.randrange(0, 180)), 200) for _ in range(2000)
    ]
    t_warn = per_call(cal.add_working_days, late)
    print(
        f"into a provisional year (warning emitted, filtered to 'ignore'): hcc {t_warn:.2f} µs per call"
    )

    big = np.array(
        [dt.date(2023, 1, 1) + dt.timedelta(days=i % 1000) for i in range(1_000_000)],
        dtype="datetime64[D]",
    )
    t_b = min(timeit.repeat(lambda: cal.add_working_days_batch(big, 10), number=1, repeat=5))
    t_nb = min(
        timeit.repeat(
            lambda: np.busday_offset(big, 10, roll="forward", busdaycal=npcal), number=1, repeat=5
        )
    )
    print(
        f"batch 1,000,000 dates, n=10: hcc {t_b * 1e3:.1f} ms, numpy {t_nb * 1e3:.1f} ms, hcc/numpy = {t_b / t_nb:.2f}"
    )


if __name__ == "__main__":
    main()
