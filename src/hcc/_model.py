"""The base of hcc's pydantic models: pydantic's errors become :class:`hcc.errors.ModelValidationError`.

A model of hcc built from bad data (``Session(start="25:00", ...)``, ``Model.model_validate(...)``,
``Model.model_validate_json(...)``) raises :class:`~hcc.errors.ModelValidationError`, which is at
once an :class:`~hcc.errors.HccError` and a :class:`pydantic.ValidationError` (so a ``ValueError``)
with pydantic's locations, type codes and inputs. Nothing else changes: the check is the model's
own, and code that catches ``pydantic.ValidationError`` keeps working.
"""

from __future__ import annotations

from enum import EnumType, StrEnum
from typing import Any, Self

from pydantic import BaseModel, ValidationError

from hcc.errors import InvalidInputError, ModelValidationError

__all__ = ["HccModel", "HccStrEnum"]


class HccModel(BaseModel):
    """A pydantic model whose validation errors are :class:`~hcc.errors.ModelValidationError`.

    >>> class Point(HccModel):
    ...     x: int
    >>> try:
    ...     Point(x="a")
    ... except ModelValidationError as e:
    ...     print(e.title, e.errors()[0]["loc"], e.errors()[0]["type"])
    Point ('x',) int_parsing
    """

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise ModelValidationError.from_pydantic(exc) from None

    # pydantic calls a model's own ``__init__`` for every nested instance it validates unless the
    # method is marked as the base one; this one only translates the error of a direct call, so
    # nested records are built by pydantic-core directly (130,000 Python calls fewer when a
    # catalogue of 10,000 records loads)
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

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
        """pydantic's ``model_validate``; a failure raises :class:`~hcc.errors.ModelValidationError`."""
        try:
            return super().model_validate(
                obj,
                strict=strict,
                extra=extra,
                from_attributes=from_attributes,
                context=context,
                by_alias=by_alias,
                by_name=by_name,
            )
        except ValidationError as exc:
            raise ModelValidationError.from_pydantic(exc) from None

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
        """pydantic's ``model_validate_json``; a failure raises :class:`~hcc.errors.ModelValidationError`."""
        try:
            return super().model_validate_json(
                json_data,
                strict=strict,
                extra=extra,
                context=context,
                by_alias=by_alias,
                by_name=by_name,
            )
        except ValidationError as exc:
            raise ModelValidationError.from_pydantic(exc) from None

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
        """pydantic's ``model_validate_strings``; a failure raises :class:`~hcc.errors.ModelValidationError`."""
        try:
            return super().model_validate_strings(
                obj, strict=strict, extra=extra, context=context, by_alias=by_alias, by_name=by_name
            )
        except ValidationError as exc:
            raise ModelValidationError.from_pydantic(exc) from None


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


class HccStrEnum(StrEnum, metaclass=_HccEnumType):
    """A ``StrEnum`` whose look-up of an unknown value raises :class:`~hcc.errors.InvalidInputError`
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
