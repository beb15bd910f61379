"""Building an :class:`EvaluationDetail` from the stored rows (internal to the evaluation
services): the RHK and indicator results with their period targets, the BerAKHLAK rows, the
event history, for an annual evaluation the periodic ones of the year, and what may be done
next.

A :class:`DetailCache` holds what building the details needs, read in a few queries, so a
unit's batch of printed forms does not run some twenty queries per form.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.models import Employee, User, WorkUnit
from flexdesk.db.models_evaluation import (
    Evaluation,
    EvaluationBehaviour,
    EvaluationEvent,
    EvaluationIndicator,
    EvaluationRhk,
)
from flexdesk.db.models_outputs import Rhk, RhkIndicator
from flexdesk.domain.evaluation import (
    EvaluationStatus,
    EvaluationStep,
    missing_ratings,
    suggest_annual_rating,
)
from flexdesk.domain.outputs import Aspect, RhkKind, period_target
from flexdesk.domain.performance import CORE_VALUES, OrganisationResult, PeriodType, Rating
from flexdesk.services.evaluation.rows import period_of, predikat_or_none, rating_or_none
from flexdesk.services.evaluation.types import (
    BehaviourResult,
    EvaluationDetail,
    EvaluationEventRow,
    IndicatorResult,
    PeriodicResult,
    RhkResult,
)
from flexdesk.services.staff_scope import display_name


@dataclass
class DetailCache:
    """What building the details of several evaluations needs, read in a few queries (a
    unit's batch of forms would otherwise run some twenty queries per form)."""

    items: dict[str, list[Rhk]] = field(default_factory=dict)  # skp id -> RHK
    indicators: dict[str, list[RhkIndicator]] = field(default_factory=dict)  # rhk id ->
    parents: dict[str, str] = field(default_factory=dict)  # rhk id -> text
    rhk_rows: dict[str, dict[str, EvaluationRhk]] = field(default_factory=dict)
    ind_rows: dict[str, dict[str, EvaluationIndicator]] = field(default_factory=dict)
    behaviours: dict[str, dict[str, EvaluationBehaviour]] = field(default_factory=dict)
    events: dict[str, list[EvaluationEvent]] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)  # user id -> name
    employees: dict[str, Employee] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)  # unit id -> name

    def name(self, employee_id: str | None) -> str:
        """The display name of a cached employee ("" when unknown or None)."""
        emp = self.employees.get(employee_id or "")
        return display_name(emp) if emp else ""


