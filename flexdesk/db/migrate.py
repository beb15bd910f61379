"""Schema migrations at start-up: back up first, refuse a database from a newer FlexDesk.

Every schema change is an Alembic revision in ``flexdesk/db/migrations/versions``; tests build
a database at an old revision, fill it, upgrade it to head and check that the data is kept.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from flexdesk.db.engine import Database
from flexdesk.errors import StorageError

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

#: The newest migration. Start-up compares the database with this constant and imports Alembic
#: (half a second) only when an upgrade is due; a test keeps it equal to Alembic's own head.
SCHEMA_HEAD = "0002"


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return rows[0] if len(rows) == 1 else None


@dataclass(frozen=True)
class MigrationResult:
    before: str | None
    after: str
    backup: Path | None

    @property
    def upgraded(self) -> bool:
        return self.before != self.after


def sqlite_file_backup(src: Path, dest: Path) -> Path:
    """Consistent copy of a live SQLite database through SQLite's online backup API."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    # closing(): sqlite3's own context manager only commits. Both files must be closed before
    # the rename, which Windows refuses while SQLite still holds the ``.part`` file open.
    with closing(sqlite3.connect(src)) as source, closing(sqlite3.connect(tmp)) as target:
        source.backup(target)
    tmp.replace(dest)
    return dest


def migrate_to_head(
    db: Database,
    *,
    backup_dir: Path | None = None,
    target: str = "head",
    backup: Callable[[Path, Path], Path] = sqlite_file_backup,
) -> MigrationResult:
    """Bring the schema to ``target``; take a backup first if an existing database changes.

    Raises StorageError if the database was written by a newer FlexDesk (its revision is
    unknown to this version): opening it could corrupt data the newer version relies on.
    """
    before = current_revision(db)
    if before == SCHEMA_HEAD and target in ("head", SCHEMA_HEAD):
        return MigrationResult(before=before, after=before, backup=None)
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    cfg = alembic_config()
    scripts = ScriptDirectory.from_config(cfg)
    if before is not None:
        try:
            scripts.get_revision(before)
        except CommandError:
            raise StorageError(
                "Basis data ini dibuat oleh FlexDesk versi yang lebih baru "
                f"(skema {before}). Perbarui FlexDesk ke versi terbaru untuk membukanya; "
                "data tidak diubah.",
                message_en=(
                    f"This database was written by a newer FlexDesk (schema {before}). "
                    "Update FlexDesk to open it; nothing was changed."
                ),
            ) from None
    wanted = scripts.get_current_head() if target == "head" else target
    backup_path: Path | None = None
    if before is not None and before != wanted and db.is_sqlite and backup_dir is not None:
        src = Path(db.engine.url.database or "")
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup_path = backup(src, backup_dir / f"pre-migration-{before}-{stamp}.sqlite3")
        log.info("backup before migration written to %s", backup_path)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
    after = current_revision(db)
    assert after is not None
    if before != after:
        log.info("database migrated from %s to %s", before, after)
    return MigrationResult(before=before, after=after, backup=backup_path)
