"""Schedule services: the month grid, cell edits (all or nothing), copy week, patterns."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from flexdesk.db.base import Tombstone
from flexdesk.db.engine import Database
from flexdesk.db.models_schedule import ScheduleEntryRow, SchedulePeriod
from flexdesk.domain.rules import RULE_COVER, RULE_WFA_LOCATION
from flexdesk.domain.schedule import DayCode
from flexdesk.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from flexdesk.services.app import Services
from flexdesk.services.schedule import periods as schedule_periods
from flexdesk.services.schedule import service as schedule
from flexdesk.services.schedule.editor import MonthEditor
from flexdesk.services.schedule.service import CellChange
from tests.support.helpers import Staff, add_employee

NOV = (2026, 11)
MON = date(2026, 11, 2)  # a Monday; November 2026 has no holiday


def week(start: date = MON, n: int = 5) -> list[date]:
    return [start + timedelta(days=i) for i in range(n)]


def _entries(db: Database) -> dict[tuple[str, date], str]:
    with db.read_session() as session:
        return {(r.employee_id, r.day): r.code for r in session.scalars(select(ScheduleEntryRow))}


# -- the grid ------------------------------------------------------------------------------------


def test_month_grid_groups_employees_by_unit_with_calendar_and_periods(
    db: Database, staff: Staff
) -> None:
    grid = Services(db, staff.member_actor).read(schedule.month_grid, 2026, 12)
    assert [u.name for u in grid.units] == ["Seksi Pelayanan Umum"]
    assert [m.name for m in grid.units[0].members] == [
        "Agus Saputra",
        "Bambang Hermawan, S.Sos.",
        "Dewi Lestari",
    ]
    assert len(grid.days) == 31
    christmas = grid.days[24]
    assert christmas.day == date(2026, 12, 25) and christmas.kind == "national"
    assert grid.days[4].kind == "weekend"  # Saturday 5 December
    # every month starts as a draft the employee may plan; only their own
    assert grid.plannable == {staff.member.id}
    assert grid.reviewable == frozenset()
    assert grid.can_edit(staff.member.id) and not grid.can_edit(staff.colleague.id)
    assert grid.period(staff.member.id).status.value == "draft"


def test_supervisor_reviews_only_direct_staff_and_admin_everyone(
    db: Database, staff: Staff
) -> None:
    grid = Services(db, staff.head_actor).read(schedule.month_grid, *NOV)
    assert grid.reviewable == {staff.member.id, staff.colleague.id}
    assert grid.plannable == {staff.head.id}
    admin_grid = Services(db, staff.admin).read(schedule.month_grid, *NOV)
    assert admin_grid.plannable == admin_grid.reviewable == set(admin_grid.members)


def test_month_grid_of_one_unit_and_an_unknown_unit(db: Database, staff: Staff) -> None:
    svc = Services(db, staff.admin)
    assert svc.read(schedule.month_grid, *NOV, unit_id=staff.other_unit.id).units == ()
    with pytest.raises(NotFound):
        svc.read(schedule.month_grid, *NOV, unit_id="no-such-unit")
    with pytest.raises(ValidationError):
        svc.read(schedule.month_grid, 2026, 13)


def test_blank_grid_shows_hours_warnings_but_no_cover_problem(db: Database, staff: Staff) -> None:
    grid = Services(db, staff.admin).read(schedule.month_grid, *NOV)
    kinds = {(v.rule_id, v.severity) for v in grid.validator.violations()}
    assert kinds == {("hours.weekly", "warning")}
    cover = grid.validator.cover(staff.unit.id, MON)
    assert (cover.members, cover.unplanned, cover.on_site) == (3, 3, 0)


# -- editing -------------------------------------------------------------------------------------


def test_employee_plans_own_week_and_the_grid_sees_it(db: Database, staff: Staff) -> None:
    svc = Services(db, staff.member_actor)
    codes = ["O", "O", "H", "O", "A"]
    changes = [
        CellChange(staff.member.id, d, c, "Perpustakaan Daerah" if c == "A" else "")
        for d, c in zip(week(), codes, strict=True)
    ]
    result = svc.call(schedule.set_entries, *NOV, changes)
    assert [e.code.value for e in result.stored] == codes
    assert _entries(db)[(staff.member.id, MON + timedelta(days=2))] == "H"
    with db.read_session() as session:
        period = session.scalar(select(SchedulePeriod))
        assert period is not None and (period.employee_id, period.status) == (
            staff.member.id,
            "draft",
        )
    grid = svc.read(schedule.month_grid, *NOV)
    assert grid.entry(staff.member.id, MON + timedelta(days=4)).location == "Perpustakaan Daerah"  # type: ignore[union-attr]


def test_w_is_an_alias_for_the_office_and_clearing_leaves_a_tombstone(
    db: Database, staff: Staff
) -> None:
    svc = Services(db, staff.member_actor)
    svc.call(schedule.set_entries, *NOV, [CellChange(staff.member.id, MON, "w")])
    assert _entries(db) == {(staff.member.id, MON): "O"}
    result = svc.call(schedule.set_entries, *NOV, [CellChange(staff.member.id, MON, None)])
    assert result.cleared == ((staff.member.id, MON),)
    assert _entries(db) == {}
    with db.read_session() as session:
        assert session.scalar(
            select(func.count()).select_from(Tombstone).where(Tombstone.entity == "schedule_entry")
        )


@pytest.mark.parametrize(
    ("change", "error", "words"),
    [
        (CellChange("?", date(2026, 12, 1), "O"), ValidationError, "di luar periode"),
        (CellChange("?", MON, "X"), ValidationError, "tidak dikenal"),
        (CellChange("?", MON, "O", leave_kind="tahunan"), ValidationError, "Jenis cuti"),
        (CellChange("?", MON, "C", hours=7.5), ValidationError, "jam kerja"),
        (CellChange("?", MON, "O", location="Bandung"), ValidationError, "lokasi"),
        (CellChange("?", MON, "O", hours=30), ValidationError, "0–24"),
    ],
)
def test_bad_cells_are_refused_and_nothing_is_stored(
    db: Database, staff: Staff, change: CellChange, error: type[Exception], words: str
) -> None:
    svc = Services(db, staff.member_actor)
    good = CellChange(staff.member.id, MON + timedelta(days=1), "O")
    bad = CellChange(staff.member.id, change.day, change.code, change.location,
                     change.leave_kind, change.hours)  # fmt: skip
    with pytest.raises(error, match=words):
        svc.call(schedule.set_entries, *NOV, [good, bad])
    assert _entries(db) == {}


def test_two_values_for_one_cell_are_contradictory(db: Database, staff: Staff) -> None:
    svc = Services(db, staff.member_actor)
    with pytest.raises(ValidationError, match="sel yang sama"):
        svc.call(
            schedule.set_entries,
            *NOV,
            [CellChange(staff.member.id, MON, "O"), CellChange(staff.member.id, MON, "H")],
        )
    assert _entries(db) == {}


def test_nobody_plans_someone_elses_month_but_the_admin(db: Database, staff: Staff) -> None:
    change = CellChange(staff.colleague.id, MON, "O")
    for actor in (staff.member_actor, staff.head_actor):
        with pytest.raises(PermissionDenied, match="jadwal Anda sendiri"):
            Services(db, actor).call(
                schedule.set_entries, *NOV, [CellChange(actor.employee_id or "", MON, "O"), change]
            )
    assert _entries(db) == {}
    Services(db, staff.admin).call(schedule.set_entries, *NOV, [change])
    assert _entries(db) == {(staff.colleague.id, MON): "O"}


def test_inactive_or_unknown_employee_is_refused(db: Database, staff: Staff) -> None:
    gone = add_employee(db, staff.admin, "Sudah Pensiun", active=False, unit_id=staff.unit.id)
    svc = Services(db, staff.admin)
    for emp_id in (gone.id, "no-such-id"):
        with pytest.raises(NotFound):
            svc.call(schedule.set_entries, *NOV, [CellChange(emp_id, MON, "O")])


def test_locked_months_refuse_changes(db: Database, staff: Staff) -> None:
    member = Services(db, staff.member_actor)
    member.call(schedule.set_entries, *NOV, [CellChange(staff.member.id, d, "O") for d in week()])
    member.call(schedule_periods.submit_period, staff.member.id, *NOV)
    with pytest.raises(ConflictError, match="sedang diajukan"):
        member.call(schedule.set_entries, *NOV, [CellChange(staff.member.id, MON, "H")])
    Services(db, staff.head_actor).call(schedule_periods.approve_period, staff.member.id, *NOV)
    for svc in (member, Services(db, staff.admin)):
        with pytest.raises(ConflictError, match="terkunci"):
            svc.call(schedule.set_entries, *NOV, [CellChange(staff.member.id, MON, None)])
    assert _entries(db)[(staff.member.id, MON)] == "O"


# -- bulk edits -----------------------------------------------------------------------------------


def test_copy_previous_week_copies_working_days_only(db: Database, staff: Staff) -> None:
    svc = Services(db, staff.admin)
    first_week = dict(zip(week(), ["O", "H", "O", "A", "C"], strict=True))
    svc.call(
        schedule.set_entries,
        *NOV,
        [
            CellChange(staff.member.id, d, c, "Balai Desa" if c == "A" else "",
                       "tahunan" if c == "C" else None)
            for d, c in first_week.items()
        ],
    )  # fmt: skip
    result = svc.call(
        schedule.copy_previous_week,
        *NOV,
        week_start=MON + timedelta(days=7),
        employee_ids=[staff.member.id, staff.colleague.id],
    )
    assert len(result.stored) == 5
    stored = _entries(db)
    for d, c in first_week.items():
        assert stored[(staff.member.id, d + timedelta(days=7))] == c
    assert not any(e == staff.colleague.id for e, _ in stored)  # nothing to copy for them
    # copying again changes nothing
    again = svc.read(
        schedule.previous_week_changes,
        *NOV,
        week_start=MON + timedelta(days=7),
        employee_ids=[staff.member.id],
    )
    assert again == []


def test_copy_into_the_first_week_reads_the_previous_month(db: Database, staff: Staff) -> None:
    svc = Services(db, staff.admin)
    svc.call(schedule.set_entries, 2026, 10, [CellChange(staff.member.id, date(2026, 10, 26), "H")])
    changes = svc.read(
        schedule.previous_week_changes, *NOV, week_start=MON, employee_ids=[staff.member.id]
    )
    assert changes == [CellChange(staff.member.id, MON, DayCode.WFH)]


def test_pattern_repeats_over_working_days_and_skips_holidays(db: Database, staff: Staff) -> None:
    svc = Services(db, staff.admin)
    result = svc.call(
        schedule.apply_pattern,
        2026,
        12,
        employee_ids=[staff.member.id],
        start=date(2026, 12, 21),
        end=date(2026, 12, 31),
        pattern="O H A",
        location="Kantor UPT",
    )
    got = {e.day: (e.code.value, e.location) for e in result.stored}
    # 24 Dec (cuti bersama), 25 Dec (Christmas) and the weekend are skipped
    assert sorted(got) == [date(2026, 12, d) for d in (21, 22, 23, 28, 29, 30, 31)]
    assert [got[d][0] for d in sorted(got)] == ["O", "H", "A", "O", "H", "A", "O"]
    assert got[date(2026, 12, 23)] == ("A", "Kantor UPT")
    with pytest.raises(ValidationError, match="di luar periode"):
        svc.read(
            schedule.pattern_changes,
            2026,
            12,
            employee_ids=[staff.member.id],
            start=date(2026, 11, 30),
            end=date(2026, 12, 4),
            pattern="O",
        )
    with pytest.raises(ValidationError, match="Pola kosong"):
        svc.read(
            schedule.pattern_changes,
            2026,
            12,
            employee_ids=[staff.member.id],
            start=date(2026, 12, 1),
            end=date(2026, 12, 4),
            pattern=" , ",
        )


# -- the editor keeps the validator in step ------------------------------------------------------


def test_editor_revalidates_the_edited_cells_only_after_the_database_took_them(
    db: Database, staff: Staff
) -> None:
    editor = MonthEditor(Services(db, staff.admin), *NOV)
    outcome = editor.apply(
        [
            CellChange(staff.member.id, MON, "H"),
            CellChange(staff.colleague.id, MON, "H"),
            CellChange(staff.head.id, MON, "A"),
        ]
    )
    rules = {v.rule_id for v in outcome.delta.added}
    assert {RULE_COVER, RULE_WFA_LOCATION} <= rules
    assert editor.cover(staff.unit.id, MON).on_site == 0
    # a refused change leaves the validator alone
    with pytest.raises(ValidationError):
        editor.apply([CellChange(staff.member.id, date(2026, 12, 1), "O")])
    assert editor.cell(staff.member.id, MON) == CellChange(staff.member.id, MON, DayCode.WFH)
    fixed = editor.apply(
        [CellChange(staff.head.id, MON, "O"), CellChange(staff.member.id, MON, None)]
    )
    assert {v.rule_id for v in fixed.delta.removed} >= {RULE_COVER, RULE_WFA_LOCATION}
    assert not any(v.rule_id == RULE_COVER for v in editor.violations())
    editor.reload()
    assert editor.grid.entry(staff.head.id, MON).code is DayCode.WFO  # type: ignore[union-attr]
