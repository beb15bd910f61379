"""Start-up removal of leftover temporary files (issue 18 item 3): what a killed process
leaves in the data, backups, export and attachment folders goes; everything else, and above
all every backup a person may need, stays."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from flexdesk.db.engine import Database
from flexdesk.db.models import Employee
from flexdesk.db.models_sync import SyncBundle
from flexdesk.errors import StorageError
from flexdesk.paths import DataPaths
from flexdesk.services import startup
from flexdesk.services.app import open_database
from flexdesk.services.storage import backup
from tests.support.helpers import Staff, add_employee

pytestmark = pytest.mark.sqlite_only(reason="backups and restores of the SQLite file")

HOUR = 3600.0


def make(path: Path, data: bytes = b"x" * 100, *, age: float = HOUR) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    when = time.time() - age
    os.utime(path, (when, when))
    return path


def reconcile(db: Database, paths: DataPaths) -> startup.Reconciled:
    # files written by this test before "now" count as older than the process start
    return startup.reconcile(db, paths, started_at=time.time(), stale_seconds=60)


def test_leftover_temporary_files_go_and_everything_else_stays(
    db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    root, backups = data_paths.root, data_paths.backups
    leftovers = {
        make(backups / ".flexdesk-auto-20261201-010203.sqlite3.tmp-0a1b2c3d"): "temporary copy",
        make(backups / ".flexdesk-auto-20261201-010203.sqlite3.tmp-0a1b2c3d-journal"): (
            "temporary copy"
        ),
        make(backups / ".flexdesk-imported-20261201-010203.sqlite3.tmp-ffff0000"): (
            "temporary copy"
        ),
        make(root / ".flexdesk.sqlite3.tmp-12345678"): "temporary copy",  # a restore's copy
        make(root / ".integrity-check.json.tmp-9abcdef0"): "temporary copy",
        make(data_paths.exports / ".O042-000000003.zip.tmp-deadbeef"): "temporary copy",
        make(data_paths.attachments / "tmp" / "in-k2j3h4.part"): "attachment part",
        # evidence opened in a viewer by an earlier session, a killed export's staged file
        make(data_paths.cache / "bukti" / ("ab" * 8) / "Notulen.pdf"): "evidence copy",
        make(data_paths.cache / "export" / (("cd" * 32) + ".pdf")): "evidence copy",
    }
    kept = [
        make(backups / "flexdesk-manual-20261201-010203.sqlite3"),
        make(backups / "flexdesk-pre-migration-20261201-010203.sqlite3"),
        # being written right now (modified a second ago)
        make(backups / ".flexdesk-auto-20261202-010203.sqlite3.tmp-11112222", age=1),
        make(root / ".hidden-note.txt"),
        make(root / "notes.part"),  # a .part outside the attachment store's tmp folder
        make(data_paths.exports / "O042-000000003.zip"),
        make(data_paths.attachments / "ab" / ("ab" + "0" * 62)),
        make(data_paths.cache / "bukti" / ("ef" * 8) / "opened-now.pdf", age=1),
    ]
    result = reconcile(db, data_paths)
    assert result.skipped is None
    assert {r.path: r.kind for r in result.removed} == leftovers
    assert not [p for p in leftovers if p.exists()]
    assert [p for p in kept if not p.exists()] == []
    assert sum(r.size for r in result.removed) == 100 * len(leftovers)
    text_id, text_en = result.summary()
    assert f"{len(leftovers)} berkas sisa dihapus" in text_id
    assert f"{len(leftovers)} leftover file(s) removed" in text_en
    assert not reconcile(db, data_paths).changed  # a second start: nothing more


def test_files_newer_than_the_process_start_stay(db: Database, data_paths: DataPaths) -> None:
    started = time.time() - 5
    fresh = make(data_paths.backups / ".flexdesk-manual-x.sqlite3.tmp-0a0a0a0a", age=1)
    part = make(data_paths.attachments / "tmp" / "in-new.part", age=1)
    result = startup.reconcile(db, data_paths, started_at=started, stale_seconds=0)
    assert result.removed == ()
    assert fresh.exists() and part.exists()


def refused_restore(db: Database, paths: DataPaths) -> Path:
    """A restore refused after it copied the current state (another connection keeps the
    database in use): the pre-restore copy stays behind, the database is not replaced."""
    made = backup.create_backup(db, paths, kind="manual")
    with db.read_session() as s:  # the database is still open and in use
        s.scalar(select(Employee.nama).limit(1))
        with pytest.raises(StorageError):
            backup.restore_backup(paths, made.path)
    [copy] = paths.backups.glob("flexdesk-pre-restore-*.sqlite3")
    return copy


def age(path: Path) -> None:
    when = time.time() - HOUR
    os.utime(path, (when, when))


def test_pre_restore_copy_of_a_refused_restore_is_removed(
    db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    copy = refused_restore(db, data_paths)
    age(copy)
    size = copy.stat().st_size
    result = reconcile(db, data_paths)
    assert [(r.path, r.kind, r.size) for r in result.removed] == [
        (copy, "refused restore copy", size)
    ]
    assert not copy.exists()
    assert len(list(data_paths.backups.glob("flexdesk-manual-*.sqlite3"))) == 1  # kept


def test_refused_restore_copy_then_more_work_is_still_a_leftover(
    db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    copy = refused_restore(db, data_paths)
    age(copy)
    add_employee(db, staff.admin, "Pegawai Sesudahnya")  # the office carries on
    assert [r.path for r in reconcile(db, data_paths).removed] == [copy]


def test_pre_restore_copy_of_a_completed_restore_is_kept(
    db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    made = backup.create_backup(db, data_paths, kind="manual")
    add_employee(db, staff.admin, "Pegawai Sesudah Cadangan")
    db.dispose()
    result = backup.restore_backup(data_paths, made.path)
    assert result.safety is not None
    age(result.safety)
    reopened = open_database(data_paths, auto_backup=False)
    try:
        add_employee(reopened, staff.admin, "Pegawai Lain")
        assert reconcile(reopened, data_paths).removed == ()
    finally:
        reopened.dispose()
    assert result.safety.exists()


def test_pre_restore_copy_holding_bundles_the_database_lacks_is_kept(
    db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    """Same audit trail, but the copy recorded an export the current database does not
    know: it is what keeps the office from reusing that bundle number."""
    copy = refused_restore(db, data_paths)
    age(copy)
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(copy)) as conn, conn:
        conn.execute(
            "INSERT INTO sync_bundles (seq, status, key_id, file_name, folder, size, "
            "record_count, counts, attachment_count, report_count, change_from, change_to, "
            "created_at, error) VALUES (7, 'sent', 'k', 'f', 'd', 1, 0, '{}', 0, 0, 0, 0, "
            "'2026-12-01 00:00:00', '')"
        )
    age(copy)
    with db.read_session() as s:
        assert s.get(SyncBundle, 7) is None
    assert reconcile(db, data_paths).removed == ()
    assert copy.exists()


def test_unreadable_or_empty_pre_restore_copy_is_kept(
    db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    junk = make(data_paths.backups / "flexdesk-pre-restore-20261201-000000.sqlite3", b"no db")
    assert reconcile(db, data_paths).removed == ()
    assert junk.exists()
