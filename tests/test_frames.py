"""Data frames: the register, the rows behind the indicators and batch deadlines as pandas frames.

The dossiers are those of tests/test_dossiers_indicators.py (March 2026, figures worked out by
hand in its docstring), plus K, answered in February, which a March report does not count.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import hcc
from hcc.calendar import VN_TZ
from hcc.dossiers import (
    COUNT_COLUMNS,
    Register,
    indicator_rows,
    indicators,
    indicators_frame,
)
from tests.test_dossiers_indicators import ALL, AS_OF, MARCH, P1, RESET, at, dossier

K = dossier(
    11,
    P1,
    "direct",
    "03 ngày làm việc",
    [("received", at(23, 9, month=2)), ("result_ready", at(25, 9, month=2))],
)
DOSSIERS = [*ALL, K]
TZ = "datetime64[ns, Asia/Ho_Chi_Minh]"

# by hand (see the table in tests/test_dossiers_indicators.py): the March report, cutoff 31/3,
# I's supplement read as a reset (Decree 61/2018 art. 19(4)), as the hand figures there
HAND = {
    # code suffix: (received, settled, classification, pending, pending_overdue, withdrawn)
    "0001": (1, 1, "early", 0, 0, 0),  # A
    "0002": (1, 1, "on_time", 0, 0, 0),  # B
    "0003": (1, 1, "late", 0, 0, 0),  # C
    "0004": (1, 1, "early", 0, 0, 0),  # D (refused)
    "0005": (1, 0, None, 0, 0, 1),  # E withdrawn
    "0006": (1, 0, None, 1, 1, 0),  # F pending, overdue since 19/3
    "0007": (1, 0, None, 1, 0, 0),  # G pending
    "0008": (0, 1, "early", 0, 0, 0),  # H received in February, answered in March
    "0009": (1, 1, "early", 0, 0, 0),  # I
    "0010": (1, 0, None, 1, 0, 0),  # J answered 1/4: after the cutoff
    "0011": (0, 0, "early", 0, 0, 0),  # K answered early, in February: not settled in March
}


def test_importing_hcc_does_not_import_pandas() -> None:
    code = (
        "import sys, hcc, hcc.dossiers, hcc.deadlines, hcc.documents, hcc.cli; "
        "print(any(m in sys.modules for m in ('pandas', 'icalendar', 'polars')))"
    )
    src = str(Path(__file__).resolve().parents[1] / "src")
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": src, "PATH": ""},
    )
    assert out.stdout.strip() == "False"


def test_indicator_rows_are_the_per_dossier_facts() -> None:
    rows = indicator_rows(DOSSIERS, MARCH, as_of=AS_OF, policy=RESET)
    assert len(rows) == len(DOSSIERS)
    for r in rows:
        received, settled, cls, pending, overdue, withdrawn = HAND[r.code[-4:]]
        assert (r.received, r.settled, r.classification) == (received, settled, cls), r.code
        assert (r.pending, r.pending_overdue, r.withdrawn) == (pending, overdue, withdrawn), r.code
    by = {r.code[-4:]: r for r in rows}
    assert by["0004"].refused == 1
    assert by["0004"].settled_by == "refused"
    assert by["0010"].settled_at is None  # 1/4 is after the March cutoff
    assert by["0011"].settled_at == at(25, 9, month=2)
    assert by["0001"].processing_days == by["0001"].processing_days_total == 3
    assert by["0011"].processing_days == 2
    assert by["0011"].processing_days_total == 0


def test_frame_rows_equal_the_rows_and_sum_to_the_report() -> None:
    rows = indicator_rows(DOSSIERS, MARCH, as_of=AS_OF, policy=RESET)
    frame = indicators_frame(DOSSIERS, MARCH, as_of=AS_OF, policy=RESET)
    assert list(frame.columns) == list(rows[0]._fields)
    assert len(frame) == len(rows)
    for row, (_, rec) in zip(rows, frame.iterrows(), strict=True):
        for name, value in row._asdict().items():
            got = rec[name]
            if value is None:
                assert pd.isna(got), (row.code, name)
            elif isinstance(value, dt.datetime):
                assert got.to_pydatetime() == value, (row.code, name)
            else:
                assert got == value, (row.code, name)
    report = indicators(DOSSIERS, MARCH, as_of=AS_OF, policy=RESET)
    sums = frame[list(COUNT_COLUMNS)].sum()
    for name in COUNT_COLUMNS:
        assert int(sums[name]) == getattr(report, name), name
    # why an app's own rate differs: it counts every answered dossier, hcc those settled in March
    answered = frame[frame.classification.notna()]
    settled = frame[frame.settled == 1]
    assert len(answered) == 7
    assert len(settled) == 6
    assert set(answered.code) - set(settled.code) == {K.code_text}


def test_frame_column_types() -> None:
    frame = indicators_frame(DOSSIERS, MARCH, as_of=AS_OF, policy=RESET)
    for name in ("received_at", "settled_at", "withdrawn_at", "returned_at", "appointment", "due"):
        assert str(frame.dtypes[name]) == TZ, name
    assert list(frame.classification.cat.categories) == ["early", "on_time", "late"]
    assert list(frame.channel.cat.categories) == ["direct", "online", "postal"]
    for name in COUNT_COLUMNS:
        assert str(frame.dtypes[name]) == "int64"
    assert str(frame.dtypes["processing_days"]) == "Int64"


def _register() -> Register:
    reg = Register(unit="UBND xã Tân Lập")
    reg.add_all(sorted(DOSSIERS, key=lambda d: d.received_at))
    return reg


def test_register_frame_round_trip() -> None:
    reg = _register()
    rows = reg.rows(2026)
    frame = reg.to_frame(2026)
    assert list(frame.columns) == list(rows[0]._fields)
    assert len(frame) == len(rows) == len(DOSSIERS)
    assert str(frame.dtypes["received_at"]) == TZ
    assert str(frame.dtypes["returned_at"]) == TZ
    assert list(frame.state.cat.categories)[:2] == ["new", "processing"]
    for row, (_, rec) in zip(rows, frame.iterrows(), strict=True):
        d = reg.get(row.code)
        assert rec["code"] == d.code_text
        assert rec["received_at"].to_pydatetime() == d.received_at
        assert rec["state"] == d.state.value
        assert rec["number"] == reg.ref(d.code).number
        for name, value in row._asdict().items():
            got = rec[name]
            if value is None:
                assert pd.isna(got), (row.code, name)
            elif isinstance(value, dt.datetime):
                assert got.to_pydatetime() == value
            elif name == "returned_via":
                assert got == value.value
            else:
                assert got == value


def test_register_period_filter_for_a_month() -> None:
    reg = _register()
    march = reg.between("2026-03-01", "2026-03-31")
    assert [r.code[-4:] for r in march] == [
        "0001", "0002", "0003", "0004", "0005", "0009", "0006", "0007", "0010",
    ]  # fmt: skip
    numbers = {r.code[-4:]: r.number for r in reg.rows(2026)}
    assert all(r.number == numbers[r.code[-4:]] for r in march)  # the book's own numbers
    feb = reg.rows(period=hcc.dossiers.Period.month(2026, 2))
    assert sorted(r.code[-4:] for r in feb) == ["0008", "0011"]
    csv = reg.to_csv(period=("2026-02-01", "2026-02-28"))
    lines = csv.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("Số thứ tự,")
    assert reg.to_csv(2026, period=MARCH).count("\n") == 1 + len(march)
    assert len(reg.to_frame(period=MARCH)) == len(march)
    assert reg.rows(period=("2025-01-01", "2025-12-31")) == []
    with pytest.raises(hcc.calendar.InvalidInputError):
        reg.rows(period=("2026-03-31", "2026-03-01"))
    with pytest.raises(hcc.calendar.InvalidInputError):
        reg.to_csv()


def test_batch_deadlines_frame() -> None:
    received = [dt.datetime(2026, 1, 9, 10), dt.datetime(2026, 2, 13, 16), "2026-03-02T08:00"]
    frame = hcc.compute_deadlines(received, "01 ngày làm việc", output="frame")
    scalar = [hcc.compute_deadline(r, "01 ngày làm việc") for r in received]
    assert [str(t) for t in frame.dtypes] == [TZ, "datetime64[ns]", TZ]
    assert [t.to_pydatetime() for t in frame.due_at] == [d.due_at for d in scalar]
    assert [t.date() for t in frame.due_date] == [d.due_date for d in scalar]
    assert [t.to_pydatetime() for t in frame.received_at] == [d.received_at for d in scalar]
    # an aware pandas column in UTC is converted to Vietnam time; the answers are the same
    utc = pd.Series(pd.to_datetime(["2026-01-09T03:00Z", "2026-02-13T09:00Z"]))
    again = hcc.compute_deadlines(utc, "01 ngày làm việc", output="frame")
    assert list(again.due_at) == list(frame.due_at[:2])
    naive = pd.Series(pd.to_datetime(["2026-01-09T10:00", "2026-02-13T16:00"]))
    assert list(hcc.compute_deadlines(naive, "01 ngày làm việc", output="frame").due_at) == list(
        frame.due_at[:2]
    )
    with pytest.raises(hcc.calendar.InvalidInputError):
        hcc.compute_deadlines(pd.Series([1, 2]), "01 ngày làm việc", output="frame")
    assert frame.due_at[0].tzinfo is not None
    assert dt.datetime(2026, 1, 10, 17, tzinfo=VN_TZ) == (frame.due_at[0].to_pydatetime())


def test_indicators_to_frame_is_the_report() -> None:
    from fractions import Fraction

    from hcc.dossiers import group_indicators

    report = indicators(DOSSIERS, MARCH, as_of=AS_OF, policy=RESET)
    f = report.to_frame()
    assert f.index.tolist() == ["2026-03"]
    row = f.loc["2026-03"]
    for name in COUNT_COLUMNS:
        assert int(row[name]) == getattr(report, name), name
    assert report.on_time_rate == Fraction(5, 6)  # the hand figure of the March test
    assert row["on_time_rate"] == pytest.approx(5 / 6)
    assert row["as_of"].to_pydatetime() == AS_OF
    assert row["period_start"] == pd.Timestamp("2026-03-01")
    months = group_indicators(
        DOSSIERS, ("2026-02-01", "2026-03-31"), by="month", as_of=AS_OF, policy=RESET
    )
    both = pd.concat(r.to_frame() for r in months.values())
    assert both.index.tolist() == ["2026-02", "2026-03"]
    assert pd.isna(
        indicators([], MARCH, as_of=AS_OF, policy=RESET).to_frame().loc["2026-03", "on_time_rate"]
    )


def test_batch_deadlines_from_an_arrow_column() -> None:
    pa = pytest.importorskip(
        "pyarrow", reason="pyarrow is optional; the pandas path is tested above"
    )
    arr = pa.array(
        [dt.datetime(2026, 1, 9, 3, 0), dt.datetime(2026, 2, 13, 9, 0)],
        type=pa.timestamp("us", "UTC"),
    )
    frame = hcc.compute_deadlines(arr, "01 ngày làm việc", output="frame")
    expected = [
        dt.datetime(2026, 1, 10, 17, tzinfo=VN_TZ),
        dt.datetime(2026, 2, 23, 17, tzinfo=VN_TZ),
    ]
    assert [t.to_pydatetime() for t in frame.due_at] == expected
    out = hcc.compute_deadlines(arr, "01 ngày làm việc")  # Arrow in, Arrow out
    assert isinstance(out, pa.Array)
    assert out.type == pa.timestamp("ns", tz="Asia/Ho_Chi_Minh")
    assert out.to_pylist() == expected


def test_batch_deadlines_accept_and_return_pandas_columns() -> None:
    receipts = pd.Series(
        pd.to_datetime(["2026-01-09T10:00", "2026-02-13T16:00", "2026-03-02T08:00"]),
        index=["x", "y", "z"],
    )
    due_at = hcc.compute_deadlines(receipts, "01 ngày làm việc")
    due_date = hcc.compute_deadlines(receipts, "01 ngày làm việc", output="due_date")
    expected = [hcc.compute_deadline(r.to_pydatetime(), "01 ngày làm việc") for r in receipts]
    assert isinstance(due_at, pd.Series)
    assert due_at.index.tolist() == ["x", "y", "z"]
    assert str(due_at.dtype) == TZ
    assert str(due_date.dtype) == "datetime64[ns]"
    assert [t.to_pydatetime() for t in due_at] == [d.due_at for d in expected]
    assert [t.date() for t in due_date] == [d.due_date for d in expected]
    frame = hcc.compute_deadlines(receipts, "01 ngày làm việc", output="frame")
    assert frame.index.tolist() == ["x", "y", "z"]
    explained = hcc.compute_deadlines(receipts, "01 ngày làm việc", output="deadline")
    assert [d.due_at for d in explained] == [d.due_at for d in expected]
    with pytest.raises(hcc.calendar.InvalidInputError):
        hcc.compute_deadlines(pd.Series(pd.to_datetime(["2026-01-09", None])), "01 ngày làm việc")


def test_indicator_row_counts_follow_the_report() -> None:
    from hcc.dossiers import IndicatorRow

    assert IndicatorRow._fields[-len(COUNT_COLUMNS) :] == COUNT_COLUMNS
