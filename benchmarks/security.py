"""Cost of the safety measures of issue 13, each against the obvious unsafe alternative.

* dossier-code allocation: memory store vs SQLite (durable: one fsynced transaction per code) vs
  PostgreSQL (when ``HCC_TEST_POSTGRES_DSN`` names a server);
* the atomic write (temp file, fsync, rename, fsync the folder) vs ``Path.write_bytes``;
* the formula-safe CSV of a register vs the raw CSV;
* a document rendered in the sandbox vs a plain Jinja2 environment (same template).

Run: ``python benchmarks/security.py``. Prints per-operation times and ratios; a recorded run is in
docs/performance.md. Ratios, not absolute times, are what to compare (fsync costs depend on the disk).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import timeit
from pathlib import Path

import jinja2

from hcc._io import atomic_write_bytes
from hcc.documents import rendering, sample_context
from hcc.dossiers import Dossier, RegisterBook
from hcc.procedures import (
    DossierCodeAllocator,
    MemoryCounterStore,
    PostgresCounterStore,
    SQLiteCounterStore,
)

DAY = dt.date(2026, 3, 2)


def best(fn, number: int, repeat: int = 3) -> float:
    """Best-of-``repeat`` seconds per call of ``fn``."""
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def allocation(folder: Path) -> None:
    print("dossier-code allocation (one code)")
    memory = DossierCodeAllocator("000.00.01.H38", store=MemoryCounterStore())
    t_mem = best(lambda: memory.allocate(DAY), 2000)
    print(f"  memory store      {t_mem * 1e6:9.1f} µs")
    sqlite = DossierCodeAllocator("000.00.01.H38", store=SQLiteCounterStore(folder / "s.db"))
    t_sql = best(lambda: sqlite.allocate(DAY), 100)
    print(f"  SQLite store      {t_sql * 1e6:9.1f} µs   ({t_sql / t_mem:,.0f}x memory)")
    dsn = os.environ.get("HCC_TEST_POSTGRES_DSN")
    if dsn:
        table = f"hcc_bench_{os.getpid()}"
        with PostgresCounterStore(dsn, table=table) as store:
            pg = DossierCodeAllocator("000.00.01.H38", store=store)
            t_pg = best(lambda: pg.allocate(DAY), 200)
            print(f"  PostgreSQL store  {t_pg * 1e6:9.1f} µs   ({t_pg / t_mem:,.0f}x memory)")
            store._run(f"DROP TABLE {table}", ())
    else:
        print("  PostgreSQL store  (skipped: HCC_TEST_POSTGRES_DSN is not set)")


def writes(folder: Path) -> None:
    print("writing a 5 MB catalogue")
    data = b"x" * 5_000_000
    target = folder / "catalogue.json"
    t_plain = best(lambda: target.write_bytes(data), 10)
    t_atomic = best(lambda: atomic_write_bytes(target, data), 10)
    print(f"  Path.write_bytes  {t_plain * 1e3:9.2f} ms")
    print(f"  atomic write      {t_atomic * 1e3:9.2f} ms   ({t_atomic / t_plain:.1f}x)")


def csv_export() -> None:
    print("register CSV, 2,000 rows")
    book = RegisterBook(2026)
    for i in range(1, 2001):
        book.add(
            Dossier.receive(
                code=f"000.00.01.H38-260302-{i:04d}",
                procedure_code="2.000815",
                procedure_name="Chứng thực bản sao từ bản chính",
                lead_agency="UBND xã",
                applicant="=1+1" if i % 10 == 0 else f"Nguyễn Văn {i}",
                phone="+84 912 345 678",
                time_limit="Trong ngày",
                at=dt.datetime(2026, 3, 2, 8, 0) + dt.timedelta(seconds=i),
            )
        )
    book.to_csv()  # warm the memos
    t_raw = best(lambda: book.to_csv(formula_safe=False), 5)
    t_safe = best(lambda: book.to_csv(), 5)
    print(f"  raw               {t_raw * 1e3:9.2f} ms")
    print(f"  formula-safe      {t_safe * 1e3:9.2f} ms   ({t_safe / t_raw:.2f}x)")


def sandbox() -> None:
    print("rendering a receipt slip (HTML)")
    ctx = sample_context("receipt")
    t_sandbox = best(lambda: rendering.render("receipt", ctx, format="html"), 50)
    plain = rendering._environment.__wrapped__(None)  # the same set-up, then swapped to plain
    env = jinja2.Environment(
        loader=plain.loader,
        undefined=jinja2.StrictUndefined,
        autoescape=plain.autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(plain.globals)
    env.filters.update(plain.filters)
    original = rendering._environment
    rendering._environment = lambda _dir: env  # type: ignore[assignment]
    try:
        t_plain = best(lambda: rendering.render("receipt", ctx, format="html"), 50)
    finally:
        rendering._environment = original
    print(f"  plain Environment {t_plain * 1e3:9.2f} ms")
    print(f"  sandbox           {t_sandbox * 1e3:9.2f} ms   ({t_sandbox / t_plain:.2f}x)")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        allocation(Path(tmp))
        writes(Path(tmp))
    csv_export()
    sandbox()
