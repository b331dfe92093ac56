"""Quotes: what a fee schedule charges for given quantities, on a date, through a channel.

>>> import datetime as dt
>>> from hcc.fees import get_fee_schedule, quote
>>> q = quote(get_fee_schedule("chung-thuc-ban-sao"), on=dt.date(2025, 3, 3), pages=5, copies=2)
>>> q.total
Decimal('14000')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from hcc._text import nfc
from hcc.calendar import WorkingCalendar, as_date, vietnam_calendar
from hcc.errors import QuoteError
from hcc.fees._arith import round_vnd
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
)

__all__ = ["Adjustment", "OnTimeCheck", "Quote", "QuoteLine", "check_on_time", "quote"]


class _Model(BaseModel):
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

    def explain(self) -> str:
        """A plain-text account of the quote, one charge a line, with legal bases.

        >>> import datetime as dt
        >>> from hcc.fees import get_fee_schedule, quote
        >>> print(quote(get_fee_schedule("trich-luc-ho-tich"), on=dt.date(2025, 1, 2),
        ...             copies=3).explain())
        Cấp bản sao trích lục hộ tịch (trich-luc-ho-tich), 2025-01-02, direct
        - Phí cấp bản sao trích lục hộ tịch: 3 copies × 8.000 đồng = 24.000 đồng [Circular 281/2016/TT-BTC art. 4]
        Total: 24.000 đồng (Hai mươi tư nghìn đồng)
        """
        from hcc.fees.money import amount_in_words

        out = [f"{self.schedule_name} ({self.schedule_id}), {self.on.isoformat()}, {self.channel}"]
        if self.exemptions:
            out[0] += f", exemptions: {', '.join(self.exemptions)}"
        for line in self.lines:
            text = f"- {line.description}: {line.detail}"
            if line.adjustment is not None:
                a = line.adjustment
                text += (
                    f"; {a.kind} {a.percent.normalize():f} % ({a.reason}: {a.description}"
                    f" [{a.legal_basis}]) → {format_vnd(line.amount)}"
                )
            text += f" [{line.legal_basis}]"
            if line.unconfirmed:
                text += " (unconfirmed amount)"
            out.append(text)
        if not self.lines:
            out.append("- no charge")
        out.append(f"Total: {format_vnd(self.total)} ({amount_in_words(self.total)})")
        if self.unused_quantities:
            out.append(f"Not used by this schedule: {', '.join(self.unused_quantities)}")
        out.extend(f"Note: {n}" for n in self.notes)
        return "\n".join(out)


def _count(name: str, value: Any) -> Decimal:
    try:
        if name == "value":
            return to_vnd(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise QuoteError(f"quantity {name}: got {value!r}, expected a non-negative int")
    except AmountError:
        raise QuoteError(
            f"quantity value: got {value!r}, expected a non-negative whole amount of đồng "
            "(int or integral Decimal)"
        ) from None
    if value < 0:
        raise QuoteError(f"quantity {name}: got {value!r}, expected a non-negative int")
    return Decimal(value)


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


def _charge(
    rule: ChargeRule, quantities: dict[str, Decimal], used: set[str]
) -> tuple[str | None, Decimal, Decimal | None, Decimal, str]:
    """(quantity name, quantity, unit amount, gross, detail) for one charge rule."""
    if isinstance(rule, FlatFee):
        return None, Decimal(1), rule.amount, rule.amount, f"{format_vnd(rule.amount)} per request"
    if isinstance(rule, PercentageFee):
        if "value" not in quantities:
            raise QuoteError(
                f"rule {rule.id!r} charges {rule.rate_percent.normalize():f} % of a declared value: "
                "give value=<VND>"
            )
        used.add("value")
        value = quantities["value"]
        gross = rule.amount_for(value)
        bounds = ""
        if rule.minimum is not None or rule.maximum is not None:
            bounds = (
                f", within {format_vnd(rule.minimum or 0)}"
                f"..{format_vnd(rule.maximum) if rule.maximum is not None else 'no maximum'}"
            )
        detail = (
            f"{rule.rate_percent.normalize():f} % of {format_vnd(value)}{bounds}"
            f" = {format_vnd(gross)}"
        )
        return "value", value, None, gross, detail
    name = rule.quantity
    units = quantities.get(name, Decimal(1))
    used.add(name)
    if rule.per_copy:
        copies = quantities.get("copies", Decimal(1))
        used.add("copies")
        per_copy = rule.amount_for(int(units))
        gross = per_copy * copies
        capped = (
            f", capped at {format_vnd(rule.cap_per_copy)}"
            if rule.cap_per_copy is not None and rule.amount_for(int(units)) == rule.cap_per_copy
            else ""
        )
        detail = (
            f"{units} {name} → {format_vnd(per_copy)} per copy{capped} × {copies} copies"
            f" = {format_vnd(gross)}"
        )
        return "copies", copies, per_copy, gross, detail
    gross = rule.amount_for(int(units))
    rates = {t.amount for t in rule.tiers if t.first <= units} if rule.tiers else {rule.amount}
    unit_amount = next(iter(rates)) if len(rates) == 1 else None
    if unit_amount is not None:
        detail = f"{units} {name} × {format_vnd(unit_amount)} = {format_vnd(gross)}"
    else:
        detail = f"{units} {name} (tiered) = {format_vnd(gross)}"
    return name, units, unit_amount, gross, detail


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
        QuoteError: an unknown quantity, category or channel; no rule in force ``on``; an
            ``event_date`` after ``on``, or given for a schedule without a statutory window.
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
    lines = []
    for rule in charges:
        qname, qty, unit_amount, gross, detail = _charge(rule, counts, used)
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
                legal_basis=rule.legal_basis,
                adjustment=best,
                unconfirmed=rule.unconfirmed or (best is not None and best.unconfirmed),
            )
        )
    total = sum((line.amount for line in lines), Decimal(0))
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
