"""The 2026 national-portal layout, on records typed by hand (tests/fixtures/portal/portal2026.json).

Every expected value below is read by eye from the fixture's cells (the layout is described in
REFERENCE §5 and docs/import.md), not produced by the importer.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from hcc.errors import TimeLimitNotStatedError
from hcc.importer import ImportReport, import_portal_records, parse_fee_text
from hcc.importer.flat import (
    split_channel_table,
    split_dossier_table,
    split_legal_table,
    split_results,
)

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "portal" / "portal2026.json"
H = "Hình thức nộpThời gianPhí, lệ phíMô tả"


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def report(records: list[dict[str, Any]]) -> ImportReport:
    return import_portal_records(records, source="portal2026.json")


def test_every_record_imports_and_gaps_are_warnings(report: ImportReport) -> None:
    status = {r.code: (r.status.value, set(r.issue_codes())) for r in report.results}
    assert status["9.000001"] == ("imported", set())
    assert status["9.000005"] == ("imported", set())  # its agency comes from raw_text, silently
    # "Không có thông tin" as the implementing agency: imported, with a warning
    assert status["9.000002"] == ("imported_with_warnings", {"missing_agency"})
    # no legal basis: imported, with a warning
    assert "missing_legal_basis" in status["9.000003"][1]
    # "1" with no unit in every row: no limit; imported without one
    assert status["9.000006"][0] == "imported_with_warnings"
    assert "missing_time_limit" in status["9.000006"][1]
    assert report.summary.rejected == 0
    assert not any(i.code == "unknown_field" for r in report.results for i in r.issues)


def test_channel_rows_time_and_fee(report: ImportReport) -> None:
    p = report.catalogue.get("9.000001")
    assert [c.kind.value for c in p.channels] == ["online", "direct", "postal"]
    assert [str(c.time_limit) for c in p.channels] == [
        "05 ngày làm việc",
        "05 ngày làm việc",
        "07 ngày",
    ]
    # "Miễn phí" is free (no schedule, and the row says so), not "not stated"
    rows = report.results[0].rows
    assert [r.fee_status for r in rows] == ["no_fee", "structured", "not_stated"]
    assert p.channel("online").fee_schedule is None
    assert p.channel("online").fee_text == "Miễn phí"
    assert p.channel("direct").description == "Nộp tại Bộ phận Một cửa."
    q = report.catalogue.quote("9.000001", channel="direct", on=dt.date(2026, 3, 2), copies=3)
    assert q.total == Decimal(24000)  # 8.000 đồng a copy


def test_temporary_cut_is_two_dated_versions(report: ImportReport) -> None:
    cat = report.catalogue
    # 50.000 đồng, 25.000 đồng from 1/7/2025 to 31/12/2026 (Circular 64/2025/TT-BTC), then 50.000
    assert cat.quote("9.000002", on=dt.date(2025, 6, 30)).total == Decimal(50000)
    assert cat.quote("9.000002", on=dt.date(2025, 7, 1)).total == Decimal(25000)
    assert cat.quote("9.000002", on=dt.date(2026, 12, 31)).total == Decimal(25000)
    assert cat.quote("9.000002", on=dt.date(2027, 1, 1)).total == Decimal(50000)


def test_amounts_in_thousands_and_other_currencies(report: ImportReport) -> None:
    r = next(r for r in report.results if r.code == "9.000003")
    # "Trực tuyến120 VNĐ(20.000 vnđ /tờ khai)": time "1" (no unit) and 20 (thousand) đồng a
    # declaration, which the note confirms
    assert [(row.kind, row.time_text, row.time_limit) for row in r.rows][:2] == [
        ("online", "1", None),
        ("direct", "1", None),
    ]
    q = report.catalogue.quote("9.000003", channel="online", on=dt.date(2026, 3, 2), documents=2)
    assert q.total == Decimal(40000)
    # "10 USD(/lần)": not taken as 10 đồng; kept as text with a warning
    postal = report.catalogue.get("9.000003").channel("postal")
    assert postal.fee_schedule is None
    assert postal.fee_text == "10 USD(/lần)"
    assert any(i.code == "fee_as_text" and "USD" in i.message for i in r.issues)


def test_repeated_channel_and_prose_time_cell(report: ImportReport) -> None:
    r = next(r for r in report.results if r.code == "9.000004")
    assert [(row.kind, row.time_text) for row in r.rows] == [
        ("direct", "12 Ngày làm việc"),
        ("direct", "20 Ngày làm việc"),
        ("online", "Không phải trả kết quả"),
    ]
    p = r.procedure
    assert p is not None
    assert str(p.channel("direct").time_limit) == "12 ngày làm việc"
    # the second direct row (its own case) is kept verbatim, with a warning
    assert any(k.text.startswith("Trực tiếp · 20 Ngày làm việc") for k in r.kept)
    assert "duplicate_channel" in r.issue_codes()
    assert p.channel("online").time_limit is None
    assert "Không phải trả kết quả" in (p.time_limit_note or "")


def test_no_time_limit_is_imported_but_refuses_deadlines(report: ImportReport) -> None:
    p = report.catalogue.get("9.000006")
    assert p.statutory_time_limit is None
    with pytest.raises(TimeLimitNotStatedError):
        p.time_limit_for("direct")
    # a free cell whose note leaves the amount to the province is not free
    rows = next(r for r in report.results if r.code == "9.000006").rows
    assert [row.fee_status for row in rows] == ["text", "no_fee"]


def test_levels_decision_dossier_legal_results(report: ImportReport) -> None:
    p = report.catalogue.get("9.000002")
    assert [lv.value for lv in p.levels] == ["central", "province", "commune"]
    assert p.publishing_decision is not None
    assert p.publishing_decision.number == "64/QĐ-NHNN"
    assert [
        (c.name, [(d.name, d.form, d.originals, d.copies) for d in c.documents]) for c in p.dossier
    ] == [
        (
            "(1) Trường hợp cấp mới",
            [
                ("Đơn đề nghị cấp giấy phép (Mẫu số 01)", "Mau01.doc", 1, 0),
                ("Bản sao Giấy chứng nhận đăng ký doanh nghiệp", None, 0, 1),
            ],
        ),
        ("(2) Trường hợp cấp lại", [("Đơn đề nghị cấp lại giấy phép", None, 1, 2)]),
    ]
    # "... năm 2023" + "23/2023/QH15": the year is the title's, the number is the cell's
    assert [(d.number, d.title) for d in p.legal_basis] == [
        ("23/2023/QH15", "Luật sửa đổi, bổ sung một số điều của Luật Xuất cảnh năm 2023"),
        ("64/2025/TT-BTC", "Thông tư số 64/2025/TT-BTC"),
    ]
    assert [(r.name, r.code) for r in p.results] == [
        ("Giấy phép", "KQ.G19.000460"),
        ("Văn bản từ chối", "KQ.G19.000461"),
    ]
    first = report.catalogue.get("9.000001")
    assert [d.number for d in first.legal_basis] == [
        "60/2014/QH13",
        "123/2015/NĐ-CP",
        "281/2016/TT-BTC",
    ]
    assert first.legal_basis[2].title == "QUY ĐỊNH MỨC THU, CHẾ ĐỘ THU, NỘP LỆ PHÍ"
    # the page's controls after the results are kept verbatim, not read as a result
    kept = [k.text for k in report.results[0].kept]
    assert any(t.startswith("Tỉnh/ Thành phố") for t in kept)
    # "Văn bản đề nghị; 01 bản chính kèm theo" + "1 bản chính": the name's own words stay
    doc = next(report.catalogue.get("9.000004").documents())
    assert (doc.name, doc.originals) == ("Văn bản đề nghị; 01 bản chính kèm theo", 1)


def test_raw_text_recovers_an_empty_field(report: ImportReport) -> None:
    assert report.catalogue.get("9.000005").agencies.implementing == ("Sở Tư pháp",)


# ---------------------------------------------------------------------- the cell readers
def test_split_channel_table_cells() -> None:
    rows = split_channel_table(
        H + "Dịch vụ bưu chính14 NgàyKhông có thông tin- Nộp qua bưu chính. Trực tiếp tại Sở."
        "Trực tiếpKhông có thông tinKhông có thông tin(1) Trường hợp A: 05 ngày."
        "Trực tuyến3 GiờMiễn phí(Không quy định.)Trong 03 giờ."
    )
    assert [(r.channel, r.time, r.fee, r.description) for r in rows] == [
        (
            "Dịch vụ bưu chính",
            "14 Ngày",
            "Không có thông tin",
            "- Nộp qua bưu chính. Trực tiếp tại Sở.",
        ),
        ("Trực tiếp", "Không có thông tin", "Không có thông tin", "(1) Trường hợp A: 05 ngày."),
        ("Trực tuyến", "3 Giờ", "Miễn phí(Không quy định.)", "Trong 03 giờ."),
    ]


def test_glued_time_and_amount_need_evidence() -> None:
    # the other rows say the time is "1": 1 + 100, 1 + 25
    rows = split_channel_table(
        H + "Trực tuyến1 Ngày làm việcMiễn phíTrực tiếp1100 VNĐDịch vụ bưu chính125 VNĐ"
    )
    assert [(r.time, r.fee, r.split_doubt) for r in rows][1:] == [
        ("1", "100 VNĐ", None),
        ("1", "25 VNĐ", None),
    ]
    # no evidence: the shortest time is taken and the doubt is said
    (row,) = split_channel_table(H + "Trực tuyến1200 VNĐ")
    assert (row.time, row.fee) == ("1", "200 VNĐ")
    assert row.split_doubt is not None


def test_split_dossier_and_legal_and_results() -> None:
    docs, left = split_dossier_table(
        "Trường hợp nộp lần đầu:Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn (theo mẫu tại Phụ lục I)"
        "Phu luc I.docx1 bản chính,1 bản saoBản sao Điều lệ công ty, sửa đổi Điều 181 bản chính"
    )
    assert [(d.case, d.name, d.forms, d.originals, d.copies) for d in docs] == [
        ("Trường hợp nộp lần đầu", "Đơn (theo mẫu tại Phụ lục I)", ("Phu luc I.docx",), 1, 1),
        ("Trường hợp nộp lần đầu", "Bản sao Điều lệ công ty, sửa đổi Điều 18", (), 1, 0),
    ]
    assert left == []
    pairs, left = split_legal_table(
        "Tên văn bản pháp lýMã văn bảnQuyết định của Thủ tướng09/2023/QĐ-TTgThông tư 01/2025/TT-NHNN"
        "01/2025/TT-NHNNQuyết định 24/2024/QĐ-UBND tỉnh Sơn La24/2024"
    )
    assert [p.number for p in pairs] == ["09/2023/QĐ-TTg", "01/2025/TT-NHNN", "24/2024/QĐ-UBND"]
    results, extras = split_results(
        "Giấy đăng ký hoạt độngMã: 000.00.00.G15-KQ0187Từ khóaluật sưMô tảKhông có thông tin"
    )
    assert results == [("Giấy đăng ký hoạt động", "000.00.00.G15-KQ0187")]
    assert ("Từ khóa", "luật sư") in extras


@pytest.mark.parametrize(
    ("cell", "status", "amounts"),
    [
        ("Miễn phí", "no_fee", []),
        ("Miễn phí(Không quy định.)", "no_fee", []),
        ("Miễn phí(Miễn lệ phí đối với hồ sơ nộp trực tuyến)", "no_fee", []),
        ("Miễn phí(Theo quy định của Hội đồng nhân dân cấp tỉnh)", "text", []),
        ("Miễn phí(- Dưới 5 tấn: 50.000 đồng/giấy)", "text", []),
        ("2,000,000 Việt Nam Đồng", "structured", [2000000]),
        ("50.000 Việt Nam Đồng(Phí thẩm định cấp giấy phép)", "structured", [50000]),
        ("50,000 Việt Nam Đồng(/giao dịch)", "structured", [50000]),
        ("8,000 VNĐ(8.000 đồng/bản)", "structured", [8000]),
        ("40,000 Việt Nam Đồng(50.000đ/giấy thông hành)", "text", []),
        ("10,000 Việt Nam Đồng(Trường hợp nộp trực tiếp thu 10.000 đồng/lần)", "text", []),
        ("20 VNĐ", "text", []),
        ("20 VNĐ(20.000 đồng)", "structured", [20000]),
        ("165 USD(165 USD/thẻ)", "text", []),
        ("0 VNĐ", "no_fee", []),
        (
            "500,000 VNĐ(Phí cung cấp thông tin (Miễn phí từ ngày 07/4/2026 đến 30/6/2026 theo "
            "Thông tư 40/2026/TT-BTC))",
            "structured",
            [500000, 0, 500000],
        ),
    ],
)
def test_portal_fee_cells(cell: str, status: str, amounts: list[int]) -> None:
    r = parse_fee_text(cell)
    assert r.status == status, r.reason
    assert [getattr(rule, "amount", None) for rule in r.rules if rule.kind != "exemption"] == [
        Decimal(a) for a in amounts
    ]
    if status == "text":
        assert r.reason


def test_header_variants_and_fractional_time_cells() -> None:
    # a variant middle header, and a half working day written as a fraction
    rows = split_channel_table(
        "Hình thức nộpThời hạn giải quyếtPhí, lệ phíMô tảTrực tuyến1/2 Ngày làm việcMiễn phí"
        "Trực tiếp0,5 Ngày làm việcKhông có thông tin"
    )
    assert [(r.channel, r.time, r.fee) for r in rows] == [
        ("Trực tuyến", "1/2 Ngày làm việc", "Miễn phí"),
        ("Trực tiếp", "0,5 Ngày làm việc", "Không có thông tin"),
    ]
    pairs, _ = split_legal_table("Tên văn bảnSố hiệu văn bảnLuật Hộ tịch60/2014/QH13")
    assert [(p.title, p.number) for p in pairs] == [("Luật Hộ tịch", "60/2014/QH13")]
