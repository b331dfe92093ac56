"""One portal record → a procedure (plus its fee schedules), or the reasons it cannot be one.

Field names are matched after folding (case, diacritics and punctuation ignored), so the scraper
names (``ma_thu_tuc``) and the portal's labels ("Mã thủ tục") land on the same field; see
:data:`FIELD_ALIASES`. Keys starting with ``_`` (``_id`` of a database dump) are ignored.

>>> rec = read_record({"ma_thu_tuc": "2.000884", "ten_thu_tuc": "Chứng thực chữ ký"}, 0)
>>> rec.code, rec.name, [i.code for i in rec.issues][:2]
('2.000884', 'Chứng thực chữ ký', ['missing_field', 'missing_level'])
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError

from hcc._text import (
    canonical_key,
    clean,
    dump,
    fold_text,
    is_not_stated,
    split_items,
    split_names,
    to_text,
)
from hcc.deadlines import TimeLimit
from hcc.fees import FeeSchedule
from hcc.fees.rules import FeeRuleDataError
from hcc.importer.cells import (
    read_bare_count,
    read_channel_kind,
    read_counts,
    read_date,
    read_legal_line,
    read_levels,
    read_results,
    split_steps,
)
from hcc.importer.fee_text import DEFAULT_LEGAL_BASIS, FeeReading, parse_fee_text
from hcc.importer.flat import (
    is_channel_table,
    is_dossier_table,
    is_legal_table,
    split_channel_table,
    split_dossier_table,
    split_legal_table,
    split_results,
)
from hcc.importer.limits import read_time_limit
from hcc.importer.report import ChannelRow, ImportIssue, KeptText
from hcc.procedures import Procedure, is_procedure_code

__all__ = ["CHANNEL_ALIASES", "DOCUMENT_ALIASES", "FIELD_ALIASES", "RecordReading", "read_record"]

FIELD_ALIASES: dict[str, str] = {
    # canonical (folded) input key -> role
    "ma_thu_tuc": "code",
    "ma_tthc": "code",
    "ma_so_thu_tuc": "code",
    "ten_thu_tuc": "name",
    "ten_tthc": "name",
    "title": "name",
    "so_quyet_dinh": "decision",
    "quyet_dinh_cong_bo": "decision",
    "so_quyet_dinh_cong_bo": "decision",
    "cap_thuc_hien": "levels",
    "loai_thu_tuc": "kind",
    "linh_vuc": "field",
    "linh_vuc_thuc_hien": "field",
    "doi_tuong_thuc_hien": "applicants",
    "co_quan_thuc_hien": "implementing",
    "co_quan_co_tham_quyen": "competent",
    "co_quan_co_tham_quyen_quyet_dinh": "competent",
    "co_quan_duoc_uy_quyen": "authorised",
    "co_quan_duoc_uy_quyen_hoac_phan_cap": "authorised",
    "co_quan_phoi_hop": "coordinating",
    "dia_chi_tiep_nhan": "address",
    "dia_chi_tiep_nhan_hs": "address",
    "dia_chi_tiep_nhan_ho_so": "address",
    "thu_tuc_lien_quan": "related",
    "thu_tuc_hanh_chinh_lien_quan": "related",
    "trinh_tu_thuc_hien": "steps",
    "cach_thuc_thuc_hien": "channels",
    "thanh_phan_ho_so": "dossier",
    "thanh_phan_so_luong_ho_so": "dossier",
    "so_luong_ho_so": "dossier_sets",
    "so_bo_ho_so": "dossier_sets",
    "can_cu_phap_ly": "legal_basis",
    "yeu_cau_dieu_kien": "conditions",
    "yeu_cau_dieu_kien_thuc_hien": "conditions",
    "ket_qua_xu_ly": "results",
    "ket_qua_thuc_hien": "results",
    "ket_qua": "results",
    "thoi_han_giai_quyet": "time_limit",
    "phi_le_phi": "fee",
    "le_phi": "fee",
    "mo_ta": "description",
    "tu_khoa": "keywords",
    "detail_url": "source",
    "formality_id": "portal_id",
    "raw_text": "raw",
    "link_tham_khao": "source",
    "nguon": "source",
    "url": "source",
    "link": "source",
}
"""Input field names (folded to snake case) and the part of a procedure they fill."""

CHANNEL_ALIASES: dict[str, str] = {
    "hinh_thuc_nop": "kind",
    "hinh_thuc": "kind",
    "hinh_thuc_ap_dung": "kind",
    "kenh": "kind",
    "thoi_han_giai_quyet": "limit",
    "thoi_han": "limit",
    "thoi_gian_giai_quyet": "limit",
    "phi_le_phi": "fee",
    "phi": "fee",
    "le_phi": "fee",
    "mo_ta": "description",
}
"""Keys of one "Cách thức thực hiện" row."""

DOCUMENT_ALIASES: dict[str, str] = {
    "ten_giay_to": "name",
    "loai_giay_to": "name",
    "ten_thanh_phan": "name",
    "ten_ho_so": "name",
    "ten": "name",
    "mau_don_to_khai": "form",
    "mau_don": "form",
    "mau_to_khai": "form",
    "so_luong_ban_chinh": "counts",
    "so_luong": "counts",
    "ban_chinh": "originals",
    "ban_sao": "copies",
    "truong_hop": "case",
    "ten_truong_hop": "case",
    "giay_to": "documents",
    "thanh_phan": "documents",
    "danh_sach": "documents",
    "ghi_chu": "note",
}
"""Keys of one "Thành phần hồ sơ" row (or of a case holding rows)."""

_LEGAL_ALIASES: dict[str, str] = {
    "so_ky_hieu": "number",
    "so_hieu": "number",
    "so_van_ban": "number",
    "trich_yeu": "title",
    "ten_van_ban": "title",
    "ten": "title",
    "ngay_ban_hanh": "issued_on",
    "co_quan_ban_hanh": "issuer",
}
_RESULT_ALIASES = {"ma_ket_qua": "code", "ten_ket_qua": "name", "ten": "name", "ket_qua": "name"}
_CELL_SPLIT = re.compile(r"\s*(?:·|\t|\s\|\s)\s*")
_URL = re.compile(r"https?://\S+")
_CODE_ANY = re.compile(r"\b\d\.\d{6}(?:\.[A-Z0-9]+)?\b")
_OPTIONAL = re.compile(r"\(\s*nếu có\s*\)", re.I)
_FEE_DOC = re.compile(r"\b(?:phi|le phi)\b")

FeeKind = Literal["structured", "no_fee", "text", "not_stated"]


@dataclass
class RecordReading:
    """Everything read from one record: the procedure data (file shape), schedules, issues, figures.

    ``data`` holds :class:`~hcc.deadlines.TimeLimit` values where the file shape has phrases;
    ``schedules`` the fee schedules its channels reference.

    >>> r = RecordReading(index=0)
    >>> r.warn("unknown_field", "x", "kept", "text"); r.rejected
    False
    """

    index: int
    code: str | None = None
    name: str | None = None
    source: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    schedules: list[FeeSchedule] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    kept: list[KeptText] = field(default_factory=list)
    channels: int = 0
    channels_with_time_limit: int = 0
    fees: list[FeeKind] = field(default_factory=list)
    rows: list[ChannelRow] = field(default_factory=list)

    def error(self, code: str, where: str, message: str, text: str | None = None) -> None:
        """Record an error: the record will be rejected."""
        self.issues.append(
            ImportIssue(severity="error", code=code, field=where, message=message, text=text)
        )

    def warn(self, code: str, where: str, message: str, text: str | None = None) -> None:
        """Record a warning: something was kept as text."""
        self.issues.append(
            ImportIssue(severity="warning", code=code, field=where, message=message, text=text)
        )

    def keep(self, where: str, text: str) -> None:
        """Keep text that has no field in the procedure model, verbatim."""
        if text:
            self.kept.append(KeptText(field=where, text=text))

    @property
    def rejected(self) -> bool:
        """Whether an error was recorded."""
        return any(i.severity == "error" for i in self.issues)


# ---------------------------------------------------------------------- small helpers
def _gather(
    rec: RecordReading, raw: Mapping[Any, Any], aliases: Mapping[str, str], where: str
) -> dict[str, tuple[str, Any]]:
    """Group a mapping's keys by role: role -> (original key, value). Unknown keys are kept."""
    out: dict[str, tuple[str, Any]] = {}
    for key, value in raw.items():
        k = key if type(key) is str else str(key)
        if k[:1] == "_":
            continue
        role = aliases.get(canonical_key(k))
        if role is not None and role not in out:
            out[role] = (k, value)
            continue
        path = f"{where}.{k}" if where else k
        if role is None:
            text = to_text(value)
            if text:
                rec.warn(
                    "unknown_field", path, f"field {k!r} is not a known portal field; kept", text
                )
                rec.keep(path, text)
            continue
        if role in out:
            first_key, first = out[role]
            if to_text(first) != to_text(value) and to_text(value):
                rec.warn(
                    "conflicting_fields",
                    path,
                    f"{k!r} and {first_key!r} mean the same field; the first is used",
                    to_text(value),
                )
                rec.keep(path, to_text(value) or "")
    return out


