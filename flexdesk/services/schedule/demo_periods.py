"""The demo's period rows and their workflow events, as dicts for a bulk insert: last month
approved by the supervisor, this month mostly submitted (one in about fifteen returned with a
note, some still drafts), next month a draft."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from flexdesk.db.base import new_uuid
from flexdesk.domain.schedule_workflow import PeriodAction, PeriodStatus
from flexdesk.services.schedule.data import StaffMember

#: PermenPANRB 4/2025 came into force on 21 April 2025
DEMO_POLICY_START = date(2025, 4, 21)

_PERIOD_COLUMNS = (
    "submitted_at",
    "submitted_by_user_id",
    "approved_at",
    "approved_by_user_id",
    "approver_employee_id",
    "returned_at",
    "returned_by_user_id",
    "reopened_at",
    "reopened_by_user_id",
    "policy_effective_from",
)


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), UTC)


def demo_period(
    rng: random.Random,
    member: StaffMember,
    when: tuple[int, int, int],
    accounts: tuple[str | None, str | None],
    *,
    first: date,
    events: list[dict[str, Any]],
) -> dict[str, Any]:
    """A period row for stage 0 (approved), 1 (mostly submitted) or 2 (draft) of ``when``
    (year, month, stage); its workflow events are appended to ``events``. ``accounts`` are
    the users who submit and who review (the admin where someone has no account)."""
    year, month, stage = when
    submitter, reviewer = accounts
    period_id = new_uuid()
    row: dict[str, Any] = dict.fromkeys(_PERIOD_COLUMNS)
    row.update(
        id=period_id,
        employee_id=member.id,
        year=year,
        month=month,
        status=PeriodStatus.DRAFT.value,
        note="",
    )
    submitted = _at(first - timedelta(days=8), 2)
    roll = rng.random()
    if stage == 2 or (stage == 1 and roll < 0.15):
        return row
    row.update(
        status=PeriodStatus.SUBMITTED.value,
        submitted_at=submitted,
        submitted_by_user_id=submitter,
    )
    _event(
        events,
        row,
        PeriodAction.SUBMIT,
        PeriodStatus.DRAFT,
        PeriodStatus.SUBMITTED,
        user_id=submitter,
        at=submitted,
    )
    if stage == 1 and roll < 0.22:
        _return(row, events, submitted, reviewer)
    if stage == 0:
        _approve(row, events, member, submitted, reviewer)
    return row


def _return(
    row: dict[str, Any], events: list[dict[str, Any]], submitted: datetime, reviewer: str | None
) -> None:
    """The supervisor sends the submitted month back a day later, with a note."""
    note = "Mohon sesuaikan hari WFH agar tidak bersamaan dengan jadwal pelayanan Kamis."
    returned = submitted + timedelta(days=1)
    row.update(status=PeriodStatus.RETURNED.value, note=note, returned_at=returned)
    row.update(returned_by_user_id=reviewer)
    _event(
        events,
        row,
        PeriodAction.RETURN,
        PeriodStatus.SUBMITTED,
        PeriodStatus.RETURNED,
        at=returned,
        note=note,
        user_id=reviewer,
    )


def _approve(
    row: dict[str, Any],
    events: list[dict[str, Any]],
    member: StaffMember,
    submitted: datetime,
    reviewer: str | None,
) -> None:
    """The supervisor approves the submitted month two days later, under the demo policy."""
    approved = submitted + timedelta(days=2)
    row.update(
        status=PeriodStatus.APPROVED.value,
        approved_at=approved,
        approved_by_user_id=reviewer,
        approver_employee_id=member.supervisor_id,
        policy_effective_from=DEMO_POLICY_START,
    )
    _event(
        events,
        row,
        PeriodAction.APPROVE,
        PeriodStatus.SUBMITTED,
        PeriodStatus.APPROVED,
        at=approved,
        user_id=reviewer,
    )


def _event(
    events: list[dict[str, Any]],
    row: dict[str, Any],
    action: PeriodAction,
    before: PeriodStatus,
    after: PeriodStatus,
    *,
    at: datetime,
    user_id: str | None = None,
    note: str = "",
) -> None:
    """Append the workflow event of ``action`` on the period ``row`` to ``events``."""
    events.append(
        {
            "period_id": row["id"],
            "action": action.value,
            "from_status": before.value,
            "to_status": after.value,
            "note": note,
            "user_id": user_id,
            "at": at,
        }
    )
