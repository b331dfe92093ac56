"""One exception tree for hcc, and its warning classes.

::

    HccError
    ├── InvalidInputError (TypeError, ValueError) an argument of the wrong type or form
    ├── ModelValidationError (pydantic.ValidationError, so ValueError)
    │                                         a model built from bad data; pydantic's errors with locations
    ├── OutOfRangeError (ValueError)          a date outside the calendar's range
    ├── OverrideError (ValueError)            a bad row in a calendar override (file or code)
    ├── TimeLimitParseError (ValueError)      a time-limit phrase that cannot be read
    ├── DeadlineError (ValueError)            impossible deadline input
    ├── EventOrderError (ValueError)          an impossible sequence of dossier events
    ├── ExtensionLimitError (EventOrderError) a second extension where the law allows one
    ├── InvalidTransitionError (EventOrderError) an event the dossier's state does not allow
    ├── FeeRuleError (ValueError)             a fee rule that is malformed or overlaps another
    ├── QuoteError (ValueError)               a quote asked with unknown quantities or categories
    ├── CatalogueValidationError (ValueError) every problem found in a catalogue file
    ├── UnknownProcedureError (LookupError)   a procedure code not in the catalogue
    ├── TimeLimitNotStatedError (LookupError) a procedure that states no time limit for a channel
    ├── DossierCodeError (ValueError)         a malformed dossier code
    ├── DocumentContextError (ValueError)     a document context with a missing or unknown field
    ├── DocumentRuleError (ValueError)        a document that breaks the law (appointment on a day off, late apology)
    ├── UnknownDocumentError (LookupError)    a document kind or form set that does not exist
    ├── TemplateError (ValueError)            a district template that cannot be used
    │   └── TemplateSecurityError             one that breaks the sandbox's rules or leaves its folder
    ├── OutputExistsError (FileExistsError)   a file hcc would overwrite without being told to
    ├── CounterStoreError (RuntimeError)      a dossier-code counter store that cannot serve
    └── MissingExtraError (ImportError)       an optional feature whose extra is not installed

    HccWarning (UserWarning)
    ├── ProvisionalCalendarWarning            an answer rests on a year with no official notice yet
    └── FontFallbackWarning                   a PDF mixes typefaces: the first font lacks some letters

Every exception keeps its inputs as attributes, so callers can react without parsing messages.

>>> issubclass(OutOfRangeError, ValueError) and issubclass(OutOfRangeError, HccError)
True
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from pydantic import ValidationError as _PydanticValidationError
from pydantic_core import PydanticCustomError as _PydanticCustomError

__all__ = [
    "CatalogueValidationError",
    "CounterStoreError",
    "DeadlineError",
    "DocumentContextError",
    "DocumentRuleError",
    "DossierCodeError",
    "EventOrderError",
    "ExtensionLimitError",
    "FeeRuleError",
    "FontFallbackWarning",
    "HccError",
    "HccWarning",
    "InvalidInputError",
    "InvalidTransitionError",
    "MissingExtraError",
    "ModelValidationError",
    "OutOfRangeError",
    "OutputExistsError",
    "OverrideError",
    "ProvisionalCalendarWarning",
    "QuoteError",
    "TemplateError",
    "TemplateSecurityError",
    "TimeLimitNotStatedError",
    "TimeLimitParseError",
    "UnknownDocumentError",
    "UnknownProcedureError",
]


class HccError(Exception):
    """Base class of every error hcc raises on purpose.

    >>> isinstance(HccError("x"), Exception)
    True
    """


class InvalidInputError(HccError, TypeError, ValueError):
    """An argument of the wrong type or form; names the field, the value and what is allowed.

    It is both a ``TypeError`` and a ``ValueError`` so either ``except`` clause catches it. Every
    public function of hcc raises it for an argument of the wrong type (``None``, a bool where a
    number is expected, a float where money is expected, ...), unless a more specific hcc error is
    documented.

    >>> str(InvalidInputError("d", 42, "a datetime.date or an ISO date string"))
    'd: got 42 (int), expected a datetime.date or an ISO date string'
    """

    def __init__(self, field: str, value: object, allowed: str) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(
            f"{field}: got {_short_repr(value)} ({type(value).__name__}), expected {allowed}"
        )


def _short_repr(value: object, limit: int = 200) -> str:
    """``repr(value)`` cut to ``limit`` characters (a hostile value can be megabytes long)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 600:
        return f"<int of {value.bit_length()} bits>"
    try:
        text = repr(value)
    except Exception:  # a hostile __repr__ must not hide the real error
        return f"<{type(value).__name__} object>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ModelValidationError(HccError, _PydanticValidationError):
    """A model of hcc built from bad data: pydantic's own error, made part of hcc's family.

    It *is* a :class:`pydantic.ValidationError` (and so a ``ValueError``): ``errors()`` lists every
    problem with its location (``loc``), type code, message and input, exactly as pydantic reports
    them, and ``title`` names the model. Code that already catches ``pydantic.ValidationError`` keeps
    working; code that catches ``HccError`` catches it too.

    >>> from hcc.calendar import Session
    >>> try:
    ...     Session(start="25:00", end="11:30")
    ... except ModelValidationError as e:
    ...     print(e.title, e.errors()[0]["loc"], isinstance(e, ValueError))
    Session ('start',) True
    """

    @classmethod
    def from_pydantic(cls, exc: _PydanticValidationError) -> ModelValidationError:
        """The same errors (locations, type codes, messages, inputs) as an hcc error.

        >>> from pydantic import BaseModel, ValidationError
        >>> class M(BaseModel):
        ...     n: int
        >>> try:
        ...     M(n="x")
        ... except ValidationError as exc:
        ...     e = ModelValidationError.from_pydantic(exc)
        >>> e.errors()[0]["loc"], e.errors()[0]["type"]
        (('n',), 'int_parsing')
        """
        if isinstance(exc, cls):
            return exc
        details: list[Any] = []
        for err in exc.errors(include_url=False):
            kind = str(err["type"])
            ctx = err.get("ctx")
            detail: dict[str, Any] = {"loc": tuple(err["loc"]), "input": err.get("input")}
            try:  # a pydantic error type: rebuilt from its own code and context
                line: Any = {"type": kind, "loc": (), "input": None}
                if ctx:
                    line["ctx"] = ctx
                probe = _PydanticValidationError.from_exception_data(exc.title, [line])
                same = probe.errors(include_url=False)[0]["msg"] == err["msg"]
            except (KeyError, TypeError, ValueError):
                same = False
            if same:
                detail["type"] = kind
                if ctx:
                    detail["ctx"] = ctx
            else:  # a custom code (fee_negative_amount, ...): keep the message as it was written
                keep = ctx and not any("{" + str(k) + "}" in err["msg"] for k in ctx)
                detail["type"] = _PydanticCustomError(kind, str(err["msg"]), ctx if keep else None)
            details.append(detail)
        return cls.from_exception_data(exc.title, details)


