"""``python -m hcc import FILE... --out catalogue.json [--json]``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hcc.cli import main
from hcc.procedures import load_catalogue

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "portal"


def test_import_writes_the_catalogue_and_prints_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "catalogue.json"
    rc = main(
        [
            "import",
            str(FIXTURES / "labels.json"),
            str(FIXTURES / "snake.json"),
            "--out",
            str(out),
            "--lang",
            "en",
        ]
    )
    assert rc == 0
    text = capsys.readouterr().out
    # labels.json: 4 records (2 clean, 2 with fee text); snake.json: 2 (1 clean, 1 with fee text)
    assert "records read: 6" in text
    assert "imported: 3" in text
    assert "imported with warnings: 3" in text
    assert "rejected: 0" in text
    cat = load_catalogue(out)
    assert sorted(cat.codes) == [
        "1.000894",
        "1.001193",
        "1.004873",
        "2.000635",
        "2.000815",
        "2.000884",
    ]
    assert cat.get("2.000635").sources == (str(FIXTURES / "snake.json"),)


def test_import_speaks_vietnamese_by_default_and_english_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "catalogue.json"
    assert main(["import", str(FIXTURES / "labels.json"), "--out", str(out)]) == 0
    vi = capsys.readouterr().out
    # labels.json: 4 records, 2 of them with a fee kept as text
    assert "số bản ghi đã đọc: 4" in vi
    assert "đã nhập: 2" in vi
    assert "đã nhập, có cảnh báo: 2" in vi
    assert "bị từ chối: 0" in vi
    assert "bản ghi có fee_as_text" in vi
    assert f"đã ghi danh mục vào {out} (4 thủ tục)" in vi
    assert "records read" not in vi
    assert main(["import", str(FIXTURES / "messy.json"), "--lang", "en"]) == 1
    captured = capsys.readouterr()
    assert "records read: 9" in captured.out
    assert "6 of 9 record(s) rejected" in captured.err
    assert "missing_code: no procedure code (mã thủ tục)" in captured.err


def test_every_issue_code_has_a_vietnamese_meaning() -> None:
    from hcc.importer import ISSUE_CODES, ISSUE_CODES_VI, ImportSummary

    assert set(ISSUE_CODES_VI) == set(ISSUE_CODES)
    assert all(text.strip() and text != ISSUE_CODES[c] for c, text in ISSUE_CODES_VI.items())
    summary = ImportSummary(records_read=1, imported=1, imported_with_warnings=0, rejected=0)
    assert len(summary.lines(lang="vi")) == len(summary.lines()) == 6
    with pytest.raises(ValueError, match="lang"):
        summary.lines(lang="fr")  # type: ignore[arg-type]


def test_import_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    # rejected records: exit 1, and the drafts of the rejected records are in the JSON
    assert main(["import", str(FIXTURES / "messy.json"), "--json"]) == 1
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert doc["summary"]["records_read"] == 9
    assert doc["summary"]["rejected"] == 6
    assert [r["status"] for r in doc["results"]][:3] == [
        "rejected",
        "rejected",
        "imported_with_warnings",
    ]
    assert doc["out"] is None
    rejected = [r for r in doc["results"] if r["status"] == "rejected"]
    assert all("draft" in r for r in rejected if r.get("code"))
    assert "6 trên 9 bản ghi bị từ chối" in captured.err  # Vietnamese by default


def test_import_rejections_exit_1_grouped_by_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "catalogue.json"
    drafts = tmp_path / "drafts.json"
    rc = main(["import", str(FIXTURES / "messy.json"), "--out", str(out), "--drafts", str(drafts)])
    assert rc == 1
    err = capsys.readouterr().err
    assert "6 trên 9 bản ghi bị từ chối" in err
    # one line per reason, with how many records it rejected and what it means
    assert "missing_code: không có mã thủ tục" in err
    assert "đã ghi bản nháp của các bản ghi bị từ chối vào" in err
    assert out.exists()
    assert len(load_catalogue(out)) == 3
    written = json.loads(drafts.read_text(encoding="utf-8"))
    assert len(written) == 6
    assert all({"index", "errors", "draft"} <= set(d) for d in written)


def test_import_never_writes_an_empty_catalogue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tmp_path / "none.json"
    records.write_text('[{"ten_thu_tuc": "Không có mã"}, "x"]', encoding="utf-8")
    out = tmp_path / "catalogue.json"
    assert main(["import", str(records), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"không nhập được bản ghi nào; không ghi {out}" in err
    assert not out.exists()


def test_import_progress_on_stderr_for_long_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = json.loads((FIXTURES / "snake.json").read_text(encoding="utf-8"))[0]
    many = [{**one, "ma_thu_tuc": f"1.{i:06d}"} for i in range(1200)]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(many, ensure_ascii=False), encoding="utf-8")
    assert main(["import", str(path), "--json"]) == 0
    captured = capsys.readouterr()
    assert "hcc import: đã đọc 1200/1200 bản ghi" in captured.err
    assert "bản ghi đã đọc" not in captured.out.split("{", 1)[0]


def test_import_jsonl_and_wrapped_lists(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = json.loads((FIXTURES / "snake.json").read_text(encoding="utf-8"))
    lines = tmp_path / "records.jsonl"
    lines.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8"
    )
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"data": records[:1]}, ensure_ascii=False), encoding="utf-8")
    assert main(["import", str(lines), str(wrapped), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    # 2 + 1 records; the third repeats 2.000635's code and is rejected as a duplicate
    assert "records read: 3" in out
    assert "rejected: 1" in out
    assert "duplicate_code" in out


def test_import_bad_files_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    not_a_list = tmp_path / "object.json"
    not_a_list.write_text('{"ma_thu_tuc": "1.001193"}', encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("[{", encoding="utf-8")
    for path in (not_a_list, broken, tmp_path / "missing.json"):
        assert main(["import", str(path)]) == 2
        assert str(path) in capsys.readouterr().err
