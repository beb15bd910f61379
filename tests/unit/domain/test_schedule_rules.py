"""Day codes, timetables, versioned policy and one test per rule with its regulation example."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, time, timedelta

import pytest

from flexdesk.domain.calendar import WorkingCalendar
from flexdesk.domain.rules import (
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
    RuleEmployee,
    ScheduleValidator,
    Violation,
    count_cover,
    validate_schedule,
)
from flexdesk.domain.schedule import (
    ABSENCE_CODES,
    DAY_CODE_INFO,
    ON_SITE_CODES,
    PERPRES_5_DAY,
    PERPRES_5_DAY_RAMADAN,
    REMOTE_CODES,
    SIX_DAY,
    SIX_DAY_RAMADAN,
    DayCategory,
    DayCode,
    FlexPolicy,
    LeaveKind,
    PolicyHistory,
    ScheduleEntry,
    expected_hours,
    timetable_for,
)
from flexdesk.errors import ValidationError

W, H, A, C, S, D, T, L = (
    DayCode.WFO,
    DayCode.WFH,
    DayCode.WFA,
    DayCode.CUTI,
    DayCode.SAKIT,
    DayCode.DINAS_LUAR,
    DayCode.TUGAS_BELAJAR,
    DayCode.LIBUR,
)
MON = date(2026, 11, 2)  # Monday; November 2026 has no holidays
NOV = (date(2026, 11, 1), date(2026, 11, 30))
CAL = WorkingCalendar(5, years=[2026])
BASE = date(2025, 4, 21)  # PermenPANRB 4/2025 in force


def policy(**kw: object) -> PolicyHistory:
    return PolicyHistory([FlexPolicy(BASE, **kw)])  # type: ignore[arg-type]


def emp(i: int | str, unit: str | None = None, **kw: object) -> RuleEmployee:
    """An employee; without a unit unless asked, so single-person tests meet no cover rule."""
    return RuleEmployee(f"e{i}", f"Pegawai {i}", unit, **kw)  # type: ignore[arg-type]


def week(employee_id: str, codes: str, monday: date = MON, **kw: object) -> list[ScheduleEntry]:
    """One entry per letter from Monday on; '.' leaves the day blank."""
    out = []
    for i, ch in enumerate(codes):
        if ch == ".":
            continue
        code = DayCode.parse(ch)
        extra = dict(kw)
        if code is A:
            extra.setdefault("location", "Kantor cabang Bogor")
        if code is C:
            extra.setdefault("leave_kind", "tahunan")
        out.append(ScheduleEntry(employee_id, monday + timedelta(days=i), code, **extra))  # type: ignore[arg-type]
    return out


def run(
    entries: Iterable[ScheduleEntry],
    employees: Sequence[RuleEmployee],
    policies: PolicyHistory | None = None,
    period: tuple[date, date] = (MON, MON + timedelta(days=6)),
    calendar: WorkingCalendar = CAL,
) -> list[Violation]:
    return validate_schedule(
        list(entries),
        employees,
        calendar,
        policies or policy(),
        *period,
        unit_names={"pel": "Pelayanan"},
    )


def ids(vs: Iterable[Violation]) -> list[str]:
    return [v.rule_id for v in vs]


# -- day codes -------------------------------------------------------------------------------


def test_day_code_parse() -> None:
    assert DayCode.parse("o") is W  # the letter O
    assert DayCode.parse(" W ") is W  # alias
    assert DayCode.parse("wfh") is H
    assert DayCode.parse("A") is A
    with pytest.raises(ValidationError):
        DayCode.parse("X")


def test_categories() -> None:
    assert {W} == ON_SITE_CODES
    assert {H, A} == REMOTE_CODES
    assert DAY_CODE_INFO[D].category is DayCategory.AWAY
    assert D not in ON_SITE_CODES and D not in REMOTE_CODES and D not in ABSENCE_CODES
    assert {C, S, T, L} == ABSENCE_CODES


def test_legend_covers_every_code() -> None:
    assert list(DAY_CODE_INFO) == list(DayCode)
    for info in DAY_CODE_INFO.values():
        assert re.fullmatch(r"#[0-9A-F]{6}", info.colour)
        assert info.label_id and info.label_en


def test_schedule_entry_validation() -> None:
    e = ScheduleEntry("e1", MON, "h")  # type: ignore[arg-type]
    assert e.code is H and e.key == ("e1", MON)
    assert ScheduleEntry("e1", MON, C, leave_kind="besar").leave_kind is LeaveKind.BESAR
    with pytest.raises(ValidationError):
        ScheduleEntry("e1", MON, H, leave_kind="tahunan")
    with pytest.raises(ValidationError):
        ScheduleEntry("e1", MON, C, leave_kind="liburan")
    with pytest.raises(ValidationError):
        ScheduleEntry("e1", MON, W, hours=25)
    with pytest.raises(ValidationError):
        ScheduleEntry("", MON, W)


# -- timetable (Perpres 21/2023) -------------------------------------------------------------


def test_perpres_timetable_arithmetic() -> None:
    assert [PERPRES_5_DAY.hours_on(i) for i in range(7)] == [7.5] * 5 + [0, 0]
    friday = PERPRES_5_DAY.days[4]
    assert friday is not None and friday.break_minutes == 90
    assert (friday.start, friday.end) == (time(7, 30), time(16, 30))
    assert PERPRES_5_DAY.weekly_hours == 37.5
    assert [PERPRES_5_DAY_RAMADAN.hours_on(i) for i in range(5)] == [6.5] * 5
    assert PERPRES_5_DAY_RAMADAN.weekly_hours == 32.5
    assert SIX_DAY.weekly_hours == 37.5 and SIX_DAY.hours_on(5) > 0
    assert SIX_DAY_RAMADAN.weekly_hours == 32.5
    assert timetable_for(5, True) is PERPRES_5_DAY_RAMADAN
    with pytest.raises(ValidationError):
        timetable_for(7, False)


def test_expected_hours() -> None:
    p = FlexPolicy(BASE, ramadan_periods=((date(2026, 2, 19), date(2026, 3, 20)),))
    assert expected_hours(MON, p, CAL) == 7.5
    assert expected_hours(MON + timedelta(days=5), p, CAL) == 0  # Saturday
    assert expected_hours(date(2026, 8, 17), p, CAL) == 0  # Independence Day
    assert expected_hours(date(2026, 3, 2), p, CAL) == 6.5  # Ramadan Monday
    forty = FlexPolicy(BASE, weekly_hours_required=40)
    assert expected_hours(MON, forty, CAL) == pytest.approx(8.0)
    six = FlexPolicy(BASE, week_type=6)
    cal6 = WorkingCalendar(6, years=[2026])
    assert sum(expected_hours(MON + timedelta(days=i), six, cal6) for i in range(7)) == 37.5


# -- policy ----------------------------------------------------------------------------------


def test_policy_defaults_follow_the_regulations() -> None:
    p = FlexPolicy(BASE)
    assert p.max_remote_days_per_week == 2  # PermenPANRB 4/2025 Pasal 13(1)
    assert p.weekly_hours_required == 37.5 and p.ramadan_weekly_hours == 32.5
    assert p.allowed_modes == {W, H, A}
    assert p.week_type == 5


@pytest.mark.parametrize(
    "kw",
    [
        {"allowed_modes": frozenset({H})},
        {"allowed_modes": frozenset({W, C})},
        {"min_onsite_share": 1.5},
        {"min_onsite_headcount": -1},
        {"max_remote_days_per_week": 8},
        {"core_hours_start": time(14), "core_hours_end": time(9)},
        {"week_type": 4},
        {"weekly_hours_required": 0},
        {"ramadan_periods": ((date(2026, 3, 20), date(2026, 2, 19)),)},
    ],
)
def test_policy_rejects_bad_settings(kw: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        FlexPolicy(BASE, **kw)  # type: ignore[arg-type]


def test_policy_history_picks_the_version_in_force() -> None:
    v1 = FlexPolicy(BASE)
    v2 = FlexPolicy(date(2026, 7, 1), max_remote_days_per_week=1)
    history = PolicyHistory([v2, v1])
    assert history.versions == (v1, v2)
    assert history.policy_for(date(2026, 6, 30)) is v1
    assert history.policy_for(date(2026, 7, 1)) is v2
    assert history.policy_for(date(2030, 1, 1)) is v2
    with pytest.raises(ValidationError):
        history.policy_for(date(2025, 4, 20))
    assert history.versions_between(date(2026, 6, 1), date(2026, 8, 1)) == (v1, v2)
    assert history.versions_between(date(2026, 8, 1), date(2026, 9, 1)) == (v2,)
    v2b = FlexPolicy(date(2026, 7, 1), max_remote_days_per_week=3)
    assert history.with_version(v2b).policy_for(date(2026, 8, 1)) is v2b
    with pytest.raises(ValidationError):
        PolicyHistory([v1, FlexPolicy(BASE)])


def test_position_exclusion_ignores_case_and_spacing() -> None:
    p = FlexPolicy(BASE, excluded_positions=("Petugas  Loket",))
    assert p.is_position_excluded("petugas loket")
    assert not p.is_position_excluded("Analis")
    assert not p.is_position_excluded("")


# -- rule: remote days per week (PermenPANRB 4/2025 Pasal 13(1)) -----------------------------


def test_three_remote_days_in_a_week_break_pasal_13() -> None:
    e = emp(1)
    vs = run(week("e1", "HHAOO"), [e])
    assert ids(vs) == [RULE_REMOTE_WEEK]
    v = vs[0]
    assert v.severity == "error" and v.employee_id == "e1"
    assert v.day == MON + timedelta(days=2)  # the third remote day is the one over the limit
    assert "Pasal 13" in v.message_id and "Art. 13(1)" in v.message_en
    assert "3 hari kerja jarak jauh" in v.message_id and "2–8 November 2026" in v.message_id


def test_two_remote_days_are_allowed() -> None:
    assert run(week("e1", "HOAOO"), [emp(1)]) == []


def test_exception_flag_lifts_the_weekly_limit() -> None:
    assert run(week("e1", "HHHOO"), [emp(1, remote_exception=True)]) == []


def test_dinas_luar_does_not_count_as_remote() -> None:
    assert run(week("e1", "HHDDO"), [emp(1)]) == []


def test_remote_on_a_holiday_is_not_counted_but_flagged() -> None:
    # 17 Aug 2026 is a Monday holiday
    vs = run(week("e1", "HHHOO", date(2026, 8, 17)), [emp(1)], period=(date(2026, 8, 17),) * 2)
    assert ids(vs) == [RULE_NON_WORKING_DAY]


def test_weekly_limit_comes_from_the_policy_version_in_force() -> None:
    history = PolicyHistory(
        [FlexPolicy(BASE), FlexPolicy(date(2026, 11, 9), max_remote_days_per_week=3)]
    )
    entries = week("e1", "HHHOO") + week("e1", "HHHOO", MON + timedelta(days=7))
    vs = run(entries, [emp(1)], history, period=(MON, MON + timedelta(days=13)))
    assert [(v.rule_id, v.day) for v in vs] == [(RULE_REMOTE_WEEK, MON + timedelta(days=2))]


def test_context_entries_before_the_period_count_toward_the_week() -> None:
    # week 30 Nov – 6 Dec 2026; the December grid gets 30 November as context
    monday = date(2026, 11, 30)
    entries = week("e1", "HHHOO", monday)
    december = (date(2026, 12, 1), date(2026, 12, 31))
    vs = [v for v in run(entries, [emp(1)], period=december) if v.rule_id == RULE_REMOTE_WEEK]
    assert [v.day for v in vs] == [date(2026, 12, 2)]
    # a breach made only of context days is the other period's business
    only_context = week("e1", "HHH..", date(2026, 11, 23))
    period = (date(2026, 11, 26), date(2026, 11, 30))
    assert RULE_REMOTE_WEEK not in ids(run(only_context, [emp(1)], period=period))


# -- rule: remote days per month (office setting) --------------------------------------------


def test_monthly_limit() -> None:
    entries = [
        e
        for k in range(4)
        for e in week("e1", "HOOOO" if k < 2 else "HHOOO", MON + timedelta(days=7 * k))
    ]
    employees = [emp(1)]
    history = policy(max_remote_days_per_month=5)
    vs = run(entries, employees, history, period=NOV)
    month = [v for v in vs if v.rule_id == RULE_REMOTE_MONTH]
    assert len(month) == 1 and "6 hari kerja jarak jauh" in month[0].message_id
    assert month[0].day == date(2026, 11, 24)  # the sixth remote day
    assert run(entries, employees, policy(max_remote_days_per_month=6), period=NOV) == [
        v for v in vs if v.rule_id != RULE_REMOTE_MONTH
    ]
    exempt = [emp(1, remote_exception=True)]
    assert RULE_REMOTE_MONTH not in ids(run(entries, exempt, history, period=NOV))


# -- rule: cover per unit per working day (office setting, Pasal 35) -------------------------


def test_cover_share_message_for_the_supervisor() -> None:
    employees = [emp(i, "pel") for i in range(8)]
    entries = [ScheduleEntry(f"e{i}", MON, H if i < 6 else W) for i in range(8)]
    vs = run(entries, employees, period=(MON, MON))
    cover = [v for v in vs if v.rule_id == RULE_COVER]
    assert len(cover) == 1
    v = cover[0]
    assert (v.severity, v.unit_id, v.day, v.employee_id) == ("error", "pel", MON, None)
    assert v.message_id == (
        "Unit Pelayanan pada Senin, 2 November 2026: hanya 2 dari 8 pegawai yang bertugas "
        "di kantor (minimal 50%, yaitu 4 orang)."
    )
    assert v.message_en.startswith("Unit Pelayanan on Monday, 2 November 2026: only 2 of 8")


def test_cover_base_excludes_people_on_leave_sick_study_and_travel() -> None:
    # 8 people: 1 cuti, 1 sakit, 1 dinas luar, 1 tugas belajar -> 4 on duty, 2 may be remote
    codes = [C, S, D, T, H, H, W, W]
    employees = [emp(i, "pel") for i in range(8)]
    entries = [ScheduleEntry(f"e{i}", MON, c, leave_kind="tahunan" if c is C else None)
               for i, c in enumerate(codes)]  # fmt: skip
    assert RULE_COVER not in ids(run(entries, employees, period=(MON, MON)))
    count = count_cover(
        "pel", MON, employees, {e.employee_id: e for e in entries}, FlexPolicy(BASE)
    )
    assert (count.members, count.available, count.on_site, count.remote) == (8, 4, 2, 2)
    assert (count.away, count.absent, count.unplanned, count.required) == (1, 3, 0, 2)


def test_blank_cells_count_as_office_for_cover() -> None:
    employees = [emp(i, "pel") for i in range(4)]
    entries = [ScheduleEntry("e0", MON, H), ScheduleEntry("e1", MON, H)]
    vs = run(entries, employees, period=(MON, MON))
    assert RULE_COVER not in ids(vs)  # 2 remote, 2 unplanned: still possible
    entries.append(ScheduleEntry("e2", MON, A, location="Bogor"))
    cover = [v for v in run(entries, employees, period=(MON, MON)) if v.rule_id == RULE_COVER]
    assert len(cover) == 1 and "1 yang belum dijadwalkan" in cover[0].message_id


def test_cover_headcount_minimum() -> None:
    employees = [emp(i, "pel") for i in range(4)]
    history = policy(min_onsite_share=None, min_onsite_headcount=3)
    absent_only = [ScheduleEntry("e0", MON, S), ScheduleEntry("e1", MON, S)]
    vs = [v for v in run(absent_only, employees, history, (MON, MON)) if v.rule_id == RULE_COVER]
    assert [v.severity for v in vs] == ["warning"]  # too few people, nobody remote
    assert "minimal 3 orang" in vs[0].message_id
    with_remote = [ScheduleEntry("e0", MON, S), ScheduleEntry("e1", MON, H)]
    vs = [v for v in run(with_remote, employees, history, (MON, MON)) if v.rule_id == RULE_COVER]
    assert [v.severity for v in vs] == ["error"]


def test_no_cover_rule_on_holidays_or_without_a_setting() -> None:
    employees = [emp(i, "pel") for i in range(2)]
    holiday = date(2026, 8, 17)
    entries = [ScheduleEntry("e0", holiday, H), ScheduleEntry("e1", holiday, H)]
    assert RULE_COVER not in ids(run(entries, employees, period=(holiday, holiday)))
    monday = [ScheduleEntry("e0", MON, H), ScheduleEntry("e1", MON, H)]
    assert RULE_COVER not in ids(run(monday, employees, policy(min_onsite_share=None), (MON, MON)))


# -- rule: excluded employees and positions --------------------------------------------------


def test_excluded_position_cannot_work_remotely() -> None:
    history = policy(excluded_positions=("Petugas Loket",))
    e = emp(1, position="petugas loket", remote_exception=True)
    vs = run(week("e1", "AOOOO"), [e], history)
    assert ids(vs) == [RULE_REMOTE_EXCLUDED]
    assert "wajib bekerja di kantor" in vs[0].message_id
    assert run(week("e1", "OOOOO"), [e], history) == []


def test_excluded_employee_flag() -> None:
    vs = run(week("e1", "HOOOO"), [emp(1, remote_excluded=True)])
    assert ids(vs) == [RULE_REMOTE_EXCLUDED]
    assert "dikecualikan" in vs[0].message_id


# -- rule: work on a non-working day ---------------------------------------------------------


def test_work_on_weekend_and_holiday_is_a_warning() -> None:
    vs = run(week("e1", "OOOOOO"), [emp(1)])
    assert [(v.rule_id, v.severity) for v in vs] == [(RULE_NON_WORKING_DAY, "warning")]
    assert "akhir pekan" in vs[0].message_id
    holiday = date(2026, 8, 17)
    vs = run([ScheduleEntry("e1", holiday, H)], [emp(1)], period=(holiday, holiday))
    assert ids(vs) == [RULE_NON_WORKING_DAY] and "Kemerdekaan" in vs[0].message_id


def test_dinas_luar_over_a_weekend_is_fine() -> None:
    assert run(week("e1", "OOOODDD"), [emp(1)]) == []


# -- rule: WFA location (Pasal 12) -----------------------------------------------------------


def test_wfa_needs_a_location() -> None:
    vs = run(week("e1", "AOOOO", location="  "), [emp(1)])
    assert ids(vs) == [RULE_WFA_LOCATION] and "Pasal 12" in vs[0].message_id
    assert run(week("e1", "AOOOO", location="Kantor cabang"), [emp(1)]) == []


# -- rule: weekly hours (Perpres 21/2023) ----------------------------------------------------


def test_full_week_meets_37_5_hours() -> None:
    assert run(week("e1", "OHOAO"), [emp(1)]) == []


def test_day_off_keeps_the_requirement() -> None:
    vs = run(week("e1", "OOLOO"), [emp(1)])
    assert [(v.rule_id, v.severity) for v in vs] == [(RULE_WEEKLY_HOURS, "error")]
    assert "30 dari 37,5 jam" in vs[0].message_id and "Perpres 21/2023" in vs[0].message_id


def test_shift_hours_can_make_up_a_day_off() -> None:
    entries = week("e1", "OOLOO")
    entries = [e if e.code is L else ScheduleEntry(e.employee_id, e.day, W, hours=9.5)
               for e in entries]  # fmt: skip
    assert run(entries, [emp(1)]) == []  # 4 x 9.5 = 38 h


def test_explicit_hours_below_requirement() -> None:
    vs = run(week("e1", "OOOOO", hours=7.0), [emp(1)])
    assert ids(vs) == [RULE_WEEKLY_HOURS] and "35 dari 37,5" in vs[0].message_id


def test_leave_lowers_the_requirement() -> None:
    assert run(week("e1", "CSTOO"), [emp(1)]) == []


def test_missing_days_are_a_warning() -> None:
    vs = run(week("e1", "OOOO."), [emp(1)])
    assert [(v.rule_id, v.severity, v.day) for v in vs] == [
        (RULE_WEEKLY_HOURS, "warning", MON + timedelta(days=4))
    ]
    assert "belum dijadwalkan: Jumat 6 November" in vs[0].message_id


def test_holiday_week_requires_fewer_hours() -> None:
    # week of 17 Aug 2026: Monday is a holiday -> 30 h required
    entries = week("e1", ".OOOO", date(2026, 8, 17), hours=7.5)
    assert run(entries, [emp(1)], period=(date(2026, 8, 17), date(2026, 8, 23))) == []


def test_ramadan_week_requires_32_5_hours() -> None:
    history = policy(ramadan_periods=((date(2026, 2, 19), date(2026, 3, 20)),))
    monday = date(2026, 3, 2)
    period = (monday, monday + timedelta(days=6))
    assert run(week("e1", "OOOOO", monday, hours=6.5), [emp(1)], history, period) == []
    vs = run(week("e1", "OOOOO", monday, hours=6.0), [emp(1)], history, period)
    assert ids(vs) == [RULE_WEEKLY_HOURS] and "30 dari 32,5" in vs[0].message_id


# -- rule: mode allowed, leave kind, inactive ------------------------------------------------


def test_mode_not_allowed_by_policy() -> None:
    vs = run(week("e1", "AOOOO"), [emp(1)], policy(allowed_modes=frozenset({W, H})))
    assert ids(vs) == [RULE_MODE_NOT_ALLOWED]


def test_leave_without_kind_is_a_warning() -> None:
    vs = run([*week("e1", ".OOOO"), ScheduleEntry("e1", MON, C)], [emp(1)])
    assert [(v.rule_id, v.severity) for v in vs] == [(RULE_LEAVE_KIND, "warning")]


def test_entry_outside_active_dates() -> None:
    e = emp(1, active_from=MON + timedelta(days=2))
    vs = run(week("e1", "AOOOO", location=""), [e])
    # Monday's WFA without location is reported only as inactive, like Tuesday's WFO
    assert ids(vs) == [RULE_EMPLOYEE_INACTIVE] * 2
    assert [v.day for v in vs] == [MON, MON + timedelta(days=1)]


# -- validate_schedule / ScheduleValidator ---------------------------------------------------


def test_every_rule_cites_a_source() -> None:
    assert len(RULES) == 10
    assert all(info.source and info.title_id and info.title_en for info in RULES.values())


def test_bad_input_raises() -> None:
    employees = [emp(1)]
    with pytest.raises(ValidationError):
        run([ScheduleEntry("e1", MON, W), ScheduleEntry("e1", MON, H)], employees)
    with pytest.raises(ValidationError):
        run([ScheduleEntry("e9", MON, W)], employees)
    with pytest.raises(ValidationError):
        run([], employees, PolicyHistory([FlexPolicy(date(2027, 1, 1))]))
    with pytest.raises(ValidationError):
        run([], employees, policy(week_type=6))  # 5-day calendar
    with pytest.raises(ValidationError):
        run([], employees, period=(MON, MON - timedelta(days=1)))
    with pytest.raises(ValidationError):
        run([], [emp(1), emp(1)])


def test_validator_reports_cover_violation_appearing_and_disappearing() -> None:
    employees = [emp(i, "pel") for i in range(4)]
    entries = [e for i in range(4) for e in week(f"e{i}", "OOOOO")]
    validator = ScheduleValidator(employees, CAL, policy(), MON, MON + timedelta(days=6),
                                  entries=entries, unit_names={"pel": "Pelayanan"})  # fmt: skip
    assert validator.violations() == []
    assert validator.set_entry(ScheduleEntry("e0", MON, H)).added == frozenset()
    assert not validator.set_entry(ScheduleEntry("e1", MON, H))  # 2 of 4 remote: still fine
    delta = validator.set_entry(ScheduleEntry("e2", MON, H))
    assert [v.rule_id for v in delta.added] == [RULE_COVER] and not delta.removed
    assert validator.cover("pel", MON).on_site == 1
    delta = validator.set_entry(ScheduleEntry("e2", MON, W))
    assert [v.rule_id for v in delta.removed] == [RULE_COVER] and not delta.added
    delta = validator.clear("e3", MON)
    assert [v.rule_id for v in delta.added] == [RULE_WEEKLY_HOURS]
    assert validator.entry("e3", MON) is None
    assert validator.violations() == [v for v in delta.added]
    assert validator.unit_ids == ["pel"]


def test_validator_batch_is_all_or_nothing() -> None:
    employees = [emp(1)]
    validator = ScheduleValidator(employees, CAL, policy(), MON, MON + timedelta(days=6))
    with pytest.raises(ValidationError):
        validator.set_entries([ScheduleEntry("e1", MON, W), ScheduleEntry("e1", MON, H)])
    with pytest.raises(ValidationError):
        validator.set_entries([ScheduleEntry("e1", MON, W), ScheduleEntry("e2", MON, H)])
    assert validator.entries() == []
    with pytest.raises(ValidationError):
        validator.clear("e2", MON)


def test_violation_message_language() -> None:
    v = run(week("e1", "HHHOO"), [emp(1)])[0]
    assert v.message("en") == v.message_en and v.message() == v.message_id
