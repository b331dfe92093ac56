"""Issuing offices of one-stop documents under two-tier local government.

From 1 July 2025 local government has two tiers, the province (tỉnh, thành phố trực thuộc trung
ương) and the commune (xã, phường, đặc khu), under the Law on Organisation of Local Government
72/2025/QH15 of 16/6/2025. Dossiers are received by the Public Administration Service Centres
(Trung tâm Phục vụ hành chính công) of the province and of each commune; district-level
government (huyện, quận, thị xã) stopped operating and only issued documents dated before.

:func:`issuing_office` builds the :class:`~hcc.documents.Office` of a document with the right
names and heading for its kind of issuer, and refuses a district issuer for a date from 1/7/2025.

>>> o = issuing_office("commune_centre", "Nghi Phong", on=dt.date(2026, 1, 5))
>>> o.heading_lines
('ỦY BAN NHÂN DÂN XÃ NGHI PHONG', 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG')
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from hcc._model import HccStrEnum
from hcc.calendar import InvalidInputError
from hcc.calendar._text import nfc
from hcc.documents.models import Office
from hcc.procedures import Level

__all__ = ["IssuerKind", "issuing_office"]

CENTRE = "Trung tâm Phục vụ hành chính công"
"""The receiving unit of a province or a commune from 1/7/2025."""


class IssuerKind(HccStrEnum):
    """Who issues a one-stop document, and at which level.

    >>> IssuerKind("commune_centre").level.value, IssuerKind.DISTRICT_ONE_STOP.historical
    ('commune', True)
    """

    PROVINCIAL_COMMITTEE = "provincial_committee"
    """Ủy ban nhân dân tỉnh / thành phố (the province)."""
    PROVINCIAL_CENTRE = "provincial_centre"
    """Trung tâm Phục vụ hành chính công of the province."""
    COMMUNE_COMMITTEE = "commune_committee"
    """Ủy ban nhân dân xã / phường / đặc khu (the commune)."""
    COMMUNE_CENTRE = "commune_centre"
    """Trung tâm Phục vụ hành chính công of the commune."""
    DISTRICT_COMMITTEE = "district_committee"
    """Ủy ban nhân dân huyện / quận / thị xã: historical, documents dated until 30/6/2025."""
    DISTRICT_ONE_STOP = "district_one_stop"
    """Bộ phận Tiếp nhận và Trả kết quả of a district: historical, until 30/6/2025."""

    @property
    def level(self) -> Level:
        """The level of government of the issuer."""
        if self.value.startswith("provincial"):
            return Level.PROVINCE
        if self.value.startswith("commune"):
            return Level.COMMUNE
        return Level.DISTRICT

    @property
    def historical(self) -> bool:
        """Whether the issuer no longer exists (district level, before 1/7/2025 only)."""
        return self.level is Level.DISTRICT


def issuing_office(
    kind: IssuerKind | str,
    name: str,
    *,
    on: dt.date,
    unit_type: Literal["xã", "phường", "đặc khu", "tỉnh", "thành phố", "huyện", "quận", "thị xã"]
    | None = None,
    address: str | None = None,
    phone: str | None = None,
) -> Office:
    """The :class:`~hcc.documents.Office` of a document issued by ``kind`` named ``name`` on ``on``.

    ``name`` is the place name ("Nghi Phong", "Nghệ An"); ``unit_type`` the kind of unit ("xã" by
    default for a commune, "tỉnh" for a province, "huyện" for a district; also "phường", "đặc khu",
    "thành phố", "quận", "thị xã"). A service centre is printed under its People's Committee
    (heading "ỦY BAN NHÂN DÂN XÃ …" over "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG").

    >>> issuing_office("provincial_centre", "Thanh Hóa", on=dt.date(2026, 1, 5)).heading_lines
    ('ỦY BAN NHÂN DÂN TỈNH THANH HÓA', 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG')
    >>> issuing_office("commune_committee", "Bến Thành", unit_type="phường",
    ...                on=dt.date(2026, 1, 5)).name
    'Ủy ban nhân dân phường Bến Thành'
    >>> issuing_office("district_one_stop", "Nghi Lộc", on=dt.date(2025, 6, 30)).heading_lines
    ('ỦY BAN NHÂN DÂN HUYỆN NGHI LỘC', 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ')
    >>> issuing_office("district_committee", "Nghi Lộc", on=dt.date(2025, 7, 1))
    Traceback (most recent call last):
    ...
    hcc.errors.InvalidInputError: kind: got 'district_committee' (str), expected an issuer that exists on 2025-07-01: a province or a commune (district-level government stopped operating on 1/7/2025, Law on Organisation of Local Government 72/2025/QH15)

    Raises:
        InvalidInputError: an unknown kind, a unit type of another level, an empty name, or a
            district issuer on or after 1/7/2025.
    """
    try:
        k = IssuerKind(kind)
    except ValueError:
        raise InvalidInputError(
            "kind", kind, "one of " + ", ".join(repr(x.value) for x in IssuerKind)
        ) from None
    if not isinstance(on, dt.date):
        raise InvalidInputError("on", on, "the document's date (a datetime.date)")
    if not k.level.in_force(on):
        raise InvalidInputError(
            "kind",
            k.value,
            f"an issuer that exists on {on.isoformat()}: a province or a commune (district-level "
            "government stopped operating on 1/7/2025, Law on Organisation of Local Government "
            "72/2025/QH15)",
        )
    place = nfc(name) if isinstance(name, str) else ""
    if not place:
        raise InvalidInputError("name", name, "the place name of the issuer")
    allowed = _UNIT_TYPES[k.level]
    unit = unit_type or allowed[0]
    if unit not in allowed:
        raise InvalidInputError("unit_type", unit_type, f"one of {', '.join(allowed)}")
    committee = f"Ủy ban nhân dân {unit} {place}"
    receiving: str | None = None
    if k in (IssuerKind.PROVINCIAL_CENTRE, IssuerKind.COMMUNE_CENTRE):
        receiving = CENTRE
    elif k is IssuerKind.DISTRICT_ONE_STOP:
        receiving = "Bộ phận Tiếp nhận và Trả kết quả"
    return Office(name=committee, unit=receiving, place=place, address=address, phone=phone)


_UNIT_TYPES: dict[Level, tuple[str, ...]] = {
    Level.PROVINCE: ("tỉnh", "thành phố"),
    Level.COMMUNE: ("xã", "phường", "đặc khu"),
    Level.DISTRICT: ("huyện", "quận", "thị xã", "thành phố"),
}
