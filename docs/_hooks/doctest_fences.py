"""MkDocs hook: render docstring examples (``>>>`` blocks) as Python console code.

Docstrings carry doctest examples as plain text; Markdown would read ``>>>`` as nested quotes and
an output such as ``[2023, 2024]`` as a link reference. This hook adds a Markdown preprocessor,
used for pages and for docstrings rendered by mkdocstrings alike, that fences every run of lines
starting with ``>>>`` (up to the next blank line) as a ``pycon`` code block. It also turns the
Sphinx roles docstrings use (``:class:`hcc.X```, ``:func:`~hcc.y```) into inline code.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.plugins import event_priority

FENCES = ("```", "~~~")
ROLE = re.compile(r":(?:class|func|meth|mod|data|attr|exc|obj|const):`(~?)([^`]+)`")


def _role(m: re.Match[str]) -> str:
    target = m.group(2)
    return f"`{target.rsplit('.', 1)[-1] if m.group(1) else target}`"


class DoctestFences(Preprocessor):
    """Wrap doctest blocks that are not already inside a fence."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        fence: str | None = None
        i = 0
        while i < len(lines):
            line = lines[i]
            stripped = line.lstrip()
            if fence is not None:
                out.append(line)
                if stripped.startswith(fence):
                    fence = None
                i += 1
                continue
            marker = next((f for f in FENCES if stripped.startswith(f)), None)
            if marker is not None:
                fence = marker
                out.append(line)
                i += 1
                continue
            if stripped.startswith(">>>"):
                indent = line[: len(line) - len(stripped)]
                out += ["", f"{indent}```pycon"]
                while i < len(lines) and lines[i].strip():
                    out.append(lines[i])
                    i += 1
                out += [f"{indent}```", ""]
                continue
            out.append(ROLE.sub(_role, line))
            i += 1
        return out


class DoctestFencesExtension(Extension):
    """The Markdown extension that installs :class:`DoctestFences` before every other step."""

    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown names it so
        md.preprocessors.register(DoctestFences(md), "hcc_doctest_fences", 40)


@event_priority(100)  # before mkdocstrings reads the extension list
def on_config(config: Any) -> Any:
    config.markdown_extensions.append(DoctestFencesExtension())
    return config
