"""Commands that replace or restructure the database (``backup restore``, ``migrate``) take the
data folder's lock like the GUI does, so they are refused — with the window's PID and nothing
changed — while FlexDesk is open on the folder; once it is closed they run."""

from __future__ import annotations

import os

import pytest

from flexdesk.cli import main
from flexdesk.db.engine import Database
from flexdesk.instance_lock import InstanceLock
from flexdesk.paths import DataPaths
from flexdesk.services.storage import backup
from tests.support.helpers import Staff


@pytest.fixture
def closed(db: Database, staff: Staff) -> Staff:
    db.dispose()
    return staff


@pytest.mark.sqlite_only(reason="backups copy the SQLite file")
def test_restore_is_refused_while_a_window_has_the_folder(
    closed: Staff, data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    root = ["--data-dir", str(data_paths.root)]
    assert main([*root, "backup", "create"]) == 0
    made = backup.list_backups(data_paths.backups)[0].path
    capsys.readouterr()
    before = data_paths.database.read_bytes()
    backups_before = sorted(p.name for p in data_paths.backups.iterdir())
    with InstanceLock(data_paths.root) as window:  # the GUI of this folder
        assert window.acquire()
        assert main([*root, "backup", "restore", made.name]) == 2
        err = capsys.readouterr().err
        assert "FlexDesk sedang terbuka untuk folder data ini" in err
        assert f"PID {os.getpid()}" in err
        assert data_paths.database.read_bytes() == before
        assert sorted(p.name for p in data_paths.backups.iterdir()) == backups_before
    assert main([*root, "backup", "restore", made.name]) == 0  # closed: it runs
    assert "Dipulihkan" in capsys.readouterr().out
    assert InstanceLock(data_paths.root).acquire()  # and the lock was given back


def test_migrate_is_refused_while_a_window_has_the_folder(
    closed: Staff, data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    root = ["--data-dir", str(data_paths.root)]
    with InstanceLock(data_paths.root) as window:
        assert window.acquire()
        assert main([*root, "migrate"]) == 2
        assert "Tutup jendelanya dulu" in capsys.readouterr().err
    assert main([*root, "migrate"]) == 0
    assert "Skema basis data" in capsys.readouterr().out


@pytest.mark.sqlite_only(reason="backups copy the SQLite file")
def test_ordinary_commands_still_run_beside_an_open_window(
    closed: Staff, data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    root = ["--data-dir", str(data_paths.root)]
    with InstanceLock(data_paths.root) as window:
        assert window.acquire()
        assert main([*root, "backup", "create"]) == 0
        assert main([*root, "info"]) == 0
    assert "Cadangan dibuat" in capsys.readouterr().out
