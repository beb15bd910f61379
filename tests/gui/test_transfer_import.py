"""The import dialog driven like a user: download the template, load it, see the preview, import
with accounts; the export dialog; the new-password step of the first sign-in."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from flexdesk.db.engine import Database
from flexdesk.db.models import Employee, User
from flexdesk.db.models_transfer import FirstPassword
from flexdesk.paths import DataPaths
from flexdesk.services import auth
from flexdesk.services.app import Services
from flexdesk.ui.context import UiContext, ui_settings
from flexdesk.ui.login import LoginDialog
from flexdesk.ui.pages.employees import EmployeesPage
from flexdesk.ui.pages.transfer.export_dialog import ExportDialog
from flexdesk.ui.pages.transfer.first_password import FirstPasswordDialog
from flexdesk.ui.pages.transfer.import_dialog import ImportDialog
from tests.support.helpers import setup_office


def _context(database: Database, data_paths: DataPaths) -> UiContext:
    admin = setup_office(database)
    return UiContext(data_paths, database, Services(database, admin), ui_settings(data_paths))


def test_template_imported_through_the_dialog_with_accounts(
    qtbot: QtBot, qtmodeltester: ModelTester, database: Database, data_paths: DataPaths
) -> None:
    ctx = _context(database, data_paths)
    page = EmployeesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.import_button.isVisible()
    qtbot.mouseClick(page.import_button, qtbot_button())
    dialog = page.transfer_dialog
    assert isinstance(dialog, ImportDialog)
    template = dialog.save_template(data_paths.exports / "templat-pegawai.xlsx")
    dialog.load_file(template)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 1).data() == "baru"
    qtmodeltester.check(dialog.model)
    assert dialog.import_button.isEnabled()
    dialog.accounts.setChecked(True)
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, qtbot_button())
    assert "1 pegawai baru" in dialog.summary.text()
    assert dialog.slips_path is not None and dialog.slips_path.is_file()
    with database.read_session() as session:
        assert session.scalar(select(func.count(Employee.id))) == 1
        assert session.scalar(select(func.count(FirstPassword.id))) == 1
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=10_000)  # refreshed from the bus

    dialog.load_file(template)  # the same file again: nothing to import
    qtbot.waitUntil(lambda: dialog.model.index(0, 1).data() == "tetap", timeout=10_000)
    assert not dialog.import_button.isEnabled()


def qtbot_button():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_refused_rows_are_red_with_the_reason_and_import_stays_off(
    qtbot: QtBot, database: Database, data_paths: DataPaths, tmp_path: Path
) -> None:
    ctx = _context(database, data_paths)
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    bad = tmp_path / "bad.csv"
    bad.write_text("NIP;Nama;Pangkat/Golongan\n123;Siti;III/z\n", encoding="utf-8")
    dialog.load_file(bad)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert dialog.model.index(0, 1).data() == "ditolak"
    nip_col = 3 + dialog.preview.fields.index("nip")
    assert "18 digit" in dialog.model.index(0, 2).data()
    assert "18 digit" in dialog.model.index(0, nip_col).data(3)  # Qt.ToolTipRole
    assert not dialog.import_button.isEnabled()
    assert "ditolak" in dialog.summary.text()


def test_dialog_fits_a_1366x768_screen(
    qtbot: QtBot, database: Database, data_paths: DataPaths
) -> None:
    ctx = _context(database, data_paths)
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    template = dialog.save_template(data_paths.exports / "t.xlsx")
    dialog.load_file(template)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    dialog.resize(1100, 640)
    dialog.show()
    qtbot.waitExposed(dialog)
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768
    for button in dialog.findChildren(QPushButton):
        if button.isVisible():
            assert button.width() >= button.minimumSizeHint().width(), button.text()
    shots = Path(os.environ.get("FLEXDESK_SCREENSHOT_DIR", str(data_paths.root)))
    assert dialog.grab().save(str(shots / "import-dialog.png"))
    export = ExportDialog(ctx)
    qtbot.addWidget(export)
    export.show()
    qtbot.waitExposed(export)
    assert export.grab().save(str(shots / "export-dialog.png"))


def test_export_dialog_writes_the_schedule_month(
    qtbot: QtBot, database: Database, data_paths: DataPaths
) -> None:
    ctx = _context(database, data_paths)
    dialog = ExportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("schedule"))
    assert dialog.month.isVisibleTo(dialog) and not dialog.date_from.isVisibleTo(dialog)
    target = data_paths.exports / "jadwal.xlsx"
    dialog.export_to(target)
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=10_000)
    assert target.is_file() and "ditulis" in dialog.status.text()


def test_first_sign_in_asks_for_a_new_password(
    qtbot: QtBot, database: Database, data_paths: DataPaths
) -> None:
    setup_office(database)
    with database.session() as session:
        user = auth.create_user_unchecked(
            session, username="198503122010011003", password="sementara1", role=auth.Role.EMPLOYEE
        )
        session.add(FirstPassword(user_id=user.id))
    login = LoginDialog(database, "Kantor")
    qtbot.addWidget(login)
    login.username.setText("198503122010011003")
    login.password.setText("sementara1")

    def answer() -> None:
        step = next(w for w in QApplication.topLevelWidgets() if isinstance(w, FirstPasswordDialog))
        step.new_password.setText("Sandi-Baru-2027")
        step.repeat.setText("beda")
        step.save()
        assert step.error.text() == "Kedua kata sandi berbeda."
        step.repeat.setText("Sandi-Baru-2027")
        step.save()

    QTimer.singleShot(200, answer)
    login._try_login()
    assert login.actor is not None
    with database.read_session() as session:
        assert session.scalar(select(func.count(FirstPassword.id))) == 0
        assert session.scalar(select(User.username)) is not None
