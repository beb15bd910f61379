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

A backup file from elsewhere (a USB drive) is first copied in by :func:`import_backup_file`:
only a regular file, within a size limit and the free space, starting with the SQLite header,
copied under a name FlexDesk chooses, verified as the copy (never the source, which may change
meanwhile), and only then renamed into the backups folder; on any failure nothing is left.

Here: making, listing, rotating and restoring backups. Beside it, imported back here so that
callers use ``backup.<name>`` for all of it: :mod:`.backup_files` (names, durable copies),
:mod:`.backup_check` (describe and verify a backup) and :mod:`.backup_import`.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

from flexdesk.db.engine import Database
from flexdesk.db.models import Office
from flexdesk.errors import StorageError
from flexdesk.paths import DataPaths
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.storage.account_check import require_signed_in_file
from flexdesk.services.storage.backup_check import (
    CORE_TABLES,
    COUNTED_TABLES,
    SYNC_BUNDLES,
    BackupInfo,
    bundles_since,
    describe_backup,
    office_label,
    verify_backup,
)
from flexdesk.services.storage.backup_files import (
    STAMP,
    SUFFIX,
    backup_paths,
    copy_sqlite,
    describe_time,
    display_name,
    parse_name,
    raw_copy,
    unique_path,
    utc,
)
from flexdesk.services.storage.backup_import import (
    MAX_IMPORT_BYTES,
    SPACE_MARGIN,
    SQLITE_MAGIC,
    CancelledFn,
    ProgressFn,
    import_backup_file,
)

__all__ = [
    "AUTO_INTERVAL",
    "CORE_TABLES",
    "COUNTED_TABLES",
    "KEEP_DAILY",
    "KEEP_MONTHLY",
    "KEEP_WEEKLY",
    "MAX_IMPORT_BYTES",
    "SPACE_MARGIN",
    "SQLITE_MAGIC",
    "STAMP",
    "SUFFIX",
    "SYNC_BUNDLES",
    "BackupInfo",
    "CancelledFn",
    "ProgressFn",
    "RestoreResult",
    "auto_backup_if_due",
    "bundles_since",
    "check_backup_as",
    "copy_sqlite",
    "create_backup",
    "current_summary",
    "describe_backup",
    "describe_time",
    "display_name",
    "import_backup_file",
    "list_backups",
    "manual_backup",
    "newest_backup_time",
    "restore_as",
    "restore_backup",
    "rotate_backups",
    "server_database_error",
    "verify_backup",
]

log = logging.getLogger(__name__)

AUTO_INTERVAL = timedelta(days=1)
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12


@dataclass(frozen=True)
class RestoreResult:
    """The backup a restore used, and the pre-restore backup of what it replaced."""

    restored_from: Path
    safety: Path | None  # the backup of the state before the restore


def _database_file(db: Database) -> Path:
    if not db.is_sqlite or not db.engine.url.database:
        raise StorageError(
            "Cadangan otomatis hanya untuk basis data SQLite; cadangkan PostgreSQL dengan pg_dump.",
            message_en="Backups here are for SQLite databases; back up PostgreSQL with pg_dump.",
        )
    return Path(db.engine.url.database)


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
    stamp = utc(now).strftime(STAMP)
    dest = unique_path(folder / f"flexdesk-{kind}-{stamp}{SUFFIX}")
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


def current_summary(session: Session, actor: Actor) -> tuple[str, dict[str, int]]:
    """The open database's office name and record counts (what a restore would replace),
    including :data:`SYNC_BUNDLES`."""
    require(actor, Action.BACKUP_MANAGE)
    names = set(inspect(session.get_bind()).get_table_names())
    counts = {
        table: int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
        for table in (*COUNTED_TABLES, SYNC_BUNDLES)
        if table in names
    }
    row = session.scalar(select(Office).limit(1))
    return (office_label(row.unit_kerja, row.instansi) if row else ""), counts


def list_backups(folder: Path) -> list[BackupInfo]:
    """Every backup in ``folder``, newest first, with size and record counts."""
    infos = [describe_backup(p) for p in backup_paths(folder)]
    return sorted(infos, key=lambda i: i.created, reverse=True)


