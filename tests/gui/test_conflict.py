"""The conflict dialog as people meet it (issue 15): an employee record or a log entry edited
in a dialog while another PC saves the same one; saving shows who changed it, on which PC and
when, their value beside mine (a schedule grid cell and an evaluation form likewise), and each choice does what it says (keep theirs reloads the
form and saves nothing, overwrite saves mine, merge keeps their entry plus my evidence,
Escape goes back to the form); nothing is ever overwritten silently."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from flexdesk.db.concurrency import ENV_PC_NAME
from flexdesk.db.engine import Database
from flexdesk.paths import DataPaths
from flexdesk.services import employees
from flexdesk.services.app import Services
from flexdesk.services.evaluation import service as ev
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.permissions import Actor
from flexdesk.services.schedule import service as schedule
from flexdesk.services.schedule.service import CellChange
from flexdesk.services.storage.attachments import AttachmentStore
from flexdesk.ui.context import UiContext, ui_settings
from flexdesk.ui.pages.employee_dialog import EmployeeDialog
from flexdesk.ui.pages.evaluation.editor import EvaluationEditor
from flexdesk.ui.pages.outputs.log_dialog import LogDialog
from flexdesk.ui.pages.schedule.page import SchedulePage
from flexdesk.ui.widgets.conflict import ConflictDialog
from tests.support.evaluation import MARCH, approved_skp
from tests.support.gui import wait_ops
from tests.support.helpers import Staff
from tests.support.outputs import TODAY, add_log, log_input, make_skp, write_file


def _ctx(db: Database, paths: DataPaths, actor: Actor) -> UiContext:
    return UiContext(paths, db, Services(db, actor), ui_settings(paths))


@pytest.fixture
def other_pc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Saves made in the test body (not by the dialog) come from the PC "PC-TU-1"."""
    monkeypatch.setenv(ENV_PC_NAME, "PC-TU-1")
    yield


def _employee_dialog(
    qtbot: QtBot, db: Database, paths: DataPaths, staff: Staff
) -> tuple[EmployeeDialog, employees.EmployeeRow]:
    ctx = _ctx(db, paths, staff.admin)
    row = Services(db, staff.admin).read(employees.get_employee, staff.colleague.id)
    dialog = EmployeeDialog(ctx, row)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_ops(qtbot, ctx)
    # meanwhile, on another PC
    Services(db, staff.admin).call(
        employees.update_employee, row.id, replace(row.to_input(), jabatan="Analis SDM")
    )
    dialog.jabatan.setText("Pengelola Arsip")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot, ctx)
    conflict = dialog.conflict
    assert isinstance(conflict, ConflictDialog) and conflict.isVisible()
    return dialog, row


def _texts(conflict: ConflictDialog) -> list[str]:
    return [w.text() for w in conflict.findChildren(QLabel)]


def _jabatan(db: Database, staff: Staff) -> str:
    return Services(db, staff.admin).read(employees.get_employee, staff.colleague.id).jabatan


@pytest.mark.usefixtures("other_pc")
def test_employee_conflict_names_the_pc_and_keep_theirs_reloads(
    qtbot: QtBot, db: Database, data_paths: DataPaths, staff: Staff
) -> None:
    dialog, _row = _employee_dialog(qtbot, db, data_paths, staff)
    conflict = dialog.conflict
    assert isinstance(conflict, ConflictDialog)
    summary = conflict.summary.text()
    assert "PC PC-TU-1" in summary and (staff.admin.display_name or staff.admin.username) in summary
    assert [(f.label, f.theirs, f.mine) for f in conflict.shown_fields] == [
        ("Jabatan", "Analis SDM", "Pengelola Arsip")
    ]
    assert {"Analis SDM", "Pengelola Arsip"} <= set(_texts(conflict))
    assert not conflict.merge_button.isVisible()  # nothing list-valued in an employee
    assert _jabatan(db, staff) == "Analis SDM"  # nothing overwritten meanwhile
    qtbot.keyClick(conflict, Qt.Key.Key_Return)  # Enter: the safe default, keep theirs
    assert not conflict.isVisible()
    assert dialog.isVisible() and dialog.jabatan.text() == "Analis SDM"
    assert _jabatan(db, staff) == "Analis SDM"
    # saving again now is an edit of their version: accepted
    dialog.jabatan.setText("Arsiparis")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot, dialog.ctx)
    assert dialog.saved is not None and _jabatan(db, staff) == "Arsiparis"


@pytest.mark.usefixtures("other_pc")
def test_employee_conflict_overwrite_saves_mine(
    qtbot: QtBot, db: Database, data_paths: DataPaths, staff: Staff
) -> None:
    dialog, row = _employee_dialog(qtbot, db, data_paths, staff)
    assert isinstance(dialog.conflict, ConflictDialog)
    qtbot.mouseClick(dialog.conflict.overwrite_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot, dialog.ctx)
    assert dialog.saved is not None and dialog.saved.rev == row.rev + 2
    assert _jabatan(db, staff) == "Pengelola Arsip"


