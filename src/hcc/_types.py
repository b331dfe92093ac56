"""The model base and the field types shared by every package of hcc, defined once.

Below every package in the layers (``errors`` ← ``_text`` / ``_types`` ← ``calendar`` ← ...), so
that the calendar, the deadlines, the catalogue, the fees, the documents and the dossiers all use
the same:

* [`FROZEN`][hcc._types.FROZEN], the one model configuration: frozen (change by
  ``model_copy``), unknown fields refused (a misspelled field is an error, never a silent blank);
* [`HccModel`][hcc._types.HccModel], the base of every hcc model, with that configuration
  (its validation errors are [`ModelValidationError`][hcc.errors.ModelValidationError]), and
  [`HccStrEnum`][hcc._types.HccStrEnum], whose unknown values raise ``InvalidInputError``;
* ``Text`` (non-empty, NFC, invisible characters removed, stripped), ``Name`` (a ``Text`` on one
  line), ``FreeText`` (notes: may be empty);
* ``Moment`` (an aware datetime in Vietnam time; naive input is Vietnam local time) and ``Day``,
  with the coercions behind them (``as_vn_datetime``, ``as_date``, ``VN_TZ``; re-exported by
  ``hcc.calendar``);
* ``Money`` (a whole number of đồng as a ``Decimal``), with ``to_vnd`` and ``MAX_AMOUNT``
  (re-exported by ``hcc.fees``).

The time-limit field is the one shared type defined elsewhere: it wraps ``TimeLimit``, a model
of the deadlines layer above this module, so it lives beside it as ``hcc.deadlines.limits.Limit``
(the catalogue writes it as its phrase).

>>> class Row(HccModel):
...     name: Text
>>> Row(name="  Nghi\\u0323 Lộc ").name
'Nghị Lộc'
>>> Row(name="x").model_config["frozen"]
True
"""

from __future__ import annotations

import contextlib
import datetime as dt
import unicodedata
from decimal import Decimal
from enum import EnumType, StrEnum
from typing import Annotated, Any, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationError,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from hcc._text import name_text, nfc, strip_invisible
from hcc.errors import AmountError, InvalidInputError, ModelValidationError, short_repr

__all__ = [
    "FROZEN",
    "MAX_AMOUNT",
    "VN_TZ",
    "Day",
    "FreeText",
    "HccModel",
    "HccStrEnum",
    "Moment",
    "Money",
    "Name",
    "Text",
    "as_date",
    "as_money",
    "as_vn_datetime",
    "to_vnd",
]

FROZEN = ConfigDict(frozen=True, extra="forbid")
"""The configuration of every hcc model: frozen, unknown fields refused."""


class _PydanticErrorsTranslated:
    """Raise pydantic's ``ValidationError`` as [`ModelValidationError`][hcc.errors.ModelValidationError].

    A plain context-manager class, not ``contextlib.contextmanager``: every model construction
    enters it, and a generator-based one costs about a microsecond more per call.
    """

    __slots__ = ()

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: Any
    ) -> None:
        if exc is not None and isinstance(exc, ValidationError):
            raise ModelValidationError.from_pydantic(exc) from None


_pydantic_errors_translated = _PydanticErrorsTranslated()


