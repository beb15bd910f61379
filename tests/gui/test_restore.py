"""In-app restore from the Cadangan tab: the whole round trip through the app's SessionHost
(sign out, restore, reopen, sign in again) while an edited form is open, and refusals of
damaged or foreign files that change nothing."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QTabWidget, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from flexdesk.db.engine import Database
from flexdesk.db.models import Employee
from flexdesk.paths import DataPaths
from flexdesk.services.storage import backup
from flexdesk.ui.context import ui_settings
from flexdesk.ui.login import LoginDialog
from flexdesk.ui.main_window import MainWindow
from flexdesk.ui.ops import QueryOp
from flexdesk.ui.pages.audit import BACKUP_TAB_TITLE
from flexdesk.ui.pages.audit.backup_tab import BackupTab
from flexdesk.ui.pages.employee_dialog import EmployeeDialog
from flexdesk.ui.pages.employees import EmployeesPage
from flexdesk.ui.pages.settings import SettingsPage
from flexdesk.ui.restart import SessionHost
from tests.support.helpers import ADMIN_PASSWORD, Staff, add_employee

ORIGINAL = {"Bambang Hermawan", "Dewi Lestari", "Agus Saputra"}


def _names(db: Database) -> set[str]:
    with db.read_session() as session:
        return set(session.scalars(select(Employee.nama)))


@pytest.fixture
def host(qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths) -> Iterator[SessionHost]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    host = SessionHost(
        app,
        data_paths,
        db,
        settings=ui_settings(data_paths),
        lang="id",
        window_factory=MainWindow,
    )
    host.open_window(staff.admin)
    yield host
    for widget in app.topLevelWidgets():
        if widget.isVisible():
            widget.close()
    app.setQuitOnLastWindowClosed(True)
    host.db.dispose()


def _window(host: SessionHost) -> MainWindow:
    assert isinstance(host.window, MainWindow)
    return host.window


def _backup_tab(window: MainWindow) -> BackupTab:
    settings = window.page("settings")
    assert isinstance(settings, SettingsPage)
    tabs = settings.findChild(QTabWidget, "settings_tabs")
    assert tabs is not None
    for i in range(tabs.count()):
        if tabs.tabText(i) == BACKUP_TAB_TITLE:
            tabs.setCurrentIndex(i)
            tab = tabs.widget(i)
            assert isinstance(tab, BackupTab)
            return tab
    raise AssertionError("no Cadangan tab for the admin")


def _select(tab: BackupTab, path: Path) -> None:
    for row in range(tab.model.rowCount()):
        if tab.model.item(row, 0).data() == str(path):
            tab.view.selectRow(row)
            return
    raise AssertionError(f"{path.name} not listed")


def _db_digest(path: Path) -> str:
    """Everything committed in the (open) database, read without touching its WAL."""
    import hashlib
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def test_restore_round_trip_with_an_open_edited_form(
    qtbot: QtBot, host: SessionHost, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    older = backup.create_backup(db, data_paths, kind="manual")
    add_employee(db, staff.admin, "Pegawai Sesudah Cadangan")
    assert _names(db) == ORIGINAL | {"Pegawai Sesudah Cadangan"}
    window = _window(host)

    # Uncommitted UI state: an employee opened for editing, changed, not saved.
    employees = window.page("employees")
    assert isinstance(employees, EmployeesPage)
    qtbot.waitUntil(window.ctx.ops.idle)  # the list arrives from the database worker
    employees._edit_index(employees.model.index(0, 0))
    dialog = employees.dialog
    assert isinstance(dialog, EmployeeDialog) and dialog.isVisible()
    dialog.nama.setText("Nama Belum Disimpan")
    discarded: list[bool] = []
    dialog.rejected.connect(lambda: discarded.append(True))

    tab = _backup_tab(window)
    _select(tab, older.path)
    tab.restore.click()
    qtbot.waitUntil(lambda: tab.confirm is not None and tab.confirm.isVisible(), timeout=10_000)
    confirm = tab.confirm
    assert confirm is not None
    # it asked before discarding: the open form is named in the warning
    assert confirm.open_work == ["Ubah pegawai"]
    warning = confirm.findChild(QWidget, "restore_warning")
    assert warning is not None and "Ubah pegawai" in warning.text()  # type: ignore[attr-defined]
    assert "hilang" in warning.text()  # type: ignore[attr-defined]
    counts = confirm.counts.text()
    assert "<td>pegawai</td><td align='right'>3</td>" in counts  # backup: 3, now: 4
    assert ">4</td>" in counts

    signed_in: list[LoginDialog] = []
    host.sign_in_shown.connect(signed_in.append)
    with qtbot.waitSignal(host.restarted, timeout=20_000):
        confirm.ok.click()
        qtbot.waitUntil(lambda: bool(signed_in), timeout=15_000)
        login = signed_in[0]
        assert login.isVisible() and host.window is None  # signed out, main window gone
        assert login.username.text() == "admin"
        login.password.setText(ADMIN_PASSWORD)
        login._try_login()

    # the data is the backup's data, the edit was discarded, the form is closed
    assert host.db is not db
    assert _names(host.db) == ORIGINAL
    assert discarded == [True]  # closed without saving (then deleted with its window)
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    new_window = _window(host)
    assert new_window is not window and new_window.isVisible()
    assert new_window.ctx.db is host.db
    # the state before the restore was kept, with the newer data
    safety = [i for i in backup.list_backups(data_paths.backups) if i.kind == "pre-restore"]
    assert len(safety) == 1 and safety[0].counts["employees"] == 4
    check = Database.for_file(safety[0].path)
    try:
        assert "Pegawai Sesudah Cadangan" in _names(check)
    finally:
        check.dispose()
    assert not [n for n in _files(data_paths.backups) if n.startswith(".")]
    assert not data_paths.database.with_name(data_paths.database.name + "-journal").exists()
    # the new session works: the Cadangan tab lists the pre-restore backup
    new_tab = _backup_tab(new_window)
    kinds = [new_tab.model.item(r, 1).text() for r in range(new_tab.model.rowCount())]
    assert "pre-restore" in kinds


def test_restore_waits_for_a_call_still_running_on_the_database_worker(
    qtbot: QtBot, host: SessionHost, db: Database, data_paths: DataPaths,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """A page's query may still be running on the window's database worker when the restore
    closes the window: the database is disposed (and the file replaced) only after it ends."""
    older = backup.create_backup(db, data_paths, kind="manual")
    window = _window(host)
    qtbot.waitUntil(window.ctx.ops.idle)
    order: list[str] = []
    started = threading.Event()
    dispose = db.dispose
    monkeypatch.setattr(db, "dispose", lambda: (order.append("dispose"), dispose())[1])

    def slow_count(session: object, _actor: object) -> int:
        started.set()
        time.sleep(0.5)
        n = len(session.scalars(select(Employee.id)).all())  # type: ignore[attr-defined]
        order.append("call done")
        return n

    QueryOp(window.ctx, slow_count).run(parent=window)
    assert started.wait(5)
    signed_in: list[LoginDialog] = []
    host.sign_in_shown.connect(signed_in.append)
    host.restore(older.path)
    qtbot.waitUntil(lambda: bool(signed_in), timeout=15_000)
    assert order[:2] == ["call done", "dispose"]


class GuardedForm(QDialog):
    """Like the evaluation editor: knows it holds unsaved edits and asks before closing."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Formulir Uji")
        self.asked: list[bool] = []

    def unsaved(self) -> bool:
        return True

    def reject(self) -> None:
        self.asked.append(True)  # would show "discard your changes?" and stay open


