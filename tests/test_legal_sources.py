"""docs/legal-sources.md names every legal document that hcc's package data cites.

The page is written by hand; this test keeps it complete as data grows. It reads the document
numbers ("60/2014/QH13", "Thông báo 9441/TB-BNV", "1872/QĐ-BTP") cited by the official-notice table,
the default catalogue (legal bases, publishing decisions), every fee schedule, the deadline-policy
presets and the document form sets, and fails listing those the page does not mention.
"""

from __future__ import annotations

import re
from pathlib import Path

from hcc.calendar import load_official_notices
from hcc.deadlines import DeadlinePolicy
from hcc.documents import form_sets
from hcc.fees import standard_fee_schedules
from hcc.procedures import default_catalogue

PAGE = Path(__file__).resolve().parents[1] / "docs" / "legal-sources.md"
# a number, an optional year, then the issuer's code: 60/2014/QH13, 9441/TB-BNV, 1872/QĐ-BTP
NUMBER = re.compile(r"\b\d+/(?:\d{4}/)?[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*")


def _cited_texts() -> list[tuple[str, str]]:
    """(where, text) pairs of every legal citation in the package data."""
    out: list[tuple[str, str]] = []
    for notice in load_official_notices():
        out += [(f"calendar {d.date}", d.source or "") for d in notice.days]
    catalogue = default_catalogue()
    for p in catalogue:
        out += [
            (f"procedure {p.code}", f"{doc.number} {doc.articles or ''}") for doc in p.legal_basis
        ]
        if p.publishing_decision is not None:
            out.append((f"procedure {p.code}", p.publishing_decision.number))
    schedules = {**standard_fee_schedules(), **{s.id: s for s in catalogue.data.fee_schedules}}
    for schedule in schedules.values():
        out += [(f"fee schedule {schedule.id}", r.legal_basis) for r in schedule.rules]
    for preset in (
        DeadlinePolicy.decree_61_2018(),
        DeadlinePolicy.decree_118_2025(),
        DeadlinePolicy.civil_code(),
    ):
        out.append((f"policy {preset.name}", preset.legal_basis))
    for fs in form_sets():
        out.append((f"form set {fs.id}", fs.legal_basis))
        out += [(f"form set {fs.id}/{k}", spec.basis) for k, spec in fs.documents.items()]
    return out


def test_the_data_cites_documents() -> None:
    numbers = {n for _, text in _cited_texts() for n in NUMBER.findall(text)}
    assert {"60/2014/QH13", "226/2016/TT-BTC", "9441/TB-BNV", "01/2018/TT-VPCP"} <= numbers


def test_every_cited_document_is_on_the_legal_sources_page() -> None:
    page = PAGE.read_text(encoding="utf-8")
    missing: dict[str, list[str]] = {}
    for where, text in _cited_texts():
        for number in NUMBER.findall(text):
            if number not in page:
                missing.setdefault(number, []).append(where)
    report = [f"{n}: cited by {', '.join(sorted(set(w))[:3])}" for n, w in sorted(missing.items())]
    assert not missing, "docs/legal-sources.md does not mention:\n" + "\n".join(report)
