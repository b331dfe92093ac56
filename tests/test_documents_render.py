"""hcc.documents.render: the contract, typed contexts, errors that name fields, escaping, NFC,
district templates, DOCX, and the real objects of the other layers."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import io
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hcc.calendar import InvalidInputError
from hcc.deadlines import Extended, Received, SlaClock, compute_deadline
from hcc.documents import (
    CONTEXT_MODELS,
    ApologyContext,
    DocumentItem,
    FeeInfo,
    MissingExtraError,
    ProcedureInfo,
    ReceiptContext,
    RegisterRow,
    form_set,
    kinds,
    render,
    sample_context,
    sample_data,
    validate_context,
)
from hcc.errors import (
    DocumentContextError,
    ExtensionLimitError,
    HccError,
    UnknownDocumentError,
)
from hcc.fees import quote
from hcc.procedures import default_catalogue
from tests.test_documents_snapshots import docx_dump

HEADING = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


# --------------------------------------------------------------------------- contract
def test_kinds_lists_the_forms_then_the_letters() -> None:
    assert kinds() == (
        "receipt",
        "supplement_request",
        "refusal",
        "apology",
        "control_slip",
        "register",
        "marriage_congratulation",
        "death_condolence",
        "birth_home_delivery",
        "postal_return",
        "birth_declaration",
        "public_listing",
    )
    assert kinds("tt03-2025") == (*kinds()[:4], "processing_stop", *kinds()[4:])
    assert set(kinds("tt03-2025")) == set(CONTEXT_MODELS)


def test_form_numbers_per_form_set() -> None:
    old, new = form_set("tt01-2018"), form_set("tt03-2025")
    assert [old.spec(k).form for k in kinds()[:6]] == ["01", "02", "03", "04", "05", "06"]
    assert [new.spec(k).form for k in kinds("tt03-2025")[:7]] == [
        "01", "02", "03", "04", "05", "06", "07",
    ]  # fmt: skip
    assert new.unconfirmed
    assert all(s.unconfirmed for s in new.documents.values())
    assert not old.unconfirmed
    assert new.spec("apology").title == "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"


@pytest.mark.parametrize("set_id", ["tt01-2018", "tt03-2025"])
def test_every_document_renders_in_every_format(set_id: str) -> None:
    for kind in kinds(set_id):
        ctx = sample_context(kind)
        text = render(kind, ctx, form_set=set_id)
        page = render(kind, ctx, format="html", form_set=set_id)
        data = render(kind, ctx, format="docx", form_set=set_id)
        assert isinstance(text, str)
        assert isinstance(page, str)
        assert isinstance(data, bytes)
        for out in (text, page, docx_dump(data)):
            assert all(h in out for h in HEADING), (kind, out[:200])
            assert form_set(set_id).spec(kind).title in out
            assert unicodedata.is_normalized("NFC", out)
        assert data[:2] == b"PK"


def test_html_is_print_ready() -> None:
    receipt = render("receipt", sample_context("receipt"), format="html")
    assert "@page" in receipt
    assert "size: A5 portrait" in receipt
    assert "@media print" in receipt
    assert '<html lang="vi">' in receipt
    assert '<meta charset="utf-8">' in receipt
    assert "Nghi Phong, ngày 05 tháng 01 năm 2026" in receipt
    register = render("register", sample_context("register"), format="html")
    assert "size: A4 landscape" in register
    listing = render("public_listing", sample_context("public_listing"), format="html")
    assert "size: A4 portrait" in listing


def test_receipt_carries_the_form_01_fields() -> None:
    text = render("receipt", sample_context("receipt"))
    for needle in (
        "Mã hồ sơ: 000.00.23.H40-260105-0001",
        "tiếp nhận hồ sơ của: Nguyễn Văn An",
        "Số điện thoại: 0912 345 678",
        "Bản chính: 1, Bản sao: 0",
        "Số lượng hồ sơ: 01 (bộ)",
        "theo quy định là: 10 ngày làm việc",
        "thời hạn cam kết giải quyết: 07 ngày làm việc",
        "08 giờ 30 phút, ngày 05 tháng 01 năm 2026",
        "Phí, lệ phí: 30.000 đồng (Ba mươi nghìn đồng)",
        "Quyển số: 01, Số thứ tự: 1",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
    ):
        assert needle in " ".join(text.split()), needle


# --------------------------------------------------------------------------- errors
def test_missing_field_is_named() -> None:
    data = sample_data("receipt")
    del data["applicant"]["name"]
    with pytest.raises(DocumentContextError) as exc:
        render("receipt", data)
    assert exc.value.fields == ["applicant.name"]
    assert exc.value.kind == "receipt"
    assert "applicant.name: missing" in str(exc.value)


def test_misspelled_field_is_named_with_a_suggestion() -> None:
    data = sample_data("receipt")
    data["applicant"]["nmae"] = data["applicant"].pop("name")
    with pytest.raises(DocumentContextError) as exc:
        render("receipt", data, format="html")
    assert set(exc.value.fields) == {"applicant.name", "applicant.nmae"}
    assert "unknown field 'nmae'; did you mean 'name'?" in str(exc.value)
    assert isinstance(exc.value, ValueError)
    assert isinstance(exc.value, HccError)


def test_top_level_misspelling_and_bad_types_are_named() -> None:
    data = sample_data("apology")
    data["reasn"] = data.pop("reason")
    data["dossier"]["received_at"] = "hôm qua"
    with pytest.raises(DocumentContextError) as exc:
        validate_context("apology", data)
    assert set(exc.value.fields) == {"reasn", "reason", "dossier.received_at"}
    assert "'hôm qua'" in str(exc.value)


def test_a_moment_must_have_a_time_of_day() -> None:
    data = sample_data("receipt")
    data["dossier"]["due_at"] = dt.date(2026, 1, 14)
    with pytest.raises(DocumentContextError, match="without a time of day") as exc:
        render("receipt", data)
    assert exc.value.fields == ["dossier.due_at"]


def test_cross_field_rules_name_their_field() -> None:
    data = sample_data("receipt")
    data["dossier"]["due_at"] = None
    with pytest.raises(DocumentContextError) as exc:
        render("receipt", data)
    assert exc.value.fields == ["dossier.due_at"]

    data = sample_data("apology")
    data["new_due_at"] = data["dossier"]["due_at"]
    with pytest.raises(DocumentContextError) as exc:
        render("apology", data)
    assert exc.value.fields == ["new_due_at"]

    data = sample_data("register")
    data["rows"][1]["received_at"] = dt.datetime(2025, 12, 31, 9, 0)
    with pytest.raises(DocumentContextError) as exc:
        render("register", data)
    assert exc.value.fields == ["rows.1.received_at"]

    data = sample_data("marriage_congratulation")
    del data["spouses"][1]["title"]
    with pytest.raises(DocumentContextError) as exc:
        render("marriage_congratulation", data)
    assert exc.value.fields == ["spouses.1.title"]


def test_receipt_needs_documents_when_the_procedure_has_several_cases() -> None:
    residence = default_catalogue().get("1.004222")  # two alternative dossier cases
    data = sample_data("receipt")
    data["procedure"] = residence
    with pytest.raises(DocumentContextError, match="2 alternative dossier cases") as exc:
        render("receipt", data)
    assert exc.value.fields == ["documents"]
    data["documents"] = [DocumentItem(name="Tờ khai thay đổi thông tin cư trú")]
    assert "Tờ khai thay đổi thông tin cư trú" in render("receipt", data)


def test_unknown_kind_form_set_and_format() -> None:
    ctx = sample_context("receipt")
    with pytest.raises(UnknownDocumentError, match="no document kind 'reciept'"):
        render("reciept", ctx)
    with pytest.raises(UnknownDocumentError, match="allowed: tt01-2018, tt03-2025"):
        render("receipt", ctx, form_set="tt02-2019")
    with pytest.raises(UnknownDocumentError, match="processing_stop"):
        render(  # not in the 2018 set
            "processing_stop", sample_context("processing_stop"), form_set="tt01-2018"
        )
    with pytest.raises(InvalidInputError, match="format"):
        render("receipt", ctx, format="odt")
    with pytest.raises(LookupError):
        form_set("nope")


def test_context_of_another_kind_or_type_is_refused() -> None:
    with pytest.raises(DocumentContextError, match="got a RefusalContext"):
        render("receipt", sample_context("refusal"))
    with pytest.raises(DocumentContextError, match="expected a ReceiptContext"):
        render("receipt", ["not", "a", "mapping"])


# --------------------------------------------------------------------------- safety
EVIL = """<script>alert("x")</script> & 'Tèo' "Tý\""""


