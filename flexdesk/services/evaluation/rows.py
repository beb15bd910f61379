"""Pre-filling evaluation rows and keeping them in step with the SKP, the small converters of
stored values, and the event log (internal to the evaluation services; the detail built from
these rows is :mod:`flexdesk.services.evaluation.detail`).

Realisation is pre-filled like the output recap sums it (:mod:`flexdesk.services.outputs.recap`):
accepted log entries only (PermenPANRB 6/2022 judges realisation on reviewed evidence), added
up per RHK into its kuantitas indicator. An annual evaluation adds up the realisation of the
finalised periodic evaluations of the year instead (the accepted logs of the whole year when
none is final yet); for the other aspects it takes the latest finalised periodic value.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from flexdesk.db.base import utcnow
from flexdesk.db.models_evaluation import (
    Evaluation,
    EvaluationBehaviour,
    EvaluationEvent,
    EvaluationIndicator,
    EvaluationRhk,
)
from flexdesk.db.models_outputs import OutputLog, Rhk, RhkIndicator
from flexdesk.domain.evaluation import EvaluationStatus, EvaluationStep
from flexdesk.domain.outputs import Aspect, LogStatus
from flexdesk.domain.performance import CORE_VALUES, PeriodType, Predikat, Rating
from flexdesk.services.evaluation.types import PeriodRef


def period_of(ev: Evaluation) -> PeriodRef:
    """The period the evaluation is of."""
    return PeriodRef(ev.year, PeriodType(ev.period_type), ev.period_index)


def rating_or_none(value: str | None) -> Rating | None:
    """A stored rating as a Rating (None: not rated yet)."""
    return None if value is None else Rating(value)


def predikat_or_none(value: str | None) -> Predikat | None:
    """A stored predikat as a Predikat (None: not settled yet)."""
    return None if value is None else Predikat(value)


def add_event(
    session: Session, ev: Evaluation, step: EvaluationStep, user_id: str, acting_as: str, *,
    note: str = "",
) -> None:  # fmt: skip
    """Record a step of the evaluation's history (who, acting as what, with an optional note)."""
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
