"""Folding Vietnamese text for search: case, diacritics and đ/Đ do not matter.

>>> fold("Đăng ký KHAI SINH")
'dang ky khai sinh'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from hcc.errors import InvalidInputError

__all__ = ["fold", "tokens"]

_KEEP = re.compile(r"[a-z0-9.]+")
_DD = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower-case ASCII form: diacritics dropped, đ/Đ read as d, punctuation as spaces.

    Dots inside codes are kept (``1.001193``); other punctuation separates words.

    >>> fold("  Chứng thực bản sao từ bản chính; (cấp xã) ")
    'chung thuc ban sao tu ban chinh cap xa'
    >>> fold("Mã 1.001193.")
    'ma 1.001193'

    Raises:
        InvalidInputError: ``text`` is not a str.
    """
    if not isinstance(text, str):
        raise InvalidInputError("text", text, "a str")
    return _fold(text)


@lru_cache(maxsize=8192)
def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_DD))
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(w.strip(".") for w in _KEEP.findall(ascii_only) if w.strip("."))


def tokens(text: str) -> tuple[str, ...]:
    """The folded words of ``text``.

    >>> tokens("Đăng  ký")
    ('dang', 'ky')
    """
    return tuple(fold(text).split())
