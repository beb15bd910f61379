"""Where this PC's database is: the SQLite file in the data folder, or a PostgreSQL server
named in ``database-url.txt`` there (docs/postgresql.md).

Apart from ``services.app`` so that backups and the CLI can ask without importing the
start-up path (which imports the backups).
"""

from __future__ import annotations

from flexdesk.errors import StorageError
from flexdesk.paths import DataPaths

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
