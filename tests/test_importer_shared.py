"""The importer on the shared 2021 portal scrape (87 records), when the file is present.

The summary's figures are recomputed here **independently** of the importer, from the raw file,
with a deliberately small classifier of the cells (written after reading every distinct time-limit
and fee cell of the file by hand; the families are listed next to each rule). The test then checks
that the importer's summary agrees.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from hcc.importer import import_portal_records
from tests.conftest import SHARED_DOMAIN

SAMPLE = SHARED_DOMAIN / "fixtures" / "portal-records-2021.json"

pytestmark = pytest.mark.skipif(
    not SAMPLE.exists(),
    reason=f"the shared portal sample is not available at {SAMPLE} (it lives outside the repo)",
)

CHANNELS = "Cách thức thực hiện"
LIMIT = "Thời hạn giải quyết"
FEE = "Phí, lệ phí"


def limit_parses(cell: str) -> bool:
    """Hand-written: which of the file's time-limit cells state a readable limit.

    Readable: "<n> Ngày làm việc" / "<n> Ngày" / "<n> Tháng"; "Ngay trong ngày tiếp nhận ..."
    (with the 15:00 clause after it); "03 ngày làm việc, trường hợp phải xác minh thì không quá
    08 ngày làm việc."; "Tối đa 6 ngày làm việc kể từ ...". Not readable: "", bare numbers ("0",
    "1", "30"), "Không quy định", "Không có", "Khác", "Tùy theo đợt", "Theo hướng dẫn ...",
    "Do sở ... quy định", "Chưa quy định cụ thể.", "Không xác định", and the paragraphs that
    describe payment schedules.

    Since TimeLimit.parse reads limits in prose and by case (issue 12), also readable: "- Thời hạn
    thực hiện liên thông ... tối đa không quá 15 ngày làm việc ..." and the "a) ...: Tối đa 06 ngày
    làm việc ... b) ...: Tối đa 03 ngày làm việc ..." cells (one limit per case).
    """
    return bool(
        re.fullmatch(r"\d+ (Ngày làm việc|Ngày|Tháng)", cell)
        or cell.startswith("Ngay trong ngày tiếp nhận")
        or cell.startswith("03 ngày làm việc, trường hợp phải xác minh")
        or cell.startswith("Tối đa 6 ngày làm việc kể từ")
        or cell.startswith("- Thời hạn thực hiện liên thông")
        or cell.startswith("a) Nhận hồ sơ từ đơn vị SDLĐ: Tối đa 06 ngày làm việc")
    )


# A payment schedule ("Kinh phí ... được cấp đủ trong 9 tháng/năm học và chi trả 2 lần ...: Lần 1 chi trả
# đủ 4 tháng vào tháng 10 ...") states no time limit: see test_a_payment_schedule_is_no_time_limit.
PAYMENT_SCHEDULE = "- Phương thức chi trả tiền hỗ trợ chi phí học tập"


def _reads_as_limit(cell: str) -> bool:
    return limit_parses(cell)


def fee_kind(cell: str) -> str:
    """Hand-written: "not_stated" (empty), "structured" (one amount, or zero / "Không"), "text"."""
    if cell == "":
        return "not_stated"
    amounts = re.findall(r"(?:Phí|Lệ phí): ([\d.]+) Đồng", cell)
    labels = re.findall(r"(?:Lệ phí|Phí):", cell)
    if cell == "Phí: Không Đồng":
        return "structured"  # "no fee"
    if len(labels) == 1 and len(amounts) == 1:
        return "structured"  # "Lệ phí: 200000 ĐồngXem chi tiết", "Lệ phí: 0 Đồng..."
    return "text"  # no amount, an amount left to the province, or several amounts


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_shared_sample_summary_matches_an_independent_count(records: list[dict[str, Any]]) -> None:
    report = import_portal_records(records)  # no exception is the first assertion
    cells = [c for r in records for c in r[CHANNELS]]
    # every row names one of the three channels and no record repeats one (read off the file)
    assert {c["Hình thức nộp"] for c in cells} == {"Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"}
    assert all(len({c["Hình thức nộp"] for c in r[CHANNELS]}) == len(r[CHANNELS]) for r in records)
    fees = [fee_kind(c[FEE]) for c in cells]
    s = report.summary
    # the 2021 scrape has no code, level, field or legal basis: every record is rejected
    assert not any("Mã thủ tục" in r or "ma_thu_tuc" in r for r in records)
    assert (s.records_read, s.imported, s.imported_with_warnings, s.rejected) == (
        len(records),
        0,
        0,
        len(records),
    )
    assert s.records_read == 87
    assert s.channels == len(cells) == 161
    # 115 cells minus the one payment schedule, which states no time limit
    assert s.channels_with_time_limit == sum(_reads_as_limit(c[LIMIT]) for c in cells) == 114
    assert s.fees_not_stated == fees.count("not_stated") == 118
    assert s.fees_structured == fees.count("structured") == 15
    assert s.fees_as_text == fees.count("text") == 28
    assert s.fee_schedules == 0
    assert len(report.catalogue) == 0


def test_every_shared_record_is_accounted_for(records: list[dict[str, Any]]) -> None:
    report = import_portal_records(records)
    assert [r.index for r in report.results] == list(range(len(records)))
    no_limit = sum(not any(_reads_as_limit(c[LIMIT]) for c in r[CHANNELS]) for r in records)
    counts = report.issue_counts()
    assert counts["missing_code"] == len(records)
    # 29, plus the record whose only time cell is the payment schedule
    assert counts["missing_time_limit"] == no_limit == 30
    assert counts["missing_agency"] == sum(1 for r in records if not r["Cơ quan thực hiện"].strip())
    assert "importer_error" not in counts
    for r, raw in zip(report.results, records, strict=True):
        assert r.status.value == "rejected"
        assert r.errors
        assert r.name == " ".join(raw["title"].split())
        # what was read is kept in the draft, fee text and limit notes included
        assert r.draft is not None
        assert len(r.draft["channels"]) == len(raw[CHANNELS])
        for ch, cell in zip(r.draft["channels"], raw[CHANNELS], strict=True):
            fee = cell[FEE].replace("Xem chi tiết", " ")
            if fee.strip():
                assert ch["fee_text"] == " ".join(fee.split())


def test_completed_shared_records_import(records: list[dict[str, Any]]) -> None:
    """Give each scraped record what the 2021 scrape lacks (a code, field, level, legal basis):
    then every record imports; those with no readable limit or no agency carry a warning that
    says so (the portal publishes such records: the model allows the gap)."""
    completed = [
        {
            **r,
            "Mã thủ tục": f"9.{i:06d}",
            "Lĩnh vực": "Thử nghiệm",
            "Cấp thực hiện": "Cấp xã, Cơ quan khác",
            "Căn cứ pháp lý": "Luật Hộ tịch số 60/2014/QH13",
        }
        for i, r in enumerate(records)
    ]
    report = import_portal_records(completed)
    no_limit = [
        i for i, r in enumerate(records) if not any(_reads_as_limit(c[LIMIT]) for c in r[CHANNELS])
    ]
    no_agency = [i for i, r in enumerate(records) if not r["Cơ quan thực hiện"].strip()]
    assert report.by_status("rejected") == ()
    assert len(report.catalogue) == len(records)
    assert [r.index for r in report.results if "missing_time_limit" in r.issue_codes()] == no_limit
    assert [r.index for r in report.results if "missing_agency" in r.issue_codes()] == no_agency
    for i in no_limit:
        p = report.results[i].procedure
        assert p is not None
        assert p.statutory_time_limit is None
    # the structured fees of accepted records became schedules the catalogue can quote
    for p in report.catalogue:
        for ch in p.channels:
            if ch.fee_schedule is not None:
                assert report.catalogue.fee_schedules[ch.fee_schedule].charge_rules()


def test_a_payment_schedule_is_no_time_limit(records: list[dict[str, Any]]) -> None:
    from hcc.importer import read_time_limit

    cells = [
        c[LIMIT] for r in records for c in r[CHANNELS] if c[LIMIT].startswith(PAYMENT_SCHEDULE)
    ]
    assert cells
    assert all(read_time_limit(c).status == "unparsed" for c in cells)
