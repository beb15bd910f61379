"""Validation of a period, full and incremental: :class:`ScheduleValidator` keeps the entries
indexed and the violations by scope (entry, employee-week, employee-month, unit-day), so an
edit re-runs only the rules of the edited cell's scopes; :func:`validate_schedule` is one full
pass."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from flexdesk.domain.calendar import WorkingCalendar
from flexdesk.domain.rules.cover import count_cover, rule_unit_cover
from flexdesk.domain.rules.days import days_between, first_of_month, last_of_month, monday_of
from flexdesk.domain.rules.entry import RULES_ON_WORKING_DAY, check_entry
from flexdesk.domain.rules.limits import (
    rule_remote_month_limit,
    rule_remote_week_limit,
    rule_weekly_hours,
)
from flexdesk.domain.rules.model import CoverCount, RuleEmployee, Violation, ViolationDelta
from flexdesk.domain.schedule import PolicyHistory, ScheduleEntry, expected_hours
from flexdesk.errors import ValidationError

# scope kinds: entry, week, month, cover
_ENTRY, _WEEK, _MONTH, _COVER = "e", "w", "m", "c"
_Scope = tuple[str, str, date]


def _unknown_employee(employee_id: str) -> ValidationError:
    return ValidationError(
        f"Pegawai {employee_id} tidak dikenal.",
        message_en=f"Unknown employee {employee_id}.",
    )


def _index_employees(
    employees: Iterable[RuleEmployee],
) -> tuple[dict[str, RuleEmployee], dict[str, tuple[RuleEmployee, ...]]]:
    """The employees by id and each unit's members; an id listed twice raises."""
    by_id: dict[str, RuleEmployee] = {}
    units: dict[str, list[RuleEmployee]] = {}
    for emp in employees:
        if emp.id in by_id:
            raise ValidationError(
                f"Pegawai {emp.id} tercantum dua kali.",
                message_en=f"Employee {emp.id} is listed twice.",
            )
        by_id[emp.id] = emp
        if emp.unit_id:
            units.setdefault(emp.unit_id, []).append(emp)
    return by_id, {u: tuple(m) for u, m in units.items()}


def _check_week_types(
    policies: PolicyHistory, calendar: WorkingCalendar, start: date, end: date
) -> None:
    """Every policy in force over the period must count the calendar's working week."""
    for policy in policies.versions_between(start, end):
        if policy.week_type != calendar.week_type:
            raise ValidationError(
                f"Kebijakan yang berlaku mulai {policy.effective_from:%d/%m/%Y} memakai "
                f"minggu {policy.week_type} hari, kalender kerja {calendar.week_type} hari.",
                message_en=f"The policy from {policy.effective_from:%Y-%m-%d} uses a "
                f"{policy.week_type}-day week, the calendar a {calendar.week_type}-day week.",
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
        self._employees, self._units = _index_employees(employees)
        _check_week_types(policies, calendar, period_start, period_end)
        policies.policy_for(period_start)  # raises when no policy covers the period
        self._by_emp: dict[str, dict[date, ScheduleEntry]] = {e: {} for e in self._employees}
        self._by_day: dict[date, dict[str, ScheduleEntry]] = {}
        self._scopes: dict[_Scope, tuple[Violation, ...]] = {}
        self._expected: dict[date, float] = {}
        self._period_days = days_between(period_start, period_end)
        self._load(entries)
        self._evaluate_all()

    # -- state -------------------------------------------------------------------------------

    def _load(self, entries: Iterable[ScheduleEntry]) -> None:
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
        # can fire there (see RULES_ON_WORKING_DAY), so they are not even dispatched.
        working = {d for d in self._period_days if self.calendar.is_working_day(d)}
        for emp_id, by_day in self._by_emp.items():
            emp = self._employees[emp_id]
            always = emp.active_from is None and emp.active_until is None
            for day, entry in by_day.items():
                if not start <= day <= end:
                    continue
                if always and day in working and entry.code not in RULES_ON_WORKING_DAY:
                    continue
                found = check_entry(entry, emp, self.policies.policy_for(day), self.calendar)
                if found:
                    scopes[(_ENTRY, emp_id, day)] = tuple(found)
        mondays = sorted({monday_of(d) for d in self._period_days})
        months = sorted({first_of_month(d) for d in self._period_days})
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
        if last_of_month(first) < start or first > end:
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
            (_WEEK, employee_id, monday_of(day)),
            (_MONTH, employee_id, first_of_month(day)),
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
        for scope in (
            (_WEEK, employee_id, monday_of(day)),
            (_MONTH, employee_id, first_of_month(day)),
        ):
            out += [v for v in self._scopes.get(scope, ()) if v.day == day]
        return out

    def unit_day_violations(self, unit_id: str, day: date) -> list[Violation]:
        """The cover violation of a unit on a day (empty or one item)."""
        return list(self._scopes.get((_COVER, unit_id, day), ()))

    def entry(self, employee_id: str, day: date) -> ScheduleEntry | None:
        """The entry held for the cell (employee_id, day), if any."""
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
        """The units that have members, sorted."""
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