def _with_name(kind: str, name: str) -> dict[str, Any]:
    data = sample_data(kind)
    data["applicant"]["name"] = name
    return data


@pytest.mark.parametrize(
    "kind", ["receipt", "supplement_request", "refusal", "apology", "postal_return"]
)
def test_html_escapes_a_hostile_name(kind: str) -> None:
    page = render(kind, _with_name(kind, EVIL), format="html")
    assert "<script>" not in page
    assert "</script>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;Tèo&#39;" in page
    text = render(kind, _with_name(kind, EVIL))
    assert EVIL in " ".join(text.split())  # plain text is not escaped
    dumped = docx_dump(render(kind, _with_name(kind, EVIL), format="docx"))
    assert EVIL in dumped


def test_a_decomposed_name_comes_out_composed() -> None:
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hồng Nhung")
    assert nfd != "Nguyễn Thị Hồng Nhung"
    for fmt in ("text", "html"):
        out = render("receipt", _with_name("receipt", nfd), format=fmt)
        assert isinstance(out, str)
        assert "Nguyễn Thị Hồng Nhung" in out
        assert nfd not in out
        assert unicodedata.is_normalized("NFC", out)
    dumped = docx_dump(render("receipt", _with_name("receipt", nfd), format="docx"))
    assert "Nguyễn Thị Hồng Nhung" in dumped


