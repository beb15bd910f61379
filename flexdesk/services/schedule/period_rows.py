"""The stored monthly periods (one row per employee and month, absent until first touched):
reading a month's periods in one query with the approver's and the approving account's names,
finding or creating the rows, and the sentence refusing a change to a locked one. The
workflow steps that move a period along are in :mod:`.periods`."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from flexdesk.db.models import Employee, User
from flexdesk.db.models_schedule import SchedulePeriod
from flexdesk.domain.dates import format_bulan_tahun
from flexdesk.domain.people import full_name
from flexdesk.domain.schedule_workflow import EDITABLE_STATUSES, PERIOD_STATUS_LABELS, PeriodStatus
from flexdesk.errors import ConflictError
from flexdesk.services.schedule.data import StaffMember


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
        """A draft or returned month: its entries may change."""
        return self.status in EDITABLE_STATUSES

    def status_label(self, lang: str = "id") -> str:
        """The status as the period bar shows it, in ``lang``."""
        label_id, label_en = PERIOD_STATUS_LABELS[self.status]
        return label_en if lang == "en" else label_id


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
    """One employee's month (a draft when never touched)."""
    return load_periods(session, year, month, [employee_id]).get(
        employee_id, PeriodInfo(employee_id, year, month)
    )


def find_period_row(
    session: Session, employee_id: str, year: int, month: int
) -> SchedulePeriod | None:
    """The stored period row of one employee's month, if there is one."""
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
