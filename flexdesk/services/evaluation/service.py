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

Every function takes ``(session, actor, ...)`` like the other services; the UI calls them
through ``Services.call`` / ``Services.read``. Errors are typed (:mod:`flexdesk.errors`) with
Indonesian and English messages, and a refused call changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.base import utcnow
from flexdesk.db.models import Employee, WorkUnit
from flexdesk.db.models_evaluation import (
    Evaluation,
)
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
from flexdesk.domain.performance import (
    DEFAULT_BOUNDS,
    DistributionBound,
    OrganisationResult,
    PeriodType,
    Predikat,
    bounds_from_data,
    bounds_to_data,
    check_distribution,
    count_predikat,
)
from flexdesk.errors import Cancelled, ConflictError, NotFound, PermissionDenied, ValidationError
from flexdesk.reports.evaluation_data import EvaluationFormData
from flexdesk.services.evaluation.access import (
    AS_SUPERVISOR,
    admin_may_rate,
    commenter_role,
    get_evaluation_row,
    rater_role,
    require_commenter,
    require_rater,
    require_viewer,
    scope_employees,
)
from flexdesk.services.evaluation.edit import (
    apply_changes,
    check_length,
    set_ratings,
    validate_changes,
)
from flexdesk.services.evaluation.rows import (
    DetailCache,
    add_event,
    build_detail,
    final_periodic,
    load_cache,
    predikat_or_none,
    rating_or_none,
    sync_rows,
)
from flexdesk.services.evaluation.types import (
    KEEP,
    MAX_TEXT,
    BehaviourChange,
    BehaviourResult,
    CancelledFn,
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
    ProgressFn,
    RhkFeedbackChange,
    RhkResult,
)
from flexdesk.services.office import get_setting, set_setting
from flexdesk.services.permissions import Action, Actor, Role, require
from flexdesk.services.staff_scope import display_name, get_employee_row

log = logging.getLogger(__name__)

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


# --------------------------------------------------------------------------------------------
# Internals


def office_period_type(session: Session) -> PeriodType:
    """The office's periodic evaluation type (setting ``evaluation_period``; monthly default)."""
    try:
        ptype = PeriodType(str(get_setting(session, "evaluation_period")))
    except ValueError:
        return PeriodType.MONTHLY
    return PeriodType.MONTHLY if ptype is PeriodType.ANNUAL else ptype


def _org_result(session: Session) -> OrganisationResult:
    try:
        return OrganisationResult(str(get_setting(session, "evaluation_org_result")))
    except ValueError:
        return OrganisationResult.BAIK


def _detail(
    session: Session,
    actor: Actor,
    ev: Evaluation,
    emp: Employee,
    *,
    cache: DetailCache | None = None,
    admin_rates: bool | None = None,
) -> EvaluationDetail:
    return build_detail(
        session,
        ev,
        emp,
        cache=cache,
        can_rate=rater_role(session, actor, emp, admin_rates=admin_rates) is not None
        and actor.can(Action.EVALUATION_RATE),
        can_comment=commenter_role(actor, emp) is not None and actor.can(Action.EVALUATION_COMMENT),
    )


# --------------------------------------------------------------------------------------------
# Reading