_NAME_CHARS = st.sampled_from([*list("aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẢÃẠàáảãạ <>&\"'/;"), "é", "ọ"])


@settings(max_examples=40, deadline=None)
@given(st.lists(_NAME_CHARS, min_size=1, max_size=30).map("".join).filter(str.strip))
def test_any_name_round_trips_through_html(name: str) -> None:
    page = render("refusal", _with_name("refusal", name), format="html")
    assert isinstance(page, str)
    expected = unicodedata.normalize("NFC", name).strip()
    assert (
        f"<b>{html_lib.escape(expected, quote=True).replace('&quot;', '&#34;').replace('&#x27;', '&#39;')}</b>"
        in page
    )
    assert unicodedata.is_normalized("NFC", page)


# --------------------------------------------------------------------------- apology rules
def test_the_apology_carries_both_appointments() -> None:
    old = " ".join(render("apology", sample_context("apology"), form_set="tt01-2018").split())
    text = " ".join(render("apology", sample_context("apology")).split())  # 2026: the 2025 set
    # computed from the receipt, Monday 5/1/2026 08:30: 07 working days (Saturday 10/1 is worked)
    for t in (old, text):
        assert "hẹn trả kết quả: 17 giờ 00 phút, ngày 13 tháng 01 năm 2026" in t
    # 05 more working days counted from the next opening after 13/1 17:00
    assert "hồ sơ vào: 17 giờ 00 phút, ngày 21 tháng 01 năm 2026" in old
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN" in text
    assert "giải quyết hồ sơ đến: 17 giờ 00 phút, ngày 21 tháng 01 năm 2026" in text


def test_a_second_extension_is_refused() -> None:
    data = sample_data("apology")
    data["extensions_before"] = 1
    ctx = ApologyContext.model_validate(data)
    with pytest.raises(ExtensionLimitError, match="allows one new appointment only") as exc:
        render("apology", ctx)
    assert exc.value.event == "extension"
    with pytest.raises(ExtensionLimitError):
        render("apology", data, format="docx")


def test_the_sla_clock_supplies_the_extension_count_and_appointment() -> None:
    received = dt.datetime(2026, 1, 5, 8, 30)
    clock = SlaClock("07 ngày làm việc").record(Received(at=received))
    status = clock.status(at=dt.datetime(2026, 1, 12, 9, 0))
    data = sample_data("apology")
    data["dossier"] = {"code": "000.00.23.H40-260105-0001", "received_at": received}
    data["sla"] = status
    ctx = ApologyContext.model_validate(data)
    assert status.due_at is not None
    assert ctx.dossier.due_at == status.due_at
    assert _phrase(status.due_at) in " ".join(render("apology", ctx).split())

    extended = clock.record(
        Extended(at=dt.datetime(2026, 1, 13, 9, 0), new_due_at=dt.datetime(2026, 1, 21, 16, 0))
    )
    data["sla"] = extended.status(at=dt.datetime(2026, 1, 20, 9, 0))
    data["new_due_at"] = dt.datetime(2026, 1, 23, 16, 0)
    with pytest.raises(ExtensionLimitError):
        render("apology", data)


