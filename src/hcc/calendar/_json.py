"""Reading JSON and text files strictly, shared by the calendar and the layers above it.

- a key that occurs twice in one object is an error naming the key (``json`` would keep the last
  value silently);
- ``NaN``, ``Infinity`` and ``-Infinity`` (which ``json`` accepts) are not JSON and are refused;
- nesting deeper than :data:`MAX_NESTING` levels is refused, and so is nesting too deep for the
  parser itself (``RecursionError`` never escapes);
- bytes that are not UTF-8 are refused with the offset, the byte and a guess at the encoding they
  are in (UTF-16, or an 8-bit code page such as Windows-1258 or latin-1).

>>> loads('{"a": 1, "a": 2}')
Traceback (most recent call last):
...
hcc.calendar._json.JsonProblem: duplicate key 'a' in one JSON object (line 1, column 1)
"""

from __future__ import annotations

import codecs
import json
from typing import Any

__all__ = ["MAX_NESTING", "JsonProblem", "decode_utf8", "depth_exceeds", "loads"]

MAX_NESTING = 32
"""The deepest nesting of arrays and objects (tables in TOML) hcc reads from a data file; its own
formats need at most 6 levels."""


class JsonProblem(ValueError):
    """Why a text is not acceptable JSON (or UTF-8): ``kind`` is one of ``invalid_json``,
    ``duplicate_key``, ``too_deep``, ``encoding``; ``key`` the duplicated key, if any.

    The public loaders turn it into their own documented error (``OverrideError``,
    ``CatalogueValidationError`` or a catalogue report's problem).

    >>> JsonProblem("duplicate_key", "duplicate key 'a'", key="a").kind
    'duplicate_key'
    """

    def __init__(self, kind: str, message: str, *, key: str | None = None) -> None:
        self.kind = kind
        self.key = key
        super().__init__(message)


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(key)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return out


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value (JSON has no NaN or Infinity)")


def _where(text: str, key: str) -> str:
    """Line and column of the first object that repeats ``key`` (best effort, for the message)."""
    needle = json.dumps(key, ensure_ascii=False)
    first = text.find(needle)
    second = text.find(needle, first + 1) if first >= 0 else -1
    pos = second if second >= 0 else 0
    opening = text.rfind("{", 0, pos) if pos else 0
    opening = max(opening, 0)
    line = text.count("\n", 0, opening) + 1
    col = opening - (text.rfind("\n", 0, opening) + 1) + 1
    return f"line {line}, column {col}"


def loads(text: str, *, max_depth: int | None = MAX_NESTING) -> Any:
    """Parse JSON strictly (see the module docstring); ``max_depth=None`` leaves depth to the
    caller (who checks it only when needed, see :func:`depth_exceeds`).

    >>> loads('{"days": [{"date": "2027-01-01"}]}')
    {'days': [{'date': '2027-01-01'}]}
    >>> loads("[NaN]")
    Traceback (most recent call last):
    ...
    hcc.calendar._json.JsonProblem: not valid JSON: NaN is not a JSON value (JSON has no NaN or Infinity)

    Raises:
        JsonProblem: the text is not valid JSON, repeats a key in one object or nests too deeply.
    """
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant)
    except _DuplicateKey as exc:
        raise JsonProblem(
            "duplicate_key",
            f"duplicate key {exc.key!r} in one JSON object ({_where(text, exc.key)})",
            key=exc.key,
        ) from None
    except json.JSONDecodeError as exc:
        raise JsonProblem(
            "invalid_json", f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise JsonProblem("too_deep", _too_deep(max_depth)) from None
    except ValueError as exc:  # NaN/Infinity, or an integer of more than 4,300 digits
        raise JsonProblem("invalid_json", f"not valid JSON: {exc}") from None
    if max_depth is not None and depth_exceeds(data, max_depth):
        raise JsonProblem("too_deep", _too_deep(max_depth))
    return data


def _too_deep(limit: int | None) -> str:
    return f"arrays and objects nested more than {limit or MAX_NESTING} levels deep"


def depth_exceeds(value: Any, limit: int = MAX_NESTING) -> bool:
    """Whether parsed data nests lists/dicts more than ``limit`` levels deep (no recursion).

    >>> depth_exceeds([[1]], 2), depth_exceeds([[[1]]], 2)
    (False, True)
    """
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list | tuple):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def decode_utf8(data: bytes) -> str:
    """Decode a file's bytes as UTF-8 (a leading byte-order mark is dropped).

    >>> decode_utf8("Nghỉ".encode())
    'Nghỉ'
    >>> decode_utf8("Nghỉ lễ".encode("utf-16"))
    Traceback (most recent call last):
    ...
    hcc.calendar._json.JsonProblem: not UTF-8 (byte 0xff at offset 0): the file looks like UTF-16; save it as UTF-8

    Raises:
        JsonProblem: ``kind == "encoding"``, naming the offset, the byte and a guess at the encoding.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
            guess = "UTF-32"
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
            len(data) >= 2 and (data[0] == 0 or data[1] == 0)
        ):
            guess = "UTF-16"
        else:
            guess = "an 8-bit code page such as Windows-1258 (cp1258), TCVN3 or latin-1"
        raise JsonProblem(
            "encoding",
            f"not UTF-8 (byte 0x{bad} at offset {exc.start}): the file looks like {guess}; "
            "save it as UTF-8",
        ) from None
