"""Rules engine for flexible-work schedules: pure functions over plain data.

Each rule is a named function with an id (``RULE_*``) and a docstring citing its source. A rule
returns a :class:`Violation` (or None) whose message is a sentence a supervisor understands, in
Indonesian and English. :func:`validate_schedule` runs every rule over a period;
:class:`ScheduleValidator` keeps indexed state so the grid can re-validate one edited cell by
recomputing only what that cell can affect.

Scopes. Every rule looks at exactly one of these, so an edit of cell (employee, day) can only
change the violations of its four scopes:

* the entry itself (mode allowed, excluded role, WFA location, non-working day, leave kind,
  inactive employee);
* the employee's ISO week, Monday to Sunday (weekly remote limit, weekly hours);
* the employee's calendar month (monthly remote limit);
* the employee's unit on that day (on-site cover).

The period. Validation judges ``period_start``..``period_end`` (a grid month, say). Entries
outside it may be passed as context: they are counted toward the remote limits of a week or
month that overlaps the period (Pasal 13(1) counts whole weeks), but they are not judged
themselves, and weekly hours are judged only over the days of the week inside the period
(the neighbouring period judges the rest). A week or month rule is reported only when the
period's own entries take part in the breach. The policy of a week or a month is the one in
force on its first day inside the period.

Blank cells. A working day without an entry is *unplanned*. The cover rule counts it as on
site, because the office is the default place of work and flexible work the exception granted
on application: a cover violation therefore means the planned remote work already makes the
required cover impossible, and blanks alone never cause one. The weekly hours rule reports
blanks as missing days (a warning: the plan is incomplete).

Cover. For unit U on working day d, among U's employees active on d:
``available`` = those not absent (cuti, sakit, tugas belajar, libur) and not on dinas luar,
because none of them can be called to the office that day and the rule is about how many of
those who *could* be in the office are. ``required = max(ceil(min_onsite_share * available),
min_onsite_headcount)``; it fails when ``on_site + unplanned < required``. The failure is an
error when someone of U works remotely that day (remote work causes or deepens the shortfall)
and a warning when absences alone leave fewer people than the headcount minimum.

Not checked here: whether remote days were approved (``remote_needs_approval`` is enforced by
the services' workflow) and core hours (entries carry no clock times); Pasal 25 eligibility
(disciplinary penalty, new employee) arrives as ``RuleEmployee.remote_excluded``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from flexdesk.domain.calendar import WorkingCalendar
from flexdesk.domain.schedule import (
    ABSENCE_CODES,
    AWAY_CODES,
    DAY_CODE_INFO,
    LEAVE_CODES,
    ON_SITE_CODES,
    REMOTE_CODES,
    WORK_MODES,
    WORKING_CODES,
    DayCode,
    FlexPolicy,
    PolicyHistory,
    ScheduleEntry,
    expected_hours,
)
from flexdesk.errors import ValidationError

__all__ = [
    "ENTRY_RULES",
    "RULES",
    "RULE_COVER",
    "RULE_EMPLOYEE_INACTIVE",
    "RULE_LEAVE_KIND",
    "RULE_MODE_NOT_ALLOWED",
    "RULE_NON_WORKING_DAY",
    "RULE_REMOTE_EXCLUDED",
    "RULE_REMOTE_MONTH",
    "RULE_REMOTE_WEEK",
    "RULE_WEEKLY_HOURS",
    "RULE_WFA_LOCATION",
    "CoverCount",
    "EntryRule",
    "RuleEmployee",
    "RuleInfo",
    "ScheduleValidator",
    "Severity",
    "Violation",
    "ViolationDelta",
    "check_entry",
    "count_cover",
    "rule_employee_inactive",
    "rule_leave_kind",
    "rule_mode_not_allowed",
    "rule_non_working_day",
    "rule_remote_excluded",
    "rule_remote_month_limit",
    "rule_remote_week_limit",
    "rule_unit_cover",
    "rule_weekly_hours",
    "rule_wfa_location",
    "validate_schedule",
]

Severity = Literal["error", "warning"]

RULE_COVER = "cover.unit_day"
RULE_REMOTE_WEEK = "remote.week_limit"
RULE_REMOTE_MONTH = "remote.month_limit"
RULE_REMOTE_EXCLUDED = "remote.excluded"
RULE_NON_WORKING_DAY = "calendar.non_working_day"
RULE_WFA_LOCATION = "wfa.location_missing"
RULE_WEEKLY_HOURS = "hours.weekly"
RULE_MODE_NOT_ALLOWED = "mode.not_allowed"
RULE_LEAVE_KIND = "leave.kind_missing"
RULE_EMPLOYEE_INACTIVE = "employee.inactive"

_HOURS_TOLERANCE = 0.01  # hours; timetable arithmetic is in quarter hours, scaling is not


# --------------------------------------------------------------------------------------------
# Plain data
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule, with a sentence for the supervisor in Indonesian and English.

    ``employee_id``/``unit_id``/``day`` locate it in the grid (the cell, or the unit's footer
    cell for cover); any of them may be None.
    """

    rule_id: str
    severity: Severity
    employee_id: str | None
    unit_id: str | None
    day: date | None
    message_id: str
    message_en: str

    def message(self, language: str = "id") -> str:
        """The message in ``language`` ("id" or "en")."""
        return self.message_en if language == "en" else self.message_id

    def sort_key(self) -> tuple[date, str, str, str, str]:
        return (
            self.day or date.min,
            self.unit_id or "",
            self.employee_id or "",
            self.rule_id,
            self.message_en,
        )


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """Description of a rule for the violations panel and the documentation."""

    rule_id: str
    title_id: str
    title_en: str
    source: str


