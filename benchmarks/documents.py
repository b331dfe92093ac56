"""Benchmark: rendering the one-stop documents (text, HTML, DOCX).

For each format, renders every sample document of the default form set and reports the cost per
document. Compares ``hcc.documents.render`` (one cached Jinja2 environment per template folder, so
each template is compiled once per process) with the obvious alternative: a fresh Jinja2
``Environment`` per document, which recompiles the templates every time. The context is validated
in both (the alternative calls ``validate_context`` and renders the same template with the same
variables). Run: ``python benchmarks/documents.py [ROUNDS]``.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

import jinja2

from hcc.documents import kinds, render, sample_data, validate_context
from hcc.documents.formsets import form_set


def _fresh_env_render(kind: str, data: dict[str, object], fmt: str) -> str:
    mod = sys.modules["hcc.documents.rendering"]
    ctx = validate_context(kind, data)
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("hcc.documents", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=fmt == "html",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    cached = mod._environment(None)
    env.globals.update(cached.globals)
    env.filters.update({k: v for k, v in cached.filters.items() if k not in env.filters})
    spec = form_set().spec(kind)
    m = mod.PAGE_MARGINS_MM[(spec.paper, spec.orientation)]
    page = {
        "paper": spec.paper,
        "orientation": spec.orientation,
        "top": m[0],
        "right": m[1],
        "bottom": m[2],
        "left": m[3],
    }
    ext = "html" if fmt == "html" else "txt"
    return env.get_template(f"{kind}.{ext}.j2").render(
        ctx=ctx, form=spec, form_set=form_set(), kind=kind, page=page
    )


def per_doc(fn: Callable[[], object], n_docs: int, rounds: int) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) / n_docs)
    return min(times), statistics.median(times)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    all_kinds = kinds()
    data = {k: sample_data(k) for k in all_kinds}
    for k in all_kinds:  # warm up: import python-docx, compile templates once
        render(k, data[k], format="docx")
    print(f"{len(all_kinds)} documents, best / median of {rounds} rounds, per document")
    results = {}
    for fmt in ("text", "html", "docx"):
        results[fmt] = per_doc(
            lambda fmt=fmt: [render(k, data[k], format=fmt) for k in all_kinds],
            len(all_kinds),
            rounds,
        )
        print(
            f"  hcc render {fmt:5}: {results[fmt][0] * 1e3:7.2f} ms / {results[fmt][1] * 1e3:7.2f} ms"
        )
    for fmt in ("text", "html"):
        alt = per_doc(
            lambda fmt=fmt: [_fresh_env_render(k, data[k], fmt) for k in all_kinds],
            len(all_kinds),
            rounds,
        )
        print(
            f"  fresh Environment per document, {fmt:5}: {alt[0] * 1e3:7.2f} ms / {alt[1] * 1e3:7.2f} ms"
            f"  -> alternative / hcc = {alt[0] / results[fmt][0]:.1f}x (best)"
        )
    print(f"  docx / html (best): {results['docx'][0] / results['html'][0]:.1f}x")


if __name__ == "__main__":
    main()
