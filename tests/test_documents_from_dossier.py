"""Document contexts built from a dossier: the receipt and the other forms, rendered."""

from __future__ import annotations

import datetime as dt

import pytest

from hcc import Dossier, default_catalogue
from hcc.calendar import VN_TZ
from hcc.documents import (
    ApologyContext,
    ProcessingStopContext,
    ReceiptContext,
    RefusalContext,
    SupplementRequestContext,
    render,
)
from hcc.errors import DocumentContextError, ExtensionLimitError

OFFICE = {
    "name": "Ủy ban nhân dân xã Nghi Phong",
    "place": "Nghi Phong",
    "unit": "Bộ phận Tiếp nhận và Trả kết quả",
}
OFFICER = {"name": "Trần Thị Bình", "position": "Công chức Tư pháp - Hộ tịch"}


def _dossier() -> Dossier:
    # 05 working days from Monday 2 March 2026 (no holiday in March): due Monday 9 March 17:00
    return Dossier.receive(
        code="000.00.01.H38-260302-0003",
        procedure_code="1.000001",
        procedure_name="Đăng ký biến động đất đai",
        field="Đất đai",
        lead_agency="UBND xã Nghi Phong",
        applicant="Nguyễn Văn An",
        address="Xóm 3, xã Nghi Phong",
        phone="0912345678",
        time_limit="05 ngày làm việc",
        statutory_limit="10 ngày làm việc",
        sets=2,
        at=dt.datetime(2026, 3, 2, 9, 0),
    )


def test_receipt_from_a_dossier() -> None:
    d = _dossier()
    ctx = ReceiptContext.from_dossier(
        d,
        office=OFFICE,
        receiver=OFFICER,
        documents=[{"name": "Đơn đăng ký biến động (Mẫu số 11/ĐK)", "originals": 1}],
        register_book="01",
        register_entry=7,
    )
    assert ctx.dossier.code == "000.00.01.H38-260302-0003"
    assert ctx.dossier.received_at == dt.datetime(2026, 3, 2, 9, tzinfo=VN_TZ)
    assert ctx.dossier.due_at == dt.datetime(2026, 3, 9, 17, tzinfo=VN_TZ)
    assert ctx.applicant.name == "Nguyễn Văn An"
    assert ctx.applicant.phone == "0912345678"
    assert ctx.procedure.time_limit == "10 ngày làm việc"
    assert ctx.committed_time_limit == "05 ngày làm việc"
    assert ctx.sets == 2
    assert ctx.pickup_place == "Bộ phận Tiếp nhận và Trả kết quả"
    assert ctx.register_entry == "7"
    text = render("receipt", ctx)
    assert "Nguyễn Văn An" in text
    assert "000.00.01.H38-260302-0003" in text


def test_receipt_with_the_procedure_record_takes_its_documents() -> None:
    d = Dossier.receive(
        code="000.00.01.H38-260213-0001",
        procedure_code="1.001193",
        procedure_name="Đăng ký khai sinh",
        lead_agency="UBND xã",
        applicant="Lê Thị C",
        time_limit="Trong ngày",
        at=dt.datetime(2026, 2, 13, 15, 40),
    )
    p = default_catalogue().get("1.001193")
    ctx = ReceiptContext.from_dossier(d, office=OFFICE, receiver=OFFICER, procedure=p)
    assert ctx.items == ctx.procedure.documents
    assert ctx.items
    # after 15:00 on the Friday before Tết: Monday 23 February (REFERENCE §3, the demo's case)
    assert ctx.dossier.due_at == dt.datetime(2026, 2, 23, 17, tzinfo=VN_TZ)


def test_receipt_names_what_is_missing() -> None:
    with pytest.raises(DocumentContextError) as info:
        ReceiptContext.from_dossier(_dossier(), office=OFFICE, receiver=OFFICER)
    assert info.value.fields == ["documents"]
    with pytest.raises(DocumentContextError) as info:
        ReceiptContext.from_dossier(_dossier(), office={"place": "X"}, receiver=OFFICER)
    assert "name" in info.value.fields


def test_supplement_request_from_the_log() -> None:
    d = _dossier().record(
        "supplement_requested", dt.datetime(2026, 3, 3, 10), reason="Thiếu bản sao sổ đỏ"
    )
    ctx = SupplementRequestContext.from_dossier(
        d,
        office=OFFICE,
        items=[{"name": "Bản sao Giấy chứng nhận quyền sử dụng đất", "copies": 1}],
        guide=OFFICER,
        guide_phone="0238 3861 234",
    )
    assert ctx.reason == "Thiếu bản sao sổ đỏ"
    assert ctx.issued_on == dt.date(2026, 3, 3)
    assert ctx.dossier is not None
    assert ctx.dossier.code == d.code_text
    assert "Thiếu bản sao sổ đỏ" in render("supplement_request", ctx)
    with pytest.raises(DocumentContextError) as info:
        SupplementRequestContext.from_dossier(
            _dossier(), office=OFFICE, items=[{"name": "X"}], guide=OFFICER, guide_phone="1"
        )
    assert info.value.fields == ["reason"]


