"""The pages of engineer B's area on the ops layer: they load through the database worker,
and a change another page commits (a MutationOp, published on the change bus) refreshes them
without a reload when shown."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from flexdesk.db.engine import Database
from flexdesk.domain.people import EmployeeType
from flexdesk.paths import DataPaths
from flexdesk.services import employees, units
from flexdesk.services.app import Services
from flexdesk.services.employees import EmployeeInput
from flexdesk.services.permissions import Actor
from flexdesk.ui.context import UiContext, ui_settings
from flexdesk.ui.ops import MutationOp
from flexdesk.ui.pages import employee_model
from flexdesk.ui.pages.employees import EmployeesPage
from tests.support.helpers import Staff, add_employee

#: a non-ASN employee needs no NIP
_NEW = EmployeeInput(nama="Rina Baru", employee_type=EmployeeType.NON_ASN)


def _ctx(db: Database, paths: DataPaths, actor: Actor) -> UiContext:
    return UiContext(paths, db, Services(db, actor), ui_settings(paths))


def _shown(qtbot: QtBot, ctx: UiContext, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(ctx.ops.idle)
    return widget


def _elsewhere(qtbot: QtBot, ctx: UiContext, fn: object, *args: object, topics: list[str]) -> None:
    """A change committed by another page of the same window (its own MutationOp)."""
    other = QWidget()
    qtbot.addWidget(other)
    MutationOp(ctx, fn, *args, topics=topics).run(parent=other)  # type: ignore[arg-type]
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
