"""Rendering: validate the context, pick the template, produce text, HTML or DOCX.

PDF (``format="pdf"``) is the HTML typeset by WeasyPrint (the ``pdf`` extra), fonts embedded.

Templates are Jinja2 files named ``<kind>.<ext>.j2`` (``ext`` is ``txt`` or ``html``) in the package
folder ``hcc/documents/templates``; ``_base.html.j2``, ``_macros.html.j2``, ``_style.css.j2``,
``_base.txt.j2`` and ``_macros.txt.j2`` hold the shared layout. For each document the names tried are
``<form_set>/<kind>.<ext>.j2`` then ``<kind>.<ext>.j2``, first in the district's ``template_dir``,
then in the package: a district overrides any template, for one form set or for all, by putting a
file of the same name in its own folder (a Jinja2 ``ChoiceLoader``, theirs first).

Templates see ``ctx`` (the validated context model), ``form`` (its [`FormSpec`][FormSpec]),
``form_set``, ``kind``, ``page`` (paper, orientation, margins) and the helpers ``date_line``,
``date_phrase``, ``appointment_phrase``, ``short_moment``, ``date_in_words``, ``vnd``
([`hcc.fees.format_vnd`][hcc.fees.format_vnd]), ``vnd_words`` ([`hcc.fees.amount_in_words`][hcc.fees.amount_in_words]) and the filters
``two`` (01, 02...), ``dots`` (a dotted blank for an optional value left out), ``stop`` (end a
sentence with a full stop), ``lcfirst``, and ``para``, ``cols``, ``ctr`` (plain-text layout). Undefined names raise (``StrictUndefined``): a misspelled field in a
template is a [`DocumentContextError`][hcc.errors.DocumentContextError], never a blank. HTML templates are
autoescaped. Every output is NFC. In the HTML (and so the DOCX and PDF) every place name of the
context ("xã Nghi Phong", "NGHI PHONG") is wrapped in ``<span class="nw">`` so that no line breaks
inside it.

Every template, the package's and a district's, renders in Jinja2's immutable sandbox
(``ImmutableSandboxedEnvironment``): a template reads the values it is given and calls the helpers
above, but cannot reach private attributes (``lipsum.__globals__``, ``__class__``, ``__mro__``),
call unsafe functions, mutate its inputs, build a string or list longer than 1,000,000 with ``*``,
use an exponent above 1,000, a ``range`` above 100,000 items or a ``lipsum`` above 100 paragraphs
of 1,000 words; any such attempt raises [`TemplateSecurityError`][hcc.errors.TemplateSecurityError]
and runs nothing. A district's folder is confined: a template file that is a symbolic link
leading out of it (or not a regular file) is refused the same way, before it is opened. The
sandbox bounds what a template can reach, not the time or memory it uses in general: nested
loops or a filter such as ``center(10 ** 9)`` can still be costly (see ``docs/security.md``).
"""

from __future__ import annotations

import datetime as dt
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

from hcc._text import fold_text
from hcc.calendar import InvalidInputError, WorkingCalendar
from hcc.deadlines import DeadlinePolicy
from hcc.documents._format import (
    appointment_phrase,
    date_in_words,
    date_line,
    date_phrase,
    short_moment,
)
from hcc.documents._places import context_strings, keep_places, place_names
from hcc.documents._registered import RegisteredTemplates
from hcc.documents.formsets import DEFAULT_FORM_SET, FormSpec, form_set_in_force
from hcc.documents.formsets import form_set as _get_form_set
from hcc.documents.models import CONTEXT_MODELS, _Context
from hcc.errors import (
    DocumentContextError,
    DocumentRuleError,
    HccError,
    TemplateError,
    TemplateSecurityError,
    UnknownDocumentError,
    short_repr,
)
from hcc.fees import amount_in_words, format_vnd

__all__ = ["PAGE_MARGINS_MM", "Format", "kinds", "render", "validate_context"]

