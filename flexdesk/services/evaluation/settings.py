"""The evaluation settings of the office: the periodic evaluation type, whether the admin may
rate as atasan, the organisation's result and the kurva distribusi (stored as office settings,
:mod:`flexdesk.services.office`)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from sqlalchemy.orm import Session

from flexdesk.domain.performance import (
    DEFAULT_BOUNDS,
    DistributionBound,
    OrganisationResult,
    PeriodType,
    bounds_from_data,
    bounds_to_data,
)
from flexdesk.errors import ValidationError
from flexdesk.services.evaluation.access import admin_may_rate
from flexdesk.services.evaluation.types import EvaluationSettings
from flexdesk.services.office import get_setting, set_setting
from flexdesk.services.permissions import Action, Actor, require

log = logging.getLogger(__name__)


def office_period_type(session: Session) -> PeriodType:
    """The office's periodic evaluation type (setting ``evaluation_period``; monthly default)."""
    try:
        ptype = PeriodType(str(get_setting(session, "evaluation_period")))
    except ValueError:
        return PeriodType.MONTHLY
    return PeriodType.MONTHLY if ptype is PeriodType.ANNUAL else ptype


def office_org_result(session: Session) -> OrganisationResult:
    """The organisation's result (setting ``evaluation_org_result``; Baik when unset or bad)."""
    try:
        return OrganisationResult(str(get_setting(session, "evaluation_org_result")))
    except ValueError:
        return OrganisationResult.BAIK


def distribution_curve(
    session: Session,
) -> dict[OrganisationResult, tuple[DistributionBound, ...]]:
    """The office's kurva distribusi (falls back to the regulation's seed when unset)."""
    data = get_setting(session, "evaluation_distribution_curve")
    if not isinstance(data, Mapping):
        return dict(DEFAULT_BOUNDS)
    try:
        return bounds_from_data(data)
    except ValidationError:
        log.warning("the stored distribution curve is invalid; using the regulation's seed")
        return dict(DEFAULT_BOUNDS)


def evaluation_settings(session: Session, actor: Actor) -> EvaluationSettings:
    """The evaluation settings. Action: ``evaluation.view``."""
    require(actor, Action.EVALUATION_VIEW)
    return EvaluationSettings(
        period_type=office_period_type(session),
        admin_as_atasan=admin_may_rate(session),
        org_result=office_org_result(session),
        curve=distribution_curve(session),
    )


def update_evaluation_settings(
    session: Session,
    actor: Actor,
    *,
    period_type: PeriodType | None = None,
    admin_as_atasan: bool | None = None,
    org_result: OrganisationResult | None = None,
    curve: Mapping[str, Sequence[Mapping[str, object]]] | None = None,
) -> EvaluationSettings:
    """Change the evaluation settings (None: keep). ``curve`` is the
    ``bounds_to_data`` form; bad data raises ValidationError (field ``kurva_distribusi``) and
    nothing is saved. The period type must be monthly, quarterly or semester. Action:
    ``settings.edit`` (admin).
    """
    require(actor, Action.SETTINGS_EDIT)
    updates: list[tuple[str, object]] = []
    if period_type is not None:
        ptype = PeriodType(period_type)
        if ptype is PeriodType.ANNUAL:
            raise ValidationError(
                "Periode evaluasi berkala: bulanan, triwulanan atau semesteran (evaluasi "
                "tahunan selalu dilakukan).",
                message_en="The periodic evaluation is monthly, quarterly or semester (the "
                "annual evaluation always happens).",
                field="period_type",
            )
        updates.append(("evaluation_period", ptype.value))
    if admin_as_atasan is not None:
        updates.append(("evaluation_admin_as_atasan", bool(admin_as_atasan)))
    if org_result is not None:
        updates.append(("evaluation_org_result", OrganisationResult(org_result).value))
    if curve is not None:
        parsed = bounds_from_data(curve)  # ValidationError before anything is saved
        missing = [o for o in OrganisationResult if o not in parsed]
        if missing:
            raise ValidationError(
                "Kurva distribusi harus memuat batas untuk setiap hasil kinerja organisasi; "
                "belum ada: " + ", ".join(o.label for o in missing) + ".",
                message_en="The distribution curve needs bounds for every organisation "
                "result; missing: " + ", ".join(o.label_en for o in missing) + ".",
                field="kurva_distribusi",
            )
        updates.append(("evaluation_distribution_curve", bounds_to_data(parsed)))
    for key, value in updates:
        set_setting(session, actor, key, value)
    session.flush()
    return evaluation_settings(session, actor)