class HccModel(BaseModel):
    """The base of hcc's pydantic models: [`FROZEN`][hcc._types.FROZEN] (frozen, extra fields
    refused; a subclass adds to the configuration, never repeats it), and pydantic's validation
    errors raised as [`ModelValidationError`][hcc.errors.ModelValidationError] (an
    [`HccError`][hcc.errors.HccError] and a ``pydantic.ValidationError``, so a ``ValueError``,
    with pydantic's locations, type codes and inputs).

    >>> class Row(HccModel):
    ...     x: int
    >>> try:
    ...     Row(x="a")
    ... except ModelValidationError as e:
    ...     print(e.title, e.errors()[0]["loc"], e.errors()[0]["type"])
    Row ('x',) int_parsing

    >>> class Point(HccModel):
    ...     x: int
    >>> Point(x=1).model_copy(update={"x": 2}).x
    2
    """

    model_config = FROZEN

    def __init__(self, /, **data: Any) -> None:
        with _pydantic_errors_translated:
            super().__init__(**data)

    # pydantic calls a model's own ``__init__`` for every nested instance it validates unless the
    # method is marked as the base one; this one only translates the error of a direct call, so
    # nested records are built by pydantic-core directly (130,000 Python calls fewer when a
    # catalogue of 10,000 records loads)
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]  # pydantic's marker, set on a function

    @classmethod
    def model_validate(
        cls,
        obj: Any,
        *,
        strict: bool | None = None,
        extra: Any = None,
        from_attributes: bool | None = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        """pydantic's ``model_validate``; a failure raises [`ModelValidationError`][hcc.errors.ModelValidationError]."""
        with _pydantic_errors_translated:
            return super().model_validate(
                obj,
                strict=strict,
                extra=extra,
                from_attributes=from_attributes,
                context=context,
                by_alias=by_alias,
                by_name=by_name,
            )

    @classmethod
    def model_validate_json(
        cls,
        json_data: str | bytes | bytearray,
        *,
        strict: bool | None = None,
        extra: Any = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        """pydantic's ``model_validate_json``; a failure raises [`ModelValidationError`][hcc.errors.ModelValidationError]."""
        with _pydantic_errors_translated:
            return super().model_validate_json(
                json_data,
                strict=strict,
                extra=extra,
                context=context,
                by_alias=by_alias,
                by_name=by_name,
            )

    @classmethod
    def model_validate_strings(
        cls,
        obj: Any,
        *,
        strict: bool | None = None,
        extra: Any = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        """pydantic's ``model_validate_strings``; a failure raises [`ModelValidationError`][hcc.errors.ModelValidationError]."""
        with _pydantic_errors_translated:
            return super().model_validate_strings(
                obj, strict=strict, extra=extra, context=context, by_alias=by_alias, by_name=by_name
            )


class _HccEnumType(EnumType):
    """Refuses a value that is not a str before ``Enum`` formats it into its own message (the
    ``repr`` of a deeply nested list, or ``str`` of a 5,000-digit int, would raise there)."""

    def __call__(cls, value: Any, *args: Any, **kwargs: Any) -> Any:
        if not args and not kwargs and cls._member_map_ and not isinstance(value, str):
            raise InvalidInputError(
                cls.__name__,
                value,
                "one of: " + ", ".join(str(v) for v in cls._value2member_map_),
            )
        return super().__call__(value, *args, **kwargs)


def _text(value: str) -> str:
    # no ValidationInfo argument: pydantic would build one per call (240,000 calls for 10,000
    # records); NFC of text already in NFC is a quick check that returns the same string
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)
    value = strip_invisible(value).strip()
    if not value:
        raise PydanticCustomError("string_too_short", "text must not be empty")
    return value


def _name(value: str) -> str:
    value = name_text(_text(value))
    if not value:  # pragma: no cover - _text refused it already
        raise PydanticCustomError("string_too_short", "text must not be empty")
    return value


Text = Annotated[str, AfterValidator(_text), WithJsonSchema({"type": "string", "minLength": 1})]
"""Non-empty text, NFC-normalised, invisible characters removed (``hcc._text.INVISIBLE``) and
stripped; line breaks stay (error code ``string_too_short`` when empty)."""
Name = Annotated[str, AfterValidator(_name), WithJsonSchema({"type": "string", "minLength": 1})]
"""A name on one line: ``Text`` with every run of white space (line breaks too) one space."""

FreeText = Annotated[str, AfterValidator(nfc)]
"""Free text (a note), NFC-normalised and stripped; may be empty."""


# --------------------------------------------------------------------------- moments and days
def _load_tz() -> dt.tzinfo:
    try:
        return ZoneInfo("Asia/Ho_Chi_Minh")
    except ZoneInfoNotFoundError:  # pragma: no cover - only without an IANA database
        return dt.timezone(dt.timedelta(hours=7), "Asia/Ho_Chi_Minh")


VN_TZ: dt.tzinfo = _load_tz()
"""The time zone of every aware datetime hcc returns (Asia/Ho_Chi_Minh, UTC+7)."""


def as_vn_datetime(value: object, field: str = "moment") -> dt.datetime:
    """Return ``value`` as an aware datetime in Vietnam time.

    Naive datetimes are Vietnam local time; aware ones are converted; a plain ``date`` is its
    midnight; ISO strings are parsed.

    >>> as_vn_datetime(dt.datetime(2026, 1, 5, 9, 30)).isoformat()
    '2026-01-05T09:30:00+07:00'
    >>> as_vn_datetime(dt.datetime(2026, 1, 5, 2, 0, tzinfo=dt.timezone.utc)).hour
    9

    Raises:
        InvalidInputError: ``value`` is not a datetime, a date or an ISO 8601 string, or an aware
            moment that falls outside years 1..9999 once converted to Vietnam time.
    """
    if type(value) is dt.datetime and value.tzinfo is VN_TZ:  # the common case, already normal
        return value
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise InvalidInputError(field, value, "an ISO 8601 datetime string") from None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
            return value.replace(tzinfo=VN_TZ)
        try:
            return value.astimezone(VN_TZ)
        except (OverflowError, ValueError):  # datetime.min/max with a far offset
            raise InvalidInputError(
                field, value, "a moment that is within years 1..9999 in Vietnam time (UTC+7)"
            ) from None
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(0, 0), tzinfo=VN_TZ)
    raise InvalidInputError(
        field, value, "a datetime.datetime (naive = Vietnam time) or ISO string"
    )


def as_date(value: object, field: str = "d") -> dt.date:
    """Return ``value`` as a ``date``: datetimes give their Vietnam-local date; ISO strings parse.

    >>> as_date("2026-01-02")
    datetime.date(2026, 1, 2)
    >>> as_date(dt.datetime(2026, 1, 1, 20, 0, tzinfo=dt.timezone.utc))
    datetime.date(2026, 1, 2)

    Raises:
        InvalidInputError: ``value`` is not a date, a datetime or an ISO date string YYYY-MM-DD.
    """
    if isinstance(value, dt.datetime):
        return as_vn_datetime(value, field).date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise InvalidInputError(field, value, "an ISO date string YYYY-MM-DD") from None
    raise InvalidInputError(field, value, "a datetime.date or an ISO date string YYYY-MM-DD")


def _moment(value: Any) -> dt.datetime:
    try:
        return as_vn_datetime(value, "moment")
    except InvalidInputError as exc:
        raise PydanticCustomError(
            "moment_type",
            "got {value}, expected a datetime (naive = Vietnam local time) or an ISO string",
            {"value": short_repr(exc.value)},
        ) from None


def _day(value: Any) -> dt.date:
    try:
        return as_date(value, "date")
    except InvalidInputError as exc:
        raise PydanticCustomError(
            "date_type",
            "got {value}, expected a date or an ISO date string YYYY-MM-DD",
            {"value": short_repr(exc.value)},
        ) from None


Moment = Annotated[dt.datetime, BeforeValidator(_moment)]
"""An aware datetime in Vietnam time: naive input is Vietnam local time, aware input is converted,
a date is its midnight, an ISO string is parsed (error code ``moment_type`` otherwise)."""

Day = Annotated[dt.date, BeforeValidator(_day)]
"""A calendar date; a datetime gives its Vietnam-local date (error code ``date_type`` otherwise)."""


class HccStrEnum(StrEnum, metaclass=_HccEnumType):
    """A ``StrEnum`` whose look-up of an unknown value raises [`InvalidInputError`][hcc.errors.InvalidInputError]
    (a ``ValueError``, as ``Enum`` raises, and an ``HccError``) naming the allowed values.

    >>> class Colour(HccStrEnum):
    ...     RED = "red"
    >>> Colour("blue")
    Traceback (most recent call last):
    ...
    hcc.errors.InvalidInputError: Colour: got 'blue' (str), expected one of: red
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        raise InvalidInputError(cls.__name__, value, "one of: " + ", ".join(m.value for m in cls))


# --------------------------------------------------------------------------- money
MAX_AMOUNT = 10**36 - 1
"""The largest amount of money hcc accepts, in đồng (36 nines): far above any real fee or
declared value; what matters is that arithmetic below it is exact and that larger input is
refused at once."""

_MAX_DIGITS = len(str(MAX_AMOUNT))


def to_vnd(value: Any, *, allow_negative: bool = False) -> Decimal:
    """Check that ``value`` is a whole number of đồng and return it as a ``Decimal`` with no exponent.

    Accepts ``int`` and integral ``Decimal`` (``Decimal("1.000E+3")`` is fine, ``Decimal("1.5")``
    is not) up to [`MAX_AMOUNT`][MAX_AMOUNT] in size; refuses ``bool``, ``float``, ``str``, NaN, infinities
    and, unless ``allow_negative``, negative amounts. The size is checked before any conversion, so
    ``Decimal("1E+1000000")`` is refused at once.

    >>> to_vnd(Decimal("1.5E3"))
    Decimal('1500')
    >>> to_vnd(2.0)
    Traceback (most recent call last):
    ...
    hcc.errors.AmountError: amount: got 2.0 (float), expected an int or an integral Decimal, never a float

    Raises:
        AmountError: ``value`` is not an int or an integral Decimal, is negative (unless
            ``allow_negative``) or is larger than [`MAX_AMOUNT`][MAX_AMOUNT] in absolute value.
    """
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise AmountError(value, "an int or an integral Decimal, never a float")
    if isinstance(value, int):
        if not -MAX_AMOUNT <= value <= MAX_AMOUNT:
            raise AmountError(_short(value), f"at most {MAX_AMOUNT:_} đồng in absolute value")
        if value < 0 and not allow_negative:
            raise AmountError(value, "a non-negative amount")
        return Decimal(value)
    if not value.is_finite():
        raise AmountError(value, "a whole number of đồng (VND has no minor unit)")
    if not value.is_zero() and value.adjusted() >= _MAX_DIGITS:  # size first: no conversion yet
        raise AmountError(_short(value), f"at most {MAX_AMOUNT:_} đồng in absolute value")
    if value.as_tuple().exponent < 0 and value != value.to_integral_value():  # type: ignore[operator]  # exponent is int once finite
        raise AmountError(value, "a whole number of đồng (VND has no minor unit)")
    n = int(value)
    if not -MAX_AMOUNT <= n <= MAX_AMOUNT:
        raise AmountError(value, f"at most {MAX_AMOUNT:_} đồng in absolute value")
    if n < 0 and not allow_negative:
        raise AmountError(value, "a non-negative amount")
    return Decimal(n)


def _short(value: int | Decimal) -> object:
    """A huge number as a short stand-in for messages (its repr could be a million digits)."""
    if isinstance(value, int):
        if value.bit_length() <= 256:
            return value
        return f"<int of about {int(value.bit_length() * 0.30103) + 1} digits>"
    return value  # a Decimal's repr keeps its exponent: Decimal('1E+1000000') is short


def as_money(value: Any) -> Decimal:
    """``value`` as whole đồng for a model field (a numeric string is read), or a pydantic error
    with the code ``vnd_amount``: the validator of ``Money``."""
    if isinstance(value, str):
        with contextlib.suppress(ArithmeticError):
            value = Decimal(value.strip())
    try:
        return to_vnd(value)
    except ValueError as exc:
        raise PydanticCustomError(
            "vnd_amount",
            "got {value}, expected a non-negative whole number of đồng (int or Decimal)",
            {"value": short_repr(value)},
        ) from exc


Money = Annotated[Decimal, BeforeValidator(as_money)]
"""The money field of hcc models: a non-negative whole number of đồng as a ``Decimal`` (an int,
a Decimal or a numeric string; error code ``vnd_amount`` otherwise)."""
