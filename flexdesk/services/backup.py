"""Backups of the SQLite database: create, list, verify, restore, rotate.

A backup is a copy made with SQLite's online backup API, so it is consistent even while
FlexDesk has the database open. It is written to a hidden temporary name in the destination
folder, switched to a self-contained single file (journal_mode=DELETE), fsynced and renamed:
a power cut leaves either no backup or a whole one, never half a file under the final name.

Automatic backups (``kind="auto"``) are made at start-up when the newest backup of any kind is
more than a day old, and rotated: the newest per day for 7 days, per ISO week for 4 weeks and
per month for 12 months are kept. Manual ("Back up to..."), pre-migration and pre-restore
backups are never deleted automatically.

Restore (GUI flow): the caller closes every session and disposes the ``Database`` first (the
GUI signs out and closes the main window), then calls :func:`restore_backup`, which verifies
the backup (``PRAGMA integrity_check``, a FlexDesk schema this version knows), backs up the
current state (``pre-restore``), and only then replaces the database file; the app then opens
the database again through ``open_database`` (which migrates an older backup).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from flexdesk.db.engine import Database
from flexdesk.db.migrate import _REVISION_RE, MIGRATIONS_DIR
from flexdesk.errors import StorageError
from flexdesk.paths import DataPaths
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.sync._fs import fsync_dir, temp_path_for

log = logging.getLogger(__name__)

SUFFIX = ".sqlite3"
_NAME_RE = re.compile(r"^flexdesk-(?P<kind>[a-z-]+)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.sqlite3$")
_MIGRATION_NAME_RE = re.compile(r"^pre-migration-.*-(?P<stamp>\d{8}-\d{6})\.sqlite3$")
STAMP = "%Y%m%d-%H%M%S"
AUTO_INTERVAL = timedelta(days=1)
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
#: tables whose row counts the backup list shows
COUNTED_TABLES = ("employees", "users", "output_logs", "schedule_entries", "audit_log")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str  # auto | manual | pre-restore | pre-migration | other
    created: datetime  # UTC
    size: int
    counts: dict[str, int] = field(default_factory=dict)
    readable: bool = True


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    safety: Path | None  # the backup of the state before the restore


def _utc(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC)


def _database_file(db: Database) -> Path:
    if not db.is_sqlite or not db.engine.url.database:
        raise StorageError(
            "Cadangan otomatis hanya untuk basis data SQLite; cadangkan PostgreSQL dengan pg_dump.",
            message_en="Backups here are for SQLite databases; back up PostgreSQL with pg_dump.",
        )
    return Path(db.engine.url.database)


def copy_sqlite(src: Path, dest: Path) -> Path:
    """Consistent copy of ``src`` to ``dest`` (online backup API, temp + fsync + rename)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path_for(dest)
    try:
        with closing(sqlite3.connect(src)) as source, closing(sqlite3.connect(tmp)) as target:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        fd = os.open(tmp, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, dest)
    except BaseException:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
    fsync_dir(dest.parent)
    return dest


def _unique(path: Path) -> Path:
    n = 1
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{SUFFIX}")
        n += 1
    return candidate


def create_backup(
    db: Database,
    paths: DataPaths,
    *,
    dest_dir: Path | None = None,
    kind: str = "manual",
    now: datetime | None = None,
) -> BackupInfo:
    """Back up the open database to ``dest_dir`` (the data folder's backups by default)."""
    src = _database_file(db)
    folder = dest_dir or paths.backups
    stamp = _utc(now).strftime(STAMP)
    dest = _unique(folder / f"flexdesk-{kind}-{stamp}{SUFFIX}")
    try:
        copy_sqlite(src, dest)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(
            f"Cadangan tidak dapat ditulis ke {folder}: {exc}",
            message_en=f"The backup cannot be written to {folder}: {exc}",
        ) from exc
    log.info("backup written to %s", dest)
    if kind == "auto" and folder == paths.backups:
        rotate_backups(folder, now=now)
    return describe_backup(dest)


def _parse_name(path: Path) -> tuple[str, datetime | None]:
    m = _NAME_RE.match(path.name)
    if m:
        return m["kind"], datetime.strptime(m["stamp"], STAMP).replace(tzinfo=UTC)
    m = _MIGRATION_NAME_RE.match(path.name)
    if m:  # migrate.py stamps local time
        return "pre-migration", datetime.strptime(m["stamp"], STAMP).astimezone(UTC)
    return "other", None


def _open_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def describe_backup(path: Path) -> BackupInfo:
    kind, created = _parse_name(path)
    stat = path.stat()
    if created is None:
        created = datetime.fromtimestamp(stat.st_mtime, UTC)
    counts: dict[str, int] = {}
    readable = True
    try:
        with closing(_open_ro(path)) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            for table in COUNTED_TABLES:
                if table in tables:
                    counts[table] = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.Error:
        readable = False
    return BackupInfo(path, kind, created, stat.st_size, counts, readable)


def _backup_files(folder: Path) -> Iterable[Path]:
    if not folder.is_dir():
        return []
    return [p for p in folder.iterdir() if p.suffix == SUFFIX and not p.name.startswith(".")]


