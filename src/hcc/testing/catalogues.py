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

from hcc.errors import HccError

if TYPE_CHECKING:
    from hcc.procedures import Catalogue, CatalogueProblem

__all__ = ["CatalogueAssertionError", "assert_valid_catalogue"]


class CatalogueAssertionError(HccError, AssertionError):
    """A catalogue file failed :func:`assert_valid_catalogue`; the message lists every problem.

    ``path`` is the file checked, ``problems`` every :class:`hcc.procedures.CatalogueProblem`
    found (errors, then warnings when ``strict``).

    >>> e = CatalogueAssertionError("c.json", [])
    >>> isinstance(e, AssertionError), e.path
    (True, 'c.json')
    """

    def __init__(self, path: str, problems: list[CatalogueProblem], *, strict: bool = False):
        self.path = path
        self.problems = list(problems)
        what = "problem" if strict else "error"
        lines = [f"{path} is not a valid hcc catalogue: {len(self.problems)} {what}(s)"]
        lines += [f"  {i}. {p}" for i, p in enumerate(self.problems, start=1)]
        super().__init__("\n".join(lines))


def assert_valid_catalogue(path: str | Path, *, strict: bool = False) -> Catalogue:
    """Check a JSON or TOML catalogue file and return it loaded, or fail listing **every** problem.

    Runs :func:`hcc.procedures.validate_catalogue` (every record, every cross-record check:
    duplicate codes, unknown fee schedules, local limits above statutory ones, missing legal
    bases, unreadable time limits) and raises :class:`CatalogueAssertionError` -- an
    ``AssertionError``, so pytest reports it as a test failure -- with one numbered line per
    problem: file, record index and code, field path, message and error kind. With
    ``strict=True`` the report's warnings fail the check too.

    Use it as the whole body of a test::

        def test_catalogue():
            assert_valid_catalogue("catalogue.json")

    >>> import json, pathlib, tempfile
    >>> bad = {"version": "t", "procedures": [{"code": "1.1", "name": "X", "field": "F",
    ...     "levels": ["commune"], "agencies": {"implementing": ["UBND xã"]}, "dossier_sets": 0,
    ...     "channels": [{"kind": "direct"}], "statutory_time_limit": "bảy ngày"}]}
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "bad.json"
    >>> _ = path.write_text(json.dumps(bad), encoding="utf-8")
    >>> assert_valid_catalogue(path)
    Traceback (most recent call last):
    ...
    hcc.testing.catalogues.CatalogueAssertionError: .../bad.json is not a valid hcc catalogue: 3 error(s)
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
