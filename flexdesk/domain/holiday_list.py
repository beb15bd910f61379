"""Holiday lists before they make a calendar: the holiday row and its kinds, and the seed
taken from the ``holidays`` package (national holidays, cuti bersama, an estimate of Ramadan).

The ``holidays`` package (country ID) is only the seed: national holidays are its PUBLIC
category and cuti bersama its GOVERNMENT category; the SKB 3 Menteri is the final word.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

import holidays


class HolidayKind(StrEnum):
    """Kind of a non-working day other than the weekend."""

    NATIONAL = "national"  #: hari libur nasional
    CUTI_BERSAMA = "cuti_bersama"  #: collective leave (does not reduce an ASN's annual leave)
    LOCAL = "local"  #: regional or office holiday


@dataclass(frozen=True, slots=True)
class HolidayRow:
    """One holiday: its date, its name (Indonesian) and its kind."""

    day: date
    name: str
    kind: HolidayKind

    @property
    def year(self) -> int:
        """The holiday's year."""
        return self.day.year


@lru_cache(maxsize=64)
def library_holidays(year: int) -> tuple[HolidayRow, ...]:
    """National holidays and cuti bersama for ``year`` from the ``holidays`` package.

    Names are the package's Indonesian ones. A date present in both categories is national.
    These are estimates for future years (the package marks them); the SKB is the final word.
    """
    public = holidays.country_holidays("ID", years=year, categories=("public",), language="id")
    government = holidays.country_holidays(
        "ID", years=year, categories=("government",), language="id"
    )
    rows = [HolidayRow(d, str(n), HolidayKind.NATIONAL) for d, n in public.items()]
    rows += [
        HolidayRow(d, str(n), HolidayKind.CUTI_BERSAMA)
        for d, n in government.items()
        if d not in public
    ]
    return tuple(sorted(rows, key=lambda r: r.day))


def estimate_ramadan(year: int) -> list[tuple[date, date]]:
    """Estimated Ramadan periods ending in ``year`` (inclusive start, end).

    Derived from the ``holidays`` package's Idul Fitri (1 Syawal): Ramadan is taken as the 30
    days before it. The government's sighting may move either end by a day, so this only seeds
    :attr:`FlexPolicy.ramadan_periods` for the admin to correct. Some years hold two Idul Fitri
    (e.g. 2033), hence a list.
    """
    eid = holidays.country_holidays("ID", years=year, categories=("public",), language="en_US")
    days = sorted(
        d
        for d, name in eid.items()
        if str(name).startswith("Eid al-Fitr") and "Second" not in str(name)
    )
    return [(d - timedelta(days=30), d - timedelta(days=1)) for d in days]
