"""What the output log reads from the schedule capability: the approved plan of a day and the
office's working calendar.

Only approved months count as "the approved schedule" (PermenPANRB 4/2025: the head of the
unit decides): a draft plan neither pre-fills an entry nor blocks a leave day. The output log
asks :func:`planned_days`, which reads the sources in :data:`PLANNED_DAY_SOURCES`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.models_schedule import FlexPolicyVersion, SchedulePeriod
from flexdesk.domain.outputs import PlannedDay, WorkingDays, WorkMode
from flexdesk.domain.schedule import LEAVE_KIND_LABELS, DayCode, LeaveKind
from flexdesk.domain.schedule_workflow import PeriodStatus
from flexdesk.services.schedule.calendar import office_calendar
from flexdesk.services.schedule.data import iter_entries

#: what a non-working day code means on the output log (Indonesian, as the schedule says it)
_ABSENT = {
    DayCode.SAKIT: "Sakit",
    DayCode.TUGAS_BELAJAR: "Tugas belajar",
    DayCode.LIBUR: "Libur (jadwal sif)",
}


def _planned(code: DayCode, location: str, leave_kind: str | None) -> PlannedDay:
    if code in (DayCode.WFO, DayCode.WFH, DayCode.WFA, DayCode.DINAS_LUAR):
        return PlannedDay(WorkMode(code.value), location)
    if code is DayCode.CUTI:
        kind = LeaveKind(leave_kind) if leave_kind else None
        return PlannedDay(leave=LEAVE_KIND_LABELS[kind][0] if kind else "Cuti")
    return PlannedDay(leave=_ABSENT.get(code, "Tidak bekerja"))


def approved_schedule_days(
    session: Session, employee_id: str, first: date, last: date
) -> dict[date, PlannedDay]:
    """The approved schedule's plan for each day of ``first``..``last`` that has one."""
    approved = {
        (y, m)
        for y, m in session.execute(
            select(SchedulePeriod.year, SchedulePeriod.month).where(
                SchedulePeriod.employee_id == employee_id,
                SchedulePeriod.status == PeriodStatus.APPROVED.value,
                SchedulePeriod.year * 100 + SchedulePeriod.month >= first.year * 100 + first.month,
                SchedulePeriod.year * 100 + SchedulePeriod.month <= last.year * 100 + last.month,
            )
        )
    }
    if not approved:
        return {}
    return {
        e.day: _planned(e.code, e.location, e.leave_kind)
        for e in iter_entries(session, first, last, [employee_id])
        if (e.day.year, e.day.month) in approved
    }


def office_working_days(session: Session) -> WorkingDays:
    """The office's calendar (admin-kept holiday years, the policy's 5- or 6-day week)."""
    week_type = session.scalar(
        select(FlexPolicyVersion.week_type).order_by(FlexPolicyVersion.effective_from.desc())
    )
    return office_calendar(session, week_type if week_type in (5, 6) else 5)


#: fn(session, employee_id, first, last) -> {day: PlannedDay}: the approved schedule. Later
#: sources override earlier ones for the same day (tests add their own).
PlannedDaySource = Callable[[Session, str, date, date], Mapping[date, PlannedDay]]
PLANNED_DAY_SOURCES: list[PlannedDaySource] = [approved_schedule_days]


def planned_days(
    session: Session, employee_id: str, first: date, last: date
) -> dict[date, PlannedDay]:
    """The plan of each day of ``first``..``last`` that has one, from every planned-day source."""
    found: dict[date, PlannedDay] = {}
    for source in PLANNED_DAY_SOURCES:
        found.update(source(session, employee_id, first, last))
    return found