def list_backups(folder: Path) -> list[BackupInfo]:
    """Every backup in ``folder``, newest first, with size and record counts."""
    infos = [describe_backup(p) for p in _backup_files(folder)]
    return sorted(infos, key=lambda i: i.created, reverse=True)


def _known_revisions() -> set[str]:
    found: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        m = _REVISION_RE.search(path.read_text(encoding="utf-8"))
        if m:
            found.add(m.group(1))
    return found


def verify_backup(path: Path) -> None:
    """Raise StorageError unless ``path`` is an intact FlexDesk database this version can open."""

    def bad(reason_id: str, reason_en: str) -> StorageError:
        return StorageError(
            f"Cadangan {path.name} tidak dapat dipakai: {reason_id}.",
            message_en=f"The backup {path.name} cannot be used: {reason_en}.",
        )

    if not path.is_file():
        raise bad("berkas tidak ada", "the file does not exist")
    try:
        with closing(_open_ro(path)) as conn:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            revisions = (
                {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
                if "alembic_version" in tables
                else set()
            )
    except sqlite3.Error as exc:
        raise bad(f"bukan basis data yang utuh ({exc})", f"not an intact database ({exc})") from exc
    if result != ["ok"]:
        detail = "; ".join(str(r) for r in result[:3])
        raise bad(f"rusak ({detail})", f"damaged ({detail})")
    if not revisions:
        raise bad("bukan basis data FlexDesk", "not a FlexDesk database")
    unknown = revisions - _known_revisions()
    if unknown:
        raise bad(
            f"dibuat oleh FlexDesk yang lebih baru (skema {', '.join(sorted(unknown))})",
            f"made by a newer FlexDesk (schema {', '.join(sorted(unknown))})",
        )


def restore_backup(paths: DataPaths, backup: Path, *, now: datetime | None = None) -> RestoreResult:
    """Replace the database of ``paths`` with ``backup``. No engine may have it open."""
    verify_backup(backup)
    target = paths.database
    safety: Path | None = None
    if target.exists():
        safety = _unique(
            paths.backups / f"flexdesk-pre-restore-{_utc(now).strftime(STAMP)}{SUFFIX}"
        )
        copy_sqlite(target, safety)
        # Fold the WAL into the file and remove it: a -wal left beside the restored file would
        # be replayed onto it.
        with closing(sqlite3.connect(target)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("PRAGMA journal_mode=DELETE")
        for suffix in ("-wal", "-shm"):
            if target.with_name(target.name + suffix).exists():
                raise StorageError(
                    "Basis data masih dipakai; tutup FlexDesk lalu ulangi pemulihan.",
                    message_en="The database is still in use; close FlexDesk and restore again.",
                )
    copy_sqlite(backup, target)
    log.info("database restored from %s (previous state in %s)", backup, safety)
    return RestoreResult(backup, safety)


def newest_backup_time(folder: Path) -> datetime | None:
    times = [describe_time(p) for p in _backup_files(folder)]
    return max(times) if times else None


def describe_time(path: Path) -> datetime:
    _, created = _parse_name(path)
    return created or datetime.fromtimestamp(path.stat().st_mtime, UTC)


def auto_backup_if_due(
    db: Database, paths: DataPaths, *, now: datetime | None = None
) -> BackupInfo | None:
    """The start-up backup: made when the newest backup is more than a day old."""
    if not db.is_sqlite:
        return None
    last = newest_backup_time(paths.backups)
    if last is not None and _utc(now) - last < AUTO_INTERVAL:
        return None
    return create_backup(db, paths, kind="auto", now=now)


def rotate_backups(folder: Path, *, now: datetime | None = None) -> list[Path]:
    """Delete automatic backups beyond 7 daily, 4 weekly and 12 monthly; returns the deleted."""
    autos = sorted(
        ((describe_time(p), p) for p in _backup_files(folder) if _parse_name(p)[0] == "auto"),
        reverse=True,
    )
    keep: set[Path] = set()
    for period, count in (
        (lambda t: t.date(), KEEP_DAILY),
        (lambda t: t.isocalendar()[:2], KEEP_WEEKLY),
        (lambda t: (t.year, t.month), KEEP_MONTHLY),
    ):
        seen: list[object] = []
        for created, path in autos:
            key = period(created)
            if key in seen:
                continue
            if len(seen) == count:
                break
            seen.append(key)
            keep.add(path)
    deleted = []
    for _, path in autos:
        if path not in keep:
            with contextlib.suppress(OSError):
                path.unlink()
                deleted.append(path)
    return deleted


def manual_backup(
    session: Session,
    actor: Actor,
    db: Database,
    paths: DataPaths,
    *,
    dest_dir: Path | None = None,
) -> BackupInfo:
    """ "Back up to...": the admin's backup, e.g. to a USB drive (``Services.call`` style)."""
    require(actor, Action.BACKUP_MANAGE)
    return create_backup(db, paths, dest_dir=dest_dir, kind="manual")
