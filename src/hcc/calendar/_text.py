"""Vietnamese text at the boundary, shared by the calendar and the layers above it.

Every text hcc takes in goes through :func:`nfc`: NFC normalisation, surrounding white space
stripped, and invisible characters removed. The invisible characters are those that change how a
text looks or is ordered without being seen, the tools of spoofing ("Trojan Source") and the
debris of copy and paste:

- C0 controls other than tab, line feed and carriage return (U+0000–U+0008, U+000B, U+000C,
  U+000E–U+001F), DEL (U+007F) and the C1 controls (U+0080–U+009F);
- zero-width characters and directional marks: U+200B–U+200F, U+2060–U+2064, U+FEFF (a byte-order
  mark inside text), U+061C (Arabic letter mark);
- directional embeddings, overrides and isolates: U+202A–U+202E, U+2066–U+2069.

Names (of procedures, agencies, applicants, offices) are one line: :func:`name_text` also turns
each run of white space (tabs and line breaks included) into one space. Identifiers (procedure
and dossier codes) are then checked against their ASCII patterns, so a stray character left in
one is refused there.

>>> nfc("  Nghi\\u0323 Lộc ") == "Nghị Lộc"
True
>>> nfc("Nguy\\u200bễn\\u202e Văn A")
'Nguyễn Văn A'
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, overload

__all__ = ["INVISIBLE", "name_text", "nfc", "strip_invisible"]

INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\ufeff]"
)
"""The characters :func:`nfc` removes (see the module docstring)."""

_SPACES = re.compile(r"\s+")


def strip_invisible(text: str) -> str:
    """``text`` without the invisible characters of :data:`INVISIBLE`; tab and line breaks stay.

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
    """A name on one line: :func:`nfc`, then every run of white space (tab, line break) made one
    space; any other value unchanged.

    >>> name_text(" Nguyễn\\n\\tVăn  A\\u200d ")
    'Nguyễn Văn A'
    """
    value = nfc(value)
    if isinstance(value, str) and (not value.isprintable() or "  " in value):
        value = _SPACES.sub(" ", value)
    return value
