"""Writes that cannot lose data: every file hcc writes goes through this module.

:func:`atomic_write_bytes` writes to a temporary file in the target's folder, flushes and fsyncs
it, renames it over the target with :func:`os.replace` (atomic on POSIX and Windows when both are
on one file system) and fsyncs the folder, so the rename itself survives a power cut. Until the
rename, the old file is untouched: an error while the data is produced or written, a full disk or
a killed process leaves it as it was, and the temporary file is removed (on an error; after a kill
a ``.<name>.*.tmp`` file may remain next to the target and can be deleted).

A target that is a symbolic link is replaced by a regular file; the file it pointed to is not
written (a link planted where hcc writes cannot redirect the write).

With ``overwrite=False`` an existing target is refused (:class:`hcc.errors.OutputExistsError`),
and the check is made again at the rename (a file created meanwhile is not replaced: the new file
is linked into place, which fails if the name exists).

>>> import pathlib, tempfile
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> atomic_write_text(target, "xin chào\\n")
>>> target.read_text(encoding="utf-8")
'xin chào\\n'
>>> atomic_write_text(target, "again", overwrite=False)
Traceback (most recent call last):
...
hcc.errors.OutputExistsError: ...out.txt already exists; pass overwrite=True to replace it
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from hcc.errors import OutputExistsError

__all__ = ["atomic_write_bytes", "atomic_write_text"]


def _fsync_dir(folder: Path) -> None:
    """fsync a folder so a rename in it is durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - Windows: folders cannot be opened; NTFS logs renames
        return
    try:
        with contextlib.suppress(OSError):  # some file systems refuse fsync on a folder
            os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(
    path: str | os.PathLike[str], data: bytes, *, overwrite: bool = True
) -> None:
    """Write ``data`` to ``path`` so that the file is either the old one or the whole new one.

    See the module docstring for the steps. The new file gets the usual permissions of a new file
    (``0o666`` less the umask), or the old file's mode when it replaces one.

    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.bin"
    >>> atomic_write_bytes(target, b"\\x00\\x01")
    >>> target.read_bytes()
    b'\\x00\\x01'

    Raises:
        OutputExistsError: ``overwrite=False`` and ``path`` exists (a ``FileExistsError``).
        TypeError: ``data`` is not bytes.
        OSError: the folder does not exist or cannot be written (the old file is kept).
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data: expected bytes, got {type(data).__name__}")
    target = Path(path)
    if not overwrite and target.exists():
        raise OutputExistsError(target)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = target.stat().st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        if overwrite:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)  # fails if a file appeared meanwhile: never replaced
            except FileExistsError:
                raise OutputExistsError(target) from None
            except OSError:  # pragma: no cover - a file system without hard links
                if target.exists():
                    raise OutputExistsError(target) from None
                os.replace(tmp, target)
            else:
                tmp.unlink()
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(folder)


def atomic_write_text(
    path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8", overwrite: bool = True
) -> None:
    """:func:`atomic_write_bytes` of ``text`` encoded (UTF-8 by default, no newline translation).

    The text is encoded before anything touches the disk: an encoding error leaves the old
    file as it was.

    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> atomic_write_text(target, "Hà Nội")
    >>> target.read_bytes()
    b'H\\xc3\\xa0 N\\xe1\\xbb\\x99i'

    Raises:
        OutputExistsError: ``overwrite=False`` and ``path`` exists.
        UnicodeEncodeError: ``text`` cannot be encoded in ``encoding`` (nothing is written).
        TypeError: ``text`` is not a string.
        OSError: the folder does not exist or cannot be written (the old file is kept).
    """
    if not isinstance(text, str):
        raise TypeError(f"text: expected str, got {type(text).__name__}")
    atomic_write_bytes(path, text.encode(encoding), overwrite=overwrite)
