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
from decimal import Decimal
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
from hcc.dossiers import TRANSITIONS, Dossier, DossierEvent, DossierState, EventKind, Rating
from hcc.fees import (
    UNITS,
    Exemption,
    FeeSchedule,
    FlatFee,
    PercentageFee,
    PerUnitFee,
    Reduction,
    Tier,
)
from hcc.procedures import Catalogue, Procedure
from hcc.testing.calendars import FixedCalendar

__all__ = [
    "ALTERNATE_CONDITIONS",
    "calendar_dates",
    "calendar_overrides",
    "calendars",
    "catalogues",
    "dossier_events",
    "dossiers",
    "fee_rules",
    "fee_schedules",
    "fixed_calendars",
    "moments",
    "notices",
    "office_hours",
    "procedure_codes",
    "procedures",
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
    TimeUnit.CLOCK_HOURS,
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
    """``fn(*args)`` for a method of a calendar, on its view that does not warn.

    Not ``warnings.catch_warnings()``: that swaps the process's warning filters and hook, which
    other threads (and the test runner) share.
    """
    cal: WorkingCalendar = fn.__self__
    return getattr(cal.without_warnings(), fn.__name__)(*args)


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
    """A valid partial :class:`~hcc.calendar.Notice` for ``year``: weekdays off, worked Saturdays.

    Use it to test what happens when next year's notice is added (the year stops being provisional).
    A notice adds to the law, so the worked Saturdays avoid the statutory days off of the national
    calendar (a working row on one must say ``replaces``; this strategy draws none).

    >>> from hypothesis import find
    >>> n = find(notices(2027), lambda n: len(n.days) >= 2)
    >>> n.year, all(d.date.year == 2027 for d in n.days)
    (2027, True)
    """
    days = st.dates(min_value=dt.date(year, 1, 1), max_value=dt.date(year, 12, 31))
    weekdays_off = st.lists(
        days.filter(lambda d: d.weekday() < 5), unique=True, max_size=max_days_off
    )
    national = vietnam_calendar().without_warnings()
    statutory = {DayKind.HOLIDAY, DayKind.COMPENSATORY}
    saturdays = st.lists(
        days.filter(lambda d: d.weekday() == 5 and national.day_info(d).kind not in statutory),
        unique=True,
        max_size=max_working_saturdays,
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
    """:class:`~hcc.deadlines.TimeLimit` values of ``units`` (default: all of them).

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
        alternate = draw(every)
        days_and_hours = {alternate.unit, primary.unit} == {
            TimeUnit.CALENDAR_DAYS,
            TimeUnit.CLOCK_HOURS,
        }
        if condition is None and (alternate == primary or days_and_hours):
            # "Trong ngày; Trong ngày" or "01 ngày; 24 giờ" may state one limit twice: the reader
            # keeps one, so such a pair does not read back
            return primary
        return TimeLimit(
            amount=primary.amount,
            unit=primary.unit,
            alternate=alternate,
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
    TimeUnit.CLOCK_HOURS: ("giờ", "Giờ"),
}
_POINT_WORDS = {
    TimeUnit.SAME_DAY: ("Trong ngày", "trong ngày", "Trong ngày làm việc", "Ngay trong ngày"),
    TimeUnit.IMMEDIATE: ("Ngay", "Cấp ngay", "Ngay sau khi nhận đủ giấy tờ hợp lệ"),
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


# ---------------------------------------------------------------------- fees
_FEE_UNITS = tuple(UNITS)  # the closed list hcc.fees accepts
_NATIONAL_CATEGORIES = (
    "on_time_registration",
    "guardianship",
    "vietnamese_resident_marriage",
    "meritorious_family",
    "poor_household",
    "person_with_disability",
)
_LEGAL_BASES = (
    "Circular 226/2016/TT-BTC art. 4",
    "Circular 281/2016/TT-BTC art. 4",
    "Law on Civil Status 60/2014/QH13 art. 11",
    "Nghị quyết 12/2020/NQ-HĐND (ví dụ)",
)


def _amounts(max_amount: int) -> st.SearchStrategy[Decimal]:
    # whole đồng, in round thousands as fee tables write them (0 allowed)
    return st.integers(min_value=0, max_value=max_amount // 1000).map(lambda k: Decimal(k * 1000))


def _validity() -> st.SearchStrategy[tuple[dt.date | None, dt.date | None]]:
    day = st.dates(min_value=dt.date(2017, 1, 1), max_value=dt.date(2030, 12, 31))

    @st.composite
    def span(draw: st.DrawFn) -> tuple[dt.date | None, dt.date | None]:
        a = draw(st.one_of(st.none(), day))
        b = draw(st.one_of(st.none(), day))
        if a is not None and b is not None and b < a:
            a, b = b, a
        return a, b

    return span()


def fee_rules(
    *, rule_id: str = "phi", max_amount: int = 500_000
) -> st.SearchStrategy[FlatFee | PerUnitFee | PercentageFee]:
    """Charge rules of every shape: flat, per unit (one rate or tiers, per copy with a cap), percentage.

    Amounts are whole thousands of đồng in ``[0, max_amount]``; tiers are contiguous from unit 1
    with an open last tier; validity spans are ordered (either end may be open).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=30)
    ... @given(fee_rules())
    ... def check(rule):
    ...     assert rule.kind in ("flat", "per_unit", "percentage")
    >>> check()
    """

    @st.composite
    def build(draw: st.DrawFn) -> FlatFee | PerUnitFee | PercentageFee:
        frm, to = draw(_validity())
        common: dict[str, Any] = {
            "id": rule_id,
            "description": draw(st.sampled_from(["Phí", "Lệ phí", "Phí chứng thực"])),
            "legal_basis": draw(st.sampled_from(_LEGAL_BASES)),
            "valid_from": frm,
            "valid_to": to,
        }
        shape = draw(st.sampled_from(["flat", "per_unit", "tiers", "percentage"]))
        if shape == "flat":
            return FlatFee(amount=draw(_amounts(max_amount)), **common)
        if shape == "percentage":
            lo = draw(st.one_of(st.none(), _amounts(max_amount)))
            hi = draw(st.one_of(st.none(), _amounts(max_amount)))
            if lo is not None and hi is not None and hi < lo:
                lo, hi = hi, lo
            rate = Decimal(draw(st.integers(min_value=0, max_value=200))) / 100  # 0.00 .. 2.00 %
            return PercentageFee(rate_percent=rate, minimum=lo, maximum=hi, **common)
        unit = draw(st.sampled_from(_FEE_UNITS))
        per_copy = unit != "copy" and draw(st.booleans())
        cap = draw(st.one_of(st.none(), _amounts(max_amount))) if per_copy else None
        if shape == "per_unit":
            return PerUnitFee(
                unit=unit,
                amount=draw(_amounts(max_amount // 10)),
                per_copy=per_copy,
                cap_per_copy=cap,
                **common,
            )
        cuts = sorted(draw(st.lists(st.integers(1, 50), min_size=0, max_size=3, unique=True)))
        firsts = [1, *(c + 1 for c in cuts)]
        tiers = tuple(
            Tier(
                first=f,
                last=(firsts[i + 1] - 1) if i + 1 < len(firsts) else None,
                amount=draw(_amounts(max_amount // 10)),
            )
            for i, f in enumerate(firsts)
        )
        return PerUnitFee(unit=unit, tiers=tiers, per_copy=per_copy, cap_per_copy=cap, **common)

    return build()


def fee_schedules(
    *, schedule_id: str | None = None, max_charges: int = 3, max_modifiers: int = 2
) -> st.SearchStrategy[FeeSchedule]:
    """:class:`~hcc.fees.FeeSchedule` values: charge rules (some in several versions over time),
    exemptions by national category and time-boxed channel reductions.

    Versions of one rule have disjoint validity; modifiers point at charge rules of the schedule
    (or at all of them). ``schedule_id`` fixes the id (default: drawn, matching the catalogue's
    fee-schedule id pattern).

    >>> import datetime as dt
    >>> from hypothesis import given, settings
    >>> from hcc.fees import quote
    >>> @settings(max_examples=30, deadline=None)
    ... @given(fee_schedules())
    ... def check(schedule):
    ...     on = dt.date(2026, 3, 2)
    ...     if schedule.charge_rules(on):
    ...         assert quote(schedule, on=on, value=1_000_000).total >= 0
    >>> check()
    """
    ids = st.from_regex(r"[a-z][a-z0-9-]{2,20}", fullmatch=True)

    @st.composite
    def build(draw: st.DrawFn) -> FeeSchedule:
        rules: list[Any] = []
        n = draw(st.integers(min_value=1, max_value=max_charges))
        for i in range(n):
            rule = draw(fee_rules(rule_id=f"phi-{i + 1}"))
            rules.append(rule)
            if (
                draw(st.booleans())
                and rule.valid_to is not None
                and rule.valid_to < dt.date(2030, 1, 1)
            ):
                # a later version of the same rule, from the day after
                later = draw(fee_rules(rule_id=rule.id))
                if later.kind == rule.kind:
                    start = rule.valid_to + dt.timedelta(days=1)
                    end = later.valid_to if later.valid_to and later.valid_to >= start else None
                    rules.append(
                        type(later)(**{**later.model_dump(), "valid_from": start, "valid_to": end})
                    )
        charge_ids = sorted({r.id for r in rules})
        for j in range(draw(st.integers(min_value=0, max_value=max_modifiers))):
            frm, to = draw(_validity())
            common: dict[str, Any] = {
                "id": f"giam-{j + 1}",
                "description": "Miễn, giảm",
                "legal_basis": draw(st.sampled_from(_LEGAL_BASES)),
                "percent": Decimal(draw(st.sampled_from([10, 20, 50, 100]))),
                "applies_to": tuple(
                    draw(st.lists(st.sampled_from(charge_ids), unique=True, max_size=2))
                ),
                "valid_from": frm,
                "valid_to": to,
            }
            if draw(st.booleans()):
                cats = draw(
                    st.lists(
                        st.sampled_from(_NATIONAL_CATEGORIES), min_size=1, max_size=2, unique=True
                    )
                )
                rules.append(Exemption(categories=tuple(cats), **common))
            else:
                chans = draw(
                    st.lists(
                        st.sampled_from(["direct", "online", "postal"]),
                        min_size=1,
                        max_size=2,
                        unique=True,
                    )
                )
                rules.append(Reduction(channels=tuple(chans), **common))
        sid = schedule_id if schedule_id is not None else draw(ids)
        return FeeSchedule(id=sid, name=f"Biểu phí {sid}", rules=tuple(rules))

    return build()


# ---------------------------------------------------------------------- procedures and catalogues
_AGENCIES = (
    "Ủy ban nhân dân cấp xã",
    "Công an cấp xã",
    "Văn phòng đăng ký đất đai",
    "Chi cục Thuế",
    "Phòng Tư pháp",
)
_FIELDS = ("Hộ tịch", "Chứng thực", "Đăng ký, quản lý cư trú", "Đất đai", "Kinh tế hợp tác")
_LAWS = (
    ("60/2014/QH13", "Luật Hộ tịch"),
    ("23/2015/NĐ-CP", "Nghị định về chứng thực"),
    ("68/2020/QH14", "Luật Cư trú"),
    ("31/2024/QH15", "Luật Đất đai"),
)


def procedure_codes() -> st.SearchStrategy[str]:
    """Procedure codes: ``d.dddddd``, sometimes with a province suffix (``1.000948.H38``).

    >>> from hypothesis import find
    >>> from hcc.procedures import is_procedure_code
    >>> is_procedure_code(find(procedure_codes(), lambda c: c.count(".") == 2))
    True
    """
    return st.from_regex(r"[1-3]\.0[0-9]{5}(\.[A-Z][0-9A-Z]{2})?", fullmatch=True)


def _statutory_and_local(
    draw: st.DrawFn,
) -> tuple[TimeLimit, TimeLimit | None, TimeLimit | None]:
    """A statutory limit, an optional local one never longer, and an optional channel limit
    between them (same unit, so the comparison is decided)."""
    statutory = draw(
        time_limits(units=["working_days", "calendar_days", "same_day", "immediate"], max_amount=60)
    )
    if statutory.unit in (TimeUnit.SAME_DAY, TimeUnit.IMMEDIATE) or statutory.alternate is not None:
        return statutory, None, None
    local = channel = None
    if draw(st.booleans()):
        local = TimeLimit.of(draw(st.integers(0, int(statutory.amount))), statutory.unit)
    if draw(st.booleans()):
        low = int(local.amount) if local is not None else 0
        channel = TimeLimit.of(draw(st.integers(low, int(statutory.amount))), statutory.unit)
    return statutory, local, channel


def procedures(
    *, code: str | None = None, fee_schedule_ids: Sequence[str] = ()
) -> st.SearchStrategy[Procedure]:
    """:class:`~hcc.procedures.Procedure` records that validate: a code, levels, agencies, one to
    three channels (each with its limit and, from ``fee_schedule_ids``, maybe a fee schedule),
    dossier cases, a legal basis, and a local limit never longer than the statutory one.

    >>> from hypothesis import given, settings
    >>> from hcc.procedures import Procedure
    >>> @settings(max_examples=20, deadline=None)
    ... @given(procedures())
    ... def check(p):
    ...     assert Procedure.model_validate_json(p.model_dump_json()) == p
    >>> check()
    """

    @st.composite
    def build(draw: st.DrawFn) -> Procedure:
        statutory, local, channel_limit = _statutory_and_local(draw)
        kinds = draw(
            st.lists(
                st.sampled_from(["direct", "online", "postal"]), min_size=1, max_size=3, unique=True
            )
        )
        channels = []
        for k in kinds:
            row: dict[str, Any] = {"kind": k}
            if channel_limit is not None and draw(st.booleans()):
                row["time_limit"] = channel_limit
            with_fee: bool = len(fee_schedule_ids) > 0 and draw(st.booleans())
            if with_fee:
                row["fee_schedule"] = draw(st.sampled_from(list(fee_schedule_ids)))
            if k == "online":
                row["online_level"] = draw(st.sampled_from(["full", "partial"]))
            channels.append(row)
        docs: st.SearchStrategy[dict[str, Any]] = st.fixed_dictionaries(
            {
                "name": vietnamese_text(max_words=5),
                "originals": st.integers(0, 2),
                "copies": st.integers(0, 2),
            }
        )
        cases = draw(st.lists(st.lists(docs, min_size=1, max_size=3), min_size=0, max_size=2))
        law = draw(st.lists(st.sampled_from(_LAWS), min_size=1, max_size=2, unique=True))
        data: dict[str, Any] = {
            "code": code if code is not None else draw(procedure_codes()),
            "name": draw(vietnamese_text(min_words=2, max_words=8)),
            "field": draw(st.sampled_from(_FIELDS)),
            "levels": draw(
                st.lists(
                    st.sampled_from(["province", "commune", "other"]),
                    min_size=1,
                    max_size=2,
                    unique=True,
                )
            ),
            "agencies": {"implementing": [draw(st.sampled_from(_AGENCIES))]},
            "channels": channels,
            "dossier": [
                {"name": None if len(cases) == 1 else f"Trường hợp {i + 1}", "documents": c}
                for i, c in enumerate(cases)
            ],
            "statutory_time_limit": statutory,
            "local_time_limit": local,
            "legal_basis": [{"number": n, "title": t} for n, t in law],
        }
        return Procedure.model_validate(data)

    return build()


def catalogues(
    *, min_procedures: int = 0, max_procedures: int = 6, max_fee_schedules: int = 2
) -> st.SearchStrategy[Catalogue]:
    """:class:`~hcc.procedures.Catalogue` values that pass every cross-record check: unique codes,
    fee references that resolve (to the catalogue's own schedules or standard ones), a version.

    >>> from hypothesis import given, settings
    >>> from hcc.procedures import Catalogue, CatalogueData
    >>> @settings(max_examples=10, deadline=None)
    ... @given(catalogues())
    ... def check(cat):
    ...     again = Catalogue.from_data(CatalogueData.model_validate_json(cat.to_json()))
    ...     assert again == cat
    >>> check()
    """

    @st.composite
    def build(draw: st.DrawFn) -> Catalogue:
        own = draw(st.lists(fee_schedules(), max_size=max_fee_schedules, unique_by=lambda s: s.id))
        ids = [s.id for s in own] + ["chung-thuc-ban-sao", "trich-luc-ho-tich"]
        codes = draw(
            st.lists(
                procedure_codes(), min_size=min_procedures, max_size=max_procedures, unique=True
            )
        )
        records = [draw(procedures(code=c, fee_schedule_ids=ids)) for c in codes]
        version = draw(st.from_regex(r"20[2-3][0-9]\.[1-9]", fullmatch=True))
        return Catalogue(records, version=version, fee_schedules=own)

    return build()


# ---------------------------------------------------------------------- dossiers and their logs
_DOSSIER_LIMITS = (
    "Trong ngày",
    "Ngay",
    "03 ngày làm việc",
    "05 ngày làm việc",
    "15 ngày",
    "04 giờ làm việc",
)


def dossier_events(
    *,
    min_start: dt.datetime = dt.datetime(2025, 1, 2),
    max_start: dt.datetime = dt.datetime(2026, 6, 30),
    max_events: int = 10,
    max_extensions: int = 1,
) -> st.SearchStrategy[tuple[DossierEvent, ...]]:
    """A valid event log: ``received`` first, then a walk on the dossier state machine
    (:data:`hcc.dossiers.TRANSITIONS`) in time order, at most ``max_extensions`` extensions.

    Gaps between events are up to three days, so a log that starts by ``max_start`` (default mid
    2026) stays in years with an official notice.

    >>> from hypothesis import given, settings
    >>> from hcc.dossiers import TRANSITIONS, DossierState
    >>> @settings(max_examples=30)
    ... @given(dossier_events())
    ... def check(events):
    ...     state = DossierState.NEW
    ...     for e in events:
    ...         state = TRANSITIONS[state][e.kind]
    >>> check()
    """

    @st.composite
    def build(draw: st.DrawFn) -> tuple[DossierEvent, ...]:
        start = draw(st.datetimes(min_value=min_start, max_value=max_start))
        t = start.replace(second=0, microsecond=0, tzinfo=VN_TZ)
        events = [DossierEvent(kind=EventKind.RECEIVED, at=t)]
        state = DossierState.PROCESSING
        extensions = 0
        for _ in range(draw(st.integers(min_value=0, max_value=max_events))):
            allowed = sorted(
                (
                    k
                    for k in TRANSITIONS[state]
                    if k is not EventKind.EXTENDED or extensions < max_extensions
                ),
                key=lambda k: k.value,
            )
            if not allowed:
                break
            kind = draw(st.sampled_from(allowed))
            t = t + dt.timedelta(minutes=draw(st.integers(min_value=0, max_value=3 * 24 * 60)))
            fields: dict[str, Any] = {}
            if kind is EventKind.TRANSFERRED:
                fields["agency"] = draw(st.sampled_from(_AGENCIES[1:]))
                fields["allotment"] = draw(
                    st.sampled_from([None, "01 ngày làm việc", "02 ngày làm việc"])
                )
            elif kind is EventKind.EXTENDED:
                fields["new_due"] = t + dt.timedelta(
                    hours=draw(st.integers(min_value=1, max_value=10 * 24))
                )
                extensions += 1
            elif kind is EventKind.RATED:
                fields["rating"] = draw(st.sampled_from(list(Rating)))
            elif kind in (
                EventKind.SUPPLEMENT_REQUESTED,
                EventKind.REFUSED,
                EventKind.WITHDRAWN,
                EventKind.STOPPED,
            ):
                fields["reason"] = draw(st.one_of(st.none(), vietnamese_text(max_words=6)))
            events.append(DossierEvent(kind=kind, at=t, **fields))
            state = TRANSITIONS[state][kind]
        return tuple(events)

    return build()


def dossiers(
    *,
    unit: str = "000.00.01.H38",
    serial: int = 1,
    limits: Sequence[str | TimeLimit] = _DOSSIER_LIMITS,
    max_events: int = 10,
) -> st.SearchStrategy[Dossier]:
    """:class:`~hcc.dossiers.Dossier` values with a valid log (:func:`dossier_events`), a code of
    ``unit`` dated on the receipt day with ``serial``, and a time limit from ``limits``.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, deadline=None)
    ... @given(dossiers())
    ... def check(d):
    ...     assert d.sla(as_of=d.events[-1].at).received_at == d.received_at
    >>> check()
    """

    @st.composite
    def build(draw: st.DrawFn) -> Dossier:
        events = draw(dossier_events(max_events=max_events))
        received = events[0].at
        return Dossier(
            code=f"{unit}-{received:%y%m%d}-{serial:04d}",
            procedure_code=draw(procedure_codes()),
            procedure_name=draw(vietnamese_text(min_words=2, max_words=6)),
            field=draw(st.sampled_from(_FIELDS)),
            lead_agency=draw(st.sampled_from(_AGENCIES[:2])),
            applicant=draw(vietnamese_text(min_words=2, max_words=4)),
            channel=draw(st.sampled_from(["direct", "online", "postal"])),
            time_limit=draw(st.sampled_from(list(limits))),
            events=events,
        )

    return build()
