"""Property tests (hypothesis) for the rules engine and the holiday CSV parser."""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date, timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from flexdesk.domain.calendar import HolidayKind, HolidayRow, WorkingCalendar, parse_holiday_csv
from flexdesk.domain.rules import (
    ENTRY_RULES,
    RULE_COVER,
    RuleEmployee,
    ScheduleValidator,
    Violation,
    check_entry,
    count_cover,
    rule_employee_inactive,
    validate_schedule,
)
from flexdesk.domain.schedule import (
    REMOTE_CODES,
    DayCode,
    FlexPolicy,
    PolicyHistory,
    ScheduleEntry,
)

CALENDARS = {5: WorkingCalendar(5, years=[2026]), 6: WorkingCalendar(6, years=[2026])}
# Periods around 17 August 2026 (a Monday holiday), one crossing a month, starting mid-week
PERIODS = [
    (date(2026, 8, 10), date(2026, 8, 30)),
    (date(2026, 8, 19), date(2026, 9, 2)),
    (date(2026, 8, 17), date(2026, 8, 17)),
]
CONTEXT = [date(2026, 8, 3) + timedelta(days=i) for i in range(42)]  # 3 Aug .. 13 Sep
POSITIONS = ["Analis", "Petugas Loket", "Pengadministrasi"]

SETTINGS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@dataclasses.dataclass
class World:
    employees: list[RuleEmployee]
    calendar: WorkingCalendar
    policies: PolicyHistory
    start: date
    end: date


@st.composite
def policies_st(draw: st.DrawFn, week_type: int, start: date, end: date) -> PolicyHistory:
    def one(effective: date) -> FlexPolicy:
        extra = draw(st.sets(st.sampled_from([DayCode.WFH, DayCode.WFA])))
        return FlexPolicy(
            effective,
            allowed_modes=frozenset({DayCode.WFO, *extra}),
            max_remote_days_per_week=draw(st.sampled_from([2, 1, 3, None])),
            max_remote_days_per_month=draw(st.sampled_from([4, 2, 6, None])),
            min_onsite_share=draw(st.sampled_from([None, 0.3, 0.5, 1.0])),
            min_onsite_headcount=draw(st.sampled_from([None, 1, 3])),
            week_type=week_type,  # type: ignore[arg-type]
            weekly_hours_required=draw(st.sampled_from([37.5, 40.0])),
            ramadan_periods=draw(st.sampled_from([(), ((date(2026, 8, 20), date(2026, 8, 27)),)])),
            excluded_positions=draw(st.sampled_from([(), ("petugas loket",)])),
        )

    versions = [one(date(2026, 1, 1))]
    if draw(st.booleans()):
        versions.append(one(start + timedelta(days=draw(st.integers(1, 20)))))
    return PolicyHistory(versions)


@st.composite
def worlds(draw: st.DrawFn) -> World:
    week_type = draw(st.sampled_from([5, 6]))
    start, end = draw(st.sampled_from(PERIODS))
    n_units = draw(st.integers(1, 3))
    employees = []
    for i in range(draw(st.integers(1, 7))):
        employees.append(
            RuleEmployee(
                f"e{i}",
                f"Pegawai {i}",
                draw(st.sampled_from([*(f"u{j}" for j in range(n_units)), None])),
                remote_excluded=draw(st.sampled_from([False, False, False, True])),
                remote_exception=draw(st.sampled_from([False, False, False, True])),
                position=draw(st.sampled_from(POSITIONS)),
                active_from=draw(st.sampled_from([None, None, date(2026, 8, 19)])),
                active_until=draw(st.sampled_from([None, None, date(2026, 8, 26)])),
            )
        )
    return World(
        employees,
        CALENDARS[week_type],
        draw(policies_st(week_type, start, end)),
        start,
        end,
    )


@st.composite
def entry_st(draw: st.DrawFn, world: World) -> ScheduleEntry:
    ids = [e.id for e in world.employees]
    near = [
        d for d in CONTEXT if world.start - timedelta(days=7) <= d <= world.end + timedelta(days=7)
    ]
    # remote codes weighted up so the weekly and monthly limits are reached often
    code = draw(st.sampled_from([*DayCode, DayCode.WFH, DayCode.WFA, DayCode.WFH]))
    return ScheduleEntry(
        draw(st.sampled_from([e.id for e in world.employees[:2]]) | st.sampled_from(ids)),
        draw(st.sampled_from(near) | st.sampled_from(CONTEXT)),
        code,
        location=draw(st.sampled_from(["", "Kantor cabang"])),
        leave_kind=draw(st.sampled_from([None, "tahunan"])) if code is DayCode.CUTI else None,
        hours=draw(st.sampled_from([None, None, None, 0.0, 4.0, 7.5, 9.5])),
    )