def test_refusal_from_the_log() -> None:
    d = _dossier().record("refused", dt.datetime(2026, 3, 4, 9), reason="Đất đang có tranh chấp")
    ctx = RefusalContext.from_dossier(d, office=OFFICE, receiver=OFFICER)
    assert ctx.reasons == ("Đất đang có tranh chấp",)
    assert ctx.issued_on == dt.date(2026, 3, 4)
    assert "Đất đang có tranh chấp" in render("refusal", ctx)
    with pytest.raises(DocumentContextError):
        RefusalContext.from_dossier(_dossier(), office=OFFICE, receiver=OFFICER)


def test_apology_from_the_extension_in_the_log() -> None:
    new_due = dt.datetime(2026, 3, 12, 17, tzinfo=VN_TZ)
    d = _dossier().record(
        "extended", dt.datetime(2026, 3, 5, 10), new_due=new_due, reason="Cần xác minh thực địa"
    )
    ctx = ApologyContext.from_dossier(d, office=OFFICE, signer=OFFICER)
    assert ctx.original_due_at == dt.datetime(2026, 3, 9, 17, tzinfo=VN_TZ)
    assert ctx.new_due_at == new_due
    assert (ctx.reason, ctx.issued_on, ctx.extensions) == (
        "Cần xác minh thực địa",
        dt.date(2026, 3, 5),  # at least a working day before the due date 9/3
        0,
    )
    ctx.check_rules()  # the one extension the law allows
    assert "Cần xác minh thực địa" in render("apology", ctx)
    # a second letter for a new appointment after the recorded one is refused (art. 19(9))
    again = ApologyContext.from_dossier(
        d,
        office=OFFICE,
        signer=OFFICER,
        new_due_at=dt.datetime(2026, 3, 20, 17),
        reason="Lần hai",
        issued_on="2026-03-06",
    )
    with pytest.raises(ExtensionLimitError):
        again.check_rules()


def test_processing_stop() -> None:
    ctx = ProcessingStopContext.from_dossier(
        _dossier(),
        office=OFFICE,
        signer=OFFICER,
        reason="Người nộp đề nghị dừng",
        issued_on="2026-03-05",
    )
    assert ctx.dossier.code == "000.00.01.H38-260302-0003"
    assert ctx.dossier.due_at == dt.datetime(2026, 3, 9, 17, tzinfo=VN_TZ)


def test_control_slip_from_the_clock() -> None:
    from hcc.documents import ControlSlipContext

    d = (
        _dossier()
        .record(
            "transferred",
            dt.datetime(2026, 3, 2, 10),
            agency="Chi cục Thuế",
            allotment="02 ngày làm việc",
        )
        .record("transfer_returned", dt.datetime(2026, 3, 4, 16))  # due 4/3 17:00
        .record("result_ready", dt.datetime(2026, 3, 6, 9))  # due 9/3 17:00
    )
    ctx = ControlSlipContext.from_dossier(d, office=OFFICE)
    unit, lead = "Bộ phận Tiếp nhận và Trả kết quả", "UBND xã Nghi Phong"
    got = [(s.from_unit, s.to_unit, s.handed_at, s.due_at, s.outcome) for s in ctx.steps]
    assert got == [
        (unit, lead, dt.datetime(2026, 3, 2, 9, tzinfo=VN_TZ), None, None),
        (lead, "Chi cục Thuế", dt.datetime(2026, 3, 2, 10, tzinfo=VN_TZ), None, None),
        (
            "Chi cục Thuế",
            lead,
            dt.datetime(2026, 3, 4, 16, tzinfo=VN_TZ),
            dt.datetime(2026, 3, 4, 17, tzinfo=VN_TZ),
            "on_time",
        ),
        (
            lead,
            unit,
            dt.datetime(2026, 3, 6, 9, tzinfo=VN_TZ),
            dt.datetime(2026, 3, 9, 17, tzinfo=VN_TZ),
            "early",
        ),
    ]
    text = render("control_slip", ctx)
    assert "Chi cục Thuế" in text
    assert "Đúng hạn" in text


def test_receipt_takes_a_register_reference() -> None:
    from hcc.dossiers import Register

    d = _dossier()
    reg = Register()
    ref = reg.add(d)
    ctx = ReceiptContext.from_dossier(
        d,
        office=OFFICE,
        receiver=OFFICER,
        documents=[{"name": "Đơn"}],
        register_entry=ref,
    )
    assert ctx.register_entry == "1"
