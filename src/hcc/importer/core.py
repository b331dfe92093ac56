"""``import_portal_records``: portal records in, a catalogue and an account of every record out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from hcc._text import dump
from hcc.errors import CatalogueValidationError, ImportInputError
from hcc.fees import FeeSchedule
from hcc.importer.records import RecordReading, build_procedure, read_record
from hcc.importer.report import ImportReport, ImportSummary, RecordResult, RecordStatus
from hcc.procedures import Catalogue, Procedure

__all__ = ["ImportInputError", "import_portal_records"]


def _safe_read(raw: Any, index: int, source: str | None) -> tuple[RecordReading, Procedure | None]:
    try:
        rec = read_record(raw, index, source=source)
        return rec, build_procedure(rec)
    except Exception as exc:  # the contract: a record never makes the import raise
        rec = RecordReading(index=index, source=source)
        rec.error(
            "importer_error",
            "",
            f"unexpected {type(exc).__name__} while reading the record: {exc}",
            dump(raw),
        )
        return rec, None


def import_portal_records(
    records: Sequence[Any],
    *,
    version: str = "portal-import",
    source: str | None = None,
    sources: Sequence[str | None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import procedure records in the national portal's layout into a typed catalogue.

    ``records`` is a list of dicts keyed by the scraper/export field names (``ma_thu_tuc``,
    ``ten_thu_tuc``, ``cach_thuc_thuc_hien``, ...) or by the portal's Vietnamese labels ("Mã thủ
    tục", "Cách thức thực hiện" with "Hình thức nộp", "Thời hạn giải quyết", "Phí, lệ phí", ...);
    see ``docs/import.md``. Every record is accounted for: ``report.results[i]`` is the outcome of
    ``records[i]`` (imported, imported with warnings, or rejected with reasons). Text that cannot
    be structured is kept verbatim (``Channel.fee_text``, ``Procedure.time_limit_note``, the
    result's ``kept`` and issue texts). The catalogue is versioned ``version``; ``source`` (one
    for all records) or ``sources`` (one per record) name where the records came from and go into
    each procedure's ``sources``. ``progress``, if given, is called as ``progress(done, total)``
    about twenty times during a long import and once at the end (the command line prints it on
    stderr).

    Raises [`ImportInputError`][ImportInputError] (a ``ValueError``) only when ``records`` is not a list or
    tuple; no record makes it raise. The cyclic garbage collector is paused during the call (the
    objects built are acyclic) and restored afterwards.

    >>> report = import_portal_records([{
    ...     "Mã thủ tục": "2.000884", "Tên thủ tục": "Chứng thực chữ ký", "Lĩnh vực": "Chứng thực",
    ...     "Cấp thực hiện": "Cấp xã", "Cơ quan thực hiện": "Ủy ban nhân dân cấp xã",
    ...     "Cách thức thực hiện": [{"Hình thức nộp": "Trực tiếp", "Thời hạn giải quyết": "Trong ngày",
    ...                             "Phí, lệ phí": "Phí: 10.000 đồng/trường hợp"}],
    ...     "Căn cứ pháp lý": "Nghị định 23/2015/NĐ-CP về chứng thực",
    ... }])
    >>> report.results[0].status.value, report.catalogue.get("2.000884").channels[0].fee_schedule
    ('imported', '2.000884')
    >>> import_portal_records({"ma_thu_tuc": "1.001193"})
    Traceback (most recent call last):
    ...
    hcc.errors.ImportInputError: records: got a dict, expected a list (or tuple) of records, each a dict of portal fields

    Raises:
        ImportInputError: ``records`` is not an iterable of mappings (a single record, a string). A
            bad record never raises: it is rejected in the report.
    """
    if not isinstance(records, list | tuple):
        raise ImportInputError(records)
    return _import(records, version=version, source=source, sources=sources, progress=progress)


