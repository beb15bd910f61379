"""Week and month rules of one employee: the remote-day limits per week and per month, and
the weekly hours."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta

from flexdesk.domain.calendar import WorkingCalendar
from flexdesk.domain.dates import format_bulan_tahun
from flexdesk.domain.rules.days import days_between, last_of_month
from flexdesk.domain.rules.model import (
    RULE_REMOTE_MONTH,
    RULE_REMOTE_WEEK,
    RULE_WEEKLY_HOURS,
    RuleEmployee,
    Violation,
)
from flexdesk.domain.rules.wording import number, short_day, span
from flexdesk.domain.schedule import (
    LEAVE_CODES,
    REMOTE_CODES,
    WORKING_CODES,
    FlexPolicy,
    ScheduleEntry,
)

_HOURS_TOLERANCE = 0.01  # hours; timetable arithmetic is in quarter hours, scaling is not


def _remotedays_between(
    days: Iterable[date], entries: Mapping[date, ScheduleEntry], calendar: WorkingCalendar
) -> list[date]:
    out = []
    for d in days:
        e = entries.get(d)
        if e is not None and e.code in REMOTE_CODES and calendar.is_working_day(d):
            out.append(d)
    return out


def _breach_day(remote: list[date], limit: int, start: date, end: date) -> date | None:
    """The cell to highlight: the first remote day over the limit inside the period, else the
    last remote day inside it; None when the period has no part in the breach."""
    inside = [d for d in remote if start <= d <= end]
    if not inside:
        return None
    over = [d for d in remote[limit:] if start <= d <= end]
    return over[0] if over else inside[-1]


def rule_remote_week_limit(
    employee: RuleEmployee,
    week_start: date,
    entries: Mapping[date, ScheduleEntry],
    policy: FlexPolicy,
    calendar: WorkingCalendar,
    *,
    period_start: date,
    period_end: date,
) -> Violation | None:
    """More remote working days (WFH + WFA) in one Monday–Sunday week than the policy allows.
    Source: PermenPANRB 4/2025 Pasal 13(1) — at most 2 working days a week away from the office,
    except duties that must be done outside and keadaan khusus (``remote_exception``).
    Remote entries on non-working days do not count (another rule flags them); dinas luar
    never counts. ``entries`` are the employee's, by day."""
    limit = policy.max_remote_days_per_week
    if limit is None or employee.remote_exception:
        return None
    week_end = week_start + timedelta(days=6)
    remote = _remotedays_between(days_between(week_start, week_end), entries, calendar)
    if len(remote) <= limit:
        return None
    day = _breach_day(remote, limit, period_start, period_end)
    if day is None:
        return None
    return Violation(
        RULE_REMOTE_WEEK,
        "error",
        employee.id,
        employee.unit_id,
        day,
        f"{employee.name}: {len(remote)} hari kerja jarak jauh (WFH/WFA) pada minggu "
        f"{span(week_start, week_end, 'id')}, melebihi batas {limit} hari per minggu "
        f"(PermenPANRB 4/2025 Pasal 13 ayat 1).",
        f"{employee.name}: {len(remote)} remote working days (WFH/WFA) in the week of "
        f"{span(week_start, week_end, 'en')}, over the limit of {limit} days a week "
        f"(PermenPANRB 4/2025 Art. 13(1)).",
    )


def rule_remote_month_limit(
    employee: RuleEmployee,
    month_start: date,
    entries: Mapping[date, ScheduleEntry],
    policy: FlexPolicy,
    calendar: WorkingCalendar,
    *,
    period_start: date,
    period_end: date,
) -> Violation | None:
    """More remote working days in a calendar month than the office allows. Source: the
    instansi's own setting (PermenPANRB 4/2025 leaves the model to each instansi); lifted by
    the Pasal 13 exception flag like the weekly limit."""
    limit = policy.max_remote_days_per_month
    if limit is None or employee.remote_exception:
        return None
    remote = _remotedays_between(
        days_between(month_start, last_of_month(month_start)), entries, calendar
    )
    if len(remote) <= limit:
        return None
    day = _breach_day(remote, limit, period_start, period_end)
    if day is None:
        return None
    month_id = format_bulan_tahun(month_start.year, month_start.month, "id")
    month_en = format_bulan_tahun(month_start.year, month_start.month, "en")
    return Violation(
        RULE_REMOTE_MONTH,
        "error",
        employee.id,
        employee.unit_id,
        day,
        f"{employee.name}: {len(remote)} hari kerja jarak jauh (WFH/WFA) pada {month_id}, "
        f"melebihi batas {limit} hari per bulan (kebijakan kantor).",
        f"{employee.name}: {len(remote)} remote working days (WFH/WFA) in {month_en}, "
        f"over the office's limit of {limit} days a month.",
    )


