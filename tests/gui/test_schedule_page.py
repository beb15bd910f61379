"""Jadwal page driven like a user: keyboard filling, live cover violation, submit, approve as
supervisor, locked month; undo/redo; the violations panel; printing and exporting."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from flexdesk.db.engine import Database
from flexdesk.domain.rules import RULE_COVER
from flexdesk.domain.schedule_workflow import PeriodStatus
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services
from flexdesk.services.permissions import Actor
from flexdesk.services.schedule import periods as schedule_periods
from flexdesk.services.schedule import service as schedule
from flexdesk.services.schedule.service import CellChange
from flexdesk.ui.context import UiContext, ui_settings
from flexdesk.ui.pages.schedule.page import SchedulePage
from tests.support.gui import wait_ops
from tests.support.helpers import Staff
from tests.support.pdf import page_sizes, page_texts

MON = date(2026, 11, 2)
WED = MON + timedelta(days=2)


def _page(qtbot: QtBot, db: Database, paths: DataPaths, actor: Actor) -> SchedulePage:
    ctx = UiContext(paths, db, Services(db, actor), ui_settings(paths))
    page = SchedulePage(ctx, today=MON)
    page.output.offer_open = False
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    wait_ops(qtbot, ctx)
    return page


def _key(
    qtbot: QtBot, page: SchedulePage, key: str | Qt.Key, *modifiers: Qt.KeyboardModifier
) -> None:
    """A key on the grid, then wait for the database worker (the change is stored by then)."""
    qtbot.keyClick(page.view, key, *modifiers)
    wait_ops(qtbot, page.ctx)


def _codes(db: Database, employee_id: str) -> dict[date, str]:
    with db.read_session() as session:
        grid = schedule.month_grid(session, Services(db, _admin(db)).actor, 2026, 11)
    return {
        d.day: e.code.value for d in grid.days if (e := grid.entry(employee_id, d.day)) is not None
    }


def _admin(db: Database) -> Actor:
    from sqlalchemy import select

    from flexdesk.db.models import User
    from flexdesk.services.auth import actor_for

    with db.read_session() as session:
        user = session.scalar(select(User).where(User.role == "admin"))
        assert user is not None
        return actor_for(user)


def _cover_errors(page: SchedulePage) -> list[str]:
    return [
        v.message_id
        for v in page.violations.shown()
        if v.rule_id == RULE_COVER and v.severity == "error"
    ]


def test_fill_a_week_by_keyboard_see_cover_submit_approve_and_lock(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    # the colleague already plans to work from home on Wednesday
    Services(db, staff.admin).call(
        schedule.set_entries, 2026, 11, [CellChange(staff.colleague.id, WED, "H")]
    )
    page = _page(qtbot, db, data_paths, staff.member_actor)
    view = page.view
    view.setFocus()
    view.setCurrentIndex(page.model.cell_index(staff.member.id, MON))
    assert page.period_bar.submit.isVisible() and not page.period_bar.approve.isVisible()
    for key in "oowoh":  # Monday..Friday; W is the office too, the cursor moves on by itself
        qtbot.keyClick(view, key)  # typed at once, one after the other: the stores follow
    wait_ops(qtbot, page.ctx)
    assert _codes(db, staff.member.id) == {MON: "O", MON + timedelta(1): "O", WED: "O",
                                           MON + timedelta(3): "O", MON + timedelta(4): "H"}  # fmt: skip
    assert _cover_errors(page) == []

    # Wednesday from home as well: the unit is short on site, the panel says so
    view.setCurrentIndex(page.model.cell_index(staff.member.id, WED))
    _key(qtbot, page, "h")
    (message,) = _cover_errors(page)
    assert "Seksi Pelayanan Umum" in message and "Rabu, 4 November 2026" in message
    footer = page.model.footer_index(staff.unit.id, WED)
    assert page.model.cell_style(footer.row(), footer.column()).severity == "error"
    # clicking the violation selects the unit's footer cell of that day
    row = next(i for i, v in enumerate(page.violations.shown()) if v.rule_id == RULE_COVER)
    page.violations.list.clicked.emit(page.violations.model.index(row, 0))
    assert view.currentIndex() == footer

    # back to the office: the violation goes away
    view.setCurrentIndex(page.model.cell_index(staff.member.id, WED))
    _key(qtbot, page, "o")
    assert _cover_errors(page) == []
    assert _codes(db, staff.member.id)[WED] == "O"

    # submit
    qtbot.mouseClick(page.period_bar.submit, Qt.MouseButton.LeftButton)
    wait_ops(qtbot, page.ctx)
    assert page.editor is not None
    assert page.editor.grid.period(staff.member.id).status is PeriodStatus.SUBMITTED
    assert "Diajukan" in page.period_bar.label.text()

    # the supervisor approves on their own page
    head = _page(qtbot, db, data_paths, staff.head_actor)
    head.view.setCurrentIndex(head.model.cell_index(staff.member.id, MON))
    assert head.period_bar.approve.isVisible() and head.period_bar.approve.isEnabled()
    assert not head.period_bar.submit.isVisible()
    qtbot.mouseClick(head.period_bar.approve, Qt.MouseButton.LeftButton)
    wait_ops(qtbot, head.ctx)
    assert "Disetujui" in head.period_bar.label.text()

    # the employee's page hears of it (as from the office server) and finds the month locked:
    # typing changes nothing and says why
    page.ctx.events.publish(["schedule"])
    wait_ops(qtbot, page.ctx)
    view.setCurrentIndex(page.model.cell_index(staff.member.id, MON))
    assert not page.period_bar.submit.isEnabled()
    _key(qtbot, page, "h")
    assert "terkunci" in page.message.text()
    assert view.currentIndex() == page.model.cell_index(staff.member.id, MON)  # stays there
    assert _codes(db, staff.member.id)[MON] == "O"
    info = Services(db, staff.admin).read(schedule_periods.period_info, staff.member.id, 2026, 11)
    assert info.status is PeriodStatus.APPROVED and info.approver_employee_id == staff.head.id


def test_undo_redo_multi_select_fill_and_clear(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    page = _page(qtbot, db, data_paths, staff.admin)
    view, model = page.view, page.model
    # select the member's whole week, Monday to Sunday, and type O: the weekend stays empty
    selection = view.selectionModel()
    view.setCurrentIndex(model.cell_index(staff.member.id, MON))
    for i in range(7):
        selection.select(
            model.cell_index(staff.member.id, MON + timedelta(days=i)),
            QItemSelectionModel.SelectionFlag.Select,
        )
    _key(qtbot, page, "o")
    week = {MON + timedelta(days=i): "O" for i in range(5)}
    assert _codes(db, staff.member.id) == week
    _key(qtbot, page, Qt.Key.Key_Delete)
    assert _codes(db, staff.member.id) == {}
    # the shortcuts work while the page's window is active and the grid has the focus
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    view.setFocus()
    _key(qtbot, page, "z", Qt.KeyboardModifier.ControlModifier)
    assert _codes(db, staff.member.id) == week
    _key(qtbot, page, "z", Qt.KeyboardModifier.ControlModifier)
    assert _codes(db, staff.member.id) == {}
    _key(qtbot, page, "y", Qt.KeyboardModifier.ControlModifier)
    assert _codes(db, staff.member.id) == week
    assert page.undo_button.isEnabled()


def test_someone_elses_row_is_refused_with_a_sentence(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    page = _page(qtbot, db, data_paths, staff.member_actor)
    page.view.setCurrentIndex(page.model.cell_index(staff.colleague.id, MON))
    _key(qtbot, page, "o")
    assert "jadwal Anda sendiri" in page.message.text()
    assert page.view.currentIndex() == page.model.cell_index(staff.colleague.id, MON)
    assert _codes(db, staff.colleague.id) == {}
    assert page.undo_stack.count() == 0


def test_wfa_asks_for_the_location(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    page = _page(qtbot, db, data_paths, staff.member_actor)
    page.view.setCurrentIndex(page.model.cell_index(staff.member.id, MON))
    qtbot.keyClick(page.view, "a")
    dialog = page.editing.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.location.setText("Perpustakaan Daerah")  # type: ignore[union-attr]
    dialog.accept()
    wait_ops(qtbot, page.ctx)
    assert page.editor is not None
    entry = page.editor.grid.entry(staff.member.id, MON)
    assert entry is not None and (entry.code.value, entry.location) == ("A", "Perpustakaan Daerah")


def test_week_view_copy_last_week_and_pattern(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    page = _page(qtbot, db, data_paths, staff.member_actor)
    Services(db, staff.member_actor).call(
        schedule.set_entries,
        2026,
        11,
        [CellChange(staff.member.id, MON + timedelta(days=i), "OOHOH"[i]) for i in range(5)],
    )
    page.reload()
    wait_ops(qtbot, page.ctx)
    page.set_week(MON + timedelta(days=7))
    assert page.model.columnCount() == 7
    assert page.week_picker.currentText() == "9 November – 15 November 2026"
    page.view.setCurrentIndex(page.model.cell_index(staff.member.id, MON + timedelta(days=7)))
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot, page.ctx)
    codes = _codes(db, staff.member.id)
    assert [codes[MON + timedelta(days=7 + i)] for i in range(5)] == list("OOHOH")
    qtbot.mouseClick(page.pattern_button, Qt.MouseButton.LeftButton)
    dialog = page.editing.dialog
    assert dialog is not None
    dialog.pattern.setText("O H")  # type: ignore[union-attr]
    dialog.accept()
    wait_ops(qtbot, page.ctx)
    codes = _codes(db, staff.member.id)
    assert (codes[date(2026, 11, 27)], codes[date(2026, 11, 30)]) == ("H", "O")
    assert len(codes) == 21


def test_print_and_export_from_the_page(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths, tmp_path: Path
) -> None:
    admin = Services(db, staff.admin)
    admin.call(
        schedule.apply_pattern,
        2026,
        11,
        employee_ids=[staff.member.id],
        start=date(2026, 11, 1),
        end=date(2026, 11, 30),
        pattern="O",
    )
    admin.call(schedule_periods.submit_period, staff.member.id, 2026, 11)
    admin.call(schedule_periods.approve_period, staff.member.id, 2026, 11)
    page = _page(qtbot, db, data_paths, staff.member_actor)
    pdf = tmp_path / "jadwal.pdf"
    page.output.print_pdf(pdf)
    qtbot.waitUntil(lambda: page.output.last_output == pdf, timeout=20000)
    assert "PDF jadwal tersimpan" in page.message.text()
    (width, height), *_ = page_sizes(pdf)
    assert width > height
    assert "Dewi Lestari" in " ".join(page_texts(pdf))
    out = tmp_path / "jadwal.csv"
    page.output.export_csv(out)
    wait_ops(qtbot, page.ctx)
    assert "CSV jadwal tersimpan (21 baris)" in page.message.text()
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 21 and rows[0]["nama"] == "Dewi Lestari"


def test_nothing_approved_to_print_says_so(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths, tmp_path: Path
) -> None:
    page = _page(qtbot, db, data_paths, staff.admin)
    page.output.print_pdf(tmp_path / "x.pdf")
    qtbot.waitUntil(lambda: "Belum ada jadwal yang disetujui" in page.message.text(), timeout=20000)
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_month_navigation_and_unit_filter(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths, lang: str
) -> None:
    ctx = UiContext(data_paths, db, Services(db, staff.admin), ui_settings(data_paths), lang=lang)
    page = SchedulePage(ctx, today=MON)
    qtbot.addWidget(page)
    wait_ops(qtbot, ctx)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot, ctx)
    assert page.editor is not None
    assert (page.editor.year, page.editor.month) == (2026, 12)
    assert page.model.columnCount() == 31
    page.unit_filter.setCurrentIndex(page.unit_filter.findText("Sekretariat"))
    wait_ops(qtbot, ctx)
    assert page.model.rowCount() == 0  # no staff in that unit
    page.unit_filter.setCurrentIndex(0)
    wait_ops(qtbot, ctx)
    assert page.model.rowCount() == 5  # heading, three staff, footer


def test_a_change_on_the_bus_refreshes_the_grid_but_its_own_edits_do_not(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    page = _page(qtbot, db, data_paths, staff.admin)
    page.view.setCurrentIndex(page.model.cell_index(staff.member.id, MON))
    heard: list[frozenset[str]] = []
    page.ctx.events.changed.connect(heard.append)
    _key(qtbot, page, "h")
    assert heard == [frozenset({"schedule"})]  # the other pages hear of the edit
    assert page.undo_stack.count() == 1  # and the grid was not reloaded (that clears undo)
    # another page (or PC) stores a change and publishes it: the visible grid shows it
    Services(db, staff.admin).call(
        schedule.set_entries, 2026, 11, [CellChange(staff.colleague.id, WED, "D", "Kecamatan")]
    )
    page.ctx.events.publish(["schedule"])
    wait_ops(qtbot, page.ctx)
    assert page.editor is not None
    entry = page.editor.grid.entry(staff.colleague.id, WED)
    assert entry is not None and entry.code.value == "D"
    footer = page.model.footer_index(staff.unit.id, WED)
    assert page.model.index(footer.row(), footer.column()).data() is not None
    # a hidden page waits for its next show
    page.hide()
    Services(db, staff.admin).call(
        schedule.set_entries, 2026, 11, [CellChange(staff.colleague.id, MON, "H")]
    )
    page.ctx.events.publish(["employees"])
    wait_ops(qtbot, page.ctx)
    assert page.editor.grid.entry(staff.colleague.id, MON) is None
    page.show()
    wait_ops(qtbot, page.ctx)
    assert page.editor is not None
    entry = page.editor.grid.entry(staff.colleague.id, MON)
    assert entry is not None and entry.code.value == "H"


def test_grid_model_passes_the_model_tester_before_and_after_its_month_arrives(
    qtbot: QtBot, qtmodeltester: ModelTester, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    ctx = UiContext(data_paths, db, Services(db, staff.admin), ui_settings(data_paths))
    page = SchedulePage(ctx, today=MON)
    qtbot.addWidget(page)
    assert page.editor is None and page.model.rowCount() == 0  # the month is on its way
    qtmodeltester.check(page.model)
    wait_ops(qtbot, ctx)
    assert page.model.rowCount() == 5
    qtmodeltester.check(page.model)
    page.view.setCurrentIndex(page.model.cell_index(staff.member.id, MON))
    _key(qtbot, page, "h")  # the stored result is shown while the tester watches
    cell = page.model.cell_index(staff.member.id, MON)
    assert page.model.cell_style(cell.row(), cell.column()).text == "H"
