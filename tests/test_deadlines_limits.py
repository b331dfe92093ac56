"""TimeLimit: parsing record phrases, canonical phrases, round trips and the exceeds() ordering."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hcc.deadlines import TimeLimit, TimeUnit
from hcc.errors import TimeLimitParseError

W, C, M, H = (
    TimeUnit.WORKING_DAYS,
    TimeUnit.CALENDAR_DAYS,
    TimeUnit.MONTHS,
    TimeUnit.WORKING_HOURS,
)


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("05 ngày làm việc", 5, W),
        ("5 ngày làm việc", 5, W),
        ("Không quá 03 ngày làm việc", 3, W),
        ("không quá 3 ngày làm việc", 3, W),
        ("KHÔNG QUÁ 03 NGÀY LÀM VIỆC", 3, W),
        ("khong qua 03 ngay lam viec", 3, W),
        ("07 Ngày làm việc", 7, W),
        ("Trong thời hạn 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", 10, W),
        ("05 (năm) ngày làm việc", 5, W),
        ("  05   ngày\tlàm việc. ", 5, W),
        ("30 ngày", 30, C),
        ("Không quá 15 ngày", 15, C),
        ("15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ", 15, C),
        ("15 ngay ke tu ngay nhan du ho so hop le", 15, C),
        ("02 tuần", 14, C),
        ("03 tháng", 3, M),
        ("3 Tháng", 3, M),
        ("01 năm", 12, M),
        ("04 giờ làm việc", 4, H),
        ("4 GIO LAM VIEC", 4, H),
        ("Trong ngày", 0, TimeUnit.SAME_DAY),
        ("trong ngày làm việc", 0, TimeUnit.SAME_DAY),
        ("TRONG NGAY", 0, TimeUnit.SAME_DAY),
        ("Ngay trong ngày", 0, TimeUnit.SAME_DAY),
        ("Cấp ngay", 0, TimeUnit.IMMEDIATE),
        ("Ngay sau khi nhận đủ giấy tờ hợp lệ", 0, TimeUnit.IMMEDIATE),
        ("ngay sau khi nhan du giay to hop le", 0, TimeUnit.IMMEDIATE),
        ("Ngay", 0, TimeUnit.IMMEDIATE),
    ],
)
def test_parse_single_phrases(text: str, amount: int, unit: TimeUnit) -> None:
    limit = TimeLimit.parse(text)
    assert (limit.amount, limit.unit, limit.alternate) == (amount, unit, None)


def test_parse_decomposed_unicode_is_normalised() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "Không quá 05 ngày làm việc")
    assert TimeLimit.parse(text) == TimeLimit.of(5, W)


@pytest.mark.parametrize(
    ("text", "primary", "alternate", "condition"),
    [
        (
            "Ngay trong ngày; trường hợp cần xác minh thì không quá 05 ngày làm việc",
            TimeUnit.SAME_DAY,
            TimeLimit.of(5, W),
            "trường hợp cần xác minh",
        ),
        (
            "ngay trong ngày; trường hợp phải xác minh thì không quá 05 ngày làm việc",
            TimeUnit.SAME_DAY,
            TimeLimit.of(5, W),
            "trường hợp phải xác minh",
        ),
        (
            "Trong ngày, trường hợp cần xác minh thì không quá 03 ngày làm việc",
            TimeUnit.SAME_DAY,
            TimeLimit.of(3, W),
            "trường hợp cần xác minh",
        ),
        ("Trong ngày; 05 ngày làm việc", TimeUnit.SAME_DAY, TimeLimit.of(5, W), None),
        (
            "NGAY TRONG NGAY; TRUONG HOP CAN XAC MINH THI KHONG QUA 05 NGAY LAM VIEC",
            TimeUnit.SAME_DAY,
            TimeLimit.of(5, W),
            "TRUONG HOP CAN XAC MINH",
        ),
    ],
)
def test_parse_two_limits(
    text: str, primary: TimeUnit, alternate: TimeLimit, condition: str | None
) -> None:
    limit = TimeLimit.parse(text)
    assert limit.unit is primary
    assert limit.alternate == alternate
    assert limit.alternate_condition == condition


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("bay ngay ruoi", "no duration"),  # words without diacritics are not read
        ("thứ hai ngày 5/1", "no duration"),
        ("", "empty"),
        ("   ", "empty"),
        ("Theo quy định", "no duration"),
        ("1/3 ngày làm việc", "no exact value"),
    ],
)
def test_parse_errors_quote_the_text(text: str, reason: str) -> None:
    with pytest.raises(TimeLimitParseError) as err:
        TimeLimit.parse(text)
    assert err.value.text == text
    assert repr(text) in str(err.value)
    assert reason in str(err.value)
    assert isinstance(err.value, ValueError)


def test_parse_rejects_non_text() -> None:
    with pytest.raises(TimeLimitParseError):
        TimeLimit.parse(5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("limit", "text"),
    [
        (TimeLimit.of(5, W), "05 ngày làm việc"),
        (TimeLimit.of(30, C), "30 ngày"),
        (TimeLimit.of(3, M), "03 tháng"),
        (TimeLimit.of(4, H), "04 giờ làm việc"),
        (TimeLimit.of(120, C), "120 ngày"),
        (TimeLimit(unit=TimeUnit.SAME_DAY), "Trong ngày"),
        (TimeLimit(amount=0, unit=TimeUnit.IMMEDIATE), "Ngay"),
    ],
)
def test_canonical_phrases(limit: TimeLimit, text: str) -> None:
    assert str(limit) == text


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"amount": -1, "unit": "working_days"}, ">= 0"),
        ({"amount": 2, "unit": "same_day"}, "must be 0"),
        ({"amount": 1, "unit": "weeks"}, "unit"),
        ({"amount": 1, "unit": "working_days", "alternate_condition": "x"}, "needs an alternate"),
        (
            {
                "amount": 0,
                "unit": "same_day",
                "alternate": {
                    "amount": 1,
                    "unit": "working_days",
                    "alternate": {"amount": 2, "unit": "working_days"},
                },
            },
            "alternate of its own",
        ),
    ],
)
def test_invalid_models(kwargs: dict[str, object], fragment: str) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match=fragment):
        TimeLimit.model_validate(kwargs)


def test_frozen() -> None:
    from pydantic import ValidationError

    limit = TimeLimit.of(5, W)
    with pytest.raises(ValidationError):
        limit.amount = 6  # type: ignore[misc]


CONDITIONS = st.sampled_from(
    [None, "trường hợp cần xác minh", "Trường hợp phải xác minh", "trường hợp phức tạp"]
)
counted = st.builds(TimeLimit.of, st.integers(0, 400), st.sampled_from([W, C, M, H]))
points = st.sampled_from([TimeUnit.SAME_DAY, TimeUnit.IMMEDIATE]).map(lambda u: TimeLimit(unit=u))
singles = st.one_of(counted, points)


@st.composite
def limits(draw: st.DrawFn) -> TimeLimit:
    primary = draw(singles)
    if not draw(st.booleans()):
        return primary
    alternate, condition = draw(singles), draw(CONDITIONS)
    if condition is None and alternate == primary:
        return primary  # "Trong ngày; Trong ngày" states one limit: the reader keeps one
    return TimeLimit(
        amount=primary.amount,
        unit=primary.unit,
        alternate=alternate,
        alternate_condition=condition,
    )


@given(limits())
def test_round_trip_text(limit: TimeLimit) -> None:
    assert TimeLimit.parse(str(limit)) == limit


@given(limits())
def test_round_trip_json(limit: TimeLimit) -> None:
    assert TimeLimit.model_validate_json(limit.model_dump_json()) == limit


# ---------------------------------------------------------------------- exceeds
@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("05 ngày làm việc", "07 ngày làm việc", False),
        ("07 ngày làm việc", "05 ngày làm việc", True),
        ("05 ngày làm việc", "05 ngày làm việc", False),
        ("Ngay", "Trong ngày", False),
        ("Trong ngày", "Ngay", True),
        ("Trong ngày", "01 ngày làm việc", False),
        ("01 ngày làm việc", "Trong ngày", True),
        ("Trong ngày", "04 giờ làm việc", None),
        ("04 giờ làm việc", "Trong ngày", None),
        ("04 giờ làm việc", "01 ngày làm việc", False),
        ("01 ngày làm việc", "04 giờ làm việc", True),
        ("12 giờ làm việc", "02 ngày làm việc", None),
        ("05 ngày", "05 ngày làm việc", False),
        ("10 ngày", "05 ngày làm việc", None),
        ("05 ngày làm việc", "04 ngày", True),
        ("05 ngày làm việc", "10 ngày", None),
        ("01 ngày làm việc", "01 ngày", False),
        ("01 tháng", "27 ngày", True),
        ("01 tháng", "31 ngày", False),
        ("01 tháng", "30 ngày", None),
        ("32 ngày", "01 tháng", True),
        ("28 ngày", "01 tháng", False),
        ("01 tháng", "31 ngày làm việc", False),
        ("32 ngày làm việc", "01 tháng", True),
        ("20 ngày làm việc", "01 tháng", None),
        ("00 ngày làm việc", "Trong ngày", False),
        ("00 giờ làm việc", "Ngay", False),
        ("Ngay", "00 giờ làm việc", False),
    ],
)
def test_exceeds(a: str, b: str, expected: bool | None) -> None:
    assert TimeLimit.parse(a).exceeds(TimeLimit.parse(b)) is expected


def test_exceeds_with_alternates() -> None:
    local = TimeLimit.parse("Trong ngày; trường hợp cần xác minh thì không quá 03 ngày làm việc")
    statutory = TimeLimit.parse(
        "Trong ngày; trường hợp cần xác minh thì không quá 05 ngày làm việc"
    )
    assert local.exceeds(statutory) is False
    assert statutory.exceeds(local) is True
    assert local.exceeds(TimeLimit.parse("Trong ngày")) is False
    odd = TimeLimit.parse("Trong ngày; 04 giờ làm việc")
    same = TimeLimit(unit=TimeUnit.SAME_DAY, alternate=TimeLimit(unit=TimeUnit.SAME_DAY))
    assert odd.exceeds(same) is None


def test_exceeds_type_check() -> None:
    with pytest.raises(TypeError):
        TimeLimit.of(1, W).exceeds("01 ngày")  # type: ignore[arg-type]


@given(singles, singles)
def test_exceeds_is_consistent(a: TimeLimit, b: TimeLimit) -> None:
    ab, ba = a.exceeds(b), b.exceeds(a)
    # a strict order: both cannot exceed each other for the same unit
    if a.unit is b.unit:
        assert not (ab and ba)
    assert a.exceeds(a) is False
    # "never later" both ways means equal in effect
    if ab is False and ba is False:
        assert a.unit is b.unit or {a.amount, b.amount} <= {0, 1}


# ---------------------------------------------------------------------- real record phrases
# Phrases as written in procedure records and portal cells (national database style), with the
# reading a person gives them.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không giải "
            "quyết được ngay thì trả kết quả trong ngày làm việc tiếp theo.",
            "Trong ngày",
        ),
        (
            "Trong ngày tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo nếu tiếp nhận yêu "
            "cầu sau 15 giờ",
            "Trong ngày",
        ),
        (
            "Trong ngày cơ quan, tổ chức tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo, "
            "nếu tiếp nhận yêu cầu sau 15 giờ; trường hợp yêu cầu chứng thực số lượng lớn thì "
            "không quá 02 ngày làm việc",
            "Trong ngày; trường hợp yêu cầu chứng thực số lượng lớn thì không quá 02 ngày làm việc",
        ),
        (
            "Ngay sau khi nhận đủ giấy tờ (Luật Hộ tịch Điều 34); trường hợp cần xác minh thì "
            "không quá 03 ngày làm việc. Đăng ký đúng hạn: trong 15 ngày kể từ ngày chết (Điều 33).",
            "Ngay; trường hợp cần xác minh thì không quá 03 ngày làm việc; "
            "Đăng ký đúng hạn thì không quá 15 ngày",
        ),
        (
            "Ngay sau khi nhận đủ giấy tờ; trường hợp cần xác minh điều kiện kết hôn của hai bên "
            "thì thời hạn giải quyết không quá 05 ngày làm việc (Luật Hộ tịch Điều 18(2)). Hai bên "
            "nam, nữ phải có mặt khi đăng ký.",
            "Ngay; trường hợp cần xác minh điều kiện kết hôn của hai bên thì không quá 05 ngày làm việc",
        ),
        (
            "Trong thời hạn 03 ngày làm việc kể từ ngày nhận đủ giấy tờ; trường hợp cần xác minh "
            "thì kéo dài thêm không quá 05 ngày làm việc.",
            "03 ngày làm việc; trường hợp cần xác minh thì không quá 08 ngày làm việc",
        ),
        (
            "Không quá 20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; không tính thời gian "
            "thực hiện nghĩa vụ tài chính; xã miền núi, hải đảo được cộng thêm 10 ngày làm việc.",
            "20 ngày làm việc; xã miền núi, hải đảo thì không quá 30 ngày làm việc",
        ),
        (
            "10 ngày làm việc (trường hợp phải xác minh: 15 ngày làm việc)",
            "10 ngày làm việc; trường hợp phải xác minh thì không quá 15 ngày làm việc",
        ),
        (
            "Không quá 05 ngày làm việc. Trường hợp cần xác minh thì không quá 10 ngày làm việc.",
            "05 ngày làm việc; Trường hợp cần xác minh thì không quá 10 ngày làm việc",
        ),
        ("Trong ngày làm việc tiếp theo", "01 ngày làm việc"),
        (
            "Trong thời hạn 03 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ (Nghị định "
            "01/2021/NĐ-CP Điều 87).",
            "03 ngày làm việc",
        ),
        (
            "Trong ngày; trường hợp cần xác minh thì kéo dài thêm 03 ngày làm việc",
            "Trong ngày; trường hợp cần xác minh thì không quá 03 ngày làm việc",
        ),
    ],
)
def test_real_record_phrases(text: str, expected: str) -> None:
    assert str(TimeLimit.parse(text)) == expected
    assert TimeLimit.parse(expected) == TimeLimit.parse(text)


def test_a_clause_without_a_duration_is_not_a_limit() -> None:
    text = (
        "Trong thời hạn 03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; trường hợp phải xác "
        "minh tại nơi cư trú trước đây thì thời hạn kéo dài theo thời gian xác minh."
    )
    # strict is kept for compatibility and changes nothing
    assert TimeLimit.parse(text) == TimeLimit.parse(text, strict=False) == TimeLimit.of(3, W)
    three = "Trong ngày; trường hợp A thì 02 ngày làm việc; trường hợp B thì 05 ngày làm việc"
    lim = TimeLimit.parse(three)
    assert [(str(a.limit), a.condition) for a in lim.alternates] == [
        ("02 ngày làm việc", "trường hợp A"),
        ("05 ngày làm việc", "trường hợp B"),
    ]
    assert str(lim) == three.replace("thì", "thì không quá")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Thay đổi, cải chính: 03 ngày làm việc; bổ sung thông tin: ngay trong ngày",
            "Thay đổi, cải chính: 03 ngày làm việc; bổ sung thông tin thì trong ngày",
        ),
        ("Trong thời hạn 15 ngày trước ngày kết thúc thời hạn tạm trú", "15 ngày"),
        (
            "Trong ngày; trường hợp cần xác minh thì kéo dài thêm 04 giờ làm việc",
            "Trong ngày; trường hợp cần xác minh thì không quá 04 giờ làm việc",
        ),
    ],
)
def test_formerly_unreadable_record_phrases(text: str, expected: str) -> None:
    assert str(TimeLimit.parse(text)) == expected


@pytest.mark.parametrize(
    "text", ["Theo thời gian xác minh", "Không có thông tin", "Khác", "Tháng 5"]
)
def test_unreadable_record_phrases(text: str) -> None:
    with pytest.raises(TimeLimitParseError, match="no duration"):
        TimeLimit.parse(text)


@pytest.mark.parametrize(
    "text", ["trong ngay lam viec?", "Trong ngày bất kỳ sau khi có kết quả", "Ngay khi nào?"]
)
def test_same_day_phrases_are_not_read_loosely(text: str) -> None:
    with pytest.raises(TimeLimitParseError):
        TimeLimit.parse(text)
