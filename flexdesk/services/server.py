"""The office's PostgreSQL server as the first-run wizard and ``self-test`` meet it.

``check_server`` answers a clerk's "Uji koneksi" in words: is the server reachable with
these settings, does the database exist, which FlexDesk schema is in it, is an office already
set up there (then this PC signs in instead of creating a second office). It changes nothing
on the server. ``use_server`` then saves the URL for this data folder and opens the database
as every later start will (``services.app.open_database``: migrations, start-up checks).

Errors never show the password: the server is named by its URL with the password masked.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from flexdesk.db.engine import Database
from flexdesk.db.migrate import alembic_config, current_revisions, schema_heads
from flexdesk.errors import StorageError
from flexdesk.paths import DataPaths
from flexdesk.services import office
from flexdesk.services.storage.location import forget_database_url, save_database_url

log = logging.getLogger(__name__)


class Schema(enum.Enum):
    """What the server database holds, as far as FlexDesk's schema goes."""

    EMPTY = "empty"  # a new database: FlexDesk creates its tables
    CURRENT = "current"  # made by this FlexDesk version
    OLDER = "older"  # an older FlexDesk: upgraded when this PC opens it
    NEWER = "newer"  # a newer FlexDesk: this PC must be updated first


@dataclass(frozen=True)
class ServerCheck:
    """What "Uji koneksi" found (``where`` never holds the password)."""

    where: str
    server_version: str
    schema: Schema
    #: "unit kerja — instansi" when an office is already set up on the server
    office_name: str | None

    @property
    def usable(self) -> bool:
        return self.schema is not Schema.NEWER


def masked(url: str) -> str:
    """The URL for messages and logs: the password as ``***``."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "(URL tidak terbaca)"


def check_server(url: str) -> ServerCheck:
    """Connect to ``url`` and report what is there, or raise StorageError saying what to fix."""
    where = masked(url)
    db = _database(url, where)
    try:
        try:
            with db.engine.connect() as conn:
                version = str(conn.execute(text("SHOW server_version")).scalar())
                tables = set(inspect(conn).get_table_names())
        except DBAPIError as exc:
            raise connection_error(where, exc) from exc
        schema = _schema(db, tables, where)
        name = _office_name(db) if schema in (Schema.CURRENT, Schema.OLDER) else None
        return ServerCheck(where, version.split(maxsplit=1)[0], schema, name)
    finally:
        db.dispose()


def use_server(paths: DataPaths, url: str) -> tuple[Database, str | None]:
    """Make this data folder use the server at ``url`` and open it as a start-up does.

    Returns the database and the name of the office already set up on it (None: the wizard
    goes on to the office profile and the first admin, stored on the server). If opening
    fails, the data folder goes back to its local file, so a wrong setting never locks the
    PC out of the wizard.
    """
    from flexdesk.services.app import open_database  # the start-up path, loaded when used

    paths.ensure()
    save_database_url(paths, url)
    try:
        db = open_database(paths)
    except BaseException:
        forget_database_url(paths)
        raise
    log.info("this data folder now uses the database server %s", masked(url))
    return db, _office_name(db)


def _database(url: str, where: str) -> Database:
    try:
        return Database(url)
    except (ArgumentError, ValueError) as exc:
        raise StorageError(
            f"Alamat server tidak dapat dibaca ({where}: {exc}).",
            message_en=f"The server address cannot be read ({where}: {exc}).",
        ) from exc
    except ImportError as exc:
        raise StorageError(
            f"Driver PostgreSQL (psycopg) tidak ada di instalasi FlexDesk ini ({exc.name}).",
            message_en=f"The PostgreSQL driver (psycopg) is missing from this FlexDesk ({exc.name}).",
        ) from exc


def connection_error(where: str, exc: DBAPIError) -> StorageError:
    """The driver's failure in the words a clerk can act on (libpq's reason appended)."""
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
    low = reason.lower()
    if "does not exist" in low and "database" in low:
        id_, en = (
            "Server terhubung, tetapi basis data itu belum ada. Buat dulu di server "
            "(docs/postgresql.md, langkah 2) atau periksa ejaan nama basis data.",
            "The server answers, but that database does not exist. Create it on the server "
            "first (docs/postgresql.md, step 2) or check the database name's spelling.",
        )
    elif "password" in low or "authentication" in low:
        id_, en = (
            "Server terhubung, tetapi menolak nama pengguna atau kata sandi.",
            "The server answers, but refuses the user name or password.",
        )
    elif "pg_hba" in low:
        id_, en = (
            "Server terhubung, tetapi tidak mengizinkan komputer ini (pg_hba.conf di server; "
            "docs/postgresql.md, langkah 3).",
            "The server answers, but does not let this PC in (pg_hba.conf on the server; "
            "docs/postgresql.md, step 3).",
        )
    else:
        id_, en = (
            "Server tidak dapat dihubungi. Periksa bahwa komputer server menyala, alamat dan "
            "port benar, dan firewall server membuka port 5432 untuk jaringan kantor.",
            "The server cannot be reached. Check that the server PC is on, the address and "
            "port are right, and the server's firewall opens port 5432 to the office network.",
        )
    return StorageError(f"{id_} ({where}: {reason})", message_en=f"{en} ({where}: {reason})")


def _schema(db: Database, tables: set[str], where: str) -> Schema:
    revisions = current_revisions(db)
    if not revisions:
        if tables:
            raise StorageError(
                f"Basis data ini sudah berisi tabel program lain ({len(tables)} tabel), bukan "
                f"FlexDesk. Pakai basis data kosong khusus FlexDesk ({where}).",
                message_en=(
                    f"This database already holds another program's tables ({len(tables)}), "
                    f"not FlexDesk's. Use an empty database of its own ({where})."
                ),
            )
        return Schema.EMPTY
    if revisions == schema_heads():
        return Schema.CURRENT
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    scripts = ScriptDirectory.from_config(alembic_config())
    for rev in revisions:
        try:
            scripts.get_revision(rev)
        except CommandError:
            return Schema.NEWER
    return Schema.OLDER


def _office_name(db: Database) -> str | None:
    try:
        with db.read_session() as session:
            if not office.is_set_up(session):
                return None
            row = office.get_office(session)
            return f"{row.unit_kerja} — {row.instansi}" if row is not None else None
    except SQLAlchemyError:  # an older schema may lack a column the model reads
        log.warning("could not read the office on the server", exc_info=True)
        return None
