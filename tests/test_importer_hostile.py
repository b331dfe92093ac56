"""Hostile input for the importer's readers: bounded cost, no exception (issue 13, point 1).

Cost is compared at n and 10n on the same machine in the same run (a ratio, not a wall-time
threshold): a reader linear in its input costs about 10 times more, a quadratic one 100 times;
the bound, 40, leaves room for a busy machine's noise and still tells the two apart.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hcc.importer import import_portal_records, parse_fee_text, read_time_limit
from hcc.importer.fee_text import MAX_FEE_CELL
from hcc.importer.flat import (
    split_channel_table,
    split_dossier_table,
    split_legal_table,
    split_results,
)
from hcc.importer.limits import MAX_TIME_CELL

H = "Hình thức nộpThời gianPhí, lệ phíMô tả"


def _cost(fn: Callable[[str], object], text: str, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - t0)
    return best


def _ratio(fn: Callable[[str], object], make: Callable[[int], str], n: int) -> float:
    """Cost at 10n over cost at n; the least of three trials (a busy machine inflates single
    trials, never all three of a linear reader up to a quadratic one's ~100)."""
    small, large = make(n), make(10 * n)
    fn(small)  # warm imports and compiled patterns
    return min(_cost(fn, large) / max(_cost(fn, small), 1e-6) for _ in range(3))


def _uncached_fee(text: str) -> object:
    # the reader itself, past the length cap and the cache
    from hcc.importer import fee_text

    return fee_text._parse.__wrapped__(text, fee_text.DEFAULT_LEGAL_BASIS, "")


def test_the_quoted_time_bomb_is_read_at_once() -> None:
    # issue 13: 88 characters took over 50 s (two ways to read "mức thu" under a repetition)
    cell = "Lệ phí: " + "mức thu " * 10 + "5 x"
    r = parse_fee_text(cell)
    assert r.status == "text"
    assert r.reason
    for k in (100, 1_000):
        assert parse_fee_text("Lệ phí: " + "mức thu " * k + "5 x").status == "text"


HOSTILE: dict[str, Callable[[int], str]] = {
    "mức thu": lambda n: "Lệ phí: " + "mức thu " * (n // 8) + "5 x",
    "digits": lambda n: "1" * n,
    "amount groups": lambda n: "1" + ".000" * (n // 4) + " x",
    "dong words": lambda n: "Lệ phí: 5.000 " + "đồng " * (n // 5),
    "brackets": lambda n: "50,000 Việt Nam Đồng" + "(" * n,
    "labels": lambda n: "Phí: " * (n // 5),
    "exemption words": lambda n: "Lệ phí: 8.000 đồng. Miễn lệ phí cho " + "người, " * (n // 7),
    "notes": lambda n: "50,000 Việt Nam Đồng(" + "áp dụng mức phí 25.000 đồng " * (n // 30) + ")",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_fee_reader_is_linear(name: str) -> None:
    make = HOSTILE[name]
    # below the cap, the reader itself; the cap keeps every longer cell constant-cost
    ratio = _ratio(_uncached_fee, lambda n: make(n)[:MAX_FEE_CELL], 300)
    assert ratio < 40, (name, ratio)


TABLES: dict[str, tuple[Callable[[str], object], Callable[[int], str]]] = {
    "channel rows": (
        split_channel_table,
        lambda n: H + "Trực tuyến5 Ngày làm việcMiễn phíx" * (n // 30),
    ),
    "glued digits": (split_channel_table, lambda n: H + "Trực tuyến" + "1" * n + " VNĐ"),
    "channel words": (split_channel_table, lambda n: H + "Trực tuyến" + "Trực tiếp " * (n // 10)),
    "brackets in a note": (split_channel_table, lambda n: H + "Trực tiếp1 Ngày50 VNĐ" + "(" * n),
    "dossier counts": (
        split_dossier_table,
        lambda n: "--Tên giấy tờMẫu đơn, tờ khaiSố lượng" + "1 bản chính" * (n // 11),
    ),
    "digit runs": (
        split_dossier_table,
        lambda n: "Tên giấy tờMẫu đơn, tờ khaiSố lượng" + "9" * n + " bản x",
    ),
    "form names": (
        split_dossier_table,
        lambda n: "Tên giấy tờMẫu đơn, tờ khaiSố lượngA" + "a.doc" * (n // 5) + "1 bản chính",
    ),
    "legal numbers": (
        split_legal_table,
        lambda n: "Tên văn bản pháp lýMã văn bản" + "1/2020/NĐ-CP" * (n // 12),
    ),
    "legal digits": (
        split_legal_table,
        lambda n: "Tên văn bản pháp lýMã văn bản" + "2" * n + "/2020/QH",
    ),
    "legal capitals": (
        split_legal_table,
        lambda n: "Tên văn bản pháp lýMã văn bản1/2020/TT-" + "B" * n,
    ),
    "result codes": (split_results, lambda n: "Mã: KQ." + "1." * (n // 2) + "x"),
}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_table_readers_are_linear(name: str) -> None:
    fn, make = TABLES[name]
    ratio = _ratio(fn, make, 2_000)
    assert ratio < 40, (name, ratio)


def test_caps_are_documented_and_applied() -> None:
    long_fee = "Lệ phí: " + "5.000 đồng, " * 1000
    r = parse_fee_text(long_fee)
    assert r.status == "text"
    assert str(MAX_FEE_CELL) in (r.reason or "")
    long_limit = "05 ngày làm việc " * 500
    t = read_time_limit(long_limit)
    assert t.status == "unparsed"
    assert str(MAX_TIME_CELL) in (t.reason or "")


def test_a_100_kb_cell_in_every_field_imports() -> None:
    blob = ("Trực tiếp5 Ngày làm việc" + "(mức thu 1.000 đồng" * 3) * 2000
    record = {
        "ma_thu_tuc": "9.000099",
        "ten_thu_tuc": "Thử",
        "cach_thuc_thuc_hien": H + blob,
        "thanh_phan_ho_so": "Tên giấy tờMẫu đơn, tờ khaiSố lượng" + blob,
        "can_cu_phap_ly": "Tên văn bản pháp lýMã văn bản" + blob,
        "ket_qua_xu_ly": blob,
        "raw_text": blob,
    }
    report = import_portal_records([record])
    assert len(report.results) == 1
    assert "importer_error" not in report.results[0].issue_codes()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                *"0123456789.,()/: -;aB",
                "đồng",
                "Miễn phí",
                "VNĐ",
                "Trực tiếp",
                "Ngày",
                "bản chính",
                "Mã:",
                "QH",
                "NĐ-CP",
                "Không có thông tin",
                "áp dụng mức phí",
                "từ ngày",
                ".docx",
            ]
        ),
        max_size=80,
    ).map("".join)
)
def test_readers_never_raise(text: str) -> None:
    parse_fee_text(text)
    read_time_limit(text)
    split_channel_table(H + text)
    split_dossier_table("Tên giấy tờMẫu đơn, tờ khaiSố lượng" + text)
    split_legal_table("Tên văn bản pháp lýMã văn bản" + text)
    split_results(text)
