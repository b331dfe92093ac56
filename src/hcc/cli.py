"""The ``hcc`` command line: a thin layer over the public API."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence

from hcc.calendar import vietnam_calendar


def _cmd_calendar(args: argparse.Namespace) -> int:
    cal = vietnam_calendar(args.overrides) if args.overrides else vietnam_calendar()
    year = args.year
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    days = list(cal.day_infos(first, last, special_only=True))
    total = (
        cal.working_days_between(first - dt.timedelta(days=1), last)
        if year > cal.first_date.year
        else sum(1 for _ in cal.working_days(first, last))
    )
    if args.json:
        print(
            json.dumps(
                {
                    "year": year,
                    "working_days": total,
                    "provisional": year in cal.provisional_years,
                    "days": [d.model_dump(mode="json") for d in days],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    status = "provisional (no official notice yet)" if year in cal.provisional_years else "official"
    print(f"{year}: {total} working days — {status}")
    for d in days:
        mark = "làm việc" if d.working else "nghỉ"
        print(
            f"  {d.date.isoformat()} {d.date.strftime('%a')}  {mark:9} {d.kind.value:17} {d.name or ''}"
        )
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    cal = vietnam_calendar()
    print("hcc demo — the Vietnamese civil-service calendar")
    for d in (dt.date(2026, 1, 2), dt.date(2026, 1, 10), dt.date(2026, 2, 17)):
        info = cal.day_info(d)
        print(
            f"  {d.isoformat()}: {'working' if info.working else 'off'} — {info.name} ({info.source})"
        )
    start = dt.date(2026, 2, 12)
    print(f"  5 working days after {start}: {cal.add_working_days(start, 5)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m hcc``."""
    p = argparse.ArgumentParser(prog="hcc", description="Vietnamese administrative procedures.")
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("calendar", help="list the special days of a year")
    c.add_argument("year", type=int)
    c.add_argument("--overrides", help="a TOML or JSON override file")
    c.add_argument("--json", action="store_true", help="machine-readable output")
    c.set_defaults(func=_cmd_calendar)
    d = sub.add_parser("demo", help="run a short demonstration")
    d.set_defaults(func=_cmd_demo)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    >>> main(["calendar", "2026"]) == 0  # doctest: +ELLIPSIS
    2026: 249 working days — official
    ...
    True
    """
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (ValueError, LookupError) as exc:
        print(f"hcc: error: {exc}", file=sys.stderr)
        return 2
