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
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.models import WorkUnit
from flexdesk.db.models_schedule import ScheduleEntryRow
from flexdesk.domain.calendar import CalendarDay, WorkingCalendar
from flexdesk.domain.dates import format_bulan_tahun, format_tanggal
from flexdesk.domain.rules import ScheduleValidator
from flexdesk.domain.schedule import (
    ABSENCE_CODES,
    LEAVE_CODES,
    DayCode,
    FlexPolicy,
    PolicyHistory,
    ScheduleEntry,
)
from flexdesk.domain.schedule_workflow import (
    month_bounds,
    parse_pattern,
    pattern_days,
    previous_week_pairs,
)
from flexdesk.errors import NotFound, ValidationError
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.schedule.access import may_plan, may_review, require_plan
from flexdesk.services.schedule.data import (
    StaffMember,
    calendar_for,
    context_range,
    iter_entries,
    load_policy_history,
    load_staff,
)
from flexdesk.services.schedule.periods import (
    PeriodInfo,
    ensure_period_rows,
    load_periods,
    locked_message,
)

MAX_LOCATION = 200
#: codes a location makes sense with: WFA (Pasal 12) and the destination of a dinas luar
LOCATION_CODES = frozenset({DayCode.WFA, DayCode.DINAS_LUAR})
NO_UNIT = ""  #: GridUnit.id of the group of employees without a unit


# -- data ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GridUnit:
    """A block of rows: a work unit (``id`` empty for employees without a unit)."""

    id: str
    name: str
    members: tuple[StaffMember, ...]


@dataclass(frozen=True)
class CellChange:
    """The new content of one cell; ``code=None`` empties it."""

    employee_id: str
    day: date
    code: DayCode | str | None = None
    location: str = ""
    leave_kind: str | None = None
    hours: float | None = None

    @classmethod
    def of(cls, entry: ScheduleEntry | None, employee_id: str, day: date) -> CellChange:
        """The change that puts ``entry`` back (or empties the cell when None): for undo."""
        if entry is None:
            return cls(employee_id, day)
        return cls(employee_id, day, entry.code, entry.location, entry.leave_kind, entry.hours)

    @property
    def key(self) -> tuple[str, date]:
        return (self.employee_id, self.day)


@dataclass(frozen=True)
class EditResult:
    """What :func:`set_entries` stored: the new entries and the emptied cells."""

    stored: tuple[ScheduleEntry, ...] = ()
    cleared: tuple[tuple[str, date], ...] = ()

    @property
    def count(self) -> int:
        return len(self.stored) + len(self.cleared)


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

    @property
    def policy(self) -> FlexPolicy:
        """The policy version in force on the first of the month."""
        return self.policies.policy_for(self.first)

    def period(self, employee_id: str) -> PeriodInfo:
        return self.periods.get(employee_id) or PeriodInfo(employee_id, self.year, self.month)

    def can_edit(self, employee_id: str) -> bool:
        return employee_id in self.plannable and self.period(employee_id).editable

    def entry(self, employee_id: str, day: date) -> ScheduleEntry | None:
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
    )


# -- changing cells ----------------------------------------------------------------------------


def _entry_of(change: CellChange) -> ScheduleEntry | None:
    if change.code is None or change.code == "":
        return None
    entry = ScheduleEntry(
        change.employee_id,
        change.day,
        change.code if isinstance(change.code, DayCode) else DayCode.parse(change.code),
        " ".join(change.location.split()),
        change.leave_kind or None,
        change.hours,
    )
    when_id, when_en = format_tanggal(change.day), format_tanggal(change.day, "en")
    if entry.location and entry.code not in LOCATION_CODES:
        raise ValidationError(
            f"{when_id}: lokasi hanya diisi untuk WFA atau dinas luar, bukan untuk kode "
            f"{entry.code.value}.",
            message_en=f"{when_en}: a location goes only with WFA or official travel, not with "
            f"code {entry.code.value}.",
            field="location",
        )
    if len(entry.location) > MAX_LOCATION:
        raise ValidationError(
            f"{when_id}: lokasi paling panjang {MAX_LOCATION} huruf.",
            message_en=f"{when_en}: the location is at most {MAX_LOCATION} characters.",
            field="location",
        )
    if entry.hours is not None and entry.code in ABSENCE_CODES | LEAVE_CODES:
        raise ValidationError(
            f"{when_id}: jam kerja tidak dapat diisi pada hari {entry.code.value} (tidak bekerja).",
            message_en=f"{when_en}: working hours cannot be set on a day of code "
            f"{entry.code.value} (not working).",
            field="hours",
        )
    return entry


