"""A real browser prints every HTML document to PDF: each A5 form is exactly one A5 page.

Headless Chromium (Debian's ``chromium`` package; ``.ci/run`` installs it) prints each sample
document of each form set. Pages are counted from the PDF bytes (``/Type /Page`` objects, checked
against the page tree's ``/Count``) and the paper from the first ``/MediaBox``. The test skips,
saying why, only when no Chromium binary exists on this machine.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from hcc.documents import form_set, form_sets, kinds, render, sample_context

CHROMIUM = next(
    (p for name in ("chromium", "chromium-browser", "google-chrome") if (p := shutil.which(name))),
    None,
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no chromium binary on PATH (install Debian's: apt-get install -y chromium)",
)

PAPER_PT = {"A5": (419.5, 595.3), "A4": (595.3, 841.9)}
CASES = [(fs.id, kind) for fs in form_sets() for kind in kinds(fs.id)]


def count_pages(pdf: bytes) -> int:
    """Pages in a PDF: ``/Type /Page`` objects (not ``/Pages``), which must agree with ``/Count``."""
    objects = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf, re.S)]
    counts += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf, re.S)]
    if counts:
        assert objects in (0, max(counts)), f"{objects} page objects but /Count {max(counts)}"
        return max(counts)
    return objects


def media_box(pdf: bytes) -> tuple[float, float]:
    m = re.search(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert m is not None, "no /MediaBox in the PDF"
    x0, y0, x1, y1 = (float(v) for v in m.groups())
    return x1 - x0, y1 - y0


def _print(html_file: Path, pdf_file: Path, profile: Path) -> bytes:
    assert CHROMIUM is not None
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        f"--print-to-pdf={pdf_file}",
        "--no-pdf-header-footer",
        html_file.as_uri(),
    ]
    proc = subprocess.run(cmd, capture_output=True, timeout=180, check=False)
    assert pdf_file.exists(), (
        f"chromium wrote no PDF (exit {proc.returncode}): {proc.stderr[-2000:]!r}"
    )
    return pdf_file.read_bytes()


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], bytes]:
    """Every sample document of every form set, printed once (in parallel)."""
    root = tmp_path_factory.mktemp("print")

    def job(case: tuple[str, str]) -> tuple[tuple[str, str], bytes]:
        set_id, kind = case
        html_file = root / f"{set_id}-{kind}.html"
        html_file.write_text(
            str(render(kind, sample_context(kind), format="html", form_set=set_id)),
            encoding="utf-8",
        )
        return case, _print(
            html_file, root / f"{set_id}-{kind}.pdf", root / f"profile-{set_id}-{kind}"
        )

    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(pool.map(job, CASES))


@pytest.mark.parametrize(("set_id", "kind"), CASES, ids=[f"{s}/{k}" for s, k in CASES])
def test_each_document_prints_on_one_page_of_its_paper(
    printed: dict[tuple[str, str], bytes], set_id: str, kind: str
) -> None:
    spec = form_set(set_id).spec(kind)
    pdf = printed[(set_id, kind)]
    assert pdf.startswith(b"%PDF")
    assert count_pages(pdf) == 1, (
        f"{set_id}/{kind} ({spec.paper}) printed on {count_pages(pdf)} pages"
    )
    w, h = PAPER_PT[spec.paper]
    if spec.orientation == "landscape":
        w, h = h, w
    got_w, got_h = media_box(pdf)
    assert abs(got_w - w) < 2, (spec.paper, spec.orientation, got_w, got_h)
    assert abs(got_h - h) < 2, (spec.paper, spec.orientation, got_w, got_h)


def test_a_long_register_flows_onto_more_pages(tmp_path: Path) -> None:
    data = sample_context("register").model_dump()
    row = data["rows"][0]
    data["rows"] = [
        {**row, "number": n, "dossier_code": f"000.00.23.H40-260105-{n:04d}"} for n in range(1, 61)
    ]
    html_file = tmp_path / "register.html"
    html_file.write_text(str(render("register", data, format="html")), encoding="utf-8")
    pdf = _print(html_file, tmp_path / "register.pdf", tmp_path / "profile")
    assert count_pages(pdf) > 1


def test_page_counter_reads_both_forms() -> None:
    one = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >> << /Type /Page /Parent 2 0 R >>"
    assert count_pages(one) == 1
    assert count_pages(b"<</Type/Page>> <</Type/Page>>") == 2
