"""Connection pragmas and the office-wide change sequence that incremental sync relies on."""

from __future__ import annotations

from datetime import UTC

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from flexdesk.db.base import ChangeCounter, Tombstone, current_change_seq
from flexdesk.db.engine import BUSY_TIMEOUT_MS, READ_ONLY, Database
from flexdesk.db.models import Employee, WorkUnit


def _counter(db: Database) -> int:
    with db.read_session() as session:
        return current_change_seq(session)


def test_every_connection_gets_the_pragmas(db: Database) -> None:
    # Two connections open at once: the pragmas come from the connect hook, not by luck. (Read
    # connections: two writing transactions at once would wait for each other, engine.py.)
    reader = db.engine.execution_options(**{READ_ONLY: True})
    with reader.connect() as first, reader.connect() as second:
        for conn in (first, second):
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    assert BUSY_TIMEOUT_MS >= 1000


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(Employee(nama="Tanpa Unit", unit_id="no-such-unit"))
    with db.read_session() as session:
        assert session.scalars(select(Employee)).all() == []


def test_insert_update_delete_advance_the_change_sequence(db: Database) -> None:
    start = _counter(db)

    with db.session() as session:
        unit = WorkUnit(name="Seksi Pemerintahan", code="PEM")
        session.add(unit)
    assert unit.change_seq == start + 1
    assert unit.rev == 1
    assert unit.created_at.tzinfo is UTC
    assert _counter(db) == unit.change_seq
    created = unit.created_at

    with db.session() as session:
        row = session.get(WorkUnit, unit.id)
        assert row is not None
        row.code = "PMR"
    assert (row.change_seq, row.rev) == (start + 2, 2)
    assert row.created_at == created
    assert row.updated_at >= created
    assert _counter(db) == start + 2

    with db.session() as session:
        row = session.get(WorkUnit, unit.id)
        assert row is not None
        row.code = "PMR"  # same value: not a change, so no new number
    assert _counter(db) == start + 2

    with db.session() as session:
        session.delete(session.get(WorkUnit, unit.id))
    with db.read_session() as session:
        assert session.get(WorkUnit, unit.id) is None
        stone = session.scalars(select(Tombstone)).one()
        assert (stone.entity, stone.entity_id, stone.rev, stone.change_seq) == (
            "work_unit",
            unit.id,
            3,
            start + 3,
        )
        assert stone.deleted_at.tzinfo is UTC
        assert current_change_seq(session) == start + 3


def test_one_flush_hands_out_distinct_consecutive_numbers(db: Database) -> None:
    with db.session() as session:
        units = [WorkUnit(name=f"Unit {i}") for i in range(5)]
        session.add_all(units)
    assert sorted(u.change_seq for u in units) == [1, 2, 3, 4, 5]
    assert _counter(db) == 5


def test_rolled_back_changes_do_not_consume_numbers(db: Database) -> None:
    with db.session() as session:
        session.add(WorkUnit(name="Sekretariat"))
    before = _counter(db)
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(WorkUnit(name="Sekretariat"))  # duplicate name fails inside the flush
    assert _counter(db) == before
    with db.read_session() as session:
        assert session.scalar(select(ChangeCounter.value)) == before


def test_numbers_keep_rising_across_connections(db: Database) -> None:
    seen = []
    for i in range(3):
        other = Database(db.url)  # e.g. the app restarted
        try:
            with other.session() as session:
                unit = WorkUnit(name=f"Unit {i}")
                session.add(unit)
            seen.append(unit.change_seq)
        finally:
            other.dispose()
    assert seen == sorted(seen) and len(set(seen)) == 3
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT MAX(change_seq) FROM work_units")).scalar() == seen[-1]
