"""Owner-only permissions for what holds the office's staff records (POSIX): the data folder
and its subfolders 0700, the database, its WAL files and every backup 0600 — also when the
process umask would have made them world-readable (issue: databases and backups were 0644)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from flexdesk.db.migrate import sqlite_file_backup
from flexdesk.paths import DataPaths, make_private
from flexdesk.services.app import open_database
from flexdesk.services.storage import backup
from tests.support.helpers import add_employee, setup_office

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX; see paths.py")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The loosest usual umask (022 leaves new files 0644, readable by every account)."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_data_folder_database_and_wal_are_owner_only(tmp_path: Path, open_umask: None) -> None:
    paths = DataPaths(tmp_path / "data kantor ñ")
    db = open_database(paths)
    try:
        admin = setup_office(db)
        add_employee(db, admin, "Pegawai Baru")  # the WAL now holds staff data
        for folder in (paths.root, paths.backups, paths.attachments, paths.exports, paths.keys):
            assert _mode(folder) == 0o700, folder
        assert _mode(paths.database) == 0o600
        wal = paths.database.with_name(paths.database.name + "-wal")
        assert wal.exists() and _mode(wal) == 0o600
        info = backup.create_backup(db, paths, kind="manual")
        assert _mode(info.path) == 0o600
        outside = backup.create_backup(db, paths, dest_dir=tmp_path / "usb stick")
        assert _mode(outside.path) == 0o600
    finally:
        db.dispose()


def test_an_existing_loose_database_is_tightened_at_start(tmp_path: Path, open_umask: None) -> None:
    paths = DataPaths(tmp_path / "data")
    open_database(paths).dispose()
    paths.database.chmod(0o644)
    paths.root.chmod(0o755)
    open_database(paths).dispose()
    assert _mode(paths.database) == 0o600
    assert _mode(paths.root) == 0o700


def test_pre_migration_backup_is_owner_only(tmp_path: Path, open_umask: None) -> None:
    paths = DataPaths(tmp_path / "data")
    open_database(paths).dispose()
    dest = sqlite_file_backup(paths.database, tmp_path / "pre-migration.sqlite3")
    assert _mode(dest) == 0o600
    # a copy killed mid-way left its .part: the next one starts over instead of failing
    leftover = tmp_path / "again.sqlite3.part"
    leftover.write_bytes(b"half")
    assert _mode(sqlite_file_backup(paths.database, tmp_path / "again.sqlite3")) == 0o600


def test_make_private_leaves_what_it_cannot_change(tmp_path: Path) -> None:
    missing = tmp_path / "tidak-ada"
    make_private(missing)  # no error: a vanished file is not the caller's problem here
    assert not missing.exists()
