"""The transfer branch (0600): upgrading a database at 0002 keeps its employees and accounts,
adds the empty contacts and first-password tables; models and
migration agree; an old account still signs in without being asked for a new password."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from flexdesk.db import all_models  # noqa: F401  (every table on Base.metadata)
from flexdesk.db.base import Base
from flexdesk.db.engine import Database
from flexdesk.db.migrate import alembic_heads, current_revisions, migrate_to_head, schema_heads
from flexdesk.db.models import Employee, Office, User
from flexdesk.paths import DataPaths
from flexdesk.services import auth
from flexdesk.services.app import login, open_database
from tests.support.helpers import USER_PASSWORD, password_hash


def test_upgrade_from_0002_adds_the_transfer_tables_and_keeps_data(
    data_paths: DataPaths,
) -> None:
    data_paths.ensure()
    old = Database.for_file(data_paths.database)
    try:
        migrate_to_head(old, target="0002")
        with old.session() as session:
            session.add(Office(code="O042", instansi="Pemkab", unit_kerja="Kec. Cigugur", city="K"))
            session.add(Employee(id="emp-1", nama="Asep Suryadi"))
            session.flush()
            session.add(
                User(
                    username="asep",
                    role="employee",
                    employee_id="emp-1",
                    password_hash=password_hash(USER_PASSWORD),
                    failed_attempts=0,
                    active=True,
                )
            )
    finally:
        old.dispose()

    db = open_database(data_paths)
    try:
        assert "0600" in current_revisions(db)
        assert current_revisions(db) == alembic_heads() == schema_heads()
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT nama FROM employees")).scalar() == "Asep Suryadi"
            for table in ("employee_contacts", "first_passwords"):
                assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
        assert [d for d in diff if "contacts" in repr(d) or "first_passwords" in repr(d)] == []
        actor = login(db, "asep", USER_PASSWORD)
        with db.read_session() as session:
            assert auth.password_change_required(session, actor) is False
    finally:
        db.dispose()