def _text(rec: RecordReading, got: dict[str, tuple[str, Any]], role: str) -> str | None:
    """A scalar cell as cleaned text; ``None`` when absent or saying nothing."""
    if role not in got:
        return None
    key, value = got[role]
    if type(value) is str:  # the common case, first
        cleaned = clean(value)
        return None if is_not_stated(cleaned) else cleaned
    text = to_text(value)
    if text is None or is_not_stated(text):
        return None
    if not isinstance(value, str | int | float | list | tuple) or isinstance(value, bool):
        rec.warn(
            "unexpected_shape",
            key,
            f"expected text, got {type(value).__name__}; read as text",
            text,
        )
    elif isinstance(value, list | tuple) and text.startswith(("[", "{")):
        rec.warn("unexpected_shape", key, "expected text or a list of text; read as text", text)
    return text


def _list(
    rec: RecordReading, got: dict[str, tuple[str, Any]], role: str, *, names: bool = False
) -> list[str]:
    """A list cell: a list of strings, or a text split on ``;`` and line breaks (and, for
    ``names``, on commas that start a capitalised name)."""
    if role not in got:
        return []
    key, value = got[role]
    if isinstance(value, list | tuple):
        items: list[str] = []
        for v in value:
            t = to_text(v)
            if t and not is_not_stated(t):
                if not isinstance(v, str | int | float):
                    rec.warn("unexpected_shape", key, "a list item is not text; read as text", t)
                items.append(t)
        return items
    text = _text(rec, got, role)
    if not text:
        return []
    return split_names(text) if names else split_items(text)


