"""The period workflow table and the grid's bulk-edit helpers (pattern, copy week)."""

from __future__ import annotations

from datetime import date

import pytest

from flexdesk.domain.calendar import WorkingCalendar
from flexdesk.domain.schedule import DayCode
from flexdesk.domain.schedule_workflow import (
    EDITABLE_STATUSES,
    PeriodAction,
    PeriodStatus,
    month_bounds,
    next_status,
    parse_pattern,
    pattern_days,
    previous_week_pairs,
)
from flexdesk.errors import ConflictError, ValidationError

S, A = PeriodStatus, PeriodAction
CAL = WorkingCalendar(5, years=[2026])


@pytest.mark.parametrize(
    ("status", "action", "after"),
    [
        (S.DRAFT, A.SUBMIT, S.SUBMITTED),
        (S.RETURNED, A.SUBMIT, S.SUBMITTED),
        (S.SUBMITTED, A.WITHDRAW, S.DRAFT),
        (S.SUBMITTED, A.APPROVE, S.APPROVED),
        (S.SUBMITTED, A.RETURN, S.RETURNED),
        (S.APPROVED, A.REOPEN, S.DRAFT),
        (S.DRAFT, A.AUTO_APPROVE, S.APPROVED),
    ],
)
def test_allowed_steps(status: PeriodStatus, action: PeriodAction, after: PeriodStatus) -> None:
    assert next_status(status, action) is after


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.DRAFT, A.APPROVE),
        (S.DRAFT, A.RETURN),
        (S.APPROVED, A.SUBMIT),
        (S.APPROVED, A.APPROVE),
        (S.SUBMITTED, A.REOPEN),
        (S.RETURNED, A.APPROVE),
    ],
)
def test_refused_steps_say_why(status: PeriodStatus, action: PeriodAction) -> None:
    with pytest.raises(ConflictError, match="tidak dapat"):
        next_status(status, action)


def test_only_drafts_and_returned_months_are_editable() -> None:
    assert {S.DRAFT, S.RETURNED} == EDITABLE_STATUSES


def test_month_bounds() -> None:
    assert month_bounds(2028, 2) == (date(2028, 2, 1), date(2028, 2, 29))
    with pytest.raises(ValidationError):
        month_bounds(2026, 0)


def test_patterns_parse_as_typed() -> None:
    W = DayCode.WFO
    assert parse_pattern("O O H O H") == (W, W, DayCode.WFH, W, DayCode.WFH)
    assert parse_pattern("w,a") == (W, DayCode.WFA)
    with pytest.raises(ValidationError, match="tidak dikenal"):
        parse_pattern("O X")


def test_pattern_continues_across_a_holiday() -> None:
    # 17 August 2026 (Monday) is Independence Day
    days = pattern_days(date(2026, 8, 14), date(2026, 8, 19), parse_pattern("OH"), CAL)
    assert days == [
        (date(2026, 8, 14), DayCode.WFO),
        (date(2026, 8, 18), DayCode.WFH),
        (date(2026, 8, 19), DayCode.WFO),
    ]


def test_copy_week_targets_working_days_inside_the_period() -> None:
    pairs = list(previous_week_pairs(date(2026, 8, 19), date(2026, 8, 1), date(2026, 8, 20), CAL))
    # Monday 17 (holiday) and the days after the period end are left alone
    assert pairs == [
        (date(2026, 8, 11), date(2026, 8, 18)),
        (date(2026, 8, 12), date(2026, 8, 19)),
        (date(2026, 8, 13), date(2026, 8, 20)),
    ]
