"""Benchmark: a year's register of 100,000 dossiers, built and reported.

Run ``python benchmarks/register.py [N] [--sample S] [--src PATH] [--headline-only]`` (N = 100,000 by default). The dossiers of
2026 are generated first (not timed: in real use they come from a database; their construction,
with every log replayed and checked, is reported on its own line). The headline, *build and
report*, is timed cold (no dossier evaluated against its clock yet):

* **build** — ``Register.add`` of every dossier (numbering, year routing);
* **rows** — ``RegisterBook.rows()``: the form 06 row of every dossier, appointments included
  (this is where every dossier meets its SLA clock, once);
* **year** — ``indicators()`` over the year;
* **months** — ``group_indicators(by="month")`` over the year.

It is run three times: with the cyclic garbage collector as it is (the default path), inside the
opt-in ``hcc.procedures.bulk_load()`` (the collector paused), then after ``gc.freeze()`` (the
dossiers are long-lived data). CSV export and other reports are then timed warm. ``--src PATH``
imports hcc from another tree (e.g. main's ``src``) to compare before and after in one session;
``--headline-only`` stops after the three headline runs.

The obvious alternative: per dossier, ask its SLA clock (``Dossier.sla``) for the appointment,
the due and the classification at each month end, and count — correct, simple, one full clock
replay per dossier and month. It is measured on a sample (``--sample``, default 5,000 dossiers),
checked equal to hcc's figures on that sample, scaled to N and compared with hcc's months report
on all N dossiers, cold.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

# ``--src PATH``: the tree to import hcc from (e.g. main's ``src``, for a before/after in one
# session), read before hcc is imported; else this checkout's ``src``
sys.path.insert(
    0,
    str(
        Path(sys.argv[sys.argv.index("--src") + 1])
        if "--src" in sys.argv[:-1]
        else Path(__file__).resolve().parents[1] / "src"
    ),
)

from hcc.calendar import VN_TZ, vietnam_calendar
from hcc.deadlines import ClockState
from hcc.dossiers import Dossier, DossierEvent, Period, Register, group_indicators, indicators
from hcc.errors import ProvisionalCalendarWarning

try:
    from hcc.procedures import bulk_load
except ImportError:  # a tree from before bulk_load (run for a before/after comparison)
    bulk_load = None  # type: ignore[assignment]

# A commune/district mix: same-day certifications and civil status dominate the counts, then
# working-day limits (REFERENCE §1, §8); working-hour limits are rare.
LIMITS = {
    "Trong ngày": 35,
    "03 ngày làm việc": 15,
    "05 ngày làm việc": 20,
    "07 ngày làm việc": 10,
    "10 ngày làm việc": 5,
    "15 ngày": 10,
    "04 giờ làm việc": 5,
}
PROCEDURES = [
    (f"1.{i:06d}", f"Thủ tục số {i}", ["Hộ tịch", "Chứng thực", "Đất đai"][i % 3])
    for i in range(1, 61)
]
AGENCIES = ["Chi cục Thuế", "Văn phòng đăng ký đất đai", "Công an xã"]


def generate(n: int, seed: int = 7) -> list[Dossier]:
    """N dossiers received in 2026 on working days, with a realistic mix of lives."""
    rng = random.Random(seed)
    cal = vietnam_calendar()
    days = list(cal.working_days(dt.date(2026, 1, 1), dt.date(2026, 12, 15)))
    per_day: Counter[dt.date] = Counter()
    out: list[Dossier] = []
    for _ in range(n):
        day = rng.choice(days)
        per_day[day] += 1
        t = dt.datetime.combine(day, dt.time(7, 30), tzinfo=VN_TZ) + dt.timedelta(
            minutes=rng.randrange(0, 570)
        )
        code, name, field = rng.choice(PROCEDURES)
        events = [DossierEvent(kind="received", at=t)]

        def step(hours: float) -> dt.datetime:
            nonlocal t
            t = t + dt.timedelta(hours=hours)
            return t

        r = rng.random()
        if r < 0.08:  # inter-agency
            events.append(
                DossierEvent(
                    kind="transferred",
                    at=step(1),
                    agency=rng.choice(AGENCIES),
                    allotment="02 ngày làm việc",
                )
            )
            events.append(DossierEvent(kind="transfer_returned", at=step(rng.uniform(4, 96))))
        elif r < 0.13:  # supplement
            events.append(DossierEvent(kind="supplement_requested", at=step(rng.uniform(1, 48))))
            events.append(DossierEvent(kind="supplement_received", at=step(rng.uniform(24, 120))))
        elif r < 0.15:  # extension
            events.append(
                DossierEvent(kind="extended", at=step(24), new_due=t + dt.timedelta(days=14))
            )
        end = rng.random()
        if end < 0.02:
            events.append(DossierEvent(kind="withdrawn", at=step(rng.uniform(1, 72))))
        elif end < 0.05 and day > dt.date(2026, 11, 15):
            pass  # still pending
        else:
            events.append(DossierEvent(kind="result_ready", at=step(rng.uniform(0.5, 200))))
            how = rng.random()
            kind = "returned" if how < 0.8 else "posted" if how < 0.95 else "delivered"
            events.append(DossierEvent(kind=kind, at=step(rng.uniform(1, 48))))
            if rng.random() < 0.5:
                rating = rng.choice(["very_satisfied", "satisfied", "satisfied", "dissatisfied"])
                events.append(DossierEvent(kind="rated", at=step(0.1), rating=rating))
        out.append(
            Dossier(
                code=f"000.00.01.H38-{day:%y%m%d}-{per_day[day]:04d}",
                procedure_code=code,
                procedure_name=name,
                field=field,
                lead_agency="UBND xã Tân Lập",
                applicant="Nguyễn Văn An",
                channel=rng.choice(["direct", "direct", "online", "postal"]),
                time_limit=rng.choices(list(LIMITS), weights=list(LIMITS.values()))[0],
                events=events,
            )
        )
    return out


def timed(fn):  # type: ignore[no-untyped-def]
    """(wall seconds, CPU seconds of this process, result) of one call."""
    w, c = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - w, time.process_time() - c, result


class FullCollections:
    """Counts the cyclic GC's full (generation 2) collections and their time, to say whether a
    figure includes one: with a year of dossiers in memory one costs about a second here, and
    when it falls is decided by everything allocated before (it is counted, not excluded)."""

    def __init__(self) -> None:
        self.count, self.seconds, self._start = 0, 0.0, 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.count += 1
            self.seconds += time.perf_counter() - self._start

    def since(self, mark: tuple[int, float]) -> str:
        n, s = self.count - mark[0], self.seconds - mark[1]
        return f"{n} full GC collection(s), {s:.2f} s" if n else "no full GC collection"

    def mark(self) -> tuple[int, float]:
        return self.count, self.seconds


def forget(d: Dossier) -> None:
    """Forget the dossier's last evaluation, to measure cold."""
    if "_memo" in getattr(type(d), "__slots__", ()):
        d._memo = None
    else:  # a tree from before Dossier became an object over DossierData
        d.__dict__.pop("_evaluation", None)


