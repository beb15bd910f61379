"""Reading a backup file without trusting it: what it holds (:func:`describe_backup`: kind,
date, record counts, office) and whether this version can restore it (:func:`verify_backup`:
intact, a FlexDesk schema this version knows)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from flexdesk.db.migrate import _REVISION_RE, MIGRATIONS_DIR
from flexdesk.errors import StorageError
from flexdesk.services.storage.backup_files import display_name, parse_name

#: tables whose row counts the backup list shows
COUNTED_TABLES = ("employees", "users", "output_logs", "schedule_entries", "audit_log")
#: Also counted, not listed with the records: bundle numbers used (one row per export, kept
#: for ever). More now than in a backup means bundles central may hold were made after it;
#: restoring it rewinds the bundle numbers and the audit chain, and central refuses the next
#: bundle (``fork`` / ``audit-continuity``) until its operator accepts the restored history.
SYNC_BUNDLES = "sync_bundles"
#: tables every FlexDesk database has had since the first schema (0001): without them a file
#: with a known ``alembic_version`` is still someone else's database
CORE_TABLES = frozenset({"offices", "employees", "users", "settings"})


@dataclass(frozen=True)
class BackupInfo:
    """A backup file as the backup list and the restore dialog show it."""

    path: Path
    kind: str  # auto | manual | pre-restore | pre-migration | other
    created: datetime  # UTC
    size: int
    counts: dict[str, int] = field(default_factory=dict)
    readable: bool = True
    office: str = ""  # "unit kerja — instansi" of the office it belongs to, if readable


def open_ro(path: Path) -> sqlite3.Connection:
    """Read a backup without writing anything beside it, treating its schema as untrusted.

    ``immutable=1``: a backup is a finished file, so SQLite takes no locks and creates no
    ``-wal``/``-shm`` even for a file in WAL mode (``mode=ro`` alone leaves both behind).
    ``trusted_schema=OFF``: views and triggers of a foreign file cannot call functions.
    """
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    # a damaged page may hold text that is not UTF-8: read it, let the checks refuse it
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
    conn.execute("PRAGMA trusted_schema=OFF")
    return conn


def describe_backup(path: Path) -> BackupInfo:
    """Kind, date, size, record counts and office of a backup (``readable`` False if
    SQLite cannot read it)."""
    kind, created = parse_name(path)
    stat = path.stat()
    if created is None:
        created = datetime.fromtimestamp(stat.st_mtime, UTC)
    counts: dict[str, int] = {}
    readable = True
    office_name = ""
    try:
        with closing(open_ro(path)) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            for table in (*COUNTED_TABLES, SYNC_BUNDLES):
                if table in tables:
                    counts[table] = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            if "offices" in tables:
                row = conn.execute("SELECT unit_kerja, instansi FROM offices LIMIT 1").fetchone()
                if row:
                    office_name = office_label(str(row[0]), str(row[1]))
    except (sqlite3.Error, ValueError, TypeError):
        readable = False
    return BackupInfo(path, kind, created, stat.st_size, counts, readable, office_name)


def bundles_since(backup_counts: dict[str, int], now_counts: dict[str, int]) -> int:
    """Sync bundles made after the backup was taken (0 if none, or if sync was never used)."""
    return max(0, now_counts.get(SYNC_BUNDLES, 0) - backup_counts.get(SYNC_BUNDLES, 0))


def office_label(unit_kerja: str, instansi: str) -> str:
    """The office as "unit kerja — instansi", printable, at most 200 characters."""
    text = f"{unit_kerja} — {instansi}"
    return "".join(ch if ch.isprintable() else " " for ch in text)[:200]


def known_revisions() -> set[str]:
    """The schema revisions this version ships migrations for."""
    found: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        m = _REVISION_RE.search(path.read_text(encoding="utf-8"))
        if m:
            found.add(m.group(1))
    return found


def verify_backup(path: Path, *, name: str | None = None) -> None:
    """Raise StorageError unless ``path`` is an intact FlexDesk database this version can open.

    ``name`` is what messages call the file (default: its own name).
    """
    label = name or display_name(path)

    def bad(reason_id: str, reason_en: str) -> StorageError:
        return StorageError(
            f"Cadangan {label} tidak dapat dipakai: {reason_id}.",
            message_en=f"The backup {label} cannot be used: {reason_en}.",
        )

    if not path.is_file():
        raise bad("berkas tidak ada", "the file does not exist")
    try:
        with closing(open_ro(path)) as conn:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            revisions = (
                {str(r[0])[:64] for r in conn.execute("SELECT version_num FROM alembic_version")}
                if "alembic_version" in tables
                else set()
            )
    except (sqlite3.Error, ValueError) as exc:
        raise bad(f"bukan basis data yang utuh ({exc})", f"not an intact database ({exc})") from exc
    if result != ["ok"]:
        detail = "; ".join(str(r) for r in result[:3])
        raise bad(f"rusak ({detail})", f"damaged ({detail})")
    if not revisions or not CORE_TABLES.issubset(tables):
        raise bad("bukan basis data FlexDesk", "not a FlexDesk database")
    unknown = revisions - known_revisions()
    if unknown:
        raise bad(
            f"dibuat oleh FlexDesk yang lebih baru (skema {', '.join(sorted(unknown))})",
            f"made by a newer FlexDesk (schema {', '.join(sorted(unknown))})",
        )
