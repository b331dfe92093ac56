"""PDF output: the HTML rendering typeset by WeasyPrint, fonts subset and embedded.

WeasyPrint (the ``pdf`` extra) lays the page out with Pango and HarfBuzz and embeds a subset of
every font it draws with. The page box, margins and fonts come from the document's own print CSS
(``_style.css.j2``), so the PDF and a browser's print of the HTML agree.

Nothing outside the document is fetched: a district template that points at an image or a style
sheet by URL gets a ``data:`` URL through and every other scheme (``file:``, ``http:``...) refused,
so a template cannot read local files or reach the network while printing.

After typesetting, the fonts drawn with are checked: when the first font matched lacks some
letters (Liberation Serif 1.x has no "ế"), those letters come from another family and the words
mix typefaces; [`FontFallbackWarning`][hcc.errors.FontFallbackWarning] says which letters and what to install.
"""

from __future__ import annotations

import warnings
from collections import Counter
from typing import Any

from hcc.errors import FontFallbackWarning, MissingExtraError

__all__ = ["html_to_pdf"]


def _weasyprint() -> Any:
    try:
        import weasyprint
    except ImportError:
        raise MissingExtraError("pdf", "PDF output", package="WeasyPrint") from None
    except OSError as exc:  # pragma: no cover - needs a machine without Pango
        # WeasyPrint is installed but the system libraries it loads (Pango, HarfBuzz) are not.
        raise MissingExtraError(
            "pdf",
            "PDF output",
            package="WeasyPrint",
            detail=f"its system libraries are missing ({exc}); on Debian/Ubuntu: "
            "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 "
            "(see docs/printing.md)",
        ) from None
    return weasyprint


def _url_fetcher(weasyprint: Any) -> Any:
    """A fetcher that serves ``data:`` URLs and refuses every other scheme."""
    urls = weasyprint.urls
    if hasattr(urls, "URLFetcher"):  # WeasyPrint >= 68: a class with allowed protocols
        return urls.URLFetcher(allowed_protocols={"data"}, fail_on_errors=False)

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:  # pragma: no cover - older releases
        if not url.lower().startswith("data:"):
            raise ValueError(f"hcc does not fetch {url!r} while printing (only data: URLs)")
        return urls.default_url_fetcher(url, *args, **kwargs)

    return fetch


def _check_fonts(document: Any) -> None:
    """Warn when the document was drawn with more than one font family or with missing glyphs."""
    fonts = getattr(document, "fonts", None)
    if not fonts:  # pragma: no cover - an internal attribute of WeasyPrint; nothing to check
        return
    per_family: dict[str, set[str]] = {}
    missing: set[str] = set()
    for font in fonts.values():
        family = str(getattr(font, "family", "") or "?")
        letters = {
            ch
            for text in (getattr(font, "to_unicode", None) or {}).values()
            for ch in str(text)
            if not ch.isspace()
        }
        per_family.setdefault(family, set()).update(letters)
        missing.update(chr(c) for c in (getattr(font, "missing", None) or {}) if isinstance(c, int))
    if len(per_family) <= 1 and not missing:
        return
    sizes = Counter({family: len(letters) for family, letters in per_family.items()})
    main = sizes.most_common(1)[0][0]
    fallback: dict[str | None, str] = {
        family: "".join(sorted(letters - per_family[main]) or sorted(letters))
        for family, letters in per_family.items()
        if family != main
    }
    if missing:
        fallback[None] = "".join(sorted(missing))
    warnings.warn(FontFallbackWarning(main, fallback), stacklevel=4)


def html_to_pdf(html: str) -> bytes:
    """Typeset an HTML document (with its print CSS) into PDF bytes, fonts embedded.

    >>> pdf = html_to_pdf("<html><body><p>Nghi Phong, ngày 05 tháng 01 năm 2026</p></body></html>")
    >>> pdf[:5]
    b'%PDF-'

    Raises:
        MissingExtraError: WeasyPrint (the ``pdf`` extra) or its system libraries are
            missing.

    Warns:
        FontFallbackWarning: the letters were drawn from more than one font family.
    """
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=html, url_fetcher=_url_fetcher(weasyprint)).render()
    pdf = document.write_pdf()
    _check_fonts(document)
    return bytes(pdf)
