"""Shared fixtures for hcc's own tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from hcc.calendar import WorkingCalendar, vietnam_calendar

SHARED_DOMAIN = Path(__file__).resolve().parents[1].parent / "shared" / "domain"
ANSWERS = Path(__file__).resolve().parent / "answers"


@pytest.fixture(scope="session")
def cal() -> WorkingCalendar:
    """The national calendar (built once per test session)."""
    return vietnam_calendar()
