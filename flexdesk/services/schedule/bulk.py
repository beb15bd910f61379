"""Bulk edits of a month: copying last week onto a week, repeating a pattern (e.g. "O O H O H")
over a range. Each first computes the :class:`~.cells.CellChange` list (the page shows it as
one undoable step), then stores it through :func:`~.cells.set_entries`, all or nothing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy.orm import Session

from flexdesk.domain.calendar import WorkingCalendar
from flexdesk.domain.dates import format_bulan_tahun, format_tanggal
from flexdesk.domain.schedule import DayCode
from flexdesk.domain.schedule_workflow import (
    month_bounds,
    parse_pattern,
    pattern_days,
    previous_week_pairs,
)
from flexdesk.errors import ValidationError
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.schedule.cells import CellChange, EditResult, set_entries
from flexdesk.services.schedule.data import calendar_for, iter_entries, load_policy_history


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
