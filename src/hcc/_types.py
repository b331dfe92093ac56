"""The model base and the field types shared by every package of hcc, defined once.

Below every package in the layers (``errors`` ← ``_text`` / ``_types`` ← ``calendar`` ← ...), so
that the calendar, the deadlines, the catalogue, the fees, the documents and the dossiers all use
the same:

* [`FROZEN`][hcc._types.FROZEN], the one model configuration: frozen (change by
  ``model_copy``), unknown fields refused (a misspelled field is an error, never a silent blank);
* [`HccModel`][hcc._types.HccModel], the base of every hcc model, with that configuration;
* ``Text`` (non-empty, NFC, stripped) and ``FreeText`` (NFC, stripped, may be empty: notes).

Two shared types live next to the type they wrap, in the layer that defines it, because this
module sits below both: a time limit field (``hcc.deadlines.limits``) and a whole-đồng amount
(``hcc.fees.money``).

>>> class Row(HccModel):
...     name: Text
>>> Row(name="  Nghi\\u0323 Lộc ").name
'Nghị Lộc'
>>> Row(name="x").model_config["frozen"]
True
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, WithJsonSchema
from pydantic_core import PydanticCustomError

from hcc._text import nfc
from hcc.errors import InvalidInputError

__all__ = [
    "FROZEN",
    "VN_TZ",
    "Day",
    "FreeText",
    "HccModel",
    "Moment",
    "Text",
    "as_date",
    "as_vn_datetime",
]

FROZEN = ConfigDict(frozen=True, extra="forbid")
"""The configuration of every hcc model: frozen, unknown fields refused."""


class HccModel(BaseModel):
    """The base of hcc's pydantic models: [`FROZEN`][hcc._types.FROZEN] (frozen, extra fields
    refused). A subclass adds to the configuration, never repeats it.

    >>> class Point(HccModel):
    ...     x: int
    >>> Point(x=1).model_copy(update={"x": 2}).x
    2
    """

    model_config = FROZEN


def _text(value: str) -> str:
    # no ValidationInfo argument: pydantic would build one per call (240,000 calls for 10,000
    # records); NFC of text already in NFC is a quick check that returns the same string
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)
    value = value.strip()
    if not value:
        raise PydanticCustomError("string_too_short", "text must not be empty")
    return value


Text = Annotated[str, AfterValidator(_text), WithJsonSchema({"type": "string", "minLength": 1})]
"""Non-empty text, NFC-normalised and stripped (error code ``string_too_short`` when empty)."""

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
        InvalidInputError: ``value`` is not a datetime, a date or an ISO 8601 string.
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
        return value.astimezone(VN_TZ)
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
            "got {value!r}, expected a datetime (naive = Vietnam local time) or an ISO string",
            {"value": exc.value},
        ) from None


def _day(value: Any) -> dt.date:
    try:
        return as_date(value, "date")
    except InvalidInputError as exc:
        raise PydanticCustomError(
            "date_type",
            "got {value!r}, expected a date or an ISO date string YYYY-MM-DD",
            {"value": exc.value},
        ) from None


Moment = Annotated[dt.datetime, BeforeValidator(_moment)]
"""An aware datetime in Vietnam time: naive input is Vietnam local time, aware input is converted,
a date is its midnight, an ISO string is parsed (error code ``moment_type`` otherwise)."""

Day = Annotated[dt.date, BeforeValidator(_day)]
"""A calendar date; a datetime gives its Vietnam-local date (error code ``date_type`` otherwise)."""
