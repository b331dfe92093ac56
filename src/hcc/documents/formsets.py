"""Versioned form sets: which document kinds exist, their form numbers, titles and paper.

The data lives in ``data/form_sets.json``. Two sets ship:

* ``tt01-2018`` (the default): Circular 01/2018/TT-VPCP, forms 01-06, plus the district's letters;
* ``tt03-2025``: Circular 03/2025/TT-VPCP, forms 01-07 — **unconfirmed** (its text was not read):
  form 04 becomes an apology with a proposal to extend, form 05 the notice that processing stops,
  the control slip and the register move to 06 and 07.

>>> [s.id for s in form_sets()]
['tt01-2018', 'tt03-2025']
>>> form_set("tt03-2025").unconfirmed, form_set("tt03-2025").spec("register").form
(True, '07')
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import ConfigDict, Field

from hcc._model import HccModel
from hcc.errors import UnknownDocumentError

__all__ = ["DEFAULT_FORM_SET", "FormSet", "FormSpec", "form_set", "form_sets"]

DEFAULT_FORM_SET = "tt01-2018"
"""The form set used when none is named (Circular 01/2018/TT-VPCP)."""


class FormSpec(HccModel):
    """One document kind within a form set.

    ``form`` is the form number ("01") or None for a letter outside the statutory forms; ``paper``
    and ``orientation`` drive the print CSS and the DOCX page; ``variant`` selects alternative
    wording within a template (e.g. ``"extension_request"`` for the 2025 apology).

    >>> form_set().spec("register").paper, form_set().spec("register").orientation
    ('A4', 'landscape')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str
    form: str | None
    title: str
    subtitle: str | None = None
    paper: Literal["A5", "A4"]
    orientation: Literal["portrait", "landscape"] = "portrait"
    basis: str
    variant: str | None = None
    unconfirmed: bool = False
    note: str | None = None

    @property
    def label(self) -> str:
        """ "Mẫu số 01" for a form, "" for a letter."""
        return f"Mẫu số {self.form}" if self.form else ""


class FormSet(HccModel):
    """A versioned set of one-stop forms and letters, with its legal basis and validity.

    >>> form_set("tt03-2025").valid_from
    datetime.date(2025, 7, 1)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    legal_basis: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    unconfirmed: bool = False
    note: str | None = None
    documents: dict[str, FormSpec] = Field(min_length=1)

    @property
    def kinds(self) -> tuple[str, ...]:
        """The document kinds of this set, in their official order."""
        return tuple(self.documents)

    def spec(self, kind: str) -> FormSpec:
        """The :class:`FormSpec` of ``kind``; :class:`~hcc.errors.UnknownDocumentError` if absent.

        >>> form_set("tt01-2018").spec("apology").title
        'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ'
        """
        try:
            return self.documents[kind]
        except KeyError:
            raise UnknownDocumentError(
                f"no document kind {kind!r} in form set {self.id!r}; "
                f"allowed: {', '.join(self.documents)}"
            ) from None


@cache
def _load() -> dict[str, FormSet]:
    raw = json.loads(
        resources.files("hcc.documents").joinpath("data/form_sets.json").read_text("utf-8")
    )
    out: dict[str, FormSet] = {}
    for set_id, body in raw.items():
        docs = {k: {"kind": k, **v} for k, v in body.pop("documents").items()}
        out[set_id] = FormSet.model_validate({"id": set_id, **body, "documents": docs})
    return out


def form_sets() -> tuple[FormSet, ...]:
    """Every shipped form set, oldest first.

    >>> form_sets()[0].name
    'Thông tư số 01/2018/TT-VPCP'
    """
    return tuple(_load().values())


def form_set(set_id: str = DEFAULT_FORM_SET) -> FormSet:
    """The form set ``set_id``; :class:`~hcc.errors.UnknownDocumentError` names the known ones.

    >>> form_set().id
    'tt01-2018'
    >>> form_set("tt99")
    Traceback (most recent call last):
    ...
    hcc.errors.UnknownDocumentError: no form set 'tt99'; allowed: tt01-2018, tt03-2025
    """
    sets = _load()
    try:
        return sets[set_id]
    except (KeyError, TypeError):
        raise UnknownDocumentError(f"no form set {set_id!r}; allowed: {', '.join(sets)}") from None
