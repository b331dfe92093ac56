"""Quotes: what a fee schedule charges for given quantities, on a date, through a channel.

>>> import datetime as dt
>>> from hcc.fees import get_fee_schedule, quote
>>> q = quote(get_fee_schedule("chung-thuc-ban-sao"), on=dt.date(2025, 3, 3), pages=5, copies=2)
>>> q.total
Decimal('14000')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal, DecimalException
from typing import Any, Literal

from pydantic import ConfigDict

from hcc._model import HccModel
from hcc.calendar import WorkingCalendar, as_date, vietnam_calendar
from hcc.calendar._text import nfc
from hcc.errors import QuoteError, _short_repr
from hcc.fees._arith import MAX_AMOUNT, exact, round_vnd
from hcc.fees.money import AmountError, format_vnd, to_vnd
from hcc.fees.rules import (
    CHANNELS,
    EXEMPTION_CATEGORIES,
    QUANTITY_NAMES,
    Channel,
    ChargeRule,
    Exemption,
    FeeSchedule,
    FlatFee,
    OnTimeWindow,
    PercentageFee,
    Reduction,
    check_quantity,
)

__all__ = ["Adjustment", "OnTimeCheck", "Quote", "QuoteLine", "check_on_time", "quote"]


_CHANNEL_VI = {"direct": "nộp trực tiếp", "online": "nộp trực tuyến", "postal": "qua bưu chính"}


class _Model(HccModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Adjustment(_Model):
    """The exemption or reduction applied to a quote line, and why.

    ``percent`` is the share waived (100 = exempt); ``reason`` is the category or channel that
    triggered it.

    >>> q = quote("chung-thuc-hop-dong", on=dt.date(2026, 3, 2), exemptions="agricultural_loan_mortgage")
    >>> adj = q.lines[0].adjustment
    >>> (adj.kind, adj.reason, adj.percent, q.total)
    ('exemption', 'agricultural_loan_mortgage', Decimal('100'), Decimal('0'))
    """

    rule_id: str
    kind: Literal["exemption", "reduction"]
    description: str
    reason: str
    percent: Decimal
    legal_basis: str
    unconfirmed: bool = False


class QuoteLine(_Model):
    """One charge of a quote.

    ``quantity`` is what the line counts (copies for a per-copy page fee, cases, the declared value
    for a percentage); ``unit_amount`` the amount of one such quantity when the line is exactly
    ``quantity × unit_amount`` (None for a percentage or a tiered amount that spans tiers);
    ``gross`` the amount before any exemption or reduction, ``amount`` what is payable.

    >>> line = quote("trich-luc-ho-tich", on=dt.date(2026, 3, 2), copies=3).lines[0]
    >>> (line.quantity, line.unit_amount, line.amount)
    (Decimal('3'), Decimal('8000'), Decimal('24000'))
    """

    rule_id: str
    kind: Literal["flat", "per_unit", "percentage"]
    description: str
    quantity_name: str | None
    quantity: Decimal
    unit_amount: Decimal | None
    gross: Decimal
    amount: Decimal
    detail: str
    legal_basis: str
    adjustment: Adjustment | None = None
    unconfirmed: bool = False
    detail_vi: str | None = None
    """``detail`` in Vietnamese (what :meth:`Quote.explain` writes with ``lang="vi"``)."""


class OnTimeCheck(_Model):
    """Whether a registration received on ``received`` is within the window of its event.

    ``day`` is the number of days from the event to the receipt (the day of the event is day 0,
    Civil Code 2015 art. 147(3)); ``last_day`` the last day of the window after moving off a day
    off (art. 148(5)); ``nominal_last_day`` the day ``days`` days after the event.

    >>> c = check_on_time(OnTimeWindow(event="birth", days=60, legal_basis="art. 15"),
    ...                   event_date=dt.date(2026, 1, 15), received=dt.date(2026, 3, 16))
    >>> c.day, c.on_time, c.last_day
    (60, True, datetime.date(2026, 3, 16))
    """

    event: Literal["birth", "death"]
    event_date: dt.date
    received: dt.date
    days: int
    day: int
    nominal_last_day: dt.date
    last_day: dt.date
    on_time: bool
    legal_basis: str

    def note(self) -> str:
        """One sentence for a quote's notes.

        >>> c = check_on_time(OnTimeWindow(event="death", days=15, legal_basis="art. 33(1)"),
        ...                   event_date=dt.date(2026, 3, 2), received=dt.date(2026, 3, 18))
        >>> c.note()
        'late: received on day 16 after the death of 2026-03-02; the 15-day window (art. 33(1); the day of the death is not counted, Civil Code 2015 art. 147(3)) ended on 2026-03-17'
        """
        moved = (
            f", moved from {self.nominal_last_day.isoformat()} (a day off) by Civil Code 2015 "
            "art. 148(5)"
            if self.last_day != self.nominal_last_day
            else ""
        )
        verdict = "on time" if self.on_time else "late"
        verb = "ends" if self.on_time else "ended"
        return (
            f"{verdict}: received on day {self.day} after the {self.event} of "
            f"{self.event_date.isoformat()}; the {self.days}-day window ({self.legal_basis}; "
            f"the day of the {self.event} is not counted, Civil Code 2015 art. 147(3)) {verb} "
            f"on {self.last_day.isoformat()}{moved}"
        )


def check_on_time(
    window: OnTimeWindow,
    *,
    event_date: dt.date | str,
    received: dt.date | str,
    calendar: WorkingCalendar | None = None,
) -> OnTimeCheck:
    """Is a registration received on ``received`` within ``window`` of the event on ``event_date``?

    The day of the event is not counted (Civil Code 2015 art. 147(3)): the window's last day is
    ``event_date + days``. It ends at the end of that day (art. 148(1)); when that day is not a
    working day of ``calendar`` (default: the national civil-service calendar), at the end of the
    next working day (art. 148(5)). ``received`` on or before the last day is on time.

    Raises:
        QuoteError: ``received`` is before ``event_date``, or a value is not a date.

    >>> w = OnTimeWindow(event="birth", days=60, legal_basis="art. 15")
    >>> check_on_time(w, event_date=dt.date(2026, 1, 15), received=dt.date(2026, 3, 17)).on_time
    False
    >>> check_on_time(w, event_date=dt.date(2026, 1, 20), received=dt.date(2026, 3, 23)).on_time
    True
    """
    if not isinstance(window, OnTimeWindow):
        raise QuoteError(f"window: got {type(window).__name__}, expected an OnTimeWindow")
    try:
        ev = as_date(event_date, "event_date")
        rec = as_date(received, "on")
    except ValueError as exc:
        raise QuoteError(str(exc)) from None
    if rec < ev:
        raise QuoteError(
            f"event_date: got {ev.isoformat()}, expected a date on or before the receipt date "
            f"{rec.isoformat()} (a {window.event} cannot be registered before it happens)"
        )
    cal = (calendar or vietnam_calendar()).without_warnings()
    nominal = ev + dt.timedelta(days=window.days)
    last = cal.add_working_days(nominal, 0)  # nominal if a working day, else the next one
    return OnTimeCheck(
        event=window.event,
        event_date=ev,
        received=rec,
        days=window.days,
        day=(rec - ev).days,
        nominal_last_day=nominal,
        last_day=last,
        on_time=rec <= last,
        legal_basis=window.legal_basis,
    )


class Quote(_Model):
    """The result of :func:`quote`: lines and a total, all whole đồng as ``Decimal``.

    ``unconfirmed`` is true when any rule used is marked unconfirmed (a provincial amount hcc
    could not check); ``unused_quantities`` names quantities given that no rule counted.
    ``on_time`` is the check of a registration against its statutory window when the quote was
    given the event date; ``notes`` say what was decided from the facts and why.

    >>> q = quote("chung-thuc-ban-sao", on=dt.date(2026, 3, 2), pages=300, copies=2)
    >>> q.total, len(q.lines)   # 200.000 đồng per copy at most (Circular 226/2016 art. 4)
    (Decimal('400000'), 1)
    """

    schedule_id: str
    schedule_name: str
    on: dt.date
    channel: Channel
    exemptions: tuple[str, ...]
    quantities: dict[str, Decimal]
    lines: tuple[QuoteLine, ...]
    total: Decimal
    unconfirmed: bool
    unused_quantities: tuple[str, ...] = ()
    on_time: OnTimeCheck | None = None
    notes: tuple[str, ...] = ()

    def explain(self, lang: Literal["en", "vi"] = "en") -> str:
        """A plain-text account of the quote, one charge a line, with legal bases.

        ``lang="en"`` (the default) writes the framing in English, ``lang="vi"`` in Vietnamese;
        fee names and legal bases are the schedule's own text either way.

        Raises:
            QuoteError: ``lang`` is neither ``"en"`` nor ``"vi"``.

        >>> import datetime as dt
        >>> from hcc.fees import get_fee_schedule, quote
        >>> q = quote(get_fee_schedule("trich-luc-ho-tich"), on=dt.date(2025, 1, 2), copies=3)
        >>> print(q.explain())
        Cấp bản sao trích lục hộ tịch (trich-luc-ho-tich), 2025-01-02, direct
        - Phí cấp bản sao trích lục hộ tịch: 3 copies × 8.000 đồng = 24.000 đồng [Circular 281/2016/TT-BTC art. 4]
        Total: 24.000 đồng (Hai mươi tư nghìn đồng)
        >>> print(q.explain(lang="vi"))
        Cấp bản sao trích lục hộ tịch (trich-luc-ho-tich), ngày 02/01/2025, nộp trực tiếp
        - Phí cấp bản sao trích lục hộ tịch: 3 bản × 8.000 đồng = 24.000 đồng [Circular 281/2016/TT-BTC art. 4]
        Tổng cộng: 24.000 đồng (Hai mươi tư nghìn đồng)
        """
        from hcc.fees.money import amount_in_words

        if lang not in ("en", "vi"):
            raise QuoteError(f"lang: got {lang!r}, expected 'en' or 'vi'")
        vi = lang == "vi"
        if vi:
            out = [
                f"{self.schedule_name} ({self.schedule_id}), ngày {self.on:%d/%m/%Y}, "
                f"{_CHANNEL_VI.get(self.channel, self.channel)}"
            ]
            if self.exemptions:
                out[0] += f", đối tượng miễn, giảm: {', '.join(self.exemptions)}"
        else:
            out = [
                f"{self.schedule_name} ({self.schedule_id}), {self.on.isoformat()}, {self.channel}"
            ]
            if self.exemptions:
                out[0] += f", exemptions: {', '.join(self.exemptions)}"
        for line in self.lines:
            detail = line.detail_vi if vi and line.detail_vi else line.detail
            text = f"- {line.description}: {detail}"
            if line.adjustment is not None:
                a = line.adjustment
                kind = {"exemption": "miễn", "reduction": "giảm"}[a.kind] if vi else a.kind
                text += (
                    f"; {kind} {a.percent.normalize():f} % ({a.reason}: {a.description}"
                    f" [{a.legal_basis}]) → {format_vnd(line.amount)}"
                )
            text += f" [{line.legal_basis}]"
            if line.unconfirmed:
                text += " (mức thu chưa được xác nhận)" if vi else " (unconfirmed amount)"
            out.append(text)
        if not self.lines:
            out.append("- không thu phí, lệ phí" if vi else "- no charge")
        total = f"{format_vnd(self.total)} ({amount_in_words(self.total)})"
        out.append(f"Tổng cộng: {total}" if vi else f"Total: {total}")
        if self.unused_quantities:
            if vi:  # the counter's word, then the argument's name
                names = ", ".join(f"{_UNIT_VI.get(n, n)} ({n})" for n in self.unused_quantities)
                out.append(f"Biểu phí này không tính theo: {names}")
            else:
                out.append(f"Not used by this schedule: {', '.join(self.unused_quantities)}")
        if vi:
            out.extend(f"Ghi chú: {n}" for n in _notes_vi(self))
        else:
            out.extend(f"Note: {n}" for n in self.notes)
        return "\n".join(out)


_EVENT_VI = {"birth": "sinh", "death": "mất"}
_NAMED = re.compile(r"^(\S+) was named by the caller and applies as named$")
_NO_EVENT_DATE = re.compile(
    r"^no event_date given: the on-time exemption \((\S+)\) was not applied"
)


def _notes_vi(q: Quote) -> list[str]:
    """The notes of ``q`` in Vietnamese: the on-time check from its facts, the others by their
    wording (a note without a Vietnamese wording is kept as written)."""
    out: list[str] = []
    for note in q.notes:
        c = q.on_time
        if c is not None and note == c.note():
            event = _EVENT_VI.get(c.event, c.event)
            moved = (
                f", lùi từ ngày {c.nominal_last_day:%d/%m/%Y} (ngày nghỉ) theo khoản 5 Điều 148 "
                "Bộ luật Dân sự 2015"
                if c.last_day != c.nominal_last_day
                else ""
            )
            verdict = "đúng hạn" if c.on_time else "quá hạn"
            out.append(
                f"{verdict}: nộp vào ngày thứ {c.day} kể từ ngày {event} {c.event_date:%d/%m/%Y}; "
                f"thời hạn {c.days} ngày ({c.legal_basis}; không tính ngày {event}, khoản 3 Điều "
                f"147 Bộ luật Dân sự 2015) kết thúc ngày {c.last_day:%d/%m/%Y}{moved}"
            )
            continue
        m = _NAMED.match(note)
        if m:
            out.append(
                f"đối tượng {m.group(1)} do người dùng chỉ định, được áp dụng như đã chỉ định"
            )
            continue
        m = _NO_EVENT_DATE.match(note)
        if m:
            out.append(
                f"chưa có ngày xảy ra sự kiện: chưa áp dụng miễn lệ phí đúng hạn ({m.group(1)}); "
                "cần ngày sinh hoặc ngày mất để xác định"
            )
            continue
        out.append(note)
    return out


def _count(name: str, value: Any) -> Decimal:
    if name == "value":
        try:
            return to_vnd(value)
        except AmountError:
            raise QuoteError(
                f"quantity value: got {_short_repr(value)}, expected a non-negative whole amount of đồng "
                f"(int or integral Decimal) up to {MAX_AMOUNT}"
            ) from None
    if isinstance(value, bool) or not isinstance(value, int):
        raise QuoteError(f"quantity {name}: got {_short_repr(value)}, expected a non-negative int")
    return Decimal(check_quantity(name, value))


def _categories(exemptions: Iterable[str] | str) -> tuple[str, ...]:
    items = [exemptions] if isinstance(exemptions, str) else list(exemptions)
    out: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise QuoteError(f"exemptions: got {item!r}, expected category names (str)")
        name: str = nfc(item)
        if name not in EXEMPTION_CATEGORIES:
            raise QuoteError(
                f"unknown exemption category {name!r}; allowed: {', '.join(EXEMPTION_CATEGORIES)}"
            )
        if name not in out:
            out.append(name)
    return tuple(out)


_SINGULAR = {"copies": "copy", "persons": "person"}
_UNIT_VI = {
    "pages": "trang",
    "copies": "bản",
    "cases": "trường hợp",
    "certificates": "giấy chứng nhận",
    "contracts": "hợp đồng",
    "parcels": "thửa đất",
    "documents": "giấy tờ",
    "dossiers": "hồ sơ",
    "persons": "người",
    "value": "giá trị kê khai",
}
"""What one unit of each quote quantity is called in Vietnamese (the counter's words)."""


def _en(n: Decimal, name: str) -> str:
    """``n`` units of quantity ``name`` in English: "1 copy", "3 copies", "1 page"."""
    if n == 1:
        return f"{n} {_SINGULAR.get(name, name.removesuffix('s'))}"
    return f"{n} {name}"


def _vi(n: Decimal, name: str) -> str:
    """``n`` units of quantity ``name`` in Vietnamese: "3 bản", "5 trang"."""
    return f"{n} {_UNIT_VI.get(name, name)}"


def _charge(
    rule: ChargeRule, quantities: dict[str, Decimal], used: set[str]
) -> tuple[str | None, Decimal, Decimal | None, Decimal, str, str]:
    """(quantity name, quantity, unit amount, gross, detail, Vietnamese detail) for one rule."""
    if isinstance(rule, FlatFee):
        amount = format_vnd(rule.amount)
        return (
            None,
            Decimal(1),
            rule.amount,
            rule.amount,
            f"{amount} per request",
            f"{amount}/lần yêu cầu",
        )
    if isinstance(rule, PercentageFee):
        if "value" not in quantities:
            raise QuoteError(
                f"rule {rule.id!r} charges {rule.rate_percent.normalize():f} % of a declared value: "
                "give value=<VND>"
            )
        used.add("value")
        value = quantities["value"]
        gross = rule.amount_for(value)
        bounds = bounds_vi = ""
        if rule.minimum is not None or rule.maximum is not None:
            low = format_vnd(rule.minimum or 0)
            high = format_vnd(rule.maximum) if rule.maximum is not None else None
            bounds = f", within {low}..{high or 'no maximum'}"
            bounds_vi = f", trong khoảng {low}..{high or 'không giới hạn'}"
        rate = f"{rule.rate_percent.normalize():f} %"
        return (
            "value",
            value,
            None,
            gross,
            f"{rate} of {format_vnd(value)}{bounds} = {format_vnd(gross)}",
            f"{rate} của {format_vnd(value)}{bounds_vi} = {format_vnd(gross)}",
        )
    name = rule.quantity
    units = quantities.get(name, Decimal(1))
    used.add(name)
    if rule.per_copy:
        copies = quantities.get("copies", Decimal(1))
        used.add("copies")
        per_copy = rule.amount_for(int(units))
        gross = per_copy * copies
        is_capped = rule.cap_per_copy is not None and per_copy == rule.cap_per_copy
        capped = f", capped at {format_vnd(per_copy)}" if is_capped else ""
        capped_vi = f", tối đa {format_vnd(per_copy)}/bản" if is_capped else ""
        detail = (
            f"{_en(units, name)} → {format_vnd(per_copy)} per copy{capped} × "
            f"{_en(copies, 'copies')} = {format_vnd(gross)}"
        )
        detail_vi = (
            f"{_vi(units, name)} → {format_vnd(per_copy)}/bản{capped_vi} × "
            f"{_vi(copies, 'copies')} = {format_vnd(gross)}"
        )
        return "copies", copies, per_copy, gross, detail, detail_vi
    gross = rule.amount_for(int(units))
    rates = {t.amount for t in rule.tiers if t.first <= units} if rule.tiers else {rule.amount}
    unit_amount = next(iter(rates)) if len(rates) == 1 else None
    if unit_amount is not None:
        tail = f" × {format_vnd(unit_amount)} = {format_vnd(gross)}"
        return name, units, unit_amount, gross, _en(units, name) + tail, _vi(units, name) + tail
    tail = f" = {format_vnd(gross)}"
    return (
        name,
        units,
        unit_amount,
        gross,
        f"{_en(units, name)} (tiered){tail}",
        f"{_vi(units, name)} (lũy tiến){tail}",
    )


def quote(
    schedule: FeeSchedule | str,
    *,
    channel: str = "direct",
    on: dt.date,
    exemptions: Iterable[str] | str = (),
    event_date: dt.date | str | None = None,
    calendar: WorkingCalendar | None = None,
    **quantities: Any,
) -> Quote:
    """Quote a fee schedule (or the id of a standard one): the rules in force ``on`` (validity
    is inclusive at both ends).

    ``on`` is the date the dossier is received. For a registration with a statutory window
    (``schedule.on_time``: birth registration 60 days, death registration 15 days, Law on Civil
    Status 60/2014/QH13 arts. 15(1), 33(1)), give ``event_date`` (the birth or the death) and
    the quote decides itself whether the registration is on time (:func:`check_on_time`; the day
    of the event is day 0, day 60 is on time, day 61 late; a last day that is a day off of
    ``calendar`` moves to the next working day) and, if so, applies the exemption of art. 11.
    The check and its reasoning are in ``Quote.on_time`` and ``Quote.notes``. A category the
    caller names in ``exemptions`` still applies, whatever the dates say. Without
    ``event_date`` nothing is assumed: a late fee is quoted and a note says so.

    Quantities are plain English names (:data:`hcc.fees.QUANTITY_NAMES`): ``pages``, ``copies``,
    ``cases``, ``certificates``, ``contracts``, ... (non-negative ints; a count the schedule uses but
    that is not given is 1) and ``value`` (a declared value in VND, int or integral ``Decimal``;
    required by a percentage rule). A known quantity the schedule does not count is ignored and
    listed in ``Quote.unused_quantities``; an unknown name raises :class:`hcc.errors.QuoteError`.

    ``exemptions`` names categories of :data:`hcc.fees.EXEMPTION_CATEGORIES` (a category the schedule
    does not recognise changes nothing); ``channel`` is "direct", "online" or "postal". On each
    line, the most favourable applicable exemption or reduction applies (they do not stack); the
    payable amount is ``round_half_up(gross × (100 − percent) / 100)``.

    >>> import datetime as dt
    >>> from hcc.fees import get_fee_schedule
    >>> s = get_fee_schedule("chung-thuc-ban-sao")
    >>> quote(s, on=dt.date(2025, 3, 3), pages=300).total
    Decimal('200000')
    >>> quote(s, on=dt.date(2025, 3, 3), sheets=3)
    Traceback (most recent call last):
    ...
    hcc.errors.QuoteError: unknown quantity 'sheets'; allowed: pages, copies, cases, certificates, contracts, parcels, documents, dossiers, persons, value
    >>> born = dt.date(2026, 1, 15)
    >>> quote("dang-ky-khai-sinh", on=dt.date(2026, 3, 16), event_date=born).total  # day 60
    Decimal('0')
    >>> quote("dang-ky-khai-sinh", on=dt.date(2026, 3, 17), event_date=born).total  # day 61
    Decimal('8000')

    Raises:
        QuoteError: an unknown quantity, category or channel; a quantity that is not an int in
            ``0..MAX_QUANTITY`` (a bool is not one) or a ``value`` that is not whole đồng up to
            ``MAX_AMOUNT``; a line or total above ``MAX_AMOUNT`` or one that could not be computed
            exactly; no rule in force ``on``; an ``event_date`` after ``on``, or given for a
            schedule without a statutory window.
        UnknownFeeScheduleError: ``schedule`` names no standard schedule.
        InvalidInputError: ``on`` is not a date.
    """
    if isinstance(schedule, str):
        from hcc.fees.schedules import get_fee_schedule

        schedule = get_fee_schedule(schedule)
    if not isinstance(schedule, FeeSchedule):
        raise QuoteError(f"schedule: got {type(schedule).__name__}, expected a FeeSchedule")
    if channel not in CHANNELS:
        raise QuoteError(f"unknown channel {channel!r}; allowed: {', '.join(CHANNELS)}")
    day = as_date(on, "on")
    categories = _categories(exemptions)
    check: OnTimeCheck | None = None
    notes: list[str] = []
    window = schedule.on_time
    if event_date is not None:
        if window is None:
            raise QuoteError(
                f"event_date: schedule {schedule.id!r} has no statutory registration window; "
                "event_date applies to birth and death registration (on_time)"
            )
        check = check_on_time(window, event_date=event_date, received=day, calendar=calendar)
        notes.append(check.note())
        if window.category in categories:
            notes.append(f"{window.category} was named by the caller and applies as named")
        elif check.on_time:
            categories = (*categories, window.category)
    elif window is not None and window.category not in categories:
        notes.append(
            f"no event_date given: the on-time exemption ({window.category}) was not applied; "
            f"give the date of the {window.event} to decide it"
        )
    counts: dict[str, Decimal] = {}
    for name, value in quantities.items():
        if name not in QUANTITY_NAMES:
            raise QuoteError(f"unknown quantity {name!r}; allowed: {', '.join(QUANTITY_NAMES)}")
        counts[name] = _count(name, value)

    charges = schedule.charge_rules(day)
    if schedule.charge_rules() and not charges:
        spans = sorted(
            {f"{r.valid_from or 'open'}..{r.valid_to or 'open'}" for r in schedule.charge_rules()}
        )
        raise QuoteError(
            f"schedule {schedule.id!r} has no charge rule in force on {day.isoformat()}; "
            f"its rules are valid {', '.join(spans)}"
        )
    modifiers = schedule.modifier_rules(day)
    used: set[str] = set()
    try:
        with exact():
            lines = _lines(charges, modifiers, counts, categories, channel, used)
            total = sum((line.amount for line in lines), Decimal(0))
    except DecimalException:
        raise QuoteError(
            f"schedule {schedule.id!r}: the quote cannot be computed exactly with these quantities"
        ) from None
    except AmountError as exc:  # an amount of a line beyond MAX_AMOUNT
        raise QuoteError(
            f"schedule {schedule.id!r}: an amount is larger than the largest amount hcc accepts "
            f"({MAX_AMOUNT} đồng): {exc}"
        ) from None
    if total > MAX_AMOUNT:
        raise QuoteError(
            f"schedule {schedule.id!r}: the total {total} is larger than the largest amount hcc "
            f"accepts ({MAX_AMOUNT} đồng)"
        )
    return Quote(
        schedule_id=schedule.id,
        schedule_name=schedule.name,
        on=day,
        channel=channel,
        exemptions=categories,
        quantities=counts,
        lines=tuple(lines),
        total=total,
        unconfirmed=any(line.unconfirmed for line in lines),
        unused_quantities=tuple(n for n in counts if n not in used),
        on_time=check,
        notes=tuple(notes),
    )


def _lines(
    charges: tuple[ChargeRule, ...],
    modifiers: tuple[Exemption | Reduction, ...],
    counts: dict[str, Decimal],
    categories: tuple[str, ...],
    channel: str,
    used: set[str],
) -> list[QuoteLine]:
    """The quote lines, computed in the exact money context (see :mod:`hcc.fees._arith`)."""
    lines = []
    for rule in charges:
        qname, qty, unit_amount, gross, detail, detail_vi = _charge(rule, counts, used)
        if gross > MAX_AMOUNT:
            raise QuoteError(
                f"rule {rule.id!r}: the amount {gross} is larger than the largest amount hcc "
                f"accepts ({MAX_AMOUNT} đồng)"
            )
        best: Adjustment | None = None
        for mod in modifiers:
            if mod.applies_to and rule.id not in mod.applies_to:
                continue
            if isinstance(mod, Exemption):
                hit = next((c for c in categories if c in mod.categories), None)
            else:
                assert isinstance(mod, Reduction)
                hit = channel if channel in mod.channels else None
            if hit is None or (best is not None and mod.percent <= best.percent):
                continue
            best = Adjustment(
                rule_id=mod.id,
                kind=mod.kind,
                description=mod.description,
                reason=hit,
                percent=mod.percent,
                legal_basis=mod.legal_basis,
                unconfirmed=mod.unconfirmed,
            )
        amount = gross if best is None else round_vnd(gross * (100 - best.percent) / 100)
        lines.append(
            QuoteLine(
                rule_id=rule.id,
                kind=rule.kind,
                description=rule.description,
                quantity_name=qname,
                quantity=qty,
                unit_amount=unit_amount,
                gross=gross,
                amount=amount,
                detail=detail,
                detail_vi=detail_vi,
                legal_basis=rule.legal_basis,
                adjustment=best,
                unconfirmed=rule.unconfirmed or (best is not None and best.unconfirmed),
            )
        )
    return lines
