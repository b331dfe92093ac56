"""Folding Vietnamese text for pattern matching, shared by the parsers of this layer and above.

>>> fold_text("Không quá 05 NGÀY làm việc")
'khong qua 05 ngay lam viec'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["Token", "fold_text", "tokens"]


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
    """Split folded text into tokens in one left-to-right pass.

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
