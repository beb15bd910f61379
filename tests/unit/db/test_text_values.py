"""Text the database cannot hold is refused before the flush, the same on every backend."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from flexdesk.db.engine import Database
from flexdesk.db.models import WorkUnit
from flexdesk.db.models_audit import AuditEntry
from flexdesk.errors import ValidationError
from flexdesk.services import units
from flexdesk.services.app import Services
from flexdesk.services.permissions import Actor


def _counts(db: Database) -> tuple[int, int]:
    with db.read_session() as session:
        return (
            session.scalar(select(func.count()).select_from(WorkUnit)) or 0,
            session.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        )


def test_nul_character_is_a_typed_error_and_nothing_is_written(db: Database, admin: Actor) -> None:
    services = Services(db, admin)
    before = _counts(db)
    with pytest.raises(ValidationError) as err:
        services.call(units.create_unit, "Seksi\x00Umum")
    assert "NUL" in err.value.message_en
    assert _counts(db) == before
    row = services.call(units.create_unit, "Seksi Umum")  # the same without it is fine
    with pytest.raises(ValidationError):
        services.call(units.update_unit, row.id, name="Seksi\x00Umum", code="", active=True)
    with db.read_session() as session:
        assert session.get(WorkUnit, row.id).name == "Seksi Umum"  # type: ignore[union-attr]
        # stored through the ORM without a service check first: the flush refuses it, naming
        # the field, before the driver sees it
        session.add(WorkUnit(name="Seksi\x00Lain", code="", active=True))
        with pytest.raises(ValidationError) as err:
            session.flush()
        assert err.value.field == "name"
