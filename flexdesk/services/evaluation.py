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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Final, Literal

from sqlalchemy.orm import Session

from flexdesk.domain.dates import Lang
from flexdesk.domain.evaluation import EvaluationStatus, EvaluationStep
from flexdesk.domain.outputs import Aspect, RhkKind
from flexdesk.domain.performance import (
    DistributionBound,
    DistributionWarning,
    OrganisationResult,
    PeriodType,
    Predikat,
    Rating,
    period_label,
    period_range,
)
from flexdesk.reports.evaluation_data import EvaluationFormData
from flexdesk.services.permissions import Actor

__all__ = [
    "KEEP",
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

MAX_TEXT: Final = 4000


# --------------------------------------------------------------------------------------------
# Periods


@dataclass(frozen=True, order=True)
class PeriodRef:
    """One evaluation period: type, year and 1-based index (monthly 1–12, quarterly 1–4,
    semester 1–2, annual 1)."""

    year: int
    period_type: PeriodType
    index: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "period_type", PeriodType(self.period_type))
        period_range(self.period_type, self.year, self.index)  # ValueError when out of range

    @classmethod
    def annual(cls, year: int) -> PeriodRef:
        return cls(year, PeriodType.ANNUAL, 1)

    @property
    def is_annual(self) -> bool:
        return self.period_type is PeriodType.ANNUAL

    @property
    def start(self) -> date:
        return period_range(self.period_type, self.year, self.index)[0]

    @property
    def end(self) -> date:
        return period_range(self.period_type, self.year, self.index)[1]

    def label(self, lang: Lang = "id") -> str:
        """ "Oktober 2026", "Triwulan I 2026", "Tahunan 2026"."""
        return period_label(self.period_type, self.year, self.index, lang)


# --------------------------------------------------------------------------------------------
# What the services return


@dataclass(frozen=True)
class EvaluationSummary:
    """One row of the evaluation list: an employee in scope and their evaluation for a period
    (``evaluation_id`` None: not started yet)."""

    employee_id: str
    employee_name: str  # with gelar
    nip: str  # raw digits, "" for non-ASN
    jabatan: str
    unit_id: str | None
    unit_name: str
    supervisor_name: str  # the Pejabat Penilai Kinerja now
    period: PeriodRef
    period_label: str
    evaluation_id: str | None
    status: EvaluationStatus | None
    rating_hasil_kerja: Rating | None
    rating_perilaku: Rating | None
    predikat: Predikat | None
    has_comment: bool
    updated_at: datetime | None
    #: the actor may start/edit/share (the direct supervisor, or the admin when allowed)
    can_rate: bool


@dataclass(frozen=True)
class IndicatorResult:
    """Realisation of one indikator kinerja individu in an evaluation."""

    indicator_id: str
    aspect: Aspect
    text: str
    annual_target: float
    target: float  # for the period (kuantitas: the period's share of the yearly target)
    target_unit: str
    prefilled: float | None  # from accepted output logs (kuantitas) or periodic evaluations
    realisasi: float | None  # what is printed
    override_reason: str

    @property
    def overridden(self) -> bool:
        """The supervisor changed the pre-filled value (a reason is then on record)."""
        return (
            self.prefilled is not None
            and self.realisasi is not None
            and abs(self.realisasi - self.prefilled) > 1e-9
        )

    @property
    def target_text(self) -> str:
        return _number_text(self.target, self.target_unit)

    @property
    def realisasi_text(self) -> str:
        return "" if self.realisasi is None else _number_text(self.realisasi, self.target_unit)


@dataclass(frozen=True)
class RhkResult:
    """One RHK of the SKP in an evaluation: its indicators and the supervisor's feedback."""

    rhk_id: str
    position: int
    kind: RhkKind
    text: str
    parent_text: str  # the supervisor's RHK it intervenes ("" when none)
    umpan_balik: str
    indicators: tuple[IndicatorResult, ...]


@dataclass(frozen=True)
class BehaviourResult:
    """One BerAKHLAK core value in an evaluation."""

    code: str
    name: str
    indicators: tuple[str, ...]
    ekspektasi_khusus: str
    umpan_balik: str


@dataclass(frozen=True)
class EvaluationEventRow:
    at: datetime
    step: EvaluationStep
    actor_name: str
    acting_as: str  # "supervisor", "admin_atasan", "employee", "admin"
    note: str


@dataclass(frozen=True)
class PeriodicResult:
    """A periodic evaluation of the year, shown on (and pre-filling) the annual one."""

    evaluation_id: str
    period: PeriodRef
    period_label: str
    status: EvaluationStatus
    rating_hasil_kerja: Rating | None
    rating_perilaku: Rating | None
    predikat: Predikat | None


