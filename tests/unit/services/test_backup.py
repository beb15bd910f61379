"""Backups (create while open, list with counts, verify, restore, rotation, start-up backup)
and start-up checks (integrity, network shares, one instance per data folder)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from flexdesk.cli import main
from flexdesk.db.engine import Database
from flexdesk.db.models import Employee
from flexdesk.errors import StorageError
from flexdesk.instance_lock import InstanceLock
from flexdesk.paths import DataPaths
from flexdesk.services import startup
from flexdesk.services.app import open_database
from flexdesk.services.storage import backup
from tests.support.helpers import Staff, add_employee


def _names(db: Database) -> set[str]:
    with db.read_session() as session:
        return set(session.scalars(select(Employee.nama)))


def test_backup_while_open_with_uncommitted_work_then_restore(
    db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    # an open write transaction (like a dialog half-way through a save) is not in the backup
    pending = db.new_session()
    pending.add(Employee(nama="Belum Disimpan"))
    pending.flush()
    info = backup.create_backup(db, data_paths, kind="manual")
    pending.rollback()
    pending.close()
    assert info.counts["employees"] == 3
    assert info.readable and info.kind == "manual" and info.size > 0
    backup.verify_backup(info.path)
    add_employee(db, staff.admin, "Pegawai Sesudah Cadangan")
    assert "Pegawai Sesudah Cadangan" in _names(db)
    db.dispose()  # the caller closes the database before a restore
    result = backup.restore_backup(data_paths, info.path)
    assert result.safety is not None and result.safety.exists()
    reopened = open_database(data_paths)
    try:
        assert _names(reopened) == {"Bambang Hermawan", "Dewi Lestari", "Agus Saputra"}
    finally:
        reopened.dispose()
    # the state before the restore was kept
    safety = backup.describe_backup(result.safety)
    assert safety.kind == "pre-restore" and safety.counts["employees"] == 4
    assert not [p for p in data_paths.backups.iterdir() if p.name.startswith(".")]


def test_restore_refuses_a_corrupt_backup_and_changes_nothing(
    db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    info = backup.create_backup(db, data_paths)
    data = bytearray(info.path.read_bytes())
    page = 4096
    data[page * 2 : page * 2 + 512] = b"\xff" * 512  # scribble over a b-tree page
    info.path.write_bytes(bytes(data))
    db.dispose()
    before = data_paths.database.read_bytes()
    with pytest.raises(StorageError, match="tidak dapat dipakai"):
        backup.restore_backup(data_paths, info.path)
    assert data_paths.database.read_bytes() == before
    not_db = data_paths.backups / "flexdesk-manual-20260101-000000.sqlite3"
    not_db.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError):
        backup.verify_backup(not_db)
    assert not backup.describe_backup(not_db).readable


def test_rotation_keeps_7_daily_4_weekly_12_monthly(tmp_path: Path) -> None:
    now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    for days in range(400):
        when = now - timedelta(days=days)
        (tmp_path / f"flexdesk-auto-{when:%Y%m%d-%H%M%S}.sqlite3").write_bytes(b"")
    (tmp_path / "flexdesk-manual-20200101-000000.sqlite3").write_bytes(b"")
    backup.rotate_backups(tmp_path, now=now)
    left = sorted(p.name for p in tmp_path.iterdir())
    autos = [n for n in left if "-auto-" in n]
    assert "flexdesk-manual-20200101-000000.sqlite3" in left  # manual ones are never rotated
    days = {n[14:22] for n in autos}
    assert {f"{now - timedelta(days=d):%Y%m%d}" for d in range(7)} <= days
    assert len(autos) <= 7 + 4 + 12
    assert len({datetime.strptime(d, "%Y%m%d").strftime("%Y%m") for d in days}) == 12


def test_start_up_backup_once_a_day(staff: Staff, db: Database, data_paths: DataPaths) -> None:
    db.dispose()
    first = open_database(data_paths)
    first.dispose()
    autos = [i for i in backup.list_backups(data_paths.backups) if i.kind == "auto"]
    assert len(autos) == 1
    again = open_database(data_paths)
    try:
        assert backup.auto_backup_if_due(again, data_paths) is None
        later = datetime.now(UTC) + timedelta(days=1, minutes=1)
        assert backup.auto_backup_if_due(again, data_paths, now=later) is not None
    finally:
        again.dispose()


def test_cli_backup_create_list_verify_restore(
    staff: Staff, db: Database, data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    db.dispose()
    root = ["--data-dir", str(data_paths.root)]
    usb = data_paths.root.parent / "usb"
    assert main([*root, "backup", "create", "--to", str(usb)]) == 0
    made = next(usb.iterdir())
    assert main([*root, "backup", "list"]) == 0
    out = capsys.readouterr().out
    assert "employees 3" in out
    assert main([*root, "backup", "verify", str(made)]) == 0
    assert main([*root, "backup", "restore", str(made)]) == 0
    out, err = capsys.readouterr()
    assert "Disalin ke folder cadangan: flexdesk-imported-" in out and "Dipulihkan" in out
    assert "paket sinkronisasi" not in err  # nothing was synced since the backup
    assert made.is_file()  # the USB copy is left as it was
    # a listed backup is restored by its name, without another copy; an export made since the
    # backup (a bundle number used up) is pointed out: central will see a rewound history
    from flexdesk.db.engine import sqlite_url
    from flexdesk.db.models_sync import SyncBundle

    reopened = Database(sqlite_url(data_paths.database))
    with reopened.session() as session:
        session.add(SyncBundle(seq=1, status="sent"))
    reopened.dispose()
    listed = next(i.path for i in backup.list_backups(data_paths.backups) if i.kind == "imported")
    assert main([*root, "backup", "restore", listed.name]) == 0
    captured = capsys.readouterr()
    assert "Disalin" not in captured.out
    assert "1 paket sinkronisasi dibuat sesudah cadangan ini" in captured.err
    # a file that is not a backup is refused before anything changes
    junk = usb / "bukan-cadangan.sqlite3"
    junk.write_bytes(b"bukan basis data" * 64)
    before = data_paths.database.read_bytes()
    assert main([*root, "backup", "restore", str(junk)]) != 0
    assert data_paths.database.read_bytes() == before
    assert not [p for p in data_paths.backups.iterdir() if "imported" in p.name and p != listed]
    # an office on a PostgreSQL server is restored with pg_restore, never by replacing the file
    (data_paths.root / "database-url.txt").write_text("postgresql+psycopg://kantor@server/fd\n")
    assert main([*root, "backup", "restore", listed.name]) != 0
    assert "PostgreSQL" in capsys.readouterr().err
    assert data_paths.database.read_bytes() == before


def test_quick_check_every_start_full_check_weekly(db: Database, data_paths: DataPaths) -> None:
    db.dispose()
    (data_paths.root / startup.CHECK_STATE_FILE).unlink(missing_ok=True)
    now = datetime(2026, 11, 23, tzinfo=UTC)
    assert startup.check_integrity(data_paths.database, data_paths.root, now=now) == (
        "integrity_check"
    )
    later = now + timedelta(days=3)
    assert startup.check_integrity(data_paths.database, data_paths.root, now=later) == (
        "quick_check"
    )
    week = now + timedelta(days=7)
    assert startup.check_integrity(data_paths.database, data_paths.root, now=week) == (
        "integrity_check"
    )


def test_damaged_database_is_refused_at_start(
    db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    db.dispose()
    with closing(sqlite3.connect(data_paths.database)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'ix_employees_nama'"
        ).fetchone()[0]
    data = bytearray(data_paths.database.read_bytes())
    offset = (root - 1) * page_size
    data[offset + 8 : offset + 200] = os.urandom(192)
    data_paths.database.write_bytes(bytes(data))
    with pytest.raises(StorageError, match="rusak") as info:
        open_database(data_paths)
    assert "backup" in info.value.message_en


MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
//server/data /mnt/kantor cifs rw,relatime 0 0
server:/export /srv/nfs\\040share nfs4 rw 0 0
tmpfs /mnt/kantor/local tmpfs rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "fs_type"),
    [
        ("/home/admin/FlexDesk", "ext4"),
        ("/mnt/kantor/FlexDesk", "cifs"),
        ("/mnt/kantor/local/FlexDesk", "tmpfs"),
        ("/srv/nfs share/x", "nfs4"),
        ("/mnt/kantorx", "ext4"),
    ],
)
def test_mount_type_of_a_path(path: str, fs_type: str) -> None:
    assert startup.linux_mount_type(Path(path), MOUNTS) == fs_type


def test_network_share_is_refused(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(f"//server/data {tmp_path} cifs rw 0 0\n", encoding="utf-8")
    with pytest.raises(StorageError, match="PostgreSQL") as info:
        startup.refuse_network_share(tmp_path / "data" / "flexdesk.sqlite3", mounts_file=mounts)
    assert "network share" in info.value.message_en
    assert startup.windows_network_reason(r"\\server\share\FlexDesk") == "UNC"
    assert startup.windows_network_reason(r"C:\Users\admin") is None
    startup.refuse_network_share(tmp_path / "flexdesk.sqlite3", mounts_file=tmp_path / "none")


def test_one_instance_per_data_folder(tmp_path: Path) -> None:
    with InstanceLock(tmp_path) as first:
        assert first.acquire()
        assert first.owner_pid() == os.getpid()
        # another process cannot take it while this one holds it
        code = (
            "import sys; from pathlib import Path; from flexdesk.instance_lock import InstanceLock;"
            f"sys.exit(0 if InstanceLock(Path({str(tmp_path)!r})).acquire() else 3)"
        )
        assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 3
    # released (also what a crash does): the next start gets it
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
