"""Hostile input for TimeLimit.parse (issue 13 points 1 and 7): bounded cost, documented errors.

Cost is measured in operations, never in wall time: the number of Python line events the parser
executes (``sys.settrace``), a deterministic count. A linear parser costs about ten times more on
a text ten times longer; the quadratic one it replaces cost a hundred times more.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from decimal import Decimal
from types import FrameType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hcc.calendar import InvalidInputError
from hcc.deadlines import MAX_AMOUNT, MAX_TEXT_LENGTH, TimeLimit
from hcc.deadlines import limits as limits_module
from hcc.errors import TimeLimitParseError


def operations(text: str) -> int:
    """Python line events executed by one (uncached) parse of ``text``."""
    count = 0

    def tracer(frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
        nonlocal count
        count += 1
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        limits_module._parse(text, None, None)
    except TimeLimitParseError:
        pass
    finally:
        sys.settrace(previous)
    return count


# pieces that stress the reader: numbers that may start a range or a fraction, brackets, units
# that may be times of day, conditions, labels, extensions and the 15:00 clause
PIECES = [
    "05",
    "1/2",
    "0,5",
    " - ",
    " đến ",
    "Từ ",
    "(",
    ")",
    "(năm)",
    "mười lăm",
    " hai mươi mốt",
    " một trăm linh ",
    " năm",
    " ngày",
    " ngày làm việc",
    " giờ",
    " sau 15 giờ",
    " tiếp theo",
    " trong ngày",
    "Ngay ",
    " cấp ngay",
    "; ",
    ". ",
    ": ",
    ", trường hợp",
    " đối với",
    " thì",
    " kéo dài thêm",
    " nữa",
    " kể từ",
    "Trực tiếp:",
    "?",
    "\n- ",
    "٣",
    "x",
]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=10))
def test_cost_grows_linearly_with_the_text(pieces: list[str]) -> None:
    unit = "".join(pieces)
    small = unit * (200 // len(unit) + 1)
    large = small * 10
    assert len(large) <= MAX_TEXT_LENGTH
    a, b = operations(small), operations(large)
    assert b <= 13 * a + 2_000, (unit, a, b)


CUTOFF = (
    "Trong ngày; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo; "
)
REGRESSIONS: dict[str, Callable[[int], str]] = {
    # each builds an input of size about n; the test compares n with 10 n
    "digits": lambda n: "9" * n,
    "nested-brackets": lambda n: "(" * (n // 2) + "05 ngày" + ")" * (n // 2),
    "cutoff-clause": lambda n: CUTOFF * (n // len(CUTOFF)),
    "many-limits": lambda n: "05 ngày làm việc; " * (n // 18),
    "open-ranges": lambda n: "Từ 01 đến " * (n // 10),
    "slashes": lambda n: "1/" * (n // 2),
    "number-words": lambda n: "05 (năm) " * (n // 9),
    "amounts-in-words": lambda n: "một trăm hai mươi mốt " * (n // 22),
    "words-and-digits": lambda n: "từ năm (05) đến " * (n // 16),
}


@pytest.mark.parametrize("build", REGRESSIONS.values(), ids=REGRESSIONS.keys())
def test_regressions_stay_linear(build: Callable[[int], str]) -> None:
    small, large = build(1_500), build(15_000)
    assert len(large) <= MAX_TEXT_LENGTH
    assert operations(large) <= 13 * operations(small) + 2_000


def test_100_kb_of_digits_is_refused_by_length() -> None:
    text = "1" * 100_000
    with pytest.raises(TimeLimitParseError, match="at most"):
        TimeLimit.parse(text)
    assert operations(text) < 50  # refused before any reading


def test_the_length_cap_is_documented_and_exact() -> None:
    just = "05 ngày" + " " * (MAX_TEXT_LENGTH - len("05 ngày"))
    assert TimeLimit.parse(just) == TimeLimit.of(5, "calendar_days")
    with pytest.raises(TimeLimitParseError, match=str(MAX_TEXT_LENGTH)):
        TimeLimit.parse(just + " ")


def test_nested_brackets_and_a_repeated_cutoff_clause_read_right() -> None:
    assert TimeLimit.parse("(" * 5_000 + "05 ngày" + ")" * 5_000) == TimeLimit.of(
        5, "calendar_days"
    )
    text = CUTOFF * 150
    assert TimeLimit.parse(text) == TimeLimit(unit="same_day")


@pytest.mark.parametrize(
    "text",
    [
        "9" * 10 + " ngày",
        str(MAX_AMOUNT + 1) + " ngày làm việc",
        "99999999999999999999 giờ",
        "Từ 01 đến 9999999999 tháng",
    ],
)
def test_huge_amounts_raise_the_documented_error(text: str) -> None:
    with pytest.raises(TimeLimitParseError, match="large"):
        TimeLimit.parse(text)


@pytest.mark.parametrize(
    "text",
    [
        "٣ ngày làm việc",  # Arabic-Indic three
        "３ ngày làm việc",  # full-width three
        "۵ ngày",  # extended Arabic-Indic five
        "𝟓 ngày",  # mathematical bold five
    ],
)
def test_only_ascii_digits_are_numbers(text: str) -> None:
    with pytest.raises(TimeLimitParseError, match="no duration"):
        TimeLimit.parse(text)


@pytest.mark.parametrize("value", [True, False])
def test_booleans_are_not_amounts(value: bool) -> None:
    with pytest.raises(InvalidInputError):
        TimeLimit.of(value, "working_days")
    with pytest.raises(ValueError, match="bool"):
        TimeLimit(amount=value, unit="working_days")


def test_amounts_in_other_digits_are_refused_by_the_model() -> None:
    with pytest.raises(ValueError, match="ASCII"):
        TimeLimit.model_validate({"amount": "٣", "unit": "working_days"})
    assert TimeLimit.model_validate({"amount": "0.5", "unit": "working_days"}).amount == Decimal(
        "0.5"
    )


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(st.text(max_size=300), st.binary(max_size=50), st.integers(), st.none(), st.floats())
)
def test_any_input_gives_a_limit_or_the_documented_error(value: object) -> None:
    try:
        got = TimeLimit.parse(value)  # type: ignore[arg-type]
    except TimeLimitParseError:
        return
    assert isinstance(value, str)
    assert isinstance(got, TimeLimit)
    assert got.amount <= MAX_AMOUNT
    # what was read reads back the same (conditions holding digits excepted, see below)
    conditions = [got.condition, *(a.condition for a in got.alternates)]
    if not any(c and any(ch.isdigit() for ch in c) for c in conditions):
        assert TimeLimit.parse(str(got)) == got


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ngàyờilmvệc()/,.-;:đếTừ")), max_size=200))
def test_digit_and_unit_soup_never_escapes_the_error_family(text: str) -> None:
    # anything other than a TimeLimit or TimeLimitParseError propagates and fails the test
    with contextlib.suppress(TimeLimitParseError):
        assert isinstance(TimeLimit.parse(text), TimeLimit)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_piece_soup_reads_back_or_raises_the_documented_error(text: str) -> None:
    try:
        got = TimeLimit.parse(text)
    except TimeLimitParseError:
        return
    assert TimeLimit.model_validate_json(got.model_dump_json()) == got
    conditions = [got.condition, *(a.condition for a in got.alternates)]
    if not any(c and any(ch.isdigit() for ch in c) for c in conditions):
        # a condition is kept as written; one holding numbers ("05Ngay 05") can read back as a
        # limit of its own, so only conditions without digits promise the text round trip
        assert TimeLimit.parse(str(got)) == got
