"""A district's test suite checks its catalogue in one line; a broken one fails with every error.

The plugin tests run pytest in a subprocess on a throw-away project (its own ``pytest.ini``), the
way a district's suite runs: hcc's own configuration (``filterwarnings = error``, doctests) does
not leak in, and the plugin is loaded the way users get it -- through the ``hcc`` entry point
once it is registered, else with ``-p hcc.testing.pytest_plugin``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from hcc.procedures import default_catalogue
from hcc.testing import CatalogueAssertionError, assert_valid_catalogue


def _broken_catalogue() -> dict[str, object]:
    """Six distinct errors in three records; the rest of each record is valid."""
    good = json.loads(default_catalogue().to_json())
    p1, p2, p3 = (dict(p) for p in good["procedures"][:3])
    p1 = {**p1, "code": "1.1193"}  # 1. code does not match the pattern
    p1 = {**p1, "statutory_time_limit": "Theo quy định"}  # 2. unreadable time limit
    p2 = {**p2, "dossier_sets": 0}  # 3. no set of documents (a missing legal basis is a warning)
    p2 = {**p2, "channels": [{"kind": "direct", "fee_schedule": "khong-ton-tai"}]}  # 4. unknown fee
    p3 = {
        **p3,
        "statutory_time_limit": "05 ngày làm việc",
        "local_time_limit": "07 ngày làm việc",  # 5. local limit above the statutory one
        "channels": [{"kind": "direct"}],
    }
    dup = {**p3, "local_time_limit": None}  # 6. the same code twice, overlapping validity
    return {**good, "procedures": [p1, p2, p3, dup]}


EXPECTED_KINDS = [
    "string_pattern_mismatch",
    "time_limit_unparsable",
    "greater_than_equal",
    "unknown_fee_schedule",
    "local_limit_exceeds_statutory",
    "duplicate_code",
]


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(_broken_catalogue(), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def valid(tmp_path: Path) -> Path:
    path = tmp_path / "catalogue.json"
    path.write_text(default_catalogue().to_json(), encoding="utf-8")
    return path


def test_a_valid_catalogue_passes_and_comes_back_loaded(valid: Path) -> None:
    cat = assert_valid_catalogue(valid)
    assert cat == default_catalogue()
    toml = valid.with_suffix(".toml")
    toml.write_text(default_catalogue().to_toml(), encoding="utf-8")
    assert assert_valid_catalogue(str(toml)) == default_catalogue()


def test_a_broken_catalogue_fails_with_every_error_listed(broken: Path) -> None:
    with pytest.raises(CatalogueAssertionError) as exc:
        assert_valid_catalogue(broken)
    err = exc.value
    assert isinstance(err, AssertionError)
    kinds = sorted(p.kind for p in err.problems)
    assert kinds == sorted(EXPECTED_KINDS)
    message = str(err)
    assert message.splitlines()[0] == f"{broken} is not a valid hcc catalogue: 6 error(s)"
    for number, problem in enumerate(err.problems, start=1):
        assert f"  {number}. {problem}" in message.splitlines()
    # each line locates its problem: file, record index and code, field path
    assert f"{broken}: procedures[0] (1.1193): code:" in message
    assert "procedures[0] (1.1193): statutory_time_limit:" in message
    assert "procedures[1] (" in message
    assert "channels[0].fee_schedule" in message


def test_a_missing_file_is_a_failure_naming_it(tmp_path: Path) -> None:
    with pytest.raises(CatalogueAssertionError, match=r"nowhere\.json"):
        assert_valid_catalogue(tmp_path / "nowhere.json")


# ---------------------------------------------------------------------- the pytest plugin
def _plugin_args() -> list[str]:
    registered = any(
        ep.value == "hcc.testing.pytest_plugin" for ep in entry_points(group="pytest11")
    )
    return [] if registered else ["-p", "hcc.testing.pytest_plugin"]


def _run_pytest(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *_plugin_args(), *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _project(tmp_path: Path, catalogue: dict[str, object] | str, ini: str = "") -> Path:
    project = tmp_path / "district"
    (project / "tests").mkdir(parents=True)
    text = catalogue if isinstance(catalogue, str) else json.dumps(catalogue, ensure_ascii=False)
    (project / "catalogue.json").write_text(text, encoding="utf-8")
    (project / "pytest.ini").write_text("[pytest]\n" + ini, encoding="utf-8")
    (project / "tests" / "test_catalogue.py").write_text(
        "def test_catalogue(hcc_assert_valid_catalogue):\n"
        '    hcc_assert_valid_catalogue("catalogue.json")\n',
        encoding="utf-8",
    )
    return project


def test_plugin_fixture_passes_a_valid_catalogue(tmp_path: Path) -> None:
    project = _project(tmp_path, default_catalogue().to_json())
    run = _run_pytest(project, "-q", "tests")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout


def test_plugin_fixture_fails_a_broken_catalogue_listing_every_error(tmp_path: Path) -> None:
    project = _project(tmp_path, _broken_catalogue())
    run = _run_pytest(project, "-q", "tests")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "is not a valid hcc catalogue: 6 error(s)" in run.stdout
    for kind in EXPECTED_KINDS:
        assert f"[{kind}]" in run.stdout, kind
    assert "1 failed" in run.stdout


def test_ini_option_checks_the_file_without_any_python(tmp_path: Path) -> None:
    project = _project(tmp_path, _broken_catalogue(), ini="hcc_catalogues = catalogue.json\n")
    (project / "tests" / "test_catalogue.py").unlink()
    run = _run_pytest(project, "-q", "-rA", "catalogue.json")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "catalogue.json::hcc-valid-catalogue" in run.stdout
    for number, kind in enumerate(EXPECTED_KINDS, start=1):
        assert f"  {number}. " in run.stdout
        assert f"[{kind}]" in run.stdout, kind
    assert "Traceback" not in run.stdout  # the failure is the list, not a Python stack

    (project / "catalogue.json").write_text(default_catalogue().to_json(), encoding="utf-8")
    run = _run_pytest(project, "-q", "catalogue.json")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout


def test_calendar_fixture_applies_the_overrides_file(tmp_path: Path) -> None:
    project = _project(
        tmp_path, default_catalogue().to_json(), ini="hcc_calendar_overrides = local.toml\n"
    )
    (project / "local.toml").write_text(
        '[[days]]\ndate = 2026-03-07\nkind = "local_working_day"\nname = "Tiếp nhận sáng thứ Bảy"\n',
        encoding="utf-8",
    )
    (project / "tests" / "test_calendar.py").write_text(
        "import datetime as dt\n"
        "def test_saturday_counter(hcc_calendar):\n"
        "    assert hcc_calendar.is_working_day(dt.date(2026, 3, 7))\n"
        "    assert not hcc_calendar.is_working_day(dt.date(2026, 3, 14))\n",
        encoding="utf-8",
    )
    run = _run_pytest(project, "-q", "tests")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 passed" in run.stdout


def test_plugin_imports_nothing_heavy_at_import_time() -> None:
    # Loading the plugin imports the hcc package (pydantic models of the calendar, deadlines, fees
    # and catalogue: about 0.2 s) but none of the heavy optional layers: hypothesis, holidays (the
    # calendar tables are built on first use), Jinja2 and the document models, numpy.
    code = (
        "import sys; import hcc.testing.pytest_plugin; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('hypothesis', 'holidays', 'jinja2', 'numpy') or m.startswith('hcc.documents')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"
