"""Editing the database behind FlexDesk's back, as someone with the file (or the server) would:
outside the ORM, the audit trail's append-only triggers out of the way."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from typing import Any

from sqlalchemy import text

from flexdesk.db.engine import Database


def behind_flexdesk(
    db: Database, *statements: tuple[str, dict[str, Any]], restore_guards: bool = True
) -> None:
    """Run ``statements`` in one transaction outside FlexDesk, the append-only triggers out of
    the way (and put back afterwards unless ``restore_guards`` is False)."""
    if db.is_sqlite:
        assert db.engine.url.database
        db.engine.dispose()
        with closing(sqlite3.connect(db.engine.url.database)) as conn:
            conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
            conn.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
            for sql, params in statements:
                conn.execute(sql, params)
            if restore_guards:  # a careful tamperer puts them back (else: "unguarded")
                for verb in ("UPDATE", "DELETE"):
                    conn.execute(
                        f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
                        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
                    )
            conn.commit()
        return
    with db.engine.begin() as conn:
        conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        for sql, params in statements:
            conn.execute(text(sql), params)
        if restore_guards:
            conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))
