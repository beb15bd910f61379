"""Entry rules: each judges one cell, (entry, employee, policy in force that day, calendar) ->
Violation | None, and :func:`check_entry` runs those that can fire for the cell's code."""

from __future__ import annotations

from collections.abc import Callable

from flexdesk.domain.calendar import WorkingCalendar
from flexdesk.domain.rules.model import (
    RULE_EMPLOYEE_INACTIVE,
    RULE_LEAVE_KIND,
    RULE_MODE_NOT_ALLOWED,
    RULE_NON_WORKING_DAY,
    RULE_REMOTE_EXCLUDED,
    RULE_WFA_LOCATION,
    RuleEmployee,
    Violation,
)
from flexdesk.domain.rules.wording import long_day, mode_name
from flexdesk.domain.schedule import REMOTE_CODES, WORK_MODES, DayCode, FlexPolicy, ScheduleEntry

#: The shape of an entry rule.
EntryRule = Callable[[ScheduleEntry, RuleEmployee, FlexPolicy, WorkingCalendar], Violation | None]


def rule_employee_inactive(
    entry: ScheduleEntry, employee: RuleEmployee, policy: FlexPolicy, calendar: WorkingCalendar
) -> Violation | None:
    """An entry on a day the employee is not (yet or any more) active. Source: personnel
    records (start of duty, retirement, transfer). The other entry rules are skipped then."""
    if employee.is_active(entry.day):
        return None
    return Violation(
        RULE_EMPLOYEE_INACTIVE,
        "error",
        employee.id,
        employee.unit_id,
        entry.day,
        f"{employee.name} tidak aktif pada {long_day(entry.day, 'id')}; hapus jadwal hari itu.",
        f"{employee.name} is not active on {long_day(entry.day, 'en')}; remove that day's entry.",
    )


def rule_mode_not_allowed(
    entry: ScheduleEntry, employee: RuleEmployee, policy: FlexPolicy, calendar: WorkingCalendar
) -> Violation | None:
    """A work mode the office's policy does not permit. Source: the instansi's flexible-work
    policy; PermenPANRB 4/2025 makes flexible work an option of the instansi, not a right."""
    if entry.code not in WORK_MODES or entry.code in policy.allowed_modes:
        return None
    return Violation(
        RULE_MODE_NOT_ALLOWED,
        "error",
        employee.id,
        employee.unit_id,
        entry.day,
        f"{employee.name} dijadwalkan {mode_name(entry.code, 'id')} pada {long_day(entry.day, 'id')}, "
        f"padahal kebijakan kantor yang berlaku tidak mengizinkan mode ini.",
        f"{employee.name} is scheduled {mode_name(entry.code, 'en')} on {long_day(entry.day, 'en')}, "
        f"but the office policy in force does not allow this mode.",
    )


def rule_remote_excluded(
    entry: ScheduleEntry, employee: RuleEmployee, policy: FlexPolicy, calendar: WorkingCalendar
) -> Violation | None:
    """Remote work by an employee flagged as excluded, or in an excluded position (front-line
    services such as health, transport, security must keep running). Source: PermenPANRB
    4/2025 — only duties doable outside the office qualify; eligibility, Pasal 25. The Pasal 13
    exception flag does not lift this: it concerns the number of days, not the duty."""
    if entry.code not in REMOTE_CODES:
        return None
    by_position = policy.is_position_excluded(employee.position)
    if not (employee.remote_excluded or by_position):
        return None
    if by_position:
        why_id = f"jabatan {employee.position} wajib bekerja di kantor"
        why_en = f"the position {employee.position} must work on site"
    else:
        why_id = "pegawai ini dikecualikan dari kerja jarak jauh"
        why_en = "this employee is excluded from remote work"
    return Violation(
        RULE_REMOTE_EXCLUDED,
        "error",
        employee.id,
        employee.unit_id,
        entry.day,
        f"{employee.name} dijadwalkan {mode_name(entry.code, 'id')} pada {long_day(entry.day, 'id')}, "
        f"padahal {why_id}.",
        f"{employee.name} is scheduled {mode_name(entry.code, 'en')} on {long_day(entry.day, 'en')}, "
        f"but {why_en}.",
    )


