"""First run as a user meets it: wizard -> sign-in -> add an employee with the keyboard."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from flexdesk.db.engine import Database
from flexdesk.db.models import Employee
from flexdesk.domain.people import Gender, make_nip
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services
from flexdesk.ui.context import UiContext, ui_settings
from flexdesk.ui.login import LoginDialog
from flexdesk.ui.main_window import MainWindow
from flexdesk.ui.pages.employees import EmployeesPage
from flexdesk.ui.wizard import FirstRunWizard

PASSWORD = "kuat-sekali-1"


def _run_wizard(qtbot: QtBot, db: Database) -> None:
    wizard = FirstRunWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.office_page
    qtbot.keyClicks(page.code, "o042")
    qtbot.keyClicks(page.instansi, "Pemerintah Kabupaten Kuningan")
    qtbot.keyClicks(page.unit_kerja, "Kantor Kecamatan Cigugur")
    qtbot.keyClicks(page.address, "Jl. Raya Cigugur No. 12")
    # Next without a city: refused, error shown inline, still on the first page.
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentPage() is page
    assert page.error.isVisible() and "Kota" in page.error.text()
    qtbot.keyClicks(page.city, "Kuningan")
    wizard.button(QWizard.WizardButton.NextButton).click()
    admin = wizard.admin_page
    assert wizard.currentPage() is admin
    qtbot.keyClicks(admin.name, "Rina Kepegawaian")
    qtbot.keyClicks(admin.password, PASSWORD)
    qtbot.keyClicks(admin.confirm, PASSWORD + "x")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert admin.error.text() == "Kedua kata sandi tidak sama."
    admin.confirm.clear()
    qtbot.keyClicks(admin.confirm, PASSWORD)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()  # while it runs
    qtbot.waitUntil(wizard.ops.idle)  # the wizard's own database worker
    assert wizard.actor is not None and wizard.actor.username == "admin"
    assert not wizard.isVisible()  # finished


def _sign_in(qtbot: QtBot, db: Database) -> LoginDialog:
    dialog = LoginDialog(db, "Kantor Kecamatan Cigugur")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "admin")
    qtbot.keyClicks(dialog.password, "salah-salah")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor is None
    assert (
        dialog.error.text()
        == "Nama pengguna atau kata sandi salah. Setelah 5 kali salah, akun dikunci 15 menit."
    )
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor is not None
    return dialog


def test_wizard_login_add_employee(qtbot: QtBot, database: Database, data_paths: DataPaths) -> None:
    _run_wizard(qtbot, database)
    actor = _sign_in(qtbot, database).actor
    assert actor is not None
    ctx = UiContext(data_paths, database, Services(database, actor), ui_settings(data_paths))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    assert "Admin" in window.user_label.text()
    assert str(data_paths.root) in window.location_label.text()

    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    page = window.page("employees")
    assert isinstance(page, EmployeesPage)
    qtbot.waitUntil(ctx.ops.idle)  # the list arrives from the database worker
    assert page.model.rowCount() == 0
    # (spinning the event loop on the offscreen platform lets the window lose its activation
    # to the closed wizard and sign-in windows: the keys below go to the main window again)
    if not window.isActiveWindow():
        with qtbot.waitActive(window):
            window.activateWindow()

    assert page.table.hasFocus() or page.search.hasFocus() or window.sidebar.hasFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(ctx.ops.idle)  # units and supervisors are in: Simpan is enabled
    qtbot.waitUntil(dialog.nip.hasFocus)
    nip = make_nip(date(1988, 4, 21), date(2012, 3, 1), Gender.FEMALE, 7)
    qtbot.keyClicks(dialog.nip, f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}")
    qtbot.keyClick(dialog.nip, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.gelar_depan, "Dr.")
    qtbot.keyClick(dialog.gelar_depan, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.nama, "Siti Aminah")
    qtbot.keyClick(dialog.nama, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.gelar_belakang, "S.Kom., M.Si.")
    qtbot.keyClicks(dialog.jabatan, "Analis Kebijakan")
    qtbot.keyClick(dialog.jabatan, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(ctx.ops.idle)  # the saved change reloaded the list (change bus)
    assert page.model.rowCount() == 1
    row = page.model.row_data(0)
    assert row.display_name == "Dr. Siti Aminah, S.Kom., M.Si."
    shown = page.model.index(0, 0).data()
    assert shown == f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    assert page.table.currentIndex().row() == 0
    with database.read_session() as session:
        saved = session.scalars(select(Employee)).one()
        assert saved.nip == nip
        assert saved.gender == "P"
        assert saved.birth_date == date(1988, 4, 21)


def test_invalid_nip_shows_inline_error_and_saves_nothing(
    qtbot: QtBot, database: Database, data_paths: DataPaths
) -> None:
    _run_wizard(qtbot, database)
    from flexdesk.services.app import login

    actor = login(database, "admin", PASSWORD)
    ctx = UiContext(data_paths, database, Services(database, actor), ui_settings(data_paths))
    page = EmployeesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.add_button.click()
    dialog = page.dialog
    assert dialog is not None
    qtbot.waitUntil(ctx.ops.idle)
    qtbot.keyClicks(dialog.nip, "19851332 201001 1 003")  # month 13
    error = dialog.errors["nip"]
    assert error.isVisible() and "19851332" in error.text()
    qtbot.keyClicks(dialog.nama, "Budi Santoso")
    qtbot.keyClick(dialog.nama, Qt.Key.Key_Return)
    assert not dialog.save_button.isEnabled()  # while the save runs
    qtbot.waitUntil(ctx.ops.idle)
    assert dialog.isVisible(), "the dialog stays open with the error"
    assert dialog.save_button.isEnabled()
    assert error.isVisible() and "tidak valid" in error.text()
    qtbot.waitUntil(dialog.nip.hasFocus)
    assert page.model.rowCount() == 0
    with database.read_session() as session:
        assert session.scalars(select(Employee)).all() == []


def test_wizard_refusal_from_its_worker_is_shown_inline(qtbot: QtBot, database: Database) -> None:
    wizard = FirstRunWizard(database)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.office_page
    for field, text in ((page.code, "o042"), (page.instansi, "Pemkab Kuningan"),
                        (page.unit_kerja, "Kecamatan Cigugur"), (page.city, "Kuningan")):  # fmt: skip
        qtbot.keyClicks(field, text)
    wizard.button(QWizard.WizardButton.NextButton).click()
    admin = wizard.admin_page
    qtbot.keyClicks(admin.password, "pendek")
    qtbot.keyClicks(admin.confirm, "pendek")
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    finish.click()
    qtbot.waitUntil(wizard.ops.idle)
    assert admin.error.isVisible() and admin.error.text()  # the service's sentence
    assert wizard.isVisible() and wizard.currentPage() is admin and finish.isEnabled()
    assert wizard.actor is None
    with database.read_session() as session:
        assert session.scalars(select(Employee)).all() == []
