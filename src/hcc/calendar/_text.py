"""Vietnamese text at the boundary, shared by the calendar and the layers above it.

>>> nfc("  Nghi\\u0323 Lộc ") == "Nghị Lộc"
True
"""

from __future__ import annotations

import unicodedata
from typing import Any, overload

__all__ = ["nfc"]


@overload
def nfc(value: str) -> str: ...
@overload
def nfc(value: Any) -> Any: ...


def nfc(value: Any) -> Any:
    """A str NFC-normalised with surrounding white space stripped; any other value unchanged
    (so a pydantic "before" validator leaves type errors to the field's own type).

    >>> nfc(" Nghi\\u0323 "), nfc(None), nfc(3)
    ('Nghị', None, 3)
    """
    if isinstance(value, str):
        if not value.isascii():  # ASCII is already NFC; skip the normaliser
            value = unicodedata.normalize("NFC", value)
        return value.strip()
    return value
