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
    │   └── FeeRuleDataError                  a fee rule or schedule that failed validation
    ├── QuoteError (ValueError)               a quote asked with unknown quantities or categories
    ├── AmountError (ValueError)              money that is not a non-negative whole number of đồng
    ├── CatalogueValidationError (ValueError) every problem found in a catalogue file
    ├── UnknownProcedureError (LookupError)   a procedure code not in the catalogue
    ├── ChannelNotOfferedError (LookupError)  a channel a procedure does not offer
    ├── TimeLimitNotStatedError (LookupError) a procedure that states no time limit for a channel
    ├── DossierCodeError (ValueError)         a malformed dossier code
    ├── DocumentContextError (ValueError)     a document context with a missing or unknown field
    ├── DocumentRuleError (ValueError)        a document that breaks the law (appointment on a day off, late apology)
    ├── UnknownDocumentError (LookupError)    a document kind or form set that does not exist
    ├── TemplateError (ValueError)            a district template that cannot be used
    │   └── TemplateSecurityError             one that breaks the sandbox's rules or leaves its folder
    ├── OutputExistsError (FileExistsError)   a file hcc would overwrite without being told to
    ├── CounterStoreError (RuntimeError)      a dossier-code counter store that cannot serve
    ├── UnknownFeeScheduleError (LookupError) a fee schedule id that is not known
    ├── ImportInputError (ValueError)         the input of an import is not a list of records
    ├── RegisterError (ValueError)            a dossier that cannot go into a register book
    │   ├── RegisterClosedError               a new entry for a closed book
    │   └── DuplicateEntryError               a dossier code that already has an entry
    ├── UnknownEntryError (LookupError)       a dossier code with no entry in the register
    ├── CatalogueAssertionError (AssertionError) hcc.testing: a catalogue file that is not valid
    ├── MissingExtraError (ImportError)       an optional feature whose extra is not installed (frames, iCal,
    │                                         Dask, DOCX, PDF, PostgreSQL)
    ├── FeeClauseError (ValueError)           a fee-cell clause the importer keeps as text (never raised to callers)
    ├── JsonProblem (ValueError)              a data file that is not strict JSON or UTF-8 (the loaders
    │                                         turn it into their own OverrideError or catalogue problem)
    ├── DuplicateKeyError (ValueError)        a key that occurs twice in one JSON object (inside hcc._json)
    └── CommandLineError (ValueError)         a command-line input the command cannot use (exit status 2)

    HccWarning (UserWarning)
    ├── ProvisionalCalendarWarning            an answer rests on a year with no official notice yet
    └── FontFallbackWarning                   a PDF mixes typefaces: the first font lacks some letters

Every exception keeps its inputs as attributes, so callers can react without parsing messages.

>>> issubclass(OutOfRangeError, ValueError) and issubclass(OutOfRangeError, HccError)
True
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import ValidationError

from pydantic import ValidationError as _PydanticValidationError
from pydantic_core import PydanticCustomError as _PydanticCustomError

__all__ = [
    "AmountError",
    "CatalogueAssertionError",
    "CatalogueValidationError",
    "ChannelNotOfferedError",
    "CommandLineError",
    "CounterStoreError",
    "DeadlineError",
    "DocumentContextError",
    "DocumentRuleError",
    "DossierCodeError",
    "DuplicateEntryError",
    "DuplicateKeyError",
    "EventOrderError",
    "ExtensionLimitError",
    "FeeClauseError",
    "FeeRuleDataError",
    "FeeRuleError",
    "FontFallbackWarning",
    "HccError",
    "HccWarning",
    "ImportInputError",
    "InvalidInputError",
    "InvalidTransitionError",
    "JsonProblem",
    "MissingExtraError",
    "ModelValidationError",
    "OutOfRangeError",
    "OutputExistsError",
    "OverrideError",
    "ProvisionalCalendarWarning",
    "QuoteError",
    "RegisterClosedError",
    "RegisterError",
    "TemplateError",
    "TemplateSecurityError",
    "TimeLimitNotStatedError",
    "TimeLimitParseError",
    "UnknownDocumentError",
    "UnknownEntryError",
    "UnknownFeeScheduleError",
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
            f"{field}: got {short_repr(value)} ({type(value).__name__}), expected {allowed}"
        )


