"""The approval workflow of monthly schedules: submit, withdraw, approve, return, reopen.

The steps and their order are :mod:`flexdesk.domain.schedule_workflow`; this module checks who
takes them (:mod:`flexdesk.services.schedule.access`), records each one (the latest on the
period row, every one in ``schedule_period_events``) and refuses the impossible ones with a
sentence. An approved period is locked: its entries change only after a reopen.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from flexdesk.db.base import utcnow
from flexdesk.db.models import Employee, User
from flexdesk.db.models_schedule import ScheduleEntryRow, SchedulePeriod, SchedulePeriodEvent
from flexdesk.domain.dates import format_bulan_tahun
from flexdesk.domain.people import full_name
from flexdesk.domain.schedule_workflow import (
    EDITABLE_STATUSES,
    PERIOD_STATUS_LABELS,
    PeriodAction,
    PeriodStatus,
    month_bounds,
    next_status,
)
from flexdesk.errors import ConflictError, NotFound, ValidationError
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.schedule.access import require_plan, require_review
from flexdesk.services.schedule.data import StaffMember, load_policy_history, load_staff

MAX_NOTE = 2000


@dataclass(frozen=True)
class PeriodInfo:
    """One employee's month and where it stands; a month never touched is a draft."""

    employee_id: str
    year: int
    month: int
    status: PeriodStatus = PeriodStatus.DRAFT
    note: str = ""
    submitted_at: datetime | None = None
    approved_at: datetime | None = None
    returned_at: datetime | None = None
    reopened_at: datetime | None = None
    approver_employee_id: str | None = None
    approver_name: str = ""
    approved_by: str = ""  #: the account that approved (the admin may act for the supervisor)
    policy_effective_from: date | None = None

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def status_label(self, lang: str = "id") -> str:
        label_id, label_en = PERIOD_STATUS_LABELS[self.status]
        return label_en if lang == "en" else label_id


@dataclass(frozen=True)
class PeriodEventRow:
    action: PeriodAction
    from_status: PeriodStatus
    to_status: PeriodStatus
    note: str
    by: str
    at: datetime


_Approver = aliased(Employee)
_ApprovedBy = aliased(User)


_PERIOD_COLUMNS = (
    SchedulePeriod.employee_id,
    SchedulePeriod.year,
    SchedulePeriod.month,
    SchedulePeriod.status,
    SchedulePeriod.note,
    SchedulePeriod.submitted_at,
    SchedulePeriod.approved_at,
    SchedulePeriod.returned_at,
    SchedulePeriod.reopened_at,
    SchedulePeriod.approver_employee_id,
    SchedulePeriod.policy_effective_from,
    _Approver.gelar_depan,
    _Approver.nama,
    _Approver.gelar_belakang,
    _ApprovedBy.display_name,
    _ApprovedBy.username,
)


def load_periods(
    session: Session, year: int, month: int, employee_ids: Collection[str] | None = None
) -> dict[str, PeriodInfo]:
    """The stored periods of a month by employee id (months never touched are absent)."""
    query = (
        select(*_PERIOD_COLUMNS)
        .outerjoin(_Approver, SchedulePeriod.approver_employee_id == _Approver.id)
        .outerjoin(_ApprovedBy, SchedulePeriod.approved_by_user_id == _ApprovedBy.id)
        .where(SchedulePeriod.year == year, SchedulePeriod.month == month)
    )
    if employee_ids is not None and len(employee_ids) < 400:
        query = query.where(SchedulePeriod.employee_id.in_(list(employee_ids)))
    out: dict[str, PeriodInfo] = {}
    # plain rows through the connection: a month of 500 periods, no ORM objects needed
    for row in session.connection().execute(query):
        (emp_id, y, m, status, note, submitted, approved, returned, reopened, approver_id,
         policy_from, depan, nama, belakang, by_name, by_user) = row  # fmt: skip
        out[emp_id] = PeriodInfo(
            employee_id=emp_id,
            year=y,
            month=m,
            status=PeriodStatus(status),
            note=note,
            submitted_at=submitted,
            approved_at=approved,
            returned_at=returned,
            reopened_at=reopened,
            approver_employee_id=approver_id,
            approver_name=full_name(depan, nama, belakang) if nama else "",
            approved_by=by_name or by_user or "",
            policy_effective_from=policy_from,
        )
    return out


def period_of(session: Session, employee_id: str, year: int, month: int) -> PeriodInfo:
    return load_periods(session, year, month, [employee_id]).get(
        employee_id, PeriodInfo(employee_id, year, month)
    )


def find_period_row(
    session: Session, employee_id: str, year: int, month: int
) -> SchedulePeriod | None:
    return session.scalar(
        select(SchedulePeriod).where(
            SchedulePeriod.employee_id == employee_id,
            SchedulePeriod.year == year,
            SchedulePeriod.month == month,
        )
    )


def ensure_period_rows(
    session: Session, employee_ids: Collection[str], year: int, month: int
) -> dict[str, SchedulePeriod]:
    """The period rows of ``employee_ids`` for the month, creating drafts where missing."""
    rows = {
        p.employee_id: p
        for p in session.scalars(
            select(SchedulePeriod).where(
                SchedulePeriod.year == year,
                SchedulePeriod.month == month,
                SchedulePeriod.employee_id.in_(list(employee_ids)),
            )
        )
    }
    missing = [e for e in employee_ids if e not in rows]
    for emp_id in missing:
        row = SchedulePeriod(
            employee_id=emp_id, year=year, month=month, status=PeriodStatus.DRAFT.value
        )
        session.add(row)
        rows[emp_id] = row
    if missing:
        session.flush()  # ids for the events that point at new rows
    return rows


def locked_message(member: StaffMember, info: PeriodInfo) -> ConflictError:
    """The error for a change to a period that is not a draft or returned."""
    month_id = format_bulan_tahun(info.year, info.month)
    month_en = format_bulan_tahun(info.year, info.month, "en")
    if info.status is PeriodStatus.APPROVED:
        return ConflictError(
            f"Jadwal {member.name} bulan {month_id} sudah disetujui dan terkunci; atasan "
            "langsung perlu membukanya kembali sebelum diubah.",
            message_en=f"The {month_en} schedule of {member.name} is approved and locked; "
            "the direct supervisor must reopen it before it can change.",
        )
    return ConflictError(
        f"Jadwal {member.name} bulan {month_id} sedang diajukan; tarik kembali pengajuannya "
        "(atau minta atasan mengembalikannya) sebelum diubah.",
        message_en=f"The {month_en} schedule of {member.name} is submitted; withdraw it (or ask "
        "the supervisor to return it) before changing it.",
    )


def _member(session: Session, employee_id: str) -> StaffMember:
    found = load_staff(session, ids=[employee_id])
    if not found:
        raise NotFound("Pegawai aktif tidak ditemukan.", message_en="Active employee not found.")
    return found[0]


def _clean_note(note: str, *, required: bool, what_id: str, what_en: str) -> str:
    clean = note.strip()
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
