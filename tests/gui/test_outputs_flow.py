"""The output log as people use it: an employee logs two outputs (one with a file dropped on
the dialog), submits them; the supervisor returns one with a note; the employee fixes it and
resubmits; the supervisor accepts both; the recap shows the realisation."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTime, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from flexdesk.db.engine import Database
from flexdesk.db.models_outputs import OutputEvidence, OutputLog
from flexdesk.domain.outputs import LogStatus
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services
from flexdesk.services.outputs import skp
from flexdesk.services.permissions import Actor
from flexdesk.ui.context import UiContext, ui_settings
from flexdesk.ui.main_window import MainWindow
from flexdesk.ui.pages.outputs.log_dialog import LogDialog
from flexdesk.ui.pages.outputs.page import OutputsPage
from flexdesk.ui.pages.outputs.recap_model import PROGRESS_ROLE
from tests.support.gui import wait_ops
from tests.support.helpers import Staff, make_staff, setup_office
from tests.support.outputs import PDF, make_skp


def _working_day_last_week() -> date:
    day = date.today() - timedelta(days=7)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


DAY = _working_day_last_week()


def _page(qtbot: QtBot, db: Database, paths: DataPaths, actor: Actor) -> OutputsPage:
    ctx = UiContext(paths, db, Services(db, actor), ui_settings(paths))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.page("outputs")
    assert isinstance(page, OutputsPage)
    wait_ops(qtbot, ctx)
    return page


def _wait(qtbot: QtBot, page: OutputsPage) -> None:
    wait_ops(qtbot, page.ctx)


def _office(db: Database) -> tuple[Staff, list[str]]:
    staff = make_staff(db, setup_office(db))
    detail = make_skp(db, staff.member_actor, staff.member.id, "Tersusunnya laporan layanan",
                      "Terlayaninya permohonan surat", year=DAY.year)  # fmt: skip
    with db.session() as session:
        skp.submit_skp(session, staff.member_actor, detail.id)
    with db.session() as session:
        skp.approve_skp(session, staff.head_actor, detail.id)
    return staff, [r.id for r in detail.rhk]


def _drop(qtbot: QtBot, dialog: LogDialog, path: Path) -> None:
    """Drag a file from the file manager onto the evidence list, as Qt delivers it."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    target = dialog.evidence.viewport()
    enter = QDragEnterEvent(
        QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(target, drop)


def _fill(qtbot: QtBot, dialog: LogDialog, rhk_id: str, activity: str, *, quantity: float,
          start: QTime, end: QTime) -> None:  # fmt: skip
    wait_ops(qtbot, dialog.ctx)  # the employee's RHK and the day's plan arrive
    dialog.day.setDate(dialog.day.date().addDays((DAY - date.today()).days))
    wait_ops(qtbot, dialog.ctx)
    dialog.rhk.setCurrentIndex(dialog.rhk.findData(rhk_id))
    assert dialog.unit.text() == "dokumen"  # pre-filled from the RHK's target
    qtbot.keyClicks(dialog.activity, activity)
    dialog.quantity.setValue(quantity)
    dialog.start.setTime(start)
    dialog.end.setTime(end)


def _save(qtbot: QtBot, dialog: LogDialog) -> None:
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    save.click()
    assert not save.isEnabled()  # while the entry is being stored
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_ops(qtbot, dialog.ctx)  # and the table has read it back


def _status_text(page: OutputsPage, row: int) -> str:
    return str(page.log_tab.model.index(row, 7).data())


def test_log_submit_return_fix_accept_recap(
    qtbot: QtBot, database: Database, data_paths: DataPaths, tmp_path: Path
) -> None:
    staff, (laporan, surat) = _office(database)
    evidence = tmp_path / "Notulen rapat.pdf"
    evidence.write_bytes(PDF)

    # -- the employee logs two outputs ---------------------------------------------------------
    mine = _page(qtbot, database, data_paths, staff.member_actor)
    tab = mine.log_tab
    assert tab.model.rowCount() == 0 and tab.table.isColumnHidden(1)  # no employee column
    tab.add_button.click()
    first = tab.dialog
    assert first is not None and first.isVisible()
    _fill(qtbot, first, laporan, "Menyusun laporan layanan mingguan", quantity=2,
          start=QTime(7, 30), end=QTime(10, 0))  # fmt: skip
    _drop(qtbot, first, evidence)
    assert [e.label.split(" (")[0] for e in first.evidence.entries()] == ["Notulen rapat.pdf"]
    _save(qtbot, first)

    window = tab.window()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    second = tab.dialog
    assert second is not None and second is not first and second.isVisible()
    _fill(qtbot, second, surat, "Memproses surat keterangan", quantity=4,
          start=QTime(10, 0), end=QTime(12, 0))  # fmt: skip
    _save(qtbot, second)
    assert tab.model.rowCount() == 2
    assert {_status_text(mine, r) for r in range(2)} == {"Draf"}

    tab.table.selectAll()
    assert tab.submit_button.isEnabled()
    tab.submit_button.click()
    _wait(qtbot, mine)
    assert {_status_text(mine, r) for r in range(2)} == {"Diajukan"}
    assert not tab.delete_button.isEnabled()  # submitted: withdraw first

    # -- the supervisor returns the second with a note -----------------------------------------
    boss = _page(qtbot, database, data_paths, staff.head_actor)
    review = boss.review_tab
    assert review is not None and review.model.rowCount() == 2
    boss.tabs.setCurrentWidget(review)
    assert boss.tabs.tabText(boss.tabs.indexOf(review)) == "Reviu (2)"
    rows = {review.model.row_data(r).rhk_id: r for r in range(2)}
    review.table.selectRow(rows[laporan])
    _wait(qtbot, boss)
    assert [e.label.split(" (")[0] for e in review.evidence.entries()] == ["Notulen rapat.pdf"]
    review.table.selectRow(rows[surat])
    _wait(qtbot, boss)
    review.return_button.click()
    _wait(qtbot, boss)
    assert review.error.isVisible() and "catatan" in review.error.text()  # a note is required
    qtbot.keyClicks(review.note, "Jumlah surat 5, bukan 4; lampirkan daftar surat.")
    review.return_button.click()
    _wait(qtbot, boss)
    assert review.model.rowCount() == 1
    assert boss.tabs.tabText(boss.tabs.indexOf(review)) == "Reviu (1)"

    # -- the employee sees the note, fixes the entry, resubmits --------------------------------
    mine.ctx.events.publish(["outputs"])  # as the office server tells of the supervisor's step
    _wait(qtbot, mine)
    returned = next(r for r in range(2) if tab.model.row_data(r).rhk_id == surat)
    assert _status_text(mine, returned) == "Dikembalikan"
    tab.table.selectRow(returned)
    assert "Jumlah surat 5" in tab.note_label.text()
    tab.open_log(tab.model.row_data(returned).id)
    _wait(qtbot, mine)
    fix = tab.dialog
    assert fix is not None and fix.note.isVisible() and "Jumlah surat 5" in fix.note.text()
    fix.quantity.setValue(5)
    _save(qtbot, fix)
    returned = next(r for r in range(2) if tab.model.row_data(r).rhk_id == surat)
    assert _status_text(mine, returned) == "Dikembalikan"  # until resubmitted
    tab.table.selectRow(returned)
    tab.submit_button.click()
    _wait(qtbot, mine)
    assert {_status_text(mine, r) for r in range(2)} == {"Diajukan"}

    # -- the supervisor accepts both; they are locked ---------------------------------------------
    review.refresh()
    _wait(qtbot, boss)
    assert review.model.rowCount() == 2
    review.table.selectAll()
    review.accept_button.click()
    _wait(qtbot, boss)
    assert review.model.rowCount() == 0
    assert boss.tabs.tabText(boss.tabs.indexOf(review)) == "Reviu"
    tab.refresh()
    _wait(qtbot, mine)
    assert {_status_text(mine, r) for r in range(2)} == {"Diterima"}
    tab.open_log(tab.model.row_data(0).id)
    _wait(qtbot, mine)
    locked = tab.dialog
    assert locked is not None and locked.read_only and not locked.activity.isEnabled()
    locked.reject()

    # -- the recap shows the realisation --------------------------------------------------------
    boss.tabs.setCurrentWidget(boss.recap_tab)
    recap = boss.recap_tab
    recap.employee.setCurrentIndex(recap.employee.findData(staff.member.id))
    recap.year.setValue(DAY.year)
    recap.select_period(DAY.month)
    _wait(qtbot, boss)
    model = recap.model
    assert model.rowCount() == 2
    realised = {model.index(r, 1).data(): model.index(r, 3).data() for r in range(2)}
    assert realised == {
        "Tersusunnya laporan layanan": "2 dokumen",
        "Terlayaninya permohonan surat": "5 dokumen",
    }
    assert model.index(1, 4).data(PROGRESS_ROLE) == 500.0  # 5 against a monthly 1 of 12 a year
    assert "Hari tercatat: 1 dari" in recap.days_label.text()
    assert "4,5 jam" in recap.hours_label.text()
    csv_path = recap.export_csv(tmp_path / "rekap.csv")
    assert csv_path is not None
    rows = list(csv.reader(csv_path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert ["2", "utama", "Terlayaninya permohonan surat", "1", "dokumen", "5", "500", "0"] in rows

    with database.read_session() as session:
        statuses = session.scalars(select(OutputLog.status)).all()
        assert sorted(statuses) == [LogStatus.ACCEPTED.value] * 2
        assert session.scalar(select(func.count(OutputEvidence.id))) == 1


def test_refused_file_shows_inline_error_and_saves_nothing(
    qtbot: QtBot, database: Database, data_paths: DataPaths, tmp_path: Path
) -> None:
    staff, (laporan, _surat) = _office(database)
    bad = tmp_path / "program.exe"
    bad.write_bytes(b"MZ\x90\x00")
    page = _page(qtbot, database, data_paths, staff.member_actor)
    page.log_tab.add_log()
    dialog = page.log_tab.dialog
    assert dialog is not None
    _fill(
        qtbot, dialog, laporan, "Menyusun laporan", quantity=1, start=QTime(8, 0), end=QTime(9, 0)
    )
    dialog.add_files([bad])
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    _wait(qtbot, page)
    assert dialog.isVisible()
    error = dialog.errors["evidence"]
    assert error.isVisible() and "tidak diizinkan" in error.text()
    # the activity is kept; removing the file lets it save
    dialog.evidence.selectAll()
    dialog.remove_button.click()
    _save(qtbot, dialog)
    with database.read_session() as session:
        assert session.scalar(select(func.count(OutputLog.id))) == 1
        assert session.scalar(select(func.count(OutputEvidence.id))) == 0
    assert list(data_paths.attachments.rglob("*.part")) == []


def test_supervisor_drafts_and_admin_approves_an_skp(
    qtbot: QtBot, database: Database, data_paths: DataPaths
) -> None:
    staff = make_staff(database, setup_office(database))
    page = _page(qtbot, database, data_paths, staff.head_actor)
    tab = page.skp_tab
    page.tabs.setCurrentWidget(tab)
    tab.select_employee(staff.head.id)
    _wait(qtbot, page)
    assert tab.create_button.isVisible()
    tab.create_button.click()
    _wait(qtbot, page)
    assert tab.detail is not None and tab.add_button.isEnabled()
    tab.add_button.click()
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.text, "Meningkatnya kualitas layanan seksi")
    dialog.save()
    assert not dialog.save_button.isEnabled()  # while the RHK is being stored
    _wait(qtbot, page)
    assert dialog.isVisible() and "kuantitas" in dialog.errors["target_kuantitas"].text()
    text, value, unit = dialog.rows[next(iter(dialog.rows))]
    qtbot.keyClicks(text, "Laporan layanan")
    value.setValue(12)
    qtbot.keyClicks(unit, "laporan")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    _wait(qtbot, page)
    assert tab.tree.topLevelItemCount() == 1
    assert tab.tree.topLevelItem(0).child(0).text(1) == "12 laporan"  # type: ignore[union-attr]
    tab.submit_button.click()
    _wait(qtbot, page)
    assert "Diajukan" in tab.status.text()
    assert not tab.approve_button.isVisible()  # not one's own

    admin = _page(qtbot, database, data_paths, staff.admin)
    admin_tab = admin.skp_tab
    admin.tabs.setCurrentWidget(admin_tab)
    admin_tab.select_employee(staff.head.id)
    _wait(qtbot, admin)
    assert admin_tab.approve_button.isVisible() and admin_tab.approve_button.isEnabled()
    admin_tab.approve_button.click()
    _wait(qtbot, admin)
    assert "Disetujui" in admin_tab.status.text()
