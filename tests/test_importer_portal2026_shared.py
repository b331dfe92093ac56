"""The importer on the shared 2026 national-portal sample (653 real records), when the file exists.

The figures of issue 12 are computed here by a small reader written for this test, from the raw
cells, without the importer's helpers: it finds the rows of each flattened channel table, reads
the time cells the portal fills from its unit picker ("5 Ngày làm việc", "14 Ngày", "3 Giờ") and
classifies each fee cell as free, an amount, text or not stated, and it lists the document numbers
of each legal-basis table. The importer's result is then compared with it.

The reader's rules come from the layout (REFERENCE §5, §7), not from the importer's output:

* a row starts where a channel name is glued to the next cell (a digit or a capital letter);
* a time cell states a limit when it is "<n> Ngày làm việc" (working days), "<n> Ngày" (calendar
  days) or "<n> Giờ" (clock hours); a bare number or "Không có thông tin" states none;
* a fee cell is *free* when it says "Miễn phí" and its note (if any) says nothing more than "no
  charge"; an *amount* when it is an amount in đồng of at least 1,000 (or a smaller one whose note
  gives it in full) whose note at most gives the unit, names the fee, cites its legal text or
  states a dated temporary rate; *text* otherwise (a note with conditions, another currency, a
  fee set by the province); *not stated* for "Không có thông tin".
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from hcc.importer import ImportReport, import_portal_records
from tests.conftest import SHARED_DOMAIN

SAMPLE = SHARED_DOMAIN / "fixtures" / "portal-records-2026-sample.json"

pytestmark = pytest.mark.skipif(
    not SAMPLE.exists(),
    reason=f"the shared 2026 portal sample is not available at {SAMPLE} (it lives outside the repo)",
)

KINDS = {"Trực tuyến": "online", "Trực tiếp": "direct", "Dịch vụ bưu chính": "postal"}
UNITS = {"Ngày làm việc": "working_days", "Ngày": "calendar_days", "Giờ": "clock_hours"}
HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"


# ---------------------------------------------------------------------- the test's own reader
def page_rows(cell: str) -> list[dict[str, Any]]:
    """The rows of one flattened channel table: kind, (amount, unit) or None, fee class."""
    body = cell[len(HEADER) :] if cell.startswith(HEADER) else cell
    starts = [
        (m.start(), m.group(1))
        for m in re.finditer(r"(Dịch vụ bưu chính|Trực tuyến|Trực tiếp)(?=[0-9A-ZĐÀ-Ỹ])", body)
    ]
    rows = []
    for k, (s, name) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(body)
        rest = body[s + len(name) : end]
        limit = None
        glued = False
        m = re.match(r"([0-9]+) (Ngày làm việc|Ngày|Giờ)(?! làm việc)", rest)
        if m:
            limit = (int(m.group(1)), UNITS[m.group(2)])
            rest = rest[m.end() :]
        elif rest.startswith("Không có thông tin"):
            rest = rest[len("Không có thông tin") :]
        elif re.match(r"[0-9]+(?:Miễn phí|Không có thông tin)", rest):
            rest = rest.lstrip("0123456789")  # a bare number: no unit, no limit
        elif re.match(r"[0-9][0-9.,]* ?(?:Việt Nam Đồng|VNĐ|USD)", rest):
            glued = True  # a bare number glued to an amount: the split is not printed
        else:  # a time cell in words, up to the fee cell
            f = re.search(
                r"Miễn phí|Không có thông tin|[0-9][0-9.,]* ?(?:Việt Nam Đồng|VNĐ|USD)", rest
            )
            rest = rest[f.start() :] if f else ""
        rows.append({"kind": KINDS[name], "limit": limit, "fee": fee_class(rest, glued)})
    return rows


CONDITIONS = (
    "trường hợp",
    "đối với",
    "nếu",
    "khi ",
    "tối đa",
    "tối thiểu",
    "dưới",
    "trên ",
    "%",
    "hội đồng nhân dân",
    "ủy ban nhân dân",
    "áp dụng đến",
    "từng",
)


def _note(rest: str, start: int) -> str:
    """The bracketed note opening at ``start`` (balanced; an unclosed one runs to the row's end),
    without its brackets; "(1) ..." opens the description, not a note."""
    if rest[start : start + 1] != "(" or re.match(
        r"\((?:[0-9]{1,2}|[ivx]{1,4}|[a-z])\)", rest[start:]
    ):
        return ""
    depth = 0
    for i in range(start, len(rest)):
        depth += {"(": 1, ")": -1}.get(rest[i], 0)
        if depth == 0:
            return rest[start + 1 : i].strip("() ").strip()
    return rest[start + 1 :]


def _money(text: str) -> list[int]:
    return [
        int(re.sub(r"[.,]", "", a))
        for a in re.findall(r"([0-9]{1,3}(?:[.,][0-9]{3})+|[0-9]+)\s*(?:đồng|đ\b|vnđ)", text)
    ]


def fee_class(rest: str, glued: bool = False) -> str:
    """free / amount / text / not_stated, for the fee cell at the start of ``rest``."""
    if rest.startswith("Không có thông tin"):
        return "not_stated"
    if rest.startswith("Miễn phí"):
        note = _note(rest, len("Miễn phí")).lower().strip(" .;-")
        if note in ("", "không", "không quy định", "không có", "miễn phí") or (
            note.startswith(("không thu", "không có", "miễn"))
            and not _money(note)
            and "hội đồng nhân dân" not in note
            and "mức lệ phí" not in note
        ):
            return "free"
        return "text"
    m = re.match(r"([0-9][0-9.,]*) ?(Việt Nam Đồng|VNĐ|USD)", rest)
    if not m or m.group(2) == "USD":
        return "text"
    digits = m.group(1)
    note = _note(rest, m.end()).lower()
    in_note = _money(note)
    if glued:
        # "120 VNĐ" is a time and an amount run together: an amount only when the note gives it
        tails = {
            int(digits[i:].replace(",", "")) for i in range(1, len(digits)) if digits[i] != ","
        }
        if not any(t in in_note or t * 1000 in in_note for t in tails):
            return "text"
        amount = next(
            t * 1000 if t * 1000 in in_note else t
            for t in sorted(tails)
            if t in in_note or t * 1000 in in_note
        )
    else:
        amount = int(re.sub(r"[.,]", "", digits))
        if 0 < amount < 1000:
            if amount * 1000 in in_note:
                amount *= 1000
            elif not (
                re.search(r"áp dụng mức phí", note)
                and any(amount < a <= amount * 1000 for a in in_note)
            ):
                return "text"
            else:
                amount *= 1000
    cut = re.search(
        r"áp dụng mức phí:? ?([0-9.]+) ?(?:đồng|đ)[^;]{0,200}?từ ngày [0-9/]+.{0,60}?đến (?:hết )?ngày [0-9/]+"
        r"(?: theo thông tư số [0-9]+/[0-9]{4}/tt-btc)?",
        note,
    )
    if cut:
        rest_of_note = (note[: cut.start()] + note[cut.end() :]).strip(" ().;")
        return "amount" if not rest_of_note else "text"
    note = re.sub(r"^/\s*\S+(?: \S+)?", "", note)  # "/trường hợp": the unit
    if any(w in note for w in CONDITIONS):
        return "text"
    if [a for a in in_note if a != amount]:
        return "text"
    return "amount"


def legal_numbers(cell: str) -> list[str]:
    """The document numbers of the number column: a number glued to what follows it (the next
    title) or ending the cell; "N/YYYY/TYPE" only (the number, year and first letters of the type)."""
    out = []
    for m in re.finditer(r"([0-9]+)/([0-9]{4})/([A-ZĐ]+)", cell):
        j = m.end()
        while j < len(cell) and (cell[j].isupper() or cell[j].isdigit() or cell[j] in "-Đ"):
            j += 1
        nxt = cell[j : j + 1]
        if nxt in ("",) or (nxt.isalpha() and nxt.islower()) or nxt.isupper():
            out.append(f"{m.group(1)}/{m.group(2)}/{m.group(3)}")
    return out


# ---------------------------------------------------------------------- the figures
@pytest.fixture(scope="module")
def sample() -> tuple[list[dict[str, Any]], ImportReport]:
    records = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return records, import_portal_records(records, source="portal-records-2026-sample.json")


def test_every_record_is_accounted_for_and_95_percent_import(
    sample: tuple[list[dict[str, Any]], ImportReport],
) -> None:
    records, report = sample
    assert len(report.results) == len(records) == 653
    assert [r.index for r in report.results] == list(range(len(records)))
    s = report.summary
    assert s.imported + s.imported_with_warnings + s.rejected == s.records_read == 653
    assert (s.imported + s.imported_with_warnings) / 653 >= 0.95
    assert "importer_error" not in report.issue_counts()
    # raw_text is a known field: never a warning
    assert not any(
        i.code == "unknown_field" and "raw_text" in i.field
        for r in report.results
        for i in r.issues
    )


def _matched(page: list[dict[str, Any]], got: list[Any]) -> list[tuple[dict[str, Any], Any]]:
    """Pair the page's rows with the importer's, in order, kind by kind."""
    pairs = []
    j = 0
    for row in page:
        k = j
        while k < len(got) and got[k].kind != row["kind"]:
            k += 1
        if k < len(got):
            pairs.append((row, got[k]))
            j = k + 1
    return pairs


def test_channels_time_limits_and_fees(sample: tuple[list[dict[str, Any]], ImportReport]) -> None:
    records, report = sample
    listed = found = stated = right = fees = fees_right = 0
    wrong: list[str] = []
    for rec, res in zip(records, report.results, strict=True):
        page = page_rows(rec["cach_thuc_thuc_hien"])
        pairs = _matched(page, list(res.rows))
        listed += len(page)
        found += len(pairs)
        for row, got in pairs:
            if row["limit"] is not None:
                stated += 1
                lim = got.time_limit
                if lim is not None and (lim.amount, lim.unit.value) == row["limit"]:
                    right += 1
                else:
                    wrong.append(f"{rec['ma_thu_tuc']} {row['limit']} -> {lim!r}")
            fees += 1
            cls = {"structured": "amount", "no_fee": "free"}.get(got.fee_status, got.fee_status)
            fees_right += cls == row["fee"]
    assert listed > 1500
    assert found / listed >= 0.95, (found, listed)
    # the summary counts every row with a known channel (repeated channels included)
    assert report.summary.channels == sum(len(res.rows) for res in report.results)
    assert report.summary.channels / listed >= 0.95
    assert report.summary.channels_with_time_limit >= right
    assert right / stated >= 0.95, (right, stated, wrong[:10])
    assert fees_right / fees >= 0.90, (fees_right, fees)


def _found(number: str, have: list[str]) -> bool:
    """Whether the importer has ``number`` ("N/YYYY/TYPE"): same year, same type, and a serial
    that ends the reader's digits (a title ending in digits glues them to the number:
    "... 2023" + "23/2023/QH15" reads "202323/2023/QH")."""
    serial, year, kind = number.split("/")
    for h in have:
        parts = h.split("/")
        if len(parts) < 3 or not parts[0].isdigit():
            continue
        if parts[1] == year and parts[2].startswith(kind) and serial.endswith(parts[0]):
            return True
    return False


def test_legal_basis_numbers_found(sample: tuple[list[dict[str, Any]], ImportReport]) -> None:
    records, report = sample
    total = hit = 0
    missed = []
    for rec, res in zip(records, report.results, strict=True):
        numbers = legal_numbers(rec["can_cu_phap_ly"])
        proc = res.procedure
        have = [d.number for d in proc.legal_basis] if proc is not None else []
        if proc is None and res.draft is not None:
            have = [d["number"] for d in res.draft.get("legal_basis", [])]
        for n in numbers:
            total += 1
            if _found(n, have):
                hit += 1
            else:
                missed.append((rec["ma_thu_tuc"], n))
    assert total > 1500
    assert hit / total >= 0.90, (hit, total, missed[:10])


def test_levels_decision_results_and_dossier(
    sample: tuple[list[dict[str, Any]], ImportReport],
) -> None:
    records, report = sample
    by_code = {r.code: r for r in report.results if r.procedure is not None}
    # "Cấp bộ, Cấp tỉnh, Cấp xã" is three levels
    multi = next(r for r in records if r["cap_thuc_hien"] == "Cấp bộ, Cấp tỉnh, Cấp xã")
    p = by_code[multi["ma_thu_tuc"]].procedure
    assert p is not None
    assert [lv.value for lv in p.levels] == ["central", "province", "commune"]
    with_codes = 0
    debris = 0
    for rec, res in zip(records, report.results, strict=True):
        if res.procedure is None:
            continue
        p = res.procedure
        assert p.publishing_decision is not None
        # the number, without a leading "Số"; a cell that holds no number is kept verbatim
        number = re.search(
            r"(?<![0-9a-z./])[0-9]+(?:/[0-9]{4})?/[A-ZĐ][A-ZĐa-z0-9-]*", rec["so_quyet_dinh"]
        )
        expected = number.group(0) if number else rec["so_quyet_dinh"].strip()
        assert p.publishing_decision.number == expected
        codes = re.findall(r"Mã: (KQ\.[A-Z0-9]+\.[0-9]+)", rec["ket_qua_xu_ly"])
        got = [r.code for r in p.results]
        if codes:
            with_codes += 1
            assert codes == [c for c in got if c and c.startswith("KQ.")], rec["ma_thu_tuc"]
        # the page's controls never become a result
        assert not any("Chọn cơ quan" in r.name for r in p.results)
        debris += any("Chọn cơ quan" in k.text or "Tỉnh/ Thành phố" in k.text for k in res.kept)
        # the count column became counts: every "N bản chính" row is a document
        # a count column is glued to the next name: not followed by a lower-case word, nor by
        # another count (then it was the name's own "01 bản chính")
        counted = len(
            re.findall(
                r"[0-9] bản chính(?! [a-zà-ỹđ])(?![.;:]?\s?[0-9]+ bản)", rec["thanh_phan_ho_so"]
            )
        )
        docs = sum(len(c.documents) for c in p.dossier)
        assert docs >= 0.9 * counted, (rec["ma_thu_tuc"], docs, counted)
    assert with_codes > 500
    assert debris > 500  # the page debris is kept verbatim, not dropped
