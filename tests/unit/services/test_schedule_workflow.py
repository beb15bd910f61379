"""The approval workflow of monthly schedules: each transition, who may take it, the record."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from flexdesk.db.engine import Database
from flexdesk.domain.schedule import FlexPolicy
from flexdesk.domain.schedule_workflow import PeriodAction, PeriodStatus
from flexdesk.errors import ConflictError, PermissionDenied, ValidationError
from flexdesk.services.app import Services
from flexdesk.services.schedule import periods as schedule_periods
from flexdesk.services.schedule import policy as schedule_policy
from flexdesk.services.schedule import service as schedule
from flexdesk.services.schedule.service import CellChange
from tests.support.helpers import Staff

NOV = (2026, 11)
MON = date(2026, 11, 2)


def _plan(db: Database, staff: Staff, employee_id: str | None = None) -> None:
    who = employee_id or staff.member.id
    actor = staff.member_actor if who == staff.member.id else staff.admin
    Services(db, actor).call(
        schedule.set_entries,
        *NOV,
        [CellChange(who, MON + timedelta(days=i), "O") for i in range(5)],
    )


def test_submit_approve_is_recorded_with_who_and_the_policy_version(
    db: Database, staff: Staff
) -> None:
    _plan(db, staff)
    member = Services(db, staff.member_actor)
    info = member.call(schedule_periods.submit_period, staff.member.id, *NOV, note="Siap")
    assert info.status is PeriodStatus.SUBMITTED and info.submitted_at is not None
    approved = Services(db, staff.head_actor).call(
        schedule_periods.approve_period, staff.member.id, *NOV
    )
    assert approved.status is PeriodStatus.APPROVED
    assert approved.approver_employee_id == staff.head.id
    assert approved.approver_name == "Bambang Hermawan, S.Sos."
    assert approved.policy_effective_from is not None
    history = member.read(schedule_periods.period_history, staff.member.id, *NOV)
    assert [(e.action, e.by) for e in history] == [
        (PeriodAction.SUBMIT, staff.member_actor.display_name),
        (PeriodAction.APPROVE, staff.head_actor.display_name),
    ]
    assert history[0].note == "Siap"


def test_return_needs_a_note_and_the_employee_resubmits(db: Database, staff: Staff) -> None:
    _plan(db, staff)
    Services(db, staff.member_actor).call(schedule_periods.submit_period, staff.member.id, *NOV)
    head = Services(db, staff.head_actor)
    with pytest.raises(ValidationError, match="Tuliskan"):
        head.call(schedule_periods.return_period, staff.member.id, *NOV, note="  ")
    returned = head.call(
        schedule_periods.return_period, staff.member.id, *NOV, note="Kamis harus di kantor"
    )
    assert returned.status is PeriodStatus.RETURNED and returned.note == "Kamis harus di kantor"
    # returned is editable again, then resubmitted
    Services(db, staff.member_actor).call(
        schedule.set_entries, *NOV, [CellChange(staff.member.id, MON + timedelta(days=3), "O")]
    )
    again = Services(db, staff.member_actor).call(
        schedule_periods.submit_period, staff.member.id, *NOV
    )
    assert again.status is PeriodStatus.SUBMITTED


def test_withdraw_brings_a_submitted_month_back_to_draft(db: Database, staff: Staff) -> None:
    _plan(db, staff)
    member = Services(db, staff.member_actor)
    member.call(schedule_periods.submit_period, staff.member.id, *NOV)
    assert (
        member.call(schedule_periods.withdraw_period, staff.member.id, *NOV).status
        is PeriodStatus.DRAFT
    )
    with pytest.raises(ConflictError, match="tidak dapat ditarik"):
        member.call(schedule_periods.withdraw_period, staff.member.id, *NOV)


def test_reopen_unlocks_an_approved_month_with_a_reason(db: Database, staff: Staff) -> None:
    _plan(db, staff)
    Services(db, staff.member_actor).call(schedule_periods.submit_period, staff.member.id, *NOV)
    head = Services(db, staff.head_actor)
    head.call(schedule_periods.approve_period, staff.member.id, *NOV)
    with pytest.raises(ValidationError, match="alasan"):
        head.call(schedule_periods.reopen_period, staff.member.id, *NOV, note="")
    reopened = head.call(
        schedule_periods.reopen_period, staff.member.id, *NOV, note="Ada tugas luar mendadak"
    )
    assert reopened.status is PeriodStatus.DRAFT and reopened.reopened_at is not None
    history = head.read(schedule_periods.period_history, staff.member.id, *NOV)
    assert history[-1].action is PeriodAction.REOPEN
    assert history[-1].note == "Ada tugas luar mendadak"
    # editable again
    Services(db, staff.member_actor).call(
        schedule.set_entries, *NOV, [CellChange(staff.member.id, MON, "D", "Bandung")]
    )
    # reopening a draft is refused
    with pytest.raises(ConflictError, match="sudah disetujui"):
        head.call(schedule_periods.reopen_period, staff.member.id, *NOV, note="lagi")


@pytest.mark.parametrize(
    "step",
    [
        lambda s, e: s.call(schedule_periods.approve_period, e, *NOV),
        lambda s, e: s.call(schedule_periods.return_period, e, *NOV, note="x"),
    ],
)
def test_only_the_direct_supervisor_or_admin_reviews(db: Database, staff: Staff, step) -> None:  # type: ignore[no-untyped-def]
    _plan(db, staff)
    _plan(db, staff, staff.head.id)
    Services(db, staff.member_actor).call(schedule_periods.submit_period, staff.member.id, *NOV)
    Services(db, staff.admin).call(schedule_periods.submit_period, staff.head.id, *NOV)
    # an employee has no review right at all
    with pytest.raises(PermissionDenied, match="Pegawai tidak berwenang"):
        step(Services(db, staff.member_actor), staff.member.id)
    # a supervisor cannot review their own month
    with pytest.raises(PermissionDenied, match="sendiri"):
        step(Services(db, staff.head_actor), staff.head.id)
    # the admin may, on behalf of the supervisor
    step(Services(db, staff.admin), staff.head.id)


def test_employee_submits_only_own_month_and_never_an_empty_one(db: Database, staff: Staff) -> None:
    member = Services(db, staff.member_actor)
    with pytest.raises(ValidationError, match="masih kosong"):
        member.call(schedule_periods.submit_period, staff.member.id, *NOV)
    _plan(db, staff, staff.colleague.id)
    with pytest.raises(PermissionDenied):
        member.call(schedule_periods.submit_period, staff.colleague.id, *NOV)
    # the admin submits on the colleague's behalf (no account of their own)
    info = Services(db, staff.admin).call(schedule_periods.submit_period, staff.colleague.id, *NOV)
    assert info.status is PeriodStatus.SUBMITTED


def test_approving_twice_or_a_draft_is_refused(db: Database, staff: Staff) -> None:
    _plan(db, staff)
    head = Services(db, staff.head_actor)
    with pytest.raises(ConflictError, match="draf tidak dapat disetujui"):
        head.call(schedule_periods.approve_period, staff.member.id, *NOV)
    Services(db, staff.member_actor).call(schedule_periods.submit_period, staff.member.id, *NOV)
    head.call(schedule_periods.approve_period, staff.member.id, *NOV)
    with pytest.raises(ConflictError, match="disetujui tidak dapat disetujui"):
        head.call(schedule_periods.approve_period, staff.member.id, *NOV)


def test_no_approval_needed_approves_on_submit(db: Database, staff: Staff) -> None:
    Services(db, staff.admin).call(
        schedule_policy.save_policy_version,
        FlexPolicy(date(2026, 1, 1), remote_needs_approval=False),
    )
    _plan(db, staff)
    info = Services(db, staff.member_actor).call(
        schedule_periods.submit_period, staff.member.id, *NOV
    )
    assert info.status is PeriodStatus.APPROVED
    assert info.policy_effective_from == date(2026, 1, 1)
    history = Services(db, staff.admin).read(schedule_periods.period_history, staff.member.id, *NOV)
    assert [e.action for e in history] == [PeriodAction.AUTO_APPROVE]


def test_bulk_approval_is_all_or_nothing(db: Database, staff: Staff) -> None:
    _plan(db, staff)
    _plan(db, staff, staff.colleague.id)
    Services(db, staff.member_actor).call(schedule_periods.submit_period, staff.member.id, *NOV)
    head = Services(db, staff.head_actor)
    with pytest.raises(ConflictError):  # the colleague's month is still a draft
        head.call(schedule_periods.approve_periods, [staff.member.id, staff.colleague.id], *NOV)
    assert (
        head.read(schedule_periods.period_info, staff.member.id, *NOV).status
        is PeriodStatus.SUBMITTED
    )
