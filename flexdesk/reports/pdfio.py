"""Writing report files so that a crash or a cancel never leaves half a PDF behind.

A report is written to a temporary file in the destination folder, flushed and fsynced, then
moved over the destination with ``os.replace`` (atomic on the same file system, also on
Windows). If rendering fails or the user cancels, the temporary file is removed and an existing
file of the same name is left untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, TypeVar

T = TypeVar("T")


def fsync_dir(directory: Path) -> None:
    """Make renames in ``directory`` durable (POSIX; a no-op on Windows)."""
    _fsync_dir(Path(directory))


def _fsync_dir(directory: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open a directory for this.
    if os.name != "posix":  # pragma: no cover - exercised on Windows only
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_output(path: Path, *, sync_dir: bool = True) -> Iterator[BinaryIO]:
    """Yield a binary file that becomes ``path`` only if the ``with`` block succeeds.

    ``sync_dir=False`` skips the directory fsync after the rename; a batch writing many
    files into one folder calls :func:`fsync_dir` once at the end instead.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        replace_file(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    if sync_dir:
        _fsync_dir(directory)


def replace_file(
    src: Path, dest: Path, *, windows: bool = os.name == "nt", tries: int = 5, pause: float = 0.2
) -> None:
    """``os.replace`` that copes with Windows refusing to replace a file someone has open.

    On Windows the rename fails with "Access is denied" while another program holds ``dest``
    open (a PDF reader showing last month's report), and for a moment after an antivirus
    scanner or the search indexer opened it: retried for about a second, then refused with a
    message that says what to do. Elsewhere an open file is replaced at once."""
    for attempt in range(tries if windows else 1):
        try:
            os.replace(src, dest)
            return
        except PermissionError as exc:
            if not windows:
                raise
            if attempt == tries - 1:
                raise PermissionError(
                    exc.errno,
                    f"{dest.name} sedang dibuka program lain (mis. pembaca PDF); tutup dulu atau "
                    f"simpan dengan nama lain / {dest.name} is open in another program (a PDF "
                    f"reader?); close it or save under another name",
                    str(dest),
                ) from exc
            time.sleep(pause)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_output(path) as fh:
        fh.write(data)


def write_output(
    out: Path | str | BinaryIO, render: Callable[[BinaryIO], T], *, sync_dir: bool = True
) -> T:
    """Run ``render`` on a file object: an atomic temporary file for a path, else ``out`` itself."""
    if isinstance(out, str | os.PathLike):
        with atomic_output(Path(out), sync_dir=sync_dir) as fh:
            return render(fh)
    return render(out)