def _chunks(ids: list[str], size: int = 500) -> list[list[str]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def _load_skp_items(session: Session, cache: DetailCache, skp_ids: list[str]) -> None:
    """The RHK of the SKPs, their indicators and the texts of the supervisor RHK they derive
    from."""
    for chunk in _chunks(skp_ids):
        for rhk in session.scalars(select(Rhk).where(Rhk.skp_id.in_(chunk)).order_by(Rhk.position)):
            cache.items.setdefault(rhk.skp_id, []).append(rhk)
    rhk_ids = [r.id for items in cache.items.values() for r in items]
    for chunk in _chunks(rhk_ids):
        for ind in session.scalars(
            select(RhkIndicator)
            .where(RhkIndicator.rhk_id.in_(chunk))
            .order_by(RhkIndicator.position)
        ):
            cache.indicators.setdefault(ind.rhk_id, []).append(ind)
    parent_ids = sorted(
        {r.parent_rhk_id for i in cache.items.values() for r in i if r.parent_rhk_id}
    )
    for chunk in _chunks(parent_ids):
        cache.parents.update(
            {
                rid: text
                for rid, text in session.execute(select(Rhk.id, Rhk.text).where(Rhk.id.in_(chunk)))
            }
        )


def _load_evaluation_rows(session: Session, cache: DetailCache, ev_ids: list[str]) -> None:
    """The evaluations' RHK, indicator and BerAKHLAK rows and their events in order."""
    for chunk in _chunks(ev_ids):
        for r in session.scalars(
            select(EvaluationRhk).where(EvaluationRhk.evaluation_id.in_(chunk))
        ):
            cache.rhk_rows.setdefault(r.evaluation_id, {})[r.rhk_id] = r
        for i in session.scalars(
            select(EvaluationIndicator).where(EvaluationIndicator.evaluation_id.in_(chunk))
        ):
            cache.ind_rows.setdefault(i.evaluation_id, {})[i.indicator_id] = i
        for b in session.scalars(
            select(EvaluationBehaviour).where(EvaluationBehaviour.evaluation_id.in_(chunk))
        ):
            cache.behaviours.setdefault(b.evaluation_id, {})[b.code] = b
        for e in session.scalars(
            select(EvaluationEvent)
            .where(EvaluationEvent.evaluation_id.in_(chunk))
            .order_by(EvaluationEvent.at, EvaluationEvent.change_seq)
        ):
            cache.events.setdefault(e.evaluation_id, []).append(e)


def _load_people(session: Session, cache: DetailCache, evaluations: Sequence[Evaluation]) -> None:
    """The names of the events' users; the evaluated employees, their evaluators, atasan and
    supervisors; the unit names."""
    user_ids = sorted({e.user_id for evs in cache.events.values() for e in evs if e.user_id})
    for chunk in _chunks(user_ids):
        for uid, name, username in session.execute(
            select(User.id, User.display_name, User.username).where(User.id.in_(chunk))
        ):
            cache.users[uid] = name or username
    people = {e.employee_id for e in evaluations}
    people |= {e.evaluator_employee_id for e in evaluations if e.evaluator_employee_id}
    people |= {e.atasan_employee_id for e in evaluations if e.atasan_employee_id}
    for chunk in _chunks(sorted(people)):
        for emp in session.scalars(select(Employee).where(Employee.id.in_(chunk))):
            cache.employees[emp.id] = emp
    sup_ids = sorted(
        {e.supervisor_id for e in cache.employees.values() if e.supervisor_id}
        - set(cache.employees)
    )
    for chunk in _chunks(sup_ids):
        for emp in session.scalars(select(Employee).where(Employee.id.in_(chunk))):
            cache.employees[emp.id] = emp
    cache.units = {uid: name for uid, name in session.execute(select(WorkUnit.id, WorkUnit.name))}


def load_cache(session: Session, evaluations: Sequence[Evaluation]) -> DetailCache:
    """Everything :func:`build_detail` needs for ``evaluations`` (pending changes flushed)."""
    session.flush()
    cache = DetailCache()
    _load_skp_items(session, cache, sorted({e.skp_id for e in evaluations}))
    _load_evaluation_rows(session, cache, [e.id for e in evaluations])
    _load_people(session, cache, evaluations)
    return cache


def _rhk_results(ev: Evaluation, cache: DetailCache) -> tuple[RhkResult, ...]:
    """The RHK of the evaluation's SKP with their indicators: targets for the period, the
    pre-filled and the rated realisation, and the umpan balik."""
    items = cache.items.get(ev.skp_id, [])
    indicators = [i for r in items for i in cache.indicators.get(r.id, [])]
    rhk_rows = cache.rhk_rows.get(ev.id, {})
    ind_rows = cache.ind_rows.get(ev.id, {})
    ptype = PeriodType(ev.period_type)
    by_rhk: dict[str, list[IndicatorResult]] = {}
    for ind in indicators:
        row = ind_rows.get(ind.id)
        annual = float(ind.target_value)
        target = period_target(annual, ptype, 1) if ind.aspect == Aspect.KUANTITAS.value else annual
        by_rhk.setdefault(ind.rhk_id, []).append(
            IndicatorResult(
                indicator_id=ind.id,
                aspect=Aspect(ind.aspect),
                text=ind.text,
                annual_target=annual,
                target=target,
                target_unit=ind.target_unit,
                prefilled=row.prefilled if row else None,
                realisasi=row.realisasi if row else None,
                override_reason=row.override_reason if row else "",
            )
        )
    return tuple(
        RhkResult(
            rhk_id=r.id,
            position=r.position,
            kind=RhkKind(r.kind),
            text=r.text,
            parent_text=cache.parents.get(r.parent_rhk_id or "", ""),
            umpan_balik=rhk_rows[r.id].umpan_balik if r.id in rhk_rows else "",
            indicators=tuple(by_rhk.get(r.id, [])),
        )
        for r in items
    )


def _behaviour_results(ev: Evaluation, cache: DetailCache) -> tuple[BehaviourResult, ...]:
    stored = cache.behaviours.get(ev.id, {})
    return tuple(
        BehaviourResult(
            code=cv.code,
            name=cv.name,
            indicators=cv.indicators,
            ekspektasi_khusus=stored[cv.code].ekspektasi_khusus if cv.code in stored else "",
            umpan_balik=stored[cv.code].umpan_balik if cv.code in stored else "",
        )
        for cv in CORE_VALUES
    )


def _event_rows(ev: Evaluation, cache: DetailCache) -> tuple[EvaluationEventRow, ...]:
    return tuple(
        EvaluationEventRow(
            at=e.at,
            step=EvaluationStep(e.step),
            actor_name=cache.users.get(e.user_id or "", ""),
            acting_as=e.acting_as,
            note=e.note,
        )
        for e in cache.events.get(ev.id, [])
    )


def _periodic_results(
    session: Session, ev: Evaluation
) -> tuple[tuple[PeriodicResult, ...], Rating | None, Rating | None]:
    """For an annual evaluation: the periodic evaluations of the year, and the ratings the
    finalised ones suggest (hasil kerja, perilaku). Nothing for a periodic one."""
    if PeriodType(ev.period_type) is not PeriodType.ANNUAL:
        return (), None, None
    others = list(
        session.scalars(
            select(Evaluation)
            .where(
                Evaluation.employee_id == ev.employee_id,
                Evaluation.year == ev.year,
                Evaluation.period_type != PeriodType.ANNUAL.value,
            )
            .order_by(Evaluation.start, Evaluation.period_type)
        )
    )
    periodic = tuple(
        PeriodicResult(
            evaluation_id=o.id,
            period=period_of(o),
            period_label=period_of(o).label(),
            status=EvaluationStatus(o.status),
            rating_hasil_kerja=rating_or_none(o.rating_hasil_kerja),
            rating_perilaku=rating_or_none(o.rating_perilaku),
            predikat=predikat_or_none(o.predikat),
        )
        for o in others
    )
    final = [p for p in periodic if p.status is EvaluationStatus.FINAL]
    return (
        periodic,
        suggest_annual_rating([p.rating_hasil_kerja for p in final]),
        suggest_annual_rating([p.rating_perilaku for p in final]),
    )


def build_detail(
    session: Session,
    ev: Evaluation,
    emp: Employee,
    *,
    can_rate: bool,
    can_comment: bool,
    cache: DetailCache | None = None,
) -> EvaluationDetail:
    """The evaluation in full; ``can_rate`` / ``can_comment`` (the actor's rights) settle which
    steps it offers in its current state. Reads through ``cache`` when given."""
    if cache is None:
        cache = load_cache(session, [ev])
    periodic, suggested_h, suggested_p = _periodic_results(session, ev)
    status = EvaluationStatus(ev.status)
    hasil, perilaku = rating_or_none(ev.rating_hasil_kerja), rating_or_none(ev.rating_perilaku)
    missing = tuple(missing_ratings(hasil, perilaku))
    period = period_of(ev)
    editable = status is not EvaluationStatus.FINAL
    return EvaluationDetail(
        id=ev.id,
        employee_id=emp.id,
        employee_name=display_name(emp),
        nip=emp.nip or "",
        jabatan=emp.jabatan,
        unit_name=cache.units.get(emp.unit_id or "", ""),
        evaluator_employee_id=ev.evaluator_employee_id,
        evaluator_name=cache.name(ev.evaluator_employee_id),
        atasan_name=cache.name(ev.atasan_employee_id),
        skp_id=ev.skp_id,
        period=period,
        period_label=period.label(),
        start=ev.start,
        end=ev.end,
        status=status,
        rating_hasil_kerja=hasil,
        rating_perilaku=perilaku,
        predikat=predikat_or_none(ev.predikat),
        capaian_organisasi=(
            OrganisationResult(ev.capaian_organisasi) if ev.capaian_organisasi else None
        ),
        catatan=ev.catatan,
        employee_comment=ev.employee_comment,
        commented_at=ev.commented_at,
        shared_at=ev.shared_at,
        finalised_at=ev.finalised_at,
        rhk=_rhk_results(ev, cache),
        behaviours=_behaviour_results(ev, cache),
        events=_event_rows(ev, cache),
        periodic=periodic,
        suggested_hasil_kerja=suggested_h,
        suggested_perilaku=suggested_p,
        missing=missing,
        can_edit=can_rate and editable,
        can_share=can_rate and status is EvaluationStatus.DRAFT,
        can_comment=can_comment and status is EvaluationStatus.SHARED,
        can_finalise=can_rate and status is EvaluationStatus.SHARED and not missing,
        can_reopen=can_rate and status is EvaluationStatus.FINAL,
        rev=ev.rev,
    )
