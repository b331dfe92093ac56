"""Hypothesis properties of quotes over random schedules and the standard ones."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hcc.fees import (
    CHANNELS,
    EXEMPTION_CATEGORIES,
    UNITS,
    Exemption,
    FeeSchedule,
    FlatFee,
    PercentageFee,
    PerUnitFee,
    Reduction,
    Tier,
    quantity_name,
    quote,
    standard_fee_schedules,
)

ON = dt.date(2025, 6, 2)
money = st.integers(0, 500_000).map(Decimal)
percent = st.sampled_from([Decimal(0), Decimal(10), Decimal(50), Decimal("12.5"), Decimal(100)])


@st.composite
def tiers(draw: st.DrawFn) -> tuple[Tier, ...]:
    bounds = sorted(draw(st.sets(st.integers(1, 300), max_size=3)))
    out, first = [], 1
    for last in bounds:
        if last >= first:
            out.append(Tier(first=first, last=last, amount=draw(money)))
            first = last + 1
    out.append(Tier(first=first, amount=draw(money)))
    return tuple(out)


@st.composite
def charge_rule(draw: st.DrawFn, rule_id: str) -> Any:
    common: dict[str, Any] = {"id": rule_id, "description": rule_id, "legal_basis": "test"}
    kind = draw(st.sampled_from(["flat", "per_unit", "per_copy", "percentage"]))
    if kind == "flat":
        return FlatFee(amount=draw(money), **common)
    if kind == "percentage":
        lo = draw(st.none() | money)
        hi = draw(st.none() | money)
        if lo is not None and hi is not None and hi < lo:
            lo, hi = hi, lo
        return PercentageFee(
            rate_percent=draw(percent),
            minimum=lo,
            maximum=hi,
            rounding=draw(st.sampled_from(["half_up", "down", "up"])),
            **common,
        )
    if kind == "per_copy":
        unit = draw(st.sampled_from([u for u in UNITS if u != "copy"]))
        return PerUnitFee(
            unit=unit,
            per_copy=True,
            tiers=draw(tiers()),
            cap_per_copy=draw(st.none() | money),
            **common,
        )
    unit = draw(st.sampled_from(list(UNITS)))
    if draw(st.booleans()):
        return PerUnitFee(unit=unit, amount=draw(money), **common)
    return PerUnitFee(unit=unit, tiers=draw(tiers()), **common)


@st.composite
def schedules(draw: st.DrawFn) -> FeeSchedule:
    n = draw(st.integers(1, 4))
    charges = [draw(charge_rule(f"c{i}")) for i in range(n)]
    ids = [c.id for c in charges]
    mods: list[Any] = []
    for i in range(draw(st.integers(0, 3))):
        common: dict[str, Any] = {
            "id": f"m{i}",
            "description": f"m{i}",
            "legal_basis": "test",
            "percent": draw(percent),
            "applies_to": tuple(draw(st.lists(st.sampled_from(ids), unique=True, max_size=2))),
        }
        if draw(st.booleans()):
            cats = draw(
                st.lists(st.sampled_from(list(EXEMPTION_CATEGORIES)), min_size=1, max_size=3)
            )
            mods.append(Exemption(categories=tuple(cats), **common))
        else:
            chans = draw(st.lists(st.sampled_from(CHANNELS), min_size=1, max_size=2, unique=True))
            mods.append(Reduction(channels=tuple(chans), **common))
    return FeeSchedule(id="random", name="random", rules=(*charges, *mods))


QUANTITIES = [quantity_name(u) for u in UNITS]


@st.composite
def quantities(draw: st.DrawFn) -> dict[str, Any]:
    out: dict[str, Any] = {
        name: draw(st.integers(0, 400))
        for name in draw(st.lists(st.sampled_from(QUANTITIES), unique=True))
    }
    out["value"] = draw(st.integers(0, 10**12))
    return out


situations = st.fixed_dictionaries(
    {
        "channel": st.sampled_from(CHANNELS),
        "exemptions": st.lists(st.sampled_from(list(EXEMPTION_CATEGORIES)), max_size=3),
    }
)


@given(schedules(), quantities(), situations)
def test_total_never_negative_and_whole(s: FeeSchedule, q: dict[str, Any], sit: Any) -> None:
    result = quote(s, on=ON, **sit, **q)
    assert result.total >= 0
    assert result.total == sum(line.amount for line in result.lines)
    for line in result.lines:
        assert 0 <= line.amount <= line.gross
        assert line.amount == line.amount.to_integral_value()
        assert isinstance(line.amount, Decimal)


@given(
    schedules(),
    quantities(),
    situations,
    st.sampled_from([*QUANTITIES, "value"]),
    st.integers(1, 500),
)
def test_monotone_in_each_quantity(
    s: FeeSchedule, q: dict[str, Any], sit: Any, name: str, more: int
) -> None:
    before = quote(s, on=ON, **sit, **q).total
    bigger = dict(q)
    bigger[name] = bigger.get(name, 1) + more * (10**6 if name == "value" else 1)
    assert quote(s, on=ON, **sit, **bigger).total >= before


@given(schedules(), quantities(), situations)
def test_per_copy_cap_holds(s: FeeSchedule, q: dict[str, Any], sit: Any) -> None:
    result = quote(s, on=ON, **sit, **q)
    rules = {r.id: r for r in s.rules}
    for line in result.lines:
        rule = rules[line.rule_id]
        if isinstance(rule, PerUnitFee) and rule.per_copy and rule.cap_per_copy is not None:
            assert line.unit_amount is not None
            assert line.unit_amount <= rule.cap_per_copy
            assert line.gross <= rule.cap_per_copy * line.quantity


@given(schedules(), quantities(), situations, st.randoms(use_true_random=False))
def test_rule_order_does_not_change_total(
    s: FeeSchedule, q: dict[str, Any], sit: Any, rnd: Any
) -> None:
    rules = list(s.rules)
    rnd.shuffle(rules)
    shuffled = FeeSchedule(id=s.id, name=s.name, rules=tuple(rules))
    a = quote(s, on=ON, **sit, **q)
    b = quote(shuffled, on=ON, **sit, **q)
    assert a.total == b.total
    assert sorted((x.rule_id, x.amount) for x in a.lines) == sorted(
        (x.rule_id, x.amount) for x in b.lines
    )


@given(schedules(), quantities(), situations)
def test_more_exemptions_never_cost_more(s: FeeSchedule, q: dict[str, Any], sit: Any) -> None:
    without = quote(s, on=ON, channel=sit["channel"], **q).total
    assert quote(s, on=ON, **sit, **q).total <= without


@settings(max_examples=50)
@given(
    st.sampled_from(sorted(standard_fee_schedules())),
    st.dictionaries(st.sampled_from(QUANTITIES), st.integers(0, 300)),
    st.integers(0, 10**12),
    situations,
    st.dates(dt.date(2022, 3, 1), dt.date(2030, 12, 31)),  # every standard rule is in force
)
def test_standard_schedules_quote_everywhere(
    sid: str, q: dict[str, int], value: int, sit: Any, on: dt.date
) -> None:
    s = standard_fee_schedules()[sid]
    result = quote(s, on=on, value=value, **sit, **q)
    assert result.total >= 0
    bigger = {k: v + 1 for k, v in q.items()}
    assert quote(s, on=on, value=value + 1000, **sit, **bigger).total >= result.total
    assert result.schedule_id == sid


@given(schedules())
def test_json_round_trip(s: FeeSchedule) -> None:
    assert FeeSchedule.model_validate_json(s.model_dump_json()) == s
