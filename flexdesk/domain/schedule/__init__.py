"""Schedule vocabulary: day codes, schedule entries, timetables and the versioned office policy.

Pure data and arithmetic; no Qt, no database. The rules that judge a schedule live in
:mod:`flexdesk.domain.rules`, the working calendar in :mod:`flexdesk.domain.calendar`.
Modules: :mod:`.codes` (day codes, leave kinds), :mod:`.entry` (the schedule entry),
:mod:`.timetable` (office hours), :mod:`.policy` (the versioned policy, expected hours);
everything is importable from here.

Sources (see docs/domain.md):

* PermenPANRB 4/2025 on flexible work by ASN: locations (Pasal 12), at most 2 working days a week
  away from the office (Pasal 13(1)), time arrangements *sif*/*dinamis* (Pasal 17), monitoring
  by the unit head (Pasal 35). It is an option for the instansi, so every figure here is an
  office setting with a default, never a hard-coded truth.
* Perpres 21/2023 on working days and hours: 5 days, 37.5 hours a week excluding breaks
  (Ramadan 32.5), starting 07.30 (Ramadan 08.00).
"""

from __future__ import annotations

from flexdesk.domain.schedule.codes import (
    ABSENCE_CODES,
    AWAY_CODES,
    DAY_CODE_INFO,
    LEAVE_CODES,
    LEAVE_KIND_LABELS,
    ON_SITE_CODES,
    REMOTE_CODES,
    WORK_MODES,
    WORKING_CODES,
    DayCategory,
    DayCode,
    DayCodeInfo,
    LeaveKind,
    WorkMode,
)
from flexdesk.domain.schedule.entry import ScheduleEntry
from flexdesk.domain.schedule.policy import FlexPolicy, PolicyHistory, WeekType, expected_hours
from flexdesk.domain.schedule.timetable import (
    PERPRES_5_DAY,
    PERPRES_5_DAY_RAMADAN,
    SIX_DAY,
    SIX_DAY_RAMADAN,
    Timetable,
    WorkHours,
    timetable_for,
)

__all__ = [
    "ABSENCE_CODES",
    "AWAY_CODES",
    "DAY_CODE_INFO",
    "LEAVE_CODES",
    "LEAVE_KIND_LABELS",
    "ON_SITE_CODES",
    "PERPRES_5_DAY",
    "PERPRES_5_DAY_RAMADAN",
    "REMOTE_CODES",
    "SIX_DAY",
    "SIX_DAY_RAMADAN",
    "WORKING_CODES",
    "WORK_MODES",
    "DayCategory",
    "DayCode",
    "DayCodeInfo",
    "FlexPolicy",
    "LeaveKind",
    "PolicyHistory",
    "ScheduleEntry",
    "Timetable",
    "WeekType",
    "WorkHours",
    "WorkMode",
    "expected_hours",
    "timetable_for",
]
