"""TimeLimit.parse on phrases copied verbatim from the 2026 portal sample, read by hand.

The answers (tests/answers/limits_portal_2026.toml) were written by a person from the phrases;
the parser must agree on at least 95 % of them (issue 12, "Time-limit phrases").
"""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from hcc.deadlines import TimeLimit
from hcc.errors import TimeLimitParseError

ANSWERS = Path(__file__).parent / "answers" / "limits_portal_2026.toml"
SAMPLE = Path("/work/shared/domain/fixtures/portal-records-2026-sample.json")
PHRASES: list[dict[str, Any]] = tomllib.loads(ANSWERS.read_text(encoding="utf-8"))["phrase"]


def _single(reading: str) -> tuple[Decimal, Decimal | None, str]:
    amount, unit = reading.split()
    lo, _, hi = amount.rpartition("-")
    return Decimal(hi), (Decimal(lo) if lo else None), unit


def _matches(phrase: dict[str, Any]) -> str | None:
    """None when the parser agrees with the hand reading, else what it said."""
    text, reading = phrase["text"], phrase["reading"]
    try:
        got = TimeLimit.parse(text)
    except TimeLimitParseError as exc:
        return None if reading == "none" else f"error: {exc.reason}"
    if reading == "none":
        return f"read {got!s} where no duration is stated"
    head, *alts = (part.strip() for part in reading.split("|"))
    amount, low, unit = _single(head)
    said = f"{got!s}"
    if (got.amount, got.range_min, got.unit.value) != (amount, low, unit):
        return said
    if alts:
        want = [(_single(a)[0], _single(a)[2]) for a in alts]
        have = [(a.limit.amount, a.limit.unit.value) for a in got.alternates]
        if have != want:
            return said
    return None


def test_the_answer_file_is_large_enough() -> None:
    assert len(PHRASES) >= 150
    assert len({p["text"] for p in PHRASES}) == len(PHRASES), "a phrase is listed twice"


@pytest.mark.skipif(
    not SAMPLE.exists(), reason="the shared 2026 portal sample is not on this machine"
)
def test_every_phrase_is_copied_verbatim_from_the_sample() -> None:
    records = json.loads(SAMPLE.read_text(encoding="utf-8"))
    cells = "\x00".join(r.get("cach_thuc_thuc_hien") or "" for r in records)
    missing = [p["text"] for p in PHRASES if p["text"] not in cells]
    assert not missing, missing


def test_at_least_95_percent_are_read_as_a_person_reads_them() -> None:
    misses = []
    for p in PHRASES:
        said = _matches(p)
        if said is not None:
            misses.append(f"{p['text']!r}: expected {p['reading']!r}, got {said}")
    right = 1 - len(misses) / len(PHRASES)
    assert right >= 0.95, f"{right:.1%} right; misses:\n" + "\n".join(misses)


def test_every_read_phrase_keeps_its_text_and_span() -> None:
    import unicodedata

    for p in PHRASES:
        if p["reading"] == "none":
            continue
        got = TimeLimit.parse(p["text"])
        assert got.text == unicodedata.normalize("NFC", p["text"])
        assert got.source_span is not None
        a, b = got.source_span
        assert 0 <= a < b <= len(got.text)
