"""Loading catalogue files: every problem reported with its location; NFC; lossless round trips."""

from __future__ import annotations

import copy
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hcc.errors import CatalogueValidationError, TimeLimitNotStatedError
from hcc.procedures import (
    Catalogue,
    default_catalogue,
    load_catalogue,
    validate_catalogue,
)


def _record(code: str = "2.000884", **changes: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "code": code,
        "name": "Chứng thực chữ ký",
        "field": "Chứng thực",
        "levels": ["commune"],
        "agencies": {"implementing": ["Ủy ban nhân dân cấp xã"]},
        "channels": [{"kind": "direct", "fee_schedule": "chung-thuc-chu-ky"}],
        "statutory_time_limit": "Trong ngày",
        "legal_basis": [{"number": "23/2015/NĐ-CP"}],
    }
    rec.update(changes)
    return rec


def _write(tmp_path: Path, doc: dict[str, Any], name: str = "cat.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_three_distinct_errors_all_reported_with_locations(tmp_path: Path) -> None:
    doc = {
        "version": "t",
        "procedures": [
            _record("2.000884"),
            _record("1.004222", name="Đăng ký thường trú", statutory_time_limit="Theo quy định"),
            _record("2.000815", channels=[{"kind": "direct", "fee_schedule": "khong-ton-tai"}]),
            _record("2.000884"),
        ],
    }
    path = _write(tmp_path, doc)
    report = validate_catalogue(path)
    assert not report.ok
    found = {(e.kind, e.index, e.code, e.field, e.source) for e in report.errors}
    assert found == {
        ("time_limit_unparsable", 1, "1.004222", "statutory_time_limit", str(path)),
        ("unknown_fee_schedule", 2, "2.000815", "channels[0].fee_schedule", str(path)),
        ("duplicate_code", 3, "2.000884", "code", str(path)),
    }
    with pytest.raises(CatalogueValidationError) as info:
        load_catalogue(path)
    assert isinstance(info.value, ValueError)
    assert len(info.value.errors) == 3
    text = str(info.value)
    assert "procedures[1] (1.004222): statutory_time_limit" in text
    assert "procedures[2] (2.000815): channels[0].fee_schedule" in text
    assert "procedures[3] (2.000884): code" in text


def test_local_limit_above_statutory_and_missing_legal_basis(tmp_path: Path) -> None:
    doc = {
        "version": "t",
        "procedures": [
            _record(
                "1.004194",
                statutory_time_limit="03 ngày làm việc",
                local_time_limit="05 ngày làm việc",
            ),
            _record("1.004195", legal_basis=[]),
            _record(
                "1.004196",
                statutory_time_limit="03 ngày làm việc",
                local_time_limit="02 ngày làm việc",
            ),
        ],
    }
    report = validate_catalogue(_write(tmp_path, doc))
    assert {(e.kind, e.index, e.field) for e in report.errors} == {
        ("local_limit_exceeds_statutory", 0, "local_time_limit"),
    }
    # the portal publishes records without a legal basis: not an error (a warning, reported
    # once the file has no errors: see test_gaps_the_portal_publishes_are_warnings)


def test_gaps_the_portal_publishes_are_warnings(tmp_path: Path) -> None:
    doc = {
        "version": "t",
        "procedures": [
            _record("1.004197", agencies={"implementing": []}, legal_basis=[]),
            {
                k: v
                for k, v in _record("1.004198", agencies={}).items()
                if k != "statutory_time_limit"
            },
        ],
    }
    report = validate_catalogue(_write(tmp_path, doc))
    assert report.ok, report.summary()
    assert {(w.kind, w.index) for w in report.warnings} >= {
        ("missing_agency", 0),
        ("missing_legal_basis", 0),
        ("missing_agency", 1),
        ("missing_time_limit", 1),
    }
    cat = load_catalogue(_write(tmp_path, doc))
    with pytest.raises(TimeLimitNotStatedError) as info:
        cat.get("1.004198").time_limit_for("direct")
    assert isinstance(info.value, LookupError)
    assert (info.value.code, info.value.kind) == ("1.004198", "direct")


def test_many_errors_in_one_record_and_across_records(tmp_path: Path) -> None:
    doc = {
        "version": "t",
        "procedures": [
            _record("1.1", levels=["village"], extra="x"),
            _record("2.000884", channels=[{"kind": "direct", "time_limit": "??"}]),
        ],
    }
    report = validate_catalogue(_write(tmp_path, doc))
    kinds = {(e.index, e.kind) for e in report.errors}
    assert (0, "string_pattern_mismatch") in kinds
    assert (0, "enum") in kinds
    assert (0, "extra_forbidden") in kinds
    assert (1, "time_limit_unparsable") in kinds


def test_duplicate_code_with_disjoint_validity_is_a_version(tmp_path: Path) -> None:
    doc = {
        "version": "t",
        "procedures": [
            _record("2.000884", valid_to="2025-06-30"),
            _record("2.000884", valid_from="2025-07-01"),
        ],
    }
    assert validate_catalogue(_write(tmp_path, doc)).ok
    doc["procedures"][1]["valid_from"] = "2025-06-30"
    report = validate_catalogue(_write(tmp_path, doc))
    assert [e.kind for e in report.errors] == ["duplicate_code"]


def test_fee_schedule_defined_in_the_file(tmp_path: Path) -> None:
    doc = {
        "version": "t",
        "fee_schedules": [
            {
                "id": "phi-rieng",
                "name": "Phí riêng",
                "rules": [
                    {
                        "kind": "flat",
                        "id": "a",
                        "description": "A",
                        "amount": 5000,
                        "legal_basis": "NQ 1",
                    }
                ],
            }
        ],
        "procedures": [_record(channels=[{"kind": "direct", "fee_schedule": "phi-rieng"}])],
    }
    cat = load_catalogue(_write(tmp_path, doc))
    import datetime as dt

    assert cat.quote("2.000884", on=dt.date(2026, 1, 5)).total == 5000


def test_bad_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"version": ', encoding="utf-8")
    assert [e.kind for e in validate_catalogue(broken).errors] == ["invalid_json"]
    bad_toml = tmp_path / "broken.toml"
    bad_toml.write_text("version = = 1", encoding="utf-8")
    assert [e.kind for e in validate_catalogue(bad_toml).errors] == ["invalid_toml"]
    assert [e.kind for e in validate_catalogue(tmp_path / "missing.json").errors] == ["unreadable"]


def test_text_is_normalised_to_nfc(tmp_path: Path) -> None:
    name = unicodedata.normalize("NFD", "Chứng thực chữ ký")
    assert name != "Chứng thực chữ ký"
    path = tmp_path / "nfd.json"
    # escaped combining marks survive a text-level normalisation: the loader must handle both
    path.write_text(
        json.dumps({"version": "t", "procedures": [_record(name=name)]}), encoding="utf-8"
    )
    assert load_catalogue(path).get("2.000884").name == "Chứng thực chữ ký"
    path.write_text(
        json.dumps({"version": "t", "procedures": [_record(name=name)]}, ensure_ascii=False),
        encoding="utf-8",
    )
    assert load_catalogue(path).get("2.000884").name == "Chứng thực chữ ký"
    toml = tmp_path / "nfd.toml"
    toml.write_text(Catalogue([_record(name=name)], version="t").to_toml(), encoding="utf-8")
    assert load_catalogue(toml).get("2.000884").name == "Chứng thực chữ ký"


def test_default_catalogue_file_round_trips(tmp_path: Path) -> None:
    cat = default_catalogue()
    for name, text in (("c.json", cat.to_json()), ("c.toml", cat.to_toml())):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        again = load_catalogue(path)
        assert again == cat
        assert again.to_json() == cat.to_json()


# ---------------------------------------------------------------------- hypothesis round trip
_texts = st.text(
    alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệ \"\\'[]=#\n")),
    min_size=1,
    max_size=20,
).filter(lambda s: s.strip() != "")
_limits = st.sampled_from(
    [
        "Ngay",
        "Trong ngày",
        "05 ngày làm việc",
        "30 ngày",
        "03 tháng",
        "04 giờ làm việc",
        "Ngay; trường hợp cần xác minh thì không quá 05 ngày làm việc",
        "Trong ngày; 02 ngày làm việc",
    ]
)
_dates = st.none() | st.dates(min_value=__import__("datetime").date(2000, 1, 1))


