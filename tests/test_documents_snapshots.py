"""Snapshots of every document, in every format and form set, for the fixed sample inputs.

The snapshot files in ``tests/snapshots/documents/<form set>/`` were written deliberately and read
by eye for the Vietnamese wording. A test never writes one silently: a missing or different
snapshot fails. To accept a change, rerun with ``HCC_UPDATE_SNAPSHOTS=1`` and review the diff::

    HCC_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_documents_snapshots.py

DOCX files are compared through a text dump (page size, paragraphs with alignment and bold
marks, tables cell by cell), which is what a reviewer can read.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.text.paragraph import Paragraph

from hcc.documents import form_sets, kinds, render, sample_context

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots" / "documents"
UPDATE = os.environ.get("HCC_UPDATE_SNAPSHOTS") == "1"
EXT = {"text": "txt", "html": "html", "docx": "docx.txt"}
CASES = [
    (fs.id, kind, fmt)
    for fs in form_sets()
    for kind in kinds(fs.id)
    for fmt in ("text", "html", "docx")
]


def docx_dump(data: bytes) -> str:
    """A readable dump of a DOCX: page size, then paragraphs and tables in body order.

    Paragraph marks: ``^`` centred, ``>`` right, ``=`` justified; ``*`` all runs bold; a line
    break inside a paragraph shows as `` / ``.
    """
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    out = [
        f"[page {round(section.page_width.mm)}x{round(section.page_height.mm)} mm, "
        f"margins {round(section.top_margin.mm)}/{round(section.right_margin.mm)}/"
        f"{round(section.bottom_margin.mm)}/{round(section.left_margin.mm)} mm]"
    ]

    def walk(container: Any, depth: int) -> None:
        pad = "  " * depth
        for block in container.iter_inner_content():
            if isinstance(block, Paragraph):
                if not block.text.strip():
                    continue
                align = {1: "^", 2: ">", 3: "="}.get(
                    int(block.alignment) if block.alignment is not None else 0, ""
                )
                runs = [r for r in block.runs if r.text.strip()]
                bold = "*" if runs and all(r.bold for r in runs) else ""
                text = block.text.replace("\n", " / ")
                out.append(f"{pad}{align}{bold}{text}".rstrip())
                continue
            out.append(f"{pad}[table {len(block.rows)}x{len(block.columns)}]")
            for r_index, row in enumerate(block.rows):
                seen: set[int] = set()
                for c_index, cell in enumerate(row.cells):
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    out.append(f"{pad}  [{r_index},{c_index}]")
                    walk(cell, depth + 2)

    walk(document, 0)
    return "\n".join(out) + "\n"


def _output(set_id: str, kind: str, fmt: str) -> str:
    result = render(kind, sample_context(kind), format=fmt, form_set=set_id)
    if isinstance(result, bytes):
        return docx_dump(result)
    return result


@pytest.mark.parametrize(("set_id", "kind", "fmt"), CASES, ids=["/".join(c) for c in CASES])
def test_snapshot(set_id: str, kind: str, fmt: str) -> None:
    path = SNAPSHOTS / set_id / f"{kind}.{EXT[fmt]}"
    got = _output(set_id, kind, fmt)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8", newline="\n")
    assert path.exists(), f"no snapshot {path}; write it with HCC_UPDATE_SNAPSHOTS=1 and review it"
    expected = path.read_text(encoding="utf-8")
    assert got == expected, f"{path.name} differs; review, then HCC_UPDATE_SNAPSHOTS=1 to accept"


def test_no_stale_snapshots() -> None:
    wanted = {SNAPSHOTS / s / f"{k}.{EXT[f]}" for s, k, f in CASES}
    present = {p for p in SNAPSHOTS.rglob("*") if p.is_file()}
    assert present <= wanted, f"snapshots without a test: {sorted(present - wanted)}"


def test_every_kind_of_every_form_set_is_covered() -> None:
    covered = {(s, k) for s, k, _ in CASES}
    assert len(CASES) == 3 * len(covered)
    assert {k for _, k in covered} >= set(kinds())