Format = Literal["text", "html", "docx", "pdf"]
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
    text = short_repr(value)  # never raises, even for a nested or huge value
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
    [`DocumentContextError`][hcc.errors.DocumentContextError] whose ``fields`` list the dotted field names.

    >>> validate_context("refusal", {"office": {"name": "UBND xã A", "place": "A"}})
    Traceback (most recent call last):
    ...
    hcc.errors.DocumentContextError: refusal context (RefusalContext): applicant: missing (required field); ...

    Raises:
        UnknownDocumentError: ``kind`` is not a document kind.
        DocumentContextError: a field of ``context`` is missing, unknown or has a bad value;
            ``fields`` names them.
    """
    try:
        model = CONTEXT_MODELS[kind]
    except (KeyError, TypeError):  # TypeError: an unhashable kind
        raise UnknownDocumentError(
            f"no document kind {_short(kind)}; allowed: {', '.join(CONTEXT_MODELS)}"
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
    [`hcc.errors.TemplateSecurityError`][hcc.errors.TemplateSecurityError] is raised before the target is opened. A name that
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
            raise TemplateError(template, f"{real} is not UTF-8 text ({exc})") from None
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
                    raise jinja2.exceptions.SecurityError(
                        f"a repetition of {len(seq)} x {n} is longer than {_MAX_REPEAT}"
                    )
        elif (
            operator == "**"
            and isinstance(right, (int, float))
            and abs(right) > _MAX_POWER
            and not (isinstance(left, (int, float)) and abs(left) <= 1)
        ):
            raise jinja2.exceptions.SecurityError(f"an exponent of {right} is above {_MAX_POWER}")
        return super().call_binop(context, operator, left, right)


def _safe_range(*args: int) -> range:
    """``range`` in templates: at most ``jinja2.sandbox.MAX_RANGE`` (100,000) items."""
    try:
        return jinja2.sandbox.safe_range(*args)
    except OverflowError as exc:
        raise jinja2.exceptions.SecurityError(str(exc)) from None


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """Jinja2's ``lipsum`` with at most 100 paragraphs of at most 1,000 words."""
    if n > 100 or max > 1000:
        raise jinja2.exceptions.SecurityError(
            f"lipsum({n}, max={max}) is larger than 100 paragraphs of 1,000 words"
        )
    text: str = jinja2.utils.generate_lorem_ipsum(n=n, html=html, min=min, max=max)
    return text


