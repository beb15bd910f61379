"""Working calendar: weekends, national holidays, cuti bersama and local holidays.

Indonesian national holidays and cuti bersama are set each year by a joint decree of three
ministers (SKB 3 Menteri) and sometimes revised mid-year; Islamic holidays follow the
government's own sighting. The ``holidays`` package (country ID) is only the seed: national
holidays are its PUBLIC category and cuti bersama its GOVERNMENT category. The admin can
replace a year's list (for instance from a CSV, :func:`parse_holiday_csv`), add local holidays
such as a regency's anniversary, and remove dates.

The grid asks about the same month many times, so each year is computed once into a dict and
every query after that is a dict lookup.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Literal

import holidays

from flexdesk.errors import ImportFileError, ValidationError

__all__ = [
    "CalendarDay",
    "DayKind",
    "HolidayKind",
    "HolidayRow",
    "WorkingCalendar",
    "estimate_ramadan",
    "library_holidays",
    "parse_holiday_csv",
]

DayKind = Literal["weekend", "national", "cuti_bersama", "local"]


class HolidayKind(StrEnum):
    """Kind of a non-working day other than the weekend."""

    NATIONAL = "national"  #: hari libur nasional
    CUTI_BERSAMA = "cuti_bersama"  #: collective leave (does not reduce an ASN's annual leave)
    LOCAL = "local"  #: regional or office holiday


_KIND_LITERAL: dict[HolidayKind, DayKind] = {
    HolidayKind.NATIONAL: "national",
    HolidayKind.CUTI_BERSAMA: "cuti_bersama",
    HolidayKind.LOCAL: "local",
}


@dataclass(frozen=True, slots=True)
class HolidayRow:
    """One holiday: its date, its name (Indonesian) and its kind."""

    day: date
    name: str
    kind: HolidayKind

    @property
    def year(self) -> int:
        return self.day.year


@dataclass(frozen=True, slots=True)
class CalendarDay:
    """What the grid needs to shade one column header."""

    day: date
    kind: DayKind | None  #: holiday kind, else "weekend", else None (a plain working day)
    name: str | None  #: holiday name; None on plain working days and plain weekends
    is_working: bool


# --------------------------------------------------------------------------------------------
# The library seed
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# The calendar
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# CSV import
# --------------------------------------------------------------------------------------------

_CSV_KINDS: dict[str, HolidayKind] = {
    "nasional": HolidayKind.NATIONAL,
    "cuti_bersama": HolidayKind.CUTI_BERSAMA,
    "cuti bersama": HolidayKind.CUTI_BERSAMA,
    "lokal": HolidayKind.LOCAL,
}
_COLUMNS = ("tanggal", "nama", "jenis")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_MAX_REPORTED = 10


def _parse_date(text: str) -> date | None:
    if m := _ISO.match(text):
        y, mo, d = (int(g) for g in m.groups())
    elif m := _DMY.match(text):
        d, mo, y = (int(g) for g in m.groups())
    else:
        return None
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def parse_holiday_csv(text: str) -> list[HolidayRow]:
    """Parse a holiday list: columns ``tanggal``, ``nama``, ``jenis``, header required.

    ``tanggal`` is YYYY-MM-DD or DD/MM/YYYY; ``jenis`` is nasional, cuti_bersama or lokal.
    A byte-order mark, ``;`` or ``,`` as delimiter (read from the header line), extra columns
    and blank lines are tolerated. All or nothing: any bad row raises
    :class:`ImportFileError` listing every problem with its line number, and nothing is
    returned. The same date twice with different names or kinds is an error; an exact repeat
    is kept once. Rows come back sorted by date.
    """
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    header_index = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if header_index is None:
        raise ImportFileError(
            "Berkas CSV hari libur kosong.", message_en="The holiday CSV file is empty."
        )
    header_line = lines[header_index]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    problems_id: list[str] = []
    problems_en: list[str] = []

    def problem(line: int, id_: str, en: str) -> None:
        problems_id.append(f"baris {line}: {id_}")
        problems_en.append(f"line {line}: {en}")

    header: list[str] | None = None
    index: dict[str, int] = {}
    seen: dict[date, tuple[int, HolidayRow]] = {}
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = [c.strip().lower() for c in cells]
                missing = [c for c in _COLUMNS if c not in header]
                if missing:
                    raise ImportFileError(
                        f"Berkas CSV hari libur tidak diimpor: baris {line} harus berupa kepala "
                        f"kolom tanggal, nama, jenis (tidak ada: {', '.join(missing)}).",
                        message_en=f"Holiday CSV not imported: line {line} must be the header "
                        f"tanggal, nama, jenis (missing: {', '.join(missing)}).",
                    )
                index = {c: header.index(c) for c in _COLUMNS}
                continue
            if len(cells) < len(header):
                problem(
                    line,
                    f"{len(cells)} kolom, seharusnya {len(header)}",
                    f"{len(cells)} columns, expected {len(header)}",
                )
                continue
            raw_date = cells[index["tanggal"]].strip()
            name = cells[index["nama"]].strip()
            raw_kind = cells[index["jenis"]].strip()
            day = _parse_date(raw_date)
            kind = _CSV_KINDS.get(raw_kind.lower())
            if day is None:
                problem(
                    line,
                    f"tanggal '{raw_date}' tidak valid (YYYY-MM-DD atau DD/MM/YYYY)",
                    f"invalid date '{raw_date}' (YYYY-MM-DD or DD/MM/YYYY)",
                )
            if not name:
                problem(line, "nama hari libur kosong", "empty holiday name")
            if kind is None:
                problem(
                    line,
                    f"jenis '{raw_kind}' tidak dikenal (nasional, cuti_bersama, lokal)",
                    f"unknown kind '{raw_kind}' (nasional, cuti_bersama, lokal)",
                )
            if day is None or kind is None or not name:
                continue
            row = HolidayRow(day, name, kind)
            previous = seen.get(day)
            if previous is None:
                seen[day] = (line, row)
            elif previous[1] != row:
                problem(
                    line,
                    f"tanggal {day:%d/%m/%Y} sudah ada di baris {previous[0]} "
                    f"dengan isi lain ('{previous[1].name}')",
                    f"date {day:%Y-%m-%d} already on line {previous[0]} "
                    f"with different content ('{previous[1].name}')",
                )
    except csv.Error as exc:
        problem(reader.line_num, f"format CSV rusak ({exc})", f"malformed CSV ({exc})")
    if header is None:  # pragma: no cover - the first non-blank line is always read
        raise ImportFileError(
            "Berkas CSV hari libur kosong.", message_en="The holiday CSV file is empty."
        )
    if problems_id:
        more = len(problems_id) - _MAX_REPORTED
        tail_id = f"; dan {more} masalah lain" if more > 0 else ""
        tail_en = f"; and {more} more problems" if more > 0 else ""
        raise ImportFileError(
            "Berkas CSV hari libur tidak diimpor: "
            + "; ".join(problems_id[:_MAX_REPORTED])
            + tail_id
            + ".",
            message_en="Holiday CSV not imported: "
            + "; ".join(problems_en[:_MAX_REPORTED])
            + tail_en
            + ".",
        )
    return [row for _, row in sorted(seen.values(), key=lambda v: v[1].day)]
