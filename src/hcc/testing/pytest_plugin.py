"""The hcc pytest plugin: check a catalogue in one line, get the calendar as a fixture.

Installed with ``pip install 'hcc[testing]'`` and loaded automatically through the ``pytest11``
entry point ``hcc`` (or explicitly: ``pytest -p hcc.testing.pytest_plugin``). At import time it
imports nothing but pytest; hcc itself is imported by the fixtures that need it.

**Fixtures**

``hcc_assert_valid_catalogue``
    [`hcc.testing.assert_valid_catalogue`][hcc.testing.assert_valid_catalogue], with relative paths resolved against the test
    file's directory first, then pytest's root directory::

        def test_catalogue(hcc_assert_valid_catalogue):
            hcc_assert_valid_catalogue("catalogue.json")

``hcc_calendar``
    The national calendar ([`hcc.vietnam_calendar`][hcc.vietnam_calendar]), with the overrides file named by the
    ``hcc_calendar_overrides`` ini option applied when it is set.

**Ini options** (``[tool.pytest.ini_options]`` in ``pyproject.toml``, or ``pytest.ini``)

``hcc_catalogues``
    Catalogue files (paths relative to the ini file) that get a test item each, with no Python
    at all: ``hcc_catalogues = ["data/catalogue.json"]``. A file is checked when pytest collects
    it: keep it inside a collected directory (``testpaths``) or name it on the command line.

``hcc_calendar_overrides``
    A TOML or JSON calendar overrides file (local closures, Saturday counters, next year's
    notice) that the ``hcc_calendar`` fixture applies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from _pytest._code.code import TerminalRepr

    from hcc.calendar import WorkingCalendar
    from hcc.procedures import Catalogue

__all__ = [
    "CatalogueFile",
    "CatalogueItem",
    "hcc_assert_valid_catalogue",
    "hcc_calendar",
]

_TARGETS = pytest.StashKey[frozenset[Path]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the ``hcc_catalogues`` and ``hcc_calendar_overrides`` ini options."""
    parser.addini(
        "hcc_catalogues",
        type="paths",
        default=[],
        help="hcc: catalogue files (JSON/TOML) to check with hcc.testing.assert_valid_catalogue",
    )
    parser.addini(
        "hcc_calendar_overrides",
        type="string",
        default="",
        help="hcc: calendar overrides file (TOML/JSON) applied by the hcc_calendar fixture",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Resolve the configured catalogue files once per run."""
    paths = config.getini("hcc_catalogues") or []
    config.stash[_TARGETS] = frozenset(Path(p).resolve() for p in paths)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> CatalogueFile | None:
    """A configured catalogue file becomes a [`CatalogueFile`][CatalogueFile] with one test item."""
    targets = parent.config.stash.get(_TARGETS, frozenset())
    if targets and file_path.resolve() in targets:
        return CatalogueFile.from_parent(parent, path=file_path)
    return None


class CatalogueFile(pytest.File):
    """A catalogue file named in ``hcc_catalogues``; it collects one [`CatalogueItem`][CatalogueItem].

    >>> issubclass(CatalogueFile, pytest.File)
    True
    """

    def collect(self) -> Iterator[CatalogueItem]:
        """The single check of this file."""
        yield CatalogueItem.from_parent(self, name="hcc-valid-catalogue")


class CatalogueItem(pytest.Item):
    """Checks one catalogue file with [`hcc.testing.assert_valid_catalogue`][hcc.testing.assert_valid_catalogue].

    A failure shows every problem, one per line, without a Python traceback.

    >>> issubclass(CatalogueItem, pytest.Item)
    True
    """

    def runtest(self) -> None:
        """Validate the file; raise on the first run with every problem listed."""
        from hcc.testing.catalogues import assert_valid_catalogue

        assert_valid_catalogue(self.path)

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str | TerminalRepr:
        """The problem list for a catalogue failure; pytest's usual report otherwise."""
        from hcc.testing.catalogues import CatalogueAssertionError

        if isinstance(excinfo.value, CatalogueAssertionError):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Where the item comes from, for pytest's report."""
        return self.path, None, f"hcc catalogue {self.path.name}"


def _resolve(path: str | Path, request: pytest.FixtureRequest) -> Path:
    p = Path(path)
    if p.is_absolute():
        return p
    candidates = [request.path.parent / p, request.config.rootpath / p]
    for c in candidates:
        if c.exists():
            return c
    return candidates[0]  # missing: validation reports the file as unreadable, with this path


@pytest.fixture
def hcc_assert_valid_catalogue(
    request: pytest.FixtureRequest,
) -> Callable[..., Catalogue]:
    """[`hcc.testing.assert_valid_catalogue`][hcc.testing.assert_valid_catalogue], resolving relative paths for the test.

    A relative path is looked up beside the test file, then in pytest's root directory.
    """
    from hcc.testing.catalogues import assert_valid_catalogue

    def check(path: str | Path, *, strict: bool = False) -> Catalogue:
        return assert_valid_catalogue(_resolve(path, request), strict=strict)

    return check


@pytest.fixture(scope="session")
def hcc_calendar(pytestconfig: pytest.Config) -> WorkingCalendar:
    """The national working calendar, with ``hcc_calendar_overrides`` applied when set."""
    from hcc.calendar import vietnam_calendar

    overrides = str(pytestconfig.getini("hcc_calendar_overrides") or "").strip()
    if not overrides:
        return vietnam_calendar()
    path = Path(overrides)
    if not path.is_absolute():
        base = pytestconfig.inipath.parent if pytestconfig.inipath else pytestconfig.rootpath
        path = base / path
    return vietnam_calendar(path)
