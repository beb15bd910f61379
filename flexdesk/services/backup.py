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
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

from flexdesk.db.engine import Database
from flexdesk.db.migrate import _REVISION_RE, MIGRATIONS_DIR
from flexdesk.db.models import Office
from flexdesk.errors import Cancelled, StorageError
from flexdesk.paths import DataPaths
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.sync._fs import fsync_dir, open_regular, temp_path_for

log = logging.getLogger(__name__)

SUFFIX = ".sqlite3"
_NAME_RE = re.compile(r"^flexdesk-(?P<kind>[a-z-]+)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.sqlite3$")
_MIGRATION_NAME_RE = re.compile(r"^pre-migration-.*-(?P<stamp>\d{8}-\d{6})\.sqlite3$")
STAMP = "%Y%m%d-%H%M%S"
AUTO_INTERVAL = timedelta(days=1)
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
#: tables whose row counts the backup list shows
COUNTED_TABLES = ("employees", "users", "output_logs", "schedule_entries", "audit_log")
#: Also counted, not listed with the records: bundle numbers used (one row per export, kept
#: for ever). More now than in a backup means bundles central may hold were made after it;
#: restoring it rewinds the bundle numbers and the audit chain, and central refuses the next
#: bundle (``fork`` / ``audit-continuity``) until its operator accepts the restored history.
SYNC_BUNDLES = "sync_bundles"
#: tables every FlexDesk database has had since the first schema (0001): without them a file
#: with a known ``alembic_version`` is still someone else's database
CORE_TABLES = frozenset({"offices", "employees", "users", "settings"})
SQLITE_MAGIC = b"SQLite format 3\x00"
#: the largest backup file copied in from outside (a regional office's database is a few MB)
MAX_IMPORT_BYTES = 2 * 1024**3
#: free space kept beyond what an import and the restore after it need
SPACE_MARGIN = 32 * 1024**2
_CHUNK = 1024 * 1024

ProgressFn = Callable[[int, int, str], None]
CancelledFn = Callable[[], bool]


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str  # auto | manual | pre-restore | pre-migration | other
    created: datetime  # UTC
    size: int
    counts: dict[str, int] = field(default_factory=dict)
    readable: bool = True
    office: str = ""  # "unit kerja — instansi" of the office it belongs to, if readable


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


def _fsync_file(path: Path) -> None:
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
        with closing(sqlite3.connect(src)) as source, closing(sqlite3.connect(tmp)) as target:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        _fsync_file(tmp)
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
    """Read a backup without writing anything beside it, treating its schema as untrusted.

    ``immutable=1``: a backup is a finished file, so SQLite takes no locks and creates no
    ``-wal``/``-shm`` even for a file in WAL mode (``mode=ro`` alone leaves both behind).
    ``trusted_schema=OFF``: views and triggers of a foreign file cannot call functions.
    """
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    # a damaged page may hold text that is not UTF-8: read it, let the checks refuse it
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
    conn.execute("PRAGMA trusted_schema=OFF")
    return conn


def describe_backup(path: Path) -> BackupInfo:
    kind, created = _parse_name(path)
    stat = path.stat()
    if created is None:
        created = datetime.fromtimestamp(stat.st_mtime, UTC)
    counts: dict[str, int] = {}
    readable = True
    office_name = ""
    try:
        with closing(_open_ro(path)) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            for table in (*COUNTED_TABLES, SYNC_BUNDLES):
                if table in tables:
                    counts[table] = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            if "offices" in tables:
                row = conn.execute("SELECT unit_kerja, instansi FROM offices LIMIT 1").fetchone()
                if row:
                    office_name = _office_label(str(row[0]), str(row[1]))
    except (sqlite3.Error, ValueError, TypeError):
        readable = False
    return BackupInfo(path, kind, created, stat.st_size, counts, readable, office_name)


def bundles_since(backup_counts: dict[str, int], now_counts: dict[str, int]) -> int:
    """Sync bundles made after the backup was taken (0 if none, or if sync was never used)."""
    return max(0, now_counts.get(SYNC_BUNDLES, 0) - backup_counts.get(SYNC_BUNDLES, 0))


