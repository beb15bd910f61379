"""The admin's audit-trail tab: lazy model, filters, chain check; hidden from other roles."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTabWidget, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

import flexdesk.ui.pages.audit as audit_pages
from flexdesk.db.engine import Database
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services
from flexdesk.services.permissions import Actor
from flexdesk.ui.context import UiContext, ui_settings
from flexdesk.ui.pages.audit import page
from flexdesk.ui.pages.audit.backup_tab import BackupTab
from flexdesk.ui.pages.settings import SettingsPage, capability_tabs
from tests.support.helpers import Staff, add_employee, make_staff, setup_office


def _office(database: Database) -> Staff:
    admin = setup_office(database)
    return make_staff(database, admin)


def _ctx(database: Database, data_paths: DataPaths, actor: Actor) -> UiContext:
    return UiContext(data_paths, database, Services(database, actor), ui_settings(data_paths))


def test_audit_tab_lists_filters_and_checks(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    database: Database,
    data_paths: DataPaths,
) -> None:
    staff = _office(database)
    for i in range(5):
        add_employee(database, staff.admin, f"Pegawai Audit {i}")
    ctx = _ctx(database, data_paths, staff.admin)
    tab = page.AuditTab(ctx)
    qtbot.addWidget(tab)
    qtbot.waitUntil(ctx.ops.idle)  # the first page comes from the database worker
    qtmodeltester.check(tab.model)
    total = tab.model.rowCount()
    assert total > 10
    assert tab.model.data(tab.model.index(0, 4)) == "employee"  # newest first
    tab.entity.setCurrentIndex(tab.entity.findData("work_unit"))
    qtbot.waitUntil(ctx.ops.idle)
    assert tab.model.rowCount() == 2
    assert {tab.model.data(tab.model.index(r, 4)) for r in range(2)} == {"work_unit"}
    qtbot.mouseClick(tab.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(ctx.ops.idle)
    assert tab.status.text() == "Jejak audit utuh."


def test_lazy_fetch_pages(
    qtbot: QtBot, database: Database, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff = _office(database)
    monkeypatch.setattr(page, "PAGE", 4)
    ctx = _ctx(database, data_paths, staff.admin)
    owner = QWidget()
    qtbot.addWidget(owner)
    model = page.AuditModel(ctx, owner)
    model.set_filter(model.flt)
    qtbot.waitUntil(ctx.ops.idle)  # pages arrive from the database worker
    assert model.rowCount() == 4
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert not model.canFetchMore(QModelIndex())  # one page on its way at a time
    qtbot.waitUntil(ctx.ops.idle)
    assert model.rowCount() == 8


def test_tab_only_for_admins(qtbot: QtBot, database: Database, data_paths: DataPaths) -> None:
    staff = _office(database)
    assert audit_pages.TAB_TITLE in [t for t, _, _ in capability_tabs()]

    def titles(actor: Actor) -> list[str]:
        settings = SettingsPage(_ctx(database, data_paths, actor))
        qtbot.addWidget(settings)
        tabs = settings.findChild(QTabWidget, "settings_tabs")
        assert tabs is not None
        return [tabs.tabText(i) for i in range(tabs.count())]

    assert audit_pages.TAB_TITLE in titles(staff.admin)
    assert audit_pages.TAB_TITLE not in titles(staff.member_actor)
    assert audit_pages.TAB_TITLE not in titles(staff.head_actor)


def test_backup_tab_backs_up_lists_and_checks(
    qtbot: QtBot, database: Database, data_paths: DataPaths, tmp_path: Path
) -> None:
    staff = _office(database)
    ctx = _ctx(database, data_paths, staff.admin)
    tab = BackupTab(ctx)
    qtbot.addWidget(tab)
    tab.show()  # (the list follows "backup" on the change bus while shown)
    start = tab.model.rowCount()
    qtbot.mouseClick(tab.backup_here, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(ctx.ops.idle)
    assert "Cadangan ditulis" in tab.status.text()
    assert tab.model.rowCount() == start + 1
    assert tab.model.item(0, 3).text().startswith("employees 3, users 3")
    tab.view.selectRow(0)
    qtbot.mouseClick(tab.check, Qt.MouseButton.LeftButton)
    assert "utuh" in tab.status.text()
    usb = tmp_path / "usb"
    usb.mkdir()
    tab.make_backup(usb)  # what "Cadangkan ke…" does after the folder dialog
    qtbot.waitUntil(ctx.ops.idle)
    assert [p.suffix for p in usb.iterdir()] == [".sqlite3"]


def test_backup_tab_only_for_admins(
    qtbot: QtBot, database: Database, data_paths: DataPaths
) -> None:
    staff = _office(database)
    settings = SettingsPage(_ctx(database, data_paths, staff.member_actor))
    qtbot.addWidget(settings)
    tabs = settings.findChild(QTabWidget, "settings_tabs")
    assert tabs is not None
    assert audit_pages.BACKUP_TAB_TITLE not in [tabs.tabText(i) for i in range(tabs.count())]


def test_audit_tab_follows_every_change(
    qtbot: QtBot, database: Database, data_paths: DataPaths
) -> None:
    """Another page's MutationOp (any topic: every change writes the trail) refreshes it."""
    from flexdesk.services import units
    from flexdesk.ui.ops import MutationOp

    staff = _office(database)
    ctx = _ctx(database, data_paths, staff.admin)
    tab = page.AuditTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(ctx.ops.idle)
    before = tab.model.rowCount()
    other = QWidget()
    qtbot.addWidget(other)
    MutationOp(ctx, units.create_unit, "Seksi Audit", topics=["units"]).run(parent=other)
    qtbot.waitUntil(ctx.ops.idle)
    assert tab.model.rowCount() == before + 1
    assert tab.model.data(tab.model.index(0, 4)) == "work_unit"  # the new entry, on top