@dataclass(frozen=True)
class EvaluationDetail:
    """Everything the form editor shows, plus what the signed-in actor may do with it."""

    id: str
    employee_id: str
    employee_name: str
    nip: str
    jabatan: str
    unit_name: str
    evaluator_employee_id: str | None
    evaluator_name: str  # Pejabat Penilai Kinerja
    atasan_name: str  # Atasan Pejabat Penilai Kinerja ("" when none)
    skp_id: str
    period: PeriodRef
    period_label: str
    start: date
    end: date
    status: EvaluationStatus
    rating_hasil_kerja: Rating | None
    rating_perilaku: Rating | None
    predikat: Predikat | None
    capaian_organisasi: OrganisationResult | None
    catatan: str
    employee_comment: str
    commented_at: datetime | None
    shared_at: datetime | None
    finalised_at: datetime | None
    rhk: tuple[RhkResult, ...]
    behaviours: tuple[BehaviourResult, ...]
    events: tuple[EvaluationEventRow, ...]
    #: annual evaluations: the periodic ones of the year (oldest first) and the suggestions
    periodic: tuple[PeriodicResult, ...] = ()
    suggested_hasil_kerja: Rating | None = None
    suggested_perilaku: Rating | None = None
    #: what finalising would still need, as (Indonesian, English) names
    missing: tuple[tuple[str, str], ...] = ()
    can_edit: bool = False  # save_draft / refresh_realisation
    can_share: bool = False
    can_comment: bool = False
    can_finalise: bool = False  # allowed and nothing missing
    can_reopen: bool = False

    @property
    def locked(self) -> bool:
        return self.status is EvaluationStatus.FINAL


class _Keep(Enum):
    KEEP = "keep"


#: "leave this field as it is" in :class:`EvaluationChanges`
KEEP: Final = _Keep.KEEP


@dataclass(frozen=True)
class IndicatorChange:
    """A realisation typed by the supervisor. ``realisasi=None`` goes back to the pre-filled
    value. A value different from the pre-filled one needs a ``reason``."""

    indicator_id: str
    realisasi: float | None
    reason: str = ""


@dataclass(frozen=True)
class RhkFeedbackChange:
    rhk_id: str
    umpan_balik: str


@dataclass(frozen=True)
class BehaviourChange:
    code: str  # CoreValue.code, e.g. "berorientasi_pelayanan"
    umpan_balik: str
    ekspektasi_khusus: str = ""


@dataclass(frozen=True)
class EvaluationChanges:
    """Edits of a draft or shared evaluation. Fields left at :data:`KEEP` (and rows not
    listed) stay as they are; ``None`` clears a rating or the organisation result."""

    rating_hasil_kerja: Rating | Literal[_Keep.KEEP] | None = KEEP
    rating_perilaku: Rating | Literal[_Keep.KEEP] | None = KEEP
    capaian_organisasi: OrganisationResult | Literal[_Keep.KEEP] | None = KEEP
    catatan: str | Literal[_Keep.KEEP] = KEEP
    indicators: tuple[IndicatorChange, ...] = ()
    rhk_feedback: tuple[RhkFeedbackChange, ...] = ()
    behaviours: tuple[BehaviourChange, ...] = ()


@dataclass(frozen=True)
class DistributionReport:
    """Predikat counts of a unit for a period, checked against the kurva distribusi."""

    unit_id: str
    unit_name: str
    period: PeriodRef
    period_label: str
    org_result: OrganisationResult
    counts: Mapping[Predikat, int]  # every Predikat, 0 when none
    rated: int  # evaluations with both ratings (counted)
    not_rated: int  # employees of the unit with no evaluation or no predikat yet
    final_only: bool
    warnings: tuple[DistributionWarning, ...]  # .message / .message_en; never blocks

    def share(self, predikat: Predikat) -> float:
        """Percentage of the rated employees with ``predikat`` (0 when nobody is rated)."""
        return 100.0 * self.counts.get(predikat, 0) / self.rated if self.rated else 0.0


@dataclass(frozen=True)
class EvaluationSettings:
    period_type: PeriodType  # office default evaluation period ("evaluation_period")
    admin_as_atasan: bool  # "evaluation_admin_as_atasan"
    org_result: OrganisationResult  # "evaluation_org_result"
    curve: Mapping[OrganisationResult, tuple[DistributionBound, ...]] = field(
        default_factory=dict
    )  # "evaluation_distribution_curve"


ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]


