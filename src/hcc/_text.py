"""Vietnamese text, once for all of hcc: normalising at the boundary, folding for matching.

Below every package in the layers (``errors`` ← ``_text`` / ``_types`` ← ``calendar`` ← ...): each
package imports its text helpers from here, none defines its own.

* ``nfc``: NFC, surrounding white space stripped; every text hcc takes in goes
  through it (the ``Text`` types of ``hcc._types`` apply it).
* ``fold_text``: lower-case ASCII with **one output character per input
  character** (indexes map back), for the parsers of time limits, fees and portal cells.
* ``fold``: the search key of a text (catalogue search): ``fold_text`` of the text
  without its combining marks, punctuation as spaces, dots inside codes kept.
* Portal cells: ``clean`` (markup and odd spaces out),
  ``is_not_stated``, ``to_text``,
  ``canonical_key``, ``split_items``,
  ``split_names``.

Every text hcc takes in goes through [`nfc`][nfc]: NFC normalisation, surrounding white space
stripped, and invisible characters removed. The invisible characters are those that change how a
text looks or is ordered without being seen, the tools of spoofing ("Trojan Source") and the
debris of copy and paste:

- C0 controls other than tab, line feed and carriage return (U+0000–U+0008, U+000B, U+000C,
  U+000E–U+001F), DEL (U+007F) and the C1 controls (U+0080–U+009F);
- zero-width characters and directional marks: U+200B–U+200F, U+2060–U+2064, U+FEFF (a byte-order
  mark inside text), U+061C (Arabic letter mark);
- directional embeddings, overrides and isolates: U+202A–U+202E, U+2066–U+2069.

Names (of procedures, agencies, applicants, offices) are one line: [`name_text`][name_text] also turns
each run of white space (tabs and line breaks included) into one space. Identifiers (procedure
and dossier codes) are then checked against their ASCII patterns, so a stray character left in
one is refused there.

>>> nfc("  Nghi\\u0323 Lộc ") == "Nghị Lộc"
True
>>> fold_text("Không quá 05 NGÀY làm việc")
'khong qua 05 ngay lam viec'
>>> fold("Đăng ký KHAI SINH")
'dang ky khai sinh'
>>> clean("Công an Xã</p> ")
'Công an Xã'
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from functools import lru_cache
from typing import Any, overload

from hcc.errors import InvalidInputError, short_repr

__all__ = [
    "DIGIT_WORDS",
    "INVISIBLE",
    "Token",
    "canonical_key",
    "clean",
    "dump",
    "fold",
    "fold_text",
    "is_not_stated",
    "name_text",
    "nfc",
    "search_tokens",
    "split_items",
    "split_names",
    "strip_invisible",
    "to_text",
    "tokens",
]


DIGIT_WORDS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
"""The Vietnamese words of the digits 0-9 (``DIGIT_WORDS[7] == "bảy"``): the fees write amounts
with them, the time-limit reader reads them."""

# --------------------------------------------------------------------------- normalising


INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\ufeff]"
)
"""The characters [`nfc`][nfc] removes (see the module docstring)."""

_SPACES = re.compile(r"\s+")


def strip_invisible(text: str) -> str:
    """``text`` without the invisible characters of [`INVISIBLE`][INVISIBLE]; tab and line breaks stay.

    >>> strip_invisible("a\\u200b\\tb\\x00")
    'a\\tb'
    """
    # isprintable() is a fast C check; tab and newline make it False as well, so the regex runs
    # only then (Vietnamese text with diacritics is printable)
    return text if text.isprintable() else INVISIBLE.sub("", text)


@overload
def nfc(value: str) -> str: ...
@overload
def nfc(value: Any) -> Any: ...


def nfc(value: Any) -> Any:
    """A str NFC-normalised, invisible characters removed and surrounding white space stripped;
    any other value unchanged (so a pydantic "before" validator leaves type errors to the field's
    own type).

    >>> nfc(" Nghi\\u0323 "), nfc(None), nfc(3)
    ('Nghị', None, 3)
    """
    if isinstance(value, str):
        if not value.isascii():  # ASCII is already NFC; skip the normaliser
            value = unicodedata.normalize("NFC", value)
        return strip_invisible(value).strip()
    return value


@overload
def name_text(value: str) -> str: ...
@overload
def name_text(value: Any) -> Any: ...


def name_text(value: Any) -> Any:
    """A name on one line: [`nfc`][nfc], then every run of white space (tab, line break) made one
    space; any other value unchanged.

    >>> name_text(" Nguyễn\\n\\tVăn  A\\u200d ")
    'Nguyễn Văn A'
    """
    value = nfc(value)
    if isinstance(value, str) and (not value.isprintable() or "  " in value):
        value = _SPACES.sub(" ", value)
    return value


# --------------------------------------------------------------------------- folding


def _fold_char(c: str) -> str:
    if c in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", c)
    kept = "".join(ch for ch in base if not unicodedata.combining(ch))
    low = (kept[:1] or " ").lower()
    return low if len(low) == 1 else kept[:1] or " "


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on demand: each character is folded once, when first seen."""

    def __missing__(self, cp: int) -> str:
        folded = self[cp] = _fold_char(chr(cp))
        return folded