@pytest.mark.usefixtures("other_pc")
def test_employee_conflict_escape_goes_back_to_the_form(
    qtbot: QtBot, db: Database, data_paths: DataPaths, staff: Staff
) -> None:
    dialog, _row = _employee_dialog(qtbot, db, data_paths, staff)
    assert isinstance(dialog.conflict, ConflictDialog)
    qtbot.keyClick(dialog.conflict, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.jabatan.text() == "Pengelola Arsip"
    assert dialog.saved is None and _jabatan(db, staff) == "Analis SDM"


def _log_dialog(
    qtbot: QtBot, db: Database, paths: DataPaths, staff: Staff, tmp_path: Path, *, add_file: bool
) -> tuple[LogDialog, outputs.LogRow, AttachmentStore]:
    rhk = make_skp(db, staff.member_actor, staff.member.id).rhk[0].id
    store = AttachmentStore(paths.attachments)
    row = add_log(db, staff.member_actor, store, log_input(staff.member.id, rhk, day=TODAY))
    ctx = _ctx(db, paths, staff.member_actor)
    dialog = LogDialog(ctx, store, row)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_ops(qtbot, ctx)
    theirs = replace(row.to_input(), activity="Menyusun laporan (PC rumah)")
    Services(db, staff.member_actor).call(outputs.update_log, row.id, theirs, store=store)
    dialog.activity.setPlainText("Menyusun laporan (PC kantor)")
    if add_file:
        dialog.add_files([write_file(tmp_path / "in", "notulen.pdf")])
    assert dialog.save_button is not None
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot, ctx)
    assert isinstance(dialog.conflict, ConflictDialog) and dialog.conflict.isVisible()
    return dialog, row, store


def _stored_log(db: Database, staff: Staff, log_id: str) -> outputs.LogRow:
    return Services(db, staff.member_actor).read(outputs.get_log, log_id)


@pytest.mark.usefixtures("other_pc")
def test_log_conflict_merge_keeps_their_entry_and_my_evidence(
    qtbot: QtBot, db: Database, data_paths: DataPaths, staff: Staff, tmp_path: Path
) -> None:
    dialog, row, _store = _log_dialog(qtbot, db, data_paths, staff, tmp_path, add_file=True)
    conflict = dialog.conflict
    assert isinstance(conflict, ConflictDialog)
    labels = {f.label: (f.theirs, f.mine) for f in conflict.shown_fields}
    assert labels["Kegiatan"] == ("Menyusun laporan (PC rumah)", "Menyusun laporan (PC kantor)")
    assert labels["Bukti"] == ("0", "1")
    assert conflict.merge_button.isVisible()
    conflict.grab().save(str(tmp_path / "conflict.png"))
    assert conflict.width() <= 1366 and conflict.height() <= 768
    qtbot.mouseClick(conflict.merge_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot, dialog.ctx)
    stored = _stored_log(db, staff, row.id)
    assert stored.activity == "Menyusun laporan (PC rumah)"
    assert [e.name for e in stored.evidence] == ["notulen.pdf"]
    assert dialog.saved is not None


@pytest.mark.usefixtures("other_pc")
def test_log_conflict_overwrite_and_no_merge_without_list_changes(
    qtbot: QtBot, db: Database, data_paths: DataPaths, staff: Staff, tmp_path: Path
) -> None:
    dialog, row, _store = _log_dialog(qtbot, db, data_paths, staff, tmp_path, add_file=False)
    conflict = dialog.conflict
    assert isinstance(conflict, ConflictDialog)
    assert not conflict.merge_button.isVisible()
    qtbot.mouseClick(conflict.overwrite_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot, dialog.ctx)
    assert _stored_log(db, staff, row.id).activity == "Menyusun laporan (PC kantor)"


@pytest.mark.usefixtures("other_pc")
def test_log_conflict_keep_theirs_loads_their_entry(
    qtbot: QtBot, db: Database, data_paths: DataPaths, staff: Staff, tmp_path: Path
) -> None:
    dialog, row, _store = _log_dialog(qtbot, db, data_paths, staff, tmp_path, add_file=False)
    assert isinstance(dialog.conflict, ConflictDialog)
    qtbot.mouseClick(dialog.conflict.theirs_button, Qt.MouseButton.LeftButton)
    assert dialog.activity.toPlainText() == "Menyusun laporan (PC rumah)"
    assert _stored_log(db, staff, row.id).activity == "Menyusun laporan (PC rumah)"
    assert dialog.expected_rev == row.rev + 1


# -- the schedule grid ------------------------------------------------------------------------

MON = date(2026, 11, 2)


