"""Optimistic concurrency for grid cells: each cell of the month grid carries its entry's
revision (0 for an empty cell) and id; a cell saved from a stale view (another PC changed,
filled or emptied it since the grid was read) is refused, per cell, with who changed it on
which PC and when and the cell's current content (flexdesk.services.concurrency)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from flexdesk.db.models_schedule import ScheduleEntryRow
from flexdesk.domain.dates import format_tanggal
from flexdesk.services.concurrency import last_change, last_change_of, stale_edit

if TYPE_CHECKING:
    from flexdesk.services.schedule.cells import CellChange

ENTITY = ScheduleEntryRow.__entity__
#: (entry id, revision) of every planned cell of a month, keyed (employee id, day)
CellRevs = dict[tuple[str, date], tuple[str, int]]


def load_cell_revs(
    session: Session, first: date, last: date, employee_ids: Collection[str] | None = None
) -> CellRevs:
    """The entry id and revision of each planned cell from ``first`` to ``last``."""
    day_text = type_coerce(ScheduleEntryRow.day, String)
    query = select(
        ScheduleEntryRow.employee_id, day_text, ScheduleEntryRow.id, ScheduleEntryRow.rev
    ).where(ScheduleEntryRow.day >= first, ScheduleEntryRow.day <= last)
    if employee_ids is not None and len(employee_ids) < 400:
        query = query.where(ScheduleEntryRow.employee_id.in_(list(employee_ids)))
    wanted = None if employee_ids is None else set(employee_ids)
    days: dict[object, date] = {}
    out: CellRevs = {}
    for emp_id, raw_day, entry_id, rev in session.connection().execute(query):
        if wanted is not None and emp_id not in wanted:
            continue
        day = days.get(raw_day)
        if day is None:
            day = raw_day if isinstance(raw_day, date) else date.fromisoformat(str(raw_day)[:10])
            days[raw_day] = day
        out[(emp_id, day)] = (entry_id, int(rev))
    return out


def cell_content(row: ScheduleEntryRow | None) -> dict[str, Any] | None:
    """The cell as plain data (None: empty), the "current value" of a refused cell."""
    if row is None:
        return None
    return {
        "code": row.code,
        "location": row.location,
        "leave_kind": row.leave_kind,
        "hours": row.hours,
    }


def check_cell(session: Session, change: CellChange, row: ScheduleEntryRow | None) -> None:
    """Refuse ``change`` when its cell is no longer at the revision the grid showed."""
    expected = change.expected_rev
    current_rev = row.rev if row is not None else 0
    if expected is None or expected == current_rev:
        return
    if row is not None:
        who, entity_id = last_change(session, row), row.id
    else:  # emptied since: the deletion of the entry the grid showed
        entity_id = change.expected_id
        who = last_change_of(session, ENTITY, entity_id, None, None)
    when_id, when_en = format_tanggal(change.day), format_tanggal(change.day, "en")
    raise stale_edit(
        who,
        f"jadwal tanggal {when_id}",
        f"schedule of {when_en}",
        entity=ENTITY,
        entity_id=entity_id,
        expected_rev=expected,
        current_rev=current_rev,
        current=cell_content(row),
        field=f"cell:{change.employee_id}:{change.day.isoformat()}",
    )
