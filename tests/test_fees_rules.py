"""Fee rule validation, quote errors, loading schedules and the shipped data."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from hcc.errors import FeeRuleError, HccError, QuoteError
from hcc.fees import (
    EXEMPTION_CATEGORIES,
    QUANTITY_NAMES,
    STANDARD_SCHEDULE_IDS,
    UNITS,
    Exemption,
    FeeRuleDataError,
    FeeSchedule,
    FlatFee,
    PercentageFee,
    PerUnitFee,
    Reduction,
    Tier,
    UnknownFeeScheduleError,
    get_fee_schedule,
    load_fee_schedules,
    quote,
    standard_fee_schedules,
)

ON = dt.date(2025, 6, 2)
BASIS = {"legal_basis": "test basis"}


def flat(rule_id: str = "a", amount: Any = 1000, **kw: Any) -> FlatFee:
    return FlatFee(id=rule_id, description=rule_id, amount=amount, **{**BASIS, **kw})


# -- rule validation: the error names the rule ----------------------------------------------------


def test_unknown_unit_names_rule_and_unit() -> None:
    with pytest.raises(FeeRuleDataError) as info:
        PerUnitFee(id="to-khai", description="x", unit="sheet", amount=1, **BASIS)  # type: ignore[arg-type]
    err = info.value
    assert isinstance(err, FeeRuleError)
    assert isinstance(err, HccError)
    assert err.codes == ("fee_unknown_unit",)
    assert err.rule == "to-khai"
    assert "'to-khai'" in str(err)
    assert "'sheet'" in str(err)
    for unit in UNITS:
        assert unit in str(err)


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: flat("neg", -1), "amount"),
        (
            lambda: PerUnitFee(id="neg", description="x", unit="page", amount=-2000, **BASIS),
            "amount",
        ),
        (
            lambda: PerUnitFee(
                id="neg",
                description="x",
                unit="page",
                per_copy=True,
                tiers=(Tier(first=1, last=2, amount=2000), Tier(first=3, amount=-1000)),
                **BASIS,
            ),
            "tiers[1].amount",
        ),
        (
            lambda: PerUnitFee(
                id="neg",
                description="x",
                unit="page",
                per_copy=True,
                amount=1000,
                cap_per_copy=-1,
                **BASIS,
            ),
            "cap_per_copy",
        ),
        (
            lambda: PercentageFee(id="neg", description="x", rate_percent=1, minimum=-5, **BASIS),
            "minimum",
        ),
    ],
)
def test_negative_amount_names_rule_and_field(make: Any, field: str) -> None:
    with pytest.raises(FeeRuleDataError) as info:
        make()
    assert info.value.codes == ("fee_negative_amount",)
    assert info.value.rule == "neg"
    assert "'neg'" in str(info.value)
    assert field in str(info.value)


def test_overlapping_versions_name_the_rule() -> None:
    old = flat("le-phi", 5000, valid_to=dt.date(2024, 12, 31))
    new = flat("le-phi", 8000, valid_from=dt.date(2024, 12, 31))
    with pytest.raises(FeeRuleDataError) as info:
        FeeSchedule(id="s", name="S", rules=(old, new))
    err = info.value
    assert err.codes == ("fee_overlap",)
    assert (err.rule, err.schedule) == ("le-phi", "s")
    assert "'le-phi'" in str(err)
    assert "2024-12-31" in str(err)


def test_consecutive_versions_are_fine_and_chosen_by_date() -> None:
    old = flat("le-phi", 5000, valid_to=dt.date(2024, 12, 31))
    new = flat("le-phi", 8000, valid_from=dt.date(2025, 1, 1))
    s = FeeSchedule(id="s", name="S", rules=(new, old))
    assert quote(s, on=dt.date(2024, 12, 31)).total == 5000
    assert quote(s, on=dt.date(2025, 1, 1)).total == 8000


def test_open_ended_versions_overlap() -> None:
    with pytest.raises(FeeRuleDataError, match="two versions"):
        FeeSchedule(id="s", name="S", rules=(flat("a"), flat("a", 2)))


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: flat("f", Decimal("1.5")), "fee_fractional_amount"),
        (lambda: flat("f", 1.0), "fee_not_exact"),
        (
            lambda: flat("f", valid_from=dt.date(2025, 2, 1), valid_to=dt.date(2025, 1, 1)),
            "fee_validity_reversed",
        ),
        (
            lambda: PerUnitFee(
                id="f", description="x", unit="page", tiers=(Tier(first=2, amount=1),), **BASIS
            ),
            "fee_tier_gap",
        ),
        (
            lambda: PerUnitFee(
                id="f",
                description="x",
                unit="page",
                tiers=(Tier(first=1, last=2, amount=1),),
                **BASIS,
            ),
            "fee_tier_closed",
        ),
        (
            lambda: PerUnitFee(id="f", description="x", unit="page", **BASIS),
            "fee_amount_or_tiers",
        ),
        (
            lambda: PerUnitFee(
                id="f", description="x", unit="copy", amount=1, per_copy=True, **BASIS
            ),
            "fee_per_copy_unit",
        ),
        (
            lambda: PerUnitFee(
                id="f", description="x", unit="page", amount=1, cap_per_copy=5, **BASIS
            ),
            "fee_cap_without_copy",
        ),
        (
            lambda: PercentageFee(
                id="f", description="x", rate_percent=1, minimum=10, maximum=5, **BASIS
            ),
            "fee_bounds_reversed",
        ),
        (
            lambda: Exemption(id="f", description="x", categories=("rich",), **BASIS),
            "fee_unknown_category",
        ),
    ],
)
def test_malformed_rules_have_stable_codes(make: Any, code: str) -> None:
    with pytest.raises(FeeRuleDataError) as info:
        make()
    assert code in info.value.codes
    assert info.value.rule == "f"
    assert "'f'" in str(info.value)


def test_legal_basis_is_required() -> None:
    with pytest.raises(FeeRuleDataError) as info:
        FlatFee(id="no-basis", description="x", amount=1)  # type: ignore[call-arg]
    assert "legal_basis" in str(info.value)
    assert info.value.rule == "no-basis"


def test_modifier_target_must_exist() -> None:
    ex = Exemption(
        id="mien", description="x", categories=("poor_household",), applies_to=("nope",), **BASIS
    )
    with pytest.raises(FeeRuleDataError) as info:
        FeeSchedule(id="s", name="S", rules=(flat("a"), ex))
    assert info.value.codes == ("fee_unknown_target",)
    assert info.value.rule == "mien"
    assert "'nope'" in str(info.value)


def test_same_id_different_kinds_is_an_error() -> None:
    ex = Exemption(id="a", description="x", categories=("poor_household",), **BASIS)
    with pytest.raises(FeeRuleDataError) as info:
        FeeSchedule(id="s", name="S", rules=(flat("a"), ex))
    assert info.value.codes == ("fee_id_kind_clash",)


def test_from_data_names_schedule_rule_and_source(tmp_path: Path) -> None:
    data = {
        "schedule": [
            {
                "id": "ha-noi-khai-sinh",
                "name": "Đăng ký khai sinh",
                "rules": [
                    {"kind": "flat", "id": "ok", "description": "x", "amount": 1, **BASIS},
                    {
                        "kind": "per_unit",
                        "id": "bad-unit",
                        "description": "x",
                        "unit": "tờ",
                        "amount": 1,
                        **BASIS,
                    },
                ],
            }
        ]
    }
    path = tmp_path / "ha-noi.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FeeRuleDataError) as info:
        load_fee_schedules(path)
    err = info.value
    assert err.codes == ("fee_unknown_unit",)
    assert (err.rule, err.schedule) == ("bad-unit", "ha-noi-khai-sinh")
    assert str(path) in str(err)
    assert "rules.1" in str(err)
    assert "'tờ'" in str(err)


def test_load_toml_and_override_standard(tmp_path: Path) -> None:
    path = tmp_path / "tinh.toml"
    path.write_text(
        """
