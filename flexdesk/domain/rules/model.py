"""The rules engine's plain data: rule ids and their descriptions, the violation a rule
returns, what a rule knows of an employee, a unit's head counts on a day, and the change one
edit makes to the violations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Severity = Literal["error", "warning"]

RULE_COVER = "cover.unit_day"
RULE_REMOTE_WEEK = "remote.week_limit"
RULE_REMOTE_MONTH = "remote.month_limit"
RULE_REMOTE_EXCLUDED = "remote.excluded"
RULE_NON_WORKING_DAY = "calendar.non_working_day"
RULE_WFA_LOCATION = "wfa.location_missing"
RULE_WEEKLY_HOURS = "hours.weekly"
RULE_MODE_NOT_ALLOWED = "mode.not_allowed"
RULE_LEAVE_KIND = "leave.kind_missing"
RULE_EMPLOYEE_INACTIVE = "employee.inactive"


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule, with a sentence for the supervisor in Indonesian and English.

    ``employee_id``/``unit_id``/``day`` locate it in the grid (the cell, or the unit's footer
    cell for cover); any of them may be None.
    """

    rule_id: str
    severity: Severity
    employee_id: str | None
    unit_id: str | None
    day: date | None
    message_id: str
    message_en: str

    def message(self, language: str = "id") -> str:
        """The message in ``language`` ("id" or "en")."""
        return self.message_en if language == "en" else self.message_id

    def sort_key(self) -> tuple[date, str, str, str, str]:
        """Order of the violations panel: day, unit, employee, rule, then the message."""
        return (
            self.day or date.min,
            self.unit_id or "",
            self.employee_id or "",
            self.rule_id,
            self.message_en,
        )


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """Description of a rule for the violations panel and the documentation."""

    rule_id: str
    title_id: str
    title_en: str
    source: str


#: Every rule, by id.
RULES: dict[str, RuleInfo] = {
    r.rule_id: r
    for r in (
        RuleInfo(
            RULE_COVER,
            "Cakupan pegawai di kantor per unit",
            "On-site cover per unit",
            "Pengaturan instansi (PermenPANRB 4/2025 Pasal 35: pemantauan oleh pimpinan unit)",
        ),
        RuleInfo(
            RULE_REMOTE_WEEK,
            "Batas hari kerja jarak jauh per minggu",
            "Remote-day limit per week",
            "PermenPANRB 4/2025 Pasal 13 ayat (1)",
        ),
        RuleInfo(
            RULE_REMOTE_MONTH,
            "Batas hari kerja jarak jauh per bulan",
            "Remote-day limit per month",
            "Pengaturan instansi",
        ),
        RuleInfo(
            RULE_REMOTE_EXCLUDED,
            "Pegawai/jabatan yang wajib di kantor",
            "Employee or position that must work on site",
            "PermenPANRB 4/2025 (tugas yang tidak dapat dilakukan di luar kantor; Pasal 25)",
        ),
        RuleInfo(
            RULE_NON_WORKING_DAY,
            "Jadwal kerja pada hari libur",
            "Work scheduled on a non-working day",
            "Perpres 21/2023 (hari kerja); SKB 3 Menteri (libur nasional dan cuti bersama)",
        ),
        RuleInfo(
            RULE_WFA_LOCATION,
            "WFA tanpa lokasi",
            "WFA without a location",
            "PermenPANRB 4/2025 Pasal 12",
        ),
        RuleInfo(
            RULE_WEEKLY_HOURS,
            "Jam kerja mingguan kurang",
            "Weekly hours below the requirement",
            "Perpres 21/2023 (37,5 jam per minggu; Ramadan 32,5 jam)",
        ),
        RuleInfo(
            RULE_MODE_NOT_ALLOWED,
            "Mode kerja tidak diizinkan",
            "Work mode not allowed",
            "Kebijakan kerja fleksibel instansi (PermenPANRB 4/2025)",
        ),
        RuleInfo(
            RULE_LEAVE_KIND,
            "Jenis cuti belum diisi",
            "Leave kind missing",
            "PP 11/2017 (jenis cuti PNS)",
        ),
        RuleInfo(
            RULE_EMPLOYEE_INACTIVE,
            "Jadwal di luar masa aktif pegawai",
            "Entry outside the employee's active dates",
            "Data kepegawaian",
        ),
    )
}


@dataclass(frozen=True, slots=True)
class RuleEmployee:
    """What the rules need to know about an employee.

    ``remote_excluded``: this employee must work on site (e.g. not eligible under Pasal 25:
    disciplinary penalty, new employee). ``remote_exception``: the Pasal 13 exception (duty
    that must be done outside, keadaan khusus) lifts the remote-day limits. ``position`` is
    matched against :attr:`FlexPolicy.excluded_positions`. ``active_from``/``active_until``
    (inclusive, None = open) bound the days the employee counts at all.
    """

    id: str
    name: str
    unit_id: str | None
    remote_excluded: bool = False
    remote_exception: bool = False
    position: str = ""
    active_from: date | None = None
    active_until: date | None = None

    def is_active(self, day: date) -> bool:
        """Whether ``day`` falls within the employee's active dates."""
        return (self.active_from is None or self.active_from <= day) and (
            self.active_until is None or day <= self.active_until
        )


@dataclass(frozen=True, slots=True)
class CoverCount:
    """Head counts of one unit on one day (the grid's footer row shows ``on_site``).

    ``members`` = ``on_site + remote + away + absent + unplanned``;
    ``available`` = ``members - away - absent``; ``required`` <= ``available`` except when the
    headcount minimum exceeds the people available.
    """

    unit_id: str
    day: date
    members: int  #: unit employees active that day
    on_site: int  #: WFO
    remote: int  #: WFH or WFA
    away: int  #: dinas luar
    absent: int  #: cuti, sakit, tugas belajar, libur
    unplanned: int  #: no entry yet
    required: int  #: on-site people the policy asks for (0 = no requirement)
    required_by_share: int
    required_by_headcount: int

    @property
    def available(self) -> int:
        """Members who could be called to the office: not away and not absent."""
        return self.members - self.away - self.absent

    @property
    def present(self) -> int:
        """On site, counting unplanned people as on site (the default place of work)."""
        return self.on_site + self.unplanned

    @property
    def satisfied(self) -> bool:
        """Whether the people present meet the policy's requirement."""
        return self.present >= self.required


@dataclass(frozen=True, slots=True)
class ViolationDelta:
    """What one edit changed: violations that appeared and violations that went away."""

    added: frozenset[Violation]
    removed: frozenset[Violation]

    def __bool__(self) -> bool:
        """True when the edit changed anything."""
        return bool(self.added or self.removed)
