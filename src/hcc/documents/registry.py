"""A district's own document kinds, added without editing hcc.

hcc ships the statutory forms and the district letters it knows ([`CONTEXT_MODELS`][CONTEXT_MODELS]). A
district that writes other documents (a letter of thanks, a notice of its own) registers each as a
kind: a context model (a subclass of [`hcc.documents.DocumentContext`][hcc.documents.DocumentContext]), its Jinja2 templates
(plain text and/or HTML, from a folder or given as text) and its page. [`render`][render] then treats it
like any built-in kind, in every format and every form set; its templates may use the package's
macros and helpers, and a ``template_dir`` given to [`render`][render] still overrides them.

>>> import datetime as dt
>>> from hcc.documents import DocumentContext, Office, render
>>> class ThanksContext(DocumentContext):
...     kind = "thanks"
...     office: Office
...     donor: str
...     issued_on: dt.date
>>> spec = register_document_kind(
...     "thanks", ThanksContext, title="THƯ CẢM ƠN", basis="Quyết định của UBND xã (local)",
...     templates={"text": "{{ form.title }}\\n{{ ctx.office.name }} cảm ơn {{ ctx.donor }}.\\n"})
>>> print(render("thanks", {"office": {"name": "UBND xã Nghi Phong", "place": "Nghi Phong"},
...     "donor": "Ông Lê Văn Dũng", "issued_on": "2026-03-02"}), end="")
THƯ CẢM ƠN
UBND xã Nghi Phong cảm ơn Ông Lê Văn Dũng.
>>> unregister_document_kind("thanks")
"""

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import jinja2

from hcc.calendar import InvalidInputError
from hcc.documents._registered import TEMPLATE_LOADERS
from hcc.documents.formsets import REGISTERED_SPECS, FormSpec
from hcc.documents.models import CONTEXT_MODELS, DocumentContext
from hcc.documents.rendering import _ConfinedLoader

__all__ = ["register_document_kind", "unregister_document_kind"]

_KIND = re.compile(r"[a-z][a-z0-9_]*\Z")
_EXT = {"text": "txt", "html": "html"}
_BUILT_IN = frozenset(CONTEXT_MODELS)


def register_document_kind(
    kind: str,
    context_model: type[DocumentContext],
    *,
    templates: str | os.PathLike[str] | Mapping[str, str],
    title: str,
    basis: str,
    paper: Literal["A5", "A4"] = "A4",
    orientation: Literal["portrait", "landscape"] = "portrait",
    subtitle: str | None = None,
    form: str | None = None,
    unconfirmed: bool = False,
    note: str | None = None,
) -> FormSpec:
    """Add the document kind ``kind``: [`hcc.documents.render`][hcc.documents.render] renders it from then on.

    ``context_model`` validates its context (a subclass of [`DocumentContext`][DocumentContext]; its
    ``check_rules`` runs before rendering). ``templates`` is a folder holding
    ``<kind>.txt.j2`` and/or ``<kind>.html.j2`` (and any partials they include), or a mapping
    ``{"text": source, "html": source}`` of template texts; HTML templates are autoescaped, and
    DOCX and PDF are built from the HTML one. ``title``, ``basis`` (the decision the document rests
    on: name it, even a local one), ``paper``, ``orientation``, ``subtitle``, ``form`` and ``note``
    make its [`FormSpec`][FormSpec], which every form set returns for the kind. Templates see what the
    built-in ones see (``ctx``, ``form``, ``page``, the helpers and filters of
    `hcc.documents.rendering`). Registration is process-wide; undo it with
    [`unregister_document_kind`][unregister_document_kind].

    >>> import datetime as dt
    >>> from hcc.documents import DocumentContext, Office, render
    >>> class NoticeContext(DocumentContext):
    ...     office: Office
    ...     text: str
    >>> _ = register_document_kind("village_notice", NoticeContext, title="THÔNG BÁO",
    ...     basis="local", paper="A5",
    ...     templates={"html": "<h1>{{ form.title }}</h1><p>{{ ctx.text }}</p>"})
    >>> render("village_notice", {"office": {"name": "UBND xã A", "place": "A"},
    ...     "text": "Họp thôn <19:30>"}, format="html")
    '<h1>THÔNG BÁO</h1><p>Họp thôn &lt;19:30&gt;</p>'
    >>> unregister_document_kind("village_notice")

    Raises:
        InvalidInputError: ``kind`` is not a lower-case identifier or is taken (built in or
            registered), ``context_model`` is not a [`DocumentContext`][DocumentContext] subclass, or
            ``templates`` is not a folder holding the kind's templates nor a mapping of
            ``"text"``/``"html"`` to template text.
        ValueError: the page settings are not allowed (pydantic's ``ValidationError``: ``paper``
            other than A5/A4, ``orientation`` other than portrait/landscape).
    """
    if not isinstance(kind, str) or not _KIND.match(kind):
        raise InvalidInputError("kind", kind, "a lower-case identifier such as 'thanks_letter'")
    if kind in CONTEXT_MODELS:
        where = "built in" if kind in _BUILT_IN else "registered already"
        raise InvalidInputError("kind", kind, f"a kind not taken ({kind!r} is {where})")
    if not (isinstance(context_model, type) and issubclass(context_model, DocumentContext)):
        raise InvalidInputError(
            "context_model", context_model, "a subclass of hcc.documents.DocumentContext"
        )
    loader = _loader(kind, templates)
    spec = FormSpec(
        kind=kind,
        form=form,
        title=title,
        subtitle=subtitle,
        paper=paper,
        orientation=orientation,
        basis=basis,
        unconfirmed=unconfirmed,
        note=note,
    )
    CONTEXT_MODELS[kind] = context_model
    REGISTERED_SPECS[kind] = spec
    TEMPLATE_LOADERS[kind] = loader
    return spec


def unregister_document_kind(kind: str) -> None:
    """Remove a kind added by [`register_document_kind`][register_document_kind] (built-in kinds stay).

    >>> unregister_document_kind("receipt")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ...
    hcc.errors.InvalidInputError: kind: got 'receipt' (str), expected a kind added by ...

    Raises:
        InvalidInputError: ``kind`` was not registered.
    """
    if not isinstance(kind, str) or kind not in REGISTERED_SPECS:
        raise InvalidInputError(
            "kind",
            kind,
            "a kind added by register_document_kind (built-in kinds cannot be removed)",
        )
    del CONTEXT_MODELS[kind], REGISTERED_SPECS[kind], TEMPLATE_LOADERS[kind]


def _loader(kind: str, templates: str | os.PathLike[str] | Mapping[str, str]) -> jinja2.BaseLoader:
    if isinstance(templates, Mapping):
        unknown = [k for k in templates if k not in _EXT]
        sources = {f"{kind}.{_EXT[k]}.j2": v for k, v in templates.items() if k in _EXT}
        if unknown or not sources or not all(isinstance(v, str) for v in sources.values()):
            raise InvalidInputError(
                "templates", templates, "a mapping of 'text' and/or 'html' to template text"
            )
        return jinja2.DictLoader(sources)
    folder = Path(templates)
    names = [f"{kind}.{ext}.j2" for ext in _EXT.values()]
    if not folder.is_dir() or not any((folder / n).is_file() for n in names):
        raise InvalidInputError(
            "templates", str(templates), f"a folder holding {' or '.join(names)}"
        )
    return _ConfinedLoader(str(folder))  # as a district template_dir: nothing outside it