class OutOfRangeError(HccError, ValueError):
    """A date lies outside the years a calendar covers.

    >>> import datetime as dt
    >>> e = OutOfRangeError(dt.date(1999, 12, 31), dt.date(2000, 1, 1), dt.date(2100, 12, 31))
    >>> str(e)
    'date 1999-12-31 is outside the calendar range 2000-01-01..2100-12-31'
    """

    def __init__(
        self, value: _dt.date, first: _dt.date, last: _dt.date, *, operation: str | None = None
    ) -> None:
        self.value = value
        self.first = first
        self.last = last
        self.operation = operation
        rng = f"{first.isoformat()}..{last.isoformat()}"
        if operation:
            msg = f"{operation} from {value.isoformat()} leaves the calendar range {rng}"
        else:
            msg = f"date {value.isoformat()} is outside the calendar range {rng}"
        super().__init__(msg)


class OverrideError(HccError, ValueError):
    """A calendar override (file, mapping or code) has a bad row; nothing was applied.

    ``holiday`` names the statutory holiday a notice row would have turned into a working day
    without saying so (``None`` for other errors).

    >>> str(OverrideError("days[2].date", "2027-02-30", "an ISO date YYYY-MM-DD", source="x.toml"))
    "x.toml: days[2].date: got '2027-02-30', expected an ISO date YYYY-MM-DD"
    """

    def __init__(
        self,
        location: str,
        value: Any,
        allowed: str,
        *,
        source: str | None = None,
        holiday: str | None = None,
    ):
        self.location = location
        self.value = value
        self.allowed = allowed
        self.source = source
        self.holiday = holiday
        prefix = f"{source}: " if source else ""
        super().__init__(f"{prefix}{location}: got {_short_repr(value)}, expected {allowed}")


