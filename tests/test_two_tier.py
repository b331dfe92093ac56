"""Two-tier local government (issue 14, point 2): nothing dated after 30/6/2025 in the docs, the
samples or the demo names a district issuer.

From 1/7/2025 local government has two tiers, province and commune (xã, phường, đặc khu), under
the Law on Organisation of Local Government 72/2025/QH15 of 16/6/2025; district-level government
(huyện, quận, thị xã) stopped operating and stays a historical level for records dated before.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest

from hcc.cli import main as cli_main
from hcc.documents import form_sets, kinds, render, sample_context
from hcc.procedures import Level

ROOT = Path(__file__).resolve().parents[1]
SWITCH = dt.date(2025, 7, 1)

_UNIT = r"(?:huyện|quận|thị xã)"
DISTRICT_ISSUER = re.compile(
    r"(?:ủy ban nhân dân|ubnd|bộ phận[^\n,.;]{0,40}?|phòng[^\n,.;]{0,40}?|chi nhánh[^\n,.;]{0,60}?"
    r"|chi cục[^\n,.;]{0,40}?|tòa án nhân dân|bưu điện|trung tâm[^\n,.;]{0,50}?"
    rf"|văn phòng[^\n,.;]{{0,40}}?|công an)\s+(?:cấp\s+)?{_UNIT}\b"
    rf"|,\s*{_UNIT}\s+\w",  # an address that names a district: "xã A, huyện B"
    re.IGNORECASE,
)
_DATES = (
    (re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)"), (1, 2, 3)),
    (re.compile(r"dt\.date(?:time)?\((20\d\d),\s*(\d{1,2}),\s*(\d{1,2})"), (1, 2, 3)),
    (re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (20\d\d)"), (3, 2, 1)),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(20\d\d)\b"), (3, 2, 1)),
)


def dates_in(text: str) -> list[dt.date]:
    out = []
    for rx, (y, m, d) in _DATES:
        for g in rx.finditer(text):
            try:
                out.append(dt.date(int(g.group(y)), int(g.group(m)), int(g.group(d))))
            except ValueError:
                continue
    return out


def offences(chunk: str) -> list[str]:
    """District issuers in a chunk that is not dated wholly before 1/7/2025."""
    chunk = unicodedata.normalize("NFC", chunk)
    hits = [m.group(0) for m in DISTRICT_ISSUER.finditer(chunk)]
    if not hits:
        return []
    days = dates_in(chunk)
    if days and all(d < SWITCH for d in days):
        return []  # a historical record, dated before the two-tier reform
    return hits


def chunks(text: str) -> list[str]:
    """Code fences whole, other text by paragraph."""
    out: list[str] = []
    for i, part in enumerate(re.split(r"^```.*$", text, flags=re.M)):
        out.extend([part] if i % 2 else re.split(r"\n\s*\n", part))
    return out


def test_the_scanner_sees_a_district_issuer() -> None:
    assert offences("Ủy ban nhân dân huyện Nghi Lộc, ngày 05 tháng 01 năm 2026")
    assert offences('"address": "Xóm 3, xã Nghi Phong, huyện Nghi Lộc"')  # undated: not allowed
    assert offences("UBND cấp huyện")
    assert offences("Bộ phận Một cửa quận Ba Đình")
    assert not offences("Ủy ban nhân dân huyện Nghi Lộc, ngày 03 tháng 6 năm 2020")  # history
    assert not offences("Ủy ban nhân dân xã Nghi Phong, ngày 05 tháng 01 năm 2026")
    assert not offences("Cấp huyện → district (historical)")  # a level, not an issuer


PAGES = sorted(
    [ROOT / "README.md", *(ROOT / "docs").rglob("*.md"), *(ROOT / "examples").glob("*.py")]
)


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_docs_and_examples_name_no_district_issuer(page: Path) -> None:
    found = [h for c in chunks(page.read_text(encoding="utf-8")) for h in offences(c)]
    assert found == [], f"{page.name}: district issuer in text dated after 30/6/2025: {found}"


@pytest.mark.parametrize(
    ("set_id", "kind"), [(fs.id, k) for fs in form_sets() for k in kinds(fs.id)]
)
def test_samples_name_no_district_issuer(set_id: str, kind: str) -> None:
    text = render(kind, sample_context(kind), form_set=set_id)
    assert all(d >= SWITCH for d in dates_in(text) if d.year >= 2025)
    assert offences(text) == []


def test_the_demo_names_no_district_issuer(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["demo"]) == 0
    out = capsys.readouterr().out
    assert dates_in(out)
    assert max(dates_in(out)) >= SWITCH
    assert offences(out) == []


def test_district_is_a_historical_level() -> None:
    assert Level.DISTRICT.in_force(dt.date(2025, 6, 30))
    assert not Level.DISTRICT.in_force(SWITCH)
    assert all(lv.in_force(SWITCH) for lv in Level if lv is not Level.DISTRICT)
    assert Level.in_force_on(SWITCH) == (
        Level.CENTRAL,
        Level.PROVINCE,
        Level.COMMUNE,
        Level.OTHER,
    )


def test_a_record_dated_after_the_reform_with_a_district_level_is_flagged(tmp_path: Path) -> None:
    import json

    from hcc.procedures import validate_catalogue

    def record(code: str, valid_from: str | None) -> dict[str, object]:
        return {
            "code": code,
            "name": "Đăng ký thành lập hộ kinh doanh",
            "field": "Thành lập và hoạt động của hộ kinh doanh",
            "levels": ["district"],
            "agencies": {"implementing": ["Phòng Tài chính - Kế hoạch"]},
            "channels": [{"kind": "direct"}],
            "statutory_time_limit": "03 ngày làm việc",
            "legal_basis": [{"number": "168/2025/NĐ-CP"}],
            "valid_from": valid_from,
        }

    path = tmp_path / "cat.json"
    doc = {
        "version": "t",
        "procedures": [record("1.001612", "2025-07-01"), record("1.001266", "2021-01-04")],
    }
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    report = validate_catalogue(path)
    assert report.ok  # a warning, not an error: the record may be read from an old source
    assert [(w.kind, w.code, w.field) for w in report.warnings] == [
        ("district_level_after_reform", "1.001612", "levels")
    ]


def test_issuing_offices_follow_the_two_tiers() -> None:
    from hcc.calendar import InvalidInputError
    from hcc.documents import IssuerKind, issuing_office

    day = dt.date(2026, 1, 5)
    centre = issuing_office("commune_centre", "Nghi Phong", on=day)
    assert centre.heading_lines == (
        "ỦY BAN NHÂN DÂN XÃ NGHI PHONG",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
    )
    assert centre.place == "Nghi Phong"
    special = issuing_office("commune_committee", "Côn Đảo", unit_type="đặc khu", on=day)
    assert special.agency_heading == ("", "ỦY BAN NHÂN DÂN ĐẶC KHU CÔN ĐẢO")
    city = issuing_office("provincial_committee", "Hà Nội", unit_type="thành phố", on=day)
    assert city.name == "Ủy ban nhân dân thành phố Hà Nội"
    assert {k.level for k in IssuerKind if not k.historical} == {Level.PROVINCE, Level.COMMUNE}
    # district issuers: only for documents dated until 30/6/2025
    old = issuing_office("district_committee", "Nghi Lộc", on=dt.date(2025, 6, 30))
    assert old.name == "Ủy ban nhân dân huyện Nghi Lộc"
    with pytest.raises(InvalidInputError, match="stopped operating on 1/7/2025") as exc:
        issuing_office("district_one_stop", "Nghi Lộc", on=SWITCH)
    assert exc.value.field == "kind"
    with pytest.raises(InvalidInputError, match="unit_type"):
        issuing_office("commune_centre", "Nghi Phong", unit_type="huyện", on=day)
    with pytest.raises(InvalidInputError, match="kind"):
        issuing_office("district", "Nghi Lộc", on=day)


# --------------------------------------------------------------------------- render refuses
DISTRICT_NAMES = [
    "Ủy ban nhân dân huyện Nghi Lộc",
    "UỶ BAN NHÂN DÂN QUẬN 1",
    "UBND thị xã Cửa Lò",
]


@pytest.mark.parametrize("name", DISTRICT_NAMES)
def test_render_refuses_a_district_committee_on_a_document_dated_after_the_reform(
    name: str,
) -> None:
    from hcc.documents import render, sample_data
    from hcc.errors import DocumentRuleError

    data = sample_data("death_condolence")  # issued 2026
    data["office"] = {**data["office"], "name": name}
    with pytest.raises(DocumentRuleError, match="district-level government stopped") as exc:
        render("death_condolence", data)
    assert exc.value.field == "office.name"
    assert "Law on Organisation of Local Government 72/2025/QH15" in str(exc.value)


def test_render_refuses_a_district_parent_body_too() -> None:
    from hcc.documents import render, sample_data
    from hcc.errors import DocumentRuleError

    data = sample_data("death_condolence")
    data["office"] = {**data["office"], "parent": "Ủy ban nhân dân huyện Nghi Lộc"}
    with pytest.raises(DocumentRuleError, match=r"office\.parent"):
        render("death_condolence", data)


def test_render_keeps_district_documents_dated_before_the_reform() -> None:
    import datetime as dt

    from hcc.documents import render, sample_data

    data = sample_data("death_condolence")
    data["office"] = {**data["office"], "name": "Ủy ban nhân dân huyện Nghi Lộc"}
    data["issued_on"] = dt.date(2025, 6, 30)
    data["deceased"] = {**data["deceased"], "died_on": "2025-06-28"}
    assert "ỦY BAN NHÂN DÂN HUYỆN NGHI LỘC" in render("death_condolence", data)


@pytest.mark.parametrize(
    "name",
    [
        "Ủy ban nhân dân xã Nghi Phong",
        "Ủy ban nhân dân phường Bến Thành",
        "Ủy ban nhân dân tỉnh Nghệ An",
    ],
)
def test_render_accepts_commune_and_provincial_offices_after_the_reform(name: str) -> None:
    from hcc.documents import render, sample_data

    data = sample_data("death_condolence")
    data["office"] = {**data["office"], "name": name}
    assert name.upper() in render("death_condolence", data)
