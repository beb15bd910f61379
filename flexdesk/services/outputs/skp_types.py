"""The SKP's data in and out: what the SKP and RHK dialogs supply and the SKP, RHK and
indicator rows they show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flexdesk.domain.outputs import Aspect, RhkKind, SkpStatus
from flexdesk.domain.performance import PeriodType

#: period types an SKP can be evaluated by (the annual evaluation always happens too)
SKP_PERIOD_TYPES = (PeriodType.MONTHLY, PeriodType.QUARTERLY, PeriodType.SEMESTER)


@dataclass(frozen=True)
class IndicatorInput:
    """One indicator of an RHK as the RHK dialog supplies it."""

    aspect: Aspect
    text: str
    target_value: float
    target_unit: str = ""


@dataclass(frozen=True)
class RhkInput:
    """An RHK with its indicators as the RHK dialog supplies it."""

    text: str
    kind: RhkKind = RhkKind.UTAMA
    parent_rhk_id: str | None = None
    indicators: tuple[IndicatorInput, ...] = ()


@dataclass(frozen=True)
class IndicatorRow:
    """A stored indicator of an RHK with its yearly target."""

    id: str
    aspect: Aspect
    text: str
    target_value: float
    target_unit: str

    @property
    def target_text(self) -> str:
        """ "12 dokumen", "100 %", "12 bulan"."""
        value = f"{self.target_value:g}".replace(".", ",")
        return f"{value} {self.target_unit}".strip()

    def to_input(self) -> IndicatorInput:
        """The indicator as the RHK dialog's input."""
        return IndicatorInput(self.aspect, self.text, self.target_value, self.target_unit)


@dataclass(frozen=True)
class RhkRow:
    """A stored RHK with its indicators, the supervisor RHK it derives from, and how many log
    entries point at it."""

    id: str
    position: int
    kind: RhkKind
    text: str
    parent_rhk_id: str | None
    parent_text: str
    indicators: tuple[IndicatorRow, ...]
    log_count: int
    rev: int = 0  # the revision a form read (optimistic concurrency, services/concurrency.py)

    @property
    def quantity(self) -> IndicatorRow | None:
        """The kuantitas indicator (the one daily outputs add up against)."""
        return next((i for i in self.indicators if i.aspect is Aspect.KUANTITAS), None)

    def to_input(self) -> RhkInput:
        """The RHK as the RHK dialog's input."""
        return RhkInput(
            self.text, self.kind, self.parent_rhk_id, tuple(i.to_input() for i in self.indicators)
        )


@dataclass(frozen=True)
class SkpDetail:
    """An SKP in full, as the SKP tab shows it."""

    id: str
    employee_id: str
    employee_name: str
    supervisor_id: str | None
    supervisor_name: str
    year: int
    period_type: PeriodType
    status: SkpStatus
    review_note: str
    approver_name: str
    approved_at: datetime | None
    rhk: tuple[RhkRow, ...]
    rev: int = 0  # the SKP row's revision the tab read (optimistic concurrency)

    @property
    def editable(self) -> bool:
        """Only a draft SKP may be edited."""
        return self.status is SkpStatus.DRAFT


@dataclass(frozen=True)
class SkpSummary:
    """One line of the SKP overview: an employee and the state of their SKP for the year."""

    employee_id: str
    employee_name: str
    skp_id: str | None
    status: SkpStatus | None
    rhk_count: int


@dataclass(frozen=True)
class CopyResult:
    """The SKP filled from an earlier year's, with how many RHK were copied and how many of
    their links to the supervisor's RHK were kept or dropped."""

    skp: SkpDetail
    copied: int
    links_kept: int
    links_dropped: int
    source_year: int
