"""The ``hcc`` command line: a thin layer over the public API.

Commands: ``validate FILE``, ``show CODE``, ``search TEXT``, ``deadline CODE --received ...``,
``fee CODE [--pages N --copies N ...]``, ``calendar YEAR`` and ``demo``. Output is readable text by
default and JSON with ``--json``. Exit status: 0 on success, 1 when ``validate`` finds problems
(all are listed), 2 on bad input (unknown code, malformed date, a catalogue that does not load),
3 when an output file exists and ``--force`` was not given.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence

from hcc.calendar import VN_TZ, as_date, as_vn_datetime, vietnam_calendar
from hcc.errors import CatalogueValidationError, OutputExistsError
from hcc.fees import QUANTITY_NAMES
from hcc.procedures import (
    Catalogue,
    Procedure,
    default_catalogue,
    load_catalogue,
    validate_catalogue,
)


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
                    "derived": year in cal.derived_years,
                    "days": [d.model_dump(mode="json") for d in days],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    status = (
        "provisional (no official notice yet)"
        if year in cal.provisional_years
        else "derived (no official table in hcc; from the statutory rules)"
        if year in cal.derived_years
        else "official"
    )
    print(f"{year}: {total} working days — {status}")
    for d in days:
        mark = "làm việc" if d.working else "nghỉ"
        print(
            f"  {d.date.isoformat()} {d.date.strftime('%a')}  {mark:9} {d.kind.value:17} {d.name or ''}"
        )
    return 0


def _catalogue(args: argparse.Namespace) -> Catalogue:
    path = getattr(args, "catalogue", None)
    return load_catalogue(path) if path else default_catalogue()


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _cmd_validate(args: argparse.Namespace) -> int:
    report = validate_catalogue(args.file)
    if args.json:
        _print_json(report.model_dump(mode="json") | {"ok": report.ok})
    else:
        print(report.summary())
    return 0 if report.ok else 1


def _describe(p: Procedure) -> list[str]:
    out = [f"{p.code}  {p.name}"]
    out.append(f"  Lĩnh vực: {p.field}")
    out.append(f"  Cấp thực hiện: {', '.join(lv.label for lv in p.levels)}")
    out.append(f"  Cơ quan thực hiện: {'; '.join(p.agencies.implementing)}")
    out.append(f"  Thời hạn giải quyết: {p.statutory_time_limit or 'Không có thông tin'}")
    if p.local_time_limit is not None:
        out.append(f"  Thời hạn cam kết tại địa phương: {p.local_time_limit}")
    if p.time_limit_note:
        out.append(f"    ({p.time_limit_note})")
    for c in p.channels:
        limit = c.time_limit or p.statutory_time_limit or "Không có thông tin"
        fee = c.fee_schedule or "không thu phí, lệ phí"
        level = f" · {c.online_level.label}" if c.online_level else ""
        out.append(f"  - {c.kind.label}{level} · {limit} · phí: {fee}")
    if p.dossier:
        out.append("  Thành phần hồ sơ:")
        for case in p.dossier:
            if case.name:
                out.append(f"    {case.name}:")
            for d in case.documents:
                mark = "" if d.required else " (nếu có)"
                out.append(f"    · {d.name}{mark} — Bản chính: {d.originals} - Bản sao: {d.copies}")
    if p.results:
        out.append(f"  Kết quả: {'; '.join(r.name for r in p.results)}")
    out.append("  Căn cứ pháp lý: " + "; ".join(doc.label for doc in p.legal_basis))
    if p.valid_from or p.valid_to:
        out.append(f"  Hiệu lực: {p.valid_from or '…'} → {p.valid_to or '…'}")
    if p.unconfirmed:
        out.append("  Chưa xác nhận (unconfirmed):")
        out += [f"    ! {u}" for u in p.unconfirmed]
    out += [f"  Nguồn: {src}" for src in p.sources]
    return out


def _cmd_show(args: argparse.Namespace) -> int:
    cat = _catalogue(args)
    on = as_date(args.on, "--on") if args.on else None
    p = cat.get(args.code, on=on)
    if args.json:
        _print_json(p.model_dump(mode="json", exclude_none=True))
    else:
        print("\n".join(_describe(p)))
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    found = _catalogue(args).search(args.text, limit=args.limit)
    if args.json:
        _print_json([{"code": p.code, "name": p.name, "field": p.field} for p in found])
    else:
        if not found:
            print(f"no procedure matches {args.text!r}")
        for p in found:
            print(f"{p.code:14} {p.name}  [{p.field}]")
    return 0


def _cmd_deadline(args: argparse.Namespace) -> int:
    cat = _catalogue(args)
    received = as_vn_datetime(args.received, "--received")
    d = cat.deadline(
        args.code,
        received,
        channel=args.channel,
        committed=not args.statutory,
        alternate=args.alternate,
    )
    if args.json:
        _print_json(
            {
                "code": args.code,
                "channel": args.channel,
                "limit": str(d.limit),
                "received_at": d.received_at.isoformat(),
                "effective_received_at": d.effective_received_at.isoformat(),
                "due_date": d.due_date.isoformat(),
                "due_at": d.due_at.isoformat(),
                "provisional": d.provisional,
                "derived": d.derived,
            }
        )
    else:
        p = cat.get(args.code)
        print(f"{p.code} {p.name} — {args.channel}, thời hạn {d.limit}")
        print(d.explain())
    return 0


def _cmd_fee(args: argparse.Namespace) -> int:
    cat = _catalogue(args)
    on = as_date(args.on, "--on")
    quantities = {
        name: getattr(args, name) for name in QUANTITY_NAMES if getattr(args, name) is not None
    }
    if args.event_date:
        quantities["event_date"] = as_date(args.event_date, "--event-date")
    q = cat.quote(
        args.code, channel=args.channel, on=on, exemptions=tuple(args.exemption), **quantities
    )
    if args.json:
        _print_json(q.model_dump(mode="json"))
    else:
        print(f"{args.code} {cat.get(args.code).name}")
        print(q.explain())
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    cat = default_catalogue()
    cal = vietnam_calendar()
    print(f"hcc demo — default catalogue {cat.version}: {len(cat.codes)} procedures")
    print()
    print("1. Search 'dang ky thuong tru' (case and diacritics ignored):")
    for p in cat.search("dang ky thuong tru", limit=3):
        print(f"   {p.code} {p.name}")
    code = "1.004222"
    received = dt.datetime(2026, 1, 5, 9, 30)
    d = cat.deadline(code, received)
    print()
    print(
        f"2. Appointment (phiếu hẹn) for {code} {cat.get(code).name}, received {received:%H:%M %d/%m/%Y}:"
    )
    print(f"   time limit {d.limit}; return by {d.due_at:%H giờ %M phút, ngày %d tháng %m năm %Y}")
    swap = cal.day_info(dt.date(2026, 1, 10))
    print(f"   (Saturday 10/01/2026 counts: {swap.name})")
    birth = cat.deadline("1.001193", dt.datetime(2026, 2, 13, 15, 40))
    print(
        f"   1.001193 Đăng ký khai sinh received 15:40 on Friday 13/02/2026 → {birth.due_date:%d/%m/%Y} (after 15:00, then Tết)"
    )
    q = cat.quote("2.000815", on=dt.date(2026, 3, 2), pages=5, copies=3)
    print()
    print("3. Fee: certified copies (2.000815), a 5-page original, 3 copies:")
    for line in q.explain().splitlines():
        print(f"   {line}")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    """``import FILE... [--out catalogue.json] [--drafts drafts.json] [--json]``.

    A FILE holds a JSON list of records (or an object with one under ``records``/``data``/
    ``items``), or JSON Lines (``.jsonl``). Exit 0 when every record was imported, 1 when any
    record was rejected (how many and why, grouped by reason, on stderr) or none was imported (an
    empty catalogue is never written), 2 when a file cannot be read, 3 when ``--out`` exists and
    ``--force`` is not given (checked before the import starts, and again when the file is put in
    place). ``--drafts FILE`` writes the drafts of the rejected records (``--json`` prints them
    too). Imports of 1,000 records or more report progress on stderr. Files are written to a
    temporary file in the same folder, fsynced and renamed over the target.
    """
    from pathlib import Path

    from hcc._io import atomic_write_text
    from hcc.importer import ISSUE_CODES, import_portal_records

    force_hint = "pass --force to replace it (exit status 3)"
    outputs = [f for f in (args.out, args.drafts) if f]
    for target in outputs:
        if not args.force and Path(target).exists():
            raise OutputExistsError(target, hint=force_hint)

    records: list[object] = []
    sources: list[str | None] = []
    for name in args.files:
        try:
            text = Path(name).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"{name}: cannot read the file ({exc})") from None
        try:
            if name.endswith((".jsonl", ".ndjson")):
                data: object = [json.loads(line) for line in text.splitlines() if line.strip()]
            else:
                data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{name}: not valid JSON ({exc})") from None
        if isinstance(data, dict):
            data = next(
                (data[k] for k in ("records", "data", "items") if isinstance(data.get(k), list)),
                data,
            )
        if not isinstance(data, list):
            raise ValueError(f"{name}: expected a JSON list of records, got {type(data).__name__}")
        records += data
        sources += [name] * len(data)

    def progress(done: int, total: int) -> None:
        print(f"hcc import: {done}/{total} records read", file=sys.stderr, flush=True)

    long_import = len(records) >= 1000
    report = import_portal_records(
        records, sources=sources, source=None, progress=progress if long_import else None
    )
    empty = len(report.catalogue) == 0
    rejected = report.by_status("rejected")

    def write(target: str, content: str, what: str) -> None:
        try:
            atomic_write_text(target, content, overwrite=args.force)
        except OutputExistsError:
            raise OutputExistsError(target, hint=force_hint) from None
        except (OSError, UnicodeEncodeError) as exc:
            raise ValueError(
                f"{target}: cannot write the {what} ({exc}); an existing file is unchanged"
            ) from None

    if args.out and not empty:
        write(args.out, report.catalogue.to_json(), "catalogue")
    if args.drafts:
        drafts = [
            {
                "index": r.index,
                "source": r.source,
                "code": r.code,
                "errors": [e.model_dump(mode="json", exclude_none=True) for e in r.errors],
                "draft": r.draft,
                "fee_schedules": [s.model_dump(mode="json") for s in r.fee_schedules],
            }
            for r in rejected
        ]
        write(
            args.drafts,
            json.dumps(drafts, ensure_ascii=False, indent=2, default=str) + "\n",
            "drafts",
        )
    if args.json:
        _print_json(
            report.to_dict(drafts=True)
            | {"out": args.out if args.out and not empty else None, "drafts": args.drafts}
        )
    else:
        for line in report.summary.lines():
            print(line)
        for code, n in report.issue_counts().items():
            print(f"  {n:5d} record(s) with {code}")
        if args.out and not empty:
            print(f"catalogue written to {args.out} ({len(report.catalogue)} procedures)")
    if rejected:
        reasons: dict[str, int] = {}
        for r in rejected:
            for code in dict.fromkeys(e.code for e in r.errors):
                reasons[code] = reasons.get(code, 0) + 1
        print(
            f"hcc import: {len(rejected)} of {len(report.results)} record(s) rejected",
            file=sys.stderr,
        )
        for code, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {n:5d} {code}: {ISSUE_CODES.get(code, '')}", file=sys.stderr)
        if args.drafts:
            print(f"  drafts of the rejected records written to {args.drafts}", file=sys.stderr)
    if empty:
        where = f"; {args.out} was not written" if args.out else ""
        print(f"hcc import: no record was imported{where}", file=sys.stderr)
    return 1 if rejected or empty else 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m hcc``.

    >>> build_parser().parse_args(["fee", "2.000815", "--pages", "3"]).pages
    3
    """
    p = argparse.ArgumentParser(prog="hcc", description="Vietnamese administrative procedures.")
    sub = p.add_subparsers(dest="command", required=True)

    def with_catalogue(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--catalogue", metavar="FILE", help="a JSON or TOML catalogue (default: embedded)"
        )
        sp.add_argument("--json", action="store_true", help="machine-readable output")

    v = sub.add_parser("validate", help="check a catalogue file and list every problem")
    v.add_argument("file")
    v.add_argument("--json", action="store_true", help="machine-readable output")
    v.set_defaults(func=_cmd_validate)

    s = sub.add_parser("show", help="show one procedure")
    s.add_argument("code")
    s.add_argument("--on", help="the version in force on this date (YYYY-MM-DD)")
    with_catalogue(s)
    s.set_defaults(func=_cmd_show)

    se = sub.add_parser("search", help="find procedures by name, code or field")
    se.add_argument("text")
    se.add_argument("--limit", type=int, default=None)
    with_catalogue(se)
    se.set_defaults(func=_cmd_search)

    dl = sub.add_parser("deadline", help="the appointment for a dossier received at a moment")
    dl.add_argument("code")
    dl.add_argument("--received", required=True, help="ISO datetime, Vietnam time if naive")
    dl.add_argument("--channel", default="direct", choices=("direct", "online", "postal"))
    dl.add_argument(
        "--statutory", action="store_true", help="ignore the local committed time limit"
    )
    dl.add_argument(
        "--alternate", action="store_true", help="use the record's second (longer) limit"
    )
    with_catalogue(dl)
    dl.set_defaults(func=_cmd_deadline)

    f = sub.add_parser("fee", help="quote the fee of a procedure")
    f.add_argument("code")
    f.add_argument("--channel", default="direct", choices=("direct", "online", "postal"))
    f.add_argument("--on", default=None, help="date of filing (YYYY-MM-DD; default: today)")
    for name in QUANTITY_NAMES:
        f.add_argument(f"--{name}", type=int, default=None, metavar="N")
    f.add_argument(
        "--exemption", action="append", default=[], metavar="NAME", help="an exemption category"
    )
    f.add_argument(
        "--event-date",
        default=None,
        metavar="YYYY-MM-DD",
        help="the birth or death, for birth/death registration: decides the on-time exemption",
    )
    with_catalogue(f)
    f.set_defaults(func=_cmd_fee)

    c = sub.add_parser("calendar", help="list the special days of a year")
    c.add_argument("year", type=int)
    c.add_argument("--overrides", help="a TOML or JSON override file")
    c.add_argument("--json", action="store_true", help="machine-readable output")
    c.set_defaults(func=_cmd_calendar)

    im = sub.add_parser("import", help="import portal records (JSON) into a catalogue")
    im.add_argument("files", nargs="+", metavar="FILE")
    im.add_argument("--out", metavar="FILE", help="write the catalogue (JSON) here")
    im.add_argument(
        "--force", action="store_true", help="replace --out if it exists (exit 3 otherwise)"
    )
    im.add_argument(
        "--drafts", metavar="FILE", help="write the drafts of rejected records (JSON) here"
    )
    im.add_argument("--json", action="store_true", help="machine-readable output")
    im.set_defaults(func=_cmd_import)

    d = sub.add_parser("demo", help="a short demonstration on the default catalogue")
    d.set_defaults(func=_cmd_demo)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    >>> main(["calendar", "2026"]) == 0  # doctest: +ELLIPSIS
    2026: 249 working days — official
    ...
    True
    >>> main(["search", "chung thuc chu ky", "--limit", "1"])
    2.000884       Chứng thực chữ ký  [Chứng thực]
    0
    """
    args = build_parser().parse_args(argv)
    if getattr(args, "on", "unset") is None and args.command == "fee":
        args.on = dt.datetime.now(VN_TZ).date().isoformat()
    try:
        return int(args.func(args))
    except CatalogueValidationError as exc:
        print(f"hcc: error: {exc}", file=sys.stderr)
        return 2
    except OutputExistsError as exc:
        print(f"hcc: error: {exc}", file=sys.stderr)
        return 3
    except (ValueError, LookupError, TypeError) as exc:
        print(f"hcc: error: {exc}", file=sys.stderr)
        return 2
