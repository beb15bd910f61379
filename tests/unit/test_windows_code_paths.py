"""Windows-only code paths that can be checked on Linux by imitating Windows' rules.

The Windows program itself runs under Wine in tests/installers/test_windows_build.py; these
run in every test run."""

from __future__ import annotations

import errno
import fcntl
import os
import re
import sqlite3
from contextlib import closing
from pathlib import Path, PureWindowsPath

import platformdirs.windows
import pytest

from flexdesk import APP_NAME
from flexdesk.services.storage import backup

ROOT = Path(__file__).resolve().parents[2]


def _windows_fsync(real_fsync: object) -> object:
    """os.fsync as on Windows: FlushFileBuffers refuses a handle opened for reading only."""

    def fsync(fd: int) -> None:
        if fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY:
            raise PermissionError(errno.EACCES, "Permission denied")
        real_fsync(fd)  # type: ignore[operator]

    return fsync


def test_backup_fsyncs_through_a_writable_handle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found under Wine: every automatic backup failed with "[Errno 13] Permission denied"
    because the finished copy was fsynced through a read-only descriptor."""
    src = tmp_path / "src.sqlite3"
    with closing(sqlite3.connect(src)) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (1)")
        conn.commit()
    monkeypatch.setattr(os, "fsync", _windows_fsync(os.fsync))
    dest = backup.copy_sqlite(src, tmp_path / "backups" / "copy.sqlite3")
    with closing(sqlite3.connect(dest)) as conn:
        assert conn.execute("SELECT x FROM t").fetchall() == [(1,)]


def test_windows_data_folder_is_the_one_the_installer_asks_about(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """platformdirs on Windows (appauthor=False) gives %LOCALAPPDATA%\\FlexDesk, with the logs
    inside it: the folder flexdesk.iss offers to delete on uninstall (default: keep)."""
    local = r"C:\Users\Siti Aminah\AppData\Local"
    monkeypatch.setenv("LOCALAPPDATA", local)
    # off Windows, platformdirs reads the known folders from these variables
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", lambda csidl: local)
    dirs = platformdirs.windows.Windows(APP_NAME, appauthor=False)
    data = PureWindowsPath(dirs.user_data_dir)  # (joined with "/" off Windows)
    assert data == PureWindowsPath(local) / "FlexDesk"
    assert data in PureWindowsPath(dirs.user_log_dir).parents
    iss = (ROOT / "installers" / "windows" / "flexdesk.iss").read_text(encoding="utf-8")
    assert re.search(r"ExpandConstant\('\{localappdata\}\\FlexDesk'\)", iss)


def test_replacing_a_file_another_program_has_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses os.replace over a file open elsewhere (seen under Wine: WinError 5):
    retried, then a message that says what to do; the old file stays intact."""
    from flexdesk.reports import pdfio

    dest = tmp_path / "laporan.pdf"
    dest.write_bytes(b"old")
    src = tmp_path / "new.tmp"
    src.write_bytes(b"new")
    real_replace = os.replace
    calls: list[int] = []

    def busy_twice(a: object, b: object) -> None:
        calls.append(1)
        if len(calls) <= 2:
            raise PermissionError(errno.EACCES, "Access is denied")
        real_replace(a, b)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", busy_twice)
    pdfio.replace_file(src, dest, windows=True, pause=0)  # a scanner let go of it
    assert dest.read_bytes() == b"new" and len(calls) == 3

    def always_busy(a: object, b: object) -> None:
        raise PermissionError(errno.EACCES, "Access is denied")

    monkeypatch.setattr(os, "replace", always_busy)
    src.write_bytes(b"newer")
    with pytest.raises(PermissionError, match=r"sedang dibuka program lain.*open in another"):
        pdfio.replace_file(src, dest, windows=True, pause=0)
    assert dest.read_bytes() == b"new"
    with pytest.raises(PermissionError, match="Access is denied"):  # POSIX: no retry, as it was
        pdfio.replace_file(src, dest, windows=False)
