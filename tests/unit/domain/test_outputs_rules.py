"""Rules of the SKP and the output log: life cycles, period targets, work modes, wellbeing."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from flexdesk.domain.outputs import (
    EDITABLE_LOG_STATUSES,
    LOG_TRANSITIONS,
    SKP_TRANSITIONS,
    LoggedDay,
    LogStatus,
    LogStep,
    NationalCalendar,
    PlannedDay,
    SignalKind,
    SkpStatus,
    SkpStep,
    WellbeingThresholds,
    WorkMode,
    consecutive_runs,
    count_working_days,
    mode_mismatch,
    next_log_status,
    next_skp_status,
    period_target,
    weekly_hours,
    wellbeing_signals,
)
from flexdesk.domain.performance import PeriodType
from flexdesk.errors import ConflictError


@pytest.mark.parametrize(("status", "step"), list(itertools.product(LogStatus, LogStep)))
def test_log_transitions(status: LogStatus, step: LogStep) -> None:
    expected = LOG_TRANSITIONS.get((status, step))
    if expected is None:
        with pytest.raises(ConflictError) as info:
            next_log_status(status, step)
        assert info.value.message_en != info.value.message
    else:
        assert next_log_status(status, step) is expected


def test_accepted_is_final_and_locked() -> None:
    assert not any(s is LogStatus.ACCEPTED for s, _ in LOG_TRANSITIONS)
    assert LogStatus.ACCEPTED not in EDITABLE_LOG_STATUSES
    assert LogStatus.SUBMITTED not in EDITABLE_LOG_STATUSES


@pytest.mark.parametrize(("status", "step"), list(itertools.product(SkpStatus, SkpStep)))
def test_skp_transitions(status: SkpStatus, step: SkpStep) -> None:
    expected = SKP_TRANSITIONS.get((status, step))
    if expected is None:
        with pytest.raises(ConflictError):
            next_skp_status(status, step)
    else:
        assert next_skp_status(status, step) is expected


@pytest.mark.parametrize(
    ("period", "periods", "share"),
    [
        (PeriodType.MONTHLY, 1, 1.0),
        (PeriodType.MONTHLY, 12, 12.0),
        (PeriodType.QUARTERLY, 1, 3.0),
        (PeriodType.SEMESTER, 1, 6.0),
        (PeriodType.MONTHLY, 99, 12.0),
        (PeriodType.MONTHLY, -1, 0.0),
    ],
)
def test_period_target(period: PeriodType, periods: int, share: float) -> None:
    assert period_target(12, period, periods) == pytest.approx(share)


def test_work_modes_and_mismatch() -> None:
    assert WorkMode.WFH.is_remote and WorkMode.WFA.is_remote and not WorkMode.DINAS_LUAR.is_remote
    assert WorkMode.WFO.is_on_site and not WorkMode.WFH.is_on_site
    assert not mode_mismatch(None, WorkMode.WFH)
    assert not mode_mismatch(PlannedDay(), WorkMode.WFH)
    assert not mode_mismatch(PlannedDay(WorkMode.WFH), WorkMode.WFH)
    assert mode_mismatch(PlannedDay(WorkMode.WFO), WorkMode.WFH)
    assert PlannedDay(leave="Sakit").is_leave and not PlannedDay(WorkMode.WFO).is_leave


def test_national_calendar() -> None:
    cal = NationalCalendar()
    assert not cal.is_working_day(date(2026, 8, 17))  # Hari Kemerdekaan
    assert cal.holiday_name(date(2026, 8, 17))
    assert not cal.is_working_day(date(2026, 3, 7))  # a Saturday
    assert cal.is_working_day(date(2026, 3, 4)) and cal.holiday_name(date(2026, 3, 4)) is None
    # November 2026 has 21 weekdays and no holiday
    assert count_working_days(cal, date(2026, 11, 1), date(2026, 11, 30)) == 21
    assert count_working_days(cal, date(2026, 8, 2), date(2026, 8, 1)) == 0


class _Weekdays:
    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5

    def holiday_name(self, day: date) -> str | None:
        return None


def _days(start: date, n: int, hours: float, mode: WorkMode = WorkMode.WFO) -> list[LoggedDay]:
    return [LoggedDay(start + timedelta(i), round(hours * 60), frozenset({mode})) for i in range(n)]


MONDAY = date(2026, 3, 2)


def test_weekly_hours_and_runs() -> None:
    days = _days(MONDAY, 5, 8) + _days(MONDAY + timedelta(7), 2, 7.5)
    assert weekly_hours(days) == {MONDAY: 40.0, MONDAY + timedelta(7): 15.0}
    runs = consecutive_runs([MONDAY, MONDAY + timedelta(1), MONDAY + timedelta(3), MONDAY])
    assert runs == [(MONDAY, MONDAY + timedelta(1)), (MONDAY + timedelta(3), MONDAY + timedelta(3))]


def test_a_normal_week_raises_no_signal() -> None:
    friday = LoggedDay(MONDAY + timedelta(4), 450, frozenset({WorkMode.WFH}))
    week = [*_days(MONDAY, 4, 7.5), friday]
    assert wellbeing_signals(week, _Weekdays()) == []


def test_over_hours_signal_uses_the_threshold() -> None:
    week = _days(MONDAY, 5, 8)  # 40 h
    (sig,) = wellbeing_signals(week, _Weekdays())
    assert sig.kind is SignalKind.OVER_HOURS and "40,0 jam" in sig.message
    assert "40.0 hours" in sig.message_en and sig.days == (MONDAY,)
    assert wellbeing_signals(week, _Weekdays(), WellbeingThresholds(weekly_hours=40)) == []


def test_no_rest_and_weekend_signals() -> None:
    days = _days(MONDAY, 8, 4)  # Monday to the next Monday, weekend included
    kinds = {s.kind: s for s in wellbeing_signals(days, _Weekdays())}
    assert set(kinds) == {SignalKind.NO_REST, SignalKind.NON_WORKING_DAY}
    assert "8 hari berturut-turut" in kinds[SignalKind.NO_REST].message
    assert kinds[SignalKind.NON_WORKING_DAY].days == (MONDAY + timedelta(5), MONDAY + timedelta(6))
    assert "akhir pekan" in kinds[SignalKind.NON_WORKING_DAY].message
    relaxed = WellbeingThresholds(max_consecutive_days=8)
    assert {s.kind for s in wellbeing_signals(days, _Weekdays(), relaxed)} == {
        SignalKind.NON_WORKING_DAY
    }


def test_holiday_and_leave_signals_name_the_day() -> None:
    days = [
        LoggedDay(date(2026, 8, 17), 120, frozenset({WorkMode.WFO})),
        LoggedDay(date(2026, 8, 18), 120, frozenset({WorkMode.WFO}), leave="Cuti tahunan"),
    ]
    (sig,) = wellbeing_signals(days, NationalCalendar())
    assert sig.kind is SignalKind.NON_WORKING_DAY and sig.days == (
        date(2026, 8, 17),
        date(2026, 8, 18),
    )
    assert "Cuti tahunan" in sig.message and "17/8" in sig.message


def test_remote_balance_signal() -> None:
    days = _days(MONDAY, 2, 7, WorkMode.WFH) + _days(MONDAY + timedelta(2), 1, 7, WorkMode.WFA)
    days += _days(MONDAY + timedelta(3), 2, 7, WorkMode.WFO)  # 3 of 5 days away
    (sig,) = wellbeing_signals(days, _Weekdays())
    assert sig.kind is SignalKind.REMOTE_BALANCE and "60%" in sig.message and "40%" in sig.message
    assert wellbeing_signals(days, _Weekdays(), WellbeingThresholds(max_remote_share=0.6)) == []
    # dinas luar is neither side of the balance
    travel = _days(MONDAY, 5, 7, WorkMode.DINAS_LUAR)
    assert wellbeing_signals(travel, _Weekdays()) == []
