"""The ``hcc`` command line: a thin layer over the public API.

Commands: ``validate FILE``, ``show CODE``, ``search TEXT``, ``deadline CODE --received ...``,
``fee CODE [--pages N --copies N ...]``, ``calendar YEAR``, ``import FILE...`` and ``demo``.
Every command prints readable text by default and JSON with ``--json``; readable text is in one
language, Vietnamese by default (for officers) and English with ``--lang en``.

Every command follows one table of exit codes ([`EXIT_CODES`][EXIT_CODES], docs/cli.md): 0 success, 1 the
command ran and found problems (``validate``), 2 bad input (arguments, codes, dates, files),
3 an output file exists and ``--force`` was not given, 70 an internal error (a bug in hcc; one
line, the traceback with ``HCC_DEBUG=1``), 130 interrupted, 141 standard output closed early
(``hcc show X --json | head``: a quiet exit). Warnings (a provisional year) are one line on
standard error: ``hcc: warning: ...``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, Literal

from hcc._version import __version__
from hcc.calendar import VN_TZ, DayKind, as_date, as_vn_datetime, vietnam_calendar
from hcc.errors import CommandLineError, HccError, OutputExistsError
from hcc.fees import QUANTITY_NAMES
from hcc.procedures import (
    Catalogue,
    Procedure,
    default_catalogue,
    load_catalogue,
    validate_catalogue,
)

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_CODES",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_OUTPUT_EXISTS",
    "EXIT_PIPE_CLOSED",
    "EXIT_PROBLEMS",
    "build_parser",
    "main",
]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2
EXIT_OUTPUT_EXISTS = 3
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130
EXIT_PIPE_CLOSED = 141

EXIT_CODES: Mapping[int, str] = MappingProxyType(
    {
        EXIT_OK: "success",
        EXIT_PROBLEMS: (
            "the command ran and found problems in its input, every one listed "
            "(validate: a catalogue with errors)"
        ),
        EXIT_BAD_INPUT: (
            "bad input: invalid arguments, an unknown code, a malformed or out-of-range date or "
            "year, a file that cannot be read or does not load; one line on stderr"
        ),
        EXIT_OUTPUT_EXISTS: "an output file exists and --force was not given; nothing was written",
        EXIT_INTERNAL: "an internal error (a bug in hcc); one line on stderr, HCC_DEBUG=1 for the traceback",
        EXIT_INTERRUPTED: "interrupted (Ctrl-C)",
        EXIT_PIPE_CLOSED: "standard output was closed early (e.g. piped into head); nothing printed",
    }
)
"""The exit status of every command, and what it means (the table of docs/cli.md)."""

Lang = Literal["vi", "en"]


def _out(args: argparse.Namespace, vi: str, en: str) -> str:
    """The text in the output language of ``args`` (``--lang``)."""
    return en if getattr(args, "lang", "vi") == "en" else vi


_WEEKDAY = {
    "vi": ("T2", "T3", "T4", "T5", "T6", "T7", "CN"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_DAY_KIND_VI = {
    DayKind.WEEKDAY: "ngày thường",
    DayKind.WEEKEND: "nghỉ hằng tuần",
    DayKind.HOLIDAY: "nghỉ lễ, Tết",
    DayKind.COMPENSATORY: "nghỉ bù",
    DayKind.SWAPPED_DAY_OFF: "nghỉ hoán đổi",
    DayKind.WORKING_SATURDAY: "làm bù",
    DayKind.LOCAL_CLOSURE: "nghỉ (địa phương)",
    DayKind.LOCAL_WORKING_DAY: "làm việc (địa phương)",
}


def _warning(args: argparse.Namespace, vi: str, en: str) -> None:
    """One readable warning line on standard error, in the output language.

    The commands read the calendar's ``provisional`` flags from quiet calendars and say so here,
    instead of reformatting Python warnings: that would change the process's warning filters and
    hook, which ``main`` (also a library call) must leave alone.
    """
    print(f"hcc: warning: {_out(args, vi, en)}", file=sys.stderr)


def _cmd_calendar(args: argparse.Namespace) -> int:
    cal = (
        vietnam_calendar(args.overrides) if args.overrides else vietnam_calendar()
    ).without_warnings()
    year = args.year
    if not cal.first_date.year <= year <= cal.last_date.year:
        raise CommandLineError(
            f"year: got {year}, expected a year from {cal.first_date.year} to "
            f"{cal.last_date.year} (the calendar's range)"
        )
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    days = list(cal.day_infos(first, last, special_only=True))
    total = (
        cal.working_days_between(first - dt.timedelta(days=1), last)
        if year > cal.first_date.year
        else sum(1 for _ in cal.working_days(first, last))
    )
    provisional = year in cal.provisional_years
    derived = year in cal.derived_years
    if provisional:
        _warning(
            args,
            f"năm {year} chưa có thông báo chính thức; các ngày của năm được tính theo quy định "
            "của luật (tạm tính)",
            f"{year} has no official notice yet; its days are projected from the statutory rules",
        )
    if args.ical:  # bytes: the feed is UTF-8 with CRLF line ends (RFC 5545 §3.1)
        sys.stdout.flush()
        sys.stdout.buffer.write(cal.to_ical(year))
        sys.stdout.buffer.flush()
        return EXIT_OK
    if args.json:
        _print_json(
            {
                "year": year,
                "working_days": total,
                "provisional": provisional,
                "derived": derived,
                "days": [d.model_dump(mode="json") for d in days],
            }
        )
        return EXIT_OK
    en = args.lang == "en"
    if en:
        status = (
            "provisional (no official notice yet)"
            if provisional
            else "derived (no official table in hcc; from the statutory rules)"
            if derived
            else "official"
        )
        _print(f"{year}: {total} working days — {status}")
    else:
        status = (
            "tạm tính (chưa có thông báo chính thức)"
            if provisional
            else "suy ra (hcc không có bảng chính thức của năm này; theo quy định của luật)"
            if derived
            else "chính thức"
        )
        _print(f"{year}: {total} ngày làm việc — {status}")
    for d in days:
        weekday = _WEEKDAY[args.lang][d.date.weekday()]
        if en:
            mark, kind = ("working" if d.working else "day off"), d.kind.value
        else:
            mark, kind = ("làm việc" if d.working else "nghỉ"), _DAY_KIND_VI[d.kind]
        _print(f"  {d.date.isoformat()} {weekday:3}  {mark:9} {kind:22} {d.name or ''}".rstrip())
    return EXIT_OK


def _catalogue(args: argparse.Namespace) -> Catalogue:
    path = getattr(args, "catalogue", None)
    if not path:
        return default_catalogue()
    _check_readable(path, "--catalogue")
    return load_catalogue(path)


def _check_readable(path: str, what: str) -> None:
    """Refuse a file that does not exist or cannot be opened (exit status 2)."""
    try:
        with open(path, "rb") as fh:
            fh.read(1)
    except OSError as exc:
        raise CommandLineError(f"{what}: cannot read {path!r} ({exc.strerror or exc})") from None


def _print(text: str = "") -> None:
    print(text)


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _cmd_validate(args: argparse.Namespace) -> int:
    _check_readable(args.file, "FILE")
    report = validate_catalogue(args.file)
    if args.json:
        _print_json(report.model_dump(mode="json") | {"ok": report.ok})
    elif args.lang == "en":
        _print(report.summary())
    else:
        lines = [f"lỗi: {_problem_vi(e)}" for e in report.errors]
        lines += [f"cảnh báo: {_problem_vi(w)}" for w in report.warnings]
        lines.append(
            f"{report.source or 'danh mục'}: {report.procedures} thủ tục, "
            f"{len(report.errors)} lỗi, {len(report.warnings)} cảnh báo"
        )
        _print("\n".join(lines))
    return EXIT_OK if report.ok else EXIT_PROBLEMS


_PROBLEMS_VI = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không được phép",
    "string_pattern_mismatch": "không đúng định dạng",
    "string_too_short": "không được để trống",
    "string_type": "phải là chuỗi ký tự",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "bool_type": "phải là true hoặc false",
    "list_type": "phải là một danh sách",
    "dict_type": "phải là một bảng (object)",
    "model_type": "phải là một bảng (object)",
    "enum": "giá trị không thuộc danh sách cho phép",
    "literal_error": "giá trị không thuộc danh sách cho phép",
    "date_from_datetime_parsing": "không phải ngày hợp lệ (YYYY-MM-DD)",
    "date_parsing": "không phải ngày hợp lệ (YYYY-MM-DD)",
    "greater_than_equal": "giá trị quá nhỏ",
    "time_limit_unparsable": "không đọc được thời hạn giải quyết",
    "duplicate_value": "giá trị bị lặp",
    "date_order": "ngày kết thúc trước ngày bắt đầu",
    "online_level_not_online": "mức độ trực tuyến chỉ dùng cho cách thức trực tuyến",
    "missing_legal_basis": "thiếu căn cứ pháp lý",
    "local_limit_exceeds_statutory": "thời hạn cam kết của địa phương dài hơn thời hạn luật định",
    "local_limit_incomparable": "không so sánh được thời hạn địa phương với thời hạn luật định",
    "no_channel": "không có cách thức thực hiện nào",
    "unknown_fee_schedule": "biểu phí không có trong danh mục",
    "duplicate_code": "mã thủ tục bị trùng",
    "duplicate_fee_schedule": "mã biểu phí bị trùng",
    "invalid_json": "tệp JSON không hợp lệ",
    "invalid_toml": "tệp TOML không hợp lệ",
    "unreadable": "không đọc được tệp",
}
"""Vietnamese wording of the validation problems a catalogue file has most often, by code."""


def _problem_vi(problem: Any) -> str:
    """A validation problem in Vietnamese: its location, the wording of its code and the value
    received; a code without a Vietnamese wording keeps the validator's message."""
    text = _PROBLEMS_VI.get(problem.kind)
    if text is None:
        return str(problem)
    got = re.search(r"\(got (.*)\)$", problem.message)
    if got:
        text += f" (nhận được {got.group(1)})"
    head = problem.location
    return f"{head}: {text} [{problem.kind}]" if head else f"{text} [{problem.kind}]"


