"""Whose SKP and output log an actor may see, write or review (rules on top of the matrix).

- see: an employee their own; a supervisor their own and their direct staff's (employees whose
  ``supervisor_id`` is them); the admin everyone's;
- write (draft an SKP, log outputs): only one's own; the admin on anyone's behalf;
- review (approve an SKP, accept/return log entries): a supervisor for their direct staff,
  never for themself; the admin on behalf of any supervisor.
"""

from __future__ import annotations

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from flexdesk.db.models import Employee
from flexdesk.domain.people import full_name
from flexdesk.errors import NotFound, PermissionDenied
from flexdesk.services.permissions import Action, Actor, Role, require


def visible_employees(actor: Actor) -> Select[str] | None:
    """Ids of the employees whose records ``actor`` may see (None: everyone)."""
    if actor.role is Role.ADMIN:
        return None
    if actor.employee_id is None:
        return select(Employee.id).where(Employee.id.is_(None))
    if actor.role is Role.SUPERVISOR:
        return select(Employee.id).where(
            or_(Employee.id == actor.employee_id, Employee.supervisor_id == actor.employee_id)
        )
    return select(Employee.id).where(Employee.id == actor.employee_id)


def get_employee_row(session: Session, employee_id: str) -> Employee:
    """The employee row, or NotFound."""
    emp = session.get(Employee, employee_id)
    if emp is None:
        raise NotFound("Pegawai tidak ditemukan.", message_en="Employee not found.")
    return emp


def display_name(emp: Employee) -> str:
    """The employee's name with gelar depan and belakang, as printed."""
    return full_name(emp.gelar_depan, emp.nama, emp.gelar_belakang)


def require_view(session: Session, actor: Actor, employee_id: str, action: Action) -> Employee:
    """The employee, if the actor may see their records for ``action``: admins everyone, supervisors their direct staff, employees themselves; PermissionDenied otherwise."""
    require(actor, action)
    emp = get_employee_row(session, employee_id)
    if actor.role is Role.ADMIN or employee_id == actor.employee_id:
        return emp
    if actor.role is Role.SUPERVISOR and emp.supervisor_id == actor.employee_id:
        return emp
    raise PermissionDenied(
        f"Anda tidak berwenang melihat data kinerja {display_name(emp)}: hanya pegawai itu, "
        "atasan langsungnya dan admin.",
        message_en=f"You may not see the performance data of {display_name(emp)}: only the "
        "employee, their direct supervisor and the admin may.",
    )


def require_own(session: Session, actor: Actor, employee_id: str, action: Action) -> Employee:
    """The employee writes their own records; the admin may act on their behalf."""
    require(actor, action)
    emp = get_employee_row(session, employee_id)
    if actor.role is Role.ADMIN or employee_id == actor.employee_id:
        return emp
    raise PermissionDenied(
        f"Anda hanya dapat mengisi SKP dan log output Anda sendiri, bukan milik "
        f"{display_name(emp)}.",
        message_en=f"You may fill in only your own SKP and output log, not those of "
        f"{display_name(emp)}.",
    )


def require_supervisor_of(
    session: Session, actor: Actor, employee_id: str, action: Action
) -> Employee:
    """Only the direct supervisor (or the admin on their behalf) reviews; never oneself."""
    require(actor, action)
    emp = get_employee_row(session, employee_id)
    if actor.role is Role.ADMIN:
        return emp
    if employee_id == actor.employee_id:
        raise PermissionDenied(
            "Anda tidak dapat mereviu atau menyetujui milik Anda sendiri; itu tugas atasan "
            "langsung Anda.",
            message_en="You cannot review or approve your own records; your direct supervisor "
            "does that.",
        )
    if actor.employee_id is None or emp.supervisor_id != actor.employee_id:
        raise PermissionDenied(
            f"Anda bukan atasan langsung {display_name(emp)}; hanya atasan langsung (atau "
            "admin atas namanya) yang dapat mereviu.",
            message_en=f"You are not the direct supervisor of {display_name(emp)}; only the "
            "direct supervisor (or the admin on their behalf) may review.",
        )
    return emp


def employee_choices(session: Session, actor: Actor, action: Action) -> list[tuple[str, str]]:
    """(id, name) of the active employees ``actor`` may pick for ``action``: everyone for the
    admin, the supervisor and their staff, otherwise only oneself."""
    require(actor, action)
    query = select(Employee).where(Employee.active.is_(True)).order_by(Employee.nama, Employee.id)
    writing = action in (Action.OUTPUT_LOG, Action.SKP_EDIT)
    if actor.role is not Role.ADMIN:
        if writing or actor.role is Role.EMPLOYEE:
            query = query.where(Employee.id == actor.employee_id)
        else:
            scope = visible_employees(actor)
            assert scope is not None
            query = query.where(Employee.id.in_(scope))
    return [(e.id, display_name(e)) for e in session.scalars(query)]
