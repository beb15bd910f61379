"""Reading what the schedule rules need from the database (no permission checks here).

Shared by the grid, the workflow, the policy check and the exports; the public service
functions that call these check the permissions.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import String

from flexdesk.db.models import Employee, WorkUnit
from flexdesk.db.models_schedule import (
    EmployeeFlexSetting,
    FlexPolicyVersion,
    ScheduleEntryRow,
)
from flexdesk.domain.calendar import WorkingCalendar, estimate_ramadan
from flexdesk.domain.people import full_name
from flexdesk.domain.rules import RuleEmployee
from flexdesk.domain.schedule import DayCode, FlexPolicy, PolicyHistory, ScheduleEntry
from flexdesk.errors import ValidationError
from flexdesk.services.schedule.calendar import office_calendar

#: Before the office's first policy version, FlexDesk's defaults apply (they are what the
#: grid used while the office had configured nothing).
DEFAULT_POLICY_START = date(1900, 1, 1)

_CODES: dict[str, DayCode] = {c.value: c for c in DayCode}


@dataclass(frozen=True)
class StaffMember:
    """An employee as the schedule shows and judges them."""

    id: str
    name: str
    nip: str
    position: str
    unit_id: str | None
    unit_name: str
    supervisor_id: str | None
    remote_excluded: bool  #: not eligible for flexible work (``employees.flex_eligible``)
    remote_exception: bool  #: Pasal 13 exception: no remote-day limits
    exception_reason: str

    def rule_employee(self) -> RuleEmployee:
        """The employee as the rules engine sees them."""
        return RuleEmployee(
            self.id,
            self.name,
            self.unit_id,
            remote_excluded=self.remote_excluded,
            remote_exception=self.remote_exception,
            position=self.position,
        )


# -- policy -----------------------------------------------------------------------------------


def _iso_pairs(value: object) -> tuple[tuple[date, date], ...]:
    out: list[tuple[date, date]] = []
    if isinstance(value, list):
        for pair in value:
            if isinstance(pair, list | tuple) and len(pair) == 2:
                out.append((date.fromisoformat(str(pair[0])), date.fromisoformat(str(pair[1]))))
    return tuple(out)


def policy_from_row(row: FlexPolicyVersion) -> FlexPolicy:
    """The domain policy of a stored version (its own Ramadan periods only)."""
    positions = row.excluded_positions if isinstance(row.excluded_positions, list) else []
    return FlexPolicy(
        effective_from=row.effective_from,
        allowed_modes=frozenset(_CODES[c] for c in row.allowed_modes if c in _CODES),
        max_remote_days_per_week=row.max_remote_days_per_week,
        max_remote_days_per_month=row.max_remote_days_per_month,
        min_onsite_share=row.min_onsite_share,
        min_onsite_headcount=row.min_onsite_headcount,
        core_hours_start=row.core_hours_start,
        core_hours_end=row.core_hours_end,
        week_type=5 if row.week_type == 5 else 6,
        weekly_hours_required=row.weekly_hours_required,
        ramadan_weekly_hours=row.ramadan_weekly_hours,
        ramadan_periods=_iso_pairs(row.ramadan_periods),
        excluded_positions=tuple(str(p) for p in positions),
        remote_needs_approval=row.remote_needs_approval,
    )


def stored_policies(session: Session) -> list[tuple[FlexPolicyVersion, FlexPolicy]]:
    """Every stored policy version with its row, oldest first (Ramadan as the admin set it)."""
    rows = session.scalars(select(FlexPolicyVersion).order_by(FlexPolicyVersion.effective_from))
    return [(r, policy_from_row(r)) for r in rows]


def default_policy(week_type: int = 5) -> FlexPolicy:
    """FlexDesk's built-in policy, in force before the office stores a version of its own."""
    return FlexPolicy(DEFAULT_POLICY_START, week_type=5 if week_type == 5 else 6)


def with_ramadan_estimates(policy: FlexPolicy, years: Iterable[int]) -> FlexPolicy:
    """``policy`` with the estimated Ramadan of each of ``years`` it does not set itself."""
    covered = {end.year for _, end in policy.ramadan_periods}
    extra = [p for y in sorted(set(years)) if y not in covered for p in estimate_ramadan(y)]
    if not extra:
        return policy
    return replace(policy, ramadan_periods=(*policy.ramadan_periods, *extra))


def history_of(policies: Iterable[FlexPolicy], years: Iterable[int]) -> PolicyHistory:
    """A history with FlexDesk's default before the first version and Ramadan estimates."""
    versions = list(policies)
    if not versions or versions[0].effective_from > DEFAULT_POLICY_START:
        week_type = versions[0].week_type if versions else 5
        versions.insert(0, default_policy(week_type))
    wanted = sorted(set(years))
    return PolicyHistory(with_ramadan_estimates(p, wanted) for p in versions)