#: Every rule, by id.
RULES: dict[str, RuleInfo] = {
    r.rule_id: r
    for r in (
        RuleInfo(
            RULE_COVER,
            "Cakupan pegawai di kantor per unit",
            "On-site cover per unit",
            "Pengaturan instansi (PermenPANRB 4/2025 Pasal 35: pemantauan oleh pimpinan unit)",
        ),
        RuleInfo(
            RULE_REMOTE_WEEK,
            "Batas hari kerja jarak jauh per minggu",
            "Remote-day limit per week",
            "PermenPANRB 4/2025 Pasal 13 ayat (1)",
        ),
        RuleInfo(
            RULE_REMOTE_MONTH,
            "Batas hari kerja jarak jauh per bulan",
            "Remote-day limit per month",
            "Pengaturan instansi",
        ),
        RuleInfo(
            RULE_REMOTE_EXCLUDED,
            "Pegawai/jabatan yang wajib di kantor",
            "Employee or position that must work on site",
            "PermenPANRB 4/2025 (tugas yang tidak dapat dilakukan di luar kantor; Pasal 25)",
        ),
        RuleInfo(
            RULE_NON_WORKING_DAY,
            "Jadwal kerja pada hari libur",
            "Work scheduled on a non-working day",
            "Perpres 21/2023 (hari kerja); SKB 3 Menteri (libur nasional dan cuti bersama)",
        ),
        RuleInfo(
            RULE_WFA_LOCATION,
            "WFA tanpa lokasi",
            "WFA without a location",
            "PermenPANRB 4/2025 Pasal 12",
        ),
        RuleInfo(
            RULE_WEEKLY_HOURS,
            "Jam kerja mingguan kurang",
            "Weekly hours below the requirement",
            "Perpres 21/2023 (37,5 jam per minggu; Ramadan 32,5 jam)",
        ),
        RuleInfo(
            RULE_MODE_NOT_ALLOWED,
            "Mode kerja tidak diizinkan",
            "Work mode not allowed",
            "Kebijakan kerja fleksibel instansi (PermenPANRB 4/2025)",
        ),
        RuleInfo(
            RULE_LEAVE_KIND,
            "Jenis cuti belum diisi",
            "Leave kind missing",
            "PP 11/2017 (jenis cuti PNS)",
        ),
        RuleInfo(
            RULE_EMPLOYEE_INACTIVE,
            "Jadwal di luar masa aktif pegawai",
            "Entry outside the employee's active dates",
            "Data kepegawaian",
        ),
    )
}


@dataclass(frozen=True, slots=True)
class RuleEmployee:
    """What the rules need to know about an employee.

    ``remote_excluded``: this employee must work on site (e.g. not eligible under Pasal 25:
    disciplinary penalty, new employee). ``remote_exception``: the Pasal 13 exception (duty
    that must be done outside, keadaan khusus) lifts the remote-day limits. ``position`` is
    matched against :attr:`FlexPolicy.excluded_positions`. ``active_from``/``active_until``
    (inclusive, None = open) bound the days the employee counts at all.
    """

    id: str
    name: str
    unit_id: str | None
    remote_excluded: bool = False
    remote_exception: bool = False
    position: str = ""
    active_from: date | None = None
    active_until: date | None = None

    def is_active(self, day: date) -> bool:
        return (self.active_from is None or self.active_from <= day) and (
            self.active_until is None or day <= self.active_until
        )


