"""Wellbeing signals over a person's logged days, for a conversation with the supervisor:
weeks over the required hours, runs of days without rest, work logged on holidays or leave,
and the remote/on-site balance (UU 20/2023 makes ASN wellbeing a duty of the state)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from flexdesk.domain.calendar import WorkingDays
from flexdesk.domain.work_modes import WorkMode


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
    """What a wellbeing signal is about."""

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


def _over_hours(days: Sequence[LoggedDay], limit: float) -> list[WellbeingSignal]:
    """One signal per week whose logged hours pass ``limit``."""
    signals: list[WellbeingSignal] = []
    for monday, hours in weekly_hours(days).items():
        if hours > limit + 1e-9:
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
    return signals


def _no_rest(days: Sequence[LoggedDay], max_days: int) -> list[WellbeingSignal]:
    """One signal per run of worked days longer than ``max_days``."""
    signals: list[WellbeingSignal] = []
    worked = [d.day for d in days if d.minutes > 0]
    for first, last in consecutive_runs(worked):
        length = (last - first).days + 1
        if length > max_days:
            signals.append(
                WellbeingSignal(
                    SignalKind.NO_REST,
                    f"{length} hari berturut-turut bekerja tanpa hari istirahat "
                    f"({_d(first)}–{_d(last)}).",
                    f"{length} days in a row without a rest day ({_d(first)}–{_d(last)}).",
                    (first, last),
                )
            )
    return signals


def _off_days(days: Sequence[LoggedDay], calendar: WorkingDays) -> WellbeingSignal | None:
    """Work logged on days of leave, holidays or weekends, in one signal."""
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
    if not off_days:
        return None
    return WellbeingSignal(
        SignalKind.NON_WORKING_DAY,
        f"Bekerja pada {len(off_days)} hari libur/cuti: {', '.join(reasons_id)}.",
        f"Worked on {len(off_days)} holiday/leave days: {', '.join(reasons_en)}.",
        tuple(off_days),
    )


def _remote_balance(days: Sequence[LoggedDay], max_share: float) -> WellbeingSignal | None:
    """A signal when the share of days worked away from the office passes ``max_share``."""
    remote = sum(1 for d in days if any(m.is_remote for m in d.modes))
    on_site = sum(1 for d in days if any(m.is_on_site for m in d.modes))
    if not remote + on_site:
        return None
    share = remote / (remote + on_site)
    if share <= max_share + 1e-9:
        return None
    limit_pct = round(max_share * 100)
    return WellbeingSignal(
        SignalKind.REMOTE_BALANCE,
        f"{remote} dari {remote + on_site} hari kerja dari luar kantor "
        f"({round(share * 100)}%, batas {limit_pct}%).",
        f"{remote} of {remote + on_site} days worked away from the office "
        f"({round(share * 100)}%, limit {limit_pct}%).",
    )


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
    signals = _over_hours(days, thresholds.weekly_hours)
    signals += _no_rest(days, thresholds.max_consecutive_days)
    off = _off_days(days, calendar)
    if off is not None:
        signals.append(off)
    balance = _remote_balance(days, thresholds.max_remote_share)
    if balance is not None:
        signals.append(balance)
    return signals
