"""Processing time limits (thời hạn giải quyết) as typed values, and the parser for record phrases.

A :class:`TimeLimit` is an ``amount`` and a :class:`TimeUnit`; working days, calendar days, months,
working hours, "same day" and "immediately" are distinct units, never one ``int`` with a flag
(REFERENCE §3). Records that state two limits ("Ngay trong ngày; trường hợp cần xác minh thì không
quá 05 ngày làm việc") give a primary limit and an ``alternate`` with its ``alternate_condition``.

Canonical phrases (``str(limit)``), which :meth:`TimeLimit.parse` reads back to an equal value:

=================  ===========================  ===========================================
unit               canonical phrase             also read
=================  ===========================  ===========================================
working_days       ``05 ngày làm việc``          "Không quá 5 ngày làm việc", "07 Ngày làm việc"
calendar_days      ``30 ngày``                   "15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ", "02 tuần" (14)
months             ``03 tháng``                  "3 Tháng", "01 năm" (12)
working_hours      ``04 giờ làm việc``           "4 gio lam viec"
same_day           ``Trong ngày``                "Trong ngày làm việc"
immediate          ``Ngay``                      "Ngay trong ngày", "Ngay sau khi nhận đủ giấy tờ hợp lệ"
=================  ===========================  ===========================================

Amounts are written with at least two digits, as procedure records do. A limit with an alternate
is written ``"<primary>; <condition> thì không quá <alternate>"`` (``"... thì trong ngày"`` /
``"... thì ngay"`` for an alternate without a count), or ``"<primary>; <alternate>"`` without a
condition.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from typing import Any

from pydantic import ConfigDict, field_validator, model_validator

from hcc._model import HccModel, HccStrEnum
from hcc.deadlines._text import fold_text
from hcc.errors import InvalidInputError, TimeLimitParseError

__all__ = ["TimeLimit", "TimeUnit"]


class TimeUnit(HccStrEnum):
    """The unit of a processing time limit.

    >>> TimeUnit("working_days") is TimeUnit.WORKING_DAYS
    True
    >>> [u.value for u in TimeUnit]
    ['working_days', 'calendar_days', 'months', 'working_hours', 'same_day', 'immediate']
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


_COUNTED = frozenset(
    {TimeUnit.WORKING_DAYS, TimeUnit.CALENDAR_DAYS, TimeUnit.MONTHS, TimeUnit.WORKING_HOURS}
)
_PHRASE = {
    TimeUnit.WORKING_DAYS: "ngày làm việc",
    TimeUnit.CALENDAR_DAYS: "ngày",
    TimeUnit.MONTHS: "tháng",
    TimeUnit.WORKING_HOURS: "giờ làm việc",
}
MIN_OFFICE_HOURS_PER_DAY = 4
"""The fewest office hours :meth:`TimeLimit.exceeds` assumes a working day has (a Saturday morning)."""


