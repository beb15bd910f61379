"""What a printed schedule sheet holds, as plain data the service layer fills (days, units with
their rows and on-site totals, legend, signature), and the checks made before printing it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors

from flexdesk.errors import ValidationError
from flexdesk.reports.layout import Letterhead, PaperName


@dataclass(frozen=True, slots=True)
class ScheduleDay:
    """One column: the date and whether it is a weekend or a holiday (cuti bersama too)."""

    day: date
    weekend: bool = False
    holiday: bool = False
    holiday_name: str = ""

    @property
    def off(self) -> bool:
        """A weekend day or a holiday: the column is shaded."""
        return self.weekend or self.holiday


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """A code as printed in the grid, what it means, and its cell colour ("#RRGGBB")."""

    code: str
    label: str
    colour: str = "#FFFFFF"


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    """One employee: printed name (with gelar), NIP (may be empty) and one code per day."""

    name: str
    nip: str
    codes: Sequence[str]


@dataclass(frozen=True, slots=True)
class UnitGroup:
    """A work unit's rows and its on-site headcount per day (``None`` on days off)."""

    name: str
    rows: Sequence[ScheduleRow]
    onsite_totals: Sequence[int | None] = ()
    #: cover the office policy requires; totals below it are flagged in red
    minimum_onsite: int | None = None


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    """Place, date and the approver (title, name, NIP) under the sheet."""

    place: str
    sign_date: date | None
    approver_title: str  # e.g. "Kepala UPTD Puskesmas Cigugur"
    approver_name: str
    approver_nip: str = ""


@dataclass(frozen=True, slots=True)
class ScheduleSheetData:
    """Everything one sheet prints: title, letterhead, period, days, units, legend, signature."""

    title: str
    letterhead: Letterhead
    period_label: str
    days: Sequence[ScheduleDay]
    units: Sequence[UnitGroup]
    legend: Sequence[LegendEntry]
    signature: SignatureBlock | None = None
    paper: PaperName = "A4"
    note: str = ""


def invalid(message: str, message_en: str) -> ValidationError:
    return ValidationError(message, message_en=message_en)


def legend_colour(entry: LegendEntry) -> colors.Color:
    """The entry's cell colour; a colour that is not #RRGGBB raises ValidationError."""
    try:
        return colors.HexColor(entry.colour)
    except (ValueError, TypeError) as exc:
        raise invalid(
            f"Warna legenda untuk kode {entry.code!r} tidak valid: {entry.colour!r} "
            "(gunakan format #RRGGBB).",
            f"Invalid legend colour for code {entry.code!r}: {entry.colour!r} (use #RRGGBB).",
        ) from exc


def validate_sheet(data: ScheduleSheetData) -> None:
    """Every row and every totals row has one value per day of the period."""
    n = len(data.days)
    if n == 0:
        raise invalid("Jadwal tidak memuat satu hari pun.", "The schedule has no days.")
    for unit in data.units:
        for row in unit.rows:
            if len(row.codes) != n:
                raise invalid(
                    f"Baris {row.name} ({unit.name}) berisi {len(row.codes)} kode, padahal "
                    f"periodenya {n} hari.",
                    f"Row {row.name} ({unit.name}) has {len(row.codes)} codes for a {n}-day "
                    "period.",
                )
        if unit.onsite_totals and len(unit.onsite_totals) != n:
            raise invalid(
                f"Jumlah di kantor untuk unit {unit.name} berisi {len(unit.onsite_totals)} "
                f"angka, padahal periodenya {n} hari.",
                f"On-site totals for unit {unit.name} have {len(unit.onsite_totals)} values for "
                f"a {n}-day period.",
            )