def load_policy_history(session: Session, years: Iterable[int] = ()) -> PolicyHistory:
    """Every policy version of the office, with Ramadan estimates for ``years``."""
    return history_of((p for _, p in stored_policies(session)), years)


def calendar_for(
    session: Session, history: PolicyHistory, start: date, end: date
) -> WorkingCalendar:
    """The office calendar with the week type of the policy in force over ``start``..``end``.

    A policy change of week type inside the range is refused: split the period instead.
    """
    week_types = {p.week_type for p in history.versions_between(start, end)}
    if len(week_types) > 1:
        raise ValidationError(
            "Jenis minggu kerja (5/6 hari) berubah di tengah periode ini; mulailah versi "
            "kebijakan baru pada awal bulan.",
            message_en="The working week (5/6 days) changes inside this period; start the new "
            "policy version on the first of a month.",
        )
    years = range(start.year, end.year + 1)
    return office_calendar(session, week_types.pop() if week_types else 5, years)


# -- staff ------------------------------------------------------------------------------------


def load_staff(
    session: Session, *, unit_id: str | None = None, ids: Collection[str] | None = None
) -> list[StaffMember]:
    """Active employees ordered by unit then name (those without a unit last).

    Plain columns through the session's connection: building 500 ORM objects was a tenth of
    the time of opening a month.
    """
    query = (
        select(
            Employee.id,
            Employee.gelar_depan,
            Employee.nama,
            Employee.gelar_belakang,
            Employee.nip,
            Employee.jabatan,
            Employee.unit_id,
            WorkUnit.name,
            Employee.supervisor_id,
            Employee.flex_eligible,
            EmployeeFlexSetting.remote_exception,
            EmployeeFlexSetting.exception_reason,
        )
        .outerjoin(WorkUnit, Employee.unit_id == WorkUnit.id)
        .outerjoin(EmployeeFlexSetting, EmployeeFlexSetting.employee_id == Employee.id)
        .where(Employee.active.is_(True))
    )
    if unit_id is not None:
        query = query.where(Employee.unit_id == unit_id)
    if ids is not None:
        query = query.where(Employee.id.in_(list(ids)))
    query = query.order_by(WorkUnit.name.is_(None), WorkUnit.name, Employee.nama, Employee.id)
    return [
        StaffMember(
            id=emp_id,
            name=full_name(depan, nama, belakang),
            nip=nip or "",
            position=jabatan,
            unit_id=unit,
            unit_name=unit_name or "",
            supervisor_id=supervisor,
            remote_excluded=not eligible,
            remote_exception=bool(exception),
            exception_reason=reason or "",
        )
        for (
            emp_id, depan, nama, belakang, nip, jabatan, unit, unit_name, supervisor, eligible,
            exception, reason,
        ) in session.connection().execute(query)
    ]  # fmt: skip


# -- entries ----------------------------------------------------------------------------------


def context_range(first: date, last: date) -> tuple[date, date]:
    """The whole Monday–Sunday weeks around ``first``..``last`` (Pasal 13(1) counts weeks)."""
    return first - timedelta(days=first.weekday()), last + timedelta(days=6 - last.weekday())


def iter_entries(
    session: Session, start: date, end: date, employee_ids: Collection[str] | None = None
) -> Iterator[ScheduleEntry]:
    """Entries from ``start`` to ``end`` inclusive as domain objects.

    The day column is read as text and converted through a small cache: a month of 500 people
    holds 20,000 rows but only 42 distinct days, and parsing each date was a third of the
    time of opening the grid. (On PostgreSQL the driver already returns dates.)
    """
    day_text = type_coerce(ScheduleEntryRow.day, String)
    query = select(
        ScheduleEntryRow.employee_id,
        day_text,
        ScheduleEntryRow.code,
        ScheduleEntryRow.location,
        ScheduleEntryRow.leave_kind,
        ScheduleEntryRow.hours,
    ).where(ScheduleEntryRow.day >= start, ScheduleEntryRow.day <= end)
    if employee_ids is not None and len(employee_ids) < 400:
        query = query.where(ScheduleEntryRow.employee_id.in_(list(employee_ids)))
    wanted = None if employee_ids is None else set(employee_ids)
    days: dict[object, date] = {}
    # the connection, not the session: no ORM bookkeeping per row
    for emp_id, raw_day, code, location, leave_kind, hours in session.connection().execute(query):
        if wanted is not None and emp_id not in wanted:
            continue
        day = days.get(raw_day)
        if day is None:
            day = raw_day if isinstance(raw_day, date) else date.fromisoformat(str(raw_day)[:10])
            days[raw_day] = day
        yield ScheduleEntry(
            emp_id, day, _CODES.get(code) or DayCode.parse(code), location, leave_kind, hours
        )
