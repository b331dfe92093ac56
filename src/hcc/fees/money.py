"""Money in Vietnamese đồng: exact amounts, "1.250.000 đồng" and amounts in words.

VND has no minor unit, so every amount hcc handles is a whole number of đồng, held as an ``int`` or an
integral ``Decimal``; floats are refused everywhere, because ``0.1 + 0.2`` is not money.

>>> format_vnd(1250000)
'1.250.000 đồng'
>>> amount_in_words(1050)
'Một nghìn không trăm năm mươi đồng'
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Literal

from hcc._text import DIGIT_WORDS
from hcc._types import MAX_AMOUNT, to_vnd
from hcc.errors import AmountError
from hcc.fees._arith import MAX_QUANTITY

__all__ = [
    "MAX_AMOUNT",
    "MAX_QUANTITY",
    "AmountError",
    "FourStyle",
    "NegativeStyle",
    "ThousandWord",
    "ZeroTensWord",
    "amount_in_words",
    "format_vnd",
    "to_vnd",
]

ThousandWord = Literal["nghìn", "ngàn"]
"""The word for 10^3: "nghìn" (formal, northern; the default) or "ngàn" (southern)."""

ZeroTensWord = Literal["linh", "lẻ"]
"""The word for a zero tens digit before a units digit (105): "linh" (default) or "lẻ"."""

FourStyle = Literal["tư", "bốn"]
"""How 4 reads after "mươi" (24): "tư" (default) or "bốn". "mười bốn" (14) never changes."""

NegativeStyle = Literal["minus", "parentheses"]
"""How [`format_vnd`][format_vnd] writes a negative amount (a refund): "-5.000 đồng" (the default) or
"(5.000 đồng)", the accountants' convention."""

_DIGITS = DIGIT_WORDS


def format_vnd(
    amount: int | Decimal, *, unit: str | None = "đồng", negative: NegativeStyle = "minus"
) -> str:
    """Write an amount the Vietnamese way: dots between groups of three digits, then "đồng".

    ``unit=None`` leaves the unit out; ``unit="VNĐ"`` or ``"₫"`` writes another one. A negative
    amount (a refund, a correction) gets a minus sign before the digits, as on receipts and
    adjusting invoices: "-5.000 đồng"; ``negative="parentheses"`` writes "(5.000 đồng)", the
    convention of accounting statements. The amount is checked (a whole number of đồng, at most
    [`MAX_AMOUNT`][MAX_AMOUNT] in absolute value) before anything is converted.

    >>> format_vnd(1250000)
    '1.250.000 đồng'
    >>> format_vnd(Decimal(0))
    '0 đồng'
    >>> format_vnd(200000, unit=None)
    '200.000'
    >>> format_vnd(-5000), format_vnd(-5000, negative="parentheses")
    ('-5.000 đồng', '(5.000 đồng)')

    Raises:
        AmountError: ``amount`` is not a whole number of đồng within ±[`MAX_AMOUNT`][MAX_AMOUNT], or
            ``negative`` is not "minus" or "parentheses".
    """
    if negative not in ("minus", "parentheses"):
        raise AmountError(negative, "negative='minus' or 'parentheses'")
    n = int(to_vnd(amount, allow_negative=True))
    digits = str(abs(n))
    groups = []
    while digits:
        groups.append(digits[-3:])
        digits = digits[:-3]
    text = ".".join(reversed(groups))
    if unit:
        text = f"{text} {_unit(unit)}"
    if n < 0:
        return f"({text})" if negative == "parentheses" else f"-{text}"
    return text


def _unit(unit: object) -> str:
    if not isinstance(unit, str):
        raise AmountError(unit, "unit: a str or None")
    return unicodedata.normalize("NFC", unit)