# ---------------------------------------------------------------------- channels
@dataclass
class _Row:
    where: str
    kind_text: str | None = None
    limit_text: str | None = None
    fee_text: str | None = None
    description: str | None = None
    doubt: str | None = None


def _channel_rows(rec: RecordReading, key: str, value: Any) -> list[_Row]:
    rows: list[_Row] = []
    if isinstance(value, Mapping):
        value = [value]
    if isinstance(value, list | tuple):
        for i, item in enumerate(value):
            where = f"{key}[{i}]"
            if isinstance(item, Mapping):
                flat: dict[Any, Any] = {}
                for k, v in item.items():
                    if isinstance(v, Mapping) and canonical_key(str(k)) in (
                        "chi_tiet",
                        "thong_tin",
                    ):
                        flat.update(v)
                    else:
                        flat[k] = v
                got = _gather(rec, flat, CHANNEL_ALIASES, where)
                rows.append(
                    _Row(
                        where=where,
                        kind_text=_text(rec, got, "kind"),
                        limit_text=to_text(got["limit"][1]) if "limit" in got else None,
                        fee_text=to_text(got["fee"][1]) if "fee" in got else None,
                        description=_text(rec, got, "description"),
                    )
                )
            elif isinstance(item, str):
                rows.extend(_rows_from_text(item, where))
            else:
                t = to_text(item)
                if t:
                    rec.warn(
                        "unexpected_shape",
                        where,
                        "a channel row that is neither an object nor text; kept",
                        t,
                    )
                    rec.keep(where, t)
        return rows
    text = to_text(value)
    if text is None or is_not_stated(text):
        return rows
    if not isinstance(value, str):
        rec.warn(
            "unexpected_shape",
            key,
            f"expected rows, got {type(value).__name__}; read as text",
            text,
        )
    return _rows_from_text(text, key)


def _rows_from_text(text: str, where: str) -> list[_Row]:
    """Rows flattened into text: the 2026 portal table with no separators ("Hình thức nộpThời
    gianPhí, lệ phíMô tảTrực tuyến5 Ngày làm việc..."), or one row per line, "Trực tiếp · 20 Ngày
    làm việc · <fee> · <description>"."""
    rows: list[_Row] = []
    if is_channel_table(text):
        for i, fr in enumerate(split_channel_table(clean(text))):
            rows.append(
                _Row(
                    where=f"{where} row {i + 1}",
                    kind_text=fr.channel or None,
                    limit_text=fr.time,
                    fee_text=fr.fee,
                    description=fr.description or None,
                    doubt=fr.split_doubt,
                )
            )
        return rows
    for line in clean(text).split("\n"):
        cells = [c for c in _CELL_SPLIT.split(line.strip()) if c != ""]
        if not cells:
            continue
        if read_channel_kind(cells[0]) is None and rows and len(cells) == 1:
            prev = rows[-1]
            prev.description = f"{prev.description}\n{cells[0]}" if prev.description else cells[0]
            continue
        row = _Row(where=f"{where} line {len(rows) + 1}", kind_text=cells[0])
        if len(cells) > 1:
            row.limit_text = cells[1]
        if len(cells) > 2:
            row.fee_text = cells[2]
        if len(cells) > 3:
            row.description = " · ".join(cells[3:])
        rows.append(row)
    return rows


def _fee_basis(rec: RecordReading) -> str:
    for doc in rec.data.get("legal_basis", ()):
        title = doc.get("title") or ""
        if _FEE_DOC.search(fold_text(title)):
            return f"{title} {doc['number']} (as cited for this procedure on the national portal; not checked)"
    return DEFAULT_LEGAL_BASIS


