"""Schedule vocabulary: day codes, schedule entries, timetables and the versioned office policy.

Pure data and arithmetic; no Qt, no database. The rules that judge a schedule live in
:mod:`flexdesk.domain.rules`, the working calendar in :mod:`flexdesk.domain.calendar`.

Sources (see docs/domain.md):

* PermenPANRB 4/2025 on flexible work by ASN: locations (Pasal 12), at most 2 working days a week
  away from the office (Pasal 13(1)), time arrangements *sif*/*dinamis* (Pasal 17), monitoring
  by the unit head (Pasal 35). It is an option for the instansi, so every figure here is an
  office setting with a default, never a hard-coded truth.
* Perpres 21/2023 on working days and hours: 5 days, 37.5 hours a week excluding breaks
  (Ramadan 32.5), starting 07.30 (Ramadan 08.00).
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from flexdesk.errors import ValidationError

if TYPE_CHECKING:
    from flexdesk.domain.calendar import WorkingCalendar

__all__ = [
    "ABSENCE_CODES",
    "AWAY_CODES",
    "DAY_CODE_INFO",
    "LEAVE_CODES",
    "LEAVE_KIND_LABELS",
    "ON_SITE_CODES",
    "REMOTE_CODES",
    "WORKING_CODES",
    "WORK_MODES",
    "DayCategory",
    "DayCode",
    "DayCodeInfo",
    "FlexPolicy",
    "LeaveKind",
    "PolicyHistory",
    "ScheduleEntry",
    "Timetable",
    "WorkHours",
    "WorkMode",
    "expected_hours",
    "timetable_for",
]


# --------------------------------------------------------------------------------------------
# Day codes
# --------------------------------------------------------------------------------------------


class DayCode(StrEnum):
    """What an employee does on one day: the single letter a user types into a grid cell.

    The first three are the flexible-work *modes* of PermenPANRB 4/2025 Pasal 12 (office, home,
    another location); the rest are day types that are not a choice of work place.
    """

    WFO = "O"  #: work from office (kantor)
    WFH = "H"  #: work from home (rumah, the domicile in personnel records)
    WFA = "A"  #: work from another location (lokasi lain); needs a location text
    CUTI = "C"  #: leave, with a :class:`LeaveKind`
    SAKIT = "S"  #: sick
    DINAS_LUAR = "D"  #: official travel / duty outside the office under a surat tugas
    TUGAS_BELAJAR = "T"  #: study assignment
    LIBUR = "L"  #: scheduled day off (shift or dynamic hours, Pasal 17)

    @classmethod
    def parse(cls, text: str) -> DayCode:
        """The code for what a user typed: the letter (any case) or the member name.

        ``"W"`` is accepted as an alias of WFO because users coming from other tools type
        W for "work in the office". Raises :class:`ValidationError` for anything else.
        """
        key = text.strip().upper()
        if key == "W":
            return cls.WFO
        for code in cls:
            if key in (code.value, code.name):
                return code
        raise ValidationError(
            f"Kode hari '{text}' tidak dikenal. Gunakan O, H, A, C, S, D, T atau L.",
            message_en=f"Unknown day code '{text}'. Use O, H, A, C, S, D, T or L.",
            field="code",
        )


#: The name the style guide uses for the flexible-work modes (``WorkMode.WFA``). It is the same
#: enum as :class:`DayCode`; :data:`WORK_MODES` lists the members that are modes.
WorkMode = DayCode


class DayCategory(StrEnum):
    """How a day code counts for cover and for the remote-day limits."""

    ON_SITE = "on_site"  #: counts toward a unit's on-site cover
    REMOTE = "remote"  #: counts toward the Pasal 13(1) remote-day limit
    AWAY = "away"  #: working, but neither on site nor remote (dinas luar)
    ABSENT = "absent"  #: not working that day


class LeaveKind(StrEnum):
    """Kinds of cuti recorded with code C (PP 11/2017 Pasal 310; sick leave has its own code S).

    PPPK have fewer kinds (PP 49/2018); the service offers only those that apply.
    """

    TAHUNAN = "tahunan"
    BESAR = "besar"
    MELAHIRKAN = "melahirkan"
    ALASAN_PENTING = "alasan_penting"
    DI_LUAR_TANGGUNGAN_NEGARA = "di_luar_tanggungan_negara"


#: Indonesian and English labels of each leave kind.
LEAVE_KIND_LABELS: dict[LeaveKind, tuple[str, str]] = {
    LeaveKind.TAHUNAN: ("Cuti tahunan", "Annual leave"),
    LeaveKind.BESAR: ("Cuti besar", "Long-service leave"),
    LeaveKind.MELAHIRKAN: ("Cuti melahirkan", "Maternity leave"),
    LeaveKind.ALASAN_PENTING: ("Cuti karena alasan penting", "Leave for important reasons"),
    LeaveKind.DI_LUAR_TANGGUNGAN_NEGARA: (
        "Cuti di luar tanggungan negara",
        "Unpaid leave (outside state responsibility)",
    ),
}


@dataclass(frozen=True, slots=True)
class DayCodeInfo:
    """Legend data for one day code: labels, a background colour hint and its category."""

    code: DayCode
    short_id: str  #: short label for cells and messages, Indonesian
    label_id: str  #: legend label, Indonesian
    label_en: str  #: legend label, English
    colour: str  #: background colour hint (#RRGGBB, light so dark text stays readable)
    category: DayCategory


#: One row of the legend per code, in the order the legend shows them.
DAY_CODE_INFO: dict[DayCode, DayCodeInfo] = {
    info.code: info
    for info in (
        DayCodeInfo(DayCode.WFO, "WFO", "Kantor (WFO)", "Office (WFO)", "#C8E6C9",
                    DayCategory.ON_SITE),
        DayCodeInfo(DayCode.WFH, "WFH", "Rumah (WFH)", "Home (WFH)", "#BBDEFB",
                    DayCategory.REMOTE),
        DayCodeInfo(DayCode.WFA, "WFA", "Lokasi lain (WFA)", "Other location (WFA)", "#D1C4E9",
                    DayCategory.REMOTE),
        DayCodeInfo(DayCode.CUTI, "cuti", "Cuti", "Leave", "#FFE0B2", DayCategory.ABSENT),
        DayCodeInfo(DayCode.SAKIT, "sakit", "Sakit", "Sick", "#FFCDD2", DayCategory.ABSENT),
        DayCodeInfo(DayCode.DINAS_LUAR, "dinas luar", "Dinas luar", "Official travel",
                    "#B2EBF2", DayCategory.AWAY),
        DayCodeInfo(DayCode.TUGAS_BELAJAR, "tugas belajar", "Tugas belajar",
                    "Study assignment", "#F0F4C3", DayCategory.ABSENT),
        DayCodeInfo(DayCode.LIBUR, "libur", "Libur", "Day off", "#E0E0E0",
                    DayCategory.ABSENT),
    )
}  # fmt: skip

#: The flexible-work modes (PermenPANRB 4/2025 Pasal 12).
WORK_MODES: frozenset[DayCode] = frozenset({DayCode.WFO, DayCode.WFH, DayCode.WFA})
#: Codes that count toward a unit's on-site cover.
ON_SITE_CODES: frozenset[DayCode] = frozenset({DayCode.WFO})
#: Codes that count toward the remote-day limits (Pasal 13(1)).
REMOTE_CODES: frozenset[DayCode] = frozenset({DayCode.WFH, DayCode.WFA})
#: Working but away on official duty: neither cover nor remote. Dinas luar is ordered by a
#: surat tugas, not chosen under the flexible-work scheme, so it does not use up remote days.
AWAY_CODES: frozenset[DayCode] = frozenset({DayCode.DINAS_LUAR})
#: Not working that day.
ABSENCE_CODES: frozenset[DayCode] = frozenset(
    {DayCode.CUTI, DayCode.SAKIT, DayCode.TUGAS_BELAJAR, DayCode.LIBUR}
)
#: Codes whose day counts as worked hours (the timetable's hours unless the entry says).
WORKING_CODES: frozenset[DayCode] = WORK_MODES | AWAY_CODES
#: Absences that lower the weekly hours requirement. LIBUR is deliberately not one: a scheduled
#: day off under shift or dynamic hours (Pasal 17) keeps the weekly total, worked on other days.
LEAVE_CODES: frozenset[DayCode] = frozenset({DayCode.CUTI, DayCode.SAKIT, DayCode.TUGAS_BELAJAR})


# --------------------------------------------------------------------------------------------
# Schedule entry
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScheduleEntry:
    """One grid cell: what ``employee_id`` does on ``day``.

    ``location`` is the place of WFA work (required for WFA by the rules, PermenPANRB 4/2025
    Pasal 12) and may name a dinas luar destination. ``leave_kind`` is a :class:`LeaveKind`
    value and is only allowed with CUTI. ``hours`` are the planned working hours when known
    (shift or dynamic time); ``None`` means "the timetable's hours for that day".

    A plain string code ("H") is accepted and converted; bad values raise ValidationError.
    """

    employee_id: str
    day: date
    code: DayCode
    location: str = ""
    leave_kind: str | None = None
    hours: float | None = None

    def __post_init__(self) -> None:
        if not self.employee_id:
            raise ValidationError(
                "Jadwal tanpa pegawai.", message_en="Schedule entry without an employee."
            )
        if not isinstance(self.code, DayCode):
            object.__setattr__(self, "code", DayCode.parse(str(self.code)))
        if self.leave_kind is not None:
            if self.code is not DayCode.CUTI:
                raise ValidationError(
                    "Jenis cuti hanya untuk kode C (cuti).",
                    message_en="A leave kind is only allowed with code C (leave).",
                    field="leave_kind",
                )
            try:
                object.__setattr__(self, "leave_kind", LeaveKind(self.leave_kind))
            except ValueError:
                raise ValidationError(
                    f"Jenis cuti '{self.leave_kind}' tidak dikenal.",
                    message_en=f"Unknown leave kind '{self.leave_kind}'.",
                    field="leave_kind",
                ) from None
        if self.hours is not None and not (0 <= self.hours <= 24 and math.isfinite(self.hours)):
            raise ValidationError(
                f"Jam kerja {self.hours} tidak masuk akal (0–24 jam).",
                message_en=f"Working hours {self.hours} out of range (0–24).",
                field="hours",
            )

    @property
    def key(self) -> tuple[str, date]:
        """The grid cell this entry fills: (employee_id, day)."""
        return (self.employee_id, self.day)


# --------------------------------------------------------------------------------------------
# Timetable (Perpres 21/2023)
# --------------------------------------------------------------------------------------------


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


@dataclass(frozen=True, slots=True)
class WorkHours:
    """Office hours of one weekday: start, end and the break inside them."""

    start: time
    end: time
    break_start: time
    break_end: time

    def __post_init__(self) -> None:
        if not (self.start <= self.break_start <= self.break_end <= self.end):
            raise ValidationError(
                "Jam kerja tidak urut (mulai ≤ istirahat ≤ selesai).",
                message_en="Office hours out of order (start ≤ break ≤ end).",
            )

    @property
    def break_minutes(self) -> int:
        return _minutes(self.break_end) - _minutes(self.break_start)

    @property
    def hours(self) -> float:
        """Working hours excluding the break."""
        return (_minutes(self.end) - _minutes(self.start) - self.break_minutes) / 60


def _wh(start: str, end: str, break_start: str, break_end: str) -> WorkHours:
    return WorkHours(*(time.fromisoformat(t) for t in (start, end, break_start, break_end)))


@dataclass(frozen=True, slots=True)
class Timetable:
    """Office hours per weekday (index 0 = Monday ... 6 = Sunday; ``None`` = not a work day)."""

    name: str
    days: tuple[WorkHours | None, ...]

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise ValidationError(
                "Jadwal jam kerja harus berisi 7 hari.", message_en="A timetable needs 7 days."
            )

    def hours_on(self, weekday: int) -> float:
        wh = self.days[weekday]
        return wh.hours if wh is not None else 0.0

    @property
    def weekly_hours(self) -> float:
        return sum(self.hours_on(i) for i in range(7))


# Perpres 21/2023: 37.5 h a week excluding breaks, from 07.30; breaks 60 min, Friday 90 min.
#   Mon–Thu 07.30–16.00 = 8.5 h − 1 h break (12.00–13.00)   = 7.5 h  x 4 = 30.0 h
#   Fri     07.30–16.30 = 9.0 h − 1.5 h break (11.30–13.00) = 7.5 h          = 37.5 h/week
# (A Friday break of 11.30–13.30, as some summaries print it, would give 37 h: the 90-minute
# break of the Perpres is the one that adds up.)
PERPRES_5_DAY = Timetable(
    "Perpres 21/2023, 5 hari",
    (*(_wh("07:30", "16:00", "12:00", "13:00"),) * 4,
     _wh("07:30", "16:30", "11:30", "13:00"), None, None),
)  # fmt: skip

# Ramadan: 32.5 h from 08.00; breaks 30 min, Friday 60 min.
#   Mon–Thu 08.00–15.00 = 7.0 h − 0.5 h = 6.5 h x 4 = 26.0 h
#   Fri     08.00–15.30 = 7.5 h − 1.0 h = 6.5 h      = 32.5 h/week
PERPRES_5_DAY_RAMADAN = Timetable(
    "Perpres 21/2023, 5 hari, Ramadan",
    (*(_wh("08:00", "15:00", "12:00", "12:30"),) * 4,
     _wh("08:00", "15:30", "11:30", "12:30"), None, None),
)  # fmt: skip

# Perpres 21/2023 sets a 5-day week; units with operational or direct public-service duties may
# differ. FlexDesk's 6-day default keeps the same weekly totals (an office setting):
#   Mon–Thu 07.30–14.30 − 30 min = 6.5 h x 4 = 26.0; Fri 07.30–14.30 − 90 min = 5.5;
#   Sat 07.30–14.00 − 30 min = 6.0                                     → 37.5 h/week
SIX_DAY = Timetable(
    "6 hari",
    (*(_wh("07:30", "14:30", "12:00", "12:30"),) * 4,
     _wh("07:30", "14:30", "11:30", "13:00"),
     _wh("07:30", "14:00", "12:00", "12:30"), None),
)  # fmt: skip

#   Mon–Thu 08.00–14.00 − 30 min = 5.5 h x 4 = 22.0; Fri 08.00–14.00 − 60 min = 5.0;
#   Sat 08.00–14.00 − 30 min = 5.5                                     → 32.5 h/week
SIX_DAY_RAMADAN = Timetable(
    "6 hari, Ramadan",
    (*(_wh("08:00", "14:00", "12:00", "12:30"),) * 4,
     _wh("08:00", "14:00", "11:30", "12:30"),
     _wh("08:00", "14:00", "12:00", "12:30"), None),
)  # fmt: skip


def timetable_for(week_type: int, ramadan: bool) -> Timetable:
    """The default timetable for a 5- or 6-day week, normal or Ramadan."""
    if week_type == 5:
        return PERPRES_5_DAY_RAMADAN if ramadan else PERPRES_5_DAY
    if week_type == 6:
        return SIX_DAY_RAMADAN if ramadan else SIX_DAY
    raise ValidationError(
        f"Jenis minggu kerja {week_type} tidak dikenal (5 atau 6 hari).",
        message_en=f"Unknown week type {week_type} (5 or 6 days).",
        field="week_type",
    )


# --------------------------------------------------------------------------------------------
# Office policy, versioned by effective date
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
        def bad(id_: str, en: str, fld: str) -> ValidationError:
            return ValidationError(id_, message_en=en, field=fld)

        modes = frozenset(DayCode(m) for m in self.allowed_modes)
        object.__setattr__(self, "allowed_modes", modes)
        if not modes <= WORK_MODES:
            raise bad(
                "Mode kerja yang diizinkan hanya WFO, WFH dan WFA.",
                "Allowed modes can only be WFO, WFH and WFA.",
                "allowed_modes",
            )
        if DayCode.WFO not in modes:
            raise bad(
                "WFO (kantor) harus selalu diizinkan.",
                "WFO (office) must always be allowed.",
                "allowed_modes",
            )
        if self.max_remote_days_per_week is not None and not (
            0 <= self.max_remote_days_per_week <= 7
        ):
            raise bad(
                "Batas hari kerja jarak jauh per minggu harus 0–7.",
                "The weekly remote-day limit must be 0–7.",
                "max_remote_days_per_week",
            )
        if self.max_remote_days_per_month is not None and not (
            0 <= self.max_remote_days_per_month <= 31
        ):
            raise bad(
                "Batas hari kerja jarak jauh per bulan harus 0–31.",
                "The monthly remote-day limit must be 0–31.",
                "max_remote_days_per_month",
            )
        if self.min_onsite_share is not None and not (0.0 <= self.min_onsite_share <= 1.0):
            raise bad(
                "Porsi minimal di kantor harus antara 0 dan 100%.",
                "The minimum on-site share must be between 0 and 100%.",
                "min_onsite_share",
            )
        if self.min_onsite_headcount is not None and self.min_onsite_headcount < 0:
            raise bad(
                "Jumlah minimal pegawai di kantor tidak boleh negatif.",
                "The minimum on-site headcount cannot be negative.",
                "min_onsite_headcount",
            )
        if self.core_hours_start >= self.core_hours_end:
            raise bad(
                "Jam inti: jam mulai harus sebelum jam selesai.",
                "Core hours: the start must be before the end.",
                "core_hours_start",
            )
        if self.week_type not in (5, 6):
            raise bad(
                "Minggu kerja harus 5 atau 6 hari.",
                "The working week must be 5 or 6 days.",
                "week_type",
            )
        if not (0 < self.weekly_hours_required <= 84 and 0 < self.ramadan_weekly_hours <= 84):
            raise bad(
                "Jam kerja mingguan harus lebih dari 0.",
                "Weekly hours must be more than 0.",
                "weekly_hours_required",
            )
        for start, end in self.ramadan_periods:
            if start > end:
                raise bad(
                    f"Periode Ramadan {start:%d/%m/%Y}–{end:%d/%m/%Y} terbalik.",
                    f"Ramadan period {start:%Y-%m-%d}–{end:%Y-%m-%d} is reversed.",
                    "ramadan_periods",
                )
        for tt in (self.timetable, self.ramadan_timetable):
            if tt is not None and tt.weekly_hours <= 0:
                raise bad(
                    "Jadwal jam kerja tanpa jam kerja.",
                    "A timetable without working hours.",
                    "timetable",
                )
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
