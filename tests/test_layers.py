"""The import contract of ARCHITECTURE.md, checked on every run (CI runs it with the suite).

Layers, bottom to top (a module imports only from layers below its own, or from its own package):

    hcc._* (top-level private modules: _version, _types, _text, _io...) and hcc.errors
    ← calendar ← deadlines ← fees ← procedures ← documents | importer ← dossiers
    ← cli, __main__ and the public face (hcc/__init__.py) ← testing

``documents`` and ``importer`` share a layer and stay independent of each other; ``testing`` is at
the top, so no production module imports it. Every import counts: module level, inside functions
and under ``if TYPE_CHECKING``. A module also never reaches into another package's private module
or private name (``from hcc.calendar._text import nfc`` from ``hcc.fees``); what several packages
share lives in a top-level private module (``hcc/_text.py``), which every layer may use.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import hcc

SRC = Path(hcc.__file__).resolve().parent

RANKS: dict[str, int] = {
    "errors": 0,  # with the top-level private modules (rank 0 as well, see rank())
    "calendar": 1,
    "deadlines": 2,
    "fees": 3,
    "procedures": 4,
    "documents": 5,
    "importer": 5,
    "dossiers": 6,
    "": 7,  # hcc/__init__.py, the public face
    "cli": 7,
    "dask": 7,  # hcc/dask.py: the dask integration over the public layers, beside the CLI
    "__main__": 7,
    "testing": 8,
}
SHARED_RANKS = {0, 7}
"""Layers whose members may import each other (the bottom modules; the face and the CLI)."""

# Reaches into another package's private module that the contract tolerates, as (importing
# module, module reached into) pairs. Empty: the last three (hcc.dask and the dossier kernels) now
# use hcc.dossiers.resolve_period and hcc/_frames.py. Do not add to it: put code that several
# packages share in a top-level private module (hcc/_text.py, hcc/_types.py, hcc/_frames.py) or
# make it public. A pair no longer needed fails the test, so the list can only shrink.
ALLOWED_REACHES: frozenset[tuple[str, str]] = frozenset()


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path, root: Path) -> list[tuple[str, str, int]]:
    """(imported module, imported name or "", line) of every ``hcc`` import in ``path``."""
    name = module_name(path, root)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    out: list[tuple[str, str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(a.name, "", node.lineno) for a in node.names if a.name.split(".")[0] == "hcc"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] == "hcc":
                out += [(target, a.name, node.lineno) for a in node.names]
    return out


def package_of(module: str) -> str:
    """The top-level part under hcc: "calendar" for hcc.calendar.working, "" for hcc itself."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def rank(package: str) -> int:
    if package.startswith("_") and package != "__main__":
        return 0  # hcc/_version.py, hcc/_text.py, ...: the bottom
    if package not in RANKS:
        raise AssertionError(
            f"hcc.{package} is in no layer: add it to RANKS here and to ARCHITECTURE.md"
        )
    return RANKS[package]


def check(root: Path, allowed: frozenset[tuple[str, str]] = frozenset()) -> list[str]:
    """Every breach of the contract under ``root`` (the ``hcc`` package directory)."""
    problems: list[str] = []
    used: set[tuple[str, str]] = set()
    for path in sorted(root.rglob("*.py")):
        source = module_name(path, root)
        src_pkg = package_of(source)
        for target, imported, line in imports(path, root):
            where = f"{source} (line {line}) imports {target}" + (
                f".{imported}" if imported else ""
            )
            # a name imported from a package may be a submodule: judge the longest module path
            full = f"{target}.{imported}" if imported else target
            dst_pkg = package_of(full if target == "hcc" else target)
            if dst_pkg == src_pkg:
                continue
            a, b = rank(src_pkg), rank(dst_pkg)
            if b > a or (b == a and a not in SHARED_RANKS):
                problems.append(f"{where}: hcc.{dst_pkg} is not below hcc.{src_pkg or '(face)'}")
                continue
            private = [p for p in full.split(".")[2:] if p.startswith("_") and p != "__version__"]
            if private and not dst_pkg.startswith("_"):
                if (source, target) in allowed:
                    used.add((source, target))
                else:
                    problems.append(f"{where}: reaches into hcc.{dst_pkg}'s private {private[0]}")
    problems += [
        f"allow-list entry {pair} is no longer needed: remove it from ALLOWED_REACHES"
        for pair in sorted(allowed - used)
    ]
    return problems


def test_hcc_keeps_its_layers() -> None:
    assert check(SRC, ALLOWED_REACHES) == []


def test_testing_is_imported_by_no_production_module() -> None:
    users = [
        module_name(p, SRC)
        for p in SRC.rglob("*.py")
        if package_of(module_name(p, SRC)) != "testing"
        and any(package_of(t) == "testing" for t, _, _ in imports(p, SRC))
    ]
    assert users == []


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "hcc"
    for rel, text in {"__init__.py": "", **files}.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # an upward import, at module level, in a function, under TYPE_CHECKING, relative
        ({"calendar/x.py": "from hcc.deadlines import compute_deadline"}, "not below"),
        ({"fees/x.py": "def f():\n    import hcc.procedures.models"}, "not below"),
        (
            {
                "calendar/x.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                "    from hcc.dossiers import Dossier"
            },
            "not below",
        ),
        ({"calendar/x.py": "from ..dossiers import Dossier"}, "not below"),
        # siblings of one layer stay apart; production never imports testing
        ({"documents/x.py": "from hcc.importer import import_portal_records"}, "not below"),
        ({"cli.py": "from hcc.testing import strategies"}, "not below"),
        ({"errors.py": "import hcc.calendar"}, "not below"),
        # a reach into another package's private module or name
        ({"fees/x.py": "from hcc.calendar._text import nfc"}, "private _text"),
        ({"fees/x.py": "from hcc.calendar import _text"}, "private _text"),
        ({"dossiers/x.py": "from hcc.procedures.models import _Model"}, "private _Model"),
        # a package no layer names
        ({"plugins/x.py": "from hcc.calendar import vietnam_calendar"}, "in no layer"),
    ],
)
def test_the_contract_catches(tmp_path: Path, files: dict[str, str], expected: str) -> None:
    root = _tree(tmp_path, files)
    try:
        problems = check(root)
    except AssertionError as exc:
        problems = [str(exc)]
    assert len(problems) == 1
    assert expected in problems[0]


def test_the_contract_allows(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "_text.py": "from hcc.errors import HccError",  # the bottom modules share a layer
            "errors.py": "from hcc._text import nfc",
            "calendar/_cal.py": "from hcc.calendar._other import x\nfrom . import _other",
            "fees/x.py": "from hcc._text import nfc\nfrom hcc.calendar import working",
            "dossiers/x.py": "from hcc.documents import render\nfrom hcc.procedures import models",
            "__init__.py": "from hcc._version import __version__\nfrom hcc.dossiers import x",
            "__main__.py": "from hcc.cli import main",
            "testing/x.py": "from hcc.dossiers import Dossier\nimport hcc.cli",
        },
    )
    assert check(root) == []


def test_a_stale_allow_list_entry_fails(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"fees/x.py": "from hcc._text import nfc"})
    problems = check(root, frozenset({("hcc.fees.x", "hcc.calendar._text")}))
    assert problems == [
        "allow-list entry ('hcc.fees.x', 'hcc.calendar._text') is no longer needed: "
        "remove it from ALLOWED_REACHES"
    ]
