"""The office's working calendar: the library's holidays, or the year's list the admin keeps.

A year the admin has never touched uses the ``holidays`` package (national holidays and cuti
bersama, estimates for Islamic dates). Editing or importing a year stores that year's whole
list in the database (``calendar_years`` + ``calendar_holidays``): from then on the stored list
is the truth for that year (the SKB 3 Menteri, revisions, local holidays).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.models_schedule import CalendarHoliday, CalendarYear
from flexdesk.domain.calendar import (
    HolidayKind,
    HolidayRow,
    WorkingCalendar,
    library_holidays,
    parse_holiday_csv,
)
from flexdesk.errors import ImportFileError, ValidationError
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.validation import one_line, parse_enum
from flexdesk.sync._fs import open_regular

#: a holiday list is a few dozen lines; anything this big is the wrong file
MAX_CSV_BYTES = 512 * 1024

ImportMode = Literal["replace", "merge"]


@dataclass(frozen=True)
class YearHolidays:
    """A year's effective holiday list and where it comes from."""

    year: int
    rows: tuple[HolidayRow, ...]
    office_kept: bool  #: True: the admin's list; False: the library's estimate
    source: str  #: "library", "manual" or "csv"
    changed_at: datetime | None = None


@dataclass(frozen=True)
class ImportResult:
    """The years a holiday CSV import wrote (replaced or merged) and the holidays the file held."""

    years: tuple[int, ...]
    count: int


def office_calendar(
    session: Session, week_type: int = 5, years: Iterable[int] = ()
) -> WorkingCalendar:
    """The working calendar with every office-kept year from the database."""
    overrides: dict[int, list[HolidayRow]] = {
        y: [] for y in session.scalars(select(CalendarYear.year))
    }
    if overrides:
        for day, name, kind, year in session.execute(
            select(
                CalendarHoliday.day,
                CalendarHoliday.name,
                CalendarHoliday.kind,
                CalendarHoliday.year,
            ).order_by(CalendarHoliday.day)
        ):
            if year in overrides:
                overrides[year].append(HolidayRow(day, name, HolidayKind(kind)))
    return WorkingCalendar(week_type, years=years, overrides=overrides)


def year_holidays(session: Session, actor: Actor, year: int) -> YearHolidays:
    """The holidays of ``year``: the office's own list if it keeps one, else the library's."""
    require(actor, Action.SCHEDULE_VIEW)
    _check_year(year)
    kept = session.scalar(select(CalendarYear).where(CalendarYear.year == year))
    if kept is None:
        return YearHolidays(year, library_holidays(year), False, "library")
    rows = tuple(
        HolidayRow(h.day, h.name, HolidayKind(h.kind))
        for h in session.scalars(
            select(CalendarHoliday)
            .where(CalendarHoliday.year == year)
            .order_by(CalendarHoliday.day)
        )
    )
    return YearHolidays(year, rows, True, kept.source, kept.updated_at)


def _check_year(year: int) -> None:
    if not 1900 <= year <= 2200:
        raise ValidationError(
            f"Tahun {year} di luar jangkauan kalender.",
            message_en=f"Year {year} is outside the calendar's range.",
            field="year",
        )


def _clean_rows(year: int, rows: Sequence[HolidayRow]) -> list[HolidayRow]:
    seen: dict[date, HolidayRow] = {}
    for row in rows:
        name = one_line(row.name, "name", label=("Nama hari libur", "The holiday name"))
        kind = parse_enum(HolidayKind, row.kind, "kind", label=("Jenis hari libur", "The kind"))
        if row.day.year != year:
            raise ValidationError(
                f"Tanggal {row.day:%d/%m/%Y} bukan tahun {year}.",
                message_en=f"{row.day:%Y-%m-%d} is not in {year}.",
                field="day",
            )
        if not name:
            raise ValidationError(
                f"Nama hari libur {row.day:%d/%m/%Y} kosong.",
                message_en=f"The holiday on {row.day:%Y-%m-%d} has no name.",
                field="name",
            )
        if len(name) > 200:
            raise ValidationError(
                "Nama hari libur paling panjang 200 huruf.",
                message_en="A holiday name is at most 200 characters.",
                field="name",
            )
        if row.day in seen:
            raise ValidationError(
                f"Tanggal {row.day:%d/%m/%Y} tercantum dua kali.",
                message_en=f"{row.day:%Y-%m-%d} is listed twice.",
                field="day",
            )
        seen[row.day] = HolidayRow(row.day, name, kind)
    return sorted(seen.values(), key=lambda r: r.day)


def _store_year(
    session: Session, actor: Actor, year: int, rows: Sequence[HolidayRow], source: str
) -> None:
    clean = _clean_rows(year, rows)
    kept = session.scalar(select(CalendarYear).where(CalendarYear.year == year))
    if kept is None:
        session.add(CalendarYear(year=year, source=source, changed_by_user_id=actor.user_id))
    else:
        kept.source = source
        kept.changed_by_user_id = actor.user_id
    existing = {
        h.day: h
        for h in session.scalars(select(CalendarHoliday).where(CalendarHoliday.year == year))
    }
    wanted = {r.day: r for r in clean}
    for day, row in existing.items():
        if day not in wanted:
            session.delete(row)
    session.flush()  # free the unique days before re-adding any
    for day, r in wanted.items():
        old = existing.get(day)
        if old is None:
            session.add(CalendarHoliday(year=year, day=day, name=r.name, kind=r.kind.value))
        elif (old.name, old.kind) != (r.name, r.kind.value):
            old.name, old.kind = r.name, r.kind.value
    session.flush()