@dataclass(frozen=True, slots=True)
class CoverCount:
    """Head counts of one unit on one day (the grid's footer row shows ``on_site``).

    ``members`` = ``on_site + remote + away + absent + unplanned``;
    ``available`` = ``members - away - absent``; ``required`` <= ``available`` except when the
    headcount minimum exceeds the people available.
    """

    unit_id: str
    day: date
    members: int  #: unit employees active that day
    on_site: int  #: WFO
    remote: int  #: WFH or WFA
    away: int  #: dinas luar
    absent: int  #: cuti, sakit, tugas belajar, libur
    unplanned: int  #: no entry yet
    required: int  #: on-site people the policy asks for (0 = no requirement)
    required_by_share: int
    required_by_headcount: int

    @property
    def available(self) -> int:
        return self.members - self.away - self.absent

    @property
    def present(self) -> int:
        """On site, counting unplanned people as on site (the default place of work)."""
        return self.on_site + self.unplanned

    @property
    def satisfied(self) -> bool:
        return self.present >= self.required


@dataclass(frozen=True, slots=True)
class ViolationDelta:
    """What one edit changed: violations that appeared and violations that went away."""

    added: frozenset[Violation]
    removed: frozenset[Violation]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)


# --------------------------------------------------------------------------------------------
# Wording helpers (a private copy: flexdesk.domain.dates belongs to another module). Cached:
# an empty month of 500 people yields 2,500 hours warnings built from the same few dates.
# --------------------------------------------------------------------------------------------

_HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
_DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MODE_ID = {DayCode.WFO: "WFO (kantor)", DayCode.WFH: "WFH (rumah)", DayCode.WFA: "WFA"}
_MODE_EN = {DayCode.WFO: "WFO (office)", DayCode.WFH: "WFH (home)", DayCode.WFA: "WFA"}


@lru_cache(maxsize=4096)
def _day_id(d: date) -> str:
    """'Senin, 3 November 2026'."""
    return f"{_HARI[d.weekday()]}, {d.day} {_BULAN[d.month - 1]} {d.year}"


@lru_cache(maxsize=4096)
def _day_en(d: date) -> str:
    return f"{_DAYS_EN[d.weekday()]}, {d.day} {_MONTHS_EN[d.month - 1]} {d.year}"


@lru_cache(maxsize=4096)
def _short_id(d: date) -> str:
    """'Jumat 7 November'."""
    return f"{_HARI[d.weekday()]} {d.day} {_BULAN[d.month - 1]}"


@lru_cache(maxsize=4096)
def _short_en(d: date) -> str:
    return f"{_DAYS_EN[d.weekday()]} {d.day} {_MONTHS_EN[d.month - 1]}"


@lru_cache(maxsize=4096)
def _span(a: date, b: date, months: Sequence[str]) -> str:
    """'3–9 November 2026', '27 Oktober – 2 November 2026', '29 Desember 2025 – 4 Januari 2026'."""
    if a == b:
        return f"{a.day} {months[a.month - 1]} {a.year}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {months[b.month - 1]} {b.year}"
    if a.year == b.year:
        return f"{a.day} {months[a.month - 1]} – {b.day} {months[b.month - 1]} {b.year}"
    return f"{a.day} {months[a.month - 1]} {a.year} – {b.day} {months[b.month - 1]} {b.year}"


@lru_cache(maxsize=4096)
def _num(x: float, comma: bool) -> str:
    """37.5 -> '37,5' (Indonesian) or '37.5'; 30.0 -> '30'."""
    text = f"{round(x, 2):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if comma else text


def _mode_id(code: DayCode) -> str:
    return _MODE_ID.get(code) or DAY_CODE_INFO[code].label_id.lower()


def _mode_en(code: DayCode) -> str:
    return _MODE_EN.get(code) or DAY_CODE_INFO[code].label_en.lower()


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _month_start(d: date) -> date:
    return d.replace(day=1)


def _month_end(d: date) -> date:
    nxt = date(d.year + 1, 1, 1) if d.month == 12 else date(d.year, d.month + 1, 1)
    return nxt - timedelta(days=1)


@lru_cache(maxsize=4096)
def _days(start: date, end: date) -> tuple[date, ...]:
    """Every day from ``start`` to ``end`` inclusive (cached: weeks and months repeat)."""
    return tuple(start + timedelta(days=i) for i in range((end - start).days + 1))


# --------------------------------------------------------------------------------------------
# Entry rules: (entry, employee, policy in force that day, calendar) -> Violation | None
# --------------------------------------------------------------------------------------------