def _number_text(value: float, unit: str) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{text} {unit}".strip()


# --------------------------------------------------------------------------------------------
# Reading


def period_choices(session: Session, actor: Actor, year: int) -> list[PeriodRef]:
    """The periods of ``year`` by the office's evaluation period setting, then the annual one.

    Action: ``evaluation.view``.
    """
    raise NotImplementedError


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
    raise NotImplementedError


def get_evaluation(session: Session, actor: Actor, evaluation_id: str) -> EvaluationDetail:
    """The whole evaluation for the form editor. Action: ``evaluation.view`` (+ record rule).

    NotFound when it does not exist; PermissionDenied when the actor may not see it (an
    employee before it is shared).
    """
    raise NotImplementedError


# --------------------------------------------------------------------------------------------
# Workflow


def start_evaluation(
    session: Session, actor: Actor, employee_id: str, period: PeriodRef
) -> EvaluationDetail:
    """Create the draft evaluation of ``employee_id`` for ``period``.

    Needs an **approved** SKP of the period's year (PermenPANRB 6/2022 evaluates against the
    agreed plan): no SKP, or one still a draft/submitted, raises ValidationError saying so.
    Realisation of each kuantitas indicator is pre-filled from the accepted output logs of
    the period (an annual one from the finalised periodic evaluations of the year, else the
    year's accepted logs); the seven BerAKHLAK rows are created empty. ConflictError when
    the employee already has an evaluation for the period. Action: ``evaluation.rate``
    (direct supervisor; admin only with ``evaluation_admin_as_atasan``).
    """
    raise NotImplementedError


def save_draft(
    session: Session, actor: Actor, evaluation_id: str, changes: EvaluationChanges
) -> EvaluationDetail:
    """Apply the supervisor's edits to a draft or shared evaluation; returns the new state.

    ValidationError (nothing changed) for: a realisation different from the pre-filled value
    without a reason (field ``reason:<indicator_id>``), a negative realisation, an unknown
    indicator/RHK/core value, text longer than 4000 characters. ConflictError on a final
    evaluation. Action: ``evaluation.rate`` (direct supervisor / admin as atasan).
    """
    raise NotImplementedError


def refresh_realisation(session: Session, actor: Actor, evaluation_id: str) -> EvaluationDetail:
    """Re-read the pre-filled realisation (logs accepted since the evaluation started).

    Indicators the supervisor did not override follow the new value; overridden ones keep
    their value and reason (their pre-filled figure is updated beside it). ConflictError on
    a final evaluation. Action: ``evaluation.rate``.
    """
    raise NotImplementedError


def share(session: Session, actor: Actor, evaluation_id: str) -> EvaluationDetail:
    """Draft → shared: the employee now sees it and may comment. Action: ``evaluation.rate``.

    ConflictError when it is not a draft.
    """
    raise NotImplementedError


def comment(session: Session, actor: Actor, evaluation_id: str, text: str) -> EvaluationDetail:
    """The employee's comment (tanggapan) on their shared evaluation; replaces an earlier one.

    Only the evaluated employee (the admin may type it in on their behalf, recorded as such).
    ValidationError for an empty or too long text; ConflictError unless shared.
    Action: ``evaluation.comment``.
    """
    raise NotImplementedError


def finalise(session: Session, actor: Actor, evaluation_id: str) -> EvaluationDetail:
    """Shared → final (locked). The predikat is fixed by the PermenPANRB 6/2022 matrix.

    ValidationError listing every missing rating (nothing changed); ConflictError unless
    shared. Action: ``evaluation.finalise`` (direct supervisor / admin as atasan).
    """
    raise NotImplementedError


def reopen(session: Session, actor: Actor, evaluation_id: str, reason: str) -> EvaluationDetail:
    """Final → shared, so it can be corrected; the reason is required and recorded.

    ValidationError for an empty reason; ConflictError unless final. Action:
    ``evaluation.reopen`` (direct supervisor / admin as atasan).
    """
    raise NotImplementedError


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
    raise NotImplementedError


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
    raise NotImplementedError


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
    raise NotImplementedError


def distribution_curve(
    session: Session,
) -> dict[OrganisationResult, tuple[DistributionBound, ...]]:
    """The office's kurva distribusi (falls back to the regulation's seed when unset)."""
    raise NotImplementedError


def evaluation_settings(session: Session, actor: Actor) -> EvaluationSettings:
    """The evaluation settings. Action: ``evaluation.view``."""
    raise NotImplementedError


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
    raise NotImplementedError
