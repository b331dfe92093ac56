"""Fixed, fictional contexts for every document kind: previews, docs and snapshot tests.

The people, codes and numbers are invented; the district is Nghi Lộc (Nghệ An), the founding
story of REFERENCE §1. Dates are in January 2026, a year with an official calendar notice.

>>> sample_context("receipt").applicant.name
'Nguyễn Văn An'
>>> sorted(SAMPLE_KINDS) == sorted(CONTEXT_MODELS)
True
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

from hcc.documents.models import CONTEXT_MODELS, _Context
from hcc.errors import UnknownDocumentError

__all__ = ["SAMPLE_KINDS", "sample_context", "sample_data"]

_DISTRICT = {
    "name": "Ủy ban nhân dân huyện Nghi Lộc",
    "unit": "Bộ phận Tiếp nhận và Trả kết quả",
    "place": "Nghi Lộc",
    "address": "Khối 5, thị trấn Quán Hành, huyện Nghi Lộc, tỉnh Nghệ An",
    "phone": "0238 3861 234",
}
_COMMUNE = {
    "name": "Ủy ban nhân dân xã Nghi Phong",
    "unit": "Bộ phận Tiếp nhận và Trả kết quả",
    "place": "Nghi Phong",
    "phone": "0238 3861 555",
}
_APPLICANT = {
    "name": "Nguyễn Văn An",
    "title": "Ông",
    "address": "Xóm 3, xã Nghi Phong, huyện Nghi Lộc, tỉnh Nghệ An",
    "phone": "0912 345 678",
    "email": "nguyenvanan@example.vn",
}
_LAND = {
    "name": "Đăng ký biến động quyền sử dụng đất do chuyển nhượng",
    "code": "1.003010",
    "time_limit": "10 ngày làm việc",
    "committed_time_limit": "07 ngày làm việc",
    "documents": [
        {"name": "Đơn đăng ký biến động đất đai (Mẫu số 11/ĐK)", "originals": 1, "copies": 0},
        {"name": "Hợp đồng chuyển nhượng quyền sử dụng đất đã công chứng", "originals": 1},
        {"name": "Giấy chứng nhận quyền sử dụng đất đã cấp", "originals": 1},
    ],
}
_DOSSIER = {
    "code": "000.00.23.H40-260105-0001",
    "received_at": dt.datetime(2026, 1, 5, 8, 30),
    "due_at": dt.datetime(2026, 1, 14, 16, 0),
    "sets": 1,
}
_RECEIVER = {"name": "Trần Thị Bình", "position": "Công chức Bộ phận Một cửa"}
_CHAIR = {
    "name": "Lê Văn Cường",
    "position": "Phó Chủ tịch",
    "on_behalf": ["TM. Ủy ban nhân dân", "KT. Chủ tịch"],
}
_COMMUNE_CHAIR = {
    "name": "Hoàng Thị Dung",
    "position": "Chủ tịch",
    "on_behalf": ["TM. Ủy ban nhân dân"],
}


def _samples() -> dict[str, dict[str, Any]]:
    return {
        "receipt": {
            "office": _DISTRICT,
            "number": "0001/TNHS",
            "applicant": _APPLICANT,
            "procedure": _LAND,
            "dossier": _DOSSIER,
            "receiver": _RECEIVER,
            "pickup_place": "Bộ phận Tiếp nhận và Trả kết quả huyện Nghi Lộc",
            "register_book": "01",
            "register_entry": 1,
            "fee": {"lines": [{"description": "Lệ phí đăng ký biến động", "amount": 30000}]},
        },
        "supplement_request": {
            "office": _DISTRICT,
            "number": "0001/YCBS",
            "applicant": _APPLICANT,
            "procedure": _LAND,
            "dossier": _DOSSIER,
            "items": [
                {
                    "name": "Hợp đồng chuyển nhượng quyền sử dụng đất đã công chứng",
                    "originals": 1,
                    "detail": "Thiếu chữ ký của bên nhận chuyển nhượng",
                },
                {
                    "name": "Bản sao Căn cước của bên nhận chuyển nhượng",
                    "originals": 0,
                    "copies": 1,
                },
            ],
            "reason": "Hợp đồng chưa đủ chữ ký của các bên; thiếu giấy tờ nhân thân",
            "guide": _RECEIVER,
            "guide_phone": "0238 3861 234",
            "issued_on": dt.date(2026, 1, 6),
        },
        "refusal": {
            "office": _DISTRICT,
            "number": "0001/TCHS",
            "applicant": _APPLICANT,
            "procedure": {"name": "Cấp phép xây dựng nhà ở riêng lẻ", "code": "1.009972"},
            "reasons": [
                "Thửa đất thuộc hành lang bảo vệ an toàn đường bộ, không đủ điều kiện cấp phép",
                "Yêu cầu không thuộc thẩm quyền giải quyết của Ủy ban nhân dân huyện",
            ],
            "receiver": _RECEIVER,
            "issued_on": dt.date(2026, 1, 5),
        },
        "apology": {
            "office": _DISTRICT,
            "number": "01/PXL-UBND",
            "applicant": _APPLICANT,
            "procedure": _LAND,
            "dossier": _DOSSIER,
            "new_due_at": dt.datetime(2026, 1, 21, 16, 0),
            "reason": "Cần xác minh thêm nguồn gốc sử dụng đất với Ủy ban nhân dân xã Nghi Phong",
            "signer": _CHAIR,
            "issued_on": dt.date(2026, 1, 12),
        },
        "processing_stop": {
            "office": _DISTRICT,
            "number": "01/TB-UBND",
            "applicant": _APPLICANT,
            "procedure": _LAND,
            "dossier": _DOSSIER,
            "reason": "Tòa án nhân dân huyện đã thụ lý vụ án tranh chấp quyền sử dụng đất đối với thửa đất này",
            "guidance": "Hồ sơ được tiếp tục giải quyết khi có bản án, quyết định có hiệu lực pháp luật",
            "signer": _CHAIR,
            "issued_on": dt.date(2026, 1, 9),
        },
        "control_slip": {
            "office": _DISTRICT,
            "applicant": _APPLICANT,
            "procedure": _LAND,
            "dossier": _DOSSIER,
            "lead_agency": "Chi nhánh Văn phòng đăng ký đất đai huyện Nghi Lộc",
            "coordinating_agencies": ["Chi cục Thuế khu vực Nghi Lộc"],
            "steps": [
                {
                    "from_unit": "Bộ phận Tiếp nhận và Trả kết quả",
                    "to_unit": "Chi nhánh Văn phòng đăng ký đất đai",
                    "handed_at": dt.datetime(2026, 1, 5, 10, 0),
                    "due_at": dt.datetime(2026, 1, 5, 17, 0),
                    "giver": "Trần Thị Bình",
                    "taker": "Phạm Văn Đức",
                },
                {
                    "from_unit": "Chi nhánh Văn phòng đăng ký đất đai",
                    "to_unit": "Chi cục Thuế khu vực Nghi Lộc",
                    "handed_at": dt.datetime(2026, 1, 8, 9, 0),
                    "due_at": dt.datetime(2026, 1, 9, 17, 0),
                    "giver": "Phạm Văn Đức",
                    "taker": "Vũ Thị Hoa",
                },
                {
                    "from_unit": "Chi cục Thuế khu vực Nghi Lộc",
                    "to_unit": "Chi nhánh Văn phòng đăng ký đất đai",
                    "handed_at": dt.datetime(2026, 1, 13, 15, 0),
                    "due_at": dt.datetime(2026, 1, 12, 17, 0),
                    "giver": "Vũ Thị Hoa",
                    "taker": "Phạm Văn Đức",
                    "note": "Chờ xác minh nghĩa vụ tài chính",
                },
            ],
        },
        "register": {
            "office": _DISTRICT,
            "year": 2026,
            "book": "01",
            "rows": [
                {
                    "number": 1,
                    "dossier_code": "000.00.23.H40-260105-0001",
                    "procedure_name": _LAND["name"],
                    "applicant_name": "Nguyễn Văn An",
                    "address": "Xóm 3, xã Nghi Phong",
                    "phone": "0912 345 678",
                    "lead_agency": "Chi nhánh VPĐKĐĐ huyện",
                    "received_at": dt.datetime(2026, 1, 5, 8, 30),
                    "due_at": dt.datetime(2026, 1, 14, 16, 0),
                    "transferred_at": dt.datetime(2026, 1, 5, 10, 0),
                    "result_received_at": dt.datetime(2026, 1, 13, 15, 0),
                    "returned_at": dt.datetime(2026, 1, 14, 9, 15),
                },
                {
                    "number": 2,
                    "dossier_code": "000.00.23.H40-260105-0002",
                    "procedure_name": "Chứng thực bản sao từ bản chính",
                    "applicant_name": "Công ty TNHH Hoa Sen",
                    "address": "Khu công nghiệp Nam Cấm",
                    "received_at": dt.datetime(2026, 1, 5, 9, 5),
                    "due_at": dt.datetime(2026, 1, 5, 11, 0),
                    "returned_at": dt.datetime(2026, 1, 5, 10, 40),
                    "note": "Trả ngay trong ngày",
                },
            ],
        },
        "marriage_congratulation": {
            "office": _COMMUNE,
            "number": "05/TCM",
            "spouses": [
                {"name": "Phan Văn Giang", "title": "Anh"},
                {"name": "Đinh Thị Hương", "title": "Chị"},
            ],
            "registered_on": dt.date(2026, 1, 8),
            "certificate_number": "05/2026",
            "signer": _COMMUNE_CHAIR,
        },
        "death_condolence": {
            "office": _COMMUNE,
            "addressee": {"name": "Lê Văn Khánh", "title": "Ông"},
            "deceased": {
                "name": "Lê Văn Lâm",
                "title": "Cụ ông",
                "died_on": dt.date(2026, 1, 3),
                "age": 86,
                "birth_year": 1940,
            },
            "extract_number": "02/TLKT",
            "signer": _COMMUNE_CHAIR,
            "issued_on": dt.date(2026, 1, 5),
        },
        "birth_home_delivery": {
            "office": _COMMUNE,
            "number": "03/TB-UBND",
            "family": {
                "name": "Ngô Văn Minh",
                "title": "Ông",
                "address": "Xóm 7, xã Nghi Phong, huyện Nghi Lộc, tỉnh Nghệ An",
            },
            "child_name": "Ngô Bảo Ngọc",
            "born_on": dt.date(2025, 12, 20),
            "registered_on": dt.date(2026, 1, 6),
            "registration_number": "12/2026",
            "delivery_at": dt.datetime(2026, 1, 8, 9, 0),
            "officer": {"name": "Trịnh Văn Phúc", "position": "Công chức Tư pháp - Hộ tịch"},
            "officer_phone": "0987 654 321",
            "signer": _COMMUNE_CHAIR,
            "issued_on": dt.date(2026, 1, 6),
        },
        "postal_return": {
            "office": _DISTRICT,
            "number": "07/TB-MC",
            "applicant": _APPLICANT,
            "procedure": _LAND,
            "dossier": _DOSSIER,
            "result_description": "Giấy chứng nhận quyền sử dụng đất đã xác nhận nội dung biến động",
            "posted_at": dt.datetime(2026, 1, 13, 14, 30),
            "postal_service": "Bưu điện huyện Nghi Lộc",
            "tracking_number": "EL123456789VN",
            "postage": 35000,
            "signer": _CHAIR,
            "issued_on": dt.date(2026, 1, 13),
        },
        "birth_declaration": {
            "addressee": "Ủy ban nhân dân xã Nghi Phong, huyện Nghi Lộc, tỉnh Nghệ An",
            "requester": {
                "name": "Ngô Văn Minh",
                "residence": "Xóm 7, xã Nghi Phong, huyện Nghi Lộc, tỉnh Nghệ An",
                "id_document": "Căn cước số 040090012345, cấp ngày 10/5/2021",
                "relationship": "Cha",
            },
            "child": {
                "name": "Ngô Bảo Ngọc",
                "birth_date": dt.date(2025, 12, 20),
                "sex": "Nữ",
                "ethnicity": "Kinh",
                "birthplace": "Bệnh viện Đa khoa huyện Nghi Lộc, tỉnh Nghệ An",
                "hometown": "Xã Nghi Phong, huyện Nghi Lộc, tỉnh Nghệ An",
            },
            "mother": {
                "name": "Đặng Thị Oanh",
                "born": 1995,
                "ethnicity": "Kinh",
                "residence": "Xóm 7, xã Nghi Phong, huyện Nghi Lộc, tỉnh Nghệ An",
            },
            "father": {
                "name": "Ngô Văn Minh",
                "born": dt.date(1992, 4, 1),
                "ethnicity": "Kinh",
                "residence": "Xóm 7, xã Nghi Phong, huyện Nghi Lộc, tỉnh Nghệ An",
            },
            "copies": 2,
            "place": "Nghi Phong",
            "made_on": dt.date(2026, 1, 6),
            "prepared_by": "công chức Tư pháp - Hộ tịch Trịnh Văn Phúc",
        },
        "public_listing": {
            "office": _DISTRICT,
            "field": "Đất đai",
            "issued_on": dt.date(2026, 1, 2),
            "entries": [
                {
                    "code": "1.003010",
                    "name": _LAND["name"],
                    "statutory_time_limit": "10 ngày làm việc",
                    "committed_time_limit": "07 ngày làm việc",
                    "fee": Decimal(30000),
                    "fee_note": "Lệ phí đăng ký biến động",
                },
                {
                    "code": "1.004227",
                    "name": "Đính chính Giấy chứng nhận đã cấp",
                    "statutory_time_limit": "10 ngày làm việc",
                    "fee": 0,
                },
                {
                    "code": "1.003003",
                    "name": "Xóa đăng ký cho thuê, cho thuê lại quyền sử dụng đất",
                    "statutory_time_limit": "03 ngày làm việc",
                    "committed_time_limit": "02 ngày làm việc",
                    "fee": "Theo Nghị quyết của Hội đồng nhân dân tỉnh",
                },
            ],
            "note": "Thời hạn giải quyết tính từ khi nhận đủ hồ sơ hợp lệ",
        },
    }


SAMPLE_KINDS: tuple[str, ...] = tuple(_samples())
"""The kinds that have a sample (all of them)."""


def sample_data(kind: str) -> dict[str, Any]:
    """The sample context of ``kind`` as plain data (a fresh deep copy each call).

    >>> sample_data("refusal")["procedure"]["code"]
    '1.009972'
    """
    samples = _samples()
    if not isinstance(kind, str) or kind not in samples:
        raise UnknownDocumentError(
            f"no sample for document kind {kind!r}; allowed: {', '.join(samples)}"
        )
    return copy.deepcopy(samples[kind])


def sample_context(kind: str) -> _Context:
    """The sample context of ``kind``, validated into its model.

    >>> sample_context("apology").new_due_at.isoformat()
    '2026-01-21T16:00:00+07:00'
    """
    data = sample_data(kind)  # an unknown kind raises UnknownDocumentError
    return CONTEXT_MODELS[kind].model_validate(data)
