"""``import hcc`` loads no layer: models, templates and data load on first use (timed in benchmarks/)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import hcc

SRC = str(Path(hcc.__file__).resolve().parents[1])


def _modules_after(code: str) -> set[str]:
    env = {**os.environ, "PYTHONPATH": SRC}
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(*sorted(sys.modules))"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def test_import_hcc_loads_only_the_errors_and_the_version() -> None:
    loaded = _modules_after("import hcc")
    assert {m for m in loaded if m.startswith("hcc")} == {"hcc", "hcc._version", "hcc.errors"}
    # pydantic is loaded: hcc.errors.ModelValidationError is a pydantic.ValidationError (the budget of
    # issue 17 is 1.2x `import pydantic, holidays`); the calendar's holidays and the rest are not
    for heavy in ("holidays", "jinja2", "numpy", "pandas", "dateutil"):
        assert heavy not in loaded, heavy


def test_an_entry_point_loads_its_layer_and_those_below_only() -> None:
    loaded = _modules_after("import hcc\nhcc.compute_deadline")
    assert "hcc.deadlines" in loaded
    assert "hcc.calendar" in loaded  # the layer below
    for above in ("hcc.procedures", "hcc.documents", "hcc.dossiers", "hcc.importer"):
        assert above not in loaded, above
    assert "jinja2" not in loaded
