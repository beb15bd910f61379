"""Day codes: the letter a user types into a grid cell, its legend entry and category, the kinds
of leave, and the sets of codes the rules count with."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flexdesk.errors import ValidationError


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
