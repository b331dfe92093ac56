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


def _shared_domain() -> Path:
    """The shared domain folder (real public records, outside the repo): ``$HCC_SHARED_DOMAIN``,
    else the first ``shared/domain`` beside one of the repository's parent folders (a checkout
    or a worktree a level deeper)."""
    env = os.environ.get("HCC_SHARED_DOMAIN")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parents[1]
    for parent in here.parents:
        candidate = parent / "shared" / "domain"
        if candidate.is_dir():
            return candidate
    return here.parent / "shared" / "domain"


SHARED_DOMAIN = _shared_domain()
ANSWERS = Path(__file__).resolve().parent / "answers"


@pytest.fixture(scope="session")
def cal() -> WorkingCalendar:
    """The national calendar (built once per test session)."""
    return vietnam_calendar()
