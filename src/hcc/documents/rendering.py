"""Rendering: validate the context, pick the template, produce text, HTML or DOCX.

Templates are Jinja2 files named ``<kind>.<ext>.j2`` (``ext`` is ``txt`` or ``html``) in the package
folder ``hcc/documents/templates``; ``_base.html.j2``, ``_macros.html.j2``, ``_style.css.j2``,
``_base.txt.j2`` and ``_macros.txt.j2`` hold the shared layout. For each document the names tried are
``<form_set>/<kind>.<ext>.j2`` then ``<kind>.<ext>.j2``, first in the district's ``template_dir``,
then in the package: a district overrides any template, for one form set or for all, by putting a
file of the same name in its own folder (a Jinja2 ``ChoiceLoader``, theirs first).

Templates see ``ctx`` (the validated context model), ``form`` (its :class:`FormSpec`),
``form_set``, ``kind``, ``page`` (paper, orientation, margins) and the helpers ``date_line``,
``date_phrase``, ``appointment_phrase``, ``short_moment``, ``date_in_words``, ``vnd``
(:func:`hcc.fees.format_vnd`), ``vnd_words`` (:func:`hcc.fees.amount_in_words`) and the filters
``two`` (01, 02...), ``dots`` (a dotted blank for an optional value left out), ``stop`` (end a
sentence with a full stop), ``lcfirst``, and ``para``, ``cols``, ``ctr`` (plain-text layout). Undefined names raise (``StrictUndefined``): a misspelled field in a
template is a :class:`~hcc.errors.DocumentContextError`, never a blank. HTML templates are
autoescaped. Every output is NFC.

Every template, the package's and a district's, renders in Jinja2's immutable sandbox
(``ImmutableSandboxedEnvironment``): a template reads the values it is given and calls the helpers
above, but cannot reach private attributes (``lipsum.__globals__``, ``__class__``, ``__mro__``),
call unsafe functions, mutate its inputs, build a string or list longer than 1,000,000 with ``*``
or use an exponent above 1,000; any such attempt raises :class:`~hcc.errors.TemplateSecurityError`
and runs nothing. A district's folder is confined: a template file that is a symbolic link
leading out of it (or not a regular file) is refused the same way, before it is opened. The
sandbox bounds what a template can reach, not how long it runs: a template with nested loops
can still take long (see ``docs/security.md``).
"""

from __future__ import annotations

import difflib
import os
import re
import textwrap
import types
import typing
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, overload

import jinja2
import jinja2.sandbox
from pydantic import BaseModel, ValidationError

from hcc.calendar import InvalidInputError
from hcc.documents._format import (
    appointment_phrase,
    date_in_words,
    date_line,
    date_phrase,
    short_moment,
)
from hcc.documents.formsets import DEFAULT_FORM_SET, FormSpec
from hcc.documents.formsets import form_set as _get_form_set
from hcc.documents.models import CONTEXT_MODELS, _Context
from hcc.errors import DocumentContextError, TemplateSecurityError, UnknownDocumentError
from hcc.fees import amount_in_words, format_vnd

__all__ = ["PAGE_MARGINS_MM", "Format", "kinds", "render", "validate_context"]

Format = Literal["text", "html", "docx"]
_EXT = {"text": "txt", "html": "html"}

PAGE_MARGINS_MM: dict[tuple[str, str], tuple[int, int, int, int]] = {
    ("A5", "portrait"): (10, 10, 10, 15),
    ("A4", "portrait"): (20, 15, 20, 30),
    ("A4", "landscape"): (15, 12, 15, 15),
    ("A5", "landscape"): (10, 10, 10, 15),
}
"""Page margins (top, right, bottom, left) in millimetres per paper and orientation.

A4 portrait follows Decree 30/2020 (top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm); A5 and
landscape pages use narrower margins so that the forms fit one sheet.
"""

TEXT_WIDTH = 78
"""Line width of the plain-text output."""


