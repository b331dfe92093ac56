"""Text helpers for portal records: cleaning, folding, "no information" sentinels and key names.

Everything here is total: any input gives an answer, nothing raises.

>>> clean("Công an Xã</p> ")
'Công an Xã'
>>> fold_text("Không có thông tin")
'khong co thong tin'
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from functools import lru_cache
from typing import Any

from hcc.deadlines._text import fold_text
from hcc.errors import _short_repr

__all__ = [
    "canonical_key",
    "clean",
    "fold_text",
    "is_not_stated",
    "split_items",
    "split_names",
    "to_text",
]

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
        return _short_repr(value, limit=100_000)  # a repr that cannot fail


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
    """Split a list of names (agencies, applicants): like :func:`split_items`, and also on commas
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
