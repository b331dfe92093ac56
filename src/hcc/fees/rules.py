"""Fee rules as data: flat amounts, amounts per unit with tiers, percentages, exemptions, reductions.

A :class:`FeeSchedule` is the fee (phí, lệ phí) of one procedure or one family of procedures: a tuple
of rules, each valid on an inclusive span ``[valid_from, valid_to]`` (either end may be open) and each
naming its legal basis. Charge rules (:class:`FlatFee`, :class:`PerUnitFee`, :class:`PercentageFee`)
produce quote lines; modifier rules (:class:`Exemption`, :class:`Reduction`) lower them.

Rules with the same ``id`` are versions of one rule over time (an amount changed by a new circular);
their validity spans must not overlap. Everything is validated when built, and a bad rule raises
:class:`FeeRuleDataError` (a :class:`hcc.errors.FeeRuleError`) that names the rule.

>>> from decimal import Decimal
>>> rule = FlatFee(id="le-phi", description="Lệ phí", amount=10000, legal_basis="Circular X art. 4")
>>> FeeSchedule(id="demo", name="Demo", rules=(rule,)).rules[0].amount
Decimal('10000')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, DecimalException
from types import MappingProxyType
from typing import Annotated, Any, Literal, Self, TypeAlias

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from hcc._model import HccModel
from hcc.calendar import as_date
from hcc.calendar._text import nfc
from hcc.errors import FeeRuleError, InvalidInputError, QuoteError, _short_repr
from hcc.fees._arith import MAX_AMOUNT, MAX_QUANTITY, exact

__all__ = [
    "CHANNELS",
    "EXEMPTION_CATEGORIES",
    "QUANTITY_NAMES",
    "UNITS",
    "Channel",
    "ChargeRule",
    "Exemption",
    "FeeRule",
    "FeeRuleDataError",
    "FeeSchedule",
    "FlatFee",
    "ModifierRule",
    "OnTimeWindow",
    "PerUnitFee",
    "PercentageFee",
    "Reduction",
    "Tier",
    "quantity_name",
]

Channel: TypeAlias = Literal["direct", "online", "postal"]
"""How a dossier is filed: at the counter ("direct"), online, or through the public postal service."""

CHANNELS: tuple[Channel, ...] = ("direct", "online", "postal")

UNITS: Mapping[str, str] = MappingProxyType(
    {
        "page": "trang — a page, counted on the original (Circular 226/2016 art. 4)",
        "copy": "bản — one copy issued (a certified copy, an extract copy)",
        "case": "trường hợp — one request (a signature certification covers all signatures on one paper)",
        "certificate": "giấy chứng nhận / giấy phép — one certificate issued",
        "contract": "hợp đồng, giao dịch — one contract or transaction",
        "parcel": "thửa đất — one land parcel",
        "document": "giấy tờ, văn bản — one paper or document",
        "dossier": "hồ sơ — one dossier",
        "person": "người — one person concerned",
    }
)
"""The closed list of units a :class:`PerUnitFee` may charge by, with what one unit is.