def _read_channels(rec: RecordReading, got: dict[str, tuple[str, Any]]) -> None:
    rows: list[_Row] = []
    if "channels" in got:
        key, value = got["channels"]
        rows = _channel_rows(rec, key, value)
    top_limit = to_text(got["time_limit"][1]) if "time_limit" in got else None
    top_fee = to_text(got["fee"][1]) if "fee" in got else None
    basis = _fee_basis(rec)
    subject = rec.name or ""
    channels: list[dict[str, Any]] = []
    first_row: dict[str, tuple[str | None, str | None]] = {}
    limits: dict[str, TimeLimit] = {}
    notes: list[tuple[str, str]] = []
    fee_readings: list[tuple[str, FeeReading]] = []
    for row in rows:
        kind = read_channel_kind(row.kind_text or "")
        whole = " · ".join(
            t for t in (row.kind_text, row.limit_text, row.fee_text, row.description) if t
        )
        if kind is None:
            if whole:
                rec.warn("unknown_channel", row.where, "no known channel named; row kept", whole)
                rec.keep(row.where, whole)
            continue
        label = row.kind_text or kind
        limit_text = row.limit_text if row.limit_text is not None else top_limit
        reading = read_time_limit(limit_text) if limit_text is not None else None
        fee_text = row.fee_text if row.fee_text is not None else top_fee
        if fee_text is not None:
            fr = parse_fee_text(fee_text, legal_basis=basis, subject=subject)
        else:
            fr = FeeReading(text="", status="not_stated")
        if row.doubt is not None:
            rec.warn(
                "cells_run_together",
                row.where,
                f"{label}: {row.doubt}; the fee is kept as text",
                whole,
            )
            if fr.status == "structured":
                fr = FeeReading(text=fr.text, status="text", reason=row.doubt)
        parsed = reading is not None and reading.status == "parsed" and reading.limit is not None
        rec.rows.append(
            ChannelRow(
                kind=kind,
                time_text=reading.text if reading is not None else None,
                time_limit=reading.limit if parsed and reading is not None else None,
                fee_text=fr.text or None,
                fee_status=fr.status,
                description=row.description,
            )
        )
        # every row with a known channel counts, repeated channels (one row per case) included
        rec.channels += 1
        rec.channels_with_time_limit += parsed
        rec.fees.append(fr.status)
        if kind in first_row:
            if first_row[kind] != (limit_text, fee_text):
                rec.warn(
                    "duplicate_channel",
                    row.where,
                    f"another {kind!r} row (a case of its own); kept as text",
                    whole,
                )
            rec.keep(row.where, whole)
            continue
        first_row[kind] = (limit_text, fee_text)
        ch: dict[str, Any] = {"kind": kind}
        if parsed and reading is not None and reading.limit is not None:
            ch["time_limit"] = reading.limit
            limits[kind] = reading.limit
            if reading.note:
                notes.append((label, reading.note))
        elif reading is not None and reading.status == "unparsed":
            rec.warn(
                "time_limit_unparsed",
                f"{row.where}.thoi_han_giai_quyet",
                f"{label}: cannot read a time limit ({reading.reason}); kept in time_limit_note",
                reading.text,
            )
            notes.append((label, reading.text))
        else:
            rec.warn(
                "time_limit_not_stated",
                f"{row.where}.thoi_han_giai_quyet",
                f"{label}: no time limit stated; the channel uses the procedure's statutory limit",
                reading.text if reading is not None else None,
            )
        if fr.text and fr.status != "not_stated":
            ch["fee_text"] = fr.text
        if fr.status == "text":
            rec.warn(
                "fee_as_text",
                f"{row.where}.phi_le_phi",
                f"{label}: fee kept as text ({fr.reason})",
                fr.text,
            )
        fee_readings.append((kind, fr))
        if row.description:
            ch["description"] = row.description
        channels.append(ch)
    _attach_schedules(rec, channels, fee_readings)
    if not channels:
        rec.error("missing_channel", "cach_thuc_thuc_hien", "no channel row names a known channel")
    rec.data["channels"] = channels
    statutory = None
    if top_limit is not None:
        tr = read_time_limit(top_limit)
        if tr.status == "parsed":
            statutory = tr.limit
            if tr.note:
                notes.insert(0, ("", tr.note))
        elif not rows:
            rec.warn(
                "time_limit_unparsed",
                "thoi_han_giai_quyet",
                f"cannot read a time limit ({tr.reason})",
                tr.text,
            )
            notes.append(("", tr.text))
    if statutory is None and limits:
        statutory = limits.get("direct") or next(iter(limits.values()))
    if statutory is None:
        rec.warn(
            "missing_time_limit",
            "cach_thuc_thuc_hien",
            "no channel states a time limit that can be read; the procedure is imported without "
            "one (deadlines cannot be computed for it until one is set)",
        )
    else:
        rec.data["statutory_time_limit"] = statutory
    distinct = list(dict.fromkeys(n for _, n in notes))
    if len(distinct) == 1:
        rec.data["time_limit_note"] = distinct[0]
    elif distinct:
        rec.data["time_limit_note"] = "\n".join(f"{lb}: {n}" if lb else n for lb, n in notes)


