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

Modules: :mod:`.model` (rule ids, the rule table and the plain data), :mod:`.entry` (rules of
one cell), :mod:`.limits` (remote-day limits and weekly hours), :mod:`.cover` (on-site cover),
:mod:`.validator` (full and incremental validation), :mod:`.wording` and :mod:`.days`
(helpers of the messages and of the scopes).
"""

from __future__ import annotations

from flexdesk.domain.rules.cover import count_cover, rule_unit_cover
from flexdesk.domain.rules.entry import (
    ENTRY_RULES,
    EntryRule,
    check_entry,
    rule_employee_inactive,
    rule_leave_kind,
    rule_mode_not_allowed,
    rule_non_working_day,
    rule_remote_excluded,
    rule_wfa_location,
)
from flexdesk.domain.rules.limits import (
    rule_remote_month_limit,
    rule_remote_week_limit,
    rule_weekly_hours,
)
from flexdesk.domain.rules.model import (
    RULE_COVER,
    RULE_EMPLOYEE_INACTIVE,
    RULE_LEAVE_KIND,
    RULE_MODE_NOT_ALLOWED,
    RULE_NON_WORKING_DAY,
    RULE_REMOTE_EXCLUDED,
    RULE_REMOTE_MONTH,
    RULE_REMOTE_WEEK,
    RULE_WEEKLY_HOURS,
    RULE_WFA_LOCATION,
    RULES,
    CoverCount,
    RuleEmployee,
    RuleInfo,
    Severity,
    Violation,
    ViolationDelta,
)
from flexdesk.domain.rules.validator import ScheduleValidator, validate_schedule

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
