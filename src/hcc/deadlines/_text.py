"""Folding Vietnamese text for pattern matching, shared by the parsers of this layer and above.

>>> fold_text("Không quá 05 NGÀY làm việc")
'khong qua 05 ngay lam viec'
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["fold_text"]


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


@lru_cache(maxsize=65536)
def fold_text(text: str) -> str:
    """Lower-case ASCII folding with **one output character per input character** (indexes map back).

    Diacritics are dropped, đ/Đ read as d, a lone combining mark as a space; every other
    character is lower-cased when that gives one character.

    >>> fold_text("Lệ phí: 8.000 đồng/bản")
    'le phi: 8.000 dong/ban'
    >>> len(fold_text("Đăng ký")) == len("Đăng ký")
    True
    """
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)