@st.composite
def entries_st(draw: st.DrawFn, world: World) -> dict[tuple[str, date], ScheduleEntry]:
    """A grid: some fully drawn rows (like a filled month) plus scattered single cells."""
    entries: dict[tuple[str, date], ScheduleEntry] = {}
    near = [
        d for d in CONTEXT if world.start - timedelta(days=7) <= d <= world.end + timedelta(days=7)
    ]
    codes = [None, DayCode.WFO, DayCode.WFH, DayCode.WFA, DayCode.WFH, *DayCode]
    for emp in world.employees[: draw(st.integers(0, 3))]:
        for d in near:
            code = draw(st.sampled_from(codes))
            if code is not None:
                entries[(emp.id, d)] = ScheduleEntry(
                    emp.id,
                    d,
                    code,
                    location="Kantor cabang",
                    leave_kind="tahunan" if code is DayCode.CUTI else None,
                )
    for e in draw(st.lists(entry_st(world), max_size=20)):
        entries[e.key] = e
    return entries


def full(world: World, entries: dict[tuple[str, date], ScheduleEntry]) -> list[Violation]:
    return validate_schedule(
        list(entries.values()),
        world.employees,
        world.calendar,
        world.policies,
        world.start,
        world.end,
    )


# -- incremental == full ---------------------------------------------------------------------


@settings(SETTINGS, max_examples=100)
@given(st.data())
def test_incremental_validator_equals_full_validation_after_random_edits(
    data: st.DataObject,
) -> None:
    world = data.draw(worlds())
    state = data.draw(entries_st(world))
    validator = ScheduleValidator(
        world.employees,
        world.calendar,
        world.policies,
        world.start,
        world.end,
        entries=list(state.values()),
    )
    assert validator.violations() == full(world, state)
    current = set(validator.violations())
    emp_ids = [e.id for e in world.employees]
    for _ in range(data.draw(st.integers(1, 15))):
        op = data.draw(st.sampled_from(["set", "clear", "batch", "clear_many"]))
        if op == "set":
            entry = data.draw(entry_st(world))
            delta = validator.set_entry(entry)
            state[entry.key] = entry
        elif op == "batch":
            batch = {e.key: e for e in data.draw(st.lists(entry_st(world), max_size=8))}
            delta = validator.set_entries(batch.values())
            state.update(batch)
        elif op == "clear":
            cell = (data.draw(st.sampled_from(emp_ids)), data.draw(st.sampled_from(CONTEXT)))
            delta = validator.clear(*cell)
            state.pop(cell, None)
        else:
            cells = data.draw(
                st.lists(st.tuples(st.sampled_from(emp_ids), st.sampled_from(CONTEXT)), max_size=8)
            )
            delta = validator.clear_cells(cells)
            for cell in cells:
                state.pop(cell, None)
        expected = full(world, state)
        assert validator.violations() == expected
        # the delta tells the grid exactly what changed
        assert not (delta.added & delta.removed)
        current = (current - delta.removed) | delta.added
        assert current == set(expected)
    # the per-cell lookups agree with the full list
    for v in validator.violations():
        if v.employee_id is not None and v.day is not None:
            assert v in validator.cell_violations(v.employee_id, v.day)
        if v.rule_id == RULE_COVER:
            assert v.unit_id is not None and v.day is not None
            assert validator.unit_day_violations(v.unit_id, v.day) == [v]
    assert sorted(validator.entries(), key=lambda e: e.key) == sorted(
        state.values(), key=lambda e: e.key
    )


# -- cover never exceeds headcount -----------------------------------------------------------


@SETTINGS
@given(st.data())
def test_cover_never_exceeds_headcount(data: st.DataObject) -> None:
    world = data.draw(worlds())
    state = data.draw(entries_st(world))
    validator = ScheduleValidator(
        world.employees, world.calendar, world.policies, world.start, world.end,
        entries=list(state.values()),
    )  # fmt: skip
    units = {e.unit_id for e in world.employees if e.unit_id}
    for unit in units:
        members = [e for e in world.employees if e.unit_id == unit]
        for day in CONTEXT[7:35]:
            c = validator.cover(unit, day)
            on_day = {e.employee_id: e for e in state.values() if e.day == day}
            headcount = sum(1 for e in members if e.is_active(day))
            assert c.members == headcount
            assert 0 <= c.on_site <= c.present <= headcount
            assert c.on_site + c.remote + c.away + c.absent + c.unplanned == headcount
            assert c.available <= headcount
            assert c.required_by_share <= c.available
            wfo = sum(
                1
                for e in members
                if (x := state.get((e.id, day))) and x.code is DayCode.WFO and e.is_active(day)
            )
            assert c.on_site == wfo
            policy = world.policies.policy_for(day)
            assert count_cover(unit, day, members, on_day, policy) == c


# -- a valid schedule stays valid when a remote day goes -------------------------------------

UNIT_PERIOD = (date(2026, 11, 2), date(2026, 11, 15))  # two weeks without holidays


