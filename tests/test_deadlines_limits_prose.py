"""TimeLimit.parse on the constructs of real records (issue 12 point 2), one test per construct.

Expected readings are written by hand from the phrases; deadlines are computed by hand on the
national calendar (office hours 07:30-11:30 and 13:30-17:00; Saturdays and Sundays off in March
2026: Mon 2, Fri 6, Sat 7, Sun 8, Mon 9 March).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hcc.calendar import InvalidInputError
from hcc.deadlines import (
    AlternateLimit,
    ChannelLimit,
    TimeLimit,
    TimeUnit,
    compute_deadline,
)
from hcc.errors import OutOfRangeError, TimeLimitParseError

W, C, M, H, K = (
    TimeUnit.WORKING_DAYS,
    TimeUnit.CALENDAR_DAYS,
    TimeUnit.MONTHS,
    TimeUnit.WORKING_HOURS,
    TimeUnit.CLOCK_HOURS,
)


def _read(text: str) -> tuple[object, object, object]:
    lim = TimeLimit.parse(text)
    return lim.amount, lim.range_min, lim.unit


# ---------------------------------------------------------------------- clock hours
@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("24 giờ", 24, K),
        ("08 giờ", 8, K),
        ("8 Giờ", 8, K),
        ("Trong vòng 48 giờ kể từ khi nhận đủ hồ sơ", 48, K),
        ("Chậm nhất 01 giờ, kể từ khi người làm thủ tục đã nộp", 1, K),
        ("08 giờ làm việc", 8, H),
        ("Không quá 08 giờ làm việc", 8, H),
        ("30 phút", Decimal("0.5"), K),
        ("0,5 ngày", 12, K),  # a day is 24 hours (Civil Code art. 146(1)(e))
        ("sau 24 giờ kể từ khi nhận đủ hồ sơ", 24, K),  # a start is stated: a duration
        ("24h", 24, K),
    ],
)
def test_clock_hours_are_their_own_unit(text: str, amount: object, unit: TimeUnit) -> None:
    assert _read(text) == (amount, None, unit)


@pytest.mark.parametrize(
    "text",
    [
        "nếu nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo",
        "Tiếp nhận từ 7 giờ 30 đến 17 giờ",
        "trước 10 giờ sáng",
    ],
)
def test_times_of_day_are_not_durations(text: str) -> None:
    with pytest.raises(TimeLimitParseError, match="no duration"):
        TimeLimit.parse(text)


# ---------------------------------------------------------------------- fractions
@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1/2 ngày làm việc", Decimal("0.5")),
        ("0,5 ngày làm việc", Decimal("0.5")),
        ("0.5 ngày làm việc", Decimal("0.5")),
        ("1,5 ngày làm việc", Decimal("1.5")),
        ("01 buổi làm việc", Decimal("0.5")),
        ("3/4 ngày làm việc", Decimal("0.75")),
    ],
)
def test_fractional_working_days(text: str, amount: Decimal) -> None:
    assert _read(text) == (amount, None, W)
    assert TimeLimit.parse(str(TimeLimit.parse(text))) == TimeLimit.parse(text)


def test_fractions_of_a_month_and_of_a_third() -> None:
    assert _read("1,5 tháng") == (45, None, C)  # a month is 30 days (art. 146(1)(c))
    with pytest.raises(TimeLimitParseError, match="no exact value"):
        TimeLimit.parse("1/3 ngày làm việc")


def test_a_date_or_a_document_number_is_not_a_fraction() -> None:
    with pytest.raises(TimeLimitParseError):
        TimeLimit.parse("ngày 30/6/2023 ngày")
    assert _read("Thông tư 47/2019/TT-BTC: 05 ngày làm việc") == (5, None, W)


# ---------------------------------------------------------------------- ranges
@pytest.mark.parametrize(
    ("text", "amount", "low", "unit"),
    [
        ("Từ 01 đến 05 ngày làm việc", 5, 1, W),
        ("1-2 ngày", 2, 1, C),
        ("07 - 12 tháng", 12, 7, M),
        ("từ 3 đến 5 ngày", 5, 3, C),
        ("Từ 0,5 đến 01 ngày làm việc", 1, Decimal("0.5"), W),
        ("05 – 07 ngày làm việc", 7, 5, W),
    ],
)
def test_ranges_keep_both_bounds_and_use_the_upper(
    text: str, amount: object, low: object, unit: TimeUnit
) -> None:
    lim = TimeLimit.parse(text)
    assert (lim.amount, lim.range_min, lim.unit) == (amount, low, unit)
    assert TimeLimit.parse(str(lim)) == lim


def test_a_range_computes_with_its_upper_bound() -> None:
    received = dt.datetime(2026, 3, 2, 9, 0)
    assert (
        compute_deadline(received, "Từ 01 đến 05 ngày làm việc").due_at
        == compute_deadline(received, "05 ngày làm việc").due_at
    )


# ---------------------------------------------------------------------- same day and immediate
@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Ngay trong ngày", TimeUnit.SAME_DAY),
        ("Ngay trong ngày tiếp nhận hồ sơ", TimeUnit.SAME_DAY),
        ("Ngay trong ngày làm việc", TimeUnit.SAME_DAY),
        ("Trong ngày", TimeUnit.SAME_DAY),
        ("Cấp ngay", TimeUnit.IMMEDIATE),
        ("Cấp ngay sau khi nhận đủ hồ sơ hợp lệ", TimeUnit.IMMEDIATE),
        ("Trả kết quả ngay", TimeUnit.IMMEDIATE),
        ("Ngay sau khi nhận đủ giấy tờ", TimeUnit.IMMEDIATE),
        ("Ngay", TimeUnit.IMMEDIATE),
    ],
)
def test_same_day_and_immediate(text: str, unit: TimeUnit) -> None:
    assert TimeLimit.parse(text).unit is unit


def test_same_day_keeps_the_1500_rule() -> None:
    # received Monday 2 March 2026 at 15:30: after the cut-off, counted from Tuesday
    d = compute_deadline(dt.datetime(2026, 3, 2, 15, 30), "Ngay trong ngày tiếp nhận hồ sơ")
    assert d.due_date == dt.date(2026, 3, 3)
    d = compute_deadline(dt.datetime(2026, 3, 2, 10, 0), "Ngay trong ngày tiếp nhận hồ sơ")
    assert d.due_at == dt.datetime(2026, 3, 2, 17, 0, tzinfo=d.due_at.tzinfo)


# ---------------------------------------------------------------------- numbers in words
@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("05 (năm) ngày", 5, C),
        ("05 (năm) ngày làm việc", 5, W),
        ("Tối đa 15 (mười lăm) ngày kể từ ngày nhận được hồ sơ", 15, C),
        ("Trong vòng 07 (bảy) ngày làm việc kể từ ngày nhận được hồ sơ", 7, W),
    ],
)
def test_numbers_in_words_in_brackets(text: str, amount: int, unit: TimeUnit) -> None:
    assert _read(text) == (amount, None, unit)


# ---------------------------------------------------------------------- limits in prose
def test_a_limit_buried_in_a_sentence_keeps_its_span() -> None:
    text = (
        "Trong thời hạn 07 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ và hợp lệ, cơ quan "
        "đăng ký kinh doanh cấp Giấy chứng nhận."
    )
    lim = TimeLimit.parse(text)
    assert (lim.amount, lim.unit, lim.condition, lim.alternates) == (7, W, None, ())
    assert lim.text == text
    assert lim.source_span is not None
    assert text[slice(*lim.source_span)] == "07 ngày làm việc"


def test_text_is_kept_in_nfc_and_the_span_refers_to_it() -> None:
    nfd = unicodedata.normalize("NFD", "Không quá 05 ngày làm việc")
    lim = TimeLimit.parse(nfd)
    assert lim.text == unicodedata.normalize("NFC", nfd)
    assert lim.source_span is not None
    assert lim.text[slice(*lim.source_span)] == "05 ngày làm việc"


def test_provenance_does_not_change_equality_or_hash() -> None:
    a = TimeLimit.parse("Trong thời hạn 05 ngày làm việc kể từ ngày nhận")
    b = TimeLimit.of(5, "working_days")
    assert a == b
    assert hash(a) == hash(b)
    assert a.text is not None
    assert b.text is None


# ---------------------------------------------------------------------- several limits
def test_limits_by_case_labels() -> None:
    lim = TimeLimit.parse("Thông thường: 30 ngày. Phức tạp: 45 ngày.")
    assert (lim.amount, lim.unit, lim.condition) == (30, C, "Thông thường")
    assert lim.alternates == (AlternateLimit(limit=TimeLimit.of(45, C), condition="Phức tạp"),)
    assert lim.alternate == TimeLimit.of(45, C)
    assert lim.alternate_condition == "Phức tạp"


def test_limits_by_case_after_the_limit() -> None:
    lim = TimeLimit.parse(
        "03 ngày làm việc đối với hồ sơ cấp mới; 10 ngày làm việc đối với hồ sơ cấp lại"
    )
    assert (lim.amount, lim.unit, lim.condition) == (3, W, "đối với hồ sơ cấp mới")
    assert [(a.limit, a.condition) for a in lim.alternates] == [
        (TimeLimit.of(10, W), "đối với hồ sơ cấp lại")
    ]


def test_three_limits_keep_their_order_and_conditions() -> None:
    lim = TimeLimit.parse(
        "Trong ngày; trường hợp cần xác minh thì không quá 03 ngày làm việc; trường hợp phải "
        "xác minh ở nơi khác thì không quá 10 ngày làm việc"
    )
    assert lim.unit is TimeUnit.SAME_DAY
    assert [(a.limit.amount, a.condition) for a in lim.alternates] == [
        (3, "trường hợp cần xác minh"),
        (10, "trường hợp phải xác minh ở nơi khác"),
    ]


def test_an_extension_is_stored_as_the_total() -> None:
    lim = TimeLimit.parse(
        "15 ngày làm việc; trường hợp phức tạp thì được gia hạn thêm không quá 10 ngày làm việc"
    )
    assert lim.alternate == TimeLimit.of(25, W)
    lim = TimeLimit.parse("05 ngày làm việc; trường hợp cần xác minh thì thêm 03 ngày làm việc nữa")
    assert lim.alternate == TimeLimit.of(8, W)


def test_a_repeated_limit_is_kept_once() -> None:
    lim = TimeLimit.parse(
        "05 ngày làm việc. Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ."
    )
    assert lim == TimeLimit.of(5, W)


def test_the_primary_and_compute_deadline_use_the_first_limit() -> None:
    received = dt.datetime(2026, 3, 2, 9, 0)
    d = compute_deadline(received, "Thông thường: 03 ngày làm việc. Phức tạp: 10 ngày làm việc.")
    assert d.due_date == dt.date(2026, 3, 5)
    assert d.limit.alternates == ()
    d = compute_deadline(
        received, "Thông thường: 03 ngày làm việc. Phức tạp: 10 ngày làm việc.", alternate=True
    )
    assert d.due_date == dt.date(2026, 3, 16)


# ---------------------------------------------------------------------- per channel
def test_per_channel_statements() -> None:
    lim = TimeLimit.parse("Trực tiếp: Cấp ngay. Online: Không quá 08 giờ làm việc.")
    assert lim.unit is TimeUnit.IMMEDIATE
    assert lim.per_channel == (
        ChannelLimit(channel="Trực tiếp", kind="direct", limit=TimeLimit(unit="immediate")),
        ChannelLimit(channel="Online", kind="online", limit=TimeLimit.of(8, H)),
    )
    assert lim.for_channel("online") == TimeLimit.of(8, H)
    assert lim.for_channel("direct") == TimeLimit(unit="immediate")
    assert lim.for_channel("postal") == TimeLimit(unit="immediate")
    assert str(lim) == "Trực tiếp: Ngay. Online: 08 giờ làm việc"
    assert TimeLimit.parse(str(lim)) == lim


def test_a_general_limit_before_channel_statements_is_the_primary() -> None:
    lim = TimeLimit.parse("05 ngày làm việc. Qua bưu chính: 07 ngày làm việc")
    assert (lim.amount, lim.unit) == (5, W)
    assert lim.for_channel("postal") == TimeLimit.of(7, W)
    assert lim.for_channel("online") == TimeLimit.of(5, W)
    assert TimeLimit.parse(str(lim)) == lim


def test_for_channel_refuses_unknown_kinds() -> None:
    with pytest.raises(InvalidInputError):
        TimeLimit.of(1, W).for_channel("fax")  # type: ignore[arg-type]


# ---------------------------------------------------------------------- bare numbers
def test_a_bare_number_states_no_unit() -> None:
    with pytest.raises(TimeLimitParseError, match="without a unit"):
        TimeLimit.parse("5")
    lim = TimeLimit.parse("5", bare_unit="working_days")
    assert (lim.amount, lim.unit, lim.unit_stated) == (5, W, False)
    ctx = "nộp trực tuyến. Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ."
    lim = TimeLimit.parse("5", context=ctx)
    assert (lim.amount, lim.unit, lim.unit_stated) == (5, W, False)
    with pytest.raises(TimeLimitParseError, match="without a unit"):
        TimeLimit.parse("3", context=ctx)  # the context states another number
    with pytest.raises(TimeLimitParseError, match="not a unit"):
        TimeLimit.parse("5", bare_unit="weeks")


# ---------------------------------------------------------------------- no duration
@pytest.mark.parametrize(
    "text",
    [
        "Không có thông tin",
        "Khác",
        "Tháng 5",
        "tháng Bảy",
        "",
        "   ",
        "Không phải trả kết quả cho người nộp thuế",
        "Chậm nhất vào ngày 20 tháng đầu tiên hàng quý",
        "Theo quy định",
    ],
)
def test_no_duration_raises(text: str) -> None:
    with pytest.raises(TimeLimitParseError) as err:
        TimeLimit.parse(text)
    assert err.value.text == text


# ---------------------------------------------------------------------- the model
def test_the_earlier_alternate_fields_still_construct() -> None:
    lim = TimeLimit(
        amount=0,
        unit="same_day",
        alternate=TimeLimit.of(5, W),
        alternate_condition="trường hợp cần xác minh",
    )
    assert lim.alternates == (
        AlternateLimit(limit=TimeLimit.of(5, W), condition="trường hợp cần xác minh"),
    )
    via_list = TimeLimit(unit="same_day", alternates=lim.alternates)
    assert via_list == lim
    assert via_list.alternate == TimeLimit.of(5, W)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"amount": Decimal("0.5"), "unit": "months"},
        {"amount": Decimal("0.5"), "unit": "calendar_days"},
        {"amount": 5, "unit": "working_days", "range_min": 5},
        {"amount": 5, "unit": "same_day"},
        {"amount": True, "unit": "working_days"},
        {"amount": "٣", "unit": "working_days"},
        {"amount": float("nan"), "unit": "working_days"},
        {"amount": 1, "unit": "working_days", "source_span": (0, 3)},
        {
            "amount": 1,
            "unit": "working_days",
            "alternate": TimeLimit.of(2, W),
            "alternates": [{"limit": TimeLimit.of(3, W)}],
        },
    ],
)
def test_invalid_models(kwargs: dict[str, object]) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        TimeLimit.model_validate(kwargs)


@pytest.mark.parametrize("amount", [True, False, 1.0, "1", None])
def test_of_refuses_booleans_and_non_numbers(amount: object) -> None:
    with pytest.raises(InvalidInputError) as err:
        TimeLimit.of(amount, "working_days")  # type: ignore[arg-type]
    assert err.value.field == "amount"


def test_of_names_the_bad_unit() -> None:
    with pytest.raises(InvalidInputError) as err:
        TimeLimit.of(1, "weeks")
    assert err.value.field == "unit"


# ---------------------------------------------------------------------- round trips
units = st.sampled_from([W, C, M, H, K])
fractions = st.sampled_from([Decimal("0.5"), Decimal("1.5"), Decimal("0.25"), Decimal("2.75")])


@st.composite
def rich_limits(draw: st.DrawFn) -> TimeLimit:
    unit = draw(units)
    if unit in (W, H, K) and draw(st.booleans()):
        amount: int | Decimal = draw(fractions)
    else:
        amount = draw(st.integers(1, 400))
    low = None
    if draw(st.booleans()) and amount >= 1:
        low = draw(st.integers(0, int(amount) - 1)) if amount > 1 else None
    cond = draw(st.sampled_from([None, "Thông thường", "đối với hồ sơ cấp mới"]))
    n_alts = draw(st.integers(0, 2))
    alts = []
    for k in range(n_alts):
        alts.append(
            AlternateLimit(
                limit=TimeLimit.of(draw(st.integers(1, 60)), draw(units)),
                condition=draw(st.sampled_from(["trường hợp", "Phức tạp"])) + (" một", " hai")[k],
            )
        )
    return TimeLimit(
        amount=amount, unit=unit, range_min=low, condition=cond, alternates=tuple(alts)
    )


@given(rich_limits())
def test_round_trip_text_and_json(limit: TimeLimit) -> None:
    assert TimeLimit.parse(str(limit)) == limit
    assert TimeLimit.model_validate_json(limit.model_dump_json()) == limit


# ---------------------------------------------------------------------- compute, by hand
VN = dt.timezone(dt.timedelta(hours=7))


@pytest.mark.parametrize(
    ("received", "limit", "due_at", "why"),
    [
        ("2026-03-02T09:00", "24 giờ", "2026-03-03T09:00", "Mon 09:00 + 24 h"),
        ("2026-03-02T16:00", "08 giờ", "2026-03-03T00:00", "hours run through the night"),
        (
            "2026-03-06T20:00",
            "24 giờ",
            "2026-03-09T17:00",
            "Fri 20:00 (after hours: not moved, art. 147) + 24 h = Sat 20:00, a day off: "
            "the closing time of Mon 9 (art. 148(5))",
        ),
        (
            "2026-03-02T09:00",
            "0,5 ngày làm việc",
            "2026-03-02T14:45",
            "half of Monday's 7.5 office hours = 3 h 45: 09:00-11:30 (2 h 30), 13:30 + 1 h 15",
        ),
        (
            "2026-03-02T16:00",
            "1/2 ngày làm việc",
            "2026-03-03T10:15",
            "3 h 45 of office time: 16:00-17:00 (1 h), Tue 07:30 + 2 h 45",
        ),
        (
            "2026-03-02T09:00",
            "1,5 ngày làm việc",
            "2026-03-04T11:15",
            "1 working day ends Tue 17:00; half of Wed's office hours from 07:30: 3 h 45",
        ),
        ("2026-03-02T09:00", "0,5 giờ làm việc", "2026-03-02T09:30", "30 minutes of office time"),
    ],
)
def test_new_units_compute_by_hand(received: str, limit: str, due_at: str, why: str) -> None:
    d = compute_deadline(received, limit)
    assert d.due_at == dt.datetime.fromisoformat(due_at).replace(tzinfo=VN), why


def test_fractional_working_days_never_pass_the_next_whole_day() -> None:
    # 0,9 of a 7.5-hour Monday is 6 h 45; from Friday 6 March 16:59 that would run past the
    # Monday closing (the due moment of 1 working day), so it stops there
    one = compute_deadline("2026-03-06T16:59", "01 ngày làm việc").due_at
    frac = compute_deadline("2026-03-06T16:59", "0,9 ngày làm việc").due_at
    assert frac <= one


@pytest.mark.parametrize(
    "unit", ["working_days", "calendar_days", "months", "working_hours", "clock_hours"]
)
@pytest.mark.parametrize("amount", [10**6, 10**30, 10**400])
def test_huge_limits_are_out_of_range(unit: str, amount: int) -> None:
    with pytest.raises(OutOfRangeError):
        compute_deadline("2026-03-02T09:00", TimeLimit.of(amount, unit))


@given(
    st.tuples(
        st.sampled_from(["", "Không quá ", "không quá ", "Tối đa ", "  "]),
        st.integers(0, 100_000),
        st.sampled_from(["", "0"]),
        st.sampled_from(["Ngày làm việc", "ngày", "Tháng", "giờ làm việc", "NGÀY LÀM VIỆC"]),
        st.sampled_from(["", ".", " "]),
    ).map(lambda t: f"{t[0]}{t[2]}{t[1]} {t[3]}{t[4]}")
)
def test_the_fast_path_gives_what_the_full_reader_gives(text: str) -> None:
    from hcc.deadlines import limits as L

    fast = L._simple(unicodedata.normalize("NFC", text))
    assert fast is not None
    norm = unicodedata.normalize("NFC", text)
    reader = L._Reader(text, norm)
    mentions = reader.mentions()
    full = L._build(reader, L._cases(reader, mentions, L._clauses(reader, mentions)))
    assert fast == full
    assert (fast.text, fast.source_span) == (full.text, full.source_span)


def test_words_glued_by_a_flattened_table_are_split() -> None:
    # the portal's flattened row: channel, time cell and fee with no separators
    lim = TimeLimit.parse("Trực tuyến2 Ngày làm việcKhông có thông tin")
    assert (lim.amount, lim.unit) == (2, W)


def test_a_condition_written_before_the_next_limit_is_the_next_ones() -> None:
    lim = TimeLimit.parse(
        "02 ngày làm việc, trường hợp phức tạp thì có thể kéo dài hơn nhưng không quá 05 ngày làm việc."
    )
    assert (lim.amount, lim.condition) == (2, None)
    assert [(a.limit.amount, a.condition) for a in lim.alternates] == [(5, "trường hợp phức tạp")]


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("Nửa ngày làm việc", Decimal("0.5"), W),
        ("nua ngay lam viec", Decimal("0.5"), W),
        ("nửa tháng", 15, C),  # half a month is 15 days (Civil Code art. 146(1)(d))
        ("01 ngày làm việc rưỡi", Decimal("1.5"), W),
        ("1 ngày rưỡi", 36, K),
    ],
)
def test_halves_in_words(text: str, amount: object, unit: TimeUnit) -> None:
    assert _read(text) == (amount, None, unit)


def test_nua_meaning_more_is_not_a_half() -> None:
    lim = TimeLimit.parse("05 ngày làm việc; trường hợp cần xác minh thì thêm 03 ngày làm việc nữa")
    assert lim.alternate == TimeLimit.of(8, W)


# Amounts written in words, read by hand: Vietnamese numerals (mười = 10, "<d> mươi" = tens, lăm = 5
# and mốt = 1 after a ten, tư = 4 after a ten, "<d> trăm linh <d>" = hundreds and units)
WORDS = [
    ("bảy ngày", TimeUnit.CALENDAR_DAYS, 7, None),
    ("Mười lăm ngày làm việc", W, 15, None),
    ("mười ngày làm việc", W, 10, None),
    ("hai mươi mốt ngày", TimeUnit.CALENDAR_DAYS, 21, None),
    ("ba mươi ngày", TimeUnit.CALENDAR_DAYS, 30, None),
    ("hai mươi tư giờ", TimeUnit.CLOCK_HOURS, 24, None),
    ("năm (05) ngày làm việc", W, 5, None),
    ("ba tháng", TimeUnit.MONTHS, 3, None),
    ("mười năm", TimeUnit.MONTHS, 120, None),  # ten years, not fifteen ("mười lăm")
    ("hai mươi năm", TimeUnit.MONTHS, 240, None),
    ("một trăm hai mươi ngày", TimeUnit.CALENDAR_DAYS, 120, None),
    ("một trăm linh năm ngày", TimeUnit.CALENDAR_DAYS, 105, None),
    ("từ năm đến bảy ngày làm việc", W, 7, 5),
    ("Tối đa một ngày", TimeUnit.CALENDAR_DAYS, 1, None),
    (
        "Trong thời hạn mười ngày làm việc, kể từ ngày nhận đủ hồ sơ hợp lệ",
        W,
        10,
        None,
    ),
]


@pytest.mark.parametrize(("text", "unit", "amount", "low"), WORDS, ids=[w[0] for w in WORDS])
def test_amounts_written_in_words_are_read(
    text: str, unit: TimeUnit, amount: int, low: int | None
) -> None:
    lim = TimeLimit.parse(text)
    assert (lim.unit, lim.amount, lim.range_min) == (unit, amount, low)


@pytest.mark.parametrize(
    "text",
    [
        "thứ hai ngày 5/1",  # Monday, an ordinal
        "mùng một tháng giêng",  # the first day of the first lunar month
        "bay ngay lam viec",  # no diacritics: "bay" is not surely "bảy"
        "năm (07) ngày",  # words and digits disagree
        "mươi ngày",  # "mươi" alone is no number
    ],
)
def test_words_that_are_no_amount_are_not_read(text: str) -> None:
    with pytest.raises(TimeLimitParseError, match="no duration"):
        TimeLimit.parse(text)


@st.composite
def channel_limits(draw: st.DrawFn) -> TimeLimit:
    labels = draw(
        st.lists(
            st.sampled_from(["Trực tiếp", "Trực tuyến", "Online", "Qua dịch vụ bưu chính"]),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    channels = []
    for label in labels:
        lim = draw(rich_limits())
        channels.append(
            ChannelLimit(channel=label, limit=lim.model_copy(update={"condition": None}))
        )
    general = draw(st.one_of(st.none(), rich_limits()))
    head = general if general is not None else channels[0].limit
    return TimeLimit(
        amount=head.amount,
        unit=head.unit,
        range_min=head.range_min,
        condition=head.condition if general is not None else None,
        alternates=head.alternates,
        per_channel=tuple(channels),
    )


@given(channel_limits())
def test_per_channel_round_trip(limit: TimeLimit) -> None:
    assert TimeLimit.parse(str(limit)) == limit
    assert TimeLimit.model_validate_json(limit.model_dump_json()) == limit


def test_an_aside_in_brackets_keeps_its_clause_and_is_not_a_case() -> None:
    lim = TimeLimit.parse(
        "a) Nhận hồ sơ từ đơn vị SDLĐ: Tối đa 06 ngày làm việc. b) Nhận hồ sơ từ người hưởng "
        "(theo quy định tại điểm 1b mục Trình tự thực hiện): Tối đa 03 ngày làm việc."
    )
    assert lim.condition == "Nhận hồ sơ từ đơn vị SDLĐ"
    assert [(a.limit.amount, a.condition) for a in lim.alternates] == [
        (3, "Nhận hồ sơ từ người hưởng (theo quy định tại điểm 1b mục Trình tự thực hiện)")
    ]
    lim = TimeLimit.parse(
        "3 Ngày làm việc. Nộp hồ sơ tại Bộ phận một cửa cấp xã (nếu đã triển khai)."
    )
    assert (lim.amount, lim.condition) == (3, None)


@pytest.mark.parametrize(
    "text",
    [
        "9 tháng/năm học",  # months paid per school year
        "8 giờ/ngày",  # hours per day
        "Lần 1 chi trả đủ 4 tháng vào tháng 10 hoặc tháng 11",  # months paid, in a month
        "cấp cho 06 tháng",  # months granted
        "5 tháng (đối với học sinh, sinh viên) vào tháng 3 hoặc tháng 4",
    ],
)
def test_rates_and_months_paid_state_no_duration(text: str) -> None:
    with pytest.raises(TimeLimitParseError):
        TimeLimit.parse(text)


def test_a_limit_beside_a_rate_is_still_read() -> None:
    t = TimeLimit.parse("Trong 05 ngày làm việc; kinh phí chi trả 9 tháng/năm học")
    assert (t.amount, t.unit, t.alternates) == (5, TimeUnit.WORKING_DAYS, ())
