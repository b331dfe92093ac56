"""Every ```python block in docs/ and README.md runs, in order, one namespace per page.

A block whose first line is ``# not-run: <reason>`` is skipped with that reason (use sparingly, e.g.
for a shell session); everything else must run and its ``assert`` statements must hold.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_page_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = BLOCK.findall(page.read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    namespace: dict[str, object] = {"__name__": f"docs:{page.name}"}
    ran = 0
    for code in blocks:
        if code.startswith("# not-run:"):
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("default")  # pages may show warnings on purpose
            # dont_inherit: the block runs as a user's script would, without this file's
            # `from __future__ import annotations` (pydantic models defined in a page need it)
            exec(compile(code, str(page), "exec", dont_inherit=True), namespace)
        ran += 1
    assert ran == len([b for b in blocks if not b.startswith("# not-run:")])
