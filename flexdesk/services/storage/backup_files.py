"""Backup files on disk: their names (kind and UTC time stamp), the backups in a folder, and
durable copies (SQLite's online backup API or the raw bytes), each written to a hidden
temporary name, fsynced and renamed, so a power cut leaves a whole file or none."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from flexdesk.sync._fs import fsync_dir, temp_path_for

SUFFIX = ".sqlite3"
_NAME_RE = re.compile(r"^flexdesk-(?P<kind>[a-z-]+)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.sqlite3$")
_MIGRATION_NAME_RE = re.compile(r"^pre-migration-.*-(?P<stamp>\d{8}-\d{6})\.sqlite3$")
STAMP = "%Y%m%d-%H%M%S"


def utc(now: datetime | None) -> datetime:
    """``now`` (default: the current time) in UTC."""
    return (now or datetime.now(UTC)).astimezone(UTC)


def fsync_file(path: Path) -> None:
    """Make a finished file's bytes durable before it is renamed into place."""
    # read-write: on Windows os.fsync is FlushFileBuffers, refused on a read-only handle (EACCES)
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_sqlite(src: Path, dest: Path) -> Path:
    """Consistent copy of ``src`` to ``dest`` (online backup API, temp + fsync + rename)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path_for(dest)
    try:
        # An empty file is a valid empty SQLite database: creating it first gives the copy
        # owner-only permissions from its first byte (a backup holds every staff record).
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        with closing(sqlite3.connect(src)) as source, closing(sqlite3.connect(tmp)) as target:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        fsync_file(tmp)
        os.replace(tmp, dest)
    except BaseException:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
    fsync_dir(dest.parent)
    return dest


def unique_path(path: Path) -> Path:
    """``path``, or ``<stem>-1.sqlite3``, ``-2`` … if a file of that name exists."""
    n = 1
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{SUFFIX}")
        n += 1
    return candidate


def parse_name(path: Path) -> tuple[str, datetime | None]:
    """The kind and creation time (UTC) a backup's file name says; ("other", None) if none."""
    m = _NAME_RE.match(path.name)
    if m:
        return m["kind"], datetime.strptime(m["stamp"], STAMP).replace(tzinfo=UTC)
    m = _MIGRATION_NAME_RE.match(path.name)
    if m:  # migrate.py stamps local time
        return "pre-migration", datetime.strptime(m["stamp"], STAMP).astimezone(UTC)
    return "other", None


def backup_paths(folder: Path) -> Iterable[Path]:
    """The backup files in ``folder`` (hidden temporary copies and non-files left out)."""
    if not folder.is_dir():
        return []
    return [
        p
        for p in folder.iterdir()
        # is_file: a FIFO or folder under a backup's name would hang or fail the listing
        if p.suffix == SUFFIX and not p.name.startswith(".") and p.is_file()
    ]


def describe_time(path: Path) -> datetime:
    """When the backup was made: from its name, else the file's modification time."""
    _, created = parse_name(path)
    return created or datetime.fromtimestamp(path.stat().st_mtime, UTC)


def display_name(path: Path, limit: int = 60) -> str:
    """A file name fit for a message: control characters replaced, long names shortened
    (a name on a USB drive is not trusted to be printable)."""
    name = "".join(ch if ch.isprintable() else "?" for ch in path.name)
    return name if len(name) <= limit else name[: limit - 1] + "…"


def raw_copy(src: Path, dest: Path) -> None:
    """Durable byte-for-byte copy of ``src`` to ``dest`` (for a file SQLite cannot copy)."""
    tmp = temp_path_for(dest)
    try:
        shutil.copyfile(src, tmp)
        fsync_file(tmp)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(dest.parent)
