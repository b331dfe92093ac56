"""Fictional contexts for every document kind, computed with hcc: previews, docs and snapshots.

The people, codes and numbers are invented. Since 1 July 2025 local government has two tiers,
province and commune (Law on Organisation of Local Government 72/2025/QH15 of 16/6/2025): the
samples are issued by the commune of Nghi Phong (Nghệ An) and its Public Administration Service
Centre (Trung tâm Phục vụ hành chính công), never by a district. Every date and appointment is
computed from one received moment, :data:`RECEIVED` (Monday 5 January 2026, 08:30, a year with
an official calendar notice), with the deadline rules and the calendar in force — never typed:
the land dossier's committed limit of 07 working days falls due on Tuesday 13 January 2026
(Saturday 10 January is worked in exchange for Friday 2 January, Official Dispatch
12729/VPCP-KGVX).

>>> sample_context("receipt").applicant.name
'Nguyễn Văn An'
>>> sample_context("receipt").dossier.due_at.isoformat()
'2026-01-13T17:00:00+07:00'
>>> sorted(SAMPLE_KINDS) == sorted(CONTEXT_MODELS)
True
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

from hcc.calendar import VN_TZ, vietnam_calendar
from hcc.deadlines import compute_deadline, policy_in_force
from hcc.documents.models import CONTEXT_MODELS, _Context
from hcc.documents.offices import issuing_office
from hcc.errors import UnknownDocumentError, _short_repr

__all__ = ["RECEIVED", "SAMPLE_KINDS", "sample_context", "sample_data"]

RECEIVED = dt.datetime(2026, 1, 5, 8, 30, tzinfo=VN_TZ)
"""The moment the sample land dossier is received; every sample date is computed from it."""

# the commune's Public Administration Service Centre receives; the commune signs the letters
_CENTRE = issuing_office(
    "commune_centre",
    "Nghi Phong",
    on=RECEIVED.date(),
    address="Xóm 5, xã Nghi Phong, tỉnh Nghệ An",
    phone="0238 3861 234",
).model_dump(exclude_none=True)
_COMMUNE = issuing_office(
    "commune_committee", "Nghi Phong", on=RECEIVED.date(), phone="0238 3861 555"
).model_dump(exclude_none=True)
_APPLICANT = {
    "name": "Nguyễn Văn An",
    "title": "Ông",
    "address": "Xóm 3, xã Nghi Phong, tỉnh Nghệ An",
    "phone": "0912 345 678",
    "email": "nguyenvanan@example.vn",
}
_LAND_OFFICE = "Chi nhánh Văn phòng đăng ký đất đai khu vực Nghi Lộc"
_TAX_OFFICE = "Thuế cơ sở 3 tỉnh Nghệ An"
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
_RECEIVER = {"name": "Trần Thị Bình", "position": "Công chức Trung tâm Phục vụ hành chính công"}
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


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=VN_TZ)


def _samples() -> dict[str, dict[str, Any]]:
    cal = vietnam_calendar()
    day0 = RECEIVED.date()
    policy = policy_in_force(RECEIVED)
    due = compute_deadline(RECEIVED, str(_LAND["committed_time_limit"]), calendar=cal)
    dossier = {"code": "000.00.23.H40-260105-0001", "received_at": RECEIVED, "due_at": due.due_at}
    # the apology: the latest day the policy allows, with a new appointment 05 working days on
    apology_on = cal.add_working_days(due.due_date, -policy.apology_lead)
    new_due = compute_deadline(due.due_at, "05 ngày làm việc", calendar=cal)
    # the inter-agency steps (control slip): each unit's own allotment from its hand-over
    to_land = RECEIVED + dt.timedelta(hours=1, minutes=30)
    one_stop_due = compute_deadline(RECEIVED, "Trong ngày", calendar=cal)
    to_tax = _at(cal.add_working_days(day0, 3), 9)
    land_due = compute_deadline(to_land, "03 ngày làm việc", calendar=cal)
    back_from_tax = _at(due.due_date, 15)
    tax_due = compute_deadline(to_tax, "02 ngày làm việc", calendar=cal)
    # a certification received the same morning (same day, 15:00 cut-off)
    cert_at = RECEIVED + dt.timedelta(minutes=35)
    cert_due = compute_deadline(cert_at, "Trong ngày", calendar=cal, field="Chứng thực")
    marriage_on = cal.add_working_days(day0, 3)
    birth_registered_on = cal.add_working_days(day0, 1)
    return {
        "receipt": {
            "office": _CENTRE,
            "number": "0001/TNHS",
            "applicant": _APPLICANT,
            "procedure": _LAND,
            "dossier": dossier,
            "receiver": _RECEIVER,
            "pickup_place": "Trung tâm Phục vụ hành chính công xã Nghi Phong",
            "register_book": "01",
            "register_entry": 1,
            "fee": {"lines": [{"description": "Lệ phí đăng ký biến động", "amount": 30000}]},
        },
        "supplement_request": {
            "office": _CENTRE,
            "number": "0001/YCBS",
            "applicant": _APPLICANT,
            "procedure": _LAND,
            "dossier": dossier,
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
            "issued_on": cal.add_working_days(day0, 1),
        },
        "refusal": {
            "office": _CENTRE,
            "number": "0001/TCHS",
            "applicant": _APPLICANT,
            "procedure": {"name": "Cấp phép xây dựng nhà ở riêng lẻ", "code": "1.009972"},
            "reasons": [
                "Thửa đất thuộc hành lang bảo vệ an toàn đường bộ, không đủ điều kiện cấp phép",
                "Yêu cầu không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã",
            ],
            "receiver": _RECEIVER,
            "issued_on": day0,
        },
        "apology": {
            "office": _CENTRE,
            "number": "01/PXL-UBND",
            "applicant": _APPLICANT,
            "procedure": _LAND,
            "dossier": dossier,
            "new_due_at": new_due.due_at,
            "reason": "Cần xác minh thêm nguồn gốc sử dụng đất tại thực địa",
            "signer": _CHAIR,
            "issued_on": apology_on,
        },
        "processing_stop": {
            "office": _CENTRE,
            "number": "01/TB-UBND",
            "applicant": _APPLICANT,
            "procedure": _LAND,
            "dossier": dossier,
            "reason": "Tòa án nhân dân khu vực 3 - Nghệ An đã thụ lý vụ án tranh chấp quyền sử dụng đất đối với thửa đất này",
            "guidance": "Hồ sơ được tiếp tục giải quyết khi có bản án, quyết định có hiệu lực pháp luật",
            "signer": _CHAIR,
            "issued_on": cal.add_working_days(day0, 4),
        },
        "control_slip": {
            "office": _CENTRE,
            "applicant": _APPLICANT,
            "procedure": _LAND,
            "dossier": dossier,
            "lead_agency": _LAND_OFFICE,
            "coordinating_agencies": [_TAX_OFFICE],
            "steps": [
                {
                    "from_unit": "Trung tâm Phục vụ hành chính công",
                    "to_unit": "Chi nhánh Văn phòng đăng ký đất đai",
                    "handed_at": to_land,
                    "due_at": one_stop_due.due_at,
                    "giver": "Trần Thị Bình",
                    "taker": "Phạm Văn Đức",
                },
                {
                    "from_unit": "Chi nhánh Văn phòng đăng ký đất đai",
                    "to_unit": _TAX_OFFICE,
                    "handed_at": to_tax,
                    "due_at": land_due.due_at,
                    "giver": "Phạm Văn Đức",
                    "taker": "Vũ Thị Hoa",
                },
                {
                    "from_unit": _TAX_OFFICE,
                    "to_unit": "Chi nhánh Văn phòng đăng ký đất đai",
                    "handed_at": back_from_tax,
                    "due_at": tax_due.due_at,
                    "giver": "Vũ Thị Hoa",
                    "taker": "Phạm Văn Đức",
                    "note": "Chờ xác minh nghĩa vụ tài chính",
                },
            ],
        },
        "register": {
            "office": _CENTRE,
            "year": day0.year,
            "book": "01",
            "rows": [
                {
                    "number": 1,
                    "dossier_code": "000.00.23.H40-260105-0001",
                    "procedure_name": _LAND["name"],
                    "applicant_name": "Nguyễn Văn An",
                    "address": "Xóm 3, xã Nghi Phong",
                    "phone": "0912 345 678",
                    "lead_agency": "Chi nhánh VPĐKĐĐ khu vực Nghi Lộc",
                    "received_at": RECEIVED,
                    "due_at": due.due_at,
                    "transferred_at": to_land,
                    "result_received_at": back_from_tax,
                    "returned_at": back_from_tax + dt.timedelta(hours=1, minutes=30),
                },
                {
                    "number": 2,
                    "dossier_code": "000.00.23.H40-260105-0002",
                    "procedure_name": "Chứng thực bản sao từ bản chính",
                    "applicant_name": "Công ty TNHH Hoa Sen",
                    "address": "Khu công nghiệp Nam Cấm",
                    "received_at": cert_at,
                    "due_at": cert_due.due_at,
                    "returned_at": cert_at + dt.timedelta(hours=1, minutes=35),
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
            "registered_on": marriage_on,
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
            "issued_on": day0,
        },
        "birth_home_delivery": {
            "office": _COMMUNE,
            "number": "03/TB-UBND",
            "family": {
                "name": "Ngô Văn Minh",
                "title": "Ông",
                "address": "Xóm 7, xã Nghi Phong, tỉnh Nghệ An",
            },
            "child_name": "Ngô Bảo Ngọc",
            "born_on": dt.date(2025, 12, 20),
            "registered_on": birth_registered_on,
            "registration_number": "12/2026",
            "delivery_at": _at(cal.add_working_days(birth_registered_on, 2), 9),
            "officer": {"name": "Trịnh Văn Phúc", "position": "Công chức Tư pháp - Hộ tịch"},
            "officer_phone": "0987 654 321",
            "signer": _COMMUNE_CHAIR,
            "issued_on": birth_registered_on,
        },
        "postal_return": {
            "office": _CENTRE,
            "number": "07/TB-MC",
            "applicant": _APPLICANT,
            "procedure": _LAND,
            "dossier": dossier,
            "result_description": "Giấy chứng nhận quyền sử dụng đất đã xác nhận nội dung biến động",
            "posted_at": back_from_tax - dt.timedelta(minutes=30),
            "postal_service": "Bưu điện xã Nghi Phong",
            "tracking_number": "EL123456789VN",
            "postage": 35000,
            "signer": _CHAIR,
            "issued_on": due.due_date,
        },
        "birth_declaration": {
            "addressee": "Ủy ban nhân dân xã Nghi Phong, tỉnh Nghệ An",
            "requester": {
                "name": "Ngô Văn Minh",
                "residence": "Xóm 7, xã Nghi Phong, tỉnh Nghệ An",
                "id_document": "Căn cước số 040090012345, cấp ngày 10/5/2021",
                "relationship": "Cha",
            },
            "child": {
                "name": "Ngô Bảo Ngọc",
                "birth_date": dt.date(2025, 12, 20),
                "sex": "Nữ",
                "ethnicity": "Kinh",
                "birthplace": "Trạm Y tế xã Nghi Phong, tỉnh Nghệ An",
                "hometown": "Xã Nghi Phong, tỉnh Nghệ An",
            },
            "mother": {
                "name": "Đặng Thị Oanh",
                "born": 1995,
                "ethnicity": "Kinh",
                "residence": "Xóm 7, xã Nghi Phong, tỉnh Nghệ An",
            },
            "father": {
                "name": "Ngô Văn Minh",
                "born": dt.date(1992, 4, 1),
                "ethnicity": "Kinh",
                "residence": "Xóm 7, xã Nghi Phong, tỉnh Nghệ An",
            },
            "copies": 2,
            "place": "Nghi Phong",
            "made_on": birth_registered_on,
            "prepared_by": "công chức Tư pháp - Hộ tịch Trịnh Văn Phúc",
        },
        "public_listing": {
            "office": _CENTRE,
            "field": "Đất đai",
            "issued_on": cal.previous_working_day(day0),
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
            f"no sample for document kind {_short_repr(kind)}; allowed: {', '.join(samples)}"
        )
    return copy.deepcopy(samples[kind])


def sample_context(kind: str) -> _Context:
    """The sample context of ``kind``, validated into its model.

    >>> sample_context("apology").new_due_at.isoformat()
    '2026-01-21T17:00:00+07:00'
    """
    data = sample_data(kind)  # an unknown kind raises UnknownDocumentError
    return CONTEXT_MODELS[kind].model_validate(data)