def _attach_schedules(
    rec: RecordReading, channels: list[dict[str, Any]], readings: list[tuple[str, FeeReading]]
) -> None:
    structured = [(k, fr) for k, fr in readings if fr.status == "structured"]
    if not structured:
        return
    base = (rec.code or f"record-{rec.index}").lower()
    distinct_texts = list(dict.fromkeys(fr.text for _, fr in structured))
    ids: dict[str, str] = {}
    for text in distinct_texts:
        kinds = [k for k, fr in structured if fr.text == text]
        sid = base if len(distinct_texts) == 1 else f"{base}-{kinds[0]}"
        fr = next(fr for _, fr in structured if fr.text == text)
        try:
            schedule = FeeSchedule(
                id=sid,
                name=rec.name or base,
                rules=fr.rules,
                procedure_codes=(rec.code,) if rec.code else (),
                note=f"Imported from the portal's fee text: {text}",
            )
        except (FeeRuleDataError, ValueError) as exc:  # pragma: no cover - rules are pre-validated
            for k in kinds:
                rec.warn("fee_as_text", k, f"fee kept as text ({exc})", text)
            continue
        rec.schedules.append(schedule)
        for k in kinds:
            ids[k] = sid
    for ch in channels:
        if ch["kind"] in ids:
            ch["fee_schedule"] = ids[ch["kind"]]


# ---------------------------------------------------------------------- dossier
def _document(
    rec: RecordReading, got: dict[str, tuple[str, Any]], where: str
) -> dict[str, Any] | None:
    name = _text(rec, got, "name")
    doc: dict[str, Any] = {}
    orig: int | None = None
    copies: int | None = None
    if "counts" in got:
        ctext = to_text(got["counts"][1]) or ""
        pair = read_counts(ctext)
        if pair is not None:
            orig, copies = pair
        elif (n := read_bare_count(ctext)) is not None:
            orig = n
            if canonical_key(got["counts"][0]) != "so_luong_ban_chinh":
                rec.warn("counts_not_stated", where, "a bare count read as originals", ctext)
    if "originals" in got:
        orig = read_bare_count(to_text(got["originals"][1]) or "")
    if "copies" in got:
        copies = read_bare_count(to_text(got["copies"][1]) or "")
    counts = None if orig is None and copies is None else (orig or 0, copies or 0)
    if name is None:
        rest = " · ".join(t for t in (to_text(v) for _, v in got.values()) if t)
        if rest and not is_not_stated(rest):
            rec.warn("document_unnamed", where, "a dossier row without a document name; kept", rest)
            rec.keep(where, rest)
        return None
    doc["name"] = _strip_bullet(name)
    if counts is None:
        rec.warn("counts_not_stated", where, "no original/copy counts; 1 original assumed", name)
        counts = (1, 0)
    doc["originals"], doc["copies"] = counts
    form = _text(rec, got, "form")
    if form:
        url = _URL.search(form)
        if url:
            u = url.group(0)
            if not u.endswith("="):  # "...download_file.jsp?ma=" names no file
                doc["form_url"] = u
            rest = (form[: url.start()] + form[url.end() :]).strip(" ;,-")
            if rest:
                doc["form"] = rest
        else:
            doc["form"] = form
    if "ếu có" in name and _OPTIONAL.search(name):
        doc["required"] = False
    note = _text(rec, got, "note")
    if note:
        doc["note"] = note
    return doc


def _strip_bullet(text: str) -> str:
    """Drop a leading list bullet and a trailing ``;`` or ``,`` (list punctuation, not words)."""
    if not (text[:1] in "-+•*– 0123456789" or text[-1:] in ";,"):
        return text
    return (
        re.sub(r"^\s*(?:[-+•*–]\s*|\d{1,2}[.)]\s+)", "", text).strip().rstrip(";,").strip() or text
    )


def _documents_from_text(
    rec: RecordReading, text: str, where: str
) -> list[tuple[str | None, dict[str, Any]]]:
    out: list[tuple[str | None, dict[str, Any]]] = []
    case: str | None = None
    for i, line in enumerate(clean(text).split("\n")):
        line = line.strip()
        if not line or is_not_stated(line):
            continue
        if re.match(r"(?i)^(?:\d+\.\s*|[-*]\s*)?(?:\*\s*)?trường hợp\b.*:$", line):
            case = _strip_bullet(line).rstrip(":").strip()
            continue
        cells = _CELL_SPLIT.split(line)
        got: dict[str, tuple[str, Any]] = {}
        names = []
        for c in cells:
            if read_counts(c) is not None:
                got["counts"] = ("so_luong_ban_chinh", c)
            elif _URL.search(c):
                got["form"] = ("mau_don_to_khai", c)
            else:
                names.append(c)
        if names:
            got["name"] = ("ten_giay_to", " · ".join(names))
        doc = _document(rec, got, f"{where} line {i + 1}")
        if doc:
            out.append((case, doc))
    return out


def _documents_from_flat(
    rec: RecordReading, text: str, where: str
) -> list[tuple[str | None, dict[str, Any]]]:
    """The 2026 portal's dossier table, flattened with no separators (see hcc.importer.flat)."""
    docs, left = split_dossier_table(clean(text))
    out: list[tuple[str | None, dict[str, Any]]] = []
    for fd in docs:
        doc: dict[str, Any] = {
            "name": _strip_bullet(fd.name),
            "originals": fd.originals or 0,
            "copies": fd.copies or 0,
        }
        if fd.forms:
            doc["form"] = "; ".join(fd.forms)
        if "ếu có" in fd.name and _OPTIONAL.search(fd.name):
            doc["required"] = False
        out.append((fd.case, doc))
    for piece in left:
        if not is_not_stated(piece):
            rec.warn(
                "document_unnamed",
                where,
                "dossier text with no count column (not a document row); kept",
                piece,
            )
            rec.keep(where, piece)
    return out


