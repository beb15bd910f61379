"""Figures for the dashboard."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from flexdesk.db.models import Employee, User, WorkUnit
from flexdesk.services.office import require_office
from flexdesk.services.permissions import Action, Actor, require


@dataclass(frozen=True)
class OfficeSummary:
    """The dashboard's counts for the office."""

    office_name: str
    instansi: str
    active_employees: int
    units: int
    flex_eligible: int
    users: int


def office_summary(session: Session, actor: Actor) -> OfficeSummary:
    """Counts of active staff, units, flexible-work eligible staff and accounts."""
    require(actor, Action.OFFICE_VIEW)
    office = require_office(session)
    active = Employee.active.is_(True)
    return OfficeSummary(
        office_name=office.unit_kerja,
        instansi=office.instansi,
        active_employees=int(session.scalar(select(func.count(Employee.id)).where(active)) or 0),
        units=int(
            session.scalar(select(func.count(WorkUnit.id)).where(WorkUnit.active.is_(True))) or 0
        ),
        flex_eligible=int(
            session.scalar(
                select(func.count(Employee.id)).where(active, Employee.flex_eligible.is_(True))
            )
            or 0
        ),
        users=int(session.scalar(select(func.count(User.id)).where(User.active.is_(True))) or 0),
    )
