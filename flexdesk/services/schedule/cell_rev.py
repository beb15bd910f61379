"""Optimistic concurrency for grid cells: a cell saved from a stale view (another PC changed,
filled or emptied it since the grid was read) is refused, per cell, with who changed it on
which PC and when and the cell's current content (flexdesk.services.concurrency).

What a cell change knows of its cell (:class:`~.cells.CellChange`): for a cell the grid stored
itself, the entry's exact revision and id; for the others only the office's change number when
the grid was read (``MonthGrid.read_seq``) and whether the cell was planned then. Every write
gives the row a new change number (flexdesk.db.base), so "its change number is higher than the
read's" is "changed since". Why not a revision per cell from the read: reading the entries'
id and revision leaves the covering index of the month's scan (migration 0201) and doubled
the time to open a 500-person month; one counter read costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.audit import decode_json
from flexdesk.db.base import Tombstone
from flexdesk.db.models_audit import AuditEntry
from flexdesk.db.models_schedule import ScheduleEntryRow
from flexdesk.domain.dates import format_tanggal
from flexdesk.services.concurrency import (
    UNKNOWN_PC,
    LastChange,
    last_change,
    last_change_of,
    stale_edit,
)

if TYPE_CHECKING:
    from flexdesk.services.schedule.cells import CellChange

ENTITY = ScheduleEntryRow.__entity__
#: (entry id, revision) of the cells a grid stored itself, keyed (employee id, day)
CellRevs = dict[tuple[str, Any], tuple[str, int]]


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


def _is_stale(change: CellChange, row: ScheduleEntryRow | None) -> bool:
    if change.expected_rev is not None:
        return change.expected_rev != (row.rev if row is not None else 0)
    if change.seen_seq is None:
        return False
    if row is None:  # emptied since, or never planned
        return change.seen_filled
    return row.change_seq > change.seen_seq


def _deleted_entry_id(session: Session, change: CellChange) -> str:
    """The id of the cell's entry deleted since the grid's read (its tombstone, matched to the
    cell through the deletion's audit entry); "" when not found."""
    if change.expected_id:
        return change.expected_id
    ids = list(
        session.scalars(
            select(Tombstone.entity_id).where(
                Tombstone.entity == ENTITY, Tombstone.change_seq > (change.seen_seq or 0)
            )
        )
    )
    day = change.day.isoformat()
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(AuditEntry.entity_id, AuditEntry.before)
            .where(AuditEntry.entity == ENTITY, AuditEntry.op == "delete")
            .where(AuditEntry.entity_id.in_(ids[start : start + 500]))
        )
        for entity_id, before in rows:
            old = decode_json(before)
            if old.get("employee_id") == change.employee_id and str(old.get("day")) == day:
                return str(entity_id)
    return ""


def check_cell(session: Session, change: CellChange, row: ScheduleEntryRow | None) -> None:
    """Refuse ``change`` when its cell changed since the grid read (or stored) it."""
    if not _is_stale(change, row):
        return
    if row is not None:
        who, entity_id = last_change(session, row), row.id
    else:  # emptied since: the deletion of the entry the grid showed
        entity_id = _deleted_entry_id(session, change)
        who = (
            last_change_of(session, ENTITY, entity_id, None, None)
            if entity_id
            else LastChange("?", UNKNOWN_PC, None)
        )
    when_id, when_en = format_tanggal(change.day), format_tanggal(change.day, "en")
    raise stale_edit(
        who,
        f"jadwal tanggal {when_id}",
        f"schedule of {when_en}",
        entity=ENTITY,
        entity_id=entity_id,
        expected_rev=change.expected_rev,
        current_rev=row.rev if row is not None else 0,
        current=cell_content(row),
        field=f"cell:{change.employee_id}:{change.day.isoformat()}",
    )
