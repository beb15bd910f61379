"""Optimistic concurrency (issue 15): two PCs read the same row, both save; exactly one save
wins and the other is refused (StaleEdit) with who changed it, on which PC, when, and the
current value. Overwriting with ``expected_rev=error.current_rev`` works; ``expected_rev=None``
keeps the old last-write behaviour. Employee, output log, evaluation draft and schedule cells;
both backends (the ``db`` fixture)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from flexdesk.db.concurrency import ENV_PC_NAME
from flexdesk.db.engine import Database
from flexdesk.errors import StaleEdit
from flexdesk.paths import DataPaths
from flexdesk.services import employees
from flexdesk.services.app import Services
from flexdesk.services.evaluation import service as ev
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.permissions import Actor
from flexdesk.services.schedule import service as schedule
from flexdesk.services.schedule.editor import MonthEditor
from flexdesk.services.schedule.service import CellChange
from flexdesk.services.storage.attachments import AttachmentStore
from tests.support.evaluation import MARCH, approved_skp
from tests.support.helpers import Staff
from tests.support.outputs import TODAY, add_log, log_input, make_skp

NOV = (2026, 11)
MON = date(2026, 11, 2)


def _name(actor: Actor) -> str:
    return actor.display_name or actor.username


def _as_pc(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv(ENV_PC_NAME, name)


def _assert_refusal(err: StaleEdit, actor: Actor, pc: str, expected: int, before: datetime) -> None:
    assert (err.changed_by, err.workstation) == (_name(actor), pc)
    assert (err.expected_rev, err.current_rev) == (expected, expected + 1)
    assert err.changed_at is not None
    changed = datetime.fromisoformat(err.changed_at)
    assert before - timedelta(seconds=2) <= changed <= datetime.now(UTC) + timedelta(seconds=2)
    assert f"diubah oleh {_name(actor)} di PC {pc}" in err.message
    assert f"changed by {_name(actor)} on PC {pc}" in (err.message_en or "")


def test_employee_two_saves_from_the_same_revision_one_wins(
    db: Database, staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = Services(db, staff.admin)
    row = admin.read(employees.get_employee, staff.colleague.id)
    mine = replace(row.to_input(), jabatan="Pengelola Arsip")
    theirs = replace(row.to_input(), jabatan="Analis Kepegawaian")
    before = datetime.now(UTC)
    _as_pc(monkeypatch, "PC-TU-1")
    won = admin.call(employees.update_employee, row.id, theirs, expected_rev=row.rev)
    assert won.rev == row.rev + 1
    _as_pc(monkeypatch, "PC-TU-2")
    with pytest.raises(StaleEdit) as caught:
        admin.call(employees.update_employee, row.id, mine, expected_rev=row.rev)
    err = caught.value
    _assert_refusal(err, staff.admin, "PC-TU-1", row.rev, before)
    assert isinstance(err.current, employees.EmployeeRow)
    assert err.current.jabatan == "Analis Kepegawaian"
    assert admin.read(employees.get_employee, row.id).jabatan == "Analis Kepegawaian"
    # overwrite: deliberately, against the revision the refusal named
    over = admin.call(employees.update_employee, row.id, mine, expected_rev=err.current_rev)
    assert (over.jabatan, over.rev) == ("Pengelola Arsip", row.rev + 2)
    # None: the old behaviour (a caller that does not check)
    old = admin.call(employees.update_employee, row.id, theirs)
    assert old.jabatan == "Analis Kepegawaian"


def test_own_record_self_edit_is_checked_too(db: Database, staff: Staff) -> None:
    member = Services(db, staff.member_actor)
    row = member.read(employees.get_employee, staff.member.id)
    member.call(employees.update_employee, row.id, replace(row.to_input(), gelar_depan="Ir."),
                expected_rev=row.rev)  # fmt: skip
    with pytest.raises(StaleEdit) as caught:
        member.call(employees.update_employee, row.id, replace(row.to_input(), nama="Dewi"),
                    expected_rev=row.rev)  # fmt: skip
    assert caught.value.current.gelar_depan == "Ir."  # type: ignore[attr-defined]


def test_output_log_two_saves_one_wins(
    db: Database, staff: Staff, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    rhk = make_skp(db, staff.member_actor, staff.member.id).rhk[0].id
    store = AttachmentStore(data_paths.attachments)
    row = add_log(db, staff.member_actor, store, log_input(staff.member.id, rhk))
    member = Services(db, staff.member_actor)
    before = datetime.now(UTC)
    _as_pc(monkeypatch, "PC-RUMAH")
    first = replace(row.to_input(), activity="Menyusun laporan (versi rumah)")
    saved = member.call(outputs.update_log, row.id, first, store=store, today=TODAY,
                        expected_rev=row.rev)  # fmt: skip
    assert saved.rev == row.rev + 1
    _as_pc(monkeypatch, "PC-KANTOR")
    second = replace(row.to_input(), activity="Menyusun laporan (versi kantor)")
    with pytest.raises(StaleEdit) as caught:
        member.call(outputs.update_log, row.id, second, store=store, today=TODAY,
                    expected_rev=row.rev)  # fmt: skip
    err = caught.value
    _assert_refusal(err, staff.member_actor, "PC-RUMAH", row.rev, before)
    assert isinstance(err.current, outputs.LogRow)
    assert err.current.activity == "Menyusun laporan (versi rumah)"
    over = member.call(outputs.update_log, row.id, second, store=store, today=TODAY,
                       expected_rev=err.current_rev)  # fmt: skip
    assert over.activity == "Menyusun laporan (versi kantor)"


def test_evaluation_draft_two_saves_one_wins(
    db: Database, staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    approved_skp(db, staff)
    head = Services(db, staff.head_actor)
    detail = head.call(ev.start_evaluation, staff.member.id, MARCH)
    before = datetime.now(UTC)
    _as_pc(monkeypatch, "PC-KASI")
    won = head.call(ev.save_draft, detail.id, ev.EvaluationChanges(catatan="Baik sekali"),
                    expected_rev=detail.rev)  # fmt: skip
    assert won.rev > detail.rev
    _as_pc(monkeypatch, "PC-LAPTOP")
    with pytest.raises(StaleEdit) as caught:
        head.call(ev.save_draft, detail.id, ev.EvaluationChanges(catatan="Cukup"),
                  expected_rev=detail.rev)  # fmt: skip
    err = caught.value
    assert (err.changed_by, err.workstation) == (_name(staff.head_actor), "PC-KASI")
    assert err.changed_at is not None and datetime.fromisoformat(
        err.changed_at
    ) >= before - timedelta(seconds=2)
    assert isinstance(err.current, ev.EvaluationDetail) and err.current.catatan == "Baik sekali"
    # an edit of only an indicator row raises the evaluation's revision too
    rhk = won.rhk[0]
    ind = rhk.indicators[0]
    change = ev.IndicatorChange(ind.indicator_id, (ind.prefilled or 0) + 1, "Dihitung ulang")
    after = head.call(ev.save_draft, detail.id, ev.EvaluationChanges(indicators=(change,)),
                      expected_rev=err.current_rev)  # fmt: skip
    assert after.rev == won.rev + 1
    with pytest.raises(StaleEdit):
        head.call(ev.save_draft, detail.id, ev.EvaluationChanges(catatan="x"),
                  expected_rev=won.rev)  # fmt: skip


def test_schedule_cell_from_a_stale_grid_is_refused_per_cell(
    db: Database, staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    pc1 = MonthEditor(Services(db, staff.admin), *NOV)
    pc2 = MonthEditor(Services(db, staff.admin), *NOV)  # both grids read the empty month
    emp = staff.member.id
    _as_pc(monkeypatch, "PC-1")
    pc1.apply([CellChange(emp, MON, "O")])
    pc1.apply([CellChange(emp, MON, "H")])  # its own second save: its grid is current
    _as_pc(monkeypatch, "PC-2")
    with pytest.raises(StaleEdit) as caught:  # PC-2 still shows the cell empty
        pc2.apply([CellChange(emp, MON, "A", "Perpustakaan")])
    err = caught.value
    assert (err.changed_by, err.workstation) == (_name(staff.admin), "PC-1")
    assert err.field == f"cell:{emp}:{MON.isoformat()}"
    assert err.current == {"code": "H", "location": "", "leave_kind": None, "hours": None}
    assert (err.expected_rev, err.current_rev) == (None, 2)  # from the read's change number
    grid = Services(db, staff.admin).read(schedule.month_grid, *NOV)
    assert grid.entry(emp, MON).code.value == "H"  # type: ignore[union-attr]
    # another cell of the same stale grid still saves (refused per cell, not per month)
    pc2.apply([CellChange(emp, MON + timedelta(days=1), "O")])
    # overwrite with the revision the refusal named
    pc2.apply([CellChange(emp, MON, "O", expected_rev=err.current_rev, expected_id=err.entity_id)])
    # PC-1 empties the cell it no longer shows current: refused; after a reload it empties it
    with pytest.raises(StaleEdit):
        pc1.apply([CellChange(emp, MON, None)])
    pc1.reload()
    _as_pc(monkeypatch, "PC-1")
    pc1.apply([CellChange(emp, MON, None)])
    _as_pc(monkeypatch, "PC-2")
    with pytest.raises(StaleEdit) as emptied:  # PC-2 edits the cell PC-1 emptied
        pc2.apply([CellChange(emp, MON, "H")])
    assert (emptied.value.workstation, emptied.value.current) == ("PC-1", None)
    # a save without revisions (an import, a CLI without a grid) keeps the old behaviour
    Services(db, staff.admin).call(schedule.set_entries, *NOV, [CellChange(emp, MON, "O")])
    # a grid that read the cell planned; PC-1 empties it; this grid's save is refused with
    # who emptied it (found through the deletion's tombstone, the grid knew no entry id)
    pc3 = MonthEditor(Services(db, staff.admin), *NOV)
    _as_pc(monkeypatch, "PC-1")
    Services(db, staff.admin).call(schedule.set_entries, *NOV, [CellChange(emp, MON, None)])
    _as_pc(monkeypatch, "PC-3")
    with pytest.raises(StaleEdit) as gone:
        pc3.apply([CellChange(emp, MON, "H")])
    assert (gone.value.workstation, gone.value.current, gone.value.current_rev) == ("PC-1", None, 0)
    assert gone.value.changed_by == _name(staff.admin)


def test_pc_name_unknown_for_a_change_made_before_last_edits(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    """A row changed without the hook's record (an edit before migration 0710): the audit
    trail still says who and when; the PC is shown as unknown."""
    from sqlalchemy import delete

    from flexdesk.db.models_concurrency import LastEdit

    admin = Services(db, staff.admin)
    row = admin.read(employees.get_employee, staff.colleague.id)
    admin.call(employees.update_employee, row.id, replace(row.to_input(), jabatan="Arsiparis"))
    with db.session() as session:
        session.execute(delete(LastEdit))
    with pytest.raises(StaleEdit) as caught:
        admin.call(employees.update_employee, row.id, row.to_input(), expected_rev=row.rev)
    assert (caught.value.changed_by, caught.value.workstation) == (staff.admin.username, "?")
