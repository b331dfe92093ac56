"""Install honestly: the demo runs on the runtime dependencies alone; the docs install from a checkout."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# everything an extra brings; none of it may be needed by `python -m hcc demo`
OPTIONAL = (
    "numpy",
    "pandas",
    "polars",
    "pyarrow",
    "icalendar",
    "docx",
    "hypothesis",
    "pytest",
    "fastapi",
    "httpx",
    "mkdocs",
    "weasyprint",
)

BLOCKER = f"""
import importlib.abc, runpy, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {OPTIONAL!r}:
            raise ImportError("blocked optional package: " + name)
        return None
sys.meta_path.insert(0, Block())
sys.argv = ["hcc", *sys.argv[1:]]
runpy.run_module("hcc", run_name="__main__")
"""


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src")
    return subprocess.run(
        [sys.executable, "-c", BLOCKER, *argv],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def test_demo_runs_without_any_extra() -> None:
    proc = _run("demo")
    assert proc.returncode == 0, proc.stderr
    assert "21.000 đồng" in proc.stdout
    proc = _run("demo", "--json", "--lang", "en")
    assert proc.returncode == 0, proc.stderr


def test_runtime_dependencies_are_light() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {re.split(r"[<>=;\[ ]", d, maxsplit=1)[0].lower() for d in project["dependencies"]}
    assert names == {"pydantic", "holidays", "python-dateutil", "jinja2", "tzdata"}
    extras = project["optional-dependencies"]
    assert {"pandas", "ical", "numpy", "docx", "testing", "test"} <= set(extras)
    for tool in ("fastapi", "httpx"):
        assert any(r.startswith(tool) for r in extras["test"])


def test_the_readme_starts_with_the_two_setup_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first = re.search(r"```bash\n(.*?)```", text, re.S)
    assert first is not None
    lines = first.group(1).strip().splitlines()
    assert lines == [
        "pip install -e . && python -m hcc demo",
        "pip install -e '.[test]' && python -m pytest",
    ]


def test_no_page_installs_from_a_registry() -> None:
    pages = [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")]
    registry = re.compile(r"pip install\s+['\"]?hcc(\[[^\]]*\])?['\"]?(\s|$)")
    offenders = [
        f"{p.relative_to(ROOT)}: {line.strip()}"
        for p in pages
        for line in p.read_text(encoding="utf-8").splitlines()
        if registry.search(line)
    ]
    assert offenders == []


def test_a_missing_extra_is_named() -> None:
    proc = _run("calendar", "2026", "--ical")
    assert proc.returncode == 2
    assert proc.stderr.startswith("hcc: error: to_ical() needs the 'ical' extra")
    assert "Traceback" not in proc.stderr