@st.composite
def _documents(draw: st.DrawFn) -> dict[str, Any]:
    d: dict[str, Any] = {
        "name": draw(_texts),
        "originals": draw(st.integers(0, 3)),
        "copies": draw(st.integers(0, 3)),
    }
    if draw(st.booleans()):
        d["form"] = draw(_texts)
    if draw(st.booleans()):
        d["required"] = False
    return d


@st.composite
def _procedures(draw: st.DrawFn, code: str) -> dict[str, Any]:
    kinds = draw(st.lists(st.sampled_from(["direct", "online", "postal"]), min_size=1, unique=True))
    channels = []
    for k in kinds:
        ch: dict[str, Any] = {"kind": k}
        if draw(st.booleans()):
            ch["time_limit"] = draw(_limits)
        ch["fee_schedule"] = draw(
            st.none() | st.sampled_from(["chung-thuc-ban-sao", "trich-luc-ho-tich"])
        )
        if k == "online" and draw(st.booleans()):
            ch["online_level"] = draw(st.sampled_from(["full", "partial", "information"]))
        if draw(st.booleans()):
            ch["fee_text"] = draw(_texts)
        channels.append(ch)
    rec: dict[str, Any] = {
        "code": code,
        "name": draw(_texts),
        "field": draw(_texts),
        "levels": draw(
            st.lists(
                st.sampled_from(["central", "province", "district", "commune", "other"]),
                min_size=1,
                unique=True,
            )
        ),
        "agencies": {
            "implementing": draw(st.lists(_texts, min_size=1, max_size=2)),
            "coordinating": draw(st.lists(_texts, max_size=2)),
        },
        "channels": channels,
        "steps": [
            {"description": draw(_texts), "allotment": draw(st.none() | _limits)}
            for _ in range(draw(st.integers(0, 2)))
        ],
        "dossier": [
            {
                "name": draw(st.none() | _texts),
                "documents": draw(st.lists(_documents(), min_size=1, max_size=2)),
            }
            for _ in range(draw(st.integers(0, 2)))
        ],
        "applicants": draw(st.lists(_texts, max_size=2)),
        "legal_basis": [
            {
                "number": draw(_texts),
                "effective_from": draw(_dates),
                "unconfirmed": draw(st.booleans()),
            }
        ],
        "statutory_time_limit": draw(_limits),
        "unconfirmed": draw(st.lists(_texts, max_size=2)),
    }
    vf = draw(_dates)
    if vf is not None:
        rec["valid_from"] = vf.isoformat()
    return {k: v for k, v in rec.items() if v is not None}