def short_repr(value: object, limit: int = 200) -> str:
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

    It *is* a ``pydantic.ValidationError`` (and so a ``ValueError``): ``errors()`` lists every
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
        super().__init__(f"{prefix}{location}: got {short_repr(value)}, expected {allowed}")


class TimeLimitParseError(HccError, ValueError):
    """A time-limit phrase could not be read; ``text`` keeps it verbatim.

    >>> str(TimeLimitParseError("bảy ngày rưỡi"))
    "cannot read a time limit from 'bảy ngày rưỡi'"
    """

    def __init__(self, text: str, reason: str | None = None) -> None:
        self.text = text
        self.reason = reason
        msg = f"cannot read a time limit from {short_repr(text, 1_000)}"
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


class UnknownFeeScheduleError(HccError, LookupError):
    """A fee schedule id that is not known; ``id`` keeps it, ``known`` lists the ids available.

    >>> str(UnknownFeeScheduleError("x", ("a", "b")))
    "no fee schedule 'x'; known: a, b"
    """

    def __init__(self, id: str, known: tuple[str, ...]) -> None:
        self.id = id
        self.known = known
        super().__init__(f"no fee schedule {id!r}; known: {', '.join(known)}")

    def __str__(self) -> str:  # LookupError would quote the message again
        return str(self.args[0])


class CatalogueAssertionError(HccError, AssertionError):
    """A catalogue file failed [`assert_valid_catalogue`][hcc.testing.assert_valid_catalogue]; the message lists every problem.

    ``path`` is the file checked, ``problems`` every [`hcc.procedures.CatalogueProblem`][hcc.procedures.CatalogueProblem]
    found (errors, then warnings when ``strict``).

    >>> e = CatalogueAssertionError("c.json", [])
    >>> isinstance(e, AssertionError), e.path
    (True, 'c.json')
    """

    def __init__(self, path: str, problems: list[Any], *, strict: bool = False):
        self.path = path
        self.problems = list(problems)
        what = "problem" if strict else "error"
        lines = [f"{path} is not a valid hcc catalogue: {len(self.problems)} {what}(s)"]
        lines += [f"  {i}. {p}" for i, p in enumerate(self.problems, start=1)]
        super().__init__("\n".join(lines))


class ImportInputError(HccError, ValueError):
    """The input of [`import_portal_records`][import_portal_records] as a whole is not a list of records.

    ``value`` keeps what was received. This is the only error the import raises: a bad
    *record* is rejected in the report, never raised.

    >>> str(ImportInputError({"a": 1}))
    'records: got a dict, expected a list (or tuple) of records, each a dict of portal fields'
    """

    def __init__(
        self,
        value: Any,
        *,
        field: str = "records",
        allowed: str = "a list (or tuple) of records, each a dict of portal fields",
    ) -> None:
        self.value = value
        self.field = field
        self.allowed = allowed
        super().__init__(f"{field}: got a {type(value).__name__}, expected {allowed}")


class FeeClauseError(HccError, ValueError):
    """A fee-cell clause the importer's fee reader does not understand.

    It never leaves ``hcc.importer.parse_fee_text``, which keeps such a cell as text (and says so in
    the reading's status); it is here so that every exception class of hcc is in this module.

    >>> str(FeeClauseError("cannot read '2 bản'"))
    "cannot read '2 bản'"
    """


class RegisterError(HccError, ValueError):
    """A dossier that cannot go into (or be updated in) a register book.

    >>> issubclass(RegisterClosedError, RegisterError) and issubclass(RegisterError, ValueError)
    True
    """


class RegisterClosedError(RegisterError):
    """A new entry for a book that is closed; ``year`` and ``code`` name them.

    >>> import datetime as dt
    >>> str(RegisterClosedError(2025, "000.00.01.H38-251231-0001", dt.datetime(2026, 1, 2, 8, tzinfo=dt.timezone.utc)))
    "the register book of 2025 was closed at 2026-01-02T08:00:00+00:00; cannot add dossier '000.00.01.H38-251231-0001'"
    """

    def __init__(self, year: int, code: str, closed_at: _dt.datetime) -> None:
        self.year = year
        self.code = code
        self.closed_at = closed_at
        super().__init__(
            f"the register book of {year} was closed at {closed_at.isoformat()}; "
            f"cannot add dossier {code!r}"
        )


