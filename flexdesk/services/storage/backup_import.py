"""Copying in a backup file from outside (a USB drive): nothing about the source is trusted,
the copy is verified, and on any failure or cancellation nothing is left behind."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from flexdesk.errors import Cancelled, StorageError
from flexdesk.paths import DataPaths
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.storage.account_check import require_signed_in_file
from flexdesk.services.storage.backup_check import BackupInfo, describe_backup, verify_backup
from flexdesk.services.storage.backup_files import (
    STAMP,
    SUFFIX,
    display_name,
    unique_path,
    utc,
)
from flexdesk.sync._fs import fsync_dir, open_regular, temp_path_for

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
#: the largest backup file copied in from outside (a regional office's database is a few MB)
MAX_IMPORT_BYTES = 2 * 1024**3
#: free space kept beyond what an import and the restore after it need
SPACE_MARGIN = 32 * 1024**2
_CHUNK = 1024 * 1024

ProgressFn = Callable[[int, int, str], None]
CancelledFn = Callable[[], bool]


def _import_error(source: Path, reason_id: str, reason_en: str) -> StorageError:
    """The refusal of ``source``, naming it and saying that nothing was changed."""
    name = display_name(source)
    return StorageError(
        f"Berkas {name} tidak dapat dipakai sebagai cadangan: {reason_id}. Tidak ada yang diubah.",
        message_en=f"The file {name} cannot be used as a backup: {reason_en}. Nothing was changed.",
    )


def _space_needed(paths: DataPaths, size: int) -> int:
    """The import's copy, the restored database and the pre-restore copy of the current one."""
    try:
        current = paths.database.stat().st_size
    except OSError:
        current = 0
    return 2 * size + current + SPACE_MARGIN


def import_backup_file(
    actor: Actor,
    paths: DataPaths,
    source: Path,
    *,
    progress: ProgressFn | None = None,
    is_cancelled: CancelledFn | None = None,
    max_bytes: int = MAX_IMPORT_BYTES,
    now: datetime | None = None,
) -> BackupInfo:
    """Copy a backup file from outside (e.g. a USB drive) into the backups folder, verified.

    Nothing about the source is trusted: it must be a regular file (not a device, FIFO or
    folder, whatever its name says), at most ``max_bytes`` and fitting the free space, with the
    SQLite header. It is copied in chunks under a hidden temporary name FlexDesk chooses,
    stopping if it turns out longer than it said; the copy is verified (``verify_backup``) and
    only then renamed to ``flexdesk-imported-<UTC stamp>.sqlite3``. A copy of a database in WAL
    mode is switched to a self-contained file first (its ``-wal`` was not copied, so the file
    holds the last checkpoint). Any failure or cancellation removes the temporary copy.
    """
    require(actor, Action.BACKUP_MANAGE)
    require_signed_in_file(actor, paths)
    report = progress or (lambda done, total, text: None)
    cancelled = is_cancelled or (lambda: False)
    with _open_source(source) as src:
        size, header = _check_source(src, source, paths, max_bytes)
        stamp = utc(now).strftime(STAMP)
        final = unique_path(paths.backups / f"flexdesk-imported-{stamp}{SUFFIX}")
        tmp = temp_path_for(final)
        try:
            _copy_checked(
                src, header, tmp, size=size, source=source, report=report, cancelled=cancelled
            )
            verify_backup(tmp, name=display_name(source))
            os.replace(tmp, final)
        except BaseException:
            for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            raise
    fsync_dir(paths.backups)
    log.info("backup file %r copied in as %s", str(source), final)
    return describe_backup(final)


def _open_source(source: Path) -> BinaryIO:
    """``source`` opened for reading if it is a regular file (judged by what was opened, not
    by the name: a folder, FIFO or device is refused unread)."""
    try:
        return open_regular(source)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise _import_error(
            source, f"tidak dapat dibuka ({reason})", f"it cannot be opened ({reason})"
        ) from exc


def _check_source(
    src: BinaryIO, source: Path, paths: DataPaths, max_bytes: int
) -> tuple[int, bytes]:
    """The size of the opened ``src`` and its 100-byte SQLite header, once the size is within
    ``max_bytes``, the header is SQLite's and the backups folder has the space."""
    size = os.fstat(src.fileno()).st_size
    if size > max_bytes:
        raise _import_error(
            source,
            f"terlalu besar ({size // 1024**2} MB, paling besar {max_bytes // 1024**2} MB)",
            f"it is too large ({size // 1024**2} MB, at most {max_bytes // 1024**2} MB)",
        )
    header = src.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise _import_error(source, "bukan basis data FlexDesk", "not a FlexDesk database")
    paths.backups.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(paths.backups).free
    if free < _space_needed(paths, size):
        need = _space_needed(paths, size) // 1024**2
        raise _import_error(
            source,
            f"ruang disk tidak cukup (perlu sekitar {need} MB)",
            f"not enough disk space (about {need} MB needed)",
        )
    return size, header


def _copy_checked(
    src: BinaryIO,
    header: bytes,
    tmp: Path,
    *,
    size: int,
    source: Path,
    report: ProgressFn,
    cancelled: CancelledFn,
) -> None:
    """Copy the rest of ``src`` after ``header`` to a new ``tmp`` in chunks, fsynced, refusing
    a source that turns out longer or shorter than its ``size``."""
    read = src.read
    text = f"Menyalin {display_name(source)}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as out:
        # A copy of a live database in WAL mode (header bytes 18-19 = 2) without its -wal
        # holds the last checkpoint; mark it a rollback-journal file so that opening it needs
        # (and leaves) no -wal/-shm beside it.
        if header[18:20] == b"\x02\x02":
            header = header[:18] + b"\x01\x01" + header[20:]
        out.write(header)
        done = len(header)
        report(done, size, text)
        while True:
            if cancelled():
                raise Cancelled()
            chunk = read(_CHUNK)
            if not chunk:
                break
            done += len(chunk)
            if done > size:  # it grew while being read: not a finished backup
                raise _import_error(
                    source, "berubah selama disalin", "it changed while it was being copied"
                )
            out.write(chunk)
            report(done, size, text)
        if done != size:
            raise _import_error(
                source, "berubah selama disalin", "it changed while it was being copied"
            )
        out.flush()
        os.fsync(out.fileno())
