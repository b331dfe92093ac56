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

import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, WithJsonSchema
from pydantic_core import PydanticCustomError

from hcc._text import nfc

__all__ = ["FROZEN", "FreeText", "HccModel", "Text"]

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
