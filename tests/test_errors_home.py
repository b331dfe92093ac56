"""Every exception and warning class of hcc is defined in ``hcc/errors.py`` (issue 17, point 2).

The check reads the source (so it also sees classes inside functions and behind TYPE_CHECKING) and
the running package (so it sees a class whose base is an exception under another name). Subpackages
re-export the classes their users expect there (``hcc.dossiers.RegisterError`` is
``hcc.errors.RegisterError``), and the tree drawn in the module docstring names every public one.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import hcc
import hcc.errors

SRC = Path(hcc.__file__).parent
BUILTIN_EXCEPTIONS = {
    name
    for name, obj in vars(builtins).items()
    if inspect.isclass(obj) and issubclass(obj, BaseException)
}
# pydantic's error classes are exceptions too
OTHER_EXCEPTIONS = {"ValidationError", "PydanticCustomError", "PydanticUserError"}
ERRORS_NAMES = {
    node.name
    for node in ast.parse((SRC / "errors.py").read_text(encoding="utf-8")).body
    if isinstance(node, ast.ClassDef)
}


def _base_name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def test_no_exception_class_is_defined_outside_errors_py() -> None:
    exception_names = BUILTIN_EXCEPTIONS | OTHER_EXCEPTIONS | ERRORS_NAMES
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path == SRC / "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                _base_name(b) in exception_names for b in node.bases
            ):
                found.append(f"{path.relative_to(SRC.parent)}:{node.lineno} {node.name}")
    assert not found, "exception classes outside hcc/errors.py:\n" + "\n".join(found)


def test_no_loaded_exception_class_comes_from_another_module() -> None:
    modules = [hcc]
    for info in pkgutil.walk_packages(hcc.__path__, prefix="hcc."):
        if info.name != "hcc.__main__":
            modules.append(importlib.import_module(info.name))
    strays = set()
    for module in modules:
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, BaseException)
                and obj.__module__.startswith("hcc")
                and obj.__module__ != "hcc.errors"
            ):
                strays.add(f"{obj.__module__}.{obj.__qualname__}")
    assert not strays, sorted(strays)


def test_the_tree_in_the_docstring_names_every_public_class() -> None:
    doc = hcc.errors.__doc__ or ""
    missing = [
        name
        for name in hcc.errors.__all__
        if inspect.isclass(getattr(hcc.errors, name)) and not re.search(rf"\b{name}\b", doc)
    ]
    assert not missing, missing


def test_every_public_class_is_in_all_and_an_hcc_error_or_warning() -> None:
    for name, obj in vars(hcc.errors).items():
        if inspect.isclass(obj) and obj.__module__ == "hcc.errors" and not name.startswith("_"):
            assert name in hcc.errors.__all__, name
            assert issubclass(obj, hcc.errors.HccError | hcc.errors.HccWarning), name


def test_subpackages_re_export_the_same_classes() -> None:
    import hcc.dossiers
    import hcc.fees
    import hcc.importer

    assert hcc.dossiers.RegisterError is hcc.errors.RegisterError
    assert hcc.dossiers.UnknownEntryError is hcc.errors.UnknownEntryError
    assert hcc.importer.ImportInputError is hcc.errors.ImportInputError
    assert hcc.fees.UnknownFeeScheduleError is hcc.errors.UnknownFeeScheduleError
