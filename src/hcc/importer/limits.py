"""Reading a portal time-limit cell ("Thời hạn giải quyết") into a :class:`~hcc.deadlines.TimeLimit`.

The cell goes through :meth:`hcc.deadlines.TimeLimit.parse` (primary and alternate limits). Before
that, two shapes the portal uses but the phrase parser does not read are brought into its grammar:

* the **15:00 cut-off** clause ("..., trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết được ngay
  thì trả kết quả trong ngày làm việc tiếp theo") is taken out and reported as ``cut_off`` (the
  deadline policy owns that rule, REFERENCE §3);
* "Ngay trong ngày tiếp nhận hồ sơ / yêu cầu" reads as "Ngay trong ngày" (the same-day limit).

The cell itself goes to :meth:`TimeLimit.parse` first, which reads prose, clock hours, ranges and
cases; the two rewrites above are tried only when it finds no limit.

Whenever the limit's canonical phrase says less than the cell (a cut-off, a "kể từ ngày ..." tail),
``note`` keeps the cell verbatim. A cell that says nothing ("", "Không có thông tin") has status
``"not_stated"``; one that cannot be read (a bare "30" without a unit, "Không quy định", a paragraph
with two cases) has status ``"unparsed"`` and its ``reason``.

>>> r = read_time_limit("Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà "
...                     "không giải quyết được ngay thì trả kết quả trong ngày làm việc tiếp theo.")
>>> str(r.limit), r.cut_off, r.note is not None
('Trong ngày', '15:00', True)
>>> read_time_limit("07 Ngày làm việc").note is None
True
>>> r = read_time_limit("30")
>>> r.status, r.reason
('unparsed', 'a number without a unit (ngày, ngày làm việc, tháng, giờ làm việc)')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from hcc.deadlines import TimeLimit
from hcc.errors import InvalidInputError, TimeLimitParseError
from hcc.importer._text import clean, fold_text, is_not_stated

__all__ = ["MAX_TIME_CELL", "TimeLimitReading", "read_time_limit"]

MAX_TIME_CELL = 2000
"""The longest time-limit cell read, in characters (after cleaning). A longer cell is kept as text
(status ``"unparsed"``, with a reason); real cells, paragraphs with a 15:00 clause included, stay
well under it."""

LimitStatus = Literal["parsed", "not_stated", "unparsed"]


@dataclass(frozen=True, slots=True)
class TimeLimitReading:
    """What a time-limit cell gave: the limit (or why not), a cut-off hour and the verbatim text.

    ``text`` is the cleaned cell; ``note`` is ``text`` when the limit alone does not say
    everything the cell says, else ``None``.

    >>> read_time_limit("Không có thông tin").status
    'not_stated'
    """

    text: str
    status: LimitStatus
    limit: TimeLimit | None = None
    cut_off: str | None = None
    note: str | None = None
    reason: str | None = None


# The cut-off clause, either order, never across a ";" (folded text):
#  "..., trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết được ngay thì trả kết quả trong ngày
#   làm việc tiếp theo"
#  "... hoặc trong ngày làm việc tiếp theo, nếu tiếp nhận yêu cầu sau 15 giờ"
_HOUR = r"sau\s+(?P<h{n}>1[0-9])\s*(?:gio|h)\s*(?:(?P<m{n}>[0-5][0-9])\s*(?:phut)?)?\b"
_NEXT_DAY = r"ngay\s+lam\s+viec\s+(?:tiep\s+theo|ke\s+tiep|tiep)\b"
_CUT_OFF = re.compile(
    r"\s*[,;.]?\s*\(?\s*(?:"
    rf"(?:(?:truong hop|neu|doi voi)\b[^;]*?)?{_HOUR.format(n=1)}[^;]*?{_NEXT_DAY}[^;]*?"
    rf"|(?:hoac\s+)?(?:tra ket qua\s+)?trong\s+{_NEXT_DAY}\s*,?\s*(?:neu|truong hop|khi)\b[^;]*?{_HOUR.format(n=2)}"
    r")\s*[.)]?\s*(?=;|$)"
)
# "Ngay trong ngày tiếp nhận hồ sơ", "Trong ngày cơ quan, tổ chức tiếp nhận yêu cầu" (up to a ";" or
# ", trường hợp ..." that starts an alternate limit)
_STOP = r"(?!\s*(?:;|,\s*(?:truong hop|neu)\b))"
_RECEIPT_DAY = re.compile(
    rf"^\s*(?P<ngay>ngay\s+)?trong\s+ngay\b(?:{_STOP}[^0-9])*?\b(?:tiep\s+nhan|nhan)\b(?:{_STOP}[^0-9])*"
)
_BARE_NUMBER = re.compile(r"^\s*\d+(?:[.,]\d+)?\s*$")
_NO_FIXED = re.compile(
    r"^(?:khong quy dinh|chua quy dinh|khong xac dinh|khong co|khac|tuy theo|theo huong dan|do .* quy dinh)"
)
_CANON_SPACE = re.compile(r"\s+")
_LEADING_ZEROS = re.compile(r"\b0+(?=\d)")


def _same_words(a: str, b: str) -> bool:
    """Whether two phrases differ only in case, spacing, leading zeros and final punctuation."""

    def norm(s: str) -> str:
        s = _LEADING_ZEROS.sub("", fold_text(s))
        return _CANON_SPACE.sub(" ", s).strip(" .;,")

    return norm(a) == norm(b)


def read_time_limit(cell: str) -> TimeLimitReading:
    """Read one time-limit cell; never raises for a str (see the module docstring for the
    statuses; a cell that is not a str is :class:`hcc.errors.InvalidInputError`).

    >>> str(read_time_limit("03 ngày làm việc, trường hợp phải xác minh thì không quá 08 ngày làm việc.").limit)
    '03 ngày làm việc; trường hợp phải xác minh thì không quá 08 ngày làm việc'
    >>> read_time_limit("Tùy theo đợt").status
    'unparsed'
    """
    if not isinstance(cell, str):
        raise InvalidInputError("cell", cell, "a str (a table cell)")
    return _read_time_limit(cell)


@lru_cache(maxsize=8192)
def _read_time_limit(cell: str) -> TimeLimitReading:
    text = clean(cell)
    if is_not_stated(text):
        return TimeLimitReading(text=text, status="not_stated")
    if len(text) > MAX_TIME_CELL:
        return TimeLimitReading(
            text=text,
            status="unparsed",
            note=text,
            reason=f"the cell is longer than {MAX_TIME_CELL} characters: not read",
        )
    if _BARE_NUMBER.match(text):
        return TimeLimitReading(
            text=text,
            status="unparsed",
            note=text,
            reason="a number without a unit (ngày, ngày làm việc, tháng, giờ làm việc)",
        )
    folded = fold_text(text)
    if _NO_FIXED.match(folded):
        return TimeLimitReading(
            text=text,
            status="unparsed",
            note=text,
            reason="the record states no fixed time limit",
        )
    work = text
    cut_off = None
    m = _CUT_OFF.search(folded)
    if m and m.start() > 0:
        hour = m.group("h1") or m.group("h2")
        minute = m.group("m1") or m.group("m2") or "00"
        cut_off = f"{int(hour):02d}:{minute}"
        work = text[: m.start()] + text[m.end() :]
        folded = folded[: m.start()] + folded[m.end() :]
    # the cell as published goes to TimeLimit.parse (it reads prose, cut-offs, cases); only when
    # it finds no limit there is the cell brought into the older grammar and tried again
    try:
        limit = TimeLimit.parse(text)
    except TimeLimitParseError as first:
        m2 = _RECEIPT_DAY.match(folded)
        if m2:
            work = ("Ngay trong ngày" if m2.group("ngay") else "Trong ngày") + work[m2.end() :]
        try:
            limit = TimeLimit.parse(work) if work != text else TimeLimit.parse(text)
        except TimeLimitParseError:
            return TimeLimitReading(
                text=text,
                status="unparsed",
                note=text,
                cut_off=cut_off,
                reason=first.reason or "not a time-limit phrase",
            )
    note = None if cut_off is None and _same_words(text, str(limit)) else text
    return TimeLimitReading(text=text, status="parsed", limit=limit, cut_off=cut_off, note=note)