@lru_cache(maxsize=16)
def _environment(template_dir: str | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        loaders.append(_ConfinedLoader(template_dir))
    loaders.append(jinja2.PackageLoader("hcc.documents", "templates", encoding="utf-8"))
    loaders.append(RegisteredTemplates())  # a district's own kinds (register_document_kind)
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
        lipsum=_lipsum,
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
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            str(exc.filename or exc.name), f"line {exc.lineno}: {exc.message}"
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
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateSecurityError(str(template.name), str(exc.message or exc)) from None
    except jinja2.TemplateNotFound as exc:  # an {% include %} or {% extends %} of a missing name
        raise UnknownDocumentError(
            f"{kind}: template {template.name} refers to {exc.name!r}, which does not exist"
        ) from None
    except jinja2.TemplateSyntaxError as exc:  # in an included or extended template
        raise TemplateError(
            str(exc.filename or exc.name), f"line {exc.lineno}: {exc.message}"
        ) from None
    except HccError:
        raise
    except (ArithmeticError, LookupError, TypeError, ValueError) as exc:
        # the template's own expression failed ({{ 1 / 0 }}, {{ 'a' + 1 }}): name the template
        raise TemplateError(str(template.name), f"{type(exc).__name__}: {exc}") from None
    except jinja2.UndefinedError as exc:
        message = str(exc.message or exc)
        field = next((m.group(1) for p in _UNDEFINED if (m := p.search(message))), message)
        raise DocumentContextError(
            kind,
            [field],
            f"{kind}: template {template.name} uses {field!r}, which the context does not "
            f"have ({message})",
        ) from None
    out = unicodedata.normalize("NFC", out)
    if ext == "html":
        places = place_names(context_strings(ctx))
        office = getattr(ctx, "office", None)
        places.add(str(getattr(office, "place", "") or ""))
        out = keep_places(out, places)
    return out


def _context_date(ctx: _Context) -> dt.date | None:
    """The date that picks a context's form set: the dossier's receipt, else the issue date."""
    dossier = getattr(ctx, "dossier", None)
    received = getattr(dossier, "received_at", None)
    if isinstance(received, dt.datetime):
        return received.date()
    for name in ("issued_on", "registered_on", "made_on"):
        day = getattr(ctx, name, None)
        if isinstance(day, dt.date):
            return day
    year = getattr(ctx, "year", None)
    if isinstance(year, int):
        return dt.date(year, 12, 31)  # a register book is closed at the end of its year
    return None


_REFORM = dt.date(2025, 7, 1)
_DISTRICT_COMMITTEE = re.compile(r"(?:uy ban nhan dan|ubnd) (?:huyen|quan|thi xa)\b")


def _document_date(ctx: _Context) -> dt.date | None:
    """The date a document bears: its date line, else its issue date, else the receipt date."""
    for name in ("date", "issued_on", "registered_on", "made_on"):
        day = getattr(ctx, name, None)
        if isinstance(day, dt.date):
            return day.date() if isinstance(day, dt.datetime) else day
    return _context_date(ctx)


def _check_issuer(kind: str, ctx: _Context) -> None:
    """A document dated from 1/7/2025 cannot be issued by a district People's Committee."""
    office = getattr(ctx, "office", None)
    on = _document_date(ctx)
    if on is None or on < _REFORM or office is None:
        return
    for field in ("name", "parent"):
        text = getattr(office, field, None)
        if isinstance(text, str) and _DISTRICT_COMMITTEE.match(fold_text(text)):
            raise DocumentRuleError(
                kind,
                f"office.{field}",
                repr(text),
                f"a provincial or commune issuer on {on.isoformat()}",
                "district-level government stopped operating on 1/7/2025 (Law on Organisation "
                "of Local Government 72/2025/QH15); documents dated from then are issued by the "
                "province or the commune (hcc.documents.issuing_office)",
            )


@overload
def render(
    kind: str,
    context: Any,
    *,
    format: Literal["text", "html"] = "text",
    form_set: str | None = None,
    template_dir: str | os.PathLike[str] | None = None,
    policy: DeadlinePolicy | None = None,
    calendar: WorkingCalendar | None = None,
) -> str: ...
@overload
def render(
    kind: str,
    context: Any,
    *,
    format: Literal["docx", "pdf"],
    form_set: str | None = None,
    template_dir: str | os.PathLike[str] | None = None,
    policy: DeadlinePolicy | None = None,
    calendar: WorkingCalendar | None = None,
) -> bytes: ...
@overload
def render(
    kind: str,
    context: Any,
    *,
    format: str,
    form_set: str | None = None,
    template_dir: str | os.PathLike[str] | None = None,
    policy: DeadlinePolicy | None = None,
    calendar: WorkingCalendar | None = None,
) -> str | bytes: ...
def render(
    kind: str,
    context: Any,
    *,
    format: str = "text",
    form_set: str | None = None,
    template_dir: str | os.PathLike[str] | None = None,
    policy: DeadlinePolicy | None = None,
    calendar: WorkingCalendar | None = None,
) -> str | bytes:
    """Render one document: ``str`` for ``format="text"`` or ``"html"``, ``bytes`` for ``"docx"``
    and ``"pdf"``.

    ``context`` is the kind's context model or a mapping of its fields (see
    [`hcc.documents.CONTEXT_MODELS`][hcc.documents.CONTEXT_MODELS]). ``form_set`` picks the versioned forms
    (``"tt01-2018"`` or ``"tt03-2025"``); by default the set in force on the context's date
    ([`hcc.documents.form_set_in_force`][hcc.documents.form_set_in_force] of the dossier's receipt, else the issue date; the
    2025 set from 1/7/2025). ``template_dir`` is a district's folder whose templates win over the
    package's; they render in a sandbox (see the module docstring and ``docs/security.md``: a
    district template may lay out the values it is given, not run code).

    Before rendering, the context is checked against the law: a document dated from 1/7/2025
    cannot name a district People's Committee (``Ủy ban nhân dân huyện/quận/thị xã``, "UBND
    huyện ...") as its office or parent body, since district-level government stopped operating
    then (Law 72/2025/QH15; build offices with [`hcc.documents.issuing_office`][hcc.documents.issuing_office]); then
    ``check_rules`` of its model runs with ``policy`` (default: the one in force on the dossier's receipt,
    [`hcc.deadlines.policy_in_force`][hcc.deadlines.policy_in_force]) and ``calendar`` (default: the national calendar): an
    appointment on a day off or outside office hours, an apology dated after the due date or
    later than the policy's lead before it, a second extension raise
    [`hcc.errors.DocumentRuleError`][hcc.errors.DocumentRuleError] ([`hcc.errors.ExtensionLimitError`][hcc.errors.ExtensionLimitError] for the
    extension). DOCX is built from the HTML rendering (so an overridden HTML
    template also shapes the DOCX) and needs the ``docx`` extra (python-docx). PDF is the HTML
    rendering typeset by WeasyPrint (the ``pdf`` extra) on the form's paper, fonts subset and
    embedded; nothing outside the document is fetched (see ``docs/printing.md`` for the fonts to
    install).

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
        DocumentContextError: the context misses a field, has an unknown one, or breaks a rule.
        DocumentRuleError: the document breaks the law (a district People's Committee issuing a
            document dated from 1/7/2025, an appointment on a day off or outside office
            hours, an apology after the due date or later than the policy's lead).
        ExtensionLimitError: a second extension.
        TemplateSecurityError: a template broke the sandbox's rules or leaves ``template_dir``.
        TemplateError: a template has a syntax error, is not UTF-8 or fails while it renders.
        InvalidInputError: ``format`` is not one of the four, or ``template_dir`` is not a folder.
        hcc.errors.MissingExtraError: DOCX without python-docx, PDF without WeasyPrint.

    Warns:
        FontFallbackWarning: (PDF) the installed fonts lack some letters, so the PDF mixes
            typefaces.
    """
    if format not in ("text", "html", "docx", "pdf"):
        raise InvalidInputError("format", format, "one of 'text', 'html', 'docx', 'pdf'")
    ctx = validate_context(kind, context)
    if form_set is None:
        on = _context_date(ctx)
        fs = form_set_in_force(on) if on is not None else _get_form_set(DEFAULT_FORM_SET)
    else:
        fs = _get_form_set(form_set)
    spec = fs.spec(kind)
    ctx.check_rules(policy=policy, calendar=calendar)
    _check_issuer(kind, ctx)
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
    if format == "pdf":
        from hcc.documents._pdf import html_to_pdf

        return html_to_pdf(_render_template(kind, "html", ctx, spec, fs.id, tdir))
    return _render_template(kind, _EXT[format], ctx, spec, fs.id, tdir)
