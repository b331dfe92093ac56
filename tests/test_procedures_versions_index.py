"""The catalogue's code index: latest version, every version oldest first, first-seen code order."""

from __future__ import annotations

import datetime as dt

import pytest

from hcc.errors import UnknownProcedureError
from hcc.procedures import Catalogue, default_catalogue


def _versions() -> Catalogue:
    base = default_catalogue()
    p = base.get("2.000884")
    other = base.get("1.001193")
    # newest first in the file, another code in between, a third version of the first code last
    v3 = p.model_copy(update={"name": "v3", "valid_from": dt.date(2026, 1, 1), "valid_to": None})
    v1 = p.model_copy(update={"name": "v1", "valid_from": None, "valid_to": dt.date(2024, 12, 31)})
    v2 = p.model_copy(
        update={
            "name": "v2",
            "valid_from": dt.date(2025, 1, 1),
            "valid_to": dt.date(2025, 12, 31),
        }
    )
    return Catalogue([v3, other, v1, v2], version="t", fee_schedules=base.data.fee_schedules)


def test_versions_oldest_first_and_latest_by_default() -> None:
    cat = _versions()
    assert cat.codes == ("2.000884", "1.001193")
    assert [p.name for p in cat.versions("2.000884")] == ["v1", "v2", "v3"]
    assert cat.get("2.000884").name == "v3"
    assert cat.get("2.000884", on=dt.date(2024, 6, 1)).name == "v1"
    assert cat.get("2.000884", on=dt.date(2025, 6, 1)).name == "v2"
    assert cat.versions("1.001193") == (default_catalogue().get("1.001193"),)
    assert cat.versions("9.999999") == ()
    assert [p.name for p in cat.search("2.000884")] == ["v3"]
    assert cat.search("v1") == ()  # only the latest version of a code is searched


def test_unknown_code_and_no_version_in_force() -> None:
    cat = _versions().as_of(dt.date(2026, 3, 1))
    assert [p.name for p in cat.versions("2.000884")] == ["v3"]
    with pytest.raises(UnknownProcedureError):
        cat.get("9.999999")
    with pytest.raises(UnknownProcedureError, match="no version in force"):
        cat.get("2.000884", on=dt.date(2024, 1, 1))
