"""Evaluation periods (monthly, quarterly, semester, annual): their date ranges and their
Indonesian labels."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from flexdesk.domain.dates import Lang, format_bulan_tahun


class PeriodType(StrEnum):
    """How often an office evaluates (PermenPANRB 6/2022 leaves it to the instansi)."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMESTER = "semester"
    ANNUAL = "annual"

    @property
    def periods_per_year(self) -> int:
        """How many periods of this type a year has."""
        return _PERIODS_PER_YEAR[self]


_PERIODS_PER_YEAR: Final[Mapping[PeriodType, int]] = MappingProxyType(
    {
        PeriodType.MONTHLY: 12,
        PeriodType.QUARTERLY: 4,
        PeriodType.SEMESTER: 2,
        PeriodType.ANNUAL: 1,
    }
)
_ROMAN: Final = ("I", "II", "III", "IV")


def _check_period(period_type: PeriodType, index: int) -> int:
    count = PeriodType(period_type).periods_per_year
    if not 1 <= index <= count:
        raise ValueError(f"{period_type} period index must be 1–{count}, got {index}")
    return count


def period_range(period_type: PeriodType, year: int, index: int = 1) -> tuple[date, date]:
    """First and last day (inclusive) of period ``index`` (1-based) of ``year``.

    Monthly 1–12, quarterly (triwulan) 1–4, semester 1–2, annual 1.
    """
    count = _check_period(period_type, index)
    months = 12 // count
    first_month = (index - 1) * months + 1
    last_month = first_month + months - 1
    last_day = calendar.monthrange(year, last_month)[1]
    return date(year, first_month, 1), date(year, last_month, last_day)


def period_index(period_type: PeriodType, d: date) -> int:
    """The 1-based index of the period of ``period_type`` that contains ``d``."""
    months = 12 // PeriodType(period_type).periods_per_year
    return (d.month - 1) // months + 1


def period_label(period_type: PeriodType, year: int, index: int = 1, lang: Lang = "id") -> str:
    """Human label: "Januari 2026", "Triwulan I 2026", "Semester II 2026", "Tahunan 2026"."""
    _check_period(period_type, index)
    match PeriodType(period_type):
        case PeriodType.MONTHLY:
            return format_bulan_tahun(year, index, lang)
        case PeriodType.QUARTERLY:
            word = "Triwulan" if lang == "id" else "Quarter"
            return f"{word} {_ROMAN[index - 1]} {year}"
        case PeriodType.SEMESTER:
            return f"Semester {_ROMAN[index - 1]} {year}"
        case PeriodType.ANNUAL:
            return f"{'Tahunan' if lang == 'id' else 'Annual'} {year}"
    raise AssertionError(period_type)  # pragma: no cover - match above is exhaustive
