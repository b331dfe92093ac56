"""Date lines, appointment phrases and dates in words (hand-written answers + properties)."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hcc.calendar import VN_TZ, InvalidInputError
from hcc.documents import appointment_phrase, date_in_words, date_line, date_phrase
from tests.conftest import ANSWERS

ANSWER = tomllib.loads((ANSWERS / "documents_dates.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("row", ANSWER["date_line"], ids=lambda r: str(r["date"]))
def test_date_line_answers(row: dict[str, object]) -> None:
    assert date_line(str(row["place"]), row["date"]) == row["expected"]


@pytest.mark.parametrize("row", ANSWER["appointment"], ids=lambda r: str(r["moment"]))
def test_appointment_phrase_answers(row: dict[str, object]) -> None:
    assert appointment_phrase(row["moment"]) == row["expected"]


@pytest.mark.parametrize("row", ANSWER["in_words"], ids=lambda r: str(r["date"]))
def test_date_in_words_answers(row: dict[str, object]) -> None:
    assert date_in_words(row["date"]) == row["expected"]


def test_date_line_normalises_place_to_nfc_and_accepts_datetimes() -> None:
    nfd = unicodedata.normalize("NFD", "Nghi Lộc")
    line = date_line(nfd, dt.datetime(2020, 6, 3, 23, 59))
    assert line == "Nghi Lộc, ngày 03 tháng 6 năm 2020"
    assert unicodedata.is_normalized("NFC", line)


def test_aware_moments_are_printed_in_vietnam_time() -> None:
    utc = dt.datetime(2026, 1, 4, 20, 15, tzinfo=dt.UTC)
    assert appointment_phrase(utc) == "03 giờ 15 phút, ngày 05 tháng 01 năm 2026"
    assert date_phrase(utc) == "ngày 05 tháng 01 năm 2026"


@pytest.mark.parametrize("place", ["", "   ", None, 12])
def test_date_line_refuses_an_empty_place(place: object) -> None:
    with pytest.raises(InvalidInputError) as exc:
        date_line(place, dt.date(2020, 6, 3))  # type: ignore[arg-type]
    assert exc.value.field == "place"


def test_bad_dates_name_the_argument() -> None:
    with pytest.raises(InvalidInputError, match="d: got 'ngày mai'"):
        date_phrase("ngày mai")
    with pytest.raises(InvalidInputError, match="moment"):
        appointment_phrase(42)


_LINE = re.compile(r"^(?P<place>.+), ngày (?P<d>\d{2}) tháng (?P<m>\d{1,2}) năm (?P<y>\d{4})$")


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_date_line_reads_back_and_pads_by_the_rule(d: dt.date) -> None:
    m = _LINE.match(date_line("Nghi Lộc", d))
    assert m is not None
    assert dt.date(int(m["y"]), int(m["m"]), int(m["d"])) == d
    assert len(m["d"]) == 2
    assert len(m["m"]) == (2 if d.month <= 2 else len(str(d.month)))


_PHRASE = re.compile(r"^(\d{2}) giờ (\d{2}) phút, ngày (\d{2}) tháng (\d{1,2}) năm (\d{4})$")


@given(st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 12, 31)))
def test_appointment_phrase_reads_back(moment: dt.datetime) -> None:
    m = _PHRASE.match(appointment_phrase(moment))
    assert m is not None
    hh, mm, d, mo, y = (int(x) for x in m.groups())
    assert (y, mo, d, hh, mm) == (moment.year, moment.month, moment.day, moment.hour, moment.minute)
    assert moment.replace(tzinfo=VN_TZ).minute == mm


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_date_in_words_has_no_digits_and_is_nfc(d: dt.date) -> None:
    words = date_in_words(d)
    assert not any(c.isdigit() for c in words)
    assert words.startswith("ngày ")
    assert " tháng " in words
    assert " năm " in words
    assert unicodedata.is_normalized("NFC", words)
