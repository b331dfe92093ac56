"""The programs in examples/ run, with their fixed inputs, and print what they promise.

Each example is loaded with runpy (not imported as a package) and its ``main(argv)`` called, the
way ``python examples/<name>.py ...`` runs it; one run goes through a real subprocess.
"""

from __future__ import annotations

import json
import runpy
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _load(name: str) -> dict[str, Any]:
    return runpy.run_path(str(EXAMPLES / f"{name}.py"), run_name=f"example_{name}")


# ---------------------------------------------------------------------- counter_receipt
def test_counter_receipt_prints_the_slip(capsys: pytest.CaptureFixture[str]) -> None:
    main = _load("counter_receipt")["main"]
    assert main(["--pages", "5", "--copies", "3"]) == 0
    out = capsys.readouterr().out
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in out
    assert "Mã hồ sơ: 000.00.23.H40-260306-0001" in out
    assert "Nghi Phong, ngày 06 tháng 3 năm 2026" in out
    assert "Chứng thực bản sao từ bản chính (mã thủ tục:" in out
    assert "4. Thời gian nhận hồ sơ: 10 giờ 15 phút, ngày 06 tháng 3 năm 2026" in out
    # same-day limit, received before 15:00: due at the closing time of that day
    assert "17 giờ 00 phút, ngày 06 tháng 3 năm" in out
    assert "7. Phí, lệ phí: 21.000 đồng (Hai mươi mốt nghìn đồng)" in out


def test_counter_receipt_after_the_cutoff_and_a_later_serial(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main = _load("counter_receipt")["main"]
    argv = ["--code", "2.000884", "--received", "2026-03-06 15:40", "--cases", "2"]
    assert main([*argv, "--serial-start", "6"]) == 0
    out = capsys.readouterr().out
    assert "Mã hồ sơ: 000.00.23.H40-260306-0007" in out
    # Friday after 15:00: the next working day is Monday 9 March
    assert "17 giờ 00 phút, ngày 09 tháng 3 năm" in out
    assert "20.000 đồng (Hai mươi nghìn đồng)" in out


def test_counter_receipt_writes_html_and_docx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main = _load("counter_receipt")["main"]
    html = tmp_path / "phieu.html"
    assert main(["--format", "html", "--out", str(html), "--applicant", "Lê <Thị> & Hoa"]) == 0
    text = html.read_text(encoding="utf-8")
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "Lê &lt;Thị&gt; &amp; Hoa" in text
    assert "receipt 000.00.23.H40-260306-0001, due 17:00 06/03/2026" in capsys.readouterr().out

    docx = tmp_path / "phieu.docx"
    assert main(["--format", "docx", "--out", str(docx)]) == 0
    with zipfile.ZipFile(docx) as z:
        assert "Nguyễn Thị Hoa" in z.read("word/document.xml").decode("utf-8")


def test_counter_receipt_runs_as_a_script() -> None:
    run = subprocess.run(
        [sys.executable, str(EXAMPLES / "counter_receipt.py"), "--code", "1.001193"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "Đăng ký khai sinh (mã thủ tục: 1.001193)" in run.stdout


# ---------------------------------------------------------------------- nightly_report
def test_nightly_report_on_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    main = _load("nightly_report")["main"]
    assert main([]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:7] == [
        "On-time report 2026-03 as of 23:00 20/03/2026",
        "Received: 6 (1 online)",
        "Settled: 3 — early 0, on time 2, late 1",
        "On-time rate: 66.7 %",
        "Average processing: 2.7 working days",
        "Pending: 3 (2 overdue)",
        "Satisfaction: 100.0 % of 1 rating(s)",
    ]
    assert "  1.004222: received 2, settled 1, late 1, pending 1, on time 0.0 %" in lines
    pending = lines[lines.index("Pending dossiers, most urgent first (3 of 3):") + 1 :]
    assert [line.split()[0] for line in pending] == [
        "000.00.23.H40-260318-0001",  # same-day limit, received after 15:00 on 18/3
        "000.00.23.H40-260316-0001",
        "000.00.23.H40-260310-0001",  # paused 11/3 09:00 → 13/3 08:00 (Decree 118/2025)
    ]
    # received Tue 10/3 14:00, 07 working days → Thu 19/3; the pause (policy in force on
    # 10/3/2026: Decree 118/2025, pause) lasts two working days (12/3, 13/3) → Mon 23/3
    assert "running  due 17:00 23/03/2026" in pending[2]


def test_nightly_report_reads_dossiers_from_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = _load("nightly_report")
    dossiers = example["sample_dossiers"]()[:3]
    path = tmp_path / "dossiers.json"
    path.write_text(
        json.dumps([d.model_dump(mode="json") for d in dossiers], ensure_ascii=False),
        encoding="utf-8",
    )
    assert (
        example["main"](["--dossiers", str(path), "--as-of", "2026-03-31 23:00", "--top", "1"]) == 0
    )
    out = capsys.readouterr().out
    assert "Received: 3 (1 online)" in out
    assert "Pending: 0 (0 overdue)" in out
    assert "Pending dossiers, most urgent first (0 of 0):" in out


def test_nightly_report_before_anything_was_received(capsys: pytest.CaptureFixture[str]) -> None:
    main = _load("nightly_report")["main"]
    assert main(["--period", "2026-02", "--as-of", "2026-02-28 23:00"]) == 0
    out = capsys.readouterr().out
    assert "Received: 0 (0 online)" in out
    assert "On-time rate: —" in out
