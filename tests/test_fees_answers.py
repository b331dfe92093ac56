"""Fees against hand-written answer files (tests/answers/fees_*.toml), written from the circulars."""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from typing import Any

import pytest

from hcc.fees import get_fee_schedule, quote
from tests.conftest import ANSWERS

ON = dt.date(2025, 6, 2)


def _load(name: str) -> dict[str, Any]:
    return tomllib.loads((ANSWERS / name).read_text(encoding="utf-8"))


CERT = _load("fees_certification.toml")
CIVIL = _load("fees_civil_status.toml")
ONLINE = _load("fees_online_reduction.toml")


@pytest.mark.parametrize(
    "row", CERT["copy"], ids=[f"{r['pages']}p-{r['copies']}c" for r in CERT["copy"]]
)
@pytest.mark.parametrize("channel", ["direct", "online", "postal"])
def test_certified_copy_circular_226(row: dict[str, Any], channel: str) -> None:
    q = quote(
        get_fee_schedule("chung-thuc-ban-sao"),
        on=ON,
        channel=channel,
        pages=row["pages"],
        copies=row["copies"],
    )
    assert q.total == Decimal(row["total"]), row["why"]
    (line,) = q.lines
    assert line.quantity == row["copies"]
    assert line.unit_amount is not None
    assert line.unit_amount * row["copies"] == line.amount == q.total
    assert "226/2016" in line.legal_basis
    assert not q.unconfirmed


@pytest.mark.parametrize(
    "row", CERT["flat"], ids=[f"{r['schedule']}-{i}" for i, r in enumerate(CERT["flat"])]
)
def test_other_certification_fees(row: dict[str, Any]) -> None:
    q = quote(
        get_fee_schedule(row["schedule"]),
        on=ON,
        exemptions=row["exemptions"],
        **row["quantities"],
    )
    assert q.total == Decimal(row["total"]), row["why"]
    if row["total"] == 0:
        (line,) = q.lines
        assert line.adjustment is not None
        assert "55/2015" in line.adjustment.legal_basis


@pytest.mark.parametrize("row", CIVIL["extract"], ids=lambda r: f"{r['copies']}copies")
def test_extract_copies_circular_281(row: dict[str, Any]) -> None:
    q = quote(get_fee_schedule("trich-luc-ho-tich"), on=ON, copies=row["copies"])
    assert q.total == Decimal(row["total"])
    assert "281/2016" in q.lines[0].legal_basis


@pytest.mark.parametrize(
    "row",
    CIVIL["registration"],
    ids=[f"{r['schedule']}-{'+'.join(r['exemptions']) or 'none'}" for r in CIVIL["registration"]],
)
def test_civil_status_exemptions(row: dict[str, Any]) -> None:
    schedule = get_fee_schedule(row["schedule"])
    q = quote(schedule, on=ON, exemptions=row["exemptions"])
    (line,) = q.lines
    assert line.gross > 0
    assert line.unconfirmed, "provincial amounts are marked unconfirmed"
    if row["exempt"]:
        assert q.total == 0
        assert line.adjustment is not None
        assert line.adjustment.kind == "exemption"
        assert line.adjustment.reason in row["exemptions"]
        assert "Civil Status" in line.adjustment.legal_basis
        assert "art. 11" in line.adjustment.legal_basis
    else:
        assert q.total == line.gross, row.get("why", "")
        assert line.adjustment is None


@pytest.mark.parametrize("row", ONLINE["case"], ids=lambda r: f"{r['on']}-{r['channel']}")
def test_online_reduction_ends_on_a_date(row: dict[str, Any]) -> None:
    schedule = get_fee_schedule(ONLINE["schedule"])
    full = quote(schedule, on=row["on"], channel="direct").total
    q = quote(schedule, on=row["on"], channel=row["channel"])
    assert q.total == full * row["payable_percent"] / 100, row.get("why", "")
    reduced = row["payable_percent"] < 100
    assert (q.lines[0].adjustment is not None) is reduced
    if reduced:
        assert "63/2023" in q.lines[0].adjustment.legal_basis  # type: ignore[union-attr]