def _describe(p: Procedure, lang: Lang = "vi") -> list[str]:
    """The readable description of ``p`` (labels in ``lang``; the record's text as written)."""
    en = lang == "en"

    def label(vi: str, english: str) -> str:
        return english if en else vi

    out = [f"{p.code}  {p.name}"]
    out.append(f"  {label('Lĩnh vực', 'Field')}: {p.field}")
    levels = ", ".join(lv.value if en else lv.label for lv in p.levels)
    out.append(f"  {label('Cấp thực hiện', 'Levels')}: {levels}")
    out.append(
        f"  {label('Cơ quan thực hiện', 'Implementing agencies')}: {'; '.join(p.agencies.implementing)}"
    )
    out.append(
        f"  {label('Thời hạn giải quyết', 'Statutory time limit')}: {p.statutory_time_limit or label('Không có thông tin', 'not stated')}"
    )
    if p.local_time_limit is not None:
        out.append(
            f"  {label('Thời hạn cam kết tại địa phương', 'Local committed time limit')}: "
            f"{p.local_time_limit}"
        )
    if p.time_limit_note:
        out.append(f"    ({p.time_limit_note})")
    for c in p.channels:
        limit = c.time_limit or p.statutory_time_limit or label("Không có thông tin", "not stated")
        fee = c.fee_schedule or label("không thu phí, lệ phí", "no fee")
        level = ""
        if c.online_level:
            level = f" · {c.online_level.value if en else c.online_level.label}"
        kind = c.kind.value if en else c.kind.label
        out.append(f"  - {kind}{level} · {limit} · {label('phí', 'fee')}: {fee}")
    if p.dossier:
        out.append(f"  {label('Thành phần hồ sơ', 'Dossier')}:")
        for case in p.dossier:
            if case.name:
                out.append(f"    {case.name}:")
            for d in case.documents:
                mark = "" if d.required else label(" (nếu có)", " (if any)")
                counts = label(
                    f"Bản chính: {d.originals} - Bản sao: {d.copies}",
                    f"originals: {d.originals}, copies: {d.copies}",
                )
                out.append(f"    · {d.name}{mark} — {counts}")
    if p.results:
        out.append(f"  {label('Kết quả', 'Results')}: {'; '.join(r.name for r in p.results)}")
    out.append(
        f"  {label('Căn cứ pháp lý', 'Legal basis')}: "
        + "; ".join(doc.label for doc in p.legal_basis)
    )
    if p.valid_from or p.valid_to:
        out.append(
            f"  {label('Hiệu lực', 'In force')}: {p.valid_from or '…'} → {p.valid_to or '…'}"
        )
    if p.unconfirmed:
        out.append(f"  {label('Chưa xác nhận', 'Unconfirmed')}:")
        out += [f"    ! {u}" for u in p.unconfirmed]
    out += [f"  {label('Nguồn', 'Source')}: {src}" for src in p.sources]
    return out