def rule_wfa_location(
    entry: ScheduleEntry, employee: RuleEmployee, policy: FlexPolicy, calendar: WorkingCalendar
) -> Violation | None:
    """WFA needs the location: another office of the instansi or a place set by
    organisational need. Source: PermenPANRB 4/2025 Pasal 12."""
    if entry.code is not DayCode.WFA or entry.location.strip():
        return None
    return Violation(
        RULE_WFA_LOCATION,
        "error",
        employee.id,
        employee.unit_id,
        entry.day,
        f"{employee.name}: WFA pada {long_day(entry.day, 'id')} belum mencantumkan lokasi kerja "
        f"(PermenPANRB 4/2025 Pasal 12).",
        f"{employee.name}: WFA on {long_day(entry.day, 'en')} has no work location "
        f"(PermenPANRB 4/2025 Art. 12).",
    )


def rule_non_working_day(
    entry: ScheduleEntry, employee: RuleEmployee, policy: FlexPolicy, calendar: WorkingCalendar
) -> Violation | None:
    """A work mode (WFO, WFH, WFA) on a weekend, national holiday, cuti bersama or local
    holiday: usually a copy-paste slip. A warning, because operational units may work then.
    Dinas luar is not flagged (travel often spans a weekend). Source: Perpres 21/2023 (working
    days), SKB 3 Menteri (holidays and cuti bersama)."""
    if entry.code not in WORK_MODES or calendar.is_working_day(entry.day):
        return None
    name = calendar.holiday_name(entry.day)
    what_id = f"hari libur ({name})" if name else "akhir pekan"
    what_en = f"a holiday ({name})" if name else "the weekend"
    return Violation(
        RULE_NON_WORKING_DAY,
        "warning",
        employee.id,
        employee.unit_id,
        entry.day,
        f"{employee.name} dijadwalkan {mode_name(entry.code, 'id')} pada {long_day(entry.day, 'id')}, "
        f"yang merupakan {what_id}.",
        f"{employee.name} is scheduled {mode_name(entry.code, 'en')} on {long_day(entry.day, 'en')}, "
        f"which is {what_en}.",
    )


def rule_leave_kind(
    entry: ScheduleEntry, employee: RuleEmployee, policy: FlexPolicy, calendar: WorkingCalendar
) -> Violation | None:
    """Leave (C) without its kind (tahunan, besar, melahirkan, alasan penting, di luar
    tanggungan negara): the kind decides the leave balance. Source: PP 11/2017. Warning."""
    if entry.code is not DayCode.CUTI or entry.leave_kind is not None:
        return None
    return Violation(
        RULE_LEAVE_KIND,
        "warning",
        employee.id,
        employee.unit_id,
        entry.day,
        f"{employee.name}: cuti pada {long_day(entry.day, 'id')} belum diberi jenis cuti.",
        f"{employee.name}: leave on {long_day(entry.day, 'en')} has no leave kind.",
    )


#: Entry rules run after :func:`rule_employee_inactive` passes, in this order.
ENTRY_RULES: tuple[EntryRule, ...] = (
    rule_mode_not_allowed,
    rule_remote_excluded,
    rule_wfa_location,
    rule_non_working_day,
    rule_leave_kind,
)


#: The entry rules that can fire for each code on a working day and on a non-working day (the
#: others return None for that code by their first test). Only an optimisation: a month of 500
#: employees has 15,000 cells, mostly WFO on working days, which then call no rule at all.
RULES_ON_WORKING_DAY: dict[DayCode, tuple[EntryRule, ...]] = {
    DayCode.WFH: (rule_mode_not_allowed, rule_remote_excluded),
    DayCode.WFA: (rule_mode_not_allowed, rule_remote_excluded, rule_wfa_location),
    DayCode.CUTI: (rule_leave_kind,),
}
RULES_ON_NON_WORKING_DAY: dict[DayCode, tuple[EntryRule, ...]] = {
    DayCode.WFO: (rule_non_working_day,),
    DayCode.WFH: (rule_mode_not_allowed, rule_remote_excluded, rule_non_working_day),
    DayCode.WFA: (
        rule_mode_not_allowed,
        rule_remote_excluded,
        rule_wfa_location,
        rule_non_working_day,
    ),
    DayCode.CUTI: (rule_leave_kind,),
}


def check_entry(
    entry: ScheduleEntry, employee: RuleEmployee, policy: FlexPolicy, calendar: WorkingCalendar
) -> list[Violation]:
    """Every entry rule for one cell (only the inactivity one if the employee is inactive)."""
    if not employee.is_active(entry.day):
        inactive = rule_employee_inactive(entry, employee, policy, calendar)
        return [inactive] if inactive is not None else []
    table = RULES_ON_WORKING_DAY if calendar.is_working_day(entry.day) else RULES_ON_NON_WORKING_DAY
    out: list[Violation] = []
    for rule in table.get(entry.code, ()):
        v = rule(entry, employee, policy, calendar)
        if v is not None:
            out.append(v)
    return out
