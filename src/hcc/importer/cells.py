"""Readers for single portal cells: levels, channel names, counts, legal documents, steps, results.

Each reader is total (never raises) and returns what it understood plus what it did not, verbatim.

>>> read_levels("Cấp xã, Cơ quan khác")
(('commune', 'other'), ())
>>> read_counts("Bản chính: 1 - Bản sao: 0")
(1, 0)
>>> d = read_legal_line("60/2014/QH13 - Luật Hộ tịch")
>>> d.number, d.title
('60/2014/QH13', 'Luật Hộ tịch')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from hcc.errors import InvalidInputError
from hcc.importer._text import fold_text, split_items

__all__ = [
    "LegalLine",
    "read_channel_kind",
    "read_counts",
    "read_date",
    "read_legal_line",
    "read_levels",
    "read_results",
    "split_steps",
]

_LEVELS: tuple[tuple[str, str], ...] = (
    ("cap bo", "central"),
    ("cap trung uong", "central"),
    ("trung uong", "central"),
    ("central", "central"),
    ("cap tinh", "province"),
    ("province", "province"),
    ("cap huyen", "district"),
    ("district", "district"),
    ("cap xa", "commune"),
    ("commune", "commune"),
    ("co quan khac", "other"),
    ("other", "other"),
)


def _check_cell(text: object) -> None:
    if not isinstance(text, str):
        raise InvalidInputError("text", text, "a str (a table cell)")


def read_levels(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The levels (``Level`` values, first-seen order, no repeats) and the items not recognised.

    Items are separated by ``,``, ``;``, ``/``, line breaks or "và".

    >>> read_levels("Cấp Tỉnh; Cấp Huyện, Cấp thôn")
    (('province', 'district'), ('Cấp thôn',))
    """
    _check_cell(text)
    found: list[str] = []
    unknown: list[str] = []
    for item in re.split(r"\s*(?:[,;/\n]|\bvà\b)\s*", text):
        item = item.strip(" .-")
        if not item:
            continue
        f = fold_text(item).strip()
        hit = next((lv for key, lv in _LEVELS if f == key or f.startswith(key + " ")), None)
        if hit is None:
            unknown.append(item)
        elif hit not in found:
            found.append(hit)
    return tuple(found), tuple(unknown)


def read_channel_kind(text: str) -> str | None:
    """The ``ChannelKind`` value of a "Hình thức nộp" cell, or ``None`` if it names no channel.

    >>> read_channel_kind("Dịch vụ bưu chính công ích"), read_channel_kind("Trực tuyến toàn trình")
    ('postal', 'online')
    """
    _check_cell(text)
    f = fold_text(text)
    if "truc tiep" in f or f.strip() == "direct":
        return "direct"
    if "truc tuyen" in f or "qua mang" in f or f.strip() == "online":
        return "online"
    if "buu chinh" in f or "buu dien" in f or f.strip() == "postal":
        return "postal"
    return None


_ORIG = re.compile(r"ban chinh\s*[:\-]?\s*(\d{1,4})")
_COPY = re.compile(r"ban sao\s*[:\-]?\s*(\d{1,4})")
_ONLY_INT = re.compile(r"^\s*(\d{1,4})\s*(?:ban)?\s*$")


def read_counts(text: str) -> tuple[int, int] | None:
    """Originals and copies from "Bản chính: 1 - Bản sao: 0" (either part may be missing: 0).

    ``None`` when neither is stated.

    >>> read_counts("Bản sao: 2"), read_counts("01 bộ")
    ((0, 2), None)
    """
    _check_cell(text)
    f = fold_text(text)
    o = _ORIG.search(f)
    c = _COPY.search(f)
    if not o and not c:
        return None
    return (int(o.group(1)) if o else 0, int(c.group(1)) if c else 0)


def read_bare_count(text: str) -> int | None:
    """A cell that is only a number ("1", "02 bản").

    >>> read_bare_count("02"), read_bare_count("hai")
    (2, None)
    """
    m = _ONLY_INT.match(fold_text(text))
    return int(m.group(1)) if m else None


_DATE_DMY = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def read_date(text: str) -> dt.date | None:
    """The first date written ``dd/mm/yyyy`` (or ISO) in ``text``; ``None`` if none is valid.

    >>> read_date("ngày 15/5/2021"), read_date("31/02/2021")
    (datetime.date(2021, 5, 15), None)
    """
    m = _DATE_ISO.search(text)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = _DATE_DMY.search(text)
        if not m:
            return None
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


