"""Changing cells of a month grid, all or nothing: a :class:`CellChange` is checked on its own
(a contradictory cell: a location on a day in the office, hours on a day of leave), the batch
as a whole (inside the month, one value per cell), then who may plan whom and which months are
locked, and only then is anything stored (:func:`set_entries`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.models_schedule import ScheduleEntryRow
from flexdesk.domain.dates import format_bulan_tahun, format_tanggal
from flexdesk.domain.schedule import ABSENCE_CODES, LEAVE_CODES, DayCode, ScheduleEntry
from flexdesk.domain.schedule_workflow import month_bounds
from flexdesk.errors import NotFound, ValidationError
from flexdesk.services.concurrency import take_write_lock
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.schedule.access import require_plan
from flexdesk.services.schedule.cell_rev import check_cell
from flexdesk.services.schedule.data import load_staff
from flexdesk.services.schedule.period_rows import ensure_period_rows, load_periods, locked_message
from flexdesk.services.validation import finite_number, one_line, parse_enum

MAX_LOCATION = 200
_HOURS = ("Jam kerja", "The working hours")
#: codes a location makes sense with: WFA (Pasal 12) and the destination of a dinas luar
LOCATION_CODES = frozenset({DayCode.WFA, DayCode.DINAS_LUAR})


@dataclass(frozen=True)
class CellChange:
    """The new content of one cell; ``code=None`` empties it."""

    employee_id: str
    day: date
    code: DayCode | str | None = None
    location: str = ""
    leave_kind: str | None = None
    hours: float | None = None
    #: optimistic concurrency (flexdesk.services.schedule.cell_rev), None: not checked. Exact:
    #: the entry's revision the grid knows (0: empty) and its id. Or from the grid's read: the
    #: office's change number then (an entry changed since has a higher one) and whether the
    #: cell was planned. A cell changed since on another PC is refused (StaleEdit)
    expected_rev: int | None = None
    expected_id: str = ""
    seen_seq: int | None = None
    seen_filled: bool = False

    @classmethod
    def of(cls, entry: ScheduleEntry | None, employee_id: str, day: date) -> CellChange:
        """The change that puts ``entry`` back (or empties the cell when None): for undo."""
        if entry is None:
            return cls(employee_id, day)
        return cls(employee_id, day, entry.code, entry.location, entry.leave_kind, entry.hours)

    @property
    def key(self) -> tuple[str, date]:
        return (self.employee_id, self.day)


@dataclass(frozen=True)
class EditResult:
    """What :func:`set_entries` stored: the new entries and the emptied cells."""

    stored: tuple[ScheduleEntry, ...] = ()
    cleared: tuple[tuple[str, date], ...] = ()
    #: the stored cells' entry id and revision now, for the grid's next save
    revs: tuple[tuple[tuple[str, date], str, int], ...] = ()

    @property
    def count(self) -> int:
        return len(self.stored) + len(self.cleared)


def _entry_of(change: CellChange) -> ScheduleEntry | None:
    if change.code is None or change.code == "":
        return None
    code = change.code
    entry = ScheduleEntry(
        change.employee_id,
        change.day,
        DayCode.parse(code) if isinstance(code, str) else parse_enum(DayCode, code, "code"),
        one_line(change.location, "location", label=("Lokasi", "The location")),
        change.leave_kind or None,
        None if change.hours is None else finite_number(change.hours, "hours", label=_HOURS),
    )
    when_id, when_en = format_tanggal(change.day), format_tanggal(change.day, "en")
    if entry.location and entry.code not in LOCATION_CODES:
        raise ValidationError(
            f"{when_id}: lokasi hanya diisi untuk WFA atau dinas luar, bukan untuk kode "
            f"{entry.code.value}.",
            message_en=f"{when_en}: a location goes only with WFA or official travel, not with "
            f"code {entry.code.value}.",
            field="location",
        )
    if len(entry.location) > MAX_LOCATION:
        raise ValidationError(
            f"{when_id}: lokasi paling panjang {MAX_LOCATION} huruf.",
            message_en=f"{when_en}: the location is at most {MAX_LOCATION} characters.",
            field="location",
        )
    if entry.hours is not None and entry.code in ABSENCE_CODES | LEAVE_CODES:
        raise ValidationError(
            f"{when_id}: jam kerja tidak dapat diisi pada hari {entry.code.value} (tidak bekerja).",
            message_en=f"{when_en}: working hours cannot be set on a day of code "
            f"{entry.code.value} (not working).",
            field="hours",
        )
    return entry


def _check_batch(
    changes: Sequence[CellChange], year: int, month: int
) -> list[tuple[CellChange, ScheduleEntry | None]]:
    first, last = month_bounds(year, month)
    seen: set[tuple[str, date]] = set()
    out: list[tuple[CellChange, ScheduleEntry | None]] = []
    for change in changes:
        if not first <= change.day <= last:
            raise ValidationError(
                f"Tanggal {format_tanggal(change.day)} di luar periode "
                f"{format_bulan_tahun(year, month)}; tidak ada yang diubah.",
                message_en=f"{format_tanggal(change.day, 'en')} is outside the period "
                f"{format_bulan_tahun(year, month, 'en')}; nothing was changed.",
                field="day",
            )
        if change.key in seen:
            raise ValidationError(
                f"Dua isian untuk sel yang sama ({format_tanggal(change.day)}); tidak ada yang "
                "diubah.",
                message_en=f"Two values for the same cell ({format_tanggal(change.day, 'en')}); "
                "nothing was changed.",
            )
        seen.add(change.key)
        out.append((change, _entry_of(change)))
    return out


def set_entries(
    session: Session, actor: Actor, year: int, month: int, changes: Sequence[CellChange]
) -> EditResult:
    """Store several cells of one month at once, all or nothing.

    Every change must fall inside the month, be the only one for its cell, make sense on its
    own, belong to someone the actor may plan for, in a month that is a draft or returned.
    The first problem raises a typed error and nothing is stored.
    """
    require(actor, Action.SCHEDULE_EDIT)
    checked = _check_batch(changes, year, month)
    if not checked:
        return EditResult()
    ids = list(dict.fromkeys(c.employee_id for c, _ in checked))
    _require_open_months(session, actor, ids, year, month)
    result, rows = _write_cells(session, checked, ids)
    ensure_period_rows(session, ids, year, month)
    session.flush()
    revs = tuple((key, row.id, row.rev) for key, row in rows.items())
    return EditResult(result.stored, result.cleared, revs)


def _require_open_months(
    session: Session, actor: Actor, ids: list[str], year: int, month: int
) -> None:
    """Each of ``ids`` is an active employee the actor may plan for, whose month is neither
    submitted nor approved; else the first problem raises and nothing is stored."""
    staff = {s.id: s for s in load_staff(session, ids=ids)}
    for emp_id in ids:
        member = staff.get(emp_id)
        if member is None:
            raise NotFound(
                "Pegawai aktif tidak ditemukan; tidak ada yang diubah.",
                message_en="Active employee not found; nothing was changed.",
            )
        require_plan(actor, member)
    periods = load_periods(session, year, month, ids)
    for emp_id in ids:
        info = periods.get(emp_id)
        if info is not None and not info.editable:
            raise locked_message(staff[emp_id], info)


def _existing_rows(
    session: Session, checked: list[tuple[CellChange, ScheduleEntry | None]], ids: list[str]
) -> dict[tuple[str, date], ScheduleEntryRow]:
    """The entry rows of the changed cells; when any change carries the revision it was made
    from, read under the write lock and checked cell by cell (the first stale one raises)."""
    days = [c.day for c, _ in checked]
    checking = any(c.expected_rev is not None or c.seen_seq is not None for c, _ in checked)
    query = select(ScheduleEntryRow).where(
        ScheduleEntryRow.employee_id.in_(ids),
        ScheduleEntryRow.day >= min(days),
        ScheduleEntryRow.day <= max(days),
    )
    if checking:
        take_write_lock(session)
        query = query.with_for_update().execution_options(populate_existing=True)
    existing = {(r.employee_id, r.day): r for r in session.scalars(query)}
    if checking:
        for change, _ in checked:
            check_cell(session, change, existing.get(change.key))
    return existing


def _write_cells(
    session: Session, checked: list[tuple[CellChange, ScheduleEntry | None]], ids: list[str]
) -> tuple[EditResult, dict[tuple[str, date], ScheduleEntryRow]]:
    """Insert, update or delete the entry rows of the checked changes (rows whose values
    stay the same are left untouched); also the stored cells' rows."""
    existing = _existing_rows(session, checked, ids)
    rows: dict[tuple[str, date], ScheduleEntryRow] = {}
    stored: list[ScheduleEntry] = []
    cleared: list[tuple[str, date]] = []
    deleted = False
    for change, entry in checked:
        row = existing.get(change.key)
        if entry is None:
            if row is not None:
                session.delete(row)
                deleted = True
            cleared.append(change.key)
            continue
        values = (entry.code.value, entry.location, entry.leave_kind, entry.hours)
        if row is None:
            row = ScheduleEntryRow(
                employee_id=entry.employee_id,
                day=entry.day,
                code=values[0],
                location=values[1],
                leave_kind=values[2],
                hours=values[3],
            )
            session.add(row)
        elif (row.code, row.location, row.leave_kind, row.hours) != values:
            row.code, row.location, row.leave_kind, row.hours = values
        rows[change.key] = row
        stored.append(entry)
    if deleted:
        session.flush()  # a cleared cell and a new one must not meet in the unique index
    return EditResult(tuple(stored), tuple(cleared)), rows