def _check_batch(
    changes: Sequence[CellChange], year: int, month: int
) -> list[tuple[CellChange, ScheduleEntry | None]]:
    first, last = month_bounds(year, month)
    seen: set[tuple[str, date]] = set()
    out: list[tuple[CellChange, ScheduleEntry | None]] = []
    for change in changes:
        if not first <= change.day <= last:
            raise ValidationError(
                f"Tanggal {format_tanggal(change.day)} di luar periode "
                f"{format_bulan_tahun(year, month)}; tidak ada yang diubah.",
                message_en=f"{format_tanggal(change.day, 'en')} is outside the period "
                f"{format_bulan_tahun(year, month, 'en')}; nothing was changed.",
                field="day",
            )
        if change.key in seen:
            raise ValidationError(
                f"Dua isian untuk sel yang sama ({format_tanggal(change.day)}); tidak ada yang "
                "diubah.",
                message_en=f"Two values for the same cell ({format_tanggal(change.day, 'en')}); "
                "nothing was changed.",
            )
        seen.add(change.key)
        out.append((change, _entry_of(change)))
    return out


def set_entries(
    session: Session, actor: Actor, year: int, month: int, changes: Sequence[CellChange]
) -> EditResult:
    """Store several cells of one month at once, all or nothing.

    Every change must fall inside the month, be the only one for its cell, make sense on its
    own, belong to someone the actor may plan for, in a month that is a draft or returned.
    The first problem raises a typed error and nothing is stored.
    """
    require(actor, Action.SCHEDULE_EDIT)
    checked = _check_batch(changes, year, month)
    if not checked:
        return EditResult()
    ids = list(dict.fromkeys(c.employee_id for c, _ in checked))
    staff = {s.id: s for s in load_staff(session, ids=ids)}
    for emp_id in ids:
        member = staff.get(emp_id)
        if member is None:
            raise NotFound(
                "Pegawai aktif tidak ditemukan; tidak ada yang diubah.",
                message_en="Active employee not found; nothing was changed.",
            )
        require_plan(actor, member)
    periods = load_periods(session, year, month, ids)
    for emp_id in ids:
        info = periods.get(emp_id)
        if info is not None and not info.editable:
            raise locked_message(staff[emp_id], info)
    days = [c.day for c, _ in checked]
    existing = {
        (r.employee_id, r.day): r
        for r in session.scalars(
            select(ScheduleEntryRow).where(
                ScheduleEntryRow.employee_id.in_(ids),
                ScheduleEntryRow.day >= min(days),
                ScheduleEntryRow.day <= max(days),
            )
        )
    }
    stored: list[ScheduleEntry] = []
    cleared: list[tuple[str, date]] = []
    deleted = False
    for change, entry in checked:
        row = existing.get(change.key)
        if entry is None:
            if row is not None:
                session.delete(row)
                deleted = True
            cleared.append(change.key)
            continue
        values = (entry.code.value, entry.location, entry.leave_kind, entry.hours)
        if row is None:
            session.add(
                ScheduleEntryRow(
                    employee_id=entry.employee_id,
                    day=entry.day,
                    code=values[0],
                    location=values[1],
                    leave_kind=values[2],
                    hours=values[3],
                )
            )
        elif (row.code, row.location, row.leave_kind, row.hours) != values:
            row.code, row.location, row.leave_kind, row.hours = values
        stored.append(entry)
    if deleted:
        session.flush()  # a cleared cell and a new one must not meet in the unique index
    ensure_period_rows(session, ids, year, month)
    session.flush()
    return EditResult(tuple(stored), tuple(cleared))


