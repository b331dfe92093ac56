"""Where a [`DossierCodeAllocator`][hcc.procedures.DossierCodeAllocator] keeps its daily serials.

A store holds, for each (receiving unit, day), the last serial handed out. Three are provided:

* [`MemoryCounterStore`][MemoryCounterStore]: a dict in the process (the default). Nothing survives the process: a
  restarted program hands out ``0001`` again unless it is told the codes already issued
  (``issued=`` or [`observe`][hcc.procedures.DossierCodeAllocator.observe]), and two processes of one
  unit issue the same codes. Fine for tests, demos and a single process that re-reads its register
  at start-up.
* [`SQLiteCounterStore`][SQLiteCounterStore]: one SQLite file (standard library). Each allocation is one
  ``BEGIN IMMEDIATE`` transaction (the write lock is taken before the serial is read), committed
  with SQLite's default ``synchronous=FULL``: safe across threads and processes on one machine, and
  across restarts and kills (a serial is either committed, and never handed out again, or not
  handed out at all). The embedded default for durable use.
* [`PostgresCounterStore`][PostgresCounterStore]: a table in PostgreSQL (the ``postgres`` extra, psycopg 3). Each
  allocation is one ``INSERT ... ON CONFLICT DO UPDATE ... RETURNING`` statement in its own
  transaction: safe across machines.

A store of your own (Redis, your register's database) implements [`CounterStore`][CounterStore]: three
methods, each atomic.

>>> import datetime as dt, pathlib, tempfile
>>> store = SQLiteCounterStore(pathlib.Path(tempfile.mkdtemp()) / "serials.db")
>>> [store.next_serial("000.00.15.H38", dt.date(2026, 1, 5), 9999) for _ in range(3)]
[1, 2, 3]
>>> SQLiteCounterStore(store.path).last_serial("000.00.15.H38", dt.date(2026, 1, 5))  # reopened
3
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
import threading
from typing import Any, Protocol, runtime_checkable

from hcc.calendar import InvalidInputError
from hcc.errors import CounterStoreError, MissingExtraError

__all__ = ["CounterStore", "MemoryCounterStore", "PostgresCounterStore", "SQLiteCounterStore"]

_TABLE_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")


@runtime_checkable
class CounterStore(Protocol):
    """The last serial of each (unit, day), changed atomically. Implement it for your own store.

    Every method is atomic with respect to every other caller of the same store, in any thread or
    process: [`next_serial`][next_serial] never returns one serial twice for one (unit, day).

    >>> isinstance(MemoryCounterStore(), CounterStore)
    True
    """

    def next_serial(self, unit: str, day: dt.date, maximum: int) -> int | None:
        """Take the next serial (the last one + 1) of ``unit`` on ``day`` and return it; return
        None and change nothing when the last one is already ``maximum`` or more."""
        ...

    def observe(self, unit: str, day: dt.date, serial: int) -> None:
        """Raise the last serial of ``unit`` on ``day`` to ``serial`` (never lower it)."""
        ...

    def last_serial(self, unit: str, day: dt.date) -> int:
        """The last serial of ``unit`` on ``day`` (0 when none was handed out)."""
        ...


class MemoryCounterStore:
    """Serials in a dict of this process, guarded by a lock (the allocator's default).

    Lost when the process ends; see the module docstring.

    >>> store = MemoryCounterStore()
    >>> store.observe("000.00.15.H38", dt.date(2026, 1, 5), 41)
    >>> store.next_serial("000.00.15.H38", dt.date(2026, 1, 5), 9999)
    42
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last: dict[tuple[str, dt.date], int] = {}

    def __repr__(self) -> str:
        return f"<MemoryCounterStore, {len(self._last)} day(s)>"

    def next_serial(self, unit: str, day: dt.date, maximum: int) -> int | None:
        """See [`CounterStore.next_serial`][CounterStore.next_serial].

        >>> MemoryCounterStore().next_serial("000.00.15.H38", dt.date(2026, 1, 5), 0) is None
        True
        """
        _args(unit, day, maximum, "maximum")
        key = (unit, day)
        with self._lock:
            last = self._last.get(key, 0)
            if last >= maximum:
                return None
            self._last[key] = last + 1
            return last + 1

    def observe(self, unit: str, day: dt.date, serial: int) -> None:
        """See [`CounterStore.observe`][CounterStore.observe].

        >>> s = MemoryCounterStore(); s.observe("U", dt.date(2026, 1, 5), 3); s.observe("U", dt.date(2026, 1, 5), 2)
        >>> s.last_serial("U", dt.date(2026, 1, 5))
        3
        """
        _args(unit, day, serial, "serial")
        key = (unit, day)
        with self._lock:
            if serial > self._last.get(key, 0):
                self._last[key] = serial

    def last_serial(self, unit: str, day: dt.date) -> int:
        """See [`CounterStore.last_serial`][CounterStore.last_serial].

        >>> MemoryCounterStore().last_serial("U", dt.date(2026, 1, 5))
        0
        """
        _args(unit, day, 0, "serial")
        with self._lock:
            return self._last.get((unit, day), 0)


def _args(unit: object, day: object, n: object, name: str) -> None:
    """Check a store call's arguments (the allocator passes good ones; direct callers may not)."""
    if not isinstance(unit, str) or not unit:
        raise InvalidInputError("unit", unit, "a receiving unit's code (a non-empty str)")
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise InvalidInputError("day", day, "a datetime.date")
    if not isinstance(n, int) or isinstance(n, bool) or not 0 <= n <= 2**31 - 1:
        raise InvalidInputError(name, n, "an int in 0..2147483647")


def _table(name: str) -> str:
    if not isinstance(name, str) or not _TABLE_RE.fullmatch(name):
        raise CounterStoreError(
            repr(name), "table must be an SQL identifier (letters, digits, _; 63 at most)"
        )
    return name


class SQLiteCounterStore:
    """Serials in an SQLite file, safe across threads, processes and restarts on one machine.

    ``path`` is the database file (created with its table when missing, in WAL mode);
    ``table`` the table's name; ``timeout`` how long (seconds) an allocation waits for another
    writer's lock before [`hcc.errors.CounterStoreError`][hcc.errors.CounterStoreError]. Each allocation is one
    ``BEGIN IMMEDIATE`` transaction committed with ``synchronous=FULL`` (fsynced before the serial
    is returned). Each thread of each process uses its own connection, opened on first use (a
    ``fork``ed child opens its own). Put the file on a local disk: SQLite's locks are unreliable on
    network file systems (use [`PostgresCounterStore`][PostgresCounterStore] across machines).

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "serials.db"
    >>> with SQLiteCounterStore(path) as store:
    ...     store.next_serial("000.00.15.H38", dt.date(2026, 1, 5), 9999)
    1

    Raises:
        CounterStoreError: the file cannot be opened or created, or ``table`` is not an identifier.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        table: str = "hcc_dossier_serials",
        timeout: float = 30.0,
    ) -> None:
        if not isinstance(path, str | os.PathLike):
            raise InvalidInputError("path", path, "a str or os.PathLike (the SQLite file)")
        self.path = os.fspath(path)
        self.table = _table(table)
        self.timeout = float(timeout)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._conns: list[tuple[int, sqlite3.Connection]] = []
        conn = self._connection()
        try:
            conn.execute("PRAGMA journal_mode=WAL")  # one fsync per commit; kept in the file
            with self._transaction() as c:
                c.execute(
                    f"CREATE TABLE IF NOT EXISTS {self.table} (unit TEXT NOT NULL,"
                    " day TEXT NOT NULL, last_serial INTEGER NOT NULL, PRIMARY KEY (unit, day))"
                )
        except sqlite3.Error as exc:
            raise CounterStoreError(f"sqlite:{self.path}", str(exc)) from None

    def __repr__(self) -> str:
        return f"<SQLiteCounterStore {self.path!r} table={self.table}>"

    def __enter__(self) -> SQLiteCounterStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # interpreter shutdown: modules may be gone
            self.close()

    def close(self) -> None:
        """Close the connections this process opened (call it when no thread uses the store; a
        later call opens new ones). Also done when the store is garbage-collected.

        >>> import pathlib, tempfile
        >>> store = SQLiteCounterStore(pathlib.Path(tempfile.mkdtemp()) / "s.db")
        >>> store.close(); store.last_serial("U", dt.date(2026, 1, 5))
        0
        """
        pid = os.getpid()
        with self._lock:
            conns, self._conns = self._conns, []
            self._local = threading.local()
        for owner, conn in conns:
            if owner == pid:
                conn.close()

    def _connection(self) -> sqlite3.Connection:
        pid = os.getpid()
        got: tuple[int, sqlite3.Connection] | None = getattr(self._local, "conn", None)
        if got is not None and got[0] == pid:
            return got[1]
        try:
            # isolation_level=None: no implicit transactions, each method opens its own
            conn = sqlite3.connect(
                self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False
            )
            conn.execute("PRAGMA synchronous=FULL")
        except sqlite3.Error as exc:
            raise CounterStoreError(f"sqlite:{self.path}", str(exc)) from None
        self._local.conn = (pid, conn)
        with self._lock:
            self._conns.append((pid, conn))
        return conn

    def _transaction(self) -> _SQLiteTransaction:
        return _SQLiteTransaction(self)

    def next_serial(self, unit: str, day: dt.date, maximum: int) -> int | None:
        """See [`CounterStore.next_serial`][CounterStore.next_serial]: one ``BEGIN IMMEDIATE`` transaction.

        >>> import pathlib, tempfile
        >>> s = SQLiteCounterStore(pathlib.Path(tempfile.mkdtemp()) / "s.db")
        >>> s.next_serial("U", dt.date(2026, 1, 5), 1), s.next_serial("U", dt.date(2026, 1, 5), 1)
        (1, None)
        """
        _args(unit, day, maximum, "maximum")
        with self._transaction() as conn:
            last = _sqlite_last(conn, self.table, unit, day)
            if last >= maximum:
                return None
            conn.execute(
                f"INSERT OR REPLACE INTO {self.table} (unit, day, last_serial) VALUES (?, ?, ?)",
                (unit, day.isoformat(), last + 1),
            )
            return last + 1

    def observe(self, unit: str, day: dt.date, serial: int) -> None:
        """See [`CounterStore.observe`][CounterStore.observe].

        >>> import pathlib, tempfile
        >>> s = SQLiteCounterStore(pathlib.Path(tempfile.mkdtemp()) / "s.db")
        >>> s.observe("U", dt.date(2026, 1, 5), 7); s.last_serial("U", dt.date(2026, 1, 5))
        7
        """
        _args(unit, day, serial, "serial")
        with self._transaction() as conn:
            if serial > _sqlite_last(conn, self.table, unit, day):
                conn.execute(
                    f"INSERT OR REPLACE INTO {self.table} (unit, day, last_serial)"
                    " VALUES (?, ?, ?)",
                    (unit, day.isoformat(), serial),
                )

    def last_serial(self, unit: str, day: dt.date) -> int:
        """See [`CounterStore.last_serial`][CounterStore.last_serial].

        >>> import pathlib, tempfile
        >>> SQLiteCounterStore(pathlib.Path(tempfile.mkdtemp()) / "s.db").last_serial("U", dt.date(2026, 1, 5))
        0

        Raises:
            CounterStoreError: the database cannot be read.
        """
        _args(unit, day, 0, "serial")
        try:
            return _sqlite_last(self._connection(), self.table, unit, day)
        except sqlite3.Error as exc:
            raise CounterStoreError(f"sqlite:{self.path}", str(exc)) from None


def _sqlite_last(conn: sqlite3.Connection, table: str, unit: str, day: dt.date) -> int:
    row = conn.execute(
        f"SELECT last_serial FROM {table} WHERE unit = ? AND day = ?", (unit, day.isoformat())
    ).fetchone()
    return int(row[0]) if row else 0


class _SQLiteTransaction:
    """``with``: this thread's connection in a ``BEGIN IMMEDIATE`` transaction, committed on
    success, rolled back on any error (SQLite errors become [`CounterStoreError`][CounterStoreError])."""

    def __init__(self, store: SQLiteCounterStore) -> None:
        self.store = store
        self.conn: sqlite3.Connection | None = None

    def __enter__(self) -> sqlite3.Connection:
        conn = self.store._connection()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise CounterStoreError(f"sqlite:{self.store.path}", str(exc)) from None
        self.conn = conn
        return conn

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> None:
        conn = self.conn
        assert conn is not None
        try:
            conn.execute("COMMIT" if exc is None else "ROLLBACK")
        except sqlite3.Error as err:
            if exc is None:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise CounterStoreError(f"sqlite:{self.store.path}", str(err)) from None
        if isinstance(exc, sqlite3.Error):
            raise CounterStoreError(f"sqlite:{self.store.path}", str(exc)) from None


class PostgresCounterStore:
    """Serials in a PostgreSQL table (the ``postgres`` extra: psycopg 3), safe across machines.

    ``conninfo`` is a libpq connection string or URI (``"host=db dbname=hcc user=hcc"``,
    ``"postgresql://hcc@db/hcc"``); the table is created when missing. A serial is taken by one
    statement, in its own committed transaction::

        INSERT INTO hcc_dossier_serials (unit, day, last_serial) VALUES (%s, %s, 1)
        ON CONFLICT (unit, day) DO UPDATE SET last_serial = hcc_dossier_serials.last_serial + 1
            WHERE hcc_dossier_serials.last_serial < %s
        RETURNING last_serial

    The row lock taken by the update serialises concurrent callers; a caller that dies before the
    commit takes nothing. The store keeps one connection per process, used by one thread at a
    time; a ``fork``ed child opens its own (leaving the parent's alone), and a lost connection is
    reopened on the next call (the failed call raises [`CounterStoreError`][hcc.errors.CounterStoreError]
    and takes nothing).

    >>> PostgresCounterStore("host=/nonexistent-hcc-socket-dir dbname=hcc")
    Traceback (most recent call last):
    ...
    hcc.errors.CounterStoreError: counter store postgresql: connection ... failed: ...

    Raises:
        MissingExtraError: psycopg is not installed (the ``postgres`` extra).
        CounterStoreError: the server cannot be reached, or ``table`` is not an identifier.
    """

    UPSERT = (
        "INSERT INTO {table} (unit, day, last_serial) VALUES (%s, %s, 1) "
        "ON CONFLICT (unit, day) DO UPDATE SET last_serial = {table}.last_serial + 1 "
        "WHERE {table}.last_serial < %s RETURNING last_serial"
    )
    """The statement that takes a serial (``{table}`` is the table's name)."""

    def __init__(
        self, conninfo: str, *, table: str = "hcc_dossier_serials", connect_timeout: int = 10
    ) -> None:
        if not isinstance(conninfo, str):
            raise InvalidInputError("conninfo", conninfo, "a PostgreSQL connection string")
        try:
            import psycopg
        except ImportError:
            raise MissingExtraError("postgres", "PostgresCounterStore", package="psycopg") from None
        self._psycopg: Any = psycopg
        self.conninfo = conninfo
        self.table = _table(table)
        self.connect_timeout = int(connect_timeout)
        self._lock = threading.Lock()
        self._conn: Any = None
        self._pid = -1
        create = (
            f"CREATE TABLE IF NOT EXISTS {self.table} (unit text NOT NULL, day date NOT NULL,"
            " last_serial integer NOT NULL, PRIMARY KEY (unit, day))"
        )
        try:
            self._run(create, ())
        except CounterStoreError as exc:
            # two processes creating the table at once: one wins, the other sees it exists
            if "already exists" not in exc.reason and "duplicate key" not in exc.reason:
                raise

    def __repr__(self) -> str:
        return f"<PostgresCounterStore table={self.table}>"

    def close(self) -> None:
        """Close this process's connection (a later call opens a new one); also done when the
        store is garbage-collected or leaves a ``with`` block."""
        with self._lock:
            if self._conn is not None and self._pid == os.getpid():
                self._conn.close()
            self._conn = None

    def __enter__(self) -> PostgresCounterStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        conn = getattr(self, "_conn", None)
        if conn is not None and getattr(self, "_pid", -1) == os.getpid():
            with contextlib.suppress(Exception):  # interpreter shutdown: modules may be gone
                conn.close()

    def _connection(self) -> Any:
        # after a fork the child opens its own connection; psycopg does not end the inherited
        # one's session from the child (it checks the process id), so the parent's stays usable
        if self._conn is None or self._pid != os.getpid() or self._conn.closed:
            self._conn = self._psycopg.connect(self.conninfo, connect_timeout=self.connect_timeout)
            self._pid = os.getpid()
        return self._conn

    def _run(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        psycopg = self._psycopg
        with self._lock:
            try:
                conn = self._connection()
                with conn.transaction(), conn.cursor() as cur:
                    cur.execute(sql, params)
                    return list(cur.fetchall()) if cur.description else []
            except psycopg.Error as exc:
                if self._conn is not None and self._conn.broken:
                    self._conn = None
                raise CounterStoreError("postgresql", str(exc).strip()) from None

    def next_serial(self, unit: str, day: dt.date, maximum: int) -> int | None:
        """See [`CounterStore.next_serial`][CounterStore.next_serial]: the [`UPSERT`][UPSERT] statement."""
        _args(unit, day, maximum, "maximum")
        if maximum < 1:
            return None
        rows = self._run(self.UPSERT.format(table=self.table), (unit, day, maximum))
        return int(rows[0][0]) if rows else None

    def observe(self, unit: str, day: dt.date, serial: int) -> None:
        """See [`CounterStore.observe`][CounterStore.observe]."""
        _args(unit, day, serial, "serial")
        self._run(
            f"INSERT INTO {self.table} (unit, day, last_serial) VALUES (%s, %s, %s) "
            f"ON CONFLICT (unit, day) DO UPDATE SET last_serial = "
            f"GREATEST({self.table}.last_serial, EXCLUDED.last_serial)",
            (unit, day, serial),
        )

    def last_serial(self, unit: str, day: dt.date) -> int:
        """See [`CounterStore.last_serial`][CounterStore.last_serial]."""
        _args(unit, day, 0, "serial")
        rows = self._run(
            f"SELECT last_serial FROM {self.table} WHERE unit = %s AND day = %s", (unit, day)
        )
        return int(rows[0][0]) if rows else 0
