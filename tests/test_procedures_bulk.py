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


# The one exception: a Deadline built by compute_deadline gives itself a fresh plain set of every
# field, as pydantic's model_construct does, so that its explanation can be computed on first use
# (issue 16: one call under 10 µs). No model shares or replaces pydantic's set with another type.
_CONSTRUCTS_LIKE_MODEL_CONSTRUCT = {
    "deadlines/compute.py": '"__pydantic_fields_set__", set(_FIELDS)'
}


def test_no_model_replaces_pydantic_private_state() -> None:
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        allowed = _CONSTRUCTS_LIKE_MODEL_CONSTRUCT.get(path.relative_to(SRC).as_posix())
        if allowed is not None:
            assert text.count("__pydantic_fields_set__") == text.count(allowed) == 1, path
            continue
        assert "__pydantic_fields_set__" not in text, path
