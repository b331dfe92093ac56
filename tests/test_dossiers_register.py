"""The register (sổ theo dõi hồ sơ, form 06): books per year, numbering, closing, CSV, form 06."""

from __future__ import annotations

import csv
import datetime as dt
import io
import threading
from typing import Any

import pytest

from hcc.calendar import VN_TZ
from hcc.dossiers import (
    CSV_COLUMNS,
    Dossier,
    DuplicateEntryError,
    Register,
    RegisterBook,
    RegisterClosedError,
    RegisterEntryRef,
    RegisterError,
    UnknownEntryError,
)
from hcc.errors import EventOrderError

OFFICE = {"name": "Ủy ban nhân dân xã Tân Lập", "place": "Tân Lập", "unit": "Bộ phận Một cửa"}


def moment(y: int, m: int, d: int, h: int = 9, mi: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, h, mi, tzinfo=VN_TZ)


def new(serial: int, at: dt.datetime, limit: str = "05 ngày làm việc", **kw: Any) -> Dossier:
    fields: dict[str, Any] = {
        "procedure_code": "2.000815",
        "procedure_name": "Chứng thực bản sao từ bản chính",
        "lead_agency": "UBND xã Tân Lập",
        "applicant": "Nguyễn Văn An",
        "address": "Xóm 3, xã Tân Lập",
        "phone": "0912 345 678",
        "time_limit": limit,
    }
    fields.update(kw)
    return Dossier.receive(code=f"000.00.01.H38-{at:%y%m%d}-{serial:04d}", at=at, **fields)


def test_entries_numbered_from_01() -> None:
    reg = Register()
    refs = [reg.add(new(i, moment(2026, 3, 2, 8) + dt.timedelta(minutes=i))) for i in range(1, 101)]
    assert refs[0] == RegisterEntryRef(2026, 1)
    assert refs[-1] == RegisterEntryRef(2026, 100)
    rows = reg.book(2026).rows()
    assert [r.number_text for r in rows[:2]] == ["01", "02"]
    assert rows[9].number_text == "10"
    assert rows[99].number_text == "100"
    assert reg.ref("000.00.01.H38-260302-0042") == RegisterEntryRef(2026, 42)


def test_each_year_its_own_book_and_auto_close() -> None:
    reg = Register()
    late_2025 = new(1, moment(2025, 12, 31, 16))
    assert reg.add(late_2025) == RegisterEntryRef(2025, 1)
    assert reg.add(new(1, moment(2026, 1, 5, 8))) == RegisterEntryRef(2026, 1)
    assert reg.years == (2025, 2026)
    assert reg.book(2025).closed_at == moment(2026, 1, 5, 8)
    with pytest.raises(RegisterClosedError) as info:
        reg.add(new(2, moment(2025, 12, 31, 16, 30)))
    assert (info.value.year, info.value.code) == (2025, "000.00.01.H38-251231-0002")
    # a closed book's entries still follow their dossiers
    done = reg.record(late_2025.code, "result_ready", moment(2026, 1, 6))
    assert reg.book(2025).rows()[0].result_received_at == done.settled_at


def test_explicit_close() -> None:
    reg = Register(auto_close=False)
    reg.add(new(1, moment(2025, 12, 30)))
    reg.add(new(1, moment(2026, 1, 5)))
    assert not reg.book(2025).is_closed
    assert reg.add(new(2, moment(2025, 12, 31))) == RegisterEntryRef(2025, 2)
    with pytest.raises(RegisterError, match="from 2025-12-31 on"):
        reg.close(2025, moment(2025, 12, 30, 17))
    reg.close(2025, moment(2025, 12, 31, 17))
    with pytest.raises(RegisterClosedError):
        reg.add(new(3, moment(2025, 12, 31, 16)))


def test_wrong_year_duplicates_and_unknown_codes() -> None:
    book = RegisterBook(2026)
    with pytest.raises(RegisterError, match="belongs in the book of 2025"):
        book.add(new(1, moment(2025, 6, 2)))
    reg = Register()
    d = new(1, moment(2026, 3, 2))
    reg.add(d)
    with pytest.raises(DuplicateEntryError) as info:
        reg.add(d)
    assert info.value.number == 1
    with pytest.raises(UnknownEntryError):
        reg.get("000.00.01.H38-260302-0099")
    with pytest.raises(LookupError):
        reg.record("000.00.01.H38-260302-0099", "result_ready", moment(2026, 3, 3))


def test_the_log_is_append_only_in_the_register() -> None:
    reg = Register()
    d = new(1, moment(2026, 3, 2)).record(
        "transferred", moment(2026, 3, 2, 10), agency="Công an xã"
    )
    reg.add(d)
    other = new(1, moment(2026, 3, 2)).record("result_ready", moment(2026, 3, 2, 10))
    with pytest.raises(EventOrderError, match="append-only"):
        reg.update(other)
    with pytest.raises(EventOrderError, match="applicant"):
        reg.update(d.model_copy(update={"applicant": "Trần Thị B"}))
    longer = d.record("transfer_returned", moment(2026, 3, 3))
    assert reg.update(longer) == RegisterEntryRef(2026, 1)
    assert reg.get(d.code) == longer


