"""Reading and pre-filling evaluation rows (internal to :mod:`flexdesk.services.evaluation.service`).

Realisation is pre-filled like the output recap sums it (:mod:`flexdesk.services.outputs.recap`):
accepted log entries only (PermenPANRB 6/2022 judges realisation on reviewed evidence), added
up per RHK into its kuantitas indicator. An annual evaluation adds up the realisation of the
finalised periodic evaluations of the year instead (the accepted logs of the whole year when
none is final yet); for the other aspects it takes the latest finalised periodic value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from flexdesk.db.base import utcnow
from flexdesk.db.models import Employee, User, WorkUnit
from flexdesk.db.models_evaluation import (
    Evaluation,
    EvaluationBehaviour,
    EvaluationEvent,
    EvaluationIndicator,
    EvaluationRhk,
)
from flexdesk.db.models_outputs import OutputLog, Rhk, RhkIndicator
from flexdesk.domain.evaluation import (
    EvaluationStatus,
    EvaluationStep,
    missing_ratings,
    suggest_annual_rating,
)
from flexdesk.domain.outputs import Aspect, LogStatus, RhkKind, period_target
from flexdesk.domain.performance import (
    CORE_VALUES,
    OrganisationResult,
    PeriodType,
    Predikat,
    Rating,
)
from flexdesk.services.evaluation.types import (
    BehaviourResult,
    EvaluationDetail,
    EvaluationEventRow,
    IndicatorResult,
    PeriodicResult,
    PeriodRef,
    RhkResult,
)
from flexdesk.services.staff_scope import display_name


def period_of(ev: Evaluation) -> PeriodRef:
    return PeriodRef(ev.year, PeriodType(ev.period_type), ev.period_index)


def rating_or_none(value: str | None) -> Rating | None:
    return None if value is None else Rating(value)


def predikat_or_none(value: str | None) -> Predikat | None:
    return None if value is None else Predikat(value)


def add_event(
    session: Session, ev: Evaluation, step: EvaluationStep, user_id: str, acting_as: str, *,
    note: str = "",
) -> None:  # fmt: skip
    session.add(
        EvaluationEvent(
            evaluation_id=ev.id,
            at=utcnow(),
            step=step.value,
            user_id=user_id,
            acting_as=acting_as,
            note=note,
        )
    )


# -- pre-fill ---------------------------------------------------------------------------------


def _accepted_sums(
    session: Session, employee_id: str, rhk_ids: list[str], start: date, end: date
) -> dict[str, float]:
    if not rhk_ids:
        return {}
    return {
        rhk_id: float(qty or 0)
        for rhk_id, qty in session.execute(
            select(OutputLog.rhk_id, func.sum(OutputLog.quantity))
            .where(
                OutputLog.employee_id == employee_id,
                OutputLog.rhk_id.in_(rhk_ids),
                OutputLog.status == LogStatus.ACCEPTED.value,
                OutputLog.day >= start,
                OutputLog.day <= end,
            )
            .group_by(OutputLog.rhk_id)
        )
    }


def final_periodic(session: Session, ev: Evaluation) -> list[Evaluation]:
    """The finalised periodic evaluations of the annual evaluation's employee and year."""
    return list(
        session.scalars(
            select(Evaluation)
            .where(
                Evaluation.employee_id == ev.employee_id,
                Evaluation.year == ev.year,
                Evaluation.period_type != PeriodType.ANNUAL.value,
                Evaluation.status == EvaluationStatus.FINAL.value,
            )
            .order_by(Evaluation.start, Evaluation.period_type)
        )
    )


def _skp_items(session: Session, skp_id: str) -> tuple[list[Rhk], list[RhkIndicator]]:
    items = list(session.scalars(select(Rhk).where(Rhk.skp_id == skp_id).order_by(Rhk.position)))
    ids = [r.id for r in items]
    indicators = (
        list(
            session.scalars(
                select(RhkIndicator)
                .where(RhkIndicator.rhk_id.in_(ids))
                .order_by(RhkIndicator.rhk_id, RhkIndicator.position)
            )
        )
        if ids
        else []
    )
    return items, indicators


def prefilled_values(
    session: Session, ev: Evaluation, indicators: Iterable[RhkIndicator]
) -> dict[str, float | None]:
    """indicator id → pre-filled realisation (None where nothing is pre-filled)."""
    indicators = list(indicators)
    first_quantity: dict[str, str] = {}  # rhk id → its first kuantitas indicator
    for ind in indicators:
        if ind.aspect == Aspect.KUANTITAS.value:
            first_quantity.setdefault(ind.rhk_id, ind.id)
    out: dict[str, float | None] = {ind.id: None for ind in indicators}
    periodic = final_periodic(session, ev) if ev.period_type == PeriodType.ANNUAL.value else []
    if periodic:
        rows = session.scalars(
            select(EvaluationIndicator).where(
                EvaluationIndicator.evaluation_id.in_([p.id for p in periodic])
            )
        )
        order = {p.id: n for n, p in enumerate(periodic)}
        by_indicator: dict[str, list[tuple[int, float]]] = {}
        for row in rows:
            if row.realisasi is not None:
                by_indicator.setdefault(row.indicator_id, []).append(
                    (order[row.evaluation_id], row.realisasi)
                )
        for ind in indicators:
            values = sorted(by_indicator.get(ind.id, []))
            if not values:
                continue
            if ind.aspect == Aspect.KUANTITAS.value:
                out[ind.id] = sum(v for _n, v in values)
            else:
                out[ind.id] = values[-1][1]
        return out
    sums = _accepted_sums(session, ev.employee_id, list(first_quantity), ev.start, ev.end)
    for rhk_id, ind_id in first_quantity.items():
        out[ind_id] = sums.get(rhk_id, 0.0)
    return out


