"""``Quote.explain(lang="vi")`` for every standard schedule: the same lines, Vietnamese framing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from hcc.errors import QuoteError
from hcc.fees import quote, standard_fee_schedules

ON = dt.date(2026, 3, 2)


@pytest.mark.parametrize("schedule_id", sorted(standard_fee_schedules()))
def test_every_schedule_in_both_languages(schedule_id: str) -> None:
    try:
        q = quote(schedule_id, on=ON, pages=5, copies=3)
    except QuoteError:
        q = quote(schedule_id, on=ON, value=Decimal(500_000_000))  # a percentage schedule
    en, vi = q.explain().splitlines(), q.explain(lang="vi").splitlines()
    assert len(en) == len(vi)
    assert vi[0].startswith(f"{q.schedule_name} ({q.schedule_id}), ngày 02/03/2026, nộp trực tiếp")
    assert any(line.startswith("Tổng cộng: ") for line in vi)
    framing = (" copies", " copy ", "per copy", "per request", "Total:", "capped at", "tiered")
    for line in vi:
        if line.startswith("Biểu phí này không tính theo: "):
            assert "trang (pages)" in line or "bản (copies)" in line or "(value)" in line
            continue
        for word in framing:
            assert word not in line.split(" [")[0], (word, line)  # legal bases are data


def test_hand_written_lines() -> None:
    # Circular 226/2016 art. 4: 2.000 đồng a page for pages 1-2, 1.000 from page 3: 5 pages is
    # 7.000 đồng a copy; one copy
    q = quote("chung-thuc-ban-sao", on=ON, pages=5, copies=1)
    assert "5 pages → 7.000 đồng per copy × 1 copy = 7.000 đồng" in q.explain()
    assert "5 trang → 7.000 đồng/bản × 1 bản = 7.000 đồng" in q.explain(lang="vi")
    with pytest.raises(QuoteError):
        q.explain(lang="de")  # type: ignore[arg-type]


def test_on_time_notes_in_vietnamese() -> None:
    # Law on Civil Status art. 15(1): 60 days from the birth, the day of the birth not counted
    # (Civil Code art. 147(3)): born 15/01/2026, the 60th day is 16/03/2026, a Monday
    q = quote("dang-ky-khai-sinh", on=dt.date(2026, 3, 16), event_date=dt.date(2026, 1, 15))
    vi = q.explain(lang="vi").splitlines()
    assert vi[-1].startswith(
        "Ghi chú: đúng hạn: nộp vào ngày thứ 60 kể từ ngày sinh 15/01/2026; thời hạn 60 ngày ("
    )
    assert vi[-1].endswith("kết thúc ngày 16/03/2026")
    assert not any(line.startswith("Note:") for line in vi)
    plain = quote("dang-ky-khai-sinh", on=dt.date(2026, 3, 16)).explain(lang="vi")
    assert "Ghi chú: chưa có ngày xảy ra sự kiện" in plain