def period_choices(session: Session, actor: Actor, year: int) -> list[PeriodRef]:
    """The periods of ``year`` by the office's evaluation period setting, then the annual one.

    Action: ``evaluation.view``.
    """
    require(actor, Action.EVALUATION_VIEW)
    ptype = office_period_type(session)
    periods = [PeriodRef(year, ptype, i) for i in range(1, ptype.periods_per_year + 1)]
    return [*periods, PeriodRef.annual(year)]


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
    ids = [e.id for e in staff]
    found: dict[str, Evaluation] = {}
    if ids:
        found = {
            ev.employee_id: ev
            for ev in session.scalars(
                select(Evaluation).where(
                    Evaluation.employee_id.in_(ids),
                    Evaluation.year == period.year,
                    Evaluation.period_type == period.period_type.value,
                    Evaluation.period_index == period.index,
                )
            )
        }
    units = {uid: name for uid, name in session.execute(select(WorkUnit.id, WorkUnit.name))}
    sup_ids = {e.supervisor_id for e in staff if e.supervisor_id}
    supervisors = (
        {
            e.id: display_name(e)
            for e in session.scalars(select(Employee).where(Employee.id.in_(sup_ids)))
        }
        if sup_ids
        else {}
    )
    label = period.label()
    admin_rates = actor.role is Role.ADMIN and admin_may_rate(session)
    rows: list[EvaluationSummary] = []
    for emp in staff:
        ev = found.get(emp.id)
        ev_status = EvaluationStatus(ev.status) if ev is not None else None
        own = actor.employee_id is not None and emp.id == actor.employee_id
        # one's own evaluation shows once it is shared; nothing to start for oneself
        if (
            own
            and actor.role is not Role.ADMIN
            and (ev_status is None or ev_status is EvaluationStatus.DRAFT)
        ):
            continue
        if status is not None and ev_status is not status:
            continue
        if ev is None and (status is not None or not include_not_started):
            continue
        may_rate = actor.can(Action.EVALUATION_RATE) and (
            rater_role(session, actor, emp, admin_rates=admin_rates) is not None
        )
        rows.append(
            EvaluationSummary(
                employee_id=emp.id,
                employee_name=display_name(emp),
                nip=emp.nip or "",
                jabatan=emp.jabatan,
                unit_id=emp.unit_id,
                unit_name=units.get(emp.unit_id or "", ""),
                supervisor_name=supervisors.get(emp.supervisor_id or "", ""),
                period=period,
                period_label=label,
                evaluation_id=ev.id if ev else None,
                status=ev_status,
                rating_hasil_kerja=rating_or_none(ev.rating_hasil_kerja) if ev else None,
                rating_perilaku=rating_or_none(ev.rating_perilaku) if ev else None,
                predikat=predikat_or_none(ev.predikat) if ev else None,
                has_comment=bool(ev and ev.employee_comment.strip()),
                updated_at=ev.updated_at if ev else None,
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
    return _detail(session, actor, ev, emp)


# --------------------------------------------------------------------------------------------
# Workflow


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
    name = display_name(emp)
    if period.start > (today or date.today()):
        raise ValidationError(
            f"Periode {period.label()} belum dimulai; evaluasinya dapat dimulai setelah "
            f"{format_tanggal(period.start)}.",
            message_en=f"The period {period.label('en')} has not begun; its evaluation can "
            f"start from {format_tanggal(period.start, 'en')}.",
            field="period",
        )
    skp = session.scalar(select(Skp).where(Skp.employee_id == employee_id, Skp.year == period.year))
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
            Evaluation.employee_id == employee_id,
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
    supervisor = session.get(Employee, emp.supervisor_id) if emp.supervisor_id else None
    ev = Evaluation(
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
    session.add(ev)
    session.flush()
    sync_rows(session, ev, refresh=True)
    if period.is_annual:
        periodic = final_periodic(session, ev)
        hasil = suggest_annual_rating([rating_or_none(p.rating_hasil_kerja) for p in periodic])
        perilaku = suggest_annual_rating([rating_or_none(p.rating_perilaku) for p in periodic])
        set_ratings(ev, hasil, perilaku)
    add_event(session, ev, EvaluationStep.START, actor.user_id, acting_as)
    return _detail(session, actor, ev, emp)


def save_draft(
    session: Session, actor: Actor, evaluation_id: str, changes: EvaluationChanges
) -> EvaluationDetail:
    """Apply the supervisor's edits to a draft or shared evaluation; returns the new state.

    ValidationError (nothing changed) for: a realisation different from the pre-filled value
    without a reason (field ``reason:<indicator_id>``), a negative realisation, an unknown
    indicator/RHK/core value, text longer than 4000 characters. ConflictError on a final
    evaluation. Action: ``evaluation.rate`` (direct supervisor / admin as atasan).
    """
    ev = get_evaluation_row(session, evaluation_id)
    acting_as = require_rater(session, actor, ev.employee_id, Action.EVALUATION_RATE)
    next_evaluation_status(EvaluationStatus(ev.status), EvaluationStep.SAVE)
    emp = get_employee_row(session, ev.employee_id)
    sync_rows(session, ev, refresh=False)  # rows for RHK added to a revised SKP
    plan = validate_changes(session, ev, changes)
    notes = apply_changes(ev, changes, plan)
    if session.is_modified(ev) or any(session.is_modified(o) for o in plan.touched()):
        ev.evaluator_user_id = actor.user_id
        if acting_as == AS_SUPERVISOR:
            ev.evaluator_employee_id = actor.employee_id
        add_event(session, ev, EvaluationStep.SAVE, actor.user_id, acting_as, note="\n".join(notes))
    return _detail(session, actor, ev, emp)


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
    return _detail(session, actor, ev, emp)


def share(session: Session, actor: Actor, evaluation_id: str) -> EvaluationDetail:
    """Draft → shared: the employee now sees it and may comment. Action: ``evaluation.rate``.

    ConflictError when it is not a draft.
    """
    ev = get_evaluation_row(session, evaluation_id)
    acting_as = require_rater(session, actor, ev.employee_id, Action.EVALUATION_RATE)
    ev.status = next_evaluation_status(EvaluationStatus(ev.status), EvaluationStep.SHARE).value
    ev.shared_at = utcnow()
    add_event(session, ev, EvaluationStep.SHARE, actor.user_id, acting_as)
    return _detail(session, actor, ev, get_employee_row(session, ev.employee_id))


def comment(session: Session, actor: Actor, evaluation_id: str, text: str) -> EvaluationDetail:
    """The employee's comment (tanggapan) on their shared evaluation; replaces an earlier one.

    Only the evaluated employee (the admin may type it in on their behalf, recorded as such).
    ValidationError for an empty or too long text; ConflictError unless shared.
    Action: ``evaluation.comment``.
    """
    ev = get_evaluation_row(session, evaluation_id)
    acting_as = require_commenter(session, actor, ev)
    next_evaluation_status(EvaluationStatus(ev.status), EvaluationStep.COMMENT)
    clean = text.strip()
    if not clean:
        raise ValidationError(
            "Tulis tanggapan Anda terlebih dahulu.",
            message_en="Write your comment first.",
            field="comment",
        )
    check_length(clean, "comment", "Tanggapan", "The comment")
    ev.employee_comment = clean
    ev.commented_at = utcnow()
    add_event(session, ev, EvaluationStep.COMMENT, actor.user_id, acting_as, note=clean[:200])
    return _detail(session, actor, ev, get_employee_row(session, ev.employee_id))


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
    return _detail(session, actor, ev, get_employee_row(session, ev.employee_id))


def reopen(session: Session, actor: Actor, evaluation_id: str, reason: str) -> EvaluationDetail:
    """Final → shared, so it can be corrected; the reason is required and recorded.

    ValidationError for an empty reason; ConflictError unless final. Action:
    ``evaluation.reopen`` (direct supervisor / admin as atasan).
    """
    ev = get_evaluation_row(session, evaluation_id)
    acting_as = require_rater(session, actor, ev.employee_id, Action.EVALUATION_REOPEN)
    after = next_evaluation_status(EvaluationStatus(ev.status), EvaluationStep.REOPEN)
    clean = reason.strip()
    if not clean:
        raise ValidationError(
            "Tuliskan alasan membuka kembali evaluasi yang sudah ditetapkan; alasan itu dicatat.",
            message_en="Give the reason for reopening a finalised evaluation; it is recorded.",
            field="reason",
        )
    check_length(clean, "reason", "Alasan", "The reason")
    ev.status = after.value
    ev.finalised_at = None
    ev.finalised_by_user_id = None
    add_event(session, ev, EvaluationStep.REOPEN, actor.user_id, acting_as, note=clean)
    return _detail(session, actor, ev, get_employee_row(session, ev.employee_id))


# --------------------------------------------------------------------------------------------
# Printing


def form_data(
    session: Session,
    actor: Actor,
    evaluation_id: str,
    *,
    sign_date: date | None = None,
) -> EvaluationFormData:
    """The printed form's data (for ``reports.evaluation_form.build_evaluation_pdf*``).

    Letterhead from the office profile (the logo is written to a cached PNG file), place =
    office city, sign date = ``sign_date`` or the day it was finalised (today while not
    final), paper from the ``paper_size`` setting, Pegawai / Pejabat Penilai (and for an
    annual form the Atasan Pejabat Penilai) blocks, RHK rows (A. Utama / B. Tambahan) with
    period targets, realisasi and umpan balik, the perilaku rows, ratings and predikat.
    Action: ``evaluation.print`` (same record rule as viewing).
    """
    from flexdesk.services.evaluation.printing import build_form_data

    ev = get_evaluation_row(session, evaluation_id)
    emp = require_viewer(session, actor, ev, Action.EVALUATION_PRINT)
    return build_form_data(session, ev, emp, _detail(session, actor, ev, emp), sign_date)


def form_data_for_unit(
    session: Session,
    actor: Actor,
    period: PeriodRef,
    *,
    unit_id: str | None = None,
    status: EvaluationStatus | None = EvaluationStatus.FINAL,
    progress: ProgressFn | None = None,
    is_cancelled: CancelledFn | None = None,
) -> list[EvaluationFormData]:
    """Form data of every evaluation of ``period`` the actor may print (a unit's batch).

    ``status`` None: every state. Ordered like :func:`list_evaluations`. Calls
    ``progress(done, total)``; raises :class:`~flexdesk.errors.Cancelled` when
    ``is_cancelled()`` turns true. Action: ``evaluation.print``.
    """
    from flexdesk.services.evaluation.printing import build_form_data, print_context

    require(actor, Action.EVALUATION_PRINT)
    context = print_context(session)
    admin_rates = admin_may_rate(session)
    ids = [
        r.evaluation_id
        for r in list_evaluations(session, actor, period, unit_id=unit_id, status=status)
        if r.evaluation_id is not None
    ]
    found = {e.id: e for e in session.scalars(select(Evaluation).where(Evaluation.id.in_(ids)))}
    evaluations = [found[i] for i in ids]
    cache = load_cache(session, evaluations)
    out: list[EvaluationFormData] = []
    total = len(evaluations)
    for n, ev in enumerate(evaluations):
        if is_cancelled is not None and is_cancelled():
            raise Cancelled()
        emp = cache.employees[ev.employee_id]
        require_viewer(session, actor, ev, Action.EVALUATION_PRINT)
        detail = _detail(session, actor, ev, emp, cache=cache, admin_rates=admin_rates)
        out.append(build_form_data(session, ev, emp, detail, None, cache=cache, context=context))
        if progress is not None:
            progress(n + 1, total)
    return out


# --------------------------------------------------------------------------------------------
# Distribution and settings


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
    if actor.role is not Role.ADMIN:
        me = session.get(Employee, actor.employee_id) if actor.employee_id else None
        supervises = any(m.supervisor_id == actor.employee_id for m in members)
        if not supervises and (me is None or me.unit_id != unit_id):
            raise PermissionDenied(
                f"Anda hanya dapat melihat sebaran predikat unit tempat Anda bekerja atau "
                f"menilai pegawai, bukan {unit.name}.",
                message_en=f"You may see the predikat distribution only of a unit you work in "
                f"or rate staff in, not {unit.name}.",
            )
    org = OrganisationResult(org_result) if org_result is not None else _org_result(session)
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
        org_result=_org_result(session),
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
