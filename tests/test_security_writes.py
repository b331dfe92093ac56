"""Writes that cannot lose data (issue 13, point 2): temp file, fsync, rename; ``--out`` needs ``--force``."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hcc import _io
from hcc._io import atomic_write_bytes, atomic_write_text
from hcc.cli import main
from hcc.errors import HccError, OutputExistsError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "portal"
SRC = str(Path(__file__).resolve().parents[1] / "src")
OLD = b'{"old": "catalogue"}\n' * 1000


def _leftovers(folder: Path, name: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{name}."))


def test_write_replaces_the_whole_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "catalogue.json"
    target.write_bytes(OLD)
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert _leftovers(tmp_path, target.name) == []


def test_write_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "catalogue.json"
    target.write_bytes(OLD)
    target.chmod(0o640)
    atomic_write_text(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640


def test_encoding_error_leaves_the_old_file_intact(tmp_path: Path) -> None:
    # the issue: "an encoding error after the truncation ... leaves an existing catalogue at 0 bytes"
    target = tmp_path / "catalogue.json"
    target.write_bytes(OLD)
    with pytest.raises(UnicodeEncodeError):
        atomic_write_text(target, "Hà Nội \ud800")  # a lone surrogate cannot be UTF-8
    assert target.read_bytes() == OLD
    assert _leftovers(tmp_path, target.name) == []


def test_a_write_that_fails_midway_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "catalogue.json"
    target.write_bytes(OLD)

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_io.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space left"):
        atomic_write_bytes(target, b"x" * 1_000_000)
    assert target.read_bytes() == OLD
    assert _leftovers(tmp_path, target.name) == []


def test_overwrite_false_refuses_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "catalogue.json"
    target.write_bytes(OLD)
    with pytest.raises(OutputExistsError) as info:
        atomic_write_bytes(target, b"new", overwrite=False)
    assert isinstance(info.value, FileExistsError)
    assert isinstance(info.value, HccError)
    assert info.value.path == str(target)
    assert target.read_bytes() == OLD
    atomic_write_bytes(tmp_path / "fresh.json", b"new", overwrite=False)
    assert (tmp_path / "fresh.json").read_bytes() == b"new"
    assert _leftovers(tmp_path, "fresh.json") == []


def test_overwrite_false_never_replaces_a_file_created_during_the_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "catalogue.json"
    real_fsync = os.fsync

    def racing_fsync(fd: int) -> None:
        real_fsync(fd)
        if not target.exists():
            target.write_bytes(b"written by someone else")

    monkeypatch.setattr(_io.os, "fsync", racing_fsync)
    with pytest.raises(OutputExistsError):
        atomic_write_bytes(target, b"ours", overwrite=False)
    assert target.read_bytes() == b"written by someone else"
    assert _leftovers(tmp_path, target.name) == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links are needed")
def test_a_symlinked_target_is_replaced_not_written_through(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(OLD)
    target = tmp_path / "catalogue.json"
    target.symlink_to(elsewhere)
    atomic_write_bytes(target, b"new")
    assert not target.is_symlink()
    assert target.read_bytes() == b"new"
    assert elsewhere.read_bytes() == OLD  # the file the link pointed to is untouched


def test_wrong_types_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="expected bytes"):
        atomic_write_bytes(tmp_path / "a", "text")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected str"):
        atomic_write_text(tmp_path / "a", b"bytes")  # type: ignore[arg-type]
    assert not (tmp_path / "a").exists()


# A child process writes a large payload and is killed by SIGKILL in the middle of the write: the
# temp file holds part of the data when it dies (os.fsync is where it stops to tell us).
_KILLED_WRITER = textwrap.dedent(
    """
    import os, sys, time
    from hcc import _io
    real_fsync = os.fsync
    def announce_and_hang(fd):
        sys.stdout.write("writing\\n"); sys.stdout.flush()
        time.sleep(60)
    _io.os.fsync = announce_and_hang
    if sys.argv[1] == "api":
        _io.atomic_write_bytes(sys.argv[2], b"n" * 50_000_000)
    else:
        from hcc.cli import main
        sys.exit(main(["import", *sys.argv[3:], "--out", sys.argv[2], "--force"]))
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
@pytest.mark.parametrize("how", ["api", "cli"])
def test_a_writer_killed_midway_leaves_the_old_file_intact(tmp_path: Path, how: str) -> None:
    target = tmp_path / "catalogue.json"
    target.write_bytes(OLD)
    env = dict(os.environ, PYTHONPATH=SRC)
    args = [sys.executable, "-c", _KILLED_WRITER, how, str(target), str(FIXTURES / "labels.json")]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, env=env, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "writing\n"  # the payload is in the temp file now
        temps = _leftovers(tmp_path, target.name)
        assert len(temps) == 1
        assert (tmp_path / temps[0]).stat().st_size > 0
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
    assert target.read_bytes() == OLD


def test_cli_out_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "catalogue.json"
    out.write_bytes(OLD)
    assert main(["import", str(FIXTURES / "labels.json"), "--out", str(out)]) == 3
    err = capsys.readouterr().err
    assert str(out) in err
    assert "--force" in err
    assert out.read_bytes() == OLD
    assert main(["import", str(FIXTURES / "labels.json"), "--out", str(out), "--force"]) == 0
    assert out.read_bytes() != OLD
    assert out.read_text(encoding="utf-8").lstrip().startswith("{")
    assert _leftovers(tmp_path, out.name) == []


def test_cli_encoding_error_keeps_the_old_catalogue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the issue: "an encoding error after the truncation ... leaves an existing catalogue at 0
    # bytes". A lone surrogate (from a JSON escape \ud800 in an export) cannot be UTF-8.
    from hcc.procedures import Catalogue

    real = Catalogue.to_json
    monkeypatch.setattr(Catalogue, "to_json", lambda self, **kw: real(self, **kw) + "\ud800")
    out = tmp_path / "catalogue.json"
    out.write_bytes(OLD)
    assert main(["import", str(FIXTURES / "labels.json"), "--out", str(out), "--force"]) == 2
    assert "cannot write the catalogue" in capsys.readouterr().err
    assert out.read_bytes() == OLD
    assert _leftovers(tmp_path, out.name) == []


def test_cli_out_to_a_missing_folder_is_a_clean_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no" / "such" / "catalogue.json"
    assert main(["import", str(FIXTURES / "labels.json"), "--out", str(out)]) == 2
    assert "cannot write the catalogue" in capsys.readouterr().err
    assert not out.exists()
