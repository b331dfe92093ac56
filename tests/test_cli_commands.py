"""The command line: every command, readable and --json output, exit status on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hcc.cli import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_reports_every_error_and_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rec = {
        "code": "2.000884",
        "name": "Chứng thực chữ ký",
        "field": "Chứng thực",
        "levels": ["commune"],
        "agencies": {"implementing": ["Ủy ban nhân dân cấp xã"]},
        "channels": [{"kind": "direct"}],
        "statutory_time_limit": "Trong ngày",
        "legal_basis": [{"number": "23/2015/NĐ-CP"}],
    }
    bad = [
        rec,
        {**rec, "code": "1.000001", "statutory_time_limit": "Theo quy định"},
        {**rec, "code": "1.000002", "levels": []},
        {**rec, "code": "1.000003", "channels": [{"kind": "direct", "fee_schedule": "khong-co"}]},
    ]
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps({"version": "t", "procedures": bad}, ensure_ascii=False), encoding="utf-8"
    )
    code, out, _ = _run(capsys, "validate", str(path), "--lang", "en")
    assert code == 1
    assert out.count("error: ") == 3
    for needle in (
        "(1.000001): statutory_time_limit",
        "(1.000002): levels",
        "(1.000003): channels[0].fee_schedule",
    ):
        assert needle in out
    code, out, _ = _run(capsys, "validate", str(path), "--json")
    assert code == 1
    doc = json.loads(out)
    assert doc["ok"] is False
    assert len(doc["errors"]) == 3


def test_validate_good_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from hcc.procedures import default_catalogue

    path = tmp_path / "good.toml"
    path.write_text(default_catalogue().to_toml(), encoding="utf-8")
    code, out, _ = _run(capsys, "validate", str(path))
    assert code == 0
    assert "0 lỗi" in out


def test_show_and_search(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "show", "1.001193")
    assert code == 0
    assert "Đăng ký khai sinh" in out
    assert "Căn cứ pháp lý" in out
    code, out, _ = _run(capsys, "show", "1.001193", "--json")
    assert json.loads(out)["code"] == "1.001193"
    code, out, _ = _run(capsys, "search", "dang ky ket hon", "--json")
    assert json.loads(out)[0]["code"] == "1.000894"


def test_deadline_and_fee(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "deadline", "1.004222", "--received", "2026-01-05T09:30", "--json")
    assert code == 0
    assert json.loads(out)["due_date"] == "2026-01-13"
    code, out, _ = _run(capsys, "deadline", "1.004222", "--received", "2026-01-05T09:30")
    assert code == 0
    assert "13/01/2026" in out
    code, out, _ = _run(
        capsys, "fee", "2.000815", "--pages", "5", "--copies", "2", "--on", "2026-03-02", "--json"
    )
    assert code == 0
    assert json.loads(out)["total"] == "14000"
    code, out, _ = _run(
        capsys,
        "fee",
        "1.001193",
        "--exemption",
        "on_time_registration",
        "--on",
        "2026-03-02",
        "--lang",
        "en",
    )
    assert code == 0
    assert "Total: 0 đồng" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "9.999999"],
        ["deadline", "1.004222", "--received", "not-a-date"],
        ["fee", "2.000815", "--on", "2026-13-01"],
        ["fee", "2.000884", "--channel", "online", "--on", "2026-01-05"],
    ],
)
def test_bad_input_exits_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = _run(capsys, *argv)
    assert code == 2
    assert err.startswith("hcc: error:")


def test_demo_and_calendar(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "demo")
    assert code == 0
    assert "1.004222" in out
    assert "13 tháng 01 năm 2026" in out
    assert "21.000 đồng" in out
    code, out, _ = _run(capsys, "calendar", "2026")
    assert code == 0
    assert "249 ngày làm việc" in out


def test_python_dash_m_entry_point(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": "t", "procedures": [{"code": "x"}]}', encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "hcc", "validate", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "procedures[0] (x): code" in proc.stdout