_FOLD_TABLE = _FoldTable()


def fold_text(text: str) -> str:
    """Lower-case ASCII folding with **one output character per input character** (indexes map back).

    Diacritics are dropped, đ/Đ read as d, a lone combining mark as a space; every other
    character is lower-cased when that gives one character.

    >>> fold_text("Lệ phí: 8.000 đồng/bản")
    'le phi: 8.000 dong/ban'
    >>> len(fold_text("Đăng ký")) == len("Đăng ký")
    True
    """
    if len(text) > _CACHED_UP_TO:
        return _fold(text)
    return _fold_cached(text)


_CACHED_UP_TO = 512  # long texts are folded without caching (the cache keeps short phrases)


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)


_fold_cached = lru_cache(maxsize=65536)(_fold)


# One token per match, no alternative can match the same characters as another: ASCII digit runs
# (only ASCII digits are numbers), ASCII letter runs, a line break, or any other single visible
# character. Each alternative is a single character class with one quantifier, so the scan is
# linear in the text.
_TOKEN = re.compile(r"[0-9]+|[a-z]+|\n|[^\sa-z0-9]")

Token = tuple[str, int, int]
"""``(kind, start, end)``: kind is ``"n"`` (digits), ``"w"`` (letters), ``"\\n"`` or the character."""


def tokens(folded: str) -> list[Token]:
    """Split folded text into tokens in one left-to-right pass (the time-limit reader's scanner).

    >>> tokens(fold_text("05 (năm) ngày;"))
    [('n', 0, 2), ('(', 3, 4), ('w', 4, 7), (')', 7, 8), ('w', 9, 13), (';', 13, 14)]
    """
    out: list[Token] = []
    append = out.append
    for m in _TOKEN.finditer(folded):
        s, e = m.span()
        c = folded[s]
        if "0" <= c <= "9":
            append(("n", s, e))
        elif "a" <= c <= "z":
            append(("w", s, e))
        else:
            append((c, s, e))
    return out


_KEEP = re.compile(r"[a-z0-9.]+")


def fold(text: str) -> str:
    """The search key of ``text``: ``fold_text`` of the text without its
    combining marks, punctuation read as spaces, words joined by one space.

    Case, diacritics and đ/Đ do not matter. Dots inside codes are kept (``1.001193``); other
    punctuation separates words.

    >>> fold("  Chứng thực bản sao từ bản chính; (cấp xã) ")
    'chung thuc ban sao tu ban chinh cap xa'
    >>> fold("Mã 1.001193.")
    'ma 1.001193'

    Raises:
        InvalidInputError: ``text`` is not a str.
    """
    if not isinstance(text, str):
        raise InvalidInputError("text", text, "a str")
    return _fold_key(text)


@lru_cache(maxsize=8192)
def _fold_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    if not decomposed.isascii():  # marks dropped first: "a\u0301b" is one word, "ab"
        decomposed = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = fold_text(decomposed)
    return " ".join(w.strip(".") for w in _KEEP.findall(folded) if w.strip("."))


def search_tokens(text: str) -> tuple[str, ...]:
    """The words of the search key of ``text``.

    >>> search_tokens("Đăng  ký")
    ('dang', 'ky')
    """
    return tuple(fold(text).split())


# --------------------------------------------------------------------------- portal cells

_TAG = re.compile(
    r"</?(?:p|br|div|span|b|i|u|em|strong|ul|ol|li|table|tr|td|th|tbody|thead|sup|sub|a|font)"
    r"(?:\s[^<>]*)?/?>",
    re.I,
)
# odd spaces (tab, no-break, zero-width, ideographic, thin) read as plain spaces
_ODD_SPACES = ("\t", "\u00a0", "\u200b", "\ufeff", "\u3000", "\u2009", "\u202f", "\u2007")


