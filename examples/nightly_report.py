"""A nightly on-time report: the month so far, from the dossiers of a one-stop centre.

Run by a scheduler every night, it reads the dossiers (their event logs, as JSON), computes the
service indicators for a period *as of* an explicit moment, and prints what a head of office
reads in the morning: received, settled early / on time / late, the on-time rate, pending and
overdue dossiers, and the dossiers whose clock has used most of its time.

    python examples/nightly_report.py                      # on a built-in sample of March 2026
    python examples/nightly_report.py --dossiers dossiers.json --period 2026-03 --as-of "2026-03-20 23:00"

``dossiers.json`` is a JSON array of dossiers as ``hcc.dossiers.Dossier.model_dump(mode="json")``
writes them. There is no implicit "today": the scheduler passes ``--as-of``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

from hcc.dossiers import Dossier, Period, group_indicators, indicators
from hcc.procedures import DossierCodeAllocator, default_catalogue


def sample_dossiers() -> list[Dossier]:
    """A small, fixed set of March 2026 dossiers of a commune (fictional people)."""
    catalogue = default_catalogue()
    alloc = DossierCodeAllocator("000.00.23.H40")

    def receive(code: str, at: str, applicant: str, **kw: str) -> Dossier:
        return Dossier.from_procedure(
            catalogue.get(code), at=at, applicant=applicant, allocator=alloc, **kw
        )

    return [
        receive("2.000815", "2026-03-02T08:30", "Nguyễn Thị Hoa")
        .record("result_ready", "2026-03-02T10:00")
        .record("returned", "2026-03-02T10:30")
        .record("rated", "2026-03-02T10:31", rating="very_satisfied"),
        receive("1.001193", "2026-03-02T09:00", "Lê Văn Nam")
        .record("result_ready", "2026-03-02T16:00")
        .record("delivered", "2026-03-03T09:00"),
        receive("1.004222", "2026-03-03T10:00", "Trần Văn Khoa", channel="online")
        .record("result_ready", "2026-03-13T09:00")
        .record("posted", "2026-03-13T10:00"),
        receive("1.004222", "2026-03-10T14:00", "Phạm Thị Lan")
        .record("supplement_requested", "2026-03-11T09:00", reason="Thiếu giấy tờ chứng minh chỗ ở")
        .record("supplement_received", "2026-03-13T08:00"),
        receive("1.004194", "2026-03-16T09:30", "Đỗ Minh Tuấn"),
        receive("2.000884", "2026-03-18T15:30", "Vũ Thị Mai"),
    ]


def load_dossiers(path: Path) -> list[Dossier]:
    """Dossiers from a JSON array (each validated and its log replayed)."""
    return [Dossier.model_validate(d) for d in json.loads(path.read_text(encoding="utf-8"))]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line; without options the report runs on the sample, for March 2026."""
    p = argparse.ArgumentParser(description="Nightly on-time report of a one-stop centre.")
    p.add_argument("--dossiers", type=Path, default=None, help="JSON array of dossiers")
    p.add_argument("--period", default="2026-03", help="the month reported, YYYY-MM")
    p.add_argument("--as-of", default="2026-03-20 23:00", help="report moment, Vietnam local time")
    p.add_argument("--top", type=int, default=5, help="how many pending dossiers to list")
    return p.parse_args(argv)


def _pct(value: object) -> str:
    return "—" if value is None else f"{value:.1f} %"


def main(argv: Sequence[str] | None = None) -> int:
    """Print the report; return the process exit code."""
    args = parse_args(argv)
    dossiers = load_dossiers(args.dossiers) if args.dossiers else sample_dossiers()
    year, month = (int(x) for x in args.period.split("-"))
    period = Period.month(year, month)
    as_of = dt.datetime.fromisoformat(args.as_of)

    ind = indicators(dossiers, period, as_of=as_of)
    print(f"On-time report {period.label} as of {as_of:%H:%M %d/%m/%Y}")
    print(f"Received: {ind.received} ({ind.received_online} online)")
    print(f"Settled: {ind.settled} — early {ind.early}, on time {ind.on_time}, late {ind.late}")
    print(f"On-time rate: {_pct(ind.percent('on_time_rate'))}")
    avg = ind.average_processing_days
    print(f"Average processing: {'—' if avg is None else f'{float(avg):.1f}'} working days")
    print(f"Pending: {ind.pending} ({ind.pending_overdue} overdue)")
    print(f"Satisfaction: {_pct(ind.percent('satisfaction_rate'))} of {ind.rated} rating(s)")

    print("\nBy procedure:")
    for code, g in group_indicators(dossiers, period, by="procedure", as_of=as_of).items():
        print(
            f"  {code}: received {g.received}, settled {g.settled}, late {g.late}, "
            f"pending {g.pending}, on time {_pct(g.percent('on_time_rate'))}"
        )

    pending = []
    for d in dossiers:
        view = d.as_of(as_of)
        if view is None or view.is_settled or view.withdrawn_at is not None:
            continue
        st = view.sla(as_of=as_of)
        pending.append((st.fraction_elapsed or 0.0, str(d.code), d.applicant, st))
    pending.sort(reverse=True)
    print(
        f"\nPending dossiers, most urgent first ({min(args.top, len(pending))} of {len(pending)}):"
    )
    for fraction, code, applicant, st in pending[: args.top]:
        due = "—" if st.due_at is None else f"{st.due_at:%H:%M %d/%m/%Y}"
        print(
            f"  {code}  {applicant:<16} {st.state.value:<8} due {due}  {fraction * 100:.0f} % used"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
