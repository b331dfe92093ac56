"""Benchmark: load and validate a catalogue of 10,000 procedures.

Compares ``hcc.procedures.load_catalogue`` (one pydantic pass over the whole JSON text, then the
cross-record checks) with the obvious alternative: ``json.load`` and ``Procedure.model_validate`` per
record, plus a hand-written duplicate/fee-reference check. Both build the same validated records.
``load_catalogue`` is timed as it is (the default path) and inside the opt-in
``hcc.procedures.bulk_load()`` (the cyclic garbage collector paused during the load).

The records are copies of the embedded default catalogue's records (real sizes, ~2.7 kB each in
JSON), renumbered. Run: ``python benchmarks/catalogue.py [N]``.
"""

from __future__ import annotations

import copy
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from hcc.fees import standard_fee_schedules
from hcc.procedures import Procedure, default_catalogue, load_catalogue

try:
    from hcc.procedures import bulk_load
except ImportError:  # a tree from before bulk_load (run for a before/after comparison)
    bulk_load = None  # type: ignore[assignment]


def make_file(n: int, directory: Path) -> Path:
    doc = default_catalogue().to_dict()
    base = doc["procedures"]
    procs = []
    for i in range(n):
        p = copy.deepcopy(base[i % len(base)])
        p["code"] = f"9.{i:06d}"
        p.pop("valid_from", None)
        p.pop("valid_to", None)
        procs.append(p)
    doc["procedures"] = procs
    path = directory / f"catalogue-{n}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def alternative(path: Path) -> list[Procedure]:
    with path.open(encoding="utf-8") as fh:
        doc = json.load(fh)
    known = set(standard_fee_schedules()) | {s["id"] for s in doc.get("fee_schedules", [])}
    out, seen = [], set()
    for rec in doc["procedures"]:
        p = Procedure.model_validate(rec)
        if p.code in seen:
            raise ValueError(f"duplicate {p.code}")
        seen.add(p.code)
        for ch in p.channels:
            if ch.fee_schedule is not None and ch.fee_schedule not in known:
                raise ValueError(f"unknown fee {ch.fee_schedule}")
        out.append(p)
    return out


def _in_bulk_load(path: Path) -> object:
    """The opt-in path: the cyclic GC paused around the load (hcc.procedures.bulk_load)."""
    with bulk_load():
        return load_catalogue(path)


def interleaved(fns: dict[str, object], repeat: int = 5) -> dict[str, list[tuple[float, float]]]:
    """(wall s, CPU s) of every run of each function, the runs interleaved so that a busy machine
    slows every contender alike. CPU time (of this process) is what a loaded machine disturbs least.
    """
    out: dict[str, list[tuple[float, float]]] = {k: [] for k in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            w, c = time.perf_counter(), time.process_time()
            fn()  # type: ignore[operator]
            out[name].append((time.perf_counter() - w, time.process_time() - c))
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        path = make_file(n, Path(tmp))
        size = path.stat().st_size / 1e6
        load_catalogue(path)  # warm caches (schemas, time-limit phrases)
        runs = interleaved(
            {
                "hcc.load_catalogue (default)": lambda: load_catalogue(path),
                **(
                    {"  inside bulk_load() (opt-in)": lambda: _in_bulk_load(path)}
                    if bulk_load
                    else {}
                ),
                "json.load + model_validate": lambda: alternative(path),
            }
        )
    print(f"{n} procedures, {size:.1f} MB of JSON; seconds, best and median of 5 interleaved runs")
    print(f"{'':32} {'CPU best':>9} {'median':>8} {'wall best':>10} {'median':>8}")
    for name, times in runs.items():
        walls, cpus = [t[0] for t in times], [t[1] for t in times]
        print(
            f"{name:32} {min(cpus):9.3f} {statistics.median(cpus):8.3f} "
            f"{min(walls):10.3f} {statistics.median(walls):8.3f}"
        )
    hcc = statistics.median(t[1] for t in runs["hcc.load_catalogue (default)"])
    alt = statistics.median(t[1] for t in runs["json.load + model_validate"])
    print(f"ratio (alternative / hcc, CPU medians): {alt / hcc:.2f}x; target: hcc under 1 s")


if __name__ == "__main__":
    main()
