"""Opening a data directory and running services on behalf of the signed-in user.

The UI and the CLI both go through here: ``open_database`` prepares the folder, backs up and
migrates the schema; ``login`` checks a password; ``Services`` runs a service function in its
own unit of work with the acting user filled in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError
from sqlalchemy.orm import Session

from flexdesk.db.engine import Database, sqlite_url
from flexdesk.db.migrate import MigrationResult, migrate_to_head
from flexdesk.errors import AuthError, StorageError
from flexdesk.paths import DataPaths, make_private
from flexdesk.services import auth, session_check, startup
from flexdesk.services.permissions import Actor
from flexdesk.services.storage.location import configured_database_url

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")


def open_database(
    paths: DataPaths, *, database_url: str | None = None, auto_backup: bool = True
) -> Database:
    """Create the data folders, check and open the database and bring its schema up to date.

    For the SQLite file: refuse a network share, run the integrity check (quick every start,
    full weekly), and after migrating settle what a killed process left half done
    (``startup.reconcile``) and take the daily automatic backup (once the office is set up;
    services.backup).
    """
    try:
        paths.ensure()
    except OSError as exc:
        raise StorageError(
            f"Folder data tidak dapat dibuat: {paths.root} ({exc.strerror}).",
            message_en=f"The data folder cannot be created: {paths.root} ({exc.strerror}).",
        ) from exc
    database_url = database_url or configured_database_url(paths)
    if not database_url:
        startup.refuse_network_share(paths.database)
        startup.check_integrity(paths.database, paths.root)
    db = (
        _server_database(database_url, paths)
        if database_url
        else Database(sqlite_url(paths.database), data_root=paths.root)
    )
    try:
        result: MigrationResult = migrate_to_head(db, backup_dir=paths.backups)
    except DatabaseError as exc:
        # Not a SQLite file, a damaged one, or locked by another program (or a server that
        # cannot be reached): say so in words instead of surfacing a driver traceback.
        db.dispose()
        if database_url:
            raise _server_error(database_url, exc) from exc
        raise StorageError(
            f"Basis data tidak dapat dibuka: {paths.database} ({exc.orig}). Berkas mungkin "
            f"rusak atau sedang dipakai program lain; cadangan ada di {paths.backups}.",
            message_en=(
                f"The database cannot be opened: {paths.database} ({exc.orig}). The file may "
                f"be damaged or in use by another program; backups are in {paths.backups}."
            ),
        ) from exc
    except BaseException:
        db.dispose()
        raise
    if not database_url:  # SQLite gives its -wal and -shm files the database file's mode
        for file in (paths.database, *_sidecars(paths.database)):
            if file.exists():
                make_private(file)
    if result.upgraded:
        log.info("schema upgraded (backup: %s)", result.backup)
    startup.reconcile(db, paths)  # what a killed process left half done (logged)
    if auto_backup and db.is_sqlite:
        _daily_backup(db, paths)
    return db


def _sidecars(database: Path) -> tuple[Path, Path]:
    return database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")


def _server_database(url: str, paths: DataPaths) -> Database:
    """The database at ``url`` (PostgreSQL on the office LAN; see docs/postgresql.md)."""
    try:
        return Database(url, data_root=paths.root)
    except (ArgumentError, ValueError) as exc:  # unparsable, unknown dialect, bad port
        raise StorageError(
            f"URL basis data tidak dapat dibaca ({exc}). Contoh yang benar: "
            "postgresql+psycopg://flexdesk:KATA_SANDI@192.168.1.10:5432/flexdesk",
            message_en=(
                f"The database URL cannot be read ({exc}). A correct one looks like: "
                "postgresql+psycopg://flexdesk:PASSWORD@192.168.1.10:5432/flexdesk"
            ),
        ) from exc
    except ImportError as exc:  # the driver is an optional extra
        raise StorageError(
            f"Driver basis data untuk URL ini belum terpasang ({exc.name}). Untuk PostgreSQL "
            "pasang FlexDesk dengan tambahan postgres: pip install 'flexdesk[postgres]'.",
            message_en=(
                f"The database driver for this URL is not installed ({exc.name}). For "
                "PostgreSQL install FlexDesk with the postgres extra: "
                "pip install 'flexdesk[postgres]'."
            ),
        ) from exc


def _server_error(url: str, exc: DatabaseError) -> StorageError:
    where = make_url(url).render_as_string(hide_password=True)
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
    return StorageError(
        f"Server basis data tidak dapat dipakai: {where} ({reason}). Periksa bahwa server "
        "PostgreSQL menyala, komputer ini terhubung ke jaringan kantor, dan alamat, nama "
        "pengguna, kata sandi serta nama basis data di URL benar.",
        message_en=(
            f"The database server cannot be used: {where} ({reason}). Check that the "
            "PostgreSQL server is running, this PC is on the office network, and the "
            "address, user name, password and database name in the URL are right."
        ),
    )


def _daily_backup(db: Database, paths: DataPaths) -> None:
    from flexdesk.services import office
    from flexdesk.services.storage import backup

    try:
        with db.read_session() as session:
            if not office.is_set_up(session):  # nothing worth keeping yet
                return
        backup.auto_backup_if_due(db, paths)
    except StorageError as exc:  # a full disk must not keep the office from working
        log.warning("automatic backup failed: %s", exc)


def _commit_even_on_auth_error(db: Database, run: Callable[[Session], T], actor: Actor | None) -> T:
    """Run ``run(session)`` and commit, also when it raises AuthError: a wrong password's
    failure count (and the lock it may set) must be kept although the call fails."""
    session = db.new_session()  # unlike Database.session, which rolls back on any error
    if actor is not None:
        session.info["actor"] = actor
    try:
        result = run(session)
        session.commit()
        return result
    except AuthError:
        session.commit()
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def login(db: Database, username: str, password: str) -> Actor:
    """Sign in; a failed attempt is still counted (and may lock the account)."""
    return _commit_even_on_auth_error(
        db, lambda session: auth.authenticate(session, username, password), None
    )


def change_own_password(services: Services, old: str, new: str) -> None:
    """Change the signed-in user's password; a wrong old password is counted toward the
    account's lockout like a failed sign-in (and kept, although the call fails)."""
    _commit_even_on_auth_error(
        services.db,
        lambda session: auth.change_own_password(session, services.actor, old, new),
        services.actor,
    )


def still_signed_in(session: Session, actor: Actor) -> None:
    """``session_check.require_signed_in``: every ``Services`` call starts with it."""
    session_check.require_signed_in(session, actor)


class Services:
    """Runs service functions as one signed-in user, each call in its own transaction; every
    call first checks that the account still is what it was at sign-in (``still_signed_in``)."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def call(
        self,
        fn: Callable[Concatenate[Session, Actor, P], T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """Run ``fn(session, actor, ...)`` in its own transaction, committed when it returns."""
        with self.db.session() as session:
            session.info["actor"] = self.actor  # the audit trail's "who" (flexdesk.db.audit)
            still_signed_in(session, self.actor)
            return fn(session, self.actor, *args, **kwargs)

    def read(
        self,
        fn: Callable[Concatenate[Session, Actor, P], T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """Run ``fn(session, actor, ...)`` in a read-only unit of work (rolled back)."""
        with self.db.read_session() as session:
            session.info["actor"] = self.actor
            still_signed_in(session, self.actor)
            return fn(session, self.actor, *args, **kwargs)