class DuplicateEntryError(RegisterError):
    """A dossier code that already has an entry; ``code`` and ``number`` name it.

    >>> str(DuplicateEntryError(2026, "000.00.01.H38-260105-0007", 3))
    "dossier '000.00.01.H38-260105-0007' already has entry 03 in the book of 2026"
    """

    def __init__(self, year: int, code: str, number: int) -> None:
        self.year = year
        self.code = code
        self.number = number
        super().__init__(f"dossier {code!r} already has entry {number:02d} in the book of {year}")


class UnknownEntryError(HccError, LookupError):
    """A dossier code with no entry in the register.

    >>> e = UnknownEntryError("000.00.01.H38-260105-0007")
    >>> isinstance(e, LookupError), str(e)
    (True, "no register entry for dossier '000.00.01.H38-260105-0007'")
    """

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(f"no register entry for dossier {code!r}")

    def __str__(self) -> str:
        return str(self.args[0])


class ChannelNotOfferedError(HccError, LookupError):
    """A procedure does not offer the channel asked for; names the procedure and the offered kinds.

    >>> str(ChannelNotOfferedError("2.000884", "online", "direct"))
    "procedure 2.000884 has no 'online' channel (offered: direct)"
    """

    def __init__(self, code: str, kind: str, offered: str) -> None:
        self.code = code
        self.kind = kind
        self.offered = offered
        super().__init__(f"procedure {code} has no {kind!r} channel (offered: {offered})")

    def __str__(self) -> str:
        return str(self.args[0])


class FeeRuleDataError(FeeRuleError):
    """A fee rule or schedule that failed validation; the message names the rule.

    ``rule`` and ``schedule`` are the ids involved (when known), ``codes`` the stable error codes
    (``fee_unknown_unit``, ``fee_negative_amount``, ``fee_overlap``, ...), ``errors`` pydantic's
    error list, ``problems`` one message per problem.

    >>> from hcc.fees import FlatFee
    >>> try:
    ...     FlatFee(id="bad", description="x", amount=-1, legal_basis="y")
    ... except FeeRuleDataError as e:
    ...     print(e.codes, e.rule)
    ('fee_negative_amount',) bad
    """

    def __init__(
        self,
        message: str,
        *,
        rule: str | None = None,
        schedule: str | None = None,
        codes: tuple[str, ...] = (),
        errors: tuple[Any, ...] = (),
        source: str | None = None,
        problems: tuple[str, ...] = (),
    ) -> None:
        self.rule = rule
        self.problems = problems or (message,)
        self.schedule = schedule
        self.codes = codes
        self.errors = errors
        self.source = source
        super().__init__(message)

    @classmethod
    def from_validation(
        cls, exc: ValidationError, ident: Any, *, source: str | None = None
    ) -> FeeRuleDataError:
        """Turn pydantic's error into one that names the rule (and the schedule)."""
        problems: list[str] = []
        codes: list[str] = []
        errors: list[Any] = []
        rule: str | None = None
        schedule: str | None = None
        for err in exc.errors(include_url=False):
            loc = ".".join(str(p) for p in err["loc"])
            ctx = err.get("ctx") or {}
            inner = ctx.get("error")
            if isinstance(inner, FeeRuleDataError):  # raised by a nested model's __init__
                problems += [f"{loc}: {p}" if loc else p for p in inner.problems]
                codes += inner.codes
                errors += inner.errors
                rule = rule or inner.rule
                schedule = schedule or inner.schedule
                continue
            if rule is None and isinstance(ctx.get("rule"), str):
                rule = ctx["rule"]
            problems.append(f"{loc}: {err['msg']}" if loc else err["msg"])
            codes.append(str(err["type"]))
            errors.append(err)
        is_schedule = exc.title == "FeeSchedule"
        if is_schedule and isinstance(ident, str):
            schedule = ident
        if rule is None and not is_schedule and isinstance(ident, str):
            rule = ident
        head = f"{source}: " if source else ""
        head += (
            f"invalid fee schedule {schedule!r}" if is_schedule else f"invalid fee rule {rule!r}"
        )
        return cls(
            head + ": " + "; ".join(problems),
            rule=rule,
            schedule=schedule,
            codes=tuple(codes),
            errors=tuple(errors),
            source=source,
            problems=tuple(problems),
        )


