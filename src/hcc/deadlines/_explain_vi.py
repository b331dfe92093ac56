"""The Vietnamese account of a :class:`~hcc.deadlines.Deadline` (``explain(lang="vi")``).

The English account (``lang="en"``) is built in :mod:`hcc.deadlines.compute`; this module says the
same things, line for line, in Vietnamese, for officers at a one-stop counter. Dates are written
``DD/MM/YYYY`` and weekdays as the counter says them ("Thứ Hai" … "Chủ nhật").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from hcc.calendar import DayInfo, DayKind
from hcc.deadlines.limits import TimeLimit, TimeUnit
from hcc.deadlines.policy import AppointmentTime

if TYPE_CHECKING:
    from hcc.deadlines.compute import Deadline

__all__ = ["WEEKDAYS_VI", "explain_vi"]

WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
"""Weekday names, Monday first, as Vietnamese administrative texts write them."""

_KIND_VI = {
    DayKind.WEEKDAY: "ngày làm việc",
    DayKind.WEEKEND: "ngày nghỉ hằng tuần",
    DayKind.HOLIDAY: "ngày nghỉ lễ, Tết",
    DayKind.COMPENSATORY: "ngày nghỉ bù",
    DayKind.SWAPPED_DAY_OFF: "ngày nghỉ do hoán đổi ngày làm việc",
    DayKind.WORKING_SATURDAY: "thứ Bảy làm bù",
    DayKind.LOCAL_CLOSURE: "ngày cơ quan nghỉ (địa phương)",
    DayKind.LOCAL_WORKING_DAY: "ngày làm việc tăng cường (địa phương)",
}

_CUTOFF = re.compile(
    r"^Received after the (\d\d:\d\d) cut-off: counts from the next working day(?: \((.*)\))?$"
)
_BASES_VI = {
    "Law on Civil Status 60/2014/QH13 art. 5(3)": "khoản 3 Điều 5 Luật Hộ tịch 60/2014/QH13",
    "Decree 23/2015/NĐ-CP art. 7": "Điều 7 Nghị định 23/2015/NĐ-CP",
}
_NO_BASIS = re.compile(
    r"^policy setting cutoff; no statutory same-day cut-off is known for field (.*)$"
)


def _basis_vi(basis: str | None) -> str:
    """The legal basis of the cut-off (see :func:`hcc.deadlines.compute.cutoff_basis`) in Vietnamese."""
    if basis is None:
        return _BASES_VI["Law on Civil Status 60/2014/QH13 art. 5(3)"]
    if basis in _BASES_VI:
        return _BASES_VI[basis]
    m = _NO_BASIS.match(basis)
    if m:
        return (
            "theo thiết lập cutoff của chính sách; chưa có quy định giờ chốt trong ngày "
            f"cho lĩnh vực {m.group(1)}"
        )
    if basis.startswith("policy setting cutoff; the statutory basis depends on the field"):
        return (
            "theo thiết lập cutoff của chính sách; căn cứ tùy lĩnh vực (hộ tịch: "
            f"{_BASES_VI['Law on Civil Status 60/2014/QH13 art. 5(3)']}; chứng thực: "
            f"{_BASES_VI['Decree 23/2015/NĐ-CP art. 7']})"
        )
    return basis


_AFTER_HOURS = re.compile(r"^Received (a day off|outside office hours): .*after_hours=(\w+)\)$")


def _fmt(m: dt.datetime) -> str:
    return f"{m:%H:%M} ngày {m:%d/%m/%Y} ({WEEKDAYS_VI[m.weekday()]})"


def _date(d: dt.date) -> str:
    return f"{d:%d/%m/%Y} ({WEEKDAYS_VI[d.weekday()]})"


def _unit_rule(limit: TimeLimit) -> str:
    n = limit.amount
    match limit.unit:
        case TimeUnit.WORKING_DAYS:
            return (
                "ngày làm việc: không tính ngày tiếp nhận; ngày hẹn trả là ngày làm việc "
                f"thứ {n} sau ngày đó"
                if n
                else "không ngày làm việc: trả trong ngày tiếp nhận"
            )
        case TimeUnit.CALENDAR_DAYS:
            return (
                f"ngày (theo lịch): ngày tiếp nhận cộng {n} ngày, nếu trùng ngày nghỉ thì "
                "chuyển sang ngày làm việc tiếp theo (Bộ luật Dân sự, khoản 5 Điều 148)"
            )
        case TimeUnit.MONTHS:
            return (
                f"tháng: ngày tương ứng sau {n} tháng hoặc ngày cuối của tháng đó (Bộ luật Dân "
                "sự, khoản 3 Điều 148), nếu trùng ngày nghỉ thì chuyển sang ngày làm việc tiếp theo"
            )
        case TimeUnit.WORKING_HOURS:
            return f"giờ làm việc: {n} giờ làm việc tính từ thời điểm bắt đầu tính"
        case TimeUnit.SAME_DAY:
            return "trong ngày: trả trong ngày tiếp nhận"
        case TimeUnit.IMMEDIATE:
            return "ngay: trả ngay trong ngày tiếp nhận"
        case _:  # a unit added later: name it rather than guess its rule
            return f"đơn vị thời hạn {limit.unit.value}"


def _note(note: str) -> str:
    """The Vietnamese wording of a rule note of :mod:`hcc.deadlines.compute` (else unchanged)."""
    m = _CUTOFF.match(note)
    if m:
        return (
            f"Tiếp nhận sau {m.group(1)}: tính từ ngày làm việc tiếp theo ({_basis_vi(m.group(2))})"
        )
    m = _AFTER_HOURS.match(note)
    if m:
        why = "vào ngày nghỉ" if m.group(1) == "a day off" else "ngoài giờ hành chính"
        return (
            f"Tiếp nhận {why}: bắt đầu tính từ giờ làm việc tiếp theo "
            f"(chính sách after_hours={m.group(2)})"
        )
    return note


def day_line_vi(info: DayInfo) -> str:
    """One skipped day: its date, then its name and source (or what kind of day it is)."""
    prov = " [tạm tính]" if info.provisional else ""
    if info.name is None:
        return f"{_date(info.date)}: {_KIND_VI.get(info.kind, info.kind.value)}{prov}"
    src = f" — {info.source}" if info.source else ""
    return f"{_date(info.date)}: {info.name}{src}{prov}"


def _due_rule(d: Deadline) -> str:
    if d.limit.unit is TimeUnit.WORKING_HOURS:
        return "khi hết số giờ làm việc được tính"
    if (
        d.limit.unit is not TimeUnit.WORKING_DAYS
        or d.policy.appointment_time == AppointmentTime.CLOSING_TIME
    ):
        return "giờ kết thúc làm việc của ngày hẹn trả"
    return "đúng giờ tiếp nhận (thời điểm bắt đầu tính), vào ngày hẹn trả"


def explain_vi(d: Deadline) -> str:
    """The account of ``d`` in Vietnamese (see :meth:`hcc.deadlines.Deadline.explain`)."""
    lines = [
        f"Thời hạn: {d.limit} ({_unit_rule(d.limit)})",
        f"Tiếp nhận: {_fmt(d.received_at)}",
        *(_note(n) for n in d.notes),
        f"Bắt đầu tính từ: {_fmt(d.effective_received_at)}",
    ]
    if d.nominal_date is not None and d.nominal_date != d.due_date:
        lines.append(
            f"Thời hạn kết thúc vào {_date(d.nominal_date)}, là ngày nghỉ: chuyển sang ngày "
            "làm việc tiếp theo (Bộ luật Dân sự, khoản 5 Điều 148)"
        )
    if d.skipped:
        lines.append("Các ngày không tính:")
        lines.extend(f"  {day_line_vi(info)}" for info in d.skipped)
    else:
        lines.append("Các ngày không tính: không có")
    lines.append(f"Hẹn trả: {_fmt(d.due_at)}, {_due_rule(d)}")
    if d.provisional:
        lines.append(
            "Tạm tính: kết quả dựa trên một năm chưa có thông báo chính thức về lịch nghỉ; "
            "các ngày nghỉ được dự tính theo quy định của luật"
        )
    if getattr(d, "derived", False):
        lines.append(
            "Suy ra: kết quả dựa trên một năm đã qua mà hcc không có thông báo chính thức; "
            "các ngày nghỉ được suy ra từ quy định của luật"
        )
    return "\n".join(lines)
