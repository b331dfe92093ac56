"""Versioned form sets: which document kinds exist, their form numbers, titles and paper.

The data lives in ``data/form_sets.json``. Two sets ship:

* ``tt01-2018``: Circular 01/2018/TT-VPCP, forms 01-06, plus the district's letters; for dossiers
  received until 30/6/2025;
* ``tt03-2025``: Circular 03/2025/TT-VPCP of 15/9/2025, guiding Decree 118/2025/NĐ-CP (number,
  date and subject confirmed); forms 01-07 — their numbers and titles are **unconfirmed** (the
  annex was not read): form 04 becomes an apology with a proposal to extend, form 05 the notice
  that processing stops, the control slip and the register move to 06 and 07. Used for dossiers
  received from 1/7/2025, when Decree 118/2025 entered into force (a documented setting: the
  circular was signed later).

:func:`form_set_in_force` picks the set for a date; :func:`hcc.documents.render` uses it when no
``form_set`` is named.

>>> form_set_in_force(dt.date(2025, 6, 30)).id, form_set_in_force(dt.date(2025, 7, 1)).id
('tt01-2018', 'tt03-2025')

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
from hcc.calendar import InvalidInputError, as_vn_datetime
from hcc.errors import UnknownDocumentError

__all__ = [
    "DEFAULT_FORM_SET",
    "FormSet",
    "FormSpec",
    "form_set",
    "form_set_in_force",
    "form_sets",
]

DEFAULT_FORM_SET = "tt01-2018"
"""The form set of :func:`form_set` and :func:`hcc.documents.kinds` when none is named
(Circular 01/2018/TT-VPCP). :func:`hcc.documents.render` picks by date instead
(:func:`form_set_in_force`)."""


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
    issued_on: dt.date | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    unconfirmed: bool = False
    note: str | None = None
    documents: dict[str, FormSpec] = Field(min_length=1)

    def in_force(self, on: dt.date) -> bool:
        """Whether dossiers received ``on`` get this set ([valid_from, valid_to], inclusive).

        >>> form_set("tt01-2018").in_force(dt.date(2025, 6, 30))
        True
        """
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )

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


def form_set_in_force(on: dt.date | dt.datetime) -> FormSet:
    """The form set for a dossier received (or a document dated) ``on``: the newest shipped set
    whose validity contains that date.

    A datetime is read by its Vietnam-local date (naive = Vietnam local time).

    >>> form_set_in_force(dt.datetime(2026, 1, 5, 8, 30)).name
    'Thông tư số 03/2025/TT-VPCP'
    >>> form_set_in_force(dt.date(2018, 1, 1))
    Traceback (most recent call last):
    ...
    hcc.errors.UnknownDocumentError: no form set in force on 2018-01-01; shipped: tt01-2018 (2019-01-08 to 2025-06-30), tt03-2025 (2025-07-01 to open)

    Raises:
        UnknownDocumentError: no shipped set covers ``on``.
        InvalidInputError: ``on`` is not a date.
    """
    if isinstance(on, dt.datetime):
        day = as_vn_datetime(on, "on").date()
    elif isinstance(on, dt.date):
        day = on
    else:
        raise InvalidInputError("on", on, "a date or a datetime")
    sets = _load()
    for fs in reversed(sets.values()):
        if fs.in_force(day):
            return fs
    shipped = ", ".join(
        f"{fs.id} ({fs.valid_from or 'open'} to {fs.valid_to or 'open'})" for fs in sets.values()
    )
    raise UnknownDocumentError(f"no form set in force on {day.isoformat()}; shipped: {shipped}")
