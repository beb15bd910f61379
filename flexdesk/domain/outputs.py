"""SKP, RHK and the daily output log: states, targets and wellbeing signals, as plain rules.

What lives here (nothing touches the database or Qt):

- the SKP and the output-log review life cycles as transition tables
  (:data:`SKP_TRANSITIONS`, :data:`LOG_TRANSITIONS`): who moves a record from which state to
  which is a rule, so it is data that tests walk exhaustively;
- the aspects of an indikator kinerja individu and RHK kinds (PermenPANRB 6/2022);
- the work modes an output log records (PermenPANRB 4/2025 Pasal 12);
- the period share of a yearly target (:func:`period_target`);
- wellbeing signals over a person's logged days (:func:`wellbeing_signals`): weeks over the
  required hours, runs of days without rest, work logged on holidays or leave, and the
  remote/on-site balance (UU 20/2023 makes ASN wellbeing a duty of the state);
- a default working-day calendar (weekends plus the national holidays and cuti bersama of the
  ``holidays`` package) for when the office's own calendar is not available.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType
from typing import Final, Protocol

from flexdesk.domain.performance import PeriodType
from flexdesk.errors import ConflictError

# --------------------------------------------------------------------------------------------
# SKP and RHK


class SkpStatus(StrEnum):
    """Where a yearly SKP stands. Only a draft can be edited; the supervisor approves it."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"


class SkpStep(StrEnum):
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


class WorkMode(StrEnum):
    """Where the work of a logged output was actually done.

    The flexible-work locations of PermenPANRB 4/2025 Pasal 12 (office, home, another
    location) plus dinas luar (official duty away under a surat tugas). The letters are the
    schedule's day codes, so a planned day converts with ``WorkMode(code.value)``.
    """

    WFO = "O"
    WFH = "H"
    WFA = "A"
    DINAS_LUAR = "D"

    @property
    def is_remote(self) -> bool:
        """Counts toward the remote side of the balance (PermenPANRB 4/2025 Pasal 13(1))."""
        return self in (WorkMode.WFH, WorkMode.WFA)

    @property
    def is_on_site(self) -> bool:
        return self is WorkMode.WFO


@dataclass(frozen=True)
class PlannedDay:
    """What the approved schedule says about one employee's day (from the schedule
    capability): the planned mode and location, or a leave/absence."""

    mode: WorkMode | None = None
    location: str = ""
    leave: str = ""  #: non-empty ("Cuti tahunan", "Sakit") when the day is leave/absence

    @property
    def is_leave(self) -> bool:
        return bool(self.leave)


def mode_mismatch(planned: PlannedDay | None, actual: WorkMode) -> bool:
    """True when the mode used differs from the approved schedule's plan.

    PermenPANRB 4/2025 leaves room for the unexpected (keadaan khusus, Pasal 10), so a
    mismatch is flagged for the supervisor, never refused.
    """
    return planned is not None and planned.mode is not None and planned.mode is not actual


# --------------------------------------------------------------------------------------------
# Working days


class WorkingDays(Protocol):
    """What recaps need from a calendar (the schedule capability's WorkingCalendar fits)."""

    def is_working_day(self, day: date) -> bool: ...

    def holiday_name(self, day: date) -> str | None: ...


@lru_cache(maxsize=32)
def _national_holidays(year: int) -> Mapping[date, str]:
    import holidays

    found = holidays.country_holidays(
        "ID", years=year, categories=("public", "government"), language="id"
    )
    return MappingProxyType({d: str(n) for d, n in found.items()})


class NationalCalendar:
    """Monday–Friday with national holidays and cuti bersama (SKB 3 Menteri, seeded from the
    ``holidays`` package, country ID); Perpres 21/2023 sets the 5-day week.

    Used when the office's own edited calendar is not available.
    """

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in _national_holidays(day.year)

    def holiday_name(self, day: date) -> str | None:
        return _national_holidays(day.year).get(day)


def count_working_days(calendar: WorkingDays, start: date, end: date) -> int:
    days = (end - start).days + 1
    return sum(1 for i in range(max(days, 0)) if calendar.is_working_day(start + timedelta(i)))


# --------------------------------------------------------------------------------------------
# Wellbeing


@dataclass(frozen=True)
class WellbeingThresholds:
    """When a pattern is worth the supervisor's attention (office settings with defaults)."""

    #: Perpres 21/2023: 37.5 working hours a week (excluding breaks)
    weekly_hours: float = 37.5
    #: longest run of consecutive days with logged work before it is flagged
    max_consecutive_days: int = 6
    #: PermenPANRB 4/2025 Pasal 13(1): at most 2 of 5 working days away from the office
    max_remote_share: float = 0.4


@dataclass(frozen=True)
class LoggedDay:
    """One day of one person's log, summed."""

    day: date
    minutes: int
    modes: frozenset[WorkMode]
    leave: str = ""  #: the planned leave, if the schedule says the day was leave