# --------------------------------------------------------------------------- other layers
def test_receipt_from_a_catalogue_procedure_a_deadline_and_a_quote() -> None:
    land = default_catalogue().get("1.013831")
    received = dt.datetime(2026, 1, 5, 8, 30)
    deadline = compute_deadline(received, land.time_limit_for("direct"))
    fee = quote("trich-luc-ho-tich", on=dt.date(2026, 1, 5), copies=2)
    data = sample_data("receipt")
    data.pop("fee")
    ctx = ReceiptContext.model_validate(
        {
            **data,
            "procedure": land,
            "dossier": {
                "code": "000.00.23.H40-260105-0001",
                "received_at": received,
                "due_at": deadline,
            },
            "fee": fee,
        }
    )
    assert ctx.procedure.code == "1.013831"
    assert ctx.procedure.time_limit == "10 ngày làm việc"
    assert ctx.committed_time_limit == "08 ngày làm việc"
    assert [d.name for d in ctx.items] == [d.name for d in land.documents()]
    assert ctx.dossier.due_at == deadline.due_at
    assert ctx.fee is not None
    assert ctx.fee.amount == Decimal(16000)
    text = " ".join(render("receipt", ctx).split())
    assert land.name in text
    assert "Giấy chứng nhận đã cấp (bản gốc) - Bản chính: 1" in text
    assert f"trả kết quả giải quyết hồ sơ: {_phrase(deadline.due_at)}" in text
    assert "Phí, lệ phí: 16.000 đồng (Mười sáu nghìn đồng)" in text


def _phrase(moment: dt.datetime) -> str:
    from hcc.documents import appointment_phrase

    return appointment_phrase(moment)


def test_fee_info_checks_its_total() -> None:
    with pytest.raises(ValueError, match="not the sum"):
        FeeInfo(lines=[{"description": "Lệ phí", "amount": 8000}], total=9000)  # type: ignore[list-item]
    assert FeeInfo.model_validate(35000).amount == Decimal(35000)
    with pytest.raises(ValueError, match="whole number of đồng"):
        FeeInfo.model_validate({"total": Decimal("1.5")})


def test_public_listing_from_procedures() -> None:
    cat = default_catalogue()
    data = sample_data("public_listing")
    data["field"] = "Hộ tịch"
    data["entries"] = [
        cat.get("2.000635"),
        {"procedure": cat.get("1.001193"), "fee": "Miễn lệ phí"},
    ]
    text = " ".join(render("public_listing", data).split())
    assert "Cấp bản sao trích lục hộ tịch (mã thủ tục: 2.000635)" in text
    assert "Phí, lệ phí: 8.000 đồng/bản sao trích lục" in text
    assert "Phí, lệ phí: Miễn lệ phí" in text
    data["entries"] = [cat.get("1.001193")]  # no fee text in the record: the fee must be given
    with pytest.raises(DocumentContextError) as exc:
        render("public_listing", data)
    assert exc.value.fields == ["entries.0.fee"]


def test_register_rows_from_the_dossiers_register() -> None:
    from hcc.dossiers.dossier import Dossier
    from hcc.dossiers.register import Register

    reg = Register(unit="UBND xã Nghi Phong")
    reg.add(
        Dossier.receive(
            code="000.00.01.H40-260302-0001",
            procedure_code="2.000815",
            procedure_name="Chứng thực bản sao từ bản chính",
            lead_agency="UBND xã Nghi Phong",
            applicant="Nguyễn Văn A",
            time_limit="Trong ngày",
            at=dt.datetime(2026, 3, 2, 8, 15),
        )
    )
    rows = reg.book(2026).rows()
    data = sample_data("register")
    data["rows"] = rows
    ctx = validate_context("register", data)
    row = ctx.rows[0]  # type: ignore[attr-defined]
    assert isinstance(row, RegisterRow)
    assert (row.number, row.dossier_code, row.due_at) == (
        1,
        "000.00.01.H40-260302-0001",
        rows[0].appointment,
    )
    assert "000.00.01.H40-260302-0001" in render("register", ctx, format="html")


