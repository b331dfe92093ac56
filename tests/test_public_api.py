"""Every public class and function of hcc has a docstring with a ``>>>`` example.

"Public" means: named in the ``__all__`` of ``hcc`` or of any of its modules and subpackages whose
dotted path has no component starting with ``_``. Each object is checked once, however many
``__all__`` lists re-export it; the report names where it is defined. The examples themselves run
as doctests (``--doctest-modules`` over ``src/``), so a docstring example that is listed here as
present is also known to work.

Not checked: constants and type aliases (no docstring of their own), and pytest fixtures (pytest
cannot run a doctest inside a fixture; the plugin's module docstring shows their use and
``tests/test_testing_catalogue.py`` runs them).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from types import ModuleType

import hcc

SKIP_MODULES = {"hcc.__main__"}  # importing it would run the command line

# Public names known to lack an example when this test was written, each reported to its owner.
# This list may only shrink: a name listed here that now has an example fails the test until it is
# removed, and any other public name without an example fails it at once.
KNOWN_MISSING: frozenset[str] = frozenset()


def _public_modules() -> list[ModuleType]:
    modules = [hcc]
    for info in pkgutil.walk_packages(hcc.__path__, prefix="hcc."):
        if info.name in SKIP_MODULES or any(p.startswith("_") for p in info.name.split(".")):
            continue
        modules.append(importlib.import_module(info.name))
    return modules


def _is_fixture(obj: object) -> bool:
    return hasattr(obj, "_fixture_function_marker") or hasattr(obj, "_pytestfixturefunction")


def _is_checked(obj: object) -> bool:
    if _is_fixture(obj):
        return False
    return inspect.isclass(obj) or inspect.isroutine(obj) or hasattr(obj, "__wrapped__")


def _public_objects() -> dict[int, tuple[object, list[str]]]:
    found: dict[int, tuple[object, list[str]]] = {}
    for module in _public_modules():
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if _is_checked(obj):
                found.setdefault(id(obj), (obj, []))[1].append(f"{module.__name__}.{name}")
    return found


def _defined(obj: object) -> str:
    return f"{getattr(obj, '__module__', '?')}.{getattr(obj, '__qualname__', '?')}"


def _where(obj: object, exported_as: list[str]) -> str:
    defined = _defined(obj)
    others = sorted(set(exported_as) - {defined})
    return defined + (f"  (exported as {', '.join(others)})" if others else "")


def test_public_names_are_found() -> None:
    objects = _public_objects()
    names = {n for _, exported in objects.values() for n in exported}
    # the walk reaches the top level, the subpackages and hcc.testing
    assert {"hcc.vietnam_calendar", "hcc.calendar.WorkingCalendar"} <= names
    assert "hcc.testing.FixedCalendar" in names
    assert len(objects) > 50


def test_every_public_class_and_function_has_a_docstring_example() -> None:
    missing_doc: list[str] = []
    missing_example: list[str] = []
    still_known: set[str] = set()
    for obj, exported in _public_objects().values():
        doc = obj.__doc__ if isinstance(obj.__doc__, str) else None
        if doc and ">>>" in doc:
            continue
        if _defined(obj) in KNOWN_MISSING:
            still_known.add(_defined(obj))
        elif not doc or not doc.strip():
            missing_doc.append(_where(obj, exported))
        else:
            missing_example.append(_where(obj, exported))
    report = []
    if missing_doc:
        report.append(f"{len(missing_doc)} public name(s) without a docstring:")
        report += [f"  - {w}" for w in sorted(missing_doc)]
    if missing_example:
        report.append(
            f"{len(missing_example)} public name(s) whose docstring has no '>>>' example:"
        )
        report += [f"  - {w}" for w in sorted(missing_example)]
    if report:
        report.append(
            "Add a short runnable example (it runs as a doctest) to each, in the module that "
            "defines it."
        )
    fixed = sorted(KNOWN_MISSING - still_known)
    if fixed:
        report.append("These now have an example: remove them from KNOWN_MISSING in this file:")
        report += [f"  - {name}" for name in fixed]
    assert not report, "\n".join(report)