def _read_dossier(rec: RecordReading, got: dict[str, tuple[str, Any]]) -> None:
    if "dossier" not in got:
        return
    key, value = got["dossier"]
    docs: list[tuple[str | None, dict[str, Any]]] = []

    def walk(item: Any, where: str, case: str | None) -> None:
        if isinstance(item, Mapping):
            g = _gather(rec, item, DOCUMENT_ALIASES, where)
            sub_case = _text(rec, g, "case") or case
            if "documents" in g:
                inner = g["documents"][1]
                for j, x in enumerate(inner if isinstance(inner, list | tuple) else [inner]):
                    walk(x, f"{where}.{g['documents'][0]}[{j}]", sub_case)
                return
            doc = _document(rec, g, where)
            if doc:
                docs.append((sub_case, doc))
        elif isinstance(item, list | tuple):
            for j, x in enumerate(item):
                walk(x, f"{where}[{j}]", case)
        elif isinstance(item, str) and is_dossier_table(item):
            for c, d in _documents_from_flat(rec, item, where):
                docs.append((c or case, d))
        elif isinstance(item, str):
            for c, d in _documents_from_text(rec, item, where):
                docs.append((c or case, d))
        elif item is not None:
            t = to_text(item) or ""
            rec.warn(
                "unexpected_shape",
                where,
                "a dossier row that is neither an object nor text; kept",
                t,
            )
            rec.keep(where, t)

    walk(value, key, None)
    cases: dict[str | None, list[dict[str, Any]]] = {}
    for case, doc in docs:
        cases.setdefault(case, []).append(doc)
    rec.data["dossier"] = [
        ({"name": name} if name else {}) | {"documents": ds} for name, ds in cases.items()
    ]


# ---------------------------------------------------------------------- legal basis
def _read_legal(rec: RecordReading, got: dict[str, tuple[str, Any]]) -> None:
    docs: list[dict[str, Any]] = []
    if "legal_basis" in got:
        key, value = got["legal_basis"]
        items = value if isinstance(value, list | tuple) else [value]
        for i, item in enumerate(items):
            where = f"{key}[{i}]" if isinstance(value, list | tuple) else key
            if isinstance(item, Mapping):
                g = _gather(rec, item, _LEGAL_ALIASES, where)
                number = _text(rec, g, "number")
                title = _text(rec, g, "title")
                line = read_legal_line(number or title or "")
                if line is None and number is None:
                    if title:
                        rec.warn("legal_basis_unsplit", where, "no document number; kept", title)
                        rec.keep(where, title)
                    continue
                doc: dict[str, Any] = {"number": line.number if line else number}
                doc_title = title if number else None
                if doc_title is None and line is not None:
                    doc_title = line.title
                elif line is not None and line.title and number:
                    rec.keep(f"{where}.so_ky_hieu", number)  # "Luật số 60/2014/QH13": words kept
                if doc_title:
                    doc["title"] = doc_title
                issued = read_date(_text(rec, g, "issued_on") or "") or (
                    line.issued_on if line else None
                )
                if issued:
                    doc["issued_on"] = issued
                issuer = _text(rec, g, "issuer")
                if issuer:
                    rec.keep(f"{where}.co_quan_ban_hanh", issuer)
                docs.append(doc)
                continue
            text = to_text(item)
            if text is None or is_not_stated(text):
                continue
            if not isinstance(item, str | int | float):
                rec.warn(
                    "unexpected_shape",
                    where,
                    "a legal-basis item that is not text; read as text",
                    text,
                )
            if is_legal_table(text):
                pairs, left = split_legal_table(text)
                for pair in pairs:
                    d0: dict[str, Any] = {"number": pair.number}
                    if pair.title:
                        d0["title"] = pair.title
                        issued0 = read_legal_line(pair.title)
                        if (
                            issued0 is not None
                            and issued0.number == pair.number
                            and issued0.issued_on
                        ):
                            d0["issued_on"] = issued0.issued_on
                    docs.append(d0)
                for piece in left:
                    if not is_not_stated(piece):
                        rec.warn("legal_basis_unsplit", where, "no document number; kept", piece)
                        rec.keep(where, piece)
                continue
            for part in split_items(text):
                ln = read_legal_line(part)
                if ln is None:
                    rec.warn("legal_basis_unsplit", where, "no document number; kept", part)
                    rec.keep(where, part)
                    continue
                d: dict[str, Any] = {"number": ln.number}
                if ln.title:
                    d["title"] = ln.title
                if ln.issued_on:
                    d["issued_on"] = ln.issued_on
                docs.append(d)
    unique = list({d["number"]: d for d in reversed(docs)}.values())[::-1]
    rec.data["legal_basis"] = unique
    if not unique:
        rec.warn(
            "missing_legal_basis",
            "can_cu_phap_ly",
            "no legal document with a number (căn cứ pháp lý); imported without one",
        )


