"""Hypothesis strategies for hcc's values, valid by construction.

Every strategy here draws values that hcc accepts: a drawn :class:`~hcc.deadlines.TimeLimit`
round-trips through its phrase, a drawn calendar override applies cleanly, a drawn procedure
validates. Use them in property tests of code that embeds hcc::

    from hypothesis import given
    from hcc.testing import strategies as hst

    @given(hst.working_days(), hst.time_limits(units=["working_days"]))
    def test_due_date_is_a_working_day(received, limit): ...

Dates are drawn, by default, from the years a calendar decides for sure (no provisional year), so
tests need not expect :class:`hcc.ProvisionalCalendarWarning`; pass ``provisional=True`` to include
them. Strategies that need a calendar take one (``None`` means :func:`hcc.vietnam_calendar`).
Requires the ``hcc[testing]`` extra (hypothesis).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st

from hcc.calendar import (
    VN_TZ,
    CalendarEntry,
    CalendarOverrides,
    DayKind,
    Notice,
    OfficeHours,
    Session,
    WorkingCalendar,
    vietnam_calendar,
)
from hcc.deadlines import TimeLimit, TimeUnit
from hcc.testing.calendars import FixedCalendar

__all__ = [
    "ALTERNATE_CONDITIONS",
    "calendar_dates",
    "calendar_overrides",
    "calendars",
    "fixed_calendars",
    "moments",
    "notices",
    "office_hours",
    "time_limit_phrases",
    "time_limits",
    "vietnamese_text",
    "working_days",
]

ALTERNATE_CONDITIONS: tuple[str, ...] = (
    "trường hợp cần xác minh",
    "trường hợp phải xác minh",
    "trường hợp phức tạp",
    "trường hợp cần xác minh thêm",
)
"""Conditions of a second limit as procedure records write them ("...; trường hợp cần xác minh thì ...")."""

_COUNTED = (
    TimeUnit.WORKING_DAYS,
    TimeUnit.CALENDAR_DAYS,
    TimeUnit.MONTHS,
    TimeUnit.WORKING_HOURS,
)
_POINTS = (TimeUnit.SAME_DAY, TimeUnit.IMMEDIATE)

# Letters of Vietnamese (precomposed, NFC), lower and upper case.
_VI_LOWER = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
_VI_LETTERS = _VI_LOWER + _VI_LOWER.upper()


# ---------------------------------------------------------------------- text
def vietnamese_text(*, min_words: int = 1, max_words: int = 6) -> st.SearchStrategy[str]:
    """Non-empty Vietnamese text: NFC words of Vietnamese letters joined by single spaces.

    Such text is unchanged by hcc's normalisation (NFC, stripped), so values built from it
    compare equal after a round trip.

    >>> import unicodedata
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(vietnamese_text())
    ... def check(text):
    ...     assert text == unicodedata.normalize("NFC", text).strip() and text
    >>> check()
    """
    word = st.text(alphabet=_VI_LETTERS, min_size=1, max_size=8)
    return st.lists(word, min_size=min_words, max_size=max_words).map(" ".join)


# ---------------------------------------------------------------------- dates and calendars
def _decided_segments(
    cal: WorkingCalendar, lo: dt.date, hi: dt.date, provisional: bool
) -> list[tuple[dt.date, dt.date]]:
    """Contiguous [a, b] spans within [lo, hi] outside the provisional years (unless allowed)."""
    if provisional:
        return [(lo, hi)] if lo <= hi else []
    segments: list[tuple[dt.date, dt.date]] = []
    start: dt.date | None = None
    for year in range(lo.year, hi.year + 1):
        a = max(lo, dt.date(year, 1, 1))
        b = min(hi, dt.date(year, 12, 31))
        if year in cal.provisional_years:
            if start is not None:
                segments.append((start, dt.date(year - 1, 12, 31)))
                start = None
            continue
        if start is None:
            start = a
        if year == hi.year:
            segments.append((start, b))
    return segments


def calendar_dates(
    calendar: WorkingCalendar | None = None,
    *,
    min_value: dt.date | None = None,
    max_value: dt.date | None = None,
    provisional: bool = False,
) -> st.SearchStrategy[dt.date]:
    """Dates inside ``calendar``'s range ``[min_value, max_value]`` (both inclusive).

    Without ``provisional=True`` no date of a provisional year is drawn (for the national calendar:
    2000-01-01 to 2026-12-31 as long as 2026 is the last year with a notice).

    >>> import datetime as dt
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=25)
    ... @given(calendar_dates(min_value=dt.date(2025, 1, 1)))
    ... def check(d):
    ...     assert dt.date(2025, 1, 1) <= d <= dt.date(2026, 12, 31)
    >>> check()
    """
    cal = calendar if calendar is not None else vietnam_calendar()
    lo = max(min_value, cal.first_date) if min_value else cal.first_date
    hi = min(max_value, cal.last_date) if max_value else cal.last_date
    segments = _decided_segments(cal, lo, hi, provisional)
    if not segments:
        raise ValueError(
            f"min_value/max_value: no {'' if provisional else 'non-provisional '}date of "
            f"{cal!r} lies in {lo}..{hi}"
        )
    return st.one_of(*(st.dates(min_value=a, max_value=b) for a, b in segments))


def working_days(
    calendar: WorkingCalendar | None = None,
    *,
    min_value: dt.date | None = None,
    max_value: dt.date | None = None,
    provisional: bool = False,
) -> st.SearchStrategy[dt.date]:
    """Working days of ``calendar`` in ``[min_value, max_value]``, every one equally likely.

    Drawn by index into the calendar's working days (O(log n) per draw, nothing filtered).

    >>> import datetime as dt
    >>> from hypothesis import given, settings
    >>> from hcc import vietnam_calendar
    >>> @settings(max_examples=25)
    ... @given(working_days(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 2, 28)))
    ... def check(d):
    ...     assert vietnam_calendar().is_working_day(d)
    >>> check()
    """
    cal = calendar if calendar is not None else vietnam_calendar()
    lo = max(min_value, cal.first_date) if min_value else cal.first_date
    hi = min(max_value, cal.last_date) if max_value else cal.last_date
    spans: list[tuple[dt.date, int]] = []
    for a, b in _decided_segments(cal, lo, hi, provisional):
        first = _first_working_day(cal, a, b)
        if first is None:
            continue
        count = _count_working(cal, first, b)
        spans.append((first, count))
    if not spans:
        raise ValueError(f"min_value/max_value: {cal!r} has no working day in {lo}..{hi}")

    def pick(span: tuple[dt.date, int]) -> st.SearchStrategy[dt.date]:
        first, count = span
        return st.integers(min_value=0, max_value=count - 1).map(
            lambda k: _quiet(cal.add_working_days, first, k)
        )

    return st.one_of(*(pick(s) for s in spans))


def _quiet(fn: Any, *args: Any) -> Any:
    import warnings

    from hcc.errors import ProvisionalCalendarWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        return fn(*args)


def _first_working_day(cal: WorkingCalendar, a: dt.date, b: dt.date) -> dt.date | None:
    if _quiet(cal.is_working_day, a):
        return a
    if a >= cal.last_date:
        return None
    try:
        d: dt.date = _quiet(cal.next_working_day, a)
    except ValueError:  # no working day left in the calendar's range
        return None
    return d if d <= b else None


def _count_working(cal: WorkingCalendar, first: dt.date, b: dt.date) -> int:
    """Working days in [first, b], ``first`` being one."""
    n: int = _quiet(cal.working_days_between, first, b)
    return n + 1


def moments(
    calendar: WorkingCalendar | None = None,
    *,
    min_value: dt.date | None = None,
    max_value: dt.date | None = None,
    provisional: bool = False,
    office_hours_only: bool = False,
) -> st.SearchStrategy[dt.datetime]:
    """Aware datetimes in Vietnam time (Asia/Ho_Chi_Minh), to the minute.

    By default any minute of any day in range, so receipts after hours and on days off occur;
    ``office_hours_only=True`` draws only moments inside an office session of a working day
    (``[start, end)``).

    >>> import datetime as dt
    >>> from hypothesis import given, settings
    >>> from hcc import vietnam_calendar
    >>> @settings(max_examples=25)
    ... @given(moments(office_hours_only=True, min_value=dt.date(2025, 1, 1), max_value=dt.date(2025, 12, 31)))
    ... def check(m):
    ...     assert m.tzinfo is not None
    ...     assert any(a <= m.time() < b for a, b in vietnam_calendar().sessions_on(m.date()))
    >>> check()
    """
    cal = calendar if calendar is not None else vietnam_calendar()
    if not office_hours_only:
        days = calendar_dates(
            cal, min_value=min_value, max_value=max_value, provisional=provisional
        )
        minute = st.integers(min_value=0, max_value=24 * 60 - 1)
        return st.builds(
            lambda d, m: dt.datetime.combine(d, dt.time(m // 60, m % 60), tzinfo=VN_TZ),
            days,
            minute,
        )

    @st.composite
    def open_moment(draw: st.DrawFn) -> dt.datetime:
        d = draw(
            working_days(cal, min_value=min_value, max_value=max_value, provisional=provisional)
        )
        start, end = draw(st.sampled_from(_quiet(cal.sessions_on, d)))
        a = start.hour * 60 + start.minute
        b = (end.hour * 60 + end.minute) - 1
        m = draw(st.integers(min_value=a, max_value=max(a, b)))
        return dt.datetime.combine(d, dt.time(m // 60, m % 60), tzinfo=VN_TZ)

    return open_moment()


def calendar_overrides(
    base: WorkingCalendar | None = None,
    *,
    years: tuple[int, int] = (2023, 2026),
    max_closures: int = 8,
    max_working_days: int = 8,
) -> st.SearchStrategy[CalendarOverrides]:
    """Local rows a district might add: closures of working days, openings of days off.

    Every closure falls on a working day of ``base`` and every extra working day on a day off of
    ``base``, within ``years`` (inclusive), each date once; so every row changes something.
    Years that are provisional in ``base`` are skipped.

    >>> from hypothesis import given, settings
    >>> from hcc import vietnam_calendar
    >>> @settings(max_examples=10, deadline=None)
    ... @given(calendar_overrides())
    ... def check(ov):
    ...     local = vietnam_calendar().with_overrides(ov)
    ...     assert all(local.is_working_day(e.date) == e.working for e in ov.days)
    >>> check()
    """
    cal = base if base is not None else vietnam_calendar()
    lo = max(dt.date(years[0], 1, 1), cal.first_date)
    hi = min(dt.date(years[1], 12, 31), cal.last_date)
    days = calendar_dates(cal, min_value=lo, max_value=hi)
    names = st.sampled_from(
        [
            "Nghỉ theo quyết định của địa phương",
            "Tiếp nhận hồ sơ sáng thứ Bảy",
            "Ngày hội văn hóa của huyện",
        ]
    )
    sources = st.sampled_from(["Quyết định 12/QĐ-UBND", "Công văn 345/UBND-VP", None])

    @st.composite
    def build(draw: st.DrawFn) -> CalendarOverrides:
        chosen = draw(st.lists(days, unique=True, max_size=max_closures + max_working_days))
        rows: list[CalendarEntry] = []
        closures = openings = 0
        for d in chosen:
            working = _quiet(cal.is_working_day, d)
            if working and closures < max_closures:
                kind = DayKind.LOCAL_CLOSURE
                closures += 1
            elif not working and openings < max_working_days:
                kind = DayKind.LOCAL_WORKING_DAY
                openings += 1
            else:
                continue
            rows.append(CalendarEntry(date=d, kind=kind, name=draw(names), source=draw(sources)))
        return CalendarOverrides(days=tuple(rows))

    return build()


def notices(
    year: int, *, max_days_off: int = 8, max_working_saturdays: int = 3
) -> st.SearchStrategy[Notice]:
    """An official-notice-shaped :class:`~hcc.calendar.Notice` for ``year``: weekdays off, worked Saturdays.

    Use it to test what happens when next year's notice is added (the year stops being provisional).

    >>> from hypothesis import find
    >>> n = find(notices(2027), lambda n: len(n.days) >= 2)
    >>> n.year, all(d.date.year == 2027 for d in n.days)
    (2027, True)
    """
    days = st.dates(min_value=dt.date(year, 1, 1), max_value=dt.date(year, 12, 31))
    weekdays_off = st.lists(
        days.filter(lambda d: d.weekday() < 5), unique=True, max_size=max_days_off
    )
    saturdays = st.lists(
        days.filter(lambda d: d.weekday() == 5), unique=True, max_size=max_working_saturdays
    )

    @st.composite
    def build(draw: st.DrawFn) -> Notice:
        off = draw(weekdays_off)
        worked = [d for d in draw(saturdays) if d not in off]
        rows = [
            CalendarEntry(
                date=d,
                kind=draw(st.sampled_from([DayKind.HOLIDAY, DayKind.SWAPPED_DAY_OFF])),
                name="Nghỉ lễ, Tết (thông báo thử)",
            )
            for d in sorted(off)
        ] + [
            CalendarEntry(date=d, kind=DayKind.WORKING_SATURDAY, name="Làm bù (thông báo thử)")
            for d in sorted(worked)
        ]
        return Notice(year=year, source=f"Thông báo thử {year}", days=tuple(rows))

    return build()


def calendars(
    base: WorkingCalendar | None = None,
    *,
    years: tuple[int, int] = (2023, 2026),
    max_closures: int = 8,
    max_working_days: int = 8,
) -> st.SearchStrategy[WorkingCalendar]:
    """``base`` (default: the national calendar) with random local overrides, as a new calendar.

    Building a derived national calendar costs about 50 ms, so keep ``max_examples`` modest or
    use :func:`fixed_calendars` for high-volume properties.

    >>> import datetime as dt
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, deadline=None)
    ... @given(calendars(), st.integers(min_value=1, max_value=30))
    ... def check(cal, n):
    ...     d = cal.add_working_days(dt.date(2025, 3, 3), n)
    ...     assert cal.working_days_between(dt.date(2025, 3, 3), d) == n
    >>> check()
    """
    cal = base if base is not None else vietnam_calendar()
    return calendar_overrides(
        cal, years=years, max_closures=max_closures, max_working_days=max_working_days
    ).map(cal.with_overrides)


def fixed_calendars(
    *,
    years: tuple[int, int] = (2024, 2026),
    max_holidays: int = 25,
    max_working_days: int = 6,
) -> st.SearchStrategy[FixedCalendar]:
    """:class:`~hcc.testing.FixedCalendar` values with random holidays and worked weekend days.

    Cheap to build (a few milliseconds), so they suit properties that need many calendars.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(fixed_calendars())
    ... def check(cal):
    ...     assert cal.first_date.year == 2024 and not cal.provisional_years
    >>> check()
    """
    days = st.dates(min_value=dt.date(years[0], 1, 1), max_value=dt.date(years[1], 12, 31))

    @st.composite
    def build(draw: st.DrawFn) -> FixedCalendar:
        off = draw(
            st.lists(days.filter(lambda d: d.weekday() < 5), unique=True, max_size=max_holidays)
        )
        worked = draw(
            st.lists(
                days.filter(lambda d: d.weekday() >= 5), unique=True, max_size=max_working_days
            )
        )
        return FixedCalendar(holidays=off, working_days=worked, years=years)

    return build()


def office_hours() -> st.SearchStrategy[OfficeHours]:
    """Office hours of one or two sessions a day, in whole quarter hours, in order and disjoint.

    >>> from hypothesis import find
    >>> len(find(office_hours(), lambda oh: len(oh.sessions) == 2).sessions)
    2
    """
    quarter = st.integers(min_value=6 * 4, max_value=19 * 4)

    @st.composite
    def build(draw: st.DrawFn) -> OfficeHours:
        cuts = sorted(draw(st.lists(quarter, min_size=2, max_size=4, unique=True)))
        if len(cuts) % 2:
            cuts = cuts[:-1]
        sessions = [
            Session(start=_quarter(cuts[i]), end=_quarter(cuts[i + 1]))
            for i in range(0, len(cuts), 2)
        ]
        return OfficeHours(sessions=tuple(sessions))

    return build()


def _quarter(q: int) -> dt.time:
    return dt.time(q // 4, (q % 4) * 15)


# ---------------------------------------------------------------------- time limits
def _single(units: Sequence[TimeUnit], max_amount: int) -> st.SearchStrategy[TimeLimit]:
    counted = [u for u in units if u in _COUNTED]
    points = [u for u in units if u in _POINTS]
    options: list[st.SearchStrategy[TimeLimit]] = []
    if counted:
        options.append(
            st.builds(
                TimeLimit.of,
                st.integers(min_value=0, max_value=max_amount),
                st.sampled_from(counted),
            )
        )
    if points:
        options.append(st.sampled_from(points).map(lambda u: TimeLimit(amount=0, unit=u)))
    return st.one_of(*options)


def time_limits(
    *,
    units: Sequence[TimeUnit | str] | None = None,
    max_amount: int = 400,
    alternates: bool = True,
) -> st.SearchStrategy[TimeLimit]:
    """:class:`~hcc.deadlines.TimeLimit` values of ``units`` (default: all six).

    Counted units get amounts in ``[0, max_amount]``; ``same_day`` and ``immediate`` have none.
    With ``alternates`` some limits carry an alternate limit and one of
    :data:`ALTERNATE_CONDITIONS` (or no condition). Every drawn limit reads back from its phrase:
    ``TimeLimit.parse(str(limit)) == limit``.

    >>> from hypothesis import given, settings
    >>> from hcc.deadlines import TimeLimit
    >>> @settings(max_examples=50)
    ... @given(time_limits())
    ... def check(limit):
    ...     assert TimeLimit.parse(str(limit)) == limit
    >>> check()
    """
    chosen = tuple(TimeUnit(u) for u in units) if units is not None else tuple(TimeUnit)
    if not chosen:
        raise ValueError("units: got an empty list, expected at least one TimeUnit")
    if max_amount < 0:
        raise ValueError(f"max_amount: got {max_amount}, expected >= 0")
    single = _single(chosen, max_amount)
    if not alternates:
        return single
    every = _single(tuple(TimeUnit), max_amount)

    @st.composite
    def with_alternate(draw: st.DrawFn) -> TimeLimit:
        primary = draw(single)
        if not draw(st.booleans()):
            return primary
        condition = draw(st.one_of(st.none(), st.sampled_from(ALTERNATE_CONDITIONS)))
        return TimeLimit(
            amount=primary.amount,
            unit=primary.unit,
            alternate=draw(every),
            alternate_condition=condition,
        )

    return with_alternate()


_UNIT_WORDS = {
    TimeUnit.WORKING_DAYS: (
        "ngày làm việc",
        "Ngày làm việc",
        "ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
    ),
    TimeUnit.CALENDAR_DAYS: ("ngày", "Ngày", "ngày kể từ ngày nhận đủ hồ sơ hợp lệ"),
    TimeUnit.MONTHS: ("tháng", "Tháng"),
    TimeUnit.WORKING_HOURS: ("giờ làm việc", "Giờ làm việc"),
}
_POINT_WORDS = {
    TimeUnit.SAME_DAY: ("Trong ngày", "trong ngày", "Trong ngày làm việc"),
    TimeUnit.IMMEDIATE: ("Ngay", "Ngay trong ngày", "Ngay sau khi nhận đủ giấy tờ hợp lệ"),
}
_PREFIXES = ("", "Không quá ", "không quá ", "Tối đa ", "Trong thời hạn ", "Trong vòng ")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def time_limit_phrases(
    *, units: Sequence[TimeUnit | str] | None = None, max_amount: int = 120
) -> st.SearchStrategy[tuple[str, TimeLimit]]:
    """Pairs ``(phrase, limit)``: a single limit written the way procedure records write it.

    Phrases vary the amount's leading zeros, the case, the diacritics (sometimes stripped), the
    lead-in ("Không quá", "Tối đa", "Trong thời hạn") and the "kể từ ngày ..." tail;
    ``TimeLimit.parse(phrase) == limit`` for each.

    >>> from hypothesis import given, settings
    >>> from hcc.deadlines import TimeLimit
    >>> @settings(max_examples=50)
    ... @given(time_limit_phrases())
    ... def check(pair):
    ...     phrase, limit = pair
    ...     assert TimeLimit.parse(phrase) == limit
    >>> check()
    """
    chosen = tuple(TimeUnit(u) for u in units) if units is not None else tuple(TimeUnit)

    @st.composite
    def build(draw: st.DrawFn) -> tuple[str, TimeLimit]:
        unit = draw(st.sampled_from(chosen))
        if unit in _POINTS:
            limit = TimeLimit(amount=0, unit=unit)
            phrase = draw(st.sampled_from(_POINT_WORDS[unit]))
        else:
            amount = draw(st.integers(min_value=1, max_value=max_amount))
            limit = TimeLimit.of(amount, unit)
            number = draw(st.sampled_from([f"{amount}", f"{amount:02d}"]))
            phrase = f"{draw(st.sampled_from(_PREFIXES))}{number} {draw(st.sampled_from(_UNIT_WORDS[unit]))}"
        case = draw(st.sampled_from(["as is", "upper", "lower"]))
        if case == "upper":
            phrase = phrase.upper()
        elif case == "lower":
            phrase = phrase.lower()
        if draw(st.booleans()):
            phrase = _strip_marks(phrase)
        return phrase, limit

    return build()
