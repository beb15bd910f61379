"""Working calendar: weekends, national holidays, cuti bersama and local holidays.

Indonesian national holidays and cuti bersama are set each year by a joint decree of three
ministers (SKB 3 Menteri) and sometimes revised mid-year; Islamic holidays follow the
government's own sighting. The ``holidays`` package (country ID) is only the seed: national
holidays are its PUBLIC category and cuti bersama its GOVERNMENT category. The admin can
replace a year's list (for instance from a CSV, :func:`parse_holiday_csv`), add local holidays
such as a regency's anniversary, and remove dates. The rows and the seed are in
:mod:`flexdesk.domain.holiday_list`, the CSV import in :mod:`flexdesk.domain.holiday_csv`;
both are importable from here as before.

The grid asks about the same month many times, so each year is computed once into a dict and
every query after that is a dict lookup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, Protocol

from flexdesk.domain.holiday_csv import parse_holiday_csv
from flexdesk.domain.holiday_list import (
    HolidayKind,
    HolidayRow,
    estimate_ramadan,
    library_holidays,
)
from flexdesk.errors import ValidationError

__all__ = [
    "CalendarDay",
    "DayKind",
    "HolidayKind",
    "HolidayRow",
    "NationalCalendar",
    "WorkingCalendar",
    "WorkingDays",
    "count_working_days",
    "estimate_ramadan",
    "library_holidays",
    "parse_holiday_csv",
]

DayKind = Literal["weekend", "national", "cuti_bersama", "local"]

_KIND_LITERAL: dict[HolidayKind, DayKind] = {
    HolidayKind.NATIONAL: "national",
    HolidayKind.CUTI_BERSAMA: "cuti_bersama",
    HolidayKind.LOCAL: "local",
}


@dataclass(frozen=True, slots=True)
class CalendarDay:
    """What the grid needs to shade one column header."""

    day: date
    kind: DayKind | None  #: holiday kind, else "weekend", else None (a plain working day)
    name: str | None  #: holiday name; None on plain working days and plain weekends
    is_working: bool


class WorkingDays(Protocol):
    """What recaps need from a calendar (:class:`WorkingCalendar` fits)."""

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day."""
        ...

    def holiday_name(self, day: date) -> str | None:
        """The holiday's name on ``day``, or None."""
        ...


