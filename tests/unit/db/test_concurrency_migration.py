"""The concurrency branch (0710): upgrading a database at 0002 keeps its rows and adds an
empty ``last_edits``; model and migration agree; after the upgrade an update is recorded with
its user, PC and revision (and a row edited before it still answers from the audit trail)."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from flexdesk.db import all_models  # noqa: F401  (every table on Base.metadata)
from flexdesk.db.base import Base
from flexdesk.db.concurrency import ENV_PC_NAME, PC_NAME_FILE, WORKSTATION, workstation_name
from flexdesk.db.engine import Database
from flexdesk.db.migrate import alembic_heads, current_revisions, migrate_to_head, schema_heads
from flexdesk.db.models import Employee
from flexdesk.db.models_concurrency import LastEdit
from flexdesk.paths import DataPaths
from flexdesk.services.app import open_database


def test_upgrade_from_0002_adds_last_edits_and_records_updates(
    data_paths: DataPaths,
) -> None:
    data_paths.ensure()
    old = Database.for_file(data_paths.database)
    try:
        migrate_to_head(old, target="0002")
        with old.session() as session:
            session.add(Employee(id="emp-1", nama="Asep Suryadi"))
        with old.session() as session:  # an update before the table exists: no error
            emp = session.get(Employee, "emp-1")
            assert emp is not None
            emp.jabatan = "Sekretaris"
    finally:
        old.dispose()

    db = open_database(data_paths)
    try:
        assert "0710" in current_revisions(db)
        assert current_revisions(db) == alembic_heads() == schema_heads()
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT nama, rev FROM employees")).one() == (
                "Asep Suryadi",
                2,
            )
            assert conn.execute(text("SELECT count(*) FROM last_edits")).scalar() == 0
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
        assert [d for d in diff if "last_edits" in repr(d)] == []

        with db.session() as session:
            session.info[WORKSTATION] = "PC-TU-2"
            emp = session.get(Employee, "emp-1")
            assert emp is not None
            emp.jabatan = "Sekretaris Camat"
        with db.read_session() as session:
            edit = session.scalars(select(LastEdit)).one()
            assert (edit.entity, edit.entity_id, edit.rev, edit.workstation) == (
                "employee",
                "emp-1",
                3,
                "PC-TU-2",
            )
            assert edit.actor_name == "system"
        with db.session() as session:  # a deletion is recorded with the tombstone's rev
            session.info[WORKSTATION] = "PC-TU-3"
            session.delete(session.get(Employee, "emp-1"))
        with db.read_session() as session:
            edit = session.scalars(select(LastEdit)).one()
            assert (edit.rev, edit.workstation) == (4, "PC-TU-3")
    finally:
        db.dispose()


def test_pc_name_from_environment_then_data_folder_file(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_paths.ensure()
    db = Database(f"sqlite:///{data_paths.database}", data_root=data_paths.root)
    try:
        (data_paths.root / PC_NAME_FILE).write_text("# nama PC\nKasubag-1\n", encoding="utf-8")
        monkeypatch.delenv(ENV_PC_NAME, raising=False)
        session = db.new_session()
        assert workstation_name(session) == "Kasubag-1"
        monkeypatch.setenv(ENV_PC_NAME, "TU-3")
        assert workstation_name(session) == "TU-3"
        session.close()
    finally:
        db.dispose()
