"""The catalogue: lookup, queries, search, versions, diff, export and the default data."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from decimal import Decimal

import pytest

from hcc.errors import CatalogueValidationError, UnknownProcedureError
from hcc.procedures import (
    Catalogue,
    ChannelNotOfferedError,
    Level,
    Procedure,
    default_catalogue,
    diff_catalogues,
    fold,
)
from tests.conftest import ANSWERS

REF = json.loads((ANSWERS / "procedures_reference_s8.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return default_catalogue()


def test_default_catalogue_size_and_sources(cat: Catalogue) -> None:
    assert len(cat.codes) >= 25
    for p in cat:
        assert p.sources, p.code
        assert p.legal_basis, p.code
        assert set(p.levels) & {Level.COMMUNE, Level.PROVINCE, Level.DISTRICT}, p.code


@pytest.mark.parametrize("row", REF["procedures"], ids=lambda r: r["code"])
def test_reference_section_8_procedures(cat: Catalogue, row: dict[str, object]) -> None:
    p = cat.get(str(row["code"]))
    assert p.name == row["name"]
    assert Level(str(row["level"])) in p.levels
    if "unit" in row:
        assert p.statutory_time_limit.unit.value == row["unit"]
    if "alternate_unit" in row:
        alt = p.statutory_time_limit.alternate
        assert alt is not None
        assert alt.unit.value == row["alternate_unit"]
        assert alt.amount == row["alternate_amount"]


@pytest.mark.parametrize("row", REF["fees"], ids=lambda r: f"{r['code']}-{r['total']}")
def test_reference_fees(cat: Catalogue, row: dict[str, object]) -> None:
    q = cat.quote(
        str(row["code"]),
        on=dt.date(2026, 3, 2),
        exemptions=tuple(row.get("exemptions", ())),  # type: ignore[arg-type]
        **row["quantities"],  # type: ignore[arg-type]
    )
    assert q.total == Decimal(int(row["total"]))  # type: ignore[call-overload]


@pytest.mark.parametrize("on", [dt.date(2017, 1, 2), dt.date(2024, 6, 3), dt.date(2026, 3, 2)])
def test_quote_works_for_every_procedure_and_channel(cat: Catalogue, on: dt.date) -> None:
    for p in cat:
        for ch in p.channels:
            q = cat.quote(p.code, channel=ch.kind, on=on)
            assert q.total >= 0


def test_quote_unknown_channel_is_a_lookup_error(cat: Catalogue) -> None:
    with pytest.raises(ChannelNotOfferedError, match="offered: direct"):
        cat.quote("2.000884", channel="online", on=dt.date(2026, 1, 5))


def test_get_unknown_code(cat: Catalogue) -> None:
    with pytest.raises(UnknownProcedureError) as info:
        cat.get("9.999999")
    assert isinstance(info.value, LookupError)
    assert info.value.code == "9.999999"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dang ky khai sinh", "1.001193"),
        ("ĐĂNG KÝ KHAI SINH", "1.001193"),
        ("Đăng ký khai sinh", "1.001193"),
        ("chung thuc ban sao tu ban chinh", "2.000815"),
        ("tam tru", "1.004194"),
        ("2.000635", "2.000635"),
        ("ho kinh doanh thanh lap", "1.001612"),
    ],
)
def test_search_ignores_case_and_diacritics(cat: Catalogue, query: str, expected: str) -> None:
    assert cat.search(query)[0].code == expected


def test_search_dd_folds_to_d() -> None:
    assert fold("Đất đai ĐĂNG") == "dat dai dang"


def test_search_empty_query(cat: Catalogue) -> None:
    assert cat.search("   ") == ()


def test_filters(cat: Catalogue) -> None:
    civil = cat.filter(field="ho tich")
    assert civil
    assert all(p.field == "Hộ tịch" for p in civil)
    assert all(Level.PROVINCE in p.levels for p in cat.by_level("province"))
    postal = cat.by_channel("postal")
    assert postal
    assert all(any(c.kind.value == "postal" for c in p.channels) for p in postal)
    assert cat.filter(agency="cong an") == cat.filter(agency="Công an cấp xã")


def test_versions_as_of_two_tier_reform(cat: Catalogue) -> None:
    before = cat.as_of(dt.date(2025, 6, 30)).get("1.001612")
    after = cat.as_of(dt.date(2025, 7, 1)).get("1.001612")
    assert before.levels == (Level.DISTRICT,)
    assert after.levels == (Level.COMMUNE,)
    assert cat.get("1.001612", on=dt.date(2024, 1, 1)) == before
    assert len(cat.versions("1.001612")) == 2
    assert len(cat.as_of(dt.date(2020, 1, 1))) == 0  # before the catalogue's valid_from


def test_diff_lists_added_removed_changed(cat: Catalogue) -> None:
    procs = [p for p in cat if p.code not in ("2.000908",)]
    changed = cat.get("2.000884")
    new_channels = (changed.channels[0].model_copy(update={"fee_text": "10.000 đồng"}),)
    procs = [p for p in procs if p.code != "2.000884"]
    procs.append(
        changed.model_copy(update={"channels": new_channels, "name": "Chứng thực chữ ký mới"})
    )
    extra = cat.get("2.000635").model_copy(update={"code": "2.000635.H38"})
    procs.append(extra)
    new = Catalogue(procs, version="next", fee_schedules=cat.data.fee_schedules)
    d = diff_catalogues(cat, new)
    assert [p.code for p in d.added] == ["2.000635.H38"]
    assert [p.code for p in d.removed] == ["2.000908"]
    assert [(c.code, set(c.paths)) for c in d.changed] == [
        ("2.000884", {"name", "channels[0].fee_text"})
    ]
    assert Catalogue.diff(cat, new) == d
    assert "~ 2.000884" in d.summary()


def test_to_json_shape_and_reload(cat: Catalogue, tmp_path: object) -> None:
    doc = json.loads(cat.to_json())
    assert {"procedures", "version", "valid_from", "sources"} <= set(doc)
    assert isinstance(doc["procedures"], list)
    assert doc["procedures"][0]["code"]


def test_to_toml_is_valid_toml(cat: Catalogue) -> None:
    doc = tomllib.loads(cat.to_toml())
    assert doc["version"] == cat.version
    assert len(doc["procedures"]) == len(cat)


def test_json_schema_exports(cat: Catalogue) -> None:
    schema = Catalogue.json_schema()
    assert schema["type"] == "object"
    assert "procedures" in schema["properties"]
    proc = schema["$defs"]["Procedure"]
    assert proc["properties"]["code"]["pattern"].startswith("^")
    json.dumps(schema)  # serialisable


def test_construction_rejects_duplicates_and_unknown_fees(cat: Catalogue) -> None:
    p = cat.get("2.000884")
    bad_fee = p.model_copy(
        update={
            "code": "2.000885",
            "channels": (p.channels[0].model_copy(update={"fee_schedule": "nope"}),),
        }
    )
    with pytest.raises(CatalogueValidationError) as info:
        Catalogue([p, p, bad_fee], version="x")
    kinds = sorted(e.kind for e in info.value.errors)
    assert kinds == ["duplicate_code", "unknown_fee_schedule"]


def test_procedure_time_limits(cat: Catalogue) -> None:
    land = cat.get("1.012753")
    assert str(land.time_limit_for("direct")) == "15 ngày làm việc"
    assert str(land.time_limit_for("direct", committed=False)) == "20 ngày làm việc"
    assert land.steps
    assert all(s.allotment is not None for s in land.steps)


def test_procedure_is_frozen(cat: Catalogue) -> None:
    p = cat.get("1.001193")
    with pytest.raises(Exception, match="frozen"):
        p.name = "x"  # type: ignore[misc]
    assert isinstance(p, Procedure)


def test_deadline_for_a_procedure(cat: Catalogue) -> None:
    d = cat.deadline("1.004194", dt.datetime(2026, 4, 28, 9, 0))
    # 03 working days from Tuesday 28/4/2026: 29/4 worked; 30/4 and 1/5 holidays; 4/5, 5/5
    assert d.due_date == dt.date(2026, 5, 5)


def test_diff_reads_both_ways() -> None:
    from hcc.procedures import default_catalogue

    old = default_catalogue()
    data = old.data
    new_procs = tuple(p for p in data.procedures if p.code != "2.000884")
    new = Catalogue._trusted(data.model_copy(update={"procedures": new_procs}))
    assert [p.code for p in Catalogue.diff(old, new).removed] == ["2.000884"]
    assert [p.code for p in old.diff(new).removed] == ["2.000884"]


def test_commune_marriage_registration_is_free_by_law() -> None:
    # Law on Civil Status 2014 art. 11(1)(b): marriage of Vietnamese citizens residing in Viet Nam is
    # exempt, and a commune registers only those marriages (art. 17): no category needs naming.
    from hcc.procedures import default_catalogue

    cat = default_catalogue()
    for channel in ("direct", "online", "postal"):
        q = cat.quote("1.000894", channel=channel, on=dt.date(2026, 3, 2))
        assert q.total == Decimal(0)
        assert "Điều 11(1)(b)" in q.lines[0].legal_basis
