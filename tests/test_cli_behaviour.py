"""The command line behaves: every subcommand with good input, bad input and a closed pipe.

The exit codes are those of the table in docs/cli.md (``hcc.cli.EXIT_CODES``): 0 success, 1
problems found, 2 bad input, 141 standard output closed early. No input a user can type gives a
traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hcc.cli import EXIT_BAD_INPUT, EXIT_CODES, EXIT_PIPE_CLOSED, EXIT_PROBLEMS, main

ROOT = Path(__file__).resolve().parents[1]
PORTAL = ROOT / "tests" / "fixtures" / "portal" / "labels.json"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """main(argv) in process; argparse refusals (SystemExit) become their status."""
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def good_catalogue(tmp_path: Path) -> Path:
    from hcc.procedures import default_catalogue

    path = tmp_path / "good.toml"
    path.write_text(default_catalogue().to_toml(), encoding="utf-8")
    return path


def _good_argv(good_catalogue: Path) -> dict[str, list[str]]:
    return {
        "validate": ["validate", str(good_catalogue)],
        "show": ["show", "1.001193"],
        "search": ["search", "chung thuc", "--limit", "2"],
        "deadline": ["deadline", "1.004222", "--received", "2026-01-05T09:30"],
        "fee": ["fee", "2.000815", "--pages", "5", "--copies", "3", "--on", "2026-03-02"],
        "calendar": ["calendar", "2026"],
        "import": ["import", str(PORTAL)],
        "demo": ["demo"],
    }


COMMANDS = ("validate", "show", "search", "deadline", "fee", "calendar", "import", "demo")


def test_every_subcommand_is_covered() -> None:
    from hcc.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert sorted(sub.choices) == sorted(COMMANDS)  # type: ignore[arg-type]


@pytest.mark.parametrize("command", COMMANDS)
def test_good_input_text_json_and_both_languages(
    command: str, good_catalogue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = _good_argv(good_catalogue)[command]
    code, out_vi, _ = _run(capsys, *argv)
    assert code == 0
    assert out_vi.strip()
    code, out_en, _ = _run(capsys, *argv, "--lang", "en")
    assert code == 0
    assert out_en.strip()
    code, out_json, _ = _run(capsys, *argv, "--json")
    assert code == 0
    json.loads(out_json)  # one JSON document


@pytest.mark.parametrize(
    ("argv", "vi_only", "en_only"),
    [
        (
            ["deadline", "1.004222", "--received", "2026-01-05T09:30"],
            "Các ngày không tính",
            "Days skipped",
        ),
        (
            ["fee", "2.000815", "--pages", "5", "--copies", "1", "--on", "2026-03-02"],
            "1 bản",
            "1 copy ",
        ),
        (["calendar", "2026"], "ngày làm việc", "working days"),
        (["demo"], "Tổng cộng", "Total"),
        (["validate", "{good}"], "0 lỗi", "0 error(s)"),
    ],
)
def test_one_language_per_output(
    argv: list[str],
    vi_only: str,
    en_only: str,
    good_catalogue: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = [a.replace("{good}", str(good_catalogue)) for a in argv]
    _, vi, _ = _run(capsys, *argv)
    _, en, _ = _run(capsys, *argv, "--lang", "en")
    assert vi_only in vi
    assert en_only not in vi
    assert en_only in en
    assert vi_only not in en
    for english in ("Days skipped", "copies", "Total", "Received", "working days"):
        assert english not in vi
    assert "1 copies" not in en


@pytest.mark.parametrize(
    ("argv", "status"),
    [
        (["validate", "{missing}"], EXIT_BAD_INPUT),
        (["validate", "{bad}"], EXIT_PROBLEMS),
        (["show", "9.999999"], EXIT_BAD_INPUT),
        (["show", "1.001193", "--on", "2026-02-30"], EXIT_BAD_INPUT),
        (["show", "1.001193", "--catalogue", "{missing}"], EXIT_BAD_INPUT),
        (["search", "chung thuc", "--limit", "0"], EXIT_BAD_INPUT),
        (["search", "chung thuc", "--limit", "-1"], EXIT_BAD_INPUT),
        (["search", "chung thuc", "--limit", "two"], EXIT_BAD_INPUT),
        (["deadline", "1.004222", "--received", "not-a-date"], EXIT_BAD_INPUT),
        (["deadline", "1.004222", "--received", "2150-01-05T09:30"], EXIT_BAD_INPUT),
        (["deadline", "1.004222", "--received", "1900-01-05"], EXIT_BAD_INPUT),
        (["deadline", "1.004222"], EXIT_BAD_INPUT),
        (["fee", "2.000815", "--pages", "-1", "--on", "2026-03-02"], EXIT_BAD_INPUT),
        (["fee", "2.000815", "--on", "2026-13-01"], EXIT_BAD_INPUT),
        (["fee", "2.000815", "--exemption", "nobody", "--on", "2026-03-02"], EXIT_BAD_INPUT),
        (["calendar", "1800"], EXIT_BAD_INPUT),
        (["calendar", "99999"], EXIT_BAD_INPUT),
        (["calendar", "20x6"], EXIT_BAD_INPUT),
        (["calendar", "2026", "--overrides", "{missing}"], EXIT_BAD_INPUT),
        (["import", "{missing}"], EXIT_BAD_INPUT),
        (["import", "{bad_json}"], EXIT_BAD_INPUT),
        (["demo", "--lang", "fr"], EXIT_BAD_INPUT),
        (["nonsense"], EXIT_BAD_INPUT),
    ],
)
def test_bad_input_one_line_and_the_documented_status(
    argv: list[str], status: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": "t", "procedures": [{"code": "x"}]}', encoding="utf-8")
    bad_json = tmp_path / "broken.json"
    bad_json.write_text("[{", encoding="utf-8")
    names = {"{missing}": str(tmp_path / "missing.json"), "{bad}": str(bad)}
    names["{bad_json}"] = str(bad_json)
    code, _, err = _run(capsys, *(names.get(a, a) for a in argv))
    assert code == status
    assert status in EXIT_CODES
    if status == EXIT_BAD_INPUT:
        assert "error:" in err
        assert "error:" in err.strip().splitlines()[-1]  # the last line says what was wrong


def test_missing_file_is_the_same_status_for_validate_and_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "nope.json")
    v, _, v_err = _run(capsys, "validate", missing)
    i, _, i_err = _run(capsys, "import", missing)
    assert v == i == EXIT_BAD_INPUT
    assert v_err.startswith("hcc: error:")
    assert i_err.startswith("hcc: error:")


def test_provisional_year_warns_in_one_readable_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "calendar", "2031")
    assert code == 0
    assert "tạm tính" in out
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("hcc: warning: ")
    assert "2031" in lines[0]
    assert ".py" not in lines[0]
    assert "ProvisionalCalendarWarning" not in lines[0]


def test_deadline_json_has_the_api_shape_of_a_time_limit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import datetime as dt

    import hcc

    _, out, _ = _run(capsys, "deadline", "1.004222", "--received", "2026-01-05T09:30", "--json")
    doc = json.loads(out)
    api = hcc.default_catalogue().deadline("1.004222", dt.datetime(2026, 1, 5, 9, 30))
    assert doc["limit"] == api.model_dump(mode="json")["limit"]
    # written by hand: an object (not the text "07 ngày làm việc"), amount and unit as in the API
    assert isinstance(doc["limit"], dict)
    assert (doc["limit"]["amount"], doc["limit"]["unit"]) == (7, "working_days")
    assert doc["limit"]["alternate"] is None
    assert hcc.TimeLimit.model_validate(doc["limit"]) == api.limit


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_version() -> None:
    from hcc import __version__

    proc = subprocess.run(
        [sys.executable, "-m", "hcc", "--version"],
        capture_output=True,
        text=True,
        check=False,
        env=_env(),
    )
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"hcc {__version__}"


@pytest.mark.parametrize("command", COMMANDS)
def test_closed_pipe_is_a_quiet_exit(command: str, good_catalogue: Path) -> None:
    """stdout is a pipe whose reader is gone (``hcc ... | head`` after head exits)."""
    argv = _good_argv(good_catalogue)[command]
    if command != "validate":
        argv = [*argv, "--json"]
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first write
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "hcc", *argv],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            env=_env(),
        )
    finally:
        os.close(write_end)
    assert proc.stderr == ""
    assert proc.returncode == EXIT_PIPE_CLOSED


def test_closed_pipe_on_a_binary_feed() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "hcc", "calendar", "2026", "--ical"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            env=_env(),
        )
    finally:
        os.close(write_end)
    assert (proc.returncode, proc.stderr) == (EXIT_PIPE_CLOSED, "")


@settings(max_examples=40, deadline=None)
@given(year=st.integers(min_value=-(10**15), max_value=10**15))
def test_any_year_is_answered_or_refused_in_one_line(year: int) -> None:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["calendar", str(year), "--json"])
        except SystemExit as exc:
            code = int(exc.code or 0)
    assert code in (0, EXIT_BAD_INPUT)
    assert "Traceback" not in err.getvalue()
    if code == EXIT_BAD_INPUT:
        assert "error:" in err.getvalue()


@settings(max_examples=60, deadline=None)
@given(moment=st.text(min_size=1, max_size=40).filter(lambda t: not t.startswith("-")))
def test_any_moment_is_answered_or_refused_in_one_line(moment: str) -> None:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["deadline", "1.004222", "--received", moment, "--json"])
        except SystemExit as exc:
            code = int(exc.code or 0)
    assert code in (0, EXIT_BAD_INPUT)
    assert "Traceback" not in err.getvalue()


def test_validate_speaks_vietnamese_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"version": "t", "procedures": [{"code": "x", "statutory_time_limit": "Theo quy định"}]}',
        encoding="utf-8",
    )
    code, out, _ = _run(capsys, "validate", str(bad))
    assert code == EXIT_PROBLEMS
    assert "code: không đúng định dạng (nhận được 'x') [string_pattern_mismatch]" in out
    assert "name: thiếu trường bắt buộc [missing]" in out
    assert "không đọc được thời hạn giải quyết (nhận được 'Theo quy định')" in out
    for english in ("Field required", "String should", "cannot read", "error(s)"):
        assert english not in out
    code, out, _ = _run(capsys, "validate", str(bad), "--lang", "en")
    assert "Field required" in out
    assert "lỗi" not in out


@settings(max_examples=30, deadline=None)
@given(
    content=st.one_of(
        st.binary(max_size=200),
        st.text(max_size=200).map(lambda t: t.encode("utf-8")),
        st.sampled_from(
            [
                b"[" * 5000,
                b'{"version": "t", "procedures": [' + b"[" * 3000,
                b"\xff\xfe{}",
                b'{"days": [{"date": "2026-13-01", "kind": "x"}]}',
                b"year = 2026\n[[days]]\ndate = 2026-01-02\n",
            ]
        ),
    ),
    suffix=st.sampled_from([".json", ".toml", ".jsonl", ""]),
    command=st.sampled_from(["validate", "show", "calendar", "import"]),
)
def test_any_file_is_read_or_refused_in_one_line(
    content: bytes, suffix: str, command: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    import contextlib
    import io

    path = tmp_path_factory.mktemp("files") / f"input{suffix}"
    path.write_bytes(content)
    argv = {
        "validate": ["validate", str(path)],
        "show": ["show", "1.001193", "--catalogue", str(path)],
        "calendar": ["calendar", "2026", "--overrides", str(path)],
        "import": ["import", str(path)],
    }[command]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([*argv, "--json"])
        except SystemExit as exc:
            code = int(exc.code or 0)
    assert code in (0, EXIT_PROBLEMS, EXIT_BAD_INPUT), err.getvalue()
    assert "Traceback" not in err.getvalue()
    if code == EXIT_BAD_INPUT:
        assert err.getvalue().count("\n") == 1  # one line


def test_a_bug_is_one_line_and_status_70(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import hcc.cli

    def broken(args: object) -> int:
        raise AttributeError("'NoneType' object has no attribute 'x'")

    monkeypatch.setattr(hcc.cli, "_cmd_demo", broken)
    code, _out, err = _run(capsys, "demo")
    assert code == hcc.cli.EXIT_INTERNAL == 70
    assert err.startswith("hcc: internal error: AttributeError:")
    assert err.count("\n") == 1
    monkeypatch.setenv("HCC_DEBUG", "1")
    with pytest.raises(AttributeError):
        main(["demo"])


def test_main_leaves_the_process_warning_state_alone(capsys: pytest.CaptureFixture[str]) -> None:
    """main() is also a library call: it reads provisional flags from quiet calendars and writes
    its own warning line, without touching warning filters or the warning hook."""
    import warnings

    filters, hook = list(warnings.filters), warnings.showwarning
    code, _, err = _run(capsys, "deadline", "1.004222", "--received", "2026-12-28T09:00")
    assert code == 0
    assert warnings.filters == filters
    assert warnings.showwarning is hook
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("hcc: warning: ")
    assert "2027" in lines[0]
    code, _, err = _run(
        capsys, "deadline", "1.004222", "--received", "2026-03-02T09:00", "--lang", "en"
    )
    assert (code, err) == (0, "")  # an official year: nothing to say
