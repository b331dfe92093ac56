"""Properties of the portal importer over arbitrary JSON-like input (hypothesis).

* Only a non-list input raises, and only :class:`hcc.importer.ImportInputError`.
* Every record gets exactly one result, at its own index; no record is lost silently: a record
  not in the catalogue is rejected with at least one error.
* The summary adds up, and the catalogue holds exactly the accepted records.
* The cell readers never raise on any text.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hcc._text import to_text
from hcc.importer import (
    ImportInputError,
    ImportReport,
    RecordStatus,
    import_portal_records,
    parse_fee_text,
    read_time_limit,
)

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
)
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)

# keys the importer knows, in both spellings, so that generated records reach deep code paths
KEYS = [
    "ma_thu_tuc",
    "Mã thủ tục",
    "ten_thu_tuc",
    "Tên thủ tục",
    "title",
    "cap_thuc_hien",
    "Cấp thực hiện",
    "linh_vuc",
    "Lĩnh vực",
    "co_quan_thuc_hien",
    "Cơ quan thực hiện",
    "cach_thuc_thuc_hien",
    "Cách thức thực hiện",
    "thanh_phan_ho_so",
    "Thành phần hồ sơ",
    "can_cu_phap_ly",
    "Căn cứ pháp lý",
    "thu_tuc_lien_quan",
    "ket_qua_xu_ly",
    "so_quyet_dinh",
    "doi_tuong_thuc_hien",
    "trinh_tu_thuc_hien",
    "thoi_han_giai_quyet",
    "phi_le_phi",
    "_id",
]
CELL_TEXT = st.sampled_from(
    [
        "1.001193",
        "2.000815",
        "Cấp xã, Cơ quan khác",
        "Hộ tịch",
        "Ủy ban nhân dân cấp xã",
        "Luật Hộ tịch số 60/2014/QH13",
        "07 Ngày làm việc",
        "Không có thông tin",
        "0",
        "Phí: 2.000 đồng/trang; từ trang thứ 3 trở lên thu 1.000 đồng/trang, tối đa thu không "
        "quá 200.000 đồng/bản",
        "Lệ phí: 200000 ĐồngXem chi tiết",
        "Bản chính: 1 - Bản sao: 0",
        "Trực tiếp · 20 Ngày làm việc · Phí: 10.000 đồng/trường hợp · Mô tả",
    ]
) | st.text(max_size=40)
ROW = st.dictionaries(
    st.sampled_from(
        [
            "Hình thức nộp",
            "Thời hạn giải quyết",
            "Phí, lệ phí",
            "Mô tả",
            "Tên giấy tờ",
            "Số lượng - bản chính",
            "Mẫu đơn, tờ khai",
            "Trường hợp",
            "Giấy tờ",
            "Số ký hiệu",
            "Trích yếu",
            "chi_tiet",
        ]
    ),
    CELL_TEXT | st.sampled_from(["Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"]) | JSON,
    max_size=5,
)
RECORD = st.dictionaries(
    st.sampled_from(KEYS) | st.text(max_size=10),
    CELL_TEXT | JSON | st.lists(ROW | CELL_TEXT, max_size=3),
    max_size=10,
)
RECORDS = st.lists(RECORD | JSON, max_size=6)


def check_report(records: list[Any]) -> ImportReport:
    report = import_portal_records(records)
    assert len(report.results) == len(records)
    assert [r.index for r in report.results] == list(range(len(records)))
    accepted = [r for r in report.results if r.status is not RecordStatus.REJECTED]
    for r in report.results:
        codes = r.issue_codes()
        assert "importer_error" not in codes, r.issues
        if r.status is RecordStatus.REJECTED:
            assert r.errors
            assert r.procedure is None
        else:
            assert r.procedure is not None
            assert not r.errors
            assert report.catalogue.get(r.procedure.code) == r.procedure
            assert (r.status is RecordStatus.IMPORTED) == (not r.warnings)
    assert len(report.catalogue) == len(accepted)
    s = report.summary
    assert s.imported + s.imported_with_warnings + s.rejected == s.records_read == len(records)
    assert s.channels_with_time_limit <= s.channels
    assert s.fees_structured + s.fees_as_text + s.fees_not_stated == s.channels
    json.dumps(report.to_dict(procedures=True), ensure_ascii=False)  # the report serialises
    return report


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(RECORDS)
def test_arbitrary_records_never_raise_and_are_all_accounted_for(records: list[Any]) -> None:
    check_report(records)


@settings(max_examples=150, deadline=None)
@given(st.lists(RECORD, min_size=1, max_size=3), st.data())
def test_near_valid_records(records: list[dict[str, Any]], data: st.DataObject) -> None:
    """Records with every required field present, some values replaced by arbitrary data."""
    base = {
        "Mã thủ tục": "1.001193",
        "Tên thủ tục": "Đăng ký khai sinh",
        "Lĩnh vực": "Hộ tịch",
        "Cấp thực hiện": "Cấp xã",
        "Cơ quan thực hiện": "Ủy ban nhân dân cấp xã",
        "Căn cứ pháp lý": "Luật Hộ tịch số 60/2014/QH13",
        "Cách thức thực hiện": [
            {"Hình thức nộp": "Trực tiếp", "Thời hạn giải quyết": "Ngay", "Phí, lệ phí": ""}
        ],
    }
    mixed = [{**base, **r} for r in records]
    mixed.append(dict(base))
    for rec in mixed:
        if data.draw(st.booleans()):
            rec["Mã thủ tục"] = data.draw(st.sampled_from(["1.000894", "2.000815", "1.000656"]))
    report = check_report(mixed)
    # the untouched base record is valid: it, or an earlier record with its code, is imported
    assert len(report.catalogue) >= 1


@settings(max_examples=100, deadline=None)
@given(JSON.filter(lambda v: not isinstance(v, list)))
def test_only_non_lists_raise_the_whole_call_error(value: Any) -> None:
    with pytest.raises(ImportInputError) as info:
        import_portal_records(value)
    assert info.value.value is value


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120) | CELL_TEXT)
def test_cell_readers_never_raise(text: str) -> None:
    r = read_time_limit(text)
    assert (r.limit is not None) == (r.status == "parsed")
    f = parse_fee_text(text)
    assert bool(f.rules) == (f.status == "structured")
    assert to_text(text) is not None
