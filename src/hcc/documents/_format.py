"""Dates, moments and numbers in Vietnamese administrative style (Decree 30/2020/NĐ-CP).

Zero-padding rules, decided here once for every document:

* day of month: two digits ("ngày 05", "ngày 25"); Decree 30/2020 Appendix I;
* month: two digits for January and February only ("tháng 01", "tháng 02", "tháng 3", "tháng 12"),
  so that 1 and 2 cannot be altered into 11 and 12 (Decree 30/2020 Appendix I);
* hours and minutes of an appointment: always two digits ("08 giờ 05 phút"), as one-stop software
  prints them on form 01; a clock time is written on a 24-hour dial.
"""

from __future__ import annotations

import datetime as dt  # noqa: F401  (the doctests use it)

from hcc._text import nfc
from hcc.calendar import InvalidInputError, as_date, as_vn_datetime
from hcc.fees import amount_in_words

__all__ = [
    "appointment_phrase",
    "date_in_words",
    "date_line",
    "date_phrase",
    "int_in_words",
    "short_moment",
]


def _month(m: int) -> str:
    return f"{m:02d}" if m <= 2 else str(m)


def date_phrase(d: object) -> str:
    """Return "ngày DD tháng M năm YYYY" for a date (a datetime gives its Vietnam-local date).

    Days below 10 and the months January and February take a leading zero (Decree 30/2020).

    >>> date_phrase(dt.date(2020, 1, 5))
    'ngày 05 tháng 01 năm 2020'
    >>> date_phrase(dt.date(2020, 12, 25))
    'ngày 25 tháng 12 năm 2020'
    >>> date_phrase("2020-06-03")
    'ngày 03 tháng 6 năm 2020'
    """
    day = as_date(d, "d")
    return f"ngày {day.day:02d} tháng {_month(day.month)} năm {day.year}"


def date_line(place: str, d: object) -> str:
    """Return the date line of an administrative document: "<Place>, ngày DD tháng M năm YYYY".

    ``place`` is the place name printed before the date (the district or commune, without the
    "huyện"/"xã" prefix by custom); it is normalised to NFC and must not be empty.

    >>> date_line("Nghi Lộc", dt.date(2020, 6, 3))
    'Nghi Lộc, ngày 03 tháng 6 năm 2020'
    >>> date_line("Nghi Lộc", dt.date(2020, 1, 5))
    'Nghi Lộc, ngày 05 tháng 01 năm 2020'
    >>> date_line("Nghi Lộc", dt.date(2020, 12, 25))
    'Nghi Lộc, ngày 25 tháng 12 năm 2020'

    Raises:
        InvalidInputError: ``place`` is empty or not a str, or ``on`` is not a date.
    """
    if not isinstance(place, str) or not place.strip():
        raise InvalidInputError("place", place, "a non-empty place name such as 'Nghi Lộc'")
    return f"{nfc(place.strip())}, {date_phrase(d)}"


def appointment_phrase(moment: object) -> str:
    """Return a moment as form 01 prints it: "HH giờ MM phút, ngày DD tháng M năm YYYY".

    Naive datetimes are Vietnam local time; aware ones are converted to it. Hours (24-hour dial)
    and minutes always have two digits; the date follows :func:`date_phrase`.

    >>> appointment_phrase(dt.datetime(2026, 1, 5, 14, 30))
    '14 giờ 30 phút, ngày 05 tháng 01 năm 2026'
    >>> appointment_phrase(dt.datetime(2026, 3, 9, 8, 5))
    '08 giờ 05 phút, ngày 09 tháng 3 năm 2026'
    """
    m = as_vn_datetime(moment, "moment")
    return f"{m.hour:02d} giờ {m.minute:02d} phút, {date_phrase(m.date())}"


def short_moment(moment: object) -> str:
    """Return a compact moment for table cells: "HH:MM DD/MM/YYYY" (Vietnam local time).

    >>> short_moment(dt.datetime(2026, 1, 5, 14, 30))
    '14:30 05/01/2026'
    """
    m = as_vn_datetime(moment, "moment")
    return f"{m.hour:02d}:{m.minute:02d} {m.day:02d}/{m.month:02d}/{m.year}"


def int_in_words(n: int) -> str:
    """Return a non-negative integer below 10^12 in Vietnamese words (lower case).

    Conventions: 15 → "mười lăm", 21 → "hai mươi mốt", 24 → "hai mươi tư", 105 → "một trăm linh
    năm", 2026 → "hai nghìn không trăm hai mươi sáu" (the Northern "nghìn", not "ngàn").

    >>> int_in_words(2026)
    'hai nghìn không trăm hai mươi sáu'
    >>> int_in_words(1250000)
    'một triệu hai trăm năm mươi nghìn'
    >>> int_in_words(2001)
    'hai nghìn không trăm linh một'
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n < 10**12:
        raise InvalidInputError("n", n, "an integer from 0 to 999999999999")
    # the same reading as amounts of money (:func:`hcc.fees.amount_in_words`, formal style)
    return amount_in_words(n, unit=None, capitalize=False)


def _day_words(day: int) -> str:
    return f"mồng {int_in_words(day)}" if day <= 10 else int_in_words(day)


def _month_words(month: int) -> str:
    return "tư" if month == 4 else int_in_words(month)


def date_in_words(d: object) -> str:
    """Return a date in words, as civil-status papers write it beside the digits (lower case).

    Days 1-10 take "mồng"; April is "tháng tư"; the year is read in full
    ("hai nghìn không trăm hai mươi sáu").

    >>> date_in_words(dt.date(2026, 3, 15))
    'ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi sáu'
    >>> date_in_words(dt.date(2024, 4, 1))
    'ngày mồng một tháng tư năm hai nghìn không trăm hai mươi tư'
    """
    day = as_date(d, "d")
    return (
        f"ngày {_day_words(day.day)} tháng {_month_words(day.month)} năm {int_in_words(day.year)}"
    )
