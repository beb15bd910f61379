"""Start-up clean-up of files that only a killed process leaves behind.

Every writer here puts its data under a hidden temporary name and renames it into place
(:func:`flexdesk.sync._fs.temp_path_for`: ``.<final name>.tmp-<8 hex>``), and removes the
temporary file on any error it sees; a kill or a power cut skips that. What is removed:

- hidden temporary copies (and their SQLite ``-journal``) in the data folder (the database
  written by a restore, small state files), in the backups folder (a backup being made or
  imported) and in the default export folder (a bundle; bundles elsewhere are cleaned with
  their history row by :mod:`flexdesk.services.storage.bundle_reconcile`);
- ``*.part`` files in the attachment store's ``tmp`` folder (an evidence file being copied in);
- evidence copies in the data folder's ``cache`` (files opened in a viewer from an earlier
  session, ``cache/bukti``; a killed export's staged evidence, ``cache/export``): the store
  still holds every one of them, hash-checked;
- a ``flexdesk-pre-restore-*`` copy left by a restore that was refused after it made the copy
  (the database was still in use): the database was never replaced, so the copy only repeats
  it. It is recognised by its audit trail: its newest audit row is, with the same hash, in the
  current database, and so are, unchanged, all rows of its sync tables (bundle history, keys,
  acknowledged point: not audited), i.e. the current database continues the copied state.
  The copy of a restore that went through is never such a prefix (the restored, older state
  carries on with other rows) and is kept, as are copies that cannot be read or hold no audit
  row: when in doubt, a backup stays.

Only files older than ``before`` are touched (the caller passes the process start, or a few
minutes ago if earlier: a file being written has a fresh modification time), and only while
this process holds the data folder's instance lock (:mod:`flexdesk.services.startup`).
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from flexdesk.db.engine import Database
from flexdesk.paths import DataPaths
from flexdesk.services.storage.attachments import TMP_DIR
from flexdesk.services.storage.backup_files import SUFFIX

log = logging.getLogger(__name__)

Kind = Literal["temporary copy", "attachment part", "refused restore copy", "evidence copy"]
#: ``.<final>.tmp-<8 hex>`` (sync._fs.temp_path_for) and the journal SQLite puts beside it
TEMP_RE = re.compile(r"^\..+\.tmp-[0-9a-f]{8}(-journal)?$")
PRE_RESTORE_RE = re.compile(r"^flexdesk-pre-restore-\d{8}-\d{6}(?:-\d+)?" + re.escape(SUFFIX) + "$")

#: tables a restore decision must look at beside the audit trail (they are not audited)
SYNC_TABLES = ("sync_state", "sync_keys", "sync_bundles", "sync_sent_records", "sync_acked_revs")
#: (newest audit row (seq, hash), every row of SYNC_TABLES as (table, sorted column items))
_State = tuple[tuple[int, str], frozenset[tuple[str, tuple[tuple[str, Any], ...]]]]


@dataclass(frozen=True)
class RemovedFile:
    """One leftover removed at start-up."""

    path: Path
    kind: Kind
    size: int


def clean_leftovers(
    db: Database, paths: DataPaths, *, before: float, include_exports: bool = True
) -> list[RemovedFile]:
    """Remove the leftovers described in the module docstring that are older than ``before``
    (a POSIX timestamp); ``include_exports=False`` while an export may be writing there."""
    folders = [paths.root, paths.backups, *([paths.exports] if include_exports else [])]
    candidates: list[tuple[Path, Kind]] = [
        (p, "temporary copy") for folder in folders for p in _matching(folder, TEMP_RE)
    ]
    candidates += [
        (p, "attachment part")
        for p in _entries(paths.attachments / TMP_DIR)
        if p.name.endswith(".part")
    ]
    cached = [paths.cache / "bukti", *([paths.cache / "export"] if include_exports else [])]
    candidates += [(p, "evidence copy") for folder in cached for p in _files_below(folder)]
    database = Path(db.engine.url.database or "") if db.is_sqlite else None
    copies = _matching(paths.backups, PRE_RESTORE_RE)
    if database is not None and copies:
        current = _read_state(database)
        candidates += [
            (p, "refused restore copy") for p in copies if _repeats_current(p, database, current)
        ]
    removed = [r for path, kind in candidates if (r := _remove_old(path, kind, before))]
    for r in removed:
        log.warning("removed a leftover %s at start-up: %s (%d bytes)", r.kind, r.path, r.size)
    return removed


def _entries(folder: Path) -> Iterable[Path]:
    try:
        return list(folder.iterdir())
    except OSError:  # missing or unreadable: nothing to clean there
        return []


def _files_below(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    except OSError:
        return []


def _matching(folder: Path, pattern: re.Pattern[str]) -> list[Path]:
    return [p for p in _entries(folder) if pattern.match(p.name)]


def _remove_old(path: Path, kind: Kind, before: float) -> RemovedFile | None:
    """Unlink ``path`` if it is a regular file last modified before ``before``."""
    try:
        info = path.lstat()
        if not path.is_file() or path.is_symlink() or info.st_mtime >= before:
            return None
        path.unlink()
    except OSError as exc:
        if not isinstance(exc, FileNotFoundError):
            log.warning("cannot remove leftover %s: %s", path, exc)
        return None
    return RemovedFile(path, kind, info.st_size)


def _read_state(path: Path) -> _State | None:
    """The newest audit row (seq, hash) and the rows of the sync tables of the SQLite file
    ``path``, read-only; None if it cannot be read or has no audit row."""
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=2)) as conn:
            head = conn.execute(
                "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
            ).fetchone()
            rows = frozenset(
                (table, tuple(sorted(zip(names, row, strict=True))))
                for table in SYNC_TABLES
                for names, row in _rows(conn, table)
            )
    except (sqlite3.Error, ValueError):
        return None
    if head is None:
        return None
    return (int(head[0]), str(head[1])), rows


def _rows(conn: sqlite3.Connection, table: str) -> Iterator[tuple[list[str], tuple[Any, ...]]]:
    cursor = conn.execute(f"SELECT * FROM {table}")
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield names, tuple(row)


def _has_audit_row(path: Path, seq: int, digest: str) -> bool:
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=2)) as conn:
            row = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", (seq,)).fetchone()
    except (sqlite3.Error, ValueError):
        return False
    return row is not None and row[0] == digest


def _repeats_current(path: Path, database: Path, current: _State | None) -> bool:
    """True if the pre-restore copy ``path`` holds a state the current ``database``
    continues: its newest audit row is, with the same hash, in the current trail, and every
    row of its sync tables (not audited: bundle history, keys, acknowledged point) is in
    the current database unchanged. A copy that holds a bundle or a key the current database
    lacks is what keeps a restored office from reusing bundle numbers; it stays. False when
    in doubt."""
    copy = _read_state(path)
    if copy is None or current is None:
        return False
    (seq, digest), rows = copy
    return rows <= current[1] and _has_audit_row(database, seq, digest)