def test_procedure_info_from_a_procedure_keeps_the_counts() -> None:
    info = ProcedureInfo.model_validate(default_catalogue().get("2.000635"))
    assert info.time_limit == "Trong ngày"
    assert info.committed_time_limit is None
    assert all(d.originals >= 0 and d.copies >= 0 for d in info.documents)


# --------------------------------------------------------------------------- district templates
def test_a_district_template_wins(tmp_path: Path) -> None:
    (tmp_path / "receipt.txt.j2").write_text(
        "GIẤY HẸN của {{ ctx.office.name }}: {{ appointment_phrase(ctx.dossier.due_at) }}\n",
        encoding="utf-8",
    )
    out = render("receipt", sample_context("receipt"), template_dir=tmp_path)
    assert (
        out
        == "GIẤY HẸN của Ủy ban nhân dân xã Nghi Phong: 17 giờ 00 phút, ngày 13 tháng 01 năm 2026\n"
    )
    # other formats and kinds still come from the package
    assert "GIẤY TIẾP NHẬN" in render(
        "receipt", sample_context("receipt"), format="html", template_dir=tmp_path
    )


def test_a_district_template_for_one_form_set(tmp_path: Path) -> None:
    (tmp_path / "tt03-2025").mkdir()
    (tmp_path / "tt03-2025" / "apology.txt.j2").write_text(
        "BẢN 2025 {{ form.form }}\n", encoding="utf-8"
    )
    assert (
        render("apology", sample_context("apology"), form_set="tt03-2025", template_dir=tmp_path)
        == "BẢN 2025 04\n"
    )
    assert "PHIẾU XIN LỖI" in render(
        "apology", sample_context("apology"), form_set="tt01-2018", template_dir=tmp_path
    )


def test_a_district_layout_shapes_html_and_docx(tmp_path: Path) -> None:
    (tmp_path / "_macros.html.j2").write_text(
        (Path(__file__).resolve().parents[1] / "src/hcc/documents/templates/_macros.html.j2")
        .read_text(encoding="utf-8")
        .replace("Độc lập - Tự do - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc (bản huyện)"),
        encoding="utf-8",
    )
    ctx = sample_context("receipt")
    assert "(bản huyện)" in render("receipt", ctx, format="html", template_dir=tmp_path)
    assert "(bản huyện)" in docx_dump(render("receipt", ctx, format="docx", template_dir=tmp_path))


def test_a_misspelled_name_in_a_district_template_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "receipt.html.j2").write_text("<p>{{ ctx.applicant.nmae }}</p>", encoding="utf-8")
    with pytest.raises(DocumentContextError, match="nmae") as exc:
        render("receipt", sample_context("receipt"), format="html", template_dir=tmp_path)
    assert exc.value.fields == ["nmae"]
    (tmp_path / "receipt.txt.j2").write_text("{{ applicant }}", encoding="utf-8")
    with pytest.raises(DocumentContextError) as exc:
        render("receipt", sample_context("receipt"), template_dir=tmp_path)
    assert exc.value.fields == ["applicant"]


def test_template_dir_must_exist(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="template_dir"):
        render("receipt", sample_context("receipt"), template_dir=tmp_path / "missing")


# --------------------------------------------------------------------------- DOCX
def test_docx_reopens_with_the_fields_and_the_paper() -> None:
    data = render("receipt", sample_context("receipt"), format="docx")
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (148, 210)
    texts = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    everything = "\n".join(texts + cells)
    for needle in (
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "000.00.23.H40-260105-0001",
        "Nguyễn Văn An",
        "17 giờ 00 phút, ngày 13 tháng 01 năm 2026",
        "Đơn đăng ký biến động đất đai (Mẫu số 11/ĐK)",
        "Nghi Phong, ngày 05 tháng 01 năm 2026",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ):
        assert needle in everything, needle
    assert document.core_properties.title == "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
    register = docx.Document(
        io.BytesIO(render("register", sample_context("register"), format="docx"))
    )
    s = register.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (297, 210)


def test_docx_is_deterministic() -> None:
    ctx = sample_context("apology")
    assert render("apology", ctx, format="docx") == render("apology", ctx, format="docx")


def test_docx_without_python_docx_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'hcc\[docx\]'") as exc:
        render("receipt", sample_context("receipt"), format="docx")
    assert isinstance(exc.value, ImportError)
    assert exc.value.extra == "docx"
    # text and HTML do not need it
    assert "GIẤY TIẾP NHẬN" in render("receipt", sample_context("receipt"))
