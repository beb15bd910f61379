"""The log table model is lazy (first page, then more as the view scrolls) and a well-behaved
Qt item model (pytest-qt's qtmodeltester), like the recap models."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from flexdesk.db.engine import Database
from flexdesk.domain.outputs import LogStatus
from flexdesk.paths import DataPaths
from flexdesk.services import demo
from flexdesk.services.app import Services, login
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.outputs import recap
from flexdesk.services.outputs.logs import LogFilter
from flexdesk.ui.context import UiContext, ui_settings
from flexdesk.ui.pages.outputs.log_model import PAGE_SIZE, LogTableModel
from flexdesk.ui.pages.outputs.recap_model import PROGRESS_ROLE, RecapModel, WeekModel
from tests.support.gui import wait_ops


def _services(database: Database) -> Services:
    with database.session() as session:
        demo.create_demo_office(session, employees=8)
    return Services(database, login(database, "admin", demo.DEMO_PASSWORD))


def _model(
    qtbot: QtBot, database: Database, data_paths: DataPaths
) -> tuple[LogTableModel, UiContext]:
    ctx = UiContext(data_paths, database, _services(database), ui_settings(data_paths))
    owner = QWidget()  # the view's place: answers for a closed view are dropped
    qtbot.addWidget(owner)
    model = LogTableModel(ctx, owner)
    wait_ops(qtbot, ctx)
    return model, ctx


def test_log_model_is_lazy_and_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, database: Database, data_paths: DataPaths
) -> None:
    model, ctx = _model(qtbot, database, data_paths)
    assert model.total > PAGE_SIZE * 2
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore()
    model.fetchMore()
    assert not model.canFetchMore()  # that page is on its way: not asked for twice
    model.fetchMore()
    wait_ops(qtbot, ctx)
    assert model.rowCount() == PAGE_SIZE * 2
    qtmodeltester.check(model)  # (it also fetches more pages, as a view would)
    wait_ops(qtbot, ctx)  # those pages arrive later, inserted while the tester watches
    while model.canFetchMore():
        model.fetchMore()
        wait_ops(qtbot, ctx)
    assert model.rowCount() == model.total
    model.set_filter(LogFilter(status=LogStatus.ACCEPTED))
    wait_ops(qtbot, ctx)
    assert {model.row_data(r).status for r in range(model.rowCount())} == {LogStatus.ACCEPTED}
    model.set_filter(LogFilter(text="tidak ada kegiatan seperti ini"))
    wait_ops(qtbot, ctx)
    assert (model.rowCount(), model.total, model.canFetchMore()) == (0, 0, False)
    assert model.data(model.index(0, 0)) is None
    assert model.rowCount(model.index(0, 0)) == 0


def test_log_model_drops_an_answer_for_an_older_filter(
    qtbot: QtBot, database: Database, data_paths: DataPaths
) -> None:
    model, ctx = _model(qtbot, database, data_paths)
    model.fetchMore()  # a page of the old filter is on its way ...
    model.set_filter(LogFilter(status=LogStatus.ACCEPTED))  # ... when the filter changes
    wait_ops(qtbot, ctx)
    assert model.rowCount() == min(model.total, PAGE_SIZE)
    assert {model.row_data(r).status for r in range(model.rowCount())} == {LogStatus.ACCEPTED}


def test_log_model_shows_what_a_person_reads(
    qtbot: QtBot, database: Database, data_paths: DataPaths
) -> None:
    model, _ctx = _model(qtbot, database, data_paths)
    row = model.row_data(0)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Tanggal"
    assert model.index(0, 0).data() == row.day.strftime("%d/%m/%Y")
    assert model.index(0, 5).data() == f"{row.start_time:%H.%M}–{row.end_time:%H.%M}"
    assert model.index(0, 0).data(Qt.ItemDataRole.UserRole) == row.id
    assert model.index(0, 7).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.row_of(row.id) == 0 and model.row_of("missing") == -1
    assert model.headerData(99, Qt.Orientation.Horizontal) is None
    assert model.columnCount(QModelIndex()) == 9


def test_recap_models_pass_the_model_tester(qtmodeltester: ModelTester, database: Database) -> None:
    services = _services(database)
    (first,) = services.read(outputs.list_logs, LogFilter(), limit=1)
    rc = services.read(recap.recap, first.employee_id, date.today().year)
    table = RecapModel()
    table.set_rows(list(rc.rows))
    qtmodeltester.check(table)
    assert table.rowCount() == len(rc.rows) > 0
    assert table.index(0, RecapModel.COL_PROGRESS).data(PROGRESS_ROLE) == rc.rows[0].percent
    weeks = WeekModel()
    weeks.set_weeks(list(rc.weeks), rc.thresholds.weekly_hours)
    qtmodeltester.check(weeks)
    assert weeks.rowCount() == len(rc.weeks) > 0
