"""Catalogue checks for a district's test suite: one line, every problem listed.

>>> import pathlib, tempfile
>>> from hcc.procedures import default_catalogue
>>> path = pathlib.Path(tempfile.mkdtemp()) / "catalogue.json"
>>> _ = path.write_text(default_catalogue().to_json(), encoding="utf-8")
>>> len(assert_valid_catalogue(path)) == len(default_catalogue())
True
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hcc.errors import CatalogueAssertionError

if TYPE_CHECKING:
    from hcc.procedures import Catalogue

__all__ = ["CatalogueAssertionError", "assert_valid_catalogue"]


def assert_valid_catalogue(path: str | Path, *, strict: bool = False) -> Catalogue:
    """Check a JSON or TOML catalogue file and return it loaded, or fail listing **every** problem.

    Runs [`hcc.procedures.validate_catalogue`][hcc.procedures.validate_catalogue] (every record, every cross-record check:
    duplicate codes, unknown fee schedules, local limits above statutory ones, missing legal
    bases, unreadable time limits) and raises [`CatalogueAssertionError`][CatalogueAssertionError] -- an
    ``AssertionError``, so pytest reports it as a test failure -- with one numbered line per
    problem: file, record index and code, field path, message and error kind. With
    ``strict=True`` the report's warnings fail the check too.

    Use it as the whole body of a test::

        def test_catalogue():
            assert_valid_catalogue("catalogue.json")

    >>> import json, pathlib, tempfile
    >>> bad = {"version": "t", "procedures": [{"code": "1.1", "name": "X", "field": "F",
    ...     "levels": ["commune"], "agencies": {"implementing": ["UBND xã"]}, "dossier_sets": 0,
    ...     "channels": [{"kind": "direct"}], "statutory_time_limit": "Theo quy định"}]}
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "bad.json"
    >>> _ = path.write_text(json.dumps(bad), encoding="utf-8")
    >>> assert_valid_catalogue(path)
    Traceback (most recent call last):
    ...
    hcc.errors.CatalogueAssertionError: .../bad.json is not a valid hcc catalogue: 3 error(s)
      1. ...

    Raises:
        CatalogueAssertionError: the catalogue has errors (or, with ``strict``, warnings); the
            message lists them.
    """
    from hcc.procedures import load_catalogue, validate_catalogue

    report = validate_catalogue(path)
    problems = list(report.errors) + (list(report.warnings) if strict else [])
    if problems:
        raise CatalogueAssertionError(str(path), problems, strict=strict)
    return load_catalogue(path)
