"""Docstrings say what a public function raises (issue 17, point 8).

Every public function and method (named in the ``__all__`` of a public module of hcc, or a public
method of a class named there) whose body raises an exception itself has a Google-style
``Raises:`` section; for ``__init__`` the class docstring may hold it (the API pages merge the two).
Every exception a ``Raises:`` section names is a real exception class, in ``hcc.errors`` or a
built-in. The entry points of ``hcc`` that can fail document it as well.
"""

from __future__ import annotations

import builtins
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable, Iterator
from types import ModuleType

import hcc
import hcc.errors

_RAISE = re.compile(r"^\s*raise [A-Za-z_]", re.M)
_SECTION = re.compile(r"^\s*Raises:\s*\n((?:[ \t]+\S.*\n?|[ \t]*\n)+)", re.M)
_ENTRY = re.compile(r"^\s{4,}([A-Za-z_][\w.]*)\s*:", re.M)

# Entry points of hcc that can fail on bad input: each documents it.
ENTRY_POINTS_THAT_RAISE = (
    "compute_deadline",
    "compute_deadlines",
    "get_fee_schedule",
    "import_portal_records",
    "load_catalogue",
    "quote",
    "render_document",
    "sla_status",
    "vietnam_calendar",
)


def _public_modules() -> Iterator[ModuleType]:
    yield hcc
    for info in pkgutil.walk_packages(hcc.__path__, prefix="hcc."):
        if info.name == "hcc.__main__" or any(p.startswith("_") for p in info.name.split(".")):
            continue
        yield importlib.import_module(info.name)


def _functions() -> dict[str, tuple[Callable[..., object], str | None]]:
    """qualified name -> (function, docstring of its class when it is an ``__init__``)."""
    found: dict[str, tuple[Callable[..., object], str | None]] = {}
    for module in _public_modules():
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if inspect.isfunction(obj) and obj.__module__.startswith("hcc"):
                found.setdefault(f"{obj.__module__}.{obj.__qualname__}", (obj, None))
            elif (
                inspect.isclass(obj)
                and obj.__module__.startswith("hcc")
                and not issubclass(obj, BaseException)
            ):
                for attr, value in vars(obj).items():
                    if attr.startswith("_") and attr != "__init__":
                        continue
                    func = (
                        value.__func__ if isinstance(value, classmethod | staticmethod) else value
                    )
                    if inspect.isfunction(func) and func.__qualname__.startswith(obj.__qualname__):
                        class_doc = obj.__doc__ if attr == "__init__" else None
                        found.setdefault(f"{obj.__module__}.{func.__qualname__}", (func, class_doc))
    return found


def _body(func: Callable[..., object]) -> str:
    try:
        source = inspect.getsource(inspect.unwrap(func))
    except OSError:  # generated (a dataclass's __init__): no source, no raise of its own
        return ""
    doc = func.__doc__
    if doc and source.count('"""') >= 2:
        return source.split('"""', 2)[2]
    return source


def test_every_public_function_that_raises_says_so() -> None:
    missing = []
    for qualname, (func, class_doc) in sorted(_functions().items()):
        if not _RAISE.search(_body(func)):
            continue
        docs = (func.__doc__ or "") + (class_doc or "")
        if "Raises:" not in docs:
            missing.append(qualname)
    assert not missing, "public functions that raise without a Raises: section:\n" + "\n".join(
        missing
    )


def test_the_entry_points_that_can_fail_say_how() -> None:
    for name in ENTRY_POINTS_THAT_RAISE:
        assert name in hcc.__all__
        assert "Raises:" in (getattr(hcc, name).__doc__ or ""), name


def test_a_raises_section_names_real_exception_classes() -> None:
    bad = []
    for qualname, (func, class_doc) in sorted(_functions().items()):
        for doc in (func.__doc__, class_doc):
            match = _SECTION.search(doc or "")
            if not match:
                continue
            for exc in _ENTRY.findall(match.group(1)):
                leaf = exc.rsplit(".", 1)[-1]
                cls = getattr(hcc.errors, leaf, None) or getattr(builtins, leaf, None)
                if not (inspect.isclass(cls) and issubclass(cls, BaseException)):
                    bad.append(f"{qualname}: {exc}")
    assert not bad, "Raises: entries that are not exception classes:\n" + "\n".join(bad)
