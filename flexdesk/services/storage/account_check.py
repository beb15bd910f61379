"""The account re-check (``services.session_check``) for work on the SQLite file itself, done
while the database is closed: a restore and a backup copied in from outside."""

from __future__ import annotations

import logging

from sqlalchemy.exc import DatabaseError

from flexdesk.db.engine import Database, sqlite_url
from flexdesk.errors import StorageError
from flexdesk.paths import DataPaths
from flexdesk.services import session_check
from flexdesk.services.permissions import Actor

log = logging.getLogger(__name__)


def require_signed_in_file(actor: Actor, paths: DataPaths) -> None:
    """A short read of the account in the data folder's database, then closed again: a restore
    must not give back the role of an account demoted since its sign-in. A database too damaged
    to read cannot say; the restore that repairs it goes on (the account was checked at sign-in
    and at every call before)."""
    if not actor.account or not paths.database.exists():
        return
    db = Database(sqlite_url(paths.database), data_root=paths.root)
    try:
        with db.read_session() as session:
            session_check.require_signed_in(session, actor)
    except (DatabaseError, StorageError) as exc:
        log.warning("account of %s not re-checked, database unreadable: %s", actor.username, exc)
    finally:
        db.dispose()