@SETTINGS
@given(st.data())
def test_valid_schedule_stays_valid_after_removing_a_remote_day(data: st.DataObject) -> None:
    n = data.draw(st.integers(2, 6))
    employees = [RuleEmployee(f"e{i}", f"Pegawai {i}", "u1") for i in range(n)]
    policies = PolicyHistory(
        [
            FlexPolicy(
                date(2026, 1, 1),
                max_remote_days_per_month=data.draw(st.sampled_from([None, 3, 4])),
                min_onsite_share=data.draw(st.sampled_from([0.3, 0.5])),
                min_onsite_headcount=data.draw(st.sampled_from([None, 1])),
            )
        ]
    )
    calendar = CALENDARS[5]
    days = calendar.working_days(*UNIT_PERIOD)
    entries: dict[tuple[str, date], ScheduleEntry] = {}
    for emp in employees:
        remote_days: set[date] = set()
        for week in (days[:5], days[5:]):
            remote_days |= set(data.draw(st.lists(st.sampled_from(week), max_size=2)))
        for d in days:
            code = data.draw(st.sampled_from([DayCode.WFH, DayCode.WFA])) if d in remote_days \
                else DayCode.WFO  # fmt: skip
            entries[(emp.id, d)] = ScheduleEntry(emp.id, d, code, location="Kantor cabang")

    def check(es: dict[tuple[str, date], ScheduleEntry]) -> list[Violation]:
        return validate_schedule(es.values(), employees, calendar, policies, *UNIT_PERIOD)

    assume(check(entries) == [])
    remote = [k for k, e in entries.items() if e.code in REMOTE_CODES]
    assume(remote)
    key = data.draw(st.sampled_from(remote))
    as_office = dict(entries)
    as_office[key] = dataclasses.replace(entries[key], code=DayCode.WFO)
    assert check(as_office) == []
    # removing the cell altogether leaves an unplanned day: a warning, never an error
    removed = dict(entries)
    del removed[key]
    assert [v for v in check(removed) if v.severity == "error"] == []


@SETTINGS
@given(st.data())
def test_turning_a_remote_day_into_wfo_never_adds_violations(data: st.DataObject) -> None:
    world = data.draw(worlds())
    state = data.draw(entries_st(world))
    remote = [k for k, e in state.items() if e.code in REMOTE_CODES]
    assume(remote)
    key = data.draw(st.sampled_from(remote))
    before = full(world, state)
    state[key] = dataclasses.replace(state[key], code=DayCode.WFO)
    after = full(world, state)

    def counts(vs: list[Violation]) -> Counter[tuple[str, str | None, str | None]]:
        return Counter((v.rule_id, v.employee_id, v.unit_id) for v in vs)

    assert not counts(after) - counts(before)
    errors_before = sum(v.severity == "error" for v in before)
    assert sum(v.severity == "error" for v in after) <= errors_before


# -- the per-code dispatch of entry rules is only an optimisation ----------------------------


@SETTINGS
@given(st.data())
def test_check_entry_equals_running_every_entry_rule(data: st.DataObject) -> None:
    world = data.draw(worlds())
    entry = data.draw(entry_st(world))
    employee = next(e for e in world.employees if e.id == entry.employee_id)
    policy = world.policies.policy_for(entry.day) if entry.day >= date(2026, 1, 1) else None
    assert policy is not None
    inactive = rule_employee_inactive(entry, employee, policy, world.calendar)
    naive = (
        [inactive]
        if inactive
        else [
            v
            for rule in ENTRY_RULES
            if (v := rule(entry, employee, policy, world.calendar)) is not None
        ]
    )
    assert check_entry(entry, employee, policy, world.calendar) == naive


# -- holiday CSV round trip ------------------------------------------------------------------

_KIND_CSV = {
    HolidayKind.NATIONAL: "nasional",
    HolidayKind.CUTI_BERSAMA: "cuti_bersama",
    HolidayKind.LOCAL: "lokal",
}


@SETTINGS
@given(
    rows=st.dictionaries(
        st.dates(date(2000, 1, 1), date(2099, 12, 31)),
        st.tuples(
            st.text(
                st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
                min_size=1,
                max_size=30,
            ).filter(lambda s: s.strip() == s and s != ""),
            st.sampled_from(list(HolidayKind)),
        ),
        max_size=15,
    ),
    delimiter=st.sampled_from([";", ","]),
    dmy=st.booleans(),
    bom=st.booleans(),
)
def test_holiday_csv_round_trip(
    rows: dict[date, tuple[str, HolidayKind]], delimiter: str, dmy: bool, bom: bool
) -> None:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(["tanggal", "nama", "jenis"])
    for d, (name, kind) in rows.items():
        writer.writerow([d.strftime("%d/%m/%Y") if dmy else d.isoformat(), name, _KIND_CSV[kind]])
    text = ("\ufeff" if bom else "") + buf.getvalue()
    parsed = parse_holiday_csv(text)
    assert parsed == sorted(
        (HolidayRow(d, name, kind) for d, (name, kind) in rows.items()), key=lambda r: r.day
    )
