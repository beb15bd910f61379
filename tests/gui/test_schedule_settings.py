"""Settings tabs of the schedule: policy versions (with the approved-schedule warning) and the
holiday calendar (CSV import, good and corrupt)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from flexdesk.db.engine import Database
from flexdesk.domain.schedule_workflow import PeriodStatus
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services
from flexdesk.services.schedule import calendar as schedule_calendar
from flexdesk.services.schedule import periods as schedule_periods
from flexdesk.services.schedule import policy as schedule_policy
from flexdesk.services.schedule import service as schedule
from flexdesk.services.schedule.service import CellChange
from flexdesk.ui.context import UiContext, ui_settings
from flexdesk.ui.pages.schedule.calendar_tab import CalendarTab
from flexdesk.ui.pages.schedule.dialogs import qdate
from flexdesk.ui.pages.schedule.exceptions_box import ExceptionsBox
from flexdesk.ui.pages.schedule.policy_tab import PolicyTab
from flexdesk.ui.pages.settings import SettingsPage
from tests.support.gui import wait_ops
from tests.support.helpers import Staff

MON = date(2026, 11, 2)


def _ctx(db: Database, paths: DataPaths, staff: Staff) -> UiContext:
    return UiContext(paths, db, Services(db, staff.admin), ui_settings(paths))


def test_settings_page_shows_the_schedule_tabs_to_the_admin_only(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    page = SettingsPage(_ctx(db, data_paths, staff))
    qtbot.addWidget(page)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "Kebijakan kerja fleksibel" in titles and "Kalender libur" in titles
    member = SettingsPage(
        UiContext(data_paths, db, Services(db, staff.member_actor), ui_settings(data_paths))
    )
    qtbot.addWidget(member)
    titles = [member.tabs.tabText(i) for i in range(member.tabs.count())]
    assert "Kebijakan kerja fleksibel" not in titles


def test_stricter_policy_warns_then_saves_and_keeps_approval(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    member = Services(db, staff.member_actor)
    member.call(
        schedule.set_entries,
        2026,
        11,
        [CellChange(staff.member.id, MON + timedelta(days=i), "OHOHO"[i]) for i in range(5)],
    )
    member.call(schedule_periods.submit_period, staff.member.id, 2026, 11)
    Services(db, staff.head_actor).call(schedule_periods.approve_period, staff.member.id, 2026, 11)

    ctx = _ctx(db, data_paths, staff)
    tab = PolicyTab(ctx)
    qtbot.addWidget(tab)
    wait_ops(qtbot, ctx)
    assert tab.list.count() == 1 and tab.list.item(0).text().startswith("Bawaan FlexDesk")
    tab.effective.setDate(qdate(date(2026, 11, 1)))
    tab.per_week.setValue(1)
    tab.note.setText("Lebih ketat")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot, ctx)
    box = tab.dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "1 hal" in box.text() and "Dewi Lestari" in box.detailedText()
    box.button(QMessageBox.StandardButton.Save).click()
    assert not tab.save_button.isEnabled()  # while the version is being stored
    wait_ops(qtbot, ctx)
    assert tab.save_button.isEnabled()
    assert tab.list.count() == 1 and tab.list.currentItem().text().startswith("Berlaku mulai")
    assert "Versi kebijakan tersimpan" in tab.info.text()
    versions = Services(db, staff.admin).read(schedule_policy.list_policy_versions)
    assert [(v.policy.effective_from, v.policy.max_remote_days_per_week) for v in versions] == [
        (date(2026, 11, 1), 1)
    ]
    info = Services(db, staff.admin).read(schedule_periods.period_info, staff.member.id, 2026, 11)
    assert info.status is PeriodStatus.APPROVED


def test_bad_policy_form_shows_the_problem(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    ctx = _ctx(db, data_paths, staff)
    tab = PolicyTab(ctx)
    qtbot.addWidget(tab)
    wait_ops(qtbot, ctx)
    tab.ramadan.setPlainText("2027-02-08 sampai nanti")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "Periode Ramadan" in tab.error.text()
    assert Services(db, staff.admin).read(schedule_policy.list_policy_versions)[0].is_default


def test_holiday_csv_import_good_and_corrupt(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths, tmp_path: Path
) -> None:
    ctx = _ctx(db, data_paths, staff)
    tab = CalendarTab(ctx)
    qtbot.addWidget(tab)
    tab.year.setValue(2026)
    wait_ops(qtbot, ctx)
    library_rows = tab.model.rowCount()
    assert library_rows > 10 and "Perkiraan bawaan" in tab.source.text()
    good = tmp_path / "libur.csv"
    good.write_text(
        "tanggal;nama;jenis\n2026-11-20;Hari Jadi Kabupaten Kuningan;lokal\n", encoding="utf-8"
    )
    tab.import_mode.setCurrentIndex(tab.import_mode.findData("merge"))
    tab.import_csv(good)
    wait_ops(qtbot, ctx)
    assert tab.error.text() == ""
    assert tab.model.rowCount() == library_rows + 1
    assert "Impor berhasil" in tab.source.text()
    bad = tmp_path / "rusak.csv"
    bad.write_text("tanggal;nama;jenis\n2026-02-30;Tanggal salah;nasional\n", encoding="utf-8")
    tab.import_csv(bad)
    wait_ops(qtbot, ctx)
    assert "baris 2" in tab.error.text()
    assert tab.model.rowCount() == library_rows + 1
    year = Services(db, staff.admin).read(schedule_calendar.year_holidays, 2026)
    assert year.office_kept and len(year.rows) == library_rows + 1


def test_settings_tabs_follow_changes_on_the_bus(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    """A change stored elsewhere (another tab, another page) shows without reopening."""
    ctx = _ctx(db, data_paths, staff)
    policy, calendar = PolicyTab(ctx), CalendarTab(ctx)
    for tab in (policy, calendar):
        qtbot.addWidget(tab)
        tab.show()
    calendar.year.setValue(2026)
    wait_ops(qtbot, ctx)
    rows = calendar.model.rowCount()
    assert policy.list.count() == 1
    admin = Services(db, staff.admin)
    current = admin.read(schedule_policy.list_policy_versions)[0].policy
    from dataclasses import replace

    from flexdesk.domain.calendar import HolidayKind, HolidayRow

    admin.call(schedule_policy.save_policy_version, replace(current, effective_from=MON), "")
    admin.call(
        schedule_calendar.add_holiday,
        HolidayRow(date(2026, 11, 20), "Hari Jadi Kabupaten", HolidayKind.LOCAL),
    )
    exceptions = policy.findChild(ExceptionsBox)
    assert exceptions is not None and exceptions.list.count() == 0
    admin.call(schedule_policy.set_remote_exception, staff.member.id, True, "petugas lapangan")
    ctx.events.publish(["policy", "employees"])  # as another page's MutationOp does
    wait_ops(qtbot, ctx)
    assert [policy.list.item(i).text() for i in range(policy.list.count())] == [
        "Berlaku mulai 2 November 2026"
    ]
    assert calendar.model.rowCount() == rows + 1 and "Daftar kantor" in calendar.source.text()
    assert [exceptions.list.item(0).text().split(" (")[0]] == ["Dewi Lestari"]


def test_a_holiday_change_keeps_what_is_typed_in_the_policy_form(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    ctx = _ctx(db, data_paths, staff)
    policy, calendar = PolicyTab(ctx), CalendarTab(ctx)
    for tab in (policy, calendar):
        qtbot.addWidget(tab)
        tab.show()
    wait_ops(qtbot, ctx)
    policy.per_week.setValue(1)
    policy.note.setText("belum disimpan")
    calendar.year.setValue(2026)
    heard: list[frozenset[str]] = []
    ctx.events.changed.connect(heard.append)
    calendar.reset()  # a change of the calendar: "policy" on the bus
    wait_ops(qtbot, ctx)
    assert heard == [frozenset({"policy"})]
    assert (policy.per_week.value(), policy.note.text()) == (1, "belum disimpan")
    assert policy.list.count() == 1
