"""The "Log Output" settings tab and the employee's withdraw / delete actions on the log."""

from __future__ import annotations

from datetime import date, time, timedelta

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from flexdesk.db.engine import Database
from flexdesk.db.models_outputs import OutputLog
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.outputs import settings as output_settings
from flexdesk.services.storage.attachments import AttachmentStore
from flexdesk.ui.context import UiContext, ui_settings
from flexdesk.ui.pages.outputs.page import OutputsPage
from flexdesk.ui.pages.outputs.settings_tab import OutputSettingsTab
from tests.support.gui import wait_ops
from tests.support.helpers import make_staff, setup_office
from tests.support.outputs import PNG, make_skp


def test_admin_changes_thresholds_and_cleans_unused_files(
    qtbot: QtBot, database: Database, data_paths: DataPaths
) -> None:
    admin = setup_office(database)
    ctx = UiContext(data_paths, database, Services(database, admin), ui_settings(data_paths))
    tab = OutputSettingsTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    wait_ops(qtbot, ctx)
    assert tab.weekly.value() == 37.5 and tab.remote.value() == 40
    tab.types.setText("pdf, jpg; exe/")
    tab.save_button.click()
    assert tab.error.isVisible() and "exe/" in tab.error.text()
    tab.types.setText("PDF, .jpg")
    tab.weekly.setValue(40)
    tab.remote.setValue(60)
    tab.save_button.click()
    assert not tab.save_button.isEnabled()  # while the settings are being stored
    wait_ops(qtbot, ctx)
    assert tab.save_button.isEnabled() and "Pengaturan disimpan" in tab.result.text()
    assert not tab.error.isVisible()
    current = ctx.services.read(output_settings.output_settings)
    assert (current.attachment_types, current.weekly_hours, current.max_remote_share) == (
        ("jpg", "pdf"), 40.0, 0.6,
    )  # fmt: skip

    store = AttachmentStore(data_paths.attachments)
    orphan = store.put_bytes(PNG, "lama.png", "image/png").sha256
    import os

    os.utime(store.path_for(orphan), (0, 0))  # older than the grace period
    tab.clean_button.click()
    qtbot.waitUntil(lambda: "1 berkas" in tab.result.text(), timeout=5000)
    assert not store.exists(orphan)
    # another settings tab's change on the bus keeps what is being typed here
    tab.weekly.setValue(45)
    ctx.events.publish(["settings"])
    wait_ops(qtbot, ctx)
    assert tab.weekly.value() == 45


def test_employee_withdraws_and_deletes_an_entry(
    qtbot: QtBot, database: Database, data_paths: DataPaths
) -> None:
    staff = make_staff(database, setup_office(database))
    day = date.today() - timedelta(days=1)
    rhk = make_skp(database, staff.member_actor, staff.member.id, year=day.year).rhk[0].id
    ctx = UiContext(
        data_paths, database, Services(database, staff.member_actor), ui_settings(data_paths)
    )
    from tests.support.outputs import log_input

    store = AttachmentStore(data_paths.attachments)
    row = ctx.services.call(
        outputs.create_log, log_input(staff.member.id, rhk, day=day), store=store
    )
    ctx.services.call(outputs.submit_logs, [row.id])
    page = OutputsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    wait_ops(qtbot, ctx)
    tab = page.log_tab
    tab.table.selectRow(0)
    assert tab.withdraw_button.isEnabled() and not tab.delete_button.isEnabled()
    tab.withdraw_button.click()
    wait_ops(qtbot, ctx)
    assert tab.model.row_data(0).status.value == "draft"
    tab.table.selectRow(0)
    tab.delete_button.click()
    box = tab.confirm
    assert isinstance(box, QMessageBox) and box.isVisible()
    box.button(QMessageBox.StandardButton.No).click()
    assert tab.model.rowCount() == 1
    tab.table.selectRow(0)
    tab.delete_button.click()
    box = tab.confirm
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0)
    with database.read_session() as session:
        assert session.scalar(select(func.count(OutputLog.id))) == 0


def test_the_tabs_follow_changes_on_the_bus(
    qtbot: QtBot, database: Database, data_paths: DataPaths
) -> None:
    """Another page's (or PC's) change, published on the bus, shows in the visible tab at once
    and in a hidden one when it is shown; the review count in its title stays true."""
    staff = make_staff(database, setup_office(database))
    day = date.today() - timedelta(days=1)
    rhk = make_skp(database, staff.member_actor, staff.member.id, year=day.year).rhk[0].id
    ctx = UiContext(
        data_paths, database, Services(database, staff.head_actor), ui_settings(data_paths)
    )
    page = OutputsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    wait_ops(qtbot, ctx)
    assert page.review_tab is not None
    assert page.log_tab.model.total == 0 and page.tabs.tabText(1) == "Reviu"
    assert page.skp_tab.people.topLevelItemCount() > 0
    from tests.support.outputs import log_input

    member = Services(database, staff.member_actor)
    store = AttachmentStore(data_paths.attachments)
    row = member.call(outputs.create_log, log_input(staff.member.id, rhk, day=day), store=store)
    member.call(outputs.submit_logs, [row.id])
    ctx.events.publish(["outputs"])
    wait_ops(qtbot, ctx)
    assert page.log_tab.model.total == 1 and page.log_tab.count_label.text() == "1 entri"
    assert page.tabs.tabText(1) == "Reviu (1)"  # while the review tab is hidden
    assert page.review_tab.model.total == 1
    # the recap tab, hidden, reads its numbers when it is shown
    recap = page.recap_tab
    recap.employee.setCurrentIndex(recap.employee.findData(staff.member.id))
    recap.year.setValue(day.year)
    recap.select_period(None)  # the whole year
    wait_ops(qtbot, ctx)
    assert recap.hours_label.text().startswith("Jam tercatat: 2,5 jam")
    afternoon = log_input(staff.member.id, rhk, day=day, start_time=time(13), end_time=time(15))
    member.call(outputs.create_log, afternoon, store=store)
    ctx.events.publish(["outputs"])
    wait_ops(qtbot, ctx)
    assert recap.hours_label.text().startswith("Jam tercatat: 2,5 jam")  # hidden: not read yet
    page.tabs.setCurrentWidget(recap)
    wait_ops(qtbot, ctx)
    assert recap.hours_label.text().startswith("Jam tercatat: 4,5 jam")
