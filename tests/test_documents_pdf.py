"""Every document kind of every form set rendered to PDF and opened again (pypdf, fontTools).

Checked for each sample document, against values written here from the sources:

* page count: one page (each A5 form of Circular 01/2018/TT-VPCP is one sheet);
* page size: ISO 216 A5 148 x 210 mm for the forms, A4 297 x 210 mm landscape for the register,
  A4 210 x 297 mm for the letters (Decree 30/2020/NĐ-CP, Appendix I: administrative documents on
  A4), the declaration and the counter board;
* fonts: every font is embedded; one typeface per document, a Times New Roman-compatible one;
  every character of the text maps (ToUnicode) to a real glyph of an embedded font program (not
  .notdef, with an outline), and every character the HTML shows is among them;
* place names: each place name the HTML shows ("xã Nghi Phong", "NGHI LỘC"...) is found whole on
  one line of the PDF's text as often as the HTML shows it; a name split across lines is lost.

WeasyPrint is the ``pdf`` extra; the tests skip, saying so, only where it is not installed.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import textwrap
import types
import warnings
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("weasyprint", reason="the pdf extra (WeasyPrint) is not installed")
pypdf = pytest.importorskip("pypdf", reason="pypdf (the test extra) is not installed")
ttLib = pytest.importorskip("fontTools.ttLib", reason="fontTools (WeasyPrint's) is missing")

from hcc.documents import (  # noqa: E402
    MissingExtraError,
    _pdf,
    form_set,
    form_sets,
    kinds,
    render,
    sample_context,
)
from hcc.errors import FontFallbackWarning  # noqa: E402

CASES = [(fs.id, kind) for fs in form_sets() for kind in kinds(fs.id)]
MM_PER_PT = 25.4 / 72

# ISO 216 sizes in millimetres (width, height) in the orientation each document is printed.
A5 = (148.0, 210.0)
A4 = (210.0, 297.0)
A4_LANDSCAPE = (297.0, 210.0)
PAPER = {
    # Circular 01/2018/TT-VPCP forms 01-05 (and the 2025 set's 01-06): A5 slips
    "receipt": A5,
    "supplement_request": A5,
    "refusal": A5,
    "apology": A5,
    "processing_stop": A5,
    "control_slip": A5,
    # the register's columns need an A4 sheet on its side
    "register": A4_LANDSCAPE,
    # letters are administrative documents: A4 (Decree 30/2020/NĐ-CP, Appendix I, Part I.2)
    "marriage_congratulation": A4,
    "death_condolence": A4,
    "birth_home_delivery": A4,
    "postal_return": A4,
    "birth_declaration": A4,
    "public_listing": A4,
}
A5_FORMS = {k for k, size in PAPER.items() if size == A5}

# Typefaces with Times New Roman's metrics
TIMES_COMPATIBLE = {"Times New Roman", "Tinos", "Liberation Serif", "TeX Gyre Termes"}

# Place names of the sample documents (REFERENCE §1: Nghi Lộc district, Nghệ An), with and without
# their unit word; counted case-insensitively so the upper-case headings are included.
PLACES = [
    "xã Nghi Phong",
    "huyện Nghi Lộc",
    "tỉnh Nghệ An",
    "thị trấn Quán Hành",
    "Nghi Phong",
    "Nghi Lộc",
    "Nghệ An",
    "Quán Hành",
    "Nam Cấm",
]


# --------------------------------------------------------------------------- helpers
class _Visible(HTMLParser):
    """The text a reader sees in an HTML document, one chunk per block element."""

    BLOCKS = frozenset(
        {"div", "p", "tr", "td", "th", "br", "table", "li", "h1", "h2", "h3", "body"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = [""]
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"style", "title", "head", "script"}:
            self._skip += 1
        if tag in self.BLOCKS:
            self.chunks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"style", "title", "head", "script"}:
            self._skip -= 1
        if tag in self.BLOCKS:
            self.chunks.append("")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.chunks[-1] += data


def visible_chunks(html: str) -> list[str]:
    parser = _Visible()
    parser.feed(html)
    parser.close()
    return [" ".join(c.split()) for c in parser.chunks if c.strip()]


def count_in(lines: list[str], name: str) -> int:
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)", re.I)
    return sum(len(pattern.findall(line)) for line in lines)


def pdf_lines(reader: pypdf.PdfReader) -> list[str]:
    return [
        " ".join(line.split())
        for page in reader.pages
        for line in page.extract_text().splitlines()
        if line.strip()
    ]


def parse_to_unicode(data: bytes) -> dict[int, str]:
    """Glyph code -> text from a ToUnicode CMap (bfchar and bfrange sections)."""
    text = data.decode("latin-1")
    out: dict[int, str] = {}

    def u(hexstr: str) -> str:
        raw = bytes.fromhex(hexstr)
        return raw.decode("utf-16-be")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[int(src, 16)] = u(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, rest in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[.*?\]|<[0-9A-Fa-f]*>)", block, re.S
        ):
            a, b = int(lo, 16), int(hi, 16)
            if rest.startswith("["):
                for i, dst in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", rest)):
                    out[a + i] = u(dst)
            else:
                start = u(rest[1:-1])
                for i in range(b - a + 1):
                    out[a + i] = start[:-1] + chr(ord(start[-1]) + i)
    return out


def fonts_of(reader: pypdf.PdfReader) -> Iterator[tuple[str, dict[int, str], object]]:
    """(family, glyph id -> text, fontTools font) for every font of every page."""
    seen: set[int] = set()
    for page in reader.pages:
        resources = page["/Resources"]
        for ref in resources.get("/Font", {}).values():
            font = ref.get_object()
            if id(font) in seen:
                continue
            seen.add(id(font))
            assert font["/Subtype"] == "/Type0", f"{font['/BaseFont']}: not a CID font"
            descendant = font["/DescendantFonts"][0].get_object()
            assert descendant.get("/CIDToGIDMap", "/Identity") == "/Identity"
            descriptor = descendant["/FontDescriptor"].get_object()
            program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
            assert program is not None, f"{font['/BaseFont']} is not embedded"
            tt = ttLib.TTFont(io.BytesIO(program.get_object().get_data()))
            family = str(descriptor.get("/FontFamily") or "")
            if not family:
                family = re.sub(r"^[A-Z]{6}\+", "", str(font["/BaseFont"])[1:]).split("-")[0]
            yield family, parse_to_unicode(font["/ToUnicode"].get_object().get_data()), tt


def has_outline(tt: object, gid: int) -> bool:
    order = tt.getGlyphOrder()  # type: ignore[attr-defined]
    if gid <= 0 or gid >= len(order):
        return False
    if "glyf" in tt:  # type: ignore[operator]
        glyph = tt["glyf"][order[gid]]  # type: ignore[index]
        return bool(glyph.numberOfContours)
    return True  # CFF outlines: the glyph exists in the charset


# --------------------------------------------------------------------------- the documents
@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str], tuple[str, bytes]]:
    """Every sample document of every form set as (HTML, PDF), rendered once."""
    out = {}
    for set_id, kind in CASES:
        ctx = sample_context(kind)
        html = render(kind, ctx, format="html", form_set=set_id)
        pdf = render(kind, ctx, format="pdf", form_set=set_id)
        out[(set_id, kind)] = (html, pdf)
    return out


def test_every_kind_has_an_expected_paper() -> None:
    assert {kind for _, kind in CASES} == set(PAPER)


@pytest.mark.parametrize(("set_id", "kind"), CASES, ids=[f"{s}/{k}" for s, k in CASES])
def test_pages_and_paper(rendered: dict, set_id: str, kind: str) -> None:
    _, pdf = rendered[(set_id, kind)]
    assert isinstance(pdf, bytes)
    assert pdf.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1, f"{set_id}/{kind}: {len(reader.pages)} pages"
    box = reader.pages[0].mediabox
    size = (float(box.width) * MM_PER_PT, float(box.height) * MM_PER_PT)
    want = PAPER[kind]
    assert size == pytest.approx(want, abs=0.5), (set_id, kind, size)
    # the form set agrees with the paper the PDF came out on
    spec = form_set(set_id).spec(kind)
    assert (spec.paper, spec.orientation) == (
        ("A5", "portrait")
        if want == A5
        else ("A4", "landscape" if want == A4_LANDSCAPE else "portrait")
    )


def test_each_a5_form_is_one_page(rendered: dict) -> None:
    a5 = [(s, k) for s, k in CASES if k in A5_FORMS]
    assert len(a5) == 11  # forms 01-05 of 2018, 01-06 of 2025
    for case in a5:
        assert len(pypdf.PdfReader(io.BytesIO(rendered[case][1])).pages) == 1, case


@pytest.mark.parametrize(("set_id", "kind"), CASES, ids=[f"{s}/{k}" for s, k in CASES])
def test_every_glyph_is_in_the_embedded_fonts(rendered: dict, set_id: str, kind: str) -> None:
    html, pdf = rendered[(set_id, kind)]
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    families: set[str] = set()
    covered: set[str] = set()
    for family, to_unicode, tt in fonts_of(reader):
        families.add(family)
        assert to_unicode, f"{family}: empty ToUnicode map"
        for gid, text in to_unicode.items():
            if text.isspace():
                continue
            assert has_outline(tt, gid), (
                f"{family}: {text!r} drawn with glyph {gid}, which has no outline"
            )
            covered.update(text)
    # one typeface per document, and one with Times New Roman's metrics
    assert len(families) == 1, f"{set_id}/{kind} mixes typefaces: {sorted(families)}"
    assert families <= TIMES_COMPATIBLE, families
    shown = {ch for chunk in visible_chunks(html) for ch in chunk if not ch.isspace()}
    assert shown - covered == set(), (
        f"letters shown but not in any embedded font: {shown - covered}"
    )
    extracted = {ch for line in pdf_lines(reader) for ch in line if not ch.isspace()}
    assert extracted - covered == set()
    # the Vietnamese letters of the issue are really there
    assert shown & set("ếưừữặỹĐđ")


@pytest.mark.parametrize(("set_id", "kind"), CASES, ids=[f"{s}/{k}" for s, k in CASES])
def test_no_place_name_is_split_across_lines(rendered: dict, set_id: str, kind: str) -> None:
    html, pdf = rendered[(set_id, kind)]
    chunks = visible_chunks(html)
    lines = pdf_lines(pypdf.PdfReader(io.BytesIO(pdf)))
    expected = {name: count_in(chunks, name) for name in PLACES}
    assert sum(expected.values()) > 0, f"{set_id}/{kind} shows no place name"
    got = {name: count_in(lines, name) for name in PLACES}
    assert got == expected


OFFICES = [
    # (office name, unit, place) whose upper-case heading wraps in a narrow column
    ("Ủy ban nhân dân xã Nghi Phong", "Bộ phận Tiếp nhận và Trả kết quả", "xã Nghi Phong"),
    (
        "Ủy ban nhân dân thành phố Hồ Chí Minh",
        "Trung tâm Phục vụ hành chính công",
        "thành phố Hồ Chí Minh",
    ),
    ("Ủy ban nhân dân phường Bến Nghé", "Bộ phận Một cửa", "phường Bến Nghé"),
    (
        "Ủy ban nhân dân thị trấn Quán Hành",
        "Bộ phận Tiếp nhận và Trả kết quả",
        "thị trấn Quán Hành",
    ),
    (
        "Ủy ban nhân dân xã Đông Hưng Thuận",
        "Bộ phận Tiếp nhận và Trả kết quả",
        "xã Đông Hưng Thuận",
    ),
    (
        "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu",
        "Trung tâm Phục vụ hành chính công tỉnh",
        "tỉnh Bà Rịa - Vũng Tàu",
    ),
]


@pytest.mark.parametrize(("name", "unit", "place"), OFFICES)
def test_headings_wrap_before_the_place_not_inside(name: str, unit: str, place: str) -> None:
    data = sample_context("receipt").model_dump()
    bare = re.sub(r"^(thị trấn|thành phố|xã|phường|tỉnh) ", "", place)  # "Quán Hành"
    data["office"] = {**data["office"], "name": name, "unit": unit, "place": bare}
    html = render("receipt", data, format="html")
    lines = pdf_lines(pypdf.PdfReader(io.BytesIO(render("receipt", data, format="pdf"))))
    want = count_in(visible_chunks(html), place)
    assert want >= 1  # the heading
    assert count_in(lines, place) == want, [
        ln for ln in lines if place.split()[-1].upper() in ln.upper()
    ]


def test_the_place_check_catches_a_split(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the no-wrap spans the heading of a long commune name does break inside the name."""
    import hcc.documents.rendering as rendering

    monkeypatch.setattr(rendering, "keep_places", lambda html, names: html)
    data = sample_context("receipt").model_dump()
    data["office"] = {**data["office"], "name": "Ủy ban nhân dân xã Đông Hưng Thuận"}
    html = render("receipt", data, format="html")
    lines = pdf_lines(pypdf.PdfReader(io.BytesIO(render("receipt", data, format="pdf"))))
    place = "xã Đông Hưng Thuận"
    assert count_in(lines, place) < count_in(visible_chunks(html), place)


