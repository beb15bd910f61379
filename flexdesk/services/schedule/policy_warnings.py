"""What a policy change would say about approved schedules: the errors the new versions find
in approved months that the old ones do not, one :class:`PolicyWarning` each. Approved
schedules themselves are never changed (see :mod:`.policy`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.models_schedule import SchedulePeriod
from flexdesk.domain.dates import format_bulan_tahun
from flexdesk.domain.rules import RuleEmployee, validate_schedule
from flexdesk.domain.schedule import FlexPolicy, PolicyHistory, ScheduleEntry
from flexdesk.domain.schedule_workflow import PeriodStatus, month_bounds
from flexdesk.services.schedule.data import (
    StaffMember,
    calendar_for,
    context_range,
    history_of,
    iter_entries,
    load_staff,
)


@dataclass(frozen=True)
class PolicyWarning:
    """An approved schedule that the new policy would judge differently."""

    employee_id: str | None
    subject: str  #: employee or unit name
    year: int
    month: int
    message_id: str
    message_en: str

    def message(self, lang: str = "id") -> str:
        """The warning in ``lang`` ("id" or "en")."""
        return self.message_en if lang == "en" else self.message_id


def _month_key(d: date) -> int:
    return d.year * 12 + d.month - 1


_ErrorKey = tuple[str, str | None, str | None, date | None]


def _errors(
    session: Session,
    entries: Sequence[ScheduleEntry],
    employees: Sequence[RuleEmployee],
    history: PolicyHistory,
    period: tuple[date, date],
    *,
    unit_names: Mapping[str, str],
) -> dict[_ErrorKey, tuple[str, str]]:
    first, last = period
    cal = calendar_for(session, history, first, last)
    found = validate_schedule(entries, employees, cal, history, first, last, unit_names=unit_names)
    return {
        (v.rule_id, v.employee_id, v.unit_id, v.day): (v.message_id, v.message_en)
        for v in found
        if v.severity == "error"
    }


def _approved_months(
    session: Session, start: date, until: date | None
) -> dict[tuple[int, int], set[str]]:
    """(year, month) -> the employees whose schedule of that month is approved, for the
    months of ``start``..``until`` (open-ended when None)."""
    query = select(SchedulePeriod.year, SchedulePeriod.month, SchedulePeriod.employee_id).where(
        SchedulePeriod.status == PeriodStatus.APPROVED.value,
        SchedulePeriod.year * 12 + SchedulePeriod.month - 1 >= _month_key(start),
    )
    if until is not None:
        query = query.where(
            SchedulePeriod.year * 12 + SchedulePeriod.month - 1 <= _month_key(until)
        )
    approved: dict[tuple[int, int], set[str]] = {}
    for year, month, emp_id in session.execute(query):
        approved.setdefault((year, month), set()).add(emp_id)
    return approved


def change_warnings(
    session: Session,
    old: Sequence[FlexPolicy],
    new: Sequence[FlexPolicy],
    start: date,
    until: date | None,
) -> list[PolicyWarning]:
    """Errors the ``new`` versions find in approved months of ``start``..``until`` that the
    ``old`` ones do not."""
    approved = _approved_months(session, start, until)
    if not approved:
        return []
    staff = load_staff(session)
    by_id: dict[str, StaffMember] = {s.id: s for s in staff}
    employees = [s.rule_employee() for s in staff]
    unit_names: dict[str, str] = {s.unit_id: s.unit_name for s in staff if s.unit_id}
    warnings: list[PolicyWarning] = []
    for (year, month), emp_ids in sorted(approved.items()):
        first, last = month_bounds(year, month)
        years = range(first.year - 1, last.year + 2)
        old_h, new_h = history_of(old, years), history_of(new, years)
        ctx_start, ctx_end = context_range(first, last)
        entries = [e for e in iter_entries(session, ctx_start, ctx_end) if e.employee_id in by_id]

        before = _errors(session, entries, employees, old_h, (first, last), unit_names=unit_names)
        after = _errors(session, entries, employees, new_h, (first, last), unit_names=unit_names)
        units = {by_id[e].unit_id for e in emp_ids if e in by_id}
        label_id = format_bulan_tahun(year, month)
        label_en = format_bulan_tahun(year, month, "en")
        for key, text in after.items():
            if key in before:
                continue
            _, who, unit_id, _ = key
            if who is not None and who not in emp_ids:
                continue
            if who is None and unit_id not in units:
                continue
            msg_id, msg_en = text
            subject = by_id[who].name if who else unit_names.get(unit_id or "", "")
            warnings.append(
                PolicyWarning(
                    who,
                    subject,
                    year,
                    month,
                    f"{label_id}: {msg_id}",
                    f"{label_en}: {msg_en}",
                )
            )
    return warnings