def _schedule_conflict(
    qtbot: QtBot, db: Database, paths: DataPaths, staff: Staff
) -> tuple[SchedulePage, ConflictDialog]:
    ctx = _ctx(db, paths, staff.admin)
    page = SchedulePage(ctx, today=MON)
    page.output.offer_open = False
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    wait_ops(qtbot, ctx)
    # another PC plans the member's Monday from home after this grid was read
    Services(db, staff.admin).call(
        schedule.set_entries, 2026, 11, [CellChange(staff.member.id, MON, "H")]
    )
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.cell_index(staff.member.id, MON))
    qtbot.keyClick(page.view, "o")
    wait_ops(qtbot, ctx)
    conflict = page.editing.conflict
    assert isinstance(conflict, ConflictDialog) and conflict.isVisible()
    assert "PC PC-TU-1" in conflict.summary.text()
    [diff] = conflict.shown_fields
    assert (diff.theirs, diff.mine) == ("H", "O")
    assert not conflict.merge_button.isVisible()
    assert _monday(db, staff) == "H"  # nothing overwritten while the user decides
    return page, conflict


def _monday(db: Database, staff: Staff) -> str | None:
    grid = Services(db, staff.admin).read(schedule.month_grid, 2026, 11)
    entry = grid.entry(staff.member.id, MON)
    return entry.code.value if entry else None


@pytest.mark.usefixtures("other_pc")
def test_grid_cell_conflict_keep_theirs_reloads_the_month(
    qtbot: QtBot, db: Database, data_paths: DataPaths, staff: Staff
) -> None:
    page, conflict = _schedule_conflict(qtbot, db, data_paths, staff)
    qtbot.mouseClick(conflict.theirs_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot, page.ctx)
    assert page.editor is not None
    assert page.editor.grid.entry(staff.member.id, MON).code.value == "H"  # type: ignore[union-attr]
    assert _monday(db, staff) == "H" and page.undo_stack.count() == 0


@pytest.mark.usefixtures("other_pc")
def test_grid_cell_conflict_overwrite_stores_mine_and_undo_still_works(
    qtbot: QtBot, db: Database, data_paths: DataPaths, staff: Staff
) -> None:
    page, conflict = _schedule_conflict(qtbot, db, data_paths, staff)
    qtbot.mouseClick(conflict.overwrite_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot, page.ctx)
    assert _monday(db, staff) == "O"
    assert page.undo_stack.count() == 1
    page.undo_stack.undo()  # back to their H, against the revision just stored
    wait_ops(qtbot, page.ctx)
    assert _monday(db, staff) == "H"


# -- the evaluation editor --------------------------------------------------------------------


def _evaluation_conflict(
    qtbot: QtBot, db: Database, paths: DataPaths, staff: Staff
) -> tuple[EvaluationEditor, ev.EvaluationDetail]:
    approved_skp(db, staff)
    head = Services(db, staff.head_actor)
    detail = head.call(ev.start_evaluation, staff.member.id, MARCH)
    ctx = _ctx(db, paths, staff.head_actor)
    editor = EvaluationEditor(ctx, detail, None)
    qtbot.addWidget(editor)
    editor.show()
    # the same supervisor, on the laptop, saves a note meanwhile
    head.call(ev.save_draft, detail.id, ev.EvaluationChanges(catatan="Pertahankan."))
    editor.rating.catatan.setPlainText("Tingkatkan ketepatan waktu.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot, ctx)
    conflict = editor.dialog
    assert isinstance(conflict, ConflictDialog) and conflict.isVisible()
    assert "PC PC-TU-1" in conflict.summary.text()
    notes = {f.label: (f.theirs, f.mine) for f in conflict.shown_fields}
    assert notes["Catatan"] == ("Pertahankan.", "Tingkatkan ketepatan waktu.")
    assert head.read(ev.get_evaluation, detail.id).catatan == "Pertahankan."
    return editor, detail


@pytest.mark.usefixtures("other_pc")
def test_evaluation_conflict_keep_theirs_and_overwrite(
    qtbot: QtBot, db: Database, data_paths: DataPaths, staff: Staff
) -> None:
    editor, detail = _evaluation_conflict(qtbot, db, data_paths, staff)
    assert isinstance(editor.dialog, ConflictDialog)
    qtbot.mouseClick(editor.dialog.theirs_button, Qt.MouseButton.LeftButton)
    assert editor.rating.catatan.toPlainText() == "Pertahankan." and not editor.dirty
    # edit again from their version: saved; then a second conflict, overwritten
    head = Services(db, staff.head_actor)
    head.call(ev.save_draft, detail.id, ev.EvaluationChanges(catatan="Versi laptop."))
    editor.rating.catatan.setPlainText("Versi kantor.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot, editor.ctx)
    assert isinstance(editor.dialog, ConflictDialog) and editor.dialog.isVisible()
    qtbot.mouseClick(editor.dialog.overwrite_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot, editor.ctx)
    assert head.read(ev.get_evaluation, detail.id).catatan == "Versi kantor."
    assert editor.detail.catatan == "Versi kantor." and not editor.dirty