def test_the_same_context_gives_the_same_bytes(rendered: dict) -> None:
    set_id, kind = CASES[0]
    assert (
        render(kind, sample_context(kind), format="pdf", form_set=set_id)
        == rendered[(set_id, kind)][1]
    )


# --------------------------------------------------------------------------- longer documents
def test_a_long_register_flows_onto_more_a4_landscape_pages() -> None:
    data = sample_context("register").model_dump()
    row = data["rows"][0]
    data["rows"] = [
        {**row, "number": n, "dossier_code": f"000.00.23.H40-260105-{n:04d}"} for n in range(1, 61)
    ]
    reader = pypdf.PdfReader(io.BytesIO(render("register", data, format="pdf")))
    assert len(reader.pages) > 1
    for page in reader.pages:
        size = (float(page.mediabox.width) * MM_PER_PT, float(page.mediabox.height) * MM_PER_PT)
        assert size == pytest.approx(A4_LANDSCAPE, abs=0.5)
    text = "\n".join(pdf_lines(reader))
    # every row printed once, the header repeated on every page
    assert all(text.count(f"000.00.23.H40-260105-{n:04d}") == 1 for n in range(1, 61))
    assert text.count("Mã hồ sơ") == len(reader.pages)


# --------------------------------------------------------------------------- safety and errors
PNG_1PX = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
    "60e6kgAAAABJRU5ErkJggg=="
)