# 60/2014/QH13, 23/2015/NĐ-CP, 01/2018/TT-VPCP, 3152/QĐ-BTP, 56/2021/TT-BCA, 1872/QĐ-BTP
_NUMBER = re.compile(
    r"(?<![\w/])(\d{1,5}(?:/\d{4})?/[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*)(?![\w/])", re.UNICODE
)
_SO_BEFORE = re.compile(r"(?i)\s*\bsố\s*:?\s*$")
_DATE_AFTER = re.compile(r"^\s*,?\s*(?:ngày|ban hành ngày)\s+(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})", re.I)


@dataclass(frozen=True, slots=True)
class LegalLine:
    """A legal-basis line split into its document number, title (the rest, as written) and date.

    >>> read_legal_line("Thông tư số 56/2021/TT-BCA ngày 15/5/2021 quy định về biểu mẫu").issued_on
    datetime.date(2021, 5, 15)
    """

    number: str
    title: str | None
    issued_on: dt.date | None


def read_legal_line(text: str) -> LegalLine | None:
    """Split "Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 về ..." into number and title.

    The title is the line without the number (and without the "số" before it); the words are
    otherwise kept as written. ``issued_on`` is the date right after the number, if any.
    ``None`` when the line holds no document number.

    >>> d = read_legal_line("Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ")
    >>> d.number, d.title, d.issued_on
    ('23/2015/NĐ-CP', 'Nghị định ngày 16/02/2015 của Chính phủ', datetime.date(2015, 2, 16))
    >>> read_legal_line("Luật Hộ tịch") is None
    True
    """
    _check_cell(text)
    m = _NUMBER.search(text)
    if not m:
        return None
    before = _SO_BEFORE.sub("", text[: m.start()])
    after = text[m.end() :]
    dm = _DATE_AFTER.match(after)
    issued = read_date(dm.group(1)) if dm else None
    title = " ".join(f"{before.strip(' -–:;,.')} {after.strip(' -–:;,')}".split()).strip(" -–:;,")
    return LegalLine(number=m.group(1), title=title or None, issued_on=issued)


_STEP_MARK = re.compile(r"(?:Bước|BƯỚC|bước)\s+\d+\s*[:.\-–]")
_BULLET_LINE = re.compile(r"\n(?=\s*[-•]\s)")


def split_steps(text: str) -> list[str]:
    """The steps of "Trình tự thực hiện": split before each "Bước n", else on line bullets.

    Each step keeps its words as written (the leading bullet is dropped).

    >>> split_steps("- Bước 1: Nộp hồ sơ. \\n- Bước 2: Nhận kết quả.")
    ['Bước 1: Nộp hồ sơ.', 'Bước 2: Nhận kết quả.']
    """
    cuts = []
    for m in _STEP_MARK.finditer(text):
        i = m.start()
        if i > 0 and not text[i - 1].isspace() and text[i - 1] not in "-•+":
            continue  # inside a word
        j = i
        while j > 0 and text[j - 1] in " \t-•+":
            j -= 1  # take the bullet along
        cuts.append(j)
    if cuts:
        bounds = [0, *cuts] if cuts[0] > 0 else cuts
        parts = [text[a:b] for a, b in zip(bounds, [*bounds[1:], len(text)], strict=True)]
    elif "\n" in text:
        parts = _BULLET_LINE.split(text)
    else:
        parts = [text]
    out = []
    for p in parts:
        p = p.strip()
        if p[:1] in ("-", "•", "+"):
            p = p[1:].strip()
        if p.strip(" -.;"):
            out.append(p)
    return out


_RESULT_CODE = re.compile(r"\bKQ\.[A-Z0-9]+\.\d+\b")


def read_results(text: str) -> list[tuple[str, str | None]]:
    """Results (name, code) from a "Kết quả" cell: one per line or ``;``; codes like ``KQ.G15.000021``.

    >>> read_results("KQ.G15.000021 - Giấy khai sinh; Bản sao Giấy khai sinh")
    [('Giấy khai sinh', 'KQ.G15.000021'), ('Bản sao Giấy khai sinh', None)]
    """
    out: list[tuple[str, str | None]] = []
    for item in split_items(text):
        m = _RESULT_CODE.search(item)
        code = m.group(0) if m else None
        name = (item[: m.start()] + " " + item[m.end() :]).strip(" -:;,.") if m else item
        name = " ".join(name.split())
        if name:
            out.append((name, code))
    return out
