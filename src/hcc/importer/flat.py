"""Segmenting the 2026 national-portal layout: tables flattened into text with no separators.

Scrapes of the national public-service portal (dichvucong.gov.vn, 2026) give each table of a
procedure page as the concatenated text of its cells: the column headers first, then the cells
row after row, nothing between them::

    Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến5 Ngày làm việc2,000,000 Việt Nam Đồng(...)...
    Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai ...Mẫu 01.docx1 bản chính,1 bản sao...
    Tên văn bản pháp lýMã văn bảnLuật Hộ tịch60/2014/QH13Nghị định ...123/2015/NĐ-CP
    Giấy khai sinhMã: KQ.G15.000021Từ khóaKhông có thông tinMô tảKhông có thông tinChọn cơ quan...

The readers here cut such text back into rows with what the portal always puts in a cell: the
known column headers, the channel names, the portal's time-unit picker ("Ngày làm việc", "Ngày",
"Giờ", ...), its fee picker ("Miễn phí", "<amount> Việt Nam Đồng" / "VNĐ" / "USD", an optional
bracketed note), the count column ("1 bản chính,1 bản sao"), document numbers
(``\\d+/\\d{4}/(QH\\d+|NĐ-CP|TT-...)``) and result codes ("Mã: KQ.G01.000020"). Each reader makes
one pass over its text (no pattern that can match one span two ways), returns plain tuples and
never raises; what it cannot place is returned verbatim for the caller to keep.

>>> rows = split_channel_table("Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến5 Ngày làm việc"
...     "Miễn phíNộp qua Cổng dịch vụ công.Trực tiếp12 Ngày50,000 Việt Nam Đồng(/hồ sơ)")
>>> [(r.channel, r.time, r.fee) for r in rows]
[('Trực tuyến', '5 Ngày làm việc', 'Miễn phí'), ('Trực tiếp', '12 Ngày', '50,000 Việt Nam Đồng(/hồ sơ)')]
>>> rows[0].description
'Nộp qua Cổng dịch vụ công.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "CHANNEL_HEADER",
    "DOSSIER_HEADER",
    "LEGAL_HEADER",
    "FlatDocument",
    "FlatLegal",
    "FlatRow",
    "is_channel_table",
    "is_dossier_table",
    "is_legal_table",
    "split_channel_table",
    "split_dossier_table",
    "split_legal_table",
    "split_results",
]

CHANNEL_HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
"""The column headers that open a flattened "Cách thức thực hiện" table."""
DOSSIER_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
"""The column headers that open each case of a flattened "Thành phần hồ sơ" table."""
LEGAL_HEADER = "Tên văn bản pháp lýMã văn bản"
"""The column headers that open a flattened "Căn cứ pháp lý" table."""

# ---------------------------------------------------------------------------- channel rows
# The channel names the portal prints in the first column (longest first, so that "Dịch vụ bưu
# chính công ích" is not read as "Dịch vụ bưu chính" plus a cell starting "công ích").
_CHANNEL_NAMES = (
    "Dịch vụ bưu chính công ích",
    "Dịch vụ bưu chính",
    "Trực tuyến toàn trình",
    "Trực tuyến một phần",
    "Trực tuyến",
    "Trực tiếp",
)
# The time-unit picker of the portal, as it prints it after the number ("5 Ngày làm việc").
_TIME_UNITS = ("Ngày làm việc", "Giờ làm việc", "Ngày", "Giờ", "Tháng", "Năm", "Tuần", "Phút")
# The fee picker: a currency after the amount, or a fixed phrase.
_CURRENCIES = ("Việt Nam Đồng", "VNĐ", "VND", "USD", "EUR", "Đồng", "đồng")
_NOT_STATED = "Không có thông tin"
_FREE = "Miễn phí"
_NUM = re.compile(r"[0-9][0-9.,/]*+")
_NAMES_ALT = "|".join(re.escape(n) for n in _CHANNEL_NAMES)
# a row starts with a channel name glued to its time cell: a digit or a capital (a channel named
# inside a description is followed by a space or punctuation)
_ROW_START = re.compile(rf"(?:{_NAMES_ALT})(?=[0-9A-ZĐÀ-Ỹ])")
# where a fee cell starts, when the time cell is prose ("Không phải trả kết quả ...")
_FEE_START = re.compile(
    rf"{_FREE}|{_NOT_STATED}|(?<![0-9.,])[0-9][0-9.,]*+ ?(?:" + "|".join(_CURRENCIES) + ")"
)
# "(1) Trường hợp ...", "(i) ...", "(a) ...": a description's first item, not a fee note
_ENUMERATOR = re.compile(r"\((?:[0-9]{1,2}|[ivx]{1,4}|[a-zđ])\)")
_AMOUNT = re.compile(r"0|[1-9][0-9]*|[1-9][0-9]{0,2}(?:,[0-9]{3})+|[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
_MAX_GLUED = 24  # digits: a time and an amount run together are never longer
_NOTE_AMOUNT = re.compile(
    r"(?<![0-9.,])([0-9]{1,3}(?:[.,][0-9]{3})+|[0-9]+)\s*(?:đồng|đ|vnđ|vnd)(?![a-zà-ỹ])", re.I
)


@dataclass(frozen=True, slots=True)
class FlatRow:
    """One row of a flattened "Cách thức thực hiện" table.

    ``channel`` is the first cell as printed; ``time`` the time cell ("5 Ngày làm việc", "1",
    "Không có thông tin", or ``""``); ``fee`` the fee cell with its bracketed note
    ("50,000 Việt Nam Đồng(/hồ sơ)"); ``description`` the rest of the row. ``split_doubt`` says
    why the time and fee cells could not be told apart for sure (a bare number glued to an
    amount: "Trực tuyến120 VNĐ"), else ``None``.

    >>> FlatRow("Trực tiếp", "5 Ngày làm việc", "Miễn phí", "").time
    '5 Ngày làm việc'
    """

    channel: str
    time: str
    fee: str
    description: str
    split_doubt: str | None = None


def is_channel_table(text: str) -> bool:
    """Whether ``text`` is a flattened channel table (starts with its column headers; a variant
    wording of the middle headers, "Thời hạn giải quyết" for "Thời gian", is accepted).

    >>> is_channel_table("Hình thức nộpThời gianPhí, lệ phíMô tả"), is_channel_table("Trực tiếp")
    (True, False)
    """
    head = text.lstrip()[:120]
    return head.startswith(CHANNEL_HEADER) or (
        head.startswith("Hình thức nộp") and "Phí, lệ phí" in head
    )


def _after_header(body: str, header: str, last_words: tuple[str, ...]) -> str:
    """The text after a table's column headers: the exact header, else up to the first of
    ``last_words`` (the last header) within the first 120 characters."""
    if body.startswith(header):
        return body[len(header) :]
    for w in last_words:
        i = body.find(w, 0, 120)
        if i != -1:
            return body[i + len(w) :]
    return body


def _starts(text: str, pos: int, words: tuple[str, ...]) -> str | None:
    for w in words:
        if text.startswith(w, pos):
            return w
    return None


def _note_end(text: str, pos: int, end: int) -> int:
    """The end of a bracketed note opening at ``pos`` (one pass, depth counting); ``end`` when
    the brackets do not close in the row (the portal cut the note short: the rest of the row is
    the note, not a description)."""
    depth = 0
    for i in range(pos, end):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return end


def _split_glued(digits: str, note: str, times: list[str]) -> tuple[str, str, str | None]:
    """Split a bare time number glued to an amount ("120" = time "1" + amount "20").

    Candidates keep a non-empty time (an integer) and a well-formed amount. Evidence, in order:
    an amount written in the note equal to the amount (or to it in thousands); the time the
    other rows of the table state. Without evidence the shortest time is taken, with a doubt.
    """
    if len(digits) > _MAX_GLUED:
        return "", digits, "the time and fee cells cannot be told apart"
    cands = [
        (digits[:i], digits[i:])
        for i in range(1, len(digits))
        if digits[:i].isdigit() and _AMOUNT.fullmatch(digits[i:])
    ]
    if not cands:
        return "", digits, "the time and fee cells cannot be told apart"
    if len(cands) == 1:
        return cands[0][0], cands[0][1], None
    in_note = {
        int(m.group(1).replace(".", "").replace(",", "")) for m in _NOTE_AMOUNT.finditer(note)
    }
    if in_note:
        hits = [
            c
            for c in cands
            if int(c[1].replace(",", "").replace(".", "")) in in_note
            or int(c[1].replace(",", "").replace(".", "")) * 1000 in in_note
        ]
        if len(hits) == 1:
            return hits[0][0], hits[0][1], None
    same = [c for c in cands if c[0] in times]
    if len(same) == 1:
        return same[0][0], same[0][1], None
    t, f = cands[0]
    return t, f, f"'{digits}' may be time {t} and amount {f} or another split"


def split_channel_table(text: str) -> list[FlatRow]:
    """Cut a flattened channel table into rows (see :class:`FlatRow`).

    A row starts at a channel name glued to a time or fee cell. The time cell is a number with an
    optional unit from the portal's picker, or "Không có thông tin"; the fee cell is "Miễn phí",
    "Không có thông tin" or an amount with its currency, each optionally followed by a bracketed
    note; the description runs to the next row. Text before the first row (after the headers) is
    returned as a row with an empty ``channel``. Linear in the text.

    >>> [(r.time, r.fee, r.split_doubt) for r in split_channel_table(
    ...     "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến120 VNĐ(20.000 vnđ /tờ khai)")]
    [('1', '20 VNĐ(20.000 vnđ /tờ khai)', None)]
    """
    body = _after_header(text.strip(), CHANNEL_HEADER, ("Mô tả", "Phí, lệ phí"))
    starts = [m.start() for m in _ROW_START.finditer(body)]
    rows: list[FlatRow] = []
    if not starts:
        return [FlatRow("", "", "", body.strip())] if body.strip() else []
    if body[: starts[0]].strip():
        rows.append(FlatRow("", "", "", body[: starts[0]].strip()))
    raw: list[tuple[str, str, str, str, str]] = []  # channel, time, glued digits, fee, description
    for k, s in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(body)
        name = _starts(body, s, _CHANNEL_NAMES) or ""
        pos = s + len(name)
        time = ""
        glued = ""
        if body.startswith(_NOT_STATED, pos):
            time = _NOT_STATED
            pos += len(_NOT_STATED)
        else:
            m = _NUM.match(body, pos, end)
            if m:
                after = m.end()
                sp = after + 1 if body[after : after + 1] == " " else after
                unit = _starts(body, sp, _TIME_UNITS)
                cur = _starts(body, sp, _CURRENCIES)
                if unit is not None and cur is None:
                    time = body[pos:sp] + unit
                    pos = sp + len(unit)
                elif cur is not None:
                    glued = m.group(0)  # a bare time glued to an amount, or an amount alone
                else:
                    time = m.group(0)
                    pos = after
            else:  # a time cell in words: up to where the fee cell starts
                f = _FEE_START.search(body, pos, end)
                if f is not None:
                    time = body[pos : f.start()]
                    pos = f.start()
        # the fee cell
        fee_start = pos
        if glued:
            pos += len(glued)
            sp = pos + 1 if body[pos : pos + 1] == " " else pos
            pos = sp + len(_starts(body, sp, _CURRENCIES) or "")
        elif body.startswith(_FREE, pos):
            pos += len(_FREE)
        elif body.startswith(_NOT_STATED, pos):
            pos += len(_NOT_STATED)
        else:
            m = _NUM.match(body, pos, end)
            if m:
                sp = m.end() + 1 if body[m.end() : m.end() + 1] == " " else m.end()
                cur = _starts(body, sp, _CURRENCIES)
                if cur is not None:
                    pos = sp + len(cur)
        if pos < end and body[pos] == "(" and not _ENUMERATOR.match(body, pos, end):
            pos = _note_end(body, pos, end)
        raw.append((name, time, glued, body[fee_start:pos], body[pos:end].strip()))
    times = [t for _, t, g, _, _ in raw if t and not g]
    for name, time, glued, fee, desc in raw:
        doubt = None
        if glued:
            note = fee[fee.find("(") :] if "(" in fee else ""
            time_part, amount_part, doubt = _split_glued(
                glued, note, [t.split(" ")[0] for t in times]
            )
            time = time_part
            fee = amount_part + fee[len(glued) :]
        rows.append(FlatRow(name, time, fee.strip(), desc, doubt))
    return rows


# ---------------------------------------------------------------------------- dossier
# the count column, glued to the next row's name; "01 bản chính danh sách ..." (a space and a
# lower-case word after it) and "...: 01 bản chính.1 bản chính" (another count right after it)
# are the name's own words
_COUNT = re.compile(
    r"(?<![0-9])(?:([0-9]++) bản chính(?:,\s*+([0-9]++) bản sao)?|([0-9]++) bản sao)"
    r"(?! [a-zà-ỹđ])(?![.;:]?\s?[0-9]+ bản (?:chính|sao))"
)
_FORM_EXT_END = re.compile(r"\.(?:docx?|xlsx?|pdf|odt|ods|rtf|rar|zip|jpe?g|png)\Z", re.I)
_MAX_FORMS = 5
_MAX_FORM_NAME = 120


@dataclass(frozen=True, slots=True)
class FlatDocument:
    """One row of a flattened dossier table: the case it belongs to, the document's name, its
    form file names and counts. ``originals``/``copies`` are ``None`` when the row has no count.

    >>> FlatDocument(None, "Tờ khai", ("Mau01.docx",), 1, 0).forms
    ('Mau01.docx',)
    """

    case: str | None
    name: str
    forms: tuple[str, ...]
    originals: int | None
    copies: int | None


def is_dossier_table(text: str) -> bool:
    """Whether ``text`` holds a flattened dossier table (its column headers appear in it).

    >>> is_dossier_table("--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai1 bản chính")
    True
    """
    return DOSSIER_HEADER in text


def _count_digits(run: str, name_before: str) -> tuple[str, str]:
    """Split a digit run before "bản chính" into (digits glued to the name, the count).

    The portal prints counts without leading zeros; a longer run ends a name that ended with
    digits ("... Điều 18" + "1 bản chính"). A run of one digit is the count; otherwise the count
    is the last digit unless the name would then end in the middle of a number written with a
    leading zero ("01" is "0" + "1" only when the name part is not empty).
    """
    if len(run) == 1 or not name_before.strip():
        return "", run
    return run[:-1], run[-1]


def _split_forms(text: str) -> tuple[str, tuple[str, ...]]:
    """Take the form file names ("Mẫu 01.docx") off the end of a document name (at most
    :data:`_MAX_FORMS` names of at most :data:`_MAX_FORM_NAME` characters: linear in the text)."""
    forms: list[str] = []
    rest = text.rstrip()
    for _ in range(_MAX_FORMS):
        m = _FORM_EXT_END.search(rest, max(0, len(rest) - 6))
        if m is None:
            break
        stem_end = m.start()
        # a file name starts after the last sentence boundary or at a lower→upper change with no
        # space ("...kèm theo Thông tư 01/2018/TT-BTP)Mau01.docx", "(bản chính).Mẫu số 02.docx")
        i = stem_end
        stop = max(0, stem_end - _MAX_FORM_NAME)
        while i > stop:
            c = rest[i - 1]
            if c in ".;:)]\n\t":
                break
            if c.isupper() and i - 2 >= 0 and rest[i - 2].islower():
                i -= 1
                break
            i -= 1
        if i >= stem_end or (i == stop and stop > 0):
            break
        forms.insert(0, rest[i : m.end()].strip())
        rest = rest[:i].rstrip()
    return rest.strip(), tuple(forms)


def split_dossier_table(text: str) -> tuple[list[FlatDocument], list[str]]:
    """Cut a flattened dossier into documents, with the case each belongs to.

    The text holds one or more cases, each "<case title>Tên giấy tờMẫu đơn, tờ khaiSố lượng"
    followed by rows "<name><form files><N bản chính[,M bản sao]>". A case title of "--" (or
    nothing) is the general case (``None``). Returns the documents and the text pieces that are
    no document (a trailing name without counts, kept by the caller).

    >>> docs, left = split_dossier_table("--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai theo mẫu"
    ...     ";Mau TK1.docx1 bản chínhGiấy tờ tùy thân0 bản chính,1 bản sao")
    >>> [(d.name, d.forms, d.originals, d.copies) for d in docs], left
    ([('Tờ khai theo mẫu', ('Mau TK1.docx',), 1, 0), ('Giấy tờ tùy thân', (), 0, 1)], [])
    """
    docs: list[FlatDocument] = []
    left: list[str] = []
    parts = text.split(DOSSIER_HEADER)
    pending_case = parts[0]
    for k in range(1, len(parts)):
        case_title = pending_case.strip().strip("-").strip().rstrip(":").strip() or None
        seg = parts[k]
        # the next case's title is whatever follows the last count of this segment
        pos = 0
        rows: list[tuple[str, int | None, int | None]] = []
        for m in _COUNT.finditer(seg):
            piece = seg[pos : m.start()]
            if m.group(3) is not None:  # "N bản sao" alone: only at a row end
                run = m.group(3)
                glued, count = _count_digits(run, piece)
                rows.append((piece + glued, 0, int(count)))
            else:
                glued, count = _count_digits(m.group(1), piece)
                rows.append(
                    (piece + glued, int(count), int(m.group(2)) if m.group(2) is not None else 0)
                )
            pos = m.end()
        tail = seg[pos:]
        if k + 1 < len(parts):
            pending_case = tail
        elif tail.strip():
            left.append(tail.strip())
        for name_text, o, c in rows:
            name, forms = _split_forms(name_text.strip())
            name = name.strip(" \t;,")
            if not name:
                if forms:
                    name = forms[0]
                else:
                    continue
            docs.append(FlatDocument(case_title, name, forms, o, c))
    if len(parts) == 1 and text.strip():
        left.append(text.strip())
    return docs, left


# ---------------------------------------------------------------------------- legal basis
# A document number: digits, an optional year, then a type and issuer in capitals joined by "-"
# ("23/2015/NĐ-CP", "60/2014/QH13", "5568/QĐ-BCA", "02/2026/TT-BNNMT"). Possessive runs: the
# number is read once, with no second way to match it.
_DOC_NUMBER_HERE = re.compile(
    r"[0-9]++(?:/[0-9]{4})?/[A-ZĐ][A-ZĐ0-9]*+(?:-(?:TTg(?![a-zà-ỹ])|[A-ZĐ0-9]*+))*+"
)
_DOC_NUMBER = re.compile(
    r"(?<![0-9])[0-9]++(?:/[0-9]{4})?/[A-ZĐ][A-ZĐ0-9]*+(?:-(?:TTg(?![a-zà-ỹ])|[A-ZĐ0-9]*+))*+"
)
# words a title can start with, folded: a number's capitals stop where one of them begins
_TITLE_STARTS = (
    "QUY",
    "QUYẾT",
    "LUẬT",
    "NGHỊ",
    "THÔNG",
    "HƯỚNG",
    "SỬA",
    "BAN",
    "VỀ",
    "BỘ",
    "PHÁP",
    "VĂN",
    "CÔNG",
    "CHỈ",
    "KẾ",
    "BIỂU",
    "MỨC",
    "DANH",
    "ĐIỀU",
    "PHÍ",
    "LỆ",
)


_LEGAL_LAST = ("Mã văn bản", "Số hiệu văn bản", "Số ký hiệu")


@dataclass(frozen=True, slots=True)
class FlatLegal:
    """One legal-basis row: the title cell as printed and the document number.

    >>> FlatLegal("Luật Hộ tịch", "60/2014/QH13").number
    '60/2014/QH13'
    """

    title: str
    number: str


def is_legal_table(text: str) -> bool:
    """Whether ``text`` is a flattened legal-basis table (starts with its column headers; "Số
    hiệu văn bản" or "Số ký hiệu" for "Mã văn bản" is accepted).

    >>> is_legal_table("Tên văn bản pháp lýMã văn bảnLuật Hộ tịch60/2014/QH13")
    True
    """
    head = text.lstrip()[:120]
    return head.startswith(LEGAL_HEADER) or (
        head.startswith("Tên văn bản") and any(w in head for w in _LEGAL_LAST)
    )


def _trim_number(number: str, rest: str) -> tuple[str, str]:
    """Give back the start of the next title that the number's capitals took.

    A title in mixed case gives back its first capital ("25/2021/TT-BTCThông tư" reads
    "TT-BTCT" up to the lower-case "h"); an all-capitals title gives back a title-start word
    ("25/2021/TT-BTCQUY ĐỊNH").
    """
    last = number.rsplit("-", 1)[-1] if "-" in number else number.rsplit("/", 1)[-1]
    if rest[:1].islower() and len(last) > 1 and last[-1].isalpha():
        return number[:-1], number[-1] + rest
    upper_rest = rest[:12].upper()
    for cut in range(max(1, len(last) - 8), len(last)):
        tail = last[cut:]
        if tail[0].isdigit():
            continue
        joined = tail + upper_rest
        for w in _TITLE_STARTS:
            if joined.startswith(w) and not joined[len(w) : len(w) + 1].isalpha():
                return number[: len(number) - len(tail)], tail + rest
    return number, rest


def split_legal_table(text: str) -> tuple[list[FlatLegal], list[str]]:
    """Cut a flattened legal-basis table into (title, number) pairs.

    Each row is a title cell followed by its number cell with nothing between; a title often
    names the number itself ("Nghị định 126/2020/NĐ-CP126/2020/NĐ-CP"). A number is the number
    cell when it ends the text or is glued to what follows (a number inside a title is followed
    by a space or punctuation). Returns the pairs and the pieces with no number (kept by the
    caller).

    >>> pairs, left = split_legal_table("Tên văn bản pháp lýMã văn bảnLuật Hộ tịch60/2014/QH13"
    ...     "Nghị định 123/2015/NĐ-CP123/2015/NĐ-CPQUY ĐỊNH MỨC THU LỆ PHÍ281/2016/TT-BTC")
    >>> [(p.title, p.number) for p in pairs]
    [('Luật Hộ tịch', '60/2014/QH13'), ('Nghị định 123/2015/NĐ-CP', '123/2015/NĐ-CP'), ('QUY ĐỊNH MỨC THU LỆ PHÍ', '281/2016/TT-BTC')]
    """
    body = _after_header(text.strip(), LEGAL_HEADER, _LEGAL_LAST)
    pairs: list[FlatLegal] = []
    left: list[str] = []
    pos = 0
    title_start = 0
    while True:
        # right after a number whose digits were given back, the next number starts there (its
        # first digit follows a digit: the search's look-behind would skip it)
        m = _DOC_NUMBER_HERE.match(body, pos) if body[pos - 1 : pos].isdigit() else None
        if m is None:
            m = _DOC_NUMBER.search(body, pos)
        if m is None:
            break
        number = m.group(0).rstrip("-")
        if body[m.end() : m.end() + 1] == "/":
            # the capitals ran into the next number's serial ("NĐ-CP" + "123/2015/..."): give
            # the digits back (a National Assembly number keeps its session: "QH13")
            stem = number.rstrip("0123456789")
            keep = 2 if stem.endswith("QH") else 0
            number = number[: len(stem) + keep] if len(number) - len(stem) > keep else number
        end = m.start() + len(number)
        number, _ = _trim_number(number, body[end : end + 16])
        end = m.start() + len(number)
        nxt = body[end : end + 1]
        if nxt and (nxt in " \t\n,.;:)" or nxt.islower() or nxt.isdigit()):
            pos = max(end, m.start() + 1)  # a number cited inside the title
            continue
        title = body[title_start : m.start()]
        # a title that ends in digits glues them to the number ("... sửa đổi 2023" +
        # "23/2023/QH15")
        start = m.start()
        num_digits = len(number) - len(number.lstrip("0123456789"))
        cand = _glued_number(body, start, number, num_digits)
        if cand is not None:
            start, number = cand
            title = body[title_start:start]
        if title.strip():
            pairs.append(FlatLegal(title.strip(), number))
        else:
            pairs.append(FlatLegal("", number))
        title_start = pos = end
    tail = body[title_start:].strip()
    if tail:
        # a number cell without its type ("... 24/2024/QĐ-UBND ...24/2024"): the title names it
        cited = list(dict.fromkeys(m.group(0).rstrip("-") for m in _DOC_NUMBER.finditer(tail)))
        if len(cited) == 1:
            pairs.append(FlatLegal(tail, cited[0]))
        else:
            left.append(tail)
    return pairs, left


def _names(title: str, number: str) -> bool:
    """Whether ``title`` cites ``number`` as a whole (not as the tail of a longer number)."""
    i = title.find(number)
    while i != -1:
        if (i == 0 or not title[i - 1].isdigit()) and not title[
            i + len(number) : i + len(number) + 1
        ].isalnum():
            return True
        i = title.find(number, i + 1)
    return False


def _glued_number(body: str, start: int, number: str, digits: int) -> tuple[int, str] | None:
    """When a title ending in digits is glued to a number ("... 2023" + "23/2023/QH15"), find
    where the number starts: a split whose number the title names, else, for a serial of five
    digits or more that starts with a year (19xx, 20xx), the split after the year."""
    if digits <= 1 or digits > 12:
        return None
    serial, rest = number[:digits], number[digits:]
    title_before = body[max(0, start - 400) : start]
    if _names(title_before, number):
        return None
    for i in range(1, digits):
        cand = serial[i:] + rest
        if _names(title_before, cand):
            return start + i, cand
    if digits >= 5 and serial[:2] in ("19", "20"):
        return start + 4, serial[4:] + rest
    return None


# ---------------------------------------------------------------------------- results
_RESULT_CODE = re.compile(r"Mã\s*:\s*([A-Z0-9][A-Z0-9.\-]*[0-9])")
_RESULT_TAIL = ("Từ khóa", "Mô tả", "Chọn cơ quan thực hiện")


def split_results(text: str) -> tuple[list[tuple[str, str | None]], list[tuple[str, str]]]:
    """Results with their codes from a flattened "Kết quả xử lý" cell, and what follows them.

    Each result is "<name>Mã: <code>". The page's next blocks follow the last result: "Từ khóa",
    "Mô tả" and the page's controls ("Chọn cơ quan thực hiện ... Nộp hồ sơ"); they are returned
    as (label, text) for the caller to keep.

    >>> split_results("Giấy khai sinhMã: KQ.G15.000021Bản saoMã: KQ.G15.000022Từ khóaKhông có "
    ...     "thông tinMô tảKhông có thông tinChọn cơ quan thực hiệnTỉnh/ Thành phốNộp hồ sơ")
    ([('Giấy khai sinh', 'KQ.G15.000021'), ('Bản sao', 'KQ.G15.000022')], [('Từ khóa', 'Không có thông tin'), ('Mô tả', 'Không có thông tin'), ('Chọn cơ quan thực hiện', 'Tỉnh/ Thành phốNộp hồ sơ')])
    """
    cut = len(text)
    for label in _RESULT_TAIL:
        i = text.find(label)
        if i != -1 and i < cut:
            # a label inside a result name is followed by a space; the page's is glued
            cut = i
    head, tail = text[:cut], text[cut:]
    results: list[tuple[str, str | None]] = []
    pos = 0
    for m in _RESULT_CODE.finditer(head):
        name = head[pos : m.start()].strip(" .;/")
        if name:
            results.append((name, m.group(1)))
        pos = m.end()
    rest = head[pos:].strip(" .;/")
    if rest:
        results.append((rest, None))
    extras: list[tuple[str, str]] = []
    marks = sorted((i, label) for label in _RESULT_TAIL if (i := tail.find(label)) != -1)
    for k, (i, label) in enumerate(marks):
        j = marks[k + 1][0] if k + 1 < len(marks) else len(tail)
        extras.append((label, tail[i + len(label) : j].strip()))
    return results, extras
