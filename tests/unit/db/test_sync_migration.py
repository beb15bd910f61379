"""The sync branch (0300, 0301): upgrading a database at 0002 keeps its data and adds the office
sync tables; models and migration agree; an export works right after the upgrade. 0301 adds
the acknowledged audit head to a database at 0300."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from flexdesk.db import all_models  # noqa: F401  (every table on Base.metadata)
from flexdesk.db.base import Base
from flexdesk.db.engine import Database
from flexdesk.db.migrate import alembic_heads, current_revisions, migrate_to_head, schema_heads
from flexdesk.db.models import Employee, Office, WorkUnit
from flexdesk.paths import DataPaths
from flexdesk.services.app import open_database
from flexdesk.services.sync.collect import collect_audit, collect_changes

SYNC_TABLES = {"sync_keys", "sync_state", "sync_bundles", "sync_sent_records", "sync_acked_revs"}


def test_upgrade_from_0002_adds_the_sync_branch_and_keeps_data(data_paths: DataPaths) -> None:
    data_paths.ensure()
    old = Database.for_file(data_paths.database)
    try:
        migrate_to_head(old, target="0002")
        with old.session() as session:
            session.add(Office(code="O042", instansi="Pemkab", unit_kerja="Kec. Cigugur", city="K"))
            unit = WorkUnit(name="Sekretariat", code="SEK")
            session.add(unit)
            session.flush()
            session.add(Employee(id="emp-1", nama="Asep Suryadi", unit_id=unit.id))
        with old.engine.connect() as conn:
            assert not SYNC_TABLES & set(inspect(conn).get_table_names())
    finally:
        old.dispose()

    db = open_database(data_paths)
    try:
        assert "0301" in current_revisions(db)
        assert current_revisions(db) == alembic_heads() == schema_heads()
        with db.engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) >= SYNC_TABLES
            assert conn.execute(text("SELECT nama FROM employees")).scalar() == "Asep Suryadi"
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
        assert [d for d in diff if any(t in repr(d) for t in SYNC_TABLES)] == []
        # every row written before the upgrade is in the first bundle
        with db.read_session() as session:
            got = collect_changes(session, after=0)
        assert {(c.entity, c.data.get("nama") or c.data.get("name") or c.data.get("code"))
                for c in got.changes} == {
            ("office", "O042"),
            ("work_unit", "Sekretariat"),
            ("employee", "Asep Suryadi"),
        }  # fmt: skip
    finally:
        db.dispose()


def test_upgrade_from_0300_adds_the_audit_head_and_starts_the_chain_at_row_1(
    data_paths: DataPaths,
) -> None:
    data_paths.ensure()
    old = Database.for_file(data_paths.database)
    try:
        migrate_to_head(old, target="0300")
        with old.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO sync_state (id, next_bundle_seq, ack_seq, ack_sha256, "
                    "applied_through) VALUES (1, 4, 3, :sha, 17)"
                ),
                {"sha": "c" * 64},
            )
    finally:
        old.dispose()

    db = open_database(data_paths)
    try:
        assert "0301" in current_revisions(db)
        with db.engine.connect() as conn:
            row = conn.execute(
                text(
                    "SELECT next_bundle_seq, applied_through, audit_acked_seq, audit_acked_hash "
                    "FROM sync_state"
                )
            ).one()
            assert tuple(row) == (4, 17, 0, None)
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
        assert [d for d in diff if "sync_state" in repr(d)] == []
        with db.session() as session:
            session.add(Office(code="O042", instansi="Pemkab", unit_kerja="Kec. Cigugur", city="K"))
        with db.read_session() as session:
            segment = collect_audit(session, after=0)
        assert segment is not None and segment.start == 1 and segment.rows
        assert segment.rows[0].entity == "office" and segment.range.prev_hash == "0" * 64
    finally:
        db.dispose()
