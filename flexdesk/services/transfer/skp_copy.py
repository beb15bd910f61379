"""Copy last year's SKP for a whole unit: ``skp.copy_previous_skp`` for each of its employees.

Supervisors go first (fewest steps up to the top of the chain), so a staff RHK's link to the
supervisor's RHK is kept when the supervisor's copy has the same wording. An employee with no
earlier SKP, or whose new SKP already has RHK, is skipped with the reason; each employee's copy
runs in a savepoint, so one refusal never leaves half a copy.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.models import Employee, WorkUnit
from flexdesk.domain.people import full_name
from flexdesk.errors import ConflictError, NotFound
from flexdesk.services.outputs.skp import copy_previous_skp
from flexdesk.services.permissions import Action, Actor, require


@dataclass(frozen=True)
class UnitCopyLine:
    """One employee of the unit: copied (how many RHK, from which year) or why not."""

    employee_id: str
    name: str
    copied: int
    source_year: int | None
    reason: str = ""
    reason_en: str = ""


def _depth(emp: Employee, by_id: dict[str, Employee]) -> int:
    depth, seen, current = 0, {emp.id}, emp
    while current.supervisor_id and current.supervisor_id in by_id:
        current = by_id[current.supervisor_id]
        if current.id in seen:
            break
        seen.add(current.id)
        depth += 1
    return depth


def copy_unit_skp(session: Session, actor: Actor, unit_id: str, year: int) -> list[UnitCopyLine]:
    """Start ``year``'s SKP of every active employee of the unit from their latest earlier one
    (admin only); returns one line per employee."""
    require(actor, Action.EMPLOYEE_EDIT_ANY)
    if session.get(WorkUnit, unit_id) is None:
        raise NotFound("Unit kerja tidak ditemukan.", message_en="Work unit not found.")
    everyone = {e.id: e for e in session.scalars(select(Employee))}
    staff = [e for e in everyone.values() if e.unit_id == unit_id and e.active]
    staff.sort(key=lambda e: (_depth(e, everyone), e.nama.casefold()))
    lines: list[UnitCopyLine] = []
    for emp in staff:
        name = full_name(emp.gelar_depan, emp.nama, emp.gelar_belakang)
        try:
            with session.begin_nested():
                done = copy_previous_skp(session, actor, emp.id, year)
        except (NotFound, ConflictError) as exc:
            lines.append(UnitCopyLine(emp.id, name, 0, None, exc.message, exc.message_en))
            continue
        lines.append(UnitCopyLine(emp.id, name, done.copied, done.source_year))
    return lines
