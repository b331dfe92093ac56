"""The standard fee schedules shipped with hcc, and loading your own.

Schedules live in package data (``hcc/fees/data/schedules.toml``), each rule with its legal basis;
provincial amounts are marked unconfirmed. Stable ids: see :data:`STANDARD_SCHEDULE_IDS`.

>>> sorted(standard_fee_schedules())[:3]
['cap-ban-sao-tu-so-goc', 'chung-thuc-ban-sao', 'chung-thuc-chu-ky']
"""

from __future__ import annotations

import functools
import os
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from hcc.calendar._json import decode_utf8
from hcc.calendar._json import loads as strict_json
from hcc.errors import HccError, InvalidInputError
from hcc.fees.rules import FeeRuleDataError, FeeSchedule

__all__ = [
    "STANDARD_SCHEDULE_IDS",
    "UnknownFeeScheduleError",
    "get_fee_schedule",
    "load_fee_schedules",
    "parse_fee_schedules",
    "standard_fee_schedules",
]

STANDARD_SCHEDULE_IDS: tuple[str, ...] = (
    "chung-thuc-ban-sao",
    "chung-thuc-chu-ky",
    "chung-thuc-hop-dong",
    "chung-thuc-sua-doi-hop-dong",
    "chung-thuc-sua-loi-hop-dong",
    "cap-ban-sao-tu-so-goc",
    "trich-luc-ho-tich",
    "dang-ky-khai-sinh",
    "dang-ky-khai-tu",
    "dang-ky-ket-hon",
    "dang-ky-giam-ho",
    "xac-nhan-tinh-trang-hon-nhan",
    "ho-chieu-pho-thong",
    "le-phi-truoc-ba-nha-dat",
)
"""The ids of the shipped schedules; they are stable (a new version of a fee is a new rule
version inside the same schedule, not a new id)."""


class UnknownFeeScheduleError(HccError, LookupError):
    """A fee schedule id that is not known; ``id`` keeps it, ``known`` lists the ids available.

    >>> str(UnknownFeeScheduleError("x", ("a", "b")))
    "no fee schedule 'x'; known: a, b"
    """

    def __init__(self, id: str, known: tuple[str, ...]) -> None:
        self.id = id
        self.known = known
        super().__init__(f"no fee schedule {id!r}; known: {', '.join(known)}")

    def __str__(self) -> str:  # LookupError would quote the message again
        return str(self.args[0])


def parse_fee_schedules(
    data: Mapping[str, Any], *, source: str | None = None
) -> Mapping[str, FeeSchedule]:
    """Build schedules from a mapping ``{"schedule": [ {id, name, rules: [...]}, ... ]}``.

    Duplicate schedule ids are an error. Returns a read-only mapping id → schedule, in file order.

    >>> s = parse_fee_schedules({"schedule": [{"id": "x", "name": "X", "rules": [
    ...     {"kind": "flat", "id": "a", "description": "A", "amount": 1000, "legal_basis": "B"}]}]})
    >>> list(s)
    ['x']
    """
    if not isinstance(data, Mapping):
        raise FeeRuleDataError(
            f"{source or 'data'}: got {type(data).__name__}, expected a mapping with a "
            "'schedule' list",
            source=source,
            codes=("fee_no_schedules",),
        )
    items = data.get("schedule")
    if not isinstance(items, list):
        raise FeeRuleDataError(
            f"{source or 'data'}: expected a list of tables under 'schedule'",
            source=source,
            codes=("fee_no_schedules",),
        )
    out: dict[str, FeeSchedule] = {}
    for i, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise FeeRuleDataError(
                f"{source or 'data'}: schedule[{i}] is not a table",
                source=source,
                codes=("fee_no_schedules",),
            )
        schedule = FeeSchedule.from_data(item, source=f"{source or 'data'}: schedule[{i}]")
        if schedule.id in out:
            raise FeeRuleDataError(
                f"{source or 'data'}: schedule[{i}] repeats the id {schedule.id!r}",
                schedule=schedule.id,
                source=source,
                codes=("fee_duplicate_schedule",),
            )
        out[schedule.id] = schedule
    return MappingProxyType(out)


def load_fee_schedules(path: str | Path) -> Mapping[str, FeeSchedule]:
    """Load schedules from a ``.toml`` or ``.json`` file in the format of the shipped data.

    Merge with the standard ones to override a province's amounts:
    ``{**standard_fee_schedules(), **load_fee_schedules("ha-noi.toml")}``.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.json"
    >>> _ = p.write_text('{"schedule": [{"id": "x", "name": "X", "rules": []}]}')
    >>> list(load_fee_schedules(p))
    ['x']
    """
    if not isinstance(path, str | os.PathLike):
        raise InvalidInputError("path", path, "a str or os.PathLike")
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise FeeRuleDataError(
            f"{path}: expected a .toml or .json file", source=str(path), codes=("fee_file",)
        )
    try:
        text = decode_utf8(path.read_bytes())
        data = strict_json(text) if suffix == ".json" else tomllib.loads(text)
    except (OSError, ValueError) as exc:  # unreadable, not UTF-8, not TOML/JSON, duplicate key
        raise FeeRuleDataError(
            f"{path}: not a readable UTF-8 {suffix[1:].upper()} file ({exc})",
            source=str(path),
            codes=("fee_file",),
        ) from None
    except RecursionError:
        raise FeeRuleDataError(
            f"{path}: nested too deeply", source=str(path), codes=("fee_file",)
        ) from None
    return parse_fee_schedules(data, source=str(path))


@functools.cache
def standard_fee_schedules() -> Mapping[str, FeeSchedule]:
    """The fee schedules shipped with hcc (read-only, built once), keyed by stable id.

    >>> s = standard_fee_schedules()["chung-thuc-chu-ky"]
    >>> s.rules[0].legal_basis
    'Circular 226/2016/TT-BTC art. 4 (10.000 đồng/trường hợp)'
    """
    text = resources.files("hcc.fees").joinpath("data/schedules.toml").read_text("utf-8")
    return parse_fee_schedules(tomllib.loads(text), source="hcc/fees/data/schedules.toml")


def get_fee_schedule(id: str, schedules: Mapping[str, FeeSchedule] | None = None) -> FeeSchedule:
    """The schedule ``id`` of ``schedules`` (the standard ones by default).

    >>> get_fee_schedule("trich-luc-ho-tich").name
    'Cấp bản sao trích lục hộ tịch'
    >>> get_fee_schedule("nope")
    Traceback (most recent call last):
    ...
    hcc.fees.schedules.UnknownFeeScheduleError: no fee schedule 'nope'; known: ...
    """
    pool = standard_fee_schedules() if schedules is None else schedules
    if not isinstance(id, str):
        raise InvalidInputError("id", id, "a fee schedule id (str)")
    try:
        return pool[id]
    except KeyError:
        raise UnknownFeeScheduleError(id, tuple(pool)) from None