def _unplanned_tails(unplanned: list[date]) -> tuple[str, str]:
    """The end of the hours warning naming the unplanned days, in Indonesian and English."""
    if len(unplanned) <= 2:
        return (
            "; belum dijadwalkan: " + ", ".join(short_day(d, "id") for d in unplanned),
            "; not yet planned: " + ", ".join(short_day(d, "en") for d in unplanned),
        )
    first_id, first_en = short_day(unplanned[0], "id"), short_day(unplanned[0], "en")
    return (
        f"; {len(unplanned)} hari kerja belum dijadwalkan, mulai {first_id}",
        f"; {len(unplanned)} working days not yet planned, from {first_en}",
    )


def _hours_violation(
    employee: RuleEmployee,
    week_start: date,
    *,
    required: float,
    planned: float,
    unplanned: list[date],
    first_day: date | None,
    period_start: date,
    period_end: date,
) -> Violation:
    """The hours violation of a week whose plan falls short: a warning naming the unplanned
    days while some are left, else an error."""
    shown_start = max(week_start, period_start)
    shown_end = min(week_start + timedelta(days=6), period_end)
    head_id = (
        f"{employee.name} pada minggu {span(shown_start, shown_end, 'id')}: jam kerja "
        f"terencana {number(planned, 'id')} dari {number(required, 'id')} jam yang diwajibkan"
    )
    head_en = (
        f"{employee.name} in the week of {span(shown_start, shown_end, 'en')}: "
        f"{number(planned, 'en')} of the {number(required, 'en')} required hours planned"
    )
    if unplanned:
        tail_id, tail_en = _unplanned_tails(unplanned)
        return Violation(
            RULE_WEEKLY_HOURS,
            "warning",
            employee.id,
            employee.unit_id,
            unplanned[0],
            f"{head_id}{tail_id}.",
            f"{head_en}{tail_en}.",
        )
    return Violation(
        RULE_WEEKLY_HOURS,
        "error",
        employee.id,
        employee.unit_id,
        first_day,
        f"{head_id} (Perpres 21/2023).",
        f"{head_en} (Perpres 21/2023).",
    )


def rule_weekly_hours(
    employee: RuleEmployee,
    week_start: date,
    entries: Mapping[date, ScheduleEntry],
    expected: Callable[[date], float],
    *,
    period_start: date,
    period_end: date,
) -> Violation | None:
    """Planned hours of a week below the requirement. Source: Perpres 21/2023 — 37.5 hours a
    week (Ramadan 32.5), the weekly total to be met even with flexible time (PermenPANRB
    4/2025 Pasal 17).

    Over the days of the week inside the period on which the employee is active:
    required = sum of ``expected(day)`` (:func:`~flexdesk.domain.schedule.expected_hours`:
    0 on holidays) except days of cuti, sakit or tugas belajar; planned = each entry's
    ``hours``, or the expected hours for a working code (WFO/WFH/WFA/dinas luar) without hours.
    A day off (libur) plans 0 hours but keeps the requirement: the weekly total must be worked
    on other days. Working days without an entry are listed as unplanned; the violation is a
    warning while the plan is incomplete and an error once every working day is planned.
    """
    # The count stays inline: it runs for every employee-week of every validation.
    required = 0.0
    planned = 0.0
    unplanned: list[date] = []
    first_day: date | None = None
    always_active = employee.active_from is None and employee.active_until is None
    for d in days_between(week_start, week_start + timedelta(days=6)):
        if d < period_start or d > period_end:
            continue
        if not always_active and not employee.is_active(d):
            continue
        exp = expected(d)
        e = entries.get(d)
        if e is None:
            if exp > 0:
                unplanned.append(d)
                required += exp
                first_day = first_day or d
            continue
        if e.code in LEAVE_CODES:
            continue
        required += exp
        if exp > 0:
            first_day = first_day or d
        if e.code in WORKING_CODES:
            planned += e.hours if e.hours is not None else exp
    if required - planned <= _HOURS_TOLERANCE:
        return None
    return _hours_violation(
        employee,
        week_start,
        required=required,
        planned=planned,
        unplanned=unplanned,
        first_day=first_day,
        period_start=period_start,
        period_end=period_end,
    )
