"""Work units (sub-units of the office: Seksi Pelayanan, Tata Usaha, ...)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from flexdesk.db.models import Employee, WorkUnit
from flexdesk.errors import ConflictError, NotFound, ValidationError
from flexdesk.services.concurrency import check_rev
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.validation import one_line


@dataclass(frozen=True)
class UnitRow:
    """A work unit with its active headcount."""

    id: str
    name: str
    code: str
    active: bool
    headcount: int
    rev: int = 0  # the revision a form read (optimistic concurrency, services/concurrency.py)


def list_units(session: Session, actor: Actor, *, include_inactive: bool = False) -> list[UnitRow]:
    """The office's work units with their active headcount, by name."""
    require(actor, Action.EMPLOYEE_VIEW)
    # (a Result has .keys(), so dict(result) would treat it as a mapping)
    counts = {
        unit_id: n
        for unit_id, n in session.execute(
            select(Employee.unit_id, func.count(Employee.id))
            .where(Employee.active.is_(True))
            .group_by(Employee.unit_id)
        )
    }
    query = select(WorkUnit).order_by(WorkUnit.name)
    if not include_inactive:
        query = query.where(WorkUnit.active.is_(True))
    return [
        UnitRow(u.id, u.name, u.code, u.active, int(counts.get(u.id, 0)), u.rev)
        for u in session.scalars(query)
    ]


def _row(session: Session, unit: WorkUnit) -> UnitRow:
    headcount = session.scalar(
        select(func.count(Employee.id)).where(
            Employee.unit_id == unit.id, Employee.active.is_(True)
        )
    )
    return UnitRow(unit.id, unit.name, unit.code, unit.active, int(headcount or 0), unit.rev)


def _code(code: object) -> str:
    return one_line(code, "code", 20, label=("Kode unit", "The unit code"))


def _check_name(session: Session, name: str, exclude_id: str | None = None) -> str:
    clean = one_line(name, "name", 200, label=("Nama unit kerja", "The unit name"))
    if not clean:
        raise ValidationError(
            "Nama unit kerja wajib diisi.", message_en="The unit name is required.", field="name"
        )
    clash = session.scalar(select(WorkUnit.id).where(func.lower(WorkUnit.name) == clean.lower()))
    if clash is not None and clash != exclude_id:
        raise ConflictError(
            f"Unit kerja '{clean}' sudah ada.",
            message_en=f"The unit '{clean}' already exists.",
            field="name",
        )
    return clean


def create_unit(session: Session, actor: Actor, name: str, code: str = "") -> UnitRow:
    """Add a work unit (admin only); names are unique."""
    require(actor, Action.UNIT_MANAGE)
    unit = WorkUnit(name=_check_name(session, name), code=_code(code), active=True)
    session.add(unit)
    session.flush()
    return UnitRow(unit.id, unit.name, unit.code, True, 0)


def update_unit(
    session: Session,
    actor: Actor,
    unit_id: str,
    *,
    name: str,
    code: str,
    active: bool,
    expected_rev: int | None = None,
) -> None:
    """Rename, recode or (de)activate a work unit (admin only). ``expected_rev``: the unit's
    revision the form read; a save against a unit changed since (on another PC) is refused
    with StaleEdit carrying the current UnitRow."""
    require(actor, Action.UNIT_MANAGE)
    unit = session.get(WorkUnit, unit_id)
    if unit is None:
        raise NotFound("Unit kerja tidak ditemukan.", message_en="Work unit not found.")
    check_rev(
        session,
        unit,
        expected_rev,
        "unit kerja",
        label_en="work unit",
        current=lambda: _row(session, unit),
    )
    unit.name = _check_name(session, name, exclude_id=unit_id)
    unit.code = _code(code)
    unit.active = active