def sync_rows(session: Session, ev: Evaluation, *, refresh: bool) -> list[str]:
    """Make sure every RHK and indicator of the SKP has its rows; with ``refresh`` re-read the
    pre-filled values. Returns notes on overridden values whose pre-fill moved."""
    items, indicators = _skp_items(session, ev.skp_id)
    have_rhk = {
        r.rhk_id: r
        for r in session.scalars(select(EvaluationRhk).where(EvaluationRhk.evaluation_id == ev.id))
    }
    have_ind = {
        r.indicator_id: r
        for r in session.scalars(
            select(EvaluationIndicator).where(EvaluationIndicator.evaluation_id == ev.id)
        )
    }
    for rhk in items:
        if rhk.id not in have_rhk:
            session.add(EvaluationRhk(evaluation_id=ev.id, rhk_id=rhk.id, position=rhk.position))
        else:
            have_rhk[rhk.id].position = rhk.position
    needed = [i for i in indicators if refresh or i.id not in have_ind]
    values = prefilled_values(session, ev, needed) if needed else {}
    notes: list[str] = []
    for ind in needed:
        value = values.get(ind.id)
        row = have_ind.get(ind.id)
        if row is None:
            session.add(
                EvaluationIndicator(
                    evaluation_id=ev.id,
                    rhk_id=ind.rhk_id,
                    indicator_id=ind.id,
                    prefilled=value,
                    realisasi=value,
                    override_reason="",
                )
            )
            continue
        if row.prefilled == value:
            continue
        overridden = row.override_reason.strip() != "" and row.realisasi != row.prefilled
        if overridden:
            notes.append(f"{ind.text}: {row.prefilled} → {value}")
        else:
            row.realisasi = value
            row.override_reason = ""
        row.prefilled = value
    if not session.scalar(
        select(func.count(EvaluationBehaviour.id)).where(EvaluationBehaviour.evaluation_id == ev.id)
    ):
        for n, cv in enumerate(CORE_VALUES):
            session.add(EvaluationBehaviour(evaluation_id=ev.id, code=cv.code, position=n))
    return notes


# -- detail -----------------------------------------------------------------------------------


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
        emp = self.employees.get(employee_id or "")
        return display_name(emp) if emp else ""


def _chunks(ids: list[str], size: int = 500) -> list[list[str]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def load_cache(session: Session, evaluations: Sequence[Evaluation]) -> DetailCache:
    session.flush()
    cache = DetailCache()
    ev_ids = [e.id for e in evaluations]
    skp_ids = sorted({e.skp_id for e in evaluations})
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
    return cache


def build_detail(
    session: Session,
    ev: Evaluation,
    emp: Employee,
    *,
    can_rate: bool,
    can_comment: bool,
    cache: DetailCache | None = None,
) -> EvaluationDetail:
    if cache is None:
        cache = load_cache(session, [ev])
    items = cache.items.get(ev.skp_id, [])
    indicators = [i for r in items for i in cache.indicators.get(r.id, [])]
    rhk_rows = cache.rhk_rows.get(ev.id, {})
    ind_rows = cache.ind_rows.get(ev.id, {})
    parents = cache.parents
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
    rhk = tuple(
        RhkResult(
            rhk_id=r.id,
            position=r.position,
            kind=RhkKind(r.kind),
            text=r.text,
            parent_text=parents.get(r.parent_rhk_id or "", ""),
            umpan_balik=rhk_rows[r.id].umpan_balik if r.id in rhk_rows else "",
            indicators=tuple(by_rhk.get(r.id, [])),
        )
        for r in items
    )
    stored = cache.behaviours.get(ev.id, {})
    behaviours = tuple(
        BehaviourResult(
            code=cv.code,
            name=cv.name,
            indicators=cv.indicators,
            ekspektasi_khusus=stored[cv.code].ekspektasi_khusus if cv.code in stored else "",
            umpan_balik=stored[cv.code].umpan_balik if cv.code in stored else "",
        )
        for cv in CORE_VALUES
    )
    events = tuple(
        EvaluationEventRow(
            at=e.at,
            step=EvaluationStep(e.step),
            actor_name=cache.users.get(e.user_id or "", ""),
            acting_as=e.acting_as,
            note=e.note,
        )
        for e in cache.events.get(ev.id, [])
    )
    periodic: tuple[PeriodicResult, ...] = ()
    suggested_h = suggested_p = None
    if ptype is PeriodType.ANNUAL:
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
        suggested_h = suggest_annual_rating([p.rating_hasil_kerja for p in final])
        suggested_p = suggest_annual_rating([p.rating_perilaku for p in final])
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
        rhk=rhk,
        behaviours=behaviours,
        events=events,
        periodic=periodic,
        suggested_hasil_kerja=suggested_h,
        suggested_perilaku=suggested_p,
        missing=missing,
        can_edit=can_rate and editable,
        can_share=can_rate and status is EvaluationStatus.DRAFT,
        can_comment=can_comment and status is EvaluationStatus.SHARED,
        can_finalise=can_rate and status is EvaluationStatus.SHARED and not missing,
        can_reopen=can_rate and status is EvaluationStatus.FINAL,
    )