def test_restore_names_a_form_with_unsaved_edits_and_closes_it_without_asking_again(
    qtbot: QtBot, host: SessionHost, db: Database, data_paths: DataPaths
) -> None:
    older = backup.create_backup(db, data_paths, kind="manual")
    window = _window(host)
    form = GuardedForm(window)
    form.open()
    tab = _backup_tab(window)
    _select(tab, older.path)
    tab.restore.click()
    qtbot.waitUntil(lambda: tab.confirm is not None and tab.confirm.isVisible(), timeout=10_000)
    confirm = tab.confirm
    assert confirm is not None
    assert confirm.open_work == ["Formulir Uji (ada perubahan yang belum disimpan)"]
    closed: list[int] = []
    form.finished.connect(closed.append)
    signed_in: list[LoginDialog] = []
    host.sign_in_shown.connect(signed_in.append)
    confirm.ok.click()
    qtbot.waitUntil(lambda: bool(signed_in), timeout=15_000)
    assert closed == [QDialog.DialogCode.Rejected.value] and form.asked == []
    signed_in[0].reject()  # "Keluar" at the sign-in after a restore closes FlexDesk


def test_restore_from_file_copies_in_and_restores(
    qtbot: QtBot,
    *,
    host: SessionHost,
    db: Database,
    staff: Staff,
    data_paths: DataPaths,
    tmp_path: Path,
) -> None:
    usb = tmp_path / "usb"
    older = backup.create_backup(db, data_paths, dest_dir=usb, kind="manual")
    weird = usb / "cadangan\nkantor .sqlite3"  # a name from a USB drive is not trusted
    older.path.rename(weird)
    add_employee(db, staff.admin, "Pegawai Sesudah Cadangan")
    tab = _backup_tab(_window(host))
    tab.restore_from_file(weird)
    qtbot.waitUntil(lambda: tab.confirm is not None and tab.confirm.isVisible(), timeout=10_000)
    confirm = tab.confirm
    assert confirm is not None
    imported = [i for i in backup.list_backups(data_paths.backups) if i.kind == "imported"]
    assert len(imported) == 1 and imported[0].path.name.startswith("flexdesk-imported-")
    assert confirm.open_work == []
    signed_in: list[LoginDialog] = []
    host.sign_in_shown.connect(signed_in.append)
    with qtbot.waitSignal(host.restarted, timeout=20_000):
        confirm.ok.click()
        qtbot.waitUntil(lambda: bool(signed_in), timeout=15_000)
        signed_in[0].password.setText(ADMIN_PASSWORD)
        signed_in[0]._try_login()
    assert _names(host.db) == ORIGINAL
    assert weird.exists()  # the source is only read


