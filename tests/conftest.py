"""Shared fixtures for hcc's own tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from hcc.calendar import WorkingCalendar, vietnam_calendar


def _shared_domain() -> Path:
    """The shared domain folder (real public records, outside the repo): ``$HCC_SHARED_DOMAIN``,
    else the first ``shared/domain`` beside one of the repository's parent folders (a checkout
    or a worktree a level deeper)."""
    import os

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
