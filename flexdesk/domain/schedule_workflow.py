"""The approval workflow of a monthly schedule, and the bulk edits of the grid.

Pure data and functions; the services enforce who may take each step.

Workflow (PermenPANRB 4/2025: the employee applies with a work plan, the head of the unit
decides). One employee's month is a *period*:

* ``draft`` -> ``submitted`` (the employee, or the admin on their behalf, submits it);
* ``submitted`` -> ``draft`` (the employee withdraws it to change something);
* ``submitted`` -> ``approved`` or ``returned`` with a note (the direct supervisor decides);
* ``returned`` -> ``submitted`` after changes;
* ``approved`` -> ``draft`` only by a *reopen* of the supervisor, with a reason (recorded).

Entries can change only while the period is ``draft`` or ``returned``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from flexdesk.domain.schedule import DayCode
from flexdesk.errors import ConflictError, ValidationError

if TYPE_CHECKING:
    from flexdesk.domain.calendar import WorkingCalendar

__all__ = [
    "EDITABLE_STATUSES",
    "PERIOD_ACTION_LABELS",
    "PERIOD_STATUS_LABELS",
    "PeriodAction",
    "PeriodStatus",
    "month_bounds",
    "next_status",
    "parse_pattern",
    "pattern_days",
    "previous_week_pairs",
]


class PeriodStatus(StrEnum):
    """Where one employee's monthly schedule stands."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


class PeriodAction(StrEnum):
    """A workflow step. ``AUTO_APPROVE`` is a submit approved at once because the policy in
    force says remote days need no supervisor approval."""

    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    APPROVE = "approve"
    RETURN = "return"
    REOPEN = "reopen"
    AUTO_APPROVE = "auto_approve"


#: (Indonesian, English) labels shown in the status bar and on exports.
PERIOD_STATUS_LABELS: dict[PeriodStatus, tuple[str, str]] = {
    PeriodStatus.DRAFT: ("Draf", "Draft"),
    PeriodStatus.SUBMITTED: ("Diajukan", "Submitted"),
    PeriodStatus.APPROVED: ("Disetujui", "Approved"),
    PeriodStatus.RETURNED: ("Dikembalikan", "Returned"),
}

PERIOD_ACTION_LABELS: dict[PeriodAction, tuple[str, str]] = {
    PeriodAction.SUBMIT: ("diajukan", "submitted"),
    PeriodAction.WITHDRAW: ("ditarik kembali", "withdrawn"),
    PeriodAction.APPROVE: ("disetujui", "approved"),
    PeriodAction.RETURN: ("dikembalikan", "returned"),
    PeriodAction.REOPEN: ("dibuka kembali", "reopened"),
    PeriodAction.AUTO_APPROVE: (
        "disetujui otomatis (kebijakan tidak mewajibkan persetujuan)",
        "approved automatically (the policy requires no approval)",
    ),
}

#: Statuses in which entries may change.
EDITABLE_STATUSES: frozenset[PeriodStatus] = frozenset({PeriodStatus.DRAFT, PeriodStatus.RETURNED})

_TRANSITIONS: dict[tuple[PeriodStatus, PeriodAction], PeriodStatus] = {
    (PeriodStatus.DRAFT, PeriodAction.SUBMIT): PeriodStatus.SUBMITTED,
    (PeriodStatus.RETURNED, PeriodAction.SUBMIT): PeriodStatus.SUBMITTED,
    (PeriodStatus.DRAFT, PeriodAction.AUTO_APPROVE): PeriodStatus.APPROVED,
    (PeriodStatus.RETURNED, PeriodAction.AUTO_APPROVE): PeriodStatus.APPROVED,
    (PeriodStatus.SUBMITTED, PeriodAction.WITHDRAW): PeriodStatus.DRAFT,
    (PeriodStatus.SUBMITTED, PeriodAction.APPROVE): PeriodStatus.APPROVED,
    (PeriodStatus.SUBMITTED, PeriodAction.RETURN): PeriodStatus.RETURNED,
    (PeriodStatus.APPROVED, PeriodAction.REOPEN): PeriodStatus.DRAFT,
}


def next_status(status: PeriodStatus, action: PeriodAction) -> PeriodStatus:
    """The status after ``action``; ConflictError (with a sentence) when it is not allowed."""
    try:
        return _TRANSITIONS[(status, action)]
    except KeyError:
        pass
    now_id, now_en = PERIOD_STATUS_LABELS[status]
    act_id, act_en = PERIOD_ACTION_LABELS[action]
    raise ConflictError(
        f"Jadwal berstatus {now_id.lower()} tidak dapat {act_id}.",
        message_en=f"A schedule that is {now_en.lower()} cannot be {act_en}.",
    )


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month; ValidationError for an impossible month."""
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        raise ValidationError(
            f"Bulan {month}/{year} tidak valid.", message_en=f"Invalid month {year}-{month:02d}."
        )
    first = date(year, month, 1)
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return first, nxt - timedelta(days=1)


def parse_pattern(text: str | Sequence[str]) -> tuple[DayCode, ...]:
    """A repeating pattern as typed ("O O H O H", "OOHOH", "O,H") into day codes.

    Raises ValidationError for an empty pattern or an unknown letter.
    """
    items = [c for c in text if c.strip() and c not in ",;/-"] if isinstance(text, str) else text
    codes = tuple(DayCode.parse(c) for c in items)
    if not codes:
        raise ValidationError(
            "Pola kosong: ketik kode seperti O O H O H.",
            message_en="Empty pattern: type codes such as O O H O H.",
            field="pattern",
        )
    return codes


def pattern_days(
    start: date, end: date, pattern: Sequence[DayCode], calendar: WorkingCalendar
) -> list[tuple[date, DayCode]]:
    """The pattern repeated over the working days of ``start``..``end`` (inclusive).

    Weekends and holidays are skipped (they stay as they are), so "O O H O H" over a week with
    a Wednesday holiday gives O O - H O and carries on where it stopped.
    """
    if start > end:
        raise ValidationError(
            "Awal rentang jatuh setelah akhirnya.", message_en="The range starts after it ends."
        )
    if not pattern:
        raise ValidationError("Pola kosong.", message_en="Empty pattern.", field="pattern")
    return [(d, pattern[i % len(pattern)]) for i, d in enumerate(calendar.working_days(start, end))]


def previous_week_pairs(
    week_start: date, first: date, last: date, calendar: WorkingCalendar
) -> Iterable[tuple[date, date]]:
    """(source, target) days for "copy the previous week" onto the week of ``week_start``.

    Targets are the week's working days inside ``first``..``last`` (the period); each takes
    the same weekday of the week before. Non-working targets are left alone, so copying never
    puts work on a holiday that the previous week did not have.
    """
    monday = week_start - timedelta(days=week_start.weekday())
    for i in range(7):
        target = monday + timedelta(days=i)
        if first <= target <= last and calendar.is_working_day(target):
            yield target - timedelta(days=7), target