def test_restore_of_an_old_release_database_is_migrated_on_reopen(
    qtbot: QtBot, host: SessionHost, data_paths: DataPaths, tmp_path: Path
) -> None:
    """A database file kept from FlexDesk at schema 0001 (left in WAL mode, no -wal beside
    it): copied in, restored, and brought up to date by open_database before the sign-in."""
    from flexdesk.db.migrate import current_revisions, migrate_to_head
    from tests.unit.db.test_migrations import OLD_PASSWORD, _fill_like_release_0001

    usb = tmp_path / "usb"
    usb.mkdir()
    old_file = usb / "flexdesk-lama.sqlite3"
    old = Database.for_file(old_file)
    try:
        migrate_to_head(old, target="0001")
        _fill_like_release_0001(old)
    finally:
        old.dispose()
    assert old_file.read_bytes()[18:20] == b"\x02\x02"  # WAL mode in its header
    tab = _backup_tab(_window(host))
    tab.restore_from_file(old_file)
    qtbot.waitUntil(lambda: tab.confirm is not None and tab.confirm.isVisible(), timeout=10_000)
    confirm = tab.confirm
    assert confirm is not None
    assert "<td>pegawai</td><td align='right'>1</td>" in confirm.counts.text()
    signed_in: list[LoginDialog] = []
    host.sign_in_shown.connect(signed_in.append)
    with qtbot.waitSignal(host.restarted, timeout=20_000):
        confirm.ok.click()
        qtbot.waitUntil(lambda: bool(signed_in), timeout=15_000)
        login = signed_in[0]
        login.username.setText("asep")
        login.password.setText(OLD_PASSWORD)
        login._try_login()
    assert _names(host.db) == {"Asep Suryadi"}
    assert "0001" not in current_revisions(host.db)  # migrated to this FlexDesk's schema
    assert _window(host).ctx.actor.username == "asep"
    leftovers = [n for n in _files(data_paths.backups) if n.endswith(("-wal", "-shm", "-journal"))]
    assert leftovers == [] and not [n for n in _files(usb) if n != old_file.name]


def _refused(qtbot: QtBot, tab: BackupTab) -> str:
    qtbot.waitUntil(lambda: tab.refusal is not None and tab.refusal.isVisible(), timeout=10_000)
    box = tab.refusal
    assert isinstance(box, QMessageBox)
    text = box.text()
    box.close()
    return text


