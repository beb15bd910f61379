"""Result and input types of the evaluation services (re-exported by
:mod:`flexdesk.services.evaluation.service`, which is where callers import them from)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Final, Literal

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
from flexdesk.errors import ValidationError

#: longest feedback, note, comment or reason accepted (characters)
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
        # a period typed in or read from a file is refused in words (a ValidationError), not
        # with the domain's ValueError: it may come from a person, not only from the code
        try:
            object.__setattr__(self, "period_type", PeriodType(self.period_type))
            period_range(self.period_type, self.year, self.index)
        except (ValueError, TypeError):
            raise ValidationError(
                f"Periode penilaian tidak dikenal: {self.period_type!r:.20} ke-{self.index!r:.10} "
                f"tahun {self.year!r:.10}.",
                message_en=f"Unknown evaluation period: {self.period_type!r:.20} number "
                f"{self.index!r:.10} of {self.year!r:.10}.",
                field="period",
            ) from None

    @classmethod
    def annual(cls, year: int) -> PeriodRef:
        """The annual period of ``year``."""
        return cls(year, PeriodType.ANNUAL, 1)

    @property
    def is_annual(self) -> bool:
        """Whether this is the annual period."""
        return self.period_type is PeriodType.ANNUAL

    @property
    def start(self) -> date:
        """The first day of the period."""
        return period_range(self.period_type, self.year, self.index)[0]

    @property
    def end(self) -> date:
        """The last day of the period."""
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
        """The period target with its unit, as printed ("3 dokumen")."""
        return _number_text(self.target, self.target_unit)

    @property
    def realisasi_text(self) -> str:
        """The realisation with its unit ("" while there is none)."""
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
    """One step of the evaluation's history, with the name of who did it."""

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
    #: the evaluation's revision when read (every saved edit of the form raises it): passed
    #: back as ``expected_rev`` by the editor
    rev: int = 0

    @property
    def locked(self) -> bool:
        """Final evaluations are locked (reopen to change)."""
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
    """The supervisor's umpan balik on one RHK."""

    rhk_id: str
    umpan_balik: str


@dataclass(frozen=True)
class BehaviourChange:
    """The umpan balik and the special expectation on one BerAKHLAK core value."""

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
    """The office's evaluation settings (each field names its office setting)."""

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
