"""The log table model is lazy (first page, then more as the view scrolls) and a well-behaved
Qt item model (pytest-qt's qtmodeltester), like the recap models."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from flexdesk.db.engine import Database
from flexdesk.domain.outputs import LogStatus
from flexdesk.services import demo
from flexdesk.services.app import Services, login
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.outputs import recap
from flexdesk.services.outputs.logs import LogFilter
from flexdesk.ui.pages.outputs.log_model import PAGE_SIZE, LogTableModel
from flexdesk.ui.pages.outputs.recap_model import PROGRESS_ROLE, RecapModel, WeekModel


def _services(database: Database) -> Services:
    with database.session() as session:
        demo.create_demo_office(session, employees=8)
    return Services(database, login(database, "admin", demo.DEMO_PASSWORD))


def test_log_model_is_lazy_and_passes_the_model_tester(
    qtmodeltester: ModelTester, database: Database
) -> None:
    services = _services(database)
    model = LogTableModel(services)
    assert model.total > PAGE_SIZE * 2
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == PAGE_SIZE * 2
    qtmodeltester.check(model)  # (it also fetches more pages, as a view would)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == model.total
    model.set_filter(LogFilter(status=LogStatus.ACCEPTED))
    assert {model.row_data(r).status for r in range(model.rowCount())} == {LogStatus.ACCEPTED}
    model.set_filter(LogFilter(text="tidak ada kegiatan seperti ini"))
    assert (model.rowCount(), model.total, model.canFetchMore()) == (0, 0, False)
    assert model.data(model.index(0, 0)) is None
    assert model.rowCount(model.index(0, 0)) == 0


def test_log_model_shows_what_a_person_reads(database: Database) -> None:
    services = _services(database)
    model = LogTableModel(services)
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