@lru_cache(maxsize=32768)
def clean(text: str) -> str:
    """NFC, HTML markup and entities removed, runs of spaces collapsed, lines kept, ends stripped.

    Only markup is removed (``</p>``, ``<br/>``, ``&nbsp;``); the words stay as published.

    >>> clean("  Nộp  hồ sơ&nbsp;tại<br/>xã\\n\\n- Bước 2 ")
    'Nộp hồ sơ tại\\nxã\\n- Bước 2'
    """
    if "<" in text:
        text = _TAG.sub(lambda m: "\n" if m.group(0).lower().startswith("<br") else " ", text)
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        for odd in _ODD_SPACES:  # substring search is fast; a translate table is not
            if odd in text:
                text = text.replace(odd, " ")
    elif "\t" in text:
        text = text.replace("\t", " ")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" in text:
        text = "\n".join(filter(None, map(str.strip, text.split("\n"))))
    if "  " in text:
        text = " ".join(filter(None, text.split(" ")))
    return text.strip()


_NOT_STATED = frozenset(
    {
        "",
        "khong co thong tin",
        "chua co thong tin",
        "khong co du lieu",
        "n/a",
        "-",
        "--",
        "...",
        ".",
    }
)


@lru_cache(maxsize=32768)
def is_not_stated(text: str) -> bool:
    """Whether a cell says nothing: empty, "Không có thông tin", a lone dash.

    >>> is_not_stated(" Không có thông tin. "), is_not_stated("Không quy định")
    (True, False)
    """
    if len(text) > 40:  # every sentinel is short; do not fold long texts for nothing
        return False
    folded = fold_text(text)
    return folded.strip(" .:;") in _NOT_STATED or folded.strip() in _NOT_STATED


def to_text(value: Any) -> str | None:
    """A cell as text: strings cleaned, numbers written out, lists of scalars one per line.

    ``None`` stays ``None``; a mapping or nested list is written as compact JSON (so that nothing
    is lost), which callers flag as unexpected.

    >>> to_text(3), to_text(["Cấp xã", "Cơ quan khác"]), to_text(None)
    ('3', 'Cấp xã\\nCơ quan khác', None)
    """
    if value is None:
        return None
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, list | tuple) and all(
        isinstance(v, str | int | float) and not isinstance(v, bool) for v in value
    ):
        parts = [to_text(v) or "" for v in value]
        return "\n".join(p for p in parts if p)
    return dump(value)


def dump(value: Any) -> str:
    """Compact JSON of any value (non-JSON values through ``repr``).

    >>> dump({"a": [1, None]})
    '{"a": [1, null]}'
    """
    try:
        return json.dumps(value, ensure_ascii=False, default=repr)
    except (ValueError, TypeError, RecursionError):
        return short_repr(value, limit=100_000)  # a repr that cannot fail


_KEY_JUNK = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=4096)
def canonical_key(key: str) -> str:
    """A field name or portal label folded to snake case: ``"Mã thủ tục"`` → ``"ma_thu_tuc"``.

    >>> canonical_key("Cơ quan được ủy quyền"), canonical_key("Số lượng - bản chính")
    ('co_quan_duoc_uy_quyen', 'so_luong_ban_chinh')
    """
    return _KEY_JUNK.sub("_", fold_text(unicodedata.normalize("NFC", key))).strip("_")


_ITEM_SPLIT = re.compile(r"\s*(?:;|\n)\s*")
_BULLET = re.compile(r"^(?:[-+•*–]\s*|\d{1,2}[.)]\s+|[a-zđ][.)]\s+)")


def split_items(text: str) -> list[str]:
    """Split a list cell on ``;`` and line breaks, dropping bullets and empty items.

    >>> split_items("- Ủy ban nhân dân cấp xã;\\n- Công an cấp xã.")
    ['Ủy ban nhân dân cấp xã', 'Công an cấp xã']
    """
    out = []
    for part in _ITEM_SPLIT.split(text):
        item = _BULLET.sub("", part.strip()).strip(" .;,")
        if item:
            out.append(item)
    return out


def split_names(text: str) -> list[str]:
    """Split a list of names (agencies, applicants): like [`split_items`][split_items], and also on commas
    outside parentheses that start a capitalised name ("Công dân Việt Nam, Người nước ngoài").

    >>> split_names("Công dân Việt Nam, Người nước ngoài; Tổ chức (doanh nghiệp, HTX)")
    ['Công dân Việt Nam', 'Người nước ngoài', 'Tổ chức (doanh nghiệp, HTX)']
    >>> split_names("Ủy ban Nhân dân xã, phường, thị trấn.")
    ['Ủy ban Nhân dân xã, phường, thị trấn']
    """
    out: list[str] = []
    for item in split_items(text):
        depth = 0
        start = 0
        for i, c in enumerate(item):
            if c in "([":
                depth += 1
            elif c in ")]":
                depth = max(0, depth - 1)
            elif (
                c == ","
                and depth == 0
                and item[i + 1 : i + 2] == " "
                and item[i + 2 : i + 3].isupper()
            ):
                part = item[start:i].strip(" .;,")
                if part:
                    out.append(part)
                start = i + 1
        last = item[start:].strip(" .;,")
        if last:
            out.append(last)
    return out