def kinds(form_set: str = DEFAULT_FORM_SET) -> tuple[str, ...]:
    """The document kinds of a form set, in official order (forms first, then letters).

    >>> kinds()[:6]
    ('receipt', 'supplement_request', 'refusal', 'apology', 'control_slip', 'register')
    >>> "processing_stop" in kinds("tt03-2025")
    True
    """
    return _get_form_set(form_set).kinds


# --------------------------------------------------------------------------- context validation
def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation (``X``, ``X | None``, ``tuple[X, ...]``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names of the model reached by following ``loc`` from ``model``."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return []
        if isinstance(part, int):
            continue
        field = current.model_fields.get(str(part))
        if field is None:
            continue  # a union tag such as 'function-before[...]'
        current = _model_in(field.annotation)
    return sorted(current.model_fields) if current is not None else []


_TAGS = {"str", "int", "decimal", "bool", "list", "tuple", "dict", "none", "is-instance"}


def _clean_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(
        p for p in loc if isinstance(p, int) or ("[" not in str(p) and str(p).lower() not in _TAGS)
    )


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _context_error(kind: str, model: type[BaseModel], exc: ValidationError) -> DocumentContextError:
    found: list[tuple[str, str]] = []
    for err in exc.errors():
        ctx = err.get("ctx") or {}
        loc = _clean_loc(tuple(err["loc"]))
        name = ".".join(str(p) for p in loc)
        if "field" in ctx:
            name = ".".join(x for x in (name, str(ctx["field"])) if x)
        name = name or "(context)"
        if "field" in ctx:
            text = f"{name}: {err['msg']}"
        elif err["type"] == "missing":
            text = f"{name}: missing (required field)"
        elif err["type"] == "extra_forbidden":
            allowed = _fields_at(model, loc[:-1])
            unknown = str(loc[-1]) if loc else name
            hint = difflib.get_close_matches(unknown, allowed, n=1)
            text = f"{name}: unknown field {unknown!r}"
            if hint:
                text += f"; did you mean {hint[0]!r}?"
            text += f" (allowed: {', '.join(allowed)})"
        else:
            text = f"{name}: {err['msg']} (got {_short(err.get('input'))})"
        found.append((name, text))
    # keep the most precise report: drop a field whose sub-field is reported, and repeats
    names = [n for n, _ in found]
    fields: list[str] = []
    parts: list[str] = []
    for name, text in found:
        if name in fields or any(o.startswith(name + ".") for o in names):
            continue
        fields.append(name)
        parts.append(text)
    message = f"{kind} context ({model.__name__}): " + "; ".join(parts)
    return DocumentContextError(kind, fields, message)


def validate_context(kind: str, context: Any) -> _Context:
    """Return ``context`` as the model of ``kind``, or raise one error naming every bad field.

    ``context`` is the kind's model (returned as is) or a mapping validated into it. Unknown and
    missing fields, wrong types and broken cross-field rules all raise
    :class:`~hcc.errors.DocumentContextError` whose ``fields`` list the dotted field names.

    >>> validate_context("refusal", {"office": {"name": "UBND xã A", "place": "A"}})
    Traceback (most recent call last):
    ...
    hcc.errors.DocumentContextError: refusal context (RefusalContext): applicant: missing (required field); ...
    """
    try:
        model = CONTEXT_MODELS[kind]
    except KeyError:
        raise UnknownDocumentError(
            f"no document kind {kind!r}; allowed: {', '.join(CONTEXT_MODELS)}"
        ) from None
    if isinstance(context, model):
        return context
    if isinstance(context, BaseModel):
        raise DocumentContextError(
            kind,
            [],
            f"{kind} context: got a {type(context).__name__}, expected a {model.__name__} "
            "or a mapping of its fields",
        )
    if not isinstance(context, Mapping):
        raise DocumentContextError(
            kind,
            [],
            f"{kind} context: got {_short(context)} ({type(context).__name__}), expected a "
            f"{model.__name__} or a mapping of its fields",
        )
    try:
        return model.model_validate(dict(context))
    except ValidationError as exc:
        raise _context_error(kind, model, exc) from None


# --------------------------------------------------------------------------- Jinja environment
def _dots(value: Any, width: int = 12) -> Any:
    """An optional value, or a dotted blank to fill by hand when it was left out."""
    return "." * width if value is None else value


def _two(n: int) -> str:
    return f"{n:02d}"


def _stop(text: Any) -> str:
    """End a sentence with a full stop unless it already ends with punctuation."""
    s = str(text).rstrip()
    return s if s.endswith((".", "!", "?", "…", ":", ";")) else s + "."


def _lcfirst(text: Any) -> str:
    """Lower-case the first letter only ("Công chức Tư pháp" → "công chức Tư pháp")."""
    s = str(text)
    return s[:1].lower() + s[1:]


def _ctr(text: Any, width: int = TEXT_WIDTH) -> str:
    """Centre a line of plain text (no trailing blanks)."""
    return str(text).center(width).rstrip()


def _para(text: str, width: int = TEXT_WIDTH, indent: str = "", hang: str | None = None) -> str:
    """Collapse whitespace and wrap a paragraph for the plain-text output.

    ``indent`` starts the first line; following lines start with ``hang``, which defaults to
    blanks as wide as ``indent`` when ``indent`` has a label ("1. ") and to nothing when
    ``indent`` is only blanks (a first-line indent).
    """
    body = " ".join(str(text).split())
    if hang is None:
        hang = " " * len(indent) if indent.strip() else ""
    return textwrap.fill(
        body,
        width=width,
        initial_indent=indent,
        subsequent_indent=hang,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _cols(
    left: Any, right: Any, width: int = TEXT_WIDTH, split: int = 34, left_align: str = "center"
) -> str:
    """Two plain-text columns of ``split`` and ``width - split`` characters.

    Right-column lines are centred; left-column lines are centred or, with
    ``left_align="left"``, flush left.
    """
    lw = split
    rw = width - split
    left_lines: list[str] = []
    for line in list(left):
        left_lines.extend(textwrap.wrap(str(line), lw - 2) or [""])
    right_lines: list[str] = []
    for line in list(right):
        right_lines.extend(textwrap.wrap(str(line), rw) or [""])
    n = max(len(left_lines), len(right_lines))
    left_lines += [""] * (n - len(left_lines))
    right_lines += [""] * (n - len(right_lines))

    def place(s: str) -> str:
        return s.ljust(lw) if left_align == "left" else s.center(lw - 2).ljust(lw)

    return "\n".join(
        (place(a) + b.center(rw)).rstrip() for a, b in zip(left_lines, right_lines, strict=True)
    )


def _autoescape(name: str | None) -> bool:
    return name is not None and (name.endswith(".html.j2") or name.endswith(".html"))


class _ConfinedLoader(jinja2.BaseLoader):
    """A district's template folder: UTF-8 regular files inside it, and nothing else.

    ``..`` in a template name is refused by Jinja2 (``split_template_path``); a file that is a
    symbolic link is followed only when its target lies inside the folder too, else
    :class:`hcc.errors.TemplateSecurityError` is raised before the target is opened. A name that
    is not a regular file (a FIFO, a device) is refused the same way.
    """

    def __init__(self, root: str) -> None:
        self.root = os.path.realpath(root)

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, typing.Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)
        path = os.path.join(self.root, *pieces)
        if not os.path.lexists(path):
            raise jinja2.TemplateNotFound(template)
        real = os.path.realpath(path)
        if real != self.root and os.path.commonpath([real, self.root]) != self.root:
            raise TemplateSecurityError(
                template,
                f"it is a symbolic link to {real}, outside the template folder {self.root}",
            )
        if os.path.isdir(real):
            raise jinja2.TemplateNotFound(template)
        if not os.path.isfile(real):
            raise TemplateSecurityError(template, f"{real} is not a regular file")
        try:
            with open(real, encoding="utf-8") as fh:
                source = fh.read()
        except UnicodeDecodeError as exc:
            raise TemplateSecurityError(template, f"{real} is not UTF-8 text ({exc})") from None
        mtime = os.path.getmtime(real)

        def uptodate() -> bool:
            try:
                return os.path.getmtime(real) == mtime
            except OSError:
                return False

        return source, real, uptodate


_MAX_REPEAT = 1_000_000
"""The longest string or list a template may build with ``*`` (characters or items)."""
_MAX_POWER = 1_000
"""The largest exponent a template may use with ``**`` (on a base other than -1, 0 and 1)."""


class _Sandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, with ``*`` and ``**`` bounded (a template cannot ask for a
    10**100000 integer or a gigabyte string in one expression)."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if (
                    isinstance(seq, (str, list, tuple))
                    and isinstance(n, int)
                    and len(seq) * n > _MAX_REPEAT
                ):
                    raise jinja2.sandbox.SecurityError(
                        f"a repetition of {len(seq)} x {n} is longer than {_MAX_REPEAT}"
                    )
        elif (
            operator == "**"
            and isinstance(right, (int, float))
            and abs(right) > _MAX_POWER
            and not (isinstance(left, (int, float)) and abs(left) <= 1)
        ):
            raise jinja2.sandbox.SecurityError(f"an exponent of {right} is above {_MAX_POWER}")
        return super().call_binop(context, operator, left, right)


