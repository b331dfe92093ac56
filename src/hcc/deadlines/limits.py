"""Processing time limits (thời hạn giải quyết) as typed values, and the reader of record phrases.

A [`TimeLimit`][TimeLimit] is an ``amount`` and a [`TimeUnit`][TimeUnit]; working days, calendar days, months,
working hours, clock hours, "same day" and "immediately" are distinct units, never one ``int``
with a flag (REFERENCE §3). A record may state more than that, and the value keeps it:

* ``range_min``: the lower bound of a range ("Từ 01 đến 05 ngày làm việc"); ``amount`` is the
  upper bound, the limit the office must meet;
* ``condition``: the case the primary limit is for ("Thông thường: 30 ngày");
* ``alternates``: further limits with their conditions ("Phức tạp: 45 ngày", "trường hợp cần xác
  minh thì không quá 05 ngày làm việc"); ``alternate`` / ``alternate_condition`` are the first
  of them, as in earlier versions;
* ``per_channel``: limits stated per submission channel in one cell ("Trực tiếp: Cấp ngay.
  Online: Không quá 08 giờ làm việc.");
* ``unit_stated``: ``False`` when the record gave a bare number and the unit came from the
  caller or the record's context (see [`TimeLimit.parse`][TimeLimit.parse]);
* ``text`` and ``source_span``: the text read (NFC) and the span of it that gave the primary
  limit. They are provenance: two limits that mean the same compare equal whatever text they
  were read from.

Canonical phrases (``str(limit)``), which [`TimeLimit.parse`][TimeLimit.parse] reads back to an equal value:

=================  ===============================  ===========================================
unit               canonical phrase                 also read
=================  ===============================  ===========================================
working_days       ``05 ngày làm việc``             "Không quá 5 ngày làm việc", "1/2 ngày làm việc"
calendar_days      ``30 ngày``                      "15 ngày kể từ ngày nhận đủ hồ sơ", "02 tuần" (14)
months             ``03 tháng``                     "3 Tháng", "01 năm" (12), "07 - 12 tháng"
working_hours      ``04 giờ làm việc``              "4 gio lam viec"
clock_hours        ``24 giờ``                       "08 Giờ", "0,5 ngày" (12 hours), "30 phút" (0,5)
same_day           ``Trong ngày``                   "Ngay trong ngày", "Trong ngày làm việc"
immediate          ``Ngay``                         "Cấp ngay", "Ngay sau khi nhận đủ giấy tờ hợp lệ"
=================  ===============================  ===========================================

Whole amounts are written with at least two digits, as procedure records do; fractions with a
decimal comma ("0,5 ngày làm việc"); a range as ``"Từ 01 đến 05 ngày làm việc"``. A primary
condition is written ``"<condition>: <limit>"``; each alternate as ``"; <condition> thì không quá
<limit>"`` (``"thì trong ngày"`` / ``"thì ngay"`` for the point units) or ``"; <limit>"`` without
a condition; per-channel limits as ``"<channel>: <limit>. <channel>: <limit>"``.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from hcc._text import DIGIT_WORDS, Token, fold_text, nfc, tokens
from hcc._types import HccModel, HccStrEnum
from hcc.calendar import InvalidInputError
from hcc.errors import TimeLimitParseError, short_repr

__all__ = [
    "MAX_AMOUNT",
    "MAX_TEXT_LENGTH",
    "AlternateLimit",
    "ChannelLimit",
    "TimeLimit",
    "TimeUnit",
]

MAX_TEXT_LENGTH = 20_000
"""The longest text [`TimeLimit.parse`][TimeLimit.parse] reads (characters, after NFC); longer raises.

The longest "Cách thức thực hiện" cell of the 2026 portal sample is about 12,000 characters.
"""
MAX_AMOUNT = 100_000
"""The largest amount [`TimeLimit.parse`][TimeLimit.parse] accepts in any unit; larger raises."""


class TimeUnit(HccStrEnum):
    """The unit of a processing time limit.

    >>> TimeUnit("working_days") is TimeUnit.WORKING_DAYS
    True
    >>> [u.value for u in TimeUnit]
    ['working_days', 'calendar_days', 'months', 'working_hours', 'same_day', 'immediate', 'clock_hours']
    """

    WORKING_DAYS = "working_days"
    """Ngày làm việc: days the civil service works (the national calendar or a local one)."""
    CALENDAR_DAYS = "calendar_days"
    """Ngày: calendar days; a period ending on a day off ends on the next working day (Civil Code art. 148(5))."""
    MONTHS = "months"
    """Tháng: the same day n months later, or the month's last day (Civil Code art. 148(3))."""
    WORKING_HOURS = "working_hours"
    """Giờ làm việc: hours of office time."""
    SAME_DAY = "same_day"
    """Trong ngày: settled on the day of (effective) receipt."""
    IMMEDIATE = "immediate"
    """Ngay: settled on the spot, on the day of (effective) receipt."""
    CLOCK_HOURS = "clock_hours"
    """Giờ: hours on the clock, nights and days off included, from the moment of receipt
    (Civil Code 2015 art. 147(1))."""


_COUNTED = frozenset(
    {
        TimeUnit.WORKING_DAYS,
        TimeUnit.CALENDAR_DAYS,
        TimeUnit.MONTHS,
        TimeUnit.WORKING_HOURS,
        TimeUnit.CLOCK_HOURS,
    }
)
_FRACTIONAL = frozenset({TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS, TimeUnit.CLOCK_HOURS})
_PHRASE = {
    TimeUnit.WORKING_DAYS: "ngày làm việc",
    TimeUnit.CALENDAR_DAYS: "ngày",
    TimeUnit.MONTHS: "tháng",
    TimeUnit.WORKING_HOURS: "giờ làm việc",
    TimeUnit.CLOCK_HOURS: "giờ",
}
MIN_OFFICE_HOURS_PER_DAY = 4
"""The fewest office hours [`TimeLimit.exceeds`][TimeLimit.exceeds] assumes a working day has (a Saturday morning)."""

Amount = int | Decimal
ChannelKind = Literal["direct", "online", "postal"]


def _amount(v: Any, field: str) -> Amount:
    """An amount as ``int`` (whole) or ``Decimal`` (fraction); booleans and non-numbers refused."""
    if isinstance(v, bool):
        raise ValueError(f"{field} must be a number, not a bool ({v!r})")
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError(f"{field} must be finite, got {v!r}")
        v = Decimal(repr(v))
    elif isinstance(v, str):
        s = v.strip()
        if not s or not s.isascii() or not s.replace(".", "", 1).isdigit():
            raise ValueError(f"{field} must be written with ASCII digits, got {v!r}")
        if len(s) > 30:
            raise ValueError(f"{field} is too long: {len(s)} characters")
        v = Decimal(s)
    if not isinstance(v, Decimal):
        raise ValueError(f"{field} must be an int or a Decimal, got {type(v).__name__}")
    if not v.is_finite():
        raise ValueError(f"{field} must be finite, got {v!r}")
    if v.adjusted() > 30:
        raise ValueError(f"{field} is too large: {v!r}")
    if v == v.to_integral_value():
        return int(v)
    if v.as_tuple().exponent < -6:  # type: ignore[operator]  # int: v is finite (checked above)
        raise ValueError(f"{field} has more than 6 decimal places: {v!r}")
    return v.normalize()


def _fmt_amount(n: Amount) -> str:
    if isinstance(n, int):
        return f"{n:02d}"
    whole, _, frac = f"{n:f}".partition(".")
    return f"{whole},{frac}"


class AlternateLimit(HccModel):
    """A further limit of a record and the case it applies to (``condition``, as written).

    >>> a = AlternateLimit(limit=TimeLimit.of(45, "calendar_days"), condition="Phức tạp")
    >>> str(a.limit), a.condition
    ('45 ngày', 'Phức tạp')
    """

    limit: TimeLimit
    condition: str | None = None

    @field_validator("condition")
    @classmethod
    def _condition(cls, v: str | None) -> str | None:
        return _clean_condition(v, "condition")

    @model_validator(mode="after")
    def _single(self) -> AlternateLimit:
        lim = self.limit
        if lim.alternates or lim.per_channel or lim.condition is not None:
            raise ValueError(
                "an alternate limit cannot have an alternate of its own (nor channels, a condition)"
            )
        return self


class ChannelLimit(HccModel):
    """The limit a record states for one submission channel ("Trực tiếp: Cấp ngay").

    ``channel`` is the label as written, naming a channel hcc knows ("Trực tiếp", "Trực tuyến",
    "Online", "Qua dịch vụ bưu chính", ...: the reader finds it again in ``str()``); ``kind`` what it
    names (``"direct"``, ``"online"``, ``"postal"``), read from the label when not given.

    >>> c = ChannelLimit(channel="Online", limit=TimeLimit.of(8, "working_hours"))
    >>> c.kind, str(c.limit)
    ('online', '08 giờ làm việc')
    """

    channel: str
    kind: ChannelKind | None = None
    limit: TimeLimit

    @model_validator(mode="before")
    @classmethod
    def _kind(cls, data: Any) -> Any:
        if (
            isinstance(data, dict)
            and data.get("kind") is None
            and isinstance(data.get("channel"), str)
        ):
            data = {**data, "kind": _channel_kind(fold_text(data["channel"]))}
        return data

    @field_validator("channel")
    @classmethod
    def _channel(cls, v: str) -> str:
        v = " ".join(unicodedata.normalize("NFC", v).split())
        if not v or any(c in v for c in ";:.") or _channel_kind(fold_text(v)) is None:
            raise ValueError(f"channel must name a submission channel (Trực tiếp, ...), got {v!r}")
        return v

    @model_validator(mode="after")
    def _single(self) -> ChannelLimit:
        if self.limit.per_channel or self.limit.condition is not None:
            raise ValueError("a channel's limit has no channels or condition of its own")
        return self


