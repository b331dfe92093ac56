"""Shared fixtures for hcc's own tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from hcc.calendar import WorkingCalendar, vietnam_calendar

# Hypothesis profiles. "ci" (chosen when the CI variable is set, as on the CI machine) is derandomized: the same
# examples every run, no example database, so a run can neither flake nor depend on an earlier one. "dev" (the
# default elsewhere) draws new examples each run and remembers failures. HYPOTHESIS_PROFILE picks one explicitly.
settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=100,  # a fixed count (hypothesis' default, spelled out); @settings may lower it
    database=None,
    print_blob=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

SHARED_DOMAIN = Path(__file__).resolve().parents[1].parent / "shared" / "domain"
ANSWERS = Path(__file__).resolve().parent / "answers"


@pytest.fixture(scope="session")
def cal() -> WorkingCalendar:
    """The national calendar (built once per test session)."""
    return vietnam_calendar()