def _office_label(unit_kerja: str, instansi: str) -> str:
    text = f"{unit_kerja} — {instansi}"
    return "".join(ch if ch.isprintable() else " " for ch in text)[:200]


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
    return (_office_label(row.unit_kerja, row.instansi) if row else ""), counts


def _backup_files(folder: Path) -> Iterable[Path]:
    if not folder.is_dir():
        return []
    return [
        p
        for p in folder.iterdir()
        # is_file: a FIFO or folder under a backup's name would hang or fail the listing
        if p.suffix == SUFFIX and not p.name.startswith(".") and p.is_file()
    ]


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


def display_name(path: Path, limit: int = 60) -> str:
    """A file name fit for a message: control characters replaced, long names shortened
    (a name on a USB drive is not trusted to be printable)."""
    name = "".join(ch if ch.isprintable() else "?" for ch in path.name)
    return name if len(name) <= limit else name[: limit - 1] + "…"


def verify_backup(path: Path, *, name: str | None = None) -> None:
    """Raise StorageError unless ``path`` is an intact FlexDesk database this version can open.

    ``name`` is what messages call the file (default: its own name).
    """
    label = name or display_name(path)

    def bad(reason_id: str, reason_en: str) -> StorageError:
        return StorageError(
            f"Cadangan {label} tidak dapat dipakai: {reason_id}.",
            message_en=f"The backup {label} cannot be used: {reason_en}.",
        )

    if not path.is_file():
        raise bad("berkas tidak ada", "the file does not exist")
    try:
        with closing(_open_ro(path)) as conn:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            revisions = (
                {str(r[0])[:64] for r in conn.execute("SELECT version_num FROM alembic_version")}
                if "alembic_version" in tables
                else set()
            )
    except (sqlite3.Error, ValueError) as exc:
        raise bad(f"bukan basis data yang utuh ({exc})", f"not an intact database ({exc})") from exc
    if result != ["ok"]:
        detail = "; ".join(str(r) for r in result[:3])
        raise bad(f"rusak ({detail})", f"damaged ({detail})")
    if not revisions or not CORE_TABLES.issubset(tables):
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
    try:
        if target.exists():
            safety = _unique(
                paths.backups / f"flexdesk-pre-restore-{_utc(now).strftime(STAMP)}{SUFFIX}"
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
        _raw_copy(target, safety)
        wal = target.with_name(target.name + "-wal")
        if wal.exists():
            _raw_copy(wal, safety.with_name(safety.name + "-wal"))
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


def _raw_copy(src: Path, dest: Path) -> None:
    tmp = temp_path_for(dest)
    try:
        shutil.copyfile(src, tmp)
        _fsync_file(tmp)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(dest.parent)


def restore_as(
    actor: Actor, paths: DataPaths, backup: Path, *, now: datetime | None = None
) -> RestoreResult:
    """The admin's restore (``backup.manage``); the database must already be closed.

    Only for the SQLite file: an office whose data folder names a PostgreSQL server
    (``database-url.txt``) would otherwise "restore" a file nobody uses.
    """
    from flexdesk.services.app import configured_database_url  # (app imports this module)

    require(actor, Action.BACKUP_MANAGE)
    if configured_database_url(paths):
        raise server_database_error()
    return restore_backup(paths, backup, now=now)


def server_database_error() -> StorageError:
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


def _import_error(source: Path, reason_id: str, reason_en: str) -> StorageError:
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
    report = progress or (lambda done, total, text: None)
    cancelled = is_cancelled or (lambda: False)
    try:
        # of what was opened, not of the name: a folder, FIFO or device is refused unread
        src_file = open_regular(source)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise _import_error(
            source, f"tidak dapat dibuka ({reason})", f"it cannot be opened ({reason})"
        ) from exc
    with src_file as src:
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
        stamp = _utc(now).strftime(STAMP)
        final = _unique(paths.backups / f"flexdesk-imported-{stamp}{SUFFIX}")
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