# ---------------------------------------------------------------------- the record
def read_record(raw: Any, index: int, *, source: str | None = None) -> RecordReading:
    """Read one input record; never raises. Errors in ``issues`` mean it cannot be imported.

    >>> r = read_record({"Mã thủ tục": "1.001193", "Cấp thực hiện": "Cấp xã"}, 3)
    >>> r.code, r.data["levels"], r.rejected
    ('1.001193', ['commune'], True)
    """
    rec = RecordReading(index=index, source=source)
    if not isinstance(raw, Mapping):
        rec.error(
            "not_a_mapping",
            "",
            f"record {index}: expected an object (dict) of portal fields, got {type(raw).__name__}",
            dump(raw),
        )
        return rec
    got = _gather(rec, raw, FIELD_ALIASES, "")
    if "raw" in got and isinstance(got["raw"][1], str):
        _recover_from_page(got)
    d = rec.data
    # identity ------------------------------------------------------------
    code = _text(rec, got, "code")
    if code is None:
        rec.error("missing_code", "ma_thu_tuc", "no procedure code (mã thủ tục)")
    elif not is_procedure_code(code):
        rec.error(
            "malformed_code",
            got["code"][0],
            f"code {code!r} does not match ^\\d\\.\\d{{6}}(\\.[A-Z0-9]+)?$",
            code,
        )
    else:
        rec.code = d["code"] = code
    name = _text(rec, got, "name")
    if name is None:
        rec.error("missing_name", "ten_thu_tuc", "no procedure name (tên thủ tục)")
    else:
        rec.name = d["name"] = " ".join(name.split())
    field_ = _text(rec, got, "field")
    if field_ is None:
        rec.error("missing_field", "linh_vuc", "no field (lĩnh vực)")
    else:
        d["field"] = field_
    # levels --------------------------------------------------------------
    levels: list[str] = []
    for item in _list(rec, got, "levels"):
        found, unknown = read_levels(item)
        levels += [lv for lv in found if lv not in levels]
        for u in unknown:
            rec.warn(
                "level_unrecognised", got["levels"][0], f"level {u!r} is not recognised; kept", u
            )
            rec.keep(got["levels"][0], u)
    if not levels:
        rec.error("missing_level", "cap_thuc_hien", "no recognised level (cấp thực hiện)")
    d["levels"] = levels
    kind = _text(rec, got, "kind")
    if kind:
        d["kind"] = kind
    # agencies ------------------------------------------------------------
    agencies: dict[str, list[str]] = {}
    for role in ("implementing", "competent", "authorised", "coordinating"):
        items = _list(rec, got, role, names=True)
        if items:
            agencies[role] = list(dict.fromkeys(items))
    if "implementing" not in agencies:
        named = "" if "competent" not in agencies else " (a competent agency is named)"
        rec.warn(
            "missing_agency",
            "co_quan_thuc_hien",
            f"no implementing agency (cơ quan thực hiện){named}; imported without one",
        )
    d["agencies"] = agencies
    # legal basis first: fee rules cite a fee document when the record names one
    _read_legal(rec, got)
    # channels, time limits and fees ------------------------------------
    _read_channels(rec, got)
    # steps ---------------------------------------------------------------
    steps_text = _text(rec, got, "steps")
    if steps_text:
        d["steps"] = [{"description": s} for s in split_steps(steps_text)]
    _read_dossier(rec, got)
    sets = _text(rec, got, "dossier_sets")
    if sets:
        m = re.search(r"\d+", sets)
        if m and int(m.group(0)) >= 1:
            d["dossier_sets"] = int(m.group(0))
        else:
            rec.keep(got["dossier_sets"][0], sets)
    applicants = _list(rec, got, "applicants", names=True)
    if applicants:
        d["applicants"] = list(dict.fromkeys(applicants))
    conditions = _text(rec, got, "conditions")
    if conditions:
        d["conditions"] = [conditions]
    _read_results(rec, got)
    decision = _text(rec, got, "decision")
    if decision:
        line = read_legal_line(decision)
        d["publishing_decision"] = {"number": line.number if line else decision}
        if line and line.issued_on:
            d["publishing_decision"]["issued_on"] = line.issued_on
        if line and line.title:
            rec.keep(got["decision"][0], decision)
    related = _text(rec, got, "related")
    if related:
        codes = list(dict.fromkeys(_CODE_ANY.findall(related)))
        if codes:
            d["related"] = codes
        else:
            rec.warn(
                "malformed_related", got["related"][0], "no procedure code in it; kept", related
            )
        if _CODE_ANY.sub("", related).strip(" ;,.-–\n"):
            rec.keep(got["related"][0], related)
    portal_id = _text(rec, got, "portal_id")
    if portal_id:
        rec.keep(got["portal_id"][0], portal_id)
    for role in ("address", "description", "keywords"):
        t = _text(rec, got, role)
        if t:
            rec.keep(got[role][0], t)
    sources = _list(rec, got, "source")
    if source:
        sources.insert(0, source)
    if sources:
        d["sources"] = list(dict.fromkeys(sources))
    return rec


