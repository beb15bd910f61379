"""Micro-benchmark of the schedule rules engine (not a pytest test; run it directly).

    python tests/benchmarks/bench_rules.py [--employees 500] [--repeat 15]

Prints sizes, medians and ratios: full validation of a month, building the incremental
validator, one-cell edits (set and clear) and a week-fill of one row, and a plain pass over
the same entries as the baseline the engine is compared with.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta

from flexdesk.domain.calendar import WorkingCalendar
from flexdesk.domain.rules import RuleEmployee, ScheduleValidator, validate_schedule
from flexdesk.domain.schedule import DayCode, FlexPolicy, PolicyHistory, ScheduleEntry

START = date(2026, 11, 1)
END = date(2026, 11, 30)
CODES = [DayCode.WFO] * 6 + [DayCode.WFH, DayCode.WFA, DayCode.CUTI, DayCode.DINAS_LUAR]


def make_data(
    n_employees: int, seed: int = 1
) -> tuple[list[RuleEmployee], list[ScheduleEntry], WorkingCalendar, PolicyHistory]:
    rng = random.Random(seed)
    employees = [
        RuleEmployee(
            f"e{i:04d}",
            f"Pegawai {i}",
            f"u{i % 20:02d}",
            remote_excluded=i % 50 == 0,
            position="Petugas Loket" if i % 40 == 0 else "Analis",
        )
        for i in range(n_employees)
    ]
    calendar = WorkingCalendar(5, years=[2026])
    policies = PolicyHistory(
        [
            FlexPolicy(date(2025, 4, 21), max_remote_days_per_month=8),
            FlexPolicy(
                date(2026, 11, 16),
                max_remote_days_per_month=6,
                min_onsite_headcount=3,
                excluded_positions=("Petugas Loket",),
            ),
        ]
    )
    # the grid loads the whole weeks around the month: Oct 26 .. Dec 6
    first = START - timedelta(days=START.weekday())
    days = [first + timedelta(days=i) for i in range(42)]
    entries = []
    for emp in employees:
        for d in days:
            if not calendar.is_working_day(d):
                continue
            code = rng.choice(CODES)
            entries.append(
                ScheduleEntry(
                    emp.id,
                    d,
                    code,
                    location="Kantor cabang" if code is DayCode.WFA and rng.random() < 0.9 else "",
                    leave_kind="tahunan" if code is DayCode.CUTI else None,
                )
            )
    return employees, entries, calendar, policies


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employees", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    employees, entries, calendar, policies = make_data(args.employees)
    rng = random.Random(2)

    def baseline() -> None:  # touch every entry once, as a plain query result would be
        index: dict[tuple[str, date], ScheduleEntry] = {}
        for e in entries:
            index[(e.employee_id, e.day)] = e

    def full() -> None:
        validate_schedule(entries, employees, calendar, policies, START, END)

    validator = ScheduleValidator(employees, calendar, policies, START, END, entries=entries)
    n_violations = len(validator.violations())
    month_days = [START + timedelta(days=i) for i in range(30)]

    def one_cell() -> None:
        emp = rng.choice(employees)
        d = rng.choice(month_days)
        validator.set_entry(ScheduleEntry(emp.id, d, rng.choice(CODES), location="x"))

    def one_clear() -> None:
        emp = rng.choice(employees)
        validator.clear(emp.id, rng.choice(month_days))

    def fill_week() -> None:
        emp = rng.choice(employees)
        monday = date(2026, 11, 9)
        validator.set_entries(
            ScheduleEntry(emp.id, monday + timedelta(days=i), DayCode.WFH) for i in range(5)
        )

    def all_violations() -> None:
        validator.violations()

    units = sorted({e.unit_id for e in employees if e.unit_id})

    def footer_row() -> None:  # the grid's on-site counts: every unit x every day of the month
        for unit in units:
            for d in month_days:
                validator.cover(unit, d)

    base = median_ms(baseline, args.repeat)
    rows = [
        ("plain pass over entries (baseline)", base),
        ("validate_schedule, full month", median_ms(full, args.repeat)),
        ("ScheduleValidator.set_entry (1 cell)", median_ms(one_cell, args.repeat * 20)),
        ("ScheduleValidator.clear (1 cell)", median_ms(one_clear, args.repeat * 20)),
        ("ScheduleValidator.set_entries (5 cells)", median_ms(fill_week, args.repeat * 20)),
        ("ScheduleValidator.violations()", median_ms(all_violations, args.repeat)),
        ("cover() for 20 units x 30 days", median_ms(footer_row, args.repeat)),
    ]
    print(
        f"employees={len(employees)} units=20 entries={len(entries)} "
        f"period={START}..{END} violations={n_violations}"
    )
    print(f"{'operation':<42} {'median ms':>10} {'x baseline':>11}")
    for name, ms in rows:
        print(f"{name:<42} {ms:>10.3f} {ms / base:>11.1f}")


if __name__ == "__main__":
    main()
