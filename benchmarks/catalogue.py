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
from hcc.procedures import Procedure, bulk_load, default_catalogue, load_catalogue


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


def best_of(fn, repeat: int = 5) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times), statistics.median(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        path = make_file(n, Path(tmp))
        size = path.stat().st_size / 1e6
        load_catalogue(path)  # warm caches (schemas, time-limit phrases)
        hcc_best, hcc_med = best_of(lambda: load_catalogue(path))
        bulk_best, bulk_med = best_of(lambda: _in_bulk_load(path))
        alt_best, alt_med = best_of(lambda: alternative(path))
    print(f"{n} procedures, {size:.1f} MB of JSON")
    print(f"hcc.load_catalogue        best {hcc_best:.3f} s  median {hcc_med:.3f} s")
    print(f"  inside bulk_load()       best {bulk_best:.3f} s  median {bulk_med:.3f} s")
    print(f"json.load + model_validate best {alt_best:.3f} s  median {alt_med:.3f} s")
    print(f"ratio (alternative / hcc): {alt_best / hcc_best:.2f}x")


if __name__ == "__main__":
    main()
