"""Cell readers of the portal importer: time limits, fees, levels, counts, legal bases, steps.

Expected values are written from the phrases themselves (and, for amounts, from Circular
226/2016/TT-BTC art. 4 and Circular 281/2016/TT-BTC art. 4 as summarised in REFERENCE §7).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from hcc._text import canonical_key, clean, split_names
from hcc.deadlines import TimeLimit
from hcc.fees import Exemption, FlatFee, PercentageFee, PerUnitFee
from hcc.importer import (
    parse_fee_text,
    read_channel_kind,
    read_counts,
    read_legal_line,
    read_levels,
    read_time_limit,
)
from hcc.importer.cells import read_results, split_steps

CUT_OFF_PARAGRAPH = (
    "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết "
    "được ngay thì trả kết quả trong ngày làm việc tiếp theo."
)


# ---------------------------------------------------------------------- time limits
@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("07 Ngày làm việc", TimeLimit.of(7, "working_days")),
        ("5 Ngày", TimeLimit.of(5, "calendar_days")),
        ("3 Tháng", TimeLimit.of(3, "months")),
        ("Trong ngày làm việc", TimeLimit(unit="same_day")),
        # "Ngay trong ngày ..." is the same-day limit with the 15:00 rule, not "immediate"
        # (issue 12; "Cấp ngay" is immediate)
        (CUT_OFF_PARAGRAPH, TimeLimit(unit="same_day")),
        (
            "Ngay trong ngày tiếp nhận yêu cầu, trường hợp nhận hồ sơ sau 15 giờ mà không giải "
            "quyết được ngay thì trả kết quả trong ngày làm việc tiếp theo.",
            TimeLimit(unit="same_day"),
        ),
        (
            "Trong ngày tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo nếu tiếp nhận yêu "
            "cầu sau 15 giờ",
            TimeLimit(unit="same_day"),
        ),
        (
            "Tối đa 6 ngày làm việc kể từ ngày cơ quan BHXH nhận đủ hồ sơ theo quy định.",
            TimeLimit.of(6, "working_days"),
        ),
    ],
)
def test_time_limit_cells_that_parse(cell: str, expected: TimeLimit) -> None:
    r = read_time_limit(cell)
    assert r.status == "parsed"
    assert r.limit == expected


def test_limits_by_case_are_a_primary_and_alternates() -> None:
    r = read_time_limit(
        "a) Nhận hồ sơ từ đơn vị SDLĐ: Tối đa 06 ngày làm việc. b) Nhận hồ sơ từ người "
        "hưởng: Tối đa 03 ngày làm việc."
    )
    assert r.status == "parsed"
    assert r.limit is not None
    assert (r.limit.amount, r.limit.condition) == (6, "Nhận hồ sơ từ đơn vị SDLĐ")
    assert [(a.limit.amount, a.condition) for a in r.limit.alternates] == [
        (3, "Nhận hồ sơ từ người hưởng")
    ]


def test_primary_and_alternate_with_a_cut_off_in_the_middle() -> None:
    # 2.000815's published limit: the 15:00 clause sits between the primary and the alternate.
    r = read_time_limit(
        "Trong ngày cơ quan, tổ chức tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo, nếu "
        "tiếp nhận yêu cầu sau 15 giờ; trường hợp yêu cầu chứng thực số lượng lớn thì không quá "
        "02 ngày làm việc"
    )
    assert r.limit is not None
    assert r.limit.unit.value == "same_day"
    assert r.limit.alternate == TimeLimit.of(2, "working_days")
    assert r.limit.alternate_condition == "trường hợp yêu cầu chứng thực số lượng lớn"
    assert r.cut_off == "15:00"
    assert r.note is not None
    assert "sau 15 giờ" in r.note


def test_cut_off_is_reported_and_the_paragraph_kept() -> None:
    r = read_time_limit(CUT_OFF_PARAGRAPH)
    assert (r.cut_off, r.note) == ("15:00", CUT_OFF_PARAGRAPH)


def test_plain_limit_needs_no_note() -> None:
    # "07 Ngày làm việc" says exactly "07 ngày làm việc": nothing to keep beyond the limit
    assert read_time_limit("07 Ngày làm việc").note is None
    assert read_time_limit("1 Tháng").note is None


@pytest.mark.parametrize("cell", ["", "Không có thông tin", "  ", "-"])
def test_time_limit_not_stated(cell: str) -> None:
    r = read_time_limit(cell)
    assert (r.status, r.limit) == ("not_stated", None)


@pytest.mark.parametrize(
    ("cell", "reason_part"),
    [
        ("0", "without a unit"),
        ("30", "without a unit"),
        ("Không quy định", "no fixed time limit"),
        ("Tùy theo đợt", "no fixed time limit"),
        ("Chưa quy định cụ thể.", "no fixed time limit"),
    ],
)
def test_time_limit_unparsed_keeps_text(cell: str, reason_part: str) -> None:
    r = read_time_limit(cell)
    assert r.status == "unparsed"
    assert r.limit is None
    assert r.note == clean(cell)
    assert r.reason is not None
    assert reason_part in r.reason


# ---------------------------------------------------------------------- fees
def test_certification_tiers_and_cap() -> None:
    # Circular 226/2016 art. 4: 2,000/page for pages 1-2, 1,000/page from page 3, ≤ 200,000/copy
    r = parse_fee_text(
        "2.000 đồng/trang; từ trang thứ 3 trở lên thu 1.000 đồng/trang, tối đa thu không quá "
        "200.000 đồng/bản"
    )
    assert r.status == "structured"
    (rule,) = r.rules
    assert isinstance(rule, PerUnitFee)
    assert rule.unit == "page"
    assert rule.per_copy
    assert rule.cap_per_copy == Decimal(200000)
    assert [(t.first, t.last, t.amount) for t in rule.tiers] == [
        (1, 2, Decimal(2000)),
        (3, None, Decimal(1000)),
    ]
    # 1 page: 2,000; 2: 4,000; 3: 5,000; 5: 7,000; 199: 4,000 + 197,000 = 201,000 → cap 200,000
    assert [rule.amount_for(n) for n in (1, 2, 3, 5, 199)] == [
        Decimal(2000),
        Decimal(4000),
        Decimal(5000),
        Decimal(7000),
        Decimal(200000),
    ]


def test_certification_tiers_written_as_ranges() -> None:
    r = parse_fee_text(
        "Từ trang thứ nhất đến trang thứ hai: 2.000 đồng/trang; từ trang thứ ba trở lên: 1.000 "
        "đồng/trang, nhưng tối đa không quá 200.000 đồng/bản"
    )
    (rule,) = r.rules
    assert isinstance(rule, PerUnitFee)
    assert rule.amount_for(300) == Decimal(200000)
    assert rule.amount_for(4) == Decimal(6000)


@pytest.mark.parametrize(
    ("cell", "unit", "amount"),
    [
        ("Lệ phí: 8.000 đồng/bản", "copy", 8000),  # Circular 281/2016 art. 4: extract copy
        ("Phí: 10.000 đồng/trường hợp ĐồngXem chi tiết", "case", 10000),  # signature
        ("Phí: 50.000 đồng/hợp đồng", "contract", 50000),  # contract certification
        ("Lệ phí: 50.000 đồng/lần ĐồngXem chi tiết", "case", 50000),
    ],
)
def test_amount_per_unit(cell: str, unit: str, amount: int) -> None:
    r = parse_fee_text(cell)
    (rule,) = r.rules
    assert isinstance(rule, PerUnitFee)
    assert (rule.unit, rule.amount) == (unit, Decimal(amount))
    assert rule.unconfirmed  # scraped amounts are never marked as checked


@pytest.mark.parametrize(
    ("cell", "amount"),
    [
        ("Lệ phí: 200000 ĐồngXem chi tiết", 200000),
        ("Lệ phí: 1.200.000 Đồng", 1200000),
        ("100.000đ", 100000),
    ],
)
def test_flat_amount(cell: str, amount: int) -> None:
    (rule,) = parse_fee_text(cell).rules
    assert isinstance(rule, FlatFee)
    assert rule.amount == Decimal(amount)


def test_percentage_with_bounds() -> None:
    (rule,) = parse_fee_text(
        "Phí: 0,5% giá trị tài sản, tối thiểu 50.000 đồng, tối đa 500.000 đồng"
    ).rules
    assert isinstance(rule, PercentageFee)
    assert (rule.rate_percent, rule.minimum, rule.maximum) == (
        Decimal("0.5"),
        Decimal(50000),
        Decimal(500000),
    )


def test_exemption_after_an_amount() -> None:
    r = parse_fee_text(
        "Lệ phí: 10.000 đồng. Miễn lệ phí đối với người thuộc gia đình có công với cách mạng; "
        "người thuộc hộ nghèo; người khuyết tật"
    )
    flat, exemption = r.rules
    assert isinstance(flat, FlatFee)
    assert flat.amount == Decimal(10000)
    assert isinstance(exemption, Exemption)
    assert exemption.categories == (
        "meritorious_family",
        "poor_household",
        "person_with_disability",
    )


@pytest.mark.parametrize("cell", ["Lệ phí: 0 ĐồngXem chi tiết", "Phí: Không Đồng", "Miễn phí"])
def test_no_fee(cell: str) -> None:
    r = parse_fee_text(cell)
    assert (r.status, r.rules) == ("no_fee", ())


@pytest.mark.parametrize(
    ("cell", "reason_part"),
    [
        ("Phí: ĐồngXem chi tiết", "no amount"),
        (
            "Lệ phí: Theo mức thu lệ phí do Hội đồng nhân dân cấp tỉnh quy định. Miễn lệ phí cho "
            "người thuộc hộ nghèo.",
            "no amount",
        ),
        ("Phí: 150.000 ĐồngXem chi tiết Phí: 500.000 ĐồngXem chi tiết", "several amounts"),
        ("Lệ phí: 50.000 đồng/lần Đồng Lệ phí: 20.000 đồng/lần Đồng", "several amounts"),
        ("Phí: 20.000 đồng/trang nếu hồ sơ nộp trước 2020", "cannot read"),
        ("Lệ phí: 10.000 đồng. Miễn lệ phí cho người cao tuổi", "not a known category"),
    ],
)
def test_fee_kept_as_text(cell: str, reason_part: str) -> None:
    r = parse_fee_text(cell)
    assert r.status == "text"
    assert r.rules == ()
    assert r.reason is not None
    assert reason_part in r.reason
    assert r.text  # verbatim (markup and the "Xem chi tiết" link label removed)


@pytest.mark.parametrize("cell", ["", "Không có thông tin"])
def test_fee_not_stated(cell: str) -> None:
    assert parse_fee_text(cell).status == "not_stated"


def test_fee_rules_cite_the_given_basis() -> None:
    (rule,) = parse_fee_text("Phí: 10.000 đồng/trường hợp", legal_basis="Circular X").rules
    assert rule.legal_basis == "Circular X"


# ---------------------------------------------------------------------- other cells
def test_levels_as_a_set() -> None:
    assert read_levels("Cấp xã, Cơ quan khác") == (("commune", "other"), ())
    assert read_levels("Cấp Bộ; Cấp Tỉnh / Cấp huyện và Cấp xã, Cấp xã") == (
        ("central", "province", "district", "commune"),
        (),
    )
    assert read_levels("Cấp thôn") == ((), ("Cấp thôn",))


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        ("Trực tiếp", "direct"),
        ("Trực tuyến", "online"),
        ("Dịch vụ bưu chính", "postal"),
        ("Dịch vụ bưu chính công ích", "postal"),
        ("Qua fax", None),
    ],
)
def test_channel_names(cell: str, kind: str | None) -> None:
    assert read_channel_kind(cell) == kind


@pytest.mark.parametrize(
    ("cell", "counts"),
    [
        ("Bản chính: 1 - Bản sao: 0", (1, 0)),
        ("Bản chính: 0 - Bản sao: 1", (0, 1)),
        ("Bản chính: 2 - Bản sao: 0", (2, 0)),
        ("bản chính 1, bản sao 2", (1, 2)),
        ("01 bộ", None),
    ],
)
def test_counts(cell: str, counts: tuple[int, int] | None) -> None:
    assert read_counts(cell) == counts


def test_legal_lines_split_number_and_title() -> None:
    line = read_legal_line("Luật Hộ tịch số 60/2014/QH13")
    assert line is not None
    assert (line.number, line.title) == ("60/2014/QH13", "Luật Hộ tịch")
    line = read_legal_line(
        "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 quy định chi tiết một số điều"
    )
    assert line is not None
    assert line.number == "123/2015/NĐ-CP"
    assert line.issued_on == dt.date(2015, 11, 15)
    assert line.title == "Nghị định ngày 15/11/2015 quy định chi tiết một số điều"
    line = read_legal_line("3152/QĐ-BTP")
    assert line is not None
    assert (line.number, line.title) == ("3152/QĐ-BTP", None)
    assert read_legal_line("Luật Xây dựng") is None


def test_steps_results_names_and_keys() -> None:
    assert split_steps("- Bước 1: Nộp. \n- Bước 2: Nhận kết quả (xem Bước 1).") == [
        "Bước 1: Nộp.",
        "Bước 2: Nhận kết quả (xem Bước 1).",
    ]
    assert read_results("KQ.G15.000021 - Giấy khai sinh") == [("Giấy khai sinh", "KQ.G15.000021")]
    assert split_names("Sở Tư pháp, Ủy ban nhân dân cấp xã, phường") == [
        "Sở Tư pháp",
        "Ủy ban nhân dân cấp xã, phường",
    ]
    assert canonical_key("Thời hạn giải quyết") == "thoi_han_giai_quyet"
    assert canonical_key("Mã thủ tục") == canonical_key("ma_thu_tuc")


def test_clean_keeps_words_and_normalises_to_nfc() -> None:
    decomposed = "Đa\u0306ng ky\u0301</p>  khai\u00a0sinh"
    assert clean(decomposed) == "Đăng ký khai sinh"
