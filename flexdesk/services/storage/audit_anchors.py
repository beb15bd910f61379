"""Audit heads kept outside ``audit_log``: the trail may not be shorter than them, and its row
at each anchor's seq must still have the anchor's hash.

Someone who edits only the audit table (deleting its last rows, or rewriting them with a
recomputed chain) leaves these behind unchanged:

- ``sync_state.audit_acked_seq``/``audit_acked_hash``: the head central acknowledged in the
  newest receipt (central holds that row too, so it is the strongest anchor);
- each exported bundle whose file is still where it was written (``sync_bundles.folder`` /
  ``file_name``, unencrypted zips): ``bundle.json`` ``audit`` names the head it carried;
- each backup in the backups folder of this office made since the last restore (a restore
  legitimately rewinds the trail; the backups before it may hold the abandoned branch): the
  newest audit row it holds.

None of these is signed by anyone but the office, so they bind only the attacker who edits the
audit table alone; what stays hidden is in docs/audit.md.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.models import Office
from flexdesk.db.models_audit import AuditEntry
from flexdesk.db.models_sync import SyncBundle, SyncState
from flexdesk.errors import FlexDeskError
from flexdesk.services.storage.audit_findings import Problem
from flexdesk.services.storage.backup_check import open_ro
from flexdesk.services.storage.backup_files import backup_paths, describe_time, parse_name
from flexdesk.sync.auditchain import AuditFormatError, AuditRange
from flexdesk.sync.format.canonical import loads_strict
from flexdesk.sync.format.layout import HEADER
from flexdesk.sync.format.ziphygiene import SafeZip

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Anchor:
    """An audit head (row ``seq`` had ``hash``) recorded by ``source``."""

    seq: int
    hash: str
    name: str  # short id for the finding: "sync_state", "bundle 3", "backup <file>"
    source_id: str  # Indonesian: what holds it
    source_en: str


def _receipt_anchor(session: Session) -> list[Anchor]:
    state = session.scalars(select(SyncState).limit(1)).first()
    if state is None or not state.audit_acked_seq or not state.audit_acked_hash:
        return []
    return [
        Anchor(
            state.audit_acked_seq,
            state.audit_acked_hash,
            "sync_state",
            "tanda terima terakhir dari kantor pusat",
            "the last receipt central acknowledged",
        )
    ]


def _bundle_head(path: Path) -> AuditRange | None:
    """The audit range ``bundle.json`` of an exported zip declares (None: none or unreadable)."""
    try:
        with SafeZip(path) as zf:
            header = loads_strict(zf.read(HEADER), what=HEADER)
        rng = header.get("audit") if isinstance(header, dict) else None
        return None if rng is None else AuditRange.from_json(rng)
    except (FlexDeskError, AuditFormatError, OSError, KeyError, ValueError) as exc:
        log.info("audit anchor: bundle %s not read (%s)", path, exc)
        return None


def _bundle_anchors(session: Session) -> list[Anchor]:
    found: list[Anchor] = []
    for row in session.scalars(select(SyncBundle).order_by(SyncBundle.seq)):
        if not row.folder or not row.file_name.endswith(".zip"):
            continue  # never written, or encrypted to central (the office cannot read it)
        path = Path(row.folder) / row.file_name
        rng = _bundle_head(path) if path.is_file() else None
        if rng is not None and rng.end > 0:
            found.append(
                Anchor(
                    rng.end,
                    rng.head_hash,
                    f"bundle {row.seq}",
                    f"paket {row.seq} yang telah diekspor ({path.name})",
                    f"exported bundle {row.seq} ({path.name})",
                )
            )
    return found


def _backup_head(path: Path, office_id: str) -> tuple[int, str] | None:
    try:
        with closing(open_ro(path)) as conn:
            office = conn.execute("SELECT id FROM offices LIMIT 1").fetchone()
            if office is None or str(office[0]) != office_id:
                return None  # another office's file (or none): not this trail's history
            head = conn.execute(
                "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
            ).fetchone()
    except (sqlite3.Error, ValueError, TypeError) as exc:
        log.info("audit anchor: backup %s not read (%s)", path, exc)
        return None
    return None if head is None else (int(head[0]), str(head[1]))


def _lineage(paths: Iterable[Path]) -> list[Path]:
    """The backups made since the newest restore (pre-restore ones left out)."""
    paths = list(paths)
    restores = [describe_time(p) for p in paths if parse_name(p)[0] == "pre-restore"]
    since = max(restores) if restores else None
    return sorted(
        (
            p
            for p in paths
            if parse_name(p)[0] != "pre-restore" and (since is None or describe_time(p) > since)
        ),
        key=describe_time,
    )


def _backup_anchors(session: Session, folder: Path) -> list[Anchor]:
    office_id = session.scalars(select(Office.id).limit(1)).first()
    if office_id is None:
        return []
    found: list[Anchor] = []
    for path in _lineage(backup_paths(folder)):
        head = _backup_head(path, office_id)
        if head is not None:
            found.append(
                Anchor(
                    head[0],
                    head[1],
                    f"backup {path.name}",
                    f"cadangan {path.name}",
                    f"backup {path.name}",
                )
            )
    return found


def collect_anchors(session: Session, backups: Path | None = None) -> list[Anchor]:
    """Every audit head recorded outside the trail (backups only when a folder is given)."""
    anchors = _receipt_anchor(session) + _bundle_anchors(session)
    if backups is not None:
        anchors += _backup_anchors(session, backups)
    return anchors


def anchor_problems(session: Session, anchors: list[Anchor], last_seq: int) -> list[Problem]:
    """The trail (ending at row ``last_seq``) against ``anchors``."""
    problems: list[Problem] = []
    wanted = sorted({a.seq for a in anchors if a.seq <= last_seq})
    stored: dict[int, str] = {}
    if wanted:
        query = select(AuditEntry.seq, AuditEntry.hash).where(AuditEntry.seq.in_(wanted))
        stored = {int(seq): str(digest) for seq, digest in session.execute(query)}
    for a in anchors:
        if a.seq > last_seq:
            problems.append(
                Problem(
                    a.seq,
                    "audit_log",
                    a.name,
                    "truncated",
                    f"the trail ends at row {last_seq}, but {a.source_en} holds row {a.seq}",
                    f"jejak audit berakhir di baris {last_seq}, padahal {a.source_id} "
                    f"memuat baris {a.seq}",
                )
            )
        elif stored.get(a.seq) != a.hash:
            if a.seq in stored:
                en = f"row {a.seq} differs from the one {a.source_en} holds"
                id_ = f"baris {a.seq} berbeda dari yang dimuat {a.source_id}"
            else:
                en = f"row {a.seq}, which {a.source_en} holds, is missing"
                id_ = f"baris {a.seq}, yang dimuat {a.source_id}, hilang"
            problems.append(
                Problem(
                    a.seq,
                    "audit_log",
                    a.name,
                    "anchor",
                    en + " (the trail was rewritten)",
                    id_ + " (jejak audit ditulis ulang)",
                )
            )
    return problems