@pytest.mark.parametrize(
    "damage",
    ["truncated", "garbage", "scribbled", "not-flexdesk", "newer", "fifo"],
)
def test_restore_from_file_refuses_damaged_files_and_changes_nothing(
    qtbot: QtBot,
    *,
    host: SessionHost,
    db: Database,
    staff: Staff,
    data_paths: DataPaths,
    tmp_path: Path,
    damage: str,
) -> None:
    import sqlite3
    from contextlib import closing

    usb = tmp_path / "usb"
    made = backup.create_backup(db, data_paths, dest_dir=usb, kind="manual").path
    data = made.read_bytes()
    bad = usb / "cadangan.sqlite3"
    if damage == "truncated":
        bad.write_bytes(data[: len(data) // 3])
    elif damage == "garbage":
        bad.write_bytes(os.urandom(50_000))
    elif damage == "scribbled":  # the header is right, a b-tree page is not
        broken = bytearray(data)
        broken[4096 * 2 : 4096 * 2 + 512] = b"\xff" * 512
        bad.write_bytes(bytes(broken))
    elif damage == "not-flexdesk":
        with closing(sqlite3.connect(bad)) as conn:
            conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
            conn.execute("INSERT INTO alembic_version VALUES ('0001')")
            conn.commit()
    elif damage == "newer":  # made by a later FlexDesk: a schema this one does not know
        bad.write_bytes(data)
        with closing(sqlite3.connect(bad)) as conn:
            conn.execute("INSERT INTO alembic_version VALUES ('9900')")
            conn.commit()
    else:
        os.mkfifo(bad)  # a name that looks right on something that never ends
    before_names = _names(db)
    before_db = _db_digest(data_paths.database)
    before_backups = _files(data_paths.backups)
    window = _window(host)
    tab = _backup_tab(window)
    tab.restore_from_file(bad)
    text = _refused(qtbot, tab)
    assert "tidak dapat dipakai" in text
    if damage == "newer":
        assert "FlexDesk yang lebih baru" in text
    assert tab.confirm is None
    assert _files(data_paths.backups) == before_backups  # no copy, no temp file left
    assert _db_digest(data_paths.database) == before_db
    assert _names(db) == before_names and host.db is db and host.window is window
    assert window.isVisible()


def test_restore_refuses_a_corrupt_listed_backup(
    qtbot: QtBot, host: SessionHost, db: Database, data_paths: DataPaths
) -> None:
    made = backup.create_backup(db, data_paths, kind="manual").path
    data = bytearray(made.read_bytes())
    made.write_bytes(bytes(data[: len(data) // 2]))  # a backup cut short (stick pulled)
    before = _names(db)
    tab = _backup_tab(_window(host))
    tab.refresh()
    _select(tab, made)
    tab.restore.click()
    text = _refused(qtbot, tab)
    assert made.name in text and "tidak dapat dipakai" in text
    assert tab.confirm is None and host.db is db
    assert _names(db) == before
    assert not [i for i in backup.list_backups(data_paths.backups) if i.kind == "pre-restore"]


def test_cancel_keeps_everything_and_removes_the_imported_copy(
    qtbot: QtBot, host: SessionHost, db: Database, data_paths: DataPaths, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    made = backup.create_backup(db, data_paths, dest_dir=usb, kind="manual").path
    before = _files(data_paths.backups)
    tab = _backup_tab(_window(host))
    tab.restore_from_file(made)
    qtbot.waitUntil(lambda: tab.confirm is not None and tab.confirm.isVisible(), timeout=10_000)
    assert tab.confirm is not None
    tab.confirm.reject()
    assert _files(data_paths.backups) == before
    assert "dibatalkan" in tab.status.text()
    assert host.db is db and _window(host).isVisible()


def test_restore_buttons_disabled_without_backup_manage(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    from flexdesk.services.app import Services
    from flexdesk.ui.context import UiContext

    ctx = UiContext(data_paths, db, Services(db, staff.head_actor), ui_settings(data_paths))
    tab = BackupTab(ctx)
    qtbot.addWidget(tab)
    assert not tab.restore.isEnabled() and not tab.restore_file.isEnabled()


def test_restore_buttons_disabled_on_a_database_server(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    db: Database,
    staff: Staff,
    data_paths: DataPaths,
) -> None:
    from flexdesk.services.app import Services
    from flexdesk.ui.context import UiContext

    monkeypatch.setattr(Database, "is_sqlite", property(lambda self: False))
    ctx = UiContext(data_paths, db, Services(db, staff.admin), ui_settings(data_paths))
    tab = BackupTab(ctx)
    qtbot.addWidget(tab)
    assert not tab.restore.isEnabled() and not tab.restore_file.isEnabled()
    assert "PostgreSQL" in tab.restore.toolTip()


def test_restore_warns_when_sync_bundles_were_made_after_the_backup(
    qtbot: QtBot, host: SessionHost, db: Database, data_paths: DataPaths
) -> None:
    from flexdesk.db.models_sync import SyncBundle
    from flexdesk.ui.pages.audit.restore_dialog import RestoreConfirmDialog

    older = backup.create_backup(db, data_paths, kind="manual")
    with db.session() as session:  # two exports after the backup (numbers used up)
        session.add_all([SyncBundle(seq=1, status="sent"), SyncBundle(seq=2, status="failed")])
    newer = backup.create_backup(db, data_paths, kind="manual")
    assert backup.describe_backup(newer.path).counts[backup.SYNC_BUNDLES] == 2

    tab = _backup_tab(_window(host))
    tab.refresh()
    for path, expected in ((older.path, 2), (newer.path, 0)):
        _select(tab, path)
        tab.restore.click()
        qtbot.waitUntil(lambda: tab.confirm is not None and tab.confirm.isVisible(), timeout=10_000)
        confirm = tab.confirm
        assert isinstance(confirm, RestoreConfirmDialog)
        assert confirm.bundles_since == expected
        warning = confirm.findChild(QLabel, "restore_sync_warning")
        if expected:
            assert warning is not None and "Sudah ada 2 paket sinkronisasi" in warning.text()
            assert "operator pusat" in warning.text()
        else:
            assert warning is None
        confirm.reject()
        qtbot.waitUntil(lambda: tab.confirm is None or not tab.confirm.isVisible())
    assert _names(db) == ORIGINAL  # nothing was restored