def _cmd_show(args: argparse.Namespace) -> int:
    cat = _catalogue(args)
    on = as_date(args.on, "--on") if args.on else None
    p = cat.get(args.code, on=on)
    if args.json:
        _print_json(p.model_dump(mode="json", exclude_none=True))
    else:
        _print("\n".join(_describe(p, args.lang)))
    return EXIT_OK


def _cmd_search(args: argparse.Namespace) -> int:
    found = _catalogue(args).search(args.text, limit=args.limit)
    if args.json:
        _print_json([{"code": p.code, "name": p.name, "field": p.field} for p in found])
        return EXIT_OK
    if not found:
        _print(
            _out(
                args,
                f"không có thủ tục nào khớp với {args.text!r}",
                f"no procedure matches {args.text!r}",
            )
        )
    for p in found:
        _print(f"{p.code:14} {p.name}  [{p.field}]")
    return EXIT_OK


def _cmd_deadline(args: argparse.Namespace) -> int:
    cat = _catalogue(args)
    received = as_vn_datetime(args.received, "--received")
    d = cat.deadline(
        args.code,
        received,
        channel=args.channel,
        committed=not args.statutory,
        alternate=args.alternate,
        calendar=vietnam_calendar().without_warnings(),
    )
    if d.provisional:
        span = range(d.received_at.year, d.due_date.year + 1)
        years = sorted(vietnam_calendar().provisional_years.intersection(span))
        shown = ", ".join(str(y) for y in years)
        _warning(
            args,
            f"hạn giải quyết dựa trên các ngày của năm {shown}, chưa có thông báo chính thức "
            "(tạm tính theo quy định của luật)",
            f"the deadline rests on days of {shown}, for which no official notice exists yet; "
            "it is projected from the statutory rules",
        )
    if args.json:
        # the API's shape (Deadline.model_dump): a time limit is the TimeLimit object everywhere
        _print_json({"code": args.code, "channel": args.channel} | d.model_dump(mode="json"))
        return EXIT_OK
    p = cat.get(args.code)
    channel = args.channel if args.lang == "en" else _CHANNEL_VI[args.channel]
    _print(f"{p.code} {p.name} — {channel}, {_out(args, 'thời hạn', 'time limit')} {d.limit}")
    _print(d.explain(lang=args.lang))
    return EXIT_OK