class TimeLimitParseError(HccError, ValueError):
    """A time-limit phrase could not be read; ``text`` keeps it verbatim.

    >>> str(TimeLimitParseError("bảy ngày rưỡi"))
    "cannot read a time limit from 'bảy ngày rưỡi'"
    """

    def __init__(self, text: str, reason: str | None = None) -> None:
        self.text = text
        self.reason = reason
        msg = f"cannot read a time limit from {_short_repr(text, 1_000)}"
        if reason:
            msg += f": {reason}"
        super().__init__(msg)


class DeadlineError(HccError, ValueError):
    """Deadline input that cannot be computed (for example a non-datetime receipt moment).

    >>> isinstance(DeadlineError("bad receipt moment"), ValueError)
    True
    """


class EventOrderError(HccError, ValueError):
    """An impossible order of dossier events; names both events involved.

    >>> str(EventOrderError("a return cannot come before the receipt", event="returned"))
    'a return cannot come before the receipt (event: returned)'
    """

    def __init__(self, message: str, *, event: str | None = None, other: str | None = None):
        self.event = event
        self.other = other
        parts = [
            p for p in (f"event: {event}" if event else "", f"other: {other}" if other else "") if p
        ]
        super().__init__(message + (f" ({', '.join(parts)})" if parts else ""))


class ExtensionLimitError(EventOrderError):
    """A second extension (new appointment) where the law allows only one (Decree 61/2018 art. 19(9)).

    >>> e = ExtensionLimitError("the appointment may be moved only once", event="extended#2", other="extended#1")
    >>> isinstance(e, EventOrderError), e.event
    (True, 'extended#2')
    """


class InvalidTransitionError(EventOrderError):
    """An event that the dossier's current state does not allow; names the state and the event.

    >>> str(InvalidTransitionError("returned", "supplement_requested", allowed=("withdrawn",)))
    "event 'supplement_requested' is not allowed in state 'returned'; allowed: withdrawn (event: supplement_requested)"
    """

    def __init__(self, state: str, event: str, *, allowed: tuple[str, ...] = ()) -> None:
        self.state = state
        allowed_txt = f"; allowed: {', '.join(allowed)}" if allowed else ""
        super().__init__(
            f"event {event!r} is not allowed in state {state!r}{allowed_txt}", event=event
        )


class FeeRuleError(HccError, ValueError):
    """A fee rule that is malformed (unknown unit, negative amount) or overlaps another.

    >>> isinstance(FeeRuleError("rule 'x': unknown unit 'sheet'"), ValueError)
    True
    """


class QuoteError(HccError, ValueError):
    """A quote asked with an unknown quantity name or exemption category.

    >>> isinstance(QuoteError("unknown quantity 'pagez'"), ValueError)
    True
    """


class CatalogueValidationError(HccError, ValueError):
    """Every problem found in a catalogue, each with its location; ``errors`` lists them all.

    >>> e = CatalogueValidationError(["a.json: 1.001193: name: missing", "a.json: 1.001193: code: duplicate"], "a.json")
    >>> len(e.errors), str(e).splitlines()[0]
    (2, '2 problem(s) in catalogue a.json')
    """

    def __init__(self, errors: list[Any], source: str | None = None) -> None:
        self.errors = list(errors)
        self.source = source
        head = f"{len(self.errors)} problem(s) in catalogue" + (f" {source}" if source else "")
        lines = [head] + [f"  - {e}" for e in self.errors]
        super().__init__("\n".join(lines))


