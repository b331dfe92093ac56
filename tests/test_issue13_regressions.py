"""Regression tests for the inputs quoted in issue 13 (points 6 and 7), one test each.

Expected values are written by hand: money amounts by long multiplication, Vietnamese readings from
the reading rules of docs/fees.md, file problems from the bytes each test writes.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import time
from decimal import Decimal
from pathlib import Path

import pydantic
import pytest

import hcc
from hcc.calendar import parse_overrides
from hcc.errors import (
    CatalogueValidationError,
    DossierCodeError,
    HccError,
    InvalidInputError,
    ModelValidationError,
    OverrideError,
    QuoteError,
)
from hcc.fees import MAX_AMOUNT, AmountError, FeeSchedule, PerUnitFee, quote
from hcc.procedures import DossierCode, is_procedure_code, load_catalogue, validate_catalogue

D = dt.date(2026, 3, 2)

# ---------------------------------------------------------------------- point 6: one error family


def _deep_json(n: int) -> str:
    return "[" * n + "]" * n


def test_validate_catalogue_reports_deep_nesting_without_raising(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text(_deep_json(100_000), encoding="utf-8")
    report = validate_catalogue(path)
    assert [p.kind for p in report.errors] == ["too_deep"]
    assert "32 levels" in report.errors[0].message


def test_load_catalogue_refuses_deep_nesting_with_the_catalogue_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"version": "x", "procedures": ' + _deep_json(40) + "}", encoding="utf-8")
    with pytest.raises(CatalogueValidationError) as info:
        load_catalogue(path)
    assert [p.kind for p in info.value.errors] == ["too_deep"]


def test_deep_toml_catalogue_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("a = " + _deep_json(100_000), encoding="utf-8")
    assert [p.kind for p in validate_catalogue(path).errors] == ["too_deep"]


_OVERRIDE = {"days": [{"date": "2026-03-03", "kind": "local_closure", "name": "Nghỉ bù Lộc"}]}


@pytest.mark.parametrize(
    ("encoding", "guess"),
    [("utf-16", "UTF-16"), ("cp1258", "cp1258"), ("latin-1", "latin-1")],
)
def test_override_file_in_another_encoding(tmp_path: Path, encoding: str, guess: str) -> None:
    path = tmp_path / "ov.json"
    text = json.dumps(_OVERRIDE, ensure_ascii=False)
    if encoding != "utf-16":  # "ỉ", "ộ" and "ù" have no single byte in latin-1; keep one that does
        text = text.replace("Nghỉ bù Lộc", "Ngày nghỉ é")
        text = text.replace("nghỉ", "nghi")
    path.write_bytes(text.encode(encoding))
    with pytest.raises(OverrideError) as info:
        parse_overrides(path)
    err = info.value
    assert isinstance(err, ValueError)
    assert isinstance(err, HccError)
    assert err.source == str(path)
    assert err.location == "encoding"
    assert "not UTF-8" in str(err)
    assert guess in str(err)


def test_catalogue_file_in_another_encoding(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_bytes('{"version": "Hộ tịch"}'.encode("utf-16"))
    report = validate_catalogue(path)
    assert [p.kind for p in report.errors] == ["encoding"]
    assert "UTF-16" in report.errors[0].message
    with pytest.raises(CatalogueValidationError):
        load_catalogue(path)


@pytest.mark.parametrize("bad", [None, 3, b"chung thuc", ["chung thuc"]])
def test_search_with_a_wrong_type(bad: object) -> None:
    with pytest.raises(InvalidInputError) as info:
        hcc.default_catalogue().search(bad)  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, ValueError)
    assert info.value.field == "text"


def test_nat_and_none_in_batches_name_the_index() -> None:
    with pytest.raises(InvalidInputError, match=r"received\[1\]"):
        hcc.compute_deadlines([dt.datetime(2026, 3, 2, 9), None], "03 ngày làm việc")
    np = pytest.importorskip("numpy", reason="numpy is in the test extra")
    arr = np.array(["2026-03-02T09:00", "NaT"], dtype="datetime64[m]")
    with pytest.raises(InvalidInputError, match=r"received\[1\]"):
        hcc.compute_deadlines(arr, "03 ngày làm việc")
    days = np.array(["2026-03-02", "2026-03-03", "NaT"], dtype="datetime64[D]")
    with pytest.raises(InvalidInputError, match=r"dates\[2\]"):
        hcc.vietnam_calendar().add_working_days_batch(days, 1)
    with pytest.raises(InvalidInputError, match=r"dates\[1\]"):
        hcc.vietnam_calendar().add_working_days_batch([dt.date(2026, 3, 2), None], 1)


def test_huge_numbers_are_documented_errors() -> None:
    cal = hcc.vietnam_calendar()
    with pytest.raises(hcc.OutOfRangeError):
        cal.add_working_days(D, 10**20)
    with pytest.raises(QuoteError):
        quote("trich-luc-ho-tich", on=D, copies=10**30)


def test_moments_at_the_extremes_are_not_overflow_errors() -> None:
    far = dt.datetime.min.replace(tzinfo=dt.timezone(dt.timedelta(hours=23, minutes=59)))
    with pytest.raises(InvalidInputError):
        hcc.calendar.as_vn_datetime(far)
    with pytest.raises(HccError):
        hcc.compute_deadline(far, "03 ngày làm việc")


def test_pydantic_errors_are_hcc_errors_with_locations() -> None:
    with pytest.raises(ModelValidationError) as info:
        hcc.Session(start="25:00", end="11:30")
    err = info.value
    assert isinstance(err, HccError)
    assert isinstance(err, pydantic.ValidationError)
    assert isinstance(err, ValueError)
    assert err.title == "Session"
    assert err.errors()[0]["loc"] == ("start",)
    with pytest.raises(ModelValidationError) as info2:
        hcc.Procedure.model_validate({"code": "1.1"})
    assert ("code",) in [e["loc"] for e in info2.value.errors()]


def test_unknown_enum_values_are_hcc_errors() -> None:
    with pytest.raises(InvalidInputError, match="direct, online, postal"):
        hcc.ChannelKind("fax")
    with pytest.raises(InvalidInputError):
        hcc.default_catalogue().by_channel("fax")


# ---------------------------------------------------------------------- point 7: exact or refused


def test_27_digit_amount_times_1001_copies_is_exact() -> None:
    amount = 10**26 + 7  # 27 digits
    rule = PerUnitFee(id="x", description="X", unit="copy", amount=amount, legal_basis="test")
    schedule = FeeSchedule(id="s", name="S", rules=(rule,))
    q = quote(schedule, on=D, copies=1001)
    # 1001 × (10^26 + 7) = 1001 × 10^26 + 7007, by hand
    assert q.total == Decimal("100100000000000000000000007007")
    assert q.total == Decimal(1001 * amount)  # integer arithmetic agrees
    # the default 28-digit context would have been 33 đồng off (what the issue observed)
    with decimal.localcontext() as ctx:
        ctx.prec = 28
        assert Decimal(amount) * 1001 != q.total


def test_amount_beyond_the_maximum_is_refused() -> None:
    with pytest.raises(HccError):
        PerUnitFee(id="x", description="X", unit="copy", amount=MAX_AMOUNT + 1, legal_basis="t")
    rule = PerUnitFee(id="x", description="X", unit="copy", amount=MAX_AMOUNT, legal_basis="t")
    with pytest.raises(QuoteError):
        quote(FeeSchedule(id="s", name="S", rules=(rule,)), on=D, copies=2)


def test_format_vnd_refuses_a_huge_decimal_at_once() -> None:
    start = time.process_time()
    with pytest.raises(AmountError):
        hcc.format_vnd(Decimal("1E+1000000"))
    with pytest.raises(AmountError):
        hcc.amount_in_words(Decimal("-1E+1000000"))
    with pytest.raises(AmountError):
        hcc.format_vnd(10**5000)
    # the issue measured 95 s; the size is now checked before any conversion
    assert time.process_time() - start < 5


def test_refunds() -> None:
    assert hcc.format_vnd(-5000) == "-5.000 đồng"
    assert hcc.format_vnd(Decimal(-1250000), unit=None) == "-1.250.000"
    assert hcc.format_vnd(-5000, negative="parentheses") == "(5.000 đồng)"
    assert hcc.amount_in_words(-5000) == "Âm năm nghìn đồng"
    assert hcc.amount_in_words(-21_000_005) == "Âm hai mươi mốt triệu không trăm linh năm đồng"
    assert hcc.format_vnd(0) == "0 đồng"
    assert hcc.amount_in_words(0) == "Không đồng"


@pytest.mark.parametrize("flag", [True, False])
def test_booleans_are_not_numbers(flag: bool) -> None:
    cal = hcc.vietnam_calendar()
    with pytest.raises(InvalidInputError):
        cal.add_working_days(D, flag)  # type: ignore[arg-type]
    with pytest.raises(QuoteError):
        quote("trich-luc-ho-tich", on=D, copies=flag)
    with pytest.raises(AmountError):
        hcc.format_vnd(flag)
    with pytest.raises(HccError):
        PerUnitFee(id="x", description="X", unit="copy", amount=flag, legal_basis="t")


def test_duplicate_key_in_a_catalogue_names_the_key(tmp_path: Path) -> None:
    path = tmp_path / "dup.json"
    path.write_text('{"version": "a", "procedures": [], "version": "b"}', encoding="utf-8")
    report = validate_catalogue(path)
    assert [p.kind for p in report.errors] == ["duplicate_key"]
    assert "'version'" in report.errors[0].message


def test_duplicate_key_in_an_override_file_names_the_key(tmp_path: Path) -> None:
    path = tmp_path / "dup.json"
    path.write_text(
        '{"days": [{"date": "2026-03-03", "kind": "local_closure", "name": "A", "name": "B"}]}',
        encoding="utf-8",
    )
    with pytest.raises(OverrideError) as info:
        parse_overrides(path)
    assert info.value.location == "name"
    assert "duplicate key 'name'" in str(info.value)


def test_nan_in_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nan.json"
    path.write_text('{"days": NaN}', encoding="utf-8")
    with pytest.raises(OverrideError, match="NaN"):
        parse_overrides(path)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Nguy\u200bễn Văn A", "Nguyễn Văn A"),
        ("\u202eNguyễn Văn A\u202c", "Nguyễn Văn A"),
        ("Nguyễn\u2066 Văn\u2069 A", "Nguyễn Văn A"),
        ("\ufeffNguyễn Văn\ufeff A", "Nguyễn Văn A"),
        ("Nguyễn\x00 Văn\x7f A\x9b", "Nguyễn Văn A"),
        ("Nguyễn\nVăn\tA", "Nguyễn Văn A"),
    ],
)
def test_invisible_characters_leave_names(raw: str, clean: str) -> None:
    applicant = hcc.documents.Applicant(name=raw)
    assert applicant.name == clean
    p = hcc.default_catalogue().get("1.001193")
    assert p.model_copy(update={}).name == p.name  # unchanged record
    renamed = hcc.Procedure.model_validate({**p.model_dump(), "name": raw})
    assert renamed.name == clean


def test_line_breaks_stay_in_free_text() -> None:
    from hcc.calendar._text import nfc

    assert nfc("dòng 1\ndòng\u200b 2\t") == "dòng 1\ndòng 2"


@pytest.mark.parametrize("code", ["١.٠٠١١٩٣", "１.００١١٩٣", "1.00119３"])
def test_only_ascii_digits_make_a_procedure_code(code: str) -> None:
    assert not is_procedure_code(code)
    with pytest.raises(hcc.UnknownProcedureError):
        hcc.default_catalogue().get(code)


def test_a_code_matches_to_its_end() -> None:
    assert not is_procedure_code("1.001193\n")  # "$" would have matched before the line break
    # look-ups strip surrounding white space, as every text hcc takes in (documented in nfc)
    assert hcc.default_catalogue().get(" 1.001193\n").code == "1.001193"


@pytest.mark.parametrize(
    "code",
    ["000.00.15.H38-٢٦٠١٠٥-0007", "000.00.15.H38-260105-０００７", "000.00.15.H38-260105-0007x"],
)
def test_only_ascii_digits_make_a_dossier_code(code: str) -> None:
    with pytest.raises(DossierCodeError):
        DossierCode.parse(code)


def test_the_security_page_lists_every_error_of_the_family() -> None:
    import hcc.documents
    import hcc.dossiers
    import hcc.importer
    import hcc.testing

    modules = (
        hcc,
        hcc.calendar,
        hcc.deadlines,
        hcc.procedures,
        hcc.fees,
        hcc.documents,
        hcc.dossiers,
        hcc.importer,
        hcc.testing,
        hcc.errors,
    )
    public = {
        obj
        for m in modules
        for name in getattr(m, "__all__", ())
        if isinstance(obj := getattr(m, name), type) and issubclass(obj, HccError)
    }
    page = (Path(__file__).resolve().parents[1] / "docs" / "security.md").read_text("utf-8")
    tree = page[page.index("## The error family") : page.index("### Which area raises what")]
    missing = sorted(e.__name__ for e in public if e.__name__ not in tree)
    assert not missing, f"errors not in docs/security.md's tree: {missing}"
    for error in public - {HccError}:  # each leaf also subclasses a matching built-in
        assert any(
            issubclass(error, b) and b is not Exception
            for b in (
                ValueError,
                TypeError,
                LookupError,
                RuntimeError,
                ImportError,
                AssertionError,
                OSError,
            )
        ), error


def test_huge_limits_are_documented_errors() -> None:
    at = dt.datetime(2026, 3, 2, 9)
    for make in (
        lambda: hcc.TimeLimit.parse("100000000000000000000 ngày làm việc"),
        lambda: hcc.TimeLimit.of(True, "working_days"),
        lambda: hcc.compute_deadline(at, hcc.TimeLimit.of(10**20, "working_days")),
        lambda: hcc.compute_deadline(at, hcc.TimeLimit.of(10**20, "months")),
        lambda: hcc.compute_deadline(at, hcc.TimeLimit.of(10**20, "calendar_days")),
        lambda: hcc.compute_deadline(at, hcc.TimeLimit.of(10**20, "working_hours")),
    ):
        with pytest.raises(HccError):  # never OverflowError
            make()
