"""Where this PC's database is: the SQLite file in the data folder, or a PostgreSQL server
named in ``database-url.txt`` there (docs/postgresql.md).

Apart from ``services.app`` so that backups and the CLI can ask without importing the
start-up path (which imports the backups).
"""

from __future__ import annotations

import os
from pathlib import Path

from flexdesk.errors import StorageError
from flexdesk.paths import DataPaths, make_private

DATABASE_URL_FILE = "database-url.txt"  # in the data folder: this PC's PostgreSQL server


def configured_database_url(paths: DataPaths) -> str | None:
    """The database server this PC uses when no ``--database-url`` is given: the first line of
    ``database-url.txt`` in the data folder that is not blank or a ``#`` comment (a file, not
    a database setting: it says where the database is). None: the SQLite file."""
    path = paths.root / DATABASE_URL_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise StorageError(
            f"Berkas {path} tidak dapat dibaca ({exc}).",
            message_en=f"The file {path} cannot be read ({exc}).",
        ) from exc
    for raw in text.splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            return line
    return None


def server_url(host: str, port: int, database: str, user: str, password: str) -> str:
    """The URL of an office's PostgreSQL server from the fields a clerk fills in the wizard.

    Built by SQLAlchemy so that a password with ``@``, ``:`` or ``/`` in it is escaped and
    cannot be read as part of the address.
    """
    from sqlalchemy.engine import URL

    url = URL.create(
        "postgresql+psycopg",
        username=user.strip() or None,
        password=password or None,
        host=host.strip() or None,
        port=port,
        database=database.strip() or None,
    )
    return url.render_as_string(hide_password=False)


def save_database_url(paths: DataPaths, url: str) -> Path:
    """Make this data folder use the server at ``url`` from now on (``database-url.txt``).

    The URL holds the server password, so the file is created owner-only (0600 on POSIX; on
    Windows the data folder under %LOCALAPPDATA% is the user's own). It is written to a
    temporary file first and moved into place, so a crash never leaves half a URL.
    """
    path = paths.root / DATABASE_URL_FILE
    tmp = path.with_name(path.name + ".tmp")
    text = (
        "# FlexDesk: the office's database server for this data folder (docs/postgresql.md).\n"
        "# Holds the server password: keep this file private. Delete it to use the local file.\n"
        f"{url}\n"
    )
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        make_private(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise StorageError(
            f"Berkas {path} tidak dapat ditulis ({exc.strerror}).",
            message_en=f"The file {path} cannot be written ({exc.strerror}).",
        ) from exc
    return path


def forget_database_url(paths: DataPaths) -> None:
    """Back to the SQLite file of the data folder (the wizard's "one PC" after a server)."""
    (paths.root / DATABASE_URL_FILE).unlink(missing_ok=True)