# -- bulk edits ----------------------------------------------------------------------------------


def _month_calendar(session: Session, year: int, month: int) -> tuple[date, date, WorkingCalendar]:
    first, last = month_bounds(year, month)
    history = load_policy_history(session, [year])
    return first, last, calendar_for(session, history, first, last)


def previous_week_changes(
    session: Session,
    actor: Actor,
    year: int,
    month: int,
    *,
    week_start: date,
    employee_ids: Sequence[str],
) -> list[CellChange]:
    """The changes that copy the week before ``week_start``'s week onto it, for the given
    employees: each working day of the week inside the month takes last week's same weekday.
    Days empty last week are left alone; unchanged cells are not listed."""
    require(actor, Action.SCHEDULE_VIEW)
    first, last, calendar = _month_calendar(session, year, month)
    pairs = list(previous_week_pairs(week_start, first, last, calendar))
    if not pairs:
        return []
    wanted = set(employee_ids)
    lo = min(s for s, _ in pairs)
    hi = max(t for _, t in pairs)
    known = {
        e.key: e for e in iter_entries(session, lo, hi, list(wanted)) if e.employee_id in wanted
    }
    out: list[CellChange] = []
    for emp_id in dict.fromkeys(employee_ids):
        for source, target in pairs:
            src = known.get((emp_id, source))
            if src is None:
                continue
            change = CellChange(emp_id, target, src.code, src.location, src.leave_kind, src.hours)
            if CellChange.of(known.get((emp_id, target)), emp_id, target) != change:
                out.append(change)
    return out


def pattern_changes(
    session: Session,
    actor: Actor,
    year: int,
    month: int,
    *,
    employee_ids: Sequence[str],
    start: date,
    end: date,
    pattern: str | Sequence[str],
    location: str = "",
) -> list[CellChange]:
    """The changes that repeat ``pattern`` (e.g. "O O H O H") over the working days of
    ``start``..``end`` for each employee; ``location`` goes with the pattern's WFA days."""
    require(actor, Action.SCHEDULE_VIEW)
    first, last, calendar = _month_calendar(session, year, month)
    for d in (start, end):
        if not first <= d <= last:
            raise ValidationError(
                f"Tanggal {format_tanggal(d)} di luar periode {format_bulan_tahun(year, month)}.",
                message_en=f"{format_tanggal(d, 'en')} is outside the period "
                f"{format_bulan_tahun(year, month, 'en')}.",
                field="day",
            )
    codes = parse_pattern(pattern)
    place = " ".join(location.split())
    return [
        CellChange(emp_id, d, code, place if code is DayCode.WFA else "")
        for emp_id in dict.fromkeys(employee_ids)
        for d, code in pattern_days(start, end, codes, calendar)
    ]


def copy_previous_week(
    session: Session,
    actor: Actor,
    year: int,
    month: int,
    *,
    week_start: date,
    employee_ids: Sequence[str],
) -> EditResult:
    """Copy last week onto the week of ``week_start`` (see :func:`previous_week_changes`)."""
    changes = previous_week_changes(
        session, actor, year, month, week_start=week_start, employee_ids=employee_ids
    )
    return set_entries(session, actor, year, month, changes)


def apply_pattern(
    session: Session,
    actor: Actor,
    year: int,
    month: int,
    *,
    employee_ids: Sequence[str],
    start: date,
    end: date,
    pattern: str | Sequence[str],
    location: str = "",
) -> EditResult:
    """Repeat a pattern over a range (see :func:`pattern_changes`), all or nothing."""
    changes = pattern_changes(
        session,
        actor,
        year,
        month,
        employee_ids=employee_ids,
        start=start,
        end=end,
        pattern=pattern,
        location=location,
    )
    return set_entries(session, actor, year, month, changes)


def week_starts(first: date, last: date) -> list[date]:
    """The Mondays of the weeks that touch ``first``..``last`` (the week picker)."""
    monday = first - timedelta(days=first.weekday())
    out = []
    while monday <= last:
        out.append(monday)
        monday += timedelta(days=7)
    return out