# The page's section labels in the order the 2026 portal prints them (raw_text), with the role
# each section fills.
_PAGE_SECTIONS: tuple[tuple[str, str], ...] = (
    ("Tên thủ tục", "name"),
    ("Mã thủ tục", "code"),
    ("Số quyết định", "decision"),
    ("Cấp thực hiện", "levels"),
    ("Loại thủ tục", "kind"),
    ("Lĩnh vực", "field"),
    ("Đối tượng thực hiện", "applicants"),
    ("Cơ quan có thẩm quyền", "competent"),
    ("Địa chỉ tiếp nhận HS", "address"),
    ("Cơ quan được ủy quyền", "authorised"),
    ("Cơ quan phối hợp", "coordinating"),
    ("Thủ tục hành chính liên quan", "related"),
    ("Trình Tự Thực Hiện", "steps"),
    ("Cách Thức Thực Hiện", "channels"),
    ("Thành phần hồ sơ", "dossier"),
    ("Căn cứ pháp lý", "legal_basis"),
    ("Cơ quan thực hiện", "implementing"),
    ("Yêu cầu, điều kiện thực hiện", "conditions"),
    ("Kết quả xử lý", "results"),
)


def page_sections(page: str) -> dict[str, str]:
    """Cut a page's text (``raw_text``) into its sections, by role: one forward pass that looks for
    each label after the previous one (a section the page lacks is skipped).

    >>> page_sections("XTên thủ tụcĐăng ký khai sinhMã thủ tục1.001193Lĩnh vựcHộ tịch")
    {'name': 'Đăng ký khai sinh', 'code': '1.001193', 'field': 'Hộ tịch'}
    """
    found: list[tuple[int, int, str]] = []
    pos = 0
    for label, role in _PAGE_SECTIONS:
        i = page.find(label, pos)
        if i == -1:
            continue
        found.append((i, i + len(label), role))
        pos = i + len(label)
    out: dict[str, str] = {}
    for k, (_, body_start, role) in enumerate(found):
        end = found[k + 1][0] if k + 1 < len(found) else len(page)
        text = page[body_start:end].strip()
        if text:
            out[role] = text
    return out


# the fields a record needs (or that carry its tables): recovered from the page when empty
_RECOVERABLE = frozenset(
    {"name", "code", "field", "levels", "implementing", "channels", "dossier", "legal_basis"}
    | {"results", "decision"}
)


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if type(value) is str:
        v = value.strip()
        return not v or (len(v) < 40 and is_not_stated(v))
    return False


def _recover_from_page(got: dict[str, tuple[str, Any]]) -> None:
    """Fill the fields a scrape left empty from the page's own text (``raw_text``), a known field
    that is never a warning. Fields the record has are kept as they are."""
    missing = [
        role
        for _, role in _PAGE_SECTIONS
        if role in _RECOVERABLE and (role not in got or _empty(got[role][1]))
    ]
    if not missing:
        return
    page = got["raw"][1]
    if not page.isascii() and not unicodedata.is_normalized("NFC", page):
        page = unicodedata.normalize("NFC", page)
    sections = page_sections(page)
    for role in missing:
        text = sections.get(role)
        if text:
            cleaned = clean(text)
            if cleaned and not is_not_stated(cleaned):
                got[role] = (f"raw_text[{role}]", cleaned)


def _read_results(rec: RecordReading, got: dict[str, tuple[str, Any]]) -> None:
    if "results" not in got:
        return
    key, value = got["results"]
    results: list[dict[str, Any]] = []
    items = value if isinstance(value, list | tuple) else [value]
    for i, item in enumerate(items):
        if isinstance(item, Mapping):
            g = _gather(rec, item, _RESULT_ALIASES, f"{key}[{i}]")
            nm = _text(rec, g, "name")
            cd = _text(rec, g, "code")
            if nm:
                results.append({"name": nm} | ({"code": cd} if cd else {}))
            elif cd:
                rec.keep(f"{key}[{i}]", cd)
            continue
        t = to_text(item)
        if t is None or is_not_stated(t):
            continue
        if "Mã:" in t or "Từ khóa" in t or "Chọn cơ quan thực hiện" in t:
            found, extras = split_results(t)
            for nm, cd in found:
                results.append({"name": nm} | ({"code": cd} if cd else {}))
            for label, extra in extras:
                if extra and not is_not_stated(extra):
                    # the page's next blocks ("Từ khóa", "Mô tả") and its controls: no field
                    rec.keep(f"{key}.{canonical_key(label)}", extra)
            continue
        for nm, cd in read_results(t):
            results.append({"name": nm} | ({"code": cd} if cd else {}))
    if results:
        rec.data["results"] = results


def build_procedure(rec: RecordReading) -> Procedure | None:
    """Validate the assembled data as a :class:`~hcc.procedures.Procedure`; errors become issues.

    >>> build_procedure(read_record({}, 0)) is None
    True
    """
    if rec.rejected:
        return None
    try:
        return Procedure.model_validate(rec.data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = ".".join(str(p) for p in err["loc"])
            rec.error("invalid_record", loc, f"{loc}: {err['msg']} [{err['type']}]")
        return None