@st.composite
def _catalogues(draw: st.DrawFn) -> dict[str, Any]:
    n = draw(st.integers(0, 4))
    codes = draw(
        st.lists(
            st.from_regex(r"\A[1-3]\.[0-9]{6}(\.H[0-9]{2})?\Z"), min_size=n, max_size=n, unique=True
        )
    )
    return {
        "version": draw(_texts),
        "valid_from": draw(_dates),
        "sources": draw(st.lists(_texts, max_size=2)),
        "procedures": [draw(_procedures(c)) for c in codes],
    }


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(doc=_catalogues(), fmt=st.sampled_from(["json", "toml"]))
def test_round_trip_load_dump_load_is_lossless(
    tmp_path: Path, doc: dict[str, Any], fmt: str
) -> None:
    doc = copy.deepcopy(doc)
    first = Catalogue(
        doc["procedures"],
        version=doc["version"],
        valid_from=doc["valid_from"],
        sources=doc["sources"],
    )
    path = tmp_path / f"rt.{fmt}"
    path.write_text(first.to_json() if fmt == "json" else first.to_toml(), encoding="utf-8")
    second = load_catalogue(path)
    assert second == first
    assert second.to_dict() == first.to_dict()
    path.write_text(second.to_json() if fmt == "json" else second.to_toml(), encoding="utf-8")
    assert load_catalogue(path) == second


# ----------------------------------------------------------------- records validated one by one
def test_a_file_loads_to_what_validating_its_data_whole_gives(tmp_path: Path) -> None:
    """load_catalogue validates the records one at a time (releasing each one's parsed JSON): the
    catalogue is the one a single validation of the whole data gives."""
    from hcc.procedures import CatalogueData

    doc = default_catalogue().to_dict()
    path = _write(tmp_path, doc)
    whole = CatalogueData.model_validate(json.loads(path.read_text(encoding="utf-8")))
    loaded = load_catalogue(path)
    assert loaded.to_json() == Catalogue._trusted(whole).to_json()
    assert loaded == default_catalogue()
    toml_path = tmp_path / "cat.toml"
    toml_path.write_text(loaded.to_toml(), encoding="utf-8")
    assert load_catalogue(toml_path) == loaded


@pytest.mark.parametrize("bad_at", [0, 2, 5])
def test_a_bad_record_after_good_ones_still_gets_the_whole_report(
    tmp_path: Path, bad_at: int
) -> None:
    """A failing record stops the one-by-one pass; the report still reads every record as parsed:
    the duplicate of an earlier (already validated) record and a bad fee reference after it."""
    records = [_record(f"2.00088{i}") for i in range(6)]
    records[bad_at] = _record(f"2.00088{bad_at}", statutory_time_limit="Theo quy định")
    records.append(_record("2.000881"))  # a duplicate of a record validated before the failure
    records.append(_record("2.000899", channels=[{"kind": "direct", "fee_schedule": "khong-co"}]))
    path = _write(tmp_path, {"version": "t", "procedures": records})
    found = {(e.kind, e.index) for e in validate_catalogue(path).errors}
    assert found == {
        ("time_limit_unparsable", bad_at),
        ("duplicate_code", 6),
        ("unknown_fee_schedule", 7),
    }
    with pytest.raises(CatalogueValidationError) as info:
        load_catalogue(path)
    assert len(info.value.errors) == 3


def test_escaped_text_is_normalised_on_both_paths(tmp_path: Path) -> None:
    """``\\u`` escapes (a decomposed "ị") are normalised whether every record validates or not."""
    decomposed = unicodedata.normalize("NFD", "Chứng thực chữ ký tại Nghị Lộc")
    good = [_record("2.000884", name=decomposed)]
    path = tmp_path / "esc.json"
    path.write_text(json.dumps({"version": "t", "procedures": good}), encoding="utf-8")
    assert "\\u" in path.read_text(encoding="utf-8")
    assert load_catalogue(path).get("2.000884").name == unicodedata.normalize("NFC", decomposed)
    bad = [*good, _record("2.000885", statutory_time_limit="Theo quy định")]
    path.write_text(json.dumps({"version": "t", "procedures": bad}), encoding="utf-8")
    errors = validate_catalogue(path).errors
    assert [(e.kind, e.index) for e in errors] == [("time_limit_unparsable", 1)]
