"""The pages of engineer B's area on the ops layer: they load through the database worker,
and a change another page commits (a MutationOp, published on the change bus) refreshes them
without a reload when shown."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from flexdesk.db.engine import Database
from flexdesk.domain.people import EmployeeType
from flexdesk.paths import DataPaths
from flexdesk.services import auth, employees, office, units
from flexdesk.services.app import Services
from flexdesk.services.employees import EmployeeInput
from flexdesk.services.permissions import Actor, Role
from flexdesk.ui.context import UiContext, ui_settings
from flexdesk.ui.ops import MutationOp
from flexdesk.ui.pages import employee_model
from flexdesk.ui.pages.dashboard import DashboardPage
from flexdesk.ui.pages.employees import EmployeesPage
from flexdesk.ui.pages.settings import GeneralTab, paper_size
from flexdesk.ui.pages.settings_office import OfficeTab, UnitsTab
from flexdesk.ui.pages.settings_users import UsersTab
from tests.support.helpers import DEFAULT_PROFILE, USER_PASSWORD, Staff, add_employee

#: a non-ASN employee needs no NIP
_NEW = EmployeeInput(nama="Rina Baru", employee_type=EmployeeType.NON_ASN)


def _ctx(db: Database, paths: DataPaths, actor: Actor) -> UiContext:
    return UiContext(paths, db, Services(db, actor), ui_settings(paths))


def _shown(qtbot: QtBot, ctx: UiContext, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(ctx.ops.idle)
    return widget


def _elsewhere(
    qtbot: QtBot, ctx: UiContext, fn: object, *args: object, topics: list[str], **kwargs: object
) -> None:
    """A change committed by another page of the same window (its own MutationOp)."""
    other = QWidget()
    qtbot.addWidget(other)
    MutationOp(ctx, fn, *args, topics=topics, **kwargs).run(parent=other)  # type: ignore[arg-type]
    qtbot.waitUntil(ctx.ops.idle)


def test_employees_page_follows_changes(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    ctx = _ctx(db, data_paths, staff.admin)
    page = _shown(qtbot, ctx, EmployeesPage(ctx))
    assert isinstance(page, EmployeesPage)
    assert page.model.rowCount() == 3 and page.count_label.text() == "3 pegawai"
    assert page.unit_filter.count() == 3  # "Semua unit" and the two units
    _elsewhere(qtbot, ctx, employees.create_employee, _NEW,
               topics=["employees"])  # fmt: skip
    assert page.count_label.text() == "4 pegawai"
    names = {page.model.row_data(r).nama for r in range(page.model.rowCount())}
    assert "Rina Baru" in names
    _elsewhere(qtbot, ctx, units.create_unit, "Seksi Baru", topics=["units"])
    assert page.unit_filter.findText("Seksi Baru") > 0


def test_hidden_employees_page_refreshes_at_its_next_show(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    ctx = _ctx(db, data_paths, staff.admin)
    page = _shown(qtbot, ctx, EmployeesPage(ctx))
    page.hide()
    _elsewhere(qtbot, ctx, employees.create_employee, _NEW,
               topics=["employees"])  # fmt: skip
    assert page.model.rowCount() == 3  # hidden: nothing fetched yet
    page.show()
    qtbot.waitUntil(ctx.ops.idle)
    assert page.model.rowCount() == 4


def test_employee_model_fetches_pages_on_the_worker(
    qtbot: QtBot,
    *,
    qtmodeltester: ModelTester,
    db: Database,
    staff: Staff,
    data_paths: DataPaths,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for i in range(7):
        add_employee(db, staff.admin, f"Pegawai Halaman {i}")
    monkeypatch.setattr(employee_model, "PAGE_SIZE", 4)
    ctx = _ctx(db, data_paths, staff.admin)
    owner = QWidget()
    qtbot.addWidget(owner)
    model = employee_model.EmployeeTableModel(ctx, owner)
    assert model.rowCount() == 0 and model.busy  # the first page is on its way
    qtbot.waitUntil(ctx.ops.idle)
    assert (model.rowCount(), model.total) == (4, 10)
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.rowsInserted):
        model.fetchMore()
        assert not model.canFetchMore()  # one page at a time
    assert model.rowCount() == 8
    model.fetchMore()
    qtbot.waitUntil(ctx.ops.idle)
    assert model.rowCount() == 10 and not model.canFetchMore()
    qtmodeltester.check(model)


def test_dashboard_follows_changes(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    ctx = _ctx(db, data_paths, staff.admin)
    page = _shown(qtbot, ctx, DashboardPage(ctx))
    assert isinstance(page, DashboardPage)
    assert DEFAULT_PROFILE.unit_kerja in page.heading.text()
    assert page.cards["employees"].value.text() == "3"
    assert page.cards["units"].value.text() == "2"
    _elsewhere(qtbot, ctx, employees.create_employee, _NEW, topics=["employees"])
    assert page.cards["employees"].value.text() == "4"
    _elsewhere(qtbot, ctx, units.create_unit, "Seksi Baru", topics=["units"])
    assert page.cards["units"].value.text() == "3"


def test_units_and_users_tabs_follow_changes(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    ctx = _ctx(db, data_paths, staff.admin)
    unit_tab = _shown(qtbot, ctx, UnitsTab(ctx))
    users_tab = _shown(qtbot, ctx, UsersTab(ctx))
    assert isinstance(unit_tab, UnitsTab) and isinstance(users_tab, UsersTab)
    assert unit_tab.list.count() == 2
    assert "Seksi Pelayanan Umum — 3 pegawai" in unit_tab.list.item(1).text()
    assert users_tab.table.rowCount() == 3
    _elsewhere(qtbot, ctx, units.create_unit, "Seksi Baru", topics=["units"])
    assert unit_tab.list.count() == 3
    _elsewhere(qtbot, ctx, auth.create_user, username="rina", password=USER_PASSWORD,
               role=Role.EMPLOYEE, display_name="Rina", employee_id=None,
               topics=["users"])  # fmt: skip
    assert users_tab.table.rowCount() == 4
    assert "rina" in [users_tab.table.item(r, 0).text() for r in range(4)]
    # the tab's own change: unlocking goes through the worker, the list follows
    users_tab.table.selectRow(0)
    users_tab.unlock()
    assert not ctx.ops.idle()
    qtbot.waitUntil(ctx.ops.idle)
    assert users_tab.table.rowCount() == 4


def test_office_tab_and_paper_save_through_the_worker(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    ctx = _ctx(db, data_paths, staff.admin)
    tab = _shown(qtbot, ctx, OfficeTab(ctx))
    assert isinstance(tab, OfficeTab)
    assert tab.code.text() == DEFAULT_PROFILE.code and tab.save_button.isEnabled()
    tab.city.setText("")
    tab.save_button.click()
    assert not tab.save_button.isEnabled()  # while the save runs
    qtbot.waitUntil(ctx.ops.idle)
    assert tab.error.isVisible() and "Kota" in tab.error.text()  # inline, as before
    assert tab.city.text() == "" and tab.save_button.isEnabled()  # nothing lost
    tab.city.setText("Cigugur")
    tab.save_button.click()
    qtbot.waitUntil(ctx.ops.idle)
    assert shown == ["Profil kantor disimpan."] and not tab.error.isVisible()
    assert ctx.services.read(office.office_profile).city == "Cigugur"

    general = _shown(qtbot, ctx, GeneralTab(ctx))
    assert isinstance(general, GeneralTab) and general.paper.isEnabled()
    general.paper.setCurrentIndex(general.paper.findData("F4"))
    qtbot.waitUntil(ctx.ops.idle)
    assert ctx.services.read(paper_size) == "F4"