def _safe_range(*args: int) -> range:
    """``range`` in templates: at most ``jinja2.sandbox.MAX_RANGE`` (100,000) items."""
    try:
        return jinja2.sandbox.safe_range(*args)
    except OverflowError as exc:
        raise jinja2.sandbox.SecurityError(str(exc)) from None


@lru_cache(maxsize=16)
def _environment(template_dir: str | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        loaders.append(_ConfinedLoader(template_dir))
    loaders.append(jinja2.PackageLoader("hcc.documents", "templates", encoding="utf-8"))
    # The sandbox: no private attributes (__globals__, __class__, mro ...), no unsafe callables
    # and no mutation of the values passed in; a district template is data, not code.
    env = _Sandbox(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=_autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        range=_safe_range,
        date_line=date_line,
        date_phrase=date_phrase,
        appointment_phrase=appointment_phrase,
        short_moment=short_moment,
        date_in_words=date_in_words,
        vnd=format_vnd,
        vnd_words=amount_in_words,
    )
    env.filters.update(
        dots=_dots, two=_two, para=_para, cols=_cols, stop=_stop, ctr=_ctr, lcfirst=_lcfirst
    )
    return env


def _template_dir(value: str | os.PathLike[str] | None) -> str | None:
    if value is None:
        return None
    path = Path(value)
    if not path.is_dir():
        raise InvalidInputError("template_dir", value, "an existing folder of Jinja2 templates")
    return str(path.resolve())


_UNDEFINED = (
    re.compile(r"has no attribute '([^']+)'"),
    re.compile(r"'([^']+)' is undefined"),
)


def _render_template(
    kind: str,
    ext: str,
    ctx: _Context,
    spec: FormSpec,
    set_id: str,
    template_dir: str | None,
) -> str:
    env = _environment(template_dir)
    names = [f"{set_id}/{kind}.{ext}.j2", f"{kind}.{ext}.j2"]
    try:
        template = env.select_template(names)
    except jinja2.TemplatesNotFound:
        raise UnknownDocumentError(
            f"no template for {kind!r} ({ext}); looked for {', '.join(names)}"
        ) from None
    margins = PAGE_MARGINS_MM[(spec.paper, spec.orientation)]
    page = types.SimpleNamespace(
        paper=spec.paper,
        orientation=spec.orientation,
        top=margins[0],
        right=margins[1],
        bottom=margins[2],
        left=margins[3],
    )
    try:
        out = template.render(
            ctx=ctx, form=spec, form_set=_get_form_set(set_id), kind=kind, page=page
        )
    except jinja2.sandbox.SecurityError as exc:
        raise TemplateSecurityError(str(template.name), str(exc.message or exc)) from None
    except jinja2.TemplateNotFound as exc:  # an {% include %} or {% extends %} of a missing name
        raise UnknownDocumentError(
            f"{kind}: template {template.name} refers to {exc.name!r}, which does not exist"
        ) from None
    except jinja2.UndefinedError as exc:
        message = str(exc.message or exc)
        field = next((m.group(1) for p in _UNDEFINED if (m := p.search(message))), message)
        raise DocumentContextError(
            kind,
            [field],
            f"{kind}: template {template.name} uses {field!r}, which the context does not "
            f"have ({message})",
        ) from None
    return unicodedata.normalize("NFC", out)


@overload
def render(
    kind: str,
    context: Any,
    *,
    format: Literal["text", "html"] = "text",
    form_set: str = DEFAULT_FORM_SET,
    template_dir: str | os.PathLike[str] | None = None,
) -> str: ...
@overload
def render(
    kind: str,
    context: Any,
    *,
    format: Literal["docx"],
    form_set: str = DEFAULT_FORM_SET,
    template_dir: str | os.PathLike[str] | None = None,
) -> bytes: ...
@overload
def render(
    kind: str,
    context: Any,
    *,
    format: str,
    form_set: str = DEFAULT_FORM_SET,
    template_dir: str | os.PathLike[str] | None = None,
) -> str | bytes: ...
def render(
    kind: str,
    context: Any,
    *,
    format: str = "text",
    form_set: str = DEFAULT_FORM_SET,
    template_dir: str | os.PathLike[str] | None = None,
) -> str | bytes:
    """Render one document: ``str`` for ``format="text"`` or ``"html"``, ``bytes`` for ``"docx"``.

    ``context`` is the kind's context model or a mapping of its fields (see
    :data:`hcc.documents.CONTEXT_MODELS`). ``form_set`` picks the versioned forms (``"tt01-2018"``,
    the default, or ``"tt03-2025"``, unconfirmed). ``template_dir`` is a district's folder whose
    templates win over the package's; they render in a sandbox (see the module docstring and
    ``docs/security.md``: a district template may lay out the values it is given, not run code).
    DOCX is built from the HTML rendering (so an overridden HTML template also shapes the DOCX)
    and needs the ``docx`` extra (python-docx).

    >>> import datetime as dt
    >>> text = render("death_condolence", {
    ...     "office": {"name": "Ủy ban nhân dân xã Nghi Phong", "place": "Nghi Phong"},
    ...     "addressee": {"name": "Lê Văn Dũng", "title": "Ông"},
    ...     "deceased": {"name": "Lê Văn Cường", "title": "Cụ ông", "died_on": "2026-01-03", "age": 86},
    ...     "signer": {"name": "Hoàng Thị Em", "position": "Chủ tịch"},
    ...     "issued_on": dt.date(2026, 1, 5)})
    >>> "THƯ CHIA BUỒN" in text and "Nghi Phong, ngày 05 tháng 01 năm 2026" in text
    True

    Raises:
        UnknownDocumentError: no such kind or form set, or no template for it (a ``LookupError``).
        DocumentContextError: the context lacks a field or a template uses one it does not have.
        TemplateSecurityError: a template broke the sandbox's rules or leaves ``template_dir``.
        InvalidInputError: ``format`` is unknown or ``template_dir`` is not a folder.
    """
    fs = _get_form_set(form_set)
    spec = fs.spec(kind)
    if format not in ("text", "html", "docx"):
        raise InvalidInputError("format", format, "one of 'text', 'html', 'docx'")
    ctx = validate_context(kind, context)
    ctx.check_rules()
    tdir = _template_dir(template_dir)
    if format == "docx":
        from hcc.documents._docx import html_to_docx

        html = _render_template(kind, "html", ctx, spec, fs.id, tdir)
        margins = PAGE_MARGINS_MM[(spec.paper, spec.orientation)]
        return html_to_docx(
            html,
            paper=spec.paper,
            orientation=spec.orientation,
            margins_mm=margins,
            title=spec.title,
        )
    return _render_template(kind, _EXT[format], ctx, spec, fs.id, tdir)
