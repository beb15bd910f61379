"""Periodic and annual performance evaluations (PermenPANRB 6/2022): the use cases.

The Pejabat Penilai Kinerja (the employee's direct supervisor) starts an evaluation for a
period of the employee's approved SKP, finds the realisation of each RHK indicator pre-filled
from the accepted output logs of the period, writes umpan balik per RHK and per BerAKHLAK core
value, rates hasil kerja and perilaku kerja (the predikat follows from the official matrix),
shares it with the employee, who may comment, and finalises it (locked). Reopening a final
evaluation needs a reason and is recorded. The annual evaluation is pre-filled from the
finalised periodic ones. docs/evaluation.md explains the rules and their sources.

Who may do what (record-level, on top of :mod:`flexdesk.services.permissions`):

- rate (start, save, refresh, share), finalise, reopen: only the employee's direct supervisor;
  the admin only when the office setting ``evaluation_admin_as_atasan`` is on (acting as
  Atasan Pejabat Penilai Kinerja; the events record it). Never one's own evaluation.
- view / print: the admin every evaluation; a supervisor their direct staff's and (once
  shared) their own; an employee their own once shared.
- comment: the evaluated employee on their own shared evaluation (the admin may type it in on
  their behalf, recorded as such).

This module holds the workflow (start, save, refresh, share, comment, finalise, reopen) and
re-exports the other use cases from their modules, so callers import one module: reading
(:mod:`.reading`), printing (:mod:`.forms`), the predikat distribution (:mod:`.distribution`)
and the settings (:mod:`.settings`).

Every function takes ``(session, actor, ...)`` like the other services; the UI calls them
through ``Services.call`` / ``Services.read``. Errors are typed (:mod:`flexdesk.errors`) with
Indonesian and English messages, and a refused call changes nothing.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.base import utcnow
from flexdesk.db.models import Employee
from flexdesk.db.models_evaluation import Evaluation
from flexdesk.db.models_outputs import Skp
from flexdesk.domain.dates import format_tanggal
from flexdesk.domain.evaluation import (
    EvaluationStatus,
    EvaluationStep,
    missing_ratings,
    next_evaluation_status,
    suggest_annual_rating,
)
from flexdesk.domain.outputs import SkpStatus
from flexdesk.domain.performance import PeriodType
from flexdesk.errors import ConflictError, ValidationError
from flexdesk.services.concurrency import check_rev
from flexdesk.services.evaluation.access import (
    AS_SUPERVISOR,
    get_evaluation_row,
    require_commenter,
    require_rater,
)
from flexdesk.services.evaluation.distribution import unit_distribution
from flexdesk.services.evaluation.edit import (
    apply_changes,
    check_length,
    set_ratings,
    validate_changes,
)
from flexdesk.services.evaluation.forms import form_data, form_data_for_unit
from flexdesk.services.evaluation.reading import (
    detail_for,
    get_evaluation,
    list_evaluations,
    period_choices,
)
from flexdesk.services.evaluation.rows import (
    add_event,
    final_periodic,
    rating_or_none,
    sync_rows,
)
from flexdesk.services.evaluation.settings import (
    distribution_curve,
    evaluation_settings,
    update_evaluation_settings,
)
from flexdesk.services.evaluation.types import (
    KEEP,
    MAX_TEXT,
    BehaviourChange,
    BehaviourResult,
    DistributionReport,
    EvaluationChanges,
    EvaluationDetail,
    EvaluationEventRow,
    EvaluationSettings,
    EvaluationSummary,
    IndicatorChange,
    IndicatorResult,
    PeriodicResult,
    PeriodRef,
    RhkFeedbackChange,
    RhkResult,
)
from flexdesk.services.permissions import Action, Actor
from flexdesk.services.staff_scope import display_name, get_employee_row

__all__ = [
    "KEEP",
    "MAX_TEXT",
    "BehaviourChange",
    "BehaviourResult",
    "DistributionReport",
    "EvaluationChanges",
    "EvaluationDetail",
    "EvaluationEventRow",
    "EvaluationSettings",
    "EvaluationStatus",
    "EvaluationStep",
    "EvaluationSummary",
    "IndicatorChange",
    "IndicatorResult",
    "PeriodRef",
    "PeriodType",
    "PeriodicResult",
    "RhkFeedbackChange",
    "RhkResult",
    "comment",
    "distribution_curve",
    "evaluation_settings",
    "finalise",
    "form_data",
    "form_data_for_unit",
    "get_evaluation",
    "list_evaluations",
    "period_choices",
    "refresh_realisation",
    "reopen",
    "save_draft",
    "share",
    "start_evaluation",
    "unit_distribution",
    "update_evaluation_settings",
]


def _startable_skp(session: Session, emp: Employee, period: PeriodRef, today: date) -> Skp:
    """The approved SKP an evaluation of ``period`` starts on. ValidationError when the period
    has not begun or the SKP is missing or not approved; ConflictError when the employee
    already has an evaluation for the period."""
    name = display_name(emp)
    if period.start > today:
        raise ValidationError(
            f"Periode {period.label()} belum dimulai; evaluasinya dapat dimulai setelah "
            f"{format_tanggal(period.start)}.",
            message_en=f"The period {period.label('en')} has not begun; its evaluation can "
            f"start from {format_tanggal(period.start, 'en')}.",
            field="period",
        )
    skp = session.scalar(select(Skp).where(Skp.employee_id == emp.id, Skp.year == period.year))
    if skp is None:
        raise ValidationError(
            f"{name} belum memiliki SKP tahun {period.year}; evaluasi kinerja menilai "
            "realisasi terhadap SKP yang disepakati. Susun dan setujui SKP-nya terlebih dahulu.",
            message_en=f"{name} has no SKP for {period.year}; an evaluation rates realisation "
            "against the agreed SKP. Draft and approve the SKP first.",
            field="skp",
        )
    if skp.status != SkpStatus.APPROVED.value:
        raise ValidationError(
            f"SKP {name} tahun {period.year} belum disetujui; evaluasi hanya dapat dimulai "
            "untuk SKP yang sudah disetujui atasan.",
            message_en=f"The {period.year} SKP of {name} is not approved yet; an evaluation "
            "can start only on an approved SKP.",
            field="skp",
        )
    existing = session.scalar(
        select(Evaluation.id).where(
            Evaluation.employee_id == emp.id,
            Evaluation.year == period.year,
            Evaluation.period_type == period.period_type.value,
            Evaluation.period_index == period.index,
        )
    )
    if existing is not None:
        raise ConflictError(
            f"Evaluasi {name} untuk {period.label()} sudah ada; buka evaluasi itu.",
            message_en=f"{name} already has an evaluation for {period.label('en')}; open it.",
        )
    return skp


def _new_evaluation(
    session: Session, actor: Actor, emp: Employee, skp: Skp, period: PeriodRef
) -> Evaluation:
    """The draft row: rated by the direct supervisor, whose own supervisor is the atasan."""
    supervisor = session.get(Employee, emp.supervisor_id) if emp.supervisor_id else None
    return Evaluation(
        employee_id=emp.id,
        skp_id=skp.id,
        year=period.year,
        period_type=period.period_type.value,
        period_index=period.index,
        start=period.start,
        end=period.end,
        status=EvaluationStatus.DRAFT.value,
        capaian_organisasi="",
        catatan="",
        employee_comment="",
        evaluator_employee_id=supervisor.id if supervisor else None,
        evaluator_user_id=actor.user_id,
        atasan_employee_id=supervisor.supervisor_id if supervisor else None,
    )


def start_evaluation(
    session: Session,
    actor: Actor,
    employee_id: str,
    period: PeriodRef,
    *,
    today: date | None = None,
) -> EvaluationDetail:
    """Create the draft evaluation of ``employee_id`` for ``period``.

    Needs an **approved** SKP of the period's year (PermenPANRB 6/2022 evaluates against the
    agreed plan): no SKP, or one still a draft/submitted, raises ValidationError saying so.
    Realisation of each kuantitas indicator is pre-filled from the accepted output logs of
    the period (an annual one from the finalised periodic evaluations of the year, else the
    year's accepted logs); the seven BerAKHLAK rows are created empty. ConflictError when
    the employee already has an evaluation for the period; ValidationError for a period that
    has not begun (``today`` defaults to the current date). Action: ``evaluation.rate``
    (direct supervisor; admin only with ``evaluation_admin_as_atasan``).
    """
    acting_as = require_rater(session, actor, employee_id, Action.EVALUATION_RATE)
    emp = get_employee_row(session, employee_id)
    skp = _startable_skp(session, emp, period, today or date.today())
    ev = _new_evaluation(session, actor, emp, skp, period)
    session.add(ev)
    session.flush()
    sync_rows(session, ev, refresh=True)
    if period.is_annual:
        periodic = final_periodic(session, ev)
        hasil = suggest_annual_rating([rating_or_none(p.rating_hasil_kerja) for p in periodic])
        perilaku = suggest_annual_rating([rating_or_none(p.rating_perilaku) for p in periodic])
        set_ratings(ev, hasil, perilaku)
    add_event(session, ev, EvaluationStep.START, actor.user_id, acting_as)
    return detail_for(session, actor, ev, emp)


def save_draft(
    session: Session,
    actor: Actor,
    evaluation_id: str,
    changes: EvaluationChanges,
    *,
    expected_rev: int | None = None,
) -> EvaluationDetail:
    """Apply the supervisor's edits to a draft or shared evaluation; returns the new state.

    ValidationError (nothing changed) for: a realisation different from the pre-filled value
    without a reason (field ``reason:<indicator_id>``), a negative realisation, an unknown
    indicator/RHK/core value, text longer than 4000 characters. ConflictError on a final
    evaluation. Action: ``evaluation.rate`` (direct supervisor / admin as atasan).
    StaleEdit (nothing changed) when the form read revision ``expected_rev`` and the
    evaluation was saved since (another PC): it carries the current EvaluationDetail.
    """
    ev = get_evaluation_row(session, evaluation_id)
    acting_as = require_rater(session, actor, ev.employee_id, Action.EVALUATION_RATE)
    emp = get_employee_row(session, ev.employee_id)
    check_rev(
        session,
        ev,
        expected_rev,
        "penilaian kinerja",
        label_en="performance evaluation",
        current=lambda: detail_for(session, actor, ev, emp),
    )
    next_evaluation_status(EvaluationStatus(ev.status), EvaluationStep.SAVE)
    sync_rows(session, ev, refresh=False)  # rows for RHK added to a revised SKP
    plan = validate_changes(session, ev, changes)
    notes = apply_changes(ev, plan.changes, plan)
    if session.is_modified(ev) or any(session.is_modified(o) for o in plan.touched()):
        ev.evaluator_user_id = actor.user_id
        ev.updated_at = utcnow()  # a new revision also when only indicator rows changed
        if acting_as == AS_SUPERVISOR:
            ev.evaluator_employee_id = actor.employee_id
        add_event(session, ev, EvaluationStep.SAVE, actor.user_id, acting_as, note="\n".join(notes))
    return detail_for(session, actor, ev, emp)


def refresh_realisation(session: Session, actor: Actor, evaluation_id: str) -> EvaluationDetail:
    """Re-read the pre-filled realisation (logs accepted since the evaluation started).

    Indicators the supervisor did not override follow the new value; overridden ones keep
    their value and reason (their pre-filled figure is updated beside it). ConflictError on
    a final evaluation. Action: ``evaluation.rate``.
    """
    ev = get_evaluation_row(session, evaluation_id)
    acting_as = require_rater(session, actor, ev.employee_id, Action.EVALUATION_RATE)
    next_evaluation_status(EvaluationStatus(ev.status), EvaluationStep.REFRESH)
    emp = get_employee_row(session, ev.employee_id)
    notes = sync_rows(session, ev, refresh=True)
    add_event(session, ev, EvaluationStep.REFRESH, actor.user_id, acting_as, note="\n".join(notes))
    return detail_for(session, actor, ev, emp)


def share(session: Session, actor: Actor, evaluation_id: str) -> EvaluationDetail:
    """Draft → shared: the employee now sees it and may comment. Action: ``evaluation.rate``.

    ConflictError when it is not a draft.
    """
    ev = get_evaluation_row(session, evaluation_id)
    acting_as = require_rater(session, actor, ev.employee_id, Action.EVALUATION_RATE)
    ev.status = next_evaluation_status(EvaluationStatus(ev.status), EvaluationStep.SHARE).value
    ev.shared_at = utcnow()
    add_event(session, ev, EvaluationStep.SHARE, actor.user_id, acting_as)
    return detail_for(session, actor, ev, get_employee_row(session, ev.employee_id))


def comment(session: Session, actor: Actor, evaluation_id: str, text: str) -> EvaluationDetail:
    """The employee's comment (tanggapan) on their shared evaluation; replaces an earlier one.

    Only the evaluated employee (the admin may type it in on their behalf, recorded as such).
    ValidationError for an empty or too long text; ConflictError unless shared.
    Action: ``evaluation.comment``.
    """
    ev = get_evaluation_row(session, evaluation_id)
    acting_as = require_commenter(session, actor, ev)
    next_evaluation_status(EvaluationStatus(ev.status), EvaluationStep.COMMENT)
    clean = check_length(text, "comment", "Tanggapan", "The comment")
    if not clean:
        raise ValidationError(
            "Tulis tanggapan Anda terlebih dahulu.",
            message_en="Write your comment first.",
            field="comment",
        )
    ev.employee_comment = clean
    ev.commented_at = utcnow()
    add_event(session, ev, EvaluationStep.COMMENT, actor.user_id, acting_as, note=clean[:200])
    return detail_for(session, actor, ev, get_employee_row(session, ev.employee_id))


def finalise(session: Session, actor: Actor, evaluation_id: str) -> EvaluationDetail:
    """Shared → final (locked). The predikat is fixed by the PermenPANRB 6/2022 matrix.

    ValidationError listing every missing rating (nothing changed); ConflictError unless
    shared. Action: ``evaluation.finalise`` (direct supervisor / admin as atasan).
    """
    ev = get_evaluation_row(session, evaluation_id)
    acting_as = require_rater(session, actor, ev.employee_id, Action.EVALUATION_FINALISE)
    after = next_evaluation_status(EvaluationStatus(ev.status), EvaluationStep.FINALISE)
    missing = missing_ratings(
        rating_or_none(ev.rating_hasil_kerja), rating_or_none(ev.rating_perilaku)
    )
    if missing:
        raise ValidationError(
            "Evaluasi belum dapat ditetapkan; belum diisi: "
            + ", ".join(m[0] for m in missing)
            + ".",
            message_en="The evaluation cannot be finalised yet; still missing: "
            + ", ".join(m[1] for m in missing)
            + ".",
            field="rating",
        )
    ev.status = after.value
    ev.finalised_at = utcnow()
    ev.finalised_by_user_id = actor.user_id
    add_event(session, ev, EvaluationStep.FINALISE, actor.user_id, acting_as)
    return detail_for(session, actor, ev, get_employee_row(session, ev.employee_id))


def reopen(session: Session, actor: Actor, evaluation_id: str, reason: str) -> EvaluationDetail:
    """Final → shared, so it can be corrected; the reason is required and recorded.

    ValidationError for an empty reason; ConflictError unless final. Action:
    ``evaluation.reopen`` (direct supervisor / admin as atasan).
    """
    ev = get_evaluation_row(session, evaluation_id)
    acting_as = require_rater(session, actor, ev.employee_id, Action.EVALUATION_REOPEN)
    after = next_evaluation_status(EvaluationStatus(ev.status), EvaluationStep.REOPEN)
    clean = check_length(reason, "reason", "Alasan", "The reason")
    if not clean:
        raise ValidationError(
            "Tuliskan alasan membuka kembali evaluasi yang sudah ditetapkan; alasan itu dicatat.",
            message_en="Give the reason for reopening a finalised evaluation; it is recorded.",
            field="reason",
        )
    ev.status = after.value
    ev.finalised_at = None
    ev.finalised_by_user_id = None
    add_event(session, ev, EvaluationStep.REOPEN, actor.user_id, acting_as, note=clean)
    return detail_for(session, actor, ev, get_employee_row(session, ev.employee_id))
