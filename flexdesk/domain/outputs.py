"""SKP, RHK and the daily output log: states, targets and wellbeing signals, as plain rules.

What lives here (nothing touches the database or Qt):

- the SKP and the output-log review life cycles as transition tables
  (:data:`SKP_TRANSITIONS`, :data:`LOG_TRANSITIONS`): who moves a record from which state to
  which is a rule, so it is data that tests walk exhaustively;
- the aspects of an indikator kinerja individu and RHK kinds (PermenPANRB 6/2022);
- the period share of a yearly target (:func:`period_target`).

Importable from here as well, for the outputs capability: the work modes an output log
records (PermenPANRB 4/2025 Pasal 12) from :mod:`flexdesk.domain.work_modes`; wellbeing
signals over a person's logged days from :mod:`flexdesk.domain.wellbeing`; the default
working-day calendar (:class:`~flexdesk.domain.calendar.NationalCalendar`: weekends plus the
national holidays and cuti bersama of the ``holidays`` package, for when the office's own
calendar is not available) and :func:`~flexdesk.domain.calendar.count_working_days` from
:mod:`flexdesk.domain.calendar`.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from flexdesk.domain.calendar import NationalCalendar, WorkingDays, count_working_days
from flexdesk.domain.performance import PeriodType
from flexdesk.domain.wellbeing import (
    LoggedDay,
    SignalKind,
    WellbeingSignal,
    WellbeingThresholds,
    consecutive_runs,
    weekly_hours,
    wellbeing_signals,
)
from flexdesk.domain.work_modes import PlannedDay, WorkMode, mode_mismatch
from flexdesk.errors import ConflictError

__all__ = [
    "EDITABLE_LOG_STATUSES",
    "LOG_SUPERVISOR_STEPS",
    "LOG_TRANSITIONS",
    "SKP_SUPERVISOR_STEPS",
    "SKP_TRANSITIONS",
    "Aspect",
    "LogStatus",
    "LogStep",
    "LoggedDay",
    "NationalCalendar",
    "PlannedDay",
    "RhkKind",
    "SignalKind",
    "SkpStatus",
    "SkpStep",
    "WellbeingSignal",
    "WellbeingThresholds",
    "WorkMode",
    "WorkingDays",
    "consecutive_runs",
    "count_working_days",
    "log_status_text",
    "mode_mismatch",
    "next_log_status",
    "next_skp_status",
    "period_target",
    "weekly_hours",
    "wellbeing_signals",
]

# --------------------------------------------------------------------------------------------
# SKP and RHK


class SkpStatus(StrEnum):
    """Where a yearly SKP stands. Only a draft can be edited; the supervisor approves it."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"


class SkpStep(StrEnum):
    """A step in the SKP's life cycle (see :data:`SKP_TRANSITIONS`)."""

    SUBMIT = "submit"  #: the employee hands the draft to the supervisor
    WITHDRAW = "withdraw"  #: the employee takes a submitted draft back
    APPROVE = "approve"  #: the supervisor (Pejabat Penilai Kinerja) agrees the plan
    RETURN = "return"  #: the supervisor sends it back with a note
    REOPEN = "reopen"  #: the supervisor reopens an approved SKP for a mid-year revision


SKP_TRANSITIONS: Final[Mapping[tuple[SkpStatus, SkpStep], SkpStatus]] = MappingProxyType(
    {
        (SkpStatus.DRAFT, SkpStep.SUBMIT): SkpStatus.SUBMITTED,
        (SkpStatus.SUBMITTED, SkpStep.WITHDRAW): SkpStatus.DRAFT,
        # An SKP is drafted together with the supervisor (PermenPANRB 6/2022: "disusun dan
        # disepakati bersama"), so the supervisor may approve a draft directly.
        (SkpStatus.DRAFT, SkpStep.APPROVE): SkpStatus.APPROVED,
        (SkpStatus.SUBMITTED, SkpStep.APPROVE): SkpStatus.APPROVED,
        (SkpStatus.SUBMITTED, SkpStep.RETURN): SkpStatus.DRAFT,
        (SkpStatus.APPROVED, SkpStep.REOPEN): SkpStatus.DRAFT,
    }
)
"""SKP life cycle (PermenPANRB 6/2022: the SKP is agreed between the employee and the
Pejabat Penilai Kinerja, and may be revised during the year)."""

#: steps only the supervisor (or the admin on their behalf) may take
SKP_SUPERVISOR_STEPS: Final = frozenset({SkpStep.APPROVE, SkpStep.RETURN, SkpStep.REOPEN})

_SKP_STATUS_TEXT: Final[Mapping[SkpStatus, tuple[str, str]]] = MappingProxyType(
    {
        SkpStatus.DRAFT: ("draf", "draft"),
        SkpStatus.SUBMITTED: ("diajukan", "submitted"),
        SkpStatus.APPROVED: ("disetujui", "approved"),
    }
)


