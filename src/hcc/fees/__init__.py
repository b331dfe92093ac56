"""Fees and charges (phí, lệ phí): rules as data, exact quotes, money text.

>>> import datetime as dt
>>> from hcc.fees import get_fee_schedule, quote, format_vnd, amount_in_words
>>> q = quote(get_fee_schedule("chung-thuc-ban-sao"), on=dt.date(2025, 6, 2), pages=3, copies=2)
>>> format_vnd(q.total), amount_in_words(q.total)
('10.000 đồng', 'Mười nghìn đồng')
"""

from hcc.fees.money import (
    MAX_AMOUNT,
    MAX_QUANTITY,
    AmountError,
    amount_in_words,
    format_vnd,
    to_vnd,
)
from hcc.fees.quote import Adjustment, OnTimeCheck, Quote, QuoteLine, check_on_time, quote
from hcc.fees.rules import (
    CHANNELS,
    EXEMPTION_CATEGORIES,
    QUANTITY_NAMES,
    UNITS,
    Channel,
    ChargeRule,
    Exemption,
    FeeRule,
    FeeRuleDataError,
    FeeSchedule,
    FlatFee,
    ModifierRule,
    OnTimeWindow,
    PercentageFee,
    PerUnitFee,
    Reduction,
    Tier,
    quantity_name,
)
from hcc.fees.schedules import (
    STANDARD_SCHEDULE_IDS,
    UnknownFeeScheduleError,
    get_fee_schedule,
    load_fee_schedules,
    parse_fee_schedules,
    standard_fee_schedules,
)

__all__ = [
    "CHANNELS",
    "EXEMPTION_CATEGORIES",
    "MAX_AMOUNT",
    "MAX_QUANTITY",
    "QUANTITY_NAMES",
    "STANDARD_SCHEDULE_IDS",
    "UNITS",
    "Adjustment",
    "AmountError",
    "Channel",
    "ChargeRule",
    "Exemption",
    "FeeRule",
    "FeeRuleDataError",
    "FeeSchedule",
    "FlatFee",
    "ModifierRule",
    "OnTimeCheck",
    "OnTimeWindow",
    "PerUnitFee",
    "PercentageFee",
    "Quote",
    "QuoteLine",
    "Reduction",
    "Tier",
    "UnknownFeeScheduleError",
    "amount_in_words",
    "check_on_time",
    "format_vnd",
    "get_fee_schedule",
    "load_fee_schedules",
    "parse_fee_schedules",
    "quantity_name",
    "quote",
    "standard_fee_schedules",
    "to_vnd",
]
