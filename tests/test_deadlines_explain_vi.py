"""``Deadline.explain(lang="vi")``: the same account as the English one, line for line, in Vietnamese."""

from __future__ import annotations

import datetime as dt

import pytest

from hcc import compute_deadline
from hcc.calendar import InvalidInputError

CASES = [
    (dt.datetime(2025, 1, 24, 9, 0), "05 ngày làm việc"),  # Tết 2025
    (dt.datetime(2026, 2, 13, 15, 40), "Trong ngày"),  # after 15:00, then Tết 2026
    (dt.datetime(2026, 2, 14, 15, 40), "10 ngày"),  # a Saturday: the next opening
    (dt.datetime(2026, 1, 30, 9, 0), "01 tháng"),
    (dt.datetime(2026, 3, 2, 9, 0), "04 giờ làm việc"),
    (dt.datetime(2026, 3, 2, 9, 0), "Ngay"),
]


@pytest.mark.parametrize(("received", "limit"), CASES)
def test_same_lines_in_both_languages(received: dt.datetime, limit: str) -> None:
    d = compute_deadline(received, limit)
    en, vi = d.explain().splitlines(), d.explain(lang="vi").splitlines()
    assert len(en) == len(vi)
    assert vi[0].startswith(f"Thời hạn: {d.limit} (")
    assert vi[-1].startswith(f"Hẹn trả: {d.due_at:%H:%M} ngày {d.due_at:%d/%m/%Y} (")
    for english in ("Limit", "Received", "Counting", "Days skipped", "Due", "weekly rest day"):
        assert not any(line.startswith(english) or english in line for line in vi), english
    # every skipped day is there, with its own (Vietnamese) name and source
    for info in d.skipped:
        assert any(line.strip().startswith(f"{info.date:%d/%m/%Y}") for line in vi)
        if info.name:
            assert any(info.name in line for line in vi)


def test_hand_written_account() -> None:
    # 13/02/2026 15:40 (Friday), same-day limit: after the 15:00 cut-off the count starts on the
    # next working day, Monday 23/02 after Tết (Thông báo 9441/TB-BNV), due at 17:00 that day
    vi = compute_deadline(dt.datetime(2026, 2, 13, 15, 40), "Trong ngày").explain(lang="vi")
    lines = vi.splitlines()
    assert lines[1] == "Tiếp nhận: 15:40 ngày 13/02/2026 (Thứ Sáu)"
    assert lines[2] == (
        "Tiếp nhận sau 15:00: tính từ ngày làm việc tiếp theo (theo thiết lập cutoff của chính "
        "sách; căn cứ tùy lĩnh vực (hộ tịch: khoản 3 Điều 5 Luật Hộ tịch 60/2014/QH13; chứng "
        "thực: Điều 7 Nghị định 23/2015/NĐ-CP))"
    )
    assert lines[3] == "Bắt đầu tính từ: 07:30 ngày 23/02/2026 (Thứ Hai)"
    assert "  14/02/2026 (Thứ Bảy): ngày nghỉ hằng tuần" in lines
    assert "  17/02/2026 (Thứ Ba): Tết Nguyên Đán (mùng 1) — Thông báo 9441/TB-BNV" in lines
    assert (
        lines[-1]
        == "Hẹn trả: 17:00 ngày 23/02/2026 (Thứ Hai), giờ kết thúc làm việc của ngày hẹn trả"
    )


@pytest.mark.parametrize(
    ("field", "basis"),
    [
        ("Hộ tịch", "(khoản 3 Điều 5 Luật Hộ tịch 60/2014/QH13)"),
        ("Chứng thực", "(Điều 7 Nghị định 23/2015/NĐ-CP)"),
        ("Đất đai", "chưa có quy định giờ chốt trong ngày cho lĩnh vực 'Đất đai'"),
    ],
)
def test_cut_off_basis_by_field(field: str, basis: str) -> None:
    d = compute_deadline(dt.datetime(2026, 3, 2, 15, 30), "Trong ngày", field=field)
    assert basis in d.explain(lang="vi").splitlines()[2]


def test_provisional_and_bad_language() -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        d = compute_deadline(dt.datetime(2031, 3, 3, 9), "03 ngày làm việc")
    assert d.provisional
    assert d.explain(lang="vi").splitlines()[-1].startswith("Tạm tính:")
    with pytest.raises(InvalidInputError):
        d.explain(lang="fr")  # type: ignore[arg-type]