def _images(pdf: bytes) -> int:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return sum(len(page.images) for page in reader.pages)


def test_a_template_cannot_fetch_files_or_urls(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not an image")
    (tmp_path / "receipt.html.j2").write_text(
        '{% extends "_base.html.j2" %}{% block body %}<p>Ảnh:</p>'
        f'<img src="{secret.as_uri()}"><img src="http://127.0.0.1:9/x.png">'
        f'<img src="{PNG_1PX}">{{% endblock %}}',
        encoding="utf-8",
    )
    pdf = render("receipt", sample_context("receipt"), format="pdf", template_dir=tmp_path)
    assert _images(pdf) == 1  # only the data: URL


def test_pdf_without_weasyprint_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(MissingExtraError, match=r"PDF output needs WeasyPrint.*hcc\[pdf\]"):
        render("receipt", sample_context("receipt"), format="pdf")


def test_unknown_format_lists_pdf() -> None:
    from hcc.calendar import InvalidInputError

    with pytest.raises(InvalidInputError, match="'pdf'"):
        render("receipt", sample_context("receipt"), format="odt")


def _fake_font(family: str, letters: str, missing: tuple[int, ...] = ()) -> object:
    return types.SimpleNamespace(
        family=family,
        to_unicode={i + 1: ch for i, ch in enumerate(letters)},
        missing={cp: 900 + i for i, cp in enumerate(missing)},
    )


def test_one_family_gives_no_warning() -> None:
    doc = types.SimpleNamespace(
        fonts={1: _fake_font("Tinos", "Nghi Phong"), 2: _fake_font("Tinos", "ế")}
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _pdf._check_fonts(doc)


def test_a_second_family_warns_with_the_letters() -> None:
    doc = types.SimpleNamespace(
        fonts={
            1: _fake_font("Liberation Serif", "Nghi Phong ngày tháng"),
            2: _fake_font("DejaVu Serif", "ếừ"),
            3: _fake_font("Liberation Serif", "☐", missing=(0x2610,)),
        }
    )
    with pytest.warns(FontFallbackWarning) as record:
        _pdf._check_fonts(doc)
    w = record[0].message
    assert isinstance(w, FontFallbackWarning)
    assert w.main == "Liberation Serif"
    assert w.fallback == {"DejaVu Serif": "ếừ", None: "☐"}
    assert "fonts-liberation2" in str(w)


LIBERATION_1 = Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")


def test_liberation_1_alone_mixes_typefaces_and_warns(tmp_path: Path) -> None:
    """The issue's machine: only Liberation Serif 1.x (no ế) and DejaVu; the PDF warns."""
    if not LIBERATION_1.exists():
        pytest.skip(f"needs Debian's fonts-liberation (1.x) at {LIBERATION_1}")
    cmap = ttLib.TTFont(LIBERATION_1).getBestCmap()
    if ord("ế") in cmap:
        pytest.skip(f"{LIBERATION_1} already has ế (not the 1.x series)")
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        textwrap.dedent(f"""\
        <?xml version="1.0"?>
        <!DOCTYPE fontconfig SYSTEM "fonts.dtd">
        <fontconfig>
          <dir>{LIBERATION_1.parent}</dir>
          <dir>/usr/share/fonts/truetype/dejavu</dir>
          <include ignore_missing="yes">/etc/fonts/conf.d</include>
          <cachedir>{tmp_path / "cache"}</cachedir>
        </fontconfig>
        """),
        encoding="utf-8",
    )
    script = textwrap.dedent("""\
        import warnings
        from hcc.documents import render, sample_context
        from hcc.errors import FontFallbackWarning
        with warnings.catch_warnings(record=True) as got:
            warnings.simplefilter("always")
            render("marriage_congratulation", sample_context("marriage_congratulation"), format="pdf")
        found = [w.message for w in got if isinstance(w.message, FontFallbackWarning)]
        print(found[0].main if found else "NONE")
        print("".join(sorted("".join(v for k, v in found[0].fallback.items() if k)) if found else ""))
        """)
    src = Path(__file__).resolve().parents[1] / "src"
    env = {"FONTCONFIG_FILE": str(conf), "PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    main, letters = proc.stdout.splitlines()[:2]
    assert main == "Liberation Serif"
    assert "ế" in letters or "ừ" in letters or "ặ" in letters
