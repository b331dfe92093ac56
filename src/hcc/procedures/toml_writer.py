"""A small TOML writer for catalogue documents (the standard library only reads TOML).

It writes what [`hcc.procedures.Catalogue.to_dict`][hcc.procedures.Catalogue.to_dict] produces: tables, arrays of tables,
strings, integers, booleans and arrays of those. ``None`` values are left out (TOML has no null;
every optional field of a catalogue defaults to ``None``). Strings use JSON escapes, which are
valid TOML basic-string escapes.

>>> print(dumps({"version": "1", "procedures": [{"code": "1.001193", "levels": ["commune"]}]}))
version = "1"
<BLANKLINE>
[[procedures]]
code = "1.001193"
levels = ["commune"]
<BLANKLINE>
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

__all__ = ["dumps"]

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(k: str) -> str:
    return k if _BARE.match(k) else json.dumps(k, ensure_ascii=False)


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, Decimal):
        return json.dumps(str(v))
    if isinstance(v, float):  # not produced by catalogues; kept exact enough for completeness
        return repr(v)
    if isinstance(v, dt.datetime | dt.date):
        return v.isoformat()
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_value(x) for x in v if x is not None) + "]"
    if isinstance(v, Mapping):
        items = ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items() if x is not None)
        return "{ " + items + " }" if items else "{}"
    raise TypeError(f"cannot write {type(v).__name__} to TOML")


def _is_table_array(v: Any) -> bool:
    return isinstance(v, list | tuple) and bool(v) and all(isinstance(x, Mapping) for x in v)


def _emit(table: Mapping[str, Any], prefix: str, out: list[str]) -> None:
    subtables: list[tuple[str, Mapping[str, Any]]] = []
    arrays: list[tuple[str, list[Any]]] = []
    for k, v in table.items():
        if v is None:
            continue
        if isinstance(v, Mapping):
            subtables.append((k, v))
        elif _is_table_array(v):
            arrays.append((k, list(v)))
        else:
            out.append(f"{_key(k)} = {_value(v)}")
    for k, sub in subtables:
        name = f"{prefix}.{_key(k)}" if prefix else _key(k)
        out.append("")
        out.append(f"[{name}]")
        _emit(sub, name, out)
    for k, items in arrays:
        name = f"{prefix}.{_key(k)}" if prefix else _key(k)
        for item in items:
            out.append("")
            out.append(f"[[{name}]]")
            _emit(item, name, out)


def dumps(document: Mapping[str, Any]) -> str:
    """Write ``document`` as TOML text (ending with a newline).

    >>> import tomllib
    >>> tomllib.loads(dumps({"a": {"b": 1}, "c": [{"d": "đ", "e": [{"f": True}]}]}))
    {'a': {'b': 1}, 'c': [{'d': 'đ', 'e': [{'f': True}]}]}
    """
    out: list[str] = []
    _emit(document, "", out)
    return "\n".join(out).lstrip("\n") + "\n"