The quote quantity of a unit is its English plural: ``pages``, ``copies``, ``cases``,
``certificates``, ``contracts``, ``parcels``, ``documents``, ``dossiers``, ``persons``; plus
``value`` for the declared value (VND) a :class:`PercentageFee` applies to.
"""

_PLURALS: Mapping[str, str] = MappingProxyType({"copy": "copies", "person": "persons"})


def quantity_name(unit: str) -> str:
    """The quote quantity name of a unit (its plural).

    >>> quantity_name("page"), quantity_name("copy")
    ('pages', 'copies')

    Raises:
        InvalidInputError: ``unit`` is not a str.
    """
    if not isinstance(unit, str):
        raise InvalidInputError("unit", unit, "a unit name (str) such as 'page'")
    return _PLURALS.get(unit, unit + "s")


QUANTITY_NAMES: tuple[str, ...] = (*(quantity_name(u) for u in UNITS), "value")
"""Every quantity name :func:`hcc.fees.quote` accepts."""

EXEMPTION_CATEGORIES: Mapping[str, str] = MappingProxyType(
    {
        "on_time_registration": "khai sinh, khai tử đúng hạn — birth or death registered on time "
        "(Law on Civil Status 2014 art. 11)",
        "guardianship": "đăng ký giám hộ — guardianship registration (art. 11)",
        "vietnamese_resident_marriage": "kết hôn của công dân Việt Nam cư trú ở trong nước — "
        "marriage of Vietnamese citizens residing in Viet Nam (art. 11)",
        "meritorious_family": "người thuộc gia đình có công với cách mạng — member of a family "
        "with merits to the revolution (art. 11)",
        "poor_household": "người thuộc hộ nghèo — member of a poor household (art. 11)",
        "person_with_disability": "người khuyết tật — person with a disability (art. 11)",
        "agricultural_loan_mortgage": "hợp đồng thế chấp để vay vốn phát triển nông nghiệp, nông "
        "thôn — mortgage for a loan under Decree 55/2015/NĐ-CP (Circular 226/2016 art. 5)",
        "near_poor_household": "người thuộc hộ cận nghèo — member of a near-poor household "
        "(provincial resolutions)",
        "child_under_6": "trẻ em dưới 6 tuổi — child under six (provincial resolutions)",
        "ethnic_minority_disadvantaged_area": "đồng bào dân tộc thiểu số ở vùng đặc biệt khó khăn — "
        "ethnic minority in an extremely disadvantaged area (provincial resolutions)",
        "provincial_resolution": "another exemption granted by a People's Council resolution; name "
        "it in the rule's legal basis",
    }
)
"""The closed list of exemption categories (``exemptions=`` of :func:`hcc.fees.quote`).

