"""Schema migrations at start-up: back up first, refuse a database from a newer FlexDesk.

Every schema change is an Alembic revision in ``flexdesk/db/migrations/versions``; tests build
a database at an old revision, fill it, upgrade it to head and check that the data is kept.
"""

from __future__ import annotations

import logging
import os
import re
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

#: PostgreSQL advisory lock ("FDMG") held by the PC that migrates: on an office server the PCs
#: updated together all start by migrating; the others wait, then find the schema current.
MIGRATE_LOCK_KEY = 0x46444D47

_REVISION_RE = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_RE = re.compile(r"^down_revision\s*=\s*(.+)$", re.MULTILINE)


def schema_heads() -> frozenset[str]:
    """The newest revision of each migration branch, read from the version files.

    Each capability adds its tables on its own branch off the core schema, so the schema can
    have several heads. Start-up compares the database with these and imports Alembic (half a
    second) only when an upgrade is due; a test keeps this equal to Alembic's own answer.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        rev = _REVISION_RE.search(source)
        down = _DOWN_RE.search(source)
        if rev is None or down is None:
            continue
        revisions.add(rev.group(1))
        parents.update(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
    return frozenset(revisions - parents)


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def alembic_heads() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    return frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_revisions(db: Database) -> frozenset[str]:
    """The revisions the database is at (one per branch); empty for a new database."""
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return frozenset()
        return frozenset(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())


def describe(revisions: frozenset[str]) -> str:
    return "+".join(sorted(revisions)) or "-"


@dataclass(frozen=True)
class MigrationResult:
    before: frozenset[str]
    after: frozenset[str]
    backup: Path | None

    @property
    def upgraded(self) -> bool:
        return self.before != self.after


def sqlite_file_backup(src: Path, dest: Path) -> Path:
    """Consistent copy of a live SQLite database through SQLite's online backup API."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)  # left by a migration killed mid-copy
    # created empty (a valid empty SQLite database) with owner-only permissions first
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    # closing(): sqlite3's own context manager only commits. Both files must be closed before
    # the rename, which Windows refuses while SQLite still holds the ``.part`` file open.
    with closing(sqlite3.connect(src)) as source, closing(sqlite3.connect(tmp)) as target:
        source.backup(target)
        # one self-contained file: a WAL-mode copy grows -wal/-shm files when read
        target.execute("PRAGMA journal_mode=DELETE")
    with open(tmp, "rb") as fh:  # durable before the rename makes it a backup
        os.fsync(fh.fileno())
    tmp.replace(dest)
    return dest


def migrate_to_head(
    db: Database,
    *,
    backup_dir: Path | None = None,
    target: str = "heads",
    backup: Callable[[Path, Path], Path] = sqlite_file_backup,
) -> MigrationResult:
    """Bring the schema to ``target`` (every branch's head by default); take a backup first if
    an existing database changes.

    Raises StorageError if the database was written by a newer FlexDesk (a revision unknown to
    this version): opening it could corrupt data the newer version relies on.
    """
    before = current_revisions(db)
    if target == "heads" and before == schema_heads():
        return MigrationResult(before=before, after=before, backup=None)
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    cfg = alembic_config()
    scripts = ScriptDirectory.from_config(cfg)
    for rev in before:
        try:
            scripts.get_revision(rev)
        except CommandError:
            raise StorageError(
                "Basis data ini dibuat oleh FlexDesk versi yang lebih baru "
                f"(skema {rev}). Perbarui FlexDesk ke versi terbaru untuk membukanya; "
                "data tidak diubah.",
                message_en=(
                    f"This database was written by a newer FlexDesk (schema {rev}). "
                    "Update FlexDesk to open it; nothing was changed."
                ),
            ) from None
    backup_path: Path | None = None
    if before and db.is_sqlite and backup_dir is not None:
        src = Path(db.engine.url.database or "")
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        name = f"pre-migration-{describe(before)}-{stamp}.sqlite3"
        backup_path = backup(src, backup_dir / name)
        log.info("backup before migration written to %s", backup_path)
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Held until this transaction ends (the DDL is transactional there). A PC that
            # waited here reads the committed alembic_version next, and Alembic has nothing
            # left to do.
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATE_LOCK_KEY})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
    after = current_revisions(db)
    if before != after:
        log.info("database migrated from %s to %s", describe(before), describe(after))
    return MigrationResult(before=before, after=after, backup=backup_path)
