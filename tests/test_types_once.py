"""Each thing once (issue 17, point 1): one model base, one configuration, one module of shared
field types, one module of text helpers."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

from pydantic import BaseModel

import hcc
from hcc._types import FROZEN, HccModel

SRC = Path(hcc.__file__).parent
SHARED = {"Text", "FreeText", "Name", "Moment", "Day", "Money", "Limit", "Model", "_Model"}


def _models() -> set[type[BaseModel]]:
    found: set[type[BaseModel]] = set()
    for info in pkgutil.walk_packages(hcc.__path__, prefix="hcc."):
        if info.name == "hcc.__main__":
            continue
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, BaseModel)
                and obj.__module__.startswith("hcc.")
            ):
                found.add(obj)
    return found


def test_every_model_derives_from_the_one_base_with_the_one_config() -> None:
    models = _models()
    assert len(models) > 50
    for model in models:
        assert issubclass(model, HccModel), model
        assert model.model_config["frozen"] is True, model
        assert model.model_config["extra"] == "forbid", model


def test_the_frozen_config_and_the_shared_types_are_written_once() -> None:
    assert dict(HccModel.model_config).items() >= dict(FROZEN).items()
    defined: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "ConfigDict":
                keys = {k.arg for k in node.keywords}
                if path.name != "_types.py":
                    assert not keys & {"frozen", "extra"}, f"{path}: ConfigDict({keys})"
            targets = []
            if isinstance(node, ast.Assign):
                targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
            elif isinstance(node, ast.ClassDef):
                targets = [node.name]
            for name in targets:
                if name in SHARED:
                    defined.setdefault(name, []).append(str(path.relative_to(SRC)))
    assert all(len(where) == 1 for where in defined.values()), defined
    assert {name for name, where in defined.items() if where == ["_types.py"]} == {
        "Text",
        "FreeText",
        "Name",
        "Moment",
        "Day",
        "Money",
    }


def test_one_module_normalises_and_folds_text() -> None:
    text_modules = sorted(str(p.relative_to(SRC)) for p in SRC.rglob("*text*.py"))
    assert text_modules == ["_text.py", "importer/fee_text.py"]  # fee_text reads fee cells
    for path in SRC.rglob("*.py"):
        if path.name == "_text.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        assert not names & {"nfc", "fold", "fold_text", "clean"}, path
