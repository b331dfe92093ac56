"""The importer on the hand-written fixtures of tests/fixtures/portal/.

Every expected value below was written by reading the fixture text (see the comments), not by
running the importer.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from hcc.deadlines import TimeLimit
from hcc.importer import ImportInputError, ImportReport, import_portal_records
from hcc.procedures import load_catalogue

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "portal"


def load(name: str) -> list[Any]:
    data = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


@pytest.fixture(scope="module")
def labels() -> ImportReport:
    return import_portal_records(load("labels"), source="labels.json")


@pytest.fixture(scope="module")
def snake() -> ImportReport:
    return import_portal_records(load("snake"), source="snake.json")


@pytest.fixture(scope="module")
def messy() -> ImportReport:
    return import_portal_records(load("messy"), source="messy.json")


# ---------------------------------------------------------------------- labels.json
def test_labels_statuses(labels: ImportReport) -> None:
    # 2.000815 and 2.000884: every cell structured (tiered page fee, per-case fee, parsed limits).
    # 1.001193: the fee is left to the province ("theo mức thu ... HĐND cấp tỉnh") on 3 channels.
    # 1.000894: the fee names an exemption but no amount → text.
    assert [(r.code, r.status.value) for r in labels.results] == [
        ("2.000815", "imported"),
        ("1.001193", "imported_with_warnings"),
        ("2.000884", "imported"),
        ("1.000894", "imported_with_warnings"),
    ]
    assert labels.results[1].issue_codes() == ("fee_as_text",) * 3
    assert labels.results[3].issue_codes() == ("fee_as_text",)
    s = labels.summary
    # channels: 2 + 3 + 1 + 1 = 7, all with a readable limit; fees: 2 (2.000815) + 1 (2.000884)
    # structured, 3 (1.001193) + 1 (1.000894) as text; 2 schedules (one per structured procedure)
    assert (s.records_read, s.imported, s.imported_with_warnings, s.rejected) == (4, 2, 2, 0)
    assert (s.channels, s.channels_with_time_limit) == (7, 7)
    assert (s.fees_structured, s.fees_as_text, s.fees_not_stated, s.fee_schedules) == (3, 4, 0, 2)


def test_certified_copy_record(labels: ImportReport) -> None:
    p = labels.catalogue.get("2.000815")
    assert p.field == "Chứng thực"
    assert [lv.value for lv in p.levels] == ["commune", "other"]  # "Cấp xã, Cơ quan khác"
    assert p.applicants == ("Công dân Việt Nam", "Người nước ngoài")
    assert p.publishing_decision is not None
    assert p.publishing_decision.number == "3152/QĐ-BTP"
    assert [c.kind.value for c in p.channels] == ["direct", "postal"]
    # "Trong ngày ... hoặc trong ngày làm việc tiếp theo, nếu tiếp nhận yêu cầu sau 15 giờ;
    #  trường hợp yêu cầu chứng thực số lượng lớn thì không quá 02 ngày làm việc"
    limit = p.time_limit_for("direct")
    assert limit.unit.value == "same_day"
    assert limit.alternate == TimeLimit.of(2, "working_days")
    assert p.time_limit_note is not None
    assert "sau 15 giờ" in p.time_limit_note
    assert [(d.name, d.originals, d.copies) for d in p.documents()] == [
        ("Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao", 1, 0),
        ("Bản sao cần chứng thực.", 0, 1),
    ]
    assert all(d.form_url is None for d in p.documents())  # "...download_file.jsp?ma=" is empty
    assert [(d.number, d.issued_on) for d in p.legal_basis] == [
        ("23/2015/NĐ-CP", dt.date(2015, 2, 16)),
        ("226/2016/TT-BTC", dt.date(2016, 11, 11)),
    ]
    assert [s.description[:6] for s in p.steps] == ["Bước 1", "Bước 2", "Bước 3"]
    # kept verbatim: the reception address and the issuing bodies (no field for them)
    kept = {k.field: k.text for k in labels.results[0].kept}
    assert kept["Địa chỉ tiếp nhận HS"] == "Bộ phận Một cửa Ủy ban nhân dân cấp xã"
    assert kept["Căn cứ pháp lý[1].co_quan_ban_hanh"] == "Bộ Tài chính"


def test_certified_copy_quote_from_imported_rules(labels: ImportReport) -> None:
    cat = labels.catalogue
    # Circular 226/2016: 5 pages → 2×2,000 + 3×1,000 = 7,000 per copy; 2 copies = 14,000
    q = cat.quote("2.000815", on=dt.date(2026, 3, 2), pages=5, copies=2)
    assert q.total == Decimal(14000)
    # 300 pages → 4,000 + 298,000 = 302,000, capped at 200,000 per copy
    assert cat.quote("2.000815", on=dt.date(2026, 3, 2), pages=300, copies=1).total == Decimal(
        200000
    )
    # the postal channel shares the schedule of the same text
    assert cat.fee_schedule("2.000815", "postal").id == cat.fee_schedule("2.000815").id
    schedule = cat.fee_schedule("2.000815")
    # the fee rule cites the fee circular the record lists, marked unconfirmed
    assert "226/2016/TT-BTC" in schedule.rules[0].legal_basis
    assert schedule.unconfirmed
    assert cat.quote("2.000884", on=dt.date(2026, 3, 2), cases=3).total == Decimal(30000)


def test_birth_registration_record(labels: ImportReport) -> None:
    p = labels.catalogue.get("1.001193")
    # "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ ..." → the same-day
    # limit with the 15:00 rule (issue 12: "Ngay trong ngày" is not "Cấp ngay")
    assert all(p.time_limit_for(k).unit.value == "same_day" for k in ("direct", "online", "postal"))
    assert p.time_limit_note is not None
    assert p.time_limit_note.startswith("Ngay trong ngày")
    for ch in p.channels:  # the fee text stays, verbatim, and no schedule pretends to know it
        assert ch.fee_schedule is None
        assert ch.fee_text is not None
        assert "Hội đồng nhân dân cấp tỉnh" in ch.fee_text
    assert [(c.name, len(c.documents)) for c in p.dossier] == [
        ("Giấy tờ phải nộp", 3),
        ("Giấy tờ phải xuất trình", 1),
    ]
    authorisation = p.dossier[0].documents[2]
    assert (authorisation.name, authorisation.required) == ("Văn bản ủy quyền (nếu có)", False)
    assert p.dossier[0].documents[0].form == "Tờ khai đăng ký khai sinh"
    assert [(d.number, d.title) for d in p.legal_basis] == [
        ("60/2014/QH13", "Luật Hộ tịch"),
        (
            "123/2015/NĐ-CP",
            "Nghị định ngày 15/11/2015 quy định chi tiết một số điều và biện pháp thi hành "
            "Luật Hộ tịch",
        ),
    ]


def test_marriage_record_has_an_alternate(labels: ImportReport) -> None:
    # "Ngay trong ngày tiếp nhận hồ sơ; trường hợp cần xác minh điều kiện kết hôn thì không quá
    # 05 ngày làm việc": the same day, or 5 working days when conditions must be verified
    limit = labels.catalogue.get("1.000894").statutory_time_limit
    assert limit is not None
    assert limit.unit.value == "same_day"
    assert limit.alternate == TimeLimit.of(5, "working_days")
    assert limit.alternate_condition == "trường hợp cần xác minh điều kiện kết hôn"


def test_catalogue_round_trips_through_a_file(labels: ImportReport, tmp_path: Path) -> None:
    path = tmp_path / "imported.json"
    path.write_text(labels.catalogue.to_json(), encoding="utf-8")
    assert load_catalogue(path) == labels.catalogue


# ---------------------------------------------------------------------- snake.json
def test_snake_case_export(snake: ImportReport) -> None:
    assert [(r.code, r.status.value) for r in snake.results] == [
        ("2.000635", "imported"),
        ("1.004873", "imported_with_warnings"),  # fee "theo mức thu do HĐND cấp tỉnh" → text
    ]
    p = snake.catalogue.get("2.000635")
    assert [lv.value for lv in p.levels] == ["commune", "province", "other"]
    assert p.agencies.implementing == ("Ủy ban nhân dân cấp xã", "Sở Tư pháp")
    # channel rows flattened as "Trực tiếp · <limit> · <fee> · <description>"
    assert [c.kind.value for c in p.channels] == ["direct", "online", "postal"]
    assert all(str(c.time_limit) == "Trong ngày" for c in p.channels)
    assert p.channels[2].description == "Gửi qua dịch vụ bưu chính"
    # Circular 281/2016 art. 4: 8,000 per extract copy
    assert snake.catalogue.quote("2.000635", on=dt.date(2026, 3, 2), copies=3).total == Decimal(
        24000
    )
    docs = list(p.documents())
    assert docs[0].form_url == "https://example.org/mau/to-khai-trich-luc.docx"
    assert (docs[1].name, docs[1].required) == ("Văn bản ủy quyền (nếu có)", False)
    assert [(r.name, r.code) for r in p.results] == [("Bản sao trích lục hộ tịch", "KQ.G15.000021")]
    assert [d.number for d in p.legal_basis] == [
        "60/2014/QH13",
        "123/2015/NĐ-CP",
        "281/2016/TT-BTC",
    ]


def test_snake_case_lists_and_nested_rows(snake: ImportReport) -> None:
    p = snake.catalogue.get("1.004873")
    assert [c.kind.value for c in p.channels] == ["direct", "online"]  # "hinh_thuc" + "chi_tiet"
    assert str(p.statutory_time_limit) == "03 ngày làm việc"
    assert p.related == ("1.000894",)
    assert [(c.name, [(d.originals, d.copies) for d in c.documents]) for c in p.dossier] == [
        (None, [(1, 0)]),
        ("Người yêu cầu đã có vợ, chồng nhưng đã ly hôn", [(0, 1)]),
    ]
    assert p.legal_basis[0].issued_on == dt.date(2015, 11, 15)
    assert [(r.name, r.code) for r in p.results] == [
        ("Giấy xác nhận tình trạng hôn nhân", "KQ.G15.000005")
    ]
    # the online fee cell is empty: not stated, no warning for it
    assert snake.summary.fees_not_stated == 1


# ---------------------------------------------------------------------- messy.json
def test_messy_records_are_each_accounted_for(messy: ImportReport) -> None:
    codes = [r.issue_codes() for r in messy.results]
    status = [r.status.value for r in messy.results]
    assert len(messy.results) == 9
    assert [r.index for r in messy.results] == list(range(9))
    # 0: no "Mã thủ tục" at all
    assert (status[0], codes[0]) == ("rejected", ("missing_code",))
    # 1: "1.1193" does not match the code pattern
    assert (status[1], codes[1]) == ("rejected", ("malformed_code",))
    # 2: online "0" (no unit) and postal "Không có thông tin"; direct has a limit
    assert (status[2], codes[2]) == (
        "imported_with_warnings",
        ("time_limit_unparsed", "time_limit_not_stated"),
    )
    # 3: same code as record 2
    assert (status[3], codes[3]) == ("rejected", ("duplicate_code",))
    # 4: unknown field, "Cấp thôn", "Luật Xây dựng" without a number, two fee amounts,
    #    "Qua fax", a second "Trực tiếp" row, a document without counts
    assert status[4] == "imported_with_warnings"
    assert set(codes[4]) == {
        "unknown_field",
        "level_unrecognised",
        "legal_basis_unsplit",
        "fee_as_text",
        "unknown_channel",
        "duplicate_channel",
        "counts_not_stated",
    }
    # 5, 6: a string and null are not records
    assert codes[5] == codes[6] == ("not_a_mapping",)
    # 7: "Tùy theo đợt" and a bare "30": no channel has a readable limit; the portal publishes
    #    such records, so it is imported without a limit, with a warning
    assert status[7] == "imported_with_warnings"
    assert codes[7][-1] == "missing_time_limit"
    # 8: a number for the code, an object for the level, a number for the channels
    assert status[8] == "rejected"
    assert {"malformed_code", "unexpected_shape", "missing_channel"} <= set(codes[8])
    assert "importer_error" not in {c for cs in codes for c in cs}


def test_messy_summary(messy: ImportReport) -> None:
    s = messy.summary
    # accepted: records 2, 4 and 7 (all with warnings); the other 6 rejected
    assert (s.records_read, s.imported, s.imported_with_warnings, s.rejected) == (9, 0, 3, 6)
    # channels (every row naming a known channel): 1 + 1 + 3 + 1 + 2 (fax unknown; the second
    # "Trực tiếp" row counts, a case of its own) + 2 + 0 = 10
    # parsed limits: rec0 "Ngay trong ngày tiếp nhận hồ sơ", rec1 "5 Ngày", rec2 direct,
    #                rec3 "03 Ngày làm việc", rec4 "20 Ngày làm việc" and "30 Ngày làm việc" = 6
    assert (s.channels, s.channels_with_time_limit) == (10, 6)
    # fees: rec2 direct and online "Lệ phí: 0 Đồng" → no fee (2 structured); rec4 two amounts →
    # text (1); every other row's cell is empty or "Không có thông tin" (7)
    assert (s.fees_structured, s.fees_as_text, s.fees_not_stated) == (2, 1, 7)
    assert len(messy.catalogue) == 3


def test_messy_text_is_kept_verbatim(messy: ImportReport) -> None:
    p = messy.catalogue.get("1.000656")
    # the unreadable "0" stays in the note, labelled with its channel
    assert p.time_limit_note is not None
    assert "Trực tuyến: 0" in p.time_limit_note
    assert p.channel("postal").time_limit is None  # falls back to the statutory limit
    kept = [k.text for k in messy.results[4].kept]
    assert "Cấp thôn" in kept
    assert "Luật Xây dựng" in kept
    assert "dòng này không thuộc mẫu của Cổng" in kept
    assert any(t.startswith("Qua fax") for t in kept)
    assert messy.catalogue.get("1.000105").channel("direct").fee_text == (
        "Phí: 150.000 Đồng Phí: 500.000 Đồng"
    )
    # a record without a readable limit keeps its channels; deadlines ask for a limit first
    xt = messy.results[7].procedure
    assert xt is not None
    assert xt.name == "Xét tuyển"
    assert xt.statutory_time_limit is None
    assert [c.kind.value for c in xt.channels] == ["direct", "postal"]
    # a rejected record keeps what could be assembled, in the catalogue file shape
    draft = messy.results[8].draft
    assert draft is not None
    assert "channels" in draft
    assert messy.results[5].issues[0].text == '"không phải một bản ghi"'


def test_whole_call_errors() -> None:
    for bad in ({"ma_thu_tuc": "1.001193"}, "records", 5, None):
        with pytest.raises(ImportInputError) as info:
            import_portal_records(bad)  # type: ignore[arg-type]
        assert info.value.value is bad
        assert isinstance(info.value, ValueError)
    with pytest.raises(ImportInputError, match="sources"):
        import_portal_records([{}], sources=["a", "b"])


def test_sources_per_record() -> None:
    records = load("labels")[:2]
    report = import_portal_records(records, sources=["a.json", "b.json"])
    assert [r.source for r in report.results] == ["a.json", "b.json"]
    assert report.catalogue.get("1.001193").sources == ("b.json",)


def test_garbage_collector_state_is_restored() -> None:
    import gc

    records = load("labels")
    assert gc.isenabled()
    import_portal_records(records)
    assert gc.isenabled()
    gc.disable()
    try:
        import_portal_records(records)
        assert not gc.isenabled()
    finally:
        gc.enable()
