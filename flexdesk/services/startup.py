"""Checks before a database is used: not on a network share, and not damaged.

SQLite's locking does not work reliably over SMB/CIFS or NFS: two PCs writing the same file
through a share corrupt it. FlexDesk therefore refuses a database on a network drive and points
to the PostgreSQL option (``--database-url``), which is made for several PCs on a LAN.

``PRAGMA quick_check`` runs at every start (milliseconds for an office-sized file); the full
``PRAGMA integrity_check`` runs when the last one is a week old, remembered in
``integrity-check.json`` in the data folder (a file, so that remembering it writes nothing to
the database and its audit trail).

:func:`reconcile` then settles what a killed process left half done (an export whose history
still says "exporting", hidden temporary files of bundles, backups and restores, attachment
parts), while holding the data folder's instance lock; :class:`Reconciled` sums it up.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from flexdesk.errors import StorageError

if TYPE_CHECKING:
    from flexdesk.db.engine import Database
    from flexdesk.paths import DataPaths
    from flexdesk.services.storage.bundle_reconcile import BundleFix
    from flexdesk.services.storage.reconcile import RemovedFile

log = logging.getLogger(__name__)

NETWORK_FS = frozenset(
    {
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "nfs",
        "nfs4",
        "afs",
        "ncpfs",
        "9p",
        "ceph",
        "glusterfs",
        "fuse.sshfs",
        "fuse.davfs",
        "davfs",
        "fuse.gvfsd-fuse",
        "fuse.rclone",
        "webdav",
    }
)
FULL_CHECK_INTERVAL = timedelta(days=7)
CHECK_STATE_FILE = "integrity-check.json"
DRIVE_REMOTE = 4  # GetDriveTypeW


def _unescape_mount(field: str) -> str:
    # /proc/mounts escapes space, tab, newline and backslash as octal
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def linux_mount_type(path: Path, mounts_text: str) -> str | None:
    """The file-system type of the mount that holds ``path`` (longest mount-point prefix)."""
    target = str(path)
    best, best_type = "", None
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = _unescape_mount(parts[1])
        prefix = point.rstrip("/") + "/"
        if (target == point or target.startswith(prefix) or point == "/") and len(point) > len(
            best
        ):
            best, best_type = point, parts[2]
    return best_type


def windows_network_reason(path_text: str) -> str | None:
    r"""Why a Windows path is on the network: a UNC path (\\server\share) or a mapped drive."""
    if path_text.startswith(("\\\\", "//")) and not path_text.startswith(("\\\\?\\", "\\\\.\\")):
        return "UNC"
    if path_text.upper().startswith("\\\\?\\UNC\\"):
        return "UNC"
    if os.name != "nt":
        return None
    import ctypes

    drive = os.path.splitdrive(path_text)[0]
    if not drive:
        return None
    kernel32 = getattr(ctypes, "windll").kernel32  # noqa: B009  (windll exists on Windows only)
    if kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE:
        return f"mapped network drive {drive}"
    return None


def network_share_reason(path: Path, *, mounts_file: Path = Path("/proc/mounts")) -> str | None:
    """A short reason when ``path`` lies on a network share, else None."""
    reason = windows_network_reason(str(path))
    if reason:
        return reason
    if mounts_file.is_file():
        try:
            fs_type = linux_mount_type(path.resolve(), mounts_file.read_text(encoding="utf-8"))
        except OSError:
            return None
        if fs_type and (fs_type in NETWORK_FS or fs_type.split(".")[0] in {"nfs", "cifs"}):
            return fs_type
    return None


def refuse_network_share(database: Path, *, mounts_file: Path = Path("/proc/mounts")) -> None:
    """Refuse a database file on a network share (SQLite there can be damaged when shared), with the way out in the message."""
    reason = network_share_reason(database.parent, mounts_file=mounts_file)
    if reason is None:
        return
    raise StorageError(
        f"Basis data {database} berada di folder jaringan ({reason}). SQLite di folder "
        "jaringan dapat rusak bila dipakai bersama. Simpan folder data di disk komputer ini "
        "(--data-dir), atau untuk beberapa komputer pakai server PostgreSQL (--database-url).",
        message_en=(
            f"The database {database} is on a network share ({reason}). SQLite over a network "
            "share gets corrupted when shared. Keep the data folder on this computer's disk "
            "(--data-dir), or for several PCs use a PostgreSQL server (--database-url)."
        ),
    )


def _read_state(root: Path) -> dict[str, str]:
    try:
        value = json.loads((root / CHECK_STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def full_check_due(root: Path, now: datetime) -> bool:
    """True when the weekly full integrity check of the SQLite file is due."""
    last = _read_state(root).get("full_integrity_check")
    try:
        when = datetime.fromisoformat(str(last))
    except ValueError:
        return True
    return now - when >= FULL_CHECK_INTERVAL


def check_integrity(database: Path, root: Path, *, now: datetime | None = None) -> str:
    """quick_check (or the weekly full integrity_check); returns which ran. StorageError if bad."""
    if not database.exists():
        return "none"
    now = now or datetime.now(UTC)
    full = full_check_due(root, now)
    pragma = "integrity_check" if full else "quick_check"
    try:
        with closing(sqlite3.connect(database)) as conn:
            result = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}")]
    except sqlite3.DatabaseError as exc:
        result = [str(exc)]
    if result != ["ok"]:
        detail = "; ".join(result[:3])
        log.error("%s failed for %s: %s", pragma, database, detail)
        raise StorageError(
            f"Basis data {database} rusak ({detail}). Jangan dipakai lagi: pulihkan cadangan "
            f"terakhir dari {root / 'backups'} (flexdesk backup list / restore).",
            message_en=(
                f"The database {database} is damaged ({detail}). Stop using it and restore the "
                f"latest backup from {root / 'backups'} (flexdesk backup list / restore)."
            ),
        )
    if full:
        state = _read_state(root)
        state["full_integrity_check"] = now.isoformat()
        try:
            from flexdesk.sync._fs import atomic_write_bytes

            atomic_write_bytes(root / CHECK_STATE_FILE, json.dumps(state).encode("utf-8"))
        except OSError as exc:  # not being able to remember only means checking again
            log.warning("cannot remember the integrity check: %s", exc)
    return pragma


def glance_office(database: Path) -> str | None:
    """The name of the office in ``database`` if it is set up (an office and a user account),
    read with the sqlite3 module alone; otherwise, or if the file cannot be read, None.

    The GUI uses it to show the sign-in window before SQLAlchemy and the services are loaded
    (about half a second); the database is then opened, checked and migrated as always, and a
    problem found there closes the window with the usual message. Nothing is written here.
    """
    if not database.is_file():
        return None
    try:
        # mode=rw: never create a file; no transaction is started by these reads
        with closing(sqlite3.connect(f"{database.as_uri()}?mode=rw", uri=True, timeout=2)) as conn:
            office = conn.execute("SELECT unit_kerja, instansi FROM offices LIMIT 1").fetchone()
            has_user = conn.execute("SELECT 1 FROM users LIMIT 1").fetchone()
    except (sqlite3.Error, ValueError):
        return None
    if office is None or has_user is None:
        return None
    unit, instansi = (str(v or "") for v in office)
    return f"{unit} — {instansi}"


#: when this process started using FlexDesk (files older than this are not being written by it)
PROCESS_START = time.time()
#: a leftover file must also be this old: one being written has a fresh modification time
STALE_SECONDS = 600.0


@dataclass(frozen=True)
class Reconciled:
    """What start-up reconciliation did (nothing when ``skipped`` says why)."""

    bundles: tuple[BundleFix, ...] = ()
    removed: tuple[RemovedFile, ...] = ()
    skipped: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.bundles or self.removed)

    def summary(self) -> tuple[str, str]:
        """One line (Indonesian, English) for the start-up notice and the log."""
        sent = sum(1 for b in self.bundles if b.outcome == "sent")
        failed = sum(1 for b in self.bundles if b.outcome == "failed")
        pending = sum(1 for b in self.bundles if b.outcome == "pending")
        size = sum(r.size for r in self.removed)
        return (
            f"Pembenahan saat mulai: {sent} paket dicatat terkirim, {failed} paket tidak utuh "
            f"ditandai gagal, {pending} menunggu foldernya; {len(self.removed)} berkas sisa "
            f"dihapus ({size} bita).",
            f"Start-up reconciliation: {sent} bundle(s) recorded as sent, {failed} incomplete "
            f"bundle(s) marked failed, {pending} waiting for their folder; "
            f"{len(self.removed)} leftover file(s) removed ({size} bytes).",
        )


def reconcile(
    db: Database,
    paths: DataPaths,
    *,
    started_at: float | None = None,
    stale_seconds: float = STALE_SECONDS,
    now: datetime | None = None,
) -> Reconciled:
    """Settle half-finished exports and remove leftover temporary files, only while holding
    the data folder's instance lock (a GUI of this process already holding it counts); with
    another FlexDesk window open on the folder, nothing is touched. Never raises for what it
    finds: a problem is logged and the start goes on."""
    from flexdesk.instance_lock import InstanceLock
    from flexdesk.services.storage.bundle_files import exports_running
    from flexdesk.services.storage.bundle_reconcile import reconcile_bundles
    from flexdesk.services.storage.reconcile import clean_leftovers

    lock = InstanceLock(paths.root)
    acquired = lock.acquire()
    if not acquired and lock.owner_pid() != os.getpid():
        return Reconciled(skipped="another FlexDesk holds this data folder")
    try:
        bundles = tuple(reconcile_bundles(db, paths, now=now))
        before = min(
            PROCESS_START if started_at is None else started_at, time.time() - stale_seconds
        )
        include_exports = not exports_running(paths)
        removed = tuple(clean_leftovers(db, paths, before=before, include_exports=include_exports))
    except Exception:  # reconciling is a courtesy; the office must still be able to work
        log.exception("start-up reconciliation failed")
        return Reconciled(skipped="reconciliation failed (see the log)")
    finally:
        if acquired:
            lock.release()
    result = Reconciled(bundles, removed)
    if result.changed:
        log.warning("%s", result.summary()[1])
    return result