class WorkingCalendar:
    """Which days are working days for an office.

    ``week_type`` 5 makes Saturday and Sunday the weekend, 6 only Sunday. For each year the
    holiday list is, in order:

    1. ``overrides[year]`` when given (the admin-edited list replaces the library's list for
       that year entirely), else :func:`library_holidays` (when ``use_library``);
    2. plus ``additions`` of that year (local holidays, extra cuti bersama; an addition on a
       date already listed replaces that entry);
    3. minus ``removals`` (e.g. a cuti bersama cancelled by a revised SKB).

    ``years`` are computed at construction; any other year on first use. Instances are
    treated as immutable: :meth:`with_year` returns a new calendar.
    """

    __slots__ = (
        "_additions",
        "_holidays",
        "_months",
        "_overrides",
        "_removals",
        "_use_library",
        "_working",
        "_years_loaded",
        "week_type",
    )

    def __init__(
        self,
        week_type: int = 5,
        *,
        years: Iterable[int] = (),
        overrides: Mapping[int, Iterable[HolidayRow]] | None = None,
        additions: Iterable[HolidayRow] = (),
        removals: Iterable[date] = (),
        use_library: bool = True,
    ) -> None:
        if week_type not in (5, 6):
            raise ValidationError(
                "Minggu kerja harus 5 atau 6 hari.",
                message_en="The working week must be 5 or 6 days.",
                field="week_type",
            )
        self.week_type = week_type
        self._use_library = use_library
        self._overrides: dict[int, tuple[HolidayRow, ...]] = {}
        for year, given in (overrides or {}).items():
            rows = tuple(given)
            for row in rows:
                if row.day.year != year:
                    raise ValidationError(
                        f"Hari libur {row.day:%d/%m/%Y} tidak termasuk tahun {year}.",
                        message_en=f"Holiday {row.day:%Y-%m-%d} is not in year {year}.",
                    )
            self._overrides[year] = rows
        self._additions: dict[int, list[HolidayRow]] = {}
        for row in additions:
            self._additions.setdefault(row.day.year, []).append(row)
        self._removals: frozenset[date] = frozenset(removals)
        self._holidays: dict[date, tuple[DayKind, str]] = {}
        self._working: dict[date, bool] = {}
        self._months: dict[tuple[int, int], tuple[CalendarDay, ...]] = {}
        self._years_loaded: set[int] = set()
        for year in years:
            self._load(year)

    # -- building ----------------------------------------------------------------------------

    def _load(self, year: int) -> None:
        if year in self._years_loaded:
            return
        if not 1900 <= year <= 2200:
            raise ValidationError(
                f"Tahun {year} di luar jangkauan kalender.",
                message_en=f"Year {year} is outside the calendar's range.",
            )
        if year in self._overrides:
            rows: list[HolidayRow] = list(self._overrides[year])
        elif self._use_library:
            rows = list(library_holidays(year))
        else:
            rows = []
        table: dict[date, tuple[DayKind, str]] = {}
        for row in rows:
            if row.day in table:  # two names on one day: keep both, the first kind wins
                kind, name = table[row.day]
                table[row.day] = (kind, f"{name}; {row.name}")
            else:
                table[row.day] = (_KIND_LITERAL[row.kind], row.name)
        for row in self._additions.get(year, ()):
            table[row.day] = (_KIND_LITERAL[row.kind], row.name)
        for d in self._removals:
            if d.year == year:
                table.pop(d, None)
        weekend = {5, 6} if self.week_type == 5 else {6}
        d = date(year, 1, 1)
        one = timedelta(days=1)
        while d.year == year:
            self._working[d] = d.weekday() not in weekend and d not in table
            d += one
        self._holidays.update(table)
        self._years_loaded.add(year)

    def with_year(self, year: int, rows: Iterable[HolidayRow]) -> WorkingCalendar:
        """A new calendar where ``rows`` replace the whole holiday list of ``year``."""
        overrides = dict(self._overrides)
        overrides[year] = tuple(rows)
        return WorkingCalendar(
            self.week_type,
            years=sorted(self._years_loaded | {year}),
            overrides=overrides,
            additions=[r for rs in self._additions.values() for r in rs],
            removals=self._removals,
            use_library=self._use_library,
        )

    # -- queries -----------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        """Not a weekend day (for the week type) and not a holiday of any kind."""
        try:
            return self._working[day]
        except KeyError:
            self._load(day.year)
            return self._working[day]

    def holiday_name(self, day: date) -> str | None:
        """The holiday's name, or None (also None on a plain weekend day)."""
        if day.year not in self._years_loaded:
            self._load(day.year)
        entry = self._holidays.get(day)
        return entry[1] if entry else None

    def kind(self, day: date) -> DayKind | None:
        """The day's kind: a holiday kind, "weekend", or None for a working day.

        "national", "cuti_bersama" or "local" win over "weekend", so a holiday falling on a
        Sunday still shows its name; other weekend days are "weekend".
        """
        if day.year not in self._years_loaded:
            self._load(day.year)
        entry = self._holidays.get(day)
        if entry:
            return entry[0]
        return None if self._working[day] else "weekend"

    def working_days(self, start: date, end: date) -> list[date]:
        """Working days from ``start`` to ``end``, both inclusive."""
        out: list[date] = []
        d = start
        one = timedelta(days=1)
        while d <= end:
            if self.is_working_day(d):
                out.append(d)
            d += one
        return out

    def month(self, year: int, month: int) -> tuple[CalendarDay, ...]:
        """Every day of a month with its kind and name, cached (for the grid's headers)."""
        key = (year, month)
        cached = self._months.get(key)
        if cached is not None:
            return cached
        d = date(year, month, 1)
        days: list[CalendarDay] = []
        one = timedelta(days=1)
        while d.month == month:
            days.append(CalendarDay(d, self.kind(d), self.holiday_name(d), self.is_working_day(d)))
            d += one
        result = tuple(days)
        self._months[key] = result
        return result

    def holidays_in_year(self, year: int) -> list[HolidayRow]:
        """The effective holiday list of ``year`` (after overrides, additions and removals)."""
        self._load(year)
        by_literal = {v: k for k, v in _KIND_LITERAL.items()}
        return [
            HolidayRow(d, name, by_literal[kind])
            for d, (kind, name) in sorted(self._holidays.items())
            if d.year == year
        ]

    def __repr__(self) -> str:
        return f"WorkingCalendar(week_type={self.week_type}, years={sorted(self._years_loaded)})"


class NationalCalendar(WorkingCalendar):
    """Monday–Friday with the library's national holidays and cuti bersama (SKB 3 Menteri,
    seeded from the ``holidays`` package, country ID); Perpres 21/2023 sets the 5-day week.

    Used when the office's own edited calendar is not available.
    """

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(5)


def count_working_days(calendar: WorkingDays, start: date, end: date) -> int:
    """How many working days ``calendar`` has from ``start`` to ``end`` inclusive (0 when the
    range is empty)."""
    days = (end - start).days + 1
    return sum(1 for i in range(max(days, 0)) if calendar.is_working_day(start + timedelta(i)))
