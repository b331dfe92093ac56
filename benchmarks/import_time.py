"""Import time: ``python -c 'import hcc'`` against ``python -c 'import pydantic, holidays'``.

Run: ``python benchmarks/import_time.py [ROUNDS] [--src DIR ...]``. Each case is a fresh
interpreter; the rounds are interleaved so that a busy machine slows every case alike. Reported per
case: the process's CPU time (user + system, from ``os.wait4``; a loaded machine disturbs it less
than wall-clock time) and its wall-clock time, best and median of the rounds. The target (issue 17):
``import hcc`` at most 1.2x ``import pydantic, holidays``, measured in the same run.

Besides ``import hcc`` (which loads only ``hcc.errors`` and the version; every layer is imported on
first use), the cost of first use of each layer is shown (``import hcc.deadlines`` ...). With
``--src DIR`` (repeatable) the same cases are run against other source trees too (e.g. the tree
before a change), labelled by the folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
CASES = [
    ("python -c pass", "pass"),
    ("import pydantic, holidays", "import pydantic, holidays"),
    ("import hcc", "import hcc"),
    ("import hcc.calendar", "import hcc.calendar"),
    ("import hcc.deadlines", "import hcc.deadlines"),
    ("import hcc.procedures", "import hcc.procedures"),
    ("import hcc.documents", "import hcc.documents"),
    ("import hcc.dossiers", "import hcc.dossiers"),
]


def run(code: str, src: Path | None) -> tuple[float, float]:
    """(CPU ms, wall ms) of one fresh interpreter running ``code``."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = (time.perf_counter() - t) * 1000
    if status != 0:
        raise SystemExit(f"{code!r} failed (status {status}) with PYTHONPATH={src}")
    return (usage.ru_utime + usage.ru_stime) * 1000, wall


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("rounds", nargs="?", type=int, default=15)
    ap.add_argument("--src", action="append", default=[], help="another source tree to compare")
    args = ap.parse_args()
    trees = [("this tree", SRC)] + [(Path(s).resolve().parent.name, Path(s)) for s in args.src]
    cases: list[tuple[str, str, Path | None]] = []
    for label, code in CASES:
        if "hcc" not in code:
            cases.append((label, code, None))
            continue
        cases += [(f"{label} [{name}]", code, src) for name, src in trees]
    cpu: dict[str, list[float]] = {c[0]: [] for c in cases}
    wall: dict[str, list[float]] = {c[0]: [] for c in cases}
    for _ in range(args.rounds):
        for label, code, src in cases:
            c, w = run(code, src)
            cpu[label].append(c)
            wall[label].append(w)
    print(f"{args.rounds} rounds, interleaved; milliseconds per fresh interpreter")
    print(f"{'':40} {'CPU best':>9} {'median':>8} {'wall best':>10} {'median':>8}")
    for label, *_ in cases:
        print(
            f"{label:40} {min(cpu[label]):9.0f} {statistics.median(cpu[label]):8.0f} "
            f"{min(wall[label]):10.0f} {statistics.median(wall[label]):8.0f}"
        )
    base = statistics.median(cpu["import pydantic, holidays"])
    for name, _ in trees:
        ratio = statistics.median(cpu[f"import hcc [{name}]"]) / base
        verdict = "within" if ratio <= 1.2 else "OVER"
        print(
            f"import hcc [{name}] / import pydantic, holidays (CPU medians): {ratio:.2f} ({verdict} 1.2)"
        )


if __name__ == "__main__":
    main()
