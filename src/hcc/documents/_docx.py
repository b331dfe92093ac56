"""DOCX output: the HTML rendering of a document, converted to Word with python-docx.

Building the DOCX from the HTML keeps one template per document (a district that overrides an HTML
template changes the DOCX too). The converter understands the small HTML vocabulary the templates
use: block ``div``/``p``/``h1``-``h3``, ``table`` (class ``grid`` = ruled, otherwise borderless
layout) with ``colgroup``/``col`` widths in percent, ``thead`` rows (repeated on each page),
``td``/``th`` with ``colspan``, inline ``b``/``strong``/``i``/``em``/``u``/``span``/``br``, and the
classes ``c``/``r``/``j`` (alignment), ``b``/``i``/``u``, ``title``, ``small``, ``tiny``, ``ind``
(first-line indent), ``space`` (room for a signature) and ``rule`` (a decorative line, skipped).

The file is deterministic: fixed core properties and fixed zip timestamps, so the same input gives
the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from hcc.errors import MissingExtraError

__all__ = ["html_to_docx"]


_VOID = {"br", "col", "meta", "hr", "img", "link", "input", "wbr"}
_SKIP = {"head", "style", "script", "title"}
_BLOCK = {
    "div",
    "p",
    "h1",
    "h2",
    "h3",
    "table",
    "ul",
    "ol",
    "li",
    "section",
    "header",
    "footer",
    "main",
    "article",
    "body",
    "html",
}
_PAPER_MM = {"A5": (148, 210), "A4": (210, 297)}


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def find_all(self, tag: str) -> list[_Node]:
        out: list[_Node] = []
        for c in self.children:
            if isinstance(c, _Node):
                if c.tag == tag:
                    out.append(c)
                else:
                    out.extend(c.find_all(tag))
        return out


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
            return
        if self.skipping:
            return
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping and tag not in _SKIP:
            self.stack[-1].children.append(_Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
            return
        if self.skipping or tag in _VOID:
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.stack[-1].children.append(data)


@dataclass(frozen=True)
class _Style:
    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float | None = None
    align: str | None = None
    heading_size: float = 9.5

    def with_classes(self, tag: str, classes: set[str]) -> _Style:
        """The style inside an element ``tag`` with ``classes``."""
        bold = self.bold or tag in {"b", "strong", "th", "h1", "h2", "h3"} or "b" in classes
        bold = bold or "title" in classes
        italic = self.italic or tag in {"i", "em"} or "i" in classes
        underline = self.underline or tag == "u" or "u" in classes
        size = self.size
        if "hd" in classes:
            size = self.heading_size
        if "small" in classes:
            size = 9.0
        if "tiny" in classes:
            size = 8.0
        if "title" in classes:
            size = 13.0
        align = self.align
        for cls, value in (("c", "center"), ("r", "right"), ("j", "justify"), ("l", "left")):
            if cls in classes:
                align = value
        if tag in {"th", "h1", "h2", "h3"} or "title" in classes:
            align = align or "center"
        return _Style(bold, italic, underline, size, align, self.heading_size)


_WS = re.compile(r"\s+")


def _is_block(node: _Node | str) -> bool:
    return isinstance(node, _Node) and node.tag in _BLOCK


class _Builder:
    def __init__(self, docx: Any, doc: Any, usable_width_emu: int, base_size: float) -> None:
        self.docx = docx
        self.doc = doc
        self.width = usable_width_emu
        self.base_size = base_size

    # ---- paragraphs
    def _new_paragraph(self, container: Any, first: list[bool]) -> Any:
        if first[0] and getattr(container, "paragraphs", None) and not _is_document(container):
            first[0] = False
            return container.paragraphs[0]
        first[0] = False
        return container.add_paragraph()

    def _style_paragraph(self, par: Any, style: _Style, tag: str, classes: set[str]) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm, Pt

        align = style.align or ("justify" if tag == "p" else None)
        mapping = {
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
        }
        if align in mapping:
            par.alignment = mapping[align]
        if "ind" in classes:
            par.paragraph_format.first_line_indent = Mm(8)
        if "title" in classes:
            par.paragraph_format.space_before = Pt(6)

    def _inline(self, par: Any, nodes: list[_Node | str], style: _Style, state: list[bool]) -> None:
        """Add runs for inline ``nodes``; ``state[0]`` is True while at the start of a line."""
        from docx.shared import Pt

        for node in nodes:
            if isinstance(node, str):
                text = _WS.sub(" ", node)
                if state[0]:
                    text = text.lstrip()
                if not text:
                    continue
                run = par.add_run(text)
                run.bold = style.bold or None
                run.italic = style.italic or None
                run.underline = style.underline or None
                if style.size is not None:
                    run.font.size = Pt(style.size)
                state[0] = text.endswith(" ")
            elif node.tag == "br":
                if par.runs:
                    last = par.runs[-1]
                    last.text = last.text.rstrip()
                par.add_run().add_break()
                state[0] = True
            elif "box" in node.classes:  # a check box drawn by CSS in HTML: a box glyph in Word
                ticked = any(isinstance(c, str) and c.strip() for c in node.children)
                self._inline(par, ["☒" if ticked else "☐"], style, state)
            else:
                self._inline(par, node.children, style.with_classes(node.tag, node.classes), state)

    def _trim(self, par: Any) -> None:
        if par.runs:
            par.runs[-1].text = par.runs[-1].text.rstrip()

    def flow(self, container: Any, nodes: list[_Node | str], style: _Style, tag: str) -> None:
        """Lay out ``nodes`` into ``container`` (the document or a table cell)."""
        first = [True]
        pending: list[_Node | str] = []

        def flush() -> None:
            if not pending:
                return
            if any(isinstance(n, _Node) or n.strip() for n in pending):
                par = self._new_paragraph(container, first)
                self._style_paragraph(par, style, tag, set())
                self._inline(par, list(pending), style, [True])
                self._trim(par)
            pending.clear()

        for node in nodes:
            if not _is_block(node):
                pending.append(node)
                continue
            flush()
            assert isinstance(node, _Node)
            self.block(container, node, style, first)
        flush()

    def block(self, container: Any, node: _Node, style: _Style, first: list[bool]) -> None:
        classes = node.classes
        if "rule" in classes:
            return
        if "space" in classes:
            for _ in range(int(node.attrs.get("data-lines", "3"))):
                self._new_paragraph(container, first)
            return
        sub = style.with_classes(node.tag, classes)
        if node.tag == "table":
            self.table(container, node, sub, first)
            return
        if any(_is_block(c) for c in node.children):
            # a container: its own inline text and its blocks, in order
            inner_first = [first[0]]
            pending: list[_Node | str] = []
            for child in node.children:
                if _is_block(child):
                    if any(isinstance(n, _Node) or n.strip() for n in pending):
                        par = self._new_paragraph(container, inner_first)
                        self._style_paragraph(par, sub, node.tag, classes)
                        self._inline(par, pending, sub, [True])
                        self._trim(par)
                    pending = []
                    assert isinstance(child, _Node)
                    self.block(container, child, sub, inner_first)
                else:
                    pending.append(child)
            if any(isinstance(n, _Node) or n.strip() for n in pending):
                par = self._new_paragraph(container, inner_first)
                self._style_paragraph(par, sub, node.tag, classes)
                self._inline(par, pending, sub, [True])
                self._trim(par)
            first[0] = inner_first[0]
            return
        if node.tag == "li":
            par = self._new_paragraph(container, first)
            par.add_run("- ")
        else:
            par = self._new_paragraph(container, first)
        self._style_paragraph(par, sub, node.tag, classes)
        self._inline(par, node.children, sub, [not par.runs])
        self._trim(par)

    # ---- tables
    def table(self, container: Any, node: _Node, style: _Style, first: list[bool]) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        rows = node.find_all("tr")
        if not rows:
            return
        grid: list[list[_Node]] = [
            [c for c in r.children if isinstance(c, _Node) and c.tag in {"td", "th"}] for r in rows
        ]
        ncols = max(sum(int(c.attrs.get("colspan", "1")) for c in r) for r in grid)
        widths = []
        for col in node.find_all("col"):
            m = re.search(r"width:\s*([\d.]+)%", col.attrs.get("style", ""))
            widths.append(float(m.group(1)) if m else 0.0)
        if len(widths) != ncols or not all(widths):
            widths = [100.0 / ncols] * ncols
        total = sum(widths)
        avail = self.width if _is_document(container) else int(container.width or self.width)
        col_emu = [int(avail * w / total) for w in widths]
        if first[0] and not _is_document(container):
            # a table as the first thing in a cell: keep the cell's empty first paragraph small
            first[0] = False
        table = container.add_table(rows=len(rows), cols=ncols)
        table.autofit = False
        if "grid" in node.classes:
            table.style = self.doc.styles["Table Grid"]
        head_rows = {id(r) for t in node.find_all("thead") for r in t.find_all("tr")}
        for r_index, (tr, cells) in enumerate(zip(rows, grid, strict=True)):
            row = table.rows[r_index]
            if id(tr) in head_rows:
                tr_pr = row._tr.get_or_add_trPr()
                el = OxmlElement("w:tblHeader")
                el.set(qn("w:val"), "true")
                tr_pr.append(el)
            c_index = 0
            for cell_node in cells:
                span = int(cell_node.attrs.get("colspan", "1"))
                cell = row.cells[c_index]
                if span > 1:
                    cell = cell.merge(row.cells[c_index + span - 1])
                cell.width = sum(col_emu[c_index : c_index + span])
                cstyle = style.with_classes(cell_node.tag, cell_node.classes)
                self.flow(cell, cell_node.children, cstyle, cell_node.tag)
                c_index += span
        for col_index, col in enumerate(table.columns):
            for cell in col.cells:
                cell.width = col_emu[col_index]
        if not _is_document(container):
            return
        # a paragraph after a top-level table keeps Word from gluing the next table to it
        container.add_paragraph()


def _is_document(container: Any) -> bool:
    return hasattr(container, "sections")


def _deterministic(data: bytes) -> bytes:
    """Rewrite the zip with fixed timestamps so equal documents are equal bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def html_to_docx(
    html: str,
    *,
    paper: str = "A5",
    orientation: str = "portrait",
    margins_mm: tuple[int, int, int, int] = (10, 10, 10, 15),
    title: str = "",
) -> bytes:
    """Convert the HTML of a rendered document into DOCX bytes (python-docx, imported lazily).

    ``margins_mm`` are (top, right, bottom, left); ``title`` goes into the file's properties. Raises [`hcc.errors.MissingExtraError`][hcc.errors.MissingExtraError] when
    python-docx is not installed.

    >>> data = html_to_docx("<body><p class='c b'>THÔNG BÁO</p></body>")
    >>> data[:2]
    b'PK'
    """
    try:
        import docx
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm, Pt
    except ImportError:  # pragma: no cover - exercised by a test that hides the module
        raise MissingExtraError("docx", "DOCX output", package="python-docx") from None
    import datetime as dt

    parser = _TreeBuilder()
    parser.feed(html)
    parser.close()
    bodies = parser.root.find_all("body")
    body = bodies[0] if bodies else parser.root

    doc = docx.Document()
    w, h = _PAPER_MM.get(paper, _PAPER_MM["A4"])
    section = doc.sections[0]
    if orientation == "landscape":
        w, h = h, w
        section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width = Mm(w)
    section.page_height = Mm(h)
    top, right, bottom, left = margins_mm
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    base_size = 10.5 if paper == "A5" else 12.0
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(base_size)
    normal.paragraph_format.space_after = Pt(2)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.1

    fixed = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    props = doc.core_properties
    props.author = "hcc"
    props.last_modified_by = "hcc"
    props.created = fixed
    props.modified = fixed
    props.revision = 1
    props.title = title

    usable = Mm(w - left - right)
    builder = _Builder(docx, doc, int(usable), base_size)
    builder.flow(doc, body.children, _Style(heading_size=9.5 if paper == "A5" else 11.0), "body")
    buf = io.BytesIO()
    doc.save(buf)
    return _deterministic(buf.getvalue())