Only the first seven come from national law (Law on Civil Status 2014 art. 11, Circular 226/2016
art. 5); the others exist so provincial schedules can state theirs.
"""


def _shown(value: Any) -> str:
    """A value for an error message: a str as it is, anything else as a short, safe repr."""
    return value if isinstance(value, str) and len(value) <= 200 else _short_repr(value)


def check_quantity(name: str, value: Any) -> int:
    """A quantity (pages, copies, ...) as an int in ``0..MAX_QUANTITY``; booleans are not numbers.

    >>> check_quantity("pages", 3)
    3
    >>> check_quantity("pages", True)
    Traceback (most recent call last):
    ...
    hcc.errors.QuoteError: quantity pages: got True, expected a non-negative int up to 999999999

    Raises:
        QuoteError: ``value`` is not an int in ``0..MAX_QUANTITY``.
    """
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise QuoteError(
            f"quantity {name}: got {_short_repr(value)}, expected a non-negative int up to "
            f"{MAX_QUANTITY}"
        )
    if isinstance(value, Decimal):
        if (
            not value.is_finite()
            or (not value.is_zero() and value.adjusted() > 9)
            or value != value.to_integral_value()
        ):
            raise QuoteError(
                f"quantity {name}: got {_short_repr(value)}, expected a non-negative int up to "
                f"{MAX_QUANTITY}"
            )
        value = int(value)
    if not 0 <= value <= MAX_QUANTITY:
        shown = value if value.bit_length() <= 64 else f"<int of {value.bit_length()} bits>"
        raise QuoteError(
            f"quantity {name}: got {shown}, expected a non-negative int up to {MAX_QUANTITY}"
        )
    return int(value)


# -- value types ---------------------------------------------------------------------------------


def _no_float(value: Any) -> Any:
    if isinstance(value, bool | float):
        raise PydanticCustomError(
            "fee_not_exact",
            "got {value}; money and rates are exact: give an int, a Decimal or a string",
            {"value": value},
        )
    return value


_Exact = Annotated[Decimal, BeforeValidator(_no_float)]
_Text = Annotated[str, Field(min_length=1)]


class _Model(HccModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Tier(_Model):
    """One rate of a tiered amount: units ``first``..``last`` (inclusive, 1-based; ``last=None``
    means "and every unit after") cost ``amount`` each.

    >>> Tier(first=3, amount=1000).last is None
    True
    """

    first: int = Field(ge=1)
    last: int | None = None
    amount: _Exact


class _RuleBase(_Model):
    id: _Text
    description: _Text
    legal_basis: _Text
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    unconfirmed: bool = False
    note: str | None = None

    @field_validator("id", "description", "legal_basis", "note", mode="after")
    @classmethod
    def _normalise(cls, value: str | None) -> str | None:
        return None if value is None else nfc(value)

    @model_validator(mode="before")
    @classmethod
    def _known_unit(cls, data: Any) -> Any:
        if (
            isinstance(data, dict)
            and "unit" in data
            and not (isinstance(data["unit"], str) and data["unit"] in UNITS)
        ):
            raise PydanticCustomError(
                "fee_unknown_unit",
                "rule '{rule}': unknown unit '{unit}'; allowed: {allowed}",
                {
                    "rule": _shown(data.get("id")),
                    "unit": _shown(data["unit"]),
                    "allowed": ", ".join(UNITS),
                },
            )
        return data

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise PydanticCustomError(
                "fee_validity_reversed",
                "rule '{rule}': valid_to {to} is before valid_from {frm}",
                {"rule": self.id, "to": str(self.valid_to), "frm": str(self.valid_from)},
            )
        for name, value in self._amounts():
            if value is None:
                continue
            if value < 0:
                raise PydanticCustomError(
                    "fee_negative_amount",
                    "rule '{rule}': {field} is negative ({value}); amounts are >= 0",
                    {"rule": self.id, "field": name, "value": str(value)},
                )
            if value > MAX_AMOUNT:
                raise PydanticCustomError(
                    "fee_amount_too_large",
                    "rule '{rule}': {field} = {value} is larger than the largest amount hcc "
                    "accepts ({max} đồng)",
                    {"rule": self.id, "field": name, "value": str(value), "max": str(MAX_AMOUNT)},
                )
            if value != value.to_integral_value():
                raise PydanticCustomError(
                    "fee_fractional_amount",
                    "rule '{rule}': {field} = {value} is not a whole number of đồng",
                    {"rule": self.id, "field": name, "value": str(value)},
                )
        return self

    def _amounts(self) -> Iterable[tuple[str, Decimal | None]]:
        return ()

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise FeeRuleDataError.from_validation(exc, data.get("id")) from None

    def in_force(self, on: dt.date) -> bool:
        """Whether the rule applies on ``on``: ``valid_from <= on <= valid_to`` (open ends allowed).

        >>> r = FlatFee(id="x", description="x", amount=1, legal_basis="y",
        ...             valid_to=dt.date(2025, 12, 31))
        >>> r.in_force(dt.date(2025, 12, 31)), r.in_force(dt.date(2026, 1, 1))
        (True, False)

        Raises:
            InvalidInputError: ``on`` is not a date (or an ISO date string).
        """
        on = as_date(on, "on")
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )


class FlatFee(_RuleBase):
    """A fixed amount per request (the whole procedure), e.g. contract certification, 50,000 đồng.

    >>> FlatFee(id="hd", description="Chứng thực hợp đồng", amount=50000,
    ...         legal_basis="Circular 226/2016/TT-BTC art. 4").amount
    Decimal('50000')
    """

    kind: Literal["flat"] = "flat"
    amount: _Exact

    def _amounts(self) -> Iterable[tuple[str, Decimal | None]]:
        return (("amount", self.amount),)


class PerUnitFee(_RuleBase):
    """An amount per unit (a unit of :data:`UNITS`), possibly in tiers, possibly per copy with a cap.

    Give either ``amount`` (one rate for every unit) or ``tiers`` (contiguous from unit 1, the last
    one open-ended). With ``per_copy=True`` the units are counted on one copy (the original's pages),
    the tiered amount of one copy is capped at ``cap_per_copy``, and the result is multiplied by the
    quantity ``copies`` (Circular 226/2016 art. 4: 2,000 đồng a page for pages 1–2, 1,000 from page 3,
    at most 200,000 đồng a copy).

    >>> r = PerUnitFee(id="p", description="Bản sao", unit="page", per_copy=True,
    ...     tiers=(Tier(first=1, last=2, amount=2000), Tier(first=3, amount=1000)),
    ...     cap_per_copy=200000, legal_basis="Circular 226/2016/TT-BTC art. 4")
    >>> r.amount_for(5)
    Decimal('7000')
    >>> r.amount_for(300)
    Decimal('200000')
    """

    kind: Literal["per_unit"] = "per_unit"
    unit: Literal[
        "page",
        "copy",
        "case",
        "certificate",
        "contract",
        "parcel",
        "document",
        "dossier",
        "person",
    ]
    amount: _Exact | None = None
    tiers: tuple[Tier, ...] = ()
    per_copy: bool = False
    cap_per_copy: _Exact | None = None

    @model_validator(mode="after")
    def _shape(self) -> Self:
        def bad(code: str, msg: str, **ctx: Any) -> PydanticCustomError:
            return PydanticCustomError(code, "rule '{rule}': " + msg, {"rule": self.id, **ctx})

        if (self.amount is None) == (not self.tiers):
            raise bad("fee_amount_or_tiers", "give exactly one of amount and tiers")
        expected = 1
        for i, tier in enumerate(self.tiers):
            if tier.first != expected:
                raise bad(
                    "fee_tier_gap",
                    "tiers[{i}] starts at unit {first}, expected {expected} (tiers are contiguous from 1)",
                    i=i,
                    first=tier.first,
                    expected=expected,
                )
            if tier.last is None:
                if i != len(self.tiers) - 1:
                    raise bad(
                        "fee_tier_open", "only the last tier may be open-ended (tiers[{i}])", i=i
                    )
            else:
                if tier.last < tier.first:
                    raise bad("fee_tier_reversed", "tiers[{i}] ends before it starts", i=i)
                expected = tier.last + 1
        if self.tiers and self.tiers[-1].last is not None:
            raise bad("fee_tier_closed", "the last tier must be open-ended (last = None)")
        if self.per_copy and self.unit == "copy":
            raise bad("fee_per_copy_unit", "per_copy needs a unit other than 'copy'")
        if self.cap_per_copy is not None and not self.per_copy:
            raise bad("fee_cap_without_copy", "cap_per_copy needs per_copy = true")
        return self

    def _amounts(self) -> Iterable[tuple[str, Decimal | None]]:
        yield "amount", self.amount
        yield "cap_per_copy", self.cap_per_copy
        for i, tier in enumerate(self.tiers):
            yield f"tiers[{i}].amount", tier.amount

    @property
    def quantity(self) -> str:
        """The quote quantity this rule counts (``pages`` for unit ``page``).

        >>> PerUnitFee(id="x", description="x", unit="copy", amount=8000, legal_basis="y").quantity
        'copies'
        """
        return quantity_name(self.unit)

    def amount_for(self, units: int) -> Decimal:
        """The amount for ``units`` units (one copy's amount, capped, when ``per_copy``).

        >>> PerUnitFee(id="x", description="x", unit="case", amount=10000,
        ...            legal_basis="y").amount_for(3)
        Decimal('30000')

        Raises:
            QuoteError: ``units`` is not an int (a bool is not one) between 0 and
                :data:`hcc.fees.MAX_QUANTITY`.
        """
        units = check_quantity(self.quantity, units)
        with exact():
            if self.amount is not None:
                total = self.amount * units
            else:
                total = Decimal(0)
                for tier in self.tiers:
                    last = units if tier.last is None else min(units, tier.last)
                    if last >= tier.first:
                        total += tier.amount * (last - tier.first + 1)
            if self.cap_per_copy is not None:
                total = min(total, self.cap_per_copy)
            return total


Rounding: TypeAlias = Literal["half_up", "down", "up"]


class PercentageFee(_RuleBase):
    """A percentage of a declared value (quantity ``value``, VND), rounded to whole đồng, then held
    within ``[minimum, maximum]`` (either bound optional).

    ``rounding`` is the one rounding site of the rule: ``"half_up"`` (default), ``"down"`` or ``"up"``.

    >>> r = PercentageFee(id="tb", description="Lệ phí", rate_percent="0.5", minimum=0,
    ...                   maximum=500000, legal_basis="Decree X")
    >>> r.amount_for(Decimal(40_000_000)), r.amount_for(Decimal(10**9))
    (Decimal('200000'), Decimal('500000'))
    """

    kind: Literal["percentage"] = "percentage"
    rate_percent: _Exact = Field(ge=0, le=100)
    minimum: _Exact | None = None
    maximum: _Exact | None = None
    rounding: Rounding = "half_up"

    @model_validator(mode="after")
    def _bounds(self) -> Self:
        if self.minimum is not None and self.maximum is not None and self.maximum < self.minimum:
            raise PydanticCustomError(
                "fee_bounds_reversed",
                "rule '{rule}': maximum {mx} is below minimum {mn}",
                {"rule": self.id, "mx": str(self.maximum), "mn": str(self.minimum)},
            )
        return self

    def _amounts(self) -> Iterable[tuple[str, Decimal | None]]:
        return (("minimum", self.minimum), ("maximum", self.maximum))

    def amount_for(self, value: Decimal) -> Decimal:
        """The amount for a declared value: rate, rounding, then the bounds.

        Raises:
            QuoteError: ``value`` is not a whole amount of đồng between 0 and
                :data:`hcc.fees.MAX_AMOUNT`, or the rate has so many digits that the product
                cannot be computed exactly.
        """
        from hcc.fees._arith import round_vnd
        from hcc.fees.money import AmountError, to_vnd

        try:
            value = to_vnd(value)
        except AmountError as exc:
            raise QuoteError(f"quantity value: {exc.args[0]}") from None
        try:
            with exact():
                share = value * self.rate_percent / 100
        except DecimalException:
            raise QuoteError(
                f"rule {self.id!r}: {self.rate_percent} % of {value} cannot be computed exactly "
                "(too many digits)"
            ) from None
        amount = round_vnd(share, self.rounding)
        if self.minimum is not None:
            amount = max(amount, self.minimum)
        if self.maximum is not None:
            amount = min(amount, self.maximum)
        return amount


class _ModifierBase(_RuleBase):
    percent: _Exact = Field(default=Decimal(100), ge=0, le=100)
    applies_to: tuple[str, ...] = ()
    """Ids of the charge rules it lowers; empty means every charge rule of the schedule."""


class Exemption(_ModifierBase):
    """An exemption (miễn) or reduction (giảm) for people of a named category (:data:`EXEMPTION_CATEGORIES`).

    ``percent`` is how much is waived (100 = fully exempt). It applies when the quote names one of
    its ``categories``.

    >>> Exemption(id="mien", description="Miễn lệ phí", categories=("poor_household",),
    ...           legal_basis="Law on Civil Status 2014 art. 11").percent
    Decimal('100')
    """

    kind: Literal["exemption"] = "exemption"
    categories: tuple[str, ...] = Field(min_length=1)

    @field_validator("categories", mode="after")
    @classmethod
    def _known(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for category in value:
            if category not in EXEMPTION_CATEGORIES:
                raise PydanticCustomError(
                    "fee_unknown_category",
                    "unknown exemption category '{category}'; allowed: {allowed}",
                    {"category": category, "allowed": ", ".join(EXEMPTION_CATEGORIES)},
                )
        return value


class Reduction(_ModifierBase):
    """A reduction for a filing channel, usually time-boxed (Circular 63/2023/TT-BTC: online filing
    pays less from 1/12/2023 to 31/12/2025).

    ``percent`` is how much is taken off (10 = pay 90 %).

    >>> Reduction(id="online", description="Giảm khi nộp trực tuyến", channels=("online",),
    ...           percent=10, valid_from=dt.date(2023, 12, 1), valid_to=dt.date(2025, 12, 31),
    ...           legal_basis="Circular 63/2023/TT-BTC").in_force(dt.date(2026, 1, 1))
    False
    """

    kind: Literal["reduction"] = "reduction"
    channels: tuple[Channel, ...] = Field(min_length=1)


FeeRule = Annotated[
    FlatFee | PerUnitFee | PercentageFee | Exemption | Reduction, Discriminator("kind")
]
"""One rule of a schedule; ``kind`` tells which: "flat", "per_unit", "percentage", "exemption",
"reduction"."""

ChargeRule: TypeAlias = FlatFee | PerUnitFee | PercentageFee
ModifierRule: TypeAlias = Exemption | Reduction


class OnTimeWindow(_Model):
    """The statutory window within which registering an event is "on time" (đúng hạn).

    A registration is on time when it is received on or before the last day of a period of
    ``days`` days that starts with the ``event`` (a birth, a death). The day of the event is not
    counted (Civil Code 2015 art. 147(3)); the period ends at the end of its last day
    (art. 148(1)), or of the next working day when the last day is a day off (art. 148(5)). So
    with a 60-day window a birth on 15 January is on time through 16 March (day 60), late from
    17 March (day 61). :func:`hcc.fees.quote` applies the ``category`` exemption by itself when
    given the event date.

    >>> OnTimeWindow(event="birth", days=60, legal_basis="Law on Civil Status art. 15(1)").days
    60
    """

    event: Literal["birth", "death"]
    days: int = Field(ge=1, le=3660)
    category: str = "on_time_registration"
    legal_basis: _Text

    @field_validator("category", mode="after")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in EXEMPTION_CATEGORIES:
            raise PydanticCustomError(
                "fee_unknown_category",
                "unknown exemption category '{value}'; allowed: {allowed}",
                {"value": value, "allowed": ", ".join(EXEMPTION_CATEGORIES)},
            )
        return value


class FeeSchedule(_Model):
    """The fee of a procedure: rules, each with its validity and legal basis.

    ``on_time`` is the statutory window of a registration whose fee is waived when it is on
    time (birth, death registration: Law on Civil Status 60/2014/QH13 arts. 11, 15, 33).

    Validation (on construction and on loading) rejects negative or fractional amounts, unknown
    units and exemption categories, tiers with gaps, modifiers that point at no charge rule, and two
    rules with the same ``id`` whose validity spans overlap (both inclusive).

    >>> s = FeeSchedule(id="chu-ky", name="Chứng thực chữ ký", rules=(
    ...     PerUnitFee(id="le-phi", description="Phí chứng thực chữ ký", unit="case",
    ...                amount=10000, legal_basis="Circular 226/2016/TT-BTC art. 4"),))
    >>> s.charge_rules()[0].id, s.quantities
    ('le-phi', ('cases',))
    """

    id: _Text
    name: _Text
    rules: tuple[FeeRule, ...]
    procedure_codes: tuple[str, ...] = ()
    """Codes of the national procedure database this schedule is usually attached to (advisory)."""
    note: str | None = None
    on_time: OnTimeWindow | None = None

    @field_validator("id", "name", "note", mode="after")
    @classmethod
    def _normalise(cls, value: str | None) -> str | None:
        return None if value is None else nfc(value)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        charge_ids = {r.id for r in self.rules if r.kind in ("flat", "per_unit", "percentage")}
        by_id: dict[str, list[tuple[int, ChargeRule | ModifierRule]]] = {}
        for i, rule in enumerate(self.rules):
            for earlier_i, earlier in by_id.get(rule.id, []):
                if earlier.kind != rule.kind:
                    raise PydanticCustomError(
                        "fee_id_kind_clash",
                        "schedule '{schedule}': rules[{i}] and rules[{j}] share the id '{rule}' "
                        "but are of kinds '{k1}' and '{k2}'",
                        {
                            "schedule": self.id,
                            "i": earlier_i,
                            "j": i,
                            "rule": rule.id,
                            "k1": earlier.kind,
                            "k2": rule.kind,
                        },
                    )
                if _overlap(earlier, rule):
                    raise PydanticCustomError(
                        "fee_overlap",
                        "schedule '{schedule}': rule '{rule}' has two versions in force at once: "
                        "rules[{i}] ({span1}) overlaps rules[{j}] ({span2})",
                        {
                            "schedule": self.id,
                            "rule": rule.id,
                            "i": earlier_i,
                            "j": i,
                            "span1": _span(earlier),
                            "span2": _span(rule),
                        },
                    )
            by_id.setdefault(rule.id, []).append((i, rule))
            if isinstance(rule, Exemption | Reduction):
                for target in rule.applies_to:
                    if target not in charge_ids:
                        raise PydanticCustomError(
                            "fee_unknown_target",
                            "schedule '{schedule}': rule '{rule}' applies_to '{target}', which is "
                            "not a charge rule of the schedule (charge rules: {allowed})",
                            {
                                "schedule": self.id,
                                "rule": rule.id,
                                "target": target,
                                "allowed": ", ".join(sorted(charge_ids)) or "none",
                            },
                        )
        return self

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise FeeRuleDataError.from_validation(exc, data.get("id")) from None

    @classmethod
    def from_data(cls, data: Mapping[str, Any], *, source: str | None = None) -> FeeSchedule:
        """Build a schedule from plain data (a TOML/JSON table); errors become :class:`FeeRuleDataError`.

        >>> FeeSchedule.from_data({"id": "x", "name": "X", "rules": [{"kind": "flat", "id": "a",
        ...     "description": "A", "amount": 5000, "legal_basis": "Decision 1"}]}).rules[0].kind
        'flat'
        """
        if not isinstance(data, Mapping):
            raise FeeRuleDataError(
                f"{source or 'data'}: got {type(data).__name__}, expected a mapping (a table)",
                source=source,
                codes=("fee_not_a_table",),
            )
        try:
            return cls.model_validate(dict(data))
        except ValidationError as exc:
            raise FeeRuleDataError.from_validation(exc, data.get("id"), source=source) from None

    def charge_rules(self, on: dt.date | None = None) -> tuple[ChargeRule, ...]:
        """The rules that charge money (flat, per unit, percentage), those in force ``on`` if given."""
        return tuple(
            r
            for r in self.rules
            if isinstance(r, FlatFee | PerUnitFee | PercentageFee)
            and (on is None or r.in_force(on))
        )

    def modifier_rules(self, on: dt.date | None = None) -> tuple[ModifierRule, ...]:
        """The exemptions and reductions, those in force ``on`` if given."""
        return tuple(
            r
            for r in self.rules
            if isinstance(r, Exemption | Reduction) and (on is None or r.in_force(on))
        )

    @property
    def quantities(self) -> tuple[str, ...]:
        """The quantity names this schedule's charge rules count, sorted (``pages``, ``value``, ...)."""
        names = set()
        for r in self.charge_rules():
            if isinstance(r, PerUnitFee):
                names.add(r.quantity)
                if r.per_copy:
                    names.add("copies")
            elif isinstance(r, PercentageFee):
                names.add("value")
        return tuple(sorted(names))

    @property
    def exemption_categories(self) -> tuple[str, ...]:
        """The exemption categories some rule of this schedule recognises, sorted."""
        return tuple(
            sorted({c for r in self.rules if isinstance(r, Exemption) for c in r.categories})
        )

    @property
    def unconfirmed(self) -> bool:
        """Whether any rule is marked unconfirmed (an amount hcc could not check at its source)."""
        return any(r.unconfirmed for r in self.rules)

    def replace_rule(self, rule_id: str, **changes: Any) -> FeeSchedule:
        """A copy with every version of rule ``rule_id`` changed (re-validated); use it to set a
        province's amount.

        >>> s = FeeSchedule(id="s", name="S", rules=(FlatFee(id="a", description="A", amount=0,
        ...     legal_basis="?", unconfirmed=True),))
        >>> t = s.replace_rule("a", amount=8000, legal_basis="Resolution 1/2020/NQ-HĐND",
        ...                    unconfirmed=False)
        >>> t.rules[0].amount, t.unconfirmed
        (Decimal('8000'), False)
        """
        if not isinstance(rule_id, str) or rule_id not in {r.id for r in self.rules}:
            raise FeeRuleDataError(
                f"schedule {self.id!r}: no rule {_short_repr(rule_id)}; rules: "
                + ", ".join(dict.fromkeys(r.id for r in self.rules)),
                rule=rule_id,
                schedule=self.id,
                codes=("fee_unknown_rule",),
            )
        rules = [
            type(r)(**{**r.model_dump(), **changes}) if r.id == rule_id else r for r in self.rules
        ]
        return FeeSchedule(**{**self.model_dump(exclude={"rules"}), "rules": tuple(rules)})


def _span(rule: _RuleBase) -> str:
    start = rule.valid_from.isoformat() if rule.valid_from else "open"
    end = rule.valid_to.isoformat() if rule.valid_to else "open"
    return f"{start}..{end}"


def _overlap(a: _RuleBase, b: _RuleBase) -> bool:
    lo = dt.date.min
    hi = dt.date.max
    return max(a.valid_from or lo, b.valid_from or lo) <= min(a.valid_to or hi, b.valid_to or hi)


class FeeRuleDataError(FeeRuleError):
    """A fee rule or schedule that failed validation; the message names the rule.

    ``rule`` and ``schedule`` are the ids involved (when known), ``codes`` the stable error codes
    (``fee_unknown_unit``, ``fee_negative_amount``, ``fee_overlap``, ...), ``errors`` pydantic's
    error list, ``problems`` one message per problem.

    >>> try:
    ...     FlatFee(id="bad", description="x", amount=-1, legal_basis="y")
    ... except FeeRuleDataError as e:
    ...     print(e.codes, e.rule)
    ('fee_negative_amount',) bad
    """

    def __init__(
        self,
        message: str,
        *,
        rule: str | None = None,
        schedule: str | None = None,
        codes: tuple[str, ...] = (),
        errors: tuple[Any, ...] = (),
        source: str | None = None,
        problems: tuple[str, ...] = (),
    ) -> None:
        self.rule = rule
        self.problems = problems or (message,)
        self.schedule = schedule
        self.codes = codes
        self.errors = errors
        self.source = source
        super().__init__(message)

    @classmethod
    def from_validation(
        cls, exc: ValidationError, ident: Any, *, source: str | None = None
    ) -> FeeRuleDataError:
        """Turn pydantic's error into one that names the rule (and the schedule)."""
        problems: list[str] = []
        codes: list[str] = []
        errors: list[Any] = []
        rule: str | None = None
        schedule: str | None = None
        for err in exc.errors(include_url=False):
            loc = ".".join(str(p) for p in err["loc"])
            ctx = err.get("ctx") or {}
            inner = ctx.get("error")
            if isinstance(inner, FeeRuleDataError):  # raised by a nested model's __init__
                problems += [f"{loc}: {p}" if loc else p for p in inner.problems]
                codes += inner.codes
                errors += inner.errors
                rule = rule or inner.rule
                schedule = schedule or inner.schedule
                continue
            if rule is None and isinstance(ctx.get("rule"), str):
                rule = ctx["rule"]
            problems.append(f"{loc}: {err['msg']}" if loc else err["msg"])
            codes.append(str(err["type"]))
            errors.append(err)
        is_schedule = exc.title == "FeeSchedule"
        if is_schedule and isinstance(ident, str):
            schedule = ident
        if rule is None and not is_schedule and isinstance(ident, str):
            rule = ident
        head = f"{source}: " if source else ""
        head += (
            f"invalid fee schedule {schedule!r}" if is_schedule else f"invalid fee rule {rule!r}"
        )
        return cls(
            head + ": " + "; ".join(problems),
            rule=rule,
            schedule=schedule,
            codes=tuple(codes),
            errors=tuple(errors),
            source=source,
            problems=tuple(problems),
        )