def next_skp_status(current: SkpStatus, step: SkpStep) -> SkpStatus:
    """The SKP's state after ``step``; ConflictError (in words) when the step does not apply."""
    after = SKP_TRANSITIONS.get((SkpStatus(current), SkpStep(step)))
    if after is None:
        id_, en = _SKP_STATUS_TEXT[SkpStatus(current)]
        raise ConflictError(
            f"SKP berstatus {id_}; langkah ini tidak dapat dilakukan.",
            message_en=f"The SKP is {en}; this step does not apply.",
        )
    return after


class RhkKind(StrEnum):
    """A. UTAMA / B. TAMBAHAN on the evaluation form (PermenPANRB 6/2022)."""

    UTAMA = "utama"
    TAMBAHAN = "tambahan"


class Aspect(StrEnum):
    """Aspects of an indikator kinerja individu (PermenPANRB 6/2022: kuantitas, kualitas,
    waktu, and biaya where relevant). Kuantitas is what daily outputs add up to."""

    KUANTITAS = "kuantitas"
    KUALITAS = "kualitas"
    WAKTU = "waktu"
    BIAYA = "biaya"

    @property
    def label(self) -> str:
        """The aspect's name as printed ("Kuantitas")."""
        return self.value.capitalize()


def period_target(annual_target: float, period_type: PeriodType, periods: int = 1) -> float:
    """The share of a yearly kuantitas target that falls in ``periods`` evaluation periods.

    PermenPANRB 6/2022 evaluates the yearly SKP periodically (the instansi picks monthly,
    quarterly or semester). FlexDesk spreads a yearly target evenly over the periods unless
    the office sets period targets itself; ``periods`` counts how many periods the recap
    covers (the whole year is all of them).
    """
    per_year = PeriodType(period_type).periods_per_year
    periods = max(0, min(periods, per_year))
    return annual_target * periods / per_year


# --------------------------------------------------------------------------------------------
# Output log


class LogStatus(StrEnum):
    """Review state of one output-log entry."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"  #: back with the supervisor's note; the employee fixes and resubmits
    ACCEPTED = "accepted"  #: locked: counts as realisation and can no longer change


class LogStep(StrEnum):
    """A step in the review of an output-log entry (see :data:`LOG_TRANSITIONS`)."""

    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    ACCEPT = "accept"
    RETURN = "return"


LOG_TRANSITIONS: Final[Mapping[tuple[LogStatus, LogStep], LogStatus]] = MappingProxyType(
    {
        (LogStatus.DRAFT, LogStep.SUBMIT): LogStatus.SUBMITTED,
        (LogStatus.RETURNED, LogStep.SUBMIT): LogStatus.SUBMITTED,
        (LogStatus.SUBMITTED, LogStep.WITHDRAW): LogStatus.DRAFT,
        (LogStatus.SUBMITTED, LogStep.ACCEPT): LogStatus.ACCEPTED,
        (LogStatus.SUBMITTED, LogStep.RETURN): LogStatus.RETURNED,
    }
)
"""Review of the output log: the supervisor accepts (locks) or returns with a note
(PermenPANRB 6/2022: realisation is judged on evidence, "berdasarkan bukti dukung")."""

#: states in which the employee may still edit or delete the entry
EDITABLE_LOG_STATUSES: Final = frozenset({LogStatus.DRAFT, LogStatus.RETURNED})
#: steps only the supervisor (or the admin on their behalf) may take
LOG_SUPERVISOR_STEPS: Final = frozenset({LogStep.ACCEPT, LogStep.RETURN})

_LOG_STATUS_TEXT: Final[Mapping[LogStatus, tuple[str, str]]] = MappingProxyType(
    {
        LogStatus.DRAFT: ("draf", "a draft"),
        LogStatus.SUBMITTED: ("sudah diajukan", "submitted"),
        LogStatus.RETURNED: ("dikembalikan", "returned"),
        LogStatus.ACCEPTED: ("sudah diterima dan terkunci", "accepted and locked"),
    }
)


def log_status_text(status: LogStatus) -> tuple[str, str]:
    """(Indonesian, English) words for a state, for messages."""
    return _LOG_STATUS_TEXT[LogStatus(status)]


def next_log_status(current: LogStatus, step: LogStep) -> LogStatus:
    """The entry's state after ``step``; ConflictError (in words) when it does not apply."""
    after = LOG_TRANSITIONS.get((LogStatus(current), LogStep(step)))
    if after is None:
        id_, en = _LOG_STATUS_TEXT[LogStatus(current)]
        raise ConflictError(
            f"Entri log {id_}; langkah ini tidak dapat dilakukan.",
            message_en=f"The log entry is {en}; this step does not apply.",
        )
    return after
