"""Benchmark: rendering every document kind to PDF (WeasyPrint), per kind.

For each sample document of the default form set: the time of ``render(..., format="pdf")`` (best
and median of the rounds, after one warm-up that pays for fontconfig and the first font load),
beside the HTML rendering it starts from. The obvious alternative, the one the issue's app used,
is shelling out to a headless Chromium for each document; it is measured too when a ``chromium``
binary is on PATH. Run: ``python benchmarks/pdf.py [ROUNDS]``.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from hcc.documents import kinds, render, sample_context


def _timed(fn: Callable[[], object], rounds: int) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times), statistics.median(times)


def _chromium_print(html: str, chromium: str, work: Path) -> bytes:
    src = work / "doc.html"
    out = work / "doc.pdf"
    src.write_text(html, encoding="utf-8")
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={work / 'profile'}",
            f"--print-to-pdf={out}",
            src.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return out.read_bytes()


def main(rounds: int = 5) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    t = time.perf_counter()
    render("receipt", sample_context("receipt"), format="pdf")
    print(
        f"first PDF in the process (fontconfig, fonts): {(time.perf_counter() - t) * 1000:.0f} ms"
    )
    header = f"{'kind':26} {'html ms':>8} {'pdf best':>9} {'pdf median':>11} {'pdf/html':>9}"
    print(header + (f" {'chromium':>9}" if chromium else ""))
    totals = []
    for kind in kinds():
        ctx = sample_context(kind)
        html_best, _ = _timed(lambda k=kind, c=ctx: render(k, c, format="html"), rounds)
        best, median = _timed(lambda k=kind, c=ctx: render(k, c, format="pdf"), rounds)
        totals.append(median)
        line = f"{kind:26} {html_best * 1000:8.2f} {best * 1000:9.0f} {median * 1000:11.0f} {best / html_best:9.0f}"
        if chromium:
            html = render(kind, ctx, format="html")
            with tempfile.TemporaryDirectory() as tmp:
                c_best, _ = _timed(lambda h=html, d=Path(tmp): _chromium_print(h, chromium, d), 1)
            line += f" {c_best * 1000:8.0f} ({c_best / best:.1f}x)"
        print(line)
    print(f"median over kinds: {statistics.median(totals) * 1000:.0f} ms per PDF")
    if not chromium:
        print("no chromium on PATH: the headless-browser alternative was not measured")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
