"""Live refresh in the window (issue 15): another PC's change reaches the visible employees
page within about 2 s through ui.live.LiveRefresh, keeping the selected row and an open form's
unsaved text; the window's own saves are not announced twice; the session host stops the
watcher at sign-out. Both backends (the ``db`` fixture is PostgreSQL with FLEXDESK_TEST_PG_URL).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel
from pytestqt.qtbot import QtBot

from flexdesk.db.engine import Database
from flexdesk.db.models import Employee
from flexdesk.domain.people import EmployeeType
from flexdesk.paths import DataPaths
from flexdesk.services import employees
from flexdesk.services.app import Services
from flexdesk.services.employees import EmployeeInput
from flexdesk.services.permissions import Actor
from flexdesk.services.schedule import service as schedule
from flexdesk.services.schedule.service import CellChange
from flexdesk.ui.context import UiContext, ui_settings
from flexdesk.ui.live import LiveRefresh
from flexdesk.ui.ops import MutationOp
from flexdesk.ui.pages.employee_dialog import EmployeeDialog
from flexdesk.ui.pages.employees import EmployeesPage
from flexdesk.ui.pages.schedule.page import SchedulePage
from tests.support.gui import wait_ops
from tests.support.helpers import Staff

MON = date(2026, 11, 2)
WED = MON + timedelta(days=2)


def _ctx(db: Database, paths: DataPaths, actor: Actor) -> UiContext:
    return UiContext(paths, db, Services(db, actor), ui_settings(paths))


@pytest.fixture
def other_pc(db: Database) -> Iterator[Database]:
    """A second PC on the same database: its own engine, so nothing it saves is "ours"."""
    other = Database(db.engine.url.render_as_string(hide_password=False))
    yield other
    other.dispose()


@pytest.fixture
def live_ctx(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> Iterator[tuple[UiContext, LiveRefresh]]:
    ctx = _ctx(db, data_paths, staff.admin)
    live = LiveRefresh(ctx).start()
    assert live.wait_ready()
    yield ctx, live
    live.stop()
    assert not live.running


def _set_jabatan(db: Database, employee_id: str, jabatan: str) -> float:
    with db.session() as session:
        emp = session.get(Employee, employee_id)
        assert emp is not None
        emp.jabatan = jabatan
    return time.perf_counter()


def _jabatan_shown(page: EmployeesPage, employee_id: str) -> str | None:
    row = page.model.row_of(employee_id)
    return None if row < 0 else page.model.row_data(row).jabatan


def _selected_id(page: EmployeesPage) -> str | None:
    rows = page.table.selectionModel().selectedRows()
    return page.model.row_data(rows[0].row()).id if rows else None


def test_another_pcs_change_shows_on_the_visible_page_keeping_the_selection(
    qtbot: QtBot,
    live_ctx: tuple[UiContext, LiveRefresh],
    staff: Staff,
    other_pc: Database,
) -> None:
    ctx, _live = live_ctx
    page = EmployeesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(ctx.ops.idle)
    member = staff.member.id
    page.table.selectRow(page.model.row_of(member))
    assert _selected_id(page) == member
    committed = _set_jabatan(other_pc, member, "Analis Kebijakan Ahli Muda")
    qtbot.waitUntil(
        lambda: _jabatan_shown(page, member) == "Analis Kebijakan Ahli Muda", timeout=2500
    )
    assert time.perf_counter() - committed < 2.5
    qtbot.waitUntil(ctx.ops.idle)
    assert _selected_id(page) == member  # the same employee, not the same row number


def test_an_open_form_keeps_its_unsaved_text(
    qtbot: QtBot,
    live_ctx: tuple[UiContext, LiveRefresh],
    staff: Staff,
    other_pc: Database,
) -> None:
    ctx, live = live_ctx
    page = EmployeesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(ctx.ops.idle)
    page._edit_index(page.model.index(page.model.row_of(staff.member.id), 0))
    dialog = page.dialog
    assert isinstance(dialog, EmployeeDialog) and dialog.isVisible()
    qtbot.waitUntil(ctx.ops.idle)
    dialog.jabatan.setText("Belum disimpan")
    with qtbot.waitSignal(live.published, timeout=2500):
        _set_jabatan(other_pc, staff.head.id, "Kepala Seksi Baru")
    qtbot.waitUntil(lambda: _jabatan_shown(page, staff.head.id) == "Kepala Seksi Baru")
    assert dialog.isVisible() and dialog.jabatan.text() == "Belum disimpan"
    dialog.done(0)


def test_the_windows_own_save_is_not_announced_again(
    qtbot: QtBot,
    live_ctx: tuple[UiContext, LiveRefresh],
    db: Database,
) -> None:
    ctx, live = live_ctx
    heard: list[frozenset[str]] = []
    live.published.connect(heard.append)
    page = EmployeesPage(ctx)
    qtbot.addWidget(page)
    data = EmployeeInput(nama="Rina Baru", employee_type=EmployeeType.NON_ASN)
    MutationOp(ctx, employees.create_employee, data, topics=["employees"]).run(parent=page)
    qtbot.waitUntil(ctx.ops.idle)
    qtbot.wait(1500 if db.is_sqlite else 500)  # more than one SQLite poll
    assert heard == []


def test_sign_out_stops_the_watcher(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    from flexdesk.errors import SessionEnded
    from flexdesk.ui.restart import SessionHost

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    host = SessionHost(
        app,
        data_paths,
        db,
        settings=ui_settings(data_paths),
        lang="id",
        window_factory=lambda _c: QWidget(),
    )
    window = host.open_window(staff.admin)
    qtbot.addWidget(window)
    live = host._live
    assert live is not None and live.wait_ready() and live.running
    host.sign_out(SessionEnded("Sesi berakhir.", message_en="Session ended."))
    assert host._live is None and not live.running
    for widget in app.topLevelWidgets():
        if widget.objectName() == "session_sign_in":
            widget.close()
    app.setQuitOnLastWindowClosed(True)


def test_the_schedule_grid_keeps_the_cursor_and_selection_across_a_refresh(
    qtbot: QtBot,
    live_ctx: tuple[UiContext, LiveRefresh],
    db: Database,
    staff: Staff,
    other_pc: Database,
) -> None:
    ctx, live = live_ctx
    page = SchedulePage(ctx, today=MON)
    page.output.offer_open = False
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    wait_ops(qtbot, ctx)
    view, model = page.view, page.model
    view.setFocus()
    view.setCurrentIndex(model.cell_index(staff.member.id, MON))
    view.selectionModel().select(
        model.cell_index(staff.member.id, MON + timedelta(1)),
        QItemSelectionModel.SelectionFlag.Select,
    )
    before = sorted(view.selectionModel().selectedIndexes())
    with qtbot.waitSignal(live.published, timeout=2500):
        Services(other_pc, staff.admin).call(
            schedule.set_entries, 2026, 11, [CellChange(staff.colleague.id, WED, "D", "Kecamatan")]
        )
    wait_ops(qtbot, ctx)
    assert page.editor is not None
    entry = page.editor.grid.entry(staff.colleague.id, WED)
    assert entry is not None and entry.code.value == "D"  # the other PC's change shows
    assert view.currentIndex() == model.cell_index(staff.member.id, MON)
    assert sorted(view.selectionModel().selectedIndexes()) == before
    view.setCurrentIndex(model.cell_index(staff.member.id, MON))  # one cell again, then type
    qtbot.keyClick(view, "h")
    wait_ops(qtbot, ctx)
    with db.read_session() as session:
        grid = schedule.month_grid(session, staff.admin, 2026, 11)
    typed = grid.entry(staff.member.id, MON)
    assert typed is not None and typed.code.value == "H"  # where the user was


def test_the_outputs_list_keeps_the_selected_entry_across_a_refresh(
    qtbot: QtBot,
    *,
    live_ctx: tuple[UiContext, LiveRefresh],
    db: Database,
    staff: Staff,
    other_pc: Database,
    data_paths: DataPaths,
) -> None:
    from flexdesk.services.outputs import skp
    from flexdesk.services.storage.attachments import AttachmentStore
    from flexdesk.ui.pages.outputs.common import to_qdate
    from flexdesk.ui.pages.outputs.log_tab import LogTab
    from tests.support.outputs import DAY, add_log, log_input, make_skp

    ctx, live = live_ctx
    detail = make_skp(db, staff.member_actor, staff.member.id, year=DAY.year)
    with db.session() as session:
        skp.submit_skp(session, staff.member_actor, detail.id)
    with db.session() as session:
        skp.approve_skp(session, staff.head_actor, detail.id)
    store = AttachmentStore(data_paths.root / "attachments")
    rhk_id = detail.rhk[0].id
    first = add_log(db, staff.member_actor, store, log_input(staff.member.id, rhk_id))
    tab = LogTab(ctx, store)
    qtbot.addWidget(tab)
    tab.show()
    tab.date_from.setDate(to_qdate(DAY))
    tab.date_to.setDate(to_qdate(DAY))
    wait_ops(qtbot, ctx)
    tab.table.selectRow(tab.model.row_of(first.id))
    with qtbot.waitSignal(live.published, timeout=2500):
        add_log(other_pc, staff.member_actor, store,
                log_input(staff.member.id, rhk_id, activity="Dari PC lain"))  # fmt: skip
    wait_ops(qtbot, ctx)
    assert tab.model.total == 2
    assert [r.id for r in tab.selected_rows()] == [first.id]


@pytest.mark.sqlite_only(reason="an in-app restore replaces the SQLite file")
def test_a_restore_stops_the_watcher_before_the_database_goes_and_starts_a_new_one(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    from flexdesk.services.storage import backup
    from flexdesk.ui.login import LoginDialog
    from flexdesk.ui.restart import SessionHost
    from tests.support.helpers import ADMIN_PASSWORD

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    saved = backup.create_backup(db, data_paths, kind="manual")
    host = SessionHost(
        app, data_paths, db, settings=ui_settings(data_paths), lang="id",
        window_factory=lambda _c: QWidget(),
    )  # fmt: skip
    host.open_window(staff.admin)
    first = host._live
    assert first is not None and first.wait_ready() and first.running
    running_at_dispose: list[bool] = []
    dispose = db.dispose
    monkeypatch.setattr(
        db, "dispose", lambda: (running_at_dispose.append(first.running), dispose())
    )
    signed_in: list[LoginDialog] = []
    host.sign_in_shown.connect(signed_in.append)
    try:
        with qtbot.waitSignal(host.restarted, timeout=20_000):
            host.restore(saved.path)
            qtbot.waitUntil(lambda: bool(signed_in), timeout=15_000)
            signed_in[0].password.setText(ADMIN_PASSWORD)
            signed_in[0]._try_login()
        assert running_at_dispose == [False]
        second = host._live
        assert second is not None and second is not first and second.wait_ready()
        assert second.running
    finally:
        if host._live is not None:
            host._live.stop()
        for widget in app.topLevelWidgets():
            if widget.isVisible():
                widget.close()
        app.setQuitOnLastWindowClosed(True)
        host.db.dispose()
