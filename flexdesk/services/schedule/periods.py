"""The approval workflow of monthly schedules: submit, withdraw, approve, return, reopen.

The steps and their order are :mod:`flexdesk.domain.schedule_workflow`; this module checks who
takes them (:mod:`flexdesk.services.schedule.access`), records each one (the latest on the
period row, every one in ``schedule_period_events``) and refuses the impossible ones with a
sentence. An approved period is locked: its entries change only after a reopen. Reading and
creating the period rows is :mod:`.period_rows`, imported back here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from flexdesk.db.base import utcnow
from flexdesk.db.models import User
from flexdesk.db.models_schedule import ScheduleEntryRow, SchedulePeriod, SchedulePeriodEvent
from flexdesk.domain.dates import format_bulan_tahun
from flexdesk.domain.schedule_workflow import PeriodAction, PeriodStatus, month_bounds, next_status
from flexdesk.errors import ConflictError, NotFound, ValidationError
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.schedule.access import require_plan, require_review
from flexdesk.services.schedule.data import StaffMember, load_policy_history, load_staff
from flexdesk.services.schedule.period_rows import (
    PeriodInfo,
    ensure_period_rows,
    find_period_row,
    load_periods,
    locked_message,
    period_of,
)
from flexdesk.services.validation import clean_text

__all__ = [
    "MAX_NOTE",
    "PeriodEventRow",
    "PeriodInfo",
    "approve_period",
    "approve_periods",
    "ensure_period_rows",
    "find_period_row",
    "load_periods",
    "locked_message",
    "period_history",
    "period_info",
    "period_of",
    "reopen_period",
    "return_period",
    "submit_period",
    "withdraw_period",
]

MAX_NOTE = 2000


@dataclass(frozen=True)
class PeriodEventRow:
    """One workflow step of a month as the history dialog lists it."""

    action: PeriodAction
    from_status: PeriodStatus
    to_status: PeriodStatus
    note: str
    by: str
    at: datetime


def _member(session: Session, employee_id: str) -> StaffMember:
    found = load_staff(session, ids=[employee_id])
    if not found:
        raise NotFound("Pegawai aktif tidak ditemukan.", message_en="Active employee not found.")
    return found[0]


def _clean_note(note: str, *, required: bool, what_id: str, what_en: str) -> str:
    clean = clean_text(note, "note", None, multiline=True, label=("Catatan", "The note"))
    if required and not clean:
        raise ValidationError(f"Tuliskan {what_id}.", message_en=f"Write {what_en}.", field="note")
    if len(clean) > MAX_NOTE:
        raise ValidationError(
            f"Catatan paling panjang {MAX_NOTE} huruf.",
            message_en=f"The note is at most {MAX_NOTE} characters.",
            field="note",
        )
    return clean


def _apply(
    session: Session,
    actor: Actor,
    row: SchedulePeriod,
    action: PeriodAction,
    note: str,
    *,
    approver_employee_id: str | None = None,
) -> None:
    before = PeriodStatus(row.status)
    after = next_status(before, action)
    now = utcnow()
    row.status = after.value
    if action in (PeriodAction.SUBMIT, PeriodAction.AUTO_APPROVE):
        row.submitted_at, row.submitted_by_user_id = now, actor.user_id
    if action in (PeriodAction.APPROVE, PeriodAction.AUTO_APPROVE):
        row.approved_at, row.approved_by_user_id = now, actor.user_id
        row.approver_employee_id = approver_employee_id
        first, _ = month_bounds(row.year, row.month)
        # the version the approval is judged under; a later policy change keeps it
        history = load_policy_history(session, [row.year])
        row.policy_effective_from = history.policy_for(first).effective_from
    if action is PeriodAction.RETURN:
        row.returned_at, row.returned_by_user_id = now, actor.user_id
    if action is PeriodAction.REOPEN:
        row.reopened_at, row.reopened_by_user_id = now, actor.user_id
        row.approved_at = row.approved_by_user_id = row.approver_employee_id = None
        row.policy_effective_from = None
    if action in (PeriodAction.RETURN, PeriodAction.REOPEN) or note:
        row.note = note
    session.add(
        SchedulePeriodEvent(
            period_id=row.id,
            action=action.value,
            from_status=before.value,
            to_status=after.value,
            note=note,
            user_id=actor.user_id,
            at=now,
        )
    )
    session.flush()


def _row(session: Session, member: StaffMember, year: int, month: int) -> SchedulePeriod:
    return ensure_period_rows(session, [member.id], year, month)[member.id]


def submit_period(
    session: Session, actor: Actor, employee_id: str, year: int, month: int, *, note: str = ""
) -> PeriodInfo:
    """The employee (or the admin on their behalf) hands the month to the supervisor.

    When the policy in force on the 1st says remote days need no approval, the period is
    approved at once (recorded as an automatic approval).
    """
    first, last = month_bounds(year, month)
    member = _member(session, employee_id)
    require_plan(actor, member)
    note = _clean_note(note, required=False, what_id="catatan", what_en="a note")
    planned = session.scalar(
        select(func.count(ScheduleEntryRow.id)).where(
            ScheduleEntryRow.employee_id == employee_id,
            ScheduleEntryRow.day >= first,
            ScheduleEntryRow.day <= last,
        )
    )
    if not planned:
        raise ValidationError(
            f"Jadwal {member.name} bulan {format_bulan_tahun(year, month)} masih kosong; isi "
            "dulu sebelum diajukan.",
            message_en=f"The {format_bulan_tahun(year, month, 'en')} schedule of {member.name} "
            "is empty; fill it in before submitting.",
        )
    row = _row(session, member, year, month)
    policy = load_policy_history(session, [year]).policy_for(first)
    action = PeriodAction.SUBMIT if policy.remote_needs_approval else PeriodAction.AUTO_APPROVE
    _apply(session, actor, row, action, note)
    return period_of(session, employee_id, year, month)


def withdraw_period(
    session: Session, actor: Actor, employee_id: str, year: int, month: int
) -> PeriodInfo:
    """The employee takes a submitted month back to change it."""
    member = _member(session, employee_id)
    require_plan(actor, member)
    _apply(session, actor, _row(session, member, year, month), PeriodAction.WITHDRAW, "")
    return period_of(session, employee_id, year, month)


def approve_period(
    session: Session, actor: Actor, employee_id: str, year: int, month: int, *, note: str = ""
) -> PeriodInfo:
    """The direct supervisor (or the admin on their behalf) approves a submitted month."""
    month_bounds(year, month)
    member = _member(session, employee_id)
    require_review(actor, member)
    note = _clean_note(note, required=False, what_id="catatan", what_en="a note")
    row = _row(session, member, year, month)
    _apply(
        session,
        actor,
        row,
        PeriodAction.APPROVE,
        note,
        approver_employee_id=member.supervisor_id or actor.employee_id,
    )
    return period_of(session, employee_id, year, month)


def approve_periods(
    session: Session, actor: Actor, employee_ids: Sequence[str], year: int, month: int
) -> list[PeriodInfo]:
    """Approve several submitted months at once, all or nothing."""
    return [approve_period(session, actor, e, year, month) for e in dict.fromkeys(employee_ids)]


def return_period(
    session: Session, actor: Actor, employee_id: str, year: int, month: int, *, note: str
) -> PeriodInfo:
    """The supervisor sends a submitted month back with a note saying what to change."""
    month_bounds(year, month)
    member = _member(session, employee_id)
    require_review(actor, member)
    note = _clean_note(
        note, required=True, what_id="apa yang perlu diubah", what_en="what needs to change"
    )
    _apply(session, actor, _row(session, member, year, month), PeriodAction.RETURN, note)
    return period_of(session, employee_id, year, month)


def reopen_period(
    session: Session, actor: Actor, employee_id: str, year: int, month: int, *, note: str
) -> PeriodInfo:
    """The supervisor unlocks an approved month (back to draft), giving the reason."""
    month_bounds(year, month)
    member = _member(session, employee_id)
    require_review(actor, member)
    note = _clean_note(
        note,
        required=True,
        what_id="alasan membuka kembali jadwal",
        what_en="why the schedule is reopened",
    )
    row = find_period_row(session, employee_id, year, month)
    if row is None or row.status != PeriodStatus.APPROVED.value:
        raise ConflictError(
            "Hanya jadwal yang sudah disetujui yang dapat dibuka kembali.",
            message_en="Only an approved schedule can be reopened.",
        )
    _apply(session, actor, row, PeriodAction.REOPEN, note)
    return period_of(session, employee_id, year, month)


def period_info(
    session: Session, actor: Actor, employee_id: str, year: int, month: int
) -> PeriodInfo:
    """Where one employee's month stands."""
    require(actor, Action.SCHEDULE_VIEW)
    month_bounds(year, month)
    return period_of(session, employee_id, year, month)


def period_history(
    session: Session, actor: Actor, employee_id: str, year: int, month: int
) -> list[PeriodEventRow]:
    """Every workflow step of the month, oldest first, with the account that took it."""
    require(actor, Action.SCHEDULE_VIEW)
    row = find_period_row(session, employee_id, year, month)
    if row is None:
        return []
    events = session.execute(
        select(SchedulePeriodEvent, User.display_name, User.username)
        .outerjoin(User, SchedulePeriodEvent.user_id == User.id)
        .where(SchedulePeriodEvent.period_id == row.id)
        .order_by(SchedulePeriodEvent.at, SchedulePeriodEvent.change_seq)
    )
    return [
        PeriodEventRow(
            PeriodAction(e.action),
            PeriodStatus(e.from_status),
            PeriodStatus(e.to_status),
            e.note,
            name or username or "",
            e.at,
        )
        for e, name, username in events
    ]