class UnknownProcedureError(HccError, LookupError):
    """A procedure code that is not in the catalogue.

    >>> e = UnknownProcedureError("9.999999")
    >>> isinstance(e, LookupError), str(e)
    (True, "no procedure with code '9.999999' in the catalogue")
    """

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(f"no procedure with code {code!r} in the catalogue")

    def __str__(self) -> str:  # LookupError would quote the message again
        return str(self.args[0])


class TimeLimitNotStatedError(HccError, LookupError):
    """A procedure states no time limit for a channel (neither the channel's own nor a statutory one).

    The portal publishes such records; set a limit (``model_copy``) before computing deadlines.

    >>> str(TimeLimitNotStatedError("1.000001", "direct"))
    "procedure 1.000001 states no time limit for the 'direct' channel (set statutory_time_limit)"
    """

    def __init__(self, code: str, kind: str) -> None:
        self.code = code
        self.kind = kind
        super().__init__(
            f"procedure {code} states no time limit for the {kind!r} channel "
            "(set statutory_time_limit)"
        )

    def __str__(self) -> str:
        return str(self.args[0])


class DossierCodeError(HccError, ValueError):
    """A dossier code (Circular 01/2018 art. 19) that does not match ``V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX``.

    >>> e = DossierCodeError("dossier code: got 'X', not in the pattern", value="X")
    >>> isinstance(e, ValueError), e.value
    (True, 'X')
    """

    def __init__(self, message: str, *, value: object = None) -> None:
        self.value = value
        super().__init__(message)


class DocumentContextError(HccError, ValueError):
    """A document context with a missing or unknown field; ``fields`` names them.

    >>> e = DocumentContextError("receipt", ["applicant.name"], "receipt: applicant.name is missing")
    >>> e.kind, e.fields
    ('receipt', ['applicant.name'])
    """

    def __init__(self, kind: str, fields: list[str], message: str) -> None:
        self.kind = kind
        self.fields = fields
        super().__init__(message)


class DocumentRuleError(HccError, ValueError):
    """A document whose content breaks a rule of law at render time; names the field, the value
    received and what is allowed.

    >>> e = DocumentRuleError("receipt", "dossier.due_at", "2026-01-11 17:00", "a working day",
    ...                       "the appointment falls on a day off (Sunday)")
    >>> e.kind, e.field, str(e)
    ('receipt', 'dossier.due_at', 'receipt: dossier.due_at: got 2026-01-11 17:00, expected a working day: the appointment falls on a day off (Sunday)')
    """

    def __init__(self, kind: str, field: str, value: str, allowed: str, reason: str) -> None:
        self.kind = kind
        self.field = field
        self.value = value
        self.allowed = allowed
        self.reason = reason
        super().__init__(f"{kind}: {field}: got {value}, expected {allowed}: {reason}")