def test_row_columns_by_hand() -> None:
    # received Mon 2/3/2026 09:00, 05 wd -> appointment Mon 9/3 17:00; extension on 5/3 to
    # Thu 12/3 17:00; transferred 2/3 10:00 to Công an xã, back 3/3; result Wed 11/3 10:00,
    # posted Wed 11/3 14:00
    d = (
        new(1, moment(2026, 3, 2))
        .record("transferred", moment(2026, 3, 2, 10), agency="Công an xã")
        .record("transfer_returned", moment(2026, 3, 3, 10))
        .record("extended", moment(2026, 3, 5, 10), new_due=moment(2026, 3, 12, 17))
        .record("result_ready", moment(2026, 3, 11, 10))
        .record("posted", moment(2026, 3, 11, 14))
    )
    reg = Register(unit="Bộ phận Một cửa xã Tân Lập")
    reg.add(d)
    (row,) = reg.book(2026).rows()
    assert row.appointment == moment(2026, 3, 9, 17)
    assert row.new_appointment == moment(2026, 3, 12, 17)
    assert (row.transferred_at, row.transferred_to) == (moment(2026, 3, 2, 10), "Công an xã")
    assert row.result_received_at == moment(2026, 3, 11, 10)
    assert row.returned_at == moment(2026, 3, 11, 14)
    assert row.note == (
        "Hẹn lại ngày trả kết quả: 17:00 12/03/2026; Trả kết quả qua dịch vụ bưu chính công ích"
    )
    text = reg.to_csv(2026, moments="vn")
    header, line = list(csv.reader(io.StringIO(text)))
    assert header == [h for _, h in CSV_COLUMNS]
    assert line == [
        "01",
        "000.00.01.H38-260302-0001",
        "Chứng thực bản sao từ bản chính",
        "1",
        "Nguyễn Văn An",
        "Xóm 3, xã Tân Lập",
        "0912 345 678",
        "UBND xã Tân Lập",
        "09:00 02/03/2026",
        "17:00 09/03/2026",
        "10:00 02/03/2026 (Công an xã)",
        "10:00 11/03/2026",
        "14:00 11/03/2026",
        "",
        row.note,
    ]
    iso = list(csv.reader(io.StringIO(reg.book(2026).to_csv())))[1]
    assert iso[8] == "2026-03-02T09:00+07:00"


def test_same_day_limit_after_the_cut_off() -> None:
    # "Trong ngày" received 15:30 (after 15:00): the next working day, closing at 17:00
    book = RegisterBook(2026)
    book.add(new(1, moment(2026, 3, 6, 15, 30), limit="Trong ngày"))  # a Friday
    assert book.rows()[0].appointment == moment(2026, 3, 9, 17)


def test_rows_as_of_leave_out_later_events_and_dossiers() -> None:
    reg = Register()
    reg.add(new(1, moment(2026, 3, 2)).record("result_ready", moment(2026, 3, 4)))
    reg.add(new(2, moment(2026, 3, 5)))
    rows = reg.book(2026).rows(as_of=moment(2026, 3, 3))
    assert [r.number for r in rows] == [1]
    assert rows[0].result_received_at is None
    assert len(reg.book(2026).to_csv(as_of=moment(2026, 3, 3)).splitlines()) == 2


def test_form_06_through_documents() -> None:
    reg = Register()
    reg.add(new(1, moment(2026, 3, 2)))
    reg.add(new(2, moment(2026, 3, 2, 10), applicant="Trần Thị Bình"))
    rows = reg.book(2026).register_rows()
    assert [r.number for r in rows] == [1, 2]
    assert rows[0].due_at == moment(2026, 3, 9, 17)
    text = reg.to_document(2026, OFFICE)
    assert isinstance(text, str)
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert "Trần Thị Bình" in text
    html = reg.to_document(2026, OFFICE, format="html")
    assert isinstance(html, str)
    assert "000.00.01.H38-260302-0002" in html
    docx = reg.to_document(2026, OFFICE, format="docx")
    assert isinstance(docx, bytes)
    assert docx[:2] == b"PK"


def test_concurrent_adds_get_distinct_consecutive_numbers() -> None:
    reg = Register()
    ds = [new(i, moment(2026, 3, 2, 8) + dt.timedelta(seconds=i)) for i in range(1, 201)]
    refs: list[RegisterEntryRef] = []
    lock = threading.Lock()

    def work(chunk: list[Dossier]) -> None:
        for d in chunk:
            r = reg.add(d)
            with lock:
                refs.append(r)

    threads = [threading.Thread(target=work, args=(ds[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.number for r in refs) == list(range(1, 201))
    assert len(reg) == 200
