"""What goes into a bundle: every synced row changed after the acknowledged point.

The synced tables are discovered from ``Base.registry`` (every mapped class with
:class:`~flexdesk.db.base.SyncedMixin`), so a capability's tables travel as soon as its model
module exists, without editing this file. Excluded: user accounts (password hashes never leave
the office), any class that sets ``__sync__ = False``, and columns whose name says they hold a
secret. Deleted rows travel as ``op="delete"`` from the tombstones table.

The audit trail: :func:`collect_audit` takes the ``audit_log`` rows after the audit head
central acknowledged, exactly as stored, for ``data/audit/audit.ndjson`` (bundle format 2).

Evidence files: a capability declares which column of which entity holds the SHA-256 of a
file in the content-addressed attachment store (:func:`register_attachment_column`); the
output log's ``output_evidence.sha256`` is declared here.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Mapper, Session

from flexdesk.db import all_models  # noqa: F401  (every model on Base.registry)
from flexdesk.db.base import Base, SyncedMixin, Tombstone
from flexdesk.db.models_audit import AuditEntry
from flexdesk.db.models_sync import SyncAckedRev
from flexdesk.errors import BundleError
from flexdesk.sync.auditchain import GENESIS_HASH, AuditRecord, AuditSegment
from flexdesk.sync.bundle import AttachmentSource, ChangeRecord
from flexdesk.sync.format.model import ENTITY_RE, EXT_RE, RECORD_ID_RE, SHA256_RE

log = logging.getLogger(__name__)

#: entities that never leave the office (user accounts carry password hashes)
EXCLUDED_ENTITIES: set[str] = {"user"}
#: column names that hold secrets; dropped from the row data
SECRET_COLUMN_RE = re.compile(r"password|secret|private|token|salt", re.IGNORECASE)
#: at most this many audit rows per bundle (a long history goes over several bundles, each
#: continuing the chain); keeps ``audit.ndjson`` (read into memory by receivers) near 50 MB
MAX_AUDIT_ROWS = 50_000
#: bookkeeping columns that travel as record fields, not inside ``data``
_RECORD_COLUMNS = frozenset({"id", "rev", "change_seq"})


@dataclass(frozen=True)
class AttachmentColumn:
    """``entity.sha_column`` holds the SHA-256 of a stored file named by ``name_column``."""

    sha_column: str
    name_column: str | None = None


#: entity -> columns referring to evidence files (see module docstring)
ATTACHMENT_COLUMNS: dict[str, list[AttachmentColumn]] = {}


def register_attachment_column(entity: str, sha_column: str, name_column: str | None) -> None:
    """Declare that rows of ``entity`` refer to a stored file by SHA-256 in ``sha_column``."""
    cols = ATTACHMENT_COLUMNS.setdefault(entity, [])
    ref = AttachmentColumn(sha_column, name_column)
    if ref not in cols:
        cols.append(ref)


register_attachment_column("output_evidence", "sha256", "original_name")


def entity_name(cls: type[Any]) -> str:
    """The entity name a mapped class travels under (``__entity__``, else its table name)."""
    return str(getattr(cls, "__entity__", "") or cls.__tablename__)


def synced_classes() -> list[type[Any]]:
    """Every mapped SyncedMixin class that may travel, in table-name order."""
    found: list[type[Any]] = []
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if not issubclass(cls, SyncedMixin) or getattr(cls, "__sync__", True) is False:
            continue
        if entity_name(cls) in EXCLUDED_ENTITIES:
            continue
        found.append(cls)
    return sorted(found, key=lambda c: str(c.__tablename__))


def json_value(value: Any) -> Any:
    """A JSON-safe form of a column value (dates ISO, binary as its SHA-256 and size,
    floats as decimal strings: the bundle spec keeps amounts out of binary floating point)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, enum.Enum):
        return json_value(value.value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat(timespec="seconds") + "Z"
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        raw = bytes(value)
        return {"sha256": hashlib.sha256(raw).hexdigest(), "size": len(raw)}
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    return base64.b64encode(str(value).encode()).decode("ascii")


def row_data(obj: Any, mapper: Mapper[Any]) -> dict[str, Any]:
    """The JSON-safe column values of ``obj``, without the record columns and secrets."""
    data: dict[str, Any] = {}
    for attr in mapper.column_attrs:
        key = attr.key
        if key in _RECORD_COLUMNS or SECRET_COLUMN_RE.search(key):
            continue
        data[key] = json_value(getattr(obj, key))
    return data


def _ext(name: str | None) -> str:
    _stem, dot, ext = (name or "").rpartition(".")
    ext = ext.lower()
    return ext if dot and EXT_RE.match(ext) else "bin"


@dataclass
class Collected:
    """What :func:`collect_changes` found: the records and the evidence files they refer to."""

    changes: list[ChangeRecord]
    #: sha256 -> file extension (first name seen)
    attachments: dict[str, str]
    skipped: int = 0


def collect_changes(
    session: Session,
    *,
    after: int,
    progress: Callable[[int, int, str], None] | None = None,
) -> Collected:
    """Latest state of every synced row (and tombstone) with ``change_seq > after``."""
    acked = {(r.entity, r.entity_id): r.rev for r in session.scalars(select(SyncAckedRev))}
    gathered = _Gathered(acked)
    classes = synced_classes()
    allowed = {entity_name(c) for c in classes}
    for i, cls in enumerate(classes):
        if progress is not None:
            progress(i, len(classes) + 1, "collect")
        gathered.add_rows(session, cls, after)
    gathered.add_tombstones(session, after, allowed)
    changes = sorted(gathered.by_key.values(), key=lambda r: r.change_seq)
    if progress is not None:
        progress(len(classes) + 1, len(classes) + 1, "collect")
    return Collected(changes, gathered.attachments, gathered.skipped)


class _Gathered:
    """What :func:`collect_changes` found so far: the newest record per (entity, id), the
    evidence files they refer to, and how many rows were skipped as unfit to travel."""

    def __init__(self, acked: dict[tuple[str, str], int]) -> None:
        self.acked = acked  # (entity, id) -> the revision central acknowledged
        self.by_key: dict[tuple[str, str], ChangeRecord] = {}
        self.attachments: dict[str, str] = {}
        self.skipped = 0

    def base_rev(self, entity: str, rid: str, rev: int) -> int | None:
        value = self.acked.get((entity, rid))
        if value is not None and value >= rev:
            log.warning("acknowledged rev %s of %s/%s is not below %s", value, entity, rid, rev)
            return None
        return value

    def keep(self, rec: ChangeRecord) -> None:
        old = self.by_key.get((rec.entity, rec.id))
        if old is None or old.change_seq < rec.change_seq:
            self.by_key[(rec.entity, rec.id)] = rec

    def add_rows(self, session: Session, cls: type[Any], after: int) -> None:
        """The rows of ``cls`` changed after ``after``, as upserts."""
        entity = entity_name(cls)
        mapper = inspect(cls)
        refs = ATTACHMENT_COLUMNS.get(entity, [])
        rows = session.scalars(
            select(cls).where(cls.change_seq > after).order_by(cls.change_seq)
        ).all()
        for obj in rows:
            if (
                not ENTITY_RE.match(entity)
                or not RECORD_ID_RE.match(str(obj.id))
                or obj.change_seq < 1
            ):
                self.skipped += 1
                continue
            shas: list[str] = []
            for ref in refs:
                sha = getattr(obj, ref.sha_column, None)
                if isinstance(sha, str) and SHA256_RE.match(sha):
                    shas.append(sha)
                    name = getattr(obj, ref.name_column, None) if ref.name_column else None
                    self.attachments.setdefault(sha, _ext(name))
            self.keep(
                ChangeRecord(
                    change_seq=obj.change_seq,
                    entity=entity,
                    id=str(obj.id),
                    rev=obj.rev or 1,
                    base_rev=self.base_rev(entity, str(obj.id), obj.rev or 1),
                    op="upsert",
                    data=row_data(obj, mapper),
                    attachments=tuple(sorted(set(shas))),
                )
            )

    def add_tombstones(self, session: Session, after: int, allowed: set[str]) -> None:
        """Deletions after ``after`` of the entities in ``allowed``."""
        for tomb in session.scalars(
            select(Tombstone).where(Tombstone.change_seq > after).order_by(Tombstone.change_seq)
        ):
            if tomb.entity not in allowed or not RECORD_ID_RE.match(tomb.entity_id):
                continue  # users' deletions stay in the office too
            self.keep(
                ChangeRecord(
                    change_seq=tomb.change_seq,
                    entity=tomb.entity,
                    id=tomb.entity_id,
                    rev=tomb.rev,
                    base_rev=self.base_rev(tomb.entity, tomb.entity_id, tomb.rev),
                    op="delete",
                    data={},
                )
            )


def _audit_record(e: AuditEntry) -> AuditRecord:
    return AuditRecord(
        seq=e.seq,
        at=e.at,
        actor_id=e.actor_id,
        actor_name=e.actor_name,
        entity=e.entity,
        entity_id=e.entity_id,
        op=e.op,
        before=e.before,
        after=e.after,
        prev_hash=e.prev_hash,
        hash=e.hash,
    )


def collect_audit(session: Session, *, after: int, limit: int | None = None) -> AuditSegment | None:
    """The audit rows after seq ``after`` (central's acknowledged audit head), continuing from
    the office's own stored hash of row ``after``; None when there is no audit table.

    If the office has fewer rows than ``after`` (a database restored from an older backup),
    the segment starts after the office's last row, so central compares what the office really
    holds. A missing row ``after`` (rows deleted from the file) is a BundleError: the office
    cannot show that its chain continues; ``flexdesk audit verify`` names the damage.
    """
    if not inspect(session.connection()).has_table(AuditEntry.__tablename__):
        return None
    last = session.scalar(select(func.max(AuditEntry.seq))) or 0
    anchor = min(after, last)
    prev = GENESIS_HASH
    if anchor > 0:
        found = session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == anchor))
        if found is None:
            raise BundleError(
                f"Baris jejak audit #{anchor} hilang dari basis data kantor; bundel tidak "
                "dapat membuktikan kesinambungan jejak audit. Jalankan 'flexdesk audit "
                "verify' dan hubungi kantor pusat.",
                code="audit-chain",
                message_en=f"Audit row #{anchor} is missing from the office database; a bundle "
                "cannot show that the audit trail continues. Run 'flexdesk audit verify' and "
                "contact central.",
            )
        prev = found
    rows = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.seq > anchor)
        .order_by(AuditEntry.seq)
        .limit(MAX_AUDIT_ROWS if limit is None else limit)
    ).all()
    return AuditSegment(anchor + 1, prev, tuple(_audit_record(e) for e in rows))


