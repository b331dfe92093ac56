"""Durable dossier codes (issue 13, point 8) and the allocator's edges (point 7).

The SQLite store is tested on real files; the PostgreSQL store on the server named by
``HCC_TEST_POSTGRES_DSN`` (``.ci/run`` starts one with ``.ci/start-postgres``). Several processes
allocate at once, and a process is killed between allocations and restarted: no code is issued
twice.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hcc.dossiers import Dossier
from hcc.errors import CounterStoreError, DossierCodeError, HccError
from hcc.procedures import (
    MAX_SERIAL,
    CounterStore,
    DossierCode,
    DossierCodeAllocator,
    MemoryCounterStore,
    PostgresCounterStore,
    SQLiteCounterStore,
)

UNIT = "000.00.01.H38"
DAY = dt.date(2026, 3, 2)
SRC = str(Path(__file__).resolve().parents[1] / "src")
DSN = os.environ.get("HCC_TEST_POSTGRES_DSN")
NO_SERVER = (
    "no PostgreSQL server: HCC_TEST_POSTGRES_DSN is not set (.ci/run starts one with "
    '.ci/start-postgres; run `eval "$(.ci/start-postgres)"` to test locally)'
)


# ---------------------------------------------------------------------- the allocator's edges
@pytest.mark.parametrize(
    "unit",
    [
        "000.00.01.H38\n",  # the input: "$" matched before the newline
        "000.00.01.H38\r\n",
        "\n000.00.01.H38",
        "000.00.01.H38 ",
        "000.00.01.h38",
        "٠٠٠.00.01.H38",  # Arabic-Indic digits
        "０００.00.01.H38",  # full-width digits
        "000.00.01.H38-260302-0001",
        "",
    ],
)
def test_allocator_refuses_a_malformed_unit(unit: str) -> None:
    with pytest.raises(DossierCodeError) as info:
        DossierCodeAllocator(unit)
    assert repr(unit) in str(info.value)


@pytest.mark.parametrize(
    "code",
    [
        "000.00.01.H38-٢٦٠٣٠٢-0001",  # Arabic-Indic digits in the date
        "000.00.01.H38-260302-０００１",  # full-width serial
        "000.00.01.H38-260302-0001\n-",
    ],
)
def test_parse_takes_ascii_digits_only(code: str) -> None:
    with pytest.raises(DossierCodeError):
        DossierCode.parse(code)


def test_allocator_refuses_a_bad_day_without_taking_a_serial() -> None:
    alloc = DossierCodeAllocator(UNIT)
    for bad in (dt.date(2100, 1, 1), dt.date(1999, 12, 31)):
        with pytest.raises(DossierCodeError, match="2000-2099"):
            alloc.allocate(bad)
        assert alloc.last_serial(bad) == 0
    with pytest.raises(ValueError, match="received_at"):
        alloc.allocate("not a date")
    assert alloc.allocate(DAY).serial == 1


def test_a_failed_receipt_does_not_burn_a_serial() -> None:
    alloc = DossierCodeAllocator(UNIT)
    fields = {
        "procedure_code": "2.000815",
        "procedure_name": "Chứng thực bản sao từ bản chính",
        "lead_agency": "UBND xã",
        "applicant": "Nguyễn Văn An",
        "at": dt.datetime(2026, 3, 2, 9, 0),
    }
    with pytest.raises(ValueError, match="time_limit"):
        Dossier.receive(allocator=alloc, time_limit="không phải thời hạn", **fields)
    with pytest.raises(ValueError, match="applicant"):
        Dossier.receive(allocator=alloc, time_limit="Trong ngày", **(fields | {"applicant": ""}))
    assert alloc.last_serial(DAY) == 0
    d = Dossier.receive(allocator=alloc, time_limit="Trong ngày", **fields)
    assert str(d.code) == "000.00.01.H38-260302-0001"
    assert alloc.last_serial(DAY) == 1


def test_the_last_serial_of_a_day_is_9999_then_an_error() -> None:
    alloc = DossierCodeAllocator(UNIT, issued=[f"{UNIT}-260302-9998"])
    assert alloc.allocate(DAY).serial == MAX_SERIAL
    with pytest.raises(DossierCodeError, match="9999 serials"):
        alloc.allocate(DAY)
    assert alloc.last_serial(DAY) == MAX_SERIAL


def test_without_a_store_a_restarted_allocator_starts_again_at_0001() -> None:
    # documented: the in-memory default keeps nothing across restarts
    assert DossierCodeAllocator(UNIT).allocate(DAY).serial == 1
    assert DossierCodeAllocator(UNIT).allocate(DAY).serial == 1


def test_store_must_be_a_counter_store() -> None:
    with pytest.raises(DossierCodeError, match="CounterStore"):
        DossierCodeAllocator(UNIT, store={})  # type: ignore[arg-type]


# ---------------------------------------------------------------------- stores
@pytest.fixture
def pg_table() -> Iterator[str]:
    if not DSN:
        pytest.skip(NO_SERVER)
    import psycopg

    table = f"hcc_test_{uuid.uuid4().hex[:12]}"
    yield table
    with psycopg.connect(DSN, autocommit=True) as conn:
        conn.execute(f"DROP TABLE IF EXISTS {table}")


StoreFactory = Callable[[], CounterStore]


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> StoreFactory:
    """A factory of stores that share their data (a 'restart' is a new store object)."""
    if request.param == "memory":
        shared = MemoryCounterStore()
        return lambda: shared
    if request.param == "sqlite":
        path = tmp_path / "serials.db"
        return lambda: SQLiteCounterStore(path)
    table = request.getfixturevalue("pg_table")
    assert DSN is not None
    return lambda: PostgresCounterStore(DSN, table=table)


def test_store_protocol(make_store: StoreFactory) -> None:
    store = make_store()
    assert isinstance(store, CounterStore)
    assert store.last_serial(UNIT, DAY) == 0
    assert [store.next_serial(UNIT, DAY, 3) for _ in range(4)] == [1, 2, 3, None]
    assert store.last_serial(UNIT, DAY) == 3
    # other units and days have their own counters
    assert store.next_serial("000.00.02.H38", DAY, 9999) == 1
    assert store.next_serial(UNIT, DAY + dt.timedelta(days=1), 9999) == 1
    # observe raises, never lowers
    store.observe(UNIT, DAY, 10)
    store.observe(UNIT, DAY, 5)
    again = make_store()
    assert again.last_serial(UNIT, DAY) == 10
    assert again.next_serial(UNIT, DAY, 9999) == 11
    store.observe("000.00.03.H38", DAY, 4)
    assert again.next_serial("000.00.03.H38", DAY, 9999) == 5
    assert again.next_serial(UNIT, DAY, 0) is None


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda s: s.next_serial(None, DAY, 9999), "unit"),
        (lambda s: s.next_serial(UNIT, "2026-03-02", 9999), "day"),
        (lambda s: s.next_serial(UNIT, dt.datetime(2026, 3, 2), 9999), "day"),
        (lambda s: s.next_serial(UNIT, DAY, True), "maximum"),
        (lambda s: s.next_serial(UNIT, DAY, 2**40), "maximum"),
        (lambda s: s.observe(UNIT, DAY, -1), "serial"),
        (lambda s: s.observe(UNIT, DAY, 1.5), "serial"),
        (lambda s: s.last_serial("", DAY), "unit"),
    ],
)
def test_store_arguments_are_checked(
    make_store: StoreFactory, call: Callable[[CounterStore], object], field: str
) -> None:
    store = make_store()
    with pytest.raises(ValueError, match=field) as info:
        call(store)
    assert isinstance(info.value, HccError)
    assert store.last_serial(UNIT, DAY) == 0


def test_allocator_on_a_store_continues_after_a_restart(make_store: StoreFactory) -> None:
    first = DossierCodeAllocator(UNIT, store=make_store())
    assert [first.allocate(DAY).serial for _ in range(3)] == [1, 2, 3]
    restarted = DossierCodeAllocator(UNIT, store=make_store())
    assert str(restarted.allocate(DAY)) == "000.00.01.H38-260302-0004"
    assert restarted.last_serial(DAY) == 4


def test_threads_share_a_store_without_duplicates(make_store: StoreFactory) -> None:
    store = make_store()
    got: list[int] = []
    lock = threading.Lock()

    def work() -> None:
        alloc = DossierCodeAllocator(UNIT, store=store)
        mine = [alloc.allocate(DAY).serial for _ in range(25)]
        with lock:
            got.extend(mine)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(got) == list(range(1, 201))


def test_sqlite_store_refuses_an_unusable_path(tmp_path: Path) -> None:
    with pytest.raises(CounterStoreError) as info:
        SQLiteCounterStore(tmp_path / "no" / "such" / "folder" / "serials.db")
    assert isinstance(info.value, HccError)
    assert isinstance(info.value, RuntimeError)
    with pytest.raises(CounterStoreError, match="identifier"):
        SQLiteCounterStore(tmp_path / "s.db", table="x; DROP TABLE y")


def test_sqlite_store_waits_for_a_writer_then_reports_a_timeout(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "serials.db"
    store = SQLiteCounterStore(path, timeout=0.2)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        with pytest.raises(CounterStoreError, match="locked"):
            store.next_serial(UNIT, DAY, 9999)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert store.next_serial(UNIT, DAY, 9999) == 1  # nothing was taken by the refused call


def test_postgres_store_unreachable_server_is_a_store_error() -> None:
    with pytest.raises(CounterStoreError, match="postgresql"):
        PostgresCounterStore("host=127.0.0.1 port=1 dbname=x connect_timeout=2")


_OPS = st.lists(
    st.tuples(
        st.sampled_from(["next", "observe", "last"]),
        st.sampled_from(["000.00.01.H38", "000.00.02.H38"]),
        st.sampled_from([DAY, DAY + dt.timedelta(days=1)]),
        st.integers(0, 12),
    ),
    max_size=15,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=_OPS)
def test_sqlite_store_behaves_as_the_model(
    ops: list[tuple[str, str, dt.date, int]], tmp_path: Path
) -> None:
    """Any sequence of calls gives the answers of a plain dict (the protocol's meaning)."""
    store = SQLiteCounterStore(tmp_path / f"{uuid.uuid4().hex}.db")
    model: dict[tuple[str, dt.date], int] = {}
    for op, unit, day, n in ops:
        last = model.get((unit, day), 0)
        if op == "next":
            expected = None if last >= n else last + 1
            if expected is not None:
                model[(unit, day)] = expected
            assert store.next_serial(unit, day, n) == expected
        elif op == "observe":
            model[(unit, day)] = max(last, n)
            store.observe(unit, day, n)
        else:
            assert store.last_serial(unit, day) == last
    store.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork is POSIX only")
@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_a_forked_child_uses_its_own_connection_and_leaves_the_parents(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if kind == "sqlite":
        store: CounterStore = SQLiteCounterStore(tmp_path / "serials.db")
    else:
        table = request.getfixturevalue("pg_table")
        assert DSN is not None
        store = PostgresCounterStore(DSN, table=table)
    alloc = DossierCodeAllocator(UNIT, store=store)
    assert alloc.allocate(DAY).serial == 1  # the parent's connection is open now
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        code = 1
        try:
            os.write(write, str(alloc.allocate(DAY).serial).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    _, status = os.waitpid(pid, 0)
    child = os.read(read, 100).decode()
    os.close(read)
    assert os.waitstatus_to_exitcode(status) == 0
    assert child == "2"
    assert alloc.allocate(DAY).serial == 3  # the parent's session still works
    getattr(store, "close", lambda: None)()


# ---------------------------------------------------------------------- processes
_WORKER = textwrap.dedent(
    """
    import datetime as dt, sys
    from hcc.procedures import DossierCodeAllocator, PostgresCounterStore, SQLiteCounterStore
    kind, where, table, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    store = (
        SQLiteCounterStore(where) if kind == "sqlite" else PostgresCounterStore(where, table=table)
    )
    alloc = DossierCodeAllocator("000.00.01.H38", store=store)
    print("ready", flush=True)
    for _ in range(count):
        print(alloc.allocate(dt.date(2026, 3, 2)), flush=True)
    """
)


def _store_args(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> list[str]:
    if kind == "sqlite":
        path = tmp_path / "serials.db"
        SQLiteCounterStore(path)  # create the table once, before the race
        return ["sqlite", str(path), "-"]
    table = request.getfixturevalue("pg_table")
    assert DSN is not None
    PostgresCounterStore(DSN, table=table).close()
    return ["postgres", DSN, table]


def _spawn(args: list[str], count: int) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=SRC)
    return subprocess.Popen(
        [sys.executable, "-c", _WORKER, *args, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_four_processes_allocating_at_once_never_share_a_code(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    args = _store_args(kind, tmp_path, request)
    procs = [_spawn(args, 200) for _ in range(4)]
    codes: list[str] = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        lines = out.split()
        assert lines[0] == "ready"
        assert len(lines) == 201
        codes += lines[1:]
    assert len(set(codes)) == len(codes) == 800
    serials = sorted(DossierCode.parse(c).serial for c in codes)
    assert serials == list(range(1, 801))  # no duplicate and, with no failure, no gap


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_a_process_killed_between_allocations_continues_after_restart(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    args = _store_args(kind, tmp_path, request)
    victim = _spawn(args, 100_000)
    assert victim.stdout is not None
    assert victim.stdout.readline().strip() == "ready"
    before = [victim.stdout.readline().strip() for _ in range(50)]
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    rest, _ = victim.communicate(timeout=30)  # codes printed before the kill landed
    before += rest.split()
    assert victim.returncode == -signal.SIGKILL
    restarted = _spawn(args, 50)
    out, err = restarted.communicate(timeout=300)
    assert restarted.returncode == 0, err
    after = out.split()[1:]
    assert len(after) == 50
    assert not set(before) & set(after)
    # the restarted process continues after every serial the killed one handed out
    assert min(DossierCode.parse(c).serial for c in after) > max(
        DossierCode.parse(c).serial for c in before
    )