class SignalKind(StrEnum):
    OVER_HOURS = "over_hours"
    NO_REST = "no_rest"
    NON_WORKING_DAY = "non_working_day"
    REMOTE_BALANCE = "remote_balance"


@dataclass(frozen=True)
class WellbeingSignal:
    """One observation for the supervisor, with its words in both UI languages."""

    kind: SignalKind
    message: str
    message_en: str
    days: tuple[date, ...] = ()


def _fmt_hours(hours: float, comma: bool) -> str:
    text = f"{hours:.1f}"
    return text.replace(".", ",") if comma else text


def _d(day: date) -> str:
    return f"{day.day}/{day.month}"


def weekly_hours(days: Iterable[LoggedDay]) -> dict[date, float]:
    """Logged hours per week, keyed by the Monday of the week (weeks with logs only)."""
    weeks: dict[date, float] = {}
    for rec in days:
        monday = rec.day - timedelta(days=rec.day.weekday())
        weeks[monday] = weeks.get(monday, 0.0) + rec.minutes / 60
    return dict(sorted(weeks.items()))


def consecutive_runs(days: Iterable[date]) -> list[tuple[date, date]]:
    """Runs of consecutive calendar days, as (first, last)."""
    runs: list[tuple[date, date]] = []
    for day in sorted(set(days)):
        if runs and runs[-1][1] + timedelta(days=1) == day:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def wellbeing_signals(
    days: Sequence[LoggedDay],
    calendar: WorkingDays,
    thresholds: WellbeingThresholds = WellbeingThresholds(),
) -> list[WellbeingSignal]:
    """Patterns in a person's logged days that may hurt their wellbeing.

    UU 20/2023 on ASN makes employee wellbeing a duty of the state; Perpres 21/2023 sets the
    37.5-hour week; PermenPANRB 4/2025 Pasal 13(1) caps remote work at 2 days a week. These
    are signals for a conversation, never penalties.
    """
    signals: list[WellbeingSignal] = []
    for monday, hours in weekly_hours(days).items():
        if hours > thresholds.weekly_hours + 1e-9:
            limit = thresholds.weekly_hours
            signals.append(
                WellbeingSignal(
                    SignalKind.OVER_HOURS,
                    f"Minggu mulai {_d(monday)}: {_fmt_hours(hours, True)} jam tercatat, di atas "
                    f"{_fmt_hours(limit, True)} jam per minggu.",
                    f"Week of {_d(monday)}: {_fmt_hours(hours, False)} hours logged, above "
                    f"{_fmt_hours(limit, False)} hours a week.",
                    (monday,),
                )
            )
    worked = [d.day for d in days if d.minutes > 0]
    for first, last in consecutive_runs(worked):
        length = (last - first).days + 1
        if length > thresholds.max_consecutive_days:
            signals.append(
                WellbeingSignal(
                    SignalKind.NO_REST,
                    f"{length} hari berturut-turut bekerja tanpa hari istirahat "
                    f"({_d(first)}–{_d(last)}).",
                    f"{length} days in a row without a rest day ({_d(first)}–{_d(last)}).",
                    (first, last),
                )
            )
    off_days: list[date] = []
    reasons_id: list[str] = []
    reasons_en: list[str] = []
    for rec in days:
        if rec.minutes <= 0:
            continue
        if rec.leave:
            off_days.append(rec.day)
            reasons_id.append(f"{_d(rec.day)} ({rec.leave})")
            reasons_en.append(f"{_d(rec.day)} ({rec.leave})")
        elif not calendar.is_working_day(rec.day):
            name = calendar.holiday_name(rec.day)
            off_days.append(rec.day)
            reasons_id.append(f"{_d(rec.day)} ({name or 'akhir pekan'})")
            reasons_en.append(f"{_d(rec.day)} ({name or 'weekend'})")
    if off_days:
        signals.append(
            WellbeingSignal(
                SignalKind.NON_WORKING_DAY,
                f"Bekerja pada {len(off_days)} hari libur/cuti: {', '.join(reasons_id)}.",
                f"Worked on {len(off_days)} holiday/leave days: {', '.join(reasons_en)}.",
                tuple(off_days),
            )
        )
    remote = sum(1 for d in days if any(m.is_remote for m in d.modes))
    on_site = sum(1 for d in days if any(m.is_on_site for m in d.modes))
    if remote + on_site:
        share = remote / (remote + on_site)
        if share > thresholds.max_remote_share + 1e-9:
            limit_pct = round(thresholds.max_remote_share * 100)
            signals.append(
                WellbeingSignal(
                    SignalKind.REMOTE_BALANCE,
                    f"{remote} dari {remote + on_site} hari kerja dari luar kantor "
                    f"({round(share * 100)}%, batas {limit_pct}%).",
                    f"{remote} of {remote + on_site} days worked away from the office "
                    f"({round(share * 100)}%, limit {limit_pct}%).",
                )
            )
    return signals
