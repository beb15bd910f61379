"""Reading evaluations: the periods to choose from, the list of the staff with their evaluation
for a period, and one evaluation in full with what the actor may do with it."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.models import Employee, WorkUnit
from flexdesk.db.models_evaluation import Evaluation
from flexdesk.domain.evaluation import EvaluationStatus
from flexdesk.services.evaluation.access import (
    admin_may_rate,
    commenter_role,
    get_evaluation_row,
    rater_role,
    require_viewer,
    scope_employees,
)
from flexdesk.services.evaluation.detail import DetailCache, build_detail
from flexdesk.services.evaluation.rows import predikat_or_none, rating_or_none
from flexdesk.services.evaluation.settings import office_period_type
from flexdesk.services.evaluation.types import EvaluationDetail, EvaluationSummary, PeriodRef
from flexdesk.services.permissions import Action, Actor, Role, require
from flexdesk.services.staff_scope import display_name


def detail_for(
    session: Session,
    actor: Actor,
    ev: Evaluation,
    emp: Employee,
    *,
    cache: DetailCache | None = None,
    admin_rates: bool | None = None,
) -> EvaluationDetail:
    """The evaluation in full, with the buttons the actor may use (rate, comment) settled."""
    return build_detail(
        session,
        ev,
        emp,
        cache=cache,
        can_rate=rater_role(session, actor, emp, admin_rates=admin_rates) is not None
        and actor.can(Action.EVALUATION_RATE),
        can_comment=commenter_role(actor, emp) is not None and actor.can(Action.EVALUATION_COMMENT),
    )


def period_choices(session: Session, actor: Actor, year: int) -> list[PeriodRef]:
    """The periods of ``year`` by the office's evaluation period setting, then the annual one.

    Action: ``evaluation.view``.
    """
    require(actor, Action.EVALUATION_VIEW)
    ptype = office_period_type(session)
    periods = [PeriodRef(year, ptype, i) for i in range(1, ptype.periods_per_year + 1)]
    return [*periods, PeriodRef.annual(year)]


def _period_evaluations(
    session: Session, employee_ids: list[str], period: PeriodRef
) -> dict[str, Evaluation]:
    """employee id -> their evaluation for ``period`` (those who have one)."""
    if not employee_ids:
        return {}
    return {
        ev.employee_id: ev
        for ev in session.scalars(
            select(Evaluation).where(
                Evaluation.employee_id.in_(employee_ids),
                Evaluation.year == period.year,
                Evaluation.period_type == period.period_type.value,
                Evaluation.period_index == period.index,
            )
        )
    }


def _supervisor_names(session: Session, staff: Sequence[Employee]) -> dict[str, str]:
    sup_ids = {e.supervisor_id for e in staff if e.supervisor_id}
    if not sup_ids:
        return {}
    return {
        e.id: display_name(e)
        for e in session.scalars(select(Employee).where(Employee.id.in_(sup_ids)))
    }


def _listed(
    actor: Actor,
    emp: Employee,
    ev_status: EvaluationStatus | None,
    status: EvaluationStatus | None,
    include_not_started: bool,
) -> bool:
    """Whether the employee's row belongs in the list (visibility, then the filters)."""
    own = actor.employee_id is not None and emp.id == actor.employee_id
    # one's own evaluation shows once it is shared; nothing to start for oneself
    if (
        own
        and actor.role is not Role.ADMIN
        and (ev_status is None or ev_status is EvaluationStatus.DRAFT)
    ):
        return False
    if status is not None and ev_status is not status:
        return False
    return not (ev_status is None and (status is not None or not include_not_started))


def _summary(
    emp: Employee,
    ev: Evaluation | None,
    period: PeriodRef,
    *,
    label: str,
    unit_name: str,
    supervisor_name: str,
    can_rate: bool,
) -> EvaluationSummary:
    return EvaluationSummary(
        employee_id=emp.id,
        employee_name=display_name(emp),
        nip=emp.nip or "",
        jabatan=emp.jabatan,
        unit_id=emp.unit_id,
        unit_name=unit_name,
        supervisor_name=supervisor_name,
        period=period,
        period_label=label,
        evaluation_id=ev.id if ev else None,
        status=EvaluationStatus(ev.status) if ev is not None else None,
        rating_hasil_kerja=rating_or_none(ev.rating_hasil_kerja) if ev else None,
        rating_perilaku=rating_or_none(ev.rating_perilaku) if ev else None,
        predikat=predikat_or_none(ev.predikat) if ev else None,
        has_comment=bool(ev and ev.employee_comment.strip()),
        updated_at=ev.updated_at if ev else None,
        can_rate=can_rate,
    )


def list_evaluations(
    session: Session,
    actor: Actor,
    period: PeriodRef,
    *,
    unit_id: str | None = None,
    status: EvaluationStatus | None = None,
    include_not_started: bool = True,
) -> list[EvaluationSummary]:
    """The employees the actor may see, each with their evaluation for ``period``.

    Admin: every active employee; supervisor: their direct staff and themself (their own row
    only once it is shared); employee: only themself, once shared. Filter by ``unit_id`` and
    ``status``; with a ``status`` filter (or ``include_not_started=False``) employees without
    an evaluation are left out. Ordered by unit, then name. Action: ``evaluation.view``.
    """
    require(actor, Action.EVALUATION_VIEW)
    query = scope_employees(actor)
    if unit_id is not None:
        query = query.where(Employee.unit_id == unit_id)
    staff = list(session.scalars(query))
    found = _period_evaluations(session, [e.id for e in staff], period)
    units = {uid: name for uid, name in session.execute(select(WorkUnit.id, WorkUnit.name))}
    supervisors = _supervisor_names(session, staff)
    label = period.label()
    admin_rates = actor.role is Role.ADMIN and admin_may_rate(session)
    rows: list[EvaluationSummary] = []
    for emp in staff:
        ev = found.get(emp.id)
        ev_status = EvaluationStatus(ev.status) if ev is not None else None
        if not _listed(actor, emp, ev_status, status, include_not_started):
            continue
        may_rate = actor.can(Action.EVALUATION_RATE) and (
            rater_role(session, actor, emp, admin_rates=admin_rates) is not None
        )
        rows.append(
            _summary(
                emp,
                ev,
                period,
                label=label,
                unit_name=units.get(emp.unit_id or "", ""),
                supervisor_name=supervisors.get(emp.supervisor_id or "", ""),
                can_rate=may_rate,
            )
        )
    rows.sort(key=lambda r: (r.unit_name == "", r.unit_name.casefold(), r.employee_name.casefold()))
    return rows


def get_evaluation(session: Session, actor: Actor, evaluation_id: str) -> EvaluationDetail:
    """The whole evaluation for the form editor. Action: ``evaluation.view`` (+ record rule).

    NotFound when it does not exist; PermissionDenied when the actor may not see it (an
    employee before it is shared).
    """
    ev = get_evaluation_row(session, evaluation_id)
    emp = require_viewer(session, actor, ev, Action.EVALUATION_VIEW)
    return detail_for(session, actor, ev, emp)
