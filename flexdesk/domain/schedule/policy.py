"""The office's flexible-work policy, versioned by effective date: one version
(:class:`FlexPolicy`), the history that answers which version was in force on a day
(:class:`PolicyHistory`), and the hours expected of an employee on a day."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from flexdesk.domain.schedule.codes import WORK_MODES, DayCode
from flexdesk.domain.schedule.timetable import Timetable, timetable_for
from flexdesk.errors import ValidationError

if TYPE_CHECKING:
    from flexdesk.domain.calendar import WorkingCalendar

# --------------------------------------------------------------------------------------------

WeekType = Literal[5, 6]


def _normalise_position(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True, slots=True)
class FlexPolicy:
    """The office's flexible-work policy (Pengaturan > Kebijakan kerja fleksibel), one version.

    A version is in force from ``effective_from`` until the next version starts, so a past
    schedule is judged by the policy that applied then (see :class:`PolicyHistory`).

    Defaults follow docs/domain.md: at most 2 remote days a week (PermenPANRB 4/2025 Pasal
    13(1)); 37.5 h a week, 32.5 h in Ramadan (Perpres 21/2023). There is no national cover
    figure (Pasal 35 leaves monitoring to the instansi; precedents range from 20% to 30% of a
    unit away), so ``min_onsite_share=0.5`` is FlexDesk's starting value for the office to
    change. ``None`` switches a limit off.
    """

    effective_from: date
    #: Work modes the office permits. WFO is always required: the office is the default place.
    allowed_modes: frozenset[DayCode] = WORK_MODES
    max_remote_days_per_week: int | None = 2
    max_remote_days_per_month: int | None = None
    #: Minimum share of a unit's employees on duty that day who must be in the office.
    min_onsite_share: float | None = 0.5
    #: Minimum number of a unit's employees in the office on a working day.
    min_onsite_headcount: int | None = None
    #: Hours everyone must be reachable (not defined nationally; an office setting).
    core_hours_start: time = time(9, 0)
    core_hours_end: time = time(14, 0)
    week_type: WeekType = 5
    weekly_hours_required: float = 37.5
    ramadan_weekly_hours: float = 32.5
    #: Ramadan date ranges, inclusive, one or more per year (see calendar.estimate_ramadan).
    ramadan_periods: tuple[tuple[date, date], ...] = ()
    #: Positions (jabatan) that must work on site, e.g. front-line service roles.
    excluded_positions: tuple[str, ...] = ()
    #: Whether remote days need the supervisor's approval (enforced by the services).
    remote_needs_approval: bool = True
    #: Custom timetables; ``None`` = the default for ``week_type`` (:func:`timetable_for`).
    timetable: Timetable | None = None
    ramadan_timetable: Timetable | None = None
    _excluded_keys: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        modes = frozenset(DayCode(m) for m in self.allowed_modes)
        object.__setattr__(self, "allowed_modes", modes)
        _check_modes(modes)
        _check_limits(self)
        _check_hours(self)
        object.__setattr__(
            self,
            "_excluded_keys",
            frozenset(_normalise_position(p) for p in self.excluded_positions if p.strip()),
        )

    def is_ramadan(self, day: date) -> bool:
        """Whether ``day`` falls in one of the configured Ramadan periods."""
        return any(start <= day <= end for start, end in self.ramadan_periods)

    def timetable_in_effect(self, ramadan: bool) -> Timetable:
        """The timetable used for expected hours (custom or the week type's default)."""
        custom = self.ramadan_timetable if ramadan else self.timetable
        return custom if custom is not None else timetable_for(self.week_type, ramadan)

    def is_position_excluded(self, position: str) -> bool:
        """Whether a jabatan is on the excluded list (case and spacing ignored)."""
        return bool(position) and _normalise_position(position) in self._excluded_keys

    def daily_hours(self, weekday: int, ramadan: bool) -> float:
        """Required hours on a working weekday, before holidays are considered.

        The timetable gives the shape of the week; the policy's weekly figure gives the total:
        each day's hours are scaled by ``weekly_required / timetable.weekly_hours`` so an office
        that sets, say, 40 hours keeps the timetable's proportions. With the defaults the factor
        is exactly 1.
        """
        return _daily_hours(self.timetable_in_effect(ramadan), self._weekly(ramadan), weekday)

    def _weekly(self, ramadan: bool) -> float:
        return self.ramadan_weekly_hours if ramadan else self.weekly_hours_required


def _bad(id_: str, en: str, fld: str) -> ValidationError:
    return ValidationError(id_, message_en=en, field=fld)


def _check_modes(modes: frozenset[DayCode]) -> None:
    """Only the work modes, and always WFO."""
    if not modes <= WORK_MODES:
        raise _bad(
            "Mode kerja yang diizinkan hanya WFO, WFH dan WFA.",
            "Allowed modes can only be WFO, WFH and WFA.",
            "allowed_modes",
        )
    if DayCode.WFO not in modes:
        raise _bad(
            "WFO (kantor) harus selalu diizinkan.",
            "WFO (office) must always be allowed.",
            "allowed_modes",
        )


def _check_limits(policy: FlexPolicy) -> None:
    """The remote-day limits and the on-site cover figures are in range."""
    if policy.max_remote_days_per_week is not None and not (
        0 <= policy.max_remote_days_per_week <= 7
    ):
        raise _bad(
            "Batas hari kerja jarak jauh per minggu harus 0–7.",
            "The weekly remote-day limit must be 0–7.",
            "max_remote_days_per_week",
        )
    if policy.max_remote_days_per_month is not None and not (
        0 <= policy.max_remote_days_per_month <= 31
    ):
        raise _bad(
            "Batas hari kerja jarak jauh per bulan harus 0–31.",
            "The monthly remote-day limit must be 0–31.",
            "max_remote_days_per_month",
        )
    if policy.min_onsite_share is not None and not (0.0 <= policy.min_onsite_share <= 1.0):
        raise _bad(
            "Porsi minimal di kantor harus antara 0 dan 100%.",
            "The minimum on-site share must be between 0 and 100%.",
            "min_onsite_share",
        )
    if policy.min_onsite_headcount is not None and policy.min_onsite_headcount < 0:
        raise _bad(
            "Jumlah minimal pegawai di kantor tidak boleh negatif.",
            "The minimum on-site headcount cannot be negative.",
            "min_onsite_headcount",
        )


def _check_hours(policy: FlexPolicy) -> None:
    """Core hours, week type, weekly hours, Ramadan periods and timetables make sense."""
    if policy.core_hours_start >= policy.core_hours_end:
        raise _bad(
            "Jam inti: jam mulai harus sebelum jam selesai.",
            "Core hours: the start must be before the end.",
            "core_hours_start",
        )
    if policy.week_type not in (5, 6):
        raise _bad(
            "Minggu kerja harus 5 atau 6 hari.",
            "The working week must be 5 or 6 days.",
            "week_type",
        )
    if not (0 < policy.weekly_hours_required <= 84 and 0 < policy.ramadan_weekly_hours <= 84):
        raise _bad(
            "Jam kerja mingguan harus lebih dari 0.",
            "Weekly hours must be more than 0.",
            "weekly_hours_required",
        )
    for start, end in policy.ramadan_periods:
        if start > end:
            raise _bad(
                f"Periode Ramadan {start:%d/%m/%Y}–{end:%d/%m/%Y} terbalik.",
                f"Ramadan period {start:%Y-%m-%d}–{end:%Y-%m-%d} is reversed.",
                "ramadan_periods",
            )
    for tt in (policy.timetable, policy.ramadan_timetable):
        if tt is not None and tt.weekly_hours <= 0:
            raise _bad(
                "Jadwal jam kerja tanpa jam kerja.",
                "A timetable without working hours.",
                "timetable",
            )


@lru_cache(maxsize=256)
def _daily_hours(tt: Timetable, weekly_required: float, weekday: int) -> float:
    base = tt.hours_on(weekday)
    total = tt.weekly_hours
    if base == 0 or total == 0:
        return 0.0
    return base if total == weekly_required else base * weekly_required / total


def expected_hours(day: date, policy: FlexPolicy, calendar: WorkingCalendar) -> float:
    """Hours an employee is expected to work on ``day`` under ``policy``.

    0 on days the calendar says are not working days (weekends, national holidays, cuti
    bersama, local holidays); otherwise the policy's timetable for that weekday, Ramadan or
    not (Perpres 21/2023). The default 5-day week gives 7.5 h Monday to Friday (37.5 h/week)
    and 6.5 h in Ramadan (32.5 h/week).
    """
    if not calendar.is_working_day(day):
        return 0.0
    return policy.daily_hours(day.weekday(), policy.is_ramadan(day))


class PolicyHistory:
    """All versions of the office policy; answers "which version was in force on this day?".

    Versions are kept sorted by ``effective_from``; two versions starting the same day are an
    error. The history is immutable: :meth:`with_version` returns a new one.
    """

    __slots__ = ("_cache", "_starts", "_versions")

    def __init__(self, versions: Iterable[FlexPolicy]) -> None:
        ordered = sorted(versions, key=lambda p: p.effective_from)
        for a, b in itertools.pairwise(ordered):
            if a.effective_from == b.effective_from:
                raise ValidationError(
                    f"Dua versi kebijakan berlaku mulai tanggal yang sama ({a.effective_from}).",
                    message_en=f"Two policy versions start on the same day ({a.effective_from}).",
                    field="effective_from",
                )
        self._versions: tuple[FlexPolicy, ...] = tuple(ordered)
        self._starts: list[date] = [p.effective_from for p in ordered]
        self._cache: dict[date, FlexPolicy] = {}

    @property
    def versions(self) -> tuple[FlexPolicy, ...]:
        """All versions, oldest first."""
        return self._versions

    def policy_for(self, day: date) -> FlexPolicy:
        """The version in force on ``day``: the latest whose ``effective_from`` <= ``day``."""
        try:
            return self._cache[day]
        except KeyError:
            pass
        i = bisect.bisect_right(self._starts, day)
        if i == 0:
            raise ValidationError(
                f"Belum ada kebijakan kerja fleksibel yang berlaku pada {day:%d/%m/%Y}.",
                message_en=f"No flexible-work policy is in force on {day:%Y-%m-%d}.",
            )
        policy = self._versions[i - 1]
        if len(self._cache) < 8192:
            self._cache[day] = policy
        return policy

    def versions_between(self, start: date, end: date) -> tuple[FlexPolicy, ...]:
        """Every version in force on at least one day of ``start``..``end`` (inclusive)."""
        first = max(bisect.bisect_right(self._starts, start) - 1, 0)
        last = bisect.bisect_right(self._starts, end)
        return self._versions[first:last]

    def with_version(self, policy: FlexPolicy) -> PolicyHistory:
        """A new history with ``policy`` added (replacing a version with the same start)."""
        kept = [p for p in self._versions if p.effective_from != policy.effective_from]
        return PolicyHistory([*kept, policy])

    def __len__(self) -> int:
        return len(self._versions)

    def __repr__(self) -> str:
        return f"PolicyHistory({list(self._starts)!r})"
