"""Starting a year's SKP from the employee's most recent earlier one: RHK, indicators and
targets are copied into an empty draft; a link to the supervisor's RHK is kept where the
supervisor's SKP of the new year has an RHK of the same wording."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from flexdesk.db.models_outputs import Rhk, RhkIndicator, Skp
from flexdesk.domain.outputs import SkpStatus
from flexdesk.errors import ConflictError, NotFound
from flexdesk.services.outputs.skp_checks import check_year
from flexdesk.services.outputs.skp_query import find_skp, skp_detail, supervisor_rhk
from flexdesk.services.outputs.skp_types import CopyResult
from flexdesk.services.permissions import Action, Actor
from flexdesk.services.staff_scope import require_own


def _source(session: Session, employee_id: str, year: int) -> Skp:
    """The most recent earlier SKP that has RHK; NotFound when there is none."""
    source = session.scalar(
        select(Skp)
        .where(Skp.employee_id == employee_id, Skp.year < year)
        .where(Skp.id.in_(select(Rhk.skp_id)))
        .order_by(Skp.year.desc())
        .limit(1)
    )
    if source is None:
        raise NotFound(
            "Belum ada SKP tahun sebelumnya yang dapat disalin.",
            message_en="There is no earlier SKP to copy.",
        )
    return source


def _target(session: Session, employee_id: str, year: int, source: Skp) -> Skp:
    """The year's SKP to fill: the existing one if it is an empty draft (ConflictError
    otherwise), else a new draft with the source's period type."""
    target = find_skp(session, employee_id, year)
    if target is not None:
        has_rhk = session.scalar(select(func.count(Rhk.id)).where(Rhk.skp_id == target.id))
        if has_rhk or target.status != SkpStatus.DRAFT.value:
            raise ConflictError(
                f"SKP tahun {year} sudah berisi RHK; penyalinan hanya untuk SKP yang masih kosong.",
                message_en=f"The {year} SKP already has RHK; copying only fills an empty SKP.",
            )
        return target
    target = Skp(
        employee_id=employee_id,
        year=year,
        period_type=source.period_type,
        status=SkpStatus.DRAFT.value,
        review_note="",
    )
    session.add(target)
    session.flush()
    return target


def _copy_indicators(session: Session, old: Rhk, new: Rhk) -> None:
    for ind in session.scalars(
        select(RhkIndicator).where(RhkIndicator.rhk_id == old.id).order_by(RhkIndicator.position)
    ):
        session.add(
            RhkIndicator(
                rhk_id=new.id,
                position=ind.position,
                aspect=ind.aspect,
                text=ind.text,
                target_value=ind.target_value,
                target_unit=ind.target_unit,
            )
        )


def copy_previous_skp(session: Session, actor: Actor, employee_id: str, year: int) -> CopyResult:
    """Start ``year``'s SKP from the most recent earlier one: RHK, indicators and targets are
    copied into a draft; links to the supervisor's RHK are kept where the supervisor's new SKP
    has an RHK with the same wording."""
    require_own(session, actor, employee_id, Action.SKP_EDIT)
    check_year(year)
    source = _source(session, employee_id, year)
    target = _target(session, employee_id, year, source)
    new_parents = {text.casefold(): rid for rid, text in supervisor_rhk(session, employee_id, year)}
    old_rhk = list(
        session.scalars(select(Rhk).where(Rhk.skp_id == source.id).order_by(Rhk.position))
    )
    old_parent_text = {
        rid: text
        for rid, text in session.execute(
            select(Rhk.id, Rhk.text).where(
                Rhk.id.in_([r.parent_rhk_id for r in old_rhk if r.parent_rhk_id])
            )
        )
    }
    kept = dropped = 0
    for pos, old in enumerate(old_rhk, 1):
        parent = None
        if old.parent_rhk_id:
            parent = new_parents.get(old_parent_text.get(old.parent_rhk_id, "").casefold())
            kept += parent is not None
            dropped += parent is None
        new = Rhk(
            skp_id=target.id, position=pos, kind=old.kind, text=old.text, parent_rhk_id=parent
        )
        session.add(new)
        session.flush()
        _copy_indicators(session, old, new)
    session.flush()
    return CopyResult(skp_detail(session, target), len(old_rhk), kept, dropped, source.year)
