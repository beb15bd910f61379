"""Who may plan or review whose schedule (record-level rules on top of the role matrix).

* plan (``schedule.edit``): one's own month; the admin anyone's, on their behalf;
* review (``schedule.approve``): a supervisor the months of their direct staff (employees
  whose ``supervisor_id`` is them), never their own; the admin on behalf of any supervisor.
"""

from __future__ import annotations

from flexdesk.errors import PermissionDenied
from flexdesk.services.permissions import Action, Actor, Role, require
from flexdesk.services.schedule.data import StaffMember


def may_plan(actor: Actor, member: StaffMember) -> bool:
    """Whether the actor may plan ``member``'s schedule: their own, or anyone's as the admin."""
    if not actor.can(Action.SCHEDULE_EDIT):
        return False
    return actor.role is Role.ADMIN or member.id == actor.employee_id


def may_review(actor: Actor, member: StaffMember) -> bool:
    """Whether the actor may approve or return ``member``'s months: a direct supervisor (never
    for themselves) or the admin."""
    if not actor.can(Action.SCHEDULE_APPROVE):
        return False
    if actor.role is Role.ADMIN:
        return True
    return (
        actor.employee_id is not None
        and member.id != actor.employee_id
        and member.supervisor_id == actor.employee_id
    )


def require_plan(actor: Actor, member: StaffMember) -> None:
    """PermissionDenied, with the reason, unless :func:`may_plan`."""
    require(actor, Action.SCHEDULE_EDIT)
    if not may_plan(actor, member):
        raise PermissionDenied(
            f"Anda hanya dapat menyusun jadwal Anda sendiri, bukan jadwal {member.name}; "
            "admin dapat mengisinya atas nama pegawai.",
            message_en=f"You may plan only your own schedule, not that of {member.name}; the "
            "admin may fill it in on the employee's behalf.",
        )


def require_review(actor: Actor, member: StaffMember) -> None:
    """PermissionDenied, with the reason, unless :func:`may_review`."""
    require(actor, Action.SCHEDULE_APPROVE)
    if may_review(actor, member):
        return
    if member.id == actor.employee_id:
        raise PermissionDenied(
            "Anda tidak dapat menyetujui jadwal Anda sendiri; itu tugas atasan langsung Anda.",
            message_en="You cannot approve your own schedule; your direct supervisor does.",
        )
    raise PermissionDenied(
        f"Anda bukan atasan langsung {member.name}; hanya atasan langsung (atau admin atas "
        "namanya) yang dapat menyetujui, mengembalikan atau membuka kembali jadwalnya.",
        message_en=f"You are not the direct supervisor of {member.name}; only the direct "
        "supervisor (or the admin on their behalf) may approve, return or reopen it.",
    )
