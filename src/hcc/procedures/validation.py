"""Loading and validating catalogue files: every problem, each with its location.

[`load_catalogue`][load_catalogue] reads a JSON or TOML catalogue and returns a [`Catalogue`][Catalogue], or raises
[`hcc.errors.CatalogueValidationError`][hcc.errors.CatalogueValidationError] whose ``errors`` lists **every** problem found, not
just the first. [`validate_catalogue`][validate_catalogue] returns the same findings as a [`CatalogueReport`][CatalogueReport]
without raising, for test suites (``assert validate_catalogue(path).ok``).

Each problem names the file, the record (its index and procedure code), the field path inside the
record (``channels[0].time_limit``) and a stable ``kind`` (the error code to test against):

=================================  ==========================================================
kind                               meaning
=================================  ==========================================================
``duplicate_code``                 two records with one code and overlapping validity
``unknown_fee_schedule``           a channel references a schedule defined nowhere
``local_limit_exceeds_statutory``  the local committed limit can end after the statutory one
``missing_legal_basis``            (warning) a record without any legal document
``missing_agency``                 (warning) a record without an implementing agency
``missing_time_limit``             (warning) no statutory limit and a channel without its own
``time_limit_unparsable``          a time-limit phrase that [`TimeLimit.parse`][TimeLimit.parse] cannot read
``duplicate_fee_schedule``         two fee schedules of the file with one id
``invalid_json`` / ``invalid_toml`` the file is not well-formed
``duplicate_key``                  a key given twice in one JSON object (which value?)
``too_deep``                       arrays/objects nested more than ``MAX_NESTING`` (32) levels
``encoding``                       the file is not UTF-8 (the message guesses its encoding)
``unreadable``                     the file cannot be read or has an unknown format
(pydantic codes)                   ``missing``, ``extra_forbidden``, ``string_pattern_mismatch``...
=================================  ==========================================================

Text is normalised to NFC on load.

>>> import json, pathlib, tempfile
>>> bad = {"version": "t", "procedures": [
...     {"code": "1.1", "name": "X", "field": "F", "levels": ["commune"],
...      "agencies": {"implementing": ["UBND xã"]}, "channels": [{"kind": "direct"}],
...      "statutory_time_limit": "Theo quy định", "legal_basis": []}]}
>>> path = pathlib.Path(tempfile.mkdtemp()) / "bad.json"
>>> _ = path.write_text(json.dumps(bad), encoding="utf-8")
>>> report = validate_catalogue(path)
>>> report.ok, sorted(p.kind for p in report.errors)
(False, ['string_pattern_mismatch', 'time_limit_unparsable'])
>>> print(report.errors[0].location)
/.../bad.json: procedures[0] (1.1): code
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from hcc._json import MAX_NESTING, JsonProblem, decode_utf8, depth_exceeds
from hcc._json import loads as strict_json
from hcc._types import HccModel
from hcc.errors import CatalogueValidationError
from hcc.fees import standard_fee_schedules
from hcc.procedures.catalogue import Catalogue, CatalogueData
from hcc.procedures.models import Level, Procedure

__all__ = [
    "CatalogueProblem",
    "CatalogueReport",
    "default_catalogue",
    "load_catalogue",
    "read_catalogue_document",
    "validate_catalogue",
]


class CatalogueProblem(HccModel):
    """One problem in a catalogue, with its location.

    ``section`` is ``"procedures"``, ``"fee_schedules"`` or ``""`` (the top level or the file);
    ``index`` the record's position in that section; ``code`` the procedure code (or fee schedule
    id) as written; ``field`` the path inside the record (empty for the whole record).

    >>> p = CatalogueProblem(source="c.toml", section="procedures", index=2, code="1.001193",
    ...                      field="channels[0].time_limit", kind="time_limit_unparsable",
    ...                      message="cannot read a time limit from 'x'")
    >>> str(p)
    "c.toml: procedures[2] (1.001193): channels[0].time_limit: cannot read a time limit from 'x' [time_limit_unparsable]"
    """

    source: str | None = None
    section: str = ""
    index: int | None = None
    code: str | None = None
    field: str = ""
    kind: str
    message: str

    @property
    def location(self) -> str:
        """``file: section[index] (code): field``, leaving out what is unknown."""
        parts = []
        if self.source:
            parts.append(self.source)
        if self.section:
            rec = self.section + (f"[{self.index}]" if self.index is not None else "")
            if self.code:
                rec += f" ({self.code})"
            parts.append(rec)
        if self.field:
            parts.append(self.field)
        return ": ".join(parts)

    def __str__(self) -> str:
        head = self.location
        return f"{head}: {self.message} [{self.kind}]" if head else f"{self.message} [{self.kind}]"


class CatalogueReport(HccModel):
    """The findings of [`validate_catalogue`][validate_catalogue]: errors, warnings and how many records were read.

    ``ok`` is true when there is no error (warnings do not count). ``warnings`` notes what could not
    be decided (a local limit in a unit that cannot be compared with the statutory one).

    >>> CatalogueReport(source="x.json").ok
    True
    """

    source: str | None = None
    procedures: int = 0
    errors: tuple[CatalogueProblem, ...] = ()
    warnings: tuple[CatalogueProblem, ...] = ()

    @property
    def ok(self) -> bool:
        """No errors."""
        return not self.errors

    def raise_for_errors(self) -> None:
        """Raise [`hcc.errors.CatalogueValidationError`][hcc.errors.CatalogueValidationError] if there is any error.

        Raises:
            CatalogueValidationError: the report has at least one error.
        """
        if self.errors:
            raise CatalogueValidationError(list(self.errors), self.source)

    def summary(self) -> str:
        """One line per problem, then a count.

        >>> print(CatalogueReport(source="x.json", procedures=3).summary())
        x.json: 3 procedure(s), 0 error(s), 0 warning(s)
        """
        lines = [f"error: {e}" for e in self.errors] + [f"warning: {w}" for w in self.warnings]
        lines.append(
            f"{self.source or 'catalogue'}: {self.procedures} procedure(s), "
            f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)"
        )
        return "\n".join(lines)


# ---------------------------------------------------------------------- reading files
def read_catalogue_document(path: str | Path) -> tuple[Any, list[CatalogueProblem]]:
    """Read a ``.json`` or ``.toml`` file into plain data (text NFC-normalised).

    Returns ``(data, problems)``; ``data`` is None when the file could not be read or parsed
    (problem kinds ``unreadable``, ``encoding``, ``invalid_json``, ``invalid_toml``,
    ``duplicate_key``, ``too_deep``). Files with another suffix are parsed as JSON when they start
    with ``{``, else as TOML.

    >>> read_catalogue_document("/nonexistent.json")[1][0].kind
    'unreadable'
    """
    if not isinstance(path, str | os.PathLike):
        problem = CatalogueProblem(
            kind="unreadable",
            message=f"path: got {path!r} ({type(path).__name__}), expected a str or os.PathLike",
        )
        return None, [problem]
    p = Path(path)
    src = str(p)
    try:
        text = decode_utf8(p.read_bytes())
    except JsonProblem as exc:
        return None, [CatalogueProblem(source=src, kind=exc.kind, message=str(exc))]
    except (OSError, ValueError) as exc:  # unreadable; a NUL in the path
        return None, [CatalogueProblem(source=src, kind="unreadable", message=str(exc))]
    text = unicodedata.normalize("NFC", text)
    suffix = p.suffix.lower()
    as_json = suffix == ".json" or (suffix != ".toml" and text.lstrip().startswith("{"))
    raw, problem = _parse(text, source=src, as_json=as_json)
    if problem is not None:
        return None, [problem]
    if depth_exceeds(raw):
        return None, [_too_deep(src)]
    return (_nfc_deep(raw) if as_json and "\\u" in text else raw), []


def _too_deep(source: str | None) -> CatalogueProblem:
    return CatalogueProblem(
        source=source,
        kind="too_deep",
        message=f"arrays and objects nested more than {MAX_NESTING} levels deep",
    )


def _parse(text: str, *, source: str, as_json: bool) -> tuple[Any, CatalogueProblem | None]:
    """Parse NFC text as strict JSON (no duplicate keys, no NaN) or TOML; never raises."""
    try:
        return (strict_json(text, max_depth=None) if as_json else tomllib.loads(text)), None
    except JsonProblem as exc:
        return None, CatalogueProblem(source=source, kind=exc.kind, message=str(exc))
    except tomllib.TOMLDecodeError as exc:
        return None, CatalogueProblem(
            source=source, kind="invalid_toml", message=f"not valid TOML: {exc}"
        )
    except RecursionError:
        return None, _too_deep(source)


# ---------------------------------------------------------------------- checks
def _path(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _get(obj: Any, key: str) -> Any:
    if type(obj) is dict:
        return obj.get(key)
    if isinstance(obj, BaseModel):
        return getattr(obj, key, None)
    return obj.get(key) if isinstance(obj, Mapping) else None


def _items(raw: Any, section: str) -> list[Any]:
    seq = _get(raw, section)
    return list(seq) if isinstance(seq, list | tuple) else []


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool | dt.date)


def _from_validation(exc: ValidationError, raw: Any, source: str | None) -> list[CatalogueProblem]:
    problems = []
    sections = {s: _items(raw, s) for s in ("procedures", "fee_schedules")}
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        section, index, code, rest = "", None, None, loc
        if len(loc) >= 2 and loc[0] in sections and isinstance(loc[1], int):
            section, index, rest = str(loc[0]), loc[1], loc[2:]
            items = sections[section]
            if index < len(items):
                key = "code" if section == "procedures" else "id"
                c = _get(items[index], key)
                code = c if isinstance(c, str) else None
        elif loc and loc[0] in sections:
            section, rest = str(loc[0]), loc[1:]
        msg = err["msg"]
        value = err.get("input")
        if _scalar(value) and err["type"] not in ("missing",) and "got" not in msg:
            shown = repr(value)
            msg += f" (got {shown[:80] + '…' if len(shown) > 80 else shown})"
        problems.append(
            CatalogueProblem(
                source=source,
                section=section,
                index=index,
                code=code,
                field=_path(rest),
                kind=err["type"],
                message=msg,
            )
        )
    return problems


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _code_key(code: str) -> str:
    return (code if code.isascii() else unicodedata.normalize("NFC", code)).strip()


def _distinct_codes(items: list[Any]) -> bool:
    """Whether no procedure code occurs twice (then no validity spans need comparing)."""
    if all(type(item) is Procedure for item in items):
        codes = [_code_key(p.code) for p in items]
    else:
        codes = [_code_key(c) for c in (_get(item, "code") for item in items) if isinstance(c, str)]
    return len(set(codes)) == len(codes)


def _duplicates(raw: Any, source: str | None) -> list[CatalogueProblem]:
    problems: list[CatalogueProblem] = []
    seen: dict[str, list[tuple[int, dt.date, dt.date]]] = {}
    items = _items(raw, "procedures")
    for i, item in enumerate(() if _distinct_codes(items) else items):
        code = _get(item, "code")
        if not isinstance(code, str):
            continue
        code = _code_key(code)
        lo = _date(_get(item, "valid_from")) or dt.date.min
        hi = _date(_get(item, "valid_to")) or dt.date.max
        for j, a, b in seen.get(code, []):
            if max(lo, a) <= min(hi, b):
                problems.append(
                    CatalogueProblem(
                        source=source,
                        section="procedures",
                        index=i,
                        code=code,
                        field="code",
                        kind="duplicate_code",
                        message=f"code {code} is already used by procedures[{j}] and their "
                        "validity spans overlap (give each version disjoint valid_from/valid_to)",
                    )
                )
                break
        seen.setdefault(code, []).append((i, lo, hi))
    ids: dict[str, int] = {}
    for i, item in enumerate(_items(raw, "fee_schedules")):
        sid = _get(item, "id")
        if not isinstance(sid, str):
            continue
        if sid in ids:
            problems.append(
                CatalogueProblem(
                    source=source,
                    section="fee_schedules",
                    index=i,
                    code=sid,
                    field="id",
                    kind="duplicate_fee_schedule",
                    message=f"fee schedule id {sid!r} is already used by fee_schedules[{ids[sid]}]",
                )
            )
        else:
            ids[sid] = i
    return problems


def _known_fee_ids(raw: Any) -> frozenset[str]:
    own = {_get(s, "id") for s in _items(raw, "fee_schedules")}
    return frozenset(standard_fee_schedules()) | {s for s in own if isinstance(s, str)}


def cross_check(data: CatalogueData, source: str | None) -> list[CatalogueProblem]:
    """Cross-record checks on validated data: duplicate codes and fee schedule ids, unknown fee
    references (records built in code skip the in-validation check).

    >>> cross_check(CatalogueData(version="x"), None)
    []
    """
    problems = _duplicates(data, source)
    known = _known_fee_ids(data)
    referenced = {ch.fee_schedule for p in data.procedures for ch in p.channels}
    referenced.discard(None)
    if referenced <= known:
        return problems
    for i, p in enumerate(data.procedures):
        for j, ch in enumerate(p.channels):
            if ch.fee_schedule is not None and ch.fee_schedule not in known:
                problems.append(
                    CatalogueProblem(
                        source=source,
                        section="procedures",
                        index=i,
                        code=p.code,
                        field=f"channels[{j}].fee_schedule",
                        kind="unknown_fee_schedule",
                        message=f"unknown fee schedule {ch.fee_schedule!r}: define it in the "
                        "catalogue's fee_schedules or use a standard one",
                    )
                )
    return problems


def _warnings(data: CatalogueData, source: str | None) -> list[CatalogueProblem]:
    out = []
    for i, p in enumerate(data.procedures):

        def gap(field: str, kind: str, message: str, i: int = i, code: str = p.code) -> None:
            out.append(
                CatalogueProblem(
                    source=source,
                    section="procedures",
                    index=i,
                    code=code,
                    field=field,
                    kind=kind,
                    message=message,
                )
            )

        if not p.legal_basis:
            gap("legal_basis", "missing_legal_basis", "no legal document (căn cứ pháp lý)")
        if not p.agencies.implementing:
            gap(
                "agencies.implementing",
                "missing_agency",
                "no implementing agency (cơ quan thực hiện)",
            )
        if p.statutory_time_limit is None and any(c.time_limit is None for c in p.channels):
            gap(
                "statutory_time_limit",
                "missing_time_limit",
                "no statutory time limit, and a channel without its own: no deadline can be "
                "computed for that channel",
            )
        if (
            Level.DISTRICT in p.levels
            and p.valid_from is not None
            and not Level.DISTRICT.in_force(p.valid_from)
        ):
            out.append(
                CatalogueProblem(
                    source=source,
                    section="procedures",
                    index=i,
                    code=p.code,
                    field="levels",
                    kind="district_level_after_reform",
                    message=f"the version valid from {p.valid_from.isoformat()} lists the district "
                    "level, which stopped operating on 1/7/2025 (two-tier local government, Law "
                    "on Organisation of Local Government 72/2025/QH15): province or commune?",
                )
            )
        if (
            p.local_time_limit is not None
            and p.statutory_time_limit is not None
            and p.local_time_limit.exceeds(p.statutory_time_limit) is None
        ):
            out.append(
                CatalogueProblem(
                    source=source,
                    section="procedures",
                    index=i,
                    code=p.code,
                    field="local_time_limit",
                    kind="local_limit_incomparable",
                    message=f"local limit '{p.local_time_limit}' and statutory limit "
                    f"'{p.statutory_time_limit}' cannot be compared without a calendar",
                )
            )
    return out


def _raw_fee_references(raw: Any, source: str | None) -> list[CatalogueProblem]:
    known = _known_fee_ids(raw)
    problems = []
    for i, item in enumerate(_items(raw, "procedures")):
        channels = _get(item, "channels")
        if not isinstance(channels, list | tuple):
            continue
        for j, ch in enumerate(channels):
            fee = _get(ch, "fee_schedule")
            if isinstance(fee, str) and fee not in known:
                code = _get(item, "code")
                problems.append(
                    CatalogueProblem(
                        source=source,
                        section="procedures",
                        index=i,
                        code=code if isinstance(code, str) else None,
                        field=f"channels[{j}].fee_schedule",
                        kind="unknown_fee_schedule",
                        message=f"unknown fee schedule {fee!r}: define it in the catalogue's "
                        "fee_schedules or use a standard one",
                    )
                )
    return problems


def _finish(
    data: CatalogueData, count: int, source: str | None
) -> tuple[CatalogueData | None, CatalogueReport]:
    problems = cross_check(data, source)
    return (
        None if problems else data,
        CatalogueReport(
            source=source,
            procedures=count,
            errors=tuple(problems),
            warnings=tuple(_warnings(data, source)),
        ),
    )


def check_data(raw: Any, *, source: str | None) -> tuple[CatalogueData | None, CatalogueReport]:
    """Validate plain catalogue data; returns the model (None on any error) and the report.

    Field errors of every record come from one validation pass; cross-record problems (duplicate
    codes, unknown fee schedules) are added from the raw data, so a record that fails validation
    still has its references checked. Data nested more than ``MAX_NESTING`` levels deep is
    reported (kind ``too_deep``), never a ``RecursionError``.

    >>> data, report = check_data({"version": "x"}, source=None)
    >>> report.ok, data.version
    (True, 'x')
    """
    try:
        data = CatalogueData.model_validate(raw)
    except ValidationError as exc:
        return None, _invalid(exc, raw, source)
    except RecursionError:
        return None, CatalogueReport(source=source, errors=(_too_deep(source),))
    return _finish(data, len(data.procedures), source)


def _invalid(exc: ValidationError, raw: Any, source: str | None) -> CatalogueReport:
    """The report of data that failed validation: every field error plus the raw cross-checks."""
    if depth_exceeds(raw):
        return CatalogueReport(source=source, errors=(_too_deep(source),))
    count = len(_items(raw, "procedures"))
    problems = (
        _from_validation(exc, raw, source)
        + _duplicates(raw, source)
        + _raw_fee_references(raw, source)
    )
    problems.sort(key=lambda p: (p.section != "", p.section, p.index or 0))
    return CatalogueReport(source=source, procedures=count, errors=tuple(problems))


def _check_text(
    text: str, *, source: str, as_json: bool
) -> tuple[CatalogueData | None, CatalogueReport]:
    """Parse and validate a catalogue text.

    JSON is parsed by [`json.loads`][json.loads] with a hook that refuses duplicate keys, then validated
    as Python data: with the collector paused this is faster than pydantic's own JSON parser
    (0.47 s against 0.65 s for 10,000 records), and pydantic's parser would keep the last of two
    equal keys silently. A document that validates is as deep as the schema allows; the nesting
    depth is measured only when validation fails.
    """
    text = unicodedata.normalize("NFC", text)
    raw, problem = _parse(text, source=source, as_json=as_json)
    if problem is not None:
        return None, CatalogueReport(source=source, errors=(problem,))
    escaped = as_json and "\\u" in text  # an escaped combining mark survives text-level NFC
    if escaped:
        if depth_exceeds(raw):
            return None, CatalogueReport(source=source, errors=(_too_deep(source),))
        raw = _nfc_deep(raw)
    if not _records_first(raw):
        # the report reads every record as parsed: parse again (an invalid file, the slow path)
        raw, _ = _parse(text, source=source, as_json=as_json)
        if escaped:
            raw = _nfc_deep(raw)
    return check_data(raw, source=source)


def _records_first(raw: Any) -> bool:
    """Validate the records of freshly parsed data one by one, each replacing its parsed form.

    The parsed JSON of a record is released as soon as its model exists, so a large load never
    holds both whole (for 10,000 records, 190,000 parsed containers besides 360,000 model
    objects): the cyclic collector's full passes, which grow with the heap, cost about 0.25 s less
    on the default path (docs/performance.md). ``raw`` belongs to the caller (just parsed); on the
    first record that fails, ``False`` is returned and ``raw`` is left part-converted.
    """
    records = raw.get("procedures") if type(raw) is dict else None
    if type(records) is not list:
        return True
    validate = Procedure.__pydantic_validator__.validate_python
    for i, record in enumerate(records):
        try:
            records[i] = validate(record)
        except (ValidationError, RecursionError):
            return False
    return True


def _nfc_deep(value: Any) -> Any:
    """NFC-normalise every string of parsed JSON (escaped combining marks survive text-level NFC)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc_deep(v) for v in value]
    if isinstance(value, dict):
        return {_nfc_deep(k): _nfc_deep(v) for k, v in value.items()}
    return value


