"""The documentation site's navigation is complete (``.ci/run`` builds it with ``mkdocs build --strict``).

``mkdocs build --strict`` fails on a broken link, a nav entry without a page, or an API
reference (mkdocstrings) that cannot be resolved. The navigation check is quicker and says which
page is missing from ``mkdocs.yml``'s ``nav``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name tags; the nav never does."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _nav_pages(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [p for item in node for p in _nav_pages(item)]
    if isinstance(node, dict):
        return [p for value in node.values() for p in _nav_pages(value)]
    return []


def test_every_page_is_in_the_nav_and_every_nav_entry_exists() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    nav = _nav_pages(config["nav"])
    pages = sorted(str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md") if "_hooks" not in p.parts)
    assert sorted(set(nav) - set(pages)) == [], "nav entries without a page"
    missing = sorted(set(pages) - set(nav))
    assert missing == [], f"pages not in mkdocs.yml's nav (add them): {missing}"