def _clean_condition(v: str | None, field: str) -> str | None:
    if v is None:
        return None
    if not isinstance(v, str):
        raise ValueError(f"{field} must be text")
    v = " ".join(unicodedata.normalize("NFC", v).split())
    if not v or ";" in v:
        raise ValueError(f"{field} must be non-empty text without ';'")
    return v


class TimeLimit(HccModel):
    """A processing time limit: ``amount`` of ``unit``, with what else the record stated.

    ``amount`` is 0 for ``same_day`` and ``immediate`` (they have no count); counted units accept
    any amount >= 0, an ``int`` or, for working days, working hours and clock hours, a
    ``Decimal`` fraction ("0,5 ngày làm việc"). Booleans are not amounts. See the module
    docstring for ``range_min``, ``condition``, ``alternates``, ``per_channel``, ``unit_stated``,
    ``text`` and ``source_span``.

    >>> TimeLimit(amount=5, unit="working_days").amount
    5
    >>> str(TimeLimit.parse("Ngay trong ngày; trường hợp cần xác minh thì không quá 05 ngày làm việc"))
    'Trong ngày; trường hợp cần xác minh thì không quá 05 ngày làm việc'
    """

    amount: Amount
    unit: TimeUnit
    alternate: TimeLimit | None = None
    alternate_condition: str | None = None
    range_min: Amount | None = None
    condition: str | None = None
    alternates: tuple[AlternateLimit, ...] = ()
    per_channel: tuple[ChannelLimit, ...] = ()
    unit_stated: bool = True
    text: str | None = Field(default=None, repr=False)
    source_span: tuple[int, int] | None = Field(default=None, repr=False)

    def __repr_args__(self) -> Any:
        # the fields of earlier versions always, the newer ones when they say something
        for name, value in super().__repr_args__():
            if name is None or name in _REPR_ALWAYS or value != _DEFAULTS.get(name):
                yield name, value

    @field_validator("alternate_condition", "condition")
    @classmethod
    def _condition(cls, v: str | None) -> str | None:
        return _clean_condition(v, "condition")

    @field_validator("amount", "range_min", mode="before")
    @classmethod
    def _number(cls, v: Any) -> Any:
        return None if v is None else _amount(v, "amount")

    @model_validator(mode="before")
    @classmethod
    def _fill(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        # same_day / immediate need no amount: TimeLimit(unit="same_day") is allowed
        if "amount" not in data:
            unit = data.get("unit")
            if unit in (TimeUnit.SAME_DAY, TimeUnit.IMMEDIATE, "same_day", "immediate"):
                data["amount"] = 0
        # alternate/alternate_condition are the first of alternates (both ways)
        alt, alts = data.get("alternate"), data.get("alternates")
        if alt is not None and not alts:
            data["alternates"] = ({"limit": alt, "condition": data.get("alternate_condition")},)
        elif alts and alt is None and data.get("alternate_condition") is None:
            first = alts[0]
            if isinstance(first, AlternateLimit):
                data["alternate"], data["alternate_condition"] = first.limit, first.condition
            elif isinstance(first, dict):
                data["alternate"] = first.get("limit")
                data["alternate_condition"] = first.get("condition")
        return data

    @model_validator(mode="after")
    def _consistent(self) -> TimeLimit:
        n = self.amount
        if self.unit in _COUNTED:
            if n < 0:
                raise ValueError(f"amount must be >= 0 for {self.unit.value}, got {n}")
            if isinstance(n, Decimal) and self.unit not in _FRACTIONAL:
                raise ValueError(
                    f"amount must be a whole number for {self.unit.value}, got {n} "
                    "(fractions: working_days, working_hours, clock_hours)"
                )
        elif n != 0:
            raise ValueError(f"amount must be 0 for {self.unit.value}, got {n}")
        if self.range_min is not None:
            lo = self.range_min
            if self.unit not in _COUNTED or not 0 <= lo < n:
                raise ValueError(f"range_min must be >= 0 and below amount ({n}), got {lo}")
            if isinstance(lo, Decimal) and self.unit not in _FRACTIONAL:
                raise ValueError(f"range_min must be a whole number for {self.unit.value}")
        if self.alternate is not None and (
            self.alternate.alternate is not None or self.alternate.alternates
        ):
            raise ValueError("an alternate limit cannot have an alternate of its own")
        if self.alternate is None and self.alternate_condition is not None:
            raise ValueError("alternate_condition needs an alternate limit")
        if self.alternates:
            first = self.alternates[0]
            if (
                self.alternate is None
                or first.limit != self.alternate
                or first.condition != self.alternate_condition
            ):
                raise ValueError("alternate and alternate_condition must be alternates[0]")
        if self.source_span is not None:
            a, b = self.source_span
            if self.text is None or not 0 <= a <= b <= len(self.text):
                raise ValueError("source_span must be a span of text")
        return self

    # ------------------------------------------------------------------ identity
    def _key(self) -> tuple[Any, ...]:
        return (
            self.amount,
            self.unit,
            self.range_min,
            self.condition,
            tuple((a.limit._key(), a.condition) for a in self.alternates),
            tuple((c.channel, c.kind, c.limit._key()) for c in self.per_channel),
        )

    def __eq__(self, other: object) -> bool:
        """Equal when they mean the same; ``text``, ``source_span`` and ``unit_stated`` (provenance) are ignored.

        >>> TimeLimit.parse("Không quá 03 ngày làm việc") == TimeLimit.of(3, "working_days")
        True
        """
        if not isinstance(other, TimeLimit):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    # ------------------------------------------------------------------ construction
    @classmethod
    def of(cls, amount: int | Decimal, unit: TimeUnit | str) -> TimeLimit:
        """Shorthand for ``TimeLimit(amount=amount, unit=unit)``.

        Raises:
            hcc.errors.InvalidInputError: ``amount`` is not an ``int`` or ``Decimal`` (a
                ``bool`` is refused), or does not suit ``unit``; ``unit`` is not a unit.

        >>> str(TimeLimit.of(3, "months")), str(TimeLimit.of(Decimal("0.5"), "working_days"))
        ('03 tháng', '0,5 ngày làm việc')
        >>> TimeLimit.of(True, "working_days")
        Traceback (most recent call last):
        ...
        hcc.errors.InvalidInputError: amount: got True (bool), expected an int or a Decimal >= 0 (not a bool)
        """
        if isinstance(amount, bool) or not isinstance(amount, (int, Decimal)):
            raise InvalidInputError("amount", amount, "an int or a Decimal >= 0 (not a bool)")
        try:
            u = TimeUnit(unit)
        except ValueError:
            raise InvalidInputError(
                "unit", unit, "one of " + ", ".join(x.value for x in TimeUnit)
            ) from None
        try:
            return cls(amount=amount, unit=u)
        except ValidationError as exc:
            msg = exc.errors()[0]["msg"]
            raise InvalidInputError(
                "amount", amount, f"an amount valid for {u.value} ({msg})"
            ) from None

    def primary(self) -> TimeLimit:
        """This limit alone: no alternates, no channels (condition, range and provenance kept).

        >>> str(TimeLimit.parse("Thông thường: 30 ngày. Phức tạp: 45 ngày.").primary())
        'Thông thường: 30 ngày'
        """
        if not self.alternates and not self.per_channel:
            return self
        return TimeLimit(
            amount=self.amount,
            unit=self.unit,
            range_min=self.range_min,
            condition=self.condition,
            unit_stated=self.unit_stated,
            text=self.text,
            source_span=self.source_span,
        )

    def for_channel(self, kind: ChannelKind) -> TimeLimit:
        """The limit stated for a channel (``"direct"``, ``"online"``, ``"postal"``), else this one.

        >>> lim = TimeLimit.parse("Trực tiếp: Cấp ngay. Online: Không quá 08 giờ làm việc.")
        >>> str(lim.for_channel("online")), str(lim.for_channel("direct")), str(lim.for_channel("postal"))
        ('08 giờ làm việc', 'Ngay', 'Ngay')

        Raises:
            hcc.errors.InvalidInputError: ``kind`` is not one of the three channel kinds.
        """
        if kind not in ("direct", "online", "postal"):
            raise InvalidInputError("kind", kind, "'direct', 'online' or 'postal'")
        for c in self.per_channel:
            if c.kind == kind:
                return c.limit
        if self.per_channel and self.per_channel[0].limit == self.primary_with_alternates():
            return self.per_channel[0].limit
        return self.primary_with_alternates()

    def primary_with_alternates(self) -> TimeLimit:
        """This limit without its per-channel statements.

        >>> str(TimeLimit.parse("Trực tiếp: 01 ngày làm việc. Trực tuyến: 08 giờ").primary_with_alternates())
        '01 ngày làm việc'
        """
        if not self.per_channel:
            return self
        return self.model_copy(update={"per_channel": ()})

    @classmethod
    def parse(
        cls,
        text: str,
        *,
        strict: bool = True,
        context: str | None = None,
        bare_unit: TimeUnit | str | None = None,
    ) -> TimeLimit:
        """Read the time limit a record states, prose included.

        Case, diacritics, leading zeros, spacing, lead-ins ("Không quá", "Tối đa", "Trong thời
        hạn", "Trong vòng") and tails ("kể từ ngày nhận đủ hồ sơ hợp lệ") do not matter. Read:

        * a count and a unit anywhere in the text: "ngày làm việc", "ngày", "tuần" (7 days),
          "tháng", "năm" (12 months), "giờ làm việc", "giờ" (clock hours), "phút", "buổi" (half a
          working day); numbers in words in brackets are skipped ("05 (năm) ngày"); an
          amount written in words is read in accented text ("bảy ngày", "mười lăm ngày làm
          việc", "năm (05) ngày");
        * fractions "1/2", "0,5" of working days, working hours and clock hours; a fraction of a
          calendar day is that many clock hours (a day is 24 hours, Civil Code 2015 art. 146(1)),
          of a month that many 30-day periods (art. 146(1)(c)) when whole;
        * ranges "Từ 01 đến 05 ngày làm việc", "1-2 ngày", "07 - 12 tháng": the upper bound is
          ``amount``, the lower ``range_min``;
        * "Trong ngày", "Ngay trong ngày ..." (same day: the 15:00 rule of the policy applies),
          "Cấp ngay", "Ngay sau khi ..." (immediate), "Trong ngày làm việc tiếp theo" (1 working
          day; but a restatement of the 15:00 rule, "... sau 15 giờ ... trong ngày làm việc tiếp
          theo", is not a limit: the policy's cut-off handles it);
        * several limits, by case or by channel: the first is the primary, the others
          ``alternates`` with their ``condition`` ("Thông thường: 30 ngày. Phức tạp: 45 ngày.",
          "03 ngày làm việc đối với A; 10 ngày làm việc đối với B", "...; trường hợp cần xác
          minh thì không quá 05 ngày làm việc"); one that *extends* the primary ("kéo dài thêm
          05 ngày làm việc", "... 03 ngày làm việc nữa") is stored as the total; limits after a
          channel label ("Trực tiếp:", "Trực tuyến:", "Online:", "Bưu chính:") go to
          ``per_channel`` (the primary is the first channel's when no other limit comes first);
        * a bare number ("5"): it states no unit, so the unit is ``bare_unit`` when given, else
          the unit a limit with the same number has in ``context`` (e.g. the row's description),
          with ``unit_stated=False``; without either it raises.

        Times of day ("sau 15 giờ"), dates ("ngày 01 tháng 7 năm 2025"), article and document
        numbers are not limits; notes ("không tính thời gian ...") and questions are skipped;
        only ASCII digits are numbers. The result keeps ``text`` (NFC) and ``source_span``.
        ``strict`` is accepted for compatibility and changes nothing: every stated limit is read.

        Parsing is linear in the text: one tokenising pass, then passes over the tokens.

        Raises:
            hcc.errors.TimeLimitParseError: no duration is stated ("Không có thông tin", "Khác",
                a month name, an empty text), the text is longer than [`MAX_TEXT_LENGTH`][MAX_TEXT_LENGTH],
                an amount is larger than [`MAX_AMOUNT`][MAX_AMOUNT], or ``text`` is not a ``str``.

        >>> TimeLimit.parse("Không quá 03 ngày làm việc") == TimeLimit.of(3, "working_days")
        True
        >>> str(TimeLimit.parse("KHONG QUA 4 GIO LAM VIEC")), str(TimeLimit.parse("24 giờ"))
        ('04 giờ làm việc', '24 giờ')
        >>> lim = TimeLimit.parse("Từ 01 đến 05 ngày làm việc")
        >>> lim.amount, lim.range_min, lim.unit.value
        (5, 1, 'working_days')
        >>> lim = TimeLimit.parse("Trong thời hạn 07 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ và hợp lệ, cơ quan ...")
        >>> str(lim), lim.text[slice(*lim.source_span)]
        ('07 ngày làm việc', '07 ngày làm việc')
        >>> lim = TimeLimit.parse("Thông thường: 30 ngày. Phức tạp: 45 ngày.")
        >>> lim.condition, [(str(a.limit), a.condition) for a in lim.alternates]
        ('Thông thường', [('45 ngày', 'Phức tạp')])
        >>> str(TimeLimit.parse("Trong thời hạn 03 ngày làm việc; trường hợp cần xác minh thì kéo dài thêm không quá 05 ngày làm việc"))
        '03 ngày làm việc; trường hợp cần xác minh thì không quá 08 ngày làm việc'
        >>> TimeLimit.parse("5", context="Không quá 05 ngày làm việc kể từ ngày nhận hồ sơ").unit.value
        'working_days'
        >>> TimeLimit.parse("Không có thông tin")
        Traceback (most recent call last):
        ...
        hcc.errors.TimeLimitParseError: cannot read a time limit from 'Không có thông tin': no duration is stated
        """
        if not isinstance(text, str):
            raise TimeLimitParseError(short_repr(text), "expected a str")
        unit = None
        if bare_unit is not None:
            try:
                unit = TimeUnit(bare_unit)
            except ValueError:
                raise TimeLimitParseError(text, f"bare_unit {bare_unit!r} is not a unit") from None
        if context is not None and not isinstance(context, str):
            raise TimeLimitParseError(text, "context must be a str")
        if len(text) <= 300 and (context is None or len(context) <= 300):
            return _parse_cached(text, context, unit)
        return _parse(text, context, unit)

    # ------------------------------------------------------------------ presentation
    def __str__(self) -> str:
        """The canonical Vietnamese phrase (see the module docstring).

        >>> str(TimeLimit.of(30, "calendar_days")), str(TimeLimit(unit="same_day"))
        ('30 ngày', 'Trong ngày')
        >>> str(TimeLimit(amount=12, unit="months", range_min=7))
        'Từ 07 đến 12 tháng'
        """
        if self.per_channel:
            parts = []
            if self.per_channel[0].limit != self.primary_with_alternates():
                parts.append(self.primary_with_alternates()._phrase())
            parts.extend(f"{c.channel}: {c.limit._phrase()}" for c in self.per_channel)
            return ". ".join(parts)
        return self._phrase()

    def _phrase(self) -> str:
        head = _single_phrase(self)
        if self.condition and ":" in self.condition:
            head = f"{head} {self.condition}"  # read back after the limit ("... đối với A: B")
        elif self.condition:
            head = f"{self.condition}: {head}"
        for a in self.alternates:
            if a.condition and ":" in a.condition:
                head += f"; {_single_phrase(a.limit)} {a.condition}"
            elif a.condition:
                alt = a.limit
                tail = (
                    f"không quá {_single_phrase(alt)}"
                    if alt.unit in _COUNTED
                    else _single_phrase(alt).lower()
                )
                head += f"; {a.condition} thì {tail}"
            else:
                head += f"; {_single_phrase(a.limit)}"
        return head

    # ------------------------------------------------------------------ comparison
    def exceeds(self, other: TimeLimit) -> bool | None:
        """Whether this limit can end later than ``other`` (for the "local ≤ statutory" check).

        ``True``: for some receipt this limit's due moment is later than ``other``'s; ``False``:
        it is never later; ``None``: it depends on the calendar (the units are not comparable).
        Only the primary limits are compared, plus the first alternates when both have one
        (``True`` if either pair exceeds, ``False`` if neither does, else ``None``).

        The ordering: ``immediate < same_day`` ≤ every counted limit; within a unit, by amount.
        Across counted units only the conservative, calendar-independent cases are decided:

        * ``c`` calendar days never exceed ``w`` working days when ``c <= w``; ``w`` working days
          exceed ``c`` calendar days when ``w > c`` (and never when ``w <= 1``);
        * ``m`` months span 28·m to 31·m days, compared with calendar days by those bounds, and
          with working days only when ``31·m <= w`` (months never exceed) or ``w > 31·m``
          (working days exceed);
        * ``h`` working hours never exceed ``d`` working days when ``ceil(h / 4) <= d``, assuming
          every working day has at least 4 office hours (then ``d`` days exceed ``h`` hours);
        * clock hours are compared only with clock hours and the point units;
        * a zero amount counts as ``same_day`` (days, months) or ``immediate`` (hours).

        >>> TimeLimit.parse("05 ngày làm việc").exceeds(TimeLimit.parse("07 ngày làm việc"))
        False
        >>> TimeLimit.parse("Trong ngày").exceeds(TimeLimit.parse("Ngay"))
        True
        >>> TimeLimit.parse("10 ngày").exceeds(TimeLimit.parse("05 ngày làm việc")) is None
        True

        Raises:
            InvalidInputError: ``other`` is not a [`TimeLimit`][TimeLimit] (a ``TypeError``).
        """
        if not isinstance(other, TimeLimit):
            raise InvalidInputError("other", other, "a TimeLimit")
        first = _exceeds(self, other)
        if self.alternate is None or other.alternate is None:
            return first
        second = _exceeds(self.alternate, other.alternate)
        if first is True or second is True:
            return True
        if first is False and second is False:
            return False
        return None


def _single_phrase(lim: TimeLimit) -> str:
    if lim.unit is TimeUnit.SAME_DAY:
        return "Trong ngày"
    if lim.unit is TimeUnit.IMMEDIATE:
        return "Ngay"
    word = _PHRASE[lim.unit]
    if lim.range_min is not None:
        return f"Từ {_fmt_amount(lim.range_min)} đến {_fmt_amount(lim.amount)} {word}"
    return f"{_fmt_amount(lim.amount)} {word}"


_REPR_ALWAYS = frozenset({"amount", "unit", "alternate", "alternate_condition"})
_DEFAULTS: dict[str, Any] = {
    "range_min": None,
    "condition": None,
    "alternates": (),
    "per_channel": (),
    "unit_stated": True,
}

AlternateLimit.model_rebuild()
ChannelLimit.model_rebuild()
TimeLimit.model_rebuild()


# ---------------------------------------------------------------------- comparison helpers
def _point(limit: TimeLimit) -> TimeLimit:
    """Zero-amount counted limits as the point units they equal."""
    if limit.unit in _COUNTED and limit.amount == 0:
        hours = limit.unit in (TimeUnit.WORKING_HOURS, TimeUnit.CLOCK_HOURS)
        return TimeLimit(amount=0, unit=TimeUnit.IMMEDIATE if hours else TimeUnit.SAME_DAY)
    return limit


def _exceeds(a: TimeLimit, b: TimeLimit) -> bool | None:
    a, b = _point(a), _point(b)
    ua, ub = a.unit, b.unit
    if ua is ub:
        return a.amount > b.amount
    points = (TimeUnit.IMMEDIATE, TimeUnit.SAME_DAY)
    hours = (TimeUnit.WORKING_HOURS, TimeUnit.CLOCK_HOURS)
    if ua in points and ub in points:
        return ua is TimeUnit.SAME_DAY
    if ua is TimeUnit.IMMEDIATE:
        return False
    if ub is TimeUnit.IMMEDIATE:
        return True
    if ua is TimeUnit.SAME_DAY:
        # same_day after the cut-off is the next working day; hours may end earlier than that
        return None if ub in hours else False
    if ub is TimeUnit.SAME_DAY:
        return None if ua in hours else True
    if TimeUnit.CLOCK_HOURS in (ua, ub):
        return None
    x, y = a.amount, b.amount
    W, C, M, H = (
        TimeUnit.WORKING_DAYS,
        TimeUnit.CALENDAR_DAYS,
        TimeUnit.MONTHS,
        TimeUnit.WORKING_HOURS,
    )
    pair = (ua, ub)
    if pair == (C, W):
        return False if x <= y else None
    if pair == (W, C):
        return True if x > y else (False if x <= 1 else None)
    if pair == (M, C):
        return True if 28 * x > y else (False if 31 * x <= y else None)
    if pair == (C, M):
        return True if x > 31 * y else (False if x <= 28 * y else None)
    if pair == (M, W):
        return False if 31 * x <= y else None
    if pair == (W, M):
        return True if x > 31 * y else None
    if pair == (H, W):
        return False if math.ceil(x / MIN_OFFICE_HOURS_PER_DAY) <= y else None
    if pair == (W, H):
        return True if math.ceil(y / MIN_OFFICE_HOURS_PER_DAY) <= x else None
    return None  # pragma: no cover - every pair of distinct counted units is listed above


# ---------------------------------------------------------------------- reading
# The reader works on tokens (hcc._text.tokens): one regex pass over the folded text,
# then a fixed number of left-to-right passes over the tokens, each looking a bounded number of
# tokens ahead. No regular expression runs on the text after tokenising, so the cost is linear.

_UNITS: tuple[tuple[tuple[str, ...], TimeUnit, Decimal], ...] = (
    # longest first
    (("ngay", "lam", "viec"), TimeUnit.WORKING_DAYS, Decimal(1)),
    (("gio", "lam", "viec"), TimeUnit.WORKING_HOURS, Decimal(1)),
    (("buoi", "lam", "viec"), TimeUnit.WORKING_DAYS, Decimal("0.5")),
    (("ngay",), TimeUnit.CALENDAR_DAYS, Decimal(1)),
    (("gio",), TimeUnit.CLOCK_HOURS, Decimal(1)),
    (("tieng",), TimeUnit.CLOCK_HOURS, Decimal(1)),
    (("h",), TimeUnit.CLOCK_HOURS, Decimal(1)),
    (("phut",), TimeUnit.CLOCK_HOURS, Decimal(-60)),  # negative: divide (1/60 has no exact Decimal)
    (("buoi",), TimeUnit.WORKING_DAYS, Decimal("0.5")),
    (("tuan",), TimeUnit.CALENDAR_DAYS, Decimal(7)),
    (("thang",), TimeUnit.MONTHS, Decimal(1)),
    (("nam",), TimeUnit.MONTHS, Decimal(12)),
)
# words after which a number is a reference, a date part or an ordinal, not an amount
_NOT_AMOUNT_AFTER = frozenset(
    [
        # "chi trả đủ 4 tháng", "cấp cho 06 tháng": months paid or granted, not a time limit
        "du",
        "cho",
        "ngay",
        "thang",
        "nam",
        "so",
        "dieu",
        "khoan",
        "diem",
        "muc",
        "chuong",
        "phan",
        "buoc",
        "lan",
        "mau",
        "luc",
        "bieu",
        "tu",
        "tt",
        "nd",
        "qd",
        "ma",
        "trang",
        "hang",
        "loai",
        "nhom",
        "khu",
        "lo",
    ]
)
# a number of hours after these words is a time of day ("sau 15 giờ"), not a duration
_TIME_OF_DAY_BEFORE = frozenset(
    ["sau", "truoc", "luc", "vao", "den", "tu", "khoang", "toi", "tai", "hoi"]
)
_TIME_OF_DAY_AFTER = frozenset(["phut", "chieu", "sang", "trua", "toi", "dem", "cung", "hang", "h"])
_RANGE_WORDS = frozenset({"den", "toi"})
_RANGE_MARKS = frozenset({"-", "–", "—", "~"})
_CONDITION_WORDS = (("truong", "hop"), ("doi", "voi"), ("neu",), ("voi", "truong", "hop"))
# lead-ins stripped from the end of the text before a limit (longest first)
# Lead-ins stripped from the end of the text before a limit, longest first. Written with their
# diacritics: in accented text a word matches only with the same marks ("hơn" is not "hôn", "từ"
# is not "tư"); in text written without marks the folded forms are compared.
_LEAD_PHRASES = (
    "thì là sẽ cần phải được trong vòng khoảng từ và hoặc nhưng hơn",
    "tối đa|không quá|không vượt quá|chậm nhất|chưa quá|trong thời hạn|trong thời gian|trong vòng",
    "trong khoảng|thời hạn giải quyết|thời gian giải quyết|thời hạn xử lý|thời gian xử lý",
    "thời hạn thực hiện|thời gian thực hiện|thời gian trả kết quả|thời hạn trả kết quả|thời hạn",
    "thời gian|giải quyết|xử lý|trả kết quả|có thể|kéo dài hơn|kéo dài",
)
_ADD_PHRASES = (
    "được kéo dài thêm|được cộng thêm|được gia hạn thêm|được tăng thêm|tăng thêm|kéo dài thêm",
    "cộng thêm|gia hạn thêm|thêm",
)


def _phrases(lines: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    out: set[str] = set()
    for line in lines:
        out.update(line.split("|") if "|" in line else line.split())
    return tuple(sorted((tuple(p.split()) for p in out), key=lambda p: (-len(p), p)))


_LEADS = _phrases(_LEAD_PHRASES)
_ADD_LEADS = _phrases(_ADD_PHRASES)


def _by_last(leads: tuple[tuple[str, ...], ...]) -> dict[bool, dict[str, list[tuple[str, ...]]]]:
    """Lead-ins by their last word (as written, and folded), longest first."""
    out: dict[bool, dict[str, list[tuple[str, ...]]]] = {True: {}, False: {}}
    for lead in leads:
        folded = tuple(fold_text(w) for w in lead)
        out[True].setdefault(lead[-1], []).append(lead)
        out[False].setdefault(folded[-1], []).append(folded)
    return out


_LEADS_BY_LAST = _by_last(_LEADS)
_ADD_BY_LAST = _by_last(_ADD_LEADS + _LEADS)
_SKIP_BEFORE_ADD = frozenset(
    ["khong", "qua", "vuot", "toi", "da", "trong", "vong", "thoi", "han", "nhung"]
)
_TRAILING = frozenset({"va", "hoac", "thi", "la", "nhung"})
_CONJUNCTIONS = frozenset({"va", "hoac", None})  # None: punctuation
_CHANNELS: tuple[tuple[str, ChannelKind], ...] = (
    ("truc tiep", "direct"),
    ("truc tuyen", "online"),
    ("online", "online"),
    ("qua mang", "online"),
    ("dien tu", "online"),
    ("dich vu cong", "online"),
    ("buu chinh", "postal"),
    ("buu dien", "postal"),
)
_SENTENCE_END = frozenset({";", "\n", "!", "?"})
_BRACKETS = frozenset({"(", ")", "[", "]"})
_BULLETS = frozenset({"-", "+", "*", "•", "–", "—", "·", ":", ",", "."})


# an amount written in words (accented text only: "sau" is "after", "sáu" six):
# digits "một".."chín"; "mười" ten; "<d> mươi" tens; "<d> trăm" hundreds; after "mười"/"mươi"
# the units "mốt" (1), "tư" (4) and "lăm"/"nhăm" (5) -- never "năm", which there is the unit year
_DIGIT_WORDS: dict[str, int] = {w: v for v, w in enumerate(DIGIT_WORDS) if v} | {"bẩy": 7}
_UNIT_AFTER_TENS: dict[str, int] = {
    **{w: v for w, v in _DIGIT_WORDS.items() if w != "năm"},
    "mốt": 1,
    "tư": 4,
    "lăm": 5,
    "nhăm": 5,
}
_WORD_NUMBER_STARTS = frozenset([*_DIGIT_WORDS, "mười"])
# words after which a number word is an ordinal or a name ("thứ hai" Monday, "mùng một" the 1st)
_NOT_WORD_AMOUNT_AFTER = frozenset(["thu", "mung", "mong", "tet", "quy"])


def _channel_kind(label_fold: str) -> ChannelKind | None:
    words = label_fold.split()
    if not words or len(words) > 14:
        return None
    joined = " ".join(words)
    for key, kind in _CHANNELS:
        if f" {key} " in f" {joined} ":
            return kind
    return None


class _Mention:
    """A limit found in the text: token span ``[i, j)``, char span, the limit's parts."""

    __slots__ = ("amount", "char_end", "char_start", "i", "j", "next_day", "range_min", "unit")

    def __init__(
        self,
        i: int,
        j: int,
        char_start: int,
        char_end: int,
        unit: TimeUnit,
        amount: Amount,
        range_min: Amount | None = None,
        next_day: bool = False,
    ) -> None:
        self.i, self.j = i, j
        self.char_start, self.char_end = char_start, char_end
        self.unit, self.amount, self.range_min = unit, amount, range_min
        self.next_day = next_day


class _Reader:
    """One parse: the text, its folded form, tokens and what was found."""

    def __init__(self, raw: str, norm: str) -> None:
        self.raw = raw
        self.norm = norm
        self.fold = fold_text(norm)
        self.toks: list[Token] = _split_glued(tokens(self.fold), norm)
        self.accented = not norm.isascii()
        self.time_of_day = False  # a time of day ("sau 15 giờ") was seen: the 15:00 rule
        self.fraction_refused: str | None = None
        # per token, computed once: the folded word, and the word as written (lower case)
        fold, toks = self.fold, self.toks
        self.words: list[str | None] = [fold[s:e] if k == "w" else None for k, s, e in toks]
        self.exacts: list[str | None] = (
            [norm[s:e].lower() if k == "w" else None for k, s, e in toks]
            if self.accented
            else self.words
        )
        self.n = len(toks)

    # -------------------------------------------------------------- token helpers
    def word(self, k: int) -> str | None:
        return self.words[k] if 0 <= k < self.n else None

    def exact(self, k: int) -> str | None:
        """Token k as written (lower case, marks kept) in accented text, else folded."""
        return self.exacts[k] if 0 <= k < self.n else None

    def kind(self, k: int) -> str | None:
        return self.toks[k][0] if 0 <= k < self.n else None

    def words_at(self, k: int, words: tuple[str, ...]) -> bool:
        if k < 0:
            return False
        return tuple(self.words[k : k + len(words)]) == words

    def adjacent(self, k: int) -> bool:
        """Token k+1 follows token k with no space."""
        return k + 1 < len(self.toks) and self.toks[k][2] == self.toks[k + 1][1]

    def plain_ngay(self, k: int) -> bool:
        """Token k is "ngay" (immediately), not "ngày" (day): only decidable with diacritics."""
        if self.word(k) != "ngay":
            return False
        if not self.accented:
            return True
        _, s, e = self.toks[k]
        return self.norm[s:e].lower() == "ngay"

    # -------------------------------------------------------------- numbers
    def number(self, k: int) -> tuple[Decimal, int] | None:
        """An amount at token k: "5", "0,5", "1.5", "1/2"; returns (value, next token)."""
        if self.kind(k) != "n":
            return None
        _, s, e = self.toks[k]
        digits = self.fold[s:e]
        if len(digits) > 9:
            raise TimeLimitParseError(self.raw, f"the amount {digits[:20]}... is too large")
        value = Decimal(digits)
        nxt = k + 1
        sep = self.kind(k + 1)
        if (
            sep in (",", ".")
            and self.adjacent(k)
            and self.adjacent(k + 1)
            and self.kind(k + 2) == "n"
        ):
            _, s2, e2 = self.toks[k + 2]
            frac = self.fold[s2:e2]
            if sep == "." and len(frac) == 3:
                return None  # "1.000": a thousands separator, not a fraction
            if len(frac) > 6:
                return None
            value = Decimal(f"{digits}.{frac}")
            nxt = k + 3
        elif sep == "/" and self.kind(k + 2) == "n":
            _, s2, e2 = self.toks[k + 2]
            den = self.fold[s2:e2]
            if len(den) > 2 or int(den) == 0 or self.kind(k + 3) == "/":
                return None  # a date ("30/6/2023") or a document number
            q = value / Decimal(den)
            if q != q.quantize(Decimal("0.000001")):
                self.fraction_refused = f"{digits}/{den}"
                return None
            value = q.normalize()
            nxt = k + 3
        return value, nxt

    def _word_start(self, k: int) -> bool:
        """Token k may start an amount in words (accented text only)."""
        return self.accented and self.exact(k) in _WORD_NUMBER_STARTS

    def word_number(self, k: int) -> tuple[Decimal, int] | None:
        """An amount written in words at token k ("mười lăm", "hai mươi mốt", "một trăm
        hai mươi"); returns (value, next token). Accented text only; at most 6 words are read.
        """
        if not self.accented:
            return None
        ex = self.exact
        value = 0
        w = ex(k)
        if w in _DIGIT_WORDS and ex(k + 1) == "trăm":
            value, k = 100 * _DIGIT_WORDS[w], k + 2
            w = ex(k)
            if w in ("linh", "lẻ") and ex(k + 1) in _DIGIT_WORDS:
                return Decimal(value + _DIGIT_WORDS[ex(k + 1) or ""]), k + 2
        if w == "mười":
            tail = ex(k + 1)
            if tail in _UNIT_AFTER_TENS:
                return Decimal(value + 10 + _UNIT_AFTER_TENS[tail or ""]), k + 2
            return Decimal(value + 10), k + 1
        if w in _DIGIT_WORDS:
            d = _DIGIT_WORDS[w or ""]
            if ex(k + 1) == "mươi" and d > 1:
                tail = ex(k + 2)
                if tail in _UNIT_AFTER_TENS:
                    return Decimal(value + 10 * d + _UNIT_AFTER_TENS[tail or ""]), k + 3
                return Decimal(value + 10 * d), k + 2
            if value:  # "hai trăm năm": 200, then the unit year
                return Decimal(value), k
            return Decimal(d), k + 1
        return (Decimal(value), k) if value else None

    def skip_digits_in_brackets(self, k: int, value: Decimal) -> int:
        """Skip "(05)" after an amount in words when it states the same amount."""
        if self.kind(k) == "(" and self.kind(k + 1) == "n" and self.kind(k + 2) == ")":
            _, s, e = self.toks[k + 1]
            if len(self.fold[s:e]) <= 9 and Decimal(self.fold[s:e]) == value:
                return k + 3
        return k

    def skip_words_in_brackets(self, k: int) -> int:
        """Skip "(năm)", "(mười lăm)" after a number: a bracket of at most 6 words."""
        if self.kind(k) != "(":
            return k
        for d in range(1, 8):
            kd = self.kind(k + d)
            if kd == ")":
                return k + d + 1 if d > 1 else k
            if kd != "w":
                return k
        return k

    def unit_at(self, k: int) -> tuple[TimeUnit, Decimal, int] | None:
        for words, unit, factor in _UNITS:
            if self.words_at(k, words):
                return unit, factor, k + len(words)
        return None

    # -------------------------------------------------------------- mentions
    def counted(self, k: int) -> _Mention | None:
        """A counted limit starting at token k ("tu" or a number)."""
        start = k
        if self.word(k) == "tu" and (self.kind(k + 1) == "n" or self._word_start(k + 1)):
            k += 1
        prev = self.word(start - 1)
        if prev in _NOT_AMOUNT_AFTER or (
            start > 0 and self.kind(start - 1) in ("/", ".") and self.adjacent(start - 1)
        ):
            return None
        in_words = self.kind(k) == "w"
        if in_words and prev in _NOT_WORD_AMOUNT_AFTER:
            return None
        first = self.word_number(k) if in_words else self.number(k)
        if first is None:
            return None
        lo: Decimal | None = None
        hi, k2 = first
        k2 = self.skip_digits_in_brackets(k2, hi) if in_words else self.skip_words_in_brackets(k2)
        if self.word(k2) in _RANGE_WORDS or self.kind(k2) in _RANGE_MARKS:
            second = self.number(k2 + 1) if self.kind(k2 + 1) == "n" else self.word_number(k2 + 1)
            if second is not None and second[0] > hi:
                lo, (hi, k2) = hi, second
                k2 = (
                    self.skip_words_in_brackets(k2)
                    if self.kind(k2 - 1) == "n"
                    else self.skip_digits_in_brackets(k2, hi)
                )
        u = self.unit_at(k2)
        if u is None:
            return None
        unit, factor, end = u
        if self.kind(end) == "/" and self.word(end + 1) in _PER_PERIOD:
            # a rate, not a duration: "9 tháng/năm học" (months paid per school year), "8 giờ/ngày"
            return None
        if unit is TimeUnit.MONTHS and self._paid_in_month(end):
            return None  # "chi trả 5 tháng (đối với ...) vào tháng 3": months paid, not a limit
        if unit is TimeUnit.CLOCK_HOURS and factor == 1:
            # "sau 15 giờ", "từ 7 giờ", "15 giờ 30", "17 giờ chiều": a time of day; but "sau 24
            # giờ kể từ khi nhận" is a duration (a time of day is at most 24 and says no start)
            before = self.word(start - 1)
            if (
                hi <= 24
                and not _counting_start(self, end)
                and (
                    before in _TIME_OF_DAY_BEFORE
                    or (self.word(start) == "tu" and lo is None)
                    or self.kind(end) == "n"
                    or self.word(end) in _TIME_OF_DAY_AFTER
                )
            ):
                self.time_of_day = True
                return None
        if self.exact(end) in ("rưỡi", "ruoi"):  # "1 ngày rưỡi": and a half
            hi += Decimal("0.5")
            end += 1
        amount = _scaled(_times(hi, factor), unit)
        low = _scaled(_times(lo, factor), unit) if lo is not None else None
        if amount is None or (lo is not None and low is None):
            self.fraction_refused = self.fold[self.toks[k][1] : self.toks[end - 1][2]]
            return None
        unit2, amount2 = amount
        if low is not None and low[0] is not unit2:
            return None
        if amount2 > MAX_AMOUNT:
            raise TimeLimitParseError(self.raw, f"the amount {amount2} is larger than {MAX_AMOUNT}")
        return _Mention(
            start,
            end,
            self.toks[start][1],
            self.toks[end - 1][2],
            unit2,
            amount2,
            low[1] if low is not None else None,
        )

    def _paid_in_month(self, k: int) -> bool:
        """ "vào tháng <n>" at token k, perhaps after one bracketed remark of at most 40 tokens."""
        if self.kind(k) == "(":
            for d in range(1, 41):
                kd = self.kind(k + d)
                if kd is None or kd == "(":
                    return False
                if kd == ")":
                    k += d + 1
                    break
            else:
                return False
        return self.words_at(k, ("vao", "thang")) and self.kind(k + 2) == "n"

    def point(self, k: int) -> _Mention | None:
        """ "Trong ngày", "Ngay trong ngày", "Trong ngày làm việc tiếp theo", "Cấp ngay", ... at k."""
        w = self.word(k)
        toks = self.toks
        if (
            w == "trong"
            and self.word(k + 1) == "ngay"
            and not (self.accented and self.plain_ngay(k + 1))
        ):
            start = k - 1 if self.plain_ngay(k - 1) else k
            j = k + 2
            if self.words_at(j, ("lam", "viec")):
                j += 2
            nxt = self.word(j)
            if any(self.words_at(j, p) for p in (("tiep", "theo"), ("ke", "tiep"), ("hom", "sau"))):
                j += 2
                return _Mention(
                    start,
                    j,
                    toks[start][1],
                    toks[j - 1][2],
                    TimeUnit.WORKING_DAYS,
                    1,
                    next_day=True,
                )
            if self.kind(j) == "n" or nxt in ("bat", "nao", "cuoi", "dau", "thu", "le", "nghi"):
                return None
            return _Mention(start, j, toks[start][1], toks[j - 1][2], TimeUnit.SAME_DAY, 0)
        if w == "ngay" and self.plain_ngay(k):
            if self.words_at(k + 1, ("trong", "ngay")):
                return None  # read at "trong"
            prev = self.word(k - 1)
            nxt = self.word(k + 1)
            start = k - 1 if prev in ("cap", "tra", "giai", "quyet", "ly", "hien") else k
            if (
                prev in ("cap", "tra")
                or self.words_at(k - 2, ("giai", "quyet"))
                or self.words_at(k - 2, ("xu", "ly"))
                or self.words_at(k - 2, ("ket", "qua"))
            ):
                return self._immediate(start, k + 1)
            if nxt in ("sau", "khi") or self.words_at(k + 1, ("lap", "tuc")):
                j = k + 3 if nxt == "lap" else k + 1
                return self._immediate(start, j)
            # "Ngay" alone: the clause is that word (after a label or "thì")
            before_ok = (
                k == 0 or self.kind(k - 1) in (":", ";", "\n", ".", "-") or prev in ("thi", "la")
            )
            after = self.kind(k + 1)
            if before_ok and (after is None or after in (";", ".", "\n", ",", ")")):
                return self._immediate(k, k + 1)
        return None

    def half(self, k: int) -> _Mention | None:
        """ "Nửa ngày làm việc", "nửa tháng": half of one unit."""
        u = self.unit_at(k + 1)
        assert u is not None
        unit, factor, end = u
        got = _scaled(_times(Decimal("0.5"), factor), unit)
        if got is None:
            return None
        return _Mention(k, end, self.toks[k][1], self.toks[end - 1][2], got[0], got[1])

    def _immediate(self, i: int, j: int) -> _Mention:
        return _Mention(i, j, self.toks[i][1], self.toks[j - 1][2], TimeUnit.IMMEDIATE, 0)

    def mentions(self) -> list[_Mention]:
        out: list[_Mention] = []
        k, n = 0, len(self.toks)
        toks, words = self.toks, self.words
        while k < n:
            kind = toks[k][0]
            w = words[k]
            m = None
            if (
                kind == "n"
                or (w == "tu" and (self.kind(k + 1) == "n" or self._word_start(k + 1)))
                or self._word_start(k)
            ):
                m = self.counted(k)
            elif w == "nua" and self.exact(k) in ("nửa", "nua") and self.unit_at(k + 1):
                m = self.half(k)
            elif w == "trong" or w == "ngay":  # the only words point() starts from
                m = self.point(k)
            if m is None:
                k += 1
                continue
            if out and m.i < out[-1].j:  # "Ngay trong ngày": started one token back
                out[-1] = m
            else:
                out.append(m)
            k = m.j
        return out


# "<amount> <unit>/<period>" is a rate ("9 tháng/năm học", "8 giờ/ngày", "2 ngày/tuần"), never a limit
_PER_PERIOD = frozenset({"nam", "thang", "quy", "ky", "hoc", "tuan", "ngay"})


def _times(value: Decimal, factor: Decimal) -> Decimal:
    return value / -factor if factor < 0 else value * factor


def _split_glued(toks: list[Token], norm: str) -> list[Token]:
    """Split words glued by flattened tables ("việcKhông" → "việc", "Không") at a lower → upper step.

    Only mixed-case words are looked at, character by character, so the pass is linear.
    """
    out: list[Token] = []
    for tok in toks:
        kind, s, e = tok
        seg = norm[s:e]
        if kind != "w" or e - s < 2 or seg[1:].islower() or seg.isupper():
            out.append(tok)
            continue
        start = s
        for i in range(s + 1, e):
            if norm[i].isupper() and norm[i - 1].islower():
                out.append(("w", start, i))
                start = i
        out.append(("w", start, e))
    return out


def _scaled(value: Decimal, unit: TimeUnit) -> tuple[TimeUnit, Amount] | None:
    """A read amount in a unit that holds it: fractions of days/months become smaller units."""
    if value == value.to_integral_value():
        return unit, int(value)
    if unit in _FRACTIONAL:
        v = value.quantize(Decimal("0.000001")).normalize()
        return (unit, v) if v == value else None
    if unit is TimeUnit.CALENDAR_DAYS:  # a day is 24 hours (Civil Code art. 146(1)(e))
        return _scaled(value * 24, TimeUnit.CLOCK_HOURS)
    if unit is TimeUnit.MONTHS:  # a month is 30 days (art. 146(1)(c)) when the fraction is
        days = value * 30
        return (TimeUnit.CALENDAR_DAYS, int(days)) if days == days.to_integral_value() else None
    return None


class _Clause:
    __slots__ = ("i", "j", "skip")

    def __init__(self, i: int, j: int, skip: bool) -> None:
        self.i, self.j, self.skip = i, j, skip


def _clauses(r: _Reader, mentions: list[_Mention]) -> list[_Clause]:
    """Clause boundaries over the tokens, in one pass; a mention's tokens never split a clause.

    A bracket that holds a limit ("(trường hợp phải xác minh: 15 ngày làm việc)") is a clause of
    its own; one that does not ("(theo quy định tại điểm 1b)") is an aside inside its clause, so
    a label after it still reads ("b) Nhận hồ sơ từ người hưởng (theo ...): Tối đa 03 ngày").
    """
    toks = r.toks
    inside = bytearray(len(toks))
    starts = bytearray(len(toks))
    for m in mentions:
        starts[m.i] = 1
        for k in range(m.i, m.j):
            inside[k] = 1
    out: list[_Clause] = []
    start = 0
    # open brackets: [clause start before it, clauses cut before it, holds a limit, cut inside]
    stack: list[list[int]] = []
    for k, (kind, s, e) in enumerate(toks):
        if starts[k] and stack:
            stack[-1][2] = 1
        if inside[k]:
            continue
        cut = False
        if kind in ("(", "["):
            if k > start:
                out.append(_Clause(start, k, False))
            stack.append([start, len(out), 0, 0])
            start = k + 1
            continue
        elif kind in (")", "]") and stack:
            outer_start, n_out, held, inner_cut = stack.pop()
            if held or inner_cut:
                if stack:
                    stack[-1][2] |= held
                    stack[-1][3] = 1
                cut = True
            else:
                del out[n_out - (n_out > 0 and out[n_out - 1].i == outer_start) :]
                start = outer_start  # an aside: the clause goes on through it
                continue
        elif kind in _SENTENCE_END or kind in (")", "]"):
            cut = True
        elif kind == ".":
            # a full stop, not a decimal point or part of a number/abbreviation
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            cut = nxt is None or (e < nxt[1]) or nxt[0] not in ("n", "w")
        elif kind == ",":
            cut = any(r.words_at(k + 1, cw) for cw in _CONDITION_WORDS)
        elif kind in ("-", "–", "—", "+", "•") and k > start:
            # " - " between two statements ("... - Trực tuyến: ..."), not "1-2"
            prev_end = toks[k - 1][2]
            nxt_start = toks[k + 1][1] if k + 1 < len(toks) else e
            cut = prev_end < s and nxt_start > e
        if cut:
            if stack:
                stack[-1][3] = 1
            if k > start:
                out.append(_Clause(start, k, False))
            start = k + 1
    if start < len(toks):
        out.append(_Clause(start, len(toks), False))
    for c in out:
        first = r.word(c.i)
        if (
            r.words_at(c.i, ("khong", "tinh"))
            or r.words_at(c.i, ("khong", "ke"))
            or (c.j < len(toks) and toks[c.j][0] == "?")
        ) or (first is None and c.j - c.i == 1 and toks[c.i][0] in _BULLETS):
            c.skip = True
    return out


class _Case:
    __slots__ = ("additive", "channel", "condition", "mention")

    def __init__(
        self,
        mention: _Mention,
        condition: str | None,
        additive: bool,
        channel: tuple[str, ChannelKind | None] | None,
    ) -> None:
        self.mention, self.condition, self.additive, self.channel = (
            mention,
            condition,
            additive,
            channel,
        )


def _strip_tokens(
    r: _Reader, i: int, j: int, leads: bool, additive: bool = False
) -> tuple[int, int]:
    """Trim bullets and punctuation from both ends of [i, j), and lead-in words from the end."""
    toks = r.toks
    while i < j and toks[i][0] in _BULLETS:
        i += 1
    if i + 1 < j and toks[i][0] == "w" and toks[i + 1][0] == ")" and toks[i][2] - toks[i][1] == 1:
        i += 2  # "a)" list marker
    changed = True
    while changed and i < j:
        changed = False
        while i < j and toks[j - 1][0] not in ("w", "n", ")"):
            j -= 1
            changed = True
        if not leads:
            break
        table = (_ADD_BY_LAST if additive else _LEADS_BY_LAST)[r.accented]
        for words in table.get(r.exact(j - 1) or "", ()):
            n = len(words)
            if j - n >= i and all(r.exact(j - n + d) == w for d, w in enumerate(words)):
                j -= n
                changed = True
                break
    return i, j


def _is_additive(r: _Reader, i: int, m: _Mention) -> bool:
    if r.word(m.j) == "nua":
        return True
    k = m.i - 1
    while k >= i and k >= m.i - 4 and r.word(k) in _SKIP_BEFORE_ADD:
        k -= 1
    return k >= i and r.word(k) == "them"


def _text_of(r: _Reader, i: int, j: int) -> str | None:
    if i >= j:
        return None
    s = r.norm[r.toks[i][1] : r.toks[j - 1][2]]
    s = " ".join(s.split())
    return s or None


def _label(r: _Reader, i: int, j: int) -> int | None:
    """The last top-level ':' in [i, j) (a label "Thông thường:"), as a token index."""
    for k in range(j - 1, i - 1, -1):
        if r.toks[k][0] == ":":
            return k
    return None


def _cases(r: _Reader, mentions: list[_Mention], clauses: list[_Clause]) -> list[_Case]:
    out: list[_Case] = []
    mi = 0
    channel: tuple[str, ChannelKind | None] | None = None
    for c in clauses:
        while mi < len(mentions) and mentions[mi].i < c.i:
            mi += 1
        group: list[_Mention] = []
        while mi < len(mentions) and mentions[mi].i < c.j:
            group.append(mentions[mi])
            mi += 1
        # a channel label starts a channel's statements, with or without a limit in this clause
        lab = _label(r, c.i, group[0].i if group else c.j)
        if lab is not None:
            li, lj = _strip_tokens(r, _after_colon(r, c.i, lab), lab, leads=False)
            while li < lj and r.toks[li][0] in _BRACKETS:  # "(Trực tiếp:)": the label inside
                li += 1
            while lj > li and r.toks[lj - 1][0] in _BRACKETS:
                lj -= 1
            label_fold = r.fold[r.toks[li][1] : r.toks[lj - 1][2]] if li < lj else ""
            kind = _channel_kind(label_fold)
            if kind is not None and group:
                lab_text = _text_of(r, li, lj)
                assert lab_text is not None
                channel = (lab_text, kind)
        if c.skip or not group:
            continue
        prev_end = c.i
        for g_index, m in enumerate(group):
            if m.next_day and r.time_of_day:
                prev_end = m.j
                continue  # "... sau 15 giờ ... trong ngày làm việc tiếp theo": the cut-off rule
            nxt = group[g_index + 1].i if g_index + 1 < len(group) else c.j
            cond, additive, used = _condition(
                r,
                prev_end,
                m,
                nxt,
                channel is not None and g_index == 0 and lab is not None,
                not out,
            )
            out.append(_Case(m, cond, additive, channel))
            prev_end = used
    return out


def _after_colon(r: _Reader, i: int, lab: int) -> int:
    """The start of a label: after the ':' before it ("Thời hạn: Trực tiếp: ..."), else ``i``."""
    for k in range(lab - 1, i - 1, -1):
        if r.toks[k][0] == ":":
            return k + 1
    return i


def _condition(
    r: _Reader, i: int, m: _Mention, j: int, channel_label: bool, first: bool
) -> tuple[str | None, bool, int]:
    """The condition of mention ``m`` from the clause text before it [i, m.i) and after [m.j, j).

    Returns the condition, whether the limit extends the primary, and the token where the next
    mention's own text starts (after a condition read after this limit). The text before the
    first limit of a record is its condition only when it says so ("Trường hợp ...", "Đối với
    ...", a label "Thông thường:"); otherwise it is the sentence's subject ("Cơ quan ... giải
    quyết hồ sơ trong ngày ...").
    """
    additive = _is_additive(r, i, m)
    lab = _label(r, i, m.i)
    if lab is not None:
        li, lj = _strip_tokens(r, _after_colon(r, i, lab), lab, leads=True, additive=additive)
        if li < lj and not channel_label:
            return _text_of(r, li, lj), additive, m.j
        i = lab + 1
    bi, bj = _strip_tokens(r, i, m.i, leads=True, additive=additive)
    if bi < bj and (not first or any(r.words_at(bi, cw) for cw in _CONDITION_WORDS)):
        return _text_of(r, bi, bj), additive, m.j
    # after the limit: "03 ngày làm việc đối với hồ sơ A"
    depth = 0
    for k in range(m.j, j):
        kind = r.toks[k][0]
        if kind in ("(", "["):
            depth += 1
        elif kind in (")", "]"):
            depth = max(depth - 1, 0)
        if depth:
            continue  # an aside in brackets ("(nếu có)") is not this limit's case
        if _counting_start(r, k):
            break  # "kể từ ngày ..." says when counting starts, not for which case
        if any(r.words_at(k, cw) for cw in _CONDITION_WORDS):
            end = k
            while end < j and not _counting_start(r, end):
                end += 1
            if end == j and j < len(r.toks):
                # the text runs into the next limit: if it ends with that limit's lead-in
                # ("..., trường hợp phức tạp thì không quá 10 ngày"), it is the next limit's
                _, lead_end = _strip_tokens(r, k, end, leads=True)
                if any(r.word(t) not in _CONJUNCTIONS for t in range(lead_end, end)):
                    return None, additive, m.j
            ai, aj = _strip_tokens(r, k, end, leads=False)
            while aj > ai and r.word(aj - 1) in _TRAILING:
                ai, aj = _strip_tokens(r, ai, aj - 1, leads=False)
            return _text_of(r, ai, aj), additive, j
    return None, additive, m.j


def _counting_start(r: _Reader, k: int) -> bool:
    return r.words_at(k, ("ke", "tu")) or r.words_at(k, ("tinh", "tu"))


def _limit(m: _Mention) -> TimeLimit:
    return TimeLimit(amount=m.amount, unit=m.unit, range_min=m.range_min)


def _add(raw: str, primary: TimeLimit, extra: TimeLimit) -> TimeLimit:
    """``primary`` extended by ``extra`` ("kéo dài thêm không quá 05 ngày làm việc")."""
    if primary.unit is extra.unit and primary.unit in _COUNTED:
        return TimeLimit(amount=primary.amount + extra.amount, unit=primary.unit)
    if primary.unit not in _COUNTED and extra.unit in _COUNTED - {
        TimeUnit.WORKING_HOURS,
        TimeUnit.CLOCK_HOURS,
    }:
        return extra  # same day + n more days = n days after the receipt day
    return extra  # units that do not add up: the extension as stated


def _same_duration(a: TimeLimit, b: TimeLimit) -> bool:
    """Equal, or the same span in days and clock hours (a day is 24 hours, art. 146(1)(e))."""
    if a == b:
        return True
    pair = {a.unit, b.unit}
    if (
        pair == {TimeUnit.CALENDAR_DAYS, TimeUnit.CLOCK_HOURS}
        and a.range_min is b.range_min is None
    ):
        days, hours = (a, b) if a.unit is TimeUnit.CALENDAR_DAYS else (b, a)
        return days.amount * 24 == hours.amount
    return False


def _build(r: _Reader, cases: list[_Case]) -> TimeLimit:
    primary_case = cases[0]
    primary = _limit(primary_case.mention)
    alts: list[AlternateLimit] = []
    seen = {(primary, primary_case.condition)}
    for case in cases[1:]:
        lim = _limit(case.mention)
        if case.additive:
            lim = _add(r.raw, primary, lim)
        key = (lim, case.condition)
        if key in seen or (case.condition is None and _same_duration(lim, primary)):
            continue  # stated twice ("05 ngày làm việc. Không quá 05 ngày làm việc", "1 ngày (24 giờ)")
        seen.add(key)
        alts.append(AlternateLimit(limit=lim, condition=case.condition))
    m = primary_case.mention
    return TimeLimit(
        amount=primary.amount,
        unit=primary.unit,
        range_min=primary.range_min,
        condition=primary_case.condition,
        alternates=tuple(alts),
        text=r.norm,
        source_span=(m.char_start, m.char_end),
    )


def _bare_number(r: _Reader) -> Decimal | None:
    """The number of a text that is only a number ("5", "0,5."), else ``None``."""
    if len(r.toks) > 6 or not r.toks:
        return None
    got = r.number(0)
    if got is None:
        return None
    value, nxt = got
    if any(t[0] not in (".", ";", ":", ",") for t in r.toks[nxt:]):
        return None
    return value


@functools.lru_cache(maxsize=4096)
def _parse_cached(text: str, context: str | None, bare_unit: TimeUnit | None) -> TimeLimit:
    return _parse(text, context, bare_unit)


# The shape of most portal cells ("5 Ngày làm việc", "Không quá 30 ngày"), read without the token
# passes; the result is the one the full reader gives (a test compares them). One pass, no nesting.
_SIMPLE = re.compile(
    r"[ \t]*(?:khong qua |toi da )?([0-9]{1,9}) (ngay lam viec|ngay|thang|gio lam viec)[ \t.]*"
)
_SIMPLE_UNITS = {
    "ngay lam viec": TimeUnit.WORKING_DAYS,
    "ngay": TimeUnit.CALENDAR_DAYS,
    "thang": TimeUnit.MONTHS,
    "gio lam viec": TimeUnit.WORKING_HOURS,
}


def _simple(norm: str) -> TimeLimit | None:
    if len(norm) > 40:
        return None
    m = _SIMPLE.fullmatch(fold_text(norm))
    if m is None or int(m.group(1)) > MAX_AMOUNT:
        return None
    return TimeLimit(
        amount=int(m.group(1)),
        unit=_SIMPLE_UNITS[m.group(2)],
        text=norm,
        source_span=(m.start(1), m.end(2)),
    )


def _parse(text: str, context: str | None, bare_unit: TimeUnit | None) -> TimeLimit:
    norm = unicodedata.normalize("NFC", text)
    if len(norm) > MAX_TEXT_LENGTH:
        raise TimeLimitParseError(
            text[:80] + "...",
            f"the text is {len(norm)} characters long; at most {MAX_TEXT_LENGTH} are read",
        )
    if not norm.strip():
        raise TimeLimitParseError(text, "the text is empty")
    simple = _simple(norm)
    if simple is not None:
        return simple
    r = _Reader(text, norm)
    mentions = r.mentions()
    if not mentions:
        bare = _bare_number(r)
        if bare is not None:
            return _from_bare(r, bare, context, bare_unit)
        if r.fraction_refused:
            raise TimeLimitParseError(
                text, f"the fraction {r.fraction_refused} has no exact value in a unit"
            )
        raise TimeLimitParseError(text, "no duration is stated")
    clauses = _clauses(r, mentions)
    cases = _cases(r, mentions, clauses)
    if not cases:
        raise TimeLimitParseError(
            text, "no duration is stated (only notes, questions or the 15:00 rule)"
        )
    general = [c for c in cases if c.channel is None]
    channels: list[ChannelLimit] = []
    order: list[tuple[str, ChannelKind | None]] = []
    by_channel: dict[tuple[str, ChannelKind | None], list[_Case]] = {}
    for c in cases:
        if c.channel is not None:
            if c.channel not in by_channel:
                order.append(c.channel)
                by_channel[c.channel] = []
            by_channel[c.channel].append(c)
    for ch in order:
        lim = _build(r, by_channel[ch])
        lim = lim.model_copy(update={"condition": None}) if lim.condition else lim
        channels.append(ChannelLimit(channel=ch[0], kind=ch[1], limit=_plain(lim)))
    head = _build(r, general) if general else _build(r, by_channel[order[0]])
    if channels:
        if not general:
            head = head.model_copy(update={"condition": None})
        head = TimeLimit(
            **{
                k: getattr(head, k)
                for k in (
                    "amount",
                    "unit",
                    "range_min",
                    "condition",
                    "alternates",
                    "text",
                    "source_span",
                )
            },
            per_channel=tuple(channels),
        )
    return head


def _plain(lim: TimeLimit) -> TimeLimit:
    """Without provenance (for values nested in another limit)."""
    return TimeLimit(
        amount=lim.amount,
        unit=lim.unit,
        range_min=lim.range_min,
        condition=lim.condition,
        alternates=lim.alternates,
    )


def _from_bare(
    r: _Reader, value: Decimal, context: str | None, bare_unit: TimeUnit | None
) -> TimeLimit:
    unit = bare_unit
    amount: Amount | None = None
    if unit is None and context is not None:
        try:
            ctx = TimeLimit.parse(context)
        except TimeLimitParseError:
            ctx = None
        if ctx is not None:
            for cand in (
                ctx,
                *(a.limit for a in ctx.alternates),
                *(c.limit for c in ctx.per_channel),
            ):
                if cand.unit in _COUNTED and cand.amount == value:
                    unit, amount = cand.unit, cand.amount
                    break
    if unit is None:
        raise TimeLimitParseError(
            r.raw,
            "a number without a unit (ngày, ngày làm việc, tháng, giờ); pass bare_unit= or a "
            "context that states the unit",
        )
    if amount is None:
        scaled = _scaled(value, unit) if unit in _COUNTED else None
        if scaled is None or scaled[0] is not unit:
            raise TimeLimitParseError(r.raw, f"the amount {value} does not suit {unit.value}")
        amount = scaled[1]
    if amount > MAX_AMOUNT:
        raise TimeLimitParseError(r.raw, f"the amount {amount} is larger than {MAX_AMOUNT}")
    t = r.toks[0]
    return TimeLimit(
        amount=amount,
        unit=unit,
        unit_stated=False,
        text=r.norm,
        source_span=(t[1], r.toks[-1][2] if r.toks[-1][0] == "n" else t[2]),
    )


@lru_cache(maxsize=4096)
def _parse_limit(text: str) -> TimeLimit:
    return TimeLimit.parse(text)


def _to_limit(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """A time-limit phrase becomes a TimeLimit; a TimeLimit or a mapping goes to the model.

    A parsed phrase is a valid TimeLimit already (and cached): it is returned as it is, where a
    before-validator would hand it to the model, which runs its checks on it twice more.
    """
    if isinstance(value, str):
        try:
            return _parse_limit(nfc(value))
        except TimeLimitParseError as exc:
            raise PydanticCustomError(
                "time_limit_unparsable",
                "cannot read a time limit from '{text}': {reason}",
                {"text": value, "reason": exc.reason or "unknown phrase"},
            ) from None
    return handler(value)


Limit = Annotated[TimeLimit, WrapValidator(_to_limit, json_schema_input_type=str | TimeLimit)]
"""The time-limit field of every hcc model: a [`TimeLimit`][hcc.deadlines.TimeLimit], read from
its phrase (parsed once per distinct phrase, error code ``time_limit_unparsable``) or from a
mapping. It lives here, next to ``TimeLimit``, rather than in ``hcc._types``, which sits below the
deadlines layer."""
