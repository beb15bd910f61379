"""The attachment_store branch (0700): a database of the previous release (every other branch
at its head, evidence rows pointing at files in the data folder) is upgraded with its rows
kept and the three empty tables added; models and migration agree."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from flexdesk.db import all_models  # noqa: F401  (every table on Base.metadata)
from flexdesk.db.base import Base
from flexdesk.db.engine import Database
from flexdesk.db.migrate import alembic_heads, current_revisions, migrate_to_head, schema_heads
from flexdesk.db.models import Office
from flexdesk.paths import DataPaths
from flexdesk.services.app import open_database

NEW_TABLES = ("attachment_blobs", "attachment_chunks", "office_key_material")


def test_upgrade_from_previous_release_adds_the_store_tables(data_paths: DataPaths) -> None:
    data_paths.ensure()
    old = Database.for_file(data_paths.database)
    try:
        for head in sorted(schema_heads() - {"0700"}):
            migrate_to_head(old, target=head)
        assert "0700" not in current_revisions(old)
        with old.session() as session:
            session.add(Office(code="O042", instansi="Pemkab", unit_kerja="Kec. Cigugur", city="K"))
        with old.engine.connect() as conn:
            assert "attachment_blobs" not in _tables(conn)
    finally:
        old.dispose()

    db = open_database(data_paths)
    try:
        assert "0700" in current_revisions(db)
        assert current_revisions(db) == alembic_heads() == schema_heads()
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT code FROM offices")).scalar() == "O042"
            for table in NEW_TABLES:
                assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
        assert [d for d in diff if any(t in repr(d) for t in NEW_TABLES)] == []
    finally:
        db.dispose()


def _tables(conn: object) -> set[str]:
    from sqlalchemy import inspect

    return set(inspect(conn).get_table_names())