def _check_path(path: str | Path) -> tuple[CatalogueData | None, CatalogueReport]:
    if not isinstance(path, str | os.PathLike):
        problem = CatalogueProblem(
            kind="unreadable",
            message=f"path: got {path!r} ({type(path).__name__}), expected a str or os.PathLike",
        )
        return None, CatalogueReport(errors=(problem,))
    p = Path(path)
    src = str(p)
    try:
        text = decode_utf8(p.read_bytes())
    except (OSError, TypeError, ValueError) as exc:
        kind = exc.kind if isinstance(exc, JsonProblem) else "unreadable"
        problem = CatalogueProblem(source=src, kind=kind, message=str(exc))
        return None, CatalogueReport(source=src, errors=(problem,))
    suffix = p.suffix.lower()
    as_json = suffix == ".json" or (suffix != ".toml" and text.lstrip().startswith("{"))
    return _check_text(text, source=src, as_json=as_json)


def validate_catalogue(path: str | Path) -> CatalogueReport:
    """Check a catalogue file and return every problem found, without raising.

    >>> from importlib import resources
    >>> validate_catalogue(resources.files("hcc.procedures") / "data" / "catalogue.json").ok
    True

    It never raises: every problem, a path of the wrong type, a file that is not UTF-8 and
    nesting too deep included, is a finding of the report.
    """
    return _check_path(path)[1]