class UnknownDocumentError(HccError, LookupError):
    """A document kind or form set that does not exist.

    >>> str(UnknownDocumentError("no document kind 'reciept'"))
    "no document kind 'reciept'"
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class TemplateError(HccError, ValueError):
    """A template that cannot be used: a syntax error, a file that is not UTF-8, an error raised
    while it renders (``{{ 1 / 0 }}``). ``template`` names it, ``reason`` says what went wrong.

    >>> e = TemplateError("receipt.txt.j2", "line 3: unexpected '}'")
    >>> isinstance(e, ValueError), str(e)
    (True, "template receipt.txt.j2 refused: line 3: unexpected '}'")
    """

    def __init__(self, template: str, reason: str) -> None:
        self.template = template
        self.reason = reason
        super().__init__(f"template {template} refused: {reason}")


class TemplateSecurityError(TemplateError):
    """A district template tried what the sandbox forbids, or a template file leaves its folder.

    District templates (``template_dir``) are rendered in Jinja2's immutable sandbox: reading
    private attributes (``__globals__``, ``__class__``, ...), calling unsafe functions or mutating
    values raises this error and runs nothing. ``template`` names the template, ``reason`` says what
    was refused.

    >>> e = TemplateSecurityError("receipt.html.j2", "access to attribute '__globals__' is unsafe")
    >>> isinstance(e, TemplateError), str(e)
    (True, "template receipt.html.j2 refused: access to attribute '__globals__' is unsafe")
    """


class OutputExistsError(HccError, FileExistsError):
    """hcc was asked to write a file that exists, without permission to replace it.

    >>> e = OutputExistsError("catalogue.json")
    >>> isinstance(e, FileExistsError), e.path, str(e)
    (True, 'catalogue.json', 'catalogue.json already exists; pass overwrite=True to replace it')
    """

    def __init__(self, path: object, *, hint: str = "pass overwrite=True to replace it") -> None:
        self.path = str(path)
        super().__init__(f"{self.path} already exists; {hint}")

    def __str__(self) -> str:  # OSError would format its args as (errno, strerror)
        return str(self.args[0])


class CounterStoreError(HccError, RuntimeError):
    """A dossier-code counter store could not allocate (database unreachable, locked too long).

    No serial is consumed when this is raised: the store's transaction is rolled back.

    >>> e = CounterStoreError("sqlite:/tmp/codes.db", "database is locked")
    >>> e.store, str(e)
    ('sqlite:/tmp/codes.db', 'counter store sqlite:/tmp/codes.db: database is locked')
    """

    def __init__(self, store: str, reason: str) -> None:
        self.store = store
        self.reason = reason
        super().__init__(f"counter store {store}: {reason}")


class MissingExtraError(HccError, ImportError):
    """An optional feature whose third-party library is not installed; names the extra to add.

    >>> e = MissingExtraError("pandas", "to_frame()")
    >>> isinstance(e, ImportError), e.extra, str(e)
    (True, 'pandas', "to_frame() needs the 'pandas' extra: pip install 'hcc[pandas]' (from the repository or a built wheel)")
    """

    def __init__(self, extra: str, feature: str) -> None:
        self.extra = extra
        self.feature = feature
        super().__init__(
            f"{feature} needs the {extra!r} extra: pip install 'hcc[{extra}]' "
            "(from the repository or a built wheel)"
        )


class HccWarning(UserWarning):
    """Base class of hcc's warnings.

    >>> issubclass(ProvisionalCalendarWarning, HccWarning) and issubclass(HccWarning, UserWarning)
    True
    """


class ProvisionalCalendarWarning(HccWarning):
    """An answer rests on a day of a year for which no official notice exists yet.

    The day's status is projected from the statutory rules (Labour Code 2019 arts. 111-112); the
    Prime Minister may still choose other Tết days or add swaps. Filter it when that is acceptable:

    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", ProvisionalCalendarWarning)
    ...     warnings.warn("2027 is projected", ProvisionalCalendarWarning)
    """


class FontFallbackWarning(HccWarning):
    """A PDF was drawn with more than one typeface, or with a letter no installed font has.

    The first font the system matched for the document's font stack lacks some letters (Liberation
    Serif 1.x, for one, has no "ế", "ừ", "ặ"), so those letters came from another font and the
    printed words mix typefaces. ``families`` lists the families used (the main one first) and
    ``fallback`` maps each other family, or ``None`` for letters no font has, to its letters. Install
    a metric-compatible font with full Vietnamese coverage (docs/printing.md).

    >>> w = FontFallbackWarning("Liberation Serif", {"DejaVu Serif": "ếừ"})
    >>> w.families
    ('Liberation Serif', 'DejaVu Serif')
    >>> print(w)
    the PDF mixes typefaces: 'Liberation Serif' lacks ế ừ, drawn from 'DejaVu Serif'; install a Times New Roman-compatible font with Vietnamese letters (Debian: fonts-liberation2 or fonts-croscore; see docs/printing.md)
    """

    def __init__(self, main: str, fallback: dict[str | None, str]) -> None:
        self.main = main
        self.fallback = dict(fallback)
        self.families = (main, *(f for f in fallback if f is not None))
        parts = []
        for family, letters in fallback.items():
            shown = " ".join(sorted(set(letters)))
            if family is None:
                parts.append(f"no installed font has {shown}")
            else:
                parts.append(f"{main!r} lacks {shown}, drawn from {family!r}")
        super().__init__(
            "the PDF mixes typefaces: "
            + "; ".join(parts)
            + "; install a Times New Roman-compatible font with Vietnamese letters (Debian: "
            "fonts-liberation2 or fonts-croscore; see docs/printing.md)"
        )
