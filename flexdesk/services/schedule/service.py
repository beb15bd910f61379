"""Schedule planning: the month grid, and changing its cells (one, many, a copied week, a
repeating pattern), all or nothing.

The grid is one calendar month for the whole office or one work unit: employees grouped by
unit, the calendar's days, every entry of the whole weeks around the month (the weekly
remote-day limit of PermenPANRB 4/2025 Pasal 13(1) counts Monday to Sunday), each employee's
period status, and a :class:`~flexdesk.domain.rules.ScheduleValidator` holding the
violations. The validator is pure Python: the page keeps it and updates it with what
:func:`set_entries` returns, so re-validating one edited cell never goes back to the database
(see :class:`flexdesk.services.schedule.editor.MonthEditor`).

Bad input changes nothing and says why: two values for one cell, a contradictory cell (a leave
kind on a working day, hours on a day of leave, a location on a day in the office), a date
outside the month, a locked (submitted or approved) month, someone else's month.

Changing cells is in :mod:`.cells` and the bulk edits in :mod:`.bulk`; both are imported back
here, so callers use ``service.<name>`` for all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy.orm import Session

from flexdesk.db.base import current_change_seq
from flexdesk.db.models import WorkUnit
from flexdesk.domain.calendar import CalendarDay, WorkingCalendar
from flexdesk.domain.dates import format_bulan_tahun
from flexdesk.domain.rules import ScheduleValidator
from flexdesk.domain.schedule import FlexPolicy, PolicyHistory, ScheduleEntry
from flexdesk.domain.schedule_workflow import month_bounds
from flexdesk.errors import NotFound
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.schedule.access import may_plan, may_review
from flexdesk.services.schedule.bulk import (
    apply_pattern,
    copy_previous_week,
    pattern_changes,
    previous_week_changes,
    week_starts,
)
from flexdesk.services.schedule.cell_rev import CellRevs
from flexdesk.services.schedule.cells import (
    LOCATION_CODES,
    MAX_LOCATION,
    CellChange,
    EditResult,
    set_entries,
)
from flexdesk.services.schedule.data import (
    StaffMember,
    calendar_for,
    context_range,
    iter_entries,
    load_policy_history,
    load_staff,
)
from flexdesk.services.schedule.period_rows import PeriodInfo, load_periods

__all__ = [
    "LOCATION_CODES",
    "MAX_LOCATION",
    "NO_UNIT",
    "CellChange",
    "EditResult",
    "GridUnit",
    "MonthGrid",
    "apply_pattern",
    "copy_previous_week",
    "month_grid",
    "pattern_changes",
    "previous_week_changes",
    "set_entries",
    "week_starts",
]

NO_UNIT = ""  #: GridUnit.id of the group of employees without a unit


# -- data ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GridUnit:
    """A block of rows: a work unit (``id`` empty for employees without a unit)."""

    id: str
    name: str
    members: tuple[StaffMember, ...]


@dataclass
class MonthGrid:
    """Everything the Jadwal page shows for one month (see the module docstring)."""

    year: int
    month: int
    first: date
    last: date
    days: tuple[CalendarDay, ...]
    units: tuple[GridUnit, ...]
    members: dict[str, StaffMember]
    periods: dict[str, PeriodInfo]
    validator: ScheduleValidator
    policies: PolicyHistory
    calendar: WorkingCalendar
    unit_id: str | None = None
    #: employees whose month the actor may plan / review (the status decides the rest)
    plannable: frozenset[str] = field(default_factory=frozenset)
    reviewable: frozenset[str] = field(default_factory=frozenset)
    #: optimistic concurrency: the office's change number when the grid was read (a cell
    #: whose entry has a higher one changed since), and the (entry id, revision) of the cells
    #: this grid stored itself since (exact). See flexdesk.services.schedule.cell_rev
    read_seq: int = 0
    revs: CellRevs = field(default_factory=dict)

    @property
    def policy(self) -> FlexPolicy:
        """The policy version in force on the first of the month."""
        return self.policies.policy_for(self.first)

    def period(self, employee_id: str) -> PeriodInfo:
        """The employee's period of this month (a draft one when none is stored yet)."""
        return self.periods.get(employee_id) or PeriodInfo(employee_id, self.year, self.month)

    def can_edit(self, employee_id: str) -> bool:
        """True when the actor may plan this employee and the month is not locked."""
        return employee_id in self.plannable and self.period(employee_id).editable

    def with_rev(self, change: CellChange) -> CellChange:
        """``change`` carrying what this grid knows of its cell (a save then checks it): the
        revision it stored itself, else the change number of the read and whether the cell
        was planned then."""
        known = self.revs.get(change.key)
        if known is not None:
            return replace(change, expected_rev=known[1], expected_id=known[0])
        filled = self.entry(change.employee_id, change.day) is not None
        return replace(change, seen_seq=self.read_seq, seen_filled=filled)

    def note_saved(self, result: EditResult) -> None:
        """Take the revisions of the cells just saved (emptied ones are empty again)."""
        for key in result.cleared:
            self.revs.pop(key, None)
        for key, entry_id, rev in result.revs:
            self.revs[key] = (entry_id, rev)

    def entry(self, employee_id: str, day: date) -> ScheduleEntry | None:
        """The planned day of an employee, or None for an unplanned day."""
        return self.validator.entry(employee_id, day)

    @property
    def label(self) -> str:
        return format_bulan_tahun(self.year, self.month)


# -- opening a month -------------------------------------------------------------------------


def month_grid(
    session: Session, actor: Actor, year: int, month: int, *, unit_id: str | None = None
) -> MonthGrid:
    """The grid of one month for the whole office (``unit_id=None``) or one work unit."""
    require(actor, Action.SCHEDULE_VIEW)
    first, last = month_bounds(year, month)
    ctx_start, ctx_end = context_range(first, last)
    staff = load_staff(session, unit_id=unit_id)
    # an empty unit is fine, an unknown one is not
    if unit_id is not None and not staff and session.get(WorkUnit, unit_id) is None:
        raise NotFound("Unit kerja tidak ditemukan.", message_en="Work unit not found.")
    # before the entries: a change committed in between is then seen as newer (a conflict
    # at worst), never as already seen (PostgreSQL reads each statement afresh)
    read_seq = current_change_seq(session)
    history = load_policy_history(session, range(ctx_start.year - 1, ctx_end.year + 1))
    calendar = calendar_for(session, history, ctx_start, ctx_end)
    members = {s.id: s for s in staff}
    units: list[GridUnit] = []
    for s in staff:
        key = s.unit_id or NO_UNIT
        if not units or units[-1].id != key:
            units.append(GridUnit(key, s.unit_name, ()))
        units[-1] = GridUnit(key, units[-1].name, (*units[-1].members, s))
    ids = list(members)
    validator = ScheduleValidator(
        [s.rule_employee() for s in staff],
        calendar,
        history,
        first,
        last,
        entries=iter_entries(session, ctx_start, ctx_end, ids),
        unit_names={u.id: u.name for u in units if u.id},
    )
    return MonthGrid(
        year=year,
        month=month,
        first=first,
        last=last,
        days=calendar.month(year, month),
        units=tuple(units),
        members=members,
        periods=load_periods(session, year, month, ids),
        validator=validator,
        policies=history,
        calendar=calendar,
        unit_id=unit_id,
        plannable=frozenset(s.id for s in staff if may_plan(actor, s)),
        reviewable=frozenset(s.id for s in staff if may_review(actor, s)),
        read_seq=read_seq,
    )