def restore_backup(paths: DataPaths, backup: Path, *, now: datetime | None = None) -> RestoreResult:
    """Replace the database of ``paths`` with ``backup``. No engine may have it open."""
    verify_backup(backup)
    target = paths.database
    safety: Path | None = None
    try:
        if target.exists():
            safety = unique_path(
                paths.backups / f"flexdesk-pre-restore-{utc(now).strftime(STAMP)}{SUFFIX}"
            )
            _keep_current(target, safety)
        copy_sqlite(backup, target)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(
            f"Pemulihan gagal ({exc}); basis data tidak diganti.",
            message_en=f"The restore failed ({exc}); the database was not replaced.",
        ) from exc
    log.info("database restored from %s (previous state in %s)", backup, safety)
    return RestoreResult(backup, safety)


def _keep_current(target: Path, safety: Path) -> None:
    """The pre-restore backup of ``target``, then fold and remove its WAL (a -wal left beside
    the restored file would be replayed onto it)."""
    intact = True
    try:
        copy_sqlite(target, safety)
    except sqlite3.DatabaseError as exc:
        # A damaged database (often the reason for a restore) may not copy through SQLite:
        # keep its bytes as they are, its WAL beside them.
        log.warning("current database cannot be copied by SQLite (%s); keeping its bytes", exc)
        intact = False
        raw_copy(target, safety)
        wal = target.with_name(target.name + "-wal")
        if wal.exists():
            raw_copy(wal, safety.with_name(safety.name + "-wal"))
    try:
        with closing(sqlite3.connect(target)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.OperationalError:  # busy or locked: someone still has it open
        pass  # reported below: the -wal is still there
    except sqlite3.DatabaseError:
        if intact:
            raise
        for suffix in ("-wal", "-shm"):  # kept with the raw copy; never replayed
            target.with_name(target.name + suffix).unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        if target.with_name(target.name + suffix).exists():
            raise StorageError(
                "Basis data masih dipakai; tutup FlexDesk lalu ulangi pemulihan.",
                message_en="The database is still in use; close FlexDesk and restore again.",
            )


def restore_as(
    actor: Actor, paths: DataPaths, backup: Path, *, now: datetime | None = None
) -> RestoreResult:
    """The admin's restore (``backup.manage``); the database must already be closed.

    Only for the SQLite file: an office whose data folder names a PostgreSQL server
    (``database-url.txt``) would otherwise "restore" a file nobody uses.
    """
    from flexdesk.services.storage.location import configured_database_url

    require(actor, Action.BACKUP_MANAGE)
    if configured_database_url(paths):
        raise server_database_error()
    require_signed_in_file(actor, paths)
    return restore_backup(paths, backup, now=now)


def server_database_error() -> StorageError:
    """The refusal to back up or restore here when the office's data is on PostgreSQL."""
    return StorageError(
        "Data kantor ini ada di server PostgreSQL; cadangan dan pemulihan di sini hanya untuk "
        "berkas SQLite. Pulihkan server dengan pg_restore.",
        message_en="This office's data is on a PostgreSQL server; backups and restores here are "
        "for the SQLite file only. Restore the server with pg_restore.",
    )


def check_backup_as(actor: Actor, backup: Path) -> BackupInfo:
    """Verify ``backup`` for the admin's restore dialog and describe it (date, size, counts)."""
    require(actor, Action.BACKUP_MANAGE)
    verify_backup(backup)
    return describe_backup(backup)


def newest_backup_time(folder: Path) -> datetime | None:
    """When the newest backup in ``folder`` was made, or None if there is none."""
    times = [describe_time(p) for p in backup_paths(folder)]
    return max(times) if times else None


def auto_backup_if_due(
    db: Database, paths: DataPaths, *, now: datetime | None = None
) -> BackupInfo | None:
    """The start-up backup: made when the newest backup is more than a day old."""
    if not db.is_sqlite:
        return None
    last = newest_backup_time(paths.backups)
    if last is not None and utc(now) - last < AUTO_INTERVAL:
        return None
    return create_backup(db, paths, kind="auto", now=now)


def rotate_backups(folder: Path, *, now: datetime | None = None) -> list[Path]:
    """Delete automatic backups beyond 7 daily, 4 weekly and 12 monthly; returns the deleted."""
    autos = sorted(
        ((describe_time(p), p) for p in backup_paths(folder) if parse_name(p)[0] == "auto"),
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
