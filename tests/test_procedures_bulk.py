"""bulk_load: the one opt-in place where hcc touches the garbage collector; nothing else does."""

from __future__ import annotations

import ast
import gc
from pathlib import Path

import pytest

import hcc
from hcc.procedures import bulk_load, default_catalogue

SRC = Path(hcc.__file__).parent


def test_restores_an_enabled_collector_even_when_the_block_raises() -> None:
    seen: list[bool] = []

    def fail() -> None:
        with bulk_load():
            seen.append(gc.isenabled())
            raise KeyError("boom")

    assert gc.isenabled()
    with pytest.raises(KeyError):
        fail()
    assert seen == [False]
    assert gc.isenabled()


def test_leaves_a_disabled_collector_disabled_and_nests() -> None:
    gc.disable()
    try:
        with bulk_load():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
    with bulk_load():
        with bulk_load():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block still holds it
    assert gc.isenabled()


def test_the_same_catalogue_with_or_without_it() -> None:
    default_catalogue.cache_clear()
    plain = default_catalogue()
    default_catalogue.cache_clear()
    with bulk_load():
        paused = default_catalogue()
    assert paused == plain


def test_no_library_call_touches_the_collector() -> None:
    """Only hcc/procedures/bulk.py imports gc; no other module of hcc names it."""
    users = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            if any(n == "gc" or n.startswith("gc.") for n in names):
                users.append(path.relative_to(SRC).as_posix())
    assert users == ["procedures/bulk.py"]


# Pydantic's private state (a model's ``__dict__``, its fields set, extras and private attributes)
# is pydantic's: no module of hcc names or writes it, and no model overrides the methods through
# which pydantic reads, compares, prints, copies or pickles it (issue 17). A model built from
# parts already valid uses pydantic's documented ``model_construct``.
_PYDANTIC_STATE = ("__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
_STATE_METHODS = frozenset(
    {
        "__getattr__",
        "__getattribute__",
        "__setattr__",
        "__delattr__",
        "__iter__",
        "__repr_args__",
        "__eq__",
        "__hash__",
        "__copy__",
        "__deepcopy__",
        "__getstate__",
        "__setstate__",
        "__reduce__",
        "__reduce_ex__",
        "model_construct",
        "model_copy",
        "model_dump",
        "model_dump_json",
    }
)
# TimeLimit compares by meaning (the phrase it was read from and its position are provenance,
# documented on TimeLimit.__eq__) and leaves the newer fields out of its repr when at default;
# both read the fields through pydantic, nothing is hidden.
_ALLOWED = {
    ("hcc.deadlines.limits.TimeLimit", "__eq__"),
    ("hcc.deadlines.limits.TimeLimit", "__hash__"),
    ("hcc.deadlines.limits.TimeLimit", "__repr_args__"),
}


def _state_writes(text: str) -> list[str]:
    """What in ``text`` names pydantic's private state or writes a ``__dict__``."""
    found = [name for name in _PYDANTIC_STATE if name in text]
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Call):
            f = node.func
            called = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            # object.__setattr__(x, "__dict__", ...) under any name (an alias such as _set too)
            if called not in ("getattr", "hasattr") and len(node.args) >= 2:
                arg = node.args[1]
                if isinstance(arg, ast.Constant) and arg.value == "__dict__":
                    found.append(f"{called}(..., '__dict__')")
            # x.__dict__.update(...) and the other mutating methods
            if (
                isinstance(f, ast.Attribute)
                and isinstance(f.value, ast.Attribute)
                and f.value.attr == "__dict__"
                and f.attr in ("update", "setdefault", "pop", "popitem", "clear", "__setitem__")
            ):
                found.append(f"__dict__.{f.attr}(...)")
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign | ast.Delete):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for t in targets:  # x.__dict__ = ..., x.__dict__[k] = ..., del x.__dict__[k]
            base = t.value if isinstance(t, ast.Subscript) else t
            if isinstance(base, ast.Attribute) and base.attr == "__dict__":
                found.append("writes __dict__")
    return found


def test_no_module_writes_pydantic_private_state() -> None:
    """No ``__pydantic_*`` state named, no ``__dict__`` written or replaced, anywhere in hcc."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        found += [
            (path.relative_to(SRC).as_posix(), what)
            for what in _state_writes(path.read_text(encoding="utf-8"))
        ]
    assert found == []


@pytest.mark.parametrize(
    "code",
    [
        'object.__setattr__(obj, "__dict__", {})',
        '_set = object.__setattr__\n_set(obj, "__dict__", {})',
        'object.__setattr__(obj, "__pydantic_fields_set__", set())',
        'obj.__dict__["skipped"] = ()',
        "obj.__dict__.update(skipped=())",
        "obj.__dict__ = {}",
        'del obj.__dict__["notes"]',
    ],
)
def test_the_check_catches_the_tricks_it_forbids(code: str) -> None:
    assert _state_writes(code)
    assert not _state_writes("d = obj.model_dump()\nx = Model.model_construct(**d)")


def _hcc_models() -> list[type]:
    import importlib
    import pkgutil

    from pydantic import BaseModel

    for info in pkgutil.walk_packages(hcc.__path__, "hcc."):
        if not info.name.endswith("__main__"):  # running it is the CLI
            importlib.import_module(info.name)
    out: list[type] = []
    todo = [BaseModel]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in out:
                out.append(sub)
                todo.append(sub)
    return [m for m in out if m.__module__.split(".")[0] == "hcc"]


def test_no_model_overrides_pydantic_state_methods() -> None:
    """No hcc model defines its own equality, hash, repr arguments, iteration, attribute access,
    copy, pickling, dump or construct, nor a wrap-mode model serializer, nor ``__slots__``."""
    models = _hcc_models()
    assert len(models) > 50  # the walk found hcc's models
    found = []
    for model in models:
        name = f"{model.__module__}.{model.__qualname__}"
        for attr, value in vars(model).items():
            if attr == "__slots__" and value:
                found.append((name, attr))
            fn = value.__func__ if isinstance(value, classmethod | staticmethod) else value
            # pydantic writes a __hash__ into every frozen model: only hcc's own code counts
            own = getattr(fn, "__module__", "").split(".")[0] == "hcc"
            if attr in _STATE_METHODS and own and (name, attr) not in _ALLOWED:
                found.append((name, attr))
        serializers = model.__pydantic_decorators__.model_serializers  # type: ignore[attr-defined]
        for key, dec in serializers.items():
            if dec.info.mode == "wrap":
                found.append((name, f"wrap serializer {key}"))
    assert found == []