def count_pending(session: Session, *, after: int) -> int:
    """How many rows (and deletions) the next bundle would carry (without loading them)."""
    classes = synced_classes()
    total = 0
    for cls in classes:
        total += session.scalar(select(func.count()).where(cls.change_seq > after)) or 0
    total += (
        session.scalar(
            select(func.count()).where(
                Tombstone.change_seq > after, Tombstone.entity.in_(entities(classes))
            )
        )
        or 0
    )
    return total


def attachment_sources(
    store_root: Path, wanted: dict[str, str], path_for: Callable[[str], Path]
) -> list[AttachmentSource]:
    """The evidence files to copy in; a missing file is an error the office must fix first."""
    from flexdesk.errors import BundleError

    sources: list[AttachmentSource] = []
    missing: list[str] = []
    for sha, ext in sorted(wanted.items()):
        path = path_for(sha)
        if not path.is_file():
            missing.append(sha)
            continue
        sources.append(AttachmentSource(sha, ext, path))
    if missing:
        short = ", ".join(m[:12] + "…" for m in missing[:5])
        raise BundleError(
            f"{len(missing)} berkas bukti tidak ada di folder lampiran ({store_root}): {short}. "
            "Pulihkan folder lampiran dari cadangan sebelum mengekspor.",
            code="missing-file",
            message_en=f"{len(missing)} evidence files are missing from {store_root}: {short}. "
            "Restore the attachments folder from a backup before exporting.",
        )
    return sources


def entities(classes: Iterable[type[Any]] | None = None) -> list[str]:
    """The entity names of ``classes`` (default: every synced class)."""
    return [entity_name(c) for c in (classes if classes is not None else synced_classes())]