def _group_words(n: int, *, full: bool, zero_tens: str, four: str) -> list[str]:
    """Words for 0 < n < 1000; ``full`` reads the hundreds even when zero ("không trăm")."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append(zero_tens)
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        elif units == 4 and tens >= 2:
            words.append(four)
        else:
            words.append(_DIGITS[units])
    return words


def _words(n: int, *, inner: bool, thousand: str, zero_tens: str, four: str) -> list[str]:
    """Words for n > 0; ``inner`` when something is read before n (its hundreds are then spoken)."""
    if n >= 1_000_000_000:
        high, low = divmod(n, 1_000_000_000)
        words = _words(high, inner=inner, thousand=thousand, zero_tens=zero_tens, four=four)
        words.append("tỷ")
        if low:
            words += _words(low, inner=True, thousand=thousand, zero_tens=zero_tens, four=four)
        return words
    words = []
    millions, rest = divmod(n, 1_000_000)
    thousands, units = divmod(rest, 1000)
    for value, scale in ((millions, "triệu"), (thousands, thousand), (units, "")):
        if not value:
            continue
        words += _group_words(value, full=inner or bool(words), zero_tens=zero_tens, four=four)
        if scale:
            words.append(scale)
    return words


def amount_in_words(
    amount: int | Decimal,
    *,
    thousand: ThousandWord = "nghìn",
    zero_tens: ZeroTensWord = "linh",
    four: FourStyle = "tư",
    unit: str | None = "đồng",
    capitalize: bool = True,
) -> str:
    """Read an amount of đồng in words, in the formal style of receipts and decisions.

    Rules (formal style, the defaults):

    - groups of three digits named "nghìn" (10^3), "triệu" (10^6), "tỷ" (10^9); above that the
      groups of "tỷ" repeat: 10^12 is "một nghìn tỷ", 10^15 "một triệu tỷ" (any amount up to
      [`MAX_AMOUNT`][MAX_AMOUNT] can be read);
    - a group after the first is read in full: "không trăm" for a zero hundreds digit, and a
      group of 000 is left out (1,000,005 → "một triệu không trăm linh năm");
    - "linh" for a zero tens digit before a units digit (105 → "một trăm linh năm");
    - "mười" for 10–19, "X mươi" above; "mốt" for 1 after twenty and above (21 → "hai mươi
      mốt", but 11 → "mười một"); "lăm" for 5 after ten and above (15 → "mười lăm", 105 → "một
      trăm linh năm"); "tư" for 4 after twenty and above (24 → "hai mươi tư", 14 → "mười bốn");
    - the first letter capitalised; "đồng" at the end; 0 → "Không đồng";
    - a negative amount (a refund) is read with "âm" first: -5000 → "Âm năm nghìn đồng", as
      Vietnamese reads a negative number ("âm" = minus).

    Options: ``thousand="ngàn"``, ``zero_tens="lẻ"``, ``four="bốn"``; ``unit=None`` leaves out
    "đồng"; ``capitalize=False`` keeps the first letter small.

    >>> amount_in_words(1250000)
    'Một triệu hai trăm năm mươi nghìn đồng'
    >>> amount_in_words(1050)
    'Một nghìn không trăm năm mươi đồng'
    >>> amount_in_words(10**15)
    'Một triệu tỷ đồng'
    >>> amount_in_words(21_000_005)
    'Hai mươi mốt triệu không trăm linh năm đồng'
    >>> amount_in_words(1024, thousand="ngàn", zero_tens="lẻ", four="bốn")
    'Một ngàn không trăm hai mươi bốn đồng'
    >>> amount_in_words(15, unit=None, capitalize=False)
    'mười lăm'
    >>> amount_in_words(-5000)
    'Âm năm nghìn đồng'

    Raises:
        AmountError: ``amount`` is not a whole number of đồng within ±[`MAX_AMOUNT`][MAX_AMOUNT], or an
            option is not one of its allowed values.
    """
    if thousand not in ("nghìn", "ngàn"):
        raise AmountError(thousand, "thousand='nghìn' or 'ngàn'")
    if zero_tens not in ("linh", "lẻ"):
        raise AmountError(zero_tens, "zero_tens='linh' or 'lẻ'")
    if four not in ("tư", "bốn"):
        raise AmountError(four, "four='tư' or 'bốn'")
    n = int(to_vnd(amount, allow_negative=True))
    words = (
        _words(abs(n), inner=False, thousand=thousand, zero_tens=zero_tens, four=four)
        if n
        else ["không"]
    )
    if n < 0:
        words.insert(0, "âm")
    if unit:
        words.append(_unit(unit))
    text = " ".join(words)
    return text[0].upper() + text[1:] if capitalize else text
