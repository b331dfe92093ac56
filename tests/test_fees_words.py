"""Amounts in words and format_vnd: hand-written tables, a strict reverse reader, properties."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hcc.errors import HccError
from hcc.fees import AmountError, amount_in_words, format_vnd
from tests.conftest import ANSWERS

TABLES = tomllib.loads((ANSWERS / "amounts_in_words.toml").read_text(encoding="utf-8"))
DIGIT = {
    "không": 0,
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
}


# -- a strict reader of the formal style, written independently of hcc ---------------------------


class NotFormal(ValueError):
    pass


def _read_group(tokens: list[str], *, full: bool, opts: dict[str, str]) -> int:
    """Read 1..999 from tokens; ``full`` demands the hundreds ("không trăm" in inner groups)."""
    t = list(tokens)
    hundreds = tens = units = 0
    has_hundreds = len(t) >= 2 and t[1] == "trăm"
    if has_hundreds:
        hundreds = DIGIT[t[0]]
        t = t[2:]
    elif full:
        raise NotFormal(f"inner group without hundreds: {tokens}")
    if has_hundreds and hundreds == 0 and not full:
        raise NotFormal("'không trăm' in a leading group")
    tens_word = None
    if t and t[0] == opts["zero_tens"]:
        if not has_hundreds:
            raise NotFormal("'linh' without hundreds")
        t = t[1:]
        if len(t) != 1:
            raise NotFormal(f"'linh' must be followed by one digit: {tokens}")
        tens_word = "linh"
    elif t and t[0] == "mười":
        tens, t, tens_word = 1, t[1:], "mười"
    elif len(t) >= 2 and t[1] == "mươi":
        tens = DIGIT[t[0]]
        if tens < 2:
            raise NotFormal(f"'{t[0]} mươi'")
        t, tens_word = t[2:], "mươi"
    if t:
        if len(t) != 1:
            raise NotFormal(f"trailing words {t}")
        w = t[0]
        expected = {
            1: "mốt" if tens_word == "mươi" else "một",
            4: opts["four"] if tens_word == "mươi" else "bốn",
            5: "lăm" if tens_word in ("mươi", "mười") else "năm",
        }
        inverse = {"mốt": 1, "lăm": 5, "tư": 4}
        units = inverse.get(w, DIGIT.get(w, -1))
        if units <= 0:
            raise NotFormal(f"bad units word {w!r}")
        if expected.get(units, w) != w:
            raise NotFormal(f"{w!r} where {expected[units]!r} belongs ({tokens})")
        if has_hundreds and tens_word is None:
            raise NotFormal(f"missing 'linh' in {tokens}")
    value = hundreds * 100 + tens * 10 + units
    if value == 0:
        raise NotFormal(f"empty group {tokens}")
    return value


def _read_below_billion(tokens: list[str], *, inner: bool, opts: dict[str, str]) -> int:
    total = 0
    rest = tokens
    read_any = False
    for scale, factor in (("triệu", 10**6), (opts["thousand"], 10**3)):
        if scale in rest:
            i = rest.index(scale)
            total += _read_group(rest[:i], full=inner or read_any, opts=opts) * factor
            rest = rest[i + 1 :]
            read_any = True
    if rest:
        total += _read_group(rest, full=inner or read_any, opts=opts)
    return total


def _read(tokens: list[str], *, inner: bool, opts: dict[str, str]) -> int:
    if "tỷ" in tokens:
        i = len(tokens) - 1 - tokens[::-1].index("tỷ")
        high = _read(tokens[:i], inner=inner, opts=opts)
        low = _read(tokens[i + 1 :], inner=True, opts=opts) if tokens[i + 1 :] else 0
        if low >= 10**9:
            raise NotFormal("a 'tỷ' part below another 'tỷ'")
        return high * 10**9 + low
    if not tokens:
        raise NotFormal("nothing before a scale word")
    return _read_below_billion(tokens, inner=inner, opts=opts)


def read_back(
    text: str, *, thousand: str = "nghìn", zero_tens: str = "linh", four: str = "tư"
) -> int:
    """The number an amount in words stands for; raises NotFormal on anything non-canonical."""
    if not text or not text[0].isupper() or not text.endswith(" đồng"):
        raise NotFormal(f"not capitalised or not ending in 'đồng': {text!r}")
    tokens = text[0].lower() + text[1:]
    words = tokens.split(" ")[:-1]
    if words == ["không"]:
        return 0
    opts = {"thousand": thousand, "zero_tens": zero_tens, "four": four}
    return _read(words, inner=False, opts=opts)


def test_reader_rejects_the_num2words_style() -> None:
    with pytest.raises(NotFormal):
        read_back("Một nghìn lẻ năm mươi đồng", zero_tens="lẻ")
    with pytest.raises(NotFormal):
        read_back("Một nghìn năm mươi đồng")
    with pytest.raises(NotFormal):
        read_back("Hai mươi một đồng")
    with pytest.raises(NotFormal):
        read_back("Một trăm năm đồng")


# -- hand-written tables -------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "text"), sorted(TABLES["formal"].items(), key=lambda kv: int(kv[0])))
def test_formal_table(n: str, text: str) -> None:
    assert amount_in_words(int(n)) == text
    assert amount_in_words(Decimal(n)) == text
    assert read_back(text) == int(n)


@pytest.mark.parametrize(("n", "text"), sorted(TABLES["southern"].items()))
def test_southern_options_table(n: str, text: str) -> None:
    opts: dict[str, Any] = {"thousand": "ngàn", "zero_tens": "lẻ", "four": "bốn"}
    assert amount_in_words(int(n), **opts) == text
    assert read_back(text, **opts) == int(n)


@pytest.mark.parametrize(("n", "text"), sorted(TABLES["format_vnd"].items()))
def test_format_vnd_table(n: str, text: str) -> None:
    assert format_vnd(int(n)) == text
    assert format_vnd(Decimal(n)) == text


def test_issue_examples() -> None:
    assert format_vnd(1250000) == "1.250.000 đồng"
    assert amount_in_words(1050) == "Một nghìn không trăm năm mươi đồng"
    assert amount_in_words(1250000) == "Một triệu hai trăm năm mươi nghìn đồng"
    assert amount_in_words(10**15) == "Một triệu tỷ đồng"


# -- every digit pattern of a group, in every position -------------------------------------------


@pytest.mark.parametrize("position", [0, 1, 2, 3, 4])
@pytest.mark.parametrize("lead", [0, 1, 21])
def test_every_group_pattern_reads_back(position: int, lead: int) -> None:
    """Each 000..999 group, at each of the five group positions below 10^15, alone and after a lead."""
    base = 10 ** (3 * position)
    top = lead * base * 1000
    for g in range(1000):
        n = top + g * base
        if n >= 10**15:
            continue
        assert read_back(amount_in_words(n)) == n, n
        assert read_back(amount_in_words(n, four="bốn"), four="bốn") == n


def test_options_change_only_their_word() -> None:
    for n in (4, 14, 24, 104, 1004, 1024, 24_000_024):
        southern = amount_in_words(n, thousand="ngàn", zero_tens="lẻ", four="bốn")
        formal = amount_in_words(n)
        assert (
            southern.replace("ngàn", "nghìn")
            .replace(" lẻ ", " linh ")
            .replace("mươi bốn", "mươi tư")
            == formal
        )


# -- properties -----------------------------------------------------------------------------------

groups = st.one_of(
    st.integers(0, 999), st.sampled_from([0, 1, 4, 5, 10, 11, 14, 15, 21, 100, 101, 105])
)


@st.composite
def amounts(draw: st.DrawFn) -> int:
    """Numbers below 10^15 with many zero groups and edge digits, plus uniform ones."""
    if draw(st.booleans()):
        return draw(st.integers(0, 10**15 - 1))
    return sum(draw(groups) * 1000**i for i in range(5))


@given(amounts())
def test_words_read_back_below_10_15(n: int) -> None:
    text = amount_in_words(n)
    assert read_back(text) == n
    assert "  " not in text
    opts: dict[str, Any] = {"thousand": "ngàn", "zero_tens": "lẻ", "four": "bốn"}
    assert read_back(amount_in_words(n, **opts), **opts) == n


@given(st.integers(0, 10**30))
def test_words_read_back_above(n: int) -> None:
    assert read_back(amount_in_words(n)) == n


@given(amounts())
def test_format_vnd_is_the_digits_with_dots(n: int) -> None:
    text = format_vnd(n)
    assert text.endswith(" đồng")
    number = text.removesuffix(" đồng")
    assert int(number.replace(".", "")) == n
    assert all(len(part) == 3 for part in number.split(".")[1:])
    assert 1 <= len(number.split(".")[0]) <= 3


# -- errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad", [1.0, 1250000.0, Decimal("-5.5"), Decimal("1.5"), "1000", True, Decimal("NaN"), None]
)
@pytest.mark.parametrize("func", [amount_in_words, format_vnd])
def test_rejects_non_money(bad: Any, func: Any) -> None:
    with pytest.raises(AmountError) as info:
        func(bad)
    assert isinstance(info.value, HccError)
    assert isinstance(info.value, ValueError)
    assert info.value.value is bad
    assert repr(bad) in str(info.value)


def test_rejects_unknown_options() -> None:
    with pytest.raises(AmountError, match="thousand"):
        amount_in_words(1000, thousand="ngan")  # type: ignore[arg-type]
    with pytest.raises(AmountError, match="zero_tens"):
        amount_in_words(105, zero_tens="le")  # type: ignore[arg-type]
    with pytest.raises(AmountError, match="four"):
        amount_in_words(24, four="4")  # type: ignore[arg-type]


def test_integral_decimal_forms_are_accepted() -> None:
    assert amount_in_words(Decimal("1.25E6")) == "Một triệu hai trăm năm mươi nghìn đồng"
    assert format_vnd(Decimal("8000.00")) == "8.000 đồng"
    assert amount_in_words(1000, unit=None, capitalize=False) == "một nghìn"
