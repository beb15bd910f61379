"""Small file-system helpers: atomic writes that survive a pulled USB stick."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

from flexdesk.sync._errors import bundle_error


def fsync_dir(directory: Path) -> None:
    """Make a rename durable (POSIX); a no-op where directories cannot be opened (Windows)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def open_regular(path: Path) -> BinaryIO:
    """Open an untrusted ``path`` for reading, but only if it is a regular file.

    A FIFO, device or folder under a likely name (``x.receipt.json``, ``libur.csv``) raises
    OSError (``EISDIR`` / ``EINVAL``) instead of being read: reading a FIFO would wait forever
    and a device may never end. ``O_NONBLOCK`` keeps the open itself from waiting on a FIFO;
    it changes nothing for a regular file.
    """
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            code = errno.EISDIR if stat.S_ISDIR(mode) else errno.EINVAL
            raise OSError(code, "not a regular file", str(path))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_capped(path: Path, cap: int, what: str) -> bytes:
    """An untrusted small file (envelope, signature, receipt), refused as a typed BundleError
    when missing, not a regular file or larger than ``cap`` bytes."""
    try:
        with open_regular(path) as fh:
            data = fh.read(cap + 1)
    except FileNotFoundError as exc:
        raise bundle_error(
            "missing-file",
            f"Berkas {what} tidak ada: {path.name}.",
            f"{what} missing: {path.name}.",
        ) from exc
    except OSError as exc:  # a folder or FIFO under the name, unreadable
        raise bundle_error(
            "symlink",
            f"Berkas {what} tidak dapat dibaca: {path.name} ({exc.strerror}).",
            f"{what} cannot be read: {path.name} ({exc.strerror}).",
        ) from exc
    if len(data) > cap:
        raise bundle_error(
            "zip-bomb", f"Berkas {what} terlalu besar.", f"{what} file is too large."
        )
    return data


def temp_path_for(final: Path) -> Path:
    """A hidden temporary name in the same folder (so the final rename is atomic)."""
    return final.with_name(f".{final.name}.tmp-{secrets.token_hex(4)}")


def atomic_write_bytes(path: Path, data: bytes, *, mode: int = 0o644) -> None:
    """Write ``data`` to ``path`` via temp file + fsync + rename."""
    tmp = temp_path_for(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def drop_cache(path: Path) -> None:
    """Ask the OS to forget cached pages of a file that was just fsynced.

    The re-read after export then reads what is really on the stick (a fake-capacity USB
    stick or a failing card shows up here), not the copy in memory. Linux only; elsewhere
    the re-read comes from the cache, which still checks our own writer.
    """
    fadvise = getattr(os, "posix_fadvise", None)
    if fadvise is None:
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    except OSError:
        pass
    finally:
        os.close(fd)


class BackgroundFlusher:
    """Push written data to the device while the writer keeps hashing.

    A final fsync of a 1 GB bundle on a slow stick takes as long as hashing it; starting
    ``fdatasync`` every ``every`` bytes on a helper thread overlaps the device's work with
    the CPU's, so the closing fsync only has the tail left.
    """

    def __init__(self, fd: int, *, every: int = 32 * 1024 * 1024) -> None:
        self.fd = fd
        self.every = every
        self.pending = 0
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="flexdesk-flush")
        self._job: Future[None] | None = None

    def wrote(self, n: int) -> None:
        self.pending += n
        if self.pending >= self.every and (self._job is None or self._job.done()):
            if self._job is not None:
                self._job.result()
            self.pending = 0
            self._job = self._pool.submit(
                os.fdatasync if hasattr(os, "fdatasync") else os.fsync, self.fd
            )

    def close(self) -> None:
        try:
            if self._job is not None:
                self._job.result()
        finally:
            self._pool.shutdown(wait=True)


def prefetch(fd: int, offset: int, length: int) -> None:
    """Ask the OS to start reading ahead (overlaps device reads with hashing)."""
    fadvise = getattr(os, "posix_fadvise", None)
    if fadvise is not None:
        with contextlib.suppress(OSError):
            fadvise(fd, offset, length, os.POSIX_FADV_WILLNEED)