class MissingExtraError(HccError, ImportError):
    """An optional feature whose third-party library is not installed; names the extra to add.

    The one error for every optional dependency: data frames (``pandas``), iCalendar (``ical``),
    Dask (``dask``), DOCX (``docx``) and PDF (``pdf``) output, PostgreSQL counters
    (``postgres``). ``extra`` is the name to install (``pip install 'hcc[extra]'``), ``feature``
    what needed it, ``package`` the missing distribution when it is worth naming, ``detail`` why
    an installed package cannot be used (e.g. missing system libraries).

    >>> e = MissingExtraError("pandas", "to_frame()")
    >>> isinstance(e, ImportError), e.extra, str(e)
    (True, 'pandas', "to_frame() needs the 'pandas' extra: pip install 'hcc[pandas]' (from the repository or a built wheel)")
    >>> str(MissingExtraError("pdf", "PDF output", package="WeasyPrint"))
    "PDF output needs WeasyPrint: pip install 'hcc[pdf]' (from the repository or a built wheel)"

    ``MissingDependencyError``, the name the DOCX and PDF outputs raised before this class
    served every extra, still resolves to this class for one release, with a
    ``DeprecationWarning``.
    """

    def __init__(
        self, extra: str, feature: str, *, package: str | None = None, detail: str = ""
    ) -> None:
        self.extra = extra
        self.feature = feature
        self.package = package
        self.detail = detail
        what = package if package else f"the {extra!r} extra"
        super().__init__(
            f"{feature} needs {what}: pip install 'hcc[{extra}]' "
            "(from the repository or a built wheel)" + (f"; {detail}" if detail else "")
        )


_RENAMED = {"MissingDependencyError": "MissingExtraError"}


def __getattr__(name: str) -> Any:
    """Resolve a renamed exception with a ``DeprecationWarning`` (PEP 562).

    Raises:
        AttributeError: ``name`` is not a renamed exception either.
    """
    new = _RENAMED.get(name)
    if new is None:
        raise AttributeError(f"module 'hcc.errors' has no attribute {name!r}")
    import warnings

    warnings.warn(
        f"hcc.errors.{name} is deprecated and will be removed in the next release; "
        f"catch hcc.errors.{new}, the one error for every optional dependency",
        DeprecationWarning,
        stacklevel=2,
    )
    return globals()[new]


class CommandLineError(HccError, ValueError):
    """A command-line input the command cannot use; ``hcc`` prints it and exits with status 2.

    >>> isinstance(CommandLineError("--on: got 'x', expected a date"), ValueError)
    True
    """


class AmountError(HccError, ValueError):
    """An amount of money that is not a whole number of đồng within the accepted range (a float, a
    fraction, a negative amount where none is allowed, more than ``hcc.fees.MAX_AMOUNT``).

    ``value`` keeps what was received.

    >>> str(AmountError(1.5, "an int or an integral Decimal, never a float"))
    'amount: got 1.5 (float), expected an int or an integral Decimal, never a float'
    """

    def __init__(self, value: Any, allowed: str) -> None:
        self.value = value
        self.allowed = allowed
        super().__init__(
            f"amount: got {short_repr(value)} ({type(value).__name__}), expected {allowed}"
        )


class JsonProblem(HccError, ValueError):
    """Why a text is not acceptable JSON (or UTF-8): ``kind`` is one of ``invalid_json``,
    ``duplicate_key``, ``too_deep``, ``encoding``; ``key`` the duplicated key, if any.

    The public loaders turn it into their own documented error (``OverrideError``,
    ``CatalogueValidationError`` or a catalogue report's problem).

    >>> JsonProblem("duplicate_key", "duplicate key 'a'", key="a").kind
    'duplicate_key'
    """

    def __init__(self, kind: str, message: str, *, key: str | None = None) -> None:
        self.kind = kind
        self.key = key
        super().__init__(message)


class DuplicateKeyError(HccError, ValueError):
    """A key that occurs twice in one JSON object (``hcc._json`` turns it into a JsonProblem).

    >>> DuplicateKeyError("a").key
    'a'
    """

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(key)


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