_CHANNEL_VI = {"direct": "trực tiếp", "online": "trực tuyến", "postal": "qua bưu chính"}


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
        _print(f"{args.code} {cat.get(args.code).name}")
        _print(q.explain(lang=args.lang))
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace) -> int:
    cat = default_catalogue()
    cal = vietnam_calendar()
    found = cat.search("dang ky thuong tru", limit=3)
    code = "1.004222"
    received = dt.datetime(2026, 1, 5, 9, 30)
    d = cat.deadline(code, received)
    swap = cal.day_info(dt.date(2026, 1, 10))
    birth = cat.deadline("1.001193", dt.datetime(2026, 2, 13, 15, 40))
    q = cat.quote("2.000815", on=dt.date(2026, 3, 2), pages=5, copies=3)
    if args.json:
        _print_json(
            {
                "catalogue": {"version": cat.version, "procedures": len(cat.codes)},
                "search": {
                    "text": "dang ky thuong tru",
                    "results": [{"code": p.code, "name": p.name} for p in found],
                },
                "deadlines": [
                    {"code": code} | d.model_dump(mode="json"),
                    {"code": "1.001193"} | birth.model_dump(mode="json"),
                ],
                "quote": {"code": "2.000815"} | q.model_dump(mode="json"),
            }
        )
        return EXIT_OK
    en = args.lang == "en"
    name = cat.get(code).name
    if en:
        _print(f"hcc demo — default catalogue {cat.version}: {len(cat.codes)} procedures")
        _print()
        _print("1. Search 'dang ky thuong tru' (case and diacritics ignored):")
    else:
        _print(f"hcc demo — danh mục mặc định {cat.version}: {len(cat.codes)} thủ tục")
        _print()
        _print("1. Tìm 'dang ky thuong tru' (không phân biệt hoa thường, có dấu hay không dấu):")
    for p in found:
        _print(f"   {p.code} {p.name}")
    _print()
    if en:
        _print(f"2. Appointment for {code} {name}, received {received:%H:%M on %d/%m/%Y}:")
        _print(f"   time limit {d.limit}; return by {d.due_at:%H:%M on %d/%m/%Y}")
        _print(f"   (Saturday 10/01/2026 counts: {swap.name})")
        _print(
            f"   1.001193 Đăng ký khai sinh received 15:40 on Friday 13/02/2026 → "
            f"{birth.due_date:%d/%m/%Y} (after 15:00, then Tết)"
        )
        _print()
        _print("3. Fee: certified copies (2.000815), a 5-page original, 3 copies:")
    else:
        due = f"{d.due_at:%H giờ %M phút, ngày %d tháng %m năm %Y}"
        _print(f"2. Phiếu hẹn cho {code} {name}, tiếp nhận lúc {received:%H:%M ngày %d/%m/%Y}:")
        _print(f"   thời hạn {d.limit}; hẹn trả kết quả {due}")
        _print(f"   (thứ Bảy 10/01/2026 là ngày làm việc: {swap.name})")
        _print(
            f"   1.001193 Đăng ký khai sinh tiếp nhận 15:40 thứ Sáu 13/02/2026 → "
            f"{birth.due_date:%d/%m/%Y} (sau 15 giờ, rồi nghỉ Tết)"
        )
        _print()
        _print("3. Phí chứng thực bản sao từ bản chính (2.000815), bản chính 5 trang, 3 bản sao:")
    for line in q.explain(lang=args.lang).splitlines():
        _print(f"   {line}")
    return EXIT_OK


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
    from hcc.importer import ISSUE_CODES, ISSUE_CODES_VI, import_portal_records

    en = args.lang == "en"
    reasons_text = ISSUE_CODES if en else ISSUE_CODES_VI

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
        said = f"{done}/{total} records read" if en else f"đã đọc {done}/{total} bản ghi"
        print(f"hcc import: {said}", file=sys.stderr, flush=True)

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
        for line in report.summary.lines(lang=args.lang):
            print(line)
        for code, n in report.issue_counts().items():
            print(f"  {n:5d} record(s) with {code}" if en else f"  {n:5d} bản ghi có {code}")
        if args.out and not empty:
            k = len(report.catalogue)
            print(
                f"catalogue written to {args.out} ({k} procedures)"
                if en
                else f"đã ghi danh mục vào {args.out} ({k} thủ tục)"
            )
    if rejected:
        reasons: dict[str, int] = {}
        for r in rejected:
            for code in dict.fromkeys(e.code for e in r.errors):
                reasons[code] = reasons.get(code, 0) + 1
        n_rej, total = len(rejected), len(report.results)
        print(
            f"hcc import: {n_rej} of {total} record(s) rejected"
            if en
            else f"hcc import: {n_rej} trên {total} bản ghi bị từ chối",
            file=sys.stderr,
        )
        for code, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {n:5d} {code}: {reasons_text.get(code, '')}", file=sys.stderr)
        if args.drafts:
            print(
                f"  drafts of the rejected records written to {args.drafts}"
                if en
                else f"  đã ghi bản nháp của các bản ghi bị từ chối vào {args.drafts}",
                file=sys.stderr,
            )
    if empty:
        if en:
            where = f"; {args.out} was not written" if args.out else ""
            print(f"hcc import: no record was imported{where}", file=sys.stderr)
        else:
            where = f"; không ghi {args.out}" if args.out else ""
            print(f"hcc import: không nhập được bản ghi nào{where}", file=sys.stderr)
    return 1 if rejected or empty else 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m hcc``.

    >>> build_parser().parse_args(["fee", "2.000815", "--pages", "3"]).pages
    3
    """
    p = argparse.ArgumentParser(prog="hcc", description="Vietnamese administrative procedures.")
    p.add_argument("--version", action="version", version=f"hcc {__version__}")
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
    se.add_argument(
        "--limit", type=_positive_int, default=None, metavar="N", help="at most N results (N >= 1)"
    )
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
        f.add_argument(
            f"--{name}",
            type=_amount if name == "value" else _non_negative_int,
            default=None,
            metavar="VND" if name == "value" else "N",
        )
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
    c.add_argument("year", type=_year)
    c.add_argument("--overrides", help="a TOML or JSON override file")
    c.add_argument(
        "--ical", action="store_true", help="write the year as an RFC 5545 iCalendar feed"
    )
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

    # options every command takes: --json (machine-readable) and --lang (readable text)
    for sp in sub.choices.values():
        if "--json" not in sp._option_string_actions:
            sp.add_argument("--json", action="store_true", help="machine-readable output")
        sp.add_argument(
            "--lang",
            choices=("vi", "en"),
            default="vi",
            help="language of the readable output: vi (default) or en",
        )
    return p


def _positive_int(text: str) -> int:
    """An argparse type: an integer >= 1."""
    n = _int(text)
    if n < 1:
        raise argparse.ArgumentTypeError(f"got {text!r}, expected a whole number >= 1")
    return n


def _non_negative_int(text: str) -> int:
    """An argparse type: an integer >= 0."""
    n = _int(text)
    if n < 0:
        raise argparse.ArgumentTypeError(f"got {text!r}, expected a whole number >= 0")
    return n


def _year(text: str) -> int:
    """An argparse type: a four-digit year."""
    n = _int(text)
    if not 1 <= n <= 9999:
        raise argparse.ArgumentTypeError(f"got {text!r}, expected a year such as 2026")
    return n


def _int(text: str, digits: int = 12) -> int:
    """A whole number of at most ``digits`` ASCII digits (argparse refuses anything else)."""
    t = text.strip()
    if not (t.isascii() and t.lstrip("+-").isdigit()):
        raise argparse.ArgumentTypeError(f"got {text!r}, expected a whole number")
    if len(t.lstrip("+-")) > digits:
        raise argparse.ArgumentTypeError(f"got {text!r}, expected at most {digits} digits")
    return int(t)


def _amount(text: str) -> int:
    """An argparse type: a declared value in đồng, a whole number >= 0 (up to 24 digits)."""
    n = _int(text, 24)
    if n < 0:
        raise argparse.ArgumentTypeError(f"got {text!r}, expected a whole number of đồng >= 0")
    return n


def _quiet_stdout() -> None:
    """After a closed pipe: point stdout at /dev/null so the final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real file descriptor (captured stdout)
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status ([`EXIT_CODES`][EXIT_CODES]).

    Readable output is Vietnamese unless ``--lang en``; errors and warnings are one line each on
    standard error (``hcc: error: ...``, ``hcc: warning: ...``), never a traceback for user input.

    Raises:
        SystemExit: from argparse, for ``--help``, ``--version`` (status 0) and arguments it
            refuses (status 2, with its usage message).

    >>> main(["calendar", "2026", "--lang", "en"]) == 0  # doctest: +ELLIPSIS
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
        code = int(args.func(args))
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_PIPE_CLOSED
    except KeyboardInterrupt:
        print("hcc: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OutputExistsError as exc:
        print(f"hcc: error: {exc}", file=sys.stderr)
        return EXIT_OUTPUT_EXISTS
    except (HccError, ValueError, LookupError, OSError, OverflowError) as exc:
        # user input: a clear line naming what was wrong (library errors name field and value);
        # a bare TypeError is a bug (hcc's own input errors are InvalidInputError, an HccError)
        print(f"hcc: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RecursionError:
        print("hcc: error: the input is nested too deeply", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:
        if os.environ.get("HCC_DEBUG"):
            raise
        print(
            f"hcc: internal error: {type(exc).__name__}: {exc} "
            "(a bug in hcc; run with HCC_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
