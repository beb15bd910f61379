"""The predikat distribution of a unit for one period, checked against the kurva distribusi
(SE MenPANRB 3/2023): counts and warnings, never a block."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.models import Employee, WorkUnit
from flexdesk.db.models_evaluation import Evaluation
from flexdesk.domain.evaluation import EvaluationStatus
from flexdesk.domain.performance import (
    OrganisationResult,
    Predikat,
    check_distribution,
    count_predikat,
)
from flexdesk.errors import NotFound, PermissionDenied
from flexdesk.services.evaluation.settings import distribution_curve, office_org_result
from flexdesk.services.evaluation.types import DistributionReport, PeriodRef
from flexdesk.services.permissions import Action, Actor, Role, require


def _require_unit_viewer(
    session: Session, actor: Actor, unit: WorkUnit, members: list[Employee]
) -> None:
    """A supervisor sees only a unit they work in or supervise someone in (the admin: any)."""
    if actor.role is Role.ADMIN:
        return
    me = session.get(Employee, actor.employee_id) if actor.employee_id else None
    supervises = any(m.supervisor_id == actor.employee_id for m in members)
    if not supervises and (me is None or me.unit_id != unit.id):
        raise PermissionDenied(
            f"Anda hanya dapat melihat sebaran predikat unit tempat Anda bekerja atau "
            f"menilai pegawai, bukan {unit.name}.",
            message_en=f"You may see the predikat distribution only of a unit you work in "
            f"or rate staff in, not {unit.name}.",
        )


def unit_distribution(
    session: Session,
    actor: Actor,
    unit_id: str,
    period: PeriodRef,
    *,
    org_result: OrganisationResult | None = None,
    final_only: bool = False,
) -> DistributionReport:
    """Predikat counts of the unit's evaluations for ``period`` with kurva distribusi warnings.

    ``org_result`` defaults to the ``evaluation_org_result`` setting; the bounds come from the
    ``evaluation_distribution_curve`` setting (SE MenPANRB 3/2023 seed). Draft and shared
    evaluations count unless ``final_only``. Warnings never block. Action:
    ``evaluation.distribution`` (a supervisor: only a unit they work in or supervise in).
    """
    require(actor, Action.EVALUATION_DISTRIBUTION)
    unit = session.get(WorkUnit, unit_id)
    if unit is None:
        raise NotFound("Unit kerja tidak ditemukan.", message_en="Work unit not found.")
    members = list(
        session.scalars(
            select(Employee).where(Employee.unit_id == unit_id, Employee.active.is_(True))
        )
    )
    _require_unit_viewer(session, actor, unit, members)
    org = OrganisationResult(org_result) if org_result is not None else office_org_result(session)
    query = select(Evaluation.predikat).where(
        Evaluation.employee_id.in_([m.id for m in members]),
        Evaluation.year == period.year,
        Evaluation.period_type == period.period_type.value,
        Evaluation.period_index == period.index,
        Evaluation.predikat.is_not(None),
    )
    if final_only:
        query = query.where(Evaluation.status == EvaluationStatus.FINAL.value)
    values = [Predikat(p) for p in session.scalars(query) if p]
    counts = count_predikat(values)
    warnings = check_distribution(org, counts, distribution_curve(session))
    return DistributionReport(
        unit_id=unit.id,
        unit_name=unit.name,
        period=period,
        period_label=period.label(),
        org_result=org,
        counts=counts,
        rated=len(values),
        not_rated=len(members) - len(values),
        final_only=final_only,
        warnings=tuple(warnings),
    )