def build(ds: list[Dossier]) -> Register:
    reg = Register()
    reg.add_all(ds)
    return reg


def naive_months(
    ds: list[Dossier], as_of: dt.datetime
) -> dict[str, tuple[int, int, int, int, int]]:
    """The obvious way: one SLA clock status per dossier per month end (plus its appointment)."""
    out: dict[str, list[int]] = {}
    for m in Period.year(2026).months():
        cut = min(as_of, m.last_instant)
        c = [0, 0, 0, 0, 0]  # received, settled, early+on_time, pending, overdue
        for d in ds:
            if d.received_at > cut:
                continue
            d.appointment()  # the register's appointment column
            s = d.sla(as_of=cut)
            if m.start_at <= d.received_at:
                c[0] += 1
            if (
                s.completed_at is not None
                and s.withdrawn_at is None
                and m.start_at <= s.completed_at <= cut
            ):
                c[1] += 1
                c[2] += s.classification is not None and s.classification.value != "late"
            if s.completed_at is None and s.withdrawn_at is None:
                c[3] += 1
                c[4] += s.state is ClockState.BREACHED
        out[m.label] = c
    return {k: tuple(v) for k, v in out.items()}  # type: ignore[misc]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=100_000)
    ap.add_argument("--sample", type=int, default=5_000)
    ap.add_argument("--src", help="the source tree to import hcc from (default: this checkout's)")
    ap.add_argument(
        "--headline-only", action="store_true", help="stop after the three headline runs"
    )
    args = ap.parse_args()
    # December dossiers have due dates in 2027, a provisional year: one warning per report
    warnings.simplefilter("ignore", ProvisionalCalendarWarning)
    vietnam_calendar()  # built once per process, not part of the figures
    t0 = time.perf_counter()
    ds = generate(args.n)
    gen = time.perf_counter() - t0
    as_of = dt.datetime(2027, 1, 15, 12, 0, tzinfo=VN_TZ)
    year = Period.year(2026)
    import hcc

    print(f"hcc from {Path(hcc.__file__).parent}")
    print(
        f"dossiers: {len(ds):,} ({sum(len(d.events) for d in ds):,} events); generated and validated in {gen:.2f} s "
        f"({gen / len(ds) * 1e6:.0f} µs per dossier)"
    )

    full = FullCollections()

    def headline(label: str) -> Register:
        """build + rows + year + months, cold (no dossier evaluated yet)."""
        for d in ds:
            forget(d)
        mark = full.mark()
        phases = []
        w, c, reg = timed(lambda: build(ds))
        phases.append(("build", w, c))
        book = reg.book(2026)
        w, c, rows = timed(book.rows)
        phases.append(("rows", w, c))
        w, c, ind = timed(lambda: indicators(ds, year, as_of=as_of))
        phases.append(("year", w, c))
        w, c, _ = timed(lambda: group_indicators(ds, year, by="month", as_of=as_of))
        phases.append(("months", w, c))
        wall = sum(p[1] for p in phases)
        cpu = sum(p[2] for p in phases)
        detail = ", ".join(f"{name} {w:.2f}/{c:.2f}" for name, w, c in phases)
        print(
            f"BUILD AND REPORT, {label}: wall {wall:.2f} s, cpu {cpu:.2f} s  "
            f"(wall/cpu: {detail}; target < 2 s)"
            f"  [{len(rows):,} rows, on-time rate {float(ind.on_time_rate or 0):.3f}; "
            f"{full.since(mark)}]"
        )
        return reg

    headline("gc as is")
    if bulk_load is not None:
        with bulk_load():
            headline("inside bulk_load()")
    # the dossiers are long-lived data: freezing them out of the cyclic GC's scans is what a
    # service holding a year of dossiers in memory would do (gc.freeze(), Python >= 3.7)
    gc.collect()
    gc.freeze()
    reg = headline("after gc.freeze()")
    if args.headline_only:
        return
    book = reg.book(2026)
    for name, fn in [
        ("rows (warm)", book.rows),
        ("csv (warm)", book.to_csv),
        ("year (warm)", lambda: indicators(ds, year, as_of=as_of)),
        ("months (warm)", lambda: group_indicators(ds, year, by="month", as_of=as_of)),
        ("procedures", lambda: group_indicators(ds, year, by="procedure", as_of=as_of)),
    ]:
        w, c, _ = timed(fn)
        print(f"{name:16s} wall {w:.3f} s, cpu {c:.3f} s")

    sample = ds[: args.sample]
    t_naive, _, naive = timed(lambda: naive_months(sample, as_of))
    ours = group_indicators(sample, year, by="month", as_of=as_of)
    for label, (rec, settled, good, pend, over) in naive.items():  # type: ignore[attr-defined]
        o = ours[label]
        assert (rec, settled, good, pend, over) == (
            o.received,
            o.settled,
            o.early + o.on_time,
            o.pending,
            o.pending_overdue,
        ), label
    scaled = t_naive * len(ds) / len(sample)
    print(
        f"naive per-dossier clocks, months only, {len(sample):,} dossiers: {t_naive:.2f} s "
        f"-> {scaled:.1f} s for {len(ds):,} (same figures as hcc on the sample)"
    )
    for d in ds:
        forget(d)
    t_cold, _, _ = timed(lambda: group_indicators(ds, year, by="month", as_of=as_of))
    print(
        f"hcc months report, {len(ds):,} dossiers, cold: {t_cold:.2f} s; "
        f"naive / hcc: {scaled / t_cold:.0f}x"
    )


if __name__ == "__main__":
    main()
