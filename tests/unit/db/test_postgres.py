"""PostgreSQL only: what several PCs writing to one server need (docs/postgresql.md)."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from flexdesk.db import migrate
from flexdesk.db.engine import Database
from flexdesk.services import office
from flexdesk.services.app import Services
from flexdesk.services.permissions import Actor
from flexdesk.services.storage import audit

pytestmark = pytest.mark.postgres


def test_two_pcs_writing_at_once_keep_one_audit_chain(db: Database, admin: Actor) -> None:
    """Settings are audited but take no change number: without the write lock the second
    writer would chain onto the same audit row as the first and fail on its sequence number."""
    first = db.new_session()
    first.info["actor"] = admin
    office.set_setting(first, admin, "paper_size", "F4")
    first.flush()  # audit row written, not committed: this PC is half-way through its save

    outcome: dict[str, object] = {}

    def other_pc() -> None:
        try:
            Services(db, admin).call(office.set_setting, "session_timeout_minutes", 45)
            outcome["saved"] = True
        except Exception as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=other_pc)
    thread.start()
    thread.join(0.5)
    assert thread.is_alive(), "the second writer waits for the first"
    first.commit()
    first.close()
    thread.join(15)
    assert outcome == {"saved": True}
    with db.read_session() as session:
        assert audit.verify_audit_chain(session) == []
        assert office.get_setting(session, "paper_size") == "F4"
        assert office.get_setting(session, "session_timeout_minutes") == 45


def test_a_read_takes_no_write_lock(db: Database, admin: Actor) -> None:
    first = db.new_session()
    first.info["actor"] = admin
    office.set_setting(first, admin, "paper_size", "F4")
    first.flush()
    try:
        with db.read_session() as session:  # another PC only looking: not blocked
            assert office.get_setting(session, "paper_size") == "A4"
    finally:
        first.rollback()
        first.close()
    # the lock went with the rollback: the next save does not wait
    Services(db, admin).call(office.set_setting, "paper_size", "F4")


def test_pcs_starting_together_after_an_update_migrate_once(db: Database) -> None:
    """Several PCs updated together all start by migrating an empty (or old) schema: one
    migrates, the others wait on the migration lock and then find the schema current. Each
    PC is a process of its own, as in the office (Alembic is not thread-safe anyway)."""
    from tests.support import pg as pg_support

    name = pg_support.new_name("migrate")
    url = pg_support.create_database(name)
    script = (
        "import sys\n"
        "from flexdesk.db import migrate\n"
        "from flexdesk.db.engine import Database\n"
        "db = Database(sys.argv[1])\n"
        "migrate.migrate_to_head(db)\n"
        "db.dispose()\n"
    )
    try:
        pcs = [
            subprocess.Popen(
                [sys.executable, "-c", script, url], stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
            for _ in range(3)
        ]
        outcomes = [pc.communicate(timeout=120) for pc in pcs]
        assert [pc.returncode for pc in pcs] == [0, 0, 0], [err.decode() for _, err in outcomes]
        check = Database(url)
        try:
            assert migrate.current_revisions(check) == migrate.schema_heads()
        finally:
            check.dispose()
    finally:
        pg_support.drop_database(name)