class TimeLimit(HccModel):
    """A processing time limit: ``amount`` of ``unit``, and possibly an alternate limit.

    ``amount`` is 0 for ``same_day`` and ``immediate`` (they have no count); counted units accept
    any amount >= 0. An ``alternate`` is a second, usually longer, limit that applies when
    ``alternate_condition`` holds ("trường hợp cần xác minh"); it has no alternate of its own.

    >>> TimeLimit(amount=5, unit="working_days")
    TimeLimit(amount=5, unit=<TimeUnit.WORKING_DAYS: 'working_days'>, alternate=None, alternate_condition=None)
    >>> str(TimeLimit.parse("Ngay trong ngày; trường hợp cần xác minh thì không quá 05 ngày làm việc"))
    'Ngay; trường hợp cần xác minh thì không quá 05 ngày làm việc'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    amount: int
    unit: TimeUnit
    alternate: TimeLimit | None = None
    alternate_condition: str | None = None

    @field_validator("alternate_condition")
    @classmethod
    def _condition(cls, v: str | None) -> str | None:
        if v is None:
            return None
        v = " ".join(unicodedata.normalize("NFC", v).split())
        if not v or ";" in v:
            raise ValueError("alternate_condition must be non-empty text without ';'")
        return v

    @model_validator(mode="before")
    @classmethod
    def _default_amount(cls, data: Any) -> Any:
        # same_day / immediate need no amount: TimeLimit(unit="same_day") is allowed
        if isinstance(data, dict) and "amount" not in data:
            unit = data.get("unit")
            if unit in (TimeUnit.SAME_DAY, TimeUnit.IMMEDIATE, "same_day", "immediate"):
                return {**data, "amount": 0}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> TimeLimit:
        if isinstance(self.amount, bool):
            raise ValueError("amount must be an int, not a bool")
        if self.unit in _COUNTED:
            if self.amount < 0:
                raise ValueError(f"amount must be >= 0 for {self.unit.value}, got {self.amount}")
        elif self.amount != 0:
            raise ValueError(f"amount must be 0 for {self.unit.value}, got {self.amount}")
        if self.alternate is not None and self.alternate.alternate is not None:
            raise ValueError("an alternate limit cannot have an alternate of its own")
        if self.alternate is None and self.alternate_condition is not None:
            raise ValueError("alternate_condition needs an alternate limit")
        return self

    # ------------------------------------------------------------------ construction
    @classmethod
    def of(cls, amount: int, unit: TimeUnit | str) -> TimeLimit:
        """Shorthand for ``TimeLimit(amount=amount, unit=unit)``.

        >>> str(TimeLimit.of(3, "months"))
        '03 tháng'
        """
        return cls(amount=amount, unit=TimeUnit(unit))

    @classmethod
    def parse(cls, text: str, *, strict: bool = True) -> TimeLimit:
        """Read a time limit from the phrase of a procedure record.

        Case, diacritics, leading zeros and extra spaces do not matter. Leading "Không quá",
        "Tối đa", "Trong thời hạn", "Trong (vòng)" and trailing "kể từ ngày ..." are ignored, as
        are parenthesised asides ("05 (năm) ngày", "(Luật Hộ tịch Điều 34)"), restatements of
        the 15:00 rule ("... sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo": the
        policy's cut-off handles it), notes ("không tính thời gian ...") and later sentences that
        are not conditions. "Trong ngày làm việc tiếp theo" reads as 1 working day; weeks as 7
        calendar days, years as 12 months.

        Two limits separated by ";", ", trường hợp ...", a new sentence "Trường hợp ..." or
        "(trường hợp ...)" give a primary and an alternate, whose condition is kept as written.
        An alternate that *extends* the primary ("kéo dài thêm không quá 05 ngày làm việc",
        "... 03 ngày làm việc nữa", "được cộng thêm ...") is stored as the total.

        Plain "giờ" (clock hours) and fractions ("0,5 ngày") are refused: there is no unit for
        them. Raises :class:`hcc.errors.TimeLimitParseError` quoting ``text`` when it cannot be
        read; with ``strict=False`` an unreadable second limit (or a third one) is dropped and
        the primary limit returned, for importing records written in free text.

        >>> TimeLimit.parse("Không quá 03 ngày làm việc") == TimeLimit.of(3, "working_days")
        True
        >>> str(TimeLimit.parse("15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ"))
        '15 ngày'
        >>> str(TimeLimit.parse("KHONG QUA 4 GIO LAM VIEC")), str(TimeLimit.parse("3 Tháng"))
        ('04 giờ làm việc', '03 tháng')
        >>> TimeLimit.parse("Ngay sau khi nhận đủ giấy tờ hợp lệ").unit.value
        'immediate'
        >>> lim = TimeLimit.parse("Trong ngày; trường hợp phải xác minh thì không quá 05 ngày làm việc")
        >>> lim.unit.value, str(lim.alternate), lim.alternate_condition
        ('same_day', '05 ngày làm việc', 'trường hợp phải xác minh')
        >>> str(TimeLimit.parse("Trong thời hạn 03 ngày làm việc; trường hợp cần xác minh thì kéo dài thêm không quá 05 ngày làm việc"))
        '03 ngày làm việc; trường hợp cần xác minh thì không quá 08 ngày làm việc'
        >>> TimeLimit.parse("bảy ngày rưỡi")
        Traceback (most recent call last):
        ...
        hcc.errors.TimeLimitParseError: cannot read a time limit from 'bảy ngày rưỡi': ...
        """
        if not isinstance(text, str):
            raise TimeLimitParseError(repr(text), "expected a str")
        return _parse(text, bool(strict))

    # ------------------------------------------------------------------ presentation
    def __str__(self) -> str:
        """The canonical Vietnamese phrase (see the module docstring).

        >>> str(TimeLimit.of(30, "calendar_days")), str(TimeLimit(unit="same_day"))
        ('30 ngày', 'Trong ngày')
        """
        if self.unit is TimeUnit.SAME_DAY:
            head = "Trong ngày"
        elif self.unit is TimeUnit.IMMEDIATE:
            head = "Ngay"
        else:
            head = f"{self.amount:02d} {_PHRASE[self.unit]}"
        if self.alternate is None:
            return head
        if self.alternate_condition:
            alt = self.alternate
            tail = f"không quá {alt}" if alt.unit in _COUNTED else str(alt).lower()
            return f"{head}; {self.alternate_condition} thì {tail}"
        return f"{head}; {self.alternate}"

    # ------------------------------------------------------------------ comparison
    def exceeds(self, other: TimeLimit) -> bool | None:
        """Whether this limit can end later than ``other`` (for the "local ≤ statutory" check).

        ``True``: for some receipt this limit's due moment is later than ``other``'s; ``False``:
        it is never later; ``None``: it depends on the calendar (the units are not comparable).
        Only the primary limits are compared, plus the alternates when both have one (``True`` if
        either pair exceeds, ``False`` if neither does, else ``None``).

        The ordering: ``immediate < same_day`` ≤ every counted limit; within a unit, by amount.
        Across counted units only the conservative, calendar-independent cases are decided:

        * ``c`` calendar days never exceed ``w`` working days when ``c <= w``; ``w`` working days
          exceed ``c`` calendar days when ``w > c`` (and never when ``w <= 1``);
        * ``m`` months span 28·m to 31·m days, compared with calendar days by those bounds, and
          with working days only when ``31·m <= w`` (months never exceed) or ``w > 31·m``
          (working days exceed);
        * ``h`` working hours never exceed ``d`` working days when ``ceil(h / 4) <= d``, assuming
          every working day has at least 4 office hours (then ``d`` days exceed ``h`` hours);
        * a zero amount counts as ``same_day`` (days, months) or ``immediate`` (hours).

        >>> TimeLimit.parse("05 ngày làm việc").exceeds(TimeLimit.parse("07 ngày làm việc"))
        False
        >>> TimeLimit.parse("Trong ngày").exceeds(TimeLimit.parse("Ngay"))
        True
        >>> TimeLimit.parse("10 ngày").exceeds(TimeLimit.parse("05 ngày làm việc")) is None
        True
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


# ---------------------------------------------------------------------- comparison helpers
def _point(limit: TimeLimit) -> TimeLimit:
    """Zero-amount counted limits as the point units they equal."""
    if limit.unit in _COUNTED and limit.amount == 0:
        return TimeLimit(
            amount=0,
            unit=TimeUnit.IMMEDIATE if limit.unit is TimeUnit.WORKING_HOURS else TimeUnit.SAME_DAY,
        )
    return limit


def _exceeds(a: TimeLimit, b: TimeLimit) -> bool | None:
    a, b = _point(a), _point(b)
    ua, ub = a.unit, b.unit
    if ua is ub:
        return a.amount > b.amount
    points = (TimeUnit.IMMEDIATE, TimeUnit.SAME_DAY)
    if ua in points and ub in points:
        return ua is TimeUnit.SAME_DAY
    if ua is TimeUnit.IMMEDIATE:
        return False
    if ub is TimeUnit.IMMEDIATE:
        return True
    if ua is TimeUnit.SAME_DAY:
        # same_day after the cut-off is the next working day; hours may end earlier than that
        return None if ub is TimeUnit.WORKING_HOURS else False
    if ub is TimeUnit.SAME_DAY:
        return None if ua is TimeUnit.WORKING_HOURS else True
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
    return None


# ---------------------------------------------------------------------- parsing
_SPACE = re.compile(r"\s+")
_PREFIX = re.compile(
    r"^(?:(?:thoi han giai quyet|thoi han|thoi gian giai quyet|thoi gian)\s*[:\-]?\s*)?"
    r"(?:(?:khong qua|khong vuot qua|toi da|trong thoi han|trong vong|trong thoi gian|trong)\s+)?(?=\d)"
)
_COUNTED_RE = re.compile(
    r"^(?P<n>\d+)\s*(?P<unit>ngay lam viec|ngay|thang|nam|tuan|gio lam viec|gio)\b(?P<rest>.*)$"
)
_TAIL_OK = re.compile(
    r"^(?:\s*[,.:]?\s*(?:ke tu|tinh tu|sau khi|ngay sau|tu ngay|tu khi|khong ke|khong tinh)\b.*)?"
    r"\s*[.,;:]?\s*$"
)
_VERB = r"(?:giai quyet |tra ket qua |thuc hien |cap |cap lai )?"
# what may follow "trong ngày": the receipt it refers to ("tiếp nhận hồ sơ", "cơ quan ... tiếp nhận")
_DAY_TAIL = r"(?:\s*,?\s*(?:ke tu|tinh tu|tiep nhan|nhan|sau khi|co quan|to chuc)\b[^\d?]*)?"
_NEXT_DAY = re.compile(rf"^{_VERB}trong ngay lam viec tiep theo{_DAY_TAIL}$")
_IMMEDIATE = re.compile(
    rf"^{_VERB}ngay(?: trong ngay(?: lam viec)?{_DAY_TAIL}| sau khi\b[^?]*| khi\b[^?]*| lap tuc)?$"
)
_SAME_DAY = re.compile(rf"^{_VERB}trong ngay(?: lam viec)?{_DAY_TAIL}$")
_CONDITION_START = re.compile(r"(?:truong hop|neu|doi voi)\b")
_ALT_LEAD = re.compile(
    r"(?:(?:thi|la)\s+)?(?:thoi han giai quyet\s+|thoi han\s+)?"
    r"(?P<add>(?:duoc\s+)?(?:keo dai|cong|gia han)?\s*them\s+)?"
    r"(?:(?:khong qua|khong vuot qua|toi da|trong thoi han|trong vong)\s+|trong\s+(?=\d))?"
)
_CUTOFF_CLAUSE = re.compile(
    r"(?:truong hop|neu|khi)\b.*(?:sau \d+ gio\b.*tiep theo|tiep theo\b.*sau \d+ gio\b)"
)
_CUTOFF_INLINE = re.compile(
    r"\s*,?\s*hoac trong ngay lam viec tiep theo\s*,?\s*(?:neu|khi|truong hop)\b[^;.]*?sau \d+ gio"
)
_PARENS = re.compile(r"\s*\([^()]*\)")
_NOTE_START = ("khong tinh", "khong ke")


class _Text:
    """A phrase in two aligned forms: ``norm`` (NFC, as written) and ``fold`` (ASCII, lower case).

    Both always have the same length, so a span found in ``fold`` slices ``norm`` too.
    """

    __slots__ = ("fold", "norm")

    def __init__(self, norm: str, fold: str) -> None:
        self.norm = norm
        self.fold = fold

    def __getitem__(self, k: slice) -> _Text:
        return _Text(self.norm[k], self.fold[k])

    def strip(self, chars: str = " ") -> _Text:
        left = len(self.fold) - len(self.fold.lstrip(chars))
        right = len(self.fold.rstrip(chars))
        return self[left:right] if right > left else _Text("", "")


def _prepare(norm: str) -> _Text:
    """Turn "(trường hợp ... )" into a second clause and drop other parenthesised asides."""
    t = _Text(norm, fold_text(norm))
    # an alternate in parentheses becomes "; trường hợp ..."
    m = re.search(r"\(\s*(?=(?:truong hop|neu)\b)", t.fold)
    if m:
        depth, close = 0, -1
        for j in range(m.start(), len(t.fold)):
            if t.fold[j] == "(":
                depth += 1
            elif t.fold[j] == ")":
                depth -= 1
                if depth == 0:
                    close = j
                    break
        if close > 0:
            n, f = list(t.norm), list(t.fold)
            n[m.start()] = f[m.start()] = ";"
            n[close] = f[close] = " "
            t = _Text("".join(n), "".join(f))
    # other parenthesised asides (legal references, number words), innermost first; then an
    # inline restatement of the 15:00 rule ("hoặc trong ngày làm việc tiếp theo nếu ... sau 15 giờ")
    for pattern in (_PARENS, _CUTOFF_INLINE):
        while (g := pattern.search(t.fold)) is not None:
            t = _Text(
                t.norm[: g.start()] + t.norm[g.end() :], t.fold[: g.start()] + t.fold[g.end() :]
            )
    return t


def _clauses(t: _Text) -> list[tuple[_Text, bool]]:
    """Split on ";", on sentence ends and before ", trường hợp|nếu"; flag new sentences."""
    out: list[tuple[_Text, bool]] = []
    start, new_sentence = 0, False
    f = t.fold
    i = 0
    while i < len(f):
        c = f[i]
        cut = end = -1
        sentence = False
        if c == ";":
            cut, end = i, i + 1
        elif c == "." and i + 2 < len(f) and f[i + 1] == " " and t.norm[i + 2].isupper():
            cut, end, sentence = i, i + 2, True
        elif c == "," and _CONDITION_START.match(f, i + 1 + (f[i + 1 : i + 2] == " ")):
            cut, end = i, i + 1
        if cut >= 0:
            out.append((t[start:cut].strip(" .,:"), new_sentence))
            start, new_sentence = end, sentence
            i = end
            continue
        i += 1
    out.append((t[start:].strip(" .,:"), new_sentence))
    return [(c, s) for c, s in out if c.fold]


@functools.lru_cache(maxsize=4096)
def _parse(text: str, strict: bool) -> TimeLimit:
    """Parse (cached: a TimeLimit is immutable, and catalogues repeat a few dozen phrases)."""
    raw = text
    norm = _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    if not norm:
        raise TimeLimitParseError(raw, "the text is empty")
    limits: list[tuple[_Text, bool]] = []
    for clause, sentence in _clauses(_prepare(norm)):
        f = clause.fold
        if _CUTOFF_CLAUSE.match(f):
            continue  # a restatement of the 15:00 rule: DeadlinePolicy.cutoff handles it
        if f.startswith(_NOTE_START):
            continue  # "không tính thời gian ...": a note, not a limit
        if sentence and not _CONDITION_START.match(f):
            continue  # a later sentence that is not a condition ("Đăng ký đúng hạn: ...")
        limits.append((clause, sentence))
    if not limits:
        raise TimeLimitParseError(raw, "no limit found")
    first = limits[0][0]
    primary = _parse_single(raw, first.fold)
    if len(limits) > 2 and strict:
        raise TimeLimitParseError(raw, "more than two limits")
    if len(limits) == 1:
        return primary
    try:
        alternate, condition = _parse_alternate(raw, limits[1][0], primary)
    except TimeLimitParseError:
        if strict:
            raise
        return primary
    return TimeLimit(
        amount=primary.amount,
        unit=primary.unit,
        alternate=alternate,
        alternate_condition=condition,
    )


def _add(raw: str, primary: TimeLimit, extra: TimeLimit) -> TimeLimit:
    """``primary`` extended by ``extra`` ("kéo dài thêm không quá 05 ngày làm việc")."""
    if primary.unit is extra.unit and primary.unit in _COUNTED:
        return TimeLimit(amount=primary.amount + extra.amount, unit=primary.unit)
    if primary.unit not in _COUNTED and extra.unit in _COUNTED - {TimeUnit.WORKING_HOURS}:
        return extra  # same day + n more days = n days after the receipt day
    raise TimeLimitParseError(raw, f"cannot add {extra} to {primary}")


def _parse_alternate(raw: str, alt: _Text, primary: TimeLimit) -> tuple[TimeLimit, str | None]:
    """The alternate limit and its condition (as written, diacritics kept)."""
    f = alt.fold
    for m in re.finditer(r"(?:^|(?<=\s))\S", f):
        i = m.start()
        lead = _ALT_LEAD.match(f, i)
        assert lead is not None  # every part of the pattern is optional
        body = f[lead.end() :]
        if not re.match(r"\d|ngay\b|trong ngay\b", body):
            continue
        additive = lead.group("add") is not None
        if re.search(r"\s+nua\b", body):
            body, additive = re.sub(r"\s+nua\b", "", body), True
        try:
            limit = _parse_single(raw, body)
        except TimeLimitParseError:
            continue
        if additive:
            limit = _add(raw, primary, limit)
        cond = alt.norm[:i].strip(" ,:")
        return limit, (cond or None)
    raise TimeLimitParseError(raw, f"cannot read the second limit {alt.norm!r}")


def _parse_single(raw: str, folded: str) -> TimeLimit:
    s = _SPACE.sub(" ", folded).strip(" .,:")
    s = re.sub(r"^(?:khong qua|khong vuot qua|toi da)\s+(?=\D)", "", s)
    if not s:
        raise TimeLimitParseError(raw, "no limit found")
    if _NEXT_DAY.match(s):
        return TimeLimit(amount=1, unit=TimeUnit.WORKING_DAYS)
    if _IMMEDIATE.match(s):
        return TimeLimit(amount=0, unit=TimeUnit.IMMEDIATE)
    if _SAME_DAY.match(s):
        return TimeLimit(amount=0, unit=TimeUnit.SAME_DAY)
    s2 = _PREFIX.sub("", s, count=1)
    m = _COUNTED_RE.match(s2)
    if not m:
        if re.search(r"\d+\s*[,.]\s*\d+|\d+\s*/\s*\d+|ruoi", s2):
            raise TimeLimitParseError(raw, "fractional amounts are not supported")
        raise TimeLimitParseError(
            raw,
            "expected '<n> ngày làm việc', '<n> ngày', '<n> tháng', '<n> giờ làm việc', "
            "'Trong ngày' or 'Ngay ...'",
        )
    rest = m.group("rest")
    if re.match(r"^\s*[,.]\s*\d", rest):
        raise TimeLimitParseError(raw, "fractional amounts are not supported")
    if not _TAIL_OK.match(rest):
        raise TimeLimitParseError(raw, "unexpected words after the limit")
    n = int(m.group("n"))
    word = m.group("unit")
    if word == "gio":
        raise TimeLimitParseError(
            raw, "clock hours ('giờ' without 'làm việc') are not a supported unit"
        )
    unit, factor = {
        "ngay lam viec": (TimeUnit.WORKING_DAYS, 1),
        "ngay": (TimeUnit.CALENDAR_DAYS, 1),
        "tuan": (TimeUnit.CALENDAR_DAYS, 7),
        "thang": (TimeUnit.MONTHS, 1),
        "nam": (TimeUnit.MONTHS, 12),
        "gio lam viec": (TimeUnit.WORKING_HOURS, 1),
    }[word]
    return TimeLimit(amount=n * factor, unit=unit)