[[schedule]]
id = "dang-ky-khai-sinh"
name = "Đăng ký khai sinh"

[[schedule.rules]]
kind = "flat"
id = "le-phi-khai-sinh"
description = "Lệ phí đăng ký khai sinh"
amount = 5000
legal_basis = "Resolution 1/2020/NQ-HĐND"

[[schedule.rules]]
kind = "exemption"
id = "mien-dung-han"
description = "Miễn đúng hạn"
categories = ["on_time_registration"]
legal_basis = "Law on Civil Status 60/2014/QH13 art. 11"
""",
        encoding="utf-8",
    )
    mine = {**standard_fee_schedules(), **load_fee_schedules(path)}
    s = get_fee_schedule("dang-ky-khai-sinh", mine)
    assert quote(s, on=ON).total == 5000
    assert not quote(s, on=ON).unconfirmed
    assert quote(s, on=ON, exemptions="on_time_registration").total == 0


def test_bad_files(tmp_path: Path) -> None:
    bad = tmp_path / "x.toml"
    bad.write_text("[[schedule]\n", encoding="utf-8")
    with pytest.raises(FeeRuleDataError, match="TOML"):
        load_fee_schedules(bad)
    other = tmp_path / "x.yaml"
    other.write_text("a: 1", encoding="utf-8")
    with pytest.raises(FeeRuleDataError, match=r"\.toml or \.json"):
        load_fee_schedules(other)
    dup = tmp_path / "dup.json"
    one = {"id": "x", "name": "X", "rules": []}
    dup.write_text(json.dumps({"schedule": [one, one]}), encoding="utf-8")
    with pytest.raises(FeeRuleDataError, match="repeats the id 'x'"):
        load_fee_schedules(dup)


def test_replace_rule_sets_a_province_amount() -> None:
    s = get_fee_schedule("dang-ky-ket-hon")
    assert s.unconfirmed
    hn = s.replace_rule(
        "le-phi-ket-hon", amount=20000, legal_basis="Resolution X/NQ-HĐND", unconfirmed=False
    )
    assert quote(hn, on=ON).total == 20000
    assert quote(hn, on=ON, exemptions=["vietnamese_resident_marriage"]).total == 0
    assert quote(s, on=ON).total == 30000  # the original is unchanged
    with pytest.raises(FeeRuleDataError) as info:
        s.replace_rule("nope", amount=1)
    assert info.value.rule == "nope"
    assert "le-phi-ket-hon" in str(info.value)
    with pytest.raises(FeeRuleDataError):
        s.replace_rule("le-phi-ket-hon", amount=-1)


# -- quote errors ---------------------------------------------------------------------------------


def test_unknown_quantity_lists_allowed() -> None:
    with pytest.raises(QuoteError) as info:
        quote(get_fee_schedule("chung-thuc-ban-sao"), on=ON, trang=3)
    assert "'trang'" in str(info.value)
    for name in QUANTITY_NAMES:
        assert name in str(info.value)


def test_unknown_exemption_lists_allowed() -> None:
    with pytest.raises(QuoteError) as info:
        quote(get_fee_schedule("dang-ky-khai-sinh"), on=ON, exemptions=["ho_ngheo"])
    assert "'ho_ngheo'" in str(info.value)
    for name in EXEMPTION_CATEGORIES:
        assert name in str(info.value)


def test_unknown_channel() -> None:
    with pytest.raises(QuoteError, match=r"'counter'.*direct, online, postal"):
        quote(get_fee_schedule("chung-thuc-chu-ky"), on=ON, channel="counter")


@pytest.mark.parametrize(
    "bad", [{"pages": -1}, {"pages": 2.0}, {"copies": True}, {"value": 1.5}, {"value": -1}]
)
def test_bad_quantities(bad: dict[str, Any]) -> None:
    with pytest.raises(QuoteError) as info:
        quote(get_fee_schedule("chung-thuc-ban-sao"), on=ON, **bad)
    assert next(iter(bad)) in str(info.value)


def test_percentage_needs_value() -> None:
    s = get_fee_schedule("le-phi-truoc-ba-nha-dat")
    with pytest.raises(QuoteError, match="value="):
        quote(s, on=ON)
    q = quote(s, on=ON, value=Decimal(2_000_000_000))
    assert q.total == 10_000_000
    assert q.lines[0].unit_amount is None


def test_on_is_required_and_dates_outside_rules_are_errors() -> None:
    s = get_fee_schedule("chung-thuc-ban-sao")
    with pytest.raises(TypeError):
        quote(s)  # type: ignore[call-arg]
    with pytest.raises(QuoteError, match=r"2016-12-31.*2017-01-01"):
        quote(s, on=dt.date(2016, 12, 31))
    assert quote(s, on="2017-01-01").on == dt.date(2017, 1, 1)  # type: ignore[arg-type]


def test_counts_default_to_one_and_unused_quantities_are_reported() -> None:
    q = quote(get_fee_schedule("chung-thuc-chu-ky"), on=ON, pages=12)
    assert q.total == 10000
    assert q.unused_quantities == ("pages",)
    assert quote(get_fee_schedule("chung-thuc-ban-sao"), on=ON).total == 2000


def test_best_modifier_wins_and_they_do_not_stack() -> None:
    s = FeeSchedule(
        id="s",
        name="S",
        rules=(
            flat("a", 10000),
            Exemption(
                id="half", description="x", categories=("near_poor_household",), percent=50, **BASIS
            ),
            Reduction(id="online", description="y", channels=("online",), percent=10, **BASIS),
        ),
    )
    assert quote(s, on=ON, channel="online").total == 9000
    q = quote(s, on=ON, channel="online", exemptions="near_poor_household")
    assert q.total == 5000
    assert q.lines[0].adjustment is not None
    assert q.lines[0].adjustment.rule_id == "half"


def test_rounding_of_reductions_is_half_up() -> None:
    s = FeeSchedule(
        id="s",
        name="S",
        rules=(
            flat("a", 25001),
            Reduction(id="r", description="y", channels=("online",), percent=50, **BASIS),
        ),
    )
    assert quote(s, on=ON, channel="online").total == 12501  # 12,500.5 → 12,501


def test_explain_mentions_amounts_bases_and_words() -> None:
    text = quote(
        get_fee_schedule("dang-ky-khai-sinh"), on=ON, exemptions="poor_household"
    ).explain()
    assert "poor_household" in text
    assert "art. 11" in text
    assert "Không đồng" in text
    assert "unconfirmed" in text
    text = quote(get_fee_schedule("chung-thuc-ban-sao"), on=ON, pages=300, copies=2).explain()
    assert "capped at 200.000 đồng" in text
    assert "400.000 đồng" in text
    assert "Bốn trăm nghìn đồng" in text


# -- the shipped data -----------------------------------------------------------------------------


def test_standard_ids_are_stable_and_complete() -> None:
    schedules = standard_fee_schedules()
    assert tuple(schedules) == STANDARD_SCHEDULE_IDS
    with pytest.raises(UnknownFeeScheduleError) as info:
        get_fee_schedule("chung-thuc")
    assert isinstance(info.value, LookupError)
    assert isinstance(info.value, HccError)
    assert info.value.id == "chung-thuc"
    assert "chung-thuc-ban-sao" in str(info.value)


def test_every_rule_is_sourced_and_provincial_amounts_unconfirmed() -> None:
    for s in standard_fee_schedules().values():
        for rule in s.rules:
            assert rule.legal_basis.strip()
            if "People's Council" in rule.legal_basis:
                assert rule.unconfirmed, (s.id, rule.id)
    for sid in ("dang-ky-khai-sinh", "dang-ky-khai-tu", "dang-ky-ket-hon", "dang-ky-giam-ho"):
        assert get_fee_schedule(sid).unconfirmed
    for sid in ("chung-thuc-ban-sao", "chung-thuc-chu-ky", "trich-luc-ho-tich"):
        assert not get_fee_schedule(sid).unconfirmed


def test_schedule_introspection() -> None:
    s = get_fee_schedule("chung-thuc-ban-sao")
    assert s.quantities == ("copies", "pages")
    assert s.procedure_codes == ("2.000815",)
    assert get_fee_schedule("dang-ky-khai-sinh").exemption_categories == (
        "meritorious_family",
        "on_time_registration",
        "person_with_disability",
        "poor_household",
    )
    assert get_fee_schedule("le-phi-truoc-ba-nha-dat").quantities == ("value",)