def load_catalogue(path: str | Path) -> Catalogue:
    """Load a JSON or TOML catalogue file; raise [`hcc.errors.CatalogueValidationError`][hcc.errors.CatalogueValidationError]
    (a ``ValueError``) listing every problem, each with file, record and field path.

    >>> import pathlib, tempfile
    >>> from hcc.procedures import default_catalogue
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "copy.toml"
    >>> _ = path.write_text(default_catalogue().to_toml(), encoding="utf-8")
    >>> load_catalogue(path) == default_catalogue()
    True

    Raises:
        CatalogueValidationError: every problem [`validate_catalogue`][validate_catalogue] finds, among them a
            file that cannot be read, is not UTF-8 (``encoding``), repeats a key in a JSON object
            (``duplicate_key``) or nests more than 32 levels (``too_deep``); never a
            ``RecursionError`` or ``UnicodeDecodeError``.
    """
    data, report = _check_path(path)
    if data is None or report.errors:
        raise CatalogueValidationError(list(report.errors), str(path))
    return Catalogue._trusted(data)


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    """The embedded default catalogue: real commune- and province-level procedures, each sourced.

    Built once and shared (a catalogue is immutable). Amounts and limits hcc could not confirm are
    listed in each record's ``unconfirmed``.

    >>> cat = default_catalogue()
    >>> cat.get("2.000815").name
    'Chứng thực bản sao từ bản chính'

    Raises:
        CatalogueValidationError: never for the shipped data (the suite checks it); only if the
            package data were damaged.
    """
    source = "hcc/procedures/data/catalogue.json"
    text = resources.files("hcc.procedures").joinpath("data/catalogue.json").read_text("utf-8")
    data, report = _check_text(text, source=source, as_json=True)
    if data is None:  # pragma: no cover - guarded by the test suite
        raise CatalogueValidationError(list(report.errors), source)
    return Catalogue._trusted(data)