def save_year_holidays(
    session: Session, actor: Actor, year: int, rows: Sequence[HolidayRow]
) -> YearHolidays:
    """Replace the whole list of ``year`` (all or nothing)."""
    require(actor, Action.CALENDAR_MANAGE)
    _check_year(year)
    _store_year(session, actor, year, rows, "manual")
    return year_holidays(session, actor, year)


def add_holiday(session: Session, actor: Actor, row: HolidayRow) -> YearHolidays:
    """Add (or rename) one holiday, e.g. the regency's anniversary, to its year's list."""
    require(actor, Action.CALENDAR_MANAGE)
    current = year_holidays(session, actor, row.day.year)
    rows = [r for r in current.rows if r.day != row.day] + [row]
    return save_year_holidays(session, actor, row.day.year, rows)


def remove_holiday(session: Session, actor: Actor, day: date) -> YearHolidays:
    """Make ``day`` a working day again (e.g. a cuti bersama cancelled by a revised SKB)."""
    require(actor, Action.CALENDAR_MANAGE)
    current = year_holidays(session, actor, day.year)
    if all(r.day != day for r in current.rows):
        raise ValidationError(
            f"{day:%d/%m/%Y} bukan hari libur dalam daftar.",
            message_en=f"{day:%Y-%m-%d} is not on the holiday list.",
        )
    return save_year_holidays(session, actor, day.year, [r for r in current.rows if r.day != day])


def reset_year(session: Session, actor: Actor, year: int) -> YearHolidays:
    """Forget the office's list of ``year``: back to the library's estimate."""
    require(actor, Action.CALENDAR_MANAGE)
    # ORM deletes, not a bulk DELETE: each removed row leaves a tombstone for sync
    for row in session.scalars(select(CalendarHoliday).where(CalendarHoliday.year == year)):
        session.delete(row)
    kept = session.scalar(select(CalendarYear).where(CalendarYear.year == year))
    if kept is not None:
        session.delete(kept)
    session.flush()
    return year_holidays(session, actor, year)


def read_holiday_file(path: Path) -> str:
    """The text of a holiday CSV; ImportFileError for unreadable, huge or non-UTF-8 files."""
    try:
        # only a regular file is read (a FIFO under the name would block forever), and no
        # more than the limit even if it grows meanwhile
        with open_regular(path) as fh:
            size = os.fstat(fh.fileno()).st_size
            data = fh.read(MAX_CSV_BYTES + 1) if size <= MAX_CSV_BYTES else b""
        size = max(size, len(data))
        if size > MAX_CSV_BYTES:
            raise ImportFileError(
                f"Berkas {path.name} terlalu besar ({size // 1024} KB) untuk daftar hari libur.",
                message_en=f"{path.name} is too large ({size // 1024} KB) for a holiday list.",
            )
    except OSError as exc:
        raise ImportFileError(
            f"Berkas {path.name} tidak dapat dibaca ({exc.strerror}).",
            message_en=f"{path.name} cannot be read ({exc.strerror}).",
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            f"Berkas {path.name} bukan teks CSV UTF-8 (simpan ulang sebagai 'CSV UTF-8').",
            message_en=f"{path.name} is not UTF-8 CSV text (save it again as 'CSV UTF-8').",
        ) from None


def import_holidays_csv(
    session: Session, actor: Actor, source: Path | str, *, mode: ImportMode = "replace"
) -> ImportResult:
    """Import a holiday CSV (columns tanggal, nama, jenis), all or nothing.

    ``source`` is a path or the CSV text. With ``mode="replace"`` each year in the file gets
    exactly the file's rows (an SKB list); with ``"merge"`` the rows are added to the year's
    current list, replacing entries of the same date (local holidays).
    """
    require(actor, Action.CALENDAR_MANAGE)
    text = read_holiday_file(source) if isinstance(source, Path) else source
    rows = parse_holiday_csv(text)  # raises ImportFileError listing every bad line
    if not rows:
        raise ImportFileError(
            "Berkas CSV hari libur tidak berisi satu baris pun.",
            message_en="The holiday CSV file has no rows.",
        )
    by_year: dict[int, list[HolidayRow]] = {}
    for row in rows:
        _check_year(row.day.year)
        by_year.setdefault(row.day.year, []).append(row)
    for year, given in sorted(by_year.items()):
        year_rows = given
        if mode == "merge":
            days = {r.day for r in given}
            current = year_holidays(session, actor, year).rows
            year_rows = [r for r in current if r.day not in days] + given
        _store_year(session, actor, year, year_rows, "csv")
    return ImportResult(tuple(sorted(by_year)), len(rows))
