"""Reading SKPs: one SKP in full, the overview of the staff's SKPs for a year, and the RHK of
the supervisor's SKP an RHK may derive from."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from flexdesk.db.models import Employee
from flexdesk.db.models_outputs import OutputLog, Rhk, RhkIndicator, Skp
from flexdesk.domain.outputs import Aspect, RhkKind, SkpStatus
from flexdesk.domain.performance import PeriodType
from flexdesk.errors import NotFound
from flexdesk.services.outputs.skp_types import IndicatorRow, RhkRow, SkpDetail, SkpSummary
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.staff_scope import (
    display_name,
    get_employee_row,
    require_view,
    visible_employees,
)


def skp_or_404(session: Session, skp_id: str) -> Skp:
    """The SKP's row; NotFound when it does not exist."""
    skp = session.get(Skp, skp_id)
    if skp is None:
        raise NotFound("SKP tidak ditemukan.", message_en="SKP not found.")
    return skp


def find_skp(session: Session, employee_id: str, year: int) -> Skp | None:
    """The employee's SKP row for ``year``, if there is one."""
    return session.scalar(select(Skp).where(Skp.employee_id == employee_id, Skp.year == year))


def _rhk_rows(session: Session, skp_id: str) -> tuple[RhkRow, ...]:
    """The SKP's RHK in order, each with its indicators, parent RHK text and log count."""
    items = list(session.scalars(select(Rhk).where(Rhk.skp_id == skp_id).order_by(Rhk.position)))
    ids = [r.id for r in items]
    indicators: dict[str, list[IndicatorRow]] = {}
    counts: dict[str, int] = {}
    parents: dict[str, str] = {}
    if ids:
        for ind in session.scalars(
            select(RhkIndicator).where(RhkIndicator.rhk_id.in_(ids)).order_by(RhkIndicator.position)
        ):
            indicators.setdefault(ind.rhk_id, []).append(
                IndicatorRow(
                    ind.id, Aspect(ind.aspect), ind.text, ind.target_value, ind.target_unit
                )
            )
        counts = {
            rid: int(n)
            for rid, n in session.execute(
                select(OutputLog.rhk_id, func.count(OutputLog.id))
                .where(OutputLog.rhk_id.in_(ids))
                .group_by(OutputLog.rhk_id)
            )
        }
        parent_ids = [r.parent_rhk_id for r in items if r.parent_rhk_id]
        if parent_ids:
            parents = {
                pid: text
                for pid, text in session.execute(
                    select(Rhk.id, Rhk.text).where(Rhk.id.in_(parent_ids))
                )
            }
    return tuple(
        RhkRow(
            id=r.id,
            position=r.position,
            kind=RhkKind(r.kind),
            text=r.text,
            parent_rhk_id=r.parent_rhk_id,
            parent_text=parents.get(r.parent_rhk_id or "", ""),
            indicators=tuple(indicators.get(r.id, [])),
            log_count=counts.get(r.id, 0),
            rev=r.rev,
        )
        for r in items
    )


def skp_detail(session: Session, skp: Skp) -> SkpDetail:
    """The SKP in full: its RHK with indicators, parent RHK texts and log counts."""
    emp = get_employee_row(session, skp.employee_id)
    sup = session.get(Employee, emp.supervisor_id) if emp.supervisor_id else None
    approver = session.get(Employee, skp.approver_employee_id) if skp.approver_employee_id else None
    return SkpDetail(
        id=skp.id,
        employee_id=emp.id,
        employee_name=display_name(emp),
        supervisor_id=sup.id if sup else None,
        supervisor_name=display_name(sup) if sup else "",
        year=skp.year,
        period_type=PeriodType(skp.period_type),
        status=SkpStatus(skp.status),
        review_note=skp.review_note,
        approver_name=display_name(approver) if approver else "",
        approved_at=skp.approved_at,
        rhk=_rhk_rows(session, skp.id),
        rev=skp.rev,
    )


def get_skp(session: Session, actor: Actor, employee_id: str, year: int) -> SkpDetail | None:
    """The employee's SKP for ``year``, or None when there is none yet."""
    require_view(session, actor, employee_id, Action.SKP_VIEW)
    skp = find_skp(session, employee_id, year)
    return None if skp is None else skp_detail(session, skp)


def get_skp_by_id(session: Session, actor: Actor, skp_id: str) -> SkpDetail:
    """The SKP with this id; NotFound when it does not exist."""
    skp = skp_or_404(session, skp_id)
    require_view(session, actor, skp.employee_id, Action.SKP_VIEW)
    return skp_detail(session, skp)


def skp_overview(session: Session, actor: Actor, year: int) -> list[SkpSummary]:
    """Every employee the actor may see with the state of their SKP for ``year``."""
    require(actor, Action.SKP_VIEW)
    query = select(Employee).where(Employee.active.is_(True)).order_by(Employee.nama)
    scope = visible_employees(actor)
    if scope is not None:
        query = query.where(Employee.id.in_(scope))
    staff = list(session.scalars(query))
    skps = {
        s.employee_id: s
        for s in session.scalars(
            select(Skp).where(Skp.year == year, Skp.employee_id.in_([e.id for e in staff]))
        )
    }
    counts = {
        sid: int(n)
        for sid, n in session.execute(
            select(Rhk.skp_id, func.count(Rhk.id))
            .where(Rhk.skp_id.in_([s.id for s in skps.values()]))
            .group_by(Rhk.skp_id)
        )
    }
    out = []
    for emp in staff:
        skp = skps.get(emp.id)
        out.append(
            SkpSummary(
                emp.id,
                display_name(emp),
                skp.id if skp else None,
                SkpStatus(skp.status) if skp else None,
                counts.get(skp.id, 0) if skp else 0,
            )
        )
    return out


def supervisor_rhk(session: Session, employee_id: str, year: int) -> list[tuple[str, str]]:
    """(id, text) of the RHK in the direct supervisor's SKP for ``year``, in their order
    (no permission check: for the checks and the copy that run after one)."""
    emp = get_employee_row(session, employee_id)
    if emp.supervisor_id is None:
        return []
    sup_skp = find_skp(session, emp.supervisor_id, year)
    if sup_skp is None:
        return []
    return [
        (r.id, r.text)
        for r in session.scalars(select(Rhk).where(Rhk.skp_id == sup_skp.id).order_by(Rhk.position))
    ]


def parent_rhk_choices(
    session: Session, actor: Actor, employee_id: str, year: int
) -> list[tuple[str, str]]:
    """(id, text) of the RHK in the direct supervisor's SKP for ``year``: what this employee's
    RHK may derive from (intervensi)."""
    require_view(session, actor, employee_id, Action.SKP_VIEW)
    return supervisor_rhk(session, employee_id, year)