def _import(
    records: Sequence[Any],
    *,
    version: str,
    source: str | None,
    sources: Sequence[str | None] | None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    if sources is not None and (
        not isinstance(sources, list | tuple) or len(sources) != len(records)
    ):
        raise ImportInputError(
            sources, field="sources", allowed=f"a list of {len(records)} names, one per record"
        )
    readings: list[RecordReading] = []
    built: dict[int, Procedure] = {}
    first_of: dict[str, int] = {}
    total = len(records)
    step = max(1, total // 20)
    for i, raw in enumerate(records):
        if progress is not None and i and i % step == 0:
            progress(i, total)
        src = sources[i] if sources is not None else source
        rec, proc = _safe_read(raw, i, src if isinstance(src, str) else None)
        readings.append(rec)
        if proc is None:
            continue
        if proc.code in first_of:
            rec.error(
                "duplicate_code",
                "ma_thu_tuc",
                f"code {proc.code} was already imported from record {first_of[proc.code]}",
                proc.code,
            )
            continue
        first_of[proc.code] = i
        built[i] = proc
    if progress is not None:
        progress(total, total)
    catalogue = _catalogue(readings, built, version, source)
    results = tuple(_result(rec, built.get(rec.index)) for rec in readings)
    return ImportReport(catalogue=catalogue, results=results, summary=_summary(results, catalogue))


def _catalogue(
    readings: list[RecordReading], built: dict[int, Procedure], version: str, source: str | None
) -> Catalogue:
    """Build the catalogue; a record the catalogue's cross-checks refuse is rejected, not raised."""
    for _ in range(len(built) + 1):
        schedules: list[FeeSchedule] = [s for i in built for s in readings[i].schedules]
        try:
            return Catalogue(
                list(built.values()),
                version=version,
                sources=(source,) if source else (),
                fee_schedules=schedules,
            )
        except CatalogueValidationError as exc:
            order = list(built)
            culprits: set[int] = set()
            for problem in exc.errors:
                idx = getattr(problem, "index", None)
                section = getattr(problem, "section", "procedures")
                if section == "procedures" and isinstance(idx, int) and 0 <= idx < len(order):
                    culprits.add(order[idx])
                elif section == "fee_schedules" and isinstance(idx, int):
                    owner = _schedule_owner(readings, built, idx)
                    if owner is not None:
                        culprits.add(owner)
            if not culprits:  # cannot tell which record: refuse them all rather than raise
                culprits = set(built)
            for i in culprits:
                msgs = "; ".join(str(p) for p in exc.errors)
                readings[i].error("catalogue_conflict", "", f"the catalogue refused it: {msgs}")
                built.pop(i, None)
    return Catalogue([], version=version)  # pragma: no cover - the loop always returns


def _schedule_owner(
    readings: list[RecordReading], built: dict[int, Procedure], index: int
) -> int | None:
    n = 0
    for i in built:
        for _ in readings[i].schedules:
            if n == index:
                return i
            n += 1
    return None


def _status(rec: RecordReading, proc: Procedure | None) -> RecordStatus:
    if proc is None or rec.rejected:
        return RecordStatus.REJECTED
    if rec.issues:
        return RecordStatus.IMPORTED_WITH_WARNINGS
    return RecordStatus.IMPORTED


def _result(rec: RecordReading, proc: Procedure | None) -> RecordResult:
    status = _status(rec, proc)
    draft = None
    if status is RecordStatus.REJECTED and rec.data:
        draft = _draft(rec.data)
    return RecordResult(
        index=rec.index,
        status=status,
        code=rec.code,
        name=rec.name,
        source=rec.source,
        issues=tuple(rec.issues),
        kept=tuple(rec.kept),
        procedure=proc if status is not RecordStatus.REJECTED else None,
        draft=draft,
        fee_schedules=tuple(rec.schedules),
        rows=tuple(rec.rows),
        channels=rec.channels,
        channels_with_time_limit=rec.channels_with_time_limit,
        fees_structured=sum(1 for f in rec.fees if f in ("structured", "no_fee")),
        fees_as_text=sum(1 for f in rec.fees if f == "text"),
        fees_not_stated=sum(1 for f in rec.fees if f == "not_stated"),
    )


def _draft(data: dict[str, Any]) -> dict[str, Any]:
    """The assembled data in the catalogue file shape: time limits as their canonical phrase."""
    out = dict(data)
    if "statutory_time_limit" in out:
        out["statutory_time_limit"] = str(out["statutory_time_limit"])
    if "channels" in out:
        out["channels"] = [
            {**c, "time_limit": str(c["time_limit"])} if "time_limit" in c else c
            for c in out["channels"]
        ]
    return out


def _summary(results: tuple[RecordResult, ...], catalogue: Catalogue) -> ImportSummary:
    def count(st: RecordStatus) -> int:
        return sum(1 for r in results if r.status is st)

    used = {c.fee_schedule for p in catalogue for c in p.channels if c.fee_schedule is not None}
    return ImportSummary(
        records_read=len(results),
        imported=count(RecordStatus.IMPORTED),
        imported_with_warnings=count(RecordStatus.IMPORTED_WITH_WARNINGS),
        rejected=count(RecordStatus.REJECTED),
        channels=sum(r.channels for r in results),
        channels_with_time_limit=sum(r.channels_with_time_limit for r in results),
        fees_structured=sum(r.fees_structured for r in results),
        fees_as_text=sum(r.fees_as_text for r in results),
        fees_not_stated=sum(r.fees_not_stated for r in results),
        fee_schedules=len(used),
    )
