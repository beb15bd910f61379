"""Who may see, rate and comment on whose evaluation (rules on top of the matrix).

PermenPANRB 6/2022: the Pejabat Penilai Kinerja is the employee's direct supervisor; the
Atasan Pejabat Penilai Kinerja is that supervisor's own supervisor. FlexDesk lets the office
admin act in the atasan's place (e.g. when the supervisor is away or the head of office has
no supervisor in the system) only when the office setting ``evaluation_admin_as_atasan`` says
so; the events record that the admin acted as atasan.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from flexdesk.db.models import Employee
from flexdesk.db.models_evaluation import Evaluation
from flexdesk.domain.evaluation import EvaluationStatus
from flexdesk.errors import NotFound, PermissionDenied
from flexdesk.services.office import get_setting
from flexdesk.services.permissions import Action, Actor, Role, require
from flexdesk.services.staff_scope import display_name, get_employee_row

AS_SUPERVISOR: Final = "supervisor"
AS_ADMIN_ATASAN: Final = "admin_atasan"
AS_EMPLOYEE: Final = "employee"
AS_ADMIN: Final = "admin"


def admin_may_rate(session: Session) -> bool:
    """Whether the office lets the admin rate as atasan (``evaluation_admin_as_atasan``)."""
    return bool(get_setting(session, "evaluation_admin_as_atasan"))


def get_evaluation_row(session: Session, evaluation_id: str) -> Evaluation:
    """The evaluation's row; NotFound when it does not exist."""
    ev = session.get(Evaluation, evaluation_id)
    if ev is None:
        raise NotFound("Evaluasi kinerja tidak ditemukan.", message_en="Evaluation not found.")
    return ev


def rater_role(
    session: Session, actor: Actor, emp: Employee, *, admin_rates: bool | None = None
) -> str | None:
    """How ``actor`` may rate ``emp`` ("supervisor", "admin_atasan"), or None.

    ``admin_rates``: the ``evaluation_admin_as_atasan`` setting when the caller has read it.
    """
    if actor.employee_id is not None and actor.employee_id == emp.id:
        return None
    # the direct supervisor, whatever the account's role (an admin account may belong to a
    # head of section); the role itself must still allow the action (require())
    if (
        actor.role is not Role.EMPLOYEE
        and actor.employee_id is not None
        and emp.supervisor_id == actor.employee_id
    ):
        return AS_SUPERVISOR
    if actor.role is Role.ADMIN:
        allowed = admin_may_rate(session) if admin_rates is None else admin_rates
        return AS_ADMIN_ATASAN if allowed else None
    return None


def require_rater(session: Session, actor: Actor, employee_id: str, action: Action) -> str:
    """Only the direct supervisor rates (or the admin as atasan when allowed); never oneself.

    Returns the role the actor acts in, for the event record.
    """
    require(actor, action)
    emp = get_employee_row(session, employee_id)
    role = rater_role(session, actor, emp)
    if role is not None:
        return role
    name = display_name(emp)
    if actor.employee_id is not None and actor.employee_id == emp.id:
        raise PermissionDenied(
            "Anda tidak dapat menilai kinerja Anda sendiri; itu tugas atasan langsung Anda "
            "(Pejabat Penilai Kinerja).",
            message_en="You cannot rate your own performance; your direct supervisor (the "
            "Pejabat Penilai Kinerja) does that.",
        )
    if actor.role is Role.ADMIN:
        raise PermissionDenied(
            f"Admin hanya dapat menilai {name} sebagai Atasan Pejabat Penilai Kinerja bila "
            "pengaturan kantor mengizinkannya (Pengaturan › Evaluasi kinerja). Penilaian "
            "adalah tugas atasan langsungnya.",
            message_en=f"The admin may rate {name} as Atasan Pejabat Penilai Kinerja only "
            "when the office setting allows it (Settings › Performance evaluation). Rating is "
            "the direct supervisor's task.",
        )
    raise PermissionDenied(
        f"Anda bukan atasan langsung {name}; hanya Pejabat Penilai Kinerja (atasan langsung) "
        "yang dapat menilai, menetapkan atau membuka kembali evaluasinya.",
        message_en=f"You are not the direct supervisor of {name}; only the Pejabat Penilai "
        "Kinerja (direct supervisor) may rate, finalise or reopen their evaluation.",
    )


def can_view(actor: Actor, emp: Employee, status: EvaluationStatus) -> bool:
    """The admin sees every evaluation, a supervisor their direct staff's, an employee their
    own once it is no longer a draft."""
    if actor.role is Role.ADMIN:
        return True
    if actor.employee_id is not None and emp.id == actor.employee_id:
        return status is not EvaluationStatus.DRAFT
    return actor.role is Role.SUPERVISOR and emp.supervisor_id == actor.employee_id


def require_viewer(session: Session, actor: Actor, ev: Evaluation, action: Action) -> Employee:
    """The evaluated employee when the actor may see (or print) the evaluation; else
    PermissionDenied saying who may."""
    require(actor, action)
    emp = get_employee_row(session, ev.employee_id)
    if can_view(actor, emp, EvaluationStatus(ev.status)):
        return emp
    if actor.employee_id == emp.id:
        raise PermissionDenied(
            "Evaluasi ini masih draf; Anda dapat melihatnya setelah atasan membagikannya.",
            message_en="This evaluation is still a draft; you can see it once your supervisor "
            "shares it.",
        )
    raise PermissionDenied(
        f"Anda tidak berwenang melihat evaluasi kinerja {display_name(emp)}: hanya pegawai "
        "itu (setelah dibagikan), atasan langsungnya dan admin.",
        message_en=f"You may not see the evaluation of {display_name(emp)}: only the "
        "employee (once shared), their direct supervisor and the admin may.",
    )


def commenter_role(actor: Actor, emp: Employee) -> str | None:
    """How ``actor`` may comment on ``emp``'s evaluation ("employee", or "admin" typing it in on
    their behalf), or None."""
    if actor.employee_id is not None and actor.employee_id == emp.id:
        return AS_EMPLOYEE
    if actor.role is Role.ADMIN:
        return AS_ADMIN
    return None


def require_commenter(session: Session, actor: Actor, ev: Evaluation) -> str:
    """The role the actor comments in; PermissionDenied for anyone but the evaluated employee
    (or the admin), and for the employee while it is a draft."""
    require(actor, Action.EVALUATION_COMMENT)
    emp = get_employee_row(session, ev.employee_id)
    role = commenter_role(actor, emp)
    if role is None:
        raise PermissionDenied(
            f"Tanggapan atas evaluasi hanya diberikan oleh pegawai yang dinilai "
            f"({display_name(emp)}).",
            message_en=f"Only the evaluated employee ({display_name(emp)}) may comment on the "
            "evaluation.",
        )
    if role == AS_EMPLOYEE and EvaluationStatus(ev.status) is EvaluationStatus.DRAFT:
        raise PermissionDenied(
            "Evaluasi ini masih draf; Anda dapat menanggapinya setelah atasan membagikannya.",
            message_en="This evaluation is still a draft; you can comment once your "
            "supervisor shares it.",
        )
    return role


def scope_employees(actor: Actor) -> Select[Employee]:
    """The employees whose rows may appear in the actor's evaluation list."""
    query = select(Employee).where(Employee.active.is_(True))
    if actor.role is Role.ADMIN:
        return query
    if actor.employee_id is None:
        return query.where(Employee.id.is_(None))
    if actor.role is Role.SUPERVISOR:
        return query.where(
            or_(Employee.id == actor.employee_id, Employee.supervisor_id == actor.employee_id)
        )
    return query.where(Employee.id == actor.employee_id)