EntryRule = Callable[[ScheduleEntry, RuleEmployee, FlexPolicy, WorkingCalendar], "Violation | None"]


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
        f"{employee.name} tidak aktif pada {_day_id(entry.day)}; hapus jadwal hari itu.",
        f"{employee.name} is not active on {_day_en(entry.day)}; remove that day's entry.",
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
        f"{employee.name} dijadwalkan {_mode_id(entry.code)} pada {_day_id(entry.day)}, "
        f"padahal kebijakan kantor yang berlaku tidak mengizinkan mode ini.",
        f"{employee.name} is scheduled {_mode_en(entry.code)} on {_day_en(entry.day)}, "
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
        f"{employee.name} dijadwalkan {_mode_id(entry.code)} pada {_day_id(entry.day)}, "
        f"padahal {why_id}.",
        f"{employee.name} is scheduled {_mode_en(entry.code)} on {_day_en(entry.day)}, "
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
        f"{employee.name}: WFA pada {_day_id(entry.day)} belum mencantumkan lokasi kerja "
        f"(PermenPANRB 4/2025 Pasal 12).",
        f"{employee.name}: WFA on {_day_en(entry.day)} has no work location "
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
        f"{employee.name} dijadwalkan {_mode_id(entry.code)} pada {_day_id(entry.day)}, "
        f"yang merupakan {what_id}.",
        f"{employee.name} is scheduled {_mode_en(entry.code)} on {_day_en(entry.day)}, "
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
        f"{employee.name}: cuti pada {_day_id(entry.day)} belum diberi jenis cuti.",
        f"{employee.name}: leave on {_day_en(entry.day)} has no leave kind.",
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
_RULES_WORKING: dict[DayCode, tuple[EntryRule, ...]] = {
    DayCode.WFH: (rule_mode_not_allowed, rule_remote_excluded),
    DayCode.WFA: (rule_mode_not_allowed, rule_remote_excluded, rule_wfa_location),
    DayCode.CUTI: (rule_leave_kind,),
}
_RULES_NON_WORKING: dict[DayCode, tuple[EntryRule, ...]] = {
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
    table = _RULES_WORKING if calendar.is_working_day(entry.day) else _RULES_NON_WORKING
    out: list[Violation] = []
    for rule in table.get(entry.code, ()):
        v = rule(entry, employee, policy, calendar)
        if v is not None:
            out.append(v)
    return out


# --------------------------------------------------------------------------------------------
# Week and month rules
# --------------------------------------------------------------------------------------------


def _remote_days(
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
    remote = _remote_days(_days(week_start, week_end), entries, calendar)
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
        f"{_span(week_start, week_end, _BULAN)}, melebihi batas {limit} hari per minggu "
        f"(PermenPANRB 4/2025 Pasal 13 ayat 1).",
        f"{employee.name}: {len(remote)} remote working days (WFH/WFA) in the week of "
        f"{_span(week_start, week_end, _MONTHS_EN)}, over the limit of {limit} days a week "
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
    remote = _remote_days(_days(month_start, _month_end(month_start)), entries, calendar)
    if len(remote) <= limit:
        return None
    day = _breach_day(remote, limit, period_start, period_end)
    if day is None:
        return None
    month_id = f"{_BULAN[month_start.month - 1]} {month_start.year}"
    month_en = f"{_MONTHS_EN[month_start.month - 1]} {month_start.year}"
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
    required = 0.0
    planned = 0.0
    unplanned: list[date] = []
    first_day: date | None = None
    always_active = employee.active_from is None and employee.active_until is None
    for d in _days(week_start, week_start + timedelta(days=6)):
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
    shown_start = max(week_start, period_start)
    shown_end = min(week_start + timedelta(days=6), period_end)
    span_id = _span(shown_start, shown_end, _BULAN)
    span_en = _span(shown_start, shown_end, _MONTHS_EN)
    head_id = (
        f"{employee.name} pada minggu {span_id}: jam kerja terencana "
        f"{_num(planned, True)} dari {_num(required, True)} jam yang diwajibkan"
    )
    head_en = (
        f"{employee.name} in the week of {span_en}: {_num(planned, False)} of the "
        f"{_num(required, False)} required hours planned"
    )
    if unplanned:
        if len(unplanned) <= 2:
            tail_id = "; belum dijadwalkan: " + ", ".join(_short_id(d) for d in unplanned)
            tail_en = "; not yet planned: " + ", ".join(_short_en(d) for d in unplanned)
        else:
            tail_id = (
                f"; {len(unplanned)} hari kerja belum dijadwalkan, mulai {_short_id(unplanned[0])}"
            )
            tail_en = (
                f"; {len(unplanned)} working days not yet planned, from {_short_en(unplanned[0])}"
            )
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


# --------------------------------------------------------------------------------------------
# Cover
# --------------------------------------------------------------------------------------------


def count_cover(
    unit_id: str,
    day: date,
    members: Iterable[RuleEmployee],
    entries_on_day: Mapping[str, ScheduleEntry],
    policy: FlexPolicy,
) -> CoverCount:
    """Count a unit's people on ``day`` by category and what the policy requires.

    ``members`` are the unit's employees (inactive ones are skipped); ``entries_on_day`` maps
    employee id to that day's entry.
    """
    n = on_site = remote = away = absent = unplanned = 0
    for emp in members:
        if not emp.is_active(day):
            continue
        n += 1
        e = entries_on_day.get(emp.id)
        if e is None:
            unplanned += 1
            continue
        code = e.code
        if code in ON_SITE_CODES:
            on_site += 1
        elif code in REMOTE_CODES:
            remote += 1
        elif code in AWAY_CODES:
            away += 1
        elif code in ABSENCE_CODES:
            absent += 1
    available = n - away - absent
    share = policy.min_onsite_share
    # 1e-9 keeps 0.3 * 10 (= 3.0000000000000004) from asking for 4 people
    by_share = math.ceil(share * available - 1e-9) if share else 0
    by_head = policy.min_onsite_headcount or 0
    return CoverCount(
        unit_id,
        day,
        n,
        on_site,
        remote,
        away,
        absent,
        unplanned,
        max(by_share, by_head),
        by_share,
        by_head,
    )


def rule_unit_cover(
    count: CoverCount, policy: FlexPolicy, unit_name: str | None = None
) -> Violation | None:
    """Too few of a unit's people in the office on a working day.

    Source: the office's own setting (``min_onsite_share`` and/or ``min_onsite_headcount``):
    PermenPANRB 4/2025 sets no national share and leaves monitoring to the unit head (Pasal 35);
    instansi precedents are 20–30% of a unit away at once. Front-line services must keep
    running. How people are counted is explained in the module docstring. Call only for
    working days.
    """
    if count.satisfied:
        return None
    name = unit_name or count.unit_id
    when_id = f"Unit {name} pada {_day_id(count.day)}"
    when_en = f"Unit {name} on {_day_en(count.day)}"
    if count.remote == 0:
        # absences alone leave too few people for the headcount minimum
        return Violation(
            RULE_COVER,
            "warning",
            None,
            count.unit_id,
            count.day,
            f"{when_id}: hanya {count.available} pegawai yang bertugas, kurang dari minimal "
            f"{count.required} orang di kantor (lainnya cuti, sakit, dinas luar atau tugas "
            f"belajar).",
            f"{when_en}: only {count.available} employees on duty, fewer than the minimum of "
            f"{count.required} in the office (the others are on leave, sick, travelling or "
            f"studying).",
        )
    if count.required_by_share >= count.required_by_headcount and policy.min_onsite_share:
        pct = _num(policy.min_onsite_share * 100, True)
        pct_en = _num(policy.min_onsite_share * 100, False)
        need_id = f"minimal {pct}%, yaitu {count.required} orang"
        need_en = f"minimum {pct_en}%, i.e. {count.required} people"
    else:
        need_id = f"minimal {count.required} orang"
        need_en = f"minimum {count.required} people"
    extra_id = extra_en = ""
    if count.unplanned:
        extra_id = f", termasuk {count.unplanned} yang belum dijadwalkan"
        extra_en = f", counting {count.unplanned} not yet planned"
    return Violation(
        RULE_COVER,
        "error",
        None,
        count.unit_id,
        count.day,
        f"{when_id}: hanya {count.present} dari {count.available} pegawai yang bertugas "
        f"di kantor{extra_id} ({need_id}).",
        f"{when_en}: only {count.present} of {count.available} employees on duty are in the "
        f"office{extra_en} ({need_en}).",
    )


# --------------------------------------------------------------------------------------------
# Validation, full and incremental
# --------------------------------------------------------------------------------------------

# scope kinds: entry, week, month, cover
_ENTRY, _WEEK, _MONTH, _COVER = "e", "w", "m", "c"
_Scope = tuple[str, str, date]


def _unknown_employee(employee_id: str) -> ValidationError:
    return ValidationError(
        f"Pegawai {employee_id} tidak dikenal.",
        message_en=f"Unknown employee {employee_id}.",
    )


class ScheduleValidator:
    """Validation state for one period, kept up to date cell by cell.

    Build it with the period's entries (and any context entries around it), then call
    :meth:`set_entry` / :meth:`clear` (or the batch forms) as the user edits: each returns a
    :class:`ViolationDelta` and recomputes only the edited cell's entry, employee-week,
    employee-month and unit-day scopes. :meth:`violations` gives the current full list, equal
    to :func:`validate_schedule` over the same entries. A change of employees, calendar or
    policy needs a new validator. Not thread-safe: keep it on the thread that edits the grid.
    """

    def __init__(
        self,
        employees: Iterable[RuleEmployee],
        calendar: WorkingCalendar,
        policies: PolicyHistory,
        period_start: date,
        period_end: date,
        *,
        entries: Iterable[ScheduleEntry] = (),
        unit_names: Mapping[str, str] | None = None,
    ) -> None:
        if period_start > period_end:
            raise ValidationError(
                "Awal periode jatuh setelah akhir periode.",
                message_en="The period starts after it ends.",
            )
        self.calendar = calendar
        self.policies = policies
        self.period_start = period_start
        self.period_end = period_end
        self._unit_names = dict(unit_names or {})
        self._employees: dict[str, RuleEmployee] = {}
        units: dict[str, list[RuleEmployee]] = {}
        for emp in employees:
            if emp.id in self._employees:
                raise ValidationError(
                    f"Pegawai {emp.id} tercantum dua kali.",
                    message_en=f"Employee {emp.id} is listed twice.",
                )
            self._employees[emp.id] = emp
            if emp.unit_id:
                units.setdefault(emp.unit_id, []).append(emp)
        self._units: dict[str, tuple[RuleEmployee, ...]] = {u: tuple(m) for u, m in units.items()}
        for policy in policies.versions_between(period_start, period_end):
            if policy.week_type != calendar.week_type:
                raise ValidationError(
                    f"Kebijakan yang berlaku mulai {policy.effective_from:%d/%m/%Y} memakai "
                    f"minggu {policy.week_type} hari, kalender kerja {calendar.week_type} hari.",
                    message_en=f"The policy from {policy.effective_from:%Y-%m-%d} uses a "
                    f"{policy.week_type}-day week, the calendar a {calendar.week_type}-day week.",
                )
        policies.policy_for(period_start)  # raises when no policy covers the period
        self._by_emp: dict[str, dict[date, ScheduleEntry]] = {e: {} for e in self._employees}
        self._by_day: dict[date, dict[str, ScheduleEntry]] = {}
        self._scopes: dict[_Scope, tuple[Violation, ...]] = {}
        self._expected: dict[date, float] = {}
        self._period_days = _days(period_start, period_end)

        # _store inlined: the grid loads some 20,000 entries each time it opens a month
        by_emp, by_day = self._by_emp, self._by_day
        for entry in entries:
            emp_entries = by_emp.get(entry.employee_id)
            if emp_entries is None:
                raise _unknown_employee(entry.employee_id)
            day = entry.day
            if day in emp_entries:
                raise ValidationError(
                    f"Dua jadwal untuk pegawai {entry.employee_id} pada {day:%d/%m/%Y}.",
                    message_en=f"Two entries for employee {entry.employee_id} on {day:%Y-%m-%d}.",
                )
            emp_entries[day] = entry
            on_day = by_day.get(day)
            if on_day is None:
                on_day = by_day[day] = {}
            on_day[entry.employee_id] = entry
        self._evaluate_all()

    # -- state -------------------------------------------------------------------------------

    def _check_known(self, employee_id: str) -> None:
        if employee_id not in self._employees:
            raise _unknown_employee(employee_id)

    def _store(self, entry: ScheduleEntry) -> None:
        self._by_emp[entry.employee_id][entry.day] = entry
        self._by_day.setdefault(entry.day, {})[entry.employee_id] = entry

    def _remove(self, employee_id: str, day: date) -> bool:
        if self._by_emp[employee_id].pop(day, None) is None:
            return False
        on_day = self._by_day[day]
        del on_day[employee_id]
        if not on_day:
            del self._by_day[day]
        return True

    def _expected_hours(self, day: date) -> float:
        try:
            return self._expected[day]
        except KeyError:
            value = expected_hours(day, self.policies.policy_for(day), self.calendar)
            self._expected[day] = value
            return value

    # -- scopes ------------------------------------------------------------------------------

    def _evaluate_all(self) -> None:
        # Scope by scope, like the incremental path, minus the dispatch per scope.
        start, end = self.period_start, self.period_end
        scopes = self._scopes
        # Most cells are WFO on a working day of an always-active employee: no entry rule
        # can fire there (see _RULES_WORKING), so they are not even dispatched.
        working = {d for d in self._period_days if self.calendar.is_working_day(d)}
        for emp_id, by_day in self._by_emp.items():
            emp = self._employees[emp_id]
            always = emp.active_from is None and emp.active_until is None
            for day, entry in by_day.items():
                if not start <= day <= end:
                    continue
                if always and day in working and entry.code not in _RULES_WORKING:
                    continue
                found = check_entry(entry, emp, self.policies.policy_for(day), self.calendar)
                if found:
                    scopes[(_ENTRY, emp_id, day)] = tuple(found)
        mondays = sorted({_monday(d) for d in self._period_days})
        months = sorted({_month_start(d) for d in self._period_days})
        for emp_id in self._employees:
            for monday in mondays:
                if found_t := self._eval_week(emp_id, monday):
                    scopes[(_WEEK, emp_id, monday)] = found_t
            for first in months:
                if found_t := self._eval_month(emp_id, first):
                    scopes[(_MONTH, emp_id, first)] = found_t
        for unit in self._units:
            for day in self._period_days:
                if found_t := self._eval_cover(unit, day):
                    scopes[(_COVER, unit, day)] = found_t

    def _evaluate(self, scope: _Scope) -> tuple[Violation, ...]:
        kind, key, day = scope
        if kind == _ENTRY:
            return self._eval_entry(key, day)
        if kind == _WEEK:
            return self._eval_week(key, day)
        if kind == _MONTH:
            return self._eval_month(key, day)
        return self._eval_cover(key, day)

    def _eval_entry(self, employee_id: str, day: date) -> tuple[Violation, ...]:
        if not self.period_start <= day <= self.period_end:
            return ()
        entry = self._by_emp[employee_id].get(day)
        if entry is None:
            return ()
        policy = self.policies.policy_for(day)
        return tuple(check_entry(entry, self._employees[employee_id], policy, self.calendar))

    def _eval_week(self, employee_id: str, monday: date) -> tuple[Violation, ...]:
        start, end = self.period_start, self.period_end
        if monday + timedelta(days=6) < start or monday > end:
            return ()
        emp = self._employees[employee_id]
        entries = self._by_emp[employee_id]
        policy = self.policies.policy_for(max(monday, start))
        v1 = rule_remote_week_limit(
            emp, monday, entries, policy, self.calendar, period_start=start, period_end=end
        )
        v2 = rule_weekly_hours(
            emp, monday, entries, self._expected_hours, period_start=start, period_end=end
        )
        if v1 is None:
            return () if v2 is None else (v2,)
        return (v1,) if v2 is None else (v1, v2)

    def _eval_month(self, employee_id: str, first: date) -> tuple[Violation, ...]:
        start, end = self.period_start, self.period_end
        if _month_end(first) < start or first > end:
            return ()
        policy = self.policies.policy_for(max(first, start))
        v = rule_remote_month_limit(
            self._employees[employee_id],
            first,
            self._by_emp[employee_id],
            policy,
            self.calendar,
            period_start=start,
            period_end=end,
        )
        return (v,) if v is not None else ()

    def _eval_cover(self, unit_id: str, day: date) -> tuple[Violation, ...]:
        if not self.period_start <= day <= self.period_end or not self.calendar.is_working_day(day):
            return ()
        policy = self.policies.policy_for(day)
        count = count_cover(unit_id, day, self._units[unit_id], self._by_day.get(day, {}), policy)
        v = rule_unit_cover(count, policy, self._unit_names.get(unit_id))
        return (v,) if v is not None else ()

    def _affected(self, employee_id: str, day: date) -> list[_Scope]:
        scopes: list[_Scope] = [
            (_ENTRY, employee_id, day),
            (_WEEK, employee_id, _monday(day)),
            (_MONTH, employee_id, _month_start(day)),
        ]
        unit = self._employees[employee_id].unit_id
        if unit:
            scopes.append((_COVER, unit, day))
        return scopes

    def _refresh(self, scopes: Iterable[_Scope]) -> ViolationDelta:
        added: set[Violation] = set()
        removed: set[Violation] = set()
        for scope in set(scopes):
            old = self._scopes.get(scope, ())
            new = self._evaluate(scope)
            if new == old:
                continue
            if new:
                self._scopes[scope] = new
            else:
                del self._scopes[scope]
            old_set, new_set = set(old), set(new)
            added |= new_set - old_set
            removed |= old_set - new_set
        return ViolationDelta(frozenset(added), frozenset(removed))

    # -- public edits ------------------------------------------------------------------------

    def set_entry(self, entry: ScheduleEntry) -> ViolationDelta:
        """Put ``entry`` in its cell (replacing what was there) and re-validate that cell."""
        return self.set_entries((entry,))

    def clear(self, employee_id: str, day: date) -> ViolationDelta:
        """Empty the cell (employee_id, day) and re-validate it."""
        return self.clear_cells(((employee_id, day),))

    def set_entries(self, entries: Iterable[ScheduleEntry]) -> ViolationDelta:
        """Set several cells at once (fill, paste, pattern); all or nothing.

        Two entries for the same cell in one batch raise ValidationError, as does an unknown
        employee; nothing is changed then.
        """
        batch = list(entries)
        seen: set[tuple[str, date]] = set()
        for entry in batch:
            self._check_known(entry.employee_id)
            if entry.key in seen:
                raise ValidationError(
                    f"Dua isian untuk sel yang sama ({entry.employee_id}, {entry.day:%d/%m/%Y}).",
                    message_en=f"Two values for the same cell ({entry.employee_id}, "
                    f"{entry.day:%Y-%m-%d}).",
                )
            seen.add(entry.key)
        scopes: list[_Scope] = []
        for entry in batch:
            if self._by_emp[entry.employee_id].get(entry.day) == entry:
                continue
            self._store(entry)
            scopes += self._affected(entry.employee_id, entry.day)
        return self._refresh(scopes)

    def clear_cells(self, cells: Iterable[tuple[str, date]]) -> ViolationDelta:
        """Empty several cells at once; unknown employees raise ValidationError first."""
        batch = list(cells)
        for employee_id, _ in batch:
            self._check_known(employee_id)
        scopes: list[_Scope] = []
        for employee_id, day in batch:
            if self._remove(employee_id, day):
                scopes += self._affected(employee_id, day)
        return self._refresh(scopes)

    # -- queries -----------------------------------------------------------------------------

    def violations(self) -> list[Violation]:
        """Every current violation, sorted by day, unit, employee and rule."""
        return sorted((v for found in self._scopes.values() for v in found), key=Violation.sort_key)

    def cell_violations(self, employee_id: str, day: date) -> list[Violation]:
        """Violations to highlight on one grid cell, without scanning the whole list.

        The cell's own entry violations plus week and month violations pinned to this day.
        Cover violations belong to the unit's footer cell: see :meth:`unit_day_violations`.
        """
        out = list(self._scopes.get((_ENTRY, employee_id, day), ()))
        for scope in ((_WEEK, employee_id, _monday(day)), (_MONTH, employee_id, _month_start(day))):
            out += [v for v in self._scopes.get(scope, ()) if v.day == day]
        return out

    def unit_day_violations(self, unit_id: str, day: date) -> list[Violation]:
        """The cover violation of a unit on a day (empty or one item)."""
        return list(self._scopes.get((_COVER, unit_id, day), ()))

    def entry(self, employee_id: str, day: date) -> ScheduleEntry | None:
        return self._by_emp.get(employee_id, {}).get(day)

    def entries(self) -> list[ScheduleEntry]:
        """All entries held, context included, by employee then day."""
        return [e for by_day in self._by_emp.values() for _, e in sorted(by_day.items())]

    def cover(self, unit_id: str, day: date) -> CoverCount:
        """The unit's head counts on ``day`` (for the grid's footer row)."""
        return count_cover(
            unit_id,
            day,
            self._units.get(unit_id, ()),
            self._by_day.get(day, {}),
            self.policies.policy_for(day),
        )

    @property
    def unit_ids(self) -> list[str]:
        return sorted(self._units)


def validate_schedule(  # noqa: PLR0917 - the signature the services call
    entries: Iterable[ScheduleEntry],
    employees: Iterable[RuleEmployee],
    calendar: WorkingCalendar,
    policies: PolicyHistory,
    period_start: date,
    period_end: date,
    *,
    unit_names: Mapping[str, str] | None = None,
) -> list[Violation]:
    """Run every rule over ``period_start``..``period_end`` and return the violations, sorted.

    ``entries`` may include context days outside the period (see the module docstring). Raises
    ValidationError for two entries in one cell, an entry of an unknown employee, a period with
    no policy in force, or a policy whose week type differs from the calendar's.
    """
    return ScheduleValidator(
        employees,
        calendar,
        policies,
        period_start,
        period_end,
        entries=entries,
        unit_names=unit_names,
    ).violations()
